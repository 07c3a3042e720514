//! The rules that turn sentences into events, policies, targets and metrics.
//!
//! Every rule reads the simplified copy (punctuation in ASCII form) and keeps char
//! offsets, so titles, subjects and quotes are cut from the original text in its own
//! script. The words below are a lexicon of general Chinese news and policy language
//! (开幕, 发布, 方案, 达到, 今后两年…), never facts of any particular article.

use super::dates::{DateMention, When};
use super::quantity::QuantityMention;
use super::sentences::Sentence;
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
/// for each char of the Basic Multilingual Plane the group of verbs it starts plus
/// one (0: none). A byte per char, so the common case costs one load and no search.
struct VerbTable {
    groups: Vec<Vec<Vec<char>>>,
    slot: Box<[u8; 0x10000]>,
}

static VERB_TABLE: LazyLock<VerbTable> = LazyLock::new(|| {
    let mut groups: Vec<Vec<Vec<char>>> = Vec::new();
    let mut slot: Box<[u8; 0x10000]> = vec![0u8; 0x10000]
        .into_boxed_slice()
        .try_into()
        .expect("the table has a slot per char of the plane");
    for v in EVENT_VERBS {
        let v: Vec<char> = v.chars().collect();
        // A verb starting beyond the plane would never be looked for: a test holds the
        // list to the plane and to fewer than 255 first chars.
        let Some(k) = v.first().and_then(|&c| u16::try_from(c as u32).ok()) else {
            continue;
        };
        match slot[usize::from(k)] {
            0 => {
                groups.push(vec![v]);
                slot[usize::from(k)] = u8::try_from(groups.len()).unwrap_or(0);
            }
            g => groups[usize::from(g) - 1].push(v),
        }
    }
    VerbTable { groups, slot }
});

/// Char ranges of the event verbs in `chars`, as a leftmost-first search of
/// [`EVENT_VERBS`] finds them (what the regex alternation of them finds). Walking the
/// chars the rules already hold costs less than running an automaton over the
/// UTF-8 bytes (whose lead bytes every Han char shares) and counting chars to turn
/// its byte offsets into char offsets.
fn event_verbs_in(chars: &[char]) -> Vec<(usize, usize)> {
    let table = &*VERB_TABLE;
    let group = |c: char| match u16::try_from(c as u32) {
        Ok(k) => table.slot[usize::from(k)],
        Err(_) => 0,
    };
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(k) = chars
        .get(i..)
        .and_then(|r| r.iter().position(|&c| group(c) != 0))
    {
        let at = i + k;
        let rest = &chars[at..];
        let verb = table.groups[usize::from(group(rest[0])) - 1]
            .iter()
            .find(|v| v.len() <= rest.len() && v.iter().zip(rest).all(|(a, b)| a == b));
        i = at + 1;
        if let Some(v) = verb {
            out.push((at, at + v.len()));
            i = at + v.len();
        }
    }
    out
}

/// Verbs that report an event.
const EVENT_VERBS: &[&str] = &[
    "开幕",
    "闭幕",
    "举行",
    "举办",
    "召开",
    "拉开帷幕",
    "批准",
    "获批上市",
    "开工",
    "奠基",
    "揭晓",
    "投用",
    "启用",
    "拉开序幕",
    "启幕",
    "揭幕",
    "揭牌",
    "启动",
    "发布",
    "公布",
    "签约",
    "签署",
    "签订",
    "授牌",
    "获授",
    "颁发",
    "颁奖",
    "启航",
    "成立",
    "落成",
    "开业",
    "投产",
    "上线",
    "推出",
    "出台",
    "印发",
    "亮相",
    "开园",
    "落户",
    "发起",
    "访问",
    "前往",
    "开通",
    "竣工",
    "入选",
];

#[cfg(test)]
static EVENT_VERB: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&EVENT_VERBS.join("|")).expect("event verb pattern is valid"));

/// Words before an event verb that make it a noun (图谱的发布, 这些发布).
const NOUN_BEFORE: &[&str] = &["的", "这些", "此次", "本次", "该"];

/// Words after an event verb that make it a modifier (开幕活动, 发布会, 签约仪式).
const NOUN_AFTER: &[&str] = &[
    "的", "活动", "式", "仪式", "会", "典礼", "现场", "期间", "当天", "前", "后", "以来", "平台",
    "环节", "系列",
];

