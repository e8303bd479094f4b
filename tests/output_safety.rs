//! The output folder: written whole or not at all, and never over somebody's files.

mod common;

use std::path::Path;

use common::*;

#[test]
fn refuses_dangerous_output_folders() {
    let site = copy_site(&fixture_dir("links"));
    let root = site.path();
    std::fs::write(root.join("site.toml"), "title = \"x\"\n").expect("site.toml");
    for (out, why) in [
        ("content", "it is the content folder"),
        (".", "it is the site root"),
        ("/", "file system root"),
        ("..", "contains the content folder"),
        ("content/en-us/public", "inside the content folder"),
    ] {
        let result = build(root, &["--out", out]);
        assert_eq!(result.status.code(), Some(2), "--out {out} must be refused");
        assert!(
            stderr(&result).contains(why),
            "--out {out}: {}",
            stderr(&result)
        );
    }
    // Nothing was written or removed.
    assert!(root.join("content/en-us/guide/start.md").is_file());
    assert!(!root.join("content/en-us/public").exists());
}

#[test]
fn refuses_a_folder_it_did_not_write_and_keeps_its_files() {
    let site = copy_site(&fixture_dir("links"));
    let root = site.path();
    let mine = root.join("my-notes");
    std::fs::create_dir(&mine).expect("mkdir");
    std::fs::write(mine.join("todo.txt"), "keep me").expect("write");
    let result = build(root, &["--content", "content", "--out", "my-notes"]);
    assert_eq!(result.status.code(), Some(2));
    assert!(
        stderr(&result).contains("was not written by diglot"),
        "{}",
        stderr(&result)
    );
    assert_eq!(read(mine.join("todo.txt")), "keep me");
}

