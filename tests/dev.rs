//! The annotated sets against their exhaustive hand annotations, scored the way
//! ../shared/eval/score.py scores them (see common/score.rs):
//! - the development set (tests/data/dev: news, notices and scraped web pages unlike
//!   the seeds, tests/data/dev.gold.json), which the rules were tuned on;
//! - the held-out set (tests/data/holdout, tests/data/holdout.gold.json), written after
//!   the rules and kept out of their tuning: a check that the rules are general.
//!
//! The bars are what the rules reach now; they may only go up.

mod common;

use biotimeline::corpus;
use biotimeline::extract::{Kind, Themes};
use biotimeline::model::Corpus;
use common::score::{compatible, fact_key, item_text, max_matching, norm, reports};
use serde_json::Value;
use std::collections::HashSet;
use std::path::PathBuf;

/// The bars one set must hold.
struct Bars {
    /// Core recall.
    core_recall: f64,
    /// Matched items over all items (the gold is exhaustive: an unmatched item is wrong).
    precision: f64,
    /// Document title, date and outlet checks that hold.
    meta: f64,
}

/// The development set: the issue asks for core recall 0.9 and precision 0.85; the
/// rules reach 132/135 and 207/219. Doc-meta 124/126: the two pages that state no year
/// anywhere cannot be dated.
const DEV: Bars = Bars {
    core_recall: 0.97,
    precision: 0.94,
    meta: 0.98,
};

/// The held-out set: the rules reach core 52/52, precision 83/84, doc-meta 36/36.
const HOLDOUT: Bars = Bars {
    core_recall: 1.0,
    precision: 0.98,
    meta: 1.0,
};

fn load(folder: &str) -> Corpus {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(folder);
    let loaded = corpus::load_paths(&[dir], &|_, _| {});
    Corpus::build(loaded, Themes::builtin())
}

#[test]
fn dev_set_scores_hold_their_bars() {
    let gold = serde_json::from_str(include_str!("data/dev.gold.json")).expect("dev gold parses");
    set_scores_hold_their_bars("dev", "tests/data/dev", &gold, &DEV);
}

#[test]
fn holdout_set_scores_hold_their_bars() {
    let gold =
        serde_json::from_str(include_str!("data/holdout.gold.json")).expect("holdout gold parses");
    set_scores_hold_their_bars("holdout", "tests/data/holdout", &gold, &HOLDOUT);
}

/// Scores the set in `folder` against `gold` and asserts `bars`, no negatives and no
/// repeats.
fn set_scores_hold_their_bars(name: &str, folder: &str, gold: &Value, bars: &Bars) {
    let corpus = load(folder);
    assert!(corpus.errors.is_empty(), "errors: {:?}", corpus.errors);
    let golds = gold["items"].as_array().expect("items");
    let items = &corpus.items;
    let pairs = max_matching(golds, items);
    let core: Vec<usize> = (0..golds.len())
        .filter(|&i| golds[i]["tier"].as_str().unwrap_or("core") == "core")
        .collect();
    let missed: Vec<&str> = core
        .iter()
        .filter(|&&i| pairs[i].is_none())
        .map(|&i| golds[i]["id"].as_str().unwrap_or_default())
        .collect();
    let recall = (core.len() - missed.len()) as f64 / core.len() as f64;
    let matched: HashSet<usize> = pairs.iter().flatten().copied().collect();
    let precision = matched.len() as f64 / items.len().max(1) as f64;
    let mut negatives = Vec::new();
    for n in gold["negatives"].as_array().expect("negatives") {
        let doc = n["doc"].as_str().unwrap_or_default();
        for it in items.iter().filter(|i| reports(i, doc)) {
            let text = item_text(it);
            if n["match"]
                .as_array()
                .into_iter()
                .flatten()
                .all(|m| text.contains(&norm(m.as_str().unwrap_or_default())))
            {
                negatives.push(format!("{doc}: {}", it.title));
            }
        }
    }
    let mut seen = HashSet::new();
    let repeats: Vec<&str> = items
        .iter()
        .filter(|it| !seen.insert(fact_key(it)))
        .map(|it| it.title.as_str())
        .collect();
    // The scorer's key: the fact without its document, a figure with its region.
    let mut seen_across = HashSet::new();
    let repeats_across: Vec<&str> = items
        .iter()
        .filter(|it| {
            let key = fact_key(it);
            let fact = key.split_once('|').map_or(key.as_str(), |(_, f)| f);
            let region = match it.kind {
                Kind::Target | Kind::Metric => norm(it.region.as_deref().unwrap_or_default()),
                _ => String::new(),
            };
            !seen_across.insert(format!("{fact}|{region}"))
        })
        .map(|it| it.title.as_str())
        .collect();
    let (mut meta_ok, mut meta_n) = (0, 0);
    for (id, want) in gold["documents"].as_object().expect("documents") {
        let d = corpus.document(id);
        if let Some(p) = want["published"].as_str() {
            let got = d
                .and_then(|d| d.published)
                .map(|p| p.to_string())
                .unwrap_or_default();
            meta_n += 1;
            meta_ok += usize::from(compatible(p, &got) && got.len() >= p.len());
        }
        if let Some(t) = want["title_contains"].as_str() {
            let got = d.and_then(|d| d.title.as_deref()).unwrap_or_default();
            meta_n += 1;
            meta_ok += usize::from(norm(got).contains(&norm(t)));
        }
        if let Some(s) = want["source_contains"].as_str() {
            let got = d.and_then(|d| d.source.as_deref()).unwrap_or_default();
            meta_n += 1;
            meta_ok += usize::from(norm(got).contains(&norm(s)));
        }
    }
    let meta = meta_ok as f64 / meta_n.max(1) as f64;
    println!(
        "{name}: core recall {recall:.2} ({}/{}) · precision {precision:.2} ({}/{}) · negatives {} · repeats within a document {} · repeats {} · doc-meta {meta_ok}/{meta_n}",
        core.len() - missed.len(),
        core.len(),
        matched.len(),
        items.len(),
        negatives.len(),
        repeats.len(),
        repeats_across.len(),
    );
    assert!(
        negatives.is_empty(),
        "items from boilerplate: {negatives:#?}"
    );
    assert!(
        recall >= bars.core_recall,
        "{name}: core recall {recall:.2}; missed {missed:?}"
    );
    assert!(
        precision >= bars.precision,
        "{name}: precision {precision:.2}"
    );
    assert!(meta >= bars.meta, "{name}: doc-meta {meta_ok}/{meta_n}");
    // No fact twice, within a document or across documents as the scorer counts them
    // (merging must join reposts and plans reported twice).
    assert!(
        repeats.is_empty(),
        "facts repeated within a document: {repeats:#?}"
    );
    assert!(
        repeats_across.is_empty(),
        "facts repeated across documents: {repeats_across:#?}"
    );
}
