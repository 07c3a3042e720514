//! The theme lexicon (assets/themes.toml) and how an item's themes are chosen from it.
//!
//! The lexicon is data the user edits, not code: a broken file is reported with its
//! path and the parser's reason, and the built-in copy is what the binary uses by
//! default. Assignment goes in layers, because a sentence often names its topic only
//! once, and sometimes not at all: the item's own words (its title, subject or policy
//! title) count most, then the rest of its sentence, and an item left with nothing
//! takes its paragraph's dominant theme, marked as inherited.

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use serde::Deserialize;
use std::path::Path;

/// The lexicon shipped in the binary.
pub const DEFAULT_THEMES: &str = include_str!("../../assets/themes.toml");

/// What a word of `strong` weighs: it names the theme's subject outright (细胞治疗,
/// 产业规模), where an ordinary word of `keywords` is often about what happened to it
/// (获批, 签约): a count of approved drugs is first of all about drugs.
const STRONG: u32 = 3;
/// What a word of `keywords` weighs.
const ORDINARY: u32 = 2;
/// A weak word alone tags an item only when no theme has an ordinary word.
const WEAK: u32 = 1;
/// How many times more a word of the item's own text counts than one elsewhere in
/// its sentence: a sentence that lists parks, drugs and devices gives each item the
/// theme of what it itself counts first.
const OWN: u32 = 3;

/// One theme: an id used in data, labels for the UI and the words that signal it.
#[derive(Debug, Clone, Deserialize)]
pub struct Theme {
    pub id: String,
    pub label_zh: String,
    pub label_en: String,
    /// `#rrggbb`, used by the timeline and charts.
    pub color: String,
    /// Matched against the simplified text, case-insensitively for Latin letters.
    pub keywords: Vec<String>,
    /// Words that name the theme's subject outright: they outrank ordinary words.
    /// Absent in lexicons of the first release, which then load unchanged.
    #[serde(default)]
    pub strong: Vec<String>,
    /// Words that hint at the theme but are too common to decide it (平台, 国际):
    /// they tag an item only when no other theme has one of its `keywords` there.
    /// Absent in lexicons of the first release, which then load unchanged.
    #[serde(default)]
    pub weak: Vec<String>,
}

impl Theme {
    /// The colour as RGB; grey when the file holds something unreadable.
    pub fn rgb(&self) -> [u8; 3] {
        let h = self.color.trim_start_matches('#');
        let p = |i: usize| {
            h.get(i..i + 2)
                .and_then(|s| u8::from_str_radix(s, 16).ok())
                .unwrap_or(128)
        };
        [p(0), p(2), p(4)]
    }
}

#[derive(Deserialize)]
struct File {
    #[serde(default)]
    domain: Domain,
    theme: Vec<Theme>,
}

/// Words that say a document is about the field at all. A document with none of them
/// (a stray article on another topic) yields no items, so it cannot pollute the
/// timeline; an empty list turns the check off.
#[derive(Debug, Clone, Default, Deserialize)]
struct Domain {
    #[serde(default)]
    keywords: Vec<String>,
}

/// The lexicon with its matcher built once.
#[derive(Debug, Clone)]
pub struct Themes {
    pub themes: Vec<Theme>,
    /// Leftmost-longest: where two words overlap, the longer one speaks (获批上市 is
    /// an approval, not the listing that 上市 alone would be).
    matcher: AhoCorasick,
    /// Pattern index → (theme index, weight) of each theme that lists the word: 进博会
    /// is both an exhibition and going global.
    owner: Vec<Vec<(usize, u32)>>,
    /// Domain words (simplified); empty when the check is off.
    domain: Vec<String>,
}

/// Why a lexicon could not be used.
#[derive(Debug, thiserror::Error)]
pub enum ThemesError {
    #[error("cannot read theme lexicon: {reason}: {path}")]
    Read { reason: String, path: String },
    #[error("theme lexicon is not valid: {reason}: {path}")]
    Parse { reason: String, path: String },
}

/// A keyword found in a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    /// Index of the theme in [`Themes::themes`].
    pub theme: usize,
    pub weight: u32,
    /// Char offsets in the text searched.
    pub start: usize,
    pub end: usize,
}