/// Verbs of an opening: the event an article is usually about.
const OPENING: &[&str] = &[
    "开幕",
    "举行",
    "举办",
    "召开",
    "拉开帷幕",
    "拉开序幕",
    "启幕",
    "闭幕",
];

/// Someone gives an opinion, or the text describes a habit (每年定期举办): what follows
/// is not a reported event. Reporting verbs (介绍, 说) are not here: they carry facts.
static SPEECH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new("表示|指出|强调|认为|声称|宣称|呼吁|建议|坦言|看来|希望|提出[:,]|每年|定期|常态化")
        .expect("speech pattern is valid")
});

/// Words that say a figure has been reached, not set as a goal.
static PAST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new("已经|已有|已达|目前|现有|截至|截止|累计|同比|去年|上年|比上年")
        .expect("past pattern is valid")
});

/// Words that make a figure a goal.
static GOAL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new("力争|目标|计划|愿景|争取|确保|预计|将|要|打造|建成|迈向")
        .expect("goal pattern is valid")
});

/// A policy document's title ends in one of these words, possibly followed by
/// parenthesised notes: (2023-2025年), (试行), (2024年版), (征求意见稿).
static POLICY_SUFFIX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:方案|计划|规定|意见|规划|办法|措施|倡议|通知|条例|细则|纲要|指南|决定|政策|法|意见稿)(?:\s*\([^()]{1,16}\))*$")
        .expect("policy pattern is valid")
});

/// Finds 《: built once, since most sentences are searched for it and hold none.
static TITLE_OPEN: LazyLock<memchr::memmem::Finder<'static>> =
    LazyLock::new(|| memchr::memmem::Finder::new("《"));

/// 《行动方案》 after 简称 or 下称 is a short name for a title already given.
const ALIAS: &[&str] = &["简称", "下称", "以下称"];

/// A policy named only to say what something follows (根据《…》) was not released here.
const REFERENCE: &[&str] = &[
    "根据", "按照", "依据", "落实", "贯彻", "对照", "依照", "参照",
];

/// Who releases a 《title》: `(?:由)?(?P<who>[^,:;《》“”]{2,}?)` and then these words
/// before the 《, each part optional but the verb (see [`issuer_span`]).
const ISSUE_JOINT: &[&str] = &["联合", "共同"];
const ISSUE_VERBS: &[&str] = &["制定", "印发", "发布", "出台", "编制"];
const ISSUE_THEN: &[&str] = &["并发布", "并印发", "并实施"];
const ISSUE_END: &[&str] = &["了", "的"];

/// Whether `s` is one of the words above in order: (联合|共同)? verb (并…)? (了|的)?.
fn is_issue_tail(s: &str) -> bool {
    let optional = |s: &'_ str, words: &[&str]| -> Vec<usize> {
        let mut v: Vec<usize> = words
            .iter()
            .filter(|w| s.starts_with(*w))
            .map(|w| w.len())
            .collect();
        v.push(0);
        v
    };
    optional(s, ISSUE_JOINT).into_iter().any(|j| {
        let s = &s[j..];
        ISSUE_VERBS.iter().filter(|v| s.starts_with(*v)).any(|v| {
            let s = &s[v.len()..];
            optional(s, ISSUE_THEN).into_iter().any(|t| {
                let s = &s[t..];
                s.is_empty() || ISSUE_END.contains(&s)
            })
        })
    })
}

/// Bytes of the longest [`is_issue_tail`] word: 联合编制并实施了.
const ISSUE_TAIL_MAX: usize = 24;

const ORG_SUFFIX: &[&str] = &[
    "委员会",
    "委",
    "局",
    "部",
    "厅",
    "办",
    "政府",
    "中心",
    "院",
    "署",
    "会",
    "室",
    "处",
];

/// Connectors and scene-setters trimmed from the front of titles and subjects.
const LEADING: &[&str] = &[
    "同时",
    "此外",
    "另外",
    "据悉",
    "据了解",
    "据介绍",
    "记者获悉",
    "其中",
    "与此同时",
    "会上",
    "现场",
    "期间",
    "随后",
    "并",
    "还",
    "也",
    "将",
    "正式",
];

/// Words after which the figure's subject follows the figure (打造10家智能工厂).
const OBJECT_VERBS: &[&str] = &[
    "打造", "形成", "建设", "建成", "培育", "引进", "新增", "新建", "集聚", "聚集", "推出", "拥有",
    "有", "吸引", "落地", "完成", "实施", "布局", "等", "设立", "组建", "认定", "遴选", "授予",
    "发布", "举办", "开展", "支持", "服务",
];

