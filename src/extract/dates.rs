//! Temporal expressions, resolved against a base date (the publication date).
//!
//! A sentence can hold several kinds of time: when something happened (11月14日, 今年),
//! a deadline (到2025年, 今后两年), a period (2023-2025年, 十四五) and the dateline of the
//! report itself (11月9日报道). Items need to tell them apart, so each mention says
//! which it is. Runs on the simplified copy with ASCII punctuation.
//!
//! The rules below are grammar: the shape of a date, written with Arabic digits, the
//! numerals 一…十 and 年/月/日/号. The words around them (今年, 近日, 截至, 报道…) are
//! the [dates] lists of assets/lexicon.toml, read once from the lexicon in use.

use super::words::alternation;
use crate::time::PartialDate;
use chrono::{Datelike, Duration, NaiveDate};
use regex_automata::util::captures::Captures;
use regex_automata::{Anchored, Input, PatternID, meta};
use std::sync::LazyLock;

/// What a time expression means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum When {
    /// Something happens at this date (a range when `end` is set).
    Point {
        date: PartialDate,
        end: Option<PartialDate>,
    },
    /// A goal is due by the end of this year.
    Deadline(i32),
    /// A plan covers these years.
    Period(i32, i32),
    /// The date of the report itself ("11月9日报道", "11月9日电"): not an event date.
    Dateline(PartialDate),
}

/// A time expression in a sentence; offsets are char offsets in the sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateMention {
    pub start: usize,
    pub end: usize,
    pub when: When,
}

/// Chinese numerals small enough for "今后两年", "三年内", "十四五".
fn small_number(s: &str) -> Option<i32> {
    if let Ok(n) = s.parse::<i32>() {
        return Some(n);
    }
    let v = super::quantity::parse_chinese_number(s)?;
    (v < 100.0).then_some(v as i32)
}

fn plausible_year(y: i32) -> bool {
    (1949..=2100).contains(&y)
}

/// The year a month-day without a year refers to: the base year, unless that would put
/// it well after the report (a report in January about "12月28日" means last year).
fn year_for(base: NaiveDate, month: u32, day: u32) -> i32 {
    let y = base.year();
    match NaiveDate::from_ymd_opt(y, month, day) {
        Some(d) if d > base + Duration::days(60) => y - 1,
        _ => y,
    }
}

/// A day of the month without a month ("于8日"): the base month, or the month before
/// when the day is still to come in the base month and the text reports the past.
fn month_for_day(base: NaiveDate, day: u32) -> Option<PartialDate> {
    if day <= base.day() + 3 {
        PartialDate::day(base.year(), base.month(), day)
    } else {
        let prev = base.with_day(1)? - Duration::days(1);
        PartialDate::day(prev.year(), prev.month(), day)
    }
}

struct Rule {
    /// Chars that may not stand right before a match (为期3日 is a count of days).
    not_after: String,
    pattern: String,
    resolve: fn(&Caps, Option<NaiveDate>) -> Option<When>,
}

/// A rule's match: its groups by name, as text.
struct Caps<'a> {
    text: &'a str,
    caps: &'a Captures,
}

impl<'a> Caps<'a> {
    /// The text right before the whole match.
    fn before(&self) -> &'a str {
        self.caps
            .get_match()
            .map_or("", |m| &self.text[..m.start()])
    }

    /// The text right after the whole match.
    fn rest(&self) -> &'a str {
        self.caps.get_match().map_or("", |m| &self.text[m.end()..])
    }

    /// Where the text after the whole match starts.
    fn rest_start(&self) -> usize {
        self.text.len() - self.rest().len()
    }

    fn name(&self, name: &str) -> Option<&'a str> {
        self.caps
            .get_group_by_name(name)
            .map(|s| &self.text[s.range()])
    }
}

/// Every rule as one pattern of a single regex, in priority order. An unanchored
/// search finds where a rule may start and which rule that is without running a
/// capture engine: leftmost-first prefers earlier patterns, as an alternation does, so
/// no rule before that one matches there. The rules after it are then tried one by one
/// with searches anchored at that place and to that rule. One regex with all rules
/// also compiles each pattern once, not once alone and again in an alternation.
static DATES: LazyLock<meta::Regex> = LazyLock::new(|| {
    let patterns: Vec<&str> = RULES.iter().map(|r| r.pattern.as_str()).collect();
    meta::Regex::new_many(&patterns).expect("date patterns are valid")
});

