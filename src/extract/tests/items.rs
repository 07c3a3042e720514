//! Unit tests of the items rules.
//!
//! Compiled only in tests: the rule module declares this file under `#[cfg(test)]`.
use super::*;

static EVENT_VERB: LazyLock<Regex> = LazyLock::new(|| {
    // In list order: the leftmost-first search the table stands for.
    let verbs: Vec<String> = lex("events", "verbs")
        .iter()
        .map(|v| regex::escape(v))
        .collect();
    Regex::new(&verbs.join("|")).expect("event verb pattern is valid")
});

/// Char offsets of regex matches in a char slice's string.
fn char_matches(re: &Regex, s: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut chars = 0;
    let mut last = 0;
    for m in re.find_iter(s) {
        chars += s[last..m.start()].chars().count();
        last = m.start();
        out.push((chars, chars + m.as_str().chars().count()));
    }
    out
}

#[test]
fn clauses_respect_quotes() {
    let s: Vec<char> = "以“共济未来,万物生长”为主题,由1场活动组成"
        .chars()
        .collect();
    let c = clauses(&s);
    assert_eq!(c.len(), 2);
}

/// A table of any list (verbs beyond the Basic Multilingual Plane, verbs sharing a
/// first char, one the prefix of another) finds what the alternation of the list finds.
#[test]
fn verb_table_of_any_list_agrees_with_the_regex() {
    let list = ["😀会", "开幕", "开幕式", "开", "😀", "a", "幕开"];
    let table = VerbTable::new(&Words::new(&list));
    let escaped: Vec<String> = list.iter().map(|w| regex::escape(w)).collect();
    let re = Regex::new(&escaped.join("|")).unwrap();
    let pieces = ["😀", "会", "开", "幕", "式", "a", "b", "。"];
    for t in crate::testgen::texts(7, &pieces, 9).take(5000) {
        let chars: Vec<char> = t.chars().collect();
        assert_eq!(char_matches(&re, &t), table.find_all(&chars), "{t}");
    }
}

#[test]
fn no_bracket_or_break_among_the_skipped_chars() {
    let found: Vec<char> = ('\u{3400}'..'\u{FF00}')
        .filter(|&c| is_open(c) || is_close(c) || is_clause_break(c) || c == '、')
        .collect();
    assert!(found.is_empty(), "{found:?}");
}

#[test]
fn event_verb_walk_agrees_with_the_regex() {
    let verbs = lex("events", "verbs");
    let mut texts: Vec<String> =
        vec!["上线线上签约签署签订启动发布会开幕式开幕闭幕拉开帷幕获批上市批准".into()];
    texts.extend(
        crate::corpus::load_seeds()
            .documents
            .into_iter()
            .map(|d| d.simplified),
    );
    // Verbs, their prefixes and chars near their first, run together at random.
    let mut pieces: Vec<String> = verbs.to_vec();
    for v in verbs {
        let cs: Vec<char> = v.chars().collect();
        for k in 1..cs.len() {
            pieces.push(cs[..k].iter().collect());
            pieces.push(cs[k..].iter().collect());
        }
        pieces.push(char::from_u32(cs[0] as u32 ^ 64).unwrap().to_string());
    }
    pieces.extend(["a", "。", "线", "，", "\n", "😀"].map(String::from));
    let mut seed = 0x9E37_79B9_7F4A_7C15u64;
    for _ in 0..3000 {
        let mut t = String::new();
        for _ in 0..seed % 12 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            t.push_str(&pieces[(seed % pieces.len() as u64) as usize]);
        }
        seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1);
        texts.push(t);
    }
    for t in &texts {
        let chars: Vec<char> = t.chars().collect();
        assert_eq!(char_matches(&EVENT_VERB, t), event_verbs_in(&chars), "{t}");
    }
}

#[test]
fn ends_with_agrees_with_counting() {
    let counted = |s: &[char], end: usize, word: &str| {
        let n = word.chars().count();
        end >= n && starts_with(s, end - n, word)
    };
    let s: Vec<char> = "产值达到2,400亿元的".chars().collect();
    for end in 0..s.len() + 3 {
        for w in [
            "",
            "的",
            "元的",
            "达到",
            "产值达到",
            "产值达到2,400亿元的的",
            "x",
        ] {
            assert_eq!(ends_with(&s, end, w), counted(&s, end, w), "{end} {w}");
        }
    }
}

#[test]
fn policy_titles_agree_with_the_regex() {
    let re = Regex::new(r"《(?P<t>[^《》]{2,})》").unwrap();
    for s in [
        "",
        "《》",
        "《a》",
        "《ab》",
        "《《ab》",
        "《a《bc》d》",
        "《ab》《cd》",
        "《ab",
        "ab》《cd》《e》《fg\n》",
        "印发《上海市某某管理办法(试行)》(以下简称《办法》)。",
        "《》》《《x》yz》《》《甲乙》",
    ] {
        let want: Vec<(Span, Span)> = re
            .captures_iter(s)
            .map(|c| (c.get(0).unwrap().range(), c.name("t").unwrap().range()))
            .collect();
        assert_eq!(policy_titles(s), want, "{s}");
    }
}

#[test]
fn subjects() {
    let cases = [
        ("实现生物医药制造业产值达到2,400亿元", "生物医药制造业产值"),
        ("计划打造10家以上标杆性智能工厂", "标杆性智能工厂"),
        (
            "30家具有引领性的数智化转型先锋企业",
            "具有引领性的数智化转型先锋企业",
        ),
        ("上海共获批1类创新药临床批件133件", "1类创新药临床批件"),
        (
            "其中细胞与基因治疗临床试验批件20件",
            "细胞与基因治疗临床试验批件",
        ),
        ("可供产业用地1.2万亩", "可供产业用地"),
        ("生命蓝湾、东方美谷等7个特色产业园区", "特色产业园区"),
        (
            "今后两年上海全市将开工建设生物医药标准厂房总规模近500万平方米",
            "生物医药标准厂房总规模",
        ),
    ];
    for (s, want) in cases {
        let chars: Vec<char> = s.chars().collect();
        let qs = crate::extract::quantity::find(s);
        let dates = crate::extract::dates::find(s, None);
        let got = subject(&chars, (0, chars.len()), &qs[0], &dates, &qs, None)
            .map(|(a, b)| chars[a..b].iter().collect::<String>());
        assert_eq!(got.as_deref(), Some(want), "{s}");
    }
}
