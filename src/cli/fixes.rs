//! `check --fix` and `check --diff`: the safe fixes of the findings (those whose rule or
//! the model knows the answer), written to the files, or shown as a unified diff. A file
//! is fixed only when it is plain UTF-8 as read (an UTF-16 file or one changed since is
//! left alone), never inside an sxs source copy (the English the translation came from),
//! and written atomically with its permissions kept.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;

use super::term::{self, errln};
use crate::diagnostics::{Diagnostic, Fix, Locations, fix};
use crate::site::Site;

/// What the fixes did (or, for a diff, would do).
#[derive(Default)]
pub struct Fixed {
    pub files: usize,
    pub fixes: usize,
}

/// Applies (`write`) or shows as a diff the fixes of `diagnostics`; names each file fixed
/// unless `quiet`.
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
    let content_dir = &site.config().content_dir;
    let mut done = Fixed::default();
    for (path, fixes) in by_file {
        let Some(text) = site.text_of(path) else {
            continue;
        };
        let fixes: Vec<&Fix> = match site.by_path(path) {
            Some(article) => fixes
                .into_iter()
                .filter(|f| {
                    !article.segments.in_source_copy(f.start as usize)
                        && !article
                            .segments
                            .in_source_copy(f.end.saturating_sub(1) as usize)
                })
                .collect(),
            None => fixes,
        };
        let shown = at.file(path);
        let file = content_dir.join(path);
        match std::fs::read(&file) {
            Ok(raw) if raw == text.as_bytes() => {}
            Ok(_) => {
                errln!(
                    "{shown}: not fixed: the file is not plain UTF-8, or changed since it was read"
                );
                continue;
            }
            Err(e) => {
                errln!("{shown}: not fixed: {e}");
                continue;
            }
        }
        let (new, applied) = fix::apply(text, &fixes);
        if applied == 0 || new == text {
            continue;
        }
        if write {
            write_atomically(&file, &new)?;
            if !quiet {
                errln!("fixed {applied} in {shown}");
            }
        } else {
            let diff = similar::TextDiff::from_lines(text, &new)
                .unified_diff()
                .context_radius(3)
                .header(&format!("a/{shown}"), &format!("b/{shown}"))
                .to_string();
            term::out(&diff)?;
        }
        done.files += 1;
        done.fixes += applied;
    }
    Ok(done)
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
