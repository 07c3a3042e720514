//! Copies: documents that are the same article as another one (a repost in another
//! wrapper, encoding or script, with pinyin debris or spam lines around it, or with a
//! few lines edited) are marked [`Document::duplicate_of`] their canonical document.
//!
//! How, and why this way:
//! - Each document gets a [`Sketch`] from its simplified cleaned text while that text
//!   is still in memory (extraction drops it). Only Han chars and digits are read:
//!   punctuation, spacing, Latin debris (pinyin, spam URLs) and the script then cannot
//!   tell two copies apart.
//! - The text part is a MinHash of its 5-char shingles, made with one-permutation
//!   hashing (one hash per shingle, split into [`BINS`] bins by its top bits, the
//!   least value of each bin kept, empty bins filled from their right neighbour): one
//!   pass over the text, instead of [`BINS`] hashes per shingle. The share of equal
//!   bins estimates the Jaccard similarity of two shingle sets.
//! - Figures are the facts of an article: two texts that read alike but give other
//!   years and figures (a template, a yearly report) are not copies. So a sketch also
//!   keeps the set of its figures (a number with the char after it; calendar days and
//!   times left out, they repeat across unrelated articles), and two documents are
//!   copies only when most figures of the one with fewer are in the other as well.
//! - Candidates come from LSH banding: [`BANDS`] bands of [`ROWS`] bins; two sketches
//!   that agree on a whole band (and on that band's MinHash of the figures) land in one
//!   bucket. Only documents in one bucket are compared, each with at most
//!   [`MAX_PER_BUCKET`] earlier groups of it, so the work stays near-linear even when
//!   thousands of texts share a template.
//!
//! The hashes are fixed (FNV-1a, SplitMix64): copies found do not change between runs.

use crate::corpus::Document;
use crate::extract::Item;
use std::collections::HashMap;

/// MinHash bins of the text part.
pub const BINS: usize = 64;
/// LSH bands and rows per band (`BANDS * ROWS == BINS`). With 4 rows, a pair at
/// similarity 0.8 shares a band with probability 1 − (1 − 0.8⁴)¹⁶ ≈ 0.9998, one at 0.3
/// with 12%, and such a pair is then dropped by the comparison.
pub const BANDS: usize = 16;
pub const ROWS: usize = BINS / BANDS;
/// Chars per shingle.
const SHINGLE: usize = 5;
/// Fewer shingles than this say too little to call a document a copy.
const MIN_SHINGLES: usize = 24;
/// Estimated Jaccard similarity of the texts from which two documents are copies.
pub const MIN_TEXT_SIMILARITY: f64 = 0.6;
/// Overlap of the figures from which two documents are copies, when
/// either gives at least [`MIN_FIGURES`] figures.
pub const MIN_FIGURE_SIMILARITY: f64 = 0.5;
const MIN_FIGURES: usize = 2;
/// Copies are reposts: two documents published further apart than this (in days) are
/// two publications, whatever their text.
pub const MAX_DAYS_APART: i64 = 180;
/// Figures kept per document: enough for any article, bounded for hostile input.
const MAX_FIGURES: usize = 512;
/// Earlier groups a document is compared with in one bucket.
const MAX_PER_BUCKET: usize = 16;

/// What copy detection keeps of a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sketch {
    bins: [u64; BINS],
    /// Sorted, distinct hashes of the figures (a number with its unit).
    figures: Vec<u64>,
    /// Sorted, distinct years named (1900–2099).
    years: Vec<u64>,
    /// Han chars and digits read: how much text there is.
    pub chars: usize,
    /// The document's publication day (days since 1970), when known to the day.
    pub published: Option<i64>,
}

/// SplitMix64's finaliser: a fixed, well-mixed 64-bit hash of a 64-bit value.
fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// FNV-1a, 64 bits: a fixed hash of bytes (std's hasher is seeded per process).
pub fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xCBF2_9CE4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01B3);
    }
    h
}

/// The chars copies are compared on: Han chars and ASCII digits (the corpus has
/// folded full-width ones).
fn content_char(c: char) -> bool {
    c.is_ascii_digit() || crate::script::is_han(c) || c == '〇'
}

