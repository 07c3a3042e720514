//! The embedded CJK font.
//!
//! egui's default fonts have no Han glyphs, and system fonts differ from machine to
//! machine (or are missing, as in CI), so the window carries its own subset of Noto
//! Sans CJK SC (assets/NotoSansCJKsc-Subset.otf, SIL OFL, licence beside it). It is a
//! fallback: Latin text keeps egui's own font, Han characters come from this one.

use egui::{FontData, FontFamily, FontInsert, FontPriority, InsertFontFamily};

const CJK: &[u8] = include_bytes!("../../assets/NotoSansCJKsc-Subset.otf");
const NAME: &str = "NotoSansCJKsc-Subset";

/// Adds the CJK font as the last fallback of both families.
pub fn install(ctx: &egui::Context) {
    ctx.add_font(FontInsert {
        name: NAME.to_owned(),
        data: FontData::from_static(CJK),
        families: [FontFamily::Proportional, FontFamily::Monospace]
            .into_iter()
            .map(|family| InsertFontFamily {
                family,
                priority: FontPriority::Lowest,
            })
            .collect(),
    });
}