/// An item's text as the layers read it.
#[derive(Debug, Clone, Copy)]
pub struct ItemText<'a> {
    /// The keywords of the item's sentence ([`Themes::hits`] of it).
    pub sentence: &'a [Hit],
    /// The item's own stretches of the sentence (title, subject, policy title), in
    /// chars from the sentence's start.
    pub own: &'a [(usize, usize)],
    /// The item's own text found elsewhere (a policy title named in an earlier
    /// sentence), simplified.
    pub own_elsewhere: &'a [String],
    /// Themes of the item's own beyond its text (the document title's for the
    /// article's main event), strongest first.
    pub also: &'a [usize],
}

/// The themes an item gets: `themes` strongest first, and which of them it only
/// inherited from its paragraph.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Assigned {
    pub themes: Vec<String>,
    pub inherited: Vec<String>,
}

/// What a paragraph is about: the keywords of all its sentences together.
#[derive(Debug, Clone)]
pub struct Paragraph(Evidence);

impl Paragraph {
    /// The theme most of its keywords point to, one with an ordinary word.
    pub fn dominant(&self) -> Option<usize> {
        self.0.ranked(&[]).into_iter().find(|&t| self.0.strong[t])
    }
}

/// Per theme, how much speaks for it in some text.
#[derive(Debug, Clone)]
struct Evidence {
    /// The weightiest word, times the factor of where it was found.
    top: Vec<u32>,
    /// All its words, weighted so.
    score: Vec<u32>,
    /// Whether an ordinary or strong word was among them.
    strong: Vec<bool>,
    /// When the theme was first seen: the earlier, the more central on a tie.
    first: Vec<usize>,
    seen: usize,
}

impl Evidence {
    fn new(n: usize) -> Self {
        Self {
            top: vec![0; n],
            score: vec![0; n],
            strong: vec![false; n],
            first: vec![usize::MAX; n],
            seen: 0,
        }
    }

    fn add(&mut self, h: &Hit, factor: u32) {
        let t = h.theme;
        if t >= self.score.len() {
            return;
        }
        self.top[t] = self.top[t].max(h.weight * factor);
        self.score[t] += h.weight * factor;
        self.strong[t] |= h.weight > WEAK;
        self.first[t] = self.first[t].min(self.seen);
        self.seen += 1;
    }

    /// Whether two of `ranked` stand equal on their words, so that context decides.
    fn tied(&self, ranked: &[usize]) -> bool {
        let key = |t: usize| (self.top[t], self.score[t]);
        ranked.windows(2).any(|w| key(w[0]) == key(w[1]))
    }

    fn any_strong(&self) -> bool {
        self.strong.iter().any(|&s| s)
    }

    /// Themes strongest first: by their weightiest word, then by all their words,
    /// a tie going to the theme `context` (a paragraph's scores) weighs more, then to
    /// the one seen first. A theme with only weak words is left out when another has
    /// an ordinary or strong one.
    fn ranked(&self, context: &[u32]) -> Vec<usize> {
        let any_strong = self.any_strong();
        let mut out: Vec<usize> = (0..self.score.len())
            .filter(|&t| self.score[t] > 0 && (self.strong[t] || !any_strong))
            .collect();
        out.sort_by_key(|&t| {
            (
                std::cmp::Reverse(self.top[t]),
                std::cmp::Reverse(self.score[t]),
                std::cmp::Reverse(context.get(t).copied().unwrap_or(0)),
                self.first[t],
            )
        });
        out
    }
}

impl Themes {
    /// The built-in lexicon, parsed once per process: every load and every test asks
    /// for it, and parsing (TOML, simplifying each keyword, building the automaton)
    /// costs more than a clone, which shares the automaton.
    pub fn builtin() -> Self {
        static BUILTIN: std::sync::LazyLock<Themes> = std::sync::LazyLock::new(|| {
            // The built-in file is checked by a unit test, so this cannot fail in a
            // release.
            Themes::parse(DEFAULT_THEMES, "assets/themes.toml").unwrap_or_else(|_| Themes::empty())
        });
        BUILTIN.clone()
    }

    pub fn empty() -> Self {
        Self::from_themes(Vec::new())
    }

    pub fn load(path: &Path) -> Result<Self, ThemesError> {
        let text = std::fs::read_to_string(path).map_err(|e| ThemesError::Read {
            reason: e.to_string(),
            path: path.display().to_string(),
        })?;
        Self::parse(&text, &path.display().to_string())
    }

