//! Unit tests of the cleaning rules.
//!
//! Compiled only in tests: clean.rs declares this module under `#[cfg(test)]`.

use super::*;

fn lines(s: &str) -> Vec<Line> {
    lines_of(s).0
}

fn texts(ls: &[Line]) -> Vec<&str> {
    ls.iter().map(|l| l.text.as_str()).collect()
}

/// The key built on the normalising pass is the key of the line it made: spaces
/// pending before a changed char, full-width letters, invisibles, traditional chars,
/// a char above the BMP, repaired pinyin.
#[test]
fn keys_built_while_normalising_are_the_lines_keys() {
    let body = "如有侵权记者\u{1680}）;2www.x.cn\n  國際 \u{3000}醫藥（ＡＩ）\u{200B}產業\r\n\
                    𠀀 發展，中國(guó)開幕\u{00A0}\u{00A0}。\n\u{FEFF}２０２５年";
    let (lines, _) = lines_of(body);
    assert_eq!(lines.len(), 4);
    for l in &lines {
        assert_eq!(l.key, matching_key(&l.text), "{:?}", l.text);
        assert_eq!(l.chars(), l.text.chars().count());
        let (_, _, han) = key_and_chars(&l.text);
        assert_eq!(l.han, han, "{:?}", l.text);
    }
}

#[test]
fn normalise_table() {
    let cases = [
        ("  a\t\tb  ", "a b"),
        ("\u{3000}\u{3000}第一段", "第一段"),
        ("ＡＢＣ１２３", "ABC123"),
        ("全角，标点：保留", "全角，标点：保留"),
        ("零\u{200B}宽", "零宽"),
        ("a\u{A0}\u{A0}b", "a b"),
    ];
    for (s, want) in cases {
        assert_eq!(normalise_line(s), want, "{s:?}");
    }
}

#[test]
fn matching_key_keeps_char_count() {
    for s in [
        "上海國際，產業（2023）：１０％！",
        "界面新聞 | 彭朋",
        "a\u{3000}b",
    ] {
        let k = matching_key(s);
        assert_eq!(k.chars().count(), s.chars().count(), "{s}");
    }
    assert_eq!(matching_key("產業（2023）：10％！"), "产业(2023):10%!");
}

#[test]
fn pinyin_table() {
    let cases = [
        ("中國(guó)醫(yī)藥", "中國醫藥", 2),
        ("中國（guó）醫藥", "中國醫藥", 1),
        ("界面新聞?dòng)浾? | 楊", "界面新聞?浾? | 楊", 1),
        ("國際藥學聯合會(FIP)主席", "國際藥學聯合會(FIP)主席", 0),
        ("創新中心(筹)揭牌", "創新中心(筹)揭牌", 0),
        ("行動方案(2023-2025年)", "行動方案(2023-2025年)", 0),
        ("倡議(簡稱“上海倡議”)", "倡議(簡稱“上海倡議”)", 0),
        ("愛德華·莫澤(Edvard Moser)", "愛德華·莫澤(Edvard Moser)", 0),
        ("跨界融合(IT+BT)", "跨界融合(IT+BT)", 0),
        ("我的(de)書", "我的書", 1),
        ("上(Shàng)海(hǎi)", "上海", 2),
        ("中國(guo2)", "中國", 1),
        ("上半年(H1)營收", "上半年(H1)營收", 0),
        ("附件(a)", "附件(a)", 0),
    ];
    for (s, want, n) in cases {
        assert_eq!(repair_pinyin(s), (want.to_string(), n), "{s}");
    }
}

#[test]
fn widget_table() {
    let yes = [
        "点击右上角微信好友",
        "朋友圈",
        "请使用浏览器分享功能进行分享",
        "您此时的心情",
        "新闻表情排行 /",
        "• 开心",
        "难过",
        "阅读剩余全文(",
        "加载更多",
        "一段很长的摘要文字在这里结束… 查看详情 >",
        "分享到:",
        "【字号 大 中 小】",
    ];
    let no = [
        "11月14日,第二届产业周开幕活动在上海张江科学会堂举行。",
        "朋友圈里的年轻人都在讨论创新药出海的话题,这是一个很长的句子。",
        "开心麻花",
        "上海发布三大行动方案",
    ];
    for s in yes {
        assert!(is_widget(&matching_key(s)), "{s}");
    }
    for s in no {
        assert!(!is_widget(&matching_key(s)), "{s}");
    }
}

