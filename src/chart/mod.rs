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
    MAX_SUBJECT_PANELS, SubjectGroup, omitted_note, ranked_groups, status_color, status_name,
    subject_groups, targets_vs_actuals, targets_vs_actuals_for,
};
pub use themes::{themes_by_year, themes_by_year_hiding};
pub use timeline::{
    MAX_ERAS, date_ticks, eras, kind_name, kind_shape, lane, lane_label, lane_name, timeline,
    timeline_hiding,
};

use crate::extract::display::{format_number, format_qualified};
use crate::extract::{Item, Kind};
pub use crate::lang::Lang;
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
    build_with(kind, corpus, filter, view, range, None, Lang::Zh)
}

/// [`build`] with the subjects picked for the targets chart (see
/// [`targets_vs_actuals_for`]; None shows the first few) and every label in `lang`.
pub fn build_with(
    kind: ChartKind,
    corpus: &Corpus,
    filter: &Filter,
    view: &View,
    range: Option<(f64, f64)>,
    chosen: Option<&[String]>,
    lang: Lang,
) -> ChartSpec {
    let mut spec = match kind {
        ChartKind::Timeline => timeline_hiding(corpus, view, range, &filter.hidden_themes, lang),
        ChartKind::ThemesByYear => themes_by_year_hiding(corpus, view, &filter.hidden_themes, lang),
        ChartKind::TargetsVsActuals => targets_vs_actuals_for(corpus, view, chosen, lang),
    };
    spec.subtitle = filter_summary(corpus, filter, lang);
    spec
}

/// One line naming an item for hover: "2022-11-14 事件: title (2,400亿元, 2025年)",
/// "2022-11-14 Target: title (2,400亿元, by 2025)".
pub fn item_detail(it: &Item, lang: Lang) -> String {
    let mut s = format!("{} {}: {}", it.date, kind_name(it.kind, lang), it.title);
    if let Some(q) = &it.quantity {
        s.push_str(&format!(" ({}", format_qualified(q)));
        if let Some(d) = it.deadline {
            match lang {
                Lang::Zh => s.push_str(&format!(", {d}年")),
                Lang::En => s.push_str(&format!(", by {d}")),
            }
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
fn theme_legend(
    corpus: &Corpus,
    used: &BTreeSet<String>,
    unthemed: bool,
    lang: Lang,
) -> Vec<LegendEntry> {
    let mut out: Vec<LegendEntry> = corpus
        .themes
        .themes
        .iter()
        .filter(|t| used.contains(&t.id))
        .map(|t| LegendEntry {
            label: lang.pick(&t.label_zh, &t.label_en).to_string(),
            color: t.rgb(),
            mark: LegendMark::Swatch,
        })
        .collect();
    if unthemed {
        out.push(LegendEntry {
            label: lang.pick(UNTHEMED_LABEL, UNTHEMED_LABEL_EN).to_string(),
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
    lang: Lang,
) -> ChartSpec {
    let mut drawn = drawn.to_vec();
    drawn.sort_unstable();
    drawn.dedup();
    let note = if drawn.is_empty() {
        Some(
            lang.pick("没有符合条件的条目", "No items match the filters")
                .to_string(),
        )
    } else {
        note
    };
    ChartSpec {
        kind,
        title: title.to_string(),
        subtitle: None,
        source_line: source_line_in(corpus, &drawn, lang),
        x_unit,
        panels,
        legend,
        note,
        omitted_panels: 0,
        items: drawn
            .iter()
            .filter_map(|&i| corpus.items.get(i).map(|it| it.id.clone()))
            .collect(),
        lang,
    }
}

/// The filter in words, for a chart's subtitle: "主题: 人工智能与数字化 · 2024–2025 ·
/// 类型: 目标 · 搜索: 产值"; None when nothing is filtered.
pub fn filter_summary(corpus: &Corpus, filter: &Filter, lang: Lang) -> Option<String> {
    let mut parts = Vec::new();
    let shown: Vec<&str> = corpus
        .themes
        .themes
        .iter()
        .filter(|t| !filter.hidden_themes.contains(&t.id))
        .map(|t| lang.pick(&t.label_zh, &t.label_en))
        .collect();
    let list = |v: &[&str]| v.join(lang.pick("、", ", "));
    if !filter.hidden_themes.is_empty() || filter.hide_unthemed {
        parts.push(if shown.is_empty() {
            lang.pick("主题: 无", "Themes: none").to_string()
        } else {
            format!("{}: {}", lang.pick("主题", "Themes"), list(&shown))
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
            .map(|k| lane_name(k, lang))
            .collect();
        parts.push(format!("{}: {}", lang.pick("类型", "Kinds"), list(&kinds)));
    }
    if !filter.hidden_docs.is_empty() {
        parts.push(format!(
            "{}: {}",
            lang.pick("隐藏文章", "Articles hidden"),
            filter.hidden_docs.len()
        ));
    }
    if !filter.search.trim().is_empty() {
        parts.push(format!(
            "{}: {}",
            lang.pick("搜索", "Search"),
            filter.search.trim()
        ));
    }
    (!parts.is_empty()).then(|| parts.join(" · "))
}

/// "Source: 5 articles, 2021–2025": how many articles the drawn items come from and
/// the years of those items.
///
/// Articles are counted once however many copies report them: copies among the
/// sources are told apart, "Source: 5 articles (+6 copies), 2021–2025".
pub fn source_line(corpus: &Corpus, drawn: &[usize]) -> String {
    source_line_in(corpus, drawn, Lang::En)
}

/// [`source_line`] in `lang`: "来源：5 篇文章，2021–2025".
pub fn source_line_in(corpus: &Corpus, drawn: &[usize], lang: Lang) -> String {
    if lang == Lang::Zh {
        let items: Vec<&Item> = drawn.iter().filter_map(|&i| corpus.items.get(i)).collect();
        let n = items
            .iter()
            .map(|it| it.doc.as_str())
            .collect::<BTreeSet<_>>()
            .len();
        let first = items.iter().map(|it| it.date.year).min();
        let last = items.iter().map(|it| it.date.year).max();
        return match (first, last) {
            (Some(a), Some(b)) if a == b => format!("来源：{n} 篇文章，{a}"),
            (Some(a), Some(b)) => format!("来源：{n} 篇文章，{a}–{b}"),
            _ => format!("来源：{n} 篇文章"),
        };
    }
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
