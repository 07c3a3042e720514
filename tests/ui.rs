//! The explorer driven headless through egui_kittest: clicks, keys and typing go
//! through the same paths as a user's.

mod common;
use common::app::{harness, settle};

use biotimeline::corpus::Document;
use biotimeline::extract::{Kind, Themes};
use biotimeline::model::{Corpus, Source};
use biotimeline::testkit::{self, ItemBuilder};
use biotimeline::time::PartialDate;
use biotimeline::ui::timeline::pick;
use biotimeline::ui::{App, Startup};
use egui::{Key, Pos2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use std::sync::Arc;

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

/// Item `n` of document `d`, quoting `quote` from its text.
fn item(n: usize, d: &Document, kind: Kind, date: Option<PartialDate>, quote: &str) -> ItemBuilder {
    testkit::item(&d.id, n, kind, date.expect("a valid date")).quote_in(&d.text, quote)
}

/// Two documents, one simplified and one traditional, five items of every kind.
fn corpus() -> Arc<Corpus> {
    let a = doc(
        "a",
        "人工智能大会与产业目标",
        "第一段介绍背景。人工智能大会在张江开幕。到2025年产业规模达到2,400亿元。2024年生物医药产业规模为1,200亿元。最后一段。",
    );
    let b = doc(
        "b",
        "促進生物醫藥產業發展",
        "開頭。市政府印發《促進生物醫藥產業發展若干措施》，實施期2024至2026年。創新藥大會舉行。結尾。",
    );
    let items = vec![
        item(
            1,
            &a,
            Kind::Event,
            PartialDate::day(2023, 5, 10),
            "人工智能大会在张江开幕。",
        )
        .title("人工智能大会开幕")
        .themes(&["ai"])
        .build(),
        item(
            2,
            &a,
            Kind::Target,
            PartialDate::month(2023, 6),
            "到2025年产业规模达到2,400亿元。",
        )
        .title("产业规模目标")
        .themes(&["gene_cell"])
        .subject("产业规模")
        .quantity(2.4e11, "元", "2,400亿元")
        .deadline(2025)
        .build(),
        item(
            3,
            &a,
            Kind::Metric,
            Some(PartialDate::year(2024)),
            "2024年生物医药产业规模为1,200亿元。",
        )
        .title("生物医药产业规模")
        .themes(&["devices"])
        .subject("产业规模")
        .build(),
        item(
            1,
            &b,
            Kind::Policy,
            PartialDate::month(2024, 1),
            "市政府印發《促進生物醫藥產業發展若干措施》，實施期2024至2026年。",
        )
        .title("促進生物醫藥產業發展若干措施")
        .themes(&["innovation"])
        .policy_title("促進生物醫藥產業發展若干措施")
        .period(2024, 2026)
        .build(),
        item(
            2,
            &b,
            Kind::Event,
            PartialDate::day(2024, 11, 16),
            "創新藥大會舉行。",
        )
        .title("創新藥大會舉行")
        .build(),
    ];
    Arc::new(Corpus::from_parts(
        vec![a, b],
        items,
        Vec::new(),
        Themes::builtin(),
    ))
}

fn click_at(h: &mut Harness<'static, App>, pos: Pos2) {
    h.event(egui::Event::PointerMoved(pos));
    for pressed in [true, false] {
        h.event(egui::Event::PointerButton {
            pos,
            button: egui::PointerButton::Primary,
            pressed,
            modifiers: egui::Modifiers::NONE,
        });
    }
    h.run_steps(3);
}

/// Whether the detail panel's source text (a read-only text field, so a passage can
/// be selected in it) holds `needle`.
fn source_text_shows(h: &Harness<'static, App>, needle: &str) -> bool {
    use egui_kittest::kittest::NodeT;
    h.query_all_by_role(egui::accesskit::Role::MultilineTextInput)
        .any(|n| {
            n.accesskit_node()
                .value()
                .is_some_and(|v| v.contains(needle))
        })
}

fn index_of(c: &Corpus, id: &str) -> usize {
    c.item_index(id).expect("item exists")
}

#[test]
fn starts_on_the_seeds() {
    let mut h = harness(Startup::Load(Source::Seeds), 860.0);
    settle(&mut h);
    let app = h.state();
    assert_eq!(app.source(), &Source::Seeds);
    let c = Arc::clone(app.corpus());
    assert_eq!(c.documents.len(), 5, "{:?}", c.errors);
    assert!(c.errors.is_empty(), "{:?}", c.errors);
    assert!(c.items.len() >= 20, "{} items", c.items.len());
    h.get_by_label("5 篇文档");
    h.get_by_label(&format!("{0} / {0} 条目", c.items.len()));
    // Every kind has a lane with something in it, and a real target can be clicked
    // through to its sentence.
    let layout = h.state().timeline.last.clone().expect("timeline drawn");
    assert_eq!(layout.lanes.len(), 4);
    let target = c
        .items
        .iter()
        .position(|it| it.kind == Kind::Target && it.deadline.is_some())
        .expect("the seeds state targets");
    assert!(layout.placed.iter().any(|p| p.item == target && p.goal));
    let pos = layout.position_of(target).expect("target drawn");
    assert_eq!(pick(&layout, pos, 3.0), Some(target));
    click_at(&mut h, pos);
    assert_eq!(h.state().selected(), Some(target));
    let quote: String = c.items[target].quote.chars().take(12).collect();
    assert!(source_text_shows(&h, &quote));
}

#[test]
fn seed_search_finds_the_same_items_in_both_scripts() {
    let mut found = Vec::new();
    for text in ["醫藥", "医药"] {
        let mut h = harness(Startup::Load(Source::Seeds), 860.0);
        settle(&mut h);
        h.key_press_modifiers(egui::Modifiers::COMMAND, Key::F);
        h.run_steps(2);
        h.event(egui::Event::Text(text.into()));
        h.run_steps(3);
        found.push(h.state().view().items.clone());
    }
    assert_eq!(found[0], found[1]);
    assert!(!found[0].is_empty());
}

#[test]
fn clicking_an_item_shows_its_quote() {
    let c = corpus();
    let mut h = harness(Startup::Corpus(Arc::clone(&c)), 860.0);
    h.run_steps(4);
    let target = index_of(&c, "a#2");
    let layout = h.state().timeline.last.clone().expect("timeline drawn");
    let pos = layout.position_of(target).expect("target is on screen");
    // The plot's click goes through the same pick.
    assert_eq!(pick(&layout, pos, 3.0), Some(target));
    assert!(!source_text_shows(&h, "到2025年产业规模达到2,400亿元"));
    click_at(&mut h, pos);
    assert_eq!(h.state().selected(), Some(target));
    // The quote is shown inside the document's text, and the goal with its value.
    assert!(source_text_shows(
        &h,
        "到2025年产业规模达到2,400亿元。2024年"
    ));
    h.get_by_label("2,400亿元 @ 2025");
    // A related item (same subject) is one click away.
    h.get_by_label("2024 · 数据 · 生物医药产业规模").click();
    h.run_steps(3);
    assert_eq!(h.state().selected(), Some(index_of(&c, "a#3")));
}

#[test]
fn a_target_spans_to_its_goal() {
    let c = corpus();
    let mut h = harness(Startup::Corpus(Arc::clone(&c)), 860.0);
    h.run_steps(4);
    let target = index_of(&c, "a#2");
    let layout = h.state().timeline.last.clone().expect("timeline drawn");
    let goal = layout
        .placed
        .iter()
        .find(|p| p.item == target && p.goal)
        .expect("goal marker drawn");
    let start = layout.position_of(target).expect("start marker drawn");
    // The goal sits at the end of 2025, right of the announcement.
    let end_2025 = layout.screen_x(biotimeline::time::days_since_epoch(
        chrono::NaiveDate::from_ymd_opt(2025, 12, 31).unwrap(),
    ));
    assert!(goal.pos.x > start.x + 50.0);
    assert!((goal.pos.x - end_2025).abs() < 2.0);
    // No two markers overlap.
    for (i, p) in layout.placed.iter().enumerate() {
        for q in &layout.placed[i + 1..] {
            assert!(p.pos.distance(q.pos) >= 9.0, "{p:?} overlaps {q:?}");
        }
    }
}

#[test]
fn turning_a_theme_off_removes_its_items_and_updates_counts() {
    let c = corpus();
    let mut h = harness(Startup::Corpus(Arc::clone(&c)), 860.0);
    h.run_steps(3);
    h.get_by_label("5 / 5 条目");
    h.get_by_label("人工智能与数字化 1").click();
    h.run_steps(3);
    let event = index_of(&c, "a#1");
    assert!(!h.state().view().items.contains(&event));
    assert_eq!(h.state().view().items.len(), 4);
    h.get_by_label("人工智能与数字化 0");
    h.get_by_label("4 / 5 条目");
    let layout = h.state().timeline.last.clone().expect("timeline drawn");
    assert!(layout.position_of(event).is_none());
    // All brings it back.
    h.get_all_by_label("全选")
        .next()
        .expect("all button")
        .click();
    h.run_steps(3);
    h.get_by_label("5 / 5 条目");
}

fn search(text: &str) -> Vec<usize> {
    let mut h = harness(Startup::Corpus(corpus()), 860.0);
    h.run_steps(3);
    // Ctrl+F focuses the search box; then type.
    h.key_press_modifiers(egui::Modifiers::COMMAND, Key::F);
    h.run_steps(2);
    h.event(egui::Event::Text(text.into()));
    h.run_steps(3);
    assert_eq!(h.state().settings.filter.search, text);
    h.state().view().items.clone()
}

#[test]
fn both_scripts_find_the_same_items() {
    let trad = search("醫藥");
    let simp = search("医药");
    assert_eq!(trad, simp);
    let c = corpus();
    // One simplified item, one traditional item, and the other item of the
    // traditional document, whose title (促進生物醫藥…) is searched too.
    assert_eq!(
        trad,
        vec![
            index_of(&c, "b#1"),
            index_of(&c, "a#3"),
            index_of(&c, "b#2")
        ]
        .into_iter()
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect::<Vec<_>>()
    );
}

#[test]
fn arrows_step_through_time() {
    let c = corpus();
    let mut h = harness(Startup::Corpus(Arc::clone(&c)), 860.0);
    h.run_steps(3);
    let mut seen = Vec::new();
    for _ in 0..5 {
        h.key_press(Key::ArrowRight);
        h.run_steps(2);
        seen.push(h.state().selected().expect("selected"));
    }
    let dates: Vec<_> = seen.iter().map(|&i| c.items[i].date.start()).collect();
    assert!(dates.windows(2).all(|w| w[0] <= w[1]), "{dates:?}");
    assert_eq!(seen, (0..5).collect::<Vec<_>>());
    // At the end it stays; left goes back.
    h.key_press(Key::ArrowRight);
    h.run_steps(2);
    assert_eq!(h.state().selected(), Some(4));
    h.key_press(Key::ArrowLeft);
    h.run_steps(2);
    assert_eq!(h.state().selected(), Some(3));
    h.key_press(Key::Home);
    h.run_steps(2);
    assert_eq!(h.state().selected(), Some(0));
    h.key_press(Key::End);
    h.run_steps(2);
    assert_eq!(h.state().selected(), Some(4));
    h.key_press(Key::Escape);
    h.run_steps(2);
    assert_eq!(h.state().selected(), None);
    h.get_by_label("未选择条目");
    // After a click on the timeline (which takes the focus), the arrows still step.
    let layout = h.state().timeline.last.clone().expect("drawn");
    let pos = layout.position_of(2).expect("item 2 drawn");
    click_at(&mut h, pos);
    assert_eq!(h.state().selected(), Some(2));
    h.key_press(Key::ArrowRight);
    h.run_steps(2);
    assert_eq!(h.state().selected(), Some(3));
}

#[test]
fn language_switch_changes_labels() {
    let mut h = harness(Startup::Corpus(corpus()), 860.0);
    h.run_steps(3);
    h.get_by_label("English").click();
    h.run_steps(3);
    h.get_by_label("5 / 5 items");
    h.get_by_label("AI & digital 1");
    h.get_by_label("中文").click();
    h.run_steps(3);
    h.get_by_label("5 / 5 条目");
}

#[test]
fn a_bad_file_is_listed_in_the_errors() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("picture.png"),
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("news.txt"),
        "2024年11月16日，上海生物医药产业周开幕。",
    )
    .unwrap();
    let mut h = harness(
        Startup::Load(Source::Paths(vec![dir.path().to_path_buf()])),
        860.0,
    );
    settle(&mut h);
    let errors: Vec<String> = h.state().errors().map(|e| e.path.clone()).collect();
    assert!(
        errors.iter().any(|p| p.ends_with("picture.png")),
        "{errors:?}"
    );
    h.get_by_label_contains("个错误").click();
    h.run_steps(3);
    assert!(h.state().show_errors());
    h.get_by_label_contains("picture.png");
}

