//! diglot's performance in one table: `diglot build` and `diglot check` (the release binary)
//! against the bare minimum a Markdown site generator does (read, parse and render with
//! pulldown-cmark, write, on every core), and against lychee and Hugo when they are
//! installed; each whole process measured for wall time (median of runs) and peak memory
//! (the child's own peak resident set), in the same run. Then the growth curve: build and
//! check at 10,000, 20,000 and 40,000 articles, per article.
//!
//! `cargo bench --bench perf` (10,000 articles, then the curve), `cargo bench --bench perf
//! -- 2000` (one size, no curve), `cargo bench --bench perf -- 5000 10000 20000` (the first
//! size for the table, all for the curve). lychee is taken from PATH or ~/.cargo/bin
//! (`cargo install lychee`), Hugo from PATH (Debian's `hugo`).

mod support;

use support::process::{Measured, bytes_under, median_of};
use support::timing::ms;

use std::path::{Path, PathBuf};
use std::process::Command;

use rayon::prelude::*;

const RUNS: usize = 3;
const CURVE: &[usize] = &[10_000, 20_000, 40_000];

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let Some(i) = args.iter().position(|a| a == "--bare-pass") {
        let (Some(content), Some(out)) = (args.get(i + 1), args.get(i + 2)) else {
            panic!("--bare-pass <content> <out>");
        };
        bare_pass(Path::new(content), Path::new(out));
        return;
    }
    if let Some(content) = args
        .iter()
        .position(|a| a == "--parse-floor")
        .and_then(|i| args.get(i + 1))
    {
        parse_floor(Path::new(content));
        return;
    }
    let given: Vec<usize> = args.iter().filter_map(|a| a.parse().ok()).collect();
    let (table_n, curve): (usize, Vec<usize>) = match given.as_slice() {
        [] => (CURVE[0], CURVE.to_vec()),
        [one] => (*one, Vec::new()),
        many => (many[0], many.to_vec()),
    };
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let work = manifest.join("target/bench");
    let out_root = scratch_root(&work);
    println!(
        "machine: {} threads; each figure the median of {RUNS} runs after one warm-up; output in {}",
        rayon::current_num_threads(),
        out_root.display()
    );

    let content = corpus(manifest, &work, table_n);
    table(&content, table_n, &out_root, &work);
    if curve.len() > 1 {
        growth(manifest, &work, &out_root, &curve);
    }
}

/// Writes `tests/corpus` replicated to `n` articles into `target/bench/corpus-n`.
fn corpus(manifest: &Path, work: &Path, n: usize) -> PathBuf {
    let content = work.join(format!("corpus-{n}"));
    let files = support::generate::generate(&manifest.join("tests/corpus"), &content, n)
        .expect("generate corpus");
    let bytes = bytes_under(&content);
    println!(
        "corpus-{n}: {files} files, {:.0} MB",
        bytes as f64 / 1_000_000.0
    );
    content
}

/// Where builds write: tmpfs when there is one, so the figures are the tools' work rather
/// than the disk's cost of creating 20,000 inodes (which varies by a factor of two here).
fn scratch_root(work: &Path) -> PathBuf {
    let shm = Path::new("/dev/shm");
    let root = if shm.is_dir() {
        shm.join("diglot-bench")
    } else {
        work.join("out")
    };
    std::fs::create_dir_all(&root).expect("create the output folder");
    root
}

struct Row {
    what: &'static str,
    run: Measured,
}

