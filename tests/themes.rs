//! Themes on the development set (tests/data/dev, gold in tests/data/dev.gold.json,
//! where every gold item carries `themes`): how many items the theme filter can find,
//! and how often their themes are the gold's.
//!
//! The extraction rules change independently of the theme lexicon, so the theme bars
//! are measured on the extracted items that satisfy a gold item, matched the way
//! ../shared/eval/score.py matches them (the port in tests/common, shared with the dev
//! and seed tests). The untagged share is over all extracted items. `cargo test --test themes -- --nocapture` prints the figures.

use biotimeline::chart;
use biotimeline::corpus;
use biotimeline::extract::Themes;
use biotimeline::model::{Corpus, Filter, View};
use biotimeline::ui::{App, Settings, Startup};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use serde_json::Value;
use std::path::PathBuf;
use std::sync::Arc;

mod common;
use common::score::max_matching;

fn strings(v: &Value) -> Vec<&str> {
    v.as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .collect()
}

struct Figures {
    items: usize,
    untagged: usize,
    matched: usize,
    recalled: usize,
    first_right: usize,
    /// Gold items whose themes are not all among the item's, or whose first theme is
    /// not one of the gold's, for the failure message.
    wrong: Vec<String>,
}

fn data() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data")
}

fn dev_corpus(themes: Themes) -> Corpus {
    Corpus::build(
        corpus::load_paths(&[data().join("dev")], &|_, _| {}),
        themes,
    )
}

fn measure(themes: Themes) -> Figures {
    let gold: Value = serde_json::from_str(
        &std::fs::read_to_string(data().join("dev.gold.json")).expect("dev gold"),
    )
    .expect("gold parses");
    let corpus = dev_corpus(themes);
    let items = &corpus.items;
    let golds = gold["items"].as_array().expect("gold items");
    let pairs = max_matching(golds, items);
    let mut f = Figures {
        items: items.len(),
        untagged: items.iter().filter(|it| it.themes.is_empty()).count(),
        matched: 0,
        recalled: 0,
        first_right: 0,
        wrong: Vec::new(),
    };
    for (g, p) in golds.iter().zip(&pairs) {
        let want = strings(&g["themes"]);
        let Some(j) = p else { continue };
        if want.is_empty() {
            continue;
        }
        let got: Vec<&str> = items[*j].themes.iter().map(String::as_str).collect();
        f.matched += 1;
        let recalled = want.iter().all(|t| got.contains(t));
        let first_right = got.first().is_some_and(|t| want.contains(t));
        f.recalled += usize::from(recalled);
        f.first_right += usize::from(first_right);
        if !(recalled && first_right) {
            f.wrong.push(format!(
                "{}: gold {want:?}, item {got:?} ({})",
                g["id"].as_str().unwrap_or_default(),
                items[*j].title
            ));
        }
    }
    f
}

#[test]
fn dev_set_themes_meet_the_bars() {
    let f = measure(Themes::builtin());
    let untagged = f.untagged as f64 / f.items.max(1) as f64;
    let recall = f.recalled as f64 / f.matched.max(1) as f64;
    let precision = f.first_right as f64 / f.matched.max(1) as f64;
    println!(
        "dev set: {} items, untagged {} ({:.1}%); {} matched gold items with themes: \
         recall {}/{} = {recall:.3}, first theme right {}/{} = {precision:.3}",
        f.items,
        f.untagged,
        100.0 * untagged,
        f.matched,
        f.recalled,
        f.matched,
        f.first_right,
        f.matched
    );
    for w in &f.wrong {
        println!("  {w}");
    }
    // Enough matched items for the ratios to mean something.
    assert!(f.matched >= 100, "only {} matched items", f.matched);
    assert!(untagged <= 0.10, "untagged share {untagged:.3}");
    assert!(recall >= 0.9, "theme recall {recall:.3}: {:#?}", f.wrong);
    assert!(
        precision >= 0.8,
        "theme precision {precision:.3}: {:#?}",
        f.wrong
    );
}

