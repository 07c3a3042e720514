//! Charts and exports: the library writers on a synthetic corpus, and the `chart` /
//! `export` commands end to end.

use biotimeline::corpus::Document;
use biotimeline::export::{self, DataFormat, ImageFormat, chart, png, svg};
use biotimeline::extract::{Item, Kind, Qualifier, Quantity, Themes};
use biotimeline::model::{Corpus, Filter, View};
use biotimeline::time::PartialDate;
use resvg::tiny_skia::Pixmap;
use resvg::usvg::roxmltree;
use std::collections::{BTreeSet, HashMap};
use std::path::Path;
use std::process::Command;

fn item(doc: &str, n: usize, kind: Kind, date: &str, themes: &[&str], title: &str) -> Item {
    Item {
        id: format!("{doc}#{n}"),
        kind,
        date: PartialDate::parse(date).unwrap(),
        end_date: None,
        title: title.to_string(),
        themes: themes.iter().map(|s| s.to_string()).collect(),
        doc: doc.to_string(),
        quote: format!("{title}，据报道，\"引号\"与逗号,都要保留。"),
        span: [n * 10, n * 10 + 8],
        subject: None,
        quantity: None,
        deadline: None,
        policy_title: None,
        period: None,
        issuers: Vec::new(),
        key: String::new(),
        sources: Vec::new(),
        region: None,
        conflicts: Vec::new(),
    }
}

fn measured(mut it: Item, subject: &str, value: f64, unit: &str, text: &str) -> Item {
    it.subject = Some(subject.to_string());
    it.quantity = Some(Quantity {
        value,
        unit: unit.to_string(),
        text: text.to_string(),
        qualifier: Qualifier::Exact,
    });
    it
}

/// Four articles over 2021–2024 with every kind, several themes, targets that meet
/// metrics of a longer subject, and texts that need CSV quoting.
fn sample() -> Corpus {
    let docs = ["a", "b", "c", "d"]
        .map(|id| Document {
            id: id.to_string(),
            title: Some(format!("文章{id}")),
            source: Some("某报".to_string()),
            published: PartialDate::parse("2022-11-16"),
            ..Default::default()
        })
        .to_vec();
    let mut items = vec![
        item(
            "a",
            1,
            Kind::Event,
            "2021-10-11",
            &["innovation"],
            "产业周开幕",
        ),
        item("a", 2, Kind::Event, "2021-10-12", &["ai"], "人工智能论坛"),
        measured(
            item("a", 3, Kind::Metric, "2021", &[], "产值"),
            "生物医药制造业产值",
            1.7e11,
            "元",
            "1,700亿元",
        ),
        item(
            "b",
            1,
            Kind::Event,
            "2022-11-14",
            &["clinical"],
            "临床研究大会",
        ),
        measured(
            item("b", 2, Kind::Metric, "2022", &["space"], "园区面积"),
            "物业面积",
            5.7e6,
            "平方米",
            "570万平方米",
        ),
        measured(
            item("b", 3, Kind::Metric, "2022", &[], "产值"),
            "制造业产值",
            1.9e11,
            "元",
            "1,900亿元",
        ),
        item(
            "c",
            1,
            Kind::Policy,
            "2023-10-16",
            &["gene_cell"],
            "基因治疗行动方案",
        ),
        item(
            "c",
            2,
            Kind::Event,
            "2023-06",
            &["finance", "ai"],
            "基金设立, 规模\"百亿\"",
        ),
        item(
            "d",
            1,
            Kind::Event,
            "2024-03-02",
            &["devices"],
            "器械审批提速",
        ),
    ];
    let mut t = measured(
        item("b", 4, Kind::Target, "2022", &[], "产值目标"),
        "制造业产值",
        2.4e11,
        "元",
        "2,400亿元",
    );
    t.deadline = Some(2025);
    items.push(t);
    let mut t = measured(
        item("c", 3, Kind::Target, "2023", &["space"], "厂房目标"),
        "标准厂房",
        5e6,
        "平方米",
        "500万平方米",
    );
    t.deadline = Some(2025);
    items.push(t);
    items[6].period = Some([2023, 2025]);
    items[6].policy_title = Some("基因治疗行动方案(2023-2025年)".to_string());
    Corpus::from_parts(docs, items, Vec::new(), Themes::builtin())
}

