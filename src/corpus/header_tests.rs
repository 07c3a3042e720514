//! Unit tests of the header rules, and the date matchers against the regexes they stand for.
//!
//! Compiled only in tests: header.rs declares this module under `#[cfg(test)]`.

use super::*;

fn d(s: &str) -> Option<PartialDate> {
    PartialDate::parse(s)
}

#[test]
fn parse_date_table() {
    let cases = [
        ("2021-10-11", Some("2021-10-11")),
        ("2021-10-11 20:21", Some("2021-10-11")),
        ("2021-10-11T20:21:00+08:00", Some("2021-10-11")),
        ("Mon, 11 Oct 2021 20:21:00 GMT", Some("2021-10-11")),
        ("Mon, 11 Oct 2021 20:21:00 +0800", Some("2021-10-11")),
        ("11 October 2021", Some("2021-10-11")),
        ("Oct 11, 2021", Some("2021-10-11")),
        ("2023.10.17", Some("2023-10-17")),
        ("2024年11月16日", Some("2024-11-16")),
        ("2024年11月", Some("2024-11")),
        ("2024-02-30", Some("2024-02")), // no such day: the month is still known
        ("yesterday", None),
        ("", None),
    ];
    for (s, want) in cases {
        assert_eq!(parse_date(s), want.and_then(d), "{s}");
    }
}

#[test]
fn first_date_in_text_table() {
    let cases = [
        ("2024年11月16日至18日,大会举行。", Some("2024-11-16")),
        ("去年11月,2023年10月召开", Some("2023-10")),
        ("11月14日,第二届开幕", None),
        ("成立于2023年。2024年3月5日发布", Some("2024-03-05")),
    ];
    for (s, want) in cases {
        assert_eq!(first_date_in_text(s), want.and_then(d), "{s}");
    }
}

#[test]
fn timestamp_lines() {
    for s in [
        "2025-11-09 18:16:00",
        "2023.10.17",
        "2025-10-16 09:50",
        "2024/1/2",
    ] {
        assert!(is_timestamp_line(s), "{s}");
    }
    for s in [
        "2025年是关键一年",
        "0",
        "2022上海国际生物医药产业周启幕",
        "2023年7月10日",
    ] {
        assert!(!is_timestamp_line(s), "{s}");
    }
}

#[test]
fn meta_line_table() {
    let cases = [
        (
            "来源:光明日报客户端2022-11-16 16:07",
            Some("光明日报客户端"),
            Some("2022-11-16"),
        ),
        (
            "来源:周到上海2023.10.17",
            Some("周到上海"),
            Some("2023-10-17"),
        ),
        (
            "发布时间:2023-10-17 10:00 来源:新华网",
            Some("新华网"),
            Some("2023-10-17"),
        ),
        ("来源:人民网 作者:张三", Some("人民网"), None),
        ("发布时间:2021年10月11日", None, Some("2021-10-11")),
    ];
    for (s, src, date) in cases {
        let m = meta_line(s, s).unwrap_or_else(|| panic!("{s}"));
        assert_eq!(m.source.as_deref(), src, "{s}");
        assert_eq!(m.date, date.and_then(d), "{s}");
    }
    // Traditional original, simplified key: the outlet keeps its script.
    let m = meta_line("来源:周到上海2023.10.17", "來源:周到上海2023.10.17").unwrap();
    assert_eq!(m.source.as_deref(), Some("周到上海"));
    // A notice grid row: the issuer and a date that is not the publication.
    let row = "发布机构: 某某市经济和信息化委员会 成文日期: 2023-06-15";
    let m = meta_line(row, row).expect("a metadata row");
    assert_eq!(m.date, None);
    assert_eq!(m.source.as_deref(), Some("某某市经济和信息化委员会"));
    let row = "发布日期: 2023-06-20 文号: 某某〔2023〕21号";
    assert_eq!(
        meta_line(row, row).and_then(|m| m.date),
        parse_date("2023-06-20")
    );
    assert!(meta_line("他说:来源于临床需求。", "他说:来源于临床需求。").is_none());
    assert!(meta_line("上海发布三大行动方案", "上海发布三大行动方案").is_none());
}

