//! What several integration tests share: the hand annotation of the seed corpus
//! (tests/data/seeds.gold.json, a copy of ../shared/eval/seeds.gold.json), read from
//! the file rather than copied into each test, so the tests follow the annotation.

// Each test file uses the part it needs.
#![allow(dead_code)]

use serde_json::Value;

/// The annotation as JSON: `corpus`, `documents`, `items`, `negatives`.
pub fn gold() -> Value {
    serde_json::from_str(include_str!("../data/seeds.gold.json")).expect("gold parses")
}

/// The expected metadata of one seed document.
pub struct GoldDocument {
    pub id: String,
    /// The date, or its start ("2024-11" when only the month is known).
    pub published: String,
    pub title_contains: Option<String>,
    pub source_contains: String,
}

/// The gold "documents", in id order.
pub fn gold_documents() -> Vec<GoldDocument> {
    let gold = gold();
    let docs = gold["documents"].as_object().expect("documents");
    let mut out: Vec<GoldDocument> = docs
        .iter()
        .map(|(id, d)| GoldDocument {
            id: id.clone(),
            published: str_of(&d["published"]),
            title_contains: d["title_contains"].as_str().map(str::to_string),
            source_contains: str_of(&d["source_contains"]),
        })
        .collect();
    out.sort_by(|a, b| a.id.cmp(&b.id));
    out
}

/// (document id, strings) of the gold "negatives": boilerplate none of whose strings
/// may survive cleaning.
pub fn gold_negatives() -> Vec<(String, Vec<String>)> {
    doc_and_match(&gold()["negatives"])
}

/// (document id, strings) of the gold "items": article text the items quote, which
/// must survive cleaning.
pub fn gold_matches() -> Vec<(String, Vec<String>)> {
    doc_and_match(&gold()["items"])
}

fn doc_and_match(list: &Value) -> Vec<(String, Vec<String>)> {
    list.as_array()
        .expect("a list")
        .iter()
        .map(|e| {
            let matches = e["match"].as_array().expect("match").iter().map(str_of);
            (str_of(&e["doc"]), matches.collect())
        })
        .collect()
}

fn str_of(v: &Value) -> String {
    v.as_str().expect("a string").to_string()
}

pub mod app;
pub mod run;
pub mod score;
