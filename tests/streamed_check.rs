//! `diglot check` of a whole site is streamed (`check::stream`): pages are read a group
//! at a time and keep only what other files' checks need. It must report exactly what the
//! check of the site loaded whole reports, with the same source lines: compared here on
//! every fixture site, the sample site, the corpus, and sites made to stress each way a
//! rule reads another file.

mod common;

use std::path::Path;

use common::*;
use diglot::diagnostics::{FileText, Locations, write_human};
use diglot::{Config, Site, check};

/// The human report of both checks of the site at `root` (its content folder `content`,
/// default `root/content`), asserting that they are the same; returns the streamed site.
fn assert_streamed_as_whole(root: &Path, content: Option<&Path>) -> Site {
    let config = Config::load(root, content, None).expect("config");
    let at = Locations::new(&config.content_dir, root);
    let whole_site = Site::load(config.clone());
    let whole = check::check_site(&whole_site);
    let (site, checked) = check::stream::load(config);
    let streamed = checked.into_findings(&site, None);
    assert!(
        !whole.is_empty(),
        "{}: the site has findings to compare",
        root.display()
    );
    assert_eq!(streamed, whole, "{}", root.display());

    let mut whole_report = Vec::new();
    let lent = |p: &str| whole_site.file_of(p).map(FileText::Lent);
    write_human(&mut whole_report, &whole, false, &at, &lent).expect("write");
    let mut streamed_report = Vec::new();
    let read = |p: &str| site.file_text(p);
    write_human(&mut streamed_report, &streamed, false, &at, &read).expect("write");
    assert_eq!(
        String::from_utf8_lossy(&streamed_report),
        String::from_utf8_lossy(&whole_report),
        "{}: the human report differs",
        root.display()
    );
    site
}

#[test]
fn every_fixture_site_the_sample_site_and_the_corpus_are_checked_streamed_as_whole() {
    for name in ["broken", "docfx", "headings", "links", "rules", "sxs"] {
        assert_streamed_as_whole(&fixture_dir(name), None);
    }
    assert_streamed_as_whole(&sample_site_dir(), None);
    let corpus = corpus_dir();
    let site = assert_streamed_as_whole(&corpus, Some(&corpus));
    // What the streamed check leaves: no page's text (includes and TOCs are read whole).
    let pages = site
        .articles()
        .iter()
        .filter(|a| a.file.kind == diglot::content::FileKind::Article);
    let mut count = 0;
    for page in pages {
        count += 1;
        assert!(page.thinned, "{}", page.path());
        assert!(
            page.file.text.is_empty() || page.file.text.contains("diglot-"),
            "{} keeps its text",
            page.path()
        );
        assert!(page.segments.is_empty() && page.tables.is_empty());
    }
    assert!(count > 400, "{count} pages");
}

/// A site whose rules read other files every way they can: fragments of other pages (found,
/// wrong case, missing, on a page only the source has), includes of includes and of pages,
/// a cycle of includes, site rules reporting on pages (TC002, TR002), a suppression comment
/// on a page a site rule reports on, an orphan translation, and a page that links to itself.
#[test]
fn rules_that_read_other_files_find_the_same_streamed() {
    let dir = tempfile::tempdir().expect("tmp");
    let fm = "---\ntitle: T\ndescription: D\n---\n";
    let a = format!(
        "{fm}# A page\n\n## First part\n\n[b](b.md#second-part) [B](b.md#Second-Part) \
         [x](b.md#nothing) [s](only-source.md#there) [self](a.md#first-part) \
         [here](#nowhere)\n\n[!INCLUDE [i](includes/one.md)]\n\n[!INCLUDE [p](c.md)]\n"
    );
    let b = format!("{fm}# B page\n\n## Second part\n\n[a](a.md#first-part)\n");
    let c = format!("{fm}# C page\n\nIncluded as a page.\n\n[!INCLUDE [back](a.md)]\n");
    let suppressed =
        format!("{fm}# Hidden\n\n<!-- diglot-disable-next-line LK002 -->\n[a](a.md#first-parts)\n");
    let french_a = format!(
        "{fm}# Une page\n\n## Première partie\n\n[b](b.md#second-part) [x](b.md#rien) \\
         [s](only-source.md#there)\n"
    );
    let files: Vec<(String, String)> = vec![
        (
            "site.toml".into(),
            "source_locale = \"en-us\"\ntarget_locales = [\"fr-fr\"]\n".into(),
        ),
        (
            "content/en-us/TOC.md".into(),
            "# [A](a.md)\n# [B](b.md)\n".into(),
        ),
        ("content/fr-fr/TOC.md".into(), "# [A](a.md)\n".into()),
        ("content/en-us/a.md".into(), a),
        ("content/en-us/b.md".into(), b),
        ("content/en-us/c.md".into(), c),
        (
            "content/en-us/only-source.md".into(),
            format!("{fm}# There\n"),
        ),
        ("content/en-us/hidden.md".into(), suppressed),
        (
            "content/en-us/includes/one.md".into(),
            "One\n\n[!INCLUDE [t](two.md)]\n".into(),
        ),
        (
            "content/en-us/includes/two.md".into(),
            "Two [b](../b.md#nope)\n\n[!INCLUDE [o](one.md)]\n".into(),
        ),
        ("content/fr-fr/a.md".into(), french_a),
        (
            "content/fr-fr/b.md".into(),
            format!("{fm}# Page B\n\n## Deuxième partie\n"),
        ),
        (
            "content/fr-fr/orphan.md".into(),
            format!("{fm}# Orpheline\n"),
        ),
        ("content/fr-fr/includes/one.md".into(), "Un\n".into()),
    ];
    let files: Vec<(&str, &str)> = files
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_str()))
        .collect();
    write_files(dir.path(), &files);
    let site = assert_streamed_as_whole(dir.path(), None);
    let config = site.config().clone();
    let found = check::check_site(&Site::load(config));
    for code in [
        "LK002", "LK003", "LK004", "MD006", "TC002", "TR002", "TR003",
    ] {
        assert!(
            found.iter().any(|d| d.code == code),
            "the site has a {code} finding to compare: {found:#?}"
        );
    }
    // The page a suppression comment keeps the text of: the site rule reports on it, and
    // its comment still suppresses.
    let hidden: Vec<&str> = found
        .iter()
        .filter(|d| d.path == "en-us/hidden.md")
        .map(|d| d.code)
        .collect();
    assert_eq!(hidden, ["TC002", "TR002"]);
}
