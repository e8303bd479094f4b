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

/// What staging and committing tell the user on the way, without failing the build.
#[derive(Debug)]
pub enum Notice<'a> {
    /// Another build holds the output's lock; this one waits for it.
    Waiting { lock: &'a Path },
    /// A folder diglot made could not be removed (it stays; the next build tries again).
    LeftBehind { path: &'a Path, error: io::Error },
    /// The previous site, set aside by a build that was killed, could not be put back.
    NotRestored { path: &'a Path, error: io::Error },
}

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

/// Checks `out` against the site root and content folder, takes the output's lock (telling
/// `notify` first if another build holds it), clears what killed builds left, and makes a
/// fresh temporary folder beside `out`. `explicit`: the user named `out` on the command line,
/// so it may lie outside the site root.
pub fn stage(
    out: &Path,
    root: &Path,
    content: &Path,
    explicit: bool,
    notify: &dyn Fn(Notice<'_>),
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
    let lock = lock(&parent.join(format!(".{name}.diglot-lock")), &|lock| {
        notify(Notice::Waiting { lock })
    })?;
    // Under the lock: whatever is left is from a build that is no more.
    recover(&parent, &name, &out_abs, notify);
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
    /// Once the new site is in place the build has succeeded: an old site that cannot be
    /// removed is a notice (the next build removes it), not a failure.
    pub fn commit(self, notify: &dyn Fn(Notice<'_>)) -> Result<PathBuf, OutputError> {
        if !self.out.exists() {
            std::fs::rename(&self.temp, &self.out)
                .map_err(|e| OutputError::Io(self.out.clone(), e))?;
            return Ok(self.out);
        }
        if exchange(&self.temp, &self.out).is_ok() {
            // The temporary name now holds the previous site.
            if let Err(error) = remove_ours(&self.temp) {
                notify(Notice::LeftBehind {
                    path: &self.temp,
                    error,
                });
            }
            return Ok(self.out);
        }
        let old = self.parent.join(unique(&self.name, "old"));
        std::fs::rename(&self.out, &old).map_err(|e| OutputError::Io(self.out.clone(), e))?;
        if let Err(e) = std::fs::rename(&self.temp, &self.out) {
            // Put the previous site back rather than leave none.
            let _ = std::fs::rename(&old, &self.out);
            return Err(OutputError::Io(self.out, e));
        }
        if let Err(error) = remove_ours(&old) {
            notify(Notice::LeftBehind { path: &old, error });
        }
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
    let mut options = std::fs::OpenOptions::new();
    options.create(true).truncate(false).write(true);
    // A symbolic link planted at the lock's name must not make diglot create or lock the
    // file it points at.
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::custom_flags(
        &mut options,
        rustix::fs::OFlags::NOFOLLOW.bits() as i32,
    );
    let file = options.open(path).map_err(io)?;
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
/// not yet deleted) is removed. Only real folders (not symbolic links) holding the marker
/// are touched; one that cannot be removed is a notice, and the build goes on.
fn recover(parent: &Path, name: &str, out: &Path, notify: &dyn Fn(Notice<'_>)) {
    let new = format!(".{name}.diglot-new-");
    let old = format!(".{name}.diglot-old-");
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    let mut leftovers: Vec<(bool, PathBuf)> = entries
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
        .filter_map(|e| {
            let file_name = e.file_name().to_string_lossy().into_owned();
            let is_old = file_name.starts_with(&old);
            (is_old || file_name.starts_with(&new)).then(|| (is_old, e.path()))
        })
        .filter(|(_, p)| ours(p))
        .collect();
    leftovers.sort();
    if !out.exists()
        && let Some(i) = leftovers.iter().rposition(|(is_old, _)| *is_old)
    {
        let (_, previous) = leftovers.remove(i);
        if let Err(error) = std::fs::rename(&previous, out) {
            notify(Notice::NotRestored {
                path: &previous,
                error,
            });
        }
    }
    for (_, dir) in leftovers {
        if let Err(error) = remove_ours(&dir) {
            notify(Notice::LeftBehind { path: &dir, error });
        }
    }
}

/// A real folder (not a symbolic link to one) holding diglot's marker as a regular file.
fn ours(dir: &Path) -> bool {
    dir.symlink_metadata().is_ok_and(|m| m.is_dir())
        && dir
            .join(MARKER)
            .symlink_metadata()
            .is_ok_and(|m| m.is_file())
}

/// Deletes a folder diglot wrote: everything but the marker first, the marker last, so a
/// deletion cut short leaves a folder the next build still recognizes and finishes. A
/// symbolic link is never followed (std's `remove_dir_all` does not follow them either).
fn remove_ours(dir: &Path) -> io::Result<()> {
    if !dir.symlink_metadata()?.is_dir() {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "not a folder diglot made (a symbolic link, or a file)",
        ));
    }
    if !ours(dir) {
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
        recover(tmp.path(), "public", &out, &|n| panic!("{n:?}"));
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
        recover(tmp.path(), "public", &tmp.path().join("public"), &|n| {
            panic!("{n:?}")
        });
        assert!(foreign.join("mine.txt").is_file());
        assert!(remove_ours(&foreign).is_err());
        assert!(foreign.join("mine.txt").is_file());
    }

    #[cfg(unix)]
    #[test]
    fn symbolic_links_among_the_leftovers_are_never_followed() {
        let tmp = tempfile::tempdir().expect("tmp");
        // A folder of someone's, marked as if diglot wrote it, reached through links named
        // like a killed build's leftovers and like the lock.
        let theirs = tmp.path().join("theirs");
        site_with(&theirs, "keep");
        let beside = tmp.path().join("site");
        std::fs::create_dir(&beside).expect("mkdir");
        for name in [".public.diglot-new-1-1", ".public.diglot-old-1-2"] {
            std::os::unix::fs::symlink(&theirs, beside.join(name)).expect("symlink");
        }
        recover(&beside, "public", &beside.join("public"), &|n| {
            panic!("{n:?}")
        });
        assert!(theirs.join("index.html").is_file(), "followed a link");
        assert!(!beside.join("public").exists(), "a link put in place");
        assert!(remove_ours(&beside.join(".public.diglot-new-1-1")).is_err());
        assert!(theirs.join("index.html").is_file());

        let target = tmp.path().join("their-file");
        std::fs::write(&target, "keep").expect("write");
        let lock_path = beside.join(".public.diglot-lock");
        std::os::unix::fs::symlink(&target, &lock_path).expect("symlink");
        assert!(lock(&lock_path, &|_| ()).is_err(), "locked through a link");
        let dangling = beside.join(".other.diglot-lock");
        std::os::unix::fs::symlink(tmp.path().join("created"), &dangling).expect("symlink");
        assert!(lock(&dangling, &|_| ()).is_err());
        assert!(
            !tmp.path().join("created").exists(),
            "created through a link"
        );
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
