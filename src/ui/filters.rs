//! The left panel: themes, kinds, years, documents and the search box.
//!
//! The panel edits a copy of the filter and sends it back whole; the model's
//! [`Filter`] does all matching (including 简/繁 in the search), so what the panel shows
//! and what the CLI filters can never disagree.

use super::Command;
use super::i18n::{self, Lang, T};
use super::style::kind_color;
use crate::extract::Kind;
use crate::model::{Corpus, Filter, View};
use egui::{Color32, RichText};
use std::collections::BTreeMap;

/// Counts among the items shown, computed with the view (not per frame).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FilterCounts {
    /// Theme id → items shown ("" for unthemed).
    pub themes: BTreeMap<String, usize>,
    pub kinds: BTreeMap<crate::extract::Kind, usize>,
    pub docs: BTreeMap<String, usize>,
    /// First and last year of any item in the corpus (for the year range).
    pub years: Option<(i32, i32)>,
}

impl FilterCounts {
    pub fn new(corpus: &Corpus, view: &View) -> Self {
        let mut kinds = BTreeMap::new();
        let mut docs = BTreeMap::new();
        for &i in &view.items {
            let it = &corpus.items[i];
            *kinds.entry(it.kind).or_insert(0) += 1;
            // The id is copied once per document, not once per item.
            match docs.get_mut(it.doc.as_str()) {
                Some(n) => *n += 1,
                None => {
                    docs.insert(it.doc.clone(), 1);
                }
            }
        }
        let years = corpus
            .items
            .iter()
            .map(|it| {
                let end = it
                    .deadline
                    .into_iter()
                    .chain(it.period.map(|p| p[1]))
                    .fold(it.date.year, i32::max);
                (it.date.year, end)
            })
            .reduce(|a, b| (a.0.min(b.0), a.1.max(b.1)));
        Self {
            themes: view.theme_counts(corpus),
            kinds,
            docs,
            years,
        }
    }
}

pub const SEARCH_ID: &str = "filters.search";

#[allow(clippy::too_many_arguments)]
pub fn filters_ui(
    ui: &mut egui::Ui,
    corpus: &Corpus,
    filter: &Filter,
    counts: &FilterCounts,
    lang: Lang,
    focus_search: bool,
    commands: &mut Vec<Command>,
) {
    let mut f = filter.clone();
    ui.add_space(4.0);
    ui.heading(T::Filters.get(lang));
    ui.add_space(2.0);

    // Search first: it is what people reach for.
    let search = ui.add(
        egui::TextEdit::singleline(&mut f.search)
            .id(egui::Id::unique(SEARCH_ID))
            .hint_text(T::SearchHint.get(lang))
            .desired_width(f32::INFINITY),
    );
    if focus_search {
        search.request_focus();
    }
    // The analyst's corrections: only what was changed, and rejected items back
    // (greyed) to be restored.
    ui.horizontal_wrapped(|ui| {
        ui.checkbox(
            &mut f.only_curated,
            super::i18n::tr(lang, "仅已校订", "Curated only"),
        );
        ui.checkbox(
            &mut f.show_rejected,
            super::i18n::tr(lang, "显示已驳回", "Show rejected"),
        );
    });
    ui.add_space(4.0);

    // Themes, kinds and years are short lists; the documents can be thousands, so
    // they get the rest of the panel and only the rows in view are laid out.
    egui::ScrollArea::vertical()
        .id_salt("filters.top")
        .max_height((ui.available_height() * 0.62).max(120.0))
        .auto_shrink([false, true])
        .show(ui, |ui| {
            egui::CollapsingHeader::new(RichText::new(T::Themes.get(lang)).strong())
                .id_salt("themes")
                .default_open(true)
                .show(ui, |ui| themes_ui(ui, corpus, &mut f, counts, lang));
            egui::CollapsingHeader::new(RichText::new(T::Kinds.get(lang)).strong())
                .id_salt("kinds")
                .default_open(true)
                .show(ui, |ui| {
                    ui.horizontal_wrapped(|ui| {
                        for kind in Kind::ALL {
                            let mut on = !f.hidden_kinds.contains(&kind);
                            let n = counts.kinds.get(&kind).copied().unwrap_or(0);
                            let label = RichText::new(format!("{} {n}", i18n::lane(kind, lang)))
                                .color(kind_color(kind));
                            if ui.checkbox(&mut on, label).changed() {
                                if on {
                                    f.hidden_kinds.remove(&kind);
                                } else {
                                    f.hidden_kinds.insert(kind);
                                }
                            }
                        }
                    });
                });
            egui::CollapsingHeader::new(RichText::new(T::Years.get(lang)).strong())
                .id_salt("years")
                .default_open(true)
                .show(ui, |ui| years_ui(ui, &mut f, counts, lang));
        });
    ui.separator();
    ui.horizontal(|ui| {
        ui.label(
            RichText::new(format!(
                "{} ({})",
                T::Documents.get(lang),
                corpus.documents.len()
            ))
            .strong(),
        );
        if corpus.documents.len() > 1 {
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if ui.small_button(T::None.get(lang)).clicked() {
                    f.hidden_docs = corpus.documents.iter().map(|d| d.id.clone()).collect();
                }
                if ui.small_button(T::All.get(lang)).clicked() {
                    f.hidden_docs.clear();
                }
            });
        }
    });
    documents_ui(ui, corpus, &mut f, counts, lang);

    if &f != filter {
        commands.push(Command::SetFilter(f));
    }
}

