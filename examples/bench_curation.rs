//! Measures what one change of a curation costs the explorer, which applies the whole
//! curation to the extracted corpus again after every change (so undo is one more
//! application): `cargo run --release --example bench_curation -- DIR [--runs K]`.
//!
//! Loads DIR, then builds a curation of E edits (a reject and a title edit for every
//! 50th item) and prints the median of K runs (default 5) of `Corpus::curated` (copy
//! of the corpus, edits applied, items re-sorted) and of the view built after it.

use anyhow::{Result, bail};
use biotimeline::extract::Themes;
use biotimeline::model::curation::{Curation, Edit, Fields};
use biotimeline::model::{Corpus, Filter, View};
use std::path::PathBuf;
use std::time::{Duration, Instant};

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn median(mut v: Vec<Duration>) -> f64 {
    v.sort();
    v[v.len() / 2].as_secs_f64() * 1e3
}

fn main() -> Result<()> {
    let mut paths = Vec::new();
    let mut runs = 5usize;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--runs" => runs = args.next().unwrap_or_default().parse()?,
            s if s.starts_with("--") => bail!("usage: bench_curation DIR... [--runs K]"),
            _ => paths.push(PathBuf::from(a)),
        }
    }
    if paths.is_empty() {
        bail!("usage: bench_curation DIR... [--runs K]");
    }
    let corpus = Corpus::load(&paths, Themes::builtin(), &|_, _| {});
    let mut c = Curation::default();
    for (i, it) in corpus.items.iter().enumerate().step_by(50) {
        let edit = if i % 100 == 0 {
            Edit::Reject {
                key: it.key.clone(),
            }
        } else {
            Edit::Edit {
                key: it.key.clone(),
                fields: Fields {
                    title: Some(format!("{} (checked)", it.title)),
                    ..Fields::default()
                },
            }
        };
        c.record(edit).map_err(anyhow::Error::msg)?;
    }
    let (mut apply, mut view) = (Vec::new(), Vec::new());
    let mut shown = 0;
    for _ in 0..runs.max(1) {
        let t = Instant::now();
        let (curated, _) = corpus.curated(&c, false);
        apply.push(t.elapsed());
        let t = Instant::now();
        shown = View::new(&curated, &Filter::default()).items.len();
        view.push(t.elapsed());
    }
    println!(
        "curation: {} docs, {} items, {} edits; apply p50 {:.1} ms, view p50 {:.1} ms ({} shown)",
        corpus.documents.len(),
        corpus.items.len(),
        c.edits.len(),
        median(apply),
        median(view),
        shown
    );
    Ok(())
}
