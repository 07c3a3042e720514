//! The chart model: what a chart shows, as plain data, before any drawing backend.
//!
//! The explorer (egui_plot), the SVG writer ([`crate::export::svg`]) and the PNG writer
//! ([`crate::export::png`], which renders that SVG) all draw the same [`ChartSpec`], so a chart
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
//! [`crate::export::save_chart`], which draws the same spec.

mod spec;
mod targets;
mod themes;
mod timeline;

pub use spec::*;
pub use targets::{
    MAX_SUBJECT_PANELS, SubjectGroup, omitted_note, subject_groups, targets_vs_actuals,
};
pub use themes::{themes_by_year, themes_by_year_hiding};
pub use timeline::{date_ticks, kind_shape, lane, lane_label, timeline, timeline_hiding};

use crate::extract::display::{format_number, format_qualified};
use crate::extract::{Item, Kind};
use crate::model::{Corpus, Filter, View};
use std::collections::BTreeSet;

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
pub fn source_line(corpus: &Corpus, drawn: &[usize]) -> String {
    let items: Vec<&Item> = drawn.iter().filter_map(|&i| corpus.items.get(i)).collect();
    let docs: BTreeSet<&str> = items.iter().map(|it| it.doc.as_str()).collect();
    let n = docs.len();
    let noun = if n == 1 { "article" } else { "articles" };
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

#[cfg(test)]
mod tests {
    use super::*;

    use crate::corpus::Document;
    use crate::extract::{Qualifier, Quantity, Themes};
    use crate::time::{PartialDate, days_since_epoch};

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
