//! Raw article lines → the article: normalised, pinyin annotations repaired, header
//! metadata consumed, page furniture and scraped tails dropped.
//!
//! Every rule here is general — it holds for any scraped Chinese news page — and
//! matches on a *key* of each line: the simplified, half-width form, so one rule covers
//! both scripts and both widths. What a rule drops is counted into a warning, so a
//! reader can see how much of a file did not reach the timeline.

use super::header;
use super::text::{
    self, Words, alternation, ends_with_any, has_full_stop, has_sentence_end, is_han_script,
    starts_with_any,
};
use crate::script;
use crate::time::PartialDate;
use aho_corasick::{AhoCorasick, AhoCorasickKind};
use regex::Regex;
use std::sync::LazyLock;

/// One line of text and its matching key (same chars, simplified, ASCII punctuation).
#[derive(Debug, Clone)]
pub struct Line {
    pub text: String,
    pub key: String,
    /// Chars in `text` (and so in `key`), counted once: the rules ask again and again.
    n_chars: usize,
    /// Han chars in `text`, and how many of them the key changes: the document's
    /// script, counted on the pass that builds the key rather than on a second walk.
    pub han: HanCount,
}

/// Han chars, and those that simplifying changes (see [`crate::script::from_counts`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct HanCount {
    pub han: usize,
    pub changed: usize,
}

impl std::ops::AddAssign for HanCount {
    fn add_assign(&mut self, o: Self) {
        self.han += o.han;
        self.changed += o.changed;
    }
}

impl Line {
    pub fn new(text: String) -> Self {
        let (key, n_chars, han) = key_and_chars(&text);
        Self {
            text,
            key,
            n_chars,
            han,
        }
    }
    fn chars(&self) -> usize {
        self.n_chars
    }
}

/// `ascii_punct(simplify_char(c))` for every BMP char, so a key costs one lookup per
/// char instead of two conversions (keys are built for every line of every article).
/// A fixed-size array, indexed by a 16-bit value, needs no bounds check. Surrogates,
/// which no text holds, map to '\0'.
static KEY_TABLE: LazyLock<Box<[char; 0x10000]>> = LazyLock::new(|| {
    // Every char itself, then the simplified ranges laid over it a slice at a time.
    let mut table: Vec<char> = (0..=0xFFFF)
        .map(|u| char::from_u32(u).unwrap_or('\0'))
        .collect();
    for (lo, simplified) in script::simplified_ranges() {
        let lo = lo as usize;
        if let Some(slots) = table.get_mut(lo..lo + simplified.len()) {
            slots.copy_from_slice(simplified);
        }
    }
    for c in &mut table {
        *c = ascii_punct(*c);
    }
    table
        .into_boxed_slice()
        .try_into()
        .unwrap_or_else(|_| unreachable!())
});

/// The simplified, ASCII-punctuation form of a text, char for char: what rules match on.
pub fn matching_key(text: &str) -> String {
    key_and_chars(text).0
}

/// [`matching_key`], the text's char count and its Han counts, which its loop counts
/// on the way.
fn key_and_chars(text: &str) -> (String, usize, HanCount) {
    let table = &**KEY_TABLE;
    let mut n_chars = 0;
    let mut han = HanCount::default();
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    // Unchanged chars are copied in runs; most chars of most lines are unchanged.
    let mut run = 0;
    let mut i = 0;
    while let Some(&b0) = bytes.get(i) {
        n_chars += 1;
        // Lead bytes below E2 start chars below U+2000, which keep their form, F0 and up
        // chars above the BMP, which do too. The rest start three-byte chars, decoded
        // by hand (the text is valid UTF-8).
        if !(0xE2..0xF0).contains(&b0) {
            count_supplementary_han(&bytes[i..], &mut han);
            i += utf8_len(b0);
            continue;
        }
        let (Some(&b1), Some(&b2)) = (bytes.get(i + 1), bytes.get(i + 2)) else {
            break;
        };
        if let Some(k) = three_byte_key(table, [b0, b1, b2], &mut han) {
            out.push_str(&text[run..i]);
            out.push(k);
            run = i + 3;
        }
        i += 3;
    }
    out.push_str(&text[run..]);
    (out, n_chars, han)
}

/// The key of the three-byte char `b` (U+0800-U+FFFF) when it is not the char itself;
/// counts the char in `han` if it is Han. One place for what the key builders of
/// [`key_and_chars`] and [`normalise_into`] do per char.
fn three_byte_key(table: &[char; 0x10000], b: [u8; 3], han: &mut HanCount) -> Option<char> {
    let u = (u32::from(b[0] & 0x0F) << 12) | (u32::from(b[1] & 0x3F) << 6) | u32::from(b[2] & 0x3F);
    let k = table[(u & 0xFFFF) as usize];
    let changed = k as u32 != u;
    if matches!(u, 0x4E00..=0x9FFF | 0x3400..=0x4DBF | 0xF900..=0xFAFF) {
        han.han += 1;
        han.changed += usize::from(changed);
    }
    changed.then_some(k)
}

/// Counts a char of U+20000-U+2FFFF (F0 A0..AF ..) at the start of `b`: Han, and never
/// simplified.
fn count_supplementary_han(b: &[u8], han: &mut HanCount) {
    if let [0xF0, 0xA0..=0xAF, ..] = b {
        han.han += 1;
    }
}

/// The length of a UTF-8 sequence from its lead byte.
fn utf8_len(b0: u8) -> usize {
    match b0 {
        0..0xC0 => 1,
        0xC0..0xE0 => 2,
        0xE0..0xF0 => 3,
        _ => 4,
    }
}

pub use text::ascii_punct;

/// Full-width letters and digits → ASCII in the displayed text; full-width punctuation
/// stays there (it is how the article was written) and is mapped only in the key.
fn half_width_alnum(c: char) -> char {
    match c {
        '\u{FF10}'..='\u{FF19}' | '\u{FF21}'..='\u{FF3A}' | '\u{FF41}'..='\u{FF5A}' => {
            char::from_u32(c as u32 - 0xFEE0).unwrap_or(c)
        }
        _ => c,
    }
}

fn is_space(c: char) -> bool {
    matches!(
        c,
        ' ' | '\t' | '\u{0B}' | '\u{0C}' | '\u{A0}' | '\u{3000}' | '\u{2000}'
            ..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{1680}'
    )
}

fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{AD}'
    ) || (c.is_control() && c != '\n')
}

/// One line: white space runs → one space, trimmed, invisible chars gone, full-width
/// letters and digits made ASCII.
pub fn normalise_line(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    normalise_into(raw, &mut out, false, &mut false, None);
    out
}

