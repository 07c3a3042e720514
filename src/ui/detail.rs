//! The right panel: everything known about the selected item, its sentence in the
//! document's text, and the items related to it.

use super::Command;
use super::curate::{CurateInput, CurateState};
use super::i18n::{self, Lang, T};
use super::style::{goal_text, kind_color};
use crate::extract::{Item, Kind};
use crate::model::subject;
use crate::model::targets::{Status, Tracker, Tracking, region_of};
use crate::model::{Corpus, View};
use egui::text::{CCursor, LayoutJob, TextFormat};
use egui::{Color32, FontId, RichText};
use std::sync::{Arc, Weak};

/// Related items per group: enough to click through, few enough to read.
const RELATED_MAX: usize = 12;

/// What the panel keeps between frames: the related lists are computed once per
/// selection (a scan of every item), not per frame.
#[derive(Default)]
pub struct DetailState {
    related: Related,
    /// The related items in one list, the candidates to merge with.
    related_all: Vec<usize>,
    /// Frames left in which to scroll the text to the quote: the scroll area only
    /// knows its new content size a frame after the selection changed, so one
    /// request can land short.
    scroll_to_quote: u8,
    /// Normalised subjects, and (weakly, so an old corpus is not kept alive) the
    /// corpus they were computed for.
    subjects: Option<(Weak<Corpus>, Vec<Option<String>>)>,
    /// The edit form's drafts and the selection in the source text.
    pub curate: CurateState,
}

#[derive(Default, Debug, Clone, PartialEq)]
pub struct Related {
    pub same_subject: Vec<usize>,
    pub same_document: Vec<usize>,
    pub same_theme: Vec<usize>,
}

impl Related {
    /// Items sharing the subject (a target with the metrics reporting on it), the
    /// document, or the first theme, nearest in time first.
    pub fn of(corpus: &Corpus, index: usize) -> Self {
        Self::with_subjects(corpus, index, &subject_keys(corpus))
    }

    /// [`Related::of`] with every item's normalised subject computed already
    /// ([`subject_keys`]), so a click in a 100k-item corpus compares, not converts.
    pub fn with_subjects(corpus: &Corpus, index: usize, keys: &[Option<String>]) -> Self {
        let Some(it) = corpus.items.get(index) else {
            return Self::default();
        };
        // Subjects are matched the way the targets-vs-actuals chart groups them
        // (both scripts, place prefixes and synonyms folded), so the two agree.
        let subject = keys.get(index).and_then(Option::as_deref);
        let theme = it.themes.first();
        let mut out = Self::default();
        for (i, other) in corpus.items.iter().enumerate() {
            if i == index {
                continue;
            }
            if let (Some(s), Some(o)) = (subject, keys.get(i).and_then(Option::as_deref))
                && subject::same_subject(s, o)
                && region_of(it) == region_of(other)
            {
                out.same_subject.push(i);
            } else if other.doc == it.doc {
                out.same_document.push(i);
            } else if theme.is_some_and(|t| other.themes.contains(t)) {
                out.same_theme.push(i);
            }
        }
        let near = |list: &mut Vec<usize>| {
            list.sort_by_key(|&i| i.abs_diff(index));
            list.truncate(RELATED_MAX);
            list.sort_unstable();
        };
        near(&mut out.same_subject);
        near(&mut out.same_document);
        near(&mut out.same_theme);
        out
    }
}

/// Every item's subject as the chart model normalises it (None without a subject).
pub fn subject_keys(corpus: &Corpus) -> Vec<Option<String>> {
    corpus
        .items
        .iter()
        .map(|it| it.subject.as_deref().map(subject::normalize_subject))
        .collect()
}

