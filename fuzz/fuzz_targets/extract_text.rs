//! Arbitrary UTF-8 through ingest as a text file, and straight into extraction as if
//! it were an already-cleaned body: the date, number and item rules must cope with any
//! string (no slicing inside a char, no overflow on huge numerals, no panics).

#![no_main]

use biotimeline::corpus::Document;
use biotimeline::extract::{Themes, extract};
use libfuzzer_sys::fuzz_target;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

fn themes() -> &'static Themes {
    static THEMES: OnceLock<Themes> = OnceLock::new();
    THEMES.get_or_init(Themes::builtin)
}

fn check(doc: &Document) {
    let chars = doc.text.chars().count();
    for item in extract(doc, themes()) {
        assert!(
            item.span[0] <= item.span[1] && item.span[1] <= chars,
            "span out of text"
        );
    }
}

fuzz_target!(|text: &str| {
    if let Ok(doc) =
        biotimeline::corpus::document_from_bytes(Path::new("fuzz.txt"), text.as_bytes())
    {
        check(&doc);
    }
    let raw = Document {
        id: "fuzz".into(),
        path: PathBuf::from("fuzz.txt"),
        encoding: "UTF-8".into(),
        text: text.to_owned(),
        simplified: biotimeline::script::to_simplified(text),
        ..Document::default()
    };
    check(&raw);
});
