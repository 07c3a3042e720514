//! Arbitrary bytes through the whole per-file path: decode (BOM, UTF-8, detection),
//! parse (text, HTML, front matter), clean, metadata, then extraction. A file may be
//! rejected with an error; it may never panic, hang or blow up memory.

#![no_main]

use biotimeline::extract::{Themes, extract};
use libfuzzer_sys::fuzz_target;
use std::path::Path;
use std::sync::OnceLock;

/// Built once: the lexicon's matcher is not what is being fuzzed.
fn themes() -> &'static Themes {
    static THEMES: OnceLock<Themes> = OnceLock::new();
    THEMES.get_or_init(Themes::builtin)
}

fuzz_target!(|data: &[u8]| {
    // The extension may steer the parser, so let the input pick one; the byte stays
    // part of the content, so seed files are fed exactly as they are.
    let name = match data.first().map_or(0, |b| b % 3) {
        0 => "fuzz.txt",
        1 => "fuzz.html",
        _ => "fuzz.md",
    };
    if let Ok(doc) = biotimeline::corpus::document_from_bytes(Path::new(name), data) {
        let chars = doc.text.chars().count();
        assert_eq!(
            chars,
            doc.simplified.chars().count(),
            "simplified copy must align"
        );
        for item in extract(&doc, themes()) {
            assert!(
                item.span[0] <= item.span[1] && item.span[1] <= chars,
                "span out of text"
            );
        }
    }
});
