//! The loaded corpus and what the user is looking at: filters, the filtered view and
//! the selection. Built once from extraction, then only read by the front ends.

pub mod copies;
pub mod curation;
mod filter;
pub mod keys;
pub mod merge;
pub mod results;
mod selection;
pub mod stream;
pub mod subject;
pub mod targets;

pub use filter::{Filter, View};
pub use selection::Selection;

use crate::corpus::{self, Document, LoadError, find::Walk};
use crate::extract::{self, Item, Themes};
use rayon::prelude::*;
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Mutex;

/// Everything loaded: immutable once built (share it behind an `Arc`).
#[derive(Debug, Clone)]
pub struct Corpus {
    pub documents: Vec<Document>,
    /// Sorted by date, then document, then position in the document.
    pub items: Vec<Item>,
    pub errors: Vec<LoadError>,
    pub themes: Themes,
    /// Keys of rejected items that are in `items` all the same: the explorer's "show
    /// rejected" puts them back, greyed, to be restored. Empty otherwise.
    pub rejected: std::collections::HashSet<String>,
    doc_index: HashMap<String, usize>,
    /// Per item: title, quote, subject, policy title, its themes' names, and its
    /// document's title and outlet, simplified and lower-cased,
    /// so that a search keystroke does not convert 100k texts again. Built on the first
    /// search: the command line rarely needs it.
    search_keys: std::sync::OnceLock<Vec<String>>,
}

impl Corpus {
    /// Extracts items from loaded documents (in parallel), orders them in time, marks
    /// copies and merges items that state one fact.
    pub fn build(loaded: corpus::Loaded, themes: Themes) -> Self {
        Self::build_with(loaded, themes, true)
    }

    /// [`Corpus::build`]; with `merge` false, one item per document and sentence
    /// (copies are still marked).
    pub fn build_with(mut loaded: corpus::Loaded, themes: Themes, merge: bool) -> Self {
        let (per_doc, sketches): (Vec<Vec<Item>>, Vec<Option<copies::Sketch>>) = loaded
            .documents
            .par_iter_mut()
            .map(|d| extract_document(d, &themes))
            .unzip();
        Self::from_runs(loaded.documents, per_doc, loaded.errors, themes)
            .settle(Some(&sketches), merge)
    }

    /// Loads files and folders and extracts each document on the worker that read it,
    /// in one parallel pass: the same corpus as [`Corpus::build`] of
    /// [`corpus::load_paths`], without a second sweep over texts that have left the
    /// cache, and without every core waiting for the slowest file before extraction
    /// starts (issue 5 measured both). `progress(done, total)` counts files.
    pub fn load(
        paths: &[PathBuf],
        themes: Themes,
        progress: &(dyn Fn(usize, usize) + Sync),
    ) -> Self {
        Self::load_with(paths, Walk::default(), themes, true, progress)
    }

    /// [`Corpus::load`], walking folders as `how` says; with `merge` false, one item per
    /// document and sentence (copies are still marked). Extraction results (`.json`,
    /// `.jsonl` that `extract` wrote, see [`results`]) among the files are read as
    /// documents and items, not as articles, and joined with the rest; `progress`
    /// counts them with the other files.
    pub fn load_with(
        paths: &[PathBuf],
        how: Walk,
        themes: Themes,
        merge: bool,
        progress: &(dyn Fn(usize, usize) + Sync),
    ) -> Self {
        let (files, errors) = corpus::find::find_files_with(paths, how);
        let (result_files, files): (Vec<PathBuf>, Vec<PathBuf>) =
            files.into_iter().partition(|f| results::is_results(f));
        // Results files count as files in the progress, read after the texts.
        let total = files.len() + result_files.len();
        let texts = files.len();
        let (mut loaded, per_doc) =
            corpus::load_files_with(files, errors, &|done, _| progress(done, total), &|d| {
                extract_document(d, &themes)
            });
        let (mut per_doc, mut sketches): (Vec<Vec<Item>>, Vec<Option<copies::Sketch>>) =
            per_doc.into_iter().unzip();
        if !result_files.is_empty() {
            // Shards are read on all cores, then joined in the order given. Their text
            // is not in the results, so they have no sketch to find copies by.
            let done = std::sync::atomic::AtomicUsize::new(texts);
            let read: Vec<_> = result_files
                .par_iter()
                .map(|f| {
                    let r = results::read(f);
                    let n = done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
                    progress(n, total);
                    r
                })
                .collect();
            for (f, r) in result_files.iter().zip(read) {
                match r {
                    Ok(r) => {
                        loaded.documents.extend(r.documents);
                        sketches.extend(r.items.iter().map(|_| None));
                        per_doc.extend(r.items);
                        loaded.errors.extend(r.errors);
                    }
                    Err(error) => loaded.errors.push(LoadError {
                        path: f.display().to_string(),
                        error,
                    }),
                }
            }
            corpus::dedupe_ids(&mut loaded.documents);
        }
        for (doc, doc_items) in loaded.documents.iter().zip(&mut per_doc) {
            // Ids were made unique after extraction: items of a renamed document
            // follow it (`{doc}#{n}` keeps its n).
            for it in doc_items.iter_mut().filter(|it| it.doc != doc.id) {
                rename_item(it, &doc.id);
            }
        }
        Self::from_runs(loaded.documents, per_doc, loaded.errors, themes)
            .settle(Some(&sketches), merge)
    }

