//! Unit tests of the extract rules.
//!
//! Compiled only in tests: the rule module declares this file under `#[cfg(test)]`.
use super::*;

/// A document as the corpus hands it over: the text, and its matching key as the
/// corpus makes it (simplified, ASCII punctuation, same char count).
fn doc(text: &str, published: &str) -> Document {
    Document {
        id: "t".into(),
        text: text.into(),
        simplified: crate::corpus::clean::matching_key(text),
        published: crate::time::PartialDate::parse(published),
        ..Default::default()
    }
}

fn cut(chars: &[char], r: (usize, usize)) -> String {
    let mut out = String::new();
    push_cut(&mut out, chars, r);
    out
}

fn items(text: &str, published: &str) -> Vec<Item> {
    extract(&doc(text, published), &Themes::builtin())
}

fn find<'a>(items: &'a [Item], kind: Kind, needle: &str) -> &'a Item {
    items
        .iter()
        .find(|i| {
            i.kind == kind
                && (i.title.contains(needle)
                    || i.subject.as_deref().is_some_and(|s| s.contains(needle)))
        })
        .unwrap_or_else(|| panic!("no {kind:?} with {needle} in {items:#?}"))
}

#[test]
fn skipping_chars_agrees_with_char_indices() {
    let text = "上海國際，a生物醫藥😀產業周。ab\u{80}cdefghé中文字符串abcdefgh😀😀😀xyz\
                \u{7FF}\u{800}\u{FFFF}\u{10000}\u{10FFFF}aé中😀"
        .repeat(3);
    let text = text.as_str();
    let starts: Vec<usize> = text
        .char_indices()
        .map(|(b, _)| b)
        .chain([text.len()])
        .collect();
    for (k, &from) in starts.iter().enumerate() {
        for n in 0..starts.len() + 3 {
            let want = starts.get(k + n).copied().unwrap_or(text.len());
            assert_eq!(skip_chars(text, from, n), want, "{from} {n}");
        }
    }
}

#[test]
fn ids_are_formatted() {
    for n in [0, 1, 9, 10, 99, 100, 12345, usize::MAX] {
        for doc in ["", "t", "文档-1"] {
            assert_eq!(item_id(doc, n), format!("{doc}#{n}"));
        }
    }
}

#[test]
fn orig_cuts_like_collected_chars() {
    let text = "上海國際，a生物醫藥😀產業周。";
    let chars: Vec<char> = text.chars().collect();
    let n = chars.len();
    let ranges: Vec<(usize, usize)> = (0..=n + 1)
        .flat_map(|a| (0..=n + 1).map(move |b| (a, b)))
        .collect();
    let orig = Orig::new(text, n, ranges.iter().flat_map(|&(a, b)| [a, b]).collect());
    for r in ranges {
        assert_eq!(orig.cut(r), cut(&chars, r), "{r:?}");
    }
    // Offsets that were not asked for cut nothing rather than something wrong.
    assert_eq!(Orig::new(text, n, vec![1]).cut((1, 3)), "");
}

#[test]
fn opening_event_dates_the_items_around_it() {
    let got = items(
        "11月20日，第五届某某医药创新大会在上海国际会议中心开幕。\n开幕式上，某某创新联盟揭牌、首批示范企业名单公布。",
        "2024-11-21",
    );
    let e = find(&got, Kind::Event, "医药创新大会");
    assert_eq!(e.date.to_string(), "2024-11-20");
    assert_eq!(
        find(&got, Kind::Event, "创新联盟").date.to_string(),
        "2024-11-20"
    );
    assert_eq!(
        find(&got, Kind::Event, "示范企业").date.to_string(),
        "2024-11-20"
    );
}

#[test]
fn relative_days_resolve_against_publication() {
    let got = items("昨天上午，某某产业园正式开园。", "2023-05-10");
    assert_eq!(
        find(&got, Kind::Event, "开园").date.to_string(),
        "2023-05-09"
    );
    let got = items("记者11月9日报道：某某论坛于8日在北京举行。", "2025-11-09");
    assert_eq!(
        find(&got, Kind::Event, "论坛").date.to_string(),
        "2025-11-08"
    );
}

