//! `diglot check`: parse the site, run every rule, print the findings.

use crate::plural::count;
use std::path::{Path, PathBuf};

use super::findings::{self, Format, ReportArgs, Scope};
use super::fixes;
use super::progress::Progress;
use super::term::errln;
use super::{Exit, SiteArgs};
use crate::check::Shard;
use crate::config::Config;
use crate::engine::{Engine, Purpose};

#[derive(clap::Args, Debug)]
pub struct CheckArgs {
    #[command(flatten)]
    pub site: SiteArgs,
    #[command(flatten)]
    pub report: ReportArgs,
    /// Also fetch external links (LK008); see `[online]` in site.toml.
    #[arg(long)]
    pub online: bool,
    /// Check one part of the site, `i/n` (for a CI matrix): a file and its translations
    /// fall in the same part; `diglot merge` joins the parts' reports.
    #[arg(long, value_name = "I/N")]
    pub shard: Option<Shard>,
    /// Report only findings this baseline file does not already record.
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    /// Record today's findings in FILE (and exit 0), to adopt the checker on a legacy corpus.
    #[arg(long, value_name = "FILE")]
    pub write_baseline: Option<PathBuf>,
    /// Apply the safe fixes (labels from the model, `rel` on new-tab links, the locale in
    /// URLs, glued bold…), then report what is left.
    #[arg(long, conflicts_with = "diff")]
    pub fix: bool,
    /// Show the safe fixes as a unified diff, writing nothing; exit 1 when there are some.
    #[arg(long)]
    pub diff: bool,
    /// Only report on these files or folders (content-relative, or paths on disk).
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
}

pub fn run(args: &CheckArgs) -> Exit {
    run_with(args, args.fix || args.diff)
}

/// One check; `fixing`: apply (or show) the safe fixes first.
fn run_with(args: &CheckArgs, fixing: bool) -> Exit {
    let config = match Config::load(&args.site.root, args.site.content.as_deref(), None) {
        Ok(c) => c.with_title(args.site.title.as_deref()),
        Err(e) => {
            errln!("error: {e}");
            return Exit::Failure;
        }
    };
    let content_dir = config.content_dir.clone();
    let format = args.report.format.unwrap_or(Format::Human);
    let progress = Progress::new(args.report.quiet);
    progress.phase("reading and checking the site");
    let purpose = Purpose::Check {
        shard: args.shard,
        online: args.online,
    };
    let mut engine = match Engine::open(config, purpose) {
        Ok(engine) => engine,
        Err(e) => {
            errln!("error: {e}");
            return Exit::Failure;
        }
    };
    let filters: Vec<String> = args
        .paths
        .iter()
        .map(|p| content_relative(p, &content_dir))
        .collect();
    let unknown: Vec<&String> = filters
        .iter()
        .filter(|f| !f.is_empty() && !engine.site().covers(f))
        .collect();
    if !unknown.is_empty() {
        for f in unknown {
            errln!(
                "error: `{f}` matches no file in the content folder {}",
                content_dir.display()
            );
        }
        return Exit::Failure;
    }
    let fetched = |done: usize, total: usize| progress.fetched(done, total);
    let online: Option<crate::check::online::Progress<'_>> = args.online.then_some(&fetched);
    let mut diagnostics = engine.check_findings(online);
    progress.finish();
    let site = engine.site();
    let locales = &site.config().locales;
    let keep = |path: &str| {
        let in_shard = args.shard.is_none_or(|s| s.owns(path, locales));
        let asked = filters.is_empty()
            || filters
                .iter()
                .any(|f| f.is_empty() || path == f || path.starts_with(&format!("{f}/")));
        in_shard && asked
    };
    diagnostics.retain(|d| keep(&d.path));
    args.report.filter(&mut diagnostics);
    let files = site.articles().iter().filter(|a| keep(a.path())).count()
        + site.tocs().iter().filter(|t| keep(&t.file.path)).count();
    if let Some(path) = &args.write_baseline {
        return match crate::diagnostics::baseline::write(path, &diagnostics) {
            Ok(()) => {
                errln!(
                    "wrote {} to {}",
                    count(diagnostics.len(), "finding", "findings"),
                    path.display()
                );
                Exit::Success
            }
            Err(e) => {
                errln!("error: cannot write {}: {e}", path.display());
                Exit::Failure
            }
        };
    }
    if let Some(path) = &args.baseline {
        match crate::diagnostics::baseline::filter(path, diagnostics) {
            Ok((kept, known)) => {
                if known > 0 && !args.report.quiet && format == Format::Human {
                    errln!(
                        "{} recorded in {} {} not shown",
                        count(known, "finding", "findings"),
                        path.display(),
                        if known == 1 { "is" } else { "are" }
                    );
                }
                diagnostics = kept;
            }
            Err(e) => {
                errln!("error: {e}");
                return Exit::Failure;
            }
        }
    }
    if fixing {
        let at = crate::diagnostics::Locations::from_cwd(&content_dir);
        let fixed = match fixes::run(site, &diagnostics, args.fix, args.report.quiet, &at) {
            Ok(fixed) => fixed,
            Err(e) => {
                errln!("error: cannot fix: {e}");
                return Exit::Failure;
            }
        };
        if args.diff {
            return if fixed.fixes > 0 {
                Exit::Findings
            } else {
                Exit::Success
            };
        }
        if !args.report.quiet {
            errln!(
                "{} in {}; checking again",
                count(fixed.fixes, "fix", "fixes"),
                count(fixed.files, "file", "files")
            );
        }
        // The site as the fixes left it: what remains is reported at its new place.
        return run_with(args, false);
    }
    let file_paths: Vec<&str> = site
        .articles()
        .iter()
        .map(|a| a.path())
        .chain(site.tocs().iter().map(|t| t.file.path.as_str()))
        .filter(|p| keep(p))
        .collect();
    let file_of = |path: &str| site.file_text(path);
    let scope = Scope {
        file_of: &file_of,
        files,
        file_paths: &file_paths,
        content_dir: &content_dir,
    };
    if let Err(e) = findings::print(&diagnostics, format, &args.report, &scope) {
        errln!("error: cannot write the findings: {e}");
        return Exit::Failure;
    }
    args.report.exit_for(&diagnostics)
}

/// A PATH argument as a content-relative path: a path on disk inside the content folder,
/// or already content-relative (`fr-fr/commerce`).
fn content_relative(p: &Path, content_dir: &Path) -> String {
    let abs = p.canonicalize().ok();
    let content = content_dir.canonicalize().ok();
    if let (Some(abs), Some(content)) = (abs, content)
        && let Ok(rel) = abs.strip_prefix(&content)
    {
        return rel.to_string_lossy().replace('\\', "/");
    }
    p.to_string_lossy()
        .replace('\\', "/")
        .trim_end_matches('/')
        .to_string()
}
