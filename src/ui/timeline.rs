//! The centre timeline: one lane per kind, time on x, year bands, spans and goals.
//!
//! The plot (egui_plot) owns what it is good at: the x axis, month/year grid, panning
//! and zooming. The items are laid out here in screen space, because "do not overlap"
//! is a pixel property: items are packed into rows of their lane at the current zoom,
//! and when more items fall into a lane than its rows can hold they become counted
//! clusters, or, past a few thousand, density bars. Only what is visible is laid out,
//! so a frame costs the same whether the corpus has a hundred items or a million.
//!
//! Layout ([`layout_frame`]) and hit-testing ([`pick`]) are pure functions of the data
//! and the screen rectangle; the painting and the tests both use them.

use super::app::Command;
use super::i18n::{self, Lang, T};
use crate::extract::{Item, Kind};
use crate::model::{Corpus, View};
use crate::time::{date_from_days, days_since_epoch};
use chrono::{Datelike, NaiveDate};
use egui::{
    Color32, CornerRadius, FontId, Pos2, Rect, Shape, Stroke, StrokeKind, Vec2, pos2, vec2,
};
use egui_plot::{GridInput, GridMark, Plot, PlotBounds};
use std::collections::BTreeSet;

/// Marker radius in points.
const R: f32 = 5.0;
/// Lanes holding more visible items than this are drawn as density bars.
const DENSE: usize = 2_000;
/// Labels are drawn when a lane shows at most this many items…
const LABEL_MAX_ITEMS: usize = 150;
/// …and the view spans at most this many days.
const LABEL_MAX_DAYS: f64 = 3.0 * 366.0;
/// Height of the strip of year labels above the lanes.
const HEADER_H: f32 = 22.0;
/// Strip at the top of each lane for its name and the "+n" badges of items that
/// found no free row.
const LANE_TOP: f32 = 18.0;
/// Width of a density bar (one bucket of pixel columns).
const BUCKET_PX: f32 = 3.0;
/// Longest label, in chars, before it is cut with "…".
const LABEL_CHARS: usize = 16;

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
    max_len: Vec<f64>,
    /// Per lane, every marker's x in order: counting the items in a pixel column is
    /// then two binary searches, whatever the corpus size.
    xs: Vec<Vec<f64>>,
    /// First and last day covered by any mark.
    pub range: Option<(f64, f64)>,
}

fn year_start(year: i32) -> f64 {
    NaiveDate::from_ymd_opt(year, 1, 1)
        .map(days_since_epoch)
        .unwrap_or(0.0)
}

fn theme_color(corpus: &Corpus, item: &Item) -> Color32 {
    item.themes
        .first()
        .and_then(|t| corpus.themes.get(t))
        .map(|t| {
            let [r, g, b] = t.rgb();
            Color32::from_rgb(r, g, b)
        })
        .unwrap_or(Color32::from_gray(140))
}

impl Lanes {
    pub fn build(corpus: &Corpus, view: &View, hidden_kinds: &BTreeSet<Kind>) -> Self {
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
            lane.1.push(mark(corpus, i, it));
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

fn mark(corpus: &Corpus, index: usize, it: &Item) -> Mark {
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
        color: theme_color(corpus, it),
    }
}

/// A marker on screen.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Placed {
    pub item: usize,
    pub kind: Kind,
    pub pos: Pos2,
    pub color: Color32,
    /// The goal marker at a target's deadline (the start marker is another `Placed`).
    pub goal: bool,
}

/// A bar between two screen x positions at one row height.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SpanBar {
    pub item: usize,
    pub kind: Kind,
    pub y: f32,
    pub x0: f32,
    pub x1: f32,
    pub color: Color32,
}

/// Text drawn on the timeline.
#[derive(Debug, Clone, PartialEq)]
pub struct Label {
    pub item: usize,
    /// Left centre of the text.
    pub pos: Pos2,
    pub text: String,
    pub strong: bool,
    /// Drawn over a span, so it gets a backing.
    pub boxed: bool,
}

/// Several items that did not fit, shown as one counted badge or density bar;
/// clicking zooms in around `center`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Cluster {
    pub rect: Rect,
    pub count: usize,
    pub center: f64,
    /// A density bar (height ∝ log count) rather than a badge.
    pub bar: bool,
    pub kind: Kind,
}

/// One year's band.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct YearBand {
    pub year: i32,
    /// The band over header and lanes, clipped to the plot.
    pub rect: Rect,
    pub label: bool,
}

/// Everything drawn in one frame, in screen coordinates.
#[derive(Debug, Clone, PartialEq)]
pub struct FrameLayout {
    pub rect: Rect,
    pub header: Rect,
    pub x_range: (f64, f64),
    pub lanes: Vec<(Kind, Rect)>,
    pub years: Vec<YearBand>,
    pub spans: Vec<SpanBar>,
    pub placed: Vec<Placed>,
    pub labels: Vec<Label>,
    pub clusters: Vec<Cluster>,
}

