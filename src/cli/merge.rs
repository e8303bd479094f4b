//! `diglot merge FILE…`: the reports of a sharded check (`check --shard i/n`, one per
//! machine of a CI matrix) joined into the report of the whole site, as one unsharded run
//! prints it: JSON reports into one JSON report (findings in path order, summaries added),
//! SARIF logs into one log with one run. The folders of a sharded build are merged by
//! `merge_site`.

use std::path::PathBuf;

use serde_json::Value;

use super::term::{self, errln};
use super::{Exit, SiteArgs};

#[derive(clap::Args, Debug)]
pub struct MergeArgs {
    /// The shards' reports (all made with `--format json`, or all with `--format sarif`),
    /// or the output folders of `build --shard i/n`, one per shard.
    #[arg(required = true, value_name = "FILE|DIR")]
    pub files: Vec<PathBuf>,
    /// Where to write the merged site, when merging build folders (default: `output_dir` of
    /// `site.toml`, or `public/`).
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// The site the build parts were made from (its files are read for the report).
    #[command(flatten)]
    pub site: SiteArgs,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    Json,
    Sarif,
}

pub fn run(args: &MergeArgs) -> Exit {
    if args.files.iter().any(|f| f.is_dir()) {
        return super::merge_site::run(&args.files, args.out.as_deref(), &args.site);
    }
    let mut reports = Vec::new();
    for path in &args.files {
        let read = std::fs::read(path)
            .map_err(|e| e.to_string())
            .and_then(|bytes| {
                serde_json::from_slice::<Value>(&bytes).map_err(|e| format!("not JSON: {e}"))
            });
        let report = match read {
            Ok(report) => report,
            Err(e) => {
                errln!("error: {}: {e}", path.display());
                return Exit::Failure;
            }
        };
        let Some(kind) = kind_of(&report) else {
            errln!(
                "error: {} is neither a `--format json` report nor a SARIF log",
                path.display()
            );
            return Exit::Failure;
        };
        reports.push((path, kind, report));
    }
    let kind = reports[0].1;
    if let Some((path, _, _)) = reports.iter().find(|(_, k, _)| *k != kind) {
        errln!(
            "error: {} is not a {kind:?} report like {}; merge reports of one format",
            path.display(),
            reports[0].0.display()
        );
        return Exit::Failure;
    }
    let reports: Vec<Value> = reports.into_iter().map(|(_, _, r)| r).collect();
    let merged = match kind {
        Kind::Json => merge_json(reports),
        Kind::Sarif => merge_sarif(reports),
    };
    let text = serde_json::to_string_pretty(&merged).unwrap_or_default() + "\n";
    match term::out(&text) {
        Ok(()) => Exit::Success,
        Err(e) => {
            errln!("error: cannot write: {e}");
            Exit::Failure
        }
    }
}

fn kind_of(report: &Value) -> Option<Kind> {
    if report["diagnostics"].is_array() && report["summary"].is_object() {
        Some(Kind::Json)
    } else if report["runs"].is_array() && report["version"] == "2.1.0" {
        Some(Kind::Sarif)
    } else {
        None
    }
}

/// One JSON report: every finding, in the order `check` prints them; summaries added.
fn merge_json(reports: Vec<Value>) -> Value {
    let mut findings = Vec::new();
    let mut summary = serde_json::Map::new();
    for mut report in reports {
        if let Value::Array(found) = report["diagnostics"].take() {
            findings.extend(found);
        }
        if let Value::Object(counts) = report["summary"].take() {
            for (key, count) in counts {
                let sum = summary.get(&key).and_then(Value::as_u64).unwrap_or(0)
                    + count.as_u64().unwrap_or(0);
                summary.insert(key, Value::from(sum));
            }
        }
    }
    // A file is in one shard only, so a stable sort keeps each file's own order.
    findings.sort_by_cached_key(finding_key);
    serde_json::json!({ "diagnostics": findings, "summary": summary })
}

/// `check`'s order: path, line, column, code (made once per finding, not per comparison).
fn finding_key(d: &Value) -> (String, u64, u64, String) {
    (
        d["path"].as_str().unwrap_or_default().to_string(),
        d["line"].as_u64().unwrap_or(0),
        d["column"].as_u64().unwrap_or(0),
        d["code"].as_str().unwrap_or_default().to_string(),
    )
}

/// One SARIF log with one run: the first log's tool, every log's results in file order.
fn merge_sarif(reports: Vec<Value>) -> Value {
    let mut reports = reports.into_iter();
    let Some(mut merged) = reports.next() else {
        return Value::Null;
    };
    let mut results: Vec<Value> = match merged["runs"][0]["results"].take() {
        Value::Array(r) => r,
        _ => Vec::new(),
    };
    for mut log in reports {
        if let Some(runs) = log["runs"].as_array_mut() {
            for run in runs {
                if let Value::Array(found) = run["results"].take() {
                    results.extend(found);
                }
            }
        }
    }
    results.sort_by_cached_key(result_key);
    merged["runs"][0]["results"] = Value::Array(results);
    if let Some(runs) = merged["runs"].as_array_mut() {
        runs.truncate(1);
    }
    merged
}

/// A result's file, line, column and rule.
fn result_key(r: &Value) -> (String, u64, u64, String) {
    let at = &r["locations"][0]["physicalLocation"];
    (
        at["artifactLocation"]["uri"]
            .as_str()
            .unwrap_or_default()
            .to_string(),
        at["region"]["startLine"].as_u64().unwrap_or(0),
        at["region"]["startColumn"].as_u64().unwrap_or(0),
        r["ruleId"].as_str().unwrap_or_default().to_string(),
    )
}
