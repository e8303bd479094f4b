//! File names a file system allows but a site or a terminal does not take as they are.

use crate::*;

/// A 252-byte name: its page folder fits, and so must every name derived from it (its
/// source view in the report would be 257 bytes).
#[test]
fn derived_names_of_a_long_file_name_fit() {
    let h = Hostile::new();
    let name = format!("{}.md", "n".repeat(249));
    h.write(
        &format!("content/en-us/{name}"),
        page("Long", "[gone](gone.md)"),
    );
    let run = h.build();
    run.sane()
        .reports("LK001", &format!("en-us/{name}"), Some(7));
    assert_eq!(run.build.code, Some(1), "{}", run.build.stderr);
    let report = read(run.out.join("en-us/report/index.html"));
    let doc = parse(&report);
    let views: Vec<String> = attrs(&doc, "a[href*='report/source/en-us/nnn']", "href");
    assert!(!views.is_empty(), "the report links the file's source view");
    for href in views {
        let file = href.split('#').next().unwrap_or_default();
        let on_disk = run.out.join("en-us/report").join(file);
        assert!(on_disk.is_file(), "{href} leads nowhere");
    }
}

/// An escape sequence in a file name: shown escaped on the terminal, valid in JUnit XML and
/// SARIF, percent-encoded in the page's URL.
#[test]
fn control_characters_in_a_file_name_stay_out_of_terminals_and_xml() {
    let h = Hostile::new();
    let name = "red\u{1b}[31mbell\u{7}.md";
    h.write(
        &format!("content/en-us/{name}"),
        page("Red", "[gone](gone.md)"),
    );
    let run = h.build();
    run.sane();
    for (what, text) in [("build", &run.build.stderr), ("check", &run.check.stdout)] {
        assert!(
            !text.contains('\u{1b}') && !text.contains('\u{7}'),
            "{what}: {text:?}"
        );
        assert!(
            text.contains("red\\u{1b}[31mbell\\u{7}.md"),
            "{what} names the file: {text}"
        );
    }
    for format in ["short", "github"] {
        let out = watched(&h.root(), &["check", "--format", format]);
        assert!(!out.stdout.contains('\u{1b}'), "{format}: {:?}", out.stdout);
    }
    let junit = watched(&h.root(), &["check", "--format", "junit"]);
    roxmltree::Document::parse(&junit.stdout).expect("JUnit output is well-formed XML");
    let sarif = watched(&h.root(), &["check", "--format", "sarif"]);
    let v: serde_json::Value = serde_json::from_str(&sarif.stdout).expect("SARIF is JSON");
    let uris: Vec<&str> = v["runs"][0]["results"]
        .as_array()
        .expect("results")
        .iter()
        .filter_map(|r| r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].as_str())
        .collect();
    assert!(
        uris.iter()
            .any(|u| u.contains("red%1B%5B31mbell%07.md") || u.contains("red%1B[31mbell%07.md")),
        "{uris:?}"
    );
    assert!(
        uris.iter().all(|u| !u.chars().any(char::is_control)),
        "{uris:?}"
    );
}

/// `%` in a file name: links to the page work, because what goes into a URL is encoded.
#[test]
fn a_percent_sign_in_a_file_name_gives_working_links() {
    let h = Hostile::new();
    h.write("content/en-us/100%-ready.md", page("Ready", "All set."));
    h.write(
        "content/en-us/good.md",
        page("Good", "See [ready](100%25-ready.md)."),
    );
    h.write(
        "content/en-us/TOC.yml",
        "- name: Good\n  href: good.md\n- name: Ready\n  href: 100%25-ready.md\n",
    );
    let run = h.build();
    run.sane();
    assert!(!run.build.stderr.contains("LK001"), "{}", run.build.stderr);
    let page_dir = run.out.join("en-us/good");
    let doc = parse(&read(page_dir.join("index.html")));
    let hrefs = attrs(&doc, "a[href*='ready']", "href");
    assert!(
        hrefs.len() >= 2,
        "the body link and the sidebar's: {hrefs:?}"
    );
    for href in hrefs {
        let decoded = percent_encoding::percent_decode_str(&href)
            .decode_utf8_lossy()
            .into_owned();
        assert!(
            page_dir.join(&decoded).join("index.html").is_file(),
            "{href} does not lead to the page"
        );
    }
}
