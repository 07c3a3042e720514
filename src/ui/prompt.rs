//! A small in-app file prompt, for where no system file dialog exists (a bare X11
//! session has no portal and no zenity, and rfd then returns at once with nothing).
//! Without it Export and Open would do nothing at all; with it the user types or
//! corrects a path, and the status line says where the file went or why not.

use super::i18n::{Lang, T};
use super::{Command, ExportWhat};
use crate::model::Source;
use egui::RichText;
use std::path::{Path, PathBuf};

/// What the prompt asks a path for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PromptFor {
    Export(ExportWhat),
    Open,
}

/// An open prompt.
#[derive(Debug, Clone, PartialEq)]
pub struct Prompt {
    pub what: PromptFor,
    /// The path as typed; for Open, several separated by ';'.
    pub path: String,
    /// Why the last answer was refused (a missing folder, a missing file).
    pub error: Option<String>,
    /// Opened because no system dialog was available (said in the prompt).
    pub no_dialog: bool,
    focus: bool,
}

impl Prompt {
    /// The export prompt, prefilled with a default folder and file name.
    pub fn export(what: ExportWhat, path: PathBuf, no_dialog: bool) -> Self {
        Self {
            what: PromptFor::Export(what),
            path: path.display().to_string(),
            error: None,
            no_dialog,
            focus: true,
        }
    }

    /// The open prompt, prefilled with `start` (e.g. the folder opened last).
    pub fn open(start: String, no_dialog: bool) -> Self {
        Self {
            what: PromptFor::Open,
            path: start,
            error: None,
            no_dialog,
            focus: true,
        }
    }

    /// The commands the current text stands for, or why it cannot be used.
    pub fn answer(&self, lang: Lang) -> Result<Command, String> {
        match self.what {
            PromptFor::Export(what) => {
                let mut path = PathBuf::from(self.path.trim());
                if path.as_os_str().is_empty() {
                    return Err(T::NoSuchPath.get(lang).to_owned());
                }
                if path.extension().is_none() {
                    path.set_extension(what.extension());
                }
                let dir = path.parent().filter(|d| !d.as_os_str().is_empty());
                if let Some(d) = dir
                    && !d.is_dir()
                {
                    return Err(format!("{}: {}", T::NoFolder.get(lang), d.display()));
                }
                Ok(Command::ExportTo(what, path))
            }
            PromptFor::Open => {
                let paths: Vec<PathBuf> = self
                    .path
                    .split(';')
                    .map(str::trim)
                    .filter(|p| !p.is_empty())
                    .map(PathBuf::from)
                    .collect();
                if paths.is_empty() {
                    return Err(T::NoSuchPath.get(lang).to_owned());
                }
                if let Some(missing) = paths.iter().find(|p| !p.exists()) {
                    return Err(format!(
                        "{}: {}",
                        T::NoSuchPath.get(lang),
                        missing.display()
                    ));
                }
                Ok(Command::Open(Source::Paths(paths)))
            }
        }
    }
}

/// Where exports go when the user has not chosen a folder yet: Downloads, else the
/// home folder, else the working folder.
pub fn default_folder(last: Option<&Path>) -> PathBuf {
    if let Some(d) = last.filter(|d| d.is_dir()) {
        return d.to_path_buf();
    }
    let home = std::env::var_os("HOME").map(PathBuf::from);
    if let Some(h) = &home {
        let downloads = h.join("Downloads");
        if downloads.is_dir() {
            return downloads;
        }
        if h.is_dir() {
            return h.clone();
        }
    }
    std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."))
}

/// What a system file dialog gave.
#[derive(Debug, Clone, PartialEq)]
pub enum DialogAnswer<T> {
    Picked(T),
    Cancelled,
    /// There was no dialog: rfd answers "nothing picked" at once when it finds
    /// neither a desktop portal nor zenity.
    Unavailable,
}

