use std::process::ExitCode;

use clap::Parser;
use diglot::cli::{Cli, run};

fn main() -> ExitCode {
    run(Cli::parse()).into()
}
