//! Fingerprints that survive lines moving: a finding is identified by its rule, its file,
//! the text of its source line and its message (numbers masked), plus its rank among
//! identical findings. Used by baselines and by SARIF's `partialFingerprints`.

use std::collections::HashMap;

use super::Diagnostic;
use crate::hash::fnv1a_iter;

/// One fingerprint per diagnostic, in order.
pub fn fingerprints(diagnostics: &[Diagnostic]) -> Vec<String> {
    let mut seen: HashMap<u64, u32> = HashMap::new();
    diagnostics
        .iter()
        .map(|d| {
            let base = d.fingerprint;
            let rank = seen.entry(base).or_insert(0);
            *rank += 1;
            format!("{base:016x}:{}", *rank)
        })
        .collect()
}

/// Lines are hashed up to this many bytes: a 5 MB line is told apart by its start, and a
/// thousand findings on it do not hash it a thousand times whole.
const LINE_PREFIX: usize = 64 * 1024;

/// What of a source line its findings' fingerprints hash: its first [`LINE_PREFIX`] bytes,
/// trimmed.
pub(super) fn hashed_part(line: &str) -> &str {
    let mut end = line.len().min(LINE_PREFIX);
    while !line.is_char_boundary(end) {
        end -= 1;
    }
    line[..end].trim()
}

/// The fingerprint of a finding before its rank: rule, file, source line (trimmed) and
/// message with its numbers masked ("already defined on line 5" must not change when lines
/// move). Streamed, with no key built in memory; the same hash as `code\0path\0line\0message`.
pub(super) fn base(code: &str, path: &str, line: &str, message: &str) -> u64 {
    let line = hashed_part(line);
    let masked = message
        .bytes()
        .map(|b| if b.is_ascii_digit() { b'#' } else { b });
    let bytes = code
        .bytes()
        .chain([0])
        .chain(path.bytes())
        .chain([0])
        .chain(line.bytes())
        .chain([0])
        .chain(masked);
    fnv1a_iter(bytes)
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_streamed_hash_is_the_hash_of_the_joined_key() {
        let key = "LK001\0a.md\0[x](y.md)\0line #";
        assert_eq!(
            super::base("LK001", "a.md", "  [x](y.md)  ", "line 5"),
            crate::hash::fnv1a(key.as_bytes())
        );
    }
}
