//! Bilingual views of built pages: the side-by-side view of a plain translation (paired with
//! its source by section anchors) and of an sxs article, the view switch, the default view
//! from front matter, and the fallback page of a missing translation.

mod common;

use common::*;

/// The side-by-side view: the inert `<template>` the page script instantiates on demand.
fn sbs_view(html: &str) -> scraper::Html {
    let start = html
        .find("<template class=\"sbs-template\">")
        .expect("a side-by-side template")
        + "<template class=\"sbs-template\">".len();
    let end = html[start..].find("</template>").expect("closed") + start;
    scraper::Html::parse_fragment(&html[start..end])
}

fn texts(doc: &scraper::Html, css: &str) -> Vec<String> {
    select(doc, css)
        .iter()
        .map(|e| {
            let text = e.text().collect::<String>();
            // Headings end with their permalink `#`.
            let text = text.trim().trim_end_matches('#');
            text.split_whitespace().collect::<Vec<_>>().join(" ")
        })
        .collect()
}

fn child_tags(e: scraper::ElementRef<'_>) -> Vec<String> {
    e.children()
        .filter_map(scraper::ElementRef::wrap)
        .map(|c| c.value().name().to_string())
        .collect()
}

#[test]
fn a_plain_translation_offers_its_source_side_by_side() {
    let site = copy_site(&sample_site_dir());
    let root = site.path();
    let out = build(root, &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let html = read(root.join("public/fr-fr/commerce/manage-partners/index.html"));
    let page = parse(&html);
    // The switch, hidden until the script shows it; the translation view first (hover).
    assert_eq!(
        attrs(&page, ".view-switch[hidden] button", "data-view"),
        ["hover", "side-by-side"]
    );
    assert_eq!(attrs(&page, "article", "data-view"), ["hover"]);
    assert_eq!(select(&page, ".view-main").len(), 1);
    let doc = sbs_view(&html);
    // Section by section, the French beside the English with the same anchor.
    let sections = select(&doc, ".sbs-section");
    assert_eq!(
        sections.len(),
        7,
        "title, intro sections and six h2 sections"
    );
    let find = texts(
        &doc,
        ".sbs-section:nth-of-type(3) .sbs-row:first-child .sbs-t h2",
    );
    let source = texts(
        &doc,
        ".sbs-section:nth-of-type(3) .sbs-row:first-child .sbs-s h2",
    );
    assert_eq!(find, ["Rechercher un partenaire"]);
    assert_eq!(source, ["Find a partner"]);
    // Inside a section of the same shape, block by block: one block a side, of one kind.
    let rows = select(&doc, ".sbs-section:nth-of-type(3) .sbs-row");
    assert!(rows.len() > 2, "{} rows", rows.len());
    for row in &rows {
        let sides: Vec<_> = row
            .children()
            .filter_map(scraper::ElementRef::wrap)
            .collect();
        let (t, s) = (child_tags(sides[0]), child_tags(sides[1]));
        assert_eq!(t.len(), 1, "{t:?}");
        assert_eq!(t, s);
    }
    assert_eq!(
        attrs(&doc, ".sbs-s", "lang")
            .iter()
            .filter(|l| *l == "en-US")
            .count(),
        select(&doc, ".sbs-row").len()
    );
    // The source column carries no ids, so the page keeps each id once.
    assert!(select(&doc, ".sbs-s [id]").is_empty());
}

#[test]
fn an_sxs_article_shows_its_source_copies_side_by_side_by_default_when_asked() {
    let site = copy_site(&sample_site_dir());
    let root = site.path();
    let fr = root.join("content/fr-fr/commerce/working-with-solution-providers.md");
    let text = read(&fr).replacen("---\n", "---\nbilingual_type: side by side\n", 1);
    std::fs::write(&fr, text).expect("write");
    let out = build(root, &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let html = read(root.join("public/fr-fr/commerce/working-with-solution-providers/index.html"));
    let page = parse(&html);
    assert_eq!(attrs(&page, "article", "data-view"), ["side-by-side"]);
    // The page carries its text once: the side-by-side view is built in the browser from the
    // sentences' own source copies (the browser test `sxs_source_shows_on_hover_and_focus_and_side_by_side`
    // checks what it shows), so there is a switch but no second copy in a template.
    assert_eq!(attrs(&page, "article", "data-sbs"), ["sxs"]);
    assert_eq!(select(&page, ".view-switch button[data-view]").len(), 2);
    assert!(
        !html.contains("sbs-template"),
        "no template copy of the text"
    );
    assert!(!select(&page, ".view-main .sxs .sxs-s[lang=\"en-US\"]").is_empty());
    // No raw pipeline markup in either view.
    assert!(!html.contains("data-ttu-id") && !html.contains("sxs-lookup"));
}

#[test]
fn a_missing_translation_falls_back_to_the_source_with_a_notice() {
    let site = copy_site(&sample_site_dir());
    let root = site.path();
    std::fs::remove_file(root.join("content/fr-fr/commerce/manage-partners.md")).expect("rm");
    let out = build(root, &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let doc = parse(&read(
        root.join("public/fr-fr/commerce/manage-partners/index.html"),
    ));
    assert_eq!(select(&doc, "aside.notice.fallback").len(), 1);
    assert_eq!(
        texts(&doc, ".view-main h2#find-a-partner"),
        ["Find a partner"]
    );
    assert!(
        select(&doc, ".view-switch").is_empty(),
        "a fallback has no translation to compare"
    );
}

/// The English copies carry the source locale's language, whatever it is: a screen reader
/// reads `lang="en-GB"` text with a British voice, and `en-US` would be a lie on this site.
#[test]
fn source_copies_carry_the_source_locales_language() {
    let site = tempfile::tempdir().expect("temp dir");
    let root = site.path();
    let files = [
        (
            "site.toml",
            "title = \"Help\"\nsource_locale = \"en-gb\"\ntarget_locales = [\"fr-fr\"]\n",
        ),
        ("content/en-gb/plain.md", "# Colour\n\nPick a colour.\n"),
        (
            "content/fr-fr/plain.md",
            "# Couleur\n\nChoisissez une couleur.\n",
        ),
        ("content/en-gb/sxs.md", "# Centre\n\nThe centre.\n"),
        (
            "content/fr-fr/sxs.md",
            "# <span data-ttu-id=\"a-1\">Centre</span><span class=\"sxs-lookup\">\
             <span data-stu-id=\"a-1\">Centre</span></span>\n\n\
             <span data-ttu-id=\"a-2\">Le centre.</span><span class=\"sxs-lookup\">\
             <span data-stu-id=\"a-2\">The centre.</span></span>\n",
        ),
    ];
    write_files(root, &files);
    let out = build(root, &[]);
    assert!(
        out.status.code().is_some_and(|c| c <= 1),
        "{}",
        stderr(&out)
    );

    let sxs = parse(&read(root.join("public/fr-fr/sxs/index.html")));
    assert_eq!(attrs(&sxs, ".sxs-s", "lang"), ["en-GB", "en-GB"]);
    // What the page script builds the side-by-side view from.
    assert_eq!(attrs(&sxs, ".view-main", "data-source-lang"), ["en-GB"]);

    let plain = read(root.join("public/fr-fr/plain/index.html"));
    let langs = attrs(&sbs_view(&plain), ".sbs-s", "lang");
    assert!(
        !langs.is_empty() && langs.iter().all(|l| l == "en-GB"),
        "{langs:?}"
    );
    for html in [&plain, &read(root.join("public/fr-fr/sxs/index.html"))] {
        assert!(!html.contains("en-US"), "no language but the site's");
    }
}
