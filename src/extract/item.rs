//! What extraction produces: items on the timeline, their kinds and their figures.
//! The JSON contract serialises these types as they are (see the spec's item schema).

pub use super::quote::Quote;
use crate::time::PartialDate;
use serde::{Deserialize, Serialize};

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

/// Why a target's figure is stated: set as a goal by a plan or an official, or
/// expected (预计, 有望) by someone reporting on a trend.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Basis {
    Goal,
    Forecast,
}

/// A figure with its unit: `value` is in the base unit (2,400亿元 → 2.4e11 元).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Quantity {
    pub value: f64,
    pub unit: String,
    /// The figure as written, e.g. "2,400亿元".
    pub text: String,
    pub qualifier: Qualifier,
    /// The upper end of a range: 3至5家 is value 3, value_max 5.
    #[serde(default)]
    pub value_max: Option<f64>,
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
    /// Those of `themes` the item took from its paragraph, having no theme word of
    /// its own: shown lighter, as they say less about the item.
    #[serde(default)]
    pub inherited_themes: Vec<String>,
    pub doc: String,
    /// The source sentence, in the document's own script: a span of the document's
    /// text, shared with its other items.
    pub quote: Quote,
    /// Char offsets of `quote` in the document's cleaned text.
    pub span: [usize; 2],
    /// Target and metric: what is measured.
    pub subject: Option<String>,
    pub quantity: Option<Quantity>,
    /// Target: the year it is due.
    pub deadline: Option<i32>,
    /// Target: a goal or a forecast.
    #[serde(default)]
    pub basis: Option<Basis>,
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
    /// The place the fact is about (上海, 浦东新区, 全国 …), see [`super::region`].
    #[serde(default)]
    pub region: Option<String>,
    /// Keys of items that give another value for the same subject, region and year.
    #[serde(default)]
    pub conflicts: Vec<String>,
    /// "edited" or "added" once a curation file changed the item (see
    /// `model::curation`); None for items as extracted.
    #[serde(default)]
    pub curated: Option<String>,
}

impl Item {
    /// How many documents report this item: its own and those of its merged sources
    /// (a document that states the fact twice counts once).
    pub fn source_count(&self) -> usize {
        let mut docs: Vec<&str> = self.sources.iter().map(|s| s.doc.as_str()).collect();
        docs.push(&self.doc);
        docs.sort_unstable();
        docs.dedup();
        docs.len()
    }
}

/// One document's report of an item: where its sentence is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceRef {
    pub doc: String,
    /// The sentence, in that document's own script.
    pub quote: Quote,
    /// Char offsets of `quote` in that document's cleaned text.
    pub span: [usize; 2],
}