#[test]
fn outlets_table() {
    let cases = [
        ("光明日报客户端", Some("光明日报客户端")),
        ("【新华网】", Some("新华网")),
        ("本站原创", None),
        ("網絡", None),
        ("综合", None),
        ("?浾?", None),
        ("一", None),
    ];
    for (s, want) in cases {
        assert_eq!(clean_outlet(s).as_deref(), want, "{s}");
    }
}

#[test]
fn byline_table() {
    let cases = [
        ("界面新闻编辑 | 彭朋", Some(Some("界面新闻"))),
        ("界面新闻记者 | 杨舒鸿吉", Some(Some("界面新闻"))),
        ("澎湃新闻记者 张三", Some(Some("澎湃新闻"))),
        ("记者:张三", Some(None)),
        ("界面新闻?浾? | 杨舒鸿吉", Some(None)),
        ("文/李四", Some(None)),
        ("本报记者 | 王五", Some(None)),
        ("新华社记者 王五 李四", Some(Some("新华社"))),
        ("记者 张三 通讯员 李四", Some(None)),
        ("中文 教育发展报告", None),
        ("记者张三/台北报导", Some(None)),
        ("中央社记者李四/上海报道", Some(Some("中央社"))),
        ("上海发布三大行动方案", None),
    ];
    for (s, want) in cases {
        let got = byline(s, s);
        assert_eq!(got.as_ref().map(|o| o.as_deref()), want, "{s}");
    }
}

#[test]
fn lead_outlet_table() {
    let cases = [
        ("东方网记者刘轶琳11月9日报道:在医药产业", Some("东方网")),
        ("新华社上海11月9日电 记者从会上获悉", Some("新华社")),
        ("本报记者张三报道", None),
        ("央视网消息(新闻联播):今天", Some("央视网")),
        ("本报讯(记者 张三)", None),
        ("11月14日,第二届产业周开幕", None),
        ("(光明日报全媒体记者 任鹏)", Some("光明日报")),
        ("据新华社报道,2025年第91届博览会8日开幕", Some("新华社")),
        ("据介绍,产业规模达到", None),
        ("据市经济信息化委有关负责人报道", None),
    ];
    for (s, want) in cases {
        assert_eq!(lead_outlet(s, s).as_deref(), want, "{s}");
    }
}

#[test]
fn a_publication_label_wins_over_other_dates_of_its_line() {
    let line = "成文日期: 2024-07-24 发布日期: 2024-07-26";
    assert_eq!(meta_line(line, line).and_then(|m| m.date), d("2024-07-26"));
    let en = "By Editorial Team · Oct 24, 2023 · 来源:科技日报";
    let m = meta_line(en, en).expect("a source line");
    assert_eq!(m.date, d("2023-10-24"));
    assert_eq!(m.source.as_deref(), Some("科技日报"));
    let grid = "发布机构: 上海市人民政府办公厅 文号: 沪府办规〔2024〕10号";
    assert_eq!(
        meta_line(grid, grid).and_then(|m| m.source).as_deref(),
        Some("上海市人民政府办公厅")
    );
}

#[test]
fn reprint_lines_summaries_and_closing_outlets() {
    assert_eq!(
        reprint_outlet("转自解放日报", "转自解放日报").as_deref(),
        Some("解放日报")
    );
    assert_eq!(
        reprint_outlet("转载自:澎湃新闻", "轉載自:澎湃新聞").as_deref(),
        Some("澎湃新聞")
    );
    assert_eq!(
        reprint_outlet("转自动化生产线的改造", "转自动化生产线的改造"),
        None
    );
    assert_eq!(
        bracketed_outlet("(上海科技报)", "（上海科技报）").as_deref(),
        Some("上海科技报")
    );
    assert_eq!(bracketed_outlet("(完)", "（完）"), None);
    assert!(summary_line(
        "摘要:2021年至2025年8月,上海累计获批1类创新药53个。"
    ));
    assert!(summary_line("【导读】到2025年,产业规模达到1万亿元。"));
    assert!(!summary_line("摘要显示,产业规模达到1万亿元。"));
}

/// The regexes the date and clock matchers stand for.
mod reference {
    use super::*;

    fn re(p: &str) -> Regex {
        Regex::new(p).unwrap()
    }

