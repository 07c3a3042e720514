//! One fact, one item: reposts are marked copies, facts reported by several documents
//! are one item with every source, figures that disagree list each other, and keys are
//! stable and unique.

use biotimeline::corpus::Document;
use biotimeline::extract::{Item, Kind, Themes};
use biotimeline::model::Corpus;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::process::Command;

fn seeds_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds")
}

fn seed_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(seeds_dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files
}

/// Simplified → traditional, char for char, by inverting the simplified mapping the
/// corpus uses (the first traditional form of each simplified char): what an
/// OpenCC s2t mirror of a page does, near enough for matching.
fn to_traditional(text: &str) -> String {
    let mut back: HashMap<char, char> = HashMap::new();
    for c in ('\u{4E00}'..='\u{9FFF}').chain('\u{F900}'..='\u{FAFF}') {
        let s = biotimeline::script::simplify_char(c);
        if s != c {
            back.entry(s).or_insert(c);
        }
    }
    text.chars()
        .map(|c| back.get(&c).copied().unwrap_or(c))
        .collect()
}

/// The five seeds, a renamed copy of each, one seed re-encoded to GB18030, one in
/// traditional script, and one with a spam line on top.
fn seeds_with_copies(dir: &Path) -> BTreeMap<String, String> {
    let mut copy_of = BTreeMap::new();
    let files = seed_files();
    for f in &files {
        let stem = f.file_stem().unwrap().to_string_lossy().into_owned();
        let bytes = std::fs::read(f).unwrap();
        std::fs::write(dir.join(f.file_name().unwrap()), &bytes).unwrap();
        let renamed = format!("repost_{stem}");
        std::fs::write(dir.join(format!("{renamed}.txt")), &bytes).unwrap();
        copy_of.insert(renamed, stem);
    }
    let text = |i: usize| std::fs::read_to_string(&files[i]).unwrap();
    let stem = |i: usize| files[i].file_stem().unwrap().to_string_lossy().into_owned();
    let seed1 = text(1);
    let (gb, _, _) = encoding_rs::GB18030.encode(&seed1);
    std::fs::write(dir.join("gb18030_mirror.txt"), &gb).unwrap();
    copy_of.insert("gb18030_mirror".into(), stem(1));
    // Seed 0 is in simplified script.
    let trad = to_traditional(&text(0));
    assert_ne!(trad, text(0));
    std::fs::write(dir.join("traditional_mirror.txt"), trad).unwrap();
    copy_of.insert("traditional_mirror".into(), stem(0));
    // Seed 4 is in traditional script and has no front matter (a line above front
    // matter makes it body text: another article, as far as metadata goes).
    let spam = format!(
        "澳门新葡京娱乐城 点击进入 www.example-casino.test 注册送彩金\n{}",
        text(4)
    );
    std::fs::write(dir.join("spam_wrapped.txt"), spam).unwrap();
    copy_of.insert("spam_wrapped".into(), stem(4));
    copy_of
}

/// What ../shared/eval/score.py counts as one fact (`fact_key`), for counting
/// repeats the same way in Rust.
fn fact_key(it: &Item) -> String {
    let norm = |s: &str| {
        biotimeline::script::to_simplified(s)
            .to_lowercase()
            .chars()
            .filter(|c| c.is_alphanumeric())
            .collect::<String>()
    };
    match (it.kind, &it.quantity) {
        (Kind::Policy, _) => format!(
            "policy|{}",
            norm(it.policy_title.as_deref().unwrap_or(&it.title))
        ),
        (Kind::Target | Kind::Metric, Some(q)) => {
            let when = if it.kind == Kind::Target {
                format!("{:?}", it.deadline)
            } else {
                it.date.year.to_string()
            };
            format!(
                "{}|{:.2}|{}|{when}|{}",
                it.kind.as_str(),
                q.value,
                norm(&q.unit),
                norm(it.region.as_deref().unwrap_or(""))
            )
        }
        _ => format!("{}|{}|{}", it.kind.as_str(), it.date, norm(&it.title)),
    }
}

fn repeats(items: &[Item]) -> usize {
    let mut seen = HashSet::new();
    items.iter().filter(|it| !seen.insert(fact_key(it))).count()
}

