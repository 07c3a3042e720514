//! The command line: `biotimeline [PATH…]` opens the explorer; `extract`, `chart` and
//! `export` run headless. Each subcommand validates its options into a job, runs it
//! and maps the outcome to an exit code (0 done, 2 bad input or nothing readable).

use crate::corpus::{self, find::Walk};
use crate::extract::{Kind, Themes};
use crate::model::{Corpus, Filter, View, curation};
use anyhow::{Context, Result, bail};
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Debug, Parser)]
#[command(
    name = "biotimeline",
    version,
    about = "Timeline explorer for Chinese biomedicine news and policy texts"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Files or folders to open in the explorer (default: the bundled seed corpus).
    pub paths: Vec<PathBuf>,
    /// A theme lexicon to use instead of the built-in one (see assets/themes.toml).
    #[arg(long, global = true, value_name = "FILE")]
    pub themes: Option<PathBuf>,
    /// A rule lexicon to use instead of the built-in one (a full copy of
    /// assets/lexicon.toml with your changes).
    #[arg(long, global = true, value_name = "FILE")]
    pub lexicon: Option<PathBuf>,
    /// Keep one item per document and sentence: do not merge facts that several
    /// documents report (copies are still marked).
    #[arg(long)]
    pub no_merge: bool,
    /// Enter symlinked folders of the paths to open (by default they are skipped, as
    /// ripgrep does).
    #[arg(long)]
    pub follow: bool,
    /// Language of labels: the window's, and a chart's titles, legends and axes.
    #[arg(long, global = true, value_enum)]
    pub lang: Option<LangArg>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LangArg {
    Zh,
    En,
}

