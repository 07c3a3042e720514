//! The visible items by lane: each item's place in time, prepared once per filter
//! change, so a frame only searches sorted positions.

use crate::extract::{Item, Kind};
use crate::model::{Corpus, Filter, View};
use crate::time::days_since_epoch;
use chrono::{Datelike, NaiveDate};
use egui::Color32;
use std::collections::BTreeSet;

/// One item's place in time, prepared once per filter change.
#[derive(Debug, Clone, PartialEq)]
pub struct Mark {
    /// Index into `Corpus::items`.
    pub item: usize,
    /// Where the marker sits (days since 1970, midpoint of the date's period).
    pub x: f64,
    /// A period drawn as a bar (policy period, event end date).
    pub span: Option<(f64, f64)>,
    /// A target's deadline: where its goal marker sits.
    pub goal: Option<f64>,
    /// Leftmost and rightmost day the mark covers (marker, span and goal).
    pub lo: f64,
    pub hi: f64,
    pub color: Color32,
}

/// The visible items by lane, sorted by `lo`, rebuilt when the view changes.
#[derive(Debug, Clone, Default)]
pub struct Lanes {
    pub lanes: Vec<(Kind, Vec<Mark>)>,
    /// Longest `hi - lo` per lane, so a search for visible marks can start early
    /// enough to catch a span that begins left of the screen.
    pub(super) max_len: Vec<f64>,
    /// Per lane, every marker's x in order: counting the items in a pixel column is
    /// then two binary searches, whatever the corpus size.
    pub(super) xs: Vec<Vec<f64>>,
    /// First and last day covered by any mark.
    pub range: Option<(f64, f64)>,
    /// The plan periods the shown policies state (see [`crate::chart::eras`]).
    pub eras: Vec<crate::chart::Band>,
}

/// Day of 1 January of `year`.
pub(super) fn year_start(year: i32) -> f64 {
    NaiveDate::from_ymd_opt(year, 1, 1)
        .map(days_since_epoch)
        .unwrap_or(0.0)
}

/// The colour of the item's first theme that is shown: with themes filtered, an
/// item shown for one theme must not wear the colour of another that is off.
fn theme_color(corpus: &Corpus, item: &Item, hidden: &BTreeSet<String>) -> Color32 {
    item.themes
        .iter()
        .find(|t| !hidden.contains(*t))
        .and_then(|t| corpus.themes.get(t))
        .map(|t| {
            let [r, g, b] = t.rgb();
            Color32::from_rgb(r, g, b)
        })
        .unwrap_or(Color32::from_gray(140))
}

impl Lanes {
    /// The lanes of the kinds not hidden by `filter`, items coloured by a theme the
    /// filter shows.
    pub fn build(corpus: &Corpus, view: &View, filter: &Filter) -> Self {
        let hidden_kinds = &filter.hidden_kinds;
        let kinds: Vec<Kind> = Kind::ALL
            .into_iter()
            .filter(|k| !hidden_kinds.contains(k))
            .collect();
        let mut lanes: Vec<(Kind, Vec<Mark>)> = kinds.iter().map(|&k| (k, Vec::new())).collect();
        for &i in &view.items {
            let Some(it) = corpus.items.get(i) else {
                continue;
            };
            let Some(lane) = lanes.iter_mut().find(|(k, _)| *k == it.kind) else {
                continue;
            };
            lane.1.push(mark(corpus, i, it, &filter.hidden_themes));
        }
        let mut range: Option<(f64, f64)> = None;
        let mut max_len = Vec::with_capacity(lanes.len());
        let mut xs = Vec::with_capacity(lanes.len());
        for (_, marks) in &mut lanes {
            let mut x: Vec<f64> = marks.iter().map(|m| m.x).collect();
            x.sort_by(f64::total_cmp);
            xs.push(x);
            marks.sort_by(|a, b| a.lo.total_cmp(&b.lo));
            let mut longest = 0.0f64;
            for m in marks.iter() {
                longest = longest.max(m.hi - m.lo);
                range = Some(match range {
                    None => (m.lo, m.hi),
                    Some((a, b)) => (a.min(m.lo), b.max(m.hi)),
                });
            }
            max_len.push(longest);
        }
        Self {
            lanes,
            max_len,
            xs,
            range,
            eras: crate::chart::eras(corpus, view),
        }
    }

