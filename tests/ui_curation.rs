//! The explorer's curation driven headless through egui_kittest: reject, restore,
//! edit, add from a selection, undo, and the edits that no longer match an item.
//! Every curation file is in a temp folder: the folder opened, or one the app is
//! pointed at with `App::set_curation_file`.

mod common;
use common::app::{harness, settle};

use biotimeline::corpus::Document;
use biotimeline::extract::{Kind, Themes};
use biotimeline::model::curation::{Curation, Edit, FILE_NAME};
use biotimeline::model::{Corpus, Source};
use biotimeline::testkit;
use biotimeline::time::PartialDate;
use biotimeline::ui::{App, Command, Startup};
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use std::path::Path;
use std::sync::Arc;

const ARTICLE: &str = "上海生物医药产业周开幕\n\n2024年11月16日，上海国际生物医药产业周在张江开幕。到2025年，产业规模达到1万亿元。";

/// A folder holding one article, opened in a new window.
fn open(dir: &Path) -> Harness<'static, App> {
    let mut h = harness(Startup::Load(Source::Paths(vec![dir.to_path_buf()])), 900.0);
    settle(&mut h);
    h
}

fn folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("news.txt"), ARTICLE).unwrap();
    dir
}

fn select(h: &mut Harness<'static, App>, index: usize) {
    h.state_mut().send(Command::Select(Some(index)));
    h.run_steps(3);
}

fn keys(h: &Harness<'static, App>) -> Vec<String> {
    h.state()
        .corpus()
        .items
        .iter()
        .map(|it| it.key.clone())
        .collect()
}

fn read(path: &Path) -> Curation {
    Curation::read(path)
        .unwrap()
        .expect("the curation file exists")
}

/// A button (not a label that reads the same).
fn button<'a>(h: &'a Harness<'static, App>, label: &'a str) -> egui_kittest::Node<'a> {
    h.get_all_by_label_contains(label)
        .find(|n| n.accesskit_node().role() == egui::accesskit::Role::Button)
        .unwrap_or_else(|| panic!("no button {label}"))
}

#[test]
fn a_rejected_item_stays_rejected_after_a_restart_and_can_be_restored() {
    let dir = folder();
    let mut h = open(dir.path());
    let file = dir.path().join(FILE_NAME);
    assert_eq!(h.state().curation_path(), Some(file.as_path()));
    let before = keys(&h);
    assert!(before.len() >= 2, "{before:?}");
    let key = before[0].clone();
    select(&mut h, 0);
    // Del rejects the selected item: it leaves the timeline, and the file says so.
    h.key_press(Key::Delete);
    h.run_steps(3);
    assert!(!keys(&h).contains(&key));
    assert_eq!(keys(&h).len(), before.len() - 1);
    assert!(read(&file).is_rejected(&key));
    // The selection moved on to the next item rather than to nothing.
    assert!(h.state().selected().is_some());

    // A new window on the same folder: still rejected.
    drop(h);
    let mut h = open(dir.path());
    assert!(!keys(&h).contains(&key));
    assert_eq!(h.state().applied().rejected.len(), 1);
    assert_eq!(h.state().applied().rejected[0].key, key);
    // "Show rejected" brings it back, greyed, with a Restore button.
    h.get_by_label("显示已驳回").click();
    h.run_steps(3);
    let c = Arc::clone(h.state().corpus());
    let at = c.items.iter().position(|it| it.key == key).expect("shown");
    assert!(c.is_rejected(&c.items[at]));
    assert!(h.state().view().items.contains(&at));
    // Charts and exports still leave it out.
    assert!(!h.state().kept_view().items.contains(&at));
    select(&mut h, at);
    h.get_by_label("已驳回");
    button(&h, "恢复").click();
    h.run_steps(3);
    assert!(
        !h.state()
            .corpus()
            .is_rejected(&h.state().corpus().items[at])
    );
    assert!(!read(&file).is_rejected(&key));
    assert_eq!(keys(&h).len(), before.len());
}

