//! The explorer's one state struct and the frame.
//!
//! Panels only read the state and push [`Command`]s; the commands are applied after
//! the frame. That keeps every change (a click, a key, a finished load) going through
//! one place, so the view is recomputed exactly when the corpus or the filter changes
//! and never half-way through drawing.

use super::charts::{ChartInput, ChartsState, ExportJob, chart_ui};
use super::detail::{DetailState, detail_ui};
use super::filters::{FilterCounts, filters_ui};
use super::i18n::{Lang, T};
use super::loader::Loader;
use super::state::Settings;
use super::status::{StatusInput, errors_window, status_ui};
use super::timeline::{Lanes, Pending, TimelineInput, TimelineState, timeline_ui};
use super::{Command, ExportWhat, Tab};
use crate::corpus::LoadError;
use crate::extract::Themes;
use crate::model::{Corpus, Selection, Source, View};
use std::path::PathBuf;
use std::sync::Arc;

/// What the window starts on.
pub enum Startup {
    /// Load these in the background (the seeds, or paths).
    Load(Source),
    /// A corpus built already (tests, benchmarks).
    Corpus(Arc<Corpus>),
}

/// The explorer.
pub struct App {
    pub settings: Settings,
    themes: Themes,
    corpus: Arc<Corpus>,
    source: Source,
    view: View,
    counts: FilterCounts,
    lanes: Lanes,
    selection: Selection,
    /// `selection` resolved to an index into `corpus.items`.
    selected: Option<usize>,
    commands: Vec<Command>,
    loader: Loader,
    pub timeline: TimelineState,
    charts: ChartsState,
    /// Bumped whenever the view is rebuilt, so cached charts know they are stale.
    generation: u64,
    detail: DetailState,
    show_errors: bool,
    focus_search: bool,
    /// Problems that are not files (a broken theme lexicon), shown with load errors.
    notices: Vec<LoadError>,
    /// Where [`eframe::App::save`] writes the state; None in tests and benchmarks.
    state_path: Option<PathBuf>,
    ctx: egui::Context,
}

impl App {
    /// The app as eframe creates it: saved state restored, fonts installed, the first
    /// load started; the state is saved to `state_path`.
    pub fn new(
        cc: &eframe::CreationContext<'_>,
        startup: Startup,
        themes: Themes,
        notices: Vec<LoadError>,
        saved: super::state::Saved,
        state_path: Option<PathBuf>,
    ) -> Self {
        if let Some(memory) = saved.egui_memory() {
            cc.egui_ctx.memory_mut(|m| *m = memory);
        }
        let mut app = Self::with_settings(&cc.egui_ctx, startup, themes, notices, saved.settings);
        app.state_path = state_path;
        app
    }

    /// The app on a bare egui context (benchmarks, tests).
    pub fn with_settings(
        ctx: &egui::Context,
        startup: Startup,
        themes: Themes,
        notices: Vec<LoadError>,
        settings: Settings,
    ) -> Self {
        super::fonts::install(ctx);
        let mut app = Self {
            settings,
            corpus: Arc::new(Corpus::empty(themes.clone())),
            themes,
            source: Source::Seeds,
            view: View::default(),
            counts: FilterCounts::default(),
            lanes: Lanes::default(),
            selection: Selection::None,
            selected: None,
            commands: Vec::new(),
            loader: Loader::default(),
            timeline: TimelineState::default(),
            charts: ChartsState::default(),
            generation: 0,
            detail: DetailState::default(),
            show_errors: false,
            focus_search: false,
            notices,
            state_path: None,
            ctx: ctx.clone(),
        };
        // The empty corpus shown while the first load runs still gets its lanes and a
        // sensible range (this year), not egui_plot's default around 1970.
        app.recompute_view();
        app.timeline.pending = Some(Pending::Fit);
        match startup {
            Startup::Load(source) => app.open(source, ctx),
            Startup::Corpus(corpus) => app.set_corpus(corpus, Source::Paths(Vec::new())),
        }
        app
    }

    /// What would be saved now: settings, window size, egui's memory.
    pub fn saved_state(&self) -> super::state::Saved {
        let window = self
            .ctx
            .input(|i| i.viewport().inner_rect)
            .map(|r| [r.width(), r.height()]);
        super::state::Saved {
            settings: self.settings.clone(),
            window,
            egui: None,
        }
        .with_egui_memory(&self.ctx)
    }