/// The themes added to the first release's ten.
const NEW_THEMES: [&str; 4] = ["scale", "regulation", "events", "drugs"];

/// The filter panel and the themes chart list every theme of the lexicon with its
/// count; the new ones have items on the development set.
#[test]
fn the_filter_panel_and_the_chart_show_the_new_themes() {
    let c = Arc::new(dev_corpus(Themes::builtin()));
    let view = View::new(&c, &Filter::default());
    let counts = view.theme_counts(&c);
    let spec = chart::themes_by_year(&c, &view);
    for id in NEW_THEMES {
        let theme = c.themes.get(id).expect("theme in the lexicon");
        let n = counts.get(id).copied().unwrap_or(0);
        assert!(n > 0, "no item under {id}");
        assert!(
            spec.legend
                .iter()
                .any(|l| l.label.contains(&theme.label_zh) || l.label.contains(&theme.label_en)),
            "{id} not in the chart's legend: {:?}",
            spec.legend
        );
    }
    let mut h = Harness::builder()
        .with_size(egui::vec2(1400.0, 2000.0))
        .build_eframe(move |cc| {
            App::with_settings(
                &cc.egui_ctx,
                Startup::Corpus(Arc::clone(&c)),
                Themes::builtin(),
                Vec::new(),
                Settings::default(),
            )
        });
    h.run_steps(3);
    for id in NEW_THEMES {
        let theme = Themes::builtin().get(id).cloned().expect("theme");
        let n = counts.get(id).copied().unwrap_or(0);
        h.get_by_label(&format!("{} {n}", theme.label_zh));
    }
}

/// The lexicon of the first release (ten themes, keywords only) still loads and still
/// tags: a user's saved file keeps working.
#[test]
fn a_lexicon_of_the_previous_release_loads() {
    let old = Themes::parse(PREVIOUS_RELEASE, "themes.toml").expect("old lexicon loads");
    assert_eq!(old.themes.len(), 10);
    assert_eq!(
        old.classify("推进细胞治疗与AI融合"),
        vec!["gene_cell", "ai"]
    );
    let f = measure(old);
    assert!(f.items > 0 && f.untagged < f.items);
}

const PREVIOUS_RELEASE: &str = r##"
[domain]
keywords = ["医药", "生物", "医疗", "药", "医院", "医学", "临床", "基因", "细胞", "器械", "疫苗", "诊断", "治疗", "健康", "卫生"]

[[theme]]
id = "ai"
label_zh = "人工智能与数字化"
label_en = "AI & digital"
color = "#4e79a7"
keywords = ["AI", "人工智能", "数智化", "数字化转型", "数字化", "智能工厂", "大模型", "算力", "数字工程师", "智能化"]

[[theme]]
id = "innovation"
label_zh = "源头创新"
label_en = "Original innovation"
color = "#f28e2b"
keywords = ["源头创新", "原始创新", "基础研究", "首创", "原创", "前沿创新", "First-In-Class", "创新中心"]

[[theme]]
id = "synbio"
label_zh = "合成生物与生物制造"
label_en = "Synthetic biology"
color = "#59a14f"
keywords = ["合成生物", "生物制造"]

[[theme]]
id = "gene_cell"
label_zh = "细胞与基因治疗"
label_en = "Cell & gene therapy"
color = "#e15759"
keywords = ["细胞治疗", "基因治疗", "细胞与基因", "CAR-T", "基因编辑"]

[[theme]]
id = "devices"
label_zh = "医疗器械"
label_en = "Medical devices"
color = "#76b7b2"
keywords = ["医疗器械", "医疗机器人", "创新医疗器械", "高端医疗器械", "医疗设备"]

[[theme]]
id = "global"
label_zh = "国际化"
label_en = "Going global"
color = "#edc948"
keywords = ["国际化", "出海", "全球合作", "跨国", "国际合作", "海外", "一带一路", "全球产业链"]

