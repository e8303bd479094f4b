//! `diglot completions SHELL`: the shell's completion script for every command and option,
//! made from the command line's own definition (clap_complete), so it never drifts.

use clap::CommandFactory;
use clap_complete::Shell;

use super::term::{self, errln};
use super::{Cli, Exit};

#[derive(clap::Args, Debug)]
pub struct CompletionsArgs {
    /// The shell to complete in. Install for bash with
    /// `diglot completions bash > ~/.local/share/bash-completion/completions/diglot`.
    #[arg(value_enum)]
    pub shell: Shell,
}

pub fn run(args: &CompletionsArgs) -> Exit {
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut Cli::command(), "diglot", &mut script);
    match term::out(&String::from_utf8_lossy(&script)) {
        Ok(()) => Exit::Success,
        Err(e) => {
            errln!("error: cannot write: {e}");
            Exit::Failure
        }
    }
}