impl From<LangArg> for crate::lang::Lang {
    fn from(l: LangArg) -> Self {
        match l {
            LangArg::Zh => Self::Zh,
            LangArg::En => Self::En,
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print the extracted documents and items (JSON contract biotimeline/1, or CSV).
    Extract(ExtractArgs),
    /// Draw a chart to an SVG or PNG file.
    Chart(ChartArgs),
    /// Write the filtered items as CSV, JSON or TimelineJS JSON.
    Export(ExportArgs),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExtractFormat {
    Json,
    Csv,
    /// One line per document, written as each is extracted (items not merged).
    Jsonl,
}

#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// Files or folders (default: the bundled seed corpus).
    pub paths: Vec<PathBuf>,
    #[arg(long, value_enum, default_value = "json")]
    pub format: ExtractFormat,
    /// Enter symlinked folders (by default they are skipped, as ripgrep does).
    #[arg(long)]
    pub follow: bool,
    /// Keep one item per document and sentence (no merging of reposted facts).
    #[arg(long)]
    pub no_merge: bool,
    /// The curation file to apply [default: biotimeline-curation.json in the first
    /// folder given, or the explorer's one for the corpus in the app's data folder].
    #[arg(long, value_name = "FILE", conflicts_with = "no_curation")]
    pub curation: Option<PathBuf>,
    /// Apply no curation file: the extraction as the rules made it.
    #[arg(long)]
    pub no_curation: bool,
}

/// Filters shared by `chart` and `export`.
#[derive(Debug, Args, Clone, Default)]
pub struct FilterArgs {
    /// Keep only items of these themes (repeatable).
    // The id must differ from the global `--themes` (a lexicon path): clap keys
    // arguments by id, and two `themes` of different types panic at parse time.
    #[arg(long = "theme", id = "theme_ids", value_name = "ID")]
    pub themes: Vec<String>,
    /// Keep only these kinds (repeatable): event, policy, target, metric.
    #[arg(long = "kind-filter", value_name = "KIND")]
    pub kinds: Vec<String>,
    /// Keep items that reach into this year or later (a timeline chart starts here).
    #[arg(long, value_name = "YEAR")]
    pub from: Option<i32>,
    /// Keep items that start in this year or earlier (a timeline chart ends here).
    #[arg(long, value_name = "YEAR")]
    pub to: Option<i32>,
    /// Keep items whose text contains this (either script).
    #[arg(long)]
    pub search: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ChartKind {
    Timeline,
    Themes,
    Targets,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ChartFormat {
    Svg,
    Png,
}

#[derive(Debug, Args)]
pub struct ChartArgs {
    /// Which chart: the timeline by kind, items per theme per year, or targets
    /// against reported values.
    #[arg(long, value_enum)]
    pub kind: ChartKind,
    /// Image format [default: from the --out extension, else svg].
    #[arg(long, value_enum)]
    pub format: Option<ChartFormat>,
    /// The file to write (`-`: standard output); replaced only once the chart is
    /// complete. A symlink is written through; a device or FIFO is written in place.
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
    /// Image width in pixels (300–8000).
    #[arg(long, default_value_t = 1200)]
    pub width: u32,
    /// Image height in pixels (300–8000).
    #[arg(long, default_value_t = 700)]
    pub height: u32,
    #[command(flatten)]
    pub filter: FilterArgs,
    /// Enter symlinked folders (by default they are skipped, as ripgrep does).
    #[arg(long)]
    pub follow: bool,
    /// Keep one item per document and sentence (no merging of reposted facts).
    #[arg(long)]
    pub no_merge: bool,
    /// The curation file to apply [default: biotimeline-curation.json in the first
    /// folder given, or the explorer's one for the corpus in the app's data folder].
    #[arg(long, value_name = "FILE", conflicts_with = "no_curation")]
    pub curation: Option<PathBuf>,
    /// Apply no curation file: the extraction as the rules made it.
    #[arg(long)]
    pub no_curation: bool,
    /// Files or folders (default: the bundled seed corpus).
    pub paths: Vec<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Csv,
    Json,
    Timelinejs,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// csv: one row per item; json: the biotimeline/1 contract of the filtered items;
    /// timelinejs: a TimelineJS file to publish on the web.
    #[arg(long, value_enum)]
    pub format: ExportFormat,
    /// The file to write (`-`: standard output); replaced only once the export is
    /// complete. A symlink is written through; a device or FIFO is written in place.
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
    #[command(flatten)]
    pub filter: FilterArgs,
    /// Enter symlinked folders (by default they are skipped, as ripgrep does).
    #[arg(long)]
    pub follow: bool,
    /// Keep one item per document and sentence (no merging of reposted facts).
    #[arg(long)]
    pub no_merge: bool,
    /// The curation file to apply [default: biotimeline-curation.json in the first
    /// folder given, or the explorer's one for the corpus in the app's data folder].
    #[arg(long, value_name = "FILE", conflicts_with = "no_curation")]
    pub curation: Option<PathBuf>,
    /// Apply no curation file: the extraction as the rules made it.
    #[arg(long)]
    pub no_curation: bool,
    /// Files or folders (default: the bundled seed corpus).
    pub paths: Vec<PathBuf>,
}

/// Runs a headless subcommand; errors become one line on stderr and exit 2.
pub fn run(
    command: Command,
    themes: Option<PathBuf>,
    lexicon: Option<PathBuf>,
    lang: Option<LangArg>,
) -> ExitCode {
    if let Err(code) = install_lexicon(lexicon.as_deref()) {
        return code;
    }
    let lang = lang.map_or(crate::lang::Lang::Zh, Into::into);
    let result = match command {
        Command::Extract(a) => extract(a, themes),
        Command::Chart(a) => chart(a, themes, lang),
        Command::Export(a) => export(a, themes),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("biotimeline: {e:#}");
            ExitCode::from(2)
        }
    }
}

/// Installs the rule lexicon of `--lexicon FILE` for the whole process, before any
/// document is read; without a file the built-in one is used. A file that cannot be
/// read or is not valid is one line on stderr (its name and line) and exit code 2:
/// running on other rules than the ones asked for would give results that look right.
pub fn install_lexicon(path: Option<&Path>) -> Result<(), ExitCode> {
    let Some(path) = path else {
        return Ok(());
    };
    let lex = crate::lexicon::Lexicon::from_file(path).map_err(|e| {
        eprintln!("biotimeline: {e}");
        ExitCode::from(2)
    })?;
    crate::lexicon::install(lex).map_err(|_| {
        eprintln!("biotimeline: the rule lexicon was already in use");
        ExitCode::from(2)
    })
}

/// The theme lexicon: the given file, or the built-in one.
pub fn load_themes(path: Option<&PathBuf>) -> Result<Themes> {
    match path {
        Some(p) => Ok(Themes::load(p)?),
        None => Ok(Themes::builtin()),
    }
}

/// Reads and extracts the given paths, or the seeds when there are none, merging facts
/// unless `no_merge`. Fails when a path does not exist or when no document could be
/// read.
fn build(
    paths: &[PathBuf],
    follow: bool,
    themes: Option<PathBuf>,
    no_merge: bool,
    curation: Curate<'_>,
) -> Result<Corpus> {
    let themes = load_themes(themes.as_ref())?;
    if let Some(missing) = paths.iter().find(|p| !p.exists()) {
        bail!("no such file or folder: {}", missing.display());
    }
    let corpus = if paths.is_empty() {
        Corpus::build_with(corpus::load_seeds(), themes, !no_merge)
    } else {
        Corpus::load_with(paths, Walk { follow }, themes, !no_merge, &|_, _| {})
    };
    if corpus.documents.is_empty() {
        let why = corpus
            .errors
            .first()
            .map(|e| format!(" (first error: {}: {})", e.error, e.path))
            .unwrap_or_default();
        bail!("no document could be read{why}");
    }
    let mut corpus = corpus;
    curate(&mut corpus, paths, curation)?;
    Ok(corpus)
}

/// Which curation file a command applies.
#[derive(Debug, Clone, Copy)]
struct Curate<'a> {
    file: Option<&'a Path>,
    none: bool,
}

impl<'a> Curate<'a> {
    fn new(file: &'a Option<PathBuf>, none: bool) -> Self {
        Self {
            file: file.as_deref(),
            none,
        }
    }
}

/// The curation file of a command: the one given, else the corpus's own (see
/// [`curation::find`]) when there is one.
fn curation_file(paths: &[PathBuf], how: Curate<'_>) -> Option<PathBuf> {
    if how.none {
        return None;
    }
    if let Some(f) = how.file {
        return Some(f.to_path_buf());
    }
    let source = if paths.is_empty() {
        crate::model::Source::Seeds
    } else {
        crate::model::Source::Paths(paths.to_vec())
    };
    curation::find(&source)
}

/// Applies the command's curation file to the corpus. A file given that does not
/// exist, or one that cannot be read or is broken, is an error naming it (exit 2):
/// results without the analyst's corrections would look right. Edits that no longer
/// match an item are listed on stderr.
fn curate(corpus: &mut Corpus, paths: &[PathBuf], how: Curate<'_>) -> Result<()> {
    let Some(file) = curation_file(paths, how) else {
        return Ok(());
    };
    let Some(c) = curation::Curation::read(&file)? else {
        bail!("no such curation file: {}", file.display());
    };
    let applied = corpus.apply_curation(&c);
    if let Some(msg) = applied.stale_message() {
        eprintln!("biotimeline: {msg} (in {})", file.display());
        for s in &applied.stale {
            eprintln!(
                "  edit {} ({}): no item with key {}",
                s.index + 1,
                action(&s.edit),
                s.missing.join(", ")
            );
        }
    }
    for (i, e, why) in &applied.invalid {
        eprintln!(
            "biotimeline: edit {} ({}) of {} not applied: {why}",
            i + 1,
            action(e),
            file.display()
        );
    }
    Ok(())
}

/// The `action` of an edit as the file names it.
fn action(e: &curation::Edit) -> &'static str {
    match e {
        curation::Edit::Reject { .. } => "reject",
        curation::Edit::Edit { .. } => "edit",
        curation::Edit::Add { .. } => "add",
        curation::Edit::Merge { .. } => "merge",
        curation::Edit::Split { .. } => "split",
    }
}

fn extract(a: ExtractArgs, themes: Option<PathBuf>) -> Result<ExitCode> {
    if a.format == ExtractFormat::Jsonl {
        // JSONL is extraction per document, to be joined later: a curation is applied
        // to the joined whole, where its merges and keys mean something.
        if let Some(f) = &a.curation {
            bail!(
                "--curation {} does not apply to --format jsonl (apply it when the \
                 shards are read)",
                f.display()
            );
        }
        if let Some(f) = curation_file(&a.paths, Curate::new(&None, a.no_curation)) {
            eprintln!(
                "biotimeline: curation file {} not applied: --format jsonl writes the \
                 extraction as it is",
                f.display()
            );
        }
    }
    if a.format == ExtractFormat::Jsonl && !a.paths.is_empty() {
        return extract_jsonl(&a, themes);
    }
    let how = if a.format == ExtractFormat::Jsonl {
        Curate::new(&None, true)
    } else {
        Curate::new(&a.curation, a.no_curation)
    };
    let corpus = build(&a.paths, a.follow, themes, a.no_merge, how)?;
    // Written as it is made, not built whole first: the JSON of a large corpus is
    // tens of megabytes.
    let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    let written = match a.format {
        ExtractFormat::Json => {
            crate::export::json::Contract::new(&corpus.documents, &corpus.items, &corpus.errors)
                .write_pretty(&mut out)
        }
        ExtractFormat::Csv => crate::export::csv::write_to(&mut out, &corpus.items),
        ExtractFormat::Jsonl => jsonl_of_corpus(&mut out, &corpus),
    };
    let result = match written.and_then(|_| out.flush()) {
        // A closed pipe (`| head`) is the reader's choice, not an error.
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(e).context("cannot write to standard output")
        }
        _ => Ok(ExitCode::SUCCESS),
    };
    // The process ends here: freeing every document and item one by one would only
    // delay the exit (tens of milliseconds at thousands of articles), and the system
    // takes the memory back whole.
    std::mem::forget(corpus);
    result
}

