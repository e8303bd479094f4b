//! What LK005 and SX005 both know of URLs: the locale segment (`/en-us/`) that sends a
//! reader to one language, and the URL without it.

use std::sync::LazyLock;

use regex::Regex;

static LOCALE_SEGMENT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)/([a-z]{2}-[a-z]{2})(/|$|\?|#)").expect("valid regex"));

/// The first locale segment of `url` and the URL without it:
/// `https://x.com/en-us/a` → (`en-us`, `https://x.com/a`).
pub fn locale_segment(url: &str) -> Option<(&str, String)> {
    let m = LOCALE_SEGMENT.captures(url)?;
    let locale = m.get(1)?.as_str();
    Some((locale, url.replacen(&format!("/{locale}"), "", 1)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_locale_segment_and_the_url_without_it() {
        assert_eq!(
            locale_segment("https://x.com/en-us/a?b"),
            Some(("en-us", "https://x.com/a?b".to_string()))
        );
        assert_eq!(
            locale_segment("https://x.com/EN-US"),
            Some(("EN-US", "https://x.com".to_string()))
        );
        assert_eq!(locale_segment("https://x.com/a/en-usx"), None);
    }
}
