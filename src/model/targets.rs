//! Target tracking as data: for each target, the latest reported figure for the
//! same subject and region, how far it is towards the goal, and whether it is on the
//! way there. Built apart from any drawing, so the detail panel, the item table and
//! the targets chart all say the same thing.
//!
//! "On track" means at or above the straight path from the baseline (the earliest
//! figure reported for the subject, at or before the target's announcement when one
//! exists) to the goal at the end of the deadline year. With a single figure the path
//! starts at that figure, so it is on track by definition until the deadline passes.

use super::Corpus;
use super::subject::{normalize_subject, same_subject};
use crate::extract::{Item, Kind, Qualifier};
use std::collections::HashMap;

/// Where a target stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Status {
    Met,
    OnTrack,
    Behind,
    NoData,
}

/// One target, measured against the figures reported for its subject and region.
#[derive(Debug, Clone, PartialEq)]
pub struct Tracking {
    /// The target (index into `Corpus::items`).
    pub target: usize,
    /// The latest reported figure (a metric), if any.
    pub latest: Option<usize>,
    /// The year that figure is for.
    pub latest_year: Option<i32>,
    /// The figure the straight path starts from.
    pub baseline: Option<usize>,
    /// Latest value as a fraction of the goal (1.0 = reached).
    pub progress: Option<f64>,
    pub status: Status,
}

/// The place a target or figure is about, when it is narrower than the city the
/// corpus is written about: a district or an area ("浦东新区生物医药产值" →
/// "浦东新区"). A district's target and the city's are different facts and never
/// share a panel; the city named or not ("上海产值", "全市产值", "产值") is one place.
///
/// The item's own region when it has one (see [`crate::extract::region`]); else, for
/// items made without it, the grammar of a subject: a name of two to five characters
/// ending in 区 or 县 with something after it (园区, 社区, 地区, 全区 … are not names).
pub fn region_of(it: &Item) -> Option<String> {
    if let Some(r) = it.region.as_deref() {
        return crate::extract::region::is_local(r).then(|| r.to_owned());
    }
    let subject = crate::script::to_simplified(it.subject.as_deref()?);
    let chars: Vec<char> = subject.chars().collect();
    const NOT_A_NAME: &[char] = &[
        '园', '社', '地', '全', '本', '我', '城', '景', '街', '校', '小', '专', '辖', '该', '各',
        '厂', '工', '业', '产',
    ];
    for (i, &c) in chars.iter().enumerate().take(6).skip(2) {
        if (c == '区' || c == '县')
            && chars.len() > i + 2
            && !NOT_A_NAME.contains(&chars[i - 1])
            && chars[..i].iter().all(|c| is_han(*c))
        {
            return Some(chars[..=i].iter().collect());
        }
    }
    None
}

fn is_han(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c)
}

/// Every target's tracking, computed once per corpus.
#[derive(Debug, Clone, Default)]
pub struct Tracker {
    by_target: HashMap<usize, Tracking>,
}

