//! MD007 include-limit: a page whose includes expand beyond the bounds the renderer keeps
//! ([`includes::MAX_DEPTH`], [`includes::MAX_COPIES`], [`includes::MAX_BYTES`]). The check
//! expands exactly as the renderer does, so it reports exactly what the page leaves out.

use crate::check::CheckContext;
use crate::config::Locale;
use crate::content::FileKind;
use crate::diagnostics::{Diagnostic, codes};
use crate::markdown::Article;
use crate::site::includes::{self, Cut, Expansion, MAX_BYTES, MAX_COPIES, MAX_DEPTH};

pub fn check(article: &Article, cx: &CheckContext<'_>, out: &mut Vec<Diagnostic>) {
    if article.file.kind != FileKind::Article {
        return; // includes are expanded in the pages that include them
    }
    let locale = article.locale();
    let mut expansion = Expansion::new(article);
    for (src, link) in includes::targets(article) {
        let Some(target) = cx.include(locale, src) else {
            continue;
        };
        let cut = match expansion.enter(target) {
            Ok(()) => {
                let cut = expand(cx, locale, target, &mut expansion);
                expansion.leave();
                cut
            }
            Err(Cut::Cycle) => None, // MD006
            Err(cut) => Some(cut),
        };
        let Some(cut) = cut else {
            continue;
        };
        let (message, help) = match cut {
            Cut::Depth => (
                format!(
                    "includes nest more than {MAX_DEPTH} levels deep from here; the deeper ones are left out"
                ),
                "include the innermost file directly instead of through a chain",
            ),
            Cut::Copies => (
                format!(
                    "this page's includes expand to more than {MAX_COPIES} copies from here; the rest are left out"
                ),
                "include each shared file once; nested includes of includes multiply",
            ),
            Cut::Bytes | Cut::Cycle => (
                format!(
                    "this page's includes expand to more than {} MB from here; the rest are left out",
                    MAX_BYTES / (1024 * 1024)
                ),
                "include less, or split the page",
            ),
        };
        out.push(
            Diagnostic::new(&codes::MD007, article.file_ref(), link.span, message).with_help(help),
        );
        return; // the rest of the page is left out too: one finding says so
    }
}

/// Expands `article`'s includes as the renderer would; the first limit met, if any.
fn expand<'s>(
    cx: &CheckContext<'s>,
    locale: &Locale,
    article: &'s Article,
    expansion: &mut Expansion<'s>,
) -> Option<Cut> {
    for (src, _) in includes::targets(article) {
        let Some(target) = cx.include(locale, src) else {
            continue;
        };
        match expansion.enter(target) {
            Ok(()) => {
                let cut = expand(cx, locale, target, expansion);
                expansion.leave();
                if cut.is_some() {
                    return cut;
                }
            }
            Err(Cut::Cycle) => {}
            Err(cut) => return Some(cut),
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use crate::check::testing::findings;

    #[test]
    fn a_fan_out_of_includes_is_bounded_and_reported_once() {
        // x0 includes x1 eight times, x1 includes x2 eight times…: 8^5 copies.
        let mut files: Vec<(String, String)> = (0..5)
            .map(|i| {
                let line = format!("[!INCLUDE [x](x{}.md)]\n\n", i + 1);
                (
                    format!("en-us/includes/x{i}.md"),
                    format!("X{i}\n\n{}", line.repeat(8)),
                )
            })
            .collect();
        files.push(("en-us/includes/x5.md".into(), "end\n".into()));
        files.push((
            "en-us/page.md".into(),
            "---\ntitle: T\ndescription: D\n---\n# P\n\n[!INCLUDE [x](includes/x0.md)]\n".into(),
        ));
        let files: Vec<(&str, &str)> = files
            .iter()
            .map(|(p, t)| (p.as_str(), t.as_str()))
            .collect();
        let found = findings("MD007", &files);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(
            (found[0].path.as_str(), found[0].line),
            ("en-us/page.md", 7)
        );
        assert!(
            found[0].message.contains("more than 1000 copies"),
            "{}",
            found[0].message
        );
    }
}