/// (kind, date, title) of each item, to compare item lists across loads.
fn facts(items: &[Item]) -> Vec<(Kind, String, String)> {
    let mut v: Vec<_> = items
        .iter()
        .map(|it| {
            (
                it.kind,
                it.date.to_string(),
                biotimeline::script::to_simplified(&it.title),
            )
        })
        .collect();
    v.sort();
    v
}

fn doc<'a>(c: &'a Corpus, id: &str) -> &'a Document {
    c.document(id).unwrap_or_else(|| panic!("no document {id}"))
}

#[test]
fn seeds_with_reposts_give_each_fact_once_with_every_source() {
    let tmp = tempfile::TempDir::new().unwrap();
    let copy_of = seeds_with_copies(tmp.path());
    let seeds = Corpus::build(biotimeline::corpus::load_seeds(), Themes::builtin());
    let c = Corpus::load(&[tmp.path().to_path_buf()], Themes::builtin(), &|_, _| {});
    assert!(c.errors.is_empty(), "{:?}", c.errors);
    // Every copy points at its seed; no seed is a copy.
    assert_eq!(c.documents.len(), 13);
    for d in &c.documents {
        assert_eq!(
            d.duplicate_of.as_deref(),
            copy_of.get(&d.id).map(String::as_str),
            "{}",
            d.id
        );
    }
    assert_eq!(doc(&c, "gb18030_mirror").encoding, "GB18030");
    // The seeds' items, once each.
    assert_eq!(c.items.len(), seeds.items.len());
    assert_eq!(facts(&c.items), facts(&seeds.items));
    assert_eq!(repeats(&c.items), 0);
    // Each item lists every copy of its document as a source.
    for it in &c.items {
        assert_eq!(it.sources[0].doc, it.doc, "{it:?}");
        assert!(it.sources.len() >= 2, "{it:?}");
        assert!(it.source_count() >= 2, "{it:?}");
        let docs: Vec<&str> = it.sources.iter().map(|s| s.doc.as_str()).collect();
        for (copy, seed) in &copy_of {
            if seed == &it.doc {
                assert!(
                    docs.contains(&copy.as_str()),
                    "{} lacks {copy}: {docs:?}",
                    it.title
                );
            }
        }
        for s in &it.sources {
            let text: Vec<char> = doc(&c, &s.doc).text.chars().collect();
            let quote: String = text[s.span[0]..s.span[1]].iter().collect();
            assert_eq!(quote, s.quote, "span of {} in {}", it.id, s.doc);
        }
        assert!(it.conflicts.is_empty(), "{it:?}");
    }
    // Charts count articles, not copies.
    let all: Vec<usize> = (0..c.items.len()).collect();
    assert_eq!(
        biotimeline::chart::source_line(&c, &all),
        "Source: 5 articles (+8 copies), 2021–2025"
    );
    assert_eq!(c.copies_of(&copy_of["spam_wrapped"]).len(), 2);
    // --no-merge keeps one item per document and sentence.
    let plain = Corpus::load_with(
        &[tmp.path().to_path_buf()],
        Default::default(),
        Themes::builtin(),
        false,
        &|_, _| {},
    );
    let per_doc: usize = plain.documents.len();
    assert_eq!(per_doc, c.documents.len());
    assert!(
        plain.items.len() >= seeds.items.len() * 2,
        "{}",
        plain.items.len()
    );
    assert!(plain.items.iter().all(|it| it.sources.len() == 1));
    assert!(plain.items.iter().all(|it| it.source_count() == 1));
    assert_eq!(
        doc(&plain, "spam_wrapped").duplicate_of.as_deref(),
        copy_of.get("spam_wrapped").map(String::as_str)
    );
}

/// The scorer of ../shared/eval counts no repeats on the same folder, when Python and
/// the scorer are there to run.
#[test]
fn scorer_counts_no_repeats_on_seeds_with_reposts() {
    let scorer = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/eval/score.py");
    let gold = scorer.with_file_name("seeds.gold.json");
    let python = Command::new("python3").arg("--version").output();
    if !scorer.exists() || !gold.exists() || python.is_err() {
        eprintln!("skipped: python3 or the scorer is not available");
        return;
    }
    let tmp = tempfile::TempDir::new().unwrap();
    let input = tmp.path().join("in");
    std::fs::create_dir(&input).unwrap();
    seeds_with_copies(&input);
    let out = Command::new(env!("CARGO_BIN_EXE_biotimeline"))
        .args(["extract", "--format", "json"])
        .arg(&input)
        .output()
        .unwrap();
    assert!(out.status.success());
    let json = tmp.path().join("out.json");
    std::fs::write(&json, &out.stdout).unwrap();
    let score = Command::new("python3")
        .arg(&scorer)
        .arg("--gold")
        .arg(&gold)
        .arg("--json")
        .arg(&json)
        .args(["--max-dups", "0", "--min-core-recall", "1.0"])
        .output()
        .unwrap();
    let report = String::from_utf8_lossy(&score.stdout);
    assert!(score.status.success(), "{report}");
    assert!(report.contains("repeats 0"), "{report}");
}

