//! The explorer opening a folder, headless: what a user waits for.
//!
//! `cargo run --release --example bench_load -- DIR…` starts the window's own app (no
//! GPU: egui layout and tessellation only) on the paths, as `biotimeline DIR` does,
//! and draws frames while the background load runs, as the window would. It prints
//! one line: how long until the timeline was ready, how many progress updates the
//! status line showed, and the longest frame while loading (the window stays
//! responsive when that is short). Peak memory is the process's: run it under
//! `/usr/bin/time -v` (maximum resident set size).

use biotimeline::extract::Themes;
use biotimeline::model::Source;
use biotimeline::ui::{App, Settings, Startup};
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// The same allocator as the binary, so memory and time are the explorer's.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let paths: Vec<PathBuf> = std::env::args().skip(1).map(PathBuf::from).collect();
    if paths.is_empty() {
        eprintln!("usage: bench_load DIR…");
        std::process::exit(2);
    }
    let start = Instant::now();
    let ctx = egui::Context::default();
    let mut app = App::with_settings(
        &ctx,
        Startup::Load(Source::Paths(paths)),
        Themes::builtin(),
        Vec::new(),
        Settings::default(),
    );
    let size = egui::vec2(1400.0, 860.0);
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
    let mut frames = 0usize;
    let mut longest = Duration::ZERO;
    let mut last = Duration::ZERO;
    // At 60 frames a second, as the window asks for repaints while loading. The frame
    // that takes the finished corpus in is counted apart: it builds the view.
    while app.is_loading() {
        let t = frame(&mut app);
        if app.is_loading() {
            longest = longest.max(t);
        } else {
            last = t;
        }
        frames += 1;
        std::thread::sleep(Duration::from_millis(16));
    }
    let loaded = start.elapsed();
    let first = frame(&mut app);
    let ready = start.elapsed();
    println!(
        "load: {} documents, {} items, {} errors; timeline ready {:.2} s after start \
         (loaded {:.2} s, the frame taking the corpus in {:.0} ms, the next {:.0} ms); \
         {frames} frames while loading, longest {:.0} ms",
        app.corpus().documents.len(),
        app.corpus().items.len(),
        app.corpus().errors.len(),
        ready.as_secs_f64(),
        loaded.as_secs_f64(),
        last.as_secs_f64() * 1e3,
        first.as_secs_f64() * 1e3,
        longest.as_secs_f64() * 1e3,
    );
}
