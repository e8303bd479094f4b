//! What a built page offers its reader besides the article: notices, navigation, the
//! language switcher, search, and what search engines are told (sitemap, robots.txt,
//! canonical and alternate links). Browser behaviour is in `tests/browser`.

mod common;

use std::path::Path;

use common::*;

/// A copy of the sample site, changed by `prepare`, built; its output folder.
fn built(prepare: impl FnOnce(&Path)) -> (tempfile::TempDir, std::path::PathBuf) {
    let site = copy_site(&sample_site_dir());
    prepare(site.path());
    let out = build(site.path(), &[]);
    assert!(out.status.success(), "build failed: {}", stderr(&out));
    let public = site.path().join("public");
    (site, public)
}

fn write(path: impl AsRef<Path>, text: &str) {
    let path = path.as_ref();
    std::fs::create_dir_all(path.parent().expect("parent")).expect("folder");
    std::fs::write(path, text).expect("write");
}

fn append_to_site_toml(root: &Path, text: &str) {
    let toml = root.join("site.toml");
    let before = read(&toml);
    // Top-level keys must come before the first table.
    let (head, tables) = before.split_at(before.find("\n[").map_or(before.len(), |i| i + 1));
    std::fs::write(&toml, format!("{head}{text}\n{tables}")).expect("site.toml");
}

const ENGLISH_ONLY: &str = "---\ntitle: Only in English\ndescription: No translation yet.\n---\n# Only in English\n\nText.\n";
const NOINDEX: &str = "---\ntitle: Hidden\ndescription: Not for search engines.\nROBOTS: NOINDEX, NOFOLLOW\n---\n# Hidden\n\nText.\n";

#[test]
fn a_machine_translated_stale_page_says_so_in_french_and_links_the_original() {
    let (_site, public) = built(|_| {});
    let doc = parse(&read(
        public.join("fr-fr/commerce/manage-partners/index.html"),
    ));
    let notice: Vec<String> = select(&doc, "aside.notice.translation p")
        .iter()
        .map(|p| p.text().collect::<String>())
        .collect();
    assert_eq!(notice.len(), 3, "{notice:?}");
    assert!(notice[0].contains("traduit automatiquement"), "{notice:?}");
    assert!(
        notice[1].contains("modifié depuis cette traduction"),
        "{notice:?}"
    );
    assert_eq!(
        attrs(&doc, "aside.notice.translation a", "href"),
        ["../../../en-us/commerce/manage-partners/"]
    );
    // The English original has no such notice.
    let en = parse(&read(
        public.join("en-us/commerce/manage-partners/index.html"),
    ));
    assert!(select(&en, "aside.notice").is_empty());
}

#[test]
fn breadcrumbs_outline_and_pager_follow_the_toc_and_the_headings() {
    let (_site, public) = built(|_| {});
    let doc = parse(&read(
        public.join("fr-fr/commerce/manage-partners/index.html"),
    ));
    let crumbs: Vec<String> = select(&doc, ".breadcrumbs li")
        .iter()
        .map(|li| li.text().collect::<String>().trim().to_string())
        .collect();
    assert_eq!(
        crumbs,
        [
            "Aide sur les relations avec les partenaires",
            "Relations avec les partenaires"
        ]
    );
    // "In this article" links every h2 of the page, by its anchor.
    let outline = attrs(&doc, ".outline a", "href");
    let h2: Vec<String> = attrs(&doc, ".view-main h2", "id")
        .into_iter()
        .map(|id| format!("#{id}"))
        .collect();
    assert!(!outline.is_empty());
    assert_eq!(outline, h2);
    // Previous and next in the TOC's order: this page is the first of its sidebar.
    assert!(select(&doc, ".pager a[rel=prev]").is_empty());
    assert_eq!(
        attrs(&doc, ".pager a[rel=next]", "href"),
        ["../../commerce/working-with-solution-providers/"]
    );
    let next = parse(&read(
        public.join("fr-fr/commerce/working-with-solution-providers/index.html"),
    ));
    assert_eq!(
        attrs(&next, ".pager a[rel=prev]", "href"),
        ["../../commerce/manage-partners/"]
    );
}