#[test]
fn date_lines_table() {
    let cases = [
        ("2025-11-09 18:16:00", Some("2025-11-09")),
        ("2023年10月17日 星期二", Some("2023-10-17")),
        ("2023.10.17", Some("2023-10-17")),
        ("2023年10月17日,大会召开。", None),
        ("发布于2023-10-17", None),
    ];
    for (s, want) in cases {
        assert_eq!(
            header::date_only(&matching_key(s))
                .map(|d| d.to_string())
                .as_deref(),
            want,
            "{s}"
        );
    }
    let cases = [
        (
            "2025-11-09 18:16 东方网",
            Some(("2025-11-09", Some("东方网"))),
        ),
        (
            "2024-03-01 08:00 | 上观新闻",
            Some(("2024-03-01", Some("上观新闻"))),
        ),
        ("東方網 2025-11-09", Some(("2025-11-09", Some("東方網")))),
        ("2024-01-15 10:23:45", Some(("2024-01-15", None))),
        ("上海发布行动方案2023.10.20", None),
        ("2023年10月17日,上海举行大会。", None),
    ];
    for (s, want) in cases {
        let l = Line::new(s.to_string());
        let got = header::date_with_outlet(&l.key, &l.text).map(|(d, o)| (d.to_string(), o));
        let want = want.map(|(d, o)| (d.to_string(), o.map(str::to_string)));
        assert_eq!(got, want, "{s}");
    }
}

#[test]
fn button_rows_are_widgets() {
    for s in [
        "微信 微博 QQ空间",
        "赞 0 踩 0",
        "打印本页 | 关闭窗口",
        "【字体:大 中 小】",
        "原文链接:https://example.com/a",
        "新华社记者 张三 摄",
        "(李四 摄)",
        "欢迎关注微信公众号某某",
    ] {
        assert!(is_widget(&matching_key(s)), "{s}");
    }
    assert!(!is_widget(&matching_key("微信支付用户突破十亿")));
    assert!(!is_widget(&matching_key("老字号焕发新活力")));
    assert!(is_widget(&matching_key("字号：大 中 小")));
    assert!(!is_widget(&matching_key(
        "摄影展在上海开幕,展出作品200幅。"
    )));
}

#[test]
fn announced_and_numbered_lists_stay() {
    let article = "第一段,会议在上海举行,嘉宾们围绕产业发展进行了深入讨论。\n第二段,发布了多项重要成果,涵盖研发和制造等多个环节。";
    for list in [
        "主要任务包括:\n建设创新平台\n培育龙头企业\n优化产业空间",
        "一、建设创新平台\n二、培育龙头企业\n三、优化产业空间",
        "(1)建设创新平台\n(2)培育龙头企业\n(3)优化产业空间",
    ] {
        let (kept, d) = clean_body(lines(&format!("{article}\n{list}")));
        assert_eq!(d.tail_lines, 0, "{list}");
        assert_eq!(kept.len(), 2 + list.lines().count(), "{list}");
    }
}

#[test]
fn quoted_ellipses_are_not_teasers() {
    let article = "第一段,会议在上海举行,嘉宾们围绕产业发展进行了深入讨论。\n第二段,发布了多项重要成果,涵盖研发和制造等多个环节。";
    let tail = "他说:“我们还要继续努力……”\n“从实验室到病床,路还很长……”";
    let (kept, d) = clean_body(lines(&format!("{article}\n{tail}")));
    assert_eq!(d.tail_lines, 0);
    assert_eq!(kept.len(), 4);
    assert!(is_teaser(&Line::new(
        "某某峰会:Magic8... 某某评论 2025年11月8日,某公司CEO受邀出席...".into()
    )));
    assert!(!is_teaser(&Line::new("路还很长……".into())));
}