    /// A corpus from items made elsewhere (tests, benchmarks, a saved extraction).
    /// Items are put in time order here, so every corpus is ordered the same way.
    /// Items are not merged, and documents keep the `duplicate_of` they have; keys,
    /// regions and sources that are missing are filled in.
    pub fn from_parts(
        documents: Vec<Document>,
        items: Vec<Item>,
        errors: Vec<LoadError>,
        themes: Themes,
    ) -> Self {
        Self::from_runs(documents, vec![items], errors, themes).settle(None, false)
    }

    /// Copies marked (when sketches are given), regions, sources and keys filled in,
    /// and, with `merge`, one item per fact (see [`merge`]).
    fn settle(mut self, sketches: Option<&[Option<copies::Sketch>]>, merge: bool) -> Self {
        if let Some(sketches) = sketches {
            copies::mark(&mut self.documents, sketches, &self.items);
        }
        merge::prepare(&mut self.items);
        keys::assign(&mut self.items);
        if merge {
            self.items = merge::merge(&self.documents, std::mem::take(&mut self.items));
        } else {
            keys::disambiguate(&mut self.items);
        }
        self
    }

    /// A corpus from runs of items, ordered as if the runs were one list sorted
    /// stably. Positions are sorted rather than items, which are a few hundred bytes
    /// each and would be moved at every level of a merge; then each item moves once,
    /// from its run to its place. Gathering from the runs, rather than joining them
    /// first, spares a second copy of every item into fresh memory, which the main
    /// thread would write alone while the other cores wait (issue 5).
    fn from_runs(
        documents: Vec<Document>,
        runs: Vec<Vec<Item>>,
        errors: Vec<LoadError>,
        themes: Themes,
    ) -> Self {
        // Each item's sort key is made once, its document as the rank of its id among
        // the items' ids: comparing dates and ids at every step of the sort cost more
        // than the sort (a third of a second for 200,000 items). The position comes
        // last, so an unstable sort on all cores orders as a stable one would.
        let mut ids: Vec<&str> = runs
            .iter()
            .flat_map(|run| run.iter().map(|it| it.doc.as_str()))
            .collect();
        ids.dedup();
        ids.par_sort_unstable();
        ids.dedup();
        let rank = |doc: &str| ids.binary_search(&doc).unwrap_or(0) as u32;
        let mut keyed: Vec<_> = runs
            .par_iter()
            .enumerate()
            .flat_map_iter(|(r, run)| {
                // Items of one document follow each other: its rank is looked up once.
                let mut last: Option<(&str, u32)> = None;
                run.iter().enumerate().map(move |(i, it)| {
                    let doc = match last {
                        Some((d, k)) if d == it.doc => k,
                        _ => {
                            let k = rank(&it.doc);
                            last = Some((&it.doc, k));
                            k
                        }
                    };
                    let pos = (r as u32, i as u32);
                    (it.date.start(), doc, it.span[0], it.kind, pos)
                })
            })
            .collect();
        keyed.par_sort_unstable();
        let order: Vec<(u32, u32)> = keyed.into_iter().map(|k| k.4).collect();
        // Gathered on all cores: the items' new home is fresh memory, which the
        // kernel zeroes page by page as it is first written. A lock per run lets
        // any core take any item; each is taken once, so the locks are not contended.
        let slots: Vec<Mutex<Vec<Option<Item>>>> = runs
            .into_par_iter()
            .map(|run| Mutex::new(run.into_iter().map(Some).collect()))
            .collect();
        let taken: Vec<Option<Item>> = order
            .into_par_iter()
            .map(|(r, i)| {
                let mut run = slots[r as usize].lock().ok()?;
                run.get_mut(i as usize)?.take()
            })
            .collect();
        // In place (`Option<Item>` is the size of `Item`), which `flatten` is not.
        #[allow(clippy::filter_map_identity)]
        let items: Vec<Item> = taken.into_iter().filter_map(|it| it).collect();
        let doc_index = documents
            .iter()
            .enumerate()
            .map(|(i, d)| (d.id.clone(), i))
            .collect();
        Self {
            search_keys: std::sync::OnceLock::new(),
            documents,
            items,
            errors,
            themes,
            rejected: Default::default(),
            doc_index,
        }
    }

