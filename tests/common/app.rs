//! The explorer under egui_kittest: one window of a fixed size, and waiting for the
//! work it does on other threads (loads, exports), shared by the UI tests.

use biotimeline::extract::Themes;
use biotimeline::ui::{App, Settings, Startup};
use egui_kittest::Harness;
use std::time::{Duration, Instant};

/// A window of the default settings and built-in themes, `height` pixels tall (the
/// tests that reach far down the detail panel need a taller one).
pub fn harness(startup: Startup, height: f32) -> Harness<'static, App> {
    Harness::builder()
        .with_size(egui::vec2(1400.0, height))
        .with_max_steps(64)
        .with_step_dt(1.0 / 60.0)
        .build_eframe(move |cc| {
            App::with_settings(
                &cc.egui_ctx,
                startup,
                Themes::builtin(),
                Vec::new(),
                Settings::default(),
            )
        })
}

/// Steps until `done` holds, for at most a minute.
pub fn wait(h: &mut Harness<'static, App>, done: impl Fn(&App) -> bool) {
    let start = Instant::now();
    while !done(h.state()) {
        assert!(start.elapsed() < Duration::from_secs(60), "timed out");
        std::thread::sleep(Duration::from_millis(10));
        h.step();
    }
    h.run_steps(2);
}

/// Steps until the background load has finished.
pub fn settle(h: &mut Harness<'static, App>) {
    wait(h, |app| !app.is_loading());
    h.run_steps(1);
}
