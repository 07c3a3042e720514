//! The chart model: what a chart shows, as plain data, before any drawing backend.
//!
//! The explorer (egui_plot), the SVG writer ([`super::svg`]) and the PNG writer
//! ([`super::png`], which renders that SVG) all draw the same [`ChartSpec`], so a chart
//! exported from the window and one made by `biotimeline chart` agree mark for mark.
//! Builders do all the deciding (which items, where, what colour, what label, which
//! unit); backends only map coordinates to pixels.
//!
//! Coordinates are in data units: the x axis is days since 1970-01-01
//! ([`crate::time::days_since_epoch`]) for the timeline and calendar years for the
//! other charts ([`ChartSpec::x_unit`] says which); y is a lane position, a count or a
//! value in the panel's display unit (e.g. 亿元). Every mark carries the ids of the
//! items it came from, so hover and click can name the source sentence.
//!
//! Use: `let spec = chart::build(kind, &corpus, &filter, &view, visible_range);` then
//! draw each [`Panel`] (bars, spans, series, markers, in that order) with its axes'
//! ranges and ticks, the [`ChartSpec::legend`], `title`, `subtitle`, `source_line` and
//! `note`; [`Panel::hit`] maps a pointer position to item ids. Exports go through
//! [`super::save_chart`], which draws the same spec.

use crate::extract::{Item, Kind, Qualifier, Quantity};
use crate::model::{Corpus, Filter, View};
use crate::time::{PartialDate, days_since_epoch};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// An sRGB colour.
pub type Rgb = [u8; 3];

/// Which chart a spec is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ChartKind {
    Timeline,
    ThemesByYear,
    TargetsVsActuals,
}

/// What the x coordinates mean, so a backend can format hover positions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum XUnit {
    /// Days since 1970-01-01 (fractional: mid-period for year/month dates).
    Days,
    /// Calendar years; a mark for 2025 sits at x = 2025.0.
    Year,
}

/// A whole chart: a title, one or more stacked panels sharing the x range, a legend
/// and a source line saying what data it was drawn from.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChartSpec {
    pub kind: ChartKind,
    pub title: String,
    /// What the chart is restricted to (see [`filter_summary`]); builders leave it
    /// empty because they see only the view, the caller that owns the filter sets it.
    pub subtitle: Option<String>,
    /// "Source: N articles, YYYY–YYYY": the articles and years of the items drawn.
    pub source_line: String,
    pub x_unit: XUnit,
    /// Drawn top to bottom; every panel has the same x range.
    pub panels: Vec<Panel>,
    pub legend: Vec<LegendEntry>,
    /// Something the reader must be told, e.g. that nothing matches the filters or
    /// that some subjects were left out; None when all is shown.
    pub note: Option<String>,
    /// Panels the builder left out for want of room (subjects beyond
    /// [`MAX_SUBJECT_PANELS`]); `note` says so in words.
    pub omitted_panels: usize,
    /// The ids of every item drawn, in corpus order.
    pub items: Vec<String>,
}

/// One plot area with its own y axis (targets vs actuals has one per subject, because
/// 亿元 and 家 cannot share an axis).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Panel {
    /// Empty for single-panel charts.
    pub title: String,
    pub x_axis: Axis,
    pub y_axis: Axis,
    /// Draw order is bars, spans, series, markers, so that point marks stay on top.
    pub series: Vec<Series>,
    pub bars: Vec<Bar>,
    pub spans: Vec<Span>,
    pub markers: Vec<Marker>,
}

impl Panel {
    /// The items of the mark nearest to (`x`, `y`) within `tol_x` and `tol_y` (data
    /// units, e.g. a few pixels converted by the caller), for hover and click. Point
    /// marks win over spans and bars that also contain the position.
    pub fn hit(&self, x: f64, y: f64, tol_x: f64, tol_y: f64) -> Option<&[String]> {
        let (tx, ty) = (
            tol_x.abs().max(f64::MIN_POSITIVE),
            tol_y.abs().max(f64::MIN_POSITIVE),
        );
        let dist = |px: f64, py: f64| ((px - x) / tx).hypot((py - y) / ty);
        let points = self
            .markers
            .iter()
            .map(|m| (dist(m.x, m.y), m.items.as_slice()))
            .chain(self.series.iter().flat_map(|s| {
                s.points
                    .iter()
                    .map(|p| (dist(p.x, p.y), p.items.as_slice()))
            }))
            .filter(|(d, _)| *d <= 1.0)
            .min_by(|a, b| a.0.total_cmp(&b.0));
        if let Some((_, items)) = points {
            return Some(items);
        }
        let span = self
            .spans
            .iter()
            .filter(|s| x >= s.x0 - tx && x <= s.x1 + tx && (s.y - y).abs() <= ty)
            .min_by(|a, b| (a.y - y).abs().total_cmp(&(b.y - y).abs()))
            .map(|s| s.items.as_slice());
        span.or_else(|| {
            self.bars
                .iter()
                .find(|b| (x - b.x).abs() <= b.width / 2.0 && y >= b.base && y <= b.base + b.height)
                .map(|b| b.items.as_slice())
        })
    }
}

/// An axis: its visible range and labelled ticks. Categorical axes (timeline lanes)
/// are ticks with names at the lane centres.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Axis {
    /// E.g. "亿元" or "条目数 Items"; may be empty.
    pub label: String,
    pub min: f64,
    pub max: f64,
    pub ticks: Vec<Tick>,
    /// Ticks are category centres (timeline lanes): draw separators between them
    /// rather than grid lines through them.
    pub categorical: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Tick {
    pub value: f64,
    pub label: String,
}

/// How a point mark looks; one shape per item kind on the timeline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Shape {
    Circle,
    Square,
    Diamond,
    Triangle,
}

/// A point mark with a short label drawn beside it when there is room.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Marker {
    pub x: f64,
    pub y: f64,
    pub shape: Shape,
    pub color: Rgb,
    /// Short text beside the mark (a backend may drop it when it would overlap).
    pub label: String,
    /// One line for hover/tooltips: date, kind, title, value.
    pub detail: String,
    pub items: Vec<String>,
}

/// A horizontal range at height `y`, e.g. a policy period or a target's run-up.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Span {
    pub x0: f64,
    pub x1: f64,
    pub y: f64,
    pub color: Rgb,
    /// Dashed for planned time (a target's run-up), solid for stated periods.
    pub dashed: bool,
    pub detail: String,
    pub items: Vec<String>,
}

/// One segment of a (stacked) bar: from `base` to `base + height`, centred on `x`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Bar {
    pub x: f64,
    pub width: f64,
    pub base: f64,
    pub height: f64,
    pub color: Rgb,
    /// The series (theme) the segment belongs to.
    pub label: String,
    pub detail: String,
    pub items: Vec<String>,
}

/// A line through points in x order.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Series {
    pub label: String,
    pub color: Rgb,
    pub points: Vec<SeriesPoint>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SeriesPoint {
    pub x: f64,
    pub y: f64,
    /// Short value label, e.g. "2,100亿元".
    pub label: String,
    pub detail: String,
    pub items: Vec<String>,
}