#[test]
fn targets_with_deadlines() {
    let got = items(
        "市政府日前印发通知。到2027年，力争全市生物医药产业规模达到1.2万亿元，培育20家以上龙头企业。",
        "2024-03-01",
    );
    let t = find(&got, Kind::Target, "生物医药产业规模");
    assert_eq!(t.deadline, Some(2027));
    let q = t.quantity.as_ref().unwrap();
    assert_eq!((q.value, q.unit.as_str()), (1.2e12, "元"));
    let t = find(&got, Kind::Target, "龙头企业");
    assert_eq!(t.deadline, Some(2027));
    assert_eq!(t.quantity.as_ref().unwrap().qualifier, Qualifier::AtLeast);
    // Clauses after a semicolon share the paragraph's deadline; a figure already
    // reached does not.
    let got = items(
        "到2027年，全市生物医药产业规模达到1.2万亿元；培育龙头企业20家以上；目前已有上市企业50家。",
        "2024-03-01",
    );
    assert_eq!(find(&got, Kind::Target, "龙头企业").deadline, Some(2027));
    assert!(
        got.iter().any(|i| i.kind == Kind::Metric
            && i.subject.as_deref().is_some_and(|s| s.contains("上市企业"))),
        "{got:#?}"
    );
    // An order of magnitude as the object of building: a goal without a deadline.
    let got = items("生物医药是某区着力打造的千亿级产业集群之一。", "2025-11-09");
    let t = find(&got, Kind::Target, "产业集群");
    assert_eq!(t.subject.as_deref(), Some("产业集群"));
    assert_eq!(
        (t.deadline, t.quantity.as_ref().map(|q| q.value)),
        (None, Some(1e11))
    );
    let got = items("未来三年内，将新建生物医药专业园区5个。", "2022-06-01");
    assert_eq!(find(&got, Kind::Target, "专业园区").deadline, Some(2025));
    // 经过三年努力 without a plan period: publication year + 3.
    let got = items(
        "经过三年努力，某区将新增生物医药规上企业50家，生物医药产业规模突破1000亿元。",
        "2024-08-20",
    );
    assert_eq!(find(&got, Kind::Target, "规上企业").deadline, Some(2027));
    assert_eq!(find(&got, Kind::Target, "产业规模").deadline, Some(2027));
}

#[test]
fn goals_within_a_plan_period_and_labelled_figures() {
    let got = items(
        "“十五五”期间，力争全市生物医药产业规模达到1.5万亿元。",
        "2025-12-01",
    );
    assert_eq!(find(&got, Kind::Target, "产业规模").deadline, Some(2030));
    let got = items(
        "2024年主要指标如下。\n生物医药产业规模：9847亿元。",
        "2025-01-10",
    );
    let m = find(&got, Kind::Metric, "产业规模");
    assert_eq!(m.quantity.as_ref().map(|q| q.value), Some(9.847e11));
}

#[test]
fn metrics_with_their_years() {
    let got = items(
        "数据显示，全市生物医药制造业产值从2021年的1712亿元增长至2024年的2011.67亿元。",
        "2025-02-01",
    );
    let m: Vec<&Item> = got.iter().filter(|i| i.kind == Kind::Metric).collect();
    assert_eq!(m.len(), 2, "{got:#?}");
    assert_eq!(m[0].date.to_string(), "2021");
    assert_eq!(m[1].date.to_string(), "2024");
    for x in &m {
        assert!(
            x.subject
                .as_deref()
                .unwrap()
                .ends_with("生物医药制造业产值"),
            "{x:?}"
        );
    }
    let got = items(
        "2024年上海生物医药产业规模达到9847亿元，同比增长5.2%。",
        "2025-01-10",
    );
    let x = find(&got, Kind::Metric, "产业规模");
    assert_eq!(x.subject.as_deref(), Some("上海生物医药产业规模"));
    assert_eq!(x.date.to_string(), "2024");
}

