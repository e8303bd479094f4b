//! `diglot build` is streamed when it checks: the check reads the pages a group at a time and
//! keeps what other files need of them (`check::stream`), and each page is then rendered
//! from its file read again, a page path at a time. Every output must be the one the build
//! of the site loaded whole writes: compared byte for byte here on every fixture site, the
//! sample site, the corpus, each shard of three, and a site made to stress what a page's
//! render reads beyond its own file.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use common::*;
use diglot::check::{Checked, Shard};
use diglot::engine::{Engine, Purpose};
use diglot::output::MemorySink;
use diglot::render::Prepared;
use diglot::{Config, Diagnostic, Site};

type Files = BTreeMap<String, Vec<u8>>;

/// What the build of `config`'s site loaded whole writes, and its findings: the site read
/// whole, checked beside the render.
fn built_whole(config: &Config, how: Build) -> (Files, Vec<Diagnostic>) {
    let Build { check, shard } = how;
    let site = Site::load(config.clone());
    let prepared = Prepared::new(&site, check).expect("templates");
    let sink = MemorySink::new(config.boundary.clone());
    let checks = || match check {
        true => Checked::once(&site, shard).into_findings(&site, None),
        false => Checked::unchecked(&site).findings(&site),
    };
    let report = prepared
        .write_all(&site, &sink, checks, shard)
        .expect("render");
    (sink.into_files(), report.diagnostics)
}

/// What `diglot build` writes, and its findings.
fn built(config: &Config, how: Build) -> (Files, Vec<Diagnostic>) {
    let Build { check, shard } = how;
    let mut engine = Engine::open(config.clone(), Purpose::Build { check, shard }).expect("open");
    let sink = MemorySink::new(config.boundary.clone());
    let report = engine.write_all(&sink).expect("render");
    (sink.into_files(), report.diagnostics)
}

fn assert_same_files(streamed: &Files, whole: &Files, what: &str) {
    let names = |f: &Files| f.keys().cloned().collect::<Vec<_>>();
    assert_eq!(names(streamed), names(whole), "{what}: the outputs differ");
    for (path, bytes) in whole {
        assert!(
            streamed[path] == *bytes,
            "{what}: {path} differs:\n--- streamed\n{}\n--- whole\n{}",
            String::from_utf8_lossy(&streamed[path]),
            String::from_utf8_lossy(bytes)
        );
    }
}

/// How a site is built: checked or not, whole or one shard.
#[derive(Clone, Copy, Debug)]
struct Build {
    check: bool,
    shard: Option<Shard>,
}

/// Builds the site at `root` (content `content`, default `root/content`) both ways, whole
/// and in each shard of three, checked and not, asserting that every output and finding
/// is the same.
fn assert_built_streamed_as_whole(root: &Path, content: Option<&Path>) {
    let config = Config::load(root, content, None).expect("config");
    let shards = [None, Some("1/3"), Some("2/3"), Some("3/3")];
    for check in [true, false] {
        for part in shards {
            let how = Build {
                check,
                shard: part.map(|p| p.parse().expect("shard")),
            };
            let what = format!("{} {how:?}", root.display());
            let (whole, whole_found) = built_whole(&config, how);
            let (streamed, found) = built(&config, how);
            if check && part.is_none() {
                assert!(
                    whole.keys().any(|p| p.ends_with("/report/index.html")),
                    "{what}: the site has a report to compare"
                );
            }
            assert_eq!(found, whole_found, "{what}");
            assert_same_files(&streamed, &whole, &what);
        }
    }
}

const CHECKED: Build = Build {
    check: true,
    shard: None,
};

#[test]
fn every_fixture_site_the_sample_site_and_the_corpus_are_built_streamed_as_whole() {
    for name in ["broken", "docfx", "headings", "links", "rules", "sxs"] {
        assert_built_streamed_as_whole(&fixture_dir(name), None);
    }
    assert_built_streamed_as_whole(&sample_site_dir(), None);
    let corpus = corpus_dir();
    assert_built_streamed_as_whole(&corpus, Some(&corpus));
}

const FM: &str = "---\ntitle: T\ndescription: D\n---\n";