#[test]
fn ctrl_wheel_zooms_drag_pans_double_click_fits() {
    let mut h = harness(Startup::Corpus(corpus()), 860.0);
    h.run_steps(4);
    let range =
        |h: &Harness<'static, App>| h.state().timeline.last.as_ref().expect("drawn").x_range;
    let fitted = range(&h);
    let rect = h.state().timeline.last.as_ref().expect("drawn").rect;
    let at = rect.center() + egui::vec2(0.0, 200.0);
    h.event(egui::Event::PointerMoved(at));
    h.run_steps(2);
    let mut ctrl = egui::Modifiers::NONE;
    ctrl.ctrl = true;
    ctrl.command = true;
    h.state_mut(); // the input below is read in the next frame
    h.event_modifiers(
        egui::Event::MouseWheel {
            unit: egui::MouseWheelUnit::Line,
            delta: egui::vec2(0.0, 3.0),
            phase: egui::TouchPhase::Move,
            source: egui::MouseWheelSource::Unknown,
            modifiers: ctrl,
        },
        ctrl,
    );
    h.run_steps(6);
    let zoomed = range(&h);
    assert!(
        zoomed.1 - zoomed.0 < (fitted.1 - fitted.0) * 0.9,
        "{fitted:?} → {zoomed:?}"
    );
    // Zoomed at the cursor: the day under it stays put.
    let day = |r: (f64, f64)| r.0 + (r.1 - r.0) * f64::from((at.x - rect.left()) / rect.width());
    assert!((day(zoomed) - day(fitted)).abs() < (fitted.1 - fitted.0) * 0.02);
    // Drag right: earlier days come into view.
    h.drag_at(at);
    for i in 1..=10 {
        h.event(egui::Event::PointerMoved(
            at + egui::vec2(10.0 * i as f32, 0.0),
        ));
        h.step();
    }
    h.drop_at(at + egui::vec2(100.0, 0.0));
    h.run_steps(3);
    let panned = range(&h);
    assert!(panned.0 < zoomed.0 - 1.0, "{zoomed:?} → {panned:?}");
    // Double-click fits everything again.
    h.event(egui::Event::PointerMoved(at));
    h.step();
    for _ in 0..2 {
        for pressed in [true, false] {
            h.event(egui::Event::PointerButton {
                pos: at,
                button: egui::PointerButton::Primary,
                pressed,
                modifiers: egui::Modifiers::NONE,
            });
            h.step();
        }
    }
    h.run_steps(4);
    let refit = range(&h);
    assert!(
        (refit.0 - fitted.0).abs() < 1.0 && (refit.1 - fitted.1).abs() < 1.0,
        "{fitted:?} vs {refit:?}"
    );
}

