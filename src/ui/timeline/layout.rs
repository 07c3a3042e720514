//! One frame's layout in screen space: rows, labels, clusters and density bars, and
//! hit-testing against it. Pure functions of the data and the screen rectangle, so
//! the painting and the tests both use them.

use super::lanes::{Lanes, Mark, year_start};
use crate::extract::Kind;
use crate::model::Corpus;
use crate::time::date_from_days;
use crate::ui::style::goal_text;
use chrono::Datelike;
use egui::{Color32, Pos2, Rect, pos2, vec2};

/// Marker radius in points.
pub const R: f32 = 5.0;
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