/// Chars after a number that make it a calendar day or time, not a figure.
fn calendar_unit(c: char) -> bool {
    matches!(
        c,
        '月' | '日' | '号' | '时' | '点' | '分' | '秒' | '時' | '點' | '號'
    )
}

/// Files a number read from the text (`number`, its digits and decimal point) with
/// the char after it: a year (four digits, 1900–2099, not followed by another unit),
/// a figure with its unit, or nothing (a day or a time).
fn read_figure(number: &str, after: char, figures: &mut Vec<u64>, years: &mut Vec<u64>) {
    let number = number.trim_end_matches('.');
    let unit = crate::script::simplify_char(after);
    if calendar_unit(unit) || figures.len() + years.len() >= MAX_FIGURES {
        return;
    }
    let year = number.len() == 4
        && (number.starts_with("19") || number.starts_with("20"))
        && !unit.is_alphanumeric()
        || number.len() == 4 && unit == '年';
    if year {
        years.push(number.parse().unwrap_or(0));
    } else if unit.is_alphanumeric() || unit == '%' || unit == '％' {
        let mut f = number.to_owned();
        f.push(unit);
        figures.push(fnv1a(f.as_bytes()));
    }
}

impl Sketch {
    /// The sketch of a simplified text ([`Document::simplified`]: a traditional copy
    /// must be simplified first), None when the text is too short to tell.
    pub fn of(text: &str) -> Option<Sketch> {
        let mut bins = [u64::MAX; BINS];
        let mut window = [0u64; SHINGLE];
        let mut rolling = 0u64;
        let mut chars = 0usize;
        let mut shingles = 0usize;
        let mut figures = Vec::new();
        let mut years = Vec::new();
        // The figure being read: its digits, a decimal point, thousands separators
        // skipped; the char after it is its unit.
        let mut number = String::new();
        for c in text.chars() {
            let digit = match c {
                '0'..='9' => Some(c),
                '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32),
                _ => None,
            };
            if let Some(d) = digit {
                number.push(d);
            } else if !number.is_empty() {
                if (c == '.' || c == '．') && !number.contains('.') {
                    number.push('.');
                } else if c != ',' && c != '，' {
                    read_figure(&number, c, &mut figures, &mut years);
                    number.clear();
                }
            }
            if !content_char(c) {
                continue;
            }
            // A rolling hash of the last SHINGLE chars (cyclic polynomial, "buzhash"):
            // each char is hashed once, entering and once more leaving the window.
            let r = mix(u64::from(c as u32));
            let out = window[chars % SHINGLE];
            window[chars % SHINGLE] = r;
            rolling = rolling.rotate_left(1) ^ r ^ out.rotate_left(SHINGLE as u32);
            chars += 1;
            if chars < SHINGLE {
                continue;
            }
            shingles += 1;
            let h = mix(rolling);
            let bin = (h >> (64 - BINS.trailing_zeros())) as usize;
            if h < bins[bin] {
                bins[bin] = h;
            }
        }
        if !number.is_empty() {
            read_figure(&number, '\n', &mut figures, &mut years);
        }
        if shingles < MIN_SHINGLES {
            return None;
        }
        // Densification: an empty bin takes the value of the next filled one to its
        // right (around the end), mixed with the distance, the same way in every
        // sketch, so that two sketches of one text still agree there.
        let filled = bins;
        for (i, bin) in bins.iter_mut().enumerate() {
            if *bin != u64::MAX {
                continue;
            }
            for d in 1..BINS {
                let v = filled[(i + d) % BINS];
                if v != u64::MAX {
                    *bin = mix(v ^ d as u64);
                    break;
                }
            }
        }
        for set in [&mut figures, &mut years] {
            set.sort_unstable();
            set.dedup();
        }
        Some(Sketch {
            bins,
            figures,
            years,
            chars,
            published: None,
        })
    }

    /// The sketch of a document published on `date` (only a day-precision date
    /// counts: a month says too little about a repost).
    pub fn published_on(mut self, date: Option<crate::time::PartialDate>) -> Sketch {
        self.published = date
            .filter(|d| d.precision() == crate::time::Precision::Day)
            .map(|d| crate::time::days_since_epoch(d.start()) as i64);
        self
    }

