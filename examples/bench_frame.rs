//! Frame time of the explorer with N synthetic items on the timeline.
//!
//! `cargo run --release --example bench_frame -- --items 100000` runs the whole
//! window headless (egui layout + tessellation, no GPU) for a few hundred frames with
//! the pointer moving over the timeline and the view panning and zooming from the
//! whole corpus down to a few weeks, and prints one line:
//! `frame: p50 X ms, p95 Y ms (N items)`, then the frame that takes in a finished
//! load of that corpus (its view built on the loader's thread) beside what building
//! the view on the UI thread would add to it: `hand-over: …`.
//!
//! `--window` opens the real window on the same synthetic corpus instead, to look at
//! how a large corpus is drawn.
//!
//! `--first-frame` measures start-up on the bundled seeds instead: reading and
//! extracting them, then the first frame (fonts, layout, tessellation; no GPU), and
//! prints `first frame: T ms after start (…)`.

use biotimeline::corpus::Document;
use biotimeline::extract::{Kind, Themes};
use biotimeline::model::Corpus;
use biotimeline::model::targets::Tracker;
use biotimeline::testkit::item;
use biotimeline::time::PartialDate;
use biotimeline::ui::loader::Derived;
use biotimeline::ui::timeline::Pending;
use biotimeline::ui::{App, Settings, Startup};
use std::sync::Arc;
use std::time::Instant;

/// A small deterministic generator, so runs are comparable.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

fn synthetic(n: usize) -> Corpus {
    let themes = Themes::builtin();
    let ids: Vec<String> = themes.themes.iter().map(|t| t.id.clone()).collect();
    let mut rng = Lcg(0x5eed);
    let n_docs = (n / 40).clamp(1, 2_000);
    let documents: Vec<Document> = (0..n_docs)
        .map(|d| {
            let text = format!("合成文档第{d}篇。这是用于性能测试的正文。");
            Document {
                id: format!("doc{d:05}"),
                path: format!("synthetic/doc{d:05}.txt").into(),
                title: Some(format!("合成文档 {d}")),
                source: Some("合成".into()),
                published: PartialDate::day(
                    2015 + (d % 11) as i32,
                    1 + (d % 12) as u32,
                    1 + (d % 28) as u32,
                ),
                encoding: "UTF-8".into(),
                simplified: text.clone(),
                text: text.into(),
                ..Default::default()
            }
        })
        .collect();
    let items = (0..n)
        .map(|i| {
            let kind = Kind::ALL[rng.below(4) as usize];
            let year = 2015 + rng.below(11) as i32;
            let date = match rng.below(3) {
                0 => PartialDate::year(year),
                1 => PartialDate::month(year, 1 + rng.below(12) as u32)
                    .unwrap_or(PartialDate::year(year)),
                _ => PartialDate::day(year, 1 + rng.below(12) as u32, 1 + rng.below(28) as u32)
                    .unwrap_or(PartialDate::year(year)),
            };
            let theme = rng.below(ids.len() as u64 + 1) as usize;
            let doc = format!("doc{:05}", i % n_docs);
            let quote = format!("第{i}条合成句子。");
            let mut it = item(&doc, i, kind, date)
                .title(&format!("合成条目 {i}"))
                .themes(
                    &ids.get(theme)
                        .map(String::as_str)
                        .into_iter()
                        .collect::<Vec<_>>(),
                )
                .quote(&quote, [0, quote.chars().count()]);
            if matches!(kind, Kind::Target | Kind::Metric) {
                it = it.subject(&format!("指标{}", i % 97)).quantity(
                    (i % 1000) as f64 * 1e8,
                    "元",
                    &format!("{}亿元", i % 1000),
                );
            }
            if kind == Kind::Target {
                it = it.deadline(year + 1 + rng.below(5) as i32);
            }
            if kind == Kind::Policy {
                it = it
                    .policy_title(&format!("合成政策 {i}"))
                    .period(year, year + rng.below(4) as i32);
            }
            it.build()
        })
        .collect();
    Corpus::from_parts(documents, items, Vec::new(), themes)
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let i = ((sorted.len() - 1) as f64 * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

/// Start-up on the seeds: load, extract, then the first full frame.
fn first_frame(start: Instant) {
    let themes = Themes::builtin();
    let corpus = Arc::new(Corpus::build(
        biotimeline::corpus::load_seeds(),
        themes.clone(),
    ));
    let loaded = start.elapsed();
    let ctx = egui::Context::default();
    let mut app = App::with_settings(
        &ctx,
        Startup::Corpus(corpus),
        themes,
        Vec::new(),
        Settings::default(),
    );
    let size = egui::vec2(1400.0, 860.0);
    let input = egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(egui::Pos2::ZERO, size)),
        ..Default::default()
    };
    let mut out = ctx.run_ui(input, |ui| app.show(ui));
    out.textures_delta.clear();
    std::hint::black_box(ctx.tessellate(out.shapes, out.pixels_per_point));
    let total = start.elapsed();
    println!(
        "first frame: {:.0} ms after start (seeds: {} documents, {} items; reading and extracting {:.0} ms)",
        total.as_secs_f64() * 1e3,
        app.corpus().documents.len(),
        app.corpus().items.len(),
        loaded.as_secs_f64() * 1e3
    );
}

