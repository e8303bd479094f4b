//! Symbolic links: followed inside the site, refused (and named) when they lead out of it.

#![cfg(unix)]

use crate::*;

#[test]
fn a_model_file_linked_out_of_the_site_is_not_read() {
    let h = Hostile::new();
    h.symlink("content/_model/x.yaml", &h.secret());
    h.build().sane().reports("IO003", "_model/x.yaml", Some(1));
}

#[test]
fn a_template_linked_out_of_the_site_is_not_read() {
    let h = Hostile::new();
    h.symlink("templates/404.html", &h.secret());
    h.symlink("templates/page.html", std::path::Path::new("/etc/passwd"));
    let run = h.build();
    run.sane()
        .build_reports("IO003", "templates/404.html", Some(1))
        .build_reports("IO003", "templates/page.html", Some(1));
    // The built-in templates stand in: the site still has its 404 page.
    assert!(run.out.join("404.html").is_file());
    assert!(!read(run.out.join("404.html")).contains("root:x:0:0"));
}

#[test]
fn articles_tocs_and_locale_folders_linked_out_of_the_site_are_named() {
    let h = Hostile::new();
    let outside = h.secret().parent().expect("tmp").join("elsewhere");
    std::fs::create_dir_all(outside.join("de-de")).expect("mkdir");
    std::fs::write(outside.join("de-de/page.md"), page(CANARY, CANARY)).expect("write");
    std::fs::write(
        outside.join("TOC.yml"),
        format!("- name: {CANARY}\n  href: good.md\n"),
    )
    .expect("write");
    h.symlink("content/en-us/leak.md", &h.secret());
    h.symlink("content/en-us/TOC.yml", &outside.join("TOC.yml"));
    h.symlink("content/en-us/docs", &outside.join("de-de"));
    // Locales found from the folders, so that `de-de` is one.
    h.write("site.toml", "title = \"Hostile\"\n");
    h.symlink("content/de-de", &outside.join("de-de"));
    h.build()
        .sane()
        .reports("IO003", "en-us/leak.md", Some(1))
        .reports("IO003", "en-us/TOC.yml", Some(1))
        .reports("IO003", "en-us/docs", Some(1))
        .reports("IO003", "de-de", Some(1));
}

#[test]
fn links_inside_the_site_are_followed() {
    let h = Hostile::new();
    h.write(
        "shared/en-us/extra.md",
        page("Extra", "Shared from inside the site."),
    );
    h.symlink("content/en-us/extra.md", &h.path("shared/en-us/extra.md"));
    h.symlink("content/fr-fr/same", &h.path("content/en-us"));
    let run = h.build();
    run.sane();
    assert!(
        run.out.join("en-us/extra/index.html").is_file(),
        "{}",
        run.build.stderr
    );
    assert!(run.out.join("fr-fr/same/good/index.html").is_file());
    assert!(!run.build.stderr.contains("IO003"), "{}", run.build.stderr);
}

#[test]
fn a_link_to_nothing_and_a_link_loop_are_reported() {
    let h = Hostile::new();
    h.symlink("content/en-us/gone.md", &h.path("content/en-us/nowhere.md"));
    h.symlink("content/en-us/loop", &h.path("content/en-us"));
    h.build()
        .sane()
        .reports("IO001", "en-us/gone.md", Some(1))
        .reports("IO001", "en-us/loop", Some(1));
}
