//! `check --fix` and `check --diff`: the safe fixes of the findings (those whose rule or
//! the model knows the answer), written to the files, or shown as a unified diff. The
//! check kept no page's text: a page with fixes is read again, and fixed only when it is
//! the text that was checked and plain UTF-8 as read (an UTF-16 file or one changed since
//! is left alone), never inside an sxs source copy (the English the translation came
//! from), and written atomically with its permissions kept.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;

use rayon::prelude::*;

use super::term::{self, errln};
use crate::diagnostics::{Diagnostic, Fix, Locations, fix};
use crate::site::Site;

/// Files read and fixed at once (in parallel).
const FILES_AT_ONCE: usize = 256;

/// What the fixes did (or, for a diff, would do).
#[derive(Default)]
pub struct Fixed {
    pub files: usize,
    pub fixes: usize,
}

/// Applies (`write`) or shows as a diff the fixes of `diagnostics`; names each file fixed
/// unless `quiet`. Files are read and fixed in parallel, then written or shown in path
/// order.
pub fn run(
    site: &Site,
    diagnostics: &[Diagnostic],
    write: bool,
    quiet: bool,
    at: &Locations,
) -> std::io::Result<Fixed> {
    let mut by_file: BTreeMap<&str, Vec<&Fix>> = BTreeMap::new();
    for d in diagnostics {
        if let Some(fix) = &d.fix {
            by_file.entry(&d.path).or_default().push(fix);
        }
    }
    let by_file: Vec<(&str, Vec<&Fix>)> = by_file.into_iter().collect();
    let content_dir = &site.config().content_dir;
    let mut done = Fixed::default();
    // A batch at a time: a fixed file's text is held until it is written or shown.
    for batch in by_file.chunks(FILES_AT_ONCE) {
        let outcomes: Vec<Outcome> = batch
            .par_iter()
            .map(|(path, fixes)| fixed_text(site, path, fixes))
            .collect();
        for outcome in outcomes {
            let (path, old, new, applied) = match outcome {
                Outcome::Fixed {
                    path,
                    old,
                    new,
                    applied,
                } => (path, old, new, applied),
                Outcome::Unchanged => continue,
                Outcome::NotFixed { path, why } => {
                    errln!("{}: not fixed: {why}", at.file(path));
                    continue;
                }
            };
            let shown = at.file(path);
            if write {
                write_atomically(&content_dir.join(path), &new)?;
                if !quiet {
                    errln!("fixed {applied} in {shown}");
                }
            } else {
                let diff = similar::TextDiff::from_lines(old.as_str(), &new)
                    .unified_diff()
                    .context_radius(3)
                    .header(&format!("a/{shown}"), &format!("b/{shown}"))
                    .to_string();
                term::out(&diff)?;
            }
            done.files += 1;
            done.fixes += applied;
        }
    }
    Ok(done)
}

/// What the fixes of one file make of it.
enum Outcome<'a> {
    Fixed {
        path: &'a str,
        old: String,
        new: String,
        applied: usize,
    },
    /// None of them changes the text.
    Unchanged,
    NotFixed {
        path: &'a str,
        why: String,
    },
}

/// The text of the file at `path` with `fixes` applied, but those in its sxs source copies.
fn fixed_text<'a>(site: &Site, path: &'a str, fixes: &[&Fix]) -> Outcome<'a> {
    let not_fixed = |why: String| Outcome::NotFixed { path, why };
    // A checked page keeps no source copies (and most keep no text): it is read and parsed
    // again, and fixed only if it is the text that was checked (the fixes' places are in it).
    let reread;
    let article = match site.by_path(path) {
        Some(article) if article.thinned => match site.read_whole(path) {
            Some(whole) if article.read_as(&whole.file.text) => {
                reread = whole;
                Some(&reread)
            }
            _ => return not_fixed("the file changed or went since it was checked".into()),
        },
        article => article,
    };
    let text = match article {
        Some(article) => article.file.text.as_str(),
        None => match site.text_of(path) {
            Some(text) => text,
            None => return Outcome::Unchanged,
        },
    };
    let fixes: Vec<&Fix> = match article {
        Some(article) => fixes
            .iter()
            .copied()
            .filter(|f| {
                !article.segments.in_source_copy(f.start as usize)
                    && !article
                        .segments
                        .in_source_copy(f.end.saturating_sub(1) as usize)
            })
            .collect(),
        None => fixes.to_vec(),
    };
    match std::fs::read(site.config().content_dir.join(path)) {
        Ok(raw) if raw == text.as_bytes() => {}
        Ok(_) => {
            return not_fixed("the file is not plain UTF-8, or changed since it was read".into());
        }
        Err(e) => return not_fixed(e.to_string()),
    }
    let (new, applied) = fix::apply(text, &fixes);
    if applied == 0 || new == text {
        return Outcome::Unchanged;
    }
    Outcome::Fixed {
        path,
        old: text.to_string(),
        new,
        applied,
    }
}

