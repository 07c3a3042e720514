//! The "Themes by year" and "Targets vs actuals" tabs, and chart/data export.
//!
//! Both tabs draw the same plain-data [`ChartSpec`] the SVG/PNG writers draw
//! ([`crate::chart`]), so what the user sees is what an export writes. The spec
//! is rebuilt only when the view changes, not per frame.

use super::i18n::{self, Lang, T};
use super::prompt::DialogAnswer;
use super::{Command, ExportWhat, Tab};
use crate::chart::{self, ChartSpec, LegendMark, Panel, Shape};
use crate::extract::Kind;
use crate::model::{Corpus, Filter, View};
use egui::{Color32, RichText};
use egui_plot::{
    Bar, BarChart, GridInput, GridMark, Line, LineStyle, MarkerShape, Plot, PlotPoints, Points,
};
use std::path::PathBuf;
use std::sync::mpsc::{Receiver, TryRecvError, channel};

/// The spec of the tab on screen, with the view generation it was built for.
#[derive(Default)]
pub struct ChartsState {
    cached: Option<(Tab, u64, Lang, ChartSpec)>,
    export: Option<Receiver<ExportEvent>>,
    /// The subjects picked for the targets chart ([`chart::SubjectGroup::id`]);
    /// None: the first few.
    pub chosen: Option<Vec<String>>,
    /// The picker's search text.
    pub subject_search: String,
    /// The groups the picker lists, for the view generation they were made for.
    groups: Option<(u64, Vec<chart::SubjectGroup>)>,
}

/// How an export ended, for the status line (or, without a system dialog, the
/// in-app prompt).
#[derive(Debug, Clone, PartialEq)]
pub enum ExportEvent {
    /// Written to this path, or why not.
    Written(Result<PathBuf, String>),
    /// The user closed the save dialog.
    Cancelled,
    /// No system dialog could be shown: ask in the window instead.
    NoDialog(ExportWhat),
}

impl ChartsState {
    fn spec(
        &mut self,
        tab: Tab,
        generation: u64,
        corpus: &Corpus,
        filter: &Filter,
        view: &View,
        lang: Lang,
    ) -> &ChartSpec {
        let fresh = matches!(&self.cached, Some((t, g, l, _)) if *t == tab && *g == generation && *l == lang);
        if !fresh {
            self.cached = None;
        }
        let (_, _, _, spec) = self.cached.get_or_insert_with(|| {
            (
                tab,
                generation,
                lang,
                chart::build_with(
                    tab.chart(),
                    corpus,
                    filter,
                    view,
                    None,
                    self.chosen.as_deref(),
                    lang,
                ),
            )
        });
        spec
    }

    /// Forgets the cached spec (a choice the generation does not cover changed).
    pub fn invalidate(&mut self) {
        self.cached = None;
    }

    pub fn is_exporting(&self) -> bool {
        self.export.is_some()
    }

    /// Asks where to save (off the UI thread: the dialog blocks on some platforms),
    /// then builds and writes the file on that thread too (a PNG takes a moment).
    /// `default` is the proposed path. Without `system_dialog`, or when the system
    /// has none, the answer is [`ExportEvent::NoDialog`].
    pub fn start_export(
        &mut self,
        what: ExportWhat,
        job: ExportJob,
        default: PathBuf,
        system_dialog: bool,
        ctx: egui::Context,
    ) {
        if self.export.is_some() {
            return;
        }
        let (tx, rx) = channel();
        if !system_dialog {
            let _ = tx.send(ExportEvent::NoDialog(what));
            self.export = Some(rx);
            ctx.request_repaint();
            return;
        }
        std::thread::spawn(move || {
            let ext = what.extension();
            let mut dialog = rfd::FileDialog::new().add_filter(ext, &[ext]);
            if let Some(dir) = default.parent() {
                dialog = dialog.set_directory(dir);
            }
            if let Some(name) = default.file_name() {
                dialog = dialog.set_file_name(name.to_string_lossy());
            }
            let started = std::time::Instant::now();
            let event = match super::prompt::classify(dialog.save_file(), started) {
                DialogAnswer::Picked(path) => {
                    ExportEvent::Written(job.write(what, &path).map(|()| path))
                }
                DialogAnswer::Cancelled => ExportEvent::Cancelled,
                DialogAnswer::Unavailable => ExportEvent::NoDialog(what),
            };
            let _ = tx.send(event);
            ctx.request_repaint();
        });
        self.export = Some(rx);
    }