#[test]
fn clicking_a_year_label_zooms_to_that_year() {
    let mut h = harness(Startup::Corpus(corpus()), 860.0);
    h.run_steps(4);
    let layout = h.state().timeline.last.clone().expect("drawn");
    let band = layout
        .years
        .iter()
        .find(|y| y.year == 2024)
        .expect("2024 shown");
    click_at(
        &mut h,
        egui::pos2(band.rect.center().x, layout.header.center().y),
    );
    let r = h.state().timeline.last.as_ref().expect("drawn").x_range;
    let start =
        biotimeline::time::days_since_epoch(chrono::NaiveDate::from_ymd_opt(2024, 1, 1).unwrap());
    assert!(r.0 < start && start - r.0 < 30.0, "{r:?}");
    assert!(r.1 - r.0 < 420.0, "{r:?}");
    // Zoomed in this far, labels are written next to the markers.
    assert!(
        !h.state()
            .timeline
            .last
            .as_ref()
            .expect("drawn")
            .labels
            .is_empty()
    );
}

/// eframe's own storage, which the app leaves empty (its state goes to its own file).
#[derive(Default)]
struct MemoryStorage(std::collections::HashMap<String, String>);

impl eframe::Storage for MemoryStorage {
    fn get_string(&self, key: &str) -> Option<String> {
        self.0.get(key).cloned()
    }
    fn set_string(&mut self, key: &str, value: String) {
        self.0.insert(key.into(), value);
    }
    fn remove_string(&mut self, key: &str) {
        self.0.remove(key);
    }
    fn flush(&mut self) {}
}

