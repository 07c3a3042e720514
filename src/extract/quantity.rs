//! Figures with units: 2,400亿元, 近500万平方米, 10家以上, 一千八百亿元, 超万亿元, 千亿级.
//!
//! Runs on the simplified copy of a sentence (full-width punctuation already mapped to
//! ASCII by the corpus). Only figures with a unit of the lexicon ([quantities] units in
//! assets/lexicon.toml) count: a bare number (四大优势, 1+5+X, 2022版) is not a
//! quantity, and a number followed by 年/月/日 is a date. The shape of a number (Arabic
//! digits with a magnitude, Chinese numerals) is grammar and stays here.

use super::Qualifier;
use super::words::alternation;
use regex::Regex;
use std::sync::LazyLock;

/// A figure found in a text. Offsets are char offsets in that text.
#[derive(Debug, Clone, PartialEq)]
pub struct QuantityMention {
    pub start: usize,
    pub end: usize,
    /// In the base unit: 2,400亿元 → 2.4e11.
    pub value: f64,
    pub unit: &'static str,
    pub qualifier: Qualifier,
    /// Set for "千亿级"-style scale words, which state an order of magnitude.
    pub scale_word: bool,
    /// The upper end of a range (3至5家: value 3, value_max 5), in the base unit.
    pub value_max: Option<f64>,
}

/// A list of the lexicon in use ([quantities] in assets/lexicon.toml).
fn lex(key: &str) -> &'static [String] {
    crate::lexicon::get().words("quantities", key)
}

/// The lists read for every figure found, looked up once.
struct Lists {
    units: &'static [String],
    yuan: &'static [String],
    at_least_before: &'static [String],
    at_most_before: &'static [String],
    about_before: &'static [String],
    over_before: &'static [String],
    at_least_after: &'static [String],
    at_most_after: &'static [String],
    about_after: &'static [String],
    over_suffix: &'static [String],
}

static LISTS: LazyLock<Lists> = LazyLock::new(|| Lists {
    units: lex("units"),
    yuan: lex("yuan"),
    at_least_before: lex("at_least_before"),
    at_most_before: lex("at_most_before"),
    about_before: lex("about_before"),
    over_before: lex("over_before"),
    at_least_after: lex("at_least_after"),
    at_most_after: lex("at_most_after"),
    about_after: lex("about_after"),
    over_suffix: lex("over_suffix"),
});

/// A figure: an optional qualifying word, an Arabic number with an optional magnitude
/// (2,400亿) or a Chinese numeral (一千八百), an optional 级 (an order of magnitude) and
/// 多/余-like word, a unit, and an optional qualifying word after it. The numerals and
/// magnitudes are grammar; the words come from the lexicon.
static QTY: LazyLock<Regex> = LazyLock::new(|| {
    let before: Vec<String> = [
        "about_before",
        "over_before",
        "at_least_before",
        "at_most_before",
    ]
    .iter()
    .flat_map(|k| lex(k).iter().cloned())
    .collect();
    let after: Vec<String> = ["at_least_after", "at_most_after", "about_after"]
        .iter()
        .flat_map(|k| lex(k).iter().cloned())
        .collect();
    let pattern = format!(
        r"(?P<pre>{})?(?:(?:(?P<lo>[0-9]+(?:\.[0-9]+)?)(?:至|到|—|–|-|~))?(?P<ar>[0-9]+(?:,[0-9]{{3}})*(?:\.[0-9]+)?)(?P<mult>万亿|千亿|百亿|亿|千万|百万|万|千)?|(?P<cn>[零〇一二两三四五六七八九十百千万亿]+))(?P<lvl>级)?(?P<suf>{})?(?P<unit>{})(?P<post>{})?",
        alternation(&before),
        alternation(lex("over_suffix")),
        alternation(lex("units")),
        alternation(&after),
    );
    Regex::new(&pattern).expect("quantity pattern is valid")
});

/// Names of QTY's groups, in the order of [`QTY_GROUPS`].
const GROUP_NAMES: [&str; 9] = [
    "pre", "ar", "mult", "cn", "lvl", "suf", "unit", "post", "lo",
];
const PRE: usize = 0;
const AR: usize = 1;
const MULT: usize = 2;
const CN: usize = 3;
const LVL: usize = 4;
const SUF: usize = 5;
const UNIT: usize = 6;
const POST: usize = 7;
const LO: usize = 8;

/// Group indices of QTY by name, looked up once: finding a group by name hashes the
/// name on every call.
static QTY_GROUPS: LazyLock<[usize; 9]> = LazyLock::new(|| {
    GROUP_NAMES.map(|n| {
        QTY.capture_names()
            .position(|x| x == Some(n))
            .expect("quantity pattern has the group")
    })
});

/// Where a figure can be. A match yields a figure only with an Arabic digit or one of
/// 十百千万亿 in it (三家 is a phrase), so runs of the pattern's chars without any of them
/// are skipped; they hold nothing but such phrases, and a match never crosses a run.
static GATE: LazyLock<super::runs::Gate> = LazyLock::new(|| {
    super::runs::Gate::new(
        &[QTY.as_str()],
        &[
            "0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "十", "百", "千", "万", "亿",
        ],
    )
});

