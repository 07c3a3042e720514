//! The `biotimeline/1` JSON of `extract` (see ../shared/spec/extract-json.md).
//!
//! Written through borrowed structs rather than a `serde_json::Value` tree: the JSON of
//! a large corpus is tens of megabytes, and building a tree first doubles the work.

use crate::corpus::{Document, LoadError, PublishedFrom, Script};
use crate::extract::{Item, Kind, Quantity};
use crate::time::PartialDate;
use serde::Serialize;
use serde_json::Value;
use std::io::Write;

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
    /// writes (see [`Contract::write_pretty`]).
    pub fn to_pretty_string(&self) -> String {
        let mut out = Vec::new();
        // Writing to memory cannot fail, and serde_json writes only UTF-8.
        let _ = self.write_pretty(&mut out);
        String::from_utf8(out).unwrap_or_default()
    }

    /// Writes what `serde_json::to_writer_pretty` writes, plus a final line break, but
    /// with documents and items serialised on all cores, a batch at a time. At
    /// thousands of articles the JSON is tens of megabytes: one thread writing it was a
    /// tenth of `extract`'s wall time, and building it whole before writing held it all
    /// in memory (issue 5).
    pub fn write_pretty(&self, w: &mut impl Write) -> std::io::Result<()> {
        w.write_all(b"{\n  \"schema\": ")?;
        serde_json::to_writer(&mut *w, self.schema)?;
        w.write_all(b",\n  \"documents\": ")?;
        write_array(w, &self.documents)?;
        w.write_all(b",\n  \"items\": ")?;
        write_array(w, &self.items)?;
        w.write_all(b",\n  \"errors\": ")?;
        write_array(w, self.errors)?;
        w.write_all(b"\n}\n")
    }
}

/// Elements serialised in parallel per batch: big enough to keep every core busy,
/// small enough that a batch's text is a few megabytes at most.
const BATCH: usize = 4096;

/// An array of the contract's top object in serde_json's pretty layout (`[]` when
/// empty), each element indented for its depth. Each core serialises a run of
/// elements into a buffer of its own, kept from batch to batch, so the text is
/// written once and memory is not requested (and zeroed by the kernel) again.
fn write_array<T: Serialize + Sync>(w: &mut impl Write, elements: &[T]) -> std::io::Result<()> {
    use rayon::prelude::*;
    if elements.is_empty() {
        return w.write_all(b"[]");
    }
    w.write_all(b"[")?;
    let mut buffers = vec![Vec::<u8>::new(); rayon::current_num_threads().max(1) * 4];
    for (b, batch) in elements.chunks(BATCH).enumerate() {
        let per = batch.len().div_ceil(buffers.len());
        batch
            .par_chunks(per)
            .zip(buffers.par_iter_mut())
            .enumerate()
            .for_each(|(c, (run, buf))| {
                buf.clear();
                // About a kilobyte an element: grown once, not doubled up to size.
                buf.reserve(run.len() * 1024);
                for (i, e) in run.iter().enumerate() {
                    let first = b == 0 && c == 0 && i == 0;
                    buf.extend_from_slice(if first { b"\n    " } else { b",\n    " });
                    let mut ser = serde_json::Serializer::with_formatter(&mut *buf, Nested::at(2));
                    // Serialising plain structs of strings and numbers into memory
                    // cannot fail.
                    let _ = e.serialize(&mut ser);
                }
            });
        for buf in buffers.iter().take(batch.len().div_ceil(per)) {
            w.write_all(buf)?;
        }
    }
    w.write_all(b"\n  ]")
}

/// serde_json's `PrettyFormatter` (two-space indent) for a value that starts `depth`
/// levels deep, so that an element can be serialised on its own and still sit in its
/// place in the whole document.
struct Nested {
    depth: usize,
    has_value: bool,
}

impl Nested {
    fn at(depth: usize) -> Self {
        Self {
            depth,
            has_value: false,
        }
    }

    fn newline<W: ?Sized + Write>(&self, w: &mut W, comma: bool) -> std::io::Result<()> {
        const SPACES: &[u8; 64] =
            b"                                                                ";
        w.write_all(if comma { b",\n" } else { b"\n" })?;
        let mut n = self.depth * 2;
        while n > 0 {
            let k = n.min(SPACES.len());
            w.write_all(&SPACES[..k])?;
            n -= k;
        }
        Ok(())
    }
}

impl Nested {
    fn open<W: ?Sized + Write>(&mut self, w: &mut W, mark: &[u8]) -> std::io::Result<()> {
        self.depth += 1;
        self.has_value = false;
        w.write_all(mark)
    }

    fn close<W: ?Sized + Write>(&mut self, w: &mut W, mark: &[u8]) -> std::io::Result<()> {
        self.depth -= 1;
        if self.has_value {
            self.newline(w, false)?;
        }
        w.write_all(mark)
    }
}

impl serde_json::ser::Formatter for Nested {
    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.open(w, b"[")
    }

    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.close(w, b"]")
    }

    fn begin_array_value<W: ?Sized + Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.newline(w, !first)
    }

    fn end_array_value<W: ?Sized + Write>(&mut self, _: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.open(w, b"{")
    }

    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.close(w, b"}")
    }

    fn begin_object_key<W: ?Sized + Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.newline(w, !first)
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        w.write_all(b": ")
    }

    fn end_object_value<W: ?Sized + Write>(&mut self, _: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
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
        // More items than one batch, so batches join as one array.
        let many: Vec<Item> = (0..BATCH * 2 + 3)
            .map(|i| corpus.items[i % corpus.items.len()].clone())
            .collect();
        let cases: Vec<(&[Document], &[Item], &[LoadError])> = vec![
            (&corpus.documents, &many, &errors),
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