#[test]
fn filters_and_language_survive_a_restart() {
    let mut h = harness(Startup::Corpus(corpus()), 860.0);
    h.run_steps(3);
    h.get_by_label("English").click();
    h.run_steps(2);
    h.get_by_label("AI & digital 1").click();
    h.run_steps(2);
    let dir = tempfile::TempDir::new().unwrap();
    let path = dir.path().join("state.json");
    h.state_mut().set_state_path(Some(path.clone()));
    let mut storage = MemoryStorage::default();
    eframe::App::save(h.state_mut(), &mut storage);
    assert!(storage.0.is_empty(), "eframe's storage is not used");
    let saved = biotimeline::ui::state::load(&path);
    assert_eq!(saved.settings, h.state().settings);
    assert!(saved.egui_memory().is_some());
    // A new window started with what was saved shows the same.
    let mut h = Harness::builder()
        .with_size(egui::vec2(1400.0, 860.0))
        .build_eframe(move |cc| {
            App::with_settings(
                &cc.egui_ctx,
                Startup::Corpus(corpus()),
                Themes::builtin(),
                Vec::new(),
                saved.settings,
            )
        });
    h.run_steps(3);
    h.get_by_label("4 / 5 items");
    h.get_by_label("AI & digital 0");
}

#[test]
fn chart_tabs_draw_the_export_model() {
    let c = corpus();
    let mut h = harness(Startup::Corpus(Arc::clone(&c)), 860.0);
    h.run_steps(3);
    for (tab, kind) in [
        ("主题年度分布", biotimeline::chart::ChartKind::ThemesByYear),
        (
            "目标与实际",
            biotimeline::chart::ChartKind::TargetsVsActuals,
        ),
    ] {
        h.get_by_label(tab).click();
        h.run_steps(3);
        let app = h.state();
        let spec = biotimeline::chart::build(kind, &c, &app.settings.filter, app.view(), None);
        // The chart's title (in Chinese, the tab's name too) and its source line.
        assert_eq!(h.get_all_by_label(&spec.title).count(), 2);
        h.get_by_label(&spec.source_line);
    }
    // Filters still apply: turning every theme off leaves the chart with nothing.
    h.get_all_by_label("全不选")
        .next()
        .expect("none button")
        .click();
    h.run_steps(3);
    assert!(h.state().view().items.is_empty());
    h.get_by_label("时间轴").click();
    h.run_steps(3);
    assert!(
        h.state()
            .timeline
            .last
            .as_ref()
            .expect("drawn")
            .placed
            .is_empty()
    );
}

