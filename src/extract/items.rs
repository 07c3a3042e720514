//! The rules that turn sentences into events, policies, targets and metrics.
//!
//! Every rule reads the simplified copy (punctuation in ASCII form) and keeps char
//! offsets, so titles, subjects and quotes are cut from the original text in its own
//! script. The words the rules look for are general Chinese news and policy language
//! (开幕, 发布, 方案, 达到…), never facts of any particular article; they live in
//! assets/lexicon.toml ([events], [policies], [titles], [figures]), and the rules here
//! build their tables from the lexicon in use once, on first use.

use super::dates::{DateMention, When};
use super::quantity::QuantityMention;
use super::sentences::Sentence;
use super::words::{self, Words};
use super::{Kind, Quantity};
use crate::time::{PartialDate, Precision};
use chrono::{Datelike, NaiveDate};
use regex::Regex;
use std::sync::LazyLock;

/// A date with the end of its range, if it has one.
type Dated = (PartialDate, Option<PartialDate>);

/// An item before themes and ids are given.
#[derive(Debug, Clone)]
pub struct Draft {
    pub kind: Kind,
    pub sentence: usize,
    pub date: PartialDate,
    pub end_date: Option<PartialDate>,
    /// Char range of the title in the document (or a composed title).
    pub title: Title,
    pub subject: Option<(usize, usize)>,
    pub quantity: Option<(QuantityMention, (usize, usize))>,
    pub deadline: Option<i32>,
    /// Target: a goal or a forecast.
    pub basis: Option<super::Basis>,
    pub policy_title: Option<(usize, usize)>,
    pub period: Option<[i32; 2]>,
    pub issuers: Vec<(usize, usize)>,
    /// Also tag with the document title's themes (the article's main event).
    pub main_event: bool,
    /// Order among drafts of the same sentence.
    pub order: usize,
}

/// A title: pieces of the document text (char ranges) joined, so it keeps the
/// document's script.
#[derive(Debug, Clone, Default)]
pub struct Title {
    pub pieces: Vec<(usize, usize)>,
    /// Appended after the pieces (e.g. the deadline), already in display form.
    pub suffix: String,
}

/// What the rules know about a document.
pub struct Context<'a> {
    pub simp: &'a [char],
    pub sentences: &'a [Sentence],
    /// Per sentence, its time expressions (offsets in the sentence).
    pub dates: Vec<Vec<DateMention>>,
    /// Per sentence, its figures (offsets in the sentence).
    pub quantities: Vec<Vec<QuantityMention>>,
    pub base: Option<NaiveDate>,
    pub published: Option<PartialDate>,
    /// Sentences per paragraph.
    pub para_sizes: Vec<usize>,
    /// Per sentence, whether an event verb occurs in it (found in one pass).
    pub has_event_verb: Vec<bool>,
    /// Per sentence, its event verbs (char offsets in the sentence) as a scan of the
    /// sentence alone finds them; `None` when a verb found in the whole text crosses
    /// one of its ends, so only a scan of the sentence can tell.
    pub event_verbs: SentenceVerbs,
}

/// Per sentence, its event verbs, or `None` when the sentence must be scanned alone.
pub type SentenceVerbs = Vec<Option<Vec<(usize, usize)>>>;

/// Marks the sentences that contain an event verb, scanning the text once, and keeps
/// the verbs of each sentence. A literal alternation finds the same matches in a
/// sentence as in the whole text unless a match of the whole text crosses one of the
/// sentence's ends; those sentences are left to be scanned on their own.
pub fn event_verb_sentences(chars: &[char], sentences: &[Sentence]) -> (Vec<bool>, SentenceVerbs) {
    let mut out = vec![false; sentences.len()];
    let mut verbs: SentenceVerbs = vec![Some(Vec::new()); sentences.len()];
    for (start, end) in event_verbs_in(chars) {
        let i = sentences.partition_point(|s| s.end <= start);
        if let Some(flag) = out.get_mut(i) {
            *flag = true;
        }
        match sentences.get(i) {
            Some(s) if s.start <= start && end <= s.end => {
                if let Some(Some(v)) = verbs.get_mut(i) {
                    v.push((start - s.start, end - s.start));
                }
            }
            _ => {
                for (k, s) in sentences.iter().enumerate().skip(i) {
                    if s.start >= end {
                        break;
                    }
                    verbs[k] = None;
                }
                if let Some(v) = i.checked_sub(1).and_then(|k| verbs.get_mut(k)) {
                    *v = None;
                }
            }
        }
    }
    (out, verbs)
}

/// The event verbs as chars, grouped by first char (in list order within a group), and
/// for each char its group plus one (0: none): a table for the chars of the Basic
/// Multilingual Plane, so the common case costs one load and no search, and a short
/// list for the chars beyond it.
struct VerbTable {
    groups: Vec<Vec<Vec<char>>>,
    slot: Vec<u16>,
    beyond: Vec<(char, u16)>,
}

impl VerbTable {
    fn new(verbs: &Words) -> Self {
        let mut t = VerbTable {
            groups: Vec::new(),
            slot: vec![0; 0x10000],
            beyond: Vec::new(),
        };
        for v in verbs.iter() {
            let Some(&c) = v.first() else { continue };
            match t.group(c) {
                0 => {
                    t.groups.push(vec![v.to_vec()]);
                    // The plane has 0x10000 chars, so its groups number one fewer than
                    // u16 counts only if every char of it starts a verb.
                    let g = u16::try_from(t.groups.len()).unwrap_or(u16::MAX);
                    match t.slot.get_mut(c as usize) {
                        Some(s) => *s = g,
                        None => t.beyond.push((c, g)),
                    }
                }
                g => t.groups[usize::from(g) - 1].push(v.to_vec()),
            }
        }
        t
    }

    fn group(&self, c: char) -> u16 {
        match self.slot.get(c as usize) {
            Some(&g) => g,
            None => self
                .beyond
                .iter()
                .find(|&&(b, _)| b == c)
                .map_or(0, |&(_, g)| g),
        }
    }
}

static VERB_TABLE: LazyLock<VerbTable> = LazyLock::new(|| VerbTable::new(&LISTS.event_verbs));

/// Char ranges of the event verbs in `chars`, as a leftmost-first search of
/// the event verbs finds them (what the regex alternation of them finds). Walking the
/// chars the rules already hold costs less than running an automaton over the
/// UTF-8 bytes (whose lead bytes every Han char shares) and counting chars to turn
/// its byte offsets into char offsets.
fn event_verbs_in(chars: &[char]) -> Vec<(usize, usize)> {
    VERB_TABLE.find_all(chars)
}

