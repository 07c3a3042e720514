//! The header's rules: reading metadata out of the strings pages put it in — date
//! strings in every format a CMS emits, date-only and date-and-outlet lines, 来源 and
//! other labelled lines, bylines and datelines, stated titles, `<title>` texts. Their
//! words come from the `[header]` lists of the rule lexicon; the grammar (the shape of
//! a date, a clock time, a byline) is here. `clean` consumes the header with them.
//!
//! All functions take a line already normalised by `clean` (half-width digits, ASCII
//! colons in the matching key) and are pure, so each rule is tested on its own.
//!
//! The date and clock patterns are matched by hand rather than by regexes: written
//! as regexes (`\d` and `\s` in Unicode mode) they cost about 15 million instructions
//! to compile, more than a whole run spends matching them, and a capturing search
//! costs thousands of instructions per date. Each matcher documents the regex it
//! stands for; the tests hold the two to the same results. The label and byline
//! patterns, which hold lexicon words and run on a few lines per article, are regexes
//! built from the lexicon.

use super::text::{self, Words, alternation, ends_with_any, has_sentence_end, starts_with_any};
use crate::time::PartialDate;
use regex::Regex;
use std::sync::LazyLock;

/// "11 Oct 2021" inside an RFC 2822-like string that chrono refuses.
static DMY_EN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(\d{1,2})\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?,?\s+(\d{4})\b")
        .unwrap_or_else(|_| unreachable!())
});

/// "Oct 11, 2021".
static MDY_EN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+(\d{1,2}),?\s+(\d{4})\b")
        .unwrap_or_else(|_| unreachable!())
});

fn plausible_year(y: i32) -> bool {
    (1900..=2100).contains(&y)
}

/// `\d` of the regex crate: a Unicode decimal digit (general category Nd). Every Nd
/// char is numeric, and the blocks of numeric signs Chinese text uses (circled numbers,
/// Roman numerals, 〇, Han) hold none, so only rare chars ask the regex.
pub(crate) fn is_digit(c: char) -> bool {
    static DIGIT: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^\d$").unwrap_or_else(|_| unreachable!()));
    if c.is_ascii() {
        c.is_ascii_digit()
    } else {
        !matches!(
            c,
            '\u{80}'..='\u{FF}'
                | '\u{2000}'..='\u{2BFF}'
                | '\u{3000}'..='\u{9FFF}'
                | '\u{FF00}'..='\u{FF0F}'
                | '\u{FF1A}'..='\u{FFFF}'
        ) && c.is_numeric()
            && DIGIT.is_match(c.encode_utf8(&mut [0; 4]))
    }
}

/// The end of the char at `i` when `ok` accepts it.
fn eat(s: &str, i: usize, ok: impl Fn(char) -> bool) -> Option<usize> {
    s[i..]
        .chars()
        .next()
        .filter(|&c| ok(c))
        .map(|c| i + c.len_utf8())
}

/// The end of one `\d` at `i`.
pub(crate) fn digit(s: &str, i: usize) -> Option<usize> {
    eat(s, i, is_digit)
}

/// The end of `\d{1,2}` at `i`, greedy. Wherever these matchers use it, a digit cannot
/// follow it, so the one-digit choice never has to be tried after the two-digit one.
fn one_or_two_digits(s: &str, i: usize) -> Option<usize> {
    let e = digit(s, i)?;
    Some(digit(s, e).unwrap_or(e))
}

/// The end of `\s*` at `i` (`\s` is Unicode white space, which `char::is_whitespace`
/// is).
fn spaces(s: &str, i: usize) -> usize {
    let rest = &s[i..];
    s.len() - rest.trim_start().len()
}

/// The end of `\d{1,2}:\d{2}` at `i`.
fn clock_at(s: &str, i: usize) -> Option<usize> {
    let e = eat(s, one_or_two_digits(s, i)?, |c| c == ':')?;
    digit(s, digit(s, e)?)
}

/// The end of `\d{1,2}:\d{2}(?::\d{2})?` at `i`, the seconds taken when they are there.
fn time_at(s: &str, i: usize) -> Option<usize> {
    let e = clock_at(s, i)?;
    Some(
        eat(s, e, |c| c == ':')
            .and_then(|j| digit(s, digit(s, j)?))
            .unwrap_or(e),
    )
}

/// The end of `星期.|周.|礼拜.` at `i` (`.` is any char but '\n').
fn weekday_at(s: &str, i: usize) -> Option<usize> {
    let rest = &s[i..];
    let word = ["星期", "周", "礼拜"]
        .into_iter()
        .find(|w| rest.starts_with(w))?;
    eat(s, i + word.len(), |c| c != '\n')
}

/// The regex `(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})(?:\s*[日号號])?`
/// anchored at `i`: the three groups and the end of the match. Each `\d{1,2}` is
/// followed by white space or a separator, never a digit, so greedy is the only choice.
fn ymd_at(s: &str, i: usize) -> Option<([&str; 3], usize)> {
    let y = (0..4).try_fold(i, |j, _| digit(s, j))?;
    let m0 = spaces(
        s,
        eat(s, spaces(s, y), |c| matches!(c, '-' | '/' | '.' | '年'))?,
    );
    let m = one_or_two_digits(s, m0)?;
    let d0 = spaces(
        s,
        eat(s, spaces(s, m), |c| matches!(c, '-' | '/' | '.' | '月'))?,
    );
    let d = one_or_two_digits(s, d0)?;
    let end = eat(s, spaces(s, d), |c| matches!(c, '日' | '号' | '號')).unwrap_or(d);
    Some(([&s[i..y], &s[m0..m], &s[d0..d]], end))
}