#[test]
fn a_page_without_a_source_keeps_its_language_switcher() {
    let (_site, public) = built(|root| {
        write(
            root.join("content/fr-fr/commerce/seulement-en-francais.md"),
            "---\ntitle: Seulement en français\ndescription: Aucune source.\n---\n# Seulement en français\n\nTexte.\n",
        );
    });
    let doc = parse(&read(
        public.join("fr-fr/commerce/seulement-en-francais/index.html"),
    ));
    let current: Vec<String> = select(&doc, ".languages [aria-current]")
        .iter()
        .map(|e| e.text().collect())
        .collect();
    assert_eq!(current, ["Français"]);
    // English has no such page: the switcher leads to the English home, and no
    // alternate claims one.
    assert_eq!(attrs(&doc, ".languages a", "href"), ["../../../en-us/"]);
    assert_eq!(attrs(&doc, "link[rel=alternate]", "hreflang"), ["fr-FR"]);
}

#[test]
fn the_report_is_built_for_writers_but_linked_for_readers_only_when_asked() {
    let (_site, public) = built(|_| {});
    assert!(public.join("fr-fr/report/index.html").is_file());
    let home = parse(&read(public.join("fr-fr/index.html")));
    assert!(
        attrs(&home, "a", "href")
            .iter()
            .all(|h| !h.contains("report")),
        "the home page links the report"
    );
    let (_site, public) = built(|root| append_to_site_toml(root, "link_report = true"));
    let home = parse(&read(public.join("fr-fr/index.html")));
    assert_eq!(attrs(&home, ".report-link a", "href"), ["report/"]);
}

#[test]
fn search_engines_get_absolute_alternates_and_no_fallback_or_noindex_page() {
    let (_site, public) = built(|root| {
        append_to_site_toml(root, "base_url = \"https://help.example.com/docs/\"");
        write(
            root.join("content/en-us/commerce/only-in-english.md"),
            ENGLISH_ONLY,
        );
        write(root.join("content/en-us/commerce/hidden.md"), NOINDEX);
    });
    let page = parse(&read(
        public.join("en-us/commerce/manage-partners/index.html"),
    ));
    assert_eq!(
        attrs(&page, "link[rel=alternate]", "href"),
        [
            "https://help.example.com/docs/en-us/commerce/manage-partners/",
            "https://help.example.com/docs/fr-fr/commerce/manage-partners/"
        ]
    );
    assert_eq!(
        attrs(&page, "link[rel=canonical]", "href"),
        ["https://help.example.com/docs/en-us/commerce/manage-partners/"]
    );
    // A fallback is the English article again: no French alternate, the English canonical.
    let fallback = parse(&read(
        public.join("fr-fr/commerce/only-in-english/index.html"),
    ));
    assert_eq!(
        attrs(&fallback, "link[rel=alternate]", "hreflang"),
        ["en-US"]
    );
    assert_eq!(
        attrs(&fallback, "link[rel=canonical]", "href"),
        ["https://help.example.com/docs/en-us/commerce/only-in-english/"]
    );
    let hidden = parse(&read(public.join("en-us/commerce/hidden/index.html")));
    assert_eq!(attrs(&hidden, "meta[name=robots]", "content"), ["noindex"]);

    let sitemap = read(public.join("sitemap.xml"));
    assert!(sitemap.contains("https://help.example.com/docs/fr-fr/commerce/manage-partners/"));
    assert!(sitemap.contains("https://help.example.com/docs/en-us/commerce/only-in-english/"));
    assert!(
        !sitemap.contains("fr-fr/commerce/only-in-english/"),
        "a fallback listed as a translation: {sitemap}"
    );
    assert!(!sitemap.contains("commerce/hidden/"), "{sitemap}");

    let robots = read(public.join("robots.txt"));
    assert!(robots.contains("Disallow: /docs/fr-fr/report/"), "{robots}");
    assert!(
        robots.contains("Sitemap: https://help.example.com/docs/sitemap.xml"),
        "{robots}"
    );
}