/// Per lead byte of a char: its UTF-8 length when no char starting with that byte is
/// white space, invisible or a full-width letter or digit (so normalising copies it
/// unseen); [`LOOK`] plus the length when a few chars starting with it are (C2:
/// U+0080..U+00BF, C1 controls, no-break space, soft hyphen; E1: U+1680; E2:
/// U+2000..U+2060; E3: U+3000; EF: U+FEFF, U+FF10..U+FF5A), settled by
/// [`may_normalise`]; 0 for ASCII controls and space.
const NORM_STEP: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = match b as u8 {
            // ')' is looked at only to note that the line holds a closer.
            b')' => LOOK | 1,
            0x21..=0x7E => 1,
            0xC2 => LOOK | 2,
            0xE1 | 0xE2 | 0xE3 | 0xEF => LOOK | 3,
            0xC3..=0xDF => 2,
            0xE0..=0xEF => 3,
            0xF0..=0xF4 => 4,
            _ => 0,
        };
        b += 1;
    }
    t
};

/// The flag in [`NORM_STEP`] of lead bytes whose chars need a closer look.
const LOOK: u8 = 0x80;

/// Whether the char at the start of `s` (its lead byte flagged [`LOOK`]) is one that
/// normalising changes or drops: the common punctuation sharing those lead bytes (“ ”
/// 。 、 ， ： （ ）) is then copied like any other char.
fn may_normalise(s: &[u8]) -> bool {
    let (b1, b2) = (s.get(1).copied(), s.get(2).copied());
    match (s.first().copied(), b1, b2) {
        (Some(0xC2), Some(b1), _) => b1 <= 0xA0 || b1 == 0xAD,
        (Some(0xE1), Some(0x9A), Some(0x80)) => true,
        (Some(0xE2), Some(0x80), Some(b2)) => b2 <= 0x8D || b2 == 0xAF,
        (Some(0xE2), Some(0x81), Some(b2)) => b2 == 0x9F || b2 == 0xA0,
        (Some(0xE3), Some(0x80), Some(0x80)) => true,
        (Some(0xEF), Some(0xBB), Some(0xBF)) => true,
        (Some(0xEF), Some(0xBC), Some(b2)) => matches!(b2, 0x90..=0x99 | 0xA1..=0xBA),
        (Some(0xEF), Some(0xBD), Some(b2)) => matches!(b2, 0x81..=0x9A),
        _ => false,
    }
}

/// The matching key of a normalised line, built on the same pass as the line (see
/// [`normalise_into`]): the key's own walk over every char was a third of the cost of
/// splitting a body into lines (issue 5).
#[derive(Default)]
struct KeyOut {
    key: String,
    han: HanCount,
    /// Start (in `raw`) of the chars already in `out` but not yet in `key`.
    run: usize,
    /// `out` got, or will get, a space that `key` has not.
    pending_space: bool,
}

impl KeyOut {
    /// Brings `key` up to `raw[..upto]`, which `out` holds (or will, with a pending
    /// space first) verbatim.
    fn flush(&mut self, raw: &str, upto: usize) {
        if self.run < upto {
            self.space_if_pending();
            self.key.push_str(&raw[self.run..upto]);
        }
        self.run = upto;
    }

    /// Appends a char `out` got on its own (after a pending space, as `out` did).
    fn push(&mut self, c: char) {
        self.space_if_pending();
        self.key.push(c);
    }

    /// Empty, for the next line, keeping the buffer.
    fn reset(&mut self) {
        self.key.clear();
        self.han = HanCount::default();
        self.run = 0;
        self.pending_space = false;
    }

    fn space_if_pending(&mut self) {
        if self.pending_space {
            self.key.push(' ');
            self.pending_space = false;
        }
    }
}

/// Appends the normalised form of `raw` (see [`normalise_line`]) to `out`, which must
/// start empty. With `split`, stops at the first '\n' or '\r' and returns the offset
/// just past it, so a body is split and normalised in one pass. Sets `closer` when the
/// text holds ')' or '）' (which normalising keeps): without one, no pinyin annotation
/// needs looking for. With `key`, builds the matching key of `out` (as
/// [`matching_key`] would) and counts its Han chars on the way.
fn normalise_into(
    raw: &str,
    out: &mut String,
    split: bool,
    closer: &mut bool,
    mut key: Option<&mut KeyOut>,
) -> Option<usize> {
    let bytes = raw.as_bytes();
    let table = &**KEY_TABLE;
    let mut pending_space = false;
    // Start of the chars passed over but not yet copied.
    let mut run = 0;
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let step = NORM_STEP[b as usize];
        if step != 0 {
            if step & LOOK != 0 {
                *closer |= b == b')' || bytes[i..].starts_with("）".as_bytes());
            }
            if step & LOOK == 0 || !may_normalise(&bytes[i..]) {
                let len = (step & !LOOK) as usize;
                if let Some(k) = key.as_deref_mut() {
                    if (0xE4..=0xE9).contains(&b) {
                        i = ideograph_run(table, raw, i, k);
                        continue;
                    }
                    // The char is copied as it is: its key is the table's (three-byte
                    // chars, U+0800-U+FFFF) or itself.
                    if len == 3
                        && let (Some(&b1), Some(&b2)) = (bytes.get(i + 1), bytes.get(i + 2))
                    {
                        if let Some(kc) = three_byte_key(table, [b, b1, b2], &mut k.han) {
                            k.flush(raw, i);
                            k.push(kc);
                            k.run = i + 3;
                        }
                    } else if len == 4 {
                        count_supplementary_han(&bytes[i..], &mut k.han);
                    }
                }
                i += len;
                continue;
            }
        }
        if run < i {
            if pending_space {
                out.push(' ');
                pending_space = false;
            }
            out.push_str(&raw[run..i]);
        }
        if let Some(k) = key.as_deref_mut() {
            k.flush(raw, i);
        }
        let Some(c) = raw[i..].chars().next() else {
            break;
        };
        if split && (c == '\n' || c == '\r') {
            return Some(i + 1);
        }
        i += c.len_utf8();
        run = i;
        if let Some(k) = key.as_deref_mut() {
            k.run = i;
        }
        if is_space(c) {
            pending_space = !out.is_empty();
            if let Some(k) = key.as_deref_mut() {
                k.pending_space = pending_space;
            }
        } else if !is_invisible(c) {
            if pending_space {
                out.push(' ');
                pending_space = false;
            }
            let c = half_width_alnum(c);
            out.push(c);
            if let Some(k) = key.as_deref_mut() {
                k.push(key_char(table, c));
            }
        }
    }
    if run < raw.len() {
        if pending_space {
            out.push(' ');
        }
        out.push_str(&raw[run..]);
    }
    if let Some(k) = key {
        k.flush(raw, raw.len());
    }
    None
}

