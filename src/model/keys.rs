//! Item keys: what a curation file refers to an item by.
//!
//! A key must survive a new run, a renamed file and a change of the rules, as long as
//! the item's sentence is unchanged. So it is a hash of what the sentence says, not of
//! where it is: the sentence normalised (simplified, lower-cased, only letters, digits
//! and Han chars: spacing, punctuation and the script do not matter), the kind, and the
//! figure (value and unit) or the title. The hash is FNV-1a 64, written as 16 hex
//! digits: fixed, unlike std's per-process seeded hasher.
//!
//! Two items can hash alike (one sentence reported by two documents that were not
//! merged, or two items of one sentence with one title): the second and later ones,
//! in the corpus's order, get `-2`, `-3` … appended, so keys stay unique and the same
//! for the same input.

use super::copies::fnv1a;
use crate::extract::{Item, Kind};
use std::collections::HashMap;

/// `text` simplified and lower-cased, with only letters, digits and Han chars.
pub fn normalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        // Han chars and ASCII first: the Unicode tables behind `is_alphanumeric` and
        // `to_lowercase` cost a search per char.
        if c.is_ascii() {
            if c.is_ascii_alphanumeric() {
                out.push(c.to_ascii_lowercase());
            }
            continue;
        }
        let c = crate::script::simplify_char(c);
        if crate::script::is_han(c) {
            out.push(c);
        } else if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        }
    }
    out
}

/// The key of an item from its own sentence (before merging or disambiguation).
pub fn key_of(it: &Item) -> String {
    let mut text = normalise(&it.quote);
    text.push('\u{1f}');
    text.push_str(it.kind.as_str());
    text.push('\u{1f}');
    match (&it.kind, &it.quantity) {
        (Kind::Target | Kind::Metric, Some(q)) => {
            text.push_str(&format!("{}", q.value));
            text.push_str(&normalise(&q.unit));
        }
        (Kind::Policy, _) => {
            text.push_str(&normalise(it.policy_title.as_deref().unwrap_or(&it.title)));
        }
        _ => text.push_str(&normalise(&it.title)),
    }
    format!("{:016x}", fnv1a(text.as_bytes()))
}

/// Sets the key of every item that has none from its sentence.
pub fn assign(items: &mut [Item]) {
    use rayon::prelude::*;
    items
        .par_iter_mut()
        .filter(|it| it.key.is_empty())
        .for_each(|it| it.key = key_of(it));
}

/// Makes keys unique in the items' order: a repeated key gets `-2`, `-3` …
pub fn disambiguate(items: &mut [Item]) {
    let mut seen: HashMap<String, usize> = HashMap::with_capacity(items.len());
    for it in items.iter_mut() {
        let n = seen.entry(it.key.clone()).or_insert(0);
        *n += 1;
        if *n > 1 {
            it.key = format!("{}-{}", it.key, n);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::PartialDate;

    fn event(quote: &str, title: &str, doc: &str) -> Item {
        crate::testkit::item(doc, 1, Kind::Event, PartialDate::year(2024))
            .title(title)
            .quote(quote, [0, 1])
            .build()
    }

    #[test]
    fn keys_depend_on_the_sentence_not_the_place_or_script() {
        let a = event("11月14日，產業周開幕。", "產業周開幕", "a");
        let mut b = event("11月14日, 产业周开幕 。", "产业周开幕", "renamed");
        b.date = PartialDate::year(2023);
        b.span = [40, 52];
        assert_eq!(key_of(&a), key_of(&b));
        assert_eq!(key_of(&a).len(), 16);
        // Pinned: the hash is fixed, so a key written today is found tomorrow.
        assert_eq!(key_of(&a), key_of(&a.clone()));
        let c = event("11月15日，产业周开幕。", "产业周开幕", "a");
        assert_ne!(key_of(&a), key_of(&c));
        let mut items = vec![a, b, c];
        assign(&mut items);
        disambiguate(&mut items);
        assert_eq!(items[1].key, format!("{}-2", items[0].key));
        let distinct: std::collections::HashSet<&str> =
            items.iter().map(|i| i.key.as_str()).collect();
        assert_eq!(distinct.len(), 3);
    }

    #[test]
    fn fnv1a_is_the_published_function() {
        // Test vectors of FNV-1a 64.
        assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fnv1a(b"foobar"), 0x8594_4171_f739_67e8);
    }
}
