//! FNV-1a: a small hash that is stable across runs, platforms and Rust versions (which
//! `DefaultHasher` is not), for fingerprints of assets and findings.

pub fn fnv1a(bytes: &[u8]) -> u64 {
    fnv1a_iter(bytes.iter().copied())
}

/// FNV-1a over bytes as they come, so a key need not be built to be hashed.
pub fn fnv1a_iter(bytes: impl IntoIterator<Item = u8>) -> u64 {
    bytes.into_iter().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}
