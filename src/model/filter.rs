//! Which items are shown: themes, kinds, years, documents and a search text.

use super::Corpus;
use crate::extract::{Item, Kind};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// What the user filters on. Everything is stored as what is hidden, so a default
/// filter shows everything and a theme added to the lexicon later is shown too.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Filter {
    /// Theme ids turned off. Items with no theme are shown unless `hide_unthemed`.
    pub hidden_themes: BTreeSet<String>,
    pub hide_unthemed: bool,
    pub hidden_kinds: BTreeSet<Kind>,
    /// Inclusive year range; None is open.
    pub from_year: Option<i32>,
    pub to_year: Option<i32>,
    /// Document ids turned off.
    pub hidden_docs: BTreeSet<String>,
    /// Matched in title, quote, subject and policy title, in both scripts.
    pub search: String,
    /// Rejected items shown (greyed) so they can be restored; the explorer only.
    pub show_rejected: bool,
    /// Only items the analyst changed: edited, added (and rejected, when shown).
    pub only_curated: bool,
}

impl Filter {
    /// Keeps only these themes (the CLI's `--theme`): everything else, and unthemed
    /// items, is hidden.
    pub fn only_themes(corpus: &Corpus, ids: &[String]) -> BTreeSet<String> {
        corpus
            .themes
            .themes
            .iter()
            .filter(|t| !ids.contains(&t.id))
            .map(|t| t.id.clone())
            .collect()
    }

    pub fn matches(&self, item: &Item, search_key: &str, needle_simplified: &str) -> bool {
        if self.hidden_kinds.contains(&item.kind) || self.hidden_docs.contains(&item.doc) {
            return false;
        }
        // An item is in range when any part of its span (date to deadline) is.
        let first = item.date.year;
        let last = item
            .end_date
            .map(|d| d.year)
            .into_iter()
            .chain(item.deadline)
            .chain(item.period.map(|p| p[1]))
            .fold(first, i32::max);
        if self.from_year.is_some_and(|y| last < y) || self.to_year.is_some_and(|y| first > y) {
            return false;
        }
        let themed_ok = if item.themes.is_empty() {
            !self.hide_unthemed
        } else {
            item.themes.iter().any(|t| !self.hidden_themes.contains(t))
        };
        if !themed_ok {
            return false;
        }
        if needle_simplified.is_empty() {
            return true;
        }
        search_key.contains(needle_simplified)
    }

    /// The search text as it is compared: simplified, lower case, trimmed.
    pub fn needle(&self) -> String {
        crate::script::to_simplified(&self.search.trim().to_lowercase())
    }
}

/// The filtered items, as indices into `Corpus::items` in time order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct View {
    pub items: Vec<usize>,
}

impl View {
    pub fn new(corpus: &Corpus, filter: &Filter) -> Self {
        let needle = filter.needle();
        Self {
            items: corpus
                .items
                .iter()
                .enumerate()
                .filter(|(i, it)| {
                    let rejected = corpus.is_rejected(it);
                    (filter.show_rejected || !rejected)
                        && (!filter.only_curated || rejected || it.curated.is_some())
                        // Searched texts are made on the first search only: a
                        // corpus made again after a curation change has none yet.
                        && filter.matches(
                            it,
                            if needle.is_empty() {
                                ""
                            } else {
                                corpus.search_key(*i)
                            },
                            &needle,
                        )
                })
                .map(|(i, _)| i)
                .collect(),
        }
    }

    /// Items per theme among those shown (unthemed under ""), for the filter counts.
    pub fn theme_counts(&self, corpus: &Corpus) -> std::collections::BTreeMap<String, usize> {
        let mut out = std::collections::BTreeMap::new();
        for &i in &self.items {
            let it = &corpus.items[i];
            if it.themes.is_empty() {
                *out.entry(String::new()).or_insert(0) += 1;
            }
            for t in &it.themes {
                match out.get_mut(t.as_str()) {
                    Some(n) => *n += 1,
                    None => {
                        out.insert(t.clone(), 1);
                    }
                }
            }
        }
        out
    }
}
