//! Curation as the command line applies it: the analyst's file changes what `extract`,
//! `export` and `chart` give, and a broken file stops them without being touched.

use biotimeline::model::Corpus;
use biotimeline::model::curation::{self, Curation, Edit, Fields, NewItem};
use serde_json::{Value, json};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The binary, with a data folder of its own: a curation the explorer kept on this
/// machine must not change what the tests see.
fn bin(data: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_biotimeline"));
    c.env("XDG_DATA_HOME", data).env("HOME", data);
    c
}

fn seeds_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds")
}

fn ok(out: &Output) -> &Output {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

fn items_of(out: &Output) -> Vec<Value> {
    let v: Value = serde_json::from_slice(&ok(out).stdout).expect("JSON on stdout");
    v["items"].as_array().expect("items").clone()
}

/// The seeds' items as `extract` gives them without curation.
fn plain(t: &Path) -> Vec<Value> {
    items_of(&bin(t).args(["extract"]).output().unwrap())
}

fn write(path: &Path, c: &Curation) {
    c.write(path).expect("curation written");
}

fn with_key<'a>(items: &'a [Value], key: &str) -> Option<&'a Value> {
    items.iter().find(|i| i["key"] == key)
}

#[test]
fn a_rejected_item_is_gone_and_an_edited_one_is_marked() {
    let t = tempfile::TempDir::new().unwrap();
    let items = plain(t.path());
    let (a, b) = (
        items[0]["key"].as_str().unwrap(),
        items[1]["key"].as_str().unwrap(),
    );
    let mut c = Curation::default();
    c.record(Edit::Reject { key: a.into() }).unwrap();
    c.record(Edit::Edit {
        key: b.into(),
        fields: Fields {
            title: Some("分析员改过的标题".into()),
            date: Some(curation::parse_date("2021-10").unwrap()),
            ..Fields::default()
        },
    })
    .unwrap();
    let file = t.path().join("c.json");
    write(&file, &c);
    let out = bin(t.path())
        .args(["extract", "--curation"])
        .arg(&file)
        .output()
        .unwrap();
    let curated = items_of(&out);
    assert_eq!(curated.len(), items.len() - 1);
    assert!(with_key(&curated, a).is_none());
    let edited = with_key(&curated, b).expect("edited item kept");
    assert_eq!(edited["title"], "分析员改过的标题");
    assert_eq!(edited["date"], "2021-10");
    assert_eq!(edited["curated"], "edited");
    assert!(
        curated
            .iter()
            .filter(|i| i["key"] != b)
            .all(|i| i["curated"].is_null())
    );
    // Nothing stale, so nothing said.
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn the_folder_file_is_applied_by_default() {
    let t = tempfile::TempDir::new().unwrap();
    let corpus = t.path().join("corpus");
    std::fs::create_dir(&corpus).unwrap();
    for e in std::fs::read_dir(seeds_dir()).unwrap() {
        let e = e.unwrap();
        std::fs::copy(e.path(), corpus.join(e.file_name())).unwrap();
    }
    let data = t.path().join("data");
    let items = items_of(&bin(&data).arg("extract").arg(&corpus).output().unwrap());
    let key = items[0]["key"].as_str().unwrap();
    let mut c = Curation::default();
    c.record(Edit::Reject { key: key.into() }).unwrap();
    write(&corpus.join(curation::FILE_NAME), &c);
    let curated = items_of(&bin(&data).arg("extract").arg(&corpus).output().unwrap());
    assert_eq!(curated.len(), items.len() - 1);
    assert!(with_key(&curated, key).is_none());
    // --no-curation gives the extraction as it is.
    let raw = items_of(
        &bin(&data)
            .args(["extract", "--no-curation"])
            .arg(&corpus)
            .output()
            .unwrap(),
    );
    assert_eq!(raw.len(), items.len());
    // The curation file is not read as an article or as results.
    let v: Value = serde_json::from_slice(
        &ok(&bin(&data).arg("extract").arg(&corpus).output().unwrap()).stdout,
    )
    .unwrap();
    assert!(
        v["errors"].as_array().unwrap().is_empty(),
        "{}",
        v["errors"]
    );
    assert_eq!(v["documents"].as_array().unwrap().len(), 5);
}

/// The first target of the seeds, as `extract` gives it.
fn first_target(items: &[Value]) -> Value {
    items
        .iter()
        .find(|i| i["kind"] == "target")
        .expect("the seeds have targets")
        .clone()
}

#[test]
fn an_edited_value_shows_in_the_csv_export_and_the_targets_chart() {
    let t = tempfile::TempDir::new().unwrap();
    let target = first_target(&plain(t.path()));
    let key = target["key"].as_str().unwrap();
    let mut c = Curation::default();
    c.record(Edit::Edit {
        key: key.into(),
        fields: Fields {
            value: Some(123_456_000_000.0),
            unit: Some("元".into()),
            ..Fields::default()
        },
    })
    .unwrap();
    let file = t.path().join("c.json");
    write(&file, &c);

    let csv = t.path().join("out.csv");
    ok(&bin(t.path())
        .args(["export", "--format", "csv", "--out"])
        .arg(&csv)
        .arg("--curation")
        .arg(&file)
        .output()
        .unwrap());
    let text = std::fs::read_to_string(&csv).unwrap();
    let id = target["id"].as_str().unwrap();
    let row = text
        .lines()
        .find(|l| l.starts_with(&format!("{id},")))
        .expect("the target's row");
    assert!(row.contains(",123456000000,"), "{row}");
    assert!(row.contains("1,234.56亿元"), "{row}");

    // The chart the command draws is made from this data: the target's marker
    // carries the new value.
    let mut corpus = Corpus::build(
        biotimeline::corpus::load_seeds(),
        biotimeline::extract::Themes::builtin(),
    );
    let applied = corpus.apply_curation(&c);
    assert!(applied.stale.is_empty());
    let filter = biotimeline::model::Filter::default();
    let view = biotimeline::model::View::new(&corpus, &filter);
    let spec = biotimeline::chart::build(
        biotimeline::chart::ChartKind::TargetsVsActuals,
        &corpus,
        &filter,
        &view,
        None,
    );
    let marker = spec
        .panels
        .iter()
        .flat_map(|p| &p.markers)
        .find(|m| m.items.iter().any(|i| i == id))
        .expect("the target is drawn");
    assert!(marker.label.contains("1,234.56亿元"), "{}", marker.label);
    // And the SVG the command writes says it.
    let svg = t.path().join("targets.svg");
    ok(&bin(t.path())
        .args(["chart", "--kind", "targets", "--out"])
        .arg(&svg)
        .arg("--curation")
        .arg(&file)
        .output()
        .unwrap());
    let drawn = std::fs::read_to_string(&svg).unwrap();
    assert!(
        drawn.contains("1,234.56亿元"),
        "the SVG shows the new value"
    );
}

#[test]
fn an_added_item_and_a_merge_are_applied() {
    let t = tempfile::TempDir::new().unwrap();
    let items = plain(t.path());
    let events: Vec<&Value> = items.iter().filter(|i| i["kind"] == "event").collect();
    let (a, b) = (events[0], events[1]);
    let mut c = Curation::default();
    c.record(Edit::Add {
        item: NewItem {
            key: String::new(),
            kind: biotimeline::extract::Kind::Event,
            date: curation::parse_date("2023-06-01").unwrap(),
            title: "分析员补充的事件".into(),
            doc: a["doc"].as_str().unwrap().into(),
            quote: a["quote"].as_str().unwrap().into(),
            span: [0, 3],
            fields: Fields {
                region: Some(Some("上海".into())),
                themes: Some(vec!["clinical".into()]),
                ..Fields::default()
            },
        },
    })
    .unwrap();
    c.record(Edit::Merge {
        keys: vec![
            a["key"].as_str().unwrap().into(),
            b["key"].as_str().unwrap().into(),
        ],
    })
    .unwrap();
    let file = t.path().join("c.json");
    write(&file, &c);
    let curated = items_of(
        &bin(t.path())
            .args(["extract", "--curation"])
            .arg(&file)
            .output()
            .unwrap(),
    );
    // One added, two made one.
    assert_eq!(curated.len(), items.len());
    let added = curated
        .iter()
        .find(|i| i["title"] == "分析员补充的事件")
        .expect("added");
    assert_eq!(added["curated"], "added");
    assert_eq!(added["date"], "2023-06-01");
    assert_eq!(added["region"], "上海");
    assert_eq!(added["themes"], json!(["clinical"]));
    let merged = with_key(&curated, a["key"].as_str().unwrap()).expect("merged");
    assert!(with_key(&curated, b["key"].as_str().unwrap()).is_none());
    let sources = merged["sources"].as_array().unwrap();
    let count = |v: &Value| v["sources"].as_array().map_or(1, Vec::len);
    assert_eq!(sources.len(), count(a) + count(b));
    assert_eq!(merged["curated"], "edited");
}

#[test]
fn stale_edits_are_listed_and_kept() {
    let t = tempfile::TempDir::new().unwrap();
    let items = plain(t.path());
    let mut c = Curation::default();
    for k in ["0000000000000001", "0000000000000002", "0000000000000003"] {
        c.record(Edit::Reject { key: k.into() }).unwrap();
    }
    let live = items[0]["key"].as_str().unwrap();
    c.record(Edit::Reject { key: live.into() }).unwrap();
    let file = t.path().join("c.json");
    write(&file, &c);
    let before = std::fs::read(&file).unwrap();
    let out = bin(t.path())
        .args(["extract", "--curation"])
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(items_of(&out).len(), items.len() - 1);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("3 edits no longer match an item"), "{err}");
    for k in ["0000000000000001", "0000000000000002", "0000000000000003"] {
        assert!(err.contains(k), "{err}");
    }
    assert!(!err.contains(live), "{err}");
    // Kept: the file is as it was.
    assert_eq!(std::fs::read(&file).unwrap(), before);
}

