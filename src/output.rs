//! Writing the site safely: into a temporary folder beside the output, swapped in only when
//! complete, and never over a folder diglot did not make.

use std::fmt;
use std::io;
use std::path::{Component, Path, PathBuf};

/// A file name diglot leaves in every site it writes; only a folder holding it (or an empty
/// one) may be replaced, so a mistyped `--out` never deletes somebody's files.
pub const MARKER: &str = ".diglot-site";

/// Where rendered files go: a folder on disk, or memory (the preview server).
pub trait Sink: Sync {
    /// Writes `bytes` at the site-relative path `rel` (`fr-fr/x/index.html`).
    fn write(&self, rel: &str, bytes: &[u8]) -> io::Result<()>;
    /// Copies a file of the content folder to `rel`.
    fn copy(&self, rel: &str, from: &Path) -> io::Result<()>;
}

/// Writes under a folder, creating sub-folders as needed.
pub struct DirSink {
    root: PathBuf,
}

impl DirSink {
    pub fn new(root: PathBuf) -> Self {
        DirSink { root }
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
        std::fs::copy(from, self.target(rel)?).map(|_| ())
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

/// An output folder that passed the safety checks, and the temporary folder to build into.
#[derive(Debug)]
pub struct Staging {
    pub out: PathBuf,
    pub temp: PathBuf,
}

/// Checks `out` against the site root and content folder, then makes a fresh temporary
/// folder beside it. `explicit`: the user named `out` on the command line, so it may lie
/// outside the site root.
pub fn stage(
    out: &Path,
    root: &Path,
    content: &Path,
    explicit: bool,
) -> Result<Staging, OutputError> {
    let out_abs = absolute(out).map_err(|e| OutputError::Io(out.to_path_buf(), e))?;
    let root_abs = absolute(root).map_err(|e| OutputError::Io(root.to_path_buf(), e))?;
    let content_abs = absolute(content).map_err(|e| OutputError::Io(content.to_path_buf(), e))?;
    if out_abs.parent().is_none() {
        return Err(OutputError::Refused(out_abs, "it is the file system root"));
    }
    if out_abs == root_abs {
        return Err(OutputError::Refused(out_abs, "it is the site root"));
    }
    if out_abs == content_abs {
        return Err(OutputError::Refused(out_abs, "it is the content folder"));
    }
    if content_abs.starts_with(&out_abs) {
        return Err(OutputError::Refused(
            out_abs,
            "it contains the content folder",
        ));
    }
    if root_abs.starts_with(&out_abs) {
        return Err(OutputError::Refused(out_abs, "it contains the site root"));
    }
    if out_abs.starts_with(&content_abs) {
        return Err(OutputError::Refused(
            out_abs,
            "it is inside the content folder",
        ));
    }
    if !explicit && !out_abs.starts_with(&root_abs) {
        return Err(OutputError::Refused(
            out_abs,
            "it is outside the site root (pass --out to build there)",
        ));
    }
    if out_abs.exists() && !replaceable(&out_abs) {
        return Err(OutputError::Foreign(out_abs));
    }
    let parent = out_abs.parent().unwrap_or(Path::new("/")).to_path_buf();
    std::fs::create_dir_all(&parent).map_err(|e| OutputError::Io(parent.clone(), e))?;
    let name = out_abs
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    remove_stale_temps(&parent, &name);
    let temp = parent.join(format!(".{name}.diglot-tmp-{}", std::process::id()));
    if temp.exists() {
        std::fs::remove_dir_all(&temp).map_err(|e| OutputError::Io(temp.clone(), e))?;
    }
    std::fs::create_dir(&temp).map_err(|e| OutputError::Io(temp.clone(), e))?;
    std::fs::write(
        temp.join(MARKER),
        "This folder was written by diglot; `diglot build` replaces it whole.\n",
    )
    .map_err(|e| OutputError::Io(temp.clone(), e))?;
    Ok(Staging { out: out_abs, temp })
}

impl Staging {
    /// Swaps the finished temporary folder in place of the output, then drops the old site.
    pub fn commit(self) -> Result<PathBuf, OutputError> {
        let io = |p: &Path| {
            let p = p.to_path_buf();
            move |e| OutputError::Io(p, e)
        };
        let old = self.temp.with_extension("old");
        if self.out.exists() {
            std::fs::rename(&self.out, &old).map_err(io(&self.out))?;
        }
        if let Err(e) = std::fs::rename(&self.temp, &self.out) {
            // Put the previous site back rather than leave none.
            let _ = std::fs::rename(&old, &self.out);
            return Err(OutputError::Io(self.out, e));
        }
        if old.exists() {
            std::fs::remove_dir_all(&old).map_err(io(&old))?;
        }
        Ok(self.out)
    }

    /// Drops the temporary folder after a failed build; the old site stays as it was.
    pub fn abandon(self) {
        let _ = std::fs::remove_dir_all(&self.temp);
    }
}

/// Empty, or written by diglot.
fn replaceable(dir: &Path) -> bool {
    if !dir.is_dir() {
        return false;
    }
    dir.join(MARKER).is_file() || std::fs::read_dir(dir).is_ok_and(|mut d| d.next().is_none())
}

/// Temporary folders an interrupted build left (they are ours: named for this output).
fn remove_stale_temps(parent: &Path, name: &str) {
    let prefix = format!(".{name}.diglot-tmp-");
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    for e in entries.filter_map(Result::ok) {
        let file_name = e.file_name().to_string_lossy().into_owned();
        if file_name.starts_with(&prefix) && e.path().join(MARKER).is_file() {
            let _ = std::fs::remove_dir_all(e.path());
        }
    }
}

/// An absolute, normalized path, whether or not it exists (symlinks resolved where it does).
fn absolute(p: &Path) -> io::Result<PathBuf> {
    let joined = if p.is_absolute() {
        p.to_path_buf()
    } else {
        std::env::current_dir()?.join(p)
    };
    // Canonicalize the longest existing ancestor, then append the rest.
    let mut existing = joined.clone();
    let mut rest = Vec::new();
    while !existing.exists() {
        match (existing.file_name(), existing.parent()) {
            (Some(name), Some(parent)) => {
                rest.push(name.to_os_string());
                existing = parent.to_path_buf();
            }
            _ => break,
        }
    }
    let mut out = existing.canonicalize().unwrap_or(existing);
    for part in rest.into_iter().rev() {
        match Path::new(&part).components().next() {
            Some(Component::ParentDir) => {
                out.pop();
            }
            Some(Component::CurDir) | None => {}
            _ => out.push(part),
        }
    }
    Ok(out)
}
