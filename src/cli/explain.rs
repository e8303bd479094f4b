//! `diglot explain CODE|RULE`: what a rule checks, why, an example and the fix.

use super::Exit;
use super::term::{self, errln};
use crate::diagnostics::{ALL_RULES, Rule};

#[derive(clap::Args, Debug)]
pub struct ExplainArgs {
    /// A rule code (`LK005`) or name (`hard-coded-locale`); none lists every rule.
    pub rule: Option<String>,
}

pub fn run(args: &ExplainArgs) -> Exit {
    let Some(key) = &args.rule else {
        let list: String = ALL_RULES
            .iter()
            .map(|r| {
                format!(
                    "{}  {:<22} {:<8} {}\n",
                    r.code,
                    r.name,
                    r.severity.as_str(),
                    r.summary
                )
            })
            .collect();
        return written(term::out(&list));
    };
    match Rule::find(key) {
        Some(r) => written(term::out(&format!(
            "# {} {} ({} by default)\n\n{}\n\n{}",
            r.code,
            r.name,
            r.severity.as_str(),
            r.summary,
            r.docs
        ))),
        None => {
            errln!("error: no rule `{key}`; `diglot explain` lists them all");
            Exit::Failure
        }
    }
}

fn written(result: std::io::Result<()>) -> Exit {
    match result {
        Ok(()) => Exit::Success,
        Err(e) => {
            errln!("error: cannot write: {e}");
            Exit::Failure
        }
    }
}
