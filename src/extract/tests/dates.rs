//! Unit tests of the dates rules.
//!
//! Compiled only in tests: the rule module declares this file under `#[cfg(test)]`.
use super::*;

fn base() -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(2024, 11, 20)
}

fn whens(s: &str) -> Vec<When> {
    find(s, base()).into_iter().map(|m| m.when).collect()
}

fn p(s: &str) -> When {
    When::Point {
        date: PartialDate::parse(s).unwrap(),
        end: None,
    }
}

#[test]
fn resolves_expressions() {
    let range = When::Point {
        date: PartialDate::parse("2024-11-16").unwrap(),
        end: PartialDate::parse("2024-11-18"),
    };
    let cases: Vec<(&str, Vec<When>)> = vec![
        ("2024年11月16日至18日,大会拉开帷幕", vec![range]),
        ("11月14日,开幕活动举行", vec![p("2024-11-14")]),
        ("大会于8日在上海举办", vec![p("2024-11-08")]),
        ("产业周14日在张江开幕", vec![p("2024-11-14")]),
        (
            "本届产业周于16日至18日举行",
            vec![When::Point {
                date: PartialDate::parse("2024-11-16").unwrap(),
                end: PartialDate::parse("2024-11-18"),
            }],
        ),
        ("今年以来,10月份举办", vec![p("2024"), p("2024-10")]),
        (
            "前三季度,1至8月共获批",
            vec![When::Point {
                date: PartialDate::parse("2024-01").unwrap(),
                end: PartialDate::parse("2024-08"),
            }],
        ),
        ("今日发布", vec![p("2024-11-20")]),
        ("昨天上午举行", vec![p("2024-11-19")]),
        ("本月13日", vec![p("2024-11-13")]),
        ("上月", vec![p("2024-10")]),
        ("近日,市政府印发", vec![p("2024-11")]),
        ("去年10月11日", vec![p("2023-10-11")]),
        ("本周五(17日)开幕", vec![p("2024-11-17")]),
        ("今年陆续推出", vec![p("2024")]),
        ("去年", vec![p("2023")]),
        ("明年", vec![p("2025")]),
        ("上半年", vec![p("2024")]),
        ("今后两年将开工建设", vec![When::Deadline(2026)]),
        ("未来两年内,计划打造", vec![When::Deadline(2026)]),
        ("三年内建成", vec![When::Deadline(2027)]),
        ("未来三年", vec![When::Deadline(2027)]),
        ("经过三年努力", vec![When::Deadline(2027)]),
        ("2024年前三季度", vec![p("2024")]),
        ("2023年前10个月", vec![p("2023")]),
        ("2025年前建成", vec![When::Deadline(2025)]),
        ("到2025年,实现", vec![When::Deadline(2025)]),
        ("行动方案(2023-2025年)", vec![When::Period(2023, 2025)]),
        ("“十四五”是关键时期", vec![When::Period(2021, 2025)]),
        ("到“十五五”末,产值翻番", vec![When::Deadline(2030)]),
        ("2022年", vec![p("2022")]),
        ("2024年11月", vec![p("2024-11")]),
        ("来源:光明日报客户端2022-11-16 16:07", vec![p("2022-11-16")]),
        ("來源:周到上海2023.10.17", vec![p("2023-10-17")]),
        ("12月28日将举办", vec![p("2024-12-28")]),
        ("增长至2024年的2011.67亿元", vec![p("2024")]),
    ];
    for (s, want) in cases {
        assert_eq!(whens(s), want, "{s}");
    }
}

#[test]
fn month_day_after_the_report_is_last_year() {
    let jan = NaiveDate::from_ymd_opt(2024, 1, 3);
    let got: Vec<When> = find("12月28日举行", jan)
        .into_iter()
        .map(|m| m.when)
        .collect();
    assert_eq!(got, vec![p("2023-12-28")]);
}

#[test]
fn datelines_are_marked() {
    let got = whens("东方网记者刘轶琳11月9日报道:大会于8日在上海举办。");
    assert_eq!(
        got,
        vec![
            When::Dateline(PartialDate::parse("2024-11-09").unwrap()),
            p("2024-11-08")
        ]
    );
}