/// Keys the run of chars with lead bytes E4-E9 (U+4000-U+9FFF: CJK ideographs, the
/// most of a Chinese text) from `i`, which starts one, and returns where it ends. None
/// of them is white space, invisible or a closer, so they are copied as they are; one
/// tight loop keys them instead of the per-char dispatch of [`normalise_into`]. All
/// are Han but the Yijing hexagrams (U+4DC0-U+4DFF).
fn ideograph_run(table: &[char; 0x10000], raw: &str, mut i: usize, k: &mut KeyOut) -> usize {
    let bytes = raw.as_bytes();
    while let Some(&[b0 @ 0xE4..=0xE9, b1, b2]) = bytes.get(i..i + 3) {
        let u = (u32::from(b0 & 0x0F) << 12) | (u32::from(b1 & 0x3F) << 6) | u32::from(b2 & 0x3F);
        let kc = table[(u & 0xFFFF) as usize];
        let han = !(0x4DC0..=0x4DFF).contains(&u);
        k.han.han += usize::from(han);
        if kc as u32 != u {
            k.han.changed += usize::from(han);
            k.flush(raw, i);
            k.push(kc);
            k.run = i + 3;
        }
        i += 3;
    }
    i
}

/// The key of one char, as [`key_and_chars`] makes it.
fn key_char(table: &[char; 0x10000], c: char) -> char {
    if (0x800..=0xFFFF).contains(&(c as u32)) {
        table[c as usize]
    } else {
        c
    }
}

const TONED: &str = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿĀÁǍÀĒÉĚÈĪÍǏÌŌÓǑÒŪÚǓÙ";

/// Pinyin annotations, as left by "add pinyin" converters: a Han char followed by a
/// syllable in parentheses, 中國(guó), or the mangled form where the Han char and "("
/// were lost to one '?': 界面新聞?dòng). The syllable must carry a tone mark (guó,
/// Shàng), a tone number (guo2) or be one of the few toneless particles, so (FIP), (筹)
/// and (2023-2025年) are never touched.
///
/// Matched by hand rather than by a regex: annotated articles carry hundreds of them,
/// and a capturing regex costs thousands of instructions per match. The rule is the
/// regex `(\p{Han})[(（]SYL[)）]|\?SYL[)）]` with
/// `SYL = [A-Z]?[a-zü]{0,4}[TONED][a-zü]{0,3}|[a-zü]{2,6}[1-5]|de|le|…`; the tests
/// hold the two to the same results.
fn is_syllable(w: &str) -> bool {
    const PARTICLES: &[&str] = &["de", "le", "me", "ne", "ma", "men", "zi", "ba", "zhe", "ge"];
    // One pass: an optional capital, plain letters, then either one toned vowel and at
    // most three plain letters (at most four before it), or a tone digit that ends
    // two to six plain letters.
    let mut chars = w.chars().peekable();
    let capital = chars.next_if(char::is_ascii_uppercase).is_some();
    let (mut before, mut after) = (0, 0);
    let (mut toned, mut digit) = (false, false);
    for c in chars {
        if digit {
            return false;
        } else if c.is_ascii_lowercase() || c == 'ü' {
            if toned {
                after += 1;
            } else {
                before += 1;
            }
        } else if !toned && is_toned(c) {
            toned = true;
        } else if !toned && !capital && ('1'..='5').contains(&c) {
            digit = true;
        } else {
            return false;
        }
    }
    if digit {
        (2..=6).contains(&before)
    } else {
        (toned && before <= 4 && after <= 3) || PARTICLES.contains(&w)
    }
}

/// A char of [`TONED`], by table: they all lie below U+2000.
fn is_toned(c: char) -> bool {
    static TABLE: LazyLock<Vec<bool>> = LazyLock::new(|| {
        let mut t = vec![false; 0x2000];
        for c in TONED.chars() {
            if let Some(slot) = t.get_mut(c as usize) {
                *slot = true;
            }
        }
        t
    });
    TABLE.get(c as usize).copied().unwrap_or(false)
}

/// Cheap test first: an annotation opens with "(", "（" or "?" right before a letter.
fn may_have_pinyin(line: &str) -> bool {
    // One memchr-backed search per opener; a char-set search decodes every char.
    let letter_after =
        |(i, m): (usize, &str)| line[i + m.len()..].starts_with(|c: char| c.is_ascii_alphabetic());
    line.match_indices('(').any(letter_after)
        || line.match_indices('?').any(letter_after)
        || line.match_indices("（").any(letter_after)
}

/// Whether some ")" or "）" closes a run of 1–9 pinyin-like chars opened by "(", "（"
/// or "?": a necessary condition of an annotation, checked from the closers (found by
/// memchr), so that most lines are passed over at once. A syllable's first char is an
/// ASCII letter, 'ü' or a toned vowel; the others are lower-case letters, 'ü', toned
/// vowels or a tone digit. Every non-ASCII char below U+2000 is let through as a
/// possible 'ü' or toned vowel.
fn has_pinyin_window(line: &str) -> bool {
    fn tail_char(c: char) -> bool {
        c.is_ascii_lowercase() || c.is_ascii_digit() || ('\u{80}'..'\u{2000}').contains(&c)
    }
    fn opener(c: Option<char>) -> bool {
        matches!(c, Some('(' | '（' | '?'))
    }
    let closes_window = |end: usize| {
        let mut back = line[..end].chars().rev();
        let mut n = 0;
        loop {
            match back.next() {
                Some(c) if tail_char(c) => {
                    n += 1;
                    if n > 9 {
                        return false;
                    }
                }
                // An upper-case letter only starts a syllable: the opener is next.
                Some(c) if c.is_ascii_uppercase() => return n < 9 && opener(back.next()),
                c => return n >= 1 && opener(c),
            }
        }
    };
    // Both searches are memchr-backed; a char-set search would decode every char.
    line.match_indices(')').any(|(i, _)| closes_window(i))
        || (line.contains('）') && line.match_indices("）").any(|(i, _)| closes_window(i)))
}

/// Whether [`repair_pinyin`] must look for annotations: the cheap letter test it has
/// always applied, and an annotation must be possible at all.
fn pinyin_candidate(line: &str) -> bool {
    has_pinyin_window(line) && may_have_pinyin(line)
}

/// Removes pinyin annotations; returns the line and how many were removed.
pub fn repair_pinyin(line: &str) -> (String, usize) {
    if !pinyin_candidate(line) {
        return (line.to_string(), 0);
    }
    replace_pinyin(line)
}

/// Replaces every annotation (see [`is_syllable`]) by its Han char, or the mangled
/// form by "?".
fn replace_pinyin(line: &str) -> (String, usize) {
    let mut out = String::with_capacity(line.len());
    let mut copied = 0;
    let n = pinyin_cuts(line, |keep, resume| {
        out.push_str(&line[copied..keep]);
        copied = resume;
    });
    out.push_str(&line[copied..]);
    (out, n)
}

