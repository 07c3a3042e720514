//! A port of ../shared/eval/score.py's matching, so `cargo test` scores extraction
//! against a hand annotation without Python: the same text normalisation, date
//! compatibility, per-field checks and maximum one-to-one matching.

use biotimeline::extract::Item;
use serde_json::Value;

/// What score.py compares: half-width, simplified, lower case, letters and digits only.
pub fn norm(s: &str) -> String {
    let half: String = s
        .chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '\u{3000}' => ' ',
            c => c,
        })
        .collect();
    biotimeline::script::to_simplified(&half)
        .to_lowercase()
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect()
}

/// The texts a gold item's `match` strings are looked for in; a quote over 300 chars
/// is no sentence and matches nothing.
pub fn item_text(it: &Item) -> String {
    let mut parts = vec![it.title.clone()];
    parts.extend(it.policy_title.clone());
    parts.extend(it.subject.clone());
    parts.extend(it.region.clone());
    let quotes = std::iter::once(&it.quote).chain(it.sources.iter().map(|s| &s.quote));
    parts.extend(
        quotes
            .filter(|q| q.chars().count() <= 300)
            .map(|q| q.to_string()),
    );
    norm(&parts.join(" "))
}

/// Whether `doc` reports `it`: its own document or one of its merged sources.
pub fn reports(it: &Item, doc: &str) -> bool {
    it.doc == doc || it.sources.iter().any(|s| s.doc == doc)
}

/// Two dates agree on their common prefix (2024-11 and 2024-11-16).
pub fn compatible(gold: &str, got: &str) -> bool {
    let n = gold.len().min(got.len());
    !got.is_empty() && gold[..n] == got[..n]
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 0.01 * b.abs()
}

/// Whether `it` satisfies the gold item `g`.
pub fn matches(g: &Value, it: &Item) -> bool {
    let mut kinds = vec![g["kind"].as_str().unwrap_or_default().to_string()];
    if let Some(alt) = g["alt_kinds"].as_array() {
        kinds.extend(alt.iter().filter_map(|k| k.as_str().map(str::to_string)));
    }
    if !reports(it, g["doc"].as_str().unwrap_or_default())
        || !kinds.contains(&it.kind.as_str().to_string())
    {
        return false;
    }
    if !compatible(g["date"].as_str().unwrap_or_default(), &it.date.to_string()) {
        return false;
    }
    let text = item_text(it);
    if !g["match"]
        .as_array()
        .into_iter()
        .flatten()
        .all(|m| text.contains(&norm(m.as_str().unwrap_or_default())))
    {
        return false;
    }
    if let Some(v) = g["value"].as_f64() {
        let Some(q) = &it.quantity else { return false };
        if !close(q.value, v) {
            return false;
        }
        if let Some(u) = g["unit"].as_str()
            && norm(&q.unit) != norm(u)
        {
            return false;
        }
        if let Some(vm) = g["value_max"].as_f64()
            && !q.value_max.is_some_and(|m| close(m, vm))
        {
            return false;
        }
    }
    if let Some(r) = g["region"].as_str()
        && !text.contains(&norm(r))
    {
        return false;
    }
    if let Some(d) = g["deadline"].as_i64()
        && it.deadline != Some(d as i32)
    {
        return false;
    }
    true
}

/// Maximum matching: one extracted item satisfies at most one gold item. Returns, per
/// gold item, the index of the item matched to it.
pub fn max_matching(golds: &[Value], items: &[Item]) -> Vec<Option<usize>> {
    let cand: Vec<Vec<usize>> = golds
        .iter()
        .map(|g| {
            (0..items.len())
                .filter(|&j| matches(g, &items[j]))
                .collect()
        })
        .collect();
    let mut owner: Vec<Option<usize>> = vec![None; items.len()];
    fn augment(
        i: usize,
        cand: &[Vec<usize>],
        owner: &mut [Option<usize>],
        seen: &mut [bool],
    ) -> bool {
        for &j in &cand[i] {
            if seen[j] {
                continue;
            }
            seen[j] = true;
            if owner[j].is_none_or(|o| augment(o, cand, owner, seen)) {
                owner[j] = Some(i);
                return true;
            }
        }
        false
    }
    for i in 0..golds.len() {
        augment(i, &cand, &mut owner, &mut vec![false; items.len()]);
    }
    let mut out = vec![None; golds.len()];
    for (j, o) in owner.iter().enumerate() {
        if let Some(i) = o {
            out[*i] = Some(j);
        }
    }
    out
}

/// What makes two items the same fact (score.py's `fact_key`), with the document:
/// within one document, one fact must be one item.
pub fn fact_key(it: &Item) -> String {
    let base = match (&it.kind, &it.quantity) {
        (biotimeline::extract::Kind::Policy, _) => {
            norm(it.policy_title.as_deref().unwrap_or(&it.title))
        }
        (
            k @ (biotimeline::extract::Kind::Target | biotimeline::extract::Kind::Metric),
            Some(q),
        ) => {
            let when = if *k == biotimeline::extract::Kind::Target {
                format!("{:?}", it.deadline)
            } else {
                it.date.to_string().chars().take(4).collect()
            };
            format!("{:.2}|{}|{when}", q.value, norm(&q.unit))
        }
        _ => format!("{}|{}", it.date, norm(&it.title)),
    };
    format!("{}|{}|{base}", it.doc, it.kind.as_str())
}
