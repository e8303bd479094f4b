//! Each rule on a small fixture site, in the `short` and `human` formats.

mod common;

use common::*;

fn check(args: &[&str]) -> std::process::Output {
    diglot()
        .current_dir(fixture_dir("rules"))
        .arg("check")
        .args(args)
        .output()
        .expect("run")
}

#[test]
fn every_rule_short() {
    let out = check(&["--format", "short"]);
    assert_eq!(out.status.code(), Some(1), "errors exit 1");
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    for code in [
        "FM003", "FM005", "FM006", "LK001", "LK002", "LK003", "LK004", "LK005", "LK006", "LK007",
        "LK009", "LK011", "AN001", "ST001", "MD001", "MD002", "TC001",
    ] {
        assert!(
            text.contains(&format!("[{code}]")),
            "{code} not reported:\n{text}"
        );
    }
    insta::assert_snapshot!("rules_short", text);
}

#[test]
fn every_rule_human() {
    let out = check(&["--format", "human"]);
    insta::assert_snapshot!("rules_human", String::from_utf8_lossy(&out.stdout));
}
