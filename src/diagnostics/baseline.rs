//! Baselines: record today's findings (`--write-baseline FILE`) so that a large legacy
//! corpus can adopt the checker and fail only on new ones (`--baseline FILE`). Findings
//! are matched by [`fingerprints`], which survive lines moving.

use std::collections::HashMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::Diagnostic;
use super::fingerprint::fingerprints;

#[derive(Serialize, Deserialize)]
struct BaselineFile {
    diglot_baseline: u32,
    findings: Vec<Entry>,
}

/// An entry keeps the readable facts beside the fingerprint, so a reviewer can read the
/// file (and its diff) without running diglot.
#[derive(Serialize, Deserialize)]
struct Entry {
    fingerprint: String,
    code: String,
    path: String,
    message: String,
}

pub fn write(path: &Path, diagnostics: &[Diagnostic]) -> std::io::Result<()> {
    let findings = diagnostics
        .iter()
        .zip(fingerprints(diagnostics))
        .map(|(d, fingerprint)| Entry {
            fingerprint,
            code: d.code.to_string(),
            path: d.path.clone(),
            message: d.message.clone(),
        })
        .collect();
    let text = serde_json::to_string_pretty(&BaselineFile {
        diglot_baseline: 1,
        findings,
    })
    .map_err(std::io::Error::other)?;
    std::fs::write(path, text + "\n")
}

/// Drops the findings the baseline knows; returns the rest and how many were dropped.
pub fn filter(
    path: &Path,
    diagnostics: Vec<Diagnostic>,
) -> Result<(Vec<Diagnostic>, usize), String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read baseline {}: {e}", path.display()))?;
    let file: BaselineFile = serde_json::from_str(&text)
        .map_err(|e| format!("{} is not a diglot baseline: {e}", path.display()))?;
    let mut known: HashMap<String, usize> = HashMap::new();
    for e in file.findings {
        *known.entry(e.fingerprint).or_default() += 1;
    }
    let prints = fingerprints(&diagnostics);
    let mut dropped = 0;
    let kept = diagnostics
        .into_iter()
        .zip(prints)
        .filter_map(|(d, print)| match known.get_mut(&print) {
            Some(n) if *n > 0 => {
                *n -= 1;
                dropped += 1;
                None
            }
            _ => Some(d),
        })
        .collect();
    Ok((kept, dropped))
}