/// Chars every match of a rule holds one of: a digit alone is no date, but with 年, 月,
/// 日/号 or a separator of 2025-11-09 it may be one, and 十四五 has 十. A rule without a
/// digit holds a word of its lexicon list (本周, 今天, 近期…), so a char of each such
/// word is an anchor too: one already among the anchors, else its last (周, 天, 期, 久).
/// A rule added without any of them must add its anchor here, else the text it matches
/// is never searched.
static ANCHORS: LazyLock<Vec<char>> = LazyLock::new(|| {
    let mut all = vec!['年', '月', '日', '号', '十', '-', '.', '/'];
    let digit_free = [
        "weeks",
        "this_year",
        "last_year",
        "next_year",
        "year_before_last",
        "this_year_parts",
        "today",
        "yesterday",
        "day_before_yesterday",
        "tomorrow",
        "recent",
        "this_month",
        "last_month",
    ];
    for w in digit_free.iter().flat_map(|k| lex(k)) {
        if !w.chars().any(|c| all.contains(&c))
            && let Some(c) = w.chars().last()
        {
            all.push(c);
        }
    }
    all
});

/// [`ANCHORS`] beyond ASCII: a run without a digit needs one of them.
static WORD_ANCHORS: LazyLock<Vec<char>> =
    LazyLock::new(|| ANCHORS.iter().copied().filter(|c| !c.is_ascii()).collect());

/// Where a date can be: runs of the chars the rules are written with, around an anchor.
static GATE: LazyLock<super::runs::Gate> = LazyLock::new(|| {
    let patterns: Vec<&str> = RULES.iter().map(|r| r.pattern.as_str()).collect();
    let anchors: Vec<String> = ANCHORS.iter().map(char::to_string).collect();
    let anchors: Vec<&str> = anchors.iter().map(String::as_str).collect();
    super::runs::Gate::new(&patterns, &anchors)
});

fn num(c: &Caps, name: &str) -> Option<u32> {
    c.name(name)?.parse().ok()
}

fn inum(c: &Caps, name: &str) -> Option<i32> {
    c.name(name)?.parse().ok()
}

/// Month "m" of year `y`, through month "m2" when the text gives a range (1至8月).
fn months(c: &Caps, y: i32) -> Option<When> {
    let date = PartialDate::month(y, num(c, "m")?)?;
    let end = num(c, "m2")
        .and_then(|m2| PartialDate::month(y, m2))
        .filter(|e| *e > date);
    Some(When::Point { date, end })
}

fn point(date: Option<PartialDate>) -> Option<When> {
    date.map(|date| When::Point { date, end: None })
}

