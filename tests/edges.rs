//! The edges of input and output, each probe of issue 15 as a test in a temporary
//! folder: where `--out` writes (standard output, through a symlink, into a FIFO),
//! what a walk enters (symlinked folders only with `--follow`), what is read (regular
//! files only, never blocking), how many items one document may give, and extraction
//! in shards joined later. No test writes anywhere but its own temporary folder.

mod common;

use biotimeline::corpus::{self, find};
use biotimeline::extract::{MAX_ITEMS_PER_DOC, Themes};
use biotimeline::model::Corpus;
use common::run::{Outcome, run_bin};
use serde_json::Value;
use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;
use std::time::{Duration, Instant};
use tempfile::TempDir;

/// Not hidden: `TempDir::new()` makes `.tmpXXXX`, which the walk skips.
fn tmpdir() -> TempDir {
    tempfile::Builder::new().prefix("edges").tempdir().unwrap()
}

fn seeds() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds")
}

/// Runs `biotimeline ARGS` in `cwd` (see [`run_bin`]).
fn run_in(cwd: &Path, args: &[&OsStr]) -> Outcome {
    run_bin(Some(cwd), args)
}

fn run(cwd: &Path, args: &[&str]) -> Outcome {
    let args: Vec<&OsStr> = args.iter().map(OsStr::new).collect();
    run_in(cwd, &args)
}

#[cfg(unix)]
fn mkfifo(path: &Path) {
    let ok = Command::new("mkfifo").arg(path).status().unwrap();
    assert!(ok.success(), "mkfifo {}", path.display());
}

#[cfg(unix)]
fn is_fifo(path: &Path) -> bool {
    use std::os::unix::fs::FileTypeExt;
    std::fs::symlink_metadata(path)
        .unwrap()
        .file_type()
        .is_fifo()
}

// ------------------------------------------------------------------------ output

#[test]
fn out_dash_is_standard_output() {
    let t = tmpdir();
    let o = run(t.path(), &["export", "--format", "csv", "--out", "-"]);
    assert_eq!(o.code, Some(0), "{}", o.stderr);
    assert!(
        o.stdout.starts_with("\u{feff}".as_bytes()),
        "no CSV on stdout"
    );
    assert!(o.stdout.len() > 100);
    assert!(!t.path().join("-").exists(), "a file named '-' was written");
    let o = run(t.path(), &["chart", "--kind", "timeline", "--out", "-"]);
    assert_eq!(o.code, Some(0), "{}", o.stderr);
    assert!(String::from_utf8_lossy(&o.stdout).contains("<svg"));
    assert!(!t.path().join("-").exists());
}

#[cfg(unix)]
#[test]
fn out_symlink_is_written_through_to_its_target() {
    let t = tmpdir();
    let real = t.path().join("data");
    std::fs::create_dir(&real).unwrap();
    std::fs::write(real.join("items.csv"), "old").unwrap();
    std::os::unix::fs::symlink("data/items.csv", t.path().join("link.csv")).unwrap();
    let o = run(
        t.path(),
        &["export", "--format", "csv", "--out", "link.csv"],
    );
    assert_eq!(o.code, Some(0), "{}", o.stderr);
    let link = std::fs::symlink_metadata(t.path().join("link.csv")).unwrap();
    assert!(link.file_type().is_symlink(), "the link was replaced");
    let written = std::fs::read(real.join("items.csv")).unwrap();
    assert!(written.starts_with("\u{feff}".as_bytes()) && written.len() > 100);
    // The temporary file went into the target's folder and is gone.
    let left: Vec<_> = std::fs::read_dir(&real).unwrap().collect();
    assert_eq!(left.len(), 1);
    // A dangling link makes its target.
    std::os::unix::fs::symlink("data/new.json", t.path().join("new.json")).unwrap();
    let o = run(
        t.path(),
        &["export", "--format", "json", "--out", "new.json"],
    );
    assert_eq!(o.code, Some(0), "{}", o.stderr);
    assert!(real.join("new.json").is_file());
}

