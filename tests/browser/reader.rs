//! What a reader of the built sample site does: search, walk an sxs page by keyboard,
//! read a table side by side, open the menu on a phone.

use super::*;

/// Results of a search typed into the box of `url`, once they show: (href, excerpt) each.
fn search(browser: &mut Browser, url: &str, query: &str) -> Vec<(String, String)> {
    browser.open(url);
    let at = browser.centre_of("#search-input");
    browser.click(at);
    browser.type_text(query);
    let shown = cdp::wait_for(std::time::Duration::from_secs(15), || {
        let v = browser.eval(
            "(() => { const r = document.getElementById('search-results');
               return r && !r.hidden ? [...r.querySelectorAll('li')].map(li =>
                 [li.querySelector('a').getAttribute('href'), li.querySelector('p').innerText])
                 .concat(r.querySelector('ul') ? [] : [['', 'none']]) : null; })()",
        );
        v.as_array().cloned()
    })
    .unwrap_or_else(|| panic!("no results shown for {query:?}"));
    assert_eq!(
        browser.eval("document.getElementById('search-input').value"),
        query,
        "the box holds the query alone"
    );
    shown
        .iter()
        .filter_map(|pair| {
            let href = pair[0].as_str()?.to_string();
            (!href.is_empty()).then(|| (href, pair[1].as_str().unwrap_or("").to_string()))
        })
        .collect()
}

#[test]
fn a_search_without_accents_finds_the_french_page_and_not_its_english_copies() {
    let Some(exe) = chromium() else { return };
    let (_site, base) = serve_sample(|_| {});
    let mut browser = Browser::launch(&exe, 1280, 900).unwrap_or_else(|e| panic!("{e}"));
    let url = format!("{base}fr-fr/commerce/manage-partners/");
    let found = search(&mut browser, &url, "parametres");
    assert!(
        found.iter().any(|(href, excerpt)| href
            .contains("/fr-fr/commerce/working-with-solution-providers/")
            && excerpt.contains("paramètres")),
        "{found:?}"
    );
    browser.screenshot(&screenshots().join("search-fr.png"));
    // The result leads to the page.
    let at = browser.centre_of("#search-results a");
    browser.click(at);
    let landed = cdp::wait_for(std::time::Duration::from_secs(10), || {
        let v = browser.eval("location.pathname");
        v.as_str()
            .filter(|p| p.ends_with("/working-with-solution-providers/"))
            .map(str::to_string)
    });
    assert!(landed.is_some(), "the result is no link to the page");

    // "customers" is only in the English copies of the sxs page's sentences: the English
    // site finds it, the French one does not.
    let found = search(&mut browser, &format!("{base}en-us/"), "customers");
    assert!(
        found.iter().any(|(href, excerpt)| href.contains("/en-us/")
            && excerpt.to_lowercase().contains("customers")),
        "{found:?}"
    );
    let found = search(&mut browser, &url, "customers");
    assert!(
        found.is_empty(),
        "English copies were indexed as French: {found:?}"
    );
}

/// Which sentence of the body has the focus (its index among them), and whether its
/// English shows.
fn focused_sentence(browser: &mut Browser) -> (i64, bool, String) {
    let v = browser.eval(
        "(() => { const all = [...document.querySelectorAll('.view-main .sxs')];
           const i = all.indexOf(document.activeElement);
           const s = i >= 0 ? all[i].querySelector(':scope > .sxs-s') : null;
           const r = s ? s.getBoundingClientRect() : null;
           return [i, !!s && getComputedStyle(s).display !== 'none' && r.width > 0,
                   s ? s.innerText.trim() : '']; })()",
    );
    (
        v[0].as_i64().unwrap_or(-1),
        v[1].as_bool().unwrap_or(false),
        v[2].as_str().unwrap_or("").to_string(),
    )
}