impl FrameLayout {
    /// Screen x of a day.
    pub fn screen_x(&self, x: f64) -> f32 {
        let (a, b) = self.x_range;
        let w = (b - a).max(f64::EPSILON);
        self.rect.left() + ((x - a) / w) as f32 * self.rect.width()
    }

    /// The day at a screen x.
    pub fn day_at(&self, sx: f32) -> f64 {
        let (a, b) = self.x_range;
        a + f64::from((sx - self.rect.left()) / self.rect.width().max(1.0)) * (b - a)
    }

    /// Where an item's (start) marker is, when it is drawn on its own.
    pub fn position_of(&self, item: usize) -> Option<Pos2> {
        self.placed
            .iter()
            .find(|p| p.item == item && !p.goal)
            .map(|p| p.pos)
    }
}

/// The item under `pos`: the nearest marker within `tolerance` points of its edge,
/// or a span bar or label under it. The plot's clicks and hovers and the tests all
/// come through here.
pub fn pick(layout: &FrameLayout, pos: Pos2, tolerance: f32) -> Option<usize> {
    let reach = R + tolerance;
    let best = layout
        .placed
        .iter()
        .map(|p| (p.pos.distance_sq(pos), p.item))
        .filter(|(d, _)| *d <= reach * reach)
        .min_by(|a, b| a.0.total_cmp(&b.0));
    if let Some((_, item)) = best {
        return Some(item);
    }
    let on_span = layout.spans.iter().find(|s| {
        (s.y - pos.y).abs() <= 3.0 + tolerance
            && pos.x >= s.x0.min(s.x1) - tolerance
            && pos.x <= s.x0.max(s.x1) + tolerance
    });
    if let Some(s) = on_span {
        return Some(s.item);
    }
    None
}

/// The cluster (badge or density bar) under `pos`.
pub fn pick_cluster(layout: &FrameLayout, pos: Pos2) -> Option<&Cluster> {
    layout
        .clusters
        .iter()
        .find(|c| c.rect.expand(2.0).contains(pos))
}

/// The year whose header label is under `pos`.
pub fn pick_year(layout: &FrameLayout, pos: Pos2) -> Option<i32> {
    if !layout.header.contains(pos) {
        return None;
    }
    layout
        .years
        .iter()
        .find(|y| pos.x >= y.rect.left() && pos.x < y.rect.right())
        .map(|y| y.year)
}

fn cut(s: &str) -> String {
    let mut out: String = s.chars().take(LABEL_CHARS).collect();
    if s.chars().nth(LABEL_CHARS).is_some() {
        out.push('…');
    }
    out
}

/// The value of a target as its goal label says it: "2,400亿元 @ 2025".
pub fn goal_text(item: &Item) -> Option<String> {
    let deadline = item.deadline?;
    Some(match &item.quantity {
        Some(q) => format!("{} @ {deadline}", q.text),
        None => format!("@ {deadline}"),
    })
}

/// Lays out one frame: `rect` is the plot area on screen and `x_range` the days it
/// shows. `measure` gives a label's width in points (the fonts, or a stand-in in
/// tests).
pub fn layout_frame(
    corpus: &Corpus,
    lanes: &Lanes,
    rect: Rect,
    x_range: (f64, f64),
    measure: &mut dyn FnMut(&str) -> f32,
) -> FrameLayout {
    let mut out = FrameLayout {
        rect,
        x_range,
        header: Rect::from_min_size(rect.min, vec2(rect.width(), HEADER_H)),
        lanes: Vec::new(),
        years: Vec::new(),
        spans: Vec::new(),
        placed: Vec::new(),
        labels: Vec::new(),
        clusters: Vec::new(),
    };
    if !(x_range.0.is_finite() && x_range.1.is_finite() && x_range.1 > x_range.0) {
        return out;
    }
    layout_years(&mut out);
    let body = Rect::from_min_max(pos2(rect.left(), rect.top() + HEADER_H), rect.max);
    let n = lanes.lanes.len().max(1) as f32;
    let lane_h = body.height() / n;
    let span_days = x_range.1 - x_range.0;
    for (li, (kind, marks)) in lanes.lanes.iter().enumerate() {
        let lane_rect = Rect::from_min_size(
            pos2(body.left(), body.top() + li as f32 * lane_h),
            vec2(body.width(), lane_h),
        );
        out.lanes.push((*kind, lane_rect));
        let xs = lanes.xs.get(li).map(Vec::as_slice).unwrap_or(&[]);
        let on_screen =
            xs.partition_point(|&x| x <= x_range.1) - xs.partition_point(|&x| x < x_range.0);
        if on_screen > DENSE {
            layout_density(&mut out, *kind, lane_rect, xs);
        } else {
            let visible = visible_range(
                marks,
                lanes.max_len.get(li).copied().unwrap_or(0.0),
                x_range,
            );
            let marks = &marks[visible];
            let shown = marks
                .iter()
                .filter(|m| m.hi >= x_range.0 && m.lo <= x_range.1)
                .count();
            let labels = shown <= LABEL_MAX_ITEMS && span_days <= LABEL_MAX_DAYS;
            layout_rows(&mut out, corpus, *kind, lane_rect, marks, labels, measure);
        }
    }
    out
}