/// The JSONL of a corpus already built (the seeds): each document with its items.
fn jsonl_of_corpus(out: &mut impl Write, corpus: &Corpus) -> std::io::Result<()> {
    use crate::export::jsonl;
    let mut per_doc: std::collections::HashMap<&str, Vec<crate::extract::Item>> =
        std::collections::HashMap::new();
    for it in &corpus.items {
        per_doc.entry(it.doc.as_str()).or_default().push(it.clone());
    }
    for e in &corpus.errors {
        jsonl::write_error(out, e)?;
    }
    for d in &corpus.documents {
        let items = per_doc.remove(d.id.as_str()).unwrap_or_default();
        jsonl::write_document(out, d, &items)?;
    }
    Ok(())
}

/// `extract --format jsonl` of paths: each document written as soon as it is
/// extracted, so memory does not grow with the corpus.
fn extract_jsonl(a: &ExtractArgs, themes: Option<PathBuf>) -> Result<ExitCode> {
    use crate::export::jsonl;
    let themes = load_themes(themes.as_ref())?;
    if let Some(missing) = a.paths.iter().find(|p| !p.exists()) {
        bail!("no such file or folder: {}", missing.display());
    }
    let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    let mut first_error = None;
    let streamed =
        crate::model::stream::for_each(&a.paths, Walk { follow: a.follow }, &themes, |o| match o {
            crate::model::stream::Outcome::Document(d, items) => {
                jsonl::write_document(&mut out, d, items)
            }
            crate::model::stream::Outcome::Error(e) => {
                first_error.get_or_insert_with(|| format!("{}: {}", e.error, e.path));
                jsonl::write_error(&mut out, e)
            }
        });
    match streamed.and_then(|c| out.flush().map(|()| c)) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(ExitCode::SUCCESS),
        Err(e) => Err(e).context("cannot write to standard output"),
        Ok(c) if c.documents == 0 => {
            let why = first_error
                .map(|e| format!(" (first error: {e})"))
                .unwrap_or_default();
            bail!("no document could be read{why}")
        }
        Ok(_) => Ok(ExitCode::SUCCESS),
    }
}