#[test]
fn words_that_only_look_like_dates() {
    for s in [
        "生物医药“明日之星”活动启动",
        "来源:光明日报客户端",
        "下午两点",
        "前期基础创新",
        "现在可以开发的药物",
        "发布2023年度中国医药企业研发指数",
        "30日内完成",
        "为期5日",
        "沪府办发〔2023〕18号",
        "乘地铁2号线",
        "历时3个月",
        "2022版产业地图",
    ] {
        assert!(whens(s).is_empty(), "{s}: {:?}", whens(s));
    }
}

#[test]
fn gated_search_agrees_with_a_full_scan() {
    assert!(!GATE.is_open());
    let mut texts: Vec<String> = vec![
        "2024年11月16日至18日,大会拉开帷幕。11月14日,开幕活动举行".into(),
        "东方网记者刘轶琳11月9日报道:大会于8日在上海举办。".into(),
        "“十四五”期间,到“十五五”末,今后两年、三年内、未来三年".into(),
        "行动方案(2023-2025年)于2023.10.17 印发;来源:光明日报客户端2022-11-16 16:07".into(),
        "本周五(17日)开幕;今日头条、明日之星;前不久、近期、日前、近日;本月13日、上月".into(),
        "增长至2024年的2011.67亿元,为期3日,30日内,2022版,90年代,2023年度,1至8月".into(),
        "今年、去年10月11日、明年、前年、本年度、上半年、下半年,截至2024年底前".into(),
        "a1b2 3\u{3000}年 月 日\t天周期久十 \n2024 年 11 月".into(),
    ];
    for f in crate::corpus::load_seeds().documents {
        texts.push(f.simplified);
    }
    for t in &texts {
        assert_eq!(find(t, base()), find_in(t, base(), &[(0, t.len())]), "{t}");
    }
}

#[test]
fn dateline_by_hand_agrees_with_the_regex() {
    let re = regex::Regex::new(&format!(r"^\s*(?:{})", alternation(lex("dateline")))).unwrap();
    for c in (0..=0x10FFFF).filter_map(char::from_u32) {
        for s in [
            format!("{c}"),
            format!("{c}报道"),
            format!("{c}{c}电"),
            format!("{c} 讯"),
            format!("{c}消{c}息"),
            format!("消息{c}"),
            format!("报{c}"),
        ] {
            assert_eq!(is_dateline(&s), re.is_match(&s), "{:X} {s}", c as u32);
        }
    }
}

/// Deterministic pseudo-random texts of date-like pieces.
fn generated(n: usize, max: usize) -> Vec<String> {
    const PIECES: &[&str] = &[
        "2024",
        "2023",
        "1949",
        "11",
        "9",
        "0",
        "年",
        "月",
        "日",
        "号",
        "至",
        "到",
        "-",
        "—",
        "~",
        ".",
        "/",
        " ",
        "\u{3000}",
        "今年",
        "去年",
        "明年",
        "前年",
        "本月",
        "上月",
        "下月",
        "本周",
        "下周",
        "五",
        "日",
        "(",
        ")",
        "十",
        "四",
        "两",
        "三",
        "五”",
        "“",
        "末",
        "期间",
        "截至",
        "截止",
        "增长",
        "于",
        "底",
        "前",
        "以前",
        "未来",
        "今后",
        "用",
        "内",
        "年内",
        "今日",
        "昨天",
        "明日",
        "之",
        "光",
        "报",
        "头条",
        "近日",
        "日前",
        "近期",
        "前不久",
        "度",
        "代",
        "级",
        "份",
        "中旬",
        "初",
        "上午",
        "晚",
        "线",
        "航站楼",
        "第",
        "个",
        "a",
        "亿元",
        "报道",
        "电",
        "上半年",
        "本年度",
    ];
    crate::testgen::texts(0x9E37_79B9_7F4A_7C15, PIECES, max)
        .take(n)
        .collect()
}