/// The last char of each unit: a run without any of them holds no unit.
static UNIT_ENDS: LazyLock<Vec<char>> = LazyLock::new(|| {
    lex("units")
        .iter()
        .filter_map(|u| u.chars().last())
        .collect()
});

/// Parses a Chinese numeral such as 一千八百, 两千, 十四, 万亿 (a bare 万 or 亿 is one of it).
pub fn parse_chinese_number(s: &str) -> Option<f64> {
    let mut total = 0.0f64; // completed 亿 groups
    let mut section = 0.0f64; // below 亿, completed 万 groups
    let mut small = 0.0f64; // below 万
    let mut digit: Option<f64> = None;
    let mut any = false;
    for c in s.chars() {
        any = true;
        let d = match c {
            '零' | '〇' => Some(0.0),
            '一' => Some(1.0),
            '二' | '两' => Some(2.0),
            '三' => Some(3.0),
            '四' => Some(4.0),
            '五' => Some(5.0),
            '六' => Some(6.0),
            '七' => Some(7.0),
            '八' => Some(8.0),
            '九' => Some(9.0),
            _ => None,
        };
        if let Some(d) = d {
            digit = Some(d);
            continue;
        }
        match c {
            '十' | '百' | '千' => {
                let m = match c {
                    '十' => 10.0,
                    '百' => 100.0,
                    _ => 1000.0,
                };
                small += digit.unwrap_or(1.0) * m;
                digit = None;
            }
            '万' => {
                let v = small + digit.unwrap_or(0.0);
                section += if v == 0.0 { 1.0 } else { v } * 1e4;
                small = 0.0;
                digit = None;
            }
            '亿' => {
                let v = section + small + digit.unwrap_or(0.0);
                total = (total + if v == 0.0 { 1.0 } else { v }) * 1e8;
                section = 0.0;
                small = 0.0;
                digit = None;
            }
            _ => return None,
        }
    }
    if !any {
        return None;
    }
    let v = total + section + small + digit.unwrap_or(0.0);
    (v > 0.0).then_some(v)
}

fn multiplier(m: &str) -> f64 {
    match m {
        "万亿" => 1e12,
        "千亿" => 1e11,
        "百亿" => 1e10,
        "亿" => 1e8,
        "千万" => 1e7,
        "百万" => 1e6,
        "万" => 1e4,
        "千" => 1e3,
        _ => 1.0,
    }
}

/// What the words around a figure say of it, by the lexicon's lists: a minimum, a
/// maximum, an approximation or a floor, checked in that order.
fn qualifier(pre: &str, suf: &str, post: &str) -> Qualifier {
    let l = &*LISTS;
    let is = |word: &str, list: &[String]| !word.is_empty() && list.iter().any(|w| w == word);
    if is(post, l.at_least_after) || is(pre, l.at_least_before) {
        Qualifier::AtLeast
    } else if is(post, l.at_most_after) || is(pre, l.at_most_before) {
        Qualifier::AtMost
    } else if is(pre, l.about_before) || is(post, l.about_after) {
        Qualifier::About
    } else if is(pre, l.over_before) || is(suf, l.over_suffix) {
        Qualifier::Over
    } else {
        Qualifier::Exact
    }
}

/// All figures with units in `sentence` (or a whole document), in order.
pub fn find(sentence: &str) -> Vec<QuantityMention> {
    find_in(sentence, &GATE.runs(sentence))
}