#[test]
fn undo_restores_the_item_and_redo_takes_it_away_again() {
    let dir = folder();
    let mut h = open(dir.path());
    let file = dir.path().join(FILE_NAME);
    let before = keys(&h);
    select(&mut h, 1);
    button(&h, "驳回 (Del)").click();
    h.run_steps(3);
    assert_eq!(keys(&h).len(), before.len() - 1);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(3);
    assert_eq!(keys(&h), before);
    assert!(read(&file).edits.is_empty(), "the file follows the undo");
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    h.run_steps(3);
    assert_eq!(keys(&h).len(), before.len() - 1);
    assert_eq!(read(&file).edits.len(), 1);
    // The Edit menu does the same.
    h.get_by_label("编辑").click();
    h.run_steps(2);
    button(&h, "撤销").click();
    h.run_steps(3);
    assert_eq!(keys(&h), before);
}

#[test]
fn stale_edits_are_listed_and_can_be_reattached_or_dropped() {
    let dir = folder();
    let file = dir.path().join(FILE_NAME);
    std::fs::write(
        &file,
        r#"{"format": "biotimeline-curation/1", "edits": [
            {"key": "gone-1", "action": "reject"},
            {"key": "gone-2", "action": "edit", "fields": {"title": "新标题"}}]}"#,
    )
    .unwrap();
    let mut h = open(dir.path());
    assert_eq!(h.state().applied().stale.len(), 2);
    h.get_by_label("2 条校订已找不到对应条目").click();
    h.run_steps(3);
    h.get_by_label("gone-1");
    h.get_by_label("gone-2");
    // Re-attached to the selected item: the edit applies to it.
    select(&mut h, 0);
    let key = h.state().corpus().items[0].key.clone();
    let id = h.state().corpus().items[0].id.clone();
    h.get_all_by_label("改接到所选条目")
        .nth(1)
        .expect("a button per missing key")
        .click();
    h.run_steps(3);
    let c = Arc::clone(h.state().corpus());
    let it = &c.items[c.item_index(&id).unwrap()];
    assert_eq!(it.title, "新标题");
    assert_eq!(it.curated.as_deref(), Some("edited"));
    assert!(matches!(&read(&file).edits[1], Edit::Edit { key: k, .. } if *k == key));
    assert_eq!(h.state().applied().stale.len(), 1);
    // Dropped: gone from the file, and nothing is listed any more.
    button(&h, "删除这条校订").click();
    h.run_steps(3);
    assert!(h.state().applied().stale.is_empty());
    assert_eq!(read(&file).edits.len(), 1);
}

#[test]
fn a_broken_curation_file_opens_the_corpus_read_only_and_is_never_written() {
    let dir = folder();
    let file = dir.path().join(FILE_NAME);
    let broken = b"{\"format\": \"biotimeline-curation/1\", \"edits\": [";
    std::fs::write(&file, broken).unwrap();
    let mut h = open(dir.path());
    let why = h.state().curation_broken().expect("said").to_owned();
    assert!(why.contains(FILE_NAME), "{why}");
    h.get_by_label_contains(FILE_NAME);
    let n = keys(&h).len();
    select(&mut h, 0);
    h.key_press(Key::Delete);
    h.run_steps(3);
    assert_eq!(keys(&h).len(), n, "nothing can be rejected");
    assert!(button(&h, "驳回 (Del)").accesskit_node().is_disabled());
    assert_eq!(std::fs::read(&file).unwrap(), broken);
}

// --- A corpus built in memory, its curation file pointed at a temp folder. ---

fn doc(id: &str, title: &str, text: &str) -> Document {
    Document {
        id: id.into(),
        path: format!("test/{id}.txt").into(),
        title: Some(title.into()),
        source: Some("测试日报".into()),
        published: PartialDate::day(2024, 11, 16),
        encoding: "UTF-8".into(),
        text: text.into(),
        simplified: biotimeline::script::to_simplified(text),
        ..Default::default()
    }
}

const TEXT: &str = "第一段介绍背景。人工智能大会在张江开幕。到2025年产业规模达到2,400亿元。2024年生物医药产业规模为1,200亿元。最后一段。";