/// A site where a page's render reads more than its own file: a page included by another
/// (read whole again before the pages), each locale's home showing its `index.md`, a
/// sitemap leaving out a `noindex` page and a report counting translation types (front
/// matter kept of every page), a plain translation beside its source, a page whose text a
/// suppression comment keeps, and a title only the front matter gives, in the navigation
/// of every page (made from the folders and the titles: the site has no TOC).
fn stressed_site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tmp");
    let mt = "---\ntitle: T\ndescription: D\nms.translationtype: MT\n---\n";
    let files: Vec<(&str, String)> = vec![
        (
            "site.toml",
            "source_locale = \"en-us\"\ntarget_locales = [\"fr-fr\"]\nbase_url = \"https://example.com/help\"\n".into(),
        ),
        ("content/en-us/index.md", format!("{FM}# Welcome\n\nStart [here](a.md).\n")),
        ("content/fr-fr/index.md", format!("{mt}# Bienvenue\n\nCommencez [ici](a.md).\n")),
        (
            "content/en-us/a.md",
            format!("{FM}# A page\n\nFirst sentence. Second one.\n\n[!INCLUDE [c](c.md)]\n"),
        ),
        (
            "content/fr-fr/a.md",
            format!("{mt}# Une page {{#a-page}}\n\nPremière phrase. La deuxième.\n\n[!INCLUDE [c](c.md)]\n"),
        ),
        (
            "content/en-us/b.md",
            "---\ntitle: Only the front matter says this\ndescription: D\n---\nNo heading.\n".into(),
        ),
        ("content/en-us/c.md", format!("{FM}# C page\n\nIncluded text.\n")),
        (
            "content/en-us/hidden.md",
            format!("{FM}# Hidden\n\n<!-- diglot-disable-next-line LK001 -->\n[gone](gone.md)\n"),
        ),
        (
            "content/en-us/quiet.md",
            "---\ntitle: Quiet\ndescription: D\nROBOTS: NOINDEX\n---\n# Quiet\n".into(),
        ),
    ];
    let files: Vec<(&str, &str)> = files.iter().map(|(p, t)| (*p, t.as_str())).collect();
    write_files(dir.path(), &files);
    dir
}

#[test]
fn pages_read_beyond_their_own_file_render_the_same_streamed() {
    let dir = stressed_site();
    assert_built_streamed_as_whole(dir.path(), None);
    // What the comparison covers, seen in the streamed build.
    let config = Config::load(dir.path(), None, None).expect("config");
    let (files, _) = built(&config, CHECKED);
    let text = |path: &str| String::from_utf8_lossy(&files[path]).into_owned();
    assert!(text("en-us/a/index.html").contains("Included text."));
    assert!(text("fr-fr/a/index.html").contains("Included text."));
    assert!(text("en-us/index.html").contains("Start"));
    assert!(text("fr-fr/index.html").contains("Commencez"));
    assert!(
        text("fr-fr/a/index.html").contains("First sentence."),
        "the source beside it"
    );
    assert!(text("en-us/hidden/index.html").contains("gone"));
    assert!(text("en-us/a/index.html").contains("Only the front matter says this"));
    let sitemap = text("sitemap.xml");
    assert!(
        sitemap.contains("/en-us/a/") && !sitemap.contains("quiet"),
        "{sitemap}"
    );
    let report = text("en-us/report/index.html");
    assert!(
        report.contains(r#"<td data-figure="machine">2</td>"#),
        "both machine translations counted"
    );
}

#[test]
fn a_page_gone_between_the_check_and_its_render_is_reported_not_written_blank() {
    let dir = stressed_site();
    let config = Config::load(dir.path(), None, None).expect("config");
    let mut engine = Engine::open(
        config.clone(),
        Purpose::Build {
            check: true,
            shard: None,
        },
    )
    .expect("open");
    std::fs::remove_file(dir.path().join("content/en-us/b.md")).expect("remove");
    let sink = MemorySink::new(config.boundary.clone());
    let report = engine.write_all(&sink).expect("render");
    let files = sink.into_files();
    assert!(!files.contains_key("en-us/b/index.html"));
    assert!(
        files.contains_key("en-us/a/index.html"),
        "the other pages are written"
    );
    let gone: Vec<&Diagnostic> = report
        .diagnostics
        .iter()
        .filter(|d| d.code == "RN001" && d.path == "en-us/b.md")
        .collect();
    // Its page and the French one standing in for its missing translation.
    assert!(!files.contains_key("fr-fr/b/index.html"));
    assert_eq!(gone.len(), 2, "{:#?}", report.diagnostics);
    for d in gone {
        assert!(
            d.message.contains("could not be read again"),
            "{}",
            d.message
        );
    }
    assert_eq!(report.failed, 2);
}
