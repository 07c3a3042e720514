//! Documents → timeline items: dates, quantities, events, policies, targets, metrics
//! and themes.
//!
//! [`extract`] is a pure function of one document and the theme lexicon, so documents
//! are extracted in parallel and every rule is unit-tested on plain strings.

pub mod dates;
pub mod items;
pub mod quantity;
pub mod region;
mod runs;
pub mod sentences;
pub mod themes;

use crate::corpus::Document;
use crate::time::PartialDate;
use serde::{Deserialize, Serialize};
pub use themes::{Theme, Themes};

/// What an item is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Event,
    Policy,
    Target,
    Metric,
}

impl Kind {
    pub const ALL: [Kind; 4] = [Kind::Event, Kind::Policy, Kind::Target, Kind::Metric];

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Event => "event",
            Kind::Policy => "policy",
            Kind::Target => "target",
            Kind::Metric => "metric",
        }
    }

    pub fn parse(s: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// How a stated figure relates to the true one (近500万 is `About`, 10家以上 `AtLeast`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Qualifier {
    #[default]
    Exact,
    Over,
    AtLeast,
    About,
    AtMost,
}

impl Qualifier {
    pub const ALL: [Qualifier; 5] = [
        Qualifier::Exact,
        Qualifier::Over,
        Qualifier::AtLeast,
        Qualifier::About,
        Qualifier::AtMost,
    ];

    /// The name the JSON contract gives it (its serde name).
    pub fn name(self) -> &'static str {
        match self {
            Qualifier::Exact => "exact",
            Qualifier::Over => "over",
            Qualifier::AtLeast => "at_least",
            Qualifier::About => "about",
            Qualifier::AtMost => "at_most",
        }
    }
}

/// A figure with its unit: `value` is in the base unit (2,400亿元 → 2.4e11 元).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Quantity {
    pub value: f64,
    pub unit: String,
    /// The figure as written, e.g. "2,400亿元".
    pub text: String,
    pub qualifier: Qualifier,
}

/// One thing on the timeline, tied to the sentence it came from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Item {
    /// `{doc}#{n}`: stable across runs on the same input.
    pub id: String,
    pub kind: Kind,
    pub date: PartialDate,
    pub end_date: Option<PartialDate>,
    pub title: String,
    pub themes: Vec<String>,
    pub doc: String,
    /// The source sentence, in the document's own script.
    pub quote: String,
    /// Char offsets of `quote` in the document's cleaned text.
    pub span: [usize; 2],
    /// Target and metric: what is measured.
    pub subject: Option<String>,
    pub quantity: Option<Quantity>,
    /// Target: the year it is due.
    pub deadline: Option<i32>,
    /// Policy: the document's title without 《》.
    pub policy_title: Option<String>,
    pub period: Option<[i32; 2]>,
    pub issuers: Vec<String>,
    /// Stable across runs and rule changes while the sentence is unchanged; set by the
    /// model (see `model::keys`). Curation refers to items by it.
    #[serde(default)]
    pub key: String,
    /// Every document that reports this fact, the item's own sentence first; set by
    /// the model (see `model::merge`).
    #[serde(default)]
    pub sources: Vec<SourceRef>,
    /// The place the fact is about (上海, 浦东新区, 全国 …), see [`region`].
    #[serde(default)]
    pub region: Option<String>,
    /// Keys of items that give another value for the same subject, region and year.
    #[serde(default)]
    pub conflicts: Vec<String>,
}

/// One document's report of an item: where its sentence is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceRef {
    pub doc: String,
    /// The sentence, in that document's own script.
    pub quote: String,
    /// Char offsets of `quote` in that document's cleaned text.
    pub span: [usize; 2],
}

