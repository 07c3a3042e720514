//! Documents → timeline items: dates, quantities, events, policies, targets, metrics
//! and themes.
//!
//! [`extract`] is a pure function of one document and the theme lexicon, so documents
//! are extracted in parallel and every rule is unit-tested on plain strings.

pub mod dates;
pub mod display;
mod item;
pub mod items;
pub mod quantity;
mod quote;
pub mod region;
mod runs;
pub mod sentences;
pub mod themes;
mod words;

use crate::corpus::Document;
pub use item::{Basis, Item, Kind, Qualifier, Quantity, Quote, SourceRef};
pub use themes::{Theme, Themes};

/// At most this many items are kept from one document (the first ones, in text order):
/// a junk file of a million figures must not flood the timeline or memory. `extract`
/// makes one more than this, so a caller can tell a capped document from a full one.
pub const MAX_ITEMS_PER_DOC: usize = 5000;

/// Dates and quantities read from one document, in text order: several times the items
/// kept, so that mentions that yield no item do not cut the kept ones short.
const MAX_MENTIONS_PER_DOC: usize = 4 * MAX_ITEMS_PER_DOC;

/// Extracts every item of one document.
pub fn extract(doc: &Document, themes: &Themes) -> Vec<Item> {
    // Sized from the text's count up front: collecting grows the vector a few times
    // over on a long article, copying it each time.
    let n = doc.text.chars().count();
    let mut simp = Vec::with_capacity(n);
    simp.extend(doc.simplified.chars());
    if n != simp.len() || simp.is_empty() {
        // The corpus guarantees equal lengths; without that no offset can be trusted.
        return Vec::new();
    }
    let sentences = sentences::split(&doc.simplified, &simp);
    let base = doc.published.map(|d| d.start());
    // Each rule runs once over the whole text; mentions are then bucketed by sentence.
    let mut all_dates = dates::find(&doc.simplified, base);
    let mut all_quantities = quantity::find(&doc.simplified);
    // Only the first items of a document are kept (see MAX_ITEMS_PER_DOC); mentions
    // far beyond what those need would only hold memory in drafts never used.
    all_dates.truncate(MAX_MENTIONS_PER_DOC);
    all_quantities.truncate(MAX_MENTIONS_PER_DOC);
    let mut per_sentence_dates = vec![Vec::new(); sentences.len()];
    let mut per_sentence_qty = vec![Vec::new(); sentences.len()];
    let sentence_of = |at: usize| sentences.partition_point(|s| s.end <= at);
    for mut m in all_dates {
        let i = sentence_of(m.start);
        if let Some(s) = sentences
            .get(i)
            .filter(|s| s.start <= m.start && m.end <= s.end)
        {
            m.start -= s.start;
            m.end -= s.start;
            per_sentence_dates[i].push(m);
        }
    }
    for mut q in all_quantities {
        let i = sentence_of(q.start);
        if let Some(s) = sentences
            .get(i)
            .filter(|s| s.start <= q.start && q.end <= s.end)
        {
            q.start -= s.start;
            q.end -= s.start;
            per_sentence_qty[i].push(q);
        }
    }
    let mut para_sizes = vec![0usize; sentences.last().map_or(0, |s| s.para + 1)];
    for s in &sentences {
        para_sizes[s.para] += 1;
    }
    let (has_event_verb, event_verbs) = items::event_verb_sentences(&simp, &sentences);
    let ctx = items::Context {
        para_sizes,
        has_event_verb,
        event_verbs,
        simp: &simp,
        sentences: &sentences,
        dates: per_sentence_dates,
        quantities: per_sentence_qty,
        base,
        published: doc.published,
    };
    let (mut drafts, main, para_dates) = items::events(&ctx);
    drafts.extend(items::policies(&ctx, main, &para_dates));
    drafts.extend(items::figures(&ctx, main, &para_dates));
    date_goals_by_their_policy(&mut drafts, &sentences);
    // 2021年,上海共有10个1类创新药获批上市: a year's tally reported as an event too is
    // one fact, the figure; the event that only restates it goes. An event on its day
    // (8家企业在现场获授证书) is a happening and stays.
    let figures: Vec<(usize, (usize, usize))> = drafts
        .iter()
        .filter_map(|d| d.quantity.as_ref().map(|(_, r)| (d.sentence, *r)))
        .collect();
    drafts.retain(|d| {
        d.kind != Kind::Event
            || d.date.precision() == crate::time::Precision::Day
            || !figures.iter().any(|&(s, (a, b))| {
                s == d.sentence && d.title.pieces.iter().any(|&(x, y)| x <= a && b <= y)
            })
    });
    let mut items = finish(doc, &simp, &sentences, drafts, themes);
    let off = off_topic_sections(&simp, themes);
    if !off.is_empty() {
        items.retain(|it| !off.iter().any(|&(a, b)| a <= it.span[0] && it.span[1] <= b));
    }
    items
}