#[test]
fn the_keyboard_reaches_the_english_of_the_third_sentence_in_a_few_presses() {
    let Some(exe) = chromium() else { return };
    let (_site, base) = serve_sample(|_| {});
    let mut browser = Browser::launch(&exe, 1280, 900).unwrap_or_else(|e| panic!("{e}"));
    browser.open(&format!("{base}{SXS_PAGE}"));
    // One tab stop into the text, whatever its length.
    let stops = browser.eval("document.querySelectorAll('.view-main .sxs[tabindex=\"0\"]').length");
    assert_eq!(stops, 1, "every sentence is a tab stop");

    // Tab to the skip link, Enter to the text, Tab to its first sentence, two arrows on.
    let mut presses = 0;
    for key in ["Tab", "Enter", "Tab", "ArrowRight", "ArrowRight"] {
        browser.key(key);
        presses += 1;
    }
    let (index, shown, english) = focused_sentence(&mut browser);
    assert_eq!(
        index, 2,
        "the third sentence has the focus after {presses} presses"
    );
    assert!(shown, "its English shows");
    let expected = browser.eval(
        "document.querySelectorAll('.view-main .sxs')[2].querySelector(':scope > .sxs-s').textContent.trim()",
    );
    assert_eq!(Some(english.as_str()), expected.as_str());
    browser.screenshot(&screenshots().join("sxs-keyboard.png"));

    // Escape hides the English; the arrows go back; the roving stop follows the focus.
    browser.key("Escape");
    assert!(
        !focused_sentence(&mut browser).1,
        "Escape hides the English"
    );
    browser.key("ArrowLeft");
    let (index, shown, _) = focused_sentence(&mut browser);
    assert_eq!((index, shown), (1, true));
    let stop = browser
        .eval("[...document.querySelectorAll('.view-main .sxs')].findIndex(s => s.tabIndex === 0)");
    assert_eq!(stop, 1, "the tab stop is the sentence last focused");
}

#[test]
fn side_by_side_tables_line_up_row_by_row_under_labelled_columns() {
    let Some(exe) = chromium() else { return };
    let (_site, base) = serve_sample(|_| {});
    let mut browser = Browser::launch(&exe, 1280, 900).unwrap_or_else(|e| panic!("{e}"));
    browser.open(&format!("{base}{SXS_PAGE}"));
    let at = browser.centre_of(".view-switch button[data-view=\"side-by-side\"]");
    browser.click(at);
    let v = browser.eval(
        "(() => { const row = [...document.querySelectorAll('.view-sbs .sbs-row')]
             .find(r => r.querySelector('.sbs-t table') && r.querySelector('.sbs-s table'));
           const a = [...row.querySelector('.sbs-t table').rows];
           const b = [...row.querySelector('.sbs-s table').rows];
           const drift = a.map((r, i) => Math.abs(r.getBoundingClientRect().top - b[i].getBoundingClientRect().top));
           const head = document.querySelector('.view-sbs .sbs-head');
           const hint = document.querySelector('.bilingual-hint');
           const sbs = document.querySelector('.view-sbs').getBoundingClientRect();
           const main = document.querySelector('main').getBoundingClientRect();
           return { rows: a.length, sameRows: a.length === b.length, drift: Math.max(...drift),
                    labels: head ? [...head.children].map(c => c.innerText.trim()) : [],
                    hintShown: !!hint && getComputedStyle(hint).display !== 'none',
                    emptyRight: main.right - sbs.right }; })()",
    );
    assert!(v["rows"].as_u64().unwrap_or(0) > 2, "{v}");
    assert_eq!(v["sameRows"], true, "{v}");
    assert!(
        v["drift"].as_f64().unwrap_or(99.0) <= 2.0,
        "rows drift apart: {v}"
    );
    assert_eq!(
        v["labels"],
        serde_json::json!(["Français", "English"]),
        "{v}"
    );
    assert_eq!(
        v["hintShown"], false,
        "the hover hint shows side by side: {v}"
    );
    assert!(
        v["emptyRight"].as_f64().unwrap_or(999.0) < 40.0,
        "the view leaves the right of the page empty: {v}"
    );
    browser.screenshot(&screenshots().join("side-by-side-table.png"));
}

