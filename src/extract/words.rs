//! A word list of the lexicon, matched at char positions of a text the rules hold as
//! chars: whether a word of the list starts or ends at a place, in list order.
//!
//! The words are kept as chars, so a comparison does not decode them again, with the
//! chars they start and end with: the rules try the lists at many places of every
//! sentence, most places hold none of those chars, and one look at a short sorted list
//! then rules the whole list out. Past that look the matching is the plain one, each
//! word in turn, which is what the rules mean.

/// The words of one lexicon list, in the order the list gives them.
#[derive(Debug, Clone, Default)]
pub struct Words {
    words: Vec<Vec<char>>,
    /// The first and the last chars of the words, sorted, without repeats.
    firsts: Vec<char>,
    lasts: Vec<char>,
    /// The list holds the empty word, which starts and ends everywhere.
    empty: bool,
}

impl Words {
    pub fn new<S: AsRef<str>>(list: &[S]) -> Self {
        let words: Vec<Vec<char>> = list.iter().map(|w| w.as_ref().chars().collect()).collect();
        let edge = |pick: fn(&Vec<char>) -> Option<&char>| {
            let mut v: Vec<char> = words.iter().filter_map(|w| pick(w).copied()).collect();
            v.sort_unstable();
            v.dedup();
            v
        };
        Self {
            firsts: edge(|w| w.first()),
            lasts: edge(|w| w.last()),
            empty: words.iter().any(Vec::is_empty),
            words,
        }
    }

    /// The words, each as chars, in list order.
    pub fn iter(&self) -> impl Iterator<Item = &[char]> {
        self.words.iter().map(Vec::as_slice)
    }

    /// False only when no word of the list can start at `at` of `s`: the char there
    /// starts none of them.
    pub fn may_start(&self, s: &[char], at: usize) -> bool {
        self.empty
            || s.get(at)
                .is_some_and(|c| self.firsts.binary_search(c).is_ok())
    }

    /// False only when no word of the list can end at `end` of `s`.
    pub fn may_end(&self, s: &[char], end: usize) -> bool {
        self.empty
            || end
                .checked_sub(1)
                .and_then(|k| s.get(k))
                .is_some_and(|c| self.lasts.binary_search(c).is_ok())
    }

    /// The first word of the list that starts at `at` of `s`.
    pub fn first_at(&self, s: &[char], at: usize) -> Option<&[char]> {
        if !self.may_start(s, at) {
            return None;
        }
        self.iter().find(|w| starts_with(s, at, w))
    }

    /// Whether a word of the list starts at `at` of `s`.
    pub fn any_at(&self, s: &[char], at: usize) -> bool {
        self.first_at(s, at).is_some()
    }

    /// Whether a word of the list ends at `end` of `s`.
    pub fn any_ends_at(&self, s: &[char], end: usize) -> bool {
        self.may_end(s, end) && self.iter().any(|w| ends_with(s, end, w))
    }

    /// Whether a word of the list occurs anywhere in `s`.
    pub fn any_in(&self, s: &[char]) -> bool {
        self.iter()
            .any(|w| w.is_empty() || s.windows(w.len()).any(|x| x == w))
    }

    /// Whether `s` is one of the words.
    pub fn contains(&self, s: &[char]) -> bool {
        self.iter().any(|w| w == s)
    }
}

/// A regex alternation of the words, escaped, in list order: where two words fit at
/// the same place, the one listed first is tried first, as in the list.
pub fn alternation<S: AsRef<str>>(list: &[S]) -> String {
    let escaped: Vec<String> = list.iter().map(|w| regex::escape(w.as_ref())).collect();
    escaped.join("|")
}

/// Whether `word` starts at `at` of `s`.
pub fn starts_with(s: &[char], at: usize, word: &[char]) -> bool {
    s.get(at..).unwrap_or(&[]).starts_with(word)
}

/// Whether `word` ends at `end` of `s`.
pub fn ends_with(s: &[char], end: usize, word: &[char]) -> bool {
    s.get(..end)
        .map_or(word.is_empty(), |head| head.ends_with(word))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Matching on chars is matching on the strings they make.
    #[test]
    fn chars_match_like_strings() {
        for list in [
            &["的", "达到", "产值达到", "元的", "x", "的的"][..],
            &["", "a"],
        ] {
            let words = Words::new(list);
            for text in ["", "的", "产值达到2,400亿元的", "x的的x", "达"] {
                let s: Vec<char> = text.chars().collect();
                let at = |k: usize| -> String { s[k.min(s.len())..].iter().collect() };
                let upto = |k: usize| -> Option<String> { s.get(..k).map(|h| h.iter().collect()) };
                for k in 0..s.len() + 3 {
                    let first = list.iter().find(|w| at(k).starts_with(*w));
                    let got = words.first_at(&s, k).map(|w| w.iter().collect::<String>());
                    assert_eq!(got.as_deref(), first.copied(), "{text} {k}");
                    let ends = list
                        .iter()
                        .any(|w| upto(k).map_or(w.is_empty(), |h| h.ends_with(*w)));
                    assert_eq!(words.any_ends_at(&s, k), ends, "{text} {k}");
                }
                for k in 0..s.len() + 3 {
                    if list.iter().any(|w| at(k).starts_with(*w)) {
                        assert!(words.may_start(&s, k), "{text} {k}");
                    }
                    if list
                        .iter()
                        .any(|w| upto(k).map_or(w.is_empty(), |h| h.ends_with(*w)))
                    {
                        assert!(words.may_end(&s, k), "{text} {k}");
                    }
                }
                assert_eq!(words.any_in(&s), list.iter().any(|w| text.contains(*w)));
                assert_eq!(words.contains(&s), list.contains(&text));
            }
        }
    }
}