    /// Writes to a path already chosen (the in-app prompt), on another thread.
    pub fn write_to(
        &mut self,
        what: ExportWhat,
        job: ExportJob,
        path: PathBuf,
        ctx: egui::Context,
    ) {
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            let _ = tx.send(ExportEvent::Written(job.write(what, &path).map(|()| path)));
            ctx.request_repaint();
        });
        self.export = Some(rx);
    }

    /// The outcome of the running export, once it is known.
    pub fn poll_export(&mut self) -> Option<ExportEvent> {
        let rx = self.export.as_ref()?;
        match rx.try_recv() {
            Ok(r) => {
                self.export = None;
                Some(r)
            }
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => {
                self.export = None;
                Some(ExportEvent::Written(Err("the export stopped".into())))
            }
        }
    }
}

/// Everything an export needs, owned, so it can run on another thread.
pub struct ExportJob {
    pub corpus: std::sync::Arc<Corpus>,
    pub filter: Filter,
    pub view: View,
    pub tab: Tab,
    /// The timeline's visible days, so an exported timeline shows what is on screen.
    pub range: Option<(f64, f64)>,
    /// The subjects picked for the targets chart (None: the first few).
    pub subjects: Option<Vec<String>>,
    /// Plan periods shaded on the timeline, as on screen.
    pub eras: bool,
    /// The language of the labels, as on screen.
    pub lang: Lang,
}

impl ExportJob {
    pub fn write(&self, what: ExportWhat, path: &std::path::Path) -> Result<(), String> {
        let r = match what {
            ExportWhat::Chart(format) => {
                let range = if self.tab == Tab::Timeline {
                    self.range
                } else {
                    None
                };
                let mut spec = chart::build_with(
                    self.tab.chart(),
                    &self.corpus,
                    &self.filter,
                    &self.view,
                    range,
                    self.subjects.as_deref(),
                    self.lang,
                );
                if !self.eras {
                    for p in &mut spec.panels {
                        p.bands.clear();
                    }
                }
                crate::export::save_chart(path, &spec, format, 1600, 900)
            }
            ExportWhat::Data(format) => {
                crate::export::save_data(path, &self.corpus, &self.view, format)
            }
        };
        r.map_err(|e| e.to_string())
    }
}

fn rgb([r, g, b]: chart::Rgb) -> Color32 {
    Color32::from_rgb(r, g, b)
}

fn shape(s: Shape) -> MarkerShape {
    match s {
        Shape::Circle => MarkerShape::Circle,
        Shape::Square => MarkerShape::Square,
        Shape::Diamond => MarkerShape::Diamond,
        Shape::Triangle => MarkerShape::Up,
    }
}

/// What the chart tabs read.
pub struct ChartInput<'a> {
    pub corpus: &'a Corpus,
    pub filter: &'a Filter,
    pub view: &'a View,
    pub generation: u64,
    pub lang: Lang,
}

pub fn chart_ui(
    ui: &mut egui::Ui,
    tab: Tab,
    input: &ChartInput<'_>,
    state: &mut ChartsState,
    commands: &mut Vec<Command>,
) {
    if tab == Tab::TargetsVsActuals {
        subject_picker(ui, input, state);
    }
    let spec = state.spec(
        tab,
        input.generation,
        input.corpus,
        input.filter,
        input.view,
        input.lang,
    );
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new(&spec.title).strong());
        if let Some(s) = &spec.subtitle {
            ui.label(RichText::new(s).weak());
        }
    });
    // Subjects left out are for the picker to show, not a dead-end note.
    if let Some(note) = spec.note.as_ref().filter(|_| spec.omitted_panels == 0) {
        ui.label(RichText::new(note).color(ui.visuals().warn_fg_color));
    }
    legend_ui(ui, spec);
    let footer = 22.0;
    let n = spec.panels.len().max(1);
    let gap = 6.0;
    let h = ((ui.available_height() - footer - gap * (n as f32 - 1.0)) / n as f32).max(80.0);
    egui::ScrollArea::vertical()
        .id_salt("chart.panels")
        .max_height(ui.available_height() - footer)
        .show(ui, |ui| {
            for (i, panel) in spec.panels.iter().enumerate() {
                if let Some(item) = panel_ui(ui, tab, i, panel, h, input.lang) {
                    commands.push(Command::Select(input.corpus.item_index(&item)));
                }
                ui.add_space(gap);
            }
        });
    ui.label(RichText::new(&spec.source_line).small().weak());
}