    static YMD: LazyLock<Regex> = LazyLock::new(|| {
        re(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})(?:\s*[日号號])?")
    });
    static YM: LazyLock<Regex> =
        LazyLock::new(|| re(r"(\d{4})\s*(?:年\s*(\d{1,2})\s*月|[-/.](\d{1,2})(?:\D|$))"));
    pub static TIMESTAMP_LINE: LazyLock<Regex> =
        LazyLock::new(|| re(r"^\d{4}[-/.]\d{1,2}[-/.]\d{1,2}(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?$"));
    pub static DATE_TAIL: LazyLock<Regex> = LazyLock::new(|| {
        re(
            r"^\s*(?:\d{1,2}:\d{2}(?::\d{2})?)?\s*(?:星期.|周.|礼拜.)?\s*(?:\d{1,2}:\d{2}(?::\d{2})?)?\s*$",
        )
    });
    pub static TIME_PREFIX: LazyLock<Regex> =
        LazyLock::new(|| re(r"^\s*(?:\d{1,2}:\d{2}(?::\d{2})?)?\s*(?:星期.|周.)?"));
    pub static CLOCK: LazyLock<Regex> = LazyLock::new(|| re(r"\d{1,2}:\d{2}"));
    pub static GLUED_DATE: LazyLock<Regex> = LazyLock::new(|| {
        re(r"\D(?:\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}-\d{1,2})(?:\s*\d{1,2}:\d{2})?$")
    });

    pub fn find_ymd(s: &str) -> Option<(PartialDate, usize, usize)> {
        for c in YMD.captures_iter(s) {
            let y: i32 = c[1].parse().ok()?;
            let m: u32 = c[2].parse().ok()?;
            let d: u32 = c[3].parse().ok()?;
            if plausible_year(y)
                && let Some(pd) = PartialDate::day(y, m, d)
            {
                let whole = c.get(0)?;
                return Some((pd, whole.start(), whole.end()));
            }
        }
        None
    }

    pub fn find_ym(s: &str) -> Option<PartialDate> {
        for c in YM.captures_iter(s) {
            let y: i32 = c[1].parse().ok()?;
            let m: u32 = c.get(2).or_else(|| c.get(3))?.as_str().parse().ok()?;
            if plausible_year(y)
                && let Some(d) = PartialDate::month(y, m)
            {
                return Some(d);
            }
        }
        None
    }

    pub fn first_date_in_text(text: &str) -> Option<PartialDate> {
        let ymd = find_ymd(text);
        let ym = YM.captures_iter(text).find_map(|c| {
            let y: i32 = c[1].parse().ok()?;
            let m: u32 = c.get(2).or_else(|| c.get(3))?.as_str().parse().ok()?;
            let whole = c.get(0)?;
            (plausible_year(y))
                .then(|| PartialDate::month(y, m).map(|d| (d, whole.start())))
                .flatten()
        });
        match (ymd, ym) {
            (Some((d, start, _)), Some((_, ym_start))) if start <= ym_start => Some(d),
            (Some(_), Some((m, _))) => Some(m),
            (Some((d, _, _)), None) => Some(d),
            (None, Some((m, _))) => Some(m),
            (None, None) => None,
        }
    }

    // The byline and label patterns are the module's own (built from the
    // lexicon); what is checked against them here is the code around them: the
    // literal tests that decide whether they run at all.

    pub fn meta_line(key: &str, orig: &str) -> Option<MetaLine> {
        if !key.contains(':')
            || key.chars().count() > 100
            || key.contains('。')
            || !META_LABEL.is_match(key)
        {
            return None;
        }
        let mut out = MetaLine {
            date: labelled_date(key)
                .or_else(|| find_ymd(key).map(|(d, _, _)| d))
                .or_else(|| english_date(key)),
            source: None,
        };
        if let Some(m) = SOURCE_LABEL.find(key) {
            let rest_key = &key[m.end()..];
            let mut end = rest_key.len();
            if let Some((_, s, _)) = find_ymd(rest_key) {
                end = end.min(s);
            }
            if let Some(n) = NEXT_LABEL.find(rest_key)
                && n.start() > 0
            {
                end = end.min(n.start());
            }
            let start_chars = key[..m.end()].chars().count();
            let len_chars = rest_key[..end].chars().count();
            let outlet: String = orig.chars().skip(start_chars).take(len_chars).collect();
            out.source = clean_outlet(&outlet);
        }
        Some(out)
    }

    pub fn byline(key: &str, orig: &str) -> Option<Option<String>> {
        if key.chars().count() > 40 || key.contains('。') {
            return None;
        }
        if let Some(c) = BYLINE
            .captures(key)
            .or_else(|| BYLINE_SPACE.captures(key))
            .or_else(|| BYLINE_NAME_FIRST.captures(key))
        {
            let prefix_key = c.get(1).map_or("", |m| m.as_str());
            let n = prefix_key.chars().count();
            let prefix: String = orig.chars().take(n).collect();
            return Some(outlet_from_prefix(&prefix, prefix_key));
        }
        BAR_LINE.is_match(key).then_some(None)
    }

    pub fn lead_outlet(key: &str, orig: &str) -> Option<String> {
        let c = LEAD_BYLINE
            .captures(key)
            .or_else(|| LEAD_DATELINE.captures(key))
            .or_else(|| {
                LEAD_REPORT
                    .captures(key)
                    .filter(|c| c.get(1).is_some_and(|g| outlet_like(g.as_str())))
            })?;
        let g = c.get(1)?;
        let skip = key[..g.start()].chars().count();
        let n = g.as_str().chars().count();
        let prefix: String = orig.chars().skip(skip).take(n).collect();
        let prefix_key: String = key.chars().skip(skip).take(n).collect();
        outlet_from_prefix(&prefix, &prefix_key)
    }

    /// Every match of YM, to hold the search's resumption points to the regex's.
    pub fn ym_matches(s: &str) -> Vec<(usize, usize)> {
        YM.find_iter(s).map(|m| (m.start(), m.end())).collect()
    }
}