/// The one multi-pattern regex finds what the rules' own regexes and their
/// alternation found: the same place and first rule, the same groups per rule.
#[test]
fn multi_pattern_search_agrees_with_one_regex_per_rule() {
    let named = regex::Regex::new(r"\(\?P<[a-z0-9]+>").unwrap();
    let any = regex::Regex::new(
        &RULES
            .iter()
            .map(|r| format!("({})", named.replace_all(&r.pattern, "(?:")))
            .collect::<Vec<_>>()
            .join("|"),
    )
    .unwrap();
    let own: Vec<regex::Regex> = RULES
        .iter()
        .map(|r| regex::Regex::new(&format!("^(?:{})", r.pattern)).unwrap())
        .collect();
    let mut texts = generated(3000, 12);
    for f in crate::corpus::load_seeds().documents.into_iter().take(4) {
        texts.push(f.simplified);
    }
    let mut caps = DATES.create_captures();
    for t in &texts {
        for pos in (0..=t.len()).filter(|&i| t.is_char_boundary(i)) {
            let old = any.captures_at(t, pos).map(|c| {
                let g = (1..c.len()).find(|&g| c.get(g).is_some()).unwrap();
                (c.get(0).unwrap().start(), g - 1)
            });
            let new = DATES
                .search(&Input::new(t).range(pos..))
                .map(|m| (m.start(), m.pattern().as_usize()));
            assert_eq!(old, new, "{t} @{pos}");
            for (k, re) in own.iter().enumerate() {
                let old: Option<Vec<Option<(usize, usize)>>> = re.captures(&t[pos..]).map(|c| {
                    re.capture_names()
                        .map(|n| {
                            n.map_or(c.get(0), |n| c.name(n))
                                .map(|m| (pos + m.start(), pos + m.end()))
                        })
                        .collect()
                });
                let at = Input::new(t)
                    .range(pos..)
                    .anchored(Anchored::Pattern(PatternID::must(k)));
                DATES.search_captures(&at, &mut caps);
                let new = caps.is_match().then(|| {
                    re.capture_names()
                        .map(|n| {
                            n.map_or(caps.get_match().map(|m| m.span()), |n| {
                                caps.get_group_by_name(n)
                            })
                            .map(|s| (s.start, s.end))
                        })
                        .collect()
                });
                assert_eq!(old, new, "{t} @{pos} rule {k}");
            }
        }
    }
}

#[test]
fn offsets_are_chars() {
    let s = "第三届大会于8日在上海举办";
    let m = find(s, base());
    assert_eq!(m.len(), 1);
    let chars: Vec<char> = s.chars().collect();
    assert_eq!(
        chars[m[0].start..m[0].end].iter().collect::<String>(),
        "8日"
    );
}

/// Every word of a list that makes a date without a digit holds an anchor, so the gate
/// lets it through; for the builtin lexicon those are the chars the rules were written
/// with.
#[test]
fn anchors_cover_the_digit_free_words() {
    for key in [
        "weeks",
        "this_year",
        "last_year",
        "next_year",
        "year_before_last",
        "this_year_parts",
        "today",
        "yesterday",
        "day_before_yesterday",
        "tomorrow",
        "recent",
        "this_month",
        "last_month",
    ] {
        for w in lex(key) {
            assert!(w.chars().any(|c| ANCHORS.contains(&c)), "{key}: {w}");
        }
    }
    let mut got: Vec<char> = ANCHORS.clone();
    got.sort_unstable();
    let mut want: Vec<char> = "年月日号周天期久十-./".chars().collect();
    want.sort_unstable();
    assert_eq!(got, want);
}

#[test]
fn relative_day_ranges_and_spans_to_a_month() {
    let base = NaiveDate::from_ymd_opt(2025, 9, 23);
    let m = find("将于今年10月21日至23日举办", base);
    assert!(
        m.iter()
            .any(|m| matches!(m.when, When::Point { date, end: Some(e) }
            if date.to_string() == "2025-10-21" && e.to_string() == "2025-10-23")),
        "{m:?}"
    );
    let m = find("2021年至2025年8月,累计获批53个", base);
    assert!(
        m.iter()
            .all(|m| !matches!(m.when, When::Deadline(_) | When::Period(..))),
        "{m:?}"
    );
}
