//! Files → clean documents: find, decode, parse, clean, read metadata.
//!
//! Everything downstream works on [`Document::text`] (cleaned, original script) and
//! [`Document::simplified`] (the same characters converted to simplified Chinese, one
//! for one, so a char offset found in one is valid in the other). A file that cannot be
//! read becomes a [`LoadError`]; loading never panics and never stops at a bad file.

use crate::time::PartialDate;
use serde::Serialize;
use std::path::{Path, PathBuf};

/// Where the published date was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum PublishedFrom {
    Header,
    FrontMatter,
    Meta,
    Text,
    #[default]
    None,
}

/// The script the original text is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Script {
    #[default]
    Hans,
    Hant,
    Mixed,
}

/// One article or notice, cleaned and ready for extraction.
#[derive(Debug, Clone, Default)]
pub struct Document {
    /// File stem, made unique within a load.
    pub id: String,
    /// The path as given (relative paths stay relative), for display and errors.
    pub path: PathBuf,
    pub title: Option<String>,
    pub source: Option<String>,
    pub published: Option<PartialDate>,
    pub published_from: PublishedFrom,
    pub script: Script,
    /// The encoding the bytes were decoded as, e.g. "UTF-8", "GB18030", "Big5".
    pub encoding: String,
    /// Cleaned body in the original script: what the detail panel shows and what
    /// item spans index (in chars).
    pub text: String,
    /// `text` converted to simplified Chinese char for char (same char count).
    pub simplified: String,
    /// Things a reader should know about how the file was read.
    pub warnings: Vec<String>,
}

impl Document {
    pub fn chars(&self) -> usize {
        self.text.chars().count()
    }
}

/// A file that could not be turned into a document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LoadError {
    pub path: String,
    pub error: String,
}

/// What loading a set of paths produced.
#[derive(Debug, Default)]
pub struct Loaded {
    pub documents: Vec<Document>,
    pub errors: Vec<LoadError>,
}

/// Reads one file's bytes into a document. `display_path` is what errors and the
/// document show.
pub fn document_from_bytes(display_path: &Path, bytes: &[u8]) -> Result<Document, String> {
    let _ = (display_path, bytes);
    Err("not implemented".into())
}

/// The bundled default corpus, embedded so the binary works from any directory.
static SEEDS: include_dir::Dir<'static> = include_dir::include_dir!("$CARGO_MANIFEST_DIR/seeds");

/// Loads the embedded seed articles; their paths read `seeds/<file>`.
pub fn load_seeds() -> Loaded {
    let mut files: Vec<&include_dir::File<'static>> = SEEDS.files().collect();
    files.sort_by_key(|f| f.path());
    let mut out = Loaded::default();
    for f in files {
        let path = Path::new("seeds").join(f.path());
        push(&mut out, &path, document_from_bytes(&path, f.contents()));
    }
    dedupe_ids(&mut out.documents);
    out
}

/// Loads files and folders (recursively). A path that does not exist, a file that
/// cannot be read and a file that is not text each become a [`LoadError`].
/// `progress(done, total)` is called as files finish, for progress bars.
pub fn load_paths(paths: &[PathBuf], progress: &(dyn Fn(usize, usize) + Sync)) -> Loaded {
    let _ = (paths, progress);
    Loaded::default()
}

fn push(out: &mut Loaded, path: &Path, r: Result<Document, String>) {
    match r {
        Ok(d) => out.documents.push(d),
        Err(error) => out.errors.push(LoadError {
            path: path.display().to_string(),
            error,
        }),
    }
}

/// Two files with the same stem in different folders get `-2`, `-3`… so ids stay unique
/// and stable for the same input order.
fn dedupe_ids(docs: &mut [Document]) {
    let mut seen = std::collections::HashMap::<String, usize>::new();
    for d in docs {
        let n = seen.entry(d.id.clone()).or_insert(0);
        *n += 1;
        if *n > 1 {
            d.id = format!("{}-{}", d.id, n);
        }
    }
}
