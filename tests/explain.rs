//! `diglot explain` and the findings agree: every finding has the severity its rule's
//! explanation announces (before `[severity]` in site.toml, which these sites do not set).

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use common::*;

/// `diglot explain`'s list: code → default severity.
fn announced() -> BTreeMap<String, String> {
    let out = diglot().arg("explain").output().expect("run");
    assert!(out.status.success());
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|line| {
            let mut fields = line.split_whitespace();
            let code = fields.next().expect("code").to_string();
            let _name = fields.next();
            (code, fields.next().expect("severity").to_string())
        })
        .collect()
}

#[test]
fn every_finding_has_the_severity_explain_announces() {
    let announced = announced();
    let corpus = corpus_dir().to_string_lossy().into_owned();
    let runs = [
        (fixture_dir("rules"), Vec::new()),
        (fixture_dir("broken"), Vec::new()),
        (sample_site_dir(), Vec::new()),
        (
            Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf(),
            vec!["--content", corpus.as_str()],
        ),
    ];
    let mut seen = 0;
    for (root, args) in &runs {
        for d in check_findings(root, args) {
            let code = d["code"].as_str().expect("code");
            assert_eq!(
                announced.get(code).map(String::as_str),
                d["severity"].as_str(),
                "{d}"
            );
            seen += 1;
        }
    }
    assert!(seen > 1000, "the sites have findings to compare ({seen})");
    // Each rule's own page says the same.
    for (code, severity) in &announced {
        let out = diglot().args(["explain", code]).output().expect("run");
        let page = String::from_utf8_lossy(&out.stdout);
        let first = page.lines().next().unwrap_or_default();
        assert!(
            first.ends_with(&format!("({severity} by default)")),
            "{first}"
        );
    }
}
