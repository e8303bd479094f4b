//! What LK005 and SX005 both know of URLs: the locale segment (`/en-us/`) that sends a
//! reader to one language, and the URL without it; and where a link's destination is
//! written, for the fixes of LK003 and LK005.

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

/// Where the link's destination `url` is written in its source `raw` (not its text, which
/// may be the same URL): after `](`, `href="`, `href='` or `<`, or its only occurrence.
/// `None` when it is written otherwise (escaped, say): no fix then.
pub fn destination_at(raw: &str, url: &str) -> Option<usize> {
    for before in ["](", "href=\"", "href='", "<"] {
        if let Some(at) = raw.find(&format!("{before}{url}")) {
            return Some(at + before.len());
        }
    }
    let first = raw.find(url)?;
    (raw.rfind(url) == Some(first)).then_some(first)
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
