//! Redirection files in the `.openpublishing.redirection.json` form, found anywhere in the
//! content folder outside the locale trees (`meta/<repo>/…` in the corpus) or at its top.

use std::collections::HashMap;
use std::path::Path;

use serde::Deserialize;
use walkdir::WalkDir;

use crate::config::Locale;
use crate::diagnostics::Diagnostic;
use crate::files::Refusal;
use crate::files::{self, Boundary};

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

/// Lower-cased source path (repository-relative, `partner-center/old.md`) → new URL, and
/// what could not be read.
pub fn load(
    content_dir: &Path,
    locales: &[Locale],
    boundary: &Boundary,
) -> (HashMap<String, String>, Vec<Diagnostic>) {
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
        let rel = entry.path().strip_prefix(content_dir).map_or_else(
            |_| FILE_NAME.to_string(),
            |p| p.to_string_lossy().replace('\\', "/"),
        );
        let bytes = match files::read_inside(entry.path(), boundary) {
            Ok(b) => b,
            Err(refusal) => {
                problems.push(refusal.diagnostic(&rel));
                continue;
            }
        };
        let text = crate::decode::decode(&bytes).text;
        let parsed = serde_json::from_str::<RedirectionFile>(&text).map_err(|e| e.to_string());
        match parsed {
            Ok(file) => {
                for r in file.redirections {
                    map.insert(
                        r.source_path.trim_start_matches('/').to_lowercase(),
                        r.redirect_url,
                    );
                }
            }
            Err(e) => problems
                .push(Refusal::Unusable(format!("cannot read redirections: {e}")).diagnostic(&rel)),
        }
    }
    (map, problems)
}