    /// The x range that shows everything, with a margin so edge markers are whole.
    pub fn fit(&self) -> (f64, f64) {
        let (a, b) = self.range.unwrap_or_else(|| {
            let y = chrono::Utc::now().year();
            (year_start(y), year_start(y + 1))
        });
        let width = (b - a).max(60.0);
        // More room on the right: goal labels are written after the goal.
        (a - width * 0.04, b + width * 0.18)
    }
}

fn mark(corpus: &Corpus, index: usize, it: &Item, hidden: &BTreeSet<String>) -> Mark {
    let x = it.date.midpoint_days();
    let mut span = None;
    if let Some([a, b]) = it.period
        && b >= a
    {
        span = Some((year_start(a), year_start(b + 1)));
    } else if let Some(end) = it.end_date {
        let e = end.midpoint_days();
        if e > x {
            span = Some((x, e));
        }
    }
    // A target is due by the end of its deadline year; one "due" before it was
    // announced is still drawn, as a goal marker left of the announcement.
    let goal = it.deadline.map(|y| year_start(y + 1) - 1.0);
    let mut lo = x;
    let mut hi = x;
    for v in span.iter().flat_map(|&(a, b)| [a, b]).chain(goal) {
        lo = lo.min(v);
        hi = hi.max(v);
    }
    Mark {
        item: index,
        x,
        span,
        goal,
        lo,
        hi,
        // A rejected item shown to be restored is drawn grey.
        color: if corpus.is_rejected(it) {
            Color32::from_gray(170)
        } else {
            theme_color(corpus, it, hidden)
        },
    }
}

/// What a stretch of time holds, for a density bar's or badge's tooltip.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PeriodCounts {
    /// Items per kind (lanes shown), in lane order; kinds with none left out.
    pub kinds: Vec<(Kind, usize)>,
    /// Items per theme id ("" for none), most first.
    pub themes: Vec<(String, usize)>,
}

impl Lanes {
    /// Items whose marker falls in `from..to` (days), per kind and per theme. Counting
    /// per kind is a binary search per lane; per theme it looks at the items of the
    /// period only, so a hover over a bar of a 100k-item lane stays cheap.
    pub fn counts_between(&self, corpus: &Corpus, from: f64, to: f64) -> PeriodCounts {
        let mut out = PeriodCounts::default();
        let mut themes: std::collections::BTreeMap<&str, usize> = Default::default();
        for (li, (kind, marks)) in self.lanes.iter().enumerate() {
            let xs = self.xs.get(li).map(Vec::as_slice).unwrap_or(&[]);
            let n = xs.partition_point(|&x| x < to) - xs.partition_point(|&x| x < from);
            if n == 0 {
                continue;
            }
            out.kinds.push((*kind, n));
            // Marks are sorted by their left end, which is at most their x.
            let longest = self.max_len.get(li).copied().unwrap_or(0.0);
            let start = marks.partition_point(|m| m.lo < from - longest);
            let end = marks.partition_point(|m| m.lo < to);
            for m in &marks[start..end.max(start)] {
                if m.x < from || m.x >= to {
                    continue;
                }
                let Some(it) = corpus.items.get(m.item) else {
                    continue;
                };
                if it.themes.is_empty() {
                    *themes.entry("").or_insert(0) += 1;
                }
                for t in &it.themes {
                    *themes.entry(t.as_str()).or_insert(0) += 1;
                }
            }
        }
        let mut themes: Vec<(String, usize)> =
            themes.into_iter().map(|(k, v)| (k.to_owned(), v)).collect();
        themes.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        out.themes = themes;
        out
    }
}