/// Verbs before a figure that separate its subject from it (产值达到2,400亿元).
const LINK_VERBS: &[&str] = &[
    "增长至",
    "增长到",
    "增至",
    "提高到",
    "提高至",
    "提升至",
    "提升到",
    "达到",
    "超过",
    "突破",
    "实现",
    "累计",
    "总计",
    "合计",
    "共计",
    "总共",
    "为",
    "达",
    "超",
    "至",
    "到",
    "共",
    "约",
    "近",
    "逾",
    "了",
    // Modal words between a subject and its figure: 产业规模力争达到…
    "力争",
    "将会",
    "将",
    "预计",
    "有望",
    "要",
    "确保",
    "争取",
    "计划",
    "可",
    "能",
];

/// Verbs whose object is the subject of the figure that follows (获批临床批件133件).
const CUT_BEFORE: &[&str] = &[
    "获批上市",
    "开工建设",
    "计划",
    "实现",
    "力争",
    "确保",
    "推动",
    "获批",
    "累计",
    "共有",
    "拥有",
    "新增",
    "将",
    "使",
    "让",
    "已",
];

/// Verbs that end a subject that follows its figure (8个医疗器械进入…).
const CUT_AFTER: &[&str] = &[
    "进入", "成为", "获得", "入选", "落户", "参与", "参加", "完成", "实现", "在",
];

/// Units whose figures are event trivia rather than something an analyst tracks.
const TRIVIA_UNITS: &[&str] = &["人"];

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

/// The first and last chars of a list of words, one bit per char value mod 64: a clear
/// bit rules every word of the list out at a place with one look, a set one leaves it
/// to the word-by-word check. The lists are tried at many places of every sentence
/// with a figure, and most places hold none of their chars.
struct Edges {
    first: u64,
    last: u64,
}

fn edge_bit(c: char) -> u64 {
    1 << (u32::from(c) % 64)
}

impl Edges {
    fn of(words: &[&str]) -> Self {
        let mut e = Edges { first: 0, last: 0 };
        for w in words {
            match (w.chars().next(), w.chars().next_back()) {
                (Some(f), Some(l)) => {
                    e.first |= edge_bit(f);
                    e.last |= edge_bit(l);
                }
                // The empty word is everywhere.
                _ => (e.first, e.last) = (u64::MAX, u64::MAX),
            }
        }
        e
    }

    /// False only when no word of the list starts at `at`.
    fn may_start(&self, s: &[char], at: usize) -> bool {
        s.get(at).is_none_or(|&c| self.first & edge_bit(c) != 0)
    }

    /// False only when no word of the list ends at `end`.
    fn may_end(&self, s: &[char], end: usize) -> bool {
        end.checked_sub(1)
            .and_then(|k| s.get(k))
            .is_none_or(|&c| self.last & edge_bit(c) != 0)
    }
}

/// [`Edges`] of the word lists searched at many places.
struct ListEdges {
    leading: Edges,
    link: Edges,
    object: Edges,
    cut_before: Edges,
    cut_after: Edges,
    noun_before: Edges,
    noun_after: Edges,
}

static EDGES: LazyLock<ListEdges> = LazyLock::new(|| ListEdges {
    leading: Edges::of(LEADING),
    link: Edges::of(LINK_VERBS),
    object: Edges::of(OBJECT_VERBS),
    cut_before: Edges::of(CUT_BEFORE),
    cut_after: Edges::of(CUT_AFTER),
    noun_before: Edges::of(NOUN_BEFORE),
    noun_after: Edges::of(NOUN_AFTER),
});

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

/// Whether `word` occurs in `s`: `str::contains` on the chars collected, without
/// collecting them.
fn holds(s: &[char], word: &str) -> bool {
    let n = word.chars().count();
    n == 0 || s.windows(n).any(|w| w.iter().copied().eq(word.chars()))
}

