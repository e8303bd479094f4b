//! The one way diglot reads a user's file: only regular files, only inside the site, only up
//! to a size limit. A symbolic link to `/etc/passwd`, a FIFO that would block forever, a
//! device that never ends: each is refused with a reason, and the caller reports it and goes
//! on with the other files.

use std::fmt;
use std::fs::File;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use crate::diagnostics::{Diagnostic, Rule, codes};

/// No text file of a help site is anywhere near this; a larger one is a mistake (or an
/// attack), and reading it whole would cost memory for nothing.
pub const MAX_TEXT_BYTES: u64 = 32 * 1024 * 1024;

/// The folders a site may read from: its content folder, and its root when a `site.toml`
/// makes that folder a site; templates are read with the templates folder added ([`with`]).
/// Resolved, so that a path through a symbolic link is judged by where it really leads.
///
/// [`with`]: Boundary::with
#[derive(Clone, Debug, Default)]
pub struct Boundary {
    roots: Vec<PathBuf>,
}

impl Boundary {
    pub fn new<'p>(roots: impl IntoIterator<Item = &'p Path>) -> Boundary {
        let roots = roots
            .into_iter()
            .filter_map(|r| r.canonicalize().ok())
            .collect();
        Boundary { roots }
    }

    /// This boundary and `folder` too.
    pub fn with(&self, folder: &Path) -> Boundary {
        let mut roots = self.roots.clone();
        roots.extend(folder.canonicalize().ok());
        Boundary { roots }
    }

    /// Where `path` really leads, if that is inside the site.
    pub fn vet(&self, path: &Path) -> Result<PathBuf, Refusal> {
        let real = path.canonicalize().map_err(|e| Refusal::from_io(path, e))?;
        if self.roots.iter().any(|r| real.starts_with(r)) {
            Ok(real)
        } else {
            Err(Refusal::Outside(real))
        }
    }
}

impl Boundary {
    /// Whether an open file is inside the site, judged by where the system says it is (on
    /// Linux, `/proc/self/fd`); elsewhere, or without `/proc`, the vetting stands alone.
    pub fn holds_open(&self, file: &File) -> Result<(), Refusal> {
        #[cfg(target_os = "linux")]
        {
            use std::os::fd::AsRawFd;
            let fd = file.as_raw_fd();
            if let Ok(now) = std::fs::read_link(format!("/proc/self/fd/{fd}"))
                && now.is_absolute()
                && !self.roots.iter().any(|r| now.starts_with(r))
            {
                return Err(Refusal::Outside(now));
            }
        }
        #[cfg(not(target_os = "linux"))]
        let _ = file;
        Ok(())
    }
}

/// Why a file was not read.
#[derive(Debug)]
pub enum Refusal {
    /// It resolves (through a symbolic link) to this path, outside the site.
    Outside(PathBuf),
    /// Not a regular file: a FIFO, a socket, a device or a folder.
    NotRegular(&'static str),
    /// Larger than the limit (bytes, limit).
    TooLarge(u64, u64),
    /// A symbolic link to nothing.
    Dangling,
    Io(io::Error),
    /// Not used, for the reason given (a folder reached twice, a file that does not parse).
    Unusable(String),
}

impl Refusal {
    fn from_io(path: &Path, e: io::Error) -> Refusal {
        if e.kind() == io::ErrorKind::NotFound && path.symlink_metadata().is_ok() {
            Refusal::Dangling
        } else {
            Refusal::Io(e)
        }
    }

    /// The code a refusal is reported under.
    pub fn code(&self) -> &'static Rule {
        match self {
            Refusal::Outside(_) => &codes::IO003,
            Refusal::NotRegular(_) => &codes::IO004,
            Refusal::TooLarge(..) => &codes::IO005,
            Refusal::Dangling | Refusal::Io(_) | Refusal::Unusable(_) => &codes::IO001,
        }
    }

    /// The finding that `path` (as the report names it) was not read. Every IO001, IO003,
    /// IO004 and IO005 finding is made here.
    pub fn diagnostic(&self, path: &str) -> Diagnostic {
        Diagnostic::whole_file(self.code(), path, self.to_string())
    }
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Refusal::Outside(real) => write!(
                f,
                "a symbolic link to {}, outside the site; it is not read",
                real.display()
            ),
            Refusal::NotRegular(what) => write!(f, "{what}, not a regular file; it is not read"),
            Refusal::TooLarge(size, limit) => write!(
                f,
                "{} MB, over the {} MB limit for a text file; it is not read",
                size.div_ceil(1024 * 1024),
                limit / (1024 * 1024)
            ),
            Refusal::Dangling => f.write_str("a symbolic link to nothing; it is not read"),
            Refusal::Io(e) => write!(f, "cannot read: {e}"),
            Refusal::Unusable(why) => f.write_str(why),
        }
    }
}

