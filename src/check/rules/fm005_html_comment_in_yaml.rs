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
                out.push(
                    Diagnostic::new(
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
                    )),
                );
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
