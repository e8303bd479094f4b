//! Times `diglot build` (the release binary) on a corpus generated to N articles, against a
//! bare pulldown-cmark parse + render pass over the same files, in the same run.
//!
//! `cargo bench --bench build` (N = 10000), or `cargo bench --bench build -- 20000`.

mod support;

use support::timing::{best, ms};

use std::path::{Path, PathBuf};
use std::process::Command;

use rayon::prelude::*;

const RUNS: usize = 5;

fn main() {
    let (n, work, content, files) = support::generate::bench_corpus();
    let out = work.join(format!("site-{n}"));

    let md = markdown_files(&content);
    let bytes: u64 = md
        .iter()
        .map(|p| p.metadata().map(|m| m.len()).unwrap_or(0))
        .sum();
    println!(
        "corpus: {n} articles, {} Markdown files, {files} files, {:.1} MiB",
        md.len(),
        bytes as f64 / 1048576.0
    );
    println!(
        "machine: {} threads; best of {RUNS} runs each",
        rayon::current_num_threads()
    );

    let bare_seq = best(RUNS, || bare_pass(&md, false));
    let bare_par = best(RUNS, || bare_pass(&md, true));
    let build = best(RUNS, || diglot_build(&content, &out));
    // The same build onto tmpfs, when there is one: the site's compute without the disk's
    // cost of creating 20,000 inodes (which dominates on ext4).
    let shm = Path::new("/dev/shm");
    let tmpfs = shm.is_dir().then(|| {
        let out = shm.join(format!("diglot-bench-site-{n}"));
        let t = best(RUNS, || diglot_build(&content, &out));
        let _ = std::fs::remove_dir_all(&out);
        t
    });

    println!();
    println!("{:<52} {:>10} {:>14}", "pass", "time", "vs bare (rayon)");
    let mut rows = vec![
        ("bare pulldown-cmark read+parse+render, 1 thread", bare_seq),
        ("bare pulldown-cmark read+parse+render, rayon", bare_par),
        ("diglot build, release binary, output on disk", build),
    ];
    rows.extend(tmpfs.map(|t| ("diglot build, release binary, output on tmpfs", t)));
    for (name, t) in rows {
        println!(
            "{name:<52} {:>8.0}ms {:>13.2}x",
            ms(t),
            t.as_secs_f64() / bare_par.as_secs_f64()
        );
    }
    println!(
        "diglot build peak RSS: {:.0} MiB",
        children_max_rss_kib() as f64 / 1024.0
    );
    let _ = std::fs::remove_dir_all(&out);
}

fn diglot_build(content: &Path, out: &Path) {
    let status = Command::new(env!("CARGO_BIN_EXE_diglot"))
        .args(["build", "--content"])
        .arg(content)
        .arg("--out")
        .arg(out)
        .stderr(std::process::Stdio::null())
        .status()
        .expect("run diglot");
    assert!(
        status.code().is_some_and(|c| c <= 1),
        "diglot build failed: {status}"
    );
}

/// Read every file, parse it with pulldown-cmark (the same extensions diglot enables) and
/// render it to HTML: the least any Markdown site generator must do.
fn bare_pass(files: &[PathBuf], parallel: bool) {
    let one = |p: &PathBuf| -> usize {
        let text = std::fs::read_to_string(p).unwrap_or_default();
        let opts = pulldown_cmark::Options::ENABLE_TABLES
            | pulldown_cmark::Options::ENABLE_STRIKETHROUGH
            | pulldown_cmark::Options::ENABLE_GFM
            | pulldown_cmark::Options::ENABLE_HEADING_ATTRIBUTES
            | pulldown_cmark::Options::ENABLE_FOOTNOTES;
        let mut html = String::with_capacity(text.len() * 3 / 2);
        pulldown_cmark::html::push_html(&mut html, pulldown_cmark::Parser::new_ext(&text, opts));
        std::hint::black_box(html.len())
    };
    let total: usize = if parallel {
        files.par_iter().map(one).sum()
    } else {
        files.iter().map(one).sum()
    };
    std::hint::black_box(total);
}

fn markdown_files(dir: &Path) -> Vec<PathBuf> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "md"))
        .map(|e| e.into_path())
        .collect()
}

/// The largest resident set of any child waited for so far (Linux reports KiB).
fn children_max_rss_kib() -> i64 {
    // SAFETY: getrusage writes into the zeroed struct we pass and reads nothing else.
    unsafe {
        let mut usage: libc::rusage = std::mem::zeroed();
        if libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage) == 0 {
            usage.ru_maxrss
        } else {
            0
        }
    }
}
