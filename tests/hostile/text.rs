//! Text that no page should carry as it is: NUL bytes, lone CR line endings, UTF-16 files.

use crate::*;

#[test]
fn nul_bytes_become_the_replacement_character_and_are_reported() {
    let h = Hostile::new();
    h.write(
        "content/en-us/nul.md",
        page("Nul", "Before\0after.\n\nLine 9\0."),
    );
    let run = h.build();
    run.sane().reports("IO002", "en-us/nul.md", Some(7));
    let html = read(run.out.join("en-us/nul/index.html"));
    assert!(!html.contains('\0'));
    assert!(
        html.contains("Before\u{FFFD}after"),
        "CommonMark's replacement"
    );
}

#[test]
fn lone_cr_line_endings_are_line_endings() {
    let h = Hostile::new();
    let text = page("Mac", "First line.\n\n[broken](nowhere.md)\n").replace('\n', "\r");
    h.write("content/en-us/mac.md", text);
    let run = h.build();
    run.sane().reports("LK001", "en-us/mac.md", Some(9));
    assert!(!run.build.stderr.contains("FM001"), "{}", run.build.stderr);
    let html = read(run.out.join("en-us/mac/index.html"));
    assert!(html.contains("<h1"), "the heading is a heading");
}

#[test]
fn a_utf16_model_file_is_read_like_a_utf16_article() {
    let h = Hostile::new();
    let yaml = "portals:\n  - id: admin-center\n    labels: { en-us: Admin center, fr-fr: Centre d’administration }\n  - id: admin-center\n    labels: { en-us: Twice, fr-fr: Deux fois }\n";
    let mut bytes = vec![0xFF, 0xFE];
    for unit in yaml.encode_utf16() {
        bytes.extend(unit.to_le_bytes());
    }
    h.write("content/_model/portals.yaml", bytes);
    let run = h.build();
    run.sane();
    // Read: the duplicate id on line 4 is found, not an encoding error.
    run.reports("WF001", "_model/portals.yaml", Some(4));
    assert!(!run.build.stderr.contains("IO00"), "{}", run.build.stderr);
}

#[test]
fn active_content_is_reported_and_diglot_writes_no_script_url() {
    let h = Hostile::new();
    let body = "> [!VIDEO javascript:alert(1)]\n\n\
        :::image type=\"content\" source=\"JAVASCRIPT:alert(2)\" alt-text=\"x\":::\n\n\
        [entity](&#106;avascript:alert(3)) and [mixed](JaVaScRiPt:alert(4))\n\n\
        <a href=\"java&#x09;script:alert(5)\">raw</a> <img src=\"a.png\" onerror=\"alert(6)\">\n\n\
        <script>alert(7)</script>\n";
    h.write("content/en-us/active.md", page("Active", body));
    let run = h.build();
    run.sane();
    for line in [7, 9, 11, 13, 15] {
        run.reports("MD005", "en-us/active.md", Some(line));
    }
    assert_eq!(run.build.code, Some(1), "an error by default");
    let html = read(run.out.join("en-us/active/index.html"));
    let doc = parse(&html);
    assert!(
        select(&doc, "iframe").is_empty(),
        "no iframe for a script URL"
    );
    let urls: Vec<String> = attrs(&doc, "main [href]", "href")
        .into_iter()
        .chain(attrs(&doc, "main [src]", "src"))
        .collect();
    for url in &urls {
        let lower = url.to_ascii_lowercase();
        assert!(
            !lower.starts_with("javascript:"),
            "diglot wrote the script URL {url}"
        );
    }
}

#[test]
fn a_toc_entry_with_a_script_url_is_reported_and_left_unlinked() {
    let h = Hostile::new();
    h.write("content/en-us/a.md", page("A", "Text."));
    h.write(
        "content/en-us/TOC.yml",
        "- name: A\n  href: a.md\n- name: Trap\n  href: javascript://%0Aalert(1)\n\
         - name: Mixed\n  href: \" JaVa\\tScRiPt:alert(2)\"\n- name: Site\n  href: https://example.com/\n",
    );
    let run = h.build();
    run.sane();
    run.reports("MD005", "en-us/TOC.yml", Some(4));
    run.reports("MD005", "en-us/TOC.yml", Some(6));
    assert!(!run.check.stdout.contains("TC001"), "{}", run.check.stdout);
    let html = read(run.out.join("en-us/a/index.html"));
    let lower = html.to_ascii_lowercase();
    assert!(
        !lower.contains("javascript:"),
        "a script URL in the sidebar"
    );
    let hrefs = attrs(&parse(&html), "a[href]", "href");
    assert!(
        hrefs.iter().all(|h| !h.contains("alert(")),
        "a script URL in the sidebar: {hrefs:?}"
    );
    assert!(
        html.contains("https://example.com/"),
        "external entries stay links"
    );
    assert!(html.contains(">Trap<"), "the entry itself stays, as text");
}
