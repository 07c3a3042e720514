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
/// Narrowest room worth a label (about two characters and the ellipsis).
const LABEL_MIN_PX: f32 = 30.0;
/// A lane has at most one label per this many points of its width.
const LABEL_SPACING_PX: f32 = 40.0;
/// Height of a row of markers and their labels.
const ROW_H: f32 = 17.0;
/// Height of the strip of year labels above the lanes.
const HEADER_H: f32 = 22.0;
/// Strip at the top of each lane for its name and the "+n" badges of items that
/// found no free row.
const LANE_TOP: f32 = 18.0;
/// Width of a density bar (one bucket of pixel columns).
const BUCKET_PX: f32 = 3.0;
/// Longest label, in chars, before it is cut with "…" whatever the room.
const LABEL_CHARS: usize = 24;

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
    /// Room the text was given (its width at most): the label's box for hit-testing
    /// and for keeping labels apart.
    pub width: f32,
    /// Cut with "…"; the full text is in the hover.
    pub cut: bool,
    pub strong: bool,
    /// Drawn over a span, so it gets a backing.
    pub boxed: bool,
}

impl Label {
    pub fn rect(&self) -> Rect {
        Rect::from_min_size(
            pos2(self.pos.x, self.pos.y - ROW_H / 2.0 + 1.0),
            vec2(self.width, ROW_H - 2.0),
        )
    }
}

/// Several items that did not fit, shown as one counted badge or density bar;
/// clicking zooms in around `center`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Cluster {
    pub rect: Rect,
    pub count: usize,
    pub center: f64,
    /// The days it gathers (for the tooltip's period and counts).
    pub from: f64,
    pub to: f64,
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
    layout
        .labels
        .iter()
        .find(|l| l.rect().contains(pos))
        .map(|l| l.item)
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

/// `s` cut with "…" to fit `room` points, given its full width; None when not even
/// two characters fit. Widths of CJK text are close to proportional to the char
/// count, so one measurement of the whole is enough.
fn fit(s: &str, full: f32, room: f32) -> Option<(String, bool)> {
    let n = s.chars().count();
    if full <= room && n <= LABEL_CHARS {
        return Some((s.to_owned(), false));
    }
    let per_char = full / n.max(1) as f32;
    // Room for the ellipsis (one char) and a little slack for the estimate.
    let fits = ((room * 0.95) / per_char.max(1.0)).floor() as usize;
    let keep = fits.saturating_sub(1).min(LABEL_CHARS);
    if keep < 2 {
        return None;
    }
    let mut out: String = s.chars().take(keep).collect();
    out.push('…');
    Some((out, true))
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
            layout_rows(&mut out, corpus, *kind, lane_rect, marks, measure);
        }
        merge_badges(&mut out, *kind);
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
            from: out.day_at(left),
            to: out.day_at(left + BUCKET_PX),
            bar: true,
            kind,
        });
    }
}

