//! Paths and files that are not what they should be, and the messages that say so.

use crate::*;

#[test]
fn a_file_given_as_the_content_folder_is_named_as_a_file() {
    let h = Hostile::new();
    let out = watched(&h.root(), &["check", "--content", "content/en-us/good.md"]);
    assert_eq!(out.code, Some(2));
    assert!(out.stderr.contains("is not a folder"), "{}", out.stderr);
    assert!(!out.stderr.contains("does not exist"), "{}", out.stderr);
}

#[test]
fn yaml_over_its_budget_gets_a_message_for_people() {
    let h = Hostile::new();
    let list = "  - k\n".repeat(260_000);
    h.write(
        "content/en-us/big-yaml.md",
        format!("---\ntitle: Big\ndescription: Big.\nkeywords:\n{list}---\n# Big\n"),
    );
    let run = h.build();
    run.sane().reports("FM002", "en-us/big-yaml.md", None);
    assert!(
        run.build
            .stderr
            .contains("too large to read: more than 250000 values"),
        "{}",
        run.build.stderr
    );
    assert!(
        !run.build.stderr.contains("Nodes {"),
        "{}",
        run.build.stderr
    );
}

/// A folder nested past the system's path limit cannot be opened: it is named, not skipped.
#[cfg(target_os = "linux")]
#[test]
fn a_folder_past_the_path_limit_is_reported() {
    use rustix::fs::{CWD, Mode, OFlags, mkdirat, openat};
    let h = Hostile::new();
    let name = "d".repeat(200);
    // Built one level at a time relative to the last, as no full path could name it.
    let mut dir = openat(
        CWD,
        h.path("content/en-us"),
        OFlags::DIRECTORY | OFlags::RDONLY,
        Mode::empty(),
    )
    .expect("open en-us");
    for _ in 0..25 {
        mkdirat(&dir, name.as_str(), Mode::from_raw_mode(0o755)).expect("mkdir");
        dir = openat(
            &dir,
            name.as_str(),
            OFlags::DIRECTORY | OFlags::RDONLY,
            Mode::empty(),
        )
        .expect("open");
    }
    let run = h.build();
    run.sane();
    assert!(
        run.build
            .stderr
            .lines()
            .any(|l| l.starts_with("content/en-us/ddd")
                && l.contains("[IO001]")
                && l.contains("too long")),
        "{}",
        run.build.stderr
    );
}

/// A folder the build cannot list is named (root reads every folder, so only others see it).
#[cfg(unix)]
#[test]
fn an_unreadable_folder_is_reported() {
    use std::os::unix::fs::PermissionsExt;
    let h = Hostile::new();
    h.write(
        "content/en-us/locked/page.md",
        page("Locked", "Behind a lock."),
    );
    let locked = h.path("content/en-us/locked");
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).expect("chmod");
    if std::fs::read_dir(&locked).is_ok() {
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).expect("chmod");
        eprintln!("skipped: this user (root) reads any folder");
        return;
    }
    let run = h.build();
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    run.sane().reports("IO001", "en-us/locked", Some(1));
}

/// `site.toml` cannot send the build out of the site: a repository checked in CI must not
/// publish the machine it runs on.
#[test]
fn site_toml_folders_stay_inside_the_site() {
    let h = Hostile::new();
    let outside = h.secret().parent().expect("tmp").join("elsewhere");
    std::fs::create_dir_all(outside.join("en-us")).expect("mkdir");
    std::fs::write(outside.join("en-us/leak.md"), page(CANARY, CANARY)).expect("write");
    std::fs::write(outside.join("page.html"), CANARY).expect("write");
    for key in ["content_dir", "templates_dir"] {
        h.write(
            "site.toml",
            format!("title = \"Hostile\"\n{key} = \"{}\"\n", outside.display()),
        );
        let run = watched(&h.root(), &["build"]);
        assert_eq!(run.code, Some(2), "{key}: {}", run.stderr);
        assert!(
            run.stderr.contains("outside the site root"),
            "{}",
            run.stderr
        );
        assert!(!run.stderr.contains(CANARY));
        assert!(!h.path("public").exists());
    }
}
