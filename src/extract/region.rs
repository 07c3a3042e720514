//! The place a fact is about (上海, 浦东新区, 张江, 全国 …), from the words of its
//! subject, title or sentence.
//!
//! The region decides which figures are the same fact (a district's output is not the
//! city's), so it is read once, here, for every item. When a text names several
//! places, the most specific one wins (a park over its district over the city over the
//! country); between equals, the first.

/// Every place word of the lexicon's `[regions]` section: (word as written in
/// simplified text, the region it names, specificity 0 = nation … 3 = area).
struct Regions {
    words: Vec<(String, String, u8)>,
    /// Leftmost-longest over `words`, so 上海市 is one word, not 上海 + 市.
    matcher: Option<aho_corasick::AhoCorasick>,
}

static REGIONS: std::sync::LazyLock<Regions> = std::sync::LazyLock::new(|| {
    let lex = crate::lexicon::get();
    let mut words = Vec::new();
    for (level, key) in ["nation", "city", "district", "area"]
        .into_iter()
        .enumerate()
    {
        for entry in lex.words("regions", key) {
            let (word, name) = entry.split_once('=').unwrap_or((entry, entry));
            words.push((word.to_string(), name.to_string(), level as u8));
        }
    }
    let matcher = aho_corasick::AhoCorasick::builder()
        .match_kind(aho_corasick::MatchKind::LeftmostLongest)
        .build(words.iter().map(|w| w.0.as_str()))
        .ok();
    Regions { words, matcher }
});

fn mentions(simplified: &str) -> Vec<(std::ops::Range<usize>, &'static str, u8)> {
    let regions: &'static Regions = &REGIONS;
    let Some(m) = regions.matcher.as_ref() else {
        return Vec::new();
    };
    m.find_iter(simplified)
        .map(|hit| {
            let (_, region, level) = &regions.words[hit.pattern().as_usize()];
            (hit.range(), region.as_str(), *level)
        })
        .collect()
}

/// Whether `simplified` opens with a place word ("张江…"): a counting word that begins
/// one ("2024张江峰会") is the start of the name, not a unit.
pub fn starts_with_place(simplified: &str) -> bool {
    REGIONS
        .words
        .iter()
        .any(|(word, _, _)| simplified.starts_with(word.as_str()))
}

/// The most specific region named in `simplified`, None when it names none.
pub fn in_text(simplified: &str) -> Option<&'static str> {
    mentions(simplified)
        .into_iter()
        .fold(
            None,
            |best: Option<(&'static str, u8)>, (_, r, l)| match best {
                Some((_, bl)) if bl >= l => best,
                _ => Some((r, l)),
            },
        )
        .map(|(r, _)| r)
}

/// Whether `region` (a name [`of`] gives) is narrower than a city: a district or an
/// area, whose figures are never the city's.
pub fn is_local(region: &str) -> bool {
    REGIONS
        .words
        .iter()
        .any(|(_, name, level)| name == region && *level >= 2)
}

/// The region of an item: from its subject or title when they name one (that is
/// what is measured or what happened), else from its sentence. Texts may be in
/// either script.
pub fn of(subject_or_title: &str, quote: &str) -> Option<&'static str> {
    in_text(&crate::script::to_simplified(subject_or_title))
        .or_else(|| in_text(&crate::script::to_simplified(quote)))
}

/// `text` without the region words in it: the subject a figure is about, whichever
/// way an outlet names the place ("上海生物医药产业规模" and "全市生物医药产业规模"
/// are one subject).
pub fn strip(simplified: &str) -> String {
    let mut out = String::with_capacity(simplified.len());
    let mut at = 0;
    for (range, _, _) in mentions(simplified) {
        out.push_str(&simplified[at..range.start]);
        at = range.end;
    }
    out.push_str(&simplified[at..]);
    out
}

/// Whether a subject names the district of whoever writes ("全区产值", "本区企业"):
/// its place is the document's own district.
pub fn names_own_district(subject: &str) -> bool {
    let lex = crate::lexicon::get();
    let s = crate::script::to_simplified(subject);
    lex.words("regions", "own_district")
        .iter()
        .any(|w| s.starts_with(w.as_str()))
}

/// Whether a text speaks of the writer's own district anywhere ("…，全区产值…").
pub fn mentions_own_district(text: &str) -> bool {
    let lex = crate::lexicon::get();
    let s = crate::script::to_simplified(text);
    lex.words("regions", "own_district")
        .iter()
        .any(|w| s.contains(w.as_str()))
}

/// The district or area a document is from: the one its title or its source names
/// (a district government's notice, a district media centre's story).
pub fn home_district(doc: &crate::corpus::Document) -> Option<String> {
    [doc.title.as_deref(), doc.source.as_deref()]
        .into_iter()
        .flatten()
        .find_map(|t| in_text(&crate::script::to_simplified(t)).filter(|r| is_local(r)))
        .map(str::to_owned)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn most_specific_place_wins() {
        assert_eq!(in_text("上海张江科学会堂"), Some("张江"));
        assert_eq!(in_text("全市生物医药产业规模"), Some("上海"));
        assert_eq!(in_text("浦东新区生物医药产值"), Some("浦东新区"));
        assert_eq!(in_text("全国医药工业"), Some("全国"));
        assert_eq!(in_text("生物医药产业规模"), None);
        assert_eq!(of("產業規模", "上海市產業規模達到"), Some("上海"));
        assert_eq!(of("閔行區產值", "全市"), Some("闵行区"));
    }

    #[test]
    fn a_district_subject_takes_the_documents_district() {
        assert!(names_own_district("全区生物医药产业产值"));
        assert!(!names_own_district("全市生物医药产业产值"));
        assert!(mentions_own_district(
            "到2025年，全区产值力争突破300亿元，集聚企业500家"
        ));
        assert!(!mentions_own_district("到2025年，全市产值力争突破1万亿元"));
        let doc = crate::corpus::Document {
            title: Some("宝山区人民政府办公室关于印发《若干措施》的通知".into()),
            ..Default::default()
        };
        assert_eq!(home_district(&doc).as_deref(), Some("宝山区"));
        let city = crate::corpus::Document {
            title: Some("上海发布若干措施".into()),
            ..Default::default()
        };
        assert_eq!(home_district(&city), None);
    }

    #[test]
    fn stripping_leaves_the_subject() {
        assert_eq!(strip("上海生物医药产业规模"), "生物医药产业规模");
        assert_eq!(strip("全市生物医药产业规模"), "生物医药产业规模");
        assert_eq!(strip("浦东新区产值"), "产值");
    }
}
