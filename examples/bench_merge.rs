//! Measures what copy detection and merging cost next to extraction:
//! `cargo run --release --example bench_merge -- DIR [--runs K]`.
//!
//! Prints, as medians of K runs (default 3): `load` (read, clean, extract, order, keys,
//! copies marked; no merging: what `extract --no-merge` does before writing), `load +
//! merge` (what `extract` does), and the pieces apart: `sketch` (the MinHash sketches
//! of every document, on all cores, as loading makes them), `copies` (LSH banding and
//! comparisons) and `merge` (facts joined over the loaded items), each also as a share
//! of `load`. Counts say what was found: documents, copies, items before and after.

use anyhow::{Result, bail};
use biotimeline::extract::Themes;
use biotimeline::model::{Corpus, copies, merge};
use rayon::prelude::*;
use std::path::PathBuf;
use std::time::{Duration, Instant};

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn main() -> Result<()> {
    let mut paths = Vec::new();
    let mut runs = 3usize;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--runs" => runs = args.next().unwrap_or_default().parse()?,
            s if s.starts_with("--") => bail!("usage: bench_merge DIR... [--runs K]"),
            _ => paths.push(PathBuf::from(a)),
        }
    }
    if paths.is_empty() {
        bail!("usage: bench_merge DIR... [--runs K]");
    }
    let runs = runs.max(1);
    let (mut load, mut both, mut sketch, mut copy, mut merging) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let mut counts = (0, 0, 0, 0);
    for _ in 0..runs {
        let t = Instant::now();
        let plain = Corpus::load_with(
            &paths,
            Default::default(),
            Themes::builtin(),
            false,
            &|_, _| {},
        );
        load.push(t.elapsed());
        let t = Instant::now();
        let merged = Corpus::load_with(
            &paths,
            Default::default(),
            Themes::builtin(),
            true,
            &|_, _| {},
        );
        both.push(t.elapsed());

        let loaded = biotimeline::corpus::load_paths(&paths, &|_, _| {});
        let t = Instant::now();
        let sketches: Vec<Option<copies::Sketch>> = loaded
            .documents
            .par_iter()
            .map(|d| copies::Sketch::of(&d.simplified).map(|s| s.published_on(d.published)))
            .collect();
        sketch.push(t.elapsed());
        let t = Instant::now();
        let groups = copies::groups(&sketches);
        copy.push(t.elapsed());
        let unmerged = plain.items.clone();
        let t = Instant::now();
        let items = merge::merge(&plain.documents, unmerged);
        merging.push(t.elapsed());
        counts = (
            plain.documents.len(),
            groups.iter().map(|g| g.len() - 1).sum::<usize>(),
            plain.items.len(),
            items.len().min(merged.items.len()),
        );
    }
    let base = ms(median(load.clone()));
    let share = |d: Duration| 100.0 * ms(d) / base;
    let (s, c, m) = (median(sketch), median(copy), median(merging));
    println!(
        "merge: {} docs, {} copies, {} items → {} merged; load {:.1} ms, load + merge {:.1} ms; \
         sketch {:.1} ms ({:.1}%), copies {:.1} ms ({:.1}%), merge {:.1} ms ({:.1}%)",
        counts.0,
        counts.1,
        counts.2,
        counts.3,
        base,
        ms(median(both)),
        ms(s),
        share(s),
        ms(c),
        share(c),
        ms(m),
        share(m),
    );
    Ok(())
}