fn themes_ui(
    ui: &mut egui::Ui,
    corpus: &Corpus,
    f: &mut Filter,
    counts: &FilterCounts,
    lang: Lang,
) {
    ui.horizontal(|ui| {
        if ui.small_button(T::All.get(lang)).clicked() {
            f.hidden_themes.clear();
            f.hide_unthemed = false;
        }
        if ui.small_button(T::None.get(lang)).clicked() {
            f.hidden_themes = corpus.themes.themes.iter().map(|t| t.id.clone()).collect();
            f.hide_unthemed = true;
        }
    });
    for theme in &corpus.themes.themes {
        let mut on = !f.hidden_themes.contains(&theme.id);
        let n = counts.themes.get(&theme.id).copied().unwrap_or(0);
        ui.horizontal(|ui| {
            let [r, g, b] = theme.rgb();
            let (rect, _) = ui.allocate_exact_size(egui::vec2(10.0, 10.0), egui::Sense::hover());
            ui.painter()
                .rect_filled(rect, 2.0, Color32::from_rgb(r, g, b));
            let text = format!("{} {n}", i18n::theme(theme, lang));
            if ui.checkbox(&mut on, text).changed() {
                if on {
                    f.hidden_themes.remove(&theme.id);
                } else {
                    f.hidden_themes.insert(theme.id.clone());
                }
            }
        });
    }
    let mut on = !f.hide_unthemed;
    let n = counts.themes.get("").copied().unwrap_or(0);
    ui.horizontal(|ui| {
        ui.add_space(14.0 + ui.spacing().item_spacing.x);
        if ui
            .checkbox(&mut on, format!("{} {n}", T::NoTheme.get(lang)))
            .changed()
        {
            f.hide_unthemed = !on;
        }
    });
}

fn years_ui(ui: &mut egui::Ui, f: &mut Filter, counts: &FilterCounts, lang: Lang) {
    let Some((lo, hi)) = counts.years else {
        ui.weak("—");
        return;
    };
    let mut from = f.from_year.unwrap_or(lo);
    let mut to = f.to_year.unwrap_or(hi);
    ui.horizontal(|ui| {
        let l = ui.label(T::From.get(lang));
        let a = ui
            .add(egui::DragValue::new(&mut from).range(lo..=hi).speed(0.1))
            .labelled_by(l.id);
        let l = ui.label(T::To.get(lang));
        let b = ui
            .add(egui::DragValue::new(&mut to).range(lo..=hi).speed(0.1))
            .labelled_by(l.id);
        if a.changed() {
            f.from_year = Some(from);
            if to < from {
                f.to_year = Some(from);
            }
        }
        if b.changed() {
            f.to_year = Some(to);
            if from > to {
                f.from_year = Some(to);
            }
        }
        let restricted = f.from_year.is_some() || f.to_year.is_some();
        if ui
            .add_enabled(restricted, egui::Button::new(T::Reset.get(lang)).small())
            .clicked()
        {
            f.from_year = None;
            f.to_year = None;
        }
    });
}

fn documents_ui(
    ui: &mut egui::Ui,
    corpus: &Corpus,
    f: &mut Filter,
    counts: &FilterCounts,
    lang: Lang,
) {
    let line = ui.spacing().interact_size.y;
    let row_h = line + 16.0;
    let width = ui.available_width();
    egui::ScrollArea::vertical()
        .id_salt("filters.docs")
        .auto_shrink([false, false])
        .show_rows(ui, row_h, corpus.documents.len(), |ui, rows| {
            for d in corpus.documents.get(rows).unwrap_or(&[]) {
                ui.allocate_ui_with_layout(
                    egui::vec2(width, row_h),
                    egui::Layout::top_down(egui::Align::Min),
                    |ui| {
                        ui.set_min_height(row_h);
                        document_row(ui, d, f, counts, lang);
                    },
                );
            }
        });
}

/// One document: a checkbox with its title and item count, then outlet, date and
/// how many warnings reading it produced (listed on hover).
fn document_row(
    ui: &mut egui::Ui,
    d: &crate::corpus::Document,
    f: &mut Filter,
    counts: &FilterCounts,
    lang: Lang,
) {
    let mut on = !f.hidden_docs.contains(&d.id);
    let n = counts.docs.get(&d.id).copied().unwrap_or(0);
    let title = d.title.as_deref().unwrap_or(&d.id);
    let r = ui
        .scope(|ui| {
            ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Truncate);
            ui.checkbox(&mut on, format!("{title} ({n})"))
        })
        .inner;
    if r.changed() {
        if on {
            f.hidden_docs.remove(&d.id);
        } else {
            f.hidden_docs.insert(d.id.clone());
        }
    }
    let mut meta = Vec::new();
    if let Some(s) = &d.source {
        meta.push(s.clone());
    }
    meta.push(
        d.published
            .map(|p| p.to_string())
            .unwrap_or_else(|| T::Unknown.get(lang).to_owned()),
    );
    ui.horizontal(|ui| {
        ui.add_space(22.0);
        ui.label(RichText::new(meta.join(" · ")).small().weak());
        if !d.warnings.is_empty() {
            ui.label(
                RichText::new(format!("{} {}", T::Warnings.get(lang), d.warnings.len()))
                    .small()
                    .color(ui.visuals().warn_fg_color),
            )
            .on_hover_text(
                d.warnings
                    .iter()
                    .map(|w| i18n::warning(w, lang))
                    .collect::<Vec<_>>()
                    .join("\n"),
            );
        }
    });
}