    /// Where [`eframe::App::save`] writes the state (None: nowhere).
    pub fn set_state_path(&mut self, path: Option<PathBuf>) {
        self.state_path = path;
    }

    pub fn corpus(&self) -> &Arc<Corpus> {
        &self.corpus
    }

    pub fn view(&self) -> &View {
        &self.view
    }

    pub fn source(&self) -> &Source {
        &self.source
    }

    pub fn is_loading(&self) -> bool {
        self.loader.is_loading()
    }

    /// The selected item's index into `corpus().items`.
    pub fn selected(&self) -> Option<usize> {
        self.selected
    }

    pub fn show_errors(&self) -> bool {
        self.show_errors
    }

    /// Queues a command as a panel would; it is applied at the end of the next frame.
    pub fn send(&mut self, command: Command) {
        self.commands.push(command);
    }

    /// Every error to list: files that failed, then other notices.
    pub fn errors(&self) -> impl Iterator<Item = &LoadError> {
        self.corpus.errors.iter().chain(&self.notices)
    }

    fn open(&mut self, source: Source, ctx: &egui::Context) {
        self.loader.start(
            source,
            self.themes.clone(),
            !self.settings.no_merge,
            ctx.clone(),
        );
        ctx.request_repaint();
    }

    fn set_corpus(&mut self, corpus: Arc<Corpus>, source: Source) {
        self.settings.last_paths = match &source {
            Source::Seeds => Vec::new(),
            Source::Paths(p) => p.clone(),
        };
        self.corpus = corpus;
        self.source = source;
        // Ids survive a reload of the same files, so the selection can too.
        self.selected = match &self.selection {
            Selection::Item(id) => self.corpus.item_index(id),
            _ => None,
        };
        if self.selected.is_none() {
            self.selection = Selection::None;
        }
        self.recompute_view();
        self.timeline.pending = Some(Pending::Fit);
    }

    /// The one place the view is rebuilt: after the corpus or the filter changed.
    fn recompute_view(&mut self) {
        self.view = View::new(&self.corpus, &self.settings.filter);
        self.generation += 1;
        self.counts = FilterCounts::new(&self.corpus, &self.view);
        self.lanes = Lanes::build(&self.corpus, &self.view, &self.settings.filter.hidden_kinds);
    }

    fn select(&mut self, index: Option<usize>) {
        let index = index.filter(|&i| i < self.corpus.items.len());
        self.selected = index;
        self.selection = match index {
            Some(i) => Selection::Item(self.corpus.items[i].id.clone()),
            None => Selection::None,
        };
        self.detail.selection_changed(&self.corpus, index);
    }

    /// Selects and brings into view (keyboard and list navigation).
    fn select_and_reveal(&mut self, index: Option<usize>) {
        self.select(index);
        if let Some(it) = index.and_then(|i| self.corpus.items.get(i)) {
            self.timeline.pending = Some(Pending::Reveal(it.date.midpoint_days()));
        }
    }

    fn apply(&mut self, ctx: &egui::Context) {
        for command in std::mem::take(&mut self.commands) {
            match command {
                Command::Select(i) => self.select_and_reveal(i),
                Command::Step(delta) => {
                    let shown = &self.view.items;
                    if shown.is_empty() {
                        continue;
                    }
                    // View items are ascending indices, and items are in time order,
                    // so the position in the view is the position in time.
                    let next = match self.selected.map(|s| shown.binary_search(&s)) {
                        Some(Ok(p)) => p as i64 + delta,
                        // Selected but filtered out: step from where it would be.
                        Some(Err(p)) => p as i64 + if delta > 0 { delta - 1 } else { delta },
                        None if delta > 0 => 0,
                        None => shown.len() as i64 - 1,
                    };
                    let next = next.clamp(0, shown.len() as i64 - 1) as usize;
                    self.select_and_reveal(Some(shown[next]));
                }
                Command::First => self.select_and_reveal(self.view.items.first().copied()),
                Command::Last => self.select_and_reveal(self.view.items.last().copied()),
                Command::SetFilter(f) => {
                    if f != self.settings.filter {
                        self.settings.filter = f;
                        self.recompute_view();
                    }
                }
                Command::Open(source) => self.open(source, ctx),
                Command::OpenDialog { folder } => {
                    let title = if folder { T::OpenFolder } else { T::OpenFiles };
                    self.loader
                        .open_dialog(folder, title.get(self.settings.lang), ctx.clone());
                }
                Command::SetLang(l) => self.settings.lang = l,
                Command::ShowErrors(b) => self.show_errors = b,
                Command::FitAll => self.timeline.pending = Some(Pending::Fit),
                Command::FocusSearch => self.focus_search = true,
                Command::Quit => ctx.send_viewport_cmd(egui::ViewportCommand::Close),
                Command::SetTab(t) => self.settings.tab = t,
                Command::Export(what) => {
                    let job = ExportJob {
                        corpus: Arc::clone(&self.corpus),
                        filter: self.settings.filter.clone(),
                        view: self.view.clone(),
                        tab: self.settings.tab,
                        range: self.timeline.last.as_ref().map(|l| l.x_range),
                    };
                    self.charts.start_export(what, job, ctx.clone());
                }
            }
        }
    }

