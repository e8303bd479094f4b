//! Watching what the site is made of: the content folder, the templates folder and
//! `site.toml` (not the output folder, not the rest of the root). Reads are no events (the
//! server's own reads would otherwise wake it). Events are gathered over a short window, so an editor's save (write a temporary file, rename it over the old
//! one; or remove, then create) arrives as one batch naming the file, and a `git checkout`
//! as one large batch (which the engine takes as a reload).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use notify::{Event, EventKind, RecursiveMode, Watcher};

use crate::config::Config;

/// Long enough to gather one save's events (an editor's write-rename or remove-create
/// comes within a millisecond or two), short enough to add little to the reload: a batch
/// ends when no event came for this long. A burst that pauses longer arrives as two
/// batches, the second ending on the right content.
const WINDOW: Duration = Duration::from_millis(20);
/// The longest a batch waits for the writes to stop.
const MAX_GATHER: Duration = Duration::from_secs(1);

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
            folders: folders.iter().map(|f| normal(f)).collect(),
            site_toml: normal(&root.join("site.toml")),
        }
    }
}

/// `path` absolute, without `.` segments: as the watcher reports paths (`/site/./x` and
/// `./x` are the same file to it only once both are written so).
fn normal(path: &Path) -> PathBuf {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    absolute
        .components()
        .filter(|c| !matches!(c, std::path::Component::CurDir))
        .collect()
}

/// Starts watching; each debounced batch of changed paths arrives on the channel. The
/// watcher lives as long as the receiving end of the channel.
pub fn start(watched: &Watched) -> std::io::Result<mpsc::Receiver<Vec<PathBuf>>> {
    let (events_tx, events_rx) = mpsc::channel::<notify::Result<Event>>();
    let mut watcher = notify::recommended_watcher(events_tx).map_err(std::io::Error::other)?;
    for folder in &watched.folders {
        if folder.is_dir() {
            watcher
                .watch(folder, RecursiveMode::Recursive)
                .map_err(std::io::Error::other)?;
        }
    }
    if let Some(root) = watched.site_toml.parent() {
        watcher
            .watch(root, RecursiveMode::NonRecursive)
            .map_err(std::io::Error::other)?;
    }
    let (tx, rx) = mpsc::channel();
    let site_toml = watched.site_toml.clone();
    let folders = watched.folders.clone();
    std::thread::spawn(move || {
        // Owned here: watching stops when this thread ends (the server has gone).
        let mut watcher = watcher;
        let mut unwatched: Vec<PathBuf> = folders.into_iter().filter(|f| !f.is_dir()).collect();
        let relevant = |path: &Path, unwatched: &[PathBuf]| {
            path.parent() != site_toml.parent()
                || path.file_name() == site_toml.file_name()
                || unwatched.iter().any(|f| f == path)
        };
        let mut batch: BTreeSet<PathBuf> = BTreeSet::new();
        let mut first_at = std::time::Instant::now();
        loop {
            // Wait for a first event, then gather until the window passes quietly (or a
            // file written without end has kept it open for a second).
            let next = if batch.is_empty() {
                first_at = std::time::Instant::now();
                events_rx
                    .recv()
                    .map_err(|_| mpsc::RecvTimeoutError::Disconnected)
            } else if first_at.elapsed() > MAX_GATHER {
                Err(mpsc::RecvTimeoutError::Timeout)
            } else {
                events_rx.recv_timeout(WINDOW)
            };
            match next {
                Ok(Ok(event)) => {
                    // Reading a file is no change (diglot's own reads would loop).
                    if !matches!(event.kind, EventKind::Access(_)) {
                        // A templates folder made after the start is watched from now on.
                        let paths: Vec<PathBuf> = event.paths.iter().map(|p| normal(p)).collect();
                        for path in &paths {
                            if let Some(i) = unwatched.iter().position(|f| f == path)
                                && path.is_dir()
                                && watcher.watch(path, RecursiveMode::Recursive).is_ok()
                            {
                                batch.insert(unwatched.remove(i));
                            }
                        }
                        batch.extend(paths.into_iter().filter(|p| relevant(p, &unwatched)));
                    }
                }
                Ok(Err(_)) => {}
                Err(mpsc::RecvTimeoutError::Timeout) => {
                    if tx
                        .send(std::mem::take(&mut batch).into_iter().collect())
                        .is_err()
                    {
                        return;
                    }
                }
                Err(mpsc::RecvTimeoutError::Disconnected) => return,
            }
        }
    });
    Ok(rx)
}
