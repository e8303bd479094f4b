//! `diglot explain CODE|RULE`: what a rule checks, why, an example and the fix.

use super::Exit;
use crate::diagnostics::{ALL_RULES, Rule};

#[derive(clap::Args, Debug)]
pub struct ExplainArgs {
    /// A rule code (`LK005`) or name (`hard-coded-locale`); none lists every rule.
    pub rule: Option<String>,
}

pub fn run(args: &ExplainArgs) -> Exit {
    let Some(key) = &args.rule else {
        for r in ALL_RULES {
            println!(
                "{}  {:<22} {:<8} {}",
                r.code,
                r.name,
                r.severity.as_str(),
                r.summary
            );
        }
        return Exit::Success;
    };
    match Rule::find(key) {
        Some(r) => {
            println!(
                "# {} {} ({} by default)\n\n{}\n",
                r.code,
                r.name,
                r.severity.as_str(),
                r.summary
            );
            print!("{}", r.docs);
            Exit::Success
        }
        None => {
            eprintln!("error: no rule `{key}`; `diglot explain` lists them all");
            Exit::Failure
        }
    }
}
