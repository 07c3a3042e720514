//! Measures what `biotimeline extract DIR --format json` does, end to end:
//! `cargo run --release --example bench_extract -- DIR [--runs K] [--phases]`.
//!
//! Prints one line, `extract: N docs, B bytes, T s, X MB/s, peak RSS M MB`, where B is
//! the size of the files found under DIR (what the loader had to read), T the median
//! wall time of K runs (default 3: the first run also warms the page cache, and the
//! median keeps one slow outlier from deciding the figure) of load + extract + JSON,
//! and MB = 10^6 bytes. The JSON is serialised exactly as the CLI streams it, into a
//! writer that only counts bytes, so the terminal's speed is not measured. Peak RSS is the
//! process's high-water mark (VmHWM), the figure issue 5 bounds by 3 × B + 100 MB.
//! `--phases` adds a per-phase breakdown on stderr, for profiling.

use anyhow::{Context, Result, bail};
use biotimeline::extract::Themes;
use biotimeline::model::Corpus;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// The allocator the `biotimeline` binary uses (src/main.rs), so that this measures
/// what the command does.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

struct Options {
    paths: Vec<PathBuf>,
    runs: usize,
    phases: bool,
}

fn parse_args() -> Result<Options> {
    let usage = "usage: bench_extract DIR... [--runs K] [--phases]";
    let mut o = Options {
        paths: Vec::new(),
        runs: 3,
        phases: false,
    };
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--runs" => {
                o.runs = args
                    .next()
                    .context("--runs needs a value")?
                    .parse()
                    .context("--runs: not a number")?;
            }
            "--phases" => o.phases = true,
            "-h" | "--help" => {
                println!("{usage}");
                std::process::exit(0);
            }
            s if s.starts_with("--") => bail!("unknown option {s} ({usage})"),
            _ => o.paths.push(PathBuf::from(a)),
        }
    }
    if o.paths.is_empty() {
        bail!("no DIR given ({usage})");
    }
    o.runs = o.runs.max(1);
    Ok(o)
}

/// Bytes of the regular, non-hidden files under `path`: what the loader reads. The
/// walk does not follow symlinked folders, so a loop cannot hang the benchmark.
fn input_bytes(path: &Path) -> u64 {
    let Ok(meta) = std::fs::symlink_metadata(path) else {
        return 0;
    };
    if meta.is_file() {
        return meta.len();
    }
    if !meta.is_dir() {
        return 0;
    }
    let Ok(entries) = std::fs::read_dir(path) else {
        return 0;
    };
    entries
        .flatten()
        .filter(|e| !e.file_name().to_string_lossy().starts_with('.'))
        .map(|e| input_bytes(&e.path()))
        .sum()
}

/// A memory figure of this process from /proc/self/status (`VmHWM` = peak resident
/// set, `VmRSS` = current), in bytes, where the kernel tells it cheaply.
fn status_bytes(field: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with(field))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

fn peak_rss() -> Option<u64> {
    status_bytes("VmHWM:")
}

/// Current resident set in MB, 0 where unknown: shows which phase holds the memory.
fn rss_mb() -> f64 {
    status_bytes("VmRSS:").unwrap_or(0) as f64 / 1e6
}

struct Run {
    docs: usize,
    items: usize,
    errors: usize,
    json_bytes: usize,
    /// Reading, decoding, cleaning and extracting: one parallel pass, then the sort.
    load: Duration,
    json: Duration,
    /// Resident MB with the corpus built, and with the JSON built too.
    rss: [f64; 2],
}

impl Run {
    fn total(&self) -> Duration {
        self.load + self.json
    }
}

/// Where the JSON goes: counted, not kept, as the CLI streams it to standard output.
struct ByteCount(usize);

impl std::io::Write for ByteCount {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0 += buf.len();
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// One pass of exactly what the `extract` subcommand does, up to its output.
fn run_once(paths: &[PathBuf]) -> Result<Run> {
    let t0 = Instant::now();
    let themes = Themes::builtin();
    let corpus = Corpus::load(paths, themes, &|_, _| {});
    let t1 = Instant::now();
    let rss_loaded = rss_mb();
    let mut json = ByteCount(0);
    biotimeline::export::json::Contract::new(&corpus.documents, &corpus.items, &corpus.errors)
        .write_pretty(&mut json)?;
    let t3 = Instant::now();
    let rss_json = rss_mb();
    let run = Run {
        docs: corpus.documents.len(),
        items: corpus.items.len(),
        errors: corpus.errors.len(),
        json_bytes: std::hint::black_box(json.0),
        load: t1 - t0,
        json: t3 - t1,
        rss: [rss_loaded, rss_json],
    };
    Ok(run)
}

fn main() -> Result<()> {
    let o = parse_args()?;
    if let Some(missing) = o.paths.iter().find(|p| !p.exists()) {
        bail!("no such file or folder: {}", missing.display());
    }
    let bytes: u64 = o.paths.iter().map(|p| input_bytes(p)).sum();
    let mut runs = Vec::with_capacity(o.runs);
    for _ in 0..o.runs {
        runs.push(run_once(&o.paths)?);
    }
    runs.sort_by_key(Run::total);
    let median = &runs[runs.len() / 2];
    let secs = median.total().as_secs_f64();
    if o.phases {
        let ms = |d: Duration| d.as_secs_f64() * 1e3;
        eprintln!(
            "phases (median run): load+extract+sort {:.1} ms, json {:.1} ms; \
             {} items, {} errors, {} JSON bytes; RSS after load/json {:?} MB; runs {:?} ms",
            ms(median.load),
            ms(median.json),
            median.items,
            median.errors,
            median.json_bytes,
            median.rss.map(f64::round),
            runs.iter()
                .map(|r| ms(r.total()).round())
                .collect::<Vec<_>>()
        );
    }
    let rss = peak_rss().map_or_else(
        || "peak RSS n/a".to_owned(),
        |b| format!("peak RSS {:.0} MB", b as f64 / 1e6),
    );
    println!(
        "extract: {} docs, {} bytes, {:.3} s, {:.1} MB/s, {}",
        median.docs,
        bytes,
        secs,
        bytes as f64 / 1e6 / secs.max(1e-9),
        rss
    );
    Ok(())
}
