//! Articles unlike the seeds — other outlets, encodings, formats and phrasings — read
//! end to end (bytes → documents → items). They check that the rules are general: none
//! of these texts is in the seed corpus.

use biotimeline::corpus;
use biotimeline::extract::{Item, Kind, Qualifier, Themes};
use biotimeline::model::Corpus;

fn load(files: &[(&str, Vec<u8>)]) -> Corpus {
    let dir = tempfile::tempdir().expect("tempdir");
    for (name, bytes) in files {
        std::fs::write(dir.path().join(name), bytes).expect("write");
    }
    let loaded = corpus::load_paths(&[dir.path().to_path_buf()], &|_, _| {});
    Corpus::build(loaded, Themes::builtin())
}

fn find<'a>(c: &'a Corpus, kind: Kind, needle: &str) -> &'a Item {
    let simp = |s: &str| biotimeline::script::to_simplified(s);
    c.items
        .iter()
        .find(|i| {
            i.kind == kind
                && [Some(&i.title), i.subject.as_ref(), i.policy_title.as_ref()]
                    .into_iter()
                    .flatten()
                    .any(|t| simp(t).contains(needle))
        })
        .unwrap_or_else(|| {
            let all: Vec<String> = c
                .items
                .iter()
                .map(|i| format!("{:?} {} {}", i.kind, i.date, i.title))
                .collect();
            panic!("no {kind:?} with {needle}: {all:#?}")
        })
}

const XINHUA: &str = "上海生物医药产业规模突破9000亿元
2024年01月25日 09:12  来源：新华网
新华社上海1月25日电（记者 王某）记者从上海市经济和信息化委员会获悉，2023年上海生物医药产业规模达到9337.26亿元，同比增长5.2%。其中，生物医药制造业产值1718亿元。
24日，上海市政府新闻办举行新闻发布会，发布《上海市加快推进生物医药产业高质量发展的若干措施（2024-2026年）》。
根据《若干措施》，到2026年，上海生物医药产业规模力争达到1.2万亿元，培育5家以上具有全球影响力的创新型企业。
市经济信息化委主任表示，上海将进一步加大对创新药械的支持力度。
责任编辑：张三
相关新闻
上海发布人工智能大模型产业计划 2024-01-20
某地举办马拉松比赛 2024-01-19
";

#[test]
fn a_gb18030_wire_story() {
    let (bytes, _, _) = encoding_rs::GB18030.encode(XINHUA);
    let c = load(&[("xinhua.txt", bytes.into_owned())]);
    assert!(c.errors.is_empty(), "{:?}", c.errors);
    let d = &c.documents[0];
    assert_eq!(d.encoding, "GB18030");
    assert_eq!(
        d.published.map(|p| p.to_string()).as_deref(),
        Some("2024-01-25")
    );
    assert!(
        d.source.as_deref().unwrap_or_default().contains("新华"),
        "{:?}",
        d.source
    );
    assert!(!d.text.contains("马拉松"), "related news left in the text");

    let m = find(&c, Kind::Metric, "产业规模");
    assert_eq!(m.date.to_string(), "2023");
    assert_eq!(m.quantity.as_ref().map(|q| q.value), Some(9.33726e11));
    let m = find(&c, Kind::Metric, "制造业产值");
    assert_eq!(m.date.to_string(), "2023");

    let p = find(&c, Kind::Policy, "若干措施");
    assert_eq!(p.date.to_string(), "2024-01-24");
    assert_eq!(p.period, Some([2024, 2026]));
    assert_eq!(
        c.items.iter().filter(|i| i.kind == Kind::Policy).count(),
        1,
        "the short name is not a second policy"
    );

    let t = find(&c, Kind::Target, "产业规模");
    assert_eq!(t.deadline, Some(2026));
    assert_eq!(t.quantity.as_ref().map(|q| q.value), Some(1.2e12));
    let t = find(&c, Kind::Target, "创新型企业");
    assert_eq!(
        t.quantity.as_ref().map(|q| q.qualifier),
        Some(Qualifier::AtLeast)
    );
    assert!(
        c.items
            .iter()
            .all(|i| !i.quote.contains("马拉松") && !i.quote.contains("大模型"))
    );
}

const HTML_BIG5: &str = "<html><head><title>滬生物醫藥產業周開幕 - 某某新聞網</title>
<meta name=\"pubdate\" content=\"2022-11-15T08:00:00+08:00\"></head>
<body><nav>首頁 | 財經 | 科技</nav><div class=\"article\"><h1>滬生物醫藥產業周開幕</h1>
<p>【某某新聞網訊】第二屆上海國際生物醫藥產業周14日在張江開幕，為期五天。</p>
<p>開幕式上，上海發布了《上海市促進細胞治療科技創新與產業發展行動方案（2022—2024年）》。</p>
<p>據介紹，到2025年，上海生物醫藥產業規模將超過一萬億元。</p></div>
<footer>版權所有 某某新聞網</footer><script>var x = '2099年1月1日開幕';</script></body></html>";