/// The subjects of the targets chart as a checklist with a search: every subject
/// can be shown, none is only "not shown".
fn subject_picker(ui: &mut egui::Ui, input: &ChartInput<'_>, state: &mut ChartsState) {
    let lang = input.lang;
    if state
        .groups
        .as_ref()
        .is_none_or(|(g, _)| *g != input.generation)
    {
        state.groups = Some((
            input.generation,
            chart::ranked_groups(input.corpus, input.view),
        ));
    }
    let Some((_, groups)) = &state.groups else {
        return;
    };
    let ids: Vec<String> = groups.iter().map(|g| g.id()).collect();
    let default: Vec<String> = ids
        .iter()
        .take(chart::MAX_SUBJECT_PANELS)
        .cloned()
        .collect();
    let mut chosen = state.chosen.clone().unwrap_or_else(|| default.clone());
    let shown = ids.iter().filter(|i| chosen.contains(i)).count();
    let mut changed = false;
    let button = format!(
        "{} {shown} / {} {}",
        T::Subjects.get(lang),
        ids.len(),
        T::SubjectsShown.get(lang)
    );
    ui.horizontal(|ui| {
        ui.menu_button(button, |ui| {
            ui.set_min_width(320.0);
            ui.horizontal(|ui| {
                ui.add(
                    egui::TextEdit::singleline(&mut state.subject_search)
                        .id(egui::Id::unique("targets.subject_search"))
                        .hint_text(T::SubjectSearch.get(lang))
                        .desired_width(180.0),
                );
                if ui.small_button(T::ShowAll.get(lang)).clicked() {
                    chosen = ids.clone();
                    changed = true;
                }
                if ui.small_button(T::None.get(lang)).clicked() {
                    chosen.clear();
                    changed = true;
                }
            });
            let needle = crate::script::to_simplified(&state.subject_search.trim().to_lowercase());
            egui::ScrollArea::vertical()
                .id_salt("targets.subjects")
                .max_height(320.0)
                .show(ui, |ui| {
                    for (g, id) in groups.iter().zip(&ids) {
                        if !needle.is_empty() && !g.label.to_lowercase().contains(&needle) {
                            continue;
                        }
                        let mut on = chosen.contains(id);
                        let text = format!(
                            "{} ({} {} · {} {})",
                            g.label,
                            g.targets.len(),
                            i18n::kind(Kind::Target, lang),
                            g.metrics.len(),
                            i18n::kind(Kind::Metric, lang)
                        );
                        if ui.checkbox(&mut on, text).changed() {
                            if on {
                                chosen.push(id.clone());
                            } else {
                                chosen.retain(|c| c != id);
                            }
                            changed = true;
                        }
                    }
                });
        });
    });
    if changed {
        state.chosen = Some(chosen);
        state.cached = None;
    }
}

fn legend_ui(ui: &mut egui::Ui, spec: &ChartSpec) {
    if spec.legend.is_empty() {
        return;
    }
    ui.horizontal_wrapped(|ui| {
        for e in &spec.legend {
            let (rect, _) = ui.allocate_exact_size(egui::vec2(14.0, 12.0), egui::Sense::hover());
            let c = rgb(e.color);
            match e.mark {
                LegendMark::Swatch => {
                    ui.painter().rect_filled(rect.shrink(1.0), 2.0, c);
                }
                LegendMark::Line => {
                    ui.painter().line_segment(
                        [rect.left_center(), rect.right_center()],
                        egui::Stroke::new(2.0, c),
                    );
                }
                LegendMark::Shape(s) => {
                    // The same shapes as the timeline's markers.
                    let kind = match s {
                        Shape::Circle => Kind::Event,
                        Shape::Square => Kind::Policy,
                        Shape::Diamond => Kind::Target,
                        Shape::Triangle => Kind::Metric,
                    };
                    ui.painter().add(super::style::marker(
                        kind,
                        rect.center(),
                        4.5,
                        c,
                        egui::Stroke::NONE,
                    ));
                }
            }
            ui.label(&e.label);
            ui.add_space(6.0);
        }
    });
}

