//! A [`ChartSpec`] as a PNG: the SVG of [`super::svg`] rendered by resvg.
//!
//! Rendering the SVG (rather than drawing a second time) is what makes the PNG and
//! the SVG the same picture. Only the embedded CJK font is loaded, never system fonts,
//! so a chart looks the same on every machine and headless servers need no fonts.

use super::svg;
use crate::chart::ChartSpec;
use resvg::{tiny_skia, usvg};
use std::sync::{Arc, OnceLock};

/// The font every chart is drawn with (SIL OFL, see assets/).
pub static FONT: &[u8] = include_bytes!("../../assets/NotoSansCJKsc-Subset.otf");

/// Why a chart could not be turned into a PNG.
#[derive(Debug, thiserror::Error)]
pub enum PngError {
    #[error("cannot read the chart SVG: {0}")]
    Svg(String),
    #[error("cannot make a {0}×{1} image")]
    Size(u32, u32),
    #[error("cannot encode PNG: {0}")]
    Encode(String),
}

/// The font database with only the embedded font, built once: parsing the 4 MB font
/// on every export would be wasted work.
fn fontdb() -> Arc<usvg::fontdb::Database> {
    static DB: OnceLock<Arc<usvg::fontdb::Database>> = OnceLock::new();
    DB.get_or_init(|| {
        let mut db = usvg::fontdb::Database::new();
        db.load_font_data(FONT.to_vec());
        db.set_sans_serif_family(svg::FONT_FAMILY);
        Arc::new(db)
    })
    .clone()
}

/// usvg options that resolve [`svg::FONT_FAMILY`] to the embedded font; also what a
/// test needs to parse an exported SVG the way the PNG writer does.
pub fn usvg_options() -> usvg::Options<'static> {
    usvg::Options {
        font_family: svg::FONT_FAMILY.to_string(),
        fontdb: fontdb(),
        ..usvg::Options::default()
    }
}

/// Renders SVG text to PNG bytes at `width`×`height` pixels (the SVG is scaled to
/// fill them).
pub fn from_svg(svg_text: &str, width: u32, height: u32) -> Result<Vec<u8>, PngError> {
    let tree = usvg::Tree::from_str(svg_text, &usvg_options())
        .map_err(|e| PngError::Svg(e.to_string()))?;
    let mut pixmap = tiny_skia::Pixmap::new(width, height).ok_or(PngError::Size(width, height))?;
    pixmap.fill(tiny_skia::Color::WHITE);
    let size = tree.size();
    let transform = tiny_skia::Transform::from_scale(
        width as f32 / size.width().max(1.0),
        height as f32 / size.height().max(1.0),
    );
    resvg::render(&tree, transform, &mut pixmap.as_mut());
    pixmap
        .encode_png()
        .map_err(|e| PngError::Encode(e.to_string()))
}

/// Renders the chart at `width`×`height` pixels (clamped like [`svg::render`]).
pub fn render(spec: &ChartSpec, width: u32, height: u32) -> Result<Vec<u8>, PngError> {
    let (w, h) = (
        width.clamp(svg::MIN_SIZE, svg::MAX_SIZE),
        height.clamp(svg::MIN_SIZE, svg::MAX_SIZE),
    );
    from_svg(&svg::render(spec, w, h), w, h)
}