/// How a legend entry is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LegendMark {
    /// A filled square (bars, theme colours).
    Swatch,
    Line,
    Shape(Shape),
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LegendEntry {
    pub label: String,
    pub color: Rgb,
    pub mark: LegendMark,
}

/// Colour of items without a theme, and of neutral marks.
pub const GREY: Rgb = [150, 150, 150];
/// Reported values (line) on targets vs actuals.
pub const ACTUAL_COLOR: Rgb = [78, 121, 167];
/// Targets on targets vs actuals.
pub const TARGET_COLOR: Rgb = [225, 87, 89];
/// Label of items without a theme.
pub const UNTHEMED_LABEL: &str = "未分类 Unthemed";
/// Most subject panels in one targets-vs-actuals chart; more would be unreadable.
pub const MAX_SUBJECT_PANELS: usize = 6;

/// The chart of a kind as the user filtered it, for callers that hold the kind as a
/// value (a tab, a menu, the CLI): themes turned off in `filter` get no bar segment
/// even on items shown for another theme, and the subtitle names the filter.
/// `view` must be `View::new(corpus, filter)`; `range` (days) only applies to the
/// timeline.
pub fn build(
    kind: ChartKind,
    corpus: &Corpus,
    filter: &Filter,
    view: &View,
    range: Option<(f64, f64)>,
) -> ChartSpec {
    let mut spec = match kind {
        ChartKind::Timeline => timeline_hiding(corpus, view, range, &filter.hidden_themes),
        ChartKind::ThemesByYear => themes_by_year_hiding(corpus, view, &filter.hidden_themes),
        ChartKind::TargetsVsActuals => targets_vs_actuals(corpus, view),
    };
    spec.subtitle = filter_summary(corpus, filter);
    spec
}

/// Timeline lane of a kind: y of the lane centre (events on top).
pub fn lane(kind: Kind) -> f64 {
    match kind {
        Kind::Event => 3.0,
        Kind::Policy => 2.0,
        Kind::Target => 1.0,
        Kind::Metric => 0.0,
    }
}

/// The lane name shown on the timeline's y axis and used as TimelineJS group.
pub fn lane_label(kind: Kind) -> &'static str {
    match kind {
        Kind::Event => "事件 Events",
        Kind::Policy => "政策 Policies",
        Kind::Target => "目标 Targets",
        Kind::Metric => "数据 Metrics",
    }
}

/// The mark shape of a kind, so lanes are told apart without colour.
pub fn kind_shape(kind: Kind) -> Shape {
    match kind {
        Kind::Event => Shape::Circle,
        Kind::Policy => Shape::Square,
        Kind::Target => Shape::Diamond,
        Kind::Metric => Shape::Triangle,
    }
}

// ---------------------------------------------------------------------------------
// Timeline

/// Most sub-rows a lane is split into to keep marks from overlapping.
const MAX_SUBROWS: usize = 6;

/// The timeline: one lane per kind, x in days. Each item is a marker at the middle of
/// its date's period (a year-precision item sits mid-year, not on 1 January); events
/// with an end date and policies with a period get a solid span; targets get a dashed
/// span from announcement to their deadline year, ending in a diamond labelled with
/// the goal value. `range` (days) restricts the chart to what is on screen; None
/// shows the full extent of the view.
pub fn timeline(corpus: &Corpus, view: &View, range: Option<(f64, f64)>) -> ChartSpec {
    timeline_hiding(corpus, view, range, &BTreeSet::new())
}

/// [`timeline`] with items coloured by their first theme not in `hidden`, so that a
/// theme the user turned off does not colour marks or appear in the legend.
pub fn timeline_hiding(
    corpus: &Corpus,
    view: &View,
    range: Option<(f64, f64)>,
    hidden: &BTreeSet<String>,
) -> ChartSpec {
    struct Mark {
        idx: usize,
        x0: f64,
        x1: f64,
        at: f64,
    }
    let mut marks: Vec<Mark> = view
        .items
        .iter()
        .filter_map(|&idx| corpus.items.get(idx).map(|it| (idx, it)))
        .map(|(idx, it)| {
            let (x0, x1, at) = item_extent(it);
            Mark { idx, x0, x1, at }
        })
        .collect();
    if let Some((a, b)) = range {
        let (a, b) = (a.min(b), a.max(b));
        marks.retain(|m| m.x1 >= a && m.x0 <= b);
    }
    let (min, max) = match range {
        Some((a, b)) if a.is_finite() && b.is_finite() && a != b => (a.min(b), a.max(b)),
        _ => padded_extent(marks.iter().map(|m| (m.x0, m.x1))),
    };
    // Marks closer than this (in days) go to different sub-rows: about one short label.
    let gap = (max - min) * 0.09;

    let mut panel = Panel {
        title: String::new(),
        x_axis: Axis {
            label: String::new(),
            min,
            max,
            ticks: date_ticks(min, max),
            categorical: false,
        },
        y_axis: Axis {
            label: String::new(),
            min: -0.5,
            max: 3.5,
            ticks: Kind::ALL
                .iter()
                .map(|&k| Tick {
                    value: lane(k),
                    label: lane_label(k).to_string(),
                })
                .collect(),
            categorical: true,
        },
        series: Vec::new(),
        bars: Vec::new(),
        spans: Vec::new(),
        markers: Vec::new(),
    };

    let mut used_themes = BTreeSet::new();
    let mut unthemed = false;
    for kind in Kind::ALL {
        let in_lane: Vec<&Mark> = marks
            .iter()
            .filter(|m| corpus.items[m.idx].kind == kind)
            .collect();
        // Greedy interval packing: first sub-row whose last mark ends far enough left.
        let mut row_end: Vec<f64> = Vec::new();
        let mut rows = Vec::with_capacity(in_lane.len());
        for m in &in_lane {
            let start = m.x0.min(m.at);
            let row = match row_end.iter().position(|&e| e + gap <= start) {
                Some(r) => r,
                None if row_end.len() < MAX_SUBROWS => {
                    row_end.push(f64::NEG_INFINITY);
                    row_end.len() - 1
                }
                None => least_index(&row_end),
            };
            row_end[row] = m.x1.max(m.at);
            rows.push(row);
        }
        let n_rows = row_end.len().max(1) as f64;
        for (m, row) in in_lane.iter().zip(rows) {
            let it = &corpus.items[m.idx];
            // Rows spread over 80% of the lane, top row first.
            let y = lane(kind) + 0.4 - 0.8 * (row as f64 + 0.5) / n_rows;
            let color = match colour_theme(corpus, it, hidden) {
                Some(t) => {
                    used_themes.insert(t.id.clone());
                    t.rgb()
                }
                None => {
                    unthemed = true;
                    GREY
                }
            };
            let ids = vec![it.id.clone()];
            let detail = item_detail(it);
            if m.x1 > m.x0 {
                panel.spans.push(Span {
                    x0: m.x0,
                    x1: m.x1,
                    y,
                    color,
                    dashed: kind == Kind::Target,
                    detail: detail.clone(),
                    items: ids.clone(),
                });
            }
            if kind == Kind::Target && it.deadline.is_some() {
                // The announcement is a small plain dot; the goal is the labelled diamond.
                panel.markers.push(Marker {
                    x: m.x0,
                    y,
                    shape: Shape::Circle,
                    color,
                    label: String::new(),
                    detail: detail.clone(),
                    items: ids.clone(),
                });
                panel.markers.push(Marker {
                    x: m.at,
                    y,
                    shape: Shape::Diamond,
                    color,
                    label: target_label(it),
                    detail,
                    items: ids,
                });
            } else {
                panel.markers.push(Marker {
                    x: m.at,
                    y,
                    shape: kind_shape(kind),
                    color,
                    label: short_label(it),
                    detail,
                    items: ids,
                });
            }
        }
    }

    let drawn: Vec<usize> = marks.iter().map(|m| m.idx).collect();
    let mut legend = theme_legend(corpus, &used_themes, unthemed);
    for k in Kind::ALL {
        legend.push(LegendEntry {
            label: lane_label(k).to_string(),
            color: GREY,
            mark: LegendMark::Shape(kind_shape(k)),
        });
    }
    finish(
        corpus,
        ChartKind::Timeline,
        "时间线 Timeline",
        XUnit::Days,
        vec![panel],
        legend,
        &drawn,
        None,
    )
}