[[theme]]
id = "space"
label_zh = "产业空间"
label_en = "Industrial space"
color = "#b07aa1"
keywords = ["产业空间", "园区", "厂房", "产业地图", "产业用地", "物业面积", "载体", "智造空间"]

[[theme]]
id = "finance"
label_zh = "投融资"
label_en = "Finance"
color = "#ff9da7"
keywords = ["投融资", "基金", "科创板", "上市", "融资", "创投"]

[[theme]]
id = "talent"
label_zh = "人才"
label_en = "Talent"
color = "#9c755f"
keywords = ["人才", "培养", "工程师"]

[[theme]]
id = "clinical"
label_zh = "临床与转化"
label_en = "Clinical & translation"
color = "#bab0ac"
keywords = ["产医融合", "临床", "医企协同", "成果转化", "医企融合", "转化"]
"##;

/// sRGB (0–255) to linear light.
fn linear(c: f64) -> f64 {
    let c = c / 255.0;
    if c <= 0.04045 {
        c / 12.92
    } else {
        ((c + 0.055) / 1.055).powf(2.4)
    }
}

/// Linear light back to sRGB (0–255), clamped.
fn gamma(c: f64) -> f64 {
    let c = c.clamp(0.0, 1.0);
    255.0
        * if c <= 0.003_130_8 {
            12.92 * c
        } else {
            1.055 * c.powf(1.0 / 2.4) - 0.055
        }
}

/// Colour vision deficiencies as Machado, Oliveira and Fernandes (2009) simulate them
/// at full severity, on linear RGB.
const DEUTERANOPIA: [[f64; 3]; 3] = [
    [0.367_322, 0.860_646, -0.227_968],
    [0.280_085, 0.672_501, 0.047_413],
    [-0.011_820, 0.042_940, 0.968_881],
];
const PROTANOPIA: [[f64; 3]; 3] = [
    [0.152_286, 1.052_583, -0.204_868],
    [0.114_503, 0.786_281, 0.099_216],
    [-0.003_882, -0.048_116, 1.051_998],
];

fn simulate(rgb: [u8; 3], m: Option<&[[f64; 3]; 3]>) -> [f64; 3] {
    let rgb = rgb.map(f64::from);
    let Some(m) = m else { return rgb };
    let l = rgb.map(linear);
    [0, 1, 2].map(|i| gamma(m[i][0] * l[0] + m[i][1] * l[1] + m[i][2] * l[2]))
}

/// CIE L*a*b* (D65) of an sRGB colour.
fn lab(rgb: [f64; 3]) -> [f64; 3] {
    let [r, g, b] = rgb.map(linear);
    let x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.950_47;
    let y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
    let z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.088_83;
    let f = |t: f64| {
        if t > 0.008_856 {
            t.cbrt()
        } else {
            7.787 * t + 16.0 / 116.0
        }
    };
    [
        116.0 * f(y) - 16.0,
        500.0 * (f(x) - f(y)),
        200.0 * (f(y) - f(z)),
    ]
}

