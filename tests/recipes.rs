//! The README's recipes: their YAML parses, every diglot command in them is one the
//! command line accepts, the pre-commit hook passes on the sample site, and the site.toml
//! it shows is one diglot accepts.

mod common;

use clap::Parser;
use common::*;
use serde_json::Value;

fn readme() -> String {
    read(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"))
}

/// The README's fenced blocks of a language.
fn blocks(text: &str, language: &str) -> Vec<String> {
    let fence = format!("```{language}\n");
    text.split(fence.as_str())
        .skip(1)
        .filter_map(|rest| rest.split_once("```").map(|(block, _)| block.to_string()))
        .collect()
}

fn yaml(text: &str) -> Value {
    serde_saphyr::from_str(text).unwrap_or_else(|e| panic!("{e}:\n{text}"))
}

/// Every `diglot …` command in `script` (a shell line or several), the workflow's matrix
/// value filled in, accepted by the command line.
fn assert_diglot_commands_parse(script: &str) -> usize {
    let mut seen = 0;
    for line in script.lines() {
        let Some(at) = line.find("diglot ") else {
            continue;
        };
        let command = &line[at..];
        if command.starts_with("diglot diglot") || line.contains("cargo install") {
            continue;
        }
        let command = command.split(['>', '#']).next().unwrap_or_default();
        let command = command.replace("${{ matrix.shard }}", "1");
        let words: Vec<&str> = command.split_whitespace().collect();
        if let Err(e) = diglot::cli::Cli::try_parse_from(&words) {
            panic!("`{command}` is no diglot command: {e}");
        }
        seen += 1;
    }
    seen
}

fn runs(steps: &Value) -> Vec<String> {
    steps
        .as_array()
        .expect("steps")
        .iter()
        .filter_map(|s| s["run"].as_str().map(str::to_string))
        .collect()
}

#[test]
fn the_github_actions_recipes_parse_and_name_real_commands() {
    let readme = readme();
    let recipes = blocks(&readme, "yaml");
    assert!(recipes.len() >= 4, "{recipes:?}");

    let workflow = yaml(&recipes[0]);
    let check = &workflow["jobs"]["check"];
    assert_eq!(
        check["strategy"]["matrix"]["shard"],
        serde_json::json!([1, 2, 3])
    );
    let steps = check["steps"].as_array().expect("steps");
    let upload = steps
        .iter()
        .find(|s| {
            s["uses"]
                .as_str()
                .is_some_and(|u| u.starts_with("github/codeql-action/upload-sarif"))
        })
        .expect("a SARIF upload");
    assert!(
        upload["with"]["category"]
            .as_str()
            .is_some_and(|c| c.contains("${{ matrix.shard }}")),
        "one category per shard: {upload}"
    );
    let mut commands = 0;
    for job in ["check", "merge"] {
        for run in runs(&workflow["jobs"][job]["steps"]) {
            commands += assert_diglot_commands_parse(&run);
        }
    }
    assert_eq!(commands, 2, "the shard's check and the merge");
    assert!(
        runs(&check["steps"])
            .iter()
            .any(|r| r.contains("--shard ${{ matrix.shard }}/3"))
    );

    // The sharded build: parts on a matrix, uploaded with their hidden part file, merged.
    let site = yaml(&recipes[1]);
    let build = &site["jobs"]["build"];
    assert_eq!(
        build["strategy"]["matrix"]["shard"],
        serde_json::json!([1, 2, 3])
    );
    let upload = build["steps"]
        .as_array()
        .expect("steps")
        .iter()
        .find(|s| s["with"]["name"].as_str() == Some("part-${{ matrix.shard }}"))
        .expect("each part uploaded");
    assert_eq!(upload["with"]["include-hidden-files"], true, "{upload}");
    let build_runs = runs(&build["steps"]).join("\n");
    assert_eq!(assert_diglot_commands_parse(&build_runs), 1);
    assert!(build_runs.contains("--shard ${{ matrix.shard }}/3 --out part-${{ matrix.shard }}"));
    let merge_runs = runs(&site["jobs"]["site"]["steps"]).join("\n");
    assert_eq!(assert_diglot_commands_parse(&merge_runs), 1);
    assert!(merge_runs.contains("diglot merge --out public part-1 part-2 part-3"));

    let annotations = yaml(&recipes[2]);
    assert_eq!(
        assert_diglot_commands_parse(&runs(&annotations).join("\n")),
        1
    );

    let config = yaml(&recipes[3]);
    let hooks = yaml(&read(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(".pre-commit-hooks.yaml"),
    ));
    assert_eq!(config["repos"][0]["hooks"][0]["id"], hooks[0]["id"]);

    let shell = blocks(&readme, "sh").join("\n");
    assert!(assert_diglot_commands_parse(&shell) >= 3);
}

#[test]
fn the_pre_commit_hook_passes_on_the_sample_site() {
    let hooks = yaml(&read(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(".pre-commit-hooks.yaml"),
    ));
    let hook = &hooks[0];
    assert_eq!(hook["language"], "rust");
    assert_eq!(hook["pass_filenames"], false);
    let entry = hook["entry"].as_str().expect("entry");
    let words: Vec<&str> = entry.split_whitespace().collect();
    assert_eq!(words[0], "diglot");
    let out = diglot()
        .current_dir(sample_site_dir())
        .args(&words[1..])
        .output()
        .expect("run the hook");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}

/// The interface strings the README shows are a `site.toml` diglot accepts, and it names
/// every key there is.
#[test]
fn the_readme_s_interface_strings_are_accepted_and_every_key_is_named() {
    let text = readme();
    let strings: Vec<String> = blocks(&text, "toml")
        .into_iter()
        .filter(|b| b.contains(".strings]"))
        .collect();
    assert_eq!(strings.len(), 1, "one example");
    let site = copy_site(&sample_site_dir());
    let toml = site.path().join("site.toml");
    let example = strings[0].replace("ar-sa", "fr-fr");
    std::fs::write(&toml, read(&toml) + "\n" + &example).expect("site.toml");
    // Refused, the check would print no JSON report.
    assert!(check_json(site.path(), &[])["summary"].is_object());
    for key in diglot::config::UI_STRING_KEYS {
        assert!(
            text.contains(&format!("`{key}`")),
            "the README names `{key}`"
        );
    }
}
