//! `check --online` against a real HTTP server on loopback (never the internet).

mod common;

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use common::*;

type Hits = Arc<Mutex<HashMap<String, usize>>>;

/// A tiny HTTP/1.1 server: one thread per connection, `Connection: close`.
fn serve() -> (u16, Hits) {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind loopback");
    let port = listener.local_addr().expect("addr").port();
    let hits: Hits = Arc::default();
    let counter = hits.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let hits = counter.clone();
            std::thread::spawn(move || {
                let mut reader = BufReader::new(&stream);
                let mut request = String::new();
                if reader.read_line(&mut request).is_err() {
                    return;
                }
                let mut line = String::new();
                while reader.read_line(&mut line).is_ok_and(|n| n > 2) {
                    line.clear();
                }
                let path = request.split_whitespace().nth(1).unwrap_or("/").to_string();
                let n = {
                    let mut h = hits.lock().expect("lock");
                    let n = h.entry(path.clone()).or_default();
                    *n += 1;
                    *n
                };
                let html =
                    "<html><body><h1 id=\"here\">Here</h1><a name=\"also\"></a></body></html>";
                let response = match path.as_str() {
                    "/ok" => format!("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: {}\r\n\r\n{html}", html.len()),
                    "/moved" => "HTTP/1.1 301 Moved Permanently\r\nLocation: /ok\r\nContent-Length: 0\r\n\r\n".to_string(),
                    "/busy" if n == 1 => "HTTP/1.1 429 Too Many Requests\r\nRetry-After: 0\r\nContent-Length: 0\r\n\r\n".to_string(),
                    "/busy" => "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok".to_string(),
                    "/always-busy" => "HTTP/1.1 429 Too Many Requests\r\nRetry-After: 0\r\nContent-Length: 0\r\n\r\n".to_string(),
                    "/error" => "HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\n\r\n".to_string(),
                    "/slow" => {
                        std::thread::sleep(Duration::from_secs(10));
                        "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok".to_string()
                    }
                    _ => "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n".to_string(),
                };
                // Said, since the connection is closed after each response: a client that
                // kept it for its retry would find it gone (a real server says so too).
                let response = response.replacen("\r\n", "\r\nConnection: close\r\n", 1);
                let mut stream = stream;
                let _ = stream.write_all(response.as_bytes());
                let _ = stream.shutdown(std::net::Shutdown::Both);
            });
        }
    });
    (port, hits)
}

fn site(port: u16) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tmp");
    std::fs::write(
        dir.path().join("site.toml"),
        "title = \"Online\"\n[online]\ntimeout_secs = 4\nretries = 2\ncache = \"links.cache.json\"\nper_host = 2\nconcurrency = 4\n",
    )
    .expect("site.toml");
    let base = format!("http://127.0.0.1:{port}");
    let page = format!(
        "---\ntitle: Links\ndescription: External links.\n---\n# Links\n\n\
         - [ok]({base}/ok)\n\
         - [ok fragment]({base}/ok#here)\n\
         - [named anchor]({base}/ok#also)\n\
         - [bad fragment]({base}/ok#nowhere)\n\
         - [moved]({base}/moved)\n\
         - [missing]({base}/missing)\n\
         - [busy once]({base}/busy)\n\
         - [always busy]({base}/always-busy)\n\
         - [error]({base}/error)\n\
         - [slow]({base}/slow)\n"
    );
    std::fs::create_dir_all(dir.path().join("content/en-us")).expect("mkdir");
    std::fs::write(dir.path().join("content/en-us/links.md"), page).expect("page");
    dir
}

fn lk008_lines(out: &std::process::Output) -> Vec<(u32, String)> {
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter(|l| l.contains("[LK008]"))
        .map(|l| {
            let line = l
                .split(':')
                .nth(1)
                .and_then(|n| n.parse().ok())
                .unwrap_or(0);
            (line, l.to_string())
        })
        .collect()
}

