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
    run(Cli::parse()).into()
}
