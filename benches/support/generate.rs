//! Replicates `tests/corpus` (the repository's copy of `../shared/corpus`) into a synthetic site of N articles: whole copies of both
//! locale trees under `r000/`, `r001/`, … so every relative link keeps its meaning.

use std::path::{Path, PathBuf};

use rayon::prelude::*;
use walkdir::WalkDir;

const LOCALES: &[&str] = &["en-us", "fr-fr"];

/// Whether a corpus file is an article (a page of its own).
pub fn is_article(rel: &str) -> bool {
    let lower = rel.to_ascii_lowercase();
    lower.ends_with(".md") && !lower.ends_with("toc.md") && !lower.contains("/includes/")
}

/// Writes a site of `articles` articles into `dest` (replacing what a previous run left),
/// and returns the number of files written.
pub fn generate(corpus: &Path, dest: &Path, articles: usize) -> std::io::Result<usize> {
    let mut files: Vec<(String, PathBuf)> = Vec::new(); // (locale/rel, source)
    for locale in LOCALES {
        let root = corpus.join(locale);
        for e in WalkDir::new(&root)
            .sort_by_file_name()
            .into_iter()
            .filter_map(Result::ok)
        {
            if e.file_type().is_file() {
                let rel = e
                    .path()
                    .strip_prefix(&root)
                    .map_err(std::io::Error::other)?;
                files.push((
                    rel.to_string_lossy().replace('\\', "/"),
                    e.path().to_path_buf(),
                ));
            }
        }
    }
    // Both locales' files, each tagged with its locale, in a stable order.
    let mut tagged: Vec<(&str, &str, &Path)> = Vec::new();
    for locale in LOCALES {
        let prefix = corpus.join(locale);
        for (rel, src) in &files {
            if src.starts_with(&prefix) {
                tagged.push((locale, rel, src));
            }
        }
    }
    let per_copy = tagged
        .iter()
        .filter(|(_, rel, _)| is_article(rel))
        .count()
        .max(1);

    if dest.exists() {
        std::fs::remove_dir_all(dest)?;
    }
    let mut plan: Vec<(PathBuf, &Path)> = Vec::new();
    let mut remaining = articles;
    let mut copy = 0;
    while remaining > 0 {
        let mut taken = 0;
        for (locale, rel, src) in &tagged {
            if is_article(rel) {
                if taken == remaining.min(per_copy) {
                    continue;
                }
                taken += 1;
            }
            plan.push((dest.join(locale).join(format!("r{copy:03}")).join(rel), src));
        }
        remaining -= taken;
        copy += 1;
    }
    plan.par_iter().try_for_each(|(to, from)| {
        if let Some(parent) = to.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::copy(from, to).map(|_| ())
    })?;
    Ok(plan.len())
}

/// A benchmark's corpus: N from the command line (default 10,000), generated from
/// `tests/corpus` into `target/bench/corpus-N`. Returns (N, the work folder, the corpus,
/// the number of files written).
pub fn bench_corpus() -> (usize, PathBuf, PathBuf, usize) {
    let n: usize = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(10_000);
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let work = manifest.join("target/bench");
    let content = work.join(format!("corpus-{n}"));
    let files = generate(&manifest.join("tests/corpus"), &content, n).expect("generate corpus");
    (n, work, content, files)
}
