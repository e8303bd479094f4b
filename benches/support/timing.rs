//! Timing helpers shared by the benchmark harnesses.

use std::time::{Duration, Instant};

/// The best of `runs` timed runs, after one untimed run that warms the page cache and the
/// binary.
pub fn best(runs: usize, mut f: impl FnMut()) -> Duration {
    f();
    (0..runs)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .min()
        .unwrap_or_default()
}

pub fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}