impl VerbTable {
    /// Char ranges of the table's verbs in `chars`, leftmost first, the first listed
    /// verb of those that start at a place.
    fn find_all(&self, chars: &[char]) -> Vec<(usize, usize)> {
        let table = self;
        let mut out = Vec::new();
        let mut i = 0;
        while let Some(k) = chars
            .get(i..)
            .and_then(|r| r.iter().position(|&c| table.group(c) != 0))
        {
            let at = i + k;
            let rest = &chars[at..];
            let verb = table.groups[usize::from(table.group(rest[0])) - 1]
                .iter()
                .find(|v| rest.starts_with(v));
            i = at + 1;
            if let Some(v) = verb {
                out.push((at, at + v.len()));
                i = at + v.len();
            }
        }
        out
    }
}

/// A list of the lexicon in use (see assets/lexicon.toml for what each is for).
fn lex(section: &str, key: &str) -> &'static [String] {
    crate::lexicon::get().words(section, key)
}

/// A regex that finds any word of a lexicon list.
fn any_word(section: &str, key: &str) -> Regex {
    Regex::new(&words::alternation(lex(section, key))).expect("escaped words make a valid regex")
}

/// The word lists these rules match at places of a sentence, as chars, in list order.
struct Lists {
    event_verbs: Words,
    opening: Words,
    noun_before: Words,
    noun_after: Words,
    reference: Words,
    alias: Words,
    issue_verbs: Words,
    issuer_joiners: Words,
    leading: Words,
    link: Words,
    object: Words,
    cut_before: Words,
    cut_after: Words,
    scale_goal: Words,
    rate: Words,
    open_goal: Words,
    this_year_goal: Words,
    condition: Words,
    future: Words,
    /// The words that qualify a figure before it (超过, 约, 不少于).
    figure_qualifiers: Words,
    issuer_by: &'static [String],
    org_suffixes: &'static [String],
    trivia_units: &'static [String],
    /// Share prompts, reaction widgets and related-list headings (the cleaner's own
    /// lists): an event titled with one is page chrome glued to a line.
    chrome: Words,
}

static LISTS: LazyLock<Lists> = LazyLock::new(|| Lists {
    event_verbs: Words::new(lex("events", "verbs")),
    opening: Words::new(lex("events", "opening")),
    noun_before: Words::new(lex("events", "noun_before")),
    noun_after: Words::new(lex("events", "noun_after")),
    reference: Words::new(lex("policies", "reference")),
    alias: Words::new(lex("policies", "alias")),
    issue_verbs: Words::new(lex("policies", "issue_verbs")),
    issuer_joiners: Words::new(lex("policies", "issuer_joiners")),
    leading: Words::new(lex("titles", "leading")),
    link: Words::new(lex("figures", "link_verbs")),
    object: Words::new(lex("figures", "object_verbs")),
    cut_before: Words::new(lex("figures", "cut_before")),
    cut_after: Words::new(lex("figures", "cut_after")),
    scale_goal: Words::new(lex("figures", "scale_goal")),
    rate: Words::new(lex("figures", "rate_words")),
    open_goal: Words::new(lex("figures", "open_goal")),
    this_year_goal: Words::new(lex("figures", "this_year_goal")),
    condition: Words::new(lex("events", "condition")),
    future: Words::new(lex("events", "future")),
    chrome: Words::new(
        &[
            lex("clean", "widget_phrases"),
            lex("clean", "related_headings"),
        ]
        .concat(),
    ),
    figure_qualifiers: Words::new(
        &[
            "over_before",
            "about_before",
            "at_least_before",
            "at_most_before",
        ]
        .iter()
        .flat_map(|k| lex("quantities", k).iter())
        .collect::<Vec<_>>(),
    ),
    issuer_by: lex("policies", "issuer_by"),
    org_suffixes: lex("policies", "org_suffixes"),
    trivia_units: lex("figures", "trivia_units"),
});

/// An opinion or a habit ([events] speech).
static SPEECH: LazyLock<Regex> = LazyLock::new(|| any_word("events", "speech"));

/// Background and spans of time ([events] background).
static BACKGROUND: LazyLock<Regex> = LazyLock::new(|| any_word("events", "background"));

/// A count of years from now (未来三年, 今后两年, 3年内), not a year (到2025年) or the
/// end of a five-year plan (到“十四五”末).
fn is_relative_years(m: &[char]) -> bool {
    let year = m.windows(4).any(|w| w.iter().all(char::is_ascii_digit));
    let plan = m.windows(3).any(|w| w[0] == '十' && w[2] == '五');
    m.contains(&'年') && !year && !plan
}

/// An expectation ([figures] forecast).
static FORECAST: LazyLock<Regex> = LazyLock::new(|| any_word("figures", "forecast"));

/// A figure stated as of now ([figures] now).
static NOW: LazyLock<Regex> = LazyLock::new(|| any_word("figures", "now"));

/// A question (a heading of a questions-and-answers page) states nothing itself.
fn is_question(simp: &str) -> bool {
    simp.trim_end().ends_with(['?', '？'])
}

/// A figure already reached ([figures] past).
static PAST: LazyLock<Regex> = LazyLock::new(|| any_word("figures", "past"));

/// A figure set as a goal ([figures] goal).
static GOAL: LazyLock<Regex> = LazyLock::new(|| any_word("figures", "goal"));

/// A policy document's title: it ends in one of [policies] title_ends, possibly followed
/// by parenthesised notes: (2023-2025年), (试行), (2024年版), (征求意见稿).
static POLICY_SUFFIX: LazyLock<Regex> = LazyLock::new(|| {
    let pattern = format!(
        r"(?:{})(?:\s*\([^()]{{1,16}}\))*$",
        words::alternation(lex("policies", "title_ends"))
    );
    Regex::new(&pattern).expect("policy pattern is valid")
});

/// Finds 《: built once, since most sentences are searched for it and hold none.
static TITLE_OPEN: LazyLock<memchr::memmem::Finder<'static>> =
    LazyLock::new(|| memchr::memmem::Finder::new("《"));

/// Who releases a 《title》: the names, then the issuing words, each part optional but
/// the verb: (issuer_by)? names (issue_joint)? issue_verbs (issue_then)? (issue_end)? 《.
/// The names are as short as the words after them allow, hold no clause break,
/// bracket or quote, and leave out a leading 由 when they can do without it.
static ISSUERS: LazyLock<Regex> = LazyLock::new(|| {
    let part = |key: &str| words::alternation(lex("policies", key));
    let pattern = format!(
        "(?:{})?(?P<who>[^,:;《》“”]{{2,}}?)(?:{})?(?:{})(?:{})?(?:{})?《",
        part("issuer_by"),
        part("issue_joint"),
        part("issue_verbs"),
        part("issue_then"),
        part("issue_end"),
    );
    Regex::new(&pattern).expect("issuer pattern is valid")
});

fn is_clause_break(c: char) -> bool {
    matches!(
        c,
        ',' | '，' | ':' | '：' | ';' | '；' | '—' | '。' | '!' | '?'
    )
}

fn is_open(c: char) -> bool {
    matches!(c, '“' | '‘' | '《' | '(' | '（' | '「' | '"')
}