/// Where an item lies in days: (first day, last day, where its main marker goes).
fn item_extent(it: &Item) -> (f64, f64, f64) {
    let start = days_since_epoch(it.date.start());
    let mid = it.date.midpoint_days();
    match it.kind {
        Kind::Target => match it.deadline {
            Some(y) => {
                let goal = PartialDate::year(y).midpoint_days();
                (start.min(goal), start.max(goal), goal)
            }
            None => (mid, mid, mid),
        },
        Kind::Policy => match it.period {
            Some([a, b]) => {
                let x0 = days_since_epoch(PartialDate::year(a.min(b)).start());
                let x1 = days_since_epoch(PartialDate::year(a.max(b) + 1).start());
                (x0.min(mid), x1.max(mid), mid)
            }
            None => (mid, mid, mid),
        },
        _ => match it.end_date {
            Some(e) if e > it.date => {
                let x1 = days_since_epoch(e.start()) + 1.0;
                (start, x1, (start + x1) / 2.0)
            }
            _ => (mid, mid, mid),
        },
    }
}

fn least_index(v: &[f64]) -> usize {
    v.iter()
        .enumerate()
        .min_by(|a, b| a.1.total_cmp(b.1))
        .map(|(i, _)| i)
        .unwrap_or(0)
}

/// The extent of the marks plus a margin so end marks are not on the frame; one year
/// around today when there is nothing to show.
fn padded_extent(iter: impl Iterator<Item = (f64, f64)>) -> (f64, f64) {
    let (lo, hi) = iter.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), (a, b)| {
        (lo.min(a), hi.max(b))
    });
    if !lo.is_finite() || !hi.is_finite() {
        let y = chrono::Datelike::year(&chrono::Utc::now().date_naive());
        let a = days_since_epoch(PartialDate::year(y).start());
        let b = days_since_epoch(PartialDate::year(y + 1).start());
        return (a, b);
    }
    let pad = ((hi - lo) * 0.04).max(20.0);
    (lo - pad, hi + pad)
}

/// Year ticks on a days axis (1 January of each year, thinned to at most ~12), or
/// month ticks when the range covers less than two year boundaries.
pub fn date_ticks(min: f64, max: f64) -> Vec<Tick> {
    if !(min.is_finite() && max.is_finite()) || max <= min {
        return Vec::new();
    }
    let y0 = crate::time::date_from_days(min);
    let y1 = crate::time::date_from_days(max);
    let (ya, yb) = (chrono::Datelike::year(&y0), chrono::Datelike::year(&y1));
    let years: Vec<i32> = (ya..=yb + 1)
        .filter(|&y| {
            let d = days_since_epoch(PartialDate::year(y).start());
            d >= min && d <= max
        })
        .collect();
    if years.len() >= 2 {
        let step = nice_int_step(years.len(), 12);
        return years
            .into_iter()
            .filter(|y| y.rem_euclid(step) == 0 || step == 1)
            .map(|y| Tick {
                value: days_since_epoch(PartialDate::year(y).start()),
                label: y.to_string(),
            })
            .collect();
    }
    let mut months = Vec::new();
    for y in ya..=yb {
        for m in 1..=12 {
            if let Some(d) = PartialDate::month(y, m) {
                let x = days_since_epoch(d.start());
                if x >= min && x <= max {
                    months.push((d, x));
                }
            }
        }
    }
    let step = nice_int_step(months.len(), 12) as usize;
    months
        .into_iter()
        .enumerate()
        .filter(|(i, _)| i % step.max(1) == 0)
        .map(|(_, (d, x))| Tick {
            value: x,
            label: d.to_string(),
        })
        .collect()
}

/// 1, 2, 5, 10, … so that `n` ticks become at most `max`.
fn nice_int_step(n: usize, max: usize) -> i32 {
    let mut step = 1;
    for s in [1, 2, 5, 10, 20, 50, 100] {
        step = s;
        if n.div_ceil(s as usize) <= max {
            break;
        }
    }
    step
}

/// The theme whose colour an item is drawn in: its first theme that is in the
/// lexicon and not turned off.
fn colour_theme<'a>(
    corpus: &'a Corpus,
    it: &Item,
    hidden: &BTreeSet<String>,
) -> Option<&'a crate::extract::Theme> {
    it.themes
        .iter()
        .filter(|t| !hidden.contains(*t))
        .find_map(|t| corpus.themes.get(t))
}

/// At most this many characters of a title beside a mark.
const LABEL_CHARS: usize = 14;

fn truncate_chars(s: &str, n: usize) -> String {
    let s = s.trim();
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let mut out: String = s.chars().take(n.saturating_sub(1)).collect();
        out.push('…');
        out
    }
}

fn short_label(it: &Item) -> String {
    match (it.kind, &it.quantity) {
        (Kind::Metric, Some(q)) => {
            let subject = it.subject.as_deref().unwrap_or(&it.title);
            format!("{} {}", truncate_chars(subject, 8), format_qualified(q))
        }
        _ => truncate_chars(&it.title, LABEL_CHARS),
    }
}

fn target_label(it: &Item) -> String {
    match &it.quantity {
        Some(q) => {
            let subject = it.subject.as_deref().unwrap_or(&it.title);
            format!("{} {}", truncate_chars(subject, 8), format_qualified(q))
        }
        None => truncate_chars(&it.title, LABEL_CHARS),
    }
}

/// One line naming an item for hover: "2022-11-14 事件: title (2,400亿元 by 2025)".
pub fn item_detail(it: &Item) -> String {
    let kind = lane_label(it.kind)
        .split(' ')
        .next()
        .unwrap_or_default()
        .to_string();
    let mut s = format!("{} {}: {}", it.date, kind, it.title);
    if let Some(q) = &it.quantity {
        s.push_str(&format!(" ({}", format_qualified(q)));
        if let Some(d) = it.deadline {
            s.push_str(&format!(", {d}年"));
        }
        s.push(')');
    }
    s
}

// ---------------------------------------------------------------------------------
// Themes by year

