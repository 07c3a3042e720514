//! What the window remembers between runs: settings, window size and egui's memory
//! (panel widths, open sections), in one JSON file.
//!
//! Written here rather than through eframe's storage because eframe rewrites its file
//! in place: a crash or a full disk in the middle of that write loses every setting.
//! [`crate::export::write_atomic`] replaces the file whole or not at all (issue 5).

use super::Tab;
use super::i18n::Lang;
use crate::corpus::LoadError;
use crate::model::Filter;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value;
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
    /// One item per document and sentence (`--no-merge`); for this run only.
    #[serde(skip)]
    pub no_merge: bool,
    /// Enter symlinked folders of the paths opened (`--follow`); for this run only.
    #[serde(skip)]
    pub follow: bool,
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
/// that stops the window from opening (see [`load_checked`]).
pub fn load(path: &Path) -> Saved {
    load_checked(path).0
}

/// Reads the state, each setting on its own: one of the wrong type falls back to its
/// default alone, the others are kept. A file that cannot be read at all, or only in
/// part, is first kept as `state.json.bad-<date>` (the next save replaces the file),
/// and the notice says so, for the status line.
pub fn load_checked(path: &Path) -> (Saved, Option<LoadError>) {
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return (Saved::default(), None),
        Err(e) => return (Saved::default(), Some(notice(path, e.to_string()))),
    };
    let value: Value = match serde_json::from_slice(&bytes) {
        Ok(v @ Value::Object(_)) => v,
        Ok(_) => return (Saved::default(), Some(keep_bad(path, "not a JSON object"))),
        Err(e) => return (Saved::default(), Some(keep_bad(path, &e.to_string()))),
    };
    let mut bad = Vec::new();
    let saved: Saved = each_on_its_own(&value, &mut bad);
    if bad.is_empty() {
        (saved, None)
    } else {
        let why = format!("settings reset to their defaults: {}", bad.join(", "));
        (saved, Some(keep_bad(path, &why)))
    }
}

fn notice(path: &Path, error: String) -> LoadError {
    LoadError {
        path: path.display().to_string(),
        error: format!("saved state not read: {error}"),
    }
}

/// Copies the file to `<name>.bad-<date>` beside it, and says so.
fn keep_bad(path: &Path, why: &str) -> LoadError {
    let stamp = chrono::Local::now().format("%Y-%m-%d-%H%M%S");
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(format!(".bad-{stamp}"));
    let backup = path.with_file_name(name);
    match std::fs::copy(path, &backup) {
        Ok(_) => notice(
            path,
            format!("{why}; the file is kept as {}", backup.display()),
        ),
        Err(e) => notice(path, format!("{why}; it could not be kept ({e})")),
    }
}

/// `T` from `file`, field by field: starting from the default, each value of the file
/// is taken when `T` still reads with it; an object that does not is gone into, so
/// that only the fields that fail fall back. The JSON paths of those go to `bad`.
fn each_on_its_own<T: Serialize + DeserializeOwned + Default>(
    file: &Value,
    bad: &mut Vec<String>,
) -> T {
    if let Ok(t) = T::deserialize(file) {
        return t;
    }
    let Ok(mut acc) = serde_json::to_value(T::default()) else {
        return T::default();
    };
    let reads = |v: &Value| T::deserialize(v).is_ok();
    overlay(&mut acc, file, String::new(), &reads, bad);
    T::deserialize(&acc).unwrap_or_default()
}

fn overlay(
    acc: &mut Value,
    file: &Value,
    at: String,
    reads: &dyn Fn(&Value) -> bool,
    bad: &mut Vec<String>,
) {
    let Value::Object(fields) = file else { return };
    for (key, value) in fields {
        let here = format!("{at}/{}", key.replace('~', "~0").replace('/', "~1"));
        let mut candidate = acc.clone();
        let Some(slot) = candidate.pointer_mut(&here) else {
            continue; // a field this version does not know
        };
        *slot = value.clone();
        if reads(&candidate) {
            *acc = candidate;
        } else if value.is_object() && acc.pointer(&here).is_some_and(Value::is_object) {
            overlay(acc, value, here, reads, bad);
        } else {
            bad.push(here.trim_start_matches('/').replace('/', "."));
        }
    }
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
        // A damaged file is a fresh start, kept aside and reported; the next save
        // replaces it whole.
        std::fs::write(&path, b"{\"settings\": {\"filter\"").unwrap();
        let (back, notice) = load_checked(&path);
        assert_eq!(back.settings, Settings::default());
        let notice = notice.expect("a notice");
        assert!(notice.error.contains("state.json.bad-"), "{notice:?}");
        let kept: Vec<_> = std::fs::read_dir(path.parent().unwrap())
            .unwrap()
            .filter_map(|e| e.ok())
            .filter(|e| {
                e.file_name()
                    .to_string_lossy()
                    .starts_with("state.json.bad-")
            })
            .collect();
        assert_eq!(kept.len(), 1);
        assert_eq!(
            std::fs::read(kept[0].path()).unwrap(),
            b"{\"settings\": {\"filter\""
        );
        save(&path, &saved).unwrap();
        assert_eq!(load(&path).settings, saved.settings);
        assert_eq!(load(&t.path().join("none.json")).window, None);
    }

    #[test]
    fn a_bad_setting_falls_back_alone() {
        let t = tempfile::TempDir::new().unwrap();
        let path = t.path().join("state.json");
        let good = Saved {
            settings: Settings {
                filter: Filter {
                    search: "疫苗".into(),
                    ..Filter::default()
                },
                last_paths: vec![PathBuf::from("/data/news")],
                ..Settings::default()
            },
            window: Some([1000.0, 700.0]),
            egui: None,
        };
        let mut v = serde_json::to_value(&good).unwrap();
        // One field of the wrong type, one unknown value of an enum.
        v["settings"]["last_paths"] = serde_json::json!(42);
        v["settings"]["lang"] = serde_json::json!("klingon");
        std::fs::write(&path, serde_json::to_vec(&v).unwrap()).unwrap();
        let (back, notice) = load_checked(&path);
        assert_eq!(back.settings.filter.search, "疫苗");
        assert_eq!(back.window, Some([1000.0, 700.0]));
        assert!(back.settings.last_paths.is_empty());
        assert_eq!(back.settings.lang, Settings::default().lang);
        let notice = notice.expect("a notice");
        assert!(notice.error.contains("settings.last_paths"), "{notice:?}");
        assert!(notice.error.contains("settings.lang"), "{notice:?}");
        // A good file says nothing.
        save(&path, &good).unwrap();
        assert!(load_checked(&path).1.is_none());
    }
}
