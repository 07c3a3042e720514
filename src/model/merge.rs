//! One fact, one item: items that state the same fact, in one document or in several,
//! become one item whose `sources` lists every sentence that reports it; figures that
//! disagree about the same thing list each other in `conflicts`.
//!
//! What makes two items one fact:
//! - an item of a copy (see [`super::copies`]) and the item of its canonical document
//!   with the same kind, sentence and figure or title;
//! - policies: the same normalised title (simplified, no punctuation) released within
//!   a year of each other; a short name ("行动方案" for "上海市…行动方案(2023-2025年)")
//!   is the one full title it ends, when only one matches, or the full title its
//!   document's own title names ("《…行动方案(2023-2025年)》解读");
//! - events: the same day, or a day apart (one outlet reports it the day after), with
//!   a similar normalised title (char-bigram Dice ≥ [`SIMILAR_TITLE`], or one title
//!   inside the other); in one document, only the same title;
//! - metrics and targets: the same kind, year (metric) or deadline (target), region
//!   and unit, a similar subject once place words are taken out (or one that ends the
//!   other), and values equal within rounding ([`agree`]);
//! - targets of one plan: documents that report the same policy, each with one goal
//!   of that deadline, region and exact figure, state the same goal however they word
//!   its subject.
//!
//! Metrics and targets of the same subject, region and year whose values do not agree
//! are both kept, and when no document reports both, each lists the other's key in
//! `conflicts`.
//!
//! The primary source of a merged item (its `doc`, `quote`, `span` and the rest of its
//! fields) is its first item in the corpus's order that is not from a copy. Each
//! comparison looks at a bounded number of candidates, so merging stays near-linear.

use super::keys::normalise;
use crate::corpus::Document;
use crate::extract::{Item, Kind, Qualifier, Quantity, SourceRef, region};
use crate::time::days_since_epoch;
use rayon::prelude::*;
use std::collections::HashMap;

/// Char-bigram Dice similarity from which two event titles are one event.
pub const SIMILAR_TITLE: f64 = 0.6;
/// Char-bigram Dice similarity from which two subjects (place words taken out) are one.
pub const SIMILAR_SUBJECT: f64 = 0.7;
/// Relative difference below which two values are equal (float noise).
const NOISE: f64 = 1e-9;
/// Candidates an item is compared with in one bucket (after the exact matches, which
/// are looked up).
const MAX_CANDIDATES: usize = 64;
/// Conflicting keys listed per item.
pub const MAX_CONFLICTS: usize = 32;

/// What merging compares of an item, made once.
struct Facts {
    /// Index of the item's canonical document (its own when it is not a copy).
    canon: u32,
    copy: bool,
    quote: String,
    title: String,
    title_bigrams: Vec<u64>,
    /// Subject with place words taken out.
    subject: String,
    subject_bigrams: Vec<u64>,
    /// Policy title, normalised; and without its bracketed parts and place words.
    policy: String,
    policy_core: String,
    /// Day number of a day-precision date.
    day: Option<i64>,
}