impl DetailState {
    pub fn selection_changed(&mut self, corpus: &Arc<Corpus>, index: Option<usize>) {
        // Built on the first selection in a corpus, kept until the corpus changes; not
        // for no selection, which every new corpus starts with (at 30,000 articles that
        // was most of the frame taking a finished load in).
        let fresh = self
            .subjects
            .as_ref()
            .is_some_and(|(c, _)| Weak::ptr_eq(c, &Arc::downgrade(corpus)));
        if !fresh && index.is_some() {
            self.subjects = Some((Arc::downgrade(corpus), subject_keys(corpus)));
        }
        let keys = self
            .subjects
            .as_ref()
            .map(|(_, k)| k.as_slice())
            .unwrap_or(&[]);
        self.related = index
            .map(|i| Related::with_subjects(corpus, i, keys))
            .unwrap_or_default();
        self.related_all = [
            &self.related.same_subject,
            &self.related.same_document,
            &self.related.same_theme,
        ]
        .into_iter()
        .flatten()
        .copied()
        .collect();
        self.scroll_to_quote = if index.is_some() { 3 } else { 0 };
    }
}

/// What the detail panel needs to know of the curation.
#[derive(Debug, Clone, Default)]
pub struct DetailCuration {
    /// The curation file is broken: nothing can be changed.
    pub read_only: bool,
    /// The item selected before this one, offered to merge with.
    pub previous: Option<usize>,
}

#[allow(clippy::too_many_arguments)]
pub fn detail_ui(
    ui: &mut egui::Ui,
    corpus: &Corpus,
    view: &View,
    tracker: &Tracker,
    selected: Option<usize>,
    lang: Lang,
    state: &mut DetailState,
    curation: &DetailCuration,
    commands: &mut Vec<Command>,
) {
    ui.add_space(4.0);
    let Some(index) = selected else {
        ui.heading(T::Detail.get(lang));
        ui.add_space(8.0);
        ui.label(RichText::new(T::NothingSelected.get(lang)).strong());
        ui.label(RichText::new(T::NothingSelectedHint.get(lang)).weak());
        return;
    };
    let Some(item) = corpus.items.get(index) else {
        return;
    };
    // Previous / next among the items shown, with the position.
    ui.horizontal(|ui| {
        let pos = view.items.binary_search(&index).ok();
        if ui
            .add_enabled(pos != Some(0), egui::Button::new(T::Previous.get(lang)))
            .clicked()
        {
            commands.push(Command::Step(-1));
        }
        if ui
            .add_enabled(
                pos.is_none_or(|p| p + 1 < view.items.len()),
                egui::Button::new(T::Next.get(lang)),
            )
            .clicked()
        {
            commands.push(Command::Step(1));
        }
        if let Some(p) = pos {
            ui.label(RichText::new(format!("{} / {}", p + 1, view.items.len())).weak());
        }
    });
    ui.separator();
    egui::ScrollArea::vertical()
        .id_salt("detail")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            let input = CurateInput {
                corpus,
                read_only: curation.read_only,
                previous: curation.previous,
                related: &state.related_all,
                lang,
            };
            super::curate::actions_ui(ui, &input, item, &mut state.curate, commands);
            item_ui(ui, corpus, tracker, index, item, lang, commands);
            egui::CollapsingHeader::new(
                RichText::new(super::i18n::tr(lang, "编辑字段", "Edit fields")).strong(),
            )
            .id_salt("detail.edit")
            .default_open(false)
            .show(ui, |ui| {
                super::curate::form_ui(ui, &input, item, &mut state.curate, commands)
            });
            super::sources::sources_ui(ui, corpus, item, lang);
            ui.add_space(6.0);
            quote_ui(ui, corpus, item, lang, state);
            super::curate::add_buttons(
                ui,
                &item.doc,
                &state.curate,
                curation.read_only,
                lang,
                commands,
            );
            ui.add_space(6.0);
            related_ui(ui, corpus, &state.related, lang, commands);
        });
}

fn row(ui: &mut egui::Ui, label: T, lang: Lang, value: impl Into<egui::WidgetText>) {
    ui.label(RichText::new(label.get(lang)).weak());
    ui.add(egui::Label::new(value).wrap());
    ui.end_row();
}

