//! The real corpus (`tests/corpus`, the repository's copy of `../shared/corpus`) builds with no configuration and no panic.

mod common;

use common::*;

#[test]
fn builds_every_corpus_article_zero_config() {
    let corpus = corpus_dir();
    let tmp = tempfile::tempdir().expect("tmp");
    let out_dir = tmp.path().join("site");
    let content = corpus.to_string_lossy().into_owned();
    let out_arg = out_dir.to_string_lossy().into_owned();
    let out = diglot()
        .current_dir(tmp.path())
        .args(["build", "--content", &content, "--out", &out_arg])
        .output()
        .expect("run");
    let err = stderr(&out);
    assert!(
        out.status.code().is_some_and(|c| c <= 1),
        "crashed or failed: {err}"
    );
    assert!(!err.contains("panicked"), "{err}");

    // Every Markdown page of both locales (not TOC.md, not includes) has its page.
    let mut pages = 0;
    for entry in walkdir::WalkDir::new(&corpus)
        .into_iter()
        .filter_map(Result::ok)
    {
        let rel = entry
            .path()
            .strip_prefix(&corpus)
            .expect("prefix")
            .to_string_lossy()
            .replace('\\', "/");
        let is_page = rel.ends_with(".md")
            && (rel.starts_with("en-us/") || rel.starts_with("fr-fr/"))
            && !rel.to_ascii_lowercase().ends_with("toc.md")
            && !rel.contains("/includes/");
        if is_page {
            let (locale, path) = rel.split_once('/').expect("locale");
            let page = out_dir.join(locale).join(
                diglot::render::page_output_path(&locale.parse_locale(), path)
                    .split_once('/')
                    .expect("x")
                    .1,
            );
            assert!(page.is_file(), "no page for {rel}");
            assert_local_assets_exist(&page);
            pages += 1;
        }
    }
    assert!(pages > 450, "only {pages} pages");
    assert!(err.contains(&format!("built {pages} pages")), "{err}");
}

/// Every script and stylesheet a page loads from the site is in the site: the corpus's
/// sidebars are too large to inline, so each page loads `static/nav/<locale>-N.<hash>.js`.
fn assert_local_assets_exist(page: &std::path::Path) {
    let doc = parse(&read(page));
    let dir = page.parent().expect("page folder");
    let scripts = attrs(&doc, "script[src]", "src");
    let sheets = attrs(&doc, "link[rel=stylesheet]", "href");
    assert!(
        scripts.iter().any(|s| s.contains("static/nav/")),
        "{}: no sidebar script",
        page.display()
    );
    for url in scripts.iter().chain(&sheets) {
        assert!(
            dir.join(url).is_file(),
            "{} loads {url}, which was not written",
            page.display()
        );
    }
}

trait ParseLocale {
    fn parse_locale(&self) -> diglot::config::Locale;
}

impl ParseLocale for str {
    fn parse_locale(&self) -> diglot::config::Locale {
        diglot::config::Locale::parse(self).expect("locale")
    }
}

#[test]
fn utf16_include_is_decoded() {
    let corpus = corpus_dir();
    let config = diglot::Config::load(&corpus, Some(&corpus), None).expect("config");
    let site = diglot::Site::load(config);
    let en = diglot::config::Locale::parse("en-us").expect("locale");
    let include = site
        .article(
            &en,
            "SecurityCompliance/includes/securitycompliance-content-updates.md",
        )
        .expect("the UTF-16 include is loaded");
    assert!(
        !include.file.text.contains('\u{FFFD}'),
        "decoded without replacement characters"
    );
    assert!(
        include.file.text.is_char_boundary(0)
            && include
                .html(&diglot::markdown::BodyWords {
                    source_lang: "en-US",
                    alert_titles: ["Note", "Tip", "Important", "Warning", "Caution"],
                })
                .len()
                > 100
    );
    assert!(
        !site
            .diagnostics()
            .iter()
            .any(
                |d| d.path.ends_with("securitycompliance-content-updates.md") && d.code == "IO002"
            ),
        "no encoding diagnostic for a file with a BOM"
    );
}