    /// Estimated Jaccard similarity of the two texts' shingles.
    pub fn text_similarity(&self, other: &Sketch) -> f64 {
        let same = self
            .bins
            .iter()
            .zip(&other.bins)
            .filter(|(a, b)| a == b)
            .count();
        same as f64 / BINS as f64
    }

    /// How much the two documents' figures overlap: shared figures over the smaller
    /// set (1 when neither has any). Debris around a copy (a page's numbers, a spam
    /// line) adds figures to one side only, which this leaves alone.
    pub fn figure_similarity(&self, other: &Sketch) -> f64 {
        overlap(&self.figures, &other.figures)
    }

    /// [`Sketch::figure_similarity`] of the years named.
    pub fn year_similarity(&self, other: &Sketch) -> f64 {
        overlap(&self.years, &other.years)
    }

    /// Whether the two documents are the same article: the texts alike, the figures
    /// mostly the same, the years mostly the same when both name some (a page's
    /// debris may add a year to one side), and published within
    /// [`MAX_DAYS_APART`] of each other when both dates are known.
    pub fn same_article(&self, other: &Sketch) -> bool {
        if let (Some(a), Some(b)) = (self.published, other.published)
            && (a - b).abs() > MAX_DAYS_APART
        {
            return false;
        }
        self.text_similarity(other) >= MIN_TEXT_SIMILARITY
            && (self.figures.len().max(other.figures.len()) < MIN_FIGURES
                || self.figure_similarity(other) >= MIN_FIGURE_SIMILARITY)
            && (self.years.is_empty()
                || other.years.is_empty()
                || self.year_similarity(other) >= MIN_FIGURE_SIMILARITY)
    }

    /// The least hash of the figures and years under the `band`-th salt: equal for
    /// two sets with probability their Jaccard similarity. 0 for too few, which then
    /// say nothing about the band.
    fn figure_min(&self, band: usize) -> u64 {
        if self.figures.len() + self.years.len() < MIN_FIGURES {
            return 0;
        }
        let salt = mix(band as u64 + 1);
        self.figures
            .iter()
            .chain(&self.years)
            .map(|&f| mix(f ^ salt))
            .min()
            .unwrap_or(0)
    }

    /// The LSH bucket of each band.
    fn band_keys(&self) -> [u64; BANDS] {
        let mut keys = [0u64; BANDS];
        for (b, key) in keys.iter_mut().enumerate() {
            let mut h = mix(b as u64) ^ self.figure_min(b);
            for &v in &self.bins[b * ROWS..(b + 1) * ROWS] {
                h = mix(h ^ v);
            }
            *key = h;
        }
        keys
    }
}

/// Shared elements of two sorted sets over the smaller set's size (1 when both are
/// empty).
fn overlap(a: &[u64], b: &[u64]) -> f64 {
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    let (mut i, mut j, mut both) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                both += 1;
                i += 1;
                j += 1;
            }
        }
    }
    both as f64 / a.len().min(b.len()).max(1) as f64
}

/// Union-find over document indices.
struct Groups(Vec<usize>);

impl Groups {
    fn find(&mut self, mut i: usize) -> usize {
        while self.0[i] != i {
            self.0[i] = self.0[self.0[i]];
            i = self.0[i];
        }
        i
    }

    fn join(&mut self, a: usize, b: usize) {
        let (a, b) = (self.find(a), self.find(b));
        if a != b {
            // The smaller index is the root, so groups do not depend on join order.
            let (lo, hi) = if a < b { (a, b) } else { (b, a) };
            self.0[hi] = lo;
        }
    }
}