fn all(c: &Corpus) -> View {
    View::new(c, &Filter::default())
}

fn parse_svg(text: &str) -> roxmltree::Document<'_> {
    // The PNG writer's parser must accept it too.
    resvg::usvg::Tree::from_str(text, &png::usvg_options()).expect("usvg parses the SVG");
    roxmltree::Document::parse(text).expect("well-formed XML")
}

fn texts(doc: &roxmltree::Document) -> Vec<String> {
    doc.descendants()
        .filter(|n| n.has_tag_name("text"))
        .filter_map(|n| n.text().map(str::to_string))
        .collect()
}

/// Distinct RGBA values in a decoded image: a blank or single-colour image has few.
fn distinct_pixels(png_bytes: &[u8]) -> (u32, u32, usize) {
    let p = Pixmap::decode_png(png_bytes).expect("PNG decodes");
    let set: BTreeSet<[u8; 4]> = p
        .pixels()
        .iter()
        .map(|c| [c.red(), c.green(), c.blue(), c.alpha()])
        .collect();
    (p.width(), p.height(), set.len())
}

#[test]
fn svg_of_each_chart_holds_title_ticks_labels_and_source() {
    let c = sample();
    let v = all(&c);
    let specs = [
        chart::timeline(&c, &v, None),
        chart::themes_by_year(&c, &v),
        chart::targets_vs_actuals(&c, &v),
    ];
    for spec in &specs {
        let text = svg::render(spec, 1200, 700);
        let doc = parse_svg(&text);
        let root = doc.root_element();
        assert_eq!(root.attribute("width"), Some("1200"));
        let family = root.attribute("font-family").unwrap_or_default();
        assert!(
            family.starts_with(&format!("'{}'", svg::FONT_FAMILY)),
            "{family}"
        );
        let t = texts(&doc);
        assert!(t.contains(&spec.title), "{:?}", spec.kind);
        assert!(t.contains(&spec.source_line));
        assert!(
            t.iter().any(|s| s == "2022") && t.iter().any(|s| s == "2023"),
            "{:?} year ticks missing: {t:?}",
            spec.kind
        );
    }
    // Themes by year: every theme present is named in the legend, in Chinese.
    let t = texts(&parse_svg(&svg::render(&specs[1], 1200, 700)));
    for label in [
        "人工智能与数字化",
        "源头创新",
        "医疗器械",
        "投融资",
        "临床与转化",
    ] {
        assert!(t.iter().any(|s| s == label), "{label} missing: {t:?}");
    }
    assert_eq!(specs[1].source_line, "Source: 4 articles, 2021–2024");
    // Timeline: lanes named; targets vs actuals: the goal labelled in 亿元.
    let t = texts(&parse_svg(&svg::render(&specs[0], 1200, 700)));
    assert!(t.iter().any(|s| s == "事件 Events"), "{t:?}");
    let t = texts(&parse_svg(&svg::render(&specs[2], 1200, 700)));
    assert!(t.iter().any(|s| s == "目标 2,400亿元 (2025)"), "{t:?}");
    assert!(t.iter().any(|s| s == "制造业产值 (亿元)"), "{t:?}");
    assert!(t.iter().any(|s| s == "标准厂房 (万平方米)"), "{t:?}");
}

#[test]
fn svg_marks_carry_hover_titles_and_escape_text() {
    let c = sample();
    let text = svg::render(&chart::timeline(&c, &all(&c), None), 1000, 600);
    let doc = parse_svg(&text);
    let titles: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("title"))
        .filter_map(|n| n.text())
        .collect();
    assert!(
        titles.iter().any(|t| t.contains("基金设立, 规模\"百亿\"")),
        "{titles:?}"
    );
    assert!(
        titles.iter().any(|t| t.contains("2,400亿元, 2025年")),
        "{titles:?}"
    );
}