/// Sorted, distinct char bigrams of a normalised text.
fn bigrams(s: &str) -> Vec<u64> {
    let chars: Vec<char> = s.chars().collect();
    let mut out: Vec<u64> = chars
        .windows(2)
        .map(|w| (u64::from(w[0] as u32) << 32) | u64::from(w[1] as u32))
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// Dice similarity of two sorted bigram sets.
fn dice(a: &[u64], b: &[u64]) -> f64 {
    if a.is_empty() || b.is_empty() {
        return if a == b { 1.0 } else { 0.0 };
    }
    // At most 2·min/(|a|+|b|): sets of very different sizes are told apart unread.
    let bound = 2.0 * a.len().min(b.len()) as f64 / (a.len() + b.len()) as f64;
    if bound < SIMILAR_TITLE.min(SIMILAR_SUBJECT) {
        return bound;
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
    2.0 * both as f64 / (a.len() + b.len()) as f64
}

/// Whether one normalised text holds the other, the shorter being long enough to
/// mean something.
fn inside(a: &str, b: &str) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    short.chars().count() >= 6 && long.contains(short)
}

/// A policy title without bracketed parts (period, 试行, 征求意见稿) and place words.
fn policy_core(simplified: &str) -> String {
    let mut out = String::with_capacity(simplified.len());
    let mut depth = 0usize;
    for c in simplified.chars() {
        match c {
            '(' | '（' | '[' | '【' => depth += 1,
            ')' | '）' | ']' | '】' => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    normalise(&region::strip(&out))
}

/// The bracketed parts of a policy title, normalised ("20232025年" for a period).
fn policy_brackets(simplified: &str) -> String {
    let mut out = String::new();
    let mut depth = 0usize;
    for c in simplified.chars() {
        match c {
            '(' | '（' | '[' | '【' => depth += 1,
            ')' | '）' | ']' | '】' => depth = depth.saturating_sub(1),
            c if depth > 0 && c.is_alphanumeric() => out.push(c),
            _ => {}
        }
    }
    out
}

/// The written precision of a figure in its base unit: the place of its last written
/// digit, or of its last nonzero digit when the figure may be rounded there.
/// "约7600亿元" and "7600亿元" (two significant digits, then zeros) are read to the
/// hundred (100亿); "9000亿元" stated plainly is taken at its word (1亿): one
/// significant digit is not how outlets round a reported total; "1.2万亿" is read
/// to 0.1万亿.
fn precision(q: &Quantity) -> f64 {
    let run: String = q
        .text
        .chars()
        .skip_while(|c| !c.is_ascii_digit())
        .take_while(|c| c.is_ascii_digit() || *c == '.' || *c == ',')
        .filter(|&c| c != ',')
        .collect();
    let run = run.trim_end_matches('.');
    let Ok(number) = run.parse::<f64>() else {
        return 0.0;
    };
    if number == 0.0 || !q.value.is_finite() {
        return 0.0;
    }
    let scale = q.value / number;
    let place = match run.split_once('.') {
        Some((_, decimals)) => 10f64.powi(-(decimals.len() as i32)),
        None => {
            let digits = run.trim_start_matches('0');
            let zeros = digits.len() - digits.trim_end_matches('0').len();
            let significant = digits.len() - zeros;
            if q.qualifier != Qualifier::Exact || significant >= 2 {
                10f64.powi(zeros as i32)
            } else {
                1.0
            }
        }
    };
    (place * scale).abs()
}

/// The values a stated figure allows.
fn interval(q: &Quantity) -> (f64, f64) {
    let v = q.value;
    let p = precision(q);
    match q.qualifier {
        Qualifier::Exact | Qualifier::About => (v - p / 2.0, v + p / 2.0),
        Qualifier::Over | Qualifier::AtLeast => (v, v + p),
        Qualifier::AtMost => (v - p, v),
    }
}

/// Whether two figures can be the same value, one rounded differently from the other:
/// 7617亿元 and 约7600亿元 agree; 8537亿元 and 9000亿元 do not, nor do 1.2万亿 and
/// 1.3万亿 (ranges that only touch).
pub fn agree(a: &Quantity, b: &Quantity) -> bool {
    if (a.value - b.value).abs() <= NOISE * a.value.abs().max(b.value.abs()) {
        return true;
    }
    let (a0, a1) = interval(a);
    let (b0, b1) = interval(b);
    a0 < b1 && b0 < a1
}

/// Union-find over item indices; the smaller index is the root.
struct Sets(Vec<u32>);

impl Sets {
    fn find(&mut self, mut i: usize) -> usize {
        while self.0[i] as usize != i {
            let up = self.0[self.0[i] as usize];
            self.0[i] = up;
            i = up as usize;
        }
        i
    }

    fn join(&mut self, a: usize, b: usize) {
        let (a, b) = (self.find(a), self.find(b));
        if a != b {
            let (lo, hi) = if a < b { (a, b) } else { (b, a) };
            self.0[hi] = lo as u32;
        }
    }
}

/// Fills what extraction leaves empty: the region, from the subject or title and the
/// sentence, and the sources, the item itself alone (what an unmerged item reports).
/// Items that have them (a saved extraction) keep them.
pub fn prepare(items: &mut [Item]) {
    items.par_iter_mut().for_each(|it| {
        if it.region.is_none() {
            let what = it.subject.as_deref().unwrap_or(&it.title);
            it.region = region::of(what, &it.quote).map(str::to_owned);
        }
        if it.sources.is_empty() {
            it.sources = vec![SourceRef {
                doc: it.doc.clone(),
                quote: it.quote.clone(),
                span: it.span,
            }];
        }
    });
}

/// Merges items that state the same fact (see the module doc). `items` are in the
/// corpus's order, prepared ([`prepare`]) and keyed; the result keeps that order (by
/// each merged item's primary source). Keys are left as they are: the caller makes
/// them unique.
pub fn merge(documents: &[Document], items: Vec<Item>) -> Vec<Item> {
    let doc_index: HashMap<&str, usize> = documents
        .iter()
        .enumerate()
        .map(|(i, d)| (d.id.as_str(), i))
        .collect();
    let canon_of = |doc: &str| -> (u32, bool) {
        let Some(&i) = doc_index.get(doc) else {
            return (u32::MAX, false);
        };
        match documents[i]
            .duplicate_of
            .as_deref()
            .and_then(|c| doc_index.get(c))
        {
            Some(&c) => (c as u32, true),
            None => (i as u32, false),
        }
    };
    let facts: Vec<Facts> = items
        .par_iter()
        .map(|it| {
            let (canon, copy) = canon_of(&it.doc);
            let title = normalise(&it.title);
            let subject = it
                .subject
                .as_deref()
                .map(|s| normalise(&region::strip(&crate::script::to_simplified(s))))
                .unwrap_or_default();
            let (policy, policy_core) = match (it.kind, it.policy_title.as_deref()) {
                (Kind::Policy, Some(p)) => {
                    let simp = crate::script::to_simplified(p);
                    (normalise(&simp), policy_core(&simp))
                }
                _ => (String::new(), String::new()),
            };
            let day = (it.date.precision() == crate::time::Precision::Day)
                .then(|| days_since_epoch(it.date.start()) as i64);
            Facts {
                canon,
                copy,
                quote: normalise(&it.quote),
                title_bigrams: bigrams(&title),
                title,
                subject_bigrams: bigrams(&subject),
                subject,
                policy,
                policy_core,
                day,
            }
        })
        .collect();
    let mut sets = Sets((0..items.len() as u32).collect());

    join_copies(&items, &facts, &mut sets);
    join_policies(&items, &facts, &mut sets);
    join_short_names_by_title(documents, &items, &facts, &mut sets);
    join_events(&items, &facts, &mut sets);
    let entries = join_figures(&items, &facts, &mut sets);
    join_plan_targets(&items, &facts, &mut sets);

    // Members of each merged item, in order; the primary is the first not from a copy.
    let mut members: HashMap<usize, Vec<usize>> = HashMap::new();
    for i in 0..items.len() {
        let r = sets.find(i);
        members.entry(r).or_default().push(i);
    }
    let mut groups: Vec<Vec<usize>> = members.into_values().collect();
    for g in &mut groups {
        if let Some(p) = g.iter().position(|&i| !facts[i].copy) {
            let primary = g.remove(p);
            g.insert(0, primary);
        }
    }
    groups.sort_unstable_by_key(|g| g[0]);
    // Which merged item each item went into, for conflicts.
    let mut group_of = vec![0usize; items.len()];
    for (n, g) in groups.iter().enumerate() {
        for &i in g {
            group_of[i] = n;
        }
    }
    let group_canons: Vec<Vec<u32>> = groups
        .iter()
        .map(|g| {
            let mut c: Vec<u32> = g.iter().map(|&i| facts[i].canon).collect();
            c.sort_unstable();
            c.dedup();
            c
        })
        .collect();
    let mut conflicts: Vec<Vec<usize>> = vec![Vec::new(); groups.len()];
    for entry in entries {
        let mut gs: Vec<usize> = entry.iter().map(|&i| group_of[i]).collect();
        gs.sort_unstable();
        gs.dedup();
        for (x, &a) in gs.iter().enumerate() {
            for &b in &gs[x + 1..] {
                if conflicts[a].len() >= MAX_CONFLICTS && conflicts[b].len() >= MAX_CONFLICTS {
                    continue;
                }
                let (qa, qb) = (
                    items[groups[a][0]].quantity.as_ref(),
                    items[groups[b][0]].quantity.as_ref(),
                );
                let disagree = match (qa, qb) {
                    (Some(qa), Some(qb)) => !agree(qa, qb),
                    _ => false,
                };
                let shared = group_canons[a]
                    .iter()
                    .any(|c| group_canons[b].binary_search(c).is_ok());
                if disagree && !shared {
                    if conflicts[a].len() < MAX_CONFLICTS {
                        conflicts[a].push(b);
                    }
                    if conflicts[b].len() < MAX_CONFLICTS {
                        conflicts[b].push(a);
                    }
                }
            }
        }
    }

    // Items are moved out once each into their merged item.
    let mut slots: Vec<Option<Item>> = items.into_iter().map(Some).collect();
    let mut out: Vec<Item> = Vec::with_capacity(groups.len());
    for g in &groups {
        let Some(mut primary) = slots[g[0]].take() else {
            continue;
        };
        primary.sources.truncate(1);
        let mut seen: std::collections::HashSet<(String, [usize; 2])> = primary
            .sources
            .iter()
            .map(|s| (s.doc.clone(), s.span))
            .collect();
        for &i in &g[1..] {
            if let Some(other) = slots[i].take() {
                // "日前" and "10月16日" of one release: the merged item knows the day.
                if primary.kind == Kind::Policy
                    && other.date.precision() > primary.date.precision()
                    && other
                        .date
                        .to_string()
                        .starts_with(&primary.date.to_string())
                {
                    primary.date = other.date;
                }
                for s in other.sources {
                    if seen.insert((s.doc.clone(), s.span)) {
                        primary.sources.push(s);
                    }
                }
            }
        }
        out.push(primary);
    }
    super::keys::disambiguate(&mut out);
    let keys: Vec<String> = out.iter().map(|it| it.key.clone()).collect();
    for (it, c) in out.iter_mut().zip(conflicts) {
        it.conflicts = c.into_iter().map(|g| keys[g].clone()).collect();
    }
    out
}

/// Items of a copy join the item of their canonical document with the same kind,
/// sentence and figure or title (each at most once per copy).
fn join_copies(items: &[Item], facts: &[Facts], sets: &mut Sets) {
    let what = |it: &Item, f: &Facts| -> String {
        match &it.quantity {
            Some(q) => format!("{}{}", q.value, q.unit),
            None if it.kind == Kind::Policy => f.policy.clone(),
            None => f.title.clone(),
        }
    };
    let mut canonical: HashMap<(u32, Kind, &str, String), usize> = HashMap::new();
    for (i, (it, f)) in items.iter().zip(facts).enumerate() {
        if !f.copy {
            canonical
                .entry((f.canon, it.kind, f.quote.as_str(), what(it, f)))
                .or_insert(i);
        }
    }
    let mut taken = std::collections::HashSet::new();
    for (i, (it, f)) in items.iter().zip(facts).enumerate() {
        if !f.copy {
            continue;
        }
        if let Some(&c) = canonical.get(&(f.canon, it.kind, f.quote.as_str(), what(it, f)))
            && dates_fit(&items[c], it)
            && taken.insert((it.doc.as_str(), c))
        {
            sets.join(c, i);
        }
    }
}

/// Whether a copy's item and its canonical's can be one fact by their dates: a
/// sentence without its year takes it from the document, and a repost published in
/// another year does not report the same happening. The same day or one day apart,
/// or the same date at the coarser precision of the two.
fn dates_fit(a: &Item, b: &Item) -> bool {
    use crate::time::Precision;
    if a.date.precision() == Precision::Day && b.date.precision() == Precision::Day {
        let (x, y) = (
            days_since_epoch(a.date.start()),
            days_since_epoch(b.date.start()),
        );
        return (x - y).abs() <= 1.0;
    }
    let coarse = a.date.precision().min(b.date.precision());
    a.date.truncate(coarse) == b.date.truncate(coarse)
}

/// Whether two policy reports can be one release: within a year of each other.
fn policy_years_fit(a: &Item, b: &Item) -> bool {
    (a.date.year - b.date.year).abs() <= 1
}

/// Targets of one plan as two documents report it: each document states one goal of
/// that deadline, region and figure, and both report the same policy (one merged
/// policy item). Their subjects may be worded apart ("细分领域小巨人企业" and "合成生物
/// 领军企业"): the plan and the figure make them one goal.
fn join_plan_targets(items: &[Item], facts: &[Facts], sets: &mut Sets) {
    let mut plans: HashMap<u32, Vec<usize>> = HashMap::new();
    for (i, it) in items.iter().enumerate() {
        if it.kind == Kind::Policy {
            let root = sets.find(i);
            let roots = plans.entry(facts[i].canon).or_default();
            if !roots.contains(&root) {
                roots.push(root);
            }
        }
    }
    if plans.len() < 2 {
        return;
    }
    type Goal<'a> = (Option<i32>, Option<&'a str>, &'a str, u64, Option<u64>);
    let mut goals: HashMap<Goal<'_>, Vec<usize>> = HashMap::new();
    for (i, it) in items.iter().enumerate() {
        if it.kind != Kind::Target || it.deadline.is_none() || !plans.contains_key(&facts[i].canon)
        {
            continue;
        }
        let Some(q) = &it.quantity else { continue };
        goals
            .entry((
                it.deadline,
                it.region.as_deref(),
                q.unit.as_str(),
                q.value.to_bits(),
                q.value_max.map(f64::to_bits),
            ))
            .or_default()
            .push(i);
    }
    let mut keys: Vec<&Goal<'_>> = goals.keys().collect();
    keys.sort_unstable();
    for key in keys {
        let bucket = &goals[key];
        // One goal of this figure per document, else the figure names several things.
        let mut per_doc: HashMap<u32, usize> = HashMap::new();
        for &i in bucket {
            *per_doc.entry(facts[i].canon).or_default() += 1;
        }
        let single: Vec<usize> = bucket
            .iter()
            .copied()
            .filter(|&i| per_doc[&facts[i].canon] == 1)
            .collect();
        for (x, &a) in single.iter().enumerate() {
            for &b in &single[x + 1..] {
                let shared = plans[&facts[a].canon]
                    .iter()
                    .any(|r| plans[&facts[b].canon].contains(r));
                if shared {
                    sets.join(a, b);
                }
            }
        }
    }
}

/// Chars of a policy core short enough to be a short name (行动方案, 若干意见).
const SHORT_NAME_CHARS: usize = 6;

/// A short name (《行动方案》) in a document whose own title names the full title
/// ("《上海市…行动方案(2023—2025年)》解读") is that policy, as other documents name it.
fn join_short_names_by_title(
    documents: &[Document],
    items: &[Item],
    facts: &[Facts],
    sets: &mut Sets,
) {
    let short: Vec<usize> = (0..items.len())
        .filter(|&i| {
            items[i].kind == Kind::Policy
                && !facts[i].policy_core.is_empty()
                && facts[i].policy_core.chars().count() <= SHORT_NAME_CHARS
        })
        .collect();
    if short.is_empty() {
        return;
    }
    let titles: HashMap<&str, Vec<String>> = documents
        .iter()
        .filter_map(|d| {
            let t = crate::script::to_simplified(d.title.as_deref()?);
            let cores: Vec<String> = t
                .split('《')
                .skip(1)
                .filter_map(|rest| rest.split_once('》'))
                .map(|(inner, _)| policy_core(inner))
                .collect();
            (!cores.is_empty()).then_some((d.id.as_str(), cores))
        })
        .collect();
    let mut by_core: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, (it, f)) in items.iter().zip(facts).enumerate() {
        if it.kind == Kind::Policy && !f.policy_core.is_empty() {
            by_core.entry(&f.policy_core).or_default().push(i);
        }
    }
    for s in short {
        let core = &facts[s].policy_core;
        let Some(full) = titles.get(items[s].doc.as_str()).and_then(|cores| {
            let mut fits = cores
                .iter()
                .filter(|c| c.len() > core.len() && c.ends_with(core.as_str()));
            fits.next().filter(|_| fits.next().is_none())
        }) else {
            continue;
        };
        if let Some(&l) = by_core
            .get(full.as_str())
            .into_iter()
            .flatten()
            .find(|&&l| policy_years_fit(&items[s], &items[l]))
        {
            sets.join(l, s);
        }
    }
}

fn join_policies(items: &[Item], facts: &[Facts], sets: &mut Sets) {
    // Full titles, then cores (a title that gives no period is the one that does).
    let mut by_title: HashMap<&str, Vec<usize>> = HashMap::new();
    let mut by_core: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, (it, f)) in items.iter().zip(facts).enumerate() {
        if it.kind == Kind::Policy && !f.policy.is_empty() {
            by_title.entry(&f.policy).or_default().push(i);
            if !f.policy_core.is_empty() {
                by_core.entry(&f.policy_core).or_default().push(i);
            }
        }
    }
    let brackets: HashMap<usize, String> = by_core
        .values()
        .flatten()
        .map(|&i| {
            let p = items[i].policy_title.as_deref().unwrap_or_default();
            (i, policy_brackets(&crate::script::to_simplified(p)))
        })
        .collect();
    let mut bucket_join = |bucket: &[usize], fits: &dyn Fn(usize, usize) -> bool| {
        let mut reps: Vec<usize> = Vec::new();
        for &i in bucket {
            match reps
                .iter()
                .rev()
                .take(MAX_CANDIDATES)
                .find(|&&r| fits(r, i))
            {
                Some(&r) => sets.join(r, i),
                None => reps.push(i),
            }
        }
    };
    for bucket in by_title.values() {
        bucket_join(bucket, &|a, b| policy_years_fit(&items[a], &items[b]));
    }
    for bucket in by_core.values() {
        bucket_join(bucket, &|a, b| {
            let (pa, pb) = (&brackets[&a], &brackets[&b]);
            (pa.is_empty() || pb.is_empty() || pa == pb) && policy_years_fit(&items[a], &items[b])
        });
    }
    // Short names: a core that is the end of exactly one longer core.
    let mut by_tail: HashMap<String, Vec<&str>> = HashMap::new();
    for core in by_core.keys() {
        let tail: String = core
            .chars()
            .rev()
            .take(4)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        by_tail.entry(tail).or_default().push(core);
    }
    for cores in by_tail.values() {
        if cores.len() < 2 {
            continue;
        }
        for short in cores {
            if short.chars().count() < 6 {
                continue;
            }
            let longer: Vec<&&str> = cores
                .iter()
                .filter(|c| c.len() > short.len() && c.ends_with(*short))
                .take(2)
                .collect();
            if let [long] = longer[..] {
                for &s in &by_core[short] {
                    if let Some(&l) = by_core[*long]
                        .iter()
                        .find(|&&l| policy_years_fit(&items[s], &items[l]))
                    {
                        sets.join(l, s);
                    }
                }
            }
        }
    }
}

fn join_events(items: &[Item], facts: &[Facts], sets: &mut Sets) {
    // Day-precision events by day; others by their date as written.
    let mut by_day: HashMap<i64, Vec<usize>> = HashMap::new();
    let mut by_date: HashMap<crate::time::PartialDate, Vec<usize>> = HashMap::new();
    for (i, (it, f)) in items.iter().zip(facts).enumerate() {
        if it.kind != Kind::Event {
            continue;
        }
        match f.day {
            Some(d) => by_day.entry(d).or_default().push(i),
            None => by_date.entry(it.date).or_default().push(i),
        }
    }
    let same_event = |a: usize, b: usize| {
        let (fa, fb) = (&facts[a], &facts[b]);
        if fa.canon == fb.canon {
            return fa.title == fb.title;
        }
        fa.title == fb.title
            || dice(&fa.title_bigrams, &fb.title_bigrams) >= SIMILAR_TITLE
            || inside(&fa.title, &fb.title)
    };
    // Representatives (one per merged event so far) of each day, and by exact title.
    let mut reps: HashMap<i64, Vec<usize>> = HashMap::new();
    let mut exact: HashMap<(i64, &str), Vec<usize>> = HashMap::new();
    let mut days: Vec<&i64> = by_day.keys().collect();
    days.sort_unstable();
    for &day in days {
        for &i in &by_day[&day] {
            let title = facts[i].title.as_str();
            let mut found = [day - 1, day, day + 1].iter().find_map(|d| {
                exact.get(&(*d, title)).and_then(|rs| {
                    rs.iter()
                        .take(MAX_CANDIDATES)
                        .find(|&&r| same_event(r, i))
                        .copied()
                })
            });
            'days: for d in [day - 1, day, day + 1] {
                if found.is_some() {
                    break;
                }
                if let Some(rs) = reps.get(&d) {
                    for &r in rs.iter().rev().take(MAX_CANDIDATES) {
                        if same_event(r, i) {
                            found = Some(r);
                            break 'days;
                        }
                    }
                }
            }
            match found {
                Some(r) => sets.join(r, i),
                None => {
                    reps.entry(day).or_default().push(i);
                    exact.entry((day, title)).or_default().push(i);
                }
            }
        }
    }
    for bucket in by_date.values() {
        let mut reps: Vec<usize> = Vec::new();
        for &i in bucket {
            match reps
                .iter()
                .rev()
                .take(MAX_CANDIDATES)
                .find(|&&r| same_event(r, i))
            {
                Some(&r) => sets.join(r, i),
                None => reps.push(i),
            }
        }
    }
}