const OUTLET_A: &str = "第四届长三角生物医药创新大会在沪开幕
来源：甲日报
2024-11-08

11月8日，第四届长三角生物医药创新大会在上海国际会议中心开幕。
大会发布的数据显示，2023年上海生物医药产业规模达到7617亿元，同比增长5.2%。
2023年，全市医疗器械产业规模达到1234亿元。
";

const OUTLET_B: &str = "长三角生物医药创新大会开幕 聚焦源头创新
来源：乙晚报
2024-11-09

昨日，第四届长三角生物医药创新大会在上海开幕，来自各地的专家齐聚一堂。
据介绍，2023年全市生物医药产业规模约7600亿元。
2023年上海医疗器械产业规模为1500亿元。
";

fn two_outlets(dir: &Path) {
    std::fs::write(dir.join("outlet_a.txt"), OUTLET_A).unwrap();
    std::fs::write(dir.join("outlet_b.txt"), OUTLET_B).unwrap();
}

fn find<'a>(c: &'a Corpus, kind: Kind, needle: &str) -> Vec<&'a Item> {
    c.items
        .iter()
        .filter(|it| {
            it.kind == kind
                && (it.title.contains(needle)
                    || it.subject.as_deref().is_some_and(|s| s.contains(needle)))
        })
        .collect()
}

fn source_docs(it: &Item) -> Vec<&str> {
    it.sources.iter().map(|s| s.doc.as_str()).collect()
}

#[test]
fn two_outlets_report_one_event_round_one_figure_and_disagree_on_another() {
    let tmp = tempfile::TempDir::new().unwrap();
    two_outlets(tmp.path());
    let c = Corpus::load(&[tmp.path().to_path_buf()], Themes::builtin(), &|_, _| {});
    // Different articles, not copies.
    assert!(c.documents.iter().all(|d| d.duplicate_of.is_none()));
    // One event, reported on the day and the day after ("昨日").
    let events = find(&c, Kind::Event, "创新大会");
    assert_eq!(events.len(), 1, "{events:#?}");
    assert_eq!(events[0].date.to_string(), "2024-11-08");
    assert_eq!(source_docs(events[0]), ["outlet_a", "outlet_b"]);
    // 7617亿元 and 约7600亿元: one figure, rounded differently.
    let size = find(&c, Kind::Metric, "生物医药产业规模");
    assert_eq!(size.len(), 1, "{size:#?}");
    assert_eq!(source_docs(size[0]), ["outlet_a", "outlet_b"]);
    assert_eq!(size[0].region.as_deref(), Some("上海"));
    assert!(size[0].conflicts.is_empty());
    // 1234亿元 against 1500亿元: both kept, each naming the other.
    let devices = find(&c, Kind::Metric, "医疗器械产业规模");
    assert_eq!(devices.len(), 2, "{devices:#?}");
    assert_eq!(devices[0].conflicts, [devices[1].key.clone()]);
    assert_eq!(devices[1].conflicts, [devices[0].key.clone()]);
    assert_ne!(devices[0].doc, devices[1].doc);
    // Without merging, each outlet keeps its own items.
    let plain = Corpus::load_with(
        &[tmp.path().to_path_buf()],
        Default::default(),
        Themes::builtin(),
        false,
        &|_, _| {},
    );
    assert_eq!(find(&plain, Kind::Event, "创新大会").len(), 2);
    assert!(plain.items.iter().all(|it| it.conflicts.is_empty()));
}

