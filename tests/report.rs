//! The report pages of a built site: their figures are those `diglot check --format json`
//! reports for the same site, on the sample site (with a translation deleted) and on the
//! corpus; every entry links to a page and to its line in a source view that exists.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use common::*;

/// Runs diglot in `dir`; it must finish with findings at most (exit 0 or 1).
fn run<S: AsRef<std::ffi::OsStr>>(dir: &Path, args: &[S]) -> std::process::Output {
    let out = diglot().current_dir(dir).args(args).output().expect("run");
    assert!(
        out.status.code().is_some_and(|c| c <= 1),
        "{}",
        stderr(&out)
    );
    out
}

/// `check --format json` on a site, as (diagnostics, summary).
fn check_parts(root: &Path, extra: &[&str]) -> (Vec<serde_json::Value>, serde_json::Value) {
    let json = check_json(root, extra);
    let diagnostics = json["diagnostics"].as_array().expect("array").clone();
    (diagnostics, json["summary"].clone())
}

fn figure(row: &scraper::ElementRef<'_>, name: &str) -> usize {
    let sel = scraper::Selector::parse(&format!("[data-figure=\"{name}\"]")).expect("css");
    row.select(&sel)
        .next()
        .unwrap_or_else(|| panic!("no figure {name}"))
        .text()
        .collect::<String>()
        .trim()
        .parse()
        .expect("a number")
}

/// The locale whose report lists a diagnostic: its path's locale folder, else the source.
fn owner<'a>(path: &str, locales: &[&'a str]) -> &'a str {
    let first = path.split('/').next().unwrap_or("");
    locales
        .iter()
        .find(|l| **l == first)
        .copied()
        .unwrap_or(locales[0])
}

/// Compares every figure of the report pages under `public` with the JSON of `check`.
/// `locales` lists the source locale first.
fn assert_report_matches(
    public: &Path,
    locales: &[&str],
    diagnostics: &[serde_json::Value],
    summary: &serde_json::Value,
) {
    let by = |d: &serde_json::Value, key: &str| d[key].as_str().expect(key).to_string();
    for locale in locales {
        let page = parse(&read(public.join(locale).join("report/index.html")));
        // The site's totals, on every locale's page.
        let total = select(&page, "tr[data-total]");
        for key in ["files", "errors", "warnings", "infos"] {
            assert_eq!(
                figure(&total[0], key) as u64,
                summary[key].as_u64().expect(key),
                "{locale}: total {key}"
            );
        }
        // Each locale's row: its own files' findings.
        for row in select(&page, "table.overview tbody tr") {
            let l = row.value().attr("data-locale").expect("locale");
            for (key, severity) in [
                ("errors", "error"),
                ("warnings", "warning"),
                ("infos", "info"),
            ] {
                let expected = diagnostics
                    .iter()
                    .filter(|d| {
                        owner(&by(d, "path"), locales) == l && by(d, "severity") == severity
                    })
                    .count();
                assert_eq!(figure(&row, key), expected, "{locale} page, {l} {key}");
            }
        }
        // This locale's findings by rule.
        let mut expected: BTreeMap<String, usize> = BTreeMap::new();
        for d in diagnostics
            .iter()
            .filter(|d| owner(&by(d, "path"), locales) == *locale)
        {
            *expected.entry(by(d, "code")).or_default() += 1;
        }
        let shown: BTreeMap<String, usize> = select(&page, "details.rule")
            .iter()
            .map(|r| {
                let v = r.value();
                (
                    v.attr("data-rule").expect("rule").to_string(),
                    v.attr("data-count").expect("count").parse().expect("n"),
                )
            })
            .collect();
        assert_eq!(shown, expected, "{locale}: by rule");
        // Each rule lists its first 200 findings and counts the rest.
        let listed = scraper::Selector::parse("li:not(.more)").expect("css");
        let more = scraper::Selector::parse("li.more").expect("css");
        for rule in select(&page, "details.rule") {
            let count: usize = rule
                .value()
                .attr("data-count")
                .expect("n")
                .parse()
                .expect("n");
            assert_eq!(rule.select(&listed).count(), count.min(200), "{locale}");
            let rest: Vec<String> = rule.select(&more).map(|m| m.text().collect()).collect();
            match count.checked_sub(200).filter(|r| *r > 0) {
                Some(r) => assert!(rest[0].starts_with(&format!("+{r} ")), "{rest:?}"),
                None => assert!(rest.is_empty(), "{rest:?}"),
            }
        }
        // Coverage: stale is TR001 in the locale, missing is TR002 naming it.
        for row in select(&page, "table.figures tr[id^=coverage-]") {
            let l = row.value().attr("data-locale").expect("locale");
            let tr001 = diagnostics
                .iter()
                .filter(|d| by(d, "code") == "TR001" && owner(&by(d, "path"), locales) == l)
                .count();
            let tr002 = diagnostics
                .iter()
                .filter(|d| {
                    by(d, "code") == "TR002"
                        && by(d, "message")
                            .split(':')
                            .next()
                            .is_some_and(|m| m.split([' ', ',']).any(|w| w == l))
                })
                .count();
            assert_eq!(figure(&row, "stale"), tr001, "{locale} page, {l} stale");
            assert_eq!(figure(&row, "missing"), tr002, "{locale} page, {l} missing");
            assert_eq!(
                figure(&row, "translated") + figure(&row, "missing"),
                figure(&row, "sources")
            );
            assert_eq!(
                figure(&row, "up-to-date") + figure(&row, "stale"),
                figure(&row, "translated")
            );
        }
    }
}

