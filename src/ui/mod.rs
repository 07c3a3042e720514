//! The explorer window (eframe): filters on the left, the timeline in the centre,
//! the selected item on the right, a status line at the bottom.
//!
//! [`app::App`] holds all state; each panel is a function in its own module that
//! reads that state and queues [`Command`]s. Loading runs on background threads
//! ([`loader`]), so the window keeps painting while a large corpus is read.

pub mod app;
pub mod charts;
pub mod curate;
pub mod detail;
pub mod filters;
pub mod fonts;
pub mod i18n;
pub mod loader;
pub mod prompt;
pub mod sources;
pub mod state;
pub mod status;
pub mod style;
pub mod table;
pub mod timeline;

pub use app::{App, Startup};
pub use state::Settings;

use crate::chart::ChartKind;
use crate::corpus::LoadError;
use crate::export::{DataFormat, ImageFormat};
use crate::extract::Themes;
use crate::model::{Corpus, Filter, Source, View};
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
    /// Zoom the timeline to the selected item (F).
    ZoomToSelection,
    /// Filter to the years of a time range (days) dragged on the axis, and show it.
    FilterToRange(f64, f64),
    /// Keep the filters and the visible range under this name (View menu).
    SaveView(String),
    /// Restore a saved view, by its index in `Settings::views`.
    ApplyView(usize),
    DeleteView(usize),
    /// Shade plan periods on the timeline (and its export), or not.
    ShowEras(bool),
    FocusSearch,
    SetTab(Tab),
    Export(ExportWhat),
    /// Write an export to this path (the in-app prompt's answer).
    ExportTo(ExportWhat, PathBuf),
    /// Close the in-app file prompt; `cancelled` says so on the status line.
    ClosePrompt {
        cancelled: bool,
    },
    /// A change to the curation (reject, edit, add, merge, split): one step of undo;
    /// the file is written and the corpus shown again with it.
    Curate(Box<crate::model::curation::Edit>),
    /// Takes a reject of this key back.
    Restore(String),
    /// Ctrl+Z, Ctrl+Shift+Z: the curation's last step taken back, or made again.
    Undo,
    Redo,
    /// Adds an item of this kind from chars `span` of a document's text, its fields
    /// prefilled by the extraction rules run on the selection.
    AddFromSelection {
        doc: String,
        span: [usize; 2],
        kind: crate::extract::Kind,
    },
    /// Points stale edit `index` (its place in the curation file) at the selected
    /// item instead of key `from`.
    Reattach {
        index: usize,
        from: String,
    },
    /// Drops edit `index` of the curation file (a stale edit no longer wanted).
    DropEdit(usize),
    /// The list of edits that no longer match an item.
    ShowStale(bool),
    /// Close the window (the state is saved first, as when the window is closed).
    /// Ctrl+Q is egui's own quit shortcut and does the same.
    Quit,
}

impl Command {
    /// [`Command::Curate`] of an edit.
    pub fn curate(edit: crate::model::curation::Edit) -> Self {
        Command::Curate(Box::new(edit))
    }
}

/// The centre panel's tabs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Tab {
    #[default]
    Timeline,
    ThemesByYear,
    TargetsVsActuals,
    /// The filtered items as a sortable table.
    Table,
}

impl Tab {
    pub const ALL: [Tab; 4] = [
        Tab::Timeline,
        Tab::Table,
        Tab::ThemesByYear,
        Tab::TargetsVsActuals,
    ];

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Tab::Timeline => T::Timeline.get(lang),
            Tab::ThemesByYear => T::ThemesByYear.get(lang),
            Tab::TargetsVsActuals => T::TargetsVsActuals.get(lang),
            Tab::Table => T::ItemTable.get(lang),
        }
    }

    /// The chart a tab exports; the table exports the timeline of the same items.
    pub fn chart(self) -> ChartKind {
        match self {
            Tab::Timeline | Tab::Table => ChartKind::Timeline,
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

    /// The file's extension.
    pub fn extension(self) -> &'static str {
        match self {
            ExportWhat::Chart(f) => f.extension(),
            ExportWhat::Data(f) => f.extension(),
        }
    }

    /// The file name a save dialog or the in-app prompt proposes: what it holds, the
    /// filter and the years, and the format's extension, so that two formats never
    /// get one name (`biotimeline-themes-2021-2025.png`,
    /// `biotimeline-items-ai-2024-2025.csv`).
    pub fn default_name(self, tab: Tab, corpus: &Corpus, filter: &Filter, view: &View) -> String {
        let what = match self {
            ExportWhat::Chart(_) => match tab.chart() {
                ChartKind::Timeline => "timeline",
                ChartKind::ThemesByYear => "themes",
                ChartKind::TargetsVsActuals => "targets",
            },
            ExportWhat::Data(DataFormat::TimelineJs) => "timelinejs",
            ExportWhat::Data(_) => "items",
        };
        let mut parts = vec!["biotimeline".to_string(), what.to_string()];
        if !filter.hidden_themes.is_empty() || filter.hide_unthemed {
            let shown: Vec<&str> = corpus
                .themes
                .themes
                .iter()
                .filter(|t| !filter.hidden_themes.contains(&t.id))
                .map(|t| t.id.as_str())
                .collect();
            match shown.len() {
                0 => parts.push("none".into()),
                1..=3 => parts.extend(shown.iter().map(|s| safe_name(s))),
                n => parts.push(format!("{n}themes")),
            }
        }
        if !filter.hidden_kinds.is_empty() {
            for k in crate::extract::Kind::ALL {
                if !filter.hidden_kinds.contains(&k) {
                    parts.push(format!("{k:?}").to_lowercase());
                }
            }
        }
        let years = view.items.iter().filter_map(|&i| corpus.items.get(i));
        let lo = filter
            .from_year
            .or_else(|| years.clone().map(|it| it.date.year).min());
        let hi = filter
            .to_year
            .or_else(|| years.map(|it| it.date.year).max());
        match (lo, hi) {
            (Some(a), Some(b)) if a == b => parts.push(a.to_string()),
            (Some(a), Some(b)) => parts.push(format!("{a}-{b}")),
            _ => {}
        }
        format!("{}.{}", parts.join("-"), self.extension())
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

/// A theme id as part of a file name: letters, digits, '-' and '_' only.
fn safe_name(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect()
}

/// Opens the explorer on `paths`; with none, on the paths opened last time if they
/// still exist, else on the bundled seed articles. `lexicon` is the `--lexicon` file;
/// `no_merge` keeps one item per document and sentence; `follow` enters symlinked
/// folders; `lang` overrides the saved language.
pub fn run(
    paths: Vec<PathBuf>,
    themes: Option<PathBuf>,
    lexicon: Option<PathBuf>,
    no_merge: bool,
    follow: bool,
    lang: Option<Lang>,
) -> ExitCode {
    // A path that does not exist is a bad argument (exit 2, as the README says),
    // found before any window is asked for: without a display that would fail first
    // and hide the real mistake.
    if let Some(missing) = paths.iter().find(|p| !p.exists()) {
        eprintln!("biotimeline: no such file or folder: {}", missing.display());
        return ExitCode::from(2);
    }
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
    let (mut saved, notice) = state_path
        .as_deref()
        .map(state::load_checked)
        .unwrap_or_default();
    if let Some(l) = lang {
        saved.settings.lang = l;
    }
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
            saved.settings.follow = follow;
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