#[cfg(unix)]
#[test]
fn out_fifo_is_written_in_place_never_replaced() {
    let t = tmpdir();
    let fifo = t.path().join("pipe.csv");
    mkfifo(&fifo);
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read(fifo).unwrap())
    };
    let o = run(
        t.path(),
        &["export", "--format", "csv", "--out", "pipe.csv"],
    );
    assert_eq!(o.code, Some(0), "{}", o.stderr);
    let got = reader.join().unwrap();
    assert!(got.starts_with("\u{feff}".as_bytes()) && got.len() > 100);
    assert!(is_fifo(&fifo), "the FIFO was replaced by a plain file");
    // Through a symlink too.
    std::os::unix::fs::symlink("pipe.csv", t.path().join("via.csv")).unwrap();
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read(fifo).unwrap())
    };
    // ".csv" names no image format, so the format is given.
    let o = run(
        t.path(),
        &[
            "chart", "--kind", "themes", "--format", "svg", "--out", "via.csv",
        ],
    );
    assert_eq!(o.code, Some(0), "{}", o.stderr);
    assert!(String::from_utf8_lossy(&reader.join().unwrap()).contains("<svg"));
    assert!(is_fifo(&fifo));
}

#[test]
fn write_error_gives_its_cause_once() {
    let t = tmpdir();
    let o = run(
        t.path(),
        &["export", "--format", "csv", "--out", "no/such/dir/x.csv"],
    );
    assert_eq!(o.code, Some(2));
    assert_eq!(o.stderr.lines().count(), 1, "{}", o.stderr);
    assert_eq!(o.stderr.matches("os error").count(), 1, "{}", o.stderr);
    assert!(o.stderr.contains("x.csv"), "{}", o.stderr);
    assert!(
        !o.stderr.contains("biotimeline-"),
        "temporary name shown: {}",
        o.stderr
    );
    // A folder is not a file to replace.
    let o = run(t.path(), &["export", "--format", "csv", "--out", "."]);
    assert_eq!(o.code, Some(2));
    assert!(o.stderr.contains("folder"), "{}", o.stderr);
}

// ------------------------------------------------------------------------- input

#[cfg(unix)]
#[test]
fn symlinked_folders_are_followed_only_when_asked() {
    let t = tmpdir();
    let root = t.path().join("root");
    let elsewhere = t.path().join("elsewhere");
    std::fs::create_dir_all(&root).unwrap();
    std::fs::create_dir_all(&elsewhere).unwrap();
    std::fs::copy(seeds().join("000_a1aa69484724f9d6.txt"), root.join("a.txt")).unwrap();
    std::fs::copy(
        seeds().join("001_627624e1bffb3f92.txt"),
        elsewhere.join("b.txt"),
    )
    .unwrap();
    std::os::unix::fs::symlink(&elsewhere, root.join("linked")).unwrap();
    // A loop back to the top, and one to the folder of the link itself.
    std::os::unix::fs::symlink(&root, elsewhere.join("up")).unwrap();
    std::os::unix::fs::symlink(&root, root.join("self")).unwrap();
    let names = |how| {
        let (files, errors) = find::find_files_with(std::slice::from_ref(&root), how);
        assert!(errors.is_empty(), "{errors:?}");
        files
            .iter()
            .map(|f| f.file_name().unwrap().to_string_lossy().into_owned())
            .collect::<Vec<_>>()
    };
    assert_eq!(names(find::Walk::default()), ["a.txt"]);
    assert_eq!(names(find::Walk { follow: true }), ["a.txt", "b.txt"]);
    // A link given as a path is the user's choice: followed.
    let (files, _) = find::find_files(&[root.join("linked")]);
    assert_eq!(files.len(), 1);
    // Through the command line.
    let root_s = root.to_str().unwrap();
    let o = run(t.path(), &["extract", root_s, "--format", "json"]);
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["documents"].as_array().unwrap().len(), 1);
    let o = run(
        t.path(),
        &["extract", root_s, "--follow", "--format", "json"],
    );
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["documents"].as_array().unwrap().len(), 2);
}

