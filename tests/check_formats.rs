//! Machine formats (SARIF against the official schema, JUnit, GitHub) and baselines.

mod common;

use common::*;

fn check_rules_fixture(args: &[&str]) -> String {
    let out = diglot()
        .current_dir(fixture_dir("rules"))
        .arg("check")
        .args(args)
        .output()
        .expect("run");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn sarif_is_valid_sarif_2_1_0() {
    let sarif: serde_json::Value =
        serde_json::from_str(&check_rules_fixture(&["--format", "sarif"])).expect("json");
    assert_valid_sarif(&sarif);

    let run = &sarif["runs"][0];
    assert_eq!(run["tool"]["driver"]["name"], "diglot");
    let results = run["results"].as_array().expect("results");
    let lk005 = results
        .iter()
        .find(|r| r["ruleId"] == "LK005")
        .expect("LK005");
    assert_eq!(lk005["level"], "warning");
    assert_eq!(
        lk005["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "content/fr-fr/links.md"
    );
    assert_eq!(
        lk005["locations"][0]["physicalLocation"]["region"]["startLine"],
        10
    );
    assert!(lk005["partialFingerprints"]["diglot/v1"].is_string());
    let rules = run["tool"]["driver"]["rules"].as_array().expect("rules");
    let index = lk005["ruleIndex"].as_u64().expect("ruleIndex") as usize;
    assert_eq!(rules[index]["id"], "LK005");
    // A duplicate anchor points at the first definition.
    let an001 = results
        .iter()
        .find(|r| r["ruleId"] == "AN001")
        .expect("AN001");
    assert_eq!(
        an001["relatedLocations"][0]["physicalLocation"]["region"]["startLine"],
        5
    );
    // Infos are notes.
    assert!(
        results
            .iter()
            .any(|r| r["ruleId"] == "LK004" && r["level"] == "note")
    );
}

#[test]
fn junit_is_well_formed_with_a_failure_per_finding() {
    let xml = check_rules_fixture(&["--format", "junit"]);
    let doc = roxmltree::Document::parse(&xml).expect("well-formed XML");
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "testsuites");
    let failures = doc
        .descendants()
        .filter(|n| n.has_tag_name("failure"))
        .count();
    assert_eq!(
        root.attribute("failures"),
        Some(failures.to_string().as_str())
    );
    let short = check_rules_fixture(&["--format", "short"]);
    let non_info = short
        .lines()
        .filter(|l| l.contains(": error[") || l.contains(": warning["))
        .count();
    assert_eq!(failures, non_info);
    let suites: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("testsuite"))
        .filter_map(|n| n.attribute("name"))
        .collect();
    // Named from where diglot ran (the fixture's root), as every format names files.
    assert!(
        suites.contains(&"content/en-us/links.md") && suites.contains(&"content/en-us/TOC.yml"),
        "{suites:?}"
    );
}

#[test]
fn github_annotations() {
    let text = check_rules_fixture(&["--format", "github"]);
    assert!(
        text.lines().any(
            |l| l.starts_with("::warning file=content/fr-fr/links.md,line=10,col=3,")
                && l.contains("title=LK005 hard-coded-locale::")
        ),
        "{text}"
    );
    assert!(
        text.lines()
            .any(|l| l.starts_with("::notice ") && l.contains("LK004"))
    );
    assert!(
        text.lines().all(|l| l.starts_with("::")),
        "one command per line: {text}"
    );
}

#[test]
fn baseline_survives_moved_lines_and_reports_only_new_findings() {
    let site = copy_site(&sample_site_dir());
    let root = site.path();
    let baseline = root.join("diglot-baseline.json");
    let write = diglot()
        .current_dir(root)
        .args(["check", "--write-baseline"])
        .arg(&baseline)
        .output()
        .expect("run");
    assert!(write.status.success(), "{}", stderr(&write));
    let recorded: serde_json::Value = serde_json::from_str(&read(&baseline)).expect("json");
    assert!(
        recorded["findings"]
            .as_array()
            .is_some_and(|f| f.len() >= 10)
    );

    // Move every line down, and add one new defect.
    let page = root.join("content/fr-fr/commerce/manage-partners.md");
    let text = read(&page);
    let (front, body) = text.split_at(text.find("\n---\n").expect("front matter") + 5);
    let moved =
        format!("{front}\n\nUne ligne ajoutée. [Nouveau](http://example.com/nouveau)\n\n{body}");
    std::fs::write(&page, moved).expect("write");

    let out = diglot()
        .current_dir(root)
        .args(["check", "--format", "short", "--baseline"])
        .arg(&baseline)
        .output()
        .expect("run");
    let shown = String::from_utf8_lossy(&out.stdout);
    let findings: Vec<&str> = shown.lines().collect();
    assert_eq!(findings.len(), 1, "only the new finding: {shown}");
    assert!(findings[0].contains("warning[LK006]"), "{shown}");
}