#[test]
fn png_decodes_at_the_requested_size_and_is_not_blank() {
    let c = sample();
    let v = all(&c);
    for spec in [
        chart::timeline(&c, &v, None),
        chart::themes_by_year(&c, &v),
        chart::targets_vs_actuals(&c, &v),
    ] {
        for (width, height) in [(900, 500), (svg::MIN_SIZE, svg::MIN_SIZE)] {
            let bytes = png::render(&spec, width, height).unwrap();
            let (w, h, distinct) = distinct_pixels(&bytes);
            assert_eq!((w, h), (width, height));
            // Anti-aliased text and coloured marks give hundreds of values.
            assert!(distinct > 100, "{:?}: only {distinct} colours", spec.kind);
            // Even the smallest canvas keeps a plot: its axis lines are there.
            let text = svg::render(&spec, width, height);
            assert!(
                text.contains(r##"stroke="#999999""##),
                "{:?} {width}",
                spec.kind
            );
        }
    }
}

#[test]
fn png_text_is_drawn_with_the_embedded_font() {
    // The same chart with and without its title: if CJK text were not rendered
    // (missing font), the two images would be identical.
    let c = sample();
    let mut spec = chart::themes_by_year(&c, &all(&c));
    let with = png::render(&spec, 600, 400).unwrap();
    spec.title = String::new();
    let without = png::render(&spec, 600, 400).unwrap();
    let a = Pixmap::decode_png(&with).unwrap();
    let b = Pixmap::decode_png(&without).unwrap();
    let differ = a
        .pixels()
        .iter()
        .zip(b.pixels())
        .filter(|(x, y)| x != y)
        .count();
    assert!(differ > 200, "title changed only {differ} pixels");
}

/// A minimal RFC 4180 reader: quoted fields with "" escapes and embedded commas.
fn read_csv(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(ch) = chars.next() {
        match (quoted, ch) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut field)),
            (false, '\n') => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (false, '\r') => {}
            (false, c) => field.push(c),
        }
    }
    rows
}

#[test]
fn csv_reads_back_to_the_same_items() {
    let c = sample();
    let v = all(&c);
    let bytes = export::data_bytes(&c, &v, DataFormat::Csv).unwrap();
    // UTF-8 with a byte-order mark, for Excel.
    let text = std::str::from_utf8(&bytes).unwrap();
    let rows = read_csv(text.strip_prefix('\u{feff}').expect("BOM"));
    let header = &rows[0];
    assert_eq!(header, &export::csv::HEADER.map(String::from).to_vec());
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    assert_eq!(rows.len() - 1, c.items.len());
    for (row, it) in rows[1..].iter().zip(&c.items) {
        assert_eq!(row.len(), header.len());
        assert_eq!(row[col("id")], it.id);
        assert_eq!(row[col("kind")], it.kind.as_str());
        assert_eq!(PartialDate::parse(&row[col("date")]), Some(it.date));
        assert_eq!(row[col("title")], it.title);
        assert_eq!(row[col("quote")], it.quote);
        assert_eq!(row[col("themes")], it.themes.join(";"));
        let value = row[col("value")].parse::<f64>().ok();
        assert_eq!(value, it.quantity.as_ref().map(|q| q.value));
        assert_eq!(
            row[col("deadline")].parse::<i32>().ok(),
            it.deadline,
            "{}",
            it.id
        );
    }
}

