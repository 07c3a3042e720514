//! Files for other tools: the extract JSON contract, CSV, TimelineJS, and charts.

pub mod chart;
pub mod csv;
pub mod json;

use std::io::Write;
use std::path::Path;

/// Writes a file atomically: a temporary file in the same folder, renamed over the
/// target only once everything was written, so a failed export never leaves a
/// half-written file or destroys the old one.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}
