//! Subject matching: whether two targets or metrics measure the same thing, across
//! scripts, punctuation, place words and synonyms.

/// The words subject matching knows, read once from the lexicon's `[subjects]`
/// section (assets/lexicon.toml): general words of statistics and policy language,
/// never the subjects of a particular corpus.
struct SubjectWords {
    place_prefixes: Vec<String>,
    /// `(word, replacement)`, in the lexicon's order (longest first).
    synonyms: Vec<(String, String)>,
    measure_suffixes: Vec<String>,
}

static WORDS: std::sync::LazyLock<SubjectWords> = std::sync::LazyLock::new(|| {
    let lex = crate::lexicon::get();
    let list = |key| lex.words("subjects", key).to_vec();
    SubjectWords {
        place_prefixes: list("place_prefixes"),
        synonyms: lex
            .words("subjects", "synonyms")
            .iter()
            .filter_map(|w| w.split_once('='))
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect(),
        measure_suffixes: list("measure_suffixes"),
    }
});

/// A subject as compared: simplified, lower case, only letters and digits (so
/// punctuation and spaces do not matter), place prefixes dropped, synonyms unified.
pub fn normalize_subject(s: &str) -> String {
    let mut t: String = crate::script::to_simplified(&s.to_lowercase())
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect();
    for p in &WORDS.place_prefixes {
        if let Some(rest) = t.strip_prefix(p)
            && !rest.is_empty()
        {
            t = rest.to_string();
        }
    }
    for (from, to) in &WORDS.synonyms {
        t = t.replace(from.as_str(), to);
    }
    t
}

/// Whether two normalised subjects name the same measure: equal, or the longer one
/// ends with the shorter ("生物医药制造业产值" ⊃ "制造业产值": the longer names a
/// sector of the same measure), also after dropping a trailing measure word
/// ("生物医药标准厂房规模" ⊃ "标准厂房"). The shorter must have at least three
/// characters, so that a bare "产值" or "企业" does not swallow every subject.
pub fn same_subject(a: &str, b: &str) -> bool {
    fn contains_end(a: &str, b: &str) -> bool {
        if a == b {
            return true;
        }
        let (short, long) = if a.chars().count() <= b.chars().count() {
            (a, b)
        } else {
            (b, a)
        };
        short.chars().count() >= 3 && long.ends_with(short)
    }
    fn core(s: &str) -> &str {
        WORDS
            .measure_suffixes
            .iter()
            .find_map(|m| s.strip_suffix(m.as_str()))
            .filter(|rest| rest.chars().count() >= 3)
            .unwrap_or(s)
    }
    contains_end(a, b) || contains_end(core(a), core(b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subjects_meet_across_sector_words_scripts_and_punctuation() {
        let t = normalize_subject("制造业产值");
        assert!(same_subject(&t, &normalize_subject("生物医药制造业产值")));
        assert!(same_subject(&t, &normalize_subject("生物醫藥 製造業產值")));
        assert!(same_subject(
            &normalize_subject("全市营业收入"),
            &normalize_subject("营收")
        ));
        assert!(!same_subject(&normalize_subject("产值"), "工业产值"));
        assert!(!same_subject(&t, &normalize_subject("产业规模")));
        assert!(same_subject(
            &normalize_subject("标准厂房"),
            &normalize_subject("生物醫藥標準廠房總規模")
        ));
        assert!(same_subject(
            &normalize_subject("产业规模"),
            &normalize_subject("生物医药产业规模")
        ));
        // A measure word alone is not a subject: "产业" and "企业" stay apart.
        assert!(!same_subject(
            &normalize_subject("产业规模"),
            &normalize_subject("企业规模")
        ));
    }
}
