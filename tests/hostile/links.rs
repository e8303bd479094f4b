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
        .build_reports("IO003", "../templates/404.html", Some(1))
        .build_reports("IO003", "../templates/page.html", Some(1));
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

#[test]
fn content_given_from_a_parent_folder_does_not_open_that_folder() {
    // Run from the folder that holds both the site and the secret, with no site.toml there:
    // the content's link to the secret leads outside the site, whatever the working folder.
    // A `templates` folder there is no site's either.
    let h = Hostile::new();
    h.symlink("content/en-us/leak.md", &h.secret());
    let parent = h.secret().parent().expect("tmp").to_path_buf();
    std::fs::create_dir_all(parent.join("templates")).expect("mkdir");
    std::fs::write(parent.join("templates/notes.md"), page(CANARY, CANARY)).expect("write");
    h.symlink("content/en-us/notes.md", &parent.join("templates/notes.md"));
    let run = watched(&parent, &["check", "--content", "site/content"]);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    for leak in ["en-us/leak.md", "en-us/notes.md"] {
        assert!(
            run.stdout.lines().any(|l| l.contains("IO003")) && run.stdout.contains(leak),
            "{leak} not refused:\n{}",
            run.stdout
        );
    }
    assert!(!run.stdout.contains(CANARY) && !run.stderr.contains(CANARY));
}

#[test]
fn folders_of_links_that_multiply_are_read_once() {
    // 30 levels of folders, each with two links to the next: 2^30 paths to walk naively.
    let h = Hostile::new();
    const LEVELS: usize = 30;
    for level in 0..LEVELS {
        h.write(
            &format!("levels/d{level}/page.md"),
            page(&format!("Level {level}"), "Text."),
        );
        if level + 1 < LEVELS {
            for link in ["l1", "l2"] {
                h.symlink(
                    &format!("levels/d{level}/{link}"),
                    &h.path(&format!("levels/d{}", level + 1)),
                );
            }
        }
    }
    h.symlink("content/en-us/fan", &h.path("levels/d0"));
    let run = h.build();
    run.sane().reports("IO001", "en-us/fan/l2", Some(1));
    assert!(run.out.join("en-us/fan/page/index.html").is_file());
    let deepest = format!("en-us/fan/{}page/index.html", "l1/".repeat(LEVELS - 1));
    assert!(run.out.join(deepest).is_file(), "every level is read once");
}

#[test]
fn an_alias_link_never_hides_the_real_folder() {
    // `current` sorts before `v2`: the alias is read, and so is the folder itself.
    let h = Hostile::new();
    h.write("content/en-us/v2/page.md", page("Version 2", "Text."));
    h.symlink("content/en-us/current", &h.path("content/en-us/v2"));
    let run = h.build();
    run.sane();
    assert!(run.out.join("en-us/v2/page/index.html").is_file());
    assert!(run.out.join("en-us/current/page/index.html").is_file());
    assert!(!run.build.stderr.contains("IO001"), "{}", run.build.stderr);
}