/// Char offsets of regex matches in a char slice's string.
#[cfg(test)]
fn char_matches(re: &Regex, s: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut chars = 0;
    let mut last = 0;
    for m in re.find_iter(s) {
        chars += s[last..m.start()].chars().count();
        last = m.start();
        out.push((chars, chars + m.as_str().chars().count()));
    }
    out
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
        // Most ranges start with none of the words; a word only moves `a` when it
        // matches, so a first char no word starts with rules them all out.
        let lead = EDGES.leading.may_start(s, a);
        for w in LEADING.iter().filter(|_| lead) {
            if starts_with(s, a, w) && a + w.chars().count() < b {
                a += w.chars().count();
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

/// An event found in a sentence, before dates are settled.
struct EventHit {
    sentence: usize,
    /// Title range in sentence char offsets.
    title: (usize, usize),
    verb: (usize, usize),
    own_date: Option<Dated>,
    opening: bool,
}

fn find_events(ctx: &Context, i: usize, chars: &[char]) -> Vec<EventHit> {
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
            let noun_before = (EDGES.noun_before.may_end(chars, a)
                && NOUN_BEFORE.iter().any(|w| ends_with(chars, a, w)))
                // 线上线下 holds 上线 without meaning it.
                || (a > 0 && chars[a - 1] == '线' && starts_with(chars, a, "上线"));
            let noun_after = EDGES.noun_after.may_start(chars, b)
                && NOUN_AFTER.iter().any(|w| starts_with(chars, b, w));
            !noun_before && !noun_after
        })
        .collect();
    if verbs.is_empty() || s.simp.ends_with('?') {
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
    let Some(&clause) = cls.iter().find(|c| verbs.iter().any(|&v| in_range(**c, v))) else {
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
            let verb_text: String = chars[verb.0..verb.1].iter().collect();
            Some(EventHit {
                sentence: i,
                title: part,
                verb,
                own_date: point_near(&ctx.dates[i], verb.0),
                opening: OPENING.contains(&verb_text.as_str()),
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
    for i in 0..ctx.sentences.len() {
        if !ctx.has_event_verb[i] || is_heading(ctx, i) {
            continue;
        }
        hits.extend(find_events(ctx, i, sentence_chars(ctx, i)));
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
    for (i, s) in ctx.sentences.iter().enumerate() {
        if TITLE_OPEN.find(s.simp.as_bytes()).is_none() {
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
            if REFERENCE.iter().chain(ALIAS).any(|w| holds(before, w)) {
                continue;
            }
            let t_start = start + 1;
            let t_end = t_start + t.chars().count();
            let key: String = title.chars().filter(|c| !c.is_whitespace()).collect();
            // Issuers are named only right before an issuing verb (…联合印发《).
            let verb_before = &chars[start.saturating_sub(5)..start];
            let issuers = if ["制定", "印发", "发布", "出台", "编制"]
                .iter()
                .any(|v| holds(verb_before, v))
            {
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
                continue;
            }
            let period = super::dates::find(title, ctx.base)
                .into_iter()
                .find_map(|m| match m.when {
                    When::Period(a, b) => Some([a, b]),
                    _ => None,
                });
            let date = point_near(&ctx.dates[i], start)
                .map(|(d, _)| d)
                .or_else(|| fallback(ctx, i, main, para_dates));
            let Some(date) = date else { continue };
            seen.insert(key, out.len());
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
        for (k, &c) in chars.iter().enumerate().take(y).skip(x) {
            if matches!(c, '和' | '及' | '与') {
                parts.push((s, k));
                s = k + 1;
            }
        }
        parts.push((s, y));
        for (p, q) in parts {
            let (p, q) = trim(chars, (p, q));
            let name: String = chars[p..q].iter().collect();
            let name = name.trim_start_matches('由');
            let p = q - name.chars().count();
            if q > p && q - p <= 20 && ORG_SUFFIX.iter().any(|s| name.ends_with(s)) {
                out.push((p, q));
            }
        }
    }
    out
}

/// The char range of the issuers named right before the 《 at char `title_at` (byte
/// `title_byte`): what the `who` group of the regex
/// `(?:由)?(?P<who>[^,:;《》“”]{2,}?)(?:联合|共同)?(?:制定|印发|发布|出台|编制)(?:并(?:发布|印发|实施))?(?:了|的)?《`
/// gives for its match that ends there, walking over all matches of `simp` (see the
/// test). Done by hand since that regex cost more per sentence than the other rules.
///
/// A match holds none of , : ; 《 》 “ ” but the 《 it ends with, so the one that ends
/// at this title lies after the last of them before it, and starts right there when
/// there is one at all: the names take any other char. The names are as short as
/// the words after them allow, and 由 is left out of them when they can do without it.
fn issuer_span(simp: &str, title_at: usize, title_byte: usize) -> Option<(usize, usize)> {
    if !simp.get(title_byte..)?.starts_with('《') {
        return None;
    }
    let from = simp[..title_byte]
        .char_indices()
        .rfind(|&(_, c)| matches!(c, ',' | ':' | ';' | '《' | '》' | '“' | '”'))
        .map_or(0, |(k, c)| k + c.len_utf8());
    let seg = &simp[from..title_byte];
    // Where the names that start at `start` end: the first place, two chars or more
    // on, from which the rest of the segment is the words before the 《.
    let names_end = |start: usize| -> Option<usize> {
        let rest = &seg[start..];
        // The names are two chars or more.
        rest.chars().nth(1)?;
        let min = start + rest.chars().take(2).map(char::len_utf8).sum::<usize>();
        let mut e = min.max(seg.len().saturating_sub(ISSUE_TAIL_MAX));
        while !seg.is_char_boundary(e) {
            e += 1;
        }
        (e..=seg.len())
            .filter(|&k| seg.is_char_boundary(k))
            .find(|&k| is_issue_tail(&seg[k..]))
    };
    let by = '由'.len_utf8();
    let (start, end) = match seg.starts_with('由').then(|| names_end(by)).flatten() {
        Some(end) => (by, end),
        None => (0, names_end(0)?),
    };
    let a = simp[..from + start].chars().count();
    let b = a + seg[start..end].chars().count();
    (b + seg[end..].chars().count() == title_at).then_some((a, b))
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
        if ctx.quantities[i].is_empty() || is_heading(ctx, i) {
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
            When::Deadline(y) => Some((m.start, y)),
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
        for (qn, q) in ctx.quantities[i].iter().enumerate() {
            // 营收超10亿元的龙头企业: a figure before 的 describes the subject of another.
            if TRIVIA_UNITS.contains(&q.unit) || chars.get(q.end) == Some(&'的') {
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
            let scale_goal = q.scale_word
                && ["打造", "建设", "培育", "建成", "形成", "迈向"]
                    .iter()
                    .any(|w| (clause.0..q.start).any(|k| starts_with(chars, k, w)));
            if q.scale_word && !scale_goal {
                continue;
            }
            let is_target = (after_goal && !past_before) || scale_goal;
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
                (announced, deadline.map(|(_, y)| y))
            } else {
                // A figure for 1至8月 is the total as of August: a period dates it by its end.
                let own = dates.iter().rev().find_map(|m| match m.when {
                    When::Point { date, end } if m.start < q.start => Some(end.unwrap_or(date)),
                    _ => None,
                });
                let carried_here = carried.filter(|(p, _)| *p == s.para).map(|(_, d)| d);
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
                policy_title: None,
                period: None,
                issuers: Vec::new(),
                main_event: false,
                order: qn,
            });
        }
    }
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
            .any(|o| o.start >= item.0 && o.end <= q.start)
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
        // A word only moves `b` when it matches: a last char no word ends with rules
        // them all out.
        let link = EDGES.link.may_end(chars, b);
        for w in LINK_VERBS.iter().filter(|_| link) {
            if ends_with(chars, b, w) && b - w.chars().count() >= item.0 {
                b -= w.chars().count();
            }
        }
        if b == before {
            break;
        }
    }
    // 产值从2021年…: the subject ends where the change starts.
    if let Some(k) = (item.0..b)
        .rev()
        .find(|&k| chars[k] == '从' && dates.iter().any(|m| m.start == k + 1))
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
    // 其中细胞与基因治疗临床试验批件: start after the last cut word.
    for k in (a..b)
        .rev()
        .filter(|&k| EDGES.cut_before.may_start(chars, k))
    {
        if let Some(w) = CUT_BEFORE.iter().find(|w| starts_with(chars, k, w)) {
            a = k + w.chars().count();
            break;
        }
    }
    let (a, b) = trim(chars, (a, b));
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
    let object_position = b <= a
        || (EDGES.object.may_end(chars, b) && OBJECT_VERBS.iter().any(|w| ends_with(chars, b, w)))
        || chars[b - 1].is_ascii_digit();
    if !object_position && b - a >= 2 {
        let a = b.saturating_sub(24).max(a);
        return Some(trim(chars, (a, b)));
    }
    // The subject follows the figure, up to the end of its list item or a verb.
    let mut end = item.1;
    for k in q.end..item.1 {
        if EDGES.cut_after.may_start(chars, k)
            && CUT_AFTER.iter().any(|w| starts_with(chars, k, w))
            && k > q.end + 1
        {
            end = k;
            break;
        }
    }
    let (a, b) = trim(chars, (q.end, end));
    (b > a + 1).then(|| (a, b.min(a + 24)))
}

/// Turns a quantity mention into the contract's quantity, with the text as written.
pub fn quantity(q: &QuantityMention, text: String) -> Quantity {
    Quantity {
        value: q.value,
        unit: q.unit.to_string(),
        text,
        qualifier: q.qualifier,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clauses_respect_quotes() {
        let s: Vec<char> = "以“共济未来,万物生长”为主题,由1场活动组成"
            .chars()
            .collect();
        let c = clauses(&s);
        assert_eq!(c.len(), 2);
    }

    #[test]
    fn edges_never_rule_out_a_word() {
        let lists = [
            LEADING,
            LINK_VERBS,
            OBJECT_VERBS,
            CUT_BEFORE,
            CUT_AFTER,
            NOUN_BEFORE,
            NOUN_AFTER,
            &["", "a"],
        ];
        let texts: Vec<Vec<char>> = lists
            .iter()
            .flat_map(|l| l.iter())
            .map(|w| format!("x{w}的").chars().collect())
            .collect();
        for list in lists {
            let e = Edges::of(list);
            for s in &texts {
                for k in 0..=s.len() + 1 {
                    if list.iter().any(|w| starts_with(s, k, w)) {
                        assert!(e.may_start(s, k), "{s:?} {k}");
                    }
                    if list.iter().any(|w| ends_with(s, k, w)) {
                        assert!(e.may_end(s, k), "{s:?} {k}");
                    }
                }
            }
        }
    }

    #[test]
    fn no_bracket_or_break_among_the_skipped_chars() {
        let found: Vec<char> = ('\u{3400}'..'\u{FF00}')
            .filter(|&c| is_open(c) || is_close(c) || is_clause_break(c) || c == '、')
            .collect();
        assert!(found.is_empty(), "{found:?}");
    }

    #[test]
    fn event_verb_walk_agrees_with_the_regex() {
        assert!(
            EVENT_VERBS
                .iter()
                .all(|v| v.chars().all(|c| (c as u32) < 0x10000))
        );
        let mut texts: Vec<String> =
            vec!["上线线上签约签署签订启动发布会开幕式开幕闭幕拉开帷幕获批上市批准".into()];
        texts.extend(
            crate::corpus::load_seeds()
                .documents
                .into_iter()
                .map(|d| d.simplified),
        );
        // Verbs, their prefixes and chars sharing their bit, run together at random.
        let mut pieces: Vec<String> = EVENT_VERBS.iter().map(|v| v.to_string()).collect();
        for v in EVENT_VERBS {
            let cs: Vec<char> = v.chars().collect();
            for k in 1..cs.len() {
                pieces.push(cs[..k].iter().collect());
                pieces.push(cs[k..].iter().collect());
            }
            pieces.push(char::from_u32(cs[0] as u32 ^ 64).unwrap().to_string());
        }
        pieces.extend(["a", "。", "线", "，", "\n", "😀"].map(String::from));
        let mut seed = 0x9E37_79B9_7F4A_7C15u64;
        for _ in 0..3000 {
            let mut t = String::new();
            for _ in 0..seed % 12 {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                t.push_str(&pieces[(seed % pieces.len() as u64) as usize]);
            }
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1);
            texts.push(t);
        }
        for t in &texts {
            let chars: Vec<char> = t.chars().collect();
            assert_eq!(char_matches(&EVENT_VERB, t), event_verbs_in(&chars), "{t}");
        }
    }

    #[test]
    fn ends_with_agrees_with_counting() {
        let counted = |s: &[char], end: usize, word: &str| {
            let n = word.chars().count();
            end >= n && starts_with(s, end - n, word)
        };
        let s: Vec<char> = "产值达到2,400亿元的".chars().collect();
        for end in 0..s.len() + 3 {
            for w in [
                "",
                "的",
                "元的",
                "达到",
                "产值达到",
                "产值达到2,400亿元的的",
                "x",
            ] {
                assert_eq!(ends_with(&s, end, w), counted(&s, end, w), "{end} {w}");
            }
        }
    }

    #[test]
    fn holds_is_contains() {
        for (s, w) in [
            ("根据《", "根据"),
            ("据《", "根据"),
            ("", "根据"),
            ("", ""),
            ("abc", ""),
            ("联合印发", "印发"),
            ("印发", "印发"),
            ("印", "印发"),
            ("以下简称", "简称"),
        ] {
            let chars: Vec<char> = s.chars().collect();
            assert_eq!(holds(&chars, w), s.contains(w), "{s} {w}");
        }
    }

    #[test]
    fn policy_titles_agree_with_the_regex() {
        let re = Regex::new(r"《(?P<t>[^《》]{2,})》").unwrap();
        for s in [
            "",
            "《》",
            "《a》",
            "《ab》",
            "《《ab》",
            "《a《bc》d》",
            "《ab》《cd》",
            "《ab",
            "ab》《cd》《e》《fg\n》",
            "印发《上海市某某管理办法(试行)》(以下简称《办法》)。",
            "《》》《《x》yz》《》《甲乙》",
        ] {
            let want: Vec<(Span, Span)> = re
                .captures_iter(s)
                .map(|c| (c.get(0).unwrap().range(), c.name("t").unwrap().range()))
                .collect();
            assert_eq!(policy_titles(s), want, "{s}");
        }
    }

    /// The issuers found from one search before the title are those the walk over all
    /// matches of the sentence found.
    #[test]
    fn issuers_agree_with_a_walk_over_all_matches() {
        static ISSUERS: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"(?:由)?(?P<who>[^,:;《》“”]{2,}?)(?:联合|共同)?(?:制定|印发|发布|出台|编制)(?:并(?:发布|印发|实施))?(?:了|的)?《")
                .unwrap()
        });
        fn walk(simp: &str, title_at: usize) -> Option<(usize, usize)> {
            let mut byte_to_char = 0usize;
            let mut last = 0usize;
            for c in ISSUERS.captures_iter(simp) {
                let (whole, who) = (c.get(0).unwrap(), c.name("who").unwrap());
                byte_to_char += simp[last..who.start()].chars().count();
                last = who.start();
                let end_char = byte_to_char + simp[who.start()..whole.end()].chars().count();
                if end_char == title_at + 1 {
                    return Some((byte_to_char, byte_to_char + who.as_str().chars().count()));
                }
            }
            None
        }
        const PIECES: &[&str] = &[
            "由", "市", "经济", "委", "局", "办", "政府", "和", "及", "与", "、", "联合", "共同",
            "制定", "印发", "发布", "出台", "编制", "并", "实施", "了", "的", "《", "》", "“", "”",
            ",", ":", ";", "方案", " ", "a",
        ];
        let mut found = 0;
        for s in crate::testgen::texts(0x9E37_79B9_7F4A_7C15, PIECES, 19).take(20000) {
            for (title_at, (title_byte, c)) in s.char_indices().enumerate() {
                if c == '《' {
                    let want = walk(&s, title_at);
                    found += usize::from(want.is_some());
                    assert_eq!(
                        issuer_span(&s, title_at, title_byte),
                        want,
                        "{s} @{title_at}"
                    );
                }
            }
        }
        assert!(found > 500, "{found}");
    }

    #[test]
    fn subjects() {
        let cases = [
            ("实现生物医药制造业产值达到2,400亿元", "生物医药制造业产值"),
            ("计划打造10家以上标杆性智能工厂", "标杆性智能工厂"),
            (
                "30家具有引领性的数智化转型先锋企业",
                "具有引领性的数智化转型先锋企业",
            ),
            ("上海共获批1类创新药临床批件133件", "1类创新药临床批件"),
            (
                "其中细胞与基因治疗临床试验批件20件",
                "细胞与基因治疗临床试验批件",
            ),
            ("可供产业用地1.2万亩", "可供产业用地"),
            ("生命蓝湾、东方美谷等7个特色产业园区", "特色产业园区"),
            (
                "今后两年上海全市将开工建设生物医药标准厂房总规模近500万平方米",
                "生物医药标准厂房总规模",
            ),
        ];
        for (s, want) in cases {
            let chars: Vec<char> = s.chars().collect();
            let qs = crate::extract::quantity::find(s);
            let dates = crate::extract::dates::find(s, None);
            let got = subject(&chars, (0, chars.len()), &qs[0], &dates, &qs, None)
                .map(|(a, b)| chars[a..b].iter().collect::<String>());
            assert_eq!(got.as_deref(), Some(want), "{s}");
        }
    }
}