fn is_close(c: char) -> bool {
    matches!(c, '”' | '’' | '》' | ')' | '）' | '」')
}

/// Clause ranges (char offsets in the sentence), split at commas, colons, semicolons and
/// dashes that are not inside quotes or brackets.
fn clauses(s: &[char]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut depth = 0i32;
    let mut start = 0;
    for (i, &c) in s.iter().enumerate() {
        // Han and most other text: none of the brackets and breaks lies here.
        if ('\u{3400}'..'\u{FF00}').contains(&c) {
            continue;
        }
        if is_open(c) {
            depth += 1;
        } else if is_close(c) {
            depth = (depth - 1).max(0);
        } else if depth == 0 && is_clause_break(c) {
            // 3—5家: a dash between two numbers joins a range.
            let digit = |k: Option<&char>| k.is_some_and(char::is_ascii_digit);
            if c == '—' && i > 0 && digit(s.get(i - 1)) && digit(s.get(i + 1)) {
                continue;
            }
            if i > start {
                out.push((start, i));
            }
            start = i + 1;
        }
    }
    if s.len() > start {
        out.push((start, s.len()));
    }
    out
}

/// Splits a clause at 、 outside quotes.
fn list_items(s: &[char], (a, b): (usize, usize)) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut depth = 0i32;
    let mut start = a;
    for (i, &c) in s.iter().enumerate().take(b).skip(a) {
        // Han and most other text: no bracket or 、 lies here.
        if ('\u{3400}'..'\u{FF00}').contains(&c) {
            continue;
        }
        if is_open(c) {
            depth += 1;
        } else if is_close(c) {
            depth = (depth - 1).max(0);
        } else if depth == 0 && c == '、' {
            out.push((start, i));
            start = i + 1;
        }
    }
    out.push((start, b));
    out
}

fn starts_with(s: &[char], at: usize, word: &str) -> bool {
    let mut rest = s.get(at..).unwrap_or(&[]).iter();
    word.chars().all(|w| rest.next() == Some(&w))
}

/// Whether `word` ends at `end`, compared from the back so the word's length need not
/// be counted first (this runs for every word of several lists at many positions).
fn ends_with(s: &[char], end: usize, word: &str) -> bool {
    match s.get(..end) {
        Some(head) => {
            let mut rest = head.iter().rev();
            word.chars().rev().all(|w| rest.next() == Some(&w))
        }
        None => word.is_empty(),
    }
}

/// Trims white space, connectors and stray punctuation from both ends of a range.
fn trim(s: &[char], (mut a, mut b): (usize, usize)) -> (usize, usize) {
    loop {
        let before = (a, b);
        while a < b && (s[a].is_whitespace() || matches!(s[a], ',' | ':' | ';' | '、' | '—' | '-'))
        {
            a += 1;
        }
        while b > a
            && (s[b - 1].is_whitespace()
                || matches!(s[b - 1], ',' | ':' | ';' | '、' | '—' | '-' | '。' | '的'))
        {
            b -= 1;
        }
        // 千亿级产业集群之一: "one of" is not part of the name.
        if ends_with(s, b, "之一") && b - 2 > a {
            b -= 2;
        }
        // A word only moves `a` when it starts there: a first char that starts no word
        // rules them all out.
        let lead = LISTS.leading.may_start(s, a);
        for w in LISTS.leading.iter().filter(|_| lead) {
            if words::starts_with(s, a, w) && a + w.len() < b {
                a += w.len();
            }
        }
        if (a, b) == before {
            return (a, b);
        }
    }
}

/// A sentence that is a heading (a short line with no end punctuation): it repeats what
/// the paragraphs below say, so it yields no items of its own.
fn is_heading(ctx: &Context, i: usize) -> bool {
    let s = &ctx.sentences[i];
    let alone = ctx.para_sizes.get(s.para).is_some_and(|&n| n == 1);
    let last = s.simp.chars().last().unwrap_or(' ');
    alone && s.end - s.start <= 40 && !matches!(last, '。' | '!' | '?' | ';' | '”' | ')')
}

/// The date a sentence's event happened: the last time point before the verb, else the
/// first one after it. Datelines, deadlines and periods are not event dates.
fn point_near(dates: &[DateMention], at: usize) -> Option<Dated> {
    let points = dates.iter().filter_map(|m| match m.when {
        When::Point { date, end } => Some((m.start, date, end)),
        _ => None,
    });
    let mut before = None;
    let mut after = None;
    for (start, date, end) in points {
        if start < at {
            before = Some((date, end));
        } else if after.is_none() {
            after = Some((date, end));
        }
    }
    before.or(after)
}

/// A provision of a regulation ("第四条（加强人才支撑）…"): it states a rule, not
/// something that happened.
fn is_provision(simp: &str) -> bool {
    let Some(rest) = simp.trim_start().strip_prefix('第') else {
        return false;
    };
    let n = rest
        .chars()
        .take_while(|c| c.is_ascii_digit() || text_numeral(*c) || *c == '百')
        .count();
    n > 0 && rest.chars().nth(n) == Some('条')
}

/// An event found in a sentence, before dates are settled.
struct EventHit {
    sentence: usize,
    /// Title range in sentence char offsets.
    title: (usize, usize),
    verb: (usize, usize),
    own_date: Option<Dated>,
    opening: bool,
}

/// For each sentence, whether it continues, after semicolons, a sentence with a deadline
/// ("到2025年,产业规模力争达到300亿元;…;1—2个产品获批上市;"): its clauses share that
/// goal. One pass, so a paragraph of many clauses stays linear.
fn goal_continuations(ctx: &Context) -> Vec<bool> {
    let mut out = vec![false; ctx.sentences.len()];
    for i in 1..ctx.sentences.len() {
        let prev = &ctx.sentences[i - 1];
        if prev.para != ctx.sentences[i].para || !prev.simp.trim_end().ends_with([';', '；']) {
            continue;
        }
        out[i] = out[i - 1]
            || ctx.dates[i - 1]
                .iter()
                .any(|m| matches!(m.when, When::Deadline(_)));
    }
    out
}

/// Whether the event `verb` in `part` is announced (将, without a date) with a counted
/// object ("将举办超过80场…"): a count of what is planned, not an event.
fn counts_what_is_planned(chars: &[char], part: (usize, usize), verb: (usize, usize)) -> bool {
    let announced = verb.0 > part.0 && chars[verb.0 - 1] == '将';
    if !announced {
        return false;
    }
    let mut k = verb.1;
    while let Some(w) = LISTS.figure_qualifiers.first_at(chars, k) {
        k += w.len();
    }
    chars
        .get(k)
        .is_some_and(|&c| c.is_ascii_digit() || text_numeral(c))
}

