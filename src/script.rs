//! Traditional ↔ simplified: one simplified copy for matching, the original for display.
//!
//! The conversion is char for char, so an offset found in the simplified copy is the
//! same offset in the original text. fast2s converts each char on its own (with a few
//! context rules), which keeps that guarantee.

use serde::Serialize;
use std::sync::LazyLock;

/// The script the original text is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Script {
    #[default]
    Hans,
    Hant,
    Mixed,
}

impl Script {
    /// The name the JSON contract gives it (its serde name).
    pub fn name(self) -> &'static str {
        match self {
            Script::Hans => "hans",
            Script::Hant => "hant",
            Script::Mixed => "mixed",
        }
    }
}

/// The BMP ranges fast2s converts (it only touches chars of three UTF-8 bytes, and its
/// table holds CJK ideographs and their compatibility forms).
const RANGES: [(u32, u32); 2] = [(0x2E80, 0x9FFF), (0xF900, 0xFFFF)];

/// fast2s's mapping laid out as arrays indexed by code point, built once from fast2s
/// itself: converting is then one lookup per char, several times faster than its hash
/// map (issue 5: conversion was the largest cost of reading a corpus). fast2s's few
/// two-char context rules are not applied; for matching, the plain mapping is what is
/// wanted anyway.
static TABLE: LazyLock<Vec<Vec<char>>> = LazyLock::new(|| {
    RANGES
        .iter()
        .map(|&(lo, hi)| {
            // One call over all chars, each between two separators so that no context
            // rule sees a neighbour.
            let chars: Vec<char> = (lo..=hi)
                .map(|u| char::from_u32(u).unwrap_or(' '))
                .collect();
            let mut joined = String::with_capacity(chars.len() * 4);
            for &c in &chars {
                joined.push(c);
                joined.push('\n');
            }
            let converted = fast2s::convert(&joined);
            let mut out: Vec<char> = converted.chars().filter(|&c| c != '\n').collect();
            if out.len() != chars.len() {
                out = chars;
            }
            for &(from, to) in VARIANTS {
                if let Some(slot) = (from as u32)
                    .checked_sub(lo)
                    .and_then(|k| out.get_mut(k as usize))
                {
                    *slot = to;
                }
            }
            out
        })
        .collect()
});

/// Variant forms of traditional texts that fast2s leaves as they are and OpenCC's t2s
/// simplifies (產業集羣 is 产业集群): without them a mirror's words miss the lexicon.
const VARIANTS: &[(char, char)] = &[
    ('羣', '群'),
    ('裏', '里'),
    ('綫', '线'),
    ('衆', '众'),
    ('啓', '启'),
    ('爲', '为'),
    ('僞', '伪'),
    ('峯', '峰'),
    ('鷄', '鸡'),
    ('牀', '床'),
    ('竪', '竖'),
];

/// Each range fast2s converts, with the simplified form of each of its chars: what
/// tables of other forms (the cleaner's matching key) are built from without asking
/// [`simplify_char`] char by char.
pub(crate) fn simplified_ranges() -> impl Iterator<Item = (u32, &'static [char])> {
    RANGES
        .iter()
        .zip(TABLE.iter())
        .map(|(&(lo, _), table)| (lo, table.as_slice()))
}

/// The simplified form of one char.
pub fn simplify_char(c: char) -> char {
    let u = c as u32;
    if u < RANGES[0].0 {
        return c;
    }
    for (table, &(lo, hi)) in TABLE.iter().zip(RANGES.iter()) {
        if (lo..=hi).contains(&u) {
            return table.get((u - lo) as usize).copied().unwrap_or(c);
        }
    }
    c
}

/// Converts to simplified Chinese, keeping the char count.
pub fn to_simplified(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    out.extend(s.chars().map(simplify_char));
    out
}

/// Which script a text is in, from how many of its Han chars change when simplified.
pub fn detect(original: &str, simplified: &str) -> Script {
    // Most texts are simplified already: nothing changed means no Han char changed,
    // which one memcmp tells without walking the chars.
    if original == simplified {
        return Script::Hans;
    }
    let mut han = 0usize;
    let mut changed = 0usize;
    for (a, b) in original.chars().zip(simplified.chars()) {
        if is_han(a) {
            han += 1;
            if a != b {
                changed += 1;
            }
        }
    }
    from_counts(han, changed)
}

/// [`detect`] from counts made elsewhere (the cleaner counts while it simplifies).
pub fn from_counts(han: usize, changed: usize) -> Script {
    if han == 0 || changed * 100 < han {
        Script::Hans
    } else if changed * 100 >= han * 8 {
        // Traditional text changes on roughly a fifth to a third of its chars.
        Script::Hant
    } else {
        Script::Mixed
    }
}

pub fn is_han(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '\u{F900}'..='\u{FAFF}' | '\u{20000}'..='\u{2FFFF}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conversion_keeps_offsets() {
        let t = "上海國際生物醫藥產業周開幕";
        let s = to_simplified(t);
        assert_eq!(s, "上海国际生物医药产业周开幕");
        // Variant forms fast2s leaves.
        assert_eq!(to_simplified("生命健康產業集羣"), "生命健康产业集群");
        assert_eq!(s.chars().count(), t.chars().count());
    }

    #[test]
    fn table_agrees_with_fast2s() {
        let t = "上海國際生物醫藥產業周開幕活動在張江科學會堂舉行,發布《行動計劃》:臨床批件133件、醫療機器人";
        assert_eq!(to_simplified(t), fast2s::convert(t));
        assert_eq!(simplify_char('A'), 'A');
        assert_eq!(simplify_char('😀'), '😀');
    }

    #[test]
    fn detects_scripts() {
        let t = "上海國際生物醫藥產業周在張江科學會堂舉行";
        assert_eq!(detect(t, &to_simplified(t)), Script::Hant);
        let s = "上海国际生物医药产业周在张江科学会堂举行";
        assert_eq!(detect(s, &to_simplified(s)), Script::Hans);
    }
}