/// [`find`] over the given byte ranges of `sentence` only; they must hold every match.
fn find_in(sentence: &str, runs: &[(usize, usize)]) -> Vec<QuantityMention> {
    let mut out = Vec::new();
    let matches = runs
        .iter()
        .filter(|&&(a, b)| sentence[a..b].chars().any(|c| UNIT_ENDS.contains(&c)))
        .flat_map(|&(a, b)| {
            // Matches are never empty (a unit is required), so each search starts where
            // the last match ended, as `captures_iter` does.
            let hay = &sentence[..b];
            let mut pos = a;
            std::iter::from_fn(move || {
                if pos >= b {
                    return None;
                }
                let caps = QTY.captures_at(hay, pos)?;
                pos = caps.get(0)?.end();
                Some(caps)
            })
        });
    for caps in matches {
        let Some(whole) = caps.get(0) else { continue };
        let g = |i: usize| caps.get(QTY_GROUPS[i]);
        let unit_text = g(UNIT).map_or("", |m| m.as_str());
        let Some(unit) = LISTS.units.iter().find(|u| *u == unit_text) else {
            continue;
        };
        let before = sentence[..whole.start()].chars().next_back();
        // A number glued to Latin letters or digits (5G, V2) or an ordinal (第3个) is not a figure.
        if g(PRE).is_none()
            && before.is_some_and(|c| c.is_ascii_alphanumeric() || c == '.' || c == '第')
        {
            continue;
        }
        // 2024张江峰会: the "unit" begins a place's name, glued to a year.
        if g(UNIT).is_some_and(|u| super::region::starts_with_place(&sentence[u.start()..])) {
            continue;
        }
        // 百亿元级园区, 千亿级集群: a figure followed by 级 names a class of size, not
        // a value (6个百亿元级园区 is 6 个 of such parks).
        if sentence[whole.end()..].starts_with('级') {
            continue;
        }
        let scale_word = g(LVL).is_some();
        let mut value_max = None;
        let value = if let Some(ar) = g(AR) {
            let digits: String = ar.as_str().chars().filter(|c| *c != ',').collect();
            let Ok(v) = digits.parse::<f64>() else {
                continue;
            };
            let m = multiplier(g(MULT).map_or("", |m| m.as_str()));
            // 3至5家, 1—2个: a range, its lower end the value and the upper its maximum.
            match g(LO).and_then(|lo| lo.as_str().parse::<f64>().ok()) {
                Some(lo) if lo < v => {
                    value_max = Some(v * m);
                    lo * m
                }
                _ => v * m,
            }
        } else {
            let cn = g(CN).map_or("", |m| m.as_str());
            // 三家, 一个, 两元: a Chinese numeral with no 十/百/千/万/亿 is a phrase,
            // not a figure worth reporting; nor is 数万件 or 数百家 ("some"), which
            // gives no number.
            if !cn.contains(['十', '百', '千', '万', '亿']) || before == Some('数') {
                continue;
            }
            match parse_chinese_number(cn) {
                Some(v) => v,
                None => continue,
            }
        };
        out.push(QuantityMention {
            start: whole.start(),
            end: whole.end(),
            value,
            unit: base_unit(unit.as_str()),
            qualifier: qualifier(
                g(PRE).map_or("", |m| m.as_str()),
                g(SUF).map_or("", |m| m.as_str()),
                g(POST).map_or("", |m| m.as_str()),
            ),
            scale_word,
            value_max,
        });
    }
    // Every scale word ends in 亿级.
    if sentence.contains("亿级") {
        out.extend(find_scale_words(sentence, &out));
    }
    out.sort_by_key(|q| q.start);
    // Byte offsets → char offsets, in one pass.
    let mut chars_before = 0usize;
    let mut last_byte = 0usize;
    for q in &mut out {
        chars_before += sentence[last_byte..q.start].chars().count();
        last_byte = q.start;
        let len = sentence[q.start..q.end].chars().count();
        q.start = chars_before;
        q.end = chars_before + len;
    }
    out
}

fn base_unit(unit: &'static str) -> &'static str {
    if LISTS.yuan.iter().any(|w| w == unit) {
        "元"
    } else {
        unit
    }
}

/// An order of magnitude of money (千亿级), with an optional qualifying word before it.
static SCALE: LazyLock<Regex> = LazyLock::new(|| {
    let pattern = format!(
        r"(?P<pre>{})?(?P<n>万亿|千亿|百亿|[一二两三四五六七八九十]?[千百]?亿)级",
        alternation(lex("scale_before"))
    );
    Regex::new(&pattern).expect("scale pattern is valid")
});

/// Bytes a match of SCALE can start before the 亿 of its 亿级: the longest qualifying
/// word and two numeral chars of three bytes (超一千亿级), with a char to spare.
static SCALE_REACH: LazyLock<usize> = LazyLock::new(|| {
    lex("scale_before")
        .iter()
        .map(String::len)
        .max()
        .unwrap_or(0)
        + 9
});

/// 千亿级产业集群: an order of magnitude of money, stated without 元. `found` holds
/// byte ranges of the figures already found, sorted.
fn find_scale_words(sentence: &str, found: &[QuantityMention]) -> Vec<QuantityMention> {
    let mut out = Vec::new();
    // Every match ends in 亿级 with at most three chars before the 亿 (see SCALE), so
    // the search starts a few chars before the next 亿级 instead of walking the whole
    // text: nothing can match earlier, and this finds what `captures_iter` does.
    let mut pos = 0;
    while let Some(k) = memchr::memmem::find(&sentence.as_bytes()[pos..], "亿级".as_bytes()) {
        let mut from = (pos + k).saturating_sub(*SCALE_REACH).max(pos);
        while !sentence.is_char_boundary(from) {
            from += 1;
        }
        let Some(caps) = SCALE.captures_at(sentence, from) else {
            break;
        };
        let Some(whole) = caps.get(0) else { break };
        pos = whole.end();
        let start = whole.start();
        let i = found.partition_point(|q| q.start <= start);
        if i > 0 && found[i - 1].end > start {
            continue;
        }
        // 1个千亿级产业集群: a count of things of that class, not a sum of money.
        if i > 0 && found[i - 1].end == start && found[i - 1].unit != "元" {
            continue;
        }
        let n = caps.name("n").map_or("", |m| m.as_str());
        let Some(value) = parse_chinese_number(n) else {
            continue;
        };
        out.push(QuantityMention {
            start,
            end: whole.end(),
            value,
            unit: "元",
            qualifier: qualifier(caps.name("pre").map_or("", |m| m.as_str()), "", ""),
            scale_word: true,
            value_max: None,
        });
    }
    out
}

#[cfg(test)]
#[path = "tests/quantity.rs"]
mod tests;