fn find_events(ctx: &Context, i: usize, chars: &[char], in_goal: bool) -> Vec<EventHit> {
    let s = &ctx.sentences[i];
    let found = match &ctx.event_verbs[i] {
        Some(v) => v.clone(),
        None => event_verbs_in(chars),
    };
    let verbs: Vec<(usize, usize)> = found
        .into_iter()
        .filter(|&(a, b)| {
            // 图谱的发布, 发布的《…》, 开幕活动, 这些发布: the verb used as a noun or a
            // modifier.
            let noun_before = LISTS.noun_before.any_ends_at(chars, a)
                // 线上线下 holds 上线 without meaning it.
                || (a > 0 && chars[a - 1] == '线' && starts_with(chars, a, "上线"));
            // "4日开幕的大会": a modifier that still dates the event it names.
            let dated_modifier = chars.get(b) == Some(&'的')
                && ctx.dates[i].iter().any(|m| {
                    m.end == a && matches!(m.when, When::Point { date, .. } if date.precision() == Precision::Day)
                });
            let noun_after = LISTS.noun_after.any_at(chars, b) && !dated_modifier;
            !noun_before && !noun_after
        })
        .collect();
    if verbs.is_empty()
        || is_question(&s.simp)
        || BACKGROUND.is_match(&s.simp)
        || is_provision(&s.simp)
    {
        return Vec::new();
    }
    // Reported speech, opinions and plans with a deadline are not events.
    let first_verb = verbs[0].0;
    // Matches come in order, so the first one tells whether any starts before the verb.
    if SPEECH
        .find(&s.simp)
        .is_some_and(|m| s.simp[..m.start()].chars().count() < first_verb)
    {
        return Vec::new();
    }
    if ctx.dates[i]
        .iter()
        .any(|m| matches!(m.when, When::Deadline(_)))
    {
        return Vec::new();
    }
    let in_range = |r: (usize, usize), v: (usize, usize)| r.0 <= v.0 && v.1 <= r.1;
    let cls = clauses(chars);
    // 经市政府批准,…: a clause of condition is no event; the next clause may be.
    let Some(&clause) = cls
        .iter()
        .find(|c| verbs.iter().any(|&v| in_range(**c, v)) && !LISTS.condition.any_at(chars, c.0))
    else {
        return Vec::new();
    };
    // A policy released in this clause is reported as a policy, not again as an event.
    if chars[clause.0..clause.1].contains(&'《') {
        let inner: String = chars[clause.0..clause.1].iter().collect();
        if policy_titles(&inner)
            .iter()
            .any(|(_, t)| is_policy_title(&inner[t.clone()]))
        {
            return Vec::new();
        }
    }
    let pieces: Vec<(usize, usize)> = list_items(chars, clause)
        .into_iter()
        .filter(|p| verbs.iter().any(|&v| in_range(*p, v)))
        .collect();
    let parts = if pieces.len() >= 2 {
        pieces
    } else {
        vec![clause]
    };
    parts
        .into_iter()
        .filter_map(|part| {
            let verb = *verbs.iter().find(|&&v| in_range(part, v))?;
            let own_date = point_near(&ctx.dates[i], verb.0);
            // 还将举办, 计划新开工: a plan without a date of its own is no event.
            let planned = (part.0..verb.0).any(|k| LISTS.future.any_at(chars, k));
            if own_date.is_none() && (planned || in_goal) {
                return None;
            }
            // 将举办超过80场论坛: what an event will hold, counted, is no event itself.
            if own_date.is_none() && counts_what_is_planned(chars, part, verb) {
                return None;
            }
            Some(EventHit {
                sentence: i,
                title: part,
                verb,
                own_date,
                opening: LISTS.opening.contains(&chars[verb.0..verb.1]),
            })
        })
        .collect()
}

type Span = std::ops::Range<usize>;

/// 《titles》 in `s`: byte ranges of each whole match and of the title inside, as the
/// regex `《(?P<t>[^《》]{2,})》` finds them (see the test). Done by hand since it runs
/// on every sentence with a 《 and the regex cost more than the rest of the rules.
fn policy_titles(s: &str) -> Vec<(Span, Span)> {
    let mut out = Vec::new();
    let mut pos = 0;
    while let Some(k) = s[pos..].find('《') {
        let open = pos + k;
        let t0 = open + '《'.len_utf8();
        // The title runs to the next bracket; only a closing one with two chars or
        // more before it makes a match, else the search goes on after this 《.
        let rest = &s[t0..];
        match rest.find(['《', '》']) {
            Some(j) if rest[j..].starts_with('》') && rest[..j].chars().nth(1).is_some() => {
                let close = t0 + j + '》'.len_utf8();
                out.push((open..close, t0..t0 + j));
                pos = close;
            }
            _ => pos = t0,
        }
    }
    out
}

/// A title of a few chars (行动方案, 若干意见) when a longer title of the document ends
/// in its last two chars: the short name that stands for that longer one.
fn is_short_name(title: &str, all: &[String]) -> bool {
    let n = title.chars().count();
    if n > 6 {
        return false;
    }
    let tail: String = title.chars().skip(n.saturating_sub(2)).collect();
    all.iter().any(|t| {
        let t = t.trim_end_matches(|c: char| {
            c == ')' || c == '）' || c.is_ascii_digit() || "年-—－(（".contains(c)
        });
        t.chars().count() > n && t.ends_with(tail.as_str())
    })
}

fn is_policy_title(t: &str) -> bool {
    t.chars().count() <= 80 && POLICY_SUFFIX.is_match(t.trim())
}

/// Title pieces for an event: the clause without dates, brackets and connectors.
fn event_title(ctx: &Context, i: usize, chars: &[char], range: (usize, usize)) -> Title {
    let (a, b) = trim(chars, range);
    let mut skip = vec![false; chars.len()];
    for m in &ctx.dates[i] {
        for flag in skip.iter_mut().take(m.end).skip(m.start) {
            *flag = true;
        }
        // 于8日 → drop the 于 with the date.
        if m.start > 0 && chars[m.start - 1] == '于' {
            skip[m.start - 1] = true;
        }
    }
    // Parenthetical asides: (以下简称…), (筹), (FIP).
    let mut depth = 0;
    for k in a..b {
        match chars[k] {
            '(' | '（' => {
                depth += 1;
                skip[k] = true;
            }
            ')' | '）' if depth > 0 => {
                depth -= 1;
                skip[k] = true;
            }
            _ if depth > 0 => skip[k] = true,
            _ => {}
        }
    }
    // A long list of names before 等: keep what comes after it.
    let mut a = a;
    if b - a > 40
        && let Some(k) = (a..b).rev().find(|&k| chars[k] == '等')
        && b - k > 6
    {
        a = k + 1;
    }
    let (a, b) = trim(chars, (a, b));
    let mut pieces = Vec::new();
    let mut k = a;
    let base = ctx.sentences[i].start;
    let mut kept = 0;
    while k < b {
        if skip[k] {
            k += 1;
            continue;
        }
        let start = k;
        while k < b && !skip[k] && kept < 48 {
            k += 1;
            kept += 1;
        }
        pieces.push((base + start, base + k));
        if kept >= 48 {
            return Title {
                pieces,
                suffix: "…".into(),
            };
        }
    }
    Title {
        pieces,
        suffix: String::new(),
    }
}