impl Tracker {
    /// Tracks every target of the corpus against every figure of the corpus (a filter
    /// does not change how far a target is).
    pub fn new(corpus: &Corpus) -> Self {
        // Figures keyed by (normalised subject, unit, region): distinct keys are far
        // fewer than items, so matching is done per key pair, not per item pair.
        type Key = (String, String, Option<String>);
        let key_of = |it: &Item| -> Option<Key> {
            let q = it.quantity.as_ref().filter(|q| q.value.is_finite())?;
            let s = normalize_subject(it.subject.as_deref()?);
            (!s.is_empty()).then(|| (s, q.unit.clone(), region_of(it)))
        };
        let mut metrics: HashMap<Key, Vec<usize>> = HashMap::new();
        let mut targets: HashMap<Key, Vec<usize>> = HashMap::new();
        for (i, it) in corpus.items.iter().enumerate() {
            let bucket = match it.kind {
                Kind::Metric => &mut metrics,
                Kind::Target => &mut targets,
                _ => continue,
            };
            if let Some(k) = key_of(it) {
                bucket.entry(k).or_default().push(i);
            }
        }
        let mut by_target = HashMap::new();
        for (tk, tlist) in &targets {
            let figures: Vec<usize> = metrics
                .iter()
                .filter(|(mk, _)| mk.1 == tk.1 && mk.2 == tk.2 && same_subject(&mk.0, &tk.0))
                .flat_map(|(_, v)| v.iter().copied())
                .collect();
            for &t in tlist {
                by_target.insert(t, track_one(corpus, t, &figures));
            }
        }
        // Targets with nothing to match on still get a row: no data.
        for (i, it) in corpus.items.iter().enumerate() {
            if it.kind == Kind::Target {
                by_target.entry(i).or_insert(Tracking {
                    target: i,
                    latest: None,
                    latest_year: None,
                    baseline: None,
                    progress: None,
                    status: Status::NoData,
                });
            }
        }
        Self { by_target }
    }

    /// The tracking of a target (None for other kinds).
    pub fn get(&self, target: usize) -> Option<&Tracking> {
        self.by_target.get(&target)
    }
}

/// Year of a figure as a point in time: mid-year for a year's figure, so a goal due
/// by the end of its deadline year is later than a figure for that year's first half.
fn when(it: &Item) -> f64 {
    f64::from(it.date.year) + 0.5
}