/// Extracts every item of one document.
pub fn extract(doc: &Document, themes: &Themes) -> Vec<Item> {
    // Sized from the text's count up front: collecting grows the vector a few times
    // over on a long article, copying it each time.
    let n = doc.text.chars().count();
    let mut simp = Vec::with_capacity(n);
    simp.extend(doc.simplified.chars());
    if n != simp.len() || simp.is_empty() {
        // The corpus guarantees equal lengths; without that no offset can be trusted.
        return Vec::new();
    }
    let sentences = sentences::split(&doc.simplified, &simp);
    let base = doc.published.map(|d| d.start());
    // Each rule runs once over the whole text; mentions are then bucketed by sentence.
    let all_dates = dates::find(&doc.simplified, base);
    let all_quantities = quantity::find(&doc.simplified);
    let mut per_sentence_dates = vec![Vec::new(); sentences.len()];
    let mut per_sentence_qty = vec![Vec::new(); sentences.len()];
    let sentence_of = |at: usize| sentences.partition_point(|s| s.end <= at);
    for mut m in all_dates {
        let i = sentence_of(m.start);
        if let Some(s) = sentences
            .get(i)
            .filter(|s| s.start <= m.start && m.end <= s.end)
        {
            m.start -= s.start;
            m.end -= s.start;
            per_sentence_dates[i].push(m);
        }
    }
    for mut q in all_quantities {
        let i = sentence_of(q.start);
        if let Some(s) = sentences
            .get(i)
            .filter(|s| s.start <= q.start && q.end <= s.end)
        {
            q.start -= s.start;
            q.end -= s.start;
            per_sentence_qty[i].push(q);
        }
    }
    let mut para_sizes = vec![0usize; sentences.last().map_or(0, |s| s.para + 1)];
    for s in &sentences {
        para_sizes[s.para] += 1;
    }
    let (has_event_verb, event_verbs) = items::event_verb_sentences(&simp, &sentences);
    let ctx = items::Context {
        para_sizes,
        has_event_verb,
        event_verbs,
        simp: &simp,
        sentences: &sentences,
        dates: per_sentence_dates,
        quantities: per_sentence_qty,
        base,
        published: doc.published,
    };
    let (mut drafts, main, para_dates) = items::events(&ctx);
    drafts.extend(items::policies(&ctx, main, &para_dates));
    drafts.extend(items::figures(&ctx, main, &para_dates));
    finish(doc, &simp, &sentences, drafts, themes)
}

#[cfg(test)]
fn cut(chars: &[char], r: (usize, usize)) -> String {
    let mut out = String::new();
    push_cut(&mut out, chars, r);
    out
}

/// `out.push_str(&cut(chars, r))` without a string of its own.
fn push_cut(out: &mut String, chars: &[char], (a, b): (usize, usize)) {
    if let Some(s) = chars.get(a..b) {
        out.extend(s);
    }
}

/// `format!("{doc}#{n}")`: the formatting machinery costs more than the id.
fn item_id(doc: &str, n: usize) -> String {
    let mut digits = [0u8; 20];
    let mut k = digits.len();
    let mut n = n;
    loop {
        k -= 1;
        digits[k] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    let mut id = String::with_capacity(doc.len() + 1 + digits.len() - k);
    id.push_str(doc);
    id.push('#');
    id.extend(digits[k..].iter().map(|&d| char::from(d)));
    id
}

/// Per byte of the eight in `x`, 1 where it starts a char and 0 where it continues one
/// (10xxxxxx). Summed over a few words, one multiply adds up all the bytes: the
/// target has no popcount instruction, and its emulation cost more than the rest.
fn char_starts(x: u64) -> u64 {
    ((!x | x << 1) >> 7) & 0x0101_0101_0101_0101
}

/// The sum of the eight bytes of `per_byte`, which must not exceed 255.
fn byte_sum(per_byte: u64) -> usize {
    (per_byte.wrapping_mul(0x0101_0101_0101_0101) >> 56) as usize
}

/// The byte offset `n` chars on from the char boundary `byte` of `text`, or the end of
/// the text when fewer are left. Thirty-two bytes, then eight, at a time are skipped
/// while they hold no more char starts than are left to skip: the chars themselves
/// need not be decoded.
fn skip_chars(text: &str, mut byte: usize, mut n: usize) -> usize {
    let bytes = text.as_bytes();
    let word = |w: &[u8]| <[u8; 8]>::try_from(w).map_or(0, u64::from_le_bytes);
    while let Some(block) = bytes.get(byte..byte + 32) {
        let per_byte: u64 = block.chunks_exact(8).map(|w| char_starts(word(w))).sum();
        let starts = byte_sum(per_byte);
        if starts > n {
            break;
        }
        n -= starts;
        byte += 32;
    }
    while let Some(chunk) = bytes.get(byte..byte + 8) {
        let starts = byte_sum(char_starts(word(chunk)));
        if starts > n {
            break;
        }
        n -= starts;
        byte += 8;
    }
    while let Some(&b) = bytes.get(byte) {
        if b & 0xC0 != 0x80 {
            if n == 0 {
                return byte;
            }
            n -= 1;
        }
        byte += 1;
    }
    text.len()
}

/// The document's own text, cut by char offsets. Items quote only a few places of it,
/// so those offsets are turned into byte offsets in one walk over the text instead of
/// collecting all of its chars.
struct Orig<'a> {
    text: &'a str,
    /// Char count of `text`.
    len: usize,
    /// (char offset, byte offset), sorted.
    at: Vec<(usize, usize)>,
}

