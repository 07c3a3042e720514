//! The item table tab: the filtered items in columns, sortable by any column; a
//! click selects the item (on the timeline too); the rows copy as TSV for a
//! spreadsheet.
//!
//! Only the rows in view are laid out and cells are painted as plain text, so a
//! table of 100,000 items scrolls as smoothly as one of ten. The order is computed
//! once per view and sort, not per frame.

use super::Command;
use super::i18n::{self, Lang, T};
use super::style::kind_color;
use crate::extract::Item;
use crate::model::targets::{Status, Tracker, region_of};
use crate::model::{Corpus, View};
use egui::{RichText, Sense, pos2, vec2};
use std::cmp::Ordering;

/// A column of the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    Date,
    Kind,
    Title,
    Subject,
    Value,
    Deadline,
    Progress,
    Status,
    Region,
    Sources,
    Document,
}

impl Column {
    pub const ALL: [Column; 11] = [
        Column::Date,
        Column::Kind,
        Column::Title,
        Column::Subject,
        Column::Value,
        Column::Deadline,
        Column::Progress,
        Column::Status,
        Column::Region,
        Column::Sources,
        Column::Document,
    ];

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Column::Date => T::Date.get(lang),
            Column::Kind => T::Kind.get(lang),
            Column::Title => T::Title.get(lang),
            Column::Subject => T::Subject.get(lang),
            Column::Value => T::Value.get(lang),
            Column::Deadline => T::Deadline.get(lang),
            Column::Progress => T::Progress.get(lang),
            Column::Status => T::Status.get(lang),
            Column::Region => T::Region.get(lang),
            Column::Sources => T::Sources.get(lang),
            Column::Document => T::Document.get(lang),
        }
    }

    fn width(self) -> f32 {
        match self {
            Column::Date => 88.0,
            Column::Kind => 52.0,
            Column::Title => 240.0,
            Column::Subject => 150.0,
            Column::Value => 96.0,
            Column::Deadline => 64.0,
            Column::Progress => 64.0,
            Column::Status => 72.0,
            Column::Region => 72.0,
            Column::Sources => 52.0,
            Column::Document => 220.0,
        }
    }
}

/// A target's status in the window's language.
pub fn status_label(s: Status, lang: Lang) -> &'static str {
    match s {
        Status::Met => T::StatusMet.get(lang),
        Status::OnTrack => T::StatusOnTrack.get(lang),
        Status::Behind => T::StatusBehind.get(lang),
        Status::NoData => T::StatusNoData.get(lang),
    }
}

/// The text of one cell, as shown and as copied.
pub fn cell(corpus: &Corpus, tracker: &Tracker, index: usize, col: Column, lang: Lang) -> String {
    let Some(it) = corpus.items.get(index) else {
        return String::new();
    };
    let tracking = tracker.get(index);
    match col {
        Column::Date => it.date.to_string(),
        Column::Kind => i18n::kind(it.kind, lang).to_owned(),
        Column::Title => it.title.clone(),
        Column::Subject => it.subject.clone().unwrap_or_default(),
        Column::Value => it
            .quantity
            .as_ref()
            .map(|q| q.text.clone())
            .unwrap_or_default(),
        Column::Deadline => it.deadline.map(|d| d.to_string()).unwrap_or_default(),
        Column::Progress => tracking
            .and_then(|t| t.progress)
            .map(|p| format!("{:.0}%", p * 100.0))
            .unwrap_or_default(),
        Column::Status => tracking
            .map(|t| status_label(t.status, lang).to_owned())
            .unwrap_or_default(),
        Column::Region => region_of(it).unwrap_or_default(),
        Column::Sources => sources(it).to_string(),
        Column::Document => document(corpus, it).to_owned(),
    }
}

/// How many documents report the item.
fn sources(it: &Item) -> usize {
    it.source_count()
}

fn document<'a>(corpus: &'a Corpus, it: &'a Item) -> &'a str {
    corpus
        .document(&it.doc)
        .and_then(|d| d.title.as_deref())
        .unwrap_or(&it.doc)
}