fn item_ui(
    ui: &mut egui::Ui,
    corpus: &Corpus,
    tracker: &Tracker,
    index: usize,
    item: &Item,
    lang: Lang,
    commands: &mut Vec<Command>,
) {
    ui.horizontal(|ui| {
        ui.label(
            RichText::new(i18n::kind(item.kind, lang))
                .color(Color32::WHITE)
                .background_color(kind_color(item.kind))
                .strong(),
        );
        let date = match item.end_date {
            Some(end) => format!("{} – {end}", item.date),
            None => item.date.to_string(),
        };
        ui.label(RichText::new(date).strong());
        ui.label(
            RichText::new(format!(
                "({})",
                i18n::precision(item.date.precision(), lang)
            ))
            .weak()
            .small(),
        );
    });
    let title = RichText::new(&item.title).heading();
    // A rejected item shown to be restored is struck through.
    let title = if corpus.is_rejected(item) {
        title.strikethrough().weak()
    } else {
        title
    };
    ui.add(egui::Label::new(title).wrap());
    ui.add_space(4.0);
    // Capped columns: a long value wraps instead of widening the panel.
    let value_w = (ui.available_width() - 90.0).max(80.0);
    egui::Grid::new("detail.fields")
        .num_columns(2)
        .max_col_width(value_w)
        .spacing([10.0, 4.0])
        .show(ui, |ui| {
            if let Some(q) = &item.quantity {
                row(ui, T::Quantity, lang, RichText::new(&q.text).strong());
            }
            if let Some(s) = &item.subject {
                row(ui, T::Subject, lang, s);
            }
            if item.kind == Kind::Target
                && let Some(g) = goal_text(item)
            {
                row(ui, T::Deadline, lang, g);
            }
            if let Some(t) = tracker.get(index) {
                tracking_rows(ui, corpus, t, lang, commands);
            }
            if let Some(p) = &item.policy_title {
                row(ui, T::PolicyTitle, lang, format!("《{p}》"));
            }
            if let Some([a, b]) = item.period {
                row(ui, T::Period, lang, format!("{a}–{b}"));
            }
            if !item.issuers.is_empty() {
                row(ui, T::Issuers, lang, item.issuers.join("、"));
            }
            if !item.themes.is_empty() {
                ui.label(RichText::new(T::Themes.get(lang)).weak());
                ui.horizontal_wrapped(|ui| {
                    for id in &item.themes {
                        match corpus.themes.get(id) {
                            Some(t) => {
                                let [r, g, b] = t.rgb();
                                let text = RichText::new(i18n::theme(t, lang));
                                // A theme taken from the paragraph says less about
                                // the item: drawn faded, in italics.
                                ui.label(if item.inherited_themes.contains(id) {
                                    text.italics().background_color(
                                        Color32::from_rgba_unmultiplied(r, g, b, 70),
                                    )
                                } else {
                                    text.color(text_on([r, g, b]))
                                        .background_color(Color32::from_rgb(r, g, b))
                                });
                            }
                            None => {
                                ui.label(id);
                            }
                        }
                    }
                });
                ui.end_row();
            }
        });
    ui.add_space(6.0);
    if let Some(d) = corpus.document(&item.doc) {
        egui::CollapsingHeader::new(RichText::new(T::Source.get(lang)).strong())
            .id_salt("detail.source")
            .default_open(true)
            .show(ui, |ui| {
                egui::Grid::new("detail.doc")
                    .num_columns(2)
                    .max_col_width(value_w)
                    .spacing([10.0, 3.0])
                    .show(ui, |ui| {
                        row(ui, T::Title, lang, d.title.as_deref().unwrap_or(&d.id));
                        row(
                            ui,
                            T::Outlet,
                            lang,
                            d.source.as_deref().unwrap_or(T::Unknown.get(lang)),
                        );
                        let published = d.published.map(|p| p.to_string());
                        row(
                            ui,
                            T::Published,
                            lang,
                            published.as_deref().unwrap_or(T::Unknown.get(lang)),
                        );
                        row(ui, T::FilePath, lang, d.path.display().to_string());
                        row(ui, T::Encoding, lang, &d.encoding);
                        if !d.warnings.is_empty() {
                            let said: Vec<String> =
                                d.warnings.iter().map(|w| i18n::warning(w, lang)).collect();
                            row(ui, T::Warnings, lang, said.join("\n"));
                        }
                    });
            });
    }
}

