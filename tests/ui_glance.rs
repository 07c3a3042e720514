//! The explorer as an analyst reads it at a glance (issue 14), driven headless through
//! egui_kittest with clicks by label: exports and opens that never fail silently,
//! targets tracked, the item table, labels, colours, search and navigation.

mod common;
use common::app::wait;

use biotimeline::corpus::Document;
use biotimeline::extract::{Kind, Themes};
use biotimeline::model::{Corpus, Source};
use biotimeline::testkit::{self, ItemBuilder};
use biotimeline::time::PartialDate;
use biotimeline::ui::status::Note;
use biotimeline::ui::{App, Settings, Startup};
use egui::Key;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use std::sync::Arc;

fn doc(id: &str, title: &str, outlet: &str, text: &str) -> Document {
    Document {
        id: id.into(),
        path: format!("test/{id}.txt").into(),
        title: Some(title.into()),
        source: Some(outlet.into()),
        published: PartialDate::day(2024, 11, 16),
        encoding: "UTF-8".into(),
        text: text.into(),
        simplified: biotimeline::script::to_simplified(text),
        ..Default::default()
    }
}

fn item(n: usize, d: &Document, kind: Kind, date: &str) -> ItemBuilder {
    testkit::item(&d.id, n, kind, date).quote_in(&d.text, &d.text)
}

/// A city target with figures before and after it, a district's figure that must
/// stay off the city's panel, an event and a policy.
fn corpus() -> Arc<Corpus> {
    let a = doc(
        "a",
        "产业规划与目标",
        "浦江日报",
        "到2025年产业规模达到2,400亿元。",
    );
    let b = doc(
        "b",
        "人工智能赋能新药研发",
        "科技周刊",
        "2023年产业规模为1,900亿元。",
    );
    let items = vec![
        item(0, &a, Kind::Target, "2022-06")
            .title("产业规模目标")
            .themes(&["gene_cell"])
            .measured("产业规模", 2.4e11, "元")
            .quantity(2.4e11, "元", "2,400亿元")
            .deadline(2025)
            .build(),
        item(1, &a, Kind::Metric, "2021")
            .title("2021年产业规模")
            .themes(&["gene_cell"])
            .measured("产业规模", 1.7e11, "元")
            .quantity(1.7e11, "元", "1,700亿元")
            .build(),
        item(0, &b, Kind::Metric, "2023")
            .title("2023年产业规模")
            .themes(&["devices"])
            .measured("产业规模", 1.9e11, "元")
            .quantity(1.9e11, "元", "1,900亿元")
            .build(),
        item(1, &b, Kind::Metric, "2024")
            .title("浦东新区产业规模")
            .measured("浦东新区产业规模", 4.0e11, "元")
            .quantity(4.0e11, "元", "4,000亿元")
            .build(),
        item(3, &b, Kind::Target, "2024")
            .title("浦东新区目标")
            .measured("浦东新区产业规模", 5.0e11, "元")
            .quantity(5.0e11, "元", "5,000亿元")
            .deadline(2027)
            .build(),
        item(2, &b, Kind::Event, "2024-11-16")
            .title("人工智能药物研发大会开幕")
            .themes(&["devices", "ai"])
            .build(),
        item(2, &a, Kind::Policy, "2023-03")
            .title("行动方案")
            .policy_title("行动方案")
            .period(2023, 2025)
            .build(),
    ];
    Arc::new(Corpus::from_parts(
        vec![a, b],
        items,
        Vec::new(),
        Themes::builtin(),
    ))
}

fn harness() -> Harness<'static, App> {
    let mut h = common::app::harness(Startup::Corpus(corpus()), 860.0);
    // No system dialog here, whatever the machine has: the in-app prompt is tested.
    h.state_mut().set_system_dialogs(false);
    h.run_steps(3);
    h
}

/// Replaces the text of the focused field.
fn type_over(h: &mut Harness<'static, App>, text: &str) {
    h.key_press_modifiers(egui::Modifiers::COMMAND, Key::A);
    h.event(egui::Event::Text(text.into()));
    h.run_steps(2);
}

fn index_of(h: &Harness<'static, App>, id: &str) -> usize {
    h.state().corpus().item_index(id).expect("item exists")
}

