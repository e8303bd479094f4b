//! LK010 missing-alt: an image without alt text, or whose alt text was lost in translation.

use crate::check::CheckContext;
use crate::diagnostics::{Diagnostic, codes};
use crate::markdown::{Article, LinkKind};

pub fn check(article: &Article, _cx: &CheckContext<'_>, out: &mut Vec<Diagnostic>) {
    let images = || {
        article.links.iter().filter(|l| {
            matches!(
                l.kind,
                LinkKind::Image | LinkKind::HtmlImage | LinkKind::DirectiveImage
            )
        })
    };
    for image in images().filter(|l| !l.in_source_copy && l.text.trim().is_empty()) {
        // The same image in the segment's hidden source copy, with its alt text.
        let source_alt = images()
            .filter(|l| l.in_source_copy && l.dest == image.dest && !l.text.trim().is_empty())
            .map(|l| l.text.trim().to_string())
            .next();
        let d = match source_alt {
            Some(alt) => Diagnostic::new(
                &codes::LK010,
                article.file_ref(),
                image.span,
                format!("the alt text of `{}` was lost in translation", image.dest),
            )
            .with_help(format!("translate the source's alt text: \"{alt}\"")),
            None => Diagnostic::new(
                &codes::LK010,
                article.file_ref(),
                image.span,
                format!("image `{}` has no alt text", image.dest),
            )
            .with_help("describe what the image shows, for readers who cannot see it"),
        };
        out.push(d);
    }
}