    pub fn parse(text: &str, path: &str) -> Result<Self, ThemesError> {
        let file: File = toml::from_str(text).map_err(|e| ThemesError::Parse {
            reason: e.message().to_string(),
            path: path.to_string(),
        })?;
        let mut seen = std::collections::HashSet::new();
        for t in &file.theme {
            if !seen.insert(t.id.clone()) {
                return Err(ThemesError::Parse {
                    reason: format!("theme id '{}' appears twice", t.id),
                    path: path.to_string(),
                });
            }
        }
        let mut out = Self::from_themes(file.theme);
        out.domain = file
            .domain
            .keywords
            .iter()
            .filter(|k| !k.is_empty())
            .map(|k| crate::script::to_simplified(&k.to_lowercase()))
            .collect();
        Ok(out)
    }

    /// Whether a simplified text belongs to the field (see the `[domain]` table).
    pub fn on_topic(&self, simplified: &str) -> bool {
        self.domain.is_empty() || self.domain.iter().any(|k| simplified.contains(k.as_str()))
    }

    fn from_themes(themes: Vec<Theme>) -> Self {
        let mut patterns: Vec<String> = Vec::new();
        let mut owner: Vec<Vec<(usize, u32)>> = Vec::new();
        for (i, t) in themes.iter().enumerate() {
            let words = (t.strong.iter().map(|k| (k, STRONG)))
                .chain(t.keywords.iter().map(|k| (k, ORDINARY)))
                .chain(t.weak.iter().map(|k| (k, WEAK)));
            for (k, w) in words {
                let k = crate::script::to_simplified(&k.to_lowercase());
                if k.is_empty() {
                    continue;
                }
                let at = match patterns.iter().position(|p| *p == k) {
                    Some(at) => at,
                    None => {
                        patterns.push(k);
                        owner.push(Vec::new());
                        owner.len() - 1
                    }
                };
                // A word listed twice in one theme keeps its first weight.
                if !owner[at].iter().any(|&(o, _)| o == i) {
                    owner[at].push((i, w));
                }
            }
        }
        let matcher = AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostLongest)
            // A few hundred words make a small DFA, and every sentence of a corpus
            // goes through it: its search is the fastest.
            .kind(Some(AhoCorasickKind::DFA))
            .build(&patterns)
            .unwrap_or_else(|_| AhoCorasick::new(Vec::<String>::new()).expect("empty matcher"));
        Self {
            themes,
            matcher,
            owner,
            domain: Vec::new(),
        }
    }

    pub fn get(&self, id: &str) -> Option<&Theme> {
        self.themes.iter().find(|t| t.id == id)
    }

    /// The keywords in `simplified`, left to right, none overlapping another.
    pub fn hits(&self, simplified: &str) -> Vec<Hit> {
        let mut out = Vec::new();
        // Byte offsets turned into char offsets in one walk, match by match.
        let (mut byte, mut chars) = (0, 0);
        let mut char_at = |b: usize| {
            chars += simplified.get(byte..b).map_or(0, |s| s.chars().count());
            byte = b;
            chars
        };
        let bytes = simplified.as_bytes();
        let letter = |i: Option<usize>| {
            i.and_then(|i| bytes.get(i))
                .is_some_and(u8::is_ascii_alphabetic)
        };
        for m in self.matcher.find_iter(simplified) {
            // A Latin keyword is a word of its own: AI is not the end of Shanghai.
            let latin = |i: usize| bytes.get(i).is_some_and(u8::is_ascii_alphanumeric);
            if (latin(m.start()) && letter(m.start().checked_sub(1)))
                || (m.end() > 0 && latin(m.end() - 1) && letter(Some(m.end())))
            {
                continue;
            }
            let start = char_at(m.start());
            let end = char_at(m.end());
            for &(theme, weight) in &self.owner[m.pattern().as_usize()] {
                out.push(Hit {
                    theme,
                    weight,
                    start,
                    end,
                });
            }
        }
        out
    }

    /// Theme ids of a text on its own (a document title, a search), strongest first.
    pub fn classify(&self, simplified: &str) -> Vec<String> {
        self.ids(&self.rank(simplified))
    }

    /// [`Themes::classify`] as indices into [`Themes::themes`].
    pub fn rank(&self, simplified: &str) -> Vec<usize> {
        let mut ev = Evidence::new(self.themes.len());
        for h in self.hits(simplified) {
            ev.add(&h, 1);
        }
        ev.ranked(&[])
    }

    /// What a paragraph is about, from the hits of its sentences.
    pub fn paragraph<'h>(&self, sentences: impl IntoIterator<Item = &'h [Hit]>) -> Paragraph {
        let mut ev = Evidence::new(self.themes.len());
        for h in sentences.into_iter().flatten() {
            ev.add(h, 1);
        }
        Paragraph(ev)
    }

    /// [`Themes::paragraph`] of sentences as simplified text.
    pub fn paragraph_of<'s>(&self, sentences: impl IntoIterator<Item = &'s str>) -> Paragraph {
        let hits: Vec<Vec<Hit>> = sentences.into_iter().map(|s| self.hits(s)).collect();
        self.paragraph(hits.iter().map(Vec::as_slice))
    }

    /// An item's themes, layer by layer: its own words, then the rest of its
    /// sentence; an item with no ordinary word of its own takes its paragraph's
    /// dominant theme, marked as inherited, before any weak word of its own (which
    /// it then drops, as a stronger theme is present).
    ///
    /// `paragraph` (what the item's paragraph is about) is asked for only when it
    /// decides something: a tie, or an item with nothing of its own.
    pub fn assign<'p>(
        &self,
        item: &ItemText,
        paragraph: impl FnOnce() -> &'p Paragraph,
    ) -> Assigned {
        let mut ev = Evidence::new(self.themes.len());
        let own = |h: &Hit| item.own.iter().any(|&(a, b)| a <= h.start && h.end <= b);
        for h in item.sentence.iter().filter(|h| own(h)) {
            ev.add(h, OWN);
        }
        for text in item.own_elsewhere {
            for h in self.hits(text) {
                ev.add(&h, OWN);
            }
        }
        for h in item.sentence.iter().filter(|h| !own(h)) {
            ev.add(h, 1);
        }
        let mut paragraph = Some(paragraph);
        let mut para: Option<&Paragraph> = None;
        let mut ask = || {
            if let Some(f) = paragraph.take() {
                para = Some(f());
            }
            para
        };
        let mut ranked = Vec::new();
        if ev.any_strong() {
            ranked = ev.ranked(&[]);
            if ev.tied(&ranked)
                && let Some(p) = ask()
            {
                ranked = ev.ranked(&p.0.score);
            }
        }
        for &t in item.also {
            if !ranked.contains(&t) {
                ranked.push(t);
            }
        }
        let mut inherited = Vec::new();
        if ranked.is_empty()
            && let Some(p) = ask()
        {
            match p.dominant() {
                Some(t) => {
                    ranked.push(t);
                    inherited.push(t);
                }
                None => ranked = ev.ranked(&p.0.score),
            }
        }
        Assigned {
            themes: self.ids(&ranked),
            inherited: self.ids(&inherited),
        }
    }

    fn ids(&self, indices: &[usize]) -> Vec<String> {
        indices
            .iter()
            .filter_map(|&t| self.themes.get(t))
            .map(|t| t.id.clone())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_lexicon_parses() {
        let t = Themes::parse(DEFAULT_THEMES, "builtin").unwrap();
        assert!(t.themes.len() >= 14);
        assert_eq!(t.classify("推进AI技术赋能生物医药"), vec!["ai"]);
        assert_eq!(t.classify("促進細胞治療"), Vec::<String>::new());
    }

    fn ids(t: &Themes, ids: &[usize]) -> Vec<String> {
        t.ids(ids)
    }

    /// The item's own words are `own` (a stretch of `sentence`), the paragraph is
    /// `paragraph` (the sentence included).
    fn assign(sentence: &str, own: &str, paragraph: &[&str]) -> Assigned {
        let t = Themes::builtin();
        let hits = t.hits(sentence);
        let at = sentence.find(own).map(|b| sentence[..b].chars().count());
        let own = at.map(|a| (a, a + own.chars().count()));
        let paragraph = t.paragraph_of(paragraph.iter().copied());
        t.assign(
            &ItemText {
                sentence: &hits,
                own: own.as_slice(),
                own_elsewhere: &[],
                also: &[],
            },
            || &paragraph,
        )
    }

    #[test]
    fn the_longer_word_speaks() {
        let t = Themes::builtin();
        // Approved for the market is not a listing on a stock exchange.
        assert_eq!(
            t.classify("9个1类创新药获批上市"),
            vec!["drugs", "regulation"]
        );
        assert!(
            !t.classify("已上市的成熟国有企业")
                .contains(&"finance".to_string())
        );
        assert_eq!(t.classify("科创板上市企业26家")[0], "finance");
        assert_eq!(t.classify("Shanghai said"), Vec::<String>::new());
        assert_eq!(t.classify("AI+生物医药, 5G+AI"), vec!["ai"]);
        // Multinational headquarters are going global, not devices.
        assert_eq!(t.classify("新增跨国公司地区总部5家"), vec!["global"]);
        // A word may belong to two themes.
        let ciie = t.classify("进博会医疗器械展区");
        assert!(ciie.contains(&"events".to_string()) && ciie.contains(&"global".to_string()));
    }

    #[test]
    fn a_weak_word_yields_to_a_stronger_theme() {
        let t = Themes::builtin();
        assert_eq!(t.classify("建设人工智能平台"), vec!["ai"]);
        assert_eq!(t.classify("建设公共平台"), vec!["space"]);
    }

    #[test]
    fn strong_words_outrank_ordinary_ones() {
        let t = Themes::builtin();
        assert_eq!(t.classify("获批的创新药"), vec!["drugs", "regulation"]);
        let r = t.rank("产业规模");
        assert_eq!(ids(&t, &r), vec!["scale"]);
    }

    #[test]
    fn own_words_come_first() {
        let a = assign(
            "到2025年,建成特色产业园区8个,推动50个以上创新药获批上市",
            "创新药获批上市",
            &[],
        );
        assert_eq!(a.themes[0], "drugs");
        assert!(a.themes.contains(&"space".to_string()), "{a:?}");
        assert!(a.inherited.is_empty());
        // A policy whose sentence only says 印发: its title decides.
        let t = Themes::builtin();
        let hits = t.hits("现将有关方案印发给你们");
        let paragraph = t.paragraph([hits.as_slice()]);
        let a = t.assign(
            &ItemText {
                sentence: &hits,
                own: &[],
                own_elsewhere: &["上海市促进医疗机器人产业发展行动方案".to_string()],
                also: &[],
            },
            || &paragraph,
        );
        assert_eq!(a.themes, vec!["devices", "regulation"]);
    }

    #[test]
    fn an_item_without_words_inherits_its_paragraph() {
        let para = [
            "本市细胞治疗产业加快发展",
            "细胞治疗产品陆续进入临床",
            "首批已有40余家单位提交需求",
        ];
        let a = assign(para[2], "提交需求", &para);
        assert_eq!(a.themes, vec!["gene_cell"]);
        assert_eq!(a.inherited, vec!["gene_cell"]);
        // A weak word of its own yields to the paragraph's theme too.
        let a = assign("相关企业40余家", "相关企业", &[para[0], "相关企业40余家"]);
        assert_eq!(a.inherited, vec!["gene_cell"]);
        assert_eq!(a.themes, vec!["gene_cell"]);
        // With nothing around it either, the weak word is all there is.
        let a = assign("相关企业40余家", "相关企业", &["相关企业40余家"]);
        assert_eq!(a.themes, vec!["scale"]);
        assert!(a.inherited.is_empty());
    }

    #[test]
    fn domain_check() {
        let t = Themes::builtin();
        assert!(t.on_topic("上海生物医药产业周开幕"));
        assert!(!t.on_topic("某地举办城市马拉松比赛,两万人参赛"));
        assert!(
            Themes::parse(
                "[[theme]]\nid='a'\nlabel_zh='a'\nlabel_en='a'\ncolor='#000000'\nkeywords=[]\n",
                "x"
            )
            .unwrap()
            .on_topic("马拉松")
        );
    }

    #[test]
    fn broken_lexicon_is_a_clear_error() {
        let e = Themes::parse("[[theme]\nid=", "x.toml").unwrap_err();
        assert!(e.to_string().contains("x.toml"), "{e}");
    }
}
