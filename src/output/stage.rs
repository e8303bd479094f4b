//! The output swap. A build writes into a fresh folder beside the output and swaps it in only
//! when complete, so readers of the output see the previous site or the new one, never half
//! of one, whatever happens to the build:
//!
//! - one build at a time per output folder: a lock file beside it (`.NAME.diglot-lock`, kept
//!   like Hugo's `.hugo_build.lock`); a second build waits, saying so;
//! - temporary folders are named `.NAME.diglot-new-PID-TIME` (and `.NAME.diglot-old-…` where
//!   the swap takes two renames), names no user picks, each holding diglot's marker file;
//! - on Linux the swap is one atomic `renameat2(RENAME_EXCHANGE)`; elsewhere it is two
//!   renames, and a build killed between them leaves the previous site aside, which the next
//!   build puts back;
//! - leftovers of a killed build are removed by the next one (under the lock, so none is in
//!   use); nothing without the marker is ever deleted, and a folder's marker goes last.

use std::fs::File;
use std::io;
use std::path::{Component, Path, PathBuf};

use super::{MARKER, OutputError};

/// An output folder that passed the safety checks, locked, and the temporary folder to build
/// into. Dropping it releases the lock.
#[derive(Debug)]
pub struct Staging {
    pub out: PathBuf,
    pub temp: PathBuf,
    parent: PathBuf,
    name: String,
    _lock: File,
}

/// Checks `out` against the site root and content folder, takes the output's lock (calling
/// `on_wait` first if another build holds it), clears what killed builds left, and makes a
/// fresh temporary folder beside `out`. `explicit`: the user named `out` on the command line,
/// so it may lie outside the site root.
pub fn stage(
    out: &Path,
    root: &Path,
    content: &Path,
    explicit: bool,
    on_wait: &dyn Fn(&Path),
) -> Result<Staging, OutputError> {
    let out_abs = absolute(out).map_err(|e| OutputError::Io(out.to_path_buf(), e))?;
    let root_abs = absolute(root).map_err(|e| OutputError::Io(root.to_path_buf(), e))?;
    let content_abs = absolute(content).map_err(|e| OutputError::Io(content.to_path_buf(), e))?;
    refuse_dangerous(&out_abs, &root_abs, &content_abs, explicit)?;
    let parent = out_abs.parent().unwrap_or(Path::new("/")).to_path_buf();
    // Names derived from the output's must fit too: a long one is cut (and hashed).
    let name = out_abs
        .file_name()
        .map(|n| super::fit_within(&n.to_string_lossy(), "", 100))
        .unwrap_or_default();
    std::fs::create_dir_all(&parent).map_err(|e| OutputError::Io(parent.clone(), e))?;
    let lock = lock(&parent.join(format!(".{name}.diglot-lock")), on_wait)?;
    // Under the lock: whatever is left is from a build that is no more.
    recover(&parent, &name, &out_abs)?;
    if out_abs.exists() && !replaceable(&out_abs) {
        return Err(OutputError::Foreign(out_abs));
    }
    let temp = parent.join(unique(&name, "new"));
    std::fs::create_dir(&temp).map_err(|e| OutputError::Io(temp.clone(), e))?;
    std::fs::write(
        temp.join(MARKER),
        "This folder was written by diglot; `diglot build` replaces it whole.\n",
    )
    .map_err(|e| OutputError::Io(temp.clone(), e))?;
    Ok(Staging {
        out: out_abs,
        temp,
        parent,
        name,
        _lock: lock,
    })
}

