//! `diglot build`: load, parse, render into a temporary folder, swap it in.

use crate::plural::count;
use std::path::PathBuf;
use std::time::Instant;

use super::findings::{self, Format, ReportArgs, Scope};
use super::progress::Progress;
use super::term::{self, errln};
use super::{Exit, SiteArgs};
use crate::check::Shard;
use crate::config::Config;
use crate::diagnostics::{Locations, Summary, render_short};
use crate::engine::{Engine, Purpose};
use crate::output::{self, DirSink};

#[derive(clap::Args, Debug)]
pub struct BuildArgs {
    #[command(flatten)]
    pub site: SiteArgs,
    /// Where to write the site (default: `output_dir` of `site.toml`, or `public/`).
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Build without running the checks (parse problems are still reported).
    #[arg(long)]
    pub no_check: bool,
    /// Build one part of the site, for one machine of a CI matrix: shard I of N (`2/3`),
    /// split by path as `check --shard` splits it. `diglot merge --out DIR PART…` joins
    /// the parts' folders into the site.
    #[arg(long, value_name = "I/N")]
    pub shard: Option<Shard>,
    #[command(flatten)]
    pub report: ReportArgs,
}

pub fn run(args: &BuildArgs) -> Exit {
    let started = Instant::now();
    let config = match Config::load(
        &args.site.root,
        args.site.content.as_deref(),
        args.out.as_deref(),
    ) {
        Ok(c) => c.with_title(args.site.title.as_deref()),
        Err(e) => {
            errln!("error: {e}");
            return Exit::Failure;
        }
    };
    let staging = match output::stage(
        &config.output_dir,
        &config.root,
        &config.content_dir,
        args.out.is_some(),
        &|notice| notify(&config.output_dir, notice),
    ) {
        Ok(s) => s,
        Err(e) => {
            errln!("error: {e}");
            return Exit::Failure;
        }
    };
    let stage_start = Instant::now();
    let config_output = config.output_dir.clone();
    let purpose = Purpose::Build {
        check: !args.no_check,
        shard: args.shard,
    };
    // A large site takes seconds: say what is being done, on a terminal.
    let progress = Progress::new(args.report.quiet);
    progress.phase(if args.no_check {
        "reading the site"
    } else {
        "reading and checking the site"
    });
    let mut engine = match Engine::open(config, purpose) {
        Ok(engine) => engine,
        Err(e) => {
            progress.finish();
            staging.abandon();
            errln!("error: {e}");
            return Exit::Failure;
        }
    };
    let loaded_at = stage_start.elapsed();
    progress.phase("rendering the pages");
    let boundary = engine.site().config().boundary.clone();
    let rendered = engine.write_all(&DirSink::new(staging.temp.clone(), boundary));
    let site = engine.site();
    progress.finish();
    let rendered_at = stage_start.elapsed();
    let report = match rendered {
        Ok(r) => r,
        Err(e) => {
            staging.abandon();
            errln!("error: {e}");
            return Exit::Failure;
        }
    };
    if report.pages == 0 && report.failed > 0 {
        // A site with no page is no site: keep the previous one.
        // One template error fails every page alike: show it once.
        staging.abandon();
        let first_failure = report
            .diagnostics
            .iter()
            .find(|d| d.code == "RN001")
            .cloned();
        let at = Locations::from_cwd(&site.config().content_dir);
        term::err(&render_short(first_failure.as_slice(), &at));
        errln!(
            "error: every page failed ({}, the first shown above); nothing was published, {} is as it was",
            count(report.failed, "page", "pages"),
            config_output.display()
        );
        return Exit::Failure;
    }
    let out = match staging.commit(&|notice| notify(&config_output, notice)) {
        Ok(out) => out,
        Err(e) => {
            errln!("error: {e}");
            return Exit::Failure;
        }
    };
    if std::env::var_os("DIGLOT_TIMINGS").is_some() {
        errln!(
            "timings: load+check {:.0}ms, render+write {:.0}ms, swap {:.0}ms",
            loaded_at.as_secs_f64() * 1e3,
            (rendered_at - loaded_at).as_secs_f64() * 1e3,
            (stage_start.elapsed() - rendered_at).as_secs_f64() * 1e3,
        );
    }
    let mut diagnostics = report.diagnostics;
    args.report.filter(&mut diagnostics);
    if args.report.format.is_some() || args.report.statistics {
        // Asked for a format: the findings are the command's output, on stdout.
        let file_paths: Vec<&str> = site
            .articles()
            .iter()
            .map(|a| a.path())
            .chain(site.tocs().iter().map(|t| t.file.path.as_str()))
            .collect();
        let file_of = |path: &str| site.file_text(path);
        let scope = Scope {
            file_of: &file_of,
            files: file_paths.len(),
            file_paths: &file_paths,
            content_dir: &site.config().content_dir,
        };
        let format = args.report.format.unwrap_or(Format::Short);
        if let Err(e) = findings::print(&diagnostics, format, &args.report, &scope) {
            errln!("error: cannot write the findings: {e}");
            return Exit::Failure;
        }
    } else {
        let at = Locations::from_cwd(&site.config().content_dir);
        term::err(&render_short(&diagnostics, &at));
    }
    if args.report.quiet {
        return args.report.exit_for(&diagnostics);
    }
    let summary = Summary::of(&diagnostics);
    let part = args
        .shard
        .map(|s| format!("part {s} of the site, "))
        .unwrap_or_default();
    errln!(
        "built {part}{} ({}) in {} into {} in {:.2}s: {}",
        count(report.pages, "page", "pages"),
        count(report.fallbacks, "fallback", "fallbacks"),
        count(site.config().locales.len(), "locale", "locales"),
        out.display(),
        started.elapsed().as_secs_f64(),
        summary.counts(),
    );
    args.report.exit_for(&diagnostics)
}

/// What the output stage says on the way.
pub(super) fn notify(out: &std::path::Path, notice: output::Notice<'_>) {
    match notice {
        output::Notice::Waiting { lock } => errln!(
            "waiting for another diglot build into {} to finish (it holds {})",
            out.display(),
            lock.display()
        ),
        output::Notice::LeftBehind { path, error } => errln!(
            "warning: could not remove {} ({error}); the next build tries again",
            path.display()
        ),
        output::Notice::NotRestored { path, error } => errln!(
            "warning: could not put the previous site back from {} ({error}); this build replaces it",
            path.display()
        ),
    }
}