#[test]
fn signature_blocks_stay() {
    let article = "第一段,会议在上海举行,嘉宾们围绕产业发展进行了深入讨论。\n第二段,发布了多项重要成果,涵盖研发和制造等多个环节。";
    for sig in [
        "上海市经济和信息化委员会\n上海市发展和改革委员会\n上海市科学技术委员会\n2023年10月17日",
        "上海市经济和信息化委员会\n上海市发展和改革委员会\n上海市卫生健康委员会",
    ] {
        let (kept, d) = clean_body(lines(&format!("{article}\n{sig}")));
        assert_eq!(d.tail_lines, 0, "{sig}");
        assert_eq!(kept.len(), 2 + sig.lines().count(), "{sig}");
    }
}

#[test]
fn dated_agenda_inside_an_article_stays() {
    let text = "大会日程如下,各场活动在张江科学会堂举行,欢迎报名参加。\n2023-10-16\n开幕式和主论坛。\n2023-10-17\n三场平行分论坛。\n2023-10-18\n闭幕式与成果发布。\n此外,主办方还将发布年度报告,介绍产业发展的最新情况,并邀请企业代表分享经验。本届大会为期三天,预计吸引上千名嘉宾参会。";
    let (kept, d) = clean_body(lines(text));
    assert_eq!(d.tail_lines, 0, "{:?}", d.tail_from);
    assert_eq!(kept.len(), 8);
}

#[test]
fn body_source_lines_and_disclaimers() {
    let article = "第一段,会议在上海举行,嘉宾们围绕产业发展进行了深入讨论。\n第二段,发布了多项重要成果,涵盖研发和制造等多个环节。";
    let (kept, d) = clean_body(lines(&format!(
        "{article}\n来源:上海发布\n声明:本文转载自某某,版权归原作者所有,如有侵权请联系删除。\n其他推荐文章一篇。"
    )));
    assert_eq!(texts(&kept), article.lines().collect::<Vec<_>>());
    assert_eq!(d.source.as_deref(), Some("上海发布"));
    assert_eq!(d.tail_lines, 2);
    let (kept, d) = clean_body(lines(&format!(
        "{article}\n上一篇:某某新闻\n下一篇:另一条新闻"
    )));
    assert_eq!(kept.len(), 2);
    assert_eq!(d.tail_lines, 2);
    // A statement reported in the article is not a disclaimer.
    let (kept, d) = clean_body(lines(&format!(
        "{article}\n声明表示,双方将在生物医药领域深化合作,共同推进项目落地。"
    )));
    assert_eq!(kept.len(), 3);
    assert_eq!(d.tail_lines, 0);
    let (kept, d) = clean_body(lines(&format!(
        "{article}\n1楼 网友甲:支持!\n2楼 网友乙:加油"
    )));
    assert_eq!(kept.len(), 2);
    assert_eq!(d.tail_lines, 2);
    // A caption credit is not the article's source.
    let (kept, d) = clean_body(lines(&format!("{article}\n图片来源:视觉中国")));
    assert_eq!(kept.len(), 2);
    assert_eq!(d.source, None);
    // A notice's signature date stays.
    let (kept, _) = clean_body(lines(&format!(
        "{article}\n上海市人民政府办公厅\n2023年7月10日"
    )));
    assert_eq!(kept.len(), 4);
}