/// The order of `view`'s items by `col` (items are in time order already, which
/// breaks ties).
pub fn sorted(
    corpus: &Corpus,
    tracker: &Tracker,
    view: &View,
    col: Column,
    ascending: bool,
    lang: Lang,
) -> Vec<usize> {
    let mut rows = view.items.clone();
    let num = |i: usize| -> Option<f64> {
        let it = &corpus.items[i];
        match col {
            Column::Value => it.quantity.as_ref().map(|q| q.value),
            Column::Deadline => it.deadline.map(f64::from),
            Column::Progress => tracker.get(i).and_then(|t| t.progress),
            Column::Sources => Some(sources(it) as f64),
            _ => None,
        }
    };
    match col {
        Column::Date => {}
        Column::Value | Column::Deadline | Column::Progress | Column::Sources => {
            // Empty cells last whichever the direction.
            rows.sort_by(|&a, &b| match (num(a), num(b)) {
                (Some(x), Some(y)) => {
                    let o = x.total_cmp(&y);
                    if ascending { o } else { o.reverse() }
                }
                (Some(_), None) => Ordering::Less,
                (None, Some(_)) => Ordering::Greater,
                (None, None) => Ordering::Equal,
            });
            return rows;
        }
        Column::Kind => rows.sort_by_key(|&i| corpus.items[i].kind),
        Column::Status => rows.sort_by_key(|&i| tracker.get(i).map(|t| t.status)),
        _ => {
            let keys: Vec<String> = rows
                .iter()
                .map(|&i| cell(corpus, tracker, i, col, lang))
                .collect();
            let mut order: Vec<usize> = (0..rows.len()).collect();
            order.sort_by(|&a, &b| keys[a].cmp(&keys[b]));
            rows = order.into_iter().map(|o| rows[o]).collect();
        }
    }
    if !ascending {
        rows.reverse();
    }
    rows
}

/// The rows as tab-separated values with a header, for pasting into a spreadsheet;
/// tabs and line breaks inside a cell become spaces.
pub fn tsv(corpus: &Corpus, tracker: &Tracker, rows: &[usize], lang: Lang) -> String {
    let clean = |s: &str| s.replace(['\t', '\n', '\r'], " ");
    let mut out: Vec<String> = vec![
        Column::ALL
            .iter()
            .map(|c| c.label(lang))
            .collect::<Vec<_>>()
            .join("\t"),
    ];
    for &i in rows {
        out.push(
            Column::ALL
                .iter()
                .map(|&c| clean(&cell(corpus, tracker, i, c, lang)))
                .collect::<Vec<_>>()
                .join("\t"),
        );
    }
    out.join("\n") + "\n"
}

/// What the table keeps between frames.
#[derive(Debug, Clone)]
pub struct TableState {
    pub sort: Column,
    pub ascending: bool,
    /// The sorted rows, and for which view generation, sort and language.
    rows: Option<(u64, Column, bool, Lang, Vec<usize>)>,
    /// Keys of the rows Ctrl+clicked, to be merged into one item.
    pub marked: Vec<String>,
}

impl Default for TableState {
    fn default() -> Self {
        Self {
            sort: Column::Date,
            ascending: true,
            rows: None,
            marked: Vec::new(),
        }
    }
}

impl TableState {
    /// The rows in the order shown.
    pub fn rows(&self) -> &[usize] {
        self.rows.as_ref().map(|r| r.4.as_slice()).unwrap_or(&[])
    }
}

/// What the table reads.
pub struct TableInput<'a> {
    pub corpus: &'a Corpus,
    pub view: &'a View,
    pub tracker: &'a Tracker,
    pub generation: u64,
    pub selected: Option<usize>,
    /// The curation file is broken: nothing can be merged.
    pub read_only: bool,
    pub lang: Lang,
}

