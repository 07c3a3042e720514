//! The explorer window (eframe): filters on the left, the timeline in the centre,
//! the selected item on the right, a status line at the bottom.
//!
//! [`app::App`] holds all state; each panel is a function in its own module that
//! reads that state and queues [`Command`]s. Loading runs on background threads
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
pub mod style;
pub mod timeline;

pub use app::{App, Startup};
pub use state::Settings;

use crate::chart::ChartKind;
use crate::corpus::LoadError;
use crate::export::{DataFormat, ImageFormat};
use crate::extract::Themes;
use crate::model::Filter;
use crate::model::Source;
use i18n::{Lang, T};
use serde::{Deserialize, Serialize};
use std::path::PathBuf;
use std::process::ExitCode;

/// Something a panel, a key or the loader asks for.
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    /// Select an item (index into `Corpus::items`), or clear the selection.
    Select(Option<usize>),
    /// Move the selection by this many items in time order among those shown.
    Step(i64),
    First,
    Last,
    SetFilter(Filter),
    Open(Source),
    OpenDialog {
        folder: bool,
    },
    SetLang(Lang),
    ShowErrors(bool),
    FitAll,
    FocusSearch,
    SetTab(Tab),
    Export(ExportWhat),
    /// Close the window (the state is saved first, as when the window is closed).
    /// Ctrl+Q is egui's own quit shortcut and does the same.
    Quit,
}

/// The centre panel's tabs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Tab {
    #[default]
    Timeline,
    ThemesByYear,
    TargetsVsActuals,
}

impl Tab {
    pub const ALL: [Tab; 3] = [Tab::Timeline, Tab::ThemesByYear, Tab::TargetsVsActuals];

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Tab::Timeline => T::Timeline.get(lang),
            Tab::ThemesByYear => T::ThemesByYear.get(lang),
            Tab::TargetsVsActuals => T::TargetsVsActuals.get(lang),
        }
    }

    pub fn chart(self) -> ChartKind {
        match self {
            Tab::Timeline => ChartKind::Timeline,
            Tab::ThemesByYear => ChartKind::ThemesByYear,
            Tab::TargetsVsActuals => ChartKind::TargetsVsActuals,
        }
    }
}

/// What to export.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportWhat {
    Chart(ImageFormat),
    Data(DataFormat),
}

impl ExportWhat {
    pub const ALL: [ExportWhat; 5] = [
        ExportWhat::Chart(ImageFormat::Png),
        ExportWhat::Chart(ImageFormat::Svg),
        ExportWhat::Data(DataFormat::Csv),
        ExportWhat::Data(DataFormat::Json),
        ExportWhat::Data(DataFormat::TimelineJs),
    ];

    /// The file name a save dialog proposes, and its extension.
    pub fn file_name(self) -> (&'static str, &'static str) {
        match self {
            ExportWhat::Chart(f) => ("biotimeline-chart", f.extension()),
            ExportWhat::Data(DataFormat::TimelineJs) => ("biotimeline-timelinejs", "json"),
            ExportWhat::Data(f) => ("biotimeline-items", f.extension()),
        }
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (ExportWhat::Chart(ImageFormat::Png), Lang::Zh) => "当前图表 PNG…",
            (ExportWhat::Chart(ImageFormat::Svg), Lang::Zh) => "当前图表 SVG…",
            (ExportWhat::Data(DataFormat::Csv), Lang::Zh) => "筛选后的条目 CSV…",
            (ExportWhat::Data(DataFormat::Json), Lang::Zh) => "筛选后的条目 JSON…",
            (ExportWhat::Data(DataFormat::TimelineJs), Lang::Zh) => "TimelineJS JSON…",
            (ExportWhat::Chart(ImageFormat::Png), Lang::En) => "This chart as PNG…",
            (ExportWhat::Chart(ImageFormat::Svg), Lang::En) => "This chart as SVG…",
            (ExportWhat::Data(DataFormat::Csv), Lang::En) => "Items shown as CSV…",
            (ExportWhat::Data(DataFormat::Json), Lang::En) => "Items shown as JSON…",
            (ExportWhat::Data(DataFormat::TimelineJs), Lang::En) => "TimelineJS JSON…",
        }
    }
}

/// Opens the explorer on `paths`; with none, on the paths opened last time if they
/// still exist, else on the bundled seed articles. `lexicon` is the `--lexicon` file;
/// `no_merge` keeps one item per document and sentence.
pub fn run(
    paths: Vec<PathBuf>,
    themes: Option<PathBuf>,
    lexicon: Option<PathBuf>,
    no_merge: bool,
) -> ExitCode {
    // Unlike a theme file, a broken rule lexicon stops here: the rules have no
    // fallback that would not silently differ from what was asked for.
    if let Err(code) = crate::cli::install_lexicon(lexicon.as_deref()) {
        return code;
    }
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
    let (saved, notice) = state_path
        .as_deref()
        .map(state::load_checked)
        .unwrap_or_default();
    // A state file that could not be read shows in the status line with the rest.
    notices.extend(notice);
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
