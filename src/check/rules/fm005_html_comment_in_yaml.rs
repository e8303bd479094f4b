//! FM005 html-comment-in-yaml: `<!-- -->` is no YAML comment; it becomes part of the value.

use crate::check::CheckContext;
use crate::content::yaml::{YamlEntry, YamlValue};
use crate::diagnostics::{Diagnostic, codes};
use crate::markdown::Article;
use crate::span::Span;

pub fn check(article: &Article, _cx: &CheckContext<'_>, out: &mut Vec<Diagnostic>) {
    if let Some(fm) = &article.front_matter {
        for entry in &fm.entries {
            visit(article, entry, &entry.value, entry.value_span, out);
        }
    }
}

fn visit(
    article: &Article,
    entry: &YamlEntry,
    value: &YamlValue,
    span: Span,
    out: &mut Vec<Diagnostic>,
) {
    match value {
        YamlValue::String(s) => {
            if let Some(at) = s.find("<!--") {
                let comment = &s[at..];
                let d = Diagnostic::new(
                    &codes::FM005,
                    article.file_ref(),
                    span,
                    format!(
                        "the value of `{}` contains an HTML comment: `{}`",
                        entry.key,
                        comment.trim()
                    ),
                )
                .with_help(format!(
                    "YAML comments start with `#`: the value is now `{}`",
                    s.trim()
                ));
                out.push(match yaml_comment(article, span, comment.trim()) {
                    Some((at, replacement)) => d.with_fix(at, replacement),
                    None => d,
                });
            }
        }
        YamlValue::List(items) => {
            for (item, item_span) in items {
                visit(article, entry, item, *item_span, out);
            }
        }
        YamlValue::Map(entries) => {
            for e in entries {
                visit(article, e, &e.value, e.value_span, out);
            }
        }
        _ => {}
    }
}

/// The HTML comment ending a plain value, as a YAML comment: (where it is written, `# …`).
/// Only a comment after white space and at the value's end: anywhere else a `#` would
/// drop part of the value.
fn yaml_comment(article: &Article, span: Span, comment: &str) -> Option<(Span, String)> {
    let raw = article.file.text.get(span.range())?;
    let at = raw.find("<!--")?;
    let after = raw[at..].find("-->")? + at + 3;
    let ends_value = raw[after..].trim().is_empty();
    let spaced = raw[..at].ends_with([' ', '\t']);
    let inner = comment.strip_prefix("<!--")?.strip_suffix("-->")?.trim();
    (ends_value && spaced && !inner.contains('\n')).then(|| {
        let start = span.start as usize + at;
        (
            Span::new(start, span.start as usize + after),
            format!("# {inner}"),
        )
    })
}