    /// An empty corpus, e.g. while the first load runs.
    pub fn empty(themes: Themes) -> Self {
        Self::build(corpus::Loaded::default(), themes)
    }

    pub fn document(&self, id: &str) -> Option<&Document> {
        self.doc_index.get(id).map(|&i| &self.documents[i])
    }

    /// The item's searchable text (see [`Filter::search`]).
    pub fn search_key(&self, index: usize) -> &str {
        let keys = self.search_keys.get_or_init(|| {
            self.items
                .par_iter()
                .map(|it| {
                    let doc = self.document(&it.doc);
                    let parts = [
                        Some(it.title.as_str()),
                        Some(it.quote.as_str()),
                        it.subject.as_deref(),
                        it.policy_title.as_deref(),
                        doc.and_then(|d| d.title.as_deref()),
                        doc.and_then(|d| d.source.as_deref()),
                    ];
                    let themes = it.themes.iter().filter_map(|t| self.themes.get(t));
                    let joined: Vec<&str> = parts
                        .into_iter()
                        .flatten()
                        .chain(themes.flat_map(|t| [t.label_zh.as_str(), t.label_en.as_str()]))
                        .collect();
                    crate::script::to_simplified(&joined.join("\n").to_lowercase())
                })
                .collect()
        });
        keys.get(index).map(String::as_str).unwrap_or("")
    }

    /// Applies an analyst's curation (see [`curation`]): rejected items are taken out
    /// (and returned in [`curation::Applied::rejected`]), edited and added ones carry
    /// `curated`, and the items are put back in time order. Theme ids this corpus's
    /// lexicon does not know are refused.
    pub fn apply_curation(&mut self, c: &curation::Curation) -> curation::Applied {
        let themes = &self.themes;
        let applied = curation::apply_with(&mut self.items, c, &|t| themes.get(t).is_some());
        // Titles and subjects may have changed: searched texts are made again.
        self.search_keys = std::sync::OnceLock::new();
        applied
    }

    /// This corpus with a curation applied, leaving this one (the items as extracted)
    /// as it was, so that each change of the curation is applied to the same base and
    /// an undo is a new application. With `show_rejected`, rejected items stay among
    /// the items, their keys in [`Corpus::rejected`].
    pub fn curated(
        &self,
        c: &curation::Curation,
        show_rejected: bool,
    ) -> (Corpus, curation::Applied) {
        let mut out = self.clone();
        let applied = out.apply_curation(c);
        if show_rejected && !applied.rejected.is_empty() {
            out.rejected = applied.rejected.iter().map(|it| it.key.clone()).collect();
            out.items.extend(applied.rejected.iter().cloned());
            curation::sort(&mut out.items);
        }
        (out, applied)
    }

    /// Whether an item is a rejected one shown all the same.
    pub fn is_rejected(&self, item: &Item) -> bool {
        !self.rejected.is_empty() && self.rejected.contains(&item.key)
    }

    /// Index of the item with this id.
    pub fn item_index(&self, id: &str) -> Option<usize> {
        self.items.iter().position(|i| i.id == id)
    }
}

/// Moves an item to the document now called `doc` (`{doc}#{n}` keeps its n).
fn rename_item(it: &mut Item, doc: &str) {
    let n = it.id.rsplit('#').next().unwrap_or("");
    it.id = format!("{doc}#{n}");
    // Its own report follows it; reports of other documents stay theirs.
    for s in it.sources.iter_mut().filter(|s| s.doc == it.doc) {
        s.doc = doc.to_string();
    }
    it.doc = doc.to_string();
}

/// One document's items; a document with none of the field's words is kept (and
/// says why it has no items) but not extracted.
///
/// The simplified copy of the text is dropped once extracted: only the rules read it,
/// and at thousands of articles it is a third of what a corpus holds in memory.
///
/// The document's copy-detection sketch is made here too, while its simplified text
/// is still in memory.
fn extract_document(d: &mut Document, themes: &Themes) -> (Vec<Item>, Option<copies::Sketch>) {
    let sketch = copies::Sketch::of(&d.simplified).map(|s| s.published_on(d.published));
    let items = if themes.on_topic(&d.simplified) {
        let mut items = extract::extract(d, themes);
        if items.len() > extract::MAX_ITEMS_PER_DOC {
            items.truncate(extract::MAX_ITEMS_PER_DOC);
            d.warnings.push(format!(
                "more than {} items in {}: only the first {0} kept",
                extract::MAX_ITEMS_PER_DOC,
                d.path.display()
            ));
        }
        items
    } else {
        d.warnings.push(
            "off topic: none of the field's words (theme lexicon [domain]); no items taken".into(),
        );
        Vec::new()
    };
    d.simplified = String::new();
    (items, sketch)
}

/// Where a corpus comes from: the embedded seeds or paths on disk.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Source {
    Seeds,
    Paths(Vec<PathBuf>),
}