#[cfg(unix)]
#[test]
fn special_files_are_reported_never_read_and_nothing_blocks() {
    let t = tmpdir();
    let dir = t.path().join("in");
    std::fs::create_dir(&dir).unwrap();
    std::fs::copy(seeds().join("000_a1aa69484724f9d6.txt"), dir.join("a.txt")).unwrap();
    mkfifo(&dir.join("fifo.txt"));
    // A link to a FIFO looks like a file to a walk that follows links.
    std::os::unix::fs::symlink(dir.join("fifo.txt"), dir.join("link.txt")).unwrap();
    let start = Instant::now();
    let l = corpus::load_paths(std::slice::from_ref(&dir), &|_, _| {});
    assert!(start.elapsed() < Duration::from_secs(30));
    assert_eq!(l.documents.len(), 1);
    assert_eq!(l.errors.len(), 2, "{:?}", l.errors);
    assert!(
        l.errors
            .iter()
            .all(|e| e.error.contains("not a regular file")),
        "{:?}",
        l.errors
    );
    // Read directly, a FIFO with no writer is refused at once.
    let e = corpus::read_file(&dir.join("fifo.txt")).unwrap_err();
    assert!(e.contains("not a regular file"), "{e}");
    // Given on the command line.
    let o = run(
        t.path(),
        &["extract", "in/fifo.txt", "in/a.txt", "--format", "json"],
    );
    assert_eq!(o.code, Some(0), "{}", o.stderr);
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["errors"][0]["path"], "in/fifo.txt");
}

/// Files of /proc say they are empty and then go on: the cap must count what is read.
/// Only read here, never written.
#[cfg(target_os = "linux")]
#[test]
fn size_reported_is_not_trusted() {
    let p = Path::new("/proc/self/status");
    if !p.exists() {
        return;
    }
    assert_eq!(std::fs::metadata(p).unwrap().len(), 0);
    let bytes = corpus::read_file(p).unwrap();
    assert!(!bytes.is_empty());
    let head = corpus::read_file_head(p, 8).unwrap();
    assert_eq!(head.len(), 8);
}

// ------------------------------------------------------------------- extraction

#[test]
fn items_per_document_are_capped_with_a_warning() {
    let t = tmpdir();
    let mut text = String::from("上海生物医药政策汇编\n发布时间:2024-03-05\n");
    for i in 0..(MAX_ITEMS_PER_DOC + 500) {
        text.push_str(&format!(
            "{}月{}日,市经济信息化委印发《上海市促进生物医药产业发展第{i}号行动方案(2024-2026年)》。\n",
            i % 12 + 1,
            i % 28 + 1
        ));
    }
    std::fs::write(t.path().join("junk.txt"), text).unwrap();
    let c = Corpus::load(&[t.path().to_path_buf()], Themes::builtin(), &|_, _| {});
    assert_eq!(c.items.len(), MAX_ITEMS_PER_DOC);
    let w = &c.documents[0].warnings;
    assert!(
        w.iter()
            .any(|w| w.contains("junk.txt") && w.contains("5000")),
        "{w:?}"
    );
    // The first ones are kept.
    assert!(c.items.iter().any(|it| it.title.contains("第0号")));
    assert!(!c.items.iter().any(|it| it.title.contains("第5400号")));
}

// ------------------------------------------------------------------------ shards