/// 规划提出,到2025年…: goals in a sentence that opens with a policy's name and a verb
/// of stating are the policy's, set when it was released; they take its date when it
/// is earlier than theirs.
fn date_goals_by_their_policy(drafts: &mut [items::Draft], sentences: &[sentences::Sentence]) {
    let lex = crate::lexicon::get();
    let states = lex.words("policies", "states");
    let ends = lex.words("policies", "title_ends");
    let policies: Vec<(String, crate::time::PartialDate)> = drafts
        .iter()
        .filter(|d| d.kind == Kind::Policy)
        .filter_map(|d| {
            let (a, b) = d.policy_title?;
            let s = sentences.iter().find(|s| s.start <= a && b <= s.end)?;
            let t: String = s.simp.chars().skip(a - s.start).take(b - a).collect();
            Some((t, d.date))
        })
        .collect();
    if policies.is_empty() {
        return;
    }
    for d in drafts.iter_mut().filter(|d| d.kind == Kind::Target) {
        let simp = sentences[d.sentence].simp.trim_start();
        // The name: a 《title》, else a bare document word (规划, 方案).
        let name = if let Some(rest) = simp.strip_prefix('《') {
            rest.split_once('》')
                .map(|(t, after)| (t.to_string(), after))
        } else {
            ends.iter()
                .find(|w| simp.starts_with(w.as_str()))
                .map(|w| (w.clone(), &simp[w.len()..]))
        };
        let Some((name, after)) = name else { continue };
        if !states.iter().any(|v| after.starts_with(v.as_str())) {
            continue;
        }
        let tail: String = {
            let n = name.trim_end_matches([')', '）']).chars().count();
            name.chars().skip(n.saturating_sub(2)).take(2).collect()
        };
        let policy = policies.iter().find(|(t, _)| {
            let t = t.trim_end_matches(|c: char| c.is_ascii_digit() || "年-—－()（）".contains(c));
            t == name || t.ends_with(tail.as_str())
        });
        if let Some(&(_, date)) = policy
            && date.start() < d.date.start()
        {
            d.date = date;
        }
    }
}

/// A digest of several stories ("【生物医药】…【交通】…【天气】…"): the char ranges of
/// its sections that hold none of the field's words. A section starts at a line that
/// opens with a short tag in 【】; a page needs two such tags to be a digest.
fn off_topic_sections(simp: &[char], themes: &Themes) -> Vec<(usize, usize)> {
    let mut starts = Vec::new();
    let mut line_start = 0;
    for (k, &c) in simp.iter().enumerate() {
        if k == line_start {
            let head = &simp[k..simp.len().min(k + 12)];
            let first = head
                .iter()
                .position(|c| !c.is_whitespace() && *c != '\u{3000}');
            if first.is_some_and(|f| head[f] == '【' && head[f + 1..].contains(&'】')) {
                starts.push(k);
            }
        }
        if c == '\n' {
            line_start = k + 1;
        }
    }
    if starts.len() < 2 {
        return Vec::new();
    }
    let ends = starts.iter().skip(1).copied().chain([simp.len()]);
    starts
        .iter()
        .copied()
        .zip(ends)
        .filter(|&(a, b)| !themes.on_topic(&simp[a..b].iter().collect::<String>()))
        .collect()
}

/// `out.push_str(&cut(chars, r))` without a string of its own.
fn push_cut(out: &mut String, chars: &[char], (a, b): (usize, usize)) {
    if let Some(s) = chars.get(a..b) {
        out.extend(s);
    }
}

