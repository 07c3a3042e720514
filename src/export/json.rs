//! The `biotimeline/1` JSON of `extract` (see ../shared/spec/extract-json.md).

use crate::corpus::{Document, LoadError};
use crate::extract::Item;
use serde_json::{Value, json};

pub const SCHEMA: &str = "biotimeline/1";

pub fn document(d: &Document) -> Value {
    json!({
        "id": d.id,
        "path": d.path.display().to_string(),
        "title": d.title,
        "source": d.source,
        "published": d.published.map(|p| p.to_string()),
        "published_from": d.published_from,
        "script": d.script,
        "encoding": d.encoding,
        "chars": d.chars(),
        "warnings": d.warnings,
    })
}

pub fn item(it: &Item) -> Value {
    json!({
        "id": it.id,
        "kind": it.kind,
        "date": it.date.to_string(),
        "end_date": it.end_date.map(|d| d.to_string()),
        "title": it.title,
        "themes": it.themes,
        "doc": it.doc,
        "quote": it.quote,
        "span": it.span,
        "subject": it.subject,
        "quantity": it.quantity,
        "deadline": it.deadline,
        "policy_title": it.policy_title,
        "period": it.period,
        "issuers": it.issuers,
    })
}

/// The whole contract object.
pub fn contract<'a>(
    documents: impl IntoIterator<Item = &'a Document>,
    items: impl IntoIterator<Item = &'a Item>,
    errors: &[LoadError],
) -> Value {
    json!({
        "schema": SCHEMA,
        "documents": documents.into_iter().map(document).collect::<Vec<_>>(),
        "items": items.into_iter().map(item).collect::<Vec<_>>(),
        "errors": errors,
    })
}
