//! The `biotimeline/1` JSON of `extract` (see ../shared/spec/extract-json.md).
//!
//! Written through borrowed structs with derived `Serialize` rather than a
//! `serde_json::Value` tree: the JSON of a large corpus is tens of megabytes, and
//! building a tree first doubles the work.

use crate::corpus::{Document, LoadError, PublishedFrom, Script};
use crate::extract::{Basis, Item, Kind, Quantity, SourceRef};
use crate::time::PartialDate;
use serde::Serialize;
use serde_json::Serializer;
use serde_json::Value;
use serde_json::ser::{Formatter, PrettyFormatter};
use std::io::Write;

/// The contract's name: the reader of results files (the model) owns it.
pub use crate::model::results::SCHEMA;

/// A document as the contract shows it.
#[derive(Serialize)]
pub struct DocumentJson<'a> {
    id: &'a str,
    path: String,
    title: Option<&'a str>,
    source: Option<&'a str>,
    published: Option<PartialDate>,
    published_from: PublishedFrom,
    duplicate_of: Option<&'a str>,
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
            duplicate_of: d.duplicate_of.as_deref(),
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
    key: &'a str,
    kind: Kind,
    date: PartialDate,
    end_date: Option<PartialDate>,
    title: &'a str,
    themes: &'a [String],
    inherited_themes: &'a [String],
    doc: &'a str,
    quote: &'a str,
    span: [usize; 2],
    sources: &'a [SourceRef],
    region: Option<&'a str>,
    conflicts: &'a [String],
    /// "edited" | "added" once curation has changed the item.
    curated: Option<&'a str>,
    subject: Option<&'a str>,
    quantity: Option<&'a Quantity>,
    deadline: Option<i32>,
    basis: Option<Basis>,
    policy_title: Option<&'a str>,
    period: Option<[i32; 2]>,
    issuers: &'a [String],
}

impl<'a> From<&'a Item> for ItemJson<'a> {
    fn from(it: &'a Item) -> Self {
        Self {
            id: &it.id,
            key: &it.key,
            kind: it.kind,
            date: it.date,
            end_date: it.end_date,
            title: &it.title,
            themes: &it.themes,
            inherited_themes: &it.inherited_themes,
            doc: &it.doc,
            quote: &it.quote,
            span: it.span,
            sources: &it.sources,
            region: it.region.as_deref(),
            conflicts: &it.conflicts,
            curated: it.curated.as_deref(),
            subject: it.subject.as_deref(),
            quantity: it.quantity.as_ref(),
            deadline: it.deadline,
            basis: it.basis,
            policy_title: it.policy_title.as_deref(),
            period: it.period,
            issuers: &it.issuers,
        }
    }
}

/// The whole contract object. It borrows the documents and items and turns each into
/// its JSON shape only as it is written, on the core that writes it: building every
/// shape first was a serial pass over fresh memory (issue 5).
#[derive(Serialize)]
pub struct Contract<'a> {
    schema: &'static str,
    #[serde(serialize_with = "document_shapes")]
    documents: Vec<&'a Document>,
    #[serde(serialize_with = "item_shapes")]
    items: Vec<&'a Item>,
    errors: &'a [LoadError],
}

fn document_shapes<S: serde::Serializer>(docs: &[&Document], s: S) -> Result<S::Ok, S::Error> {
    s.collect_seq(docs.iter().map(|d| DocumentJson::from(*d)))
}

fn item_shapes<S: serde::Serializer>(items: &[&Item], s: S) -> Result<S::Ok, S::Error> {
    s.collect_seq(items.iter().map(|it| ItemJson::from(*it)))
}