/// Marks that may be visible: `lo` within the screen, or starting at most the longest
/// span before it.
fn visible_range(marks: &[Mark], max_len: f64, (x0, x1): (f64, f64)) -> std::ops::Range<usize> {
    let start = marks.partition_point(|m| m.lo < x0 - max_len);
    let end = marks.partition_point(|m| m.lo <= x1);
    start..end.max(start)
}

fn layout_years(out: &mut FrameLayout) {
    let (x0, x1) = out.x_range;
    let first = date_from_days(x0).year();
    let last = date_from_days(x1).year();
    // Far out, a label every n years keeps them readable; the bands still alternate.
    let years = (last - first + 1).max(1);
    let px_per_year = out.rect.width() / years as f32;
    let every = [1, 2, 5, 10, 20, 50, 100, 200, 500]
        .into_iter()
        .find(|&n| px_per_year * n as f32 >= 48.0)
        .unwrap_or(1000);
    for year in first..=last.min(first + 3000) {
        let a = out.screen_x(year_start(year)).max(out.rect.left());
        let b = out.screen_x(year_start(year + 1)).min(out.rect.right());
        if b <= a {
            continue;
        }
        out.years.push(YearBand {
            year,
            rect: Rect::from_min_max(pos2(a, out.rect.top()), pos2(b, out.rect.bottom())),
            // A band cut by the plot edge to a sliver gets no label rather than a
            // clipped one.
            label: year.rem_euclid(every) == 0
                && (b - a >= 44.0 || every > 1)
                && (a + b) / 2.0 - out.rect.left() >= 24.0
                && out.rect.right() - (a + b) / 2.0 >= 24.0,
        });
    }
}

/// Density bars: items per bucket of pixel columns, counted by binary search in the
/// lane's sorted x positions (no pass over the items).
fn layout_density(out: &mut FrameLayout, kind: Kind, lane: Rect, xs: &[f64]) {
    let columns = (lane.width() / BUCKET_PX).ceil().max(1.0) as usize;
    let mut counts = vec![0usize; columns];
    let mut prev = xs.partition_point(|&x| x < out.day_at(lane.left()));
    for (c, count) in counts.iter_mut().enumerate() {
        let edge = out.day_at(lane.left() + (c + 1) as f32 * BUCKET_PX);
        let next = xs.partition_point(|&x| x < edge);
        *count = next.saturating_sub(prev);
        prev = next.max(prev);
    }
    let max = counts.iter().copied().max().unwrap_or(0);
    if max == 0 {
        return;
    }
    let scale = ((max + 1) as f32).ln();
    let usable = lane.height() - LANE_TOP - 3.0;
    for (c, &count) in counts.iter().enumerate() {
        if count == 0 {
            continue;
        }
        let h = (usable * ((count + 1) as f32).ln() / scale).max(2.0);
        let left = lane.left() + c as f32 * BUCKET_PX;
        let rect = Rect::from_min_max(
            pos2(left, lane.bottom() - 3.0 - h),
            pos2(left + BUCKET_PX - 0.5, lane.bottom() - 3.0),
        );
        out.clusters.push(Cluster {
            rect,
            count,
            center: out.day_at(left + BUCKET_PX / 2.0),
            bar: true,
            kind,
        });
    }
}

