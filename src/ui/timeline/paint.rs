//! Painting a laid-out frame: spans, markers, goal flags, labels, badges, the year
//! header and the lane names.

use super::TimelineInput;
use super::layout::{FrameLayout, R};
use crate::extract::Kind;
use crate::ui::i18n::{self, Lang};
use crate::ui::style::{kind_color, marker};
use egui::{Color32, CornerRadius, FontId, Rect, Shape, Stroke, pos2, vec2};

pub(super) fn paint(
    ui: &egui::Ui,
    input: &TimelineInput<'_>,
    layout: &FrameLayout,
    hovered: Option<usize>,
    lang: Lang,
) {
    let painter = ui.painter_at(layout.rect);
    let visuals = ui.visuals();
    let text = visuals.text_color();
    let weak = visuals.weak_text_color();
    let outline = if visuals.dark_mode {
        Color32::from_gray(20)
    } else {
        Color32::WHITE
    };
    let mut shapes = Vec::with_capacity(layout.placed.len() * 2 + layout.clusters.len());
    for s in &layout.spans {
        let c = s.color.gamma_multiply(0.55);
        shapes.push(Shape::line_segment(
            [pos2(s.x0, s.y), pos2(s.x1, s.y)],
            Stroke::new(if s.kind == Kind::Policy { 5.0 } else { 2.0 }, c),
        ));
    }
    for c in &layout.clusters {
        if c.bar {
            shapes.push(Shape::rect_filled(
                c.rect,
                0.0,
                kind_color(c.kind).gamma_multiply(0.8),
            ));
        }
    }
    for p in &layout.placed {
        let selected = input.selected == Some(p.item);
        let r = if hovered == Some(p.item) { R + 1.5 } else { R };
        if selected {
            shapes.push(Shape::circle_stroke(
                p.pos,
                r + 4.0,
                Stroke::new(2.0, visuals.selection.stroke.color),
            ));
        }
        if p.goal {
            // A goal is a flag: pole and pennant, so it reads as "to reach by".
            let pole = Stroke::new(1.5, p.color);
            shapes.push(Shape::line_segment(
                [p.pos + vec2(0.0, 6.0), p.pos + vec2(0.0, -7.0)],
                pole,
            ));
            shapes.push(Shape::convex_polygon(
                vec![
                    p.pos + vec2(0.0, -7.0),
                    p.pos + vec2(8.0, -4.0),
                    p.pos + vec2(0.0, -1.0),
                ],
                p.color,
                Stroke::NONE,
            ));
        } else {
            shapes.push(marker(p.kind, p.pos, r, p.color, Stroke::new(1.0, outline)));
        }
    }
    painter.extend(shapes);
    // A fact reported by several documents wears its source count, small, at the
    // marker's upper right: only placed markers are looked at, so the cost follows
    // what is drawn, not the corpus.
    let tiny = FontId::proportional(9.0);
    for p in layout.placed.iter().filter(|p| !p.goal) {
        let n = input
            .corpus
            .items
            .get(p.item)
            .map_or(1, |it| it.source_count());
        if n > 1 {
            painter.text(
                p.pos + vec2(R + 1.0, -R - 1.0),
                egui::Align2::LEFT_BOTTOM,
                n.to_string(),
                tiny.clone(),
                text,
            );
        }
    }
    let font = FontId::proportional(12.0);
    for l in &layout.labels {
        let color = if input.selected == Some(l.item) || l.strong {
            text
        } else {
            weak
        };
        if l.boxed {
            let galley = painter.layout_no_wrap(l.text.clone(), font.clone(), color);
            let r = egui::Align2::LEFT_CENTER
                .anchor_size(l.pos, galley.size())
                .expand2(vec2(3.0, 0.0));
            painter.rect_filled(r, CornerRadius::same(3), visuals.extreme_bg_color);
            painter.galley(r.min + vec2(3.0, 0.0), galley, color);
        } else {
            painter.text(
                l.pos,
                egui::Align2::LEFT_CENTER,
                &l.text,
                font.clone(),
                color,
            );
        }
    }
    let small = FontId::proportional(10.5);
    for c in layout.clusters.iter().filter(|c| !c.bar) {
        painter.rect_filled(
            c.rect,
            CornerRadius::same(6),
            visuals.widgets.inactive.bg_fill,
        );
        painter.text(
            c.rect.center(),
            egui::Align2::CENTER_CENTER,
            format!("+{}", c.count),
            small.clone(),
            text,
        );
    }
    // Header: the year labels, and lane names on the left edge.
    painter.rect_filled(layout.header, 0.0, visuals.faint_bg_color);
    let header_font = FontId::proportional(13.0);
    for y in layout.years.iter().filter(|y| y.label) {
        let x = y.rect.center().x;
        painter.text(
            pos2(x, layout.header.center().y),
            egui::Align2::CENTER_CENTER,
            i18n::year(y.year, lang),
            header_font.clone(),
            text,
        );
    }
    for (kind, r) in &layout.lanes {
        let name = i18n::lane(*kind, lang);
        let galley = painter.layout_no_wrap(
            name.to_owned(),
            FontId::proportional(12.0),
            kind_color(*kind),
        );
        let bg_rect = Rect::from_min_size(
            r.left_top() + vec2(4.0, 3.0),
            galley.size() + vec2(8.0, 2.0),
        );
        painter.rect_filled(
            bg_rect,
            CornerRadius::same(3),
            visuals.extreme_bg_color.gamma_multiply(0.9),
        );
        painter.galley(bg_rect.min + vec2(4.0, 1.0), galley, text);
    }
}

/// A label's width in points at `size`, estimated: CJK and other wide characters are
/// about one em, the rest about half; errs wide so estimated room is not overrun.
pub(super) fn estimate_width(s: &str, size: f32) -> f32 {
    s.chars()
        .map(|c| {
            if (c as u32) >= 0x2e80 {
                size
            } else if c.is_ascii_uppercase() || c.is_ascii_digit() {
                0.62 * size
            } else {
                0.55 * size
            }
        })
        .sum()
}
