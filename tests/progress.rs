//! A long run says what it is doing on a terminal (a spinner on stderr), and nothing of it
//! when stderr is a pipe, a CI log or a file, or with `--quiet`.
#![cfg(target_os = "linux")]

mod common;

use std::io::Read;
use std::path::Path;
use std::process::Stdio;

use common::*;
use rustix::pty::{OpenptFlags, grantpt, openpt, ptsname, unlockpt};

/// Runs `diglot` with `args` in `root`, its stderr a pseudo-terminal; returns what the
/// terminal was sent.
fn on_a_terminal(root: &Path, args: &[&str]) -> String {
    let master = openpt(OpenptFlags::RDWR | OpenptFlags::NOCTTY).expect("openpt");
    grantpt(&master).expect("grantpt");
    unlockpt(&master).expect("unlockpt");
    let name = ptsname(&master, Vec::new()).expect("ptsname");
    let terminal = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open(name.to_str().expect("utf-8"))
        .expect("open the terminal");
    let mut master = std::fs::File::from(master);
    // Read while the run writes: a terminal's buffer is small.
    let reader = std::thread::spawn(move || {
        let mut seen = Vec::new();
        let mut buf = [0u8; 4096];
        // Once the run has exited and every handle on the terminal is closed, a read
        // fails (EIO): the end.
        while let Ok(n @ 1..) = master.read(&mut buf) {
            seen.extend_from_slice(&buf[..n]);
        }
        String::from_utf8_lossy(&seen).into_owned()
    });
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_diglot"))
        .current_dir(root)
        .args(args)
        .env("TERM", "xterm")
        .stdout(Stdio::null())
        .stderr(Stdio::from(terminal))
        .status()
        .expect("run");
    assert!(status.code().is_some_and(|c| c <= 1), "{status}");
    reader.join().expect("reader")
}

#[test]
fn a_build_and_a_check_show_their_phases_on_a_terminal_only() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let corpus = corpus_dir();
    let content = corpus.to_str().expect("utf-8");
    let tmp = tempfile::tempdir().expect("tmp");
    let out = tmp.path().join("site");
    let out = out.to_str().expect("utf-8");
    let build = ["build", "--content", content, "--out", out];

    let shown = on_a_terminal(root, &build);
    assert!(shown.contains("reading and checking the site"), "{shown}");
    assert!(shown.contains("rendering the pages"), "{shown}");
    assert!(shown.contains("built "), "the summary follows: {shown}");
    let checked = on_a_terminal(root, &["check", "--content", content]);
    assert!(
        checked.contains("reading and checking the site"),
        "{checked}"
    );

    // Piped, or asked to be quiet: the findings and the summary, no phases.
    let piped = diglot()
        .current_dir(root)
        .args(build)
        .output()
        .expect("run");
    let piped = String::from_utf8_lossy(&piped.stderr);
    assert!(
        piped.contains("built ") && !piped.contains("reading and checking"),
        "{piped}"
    );
    let quiet = on_a_terminal(root, &[&build[..], &["--quiet"]].concat());
    assert!(!quiet.contains("reading and checking"), "{quiet}");
}

#[test]
fn a_merge_shows_its_phase_on_a_terminal() {
    let site = sample_site_dir();
    let tmp = tempfile::tempdir().expect("tmp");
    let parts: Vec<String> = (1..=2)
        .map(|i| {
            let dir = tmp.path().join(format!("part-{i}"));
            let dir = dir.to_str().expect("utf-8").to_string();
            let shard = format!("{i}/2");
            let built = diglot()
                .current_dir(&site)
                .args(["build", "--shard", &shard, "--out", &dir])
                .output()
                .expect("build");
            assert!(built.status.code().is_some_and(|c| c <= 1));
            dir
        })
        .collect();
    let out = tmp.path().join("merged");
    let mut args = vec!["merge", "--out", out.to_str().expect("utf-8")];
    args.extend(parts.iter().map(String::as_str));
    let shown = on_a_terminal(&site, &args);
    assert!(shown.contains("joining 2 parts"), "{shown}");
    assert!(shown.contains("merged 2 parts"), "{shown}");
}