/// One panel as an egui_plot; returns the id of the item clicked, if any.
fn panel_ui(
    ui: &mut egui::Ui,
    tab: Tab,
    index: usize,
    panel: &Panel,
    height: f32,
    lang: Lang,
) -> Option<String> {
    if !panel.title.is_empty() {
        ui.label(RichText::new(&panel.title).strong());
    }
    let x_ticks: Vec<(f64, String)> = panel
        .x_axis
        .ticks
        .iter()
        .map(|t| (t.value, t.label.clone()))
        .collect();
    let y_ticks: Vec<(f64, String)> = panel
        .y_axis
        .ticks
        .iter()
        .map(|t| (t.value, t.label.clone()))
        .collect();
    let spacer = |ticks: Vec<(f64, String)>| {
        move |input: GridInput| -> Vec<GridMark> {
            let step = ticks
                .windows(2)
                .map(|w| (w[1].0 - w[0].0).abs())
                .fold(f64::INFINITY, f64::min);
            let step = if step.is_finite() && step > 0.0 {
                step
            } else {
                1.0
            };
            // Thin out ticks that would crowd (every k-th, by pixel spacing).
            let every = ((input.base_step_size * 4.0) / step).ceil().max(1.0) as usize;
            ticks
                .iter()
                .step_by(every)
                .map(|(v, _)| GridMark {
                    value: *v,
                    step_size: step * every as f64,
                })
                .collect()
        }
    };
    let labeller = |ticks: Vec<(f64, String)>| {
        move |mark: GridMark, _: &std::ops::RangeInclusive<f64>| {
            ticks
                .iter()
                .find(|(v, _)| (v - mark.value).abs() < 1e-6)
                .map(|(_, l)| l.clone())
                .unwrap_or_default()
        }
    };
    let plot = Plot::new(("chart", tab as u8, index))
        .height(height)
        .allow_drag(false)
        .allow_zoom(false)
        .allow_scroll(false)
        .allow_boxed_zoom(false)
        .show_x(false)
        .show_y(false)
        .default_x_bounds(panel.x_axis.min, panel.x_axis.max)
        .default_y_bounds(panel.y_axis.min, panel.y_axis.max)
        .x_grid_spacer(spacer(x_ticks.clone()))
        .y_grid_spacer(spacer(y_ticks.clone()))
        .x_axis_formatter(labeller(x_ticks))
        .y_axis_formatter(labeller(y_ticks))
        .y_axis_label(panel.y_axis.label.clone())
        .y_axis_min_width(48.0);
    let response = plot.show(ui, |plot_ui| {
        let bars: Vec<Bar> = panel
            .bars
            .iter()
            .map(|b| {
                Bar::new(b.x, b.height)
                    .base_offset(b.base)
                    .width(b.width)
                    .fill(rgb(b.color))
                    .name(&b.label)
            })
            .collect();
        if !bars.is_empty() {
            plot_ui.bar_chart(BarChart::new("bars", bars));
        }
        for s in &panel.spans {
            let style = if s.dashed {
                LineStyle::Dashed { length: 8.0 }
            } else {
                LineStyle::Solid
            };
            plot_ui.line(
                Line::new("span", PlotPoints::from(vec![[s.x0, s.y], [s.x1, s.y]]))
                    .color(rgb(s.color))
                    .width(if s.dashed { 1.5 } else { 4.0 })
                    .style(style),
            );
        }
        for s in &panel.series {
            let pts: Vec<[f64; 2]> = s.points.iter().map(|p| [p.x, p.y]).collect();
            plot_ui.line(
                Line::new(s.label.clone(), PlotPoints::from(pts.clone()))
                    .color(rgb(s.color))
                    .width(2.0),
            );
            plot_ui.points(
                Points::new(s.label.clone(), PlotPoints::from(pts))
                    .color(rgb(s.color))
                    .radius(3.5),
            );
        }
        for m in &panel.markers {
            plot_ui.points(
                Points::new("marker", PlotPoints::from(vec![[m.x, m.y]]))
                    .shape(shape(m.shape))
                    .color(rgb(m.color))
                    .filled(true)
                    .radius(5.0),
            );
        }
    });
    // Hover and click through the model's own hit test, in data units.
    let r = &response.response;
    let t = &response.transform;
    let tol_x = t.dvalue_dpos()[0].abs() * 6.0;
    let tol_y = t.dvalue_dpos()[1].abs() * 6.0;
    let hit = |p: egui::Pos2| {
        let v = t.value_from_position(p);
        panel.hit(v.x, v.y, tol_x, tol_y)
    };
    if let Some(items) = r.hover_pos().and_then(hit) {
        let detail = detail_of(panel, items);
        let n = items.len();
        r.clone().on_hover_ui_at_pointer(|ui| {
            ui.set_max_width(360.0);
            ui.label(detail);
            if n > 1 {
                ui.label(RichText::new(format!("{n} {}", T::ItemsShown.get(lang))).weak());
            }
        });
    }
    if r.clicked() {
        return r
            .interact_pointer_pos()
            .and_then(hit)
            .and_then(|items| items.first().cloned());
    }
    None
}

/// The hover text of the mark whose items these are.
fn detail_of(panel: &Panel, items: &[String]) -> String {
    let same = |other: &[String]| other == items;
    panel
        .markers
        .iter()
        .find(|m| same(&m.items))
        .map(|m| m.detail.clone())
        .or_else(|| {
            panel
                .series
                .iter()
                .flat_map(|s| &s.points)
                .find(|p| same(&p.items))
                .map(|p| p.detail.clone())
        })
        .or_else(|| {
            panel
                .spans
                .iter()
                .find(|s| same(&s.items))
                .map(|s| s.detail.clone())
        })
        .or_else(|| {
            panel
                .bars
                .iter()
                .find(|b| same(&b.items))
                .map(|b| b.detail.clone())
        })
        .unwrap_or_default()
}