/// Rules in priority order: an earlier rule's match wins over a later overlapping one.
static RULES: LazyLock<Vec<Rule>> = LazyLock::new(|| {
    // Grammar: what joins the two ends of a range (2023-2025年, 16日至18日).
    let range = r"\s*[-—–~至到]\s*";
    let w = |key: &str| alternation(lex(key));
    let (to, as_of, change) = (w("to"), w("as_of"), w("change"));
    let (plan_end, plan_span) = (w("plan_end"), w("plan_span"));
    let (month_parts, weeks, future) = (w("month_parts"), w("weeks"), w("future"));
    let (day_times, day_not, year_not, recent) =
        (w("day_times"), w("day_not"), w("year_not"), w("recent"));
    let (day_name_before, day_name_after) = (w("day_name_before"), w("day_name_after"));
    let this_year_parts = w("this_year_parts");
    let joined = |keys: &[&str]| {
        let all: Vec<&String> = keys.iter().flat_map(|k| lex(k)).collect();
        alternation(&all)
    };
    let years = joined(&["this_year", "last_year", "next_year", "year_before_last"]);
    let rel_months = joined(&["this_month", "last_month", "next_month"]);
    let this_last_month = joined(&["this_month", "last_month"]);
    let days = joined(&["today", "yesterday", "day_before_yesterday", "tomorrow"]);
    vec![
        // (2023-2025年), 2023—2025年, 2023年至2025年: a period.
        Rule {
            not_after: String::new(),
            pattern: format!(r"(?P<a>[0-9]{{4}})(?:年)?{range}(?P<b>[0-9]{{4}})年"),
            resolve: |c, _| {
                let (a, b) = (inum(c, "a")?, inum(c, "b")?);
                // 2021年至2025年8月 runs to a month: a span of time, no plan period.
                if c.rest().starts_with(|ch: char| ch.is_ascii_digit()) {
                    return None;
                }
                (plausible_year(a) && plausible_year(b) && a <= b).then_some(When::Period(a, b))
            },
        },
        // 十四五: the five-year plans since 2006 start every five years.
        // 到“十五五”末: the end of a plan period is a deadline.
        Rule {
            not_after: String::new(),
            pattern: format!(
                r"(?P<to>{to})?“?十(?P<n>[一二三四五六七八九])五”?(?P<end>{plan_end})?(?:{plan_span})?"
            ),
            resolve: |c, _| {
                let n = 10 + small_number(c.name("n")?)?;
                let start = 2006 + 5 * (n - 11);
                if n < 11 {
                    return None;
                }
                if c.name("to").is_some() && c.name("end").is_some() {
                    Some(When::Deadline(start + 4))
                } else {
                    Some(When::Period(start, start + 4))
                }
            },
        },
        // 2024年11月16日至18日, 2024年11月16日: a day, possibly a range.
        Rule {
            not_after: String::new(),
            pattern: format!(
                r"(?P<y>[0-9]{{4}})年(?P<m>[0-9]{{1,2}})月(?P<d>[0-9]{{1,2}})[日号](?:{range}(?:(?P<m2>[0-9]{{1,2}})月)?(?P<d2>[0-9]{{1,2}})[日号])?"
            ),
            resolve: |c, _| {
                let y = inum(c, "y")?;
                let m = num(c, "m")?;
                let date = PartialDate::day(y, m, num(c, "d")?)?;
                let end =
                    num(c, "d2").and_then(|d2| PartialDate::day(y, num(c, "m2").unwrap_or(m), d2));
                plausible_year(y).then_some(When::Point { date, end })
            },
        },
        // 2025-11-09, 2023.10.17, 2023/10/17
        Rule {
            not_after: String::new(),
            pattern: r"(?P<y>[0-9]{4})(?P<s>[-./])(?P<m>[0-9]{1,2})[-./](?P<d>[0-9]{1,2})".into(),
            resolve: |c, _| {
                let y = inum(c, "y")?;
                plausible_year(y).then(|| point(PartialDate::day(y, num(c, "m")?, num(c, "d")?)))?
            },
        },
        // 去年10月11日, 今年3月, 今年10月16日至20日
        Rule {
            not_after: String::new(),
            pattern: format!(
                r"(?P<rel>{years})(?P<m>[0-9]{{1,2}})月(?:(?P<d>[0-9]{{1,2}})[日号](?:{range}(?:(?P<m2>[0-9]{{1,2}})月)?(?P<d2>[0-9]{{1,2}})[日号])?)?"
            ),
            resolve: |c, base| {
                let y = base?.year() + rel_year(c.name("rel")?);
                let m = num(c, "m")?;
                match num(c, "d") {
                    Some(d) => {
                        let date = PartialDate::day(y, m, d)?;
                        let end = num(c, "d2")
                            .and_then(|d2| PartialDate::day(y, num(c, "m2").unwrap_or(m), d2));
                        Some(When::Point { date, end })
                    }
                    None => point(PartialDate::month(y, m)),
                }
            },
        },
        // 到2025年, 至2025年底, 2025年前: a deadline.
        Rule {
            not_after: String::new(),
            pattern: format!(
                r"(?:(?P<grow>{change})?(?P<to>{to}|{as_of})(?P<y>[0-9]{{4}})年(?:底|末)?(?:前)?|(?P<y2>[0-9]{{4}})年(?:底前|前|以前))"
            ),
            resolve: |c, _| {
                let y = inum(c, "y").or_else(|| inum(c, "y2"))?;
                // 2021年至2025年8月: the end of a span from a year to a month, no deadline.
                let span_end = c.rest().starts_with(|ch: char| ch.is_ascii_digit())
                    && c.before().strip_suffix('年').is_some_and(|b| {
                        b.len() >= 4 && b[b.len() - 4..].bytes().all(|x| x.is_ascii_digit())
                    });
                if !plausible_year(y) || span_end {
                    return None;
                }
                // 2024年前三季度, 2024年前10个月: the first part of that year, a point.
                let first_part = c.text[..c.rest_start()].ends_with('前')
                    && c.rest().starts_with(|ch: char| {
                        ch.is_ascii_digit()
                            || ch == '两'
                            || crate::corpus::text::HAN_NUMERALS.contains(ch)
                    });
                if first_part {
                    return point(Some(PartialDate::year(y)));
                }
                // 截至2024年 reports a state up to a date, and 增长至2024年 a change up to
                // it: points, not goals.
                match c.name("to") {
                    _ if c.name("grow").is_some() => point(Some(PartialDate::year(y))),
                    Some(t) if is("as_of", t) => point(Some(PartialDate::year(y))),
                    _ => Some(When::Deadline(y)),
                }
            },
        },
        // 2024年11月, 2024年1至8月 (a range of months)
        Rule {
            not_after: String::new(),
            pattern: format!(
                r"(?P<y>[0-9]{{4}})年(?P<m>[0-9]{{1,2}})(?:{range}(?P<m2>[0-9]{{1,2}}))?月"
            ),
            resolve: |c, _| {
                let y = inum(c, "y")?;
                plausible_year(y).then(|| months(c, y))?
            },
        },
        // 11月14日, 11月16日至18日
        Rule {
            not_after: String::new(),
            pattern: format!(
                r"(?P<m>[0-9]{{1,2}})月(?P<d>[0-9]{{1,2}})[日号](?:{range}(?:(?P<m2>[0-9]{{1,2}})月)?(?P<d2>[0-9]{{1,2}})[日号])?"
            ),
            resolve: |c, base| {
                let base = base?;
                let (m, d) = (num(c, "m")?, num(c, "d")?);
                let y = year_for(base, m, d);
                let date = PartialDate::day(y, m, d)?;
                let end =
                    num(c, "d2").and_then(|d2| PartialDate::day(y, num(c, "m2").unwrap_or(m), d2));
                Some(When::Point { date, end })
            },
        },
        // 10月, 10月份, 10月中旬, 1至8月: a month of the base year (of the year before
        // when it lies well after the report).
        Rule {
            not_after: not_after("month_not_after"),
            pattern: format!(
                r"(?P<m>[0-9]{{1,2}})(?:{range}(?P<m2>[0-9]{{1,2}}))?月(?:{month_parts})?"
            ),
            resolve: |c, base| months(c, year_for(base?, num(c, "m")?, 1)),
        },
        // 本月13日, 上月5日
        Rule {
            not_after: String::new(),
            pattern: format!(r"(?P<rel>{rel_months})(?P<d>[0-9]{{1,2}})[日号]"),
            resolve: |c, base| {
                let base = base?;
                let first = base.with_day(1)?;
                let rel = c.name("rel")?;
                let month = if is("last_month", rel) {
                    first - Duration::days(1)
                } else if is("next_month", rel) {
                    first + Duration::days(32)
                } else {
                    first
                };
                point(PartialDate::day(month.year(), month.month(), num(c, "d")?))
            },
        },
        // 本周五(17日): the explicit day settles it.
        Rule {
            not_after: String::new(),
            pattern: format!(r"(?:{weeks})[一二三四五六日天](?:\((?P<d>[0-9]{{1,2}})[日号]\))?"),
            resolve: |c, base| {
                let base = base?;
                match num(c, "d") {
                    Some(d) => month_for_day(base, d).map(|date| When::Point { date, end: None }),
                    None => point(Some(PartialDate::from(base))),
                }
            },
        },
        // 今后两年, 未来两年内, 三年内, 未来三年: a deadline counted from the base year.
        Rule {
            not_after: String::new(),
            pattern: format!(
                r"(?:(?P<fut>{future})(?P<n>[一二两三四五六七八九十[0-9]]{{1,2}})年(?:内|间|时间)?|(?P<n2>[一二两三四五[0-9]])年内)"
            ),
            resolve: |c, base| {
                let n = small_number(c.name("n").or_else(|| c.name("n2"))?)?;
                (1..=30)
                    .contains(&n)
                    .then_some(When::Deadline(base?.year() + n))
            },
        },
        // 8日, 于8日, 产业周14日在张江开幕, 16日上午: a day of the base month — but not a
        // count of days (为期3日, 连续5日, 30日内).
        Rule {
            not_after: not_after("day_not_after"),
            pattern: format!(
                r"(?P<d>[0-9]{{1,2}})[日号](?:{range}(?P<d2>[0-9]{{1,2}})[日号])?(?:{day_times})?(?P<within>{day_not})?"
            ),
            resolve: |c, base| {
                if c.name("within").is_some() {
                    return None;
                }
                let d = num(c, "d")?;
                if !(1..=31).contains(&d) {
                    return None;
                }
                let date = month_for_day(base?, d)?;
                let end = num(c, "d2")
                    .filter(|&d2| d2 > d)
                    .and_then(|d2| PartialDate::day(date.year, date.month?, d2));
                Some(When::Point { date, end })
            },
        },
        // 今日, 昨天上午, 前天; 明日之星, 光明日报 and 今日头条 are names, not days.
        Rule {
            not_after: String::new(),
            pattern: format!(
                r"(?P<pre>{day_name_before})?(?P<w>{days})(?P<name>{day_name_after})?"
            ),
            resolve: |c, base| {
                if c.name("name").is_some() || c.name("pre").is_some() {
                    return None;
                }
                let base = base?;
                let w = c.name("w")?;
                let d = if is("yesterday", w) {
                    base - Duration::days(1)
                } else if is("day_before_yesterday", w) {
                    base - Duration::days(2)
                } else if is("tomorrow", w) {
                    base + Duration::days(1)
                } else {
                    base
                };
                point(Some(PartialDate::from(d)))
            },
        },
        // 2022年 (not 2023年度, 90年代, 2022版)
        Rule {
            not_after: String::new(),
            pattern: format!(r"(?P<y>[0-9]{{4}})年(?P<not>{year_not})?"),
            resolve: |c, _| {
                let y = inum(c, "y")?;
                (c.name("not").is_none() && plausible_year(y)).then_some(When::Point {
                    date: PartialDate::year(y),
                    end: None,
                })
            },
        },
        // 今年, 去年, 明年, 上半年 (of the base year)
        Rule {
            not_after: String::new(),
            pattern: format!(r"(?P<rel>{years}|{this_year_parts})"),
            resolve: |c, base| {
                let rel = c.name("rel")?;
                let y = base?.year() + rel_year(rel);
                point(Some(PartialDate::year(y)))
            },
        },
        // 近日, 日前: recently, so only the month of the report is known.
        Rule {
            not_after: String::new(),
            pattern: recent.clone(),
            resolve: |_, base| {
                let base = base?;
                point(PartialDate::month(base.year(), base.month()))
            },
        },
        // 本月, 上月
        Rule {
            not_after: String::new(),
            pattern: format!(r"(?P<rel>{this_last_month})"),
            resolve: |c, base| {
                let first = base?.with_day(1)?;
                let m = if is("last_month", c.name("rel")?) {
                    first - Duration::days(1)
                } else {
                    first
                };
                point(PartialDate::month(m.year(), m.month()))
            },
        },
    ]
});