fn table(content: &Path, n: usize, out_root: &Path, work: &Path) {
    let bare_out = out_root.join("bare");
    let bare = median_of(
        RUNS,
        || remove(&bare_out),
        || {
            let mut c = Command::new(std::env::current_exe().expect("own path"));
            c.arg("--bare-pass").arg(content).arg(&bare_out);
            c
        },
    );
    let bare_bytes = bytes_under(&bare_out);
    remove(&bare_out);
    let floor = median_of(
        RUNS,
        || {},
        || {
            let mut c = Command::new(std::env::current_exe().expect("own path"));
            c.arg("--parse-floor").arg(content);
            c
        },
    );

    let site_out = out_root.join("site");
    let build = median_of(
        RUNS,
        || remove(&site_out),
        || diglot_build(content, &site_out),
    );
    assert!(build.exit <= 1, "diglot build failed ({})", build.exit);
    let site_bytes = bytes_under(&site_out);
    remove(&site_out);

    let check = median_of(RUNS, || {}, || diglot_check(content));
    assert!(check.exit <= 1, "diglot check failed ({})", check.exit);

    // Sharded (one machine of a matrix of three): a part's check, a part's build, and
    // the merge of the three parts' folders into the site.
    let check_part = median_of(
        RUNS,
        || {},
        || {
            let mut c = diglot_check(content);
            c.args(["--shard", "1/3"]);
            c
        },
    );
    let parts: Vec<PathBuf> = (1..=3)
        .map(|i| out_root.join(format!("part-{i}")))
        .collect();
    let build_part = median_of(
        RUNS,
        || remove(&parts[0]),
        || {
            let mut c = diglot_build(content, &parts[0]);
            c.args(["--shard", "1/3"]);
            c
        },
    );
    for (i, part) in parts.iter().enumerate().skip(1) {
        let made = diglot_build(content, part)
            .args(["--shard", &format!("{}/3", i + 1)])
            .output()
            .expect("build a part");
        assert!(made.status.code().is_some_and(|c| c <= 1), "part {}", i + 1);
    }
    let merged_out = out_root.join("merged");
    let merge = median_of(
        RUNS,
        || remove(&merged_out),
        || {
            let mut c = Command::new(env!("CARGO_BIN_EXE_diglot"));
            c.args(["merge", "--content"])
                .arg(content)
                .arg("--out")
                .arg(&merged_out)
                .args(&parts);
            c
        },
    );
    assert!(merge.exit == 0, "diglot merge failed ({})", merge.exit);
    remove(&merged_out);
    for part in &parts {
        remove(part);
    }

    let mut rows = vec![
        Row {
            what: "bare pass: pulldown-cmark read+parse+render+write, rayon",
            run: bare,
        },
        Row {
            what: "parse floor: read + pulldown-cmark events, no output",
            run: floor,
        },
        Row {
            what: "diglot build (checks, report, search), fresh output",
            run: build,
        },
        Row {
            what: "diglot check --format json",
            run: check,
        },
        Row {
            what: "diglot check --shard 1/3 (one machine of three)",
            run: check_part,
        },
        Row {
            what: "diglot build --shard 1/3 (one part of three)",
            run: build_part,
        },
        Row {
            what: "diglot merge of the three parts' folders",
            run: merge,
        },
    ];
    let lychee = find_on_path("lychee").or_else(|| {
        let home = std::env::var_os("HOME")?;
        Some(PathBuf::from(home).join(".cargo/bin/lychee")).filter(|p| p.is_file())
    });
    let lychee_run = lychee.map(|bin| {
        let glob = format!("{}/**/*.md", content.display());
        median_of(
            RUNS,
            || {},
            || {
                let mut c = Command::new(&bin);
                c.args([
                    "--offline",
                    "--include-fragments",
                    "--no-progress",
                    "--format",
                    "json",
                ])
                .arg(&glob);
                c
            },
        )
    });
    if let Some(run) = lychee_run {
        rows.push(Row {
            what: "lychee --offline --include-fragments (links only)",
            run,
        });
    }
    let hugo_run = find_on_path("hugo").map(|bin| {
        let site = hugo_site(work, content);
        let out = out_root.join("hugo");
        median_of(
            RUNS,
            || remove(&out),
            || {
                let mut c = Command::new(&bin);
                c.arg("--quiet").arg("-s").arg(&site).arg("-d").arg(&out);
                c
            },
        )
    });
    if let Some(run) = hugo_run {
        // A failed run is no figure: say so rather than print its time.
        if run.exit == 0 {
            rows.push(Row {
                what: "Hugo, minimal layout (articles only)",
                run,
            });
        } else {
            println!(
                "Hugo failed on the corpus (exit {}): not compared",
                run.exit
            );
        }
        remove(&out_root.join("hugo"));
        remove(&work.join("hugo-site"));
    }
    let hugo_run = hugo_run.filter(|r| r.exit == 0);

    println!();
    println!("corpus-{n}");
    println!(
        "{:<58} {:>9} {:>10} {:>9}",
        "what", "wall", "peak", "vs bare"
    );
    for row in &rows {
        println!(
            "{:<58} {:>7.0}ms {:>6.0} MiB {:>8.2}x",
            row.what,
            ms(row.run.wall),
            row.run.peak_mib(),
            row.run.wall.as_secs_f64() / bare.wall.as_secs_f64()
        );
    }
    println!();
    println!(
        "build / bare pass:        {:>6.2}x   (goal <= 1.5x); build peak {:.0} MiB (goal <= 300)",
        build.wall.as_secs_f64() / bare.wall.as_secs_f64(),
        build.peak_mib()
    );
    match lychee_run {
        Some(l) => println!(
            "lychee / check:           {:>6.2}x   (goal >= 5x);   check peak {:.0} MiB (goal <= 150); \
             lychee / parse floor {:.2}x",
            l.wall.as_secs_f64() / check.wall.as_secs_f64(),
            check.peak_mib(),
            l.wall.as_secs_f64() / floor.wall.as_secs_f64()
        ),
        None => println!(
            "lychee not installed (cargo install lychee); check peak {:.0} MiB (goal <= 150)",
            check.peak_mib()
        ),
    }
    println!(
        "output bytes / bare HTML: {:>6.2}x   (goal <= 1.5x); {:.0} MB against {:.0} MB",
        site_bytes as f64 / bare_bytes as f64,
        site_bytes as f64 / 1e6,
        bare_bytes as f64 / 1e6
    );
    println!(
        "sharded in three:         check part / check {:.2}x; (build part + merge) / build {:.2}x",
        check_part.wall.as_secs_f64() / check.wall.as_secs_f64(),
        (build_part.wall + merge.wall).as_secs_f64() / build.wall.as_secs_f64()
    );
    if let Some(h) = hugo_run {
        println!(
            "Hugo / build:             {:>6.2}x",
            h.wall.as_secs_f64() / build.wall.as_secs_f64()
        );
    }
}

