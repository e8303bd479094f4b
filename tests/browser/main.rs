//! What a reader's browser shows: headless Chromium loads built pages of the sample site
//! from a loopback server. The English of an sxs page is hidden until the mouse is over a
//! sentence or the keyboard focuses it (with or without JavaScript); the view switch shows
//! both columns side by side and is remembered; a missing translation shows the English
//! article with a notice. Screenshots go to `target/screenshots/` for a person to look at.
//!
//! Needs Chromium (`.ci/run` installs Debian's `chromium`; `DIGLOT_CHROMIUM` names another).
//! Without one the tests say so and pass, except under CI (`CI` set), where they fail.

mod accessibility;
mod cdp;
#[path = "../common/mod.rs"]
mod common;
mod reader;
mod server;

use std::path::PathBuf;

use cdp::Browser;
use common::*;

const SXS_PAGE: &str = "fr-fr/commerce/working-with-solution-providers/";
/// A sentence of the sxs article's body (not a heading).
const SENTENCE: &str = ".view-main p .sxs";

fn screenshots() -> PathBuf {
    PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .map_or_else(|| PathBuf::from("target"), |t| t.to_path_buf())
        .join("screenshots")
}

/// Chromium, or `None` (with a note) where the test may be skipped.
fn chromium() -> Option<PathBuf> {
    let found = cdp::find_chromium();
    if found.is_none() {
        assert!(
            std::env::var_os("CI").is_none(),
            "no Chromium: install Debian's `chromium` (as .ci/run does) or set DIGLOT_CHROMIUM"
        );
        eprintln!("browser tests skipped: no Chromium (install `chromium` or set DIGLOT_CHROMIUM)");
    }
    found
}

