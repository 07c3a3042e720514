//! Unit tests of the quantity rules.
//!
//! Compiled only in tests: the rule module declares this file under `#[cfg(test)]`.
use super::*;

fn one(s: &str) -> (f64, &'static str, Qualifier) {
    let q = find(s);
    assert_eq!(q.len(), 1, "{s}: {q:?}");
    (q[0].value, q[0].unit, q[0].qualifier)
}

#[test]
fn figures_with_units() {
    let cases: &[(&str, f64, &str, Qualifier)] = &[
        ("产值达到2,400亿元", 2.4e11, "元", Qualifier::Exact),
        ("规模达7617.14亿元", 7.61714e11, "元", Qualifier::Exact),
        ("可供产业用地1.2万亩", 12000.0, "亩", Qualifier::Exact),
        ("总规模近500万平方米", 5e6, "平方米", Qualifier::About),
        ("打造10家以上标杆性智能工厂", 10.0, "家", Qualifier::AtLeast),
        ("达到一千八百亿元", 1.8e11, "元", Qualifier::Exact),
        ("突破两千亿元", 2e11, "元", Qualifier::Over),
        ("产业规模超万亿元", 1e12, "元", Qualifier::Over),
        ("总面积42平方公里", 42.0, "平方公里", Qualifier::Exact),
        ("获批临床批件133件", 133.0, "件", Qualifier::Exact),
        ("约3.5亿美元", 3.5e8, "美元", Qualifier::About),
        ("逾200万人次", 2e6, "人次", Qualifier::Over),
        ("增长15.3%", 15.3, "%", Qualifier::Exact),
        ("形成100个典型应用场景", 100.0, "个", Qualifier::Exact),
        ("打造千亿级产业集群", 1e11, "元", Qualifier::Exact),
        ("共有二十余家企业", 20.0, "家", Qualifier::Over),
        ("研究型床位超过1800张", 1800.0, "张", Qualifier::Over),
    ];
    for (s, v, u, q) in cases {
        let (gv, gu, gq) = one(s);
        assert!((gv - v).abs() <= v * 1e-9, "{s}: {gv} != {v}");
        assert_eq!((gu, gq), (*u, *q), "{s}");
    }
}

#[test]
fn a_counted_class_of_size_is_a_count() {
    let got = find("打造1个千亿级生命健康产业集群");
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!((got[0].value, got[0].unit), (1.0, "个"));
}

#[test]
fn things_that_are_not_figures() {
    for s in [
        "四大优势将承托起",
        "“1+5+X”产业空间布局",
        "2022版产业地图",
        "2024年11月16日至18日",
        "一个共同的愿景",
        "三家医院",
        "“十四五”是关键时期",
        "5G和区块链",
        "第3个",
        "1类创新药",
        "数万件产品",
        "数百家企业",
        "2024张江生命科学国际创新峰会",
    ] {
        assert!(find(s).is_empty(), "{s}: {:?}", find(s));
    }
}

#[test]
fn gated_search_agrees_with_a_full_scan() {
    assert!(!GATE.is_open());
    let mut texts: Vec<String> = vec![
        "产值达到2,400亿元,规模达7617.14亿元;可供产业用地1.2万亩。总规模近500万平方米".into(),
        "打造10家以上标杆性智能工厂,一千八百亿元,突破两千亿元,超万亿元,42平方公里".into(),
        "约3.5亿美元、逾200万人次、增长15.3%、100个场景、千亿级产业集群、二十余家企业".into(),
        "四大优势,“1+5+X”,2022版,5G和区块链,第3个,1类创新药,三家医院,一个愿景".into(),
        "1,2,3个 4.5.6% 十 百 千 万 亿 元元 人 人民币 港元 欧元 公顷 吨 例 座 种 所".into(),
    ];
    for f in crate::corpus::load_seeds().documents {
        texts.push(f.simplified);
    }
    for t in &texts {
        assert_eq!(find(t), find_in(t, &[(0, t.len())]), "{t}");
    }
}

/// The scale words found near each 亿级 are those a scan of the whole text finds.
#[test]
fn scale_words_agree_with_a_full_scan() {
    const PIECES: &[&str] = &[
        "超", "近", "约", "万", "千", "百", "十", "一", "两", "九", "亿", "级", "亿级", "元", "a",
        "1", " ", "产业", "集群",
    ];
    let full = |s: &str| -> Vec<(usize, usize, u64, Qualifier)> {
        let mut out = Vec::new();
        for caps in SCALE.captures_iter(s) {
            let whole = caps.get(0).unwrap();
            let n = caps.name("n").map_or("", |m| m.as_str());
            let Some(value) = parse_chinese_number(n) else {
                continue;
            };
            let pre = caps.name("pre").map_or("", |m| m.as_str());
            out.push((
                whole.start(),
                whole.end(),
                value.to_bits(),
                qualifier(pre, "", ""),
            ));
        }
        out
    };
    for s in crate::testgen::texts(0x9E37_79B9_7F4A_7C15, PIECES, 15).take(20000) {
        let got: Vec<_> = find_scale_words(&s, &[])
            .into_iter()
            .map(|q| (q.start, q.end, q.value.to_bits(), q.qualifier))
            .collect();
        assert_eq!(got, full(&s), "{s}");
    }
}

#[test]
fn chinese_numerals() {
    for (s, v) in [
        ("一千八百", 1800.0),
        ("两千亿", 2e11),
        ("十四", 14.0),
        ("万亿", 1e12),
        ("千亿", 1e11),
        ("三万五千", 35000.0),
        ("一百零五", 105.0),
    ] {
        assert_eq!(parse_chinese_number(s), Some(v), "{s}");
    }
    assert_eq!(parse_chinese_number("abc"), None);
    assert_eq!(parse_chinese_number(""), None);
}

#[test]
fn offsets_are_chars() {
    let s = "生物医药制造业产值达到2,400亿元,规模超万亿元。";
    let q = find(s);
    assert_eq!(q.len(), 2);
    let chars: Vec<char> = s.chars().collect();
    let t: String = chars[q[0].start..q[0].end].iter().collect();
    assert_eq!(t, "2,400亿元");
    let t: String = chars[q[1].start..q[1].end].iter().collect();
    assert_eq!(t, "超万亿元");
}

#[test]
fn ranges_and_size_classes() {
    let q = find("培育3至5家龙头企业");
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!((q[0].value, q[0].value_max), (3.0, Some(5.0)));
    let q = find("建设1—2个公共服务平台");
    assert_eq!((q[0].value, q[0].value_max), (1.0, Some(2.0)));
    // 百亿元级 is a class of parks, not a figure: only the count is one.
    let q = find("形成6个百亿元级特色产业园区");
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!((q[0].value, q[0].unit), (6.0, "个"));
}
