//! A [`ChartSpec`] as a standalone SVG document: title, legend, panels with axes and
//! year ticks, marks with hover titles, and the source line.
//!
//! Hand-written rather than through a plotting crate so that the PNG export (which
//! renders this SVG with resvg) and the SVG file are the same picture, and so that
//! text uses the embedded CJK font by name. Text widths are estimated (a CJK glyph is
//! one em, Latin about half) because layout happens before any font is loaded; the
//! estimate errs wide, so labels get a little more room than they need.

use crate::chart::{Axis, ChartSpec, LegendMark, Panel, Rgb, Shape};
use std::fmt::Write as _;

/// The family name of assets/NotoSansCJKsc-Subset.otf; every text element uses it.
pub const FONT_FAMILY: &str = "Noto Sans CJK SC";
/// What the SVG asks for: the embedded font first (the PNG renderer has only that
/// one), then what a browser showing the SVG file is likely to have for Chinese.
const FONT_STACK: &str = "'Noto Sans CJK SC', 'Noto Sans SC', 'Source Han Sans SC', 'PingFang SC', 'Microsoft YaHei', sans-serif";

/// Smallest and largest canvas accepted, in pixels: below this nothing fits, above
/// it a PNG would take gigabytes.
pub const MIN_SIZE: u32 = 300;
pub const MAX_SIZE: u32 = 8000;

const TITLE_SIZE: f64 = 22.0;
const TEXT_SIZE: f64 = 13.0;
const SMALL_SIZE: f64 = 12.0;
const MARGIN: f64 = 20.0;
const INK: &str = "#222222";
const MUTED: &str = "#666666";
const GRID: &str = "#e4e4e4";

/// Estimated advance of `s` at `size` px: CJK and full-width one em, ASCII 0.56 em.
pub fn text_width(s: &str, size: f64) -> f64 {
    s.chars()
        .map(|c| {
            if c.is_ascii() {
                if c.is_ascii_uppercase() { 0.66 } else { 0.56 }
            } else if (c as u32) < 0x2E80 {
                0.7
            } else {
                1.0
            }
        })
        .sum::<f64>()
        * size
}

/// Escapes text for element content and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Control characters are not allowed in XML 1.0.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

fn hex(c: Rgb) -> String {
    format!("#{:02x}{:02x}{:02x}", c[0], c[1], c[2])
}

/// An axis-aligned box, for keeping labels apart.
#[derive(Debug, Clone, Copy)]
struct Rect {
    x0: f64,
    y0: f64,
    x1: f64,
    y1: f64,
}

impl Rect {
    /// The square of half-width `r` centred on (x, y): the room a mark takes.
    fn around(x: f64, y: f64, r: f64) -> Self {
        Self {
            x0: x - r,
            y0: y - r,
            x1: x + r,
            y1: y + r,
        }
    }
    fn overlaps(&self, o: &Rect) -> bool {
        self.x0 < o.x1 && o.x0 < self.x1 && self.y0 < o.y1 && o.y0 < self.y1
    }
    fn inside(&self, o: &Rect) -> bool {
        self.x0 >= o.x0 && self.x1 <= o.x1 && self.y0 >= o.y0 && self.y1 <= o.y1
    }
}

/// Boxes already used, bucketed by a coarse grid so that placing thousands of labels
/// stays linear rather than comparing every pair.
#[derive(Default)]
struct Occupied {
    cells: std::collections::HashMap<(i64, i64), Vec<Rect>>,
}

impl Occupied {
    const CELL: f64 = 64.0;

    fn keys(r: &Rect) -> impl Iterator<Item = (i64, i64)> {
        let c = |v: f64| (v / Self::CELL).floor().clamp(-1e6, 1e6) as i64;
        let (x0, x1, y0, y1) = (c(r.x0), c(r.x1), c(r.y0), c(r.y1));
        (x0..=x1).flat_map(move |x| (y0..=y1).map(move |y| (x, y)))
    }

    fn push(&mut self, r: Rect) {
        for k in Self::keys(&r) {
            self.cells.entry(k).or_default().push(r);
        }
    }