/// A sentence's chars: the same as `simp.chars()`, borrowed from the document's chars
/// instead of collected again.
fn sentence_chars<'a>(ctx: &Context<'a>, i: usize) -> &'a [char] {
    let s = &ctx.sentences[i];
    &ctx.simp[s.start..s.end]
}

/// Finds events and picks the article's main event and each paragraph's event date.
pub fn events(ctx: &Context) -> (Vec<Draft>, Option<Dated>, Vec<Option<Dated>>) {
    let mut hits = Vec::new();
    let in_goal = goal_continuations(ctx);
    for (i, &goal) in in_goal.iter().enumerate() {
        if !ctx.has_event_verb[i] || is_heading(ctx, i) {
            continue;
        }
        hits.extend(find_events(ctx, i, sentence_chars(ctx, i), goal));
    }
    let day = |d: &Option<Dated>| d.is_some_and(|(d, _)| d.precision() == Precision::Day);
    let main = hits
        .iter()
        .position(|h| h.opening && day(&h.own_date))
        .or_else(|| hits.iter().position(|h| day(&h.own_date)));
    let main_date = main.and_then(|m| hits[m].own_date);
    let paras = ctx.sentences.last().map_or(0, |s| s.para + 1);
    let mut para_dates = vec![None; paras];
    for h in &hits {
        let p = ctx.sentences[h.sentence].para;
        if para_dates[p].is_none() && h.own_date.is_some() {
            para_dates[p] = h.own_date;
        }
    }
    let mut drafts = Vec::new();
    for (n, h) in hits.iter().enumerate() {
        let p = ctx.sentences[h.sentence].para;
        let Some((date, end)) = h
            .own_date
            .or(para_dates[p])
            .or(main_date)
            .or(ctx.published.map(|d| (d, None)))
        else {
            continue;
        };
        let chars = sentence_chars(ctx, h.sentence);
        let _ = h.verb;
        drafts.push(Draft {
            kind: Kind::Event,
            sentence: h.sentence,
            date,
            end_date: end,
            title: event_title(ctx, h.sentence, chars, h.title),
            subject: None,
            quantity: None,
            deadline: None,
            basis: None,
            policy_title: None,
            period: None,
            issuers: Vec::new(),
            main_event: Some(n) == main,
            order: n,
        });
    }
    (drafts, main_date, para_dates)
}

/// The date an item without a date of its own takes.
fn fallback(
    ctx: &Context,
    i: usize,
    main: Option<Dated>,
    para_dates: &[Option<Dated>],
) -> Option<PartialDate> {
    let p = ctx.sentences[i].para;
    para_dates
        .get(p)
        .copied()
        .flatten()
        .or(main)
        .map(|(d, _)| d)
        .or(ctx.published)
}

/// Policies: 《titles》 of policy documents, with period and issuers.
pub fn policies(ctx: &Context, main: Option<Dated>, para_dates: &[Option<Dated>]) -> Vec<Draft> {
    let mut out: Vec<Draft> = Vec::new();
    // Title → its draft's index: a list searched for each title made a document of
    // many policies quadratic in their number.
    let mut seen: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    // Whether each policy's date is its sentence's own (else a fallback).
    let mut own_dated: Vec<bool> = Vec::new();
    // Every title of the document, to tell a short name (《行动方案》) from the full
    // title it stands for.
    let all_titles: Vec<String> = ctx
        .sentences
        .iter()
        .filter(|s| TITLE_OPEN.find(s.simp.as_bytes()).is_some())
        .flat_map(|s| {
            policy_titles(&s.simp)
                .into_iter()
                .map(|(_, t)| s.simp[t].trim().to_string())
                .collect::<Vec<_>>()
        })
        .collect();
    for (i, s) in ctx.sentences.iter().enumerate() {
        if TITLE_OPEN.find(s.simp.as_bytes()).is_none() || is_question(&s.simp) {
            continue;
        }
        let chars = sentence_chars(ctx, i);
        let mut byte_to_char = 0usize;
        let mut last = 0usize;
        for (whole, t) in policy_titles(&s.simp) {
            let t = &s.simp[t];
            byte_to_char += s.simp[last..whole.start].chars().count();
            last = whole.start;
            let start = byte_to_char;
            let title = t.trim();
            // A title is a phrase, not a paragraph caught between two brackets.
            if title.chars().count() > 80 || !is_policy_title(title) {
                continue;
            }
            let before = &chars[start.saturating_sub(6)..start];
            let period = super::dates::find(title, ctx.base)
                .into_iter()
                .find_map(|m| match m.when {
                    When::Period(a, b) => Some([a, b]),
                    _ => None,
                });
            // 根据《…行动方案(2018-2020年)》: a policy cited as in force is no release of
            // this article; with a period in its title it is dated by the period's start.
            let cited = LISTS.reference.any_in(before);
            if (cited && period.is_none()) || LISTS.alias.any_in(before) {
                continue;
            }
            // 《行动方案》 after 《上海市…行动方案(2022-2024年)》: a short name of a policy
            // the document names in full, not a policy of its own.
            if is_short_name(title, &all_titles) {
                continue;
            }
            let t_start = start + 1;
            let t_end = t_start + t.chars().count();
            let key: String = title.chars().filter(|c| !c.is_whitespace()).collect();
            // Issuers are named only right before an issuing verb (…联合印发《).
            let verb_before = &chars[start.saturating_sub(5)..start];
            let issuers = if LISTS.issue_verbs.any_in(verb_before) {
                issuers(&s.simp, chars, start, whole.start)
                    .into_iter()
                    .map(|(a, b)| (s.start + a, s.start + b))
                    .collect::<Vec<_>>()
            } else {
                Vec::new()
            };
            if let Some(&k) = seen.get(&key) {
                // The same policy named again: keep the first, learn its issuers.
                if out[k].issuers.is_empty() {
                    out[k].issuers = issuers;
                }
                // 起草了《行动方案》… 10月16日,《行动方案》正式发布: a later mention that
                // releases it on a date of its own dates it, when the first had none.
                if !own_dated[k]
                    && ctx.has_event_verb[i]
                    && let Some((d, _)) = point_near(&ctx.dates[i], start)
                {
                    own_dated[k] = true;
                    out[k].date = d;
                    out[k].sentence = i;
                    out[k].title.pieces = vec![(s.start + t_start, s.start + t_end)];
                    out[k].policy_title = Some((s.start + t_start, s.start + t_end));
                    out[k].order = start;
                }
                continue;
            }
            let own_date = point_near(&ctx.dates[i], start).map(|(d, _)| d);
            let date = match period {
                Some([a, _]) if cited => Some(PartialDate::year(a)),
                _ => own_date.or_else(|| fallback(ctx, i, main, para_dates)),
            };
            let Some(date) = date else { continue };
            seen.insert(key, out.len());
            own_dated.push(own_date.is_some() || cited);
            out.push(Draft {
                kind: Kind::Policy,
                sentence: i,
                date,
                end_date: None,
                title: Title {
                    pieces: vec![(s.start + t_start, s.start + t_end)],
                    suffix: String::new(),
                },
                subject: None,
                quantity: None,
                deadline: None,
                basis: None,
                policy_title: Some((s.start + t_start, s.start + t_end)),
                period,
                issuers,
                main_event: false,
                order: start,
            });
        }
    }
    out
}

