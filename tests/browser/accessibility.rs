//! axe-core, injected over the DevTools protocol, on every kind of page in both locales:
//! home, plain article, sxs article in both views, fallback, lifecycle, report, 404.
//!
//! Needs axe-core's `axe.min.js` (`.ci/run` installs it with npm into `target/axe`;
//! `DIGLOT_AXE` names another copy). Without it the test says so and passes, except under
//! CI, where it fails.

use std::path::PathBuf;

use super::*;

fn axe_script() -> Option<String> {
    let path = std::env::var_os("DIGLOT_AXE")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR"))
                .join("target/axe/node_modules/axe-core/axe.min.js")
        });
    let script = std::fs::read_to_string(&path).ok();
    if script.is_none() {
        assert!(
            std::env::var_os("CI").is_none(),
            "no axe-core at {}: `npm install --prefix target/axe axe-core@4` (as .ci/run does) or set DIGLOT_AXE",
            path.display()
        );
        eprintln!(
            "accessibility test skipped: no axe-core at {}",
            path.display()
        );
    }
    script
}

/// The violations axe finds on the page shown now: "rule (impact): first targets" each.
fn violations(browser: &mut Browser, axe: &str) -> Vec<String> {
    browser.eval(axe);
    let found = browser.eval(
        "axe.run(document, { resultTypes: ['violations'] }).then(r => r.violations.map(v =>
           v.id + ' (' + v.impact + '): ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', ')))",
    );
    found
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn axe_finds_no_violation_on_any_kind_of_page_in_either_locale() {
    let Some(exe) = chromium() else { return };
    let Some(axe) = axe_script() else { return };
    // One English article without a translation, so that the French site has a fallback.
    let (_site, base) = serve_sample(|root| {
        std::fs::write(
            root.join("content/en-us/commerce/only-in-english.md"),
            "---\ntitle: Only in English\ndescription: An article without a translation.\n---\n# Only in English\n\nThis article has no translation yet.\n",
        )
        .expect("write an English-only article");
    });
    let mut browser = Browser::launch(&exe, 1280, 900).unwrap_or_else(|e| panic!("{e}"));
    let mut failures = Vec::new();
    for locale in ["en-us", "fr-fr"] {
        for (name, page, side_by_side) in [
            ("home", format!("{locale}/"), false),
            (
                "plain article",
                format!("{locale}/commerce/manage-partners/"),
                false,
            ),
            ("sxs article", format!("{locale}/{}", &SXS_PAGE[6..]), false),
            (
                "sxs side by side",
                format!("{locale}/{}", &SXS_PAGE[6..]),
                true,
            ),
            (
                "fallback",
                format!("{locale}/commerce/only-in-english/"),
                false,
            ),
            ("lifecycle", format!("{locale}/lifecycle/"), false),
            ("report", format!("{locale}/report/"), false),
            ("404", "no-such-page/".to_string(), false),
        ] {
            browser.open(&format!("{base}{page}"));
            if side_by_side {
                let switch = ".view-switch button[data-view=\"side-by-side\"]";
                if browser.eval(&format!("!!document.querySelector('{switch}')")) == true {
                    let at = browser.centre_of(switch);
                    browser.click(at);
                }
            }
            let shot = format!("axe-{locale}-{}.png", name.replace(' ', "-"));
            browser.screenshot(&screenshots().join(shot));
            for v in violations(&mut browser, &axe) {
                failures.push(format!("{locale} {name} ({page}): {v}"));
            }
            if side_by_side {
                // Back to the translation view for the next pages (the choice is remembered).
                browser.eval("localStorage.removeItem('diglot-view')");
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
