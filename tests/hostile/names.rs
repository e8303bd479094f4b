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