#[test]
fn short_is_exactly_one_line_per_finding() {
    let short = check_rules_fixture(&["--format", "short"]);
    let json = check_findings(&fixture_dir("rules"), &[]);
    assert_eq!(short.lines().count(), json.len(), "{short}");
    for (line, d) in short.lines().zip(&json) {
        let head = format!(
            "{}:{}:{}: {}[{}]: ",
            d["file"].as_str().unwrap_or_default(),
            d["line"],
            d["column"],
            d["severity"].as_str().unwrap_or_default(),
            d["code"].as_str().unwrap_or_default()
        );
        assert!(line.starts_with(&head), "{line} / {head}");
    }
}

/// Every format but JSON's `path` names a file from where diglot runs: here the folder
/// above the site, as a CI job at a repository root whose site lives in `docs/`.
#[test]
fn every_format_names_files_from_where_diglot_runs() {
    let repo = tempfile::tempdir().expect("tmp");
    copy_recursively(&fixture_dir("rules"), &repo.path().join("docs"));
    let run = |format: &str| {
        let out = diglot()
            .current_dir(repo.path())
            .args(["check", "--root", "docs", "--format", format])
            .output()
            .expect("run");
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let at = "docs/content/fr-fr/links.md";
    assert!(run("short").contains(&format!("\n{at}:10:3: warning[LK005]")));
    assert!(run("human").contains(&format!("--> {at}:10:3")));
    assert!(run("github").contains(&format!("::warning file={at},line=10,col=3,")));
    let junit = run("junit");
    assert!(
        junit.contains(&format!("<testsuite name=\"{at}\"")),
        "{junit}"
    );
    let json: serde_json::Value = serde_json::from_str(&run("json")).expect("json");
    let lk005 = json["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .find(|d| d["code"] == "LK005")
        .expect("LK005")
        .clone();
    assert_eq!(
        lk005["path"], "fr-fr/links.md",
        "content-relative, as SPEC says"
    );
    assert_eq!(lk005["file"], at);
    let sarif: serde_json::Value = serde_json::from_str(&run("sarif")).expect("sarif");
    let location =
        &sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"];
    assert_eq!(location["uriBaseId"], "%SRCROOT%");
    assert!(
        location["uri"]
            .as_str()
            .is_some_and(|u| u.starts_with("docs/content/")),
        "{location}"
    );

    // Content outside the working folder: `../` where a person reads it, an absolute
    // `file:` URI for code scanning (a `../` URI is no file of the repository).
    let elsewhere = repo.path().join("elsewhere");
    std::fs::create_dir_all(&elsewhere).expect("mkdir");
    let out = diglot()
        .current_dir(&elsewhere)
        .args(["check", "--root", "../docs", "--format", "short"])
        .output()
        .expect("run");
    let short = String::from_utf8_lossy(&out.stdout);
    assert!(
        short.contains("\n../docs/content/fr-fr/links.md:10:3: "),
        "{short}"
    );
    let out = diglot()
        .current_dir(&elsewhere)
        .args(["check", "--root", "../docs", "--format", "sarif"])
        .output()
        .expect("run");
    let sarif: serde_json::Value = serde_json::from_slice(&out.stdout).expect("sarif");
    let location =
        &sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"];
    assert!(location.get("uriBaseId").is_none(), "{location}");
    assert!(
        location["uri"]
            .as_str()
            .is_some_and(|u| u.starts_with("file:///")),
        "{location}"
    );
}
