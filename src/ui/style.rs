//! How item kinds look everywhere in the window: lane colours, marker shapes and the
//! goal text of targets. Shared by the timeline, the filters, the detail panel and the
//! chart legends, so a kind looks the same in each.

use crate::extract::{Item, Kind};
use egui::{Color32, CornerRadius, Pos2, Rect, Shape, Stroke, StrokeKind, Vec2, vec2};

/// The value of a target as its goal label says it: "2,400亿元 @ 2025".
pub fn goal_text(item: &Item) -> Option<String> {
    let deadline = item.deadline?;
    Some(match &item.quantity {
        Some(q) => format!("{} @ {deadline}", q.text),
        None => format!("@ {deadline}"),
    })
}

/// A colour per lane for density bars and lane names.
pub fn kind_color(kind: Kind) -> Color32 {
    match kind {
        Kind::Event => Color32::from_rgb(0x5b, 0x7d, 0xb1),
        Kind::Policy => Color32::from_rgb(0x8e, 0x6c, 0xb8),
        Kind::Target => Color32::from_rgb(0xd0, 0x7a, 0x2c),
        Kind::Metric => Color32::from_rgb(0x3f, 0x9a, 0x86),
    }
}

/// A marker's shape: circle, square, diamond or triangle by kind, so kinds stay
/// apart for readers who cannot tell the theme colours apart.
pub fn marker(kind: Kind, c: Pos2, r: f32, fill: Color32, stroke: Stroke) -> Shape {
    match kind {
        Kind::Event => Shape::circle_filled(c, r, fill).with_stroke(stroke),
        Kind::Policy => Shape::rect_filled(
            Rect::from_center_size(c, Vec2::splat(1.7 * r)),
            CornerRadius::same(1),
            fill,
        )
        .with_stroke(stroke),
        Kind::Target => Shape::convex_polygon(
            vec![
                c + vec2(0.0, -1.25 * r),
                c + vec2(1.25 * r, 0.0),
                c + vec2(0.0, 1.25 * r),
                c + vec2(-1.25 * r, 0.0),
            ],
            fill,
            stroke,
        ),
        Kind::Metric => Shape::convex_polygon(
            vec![
                c + vec2(0.0, -1.2 * r),
                c + vec2(1.1 * r, 0.8 * r),
                c + vec2(-1.1 * r, 0.8 * r),
            ],
            fill,
            stroke,
        ),
    }
}

trait WithStroke {
    fn with_stroke(self, stroke: Stroke) -> Shape;
}

impl WithStroke for Shape {
    fn with_stroke(self, stroke: Stroke) -> Shape {
        match self {
            Shape::Circle(mut c) => {
                c.stroke = stroke;
                Shape::Circle(c)
            }
            Shape::Rect(mut r) => {
                r.stroke = stroke;
                r.stroke_kind = StrokeKind::Outside;
                Shape::Rect(r)
            }
            other => other,
        }
    }
}
