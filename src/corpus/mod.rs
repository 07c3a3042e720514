//! Files → clean documents: find, decode, parse, clean, read metadata.
//!
//! Everything downstream works on [`Document::text`] (cleaned, original script) and
//! [`Document::simplified`] (the same characters converted to simplified Chinese, one
//! for one, so a char offset found in one is valid in the other). A file that cannot be
//! read becomes a [`LoadError`]; loading never panics and never stops at a bad file.
//!
//! The jobs, one module each: [`find`] (paths → files), [`decode`] (bytes → text),
//! [`parse`] (front matter, HTML, Markdown → lines and markup metadata), [`clean`]
//! (lines → article: header consumed, furniture and tails dropped, pinyin repaired) and
//! [`header`] (the header's rules: dates, 来源 lines, bylines), with [`text`] for what
//! they share. `simplified` additionally maps full-width
//! punctuation to ASCII one for one, so extraction rules see one form of each mark.

pub mod clean;
pub mod decode;
pub mod find;
pub mod header;
pub mod parse;
pub mod text;

use crate::time::PartialDate;
use rayon::prelude::*;
use serde::Serialize;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Where the published date was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum PublishedFrom {
    Header,
    FrontMatter,
    Meta,
    Text,
    /// A dateline's day ("新华社上海7月26日电") with the year the page reports.
    Dateline,
    #[default]
    None,
}

impl PublishedFrom {
    /// The name the JSON contract gives it (its serde name).
    pub fn name(self) -> &'static str {
        match self {
            PublishedFrom::Header => "header",
            PublishedFrom::FrontMatter => "front_matter",
            PublishedFrom::Meta => "meta",
            PublishedFrom::Text => "text",
            PublishedFrom::Dateline => "dateline",
            PublishedFrom::None => "none",
        }
    }
}