#[test]
fn json_export_keeps_only_the_view_and_its_documents() {
    let c = sample();
    let f = Filter {
        from_year: Some(2024),
        ..Filter::default()
    };
    let v = View::new(&c, &f);
    let j: serde_json::Value =
        serde_json::from_slice(&export::data_bytes(&c, &v, DataFormat::Json).unwrap()).unwrap();
    assert_eq!(j["schema"], "biotimeline/1");
    let ids: Vec<&str> = j["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_str().unwrap())
        .collect();
    // The 2024 event and the targets due in 2025 overlap 2024; nothing else does.
    assert_eq!(ids.len(), v.items.len());
    assert!(ids.contains(&"d#1") && ids.contains(&"b#4") && !ids.contains(&"a#1"));
    let docs: BTreeSet<&str> = j["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["id"].as_str().unwrap())
        .collect();
    assert_eq!(docs, BTreeSet::from(["b", "c", "d"]));
}

#[test]
fn timelinejs_has_the_required_fields_and_only_known_date_parts() {
    let c = sample();
    let j: serde_json::Value =
        serde_json::from_slice(&export::data_bytes(&c, &all(&c), DataFormat::TimelineJs).unwrap())
            .unwrap();
    assert!(j["title"]["text"]["headline"].is_string());
    let events = j["events"].as_array().unwrap();
    assert_eq!(events.len(), c.items.len());
    let by_id: HashMap<&str, &serde_json::Value> = events
        .iter()
        .map(|e| (e["unique_id"].as_str().unwrap(), e))
        .collect();
    for e in events {
        assert!(e["start_date"]["year"].is_i64());
        assert!(e["text"]["headline"].is_string() && e["text"]["text"].is_string());
        assert!(e["group"].is_string());
    }
    // Day precision keeps all parts; year precision only the year.
    assert_eq!(
        by_id["a-1"]["start_date"],
        serde_json::json!({"year": 2021, "month": 10, "day": 11})
    );
    assert_eq!(
        by_id["a-3"]["start_date"],
        serde_json::json!({"year": 2021})
    );
    // A target runs to its deadline, a policy to the end of its period.
    assert_eq!(by_id["b-4"]["end_date"], serde_json::json!({"year": 2025}));
    assert_eq!(by_id["c-1"]["end_date"], serde_json::json!({"year": 2025}));
    assert!(by_id["a-1"].get("end_date").is_none());
    // Quotes are HTML-escaped: TimelineJS renders text as HTML.
    let text = by_id["c-2"]["text"]["headline"].as_str().unwrap();
    assert!(text.contains("&quot;百亿&quot;"), "{text}");
    assert_eq!(by_id["a-1"]["group"], chart::lane_label(Kind::Event));
}

#[test]
fn a_filter_changes_what_is_drawn() {
    let c = sample();
    let v = all(&c);
    let only_ai = View::new(
        &c,
        &Filter {
            hidden_themes: Filter::only_themes(&c, &["ai".to_string()]),
            hide_unthemed: true,
            ..Filter::default()
        },
    );
    let full = chart::themes_by_year(&c, &v);
    let ai = chart::themes_by_year(&c, &only_ai);
    assert!(ai.items.len() < full.items.len());
    let full_t = texts(&parse_svg(&svg::render(&full, 1000, 600)));
    let ai_t = texts(&parse_svg(&svg::render(&ai, 1000, 600)));
    assert!(full_t.iter().any(|s| s == "医疗器械"));
    assert!(!ai_t.iter().any(|s| s == "医疗器械"), "{ai_t:?}");
    assert!(ai_t.iter().any(|s| s == "人工智能与数字化"));
    // Items with a second theme still count under it (the "投融资" of the AI fund)...
    assert!(ai_t.iter().any(|s| s == "投融资"));
    // ...unless the user turned that theme off.
    let filter = Filter {
        hidden_themes: Filter::only_themes(&c, &["ai".to_string()]),
        hide_unthemed: true,
        ..Filter::default()
    };
    let built = chart::build(chart::ChartKind::ThemesByYear, &c, &filter, &only_ai, None);
    let labels: BTreeSet<&str> = built.panels[0]
        .bars
        .iter()
        .map(|b| b.label.as_str())
        .collect();
    assert_eq!(labels, BTreeSet::from(["人工智能与数字化"]));
    assert_eq!(built.subtitle.as_deref(), Some("主题: 人工智能与数字化"));
    // On the timeline, the fund (finance first, then ai) takes the colour of ai.
    let tl = chart::build(chart::ChartKind::Timeline, &c, &filter, &only_ai, None);
    let ai_rgb = c.themes.get("ai").unwrap().rgb();
    let fund = tl.panels[0]
        .markers
        .iter()
        .find(|m| m.items == ["c#2"])
        .unwrap();
    assert_eq!(fund.color, ai_rgb);
    assert!(!tl.legend.iter().any(|e| e.label == "投融资"));
    // A year range narrows the timeline.
    let late = View::new(
        &c,
        &Filter {
            from_year: Some(2023),
            ..Filter::default()
        },
    );
    let tl = chart::timeline(&c, &late, None);
    assert!(!tl.items.contains(&"a#1".to_string()));
    assert!(tl.items.contains(&"d#1".to_string()));
}

#[test]
fn chart_files_are_written_atomically() {
    let c = sample();
    let spec = chart::targets_vs_actuals(&c, &all(&c));
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("t.png");
    export::save_chart(&out, &spec, ImageFormat::Png, 800, 600).unwrap();
    let (w, h, _) = distinct_pixels(&std::fs::read(&out).unwrap());
    assert_eq!((w, h), (800, 600));
    let bad = dir.path().join("missing").join("t.svg");
    let e = export::save_chart(&bad, &spec, ImageFormat::Svg, 800, 600).unwrap_err();
    assert!(e.to_string().contains("t.svg"), "{e}");
    // Nothing but the one file was left in the folder (no temporary files).
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
}

// ---------------------------------------------------------------------------------
// The commands

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_biotimeline"))
}

/// A folder of small articles for the commands to read: plain UTF-8 text works with
/// any loader.
fn corpus_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let a = "上海生物医药产业周开幕\n\n2022年11月14日，第二届上海国际生物医药产业周开幕。\
             到2025年，制造业产值突破2400亿元。\n";
    std::fs::write(dir.path().join("a.txt"), a).unwrap();
    dir
}

