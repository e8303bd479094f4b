//! Content discovery: walk `content/<locale>/`, read and decode every file once, in parallel.

pub mod frontmatter;
pub mod redirects;
pub mod toc;
pub mod yaml;

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use walkdir::WalkDir;

use crate::config::{Config, Locale};
use crate::decode;
use crate::diagnostics::{Diagnostic, FileRef};
use crate::files::{self, Refusal};
use crate::span::LineIndex;

/// What a file is to the site.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileKind {
    /// A Markdown page.
    Article,
    /// Markdown under an `includes/` folder: inlined by `[!INCLUDE]`, not a page.
    Include,
    /// `TOC.md` or `TOC.yml` (DocFX tables of contents).
    Toc,
}

/// A text file of the site, read once.
#[derive(Debug)]
pub struct SourceFile {
    pub locale: Locale,
    /// Path inside the locale folder, `/`-separated: `commerce/manage-partners.md`.
    pub rel: String,
    /// Path inside the content folder: `fr-fr/commerce/manage-partners.md`.
    pub path: String,
    pub kind: FileKind,
    pub text: String,
    pub lines: LineIndex,
}

impl SourceFile {
    pub fn file_ref(&self) -> FileRef<'_> {
        FileRef {
            path: &self.path,
            text: &self.text,
            lines: &self.lines,
        }
    }
}

/// A file copied to the output as it is (images, downloads).
#[derive(Clone, Debug)]
pub struct Asset {
    pub locale: Locale,
    pub rel: String,
    pub source: PathBuf,
}

/// Everything the content folder holds, for the stages after it.
#[derive(Debug, Default)]
pub struct Content {
    pub files: Vec<SourceFile>,
    pub assets: Vec<Asset>,
    /// Every file's content-relative path (pages, assets, YAML pages…), to resolve links.
    pub all_paths: BTreeSet<String>,
    /// Redirected pages: lower-cased repository-relative source path → new URL.
    pub redirects: std::collections::HashMap<String, String>,
    pub diagnostics: Vec<Diagnostic>,
    /// The content paths of the text files read (or tried), whose problems are their own.
    pub read: BTreeSet<String>,
}

/// Walks every configured locale folder and reads its text files in parallel.
pub fn load(config: &Config) -> Content {
    let (mut content, unread) = discover(config);
    let results: Vec<(Option<SourceFile>, Vec<Diagnostic>)> = unread
        .into_par_iter()
        .map(|file| file.read(&config.boundary))
        .collect();
    for (file, diags) in results {
        content.take_read(file, diags);
    }
    content
}

/// A text file the walk found, not read yet: [`discover`] lists them so that a check can
/// read each when it comes to it, and no one holds every file's text at once.
#[derive(Clone, Debug)]
pub struct Unread {
    pub locale: Locale,
    /// Path inside the locale folder.
    pub rel: String,
    /// Where it is on disk.
    pub abs: PathBuf,
    pub kind: FileKind,
}

impl Unread {
    /// The content-relative path (`fr-fr/x.md`).
    pub fn path(&self) -> String {
        format!("{}/{}", self.locale, self.rel)
    }

    /// Reads and decodes the file, as [`load`] does.
    pub fn read(&self, boundary: &files::Boundary) -> (Option<SourceFile>, Vec<Diagnostic>) {
        read_file(self.locale.clone(), self.rel.clone(), &self.abs, boundary)
    }
}

/// Walks every configured locale folder: what [`load`] returns but the text files, which
/// come back unread, in walk order.
pub fn discover(config: &Config) -> (Content, Vec<Unread>) {
    let mut walk = Walk::default();
    for locale in &config.locales {
        walk.locale(config, locale);
    }
    let Walk {
        found,
        all_paths,
        diagnostics: walk_diagnostics,
    } = walk;

    let mut unread = Vec::new();
    let mut assets = Vec::new();
    for (locale, rel, abs) in found {
        match classify(&rel) {
            Some(kind) => unread.push(Unread {
                locale,
                rel,
                abs,
                kind,
            }),
            None if is_data_file(&rel) => {}
            None => assets.push(Asset {
                locale,
                rel,
                source: abs,
            }),
        }
    }
    let (redirects, redirect_problems) =
        redirects::load(&config.content_dir, &config.locales, &config.boundary);
    let mut content = Content {
        assets,
        all_paths,
        redirects,
        diagnostics: walk_diagnostics,
        ..Content::default()
    };
    content.diagnostics.extend(redirect_problems);
    (content, unread)
}