    /// Keys that work wherever the focus is, except ←/→/Home/End while typing.
    fn keyboard(&mut self, ctx: &egui::Context) {
        use egui::{Key, KeyboardShortcut, Modifiers};
        // Only a text field keeps the arrows (a focused plot or button does not).
        let typing = ctx.text_edit_focused();
        ctx.input_mut(|i| {
            if i.consume_shortcut(&KeyboardShortcut::new(Modifiers::COMMAND, Key::F)) {
                self.commands.push(Command::FocusSearch);
            }
            if i.consume_shortcut(&KeyboardShortcut::new(Modifiers::COMMAND, Key::O)) {
                self.commands.push(Command::OpenDialog { folder: false });
            }
            if i.consume_shortcut(&KeyboardShortcut::new(Modifiers::COMMAND, Key::E)) {
                self.commands.push(Command::Export(ExportWhat::Chart(
                    crate::export::ImageFormat::Png,
                )));
            }
            if i.consume_key(Modifiers::NONE, Key::Escape) {
                self.commands.push(Command::Select(None));
                self.commands.push(Command::ShowErrors(false));
            }
            if typing {
                return;
            }
            if i.consume_key(Modifiers::NONE, Key::ArrowRight) {
                self.commands.push(Command::Step(1));
            }
            if i.consume_key(Modifiers::NONE, Key::ArrowLeft) {
                self.commands.push(Command::Step(-1));
            }
            if i.consume_key(Modifiers::NONE, Key::Home) {
                self.commands.push(Command::First);
            }
            if i.consume_key(Modifiers::NONE, Key::End) {
                self.commands.push(Command::Last);
            }
        });
    }