#[test]
fn bad_output_path_exits_2_and_leaves_the_old_file() {
    let dir = corpus_dir();
    let out = dir.path().join("keep.svg");
    std::fs::write(&out, "old").unwrap();
    // A directory cannot be replaced by a file.
    let blocked = dir.path().join("sub");
    std::fs::create_dir(&blocked).unwrap();
    for args in [
        vec!["chart", "--kind", "themes", "--out"],
        vec!["export", "--format", "csv", "--out"],
    ] {
        let o = bin()
            .args(&args)
            .arg(&blocked)
            .arg(dir.path().join("a.txt"))
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(err.trim().lines().count(), 1, "{err}");
    }
    // A bad option fails before anything is written.
    let o = bin()
        .args(["chart", "--kind", "timeline", "--width", "10", "--out"])
        .arg(&out)
        .arg(dir.path().join("a.txt"))
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    let o = bin()
        .args(["chart", "--kind", "timeline", "--theme", "nope", "--out"])
        .arg(&out)
        .arg(dir.path().join("a.txt"))
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    if readable(&dir.path().join("a.txt")) {
        assert!(String::from_utf8_lossy(&o.stderr).contains("unknown theme"));
    }
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "old");
    // No temporary file was left behind by the failed renames.
    let mut names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["a.txt", "keep.svg", "sub"]);
}

/// Whether this build can read plain text files (the loader may not have landed yet).
fn readable(input: &Path) -> bool {
    bin()
        .arg("extract")
        .arg(input)
        .output()
        .is_ok_and(|o| o.status.success())
}

