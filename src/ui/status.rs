//! The bottom status line and the list of files that could not be read.

use super::Command;
use super::i18n::{Lang, T};
use super::loader::Progress;
use crate::corpus::LoadError;
use crate::model::{Corpus, View};
use egui::RichText;

/// A message on the status line: where a file went, or why it did not.
#[derive(Debug, Clone, PartialEq)]
pub enum Note {
    Info(String),
    Error(String),
}

impl Note {
    pub fn text(&self) -> &str {
        match self {
            Note::Info(s) | Note::Error(s) => s,
        }
    }
}

/// What the status line reads.
pub struct StatusInput<'a> {
    pub corpus: &'a Corpus,
    pub view: &'a View,
    pub errors: usize,
    pub progress: Option<&'a Progress>,
    pub show_errors: bool,
    pub exporting: bool,
    /// What the last export or open came to.
    pub note: Option<&'a Note>,
    pub lang: Lang,
}

pub fn status_ui(ui: &mut egui::Ui, s: &StatusInput<'_>, commands: &mut Vec<Command>) {
    let lang = s.lang;
    ui.horizontal(|ui| {
        ui.label(format!(
            "{} / {} {}",
            s.view.items.len(),
            s.corpus.items.len(),
            T::ItemsShown.get(lang)
        ));
        ui.separator();
        ui.label(format!(
            "{} {}",
            s.corpus.documents.len(),
            T::DocumentsCount.get(lang)
        ));
        ui.separator();
        if s.errors == 0 {
            ui.label(RichText::new(T::NoErrors.get(lang)).weak());
        } else {
            let text = RichText::new(format!("{} {}", s.errors, T::Errors.get(lang)))
                .color(ui.visuals().warn_fg_color);
            if ui.add(egui::Button::new(text).frame(false)).clicked() {
                commands.push(Command::ShowErrors(!s.show_errors));
            }
        }
        if let Some(p) = s.progress {
            ui.separator();
            let (done, total, ordering) = p.get();
            let (label, fraction) = if ordering {
                (T::Ordering.get(lang).to_owned(), None)
            } else if total > 0 {
                (
                    format!("{} {done}/{total}", T::Loading.get(lang)),
                    Some(done as f32 / total as f32),
                )
            } else {
                (T::Loading.get(lang).to_owned(), None)
            };
            let bar = egui::ProgressBar::new(fraction.unwrap_or(0.0))
                .desired_width(220.0)
                .text(label)
                .animate(fraction.is_none());
            ui.add(bar);
        }
        if s.exporting {
            ui.separator();
            ui.spinner();
            ui.label(T::Exporting.get(lang));
        } else if let Some(n) = s.note {
            ui.separator();
            match n {
                Note::Info(t) => ui.label(t),
                Note::Error(t) => ui.label(RichText::new(t).color(ui.visuals().error_fg_color)),
            };
        }
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            ui.label(RichText::new(T::KeysHelp.get(lang)).small().weak());
        });
    });
}

/// The files that could not be read, and why.
pub fn errors_window(
    ctx: &egui::Context,
    errors: &[&LoadError],
    lang: Lang,
    commands: &mut Vec<Command>,
) {
    let mut open = true;
    egui::Window::new(T::ErrorsTitle.get(lang))
        .id(egui::Id::unique("errors"))
        .open(&mut open)
        .default_width(520.0)
        .collapsible(false)
        .show(ctx, |ui| {
            egui::ScrollArea::vertical()
                .max_height(360.0)
                .show(ui, |ui| {
                    egui::Grid::new("errors.grid")
                        .num_columns(2)
                        .striped(true)
                        .spacing([12.0, 4.0])
                        .show(ui, |ui| {
                            for e in errors {
                                ui.label(RichText::new(&e.path).monospace());
                                ui.add(egui::Label::new(&e.error).wrap());
                                ui.end_row();
                            }
                        });
                });
            ui.add_space(4.0);
            if ui.button(T::Close.get(lang)).clicked() {
                commands.push(Command::ShowErrors(false));
            }
        });
    if !open {
        commands.push(Command::ShowErrors(false));
    }
}