/// Items per theme per year as stacked bars, x in years. An item with several themes
/// counts once in each (the question is "how much was said about X", not a partition),
/// so a bar's height can exceed the number of items that year; unthemed items form a
/// grey segment of their own. Stacks follow the lexicon order so colours line up
/// year to year; years without items stay on the axis as gaps.
pub fn themes_by_year(corpus: &Corpus, view: &View) -> ChartSpec {
    themes_by_year_hiding(corpus, view, &BTreeSet::new())
}

/// [`themes_by_year`] without segments for the `hidden` theme ids: an item shown
/// because of one theme is not counted under another theme the user turned off.
pub fn themes_by_year_hiding(corpus: &Corpus, view: &View, hidden: &BTreeSet<String>) -> ChartSpec {
    // (year, theme index or None) → item ids
    let mut cells: BTreeMap<i32, BTreeMap<Option<usize>, Vec<String>>> = BTreeMap::new();
    let mut drawn = Vec::new();
    for &idx in &view.items {
        let Some(it) = corpus.items.get(idx) else {
            continue;
        };
        let mut keys: Vec<Option<usize>> = it
            .themes
            .iter()
            .filter(|t| !hidden.contains(*t))
            .filter_map(|t| corpus.themes.themes.iter().position(|th| &th.id == t))
            .map(Some)
            .collect();
        // Themes unknown to the lexicon cannot be drawn: such an item counts as
        // unthemed. One whose known themes are all hidden is left out.
        if keys.is_empty() && it.themes.iter().all(|t| corpus.themes.get(t).is_none()) {
            keys.push(None);
        }
        if keys.is_empty() {
            continue;
        }
        drawn.push(idx);
        let year = cells.entry(it.date.year).or_default();
        for k in keys {
            year.entry(k).or_default().push(it.id.clone());
        }
    }
    let (first, last) = match (cells.keys().next(), cells.keys().next_back()) {
        (Some(&a), Some(&b)) => (a, b),
        _ => {
            let y = chrono::Datelike::year(&chrono::Utc::now().date_naive());
            (y, y)
        }
    };
    let mut bars = Vec::new();
    let mut top: f64 = 0.0;
    let mut used = BTreeSet::new();
    let mut unthemed = false;
    for (&year, per_theme) in &cells {
        let mut base = 0.0;
        // Lexicon order, unthemed (None) last.
        let mut keys: Vec<&Option<usize>> = per_theme.keys().collect();
        keys.sort_by_key(|k| k.unwrap_or(usize::MAX));
        for k in keys {
            let ids = &per_theme[k];
            let (label, color) = match k {
                Some(ti) => {
                    let th = &corpus.themes.themes[*ti];
                    used.insert(th.id.clone());
                    (th.label_zh.clone(), th.rgb())
                }
                None => {
                    unthemed = true;
                    (UNTHEMED_LABEL.to_string(), GREY)
                }
            };
            let h = ids.len() as f64;
            bars.push(Bar {
                x: year as f64,
                width: 0.7,
                base,
                height: h,
                color,
                detail: format!("{year} {label}: {}", ids.len()),
                label,
                items: ids.clone(),
            });
            base += h;
        }
        top = top.max(base);
    }
    let (ymin, ymax, ticks) = value_ticks(0.0, top.max(1.0), true);
    let panel = Panel {
        title: String::new(),
        x_axis: year_axis(first, last),
        y_axis: Axis {
            label: "条目数 Items".to_string(),
            min: ymin,
            max: ymax,
            ticks,
            categorical: false,
        },
        series: Vec::new(),
        bars,
        spans: Vec::new(),
        markers: Vec::new(),
    };
    let legend = theme_legend(corpus, &used, unthemed);
    finish(
        corpus,
        ChartKind::ThemesByYear,
        "主题年度分布 Themes by year",
        XUnit::Year,
        vec![panel],
        legend,
        &drawn,
        None,
    )
}

fn year_axis(first: i32, last: i32) -> Axis {
    let step = nice_int_step((last - first + 1).max(1) as usize, 14);
    Axis {
        label: String::new(),
        min: first as f64 - 0.6,
        max: last as f64 + 0.6,
        ticks: (first..=last)
            .filter(|y| step == 1 || y.rem_euclid(step) == 0)
            .map(|y| Tick {
                value: y as f64,
                label: y.to_string(),
            })
            .collect(),
        categorical: false,
    }
}

/// Legend entries for the themes in `used`, in lexicon order, plus unthemed.
fn theme_legend(corpus: &Corpus, used: &BTreeSet<String>, unthemed: bool) -> Vec<LegendEntry> {
    let mut out: Vec<LegendEntry> = corpus
        .themes
        .themes
        .iter()
        .filter(|t| used.contains(&t.id))
        .map(|t| LegendEntry {
            label: t.label_zh.clone(),
            color: t.rgb(),
            mark: LegendMark::Swatch,
        })
        .collect();
    if unthemed {
        out.push(LegendEntry {
            label: UNTHEMED_LABEL.to_string(),
            color: GREY,
            mark: LegendMark::Swatch,
        });
    }
    out
}

// ---------------------------------------------------------------------------------
// Targets vs actuals

/// Subject groups for targets vs actuals: targets and metrics whose subjects name the
/// same measure (see [`same_subject`]) in the same base unit.
#[derive(Debug, Clone, PartialEq)]
pub struct SubjectGroup {
    /// The shortest (most general) subject in the group, simplified.
    pub label: String,
    /// Normalised form of `label` (see [`normalize_subject`]).
    pub key: String,
    pub unit: String,
    /// Indices into `Corpus::items`.
    pub targets: Vec<usize>,
    pub metrics: Vec<usize>,
}

/// Groups the targets and metrics of the view by subject. Items without a subject or
/// a finite quantity cannot be placed and are skipped.
pub fn subject_groups(corpus: &Corpus, view: &View) -> Vec<SubjectGroup> {
    let mut cands: Vec<(String, String, usize)> = view
        .items
        .iter()
        .filter_map(|&idx| {
            let it = corpus.items.get(idx)?;
            if !matches!(it.kind, Kind::Target | Kind::Metric) {
                return None;
            }
            let q = it.quantity.as_ref().filter(|q| q.value.is_finite())?;
            let key = normalize_subject(it.subject.as_deref()?);
            (!key.is_empty()).then(|| (key, q.unit.clone(), idx))
        })
        .collect();
    // Shortest first, so each group is keyed by its most general subject.
    cands.sort_by(|a, b| (a.0.chars().count(), &a.0, a.2).cmp(&(b.0.chars().count(), &b.0, b.2)));
    let mut groups: Vec<SubjectGroup> = Vec::new();
    for (key, unit, idx) in cands {
        let it = &corpus.items[idx];
        let g = match groups
            .iter_mut()
            .position(|g| g.unit == unit && same_subject(&g.key, &key))
        {
            Some(i) => &mut groups[i],
            None => {
                let label = crate::script::to_simplified(it.subject.as_deref().unwrap_or(""))
                    .trim()
                    .to_string();
                groups.push(SubjectGroup {
                    label,
                    key,
                    unit,
                    targets: Vec::new(),
                    metrics: Vec::new(),
                });
                let last = groups.len() - 1;
                &mut groups[last]
            }
        };
        if it.kind == Kind::Target {
            g.targets.push(idx);
        } else {
            g.metrics.push(idx);
        }
    }
    groups
}