/// `format!("{doc}#{n}")`: the formatting machinery costs more than the id.
fn item_id(doc: &str, n: usize) -> String {
    let mut digits = [0u8; 20];
    let mut k = digits.len();
    let mut n = n;
    loop {
        k -= 1;
        digits[k] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    let mut id = String::with_capacity(doc.len() + 1 + digits.len() - k);
    id.push_str(doc);
    id.push('#');
    id.extend(digits[k..].iter().map(|&d| char::from(d)));
    id
}

/// Per byte of the eight in `x`, 1 where it starts a char and 0 where it continues one
/// (10xxxxxx). Summed over a few words, one multiply adds up all the bytes: the
/// target has no popcount instruction, and its emulation cost more than the rest.
fn char_starts(x: u64) -> u64 {
    ((!x | x << 1) >> 7) & 0x0101_0101_0101_0101
}

/// The sum of the eight bytes of `per_byte`, which must not exceed 255.
fn byte_sum(per_byte: u64) -> usize {
    (per_byte.wrapping_mul(0x0101_0101_0101_0101) >> 56) as usize
}

/// The byte offset `n` chars on from the char boundary `byte` of `text`, or the end of
/// the text when fewer are left. Thirty-two bytes, then eight, at a time are skipped
/// while they hold no more char starts than are left to skip: the chars themselves
/// need not be decoded.
fn skip_chars(text: &str, mut byte: usize, mut n: usize) -> usize {
    let bytes = text.as_bytes();
    let word = |w: &[u8]| <[u8; 8]>::try_from(w).map_or(0, u64::from_le_bytes);
    while let Some(block) = bytes.get(byte..byte + 32) {
        let per_byte: u64 = block.chunks_exact(8).map(|w| char_starts(word(w))).sum();
        let starts = byte_sum(per_byte);
        if starts > n {
            break;
        }
        n -= starts;
        byte += 32;
    }
    while let Some(chunk) = bytes.get(byte..byte + 8) {
        let starts = byte_sum(char_starts(word(chunk)));
        if starts > n {
            break;
        }
        n -= starts;
        byte += 8;
    }
    while let Some(&b) = bytes.get(byte) {
        if b & 0xC0 != 0x80 {
            if n == 0 {
                return byte;
            }
            n -= 1;
        }
        byte += 1;
    }
    text.len()
}

/// The document's own text, cut by char offsets. Items quote only a few places of it,
/// so those offsets are turned into byte offsets in one walk over the text instead of
/// collecting all of its chars.
struct Orig<'a> {
    text: &'a str,
    /// Char count of `text`.
    len: usize,
    /// (char offset, byte offset), sorted.
    at: Vec<(usize, usize)>,
}

impl<'a> Orig<'a> {
    fn new(text: &'a str, len: usize, mut wanted: Vec<usize>) -> Self {
        wanted.sort_unstable();
        wanted.dedup();
        wanted.retain(|&k| k <= len);
        let mut at = Vec::with_capacity(wanted.len());
        let (mut k, mut byte) = (0, 0);
        for w in wanted {
            byte = skip_chars(text, byte, w - k);
            k = w;
            if byte == text.len() {
                // Only the end of the text is left.
                at.push((len, text.len()));
                break;
            }
            at.push((w, byte));
        }
        Self { text, len, at }
    }

    /// `cut` on the document's chars, as it would be on a collected `Vec<char>`.
    fn cut(&self, r: (usize, usize)) -> String {
        self.slice(r).to_string()
    }

    /// What [`Orig::cut`] gives, borrowed.
    fn slice(&self, r: (usize, usize)) -> &'a str {
        self.bytes(r).map_or("", |r| &self.text[r])
    }

    /// The byte range of the char range `(a, b)`, when both ends were wanted.
    fn bytes(&self, (a, b): (usize, usize)) -> Option<std::ops::Range<usize>> {
        if a > b || b > self.len {
            return None;
        }
        let byte = |k: usize| {
            self.at
                .binary_search_by_key(&k, |&(c, _)| c)
                .ok()
                .map(|i| self.at[i].1)
        };
        Some(byte(a)?..byte(b)?)
    }
}