/// Chars the shorter subject needs before it may stand for a longer one it ends.
const MIN_SUBJECT_END: usize = 4;

/// One subject ends the other ("产业规模" and "同期全市生物医药产业规模", "年均复合增长率"
/// and "三年间全市生物医药产业规模年均复合增长率"): the longer only says more of the same
/// measure. Subjects are normalised and without place words.
fn names_the_end(a: &str, b: &str) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    short.chars().count() >= MIN_SUBJECT_END && long.ends_with(short)
}

/// Joins figures that agree; returns the subject entries: items (one per merged
/// figure) that give the same subject, region and year, for conflicts.
fn join_figures(items: &[Item], facts: &[Facts], sets: &mut Sets) -> Vec<Vec<usize>> {
    type Group<'a> = (Kind, Option<i32>, Option<&'a str>, &'a str);
    let mut groups: HashMap<Group<'_>, Vec<usize>> = HashMap::new();
    for (i, it) in items.iter().enumerate() {
        let Some(q) = &it.quantity else { continue };
        let when = match it.kind {
            Kind::Metric => Some(it.date.year),
            Kind::Target => it.deadline,
            _ => continue,
        };
        groups
            .entry((it.kind, when, it.region.as_deref(), q.unit.as_str()))
            .or_default()
            .push(i);
    }
    let similar_subject = |a: usize, b: usize| {
        let (fa, fb) = (&facts[a], &facts[b]);
        fa.subject == fb.subject
            || dice(&fa.subject_bigrams, &fb.subject_bigrams) >= SIMILAR_SUBJECT
            || names_the_end(&fa.subject, &fb.subject)
    };
    let mut entries_out = Vec::new();
    let mut keys: Vec<&Group<'_>> = groups.keys().collect();
    keys.sort_unstable();
    for key in keys {
        let bucket = &groups[key];
        // Subject entries: (first item, merged figures' first items).
        let mut entries: Vec<(usize, Vec<usize>)> = Vec::new();
        let mut by_subject: HashMap<&str, usize> = HashMap::new();
        for &i in bucket {
            let q = items[i].quantity.as_ref();
            let at = by_subject
                .get(facts[i].subject.as_str())
                .copied()
                .or_else(|| {
                    let n = entries.len();
                    entries
                        .iter()
                        .rev()
                        .take(MAX_CANDIDATES)
                        .position(|(s, _)| similar_subject(*s, i))
                        .map(|k| n - 1 - k)
                });
            if at.is_none() {
                by_subject.insert(&facts[i].subject, entries.len());
            }
            let entry = at.and_then(|k| entries.get_mut(k));
            match entry {
                Some((_, figures)) => {
                    let same = figures.iter().rev().take(MAX_CANDIDATES).find(|&&r| {
                        match (items[r].quantity.as_ref(), q) {
                            (Some(a), Some(b)) => agree(a, b),
                            _ => false,
                        }
                    });
                    match same {
                        Some(&r) => sets.join(r, i),
                        None => figures.push(i),
                    }
                }
                None => entries.push((i, vec![i])),
            }
        }
        entries_out.extend(entries.into_iter().map(|(_, f)| f).filter(|f| f.len() > 1));
    }
    entries_out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(value: f64, text: &str, qualifier: Qualifier) -> Quantity {
        Quantity {
            value,
            unit: "元".into(),
            text: text.into(),
            qualifier,
            value_max: None,
        }
    }

    fn docs(ids: &[(&str, Option<&str>)]) -> Vec<Document> {
        ids.iter()
            .map(|(id, title)| Document {
                id: (*id).into(),
                title: title.map(str::to_owned),
                ..Default::default()
            })
            .collect()
    }

    fn merged(documents: &[Document], items: Vec<Item>) -> Vec<Item> {
        let mut items = items;
        prepare(&mut items);
        merge(documents, items)
    }

    #[test]
    fn a_short_name_under_a_title_that_names_the_plan_is_the_plan_and_its_goals_are_one() {
        use crate::testkit::item;
        let full = "上海市加快合成生物创新策源行动方案（2023—2025年）";
        let documents = docs(&[
            (
                "a",
                Some("《上海市加快合成生物创新策源行动方案（2023—2025年）》解读"),
            ),
            ("b", None),
        ]);
        let items = vec![
            item("a", 1, Kind::Policy, "2023-10-16")
                .policy_title("行动方案")
                .build(),
            item("a", 2, Kind::Target, "2023-10-16")
                .measured("细分领域小巨人企业", 10.0, "家")
                .deadline(2025)
                .build(),
            item("b", 1, Kind::Policy, "2023-10")
                .policy_title(full)
                .build(),
            item("b", 2, Kind::Target, "2023-10")
                .measured("合成生物领军企业", 10.0, "家")
                .deadline(2025)
                .build(),
        ];
        let out = merged(&documents, items);
        let policy: Vec<&Item> = out.iter().filter(|i| i.kind == Kind::Policy).collect();
        assert_eq!(policy.len(), 1, "{out:#?}");
        assert_eq!(policy[0].date.to_string(), "2023-10-16");
        assert_eq!(out.iter().filter(|i| i.kind == Kind::Target).count(), 1);
    }

    #[test]
    fn goals_of_one_figure_in_documents_of_other_plans_stay_apart() {
        use crate::testkit::item;
        let documents = docs(&[("a", None), ("b", None)]);
        let items = vec![
            item("a", 1, Kind::Policy, "2023-10")
                .policy_title("甲行动方案")
                .build(),
            item("a", 2, Kind::Target, "2023-10")
                .measured("领军企业", 10.0, "家")
                .deadline(2025)
                .build(),
            item("b", 1, Kind::Policy, "2023-10")
                .policy_title("乙实施意见")
                .build(),
            item("b", 2, Kind::Target, "2023-10")
                .measured("示范平台", 10.0, "家")
                .deadline(2025)
                .build(),
        ];
        let out = merged(&documents, items);
        assert_eq!(out.iter().filter(|i| i.kind == Kind::Target).count(), 2);
    }

    #[test]
    fn a_subject_that_ends_a_longer_one_names_the_same_measure() {
        assert!(names_the_end("产业规模", "同期全市生物医药产业规模"));
        assert!(names_the_end(
            "三年间全市产业规模年均复合增长率",
            "年均复合增长率"
        ));
        // Too short to stand for anything longer.
        assert!(!names_the_end("企业", "生物医药企业"));
        assert!(!names_the_end("产业规模", "产业规模增速"));
    }

    #[test]
    fn rounding_agrees_and_other_figures_do_not() {
        let exact = q(7.617e11, "7617亿元", Qualifier::Exact);
        assert!(agree(&exact, &q(7.6e11, "约7600亿元", Qualifier::About)));
        assert!(agree(&exact, &q(7.6e11, "7600亿元", Qualifier::Exact)));
        assert!(!agree(&exact, &q(7.7e11, "7700亿元", Qualifier::Exact)));
        // "About" widens a round figure to its rounding.
        assert!(agree(
            &q(9e11, "约9000亿元", Qualifier::About),
            &q(8.537e11, "8537亿元", Qualifier::Exact)
        ));
        assert!(agree(&exact, &q(7.6e11, "超过7600亿元", Qualifier::Over)));
        assert!(agree(&exact, &q(7.617e11, "7,617亿元", Qualifier::Exact)));
        assert!(!agree(
            &q(8.537e11, "8537亿元", Qualifier::Exact),
            &q(9e11, "9000亿元", Qualifier::Exact)
        ));
        assert!(!agree(&exact, &q(7.2e11, "约7200亿元", Qualifier::About)));
        assert!(agree(
            &q(1.2e12, "1.2万亿元", Qualifier::Exact),
            &q(1.2e12, "12000亿元", Qualifier::Exact)
        ));
        assert!(!agree(
            &q(1.2e12, "1.2万亿元", Qualifier::Exact),
            &q(1.3e12, "1.3万亿元", Qualifier::Exact)
        ));
    }

    #[test]
    fn titles_and_policies_compare_after_normalising() {
        assert!(
            dice(
                &bigrams(&normalise("第五届江南生物医药合作交流大会在上海举办")),
                &bigrams(&normalise("第五届江南生物医药合作交流大会举行"))
            ) >= SIMILAR_TITLE
        );
        assert_eq!(
            policy_core("上海市促进基因治疗科技创新与产业发展行动方案(2023-2025年)"),
            "促进基因治疗科技创新与产业发展行动方案"
        );
        assert_eq!(
            policy_brackets("上海市某某行动方案(2023-2025年)"),
            "20232025年"
        );
    }
}
