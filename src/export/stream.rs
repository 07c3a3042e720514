//! The data exports written as they are produced, an element at a time, rather than
//! built whole in memory first (an export of a large corpus was gigabytes). The bytes
//! are exactly those of serde_json's pretty printing of the whole value, whose
//! objects list their keys in sorted order; a test holds the two together.

use super::{csv, json, timelinejs};
use crate::extract::Item;
use crate::model::{Corpus, View};
use serde_json::Value;
use std::collections::BTreeSet;
use std::io::{self, Write};

/// CSV with a byte-order mark, so that Excel reads the Chinese text as UTF-8 rather
/// than the system code page; other CSV readers skip it.
pub fn csv(w: &mut dyn Write, corpus: &Corpus, view: &View) -> io::Result<()> {
    w.write_all("\u{feff}".as_bytes())?;
    csv::write_to(w, view_items(corpus, view))
}

/// The contract restricted to the view (see [`super::filtered_json`]).
pub fn contract(w: &mut dyn Write, corpus: &Corpus, view: &View) -> io::Result<()> {
    let docs: BTreeSet<&str> = view_items(corpus, view).map(|it| it.doc.as_str()).collect();
    w.write_all(b"{\n  \"documents\": ")?;
    array(
        w,
        corpus
            .documents
            .iter()
            .filter(|d| docs.contains(d.id.as_str()))
            .map(|d| serde_json::to_value(json::DocumentJson::from(d))),
    )?;
    w.write_all(b",\n  \"errors\": ")?;
    array(w, corpus.errors.iter().map(serde_json::to_value))?;
    w.write_all(b",\n  \"items\": ")?;
    array(
        w,
        view_items(corpus, view).map(|it| serde_json::to_value(json::ItemJson::from(it))),
    )?;
    w.write_all(b",\n  \"schema\": ")?;
    serde_json::to_writer(&mut *w, json::SCHEMA)?;
    w.write_all(b"\n}\n")
}

/// TimelineJS: the slides, then the title.
pub fn timelinejs(w: &mut dyn Write, corpus: &Corpus, view: &View) -> io::Result<()> {
    w.write_all(b"{\n  \"events\": ")?;
    array(
        w,
        view_items(corpus, view).map(|it| Ok(timelinejs::slide(corpus, it))),
    )?;
    w.write_all(b",\n  \"title\": ")?;
    indented(w, &timelinejs::title(corpus, view), b"\n  ")?;
    w.write_all(b"\n}\n")
}

fn view_items<'a>(corpus: &'a Corpus, view: &'a View) -> impl Iterator<Item = &'a Item> {
    view.items.iter().filter_map(|&i| corpus.items.get(i))
}

/// An array of the top object, as serde_json's pretty printer lays it out.
fn array(
    w: &mut dyn Write,
    elements: impl Iterator<Item = serde_json::Result<Value>>,
) -> io::Result<()> {
    let mut first = true;
    for e in elements {
        w.write_all(if first { b"[\n    " } else { b",\n    " })?;
        first = false;
        indented(w, &e?, b"\n    ")?;
    }
    w.write_all(if first { b"[]" } else { b"\n  ]" })
}

/// A value pretty-printed with every line after the first indented: JSON strings
/// hold no raw line break, so each one in the text is the layout's.
fn indented(w: &mut dyn Write, v: &Value, newline: &[u8]) -> io::Result<()> {
    let text = serde_json::to_vec_pretty(v)?;
    for (k, line) in text.split(|&b| b == b'\n').enumerate() {
        if k > 0 {
            w.write_all(newline)?;
        }
        w.write_all(line)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::Themes;
    use crate::model::Filter;

    fn pretty(v: &Value) -> Vec<u8> {
        let mut s = serde_json::to_vec_pretty(v).unwrap();
        s.push(b'\n');
        s
    }

    /// Streamed, the exports are byte for byte what the whole values printed give.
    #[test]
    fn streamed_exports_equal_the_whole_values() {
        let mut loaded = crate::corpus::load_seeds();
        loaded.errors.push(crate::corpus::LoadError {
            path: "a\"b\n.txt".into(),
            error: "not text".into(),
        });
        let c = Corpus::build(loaded, Themes::builtin());
        let all = View::new(&c, &Filter::default());
        let none = View::new(
            &c,
            &Filter {
                search: "no such words anywhere".into(),
                ..Filter::default()
            },
        );
        assert!(!all.items.is_empty() && none.items.is_empty());
        for view in [&all, &none] {
            let mut out = Vec::new();
            contract(&mut out, &c, view).unwrap();
            assert_eq!(out, pretty(&super::super::filtered_json(&c, view)));
            let mut out = Vec::new();
            timelinejs(&mut out, &c, view).unwrap();
            assert_eq!(out, pretty(&timelinejs::write(&c, view)));
            let mut out = Vec::new();
            csv(&mut out, &c, view).unwrap();
            let items = view.items.iter().map(|&i| &c.items[i]);
            assert_eq!(out, format!("\u{feff}{}", csv::write(items)).into_bytes());
        }
    }
}