/// The regex `(\d{4})\s*(?:年\s*(\d{1,2})\s*月|[-/.](\d{1,2})(?:\D|$))` anchored at
/// `i`: the year, the month and the end of the match.
fn ym_at(s: &str, i: usize) -> Option<([&str; 2], usize)> {
    let y = (0..4).try_fold(i, |j, _| digit(s, j))?;
    let sep = spaces(s, y);
    if let Some(m0) = eat(s, sep, |c| c == '年') {
        let m0 = spaces(s, m0);
        let m = one_or_two_digits(s, m0)?;
        let end = eat(s, spaces(s, m), |c| c == '月')?;
        return Some(([&s[i..y], &s[m0..m]], end));
    }
    let m0 = eat(s, sep, |c| matches!(c, '-' | '/' | '.'))?;
    let m = one_or_two_digits(s, m0)?;
    // `\D|$`: a char that is no digit is part of the match.
    let end = if m == s.len() {
        m
    } else {
        eat(s, m, |c| !is_digit(c))?
    };
    Some(([&s[i..y], &s[m0..m]], end))
}

/// Every match of an anchored matcher in `s`, leftmost first and without overlaps, as
/// a regex's `captures_iter` finds them: (start, groups, end).
fn matches_of<'s, G>(
    s: &'s str,
    at: impl Fn(&'s str, usize) -> Option<(G, usize)>,
) -> impl Iterator<Item = (usize, G, usize)> {
    let mut from = 0;
    std::iter::from_fn(move || {
        let bytes = s.as_bytes();
        let mut i = from;
        while i < s.len() {
            // Only a digit starts a match: ASCII bytes that are none, and the lead
            // bytes of U+3000-U+9FFF (CJK punctuation, kana, Han), are passed over
            // without decoding.
            let b = bytes[i];
            if (b.is_ascii_digit() || (b >= 0xC0 && !(0xE3..=0xE9).contains(&b)))
                && let Some((g, end)) = at(s, i)
            {
                from = end;
                return Some((i, g, end));
            }
            i += 1;
            while i < s.len() && !s.is_char_boundary(i) {
                i += 1;
            }
        }
        from = s.len();
        None
    })
}

/// The first year-month-day date in `s`, if it is a real calendar day.
pub fn find_ymd(s: &str) -> Option<(PartialDate, usize, usize)> {
    for (start, [y, m, d], end) in matches_of(s, ymd_at) {
        let y: i32 = y.parse().ok()?;
        let m: u32 = m.parse().ok()?;
        let d: u32 = d.parse().ok()?;
        if plausible_year(y)
            && let Some(pd) = PartialDate::day(y, m, d)
        {
            return Some((pd, start, end));
        }
    }
    None
}

/// Whether `c` may be `\d`, a Unicode decimal digit: numeric, and not Han (a Han
/// char never is), so that only rare chars need the Unicode tables.
fn may_be_digit(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_digit()
    } else {
        !crate::script::is_han(c) && c.is_numeric()
    }
}

/// Whether `s` starts with four chars that may be `\d`, optional white space and one
/// of `seps`: how a year-month-day regex anchored at the start must begin, checked
/// before setting one up.
pub fn starts_like_ymd(s: &str, seps: &[char]) -> bool {
    let mut chars = s.chars();
    (0..4).all(|_| chars.next().is_some_and(may_be_digit))
        && chars
            .as_str()
            .trim_start()
            .starts_with(|c: char| seps.contains(&c))
}

/// Parses a date written by a CMS, a YAML author or a `<meta>` tag: ISO with or without
/// time, RFC 2822 ("Mon, 11 Oct 2021 20:21:00 GMT"), Chinese 年月日, English month
/// names; falls back to month precision. The calendar date is taken as written — no
/// time-zone shift, because the page states the day its readers saw.
pub fn parse_date(s: &str) -> Option<PartialDate> {
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    if let Some((d, _, _)) = find_ymd(s) {
        return Some(d);
    }
    if let Ok(dt) = chrono::DateTime::parse_from_rfc2822(s) {
        return Some(dt.date_naive().into());
    }
    let month = |name: &str| -> Option<u32> {
        const M: [&str; 12] = [
            "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
        ];
        let n = name.to_ascii_lowercase();
        M.iter()
            .position(|m| n.starts_with(m))
            .map(|i| i as u32 + 1)
    };
    if let Some(c) = DMY_EN.captures(s) {
        let d: u32 = c[1].parse().ok()?;
        let y: i32 = c[3].parse().ok()?;
        if plausible_year(y) {
            return PartialDate::day(y, month(&c[2])?, d);
        }
    }
    if let Some(c) = MDY_EN.captures(s) {
        let d: u32 = c[2].parse().ok()?;
        let y: i32 = c[3].parse().ok()?;
        if plausible_year(y) {
            return PartialDate::day(y, month(&c[1])?, d);
        }
    }
    find_ym(s)
}

/// The first year-month date (no day) in `s`.
pub fn find_ym(s: &str) -> Option<PartialDate> {
    for (_, [y, m], _) in matches_of(s, ym_at) {
        let y: i32 = y.parse().ok()?;
        let m: u32 = m.parse().ok()?;
        if plausible_year(y)
            && let Some(d) = PartialDate::month(y, m)
        {
            return Some(d);
        }
    }
    None
}

static PUBLISH_LABELS: Words = Words::new("header", "publish_labels");

/// How a publication date found in the body was stated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextDate {
    /// A labelled date, a date stamp line, an English date or a date in the title.
    Stated,
    /// A dateline's month and day ("中新网上海7月26日电"), its year from the page.
    Dateline,
}

/// Lines of the page top where a publication date is looked for.
const TOP_LINES: usize = 15;

