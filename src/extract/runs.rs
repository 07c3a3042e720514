//! Where a lexicon regex can match at all, found without running it over the text.
//!
//! Date and figure patterns are long alternations without a literal prefix, so the
//! regex engine walks every byte of a document, and most documents are long stretches
//! of prose with a handful of dates and figures. But such a pattern is written with few
//! chars: a match lies inside a run of those chars (its alphabet) and contains one of a
//! few words every alternative needs (its anchors: a digit, 年, a unit…). The anchors are
//! found with a vectorised byte scan (digits) and a literal search, the runs around them
//! with a bit table of the alphabet, and the regex only sees those runs. Since a match can neither contain a char outside the alphabet nor cross
//! one, searching each run finds exactly the matches a search of the whole text finds.

/// One bit per char of the Basic Multilingual Plane.
type Bits = Vec<u64>;

fn has(bits: &Bits, c: char) -> bool {
    let c = c as usize;
    bits.get(c >> 6).is_some_and(|w| w >> (c & 63) & 1 == 1)
}

fn set(bits: &mut Bits, c: char) {
    let c = c as usize;
    if let Some(w) = bits.get_mut(c >> 6) {
        *w |= 1 << (c & 63);
    }
}

/// The chars of Unicode's White_Space (`\s`, `char::is_whitespace`), as ranges: the
/// test checks them against every char, which costs more than a gate is worth when it
/// is done on every start of the program.
const WHITE_SPACE: &[(char, char)] = &[
    ('\u{9}', '\u{D}'),
    (' ', ' '),
    ('\u{85}', '\u{85}'),
    ('\u{A0}', '\u{A0}'),
    ('\u{1680}', '\u{1680}'),
    ('\u{2000}', '\u{200A}'),
    ('\u{2028}', '\u{2029}'),
    ('\u{202F}', '\u{202F}'),
    ('\u{205F}', '\u{205F}'),
    ('\u{3000}', '\u{3000}'),
];

/// The alphabet and anchors of a set of patterns.
pub struct Gate {
    /// The patterns use syntax whose chars cannot be read off the source (`.`, `\w`,
    /// ranges other than 0-9, …) or chars beyond the tables: the whole text is one run.
    open: bool,
    alphabet: Bits,
    /// Single ASCII anchors, as one range of bytes.
    ascii_anchors: Option<(u8, u8)>,
    /// The other anchors, as a search for any of them.
    words: Option<regex::Regex>,
}

/// The chars a match of `pattern` can contain, and whether white space is among them
/// (`\s`). Only literals, escaped punctuation, classes of literals, the range 0-9 and
/// `\s` are understood; anything else (`.`, `\w`, `\d`, negated classes, other ranges,
/// flags) gives `None`, and the gate then lets everything through. Group names,
/// repetition counts and other syntax are not chars of the text.
pub fn literal_chars(pattern: &str) -> Option<(Vec<char>, bool)> {
    let cs: Vec<char> = pattern.chars().collect();
    let mut out = Vec::new();
    let mut whitespace = false;
    // Nesting depth of classes, and where the innermost open class starts.
    let mut depth = 0usize;
    let mut class_start = 0;
    let mut i = 0;
    while i < cs.len() {
        let c = cs[i];
        if c == '\\' {
            match cs.get(i + 1) {
                Some('s') => whitespace = true,
                Some(&e) if e.is_ascii_punctuation() => out.push(e),
                _ => return None,
            }
            i += 2;
            continue;
        }
        if depth > 0 {
            match c {
                '^' if i == class_start => return None,
                '[' => {
                    depth += 1;
                    class_start = i + 1;
                }
                ']' if i != class_start => depth -= 1,
                '-' if i != class_start => {
                    if cs[i - 1] != '0' || cs.get(i + 1) != Some(&'9') {
                        return None;
                    }
                    out.extend('0'..='9');
                }
                c => out.push(c),
            }
        } else {
            match c {
                '[' => {
                    depth = 1;
                    class_start = i + 1;
                }
                '.' => return None,
                '(' => {
                    // (?: and (?P<name> are plain groups; other (? are flags.
                    if cs.get(i + 1) == Some(&'?') {
                        match cs.get(i + 2) {
                            Some(':') => i += 2,
                            Some('P') => {
                                while i < cs.len() && cs[i] != '>' {
                                    i += 1;
                                }
                            }
                            _ => return None,
                        }
                    }
                }
                '{' => {
                    while i < cs.len() && cs[i] != '}' {
                        i += 1;
                    }
                }
                ')' | '|' | '?' | '*' | '+' | '^' | '$' => {}
                c => out.push(c),
            }
        }
        i += 1;
    }
    Some((out, whitespace))
}