fn layout_rows(
    out: &mut FrameLayout,
    corpus: &Corpus,
    kind: Kind,
    lane: Rect,
    marks: &[Mark],
    labels: bool,
    measure: &mut dyn FnMut(&str) -> f32,
) {
    const GAP: f32 = 4.0;
    let row_h = if labels { 18.0 } else { 2.0 * R + 4.0 };
    let usable = lane.height() - LANE_TOP - 3.0;
    let rows = (usable / row_h).floor().max(1.0) as usize;
    let top = lane.top() + LANE_TOP;
    let mut row_end = vec![f32::NEG_INFINITY; rows];
    let (x0, x1) = out.x_range;
    for m in marks {
        if m.hi < x0 || m.lo > x1 {
            continue;
        }
        let Some(it) = corpus.items.get(m.item) else {
            continue;
        };
        let sx = out.screen_x(m.x);
        let lo_px = out.screen_x(m.lo) - R;
        let mut hi_px = out.screen_x(m.hi) + R;
        // Off-screen parts do not take room: a span reaching far left must not
        // push everything else out of its row.
        let lo_px = lo_px.max(lane.left() - 2.0 * R);
        // Whether a row is free depends only on where the mark starts, so the labels
        // (strings, text layout) are made only for marks that get a row.
        let Some(row) = row_end.iter().position(|&e| e + GAP <= lo_px) else {
            let badge_x = sx.clamp(lane.left() + 64.0, lane.right() - 16.0);
            overflow(out, kind, lane, badge_x, m.x);
            continue;
        };
        let goal = m.goal.zip(goal_text(it));
        let label = if labels {
            let title = cut(&it.title);
            Some(match &goal {
                Some((_, g)) => format!("{g}  {title}"),
                None => title,
            })
        } else {
            goal.as_ref().map(|(_, g)| g.clone())
        };
        if let Some(l) = &label {
            hi_px += 3.0 + measure(l);
        }
        row_end[row] = hi_px;
        let y = top + (row as f32 + 0.5) * row_h;
        if let Some((a, b)) = m.span {
            out.spans.push(SpanBar {
                item: m.item,
                kind,
                y,
                x0: out.screen_x(a),
                x1: out.screen_x(b),
                color: m.color,
            });
        }
        if let Some((g, _)) = &goal {
            let gx = out.screen_x(*g);
            out.spans.push(SpanBar {
                item: m.item,
                kind,
                y,
                x0: sx,
                x1: gx,
                color: m.color,
            });
            out.placed.push(Placed {
                item: m.item,
                kind,
                pos: pos2(gx, y),
                color: m.color,
                goal: true,
            });
        }
        out.placed.push(Placed {
            item: m.item,
            kind,
            pos: pos2(sx, y),
            color: m.color,
            goal: false,
        });
        if let Some(text) = label {
            // After the mark's right end; when that is off screen (a span running
            // past the edge), on the span just after the marker or the lane name,
            // on a backing so the line does not run through the text.
            let natural = out.screen_x(m.hi) + R + 3.0;
            let (x, boxed) = if natural + 24.0 > lane.right() && m.hi > m.x {
                ((sx + R + 3.0).max(lane.left() + 64.0), true)
            } else {
                (natural, false)
            };
            out.labels.push(Label {
                item: m.item,
                pos: pos2(x, y),
                text,
                strong: goal.is_some(),
                boxed,
            });
        }
    }
}

/// An item with no free row: counted in a badge at the top of its lane.
fn overflow(out: &mut FrameLayout, kind: Kind, lane: Rect, sx: f32, x: f64) {
    if let Some(c) = out.clusters.last_mut()
        && !c.bar
        && c.kind == kind
        && (c.rect.center().x - sx).abs() < 18.0
    {
        c.count += 1;
        return;
    }
    out.clusters.push(Cluster {
        rect: Rect::from_center_size(pos2(sx, lane.top() + LANE_TOP / 2.0), vec2(26.0, 13.0)),
        count: 1,
        center: x,
        bar: false,
        kind,
    });
}

/// A colour per lane for density bars and lane names.
pub fn kind_color(kind: Kind) -> Color32 {
    match kind {
        Kind::Event => Color32::from_rgb(0x5b, 0x7d, 0xb1),
        Kind::Policy => Color32::from_rgb(0x8e, 0x6c, 0xb8),
        Kind::Target => Color32::from_rgb(0xd0, 0x7a, 0x2c),
        Kind::Metric => Color32::from_rgb(0x3f, 0x9a, 0x86),
    }
}

/// A marker's shape: circle, square, diamond or triangle by kind, so kinds stay
/// apart for readers who cannot tell the theme colours apart.
pub fn marker(kind: Kind, c: Pos2, r: f32, fill: Color32, stroke: Stroke) -> Shape {
    match kind {
        Kind::Event => Shape::circle_filled(c, r, fill).with_stroke(stroke),
        Kind::Policy => Shape::rect_filled(
            Rect::from_center_size(c, Vec2::splat(1.7 * r)),
            CornerRadius::same(1),
            fill,
        )
        .with_stroke(stroke),
        Kind::Target => Shape::convex_polygon(
            vec![
                c + vec2(0.0, -1.25 * r),
                c + vec2(1.25 * r, 0.0),
                c + vec2(0.0, 1.25 * r),
                c + vec2(-1.25 * r, 0.0),
            ],
            fill,
            stroke,
        ),
        Kind::Metric => Shape::convex_polygon(
            vec![
                c + vec2(0.0, -1.2 * r),
                c + vec2(1.1 * r, 0.8 * r),
                c + vec2(-1.1 * r, 0.8 * r),
            ],
            fill,
            stroke,
        ),
    }
}

trait WithStroke {
    fn with_stroke(self, stroke: Stroke) -> Shape;
}