#[test]
fn on_a_phone_the_menu_opens_and_nothing_is_wider_than_the_screen() {
    let Some(exe) = chromium() else { return };
    let (_site, base) = serve_sample(|_| {});
    let mut browser = Browser::launch(&exe, 390, 844).unwrap_or_else(|e| panic!("{e}"));
    for page in [
        SXS_PAGE,
        "fr-fr/commerce/manage-partners/",
        "fr-fr/lifecycle/",
        "fr-fr/report/",
        "en-us/",
    ] {
        browser.open(&format!("{base}{page}"));
        let wide = browser.eval(
            "(() => { const w = document.documentElement.clientWidth;
               return [...document.querySelectorAll('body *')].filter(e => {
                 const r = e.getBoundingClientRect();
                 if (r.width === 0 || r.right <= w + 1) return false;
                 // Inside a box that scrolls sideways is fine: the page itself does not.
                 for (let p = e.parentElement; p; p = p.parentElement) {
                   const o = getComputedStyle(p).overflowX;
                   if ((o === 'auto' || o === 'scroll' || o === 'hidden') && p.getBoundingClientRect().right <= w + 1) return false;
                 }
                 return true; }).map(e => e.tagName + '.' + e.className).slice(0, 5); })()",
        );
        let shot = format!("phone-{}.png", page.trim_end_matches('/').replace('/', "-"));
        browser.screenshot(&screenshots().join(shot));
        assert_eq!(wide, serde_json::json!([]), "wider than 390 px on {page}");
        assert_eq!(
            browser.eval(
                "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
            ),
            true,
            "{page} scrolls sideways"
        );
    }
    // The lifecycle diagram keeps a size that can be read: it scrolls rather than shrinks.
    browser.open(&format!("{base}fr-fr/lifecycle/"));
    let width =
        browser.eval("document.querySelector('svg.lifecycle').getBoundingClientRect().width");
    assert!(
        width.as_f64().unwrap_or(0.0) >= 1000.0,
        "the diagram shrinks to {width} px"
    );
    browser.open(&format!("{base}{SXS_PAGE}"));
    let toc_shown = "getComputedStyle(document.getElementById('site-toc')).display !== 'none'";
    assert_eq!(
        browser.eval(toc_shown),
        false,
        "the sidebar waits behind the menu"
    );
    let at = browser.centre_of(".menu-button");
    browser.click(at);
    assert_eq!(browser.eval(toc_shown), true, "the menu opens the sidebar");
    assert_eq!(
        browser.eval("document.querySelector('.menu-button').getAttribute('aria-expanded')"),
        "true"
    );
    let top = browser.eval("document.getElementById('site-toc').getBoundingClientRect().top");
    assert!(
        top.as_f64().unwrap_or(9999.0) < 844.0,
        "the open sidebar is in view: {top}"
    );
    browser.screenshot(&screenshots().join("phone-menu-open.png"));
    browser.key("Escape");
    assert_eq!(browser.eval(toc_shown), false, "Escape closes it");
}

#[test]
fn opened_from_the_disk_the_site_links_to_pages_not_folder_listings() {
    let Some(exe) = chromium() else { return };
    let site = copy_site(&sample_site_dir());
    let out = build(site.path(), &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let index = site.path().join("public/index.html");
    let mut browser = Browser::launch(&exe, 1280, 900).unwrap_or_else(|e| panic!("{e}"));
    browser.open(&format!("file://{}", index.display()));
    // The language choice, then the French home, then its first article, by their links.
    for (link, lands_on) in [
        (".choices a[hreflang=\"fr-FR\"]", "/fr-fr/index.html"),
        (
            "main a[href*=\"manage-partners\"]",
            "/fr-fr/commerce/manage-partners/index.html",
        ),
        (
            ".pager a[rel=next]",
            "/fr-fr/commerce/working-with-solution-providers/index.html",
        ),
    ] {
        let href = browser.eval(&format!(
            "document.querySelector('{}').href",
            link.replace('\'', "\\'")
        ));
        let href = href.as_str().unwrap_or_default().to_string();
        assert!(href.ends_with(lands_on), "{link} leads to {href}");
        browser.open(&href);
        let title = browser.eval("document.title");
        assert!(
            !title.as_str().unwrap_or("").starts_with("Index of"),
            "a folder listing at {href}"
        );
    }
    // Search needs a server: from the disk the box stays hidden.
    assert_eq!(
        browser.eval("document.querySelector('.search').hidden"),
        true
    );
}

#[test]
fn the_language_switcher_keeps_the_section_and_the_outline_marks_the_one_being_read() {
    let Some(exe) = chromium() else { return };
    let (_site, base) = serve_sample(|_| {});
    let mut browser = Browser::launch(&exe, 1280, 900).unwrap_or_else(|e| panic!("{e}"));
    browser.open(&format!(
        "{base}fr-fr/commerce/manage-partners/#find-a-partner"
    ));
    // The section in view is the one marked in "In this article".
    let marked = cdp::wait_for(std::time::Duration::from_secs(5), || {
        let v = browser.eval(
            "(() => { const a = document.querySelector('.outline a[aria-current]');
               return a ? a.getAttribute('href') : null; })()",
        );
        v.as_str().map(str::to_string)
    });
    assert_eq!(marked.as_deref(), Some("#find-a-partner"));
    browser.eval(
        "document.getElementById('delete-a-partner-relationship').scrollIntoView({block: 'start'})",
    );
    let moved = cdp::wait_for(std::time::Duration::from_secs(5), || {
        let v = browser.eval(
            "(() => { const a = document.querySelector('.outline a[aria-current]');
               return a && a.getAttribute('href') === '#delete-a-partner-relationship' ? true : null; })()",
        );
        v.as_bool()
    });
    assert!(moved.is_some(), "the outline does not follow the reading");

    // English, at the same section.
    browser.eval("location.hash = '#find-a-partner'");
    let at = browser.centre_of(".languages a[hreflang=\"en-US\"]");
    browser.click(at);
    let landed = cdp::wait_for(std::time::Duration::from_secs(10), || {
        let v = browser.eval("location.pathname + location.hash");
        v.as_str()
            .filter(|p| p.starts_with("/en-us/"))
            .map(str::to_string)
    });
    assert_eq!(
        landed.as_deref(),
        Some("/en-us/commerce/manage-partners/#find-a-partner")
    );
}