/// The publication date a page states in its body when its header gave none: a
/// labelled date (发布日期:), a line that opens with a date stamp, an English date
/// ("Oct 24, 2023") near the top, a full date in the title ("新闻汇总 2021-10-11"), or a
/// dateline's day with the year of the page. Never a range's end (2021年至2025年8月) or a
/// date of the page chrome (更新:…): those are no publication.
pub fn published_in_text(title: Option<&str>, text: &str) -> Option<(PartialDate, TextDate)> {
    let top: Vec<&str> = text.lines().take(TOP_LINES).collect();
    if let Some(d) = top.iter().find_map(|l| labelled_date(l)) {
        return Some((d, TextDate::Stated));
    }
    for line in &top {
        let l = line.trim_start();
        if let Some((d, 0, _)) = find_ymd(l) {
            return Some((d, TextDate::Stated));
        }
        if let Some(d) = english_date(l) {
            return Some((d, TextDate::Stated));
        }
    }
    if let Some((d, _, _)) = title.and_then(find_ymd) {
        return Some((d, TextDate::Stated));
    }
    if let Some((m, d)) = top.iter().find_map(|l| dateline_day(l)) {
        let year = title
            .and_then(leading_year)
            .or_else(|| latest_reported_year(text))?;
        return PartialDate::day(year, m, d).map(|d| (d, TextDate::Dateline));
    }
    top.iter()
        .find_map(|l| {
            // The text from this line on: the month comes from a later date.
            let at = (l.as_ptr() as usize).saturating_sub(text.as_ptr() as usize);
            named_year_day(l, text.get(at..).unwrap_or(text))
        })
        .map(|d| (d, TextDate::Stated))
}

/// "2025年第91届某某博览会8日在沪开幕": a line opening with an event's name and its
/// year, then a day. The month is the one of the nearest date after it (`text` starts
/// at the line) of that day or later ("持续至4月11日"); without one the day stays
/// unknown.
fn named_year_day(line: &str, text: &str) -> Option<PartialDate> {
    let line = after_report_opener(line.trim_start());
    let year = leading_year(line)?;
    let head: Vec<char> = line.trim_start().chars().take(40).collect();
    let day_at = (5..head.len()).find(|&k| {
        head[k] == '日' && head[k - 1].is_ascii_digit() && {
            let start = (0..k)
                .rev()
                .take_while(|&j| head[j].is_ascii_digit())
                .last();
            start.is_some_and(|s| {
                s > 0
                    && k - s <= 2
                    && !matches!(head[s - 1], '月' | '年')
                    && !head[s - 1].is_ascii_digit()
            })
        }
    })?;
    let digits: String = head[..day_at]
        .iter()
        .rev()
        .take_while(|c| c.is_ascii_digit())
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let day: u32 = digits.parse().ok()?;
    // The first M月D日 from the line on with D at or after the day.
    let chars: Vec<char> = text.chars().collect();
    let month = (0..chars.len()).find_map(|k| {
        if chars[k] != '月' {
            return None;
        }
        let m: String = chars[k.saturating_sub(2)..k]
            .iter()
            .rev()
            .take_while(|c| c.is_ascii_digit())
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        let d: String = chars[k + 1..]
            .iter()
            .take_while(|c| c.is_ascii_digit())
            .collect();
        let after = chars.get(k + 1 + d.chars().count());
        let (m, d): (u32, u32) = (m.parse().ok()?, d.parse().ok()?);
        (matches!(after, Some('日' | '号')) && d >= day && d - day <= 31 && (1..=12).contains(&m))
            .then_some(m)
    })?;
    PartialDate::day(year, month, day)
}

/// The date after a publication label in a line that may carry other dates too
/// ("成文日期: 2024-07-24 发布日期: 2024-07-26" is published on the 26th).
fn labelled_date(line: &str) -> Option<PartialDate> {
    PUBLISH_LABELS.iter().find_map(|label| {
        let at = line.find(label.as_str())?;
        let rest = line[at + label.len()..].trim_start_matches([':', '：', ' ', '\u{3000}']);
        match find_ymd(rest) {
            Some((d, 0, _)) => Some(d),
            _ => None,
        }
    })
}

static OTHER_DATE_LABELS: Words = Words::new("header", "other_date_labels");

/// The first full date of a metadata line that no label of another date (成文日期,
/// 更新时间) stands before: "发布机构:某某委员会 成文日期:2023-06-15" states no
/// publication.
fn unlabelled_ymd(line: &str) -> Option<PartialDate> {
    let mut from = 0;
    while let Some((d, start, end)) = find_ymd(&line[from..]) {
        let before = line[..from + start].trim_end_matches([':', '：', ' ', '\u{3000}']);
        if !ends_with_any(before, &OTHER_DATE_LABELS) {
            return Some(d);
        }
        from += end;
    }
    None
}

/// A day-precision English date ("Oct 24, 2023", "24 Oct 2023") in a short line.
fn english_date(line: &str) -> Option<PartialDate> {
    if line.chars().count() > 80 || !line.contains(|c: char| c.is_ascii_alphabetic()) {
        return None;
    }
    let c = MDY_EN.captures(line).or_else(|| DMY_EN.captures(line))?;
    parse_date(&c[0]).filter(|d| d.precision() == crate::time::Precision::Day)
}

/// The month and day of a dateline that opens a line: an outlet and place of at most
/// a dozen chars, then M月D日 and a dateline word ("新华社上海7月26日电").
fn dateline_day(line: &str) -> Option<(u32, u32)> {
    let l = line.trim_start();
    let head: String = l.chars().take(24).collect();
    let at = head.find('月')?;
    let before = &head[..at];
    let digits_from = before
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_ascii_digit())
        .last()?
        .0;
    let outlet = &before[..digits_from];
    if outlet.chars().count() > 12 || !outlet.chars().all(|c| !c.is_ascii_digit()) {
        return None;
    }
    let m: u32 = before[digits_from..].parse().ok()?;
    let rest = &head[at + '月'.len_utf8()..];
    let dn = rest.chars().take_while(char::is_ascii_digit).count();
    let d: u32 = rest[..dn].parse().ok()?;
    let after = rest[dn..].strip_prefix(['日', '号'])?;
    DATELINE_WORDS
        .iter()
        .any(|w| after.starts_with(w.as_str()))
        .then_some((m, d))
}

