//! LK001 missing-file, LK004 fallback-target and LK009 missing-image: where a relative
//! link's file is not in the site.

use crate::check::{CheckContext, Resolution};
use crate::diagnostics::{Diagnostic, codes};
use crate::markdown::{Article, LinkKind, LinkTarget, links};

pub fn check(article: &Article, cx: &CheckContext<'_>, out: &mut Vec<Diagnostic>) {
    for link in article.links.iter().filter(|l| !l.in_source_copy) {
        let LinkTarget::Relative { path, resolved, .. } = link.target() else {
            continue;
        };
        let media = matches!(
            link.kind,
            LinkKind::Image | LinkKind::HtmlImage | LinkKind::DirectiveImage | LinkKind::Video
        );
        let rule = if media { &codes::LK009 } else { &codes::LK001 };
        let diag = |msg: String| Diagnostic::new(rule, article.file_ref(), link.span, msg);
        let Some(resolved) = resolved else {
            out.push(diag(format!(
                "`{path}` climbs out of the `{}` folder",
                article.locale()
            )));
            continue;
        };
        match cx.resolve(article.locale(), &resolved) {
            Resolution::Found => {}
            Resolution::CaseMismatch(actual) => out.push(
                diag(format!(
                    "`{path}` does not exist (the name differs in case)"
                ))
                .with_help(format!(
                    "the file is `{}`",
                    links::relative_link(article.rel(), strip_locale(actual))
                )),
            ),
            Resolution::YamlPage(actual) => {
                out.push(diag(format!("`{path}` does not exist")).with_help(format!(
                    "the page is a YAML page: link to `{}`",
                    links::relative_link(article.rel(), strip_locale(actual))
                )))
            }
            Resolution::SourceOnly => out.push(Diagnostic::new(
                &codes::LK004,
                article.file_ref(),
                link.span,
                format!(
                    "`{path}` exists only in `{}`; readers get the fallback page",
                    cx.site.config().source_locale
                ),
            )),
            Resolution::Missing => match cx.site.redirect_of(&resolved.to_lowercase()) {
                Some(url) => out.push(
                    Diagnostic::new(
                        &codes::LK012,
                        article.file_ref(),
                        link.span,
                        format!("`{path}` was moved: its page redirects to `{url}`"),
                    )
                    .with_help(format!("link to `{url}`")),
                ),
                None => out.push(diag(format!("`{path}` does not exist"))),
            },
        }
    }
}

fn strip_locale(path: &str) -> &str {
    path.split_once('/').map_or(path, |(_, rest)| rest)
}
