//! The explorer window (eframe).

use std::path::PathBuf;
use std::process::ExitCode;

/// Opens the explorer on `paths` (the seeds when empty).
pub fn run(paths: Vec<PathBuf>, themes: Option<PathBuf>) -> ExitCode {
    let _ = (paths, themes);
    eprintln!("biotimeline: the explorer is not built yet");
    ExitCode::from(2)
}