#[test]
fn header_skips_furniture_above_a_known_title() {
    let ls = lines(
        "无障碍 长者模式\n打造全球生物医药创新高地\n上海发布三大行动方案\n发布时间:2023-07-10 来源:市政府办公厅\n各区人民政府:现将方案印发给你们,请认真执行。",
    );
    let h = read_header(&ls, Some("上海发布三大行动方案"));
    assert_eq!(h.body_start, 4);
    assert_eq!(h.source.as_deref(), Some("市政府办公厅"));
    let ls = lines(
        "首页 | 新闻 | 财经 | 科技\n上海:产业规模突破9000亿元\n2024-01-15 10:23:45 来源:新华网\n新华社上海1月15日电(记者 张三)记者15日获悉,规模达到9337亿元。",
    );
    let h = read_header(&ls, None);
    assert_eq!(h.title.as_deref(), Some("上海:产业规模突破9000亿元"));
    assert_eq!(h.source.as_deref(), Some("新华网"));
    assert_eq!(h.body_start, 3);
    let ls = lines(
        "某某标题在这里写着\n原创 张三 某某公众号 2023-10-17 10:00 发表于上海\n正文第一段写了一些内容,很长很长的句子。",
    );
    let h = read_header(&ls, None);
    assert_eq!(
        h.published.map(|d| d.to_string()).as_deref(),
        Some("2023-10-17")
    );
    assert_eq!(h.body_start, 2);
}

#[test]
fn breadcrumb_table() {
    let yes = [
        "首页> 地方频道> 地方频道-上海> 要闻 > 正文",
        "当前位置:首页 > 新闻中心",
        "新闻 > 财经 > 上海",
        "首页 | 新闻 | 财经 | 科技",
        "无障碍 | 长者模式 | 登录",
        "首页 新闻 政务 服务 互动",
    ];
    let no = [
        "A>B的情况下,研发投入大幅增加。",
        "上海发布三大行动方案",
        "收入同比增长>20%",
        "2023 上海 国际 生物医药产业周",
    ];
    for s in yes {
        assert!(is_breadcrumb(&matching_key(s)), "{s}");
    }
    for s in no {
        assert!(!is_breadcrumb(&matching_key(s)), "{s}");
    }
}

#[test]
fn related_heading_table() {
    let cases = [
        ("相关阅读", Some("相关阅读")),
        ("相关内容", Some("相关内容")),
        ("【相关新闻】", Some("相关新闻")),
        ("更多資訊", Some("更多资讯")),
        ("熱門資訊", Some("热门资讯")),
        ("推荐阅读:", Some("推荐阅读")),
        ("猜你喜欢 >>", Some("猜你喜欢")),
        ("相关阅读材料显示,上海生物医药产业规模持续扩大。", None),
        ("热门资讯类应用用户数增长", None),
        ("相关内容如下:", None),
        ("相关新闻推荐", Some("相关新闻")),
        ("更多资讯 >>", Some("更多资讯")),
    ];
    for (s, want) in cases {
        assert_eq!(related_heading(&matching_key(s)), want, "{s}");
    }
}

#[test]
fn editor_line_table() {
    let yes = [
        "[ 责编:邱晓琴 ]",
        "(责任编辑:张三)",
        "责任编辑：李四",
        "编辑:王五",
        "【責任編輯：趙六】",
        "【纠错】 【责任编辑：李四】",
    ];
    let no = ["编辑部主任张三表示,今年将加大投入。", "界面新闻编辑 | 彭朋"];
    for s in yes {
        assert!(is_editor_line(&matching_key(s)), "{s}");
    }
    for s in no {
        assert!(!is_editor_line(&matching_key(s)), "{s}");
    }
}

#[test]
fn noise_table() {
    for s in ["0", "-", "• ", "1/5", "……", "  0  "] {
        assert!(is_noise_line(&matching_key(s)), "{s}");
    }
    for s in ["2025年", "AI", "甲"] {
        assert!(!is_noise_line(&matching_key(s)), "{s}");
    }
}