    fn hits(&self, r: &Rect) -> bool {
        Self::keys(r).any(|k| {
            self.cells
                .get(&k)
                .is_some_and(|v| v.iter().any(|t| t.overlaps(r)))
        })
    }
}

/// Maps data coordinates of one panel to pixels.
struct Frame {
    rect: Rect,
    x: (f64, f64),
    y: (f64, f64),
}

impl Frame {
    fn px(&self, x: f64) -> f64 {
        let (a, b) = self.x;
        let t = if b > a { (x - a) / (b - a) } else { 0.5 };
        self.rect.x0 + t * (self.rect.x1 - self.rect.x0)
    }
    fn py(&self, y: f64) -> f64 {
        let (a, b) = self.y;
        let t = if b > a { (y - a) / (b - a) } else { 0.5 };
        self.rect.y1 - t * (self.rect.y1 - self.rect.y0)
    }
}

struct Writer {
    out: String,
}

impl Writer {
    fn text(&mut self, x: f64, y: f64, size: f64, fill: &str, anchor: &str, s: &str) {
        let _ = writeln!(
            self.out,
            r#"<text x="{x:.1}" y="{y:.1}" font-size="{size}" fill="{fill}" text-anchor="{anchor}">{}</text>"#,
            escape(s)
        );
    }
    fn line(&mut self, x0: f64, y0: f64, x1: f64, y1: f64, stroke: &str, width: f64) {
        let _ = writeln!(
            self.out,
            r#"<line x1="{x0:.1}" y1="{y0:.1}" x2="{x1:.1}" y2="{y1:.1}" stroke="{stroke}" stroke-width="{width}"/>"#
        );
    }
}

/// One label waiting to be placed beside its anchor point.
struct Label {
    x: f64,
    y: f64,
    text: String,
    /// Clearance from the anchor (the mark's radius plus a gap).
    clear: f64,
    /// Try above/below before right/left: points on a line, whose sides the line
    /// itself occupies.
    vertical_first: bool,
}

