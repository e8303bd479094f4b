//! Inline suppression comments:
//! `<!-- diglot-disable-next-line CODE -->`, `<!-- diglot-disable CODE -->` …
//! `<!-- diglot-enable CODE -->`. Several codes may be listed; no code means every code.

use crate::diagnostics::Diagnostic;
use crate::site::Site;

/// A file's suppressed (line range, code) pairs; `None` code means all.
type Ranges = Vec<(u32, u32, Option<String>)>;

/// Whether a text may hold suppression comments (it names `diglot-`).
pub fn in_text(text: &str) -> bool {
    text.contains("diglot-")
}

/// Whether the file at `path` may suppress findings.
pub fn may_suppress(site: &Site, path: &str) -> bool {
    site.by_path(path).is_some_and(|a| in_text(&a.file.text))
}

/// Drops the findings of one file that its own suppression comments cover (only articles
/// carry them).
pub fn apply_to_file(site: &Site, path: &str, diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let Some(article) = site.by_path(path) else {
        return diagnostics;
    };
    if !in_text(&article.file.text) {
        return diagnostics;
    }
    let ranges = ranges(&article.file.text);
    diagnostics
        .into_iter()
        .filter(|d| {
            !ranges.iter().any(|(from, to, code)| {
                (*from..=*to).contains(&d.line)
                    && code.as_deref().is_none_or(|c| c == d.code || c == d.rule)
            })
        })
        .collect()
}

fn ranges(text: &str) -> Ranges {
    let mut out = Vec::new();
    let mut open: Vec<(u32, Option<String>)> = Vec::new();
    let mut last_line = 0;
    for (i, line) in text.lines().enumerate() {
        let n = i as u32 + 1;
        last_line = n;
        let mut rest = line;
        while let Some(at) = rest.find("<!--") {
            let after = &rest[at + 4..];
            let end = after.find("-->").unwrap_or(after.len());
            let words: Vec<&str> = after[..end].split_whitespace().collect();
            rest = &after[end..];
            let Some((&directive, codes)) = words.split_first() else {
                continue;
            };
            let codes: Vec<Option<String>> = if codes.is_empty() {
                vec![None]
            } else {
                codes
                    .iter()
                    .map(|c| Some(c.trim_matches(',').to_string()))
                    .collect()
            };
            match directive {
                "diglot-disable-next-line" => {
                    out.extend(codes.into_iter().map(|c| (n + 1, n + 1, c)))
                }
                "diglot-disable-line" => out.extend(codes.into_iter().map(|c| (n, n, c))),
                "diglot-disable" => open.extend(codes.into_iter().map(|c| (n, c))),
                "diglot-enable" => {
                    for c in codes {
                        if let Some(i) = open.iter().rposition(|(_, o)| *o == c || c.is_none()) {
                            let (from, code) = open.remove(i);
                            out.push((from, n, code));
                        }
                    }
                }
                _ => {}
            }
        }
    }
    out.extend(
        open.into_iter()
            .map(|(from, c)| (from, last_line.max(from), c)),
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_ranges() {
        let text = "a\n<!-- diglot-disable-next-line LK005 -->\nb\n<!-- diglot-disable LK011 LK006 -->\nc\n<!-- diglot-enable LK011 -->\nd\n";
        let r = ranges(text);
        assert!(r.contains(&(3, 3, Some("LK005".into()))));
        assert!(r.contains(&(4, 6, Some("LK011".into()))));
        assert!(r.contains(&(4, 7, Some("LK006".into()))), "{r:?}");
    }
}