impl<'a> Orig<'a> {
    fn new(text: &'a str, len: usize, mut wanted: Vec<usize>) -> Self {
        wanted.sort_unstable();
        wanted.dedup();
        wanted.retain(|&k| k <= len);
        let mut at = Vec::with_capacity(wanted.len());
        let (mut k, mut byte) = (0, 0);
        for w in wanted {
            byte = skip_chars(text, byte, w - k);
            k = w;
            if byte == text.len() {
                // Only the end of the text is left.
                at.push((len, text.len()));
                break;
            }
            at.push((w, byte));
        }
        Self { text, len, at }
    }

    /// `cut` on the document's chars, as it would be on a collected `Vec<char>`.
    fn cut(&self, r: (usize, usize)) -> String {
        self.slice(r).to_string()
    }

    /// What [`Orig::cut`] gives, borrowed.
    fn slice(&self, (a, b): (usize, usize)) -> &'a str {
        if a > b || b > self.len {
            return "";
        }
        let byte = |k: usize| {
            self.at
                .binary_search_by_key(&k, |&(c, _)| c)
                .ok()
                .map(|i| self.at[i].1)
        };
        match (byte(a), byte(b)) {
            (Some(x), Some(y)) => &self.text[x..y],
            _ => "",
        }
    }
}

