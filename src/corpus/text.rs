//! What the cleaning rules share about text: character classes, the matching-key form
//! of a char, and the rule lexicon's lists in that form.

use crate::lexicon;
use crate::script;
use regex::Regex;
use std::sync::{LazyLock, OnceLock};

/// Full-width ASCII (U+FF01..U+FF5E) → ASCII, ideographic space → space: one char
/// for one char, so offsets do not move.
pub fn ascii_punct(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        _ => c,
    }
}

/// The matching key of a word of the lexicon, char for char: what
/// [`super::clean::matching_key`] makes of a line (the equivalence tests hold the two
/// to the same result on every char), so a word written in traditional script or with
/// full-width punctuation still matches.
pub fn word_key(w: &str) -> String {
    w.chars()
        .map(|c| ascii_punct(script::simplify_char(c)))
        .collect()
}

/// One list of the rule lexicon ([`lexicon::get`]) in matching-key form, read the first
/// time a rule asks for it: a `static` of the rule that reads it.
pub(crate) struct Words {
    section: &'static str,
    key: &'static str,
    cell: OnceLock<Vec<String>>,
}

impl Words {
    pub(crate) const fn new(section: &'static str, key: &'static str) -> Self {
        Self {
            section,
            key,
            cell: OnceLock::new(),
        }
    }

    /// Where the list comes from, for messages and tests.
    pub(crate) fn name(&self) -> (&'static str, &'static str) {
        (self.section, self.key)
    }
}

impl std::ops::Deref for Words {
    type Target = [String];
    fn deref(&self) -> &[String] {
        self.cell.get_or_init(|| {
            lexicon::get()
                .words(self.section, self.key)
                .iter()
                .map(|w| word_key(w))
                .collect()
        })
    }
}

/// `(?:w1|w2|…)`: the words as one group of a regex, each escaped. How a readable rule
/// (or a test's reference regex) names a list without retyping it.
pub fn alternation(words: &[String]) -> String {
    let escaped: Vec<String> = words.iter().map(|w| regex::escape(w)).collect();
    format!("(?:{})", escaped.join("|"))
}

/// Whether `s` starts with one of `words`.
pub fn starts_with_any(s: &str, words: &[String]) -> bool {
    words.iter().any(|w| s.starts_with(w.as_str()))
}

/// Whether `s` ends with one of `words`.
pub fn ends_with_any(s: &str, words: &[String]) -> bool {
    words.iter().any(|w| s.ends_with(w.as_str()))
}

/// The Han numerals one to ten: the shape of a number ("第五条", "二、"), grammar.
pub const HAN_NUMERALS: &str = "一二三四五六七八九十";

/// A rule's regex. Its lists come from the lexicon, escaped, so only a lexicon too
/// large for the regex crate's limits can break it: that is a panic naming the pattern.
pub fn regex(pattern: &str) -> regex::Regex {
    regex::Regex::new(pattern).unwrap_or_else(|e| panic!("rule pattern {pattern}: {e}"))
}

/// `\p{Han}` of the regex crate (Unicode's Han script). Every char of the main CJK
/// block is Han and no ASCII, general punctuation or full-width char is (a test
/// checks every char); only others ask the regex.
pub(crate) fn is_han_script(c: char) -> bool {
    static HAN: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^\p{Han}$").unwrap_or_else(|_| unreachable!()));
    if ('\u{4E00}'..='\u{9FFF}').contains(&c) {
        return true;
    }
    !(c.is_ascii() || matches!(c, '\u{2000}'..='\u{206F}' | '\u{FF00}'..='\u{FFEF}'))
        && HAN.is_match(c.encode_utf8(&mut [0; 4]))
}

/// Whether `s` holds '。'. Found from its lead byte E3, which only CJK punctuation
/// shares in Chinese text: `str::contains` looks for its last byte, a continuation
/// byte that every CJK char has, and checks each false hit.
pub(crate) fn has_full_stop(s: &str) -> bool {
    let b = s.as_bytes();
    memchr::memchr_iter(0xE3, b).any(|i| b.get(i + 1..i + 3) == Some(&[0x80, 0x82]))
}

/// Whether a line holds a mark that ends a sentence.
pub(crate) fn has_sentence_end(key: &str) -> bool {
    // One memchr-backed search per mark: a char-set search decodes every char.
    key.contains('!') || key.contains('?') || key.contains(';') || has_full_stop(key)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::{Lexicon, SCHEMA};

    /// The built-in words of the corpus rules are written in key form already, so
    /// keying them changes nothing: the rules read exactly the words of the file.
    #[test]
    fn builtin_corpus_words_are_in_key_form() {
        let lex = Lexicon::builtin();
        for spec in SCHEMA
            .iter()
            .filter(|s| ["clean", "header"].contains(&s.section))
        {
            for w in lex.words(spec.section, spec.key) {
                assert_eq!(&word_key(w), w, "[{}] {}", spec.section, spec.key);
                assert_eq!(w.trim(), w, "[{}] {}", spec.section, spec.key);
            }
        }
    }

    /// A word written in traditional script or with full-width punctuation is keyed like
    /// the lines it must match.
    #[test]
    fn word_keys_are_line_keys() {
        for w in ["責任編輯", "字號：", "ＡＰＰ", "相關閱讀", "QQ空間"] {
            assert_eq!(word_key(w), super::super::clean::matching_key(w), "{w}");
        }
        assert_eq!(word_key("責任編輯"), "责任编辑");
    }

    #[test]
    fn alternation_escapes_each_word() {
        let words = ["a.b".to_string(), "(c)".to_string()];
        let re = regex(&format!("^{}$", alternation(&words)));
        assert!(re.is_match("a.b") && re.is_match("(c)"));
        assert!(!re.is_match("axb") && !re.is_match("c"));
    }
}
