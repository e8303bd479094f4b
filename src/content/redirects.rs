//! Redirection files in the `.openpublishing.redirection.json` form, found anywhere in the
//! content folder outside the locale trees (`meta/<repo>/…` in the corpus) or at its top.

use std::collections::HashMap;
use std::path::Path;

use serde::Deserialize;
use walkdir::WalkDir;

use crate::config::Locale;

const FILE_NAME: &str = ".openpublishing.redirection.json";

#[derive(Deserialize)]
struct RedirectionFile {
    #[serde(default)]
    redirections: Vec<Redirection>,
}

#[derive(Deserialize)]
struct Redirection {
    source_path: String,
    redirect_url: String,
}

/// Lower-cased source path (repository-relative, `partner-center/old.md`) → new URL.
pub fn load(content_dir: &Path, locales: &[Locale]) -> (HashMap<String, String>, Vec<String>) {
    let mut map = HashMap::new();
    let mut problems = Vec::new();
    let walker = WalkDir::new(content_dir)
        .max_depth(3)
        .into_iter()
        .filter_entry(|e| {
            // Locale trees hold pages, not redirection files; skip them (they are the big part).
            e.depth() != 1
                || !locales.iter().any(|l| {
                    e.file_name()
                        .to_string_lossy()
                        .eq_ignore_ascii_case(l.as_str())
                })
        });
    for entry in walker
        .filter_map(Result::ok)
        .filter(|e| e.file_name() == FILE_NAME)
    {
        let parsed = std::fs::read_to_string(entry.path())
            .map_err(|e| e.to_string())
            .and_then(|t| serde_json::from_str::<RedirectionFile>(&t).map_err(|e| e.to_string()));
        match parsed {
            Ok(file) => {
                for r in file.redirections {
                    map.insert(
                        r.source_path.trim_start_matches('/').to_lowercase(),
                        r.redirect_url,
                    );
                }
            }
            Err(e) => problems.push(format!("{}: {e}", entry.path().display())),
        }
    }
    (map, problems)
}