fn rel_year(rel: &str) -> i32 {
    if is("last_year", rel) {
        -1
    } else if is("year_before_last", rel) {
        -2
    } else if is("next_year", rel) {
        1
    } else {
        0
    }
}

/// A list of the lexicon in use ([dates] in assets/lexicon.toml).
fn lex(key: &str) -> &'static [String] {
    crate::lexicon::get().words("dates", key)
}

/// The lists the rules' resolvers read for every match, looked up once.
static RESOLVE: LazyLock<Vec<(&'static str, &'static [String])>> = LazyLock::new(|| {
    [
        "as_of",
        "last_month",
        "next_month",
        "yesterday",
        "day_before_yesterday",
        "tomorrow",
        "last_year",
        "year_before_last",
        "next_year",
    ]
    .into_iter()
    .map(|k| (k, lex(k)))
    .collect()
});

/// Whether `word` is one of the words of the list `key` (one of [`RESOLVE`]).
fn is(key: &str, word: &str) -> bool {
    RESOLVE
        .iter()
        .find(|(k, _)| *k == key)
        .map_or_else(|| lex(key), |(_, list)| *list)
        .iter()
        .any(|w| w == word)
}

/// The chars a rule may not follow: digits and a decimal point (a number goes on), and
/// the lexicon's chars of counting and numbering.
fn not_after(key: &str) -> String {
    let mut chars = String::from("0123456789.");
    chars.extend(lex(key).iter().map(String::as_str));
    chars
}