/// What makes a folder the same folder however it is reached: device and inode where the
/// system has them, else the resolved path.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum FolderId {
    Inode(u64, u64),
    Path(PathBuf),
}

/// The identity of the folder at `path` (through symbolic links), if it can be read.
pub fn folder_id(path: &Path) -> Option<FolderId> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let meta = path.metadata().ok()?;
        Some(FolderId::Inode(meta.dev(), meta.ino()))
    }
    #[cfg(not(unix))]
    {
        path.canonicalize().ok().map(FolderId::Path)
    }
}

/// What a non-regular file is, in words.
pub fn kind_of(ft: std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if ft.is_fifo() {
            return "a FIFO (named pipe)";
        }
        if ft.is_socket() {
            return "a socket";
        }
        if ft.is_char_device() {
            return "a character device";
        }
        if ft.is_block_device() {
            return "a block device";
        }
    }
    if ft.is_dir() {
        "a folder"
    } else {
        "a special file"
    }
}

/// Opens `path` for reading if it is a regular file. A FIFO is opened without blocking (on
/// Unix), then refused, so nothing waits for a writer that never comes.
pub fn open_regular(path: &Path) -> Result<(File, u64), Refusal> {
    open_with(path, false)
}

/// [`open_regular`]; `no_follow`: a symbolic link at `path` itself is not opened.
fn open_with(path: &Path, no_follow: bool) -> Result<(File, u64), Refusal> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use rustix::fs::OFlags;
        use std::os::unix::fs::OpenOptionsExt;
        let mut flags = OFlags::NONBLOCK;
        if no_follow {
            flags |= OFlags::NOFOLLOW;
        }
        options.custom_flags(flags.bits() as i32);
    }
    #[cfg(not(unix))]
    let _ = no_follow;
    let file = options.open(path).map_err(|e| Refusal::from_io(path, e))?;
    let meta = file.metadata().map_err(Refusal::Io)?;
    if !meta.is_file() {
        return Err(Refusal::NotRegular(kind_of(meta.file_type())));
    }
    Ok((file, meta.len()))
}

/// Reads a regular file of at most `limit` bytes. The limit holds even if the file grows
/// while it is read.
pub fn read_regular(path: &Path, limit: u64) -> Result<Vec<u8>, Refusal> {
    let (file, len) = open_regular(path)?;
    read_open(file, len, limit)
}

fn read_open(file: File, len: u64, limit: u64) -> Result<Vec<u8>, Refusal> {
    if len > limit {
        return Err(Refusal::TooLarge(len, limit));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(len).unwrap_or(0));
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(Refusal::Io)?;
    if bytes.len() as u64 > limit {
        return Err(Refusal::TooLarge(bytes.len() as u64, limit));
    }
    Ok(bytes)
}

/// Vets `path` against the boundary, then reads it (a text file: the size limit applies).
pub fn read_inside(path: &Path, boundary: &Boundary) -> Result<Vec<u8>, Refusal> {
    let (file, len) = open_inside(path, boundary)?;
    read_open(file, len, MAX_TEXT_BYTES)
}

/// Vets `path` against the boundary and opens where it really leads, if a regular file.
/// On Linux the file is located, judged and opened through one handle
/// (`open_located`); elsewhere, or without `/proc`, the path is resolved first, and what
/// is opened is judged again: the resolved path is opened without following a link put
/// at its end since, and a folder on the way swapped for a link would show in where the
/// open file really is.
pub fn open_inside(path: &Path, boundary: &Boundary) -> Result<(File, u64), Refusal> {
    #[cfg(target_os = "linux")]
    if let Some(opened) = open_located(path, boundary) {
        return opened;
    }
    open_resolved(path, boundary)
}

/// [`open_inside`] by resolving the path first.
fn open_resolved(path: &Path, boundary: &Boundary) -> Result<(File, u64), Refusal> {
    let real = boundary.vet(path)?;
    let opened = open_with(&real, true)?;
    boundary.holds_open(&opened.0)?;
    Ok(opened)
}

