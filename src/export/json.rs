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

    /// Pretty-printed, with a final line break: exactly what `serde_json::to_string_pretty`
    /// writes, but with the documents and items serialised on all cores. At thousands
    /// of articles the JSON is tens of megabytes, and one thread writing it was a tenth
    /// of `extract`'s wall time (issue 5).
    pub fn to_pretty_string(&self) -> String {
        let documents = pretty_elements(&self.documents);
        let items = pretty_elements(&self.items);
        let errors = pretty_elements(self.errors);
        let len = documents
            .iter()
            .chain(&items)
            .map(String::len)
            .sum::<usize>()
            + 8 * (documents.len() + items.len())
            + 128;
        let mut s = String::with_capacity(len);
        s.push_str("{\n  \"schema\": ");
        s.push_str(&serde_json::to_string(self.schema).unwrap_or_default());
        for (key, elements) in [
            ("documents", documents),
            ("items", items),
            ("errors", errors),
        ] {
            s.push_str(",\n  \"");
            s.push_str(key);
            s.push_str("\": ");
            push_array(&mut s, &elements);
        }
        s.push_str("\n}\n");
        s
    }
}

/// Each element pretty-printed on its own, indented for its place in the contract
/// (an element of an array that is a field of the top object: two levels). JSON
/// strings cannot hold a raw line break, so every `\n` in the output is a line of
/// the layout and indenting after each one is safe.
fn pretty_elements<T: Serialize + Sync>(elements: &[T]) -> Vec<String> {
    use rayon::prelude::*;
    elements
        .par_iter()
        .map(|e| {
            // Serialising plain structs of strings and numbers cannot fail.
            let one = serde_json::to_string_pretty(e).unwrap_or_default();
            let mut out = String::with_capacity(one.len() + one.len() / 8 + 8);
            out.push_str("    ");
            for (i, line) in one.split('\n').enumerate() {
                if i > 0 {
                    out.push_str("\n    ");
                }
                out.push_str(line);
            }
            out
        })
        .collect()
}

/// An array in serde_json's pretty layout at the second level: `[]` when empty.
fn push_array(s: &mut String, elements: &[String]) {
    if elements.is_empty() {
        s.push_str("[]");
        return;
    }
    s.push_str("[\n");
    for (i, e) in elements.iter().enumerate() {
        if i > 0 {
            s.push_str(",\n");
        }
        s.push_str(e);
    }
    s.push_str("\n  ]");
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::LoadError;
    use crate::extract::Themes;
    use crate::model::Corpus;

    /// The parallel writer must be byte-for-byte serde_json's own pretty layout, with
    /// empty and filled arrays and strings holding escapes.
    #[test]
    fn parallel_layout_is_serde_json_pretty() {
        let corpus = Corpus::build(crate::corpus::load_seeds(), Themes::builtin());
        assert!(!corpus.items.is_empty());
        let errors = vec![
            LoadError {
                path: "a\\b \"c\"\n.txt".into(),
                error: "not text: PNG image".into(),
            },
            LoadError {
                path: "二.html".into(),
                error: "empty file".into(),
            },
        ];
        let cases: Vec<(&[Document], &[Item], &[LoadError])> = vec![
            (&corpus.documents, &corpus.items, &[]),
            (&corpus.documents, &corpus.items, &errors),
            (&[], &[], &[]),
            (&corpus.documents[..1], &[], &errors[..1]),
        ];
        for (docs, items, errs) in cases {
            let c = Contract::new(docs, items, errs);
            let mut want = serde_json::to_string_pretty(&c).unwrap();
            want.push('\n');
            assert_eq!(c.to_pretty_string(), want);
        }
    }
}