fn items_sorted(v: &Value) -> Vec<String> {
    let mut items: Vec<String> = v["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i.to_string())
        .collect();
    items.sort();
    items
}

#[test]
fn shards_extracted_apart_and_read_together_equal_the_whole() {
    let t = tmpdir();
    let (a, b) = (t.path().join("shard-a"), t.path().join("shard-b"));
    std::fs::create_dir_all(a.join("sub")).unwrap();
    std::fs::create_dir_all(&b).unwrap();
    let mut names: Vec<_> = std::fs::read_dir(seeds())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    names.sort();
    for (k, n) in names.iter().enumerate() {
        let to = if k % 2 == 0 { a.join("sub") } else { b.clone() };
        std::fs::copy(seeds().join(n), to.join(n)).unwrap();
    }
    // The same stem in both shards: ids must come out as in one run.
    std::fs::copy(seeds().join(&names[0]), b.join(&names[0])).unwrap();

    let whole = run(
        t.path(),
        &["extract", "shard-a", "shard-b", "--format", "json"],
    );
    assert_eq!(whole.code, Some(0), "{}", whole.stderr);
    std::fs::write(t.path().join("whole.json"), &whole.stdout).unwrap();
    let whole: Value = serde_json::from_slice(&whole.stdout).unwrap();

    for (shard, out) in [("shard-a", "a.jsonl"), ("shard-b", "b.jsonl")] {
        let o = run(t.path(), &["extract", shard, "--format", "jsonl"]);
        assert_eq!(o.code, Some(0), "{}", o.stderr);
        for line in String::from_utf8(o.stdout.clone()).unwrap().lines() {
            let v: Value = serde_json::from_str(line).unwrap();
            assert_eq!(v["schema"], "biotimeline/1");
            assert!(v["document"].is_object() && v["items"].is_array());
        }
        std::fs::write(t.path().join(out), &o.stdout).unwrap();
    }
    let joined = run(
        t.path(),
        &["extract", "a.jsonl", "b.jsonl", "--format", "json"],
    );
    assert_eq!(joined.code, Some(0), "{}", joined.stderr);
    let joined: Value = serde_json::from_slice(&joined.stdout).unwrap();
    assert_eq!(items_sorted(&joined), items_sorted(&whole));
    assert_eq!(joined["items"], whole["items"], "same order too");
    // Copies are found on the documents' text, which results files do not carry: a
    // copy split from its original across shards is not marked `duplicate_of` (its
    // facts still merge, as the items above show). Documents agree on the rest.
    let docs = |v: &Value| -> Vec<String> {
        v["documents"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| {
                let mut d = d.clone();
                d["duplicate_of"] = Value::Null;
                d.to_string()
            })
            .collect()
    };
    let mut dw = docs(&whole);
    let mut dj = docs(&joined);
    dw.sort();
    dj.sort();
    assert_eq!(dj, dw);

    // The whole-file JSON is an input too, and so is a mix of results and articles;
    // the explorer's load path reads the same.
    let again = run(t.path(), &["extract", "whole.json", "--format", "json"]);
    let again: Value = serde_json::from_slice(&again.stdout).unwrap();
    assert_eq!(again["items"], whole["items"]);
    let mixed = run(
        t.path(),
        &["extract", "a.jsonl", "shard-b", "--format", "json"],
    );
    let mixed: Value = serde_json::from_slice(&mixed.stdout).unwrap();
    assert_eq!(items_sorted(&mixed), items_sorted(&whole));
    let c = Corpus::load(
        &[t.path().join("a.jsonl"), t.path().join("b.jsonl")],
        Themes::builtin(),
        &|_, _| {},
    );
    assert_eq!(c.items.len(), whole["items"].as_array().unwrap().len());
    // Spans index the rebuilt text: the detail panel can show each quote.
    for it in &c.items {
        let d = c.document(&it.doc).unwrap();
        let quote: String = d
            .text
            .chars()
            .skip(it.span[0])
            .take(it.span[1] - it.span[0])
            .collect();
        assert_eq!(quote, it.quote);
    }
}

#[test]
fn jsonl_reports_errors_as_lines_and_bad_lines_as_errors() {
    let t = tmpdir();
    let d = t.path().join("in");
    std::fs::create_dir(&d).unwrap();
    std::fs::copy(seeds().join("000_a1aa69484724f9d6.txt"), d.join("a.txt")).unwrap();
    std::fs::write(d.join("empty.txt"), "").unwrap();
    let o = run(t.path(), &["extract", "in", "--format", "jsonl"]);
    assert_eq!(o.code, Some(0), "{}", o.stderr);
    let text = String::from_utf8(o.stdout).unwrap();
    let lines: Vec<Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    assert!(lines.iter().any(|l| l["error"]["path"] == "in/empty.txt"));
    // A damaged line is an error of its own; the others are read.
    let damaged = format!("{}{{\"schema\": \"biotimeline/1\", \"docu\n", text);
    std::fs::write(t.path().join("r.jsonl"), damaged).unwrap();
    let o = run(t.path(), &["extract", "r.jsonl", "--format", "json"]);
    assert_eq!(o.code, Some(0), "{}", o.stderr);
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["documents"].as_array().unwrap().len(), 1);
    let errors = v["errors"].as_array().unwrap();
    assert!(
        errors.iter().any(|e| e["path"] == "r.jsonl:3"),
        "{errors:?}"
    );
    assert!(
        errors.iter().any(|e| e["path"] == "in/empty.txt"),
        "{errors:?}"
    );
}

