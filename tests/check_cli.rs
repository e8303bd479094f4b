//! `diglot check`, `diglot explain` and the checks inside `diglot build`, end to end.

mod common;

use common::*;

fn check_in(root: &std::path::Path, args: &[&str]) -> std::process::Output {
    diglot()
        .current_dir(root)
        .arg("check")
        .args(args)
        .output()
        .expect("run")
}

fn stdout(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn sample_site_defects_are_warnings() {
    let out = check_in(&sample_site_dir(), &["--format", "short"]);
    assert_eq!(out.status.code(), Some(0), "warnings only: exit 0");
    let text = stdout(&out);
    assert!(
        text.contains("fr-fr/commerce/working-with-solution-providers.md:10:13: warning[FM005]"),
        "{text}"
    );
    assert!(
        text.contains("fr-fr/commerce/working-with-solution-providers.md:13:3: warning[FM005]"),
        "{text}"
    );
    assert!(
        text.contains("fr-fr/commerce/manage-partners.md:30:67: warning[LK005]"),
        "{text}"
    );
    assert!(
        text.contains("fr-fr/commerce/manage-partners.md:30:67: warning[LK011]"),
        "{text}"
    );
    assert!(
        !text.contains("[LK001]") && !text.contains("[LK002]"),
        "{text}"
    );
    insta::assert_snapshot!("sample_short", text);

    let denied = check_in(
        &sample_site_dir(),
        &["--format", "short", "--deny-warnings"],
    );
    assert_eq!(denied.status.code(), Some(1));
}

#[test]
fn json_output_follows_the_contract() {
    let out = check_in(&sample_site_dir(), &["--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("one JSON object");
    let diags = v["diagnostics"].as_array().expect("diagnostics");
    assert!(!diags.is_empty());
    for d in diags {
        for key in [
            "code",
            "rule",
            "severity",
            "path",
            "line",
            "column",
            "end_line",
            "end_column",
            "message",
            "help",
        ] {
            assert!(d.get(key).is_some(), "missing `{key}` in {d}");
        }
        assert!(["error", "warning", "info"].contains(&d["severity"].as_str().unwrap_or("")));
    }
    let fm005 = diags.iter().find(|d| d["code"] == "FM005").expect("FM005");
    assert_eq!(fm005["rule"], "html-comment-in-yaml");
    assert_eq!(
        fm005["path"],
        "fr-fr/commerce/working-with-solution-providers.md"
    );
    assert_eq!(fm005["line"], 10);
    let warnings = diags.iter().filter(|d| d["severity"] == "warning").count();
    assert_eq!(v["summary"]["warnings"], warnings);
    assert_eq!(v["summary"]["errors"], 0);
    assert_eq!(v["summary"]["files"], 6, "4 articles and 2 TOCs");
}

#[test]
fn paths_limit_the_report() {
    let out = check_in(
        &sample_site_dir(),
        &["--format", "short", "fr-fr/commerce/manage-partners.md"],
    );
    let text = stdout(&out);
    assert!(
        text.contains("manage-partners.md") && !text.contains("working-with"),
        "{text}"
    );
}

#[test]
fn inline_suppression() {
    let site = copy_site(&sample_site_dir());
    let page = site
        .path()
        .join("content/fr-fr/commerce/manage-partners.md");
    let text = read(&page);
    let mut lines: Vec<&str> = text.lines().collect();
    lines.insert(29, "<!-- diglot-disable-next-line LK011 -->");
    std::fs::write(&page, lines.join("\n") + "\n").expect("write");
    let out = stdout(&check_in(site.path(), &["--format", "short"]));
    assert!(
        !out.contains("manage-partners.md:31:67: warning[LK011]"),
        "{out}"
    );
    assert!(
        out.contains("manage-partners.md:31:67: warning[LK005]"),
        "only the named code: {out}"
    );
    assert!(
        out.contains("manage-partners.md:52:14: warning[LK011]"),
        "only the next line: {out}"
    );
}

#[test]
fn severity_overrides_in_site_toml() {
    let site = copy_site(&sample_site_dir());
    let toml = site.path().join("site.toml");
    let mut text = read(&toml);
    text.push_str("\n[severity]\nLK005 = \"error\"\nunsafe-blank = \"off\"\n");
    std::fs::write(&toml, text).expect("write");
    let out = check_in(site.path(), &["--format", "short"]);
    assert_eq!(out.status.code(), Some(1), "LK005 is now an error");
    let text = stdout(&out);
    assert!(text.contains("error[LK005]"), "{text}");
    assert!(!text.contains("LK011"), "{text}");

    std::fs::write(&toml, "title = \"x\"\n[severity]\nLK999 = \"error\"\n").expect("write");
    let bad = check_in(site.path(), &["--format", "short"]);
    assert_eq!(
        bad.status.code(),
        Some(2),
        "an unknown code is a configuration error"
    );
}

#[test]
fn explain_by_code_or_name() {
    let by_code = diglot().args(["explain", "LK005"]).output().expect("run");
    let by_name = diglot()
        .args(["explain", "hard-coded-locale"])
        .output()
        .expect("run");
    assert!(by_code.status.success());
    assert_eq!(by_code.stdout, by_name.stdout);
    let text = stdout(&by_code);
    for section in ["## What it does", "## Why", "## Example", "## How to fix"] {
        assert!(text.contains(section), "{text}");
    }
    assert_eq!(
        diglot()
            .args(["explain", "XX999"])
            .output()
            .expect("run")
            .status
            .code(),
        Some(2)
    );
    let all = stdout(&diglot().arg("explain").output().expect("run"));
    assert!(all.lines().count() >= 20 && all.contains("FM005"));
}

#[test]
fn build_runs_the_checks_unless_told_not_to() {
    let site = copy_site(&sample_site_dir());
    let out = build(site.path(), &[]);
    assert!(out.status.success(), "warnings do not fail the build");
    assert!(stderr(&out).contains("warning[FM005]"), "{}", stderr(&out));
    let quiet = build(site.path(), &["--no-check"]);
    assert!(quiet.status.success());
    assert!(!stderr(&quiet).contains("FM005"), "{}", stderr(&quiet));
}

/// `diglot check | head`: the reader closes the pipe after one line; diglot ends quietly with
/// the exit code its findings give, as ripgrep does (it used to panic with exit 101).
#[test]
fn a_closed_pipe_ends_the_output_quietly() {
    use std::io::{BufRead, BufReader};
    use std::process::Stdio;
    let content = corpus_dir().to_string_lossy().into_owned();
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("diglot"))
        .args(["check", "--content", &content, "--format", "short"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run diglot");
    let mut first = String::new();
    let stdout = child.stdout.take().expect("stdout");
    BufReader::new(stdout)
        .read_line(&mut first)
        .expect("a line");
    // The reader is gone; the rest of the corpus's findings (far more than a pipe buffer)
    // meet a closed pipe.
    let out = child.wait_with_output().expect("wait");
    assert!(
        first.contains("error[") || first.contains("warning["),
        "{first}"
    );
    let err = stderr(&out);
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(out.status.code(), Some(1), "the corpus has errors: {err}");
}

/// A PATH that names no file of the site is a usage error naming it, not a green "0 errors".
#[test]
fn a_path_filter_matching_nothing_is_a_usage_error() {
    let content = corpus_dir().to_string_lossy().into_owned();
    let out = check_in(
        &sample_site_dir(),
        &["--content", &content, "fr-fr/nope", "fr-fr/partner-center"],
    );
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("`fr-fr/nope` matches no file"),
        "{}",
        stderr(&out)
    );
    assert!(
        !stderr(&out).contains("partner-center`"),
        "{}",
        stderr(&out)
    );
    // Folders, files and model files of the site still filter as before.
    for path in [
        "fr-fr/partner-center",
        "fr-fr/SecurityCompliance/whats-new.md",
    ] {
        let out = check_in(
            &sample_site_dir(),
            &["--content", &content, path, "--format", "short"],
        );
        assert_eq!(out.status.code(), Some(1), "{path}: {}", stderr(&out));
    }
    let model = check_in(&sample_site_dir(), &["_model", "--format", "short"]);
    assert_eq!(model.status.code(), Some(0), "{}", stderr(&model));
}

#[test]
fn clicolor_force_colours_a_pipe() {
    let run = |vars: &[(&str, &str)]| {
        let mut cmd = diglot();
        cmd.current_dir(fixture_dir("rules"))
            .arg("check")
            .env_remove("NO_COLOR")
            .env_remove("CLICOLOR_FORCE");
        for (k, v) in vars {
            cmd.env(k, v);
        }
        stdout(&cmd.output().expect("run"))
    };
    assert!(!run(&[]).contains('\x1b'), "a pipe gets no colour");
    assert!(run(&[("CLICOLOR_FORCE", "1")]).contains("\x1b[1;33mwarning["));
    assert!(!run(&[("CLICOLOR_FORCE", "0")]).contains('\x1b'));
}

/// One of a thing is singular: `1 error`, `built 1 page`, never `1 errors`.
#[test]
fn counts_of_one_are_singular() {
    let site = tempfile::tempdir().expect("temp dir");
    let root = site.path();
    // No description (FM003, an error), and no French translation (TR002, an info).
    write_files(
        root,
        &[
            (
                "site.toml",
                "title = \"Help\"\ntarget_locales = [\"fr-fr\"]\n",
            ),
            ("content/en-us/a.md", "---\ntitle: A\n---\n# A\n\nText.\n"),
        ],
    );
    std::fs::create_dir_all(root.join("content/fr-fr")).expect("mkdir");

    let out = check_in(root, &[]);
    let said = stderr(&out) + &stdout(&out);
    assert!(said.contains("1 error, 0 warnings, 1 info"), "{said}");

    let out = build(root, &[]);
    let said = stderr(&out);
    assert!(
        said.contains("built 2 pages (1 fallback) in 2 locales into"),
        "{said}"
    );
    assert!(said.contains(": 1 error, 0 warnings, 1 info"), "{said}");
}

/// `content/fr-FR/` was read as the locale `fr-fr`, whose folder `content/fr-fr/` does not
/// exist on a case-sensitive file system: a build of nothing that exited 0. Now refused,
/// on every system, with the names to give the folders.
#[test]
fn a_locale_folder_in_upper_case_is_refused_with_its_new_name() {
    let site = tempfile::tempdir().expect("temp dir");
    let root = site.path();
    let article = "---\ntitle: A\ndescription: d\n---\n# A\n";
    write_files(
        root,
        &[
            ("content/en-US/a.md", article),
            ("content/fr-FR/a.md", article),
        ],
    );
    for command in ["check", "build"] {
        let out = diglot()
            .current_dir(root)
            .arg(command)
            .output()
            .expect("run");
        assert_eq!(out.status.code(), Some(2), "{command}: {}", stderr(&out));
        assert!(
            stderr(&out).contains("rename en-US → en-us, fr-FR → fr-fr"),
            "{command}: {}",
            stderr(&out)
        );
    }
    assert!(!root.join("public").exists());
}