#[test]
fn export_without_a_system_dialog_asks_in_the_window_and_says_where_it_went() {
    let mut h = harness();
    h.get_by_label("导出").click();
    h.run_steps(2);
    h.get_by_label("当前图表 PNG…").click();
    h.run_steps(3);
    let proposed = h
        .state()
        .prompt()
        .expect("the in-app prompt opened")
        .path
        .clone();
    assert!(
        proposed.ends_with("biotimeline-timeline-2021-2024.png"),
        "{proposed}"
    );
    h.get_by_label_contains("没有可用的系统文件对话框");
    // Every format has its own name.
    let names: Vec<String> = biotimeline::ui::ExportWhat::ALL
        .iter()
        .map(|w| {
            h.state()
                .default_export_path(*w)
                .file_name()
                .unwrap()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    let unique: std::collections::BTreeSet<&String> = names.iter().collect();
    assert_eq!(unique.len(), names.len(), "{names:?}");

    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("chart.png");
    type_over(&mut h, &target.display().to_string());
    h.get_by_label("保存").click();
    wait(&mut h, |a| a.note().is_some());
    assert!(h.state().prompt().is_none());
    let note = h.state().note().unwrap().clone();
    assert_eq!(
        note,
        Note::Info(format!("已导出 {}", target.display())),
        "{note:?}"
    );
    h.get_by_label(note.text());
    assert!(std::fs::read(&target).unwrap().starts_with(b"\x89PNG"));

    // A folder that does not exist is refused in the prompt, which stays open.
    h.get_by_label("导出").click();
    h.run_steps(2);
    h.get_by_label("筛选后的条目 CSV…").click();
    h.run_steps(3);
    assert!(h.state().prompt().unwrap().path.ends_with(".csv"));
    type_over(
        &mut h,
        &dir.path().join("no/such/items.csv").display().to_string(),
    );
    h.get_by_label("保存").click();
    h.run_steps(3);
    h.get_by_label_contains("文件夹不存在");
    assert!(h.state().prompt().is_some());
    // Cancel is said too.
    h.get_by_label("取消").click();
    h.run_steps(3);
    assert!(h.state().prompt().is_none());
    h.get_by_label("导出已取消");
}

#[test]
fn open_without_a_system_dialog_takes_a_typed_path() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("news.txt"),
        "上海生物医药产业周开幕\n\n2024年11月16日，上海国际生物医药产业周在张江开幕。",
    )
    .unwrap();
    let mut h = harness();
    h.get_by_label("文件").click();
    h.run_steps(2);
    h.get_by_label("打开文件夹…").click();
    h.run_steps(3);
    assert!(h.state().prompt().is_some(), "the open prompt");
    type_over(&mut h, "/no/such/folder");
    h.get_by_label("打开").click();
    h.run_steps(3);
    h.get_by_label_contains("路径不存在");
    type_over(&mut h, &dir.path().display().to_string());
    h.get_by_label("打开").click();
    h.run_steps(2);
    wait(&mut h, |a| !a.is_loading());
    assert_eq!(
        h.state().source(),
        &Source::Paths(vec![dir.path().to_path_buf()])
    );
    assert!(h.state().prompt().is_none());
}

#[test]
fn a_target_shows_its_latest_figure_progress_and_status() {
    let mut h = harness();
    let target = index_of(&h, "a#0");
    h.state_mut()
        .send(biotimeline::ui::Command::Select(Some(target)));
    h.run_steps(3);
    // 1,700 (2021) → 2,400 by 2025: at 2023 the straight path is at about 2,011, and
    // 1,900 is behind it. The district's 4,000 is not the city's figure.
    h.get_by_label("最新实际值");
    h.get_by_label("1,900亿元 (2023年)");
    h.get_by_label("79%");
    h.get_by_label("落后");
    // The figure is a link to its item.
    h.get_by_label("1,900亿元 (2023年)").click();
    h.run_steps(3);
    assert_eq!(h.state().selected(), Some(index_of(&h, "b#0")));

    // The targets chart: the status on the panel and a picker of every subject, the
    // district on a panel of its own.
    h.get_by_label("目标与实际").click();
    h.run_steps(3);
    h.get_by_label("产业规模 · 落后 79%");
    h.get_by_label("浦东新区产业规模 · 按计划 80%");
    h.get_by_label_contains("指标 2 / 2");
}

