//! The timeline chart: one lane per item kind, x in days.

use super::spec::*;
use super::{Lang, finish, item_detail, nice_int_step, theme_legend};
use crate::extract::display::format_qualified;
use crate::extract::{Item, Kind};
use crate::model::{Corpus, View};
use crate::time::{PartialDate, days_since_epoch};
use std::collections::BTreeSet;

/// Timeline lane of a kind: y of the lane centre (events on top).
pub fn lane(kind: Kind) -> f64 {
    match kind {
        Kind::Event => 3.0,
        Kind::Policy => 2.0,
        Kind::Target => 1.0,
        Kind::Metric => 0.0,
    }
}

/// A lane's name in `lang` (plural): the timeline's y axis and legend.
pub fn lane_name(kind: Kind, lang: Lang) -> &'static str {
    match (kind, lang) {
        (Kind::Event, Lang::Zh) => "事件",
        (Kind::Policy, Lang::Zh) => "政策",
        (Kind::Target, Lang::Zh) => "目标",
        (Kind::Metric, Lang::Zh) => "数据",
        (Kind::Event, Lang::En) => "Events",
        (Kind::Policy, Lang::En) => "Policies",
        (Kind::Target, Lang::En) => "Targets",
        (Kind::Metric, Lang::En) => "Metrics",
    }
}

/// A kind's name in `lang` (singular), as hover lines name an item.
pub fn kind_name(kind: Kind, lang: Lang) -> &'static str {
    match (kind, lang) {
        (Kind::Event, Lang::En) => "Event",
        (Kind::Policy, Lang::En) => "Policy",
        (Kind::Target, Lang::En) => "Target",
        (Kind::Metric, Lang::En) => "Metric",
        (k, Lang::Zh) => lane_name(k, Lang::Zh),
    }
}

/// The lane name in both languages, the TimelineJS group of an item (a file read by
/// a web page whose readers may read either).
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

/// Most plan periods shaded on a timeline; more would cover it in grey.
pub const MAX_ERAS: usize = 6;

/// The plan periods the view's policies state, as background bands: one per
/// distinct period (2023–2025, 十四五 2021–2025 …), named by its years and the
/// shortest policy title stating it, those stated by the most policies first.
pub fn eras(corpus: &Corpus, view: &View) -> Vec<Band> {
    let mut by_period: std::collections::BTreeMap<(i32, i32), Vec<usize>> = Default::default();
    for &i in &view.items {
        let Some(it) = corpus.items.get(i) else {
            continue;
        };
        if let (Kind::Policy, Some([a, b])) = (it.kind, it.period)
            && b >= a
        {
            by_period.entry((a, b)).or_default().push(i);
        }
    }
    let mut eras: Vec<((i32, i32), Vec<usize>)> = by_period.into_iter().collect();
    eras.sort_by(|x, y| y.1.len().cmp(&x.1.len()).then(x.0.cmp(&y.0)));
    eras.truncate(MAX_ERAS);
    eras.sort_by_key(|e| e.0);
    eras.into_iter()
        .map(|((a, b), items)| {
            let name = items
                .iter()
                .filter_map(|&i| {
                    let it = &corpus.items[i];
                    it.policy_title.as_deref().or(Some(it.title.as_str()))
                })
                .min_by_key(|t| t.chars().count())
                .map(|t| {
                    let mut s: String = t.chars().take(14).collect();
                    if t.chars().count() > 14 {
                        s.push('…');
                    }
                    s
                })
                .unwrap_or_default();
            Band {
                x0: days_since_epoch(PartialDate::year(a).start()),
                x1: days_since_epoch(PartialDate::year(b.saturating_add(1)).start()),
                label: format!("{a}–{b} {name}").trim().to_string(),
                items: items.iter().map(|&i| corpus.items[i].id.clone()).collect(),
            }
        })
        .collect()
}

/// Most sub-rows a lane is split into to keep marks from overlapping.
const MAX_SUBROWS: usize = 6;

/// The timeline: one lane per kind, x in days. Each item is a marker at the middle of
/// its date's period (a year-precision item sits mid-year, not on 1 January); events
/// with an end date and policies with a period get a solid span; targets get a dashed
/// span from announcement to their deadline year, ending in a diamond labelled with
/// the goal value. `range` (days) restricts the chart to what is on screen; None
/// shows the full extent of the view.
pub fn timeline(corpus: &Corpus, view: &View, range: Option<(f64, f64)>) -> ChartSpec {
    timeline_hiding(corpus, view, range, &BTreeSet::new(), Lang::Zh)
}

/// [`timeline`] with items coloured by their first theme not in `hidden`, so that a
/// theme the user turned off does not colour marks or appear in the legend.
pub fn timeline_hiding(
    corpus: &Corpus,
    view: &View,
    range: Option<(f64, f64)>,
    hidden: &BTreeSet<String>,
    lang: Lang,
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
                    label: lane_name(k, lang).to_string(),
                })
                .collect(),
            categorical: true,
        },
        series: Vec::new(),
        bars: Vec::new(),
        spans: Vec::new(),
        markers: Vec::new(),
        bands: eras(corpus, view)
            .into_iter()
            .filter(|b| b.x1 >= min && b.x0 <= max)
            .collect(),
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
            let detail = item_detail(it, lang);
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
    let mut legend = theme_legend(corpus, &used_themes, unthemed, lang);
    for k in Kind::ALL {
        legend.push(LegendEntry {
            label: lane_name(k, lang).to_string(),
            color: GREY,
            mark: LegendMark::Shape(kind_shape(k)),
        });
    }
    finish(
        corpus,
        ChartKind::Timeline,
        lang.pick("时间线", "Timeline"),
        XUnit::Days,
        vec![panel],
        legend,
        &drawn,
        None,
        lang,
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit::{corpus_of, item};

    #[test]
    fn timeline_puts_kinds_in_lanes_and_targets_run_to_their_deadline() {
        let c = corpus_of(vec![
            item("d1", 1, Kind::Target, "2022")
                .themes(&["ai"])
                .measured("产业规模", 1e12, "元")
                .deadline(2025)
                .build(),
            item("d0", 2, Kind::Policy, "2023-10-16")
                .period(2023, 2025)
                .build(),
            item("d1", 3, Kind::Event, "2021-10-11").build(),
        ]);
        let v = View::new(&c, &Default::default());
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
