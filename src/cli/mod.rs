//! The command line (SPEC §6b is the contract): one file per command.

mod term;

mod findings;
mod fixes;
mod progress;

mod build;
mod check;
mod completions;
mod explain;
mod init;
mod merge;
mod merge_site;
#[cfg(feature = "serve")]
mod serve;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// How a run ended, as the process exit code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Exit {
    /// No errors.
    Success = 0,
    /// Errors found in the content.
    Findings = 1,
    /// Usage, configuration or I/O failure.
    Failure = 2,
}

impl From<Exit> for ExitCode {
    fn from(e: Exit) -> ExitCode {
        ExitCode::from(e as u8)
    }
}

#[derive(Parser, Debug)]
#[command(
    name = "diglot",
    version,
    about = "Build bilingual static help sites from localized Markdown, and verify them"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Build the site into the output folder (default `public/`), after checking it.
    Build(build::BuildArgs),
    /// Check links, anchors, front matter, TOCs and Markdown; exit 1 on errors.
    Check(check::CheckArgs),
    /// Explain a rule: what it checks, why, an example and the fix.
    Explain(explain::ExplainArgs),
    /// Preview the site in a browser, rendered in memory, reloading pages as files change.
    #[cfg(feature = "serve")]
    Serve(serve::ServeArgs),
    /// Join the parts of a sharded run: `check --shard` reports into one report, `build
    /// --shard` folders into the site.
    Merge(merge::MergeArgs),
    /// Make a small bilingual site to start from (never overwrites a file).
    Init(init::InitArgs),
    /// Print the completion script of a shell (bash, zsh, fish, elvish, powershell).
    Completions(completions::CompletionsArgs),
}

/// Options every command that reads a site shares.
#[derive(clap::Args, Debug, Clone)]
pub struct SiteArgs {
    /// The folder holding `site.toml`.
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub root: PathBuf,
    /// The content folder (`<locale>/…` subfolders); overrides `site.toml`.
    #[arg(long, value_name = "DIR")]
    pub content: Option<PathBuf>,
    /// The site title shown on every page; overrides `site.toml` (a `--content` site has none).
    #[arg(long, value_name = "TITLE")]
    pub title: Option<String>,
}

pub fn run(cli: Cli) -> Exit {
    match cli.command {
        Command::Build(args) => build::run(&args),
        Command::Check(args) => check::run(&args),
        Command::Explain(args) => explain::run(&args),
        Command::Merge(args) => merge::run(&args),
        Command::Init(args) => init::run(&args),
        Command::Completions(args) => completions::run(&args),
        #[cfg(feature = "serve")]
        Command::Serve(args) => serve::run(&args),
    }
}