/// Themes, ids and text for the drafts, with repeats of the same figure dropped.
fn finish(
    doc: &Document,
    simp: &[char],
    sentences: &[sentences::Sentence],
    mut drafts: Vec<items::Draft>,
    themes: &Themes,
) -> Vec<Item> {
    drafts.sort_by_key(|d| (sentences[d.sentence].start, d.kind, d.order));
    let mut wanted = Vec::new();
    for d in &drafts {
        let s = &sentences[d.sentence];
        let ranges = d
            .title
            .pieces
            .iter()
            .chain(&d.subject)
            .chain(d.quantity.as_ref().map(|(_, r)| r))
            .chain(&d.policy_title)
            .chain(&d.issuers);
        for &(a, b) in std::iter::once(&(s.start, s.end)).chain(ranges) {
            wanted.extend([a, b]);
        }
    }
    let orig = Orig::new(&doc.text, simp.len(), wanted);
    // The document title's themes go to the article's main event.
    let title_themes = doc
        .title
        .as_deref()
        .map(|t| themes.rank(&crate::script::to_simplified(&t.to_lowercase())))
        .unwrap_or_default();
    // Each sentence's keywords and each paragraph's themes, found once when an item
    // first needs them.
    let mut hits: Vec<Option<Vec<themes::Hit>>> = vec![None; sentences.len()];
    let mut paragraphs: Vec<Option<themes::Paragraph>> =
        vec![None; sentences.last().map_or(0, |s| s.para + 1)];
    let mut seen_figures = std::collections::HashSet::<(Kind, String, u64, String)>::new();
    let mut out = Vec::new();
    // The district the document is from, looked up once and only when asked.
    let mut home_district: Option<Option<String>> = None;
    for d in drafts {
        if out.len() > MAX_ITEMS_PER_DOC {
            break;
        }
        let s = &sentences[d.sentence];
        let quote = orig
            .bytes((s.start, s.end))
            .map_or_else(Quote::default, |r| Quote::new(&doc.text, r));
        // The pieces joined, as `join` would, into one string.
        let sep = match d.kind {
            Kind::Target | Kind::Metric => " ",
            _ => "",
        };
        let mut title = String::new();
        for (k, &r) in d.title.pieces.iter().enumerate() {
            if k > 0 {
                title.push_str(sep);
            }
            title.push_str(orig.slice(r));
        }
        title.push_str(&d.title.suffix);
        if d.kind == Kind::Event && items::names_page_chrome(&title) {
            continue;
        }
        let subject = d.subject.map(|r| orig.cut(r));
        let quantity = d
            .quantity
            .as_ref()
            .map(|(q, r)| items::quantity(q, orig.cut(*r)));
        if let (Some(sub), Some(q)) = (&subject, &quantity) {
            let key = (
                d.kind,
                crate::script::to_simplified(sub),
                q.value.to_bits(),
                q.unit.clone(),
            );
            if !seen_figures.insert(key) {
                continue;
            }
        }
        let policy_title = d.policy_title.map(|r| orig.cut(r));
        // The item's own words are its title, subject and policy title; those found
        // outside its sentence are read on their own.
        let mut own = Vec::new();
        let mut own_elsewhere = Vec::new();
        for &(a, b) in d
            .title
            .pieces
            .iter()
            .chain(&d.subject)
            .chain(&d.policy_title)
        {
            if a > b {
                continue;
            }
            if s.start <= a && b <= s.end {
                own.push((a - s.start, b - s.start));
            } else {
                let mut line = String::new();
                push_cut(&mut line, simp, (a, b));
                own_elsewhere.push(line);
            }
        }
        let sentence_hits = hits[d.sentence].get_or_insert_with(|| themes.hits(&s.simp));
        let item_text = themes::ItemText {
            sentence: sentence_hits,
            own: &own,
            own_elsewhere: &own_elsewhere,
            also: if d.main_event { &title_themes } else { &[] },
        };
        let assigned = themes.assign(&item_text, || {
            paragraphs[s.para].get_or_insert_with(|| {
                let para = sentences.partition_point(|x| x.para < s.para)
                    ..sentences.partition_point(|x| x.para <= s.para);
                themes.paragraph_of(sentences[para].iter().map(|x| x.simp.as_str()))
            })
        });
        // 全区产值 in a district's notice: the district the document is from, for a
        // subject that opens with it…
        // …of a sentence about 全区 whose subject names no place of its own.
        let region = subject
            .as_deref()
            .filter(|s| {
                region::names_own_district(s)
                    || (region::in_text(&crate::script::to_simplified(s)).is_none()
                        && region::mentions_own_district(&quote))
            })
            .and_then(|_| {
                home_district
                    .get_or_insert_with(|| region::home_district(doc))
                    .as_deref()
            })
            .map(str::to_owned);
        out.push(Item {
            id: item_id(&doc.id, out.len() + 1),
            kind: d.kind,
            date: d.date,
            end_date: d.end_date,
            title,
            themes: assigned.themes,
            inherited_themes: assigned.inherited,
            doc: doc.id.clone(),
            quote,
            span: [s.start, s.end],
            subject,
            quantity,
            deadline: d.deadline,
            basis: d.basis,
            policy_title,
            period: d.period,
            issuers: d.issuers.iter().map(|&r| orig.cut(r)).collect(),
            key: String::new(),
            sources: Vec::new(),
            region,
            conflicts: Vec::new(),
            curated: None,
        });
    }
    out
}

