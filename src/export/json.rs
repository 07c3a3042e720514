//! The `biotimeline/1` JSON of `extract` (see ../shared/spec/extract-json.md).
//!
//! Written through borrowed structs rather than a `serde_json::Value` tree: the JSON of
//! a large corpus is tens of megabytes, and building a tree first doubles the work.

use crate::corpus::{Document, LoadError, PublishedFrom, Script};
use crate::extract::{Item, Kind, Quantity, SourceRef};
use crate::time::PartialDate;
use serde::Serialize;
use serde_json::Value;
use serde_json::ser::{CompactFormatter, Formatter};
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
    doc: &'a str,
    quote: &'a str,
    span: [usize; 2],
    sources: &'a [SourceRef],
    region: Option<&'a str>,
    conflicts: &'a [String],
    /// "edited" | "added" once curation has changed the item; none yet.
    curated: Option<&'a str>,
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
            key: &it.key,
            kind: it.kind,
            date: it.date,
            end_date: it.end_date,
            title: &it.title,
            themes: &it.themes,
            doc: &it.doc,
            quote: &it.quote,
            span: it.span,
            sources: &it.sources,
            region: it.region.as_deref(),
            conflicts: &it.conflicts,
            curated: None,
            subject: it.subject.as_deref(),
            quantity: it.quantity.as_ref(),
            deadline: it.deadline,
            policy_title: it.policy_title.as_deref(),
            period: it.period,
            issuers: &it.issuers,
        }
    }
}

/// The whole contract object. It borrows the documents and items and turns each into
/// its JSON shape only as it is written, on the core that writes it: building every
/// shape first was a serial pass over fresh memory (issue 5).
pub struct Contract<'a> {
    schema: &'static str,
    documents: Vec<&'a Document>,
    items: Vec<&'a Item>,
    errors: &'a [LoadError],
}

/// A run of documents serialised as their contract shapes.
struct Documents<'s, 'a>(&'s [&'a Document]);

/// A run of items serialised as their contract shapes.
struct Items<'s, 'a>(&'s [&'a Item]);

impl Serialize for Documents<'_, '_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.0.iter().map(|d| DocumentJson::from(*d)))
    }
}

impl Serialize for Items<'_, '_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.0.iter().map(|it| ItemJson::from(*it)))
    }
}

impl Serialize for Contract<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("Contract", 4)?;
        st.serialize_field("schema", self.schema)?;
        st.serialize_field("documents", &Documents(&self.documents))?;
        st.serialize_field("items", &Items(&self.items))?;
        st.serialize_field("errors", self.errors)?;
        st.end()
    }
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
fn write_array<T: Element + Sync>(w: &mut impl Write, elements: &[T]) -> std::io::Result<()> {
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
                    e.write(&mut Pretty { out: buf, depth: 2 });
                }
            });
        for buf in buffers.iter().take(batch.len().div_ceil(per)) {
            w.write_all(buf)?;
        }
    }
    w.write_all(b"\n  ]")
}

/// An element of one of the contract's arrays, written by hand in serde_json's pretty
/// layout. serde_json escapes strings a byte per step and goes through a call per key
/// and per separator; written directly, with keys as literals and strings scanned a
/// word at a time, the JSON takes a fraction of the time (issue 5). The derived
/// `Serialize` stays the reference: a test holds the two to the same bytes.
trait Element {
    fn write(&self, p: &mut Pretty<'_>);
}

impl Element for &Document {
    fn write(&self, p: &mut Pretty<'_>) {
        DocumentJson::from(*self).write(p);
    }
}

impl Element for &Item {
    fn write(&self, p: &mut Pretty<'_>) {
        ItemJson::from(*self).write(p);
    }
}

impl Element for DocumentJson<'_> {
    fn write(&self, p: &mut Pretty<'_>) {
        p.open();
        p.key(true, "id");
        p.str(self.id);
        p.key(false, "path");
        p.str(&self.path);
        p.key(false, "title");
        p.opt_str(self.title);
        p.key(false, "source");
        p.opt_str(self.source);
        p.key(false, "published");
        p.opt_date(self.published);
        p.key(false, "published_from");
        p.str(self.published_from.name());
        p.key(false, "duplicate_of");
        p.opt_str(self.duplicate_of);
        p.key(false, "script");
        p.str(self.script.name());
        p.key(false, "encoding");
        p.str(self.encoding);
        p.key(false, "chars");
        p.uint(self.chars);
        p.key(false, "warnings");
        p.strings(self.warnings);
        p.close();
    }
}

