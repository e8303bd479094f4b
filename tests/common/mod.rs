//! Test harness: copy a fixture site into a temporary folder, build it with the real
//! binary, and read back pages (only their `<main>`, which is what snapshots compare).
#![allow(dead_code)]

pub mod preview;

use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;
use tempfile::TempDir;

pub fn fixture_dir(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// The repository's own sample site.
pub fn sample_site_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The real corpus the repository carries (`tests/corpus`, a byte-for-byte copy of
/// `../shared/corpus`), read in place.
pub fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus")
}

/// Copies `src` (a site: `site.toml`, `content/`, `templates/`) into a fresh temp dir.
pub fn copy_site(src: &Path) -> TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for entry in ["site.toml", "content", "templates"] {
        let from = src.join(entry);
        if from.exists() {
            copy_recursively(&from, &dir.path().join(entry));
        }
    }
    dir
}

pub fn copy_recursively(from: &Path, to: &Path) {
    if from.is_dir() {
        std::fs::create_dir_all(to).expect("mkdir");
        for e in std::fs::read_dir(from).expect("read_dir") {
            let e = e.expect("entry");
            copy_recursively(&e.path(), &to.join(e.file_name()));
        }
    } else {
        std::fs::copy(from, to).expect("copy");
    }
}

pub fn diglot() -> Command {
    Command::cargo_bin("diglot").expect("binary")
}

/// Writes a site's files under `root`: (path relative to it, text) each, folders made.
pub fn write_files(root: &Path, files: &[(&str, &str)]) {
    for (path, text) in files {
        let path = root.join(path);
        std::fs::create_dir_all(path.parent().expect("a parent")).expect("make the folder");
        std::fs::write(&path, text).expect("write the file");
    }
}

/// Runs `diglot check --format json` in `root` with extra arguments: the whole document
/// (`diagnostics` and `summary`). The one helper every test reading the JSON uses.
pub fn check_json(root: &Path, args: &[&str]) -> serde_json::Value {
    let out = diglot()
        .current_dir(root)
        .arg("check")
        .args(args)
        .args(["--format", "json"])
        .output()
        .expect("run diglot check");
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "JSON ({e}): {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    })
}

/// The `diagnostics` of [`check_json`].
pub fn check_findings(root: &Path, args: &[&str]) -> Vec<serde_json::Value> {
    check_json(root, args)["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .clone()
}

/// Fails unless `sarif` validates against the SARIF 2.1.0 schema.
pub fn assert_valid_sarif(sarif: &serde_json::Value) {
    // The published 2.1.0 schema has an unbalanced `]` in `run.language`'s pattern, which a
    // strict validator refuses to compile; SARIF's errata give the intended pattern.
    let text = read(fixture_dir("../schemas/sarif-schema-2.1.0.json")).replace(
        r#""^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$""#,
        r#""^[a-zA-Z]{2}(-[a-zA-Z]{2})?$""#,
    );
    let schema: serde_json::Value = serde_json::from_str(&text).expect("schema");
    let validator = jsonschema::validator_for(&schema).expect("compile schema");
    let errors: Vec<String> = validator
        .iter_errors(sarif)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
}

/// Runs `diglot build` in `root` with extra arguments.
pub fn build(root: &Path, args: &[&str]) -> Output {
    diglot()
        .current_dir(root)
        .arg("build")
        .args(args)
        .output()
        .expect("run diglot")
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

pub fn read(path: impl AsRef<Path>) -> String {
    let path = path.as_ref();
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

/// The `<main>…</main>` of a page.
pub fn main_of(html: &str) -> String {
    let start = html.find("<main").expect("page has <main>");
    let end = html.find("</main>").expect("page has </main>") + "</main>".len();
    html[start..end].to_string()
}

/// Parses a page for CSS-selector assertions.
pub fn parse(html: &str) -> scraper::Html {
    scraper::Html::parse_document(html)
}

pub fn select<'a>(doc: &'a scraper::Html, css: &str) -> Vec<scraper::ElementRef<'a>> {
    let sel = scraper::Selector::parse(css).expect("valid selector");
    doc.select(&sel).collect()
}

pub fn attrs(doc: &scraper::Html, css: &str, attr: &str) -> Vec<String> {
    select(doc, css)
        .iter()
        .filter_map(|e| e.value().attr(attr).map(str::to_string))
        .collect()
}

/// Every file under `dir` (relative path → size), to compare whole sites.
pub fn listing(dir: &Path) -> std::collections::BTreeMap<String, u64> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(dir)
                .expect("inside")
                .to_string_lossy();
            let len = e.metadata().map_or(0, |m| m.len());
            (rel.replace('\\', "/"), len)
        })
        .collect()
}

/// Names beside `dir` that a build left behind (its temporary folders).
pub fn leftovers_beside(dir: &Path) -> Vec<String> {
    let name = dir
        .file_name()
        .expect("name")
        .to_string_lossy()
        .into_owned();
    let parent = dir.parent().expect("parent");
    std::fs::read_dir(parent)
        .expect("read_dir")
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(&format!(".{name}.diglot-")) && !n.ends_with("-lock"))
        .collect()
}