    fn poll(&mut self, ctx: &egui::Context) {
        if let Some(done) = self.loader.poll() {
            self.set_corpus(done.corpus, done.source);
        }
        self.charts.poll_export();
        if let Some(paths) = self.loader.poll_dialog() {
            self.commands.push(Command::Open(Source::Paths(paths)));
        }
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .collect()
        });
        if !dropped.is_empty() {
            self.commands.push(Command::Open(Source::Paths(dropped)));
        }
        if self.loader.is_loading() {
            // Progress comes from another thread; keep painting it.
            ctx.request_repaint_after(std::time::Duration::from_millis(50));
        }
    }

    /// One frame of the whole window.
    pub fn show(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        self.poll(&ctx);
        self.keyboard(&ctx);
        let lang = self.settings.lang;

        egui::Panel::top("menu").show(ui, |ui| self.menu_ui(ui));
        let status = StatusInput {
            corpus: &self.corpus,
            view: &self.view,
            errors: self.corpus.errors.len() + self.notices.len(),
            progress: self.loader.progress(),
            show_errors: self.show_errors,
            exporting: self.charts.is_exporting(),
            last_export: self.charts.last_export.as_ref(),
            lang,
        };
        egui::Panel::bottom("status").show(ui, |ui| status_ui(ui, &status, &mut self.commands));
        egui::Panel::left("filters")
            .resizable(true)
            .default_size(270.0)
            .min_size(200.0)
            .show(ui, |ui| {
                let focus = std::mem::take(&mut self.focus_search);
                filters_ui(
                    ui,
                    &self.corpus,
                    &self.settings.filter,
                    &self.counts,
                    lang,
                    focus,
                    &mut self.commands,
                )
            });
        egui::Panel::right("detail")
            .resizable(true)
            .default_size(380.0)
            .min_size(260.0)
            .show(ui, |ui| {
                detail_ui(
                    ui,
                    &self.corpus,
                    &self.view,
                    self.selected,
                    lang,
                    &mut self.detail,
                    &mut self.commands,
                )
            });
        egui::CentralPanel::default().show(ui, |ui| {
            ui.horizontal(|ui| {
                for tab in Tab::ALL {
                    if ui
                        .selectable_label(self.settings.tab == tab, tab.label(lang))
                        .clicked()
                    {
                        self.commands.push(Command::SetTab(tab));
                    }
                }
            });
            ui.add_space(2.0);
            match self.settings.tab {
                Tab::Timeline => {
                    let input = TimelineInput {
                        corpus: &self.corpus,
                        lanes: &self.lanes,
                        selected: self.selected,
                        loading: self.loader.is_loading(),
                        lang,
                    };
                    timeline_ui(ui, &input, &mut self.timeline, &mut self.commands);
                }
                tab => {
                    let input = ChartInput {
                        corpus: &self.corpus,
                        filter: &self.settings.filter,
                        view: &self.view,
                        generation: self.generation,
                        lang,
                    };
                    chart_ui(ui, tab, &input, &mut self.charts, &mut self.commands);
                }
            }
        });
        if self.show_errors {
            let errors: Vec<&LoadError> = self.corpus.errors.iter().chain(&self.notices).collect();
            errors_window(&ctx, &errors, lang, &mut self.commands);
        }
        if ctx.input(|i| !i.raw.hovered_files.is_empty()) {
            drop_overlay(&ctx, lang);
        }
        self.apply(&ctx);
    }

    fn menu_ui(&mut self, ui: &mut egui::Ui) {
        let lang = self.settings.lang;
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button(T::File.get(lang), |ui| {
                if ui.button(T::OpenFiles.get(lang)).clicked() {
                    self.commands.push(Command::OpenDialog { folder: false });
                }
                if ui.button(T::OpenFolder.get(lang)).clicked() {
                    self.commands.push(Command::OpenDialog { folder: true });
                }
                ui.separator();
                if ui.button(T::OpenSeeds.get(lang)).clicked() {
                    self.commands.push(Command::Open(Source::Seeds));
                }
                ui.separator();
                if ui
                    .add(egui::Button::new(T::Quit.get(lang)).shortcut_text("Ctrl+Q"))
                    .clicked()
                {
                    self.commands.push(Command::Quit);
                }
            });
            ui.menu_button(T::Export.get(lang), |ui| {
                for what in ExportWhat::ALL {
                    if ui.button(what.label(lang)).clicked() {
                        self.commands.push(Command::Export(what));
                    }
                }
            });
            ui.menu_button(T::View.get(lang), |ui| {
                if ui.button(T::FitAll.get(lang)).clicked() {
                    self.commands.push(Command::FitAll);
                }
                ui.separator();
                ui.label(egui::RichText::new(T::KeysHelp.get(lang)).small());
            });
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                for (l, name) in [(Lang::En, "English"), (Lang::Zh, "中文")] {
                    if ui.selectable_label(lang == l, name).clicked() && lang != l {
                        self.commands.push(Command::SetLang(l));
                    }
                }
                ui.label(egui::RichText::new(format!("{}:", T::Language.get(lang))).weak());
            });
        });
    }
}

fn drop_overlay(ctx: &egui::Context, lang: Lang) {
    let screen = ctx.content_rect();
    let painter = ctx.layer_painter(egui::LayerId::new(
        egui::Order::Foreground,
        egui::Id::unique("drop"),
    ));
    painter.rect_filled(screen, 0.0, egui::Color32::from_black_alpha(160));
    painter.text(
        screen.center(),
        egui::Align2::CENTER_CENTER,
        T::DropHint.get(lang),
        egui::FontId::proportional(22.0),
        egui::Color32::WHITE,
    );
}

impl eframe::App for App {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.show(ui);
    }

    /// Called by eframe now and then and at exit; eframe's own storage is left empty
    /// (see [`super::state`]).
    fn save(&mut self, _storage: &mut dyn eframe::Storage) {
        let Some(path) = &self.state_path else {
            return;
        };
        if let Err(e) = super::state::save(path, &self.saved_state()) {
            eprintln!(
                "biotimeline: cannot save settings to {}: {e}",
                path.display()
            );
        }
    }

    /// egui's memory is saved with the rest of the state, atomically.
    fn persist_egui_memory(&self) -> bool {
        false
    }
}
