//! Paths → the files to read, in a stable order.
//!
//! Folders are walked iteratively in sorted order; hidden entries (and the curation
//! file) are skipped; each folder is entered once by its canonical path, so symlink
//! loops end. Anything that is not a regular file or folder is reported, never read
//! (reading a FIFO would block).
//!
//! A symlink to a folder met during the walk is not entered unless [`Walk::follow`] is
//! set, as in ripgrep: one link to `/` would otherwise lead the walk through the whole
//! machine, `/proc` included. A path given by the user is always followed, and so is
//! a link to a regular file.

use super::LoadError;
use rayon::prelude::*;
use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};

/// The analyst's curation file of a corpus folder (see `model::curation`): it is
/// about the articles, not one of them, so a walk leaves it out.
pub const CURATION_FILE: &str = "biotimeline-curation.json";

/// How folders are walked.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Walk {
    /// Enter symlinked folders met in the walk (each real folder still once).
    pub follow: bool,
}

/// The files under `paths` (each as its display path) and the paths that could not be
/// used. Arguments are expanded in the order given; a file reached twice is read once.
pub fn find_files(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<LoadError>) {
    find_files_with(paths, Walk::default())
}

/// [`find_files`], walking as `how` says.
pub fn find_files_with(paths: &[PathBuf], how: Walk) -> (Vec<PathBuf>, Vec<LoadError>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    let mut seen_dirs = HashSet::new();
    let mut seen_files = HashSet::new();
    for p in paths {
        match fs::metadata(p) {
            Err(e) => errors.push(error(p, &e.to_string())),
            Ok(m) if m.is_file() => add_file(p, &m, &mut files, &mut seen_files),
            Ok(m) if m.is_dir() => walk(
                p,
                how,
                &mut files,
                &mut errors,
                &mut seen_dirs,
                &mut seen_files,
            ),
            Ok(_) => errors.push(error(p, "not a regular file")),
        }
    }
    (files, errors)
}

fn error(p: &Path, e: &str) -> LoadError {
    LoadError {
        path: p.display().to_string(),
        error: e.to_string(),
    }
}

fn add_file(p: &Path, meta: &fs::Metadata, files: &mut Vec<PathBuf>, seen: &mut HashSet<FileKey>) {
    if seen.insert(file_key(p, meta)) {
        files.push(p.to_path_buf());
    }
}

/// What makes two paths the same file.
#[cfg(unix)]
type FileKey = (u64, u64);
#[cfg(not(unix))]
type FileKey = PathBuf;

/// On Unix the device and inode of the file (the metadata followed symlinks, so a link
/// and its target agree): the stat the walk made already says it, where resolving
/// the canonical path costs a system call per path component, which was most of the
/// walk's time on a folder of thousands of articles (issue 5).
#[cfg(unix)]
fn file_key(_: &Path, meta: &fs::Metadata) -> FileKey {
    use std::os::unix::fs::MetadataExt;
    (meta.dev(), meta.ino())
}

#[cfg(not(unix))]
fn file_key(p: &Path, _: &fs::Metadata) -> FileKey {
    fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf())
}

fn walk(
    root: &Path,
    how: Walk,
    files: &mut Vec<PathBuf>,
    errors: &mut Vec<LoadError>,
    seen_dirs: &mut HashSet<PathBuf>,
    seen_files: &mut HashSet<FileKey>,
) {
    // Depth-first with sorted entries pushed in reverse: the output is in path order.
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let Ok(canon) = fs::canonicalize(&dir) else {
            errors.push(error(&dir, "cannot resolve path"));
            continue;
        };
        if !seen_dirs.insert(canon) {
            continue; // a symlink back into a folder already read
        }
        let entries = match fs::read_dir(&dir) {
            Ok(rd) => rd,
            Err(e) => {
                errors.push(error(&dir, &e.to_string()));
                continue;
            }
        };
        let mut names: Vec<_> = entries
            .filter_map(Result::ok)
            .map(|e| e.file_name())
            .filter(|n| !n.to_string_lossy().starts_with('.') && n != CURATION_FILE)
            .collect();
        names.sort();
        // One stat per entry, on all cores: on a folder of thousands of articles the
        // stats are most of the walk, and the walk runs before any file is read.
        // None: a symlinked folder, left alone.
        type Stat = Option<std::io::Result<fs::Metadata>>;
        let stats: Vec<(PathBuf, Stat)> = names
            .par_iter()
            .map(|name| {
                let path = dir.join(name);
                let meta = match fs::symlink_metadata(&path) {
                    Ok(m) if m.file_type().is_symlink() => match fs::metadata(&path) {
                        Ok(t) if t.is_dir() && !how.follow => return (path, None),
                        other => other,
                    },
                    other => other,
                };
                (path, Some(meta))
            })
            .collect();
        let mut subdirs = Vec::new();
        for (path, meta) in stats {
            let Some(meta) = meta else { continue };
            match meta {
                Ok(m) if m.is_dir() => subdirs.push(path),
                Ok(m) if m.is_file() => add_file(&path, &m, files, seen_files),
                Ok(_) => errors.push(error(&path, "not a regular file")),
                Err(e) => errors.push(error(&path, &e.to_string())),
            }
        }
        // Files of a folder come before its subfolders' files, each group sorted.
        stack.extend(subdirs.into_iter().rev());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorted_hidden_skipped_files_first() {
        let t = tempfile::TempDir::new().unwrap();
        let r = t.path();
        fs::create_dir_all(r.join("b/sub")).unwrap();
        fs::create_dir_all(r.join(".git")).unwrap();
        for f in [
            "z.txt",
            "a.txt",
            ".hidden.txt",
            "b/2.txt",
            "b/1.txt",
            "b/sub/x.txt",
            ".git/c",
        ] {
            fs::write(r.join(f), "x").unwrap();
        }
        let (files, errors) = find_files(&[r.to_path_buf()]);
        assert!(errors.is_empty(), "{errors:?}");
        let rel: Vec<String> = files
            .iter()
            .map(|f| f.strip_prefix(r).unwrap().display().to_string())
            .collect();
        assert_eq!(rel, ["a.txt", "z.txt", "b/1.txt", "b/2.txt", "b/sub/x.txt"]);
    }

    #[test]
    fn missing_path_is_an_error() {
        let (files, errors) = find_files(&[PathBuf::from("/no/such/path/here")]);
        assert!(files.is_empty());
        assert_eq!(errors.len(), 1);
    }
}