/// Renders the chart at `width`×`height` pixels (clamped to [`MIN_SIZE`]..=[`MAX_SIZE`]).
pub fn render(spec: &ChartSpec, width: u32, height: u32) -> String {
    let w = f64::from(width.clamp(MIN_SIZE, MAX_SIZE));
    let h = f64::from(height.clamp(MIN_SIZE, MAX_SIZE));
    let mut s = Writer { out: String::new() };
    let _ = writeln!(
        s.out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" font-family="{FONT_STACK}">"#
    );
    let _ = writeln!(s.out, "<title>{}</title>", escape(&spec.title));
    let _ = writeln!(s.out, r#"<rect width="{w}" height="{h}" fill="white"/>"#);

    // Title.
    s.text(
        MARGIN,
        MARGIN + TITLE_SIZE * 0.8,
        TITLE_SIZE,
        INK,
        "start",
        &spec.title,
    );
    let mut top = MARGIN + TITLE_SIZE + 12.0;
    if let Some(sub) = spec.subtitle.as_deref().filter(|s| !s.is_empty()) {
        s.text(
            MARGIN,
            top + TEXT_SIZE * 0.8,
            TEXT_SIZE,
            MUTED,
            "start",
            sub,
        );
        top += TEXT_SIZE + 8.0;
    }

    // Legend: a flow of entries wrapping at the right margin.
    let mut lx = MARGIN;
    let row_h = TEXT_SIZE + 9.0;
    // On a small canvas the legend may not take more than a quarter of the height;
    // entries beyond that are counted ("+3") rather than pushing the plot away.
    let legend_end = (MARGIN + TITLE_SIZE + 12.0 + h * 0.25).max(top + row_h);
    if !spec.legend.is_empty() {
        for (i, e) in spec.legend.iter().enumerate() {
            let ew = 14.0 + 6.0 + text_width(&e.label, TEXT_SIZE) + 18.0;
            if lx > MARGIN && lx + ew > w - MARGIN {
                if top + 2.0 * row_h > legend_end {
                    let rest = format!("+{}", spec.legend.len() - i);
                    let cy = top + row_h / 2.0;
                    s.text(lx, cy + TEXT_SIZE * 0.36, TEXT_SIZE, MUTED, "start", &rest);
                    break;
                }
                lx = MARGIN;
                top += row_h;
            }
            let cy = top + row_h / 2.0;
            let c = hex(e.color);
            match e.mark {
                LegendMark::Swatch => {
                    let _ = writeln!(
                        s.out,
                        r#"<rect x="{:.1}" y="{:.1}" width="12" height="12" fill="{c}"/>"#,
                        lx + 1.0,
                        cy - 6.0
                    );
                }
                LegendMark::Line => s.line(lx, cy, lx + 14.0, cy, &c, 2.5),
                LegendMark::Shape(shape) => shape_svg(&mut s.out, shape, lx + 7.0, cy, 5.5, &c),
            }
            s.text(
                lx + 20.0,
                cy + TEXT_SIZE * 0.36,
                TEXT_SIZE,
                INK,
                "start",
                &e.label,
            );
            lx += ew;
        }
        top += row_h + 10.0;
    }

    // Panels share the space between the legend and the source line.
    let bottom = h - MARGIN - SMALL_SIZE - 8.0;
    let left = MARGIN
        + spec
            .panels
            .iter()
            .flat_map(|p| p.y_axis.ticks.iter())
            .map(|t| text_width(&t.label, SMALL_SIZE))
            .fold(0.0, f64::max)
        + 10.0;
    let right = w - MARGIN - 10.0;
    let caption_h = TEXT_SIZE + 8.0;
    let ticks_h = SMALL_SIZE + 10.0;
    let gap = 8.0;
    // As many panels as fit with a readable plot each; the rest are counted in the
    // note rather than squashed to nothing.
    let min_slot = caption_h + ticks_h + 40.0;
    let fit = (((bottom - top) + gap) / (min_slot + gap)).floor().max(1.0) as usize;
    let shown = spec.panels.len().min(fit);
    let dropped = spec.panels.len() - shown;
    let n = shown.max(1) as f64;
    let slot = ((bottom - top) - gap * (n - 1.0)) / n;
    let mut labels_taken = Occupied::default();
    let mut first_plot: Option<Rect> = None;
    for (i, p) in spec.panels.iter().take(shown).enumerate() {
        let y0 = top + i as f64 * (slot + gap);
        let has_caption = !p.title.is_empty() || !p.y_axis.label.is_empty();
        let plot = Rect {
            x0: left,
            y0: y0 + if has_caption { caption_h } else { 4.0 },
            x1: right,
            y1: y0 + slot - ticks_h,
        };
        if plot.y1 - plot.y0 < 10.0 {
            continue;
        }
        first_plot.get_or_insert(plot);
        if has_caption {
            let caption = match (p.title.is_empty(), p.y_axis.label.is_empty()) {
                (false, false) => format!("{} ({})", p.title, p.y_axis.label),
                (false, true) => p.title.clone(),
                _ => p.y_axis.label.clone(),
            };
            s.text(MARGIN, y0 + TEXT_SIZE, TEXT_SIZE, INK, "start", &caption);
        }
        panel_svg(&mut s, p, plot, i, &mut labels_taken);
    }

    // Source line, and the note: centred on the plot when nothing is drawn.
    s.text(
        MARGIN,
        h - MARGIN,
        SMALL_SIZE,
        MUTED,
        "start",
        &spec.source_line,
    );
    let note = if dropped > 0 {
        Some(crate::chart::omitted_note(
            dropped + spec.omitted_panels,
            spec.lang,
        ))
    } else {
        spec.note.clone()
    };
    if let Some(note) = &note {
        match first_plot {
            Some(r) if spec.items.is_empty() => {
                let (cx, cy) = ((r.x0 + r.x1) / 2.0, (r.y0 + r.y1) / 2.0);
                s.text(cx, cy, TEXT_SIZE + 3.0, MUTED, "middle", note);
            }
            None if spec.items.is_empty() => {
                s.text(
                    w / 2.0,
                    (top + bottom) / 2.0,
                    TEXT_SIZE + 3.0,
                    MUTED,
                    "middle",
                    note,
                );
            }
            _ => s.text(w - MARGIN, h - MARGIN, SMALL_SIZE, MUTED, "end", note),
        }
    }
    s.out.push_str("</svg>\n");
    s.out
}

fn panel_svg(s: &mut Writer, p: &Panel, plot: Rect, index: usize, taken: &mut Occupied) {
    let f = Frame {
        rect: plot,
        x: (p.x_axis.min, p.x_axis.max),
        y: (p.y_axis.min, p.y_axis.max),
    };
    grid_and_axes(s, p, &f);

    // Marks, clipped to the plot so spans running off-range stop at the frame.
    let clip = format!("clip{index}");
    let _ = writeln!(
        s.out,
        r#"<clipPath id="{clip}"><rect x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}"/></clipPath><g clip-path="url(#{clip})">"#,
        plot.x0 - 8.0,
        plot.y0 - 8.0,
        plot.x1 - plot.x0 + 16.0,
        plot.y1 - plot.y0 + 16.0
    );
    for (k, band) in p.bands.iter().enumerate() {
        let (xa, xb) = (
            f.px(band.x0).clamp(plot.x0, plot.x1),
            f.px(band.x1).clamp(plot.x0, plot.x1),
        );
        if xb <= xa {
            continue;
        }
        let _ = writeln!(
            s.out,
            r##"<rect x="{xa:.1}" y="{:.1}" width="{:.1}" height="{:.1}" fill="#8e6cb8" fill-opacity="0.08"><title>{}</title></rect>"##,
            plot.y0,
            xb - xa,
            plot.y1 - plot.y0,
            escape(&band.label)
        );
        // Names stagger down so overlapping periods stay readable.
        let _ = writeln!(
            s.out,
            r##"<text x="{:.1}" y="{:.1}" font-size="{SMALL_SIZE}" fill="#6b5290">{}</text>"##,
            xa + 4.0,
            plot.y0 + 12.0 + 13.0 * (k % 3) as f64,
            escape(&band.label)
        );
    }
    for b in &p.bars {
        let (xa, xb) = (f.px(b.x - b.width / 2.0), f.px(b.x + b.width / 2.0));
        let (ya, yb) = (f.py(b.base + b.height), f.py(b.base));
        let _ = writeln!(
            s.out,
            r#"<rect x="{xa:.1}" y="{ya:.1}" width="{:.1}" height="{:.1}" fill="{}" stroke="white" stroke-width="1"><title>{}</title></rect>"#,
            (xb - xa).max(1.0),
            (yb - ya).max(0.0),
            hex(b.color),
            escape(&b.detail)
        );
    }
    for sp in &p.spans {
        let dash = if sp.dashed {
            r#" stroke-dasharray="7 4""#
        } else {
            ""
        };
        let _ = writeln!(
            s.out,
            r#"<line x1="{:.1}" y1="{y:.1}" x2="{:.1}" y2="{y:.1}" stroke="{}" stroke-width="4" stroke-opacity="0.55" stroke-linecap="round"{dash}><title>{}</title></line>"#,
            // Spans running off-range stop at the frame, not at the marker margin.
            f.px(sp.x0).clamp(plot.x0, plot.x1),
            f.px(sp.x1).clamp(plot.x0, plot.x1),
            hex(sp.color),
            escape(&sp.detail),
            y = f.py(sp.y),
        );
    }
    for se in &p.series {
        let pts: Vec<String> = se
            .points
            .iter()
            .map(|pt| format!("{:.1},{:.1}", f.px(pt.x), f.py(pt.y)))
            .collect();
        let c = hex(se.color);
        if pts.len() > 1 {
            let _ = writeln!(
                s.out,
                r#"<polyline points="{}" fill="none" stroke="{c}" stroke-width="2.5"/>"#,
                pts.join(" ")
            );
        }
        for pt in &se.points {
            let _ = writeln!(
                s.out,
                r#"<circle cx="{:.1}" cy="{:.1}" r="4.5" fill="{c}" stroke="white" stroke-width="1"><title>{}</title></circle>"#,
                f.px(pt.x),
                f.py(pt.y),
                escape(&pt.detail)
            );
        }
    }
    for m in &p.markers {
        let _ = write!(s.out, "<g><title>{}</title>", escape(&m.detail));
        let r = if m.label.is_empty() && m.shape == Shape::Circle {
            3.5
        } else {
            6.5
        };
        shape_svg(&mut s.out, m.shape, f.px(m.x), f.py(m.y), r, &hex(m.color));
        s.out.push_str("</g>\n");
    }
    s.out.push_str("</g>\n");

    // Labels last, on top, each where it overlaps nothing placed before; marks are
    // obstacles too. Marker labels first: on targets vs actuals they carry the goals.
    for m in &p.markers {
        taken.push(Rect::around(f.px(m.x), f.py(m.y), 6.0));
    }
    for se in &p.series {
        for pt in &se.points {
            taken.push(Rect::around(f.px(pt.x), f.py(pt.y), 5.0));
        }
        // The line between points, as small boxes every few pixels.
        for pair in se.points.windows(2) {
            let (ax, ay) = (f.px(pair[0].x), f.py(pair[0].y));
            let (bx, by) = (f.px(pair[1].x), f.py(pair[1].y));
            let steps = ((bx - ax).hypot(by - ay) / 4.0).ceil().clamp(1.0, 2000.0) as usize;
            for k in 0..=steps {
                let t = k as f64 / steps as f64;
                let (x, y) = (ax + t * (bx - ax), ay + t * (by - ay));
                taken.push(Rect::around(x, y, 2.0));
            }
        }
    }
    let labels = p
        .markers
        .iter()
        .map(|m| Label {
            x: f.px(m.x),
            y: f.py(m.y),
            text: m.label.clone(),
            clear: 9.0,
            vertical_first: false,
        })
        .chain(p.series.iter().flat_map(|se| {
            se.points.iter().map(|pt| Label {
                x: f.px(pt.x),
                y: f.py(pt.y),
                text: pt.label.clone(),
                clear: 7.0,
                vertical_first: true,
            })
        }));
    let area = Rect {
        x0: plot.x0,
        y0: plot.y0 - 2.0,
        x1: plot.x1 + MARGIN,
        y1: plot.y1,
    };
    for l in labels.filter(|l| !l.text.is_empty()) {
        if let Some((x, y, anchor, r)) = place(&l, &area, taken) {
            s.text(x, y, SMALL_SIZE, INK, anchor, &l.text);
            taken.push(r);
        }
    }
}

/// Tries right, left, above and below the anchor; None when every spot collides.
fn place(l: &Label, area: &Rect, taken: &Occupied) -> Option<(f64, f64, &'static str, Rect)> {
    let tw = text_width(&l.text, SMALL_SIZE);
    let asc = SMALL_SIZE * 0.8;
    let desc = SMALL_SIZE * 0.25;
    let base = l.y + SMALL_SIZE * 0.35;
    let right = (l.x + l.clear, base, "start", l.x + l.clear);
    let left = (l.x - l.clear, base, "end", l.x - l.clear - tw);
    let above = (l.x, l.y - l.clear - desc, "middle", l.x - tw / 2.0);
    let below = (l.x, l.y + l.clear + asc, "middle", l.x - tw / 2.0);
    let spots = if l.vertical_first {
        [above, below, right, left]
    } else {
        [right, left, above, below]
    };
    spots.into_iter().find_map(|(x, y, anchor, left)| {
        let r = Rect {
            x0: left - 1.0,
            y0: y - asc - 1.0,
            x1: left + tw + 1.0,
            y1: y + desc + 1.0,
        };
        (r.inside(area) && !taken.hits(&r)).then_some((x, y, anchor, r))
    })
}

fn grid_and_axes(s: &mut Writer, p: &Panel, f: &Frame) {
    let r = f.rect;
    let yaxis: &Axis = &p.y_axis;
    if yaxis.categorical {
        // Bands between categories, shaded alternately.
        for (i, t) in yaxis.ticks.iter().enumerate() {
            if i % 2 == 0 {
                let (ya, yb) = (f.py(t.value + 0.5), f.py(t.value - 0.5));
                let _ = writeln!(
                    s.out,
                    r##"<rect x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}" fill="#f6f6f6"/>"##,
                    r.x0,
                    ya.max(r.y0),
                    r.x1 - r.x0,
                    (yb.min(r.y1) - ya.max(r.y0)).max(0.0)
                );
            }
        }
    }
    for t in &p.x_axis.ticks {
        let x = f.px(t.value);
        if x < r.x0 - 0.5 || x > r.x1 + 0.5 {
            continue;
        }
        s.line(x, r.y0, x, r.y1, GRID, 1.0);
        s.line(x, r.y1, x, r.y1 + 4.0, MUTED, 1.0);
        s.text(
            x,
            r.y1 + SMALL_SIZE + 5.0,
            SMALL_SIZE,
            MUTED,
            "middle",
            &t.label,
        );
    }
    // Every k-th value tick so labels stay at least a line apart in short panels.
    let spacing = yaxis
        .ticks
        .windows(2)
        .map(|w| (f.py(w[0].value) - f.py(w[1].value)).abs())
        .fold(f64::INFINITY, f64::min);
    let every = if yaxis.categorical || !spacing.is_finite() || spacing <= 0.0 {
        1
    } else {
        ((SMALL_SIZE + 4.0) / spacing).ceil().max(1.0) as usize
    };
    for t in yaxis.ticks.iter().step_by(every) {
        let y = f.py(t.value);
        if y < r.y0 - 0.5 || y > r.y1 + 0.5 {
            continue;
        }
        if !yaxis.categorical {
            s.line(r.x0, y, r.x1, y, GRID, 1.0);
        }
        s.text(
            r.x0 - 6.0,
            y + SMALL_SIZE * 0.35,
            SMALL_SIZE,
            MUTED,
            "end",
            &t.label,
        );
    }
    s.line(r.x0, r.y1, r.x1, r.y1, "#999999", 1.0);
    s.line(r.x0, r.y0, r.x0, r.y1, "#999999", 1.0);
}

fn shape_svg(out: &mut String, shape: Shape, x: f64, y: f64, r: f64, fill: &str) {
    let stroke = r#"stroke="white" stroke-width="1""#;
    let _ = match shape {
        Shape::Circle => writeln!(
            out,
            r#"<circle cx="{x:.1}" cy="{y:.1}" r="{r:.1}" fill="{fill}" {stroke}/>"#
        ),
        Shape::Square => {
            let a = r * 0.85;
            writeln!(
                out,
                r#"<rect x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}" fill="{fill}" {stroke}/>"#,
                x - a,
                y - a,
                2.0 * a,
                2.0 * a
            )
        }
        Shape::Diamond => writeln!(
            out,
            r#"<polygon points="{x:.1},{:.1} {:.1},{y:.1} {x:.1},{:.1} {:.1},{y:.1}" fill="{fill}" {stroke}/>"#,
            y - r * 1.2,
            x + r * 1.2,
            y + r * 1.2,
            x - r * 1.2
        ),
        Shape::Triangle => writeln!(
            out,
            r#"<polygon points="{x:.1},{:.1} {:.1},{:.1} {:.1},{:.1}" fill="{fill}" {stroke}/>"#,
            y - r * 1.1,
            x + r,
            y + r * 0.8,
            x - r,
            y + r * 0.8
        ),
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_for_xml() {
        assert_eq!(escape("a<b>&\"c'\u{1}"), "a&lt;b&gt;&amp;&quot;c&apos; ");
    }

    #[test]
    fn cjk_is_wider_than_latin() {
        assert!(text_width("制造业", 10.0) > text_width("abc", 10.0));
    }
}