/// Re-exported where documents are: a [`Document`] carries its script.
pub use crate::script::Script;

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
    /// item spans index (in chars). Shared with the quotes of the document's items.
    pub text: Arc<str>,
    /// `text` converted to simplified Chinese char for char (same char count): what
    /// extraction matches on. A built [`crate::model::Corpus`] has emptied it.
    pub simplified: String,
    /// Things a reader should know about how the file was read.
    pub warnings: Vec<String>,
    /// Categories or tags from front matter, as written.
    pub categories: Vec<String>,
    /// The id of the canonical document when this one is a copy of it (set by the
    /// model, see `model::copies`).
    pub duplicate_of: Option<String>,
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
///
/// Decode → parse (front matter, HTML, Markdown) → lines → header metadata → body
/// cleaning → metadata by priority. Never panics; a file that is not text is an `Err`.
pub fn document_from_bytes(display_path: &Path, bytes: &[u8]) -> Result<Document, String> {
    let decoded = decode::decode(bytes)?;
    if decoded.text.trim().is_empty() {
        return Err("empty file (only white space)".into());
    }
    let ext = display_path
        .extension()
        .map(|e| e.to_string_lossy().into_owned())
        .unwrap_or_default();
    let parsed = parse::parse(&decoded.text, &ext);
    let mut warnings = decoded.warnings;
    warnings.extend(parsed.warnings);
    let markup = parsed.meta;

    let (lines, pinyin) = clean::lines_of(&parsed.body);
    let markup_title = markup
        .title
        .as_deref()
        .map(tidy_title)
        .filter(|t| !t.is_empty());
    // A <title> that is only the site's name ("光明网") says nothing about the article:
    // the header's own headline then wins.
    let markup_title = markup_title.filter(|t| !clean::site_name_like(t));
    let header = clean::read_header(&lines, markup_title.as_deref());
    // A file that is nothing but a headline keeps it as its text: it may be all
    // the file says.
    let keep = if header.body_start >= lines.len() && header.title.is_some() {
        lines
            .iter()
            .position(|l| Some(&l.text) == header.title.as_ref())
            .unwrap_or(header.body_start)
    } else {
        header.body_start
    };
    let body_lines: Vec<clean::Line> = lines.into_iter().skip(keep).collect();
    // The first paragraph, or the one after a subtitle that repeats the headline.
    let lead_outlet = body_lines
        .iter()
        .take(2)
        .find_map(|l| header::lead_outlet(&l.key, &l.text));
    let (body_lines, dropped) = clean::clean_body(body_lines);
    if pinyin > 0 {
        warnings.push(format!("repaired {pinyin} pinyin annotations"));
    }
    if dropped.tail_lines > 0 {
        let from: String = dropped
            .tail_from
            .clone()
            .unwrap_or_default()
            .chars()
            .take(20)
            .collect();
        warnings.push(format!(
            "dropped {} boilerplate lines (from '{from}')",
            dropped.tail_lines
        ));
    }
    if dropped.widget_lines > 0 {
        warnings.push(format!(
            "dropped {} widget, navigation and counter lines",
            dropped.widget_lines
        ));
    }

    let text = body_lines
        .iter()
        .map(|l| l.text.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    // The keys are the lines' simplified forms already: joining them is the
    // simplified text without converting it a second time.
    let simplified = body_lines
        .iter()
        .map(|l| l.key.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    debug_assert_eq!(text.chars().count(), simplified.chars().count());
    let mut han = clean::HanCount::default();
    for l in &body_lines {
        han += l.han;
    }
    debug_assert_eq!(
        crate::script::from_counts(han.han, han.changed),
        crate::script::detect(&text, &simplified)
    );
    if text.is_empty() {
        warnings.push("no article text found".into());
    }

    let (published, published_from) = if let Some(d) = markup.published {
        let from = if markup.published_in_front_matter {
            PublishedFrom::FrontMatter
        } else {
            PublishedFrom::Meta
        };
        (Some(d), from)
    } else if let Some(d) = header.published.or(dropped.source_date) {
        (Some(d), PublishedFrom::Header)
    } else if let Some((d, how)) = header::published_in_text(
        markup_title.as_deref().or(header.title.as_deref()),
        &simplified,
    ) {
        let from = match how {
            header::TextDate::Stated => PublishedFrom::Text,
            header::TextDate::Dateline => PublishedFrom::Dateline,
        };
        (Some(d), from)
    } else if let Some(d) = header::first_date_in_text(&text) {
        (Some(d), PublishedFrom::Text)
    } else {
        (None, PublishedFrom::None)
    };
    let source = header
        .source
        .or(dropped.source)
        .or_else(|| markup.author.as_deref().and_then(header::clean_outlet))
        .or_else(|| markup.site.as_deref().and_then(header::clean_outlet))
        .or(header.byline_source)
        .or(lead_outlet)
        .or_else(|| markup.html_author.as_deref().and_then(header::clean_outlet))
        .or(markup.title_site);
    let title = markup_title.or(header.title);

    Ok(Document {
        id: display_path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| display_path.display().to_string()),
        path: display_path.to_path_buf(),
        title,
        source,
        published,
        published_from,
        script: crate::script::from_counts(han.han, han.changed),
        encoding: decoded.encoding.to_string(),
        text: text.into(),
        simplified,
        warnings,
        categories: markup.categories,
        duplicate_of: None,
    })
}

/// A title from markup, normalised like article lines (spaces, widths, pinyin).
fn tidy_title(t: &str) -> String {
    let one_line = t.split_whitespace().collect::<Vec<_>>().join(" ");
    let norm = clean::normalise_line(&one_line);
    clean::repair_pinyin(&norm).0
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

/// Files larger than this are not articles; reading them whole would only waste memory.
const MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;

/// Loads files and folders (recursively). A path that does not exist, a file that
/// cannot be read and a file that is not text each become a [`LoadError`].
/// `progress(done, total)` is called as files finish, for progress bars.
pub fn load_paths(paths: &[PathBuf], progress: &(dyn Fn(usize, usize) + Sync)) -> Loaded {
    load_paths_with(paths, progress, &|_| ()).0
}

/// [`load_paths`], running `then` on each document on the worker that just read it,
/// while its text is still in that core's cache; the results line up with
/// `Loaded::documents`. This is how extraction joins the load pass without this
/// module knowing about extraction. `then` sees the document before ids are made
/// unique across the load (a `-2` suffix is added afterwards), so a result that
/// records the id must be checked against the final one.
pub fn load_paths_with<T: Send>(
    paths: &[PathBuf],
    progress: &(dyn Fn(usize, usize) + Sync),
    then: &(dyn Fn(&mut Document) -> T + Sync),
) -> (Loaded, Vec<T>) {
    let (files, errors) = find::find_files(paths);
    load_files_with(files, errors, progress, then)
}

/// [`load_paths_with`] of files already found (with the errors finding them gave).
pub fn load_files_with<T: Send>(
    files: Vec<PathBuf>,
    mut errors: Vec<LoadError>,
    progress: &(dyn Fn(usize, usize) + Sync),
    then: &(dyn Fn(&mut Document) -> T + Sync),
) -> (Loaded, Vec<T>) {
    let total = files.len();
    let done = AtomicUsize::new(0);
    type Outcome<T> = (PathBuf, Result<(Document, T), String>);
    let results: Vec<Outcome<T>> = files
        .into_par_iter()
        .map(|path| {
            let r = read_file(&path)
                .and_then(|bytes| document_from_bytes(&path, &bytes))
                .map(|mut d| {
                    let t = then(&mut d);
                    (d, t)
                });
            let n = done.fetch_add(1, Ordering::Relaxed) + 1;
            progress(n, total);
            (path, r)
        })
        .collect();
    let mut out = Loaded::default();
    let mut per_doc = Vec::with_capacity(results.len());
    for (path, r) in results {
        match r {
            Ok((d, t)) => {
                out.documents.push(d);
                per_doc.push(t);
            }
            Err(error) => out.errors.push(LoadError {
                path: path.display().to_string(),
                error,
            }),
        }
    }
    errors.append(&mut out.errors);
    out.errors = errors;
    dedupe_ids(&mut out.documents);
    (out, per_doc)
}

/// Reads a regular file, at most [`MAX_FILE_BYTES`] of it. The cap counts the bytes
/// read, not the size the file reports: files of /proc report 0 and go on and on. The
/// file is opened without blocking and checked to be regular before any read, so a
/// FIFO (or a /proc file that waits for data) is an error, never a hang.
pub fn read_file(path: &Path) -> Result<Vec<u8>, String> {
    read_up_to(path, MAX_FILE_BYTES, true).and_then(|bytes| {
        if bytes.len() as u64 > MAX_FILE_BYTES {
            Err(format!("file too large (more than {MAX_FILE_BYTES} bytes)"))
        } else {
            Ok(bytes)
        }
    })
}

/// The first `n` bytes of a regular file (fewer when it is shorter), read as
/// [`read_file`] reads: to tell a kind of file from its first bytes.
pub fn read_file_head(path: &Path, n: usize) -> Result<Vec<u8>, String> {
    let mut bytes = read_up_to(path, n as u64, false)?;
    bytes.truncate(n);
    Ok(bytes)
}

/// Up to `cap + 1` bytes of a regular file, so that a caller can tell a file over
/// the cap from one that fills it. `whole`: the file is wanted whole, so one that
/// says it is over [`MAX_FILE_BYTES`] is refused before any read.
fn read_up_to(path: &Path, cap: u64, whole: bool) -> Result<Vec<u8>, String> {
    use std::io::Read;
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let mut file = options.open(path).map_err(|e| e.to_string())?;
    let meta = file.metadata().map_err(|e| e.to_string())?;
    if !meta.is_file() {
        return Err("not a regular file".into());
    }
    let len = meta.len();
    if whole && len > MAX_FILE_BYTES {
        return Err(format!("file too large ({len} bytes)"));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(len.min(cap + 1)).unwrap_or(0));
    (&mut file)
        .take(cap + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::WouldBlock => "no data to read (the file waits for it)".into(),
            _ => e.to_string(),
        })?;
    Ok(bytes)
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
pub fn dedupe_ids(docs: &mut [Document]) {
    let mut seen = std::collections::HashMap::<String, usize>::new();
    for d in docs {
        let n = seen.entry(d.id.clone()).or_insert(0);
        *n += 1;
        if *n > 1 {
            d.id = format!("{}-{}", d.id, n);
        }
    }
}
