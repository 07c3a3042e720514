//! What the window remembers between runs: settings, window size and egui's memory
//! (panel widths, open sections), in one JSON file.
//!
//! Written here rather than through eframe's storage because eframe rewrites its file
//! in place: a crash or a full disk in the middle of that write loses every setting.
//! [`crate::export::write_atomic`] replaces the file whole or not at all (issue 5).

use super::Tab;
use super::i18n::Lang;
use crate::model::Filter;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// What survives a restart, saved with the window size and egui's memory (panel
/// sizes) in [`Saved`].
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    pub filter: Filter,
    pub lang: Lang,
    /// The paths of the last load; empty for the seeds.
    pub last_paths: Vec<PathBuf>,
    /// The centre tab.
    pub tab: Tab,
    /// The folder of the last export, proposed for the next one.
    pub export_dir: Option<PathBuf>,
    /// Views saved from the View menu.
    pub views: Vec<NamedView>,
    /// Plan periods not shaded on the timeline (View menu); shown by default.
    pub hide_eras: bool,
}

/// Filters and a time range kept under a name.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct NamedView {
    pub name: String,
    pub filter: Filter,
    /// The timeline's visible days; None: everything.
    pub range: Option<(f64, f64)>,
}

/// The saved state.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Saved {
    pub settings: Settings,
    /// The window's inner size in points.
    pub window: Option<[f32; 2]>,
    /// egui's memory in RON (its maps have keys JSON cannot hold), as a string of its
    /// own so that a layout another egui version cannot read costs only the panel
    /// sizes, not the settings.
    pub egui: Option<String>,
}

impl Saved {
    /// egui's memory from the saved state, if it is one this egui can read.
    pub fn egui_memory(&self) -> Option<egui::Memory> {
        self.egui.as_deref().and_then(|s| ron::from_str(s).ok())
    }

    /// Captures egui's memory from a running context.
    pub fn with_egui_memory(mut self, ctx: &egui::Context) -> Self {
        self.egui = ctx.memory(|m| ron::to_string(m).ok());
        self
    }
}

/// Where the state lives: the platform's data folder for the app (on Linux
/// `~/.local/share/biotimeline/state.json`); None when there is no home.
pub fn default_path() -> Option<PathBuf> {
    eframe::storage_dir("biotimeline").map(|d| d.join("state.json"))
}

/// Reads the state; a missing or unreadable file is a fresh start, never an error
/// that stops the window from opening.
pub fn load(path: &Path) -> Saved {
    std::fs::read(path)
        .ok()
        .and_then(|b| serde_json::from_slice(&b).ok())
        .unwrap_or_default()
}

/// Writes the state atomically, creating its folder.
pub fn save(path: &Path, saved: &Saved) -> std::io::Result<()> {
    if let Some(dir) = path.parent()
        && !dir.as_os_str().is_empty()
    {
        std::fs::create_dir_all(dir)?;
    }
    let json = serde_json::to_vec_pretty(saved).map_err(std::io::Error::other)?;
    crate::export::write_atomic(path, &json)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Filter;

    #[test]
    fn round_trip_with_egui_memory() {
        let ctx = egui::Context::default();
        for _ in 0..2 {
            let mut out = ctx.run_ui(egui::RawInput::default(), |ui| {
                egui::Panel::left("left").resizable(true).show(ui, |ui| {
                    egui::CollapsingHeader::new("Themes").show(ui, |ui| ui.label("x"));
                });
            });
            // No renderer here to take the font texture.
            out.textures_delta.clear();
        }
        let t = tempfile::TempDir::new().unwrap();
        let path = t.path().join("sub/state.json");
        let saved = Saved {
            settings: Settings {
                filter: Filter {
                    search: "细胞治疗".into(),
                    ..Filter::default()
                },
                last_paths: vec![PathBuf::from("/data/news")],
                ..Settings::default()
            },
            window: Some([1200.0, 800.0]),
            egui: None,
        }
        .with_egui_memory(&ctx);
        assert!(saved.egui.is_some());
        save(&path, &saved).unwrap();
        let back = load(&path);
        assert_eq!(back.settings, saved.settings);
        assert_eq!(back.window, Some([1200.0, 800.0]));
        assert!(back.egui_memory().is_some());
        // A damaged file is a fresh start, and the next save replaces it whole.
        std::fs::write(&path, b"{\"settings\": {\"filter\"").unwrap();
        assert_eq!(load(&path).settings, Settings::default());
        save(&path, &saved).unwrap();
        assert_eq!(load(&path).settings, saved.settings);
        assert_eq!(load(&t.path().join("none.json")).window, None);
    }
}
