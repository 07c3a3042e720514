//! Targets vs actuals: per subject, the reported values as a line and the goals as
//! diamonds.

use super::spec::*;
use super::{Lang, finish, item_detail, value_ticks, year_axis};
use crate::extract::Kind;
use crate::extract::display::{display_scale, format_qualified};
use crate::model::subject::{normalize_subject, same_subject};
use crate::model::targets::{Status, Tracker, region_of};
use crate::model::{Corpus, View};
use std::collections::{BTreeMap, BTreeSet};

/// Most subject panels in one targets-vs-actuals chart; more would be unreadable.
pub const MAX_SUBJECT_PANELS: usize = 6;

/// Subject groups for targets vs actuals: targets and metrics whose subjects name the
/// same measure (see [`same_subject`]) in the same base unit.
#[derive(Debug, Clone, PartialEq)]
pub struct SubjectGroup {
    /// The shortest (most general) subject in the group, simplified.
    pub label: String,
    /// Normalised form of `label` (see [`normalize_subject`]).
    pub key: String,
    pub unit: String,
    /// A district's figures are never grouped with the city's (see [`region_of`]).
    pub region: Option<String>,
    /// Indices into `Corpus::items`.
    pub targets: Vec<usize>,
    pub metrics: Vec<usize>,
}

impl SubjectGroup {
    /// A name for the group that stays the same across filters: what the subject
    /// picker stores.
    pub fn id(&self) -> String {
        format!(
            "{}|{}|{}",
            self.region.as_deref().unwrap_or(""),
            self.key,
            self.unit
        )
    }
}

