//! The bundled seed corpus against the hand annotation in tests/data/seeds.gold.json
//! (a copy of ../shared/eval/seeds.gold.json), scored the way ../shared/eval/score.py
//! scores it: every core item found on a compatible date, every day-precision item on
//! its exact day, no item from the boilerplate, the document metadata right.

mod common;

use biotimeline::corpus;
use biotimeline::extract::Themes;
use biotimeline::model::Corpus;
use common::score::{compatible, item_text, max_matching, norm};

fn seeds() -> Corpus {
    Corpus::build(corpus::load_seeds(), Themes::builtin())
}

#[test]
fn every_core_item_is_found_on_its_day() {
    let gold = common::gold();
    let corpus = seeds();
    let golds = gold["items"].as_array().expect("items");
    let pairs = max_matching(golds, &corpus.items);
    let mut missed = Vec::new();
    let mut wrong_day = Vec::new();
    let mut wrong_themes = Vec::new();
    for (g, p) in golds.iter().zip(&pairs) {
        let id = g["id"].as_str().unwrap_or_default();
        let core = g["tier"].as_str() != Some("extra");
        match p {
            None if core => missed.push(id),
            None => {}
            Some(j) => {
                let it = &corpus.items[*j];
                let date = g["date"].as_str().unwrap_or_default();
                if date.len() == 10 && it.date.to_string() != date {
                    wrong_day.push(id);
                }
                let want: Vec<&str> = g["themes"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(|t| t.as_str())
                    .collect();
                if !want.iter().all(|t| it.themes.iter().any(|x| x == t)) {
                    wrong_themes.push(id);
                }
            }
        }
    }
    assert!(missed.is_empty(), "missed core items: {missed:?}");
    assert!(wrong_day.is_empty(), "not on their day: {wrong_day:?}");
    assert!(wrong_themes.is_empty(), "themes missing: {wrong_themes:?}");
}

#[test]
fn nothing_comes_from_the_boilerplate() {
    let gold = common::gold();
    let corpus = seeds();
    for n in gold["negatives"].as_array().expect("negatives") {
        let doc = n["doc"].as_str().unwrap_or_default();
        for it in corpus.items.iter().filter(|i| i.doc == doc) {
            let text = item_text(it);
            let hit = n["match"]
                .as_array()
                .into_iter()
                .flatten()
                .all(|m| text.contains(&norm(m.as_str().unwrap_or_default())));
            assert!(
                !hit,
                "item from boilerplate ({n}): {} / {}",
                it.title, it.quote
            );
        }
        for d in corpus.documents.iter().filter(|d| d.id == doc) {
            for m in n["match"].as_array().into_iter().flatten() {
                let m = norm(m.as_str().unwrap_or_default());
                assert!(
                    !norm(&d.text).contains(&m),
                    "boilerplate '{m}' left in the text of {doc}"
                );
            }
        }
    }
}

#[test]
fn document_metadata() {
    let gold = common::gold();
    let corpus = seeds();
    for (id, want) in gold["documents"].as_object().expect("documents") {
        let d = corpus
            .document(id)
            .unwrap_or_else(|| panic!("document {id} missing"));
        if let Some(p) = want["published"].as_str() {
            let got = d.published.map(|p| p.to_string()).unwrap_or_default();
            assert!(
                compatible(p, &got) && got.len() >= p.len(),
                "{id}: published {got}, want {p}"
            );
        }
        if let Some(t) = want["title_contains"].as_str() {
            assert!(
                norm(d.title.as_deref().unwrap_or_default()).contains(&norm(t)),
                "{id}: title {:?}",
                d.title
            );
        }
        if let Some(s) = want["source_contains"].as_str() {
            assert!(
                norm(d.source.as_deref().unwrap_or_default()).contains(&norm(s)),
                "{id}: source {:?}",
                d.source
            );
        }
    }
}

#[test]
fn quotes_are_sentences_of_their_documents() {
    let corpus = seeds();
    assert!(
        corpus.items.len() >= 30,
        "only {} items",
        corpus.items.len()
    );
    for it in &corpus.items {
        let d = corpus.document(&it.doc).expect("item's document exists");
        let chars: Vec<char> = d.text.chars().collect();
        let q: String = chars[it.span[0]..it.span[1]].iter().collect();
        assert_eq!(q, it.quote, "{}", it.id);
        assert!(
            it.quote.chars().count() <= 300,
            "{} quote is not one sentence",
            it.id
        );
    }
    let ids: std::collections::BTreeSet<&str> =
        corpus.items.iter().map(|i| i.id.as_str()).collect();
    assert_eq!(ids.len(), corpus.items.len(), "ids are unique");
}
