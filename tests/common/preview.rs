//! `diglot serve` run for a test: the real binary on a site folder, its address read from
//! what it prints, stopped when dropped; raw HTTP requests and reload events over loopback.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// Far beyond a reload's real time (well under a second): only a reload that never comes
/// gets here.
pub const PATIENCE: Duration = Duration::from_secs(60);

/// A running `diglot serve` on a copy of the sample site, stopped when dropped.
pub struct Preview {
    child: Child,
    pub site: tempfile::TempDir,
    pub addr: String,
}

impl Preview {
    pub fn start() -> Preview {
        let site = super::copy_site(&super::sample_site_dir());
        Preview::start_in(site, &[])
    }

    pub fn start_in(site: tempfile::TempDir, extra: &[&str]) -> Preview {
        let mut child = Command::new(assert_cmd::cargo::cargo_bin("diglot"))
            .current_dir(site.path())
            .args(["serve", "--port", "0"])
            .args(extra)
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("run diglot serve");
        let stderr = child.stderr.take().expect("stderr");
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if let Some(at) = line.find("http://") {
                    let url = &line[at + "http://".len()..];
                    let addr = url.split('/').next().unwrap_or_default().to_string();
                    let _ = tx.send(addr);
                }
            }
        });
        let addr = rx
            .recv_timeout(PATIENCE)
            .expect("the server says where it listens");
        Preview { child, site, addr }
    }

    /// The server's resident memory now, in KiB (Linux; 0 elsewhere).
    pub fn rss_kib(&self) -> u64 {
        std::fs::read_to_string(format!("/proc/{}/status", self.child.id()))
            .ok()
            .and_then(|s| {
                s.lines()
                    .find(|l| l.starts_with("VmRSS:"))
                    .and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
            })
            .unwrap_or(0)
    }

    pub fn path(&self, rel: &str) -> std::path::PathBuf {
        self.site.path().join(rel)
    }

    /// A raw HTTP/1.1 GET of `target` exactly as written: (status, body).
    pub fn get(&self, target: &str) -> (u16, String) {
        let mut stream = TcpStream::connect(&self.addr).expect("connect");
        stream.set_read_timeout(Some(PATIENCE)).expect("timeout");
        write!(
            stream,
            "GET {target} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
            self.addr
        )
        .expect("send");
        let mut response = Vec::new();
        stream.read_to_end(&mut response).expect("read");
        let text = String::from_utf8_lossy(&response).into_owned();
        let status = text
            .split(' ')
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or(0);
        let body = text
            .split_once("\r\n\r\n")
            .map_or("", |(_, b)| b)
            .to_string();
        (status, body)
    }

    /// Subscribes to the reload events; each `data:` line arrives on the channel.
    pub fn events(&self) -> mpsc::Receiver<String> {
        let mut stream = TcpStream::connect(&self.addr).expect("connect");
        write!(
            stream,
            "GET /__diglot/events HTTP/1.1\r\nHost: {}\r\nAccept: text/event-stream\r\n\r\n",
            self.addr
        )
        .expect("send");
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stream).lines().map_while(Result::ok) {
                if let Some(data) = line.strip_prefix("data:")
                    && tx.send(data.trim().to_string()).is_err()
                {
                    break;
                }
            }
        });
        // The subscription is live once the server answered; a keep-alive comment or the
        // headers come first. Give it a moment to be registered.
        std::thread::sleep(Duration::from_millis(300));
        rx
    }

    /// Waits until `page` satisfies `ok`, polling: the watcher's timing is the system's.
    pub fn wait_for(&self, page: &str, ok: impl Fn(&str) -> bool) -> String {
        let started = Instant::now();
        loop {
            let (_, body) = self.get(page);
            if ok(&body) {
                return body;
            }
            assert!(
                started.elapsed() < PATIENCE,
                "{page} never changed:\n{body}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Preview {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