#[test]
fn the_item_table_sorts_selects_and_copies() {
    let mut h = harness();
    h.get_by_label("条目表").click();
    h.run_steps(3);
    let rows = h.state().table.rows().to_vec();
    assert_eq!(rows.len(), 7);
    // Sorted by value, largest first, on a second click.
    h.get_by_label("数值").click();
    h.run_steps(2);
    h.get_by_label("数值 ▲").click();
    h.run_steps(2);
    h.get_by_label("数值 ▼");
    let c = Arc::clone(h.state().corpus());
    let first = h.state().table.rows()[0];
    assert_eq!(c.items[first].title, "浦东新区目标");
    // Status and region columns.
    h.get_by_label("落后");
    assert_eq!(h.get_all_by_label("浦东新区").count(), 2);
    // A click on a row selects its item (the detail panel shows it).
    h.get_by_label("人工智能药物研发大会开幕").click();
    h.run_steps(3);
    assert_eq!(h.state().selected(), Some(index_of(&h, "b#2")));
    // Copy as TSV: the status line says how many rows.
    h.get_by_label("复制为 TSV").click();
    h.run_steps(2);
    h.get_by_label("7 行已复制");
}

fn layout(h: &Harness<'static, App>) -> biotimeline::ui::timeline::FrameLayout {
    h.state().timeline.last.clone().expect("timeline drawn")
}

/// Rests the pointer at `pos` until tooltips show (egui waits a moment).
fn hover(h: &mut Harness<'static, App>, pos: egui::Pos2) {
    h.event(egui::Event::PointerMoved(pos));
    for _ in 0..60 {
        h.step();
    }
}

#[test]
fn labels_sit_beside_markers_at_the_full_extent_with_the_title_on_hover() {
    let mut h = harness();
    let l = layout(&h);
    // Everything is in view (fit), and still labelled.
    assert_eq!(l.placed.iter().filter(|p| !p.goal).count(), 7);
    let target = index_of(&h, "a#0");
    let goal = l
        .labels
        .iter()
        .find(|x| x.item == target)
        .expect("the target is labelled");
    assert_eq!(goal.text, "产业规模 2,400亿元 @ 2025");
    let event = index_of(&h, "b#2");
    let label = l
        .labels
        .iter()
        .find(|x| x.item == event)
        .expect("the event is labelled")
        .clone();
    assert!(label.text.starts_with("人工智能"), "{label:?}");
    // Hovering the label names the item in full; clicking it selects the item.
    hover(&mut h, label.rect().center());
    h.get_by_label("人工智能药物研发大会开幕");
    let centre = label.rect().center();
    for pressed in [true, false] {
        h.event(egui::Event::PointerButton {
            pos: centre,
            button: egui::PointerButton::Primary,
            pressed,
            modifiers: egui::Modifiers::NONE,
        });
    }
    h.run_steps(3);
    assert_eq!(h.state().selected(), Some(event));
}

#[test]
fn a_density_bar_tells_its_period_and_counts_per_kind_and_theme() {
    let d = doc("d", "合成", "合成日报", "合成。");
    let items = (0..6000)
        .map(|n| {
            item(
                n,
                &d,
                Kind::Metric,
                &format!("2024-{:02}-{:02}", 1 + n % 12, 1 + n % 28),
            )
            .themes(&[if n % 3 == 0 { "ai" } else { "finance" }])
            .build()
        })
        .collect();
    let c = Arc::new(Corpus::from_parts(
        vec![d],
        items,
        Vec::new(),
        Themes::builtin(),
    ));
    let mut h = Harness::builder()
        .with_size(egui::vec2(1400.0, 860.0))
        .with_step_dt(1.0 / 60.0)
        .build_eframe(move |cc| {
            App::with_settings(
                &cc.egui_ctx,
                Startup::Corpus(c),
                Themes::builtin(),
                Vec::new(),
                Settings::default(),
            )
        });
    h.run_steps(3);
    let l = layout(&h);
    let bar = *l
        .clusters
        .iter()
        .filter(|c| c.bar)
        .max_by_key(|c| c.count)
        .expect("density bars");
    hover(&mut h, bar.rect.center());
    let wanted = format!("· {} 条目", bar.count);
    let text = {
        use egui_kittest::kittest::NodeT;
        let head = h.get_by_label_contains(&wanted);
        let n = head.accesskit_node();
        n.value().or(n.label()).unwrap_or_default()
    };
    assert!(text.starts_with("2024-"), "the period: {text}");
    h.get_by_label_contains(&format!("按类型: 数据 {}", bar.count));
    h.get_by_label_contains("按主题: ");
}

