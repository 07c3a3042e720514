//! Subject matching: whether two targets or metrics measure the same thing, across
//! scripts, punctuation, place words and synonyms.

/// The words subject matching knows, as one table: the only rule data in this file.
/// They are general words of statistics and policy language, never the subjects of a
/// particular corpus; their place is the lexicon file (assets/lexicon.toml), where an
/// analyst can extend them without touching Rust.
pub struct SubjectWords {
    /// Leading words that only say where ("全市产值" is "产值" of the place written
    /// about); dropped when something is left.
    pub place_prefixes: &'static [&'static str],
    /// General synonyms, longest first: the left is rewritten to the right.
    pub synonyms: &'static [(&'static str, &'static str)],
    /// Trailing words that only say "how much of it" ("标准厂房规模" is "标准厂房"
    /// counted).
    pub measure_suffixes: &'static [&'static str],
}

// ---- Data table: subject words -------------------------------------------------------
pub const SUBJECT_WORDS: SubjectWords = SubjectWords {
    place_prefixes: &["全市", "本市", "我市", "全区", "全省", "全国", "全年"],
    synonyms: &[
        ("营业收入", "营收"),
        ("销售收入", "营收"),
        ("工业总产值", "工业产值"),
        ("总产值", "产值"),
        ("总规模", "规模"),
    ],
    measure_suffixes: &["规模", "总量", "数量", "总数", "面积"],
};
// ---- End of data table ----------------------------------------------------------------

/// A subject as compared: simplified, lower case, only letters and digits (so
/// punctuation and spaces do not matter), place prefixes dropped, synonyms unified.
pub fn normalize_subject(s: &str) -> String {
    let mut t: String = crate::script::to_simplified(&s.to_lowercase())
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect();
    for p in SUBJECT_WORDS.place_prefixes {
        if let Some(rest) = t.strip_prefix(p)
            && !rest.is_empty()
        {
            t = rest.to_string();
        }
    }
    for (from, to) in SUBJECT_WORDS.synonyms {
        t = t.replace(from, to);
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
        SUBJECT_WORDS
            .measure_suffixes
            .iter()
            .find_map(|m| s.strip_suffix(m))
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
