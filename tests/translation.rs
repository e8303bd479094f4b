//! sxs segments and translation status: SX001–SX006, TR001–TR004 and AN002 on a fixture
//! site, and the corpus's real defects at their lines.

mod common;

use std::path::Path;

use common::*;
use serde_json::Value;

fn find<'d>(diags: &'d [Value], code: &str, path: &str, line: u64) -> Option<&'d Value> {
    diags
        .iter()
        .find(|d| d["code"] == code && d["path"] == path && d["line"] == line)
}

fn count(diags: &[Value], code: &str) -> usize {
    diags.iter().filter(|d| d["code"] == code).count()
}

#[test]
fn sxs_and_translation_defects_of_a_fixture_site() {
    let site = copy_site(&fixture_dir("sxs"));
    let diags = check_findings(site.path(), &["--content", "content"]);
    let guide = "fr-fr/guide.md";
    let at = |code: &str, line: u64| {
        find(&diags, code, guide, line)
            .unwrap_or_else(|| panic!("no {code} at {guide}:{line}: {diags:#?}"))
    };
    // Line 7: the bold label is lost.
    assert!(
        at("SX004", 7)["message"]
            .as_str()
            .unwrap_or("")
            .contains("0 bold (source: 1)")
    );
    // Line 9: the MIME type is translated; the number only changed its separators.
    let sx005: Vec<_> = diags.iter().filter(|d| d["code"] == "SX005").collect();
    assert_eq!(sx005.len(), 1, "{sx005:#?}");
    assert!(
        at("SX005", 9)["message"]
            .as_str()
            .unwrap_or("")
            .contains("`application/zip`")
    );
    // Line 11: not translated.
    at("SX003", 11);
    // Line 13: a text unit without its source copy.
    at("SX001", 13);
    // Line 15: an id used twice, and a source sentence the English no longer has.
    assert_eq!(at("SX002", 15)["related"][0]["line"], 11);
    assert!(
        at("SX006", 15)["message"]
            .as_str()
            .unwrap_or("")
            .contains("Read the old help.")
    );
    // Line 17: the heading's anchor is not the source heading's.
    assert!(
        at("AN002", 17)["help"]
            .as_str()
            .unwrap_or("")
            .contains("<a name=\"next-steps\">")
    );
    // A translation without a source, and a source without a translation.
    find(&diags, "TR003", "fr-fr/orphan.md", 1).expect("TR003");
    find(&diags, "TR002", "en-us/settings.md", 1).expect("TR002");
    // The English side is clean of translation findings.
    assert!(
        !diags.iter().any(|d| d["path"] == "en-us/guide.md"),
        "{diags:#?}"
    );
}

#[test]
fn a_changed_source_makes_its_translation_stale() {
    let site = copy_site(&sample_site_dir());
    let root = site.path();
    let en = root.join("content/en-us/commerce/manage-partners.md");
    let fr = root.join("content/fr-fr/commerce/manage-partners.md");
    // Record today's hash as the hand-off hash: the translation is fresh.
    let hash = diglot::check::rules::handoff_hash(&read(&en));
    let text = read(&fr).replace(
        "ms.openlocfilehash: 43965e6a245384043fb7607a37d8a831f4e0d752",
        &format!("ms.openlocfilehash: {hash}"),
    );
    std::fs::write(&fr, text).expect("write");
    let diags = check_findings(root, &[]);
    assert!(
        find(&diags, "TR001", "fr-fr/commerce/manage-partners.md", 19).is_none(),
        "{diags:#?}"
    );
    // Then the English changes by one byte.
    let english = read(&en).replace("Find a partner\n", "Find a partner.\n");
    std::fs::write(&en, english).expect("write");
    let diags = check_findings(root, &[]);
    let stale = find(&diags, "TR001", "fr-fr/commerce/manage-partners.md", 19).expect("TR001");
    assert!(stale["message"].as_str().unwrap_or("").contains(&hash));
}

#[test]
fn corpus_translation_status_and_sxs_defects() {
    let corpus = corpus_dir();
    let content = corpus.to_string_lossy().into_owned();
    let diags = check_findings(
        Path::new(env!("CARGO_MANIFEST_DIR")),
        &["--content", &content],
    );

    // TR001: exactly one stale translation, whose English is newer.
    let stale: Vec<_> = diags.iter().filter(|d| d["code"] == "TR001").collect();
    assert_eq!(stale.len(), 1, "{stale:#?}");
    assert_eq!(stale[0]["path"], "fr-fr/SecurityCompliance/whats-new.md");

    // SX005: the MIME types and extensions machine translation altered.
    let filetypes = "fr-fr/SecurityCompliance/compliance20/supported-filetypes-ediscovery20.md";
    let zip = diags
        .iter()
        .filter(|d| d["code"] == "SX005" && d["path"] == filetypes && d["line"] == 35)
        .map(|d| d["message"].as_str().unwrap_or("").to_string())
        .collect::<Vec<_>>();
    assert!(
        zip.iter()
            .any(|m| m.contains("`application/zip`") && m.contains("application/code postal")),
        "{zip:#?}"
    );
    assert!(zip.iter().any(|m| m.contains("`.zip`")), "{zip:#?}");
    for (line, literal) in [
        (33, "`application/x-rar-compressed`"),
        (34, "`application/x-tar`"),
        (34, "`.tar`"),
    ] {
        assert!(
            diags.iter().any(|d| d["code"] == "SX005"
                && d["path"] == filetypes
                && d["line"] == line
                && d["message"].as_str().unwrap_or("").contains(literal)),
            "{literal} at {line}"
        );
    }

    // SX006: the source copy the English no longer has.
    let permissions = "fr-fr/SecurityCompliance/permissions-microsoft-365-compliance-security.md";
    let gone = find(&diags, "SX006", permissions, 167).expect("SX006 at :167");
    assert!(
        gone["message"]
            .as_str()
            .unwrap_or("")
            .contains("Content is coming soon.")
    );

    // AN002: only in the include whose English moved on.
    let drift: Vec<_> = diags
        .iter()
        .filter(|d| d["code"] == "AN002")
        .map(|d| d["path"].as_str().unwrap_or("").to_string())
        .collect();
    assert!(!drift.is_empty());
    assert!(
        drift.iter().all(|p| p == "fr-fr/SecurityCompliance/includes/securitycompliance-content-updates.md"),
        "{drift:#?}"
    );
    // Segments pair correctly everywhere.
    assert_eq!(count(&diags, "SX001"), 0);
}
