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
    let (site, checked) = check::stream::load(config.clone(), None, false);
    let streamed = checked.into_findings(&site, None);
    assert!(
        !whole.is_empty(),
        "{}: the site has findings to compare",
        root.display()
    );
    assert_eq!(streamed, whole, "{}", root.display());
    // Each shard of three, streamed (the other shards' pages read only for what the checks
    // need of them), as checked whole.
    for part in ["1/3", "2/3", "3/3"] {
        let shard: check::Shard = part.parse().expect("shard");
        let locales = config.locales.clone();
        let owned = Site::load_owned(config.clone(), &|p| shard.owns(p, &locales));
        let whole_part = check::Checked::once(&owned, Some(shard)).into_findings(&owned, None);
        let (site, checked) = check::stream::load(config.clone(), Some(shard), false);
        let streamed_part = checked.into_findings(&site, None);
        assert_eq!(streamed_part, whole_part, "{} shard {part}", root.display());
    }

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

/// A site whose rules read other files every way they can, each deciding a finding:
/// fragments of other pages (found, wrong case, missing, on a page only the source has:
/// questions answered once every page is read), a page whose includes go through another
/// page past the copy limit (its group checked again), a cycle of includes through pages,
/// site rules reporting on pages (TC002, TR002: their texts read back), a suppression
/// comment on a page a site rule reports on, an orphan translation, a page linking to
/// itself.
#[test]
fn rules_that_read_other_files_find_the_same_streamed() {
    let dir = tempfile::tempdir().expect("tmp");
    let fm = "---\ntitle: T\ndescription: D\n---\n";
    let a = format!(
        "{fm}# A page\n\n## First part\n\n[b](b.md#second-part) [B](b.md#Second-Part) \
         [x](b.md#nothing) [s](only-source.md#there) [self](a.md#first-part) \
         [here](#nowhere)\n\n[!INCLUDE [i](includes/one.md)]\n"
    );
    let b = format!("{fm}# B page\n\n## Second part\n\n[a](a.md#first-part)\n");
    // d includes the page c, which fans out to 8^5 copies and includes d back.
    let c = format!("{fm}# C page\n\n[!INCLUDE [x](includes/x0.md)]\n\n[!INCLUDE [d](d.md)]\n");
    let d = format!("{fm}# D page\n\n[!INCLUDE [c](c.md)]\n");
    let suppressed =
        format!("{fm}# Hidden\n\n<!-- diglot-disable-next-line LK003 -->\n[a](a.md#First-Part)\n");
    let french_a = format!(
        "{fm}# Une page\n\n## Première partie\n\n[b](b.md#second-part) [x](b.md#rien) \
         [s](only-source.md#there)\n"
    );
    let mut files: Vec<(String, String)> = vec![
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
        ("content/en-us/d.md".into(), d),
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
    for i in 0..5 {
        let line = format!("[!INCLUDE [x](x{}.md)]\n\n", i + 1);
        files.push((
            format!("content/en-us/includes/x{i}.md"),
            format!("X{i}\n\n{}", line.repeat(8)),
        ));
    }
    files.push(("content/en-us/includes/x5.md".into(), "end\n".into()));
    let files: Vec<(&str, &str)> = files
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_str()))
        .collect();
    write_files(dir.path(), &files);
    let site = assert_streamed_as_whole(dir.path(), None);
    let config = site.config().clone();
    let found = check::check_site(&Site::load(config));
    let codes_of = |path: &str| -> Vec<&str> {
        found
            .iter()
            .filter(|d| d.path == path)
            .map(|d| d.code)
            .collect()
    };
    // Asked of pages not read yet, answered once they are.
    assert_eq!(
        codes_of("en-us/a.md"),
        ["LK003", "LK002", "LK002"],
        "{found:#?}"
    );
    assert_eq!(
        codes_of("fr-fr/a.md"),
        ["AN002", "AN002", "LK002", "LK002", "LK004"],
        "{found:#?}"
    );
    // Found only through the page c: d's group is checked again once c is read.
    assert!(codes_of("en-us/d.md").contains(&"MD007"), "{found:#?}");
    assert!(codes_of("en-us/d.md").contains(&"MD006"), "{found:#?}");
    for code in ["MD006", "TC002", "TR002", "TR003"] {
        assert!(
            found.iter().any(|d| d.code == code),
            "the site has a {code} finding to compare: {found:#?}"
        );
    }
    // The page a suppression comment keeps the text of: site rules report on it, and its
    // comment still suppresses.
    assert_eq!(codes_of("en-us/hidden.md"), ["TC002", "TR002"]);
}