/// Leading words that only say where ("全市产值" is "产值" of the place written about).
const PLACE_PREFIXES: [&str; 7] = ["全市", "本市", "我市", "全区", "全省", "全国", "全年"];
/// General synonyms, longest first: the left is rewritten to the right.
const SYNONYMS: [(&str, &str); 5] = [
    ("营业收入", "营收"),
    ("销售收入", "营收"),
    ("工业总产值", "工业产值"),
    ("总产值", "产值"),
    ("总规模", "规模"),
];

/// A subject as compared: simplified, lower case, only letters and digits (so
/// punctuation and spaces do not matter), place prefixes dropped, synonyms unified.
pub fn normalize_subject(s: &str) -> String {
    let mut t: String = crate::script::to_simplified(&s.to_lowercase())
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect();
    for p in PLACE_PREFIXES {
        if let Some(rest) = t.strip_prefix(p)
            && !rest.is_empty()
        {
            t = rest.to_string();
        }
    }
    for (from, to) in SYNONYMS {
        t = t.replace(from, to);
    }
    t
}

/// Trailing words that only say "how much of it" ("标准厂房规模" is "标准厂房" counted).
const MEASURE_SUFFIXES: [&str; 5] = ["规模", "总量", "数量", "总数", "面积"];

/// Whether two normalised subjects name the same measure: equal, or the longer one
/// ends with the shorter ("生物医药制造业产值" ⊃ "制造业产值": the longer names a
/// sector of the same measure), also after dropping a trailing measure word
/// ("生物医药标准厂房规模" ⊃ "标准厂房"). The shorter must have at least three
/// characters, so that a bare "产值" or "企业" does not swallow every subject.
pub fn same_subject(a: &str, b: &str) -> bool {
    fn contains_end(a: &str, b: &str) -> bool {
        if a == b {
            return true;
        }
        let (short, long) = if a.chars().count() <= b.chars().count() {
            (a, b)
        } else {
            (b, a)
        };
        short.chars().count() >= 3 && long.ends_with(short)
    }
    fn core(s: &str) -> &str {
        MEASURE_SUFFIXES
            .iter()
            .find_map(|m| s.strip_suffix(m))
            .filter(|rest| rest.chars().count() >= 3)
            .unwrap_or(s)
    }
    contains_end(a, b) || contains_end(core(a), core(b))
}

/// Targets vs actuals: one panel per subject group (see [`subject_groups`]) with the
/// reported values by year as a line and each target as a diamond at its deadline
/// year (its announcement year when it has none), labelled with its value. A group is
/// shown when it has a target, or metrics in two or more years (a trend); groups with
/// both come first. When several metrics report one year, the latest-dated one is the
/// point (it is the freshest figure) and all their ids are kept on it. Values are in
/// the unit a reader expects for the group's largest value (亿元, 万平方米).
pub fn targets_vs_actuals(corpus: &Corpus, view: &View) -> ChartSpec {
    let mut groups: Vec<SubjectGroup> = subject_groups(corpus, view)
        .into_iter()
        .filter(|g| {
            let years: BTreeSet<i32> = g
                .metrics
                .iter()
                .map(|&i| corpus.items[i].date.year)
                .collect();
            !g.targets.is_empty() || years.len() >= 2
        })
        .collect();
    groups.sort_by_key(|g| {
        let rank = match (g.targets.is_empty(), g.metrics.is_empty()) {
            (false, false) => 0,
            (false, true) => 1,
            _ => 2,
        };
        // Bigger groups first, then in time order of their first item.
        let first = g.targets.iter().chain(&g.metrics).min().copied();
        (
            rank,
            usize::MAX - (g.targets.len() + g.metrics.len()),
            first,
        )
    });
    let left_out = groups.len().saturating_sub(MAX_SUBJECT_PANELS);
    groups.truncate(MAX_SUBJECT_PANELS);

    // One x range for all panels so years line up.
    let mut years = BTreeSet::new();
    for g in &groups {
        for &i in g.targets.iter().chain(&g.metrics) {
            let it = &corpus.items[i];
            years.insert(it.date.year);
            if let Some(d) = it.deadline {
                years.insert(d);
            }
        }
    }
    let (first, last) = match (years.first(), years.last()) {
        (Some(&a), Some(&b)) => (a, b),
        _ => {
            let y = chrono::Datelike::year(&chrono::Utc::now().date_naive());
            (y, y)
        }
    };
    let x_axis = year_axis(first, last);

    let mut panels = Vec::new();
    let mut drawn = Vec::new();
    for g in &groups {
        let max_value = g
            .targets
            .iter()
            .chain(&g.metrics)
            .filter_map(|&i| corpus.items[i].quantity.as_ref().map(|q| q.value.abs()))
            .fold(0.0, f64::max);
        let (divisor, unit_label) = display_scale(max_value, &g.unit);

        // year → (item indices, index of the point's item)
        let mut per_year: BTreeMap<i32, Vec<usize>> = BTreeMap::new();
        for &i in &g.metrics {
            per_year
                .entry(corpus.items[i].date.year)
                .or_default()
                .push(i);
        }
        let points: Vec<SeriesPoint> = per_year
            .iter()
            .filter_map(|(&year, idxs)| {
                let best = idxs.iter().copied().max_by(|&a, &b| {
                    let (ia, ib) = (&corpus.items[a], &corpus.items[b]);
                    let va = ia.quantity.as_ref().map_or(0.0, |q| q.value);
                    let vb = ib.quantity.as_ref().map_or(0.0, |q| q.value);
                    ia.date.cmp(&ib.date).then(va.total_cmp(&vb))
                })?;
                let it = &corpus.items[best];
                let q = it.quantity.as_ref()?;
                Some(SeriesPoint {
                    x: year as f64,
                    y: q.value / divisor,
                    label: format_qualified(q),
                    detail: item_detail(it),
                    items: idxs.iter().map(|&i| corpus.items[i].id.clone()).collect(),
                })
            })
            .collect();

        // Identical targets repeated by several articles become one marker.
        let mut target_marks: Vec<(i32, f64, Marker)> = Vec::new();
        for &i in &g.targets {
            let it = &corpus.items[i];
            let Some(q) = &it.quantity else { continue };
            let year = it.deadline.unwrap_or(it.date.year);
            if let Some((_, _, m)) = target_marks
                .iter_mut()
                .find(|(y, v, _)| *y == year && *v == q.value)
            {
                m.items.push(it.id.clone());
                continue;
            }
            let label = match it.deadline {
                Some(d) => format!("目标 {} ({d})", format_qualified(q)),
                None => format!("目标 {}", format_qualified(q)),
            };
            target_marks.push((
                year,
                q.value,
                Marker {
                    x: year as f64,
                    y: q.value / divisor,
                    shape: Shape::Diamond,
                    color: TARGET_COLOR,
                    label,
                    detail: item_detail(it),
                    items: vec![it.id.clone()],
                },
            ));
        }
        let ys = || {
            points
                .iter()
                .map(|p| p.y)
                .chain(target_marks.iter().map(|t| t.2.y))
        };
        let top = ys().fold(0.0, f64::max);
        let low = ys().fold(0.0, f64::min);
        // Headroom for the value labels above the highest mark.
        let (ymin, ymax, ticks) = value_ticks(low * 1.18, top * 1.18, false);
        drawn.extend(g.targets.iter().chain(&g.metrics).copied());
        panels.push(Panel {
            title: g.label.clone(),
            x_axis: x_axis.clone(),
            y_axis: Axis {
                label: unit_label,
                min: ymin,
                max: ymax,
                ticks,
                categorical: false,
            },
            series: if points.is_empty() {
                Vec::new()
            } else {
                vec![Series {
                    label: "实际 Reported".to_string(),
                    color: ACTUAL_COLOR,
                    points,
                }]
            },
            bars: Vec::new(),
            spans: Vec::new(),
            markers: target_marks.into_iter().map(|t| t.2).collect(),
        });
    }
    // Only what is drawn is in the legend.
    let mut legend = Vec::new();
    if panels.iter().any(|p| !p.series.is_empty()) {
        legend.push(LegendEntry {
            label: "实际 Reported".to_string(),
            color: ACTUAL_COLOR,
            mark: LegendMark::Line,
        });
    }
    if panels.iter().any(|p| !p.markers.is_empty()) {
        legend.push(LegendEntry {
            label: "目标 Target".to_string(),
            color: TARGET_COLOR,
            mark: LegendMark::Shape(Shape::Diamond),
        });
    }
    let note = (left_out > 0).then(|| omitted_note(left_out));
    drawn.sort_unstable();
    let mut spec = finish(
        corpus,
        ChartKind::TargetsVsActuals,
        "目标与实际 Targets vs actuals",
        XUnit::Year,
        panels,
        legend,
        &drawn,
        note,
    );
    spec.omitted_panels = left_out;
    spec
}