/// Builds a copy of the sample site, `prepare` having changed it; serves its output.
fn serve_sample(prepare: impl FnOnce(&std::path::Path)) -> (tempfile::TempDir, String) {
    let site = copy_site(&sample_site_dir());
    prepare(site.path());
    let out = build(site.path(), &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let port = server::serve(&site.path().join("public"));
    (site, format!("http://127.0.0.1:{port}/"))
}

/// Whether the source copy of the element at `css` (or of the focused sentence) shows, as
/// (displayed, its text).
fn source_shown(browser: &mut Browser, sentence: &str) -> (bool, String) {
    let js = format!(
        "(() => {{ const e = {sentence}; const s = e.querySelector(':scope > .sxs-s'); \
         const r = s.getBoundingClientRect(); \
         return [getComputedStyle(s).display !== 'none' && r.width > 0 && r.height > 0, s.innerText]; }})()"
    );
    let v = browser.eval(&js);
    (
        v[0].as_bool().expect("bool"),
        v[1].as_str().unwrap_or_default().trim().to_string(),
    )
}

#[test]
fn sxs_source_shows_on_hover_and_focus_and_side_by_side() {
    let Some(exe) = chromium() else { return };
    let (_site, base) = serve_sample(|_| {});
    let mut browser = Browser::launch(&exe, 1280, 900).unwrap_or_else(|e| panic!("{e}"));
    let url = format!("{base}{SXS_PAGE}");
    browser.open(&url);
    let first = format!("document.querySelector('{SENTENCE}')");

    // Hidden at first: the page reads as French.
    let (shown, english) = source_shown(&mut browser, &first);
    assert!(!shown, "the English shows before any hover");
    assert!(!english.is_empty());
    let french = browser.eval(&format!("{first}.querySelector('.sxs-t').innerText"));
    assert_ne!(french.as_str(), Some(english.as_str()));

    // The mouse over the sentence shows its English; moving away hides it again.
    let at = browser.centre_of(SENTENCE);
    browser.mouse_move(at);
    let (shown, text) = source_shown(&mut browser, &first);
    assert!(shown, "hovering shows the English");
    assert_eq!(text, english);
    browser.screenshot(&screenshots().join("sxs-hover.png"));
    browser.mouse_move((5.0, 5.0));
    assert!(
        !source_shown(&mut browser, &first).0,
        "hidden once the mouse leaves"
    );

    // The keyboard: from the top of the page (the mouse has set no starting point), Tab
    // until a sentence has the focus; its English shows.
    browser.open(&url);
    let mut presses = 0;
    while browser.eval("document.activeElement.matches('.sxs')") != serde_json::json!(true) {
        browser.tab();
        presses += 1;
        assert!(presses < 80, "Tab never reaches a sentence");
    }
    let (shown, text) = source_shown(&mut browser, "document.activeElement");
    assert!(shown, "focus shows the English");
    assert!(!text.is_empty());
    browser.screenshot(&screenshots().join("sxs-focus.png"));

    // The switch: both columns side by side, the English to the right of the French.
    let switch = ".view-switch button[data-view=\"side-by-side\"]";
    assert_eq!(
        browser.eval(&format!(
            "document.querySelector('{switch}').offsetParent !== null"
        )),
        true
    );
    let at = browser.centre_of(switch);
    browser.click(at);
    let layout = browser.eval(
        "(() => { const row = [...document.querySelectorAll('.view-sbs .sbs-row')]
              .find(r => r.querySelector('.sbs-s') && r.querySelector('.sbs-s').innerText.trim());
          const t = row.querySelector('.sbs-t').getBoundingClientRect();
          const s = row.querySelector('.sbs-s').getBoundingClientRect();
          return { mainHidden: getComputedStyle(document.querySelector('.view-main')).display === 'none',
                   sideBySide: s.left >= t.right - 1 && Math.abs(s.top - t.top) < 40 && t.width > 200 && s.width > 200,
                   sourceLang: row.querySelector('.sbs-s').lang,
                   tooltipsHidden: [...document.querySelectorAll('.view-sbs .sxs-s')]
                     .every(e => getComputedStyle(e).display === 'none'),
                   pressed: document.querySelector('.view-switch [aria-pressed=\"true\"]').dataset.view }; })()",
    );
    assert_eq!(layout["mainHidden"], true, "{layout}");
    assert_eq!(layout["sideBySide"], true, "{layout}");
    assert_eq!(layout["sourceLang"], "en-US", "{layout}");
    assert_eq!(layout["tooltipsHidden"], true, "{layout}");
    assert_eq!(layout["pressed"], "side-by-side", "{layout}");
    // Built from the page's own sentences: a row per block, the French title beside its
    // English, the first paragraph beside its own; the English column carries no ids and no
    // sentence markup.
    let rows = browser.eval(
        "(() => { const text = sel => { const e = document.querySelector(sel); return e ? e.innerText.trim() : null; };
          return { titleFr: text('.view-sbs .sbs-row:first-of-type .sbs-t h1 .sxs-t'),
                   titleEn: text('.view-sbs .sbs-row:first-of-type .sbs-s h1 span[lang=\"en-US\"]'),
                   paraFr: text('.view-sbs .sbs-row:nth-of-type(2) .sbs-t p .sxs-t'),
                   paraEn: text('.view-sbs .sbs-row:nth-of-type(2) .sbs-s p'),
                   idsInSource: document.querySelectorAll('.view-sbs .sbs-s [id]').length,
                   sxsInSource: document.querySelectorAll('.view-sbs .sbs-s .sxs').length,
                   rows: document.querySelectorAll('.view-sbs .sbs-row').length,
                   blocks: document.querySelector('.view-main').children.length }; })()",
    );
    assert_eq!(
        rows["titleFr"],
        "Utilisation des fournisseurs de solutions dans Microsoft Store pour les entreprises",
        "{rows}"
    );
    assert_eq!(
        rows["titleEn"], "Working with solution providers in Microsoft Store for Business",
        "{rows}"
    );
    let para = |k: &str| rows[k].as_str().unwrap_or_default().to_string();
    assert!(
        para("paraFr").starts_with("Vous pouvez collaborer"),
        "{rows}"
    );
    assert!(para("paraEn").starts_with("You can work with"), "{rows}");
    assert_eq!(rows["idsInSource"], 0, "{rows}");
    assert_eq!(rows["sxsInSource"], 0, "{rows}");
    assert_eq!(rows["rows"], rows["blocks"], "a row per block: {rows}");
    browser.screenshot(&screenshots().join("side-by-side.png"));

    // Remembered: the page opens side by side next time.
    browser.open(&url);
    assert_eq!(
        browser.eval("document.querySelector('article').dataset.view"),
        "side-by-side"
    );
    let at = browser.centre_of(".view-switch button[data-view=\"hover\"]");
    browser.click(at);
    assert_eq!(browser.eval("localStorage.getItem('diglot-view')"), "hover");
}

#[test]
fn hover_works_without_javascript() {
    let Some(exe) = chromium() else { return };
    let (_site, base) = serve_sample(|_| {});
    let mut browser = Browser::launch(&exe, 1280, 900).unwrap_or_else(|e| panic!("{e}"));
    browser
        .call(
            "Emulation.setScriptExecutionDisabled",
            serde_json::json!({"value": true}),
        )
        .unwrap_or_else(|e| panic!("{e}"));
    browser.open(&format!("{base}{SXS_PAGE}"));
    let first = format!("document.querySelector('{SENTENCE}')");
    // No script ran: the switch stays hidden, and the hover is pure CSS.
    assert_eq!(
        browser.eval("document.querySelector('.view-switch').hidden"),
        true
    );
    assert!(!source_shown(&mut browser, &first).0);
    let at = browser.centre_of(SENTENCE);
    browser.mouse_move(at);
    assert!(
        source_shown(&mut browser, &first).0,
        "CSS alone shows the English"
    );
    browser.screenshot(&screenshots().join("sxs-hover-no-js.png"));
}

