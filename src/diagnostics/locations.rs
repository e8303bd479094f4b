//! The one path rule of every output format: a finding's `path` is relative to the content
//! folder (SPEC; baselines and fingerprints use it), and every format shows where the file
//! is *from the folder diglot runs in* (`content/fr-fr/a.md`), so that a terminal makes it
//! a link, an editor opens it, and GitHub annotations and code scanning land on the
//! repository's file when diglot runs at the repository root. JSON keeps `path` and adds
//! this as `file`.

use std::path::{Path, PathBuf};

/// Where the content folder is from the working folder.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Locations {
    /// Prepended to a content-relative path: `content/`, `../corpus/`, or empty when diglot
    /// runs in the content folder itself.
    prefix: String,
    /// The content folder, absolute, when it lies outside the working folder (SARIF then
    /// names files by absolute `file:` URIs: a `../` URI is no repository file).
    outside: Option<PathBuf>,
}

impl Locations {
    /// The locations of `content_dir`'s files seen from `cwd`.
    pub fn new(content_dir: &Path, cwd: &Path) -> Locations {
        let content = content_dir
            .canonicalize()
            .unwrap_or_else(|_| content_dir.to_path_buf());
        let cwd = cwd.canonicalize().unwrap_or_else(|_| cwd.to_path_buf());
        let relative = pathdiff::diff_paths(&content, &cwd);
        let outside = match &relative {
            Some(rel) if !rel.starts_with("..") => None,
            _ => Some(content.clone()),
        };
        let shown = relative.unwrap_or(content);
        let shown = shown.to_string_lossy().replace('\\', "/");
        let prefix = if shown.is_empty() {
            String::new()
        } else {
            format!("{}/", shown.trim_end_matches('/'))
        };
        Locations { prefix, outside }
    }

    /// From the current working folder.
    pub fn from_cwd(content_dir: &Path) -> Locations {
        let cwd = std::env::current_dir().unwrap_or_default();
        Locations::new(content_dir, &cwd)
    }

    /// Paths shown as they are (content-relative): for tests and library callers that
    /// have no working folder in mind.
    pub fn content_relative() -> Locations {
        Locations {
            prefix: String::new(),
            outside: None,
        }
    }

    /// A content-relative path as seen from the working folder (`content/../templates/a`
    /// is `templates/a`).
    pub fn file(&self, path: &str) -> String {
        if !path.starts_with("../") {
            return format!("{}{path}", self.prefix);
        }
        let mut parts: Vec<&str> = Vec::new();
        for part in self.prefix.split('/').chain(path.split('/')) {
            match part {
                "" | "." => {}
                ".." if parts.last().is_some_and(|p| *p != "..") => {
                    parts.pop();
                }
                _ => parts.push(part),
            }
        }
        let absolute = if self.prefix.starts_with('/') {
            "/"
        } else {
            ""
        };
        format!("{absolute}{}", parts.join("/"))
    }

    /// A SARIF artifact location: a URI relative to `%SRCROOT%` (the repository root,
    /// where diglot runs), or an absolute `file:` URI when the content lies outside it.
    pub fn sarif_location(&self, path: &str) -> serde_json::Value {
        match &self.outside {
            None => serde_json::json!({
                "uri": crate::escape::encode_path(&self.file(path)),
                "uriBaseId": "%SRCROOT%",
            }),
            Some(abs) => {
                let abs = abs.to_string_lossy().replace('\\', "/");
                let abs = abs.trim_end_matches('/');
                let slash = if abs.starts_with('/') { "" } else { "/" };
                serde_json::json!({
                    "uri": format!("file://{slash}{}", crate::escape::encode_path(&format!("{abs}/{path}"))),
                })
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_are_named_from_the_working_folder() {
        let tmp = tempfile::tempdir().expect("tmp");
        let root = tmp.path();
        let content = root.join("site/content");
        std::fs::create_dir_all(&content).expect("mkdir");
        let at_root = Locations::new(&content, root);
        assert_eq!(at_root.file("fr-fr/a.md"), "site/content/fr-fr/a.md");
        assert_eq!(
            at_root.sarif_location("fr-fr/a b.md"),
            serde_json::json!({"uri": "site/content/fr-fr/a%20b.md", "uriBaseId": "%SRCROOT%"})
        );
        assert_eq!(Locations::new(&content, &content).file("a.md"), "a.md");
        // A file beside the content folder (a template) is named plainly.
        assert_eq!(
            at_root.file("../templates/page.html"),
            "site/templates/page.html"
        );
        assert_eq!(
            Locations::new(&content, &content).file("../templates/page.html"),
            "../templates/page.html"
        );

        let beside = root.join("elsewhere");
        std::fs::create_dir_all(&beside).expect("mkdir");
        let outside = Locations::new(&content, &beside);
        assert_eq!(outside.file("a.md"), "../site/content/a.md");
        let uri = outside.sarif_location("a.md")["uri"]
            .as_str()
            .unwrap_or_default()
            .to_string();
        assert!(
            uri.starts_with("file:///") && uri.ends_with("/site/content/a.md"),
            "{uri}"
        );
    }
}