impl WithStroke for Shape {
    fn with_stroke(self, stroke: Stroke) -> Shape {
        match self {
            Shape::Circle(mut c) => {
                c.stroke = stroke;
                Shape::Circle(c)
            }
            Shape::Rect(mut r) => {
                r.stroke = stroke;
                r.stroke_kind = StrokeKind::Outside;
                Shape::Rect(r)
            }
            other => other,
        }
    }
}

/// What the timeline keeps between frames.
#[derive(Default)]
pub struct TimelineState {
    /// A change of the visible range to make at the next frame.
    pub pending: Option<Pending>,
    /// The last frame's layout: what the pointer hit-tests against and what tests
    /// read to find where an item is.
    pub last: Option<FrameLayout>,
}

/// A requested change of the visible range.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Pending {
    Fit,
    Range(f64, f64),
    /// Pan (keeping the zoom) so that this day is on screen.
    Reveal(f64),
}

/// What the timeline reads from the app.
pub struct TimelineInput<'a> {
    pub corpus: &'a Corpus,
    pub lanes: &'a Lanes,
    pub selected: Option<usize>,
    /// A load is running: an empty timeline says so instead of "nothing matches".
    pub loading: bool,
    pub lang: Lang,
}

/// The x range showing one year, with a little of its neighbours.
pub fn year_range(year: i32) -> (f64, f64) {
    let a = year_start(year);
    let b = year_start(year + 1);
    (a - 12.0, b + 12.0)
}

pub fn timeline_ui(
    ui: &mut egui::Ui,
    input: &TimelineInput<'_>,
    state: &mut TimelineState,
    commands: &mut Vec<Command>,
) {
    let lang = input.lang;
    let dark = ui.visuals().dark_mode;
    // Reserve a slot below the plot's grid for the year bands and background.
    let background = ui.painter().add(Shape::Noop);
    let pending = state.pending.take();
    let fit = input.lanes.fit();
    let grid_lang = lang;
    let plot = Plot::new("timeline")
        .allow_zoom([true, false])
        .allow_drag([true, false])
        .allow_scroll([true, false])
        .allow_boxed_zoom(false)
        .allow_double_click_reset(false)
        .show_axes([true, false])
        .show_grid([true, false])
        .show_background(false)
        .show_x(false)
        .show_y(false)
        .x_grid_spacer(time_grid)
        .x_axis_formatter(move |mark, range| time_label(mark, range, grid_lang))
        .include_y(0.0)
        .include_y(1.0);
    let response = plot.show(ui, |plot_ui| {
        let bounds = plot_ui.plot_bounds();
        let mut x = (bounds.min()[0], bounds.max()[0]);
        let valid = x.0.is_finite() && x.1.is_finite() && x.1 > x.0;
        match pending {
            Some(Pending::Fit) => x = fit,
            Some(Pending::Range(a, b)) if b > a => x = (a, b),
            Some(Pending::Reveal(d)) if valid && (d < x.0 || d > x.1) => {
                let half = (x.1 - x.0) / 2.0;
                x = (d - half, d + half);
            }
            _ if !valid => x = fit,
            _ => {}
        }
        // Zooming out past a few millennia or in past an hour helps no one and
        // leaves chrono's range.
        let width = (x.1 - x.0).clamp(0.05, 3.0e5);
        let mid = ((x.0 + x.1) / 2.0).clamp(-7.0e5, 7.0e5);
        let x = (mid - width / 2.0, mid + width / 2.0);
        if x != (bounds.min()[0], bounds.max()[0])
            || bounds.min()[1] != 0.0
            || bounds.max()[1] != 1.0
        {
            plot_ui.set_plot_bounds(PlotBounds::from_min_max([x.0, 0.0], [x.1, 1.0]));
        }
    });
    let rect = *response.transform.frame();
    let b = response.transform.bounds();
    let x_range = (b.min()[0], b.max()[0]);
    let font = FontId::proportional(12.0);
    let label_color = ui.visuals().text_color();
    let layout = {
        let painter = ui.painter();
        let mut measure = |s: &str| {
            painter
                .layout_no_wrap(s.to_owned(), font.clone(), label_color)
                .size()
                .x
        };
        layout_frame(input.corpus, input.lanes, rect, x_range, &mut measure)
    };

    // Background and bands behind the grid.
    let bg = ui.visuals().extreme_bg_color;
    let band = if dark {
        Color32::from_white_alpha(16)
    } else {
        Color32::from_black_alpha(14)
    };
    let mut back = vec![Shape::rect_filled(rect, 0.0, bg)];
    for y in &layout.years {
        if y.year.rem_euclid(2) == 0 {
            back.push(Shape::rect_filled(y.rect, 0.0, band));
        }
    }
    for (i, (_, r)) in layout.lanes.iter().enumerate() {
        if i > 0 {
            back.push(Shape::line_segment(
                [r.left_top(), r.right_top()],
                Stroke::new(1.0, ui.visuals().widgets.noninteractive.bg_stroke.color),
            ));
        }
    }
    ui.painter().set(background, Shape::Vec(back));

    let hover = response.response.hover_pos().filter(|p| rect.contains(*p));
    let hovered = hover.and_then(|p| pick(&layout, p, 3.0));
    paint(ui, input, &layout, hovered, lang);
    if input.lanes.range.is_none() {
        let text = if input.loading {
            T::Loading
        } else if input.corpus.items.is_empty() {
            T::NoItemsLoaded
        } else {
            T::NoItemsMatch
        };
        ui.painter().text(
            rect.center(),
            egui::Align2::CENTER_CENTER,
            text.get(lang),
            FontId::proportional(16.0),
            ui.visuals().weak_text_color(),
        );
    }

    // Interaction: the plot already pans and zooms; clicks are ours.
    let r = &response.response;
    if r.double_clicked() {
        state.pending = Some(Pending::Fit);
        ui.ctx().request_repaint();
    } else if r.clicked()
        && let Some(p) = r.interact_pointer_pos()
    {
        if let Some(year) = pick_year(&layout, p) {
            let (a, b) = year_range(year);
            state.pending = Some(Pending::Range(a, b));
            ui.ctx().request_repaint();
        } else if let Some(item) = pick(&layout, p, 3.0) {
            commands.push(Command::Select(Some(item)));
        } else if let Some(c) = pick_cluster(&layout, p) {
            let w = (x_range.1 - x_range.0) / 6.0;
            state.pending = Some(Pending::Range(c.center - w / 2.0, c.center + w / 2.0));
            ui.ctx().request_repaint();
        } else {
            commands.push(Command::Select(None));
        }
    }
    if let Some(p) = hover {
        if let Some(item) = hovered.and_then(|i| input.corpus.items.get(i)) {
            let doc = input.corpus.document(&item.doc);
            r.clone()
                .on_hover_ui_at_pointer(|ui| tooltip(ui, item, doc, lang));
        } else if let Some(c) = pick_cluster(&layout, p) {
            let n = c.count;
            r.clone().on_hover_ui_at_pointer(|ui| {
                ui.label(format!("{n} {}", T::ItemsShown.get(lang)));
            });
        } else if let Some(year) = pick_year(&layout, p) {
            r.clone().on_hover_ui_at_pointer(|ui| {
                ui.label(format!(
                    "{} · {}",
                    i18n::year(year, lang),
                    T::ClickToZoom.get(lang)
                ));
            });
        }
    }
    state.last = Some(layout);
}