#[test]
fn policies_with_period_and_issuers() {
    let got = items(
        "近日，市经济信息化委、市卫生健康委联合印发《上海市促进某某产业发展若干措施（2024-2026年）》。",
        "2024-04-02",
    );
    let p = find(&got, Kind::Policy, "若干措施");
    assert_eq!(p.period, Some([2024, 2026]));
    assert_eq!(p.issuers, vec!["市经济信息化委", "市卫生健康委"]);
    // 近日 says "recently": the month is all that is known.
    assert_eq!(p.date.to_string(), "2024-04");
    // A short name given to it is not a second policy; notes after the title stay.
    let got = items(
        "市政府印发《上海市某某管理办法（试行）》（以下简称《办法》）。",
        "2024-04-02",
    );
    let p: Vec<&Item> = got.iter().filter(|i| i.kind == Kind::Policy).collect();
    assert_eq!(p.len(), 1, "{got:#?}");
    assert_eq!(
        p[0].policy_title.as_deref(),
        Some("上海市某某管理办法（试行）")
    );
    // A policy only referred to is not a release.
    let got = items("根据《某某发展规划》，本市将加快建设。", "2024-04-02");
    assert!(got.iter().all(|i| i.kind != Kind::Policy), "{got:#?}");
}

#[test]
fn opinions_and_names_are_not_events() {
    let got = items(
        "他表示，上海应尽快启动新一轮改革。生物医药“明日之星”评选结果将在明年公布吗？",
        "2024-04-02",
    );
    assert!(got.iter().all(|i| i.kind != Kind::Event), "{got:#?}");
}

#[test]
fn ids_are_stable_and_spans_point_at_quotes() {
    let text = "11月14日，某某周开幕活动在上海举行。到2025年，产值达到2,400亿元。";
    let a = items(text, "2022-11-16");
    let b = items(text, "2022-11-16");
    assert_eq!(a, b);
    let chars: Vec<char> = text.chars().collect();
    for it in &a {
        let q: String = chars[it.span[0]..it.span[1]].iter().collect();
        assert_eq!(q, it.quote);
    }
}

#[test]
fn traditional_text_keeps_its_script() {
    let got = items(
        "10月16日，上海國際生物醫藥產業周開幕活動在張江舉行。",
        "2023-10-17",
    );
    let e = find(&got, Kind::Event, "產業周");
    assert!(e.title.contains("國際"), "{}", e.title);
    assert_eq!(e.date.to_string(), "2023-10-16");
}

#[test]
fn changes_between_years_give_two_dated_figures() {
    let its = items(
        "浦东新区生物医药产业规模由2020年的2900亿元升至2023年的4080亿元。",
        "2024-05-20",
    );
    let figs: Vec<(String, String, f64)> = its
        .iter()
        .filter(|i| i.kind == Kind::Metric)
        .map(|i| {
            let q = i.quantity.as_ref().expect("a figure");
            (
                i.date.to_string(),
                i.subject.clone().unwrap_or_default(),
                q.value,
            )
        })
        .collect();
    assert_eq!(
        figs,
        vec![
            ("2020".into(), "浦东新区生物医药产业规模".into(), 2.9e11),
            ("2023".into(), "浦东新区生物医药产业规模".into(), 4.08e11),
        ]
    );
}

#[test]
fn forecasts_are_targets_with_their_basis() {
    let its = items(
        "业内预计，今年上海生物医药产业规模将突破1万亿元。",
        "2025-06-18",
    );
    let t = find(&its, Kind::Target, "产业规模");
    assert_eq!(t.deadline, Some(2025));
    assert_eq!(t.basis, Some(crate::extract::Basis::Forecast));
    let its = items(
        "到2027年，本市生物医药产业规模达到1.3万亿元。",
        "2024-07-31",
    );
    let t = find(&its, Kind::Target, "产业规模");
    assert_eq!(t.basis, Some(crate::extract::Basis::Goal));
}

#[test]
fn years_from_now_end_with_the_plan_period() {
    let its = items(
        "《细胞治疗行动方案（2022—2024年）》印发。\n未来三年，力争培育3至5家细胞治疗龙头企业。",
        "2022-11-18",
    );
    let t = find(&its, Kind::Target, "龙头企业");
    assert_eq!(t.deadline, Some(2024));
    let q = t.quantity.as_ref().expect("a figure");
    assert_eq!((q.value, q.value_max), (3.0, Some(5.0)));
}