/// Issuers named before the verb that releases the 《title》 at `title_at`.
fn issuers(simp: &str, chars: &[char], title_at: usize, title_byte: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let Some((a, b)) = issuer_span(simp, title_at, title_byte) else {
        return out;
    };
    for (x, y) in list_items(chars, (a, b)) {
        // 市经济信息化委和市发展改革委: split 和/及 too.
        let mut parts = Vec::new();
        let mut s = x;
        let mut k = x;
        while k < y {
            match LISTS.issuer_joiners.first_at(chars, k) {
                Some(w) if !w.is_empty() && k + w.len() <= y => {
                    parts.push((s, k));
                    s = k + w.len();
                    k = s;
                }
                _ => k += 1,
            }
        }
        parts.push((s, y));
        for (p, q) in parts {
            let (p, q) = trim(chars, (p, q));
            let name: String = chars[p..q].iter().collect();
            let mut name = name.as_str();
            while let Some(rest) = LISTS
                .issuer_by
                .iter()
                .filter(|w| !w.is_empty())
                .find_map(|w| name.strip_prefix(w.as_str()))
            {
                name = rest;
            }
            let p = q - name.chars().count();
            let org = LISTS.org_suffixes;
            if q > p && q - p <= 20 && org.iter().any(|s| name.ends_with(s.as_str())) {
                out.push((p, q));
            }
        }
    }
    out
}

/// The char range of the issuers named right before the 《 at char `title_at` (byte
/// `title_byte`): the `who` of the match of [`ISSUERS`] in `simp` that ends with it.
fn issuer_span(simp: &str, title_at: usize, title_byte: usize) -> Option<(usize, usize)> {
    let title_end = title_byte + '《'.len_utf8();
    let caps = ISSUERS
        .captures_iter(simp)
        .take_while(|c| c.get(0).is_some_and(|m| m.end() <= title_end))
        .find(|c| c.get(0).is_some_and(|m| m.end() == title_end))?;
    let who = caps.name("who")?;
    let a = simp[..who.start()].chars().count();
    let b = a + who.as_str().chars().count();
    debug_assert_eq!(b + simp[who.end()..title_byte].chars().count(), title_at);
    Some((a, b))
}