fn tooltip(ui: &mut egui::Ui, item: &Item, doc: Option<&crate::corpus::Document>, lang: Lang) {
    ui.set_max_width(360.0);
    ui.label(
        egui::RichText::new(format!("{} · {}", i18n::kind(item.kind, lang), item.date))
            .small()
            .weak(),
    );
    ui.label(egui::RichText::new(&item.title).strong());
    if let Some(g) = goal_text(item) {
        ui.label(format!("{}: {g}", T::Goal.get(lang)));
    } else if let Some(q) = &item.quantity {
        ui.label(&q.text);
    }
    if let Some(d) = doc {
        let title = d.title.as_deref().unwrap_or(&d.id);
        ui.label(egui::RichText::new(title).small().weak());
    }
}

fn paint(
    ui: &egui::Ui,
    input: &TimelineInput<'_>,
    layout: &FrameLayout,
    hovered: Option<usize>,
    lang: Lang,
) {
    let painter = ui.painter_at(layout.rect);
    let visuals = ui.visuals();
    let text = visuals.text_color();
    let weak = visuals.weak_text_color();
    let outline = if visuals.dark_mode {
        Color32::from_gray(20)
    } else {
        Color32::WHITE
    };
    let mut shapes = Vec::with_capacity(layout.placed.len() * 2 + layout.clusters.len());
    for s in &layout.spans {
        let c = s.color.gamma_multiply(0.55);
        shapes.push(Shape::line_segment(
            [pos2(s.x0, s.y), pos2(s.x1, s.y)],
            Stroke::new(if s.kind == Kind::Policy { 5.0 } else { 2.0 }, c),
        ));
    }
    for c in &layout.clusters {
        if c.bar {
            shapes.push(Shape::rect_filled(
                c.rect,
                0.0,
                kind_color(c.kind).gamma_multiply(0.8),
            ));
        }
    }
    for p in &layout.placed {
        let selected = input.selected == Some(p.item);
        let r = if hovered == Some(p.item) { R + 1.5 } else { R };
        if selected {
            shapes.push(Shape::circle_stroke(
                p.pos,
                r + 4.0,
                Stroke::new(2.0, visuals.selection.stroke.color),
            ));
        }
        if p.goal {
            // A goal is a flag: pole and pennant, so it reads as "to reach by".
            let pole = Stroke::new(1.5, p.color);
            shapes.push(Shape::line_segment(
                [p.pos + vec2(0.0, 6.0), p.pos + vec2(0.0, -7.0)],
                pole,
            ));
            shapes.push(Shape::convex_polygon(
                vec![
                    p.pos + vec2(0.0, -7.0),
                    p.pos + vec2(8.0, -4.0),
                    p.pos + vec2(0.0, -1.0),
                ],
                p.color,
                Stroke::NONE,
            ));
        } else {
            shapes.push(marker(p.kind, p.pos, r, p.color, Stroke::new(1.0, outline)));
        }
    }
    painter.extend(shapes);
    let font = FontId::proportional(12.0);
    for l in &layout.labels {
        let color = if input.selected == Some(l.item) || l.strong {
            text
        } else {
            weak
        };
        if l.boxed {
            let galley = painter.layout_no_wrap(l.text.clone(), font.clone(), color);
            let r = egui::Align2::LEFT_CENTER
                .anchor_size(l.pos, galley.size())
                .expand2(vec2(3.0, 0.0));
            painter.rect_filled(r, CornerRadius::same(3), visuals.extreme_bg_color);
            painter.galley(r.min + vec2(3.0, 0.0), galley, color);
        } else {
            painter.text(
                l.pos,
                egui::Align2::LEFT_CENTER,
                &l.text,
                font.clone(),
                color,
            );
        }
    }
    let small = FontId::proportional(10.5);
    for c in layout.clusters.iter().filter(|c| !c.bar) {
        painter.rect_filled(
            c.rect,
            CornerRadius::same(6),
            visuals.widgets.inactive.bg_fill,
        );
        painter.text(
            c.rect.center(),
            egui::Align2::CENTER_CENTER,
            format!("+{}", c.count),
            small.clone(),
            text,
        );
    }
    // Header: the year labels, and lane names on the left edge.
    painter.rect_filled(layout.header, 0.0, visuals.faint_bg_color);
    let header_font = FontId::proportional(13.0);
    for y in layout.years.iter().filter(|y| y.label) {
        let x = y.rect.center().x;
        painter.text(
            pos2(x, layout.header.center().y),
            egui::Align2::CENTER_CENTER,
            i18n::year(y.year, lang),
            header_font.clone(),
            text,
        );
    }
    for (kind, r) in &layout.lanes {
        let name = i18n::lane(*kind, lang);
        let galley = painter.layout_no_wrap(
            name.to_owned(),
            FontId::proportional(12.0),
            kind_color(*kind),
        );
        let bg_rect = Rect::from_min_size(
            r.left_top() + vec2(4.0, 3.0),
            galley.size() + vec2(8.0, 2.0),
        );
        painter.rect_filled(
            bg_rect,
            CornerRadius::same(3),
            visuals.extreme_bg_color.gamma_multiply(0.9),
        );
        painter.galley(bg_rect.min + vec2(4.0, 1.0), galley, text);
    }
}