fn run_ok(args: &[&str], out: &Path, input: &Path) {
    let o = bin()
        .args(args)
        .arg("--out")
        .arg(out)
        .arg(input)
        .output()
        .unwrap();
    assert!(
        o.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
}

#[test]
fn commands_write_every_format() {
    let dir = corpus_dir();
    let input = dir.path().join("a.txt");
    if !bin()
        .arg("extract")
        .arg(&input)
        .output()
        .unwrap()
        .status
        .success()
    {
        // The reader of plain text files is not built yet on this branch.
        eprintln!("skipping: extract cannot read {}", input.display());
        return;
    }
    for kind in ["timeline", "themes", "targets"] {
        let svg_out = dir.path().join(format!("{kind}.svg"));
        run_ok(
            &["chart", "--kind", kind, "--format", "svg"],
            &svg_out,
            &input,
        );
        let text = std::fs::read_to_string(&svg_out).unwrap();
        parse_svg(&text);
        let png_out = dir.path().join(format!("{kind}.png"));
        run_ok(
            &[
                "chart", "--kind", kind, "--format", "png", "--width", "640", "--height", "480",
            ],
            &png_out,
            &input,
        );
        let (w, h, distinct) = distinct_pixels(&std::fs::read(&png_out).unwrap());
        assert_eq!((w, h), (640, 480));
        assert!(distinct > 50, "{kind}: {distinct}");
    }
    for format in ["csv", "json", "timelinejs"] {
        let out = dir.path().join(format!("items.{format}"));
        run_ok(&["export", "--format", format], &out, &input);
        let text = std::fs::read_to_string(&out).unwrap();
        if format == "csv" {
            assert_eq!(read_csv(text.trim_start_matches('\u{feff}'))[0][0], "id");
        } else {
            let j: serde_json::Value = serde_json::from_str(&text).unwrap();
            assert!(j.get("items").or(j.get("events")).is_some());
        }
    }
}

#[test]
fn a_large_corpus_still_charts() {
    // 20,000 items over ten years: every chart builds, renders and stays readable
    // (labels that would collide are dropped, not stacked).
    let themes = [
        "ai",
        "innovation",
        "synbio",
        "gene_cell",
        "devices",
        "finance",
    ];
    let docs: Vec<Document> = (0..200)
        .map(|i| Document {
            id: format!("doc{i}"),
            ..Default::default()
        })
        .collect();
    let items: Vec<Item> = (0..20_000)
        .map(|n| {
            let kind = Kind::ALL[n % 4];
            let date = format!("{}-{:02}-{:02}", 2015 + n % 10, 1 + n % 12, 1 + n % 28);
            let mut it = item(
                &format!("doc{}", n % 200),
                n,
                kind,
                &date,
                &[themes[n % themes.len()]],
                &format!("事件标题{n}"),
            );
            if matches!(kind, Kind::Target | Kind::Metric) {
                it = measured(
                    it,
                    &format!("指标{}", n % 9),
                    (n % 97) as f64 * 1e9,
                    "元",
                    "",
                );
                if kind == Kind::Target {
                    it.deadline = Some(2026 + (n % 5) as i32);
                }
            }
            it
        })
        .collect();
    let c = Corpus::from_parts(docs, items, Vec::new(), Themes::builtin());
    let v = all(&c);
    let start = std::time::Instant::now();
    for spec in [
        chart::timeline(&c, &v, None),
        chart::themes_by_year(&c, &v),
        chart::targets_vs_actuals(&c, &v),
    ] {
        let text = svg::render(&spec, 1200, 700);
        parse_svg(&text);
        let drawn = texts(&roxmltree::Document::parse(&text).unwrap()).len();
        assert!(drawn < 2_000, "{:?}: {drawn} texts", spec.kind);
        let bytes = png::from_svg(&text, 1200, 700).unwrap();
        // To look at them: BIOTIMELINE_SAMPLES=/some/dir cargo test --test export large
        if let Some(dir) = std::env::var_os("BIOTIMELINE_SAMPLES") {
            let name = format!("large-{:?}.png", spec.kind);
            std::fs::write(Path::new(&dir).join(name), bytes).unwrap();
        }
    }
    eprintln!("20k items, three charts: {:?}", start.elapsed());
}

#[test]
fn an_empty_selection_still_makes_a_readable_chart() {
    let c = sample();
    let none = View::new(
        &c,
        &Filter {
            search: "没有这样的文字".to_string(),
            ..Filter::default()
        },
    );
    assert!(none.items.is_empty());
    for spec in [
        chart::timeline(&c, &none, None),
        chart::themes_by_year(&c, &none),
        chart::targets_vs_actuals(&c, &none),
    ] {
        let note = spec.note.clone().unwrap();
        let t = texts(&parse_svg(&svg::render(&spec, 800, 500)));
        assert!(t.contains(&note), "{:?}: {t:?}", spec.kind);
        let (w, h, _) = distinct_pixels(&png::render(&spec, 800, 500).unwrap());
        assert_eq!((w, h), (800, 500));
    }
}

#[cfg(unix)]
#[test]
fn exported_files_are_readable_by_others_and_keep_replaced_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let c = sample();
    let dir = tempfile::tempdir().unwrap();
    let new = dir.path().join("items.csv");
    export::save_data(&new, &c, &all(&c), DataFormat::Csv).unwrap();
    let mode = std::fs::metadata(&new).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o644);
    std::fs::set_permissions(&new, std::fs::Permissions::from_mode(0o664)).unwrap();
    export::save_data(&new, &c, &all(&c), DataFormat::Json).unwrap();
    let mode = std::fs::metadata(&new).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o664);
    assert!(std::fs::read_to_string(&new).unwrap().starts_with('{'));
}