/// `line` after the citation that may open it ("据某某晚报报道，2024某某峰会16日开幕"):
/// the name that follows still opens the sentence.
fn after_report_opener(line: &str) -> &str {
    if !starts_with_any(line, &REPORT_OPENERS) {
        return line;
    }
    match LEAD_REPORT.find(line) {
        Some(m) => line[m.end()..].trim_start_matches([',', '，', ':', '：', ' ']),
        None => line,
    }
}

/// A year that opens a title or a name in it ("2024上海…蓝皮书", "《2024…》").
fn leading_year(title: &str) -> Option<i32> {
    let t = title.trim_start_matches(['《', '“', '"', ' ']);
    let y: String = t.chars().take_while(char::is_ascii_digit).collect();
    let y: i32 = (y.len() == 4).then(|| y.parse().ok())??;
    plausible_year(y).then_some(y)
}

/// The latest year the text reports ("2024年6月底", "2023年,…"), leaving out years a goal
/// is due by (到2025年) and the ends of ranges (2021年至2025年).
fn latest_reported_year(text: &str) -> Option<i32> {
    let mut best: Option<i32> = None;
    let mut prev: Option<char> = None;
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i + 4 < chars.len() {
        let c = chars[i];
        if c.is_ascii_digit()
            && chars[i..i + 4].iter().all(char::is_ascii_digit)
            && chars[i + 4] == '年'
            && !prev.is_some_and(|p| p.is_ascii_digit())
        {
            let y: i32 = chars[i..i + 4].iter().collect::<String>().parse().ok()?;
            // 截至2024年 reports up to that year; 到2025年, 至2025年 and 2021-2025年 do not.
            let as_of = i >= 2 && chars[i - 2] == '截';
            let goal =
                !as_of && prev.is_some_and(|p| matches!(p, '到' | '至' | '-' | '—' | '–' | '~'));
            if plausible_year(y) && !goal {
                best = best.max(Some(y));
            }
            prev = Some('年');
            i += 5;
            continue;
        }
        prev = Some(c);
        i += 1;
    }
    best
}

/// The first full date of an article body (day, else month precision): what
/// `published_from: text` falls back to.
pub fn first_date_in_text(text: &str) -> Option<PartialDate> {
    let ymd = find_ymd(text);
    let ym = matches_of(text, ym_at).find_map(|(start, [y, m], _)| {
        let y: i32 = y.parse().ok()?;
        let m: u32 = m.parse().ok()?;
        (plausible_year(y))
            .then(|| PartialDate::month(y, m).map(|d| (d, start)))
            .flatten()
    });
    match (ymd, ym) {
        (Some((d, start, _)), Some((_, ym_start))) if start <= ym_start => Some(d),
        (Some(_), Some((m, _))) => Some(m),
        (Some((d, _, _)), None) => Some(d),
        (None, Some((m, _))) => Some(m),
        (None, None) => None,
    }
}

/// A line that is only a timestamp (`2025-11-09 18:16:00`, `2023.10.17`): the regex
/// `^\d{4}[-/.]\d{1,2}[-/.]\d{1,2}(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?$` on the trimmed key.
pub fn is_timestamp_line(key: &str) -> bool {
    let k = key.trim();
    let sep = |c| matches!(c, '-' | '/' | '.');
    let Some(d0) = (0..4)
        .try_fold(0, |j, _| digit(k, j))
        .and_then(|y| eat(k, y, sep))
        .and_then(|m0| eat(k, one_or_two_digits(k, m0)?, sep))
    else {
        return false;
    };
    // The day's second digit may instead start the hour: both are tried.
    let Some(d1) = digit(k, d0) else {
        return false;
    };
    let time_to_end = |i: usize| {
        i == k.len()
            || time_at(k, spaces(k, i)).is_some_and(|e| {
                // `(?::\d{2})?$`: seconds taken greedily, then the end.
                e == k.len()
            })
    };
    time_to_end(d1) || digit(k, d1).is_some_and(time_to_end)
}

/// What may follow a date on a date-only line: a time, a weekday. The regex
/// `^\s*(?:T)?\s*(?:星期.|周.|礼拜.)?\s*(?:T)?\s*$` with `T = \d{1,2}:\d{2}(?::\d{2})?`.
/// Taking each optional part when it is there is what a match needs: what follows it
/// could not start where it does.
pub fn is_date_tail(s: &str) -> bool {
    let mut i = spaces(s, 0);
    i = spaces(s, time_at(s, i).unwrap_or(i));
    i = spaces(s, weekday_at(s, i).unwrap_or(i));
    i = spaces(s, time_at(s, i).unwrap_or(i));
    i == s.len()
}

/// The end of the regex `^\s*(?:T)?\s*(?:星期.|周.)?` (T as in [`is_date_tail`]) in
/// `s`: a time and weekday after a date.
pub fn time_prefix_end(s: &str) -> usize {
    let mut i = spaces(s, 0);
    i = spaces(s, time_at(s, i).unwrap_or(i));
    if !s[i..].starts_with("礼拜") {
        i = weekday_at(s, i).unwrap_or(i);
    }
    i
}

/// Whether `s` holds a clock time, the regex `\d{1,2}:\d{2}`: a colon with a digit
/// before it and two after.
pub fn has_clock(s: &str) -> bool {
    s.match_indices(':').any(|(i, _)| {
        s[..i].chars().next_back().is_some_and(is_digit)
            && digit(s, i + 1).and_then(|e| digit(s, e)).is_some()
    })
}

