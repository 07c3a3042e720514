//! The place a fact is about (上海, 浦东新区, 张江, 全国 …), from the words of its
//! subject, title or sentence.
//!
//! The region decides which figures are the same fact (a district's output is not the
//! city's), so it is read once, here, for every item. When a text names several
//! places, the most specific one wins (a park over its district over the city over the
//! country); between equals, the first.

/// LEXICON DATA, to move into assets/lexicon.toml with the other rule words: each
/// entry is (word as written in simplified text, the region it names, specificity
/// 0 = country … 3 = park or zone). Matching takes the longest word at each place.
const REGIONS: &[(&str, &str, u8)] = &[
    ("全国", "全国", 0),
    ("我国", "全国", 0),
    ("长三角", "长三角", 0),
    ("上海市", "上海", 1),
    ("上海", "上海", 1),
    ("沪", "上海", 1),
    ("全市", "上海", 1),
    ("本市", "上海", 1),
    ("浦东新区", "浦东新区", 2),
    ("浦东", "浦东新区", 2),
    ("闵行区", "闵行区", 2),
    ("闵行", "闵行区", 2),
    ("徐汇区", "徐汇区", 2),
    ("徐汇", "徐汇区", 2),
    ("黄浦区", "黄浦区", 2),
    ("静安区", "静安区", 2),
    ("长宁区", "长宁区", 2),
    ("普陀区", "普陀区", 2),
    ("虹口区", "虹口区", 2),
    ("杨浦区", "杨浦区", 2),
    ("宝山区", "宝山区", 2),
    ("嘉定区", "嘉定区", 2),
    ("金山区", "金山区", 2),
    ("松江区", "松江区", 2),
    ("青浦区", "青浦区", 2),
    ("奉贤区", "奉贤区", 2),
    ("崇明区", "崇明区", 2),
    ("张江", "张江", 3),
    ("临港", "临港", 3),
    ("漕河泾", "漕河泾", 3),
    ("东方美谷", "东方美谷", 3),
    ("外高桥", "外高桥", 3),
];

/// One automaton over all region words, longest match first.
static MATCHER: std::sync::LazyLock<Option<aho_corasick::AhoCorasick>> =
    std::sync::LazyLock::new(|| {
        aho_corasick::AhoCorasick::builder()
            .match_kind(aho_corasick::MatchKind::LeftmostLongest)
            .build(REGIONS.iter().map(|r| r.0))
            .ok()
    });

/// Words of [`REGIONS`] found in a text: (byte range, region, specificity).
fn mentions(simplified: &str) -> Vec<(std::ops::Range<usize>, &'static str, u8)> {
    let Some(m) = MATCHER.as_ref() else {
        return Vec::new();
    };
    m.find_iter(simplified)
        .map(|hit| {
            let (_, region, level) = REGIONS[hit.pattern().as_usize()];
            (hit.range(), region, level)
        })
        .collect()
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
    fn stripping_leaves_the_subject() {
        assert_eq!(strip("上海生物医药产业规模"), "生物医药产业规模");
        assert_eq!(strip("全市生物医药产业规模"), "生物医药产业规模");
        assert_eq!(strip("浦东新区产值"), "产值");
    }
}