#[test]
fn online_check_reports_what_is_broken_and_caches() {
    let (port, hits) = serve();
    let dir = site(port);

    // Offline is the default: no request is made.
    let offline = diglot()
        .current_dir(dir.path())
        .args(["check", "--format", "short"])
        .output()
        .expect("run");
    assert!(lk008_lines(&offline).is_empty());
    assert!(
        hits.lock().expect("lock").is_empty(),
        "offline check made requests"
    );

    let out = diglot()
        .current_dir(dir.path())
        .args(["check", "--online", "--format", "short"])
        .output()
        .expect("run");
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let found = lk008_lines(&out);
    let lines: Vec<u32> = found.iter().map(|(l, _)| *l).collect();
    // Lines: 7 ok, 8 #here, 9 #also, 10 #nowhere, 11 moved, 12 missing, 13 busy once,
    // 14 always busy, 15 error, 16 slow.
    assert_eq!(lines, [10, 12, 14, 15, 16], "{found:#?}");
    let text: String = found
        .iter()
        .map(|(_, l)| l.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    assert!(text.contains("no anchor `#nowhere`"), "{text}");
    assert!(text.contains("HTTP 404"), "{text}");
    assert!(text.contains("429"), "{text}");
    assert!(text.contains("server error 503"), "{text}");
    assert!(text.contains("timed out"), "{text}");

    let h = hits.lock().expect("lock").clone();
    assert_eq!(
        h.get("/ok"),
        Some(&2),
        "one fetch for /ok, one more after the redirect: {h:?}"
    );
    assert_eq!(h.get("/busy"), Some(&2), "retried once after 429: {h:?}");
    assert_eq!(
        h.get("/always-busy"),
        Some(&3),
        "first try and two retries: {h:?}"
    );
    assert_eq!(h.get("/missing"), Some(&1), "404 is not retried: {h:?}");

    // A second run within the cache's lifetime asks the server nothing.
    let before: usize = hits.lock().expect("lock").values().sum();
    let again = diglot()
        .current_dir(dir.path())
        .args(["check", "--online", "--format", "short"])
        .output()
        .expect("run");
    let after: usize = hits.lock().expect("lock").values().sum();
    assert_eq!(before, after, "the cache was not used");
    assert_eq!(lk008_lines(&again).len(), 5);
    assert!(dir.path().join("links.cache.json").is_file());
}

/// On a terminal (a pseudo-terminal made by util-linux's `script`), `--online` shows a bar
/// of the pages fetched, cleared before the findings; in a pipe, nothing but them.
#[test]
fn online_progress_shows_on_a_terminal_only() {
    let (port, _) = serve();
    let dir = site(port);
    let bin = assert_cmd::cargo::cargo_bin("diglot");
    let command = format!("{} check --online --format short", bin.display());
    // util-linux is essential on Debian and present on every Linux CI image.
    let tty = std::process::Command::new("script")
        .current_dir(dir.path())
        .args(["-qec", &command, "/dev/null"])
        .output()
        .expect("util-linux's `script`");
    let shown = String::from_utf8_lossy(&tty.stdout);
    assert!(shown.contains("fetching external links"), "{shown}");
    assert!(shown.contains(" pages"), "{shown}");
    assert!(shown.contains("[LK008]"), "the findings follow: {shown}");

    let piped = diglot()
        .current_dir(dir.path())
        .args(["check", "--online", "--format", "short"])
        .output()
        .expect("run");
    let err = String::from_utf8_lossy(&piped.stderr);
    assert!(!err.contains("fetching") && !err.contains('\x1b'), "{err}");
}

/// `check --online` is streamed: each external link's place is noted while its page is read
/// and fetched after the page's text is dropped. It finds what the check of the site loaded
/// whole finds, on pages, translations, an include, and under a suppression comment.
#[test]
fn online_findings_are_the_same_streamed_as_whole() {
    let (port, _) = serve();
    let dir = tempfile::tempdir().expect("tmp");
    let base = format!("http://127.0.0.1:{port}");
    let fm = "---\ntitle: T\ndescription: D\n---\n";
    let page = format!(
        "{fm}# Page\n\n[ok]({base}/ok) [bad fragment]({base}/ok#nowhere)\n\n\
         [missing]({base}/missing)\n\n[!INCLUDE [i](includes/shared.md)]\n"
    );
    let french = format!(
        "{fm}# Page\n\n<!-- diglot-disable-next-line LK008 -->\n[missing]({base}/missing)\n\n\
         [error]({base}/error) [ok]({base}/ok#here)\n"
    );
    let shared = format!("Shared: [gone]({base}/gone)\n");
    write_files(
        dir.path(),
        &[
            (
                "site.toml",
                "source_locale = \"en-us\"\ntarget_locales = [\"fr-fr\"]\n[online]\ntimeout_secs = 4\nretries = 0\n",
            ),
            ("content/en-us/page.md", page.as_str()),
            ("content/fr-fr/page.md", french.as_str()),
            ("content/en-us/includes/shared.md", shared.as_str()),
        ],
    );
    let config = diglot::Config::load(dir.path(), None, None).expect("config");
    let quiet = |_: usize, _: usize| {};
    let whole_site = diglot::Site::load(config.clone());
    let whole =
        diglot::check::Checked::once(&whole_site, None).into_findings(&whole_site, Some(&quiet));
    let (site, checked) = diglot::check::stream::load(config, None, true);
    let streamed = checked.into_findings(&site, Some(&quiet));
    let broken: Vec<(&str, u32)> = whole
        .iter()
        .filter(|d| d.code == "LK008")
        .map(|d| (d.path.as_str(), d.line))
        .collect();
    assert_eq!(
        broken,
        // The French `missing` (line 8) is suppressed; `ok#here` is fine.
        [
            ("en-us/includes/shared.md", 1),
            ("en-us/page.md", 7),
            ("en-us/page.md", 9),
            ("fr-fr/page.md", 10),
        ],
        "{whole:#?}"
    );
    assert_eq!(streamed, whole);
}