/// Rows of one lane: each mark goes to the first row free at its left end, so marks
/// never overlap; a mark with no free row is counted in a "+n" badge. Then labels,
/// greedily left to right in each row: a label takes the room up to the next mark
/// of its row (rows are a label high, so labels of different rows cannot meet), cut
/// with "…" when that room is short, left out when it is shorter than two chars.
fn layout_rows(
    out: &mut FrameLayout,
    corpus: &Corpus,
    kind: Kind,
    lane: Rect,
    marks: &[Mark],
    measure: &mut dyn FnMut(&str) -> f32,
) {
    const GAP: f32 = 4.0;
    let usable = lane.height() - LANE_TOP - 3.0;
    let rows = (usable / ROW_H).floor().max(1.0) as usize;
    let top = lane.top() + LANE_TOP;
    let mut row_end = vec![f32::NEG_INFINITY; rows];
    // Per row: (left px of the mark, its right end px, placed mark's index in `out`).
    let mut in_row: Vec<Vec<(f32, f32, usize)>> = vec![Vec::new(); rows];
    let (x0, x1) = out.x_range;
    let first_label = out.labels.len();
    for m in marks {
        if m.hi < x0 || m.lo > x1 {
            continue;
        }
        let Some(it) = corpus.items.get(m.item) else {
            continue;
        };
        let sx = out.screen_x(m.x);
        let lo_px = out.screen_x(m.lo) - R;
        let hi_px = out.screen_x(m.hi) + R;
        // Off-screen parts do not take room: a span reaching far left must not
        // push everything else out of its row.
        let lo_px = lo_px.max(lane.left() - 2.0 * R);
        // The first row with room for the mark; when there is none (the common
        // case in a crowded lane) the mark is only counted, at no further cost.
        let Some(free) = row_end.iter().position(|&e| e + GAP <= lo_px) else {
            let badge_x = sx.clamp(lane.left() + 64.0, lane.right() - 16.0);
            overflow(out, kind, lane, badge_x, m.x);
            continue;
        };
        // A row with room for the label too, if there is one: marks spread over
        // the rows instead of crowding the first, so labels fit.
        let want = label_room(it).min(LABEL_RESERVE);
        let (row, roomy) = row_end[free..]
            .iter()
            .position(|&e| e + GAP + want <= lo_px)
            .map_or((free, false), |r| (free + r, true));
        row_end[row] = if roomy { hi_px + want } else { hi_px };
        let y = top + (row as f32 + 0.5) * ROW_H;
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
        let goal = m.goal.filter(|_| it.deadline.is_some());
        if let Some(g) = goal {
            let gx = out.screen_x(g);
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
        in_row[row].push((lo_px, hi_px, out.placed.len() - 1));
    }
    // Candidates from every row in time order, so the cap below spreads labels
    // over the lane instead of filling its left part.
    let mut candidates: Vec<(f32, f32, f32, usize)> = Vec::new();
    for list in &mut in_row {
        list.sort_by(|a, b| a.0.total_cmp(&b.0));
        for (k, &(_, hi_px, p)) in list.iter().enumerate() {
            let next = list
                .get(k + 1)
                .map_or(lane.right(), |n| n.0.min(lane.right()));
            candidates.push((out.placed[p].pos.x, hi_px, next, p));
        }
    }
    candidates.sort_by(|a, b| a.0.total_cmp(&b.0));
    // Each label is text to lay out and paint: a lane gets at most one per this
    // many points of its width, which bounds a frame's cost at any density. When
    // more marks could take one, every k-th does, so labels spread over the lane.
    let budget = ((lane.width() / LABEL_SPACING_PX) as usize).max(8);
    let stride = candidates.len().div_ceil(budget).max(1);
    for (k, (_, hi_px, next, p)) in candidates.into_iter().enumerate() {
        if k % stride != 0 {
            continue;
        }
        let placed = out.placed[p];
        let Some(it) = corpus.items.get(placed.item) else {
            continue;
        };
        let target = it.kind == Kind::Target && it.deadline.is_some();
        let text = if target {
            goal_label(it).unwrap_or_default()
        } else {
            it.title.clone()
        };
        if text.is_empty() {
            continue;
        }
        // After the mark's right end; when that is off screen (a span running
        // past the edge), on the span just after the marker, on a backing so
        // the line does not run through the text.
        let natural = hi_px + 3.0;
        let (x, boxed, room) = if natural + LABEL_MIN_PX > lane.right() && hi_px > placed.pos.x + R
        {
            let x = (placed.pos.x + R + 3.0).max(lane.left() + 64.0);
            (x, true, lane.right() - x)
        } else {
            (natural, false, next - GAP - natural)
        };
        if room < LABEL_MIN_PX {
            continue;
        }
        let full = measure(&text);
        let Some((text, cut)) = fit(&text, full, room) else {
            continue;
        };
        let width = if cut { room } else { full.min(room) };
        out.labels.push(Label {
            item: placed.item,
            pos: pos2(x, placed.pos.y),
            text,
            width,
            cut,
            strong: target,
            boxed,
        });
    }
    debug_assert!(out.labels[first_label..].iter().all(|l| l.width > 0.0));
}

/// A target's label: what, how much, by when ("产业规模 2,400亿元 @ 2025").
pub fn goal_label(it: &crate::extract::Item) -> Option<String> {
    let g = goal_text(it)?;
    Some(match it.subject.as_deref().filter(|s| !s.is_empty()) {
        Some(s) => format!("{s} {g}"),
        None => g,
    })
}

/// Most room a label reserves in its row when its mark is placed; a longer label
/// still gets what is free up to the next mark.
const LABEL_RESERVE: f32 = 110.0;

/// Room a mark's label would like, estimated from its length (a CJK char of the
/// 12 pt label font is about 12 points wide; this runs for every mark, so no text
/// is laid out here).
fn label_room(it: &crate::extract::Item) -> f32 {
    let chars = if it.kind == Kind::Target && it.deadline.is_some() {
        it.subject.as_deref().map_or(0, |s| s.chars().count()) + 12
    } else {
        it.title.chars().count()
    };
    3.0 + 12.0 * chars.min(LABEL_CHARS) as f32
}

/// Width of a "+n" badge: room for its digits.
fn badge_width(count: usize) -> f32 {
    14.0 + 6.5 * count.to_string().len() as f32
}

/// An item with no free row: counted in a badge at the top of its lane.
fn overflow(out: &mut FrameLayout, kind: Kind, lane: Rect, sx: f32, x: f64) {
    if let Some(c) = out.clusters.last_mut()
        && !c.bar
        && c.kind == kind
        && (c.rect.center().x - sx).abs() < 18.0
    {
        c.count += 1;
        c.from = c.from.min(x);
        c.to = c.to.max(x);
        let w = badge_width(c.count);
        c.rect = Rect::from_center_size(c.rect.center(), vec2(w, 13.0));
        return;
    }
    out.clusters.push(Cluster {
        rect: Rect::from_center_size(
            pos2(sx, lane.top() + LANE_TOP / 2.0),
            vec2(badge_width(1), 13.0),
        ),
        count: 1,
        center: x,
        from: x,
        to: x,
        bar: false,
        kind,
    });
}

/// Merges the lane's badges until none overlaps another: marks come in order of
/// their left end, not their marker, so badges can land on each other.
fn merge_badges(out: &mut FrameLayout, kind: Kind) {
    let first = out
        .clusters
        .iter()
        .position(|c| !c.bar && c.kind == kind)
        .unwrap_or(out.clusters.len());
    let mut badges: Vec<Cluster> = out.clusters.split_off(first);
    let (mut mine, others): (Vec<Cluster>, Vec<Cluster>) =
        badges.drain(..).partition(|c| !c.bar && c.kind == kind);
    mine.sort_by(|a, b| a.rect.center().x.total_cmp(&b.rect.center().x));
    let mut merged: Vec<Cluster> = Vec::with_capacity(mine.len());
    for c in mine {
        let mut c = c;
        while let Some(prev) = merged.last()
            && prev.rect.right() + 2.0 > c.rect.left()
        {
            let prev = merged.pop().unwrap_or(c);
            let count = prev.count + c.count;
            // Centred between the two, weighted by what each counts.
            let cx = (prev.rect.center().x * prev.count as f32
                + c.rect.center().x * c.count as f32)
                / count as f32;
            let w = badge_width(count);
            let cx = cx
                .max(out.rect.left() + w / 2.0)
                .min(out.rect.right() - w / 2.0);
            c = Cluster {
                rect: Rect::from_center_size(pos2(cx, c.rect.center().y), vec2(w, 13.0)),
                count,
                center: (prev.center * prev.count as f64 + c.center * c.count as f64)
                    / count as f64,
                from: prev.from.min(c.from),
                to: prev.to.max(c.to),
                bar: false,
                kind,
            };
        }
        merged.push(c);
    }
    out.clusters.extend(others);
    out.clusters.extend(merged);
}
