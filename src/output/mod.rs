//! Writing the site safely: into a temporary folder beside the output, swapped in only when
//! complete, and never over a folder diglot did not make ([`stage`]).

mod stage;

pub use stage::{Notice, Staging, stage};

use std::fmt;
use std::io;
use std::path::{Component, Path, PathBuf};

/// A file name diglot leaves in every site it writes; only a folder holding it (or an empty
/// one) may be replaced, so a mistyped `--out` never deletes somebody's files.
pub const MARKER: &str = ".diglot-site";

/// The longest file name common file systems take, in bytes.
pub const NAME_MAX: usize = 255;

/// `name` + `suffix` as a file name that fits [`NAME_MAX`]: a longer one keeps its start, and
/// a hash of the whole name marks the cut, so two long names never collide.
pub fn fit_name(name: &str, suffix: &str) -> String {
    fit_within(name, suffix, NAME_MAX)
}

/// Like [`fit_name`], within `max` bytes.
pub(crate) fn fit_within(name: &str, suffix: &str, max: usize) -> String {
    if name.len() + suffix.len() <= max {
        return format!("{name}{suffix}");
    }
    let mark = format!("~{:016x}", crate::hash::fnv1a(name.as_bytes()));
    let mut keep = max.saturating_sub(suffix.len() + mark.len());
    while !name.is_char_boundary(keep) {
        keep -= 1;
    }
    format!("{}{mark}{suffix}", &name[..keep])
}

/// `path` (`/`-separated) with `suffix` added to its last component, fitted.
pub fn fit_path(path: &str, suffix: &str) -> String {
    match path.rsplit_once('/') {
        Some((dir, name)) => format!("{dir}/{}", fit_name(name, suffix)),
        None => fit_name(path, suffix),
    }
}

/// Where rendered files go: a folder on disk, or memory (the preview server).
pub trait Sink: Sync {
    /// Writes `bytes` at the site-relative path `rel` (`fr-fr/x/index.html`).
    fn write(&self, rel: &str, bytes: &[u8]) -> io::Result<()>;
    /// Copies a file of the content folder to `rel`.
    fn copy(&self, rel: &str, from: &Path) -> io::Result<()>;
}

/// Writes under a folder, creating sub-folders as needed; copies only files inside the
/// site's boundary.
pub struct DirSink {
    root: PathBuf,
    boundary: crate::files::Boundary,
}

impl DirSink {
    pub fn new(root: PathBuf, boundary: crate::files::Boundary) -> Self {
        DirSink { root, boundary }
    }

    fn target(&self, rel: &str) -> io::Result<PathBuf> {
        let path = self.root.join(rel);
        if Path::new(rel)
            .components()
            .any(|c| !matches!(c, Component::Normal(_)))
        {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!("refusing to write outside the site: {rel}"),
            ));
        }
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        Ok(path)
    }
}

impl Sink for DirSink {
    fn write(&self, rel: &str, bytes: &[u8]) -> io::Result<()> {
        std::fs::write(self.target(rel)?, bytes)
    }
    fn copy(&self, rel: &str, from: &Path) -> io::Result<()> {
        // Only a regular file inside the site, judged now: a FIFO or a link put there since
        // the walk must not block the copy or publish a file of the machine.
        let (mut source, _) = crate::files::open_inside(from, &self.boundary)
            .map_err(|r| io::Error::new(io::ErrorKind::InvalidInput, r.to_string()))?;
        let mut target = std::fs::File::create(self.target(rel)?)?;
        io::copy(&mut source, &mut target).map(|_| ())
    }
}

/// Keeps the site in memory, path → bytes: what the preview server serves. Nothing is
/// written to disk.
#[derive(Default)]
pub struct MemorySink {
    files: std::sync::Mutex<std::collections::BTreeMap<String, Vec<u8>>>,
    boundary: crate::files::Boundary,
}

impl MemorySink {
    pub fn new(boundary: crate::files::Boundary) -> Self {
        MemorySink {
            files: Default::default(),
            boundary,
        }
    }

    /// Everything written, by site-relative path.
    pub fn into_files(self) -> std::collections::BTreeMap<String, Vec<u8>> {
        self.files.into_inner().unwrap_or_else(|e| e.into_inner())
    }

    fn put(&self, rel: &str, bytes: Vec<u8>) {
        // A poisoned lock only means another page's render panicked; its map is still whole.
        let mut files = self.files.lock().unwrap_or_else(|e| e.into_inner());
        files.insert(rel.to_string(), bytes);
    }
}

impl Sink for MemorySink {
    fn write(&self, rel: &str, bytes: &[u8]) -> io::Result<()> {
        self.put(rel, bytes.to_vec());
        Ok(())
    }
    fn copy(&self, rel: &str, from: &Path) -> io::Result<()> {
        let (mut source, len) = crate::files::open_inside(from, &self.boundary)
            .map_err(|r| io::Error::new(io::ErrorKind::InvalidInput, r.to_string()))?;
        let mut bytes = Vec::with_capacity(usize::try_from(len).unwrap_or(0));
        io::Read::read_to_end(&mut source, &mut bytes)?;
        self.put(rel, bytes);
        Ok(())
    }
}

#[derive(Debug)]
pub enum OutputError {
    /// The output folder is one diglot must never write to.
    Refused(PathBuf, &'static str),
    /// The output folder holds files diglot did not write.
    Foreign(PathBuf),
    Io(PathBuf, io::Error),
}

impl fmt::Display for OutputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            OutputError::Refused(p, why) => {
                write!(f, "refusing to build into {}: {why}", p.display())
            }
            OutputError::Foreign(p) => write!(
                f,
                "refusing to replace {}: it is not empty and was not written by diglot (no {MARKER} file); \
                 choose another --out or empty it yourself",
                p.display()
            ),
            OutputError::Io(p, e) => write!(f, "{}: {e}", p.display()),
        }
    }
}

impl std::error::Error for OutputError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn derived_names_always_fit() {
        assert_eq!(fit_name("page.md", ".html"), "page.md.html");
        let long = "é".repeat(126) + "x.md"; // 256 bytes
        let fitted = fit_name(&long, ".html");
        assert!(
            fitted.len() <= NAME_MAX && fitted.ends_with(".html"),
            "{fitted}"
        );
        assert_ne!(fitted, fit_name(&("é".repeat(126) + "y.md"), ".html"));
        assert_eq!(fit_path("a/b.md", ".html"), "a/b.md.html");
    }
}
