//! Runs a command as a child process and measures it as a whole: wall time and the child's
//! own peak resident set (from `wait4`, so one run's figure never mixes with another's).

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// One run of a command.
#[derive(Clone, Copy, Debug)]
pub struct Measured {
    pub wall: Duration,
    pub peak_kib: u64,
    pub exit: i32,
}

impl Measured {
    pub fn peak_mib(&self) -> f64 {
        self.peak_kib as f64 / 1024.0
    }
}

/// Runs `cmd` to the end, its output discarded, and measures it.
#[expect(
    clippy::zombie_processes,
    reason = "the child is reaped by wait4, which also gives its resource usage"
)]
pub fn run(cmd: &mut Command) -> Measured {
    cmd.stdout(Stdio::null()).stderr(Stdio::null());
    let started = Instant::now();
    let child = cmd.spawn().unwrap_or_else(|e| panic!("run {cmd:?}: {e}"));
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    // SAFETY: wait4 writes the exit status and the usage into the two zeroed locals we pass;
    // the child is ours and not waited for elsewhere (std's Child does not reap on drop).
    let usage = unsafe {
        let mut usage: libc::rusage = std::mem::zeroed();
        let got = libc::wait4(pid, &mut status, 0, &mut usage);
        assert_eq!(got, pid, "wait4 on {cmd:?}");
        usage
    };
    let wall = started.elapsed();
    let exit = if libc::WIFEXITED(status) {
        libc::WEXITSTATUS(status)
    } else {
        -1
    };
    Measured {
        wall,
        // Linux reports ru_maxrss in KiB.
        peak_kib: usage.ru_maxrss.max(0) as u64,
        exit,
    }
}

/// One untimed warm-up run (page cache, binary), then `runs` measured runs; `before` runs
/// ahead of each (outside the timing), for example to remove a previous run's output.
/// Returns the median wall time and the median peak memory.
pub fn median_of(
    runs: usize,
    mut before: impl FnMut(),
    mut make: impl FnMut() -> Command,
) -> Measured {
    before();
    let warm = run(&mut make());
    let mut all: Vec<Measured> = (0..runs)
        .map(|_| {
            before();
            run(&mut make())
        })
        .collect();
    if all.is_empty() {
        return warm;
    }
    let mid = all.len() / 2;
    all.sort_by_key(|m| m.wall);
    let wall = all[mid].wall;
    let exit = all[mid].exit;
    all.sort_by_key(|m| m.peak_kib);
    Measured {
        wall,
        peak_kib: all[mid].peak_kib,
        exit,
    }
}

/// The total size of the files under `dir`.
pub fn bytes_under(dir: &std::path::Path) -> u64 {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter_map(|e| e.metadata().ok())
        .map(|m| m.len())
        .sum()
}
