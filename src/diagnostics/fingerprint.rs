//! Fingerprints that survive lines moving: a finding is identified by its rule, its file,
//! the text of its source line and its message (numbers masked), plus its rank among
//! identical findings. Used by baselines and by SARIF's `partialFingerprints`.

use std::collections::HashMap;

use super::Diagnostic;
use crate::hash::fnv1a;

/// One fingerprint per diagnostic, in order.
pub fn fingerprints(diagnostics: &[Diagnostic]) -> Vec<String> {
    let mut seen: HashMap<u64, u32> = HashMap::new();
    diagnostics
        .iter()
        .map(|d| {
            let base = base_hash(d);
            let rank = seen.entry(base).or_insert(0);
            *rank += 1;
            format!("{base:016x}:{}", *rank)
        })
        .collect()
}

fn base_hash(d: &Diagnostic) -> u64 {
    let line = d.snippet.as_deref().unwrap_or("").trim();
    // "already defined on line 5" must not change when lines move.
    let message: String = d
        .message
        .chars()
        .map(|c| if c.is_ascii_digit() { '#' } else { c })
        .collect();
    let key = format!("{}\0{}\0{}\0{}", d.code, d.path, line, message);
    fnv1a(key.as_bytes())
}