#[test]
fn a_broken_file_exits_2_naming_it_and_is_not_overwritten() {
    let t = tempfile::TempDir::new().unwrap();
    let cases: [&[u8]; 4] = [
        b"{\"format\": \"biotimeline-curation/1\", \"edits\": [",
        br#"{"format": "biotimeline-curation/1", "edits": [{"key": "k", "action": "edit", "fields": {"date": "2024-13"}}]}"#,
        br#"{"format": "something-else/1", "edits": []}"#,
        br#"{"format": "biotimeline-curation/1", "edits": [{"key": "k", "action": "explode"}]}"#,
    ];
    for (n, bytes) in cases.iter().enumerate() {
        let file = t.path().join(format!("broken-{n}.json"));
        std::fs::write(&file, bytes).unwrap();
        for cmd in [
            vec!["extract"],
            vec!["export", "--format", "csv", "--out", "-"],
            vec!["chart", "--kind", "timeline", "--out", "-"],
        ] {
            let out = bin(t.path())
                .args(&cmd)
                .arg("--curation")
                .arg(&file)
                .output()
                .unwrap();
            assert_eq!(out.status.code(), Some(2), "{cmd:?} case {n}");
            let err = String::from_utf8_lossy(&out.stderr);
            assert!(err.contains(&format!("broken-{n}.json")), "{err}");
            assert!(out.stdout.is_empty(), "{cmd:?} case {n}: nothing written");
        }
        assert_eq!(std::fs::read(&file).unwrap(), *bytes, "never overwritten");
    }
    // The bad date is named.
    let out = bin(t.path())
        .args(["extract", "--curation"])
        .arg(t.path().join("broken-1.json"))
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stderr).contains("2024-13"));
    // A file given that is not there is an error too, not "no curation".
    let out = bin(t.path())
        .args(["extract", "--curation"])
        .arg(t.path().join("missing.json"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("missing.json"));
}

