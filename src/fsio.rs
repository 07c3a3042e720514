//! Where an output goes, and how it gets there without harm.
//!
//! `-` is standard output. A symlink is written through to the file it names, and
//! that file is replaced atomically in its own folder, so the link stays a link. A
//! device, FIFO or socket is written to in place: replacing it with a plain file would
//! take it away from everything else that uses it (as root, a device node of the whole
//! machine). Anything else is written to a temporary file next to the target and
//! renamed over it once complete, so a failed write never leaves half a file or
//! destroys the old one.

use std::fs::{self, OpenOptions};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

/// A write that failed; the message names the file and gives the cause once.
#[derive(Debug, thiserror::Error)]
#[error("cannot write {}: {cause}", path.display())]
pub struct WriteError {
    pub path: PathBuf,
    // Not a `source`: error reports that print the chain would repeat it.
    pub cause: io::Error,
}

/// How an output path is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Destination {
    /// `-`.
    Stdout,
    /// A regular file (or none yet): replaced atomically. The path is the one the
    /// symlinks (if any) lead to.
    Replace(PathBuf),
    /// A device, FIFO or other special file: opened and written in place.
    InPlace(PathBuf),
}

/// Symlinks followed at most this deep, as the kernel does (ELOOP).
const MAX_LINKS: usize = 40;

/// Where writing `path` goes.
pub fn destination(path: &Path) -> io::Result<Destination> {
    if path.as_os_str() == "-" {
        return Ok(Destination::Stdout);
    }
    let mut p = path.to_path_buf();
    for _ in 0..MAX_LINKS {
        let meta = match fs::symlink_metadata(&p) {
            Ok(m) => m,
            // A new file, or the missing end of a dangling link: created there.
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Destination::Replace(p)),
            Err(e) => return Err(e),
        };
        let t = meta.file_type();
        if t.is_symlink() {
            let target = fs::read_link(&p)?;
            p = match p.parent() {
                Some(dir) if target.is_relative() => dir.join(target),
                _ => target,
            };
        } else if t.is_file() {
            return Ok(Destination::Replace(p));
        } else if t.is_dir() {
            return Err(io::Error::new(
                io::ErrorKind::IsADirectory,
                "is a folder, not a file",
            ));
        } else {
            return Ok(Destination::InPlace(p));
        }
    }
    Err(io::Error::other("too many levels of symbolic links"))
}

/// Writes `path` with what `fill` writes into it, through a buffer (see the module
/// for where it goes). A reader that closes standard output early (`| head`) is its
/// choice, not an error.
pub fn write_with(
    path: &Path,
    fill: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> Result<(), WriteError> {
    let fail = |cause| WriteError {
        path: path.to_path_buf(),
        cause,
    };
    match destination(path).map_err(fail)? {
        Destination::Stdout => {
            let mut out = BufWriter::with_capacity(1 << 16, io::stdout().lock());
            match fill(&mut out).and_then(|()| out.flush()) {
                Err(e) if e.kind() != io::ErrorKind::BrokenPipe => Err(fail(e)),
                _ => Ok(()),
            }
        }
        Destination::InPlace(p) => {
            let file = OpenOptions::new().write(true).open(&p).map_err(fail)?;
            let mut out = BufWriter::with_capacity(1 << 16, file);
            fill(&mut out).and_then(|()| out.flush()).map_err(fail)
        }
        Destination::Replace(p) => replace(&p, fill).map_err(fail),
    }
}

/// [`write_with`] of bytes already made.
pub fn write_bytes(path: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    write_with(path, |w| w.write_all(bytes))
}

/// A temporary file in `path`'s folder, renamed over `path` once `fill` succeeded
/// and the data is on disk; removed when anything failed.
fn replace(path: &Path, fill: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> io::Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let tmp = tempfile::Builder::new()
        .prefix(".biotimeline-")
        .tempfile_in(dir)
        .map_err(plain)?;
    let mut out = BufWriter::with_capacity(1 << 16, tmp);
    fill(&mut out)?;
    let tmp = out.into_inner().map_err(io::IntoInnerError::into_error)?;
    // Temporary files are private (0600); an export is for sharing, so it gets the
    // replaced file's permissions, or the usual rw-r--r-- for a new file.
    let perms = match fs::metadata(path) {
        Ok(m) if m.is_file() => m.permissions(),
        _ => default_permissions(tmp.as_file())?,
    };
    tmp.as_file().set_permissions(perms)?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// tempfile's errors add the temporary file's name to the cause ("… at path
/// \".biotimeline-XYZ\""), a name the user never chose and that no longer exists; the
/// cause alone is what they need. (tempfile keeps the inner error private, so it is
/// cut from the message; a message of another form is kept whole.)
fn plain(e: io::Error) -> io::Error {
    let msg = e.to_string();
    match msg.find(" at path ") {
        Some(i) if e.get_ref().is_some() => io::Error::new(e.kind(), msg[..i].to_string()),
        _ => e,
    }
}

#[cfg(unix)]
fn default_permissions(_: &fs::File) -> io::Result<fs::Permissions> {
    use std::os::unix::fs::PermissionsExt;
    Ok(fs::Permissions::from_mode(0o644))
}

#[cfg(not(unix))]
fn default_permissions(f: &fs::File) -> io::Result<fs::Permissions> {
    Ok(f.metadata()?.permissions())
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;

    #[test]
    fn dash_is_stdout_and_links_lead_to_their_target() {
        let t = tempfile::TempDir::new().unwrap();
        assert_eq!(destination(Path::new("-")).unwrap(), Destination::Stdout);
        let file = t.path().join("real.csv");
        fs::write(&file, "old").unwrap();
        symlink("real.csv", t.path().join("link.csv")).unwrap();
        assert_eq!(
            destination(&t.path().join("link.csv")).unwrap(),
            Destination::Replace(t.path().join("real.csv"))
        );
        symlink("a", t.path().join("b")).unwrap();
        symlink("b", t.path().join("a")).unwrap();
        assert!(destination(&t.path().join("a")).is_err());
        assert!(destination(t.path()).is_err());
    }

    #[test]
    fn cause_is_given_once() {
        let t = tempfile::TempDir::new().unwrap();
        let e = write_bytes(&t.path().join("no/such/dir/x.csv"), b"x").unwrap_err();
        let msg = format!("{:#}", anyhow::Error::new(e));
        assert_eq!(msg.matches("os error").count(), 1, "{msg}");
        assert!(msg.contains("x.csv"), "{msg}");
        assert!(!msg.contains(".biotimeline-"), "{msg}");
    }
}
