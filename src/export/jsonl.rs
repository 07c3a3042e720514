//! `extract --format jsonl`: one line per document as soon as it is extracted,
//! `{"schema":"biotimeline/1","document":{…},"items":[…]}`, or `{"error":{…}}` for a
//! file that could not be read (see ../shared/spec/extract-json.md, "Additions").
//! Items are per document, not merged, so shards extracted apart can be joined later.

use super::json::{DocumentJson, ItemJson, SCHEMA};
use crate::corpus::{Document, LoadError};
use crate::extract::Item;
use serde::Serialize;
use std::io::Write;

#[derive(Serialize)]
struct DocumentLine<'a> {
    schema: &'static str,
    document: DocumentJson<'a>,
    items: Vec<ItemJson<'a>>,
}

#[derive(Serialize)]
struct ErrorLine<'a> {
    error: &'a LoadError,
}

/// Writes one document's line.
pub fn write_document(w: &mut impl Write, doc: &Document, items: &[Item]) -> std::io::Result<()> {
    let line = DocumentLine {
        schema: SCHEMA,
        document: DocumentJson::from(doc),
        items: items.iter().map(ItemJson::from).collect(),
    };
    serde_json::to_writer(&mut *w, &line)?;
    w.write_all(b"\n")
}

/// Writes one error's line.
pub fn write_error(w: &mut impl Write, error: &LoadError) -> std::io::Result<()> {
    serde_json::to_writer(&mut *w, &ErrorLine { error })?;
    w.write_all(b"\n")
}