#[test]
fn exports_write_the_view() {
    use biotimeline::export::{DataFormat, ImageFormat};
    use biotimeline::ui::charts::ExportJob;
    use biotimeline::ui::{ExportWhat, Tab};
    let c = corpus();
    let filter = biotimeline::model::Filter {
        search: "醫藥".into(),
        ..Default::default()
    };
    let view = biotimeline::model::View::new(&c, &filter);
    let dir = tempfile::tempdir().unwrap();
    for tab in [Tab::Timeline, Tab::ThemesByYear, Tab::TargetsVsActuals] {
        let job = ExportJob {
            corpus: Arc::clone(&c),
            filter: filter.clone(),
            view: view.clone(),
            tab,
            range: None,
            subjects: None,
            eras: true,
            lang: biotimeline::lang::Lang::Zh,
        };
        let png = dir.path().join(format!("{tab:?}.png"));
        job.write(ExportWhat::Chart(ImageFormat::Png), &png)
            .unwrap();
        assert!(std::fs::read(&png).unwrap().starts_with(b"\x89PNG"));
        let csv = dir.path().join("items.csv");
        job.write(ExportWhat::Data(DataFormat::Csv), &csv).unwrap();
        let text = std::fs::read_to_string(&csv).unwrap();
        // Header plus the three items the search finds (two by their text, one by
        // its document's title), nothing else.
        assert_eq!(text.lines().count(), 4, "{text}");
    }
    // A path that cannot be written is an error naming it, not a panic.
    let job = ExportJob {
        corpus: Arc::clone(&c),
        filter,
        view,
        tab: Tab::Timeline,
        range: None,
        subjects: None,
        eras: true,
        lang: biotimeline::lang::Lang::Zh,
    };
    let bad = dir.path().join("missing-dir").join("x.svg");
    let e = job
        .write(ExportWhat::Chart(ImageFormat::Svg), &bad)
        .unwrap_err();
    assert!(e.contains("x.svg"), "{e}");
}