/// On Linux, [`open_inside`] in one walk of the path: the file is located without being
/// opened (`O_PATH`), judged by where the system says that handle is and by what it is,
/// and only a regular file inside the site is then opened, through the handle, so what is
/// read is what was judged; a device or FIFO is never opened. Resolving the path first
/// cost a `readlink` per folder on it, a twentieth of a large site's check. `None` when
/// this cannot be done (no `/proc`, or the path cannot be located): then the path is
/// resolved first, and that says why it cannot be read.
#[cfg(target_os = "linux")]
fn open_located(path: &Path, boundary: &Boundary) -> Option<Result<(File, u64), Refusal>> {
    use rustix::fs::{Mode, OFlags};
    use std::os::fd::AsRawFd;
    let located = rustix::fs::open(path, OFlags::PATH | OFlags::CLOEXEC, Mode::empty()).ok()?;
    let handle = PathBuf::from(format!("/proc/self/fd/{}", located.as_raw_fd()));
    let real = std::fs::read_link(&handle)
        .ok()
        .filter(|p| p.is_absolute())?;
    if !boundary.roots.iter().any(|r| real.starts_with(r)) {
        return Some(Err(Refusal::Outside(real)));
    }
    // What the handle leads to, without opening it.
    let meta = match std::fs::metadata(&handle) {
        Ok(meta) => meta,
        Err(e) => return Some(Err(Refusal::Io(e))),
    };
    if !meta.is_file() {
        return Some(Err(Refusal::NotRegular(kind_of(meta.file_type()))));
    }
    Some(open_with(&handle, false))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_links_out_of_the_site_special_files_and_large_files() {
        let dir = tempfile::tempdir().expect("tmp");
        let site = dir.path().join("site");
        std::fs::create_dir(&site).expect("mkdir");
        let outside = dir.path().join("secret.txt");
        std::fs::write(&outside, "secret").expect("write");
        std::fs::write(site.join("ok.md"), "# ok").expect("write");
        let boundary = Boundary::new([site.as_path()]);
        assert_eq!(
            read_inside(&site.join("ok.md"), &boundary).expect("read"),
            b"# ok"
        );
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(&outside, site.join("link.md")).expect("symlink");
            let refused = read_inside(&site.join("link.md"), &boundary).expect_err("outside");
            assert!(matches!(refused, Refusal::Outside(_)), "{refused}");
            assert_eq!(refused.code().code, "IO003");
            std::os::unix::fs::symlink(site.join("ok.md"), site.join("inside.md"))
                .expect("symlink");
            assert!(read_inside(&site.join("inside.md"), &boundary).is_ok());
            std::os::unix::fs::symlink(site.join("gone.md"), site.join("dangling.md"))
                .expect("symlink");
            let dangling = read_inside(&site.join("dangling.md"), &boundary).expect_err("gone");
            // Opened however it was reached, a file outside is refused.
            let open = File::open(&outside).expect("open");
            // Judged through /proc, where there is one (some sandboxes have none).
            if cfg!(target_os = "linux") && Path::new("/proc/self/fd").is_dir() {
                assert!(matches!(
                    boundary.holds_open(&open),
                    Err(Refusal::Outside(_))
                ));
            }
            let inside = File::open(site.join("ok.md")).expect("open");
            assert!(boundary.holds_open(&inside).is_ok());
            drop(open);
            assert!(matches!(dangling, Refusal::Dangling), "{dangling}");
            let dev = read_regular(Path::new("/dev/zero"), MAX_TEXT_BYTES).expect_err("device");
            assert!(dev.to_string().contains("character device"), "{dev}");
        }
        #[cfg(unix)]
        both_ways_refuse_what_is_not_a_regular_file_inside(&site, &boundary);
        let big = site.join("big.md");
        std::fs::write(&big, vec![b'a'; 2048]).expect("write");
        let refused = read_regular(&big, 1024).expect_err("too large");
        assert_eq!(refused.code().code, "IO005");
    }

    /// Located through a handle (Linux) or resolved first, the same refusals: a FIFO and a
    /// folder in the site are not regular files (and the FIFO is not waited on), a link to
    /// a device outside the site is outside it.
    #[cfg(unix)]
    fn both_ways_refuse_what_is_not_a_regular_file_inside(site: &Path, boundary: &Boundary) {
        let fifo = site.join("pipe.md");
        rustix::fs::mknodat(
            rustix::fs::CWD,
            &fifo,
            rustix::fs::FileType::Fifo,
            rustix::fs::Mode::RUSR | rustix::fs::Mode::WUSR,
            0,
        )
        .expect("mkfifo");
        std::fs::create_dir(site.join("folder.md")).expect("mkdir");
        std::os::unix::fs::symlink("/dev/zero", site.join("zero.md")).expect("symlink");
        type Open = fn(&Path, &Boundary) -> Result<(File, u64), Refusal>;
        let ways: [(&str, Open); 2] = [("located", open_inside), ("resolved", open_resolved)];
        for (way, open) in ways {
            let refused = |name: &str| match open(&site.join(name), boundary) {
                Ok(_) => panic!("{way}: {name} was opened"),
                Err(refusal) => refusal,
            };
            let pipe = refused("pipe.md");
            assert!(pipe.to_string().contains("FIFO"), "{way}: {pipe}");
            let folder = refused("folder.md");
            assert!(folder.to_string().contains("a folder"), "{way}: {folder}");
            let zero = refused("zero.md");
            assert!(matches!(zero, Refusal::Outside(_)), "{way}: {zero}");
            assert!(open(&site.join("ok.md"), boundary).is_ok(), "{way}");
        }
    }
}