/// Whether `s` ends in a date glued to the words before it, the regex
/// `\D(?:\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}-\d{1,2})(?:\s*\d{1,2}:\d{2})?$`.
pub fn ends_with_glued_date(s: &str) -> bool {
    // After the date's last `\d{1,2}`: the end, or a clock time that ends the text.
    let tail = |i: usize| i == s.len() || clock_at(s, spaces(s, i)) == Some(s.len());
    // The last `\d{1,2}` may take one digit or two: both are tried.
    let day = |i: usize| digit(s, i).is_some_and(|e| tail(e) || digit(s, e).is_some_and(tail));
    let sep = |c| matches!(c, '-' | '/' | '.');
    let full = |i: usize| {
        (0..4)
            .try_fold(i, |j, _| digit(s, j))
            .and_then(|y| eat(s, y, sep))
            .and_then(|m| eat(s, one_or_two_digits(s, m)?, sep))
            .is_some_and(day)
    };
    let short = |i: usize| {
        one_or_two_digits(s, i)
            .and_then(|m| eat(s, m, |c| c == '-'))
            .is_some_and(day)
    };
    s.char_indices()
        .filter(|&(_, c)| !is_digit(c))
        .map(|(i, c)| i + c.len_utf8())
        .any(|i| full(i) || short(i))
}

/// Labels of a summary line under a headline ("摘要:…").
static SUMMARY_LABELS: Words = Words::new("header", "summary_labels");

/// A summary under the headline ("摘要:…", "【导读】…"): it restates the article, so
/// it neither starts the body nor ends the header.
pub fn summary_line(key: &str) -> bool {
    let k = key.trim_start().trim_start_matches(['[', '【']);
    SUMMARY_LABELS.iter().any(|l| {
        k.strip_prefix(l.as_str())
            .is_some_and(|r| r.trim_start().starts_with([':', '】', ']']))
    })
}

/// Labels that state the title outright ("标题:…").
static TITLE_LABELS: Words = Words::new("header", "title_labels");

static TITLE_LABEL: LazyLock<Regex> =
    LazyLock::new(|| text::regex(&format!(r"^{}\s*[:]\s*(.*)$", alternation(&TITLE_LABELS))));

/// Labels of a line that names the title it stands for ("正在阅读:…", "原标题:…").
static READING_LABELS: Words = Words::new("header", "reading_labels");

/// "正在阅读:标题" names the title.
static READING: LazyLock<Regex> = LazyLock::new(|| {
    text::regex(&format!(
        r"^[\[【]?{}\s*[:】\]]\s*(.*)$",
        alternation(&READING_LABELS)
    ))
});

/// Where the title starts in a line that states it ("标题:…"), in bytes of `key`.
pub fn title_label(key: &str) -> Option<usize> {
    // The label must open the line: the regex runs only when one does.
    starts_with_any(key, &TITLE_LABELS)
        .then(|| TITLE_LABEL.captures(key))
        .flatten()
        .and_then(|c| c.get(1))
        .map(|m| m.start())
}

/// Where the title starts in a line that names the title it stands for ("正在阅读:…",
/// "【原标题】…"), in bytes of `key`.
pub fn reading_label(key: &str) -> Option<usize> {
    starts_with_any(
        key.strip_prefix(['[', '【']).unwrap_or(key),
        &READING_LABELS,
    )
    .then(|| READING.captures(key))
    .flatten()
    .and_then(|c| c.get(1))
    .map(|m| m.start())
}

/// The date of a date-only line: `2025-11-09 18:16:00`, `2023年10月17日 星期二`.
pub fn date_only(key: &str) -> Option<PartialDate> {
    let k = key.trim();
    // The date must start the line: `find_ymd` runs only when one can.
    if !k.starts_with(|c: char| c.is_ascii_digit())
        || k.len() > 60
        || !starts_like_ymd(k, &['-', '/', '.', '年'])
    {
        return None;
    }
    let (d, start, end) = find_ymd(k)?;
    (start == 0 && is_date_tail(&k[end..])).then_some(d)
}

/// Endings of outlet names: 网, 日报, 客户端…
static OUTLET_ENDINGS: Words = Words::new("header", "outlet_endings");

/// A short name ending like an outlet's.
pub(crate) fn outlet_like(key: &str) -> bool {
    let k = key.trim();
    (2..=20).contains(&k.chars().count())
        && ends_with_any(k, &OUTLET_ENDINGS)
        && k.chars()
            .all(|c| crate::script::is_han(c) || c.is_alphanumeric() || c == ' ')
}

/// A header line of a date and an outlet without labels: "2025-11-09 18:16 东方网",
/// "东方网 2025-11-09". Returns the date and the outlet (in the line's script).
/// `key` is the line's matching key, `text` the line as displayed.
pub fn date_with_outlet(key: &str, text: &str) -> Option<(PartialDate, Option<String>)> {
    let k = without_edition(key.trim_end());
    if k.chars().count() > 40 || has_sentence_end(k) {
        return None;
    }
    let (d, start, end) = find_ymd(k)?;
    let (from, to) = if start == 0 {
        let time = time_prefix_end(&k[end..]);
        (end + time, k.len())
    } else if is_date_tail(&k[end..]) {
        (0, start)
    } else {
        return None;
    };
    let raw = &k[from..to];
    let seps = |c: char| c.is_whitespace() || matches!(c, '|' | '/' | '·' | '-');
    let rest = raw.trim_matches(seps);
    if rest.is_empty() {
        return Some((d, None));
    }
    if !outlet_like(rest) {
        return None;
    }
    let skip = k[..from].chars().count() + raw.chars().count()
        - raw.trim_start_matches(seps).chars().count();
    let orig: String = text.chars().skip(skip).take(rest.chars().count()).collect();
    Some((d, clean_outlet(&orig)))
}

