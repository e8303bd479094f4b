//! `diglot check`: parse the site, run every rule, print the findings.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use super::term::{self, errln};
use super::{Exit, SiteArgs};
use crate::config::Config;
use crate::diagnostics::{
    Diagnostic, Severity, Summary, render_github, render_human, render_junit, render_sarif,
    render_short, write_json,
};
use crate::engine::{Engine, Purpose};

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Human,
    Short,
    Json,
    Sarif,
    Github,
    Junit,
}

#[derive(clap::Args, Debug)]
pub struct CheckArgs {
    #[command(flatten)]
    pub site: SiteArgs,
    /// How to print the findings.
    #[arg(long, value_enum, default_value = "human")]
    pub format: Format,
    /// Also fetch external links (LK008); see `[online]` in site.toml.
    #[arg(long)]
    pub online: bool,
    /// Exit with 1 on warnings too.
    #[arg(long)]
    pub deny_warnings: bool,
    /// Report only findings this baseline file does not already record.
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    /// Record today's findings in FILE (and exit 0), to adopt the checker on a legacy corpus.
    #[arg(long, value_name = "FILE")]
    pub write_baseline: Option<PathBuf>,
    /// Only report on these files or folders (content-relative, or paths on disk).
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
}

pub fn run(args: &CheckArgs) -> Exit {
    let config = match Config::load(&args.site.root, args.site.content.as_deref(), None) {
        Ok(c) => c.with_title(args.site.title.as_deref()),
        Err(e) => {
            errln!("error: {e}");
            return Exit::Failure;
        }
    };
    let content_dir = config.content_dir.clone();
    let mut engine = match Engine::open(config, Purpose::Check) {
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
    let mut diagnostics = engine.check_findings(args.online);
    let site = engine.site();
    let keep = |path: &str| {
        filters.is_empty()
            || filters
                .iter()
                .any(|f| f.is_empty() || path == f || path.starts_with(&format!("{f}/")))
    };
    diagnostics.retain(|d| keep(&d.path));
    let files = site.articles().iter().filter(|a| keep(a.path())).count()
        + site.tocs().iter().filter(|t| keep(&t.file.path)).count();
    if let Some(path) = &args.write_baseline {
        return match crate::diagnostics::baseline::write(path, &diagnostics) {
            Ok(()) => {
                errln!("wrote {} findings to {}", diagnostics.len(), path.display());
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
                if known > 0 && args.format == Format::Human {
                    errln!(
                        "{known} findings recorded in {} are not shown",
                        path.display()
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
    let file_paths: Vec<&str> = site
        .articles()
        .iter()
        .map(|a| a.path())
        .chain(site.tocs().iter().map(|t| t.file.path.as_str()))
        .collect();
    if let Err(e) = print(&diagnostics, args.format, files, &file_paths, &content_dir) {
        errln!("error: cannot write the findings: {e}");
        return Exit::Failure;
    }
    exit_for(&diagnostics, args.deny_warnings)
}

/// 1 when errors were found (or warnings, when they are denied), else 0.
pub fn exit_for(diagnostics: &[Diagnostic], deny_warnings: bool) -> Exit {
    let s = Summary::of(diagnostics);
    if s.errors > 0
        || (deny_warnings && diagnostics.iter().any(|d| d.severity == Severity::Warning))
    {
        Exit::Findings
    } else {
        Exit::Success
    }
}

fn print(
    diagnostics: &[Diagnostic],
    format: Format,
    files: usize,
    file_paths: &[&str],
    content_dir: &Path,
) -> std::io::Result<()> {
    let text = match format {
        Format::Human => render_human(diagnostics, term::colour(std::io::stdout().is_terminal())),
        Format::Short => render_short(diagnostics),
        Format::Json => return term::stream(|w| write_json(w, diagnostics, files)),
        Format::Sarif => render_sarif(diagnostics, &repo_prefix(content_dir)) + "\n",
        Format::Github => render_github(diagnostics, &repo_prefix(content_dir)),
        Format::Junit => render_junit(diagnostics, file_paths),
    };
    term::out(&text)
}

/// The content folder relative to the working directory (the repository root in CI), so
/// annotations land on the right files.
fn repo_prefix(content_dir: &Path) -> String {
    let cwd = std::env::current_dir().unwrap_or_default();
    let abs = content_dir
        .canonicalize()
        .unwrap_or_else(|_| content_dir.to_path_buf());
    match abs.strip_prefix(cwd.canonicalize().unwrap_or(cwd)) {
        Ok(rel) if rel.as_os_str().is_empty() => String::new(),
        Ok(rel) => format!("{}/", rel.to_string_lossy().replace('\\', "/")),
        Err(_) => format!("{}/", content_dir.to_string_lossy().trim_end_matches('/')),
    }
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