/// Build and check at each size, per article: flat columns mean linear growth.
fn growth(manifest: &Path, work: &Path, out_root: &Path, sizes: &[usize]) {
    let mut lines = Vec::new();
    for &n in sizes {
        let content = corpus(manifest, work, n);
        let site_out = out_root.join("site");
        let build = median_of(
            RUNS,
            || remove(&site_out),
            || diglot_build(&content, &site_out),
        );
        remove(&site_out);
        let check = median_of(RUNS, || {}, || diglot_check(&content));
        lines.push((n, build, check));
        // The larger corpora are 300 MB and more: keep only the table's.
        if n != sizes[0] {
            remove(&content);
        }
    }
    println!();
    println!("growth (per article: flat is linear)");
    println!(
        "{:>8} {:>9} {:>8} {:>8} {:>9} {:>8} {:>8}",
        "articles", "build", "µs/art", "KiB/art", "check", "µs/art", "KiB/art"
    );
    for (n, build, check) in lines {
        let per = |m: Measured| {
            (
                m.wall.as_secs_f64() * 1e6 / n as f64,
                m.peak_kib as f64 / n as f64,
            )
        };
        let (bt, bm) = per(build);
        let (ct, cm) = per(check);
        println!(
            "{n:>8} {:>7.0}ms {bt:>8.0} {bm:>8.1} {:>7.0}ms {ct:>8.0} {cm:>8.1}",
            ms(build.wall),
            ms(check.wall)
        );
    }
}

fn diglot_build(content: &Path, out: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_diglot"));
    c.args(["build", "--content"])
        .arg(content)
        .arg("--out")
        .arg(out);
    c
}

fn diglot_check(content: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_diglot"));
    c.args(["check", "--format", "json", "--content"])
        .arg(content);
    c
}

fn remove(dir: &Path) {
    if dir.exists() {
        std::fs::remove_dir_all(dir).expect("remove a previous run's output");
    }
}

