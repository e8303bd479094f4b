//! `check --shard i/n` and `diglot merge`: three shards of the corpus, merged, are the
//! unsharded report, in JSON and in SARIF.

mod common;

use std::path::{Path, PathBuf};

use common::*;
use serde_json::Value;

/// `check` on the corpus from the repository root, as a CI job runs it: stdout.
fn check_corpus(args: &[&str]) -> Vec<u8> {
    let corpus = corpus_dir();
    let out = diglot()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["check", "--content"])
        .arg(&corpus)
        .args(args)
        .output()
        .expect("run");
    assert!(
        out.status.code().is_some_and(|c| c <= 1),
        "{}",
        stderr(&out)
    );
    out.stdout
}

/// Each shard's report in `dir`, as a matrix job would upload it.
fn shard_reports(dir: &Path, format: &str) -> Vec<PathBuf> {
    (1..=3)
        .map(|i| {
            let shard = format!("{i}/3");
            let path = dir.join(format!("shard-{i}.{format}"));
            std::fs::write(
                &path,
                check_corpus(&["--format", format, "--shard", &shard]),
            )
            .expect("write");
            path
        })
        .collect()
}

fn merge(reports: &[PathBuf]) -> std::process::Output {
    diglot()
        .arg("merge")
        .args(reports)
        .output()
        .expect("run merge")
}

#[test]
fn three_shards_merged_are_the_unsharded_json() {
    let whole: Value = serde_json::from_slice(&check_corpus(&["--format", "json"])).expect("json");
    let tmp = tempfile::tempdir().expect("tmp");
    let reports = shard_reports(tmp.path(), "json");

    // Each shard reports a part: no file in two parts, a file with its translations.
    let parts: Vec<Value> = reports
        .iter()
        .map(|r| serde_json::from_str(&read(r)).expect("json"))
        .collect();
    let total = whole["diagnostics"].as_array().expect("diagnostics").len();
    let mut owner = std::collections::BTreeMap::new();
    for (i, part) in parts.iter().enumerate() {
        let found = part["diagnostics"].as_array().expect("diagnostics");
        assert!(
            !found.is_empty() && found.len() < total,
            "shard {i}: {}",
            found.len()
        );
        for d in found {
            let path = d["path"].as_str().expect("path");
            let rel = path
                .split_once('/')
                .map_or(path, |(_, rel)| rel)
                .to_string();
            assert_eq!(*owner.entry(rel).or_insert(i), i, "{path} is in two shards");
        }
    }

    let out = merge(&reports);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let merged: Value = serde_json::from_slice(&out.stdout).expect("merged json");
    assert_eq!(merged["summary"], whole["summary"]);
    assert_eq!(merged["diagnostics"], whole["diagnostics"]);
}

#[test]
fn three_shards_merged_are_the_unsharded_sarif() {
    let whole: Value =
        serde_json::from_slice(&check_corpus(&["--format", "sarif"])).expect("sarif");
    let tmp = tempfile::tempdir().expect("tmp");
    let out = merge(&shard_reports(tmp.path(), "sarif"));
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let merged: Value = serde_json::from_slice(&out.stdout).expect("merged sarif");
    assert_valid_sarif(&merged);
    assert_eq!(merged["runs"].as_array().map(Vec::len), Some(1));
    let sorted = |log: &Value| {
        let mut results: Vec<String> = log["runs"][0]["results"]
            .as_array()
            .expect("results")
            .iter()
            .map(Value::to_string)
            .collect();
        results.sort();
        results
    };
    assert_eq!(sorted(&merged), sorted(&whole));
    // Repository-relative URIs: the corpus is in the repository diglot ran at.
    let uri =
        &merged["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"];
    assert_eq!(uri["uriBaseId"], "%SRCROOT%");
    assert!(
        uri["uri"]
            .as_str()
            .is_some_and(|u| u.starts_with("tests/corpus/")),
        "{uri}"
    );
}

#[test]
fn merge_refuses_reports_of_different_formats_and_bad_shards() {
    let tmp = tempfile::tempdir().expect("tmp");
    let site = fixture_dir("rules");
    let json = tmp.path().join("a.json");
    let sarif = tmp.path().join("b.sarif");
    for (path, format) in [(&json, "json"), (&sarif, "sarif")] {
        let out = diglot()
            .current_dir(&site)
            .args(["check", "--format", format])
            .output()
            .expect("run");
        std::fs::write(path, out.stdout).expect("write");
    }
    let out = merge(&[json, sarif]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("merge reports of one format"),
        "{}",
        stderr(&out)
    );

    let out = diglot()
        .current_dir(&site)
        .args(["check", "--shard", "4/3"])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("is no shard"), "{}", stderr(&out));
}

/// Every fixture site, the sample site and the corpus, in three shards: together the
/// shards find what the whole check finds (each shard reads the others' files only for
/// what its own need of them).
#[test]
fn the_shards_of_every_site_find_together_what_the_whole_finds() {
    let mut sites: Vec<(PathBuf, Vec<String>)> =
        ["broken", "docfx", "headings", "links", "rules", "sxs"]
            .iter()
            .map(|name| (fixture_dir(name), Vec::new()))
            .collect();
    sites.push((sample_site_dir(), Vec::new()));
    let corpus = corpus_dir().to_string_lossy().into_owned();
    sites.push((
        PathBuf::from(env!("CARGO_MANIFEST_DIR")),
        vec!["--content".to_string(), corpus],
    ));
    let sorted = |mut found: Vec<String>| {
        found.sort();
        found
    };
    for (root, site) in &sites {
        let site: Vec<&str> = site.iter().map(String::as_str).collect();
        let findings = |extra: &[&str]| -> Vec<String> {
            check_json(root, &[&site[..], extra].concat())["diagnostics"]
                .as_array()
                .map(|all| all.iter().map(Value::to_string).collect())
                .unwrap_or_default()
        };
        let whole = findings(&[]);
        let parts: Vec<String> = (1..=3)
            .flat_map(|i| findings(&["--shard", &format!("{i}/3")]))
            .collect();
        assert!(
            !whole.is_empty(),
            "{}: no findings to compare",
            root.display()
        );
        assert_eq!(sorted(parts), sorted(whole), "{}", root.display());
    }
}