pub fn table_ui(
    ui: &mut egui::Ui,
    input: &TableInput<'_>,
    state: &mut TableState,
    commands: &mut Vec<Command>,
    copied: &mut Option<usize>,
) {
    let lang = input.lang;
    let fresh = state.rows.as_ref().is_some_and(|(g, c, a, l, _)| {
        *g == input.generation && *c == state.sort && *a == state.ascending && *l == lang
    });
    if !fresh {
        let rows = sorted(
            input.corpus,
            input.tracker,
            input.view,
            state.sort,
            state.ascending,
            lang,
        );
        state.rows = Some((input.generation, state.sort, state.ascending, lang, rows));
    }
    let n = state.rows().len();
    ui.horizontal(|ui| {
        ui.label(RichText::new(format!("{n} {}", T::ItemsShown.get(lang))).weak());
        if ui.button(T::CopyTsv.get(lang)).clicked() {
            let text = tsv(input.corpus, input.tracker, state.rows(), lang);
            ui.ctx().copy_text(text);
            *copied = Some(n);
        }
        // Ctrl+click marks rows; two or more marked merge into one item, the first
        // marked one, with all their sources.
        let corpus = input.corpus;
        state.marked.retain(|k| {
            corpus
                .items
                .iter()
                .any(|it| it.key == *k && !corpus.is_rejected(it))
        });
        if !state.marked.is_empty() {
            ui.separator();
            let label = format!(
                "{} ({})",
                super::i18n::tr(lang, "合并所标记的条目", "Merge the marked items"),
                state.marked.len()
            );
            if ui
                .add_enabled(
                    state.marked.len() > 1 && !input.read_only,
                    egui::Button::new(label),
                )
                .clicked()
            {
                commands.push(Command::curate(crate::model::curation::Edit::Merge {
                    keys: std::mem::take(&mut state.marked),
                }));
            }
            if ui
                .button(super::i18n::tr(lang, "清除标记", "Clear the marks"))
                .clicked()
            {
                state.marked.clear();
            }
        } else {
            ui.label(
                RichText::new(super::i18n::tr(
                    lang,
                    "Ctrl+点击标记要合并的行",
                    "Ctrl+click rows to merge them",
                ))
                .weak()
                .small(),
            );
        }
    });
    let total_w: f32 = Column::ALL.iter().map(|c| c.width()).sum();
    egui::ScrollArea::horizontal()
        .id_salt("table.h")
        .show(ui, |ui| {
            ui.set_min_width(total_w);
            // Header: a click sorts by the column, a second click reverses.
            ui.horizontal(|ui| {
                ui.spacing_mut().item_spacing.x = 0.0;
                for col in Column::ALL {
                    let arrow = match (state.sort == col, state.ascending) {
                        (true, true) => " ▲",
                        (true, false) => " ▼",
                        _ => "",
                    };
                    let b = egui::Button::new(
                        RichText::new(format!("{}{arrow}", col.label(lang))).strong(),
                    )
                    .frame(false)
                    .min_size(vec2(col.width(), 20.0));
                    if ui.add_sized([col.width(), 20.0], b).clicked() {
                        if state.sort == col {
                            state.ascending = !state.ascending;
                        } else {
                            state.sort = col;
                            state.ascending = true;
                        }
                    }
                }
            });
            ui.separator();
            let row_h = 20.0;
            let rows = state.rows().to_vec();
            egui::ScrollArea::vertical()
                .id_salt("table.v")
                .auto_shrink([false, false])
                .show_rows(ui, row_h, rows.len(), |ui, range| {
                    for &i in &rows[range] {
                        row_ui(ui, input, i, row_h, total_w, &mut state.marked, commands);
                    }
                });
        });
}

