//! Loading off the UI thread: reading files, extraction and the file dialog.
//!
//! A corpus of thousands of articles takes seconds to read and extract; doing that in
//! a frame would freeze the window. Each load runs on its own thread, reports progress
//! through atomics the status line reads every frame, and hands back a finished
//! `Arc<Corpus>` with what the window shows of it ([`Derived`]), so that the frame
//! that takes it in only swaps them in. A newer load supersedes an older one: the
//! older result is dropped.

use super::filters::FilterCounts;
use super::prompt::{DialogAnswer, classify};
use super::timeline::Lanes;
use crate::corpus;
use crate::corpus::find::Walk;
use crate::extract::Themes;
use crate::model::targets::Tracker;
use crate::model::{Corpus, Filter, Source, View};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, TryRecvError, channel};

/// How far a running load is.
#[derive(Debug, Default)]
pub struct Progress {
    done: AtomicUsize,
    total: AtomicUsize,
    /// 0 while files are read and extracted (one pass), 1 while the timeline is
    /// put in order.
    phase: AtomicUsize,
}

impl Progress {
    /// (files done, files to do, ordering the timeline?)
    pub fn get(&self) -> (usize, usize, bool) {
        (
            self.done.load(Ordering::Relaxed),
            self.total.load(Ordering::Relaxed),
            self.phase.load(Ordering::Relaxed) == 1,
        )
    }
}

/// What the window shows of a corpus under one filter: the view and what the filter
/// panel and the timeline draw from it. At 30,000 articles building these took the
/// better part of a second; made on the loader's thread, the frame that takes a
/// finished load in does not stall.
#[derive(Debug, Default)]
pub struct Derived {
    /// The filter they were built for: a filter changed during the load makes them
    /// stale, and the window builds them again.
    pub filter: Filter,
    pub view: View,
    pub counts: FilterCounts,
    pub lanes: Lanes,
}

impl Derived {
    pub fn build(corpus: &Corpus, filter: &Filter) -> Self {
        let view = View::new(corpus, filter);
        Self {
            counts: FilterCounts::new(corpus, &view),
            lanes: Lanes::build(corpus, &view, filter),
            filter: filter.clone(),
            view,
        }
    }
}

/// A load that has finished.
pub struct Finished {
    pub corpus: Arc<Corpus>,
    pub source: Source,
    pub derived: Derived,
    /// Every target's tracking, which the detail panel reads from the first frame
    /// on: 0.15 to 0.3 s at 100,000 items, made here for the same reason as `derived`.
    pub tracker: Arc<Tracker>,
}

impl Finished {
    fn new(corpus: Arc<Corpus>, source: Source, filter: &Filter) -> Self {
        // The search keys are built here rather than by the first view on the UI
        // thread, which froze the window for a second and more at 30,000 articles.
        let _ = corpus.search_key(0);
        Self {
            derived: Derived::build(&corpus, filter),
            tracker: Arc::new(Tracker::new(&corpus)),
            corpus,
            source,
        }
    }
}

/// How to load: whether to merge facts, how to walk folders, and the filter to build
/// the view for.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub merge: bool,
    pub walk: Walk,
    pub filter: Filter,
}

/// A load in flight.
struct Running {
    rx: Receiver<Finished>,
    progress: Arc<Progress>,
}

/// The background loader and the file-dialog thread.
#[derive(Default)]
pub struct Loader {
    running: Option<Running>,
    dialog: Option<Receiver<DialogAnswer<Vec<PathBuf>>>>,
}

impl Loader {
    /// Starts loading `source` as `options` say; a load already running is abandoned.
    pub fn start(&mut self, source: Source, themes: Themes, options: Options, ctx: egui::Context) {
        let progress = Arc::new(Progress::default());
        let p = Arc::clone(&progress);
        self.spawn(progress, ctx, move || {
            let Options {
                merge,
                walk,
                filter,
            } = options;
            let corpus = match &source {
                Source::Seeds => Corpus::build_with(corpus::load_seeds(), themes, merge),
                Source::Paths(paths) => {
                    Corpus::load_with(paths, walk, themes, merge, &|done, total| {
                        p.done.store(done, Ordering::Relaxed);
                        p.total.store(total, Ordering::Relaxed);
                        if done == total {
                            p.phase.store(1, Ordering::Relaxed);
                        }
                    })
                }
            };
            Finished::new(Arc::new(corpus), source, &filter)
        });
    }

    /// Hands over a corpus built elsewhere as a finished load is handed over, its
    /// view built off the UI thread (benchmarks measure that frame).
    pub fn start_built(
        &mut self,
        corpus: Arc<Corpus>,
        source: Source,
        filter: Filter,
        ctx: egui::Context,
    ) {
        self.spawn(Arc::new(Progress::default()), ctx, move || {
            Finished::new(corpus, source, &filter)
        });
    }

    fn spawn(
        &mut self,
        progress: Arc<Progress>,
        ctx: egui::Context,
        load: impl FnOnce() -> Finished + Send + 'static,
    ) {
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            // The receiver is gone when a newer load replaced this one: nothing to do.
            let _ = tx.send(load());
            ctx.request_repaint();
        });
        self.running = Some(Running { rx, progress });
    }

    pub fn is_loading(&self) -> bool {
        self.running.is_some()
    }

    pub fn progress(&self) -> Option<&Progress> {
        self.running.as_ref().map(|r| r.progress.as_ref())
    }

    /// The finished load, once.
    pub fn poll(&mut self) -> Option<Finished> {
        let running = self.running.as_ref()?;
        match running.rx.try_recv() {
            Ok(done) => {
                self.running = None;
                Some(done)
            }
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => {
                // The thread died without a result (a panic in a dependency): stop
                // showing progress rather than spin forever.
                self.running = None;
                None
            }
        }
    }

    /// Opens the native file dialog on its own thread: on some platforms it blocks
    /// until closed, and the window must keep painting meanwhile.
    /// Without `system_dialog` the answer is [`DialogAnswer::Unavailable`] at once.
    pub fn open_dialog(
        &mut self,
        folder: bool,
        title: &str,
        system_dialog: bool,
        ctx: egui::Context,
    ) {
        if self.dialog.is_some() {
            return;
        }
        let (tx, rx) = channel();
        if !system_dialog {
            let _ = tx.send(DialogAnswer::Unavailable);
            self.dialog = Some(rx);
            ctx.request_repaint();
            return;
        }
        let title = title.to_owned();
        std::thread::spawn(move || {
            let dialog = rfd::FileDialog::new().set_title(title);
            let started = std::time::Instant::now();
            let picked = if folder {
                dialog.pick_folder().map(|p| vec![p])
            } else {
                dialog
                    .add_filter("text", &["txt", "html", "htm", "md", "markdown"])
                    .pick_files()
            };
            let _ = tx.send(classify(picked.filter(|p| !p.is_empty()), started));
            ctx.request_repaint();
        });
        self.dialog = Some(rx);
    }

    /// What the dialog gave, once it closed.
    pub fn poll_dialog(&mut self) -> Option<DialogAnswer<Vec<PathBuf>>> {
        let rx = self.dialog.as_ref()?;
        match rx.try_recv() {
            Ok(answer) => {
                self.dialog = None;
                Some(answer)
            }
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => {
                self.dialog = None;
                Some(DialogAnswer::Unavailable)
            }
        }
    }
}