/// Themes, ids and text for the drafts, with repeats of the same figure dropped.
fn finish(
    doc: &Document,
    simp: &[char],
    sentences: &[sentences::Sentence],
    mut drafts: Vec<items::Draft>,
    themes: &Themes,
) -> Vec<Item> {
    drafts.sort_by_key(|d| (sentences[d.sentence].start, d.kind, d.order));
    let mut wanted = Vec::new();
    for d in &drafts {
        let s = &sentences[d.sentence];
        let ranges = d
            .title
            .pieces
            .iter()
            .chain(&d.subject)
            .chain(d.quantity.as_ref().map(|(_, r)| r))
            .chain(&d.policy_title)
            .chain(&d.issuers);
        for &(a, b) in std::iter::once(&(s.start, s.end)).chain(ranges) {
            wanted.extend([a, b]);
        }
    }
    let orig = Orig::new(&doc.text, simp.len(), wanted);
    let title_themes = doc
        .title
        .as_deref()
        .map(|t| themes.classify(&crate::script::to_simplified(&t.to_lowercase())))
        .unwrap_or_default();
    let mut seen_figures = std::collections::HashSet::<(Kind, String, u64, String)>::new();
    let mut sentence_hits = std::collections::HashMap::<usize, Vec<bool>>::new();
    let mut out = Vec::new();
    for d in drafts {
        let s = &sentences[d.sentence];
        let quote = orig.cut((s.start, s.end));
        // The pieces joined, as `join` would, into one string.
        let sep = match d.kind {
            Kind::Target | Kind::Metric => " ",
            _ => "",
        };
        let mut title = String::new();
        for (k, &r) in d.title.pieces.iter().enumerate() {
            if k > 0 {
                title.push_str(sep);
            }
            title.push_str(orig.slice(r));
        }
        title.push_str(&d.title.suffix);
        let subject = d.subject.map(|r| orig.cut(r));
        let quantity = d
            .quantity
            .as_ref()
            .map(|(q, r)| items::quantity(q, orig.cut(*r)));
        if let (Some(sub), Some(q)) = (&subject, &quantity) {
            let key = (
                d.kind,
                crate::script::to_simplified(sub),
                q.value.to_bits(),
                q.unit.clone(),
            );
            if !seen_figures.insert(key) {
                continue;
            }
        }
        let policy_title = d.policy_title.map(|r| orig.cut(r));
        // Themes come from the whole sentence (items cut from one sentence share what
        // it is about), read in the simplified copy the lexicon is written for.
        // Every occurrence of a keyword in a stretch of the sentence is one in the
        // sentence, whose flags are already set: only pieces joined across a gap can
        // hold a keyword the sentence does not.
        let in_sentence = |&(a, b): &(usize, usize)| s.start <= a && b <= s.end;
        let joined_in_sentence = d.title.pieces.iter().all(|r| r.0 <= r.1 && in_sentence(r))
            && d.title.pieces.windows(2).all(|w| w[0].1 == w[1].0);
        let mut pieces = String::new();
        if !(themes.lines_apart() && joined_in_sentence) {
            for &r in &d.title.pieces {
                push_cut(&mut pieces, simp, r);
            }
        }
        let mut item_themes = if themes.lines_apart() {
            // The lines below are classified apart, and the sentence's flags, shared by
            // all of its items, once.
            let mut hit = sentence_hits
                .entry(d.sentence)
                .or_insert_with(|| {
                    let mut h = vec![false; themes.themes.len()];
                    themes.mark(&s.simp, &mut h);
                    h
                })
                .clone();
            if !joined_in_sentence {
                themes.mark(&pieces, &mut hit);
            }
            let mut line = String::new();
            for r in d.subject.iter().chain(&d.policy_title) {
                if in_sentence(r) {
                    continue;
                }
                line.clear();
                push_cut(&mut line, simp, *r);
                themes.mark(&line, &mut hit);
            }
            themes.ids(&hit)
        } else {
            let mut text = pieces;
            text.push('\n');
            text.push_str(&s.simp);
            for r in d.subject.iter().chain(&d.policy_title) {
                text.push('\n');
                push_cut(&mut text, simp, *r);
            }
            themes.classify(&text)
        };
        if d.main_event {
            for t in &title_themes {
                if !item_themes.contains(t) {
                    item_themes.push(t.clone());
                }
            }
            item_themes.sort_by_key(|t| themes.themes.iter().position(|x| &x.id == t));
        }
        out.push(Item {
            id: item_id(&doc.id, out.len() + 1),
            kind: d.kind,
            date: d.date,
            end_date: d.end_date,
            title,
            themes: item_themes,
            doc: doc.id.clone(),
            quote,
            span: [s.start, s.end],
            subject,
            quantity,
            deadline: d.deadline,
            policy_title,
            period: d.period,
            issuers: d.issuers.iter().map(|&r| orig.cut(r)).collect(),
            key: String::new(),
            sources: Vec::new(),
            region: None,
            conflicts: Vec::new(),
        });
    }
    out
}

#[cfg(test)]
mod tests_support {
    use super::*;
    /// A document as the corpus would hand it over: simplified copy with ASCII
    /// punctuation, same char count.
    pub fn doc(text: &str, published: &str) -> Document {
        let simplified = crate::script::to_simplified(text)
            .chars()
            .map(|c| match c {
                '，' => ',',
                '：' => ':',
                '；' => ';',
                '（' => '(',
                '）' => ')',
                '！' => '!',
                '？' => '?',
                c => c,
            })
            .collect();
        Document {
            id: "t".into(),
            text: text.into(),
            simplified,
            published: crate::time::PartialDate::parse(published),
            ..Default::default()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tests_support::doc;

    fn items(text: &str, published: &str) -> Vec<Item> {
        extract(&doc(text, published), &Themes::builtin())
    }

    fn find<'a>(items: &'a [Item], kind: Kind, needle: &str) -> &'a Item {
        items
            .iter()
            .find(|i| {
                i.kind == kind
                    && (i.title.contains(needle)
                        || i.subject.as_deref().is_some_and(|s| s.contains(needle)))
            })
            .unwrap_or_else(|| panic!("no {kind:?} with {needle} in {items:#?}"))
    }

    #[test]
    fn skipping_chars_agrees_with_char_indices() {
        let text = "上海國際，a生物醫藥😀產業周。ab\u{80}cdefghé中文字符串abcdefgh😀😀😀xyz\
                    \u{7FF}\u{800}\u{FFFF}\u{10000}\u{10FFFF}aé中😀"
            .repeat(3);
        let text = text.as_str();
        let starts: Vec<usize> = text
            .char_indices()
            .map(|(b, _)| b)
            .chain([text.len()])
            .collect();
        for (k, &from) in starts.iter().enumerate() {
            for n in 0..starts.len() + 3 {
                let want = starts.get(k + n).copied().unwrap_or(text.len());
                assert_eq!(skip_chars(text, from, n), want, "{from} {n}");
            }
        }
    }