impl Gate {
    /// `anchors`: words at least one of which every match of every pattern contains.
    pub fn new(patterns: &[&str], anchors: &[&str]) -> Self {
        let mut alphabet = vec![0u64; 0x10000 / 64];
        let literal: Option<Vec<(Vec<char>, bool)>> =
            patterns.iter().map(|p| literal_chars(p)).collect();
        let mut open = literal.is_none();
        let literal = literal.unwrap_or_default();
        for &c in literal.iter().flat_map(|(cs, _)| cs) {
            open |= c as u32 > 0xFFFF;
            set(&mut alphabet, c);
        }
        if literal.iter().any(|(_, ws)| *ws) {
            // White space lies within the plane, so the table holds all of it.
            for c in WHITE_SPACE.iter().flat_map(|&(a, b)| a..=b) {
                set(&mut alphabet, c);
            }
        }
        let (ascii, words): (Vec<&str>, Vec<&str>) =
            anchors.iter().partition(|a| a.len() == 1 && a.is_ascii());
        let bytes: Vec<u8> = ascii.iter().map(|a| a.as_bytes()[0]).collect();
        let lo = bytes.iter().min().copied();
        let hi = bytes.iter().max().copied();
        // A range is only exact without gaps; an anchor with a char outside the
        // alphabet means the anchors are not what the caller thinks. Either way the
        // gate lets everything through.
        open |= lo
            .zip(hi)
            .is_some_and(|(lo, hi)| !(lo..=hi).all(|b| bytes.contains(&b)));
        open |= anchors.is_empty()
            || anchors
                .iter()
                .flat_map(|a| a.chars())
                .any(|c| !has(&alphabet, c));
        let escaped: Vec<String> = words.iter().map(|w| regex::escape(w)).collect();
        let words = (!words.is_empty())
            .then(|| regex::Regex::new(&escaped.join("|")).ok())
            .flatten();
        open |= words.is_none() && !escaped.is_empty();
        Self {
            open,
            alphabet,
            ascii_anchors: lo.zip(hi),
            words,
        }
    }

    /// Whether the gate lets the whole text through (tests check it does not).
    #[cfg(test)]
    pub fn is_open(&self) -> bool {
        self.open
    }

    fn next_ascii_anchor(&self, bytes: &[u8], from: usize) -> Option<usize> {
        let (lo, hi) = self.ascii_anchors?;
        let span = hi - lo;
        let is = |b: u8| b.wrapping_sub(lo) <= span;
        let mut i = from;
        const W: usize = 32;
        while let Some(chunk) = bytes.get(i..i + W) {
            // No early exit inside a chunk, so the compiler compares it all at once.
            if chunk.iter().fold(false, |a, &b| a | is(b)) {
                break;
            }
            i += W;
        }
        let i = i.min(bytes.len());
        bytes[i..].iter().position(|&b| is(b)).map(|k| i + k)
    }

