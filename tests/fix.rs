//! `check --fix` and `--diff` on copies of the sample site, the rules fixture and the
//! corpus: the fixable
//! findings go, nothing else changes (no other line, no sxs source copy, no other
//! finding), permissions stay, and a second `--fix` changes nothing.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use common::*;
use serde_json::Value;

/// Every text file under `dir`, by relative path.
fn texts(dir: &Path) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for entry in walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
    {
        if entry.file_type().is_file()
            && let Ok(text) = std::fs::read_to_string(entry.path())
            && let Ok(rel) = entry.path().strip_prefix(dir)
        {
            out.insert(rel.to_string_lossy().replace('\\', "/"), text);
        }
    }
    out
}

/// The sxs source copies of a text, in order.
fn source_copies(text: &str) -> Vec<&str> {
    text.split("<span class=\"sxs-lookup\">")
        .skip(1)
        .filter_map(|rest| rest.split_once("</span></span>").map(|(copy, _)| copy))
        .collect()
}

/// (code, path, message) of the findings with no fix.
fn findings_without_fix(found: &[Value]) -> BTreeSet<(String, String, String)> {
    found
        .iter()
        .filter(|d| d.get("fix").is_none())
        .map(|d| {
            let field = |k: &str| d[k].as_str().unwrap_or_default().to_string();
            (field("code"), field("path"), field("message"))
        })
        .collect()
}

/// Runs the whole round on a copy of a site: `root` is where diglot runs, `args` name the
/// site, `content` is its content folder in the copy.
fn fix_round(root: &Path, args: &[&str], content: &Path) {
    let before_files = texts(content);
    let before = check_findings(root, args);
    let fixable: Vec<&Value> = before.iter().filter(|d| d.get("fix").is_some()).collect();
    assert!(!fixable.is_empty(), "the site has fixable findings");
    // Lines with a fixable finding, by file: the only lines a fix may touch.
    let mut fixable_lines: BTreeMap<String, BTreeSet<u64>> = BTreeMap::new();
    for d in &fixable {
        fixable_lines
            .entry(d["path"].as_str().unwrap_or_default().to_string())
            .or_default()
            .insert(d["line"].as_u64().unwrap_or_default());
    }

    let diff = diglot()
        .current_dir(root)
        .arg("check")
        .args(args)
        .arg("--diff")
        .output()
        .expect("run --diff");
    assert_eq!(diff.status.code(), Some(1), "fixes to show");
    assert!(String::from_utf8_lossy(&diff.stdout).contains("\n+++ b/"));
    assert_eq!(texts(content), before_files, "--diff writes nothing");

    let fixed = diglot()
        .current_dir(root)
        .arg("check")
        .args(args)
        .arg("--fix")
        .output()
        .expect("run --fix");
    assert!(
        fixed.status.code().is_some_and(|c| c <= 1),
        "{}",
        stderr(&fixed)
    );
    let after_files = texts(content);
    let mut changed = 0;
    for (path, old) in &before_files {
        let new = &after_files[path];
        if new == old {
            continue;
        }
        changed += 1;
        let allowed = fixable_lines.get(path).cloned().unwrap_or_default();
        assert_eq!(old.lines().count(), new.lines().count(), "{path}");
        for (n, (a, b)) in old.lines().zip(new.lines()).enumerate() {
            if a != b {
                assert!(
                    allowed.contains(&(n as u64 + 1)),
                    "{path}:{} changed:\n{a}\n{b}",
                    n + 1
                );
            }
        }
        assert_eq!(
            source_copies(old),
            source_copies(new),
            "{path}: a source copy changed"
        );
    }
    assert!(changed > 0);

    let after = check_findings(root, args);
    assert!(
        after.iter().all(|d| d.get("fix").is_none()),
        "every fix applied: {:?}",
        after
            .iter()
            .filter(|d| d.get("fix").is_some())
            .collect::<Vec<_>>()
    );
    // No new finding, but what a fixed English source means for its translations: their
    // sxs source copies and hand-off hash now name an older English (SX006, TR001).
    let before_set = findings_without_fix(&before);
    let changed_sources: BTreeSet<String> = before_files
        .iter()
        .filter(|(path, old)| after_files.get(*path) != Some(*old))
        .filter_map(|(path, _)| path.strip_prefix("en-us/").map(str::to_string))
        .collect();
    for new in findings_without_fix(&after).difference(&before_set) {
        let (code, path, _) = new;
        let rel = path.split_once('/').map_or("", |(_, rel)| rel);
        assert!(
            ["SX006", "TR001"].contains(&code.as_str()) && changed_sources.contains(rel),
            "a new finding: {new:?}"
        );
    }

    let again = diglot()
        .current_dir(root)
        .arg("check")
        .args(args)
        .arg("--fix")
        .output()
        .expect("run --fix again");
    assert!(
        stderr(&again).contains("0 fixes in 0 files"),
        "{}",
        stderr(&again)
    );
    assert_eq!(
        texts(content),
        after_files,
        "a second --fix changes nothing"
    );
}

#[test]
fn fixing_the_sample_site_changes_only_what_the_fixes_name() {
    let site = copy_site(&sample_site_dir());
    // Permissions survive the atomic rewrite.
    #[cfg(unix)]
    let page = site
        .path()
        .join("content/fr-fr/commerce/manage-partners.md");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&page, std::fs::Permissions::from_mode(0o640)).expect("chmod");
    }
    fix_round(site.path(), &[], &site.path().join("content"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&page).expect("stat").permissions().mode();
        assert_eq!(mode & 0o777, 0o640);
    }
    let fixed = read(
        site.path()
            .join("content/fr-fr/commerce/manage-partners.md"),
    );
    assert!(fixed.contains("| Revendeur |"), "PT003 from the model");
    assert!(fixed.contains(
        "<a rel=\"noopener noreferrer\" href=\"https://www.microsoft.com/solution-providers/home\""
    ));
}

#[test]
fn fixing_the_rules_fixture_changes_only_what_the_fixes_name() {
    let site = copy_site(&fixture_dir("rules"));
    fix_round(site.path(), &[], &site.path().join("content"));
    let links = read(site.path().join("content/en-us/links.md"));
    assert!(
        links.contains("- [fragment case](#target-section)"),
        "LK003 writes the anchor's case:\n{links}"
    );
}

#[test]
fn fixing_the_corpus_changes_only_what_the_fixes_name() {
    let tmp = tempfile::tempdir().expect("tmp");
    let content = tmp.path().join("corpus");
    copy_recursively(&corpus_dir(), &content);
    fix_round(tmp.path(), &["--content", "corpus"], &content);
}

#[test]
fn a_quiet_fix_prints_the_remaining_findings_and_nothing_else() {
    let site = copy_site(&sample_site_dir());
    let out = diglot()
        .current_dir(site.path())
        .args(["check", "--fix", "--quiet", "--format", "short"])
        .output()
        .expect("run");
    assert_eq!(stderr(&out), "", "no note on stderr");
    let shown = String::from_utf8_lossy(&out.stdout);
    assert!(!shown.is_empty() && !shown.contains("[LK011]"), "{shown}");
}