/// A dialog that answered "nothing" faster than a person can close one was never
/// shown; one that took longer was cancelled by the user.
pub fn classify<T>(picked: Option<T>, started: std::time::Instant) -> DialogAnswer<T> {
    const HUMAN: std::time::Duration = std::time::Duration::from_millis(400);
    match picked {
        Some(p) => DialogAnswer::Picked(p),
        None if started.elapsed() < HUMAN => DialogAnswer::Unavailable,
        None => DialogAnswer::Cancelled,
    }
}

pub const PATH_ID: &str = "prompt.path";

/// Draws the prompt; answers and cancels are commands.
pub fn prompt_ui(
    ctx: &egui::Context,
    prompt: &mut Prompt,
    lang: Lang,
    commands: &mut Vec<Command>,
) {
    let title = match prompt.what {
        PromptFor::Export(what) => format!("{} — {}", T::SaveAs.get(lang), what.label(lang)),
        PromptFor::Open => T::OpenPath.get(lang).to_owned(),
    };
    let mut open = true;
    egui::Window::new(title)
        .id(egui::Id::unique("file.prompt"))
        .open(&mut open)
        .collapsible(false)
        .resizable(false)
        .default_width(560.0)
        .anchor(egui::Align2::CENTER_CENTER, egui::vec2(0.0, -80.0))
        .show(ctx, |ui| {
            if prompt.no_dialog {
                ui.label(RichText::new(T::NoSystemDialog.get(lang)).weak());
            }
            let mut submit = false;
            ui.horizontal(|ui| {
                let l = ui.label(T::PathLabel.get(lang));
                let mut edit = egui::TextEdit::singleline(&mut prompt.path)
                    .id(egui::Id::unique(PATH_ID))
                    .desired_width(460.0);
                if prompt.what == PromptFor::Open {
                    edit = edit.hint_text(T::OpenPathHint.get(lang));
                }
                let r = ui.add(edit).labelled_by(l.id);
                if std::mem::take(&mut prompt.focus) {
                    r.request_focus();
                }
                if r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
                    submit = true;
                }
                if r.changed() {
                    prompt.error = None;
                }
            });
            if let Some(e) = &prompt.error {
                ui.label(RichText::new(e).color(ui.visuals().error_fg_color));
            }
            ui.horizontal(|ui| {
                let ok = match prompt.what {
                    PromptFor::Export(_) => T::Save,
                    PromptFor::Open => T::OpenButton,
                };
                if ui.button(ok.get(lang)).clicked() {
                    submit = true;
                }
                if ui.button(T::Cancel.get(lang)).clicked() {
                    commands.push(Command::ClosePrompt { cancelled: true });
                }
            });
            if submit {
                match prompt.answer(lang) {
                    Ok(c) => {
                        commands.push(c);
                        commands.push(Command::ClosePrompt { cancelled: false });
                    }
                    Err(e) => {
                        prompt.error = Some(e);
                        prompt.focus = true;
                    }
                }
            }
        });
    if !open {
        commands.push(Command::ClosePrompt { cancelled: true });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::ImageFormat;

    #[test]
    fn answers_check_folders_and_add_the_extension() {
        let dir = tempfile::tempdir().unwrap();
        let what = ExportWhat::Chart(ImageFormat::Png);
        let p = Prompt::export(what, dir.path().join("chart"), true);
        assert_eq!(
            p.answer(Lang::En),
            Ok(Command::ExportTo(what, dir.path().join("chart.png")))
        );
        let p = Prompt::export(what, dir.path().join("no/such/x.png"), true);
        assert!(p.answer(Lang::En).unwrap_err().contains("does not exist"));
        let p = Prompt::open(format!("{} ; /no/such/path", dir.path().display()), true);
        assert!(p.answer(Lang::En).unwrap_err().contains("/no/such/path"));
        let p = Prompt::open(dir.path().display().to_string(), true);
        assert_eq!(
            p.answer(Lang::En),
            Ok(Command::Open(Source::Paths(vec![dir.path().to_path_buf()])))
        );
    }
}