/// Finds the annotations of `line` (see [`is_syllable`]) and returns how many there
/// are. For each, in order, `cut(keep, resume)` is called: what comes before `keep`
/// stays (it ends with the annotated Han char, or with the '?' of the mangled form),
/// and `keep..resume`, the annotation, goes. Annotations cannot overlap (none holds a
/// Han char or '?' after its first char), so taking each opener in turn finds what a
/// leftmost regex search finds. The openers are found by memchr: the other bytes of
/// the line are never looked at.
fn pinyin_cuts(line: &str, mut cut: impl FnMut(usize, usize)) -> usize {
    let bytes = line.as_bytes();
    let mut copied = 0;
    let mut n = 0;
    let mut i = 0;
    // 0xEF may start "（"; it is a lead byte, so `i` is then on a char boundary.
    while let Some(j) = memchr::memchr3(b'(', b'?', 0xEF, &bytes[i..]) {
        i += j;
        let b = bytes[i];
        let open_len = match b {
            b'(' | b'?' => 1,
            _ if bytes[i..].starts_with("（".as_bytes()) => "（".len(),
            _ => {
                i += 1;
                continue;
            }
        };
        // The match starts at the '?' itself, or at the Han char before the bracket.
        let starts = b == b'?'
            || line[copied..i]
                .chars()
                .next_back()
                .is_some_and(is_han_script);
        let after = i + open_len;
        // The syllable runs to the first closer, at most ten chars on.
        let close = line[after..]
            .char_indices()
            .take(10)
            .find(|&(_, c)| c == ')' || c == '）');
        if starts
            && let Some((w, closer)) = close
            && is_syllable(&line[after..after + w])
        {
            n += 1;
            let keep = if b == b'?' { i + 1 } else { i };
            i = after + w + closer.len_utf8();
            cut(keep, i);
            copied = i;
        } else {
            i = after;
        }
    }
    n
}

/// The length of the matching key of `text`: the same as the text's but for the chars
/// the key makes ASCII (U+3000, U+FF01-U+FF5E: three bytes become one). The key of
/// every other char has the char's length (simplified forms are three-byte chars like
/// the traditional ones; a test checks every char).
fn key_len(text: &str) -> usize {
    let b = text.as_bytes();
    let narrowed = memchr::memchr2_iter(0xE3, 0xEF, b)
        .filter(|&i| {
            matches!(
                b.get(i..i + 3),
                Some([0xE3, 0x80, 0x80] | [0xEF, 0xBC, 0x81..=0xBF] | [0xEF, 0xBD, 0x80..=0x9E])
            )
        })
        .count();
    b.len() - 2 * narrowed
}

/// Chars a line can consist of and still say nothing: digits, punctuation, bullets.
fn is_noise_char(c: char) -> bool {
    // Same as `digit || white space || (!alphanumeric && !Han)`, with the two common
    // cases first: an ASCII char is noise unless a letter, a Han char never is.
    if c.is_ascii() {
        !c.is_ascii_alphabetic()
    } else if script::is_han(c) {
        false
    } else if matches!(
        c,
        // General and CJK punctuation, full-width punctuation: no letters or digits.
        '\u{2000}'..='\u{206F}'
            | '\u{3000}'..='\u{3004}'
            | '\u{3008}'..='\u{3020}'
            | '\u{FF01}'..='\u{FF0F}'
            | '\u{FF1A}'..='\u{FF20}'
            | '\u{FF3B}'..='\u{FF40}'
            | '\u{FF5B}'..='\u{FF65}'
    ) {
        true
    } else {
        c.is_whitespace() || !c.is_alphanumeric()
    }
}

/// A line of only digits and punctuation ("0", "-", "• ", "1/5"): counters and rules.
pub fn is_noise_line(key: &str) -> bool {
    key.chars().all(is_noise_char)
}