#[derive(Debug)]
struct Dropped(std::path::PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &std::path::Path {
        &self.0
    }
    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

#[test]
fn dropping_a_folder_opens_it_in_the_background() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("news.txt"),
        "上海生物医药产业周开幕\n\n2024年11月16日，上海国际生物医药产业周在张江开幕。到2025年，产业规模达到1万亿元。",
    )
    .unwrap();
    let mut h = harness(Startup::Corpus(corpus()), 860.0);
    h.run_steps(2);
    h.input_mut()
        .dropped_files
        .push(Arc::new(Dropped(dir.path().to_path_buf())));
    h.step();
    assert!(h.state().is_loading(), "the drop starts a load");
    settle(&mut h);
    assert_eq!(
        h.state().source(),
        &Source::Paths(vec![dir.path().to_path_buf()])
    );
    assert_eq!(h.state().corpus().documents.len(), 1);
    assert_eq!(
        h.state().settings.last_paths,
        vec![dir.path().to_path_buf()]
    );
}

/// File → Quit asks the window to close (eframe then saves the state).
#[test]
fn quit_closes_the_window() {
    let mut h = harness(Startup::Corpus(corpus()), 860.0);
    h.run();
    h.get_by_label("文件").click();
    h.run();
    h.get_all_by_label_contains("退出")
        .find(|n| {
            use egui_kittest::kittest::NodeT;
            n.accesskit_node().role() == egui::accesskit::Role::Button
        })
        .expect("a 退出 button in the File menu")
        .click();
    let closed = (0..4).any(|_| {
        h.step();
        h.output()
            .viewport_output
            .values()
            .any(|v| v.commands.contains(&egui::ViewportCommand::Close))
    });
    assert!(closed, "File → 退出 did not close the window");
}
