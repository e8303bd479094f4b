//! `diglot merge --out DIR PART…`: the folders of a sharded build (`build --shard i/n`,
//! one per machine of a CI matrix) joined into the site an unsharded build writes.
//!
//! Each part's pages are copied as they are; the pages every part holds (home, assets)
//! must be byte-identical in all, or the parts come from different sites or options. The
//! report and the search index, which need every part's findings and pages, are written
//! from what each part stored (see `render::part`): the site's files are not read again.

use crate::plural::count;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::build::notify;
use super::progress::Progress;
use super::term::errln;
use super::{Exit, SiteArgs};
use crate::config::Config;
use crate::engine::{Engine, Purpose};
use crate::output::{self, DirSink, MARKER};
use crate::render::part::{PART_FILE, Part};

/// Merges the part folders `parts` into `out` (default: the site's output folder).
pub fn run(parts: &[PathBuf], out: Option<&Path>, site: &SiteArgs) -> Exit {
    let progress = Progress::new(false);
    progress.phase(&format!("joining {}", count(parts.len(), "part", "parts")));
    let merged = merge(parts, out, site);
    progress.finish();
    match merged {
        Ok(summary) => {
            errln!("{summary}");
            Exit::Success
        }
        Err(e) => {
            errln!("error: {e}");
            Exit::Failure
        }
    }
}

fn merge(dirs: &[PathBuf], out: Option<&Path>, args: &SiteArgs) -> Result<String, String> {
    let parts = read_parts(dirs)?;
    let files = part_files(dirs)?;
    let config = Config::load(&args.root, args.content.as_deref(), out)
        .map_err(|e| e.to_string())?
        .with_title(args.title.as_deref());
    let checked = parts.first().is_some_and(|p| p.checked);
    let staging = output::stage(
        &config.output_dir,
        &config.root,
        &config.content_dir,
        out.is_some(),
        &|notice| notify(&config.output_dir, notice),
    )
    .map_err(|e| e.to_string())?;
    let written = fill(&staging.temp, &files, parts, config.clone(), checked);
    let report = match written {
        Ok(report) => report,
        Err(e) => {
            staging.abandon();
            return Err(e);
        }
    };
    let out = staging
        .commit(&|notice| notify(&config.output_dir, notice))
        .map_err(|e| e.to_string())?;
    let summary = crate::diagnostics::Summary::of(&report.diagnostics);
    Ok(format!(
        "merged {}: {} ({}) into {}: {}",
        count(dirs.len(), "part", "parts"),
        count(report.pages, "page", "pages"),
        count(report.fallbacks, "fallback", "fallbacks"),
        out.display(),
        summary.counts(),
    ))
}

/// Puts the parts' files into `temp` and writes the report and search index there.
fn fill(
    temp: &Path,
    files: &BTreeMap<String, PathBuf>,
    parts: Vec<Part>,
    config: Config,
    checked: bool,
) -> Result<crate::render::RenderReport, String> {
    files.par_iter().try_for_each(|(rel, from)| {
        let to = temp.join(rel);
        if let Some(parent) = to.parent() {
            std::fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", to.display()))?;
        }
        // A hard link where the file system allows one (no bytes copied: the parts are
        // diglot's output, never written in place, so the two names stay alike).
        if std::fs::hard_link(from, &to).is_ok() {
            return Ok(());
        }
        std::fs::copy(from, &to)
            .map(|_| ())
            .map_err(|e| format!("cannot copy {}: {e}", from.display()))
    })?;
    let boundary = config.boundary.clone();
    let engine = Engine::open(config, Purpose::Merge { check: checked })?;
    let sink = DirSink::new(temp.to_path_buf(), boundary);
    engine.write_merged(parts, &sink).map_err(|e| e.to_string())
}

/// Every part's stored figures, checked to be the shards 1…n of one split, each once.
fn read_parts(dirs: &[PathBuf]) -> Result<Vec<Part>, String> {
    let mut parts: Vec<Part> = Vec::new();
    for dir in dirs {
        let file = dir.join(PART_FILE);
        let bytes = std::fs::read(&file).map_err(|e| {
            format!(
                "{}: {e}; is it the output of `diglot build --shard i/n`?",
                file.display()
            )
        })?;
        let part = Part::read(&bytes).map_err(|e| format!("{}: {e}", file.display()))?;
        if let Some(first) = parts.iter().find(|p| p.shard == part.shard) {
            return Err(format!(
                "{} is shard {} again; give each shard's folder once",
                dir.display(),
                first.shard
            ));
        }
        parts.push(part);
    }
    let count = parts.first().map_or(0, |p| p.shard.count());
    if let Some(odd) = parts.iter().find(|p| p.shard.count() != count) {
        return Err(format!(
            "shard {} is of another split than {}/{count}; build every part with one --shard N",
            odd.shard,
            parts[0].shard.index()
        ));
    }
    if let Some(odd) = parts.iter().find(|p| p.checked != parts[0].checked) {
        return Err(format!(
            "shard {} was built {} the checks and shard {} {}: build every part alike",
            odd.shard,
            if odd.checked { "with" } else { "without" },
            parts[0].shard,
            if parts[0].checked {
                "with them"
            } else {
                "without"
            },
        ));
    }
    let missing: Vec<String> = (1..=count)
        .filter(|i| !parts.iter().any(|p| p.shard.index() == *i))
        .map(|i| format!("{i}/{count}"))
        .collect();
    if !missing.is_empty() {
        return Err(format!(
            "shards {} are missing: the site needs all {count}",
            missing.join(", ")
        ));
    }
    Ok(parts)
}

/// The files to copy, by site-relative path: each part's but its part file and output
/// marker. A file several parts hold must be the same in all.
fn part_files(dirs: &[PathBuf]) -> Result<BTreeMap<String, PathBuf>, String> {
    let mut files: BTreeMap<String, PathBuf> = BTreeMap::new();
    let mut shared: Vec<(PathBuf, PathBuf)> = Vec::new();
    for dir in dirs {
        for entry in walkdir::WalkDir::new(dir).follow_links(false) {
            let entry = entry.map_err(|e| e.to_string())?;
            if !entry.file_type().is_file() {
                continue; // a part is made by diglot: no links to follow
            }
            let Ok(rel) = entry.path().strip_prefix(dir) else {
                continue;
            };
            let rel = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            if rel == PART_FILE || rel == MARKER {
                continue;
            }
            match files.get(&rel) {
                Some(first) => shared.push((first.clone(), entry.path().to_path_buf())),
                None => {
                    files.insert(rel, entry.path().to_path_buf());
                }
            }
        }
    }
    shared.par_iter().try_for_each(|(a, b)| {
        let same = std::fs::read(a).map_err(|e| format!("{}: {e}", a.display()))?
            == std::fs::read(b).map_err(|e| format!("{}: {e}", b.display()))?;
        if same {
            Ok(())
        } else {
            Err(format!(
                "{} and {} differ: were the parts built from one site, with the same options?",
                a.display(),
                b.display()
            ))
        }
    })?;
    Ok(files)
}
