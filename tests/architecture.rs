//! The pipeline's layering, checked on the source: data flows one way (config → content →
//! markdown → model → site → check → output → render → cli), so a module never imports
//! one of a later stage, and the shared vocabulary (diagnostics, spans, escaping…) imports
//! no stage at all. A review found `model` importing `check` and `render`'s pages and
//! report importing each other; this keeps such loops from coming back.

use std::collections::BTreeSet;
use std::path::Path;

/// Pipeline stages, in order; a stage may use the stages before it.
const STAGES: &[&str] = &[
    "config", "content", "markdown", "model", "site", "check", "output", "render", "engine",
    "serve", "cli", "fuzz",
];

/// Leaf modules every stage may use; they use only each other.
const SHARED: &[&str] = &[
    "diagnostics",
    "decode",
    "span",
    "escape",
    "files",
    "hash",
    "graph",
    "suggest",
    "plural",
];

/// The top-level modules a file refers to through `crate::…`.
fn crate_refs(text: &str) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    let mut rest = text;
    while let Some(at) = rest.find("crate::") {
        let before = rest[..at].chars().last();
        rest = &rest[at + "crate::".len()..];
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
            continue; // `my_crate::`, not ours
        }
        if let Some(list) = rest.strip_prefix('{') {
            // `use crate::{a, b::c};`
            let list = &list[..list.find('}').unwrap_or(list.len())];
            for item in list.split(',') {
                let name = item.trim().split("::").next().unwrap_or("").trim();
                if !name.is_empty() {
                    found.insert(name.to_string());
                }
            }
            continue;
        }
        let name: String = rest
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect();
        if !name.is_empty() {
            found.insert(name);
        }
    }
    found
}

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("read src") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn imports_run_down_the_pipeline() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let rank = |m: &str| STAGES.iter().position(|s| *s == m);
    let mut wrong = Vec::new();
    for file in &files {
        let rel = file.strip_prefix(&src).expect("under src");
        let top = rel
            .components()
            .next()
            .and_then(|c| c.as_os_str().to_str())
            .map(|s| s.trim_end_matches(".rs").to_string())
            .expect("name");
        if top == "lib" || top == "main" {
            continue;
        }
        let text = std::fs::read_to_string(file).expect("read");
        for used in crate_refs(&text) {
            if used == top || used == "Exit" {
                continue;
            }
            let allowed = match (rank(&top), rank(&used)) {
                // A stage may use an earlier stage or a shared module.
                (Some(from), Some(to)) => to < from,
                (Some(_), None) => SHARED.contains(&used.as_str()),
                // A shared module uses only shared modules.
                (None, _) => SHARED.contains(&used.as_str()),
            };
            if !allowed {
                wrong.push(format!("{} uses crate::{used}", rel.display()));
            }
        }
    }
    for module in STAGES.iter().chain(SHARED) {
        let exists = src.join(format!("{module}.rs")).is_file() || src.join(module).is_dir();
        assert!(exists, "the layering names `{module}`, which src/ lacks");
    }
    assert!(
        wrong.is_empty(),
        "imports up the pipeline:\n{}",
        wrong.join("\n")
    );
}

/// The sibling modules of `render` a file of it refers to (`super::x` from a file directly
/// in render/, `super::super::x` from one in a sub-folder, `crate::render::x` anywhere).
fn render_siblings(rel: &Path, text: &str, siblings: &BTreeSet<String>) -> BTreeSet<String> {
    let depth = rel.components().count();
    let in_folder_mod = depth == 2 && rel.ends_with("mod.rs");
    let prefixes: &[&str] = if depth == 1 || in_folder_mod {
        &["super::", "crate::render::"]
    } else {
        &["super::super::", "crate::render::"]
    };
    let mut found = BTreeSet::new();
    for prefix in prefixes {
        for (at, _) in text.match_indices(prefix) {
            let before = text[..at].chars().last();
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
                continue;
            }
            let name: String = text[at + prefix.len()..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            if siblings.contains(&name) {
                found.insert(name);
            }
        }
        // `use super::{a, b::c}`
        for (at, _) in text.match_indices(&format!("{prefix}{{")) {
            let list = &text[at + prefix.len() + 1..];
            let list = &list[..list.find('}').unwrap_or(list.len())];
            for item in list.split(',') {
                let name = item.trim().split("::").next().unwrap_or("").trim();
                if siblings.contains(name) {
                    found.insert(name.to_string());
                }
            }
        }
    }
    found
}

#[test]
fn render_modules_do_not_import_each_other_in_a_circle() {
    let render = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/render");
    let mut files = Vec::new();
    rust_files(&render, &mut files);
    let module_of = |rel: &Path| {
        let first = rel.components().next().and_then(|c| c.as_os_str().to_str());
        first.map(|s| s.trim_end_matches(".rs").to_string())
    };
    let siblings: BTreeSet<String> = files
        .iter()
        .filter_map(|f| module_of(f.strip_prefix(&render).ok()?))
        .filter(|m| m != "mod")
        .collect();
    let mut edges: std::collections::BTreeMap<String, BTreeSet<String>> = Default::default();
    for file in &files {
        let rel = file.strip_prefix(&render).expect("under render");
        let Some(from) = module_of(rel).filter(|m| m != "mod") else {
            continue;
        };
        let text = std::fs::read_to_string(file).expect("read");
        let refs = render_siblings(rel, &text, &siblings);
        edges
            .entry(from.clone())
            .or_default()
            .extend(refs.into_iter().filter(|m| *m != from));
    }
    // A module that reaches itself through others is on a circle.
    for start in edges.keys() {
        let mut seen = BTreeSet::new();
        let mut stack: Vec<(String, Vec<String>)> = vec![(start.clone(), vec![start.clone()])];
        while let Some((at, path)) = stack.pop() {
            for next in edges.get(&at).into_iter().flatten() {
                if next == start {
                    panic!("render modules in a circle: {} → {start}", path.join(" → "));
                }
                if seen.insert(next.clone()) {
                    let mut longer = path.clone();
                    longer.push(next.clone());
                    stack.push((next.clone(), longer));
                }
            }
        }
    }
    // The pages draw the report; both start from the shared context, and the report
    // knows nothing of the pages.
    let uses = |from: &str, to: &str| edges.get(from).is_some_and(|e| e.contains(to));
    assert!(
        uses("pages", "report"),
        "the scan sees the pages' use of report"
    );
    assert!(uses("pages", "context") && uses("report", "context"));
    assert!(!uses("report", "pages"), "report imports pages");
}

