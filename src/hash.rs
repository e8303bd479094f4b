//! FNV-1a: a small hash that is stable across runs, platforms and Rust versions (which
//! `DefaultHasher` is not), for fingerprints of assets and findings.

pub fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}