/// A target's latest figure (clickable), progress and status.
fn tracking_rows(
    ui: &mut egui::Ui,
    corpus: &Corpus,
    t: &Tracking,
    lang: Lang,
    commands: &mut Vec<Command>,
) {
    ui.label(RichText::new(T::LatestActual.get(lang)).weak());
    match t.latest.and_then(|i| corpus.items.get(i).map(|it| (i, it))) {
        Some((i, it)) => {
            let q = it.quantity.as_ref().map(|q| q.text.as_str()).unwrap_or("");
            let text = format!("{q} ({})", i18n::year(it.date.year, lang));
            if ui
                .add(
                    egui::Button::new(RichText::new(text).color(ui.visuals().hyperlink_color))
                        .frame(false),
                )
                .clicked()
            {
                commands.push(Command::Select(Some(i)));
            }
        }
        None => {
            ui.label("—");
        }
    }
    ui.end_row();
    if let Some(p) = t.progress {
        row(ui, T::Progress, lang, format!("{:.0}%", p * 100.0));
    }
    let color = match t.status {
        Status::Met => Color32::from_rgb(44, 160, 44),
        Status::OnTrack => Color32::from_rgb(31, 119, 180),
        Status::Behind => Color32::from_rgb(225, 87, 89),
        Status::NoData => ui.visuals().weak_text_color(),
    };
    row(
        ui,
        T::Status,
        lang,
        RichText::new(super::table::status_label(t.status, lang))
            .color(color)
            .strong(),
    );
}

/// Black or white, whichever reads on a theme colour (the lexicon's colours range
/// from dark blue to pale grey).
fn text_on([r, g, b]: [u8; 3]) -> Color32 {
    let luma = 0.299 * f32::from(r) + 0.587 * f32::from(g) + 0.114 * f32::from(b);
    if luma > 150.0 {
        Color32::BLACK
    } else {
        Color32::WHITE
    }
}

/// The document's text with the quote highlighted, scrolled so the quote is in view.
/// It is a read-only text field, so that a passage can be selected (with the mouse or
/// Shift and the arrows) and added as an item; the selection is kept in the state.
fn quote_ui(ui: &mut egui::Ui, corpus: &Corpus, item: &Item, lang: Lang, state: &mut DetailState) {
    ui.label(RichText::new(T::Quote.get(lang)).strong());
    let Some(doc) = corpus.document(&item.doc) else {
        ui.label(item.quote.as_str());
        return;
    };
    let frame = egui::Frame::group(ui.style()).fill(ui.visuals().extreme_bg_color);
    frame.show(ui, |ui| {
        egui::ScrollArea::vertical()
            .id_salt("detail.text")
            .max_height(260.0)
            .auto_shrink([false, true])
            .show(ui, |ui| {
                let width = ui.available_width();
                let mut start = 0;
                let mut layouter = |ui: &egui::Ui, _text: &dyn egui::TextBuffer, wrap: f32| {
                    // Wrapped to the width inside the frame and scroll bar, so the text
                    // never asks the panel to grow.
                    let (job, at) = highlighted(ui, &doc.text, item, wrap.min(width));
                    start = at;
                    ui.fonts_mut(|f| f.layout_job(job))
                };
                let mut text: &str = &doc.text;
                let out = egui::TextEdit::multiline(&mut text)
                    .id_salt(SOURCE_TEXT)
                    .frame(egui::Frame::NONE)
                    .desired_width(width)
                    .layouter(&mut layouter)
                    .show(ui);
                if out.response.has_focus()
                    && let Some(r) = out.cursor_range
                {
                    let range = r.as_sorted_char_range();
                    state.curate.selection = (range.start < range.end)
                        .then(|| (doc.id.clone(), [range.start.0, range.end.0]));
                }
                if state.scroll_to_quote > 0 {
                    state.scroll_to_quote -= 1;
                    ui.ctx().request_repaint();
                    let r = out
                        .galley
                        .pos_from_cursor(CCursor::new(start))
                        .translate(out.galley_pos.to_vec2());
                    ui.scroll_to_rect(r.expand(24.0), Some(egui::Align::Center));
                }
            });
    });
}

/// The id salt of the source text field (tests select in it).
pub const SOURCE_TEXT: &str = "detail.source.text";