// ---------------------------------------------------------------------- explorer

/// The explorer's app on a bare egui context (no window), loading `paths` with
/// `settings`; frames are drawn until the background load is done, as the window
/// would.
fn explore(
    paths: &[PathBuf],
    settings: biotimeline::ui::Settings,
    while_loading: impl Fn(&mut biotimeline::ui::App),
) -> biotimeline::ui::App {
    use biotimeline::model::Source;
    use biotimeline::ui::{App, Startup};
    let ctx = egui::Context::default();
    let mut app = App::with_settings(
        &ctx,
        Startup::Load(Source::Paths(paths.to_vec())),
        Themes::builtin(),
        Vec::new(),
        settings,
    );
    while_loading(&mut app);
    let start = Instant::now();
    let input = || egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(
            egui::Pos2::ZERO,
            egui::vec2(1400.0, 860.0),
        )),
        ..Default::default()
    };
    // Textures are not uploaded anywhere: their deltas are dropped on purpose.
    let frame = |app: &mut App| {
        ctx.run_ui(input(), |ui| app.show(ui))
            .textures_delta
            .clear()
    };
    while app.is_loading() {
        assert!(start.elapsed() < Duration::from_secs(60), "load hangs");
        frame(&mut app);
        std::thread::sleep(Duration::from_millis(5));
    }
    frame(&mut app);
    app
}

#[cfg(unix)]
#[test]
fn the_explorer_follows_symlinked_folders_only_when_asked() {
    use biotimeline::cli::Cli;
    use clap::Parser;
    let t = tmpdir();
    let root = t.path().join("root");
    let elsewhere = t.path().join("elsewhere");
    std::fs::create_dir_all(&root).unwrap();
    std::fs::create_dir_all(&elsewhere).unwrap();
    std::fs::copy(seeds().join("000_a1aa69484724f9d6.txt"), root.join("a.txt")).unwrap();
    std::fs::copy(
        seeds().join("001_627624e1bffb3f92.txt"),
        elsewhere.join("b.txt"),
    )
    .unwrap();
    std::os::unix::fs::symlink(&elsewhere, root.join("linked")).unwrap();
    std::os::unix::fs::symlink(&root, elsewhere.join("up")).unwrap();
    for (follow, docs) in [(false, 1), (true, 2)] {
        let settings = biotimeline::ui::Settings {
            follow,
            ..Default::default()
        };
        let app = explore(std::slice::from_ref(&root), settings, |_| {});
        assert_eq!(app.corpus().documents.len(), docs, "follow: {follow}");
        assert!(app.corpus().errors.is_empty(), "{:?}", app.corpus().errors);
    }
    // The flag of the top-level command (the explorer's), off unless given.
    let root_s = root.to_str().unwrap();
    let cli = Cli::try_parse_from(["biotimeline", "--follow", root_s]).unwrap();
    assert!(cli.follow && cli.command.is_none());
    assert!(!Cli::try_parse_from(["biotimeline", root_s]).unwrap().follow);
}

