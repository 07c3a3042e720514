//! The explorer's one state struct and the frame.
//!
//! Panels only read the state and push [`Command`]s; the commands are applied after
//! the frame. That keeps every change (a click, a key, a finished load) going through
//! one place, so the view is recomputed exactly when the corpus or the filter changes
//! and never half-way through drawing.

use super::charts::{ChartInput, ChartsState, ExportEvent, ExportJob, chart_ui};
use super::detail::{DetailState, detail_ui};
use super::filters::{FilterCounts, filters_ui};
use super::i18n::{Lang, T};
use super::loader::{Derived, Loader};
use super::prompt::{DialogAnswer, Prompt, default_folder, prompt_ui};
use super::state::Settings;
use super::status::{Note, StatusInput, errors_window, status_ui};
use super::table::{TableInput, TableState, table_ui};
use super::timeline::{Lanes, Pending, TimelineInput, TimelineState, timeline_ui};
use super::{Command, ExportWhat, Tab};
use crate::corpus::LoadError;
use crate::extract::Themes;
use crate::model::curation::{self, Applied, Curation, Edit, History};
use crate::model::targets::Tracker;
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
    /// The corpus shown: `base` with the curation applied.
    corpus: Arc<Corpus>,
    /// The corpus as extracted: every change of the curation is applied to it again,
    /// so an undo is one more application, not a reload.
    base: Arc<Corpus>,
    curation: Curation,
    history: History,
    applied: Applied,
    /// Where the curation is written after every change; None: kept in memory only
    /// (a corpus built in memory, or no data folder).
    curation_path: Option<PathBuf>,
    /// Why the curation file could not be read: the corpus is shown read-only and the
    /// file is never written.
    curation_broken: Option<String>,
    /// The app's data folder, for curation files of the seeds and read-only folders;
    /// None where nothing may be written there (tests, benchmarks).
    curation_data: Option<PathBuf>,
    /// A curation file that overrides where the corpus's would be (tests).
    curation_file: Option<PathBuf>,
    show_stale: bool,
    /// The id of the item selected before the current one (offered to merge with).
    previous: Option<String>,
    source: Source,
    view: View,
    /// `view` without the rejected items "show rejected" brings back: what charts
    /// and exports draw. None when there are none among the items.
    kept: Option<View>,
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
    /// The in-app file prompt, when one is open.
    prompt: Option<Prompt>,
    /// The status line's message: where an export went, or why not.
    note: Option<Note>,
    /// Whether to try the system's file dialog before the in-app prompt.
    system_dialogs: bool,
    /// Every target's tracking; built when first needed for a corpus.
    tracker: Option<Arc<Tracker>>,
    pub table: TableState,
    /// The name typed in the View menu for the next saved view.
    view_name: String,
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
        let mut app = Self::build(
            &cc.egui_ctx,
            startup,
            themes,
            notices,
            saved.settings,
            curation::data_dir(),
        );
        app.state_path = state_path;
        app
    }

    /// The app on a bare egui context (benchmarks, tests). A curation file is read and
    /// written only in the folder opened (or where [`App::set_curation_file`] says),
    /// never in the app's data folder.
    pub fn with_settings(
        ctx: &egui::Context,
        startup: Startup,
        themes: Themes,
        notices: Vec<LoadError>,
        settings: Settings,
    ) -> Self {
        Self::build(ctx, startup, themes, notices, settings, None)
    }

    fn build(
        ctx: &egui::Context,
        startup: Startup,
        themes: Themes,
        notices: Vec<LoadError>,
        settings: Settings,
        curation_data: Option<PathBuf>,
    ) -> Self {
        super::fonts::install(ctx);
        let empty = Arc::new(Corpus::empty(themes.clone()));
        let mut app = Self {
            settings,
            corpus: Arc::clone(&empty),
            base: empty,
            curation: Curation::default(),
            history: History::default(),
            applied: Applied::default(),
            curation_path: None,
            curation_broken: None,
            curation_data,
            curation_file: None,
            show_stale: false,
            previous: None,
            themes,
            source: Source::Seeds,
            view: View::default(),
            kept: None,
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
            prompt: None,
            note: None,
            system_dialogs: true,
            tracker: None,
            table: TableState::default(),
            view_name: String::new(),
            ctx: ctx.clone(),
        };
        // The empty corpus shown while the first load runs still gets its lanes and a
        // sensible range (this year), not egui_plot's default around 1970.
        app.recompute_view();
        app.timeline.pending = Some(Pending::Fit);
        match startup {
            Startup::Load(source) => app.open(source, ctx),
            Startup::Corpus(corpus) => {
                app.set_corpus(corpus, Source::Paths(Vec::new()), None, None)
            }
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

    /// The items shown less rejected ones shown to be restored: what charts and
    /// exports draw (a rejected figure is never charted or exported).
    pub fn kept_view(&self) -> &View {
        self.kept.as_ref().unwrap_or(&self.view)
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

    /// The in-app file prompt, when one is open.
    pub fn prompt(&self) -> Option<&Prompt> {
        self.prompt.as_ref()
    }

    /// The status line's message.
    pub fn note(&self) -> Option<&Note> {
        self.note.as_ref()
    }

    /// Off: Export and Open go straight to the in-app prompt (tests; machines known
    /// to have no dialog).
    pub fn set_system_dialogs(&mut self, on: bool) {
        self.system_dialogs = on;
    }

    /// Every target's tracking for the corpus shown (built on first use).
    pub fn tracker(&mut self) -> Arc<Tracker> {
        Arc::clone(
            self.tracker
                .get_or_insert_with(|| Arc::new(Tracker::new(&self.corpus))),
        )
    }

    fn export_job(&self) -> ExportJob {
        ExportJob {
            corpus: Arc::clone(&self.corpus),
            filter: self.settings.filter.clone(),
            view: self.kept_view().clone(),
            tab: self.settings.tab,
            range: self.timeline.last.as_ref().map(|l| l.x_range),
            subjects: self.charts.chosen.clone(),
            eras: !self.settings.hide_eras,
            lang: self.settings.lang,
        }
    }

    /// Where an export is proposed to go: the last export's folder (else Downloads
    /// or home) and a name that says what it holds.
    pub fn default_export_path(&self, what: ExportWhat) -> PathBuf {
        default_folder(self.settings.export_dir.as_deref()).join(what.default_name(
            self.settings.tab,
            &self.corpus,
            &self.settings.filter,
            &self.view,
        ))
    }

    fn export_event(&mut self, event: ExportEvent) {
        let lang = self.settings.lang;
        match event {
            ExportEvent::Written(Ok(path)) => {
                self.note = Some(Note::Info(format!(
                    "{} {}",
                    T::Exported.get(lang),
                    path.display()
                )));
                self.settings.export_dir = path.parent().map(std::path::Path::to_path_buf);
            }
            ExportEvent::Written(Err(e)) => {
                self.note = Some(Note::Error(format!("{}: {e}", T::ExportFailed.get(lang))));
            }
            ExportEvent::Cancelled => {
                self.note = Some(Note::Info(T::ExportCancelled.get(lang).to_owned()));
            }
            ExportEvent::NoDialog(what) => {
                let path = self.default_export_path(what);
                self.prompt = Some(Prompt::export(what, path, true));
            }
        }
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
        let options = super::loader::Options {
            merge: !self.settings.no_merge,
            walk: crate::corpus::find::Walk {
                follow: self.settings.follow,
            },
            filter: self.settings.filter.clone(),
        };
        self.loader
            .start(source, self.themes.clone(), options, ctx.clone());
        ctx.request_repaint();
    }

    /// Shows a corpus built elsewhere, handed over in the background as a finished
    /// load is (benchmarks time that frame).
    pub fn open_built(&mut self, corpus: Arc<Corpus>) {
        self.loader.start_built(
            corpus,
            Source::Paths(Vec::new()),
            self.settings.filter.clone(),
            self.ctx.clone(),
        );
    }

    /// `derived`: the view built with the corpus, used when the filter is still the
    /// one it was built for.
    /// `tracker`: the targets' tracking, when it was made with the corpus.
    fn set_corpus(
        &mut self,
        corpus: Arc<Corpus>,
        source: Source,
        derived: Option<Derived>,
        tracker: Option<Arc<Tracker>>,
    ) {
        self.settings.last_paths = match &source {
            Source::Seeds => Vec::new(),
            Source::Paths(p) => p.clone(),
        };
        // The corpus as extracted until now is freed with the corpus shown, off this
        // thread (see `show_curated_with`).
        self.base = corpus;
        self.source = source;
        self.load_curation();
        // With no curation to apply, the corpus shown is the base: the view and the
        // tracking made with it on the loader's thread are used as they are.
        self.show_curated_with(false, derived, tracker);
        self.timeline.pending = Some(Pending::Fit);
    }

    /// The curation: the one this app is told to use, else the opened corpus's.
    pub fn curation(&self) -> &Curation {
        &self.curation
    }

    /// Where the curation is written (None: kept in memory only).
    pub fn curation_path(&self) -> Option<&std::path::Path> {
        self.curation_path.as_deref()
    }

    /// What applying the curation came to: rejected items, stale and invalid edits.
    pub fn applied(&self) -> &Applied {
        &self.applied
    }

    /// Why the curation file could not be read (the corpus is then read-only).
    pub fn curation_broken(&self) -> Option<&str> {
        self.curation_broken.as_deref()
    }

    /// The corpus as extracted, before the curation.
    pub fn base_corpus(&self) -> &Arc<Corpus> {
        &self.base
    }

    /// Uses this curation file, whatever corpus is opened (None: the corpus's own);
    /// it is read now and applied.
    pub fn set_curation_file(&mut self, path: Option<PathBuf>) {
        self.curation_file = path;
        self.load_curation();
        self.show_curated();
    }

    /// [`App::show_curated_after`] a new corpus or filter: the selection follows its
    /// item only.
    fn show_curated(&mut self) {
        self.show_curated_after(false);
    }

    /// Reads the corpus's curation file; a broken one makes the corpus read-only.
    fn load_curation(&mut self) {
        self.history = History::default();
        self.curation = Curation::default();
        self.curation_broken = None;
        self.curation_path = self.curation_file.clone().or_else(|| match &self.source {
            Source::Paths(p) if p.is_empty() => None,
            source => curation::location_in(source, self.curation_data.as_deref()),
        });
        if let Some(path) = &self.curation_path {
            match Curation::read(path) {
                Ok(Some(c)) => self.curation = c,
                Ok(None) => {}
                Err(e) => self.curation_broken = Some(e.to_string()),
            }
        }
    }

    /// The corpus shown made again from the base and the curation; the selection
    /// follows its item, or, after a change of the curation that took it away
    /// (`moved`: rejected, merged away), goes to the item now at its place among
    /// those shown.
    fn show_curated_after(&mut self, moved: bool) {
        self.show_curated_with(moved, None, None);
    }

    /// [`App::show_curated_after`], with the view and the tracking of the base
    /// corpus when a load made them: they are used when the corpus shown is the base.
    fn show_curated_with(
        &mut self,
        moved: bool,
        derived: Option<Derived>,
        tracker: Option<Arc<Tracker>>,
    ) {
        let place = self
            .selected
            .filter(|_| moved)
            .and_then(|s| self.view.items.binary_search(&s).ok());
        let as_extracted = self.curation.edits.is_empty();
        let corpus = if as_extracted {
            self.applied = Applied::default();
            Arc::clone(&self.base)
        } else {
            let (corpus, applied) = self
                .base
                .curated(&self.curation, self.settings.filter.show_rejected);
            self.applied = applied;
            Arc::new(corpus)
        };
        // The corpus shown until now is let go on a thread of its own: freeing
        // thousands of documents would stall this frame as building their view did.
        let old = (
            std::mem::replace(&mut self.corpus, corpus),
            std::mem::replace(&mut self.tracker, tracker.filter(|_| as_extracted)),
        );
        std::thread::spawn(move || drop(old));
        // Ids survive a reload of the same files and an edit, so the selection can too.
        self.selected = match &self.selection {
            Selection::Item(id) => self.corpus.item_index(id),
            _ => None,
        };
        match derived.filter(|d| as_extracted && d.filter == self.settings.filter) {
            Some(d) => self.take_view(d),
            None => self.recompute_view(),
        }
        if self.selected.is_none() {
            self.selection = Selection::None;
            if let Some(p) = place.filter(|_| !self.view.items.is_empty()) {
                let next = self.view.items[p.min(self.view.items.len() - 1)];
                self.select(Some(next));
            } else {
                self.detail.selection_changed(&self.corpus, None);
            }
        } else {
            // Related items are indices into the items, which may have moved.
            self.detail.selection_changed(&self.corpus, self.selected);
        }
    }

    /// A change to the curation, as one step of undo: refused while the file is
    /// broken; written at once; then the corpus is shown again.
    fn change_curation(
        &mut self,
        change: impl FnOnce(&mut History, &mut Curation) -> Result<(), String>,
    ) -> bool {
        let lang = self.settings.lang;
        if let Some(e) = &self.curation_broken {
            self.note = Some(Note::Error(format!(
                "{}: {e}",
                super::i18n::tr(lang, "只读", "read-only")
            )));
            return false;
        }
        let before = self.curation.edits.clone();
        if let Err(e) = change(&mut self.history, &mut self.curation) {
            self.note = Some(Note::Error(e));
            return false;
        }
        if self.curation.edits == before {
            return false;
        }
        if let Some(path) = &self.curation_path {
            self.note = Some(match self.curation.write(path) {
                Ok(()) => Note::Info(format!(
                    "{} {}",
                    super::i18n::tr(lang, "校订已保存到", "Curation saved to"),
                    path.display()
                )),
                Err(e) => Note::Error(e.to_string()),
            });
        }
        self.show_curated_after(true);
        true
    }

    /// Selects the item with this key, if it is shown.
    fn select_key(&mut self, key: &str) {
        if let Some(i) = self.corpus.items.iter().position(|it| it.key == key) {
            self.select_and_reveal(Some(i));
        }
    }

    /// A new filter: the view is rebuilt, and the timeline refits when the years
    /// changed (the year filter is a zoom as much as a filter) or when nothing of the
    /// new view would be on screen (e.g. a search restored at start-up matched
    /// nothing, the view was fitted to no data, and the search was then cleared).
    fn set_filter(&mut self, f: crate::model::Filter) {
        if f == self.settings.filter {
            return;
        }
        let years_changed = (f.from_year, f.to_year)
            != (self.settings.filter.from_year, self.settings.filter.to_year);
        let was_empty = self.lanes.range.is_none();
        let rejected_changed = f.show_rejected != self.settings.filter.show_rejected;
        self.settings.filter = f;
        if rejected_changed {
            // Rejected items are put back among the items (or taken out again).
            self.show_curated();
        } else {
            self.recompute_view();
        }
        let on_screen = match (self.lanes.range, self.timeline.last.as_ref()) {
            (Some((a, b)), Some(l)) => b >= l.x_range.0 && a <= l.x_range.1,
            _ => true,
        };
        if years_changed {
            let filter = &self.settings.filter;
            self.timeline.pending = Some(match (filter.from_year, filter.to_year) {
                (None, None) => Pending::Fit,
                (a, b) => {
                    let (lo, hi) = self.lanes.fit();
                    let a = a.map_or(lo, |y| super::timeline::year_range(y).0);
                    let b = b.map_or(hi, |y| super::timeline::year_range(y).1);
                    Pending::Range(a, b.max(a + 1.0))
                }
            });
        } else if was_empty || !on_screen {
            self.timeline.pending = Some(Pending::Fit);
        }
    }

    /// The one place the view is rebuilt: after the corpus or the filter changed.
    fn recompute_view(&mut self) {
        self.take_view(Derived::build(&self.corpus, &self.settings.filter));
    }

    fn take_view(&mut self, d: Derived) {
        self.view = d.view;
        self.kept = (!self.corpus.rejected.is_empty()).then(|| View {
            items: self
                .view
                .items
                .iter()
                .copied()
                .filter(|&i| !self.corpus.is_rejected(&self.corpus.items[i]))
                .collect(),
        });
        self.generation += 1;
        self.counts = d.counts;
        self.lanes = d.lanes;
    }

    fn select(&mut self, index: Option<usize>) {
        let index = index.filter(|&i| i < self.corpus.items.len());
        if index.is_some()
            && index != self.selected
            && let Selection::Item(id) = &self.selection
        {
            self.previous = Some(id.clone());
        }
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
                Command::SetFilter(f) => self.set_filter(f),
                Command::ZoomToSelection => {
                    if let Some(it) = self.selected.and_then(|i| self.corpus.items.get(i)) {
                        self.timeline.pending = Some(Pending::Range(
                            super::timeline::item_range(it).0,
                            super::timeline::item_range(it).1,
                        ));
                    }
                }
                Command::FilterToRange(a, b) => {
                    let (a, b) = (a.min(b), a.max(b));
                    let year = |d: f64| chrono::Datelike::year(&crate::time::date_from_days(d));
                    let mut f = self.settings.filter.clone();
                    f.from_year = Some(year(a));
                    f.to_year = Some(year(b));
                    self.set_filter(f);
                    self.timeline.pending = Some(Pending::Range(a, b));
                }
                Command::SaveView(name) => {
                    let name = name.trim().to_owned();
                    if !name.is_empty() {
                        let view = super::state::NamedView {
                            name: name.clone(),
                            filter: self.settings.filter.clone(),
                            range: self.timeline.last.as_ref().map(|l| l.x_range),
                        };
                        match self.settings.views.iter_mut().find(|v| v.name == name) {
                            Some(v) => *v = view,
                            None => self.settings.views.push(view),
                        }
                    }
                }
                Command::ApplyView(i) => {
                    if let Some(v) = self.settings.views.get(i).cloned() {
                        self.set_filter(v.filter);
                        self.timeline.pending = Some(match v.range {
                            Some((a, b)) => Pending::Range(a, b),
                            None => Pending::Fit,
                        });
                    }
                }
                Command::ShowEras(on) => self.settings.hide_eras = !on,
                Command::DeleteView(i) => {
                    if i < self.settings.views.len() {
                        self.settings.views.remove(i);
                    }
                }
                Command::Open(source) => {
                    if let Source::Paths(p) = &source {
                        let names: Vec<String> =
                            p.iter().map(|p| p.display().to_string()).collect();
                        self.note = Some(Note::Info(format!(
                            "{} {}",
                            T::Opening.get(self.settings.lang),
                            names.join("; ")
                        )));
                    }
                    self.open(source, ctx)
                }
                Command::OpenDialog { folder } => {
                    let title = if folder { T::OpenFolder } else { T::OpenFiles };
                    self.loader.open_dialog(
                        folder,
                        title.get(self.settings.lang),
                        self.system_dialogs,
                        ctx.clone(),
                    );
                }
                Command::ExportTo(what, path) => {
                    let job = self.export_job();
                    self.charts.write_to(what, job, path, ctx.clone());
                }
                Command::ClosePrompt { cancelled } => {
                    if let (true, Some(p)) = (cancelled, &self.prompt) {
                        let t = match p.what {
                            super::prompt::PromptFor::Export(_) => T::ExportCancelled,
                            super::prompt::PromptFor::Open => T::OpenCancelled,
                        };
                        self.note = Some(Note::Info(t.get(self.settings.lang).to_owned()));
                    }
                    self.prompt = None;
                }
                Command::SetLang(l) => self.settings.lang = l,
                Command::ShowErrors(b) => self.show_errors = b,
                Command::FitAll => self.timeline.pending = Some(Pending::Fit),
                Command::FocusSearch => self.focus_search = true,
                Command::Quit => ctx.send_viewport_cmd(egui::ViewportCommand::Close),
                Command::Curate(edit) => {
                    self.change_curation(|h, c| h.apply(c, *edit));
                }
                Command::Restore(key) => {
                    self.change_curation(|h, c| {
                        h.change(c, |c| c.restore(&key));
                        Ok(())
                    });
                }
                Command::Undo => {
                    self.change_curation(|h, c| {
                        h.unapply(c);
                        Ok(())
                    });
                }
                Command::Redo => {
                    self.change_curation(|h, c| {
                        h.reapply(c);
                        Ok(())
                    });
                }
                Command::AddFromSelection { doc, span, kind } => {
                    let Some(d) = self.base.document(&doc) else {
                        continue;
                    };
                    let sel = crate::extract::from_selection(d, span, &self.base.themes);
                    match curation::NewItem::from_selection(&sel, kind, &doc) {
                        Ok(item) => {
                            let key = item.key.clone();
                            if self.change_curation(|h, c| h.apply(c, Edit::Add { item })) {
                                self.select_key(&key);
                            }
                        }
                        Err(e) => self.note = Some(Note::Error(e)),
                    }
                }
                Command::Reattach { index, from } => {
                    let Some(to) = self.selected.map(|i| self.corpus.items[i].key.clone()) else {
                        continue;
                    };
                    self.change_curation(|h, c| {
                        h.change(c, |c| c.reattach(index, &from, &to));
                        Ok(())
                    });
                }
                Command::DropEdit(index) => {
                    self.change_curation(|h, c| {
                        h.change(c, |c| {
                            c.drop_edit(index);
                        });
                        Ok(())
                    });
                }
                Command::ShowStale(on) => self.show_stale = on,
                Command::SetTab(t) => self.settings.tab = t,
                Command::Export(what) => {
                    let job = self.export_job();
                    let default = self.default_export_path(what);
                    self.charts
                        .start_export(what, job, default, self.system_dialogs, ctx.clone());
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
            // Undo and redo of the curation (a text field keeps them for its text).
            if i.consume_shortcut(&KeyboardShortcut::new(
                Modifiers::COMMAND | Modifiers::SHIFT,
                Key::Z,
            )) {
                self.commands.push(Command::Redo);
            }
            if i.consume_shortcut(&KeyboardShortcut::new(Modifiers::COMMAND, Key::Z)) {
                self.commands.push(Command::Undo);
            }
            if i.consume_key(Modifiers::NONE, Key::Delete)
                && let Some(it) = self.selected.and_then(|s| self.corpus.items.get(s))
                && !self.corpus.is_rejected(it)
            {
                self.commands.push(Command::curate(Edit::Reject {
                    key: it.key.clone(),
                }));
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
            if i.consume_key(Modifiers::NONE, Key::F) {
                self.commands.push(Command::ZoomToSelection);
            }
        });
    }

    fn poll(&mut self, ctx: &egui::Context) {
        if let Some(done) = self.loader.poll() {
            self.set_corpus(
                done.corpus,
                done.source,
                Some(done.derived),
                Some(done.tracker),
            );
        }
        if let Some(event) = self.charts.poll_export() {
            self.export_event(event);
        }
        match self.loader.poll_dialog() {
            Some(DialogAnswer::Picked(paths)) => {
                self.commands.push(Command::Open(Source::Paths(paths)));
            }
            Some(DialogAnswer::Cancelled) => {
                self.note = Some(Note::Info(
                    T::OpenCancelled.get(self.settings.lang).to_owned(),
                ));
            }
            Some(DialogAnswer::Unavailable) => {
                let start = self
                    .settings
                    .last_paths
                    .iter()
                    .map(|p| p.display().to_string())
                    .collect::<Vec<_>>()
                    .join("; ");
                self.prompt = Some(Prompt::open(start, true));
            }
            None => {}
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
        if super::curate::banner_needed(self.curation_broken.as_deref(), &self.applied) {
            egui::Panel::top("curation").show(ui, |ui| {
                super::curate::banner_ui(
                    ui,
                    self.curation_broken.as_deref(),
                    &self.applied,
                    lang,
                    &mut self.commands,
                )
            });
        }
        let status = StatusInput {
            corpus: &self.corpus,
            view: &self.view,
            errors: self.corpus.errors.len() + self.notices.len(),
            progress: self.loader.progress(),
            show_errors: self.show_errors,
            exporting: self.charts.is_exporting(),
            note: self.note.as_ref(),
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
        let tracker = self.tracker();
        egui::Panel::right("detail")
            .resizable(true)
            .default_size(380.0)
            .min_size(260.0)
            .show(ui, |ui| {
                detail_ui(
                    ui,
                    &self.corpus,
                    &self.view,
                    &tracker,
                    self.selected,
                    lang,
                    &mut self.detail,
                    &super::detail::DetailCuration {
                        read_only: self.curation_broken.is_some(),
                        previous: self
                            .previous
                            .as_deref()
                            .and_then(|id| self.corpus.item_index(id)),
                    },
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
                        eras: !self.settings.hide_eras,
                        lang,
                    };
                    timeline_ui(ui, &input, &mut self.timeline, &mut self.commands);
                }
                Tab::Table => {
                    let input = TableInput {
                        corpus: &self.corpus,
                        view: &self.view,
                        tracker: &tracker,
                        generation: self.generation,
                        selected: self.selected,
                        read_only: self.curation_broken.is_some(),
                        lang,
                    };
                    let mut copied = None;
                    table_ui(ui, &input, &mut self.table, &mut self.commands, &mut copied);
                    if let Some(n) = copied {
                        self.note = Some(Note::Info(format!("{n} {}", T::CopiedRows.get(lang))));
                    }
                }
                tab => {
                    let input = ChartInput {
                        corpus: &self.corpus,
                        filter: &self.settings.filter,
                        view: self.kept.as_ref().unwrap_or(&self.view),
                        generation: self.generation,
                        lang,
                    };
                    chart_ui(ui, tab, &input, &mut self.charts, &mut self.commands);
                }
            }
        });
        if let Some(p) = &mut self.prompt {
            prompt_ui(&ctx, p, lang, &mut self.commands);
        }
        if self.show_errors {
            let errors: Vec<&LoadError> = self.corpus.errors.iter().chain(&self.notices).collect();
            errors_window(&ctx, &errors, lang, &mut self.commands);
        }
        if self.show_stale {
            let selected = self.selected.and_then(|i| self.corpus.items.get(i));
            super::curate::stale_window(
                &ctx,
                &self.applied,
                selected,
                self.curation_broken.is_some(),
                lang,
                &mut self.commands,
            );
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
            self.edit_menu(ui);
            ui.menu_button(T::View.get(lang), |ui| {
                if ui.button(T::FitAll.get(lang)).clicked() {
                    self.commands.push(Command::FitAll);
                }
                if ui
                    .add_enabled(
                        self.selected.is_some(),
                        egui::Button::new(T::ZoomToSelection.get(lang)),
                    )
                    .clicked()
                {
                    self.commands.push(Command::ZoomToSelection);
                }
                ui.separator();
                let mut eras = !self.settings.hide_eras;
                if ui.checkbox(&mut eras, T::Eras.get(lang)).changed() {
                    self.commands.push(Command::ShowEras(eras));
                }
                ui.separator();
                views_menu(
                    ui,
                    &self.settings.views,
                    &mut self.view_name,
                    lang,
                    &mut self.commands,
                );
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

impl App {
    /// Undo and redo of the curation, its filters, and where its file is.
    fn edit_menu(&mut self, ui: &mut egui::Ui) {
        use super::i18n::tr;
        let lang = self.settings.lang;
        ui.menu_button(tr(lang, "编辑", "Edit"), |ui| {
            let writable = self.curation_broken.is_none();
            if ui
                .add_enabled(
                    writable && self.history.can_undo(),
                    egui::Button::new(tr(lang, "撤销", "Undo")).shortcut_text("Ctrl+Z"),
                )
                .clicked()
            {
                self.commands.push(Command::Undo);
            }
            if ui
                .add_enabled(
                    writable && self.history.can_redo(),
                    egui::Button::new(tr(lang, "重做", "Redo")).shortcut_text("Ctrl+Shift+Z"),
                )
                .clicked()
            {
                self.commands.push(Command::Redo);
            }
            ui.separator();
            if ui
                .add_enabled(
                    writable
                        && self
                            .selected
                            .and_then(|i| self.corpus.items.get(i))
                            .is_some_and(|it| !self.corpus.is_rejected(it)),
                    egui::Button::new(tr(lang, "驳回所选条目", "Reject the selected item"))
                        .shortcut_text("Del"),
                )
                .clicked()
                && let Some(it) = self.selected.and_then(|i| self.corpus.items.get(i))
            {
                self.commands.push(Command::curate(Edit::Reject {
                    key: it.key.clone(),
                }));
            }
            let mut f = self.settings.filter.clone();
            ui.checkbox(
                &mut f.show_rejected,
                tr(lang, "显示已驳回", "Show rejected"),
            );
            ui.checkbox(&mut f.only_curated, tr(lang, "仅已校订", "Curated only"));
            if f != self.settings.filter {
                self.commands.push(Command::SetFilter(f));
            }
            let stale = self.applied.stale.len();
            if ui
                .button(format!(
                    "{} ({stale})…",
                    tr(
                        lang,
                        "找不到条目的校订",
                        "Edits that no longer match an item"
                    )
                ))
                .clicked()
            {
                self.commands.push(Command::ShowStale(true));
            }
            ui.separator();
            let file = match &self.curation_path {
                Some(p) => p.display().to_string(),
                None => tr(
                    lang,
                    "（未保存：仅在内存中）",
                    "(not saved: in memory only)",
                )
                .into(),
            };
            ui.label(
                egui::RichText::new(format!(
                    "{} {file}",
                    tr(lang, "校订文件：", "Curation file:")
                ))
                .small()
                .weak(),
            );
        });
    }
}

/// Saved views (click to restore, × to delete) and a name field to save this one.
fn views_menu(
    ui: &mut egui::Ui,
    views: &[super::state::NamedView],
    name: &mut String,
    lang: Lang,
    commands: &mut Vec<Command>,
) {
    ui.label(egui::RichText::new(T::SavedViews.get(lang)).weak());
    for (i, v) in views.iter().enumerate() {
        ui.horizontal(|ui| {
            if ui.button(&v.name).clicked() {
                commands.push(Command::ApplyView(i));
            }
            if ui
                .small_button("×")
                .on_hover_text(T::Delete.get(lang))
                .clicked()
            {
                commands.push(Command::DeleteView(i));
            }
        });
    }
    ui.horizontal(|ui| {
        let l = ui.label(T::ViewName.get(lang));
        let r = ui
            .add(egui::TextEdit::singleline(name).desired_width(120.0))
            .labelled_by(l.id);
        let enter = r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        if (ui.button(T::SaveView.get(lang)).clicked() || enter) && !name.trim().is_empty() {
            commands.push(Command::SaveView(std::mem::take(name)));
        }
    });
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
