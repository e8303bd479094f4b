//! `diglot build` is streamed: the pages are read (and checked, unless `--no-check`) a group
//! at a time, keeping what other files need of them (`check::stream`), and each page is
//! then rendered from its file read again, a page path at a time. Every output must be the one the build
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
/// matter kept of every page), a plain translation beside its source, pages whose text a
/// suppression comment keeps (one of them included), and a title only the front matter
/// gives, in the navigation of every page (made from the folders and the titles: the site
/// has no TOC).
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
        (
            "content/en-us/c.md",
            format!("{FM}# C page\n\nIncluded text.\n\n<!-- diglot-disable-next-line LK001 -->\n[nowhere](nowhere.md)\n"),
        ),
        ("content/en-us/d.md", format!("{FM}# D page\n\nSource.\n")),
        ("content/fr-fr/d.md", format!("{FM}# Page D {{#d-page}}\n\nTraduction.\n")),
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
    let (_, found) = built(&config, CHECKED);
    assert!(
        !found
            .iter()
            .any(|d| d.path == "en-us/c.md" && d.code == "LK001"),
        "the included page's suppression comment holds: {found:#?}"
    );
    assert!(
        found.iter().any(|d| d.path == "en-us/hidden.md"),
        "{found:#?}"
    );
    let report = text("en-us/report/index.html");
    assert!(
        report.contains(r#"<td data-figure="machine">2</td>"#),
        "both machine translations counted"
    );
}

#[test]
fn a_file_that_changed_or_went_after_the_check_is_reported_not_rendered() {
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
    let content = dir.path().join("content/en-us");
    // Gone: a page without a translation, and the source of a translation.
    std::fs::remove_file(content.join("b.md")).expect("remove");
    std::fs::remove_file(content.join("d.md")).expect("remove");
    // Changed: a page, and a page another includes (read whole again at once, before any
    // page is rendered: what was checked).
    std::fs::write(content.join("quiet.md"), "---\ntitle: Q\n---\n# Edited\n").expect("edit");
    std::fs::write(content.join("c.md"), format!("{FM}# C page\n\nEdited.\n")).expect("edit");
    let sink = MemorySink::new(config.boundary.clone());
    let report = engine.write_all(&sink).expect("render");
    let files = sink.into_files();
    let failed: Vec<(&str, &str)> = report
        .diagnostics
        .iter()
        .filter(|d| d.code == "RN001")
        .map(|d| (d.path.as_str(), d.message.as_str()))
        .collect();
    // Each page that shows a changed or gone file, its fallbacks and translations too.
    for (page, shown, changed) in [
        ("en-us/b/index.html", "en-us/b.md", "en-us/b.md"),
        ("fr-fr/b/index.html", "en-us/b.md", "en-us/b.md"),
        ("en-us/d/index.html", "en-us/d.md", "en-us/d.md"),
        ("fr-fr/d/index.html", "fr-fr/d.md", "en-us/d.md"),
        ("en-us/quiet/index.html", "en-us/quiet.md", "en-us/quiet.md"),
        ("fr-fr/quiet/index.html", "en-us/quiet.md", "en-us/quiet.md"),
    ] {
        assert!(!files.contains_key(page), "{page} is not written");
        let said =
            format!("cannot render {page}: `{changed}` changed or went after it was checked");
        assert!(
            failed
                .iter()
                .any(|(p, m)| *p == shown && m.starts_with(&said)),
            "{said}: {failed:#?}"
        );
    }
    assert_eq!(report.failed, 6, "{failed:#?}");
    // The pages read before any is rendered (an included page) were read at once.
    let a = String::from_utf8_lossy(&files["en-us/a/index.html"]).into_owned();
    assert!(a.contains("Included text."), "{a}");
    assert!(
        files.contains_key("en-us/hidden/index.html"),
        "the others are written"
    );
}

#[test]
fn an_included_page_that_changed_after_the_check_is_shown_missing_not_changed() {
    let dir = stressed_site();
    let config = Config::load(dir.path(), None, None).expect("config");
    let (mut site, _) = diglot::check::stream::load_for_build(config.clone(), None);
    let c = dir.path().join("content/en-us/c.md");
    std::fs::write(&c, format!("{FM}# C page\n\nEdited.\n")).expect("edit");
    diglot::render::read_shared_pages(&mut site);
    let c = site.by_path("en-us/c.md").expect("c");
    assert!(c.thinned, "not read again: it is not what was checked");
    let prepared = Prepared::new(&site, false).expect("templates");
    let sink = MemorySink::new(config.boundary.clone());
    prepared
        .write_all(&site, &sink, Vec::new, None)
        .expect("render");
    let files = sink.into_files();
    let a = String::from_utf8_lossy(&files["en-us/a/index.html"]).into_owned();
    assert!(a.contains("include-missing"), "{a}");
    assert!(
        !a.contains("Included text.") && !a.contains("Edited."),
        "neither the text checked nor the new one: {a}"
    );
}
