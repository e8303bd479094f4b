//! `build --shard i/n` and `diglot merge --out DIR PART…`: three parts of a site, built
//! apart and merged, are the site an unsharded build writes, byte for byte; and a merge
//! that cannot be right (a part missing, twice, of another split, from another site,
//! damaged) writes nothing.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use common::*;

/// Every file under `dir` with its bytes.
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    listing(dir)
        .into_keys()
        .map(|rel| {
            let bytes = std::fs::read(dir.join(&rel)).expect("read");
            (rel, bytes)
        })
        .collect()
}

/// Builds the site at `root` (with `args`) whole into `tmp/whole` and as three parts
/// `tmp/part-i`; returns the parts' folders.
fn whole_and_parts(root: &Path, args: &[&str], tmp: &Path) -> Vec<PathBuf> {
    let whole = build(
        root,
        &[
            args,
            &["--out"],
            &[tmp.join("whole").to_str().expect("utf-8")],
        ]
        .concat(),
    );
    assert!(
        whole.status.code().is_some_and(|c| c <= 1),
        "{}",
        stderr(&whole)
    );
    (1..=3)
        .map(|i| {
            let dir = tmp.join(format!("part-{i}"));
            let shard = format!("{i}/3");
            let out = build(
                root,
                &[
                    args,
                    &["--shard", &shard, "--out", dir.to_str().expect("utf-8")],
                ]
                .concat(),
            );
            assert!(
                out.status.code().is_some_and(|c| c <= 1),
                "{}",
                stderr(&out)
            );
            dir
        })
        .collect()
}

fn merge(root: &Path, args: &[&str], out: &Path, parts: &[PathBuf]) -> std::process::Output {
    diglot()
        .current_dir(root)
        .arg("merge")
        .args(args)
        .arg("--out")
        .arg(out)
        .args(parts)
        .output()
        .expect("run merge")
}

/// The three parts of the site merged are the whole site; each part alone is not.
/// `site`: where the site is (for the builds and the merge); `options`: the builds' own;
/// `before_merge` runs between the builds and the merge.
fn assert_parts_merge_to_whole(
    root: &Path,
    site: &[&str],
    options: &[&str],
    before_merge: &dyn Fn(),
) {
    let tmp = tempfile::tempdir().expect("tmp");
    let parts = whole_and_parts(root, &[site, options].concat(), tmp.path());
    let whole = files(&tmp.path().join("whole"));
    let pages = |f: &BTreeMap<String, Vec<u8>>| {
        f.keys()
            .filter(|p| p.ends_with("/index.html") && !p.contains("/report/"))
            .count()
    };
    // What is under a locale's `report/`, by how many parts hold it.
    let mut reported: BTreeMap<String, usize> = BTreeMap::new();
    for part in &parts {
        let part = files(part);
        assert!(part.contains_key(".diglot-part.json"));
        assert!(pages(&part) < pages(&whole), "a part holds some pages only");
        assert!(
            !part.keys().any(|p| p.starts_with("search/")),
            "the search index is the merge's"
        );
        for held in part.keys().filter(|p| p.contains("/report/")) {
            *reported.entry(held.clone()).or_default() += 1;
        }
    }
    // Each file's source view is written by its own part, once; the report pages by none
    // (an article published there is its own part's page).
    assert!(reported.values().all(|n| *n == 1), "{reported:?}");
    let views = |keys: &mut dyn Iterator<Item = &String>| -> Vec<String> {
        keys.filter(|p| p.contains("/report/source/"))
            .cloned()
            .collect()
    };
    assert_eq!(
        views(&mut whole.keys()),
        views(&mut reported.keys()),
        "the parts write every source view"
    );
    assert!(
        !reported.keys().any(|p| p.ends_with("/report/index.html"))
            || !whole.keys().any(|p| p.contains("/report/source/")),
        "the report pages are the merge's"
    );
    before_merge();
    let merged_dir = tmp.path().join("merged");
    let out = merge(root, site, &merged_dir, &parts);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let merged = files(&merged_dir);
    assert_eq!(
        merged.keys().collect::<Vec<_>>(),
        whole.keys().collect::<Vec<_>>(),
        "the same files"
    );
    for (path, bytes) in &whole {
        assert!(
            merged[path] == *bytes,
            "{path} differs from the unsharded build's"
        );
    }
    assert!(stderr(&out).contains("merged 3 parts"), "{}", stderr(&out));
}

#[test]
fn three_parts_of_the_corpus_merged_are_the_unsharded_build() {
    let corpus = corpus_dir();
    assert_parts_merge_to_whole(
        Path::new(env!("CARGO_MANIFEST_DIR")),
        &["--content", corpus.to_str().expect("utf-8")],
        &[],
        &|| {},
    );
}