#[test]
fn the_written_file_is_stable_and_readable() {
    let t = tempfile::TempDir::new().unwrap();
    let mut c = Curation::default();
    c.record(Edit::Reject { key: "b".into() }).unwrap();
    c.record(Edit::Edit {
        key: "a".into(),
        fields: Fields {
            end_date: Some(None),
            deadline: Some(Some(2027)),
            issuers: Some(vec!["市经济信息化委".into()]),
            ..Fields::default()
        },
    })
    .unwrap();
    c.record(Edit::Merge {
        keys: vec!["a".into(), "c".into()],
    })
    .unwrap();
    let one = t.path().join("one.json");
    let two = t.path().join("two.json");
    write(&one, &c);
    let read = Curation::read(&one).unwrap().expect("there");
    assert_eq!(read, c);
    write(&two, &read);
    let bytes = std::fs::read(&one).unwrap();
    assert_eq!(bytes, std::fs::read(&two).unwrap());
    let text = String::from_utf8(bytes).unwrap();
    // Pretty: one line per key and value, so each change is its own diff line.
    assert!(text.contains("\n      \"action\": \"reject\",\n"), "{text}");
    assert!(text.contains("\"end_date\": null"), "{text}");
    assert!(text.contains("市经济信息化委"), "{text}");
    assert!(text.ends_with("}\n"));
    // No temporary file is left beside it.
    let left: Vec<_> = std::fs::read_dir(t.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(left.len(), 2, "{left:?}");
}

#[test]
fn jsonl_is_the_extraction_as_it_is() {
    let t = tempfile::TempDir::new().unwrap();
    let file = t.path().join("c.json");
    write(&file, &Curation::default());
    let out = bin(t.path())
        .args(["extract", "--format", "jsonl", "--curation"])
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("jsonl"));
}
