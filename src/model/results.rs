//! Extraction results read back as inputs: a `.json` (the `biotimeline/1` contract)
//! or `.jsonl` (one document a line) that `extract` wrote. This is how shards
//! extracted on many machines are joined: each worker writes JSONL, and any command
//! given the files reads their documents and items as if it had extracted them.
//!
//! The results do not hold the documents' text. A document read from them gets a text
//! of its original length in which only the quoted sentences stand, each at its
//! span, so that `chars` and every span stay true and the explorer can show them.

use crate::corpus::{Document, LoadError, PublishedFrom, Script};
use crate::extract::{Item, Quote};
use crate::time::PartialDate;
use serde::Deserialize;
use std::io::{BufRead, Read};
use std::path::{Path, PathBuf};

/// The name of the JSON contract that `extract` writes and this module reads back.
pub const SCHEMA: &str = "biotimeline/1";

/// What one results file holds: documents, each with its items, and load errors.
#[derive(Debug, Default)]
pub struct Results {
    pub documents: Vec<Document>,
    /// Per document (lined up with `documents`), in the order the file gives them.
    pub items: Vec<Vec<Item>>,
    pub errors: Vec<LoadError>,
}

/// Bytes looked at to tell results from an article.
const SNIFF: usize = 512;

/// Whether `path` is a results file: a `.json` or `.jsonl` whose first bytes name the
/// schema (or, for JSONL, start with an error line). Anything else is an article.
pub fn is_results(path: &Path) -> bool {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    if !matches!(ext.as_deref(), Some("json" | "jsonl")) {
        return false;
    }
    let Ok(bytes) = crate::corpus::read_file_head(path, SNIFF) else {
        return false;
    };
    let head = String::from_utf8_lossy(&bytes);
    let head = head.trim_start_matches('\u{feff}').trim_start();
    head.starts_with('{')
        && (head.contains(&format!("\"{}\"", SCHEMA))
            || (ext.as_deref() == Some("jsonl") && head.starts_with("{\"error\"")))
}

#[derive(Deserialize)]
struct DocIn {
    id: String,
    path: PathBuf,
    title: Option<String>,
    source: Option<String>,
    published: Option<PartialDate>,
    #[serde(default)]
    published_from: String,
    #[serde(default)]
    duplicate_of: Option<String>,
    #[serde(default)]
    script: String,
    #[serde(default)]
    encoding: String,
    #[serde(default)]
    chars: usize,
    #[serde(default)]
    warnings: Vec<String>,
}

#[derive(Deserialize)]
struct ErrorIn {
    path: String,
    error: String,
}

#[derive(Deserialize)]
struct Whole {
    schema: String,
    #[serde(default)]
    documents: Vec<DocIn>,
    #[serde(default)]
    items: Vec<Item>,
    #[serde(default)]
    errors: Vec<ErrorIn>,
}

#[derive(Deserialize)]
struct Line {
    schema: Option<String>,
    document: Option<DocIn>,
    #[serde(default)]
    items: Vec<Item>,
    error: Option<ErrorIn>,
}

/// Reads a results file. A file that cannot be read or is not of this schema is an
/// `Err`; in a JSONL file, a line that cannot be read is an error of its own (with its
/// line number) and the other lines are kept.
pub fn read(path: &Path) -> Result<Results, String> {
    let file = std::fs::File::open(path).map_err(|e| e.to_string())?;
    let jsonl = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("jsonl"));
    let reader = std::io::BufReader::with_capacity(1 << 16, file);
    if jsonl {
        read_lines(path, reader)
    } else {
        read_whole(reader)
    }
}

fn read_whole(reader: impl Read) -> Result<Results, String> {
    let whole: Whole = serde_json::from_reader(reader).map_err(|e| format!("not results: {e}"))?;
    check_schema(&whole.schema)?;
    let mut out = Results::default();
    let mut at = std::collections::HashMap::new();
    for d in whole.documents {
        at.insert(d.id.clone(), out.documents.len());
        out.documents.push(document(d, &[]));
        out.items.push(Vec::new());
    }
    // A merged item stands for one report in each of its sources: each report goes
    // back to its own document, so that merging them again (with the rest of the
    // inputs) finds every source, as the whole run did.
    let reports = whole.items.into_iter().flat_map(|it| {
        let copies: Vec<Item> = it
            .sources
            .iter()
            .skip(1)
            .filter(|s| s.doc != it.doc)
            .map(|s| Item {
                id: format!("{}#{}", s.doc, s.span[0]),
                doc: s.doc.clone(),
                quote: s.quote.clone(),
                span: s.span,
                key: String::new(),
                sources: Vec::new(),
                conflicts: Vec::new(),
                curated: None,
                ..it.clone()
            })
            .collect();
        std::iter::once(it).chain(copies)
    });
    for it in reports {
        match at.get(&it.doc) {
            Some(&k) => out.items[k].push(it),
            None => out.errors.push(LoadError {
                path: it.id.clone(),
                error: format!("item of unknown document '{}'", it.doc),
            }),
        }
    }
    // Only now are the quotes known.
    for (d, items) in out.documents.iter_mut().zip(&mut out.items) {
        d.text = text_of(d.text.chars().count(), items).into();
        share_quotes(d, items);
    }
    out.errors
        .extend(whole.errors.into_iter().map(|e| LoadError {
            path: e.path,
            error: e.error,
        }));
    Ok(out)
}

