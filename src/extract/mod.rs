//! Documents → timeline items: dates, quantities, events, policies, targets, metrics
//! and themes.
//!
//! [`extract`] is a pure function of one document and the theme lexicon, so documents
//! are extracted in parallel and every rule is unit-tested on plain strings.

pub mod dates;
pub mod items;
pub mod quantity;
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
}

/// Extracts every item of one document.
pub fn extract(doc: &Document, themes: &Themes) -> Vec<Item> {
    let orig: Vec<char> = doc.text.chars().collect();
    let simp: Vec<char> = doc.simplified.chars().collect();
    if orig.len() != simp.len() || simp.is_empty() {
        // The corpus guarantees equal lengths; without that no offset can be trusted.
        return Vec::new();
    }
    let sentences = sentences::split(&simp);
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
    let ctx = items::Context {
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
    finish(doc, &orig, &sentences, drafts, themes)
}

fn cut(orig: &[char], (a, b): (usize, usize)) -> String {
    orig.get(a..b)
        .map(|s| s.iter().collect())
        .unwrap_or_default()
}

/// Themes, ids and text for the drafts, with repeats of the same figure dropped.
fn finish(
    doc: &Document,
    orig: &[char],
    sentences: &[sentences::Sentence],
    mut drafts: Vec<items::Draft>,
    themes: &Themes,
) -> Vec<Item> {
    drafts.sort_by_key(|d| (sentences[d.sentence].start, d.kind, d.order));
    let title_themes = doc
        .title
        .as_deref()
        .map(|t| themes.classify(&crate::script::to_simplified(&t.to_lowercase())))
        .unwrap_or_default();
    let mut seen_figures: Vec<(Kind, String, u64, String)> = Vec::new();
    let mut out = Vec::new();
    for d in drafts {
        let s = &sentences[d.sentence];
        let quote = cut(orig, (s.start, s.end));
        let mut title: String = d
            .title
            .pieces
            .iter()
            .map(|&r| cut(orig, r))
            .collect::<Vec<_>>()
            .join(match d.kind {
                Kind::Target | Kind::Metric => " ",
                _ => "",
            });
        title.push_str(&d.title.suffix);
        let subject = d.subject.map(|r| cut(orig, r));
        let quantity = d
            .quantity
            .as_ref()
            .map(|(q, r)| items::quantity(q, cut(orig, *r)));
        if let (Some(sub), Some(q)) = (&subject, &quantity) {
            let key = (
                d.kind,
                crate::script::to_simplified(sub),
                q.value.to_bits(),
                q.unit.clone(),
            );
            if seen_figures.contains(&key) {
                continue;
            }
            seen_figures.push(key);
        }
        let policy_title = d.policy_title.map(|r| cut(orig, r));
        // Themes come from the whole sentence: items cut from one sentence share what it
        // is about.
        let mut text = String::new();
        for part in [
            Some(&title),
            Some(&quote),
            subject.as_ref(),
            policy_title.as_ref(),
        ]
        .into_iter()
        .flatten()
        {
            text.push_str(part);
            text.push('\n');
        }
        let mut item_themes = themes.classify(&crate::script::to_simplified(&text.to_lowercase()));
        if d.main_event {
            for t in &title_themes {
                if !item_themes.contains(t) {
                    item_themes.push(t.clone());
                }
            }
            item_themes.sort_by_key(|t| themes.themes.iter().position(|x| &x.id == t));
        }
        out.push(Item {
            id: format!("{}#{}", doc.id, out.len() + 1),
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
            issuers: d.issuers.iter().map(|&r| cut(orig, r)).collect(),
        });
    }
    out
}