#[test]
fn digit_and_space_classes_agree_with_the_regex_crate() {
    let digit = Regex::new(r"^\d$").unwrap();
    let space = Regex::new(r"^\s$").unwrap();
    for c in (0..=0x10FFFF).filter_map(char::from_u32) {
        let s = c.to_string();
        assert_eq!(is_digit(c), digit.is_match(&s), "{:X}", c as u32);
        assert_eq!(c.is_whitespace(), space.is_match(&s), "{:X}", c as u32);
    }
}

/// Lines of date and clock pieces, in the order and disorder that make the
/// matchers' choices matter.
#[test]
fn date_matchers_agree_with_regexes() {
    const PIECES: &[&str] = &[
        "1",
        "2",
        "0",
        "9",
        "10",
        "2023",
        "١",
        "٣",
        "２",
        "〇",
        ":",
        "-",
        "/",
        ".",
        "年",
        "月",
        "日",
        "号",
        "號",
        " ",
        "  ",
        "\u{3000}",
        "\u{A0}",
        "\n",
        "星期",
        "周",
        "礼拜",
        "一",
        "a",
        "网",
        "2023-10-17",
        "10:30",
        "1:05:59",
        "2024年11月",
    ];
    // How often each matcher says yes: the generator must reach the matching paths.
    let mut hits = [0usize; 5];
    for s in crate::testgen::texts(0x2545_F491_4F6C_DD1D, PIECES, 12).take(300_000) {
        let s = s.as_str();
        assert_eq!(find_ymd(s), reference::find_ymd(s), "{s:?}");
        assert_eq!(find_ym(s), reference::find_ym(s), "{s:?}");
        assert_eq!(
            first_date_in_text(s),
            reference::first_date_in_text(s),
            "{s:?}"
        );
        let ours: Vec<(usize, usize)> = matches_of(s, ym_at).map(|(a, _, b)| (a, b)).collect();
        assert_eq!(ours, reference::ym_matches(s), "{s:?}");
        assert_eq!(
            is_timestamp_line(s),
            reference::TIMESTAMP_LINE.is_match(s.trim()),
            "{s:?}"
        );
        assert_eq!(is_date_tail(s), reference::DATE_TAIL.is_match(s), "{s:?}");
        assert_eq!(
            time_prefix_end(s),
            reference::TIME_PREFIX.find(s).map_or(0, |m| m.end()),
            "{s:?}"
        );
        assert_eq!(has_clock(s), reference::CLOCK.is_match(s), "{s:?}");
        assert_eq!(
            ends_with_glued_date(s),
            reference::GLUED_DATE.is_match(s),
            "{s:?}"
        );
        for (hit, yes) in hits.iter_mut().zip([
            find_ymd(s).is_some(),
            find_ym(s).is_some(),
            is_timestamp_line(s),
            is_date_tail(s) && !s.trim().is_empty(),
            ends_with_glued_date(s),
        ]) {
            *hit += usize::from(yes);
        }
    }
    assert!(hits.iter().all(|&n| n > 500), "{hits:?}");
}