impl FilterArgs {
    /// The filter these options describe; unknown theme or kind names are errors.
    pub fn to_filter(&self, corpus: &Corpus) -> Result<Filter> {
        let mut f = Filter::default();
        for t in &self.themes {
            if corpus.themes.get(t).is_none() {
                let known: Vec<&str> = corpus.themes.themes.iter().map(|t| t.id.as_str()).collect();
                bail!("unknown theme '{t}' (known: {})", known.join(", "));
            }
        }
        if !self.themes.is_empty() {
            f.hidden_themes = Filter::only_themes(corpus, &self.themes);
            f.hide_unthemed = true;
        }
        if !self.kinds.is_empty() {
            let mut keep = Vec::new();
            for k in &self.kinds {
                keep.push(Kind::parse(k).with_context(|| {
                    format!("unknown kind '{k}' (known: event, policy, target, metric)")
                })?);
            }
            f.hidden_kinds = Kind::ALL
                .into_iter()
                .filter(|k| !keep.contains(k))
                .collect();
        }
        if let (Some(a), Some(b)) = (self.from, self.to)
            && a > b
        {
            bail!("--from {a} is after --to {b}");
        }
        f.from_year = self.from;
        f.to_year = self.to;
        f.search = self.search.clone().unwrap_or_default();
        Ok(f)
    }
}