impl<'a> Contract<'a> {
    pub fn new(
        documents: impl IntoIterator<Item = &'a Document>,
        items: impl IntoIterator<Item = &'a Item>,
        errors: &'a [LoadError],
    ) -> Self {
        Self {
            schema: SCHEMA,
            documents: documents.into_iter().collect(),
            items: items.into_iter().collect(),
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

    /// Writes what `serde_json::to_writer_pretty` writes for the derived `Serialize`,
    /// plus a final line break, but with documents and items serialised on all cores, a
    /// batch at a time. At thousands of articles the JSON is tens of megabytes: one
    /// thread writing it was a tenth of `extract`'s wall time, and building it whole
    /// before writing held it all in memory (issue 5). Only the frame of the top object
    /// is written here; every element is serde_json's own output.
    pub fn write_pretty(&self, w: &mut impl Write) -> std::io::Result<()> {
        w.write_all(b"{\n  \"schema\": ")?;
        serde_json::to_writer(&mut *w, self.schema)?;
        w.write_all(b",\n  \"documents\": ")?;
        write_array(w, &self.documents, |d| DocumentJson::from(*d))?;
        w.write_all(b",\n  \"items\": ")?;
        write_array(w, &self.items, |it| ItemJson::from(*it))?;
        w.write_all(b",\n  \"errors\": ")?;
        write_array(w, self.errors, |e| e)?;
        w.write_all(b"\n}\n")
    }
}

/// Elements serialised in parallel per batch: big enough to keep every core busy,
/// small enough that a batch's text is a few megabytes at most.
const BATCH: usize = 4096;

/// serde_json's pretty formatter as it stands on an element of one of the contract's
/// arrays: inside the top object, inside the array. Reached by the formatter's own
/// steps (written nowhere), so each element is indented as in one whole pass.
fn element_formatter() -> PrettyFormatter<'static> {
    let mut f = PrettyFormatter::with_indent(b"  ");
    let mut nowhere = std::io::sink();
    // Into a sink, which cannot fail.
    let _ = f.begin_object(&mut nowhere);
    let _ = f.begin_array(&mut nowhere);
    f
}

/// An array of the contract's top object in serde_json's pretty layout (`[]` when
/// empty), each element serialised as `json` shapes it by serde_json's pretty
/// formatter at its depth. Each core serialises a run of elements into a buffer of its
/// own, kept from batch to batch, so the text is written once and memory is not
/// requested (and zeroed by the kernel) again.
fn write_array<'a, T: Sync, J: Serialize>(
    w: &mut impl Write,
    elements: &'a [T],
    json: impl Fn(&'a T) -> J + Sync,
) -> std::io::Result<()> {
    use rayon::prelude::*;
    if elements.is_empty() {
        return w.write_all(b"[]");
    }
    w.write_all(b"[")?;
    let at_depth = element_formatter();
    let mut buffers = vec![Vec::<u8>::new(); rayon::current_num_threads().max(1) * 4];
    for (b, batch) in elements.chunks(BATCH).enumerate() {
        let per = batch.len().div_ceil(buffers.len());
        batch
            .par_chunks(per)
            .zip(buffers.par_iter_mut())
            .enumerate()
            .try_for_each(|(c, (run, buf))| -> std::io::Result<()> {
                buf.clear();
                // About a kilobyte an element: grown once, not doubled up to size.
                buf.reserve(run.len() * 1024);
                for (i, e) in run.iter().enumerate() {
                    let mut f = at_depth.clone();
                    f.begin_array_value(&mut *buf, b == 0 && c == 0 && i == 0)?;
                    json(e).serialize(&mut Serializer::with_formatter(&mut *buf, f))?;
                }
                Ok(())
            })?;
        for buf in buffers.iter().take(batch.len().div_ceil(per)) {
            w.write_all(buf)?;
        }
    }
    w.write_all(b"\n  ]")
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
    use crate::extract::{Qualifier, Themes};
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

    /// The hand-written names of the enums are their serde names.
    #[test]
    fn enum_names_are_serde_names() {
        let serde_name = |v: serde_json::Value| v.as_str().unwrap_or_default().to_owned();
        for q in Qualifier::ALL {
            assert_eq!(q.name(), serde_name(serde_json::to_value(q).unwrap()));
        }
        for k in Kind::ALL {
            assert_eq!(k.as_str(), serde_name(serde_json::to_value(k).unwrap()));
        }
        for s in [Script::Hans, Script::Hant, Script::Mixed] {
            assert_eq!(s.name(), serde_name(serde_json::to_value(s).unwrap()));
        }
        use PublishedFrom as P;
        for p in [P::Header, P::FrontMatter, P::Meta, P::Text, P::None] {
            assert_eq!(p.name(), serde_name(serde_json::to_value(p).unwrap()));
        }
    }

    /// Documents and items with every optional field filled and empty, at depth 2,
    /// as serde_json's pretty printer lays them out there.
    #[test]
    fn every_field_shape_matches_serde_json() {
        let corpus = Corpus::build(crate::corpus::load_seeds(), Themes::builtin());
        let mut items: Vec<Item> = corpus.items.clone();
        let mut bare = items[0].clone();
        bare.end_date = None;
        bare.themes.clear();
        bare.subject = None;
        bare.quantity = None;
        bare.deadline = None;
        bare.policy_title = None;
        bare.period = None;
        bare.issuers.clear();
        bare.sources.clear();
        bare.region = None;
        bare.conflicts.clear();
        let mut full = items[0].clone();
        full.end_date = Some(full.date);
        full.themes = vec!["a\"b".into(), "药".into()];
        full.subject = Some("产值\n".into());
        full.quantity = Some(crate::extract::Quantity {
            value: 2.4e11,
            unit: "元".into(),
            text: "2,400亿元".into(),
            qualifier: crate::extract::Qualifier::AtLeast,
            value_max: Some(3e11),
        });
        full.deadline = Some(-5);
        full.policy_title = Some("《方案》".into());
        full.period = Some([2021, 2025]);
        full.issuers = vec!["市政府".into(), "\\".into()];
        full.region = Some("浦东\"新区".into());
        full.conflicts = vec!["0123456789abcdef".into(), "k-2".into()];
        full.sources.push(SourceRef {
            doc: "副本\t".into(),
            quote: "“引号”\n".into(),
            span: [3, 9],
        });
        items.push(bare);
        items.push(full);
        let mut docs = corpus.documents.clone();
        let mut doc = docs[0].clone();
        doc.title = None;
        doc.source = None;
        doc.published = None;
        doc.warnings = vec!["x\ty".into()];
        doc.duplicate_of = Some("d\"0".into());
        docs.push(doc);
        let c = Contract::new(&docs, &items, &[]);
        let mut want = serde_json::to_string_pretty(&c).unwrap();
        want.push('\n');
        assert_eq!(c.to_pretty_string(), want);
    }
}