/// Groups the targets and metrics of the view by subject. Items without a subject or
/// a finite quantity cannot be placed and are skipped.
pub fn subject_groups(corpus: &Corpus, view: &View) -> Vec<SubjectGroup> {
    let mut cands: Vec<(String, String, Option<String>, usize)> = view
        .items
        .iter()
        .filter_map(|&idx| {
            let it = corpus.items.get(idx)?;
            if !matches!(it.kind, Kind::Target | Kind::Metric) {
                return None;
            }
            let q = it.quantity.as_ref().filter(|q| q.value.is_finite())?;
            let key = normalize_subject(it.subject.as_deref()?);
            (!key.is_empty()).then(|| (key, q.unit.clone(), region_of(it), idx))
        })
        .collect();
    // Shortest first, so each group is keyed by its most general subject.
    cands.sort_by(|a, b| (a.0.chars().count(), &a.0, a.3).cmp(&(b.0.chars().count(), &b.0, b.3)));
    let mut groups: Vec<SubjectGroup> = Vec::new();
    for (key, unit, region, idx) in cands {
        let it = &corpus.items[idx];
        let g = match groups
            .iter_mut()
            .position(|g| g.unit == unit && g.region == region && same_subject(&g.key, &key))
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
                    region,
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

/// Targets vs actuals: one panel per subject group (see [`subject_groups`]) with the
/// reported values by year as a line and each target as a diamond at its deadline
/// year (its announcement year when it has none), labelled with its value. A group is
/// shown when it has a target, or metrics in two or more years (a trend); groups with
/// both come first. When several metrics report one year, the latest-dated one is the
/// point (it is the freshest figure) and all their ids are kept on it. Values are in
/// the unit a reader expects for the group's largest value (亿元, 万平方米).
pub fn targets_vs_actuals(corpus: &Corpus, view: &View) -> ChartSpec {
    targets_vs_actuals_for(corpus, view, None, Lang::Zh)
}

/// The subject groups the targets chart can show, best first: groups with a target
/// or a trend, those with both first, then the bigger, then the earlier.
pub fn ranked_groups(corpus: &Corpus, view: &View) -> Vec<SubjectGroup> {
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
    groups
}

/// [`targets_vs_actuals`] showing the groups whose [`SubjectGroup::id`] is in
/// `chosen` (the subject picker), or the first [`MAX_SUBJECT_PANELS`] when None.
/// Each target's marker and its panel title carry its status ([`Tracker`]): met, on
/// track, behind or no data, coloured by it.
pub fn targets_vs_actuals_for(
    corpus: &Corpus,
    view: &View,
    chosen: Option<&[String]>,
    lang: Lang,
) -> ChartSpec {
    let mut groups = ranked_groups(corpus, view);
    let left_out = match chosen {
        Some(ids) => {
            let before = groups.len();
            groups.retain(|g| ids.contains(&g.id()));
            before - groups.len()
        }
        None => {
            let n = groups.len().saturating_sub(MAX_SUBJECT_PANELS);
            groups.truncate(MAX_SUBJECT_PANELS);
            n
        }
    };
    let tracker = Tracker::new(corpus);

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
                    detail: item_detail(it, lang),
                    items: idxs.iter().map(|&i| corpus.items[i].id.clone()).collect(),
                })
            })
            .collect();

        // Identical targets repeated by several articles become one marker.
        let mut target_marks: Vec<(i32, f64, Marker)> = Vec::new();
        // The status the panel title gives: that of the target due last.
        let mut headline: Option<(i32, Status, Option<f64>)> = None;
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
            let tracking = tracker.get(i);
            let status = tracking.map_or(Status::NoData, |t| t.status);
            let progress = tracking.and_then(|t| t.progress);
            if headline.is_none_or(|(y, _, _)| year >= y) {
                headline = Some((year, status, progress));
            }
            let goal = lang.pick("目标", "Target");
            let mut label = match it.deadline {
                Some(d) => format!("{goal} {} ({d})", format_qualified(q)),
                None => format!("{goal} {}", format_qualified(q)),
            };
            label.push_str(&format!(" · {}", status_text(status, progress, lang)));
            target_marks.push((
                year,
                q.value,
                Marker {
                    x: year as f64,
                    y: q.value / divisor,
                    shape: Shape::Diamond,
                    color: status_color(status),
                    label,
                    detail: item_detail(it, lang),
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
        let title = match headline {
            Some((_, status, progress)) => {
                format!("{} · {}", g.label, status_text(status, progress, lang))
            }
            None => g.label.clone(),
        };
        panels.push(Panel {
            title,
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
                    label: lang.pick("实际", "Reported").to_string(),
                    color: ACTUAL_COLOR,
                    points,
                }]
            },
            bars: Vec::new(),
            spans: Vec::new(),
            markers: target_marks.into_iter().map(|t| t.2).collect(),
            bands: Vec::new(),
        });
    }
    // Only what is drawn is in the legend.
    let mut legend = Vec::new();
    if panels.iter().any(|p| !p.series.is_empty()) {
        legend.push(LegendEntry {
            label: lang.pick("实际", "Reported").to_string(),
            color: ACTUAL_COLOR,
            mark: LegendMark::Line,
        });
    }
    for status in [Status::Met, Status::OnTrack, Status::Behind, Status::NoData] {
        let color = status_color(status);
        if panels
            .iter()
            .any(|p| p.markers.iter().any(|m| m.color == color))
        {
            legend.push(LegendEntry {
                label: format!(
                    "{}: {}",
                    lang.pick("目标", "Target"),
                    status_name(status, lang)
                ),
                color,
                mark: LegendMark::Shape(Shape::Diamond),
            });
        }
    }
    let note = (left_out > 0).then(|| omitted_note(left_out, lang));
    drawn.sort_unstable();
    let mut spec = finish(
        corpus,
        ChartKind::TargetsVsActuals,
        lang.pick("目标与实际", "Targets vs actuals"),
        XUnit::Year,
        panels,
        legend,
        &drawn,
        note,
        lang,
    );
    spec.omitted_panels = left_out;
    spec
}

/// A target's status in `lang`.
pub fn status_name(s: Status, lang: Lang) -> &'static str {
    match s {
        Status::Met => lang.pick("已达成", "met"),
        Status::OnTrack => lang.pick("按计划", "on track"),
        Status::Behind => lang.pick("落后", "behind"),
        Status::NoData => lang.pick("无数据", "no data"),
    }
}