/// Runs a command on the bundled seeds and returns the file it wrote.
fn on_seeds(args: &[&str], name: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join(name);
    let o = bin().args(args).arg("--out").arg(&out).output().unwrap();
    assert!(
        o.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    std::fs::read_to_string(&out).unwrap()
}

#[test]
fn command_filters_change_what_is_exported_and_drawn() {
    let all: serde_json::Value =
        serde_json::from_str(&on_seeds(&["export", "--format", "json"], "a.json")).unwrap();
    if all["items"].as_array().is_none_or(|a| a.is_empty()) {
        eprintln!("skipping: no items extracted from the seeds on this branch");
        return;
    }
    let ai: serde_json::Value = serde_json::from_str(&on_seeds(
        &["export", "--format", "json", "--theme", "ai"],
        "ai.json",
    ))
    .unwrap();
    let (n_all, items) = (
        all["items"].as_array().unwrap().len(),
        ai["items"].as_array().unwrap(),
    );
    assert!(!items.is_empty() && items.len() < n_all);
    for it in items {
        let themes = it["themes"].as_array().unwrap();
        assert!(themes.iter().any(|t| t == "ai"), "{it}");
    }
    // Every document listed has an item in the export.
    for d in ai["documents"].as_array().unwrap() {
        assert!(items.iter().any(|it| it["doc"] == d["id"]));
    }
    // A year range moves the timeline's axis.
    let wide = texts(&parse_svg(&on_seeds(
        &["chart", "--kind", "timeline"],
        "w.svg",
    )));
    let late = on_seeds(
        &[
            "chart", "--kind", "timeline", "--from", "2024", "--to", "2025",
        ],
        "l.svg",
    );
    let late = texts(&parse_svg(&late));
    assert!(wide.iter().any(|s| s == "2022"));
    assert!(!late.iter().any(|s| s == "2022") && late.iter().any(|s| s == "2025"));
    // Without --format, the extension of --out decides.
    let dir = tempfile::tempdir().unwrap();
    let png_out = dir.path().join("t.png");
    let o = bin()
        .args(["chart", "--kind", "themes", "--out"])
        .arg(&png_out)
        .output()
        .unwrap();
    assert!(o.status.success());
    assert!(Pixmap::decode_png(&std::fs::read(&png_out).unwrap()).is_ok());
    // The targets chart names its goals in the unit a reader expects.
    let targets = on_seeds(&["chart", "--kind", "targets"], "t.svg");
    assert!(
        texts(&parse_svg(&targets))
            .iter()
            .any(|s| s.contains("亿元"))
    );
}

#[test]
fn panels_that_do_not_fit_are_counted_not_squashed() {
    let docs = vec![Document {
        id: "a".to_string(),
        ..Default::default()
    }];
    let subjects = [
        "一号指标值",
        "二号指标值",
        "三号指标值",
        "四号指标值",
        "五号指标值",
        "六号指标值",
        "七号指标值",
        "八号指标值",
    ];
    let items: Vec<Item> = subjects
        .iter()
        .enumerate()
        .map(|(n, s)| {
            let mut t = measured(item("a", n, Kind::Target, "2023", &[], s), s, 1e9, "元", "");
            t.deadline = Some(2025);
            t
        })
        .collect();
    let c = Corpus::from_parts(docs, items, Vec::new(), Themes::builtin());
    let spec = chart::targets_vs_actuals(&c, &all(&c));
    assert_eq!(spec.panels.len(), chart::MAX_SUBJECT_PANELS);
    assert_eq!(spec.omitted_panels, 2);
    assert_eq!(spec.note.as_deref(), Some("2 more subjects not shown"));
    // Tall enough: all six panels and the builder's note.
    let tall = texts(&parse_svg(&svg::render(&spec, 1000, 900)));
    let captions = |t: &[String]| t.iter().filter(|s| s.ends_with("(亿元)")).count();
    assert_eq!(captions(&tall), 6);
    assert!(tall.iter().any(|s| s == "2 more subjects not shown"));
    // Short: fewer panels, each still with its caption and goal, and a note that
    // counts every subject left out.
    let short = texts(&parse_svg(&svg::render(&spec, 640, 360)));
    let shown = captions(&short);
    assert!((1..6).contains(&shown), "{short:?}");
    let goals = short
        .iter()
        .filter(|s| s.starts_with("目标 10亿元"))
        .count();
    assert_eq!(goals, shown);
    let expected = format!("{} more subjects not shown", 8 - shown);
    assert!(short.contains(&expected), "{short:?}");
}