#[test]
fn three_parts_of_the_sample_site_merged_are_the_unsharded_build() {
    assert_parts_merge_to_whole(&sample_site_dir(), &[], &[], &|| {});
    // Without the checks, the site has no report: neither has the merge.
    assert_parts_merge_to_whole(&sample_site_dir(), &[], &["--no-check"], &|| {});
}

#[test]
fn three_parts_of_a_site_with_fallbacks_and_render_findings_merged_are_the_unsharded_build() {
    // Fallback pages, findings of every kind, and two articles at one URL (RN002, found
    // while rendering).
    let site = copy_site(&fixture_dir("rules"));
    let content = site.path().join("content/en-us");
    std::fs::write(
        content.join("twice.md"),
        "---\ntitle: Twice\n---\n# Twice\n",
    )
    .expect("write");
    std::fs::create_dir_all(content.join("twice")).expect("mkdir");
    std::fs::write(
        content.join("twice/index.md"),
        "---\ntitle: Again\n---\n# Again\n",
    )
    .expect("write");
    let found = build(site.path(), &["--format", "short", "--out", "public"]);
    assert!(String::from_utf8_lossy(&found.stdout).contains("[RN002]"));
    // The merge reads the parts, not the site's files: with every Markdown and YAML file
    // gone, it still writes the whole site, report included.
    let forget = || {
        for entry in walkdir::WalkDir::new(site.path().join("content")) {
            let path = entry.expect("walk").into_path();
            let name = path.to_string_lossy();
            if name.ends_with(".md") || name.ends_with(".yml") {
                std::fs::remove_file(&path).expect("remove");
            }
        }
    };
    assert_parts_merge_to_whole(site.path(), &[], &[], &forget);
}

#[test]
fn a_site_with_an_article_where_the_report_goes_merges_to_the_unsharded_build() {
    // The writer's page at `report/` is built, and no report pages or source views are.
    let site = copy_site(&sample_site_dir());
    std::fs::write(
        site.path().join("content/en-us/report.md"),
        "---\ntitle: Our report\n---\n# Our report\n",
    )
    .expect("write");
    assert_parts_merge_to_whole(site.path(), &[], &[], &|| {});
    let tmp = tempfile::tempdir().expect("tmp");
    let whole = tmp.path().join("whole");
    build(site.path(), &["--out", whole.to_str().expect("utf-8")]);
    assert!(read(whole.join("en-us/report/index.html")).contains("Our report"));
    assert!(!whole.join("en-us/report/source").exists());
}

#[test]
fn a_merge_that_cannot_be_right_writes_nothing() {
    let site = copy_site(&sample_site_dir());
    let tmp = tempfile::tempdir().expect("tmp");
    let parts = whole_and_parts(site.path(), &[], tmp.path());
    let out = tmp.path().join("merged");
    let refused = |parts: &[PathBuf], says: &str| {
        let run = merge(site.path(), &[], &out, parts);
        assert_eq!(run.status.code(), Some(2), "{}", stderr(&run));
        assert!(stderr(&run).contains(says), "{says}: {}", stderr(&run));
        assert!(!out.exists(), "nothing written");
    };
    refused(&parts[..2], "shards 3/3 are missing");
    refused(&[&parts[..], &parts[..1]].concat(), "is shard 1/3 again");
    refused(
        &[site.path().join("content")],
        "is it the output of `diglot build --shard i/n`?",
    );

    // A part of another split.
    let other = tmp.path().join("other");
    build(
        site.path(),
        &["--shard", "1/2", "--out", other.to_str().expect("utf-8")],
    );
    refused(
        &[parts[0].clone(), parts[1].clone(), other],
        "another split",
    );

    // A part built without the checks, the others with them.
    let unchecked = tmp.path().join("unchecked");
    build(
        site.path(),
        &[
            "--shard",
            "3/3",
            "--no-check",
            "--out",
            unchecked.to_str().expect("utf-8"),
        ],
    );
    refused(
        &[parts[0].clone(), parts[1].clone(), unchecked],
        "build every part alike",
    );

    // A page every part holds, changed in one (another site, other options).
    let home = parts[1].join("index.html");
    let original = std::fs::read(&home).expect("read");
    std::fs::write(&home, b"<html>another site</html>").expect("write");
    refused(&parts, "differ");
    std::fs::write(&home, original).expect("write");

    // A damaged part file.
    let stored = parts[2].join(".diglot-part.json");
    let text = read(&stored);
    std::fs::write(&stored, &text[..text.len() / 2]).expect("write");
    refused(&parts, "not a diglot part");
    std::fs::write(
        &stored,
        text.replace("\"diglot\":\"", "\"diglot\":\"0.0.0-"),
    )
    .expect("write");
    refused(&parts, "build every part with one diglot");
    // A part of this version but of an earlier layout (one without a format number).
    std::fs::write(&stored, text.replace("\"format\":", "\"former\":")).expect("write");
    refused(&parts, "(part format 0)");
}
