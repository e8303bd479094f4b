//! Times `diglot serve` (the release binary) on a corpus generated to N articles: the time
//! to the first page after start, the time from saving an article to the reload event
//! naming its page (median of 20 edits of different articles), and the server's peak
//! memory; beside a full `diglot build` of the same site, in the same run.
//!
//! `cargo bench --bench serve` (N = 10000), or `cargo bench --bench serve -- 2000`.

mod support;

use support::timing::{best, ms};

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

const EDITS: usize = 20;

fn main() {
    let (n, work, content, _) = support::generate::bench_corpus();
    let out = work.join(format!("serve-build-{n}"));
    let build = best(1, || {
        let status = Command::new(env!("CARGO_BIN_EXE_diglot"))
            .args(["build", "--content"])
            .arg(&content)
            .arg("--out")
            .arg(&out)
            .stderr(Stdio::null())
            .status()
            .expect("run diglot build");
        assert!(
            status.code().is_some_and(|c| c <= 1),
            "build failed: {status}"
        );
    });
    let _ = std::fs::remove_dir_all(&out);

    let started = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_diglot"))
        .args(["serve", "--port", "0", "--content"])
        .arg(&content)
        .current_dir(&work)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run diglot serve");
    let stderr = child.stderr.take().expect("stderr");
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            if let Some(at) = line.find("http://") {
                let addr = line[at + 7..]
                    .split('/')
                    .next()
                    .unwrap_or_default()
                    .to_string();
                let _ = tx.send(addr);
            }
        }
    });
    let addr = rx
        .recv_timeout(Duration::from_secs(600))
        .expect("the server starts");
    let first_page = {
        get(&addr, "/en-us/");
        started.elapsed()
    };

    let events = subscribe(&addr);
    let articles = articles(&content.join("en-us"), EDITS);
    let mut times = Vec::new();
    for (i, article) in articles.iter().enumerate() {
        let text = std::fs::read_to_string(article).expect("read");
        let saved = Instant::now();
        std::fs::write(article, format!("{text}\nEdited for the benchmark, {i}.\n"))
            .expect("write");
        events
            .recv_timeout(Duration::from_secs(600))
            .expect("a reload event");
        times.push(saved.elapsed());
        // Let the next edit be a batch of its own.
        std::thread::sleep(Duration::from_millis(150));
    }
    let peak = peak_rss_kib(child.id());
    let _ = child.kill();
    let _ = child.wait();
    times.sort();
    let median = times[times.len() / 2];

    println!("corpus: {n} articles; {EDITS} edits of different articles");
    println!("{:<52} {:>10}", "what", "value");
    println!(
        "{:<52} {:>8.0}ms",
        "diglot build (release), whole site",
        ms(build)
    );
    println!(
        "{:<52} {:>8.0}ms",
        "serve: start to first page",
        ms(first_page)
    );
    println!(
        "{:<52} {:>8.0}ms",
        "serve: save to reload event, median",
        ms(median)
    );
    println!(
        "{:<52} {:>8.0}ms",
        "serve: save to reload event, slowest",
        ms(times[times.len() - 1])
    );
    println!(
        "{:<52} {:>7.0}MiB",
        "serve: peak memory",
        peak as f64 / 1024.0
    );
    println!(
        "(the event waits for the watcher's quiet window, 20 ms, by design; edit-to-reload \
         ratio to a full build: {:.3})",
        median.as_secs_f64() / build.as_secs_f64()
    );
}

fn get(addr: &str, path: &str) -> String {
    let mut stream = TcpStream::connect(addr).expect("connect");
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .expect("send");
    let mut body = String::new();
    let _ = stream.read_to_string(&mut body);
    body
}

fn subscribe(addr: &str) -> mpsc::Receiver<()> {
    let mut stream = TcpStream::connect(addr).expect("connect");
    write!(
        stream,
        "GET /__diglot/events HTTP/1.1\r\nHost: {addr}\r\n\r\n"
    )
    .expect("send");
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stream).lines().map_while(Result::ok) {
            if line.starts_with("data:") && tx.send(()).is_err() {
                break;
            }
        }
    });
    std::thread::sleep(Duration::from_millis(300));
    rx
}

/// `count` articles spread over the locale folder.
fn articles(dir: &Path, count: usize) -> Vec<PathBuf> {
    let all: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| {
            e.file_type().is_file()
                && e.path().extension().is_some_and(|x| x == "md")
                && !e.path().components().any(|c| c.as_os_str() == "includes")
        })
        .map(|e| e.into_path())
        .collect();
    let step = (all.len() / count).max(1);
    all.into_iter().step_by(step).take(count).collect()
}

/// The process's peak resident memory (Linux: VmHWM in /proc), in KiB.
fn peak_rss_kib(pid: u32) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
        })
        .unwrap_or(0)
}
