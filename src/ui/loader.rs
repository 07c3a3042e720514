//! Loading off the UI thread: reading files, extraction and the file dialog.
//!
//! A corpus of thousands of articles takes seconds to read and extract; doing that in
//! a frame would freeze the window. Each load runs on its own thread, reports progress
//! through atomics the status line reads every frame, and hands back a finished
//! `Arc<Corpus>`. A newer load supersedes an older one: the older result is dropped.

use super::prompt::{DialogAnswer, classify};
use crate::corpus;
use crate::corpus::find::Walk;
use crate::extract::Themes;
use crate::model::{Corpus, Source};
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

/// A load that has finished.
pub struct Finished {
    pub corpus: Arc<Corpus>,
    pub source: Source,
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
    /// Starts loading `source`, merging facts reported by several documents when
    /// `merge`; a load already running is abandoned.
    pub fn start(&mut self, source: Source, themes: Themes, merge: bool, ctx: egui::Context) {
        let (tx, rx) = channel();
        let progress = Arc::new(Progress::default());
        let p = Arc::clone(&progress);
        std::thread::spawn(move || {
            let corpus = match &source {
                Source::Seeds => Corpus::build_with(corpus::load_seeds(), themes, merge),
                Source::Paths(paths) => {
                    Corpus::load_with(paths, Walk::default(), themes, merge, &|done, total| {
                        p.done.store(done, Ordering::Relaxed);
                        p.total.store(total, Ordering::Relaxed);
                        if done == total {
                            p.phase.store(1, Ordering::Relaxed);
                        }
                    })
                }
            };
            // The search keys are built here rather than by the first view on the UI
            // thread, which froze the window for a second and more at 30,000 articles.
            let _ = corpus.search_key(0);
            let corpus = Arc::new(corpus);
            // The receiver is gone when a newer load replaced this one: nothing to do.
            let _ = tx.send(Finished { corpus, source });
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