#[test]
fn a_missing_translation_shows_the_english_with_a_notice() {
    let Some(exe) = chromium() else { return };
    let (_site, base) = serve_sample(|root| {
        std::fs::remove_file(
            root.join("content/fr-fr/commerce/working-with-solution-providers.md"),
        )
        .expect("delete the translation");
    });
    let mut browser = Browser::launch(&exe, 1280, 900).unwrap_or_else(|e| panic!("{e}"));
    browser.open(&format!("{base}{SXS_PAGE}"));
    let page = browser.eval(
        "(() => { const n = document.querySelector('aside.notice.fallback');
          const r = n.getBoundingClientRect();
          return { visible: r.width > 0 && r.height > 0 && getComputedStyle(n).display !== 'none',
                   notice: n.innerText, noticeLang: n.lang,
                   bodyLang: document.querySelector('.view-main').lang,
                   title: document.querySelector('.view-main h1').innerText,
                   pageLang: document.documentElement.lang }; })()",
    );
    assert_eq!(page["visible"], true, "{page}");
    assert!(
        page["notice"]
            .as_str()
            .unwrap_or("")
            .contains("pas encore traduit"),
        "{page}"
    );
    assert_eq!(page["pageLang"], "fr-FR");
    assert_eq!(page["bodyLang"], "en-US");
    assert!(
        page["title"]
            .as_str()
            .unwrap_or("")
            .starts_with("Working with solution providers"),
        "{page}"
    );
    browser.screenshot(&screenshots().join("fallback.png"));
}

/// A real site's TOC is too large to inline: each page loads its section's sidebar from a
/// shared script. The reader must still see the sidebar's links, the current page marked.
#[test]
fn a_large_toc_fills_the_sidebar() {
    let Some(exe) = chromium() else { return };
    let tmp = tempfile::tempdir().expect("tmp");
    let out_dir = tmp.path().join("site");
    let out = diglot()
        .current_dir(tmp.path())
        .args(["build", "--no-check", "--content"])
        .arg(corpus_dir())
        .arg("--out")
        .arg(&out_dir)
        .output()
        .expect("run diglot");
    assert!(
        out.status.code().is_some_and(|c| c <= 1),
        "{}",
        stderr(&out)
    );
    let page = "fr-fr/partner-center/manage-locations/";
    assert!(
        read(out_dir.join(page).join("index.html")).contains("static/nav/"),
        "the corpus's sidebar is loaded from a script"
    );
    let port = server::serve(&out_dir);
    let mut browser = Browser::launch(&exe, 1280, 900).unwrap_or_else(|e| panic!("{e}"));
    browser.open(&format!("http://127.0.0.1:{port}/{page}"));
    let links = cdp::wait_for(std::time::Duration::from_secs(10), || {
        let n = browser
            .eval("document.querySelectorAll('nav.toc a[href]').length")
            .as_u64()?;
        (n > 50).then_some(n)
    });
    assert!(links.is_some(), "the sidebar never filled");
    let current = browser.eval(
        "(() => { const a = document.querySelector('nav.toc a[aria-current=page]');
          return a ? a.pathname : null; })()",
    );
    assert_eq!(current, format!("/{page}"), "the current page is marked");
    let view = browser.eval(
        "(() => { const a = document.querySelector('nav.toc a[aria-current=page]').getBoundingClientRect();
          return { pageScroll: window.scrollY, entryVisible: a.top >= 0 && a.bottom <= innerHeight }; })()",
    );
    assert_eq!(
        view["pageScroll"], 0,
        "the page itself stays at its top: {view}"
    );
    assert_eq!(
        view["entryVisible"], true,
        "the sidebar shows the entry: {view}"
    );
    browser.screenshot(&screenshots().join("large-toc-sidebar.png"));
}

#[cfg(feature = "serve")]
#[test]
fn the_preview_reloads_an_edited_page_and_its_findings_panel_dismisses_by_keyboard() {
    let Some(exe) = chromium() else { return };
    let preview = common::preview::Preview::start();
    let mut browser = Browser::launch(&exe, 1280, 900).unwrap_or_else(|e| panic!("{e}"));
    let url = format!("http://{}/fr-fr/commerce/manage-partners/", preview.addr);
    browser.open(&url);
    // The findings of the page, in a panel a keyboard user can dismiss.
    let panel = "document.getElementById('diglot-findings')";
    assert_eq!(browser.eval(&format!("!!{panel} && !{panel}.hidden")), true);
    browser.eval("document.querySelector('#diglot-findings .diglot-dismiss').focus()");
    browser.enter();
    assert_eq!(
        browser.eval(&format!("{panel}.hidden")),
        true,
        "Enter dismisses it"
    );
    browser.screenshot(&screenshots().join("preview-findings-dismissed.png"));

    // A marker that a reload wipes; then an edit saved on disk.
    browser.eval("window.diglotBeforeEdit = true");
    let page = preview.path("content/fr-fr/commerce/manage-partners.md");
    let text = read(&page);
    std::fs::write(&page, format!("{text}\nUne phrase toute neuve.\n")).expect("save");
    let reloaded = cdp::wait_for(common::preview::PATIENCE, || {
        let v = browser.eval(
            "document.readyState === 'complete' && !window.diglotBeforeEdit \
             && document.body.innerText.includes('Une phrase toute neuve.')",
        );
        v.as_bool().filter(|b| *b)
    });
    assert!(reloaded.is_some(), "the page did not reload with the edit");
}