/// What the rules make of a passage the analyst selected in a document's text (the
/// explorer's "Add as…"), so a new item starts from what extraction would say.
#[derive(Debug, Clone, PartialEq)]
pub struct Selected {
    /// Items the rules find in the selection alone, else those they find in the
    /// sentence it is in; spans are in the document's text.
    pub items: Vec<Item>,
    /// The sentence's date as extraction resolves it: an item's of that sentence,
    /// else the sentence's first date, else the document's publication date.
    pub date: Option<crate::time::PartialDate>,
    /// The selection, and its char offsets in the text.
    pub quote: String,
    pub span: [usize; 2],
    /// Whether `items` were found in the selection alone (their titles then say
    /// what was selected), not in its sentence.
    pub in_selection: bool,
}

/// [`Selected`] for chars `range` of `doc`'s cleaned text (a built corpus's document,
/// whose simplified copy may have been dropped: it is made again here).
pub fn from_selection(doc: &Document, range: [usize; 2], themes: &Themes) -> Selected {
    let chars: Vec<char> = doc.text.chars().collect();
    let b = range[1].min(chars.len());
    let a = range[0].min(b);
    // Leading and trailing blanks are not part of what was meant.
    let (mut a, mut b) = (a, b);
    while a < b && chars[a].is_whitespace() {
        a += 1;
    }
    while b > a && chars[b - 1].is_whitespace() {
        b -= 1;
    }
    let quote: String = chars[a..b].iter().collect();
    let mut whole = doc.clone();
    whole.simplified = crate::corpus::clean::matching_key(&doc.text);
    let simp: Vec<char> = whole.simplified.chars().collect();
    let sentence = if simp.len() == chars.len() {
        sentences::split(&whole.simplified, &simp)
            .into_iter()
            .find(|s| s.start <= a && a < s.end.max(s.start + 1))
    } else {
        None
    };
    let (s0, s1) = sentence.as_ref().map_or((a, b), |s| (s.start, s.end));
    let in_sentence: Vec<Item> = extract(&whole, themes)
        .into_iter()
        .filter(|it| it.span[0] < s1.max(b) && it.span[1] > s0.min(a))
        .collect();
    let base = doc.published.map(|d| d.start());
    let date = in_sentence.first().map(|it| it.date).or_else(|| {
        let simp = sentence.as_ref().map(|s| s.simp.as_str())?;
        dates::find(simp, base)
            .into_iter()
            .find_map(|m| match m.when {
                dates::When::Point { date, .. } => Some(date),
                _ => None,
            })
    });
    let date = date.or(doc.published);
    let part = Document {
        text: quote.as_str().into(),
        simplified: crate::corpus::clean::matching_key(&quote),
        title: None,
        ..doc.clone()
    };
    let mut items = extract(&part, themes);
    for it in &mut items {
        it.span = [it.span[0] + a, it.span[1] + a];
    }
    let in_selection = !items.is_empty();
    if !in_selection {
        items = in_sentence;
    }
    Selected {
        items,
        date,
        quote,
        span: [a, b],
        in_selection,
    }
}

#[cfg(test)]
#[path = "tests/extract.rs"]
mod tests;
