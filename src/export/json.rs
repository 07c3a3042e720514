//! The `biotimeline/1` JSON of `extract` (see ../shared/spec/extract-json.md).
//!
//! Written through borrowed structs rather than a `serde_json::Value` tree: the JSON of
//! a large corpus is tens of megabytes, and building a tree first doubles the work.

use crate::corpus::{Document, LoadError, PublishedFrom, Script};
use crate::extract::{Item, Kind, Quantity};
use crate::time::PartialDate;
use serde::Serialize;
use serde_json::Value;

pub const SCHEMA: &str = "biotimeline/1";

/// A document as the contract shows it.
#[derive(Serialize)]
pub struct DocumentJson<'a> {
    id: &'a str,
    path: String,
    title: Option<&'a str>,
    source: Option<&'a str>,
    published: Option<PartialDate>,
    published_from: PublishedFrom,
    script: Script,
    encoding: &'a str,
    chars: usize,
    warnings: &'a [String],
}

impl<'a> From<&'a Document> for DocumentJson<'a> {
    fn from(d: &'a Document) -> Self {
        Self {
            id: &d.id,
            path: d.path.display().to_string(),
            title: d.title.as_deref(),
            source: d.source.as_deref(),
            published: d.published,
            published_from: d.published_from,
            script: d.script,
            encoding: &d.encoding,
            chars: d.chars(),
            warnings: &d.warnings,
        }
    }
}

/// An item as the contract shows it: every field present, null where it does not apply.
#[derive(Serialize)]
pub struct ItemJson<'a> {
    id: &'a str,
    kind: Kind,
    date: PartialDate,
    end_date: Option<PartialDate>,
    title: &'a str,
    themes: &'a [String],
    doc: &'a str,
    quote: &'a str,
    span: [usize; 2],
    subject: Option<&'a str>,
    quantity: Option<&'a Quantity>,
    deadline: Option<i32>,
    policy_title: Option<&'a str>,
    period: Option<[i32; 2]>,
    issuers: &'a [String],
}

impl<'a> From<&'a Item> for ItemJson<'a> {
    fn from(it: &'a Item) -> Self {
        Self {
            id: &it.id,
            kind: it.kind,
            date: it.date,
            end_date: it.end_date,
            title: &it.title,
            themes: &it.themes,
            doc: &it.doc,
            quote: &it.quote,
            span: it.span,
            subject: it.subject.as_deref(),
            quantity: it.quantity.as_ref(),
            deadline: it.deadline,
            policy_title: it.policy_title.as_deref(),
            period: it.period,
            issuers: &it.issuers,
        }
    }
}

/// The whole contract object.
#[derive(Serialize)]
pub struct Contract<'a> {
    schema: &'static str,
    documents: Vec<DocumentJson<'a>>,
    items: Vec<ItemJson<'a>>,
    errors: &'a [LoadError],
}

impl<'a> Contract<'a> {
    pub fn new(
        documents: impl IntoIterator<Item = &'a Document>,
        items: impl IntoIterator<Item = &'a Item>,
        errors: &'a [LoadError],
    ) -> Self {
        Self {
            schema: SCHEMA,
            documents: documents.into_iter().map(DocumentJson::from).collect(),
            items: items.into_iter().map(ItemJson::from).collect(),
            errors,
        }
    }

    /// Pretty-printed, with a final line break.
    pub fn to_pretty_string(&self) -> String {
        // Serialising plain structs of strings and numbers cannot fail.
        let mut s = serde_json::to_string_pretty(self).unwrap_or_default();
        s.push('\n');
        s
    }
}

pub fn document(d: &Document) -> Value {
    serde_json::to_value(DocumentJson::from(d)).unwrap_or(Value::Null)
}

pub fn item(it: &Item) -> Value {
    serde_json::to_value(ItemJson::from(it)).unwrap_or(Value::Null)
}

/// The whole contract object as a JSON value.
pub fn contract<'a>(
    documents: impl IntoIterator<Item = &'a Document>,
    items: impl IntoIterator<Item = &'a Item>,
    errors: &'a [LoadError],
) -> Value {
    serde_json::to_value(Contract::new(documents, items, errors)).unwrap_or(Value::Null)
}