impl Element for ItemJson<'_> {
    fn write(&self, p: &mut Pretty<'_>) {
        p.open();
        p.key(true, "id");
        p.str(self.id);
        p.key(false, "key");
        p.str(self.key);
        p.key(false, "kind");
        p.str(self.kind.as_str());
        p.key(false, "date");
        p.date(self.date);
        p.key(false, "end_date");
        p.opt_date(self.end_date);
        p.key(false, "title");
        p.str(self.title);
        p.key(false, "themes");
        p.strings(self.themes);
        p.key(false, "doc");
        p.str(self.doc);
        p.key(false, "quote");
        p.str(self.quote);
        p.key(false, "span");
        p.uints(&self.span);
        p.key(false, "sources");
        p.array(self.sources, |p, s| {
            p.open();
            p.key(true, "doc");
            p.str(&s.doc);
            p.key(false, "quote");
            p.str(&s.quote);
            p.key(false, "span");
            p.uints(&s.span);
            p.close();
        });
        p.key(false, "region");
        p.opt_str(self.region);
        p.key(false, "conflicts");
        p.strings(self.conflicts);
        p.key(false, "curated");
        p.opt_str(self.curated);
        p.key(false, "subject");
        p.opt_str(self.subject);
        p.key(false, "quantity");
        match self.quantity {
            Some(q) => {
                p.open();
                p.key(true, "value");
                p.float(q.value);
                p.key(false, "unit");
                p.str(&q.unit);
                p.key(false, "text");
                p.str(&q.text);
                p.key(false, "qualifier");
                p.str(q.qualifier.name());
                p.close();
            }
            None => p.null(),
        }
        p.key(false, "deadline");
        match self.deadline {
            Some(y) => p.int(y),
            None => p.null(),
        }
        p.key(false, "policy_title");
        p.opt_str(self.policy_title);
        p.key(false, "period");
        match &self.period {
            Some(years) => p.ints(years),
            None => p.null(),
        }
        p.key(false, "issuers");
        p.strings(self.issuers);
        p.close();
    }
}

impl Element for LoadError {
    fn write(&self, p: &mut Pretty<'_>) {
        p.open();
        p.key(true, "path");
        p.str(&self.path);
        p.key(false, "error");
        p.str(&self.error);
        p.close();
    }
}

/// Writes JSON values into memory in serde_json's pretty layout, `depth` levels deep.
struct Pretty<'a> {
    out: &'a mut Vec<u8>,
    depth: usize,
}

impl Pretty<'_> {
    fn newline(&mut self, comma: bool) {
        self.out
            .extend_from_slice(if comma { b",\n" } else { b"\n" });
        self.out.extend(std::iter::repeat_n(b' ', self.depth * 2));
    }

    fn open(&mut self) {
        self.out.push(b'{');
        self.depth += 1;
    }

    /// Closes an object: the contract's objects are never empty.
    fn close(&mut self) {
        self.depth -= 1;
        self.newline(false);
        self.out.push(b'}');
    }

    /// A key: the contract's keys are plain ASCII names, with nothing to escape.
    fn key(&mut self, first: bool, key: &str) {
        self.newline(!first);
        self.out.push(b'"');
        self.out.extend_from_slice(key.as_bytes());
        self.out.extend_from_slice(b"\": ");
    }

    fn null(&mut self) {
        self.out.extend_from_slice(b"null");
    }

    fn str(&mut self, s: &str) {
        self.out.push(b'"');
        escape_into(self.out, s.as_bytes());
        self.out.push(b'"');
    }

    fn opt_str(&mut self, s: Option<&str>) {
        match s {
            Some(s) => self.str(s),
            None => self.null(),
        }
    }

    /// A date as its `Display` text, which is digits and dashes only.
    fn date(&mut self, d: PartialDate) {
        self.out.push(b'"');
        // Writing to memory cannot fail.
        let _ = write!(self.out, "{d}");
        self.out.push(b'"');
    }

    fn opt_date(&mut self, d: Option<PartialDate>) {
        match d {
            Some(d) => self.date(d),
            None => self.null(),
        }
    }

    /// Numbers go through serde_json's own formatter, so they are its digits exactly.
    fn int(&mut self, n: impl Into<i64>) {
        let _ = CompactFormatter.write_i64(self.out, n.into());
    }

    fn uint(&mut self, n: usize) {
        let _ = CompactFormatter.write_u64(self.out, n as u64);
    }

    /// `null` when not finite, as serde_json writes an `f64`.
    fn float(&mut self, x: f64) {
        if x.is_finite() {
            let _ = CompactFormatter.write_f64(self.out, x);
        } else {
            self.null();
        }
    }

    fn array<T>(&mut self, elements: &[T], mut each: impl FnMut(&mut Self, &T)) {
        if elements.is_empty() {
            self.out.extend_from_slice(b"[]");
            return;
        }
        self.out.push(b'[');
        self.depth += 1;
        for (i, e) in elements.iter().enumerate() {
            self.newline(i > 0);
            each(self, e);
        }
        self.depth -= 1;
        self.newline(false);
        self.out.push(b']');
    }

    fn strings(&mut self, strings: &[String]) {
        self.array(strings, |p, s| p.str(s));
    }

    fn ints<T: Into<i64> + Copy>(&mut self, ints: &[T]) {
        self.array(ints, |p, &n| p.int(n));
    }

    fn uints(&mut self, ints: &[usize]) {
        self.array(ints, |p, &n| p.uint(n));
    }
}

