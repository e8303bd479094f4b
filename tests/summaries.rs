//! Summaries and report options shared by `check` and `build`: `--statistics`, `--quiet`,
//! `--min-severity`, `build --format` and `build --deny-warnings`.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use common::*;
use serde_json::Value;

fn run(root: &Path, args: &[&str]) -> std::process::Output {
    diglot().current_dir(root).args(args).output().expect("run")
}

fn stdout(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// (code, severity) → how many, from findings in JSON.
fn counted(findings: &[Value]) -> BTreeMap<(String, String), u64> {
    let mut counts = BTreeMap::new();
    for d in findings {
        let key = (
            d["code"].as_str().unwrap_or_default().to_string(),
            d["severity"].as_str().unwrap_or_default().to_string(),
        );
        *counts.entry(key).or_default() += 1;
    }
    counts
}

#[test]
fn statistics_count_each_code_most_frequent_first() {
    let root = fixture_dir("rules");
    let expected = counted(&check_findings(&root, &[]));

    let out = run(&root, &["check", "--statistics"]);
    let text = stdout(&out);
    let mut lines: Vec<&str> = text.lines().collect();
    let totals = lines.pop().expect("a totals line");
    assert!(totals.ends_with("infos"), "{text}");
    let mut seen = BTreeMap::new();
    let mut last = u64::MAX;
    for line in &lines {
        let fields: Vec<&str> = line.split_whitespace().collect();
        let count: u64 = fields[0].parse().expect("count");
        assert!(count <= last, "most frequent first: {text}");
        last = count;
        seen.insert((fields[1].to_string(), fields[2].to_string()), count);
    }
    assert_eq!(seen, expected);

    let out = run(&root, &["check", "--statistics", "--format", "json"]);
    let json: Vec<Value> = serde_json::from_slice(&out.stdout).expect("a JSON list");
    let from_json: BTreeMap<(String, String), u64> = json
        .iter()
        .map(|c| {
            let key = (
                c["code"].as_str().unwrap_or_default().to_string(),
                c["severity"].as_str().unwrap_or_default().to_string(),
            );
            (key, c["count"].as_u64().unwrap_or_default())
        })
        .collect();
    assert_eq!(from_json, expected);
    assert!(json.iter().all(|c| c["rule"].is_string()));
}

#[test]
fn quiet_prints_the_findings_and_nothing_else() {
    let root = fixture_dir("rules");
    let loud = stdout(&run(&root, &["check"]));
    let quiet = stdout(&run(&root, &["check", "--quiet"]));
    assert!(loud.trim_end().ends_with("infos"));
    assert!(!quiet.contains(" errors, "), "{quiet}");
    assert_eq!(
        quiet.trim_end(),
        loud.trim_end()
            .rsplit_once('\n')
            .map_or("", |(f, _)| f)
            .trim_end()
    );

    let site = copy_site(&sample_site_dir());
    let out = run(site.path(), &["build", "--quiet"]);
    let err = stderr(&out);
    assert!(!err.contains("built "), "{err}");
    assert!(site.path().join("public/index.html").is_file());
}

#[test]
fn min_severity_leaves_out_the_lesser_findings_and_their_exit_code() {
    let root = fixture_dir("rules");
    let all = check_findings(&root, &[]);
    let severities = |found: &[Value]| -> Vec<String> {
        let set: std::collections::BTreeSet<String> = found
            .iter()
            .map(|d| d["severity"].as_str().unwrap_or_default().to_string())
            .collect();
        set.into_iter().collect()
    };
    assert_eq!(severities(&all), ["error", "info", "warning"]);
    let warnings_up = check_findings(&root, &["--min-severity", "warning"]);
    assert_eq!(severities(&warnings_up), ["error", "warning"]);
    let errors = check_findings(&root, &["--min-severity", "error"]);
    assert_eq!(severities(&errors), ["error"]);
    assert_eq!(
        errors.len(),
        all.iter().filter(|d| d["severity"] == "error").count()
    );

    // The sample site has warnings and no errors: denied, they fail the run unless
    // left out.
    let sample = sample_site_dir();
    let denied = run(&sample, &["check", "--deny-warnings", "--format", "json"]);
    assert_eq!(denied.status.code(), Some(1));
    let above = run(
        &sample,
        &["check", "--deny-warnings", "--min-severity", "error"],
    );
    assert_eq!(above.status.code(), Some(0), "{}", stdout(&above));
}

#[test]
fn build_prints_its_findings_in_any_format_and_can_deny_warnings() {
    let site = copy_site(&sample_site_dir());
    let out = run(site.path(), &["build", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let built: Value = serde_json::from_slice(&out.stdout).expect("JSON on stdout");
    let checked = check_json(site.path(), &[]);
    assert_eq!(
        counted(built["diagnostics"].as_array().expect("diagnostics")),
        counted(checked["diagnostics"].as_array().expect("diagnostics"))
    );
    assert!(
        stderr(&out).contains("built "),
        "the status stays on stderr"
    );

    let denied = run(site.path(), &["build", "--deny-warnings"]);
    assert_eq!(denied.status.code(), Some(1), "{}", stderr(&denied));
    assert!(
        site.path().join("public/index.html").is_file(),
        "still built"
    );

    let sarif = run(site.path(), &["build", "--format", "sarif"]);
    let sarif: Value = serde_json::from_slice(&sarif.stdout).expect("SARIF");
    assert_eq!(sarif["version"], "2.1.0");
}