/// The note for subject panels that are not shown.
pub fn omitted_note(n: usize) -> String {
    if n == 1 {
        "1 more subject not shown".to_string()
    } else {
        format!("{n} more subjects not shown")
    }
}

// ---------------------------------------------------------------------------------
// Shared

#[allow(clippy::too_many_arguments)]
fn finish(
    corpus: &Corpus,
    kind: ChartKind,
    title: &str,
    x_unit: XUnit,
    panels: Vec<Panel>,
    legend: Vec<LegendEntry>,
    drawn: &[usize],
    note: Option<String>,
) -> ChartSpec {
    let mut drawn = drawn.to_vec();
    drawn.sort_unstable();
    drawn.dedup();
    let note = if drawn.is_empty() {
        Some("没有符合条件的条目 No items match the filters".to_string())
    } else {
        note
    };
    ChartSpec {
        kind,
        title: title.to_string(),
        subtitle: None,
        source_line: source_line(corpus, &drawn),
        x_unit,
        panels,
        legend,
        note,
        omitted_panels: 0,
        items: drawn
            .iter()
            .filter_map(|&i| corpus.items.get(i).map(|it| it.id.clone()))
            .collect(),
    }
}

/// The filter in words, for a chart's subtitle: "主题: 人工智能与数字化 · 2024–2025 ·
/// 类型: 目标 · 搜索: 产值"; None when nothing is filtered.
pub fn filter_summary(corpus: &Corpus, filter: &Filter) -> Option<String> {
    let mut parts = Vec::new();
    let shown: Vec<&str> = corpus
        .themes
        .themes
        .iter()
        .filter(|t| !filter.hidden_themes.contains(&t.id))
        .map(|t| t.label_zh.as_str())
        .collect();
    if !filter.hidden_themes.is_empty() || filter.hide_unthemed {
        parts.push(if shown.is_empty() {
            "主题: 无".to_string()
        } else {
            format!("主题: {}", shown.join("、"))
        });
    }
    match (filter.from_year, filter.to_year) {
        (Some(a), Some(b)) if a == b => parts.push(format!("{a}")),
        (Some(a), Some(b)) => parts.push(format!("{a}–{b}")),
        (Some(a), None) => parts.push(format!("{a}–")),
        (None, Some(b)) => parts.push(format!("–{b}")),
        (None, None) => {}
    }
    if !filter.hidden_kinds.is_empty() {
        let kinds: Vec<&str> = Kind::ALL
            .into_iter()
            .filter(|k| !filter.hidden_kinds.contains(k))
            .map(|k| lane_label(k).split(' ').next().unwrap_or_default())
            .collect();
        parts.push(format!("类型: {}", kinds.join("、")));
    }
    if !filter.hidden_docs.is_empty() {
        parts.push(format!("隐藏文章: {}", filter.hidden_docs.len()));
    }
    if !filter.search.trim().is_empty() {
        parts.push(format!("搜索: {}", filter.search.trim()));
    }
    (!parts.is_empty()).then(|| parts.join(" · "))
}

/// "Source: 5 articles, 2021–2025": how many articles the drawn items come from and
/// the years of those items.
///
/// Articles are counted once however many copies report them: copies among the
/// sources are told apart, "Source: 5 articles (+6 copies), 2021–2025".
pub fn source_line(corpus: &Corpus, drawn: &[usize]) -> String {
    let items: Vec<&Item> = drawn.iter().filter_map(|&i| corpus.items.get(i)).collect();
    let (n, copies) = corpus.source_counts(items.iter().copied());
    let noun = if n == 1 { "article" } else { "articles" };
    let noun = match copies {
        0 => noun.to_string(),
        1 => format!("{noun} (+1 copy)"),
        c => format!("{noun} (+{c} copies)"),
    };
    let first = items.iter().map(|it| it.date.year).min();
    let last = items.iter().map(|it| it.date.year).max();
    match (first, last) {
        (Some(a), Some(b)) if a == b => format!("Source: {n} {noun}, {a}"),
        (Some(a), Some(b)) => format!("Source: {n} {noun}, {a}–{b}"),
        _ => format!("Source: {n} {noun}"),
    }
}

/// A 1-2-5 step giving about five ticks over `lo..=hi` (which is widened to take in
/// 0, so bars and values are read from a zero baseline), whole numbers only when
/// `integer` (no "2.5 items" tick). Returns the axis range, multiples of the step.
fn value_ticks(lo: f64, hi: f64, integer: bool) -> (f64, f64, Vec<Tick>) {
    let lo = if lo.is_finite() { lo.min(0.0) } else { 0.0 };
    let hi = if hi.is_finite() { hi.max(0.0) } else { 0.0 };
    let span = if hi - lo > 0.0 { hi - lo } else { 1.0 };
    let raw = span / 5.0;
    let mag = 10f64.powf(raw.log10().floor());
    let mut step = [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * mag)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * mag);
    if integer {
        step = step.round().max(1.0);
    }
    let first = (lo / step).floor() as i64;
    let last = ((hi / step).ceil() as i64).max(first + 1);
    let ticks = (first..=last)
        .map(|i| {
            let v = i as f64 * step;
            Tick {
                value: v,
                label: format_number(v),
            }
        })
        .collect();
    (first as f64 * step, last as f64 * step, ticks)
}

/// Units that take a 万/亿 prefix: Chinese measure words and metric units written
/// in Chinese. Percentages, units already scaled and Latin units do not.
fn scalable(unit: &str) -> bool {
    !(unit.is_empty()
        || unit.starts_with(['万', '亿', '%', '‰', '倍'])
        || unit.chars().next().is_some_and(|c| c.is_ascii()))
}