fn find_on_path(name: &str) -> Option<PathBuf> {
    let paths = std::env::var_os("PATH")?;
    std::env::split_paths(&paths)
        .map(|p| p.join(name))
        .find(|p| p.is_file())
}

/// A Hugo site whose content is the corpus's articles (hard links, or copies across
/// devices), with the least layout that renders each page. Include fragments and TOC.md
/// files are left out: they are not pages, and Hugo stops on the first include whose front
/// matter is an HTML comment.
fn hugo_site(work: &Path, content: &Path) -> PathBuf {
    let site = work.join("hugo-site");
    remove(&site);
    let layouts = site.join("layouts/_default");
    std::fs::create_dir_all(&layouts).expect("create the Hugo site");
    let pages = site.join("content");
    for entry in walkdir::WalkDir::new(content)
        .into_iter()
        .filter_entry(|e| e.file_name() != "includes")
        .filter_map(Result::ok)
    {
        let name = entry.file_name().to_string_lossy().to_ascii_lowercase();
        if !entry.file_type().is_file() || !name.ends_with(".md") || name == "toc.md" {
            continue;
        }
        let rel = entry
            .path()
            .strip_prefix(content)
            .expect("inside the corpus");
        let to = pages.join(rel);
        if let Some(parent) = to.parent() {
            std::fs::create_dir_all(parent).expect("create a Hugo content folder");
        }
        if std::fs::hard_link(entry.path(), &to).is_err() {
            std::fs::copy(entry.path(), &to).expect("copy a page into the Hugo site");
        }
    }
    let config = "baseURL = \"http://localhost/\"\n\
         disableKinds = [\"taxonomy\", \"term\", \"RSS\", \"sitemap\"]\n\
         [markup.goldmark.renderer]\nunsafe = true\n";
    let page = "<!doctype html><title>{{ .Title }}</title>{{ .Content }}\n";
    for (path, text) in [
        (site.join("hugo.toml"), config),
        (layouts.join("single.html"), page),
        (layouts.join("list.html"), page),
    ] {
        std::fs::write(path, text).expect("write the Hugo site");
    }
    site
}

/// The child process of the parse floor: every Markdown file read and parsed into its
/// events with their source offsets (what a checker must do before any rule runs), nothing
/// rendered or written. No checker that reads every file can be faster than this.
fn parse_floor(content: &Path) {
    let files = markdown_files(content);
    let events: usize = files
        .par_iter()
        .map(|p| {
            let text = std::fs::read_to_string(p).unwrap_or_default();
            pulldown_cmark::Parser::new_ext(&text, options())
                .into_offset_iter()
                .count()
        })
        .sum();
    // The count is used, so the parse cannot be optimised away.
    assert!(events > 0 || files.is_empty());
}

fn markdown_files(content: &Path) -> Vec<PathBuf> {
    walkdir::WalkDir::new(content)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "md"))
        .map(|e| e.into_path())
        .collect()
}

/// The extensions diglot enables.
fn options() -> pulldown_cmark::Options {
    pulldown_cmark::Options::ENABLE_TABLES
        | pulldown_cmark::Options::ENABLE_STRIKETHROUGH
        | pulldown_cmark::Options::ENABLE_GFM
        | pulldown_cmark::Options::ENABLE_HEADING_ATTRIBUTES
        | pulldown_cmark::Options::ENABLE_FOOTNOTES
}

/// The child process of the bare pass: every Markdown file read, parsed and rendered with
/// pulldown-cmark (the extensions diglot enables) and written as HTML, in parallel.
fn bare_pass(content: &Path, out: &Path) {
    let files = markdown_files(content);
    files.par_iter().for_each(|p| {
        let text = std::fs::read_to_string(p).unwrap_or_default();
        let opts = options();
        let mut html = String::with_capacity(text.len() * 3 / 2);
        pulldown_cmark::html::push_html(&mut html, pulldown_cmark::Parser::new_ext(&text, opts));
        let rel = p.strip_prefix(content).unwrap_or(p).with_extension("html");
        let to = out.join(rel);
        if let Some(parent) = to.parent() {
            std::fs::create_dir_all(parent).expect("create an output folder");
        }
        std::fs::write(&to, html).expect("write a page");
    });
}