/// An Arabic page (`dir="rtl"`) is laid out right to left: the sidebar's nesting, the
/// outline's rule, a note's and a quote's bar are on the right, the pager's "next" on the
/// left, table cells start on the right, and nothing pushes the page wider than the window
/// (the skip link hides off the start side).
#[test]
fn a_right_to_left_page_mirrors_its_layout() {
    let Some(exe) = chromium() else { return };
    let site = tempfile::tempdir().expect("temp dir");
    let root = site.path();
    let article = |title: &str, body: &str| {
        format!("---\ntitle: {title}\ndescription: {title}.\n---\n# {title}\n\n{body}")
    };
    let long = "> [!NOTE]\n> ملاحظة.\n\n## البحث\n\n> اقتباس.\n\n\
                | الاسم | الدور |\n|---|---|\n| أ | ب |\n\n### التفاصيل\n\nنص.\n\n## الدعوة\n\nنص.\n";
    let toc = "- name: Partners\n  items:\n    - name: A\n      href: a.md\n    - name: B\n      href: b.md\n";
    let en_a = article(
        "A",
        "> [!NOTE]\n> Note.\n\n## Find\n\n> Quote.\n\n| Name | Role |\n|---|---|\n| a | b |\n\n### Details\n\nText.\n\n## Invite\n\nText.\n",
    );
    let (ar_a, en_b, ar_b) = (
        article("أ", long),
        article("B", "Text.\n"),
        article("ب", "نص.\n"),
    );
    write_files(
        root,
        &[
            (
                "site.toml",
                "title = \"Help\"\ntarget_locales = [\"ar-sa\"]\n",
            ),
            ("content/en-us/TOC.yml", toc),
            ("content/ar-sa/TOC.yml", toc),
            ("content/en-us/a.md", &en_a),
            ("content/ar-sa/a.md", &ar_a),
            ("content/en-us/b.md", &en_b),
            ("content/ar-sa/b.md", &ar_b),
        ],
    );
    let out = build(root, &[]);
    assert!(
        out.status.code().is_some_and(|c| c <= 1),
        "{}",
        stderr(&out)
    );
    let port = server::serve(&root.join("public"));
    let base = format!("http://127.0.0.1:{port}/");
    let mut browser = Browser::launch(&exe, 1280, 900).unwrap_or_else(|e| panic!("{e}"));
    browser.open(&format!("{base}ar-sa/a/"));
    let page = browser.eval(
        "(() => {
          const css = (q) => getComputedStyle(document.querySelector(q));
          const bar = (q) => [parseFloat(css(q).borderLeftWidth), parseFloat(css(q).borderRightWidth)];
          const next = document.querySelector('.pager .next');
          return {
            dir: document.documentElement.dir,
            outline: bar('.outline'),
            alert: bar('.alert'),
            quote: bar('blockquote:not(.alert)'),
            nested: [parseFloat(css('.outline .level-3').paddingLeft), parseFloat(css('.outline .level-3').paddingRight)],
            cell: css('.view-main td').textAlign,
            nextOnLeft: next ? next.getBoundingClientRect().left < 640 : null,
            wider: document.documentElement.scrollWidth > document.documentElement.clientWidth,
          }; })()",
    );
    assert_eq!(page["dir"], "rtl", "{page}");
    let pair = |k: &str| -> (f64, f64) {
        (
            page[k][0].as_f64().unwrap_or(-1.0),
            page[k][1].as_f64().unwrap_or(-1.0),
        )
    };
    for k in ["outline", "alert", "quote", "nested"] {
        let (left, right) = pair(k);
        assert!(left == 0.0 && right > 0.0, "{k} on the right: {page}");
    }
    assert!(
        matches!(page["cell"].as_str(), Some("start" | "right")),
        "{page}"
    );
    if !page["nextOnLeft"].is_null() {
        assert_eq!(page["nextOnLeft"], true, "{page}");
    }
    assert_eq!(page["wider"], false, "{page}");
    browser.screenshot(&screenshots().join("right-to-left.png"));
}