#[test]
fn the_scanner_sees_every_form_of_reference() {
    let refs = crate_refs(
        "use crate::a::b;\nlet x = crate::c::f();\nuse other_crate::d;\n$crate::e!()\nuse crate::{f, g::h};",
    );
    assert_eq!(
        refs.into_iter().collect::<Vec<_>>(),
        vec![
            "a".to_string(),
            "c".into(),
            "e".into(),
            "f".into(),
            "g".into()
        ]
    );
}

#[test]
fn every_code_is_made_in_exactly_the_one_file_the_registry_names() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    // Where each `codes::XX000` is named, outside the registry itself.
    let mut named: std::collections::BTreeMap<String, BTreeSet<String>> = Default::default();
    for file in &files {
        let rel = file
            .strip_prefix(&src)
            .expect("under src")
            .to_string_lossy()
            .replace('\\', "/");
        if rel == "diagnostics/codes.rs" {
            continue;
        }
        let text = std::fs::read_to_string(file).expect("read");
        for (at, _) in text.match_indices("codes::") {
            let code: String = text[at + "codes::".len()..].chars().take(5).collect();
            let shaped = code.len() == 5
                && code[..2].chars().all(|c| c.is_ascii_uppercase())
                && code[2..].chars().all(|c| c.is_ascii_digit());
            if shaped {
                named.entry(code).or_default().insert(rel.clone());
            }
        }
    }
    let mut wrong = Vec::new();
    for rule in diglot::diagnostics::ALL_RULES {
        let found = named.remove(rule.code).unwrap_or_default();
        let expected = BTreeSet::from([rule.source.to_string()]);
        if found != expected {
            wrong.push(format!(
                "{} is declared as made in {}, but is named in {:?}",
                rule.code, rule.source, found
            ));
        }
    }
    assert!(
        named.is_empty(),
        "codes no registry entry declares: {named:?}"
    );
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// Each file of `src/check/rules`: its name and text.
fn rule_files() -> Vec<(String, String)> {
    let rules = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/check/rules");
    std::fs::read_dir(&rules)
        .expect("rules")
        .map(|entry| {
            let path = entry.expect("entry").path();
            let name = path
                .file_name()
                .expect("name")
                .to_string_lossy()
                .into_owned();
            (name, std::fs::read_to_string(&path).expect("read"))
        })
        .collect()
}

#[test]
fn every_rule_file_makes_its_own_code() {
    for (name, _) in rule_files() {
        let code = name.get(..5).unwrap_or("").to_ascii_uppercase();
        let Some(rule) = diglot::diagnostics::ALL_RULES
            .iter()
            .find(|r| r.code == code)
        else {
            continue; // shared helpers: mod.rs, pt_common.rs…
        };
        assert_eq!(
            rule.source,
            format!("check/rules/{name}"),
            "{name} is named for {code}, which the registry says is made elsewhere"
        );
    }
}

/// How a rule may reach another article: a streamed check runs the article rules on a group
/// of pages (a page and its translations) before the other pages are read, and the site
/// rules that read no article before any page is; the site they see holds no pages then.
/// So they ask through `CheckContext` (`article`, `lookup`, `include`, `resolve`), which
/// knows what is not read yet; only the site rules that declare `articles: true` in their
/// `Reads` (run once every page is read) may walk the site's articles.
#[test]
fn rules_reach_other_articles_only_through_the_check_context() {
    let rules = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/check/rules");
    let registry = std::fs::read_to_string(rules.join("mod.rs")).expect("rules/mod.rs");
    let list = registry
        .split_once("pub const ARTICLE_RULES")
        .and_then(|(_, rest)| rest.split_once("];"))
        .map(|(list, _)| list)
        .expect("ARTICLE_RULES");
    let article_rules: BTreeSet<String> = list
        .split(|c: char| c.is_whitespace() || c == ',' || c == '[')
        .filter_map(|item| item.split_once("::").map(|(file, _)| format!("{file}.rs")))
        .collect();
    assert!(article_rules.len() > 30, "{article_rules:?}");
    const AROUND_THE_CONTEXT: &[&str] = &[
        "site.article(",
        "site.by_path(",
        "site.articles(",
        "site.pages(",
        "site.page_paths(",
        "site.text_of(",
        "site.file_of(",
        "site.linking_to(",
        "site.including(",
        "includes::resolve(",
    ];
    let mut wrong = Vec::new();
    for (name, text) in rule_files() {
        let bound = article_rules.contains(&name)
            || name.ends_with("_common.rs")
            || text.contains("articles: false");
        if !bound || name == "mod.rs" {
            continue;
        }
        for call in AROUND_THE_CONTEXT {
            if text.contains(call) {
                wrong.push(format!("{name} calls `{call}…)`"));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