    #[test]
    fn ids_are_formatted() {
        for n in [0, 1, 9, 10, 99, 100, 12345, usize::MAX] {
            for doc in ["", "t", "文档-1"] {
                assert_eq!(item_id(doc, n), format!("{doc}#{n}"));
            }
        }
    }

    #[test]
    fn orig_cuts_like_collected_chars() {
        let text = "上海國際，a生物醫藥😀產業周。";
        let chars: Vec<char> = text.chars().collect();
        let n = chars.len();
        let ranges: Vec<(usize, usize)> = (0..=n + 1)
            .flat_map(|a| (0..=n + 1).map(move |b| (a, b)))
            .collect();
        let orig = Orig::new(text, n, ranges.iter().flat_map(|&(a, b)| [a, b]).collect());
        for r in ranges {
            assert_eq!(orig.cut(r), cut(&chars, r), "{r:?}");
        }
        // Offsets that were not asked for cut nothing rather than something wrong.
        assert_eq!(Orig::new(text, n, vec![1]).cut((1, 3)), "");
    }

    #[test]
    fn opening_event_dates_the_items_around_it() {
        let got = items(
            "11月20日，第五届某某医药创新大会在上海国际会议中心开幕。\n开幕式上，某某创新联盟揭牌、首批示范企业名单公布。",
            "2024-11-21",
        );
        let e = find(&got, Kind::Event, "医药创新大会");
        assert_eq!(e.date.to_string(), "2024-11-20");
        assert_eq!(
            find(&got, Kind::Event, "创新联盟").date.to_string(),
            "2024-11-20"
        );
        assert_eq!(
            find(&got, Kind::Event, "示范企业").date.to_string(),
            "2024-11-20"
        );
    }

    #[test]
    fn relative_days_resolve_against_publication() {
        let got = items("昨天上午，某某产业园正式开园。", "2023-05-10");
        assert_eq!(
            find(&got, Kind::Event, "开园").date.to_string(),
            "2023-05-09"
        );
        let got = items("记者11月9日报道：某某论坛于8日在北京举行。", "2025-11-09");
        assert_eq!(
            find(&got, Kind::Event, "论坛").date.to_string(),
            "2025-11-08"
        );
    }

    #[test]
    fn targets_with_deadlines() {
        let got = items(
            "市政府日前印发通知。到2027年，力争全市生物医药产业规模达到1.2万亿元，培育20家以上龙头企业。",
            "2024-03-01",
        );
        let t = find(&got, Kind::Target, "生物医药产业规模");
        assert_eq!(t.deadline, Some(2027));
        let q = t.quantity.as_ref().unwrap();
        assert_eq!((q.value, q.unit.as_str()), (1.2e12, "元"));
        let t = find(&got, Kind::Target, "龙头企业");
        assert_eq!(t.deadline, Some(2027));
        assert_eq!(t.quantity.as_ref().unwrap().qualifier, Qualifier::AtLeast);
        // Clauses after a semicolon share the paragraph's deadline; a figure already
        // reached does not.
        let got = items(
            "到2027年，全市生物医药产业规模达到1.2万亿元；培育龙头企业20家以上；目前已有上市企业50家。",
            "2024-03-01",
        );
        assert_eq!(find(&got, Kind::Target, "龙头企业").deadline, Some(2027));
        assert!(
            got.iter().any(|i| i.kind == Kind::Metric
                && i.subject.as_deref().is_some_and(|s| s.contains("上市企业"))),
            "{got:#?}"
        );
        // An order of magnitude as the object of building: a goal without a deadline.
        let got = items("生物医药是某区着力打造的千亿级产业集群之一。", "2025-11-09");
        let t = find(&got, Kind::Target, "产业集群");
        assert_eq!(t.subject.as_deref(), Some("产业集群"));
        assert_eq!(
            (t.deadline, t.quantity.as_ref().map(|q| q.value)),
            (None, Some(1e11))
        );
        let got = items("未来三年内，将新建生物医药专业园区5个。", "2022-06-01");
        assert_eq!(find(&got, Kind::Target, "专业园区").deadline, Some(2025));
    }