impl Content {
    /// Takes in what reading one text file gave.
    pub fn take_read(&mut self, file: Option<SourceFile>, diags: Vec<Diagnostic>) {
        self.read.extend(diags.iter().map(|d| d.path.clone()));
        self.files.extend(file);
        self.diagnostics.extend(diags);
    }
}

/// What one file of a locale folder is now, read again after a change: what the walk and
/// the reading of [`load`] would make of it, alone.
pub enum Reread {
    /// A text file (article, include, TOC): parsed next, unless it could not be read.
    Text(Option<SourceFile>, Vec<Diagnostic>),
    /// Any other regular file: an asset to copy (`None`: build data, not copied).
    Other(Option<Asset>),
    /// Refused (a link out of the site, a FIFO…): reported, and not in the site.
    Refused(Diagnostic),
    /// Not there (any more), a folder, or hidden (`.git/…`): nothing of the site.
    Absent,
}

/// Reads `locale/rel` again, as [`load`] would.
pub fn reread(config: &Config, locale: &Locale, rel: &str) -> Reread {
    let path = format!("{locale}/{rel}");
    if rel.is_empty() || rel.split('/').any(|c| c.starts_with('.') || c.is_empty()) {
        return Reread::Absent;
    }
    let abs = config.content_dir.join(locale.as_str()).join(rel);
    let Ok(link_meta) = abs.symlink_metadata() else {
        return Reread::Absent;
    };
    if link_meta.file_type().is_symlink()
        && let Err(refusal) = config.boundary.vet(&abs)
    {
        return Reread::Refused(refusal.diagnostic(&path));
    }
    let Ok(meta) = abs.metadata() else {
        return Reread::Refused(Refusal::Dangling.diagnostic(&path));
    };
    if meta.is_dir() {
        return Reread::Absent;
    }
    if !meta.is_file() {
        return Reread::Refused(
            Refusal::NotRegular(files::kind_of(meta.file_type())).diagnostic(&path),
        );
    }
    if classify(rel).is_some() {
        let (file, diags) = read_file(locale.clone(), rel.to_string(), &abs, &config.boundary);
        return Reread::Text(file, diags);
    }
    Reread::Other((!is_data_file(rel)).then(|| Asset {
        locale: locale.clone(),
        rel: rel.to_string(),
        source: abs,
    }))
}

/// What walking the locale folders found: files to read or copy, and what was refused.
#[derive(Default)]
struct Walk {
    found: Vec<(Locale, String, PathBuf)>,
    all_paths: BTreeSet<String>,
    diagnostics: Vec<Diagnostic>,
}

impl Walk {
    /// Every regular file under `content/<locale>/`, in name order. Symbolic links are
    /// followed while they stay inside the site; one that leads out, a FIFO or a device, and
    /// a folder that cannot be read are each reported, and the walk goes on.
    fn locale(&mut self, config: &Config, locale: &Locale) {
        let dir = config.content_dir.join(locale.as_str());
        if !dir.exists() && dir.symlink_metadata().is_err() {
            return; // a configured locale with no folder yet: its pages fall back
        }
        let mut entries = WalkDir::new(&dir)
            .follow_links(true)
            .sort_by_file_name()
            .into_iter();
        let mut linked = HashMap::new();
        while let Some(next) = entries.next() {
            let entry = match next {
                Ok(e) => e,
                Err(e) => {
                    self.walk_error(config, locale, &dir, &e);
                    continue;
                }
            };
            let is_dir = entry.file_type().is_dir();
            if entry.depth() > 0 && entry.file_name().to_string_lossy().starts_with('.') {
                if is_dir {
                    entries.skip_current_dir();
                }
                continue;
            }
            let rel = entry
                .path()
                .strip_prefix(&dir)
                .map(slash_path)
                .unwrap_or_default();
            let path = if rel.is_empty() {
                locale.to_string()
            } else {
                format!("{locale}/{rel}")
            };
            if entry.path_is_symlink()
                && let Err(refusal) = config.boundary.vet(entry.path())
            {
                self.refuse(&path, &refusal);
                if is_dir {
                    entries.skip_current_dir();
                }
                continue;
            }
            if is_dir {
                // Links can lead into one folder from many places, and folders of such links
                // multiply (2 links a level, 30 levels: a billion paths). A folder is read
                // through one link at most; a second link into it is reported. Real folders
                // are always read, so an alias (`current -> v2`) never hides `v2/`, whatever
                // the order of the names.
                if entry.path_is_symlink()
                    && let Some(id) = files::folder_id(entry.path())
                {
                    if let Some(first) = linked.get(&id) {
                        let why = format!(
                            "a second link into the folder already read as `{first}`; not read again"
                        );
                        self.refuse(&path, &Refusal::Unusable(why));
                        entries.skip_current_dir();
                    } else {
                        linked.insert(id, path);
                    }
                }
                continue;
            }
            if !entry.file_type().is_file() {
                let kind = files::kind_of(entry.file_type());
                self.refuse(&path, &Refusal::NotRegular(kind));
                continue;
            }
            self.all_paths.insert(path);
            self.found.push((locale.clone(), rel, entry.into_path()));
        }
    }