/// A site whose page, in both locales, holds `links` to `en-us/<unreadable>`, a file one
/// byte larger than diglot reads.
fn linking_to_an_unreadable_file(unreadable: &str, links: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tmp");
    let page = format!("---\ntitle: T\ndescription: D\n---\n# Page\n\n{links}\n");
    write_files(
        dir.path(),
        &[
            ("content/en-us/page.md", page.as_str()),
            ("content/fr-fr/page.md", page.as_str()),
        ],
    );
    let limit = diglot::files::MAX_TEXT_BYTES as usize;
    let big = dir.path().join("content/en-us").join(unreadable);
    std::fs::create_dir_all(big.parent().expect("folder")).expect("mkdir");
    std::fs::write(big, "a".repeat(limit + 1)).expect("write");
    dir
}

/// A page that cannot be read (over the size limit) is no article: the rules of other
/// groups took it for one while it was unread, so the streamed check falls back to checking
/// the site whole, and finds what that finds.
#[test]
fn a_page_that_cannot_be_read_is_checked_as_the_whole_check_does() {
    let dir = linking_to_an_unreadable_file("big.md", "[big](big.md#part) [gone](big.md)");
    let site = assert_streamed_as_whole(dir.path(), None);
    assert!(site.by_path("en-us/big.md").is_none());
}

/// A locale with no translations: TR002 reports every source page, more than a site rule's
/// second run reads back at once, so the pages' texts come back batch by batch; every
/// finding still carries its source line.
#[test]
fn a_site_rule_reporting_on_every_page_finds_the_same_streamed() {
    let dir = tempfile::tempdir().expect("tmp");
    let pages: Vec<(String, String)> = (0..1100)
        .map(|i| {
            (
                format!("content/en-us/p{i:04}.md"),
                format!("---\ntitle: P{i}\ndescription: D\n---\n# Page {i}\n"),
            )
        })
        .collect();
    let mut files: Vec<(&str, &str)> = pages
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_str()))
        .collect();
    files.push((
        "site.toml",
        "source_locale = \"en-us\"\ntarget_locales = [\"fr-fr\"]\n",
    ));
    write_files(dir.path(), &files);
    std::fs::create_dir_all(dir.path().join("content/fr-fr")).expect("mkdir");
    let site = assert_streamed_as_whole(dir.path(), None);
    let found = check::check_site(&Site::load(site.config().clone()));
    assert_eq!(found.iter().filter(|d| d.code == "TR002").count(), 1100);
}

/// A page included 17 times whose text is 1 MB: the including page's expansion passes the
/// 16 MB bound (MD007) only if the included page's text is counted, which a streamed check
/// reads back for the group it checks again.
#[test]
fn the_bytes_of_an_included_page_are_counted_streamed() {
    let dir = tempfile::tempdir().expect("tmp");
    let fm = "---\ntitle: T\ndescription: D\n---\n";
    let big = format!("{fm}# Big\n\n{}\n", "word ".repeat(210_000));
    let includer = format!(
        "{fm}# Includer\n\n{}",
        "[!INCLUDE [b](big.md)]\n\n".repeat(17)
    );
    write_files(
        dir.path(),
        &[
            ("content/en-us/big.md", big.as_str()),
            ("content/en-us/includer.md", includer.as_str()),
        ],
    );
    let site = assert_streamed_as_whole(dir.path(), None);
    let found = check::check_site(&Site::load(site.config().clone()));
    assert!(
        found
            .iter()
            .any(|d| d.code == "MD007" && d.path == "en-us/includer.md"),
        "{found:#?}"
    );
}

/// An include that cannot be read is no article, as when the site is loaded whole: a link
/// to it from a translation is to a missing file (LK001), not to a source-only page.
#[test]
fn an_include_that_cannot_be_read_is_no_article_streamed() {
    let dir = linking_to_an_unreadable_file("includes/big.md", "[big](includes/big.md)");
    let site = assert_streamed_as_whole(dir.path(), None);
    let found = check::check_site(&Site::load(site.config().clone()));
    let on_french: Vec<&str> = found
        .iter()
        .filter(|d| d.path == "fr-fr/page.md")
        .map(|d| d.code)
        .collect();
    assert!(on_french.contains(&"LK001"), "{found:#?}");
}
