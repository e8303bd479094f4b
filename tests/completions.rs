//! `diglot completions SHELL`: the script loads in its shell and completes commands and
//! options.

mod common;

use common::*;

/// What bash completes after `words` (the last one being typed), with the script loaded.
fn bash_completes(words: &[&str]) -> Vec<String> {
    let bin = assert_cmd::cargo::cargo_bin("diglot");
    let script = format!(
        "source <('{bin}' completions bash)\n\
         COMP_WORDS=({words})\n\
         COMP_CWORD={cword}\n\
         COMP_LINE='{line}'\n\
         COMP_POINT=${{#COMP_LINE}}\n\
         _diglot diglot '{cur}' '{prev}'\n\
         printf '%s\\n' \"${{COMPREPLY[@]}}\"",
        bin = bin.display(),
        words = words.join(" "),
        cword = words.len() - 1,
        line = words.join(" "),
        cur = words[words.len() - 1],
        prev = words[words.len() - 2],
    );
    let out = std::process::Command::new("bash")
        .arg("-c")
        .arg(script)
        .output()
        .expect("run bash");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(str::to_string)
        .collect()
}

#[test]
fn bash_completes_commands_and_options() {
    assert_eq!(bash_completes(&["diglot", "ch"]), ["check"]);
    assert_eq!(
        bash_completes(&["diglot", "check", "--min"]),
        ["--min-severity"]
    );
    assert!(bash_completes(&["diglot", "check", "--format", ""]).contains(&"sarif".to_string()));
}

#[test]
fn every_shell_gets_a_script() {
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let out = diglot().args(["completions", shell]).output().expect("run");
        assert!(out.status.success(), "{shell}");
        let script = String::from_utf8_lossy(&out.stdout);
        assert!(script.contains("min-severity"), "{shell}: {script}");
    }
    let out = diglot()
        .args(["completions", "tcsh"])
        .output()
        .expect("run");
    assert_eq!(
        out.status.code(),
        Some(2),
        "an unknown shell is a usage error"
    );
}