#[test]
fn results_files_count_in_the_load_progress() {
    let t = tmpdir();
    let dir = t.path().join("in");
    std::fs::create_dir_all(&dir).unwrap();
    let first = seeds().join("000_a1aa69484724f9d6.txt");
    let o = run(
        t.path(),
        &["extract", first.to_str().unwrap(), "--format", "json"],
    );
    assert_eq!(o.code, Some(0), "{}", o.stderr);
    std::fs::write(dir.join("shard.json"), &o.stdout).unwrap();
    let o = run(
        t.path(),
        &["extract", first.to_str().unwrap(), "--format", "jsonl"],
    );
    std::fs::write(t.path().join("only.jsonl"), &o.stdout).unwrap();
    std::fs::copy(seeds().join("001_627624e1bffb3f92.txt"), dir.join("b.txt")).unwrap();
    let load = |path: PathBuf| {
        let seen = std::sync::Mutex::new(Vec::new());
        let c = Corpus::load(&[path], Themes::builtin(), &|done, total| {
            seen.lock().unwrap().push((done, total));
        });
        assert!(c.errors.is_empty(), "{:?}", c.errors);
        let mut seen = seen.into_inner().unwrap();
        seen.sort_unstable();
        (c.documents.len(), seen)
    };
    // A text and a results file: two files to read, both counted.
    assert_eq!(load(dir), (2, vec![(1, 2), (2, 2)]));
    // Results alone still show progress.
    assert_eq!(load(t.path().join("only.jsonl")), (1, vec![(1, 1)]));
}

#[test]
fn the_view_built_with_the_load_is_the_filters_view() {
    use biotimeline::model::{Filter, View};
    use biotimeline::ui::Command;
    let search = |s: &str| Filter {
        search: s.into(),
        ..Default::default()
    };
    // Built on the loader's thread for the filter in effect.
    let settings = biotimeline::ui::Settings {
        filter: search("生物医药"),
        ..Default::default()
    };
    let app = explore(&[seeds()], settings, |_| {});
    let c = Arc::clone(app.corpus());
    let want = View::new(&c, &search("生物医药"));
    assert!(!want.items.is_empty() && want.items.len() < c.items.len());
    assert_eq!(app.view(), &want);
    // A filter changed while the load ran is the one shown.
    let app = explore(&[seeds()], Default::default(), |app| {
        app.send(Command::SetFilter(search("上海")));
    });
    assert_eq!(app.view(), &View::new(app.corpus(), &search("上海")));
    assert_eq!(app.settings.filter, search("上海"));
}

#[test]
fn quotes_read_from_results_are_spans_of_their_documents_text() {
    use biotimeline::model::results;
    let t = tmpdir();
    let first = seeds().join("000_a1aa69484724f9d6.txt");
    for (format, name) in [("json", "r.json"), ("jsonl", "r.jsonl")] {
        let o = run(
            t.path(),
            &["extract", first.to_str().unwrap(), "--format", format],
        );
        assert_eq!(o.code, Some(0), "{}", o.stderr);
        std::fs::write(t.path().join(name), &o.stdout).unwrap();
        let r = results::read(&t.path().join(name)).unwrap();
        assert_eq!(r.documents.len(), 1);
        let text = r.documents[0].text.as_bytes().as_ptr_range();
        let items = &r.items[0];
        assert!(!items.is_empty());
        for it in items {
            assert!(!it.quote.is_empty(), "{}", it.id);
            let q = it.quote.as_bytes().as_ptr_range();
            assert!(
                text.start <= q.start && q.end <= text.end,
                "{format}: the quote of {} is a copy",
                it.id
            );
        }
    }
}