/// Replaces `file` by a file holding `text`, in one rename: a reader never sees it half
/// written, and an interrupted fix leaves the file as it was. Its permissions are kept.
fn write_atomically(file: &Path, text: &str) -> std::io::Result<()> {
    let dir = file.parent().unwrap_or(Path::new("."));
    let permissions = std::fs::metadata(file)?.permissions();
    let mut temp = tempfile::NamedTempFile::new_in(dir)?;
    temp.write_all(text.as_bytes())?;
    temp.as_file().sync_all()?;
    std::fs::set_permissions(temp.path(), permissions)?;
    temp.persist(file).map_err(|e| e.error)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check;
    use crate::config::Config;
    use crate::diagnostics::Severity;

    const FRENCH: &str = "# <span data-ttu-id=\"1-1\">Titre</span><span class=\"sxs-lookup\">\
        <span data-stu-id=\"1-1\">Title</span></span>\n\nTexte.\n";

    /// A site of one sxs translation, `french`, checked as `diglot check` checks it
    /// (streamed), and two fixes on the translation: one in the source copy, one not.
    fn checked_site(dir: &Path, french: &str) -> (Site, Vec<Diagnostic>) {
        let content = dir.join("content");
        for (locale, text) in [("en-us", "# Title\n\nText.\n"), ("fr-fr", french)] {
            std::fs::create_dir_all(content.join(locale)).expect("locale folder");
            std::fs::write(content.join(locale).join("a.md"), text).expect("page");
        }
        let config = Config::load(dir, Some(&content), None).expect("config");
        let (site, _) = check::stream::load(config, None, false);
        assert!(site.by_path("fr-fr/a.md").expect("page").thinned);
        let fix = |find: &str, replacement: &str| {
            let start = french.find(find).expect("fixed text") as u32;
            Diagnostic {
                code: "MD001",
                rule: "r",
                severity: Severity::Warning,
                path: "fr-fr/a.md".into(),
                line: 1,
                column: 1,
                end_line: 1,
                end_column: 1,
                message: "m".into(),
                help: None,
                related: Vec::new(),
                fix: Some(Box::new(Fix {
                    start,
                    end: start + find.len() as u32,
                    replacement: replacement.into(),
                })),
                fingerprint: 0,
                whole_file: false,
            }
        };
        let found = vec![fix("Title", "TITLE"), fix("Texte.", "Texte !")];
        (site, found)
    }

    #[test]
    fn a_checked_page_is_read_again_and_fixed_outside_its_source_copies() {
        // Its text dropped; its text kept for a suppression comment (its source copies
        // dropped all the same).
        let suppressed = format!("{FRENCH}\n<!-- diglot-disable MD002 -->\n");
        for french in [FRENCH, suppressed.as_str()] {
            let dir = tempfile::tempdir().expect("temp dir");
            let (site, found) = checked_site(dir.path(), french);
            let dropped = site.by_path("fr-fr/a.md").is_some_and(|a| a.text_dropped());
            assert_eq!(dropped, french == FRENCH);
            let at = Locations::new(&site.config().content_dir, dir.path());
            let fixed = run(&site, &found, true, true, &at).expect("fixed");
            assert_eq!((fixed.files, fixed.fixes), (1, 1));
            let page = dir.path().join("content/fr-fr/a.md");
            let text = std::fs::read_to_string(page).expect("page");
            assert_eq!(text, french.replace("Texte.", "Texte !"));
        }
    }

    #[test]
    fn a_page_changed_since_it_was_checked_is_left_alone() {
        let dir = tempfile::tempdir().expect("temp dir");
        let (site, found) = checked_site(dir.path(), FRENCH);
        let page = dir.path().join("content/fr-fr/a.md");
        let edited = format!("{FRENCH}\nUne ligne de plus.\n");
        std::fs::write(&page, &edited).expect("edit");
        let at = Locations::new(&site.config().content_dir, dir.path());
        let fixed = run(&site, &found, true, true, &at).expect("run");
        assert_eq!((fixed.files, fixed.fixes), (0, 0));
        assert_eq!(std::fs::read_to_string(&page).expect("page"), edited);
    }
}