/// A byte JSON must escape: a control char, '"' or '\\'.
fn needs_escape(b: u8) -> bool {
    b < 0x20 || b == b'"' || b == b'\\'
}

/// Whether any of the eight bytes of `w` needs escaping, by the usual has-less and
/// has-zero word tricks: bytes of Chinese text (0x80 and up) never trigger them.
fn word_needs_escape(w: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let has_zero = |x: u64| x.wrapping_sub(ONES) & !x & HIGH != 0;
    let below_space = w.wrapping_sub(ONES * 0x20) & !w & HIGH != 0;
    below_space || has_zero(w ^ (ONES * u64::from(b'"'))) || has_zero(w ^ (ONES * u64::from(b'\\')))
}

/// Appends `s` escaped as serde_json escapes it: `\"`, `\\`, the short escapes
/// `\b \t \n \f \r`, `\u00xx` for other control chars, everything else as it is.
fn escape_into(out: &mut Vec<u8>, s: &[u8]) {
    let mut start = 0;
    let mut i = 0;
    while i < s.len() {
        // Whole words with nothing to escape are passed over.
        while let Some(chunk) = s.get(i..i + 8)
            && !word_needs_escape(u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8])))
        {
            i += 8;
        }
        // Then the bytes of the word that holds one (or of the short tail).
        let end = (i + 8).min(s.len());
        for (j, &b) in s.iter().enumerate().take(end).skip(i) {
            if !needs_escape(b) {
                continue;
            }
            out.extend_from_slice(&s[start..j]);
            match b {
                b'"' => out.extend_from_slice(b"\\\""),
                b'\\' => out.extend_from_slice(b"\\\\"),
                0x08 => out.extend_from_slice(b"\\b"),
                b'\t' => out.extend_from_slice(b"\\t"),
                b'\n' => out.extend_from_slice(b"\\n"),
                0x0C => out.extend_from_slice(b"\\f"),
                b'\r' => out.extend_from_slice(b"\\r"),
                _ => {
                    const HEX: &[u8; 16] = b"0123456789abcdef";
                    out.extend_from_slice(b"\\u00");
                    out.push(HEX[usize::from(b >> 4)]);
                    out.push(HEX[usize::from(b & 0xF)]);
                }
            }
            start = j + 1;
        }
        i = end;
    }
    out.extend_from_slice(&s[start..]);
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

    /// Strings with every kind of escape, at every offset of the word-at-a-time scan,
    /// and numbers of every shape come out as serde_json writes them.
    #[test]
    fn values_are_written_as_serde_json_writes_them() {
        let pieces = [
            "",
            "a",
            "\"",
            "\\",
            "\n",
            "\r\t",
            "\u{8}\u{c}",
            "\u{1}\u{1f}",
            "\u{7f}",
            "中文",
            "國(guó)",
            "é",
            "/",
            "<>&",
            "\u{2028}",
        ];
        let mut s = String::new();
        for round in 0..400 {
            s.push_str(pieces[(round * 7 + round / 3) % pieces.len()]);
            let mut out = Vec::new();
            Pretty {
                out: &mut out,
                depth: 0,
            }
            .str(&s);
            assert_eq!(out, serde_json::to_vec(&s).unwrap(), "{s:?}");
        }
        let floats = [
            0.0,
            -0.0,
            1.0,
            2.4e11,
            1e21,
            1.5e-7,
            0.1,
            123456789.125,
            f64::MAX,
            f64::MIN_POSITIVE,
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
        ];
        for x in floats {
            let mut out = Vec::new();
            Pretty {
                out: &mut out,
                depth: 0,
            }
            .float(x);
            assert_eq!(out, serde_json::to_vec(&x).unwrap(), "{x}");
        }
        for n in [0, 1, -1, 2025, i32::MIN, i32::MAX] {
            let mut out = Vec::new();
            Pretty {
                out: &mut out,
                depth: 0,
            }
            .int(n);
            assert_eq!(out, serde_json::to_vec(&n).unwrap());
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
