//! Builds of the corpus killed (SIGKILL) at random moments, the swap and the removal of the
//! previous site included: the site in place is always a whole one, and the next build
//! always succeeds. The seed is printed, and `DIGLOT_KILL_SEED` replays a run.

mod common;

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::*;

/// xorshift64*: enough randomness to scatter the kills, with no dependency.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d) % n.max(1)
    }
}

fn start_build(cwd: &Path, out: &Path) -> Child {
    Command::new(assert_cmd::cargo::cargo_bin("diglot"))
        .current_dir(cwd)
        .args(["build", "--no-check", "--content"])
        .arg(corpus_dir())
        .arg("--out")
        .arg(out)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run diglot")
}

/// Waits for a build to finish by itself; the corpus has errors, so 1 is a success.
fn finish(child: Child) -> Duration {
    let started = Instant::now();
    let out = child.wait_with_output().expect("wait");
    assert!(
        out.status.code().is_some_and(|c| c <= 1),
        "the build failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    started.elapsed()
}

#[test]
fn builds_killed_at_random_moments_never_leave_a_broken_site() {
    let seed = std::env::var("DIGLOT_KILL_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(1, |d| d.as_nanos() as u64)
                | 1
        });
    eprintln!("DIGLOT_KILL_SEED={seed}");
    let mut rng = Rng(seed);
    let tmp = tempfile::tempdir().expect("tmp");
    let out = tmp.path().join("public");

    let began = Instant::now();
    finish(start_build(tmp.path(), &out));
    let whole = listing(&out);
    assert!(whole.len() > 460, "the corpus site has its pages");
    // A build that replaces a site: the kind that is killed below.
    let took = finish(start_build(tmp.path(), &out));
    let window = took.as_micros() as u64 * 12 / 10;

    let (mut killed, mut completed, mut runs) = (0, 0, 0);
    while killed < 55 && runs < 120 {
        runs += 1;
        let mut child = start_build(tmp.path(), &out);
        // Half the kills land in the last part of a build, where the swap happens and the
        // previous site is removed; the rest anywhere.
        let delay = if rng.below(2) == 0 {
            window * 7 / 10 + rng.below(window * 3 / 10)
        } else {
            rng.below(window)
        };
        std::thread::sleep(Duration::from_micros(delay));
        match child.try_wait().expect("try_wait") {
            Some(_) => {
                finish(child);
                completed += 1;
            }
            None => {
                child.kill().expect("SIGKILL");
                child.wait().expect("reap");
                killed += 1;
            }
        }
        assert_eq!(
            listing(&out),
            whole,
            "run {runs} (seed {seed}): the site in place is not a whole one"
        );
        if runs % 15 == 0 {
            // The next build after kills succeeds and clears what they left.
            finish(start_build(tmp.path(), &out));
            assert_eq!(listing(&out), whole);
            assert_eq!(leftovers_beside(&out), Vec::<String>::new());
        }
    }
    assert!(
        killed >= 50,
        "only {killed} builds were killed (seed {seed})"
    );
    finish(start_build(tmp.path(), &out));
    assert_eq!(listing(&out), whole);
    assert_eq!(leftovers_beside(&out), Vec::<String>::new());
    eprintln!(
        "{killed} builds killed, {completed} completed, in {:.1}s",
        began.elapsed().as_secs_f64()
    );
}
