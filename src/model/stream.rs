//! Extraction one document at a time, in memory that does not grow with the corpus:
//! what `extract --format jsonl` writes as it goes. Files are read and extracted on
//! all cores a batch at a time, and handed over in input order; each batch is
//! dropped before the next is read. Only the document ids seen so far are kept, to
//! make them unique as [`crate::corpus::dedupe_ids`] does for a whole load.

use super::{extract_document, rename_item, results};
use crate::corpus::{self, Document, LoadError, find::Walk};
use crate::extract::{Item, Themes};
use rayon::prelude::*;
use std::collections::HashMap;
use std::path::PathBuf;

/// One input as it comes out: a document with its items, or a file that could not be
/// read.
pub enum Outcome<'a> {
    Document(&'a Document, &'a [Item]),
    Error(&'a LoadError),
}

/// Files read and extracted together: enough to keep every core busy, few enough
/// that a batch of long articles stays small.
const BATCH_PER_THREAD: usize = 16;

/// What a stream produced, for the exit code.
#[derive(Debug, Default, Clone, Copy)]
pub struct Counts {
    pub documents: usize,
    pub errors: usize,
}

/// Finds, reads and extracts `paths`, calling `each` on every document and error in
/// input order (errors of the walk first). Extraction results among the files are
/// passed on as they are. Stops at the first error `each` returns.
pub fn for_each<E>(
    paths: &[PathBuf],
    how: Walk,
    themes: &Themes,
    mut each: impl FnMut(Outcome<'_>) -> Result<(), E>,
) -> Result<Counts, E> {
    let (files, walk_errors) = corpus::find::find_files_with(paths, how);
    let mut counts = Counts::default();
    for e in &walk_errors {
        counts.errors += 1;
        each(Outcome::Error(e))?;
    }
    let mut ids = Ids::default();
    let batch = BATCH_PER_THREAD * rayon::current_num_threads().max(1);
    for chunk in files.chunks(batch) {
        type Read = Result<(Vec<(Document, Vec<Item>)>, Vec<LoadError>), LoadError>;
        let done: Vec<Read> = chunk
            .par_iter()
            .map(|path| {
                let fail = |error| LoadError {
                    path: path.display().to_string(),
                    error,
                };
                if results::is_results(path) {
                    let r = results::read(path).map_err(fail)?;
                    let docs = r.documents.into_iter().zip(r.items).collect();
                    return Ok((docs, r.errors));
                }
                let mut doc = corpus::read_file(path)
                    .and_then(|bytes| corpus::document_from_bytes(path, &bytes))
                    .map_err(fail)?;
                let (mut items, _sketch) = extract_document(&mut doc, themes);
                // Each line stands alone: its items carry their region, their own
                // sentence as source and their key, as an unmerged run gives them.
                super::merge::prepare(&mut items);
                super::keys::assign(&mut items);
                Ok((vec![(doc, items)], Vec::new()))
            })
            .collect();
        for r in done {
            match r {
                Ok((docs, errors)) => {
                    for e in &errors {
                        counts.errors += 1;
                        each(Outcome::Error(e))?;
                    }
                    for (mut doc, mut items) in docs {
                        if ids.unique(&mut doc) {
                            for it in &mut items {
                                rename_item(it, &doc.id);
                            }
                        }
                        counts.documents += 1;
                        each(Outcome::Document(&doc, &items))?;
                    }
                }
                Err(e) => {
                    counts.errors += 1;
                    each(Outcome::Error(&e))?;
                }
            }
        }
    }
    Ok(counts)
}

/// Ids seen, each with how many times.
#[derive(Default)]
struct Ids(HashMap<String, usize>);

impl Ids {
    /// Renames a document whose id was seen before, as `dedupe_ids` would; true when
    /// it did.
    fn unique(&mut self, d: &mut Document) -> bool {
        let n = self.0.entry(d.id.clone()).or_insert(0);
        *n += 1;
        if *n > 1 {
            d.id = format!("{}-{}", d.id, n);
            true
        } else {
            false
        }
    }
}
