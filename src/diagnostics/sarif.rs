//! SARIF 2.1.0, as GitHub code scanning reads it.

use serde_json::{Value, json};

use super::fingerprint::fingerprints;
use super::{ALL_RULES, Diagnostic, Locations, Severity};

/// Files are named from the working folder, the repository root in CI (see
/// [`Locations::sarif_location`]), so the results land on the repository's files.
pub fn render_sarif(diagnostics: &[Diagnostic], at: &Locations) -> String {
    let rules: Vec<Value> = ALL_RULES
        .iter()
        .map(|r| {
            json!({
                "id": r.code,
                "name": r.name,
                "shortDescription": { "text": r.summary },
                "fullDescription": { "text": r.summary },
                "help": { "text": r.docs, "markdown": r.docs },
                "defaultConfiguration": { "level": level(r.severity) },
            })
        })
        .collect();
    let prints = fingerprints(diagnostics);
    let results: Vec<Value> = diagnostics
        .iter()
        .zip(prints)
        .map(|(d, print)| {
            let mut text = d.message.clone();
            if let Some(help) = &d.help {
                text.push_str("\nhelp: ");
                text.push_str(help);
            }
            let mut result = json!({
                "ruleId": d.code,
                "level": level(d.severity),
                "message": { "text": text },
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": at.sarif_location(&d.path),
                        "region": {
                            "startLine": d.line,
                            "startColumn": d.column,
                            "endLine": d.end_line.max(d.line),
                            "endColumn": d.end_column.max(1),
                        },
                    },
                }],
                "partialFingerprints": { "diglot/v1": print },
            });
            if !d.related.is_empty() {
                let related: Vec<Value> = d
                    .related
                    .iter()
                    .enumerate()
                    .map(|(i, r)| {
                        json!({
                            "id": i,
                            "message": { "text": r.message },
                            "physicalLocation": {
                                "artifactLocation": at.sarif_location(&r.path),
                                "region": { "startLine": r.line, "startColumn": r.column },
                            },
                        })
                    })
                    .collect();
                result["relatedLocations"] = json!(related);
            }
            if let Some(i) = ALL_RULES.iter().position(|r| r.code == d.code) {
                result["ruleIndex"] = json!(i);
            }
            result
        })
        .collect();
    let log = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "diglot",
                "version": env!("CARGO_PKG_VERSION"),
                "semanticVersion": env!("CARGO_PKG_VERSION"),
                "rules": rules,
            }},
            "results": results,
        }],
    });
    serde_json::to_string_pretty(&log).unwrap_or_default()
}

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}
