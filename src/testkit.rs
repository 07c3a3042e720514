//! Building blocks for tests and benchmarks: items and small corpora made one way
//! everywhere, so a new field of [`Item`] is filled in here once rather than in every
//! test file. Not part of the product's interface.

use crate::corpus::Document;
use crate::extract::{Item, Kind, Qualifier, Quantity, Themes};
use crate::model::Corpus;
use crate::time::PartialDate;
use std::collections::BTreeSet;

/// A date for a test item: a [`PartialDate`], or its text ("2024", "2024-05",
/// "2024-05-06").
pub trait TestDate {
    fn to_date(self) -> PartialDate;
}

impl TestDate for PartialDate {
    fn to_date(self) -> PartialDate {
        self
    }
}

impl TestDate for &str {
    /// Panics on a text that is not a date: a test's own input is wrong.
    fn to_date(self) -> PartialDate {
        PartialDate::parse(self).unwrap_or_else(|| panic!("not a test date: {self:?}"))
    }
}

/// An item being built; see [`item`].
#[derive(Debug, Clone)]
#[must_use]
pub struct ItemBuilder(Item);

/// Item `n` of document `doc` (id `{doc}#{n}`), of `kind`, on `date`: titled "条目{n}",
/// quoting "句子{n}。" at chars `n..n+1`, with no themes and no kind-specific fields.
pub fn item(doc: &str, n: usize, kind: Kind, date: impl TestDate) -> ItemBuilder {
    ItemBuilder(Item {
        id: format!("{doc}#{n}"),
        kind,
        date: date.to_date(),
        end_date: None,
        title: format!("条目{n}"),
        themes: Vec::new(),
        inherited_themes: Vec::new(),
        key: String::new(),
        sources: Vec::new(),
        region: None,
        conflicts: Vec::new(),
        curated: None,
        doc: doc.to_string(),
        quote: format!("句子{n}。").into(),
        span: [n, n + 1],
        subject: None,
        quantity: None,
        deadline: None,
        basis: None,
        policy_title: None,
        period: None,
        issuers: Vec::new(),
    })
}

impl ItemBuilder {
    pub fn title(mut self, title: &str) -> Self {
        self.0.title = title.to_string();
        self
    }

    pub fn themes(mut self, themes: &[&str]) -> Self {
        self.0.themes = themes.iter().map(|t| t.to_string()).collect();
        self
    }

    /// The quote with the char span it has in the cleaned text.
    pub fn quote(mut self, quote: &str, span: [usize; 2]) -> Self {
        self.0.quote = quote.into();
        self.0.span = span;
        self
    }

    /// The quote as it stands in `text` (a document's cleaned text), with its span
    /// there. Panics when `text` does not hold it.
    pub fn quote_in(self, text: &str, quote: &str) -> Self {
        let start = text
            .find(quote)
            .unwrap_or_else(|| panic!("{quote:?} is not in the text"));
        let a = text[..start].chars().count();
        self.quote(quote, [a, a + quote.chars().count()])
    }

    pub fn subject(mut self, subject: &str) -> Self {
        self.0.subject = Some(subject.to_string());
        self
    }

    /// A figure of `value` in `unit`, written as `text`, stated exactly.
    pub fn quantity(mut self, value: f64, unit: &str, text: &str) -> Self {
        self.0.quantity = Some(Quantity {
            value,
            unit: unit.to_string(),
            text: text.to_string(),
            qualifier: Qualifier::Exact,
            value_max: None,
        });
        self
    }

    /// What a target or metric measures and how much: [`Self::subject`] and
    /// [`Self::quantity`] with an empty text.
    pub fn measured(self, subject: &str, value: f64, unit: &str) -> Self {
        self.subject(subject).quantity(value, unit, "")
    }

    /// The qualifier of the quantity set before.
    pub fn qualifier(mut self, qualifier: Qualifier) -> Self {
        if let Some(q) = &mut self.0.quantity {
            q.qualifier = qualifier;
        }
        self
    }

    pub fn deadline(mut self, year: i32) -> Self {
        self.0.deadline = Some(year);
        self
    }

    pub fn period(mut self, from: i32, to: i32) -> Self {
        self.0.period = Some([from, to]);
        self
    }

    pub fn end_date(mut self, date: impl TestDate) -> Self {
        self.0.end_date = Some(date.to_date());
        self
    }

    pub fn policy_title(mut self, title: &str) -> Self {
        self.0.policy_title = Some(title.to_string());
        self
    }

    pub fn issuers(mut self, issuers: &[&str]) -> Self {
        self.0.issuers = issuers.iter().map(|s| s.to_string()).collect();
        self
    }

    pub fn build(self) -> Item {
        self.0
    }
}

impl From<ItemBuilder> for Item {
    fn from(b: ItemBuilder) -> Self {
        b.0
    }
}

/// A corpus of `items` with the built-in themes and a bare document for each document
/// id the items name.
pub fn corpus_of(items: Vec<Item>) -> Corpus {
    let ids: BTreeSet<&str> = items.iter().map(|it| it.doc.as_str()).collect();
    let documents = ids
        .into_iter()
        .map(|id| Document {
            id: id.to_string(),
            ..Default::default()
        })
        .collect();
    Corpus::from_parts(documents, items, Vec::new(), Themes::builtin())
}