impl Staging {
    /// Swaps the finished temporary folder in place of the output, then drops the old site.
    pub fn commit(self) -> Result<PathBuf, OutputError> {
        if !self.out.exists() {
            std::fs::rename(&self.temp, &self.out)
                .map_err(|e| OutputError::Io(self.out.clone(), e))?;
            return Ok(self.out);
        }
        if exchange(&self.temp, &self.out).is_ok() {
            // The temporary name now holds the previous site.
            remove_ours(&self.temp).map_err(|e| OutputError::Io(self.temp.clone(), e))?;
            return Ok(self.out);
        }
        let old = self.parent.join(unique(&self.name, "old"));
        std::fs::rename(&self.out, &old).map_err(|e| OutputError::Io(self.out.clone(), e))?;
        if let Err(e) = std::fs::rename(&self.temp, &self.out) {
            // Put the previous site back rather than leave none.
            let _ = std::fs::rename(&old, &self.out);
            return Err(OutputError::Io(self.out, e));
        }
        remove_ours(&old).map_err(|e| OutputError::Io(old.clone(), e))?;
        Ok(self.out)
    }

    /// Drops the temporary folder after a failed build; the old site stays as it was.
    pub fn abandon(self) {
        let _ = remove_ours(&self.temp);
    }
}

fn refuse_dangerous(
    out: &Path,
    root: &Path,
    content: &Path,
    explicit: bool,
) -> Result<(), OutputError> {
    let refuse = |why| Err(OutputError::Refused(out.to_path_buf(), why));
    if out.parent().is_none() {
        return refuse("it is the file system root");
    }
    if out == root {
        return refuse("it is the site root");
    }
    if out == content {
        return refuse("it is the content folder");
    }
    if content.starts_with(out) {
        return refuse("it contains the content folder");
    }
    if root.starts_with(out) {
        return refuse("it contains the site root");
    }
    if out.starts_with(content) {
        return refuse("it is inside the content folder");
    }
    if !explicit && !out.starts_with(root) {
        return refuse("it is outside the site root (pass --out to build there)");
    }
    if out.exists() && !out.is_dir() {
        return refuse("it is a file, not a folder");
    }
    Ok(())
}

/// Takes the lock of an output folder, waiting (after saying so) while another build has it.
fn lock(path: &Path, on_wait: &dyn Fn(&Path)) -> Result<File, OutputError> {
    let io = |e| OutputError::Io(path.to_path_buf(), e);
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(path)
        .map_err(io)?;
    match file.try_lock() {
        Ok(()) => Ok(file),
        Err(std::fs::TryLockError::WouldBlock) => {
            on_wait(path);
            file.lock().map_err(io)?;
            Ok(file)
        }
        Err(std::fs::TryLockError::Error(e)) => Err(io(e)),
    }
}

/// `.NAME.diglot-KIND-PID-NANOS`: no user's folder, and no other build's.
fn unique(name: &str, kind: &str) -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    format!(".{name}.diglot-{kind}-{}-{nanos}", std::process::id())
}

/// Clears what killed builds left beside `out`: a previous site set aside by a two-rename
/// swap goes back in place if the output is missing; the rest (unfinished builds, old sites
/// not yet deleted) is removed. Only folders holding the marker are touched.
fn recover(parent: &Path, name: &str, out: &Path) -> Result<(), OutputError> {
    let new = format!(".{name}.diglot-new-");
    let old = format!(".{name}.diglot-old-");
    let Ok(entries) = std::fs::read_dir(parent) else {
        return Ok(());
    };
    let mut leftovers: Vec<(bool, PathBuf)> = entries
        .filter_map(Result::ok)
        .filter_map(|e| {
            let file_name = e.file_name().to_string_lossy().into_owned();
            let is_old = file_name.starts_with(&old);
            (is_old || file_name.starts_with(&new)).then(|| (is_old, e.path()))
        })
        .filter(|(_, p)| p.join(MARKER).is_file())
        .collect();
    leftovers.sort();
    if !out.exists()
        && let Some(i) = leftovers.iter().rposition(|(is_old, _)| *is_old)
    {
        let (_, previous) = leftovers.remove(i);
        std::fs::rename(&previous, out).map_err(|e| OutputError::Io(previous.clone(), e))?;
    }
    for (_, dir) in leftovers {
        remove_ours(&dir).map_err(|e| OutputError::Io(dir.clone(), e))?;
    }
    Ok(())
}

