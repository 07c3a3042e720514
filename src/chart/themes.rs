//! Items per theme per year as stacked bars.

use super::spec::*;
use super::{Lang, finish, theme_legend, value_ticks, year_axis};
use crate::model::{Corpus, View};
use std::collections::{BTreeMap, BTreeSet};

/// Items per theme per year as stacked bars, x in years. An item with several themes
/// counts once in each (the question is "how much was said about X", not a partition),
/// so a bar's height can exceed the number of items that year; unthemed items form a
/// grey segment of their own. Stacks follow the lexicon order so colours line up
/// year to year; years without items stay on the axis as gaps.
pub fn themes_by_year(corpus: &Corpus, view: &View) -> ChartSpec {
    themes_by_year_hiding(corpus, view, &BTreeSet::new(), Lang::Zh)
}

/// [`themes_by_year`] without segments for the `hidden` theme ids: an item shown
/// because of one theme is not counted under another theme the user turned off.
pub fn themes_by_year_hiding(
    corpus: &Corpus,
    view: &View,
    hidden: &BTreeSet<String>,
    lang: Lang,
) -> ChartSpec {
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
                    (lang.pick(&th.label_zh, &th.label_en).to_string(), th.rgb())
                }
                None => {
                    unthemed = true;
                    (
                        lang.pick(UNTHEMED_LABEL, UNTHEMED_LABEL_EN).to_string(),
                        GREY,
                    )
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
            label: lang.pick("条目数", "Items").to_string(),
            min: ymin,
            max: ymax,
            ticks,
            categorical: false,
        },
        series: Vec::new(),
        bars,
        spans: Vec::new(),
        markers: Vec::new(),
        bands: Vec::new(),
    };
    let legend = theme_legend(corpus, &used, unthemed, lang);
    finish(
        corpus,
        ChartKind::ThemesByYear,
        lang.pick("主题年度分布", "Themes by year"),
        XUnit::Year,
        vec![panel],
        legend,
        &drawn,
        None,
        lang,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::Kind;
    use crate::testkit::{corpus_of, item};

    #[test]
    fn themes_stack_per_year_in_lexicon_order() {
        let c = corpus_of(vec![
            item("d1", 1, Kind::Event, "2022-03-01")
                .themes(&["ai", "finance"])
                .build(),
            item("d0", 2, Kind::Event, "2022-05")
                .themes(&["ai"])
                .build(),
            item("d1", 3, Kind::Policy, "2024").build(),
        ]);
        let v = View::new(&c, &Default::default());
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
}