#[test]
fn an_item_takes_the_colour_of_a_theme_shown_and_search_covers_themes_titles_outlets() {
    let mut h = harness();
    let event = index_of(&h, "b#2");
    let colour = |h: &Harness<'static, App>| {
        layout(h)
            .placed
            .iter()
            .find(|p| p.item == event)
            .expect("drawn")
            .color
    };
    let rgb = |id: &str| {
        let [r, g, b] = Themes::builtin().get(id).unwrap().rgb();
        egui::Color32::from_rgb(r, g, b)
    };
    assert_eq!(colour(&h), rgb("devices"));
    h.get_by_label_contains("医疗器械").click();
    h.run_steps(3);
    assert_eq!(
        colour(&h),
        rgb("ai"),
        "devices is off: the event wears AI's colour"
    );

    // Search: a theme's English name, a document title, an outlet.
    let search = |h: &mut Harness<'static, App>, text: &str| -> Vec<String> {
        h.key_press_modifiers(egui::Modifiers::COMMAND, Key::F);
        h.run_steps(2);
        type_over(h, text);
        h.run_steps(2);
        let c = Arc::clone(h.state().corpus());
        h.state()
            .view()
            .items
            .iter()
            .map(|&i| c.items[i].id.clone())
            .collect()
    };
    let mut h = harness();
    assert_eq!(search(&mut h, "AI"), ["b#2"]);
    assert_eq!(search(&mut h, "科技周刊").len(), 4);
    assert_eq!(search(&mut h, "产业规划与目标").len(), 3);
}

fn x_range(h: &Harness<'static, App>) -> (f64, f64) {
    layout(h).x_range
}

fn wheel(h: &mut Harness<'static, App>, at: egui::Pos2, delta: f32) {
    h.event(egui::Event::PointerMoved(at));
    h.run_steps(2);
    let mut ctrl = egui::Modifiers::NONE;
    ctrl.ctrl = true;
    ctrl.command = true;
    h.state_mut();
    h.event_modifiers(
        egui::Event::MouseWheel {
            unit: egui::MouseWheelUnit::Line,
            delta: egui::vec2(0.0, delta),
            phase: egui::TouchPhase::Move,
            source: egui::MouseWheelSource::Unknown,
            modifiers: ctrl,
        },
        ctrl,
    );
    h.run_steps(4);
}

#[test]
fn f_zooms_to_the_selection_and_zoom_out_stops_near_the_data() {
    let mut h = harness();
    let fitted = x_range(&h);
    let target = index_of(&h, "a#0");
    h.state_mut()
        .send(biotimeline::ui::Command::Select(Some(target)));
    h.run_steps(2);
    h.key_press(Key::F);
    h.run_steps(4);
    let (a, b) = x_range(&h);
    let it = h.state().corpus().items[target].clone();
    let (lo, hi) = biotimeline::ui::timeline::item_range(&it);
    assert!((a - lo).abs() < 1.0 && (b - hi).abs() < 1.0, "{:?}", (a, b));
    assert!(b - a < fitted.1 - fitted.0);
    // Zooming far out stops at the data and a margin, with years still labelled.
    let at = layout(&h).rect.center() + egui::vec2(0.0, 150.0);
    for _ in 0..12 {
        wheel(&mut h, at, -10.0);
    }
    // Wheel zoom is smoothed over frames: let it finish.
    h.run_steps(40);
    let (a, b) = x_range(&h);
    assert!(
        b - a <= (fitted.1 - fitted.0) * 1.61,
        "{fitted:?} → {:?}",
        (a, b)
    );
    assert!(layout(&h).years.iter().any(|y| y.label));
}