/// Whether a report's dateline words ([dates] dateline) follow, after white space.
fn is_dateline(rest: &str) -> bool {
    let rest = rest.trim_start();
    static DATELINE: LazyLock<&'static [String]> = LazyLock::new(|| lex("dateline"));
    DATELINE.iter().any(|w| rest.starts_with(w.as_str()))
}

/// All time expressions of `text` (a sentence or a whole document), in order, without
/// overlaps. Each rule runs once over the whole text, which is much faster than running
/// every rule on every sentence.
pub fn find(text: &str, base: Option<NaiveDate>) -> Vec<DateMention> {
    find_in(text, base, &GATE.runs(text))
}

/// [`find`] over the given byte ranges of `text` only; they must hold every match.
fn find_in(text: &str, base: Option<NaiveDate>, runs: &[(usize, usize)]) -> Vec<DateMention> {
    let mut out: Vec<(usize, usize, When)> = Vec::new();
    let re = &*DATES;
    let mut caps = re.create_captures();
    for &(from, to) in runs {
        // No rule matches a single char, and a rule without a digit needs one of the
        // anchors beyond ASCII (十四五, 本周五, 今年, 近日…): a lone dash is no date.
        let run = &text[from..to];
        let mut chars = run.chars();
        if chars.next().is_none() || chars.next().is_none() {
            continue;
        }
        if !run.bytes().any(|b| b.is_ascii_digit()) && !run.contains(&WORD_ANCHORS[..]) {
            continue;
        }
        let mut pos = from;
        while pos < to {
            // Where a rule matches, and the first rule that does, with its groups: they
            // are the groups a search anchored there to that rule finds (the rule's own
            // leftmost-first match at that place), so that rule needs no search of its
            // own, and only the rules after it, when it makes no sense, are searched.
            re.search_captures(&Input::new(text).range(pos..to), &mut caps);
            let Some(m) = caps.get_match() else {
                break;
            };
            let p = m.start();
            let first = m.pattern().as_usize();
            // The first rule (in priority order) that matches here and makes sense wins.
            let prev = text[..p].chars().next_back();
            let hit = RULES.iter().enumerate().skip(first).find_map(|(k, rule)| {
                if prev.is_some_and(|ch| rule.not_after.contains(ch)) {
                    return None;
                }
                if k != first {
                    let at = Input::new(text)
                        .range(p..)
                        .anchored(Anchored::Pattern(PatternID::new(k).ok()?));
                    re.search_captures(&at, &mut caps);
                }
                let whole = caps.get_match()?;
                let when = (rule.resolve)(&Caps { text, caps: &caps }, base)?;
                Some((p, whole.end(), when))
            });
            match hit {
                Some((s, e, mut when)) => {
                    if let When::Point { date, end: None } = when
                        && is_dateline(&text[e..])
                    {
                        when = When::Dateline(date);
                    }
                    out.push((s, e, when));
                    pos = e.max(p + 1);
                }
                None => pos = p + text[p..].chars().next().map_or(1, char::len_utf8),
            }
            while !text.is_char_boundary(pos) {
                pos += 1;
            }
        }
    }
    out.sort_by_key(|&(s, _, _)| s);
    let mut chars_before = 0usize;
    let mut last_byte = 0usize;
    out.into_iter()
        .map(|(s, e, when)| {
            chars_before += text[last_byte..s].chars().count();
            last_byte = s;
            let start = chars_before;
            DateMention {
                start,
                end: start + text[s..e].chars().count(),
                when,
            }
        })
        .collect()
}

#[cfg(test)]
#[path = "tests/dates.rs"]
mod tests;
