//! The theme lexicon (assets/themes.toml): which words put an item under which theme.
//!
//! It is data the user edits, not code: a broken file is reported with its path and
//! the parser's reason, and the built-in copy is what the binary uses by default.

use aho_corasick::AhoCorasick;
use serde::Deserialize;
use std::path::Path;

/// The lexicon shipped in the binary.
pub const DEFAULT_THEMES: &str = include_str!("../../assets/themes.toml");

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
    matcher: AhoCorasick,
    /// Pattern index → theme index.
    owner: Vec<usize>,
    /// Domain words (simplified); empty when the check is off.
    domain: Vec<String>,
    /// No keyword holds a line break, so no match crosses one.
    lines_apart: bool,
}

/// Why a lexicon could not be used.
#[derive(Debug, thiserror::Error)]
pub enum ThemesError {
    #[error("cannot read theme lexicon: {reason}: {path}")]
    Read { reason: String, path: String },
    #[error("theme lexicon is not valid: {reason}: {path}")]
    Parse { reason: String, path: String },
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
        let mut patterns = Vec::new();
        let mut owner = Vec::new();
        for (i, t) in themes.iter().enumerate() {
            for k in t.keywords.iter().filter(|k| !k.is_empty()) {
                patterns.push(crate::script::to_simplified(&k.to_lowercase()));
                owner.push(i);
            }
        }
        let matcher = AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build(&patterns)
            .unwrap_or_else(|_| AhoCorasick::new(Vec::<String>::new()).expect("empty matcher"));
        Self {
            themes,
            matcher,
            lines_apart: patterns.iter().all(|p| !p.contains('\n')),
            owner,
            domain: Vec::new(),
        }
    }

    pub fn get(&self, id: &str) -> Option<&Theme> {
        self.themes.iter().find(|t| t.id == id)
    }

    /// Theme ids whose keywords occur in `simplified`, in lexicon order.
    pub fn classify(&self, simplified: &str) -> Vec<String> {
        let mut hit = vec![false; self.themes.len()];
        self.mark(simplified, &mut hit);
        self.ids(&hit)
    }

    /// Flags (one per theme, in lexicon order) the themes whose keywords occur in
    /// `simplified`.
    pub fn mark(&self, simplified: &str, hit: &mut [bool]) {
        for m in self.matcher.find_overlapping_iter(simplified) {
            if let Some(h) = hit.get_mut(self.owner[m.pattern().as_usize()]) {
                *h = true;
            }
        }
    }

    /// The ids of the flagged themes, in lexicon order.
    pub fn ids(&self, hit: &[bool]) -> Vec<String> {
        self.themes
            .iter()
            .zip(hit)
            .filter(|(_, h)| **h)
            .map(|(t, _)| t.id.clone())
            .collect()
    }

    /// Whether the themes of lines joined with '\n' are those of each line together
    /// (no keyword holds a line break), so a line's flags can be reused.
    pub fn lines_apart(&self) -> bool {
        self.lines_apart
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_lexicon_parses() {
        let t = Themes::parse(DEFAULT_THEMES, "builtin").unwrap();
        assert!(t.themes.len() >= 10);
        assert_eq!(t.classify("推进AI技术赋能生物医药"), vec!["ai"]);
        assert_eq!(t.classify("促進細胞治療"), Vec::<String>::new());
    }

    #[test]
    fn lines_are_classified_apart() {
        let t = Themes::builtin();
        assert!(t.lines_apart());
        let lines = [
            "推进AI技术",
            "赋能生物医药、细胞治疗",
            "",
            "创新药 cgt 医疗器械",
        ];
        let mut hit = vec![false; t.themes.len()];
        for l in lines {
            t.mark(l, &mut hit);
        }
        assert_eq!(t.ids(&hit), t.classify(&lines.join("\n")));
        let nl = Themes::parse(
            "[[theme]]\nid='a'\nlabel_zh='a'\nlabel_en='a'\ncolor='#000000'\nkeywords=[\"x\\ny\"]\n",
            "x",
        )
        .unwrap();
        assert!(!nl.lines_apart());
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