fn main() {
    let start = Instant::now();
    let mut items = 100_000usize;
    let mut frames = 300usize;
    let mut window = false;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--items" => items = args.next().and_then(|v| v.parse().ok()).unwrap_or(items),
            "--frames" => frames = args.next().and_then(|v| v.parse().ok()).unwrap_or(frames),
            "--window" => window = true,
            "--first-frame" => {
                first_frame(start);
                return;
            }
            other => {
                eprintln!(
                    "usage: bench_frame [--items N] [--frames F] [--window | --first-frame] (unknown: {other})"
                );
                std::process::exit(2);
            }
        }
    }
    let corpus = Arc::new(synthetic(items));
    if window {
        let options = eframe::NativeOptions {
            viewport: egui::ViewportBuilder::default().with_inner_size([1400.0, 860.0]),
            system_font_fallback: false,
            ..Default::default()
        };
        let r = eframe::run_native(
            "biotimeline (synthetic)",
            options,
            Box::new(move |cc| {
                Ok(Box::new(App::with_settings(
                    &cc.egui_ctx,
                    Startup::Corpus(corpus),
                    Themes::builtin(),
                    Vec::new(),
                    Settings::default(),
                )))
            }),
        );
        if let Err(e) = r {
            eprintln!("bench_frame: {e}");
            std::process::exit(1);
        }
        return;
    }

    let ctx = egui::Context::default();
    let mut app = App::with_settings(
        &ctx,
        Startup::Corpus(corpus),
        Themes::builtin(),
        Vec::new(),
        Settings::default(),
    );
    let size = egui::vec2(1400.0, 860.0);
    let mut times = Vec::with_capacity(frames);
    let warmup = 10;
    for f in 0..frames + warmup {
        // Sweep the pointer across the timeline: hover picking and tooltips run too.
        let x = 300.0 + (f % 100) as f32 * 8.0;
        let y = 200.0 + (f % 7) as f32 * 60.0;
        let input = egui::RawInput {
            screen_rect: Some(egui::Rect::from_min_size(egui::Pos2::ZERO, size)),
            time: Some(f as f64 / 60.0),
            events: vec![egui::Event::PointerMoved(egui::pos2(x, y))],
            ..Default::default()
        };
        // Pan and zoom every frame, from everything on screen to a few weeks, so the
        // layout is redone each time (hovering alone would change nothing).
        app.timeline.pending = Some(match f % 4 {
            0 => Pending::Fit,
            k => {
                let width = [0.0, 4.0 * 365.0, 365.0, 60.0][k];
                let mid = 16_500.0 + (f % 97) as f64 * 30.0;
                Pending::Range(mid - width / 2.0, mid + width / 2.0)
            }
        });
        let start = Instant::now();
        let mut out = ctx.run_ui(input, |ui| app.show(ui));
        // No GPU here: the font atlas updates have nowhere to go.
        out.textures_delta.clear();
        let prims = ctx.tessellate(out.shapes, out.pixels_per_point);
        let ms = start.elapsed().as_secs_f64() * 1e3;
        std::hint::black_box(prims);
        if f >= warmup {
            times.push(ms);
        }
    }
    times.sort_by(|a, b| a.total_cmp(b));
    println!(
        "frame: p50 {:.2} ms, p95 {:.2} ms ({} items)",
        percentile(&times, 0.5),
        percentile(&times, 0.95),
        app.corpus().items.len()
    );
    hand_over(&ctx, &mut app, size);
}

/// The frame that takes in a finished load: the same corpus handed over again, as a
/// load hands over its result, with the view built on the loader's thread. For
/// comparison, what building that view and the targets' tracking on the UI thread
/// costs (what the frame did before).
fn hand_over(ctx: &egui::Context, app: &mut App, size: egui::Vec2) {
    let corpus = Arc::clone(app.corpus());
    let t = Instant::now();
    std::hint::black_box(Derived::build(&corpus, &app.settings.filter));
    std::hint::black_box(Tracker::new(&corpus));
    let on_ui_thread = t.elapsed();
    app.open_built(corpus);
    let frame = |app: &mut App| {
        let t = Instant::now();
        let input = egui::RawInput {
            screen_rect: Some(egui::Rect::from_min_size(egui::Pos2::ZERO, size)),
            ..Default::default()
        };
        let mut out = ctx.run_ui(input, |ui| app.show(ui));
        out.textures_delta.clear();
        std::hint::black_box(ctx.tessellate(out.shapes, out.pixels_per_point));
        t.elapsed()
    };
    let mut taking = std::time::Duration::ZERO;
    while app.is_loading() {
        taking = frame(app);
        std::thread::sleep(std::time::Duration::from_millis(16));
    }
    let next = frame(app);
    println!(
        "hand-over: the frame taking the corpus in {:.1} ms, the next {:.1} ms \
         (building its view and tracking on the UI thread instead: {:.1} ms)",
        taking.as_secs_f64() * 1e3,
        next.as_secs_f64() * 1e3,
        on_ui_thread.as_secs_f64() * 1e3,
    );
}