/// Groups of copies, as lists of document indices (groups of one left out), each
/// sorted. `sketches` lines up with the documents; a document without a sketch is
/// nobody's copy.
pub fn groups(sketches: &[Option<Sketch>]) -> Vec<Vec<usize>> {
    let mut entries: Vec<(u64, u32)> = Vec::with_capacity(sketches.len() * BANDS);
    for (i, s) in sketches.iter().enumerate() {
        if let Some(s) = s {
            entries.extend(s.band_keys().into_iter().map(|k| (k, i as u32)));
        }
    }
    entries.sort_unstable();
    let mut groups = Groups((0..sketches.len()).collect());
    let mut roots: Vec<usize> = Vec::new();
    for bucket in entries.chunk_by(|a, b| a.0 == b.0) {
        if bucket.len() < 2 {
            continue;
        }
        roots.clear();
        for &(_, i) in bucket {
            let i = i as usize;
            let Some(si) = &sketches[i] else { continue };
            // Earlier members of the bucket, one per group, most recent groups first.
            let mut joined = false;
            for &r in roots.iter().rev().take(MAX_PER_BUCKET) {
                if groups.find(r) == groups.find(i) {
                    joined = true;
                    break;
                }
                if let Some(sr) = &sketches[r]
                    && si.same_article(sr)
                {
                    groups.join(r, i);
                    joined = true;
                    break;
                }
            }
            if !joined {
                roots.push(i);
            }
        }
    }
    let mut by_root: HashMap<usize, Vec<usize>> = HashMap::new();
    for i in 0..sketches.len() {
        let r = groups.find(i);
        by_root.entry(r).or_default().push(i);
    }
    let mut out: Vec<Vec<usize>> = by_root.into_values().filter(|g| g.len() > 1).collect();
    out.sort_unstable();
    out
}

/// Marks every copy `duplicate_of` its group's canonical document: the most complete
/// (most items, then most of title, outlet and date known, then most text), then the
/// earliest published, then the first by id. `items` are the corpus's items, for
/// counting. Returns how many documents were marked.
pub fn mark(documents: &mut [Document], sketches: &[Option<Sketch>], items: &[Item]) -> usize {
    for d in documents.iter_mut() {
        d.duplicate_of = None;
    }
    let groups = groups(sketches);
    if groups.is_empty() {
        return 0;
    }
    let index: HashMap<&str, usize> = documents
        .iter()
        .enumerate()
        .map(|(i, d)| (d.id.as_str(), i))
        .collect();
    let mut item_counts = vec![0usize; documents.len()];
    for it in items {
        if let Some(&i) = index.get(it.doc.as_str()) {
            item_counts[i] += 1;
        }
    }
    let mut marked = 0;
    for g in groups {
        let completeness = |i: usize| {
            let d = &documents[i];
            let known = usize::from(d.title.is_some())
                + usize::from(d.source.is_some())
                + usize::from(d.published.is_some());
            let chars = sketches[i].as_ref().map_or(0, |s| s.chars);
            (item_counts[i], known, chars)
        };
        let Some(&canonical) = g.iter().min_by(|&&a, &&b| {
            let (da, db) = (&documents[a], &documents[b]);
            completeness(b)
                .cmp(&completeness(a))
                .then_with(|| {
                    // Earliest first; an unknown date after any known one.
                    let key = |d: &Document| d.published.map(|p| p.start());
                    match (key(da), key(db)) {
                        (Some(x), Some(y)) => x.cmp(&y),
                        (Some(_), None) => std::cmp::Ordering::Less,
                        (None, Some(_)) => std::cmp::Ordering::Greater,
                        (None, None) => std::cmp::Ordering::Equal,
                    }
                })
                .then_with(|| da.id.cmp(&db.id))
        }) else {
            continue;
        };
        let id = documents[canonical].id.clone();
        for &i in &g {
            if i != canonical {
                documents[i].duplicate_of = Some(id.clone());
                marked += 1;
            }
        }
    }
    marked
}