/// "落后 83%", "behind 83%".
fn status_text(s: Status, progress: Option<f64>, lang: Lang) -> String {
    match progress {
        Some(p) if s != Status::NoData => format!("{} {:.0}%", status_name(s, lang), p * 100.0),
        _ => status_name(s, lang).to_string(),
    }
}

/// A goal marker's colour by its status: green met, blue on track, red behind, grey
/// without data.
pub fn status_color(s: Status) -> Rgb {
    match s {
        Status::Met => [44, 160, 44],
        Status::OnTrack => [31, 119, 180],
        Status::Behind => TARGET_COLOR,
        Status::NoData => GREY,
    }
}

/// The note for subject panels that are not shown.
pub fn omitted_note(n: usize, lang: Lang) -> String {
    if lang == Lang::Zh {
        return format!("另有 {n} 个指标未显示");
    }
    if n == 1 {
        "1 more subject not shown".to_string()
    } else {
        format!("{n} more subjects not shown")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit::{corpus_of, item};

    #[test]
    fn targets_meet_the_metrics_of_their_subject() {
        let c = corpus_of(vec![
            item("d1", 1, Kind::Target, "2022")
                .measured("制造业产值", 2.4e11, "元")
                .deadline(2025)
                .build(),
            item("d0", 2, Kind::Metric, "2021")
                .measured("生物医药制造业产值", 1.7e11, "元")
                .build(),
            item("d1", 3, Kind::Metric, "2023-05")
                .measured("制造业产值", 1.9e11, "元")
                .build(),
            item("d0", 4, Kind::Metric, "2023")
                .measured("企业数量", 30.0, "家")
                .build(),
        ]);
        let v = View::new(&c, &Default::default());
        let spec = targets_vs_actuals(&c, &v);
        assert_eq!(spec.panels.len(), 1, "{spec:#?}");
        let p = &spec.panels[0];
        assert_eq!(p.title, "制造业产值 · 落后 79%");
        assert_eq!(p.y_axis.label, "亿元");
        let pts: Vec<(f64, f64)> = p.series[0].points.iter().map(|p| (p.x, p.y)).collect();
        assert_eq!(pts, [(2021.0, 1700.0), (2023.0, 1900.0)]);
        assert_eq!(p.markers.len(), 1);
        assert_eq!((p.markers[0].x, p.markers[0].y), (2025.0, 2400.0));
        assert_eq!(p.markers[0].label, "目标 2,400亿元 (2025) · 落后 79%");
        assert_eq!(p.markers[0].items, ["d1#1"]);
        // Hover: near the goal, near a reported point, on empty space.
        let hit = |x, y| p.hit(x, y, 0.2, 100.0).map(<[String]>::to_vec);
        assert_eq!(hit(2025.1, 2380.0), Some(vec!["d1#1".to_string()]));
        assert_eq!(hit(2023.0, 1950.0), Some(vec!["d1#3".to_string()]));
        assert_eq!(hit(2024.0, 500.0), None);
        assert!(p.y_axis.max >= 2400.0);
        assert_eq!(spec.source_line, "来源：2 篇文章，2021–2023");
        // In English, every label is English.
        let en = targets_vs_actuals_for(&c, &v, None, Lang::En);
        assert_eq!(en.title, "Targets vs actuals");
        assert_eq!(en.panels[0].title, "制造业产值 · behind 79%");
        assert_eq!(
            en.panels[0].markers[0].label,
            "Target 2,400亿元 (2025) · behind 79%"
        );
        assert_eq!(en.source_line, "Source: 2 articles, 2021–2023");
        assert!(en.legend.iter().any(|l| l.label == "Reported"));
    }

    #[test]
    fn an_empty_view_is_a_chart_that_says_so() {
        let c = corpus_of(vec![item("d1", 1, Kind::Event, "2022").build()]);
        let empty = View::default();
        for spec in [
            crate::chart::timeline(&c, &empty, None),
            crate::chart::themes_by_year(&c, &empty),
            targets_vs_actuals(&c, &empty),
        ] {
            assert!(spec.note.is_some() && spec.items.is_empty());
            assert_eq!(spec.source_line, "来源：0 篇文章");
        }
    }
}
