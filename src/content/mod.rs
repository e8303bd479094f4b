//! Content discovery: walk `content/<locale>/`, read and decode every file once, in parallel.

pub mod decode;
pub mod frontmatter;
pub mod redirects;
pub mod toc;
pub mod yaml;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use walkdir::WalkDir;

use crate::config::{Config, Locale};
use crate::diagnostics::{Diagnostic, FileRef, codes};
use crate::span::{LineIndex, Span};

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
}

/// Walks every configured locale folder and reads its text files in parallel.
pub fn load(config: &Config) -> Content {
    let mut found: Vec<(Locale, String, PathBuf)> = Vec::new();
    let mut all_paths = BTreeSet::new();
    for locale in &config.locales {
        let dir = config.content_dir.join(locale.as_str());
        for entry in WalkDir::new(&dir)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'))
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
        {
            let Ok(rel) = entry.path().strip_prefix(&dir) else {
                continue;
            };
            let rel = slash_path(rel);
            all_paths.insert(format!("{locale}/{rel}"));
            found.push((locale.clone(), rel, entry.into_path()));
        }
    }

    let (texts, assets): (Vec<_>, Vec<_>) = found
        .into_iter()
        .partition(|(_, rel, _)| classify(rel).is_some());
    let assets = assets
        .into_iter()
        .filter(|(_, rel, _)| !is_data_file(rel))
        .map(|(locale, rel, source)| Asset {
            locale,
            rel,
            source,
        })
        .collect();

    let results: Vec<(Option<SourceFile>, Vec<Diagnostic>)> = texts
        .into_par_iter()
        .map(|(locale, rel, abs)| read_file(locale, rel, &abs))
        .collect();
    let (redirects, redirect_problems) = redirects::load(&config.content_dir, &config.locales);
    let mut content = Content {
        assets,
        all_paths,
        redirects,
        ..Content::default()
    };
    for problem in redirect_problems {
        content.diagnostics.push(Diagnostic::whole_file(
            &codes::IO001,
            ".openpublishing.redirection.json",
            format!("cannot read redirections: {problem}"),
        ));
    }
    for (file, diags) in results {
        content.files.extend(file);
        content.diagnostics.extend(diags);
    }
    content
}

fn read_file(locale: Locale, rel: String, abs: &Path) -> (Option<SourceFile>, Vec<Diagnostic>) {
    let path = format!("{locale}/{rel}");
    let Some(kind) = classify(&rel) else {
        return (None, Vec::new());
    };
    let bytes = match std::fs::read(abs) {
        Ok(b) => b,
        Err(e) => {
            let d = Diagnostic::whole_file(&codes::IO001, &path, format!("cannot read file: {e}"));
            return (None, vec![d]);
        }
    };
    let decoded = decode::decode(&bytes);
    let lines = LineIndex::new(&decoded.text);
    let file = SourceFile {
        locale,
        rel,
        path,
        kind,
        text: decoded.text,
        lines,
    };
    let mut diags = Vec::new();
    if let Some(at) = decoded.invalid_at {
        diags.push(
            Diagnostic::new(
                &codes::IO002,
                file.file_ref(),
                Span::new(at, at + 1),
                format!(
                    "invalid {} byte sequence; replaced with U+FFFD",
                    decoded.encoding
                ),
            )
            .with_help("save the file as UTF-8"),
        );
    }
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