/// A print edition's page at the end of a header line ("浦东时报 2024-05-20 第02版",
/// "某某日报 2024年6月13日 星期四 第3版:经济"): the line without it. The page may carry
/// its section's name after a colon or a space.
fn without_edition(k: &str) -> &str {
    let Some(at) = k.rfind('第') else {
        return k;
    };
    let rest = &k[at + '第'.len_utf8()..];
    let digits = rest.trim_start_matches(|c: char| c.is_ascii_digit());
    if digits.len() == rest.len() {
        return k;
    }
    let Some(section) = digits.strip_prefix('版') else {
        return k;
    };
    let section = section.trim_start_matches([':', ' ']).trim();
    let is_section = section.is_empty()
        || (section.chars().count() <= 10
            && !has_sentence_end(section)
            && !section.contains(|c: char| c.is_ascii_digit()));
    if is_section { k[..at].trim_end() } else { k }
}

/// A short header line carrying a full date and a clock time somewhere inside, such as
/// "原创 某某 某某公众号 2023-10-17 10:00 发表于上海": a posting line, not a title.
/// `key` is the line's matching key, `chars` its length in chars.
pub fn stamped_line(key: &str, chars: usize) -> Option<PartialDate> {
    let k = key;
    if chars > 60 || has_sentence_end(k) || k.contains(',') {
        return None;
    }
    let (d, _, end) = find_ymd(k)?;
    has_clock(&k[end..]).then_some(d)
}

/// Labels of the metadata lines under a headline besides [`SOURCE_LABELS`].
static META_LABELS: Words = Words::new("header", "meta_labels");

/// The labels that name the source.
pub(crate) static SOURCE_LABELS: Words = Words::new("header", "source_labels");

/// Labels that end the outlet a source label names.
static NEXT_LABELS: Words = Words::new("header", "next_labels");

/// A metadata label before a colon, on the simplified key with ASCII colons.
static META_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    let labels: Vec<String> = SOURCE_LABELS
        .iter()
        .chain(META_LABELS.iter())
        .cloned()
        .collect();
    text::regex(&format!(r"{}\s*[:]", alternation(&labels)))
});

/// A source label, its colon and the white space after it: the outlet follows.
static SOURCE_LABEL: LazyLock<Regex> =
    LazyLock::new(|| text::regex(&format!(r"{}\s*[:]\s*", alternation(&SOURCE_LABELS))));

/// Where a following label starts (with the white space before it), the outlet ending
/// there.
static NEXT_LABEL: LazyLock<Regex> =
    LazyLock::new(|| text::regex(&format!(r"\s*(?:{}|[|])", alternation(&NEXT_LABELS))));

/// What a metadata line under the headline says.
#[derive(Debug, Default, PartialEq)]
pub struct MetaLine {
    pub source: Option<String>,
    pub date: Option<PartialDate>,
}

/// Reads a short header line such as `来源:光明日报客户端2022-11-16 16:07`,
/// `發布時間:2023-10-17 来源:周到上海` or `作者:张三`. `key` is the simplified,
/// half-width form of the line, `orig` the line as displayed (same chars), so the
/// outlet keeps its original script. None when the line is not a metadata line.
pub fn meta_line(key: &str, orig: &str) -> Option<MetaLine> {
    // The label needs a colon: most lines are turned away by one memchr.
    if !key.contains(':')
        || key.chars().count() > 100
        || text::has_full_stop(key)
        || !META_LABEL.is_match(key)
    {
        return None;
    }
    let mut out = MetaLine {
        date: labelled_date(key)
            .or_else(|| unlabelled_ymd(key))
            .or_else(|| english_date(key)),
        source: None,
    };
    if let Some(m) = SOURCE_LABEL.find(key) {
        let label_end = m.end();
        let rest_key = &key[label_end..];
        // Cut at a date or at the next label.
        let mut end = rest_key.len();
        if let Some((_, s, _)) = find_ymd(rest_key) {
            end = end.min(s);
        }
        if let Some(n) = NEXT_LABEL.find(rest_key)
            && n.start() > 0
        {
            end = end.min(n.start());
        }
        let start_chars = key[..label_end].chars().count();
        let len_chars = rest_key[..end].chars().count();
        let outlet: String = orig.chars().skip(start_chars).take(len_chars).collect();
        out.source = clean_outlet(&outlet);
    }
    Some(out)
}

/// Words that name a role in a byline, not the outlet.
static ROLE_SUFFIXES: Words = Words::new("header", "role_suffixes");

/// Outlets that only point back at the page itself, or at nobody.
static SELF_REFERENCES: Words = Words::new("header", "self_references");

/// Self-references that refuse an outlet they start ("本报记者") as well.
static SELF_REFERENCE_PREFIXES: Words = Words::new("header", "self_reference_prefixes");

/// Trims an outlet name and refuses what cannot be one (mangled chars, a sentence).
pub fn clean_outlet(s: &str) -> Option<String> {
    let t = s
        .trim()
        .trim_matches(|c: char| c.is_whitespace() || "|:：,，.。-—_()（）[]【】".contains(c));
    let n = t.chars().count();
    if !(2..=30).contains(&n)
        || t.contains('?')
        || t.contains('\u{FFFD}')
        || t.chars().any(|c| "。,，;；!！".contains(c))
        || {
            // Simplified once, not once per reference.
            let k = crate::script::to_simplified(t);
            SELF_REFERENCES.contains(&k)
                || SELF_REFERENCE_PREFIXES
                    .iter()
                    .any(|r| k.starts_with(r.as_str()))
        }
    {
        return None;
    }
    Some(t.to_string())
}

/// The role words of a labelled byline, `界面新闻记者 | 名字`, `XX编辑 | 名字`,
/// `文/张三`, `记者:张三`.
static LABELLED_ROLES: Words = Words::new("header", "byline_roles");