fn is_money(unit: &str) -> bool {
    unit.ends_with('元')
}

/// The divisor and unit label a reader expects for values up to `max` in `unit`:
/// 亿元 for money from 1e8, 万 for anything from 1e4 (万平方米, 万人), else as is.
/// Used for axes, where one unit serves every tick.
pub fn display_scale(max: f64, unit: &str) -> (f64, String) {
    if !scalable(unit) || !max.is_finite() {
        return (1.0, unit.to_string());
    }
    let max = max.abs();
    if max >= 1e8 {
        (1e8, format!("亿{unit}"))
    } else if max >= 1e4 {
        (1e4, format!("万{unit}"))
    } else {
        (1.0, unit.to_string())
    }
}

/// A value in the unit a reader expects: 2.4e11 元 → "2,400亿元", 1e12 元 → "1万亿元",
/// 5.7e6 平方米 → "570万平方米", 12000 亩 → "1.2万亩", 26 家 → "26家", 12.5 % → "12.5%".
pub fn format_quantity(value: f64, unit: &str) -> String {
    if !value.is_finite() {
        return format!("?{unit}");
    }
    if !scalable(unit) {
        return format!("{}{unit}", format_number(value));
    }
    let a = value.abs();
    let (div, prefix) = if is_money(unit) && a >= 1e12 {
        (1e12, "万亿")
    } else if a >= 1e8 {
        (1e8, "亿")
    } else if a >= 1e4 {
        (1e4, "万")
    } else {
        (1.0, "")
    };
    format!("{}{prefix}{unit}", format_number(value / div))
}

/// [`format_quantity`] with the qualifier the article stated, so that a goal of
/// "超万亿元" is not shown as exactly 1万亿元: "超1万亿元", "至少10家", "约500万平方米".
pub fn format_qualified(q: &Quantity) -> String {
    let prefix = match q.qualifier {
        Qualifier::Exact => "",
        Qualifier::Over => "超",
        Qualifier::AtLeast => "至少",
        Qualifier::About => "约",
        Qualifier::AtMost => "至多",
    };
    format!("{prefix}{}", format_quantity(q.value, &q.unit))
}

