//! The explorer window (eframe): filters on the left, the timeline in the centre,
//! the selected item on the right, a status line at the bottom.
//!
//! [`app::App`] holds all state; each panel is a function in its own module that
//! reads that state and queues [`app::Command`]s. Loading runs on background threads
//! ([`loader`]), so the window keeps painting while a large corpus is read.

pub mod app;
pub mod charts;
pub mod detail;
pub mod filters;
pub mod fonts;
pub mod i18n;
pub mod loader;
pub mod sources;
pub mod state;
pub mod status;
pub mod timeline;

pub use app::{App, Command, Settings, Startup};

use crate::corpus::LoadError;
use crate::extract::Themes;
use crate::model::Source;
use std::path::PathBuf;
use std::process::ExitCode;

/// Opens the explorer on `paths`; with none, on the paths opened last time if they
/// still exist, else on the bundled seed articles. `no_merge` keeps one item per
/// document and sentence.
pub fn run(paths: Vec<PathBuf>, themes: Option<PathBuf>, no_merge: bool) -> ExitCode {
    let mut notices = Vec::new();
    let themes = match themes {
        None => Themes::builtin(),
        Some(path) => match Themes::load(&path) {
            Ok(t) => t,
            Err(e) => {
                // The window still opens, on the built-in lexicon, and says why.
                eprintln!("biotimeline: {e}");
                notices.push(LoadError {
                    path: path.display().to_string(),
                    error: e.to_string(),
                });
                Themes::builtin()
            }
        },
    };
    let state_path = state::default_path();
    let saved = state_path.as_deref().map(state::load).unwrap_or_default();
    let size = saved
        .window
        .filter(|[w, h]| w.is_finite() && h.is_finite())
        .unwrap_or([1400.0, 860.0]);
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("biotimeline")
            .with_inner_size(size)
            .with_min_inner_size([900.0, 560.0])
            .with_drag_and_drop(true),
        // The CJK font is embedded (fonts.rs); never depend on what a machine has.
        system_font_fallback: false,
        // The window size is saved with the rest of the state, atomically (state.rs).
        persist_window: false,
        ..Default::default()
    };
    let result = eframe::run_native(
        "biotimeline",
        options,
        Box::new(move |cc| {
            let mut saved = saved;
            saved.settings.no_merge = no_merge;
            let restored = saved.settings.clone();
            let source = if !paths.is_empty() {
                Source::Paths(paths)
            } else if !restored.last_paths.is_empty()
                && restored.last_paths.iter().all(|p| p.exists())
            {
                Source::Paths(restored.last_paths.clone())
            } else {
                Source::Seeds
            };
            Ok(Box::new(App::new(
                cc,
                Startup::Load(source),
                themes,
                notices,
                saved,
                state_path,
            )))
        }),
    );
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("biotimeline: cannot open the window: {e}");
            ExitCode::FAILURE
        }
    }
}