/// Words a role word may carry in front ("全媒体记者", "首席记者").
static ROLE_PREFIXES: Words = Words::new("header", "role_prefixes");

/// The role words of "记者张三/台北报导", "中央社记者李四/上海报道": role, name, then a
/// slash or bar.
static NAME_FIRST_ROLES: Words = Words::new("header", "name_first_roles");

/// The role words that may stand before each name of "记者 张三 通讯员 李四".
static NAME_ROLES: Words = Words::new("header", "name_roles");

/// The role words of a byline of names separated by spaces.
static SPACE_ROLES: Words = Words::new("header", "spaced_roles");

/// The role word that ends the outlet opening a first paragraph ("东方网记者…").
static LEAD_ROLES: Words = Words::new("header", "lead_roles");

/// How the outlet of a dateline ends ("新华社", "东方网").
static DATELINE_OUTLET_ENDINGS: Words = Words::new("header", "dateline_outlet_endings");

/// The word that closes a dateline ("电", "讯").
static DATELINE_WORDS: Words = Words::new("header", "dateline_words");

// In each byline pattern, group 1 is the outlet, with the role words that
// [`outlet_from_prefix`] strips: the fewest chars before the role words that let the
// rest match.

/// `界面新闻记者 | 名字`, `文/张三`, `记者:张三`: role words, then a bar, colon or slash.
static BYLINE: LazyLock<Regex> = LazyLock::new(|| {
    text::regex(&format!(
        r"^([^\s|:/]{{0,16}}?)\s*{}\s*[|:/]\s*\S",
        alternation(&LABELLED_ROLES)
    ))
});

/// "记者 张三 通讯员 李四", "新华社记者 王五": names after white space, each maybe after
/// a role word, to the end.
static BYLINE_SPACE: LazyLock<Regex> = LazyLock::new(|| {
    text::regex(&format!(
        r"^([^\s|:/]{{0,12}}?){}?{}(?:\s+{}?\s*\p{{Han}}{{2,4}})+$",
        alternation(&ROLE_PREFIXES),
        alternation(&SPACE_ROLES),
        alternation(&NAME_ROLES)
    ))
});

/// "记者张三/台北报导": role, name, then a slash or bar and a place.
static BYLINE_NAME_FIRST: LazyLock<Regex> = LazyLock::new(|| {
    text::regex(&format!(
        r"^([^\s|:/]{{0,12}}?){}?{}\s*\p{{Han}}{{2,4}}\s*[/|]\s*\S{{2,12}}$",
        alternation(&ROLE_PREFIXES),
        alternation(&NAME_FIRST_ROLES)
    ))
});

/// A byline mangled by a converter still has the `outlet… | name` shape.
static BAR_LINE: LazyLock<Regex> = LazyLock::new(|| text::regex(r"^\S{2,20}\s*[|]\s*\S{1,12}$"));

/// "东方网记者刘轶琳11月9日报道:" at the start of the first paragraph.
static LEAD_BYLINE: LazyLock<Regex> = LazyLock::new(|| {
    text::regex(&format!(
        r"^[(\[【]?([^\s,，。:()\[\]【】“”]{{2,12}}?){}?{}",
        alternation(&ROLE_PREFIXES),
        alternation(&LEAD_ROLES)
    ))
});

/// "新华社上海11月9日电": outlet, maybe a place and a date, then the dateline word. The
/// date is grammar; its 月 and 日 stay here.
static LEAD_DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    text::regex(&format!(
        r"^[(\[【]?([^\s,，。:()\[\]【】“”]{{1,8}}?{})(?:[^\s,，。]{{0,6}}?\d{{1,2}}月\d{{1,2}}日)?{}",
        alternation(&DATELINE_OUTLET_ENDINGS),
        alternation(&DATELINE_WORDS)
    ))
});

/// Is this short header line a byline? Returns the outlet it names, if any.
pub fn byline(key: &str, orig: &str) -> Option<Option<String>> {
    if key.chars().count() > 40 || text::has_full_stop(key) {
        return None;
    }
    // Each regex runs only when the literals it needs are there: a labelled byline
    // needs a bar, colon or slash, a name-first one a bar or slash, a bar line a bar,
    // a spaced one white space and a role word.
    let bar = key.contains('|');
    let slash = key.contains('/');
    let spaced = || {
        key.contains(char::is_whitespace) && SPACE_ROLES.iter().any(|r| key.contains(r.as_str()))
    };
    let captures = (bar || slash || key.contains(':'))
        .then(|| BYLINE.captures(key))
        .flatten()
        .or_else(|| spaced().then(|| BYLINE_SPACE.captures(key)).flatten())
        .or_else(|| {
            (bar || slash)
                .then(|| BYLINE_NAME_FIRST.captures(key))
                .flatten()
        });
    if let Some(c) = captures {
        let prefix_key = c.get(1).map_or("", |m| m.as_str());
        let n = prefix_key.chars().count();
        let prefix: String = orig.chars().take(n).collect();
        return Some(outlet_from_prefix(&prefix, prefix_key));
    }
    if bar && BAR_LINE.is_match(key) {
        return Some(None);
    }
    None
}

/// Strips role words ("全媒体", "首席"…) from the end of a byline prefix.
fn outlet_from_prefix(orig: &str, key: &str) -> Option<String> {
    let mut n = key.chars().count();
    let mut k = key;
    while let Some(suffix) = ROLE_SUFFIXES.iter().find(|s| k.ends_with(s.as_str())) {
        k = &k[..k.len() - suffix.len()];
        n -= suffix.chars().count();
    }
    let out: String = orig.chars().take(n).collect();
    clean_outlet(&out)
}