#[test]
fn the_404_page_speaks_every_language_of_the_site() {
    let (_site, public) = built(|_| {});
    let doc = parse(&read(public.join("404.html")));
    let langs = attrs(&doc, ".not-found section", "lang");
    assert_eq!(langs, ["en-US", "fr-FR"]);
    let text: String = select(&doc, ".not-found section[lang=fr-FR]")
        .iter()
        .flat_map(|s| s.text())
        .collect();
    assert!(text.contains("Cette page n’existe pas."), "{text}");
}

#[test]
fn french_labels_put_a_no_break_space_before_the_colon() {
    let (_site, public) = built(|_| {});
    let view = read(public.join("fr-fr/report/source/fr-fr/commerce/manage-partners.md.html"));
    assert!(
        view.contains("Problèmes détectés\u{a0}: "),
        "no space before the colon"
    );
    let report = read(public.join("fr-fr/report/index.html"));
    assert!(report.contains("Avertissements\u{a0}: 19"));
}

#[test]
fn every_page_has_a_search_box_and_the_site_an_index_per_language() {
    let (_site, public) = built(|_| {});
    for (locale, language) in [("fr-fr", "fr"), ("en-us", "en")] {
        let meta: serde_json::Value =
            serde_json::from_str(&read(public.join(format!("search/{locale}/meta.json"))))
                .expect("json");
        assert_eq!(meta["language"], language, "{meta}");
        assert_eq!(meta["pages"], 2, "{meta}");
    }
    // The English copies inside the sxs page's sentences are no French words.
    // The `cu` shard: French has none, or one without the English word.
    let shard =
        std::fs::read_to_string(public.join("search/fr-fr/w/6375.json")).unwrap_or_default();
    assert!(!shard.contains("\"customers\""), "{shard}");
    let shard = read(public.join("search/en-us/w/6375.json"));
    assert!(shard.contains("\"customers\""), "{shard}");
    let page = parse(&read(
        public.join("fr-fr/commerce/manage-partners/index.html"),
    ));
    assert_eq!(attrs(&page, ".search", "data-root"), ["../../../"]);

    let (_site, public) = built(|root| append_to_site_toml(root, "search = false"));
    assert!(!public.join("search").exists());
    let page = parse(&read(
        public.join("fr-fr/commerce/manage-partners/index.html"),
    ));
    assert!(select(&page, ".search").is_empty());
}

#[test]
fn a_content_folder_site_takes_its_title_from_the_command_line() {
    let tmp = tempfile::tempdir().expect("tmp");
    let content = tmp.path().join("docs");
    copy_recursively(&sample_site_dir().join("content"), &content);
    let out = diglot()
        .current_dir(tmp.path())
        .args([
            "build",
            "--no-check",
            "--title",
            "Partner Center help",
            "--content",
        ])
        .arg(&content)
        .arg("--out")
        .arg(tmp.path().join("site"))
        .output()
        .expect("run diglot");
    assert!(out.status.success(), "{}", stderr(&out));
    let page = parse(&read(
        tmp.path()
            .join("site/en-us/commerce/manage-partners/index.html"),
    ));
    let brand: Vec<String> = select(&page, ".brand")
        .iter()
        .map(|e| e.text().collect())
        .collect();
    assert_eq!(brand, ["Partner Center help"]);
}