/// Deletes a folder diglot wrote: everything but the marker first, the marker last, so a
/// deletion cut short leaves a folder the next build still recognizes and finishes.
fn remove_ours(dir: &Path) -> io::Result<()> {
    if !dir.join(MARKER).is_file() {
        // Only an empty folder (an empty output that was swapped out) may lack the marker.
        return std::fs::remove_dir(dir);
    }
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        if entry.file_name() == MARKER {
            continue;
        }
        if entry.file_type()?.is_dir() {
            std::fs::remove_dir_all(entry.path())?;
        } else {
            std::fs::remove_file(entry.path())?;
        }
    }
    std::fs::remove_file(dir.join(MARKER))?;
    std::fs::remove_dir(dir)
}

/// Swaps two folders in one atomic step (Linux); elsewhere reports that it cannot.
fn exchange(a: &Path, b: &Path) -> io::Result<()> {
    #[cfg(target_os = "linux")]
    {
        use rustix::fs::{CWD, RenameFlags, renameat_with};
        renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).map_err(io::Error::from)
    }
    #[cfg(not(target_os = "linux"))]
    {
        let _ = (a, b);
        Err(io::ErrorKind::Unsupported.into())
    }
}

/// Empty, or written by diglot.
fn replaceable(dir: &Path) -> bool {
    if !dir.is_dir() {
        return false;
    }
    dir.join(MARKER).is_file() || std::fs::read_dir(dir).is_ok_and(|mut d| d.next().is_none())
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

#[cfg(test)]
mod tests {
    use super::*;

    fn site_with(dir: &Path, page: &str) {
        std::fs::create_dir_all(dir).expect("mkdir");
        std::fs::write(dir.join(MARKER), "").expect("marker");
        std::fs::write(dir.join("index.html"), page).expect("page");
    }

    #[test]
    fn a_swap_cut_between_its_renames_is_undone_by_the_next_build() {
        let tmp = tempfile::tempdir().expect("tmp");
        let out = tmp.path().join("public");
        // The previous site was set aside, the new one not yet in place; a user's own
        // `.public.old` sits beside them.
        site_with(&tmp.path().join(".public.diglot-old-1-1"), "previous");
        site_with(&tmp.path().join(".public.diglot-new-1-2"), "half");
        std::fs::create_dir(tmp.path().join(".public.old")).expect("mkdir");
        std::fs::write(tmp.path().join(".public.old/mine.txt"), "keep").expect("write");
        recover(tmp.path(), "public", &out).expect("recover");
        assert_eq!(
            std::fs::read_to_string(out.join("index.html")).expect("page"),
            "previous"
        );
        assert!(!tmp.path().join(".public.diglot-new-1-2").exists());
        assert!(tmp.path().join(".public.old/mine.txt").is_file());
    }

    #[test]
    fn only_marked_folders_are_removed() {
        let tmp = tempfile::tempdir().expect("tmp");
        let foreign = tmp.path().join(".public.diglot-new-9-9");
        std::fs::create_dir(&foreign).expect("mkdir");
        std::fs::write(foreign.join("mine.txt"), "keep").expect("write");
        recover(tmp.path(), "public", &tmp.path().join("public")).expect("recover");
        assert!(foreign.join("mine.txt").is_file());
        assert!(remove_ours(&foreign).is_err());
        assert!(foreign.join("mine.txt").is_file());
    }

    #[test]
    fn a_second_lock_waits_and_says_so() {
        let tmp = tempfile::tempdir().expect("tmp");
        let path = tmp.path().join(".public.diglot-lock");
        let first = lock(&path, &|_| panic!("nobody holds it")).expect("lock");
        let waited = std::sync::atomic::AtomicBool::new(false);
        std::thread::scope(|s| {
            let second = s.spawn(|| {
                lock(&path, &|_| {
                    waited.store(true, std::sync::atomic::Ordering::SeqCst)
                })
                .expect("lock")
            });
            while !waited.load(std::sync::atomic::Ordering::SeqCst) {
                std::thread::yield_now();
            }
            drop(first);
            second.join().expect("second lock");
        });
    }
}