/// The text as a layout job with the quote marked, and the quote's first char index.
/// The span indexes chars of the cleaned text; if it does not point at the quote
/// (a stale or foreign extraction), the quote is searched for instead, and if it is
/// not in the text at all it is shown on its own.
fn highlighted(ui: &egui::Ui, text: &str, item: &Item, width: f32) -> (LayoutJob, usize) {
    let font = FontId::proportional(13.5);
    let normal = TextFormat {
        font_id: font.clone(),
        color: ui.visuals().weak_text_color(),
        line_height: Some(21.0),
        ..Default::default()
    };
    let strong = TextFormat {
        font_id: font,
        color: ui.visuals().strong_text_color(),
        background: ui.visuals().selection.bg_fill.gamma_multiply(0.6),
        line_height: Some(21.0),
        ..Default::default()
    };
    let mut job = LayoutJob::default();
    job.wrap.max_width = width.max(50.0);
    let [a, b] = item.span;
    let byte = |c: usize| {
        text.char_indices()
            .nth(c)
            .map(|(i, _)| i)
            .unwrap_or(text.len())
    };
    let (ba, bb) = (byte(a), byte(b));
    let by_span = a < b && text.get(ba..bb).is_some_and(|s| !s.is_empty());
    let range = if by_span && text.get(ba..bb) == Some(item.quote.as_str()) {
        Some((ba, bb))
    } else if let Some(p) = text
        .find(item.quote.as_str())
        .filter(|_| !item.quote.is_empty())
    {
        Some((p, p + item.quote.len()))
    } else if by_span {
        Some((ba, bb))
    } else {
        None
    };
    match range {
        Some((x, y)) => {
            job.append(&text[..x], 0.0, normal.clone());
            job.append(&text[x..y], 0.0, strong);
            job.append(&text[y..], 0.0, normal);
            (job, text[..x].chars().count())
        }
        None => {
            job.append(&item.quote, 0.0, strong);
            (job, 0)
        }
    }
}

fn related_ui(
    ui: &mut egui::Ui,
    corpus: &Corpus,
    related: &Related,
    lang: Lang,
    commands: &mut Vec<Command>,
) {
    let groups = [
        (T::SameSubject, &related.same_subject),
        (T::SameDocument, &related.same_document),
        (T::SameTheme, &related.same_theme),
    ];
    if groups.iter().all(|(_, l)| l.is_empty()) {
        return;
    }
    ui.label(RichText::new(T::Related.get(lang)).strong());
    for (title, list) in groups {
        if list.is_empty() {
            continue;
        }
        ui.label(
            RichText::new(format!("{} ({})", title.get(lang), list.len()))
                .weak()
                .small(),
        );
        for &i in list.iter() {
            let Some(it) = corpus.items.get(i) else {
                continue;
            };
            let text = format!("{} · {} · {}", it.date, i18n::kind(it.kind, lang), it.title);
            if ui
                .add(
                    egui::Button::new(RichText::new(text).color(ui.visuals().hyperlink_color))
                        .frame(false)
                        .truncate(),
                )
                .clicked()
            {
                commands.push(Command::Select(Some(i)));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit::{self, ItemBuilder, corpus_of};
    use crate::time::PartialDate;

    /// Item `n` of `doc` in the year 2020 + n.
    fn item(n: usize, doc: &str, kind: Kind) -> ItemBuilder {
        testkit::item(doc, n, kind, PartialDate::year(2020 + n as i32))
    }

    #[test]
    fn related_by_subject_in_either_script_then_document_then_theme() {
        let c = corpus_of(vec![
            item(0, "a", Kind::Target)
                .subject("产业规模")
                .themes(&["ai"])
                .build(),
            item(1, "b", Kind::Metric).subject("產業規模").build(),
            item(2, "a", Kind::Event).build(),
            item(3, "b", Kind::Event).themes(&["ai"]).build(),
            item(4, "b", Kind::Event).themes(&["synbio"]).build(),
        ]);
        let r = Related::of(&c, c.item_index("a#0").unwrap());
        assert_eq!(r.same_subject, vec![c.item_index("b#1").unwrap()]);
        assert_eq!(r.same_document, vec![c.item_index("a#2").unwrap()]);
        assert_eq!(r.same_theme, vec![c.item_index("b#3").unwrap()]);
        assert_eq!(Related::of(&c, 99), Related::default());
    }
}