#[test]
fn every_page_has_a_favicon_and_an_article_its_date() {
    let (_site, public) = built(|root| {
        write(
            root.join("content/en-us/commerce/dated.md"),
            "---\ntitle: Dated\ndescription: Has a date.\nms.date: 08/17/2020\n---\n# Dated\n\nText.\n",
        );
    });
    for page in [
        "index.html",
        "fr-fr/index.html",
        "fr-fr/commerce/manage-partners/index.html",
    ] {
        let doc = parse(&read(public.join(page)));
        let icon = attrs(&doc, "link[rel=icon]", "href");
        assert_eq!(icon.len(), 1, "{page}");
        let rel = icon[0].trim_start_matches("../");
        assert!(public.join(rel).is_file(), "{page}: no file at {rel}");
    }
    // `ms.date` (month first, as DocFX writes it) shown as an ISO date.
    let doc = parse(&read(public.join("en-us/commerce/dated/index.html")));
    assert_eq!(attrs(&doc, ".page-date time", "datetime"), ["2020-08-17"]);
}

/// `[locales.<code>.strings]` words the interface where diglot has no table for the
/// language (or words it otherwise): every page of the locale, and its 404 message.
#[test]
fn site_toml_gives_the_interface_its_words() {
    let (_site, public) = built(|root| {
        let toml = root.join("site.toml");
        let text = read(&toml)
            + "\n[locales.fr-fr.strings]\nskip = \"Passer au texte\"\n\
               search_placeholder = \"Chercher dans l’aide\"\nfallback_title = \"Introuvable\"\n\
               note = \"À noter\"\n";
        std::fs::write(&toml, text).expect("site.toml");
        let fr = root.join("content/fr-fr/commerce/manage-partners.md");
        std::fs::write(
            &fr,
            read(&fr) + "\n> [!NOTE]\n> Une remarque.\n\n> [!TIP]\n> Un conseil.\n",
        )
        .expect("article");
    });
    let page = read(public.join("fr-fr/commerce/manage-partners/index.html"));
    let doc = parse(&page);
    let skip: Vec<String> = select(&doc, "a.skip")
        .iter()
        .map(|a| a.text().collect())
        .collect();
    assert_eq!(skip, ["Passer au texte"]);
    assert_eq!(
        attrs(&doc, "#search-input", "placeholder"),
        ["Chercher dans l’aide"]
    );
    let titles: Vec<String> = select(&doc, ".view-main .alert-title")
        .iter()
        .map(|p| p.text().collect())
        .collect();
    assert_eq!(titles, ["À noter", "Conseil"]);
    // What is not given keeps the built-in French.
    assert!(!page.contains("Aller au contenu"));
    assert_eq!(attrs(&doc, "nav.toc", "aria-label"), ["Sommaire"]);
    assert!(read(public.join("404.html")).contains("Introuvable"));
    // English pages keep theirs.
    let en = read(public.join("en-us/commerce/manage-partners/index.html"));
    assert!(
        en.contains(">Skip to content<"),
        "{}",
        &en[..en.len().min(2000)]
    );
}

#[test]
fn an_unknown_interface_string_is_refused_with_its_line_and_the_closest_key() {
    let site = copy_site(&sample_site_dir());
    let toml = site.path().join("site.toml");
    let text =
        read(&toml) + "\n[locales.fr-fr.strings]\nskip = \"Passer\"\nserach = \"Chercher\"\n";
    let line = text
        .lines()
        .position(|l| l.starts_with("serach"))
        .expect("written")
        + 1;
    std::fs::write(&toml, text).expect("site.toml");
    for command in ["build", "check"] {
        let out = diglot()
            .current_dir(site.path())
            .arg(command)
            .output()
            .expect("run");
        assert_eq!(out.status.code(), Some(2), "{command}");
        let said = stderr(&out);
        assert!(
            said.contains(&format!(
                "site.toml: line {line}: [locales.fr-fr.strings]: `serach` is no interface string; did you mean `search`?"
            )),
            "{command}: {said}"
        );
    }
    assert!(!site.path().join("public").exists(), "nothing built");
}