fn read_lines(path: &Path, reader: impl BufRead) -> Result<Results, String> {
    let mut out = Results::default();
    for (n, line) in reader.lines().enumerate() {
        let line = line.map_err(|e| e.to_string())?;
        if line.trim().is_empty() {
            continue;
        }
        let bad = |why: String| LoadError {
            path: format!("{}:{}", path.display(), n + 1),
            error: why,
        };
        let parsed: Line = match serde_json::from_str(&line) {
            Ok(l) => l,
            Err(e) => {
                out.errors.push(bad(format!("not a results line: {e}")));
                continue;
            }
        };
        if let Some(e) = parsed.error {
            out.errors.push(LoadError {
                path: e.path,
                error: e.error,
            });
            continue;
        }
        if let Err(e) = check_schema(parsed.schema.as_deref().unwrap_or("")) {
            out.errors.push(bad(e));
            continue;
        }
        let Some(d) = parsed.document else {
            out.errors
                .push(bad("a line with neither document nor error".into()));
            continue;
        };
        let mut items = parsed.items;
        let d = document(d, &items);
        share_quotes(&d, &mut items);
        out.documents.push(d);
        out.items.push(items);
    }
    Ok(out)
}

fn check_schema(s: &str) -> Result<(), String> {
    if s == SCHEMA {
        Ok(())
    } else {
        Err(format!("schema '{s}' is not {}", SCHEMA))
    }
}

fn document(d: DocIn, items: &[Item]) -> Document {
    let published_from = match d.published_from.as_str() {
        "header" => PublishedFrom::Header,
        "front_matter" => PublishedFrom::FrontMatter,
        "meta" => PublishedFrom::Meta,
        "text" => PublishedFrom::Text,
        "dateline" => PublishedFrom::Dateline,
        _ => PublishedFrom::None,
    };
    let script = match d.script.as_str() {
        "hant" => Script::Hant,
        "mixed" => Script::Mixed,
        _ => Script::Hans,
    };
    Document {
        id: d.id,
        path: d.path,
        title: d.title,
        source: d.source,
        published: d.published,
        published_from,
        duplicate_of: d.duplicate_of,
        script,
        encoding: d.encoding,
        text: text_of(d.chars, items).into(),
        simplified: String::new(),
        warnings: d.warnings,
        categories: Vec::new(),
    }
}

/// Each quote of `d` that its rebuilt text holds at its span becomes a span of that
/// text, as extraction's quotes are of theirs: the items of a results file then hold
/// their sentences once, not once in the text and again in each quote.
fn share_quotes(d: &Document, items: &mut [Item]) {
    let starts: Vec<usize> = d
        .text
        .char_indices()
        .map(|(b, _)| b)
        .chain([d.text.len()])
        .collect();
    let share = |q: &mut Quote, [a, b]: [usize; 2]| {
        if let (Some(&x), Some(&y)) = (starts.get(a), starts.get(b))
            && x <= y
            && d.text[x..y] == **q
        {
            *q = Quote::new(&d.text, x..y);
        }
    };
    for it in items.iter_mut() {
        if it.doc == d.id {
            share(&mut it.quote, it.span);
        }
        for s in it.sources.iter_mut().filter(|s| s.doc == d.id) {
            share(&mut s.quote, s.span);
        }
    }
}

/// `chars` spaces with each item's quote written over its span (a quote whose span
/// does not fit is left out).
fn text_of(chars: usize, items: &[Item]) -> String {
    let mut text = vec![' '; chars];
    for it in items {
        let [a, b] = it.span;
        if a <= b && b <= chars && it.quote.chars().count() == b - a {
            for (slot, c) in text[a..b].iter_mut().zip(it.quote.chars()) {
                *slot = c;
            }
        }
    }
    text.into_iter().collect()
}