    /// Byte ranges of the runs of alphabet chars that contain an anchor, in order.
    pub fn runs(&self, text: &str) -> Vec<(usize, usize)> {
        if self.open {
            return vec![(0, text.len())];
        }
        let bytes = text.as_bytes();
        let mut out = Vec::new();
        let mut pos = 0;
        // The next anchor of each kind at or after `pos`, once looked up.
        let mut next_ascii: Option<Option<usize>> = None;
        let mut next_word: Option<Option<usize>> = None;
        loop {
            if next_ascii.is_some_and(|n| n.is_some_and(|n| n < pos)) {
                next_ascii = None;
            }
            if next_word.is_some_and(|n| n.is_some_and(|n| n < pos)) {
                next_word = None;
            }
            let a = *next_ascii.get_or_insert_with(|| self.next_ascii_anchor(bytes, pos));
            let w = *next_word.get_or_insert_with(|| {
                self.words
                    .as_ref()
                    .and_then(|re| re.find_at(text, pos))
                    .map(|m| m.start())
            });
            let Some(at) = a.into_iter().chain(w).min() else {
                break;
            };
            let mut start = at;
            while let Some(c) = text[pos..start].chars().next_back() {
                if !has(&self.alphabet, c) {
                    break;
                }
                start -= c.len_utf8();
            }
            let mut end = at;
            for c in text[at..].chars() {
                if !has(&self.alphabet, c) {
                    break;
                }
                end += c.len_utf8();
            }
            out.push((start, end));
            // The anchor is in the alphabet, so the run is not empty and this moves on.
            pos = end.max(at + 1);
            while !text.is_char_boundary(pos) {
                pos += 1;
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literal_patterns() {
        let chars = |p: &str| {
            literal_chars(p).map(|(mut cs, ws)| {
                cs.sort_unstable();
                cs.dedup();
                (cs.into_iter().collect::<String>(), ws)
            })
        };
        let cases = [
            (r"(?P<y>[0-9]{4})年", "0123456789年", false),
            (r"[-—–~至到]\s*", "-~–—到至", true),
            (r"[一二两[0-9]]年内", "0123456789一两二内年", false),
            (
                r"(?:\((?P<d>[0-9]{1,2})[日号]\))?",
                "()0123456789号日",
                false,
            ),
            (
                r"[0-9]+(?:,[0-9]{3})*(?:\.[0-9]+)?%",
                "%,.0123456789",
                false,
            ),
            (r"^(?:(?P<s>[-./])|a|b)", "-./ab", false),
        ];
        for (p, want, ws) in cases {
            assert_eq!(chars(p), Some((want.to_string(), ws)), "{p}");
        }
        for p in [
            r"a.b", r"\w+", r"\d", r"[^a]", r"[a-z]", r"(?i)abc", r"[x[^y]]", r"\x41", r"\p{Han}",
        ] {
            assert_eq!(chars(p), None, "{p}");
        }
    }

    #[test]
    fn white_space_is_listed() {
        let listed: Vec<char> = WHITE_SPACE.iter().flat_map(|&(a, b)| a..=b).collect();
        let all: Vec<char> = (0..=0x10FFFF)
            .filter_map(char::from_u32)
            .filter(|c| c.is_whitespace())
            .collect();
        assert_eq!(listed, all);
        let re = regex::Regex::new(r"^\s$").unwrap();
        assert!(
            (0..=0x10FFFF)
                .filter_map(char::from_u32)
                .all(|c| re.is_match(&c.to_string()) == listed.contains(&c))
        );
    }

    #[test]
    fn runs_hold_the_anchors() {
        let g = Gate::new(&[r"(?:今|去)年|[0-9]+月"], &["年", "月"]);
        assert!(!g.is_open());
        let text = "我们今年3月在上海,去年也是。3月";
        let got: Vec<&str> = g.runs(text).iter().map(|&(a, b)| &text[a..b]).collect();
        assert_eq!(got, vec!["今年3月", "去年", "3月"]);
        // Digits as anchors, found past a long stretch without any.
        let g = Gate::new(
            &[r"[0-9]+个"],
            &["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"],
        );
        let text = format!("{}5个{}12个", "字".repeat(100), "a".repeat(70));
        let got: Vec<&str> = g.runs(&text).iter().map(|&(a, b)| &text[a..b]).collect();
        assert_eq!(got, vec!["5个", "12个"]);
        // Unsupported syntax or an anchor outside the alphabet lets everything through.
        assert!(Gate::new(&["a.c"], &["a"]).is_open());
        assert!(Gate::new(&["abc"], &["x"]).is_open());
        assert!(Gate::new(&["[0-9]"], &["1", "3"]).is_open());
        assert!(Gate::new(&["abc"], &[]).is_open());
        assert_eq!(Gate::new(&["a.c"], &["a"]).runs("xyz"), vec![(0, 3)]);
        let g = Gate::new(&[r"a\s*b"], &["b"]);
        assert_eq!(g.runs("xa\u{3000}\tb"), vec![(1, 7)]);
    }
}