/// Every entry's source link resolves to a source view holding the line it names.
fn assert_entry_links_resolve(report: &Path) {
    let page = parse(&read(report.join("index.html")));
    let mut checked = 0;
    for a in select(&page, "a.location") {
        let href = a.value().attr("href").expect("href");
        let (file, line) = href.split_once('#').expect("a line fragment");
        let decoded = percent_decode(file);
        let html = read(report.join(&decoded));
        assert!(html.contains(&format!("id=\"{line}\"")), "{href}");
        let location = a.text().collect::<String>();
        assert!(
            location.ends_with(&format!(":{}", &line[1..])),
            "{location} vs {href}"
        );
        checked += 1;
    }
    for a in select(&page, "a.page") {
        let href = a.value().attr("href").expect("href");
        let target = report.join(percent_decode(href)).join("index.html");
        assert!(target.is_file(), "{href}");
    }
    assert!(checked > 0, "no entries at {}", report.display());
}

fn percent_decode(s: &str) -> String {
    percent_encoding::percent_decode_str(s)
        .decode_utf8()
        .expect("utf-8")
        .into_owned()
}

#[test]
fn sample_report_matches_the_check_and_links_every_entry() {
    let site = copy_site(&sample_site_dir());
    let root = site.path();
    std::fs::remove_file(root.join("content/fr-fr/commerce/working-with-solution-providers.md"))
        .expect("delete a translation");
    let out = build(root, &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let (diagnostics, summary) = check_parts(root, &[]);
    let public = root.join("public");
    assert_report_matches(&public, &["en-us", "fr-fr"], &diagnostics, &summary);

    let fr = parse(&read(public.join("fr-fr/report/index.html")));
    let row = &select(&fr, "tr#coverage-fr-fr")[0];
    assert_eq!(figure(row, "sources"), 2);
    assert_eq!(figure(row, "missing"), 1);
    assert_eq!(
        figure(row, "stale"),
        1,
        "manage-partners' English is not the original"
    );
    assert_eq!(figure(row, "machine"), 1);
    // Charts: coverage, translation type, findings per locale, by rule, by file.
    assert_eq!(select(&fr, "figure.chart svg").len(), 5);
    assert!(!select(&fr, "svg.chart rect.seg-missing").is_empty());
    // The missing translation links to its fallback page, which says so.
    let missing = select(&fr, "details.missing a.page");
    let href = missing[0].value().attr("href").expect("href");
    let fallback = read(public.join("fr-fr/report").join(href).join("index.html"));
    assert!(fallback.contains("notice fallback"));
    assert_entry_links_resolve(&public.join("fr-fr/report"));
    assert_entry_links_resolve(&public.join("en-us/report"));

    // A source view shows the finding under its line.
    let view = read(public.join("fr-fr/report/source/fr-fr/commerce/manage-partners.md.html"));
    let line = view
        .find("<tr id=\"L44\" class=\"flagged\">")
        .expect("line 44 flagged");
    let finding = view[line..].find("PT003").expect("PT003 under it");
    assert!(finding < view[line..].find("<tr><td>45<td>").expect("line 45"));
    // The findings are in English on a French page: said so, for screen readers.
    let view = parse(&view);
    let rows = select(&view, "tr.finding");
    assert!(!rows.is_empty() && rows.iter().all(|r| r.value().attr("lang") == Some("en")));
    let langs = attrs(&fr, ".message", "lang");
    assert!(langs.contains(&"en".to_string()), "{langs:?}");
    // A missing translation's entry is its English source's title, in its language.
    assert_eq!(attrs(&fr, "details.missing .message", "lang"), ["en-US"]);
    insta::assert_snapshot!(
        "sample_fr_report_main",
        main_of(&read(public.join("fr-fr/report/index.html")))
    );
    // For writers: reader pages do not link it unless `link_report = true` (see
    // tests/reader_pages.rs).
    assert!(!read(public.join("fr-fr/index.html")).contains("href=\"report/\""));
}

#[test]
fn corpus_report_matches_the_check() {
    let corpus = corpus_dir();
    let tmp = tempfile::tempdir().expect("tmp");
    let public = tmp.path().join("site");
    let content = corpus.to_string_lossy().into_owned();
    let out_dir = public.to_string_lossy().into_owned();
    run(
        tmp.path(),
        &["build", "--content", &content, "--out", &out_dir],
    );
    let (diagnostics, summary) = check_parts(tmp.path(), &["--content", &content]);
    assert!(diagnostics.len() > 500, "the corpus has many findings");
    assert_report_matches(&public, &["en-us", "fr-fr"], &diagnostics, &summary);
    let fr = parse(&read(public.join("fr-fr/report/index.html")));
    let stale: Vec<String> = select(&fr, "details.stale a.location")
        .iter()
        .map(|a| a.text().collect())
        .collect();
    assert_eq!(stale.len(), 1);
    assert!(stale[0].starts_with("fr-fr/SecurityCompliance/whats-new.md:"));
    assert_entry_links_resolve(&public.join("fr-fr/report"));
}

#[test]
fn no_report_without_checks() {
    let site = copy_site(&sample_site_dir());
    let root = site.path();
    let out = build(root, &["--no-check"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!root.join("public/fr-fr/report").exists());
    assert!(!read(root.join("public/fr-fr/index.html")).contains("href=\"report/\""));
}

#[test]
fn a_site_without_translations_reports_findings_only() {
    let site = tempfile::tempdir().expect("tmp");
    let root = site.path();
    std::fs::create_dir_all(root.join("content/en-us")).expect("mkdir");
    std::fs::write(
        root.join("content/en-us/a.md"),
        "---\ntitle: A\n---\n# A\n\n[x](missing.md)\n",
    )
    .expect("write");
    let out = build(root, &[]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let page = parse(&read(root.join("public/en-us/report/index.html")));
    assert!(select(&page, "section.coverage").is_empty());
    assert_eq!(
        attrs(&page, "details.rule", "data-rule"),
        ["FM003", "LK001"]
    );
    assert_entry_links_resolve(&root.join("public/en-us/report"));
}
