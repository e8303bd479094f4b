//! `diglot init`: the site it makes builds and checks clean, and it never overwrites.

mod common;

use std::path::Path;

use common::*;

fn init(dir: &Path) -> std::process::Output {
    diglot().arg("init").arg(dir).output().expect("run")
}

#[test]
fn the_site_init_makes_builds_and_checks_clean() {
    let tmp = tempfile::tempdir().expect("tmp");
    let site = tmp.path().join("help");
    let out = init(&site);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    // Every file of the skeleton, as it is in the repository.
    let skeleton = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/cli/init_site");
    assert_eq!(listing(&site), listing(&skeleton));

    let checked = check_json(&site, &[]);
    assert_eq!(
        checked["summary"],
        serde_json::json!({"files": 4, "errors": 0, "warnings": 0, "infos": 0}),
        "{checked}"
    );
    let built = build(&site, &[]);
    assert_eq!(built.status.code(), Some(0), "{}", stderr(&built));
    assert!(stderr(&built).contains("0 errors, 0 warnings, 0 infos"));
    let page = read(site.join("public/fr-fr/find-a-partner/index.html"));
    let main = main_of(&page);
    assert!(
        main.contains("class=\"sxs\""),
        "bilingual sentences: {main}"
    );
    assert!(main.contains("Revendeur"), "the partner-type table: {main}");

    // The model stub is live: a step naming a label the model does not know is found.
    let fr = site.join("content/fr-fr/find-a-partner.md");
    std::fs::write(&fr, read(&fr).replace("**Partenaires**", "**Partenaire**")).expect("edit");
    let found = check_findings(&site, &[]);
    assert!(found.iter().any(|d| d["code"] == "ST005"), "{found:?}");
}

#[test]
fn init_writes_nothing_where_a_file_would_be_overwritten() {
    let tmp = tempfile::tempdir().expect("tmp");
    let mine = "title = \"Mine\"\n";
    std::fs::write(tmp.path().join("site.toml"), mine).expect("write");
    let out = init(tmp.path());
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("site.toml already exists"),
        "{}",
        stderr(&out)
    );
    assert_eq!(read(tmp.path().join("site.toml")), mine);
    assert!(!tmp.path().join("content").exists(), "nothing else written");
}