/// The words of a line without bullets, counters, brackets and spaces.
fn core(key: &str) -> &str {
    // What `trim_matches` does, as two plain loops: it runs on every line.
    let noise = |c: char| is_noise_char(c) || c == '>' || c == '<';
    let start = key
        .char_indices()
        .find(|&(_, c)| !noise(c))
        .map_or(key.len(), |(i, _)| i);
    let rest = &key[start..];
    let end = rest
        .char_indices()
        .rev()
        .find(|&(_, c)| !noise(c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    &rest[..end]
}

/// Share buttons, reaction counters, app prompts: a short line that is one of these,
/// or a row of them.
static WIDGET_WORDS: Words = Words::new("clean", "widget_words");

/// Phrases that only share/reaction/app widgets use; a short line containing one is a
/// widget.
static WIDGET_PHRASE_LIST: Words = Words::new("clean", "widget_phrases");

/// The links that end a teaser ("查看详情>>").
static TEASER_LINKS: Words = Words::new("clean", "teaser_links");

/// What ends a photo credit ("… 摄").
static PHOTO_MARKS: Words = Words::new("clean", "photo_credit_marks");

/// Teasers end with a "details" or "read all" link.
static TEASER_END: LazyLock<Regex> =
    LazyLock::new(|| text::regex(&format!(r"{}\s*(?:>+|»|›)\s*$", alternation(&TEASER_LINKS))));

/// A lone URL ("原文链接" targets, share links).
static URL_ONLY: LazyLock<Regex> =
    LazyLock::new(|| text::regex(r"^(?:\S{0,8}[:])?\s*(?:https?://|www\.)\S+$"));

/// A photo credit under a picture, "新华社记者 张三 摄".
static PHOTO_CREDIT: LazyLock<Regex> = LazyLock::new(|| {
    text::regex(&format!(
        r"^[(（]?[^,。;]{{0,16}}\p{{Han}}{{2,4}}\s*{}[)）]?$",
        alternation(&PHOTO_MARKS)
    ))
});

pub fn is_widget(key: &str) -> bool {
    let k = key.trim();
    // Each regex runs only when the literal it cannot match without is there: most
    // lines are turned away by a look at their last chars.
    let credit_end = || {
        ends_with_any(k, &PHOTO_MARKS)
            || k.strip_suffix([')', '）'])
                .is_some_and(|t| ends_with_any(t, &PHOTO_MARKS))
    };
    if (k.ends_with(['>', '»', '›']) && TEASER_END.is_match(k))
        || ((k.contains("http") || k.contains("www.")) && URL_ONLY.is_match(k))
        || (credit_end() && PHOTO_CREDIT.is_match(k))
    {
        return true;
    }
    let c = core(key);
    // More than 120 bytes is more than 30 chars, without counting them.
    if c.len() > 120 || c.chars().count() > 30 {
        return false;
    }
    if is_widget_word(c) || WIDGET_PHRASES.is_match(c) {
        return true;
    }
    // A row of buttons: "微信 微博 QQ空间", "赞 0 踩 0", "打印本页 | 关闭窗口".
    let mut tokens = c
        .split(|ch: char| is_noise_char(ch) || ch.is_whitespace())
        .filter(|t| !t.is_empty())
        .peekable();
    tokens.peek().is_some() && tokens.all(is_widget_word)
}

/// One of [`WIDGET_WORDS`], by binary search instead of a scan of the whole list,
/// and not even that for a text longer than the longest word.
fn is_widget_word(w: &str) -> bool {
    static SORTED: LazyLock<(Vec<&str>, usize)> = LazyLock::new(|| {
        let mut v: Vec<&str> = WIDGET_WORDS.iter().map(String::as_str).collect();
        v.sort_unstable();
        let longest = v.iter().map(|w| w.len()).max().unwrap_or(0);
        (v, longest)
    });
    let (words, longest) = &*SORTED;
    w.len() <= *longest && words.binary_search(&w).is_ok()
}

/// [`WIDGET_PHRASE_LIST`] as one automaton: one pass over a line instead of one search
/// per phrase. A contiguous NFA, not the DFA the builder would pick: the DFA costs
/// about 5M instructions to build, more than every search of a run saves with it
/// (the lines searched are at most 30 chars).
static WIDGET_PHRASES: LazyLock<AhoCorasick> = LazyLock::new(|| {
    AhoCorasick::builder()
        .kind(Some(AhoCorasickKind::ContiguousNFA))
        .build(WIDGET_PHRASE_LIST.iter())
        .unwrap_or_else(|e| panic!("{:?}: {e}", WIDGET_PHRASE_LIST.name()))
});

const CRUMB_SEPS: &[char] = &['>', '›', '»', '→'];

/// How the first crumb of a breadcrumb starts ("首页", "当前位置").
static CRUMB_HOME: Words = Words::new("clean", "breadcrumb_home");

/// The last crumb that names the article page itself ("正文").
static CRUMB_ARTICLE: Words = Words::new("clean", "breadcrumb_article");

/// "首页> 地方频道> 要闻 > 正文", "当前位置:首页 > 新闻中心".
pub fn is_breadcrumb(key: &str) -> bool {
    // Neither a menu row nor a breadcrumb is longer than 80 chars, and a line of more
    // than 320 bytes is: paragraphs are turned away without a closer look.
    // A '。' (never white space, so in `key` and its trimmed form alike) rules out
    // both as well.
    let k = key.trim();
    if k.len() > 320 || has_full_stop(k) || k.chars().count() > 80 {
        return false;
    }
    if is_nav_row(k) {
        return true;
    }
    if key.len() != k.len() && key.chars().count() > 80 {
        return false;
    }
    // The separators are '>' or start with byte C2 ('»') or E2 ('›', '→'): one pass
    // over the bytes (memchr) before counting them char by char.
    if memchr::memchr3(b'>', 0xC2, 0xE2, key.as_bytes()).is_none() {
        return false;
    }
    let seps = key.chars().filter(|c| CRUMB_SEPS.contains(c)).count();
    if seps == 0 {
        return false;
    }
    let parts: Vec<&str> = key
        .split(CRUMB_SEPS)
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    let first = parts.first().copied().unwrap_or("");
    let last = parts.last().copied().unwrap_or("");
    starts_with_any(first, &CRUMB_HOME)
        || CRUMB_ARTICLE.iter().any(|w| last == w)
        || (seps >= 2 && parts.iter().all(|p| p.chars().count() <= 12))
}

/// A menu row: "首页 | 新闻 | 财经 | 科技" — three or more short items between bars,
/// or four or more short words.
/// `k` is trimmed, at most 80 chars long and holds no '。' (see [`is_breadcrumb`]).
fn is_nav_row(k: &str) -> bool {
    // One pass over the bytes: the line is short, and a memchr per mark costs more.
    if k.bytes().any(|b| matches!(b, b',' | b'!' | b'?' | b';')) {
        return false;
    }
    // Counted as they come, stopping at the first item too long to be a menu's.
    let all_short = |items: &mut dyn Iterator<Item = &str>, ok: &dyn Fn(&str) -> bool| {
        let mut n = 0;
        for item in items {
            if !ok(item) {
                return None;
            }
            n += 1;
        }
        Some(n)
    };
    if k.contains('|') {
        let mut parts = k.split('|').map(str::trim).filter(|p| !p.is_empty());
        return all_short(&mut parts, &|p| p.chars().count() <= 6).is_some_and(|n| n >= 3);
    }
    // Menus laid out in tables come out as single-spaced words: "首页 新闻 政务 服务".
    let mut words = k.split(' ').filter(|w| !w.is_empty());
    all_short(&mut words, &|w| {
        w.chars().count() <= 4 && w.chars().all(char::is_alphanumeric)
    })
    .is_some_and(|n| n >= 4)
}

/// Headings of the related/recommended lists that follow an article.
static RELATED: Words = Words::new("clean", "related_headings");

/// What may follow a heading word on its line.
static HEADING_SUFFIXES: Words = Words::new("clean", "heading_suffixes");

/// Is this line the heading of a related-news list? Returns the heading word.
pub fn related_heading(key: &str) -> Option<&'static str> {
    static FIRST_CHARS: LazyLock<Vec<char>> = LazyLock::new(|| {
        let mut v: Vec<char> = RELATED.iter().filter_map(|w| w.chars().next()).collect();
        v.sort_unstable();
        v.dedup();
        v
    });
    let c = core(key);
    if c.len() > 60 {
        return None; // longer than any heading (in bytes: 20 CJK chars)
    }
    // `core` leaves a word char first, and the filter below keeps it: a heading word
    // must start with it.
    if c.chars()
        .next()
        .is_none_or(|f| FIRST_CHARS.binary_search(&f).is_err())
    {
        return None;
    }
    let c: String = c.chars().filter(|c| !is_noise_char(*c)).collect();
    // Whatever follows the heading word must itself be heading-like ("相关新闻推荐"),
    // so "相关内容如下" (which introduces article text) is not a heading.
    RELATED
        .iter()
        .find(|w| {
            c.strip_prefix(w.as_str())
                .is_some_and(|rest| rest.is_empty() || HEADING_SUFFIXES.iter().any(|s| s == rest))
        })
        .map(String::as_str)
}

/// The editor line that closes an article, "[ 责编:邱晓琴 ]", "(责任编辑:张三)".
static EDITOR_LABELS: Words = Words::new("clean", "editor_labels");

/// A label at the start of the line or after white space or an opening bracket, then a
/// colon.
static EDITOR: LazyLock<Regex> = LazyLock::new(|| {
    text::regex(&format!(
        r"(?:^|[\[【(\s])\s*{}\s*[:]",
        alternation(&EDITOR_LABELS)
    ))
});

pub fn is_editor_line(key: &str) -> bool {
    // A label needs a colon.
    key.contains(':') && key.chars().count() <= 40 && EDITOR.is_match(key.trim())
}

/// A title that is just an outlet's name: short and ending like one.
pub fn site_name_like(title: &str) -> bool {
    let k = matching_key(title);
    k.chars().count() <= 8 && header::outlet_like(&k)
}

/// A teaser card of a news list: a truncated snippet ("…" / "..." inside) or a short
/// headline ending in its date.
fn is_teaser(l: &Line) -> bool {
    if l.chars() > 120 {
        return false;
    }
    let k = l.key.trim_end();
    // "……" is the article's own ellipsis; a cut snippet ends in "..." or one "…".
    let (_, dots) = runs_of(k, '.', 3);
    let (ellipses, doubled) = runs_of(k, '…', 2);
    let cut_marks = dots + ellipses - 2 * doubled;
    let cut_end = k.ends_with("...") || (k.ends_with('…') && !k.ends_with("……"));
    (cut_marks >= 1 && (cut_end || cut_marks >= 2))
        || (l.chars() <= 80
            && k.ends_with(char::is_numeric)
            && !has_full_stop(k)
            // A list headline with its date glued on: "…的当下与未来2023.10.20".
            && header::ends_with_glued_date(k))
}

/// How many `c` there are in `k`, and how many non-overlapping runs of `per` of them
/// (what `k.matches` of `c` repeated `per` times counts): a run of r holds r / per.
/// The chars are found by memchr.
fn runs_of(k: &str, c: char, per: usize) -> (usize, usize) {
    // `contains` finds a multi-byte char by its whole encoding; `match_indices` by its
    // last byte, which CJK text is full of: most lines hold no '…' and stop here.
    if !k.contains(c) {
        return (0, 0);
    }
    let (mut total, mut full, mut run) = (0, 0, 0);
    let mut run_end = usize::MAX;
    for (i, _) in k.match_indices(c) {
        if i != run_end {
            full += run / per;
            run = 0;
        }
        run += 1;
        total += 1;
        run_end = i + c.len_utf8();
    }
    (total, full + run / per)
}

/// A headline-like line: short, not a sentence, not a label.
fn is_headline(l: &Line) -> bool {
    let n = l.chars();
    let k = l.key.trim();
    (5..=80).contains(&n)
        && !has_full_stop(k)
        && !k.ends_with(':')
        && k.chars()
            .filter(|c| script::is_han(*c) || c.is_alphabetic())
            .count()
            >= 4
}

/// Titles compared without spaces and punctuation, in simplified form.
fn title_key(s: &str) -> String {
    title_key_of(&matching_key(s))
}

/// [`title_key`] of a line, from the matching key it already has.
fn title_key_of(key: &str) -> String {
    key.chars()
        .filter(|c| c.is_alphanumeric() || script::is_han(*c))
        .collect()
}

/// Whether a title and a line (its matching key) name the same title.
fn same_title(a: &str, line_key: &str) -> bool {
    same_title_keys(&title_key(a), &title_key_of(line_key))
}

fn same_title_keys(a: &str, b: &str) -> bool {
    let shorter = a.chars().count().min(b.chars().count());
    !a.is_empty() && !b.is_empty() && (a == b || (shorter >= 5 && (a.contains(b) || b.contains(a))))
}

/// What the header (the lines above the first paragraph) said.
#[derive(Debug, Default)]
pub struct Header {
    pub title: Option<String>,
    pub source: Option<String>,
    pub byline_source: Option<String>,
    pub published: Option<PartialDate>,
    /// Index of the first body line.
    pub body_start: usize,
}

/// How far down a header can reach.
const HEADER_MAX_LINES: usize = 30;

/// Reads the header: every line above the first paragraph is metadata (title, source,
/// date, byline) or page furniture, and is consumed. `known_title` comes from front
/// matter or `<title>`; a header line repeating it is consumed.
pub fn read_header(lines: &[Line], known_title: Option<&str>) -> Header {
    let mut h = Header::default();
    let mut reading_title: Option<String> = None;
    // A menu of one- to six-char items, however long, is furniture at the top.
    let menu = lines
        .iter()
        .take_while(|l| l.chars() <= 6 && !has_full_stop(&l.key))
        .count();
    let first = if menu >= 3 && menu < lines.len() {
        menu
    } else {
        0
    };
    let limit = lines.len().min(first + HEADER_MAX_LINES);
    // With a known title, everything above its repetition is page furniture (site
    // headers, menus, slogans), provided no paragraph comes first.
    let start = known_title
        .and_then(|t| {
            let t = title_key(t);
            (first..limit)
                .take_while(|&j| !is_paragraph(&lines[j]))
                .find(|&j| same_title_keys(&t, &title_key_of(&lines[j].key)))
        })
        .unwrap_or(first);
    // Labelled lines above the title's repetition (a notice's 发布机构 and 发布日期
    // grid) still say who published it and when.
    let (mut above_date, mut above_source) = (None, None);
    for l in &lines[first..start] {
        if let Some(m) = header::meta_line(&l.key, &l.text) {
            above_date = above_date.or(m.date);
            above_source = above_source.or(m.source);
        }
    }
    let mut last_strong = start;
    let mut i = start;
    let mut body_found = false;
    while i < limit {
        let l = &lines[i];
        let k = l.key.as_str();
        let title_now = h
            .title
            .as_deref()
            .or(known_title)
            .or(reading_title.as_deref());
        let strong = if is_widget(k) || is_breadcrumb(k) {
            true
        } else if let Some(start) = header::title_label(k) {
            // "标题:…" states the title outright.
            let n = k[..start].chars().count();
            let t: String = l.text.chars().skip(n).collect();
            if !t.trim().is_empty() && known_title.is_none() {
                h.title = Some(t.trim().to_string());
            }
            true
        } else if let Some(start) = header::reading_label(k) {
            let n = k[..start].chars().count();
            let t: String = l.text.chars().skip(n).collect();
            if !t.trim().is_empty() {
                reading_title = Some(t.trim().to_string());
            }
            true
        } else if let Some((d, outlet)) = header::date_with_outlet(&l.key, &l.text) {
            h.published.get_or_insert(d);
            if h.source.is_none() {
                h.source = outlet;
            }
            true
        } else if let Some(m) = header::meta_line(k, &l.text) {
            if let Some(d) = m.date {
                h.published.get_or_insert(d);
            }
            if h.source.is_none() {
                h.source = m.source;
            }
            true
        } else if let Some(outlet) = header::byline(k, &l.text) {
            if h.byline_source.is_none() {
                h.byline_source = outlet;
            }
            true
        } else if let Some(d) = header::stamped_line(&l.key, l.chars()) {
            h.published.get_or_insert(d);
            true
        } else if is_noise_line(k) || (header::summary_line(k) && metadata_follows(lines, i, limit))
        {
            // Noise, or a summary restating the article above its date and source.
            false
        } else if is_headline(l) && !has_sentence_end_strict(k) {
            match title_now {
                None => {
                    h.title = Some(l.text.clone());
                    true
                }
                Some(t) if same_title(t, &l.key) => {
                    if h.title.is_none() && known_title.is_none() {
                        h.title = Some(l.text.clone());
                    }
                    true
                }
                // A subtitle or an unknown label above the date/source lines is
                // still header; otherwise the article starts here.
                Some(_) if metadata_follows(lines, i, limit) => false,
                Some(_) => {
                    body_found = true;
                    break;
                }
            }
        } else if l.chars() < 5 && !has_full_stop(k) {
            // A name, a role or a nav word between headline and article.
            false
        } else {
            body_found = true;
            break;
        };
        if strong {
            last_strong = i + 1;
        }
        i += 1;
    }
    h.body_start = if body_found { i } else { last_strong };
    h.published = h.published.or(above_date);
    h.source = h.source.or(above_source);
    if h.title.is_none() && known_title.is_none() {
        h.title = reading_title;
    }
    h
}

/// Whether a metadata line (date, 来源, byline) comes within the next three lines,
/// before any paragraph.
fn metadata_follows(lines: &[Line], i: usize, limit: usize) -> bool {
    for l in lines.iter().take(limit.min(i + 4)).skip(i + 1) {
        if is_paragraph(l) {
            return false;
        }
        if header::date_with_outlet(&l.key, &l.text).is_some()
            || header::stamped_line(&l.key, l.chars()).is_some()
            || header::meta_line(&l.key, &l.text).is_some()
            || header::byline(&l.key, &l.text).is_some()
        {
            return true;
        }
    }
    false
}

/// A line that is surely article text: a long line with a full stop.
fn is_paragraph(l: &Line) -> bool {
    l.chars() > 40 && has_full_stop(&l.key)
}

/// A title may carry '!' or '?' ("…建设!全面打造…"), but never '。' or ';', which only
/// sentences use.
fn has_sentence_end_strict(key: &str) -> bool {
    key.contains(';') || has_full_stop(key)
}

/// What the tail cleaning dropped.
#[derive(Debug, Default)]
pub struct Dropped {
    pub tail_lines: usize,
    pub tail_from: Option<String>,
    pub widget_lines: usize,
    /// An outlet named by a 来源 line inside or below the article.
    pub source: Option<String>,
    /// The date on that line, if any.
    pub source_date: Option<PartialDate>,
}

/// What a source label may name before it ("文章来源:").
static SOURCE_KINDS: Words = Words::new("clean", "source_label_kinds");

/// "来源:上海发布", "文章来源:解放日报" on a line of its own in the body.
static BODY_SOURCE: LazyLock<Regex> = LazyLock::new(|| {
    text::regex(&format!(
        r"^[\[【(]?\s*{}?{}\s*[:]",
        alternation(&SOURCE_KINDS),
        alternation(&header::SOURCE_LABELS)
    ))
});

/// Labels of the notices and links that end an article ("免责声明:", "下一篇:").
static NOTICE_LABELS: Words = Words::new("clean", "notice_labels");

/// How a reprint note starts ("本文转载自").
static REPRINT_OPENERS: Words = Words::new("clean", "reprint_openers");

/// Phrases of a takedown notice, anywhere in a line ("如有侵权").
static TAKEDOWN_PHRASES: Words = Words::new("clean", "takedown_phrases");

/// What follows the number of a comment ("3楼:").
static FLOOR_WORDS: Words = Words::new("clean", "comment_floor_words");

/// Disclaimers and reprint notes that end an article; "3楼:" opens a comment.
static DISCLAIMER: LazyLock<Regex> = LazyLock::new(|| {
    text::regex(&format!(
        r"^[\[【(]?\s*(?:{}\s*[:]|{}|\d{{1,4}}{}[\s:])|{}",
        alternation(&NOTICE_LABELS),
        alternation(&REPRINT_OPENERS),
        alternation(&FLOOR_WORDS),
        alternation(&TAKEDOWN_PHRASES)
    ))
});

/// Endings of the bodies that sign notices.
static ISSUER_ENDINGS: Words = Words::new("clean", "issuer_endings");

fn is_issuer(key: &str) -> bool {
    let k = key.trim();
    k.chars().count() <= 30 && ends_with_any(k, &ISSUER_ENDINGS)
}

/// A numbered item, 一、 (二) 3. ④ 第五条 (N: the numerals 一 to 十). The shape of a
/// number, so grammar, not lexicon.
static LIST_ITEM: LazyLock<Regex> = LazyLock::new(|| {
    let n = text::HAN_NUMERALS;
    text::regex(&format!(
        r"^(?:[{n}]+[、.]|[(]?[{n}\d]+[)]|\d+[.、]|[①-⑳]|第[{n}百\d]+[条章节])"
    ))
});

/// Drops page furniture from the body and cuts the scraped tail. `lines` are the body
/// lines (header already removed).
pub fn clean_body(lines: Vec<Line>) -> (Vec<Line>, Dropped) {
    let mut d = Dropped::default();
    // Furniture anywhere: widgets, breadcrumbs, noise lines.
    let before = lines.len();
    let mut source = None;
    let mut lines: Vec<Line> = lines
        .into_iter()
        .filter(|l| {
            // The label needs a colon.
            if l.chars() <= 40 && l.key.contains(':') && BODY_SOURCE.is_match(&l.key) {
                if source.is_none()
                    && let Some(m) = header::meta_line(&l.key, &l.text)
                {
                    source = m.source.map(|s| (s, m.date));
                }
                return false;
            }
            if let Some(o) = header::reprint_outlet(&l.key, &l.text) {
                if source.is_none() {
                    source = Some((o, None));
                }
                return false;
            }
            let noise = is_noise_line(&l.key) && header::date_only(&l.key).is_none();
            !(noise || is_widget(&l.key) || is_breadcrumb(&l.key))
        })
        .collect();
    d.widget_lines = before - lines.len();
    if let Some((s, date)) = source {
        d.source = Some(s);
        d.source_date = date;
    }

    let mut cut = lines.len();
    // 1. The heading of a related-news list (never the first line).
    if let Some(i) = (1..lines.len()).find(|&i| related_heading(&lines[i].key).is_some()) {
        cut = i;
    }
    // 2. The editor line in the later half of what is left.
    let total: usize = lines[..cut].iter().map(Line::chars).sum();
    let mut seen = 0usize;
    for (i, l) in lines[..cut].iter().enumerate() {
        if i > 0 && seen * 2 >= total && (is_editor_line(&l.key) || DISCLAIMER.is_match(&l.key)) {
            cut = i;
            break;
        }
        seen += l.chars();
    }
    // 3. A news list: teaser, date, teaser, date… running to the end, or a run of
    // truncated teasers; either only in the later half (an agenda with dates in the
    // middle of an article is article text).
    let mut before = Vec::with_capacity(cut + 1);
    let mut acc = 0usize;
    for l in &lines[..cut] {
        before.push(acc);
        acc += l.chars();
    }
    let later_half = |i: usize| before.get(i).is_some_and(|&b| b * 2 >= acc);
    let ts: Vec<usize> = (1..cut)
        .filter(|&i| header::date_only(&lines[i].key).is_some())
        .collect();
    if let Some(w) = ts.windows(2).find(|w| w[1] - w[0] == 2)
        && w[0] >= 2
        && ts.last().is_some_and(|&last| last + 2 >= cut)
        && later_half(w[0] - 1)
    {
        cut = cut.min(w[0] - 1);
    }
    // Each line's verdict is kept for the next pair, which starts with it.
    let mut next_teaser = None;
    if let Some(i) = (1..cut.saturating_sub(1)).find(|&i| {
        next_teaser.take().unwrap_or_else(|| is_teaser(&lines[i]))
            && {
                let next = is_teaser(&lines[i + 1]);
                next_teaser = Some(next);
                next
            }
            && later_half(i)
    }) {
        cut = cut.min(i);
    }
    let mut tail_from = (cut < lines.len()).then(|| lines[cut].text.clone());
    let mut dropped = lines.len() - cut;
    lines.truncate(cut);
    // 4. Trailing runs of headline-like lines (lists of other stories).
    let mut end = lines.len();
    while end > 1 {
        let l = &lines[end - 1];
        let k = l.key.trim_end();
        if l.chars() <= 40
            && !has_sentence_end(k)
            && !k.ends_with([':', '”', '"', ')', '》'])
            && !k.contains('《')
            && !LIST_ITEM.is_match(k)
        {
            end -= 1;
        } else {
            break;
        }
    }
    // A list the article announces ("主要任务包括:") is the article's own, and so is
    // the signature block of a notice (issuers, then the date).
    let announced = end > 0 && lines[end - 1].key.trim_end().ends_with(':');
    let run = &lines[end..];
    let signed = run
        .last()
        .is_some_and(|l| header::date_only(&l.key).is_some())
        || run.iter().filter(|l| is_issuer(&l.key)).count() * 2 >= run.len().max(1);
    if run.len() >= 3 && !announced && !signed {
        tail_from = Some(lines[end].text.clone());
        dropped += lines.len() - end;
        lines.truncate(end);
    }
    let before = lines.len();
    // Lone numeric timestamps at the top or after the last sentence are furniture;
    // between sentences (an agenda) they date what follows, and a written date
    // ("2023年7月10日") under a notice is its signature date: those stay.
    let last_sentence = lines.iter().rposition(|l| has_sentence_end(&l.key));
    let mut i = 0;
    lines.retain(|l| {
        let keep =
            !(header::is_timestamp_line(&l.key) && (i == 0 || last_sentence.is_none_or(|s| i > s)));
        i += 1;
        keep
    });
    // A story may end with its outlet in brackets.
    if let Some(last) = lines.last()
        && let Some(o) = header::bracketed_outlet(&last.key, &last.text)
    {
        d.source.get_or_insert(o);
        lines.pop();
    }
    d.widget_lines += before - lines.len();
    d.tail_lines = dropped;
    d.tail_from = tail_from;
    (lines, d)
}

/// Repairs the pinyin annotations of the normalised line `norm`, whose key is `key`,
/// into `line`'s text and key, and returns how many there were (when none, `line` is
/// left as it is). The repaired line needs no normalising (an annotation holds no
/// white space, and what is left on either side of it is the annotated Han char or
/// '?' and a char that was already there) and its key is `key` less the annotations'
/// keys, so neither is made again; its Han chars are those of `norm`, as no
/// annotation holds one.
fn repair_keyed(norm: &str, key: &str, line: &mut Line) -> usize {
    let (mut copied, mut key_copied) = (0, 0);
    let (mut text, mut fixed_key) = (String::new(), String::new());
    let n = pinyin_cuts(norm, |keep, resume| {
        if text.capacity() == 0 {
            text.reserve(norm.len());
            fixed_key.reserve(key.len());
        }
        let key_keep = key_copied + key_len(&norm[copied..keep]);
        text.push_str(&norm[copied..keep]);
        fixed_key.push_str(&key[key_copied..key_keep]);
        key_copied = key_keep + key_len(&norm[keep..resume]);
        copied = resume;
    });
    if n > 0 {
        text.push_str(&norm[copied..]);
        fixed_key.push_str(&key[key_copied..]);
        debug_assert_eq!(normalise_line(&text), text);
        line.text = text;
        line.key = fixed_key;
    }
    n
}

/// Splits a body into normalised, pinyin-repaired, non-empty lines; returns the count
/// of repaired pinyin annotations.
pub fn lines_of(body: &str) -> (Vec<Line>, usize) {
    let mut out = Vec::new();
    let mut pinyin = 0;
    // One buffer for every line; each kept line gets an exact-size copy.
    let mut norm = String::new();
    let mut key = KeyOut::default();
    let mut rest = body;
    loop {
        norm.clear();
        key.reset();
        let mut closer = false;
        let next = normalise_into(rest, &mut norm, true, &mut closer, Some(&mut key));
        if !norm.is_empty() {
            let mut line = Line {
                n_chars: 0,
                text: String::new(),
                key: String::new(),
                han: key.han,
            };
            let n = if closer && pinyin_candidate(&norm) {
                repair_keyed(&norm, &key.key, &mut line)
            } else {
                0
            };
            if n == 0 {
                line.text = norm.as_str().to_owned();
                line.key = key.key.as_str().to_owned();
            }
            pinyin += n;
            line.n_chars = line.text.chars().count();
            out.push(line);
        }
        match next {
            Some(i) => rest = &rest[i..],
            None => break,
        }
    }
    (out, pinyin)
}

#[cfg(test)]
#[path = "clean_tests.rs"]
mod tests;

#[cfg(test)]
#[path = "clean_equivalence.rs"]
pub(crate) mod equivalence;