/// Thousands separators and at most two decimals, trailing zeros dropped:
/// 2400 → "2,400", 1.25 → "1.25", 0.5 → "0.5", 3.0 → "3".
pub fn format_number(v: f64) -> String {
    if !v.is_finite() {
        return "?".to_string();
    }
    let rounded = (v * 100.0).round() / 100.0;
    let neg = rounded < 0.0;
    let s = format!("{:.2}", rounded.abs());
    let (int, frac) = s.split_once('.').unwrap_or((&s, ""));
    let frac = frac.trim_end_matches('0');
    let mut grouped = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    let mut out = String::new();
    if neg {
        out.push('-');
    }
    out.push_str(&grouped);
    if !frac.is_empty() {
        out.push('.');
        out.push_str(frac);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::corpus::Document;
    use crate::extract::Themes;
    use crate::model::Filter;

    fn item(n: usize, kind: Kind, date: &str, themes: &[&str]) -> Item {
        Item {
            id: format!("d{}#{n}", n % 2),
            kind,
            date: PartialDate::parse(date).unwrap(),
            end_date: None,
            title: format!("条目{n}"),
            themes: themes.iter().map(|s| s.to_string()).collect(),
            doc: format!("d{}", n % 2),
            quote: format!("句子{n}。"),
            span: [n, n + 1],
            subject: None,
            quantity: None,
            deadline: None,
            policy_title: None,
            period: None,
            issuers: Vec::new(),
            key: String::new(),
            sources: Vec::new(),
            region: None,
            conflicts: Vec::new(),
        }
    }

    fn measured(mut it: Item, subject: &str, value: f64, unit: &str) -> Item {
        it.subject = Some(subject.to_string());
        it.quantity = Some(Quantity {
            value,
            unit: unit.to_string(),
            text: String::new(),
            qualifier: Qualifier::Exact,
        });
        it
    }

    fn corpus(items: Vec<Item>) -> (Corpus, View) {
        let docs = ["d0", "d1"]
            .map(|id| Document {
                id: id.to_string(),
                ..Default::default()
            })
            .to_vec();
        let c = Corpus::from_parts(docs, items, Vec::new(), Themes::builtin());
        let v = View::new(&c, &Filter::default());
        (c, v)
    }

    #[test]
    fn targets_meet_the_metrics_of_their_subject() {
        let mut t = measured(
            item(1, Kind::Target, "2022", &[]),
            "制造业产值",
            2.4e11,
            "元",
        );
        t.deadline = Some(2025);
        let m1 = measured(
            item(2, Kind::Metric, "2021", &[]),
            "生物医药制造业产值",
            1.7e11,
            "元",
        );
        let m2 = measured(
            item(3, Kind::Metric, "2023-05", &[]),
            "制造业产值",
            1.9e11,
            "元",
        );
        let lone = measured(item(4, Kind::Metric, "2023", &[]), "企业数量", 30.0, "家");
        let (c, v) = corpus(vec![t, m1, m2, lone]);
        let spec = targets_vs_actuals(&c, &v);
        assert_eq!(spec.panels.len(), 1, "{spec:#?}");
        let p = &spec.panels[0];
        assert_eq!(p.title, "制造业产值");
        assert_eq!(p.y_axis.label, "亿元");
        let pts: Vec<(f64, f64)> = p.series[0].points.iter().map(|p| (p.x, p.y)).collect();
        assert_eq!(pts, [(2021.0, 1700.0), (2023.0, 1900.0)]);
        assert_eq!(p.markers.len(), 1);
        assert_eq!((p.markers[0].x, p.markers[0].y), (2025.0, 2400.0));
        assert_eq!(p.markers[0].label, "目标 2,400亿元 (2025)");
        assert_eq!(p.markers[0].items, ["d1#1"]);
        // Hover: near the goal, near a reported point, on empty space.
        let hit = |x, y| p.hit(x, y, 0.2, 100.0).map(<[String]>::to_vec);
        assert_eq!(hit(2025.1, 2380.0), Some(vec!["d1#1".to_string()]));
        assert_eq!(hit(2023.0, 1950.0), Some(vec!["d1#3".to_string()]));
        assert_eq!(hit(2024.0, 500.0), None);
        assert!(p.y_axis.max >= 2400.0);
        assert_eq!(spec.source_line, "Source: 2 articles, 2021–2023");
    }

    #[test]
    fn themes_stack_per_year_in_lexicon_order() {
        let (c, v) = corpus(vec![
            item(1, Kind::Event, "2022-03-01", &["ai", "finance"]),
            item(2, Kind::Event, "2022-05", &["ai"]),
            item(3, Kind::Policy, "2024", &[]),
        ]);
        let spec = themes_by_year(&c, &v);
        let p = &spec.panels[0];
        let bars: Vec<(f64, f64, f64, &str)> = p
            .bars
            .iter()
            .map(|b| (b.x, b.base, b.height, b.label.as_str()))
            .collect();
        assert_eq!(
            bars,
            [
                (2022.0, 0.0, 2.0, "人工智能与数字化"),
                (2022.0, 2.0, 1.0, "投融资"),
                (2024.0, 0.0, 1.0, UNTHEMED_LABEL)
            ]
        );
        let years: Vec<&str> = p.x_axis.ticks.iter().map(|t| t.label.as_str()).collect();
        assert_eq!(years, ["2022", "2023", "2024"]);
        assert_eq!(spec.legend.len(), 3);
        assert_eq!(
            p.hit(2022.1, 2.5, 0.1, 0.1),
            Some(&["d1#1".to_string()][..])
        );
        assert_eq!(p.hit(2023.0, 0.5, 0.1, 0.1), None);
    }

    #[test]
    fn timeline_puts_kinds_in_lanes_and_targets_run_to_their_deadline() {
        let mut t = measured(
            item(1, Kind::Target, "2022", &["ai"]),
            "产业规模",
            1e12,
            "元",
        );
        t.deadline = Some(2025);
        let mut p = item(2, Kind::Policy, "2023-10-16", &[]);
        p.period = Some([2023, 2025]);
        let (c, v) = corpus(vec![t, p, item(3, Kind::Event, "2021-10-11", &[])]);
        let spec = timeline(&c, &v, None);
        let panel = &spec.panels[0];
        let goal = panel
            .markers
            .iter()
            .find(|m| m.shape == Shape::Diamond)
            .unwrap();
        assert_eq!(goal.x, PartialDate::year(2025).midpoint_days());
        assert!(goal.label.contains("1万亿元"), "{}", goal.label);
        assert!((goal.y - lane(Kind::Target)).abs() < 0.5);
        assert_eq!(panel.spans.len(), 2);
        assert!(panel.spans.iter().any(|s| s.dashed));
        let ev = panel
            .markers
            .iter()
            .find(|m| m.shape == Shape::Circle && m.items == ["d1#3"]);
        assert!(ev.is_some_and(|m| (m.y - lane(Kind::Event)).abs() < 0.5));
        // A range keeps only what overlaps it.
        let a = days_since_epoch(PartialDate::year(2021).start());
        let b = days_since_epoch(PartialDate::year(2022).start()) - 1.0;
        let narrow = timeline(&c, &v, Some((a, b)));
        assert_eq!(narrow.items, ["d1#3"]);
        assert_eq!(narrow.panels[0].x_axis.min, a);
    }

    #[test]
    fn an_empty_view_is_a_chart_that_says_so() {
        let (c, _) = corpus(vec![item(1, Kind::Event, "2022", &[])]);
        let empty = View::default();
        for spec in [
            timeline(&c, &empty, None),
            themes_by_year(&c, &empty),
            targets_vs_actuals(&c, &empty),
        ] {
            assert!(spec.note.is_some() && spec.items.is_empty());
            assert_eq!(spec.source_line, "Source: 0 articles");
        }
    }

    #[test]
    fn quantities_read_as_a_reader_expects() {
        assert_eq!(format_quantity(2.4e11, "元"), "2,400亿元");
        assert_eq!(format_quantity(1e12, "元"), "1万亿元");
        assert_eq!(format_quantity(5.7e6, "平方米"), "570万平方米");
        assert_eq!(format_quantity(12000.0, "亩"), "1.2万亩");
        assert_eq!(format_quantity(26.0, "家"), "26家");
        assert_eq!(format_quantity(12.5, "%"), "12.5%");
        assert_eq!(format_quantity(3.0e9, "美元"), "30亿美元");
        assert_eq!(format_quantity(42.0, "平方公里"), "42平方公里");
        assert_eq!(format_quantity(f64::NAN, "元"), "?元");
        assert_eq!(format_number(-1234567.891), "-1,234,567.89");
        assert_eq!(format_number(0.0), "0");
        let q = |value: f64, unit: &str, qualifier| Quantity {
            value,
            unit: unit.to_string(),
            text: String::new(),
            qualifier,
        };
        assert_eq!(
            format_qualified(&q(1e12, "元", Qualifier::Over)),
            "超1万亿元"
        );
        assert_eq!(
            format_qualified(&q(5e6, "平方米", Qualifier::About)),
            "约500万平方米"
        );
        assert_eq!(
            format_qualified(&q(10.0, "家", Qualifier::AtLeast)),
            "至少10家"
        );
    }

    #[test]
    fn display_scale_picks_one_unit_per_axis() {
        assert_eq!(display_scale(1e12, "元"), (1e8, "亿元".to_string()));
        assert_eq!(display_scale(5e6, "平方米"), (1e4, "万平方米".to_string()));
        assert_eq!(display_scale(30.0, "家"), (1.0, "家".to_string()));
        assert_eq!(display_scale(5e6, "%"), (1.0, "%".to_string()));
    }

    #[test]
    fn subjects_meet_across_sector_words_scripts_and_punctuation() {
        let t = normalize_subject("制造业产值");
        assert!(same_subject(&t, &normalize_subject("生物医药制造业产值")));
        assert!(same_subject(&t, &normalize_subject("生物醫藥 製造業產值")));
        assert!(same_subject(
            &normalize_subject("全市营业收入"),
            &normalize_subject("营收")
        ));
        assert!(!same_subject(&normalize_subject("产值"), "工业产值"));
        assert!(!same_subject(&t, &normalize_subject("产业规模")));
        assert!(same_subject(
            &normalize_subject("标准厂房"),
            &normalize_subject("生物醫藥標準廠房總規模")
        ));
        assert!(same_subject(
            &normalize_subject("产业规模"),
            &normalize_subject("生物医药产业规模")
        ));
        // A measure word alone is not a subject: "产业" and "企业" stay apart.
        assert!(!same_subject(
            &normalize_subject("产业规模"),
            &normalize_subject("企业规模")
        ));
    }

    #[test]
    fn value_ticks_are_round_and_cover_the_range() {
        let (min, max, ticks) = value_ticks(0.0, 7.0, true);
        assert!(min == 0.0 && max >= 7.0);
        assert!(ticks.iter().all(|t| t.value.fract() == 0.0));
        let (_, max, ticks) = value_ticks(0.0, 2832.0, false);
        assert!(max >= 2832.0 && ticks.len() <= 8, "{max} {ticks:?}");
        // Negative values get an axis below zero, with zero on a tick.
        let (min, max, ticks) = value_ticks(-3.2, 10.0, false);
        assert!(min <= -3.2 && max >= 10.0);
        assert!(ticks.iter().any(|t| t.value == 0.0));
    }

    #[test]
    fn date_ticks_name_years_or_months() {
        let a = days_since_epoch(PartialDate::year(2021).start()) - 10.0;
        let b = days_since_epoch(PartialDate::year(2025).start()) + 10.0;
        let labels: Vec<String> = date_ticks(a, b).into_iter().map(|t| t.label).collect();
        assert_eq!(labels, ["2021", "2022", "2023", "2024", "2025"]);
        let a = days_since_epoch(PartialDate::month(2023, 3).unwrap().start()) - 1.0;
        let b = days_since_epoch(PartialDate::month(2023, 6).unwrap().start()) + 1.0;
        let labels: Vec<String> = date_ticks(a, b).into_iter().map(|t| t.label).collect();
        assert_eq!(labels, ["2023-03", "2023-04", "2023-05", "2023-06"]);
    }
}