#[test]
fn dragging_on_the_axis_filters_to_that_time_and_the_year_filter_refits() {
    let mut h = harness();
    let l = layout(&h);
    let y2023 = l
        .years
        .iter()
        .find(|y| y.year == 2023)
        .expect("2023 shown")
        .rect;
    let y2024 = l
        .years
        .iter()
        .find(|y| y.year == 2024)
        .expect("2024 shown")
        .rect;
    let from = egui::pos2(y2023.left() + 5.0, l.header.center().y);
    let to = egui::pos2(y2024.right() - 5.0, l.header.center().y);
    h.drag_at(from);
    for i in 1..=10 {
        h.event(egui::Event::PointerMoved(from.lerp(to, i as f32 / 10.0)));
        h.step();
    }
    h.drop_at(to);
    h.run_steps(4);
    let f = &h.state().settings.filter;
    assert_eq!((f.from_year, f.to_year), (Some(2023), Some(2024)));
    let (a, b) = x_range(&h);
    let days = |y: i32| biotimeline::time::days_since_epoch(PartialDate::year(y).start());
    // The dragged days (within the few points left of each year's edge).
    assert!(a >= days(2023) - 2.0 && a < days(2023) + 30.0, "{a}");
    assert!(b > days(2025) - 30.0 && b <= days(2025) + 2.0, "{b}");
    // Resetting the years (the year panel's Reset) refits to everything.
    // (Through accessibility: the button may sit under the fold of the filter panel.)
    h.get_by_label("重置").click_accesskit();
    h.run_steps(4);
    assert_eq!(h.state().settings.filter.from_year, None);
    let (a2, b2) = x_range(&h);
    assert!(a2 < a && b2 > b);
    // The year filter alone refits too.
    let mut f = h.state().settings.filter.clone();
    f.from_year = Some(2024);
    f.to_year = Some(2024);
    h.state_mut().send(biotimeline::ui::Command::SetFilter(f));
    h.run_steps(4);
    let (a3, b3) = x_range(&h);
    assert!(
        a3 > days(2024) - 20.0 && b3 < days(2025) + 20.0,
        "{:?}",
        (a3, b3)
    );
}

#[test]
fn named_views_are_saved_from_the_view_menu_and_kept_with_the_settings() {
    let mut h = harness();
    h.get_by_label_contains("医疗器械").click();
    h.run_steps(3);
    h.get_by_label("视图").click();
    h.run_steps(2);
    h.get_by_role_and_label(egui::accesskit::Role::TextInput, "视图名称")
        .focus();
    h.run_steps(1);
    h.get_by_role_and_label(egui::accesskit::Role::TextInput, "视图名称")
        .type_text("无器械");
    h.run_steps(1);
    h.get_by_label("保存视图").click();
    h.run_steps(3);
    let views = &h.state().settings.views;
    assert_eq!(views.len(), 1);
    assert_eq!(views[0].name, "无器械");
    assert!(views[0].filter.hidden_themes.contains("devices"));
    // Kept with the settings (what is saved at exit).
    let saved = h.state().saved_state();
    assert_eq!(saved.settings.views, h.state().settings.views);
    // Back to everything, then the view restores its filter.
    h.get_all_by_label("全选")
        .next()
        .expect("all themes")
        .click();
    h.run_steps(3);
    assert!(h.state().settings.filter.hidden_themes.is_empty());
    if h.query_by_label("无器械").is_none() {
        h.get_by_label("视图").click();
        h.run_steps(2);
    }
    h.get_by_label("无器械").click();
    h.run_steps(3);
    assert!(h.state().settings.filter.hidden_themes.contains("devices"));
}

#[test]
fn after_a_restart_with_a_search_clearing_it_shows_the_items() {
    let c = corpus();
    let settings = Settings {
        filter: biotimeline::model::Filter {
            search: "没有这个词".into(),
            ..Default::default()
        },
        ..Settings::default()
    };
    let mut h = Harness::builder()
        .with_size(egui::vec2(1400.0, 860.0))
        .with_step_dt(1.0 / 60.0)
        .build_eframe(move |cc| {
            App::with_settings(
                &cc.egui_ctx,
                Startup::Corpus(c),
                Themes::builtin(),
                Vec::new(),
                settings,
            )
        });
    h.run_steps(3);
    assert!(layout(&h).placed.is_empty());
    h.key_press_modifiers(egui::Modifiers::COMMAND, Key::F);
    h.run_steps(2);
    type_over(&mut h, "");
    h.key_press(Key::Backspace);
    h.run_steps(4);
    assert_eq!(h.state().settings.filter.search, "");
    assert_eq!(layout(&h).placed.iter().filter(|p| !p.goal).count(), 7);
}