fn corpus() -> Arc<Corpus> {
    let a = doc("a", "人工智能大会与产业目标", TEXT);
    let items = vec![
        testkit::item("a", 1, Kind::Event, PartialDate::day(2023, 5, 10).unwrap())
            .quote_in(&a.text, "人工智能大会在张江开幕。")
            .title("人工智能大会开幕")
            .themes(&["ai"])
            .build(),
        testkit::item("a", 2, Kind::Target, PartialDate::month(2023, 6).unwrap())
            .quote_in(&a.text, "到2025年产业规模达到2,400亿元。")
            .title("产业规模目标")
            .subject("产业规模")
            .quantity(2.4e11, "元", "2,400亿元")
            .deadline(2025)
            .build(),
        testkit::item("a", 3, Kind::Metric, PartialDate::year(2024))
            .quote_in(&a.text, "2024年生物医药产业规模为1,200亿元。")
            .title("生物医药产业规模")
            .subject("产业规模")
            .quantity(1.2e11, "元", "1,200亿元")
            .build(),
    ];
    Arc::new(Corpus::from_parts(
        vec![a],
        items,
        Vec::new(),
        Themes::builtin(),
    ))
}

/// The window on [`corpus`], its curation written to `dir`.
fn in_memory(dir: &Path) -> Harness<'static, App> {
    let mut h = harness(Startup::Corpus(corpus()), 900.0);
    h.state_mut()
        .set_curation_file(Some(dir.join("curation.json")));
    h.run_steps(3);
    h
}

/// Replaces the text of the form field labelled `label` and leaves it with Enter.
fn type_into(h: &mut Harness<'static, App>, label: &str, text: &str) {
    let field = h
        .get_all_by_label(label)
        .find(|n| n.accesskit_node().role() == egui::accesskit::Role::TextInput)
        .unwrap_or_else(|| panic!("no field {label}"));
    field.focus();
    h.run_steps(2);
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.run_steps(1);
    h.event(egui::Event::Text(text.into()));
    h.run_steps(1);
    h.key_press(Key::Enter);
    h.run_steps(3);
}

#[test]
fn an_edited_value_shows_in_the_targets_chart_and_the_csv_export() {
    use biotimeline::export::DataFormat;
    use biotimeline::ui::charts::ExportJob;
    use biotimeline::ui::{ExportWhat, Tab};
    let dir = tempfile::tempdir().unwrap();
    let mut h = in_memory(dir.path());
    let target = h.state().corpus().item_index("a#2").unwrap();
    select(&mut h, target);
    h.get_by_label("编辑字段").click();
    h.run_steps(3);
    // A date that cannot be is refused where it is typed: nothing is recorded.
    type_into(&mut h, "日期 (精确到月)", "2024-13");
    h.get_by_label_contains("'2024-13' is not a date");
    assert!(h.state().curation().edits.is_empty());
    assert!(!dir.path().join("curation.json").exists());
    // A value is recorded, written, and the item changed.
    type_into(&mut h, "数值 (元)", "300,000,000,000");
    let file = dir.path().join("curation.json");
    assert_eq!(read(&file).edits.len(), 1, "{:?}", h.state().curation());
    let c = Arc::clone(h.state().corpus());
    let it = &c.items[c.item_index("a#2").unwrap()];
    assert_eq!(it.quantity.as_ref().unwrap().value, 3e11);
    assert_eq!(it.quantity.as_ref().unwrap().text, "3,000亿元");
    assert_eq!(it.curated.as_deref(), Some("edited"));
    h.get_by_label_contains("★ 已校订");
    // The targets chart's model (what its tab draws) has the new value.
    let app = h.state();
    let spec = biotimeline::chart::build(
        biotimeline::chart::ChartKind::TargetsVsActuals,
        &c,
        &app.settings.filter,
        app.view(),
        None,
    );
    let drawn = serde_json::to_string(&spec).unwrap();
    assert!(drawn.contains("3,000亿元"), "{drawn}");
    assert!(!drawn.contains("2,400亿元"), "{drawn}");
    // And so has the CSV export of the items shown.
    let job = ExportJob {
        corpus: Arc::clone(&c),
        filter: app.settings.filter.clone(),
        view: app.view().clone(),
        tab: Tab::Table,
        range: None,
        subjects: None,
        eras: true,
        lang: biotimeline::lang::Lang::Zh,
    };
    let csv = dir.path().join("items.csv");
    job.write(ExportWhat::Data(DataFormat::Csv), &csv).unwrap();
    let text = std::fs::read_to_string(&csv).unwrap();
    assert!(text.contains("300000000000"), "{text}");
    assert!(!text.contains("240000000000"), "{text}");
    // "Curated only" keeps just the edited item.
    h.get_by_label("仅已校订").click();
    h.run_steps(3);
    assert_eq!(h.state().view().items, vec![target]);
}