#[test]
fn header_consumes_metadata_keeps_first_paragraph() {
    let ls = lines(
        "点击右上角微信好友\n朋友圈\n正在阅读:某某产业周启幕\n首页> 频道> 正文\n某某产业周启幕\n来源:某某日报客户端2022-11-16 16:07\n  11月14日,第二届产业周开幕活动举行。\n第二段。",
    );
    let h = read_header(&ls, None);
    assert_eq!(h.title.as_deref(), Some("某某产业周启幕"));
    assert_eq!(h.source.as_deref(), Some("某某日报客户端"));
    assert_eq!(
        h.published.map(|d| d.to_string()).as_deref(),
        Some("2022-11-16")
    );
    assert_eq!(ls[h.body_start].text, "11月14日,第二届产业周开幕活动举行。");

    let ls = lines(
        "一个标题 上海聚力构建产业新生态\n创始人 某某某\n2025-11-09 18:16:00\n0\n\n某某网记者张三11月9日报道:大会于8日在上海举办。",
    );
    let h = read_header(&ls, None);
    assert_eq!(h.title.as_deref(), Some("一个标题 上海聚力构建产业新生态"));
    assert_eq!(
        h.published.map(|d| d.to_string()).as_deref(),
        Some("2025-11-09")
    );
    assert!(ls[h.body_start].text.starts_with("某某网记者张三"));

    let ls =
        lines("某某新聞記者 | 張三\n某某新聞編輯 | 李四\n2024年11月16日至18日,大會在上海舉行。");
    let h = read_header(&ls, None);
    assert_eq!(h.title, None);
    assert_eq!(h.byline_source.as_deref(), Some("某某新聞"));
    assert_eq!(h.body_start, 2);

    // A known title: a different headline-like first line is article text.
    let ls = lines("前沿和原始创新贯穿始终\n正文第一段。");
    let h = read_header(&ls, Some("打造世界级产业集群"));
    assert_eq!(h.body_start, 0);
}

#[test]
fn a_long_menu_above_the_headline_is_furniture() {
    let menu = ["首页", "新闻", "财经", "科技", "体育", "娱乐"]
        .repeat(8)
        .join("\n");
    let ls = lines(&format!(
        "{menu}\n上海生物医药产业规模再创新高\n2024-03-01\n正文第一段,规模达到9800亿元,同比增长。"
    ));
    let h = read_header(&ls, None);
    assert_eq!(h.title.as_deref(), Some("上海生物医药产业规模再创新高"));
    assert_eq!(h.body_start, 50);
}

#[test]
fn header_without_paragraph_keeps_short_lines() {
    let ls = lines("甲\n乙\n丙");
    let h = read_header(&ls, None);
    assert_eq!(h.body_start, 0);
}

#[test]
fn body_tail_table() {
    let article = "第一段,会议在上海举行,嘉宾们围绕产业发展进行了深入讨论。\n第二段,发布了多项重要成果,涵盖研发和制造等多个环节。";
    let cases = [
        ("相关阅读\n其他新闻一\n其他新闻二", "相关阅读", 3),
        (
            "[ 责编:某某 ]\n阅读剩余全文(\n推荐阅读\n某条新闻。\n2025-10-16 09:50",
            "[ 责编:某某 ]",
            4,
        ),
        (
            "更多資訊\n-\n聚焦數字經濟2023.10.20\n某條新聞… 查看詳情 >",
            "更多資訊",
            2,
        ),
        (
            "新闻一的摘要。\n2025-10-16 09:50\n新闻二的摘要。\n2025-10-16 10:06",
            "新闻一的摘要。",
            4,
        ),
        (
            "荣耀某峰会:Magic8... 某评论 2025年11月8日,某某...\n某条新闻... 某网记者...",
            "荣耀某峰会:Magic8... 某评论 2025年11月8日,某某...",
            2,
        ),
        ("视频一\n视频二\n视频三", "视频一", 3),
    ];
    for (tail, from, n) in cases {
        let (kept, d) = clean_body(lines(&format!("{article}\n{tail}")));
        assert_eq!(texts(&kept), article.lines().collect::<Vec<_>>(), "{tail}");
        assert_eq!(d.tail_from.as_deref(), Some(from), "{tail}");
        assert_eq!(d.tail_lines, n, "{tail}");
    }
    // An article without a tail keeps every line, even a short closing one.
    let (kept, d) = clean_body(lines(&format!("{article}\n特此通知")));
    assert_eq!(kept.len(), 3);
    assert_eq!(d.tail_lines, 0);
}
