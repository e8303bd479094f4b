//! Fixture sites: French heading slugs, link rewriting, DocFX extensions, broken files.

mod common;

use common::*;

#[test]
fn french_heading_ids() {
    let site = copy_site(&fixture_dir("headings"));
    let out = build(site.path(), &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let html = read(site.path().join("public/fr-fr/headings/index.html"));
    let ids = attrs(&parse(&html), "main h1, main h2", "id");
    assert_eq!(
        ids,
        [
            "explicit-anchor",                                    // <a name> wins
            "gérer-les-relations-avec-les-partenaires",           // accents kept, lower-cased
            "que-peut-faire-un-partenaire-pour-mon-organisation", // U+00A0 and ? dropped
            "revendeur--administrateur-délégué",                  // & dropped, both spaces kept
            "laccord-dentreprise-et-laccord-client",              // ’ and ' dropped
            "notes",
            "notes-1",   // duplicate
            "notes-1-1", // "Notes 1" collides with it
            "étape-2--vérifier-létat",
            "code-et-gras-html", // code and bold text count
            "attr-id",           // {#id}
            "section",           // empty slug
            "second-explicit",   // <a id>
        ]
    );
    insta::assert_snapshot!("headings_fr_main", main_of(&html));
}

#[test]
fn links_are_rewritten_to_pretty_urls() {
    let site = copy_site(&fixture_dir("links"));
    // No site.toml here: zero-config from the content folder.
    let out = build(site.path(), &["--content", "content", "--out", "out"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let html = read(site.path().join("out/en-us/guide/start/index.html"));
    let doc = parse(&html);
    let hrefs = attrs(&doc, "main .body ul a", "href");
    assert_eq!(
        hrefs,
        [
            "../../guide/other/#set-up",
            "../../guide/other/",
            "../../",
            "#start-here",
            "https://example.com/a?b=c#d",
            "/partner-center/overview",
            "../../guide/other/#set-up",
            "../../guide/other/#set-up", // raw HTML <a href> too
        ]
    );
    // Inside the inlined include, resolved from the include's own folder.
    assert_eq!(
        attrs(&doc, "main .include a", "href"),
        ["../../guide/other/#set-up"]
    );
    assert_eq!(
        attrs(&doc, "main img", "src"),
        ["../../guide/images/pic.png", "../../guide/images/pic.png"]
    );
    assert!(
        site.path().join("out/en-us/guide/images/pic.png").is_file(),
        "assets are copied"
    );
    insta::assert_snapshot!("links_en_start_main", main_of(&html));
}

#[test]
fn missing_translation_falls_back_to_the_source_with_a_notice() {
    let site = copy_site(&fixture_dir("links"));
    let out = build(site.path(), &["--content", "content", "--out", "out"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let html = read(site.path().join("out/fr-fr/guide/other/index.html"));
    let doc = parse(&html);
    assert_eq!(select(&doc, "main .notice.fallback").len(), 1);
    assert_eq!(
        attrs(&doc, "main .body", "lang"),
        ["en-US"],
        "the English body is marked as English"
    );
    assert!(html.contains("Back to"), "the source text is shown");
    // Links in the fallback stay in the French tree.
    assert_eq!(
        attrs(&doc, "main .body a[href*='start']", "href"),
        ["../../guide/start/"]
    );
    // The image of the source locale is copied for the French fallback too.
    assert!(site.path().join("out/fr-fr/guide/images/pic.png").is_file());
    // The translated page is not a fallback.
    let fr = parse(&read(site.path().join("out/fr-fr/guide/start/index.html")));
    assert!(select(&fr, "main .notice.fallback").is_empty());
}

#[test]
fn docfx_extensions_render() {
    let site = copy_site(&fixture_dir("docfx"));
    let out = build(site.path(), &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("fr-fr/extensions.md:27:1: warning[MD003]: unknown directive `:::code`"),
        "{err}"
    );
    let html = read(site.path().join("public/fr-fr/extensions/index.html"));
    let doc = parse(&html);
    assert_eq!(
        attrs(&doc, "main .alert", "class"),
        ["alert alert-note", "alert alert-warning", "alert alert-tip"]
    );
    assert_eq!(
        select(&doc, "main .alert-title")[0]
            .text()
            .collect::<String>(),
        "Remarque"
    );
    assert_eq!(select(&doc, "main .video iframe").len(), 1);
    assert_eq!(attrs(&doc, "main figure.image img", "alt"), ["Un schéma."]);
    assert_eq!(select(&doc, "main .directive-moniker p").len(), 1);
    assert_eq!(
        select(&doc, "main .directive-row p").len(),
        1,
        "text inside :::row::: stays text"
    );
    assert_eq!(
        select(&doc, "main .unknown-directive").len(),
        1,
        "unknown directives are shown, not dropped"
    );
    insta::assert_snapshot!("docfx_fr_main", main_of(&html));
}

#[test]
fn broken_files_are_reported_with_positions_and_do_not_stop_the_build() {
    let site = copy_site(&fixture_dir("broken"));
    let content = site.path().join("content/en-us");
    // Bytes that are not UTF-8 in the middle of line 3, and a UTF-16 file with a BOM.
    std::fs::write(
        content.join("latin1.md"),
        b"---\ntitle: Caf\xe9\ndescription: x\n---\n# Latin-1\n",
    )
    .expect("write");
    let mut utf16 = vec![0xFF, 0xFE];
    for u in "---\r\ntitle: Été\r\ndescription: UTF-16\r\n---\r\n# Été en UTF-16\r\n".encode_utf16()
    {
        utf16.extend(u.to_le_bytes());
    }
    std::fs::write(content.join("utf16.md"), utf16).expect("write");

    let out = build(site.path(), &[]);
    assert_eq!(out.status.code(), Some(1), "errors exit 1");
    let err = stderr(&out);
    let lines: Vec<&str> = err.lines().filter(|l| !l.starts_with("built ")).collect();
    insta::assert_snapshot!("broken_diagnostics", lines.join("\n"));
    assert!(err.contains("en-us/bad-yaml.md:5:9: error[FM002]"), "{err}");
    assert!(
        err.contains("en-us/duplicate.md:4:1: warning[FM007]"),
        "{err}"
    );
    assert!(
        err.contains("en-us/latin1.md:2:11: warning[IO002]"),
        "{err}"
    );
    // Every page is still built, the broken ones included.
    for page in [
        "good",
        "bad-yaml",
        "unclosed",
        "duplicate",
        "no-front-matter",
        "latin1",
        "utf16",
    ] {
        assert!(
            site.path()
                .join(format!("public/en-us/{page}/index.html"))
                .is_file(),
            "{page} was not built"
        );
    }
    let utf16_page = read(site.path().join("public/en-us/utf16/index.html"));
    assert!(utf16_page.contains("Été en UTF-16"));
    let bad = read(site.path().join("public/en-us/bad-yaml/index.html"));
    assert!(bad.contains("The body still renders."));
}