#[test]
fn keys_are_stable_across_runs_and_unique() {
    let tmp = tempfile::TempDir::new().unwrap();
    seeds_with_copies(tmp.path());
    two_outlets(tmp.path());
    let paths = [tmp.path().to_path_buf()];
    for merge in [true, false] {
        let a = Corpus::load_with(
            &paths,
            Default::default(),
            Themes::builtin(),
            merge,
            &|_, _| {},
        );
        let b = Corpus::load_with(
            &paths,
            Default::default(),
            Themes::builtin(),
            merge,
            &|_, _| {},
        );
        let keys = |c: &Corpus| c.items.iter().map(|it| it.key.clone()).collect::<Vec<_>>();
        assert_eq!(keys(&a), keys(&b));
        let distinct: HashSet<String> = keys(&a).into_iter().collect();
        assert_eq!(distinct.len(), a.items.len(), "merge {merge}");
        assert!(a.items.iter().all(|it| !it.key.is_empty()));
    }
    // A key depends on the sentence, not on the file: the seeds alone give the same
    // keys to their items.
    let seeds = Corpus::build(biotimeline::corpus::load_seeds(), Themes::builtin());
    let merged = Corpus::load(&paths, Themes::builtin(), &|_, _| {});
    let keys: HashSet<&str> = merged.items.iter().map(|it| it.key.as_str()).collect();
    for it in &seeds.items {
        assert!(keys.contains(it.key.as_str()), "{} {}", it.key, it.title);
    }
}

#[test]
fn the_cli_merges_unless_told_not_to() {
    let tmp = tempfile::TempDir::new().unwrap();
    two_outlets(tmp.path());
    let run = |extra: &[&str]| -> serde_json::Value {
        let out = Command::new(env!("CARGO_BIN_EXE_biotimeline"))
            .arg("extract")
            .args(extra)
            .arg(tmp.path())
            .output()
            .unwrap();
        assert!(out.status.success());
        serde_json::from_slice(&out.stdout).unwrap()
    };
    let merged = run(&[]);
    let plain = run(&["--no-merge"]);
    let n = |v: &serde_json::Value| v["items"].as_array().map_or(0, Vec::len);
    assert!(n(&merged) < n(&plain), "{} {}", n(&merged), n(&plain));
    for v in [&merged, &plain] {
        for it in v["items"].as_array().unwrap() {
            assert!(it["key"].is_string());
            assert!(it["sources"].is_array());
            assert!(it["conflicts"].is_array());
            assert!(it["curated"].is_null());
            assert!(it.get("region").is_some());
        }
        for d in v["documents"].as_array().unwrap() {
            assert!(d.get("duplicate_of").is_some());
        }
    }
}

/// The detail panel lists every source, flags a disagreement with both values and
/// lists the copies of the document.
#[test]
fn the_detail_panel_shows_sources_conflicts_and_reposts() {
    use biotimeline::ui::app::{App, Startup};
    use biotimeline::ui::{Command as UiCommand, Settings};
    use egui_kittest::kittest::Queryable;
    use std::sync::Arc;
    let tmp = tempfile::TempDir::new().unwrap();
    two_outlets(tmp.path());
    std::fs::write(tmp.path().join("outlet_a_repost.txt"), OUTLET_A).unwrap();
    let c = Arc::new(Corpus::load(
        &[tmp.path().to_path_buf()],
        Themes::builtin(),
        &|_, _| {},
    ));
    assert_eq!(
        doc(&c, "outlet_a_repost").duplicate_of.as_deref(),
        Some("outlet_a")
    );
    let mut h = egui_kittest::Harness::builder()
        .with_size(egui::vec2(1400.0, 860.0))
        .build_eframe({
            let c = Arc::clone(&c);
            move |cc| {
                App::with_settings(
                    &cc.egui_ctx,
                    Startup::Corpus(c),
                    Themes::builtin(),
                    Vec::new(),
                    Settings::default(),
                )
            }
        });
    h.run_steps(3);
    let devices = c
        .items
        .iter()
        .position(|it| it.subject.as_deref() == Some("全市医疗器械产业规模"))
        .unwrap();
    h.state_mut().send(UiCommand::Select(Some(devices)));
    h.run_steps(3);
    h.get_by_label("2 个来源数值不一");
    h.get_by_label_contains("1500亿元 — 乙晚报");
    h.get_by_label_contains("1234亿元 — 甲日报");
    h.get_by_label("另有 1 篇转载");
    let event = c
        .items
        .iter()
        .position(|it| it.kind == Kind::Event)
        .unwrap();
    h.state_mut().send(UiCommand::Select(Some(event)));
    h.run_steps(3);
    h.get_by_label_contains("3 个来源");
    h.get_by_label_contains("昨日，第四届长三角生物医药创新大会在上海开幕");
}