#[test]
fn an_item_is_added_from_a_selection_in_the_source_text() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = in_memory(dir.path());
    let event = h.state().corpus().item_index("a#1").unwrap();
    select(&mut h, event);
    // Select "2024年生物医药产业规模为1,200亿元" in the source text with the keyboard:
    // left to the start of the text, right to the passage, then Shift+right over it.
    let from = TEXT[..TEXT.find("2024年生物").unwrap()].chars().count();
    let len = "2024年生物医药产业规模为1,200亿元".chars().count();
    let text = h
        .get_all_by_value(TEXT)
        .next()
        .expect("the source text field");
    text.focus();
    h.run_steps(2);
    for _ in 0..TEXT.chars().count() {
        h.key_press(Key::ArrowLeft);
    }
    for _ in 0..from {
        h.key_press(Key::ArrowRight);
    }
    for _ in 0..len {
        h.key_press_modifiers(Modifiers::SHIFT, Key::ArrowRight);
    }
    h.run_steps(2);
    button(&h, "+ 数据").click();
    h.run_steps(4);
    let c = Arc::clone(h.state().corpus());
    let added: Vec<_> = c
        .items
        .iter()
        .filter(|it| it.curated.as_deref() == Some("added"))
        .collect();
    assert_eq!(added.len(), 1, "{:?}", h.state().note());
    let it = added[0];
    assert_eq!(it.kind, Kind::Metric);
    assert_eq!(it.quote, "2024年生物医药产业规模为1,200亿元");
    assert_eq!(it.span, [from, from + len]);
    // Prefilled by the rules: the figure and its year.
    assert_eq!(it.quantity.as_ref().map(|q| q.value), Some(1.2e11));
    assert_eq!(it.date.year, 2024);
    // The added item is selected, marked, and in the file.
    assert_eq!(h.state().selected(), c.item_index(&it.id));
    h.get_by_label_contains("+ 已添加");
    let file = read(&dir.path().join("curation.json"));
    assert!(matches!(&file.edits[0], Edit::Add { item } if item.kind == Kind::Metric));
    // Undo takes it away again.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(3);
    assert!(
        h.state()
            .corpus()
            .items
            .iter()
            .all(|it| it.curated.is_none())
    );
}

#[test]
fn two_items_merge_into_one_and_split_again() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = in_memory(dir.path());
    let c = Arc::clone(h.state().corpus());
    let target = c.item_index("a#2").unwrap();
    let metric = c.item_index("a#3").unwrap();
    // The metric first, then the target: "Merge with…" offers the metric.
    select(&mut h, metric);
    select(&mut h, target);
    button(&h, "合并到…").click();
    h.run_steps(2);
    h.get_all_by_label_contains("→ 2024 · 数据 · 生物医药产业规模")
        .next()
        .expect("the item selected before")
        .click();
    h.run_steps(3);
    let c = Arc::clone(h.state().corpus());
    assert_eq!(c.items.len(), 2);
    let merged = &c.items[c.item_index("a#2").unwrap()];
    assert_eq!(merged.sources.len(), 2);
    assert_eq!(merged.curated.as_deref(), Some("edited"));
    select(&mut h, c.item_index("a#2").unwrap());
    button(&h, "拆分").click();
    h.run_steps(3);
    assert_eq!(h.state().corpus().items.len(), 3);
    assert!(
        h.state().curation().edits.is_empty(),
        "the split undid the merge"
    );
}

#[test]
fn rows_marked_in_the_table_merge_into_one_item() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = in_memory(dir.path());
    h.get_by_label("条目表").click();
    h.run_steps(3);
    // Ctrl+click marks rows without selecting them; two marked merge.
    for value in ["2,400亿元", "1,200亿元"] {
        h.get_by_label(value).click_modifiers(Modifiers::COMMAND);
        h.run_steps(2);
    }
    assert_eq!(h.state().selected(), None);
    assert_eq!(h.state().table.marked.len(), 2);
    button(&h, "合并所标记的条目 (2)").click();
    h.run_steps(3);
    let c = Arc::clone(h.state().corpus());
    assert_eq!(c.items.len(), 2);
    let merged = &c.items[c.item_index("a#2").unwrap()];
    assert_eq!(merged.sources.len(), 2);
    assert!(h.state().table.marked.is_empty());
    assert!(matches!(
        &read(&dir.path().join("curation.json")).edits[0],
        Edit::Merge { keys } if keys.len() == 2
    ));
}