#[test]
fn background_questions_and_conditions_are_no_items() {
    let its = items(
        "一、《行动方案》出台的背景是什么？\n自2021年以来，产业周已在沪连续举办四届。\n经市政府批准，《行动方案》由市经济信息化委印发。",
        "2023-10-24",
    );
    assert!(its.iter().all(|i| i.kind != Kind::Event), "{its:#?}");
    assert!(
        its.iter().all(|i| !i.quote.contains("背景是什么")),
        "{its:#?}"
    );
}

#[test]
fn short_names_after_the_full_title_are_one_policy() {
    let its = items(
        "市政府印发《上海市促进医疗机器人产业发展行动方案（2023—2025年）》。\n《行动方案》提出，到2025年，产业规模突破100亿元。",
        "2023-10-19",
    );
    let policies: Vec<&Item> = its.iter().filter(|i| i.kind == Kind::Policy).collect();
    assert_eq!(policies.len(), 1, "{policies:#?}");
}

#[test]
fn off_topic_sections_of_a_digest_give_nothing() {
    let its = items(
        "【生物医药】首届生物医药产业周今日开幕。\n【文化】本届艺术节将推出40余台演出剧目。",
        "2021-10-11",
    );
    assert!(its.iter().all(|i| !i.quote.contains("艺术节")), "{its:#?}");
    assert!(its.iter().any(|i| i.quote.contains("产业周")), "{its:#?}");
}

#[test]
fn dash_ranges_keep_their_clause() {
    let its = items(
        "闵行提出，力争到2027年新增规上工业企业30家以上，培育3—5家具有全球竞争力的创新型企业。",
        "2024-12-09",
    );
    let t = find(&its, Kind::Target, "创新型企业");
    let q = t.quantity.as_ref().expect("a figure");
    assert_eq!(
        (q.value, q.value_max, t.deadline),
        (3.0, Some(5.0), Some(2027))
    );
}

#[test]
fn a_selection_gives_the_items_the_rules_find_in_it_and_its_sentence_date() {
    let text = "2024年11月16日，上海国际生物医药产业周在张江开幕。会上提出，到2027年产业规模达到1万亿元。没有日期的一句话。";
    let d = doc(text, "2024-11-16");
    let chars: Vec<char> = text.chars().collect();
    let at = |s: &str| {
        let b = text.find(s).unwrap();
        let a = text[..b].chars().count();
        [a, a + s.chars().count()]
    };
    // Part of the target's sentence: the rules find the target in it, the date is
    // the sentence's.
    let sel = from_selection(&d, at("到2027年产业规模达到1万亿元"), &Themes::builtin());
    assert_eq!(sel.quote, "到2027年产业规模达到1万亿元");
    let t = sel
        .items
        .iter()
        .find(|i| i.kind == Kind::Target)
        .unwrap_or_else(|| panic!("{:#?}", sel.items));
    assert_eq!(t.deadline, Some(2027));
    assert_eq!(t.quantity.as_ref().map(|q| q.value), Some(1e12));
    // Its span is in the document's text, over the selection.
    let [a, b] = t.span;
    assert!(
        a <= sel.span[0] && sel.span[1] <= b,
        "{:?} {:?}",
        t.span,
        sel.span
    );
    assert_eq!(chars[a..b].iter().collect::<String>(), t.quote);
    // The event's sentence resolves to its day.
    let sel = from_selection(&d, at("上海国际生物医药产业周"), &Themes::builtin());
    assert_eq!(
        sel.date.map(|d| d.to_string()).as_deref(),
        Some("2024-11-16")
    );
    // A sentence without a date falls back to the publication date; blanks trimmed.
    let [a, b] = at("没有日期的一句话。");
    let sel = from_selection(&d, [a, b + 5], &Themes::builtin());
    assert_eq!(sel.quote, "没有日期的一句话。");
    assert_eq!(
        sel.date.map(|d| d.to_string()).as_deref(),
        Some("2024-11-16")
    );
}

#[test]
fn a_trend_that_opens_its_sentence_takes_the_subject_after_it() {
    let got = items(
        "从2021年的7617亿元增长至2024年的9847亿元，三年间全市生物医药产业规模年均复合增长率达8.9%。",
        "2025-02-18",
    );
    let first = got
        .iter()
        .find(|i| i.quantity.as_ref().is_some_and(|q| q.value == 7.617e11))
        .expect("the first figure");
    assert_eq!(first.subject.as_deref(), Some("全市生物医药产业规模"));
    assert_eq!(first.date.year, 2021);
}