#[test]
fn replaces_its_own_output_whole() {
    let site = copy_site(&fixture_dir("links"));
    let root = site.path();
    // The links to the removed page would fail the checks; this test is about the output.
    let args = ["--content", "content", "--out", "out", "--no-check"];
    assert!(build(root, &args).status.success());
    // A page that disappears from the content disappears from the site: no stale files.
    std::fs::remove_file(root.join("content/fr-fr/guide/start.md")).expect("rm");
    std::fs::remove_file(root.join("content/en-us/guide/start.md")).expect("rm");
    let second = build(root, &args);
    assert!(second.status.success(), "{}", stderr(&second));
    assert!(!root.join("out/en-us/guide/start/index.html").exists());
    assert!(root.join("out/en-us/guide/other/index.html").is_file());
    assert!(root.join("out/.diglot-site").is_file());
    // No temporary folder is left beside the output.
    let leftovers: Vec<_> = std::fs::read_dir(root)
        .expect("read_dir")
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().contains(".diglot-new-"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn a_failed_build_leaves_the_previous_site_untouched() {
    let site = copy_site(&fixture_dir("links"));
    let root = site.path();
    let args = ["--content", "content", "--out", "out"];
    assert!(build(root, &args).status.success());
    let before = read(root.join("out/en-us/guide/start/index.html"));
    // A template that does not parse stops the build before anything is swapped in.
    std::fs::create_dir(root.join("templates")).expect("mkdir");
    std::fs::write(root.join("templates/page.html"), "{% if %}broken").expect("write");
    let failed = build(root, &args);
    assert_eq!(failed.status.code(), Some(2));
    assert!(stderr(&failed).contains("template"), "{}", stderr(&failed));
    assert_eq!(read(root.join("out/en-us/guide/start/index.html")), before);
    let leftovers = std::fs::read_dir(root)
        .expect("read_dir")
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().contains(".diglot-new-"))
        .count();
    assert_eq!(leftovers, 0, "the temporary folder is removed");
}

#[test]
fn site_templates_override_the_built_in_ones() {
    let site = copy_site(&fixture_dir("links"));
    let root = site.path();
    std::fs::create_dir(root.join("templates")).expect("mkdir");
    std::fs::write(
        root.join("templates/page.html"),
        "{% extends \"base.html\" %}{% block content %}<p class=\"custom\">{{ page.title }}</p>{% endblock content %}",
    )
    .expect("write");
    let out = build(root, &["--content", "content", "--out", "out"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let doc = parse(&read(root.join("out/en-us/guide/start/index.html")));
    assert_eq!(
        select(&doc, "main p.custom")[0].text().collect::<String>(),
        "Start here"
    );
}

#[test]
fn two_articles_at_one_url_are_reported() {
    let site = copy_site(&fixture_dir("links"));
    let root = site.path();
    std::fs::create_dir_all(root.join("content/en-us/guide/other")).expect("mkdir");
    std::fs::write(
        root.join("content/en-us/guide/other/index.md"),
        "---\ntitle: Clash\ndescription: Same URL as other.md.\n---\n# Clash\n",
    )
    .expect("write");
    let out = build(root, &["--content", "content", "--out", "out"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("error[RN002]"), "{}", stderr(&out));
    // The finding is on the article not built; the page is the other, whichever thread
    // renders first.
    assert!(
        stderr(&out).contains("content/en-us/guide/other/index.md:1:1: error[RN002]"),
        "{}",
        stderr(&out)
    );
    // A finding about the file as a whole shows no source line under it.
    let human = build(
        root,
        &["--content", "content", "--out", "out", "--format", "human"],
    );
    let said = String::from_utf8_lossy(&human.stdout).into_owned();
    let block = said
        .split("\n\n")
        .find(|b| b.contains("error[RN002]"))
        .unwrap_or_else(|| panic!("an RN002 block: {said}"));
    assert!(!block.contains(" | "), "{block}");
    let page = main_of(&read(root.join("out/en-us/guide/other/index.html")));
    assert!(page.contains("Other page"), "{page}");
    assert!(
        !page.contains("Clash"),
        "guide/other/index.md is not built: {page}"
    );
}

#[test]
fn a_file_given_as_the_output_folder_is_named_as_a_file() {
    let site = copy_site(&fixture_dir("links"));
    let root = site.path();
    std::fs::write(root.join("a-file.txt"), "mine").expect("write");
    let out = build(root, &["--content", "content", "--out", "a-file.txt"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("a-file.txt: it is a file, not a folder"),
        "{}",
        stderr(&out)
    );
    assert_eq!(read(root.join("a-file.txt")), "mine");
}

/// A user's own `.NAME.old` folder beside the output is theirs: builds never touch it.
#[test]
fn folders_beside_the_output_that_diglot_did_not_make_are_kept() {
    let site = copy_site(&fixture_dir("links"));
    let root = site.path();
    for mine in [".out.old", ".out.diglot-new-1-1"] {
        std::fs::create_dir(root.join(mine)).expect("mkdir");
        std::fs::write(root.join(mine).join("notes.txt"), "keep").expect("write");
    }
    let args = ["--content", "content", "--out", "out", "--no-check"];
    for _ in 0..2 {
        let out = build(root, &args);
        assert!(out.status.success(), "{}", stderr(&out));
    }
    assert_eq!(read(root.join(".out.old/notes.txt")), "keep");
    assert_eq!(read(root.join(".out.diglot-new-1-1/notes.txt")), "keep");
}

/// Two builds into one folder at once: the second waits for the first (and says so); the
/// site in place at the end is whole.
#[test]
fn concurrent_builds_into_one_folder_take_turns() {
    let tmp = tempfile::tempdir().expect("tmp");
    let out_dir = tmp.path().join("public");
    let start = |out: &Path| {
        std::process::Command::new(assert_cmd::cargo::cargo_bin("diglot"))
            .current_dir(tmp.path())
            .args(["build", "--no-check", "--content"])
            .arg(corpus_dir())
            .arg("--out")
            .arg(out)
            .stderr(std::process::Stdio::piped())
            .stdout(std::process::Stdio::null())
            .spawn()
            .expect("run diglot")
    };
    let reference = tmp.path().join("reference");
    // The corpus has errors (exit 1); the build itself succeeds.
    let built = |code: Option<i32>| code.is_some_and(|c| c <= 1);
    assert!(built(start(&reference).wait().expect("wait").code()));
    let expected = listing(&reference);
    let builds: Vec<_> = (0..3).map(|_| start(&out_dir)).collect();
    let mut waited = 0;
    for b in builds {
        let out = b.wait_with_output().expect("wait");
        let err = String::from_utf8_lossy(&out.stderr).into_owned();
        assert!(built(out.status.code()), "{err}");
        waited += usize::from(err.contains("waiting for another diglot build"));
    }
    assert!(waited >= 1, "three builds at once: some must have waited");
    assert_eq!(listing(&out_dir), expected, "the site in place is whole");
    assert_eq!(leftovers_beside(&out_dir), Vec::<String>::new());
}