/// Targets and metrics: figures with their subjects.
pub fn figures(ctx: &Context, main: Option<Dated>, para_dates: &[Option<Dated>]) -> Vec<Draft> {
    let mut out: Vec<Draft> = Vec::new();
    let base_year = ctx.base.map(|b| b.year());
    let mut carried: Option<(usize, PartialDate)> = None; // (para, date) for metrics
    // (para, year): "到2025年,产值达到…;企业超过…" — the clauses after a semicolon
    // are new sentences but share the paragraph's deadline.
    let mut para_deadline: Option<(usize, i32)> = None;
    let mut section_deadline: Option<i32> = None;
    // The plan period the document states ("(2022-2024年)") around its date: a goal
    // counted in years from now (未来三年) ends with it.
    let plan_end = base_year.and_then(|b| {
        ctx.dates.iter().flatten().find_map(|m| match m.when {
            When::Period(x, y) if x <= b + 1 && b <= y => Some(y),
            _ => None,
        })
    });
    for (i, s) in ctx.sentences.iter().enumerate() {
        let dates = &ctx.dates[i];
        if let Some(d) = point_near(dates, usize::MAX).map(|(d, end)| end.unwrap_or(d)) {
            carried = Some((s.para, d));
        }
        let own_deadline = dates.iter().find_map(|m| match m.when {
            When::Deadline(y) => Some(y),
            _ => None,
        });
        // A heading ("到2027年主要目标") sets the deadline of the list below it, until the
        // next heading.
        if is_heading(ctx, i) {
            section_deadline = own_deadline;
        }
        let inherited = para_deadline
            .filter(|(p, _)| *p == s.para)
            .map(|(_, y)| y)
            .or(section_deadline)
            .map(|y| (0, y));
        if let Some(y) = own_deadline {
            para_deadline = Some((s.para, y));
        }
        if ctx.quantities[i].is_empty() || is_heading(ctx, i) || is_question(&s.simp) {
            continue;
        }
        let chars = sentence_chars(ctx, i);
        if policy_titles(&s.simp)
            .into_iter()
            .map(|(whole, _)| {
                let a = s.simp[..whole.start].chars().count();
                (a, a + s.simp[whole].chars().count())
            })
            .any(|(a, b)| ctx.quantities[i].iter().all(|q| q.start >= a && q.end <= b))
        {
            continue;
        }
        let deadline_mention = dates.iter().find_map(|m| match m.when {
            When::Deadline(y) => {
                // 未来三年 names no year: it ends with the document's plan period.
                let relative = is_relative_years(&sentence_chars(ctx, i)[m.start..m.end]);
                Some((m.start, if relative { plan_end.unwrap_or(y) } else { y }))
            }
            _ => None,
        });
        // Only the first goal word counts: one search, not all of them.
        let goal_at = GOAL
            .find(&s.simp)
            .map(|m| s.simp[..m.start()].chars().count());
        // 2025年的愿景: a future year in a sentence that states a goal is its deadline.
        let future_year = goal_at.and_then(|_| {
            dates.iter().find_map(|m| match m.when {
                When::Point { date, .. }
                    if base_year.is_some_and(|b| date.year > b)
                        && date.precision() == Precision::Year =>
                {
                    Some((m.start, date.year))
                }
                _ => None,
            })
        });
        // “十四五”期间力争…: a goal within a plan period is due at its end.
        let period_end = goal_at.and_then(|_| {
            dates.iter().find_map(|m| match m.when {
                When::Period(_, end) if base_year.is_none_or(|b| end >= b) => Some((m.start, end)),
                _ => None,
            })
        });
        // A paragraph's deadline carries to a later sentence that reports nothing past.
        let reports_past = PAST.is_match(&s.simp)
            || dates.iter().any(|m| {
                matches!(m.when, When::Point { date, .. } if base_year.is_some_and(|b| date.year <= b))
            });
        let deadline_mention = deadline_mention.or(inherited.filter(|_| !reports_past));
        let deadline = deadline_mention.or(period_end).or(future_year);
        let cls = clauses(chars);
        let mut previous_subject = None;
        let forecast_at = FORECAST
            .find(&s.simp)
            .map(|m| s.simp[..m.start()].chars().count());
        for (qn, q) in ctx.quantities[i].iter().enumerate() {
            // 营收超10亿元的龙头企业: a figure before 的 describes the subject of another.
            if LISTS.trivia_units.iter().any(|u| u == q.unit) || chars.get(q.end) == Some(&'的') {
                continue;
            }
            // Inside a 《title》 or a quoted name: part of a name.
            let clause = *cls
                .iter()
                .find(|c| c.0 <= q.start && q.start < c.1)
                .unwrap_or(&(0, chars.len()));
            let after_goal = deadline.is_some_and(|(at, _)| at < q.end)
                || goal_at.is_some_and(|g| g < q.start && deadline.is_some())
                || deadline_mention.is_some();
            // A past year before the figure in its clause makes it a report (2024年产值达…).
            let past_before = dates.iter().any(|m| {
                matches!(m.when, When::Point { date, .. } if m.start >= clause.0 && m.start < q.start
                    && base_year.is_some_and(|b| date.year <= b))
            });
            // 着力打造的千亿级产业集群: an order of magnitude is a goal only as the
            // object of building something, in the same clause.
            let scale_goal =
                q.scale_word && (clause.0..q.start).any(|k| LISTS.scale_goal.any_at(chars, k));
            if q.scale_word && !scale_goal {
                continue;
            }
            // 预计今年将突破1万亿元: an expectation for a year, not a report.
            let earlier_year = dates.iter().any(|m| {
                matches!(m.when, When::Point { date, .. } if m.start >= clause.0 && m.start < q.start
                    && base_year.is_some_and(|b| date.year < b))
            });
            let forecast = forecast_at.is_some_and(|f| f < q.start) && !earlier_year;
            // 力争新增1—2家, 今年将推动30个以上, 每年支持不少于20项: a goal word in the
            // figure's clause makes a goal without a deadline too, unless the sentence
            // reports the past.
            let open_goal = deadline.is_none()
                && !earlier_year
                && !PAST.is_match(&s.simp)
                && (clause.0..q.start).any(|k| LISTS.open_goal.any_at(chars, k));
            let is_target = (after_goal && !past_before) || scale_goal || forecast || open_goal;
            let Some(subject) = subject(
                chars,
                clause,
                q,
                dates,
                &ctx.quantities[i],
                previous_subject,
            ) else {
                continue;
            };
            previous_subject = Some(subject);
            let qty_range = (s.start + q.start, s.start + q.end);
            let (date, deadline_year) = if is_target {
                let announced = dates
                    .iter()
                    .filter_map(|m| match m.when {
                        When::Point { date, .. } if deadline.is_none_or(|(_, y)| date.year < y) => {
                            Some(date)
                        }
                        _ => None,
                    })
                    .next()
                    .or_else(|| fallback(ctx, i, main, para_dates));
                // A goal for this year (今年, 年内) is due at its end.
                let this_year =
                    open_goal && (0..chars.len()).any(|k| LISTS.this_year_goal.any_at(chars, k));
                // A forecast without a deadline is for the year it names, else this year.
                let due = deadline
                    .map(|(_, y)| y)
                    .or(base_year.filter(|_| this_year))
                    .or_else(|| {
                        forecast
                            .then(|| {
                                dates
                                    .iter()
                                    .find_map(|m| match m.when {
                                        When::Point { date, .. } => Some(date.year),
                                        _ => None,
                                    })
                                    .or(base_year)
                            })
                            .flatten()
                    });
                (announced, due)
            } else {
                // A figure for 1至8月 is the total as of August: a period dates it by its end.
                let own = dates.iter().rev().find_map(|m| match m.when {
                    When::Point { date, end } if m.start < q.start => Some(end.unwrap_or(date)),
                    _ => None,
                });
                // 从2021年到2024年,产值从1712亿元增长至2012亿元: the figure a change starts
                // from is the period's first year, the one it reaches the last.
                let own = own.or_else(|| {
                    dates.iter().rev().find_map(|m| match m.when {
                        When::Period(a, b) if m.end <= q.start => {
                            let reached = (q.start.saturating_sub(2)..q.start)
                                .any(|k| matches!(chars[k], '至' | '到'));
                            Some(PartialDate::year(if reached { b } else { a }))
                        }
                        _ => None,
                    })
                });
                // 较2021年…两年间年均增长16.4%: a rate of change is dated by the end of the
                // span it covers, the sentence's latest year.
                let is_rate =
                    q.unit == "%" && (subject.0..subject.1).any(|k| LISTS.rate.any_at(chars, k));
                let years: Vec<i32> = dates
                    .iter()
                    .filter(|m| is_rate && m.start < q.start)
                    .flat_map(|m| match m.when {
                        When::Point { date, .. } if date.precision() == Precision::Year => {
                            vec![date.year]
                        }
                        When::Period(a, b) => vec![a, b],
                        _ => Vec::new(),
                    })
                    .collect();
                let span = years.iter().min().zip(years.iter().max());
                let own = match span {
                    Some((a, b)) if a < b => Some(PartialDate::year(*b)),
                    _ => own,
                };
                // 目前…已超过100家: a figure as of now is not dated by an earlier sentence.
                let carried_here = carried
                    .filter(|(p, _)| *p == s.para && !NOW.is_match(&s.simp))
                    .map(|(_, d)| d);
                (
                    own.or(carried_here)
                        .or_else(|| fallback(ctx, i, main, para_dates)),
                    None,
                )
            };
            let Some(date) = date else { continue };
            let subject = (s.start + subject.0, s.start + subject.1);
            let mut title = Title {
                pieces: vec![subject, qty_range],
                suffix: String::new(),
            };
            if let Some(y) = deadline_year {
                title.suffix = format!(" ({y})");
            }
            out.push(Draft {
                kind: if is_target {
                    Kind::Target
                } else {
                    Kind::Metric
                },
                sentence: i,
                date,
                end_date: None,
                title,
                subject: Some(subject),
                quantity: Some((q.clone(), qty_range)),
                deadline: deadline_year,
                basis: is_target.then_some(if forecast {
                    super::Basis::Forecast
                } else {
                    super::Basis::Goal
                }),
                policy_title: None,
                period: None,
                issuers: Vec::new(),
                main_event: false,
                order: qn,
            });
        }
    }
    // 打造千亿级产业集群 beside 产业规模突破1000亿元 (2025): the order of magnitude restates
    // a goal the document gives as a figure.
    let stated: Vec<(f64, &str, Option<i32>)> = out
        .iter()
        .filter(|d| d.kind == Kind::Target)
        .filter_map(|d| d.quantity.as_ref().map(|(q, _)| (q, d.deadline)))
        .filter(|(q, _)| !q.scale_word)
        .map(|(q, due)| (q.value, q.unit, due))
        .collect();
    out.retain(|d| match &d.quantity {
        Some((q, _)) if q.scale_word && d.kind == Kind::Target => !stated
            .iter()
            .any(|&(v, u, due)| v == q.value && u == q.unit && due == d.deadline),
        _ => true,
    });
    out
}