    fn refuse(&mut self, path: &str, refusal: &Refusal) {
        self.diagnostics.push(refusal.diagnostic(path));
    }

    /// A folder that cannot be listed, a link to nothing or to its own ancestor, a path the
    /// system cannot open: reported under the path that failed.
    fn walk_error(&mut self, config: &Config, locale: &Locale, dir: &Path, e: &walkdir::Error) {
        let failed = e.path().unwrap_or(dir);
        let path = failed
            .strip_prefix(&config.content_dir)
            .map(slash_path)
            .unwrap_or_else(|_| locale.to_string());
        let message = if let Some(ancestor) = e.loop_ancestor() {
            format!(
                "a symbolic link back to {}, which holds it; not followed",
                ancestor.display()
            )
        } else if failed.symlink_metadata().is_ok() && failed.metadata().is_err() {
            Refusal::Dangling.to_string()
        } else if failed.is_dir() {
            format!(
                "cannot read folder: {}",
                e.io_error()
                    .map_or_else(|| e.to_string(), ToString::to_string)
            )
        } else {
            format!(
                "cannot read: {}",
                e.io_error()
                    .map_or_else(|| e.to_string(), ToString::to_string)
            )
        };
        self.refuse(&path, &Refusal::Unusable(message));
    }
}

fn read_file(
    locale: Locale,
    rel: String,
    abs: &Path,
    boundary: &files::Boundary,
) -> (Option<SourceFile>, Vec<Diagnostic>) {
    let path = format!("{locale}/{rel}");
    let Some(kind) = classify(&rel) else {
        return (None, Vec::new());
    };
    // Vetted again at the read: the walk saw the path a moment ago, not now.
    let bytes = match files::read_inside(abs, boundary) {
        Ok(b) => b,
        Err(refusal) => {
            return (None, vec![refusal.diagnostic(&path)]);
        }
    };
    let decoded = decode::decode_owned(bytes);
    let lines = LineIndex::new(&decoded.text);
    let file = SourceFile {
        locale,
        rel,
        path,
        kind,
        text: decoded.text,
        lines,
    };
    let diags = decoded
        .problems
        .iter()
        .map(|p| p.diagnostic(file.file_ref()))
        .collect();
    (Some(file), diags)
}

/// Which text files the pipeline reads; `None` for assets (copied as they are).
fn classify(rel: &str) -> Option<FileKind> {
    let name = rel.rsplit('/').next().unwrap_or(rel).to_ascii_lowercase();
    if name == "toc.md" || name == "toc.yml" || name == "toc.yaml" {
        // breadcrumb/toc.yml is DocFX navigation metadata, not a table of contents of pages.
        if rel
            .to_ascii_lowercase()
            .split('/')
            .any(|c| c == "breadcrumb")
        {
            return None;
        }
        return Some(FileKind::Toc);
    }
    if name.ends_with(".md") || name.ends_with(".markdown") {
        let in_includes = rel
            .split('/')
            .rev()
            .skip(1)
            .any(|c| c.eq_ignore_ascii_case("includes"));
        return Some(if in_includes {
            FileKind::Include
        } else {
            FileKind::Article
        });
    }
    None
}

/// Build metadata and YAML pages (`docfx.json`, `index.yml`) are not copied to the site.
fn is_data_file(rel: &str) -> bool {
    let lower = rel.to_ascii_lowercase();
    [".yml", ".yaml", ".json", ".toml"]
        .iter()
        .any(|e| lower.ends_with(e))
}

fn slash_path(p: &Path) -> String {
    p.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_files() {
        assert_eq!(classify("a/b.md"), Some(FileKind::Article));
        assert_eq!(classify("includes/x.md"), Some(FileKind::Include));
        assert_eq!(classify("TOC.md"), Some(FileKind::Toc));
        assert_eq!(classify("sub/TOC.yml"), Some(FileKind::Toc));
        assert_eq!(classify("breadcrumb/toc.yml"), None);
        assert_eq!(classify("images/a.png"), None);
    }
}