fn track_one(corpus: &Corpus, t: usize, figures: &[usize]) -> Tracking {
    let target = &corpus.items[t];
    let mut out = Tracking {
        target: t,
        latest: None,
        latest_year: None,
        baseline: None,
        progress: None,
        status: Status::NoData,
    };
    let Some(goal) = target.quantity.as_ref().map(|q| q.value) else {
        return out;
    };
    let value = |i: usize| corpus.items[i].quantity.as_ref().map_or(0.0, |q| q.value);
    // Latest: the latest-dated figure; on a tie, the larger (the fuller report).
    let latest = figures.iter().copied().max_by(|&a, &b| {
        let (ia, ib) = (&corpus.items[a], &corpus.items[b]);
        ia.date
            .cmp(&ib.date)
            .then(value(a).total_cmp(&value(b)))
            .then(b.cmp(&a))
    });
    let Some(latest) = latest else {
        return out;
    };
    // Baseline: the latest figure at or before the announcement, else the earliest.
    let announced = target.date.year;
    let earliest = |list: &mut dyn Iterator<Item = usize>| {
        list.min_by(|&a, &b| {
            corpus.items[a]
                .date
                .cmp(&corpus.items[b].date)
                .then(a.cmp(&b))
        })
    };
    let baseline = figures
        .iter()
        .copied()
        .filter(|&i| corpus.items[i].date.year <= announced)
        .max_by(|&a, &b| {
            corpus.items[a]
                .date
                .cmp(&corpus.items[b].date)
                .then(b.cmp(&a))
        })
        .or_else(|| earliest(&mut figures.iter().copied()));
    let actual = value(latest);
    out.latest = Some(latest);
    out.latest_year = Some(corpus.items[latest].date.year);
    out.baseline = baseline;
    out.progress = (goal != 0.0).then(|| actual / goal);
    // A ceiling ("at most") is met from below; every other goal from above.
    let down = target
        .quantity
        .as_ref()
        .is_some_and(|q| q.qualifier == Qualifier::AtMost);
    let reached = |v: f64, g: f64| if down { v <= g } else { v >= g };
    out.status = if reached(actual, goal) {
        Status::Met
    } else {
        let deadline = f64::from(target.deadline.unwrap_or(announced)) + 1.0;
        let now = when(&corpus.items[latest]);
        let expected = match baseline {
            Some(b) if b != latest && when(&corpus.items[b]) < now => {
                let (b0, v0) = (when(&corpus.items[b]), value(b));
                let span = (deadline - b0).max(f64::EPSILON);
                v0 + (goal - v0) * ((now - b0) / span).clamp(0.0, 1.0)
            }
            // One figure: the path starts there, so it is on the path until the
            // deadline has passed without the goal.
            _ if now < deadline => actual,
            _ => goal,
        };
        if reached(actual, expected) {
            Status::OnTrack
        } else {
            Status::Behind
        }
    };
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit::{corpus_of, item};

    #[test]
    fn targets_get_latest_figure_progress_and_status() {
        let c = corpus_of(vec![
            // Goal 2,400 by 2025; 1,700 in 2021, 2,000 in 2023: the path from 1,700
            // (2021.5) to 2,400 (2026.0) passes 2023.5 at about 2,011 → behind.
            item("d", 0, Kind::Target, "2022")
                .measured("制造业产值", 2.4e11, "元")
                .deadline(2025)
                .build(),
            item("d", 1, Kind::Metric, "2021")
                .measured("生物医药制造业产值", 1.7e11, "元")
                .build(),
            item("d", 2, Kind::Metric, "2023")
                .measured("制造业产值", 2.0e11, "元")
                .build(),
            // Same subject, but a district's: never mixed with the city's.
            item("e", 0, Kind::Metric, "2024")
                .measured("浦东新区制造业产值", 3.0e11, "元")
                .build(),
            item("e", 1, Kind::Target, "2022")
                .measured("浦东新区制造业产值", 2.0e11, "元")
                .deadline(2025)
                .build(),
            // Nothing reported.
            item("f", 0, Kind::Target, "2022")
                .measured("企业数量", 30.0, "家")
                .deadline(2025)
                .build(),
            // On track: 10 → 14 of 20 at the half-way point.
            item("g", 0, Kind::Target, "2020")
                .measured("标准厂房面积", 20.0, "平方米")
                .deadline(2029)
                .build(),
            item("g", 1, Kind::Metric, "2019")
                .measured("标准厂房面积", 10.0, "平方米")
                .build(),
            item("g", 2, Kind::Metric, "2024")
                .measured("标准厂房面积", 16.0, "平方米")
                .build(),
        ]);
        let tr = Tracker::new(&c);
        let at = |id: &str| tr.get(c.item_index(id).unwrap()).unwrap().clone();
        let city = at("d#0");
        assert_eq!(city.latest, c.item_index("d#2"));
        assert_eq!(city.latest_year, Some(2023));
        assert_eq!(city.baseline, c.item_index("d#1"));
        assert!((city.progress.unwrap() - 2.0 / 2.4).abs() < 1e-9);
        assert_eq!(city.status, Status::Behind);
        let district = at("e#1");
        assert_eq!(district.latest, c.item_index("e#0"));
        assert_eq!(district.status, Status::Met);
        assert_eq!(at("f#0").status, Status::NoData);
        assert_eq!(at("g#0").status, Status::OnTrack);
        assert_eq!(tr.get(c.item_index("g#1").unwrap()), None);
    }

    #[test]
    fn regions_are_district_names_at_the_head_of_a_subject() {
        let r = |s: &str| region_of(&item("d", 0, Kind::Metric, "2024").subject(s).build());
        assert_eq!(r("浦东新区生物医药产值").as_deref(), Some("浦东新区"));
        assert_eq!(r("徐汇區產業規模").as_deref(), Some("徐汇区"));
        assert_eq!(r("生物医药产业园区面积"), None);
        assert_eq!(r("全区产值"), None);
        assert_eq!(r("生物医药制造业产值"), None);
        assert_eq!(r("社区医院数量"), None);
        // An item's own region wins; the city, named or not, is no region here.
        let with = |region: &str| {
            let mut it = item("d", 0, Kind::Metric, "2024")
                .subject("产业规模")
                .build();
            it.region = Some(region.to_owned());
            region_of(&it)
        };
        assert_eq!(with("浦东新区").as_deref(), Some("浦东新区"));
        assert_eq!(with("上海"), None);
    }
}