    #[test]
    fn goals_within_a_plan_period_and_labelled_figures() {
        let got = items(
            "“十五五”期间，力争全市生物医药产业规模达到1.5万亿元。",
            "2025-12-01",
        );
        assert_eq!(find(&got, Kind::Target, "产业规模").deadline, Some(2030));
        let got = items(
            "2024年主要指标如下。\n生物医药产业规模：9847亿元。",
            "2025-01-10",
        );
        let m = find(&got, Kind::Metric, "产业规模");
        assert_eq!(m.quantity.as_ref().map(|q| q.value), Some(9.847e11));
    }

    #[test]
    fn metrics_with_their_years() {
        let got = items(
            "数据显示，全市生物医药制造业产值从2021年的1712亿元增长至2024年的2011.67亿元。",
            "2025-02-01",
        );
        let m: Vec<&Item> = got.iter().filter(|i| i.kind == Kind::Metric).collect();
        assert_eq!(m.len(), 2, "{got:#?}");
        assert_eq!(m[0].date.to_string(), "2021");
        assert_eq!(m[1].date.to_string(), "2024");
        for x in &m {
            assert!(
                x.subject
                    .as_deref()
                    .unwrap()
                    .ends_with("生物医药制造业产值"),
                "{x:?}"
            );
        }
        let got = items(
            "2024年上海生物医药产业规模达到9847亿元，同比增长5.2%。",
            "2025-01-10",
        );
        let x = find(&got, Kind::Metric, "产业规模");
        assert_eq!(x.subject.as_deref(), Some("上海生物医药产业规模"));
        assert_eq!(x.date.to_string(), "2024");
    }

    #[test]
    fn policies_with_period_and_issuers() {
        let got = items(
            "近日，市经济信息化委、市卫生健康委联合印发《上海市促进某某产业发展若干措施（2024-2026年）》。",
            "2024-04-02",
        );
        let p = find(&got, Kind::Policy, "若干措施");
        assert_eq!(p.period, Some([2024, 2026]));
        assert_eq!(p.issuers, vec!["市经济信息化委", "市卫生健康委"]);
        // 近日 says "recently": the month is all that is known.
        assert_eq!(p.date.to_string(), "2024-04");
        // A short name given to it is not a second policy; notes after the title stay.
        let got = items(
            "市政府印发《上海市某某管理办法（试行）》（以下简称《办法》）。",
            "2024-04-02",
        );
        let p: Vec<&Item> = got.iter().filter(|i| i.kind == Kind::Policy).collect();
        assert_eq!(p.len(), 1, "{got:#?}");
        assert_eq!(
            p[0].policy_title.as_deref(),
            Some("上海市某某管理办法（试行）")
        );
        // A policy only referred to is not a release.
        let got = items("根据《某某发展规划》，本市将加快建设。", "2024-04-02");
        assert!(got.iter().all(|i| i.kind != Kind::Policy), "{got:#?}");
    }

    #[test]
    fn opinions_and_names_are_not_events() {
        let got = items(
            "他表示，上海应尽快启动新一轮改革。生物医药“明日之星”评选结果将在明年公布吗？",
            "2024-04-02",
        );
        assert!(got.iter().all(|i| i.kind != Kind::Event), "{got:#?}");
    }

    #[test]
    fn ids_are_stable_and_spans_point_at_quotes() {
        let text = "11月14日，某某周开幕活动在上海举行。到2025年，产值达到2,400亿元。";
        let a = items(text, "2022-11-16");
        let b = items(text, "2022-11-16");
        assert_eq!(a, b);
        let chars: Vec<char> = text.chars().collect();
        for it in &a {
            let q: String = chars[it.span[0]..it.span[1]].iter().collect();
            assert_eq!(q, it.quote);
        }
    }

    #[test]
    fn traditional_text_keeps_its_script() {
        let got = items(
            "10月16日，上海國際生物醫藥產業周開幕活動在張江舉行。",
            "2023-10-17",
        );
        let e = find(&got, Kind::Event, "產業周");
        assert!(e.title.contains("國際"), "{}", e.title);
        assert_eq!(e.date.to_string(), "2023-10-16");
    }
}