/// Grid marks for a time axis: years (or decades, centuries when far out), months
/// when a month is wide enough to see.
fn time_grid(input: GridInput) -> Vec<GridMark> {
    let (a, b) = input.bounds;
    if !(a.is_finite() && b.is_finite()) || b <= a {
        return Vec::new();
    }
    let first = date_from_days(a).year();
    let last = date_from_days(b).year();
    let mut out = Vec::new();
    let year_step = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000]
        .into_iter()
        .find(|&n| 365.25 * n as f64 >= input.base_step_size * 2.0)
        .unwrap_or(1000);
    let mut y = first - first.rem_euclid(year_step);
    while y <= last + 1 && out.len() < 2000 {
        out.push(GridMark {
            value: year_start(y),
            step_size: 365.25 * year_step as f64,
        });
        y += year_step;
    }
    if year_step == 1 && 30.4 >= input.base_step_size && last - first < 200 {
        for y in first..=last {
            for m in 2..=12 {
                if let Some(d) = NaiveDate::from_ymd_opt(y, m, 1) {
                    out.push(GridMark {
                        value: days_since_epoch(d),
                        step_size: 30.4,
                    });
                }
            }
        }
    }
    out
}

/// Axis labels: the year under year marks, month names when zoomed in.
fn time_label(mark: GridMark, range: &std::ops::RangeInclusive<f64>, lang: Lang) -> String {
    let d = date_from_days(mark.value + 0.5);
    if mark.step_size >= 365.0 {
        return i18n::year(d.year(), lang);
    }
    let days = range.end() - range.start();
    if days < 2.5 * 366.0 {
        i18n::month(d.month(), lang)
    } else {
        String::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Document;
    use crate::extract::Themes;
    use crate::model::Filter;
    use crate::time::PartialDate;

    fn item(n: usize, kind: Kind, date: PartialDate) -> Item {
        Item {
            id: format!("d#{n}"),
            kind,
            date,
            end_date: None,
            title: format!("条目{n}"),
            themes: vec!["ai".into()],
            doc: "d".into(),
            quote: String::new(),
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

    fn corpus(items: Vec<Item>) -> Corpus {
        let d = Document {
            id: "d".into(),
            ..Default::default()
        };
        Corpus::from_parts(vec![d], items, Vec::new(), Themes::builtin())
    }

    fn frame(c: &Corpus, x: (f64, f64)) -> FrameLayout {
        let view = View::new(c, &Filter::default());
        let lanes = Lanes::build(c, &view, &BTreeSet::new());
        let rect = Rect::from_min_size(pos2(0.0, 0.0), vec2(1000.0, 600.0));
        layout_frame(c, &lanes, rect, x, &mut |s: &str| {
            7.0 * s.chars().count() as f32
        })
    }

    #[test]
    fn same_day_items_stack_without_overlap_and_pick_finds_each() {
        let day = PartialDate::day(2024, 11, 16).unwrap();
        let c = corpus((0..6).map(|n| item(n, Kind::Event, day)).collect());
        let x = day.midpoint_days();
        let f = frame(&c, (x - 400.0, x + 400.0));
        assert_eq!(f.placed.len(), 6);
        for (i, p) in f.placed.iter().enumerate() {
            for q in &f.placed[i + 1..] {
                assert!(p.pos.distance(q.pos) >= 2.0 * R, "{p:?} {q:?}");
            }
            assert_eq!(pick(&f, p.pos + vec2(1.0, 1.0), 2.0), Some(p.item));
        }
        // Far from every marker: nothing.
        assert_eq!(pick(&f, pos2(5.0, 590.0), 3.0), None);
        // Off screen entirely: nothing laid out.
        let f = frame(&c, (x + 1000.0, x + 2000.0));
        assert!(f.placed.is_empty());
    }

    #[test]
    fn many_items_become_density_bars_counting_every_item() {
        let items: Vec<Item> = (0..5000)
            .map(|n| {
                item(
                    n,
                    Kind::Metric,
                    PartialDate::day(
                        2020 + (n % 5) as i32,
                        1 + (n % 12) as u32,
                        1 + (n % 28) as u32,
                    )
                    .unwrap(),
                )
            })
            .collect();
        let c = corpus(items);
        let f = frame(&c, (year_start(2019), year_start(2026)));
        assert!(f.placed.is_empty());
        let total: usize = f.clusters.iter().filter(|c| c.bar).map(|c| c.count).sum();
        assert_eq!(total, 5000);
        assert!(f.clusters.iter().all(|c| c.rect.height() > 0.0));
    }

    #[test]
    fn a_target_reaches_its_deadline_and_a_policy_spans_its_period() {
        let mut t = item(0, Kind::Target, PartialDate::month(2023, 6).unwrap());
        t.deadline = Some(2025);
        let mut p = item(1, Kind::Policy, PartialDate::month(2024, 1).unwrap());
        p.period = Some([2024, 2026]);
        let c = corpus(vec![t, p]);
        let f = frame(&c, (year_start(2022), year_start(2028)));
        let target = c.item_index("d#0").unwrap();
        let goal = f
            .placed
            .iter()
            .find(|p| p.item == target && p.goal)
            .unwrap();
        assert!((goal.pos.x - f.screen_x(year_start(2026) - 1.0)).abs() < 1.0);
        let policy = c.item_index("d#1").unwrap();
        let bar = f.spans.iter().find(|s| s.item == policy).unwrap();
        assert!((bar.x0 - f.screen_x(year_start(2024))).abs() < 1.0);
        assert!((bar.x1 - f.screen_x(year_start(2027))).abs() < 1.0);
        // The span itself is clickable, between its ends.
        assert_eq!(
            pick(&f, pos2((bar.x0 + bar.x1) / 2.0 + 40.0, bar.y), 2.0),
            Some(policy)
        );
        // The header picks years.
        let y2024 = f.years.iter().find(|y| y.year == 2024).unwrap();
        assert_eq!(pick_year(&f, pos2(y2024.rect.center().x, 5.0)), Some(2024));
    }

    #[test]
    fn grid_has_years_and_months_when_zoomed_in() {
        let a = year_start(2024);
        let b = year_start(2025);
        let marks = time_grid(GridInput {
            bounds: (a - 1.0, b + 1.0),
            base_step_size: 2.0,
        });
        let years = marks.iter().filter(|m| m.step_size > 365.0).count();
        let months = marks.iter().filter(|m| m.step_size < 31.0).count();
        assert!(years >= 2, "{marks:?}");
        assert!(months >= 11);
        // Far out: no months, and a bounded number of marks.
        let marks = time_grid(GridInput {
            bounds: (-7.0e5, 7.0e5),
            base_step_size: 5000.0,
        });
        assert!(marks.iter().all(|m| m.step_size > 365.0));
        assert!(marks.len() < 2001);
    }
}
