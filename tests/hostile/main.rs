//! Hostile input: each case builds a small site holding one bad thing beside good pages, in a
//! temp folder, with the real binary under a watchdog, and asserts that diglot did not panic
//! or hang, reported the bad file (with its line where it has one), still built the good
//! pages, and put no line of a file outside the site anywhere: not in the output, not on the
//! console.

#![cfg(unix)] // symbolic links, FIFOs and wait4 (peak memory)

#[path = "../common/mod.rs"]
mod common;

mod includes;
mod links;
mod names;
mod paths;
mod sizes;
mod special;
mod templates;
mod text;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::*;

/// Far beyond any case's real time (a few seconds in a debug build): only a hang gets here.
const WATCHDOG: Duration = Duration::from_secs(180);

/// A text that must never leave its file outside the site.
pub const CANARY: &str = "CANARY-7f3a9c-outside-the-site";

/// A site of two good pages (en-us and fr-fr), and a secret file beside it, outside its root.
pub struct Hostile {
    dir: tempfile::TempDir,
}

impl Hostile {
    pub fn new() -> Hostile {
        let dir = tempfile::tempdir().expect("tmp");
        let h = Hostile { dir };
        std::fs::write(h.secret(), format!("{CANARY}\nroot:x:0:0:{CANARY}\n")).expect("secret");
        h.write(
            "site.toml",
            "title = \"Hostile\"\nsource_locale = \"en-us\"\ntarget_locales = [\"fr-fr\"]\n",
        );
        h.write("content/en-us/good.md", page("Good", "A good page."));
        h.write("content/fr-fr/good.md", page("Bon", "Une bonne page."));
        h
    }

    /// The site root.
    pub fn root(&self) -> PathBuf {
        self.dir.path().join("site")
    }

    /// A file outside the site root that holds the canary.
    pub fn secret(&self) -> PathBuf {
        self.dir.path().join("secret.txt")
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.root().join(rel)
    }

    pub fn write(&self, rel: &str, text: impl AsRef<[u8]>) {
        let path = self.path(rel);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, text).expect("write");
    }

    #[cfg(unix)]
    pub fn symlink(&self, rel: &str, target: &Path) {
        let path = self.path(rel);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::os::unix::fs::symlink(target, path).expect("symlink");
    }

    /// `diglot build` on the site, then `diglot check` (human format, where sources are quoted).
    pub fn build(&self) -> Run {
        let build = watched(&self.root(), &["build"]);
        let check = watched(&self.root(), &["check", "--format", "human"]);
        Run {
            build,
            check,
            out: self.path("public"),
            secret: self.secret(),
        }
    }
}

impl Default for Hostile {
    fn default() -> Self {
        Hostile::new()
    }
}

pub fn page(title: &str, body: &str) -> String {
    format!("---\ntitle: {title}\ndescription: {title}.\n---\n# {title}\n\n{body}\n")
}

/// What a process printed, and how it ended.
pub struct Ran {
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
    /// The process's peak resident memory, in MiB.
    pub peak_mib: u64,
}

