//! LK002 missing-fragment and LK003 fragment-case: a `#fragment` must be an anchor of the
//! page it points at, spelled exactly.

use percent_encoding::percent_decode_str;

use super::url_common::destination_at;
use crate::check::{CheckContext, Resolution};
use crate::diagnostics::{Diagnostic, codes};
use crate::markdown::{Article, Link, LinkTarget};
use crate::span::Span;
use crate::suggest::closest;

pub fn check(article: &Article, cx: &CheckContext<'_>, out: &mut Vec<Diagnostic>) {
    for link in article.links.iter().filter(|l| !l.in_source_copy) {
        let (target, fragment) = match link.target() {
            LinkTarget::SamePage { fragment } => (article, fragment),
            LinkTarget::Relative {
                resolved: Some(resolved),
                fragment: Some(fragment),
                ..
            } if !fragment.is_empty() => {
                let target = match cx.resolve(article.locale(), &resolved) {
                    Resolution::Found => cx.article(article.locale(), &resolved),
                    Resolution::SourceOnly => {
                        cx.article(&cx.site.config().source_locale, &resolved)
                    }
                    _ => continue, // a missing file is LK001's finding
                };
                let Some(target) = target else {
                    continue; // a file, not a page
                };
                (target, fragment)
            }
            _ => continue,
        };
        if fragment.is_empty() {
            continue;
        }
        check_fragment(article, link, target, fragment, out);
    }
}

fn check_fragment(
    article: &Article,
    link: &Link,
    target: &Article,
    fragment: &str,
    out: &mut Vec<Diagnostic>,
) {
    let decoded = percent_decode_str(fragment).decode_utf8_lossy();
    if target.has_anchor(&decoded) {
        return;
    }
    let page = if std::ptr::eq(article, target) {
        "this page".to_string()
    } else {
        format!("`{}`", target.rel())
    };
    if let Some(a) = target
        .anchors
        .iter()
        .find(|a| a.id.eq_ignore_ascii_case(&decoded))
    {
        let d = Diagnostic::new(
            &codes::LK003,
            article.file_ref(),
            link.span,
            format!("`#{fragment}` matches an anchor of {page} only when case is ignored"),
        )
        .with_help(format!("write `#{}`", a.id));
        out.push(match fragment_written_at(article, link, fragment) {
            Some(span) => d.with_fix(span, a.id.clone()),
            None => d,
        });
        return;
    }
    let mut d = Diagnostic::new(
        &codes::LK002,
        article.file_ref(),
        link.span,
        format!("`#{fragment}` is not an anchor of {page}"),
    );
    if let Some(near) = closest(&decoded, target.anchors.iter().map(|a| a.id.as_str())) {
        d = d.with_help(format!("did you mean `#{near}`?"));
    }
    out.push(d);
}

/// Where the link's `#fragment` is written, for LK003's fix: the end of its destination as
/// written. `None` when the fragment is percent-encoded (the anchor's spelling would need
/// encoding too) or the destination is not found as written.
fn fragment_written_at(article: &Article, link: &Link, fragment: &str) -> Option<Span> {
    if fragment.contains('%') || !link.dest.ends_with(&format!("#{fragment}")) {
        return None;
    }
    let raw = article.file.text.get(link.span.range())?;
    let end = link.span.start as usize + destination_at(raw, &link.dest)? + link.dest.len();
    Some(Span::new(end - fragment.len(), end))
}