#[test]
fn a_dated_opening_named_as_a_modifier_is_an_event_and_provisions_are_not() {
    let got = items(
        "4日开幕的2024世界人工智能大会上，生物医药成为热点。开幕首日，一款垂直大模型在大会上发布。",
        "2024-07-05",
    );
    let opening = find(&got, Kind::Event, "世界人工智能大会");
    assert_eq!(opening.date.to_string(), "2024-07-04");
    let release = find(&got, Kind::Event, "垂直大模型");
    assert_eq!(release.date.to_string(), "2024-07-04");
    let rule = items(
        "第四条（加强人才支撑）对高层次人才，在落户、住房、子女入学等方面给予支持。",
        "2023-03-15",
    );
    assert!(rule.iter().all(|i| i.kind != Kind::Event), "{rule:#?}");
}

#[test]
fn goals_without_a_deadline_are_goals_and_a_bare_jiang_is_not_one() {
    let got = items(
        "市经济信息化委表示，今年将推动30个以上重大产业项目开工建设。研发方称可将筛选周期缩短约40%。",
        "2022-03-08",
    );
    let goal = find(&got, Kind::Target, "重大产业项目");
    assert_eq!(goal.deadline, Some(2022));
    assert!(
        got.iter()
            .all(|i| i.kind != Kind::Target || !i.title.contains("筛选周期"))
    );
    let quota = items("每年支持不少于20项关键核心技术攻关项目。", "2022-11-02");
    assert_eq!(find(&quota, Kind::Target, "攻关项目").deadline, None);
}

#[test]
fn a_rate_over_years_is_dated_by_the_last_of_them() {
    let got = items(
        "2023年上海共获批临床试验206件，较2021年的152件明显增加，两年间年均增长16.4%。",
        "2024-01-25",
    );
    let rate = got
        .iter()
        .find(|i| i.quantity.as_ref().is_some_and(|q| q.value == 16.4))
        .expect("the rate");
    assert_eq!(rate.date.year, 2023);
}

#[test]
fn a_cut_word_right_before_the_figure_links_it_to_its_subject() {
    let got = items(
        "到2025年，新增1类创新药和三类创新医疗器械获批上市30个以上。",
        "2024-03-22",
    );
    let goal = find(&got, Kind::Target, "获批上市");
    assert_eq!(goal.quantity.as_ref().map(|q| q.value), Some(30.0));
    assert_eq!(goal.deadline, Some(2025));
}

#[test]
fn goals_and_planned_counts_are_no_events() {
    // A clause after a semicolon shares the goal's deadline: no event.
    let got = items(
        "到2025年，某市基因治疗产业规模力争达到300亿元；推动15个以上产品进入临床试验，1—2个产品获批上市；",
        "2023-06-20",
    );
    assert!(got.iter().all(|i| i.kind != Kind::Event), "{got:?}");
    // What an event will hold, counted, is no event; an announced release is.
    let got = items("展会期间将举办超过80场同期论坛和活动。", "2024-06-19");
    assert!(got.iter().all(|i| i.kind != Kind::Event), "{got:?}");
    let got = items("本届产业周期间将发布某某产业地图。", "2024-06-19");
    assert!(got.iter().any(|i| i.kind == Kind::Event), "{got:?}");
}

#[test]
fn an_event_glued_to_page_chrome_is_no_item() {
    // Related-list lines and reaction widgets glued to text: the cleaner keeps the
    // line, the event rules must not take it.
    for text in [
        "相关阅读 • 2023某某产业博览会开幕 阅读剩余全文",
        "新闻表情排行 / • 2020某某产业博览会开幕 在数字化赋能生物医药研发的过程中",
    ] {
        let got = items(text, "2023-11-16");
        assert!(
            got.iter().all(|i| i.kind != Kind::Event),
            "{text}: {:#?}",
            got
        );
    }
    // The same event in a sentence of its own is one.
    let got = items("2023年11月16日，某某产业博览会在上海开幕。", "2023-11-16");
    assert!(got.iter().any(|i| i.kind == Kind::Event), "{got:#?}");
}