fn chart(a: ChartArgs, themes: Option<PathBuf>, lang: crate::lang::Lang) -> Result<ExitCode> {
    use crate::chart as model;
    use crate::export::{self, ImageFormat, svg};
    for (name, v) in [("width", a.width), ("height", a.height)] {
        if !(svg::MIN_SIZE..=svg::MAX_SIZE).contains(&v) {
            bail!(
                "--{name} {v} is out of range ({}–{} pixels)",
                svg::MIN_SIZE,
                svg::MAX_SIZE
            );
        }
    }
    // Writing SVG text into "chart.png" because --format was left out would make a
    // file no viewer opens, so the extension decides when the option does not.
    let format = match a.format {
        Some(ChartFormat::Svg) => ImageFormat::Svg,
        Some(ChartFormat::Png) => ImageFormat::Png,
        None => match ImageFormat::from_path(&a.out) {
            Some(f) => f,
            None if a.out.extension().is_none() => ImageFormat::Svg,
            // "x.xyz" is a typo or a format we do not write: guessing would write a
            // file no viewer of .xyz opens.
            None => bail!(
                "cannot tell the format of {} from its extension; use .svg or .png, or --format",
                a.out.display()
            ),
        },
    };
    let corpus = build(
        &a.paths,
        a.follow,
        themes,
        a.no_merge,
        Curate::new(&a.curation, a.no_curation),
    )?;
    let filter = a.filter.to_filter(&corpus)?;
    let view = View::new(&corpus, &filter);
    let kind = match a.kind {
        ChartKind::Timeline => model::ChartKind::Timeline,
        ChartKind::Themes => model::ChartKind::ThemesByYear,
        ChartKind::Targets => model::ChartKind::TargetsVsActuals,
    };
    let range = year_range(&a.filter, &corpus, &view);
    let spec = model::build_with(kind, &corpus, &filter, &view, range, None, lang);
    export::save_chart(&a.out, &spec, format, a.width, a.height)?;
    Ok(ExitCode::SUCCESS)
}

/// The timeline's x range for `--from`/`--to` (in days): from 1 January of the first
/// year to the end of the last; an open side follows the data. None when neither is set.
fn year_range(f: &FilterArgs, corpus: &Corpus, view: &View) -> Option<(f64, f64)> {
    use crate::time::{PartialDate, days_since_epoch};
    if f.from.is_none() && f.to.is_none() {
        return None;
    }
    let full = crate::chart::timeline(corpus, view, None);
    let (lo, hi) = full
        .panels
        .first()
        .map(|p| (p.x_axis.min, p.x_axis.max))
        .unwrap_or((0.0, 0.0));
    let a = f
        .from
        .map(|y| days_since_epoch(PartialDate::year(y).start()))
        .unwrap_or(lo);
    let b =
        f.to.map(|y| days_since_epoch(PartialDate::year(y.saturating_add(1)).start()))
            .unwrap_or(hi);
    Some((a, b.max(a + 1.0)))
}

fn export(a: ExportArgs, themes: Option<PathBuf>) -> Result<ExitCode> {
    use crate::export::{self, DataFormat};
    let corpus = build(
        &a.paths,
        a.follow,
        themes,
        a.no_merge,
        Curate::new(&a.curation, a.no_curation),
    )?;
    let view = View::new(&corpus, &a.filter.to_filter(&corpus)?);
    let format = match a.format {
        ExportFormat::Csv => DataFormat::Csv,
        ExportFormat::Json => DataFormat::Json,
        ExportFormat::Timelinejs => DataFormat::TimelineJs,
    };
    export::save_data(&a.out, &corpus, &view, format)?;
    Ok(ExitCode::SUCCESS)
}
