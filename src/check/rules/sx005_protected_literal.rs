//! SX005 protected-literal: code spans, MIME types, file extensions, numbers and URLs of the
//! source text unit are in its translation unchanged.

use std::sync::LazyLock;

use regex::Regex;

use super::sx_common::{flatten, translated_pairs};
use super::url_common::locale_segment;
use crate::check::CheckContext;
use crate::diagnostics::{Diagnostic, codes};
use crate::markdown::Article;

static CODE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"`[^`\n]+`").expect("valid regex"));
static URL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"https?://[^\s)\]"'<>]+"#).expect("valid regex"));
static MIME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:application|audio|font|image|message|model|multipart|text|video)/[A-Za-z0-9][A-Za-z0-9.+\-]*")
        .expect("valid regex")
});
/// `.docx` standing alone (not the end of a word or a URL).
static EXTENSION: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:^|[\s(,;/])(\.[A-Za-z0-9]{1,8})\b").expect("valid regex"));
static NUMBER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\d+(?:[ \u{a0}\u{202f}.,]\d+)*").expect("valid regex"));

/// The literals of a source text unit, each with what kind it is.
fn literals(source: &str) -> Vec<(&'static str, String)> {
    // Each search only where its literal can be: most text has no backtick, URL or slash.
    let mut out = Vec::new();
    if source.contains('`') {
        for m in CODE.find_iter(source) {
            out.push(("code span", m.as_str().to_string()));
        }
    }
    if source.contains("http") {
        for m in URL.find_iter(source) {
            out.push(("URL", m.as_str().trim_end_matches(['.', ',']).to_string()));
        }
    }
    if source.contains('/') {
        for m in MIME.find_iter(source) {
            out.push((
                "MIME type",
                m.as_str().trim_end_matches(['.', '-']).to_string(),
            ));
        }
    }
    if source.contains('.') {
        for c in EXTENSION.captures_iter(source) {
            out.push(("file extension", c[1].to_string()));
        }
    }
    out
}

/// Whether a raw source text may hold a literal or a number once flattened: a backtick,
/// `http`, a slash, a digit, or a `.` after no letter or digit and before one (a file
/// extension). Flattening only removes characters or decodes entities to whitespace,
/// quotes, `<`, `>` and `&`, so a text without any of these has none flattened either, and
/// most sentences are skipped without being copied.
fn may_hold_literals(raw: &str) -> bool {
    let b = raw.as_bytes();
    b.iter().enumerate().any(|(i, &c)| match c {
        b'`' | b'/' | b'0'..=b'9' => true,
        b'h' => b[i..].starts_with(b"http"),
        b'.' => {
            b.get(i + 1).is_some_and(u8::is_ascii_alphanumeric)
                && (i == 0 || !b[i - 1].is_ascii_alphanumeric())
        }
        _ => false,
    })
}

/// Digits only: `1,000`, `1 000` and `1000` are one number.
fn digits(s: &str) -> Vec<String> {
    if !s.bytes().any(|b| b.is_ascii_digit()) {
        return Vec::new();
    }
    NUMBER
        .find_iter(s)
        .map(|m| m.as_str().chars().filter(char::is_ascii_digit).collect())
        .collect()
}

pub fn check(article: &Article, cx: &CheckContext<'_>, out: &mut Vec<Diagnostic>) {
    for (seg, target, source) in translated_pairs(article, cx) {
        if !may_hold_literals(source) {
            continue;
        }
        let source = flatten(source);
        let literals = literals(&source);
        // Numbers inside the literals above were checked with them.
        let stripped = if source.contains("http") {
            URL.replace_all(&source, " ")
        } else {
            source.as_str().into()
        };
        let stripped = if stripped.contains('`') {
            CODE.replace_all(&stripped, " ").into_owned().into()
        } else {
            stripped
        };
        let numbers = digits(&stripped);
        if literals.is_empty() && numbers.is_empty() {
            continue;
        }
        let target = flatten(target);
        let mut missing: Vec<(&str, String)> = literals
            .into_iter()
            .filter(|(kind, lit)| !kept(&target, kind, lit, article.locale().as_str()))
            .collect();
        let target_numbers = digits(&target);
        for n in numbers {
            if !target_numbers.contains(&n) && !target.contains(n.as_str()) {
                missing.push(("number", n));
            }
        }
        missing.dedup();
        for (kind, lit) in missing {
            out.push(
                Diagnostic::new(
                    &codes::SX005,
                    article.file_ref(),
                    seg.target(),
                    format!(
                        "the {kind} `{lit}` of the source is altered in segment `{}`: `{}`",
                        seg.id(&article.file.text),
                        shorten(&target)
                    ),
                )
                .with_help(format!(
                    "keep `{lit}` exactly as in the source: it must not be translated"
                )),
            );
        }
    }
}

/// Whether the translation keeps a literal of its source. A URL may also lose its locale
/// segment or take the page's own (`/en-us/` → none or `/fr-fr/`): that is what LK005 asks
/// of a translation, and its fix does.
fn kept(target: &str, kind: &str, literal: &str, locale: &str) -> bool {
    if target.contains(literal) {
        return true;
    }
    kind == "URL"
        && locale_segment(literal).is_some_and(|(segment, without)| {
            target.contains(&without)
                || target.contains(&literal.replacen(
                    &format!("/{segment}"),
                    &format!("/{locale}"),
                    1,
                ))
        })
}

fn shorten(s: &str) -> String {
    if s.chars().count() <= 80 {
        return s.to_string();
    }
    let cut: String = s.chars().take(77).collect();
    format!("{cut}…")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The prefilter only skips texts that, flattened, hold no literal and no number.
    #[test]
    fn the_prefilter_skips_only_texts_without_literals() {
        let texts = [
            "Select **Save**. Then close it.",
            "Open the \\.docx file",
            "Open&nbsp;.pdf files",
            "Call `Get-Mailbox`",
            "See https://contoso.com",
            "Use text/plain here",
            "Keep 1,000 items",
            "&#39;quoted&#39; text",
            "e.g. this one",
            "(.csv) files",
            ".xlsx at the start",
            "Caf\u{e9}.doc",
        ];
        for raw in texts {
            let flat = flatten(raw);
            let found = !literals(&flat).is_empty() || !digits(&flat).is_empty();
            if found {
                assert!(may_hold_literals(raw), "{raw:?} holds {flat:?}");
            }
        }
        assert!(!may_hold_literals("Select **Save**. Then close it."));
        assert!(!may_hold_literals("e.g. this one"));
        assert!(may_hold_literals("Open&nbsp;.pdf files"));
        assert!(may_hold_literals("Open the \\.docx file"));
    }
}
