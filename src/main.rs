use std::process::ExitCode;

use clap::Parser;
use diglot::cli::{Cli, run};

// Parsing allocates many small strings on every thread; mimalloc's per-thread heaps cut
// that cost well below the system allocator's (measured in `benches/build.rs`).
// Build without the `mimalloc` feature to profile the heap with heaptrack.
#[cfg(feature = "mimalloc")]
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    small_pages();
    run(Cli::parse()).into()
}

/// No transparent huge pages for this process. mimalloc commits its arenas eagerly on Linux,
/// and where the kernel backs them with 2 MiB pages a region used in part counts whole: on
/// 10,000 articles `check` peaked at 495 MiB with them and 455 MiB without (three runs each,
/// same time). A kernel without the setting simply keeps its default.
fn small_pages() {
    #[cfg(target_os = "linux")]
    let _ = rustix::thread::disable_transparent_huge_pages(true);
}