#[test]
fn plan_periods_are_shaded_switched_in_the_view_menu_and_exported() {
    let mut h = harness();
    let eras = biotimeline::chart::eras(h.state().corpus(), h.state().view());
    assert_eq!(eras.len(), 1);
    assert_eq!(eras[0].label, "2023–2025 行动方案");
    // Drawn under the year strip, and in the exported timeline.
    h.get_by_label("2023–2025 行动方案").hover();
    let dir = tempfile::tempdir().unwrap();
    let export = |h: &mut Harness<'static, App>, name: &str| -> String {
        let path = dir.path().join(name);
        h.state_mut().send(biotimeline::ui::Command::ExportTo(
            biotimeline::ui::ExportWhat::Chart(biotimeline::export::ImageFormat::Svg),
            path.clone(),
        ));
        h.run_steps(2);
        wait(h, |a| {
            a.note()
                .is_some_and(|n| n.text().ends_with(&path.display().to_string()))
        });
        std::fs::read_to_string(&path).unwrap()
    };
    assert!(export(&mut h, "on.svg").contains("2023–2025 行动方案"));
    // Off in the View menu: gone from the window and the export.
    h.get_by_label("视图").click();
    h.run_steps(2);
    h.get_by_label("规划期背景").click();
    h.run_steps(3);
    assert!(h.state().settings.hide_eras);
    assert!(h.query_by_label("2023–2025 行动方案").is_none());
    assert!(!export(&mut h, "off.svg").contains("2023–2025 行动方案"));
}

#[test]
fn every_label_follows_the_ui_language_warnings_and_charts_too() {
    let mut d = doc(
        "w",
        "带拼音的文章",
        "浦江日报",
        "到2025年产业规模达到2,400亿元。",
    );
    d.warnings = vec!["repaired 3 pinyin annotations".into()];
    let items = vec![
        item(0, &d, Kind::Target, "2022")
            .measured("产业规模", 2.4e11, "元")
            .quantity(2.4e11, "元", "2,400亿元")
            .deadline(2025)
            .build(),
        item(1, &d, Kind::Metric, "2023")
            .measured("产业规模", 1.9e11, "元")
            .quantity(1.9e11, "元", "1,900亿元")
            .build(),
    ];
    let c = Arc::new(Corpus::from_parts(
        vec![d],
        items,
        Vec::new(),
        Themes::builtin(),
    ));
    let mut h = Harness::builder()
        .with_size(egui::vec2(1400.0, 860.0))
        .with_step_dt(1.0 / 60.0)
        .build_eframe(move |cc| {
            App::with_settings(
                &cc.egui_ctx,
                Startup::Corpus(c),
                Themes::builtin(),
                Vec::new(),
                Settings::default(),
            )
        });
    h.run_steps(3);
    h.state_mut()
        .send(biotimeline::ui::Command::Select(Some(0)));
    h.run_steps(3);
    // The reading warning, in Chinese in the Chinese window.
    h.get_by_label("已去除 3 处拼音注音");
    h.get_by_label("目标与实际").click();
    h.run_steps(3);
    // The tab and the chart's title.
    assert_eq!(h.get_all_by_label("目标与实际").count(), 2);
    h.get_by_label("实际");
    // English: the warning, the chart title, legend and status.
    h.get_by_label("English").click();
    h.run_steps(3);
    h.get_by_label("repaired 3 pinyin annotations");
    assert_eq!(h.get_all_by_label("Targets vs actuals").count(), 2);
    h.get_by_label("Reported");
    h.get_by_label("Target: on track");
    h.get_by_label_contains("Source: 1 article");
    assert!(h.query_by_label("目标与实际").is_none());
}