/// Lines of byline and dateline pieces, so that the matchers' choices (which role
/// word, how many name chars, where the lazy prefix ends) all come up.
#[test]
fn byline_matchers_agree_with_regexes() {
    const PIECES: &[&str] = &[
        "记者",
        "通讯员",
        "实习生",
        "实习",
        "摄影",
        "摄",
        "文",
        "图",
        "全媒体",
        "首席",
        "编辑",
        "撰稿",
        "作者",
        "责编",
        "张",
        "三",
        "李四",
        "新华社",
        "东方网",
        "报",
        "台",
        "社",
        "电",
        "讯",
        "消息",
        "11月9日",
        "1",
        "月",
        "日",
        " ",
        "  ",
        "\u{3000}",
        "|",
        "/",
        ":",
        "(",
        "【",
        "[",
        "a",
        "，",
        ",",
        "。",
        "“",
        "々",
        "𠀀",
    ];
    let mut hits = [0usize; 3];
    for s in crate::testgen::texts(0x9E37_79B9_7F4A_7C15, PIECES, 10).take(200_000) {
        let s = s.as_str();
        let got = byline(s, s);
        assert_eq!(got, reference::byline(s, s), "{s:?}");
        let lead = lead_outlet(s, s);
        assert_eq!(lead, reference::lead_outlet(s, s), "{s:?}");
        assert_eq!(meta_line(s, s), reference::meta_line(s, s), "{s:?}");
        hits[0] += usize::from(got.is_some());
        hits[1] += usize::from(got.is_some_and(|o| o.is_some()));
        hits[2] += usize::from(lead.is_some());
    }
    assert!(hits.iter().all(|&n| n > 500), "{hits:?}");
}

/// The literal tests in front of the regexes against the regexes alone (the code
/// as it was), on generated lines.
#[test]
fn prefilters_agree_with_plain_regexes() {
    let extra = [
        "界面新闻编辑 | 彭朋",
        "新华社记者 王五 李四",
        "记者 张三 通讯员 李四",
        "中央社记者李四/上海报道",
        "文/李四",
        "来源:人民网 作者:张三",
        "发布时间:2021年10月11日",
        "2023 年 10 月 17 日",
        "١٢٣٤-10-17 2023-10-17",
        "２０２３-10-17",
    ];
    let lines = crate::corpus::clean::equivalence::generated(40_000, 10);
    for s in lines.iter().map(String::as_str).chain(extra) {
        assert_eq!(byline(s, s), reference::byline(s, s), "{s:?}");
        assert_eq!(lead_outlet(s, s), reference::lead_outlet(s, s), "{s:?}");
        assert_eq!(find_ymd(s), reference::find_ymd(s), "{s:?}");
        let plain = !(s.chars().count() > 100 || s.contains('。') || !META_LABEL.is_match(s));
        assert_eq!(meta_line(s, s).is_some(), plain, "{s:?}");
        assert_eq!(meta_line(s, s), reference::meta_line(s, s), "{s:?}");
    }
}

#[test]
fn html_titles() {
    assert_eq!(
        clean_html_title("打造世界级生物医药产业集群 - 证券时报网").as_deref(),
        Some("打造世界级生物医药产业集群")
    );
    assert_eq!(
        clean_html_title("上海发布三大行动方案_要闻_新闻中心").as_deref(),
        Some("上海发布三大行动方案")
    );
    assert_eq!(clean_html_title("  ").as_deref(), None);
    // Forum chrome is never the headline, however long.
    assert_eq!(
        clean_html_title(
            "某区生物医药基地项目开工 - 产业经济 - 某某社区 - Powered by Discuz! Archiver"
        )
        .as_deref(),
        Some("某区生物医药基地项目开工")
    );
    assert_eq!(
        clean_html_title("光明网 - 2022上海国际生物医药产业周启幕").as_deref(),
        Some("2022上海国际生物医药产业周启幕")
    );
    assert_eq!(clean_html_title("某某网").as_deref(), Some("某某网"));
    assert_eq!(
        clean_html_title("上海生物醫藥產業規模去年達7617億元｜繁體中文鏡像").as_deref(),
        Some("上海生物醫藥產業規模去年達7617億元")
    );
    assert_eq!(
        clean_html_title("上海三大先导产业母基金揭牌 规模225亿元-中新网").as_deref(),
        Some("上海三大先导产业母基金揭牌 规模225亿元")
    );
    assert_eq!(
        clean_html_title("行动方案（2023-2025年）").as_deref(),
        Some("行动方案（2023-2025年）")
    );
}