/// Runs diglot in `root`; a run past the watchdog is killed and fails the test.
#[expect(clippy::zombie_processes, reason = "the child is reaped by wait4")]
pub fn watched(root: &Path, args: &[&str]) -> Ran {
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("diglot"))
        .current_dir(root)
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run diglot");
    // Drain the pipes while waiting, so a chatty run cannot block on a full pipe.
    let mut stdout = child.stdout.take().expect("stdout");
    let mut stderr = child.stderr.take().expect("stderr");
    let out = std::thread::spawn(move || read_all(&mut stdout));
    let err = std::thread::spawn(move || read_all(&mut stderr));
    let started = Instant::now();
    let pid = i32::try_from(child.id()).expect("pid");
    // wait4 rather than Child::try_wait: it also tells the child's peak memory.
    let (status, usage) = loop {
        let mut status = 0;
        // SAFETY: plain out-parameters for wait4, on our own child's pid.
        let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
        let reaped = unsafe { libc::wait4(pid, &mut status, libc::WNOHANG, &mut usage) };
        if reaped < 0 {
            let error = std::io::Error::last_os_error();
            assert_eq!(
                error.kind(),
                std::io::ErrorKind::Interrupted,
                "wait4: {error}"
            );
            continue;
        }
        if reaped == pid {
            break (status, usage);
        }
        if started.elapsed() > WATCHDOG {
            let _ = child.kill();
            let _ = child.wait();
            panic!("diglot {args:?} hung: killed after {WATCHDOG:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    Ran {
        code: libc::WIFEXITED(status).then(|| libc::WEXITSTATUS(status)),
        stdout: out.join().expect("stdout reader"),
        stderr: err.join().expect("stderr reader"),
        // ru_maxrss is in KiB on Linux, in bytes on macOS.
        peak_mib: u64::try_from(usage.ru_maxrss).unwrap_or(0)
            / if cfg!(target_os = "macos") {
                1024 * 1024
            } else {
                1024
            },
    }
}

fn read_all(r: &mut impl std::io::Read) -> String {
    let mut bytes = Vec::new();
    let _ = r.read_to_end(&mut bytes);
    String::from_utf8_lossy(&bytes).into_owned()
}

/// A build and a check of one hostile site.
pub struct Run {
    pub build: Ran,
    pub check: Ran,
    pub out: PathBuf,
    secret: PathBuf,
}

impl Run {
    /// No panic, an exit code of the contract, the good pages built, and no line of the
    /// secret file anywhere.
    pub fn sane(&self) -> &Self {
        for (what, ran) in [("build", &self.build), ("check", &self.check)] {
            assert!(
                !ran.stderr.contains("panicked"),
                "{what} panicked:\n{}",
                ran.stderr
            );
            assert!(
                matches!(ran.code, Some(0..=2)),
                "{what} exited with {:?}:\n{}",
                ran.code,
                ran.stderr
            );
        }
        for page in ["en-us/good/index.html", "fr-fr/good/index.html"] {
            assert!(
                self.out.join(page).is_file(),
                "the good page {page} was not built:\n{}",
                self.build.stderr
            );
        }
        self.no_leak();
        self
    }

    /// No output file and no console line holds a line of the file outside the site.
    pub fn no_leak(&self) {
        let secret = read(&self.secret);
        let lines: Vec<&str> = secret.lines().filter(|l| !l.is_empty()).collect();
        let leaks = |text: &str| lines.iter().any(|l| text.contains(l));
        for (what, ran) in [("build", &self.build), ("check", &self.check)] {
            assert!(
                !leaks(&ran.stdout) && !leaks(&ran.stderr),
                "{what} printed a line of a file outside the site"
            );
        }
        for entry in walkdir::WalkDir::new(&self.out)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
        {
            let bytes = std::fs::read(entry.path()).expect("read output");
            assert!(
                !leaks(&String::from_utf8_lossy(&bytes)),
                "{} holds a line of a file outside the site",
                entry.path().display()
            );
        }
    }

    /// The build and the check both report `code` on `path` (content-relative, as JSON
    /// has it: `../templates/…` for a template), at `line` when given. Both run at the site
    /// root, so they name the file from there (`content/en-us/a.md`, `templates/…`).
    pub fn reports(&self, code: &str, path: &str, line: Option<u32>) -> &Self {
        self.build_reports(code, path, line);
        let shown = shown(path);
        let path = shown.as_str();
        let arrow = match line {
            Some(l) => format!("--> {path}:{l}:"),
            None => format!("--> {path}:"),
        };
        assert!(
            self.check.stdout.contains(&format!("[{code}]")) && self.check.stdout.contains(&arrow),
            "check did not report {code} at {arrow}:\n{}",
            self.check.stdout
        );
        self
    }

    /// The build reports `code` on `path` (templates are the build's alone).
    pub fn build_reports(&self, code: &str, path: &str, line: Option<u32>) -> &Self {
        let shown = shown(path);
        let path = shown.as_str();
        let at = match line {
            Some(l) => format!("{path}:{l}:"),
            None => format!("{path}:"),
        };
        assert!(
            self.build
                .stderr
                .lines()
                .any(|l| l.starts_with(&at) && l.contains(&format!("[{code}]"))),
            "build did not report {code} at {at}:\n{}",
            self.build.stderr
        );
        self
    }
}

/// A content-relative path as the commands, run at the site root, name it.
fn shown(path: &str) -> String {
    match path.strip_prefix("../") {
        Some(beside) => beside.to_string(),
        None => format!("content/{path}"),
    }
}