/// CIEDE2000 colour difference (Sharma, Wu and Dalal's formulation).
fn ciede2000([l1, a1, b1]: [f64; 3], [l2, a2, b2]: [f64; 3]) -> f64 {
    let (c1, c2) = (a1.hypot(b1), a2.hypot(b2));
    let cb7 = ((c1 + c2) / 2.0).powi(7);
    let g = 0.5 * (1.0 - (cb7 / (cb7 + 25f64.powi(7))).sqrt());
    let (a1p, a2p) = ((1.0 + g) * a1, (1.0 + g) * a2);
    let (c1p, c2p) = (a1p.hypot(b1), a2p.hypot(b2));
    let hue = |b: f64, a: f64| b.atan2(a).to_degrees().rem_euclid(360.0);
    let (h1p, h2p) = (hue(b1, a1p), hue(b2, a2p));
    let dh = if c1p * c2p == 0.0 {
        0.0
    } else if (h2p - h1p).abs() <= 180.0 {
        h2p - h1p
    } else if h2p > h1p {
        h2p - h1p - 360.0
    } else {
        h2p - h1p + 360.0
    };
    let d_l = l2 - l1;
    let d_c = c2p - c1p;
    let d_h = 2.0 * (c1p * c2p).sqrt() * (dh / 2.0).to_radians().sin();
    let lb = (l1 + l2) / 2.0;
    let cbp = (c1p + c2p) / 2.0;
    let hb = if c1p * c2p == 0.0 {
        h1p + h2p
    } else if (h1p - h2p).abs() <= 180.0 {
        (h1p + h2p) / 2.0
    } else if h1p + h2p < 360.0 {
        (h1p + h2p + 360.0) / 2.0
    } else {
        (h1p + h2p - 360.0) / 2.0
    };
    let cos = |deg: f64| deg.to_radians().cos();
    let t = 1.0 - 0.17 * cos(hb - 30.0) + 0.24 * cos(2.0 * hb) + 0.32 * cos(3.0 * hb + 6.0)
        - 0.20 * cos(4.0 * hb - 63.0);
    let d_theta = 30.0 * (-((hb - 275.0) / 25.0).powi(2)).exp();
    let rc = 2.0 * (cbp.powi(7) / (cbp.powi(7) + 25f64.powi(7))).sqrt();
    let sl = 1.0 + 0.015 * (lb - 50.0).powi(2) / (20.0 + (lb - 50.0).powi(2)).sqrt();
    let sc = 1.0 + 0.045 * cbp;
    let sh = 1.0 + 0.015 * cbp * t;
    let rt = -(2.0 * d_theta).to_radians().sin() * rc;
    ((d_l / sl).powi(2) + (d_c / sc).powi(2) + (d_h / sh).powi(2) + rt * (d_c / sc) * (d_h / sh))
        .sqrt()
}

#[test]
fn ciede2000_agrees_with_the_published_pairs() {
    // Sharma, Wu and Dalal (2005), table 1, pairs 1, 7 and 17.
    let pairs = [
        ([50.0, 2.6772, -79.7751], [50.0, 0.0, -82.7485], 2.0425),
        ([50.0, 0.0, 0.0], [50.0, -1.0, 2.0], 2.3669),
        ([50.0, 2.5, 0.0], [73.0, 25.0, -18.0], 27.1492),
    ];
    for (a, b, want) in pairs {
        assert!((ciede2000(a, b) - want).abs() < 1e-3, "{a:?} {b:?}");
    }
}

/// Every two theme colours stay apart, for normal vision and under simulated
/// deuteranopia and protanopia, in the legend and on the timeline.
#[test]
fn theme_colours_are_distinct_also_for_colour_blind_readers() {
    let t = Themes::builtin();
    for (name, m) in [
        ("normal vision", None),
        ("deuteranopia", Some(&DEUTERANOPIA)),
        ("protanopia", Some(&PROTANOPIA)),
    ] {
        let labs: Vec<[f64; 3]> = t
            .themes
            .iter()
            .map(|th| lab(simulate(th.rgb(), m)))
            .collect();
        let mut min = (f64::MAX, 0, 0);
        for i in 0..labs.len() {
            for j in i + 1..labs.len() {
                let d = ciede2000(labs[i], labs[j]);
                if d < min.0 {
                    min = (d, i, j);
                }
            }
        }
        let (d, i, j) = min;
        println!(
            "{name}: min CIEDE2000 {d:.1} ({} / {})",
            t.themes[i].id, t.themes[j].id
        );
        assert!(
            d >= 10.0,
            "{name}: {} and {} differ by {d:.1}",
            t.themes[i].id,
            t.themes[j].id
        );
    }
}