#[test]
fn an_events_year_and_day_date_the_page_with_a_later_month() {
    let text = "2025年第91届中国国际医疗器械博览会8日在沪开幕\n展会将持续至4月11日。";
    assert_eq!(
        published_in_text(None, text),
        Some((d("2025-04-08").unwrap(), TextDate::Stated))
    );
    // The name after a citation of the outlet; the month of the nearest later day.
    let text = "据某某晚报报道，2024某某创新峰会16日在某地开幕。\n峰会将持续至4月17日。";
    assert_eq!(
        published_in_text(None, text),
        Some((d("2024-04-16").unwrap(), TextDate::Stated))
    );
    // A date above the name is no month of its day.
    let text = "报名已于3月20日截止。\n2024某某创新峰会16日在某地开幕。\n峰会将持续至4月17日。";
    assert_eq!(
        published_in_text(None, text),
        Some((d("2024-04-16").unwrap(), TextDate::Stated))
    );
    // No month anywhere: the day stays unknown.
    assert_eq!(published_in_text(None, "2025上海某某大会13日开幕"), None);
}

#[test]
fn the_site_a_title_names_after_its_headline() {
    assert_eq!(
        html_title_site("新闻汇总 2021-10-11_上海热线").as_deref(),
        Some("上海热线")
    );
    assert_eq!(html_title_site("上海发布三大行动方案_要闻_新闻中心"), None);
    assert_eq!(html_title_site("上海发布三大行动方案"), None);
    assert_eq!(
        html_title_site("标题|某某娱乐平台-官方网站_体育资讯_体育投注"),
        None
    );
}

#[test]
fn publication_dates_stated_in_the_body() {
    let d = |s: &str| parse_date(s);
    type Case<'a> = (Option<&'a str>, &'a str, Option<(&'a str, TextDate)>);
    let cases: [Case; 7] = [
        (
            None,
            "新华社上海7月26日电(记者 某某)上海26日发布基金。\n截至2024年6月底,企业超过90家。",
            Some(("2024-07-26", TextDate::Dateline)),
        ),
        (
            Some("《2024上海产业蓝皮书》发布"),
            "中新社上海4月28日电 蓝皮书28日发布。",
            Some(("2024-04-28", TextDate::Dateline)),
        ),
        (
            None,
            "成文日期: 2024-07-24 发布日期: 2024-07-26\n正文。",
            Some(("2024-07-26", TextDate::Stated)),
        ),
        (
            None,
            "摘要:2021年至2025年8月,累计获批53个。\n2025-09-24 06:50 来源:文汇报",
            Some(("2025-09-24", TextDate::Stated)),
        ),
        (
            None,
            "By Editorial Team · Oct 24, 2023 · 来源:科技日报",
            Some(("2023-10-24", TextDate::Stated)),
        ),
        (
            Some("新闻汇总 2021-10-11"),
            "今天上午,产业周开幕。",
            Some(("2021-10-11", TextDate::Stated)),
        ),
        (None, "到2025年,产业规模达到1万亿元。", None),
    ];
    for (title, text, want) in cases {
        let got = published_in_text(title, text);
        assert_eq!(
            got,
            want.map(|(s, how)| (d(s).expect("date"), how)),
            "{text}"
        );
    }
}

#[test]
fn outlet_and_date_lines_with_an_edition() {
    let (d, o) = date_with_outlet("浦东时报 2024-05-20 第02版", "浦东时报 2024-05-20 第02版")
        .expect("a date line");
    assert_eq!(d, parse_date("2024-05-20").expect("date"));
    assert_eq!(o.as_deref(), Some("浦东时报"));
    // A page header: paper, date, weekday, page and section.
    let line = "某某日报 2024年6月13日 星期四 第3版:经济";
    let (d, o) = date_with_outlet(line, line).expect("a page header");
    assert_eq!(d, parse_date("2024-06-13").expect("date"));
    assert_eq!(o.as_deref(), Some("某某日报"));
}