impl super::Corpus {
    /// How many articles, and how many copies of them, report these items (every
    /// source of each): what charts and counts say they are drawn from.
    pub fn source_counts<'a>(&self, items: impl IntoIterator<Item = &'a Item>) -> (usize, usize) {
        let mut docs = std::collections::BTreeSet::new();
        for it in items {
            docs.insert(it.doc.as_str());
            docs.extend(it.sources.iter().map(|s| s.doc.as_str()));
        }
        let copies = docs
            .iter()
            .filter(|d| self.document(d).is_some_and(|d| d.duplicate_of.is_some()))
            .count();
        (docs.len() - copies, copies)
    }

    /// The documents marked copies of this one, by id.
    pub fn copies_of(&self, id: &str) -> Vec<&Document> {
        self.documents
            .iter()
            .filter(|d| d.duplicate_of.as_deref() == Some(id))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ARTICLE: &str = "11月14日，第二届上海国际生物医药产业周开幕活动在上海张江科学会堂举行。\n\
        活动现场发布了《上海市加快打造全球生物医药研发经济和产业化高地的若干政策措施》。\n\
        据介绍，2021年上海生物医药产业规模达到7617亿元，同比增长12.8%。\n\
        到2025年，力争全市生物医药制造业产值达到2,400亿元，培育10家以上龙头企业。\n\
        本届产业周为期一周，设置开幕式、主题论坛、创新成果展示等多个板块。";

    #[test]
    fn copies_in_other_scripts_and_wrappers_are_copies() {
        let a = Sketch::of(ARTICLE).unwrap();
        // Spacing, punctuation, pinyin debris and a spam line do not matter much.
        let debris = format!(
            "澳门新葡京 www.spam.example 点击进入\n{}",
            ARTICLE
                .replace('，', " , ")
                .replace("生物医药", "生物(shēng wù)医药")
        );
        let b = Sketch::of(&debris).unwrap();
        assert!(a.same_article(&b), "{}", a.text_similarity(&b));
        // One line edited.
        let edited = ARTICLE.replace("多个板块", "多个精彩板块，吸引众多观众");
        assert!(a.same_article(&Sketch::of(&edited).unwrap()));
    }

    #[test]
    fn other_years_and_figures_are_another_article() {
        let a = Sketch::of(ARTICLE).unwrap();
        let other = ARTICLE
            .replace("2021", "2023")
            .replace("2025", "2027")
            .replace("7617", "8537")
            .replace("12.8", "9.6")
            .replace("2,400", "2,900")
            .replace("10家", "12家");
        let b = Sketch::of(&other).unwrap();
        assert!(a.text_similarity(&b) > 0.6);
        assert!(!a.same_article(&b));
        let unrelated = Sketch::of(
            "市药监局近日召开医疗器械注册人制度试点工作推进会，部署下一阶段重点任务，要求各区加强监管协同。",
        )
        .unwrap();
        assert!(!a.same_article(&unrelated));
        assert!(Sketch::of("太短了").is_none());
    }

    #[test]
    fn groups_are_found_by_bands_and_canonical_is_most_complete() {
        let texts = [
            ARTICLE.to_string(),
            "市药监局近日召开医疗器械注册人制度试点工作推进会，部署下一阶段重点任务，要求各区加强监管协同。"
                .repeat(2),
            format!("转载：{ARTICLE}"),
            crate::script::to_simplified(ARTICLE),
        ];
        let sketches: Vec<Option<Sketch>> = texts.iter().map(|t| Sketch::of(t)).collect();
        assert_eq!(groups(&sketches), vec![vec![0, 2, 3]]);
        let mut docs: Vec<Document> = (0..4)
            .map(|i| Document {
                id: format!("d{i}"),
                title: (i != 0).then(|| "标题".to_string()),
                ..Default::default()
            })
            .collect();
        assert_eq!(mark(&mut docs, &sketches, &[]), 2);
        // d0 has no title: d2 (more text than d3) is canonical.
        let dup: Vec<Option<&str>> = docs.iter().map(|d| d.duplicate_of.as_deref()).collect();
        assert_eq!(dup, [Some("d2"), None, None, Some("d2")]);
    }

    #[test]
    fn a_flood_of_one_template_stays_near_linear() {
        // Thousands of texts that share their words but not their figures: each is
        // compared with a bounded number of others, and none is a copy.
        let sketches: Vec<Option<Sketch>> = (0..2000)
            .map(|i| {
                Sketch::of(
                    &ARTICLE
                        .replace("2021", &format!("{}", 1000 + i))
                        .replace("7617", &format!("{}", 5000 + i))
                        .replace("12.8", &format!("{}.5", i))
                        .replace("2,400", &format!("{}", 9000 + i))
                        .replace("10家", &format!("{}家", 20000 + i)),
                )
            })
            .collect();
        assert!(groups(&sketches).is_empty());
    }
}