/// One row: a label per cell (so each is readable by screen readers and tests),
/// cut with "…" to its column; a click on any cell selects the item.
fn row_ui(
    ui: &mut egui::Ui,
    input: &TableInput<'_>,
    i: usize,
    row_h: f32,
    total_w: f32,
    marked: &mut Vec<String>,
    commands: &mut Vec<Command>,
) {
    let lang = input.lang;
    let (rect, _) = ui.allocate_exact_size(vec2(total_w, row_h), Sense::hover());
    let visuals = ui.visuals().clone();
    let key = &input.corpus.items[i].key;
    if input.selected == Some(i) {
        ui.painter()
            .rect_filled(rect, 0.0, visuals.selection.bg_fill);
    } else if marked.contains(key) {
        ui.painter()
            .rect_filled(rect, 0.0, visuals.selection.bg_fill.gamma_multiply(0.45));
    } else if ui.rect_contains_pointer(rect) {
        ui.painter()
            .rect_filled(rect, 0.0, visuals.widgets.hovered.weak_bg_fill);
    }
    let mut x = rect.left();
    let mut clicked = false;
    for col in Column::ALL {
        let text = cell(input.corpus, input.tracker, i, col, lang);
        let cell_rect =
            egui::Rect::from_min_size(pos2(x + 2.0, rect.top()), vec2(col.width() - 6.0, row_h));
        x += col.width();
        if text.is_empty() {
            continue;
        }
        let it = &input.corpus.items[i];
        // The curated mark, on screen only (copied rows keep the plain title).
        let text = match (col, super::curate::mark(it)) {
            (Column::Title, Some(m)) => format!("{m} {text}"),
            _ => text,
        };
        let mut rich = RichText::new(text);
        if input.corpus.is_rejected(it) {
            // A rejected item shown to be restored: greyed and struck through.
            rich = rich.color(visuals.weak_text_color()).strikethrough();
        } else if col == Column::Kind {
            rich = rich.color(kind_color(it.kind));
        }
        // Left-aligned in its column and cut with "…" at the column's edge.
        let r = ui
            .scope_builder(
                egui::UiBuilder::new()
                    .max_rect(cell_rect)
                    .layout(egui::Layout::left_to_right(egui::Align::Center)),
                |ui| ui.add(egui::Label::new(rich).truncate().sense(Sense::click())),
            )
            .inner;
        clicked |= r.clicked();
    }
    if clicked {
        if ui.input(|inp| inp.modifiers.command) {
            // Ctrl+click marks (or unmarks) the row for a merge.
            if input.read_only || input.corpus.is_rejected(&input.corpus.items[i]) {
                return;
            }
            match marked.iter().position(|k| k == key) {
                Some(p) => {
                    marked.remove(p);
                }
                None => marked.push(key.clone()),
            }
        } else {
            commands.push(Command::Select(Some(i)));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::Kind;
    use crate::model::Filter;
    use crate::testkit::{corpus_of, item};

    #[test]
    fn sorts_by_any_column_and_copies_as_tsv() {
        let c = corpus_of(vec![
            item("d", 0, Kind::Target, "2022")
                .title("B 目标")
                .measured("产值", 3.0e11, "元")
                .deadline(2025)
                .build(),
            item("d", 1, Kind::Event, "2021-05-01")
                .title("A\t事件")
                .build(),
            item("d", 2, Kind::Metric, "2023")
                .title("C 数据")
                .measured("产值", 1.0e11, "元")
                .build(),
        ]);
        let v = View::new(&c, &Filter::default());
        let tr = Tracker::new(&c);
        let titles = |rows: Vec<usize>| -> Vec<String> {
            rows.iter().map(|&i| c.items[i].title.clone()).collect()
        };
        assert_eq!(
            titles(sorted(&c, &tr, &v, Column::Title, true, Lang::En)),
            ["A\t事件", "B 目标", "C 数据"]
        );
        assert_eq!(
            titles(sorted(&c, &tr, &v, Column::Value, false, Lang::En)),
            ["B 目标", "C 数据", "A\t事件"]
        );
        assert_eq!(
            titles(sorted(&c, &tr, &v, Column::Date, false, Lang::En)),
            ["C 数据", "B 目标", "A\t事件"]
        );
        let text = tsv(&c, &tr, &v.items, Lang::En);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 4);
        assert!(lines[0].starts_with("Date\tKind\tTitle"));
        assert!(
            lines[1].starts_with("2021-05-01\tEvent\tA 事件\t"),
            "{}",
            lines[1]
        );
        assert!(
            lines
                .iter()
                .all(|l| l.split('\t').count() == Column::ALL.len())
        );
    }
}