#[test]
fn a_big5_html_page() {
    let (bytes, _, _) = encoding_rs::BIG5.encode(HTML_BIG5);
    let c = load(&[("page.html", bytes.into_owned())]);
    assert!(c.errors.is_empty(), "{:?}", c.errors);
    let d = &c.documents[0];
    assert_eq!(d.encoding, "Big5");
    assert_eq!(
        d.published.map(|p| p.to_string()).as_deref(),
        Some("2022-11-15")
    );
    assert!(
        d.title.as_deref().unwrap_or_default().contains("產業周"),
        "{:?}",
        d.title
    );
    assert!(!d.text.contains("2099"), "script text leaked");
    let e = find(&c, Kind::Event, "产业周");
    assert_eq!(e.date.to_string(), "2022-11-14");
    assert!(
        e.title.contains("產業周"),
        "traditional stays traditional: {}",
        e.title
    );
    let p = find(&c, Kind::Policy, "细胞治疗");
    assert_eq!(p.period, Some([2022, 2024]));
    assert_eq!(p.date.to_string(), "2022-11-14");
    assert!(p.themes.contains(&"gene_cell".to_string()));
    let t = find(&c, Kind::Target, "产业规模");
    assert_eq!(
        (t.deadline, t.quantity.as_ref().map(|q| q.value)),
        (Some(2025), Some(1e12))
    );
}

#[test]
fn a_markdown_note_with_bom() {
    let md = "\u{feff}---\ntitle: 张江药谷新一批创新药获批上市\ndate: 2025-03-18\nauthor: 浦东时报\n---\n# 张江药谷新一批创新药获批上市\n\n**本报讯** 3月17日，国家药监局批准某某公司自主研发的1类创新药上市。截至2024年底，张江已累计获批上市1类创新药25个。\n\n未来三年，张江将新增创新药上市20个以上。\n";
    let c = load(&[("note.md", md.as_bytes().to_vec())]);
    let d = &c.documents[0];
    assert_eq!(d.source.as_deref(), Some("浦东时报"));
    assert_eq!(
        d.published.map(|p| p.to_string()).as_deref(),
        Some("2025-03-18")
    );
    let e = find(&c, Kind::Event, "批准");
    assert_eq!(e.date.to_string(), "2025-03-17");
    let m = c
        .items
        .iter()
        .find(|i| i.kind == Kind::Metric && i.quantity.as_ref().is_some_and(|q| q.value == 25.0))
        .expect("metric 25");
    assert_eq!(m.date.to_string(), "2024");
    let t = c
        .items
        .iter()
        .find(|i| i.kind == Kind::Target)
        .expect("target");
    assert_eq!(t.deadline, Some(2028));
}

const NOTICE: &str = "上海市人民政府办公厅关于印发《上海市促进某某生物技术产业发展行动方案（2025—2027年）》的通知
沪府办发〔2025〕18号
各区人民政府，市政府各委、办、局：
经市政府同意，现将《上海市促进某某生物技术产业发展行动方案（2025—2027年）》印发给你们，请认真按照执行。
上海市人民政府办公厅
2025年3月10日
一、总体要求
（二）发展目标
到2027年，在某某生物技术领域突破一批关键核心技术，产业规模达到1000亿元，培育10家以上具有国际竞争力的龙头企业，建设3个以上专业园区。
";

#[test]
fn a_policy_notice() {
    let c = load(&[("notice.txt", NOTICE.as_bytes().to_vec())]);
    let d = &c.documents[0];
    assert_eq!(
        d.published.map(|p| p.to_string()).as_deref(),
        Some("2025-03-10")
    );
    let policies: Vec<&Item> = c.items.iter().filter(|i| i.kind == Kind::Policy).collect();
    assert_eq!(policies.len(), 1, "{:#?}", c.items);
    assert_eq!(policies[0].period, Some([2025, 2027]));
    for (needle, value) in [("产业规模", 1e11), ("龙头企业", 10.0), ("专业园区", 3.0)] {
        let t = find(&c, Kind::Target, needle);
        assert_eq!(t.deadline, Some(2027), "{needle}");
        assert_eq!(
            t.quantity.as_ref().map(|q| q.value),
            Some(value),
            "{needle}"
        );
    }
    // The document number 〔2025〕18号 is not a date.
    assert!(c.items.iter().all(|i| i.date.year == 2025));
}

const SPEECH: &str = "来源：某某财经 2024-06-20
6月19日，某某生物医药创新论坛在上海召开。
市经济信息化委副主任介绍，2023年上海生物医药产业规模达到9337亿元，今年以来全市已发布3个专项行动方案。
他表示，下一步将每年定期举办此类论坛。
";

#[test]
fn facts_in_reported_speech_count_and_opinions_do_not() {
    let c = load(&[("speech.txt", SPEECH.as_bytes().to_vec())]);
    let m = find(&c, Kind::Metric, "产业规模");
    assert_eq!(m.date.to_string(), "2023");
    let e = find(&c, Kind::Event, "论坛");
    assert_eq!(e.date.to_string(), "2024-06-19");
    assert!(
        c.items.iter().all(|i| !i.quote.contains("定期举办")),
        "{:#?}",
        c.items
    );
}