/// The thing a figure measures: the words before it (产值达到2,400亿元) or, after a
/// verb that takes the figure as object, the words after it (打造10家智能工厂).
fn subject(
    chars: &[char],
    clause: (usize, usize),
    q: &QuantityMention,
    dates: &[DateMention],
    quantities: &[QuantityMention],
    previous: Option<(usize, usize)>,
) -> Option<(usize, usize)> {
    // The list item (、) the figure is in bounds the subject.
    let items = list_items(chars, clause);
    let item = *items
        .iter()
        .find(|r| r.0 <= q.start && q.start <= r.1)
        .unwrap_or(&clause);
    // 从1712亿元增长至2011.67亿元: the second figure measures the same thing.
    if previous.is_some()
        && quantities
            .iter()
            .any(|o| o.start >= item.0 && o.end <= q.start && chars.get(o.end) != Some(&'的'))
    {
        return previous;
    }
    let mut b = q.start;
    loop {
        let before = b;
        if b > item.0 && chars[b - 1] == '的' {
            b -= 1;
        }
        if let Some(m) = dates.iter().find(|m| m.end == b && m.start >= item.0) {
            b = m.start;
        }
        // A word only moves `b` when it ends there: a last char that ends no word rules
        // them all out.
        let link = LISTS.link.may_end(chars, b);
        for w in LISTS.link.iter().filter(|_| link) {
            if words::ends_with(chars, b, w) && b - w.len() >= item.0 {
                b -= w.len();
            }
        }
        if b == before {
            break;
        }
    }
    // 产值从2021年…: the subject ends where the change starts.
    if let Some(k) = (item.0..b)
        .rev()
        .find(|&k| matches!(chars[k], '从' | '由') && dates.iter().any(|m| m.start == k + 1))
    {
        b = k;
    }
    // 2024年上海生物医药产业规模: the subject starts after a time expression.
    let mut a = dates
        .iter()
        .filter(|m| m.start >= item.0 && m.end <= b)
        .map(|m| m.end)
        .max()
        .unwrap_or(item.0);
    // 其中细胞与基因治疗临床试验批件: start after the last cut word, unless it ends
    // right at a figure that ends its clause (…创新医疗器械获批上市30个。): then it is
    // the link, and the subject runs from the cut word before it.
    let figure_ends_item = {
        let (x, y) = trim(chars, (q.end, item.1));
        y <= x
    };
    for k in (a..b).rev() {
        if let Some(w) = LISTS.cut_before.first_at(chars, k) {
            if figure_ends_item && k + w.len() >= b {
                continue;
            }
            a = k + w.len();
            break;
        }
    }
    let (a, b) = trim(chars, (a, b));
    // 从2021年的7617亿元增长至2024年的9847亿元，三年间全市产业规模年均增长8.9%: a
    // trend that opens its sentence names what changed in the clause after it.
    if b <= a
        && matches!(chars.get(a), Some('从' | '由'))
        && let Some(s) = clauses(chars)
            .into_iter()
            .find(|c| c.0 >= item.1)
            .and_then(|c| trend_subject(chars, c))
    {
        return Some(s);
    }
    // 生物医药产业规模:9337亿元 — a label before a colon names the figure.
    if b <= a && item.0 > 0 && matches!(chars[item.0 - 1], ':' | '：') {
        let label = clauses(chars)
            .into_iter()
            .rfind(|c| c.1 < item.0)
            .map(|c| trim(chars, c));
        if let Some((x, y)) = label.filter(|(x, y)| y > x) {
            return Some((y.saturating_sub(24).max(x), y));
        }
    }
    let object_position =
        b <= a || LISTS.object.any_ends_at(chars, b) || chars[b - 1].is_ascii_digit();
    if !object_position && b - a >= 2 {
        let a = b.saturating_sub(24).max(a);
        return Some(trim(chars, (a, b)));
    }
    // The subject follows the figure, up to the end of its list item or a verb.
    let mut end = item.1;
    for k in q.end..item.1 {
        if LISTS.cut_after.any_at(chars, k) && k > q.end + 1 {
            end = k;
            break;
        }
    }
    let (x, y) = trim(chars, (q.end, end));
    if y > x + 1 {
        return Some((x, y.min(x + 24)));
    }
    // 获批上市的1类创新药有7个: nothing follows the figure, so the words before the verb
    // name what it counts.
    let verb = LISTS
        .object
        .iter()
        .find(|w| words::ends_with(chars, b, w))?;
    let end = b.checked_sub(verb.len()).filter(|&e| e > a)?;
    let (x, y) = trim(chars, (a, end));
    (y > x + 1).then(|| (y.saturating_sub(24).max(x), y))
}

/// What the clause after a trend says changed: its words after a span of years
/// (三年间) up to a rate word (年均增长) or a link verb, when no figure comes first.
fn trend_subject(chars: &[char], (a, b): (usize, usize)) -> Option<(usize, usize)> {
    let (mut a, b) = trim(chars, (a, b));
    // 三年间, 两年来: a span of years opens the clause.
    if let Some(k) = (a..b.min(a + 6)).find(|&k| chars[k] == '年')
        && (a..k).all(|j| chars[j].is_ascii_digit() || text_numeral(chars[j]))
        && k > a
        && matches!(chars.get(k + 1), Some('间' | '来' | '内'))
    {
        a = k + 2;
    }
    let mut end = b;
    for k in a..b {
        if chars[k].is_ascii_digit() || LISTS.rate.any_at(chars, k) || LISTS.link.any_at(chars, k) {
            end = k;
            break;
        }
    }
    let (x, y) = trim(chars, (a, end));
    (y >= x + 2 && y - x <= 24).then_some((x, y))
}

fn text_numeral(c: char) -> bool {
    crate::corpus::text::HAN_NUMERALS.contains(c) || c == '两'
}

/// Turns a quantity mention into the contract's quantity, with the text as written.
pub fn quantity(q: &QuantityMention, text: String) -> Quantity {
    Quantity {
        value: q.value,
        unit: q.unit.to_string(),
        text,
        qualifier: q.qualifier,
        value_max: q.value_max,
    }
}

#[cfg(test)]
#[path = "tests/items.rs"]
mod tests;

/// An event whose title holds a share prompt, a reaction widget or a related-list
/// heading ("…开幕 阅读剩余全文", "相关阅读 • …") is page chrome that the cleaner could
/// not cut because it was glued to a line of text, not something that happened. The
/// title, not the sentence: a real event glued to chrome keeps its own title.
pub(super) fn names_page_chrome(title: &str) -> bool {
    let simple: Vec<char> = crate::script::to_simplified(title).chars().collect();
    LISTS.chrome.any_in(&simple)
}
