//! Times `diglot check` (the release binary) on a corpus generated to N articles, against
//! `lychee --offline --include-fragments` on the same Markdown files, in the same run.
//!
//! `cargo bench --bench check` (N = 10000). lychee is taken from PATH or ~/.cargo/bin
//! (`cargo install lychee`); without it, only diglot is timed.

mod support;

use support::timing::{best, ms};

use std::path::PathBuf;
use std::process::{Command, Stdio};

const RUNS: usize = 3;

fn main() {
    let (n, _, content, _) = support::generate::bench_corpus();
    println!("corpus: {n} articles in {}", content.display());

    let diglot = best(RUNS, || {
        let out = Command::new(env!("CARGO_BIN_EXE_diglot"))
            .args(["check", "--format", "json", "--content"])
            .arg(&content)
            .stderr(Stdio::null())
            .output()
            .expect("run diglot");
        assert!(
            out.status.code().is_some_and(|c| c <= 1),
            "diglot check failed"
        );
    });
    println!(
        "{:<58} {:>8.0}ms",
        "diglot check (all rules, offline)",
        ms(diglot)
    );

    let Some(lychee) = find_lychee() else {
        println!("lychee not found (cargo install lychee): no comparison");
        return;
    };
    let glob = format!("{}/**/*.md", content.display());
    let lychee_time = best(RUNS, || {
        let status = Command::new(&lychee)
            .args([
                "--offline",
                "--include-fragments",
                "--no-progress",
                "--format",
                "json",
                &glob,
            ])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .expect("run lychee");
        assert!(status.code().is_some(), "lychee was killed");
    });
    println!(
        "{:<58} {:>8.0}ms",
        "lychee --offline --include-fragments (links only)",
        ms(lychee_time)
    );
    println!(
        "diglot is {:.1}x faster",
        lychee_time.as_secs_f64() / diglot.as_secs_f64()
    );
}

fn find_lychee() -> Option<PathBuf> {
    let home = std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo/bin/lychee"));
    let on_path = std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|p| p.join("lychee"))
            .find(|p| p.is_file())
    });
    on_path.or(home.filter(|p| p.is_file()))
}