const EVENING_PAPER: &str = "2025上海国际生物医药产业周开幕 三年行动计划同步发布
2025-11-13 07:05 来源：某某晚报
本报讯（记者 李某）昨天上午，2025上海国际生物医药产业周在张江科学会堂开幕。开幕式上，《上海市生物医药产业高质量发展三年行动计划》正式发布，提出到2027年，全市生物医药产业规模突破1.2万亿元。同时，首批10个生物医药产业创新中心授牌。
本届产业周为期五天，将举办40余场活动。
";

#[test]
fn an_evening_paper_report() {
    let c = load(&[("wanbao.txt", EVENING_PAPER.as_bytes().to_vec())]);
    let e = find(&c, Kind::Event, "产业周");
    assert_eq!(e.date.to_string(), "2025-11-12");
    let p = find(&c, Kind::Policy, "三年行动计划");
    assert_eq!(p.date.to_string(), "2025-11-12");
    let t = find(&c, Kind::Target, "产业规模");
    assert_eq!(
        (t.deadline, t.quantity.as_ref().map(|q| q.value)),
        (Some(2027), Some(1.2e12))
    );
    let e = find(&c, Kind::Event, "创新中心");
    assert_eq!(e.date.to_string(), "2025-11-12");
}

#[test]
fn an_article_on_another_topic_yields_nothing() {
    let text = "某地马拉松周末开跑\n2024-04-20 来源：某某体育\n4月19日，2024某地马拉松新闻发布会举行，比赛将于21日开跑，共有3万人报名。\n";
    let c = load(&[("sport.txt", text.as_bytes().to_vec())]);
    assert_eq!(c.documents.len(), 1);
    assert!(c.items.is_empty(), "{:#?}", c.items);
    assert!(
        c.documents[0]
            .warnings
            .iter()
            .any(|w| w.contains("off topic"))
    );
}

const PAPER: &str = "澎湃新闻记者 张某
2025-11-14 20:31 来源：澎湃新闻
11月14日，2025上海国际生物医药产业周在上海世博中心开幕，将持续至11月19日。
开幕式上，《上海市生物医药产业发展报告（2025）》正式发布。报告显示，2024年上海生物医药产业规模达9847亿元，同比增长3.5%。
会上还举行了生物医药重点项目集中签约仪式，共签约项目35个，总投资超过200亿元。
";

#[test]
fn an_online_paper_report() {
    let c = load(&[("thepaper.txt", PAPER.as_bytes().to_vec())]);
    let d = &c.documents[0];
    assert!(
        d.source.as_deref().unwrap_or_default().contains("澎湃"),
        "{:?}",
        d.source
    );
    let e = find(&c, Kind::Event, "产业周");
    assert_eq!(e.date.to_string(), "2025-11-14");
    let e = find(&c, Kind::Event, "发展报告");
    assert_eq!(e.date.to_string(), "2025-11-14");
    let m = find(&c, Kind::Metric, "产业规模");
    assert_eq!(
        (m.date.to_string(), m.quantity.as_ref().map(|q| q.value)),
        ("2024".into(), Some(9.847e11))
    );
    let m = find(&c, Kind::Metric, "总投资");
    assert_eq!(
        m.quantity.as_ref().map(|q| (q.value, q.qualifier)),
        Some((2e10, Qualifier::Over))
    );
    let e = find(&c, Kind::Event, "签约");
    assert_eq!(e.date.to_string(), "2025-11-14");
}

const PLAN: &str = "---
title: 某区生物医药产业发展三年行动方案
date: 2024-06-01
author: 某区科委
---
## 到2027年主要目标

- 生物医药产业规模突破1200亿元。
- 培育10家以上营收超10亿元的龙头企业。
- 新增创新药和创新医疗器械上市品种20个。

## 当前基础

- 2023年全区生物医药产业规模达到860亿元。
";

#[test]
fn a_plan_with_goals_under_a_heading() {
    let c = load(&[("plan.md", PLAN.as_bytes().to_vec())]);
    let t = find(&c, Kind::Target, "产业规模");
    assert_eq!(
        (t.deadline, t.quantity.as_ref().map(|q| q.value)),
        (Some(2027), Some(1.2e11))
    );
    let t = find(&c, Kind::Target, "龙头企业");
    assert_eq!(t.deadline, Some(2027));
    assert_eq!(t.quantity.as_ref().map(|q| q.value), Some(10.0));
    // 营收超10亿元的 only describes the firms.
    assert!(
        !c.items
            .iter()
            .any(|i| i.quantity.as_ref().is_some_and(|q| q.value == 1e9))
    );
    let m = find(&c, Kind::Metric, "产业规模");
    assert_eq!(
        (m.date.to_string(), m.quantity.as_ref().map(|q| q.value)),
        ("2023".into(), Some(8.6e10))
    );
}