#[test]
fn check_finds_the_corpus_defects_at_their_lines() {
    let corpus = corpus_dir();
    let content = corpus.to_string_lossy().into_owned();
    let v = check_json(std::path::Path::new("."), &["--content", &content]);
    assert!(
        v["summary"]["errors"].as_u64() > Some(0),
        "the corpus has errors"
    );
    let diags = v["diagnostics"].as_array().expect("diagnostics");
    let find = |code: &str, path: &str, line: u64| {
        diags
            .iter()
            .find(|d| d["code"] == code && d["path"] == path && d["line"] == line)
    };
    let yml = find(
        "LK001",
        "fr-fr/partner-center/indirect-reseller-tasks-in-partner-center.md",
        138,
    )
    .expect(".md → .yml");
    assert!(
        yml["help"]
            .as_str()
            .unwrap_or("")
            .contains("mpa-indirect-provider-faq.yml")
    );
    let case = find(
        "LK001",
        "fr-fr/partner-center/confirm-customer-agreement.md",
        211,
    )
    .expect("case mismatch");
    assert!(
        case["help"]
            .as_str()
            .unwrap_or("")
            .contains("`agreements.md`")
    );
    assert!(
        find("TC001", "fr-fr/SecurityCompliance/TOC.md", 154).is_some(),
        "TOC entry with no target"
    );
    // `1. 1. 1.`, an image, `4.`: the browser shows 1–4, so there is nothing to renumber.
    for (path, line) in [
        ("fr-fr/partner-center/manage-locations.md", 60),
        ("fr-fr/partner-center/manage-locations.md", 148),
        ("fr-fr/partner-center/no-mpn-admin.md", 43),
    ] {
        assert!(
            find("ST001", path, line).is_none(),
            "ST001 at {path}:{line}"
        );
    }
    let sub_list = find(
        "ST001",
        "fr-fr/SecurityCompliance/compliance20/view-custodian-activity.md",
        57,
    )
    .expect("a step indented into a sub-list");
    assert!(sub_list["help"].as_str().unwrap_or("").contains("unindent"));
    let dup = diags
        .iter()
        .filter(|d| {
            d["code"] == "AN001"
                && d["path"]
                    == "fr-fr/SecurityCompliance/privileged-access-management-configuration.md"
        })
        .count();
    assert!(
        dup >= 6,
        "seven identical anchors give at least six repeats, got {dup}"
    );
    assert!(
        find(
            "ST001",
            "fr-fr/partner-center/see-your-customer-list.md",
            38
        )
        .is_some(),
        "list starting at 2"
    );
    assert!(
        diags.iter().any(|d| d["code"] == "MD002"),
        "table rows with the wrong cell count"
    );
    let bold = find(
        "MD001",
        "fr-fr/SecurityCompliance/compliance20/add-custodians-to-case.md",
        43,
    )
    .expect("escaped empty bold");
    assert!(
        bold["message"]
            .as_str()
            .unwrap_or("")
            .contains("escaped empty bold")
    );
    assert!(
        find("LK007", "fr-fr/partner-center/file-customer-users.md", 25).is_some(),
        "empty href"
    );
    // Every fragment link whose target file is in the corpus resolves.
    let lk002: Vec<_> = diags.iter().filter(|d| d["code"] == "LK002").collect();
    assert!(lk002.is_empty(), "{lk002:#?}");
}

/// The corpus is a subset of its repositories; `repo-files-*.txt` list what the full
/// repositories hold. Every page link diglot reports missing either leaves the subset (its
/// target is in the lists) or is one of the corpus's three real defects.
#[test]
fn missing_page_links_leave_the_subset_or_are_real_defects() {
    let corpus = corpus_dir();
    let mut repo: std::collections::HashMap<&str, std::collections::HashSet<String>> =
        Default::default();
    for (locale, list) in [
        ("fr-fr", "repo-files-fr-fr.txt"),
        ("fr-fr", "repo-files-fr-fr-partner-center.txt"),
        ("en-us", "repo-files-en-us.txt"),
    ] {
        repo.entry(locale)
            .or_default()
            .extend(read(corpus.join(list)).lines().map(str::to_string));
    }
    let content = corpus.to_string_lossy().into_owned();
    let v = check_json(std::path::Path::new("."), &["--content", &content]);
    let mut truly_missing = Vec::new();
    let mut outside = 0;
    for d in v["diagnostics"].as_array().expect("diagnostics") {
        let message = d["message"].as_str().unwrap_or("");
        if d["code"] != "LK001" || !message.contains(".md` does not exist") {
            continue;
        }
        let target = message.split('`').nth(1).expect("target in backticks");
        let path = d["path"].as_str().expect("path");
        let (locale, rel) = path.split_once('/').expect("locale");
        let dir = rel.rsplit_once('/').map_or("", |(d, _)| d);
        let resolved = diglot::markdown::links::resolve(&format!("{dir}/x"), target)
            .expect("inside the locale");
        if repo[locale].contains(&resolved) {
            outside += 1;
        } else {
            truly_missing.push(format!("{path}:{}", d["line"]));
        }
    }
    assert!(outside > 400, "links leaving the subset: {outside}");
    assert_eq!(
        truly_missing,
        [
            "fr-fr/partner-center/confirm-customer-agreement.md:211",
            "fr-fr/partner-center/indirect-reseller-tasks-in-partner-center.md:138",
            "fr-fr/partner-center/microsoft-partner-agreement.md:112",
        ]
    );
}

/// The repository's copy is `../shared/corpus` byte for byte, where that reference exists.
#[test]
fn carried_corpus_matches_the_shared_reference() {
    let reference = sample_site_dir().join("../shared/corpus");
    if !reference.is_dir() {
        eprintln!("no ../shared/corpus beside the checkout: nothing to compare");
        return;
    }
    let mut compared = 0;
    for entry in walkdir::WalkDir::new(&reference)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
    {
        let rel = entry.path().strip_prefix(&reference).expect("inside");
        let ours = corpus_dir().join(rel);
        let theirs = std::fs::read(entry.path()).expect("read reference");
        let mine = std::fs::read(&ours).unwrap_or_else(|e| panic!("{}: {e}", ours.display()));
        assert!(
            theirs == mine,
            "{} differs from the reference",
            rel.display()
        );
        compared += 1;
    }
    assert!(compared > 400, "only {compared} files compared");
}
