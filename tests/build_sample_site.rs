//! The sample site (the two seeds and their English sources) builds as the issue says.

mod common;

use common::*;

fn built_sample() -> (tempfile::TempDir, std::path::PathBuf) {
    let site = copy_site(&sample_site_dir());
    let out = build(site.path(), &[]);
    assert!(out.status.success(), "build failed: {}", stderr(&out));
    let public = site.path().join("public");
    (site, public)
}

/// The seeds' SHA-1s as `../shared/seeds` has them, so that a clone without `shared/`
/// still proves the sample site holds them byte for byte.
const SEEDS: [(&str, &str, &str); 2] = [
    (
        "manage-partners.fr-fr.md",
        "manage-partners.md",
        "2cde1a56915fcc1062e86cc714023df14c292d38",
    ),
    (
        "working-with-solution-providers.fr-fr.md",
        "working-with-solution-providers.md",
        "9d39a923da48789d4e35b8bf7ac7d3187bba5860",
    ),
];

fn sha1_hex(bytes: &[u8]) -> String {
    use sha1::{Digest, Sha1};
    Sha1::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[test]
fn seeds_are_the_shared_files_byte_for_byte() {
    let shared = sample_site_dir().join("../shared/seeds");
    for (seed, page, sha1) in SEEDS {
        let ours = std::fs::read(sample_site_dir().join("content/fr-fr/commerce").join(page))
            .expect("page");
        assert_eq!(sha1_hex(&ours), sha1, "{page} is not the seed {seed}");
        if let Ok(theirs) = std::fs::read(shared.join(seed)) {
            assert!(theirs == ours, "{page} differs from the seed {seed}");
        }
    }
}

#[test]
fn writes_every_page_and_the_site_pages() {
    let (_site, public) = built_sample();
    for rel in [
        "index.html",
        "404.html",
        "en-us/index.html",
        "fr-fr/index.html",
        "en-us/commerce/manage-partners/index.html",
        "en-us/commerce/working-with-solution-providers/index.html",
        "fr-fr/commerce/manage-partners/index.html",
        "fr-fr/commerce/working-with-solution-providers/index.html",
    ] {
        assert!(public.join(rel).is_file(), "missing {rel}");
    }
    let root = parse(&read(public.join("index.html")));
    let choices = attrs(&root, ".choices a", "href");
    assert_eq!(choices, ["en-us/", "fr-fr/"]);
}

#[test]
fn manage_partners_fr_has_anchors_table_and_procedures() {
    let (_site, public) = built_sample();
    let html = read(public.join("fr-fr/commerce/manage-partners/index.html"));
    let doc = parse(&html);
    let ids = attrs(&doc, "main h1, main h2", "id");
    assert_eq!(
        ids,
        [
            "manage-partner-relationships",
            "what-can-a-partner-do-for-my-organization-or-school",
            "find-a-partner",
            "review-and-accept-a-partner-relationship-and-microsoft-customer-agreement",
            "review-and-accept-a-microsoft-customer-agreement",
            "remove-partner-admin-privileges",
            "delete-a-partner-relationship",
        ]
    );
    assert_eq!(
        select(&doc, "main table tbody tr").len(),
        8,
        "8 partner types"
    );
    let lists = select(&doc, "main .view-main ol");
    let counts: Vec<usize> = lists
        .iter()
        .map(|ol| ol.children().filter(|c| c.value().is_element()).count())
        .collect();
    assert_eq!(counts, [4, 5, 5, 4, 4]);
    assert!(
        lists.iter().all(|ol| ol.value().attr("start").is_none()),
        "each procedure starts at 1"
    );
    // The `<a name>` was turned into the heading's id, not left in the heading.
    assert!(select(&doc, "main h2 a[name]").is_empty());
    assert_eq!(doc.root_element().value().attr("lang"), Some("fr-FR"));
}

#[test]
fn sxs_page_shows_french_and_hides_english_in_hover_sources() {
    let (_site, public) = built_sample();
    let html = read(public.join("fr-fr/commerce/working-with-solution-providers/index.html"));
    for raw in ["data-ttu-id", "data-stu-id", "sxs-lookup"] {
        assert!(
            !html.contains(raw),
            "raw sxs markup `{raw}` left in the page"
        );
    }
    let doc = parse(&html);
    assert_eq!(
        select(&doc, "main table tbody tr").len(),
        7,
        "7 partner types"
    );
    let sources = select(&doc, "main .sxs > .sxs-s");
    assert!(sources.len() > 50, "every segment carries its source");
    assert!(
        sources
            .iter()
            .all(|s| s.value().attr("lang") == Some("en-US"))
    );
    // Every segment can take keyboard focus, so its source shows without a mouse.
    assert!(
        select(&doc, "main .sxs")
            .iter()
            .all(|s| s.value().attr("tabindex") == Some("0"))
    );
    // Visible text is French: the heading's target text, not the English copy.
    let h1 = select(&doc, "main h1 .sxs-t")[0].text().collect::<String>();
    assert_eq!(
        h1,
        "Utilisation des fournisseurs de solutions dans Microsoft Store pour les entreprises"
    );
    // The procedure interrupted by HTML comments keeps its numbering: 1–2, then 3, then 4–5.
    let starts = attrs(&doc, "main ol[start]", "start");
    assert_eq!(starts, ["3", "4"]);
    // The stylesheet hides sources until hover or focus.
    let css_href = attrs(&doc, "link[rel=stylesheet]", "href")[0].clone();
    let css = read(
        public
            .join("fr-fr/commerce/working-with-solution-providers")
            .join(&css_href),
    );
    assert!(css.contains(".sxs-s { display: none; }"));
    assert!(css.contains(".sxs:focus > .sxs-s"));
}

#[test]
fn language_switcher_and_hreflang() {
    let (_site, public) = built_sample();
    let doc = parse(&read(
        public.join("en-us/commerce/manage-partners/index.html"),
    ));
    let langs = attrs(&doc, "link[rel=alternate]", "hreflang");
    assert_eq!(langs, ["en-US", "fr-FR"]);
    let switch = attrs(&doc, ".languages a", "href");
    assert_eq!(switch, ["../../../fr-fr/commerce/manage-partners/"]);
    assert_eq!(doc.root_element().value().attr("lang"), Some("en-US"));
}

#[test]
fn main_snapshots() {
    let (_site, public) = built_sample();
    insta::assert_snapshot!(
        "sample_fr_manage_partners",
        main_of(&read(
            public.join("fr-fr/commerce/manage-partners/index.html")
        ))
    );
    insta::assert_snapshot!(
        "sample_fr_working_with_solution_providers",
        main_of(&read(public.join(
            "fr-fr/commerce/working-with-solution-providers/index.html"
        )))
    );
    insta::assert_snapshot!(
        "sample_fr_home",
        main_of(&read(public.join("fr-fr/index.html")))
    );
}
