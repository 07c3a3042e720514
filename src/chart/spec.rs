//! The chart model's data types: what a backend draws, with no deciding left to it.

use serde::Serialize;

/// An sRGB colour.
pub type Rgb = [u8; 3];

/// Which chart a spec is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ChartKind {
    Timeline,
    ThemesByYear,
    TargetsVsActuals,
}

/// What the x coordinates mean, so a backend can format hover positions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum XUnit {
    /// Days since 1970-01-01 (fractional: mid-period for year/month dates).
    Days,
    /// Calendar years; a mark for 2025 sits at x = 2025.0.
    Year,
}

/// A whole chart: a title, one or more stacked panels sharing the x range, a legend
/// and a source line saying what data it was drawn from.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChartSpec {
    pub kind: ChartKind,
    pub title: String,
    /// What the chart is restricted to (see [`super::filter_summary`]); builders leave it
    /// empty because they see only the view, the caller that owns the filter sets it.
    pub subtitle: Option<String>,
    /// "Source: N articles, YYYY–YYYY": the articles and years of the items drawn.
    pub source_line: String,
    pub x_unit: XUnit,
    /// Drawn top to bottom; every panel has the same x range.
    pub panels: Vec<Panel>,
    pub legend: Vec<LegendEntry>,
    /// Something the reader must be told, e.g. that nothing matches the filters or
    /// that some subjects were left out; None when all is shown.
    pub note: Option<String>,
    /// Panels the builder left out for want of room (subjects beyond
    /// [`super::MAX_SUBJECT_PANELS`]); `note` says so in words.
    pub omitted_panels: usize,
    /// The ids of every item drawn, in corpus order.
    pub items: Vec<String>,
    /// The language of every label (the data itself stays as written).
    pub lang: crate::lang::Lang,
}

/// One plot area with its own y axis (targets vs actuals has one per subject, because
/// 亿元 and 家 cannot share an axis).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Panel {
    /// Empty for single-panel charts.
    pub title: String,
    pub x_axis: Axis,
    pub y_axis: Axis,
    /// Draw order is bars, spans, series, markers, so that point marks stay on top.
    pub series: Vec<Series>,
    pub bars: Vec<Bar>,
    pub spans: Vec<Span>,
    pub markers: Vec<Marker>,
    /// Background bands behind everything (plan periods on the timeline).
    pub bands: Vec<Band>,
}

impl Panel {
    /// The items of the mark nearest to (`x`, `y`) within `tol_x` and `tol_y` (data
    /// units, e.g. a few pixels converted by the caller), for hover and click. Point
    /// marks win over spans and bars that also contain the position.
    pub fn hit(&self, x: f64, y: f64, tol_x: f64, tol_y: f64) -> Option<&[String]> {
        let (tx, ty) = (
            tol_x.abs().max(f64::MIN_POSITIVE),
            tol_y.abs().max(f64::MIN_POSITIVE),
        );
        let dist = |px: f64, py: f64| ((px - x) / tx).hypot((py - y) / ty);
        let points = self
            .markers
            .iter()
            .map(|m| (dist(m.x, m.y), m.items.as_slice()))
            .chain(self.series.iter().flat_map(|s| {
                s.points
                    .iter()
                    .map(|p| (dist(p.x, p.y), p.items.as_slice()))
            }))
            .filter(|(d, _)| *d <= 1.0)
            .min_by(|a, b| a.0.total_cmp(&b.0));
        if let Some((_, items)) = points {
            return Some(items);
        }
        let span = self
            .spans
            .iter()
            .filter(|s| x >= s.x0 - tx && x <= s.x1 + tx && (s.y - y).abs() <= ty)
            .min_by(|a, b| (a.y - y).abs().total_cmp(&(b.y - y).abs()))
            .map(|s| s.items.as_slice());
        span.or_else(|| {
            self.bars
                .iter()
                .find(|b| (x - b.x).abs() <= b.width / 2.0 && y >= b.base && y <= b.base + b.height)
                .map(|b| b.items.as_slice())
        })
    }
}

/// An axis: its visible range and labelled ticks. Categorical axes (timeline lanes)
/// are ticks with names at the lane centres.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Axis {
    /// E.g. "亿元" or "条目数 Items"; may be empty.
    pub label: String,
    pub min: f64,
    pub max: f64,
    pub ticks: Vec<Tick>,
    /// Ticks are category centres (timeline lanes): draw separators between them
    /// rather than grid lines through them.
    pub categorical: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Tick {
    pub value: f64,
    pub label: String,
}

/// How a point mark looks; one shape per item kind on the timeline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Shape {
    Circle,
    Square,
    Diamond,
    Triangle,
}

/// A point mark with a short label drawn beside it when there is room.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Marker {
    pub x: f64,
    pub y: f64,
    pub shape: Shape,
    pub color: Rgb,
    /// Short text beside the mark (a backend may drop it when it would overlap).
    pub label: String,
    /// One line for hover/tooltips: date, kind, title, value.
    pub detail: String,
    pub items: Vec<String>,
}

/// A horizontal range at height `y`, e.g. a policy period or a target's run-up.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Span {
    pub x0: f64,
    pub x1: f64,
    pub y: f64,
    pub color: Rgb,
    /// Dashed for planned time (a target's run-up), solid for stated periods.
    pub dashed: bool,
    pub detail: String,
    pub items: Vec<String>,
}

/// A stretch of the x axis shaded behind the marks, with a name: a plan period
/// ("2021–2025 十四五规划") on the timeline.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Band {
    pub x0: f64,
    pub x1: f64,
    pub label: String,
    /// The policies that state this period.
    pub items: Vec<String>,
}

/// One segment of a (stacked) bar: from `base` to `base + height`, centred on `x`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Bar {
    pub x: f64,
    pub width: f64,
    pub base: f64,
    pub height: f64,
    pub color: Rgb,
    /// The series (theme) the segment belongs to.
    pub label: String,
    pub detail: String,
    pub items: Vec<String>,
}

/// A line through points in x order.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Series {
    pub label: String,
    pub color: Rgb,
    pub points: Vec<SeriesPoint>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SeriesPoint {
    pub x: f64,
    pub y: f64,
    /// Short value label, e.g. "2,100亿元".
    pub label: String,
    pub detail: String,
    pub items: Vec<String>,
}

/// How a legend entry is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LegendMark {
    /// A filled square (bars, theme colours).
    Swatch,
    Line,
    Shape(Shape),
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LegendEntry {
    pub label: String,
    pub color: Rgb,
    pub mark: LegendMark,
}

/// Colour of items without a theme, and of neutral marks.
pub const GREY: Rgb = [150, 150, 150];
/// Reported values (line) on targets vs actuals.
pub const ACTUAL_COLOR: Rgb = [78, 121, 167];
/// Targets on targets vs actuals.
pub const TARGET_COLOR: Rgb = [225, 87, 89];
/// Label of items without a theme.
pub const UNTHEMED_LABEL: &str = "未分类";
/// [`UNTHEMED_LABEL`] in English.
pub const UNTHEMED_LABEL_EN: &str = "Unthemed";
