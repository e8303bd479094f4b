//! Watching what the site is made of: the content folder, the templates folder and
//! `site.toml` (not the output folder, not the rest of the root). Events are debounced over
//! a short window, so an editor's save (write a temporary file, rename it over the old
//! one; or remove, then create) arrives as one batch naming the file, and a `git checkout`
//! as one large batch (which the engine takes as a reload).

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use notify_debouncer_mini::notify::RecursiveMode;
use notify_debouncer_mini::{DebounceEventResult, new_debouncer};

use crate::config::Config;

/// Long enough to gather one save's events, short enough not to be felt.
const WINDOW: Duration = Duration::from_millis(80);

/// What to watch, resolved from the site's configuration.
pub struct Watched {
    folders: Vec<PathBuf>,
    site_toml: PathBuf,
}

impl Watched {
    pub fn of(root: &Path, content: Option<&Path>) -> Watched {
        let mut folders = Vec::new();
        if let Ok(config) = Config::load(root, content, None) {
            folders.push(config.content_dir);
            folders.push(config.templates_dir);
        } else {
            folders.push(content.map_or_else(|| root.join("content"), Path::to_path_buf));
            folders.push(root.join("templates"));
        }
        Watched {
            folders,
            site_toml: root.join("site.toml"),
        }
    }
}

/// Starts watching; each debounced batch of changed paths arrives on the channel. The
/// watcher lives as long as the receiving thread keeps the channel.
pub fn start(watched: &Watched) -> std::io::Result<mpsc::Receiver<Vec<PathBuf>>> {
    let (tx, rx) = mpsc::channel();
    let site_toml = watched.site_toml.clone();
    let site_toml_name = site_toml.file_name().map(|n| n.to_os_string());
    let mut debouncer = new_debouncer(WINDOW, move |result: DebounceEventResult| {
        let Ok(events) = result else { return };
        let paths: Vec<PathBuf> = events
            .into_iter()
            .map(|e| e.path)
            // From the root, only site.toml matters.
            .filter(|p| {
                p.parent() != site_toml.parent() || p.file_name() == site_toml_name.as_deref()
            })
            .collect();
        if !paths.is_empty() {
            let _ = tx.send(paths);
        }
    })
    .map_err(std::io::Error::other)?;
    for folder in &watched.folders {
        if folder.is_dir() {
            debouncer
                .watcher()
                .watch(folder, RecursiveMode::Recursive)
                .map_err(std::io::Error::other)?;
        }
    }
    if let Some(root) = watched.site_toml.parent() {
        debouncer
            .watcher()
            .watch(root, RecursiveMode::NonRecursive)
            .map_err(std::io::Error::other)?;
    }
    // The debouncer must outlive this call: it stops when dropped. It lives as long as
    // the process (the server runs until it exits).
    std::mem::forget(debouncer);
    Ok(rx)
}
