//! Files for other tools: the extract JSON contract, CSV, TimelineJS, and charts.
//!
//! The explorer's Ctrl+E and the `chart`/`export` commands both go through
//! [`save_chart`] and [`save_data`], so a file made from the window and one made
//! headless are byte for byte the same for the same view.

pub mod csv;
pub mod json;
pub mod jsonl;
pub mod png;
pub mod stream;
pub mod svg;
pub mod timelinejs;
/// The safe file writer lives below the model, which saves curation with it.
pub use crate::fsio as write;

use crate::chart;
use crate::model::{Corpus, View};
use std::collections::BTreeSet;
use std::path::Path;

/// Writes a file as [`write::write_with`] does: atomically for a regular file (through
/// symlinks), in place for a device or FIFO, to standard output for `-`.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    write::write_bytes(path, bytes).map_err(|e| e.cause)
}

/// Image formats of a chart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageFormat {
    Svg,
    Png,
}

/// File formats of the filtered items.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DataFormat {
    Csv,
    /// The `biotimeline/1` contract restricted to the view.
    Json,
    TimelineJs,
}

impl ImageFormat {
    /// From a file name's extension (for save dialogs), case-insensitively.
    pub fn from_path(path: &Path) -> Option<Self> {
        match extension(path).as_deref() {
            Some("svg") => Some(Self::Svg),
            Some("png") => Some(Self::Png),
            _ => None,
        }
    }
    pub fn extension(self) -> &'static str {
        match self {
            Self::Svg => "svg",
            Self::Png => "png",
        }
    }
}

impl DataFormat {
    /// From a file name's extension: .csv, .json (the contract); TimelineJS files are
    /// also .json, so a save dialog has to ask which one is meant.
    pub fn from_path(path: &Path) -> Option<Self> {
        match extension(path).as_deref() {
            Some("csv") => Some(Self::Csv),
            Some("json") => Some(Self::Json),
            _ => None,
        }
    }
    pub fn extension(self) -> &'static str {
        match self {
            Self::Csv => "csv",
            Self::Json | Self::TimelineJs => "json",
        }
    }
}

fn extension(path: &Path) -> Option<String> {
    path.extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
}

/// Why an export failed; the message names the file.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error(transparent)]
    Write(#[from] write::WriteError),
    #[error(transparent)]
    Png(#[from] png::PngError),
    #[error("cannot encode JSON: {0}")]
    Json(#[from] serde_json::Error),
}

/// The bytes of a chart file.
pub fn chart_bytes(
    spec: &chart::ChartSpec,
    format: ImageFormat,
    width: u32,
    height: u32,
) -> Result<Vec<u8>, ExportError> {
    Ok(match format {
        ImageFormat::Svg => svg::render(spec, width, height).into_bytes(),
        ImageFormat::Png => png::render(spec, width, height)?,
    })
}

/// The contract object (`biotimeline/1`) with only the view's items and the
/// documents they come from; load errors are kept, they concern the whole load.
pub fn filtered_json(corpus: &Corpus, view: &View) -> serde_json::Value {
    let items: Vec<&crate::extract::Item> = view
        .items
        .iter()
        .filter_map(|&i| corpus.items.get(i))
        .collect();
    let docs: BTreeSet<&str> = items.iter().map(|it| it.doc.as_str()).collect();
    json::contract(
        corpus
            .documents
            .iter()
            .filter(|d| docs.contains(d.id.as_str())),
        items,
        &corpus.errors,
    )
}

/// The bytes of a data file of the view's items (what [`save_data`] writes).
pub fn data_bytes(
    corpus: &Corpus,
    view: &View,
    format: DataFormat,
) -> Result<Vec<u8>, ExportError> {
    let mut out = Vec::new();
    // Writing to memory fails only when a value cannot be encoded.
    write_data(&mut out, corpus, view, format)
        .map_err(|e| ExportError::Json(serde_json::Error::io(e)))?;
    Ok(out)
}

/// Writes a data file of the view's items as it is produced (see [`stream`]).
pub fn write_data(
    w: &mut dyn std::io::Write,
    corpus: &Corpus,
    view: &View,
    format: DataFormat,
) -> std::io::Result<()> {
    match format {
        DataFormat::Csv => stream::csv(w, corpus, view),
        DataFormat::Json => stream::contract(w, corpus, view),
        DataFormat::TimelineJs => stream::timelinejs(w, corpus, view),
    }
}

fn save(path: &Path, bytes: &[u8]) -> Result<(), ExportError> {
    Ok(write::write_bytes(path, bytes)?)
}

/// Draws the chart into `path` atomically.
pub fn save_chart(
    path: &Path,
    spec: &chart::ChartSpec,
    format: ImageFormat,
    width: u32,
    height: u32,
) -> Result<(), ExportError> {
    save(path, &chart_bytes(spec, format, width, height)?)
}

/// Writes the view's items into `path` (atomically for a file), as they are produced.
pub fn save_data(
    path: &Path,
    corpus: &Corpus,
    view: &View,
    format: DataFormat,
) -> Result<(), ExportError> {
    Ok(write::write_with(path, |w| {
        write_data(w, corpus, view, format)
    })?)
}