/// Words around the outlet a paragraph opens by citing ("据某某社报道").
static REPORT_OPENERS: Words = Words::new("header", "report_openers");
static REPORT_WORDS: Words = Words::new("header", "report_words");

/// "据新华社报道," opening a paragraph: the outlet it cites.
static LEAD_REPORT: LazyLock<Regex> = LazyLock::new(|| {
    text::regex(&format!(
        r"^{}([^\s,，。:()\[\]【】“”]{{2,12}}?){}",
        alternation(&REPORT_OPENERS),
        alternation(&REPORT_WORDS)
    ))
});

/// The outlet a paragraph's opening byline or dateline names, or the outlet it
/// opens by citing ("据某某社报道").
pub fn lead_outlet(key: &str, orig: &str) -> Option<String> {
    let c = LEAD_BYLINE
        .captures(key)
        .or_else(|| LEAD_DATELINE.captures(key))
        .or_else(|| {
            starts_with_any(key, &REPORT_OPENERS)
                .then(|| LEAD_REPORT.captures(key))
                .flatten()
                .filter(|c| c.get(1).is_some_and(|g| outlet_like(g.as_str())))
        })?;
    let g = c.get(1)?;
    let skip = key[..g.start()].chars().count();
    let n = g.as_str().chars().count();
    let prefix: String = orig.chars().skip(skip).take(n).collect();
    let prefix_key: String = key.chars().skip(skip).take(n).collect();
    outlet_from_prefix(&prefix, &prefix_key)
}

/// Words that open a reprint line naming the outlet without a colon ("转自某某日报").
static REPRINT_LABELS: Words = Words::new("header", "reprint_labels");

/// The outlet of a short reprint line ("转自某某日报", "转载自:某某网").
pub fn reprint_outlet(key: &str, orig: &str) -> Option<String> {
    let k = key.trim();
    let label = REPRINT_LABELS.iter().find(|l| k.starts_with(l.as_str()))?;
    let rest = k[label.len()..].trim_start_matches([':', ' ']);
    if !outlet_like(rest) || rest.contains(char::is_whitespace) {
        return None;
    }
    let skip = orig.trim_start().chars().count() - rest.chars().count();
    clean_outlet(&orig.trim_start().chars().skip(skip).collect::<String>())
}

/// A line that is only an outlet's name in brackets ("(某某日报)"), as a story
/// ends with its outlet.
pub fn bracketed_outlet(key: &str, orig: &str) -> Option<String> {
    let k = key.trim();
    let inner = k
        .strip_prefix(['(', '[', '【'])?
        .strip_suffix([')', ']', '】'])?;
    if !outlet_like(inner) {
        return None;
    }
    let o = orig.trim();
    let n = o.chars().count();
    clean_outlet(
        &o.chars()
            .skip(1)
            .take(n.saturating_sub(2))
            .collect::<String>(),
    )
}

/// Endings of a `<title>` part that names a channel or a page, not the outlet
/// ("新闻频道", "繁体中文镜像").
static CHANNEL_ENDINGS: Words = Words::new("header", "channel_endings");

/// The site a `<title>` names after its headline ("新闻汇总_某某热线"): its last part,
/// when that is short, has no digits and names no channel.
pub fn html_title_site(t: &str) -> Option<String> {
    let parts = title_parts(t);
    let headline = parts
        .iter()
        .map(|p| p.trim())
        .max_by_key(|p| p.chars().count())?;
    let last = parts.last()?.trim();
    let n = last.chars().count();
    // Spam titles string many parts together ("标题|某某平台-官方网站_体育资讯_…").
    if !(2..=3).contains(&parts.len())
        || last == headline
        || !(2..=10).contains(&n)
        || last.contains(|c: char| c.is_ascii_digit())
        || ends_with_any(&crate::script::to_simplified(last), &CHANNEL_ENDINGS)
    {
        return None;
    }
    clean_outlet(last)
}

/// Words of a `<title>` part naming the site's software ("Powered by Discuz! Archiver").
static TITLE_CHROME: Words = Words::new("header", "title_chrome");

/// The parts of a `<title>` between the separators sites put around their names,
/// without the parts that name the site's software: those are never a headline.
fn title_parts(t: &str) -> Vec<&str> {
    let mut parts = vec![t.trim()];
    for sep in [" - ", " | ", "_", " — ", " – ", "|", "－", "｜"] {
        parts = parts.iter().flat_map(|p| p.split(sep)).collect();
    }
    if parts.len() > 1 {
        parts.retain(|p| {
            let lower = p.to_lowercase();
            !TITLE_CHROME.iter().any(|w| lower.contains(w.as_str()))
        });
    }
    parts
}

/// An HTML `<title>` usually reads "Headline - Site" or "Headline_Channel_Site": keep
/// the headline.
pub fn clean_html_title(t: &str) -> Option<String> {
    let t = t.split_whitespace().collect::<Vec<_>>().join(" ");
    // The headline is the longest part whichever side the site's name is on
    // ("Headline_Channel_Site", "Site - Headline").
    let parts = title_parts(&t);
    let best = parts
        .iter()
        .map(|p| p.trim())
        .max_by_key(|p| p.chars().count())
        .unwrap_or("");
    let best = if best.chars().count() >= 5 {
        best
    } else {
        t.trim()
    };
    // "Headline-某某网": an outlet glued on with a bare hyphen (a hyphen between digits,
    // 2023-2025, is no separator).
    let best = match best.rsplit_once('-') {
        Some((head, site))
            if outlet_like(site)
                && site.chars().count() <= 8
                && !site.contains(|c: char| c.is_ascii_digit())
                && head.chars().count() >= 5 =>
        {
            head.trim_end()
        }
        _ => best,
    };
    (!best.is_empty()).then(|| best.to_string())
}

#[cfg(test)]
#[path = "header_tests.rs"]
mod tests;
