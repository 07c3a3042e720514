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

mod lanes;
mod layout;
mod paint;

pub use lanes::{Lanes, Mark, PeriodCounts};
pub use layout::{
    Cluster, FrameLayout, Label, Placed, R, SpanBar, YearBand, goal_label, layout_frame, pick,
    pick_cluster, pick_year,
};

use super::Command;
use super::i18n::{self, Lang, T};
use super::style::goal_text;
use crate::extract::Item;
use crate::model::Corpus;
use crate::time::{date_from_days, days_since_epoch};
use chrono::{Datelike, NaiveDate};
use egui::{Color32, FontId, Shape, Stroke};
use egui_plot::{GridInput, GridMark, Plot, PlotBounds};
use lanes::year_start;
use paint::paint;

/// What the timeline keeps between frames.
#[derive(Default)]
pub struct TimelineState {
    /// A change of the visible range to make at the next frame.
    pub pending: Option<Pending>,
    /// The last frame's layout: what the pointer hit-tests against and what tests
    /// read to find where an item is.
    pub last: Option<FrameLayout>,
    /// A drag on the axis (the year strip) in progress: where it started (screen x).
    pub axis_drag: Option<f32>,
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
    /// Shade the plan periods.
    pub eras: bool,
    pub lang: Lang,
}

