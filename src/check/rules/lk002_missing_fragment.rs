//! LK002 missing-fragment and LK003 fragment-case: a `#fragment` must be an anchor of the
//! page it points at, spelled exactly.

use percent_encoding::percent_decode_str;

use super::url_common::destination_at;
use crate::check::{CheckContext, FragmentQuestion, Lookup, Resolution};
use crate::diagnostics::{Diagnostic, codes};
use crate::markdown::{Anchor, Article, Link, LinkTarget};
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
                let locale = match cx.resolve(article.locale(), &resolved) {
                    Resolution::Found => article.locale(),
                    Resolution::SourceOnly => &cx.site.config().source_locale,
                    _ => continue, // a missing file is LK001's finding
                };
                match cx.lookup(locale, &resolved) {
                    Lookup::Loaded(target) => (target, fragment),
                    Lookup::Later(target) => {
                        // Another page, not read yet (a streamed check): asked once it is.
                        let page = format!("`{resolved}`");
                        cx.later(question(article, link, &page, fragment, target));
                        continue;
                    }
                    Lookup::Absent => continue, // a file, not a page
                }
            }
            _ => continue,
        };
        if fragment.is_empty()
            || target.has_anchor(&percent_decode_str(fragment).decode_utf8_lossy())
        {
            continue;
        }
        let page = if std::ptr::eq(article, target) {
            "this page".to_string()
        } else {
            format!("`{}`", target.rel())
        };
        let q = question(article, link, &page, fragment, target.path().to_string());
        out.extend(answer(q, &target.anchors));
    }
}

/// The findings a link's `#fragment` may come to on `page` (named so in messages),
/// made while the linking article's text is at hand.
fn question(
    article: &Article,
    link: &Link,
    page: &str,
    fragment: &str,
    target: String,
) -> FragmentQuestion {
    let decoded = percent_decode_str(fragment)
        .decode_utf8_lossy()
        .into_owned();
    FragmentQuestion {
        from: article.path().to_string(),
        target,
        missing: Diagnostic::new(
            &codes::LK002,
            article.file_ref(),
            link.span,
            format!("`#{fragment}` is not an anchor of {page}"),
        ),
        case: Diagnostic::new(
            &codes::LK003,
            article.file_ref(),
            link.span,
            format!("`#{fragment}` matches an anchor of {page} only when case is ignored"),
        ),
        fix_at: fragment_written_at(article, link, fragment),
        fragment: decoded,
    }
}

/// What a fragment question comes to, given the anchors of the page it points at: nothing
/// when one matches, LK003 when one matches ignoring case, else LK002.
pub fn answer(q: FragmentQuestion, anchors: &[Anchor]) -> Option<Diagnostic> {
    if anchors.iter().any(|a| a.id == q.fragment) {
        return None;
    }
    if let Some(a) = anchors
        .iter()
        .find(|a| a.id.eq_ignore_ascii_case(&q.fragment))
    {
        let d = q.case.with_help(format!("write `#{}`", a.id));
        return Some(match q.fix_at {
            Some(span) => d.with_fix(span, a.id.clone()),
            None => d,
        });
    }
    let mut d = q.missing;
    if let Some(near) = closest(&q.fragment, anchors.iter().map(|a| a.id.as_str())) {
        d = d.with_help(format!("did you mean `#{near}`?"));
    }
    Some(d)
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