/// The x range showing an item whole (marker, period, goal) with some room around.
pub fn item_range(it: &Item) -> (f64, f64) {
    let x = it.date.midpoint_days();
    let mut lo = x;
    let mut hi = x;
    let mut take = |d: f64| {
        lo = lo.min(d);
        hi = hi.max(d);
    };
    if let Some([a, b]) = it.period {
        take(year_start(a));
        take(year_start(b + 1));
    }
    if let Some(e) = it.end_date {
        take(e.midpoint_days());
    }
    if let Some(d) = it.deadline {
        take(year_start(d + 1));
    }
    let w = (hi - lo).max(30.0);
    (lo - 0.25 * w, hi + 0.4 * w)
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
    // A press on the year strip starts a range selection instead of a pan.
    let (press, down, pointer) = ui.input(|i| {
        (
            i.pointer.press_origin(),
            i.pointer.primary_down(),
            i.pointer.interact_pos(),
        )
    });
    if state.axis_drag.is_none()
        && down
        && let (Some(p), Some(last)) = (press, &state.last)
        && last.header.contains(p)
    {
        state.axis_drag = Some(p.x);
    }
    let plot = Plot::new("timeline")
        .allow_zoom([true, false])
        .allow_drag([state.axis_drag.is_none(), false])
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
        // Zooming out stops a little past the data (further out the marks shrink to
        // a dot and the axis has nothing to label); in, at an hour.
        let max_width = ((fit.1 - fit.0) * 1.6).max(60.0);
        let width = (x.1 - x.0).clamp(0.05, max_width);
        let mid = ((x.0 + x.1) / 2.0).clamp(fit.0, fit.1);
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
    // The plot applies the wheel's zoom after our bounds: one past the limit is
    // brought back at the next frame.
    let max_width = ((fit.1 - fit.0) * 1.6).max(60.0);
    if x_range.1 - x_range.0 > max_width * 1.001 && state.pending.is_none() {
        state.pending = Some(Pending::Range(x_range.0, x_range.1));
        ui.ctx().request_repaint();
    }
    // Label widths are estimated, not laid out: laying out every candidate's text
    // would double the text work of a frame, and the painter lays out only what is
    // drawn.
    let layout = layout_frame(input.corpus, input.lanes, rect, x_range, &mut |s: &str| {
        paint::estimate_width(s, 12.0)
    });

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
    // Plan periods: a tinted band each, named under the year strip.
    let mut era_names = Vec::new();
    if input.eras {
        let tint = Color32::from_rgba_unmultiplied(0x8e, 0x6c, 0xb8, if dark { 26 } else { 20 });
        for (k, e) in input.lanes.eras.iter().enumerate() {
            let a = layout.screen_x(e.x0).max(rect.left());
            let b = layout.screen_x(e.x1).min(rect.right());
            if b <= a {
                continue;
            }
            let band_rect =
                egui::Rect::from_x_y_ranges(a..=b, layout.header.bottom()..=rect.bottom());
            back.push(Shape::rect_filled(band_rect, 0.0, tint));
            era_names.push((
                egui::pos2(
                    a + 4.0,
                    layout.header.bottom() + 2.0 + 12.0 * (k % 3) as f32,
                ),
                e.label.clone(),
                b - a - 8.0,
            ));
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
    // Era names as labels (readable by screen readers), not interactive, so the
    // plot under them still pans and zooms.
    for (pos, name, room) in era_names.into_iter().filter(|e| e.2 > 30.0) {
        let r = egui::Rect::from_min_size(pos, egui::vec2(room, 12.0));
        ui.put(
            r,
            egui::Label::new(
                egui::RichText::new(name)
                    .size(10.5)
                    .color(Color32::from_rgb(0x8e, 0x6c, 0xb8)),
            )
            .selectable(false)
            .sense(egui::Sense::empty())
            .truncate()
            .halign(egui::Align::LEFT),
        );
    }

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

    // A range dragged on the axis: shown while dragging, filtered to on release.
    if let (Some(x0), Some(p)) = (state.axis_drag, pointer) {
        let (a, b) = (x0.min(p.x), x0.max(p.x));
        if down {
            let sel = egui::Rect::from_x_y_ranges(a..=b, rect.y_range());
            let painter = ui.painter_at(rect);
            painter.rect_filled(
                sel,
                0.0,
                ui.visuals().selection.bg_fill.gamma_multiply(0.35),
            );
            ui.ctx().request_repaint();
        } else {
            if b - a > 8.0 {
                commands.push(Command::FilterToRange(layout.day_at(a), layout.day_at(b)));
            }
            state.axis_drag = None;
        }
    } else if !down {
        state.axis_drag = None;
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
            let c = *c;
            // A badge gathers items at one x; a bar, its pixel columns' days.
            let (from, to) = if c.bar {
                (c.from, c.to)
            } else {
                (c.from, c.to + 1e-6)
            };
            let counts = input.lanes.counts_between(input.corpus, from, to);
            r.clone().on_hover_ui_at_pointer(|ui| {
                cluster_tooltip(ui, input.corpus, &c, &counts, lang);
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

/// A bar's or badge's period, and what it holds per kind and per theme.
fn cluster_tooltip(
    ui: &mut egui::Ui,
    corpus: &Corpus,
    c: &Cluster,
    counts: &PeriodCounts,
    lang: Lang,
) {
    ui.set_max_width(360.0);
    let day = |d: f64| date_from_days(d).format("%Y-%m-%d").to_string();
    let (a, b) = (day(c.from), day(c.to));
    let period = if a == b { a } else { format!("{a} – {b}") };
    ui.label(
        egui::RichText::new(format!(
            "{period} · {} {}",
            c.count,
            T::ItemsShown.get(lang)
        ))
        .strong(),
    );
    let kinds: Vec<String> = counts
        .kinds
        .iter()
        .map(|(k, n)| format!("{} {n}", i18n::lane(*k, lang)))
        .collect();
    if !kinds.is_empty() {
        ui.label(format!("{}: {}", T::PerKind.get(lang), kinds.join(" · ")));
    }
    let themes: Vec<String> = counts
        .themes
        .iter()
        .take(8)
        .map(|(t, n)| {
            let name = match corpus.themes.get(t) {
                Some(t) => i18n::theme(t, lang).to_owned(),
                None => T::NoTheme.get(lang).to_owned(),
            };
            format!("{name} {n}")
        })
        .collect();
    if !themes.is_empty() {
        ui.label(format!("{}: {}", T::PerTheme.get(lang), themes.join(" · ")));
    }
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
    use crate::extract::Kind;
    use crate::model::Filter;
    use crate::model::View;
    use crate::testkit::{corpus_of, item};
    use crate::time::PartialDate;
    use egui::{Rect, pos2, vec2};

    fn frame(c: &Corpus, x: (f64, f64)) -> FrameLayout {
        let view = View::new(c, &Filter::default());
        let lanes = Lanes::build(c, &view, &Filter::default());
        let rect = Rect::from_min_size(pos2(0.0, 0.0), vec2(1000.0, 600.0));
        layout_frame(c, &lanes, rect, x, &mut |s: &str| {
            7.0 * s.chars().count() as f32
        })
    }

    #[test]
    fn same_day_items_stack_without_overlap_and_pick_finds_each() {
        let day = PartialDate::day(2024, 11, 16).unwrap();
        let c = corpus_of(
            (0..6)
                .map(|n| item("d", n, Kind::Event, day).build())
                .collect(),
        );
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
                let day = PartialDate::day(
                    2020 + (n % 5) as i32,
                    1 + (n % 12) as u32,
                    1 + (n % 28) as u32,
                );
                item("d", n, Kind::Metric, day.unwrap()).build()
            })
            .collect();
        let c = corpus_of(items);
        let f = frame(&c, (year_start(2019), year_start(2026)));
        assert!(f.placed.is_empty());
        let total: usize = f.clusters.iter().filter(|c| c.bar).map(|c| c.count).sum();
        assert_eq!(total, 5000);
        assert!(f.clusters.iter().all(|c| c.rect.height() > 0.0));
    }

    #[test]
    fn a_target_reaches_its_deadline_and_a_policy_spans_its_period() {
        let c = corpus_of(vec![
            item("d", 0, Kind::Target, "2023-06").deadline(2025).build(),
            item("d", 1, Kind::Policy, "2024-01")
                .period(2024, 2026)
                .build(),
        ]);
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
    fn labels_at_every_zoom_never_overlap_and_badges_stay_apart() {
        // 60 events over ten years, and crowds of 20 on two days a week apart: the
        // full extent, where the crowds must become "+n" badges that do not overlap.
        let items: Vec<Item> = (0..100)
            .map(|n| {
                let day = match n {
                    0..60 => PartialDate::day(2015 + (n / 6) as i32, 1 + 2 * (n % 6) as u32, 1),
                    60..80 => PartialDate::day(2020, 6, 1),
                    _ => PartialDate::day(2020, 6, 8),
                };
                item("d", n, Kind::Event, day.unwrap())
                    .title(&format!("第{n}号事件的一个相当长的标题"))
                    .themes(&[if n % 2 == 0 { "ai" } else { "finance" }])
                    .build()
            })
            .chain([item("t", 0, Kind::Target, "2016")
                .measured("产业规模", 2.4e11, "元")
                .quantity(2.4e11, "元", "2,400亿元")
                .deadline(2020)
                .build()])
            .collect();
        let c = corpus_of(items);
        let f = frame(&c, (year_start(2015) - 30.0, year_start(2025) + 30.0));
        // Labels at the full extent of ten years (one lane start every 24 points at
        // most, where there is room).
        assert!(f.labels.len() >= 12, "{} labels", f.labels.len());
        assert!(f.labels.iter().any(|l| l.cut && l.text.ends_with('…')));
        for (i, a) in f.labels.iter().enumerate() {
            for b in &f.labels[i + 1..] {
                assert!(!a.rect().intersects(b.rect()), "{a:?} {b:?}");
            }
            // A label covers no marker but its own.
            for p in f.placed.iter().filter(|p| p.item != a.item) {
                assert!(!a.rect().expand(1.0).contains(p.pos), "{a:?} {p:?}");
            }
            // The label is clickable: it picks its item.
            let centre = a.rect().center();
            if f.placed.iter().all(|p| p.pos.distance(centre) > R + 3.0) {
                assert_eq!(pick(&f, centre, 0.0), Some(a.item));
            }
        }
        let target = f
            .labels
            .iter()
            .find(|l| l.strong)
            .expect("the target is labelled");
        assert_eq!(target.text, "产业规模 2,400亿元 @ 2020");
        let badges: Vec<&Cluster> = f.clusters.iter().filter(|c| !c.bar).collect();
        assert!(!badges.is_empty());
        for (i, a) in badges.iter().enumerate() {
            for b in &badges[i + 1..] {
                assert!(!a.rect.intersects(b.rect), "{a:?} {b:?}");
            }
        }
        // Every item is drawn or counted.
        let drawn = f.placed.iter().filter(|p| !p.goal).count();
        let counted: usize = badges.iter().map(|c| c.count).sum();
        assert_eq!(drawn + counted, 101);
        // A period's counts per kind and theme.
        let view = View::new(&c, &Filter::default());
        let lanes = Lanes::build(&c, &view, &Filter::default());
        let counts = lanes.counts_between(&c, year_start(2015), year_start(2016));
        assert_eq!(counts.kinds, vec![(Kind::Event, 6)]);
        assert_eq!(
            counts.themes,
            vec![("ai".to_string(), 3), ("finance".to_string(), 3)]
        );
    }

    #[test]
    fn an_item_wears_a_colour_of_a_theme_shown() {
        let c = corpus_of(vec![
            item("d", 0, Kind::Event, "2024")
                .themes(&["ai", "finance"])
                .build(),
        ]);
        let colour = |hidden: &[&str]| {
            let filter = Filter {
                hidden_themes: hidden.iter().map(|s| s.to_string()).collect(),
                ..Filter::default()
            };
            let view = View::new(&c, &filter);
            Lanes::build(&c, &view, &filter).lanes[0].1[0].color
        };
        let rgb = |id: &str| {
            let [r, g, b] = c.themes.get(id).unwrap().rgb();
            Color32::from_rgb(r, g, b)
        };
        assert_eq!(colour(&[]), rgb("ai"));
        assert_eq!(colour(&["ai"]), rgb("finance"));
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
