//! Ingestion end to end: the seed corpus against the gold annotation, every encoding
//! and format through `load_paths`, and the bad inputs that must never panic.

mod common;

use biotimeline::corpus::{Document, Loaded, PublishedFrom, Script, load_paths, load_seeds};
use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// Like the scorer: lower case, no white space, no punctuation.
fn norm(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

fn doc<'a>(l: &'a Loaded, prefix: &str) -> &'a Document {
    l.documents
        .iter()
        .find(|d| d.id.starts_with(prefix))
        .unwrap_or_else(|| panic!("no document {prefix}"))
}

fn simplified(s: &str) -> String {
    biotimeline::script::to_simplified(s)
}

#[test]
fn seeds_metadata_matches_gold() {
    let l = load_seeds();
    assert!(l.errors.is_empty(), "{:?}", l.errors);
    assert_eq!(l.documents.len(), 5);
    let gold = common::gold_documents();
    assert_eq!(gold.len(), 5);
    for g in &gold {
        let id = &g.id;
        let d = doc(&l, id);
        let p = d.published.map(|p| p.to_string()).unwrap_or_default();
        assert!(
            p.starts_with(&g.published) && p.len() >= g.published.len(),
            "{id}: published {p}"
        );
        if let Some(t) = &g.title_contains {
            let got = d.title.as_deref().unwrap_or("");
            assert!(
                norm(&simplified(got)).contains(&norm(t)),
                "{id}: title {got}"
            );
        }
        let got = d.source.as_deref().unwrap_or("");
        assert!(
            norm(&simplified(got)).contains(&norm(&g.source_contains)),
            "{id}: source {got}"
        );
    }
    let from: Vec<PublishedFrom> = l.documents.iter().map(|d| d.published_from).collect();
    assert_eq!(
        from,
        [
            PublishedFrom::Header,
            PublishedFrom::Header,
            PublishedFrom::Text,
            PublishedFrom::FrontMatter,
            PublishedFrom::Header
        ]
    );
    let scripts: Vec<Script> = l.documents.iter().map(|d| d.script).collect();
    assert_eq!(
        scripts,
        [
            Script::Hans,
            Script::Hans,
            Script::Hant,
            Script::Hans,
            Script::Hant
        ]
    );
}

#[test]
fn seeds_keep_the_article_and_lose_the_junk() {
    let l = load_seeds();
    let negatives = common::gold_negatives();
    assert!(!negatives.is_empty());
    for (id, negs) in &negatives {
        let d = doc(&l, id);
        for neg in negs {
            assert!(
                !norm(&d.simplified).contains(&norm(neg)),
                "{id}: boilerplate '{neg}' kept"
            );
        }
    }
    let matches = common::gold_matches();
    assert!(!matches.is_empty());
    for (id, matches) in &matches {
        let d = doc(&l, id);
        for m in matches {
            assert!(
                norm(&d.simplified).contains(&norm(m)),
                "{id}: article text '{m}' lost"
            );
        }
    }
    for d in &l.documents {
        assert_eq!(
            d.text.chars().count(),
            d.simplified.chars().count(),
            "{}",
            d.id
        );
        assert_eq!(d.chars(), d.text.chars().count());
        assert!(
            !d.text.contains('\r') && !d.text.contains("\n\n"),
            "{}",
            d.id
        );
        assert!(
            d.text.lines().all(|l| l == l.trim() && !l.is_empty()),
            "{}",
            d.id
        );
        assert!(
            !d.text.contains('\u{3000}') && !d.text.contains("  "),
            "{}",
            d.id
        );
        // Header metadata is consumed, not kept as article text.
        let first = d.text.lines().next().unwrap_or("");
        assert!(first.chars().count() > 30, "{}: first line '{first}'", d.id);
        for junk in ["来源:", "來源:", "责编", "正在阅读", "首页>", "朋友圈"] {
            assert!(!d.text.contains(junk), "{}: '{junk}' kept", d.id);
        }
        // Pinyin annotations are gone.
        assert!(
            !d.text.contains("(guó)") && !d.text.contains("dòng)"),
            "{}",
            d.id
        );
    }
    // The first paragraph (byline and dateline included) stays.
    assert!(doc(&l, "000").text.starts_with("东方网记者"));
    assert!(doc(&l, "001").text.starts_with("11月14日,第二届"));
    assert!(doc(&l, "002").text.starts_with("2024年11月16日至18日"));
    assert!(doc(&l, "004").text.starts_with("10月16日,2023上海國際"));
    // Real parentheses survive the pinyin repair.
    assert!(doc(&l, "001").text.contains("(FIP)"));
    assert!(doc(&l, "004").text.contains("(2023-2025年)"));
    assert!(doc(&l, "003").text.contains("（筹）"));
    let w = &doc(&l, "002").warnings;
    assert!(
        w.iter()
            .any(|w| w.starts_with("repaired ") && w.ends_with("pinyin annotations")),
        "{w:?}"
    );
    let w = &doc(&l, "000").warnings;
    assert!(
        w.iter()
            .any(|w| w.contains("boilerplate lines (from '相关内容')")),
        "{w:?}"
    );
}

#[test]
fn simplified_maps_punctuation_one_for_one() {
    let l = load_seeds();
    let d = doc(&l, "003");
    assert!(d.text.contains('，') && !d.simplified.contains('，'));
    assert!(d.simplified.contains("10月11日,首届"));
    let d = doc(&l, "004");
    assert!(d.text.contains("上海國際") && d.simplified.contains("上海国际"));
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    if let Some(parent) = p.parent() {
        fs::create_dir_all(parent).unwrap();
    }
    fs::write(&p, bytes).unwrap();
    p
}

fn load(dir: &Path) -> Loaded {
    load_paths(&[dir.to_path_buf()], &|_, _| {})
}

const ARTICLE: &str = "上海国际生物医药产业周开幕\n来源:某某日报2023-10-17 10:00\n10月16日,2023上海国际生物医药产业周开幕活动在张江科学会堂举行,发布了三大行动方案。\n活动为期五天,由近40场同期活动组成。\n相关阅读\n某地举办马拉松比赛\n";

#[test]
fn encodings_and_formats_through_load_paths() {
    let t = tempfile::TempDir::new().unwrap();
    let d = t.path();
    let (gb, _, _) = encoding_rs::GB18030.encode(ARTICLE);
    let trad = simplified_to_trad_sample();
    let (big5, _, _) = encoding_rs::BIG5.encode(&trad);
    let mut u16le = vec![0xFF, 0xFE];
    for u in ARTICLE.encode_utf16() {
        u16le.extend_from_slice(&u.to_le_bytes());
    }
    let mut u16be = Vec::new();
    for u in ARTICLE.encode_utf16() {
        u16be.extend_from_slice(&u.to_be_bytes());
    }
    write(d, "a_utf8.txt", ARTICLE.as_bytes());
    write(d, "b_gb.txt", &gb);
    write(d, "c_big5.txt", &big5);
    write(d, "d_u16le.txt", &u16le);
    write(d, "e_u16be.dat", &u16be);
    let l = load(d);
    assert!(l.errors.is_empty(), "{:?}", l.errors);
    let encs: Vec<(&str, &str)> = l
        .documents
        .iter()
        .map(|x| (x.id.as_str(), x.encoding.as_str()))
        .collect();
    assert_eq!(
        encs,
        [
            ("a_utf8", "UTF-8"),
            ("b_gb", "GB18030"),
            ("c_big5", "Big5"),
            ("d_u16le", "UTF-16LE"),
            ("e_u16be", "UTF-16BE")
        ]
    );
    for x in &l.documents {
        let src = simplified(x.source.as_deref().unwrap_or(""));
        assert_eq!(src, "某某日报", "{}", x.id);
        assert_eq!(
            x.published.map(|p| p.to_string()).as_deref(),
            Some("2023-10-17"),
            "{}",
            x.id
        );
        assert_eq!(x.published_from, PublishedFrom::Header);
        assert!(
            simplified(x.title.as_deref().unwrap_or("")).contains("上海国际生物医药产业周开幕")
        );
        assert!(!x.text.contains("马拉松"), "{}: {}", x.id, x.text);
        assert_eq!(x.text.lines().count(), 2, "{}: {}", x.id, x.text);
    }
    assert_eq!(l.documents[2].script, Script::Hant);
}

fn simplified_to_trad_sample() -> String {
    "上海國際生物醫藥產業周開幕\n來源:某某日報2023-10-17 10:00\n10月16日,2023上海國際生物醫藥產業周開幕活動在張江科學會堂舉行,發布了三大行動方案。\n活動為期五天,由近40場同期活動組成。\n相關閱讀\n某地舉辦馬拉松比賽\n".to_string()
}

#[test]
fn html_and_markdown_files() {
    let t = tempfile::TempDir::new().unwrap();
    let d = t.path();
    let html = r#"<!DOCTYPE html><html><head><meta charset="utf-8">
<title>上海发布生物医药新政策_新闻中心_某某网</title>
<meta name="publishdate" content="2024-03-05 09:30">
<meta name="source" content="某某网">
<script>document.write("<p>脚本里的字</p>")</script><style>.a{}</style></head>
<body><div class="nav">首页 | 新闻 | 财经</div><nav>导航</nav>
<div class="article"><h1>上海发布生物医药新政策</h1>
<p>3月5日,上海市发布《关于促进生物医药产业高质量发展的若干措施》,提出<strong>到2025年</strong>产业规模突破<span>1万亿元</span>。</p>
<p>措施共有20条,涵盖研发、<a href="/x">临床</a>、制造等环节。</p></div>
<div class="related-news"><h3>相关新闻</h3><ul><li>某明星演唱会门票售罄</li></ul></div>
<footer>版权所有 某某网</footer></body></html>"#;
    write(d, "page.html", html.as_bytes());
    let md = "---\ntitle: 生物医药产业地图发布\ndate: 2022-06-01\nauthor: 某某观察\ncategories: [产业, 上海]\n---\n\n# 生物医药产业地图发布\n\n**6月1日**,上海发布了[产业地图](http://example.com/map),明确了7个特色园区。\n\n![配图](img.png)\n\n- 总面积42平方公里\n";
    write(d, "post.md", md.as_bytes());
    let l = load(d);
    assert!(l.errors.is_empty(), "{:?}", l.errors);
    let h = &l.documents[0];
    assert_eq!(h.id, "page");
    assert_eq!(h.title.as_deref(), Some("上海发布生物医药新政策"));
    assert_eq!(h.source.as_deref(), Some("某某网"));
    assert_eq!(
        h.published.map(|p| p.to_string()).as_deref(),
        Some("2024-03-05")
    );
    assert_eq!(h.published_from, PublishedFrom::Meta);
    let lines: Vec<&str> = h.text.lines().collect();
    assert_eq!(
        lines,
        [
            "3月5日,上海市发布《关于促进生物医药产业高质量发展的若干措施》,提出到2025年产业规模突破1万亿元。",
            "措施共有20条,涵盖研发、临床、制造等环节。"
        ]
    );
    let m = &l.documents[1];
    assert_eq!(m.id, "post");
    assert_eq!(m.title.as_deref(), Some("生物医药产业地图发布"));
    assert_eq!(m.source.as_deref(), Some("某某观察"));
    assert_eq!(m.categories, ["产业", "上海"]);
    assert_eq!(m.published_from, PublishedFrom::FrontMatter);
    assert_eq!(
        m.text.lines().collect::<Vec<_>>(),
        [
            "6月1日,上海发布了产业地图,明确了7个特色园区。",
            "总面积42平方公里"
        ]
    );
}

#[test]
fn find_order_hidden_dedupe_and_progress() {
    let t = tempfile::TempDir::new().unwrap();
    let d = t.path();
    write(d, "b/same.txt", "第二个文件的正文内容。".as_bytes());
    write(d, "a/same.txt", "第一个文件的正文内容。".as_bytes());
    write(d, "z.txt", "根目录文件的正文内容。".as_bytes());
    write(d, ".hidden/x.txt", "隐藏目录。".as_bytes());
    write(d, ".h.txt", "隐藏文件。".as_bytes());
    let calls = std::sync::Mutex::new(Vec::new());
    let l = load_paths(&[d.to_path_buf(), d.join("z.txt")], &|n, total| {
        calls.lock().unwrap().push((n, total));
    });
    let ids: Vec<&str> = l.documents.iter().map(|x| x.id.as_str()).collect();
    assert_eq!(ids, ["z", "same", "same-2"]);
    assert!(l.documents[1].path.ends_with("a/same.txt"));
    let mut calls = calls.into_inner().unwrap();
    calls.sort();
    assert_eq!(calls, [(1, 3), (2, 3), (3, 3)]);
    let again = load_paths(&[d.to_path_buf()], &|_, _| {});
    let ids2: Vec<&str> = again.documents.iter().map(|x| x.id.as_str()).collect();
    assert_eq!(ids, ids2);
}

/// Runs `f` and fails when it takes longer than `secs` (debug build).
fn timed<T>(secs: u64, what: &str, f: impl FnOnce() -> T) -> T {
    let start = Instant::now();
    let out = f();
    let took = start.elapsed();
    assert!(took < Duration::from_secs(secs), "{what} took {took:?}");
    out
}

#[test]
fn bad_inputs_are_errors_not_panics() {
    let t = tempfile::TempDir::new().unwrap();
    let d = t.path();
    write(d, "empty.txt", b"");
    write(d, "blank.txt", b" \r\n\t\n");
    let mut png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR".to_vec();
    png.extend(std::iter::repeat_n(7u8, 100));
    write(d, "image.txt", &png);
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    let noise: Vec<u8> = (0..100_000)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x >> 24) as u8
        })
        .collect();
    write(d, "random.bin", &noise);
    write(
        d,
        "ok.txt",
        "正常的文章正文,用于确认其他文件照常读取。".as_bytes(),
    );
    let l = load(d);
    assert_eq!(l.documents.len(), 1, "{:?}", l.errors);
    let errs: Vec<(&str, &str)> = l
        .errors
        .iter()
        .map(|e| {
            (
                Path::new(&e.path).file_name().unwrap().to_str().unwrap(),
                e.error.as_str(),
            )
        })
        .collect();
    assert_eq!(errs.len(), 4, "{errs:?}");
    assert!(errs.contains(&("empty.txt", "empty file")), "{errs:?}");
    assert!(
        errs.iter()
            .any(|(f, e)| *f == "blank.txt" && e.starts_with("empty file"))
    );
    assert!(
        errs.iter()
            .any(|(f, e)| *f == "image.txt" && e.starts_with("not text: PNG"))
    );
    assert!(
        errs.iter()
            .any(|(f, e)| *f == "random.bin" && e.starts_with("not text"))
    );
    let missing = load_paths(&[d.join("nope")], &|_, _| {});
    assert_eq!(missing.errors.len(), 1);
    assert!(missing.documents.is_empty());
}

#[test]
fn invalid_utf8_and_broken_front_matter() {
    let t = tempfile::TempDir::new().unwrap();
    let d = t.path();
    let mut bad = "上海生物医药产业周开幕活动在张江举行,发布了多项成果。"
        .as_bytes()
        .to_vec();
    bad.insert(7, 0xC0);
    bad.push(0xFF);
    write(d, "a_bad_utf8.txt", &bad);
    write(
        d,
        "b_broken_fm.md",
        "---\ntitle: [不闭合\ndate: : :\n---\n2023年5月6日,某园区正式开园。\n".as_bytes(),
    );
    let l = load(d);
    assert!(l.errors.is_empty(), "{:?}", l.errors);
    let a = &l.documents[0];
    assert_eq!(a.encoding, "UTF-8");
    assert!(a.text.contains("张江举行"));
    assert!(!a.warnings.is_empty());
    let b = &l.documents[1];
    assert!(
        b.warnings
            .iter()
            .any(|w| w.starts_with("broken front matter")),
        "{:?}",
        b.warnings
    );
    assert_eq!(&*b.text, "2023年5月6日,某园区正式开园。");
    assert_eq!(
        b.published.map(|p| p.to_string()).as_deref(),
        Some("2023-05-06")
    );
    assert_eq!(b.published_from, PublishedFrom::Text);
}

#[test]
fn deep_html_is_fast_and_keeps_text() {
    let t = tempfile::TempDir::new().unwrap();
    let n = 200_000;
    let text = "<p>深处的段落:园区于3月1日开园。</p>";
    let cases = [
        (
            "div",
            format!("{}{text}{}", "<div>".repeat(n), "</div>".repeat(n)),
        ),
        ("unclosed-div", format!("{}{text}", "<div>".repeat(n))),
        (
            "b",
            format!("{}{text}{}", "<b>".repeat(n), "</b>".repeat(n)),
        ),
        ("p", format!("{}{text}", "<p>".repeat(n))),
        ("li", format!("<ul>{}{text}</ul>", "<li>".repeat(n))),
        (
            "table",
            format!("{}{text}", "<table><tr><td>".repeat(n / 3)),
        ),
    ];
    for (name, body) in &cases {
        let html = format!("<html><head><title>深层页面</title></head><body>{body}</body></html>");
        write(t.path(), &format!("{name}.html"), html.as_bytes());
    }
    let l = timed(60, "200,000-deep HTML files", || load(t.path()));
    assert_eq!(l.documents.len(), cases.len(), "{:?}", l.errors);
    for d in &l.documents {
        assert!(
            d.text.contains("深处的段落:园区于3月1日开园。"),
            "{}: {:?}",
            d.id,
            d.text
        );
        assert_eq!(d.title.as_deref(), Some("深层页面"), "{}", d.id);
    }
}

#[test]
fn twenty_mb_single_line_is_linear() {
    let t = tempfile::TempDir::new().unwrap();
    let unit = "上海生物医药产业规模持续扩大,企业数量不断增加,";
    let reps = 20 * 1024 * 1024 / unit.len() + 1;
    let line = unit.repeat(reps);
    write(t.path(), "big.txt", line.as_bytes());
    let l = timed(60, "20 MB single line", || load(t.path()));
    assert_eq!(l.documents.len(), 1, "{:?}", l.errors);
    let d = &l.documents[0];
    assert_eq!(d.text.chars().count(), line.chars().count());
    assert_eq!(d.simplified.chars().count(), d.text.chars().count());
}

#[cfg(unix)]
#[test]
fn symlink_loop_ends() {
    let t = tempfile::TempDir::new().unwrap();
    let d = t.path();
    write(d, "sub/a.txt", "园区正式开园,首批企业入驻。".as_bytes());
    std::os::unix::fs::symlink(d, d.join("sub/loop")).unwrap();
    std::os::unix::fs::symlink(d.join("sub"), d.join("sub/self")).unwrap();
    std::os::unix::fs::symlink(d.join("nowhere"), d.join("dangling")).unwrap();
    let l = timed(10, "symlink loop", || load(d));
    assert_eq!(l.documents.len(), 1);
    assert_eq!(l.errors.len(), 1, "{:?}", l.errors); // the dangling link
}

/// (file, title, source, published, published_from)
type HeaderCase<'a> = (
    String,
    Option<&'a str>,
    Option<&'a str>,
    Option<&'a str>,
    PublishedFrom,
);

/// Header and footer forms of other outlets, end to end.
#[test]
fn header_forms_table() {
    use biotimeline::corpus::document_from_bytes;
    const P: &str =
        "上海市生物医药产业规模在2024年达到9800亿元,比上年增长6.2%。会议期间发布了多项重要成果。";
    let t = "上海生物医药产业规模再创新高";
    let cases: Vec<HeaderCase> = vec![
        (
            format!("标题：{t}\n作者：张三 | 来源：解放日报 | 时间：2024-03-01 08:00\n{P}"),
            Some(t),
            Some("解放日报"),
            Some("2024-03-01"),
            PublishedFrom::Header,
        ),
        (
            format!("{t}\n解放日报 2024-03-01\n{P}"),
            Some(t),
            Some("解放日报"),
            Some("2024-03-01"),
            PublishedFrom::Header,
        ),
        (
            format!("{t}\n2024年03月01日 08:00 新民晚报\n{P}"),
            Some(t),
            Some("新民晚报"),
            Some("2024-03-01"),
            PublishedFrom::Header,
        ),
        (
            format!(
                "{t}\n\n发布时间：2024-03-01 08:00:12    来源：上观新闻    作者：李四\n\n{P}\n（完）"
            ),
            Some(t),
            Some("上观新闻"),
            Some("2024-03-01"),
            PublishedFrom::Header,
        ),
        (
            format!("{t}\n原标题：沪生物医药规模再创新高\n2024-03-01 08:00 | 上观新闻\n{P}"),
            Some(t),
            Some("上观新闻"),
            Some("2024-03-01"),
            PublishedFrom::Header,
        ),
        (
            format!("{P}\n责任编辑：王五"),
            None,
            None,
            None,
            PublishedFrom::None,
        ),
        (
            format!("首页 | 新闻 | 财经 | 科技\n{t}\n2024/3/1\n文/赵六\n{P}"),
            Some(t),
            None,
            Some("2024-03-01"),
            PublishedFrom::Header,
        ),
        (
            format!("{t}\n澎湃新闻记者 王五\n{P}\n分享：\n微信\n微博\nQQ空间"),
            Some(t),
            Some("澎湃新闻"),
            None,
            PublishedFrom::None,
        ),
        (
            // A dateline's day, with the year the article reports (issue 11).
            format!("{t}\n新华社上海3月1日电（记者 张三）{P}"),
            Some(t),
            Some("新华社"),
            Some("2024-03-01"),
            PublishedFrom::Dateline,
        ),
        (
            format!("正文第一段说明,2023年7月大会召开。\n{P}\n来源：上海发布"),
            None,
            Some("上海发布"),
            Some("2023-07"),
            PublishedFrom::Text,
        ),
    ];
    for (i, (input, title, source, published, from)) in cases.iter().enumerate() {
        let d = document_from_bytes(Path::new("x.txt"), input.as_bytes()).unwrap();
        assert_eq!(d.title.as_deref(), *title, "case {i}");
        assert_eq!(d.source.as_deref(), *source, "case {i}");
        assert_eq!(
            d.published.map(|p| p.to_string()).as_deref(),
            *published,
            "case {i}"
        );
        assert_eq!(d.published_from, *from, "case {i}");
        assert!(d.text.contains(P), "case {i}: {}", d.text);
        let junk = [
            "来源",
            "记者 王五",
            "编辑",
            "微信",
            "完",
            "首页",
            "原标题",
            "2024-03-01",
        ];
        for j in junk {
            assert!(!d.text.contains(j), "case {i}: '{j}' kept in {}", d.text);
        }
    }
    // A 来源 line with a date under the article dates it like a header line.
    let d = document_from_bytes(
        Path::new("x.txt"),
        format!("{P}\n来源：上海发布 2024-03-02").as_bytes(),
    )
    .unwrap();
    assert_eq!(d.source.as_deref(), Some("上海发布"));
    assert_eq!(
        d.published.map(|p| p.to_string()).as_deref(),
        Some("2024-03-02")
    );
    assert_eq!(d.published_from, PublishedFrom::Header);
    // A <title> that only names the site gives way to the page's headline.
    let html = format!(
        "<html><head><title>某某网</title></head><body><h1>{t}</h1><p>来源：某某日报 2024-03-01</p><p>{P}</p><p>第二段。</p><p>第三段。</p></body></html>"
    );
    let d = document_from_bytes(Path::new("x.html"), html.as_bytes()).unwrap();
    assert_eq!(d.title.as_deref(), Some(t));
    assert_eq!(d.source.as_deref(), Some("某某日报"));
    assert!(d.text.starts_with(P));
    // A file that is only a headline keeps it as text.
    let d = document_from_bytes(Path::new("x.txt"), "上海发布三大行动方案\n".as_bytes()).unwrap();
    assert_eq!(&*d.text, "上海发布三大行动方案");
}

/// Damaged versions of the seeds (flipped bytes, cuts, spliced markup) never panic and
/// always keep the char-count invariant.
#[test]
fn mangled_seeds_never_panic() {
    use biotimeline::corpus::document_from_bytes;
    let seeds: Vec<Vec<u8>> = fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds"))
        .unwrap()
        .map(|e| fs::read(e.unwrap().path()).unwrap())
        .collect();
    let mut x: u64 = 0x2545_F491_4F6C_DD1D;
    let mut rnd = move |n: usize| {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        (x % n.max(1) as u64) as usize
    };
    let splices: [&[u8]; 8] = [
        b"<div>",
        b"</p>",
        b"---\n",
        "(gu\u{f3})".as_bytes(),
        b"\0",
        b"\xFF\xFE",
        "相关阅读\n".as_bytes(),
        b"&#x0;&amp;",
    ];
    for round in 0..300 {
        let mut b = seeds[round % seeds.len()].clone();
        for _ in 0..1 + rnd(6) {
            match rnd(4) {
                0 if !b.is_empty() => {
                    let i = rnd(b.len());
                    b[i] = rnd(256) as u8;
                }
                1 => {
                    let n = rnd(b.len() + 1);
                    b.truncate(n);
                }
                2 => {
                    let i = rnd(b.len() + 1);
                    let s = splices[rnd(splices.len())];
                    b.splice(i..i, s.iter().copied());
                }
                _ => {
                    let i = rnd(b.len() + 1);
                    b.drain(..i.min(b.len()));
                }
            }
        }
        if let Ok(d) = document_from_bytes(Path::new("m.txt"), &b) {
            assert_eq!(
                d.text.chars().count(),
                d.simplified.chars().count(),
                "round {round}"
            );
            assert!(
                d.text.lines().all(|l| l == l.trim() && !l.is_empty()),
                "round {round}"
            );
        }
    }
}

/// A whole scraped news page: menus, share bar, article, related list, comments,
/// footer, scripts. Only the article reaches `text`.
#[test]
fn full_news_page_html() {
    use biotimeline::corpus::document_from_bytes;
    let html = r#"<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8">
<title>张江细胞治疗产业园开园_地方频道_某某网</title>
<meta name="keywords" content="张江,细胞治疗">
<meta property="og:site_name" content="某某网">
<script>var _hmt = _hmt || []; document.write('<div>统计</div>');</script>
<style>.nav{display:flex}</style></head>
<body>
<div class="topbar"><a href="/">首页</a> | <a href="/news">新闻</a> | <a href="/local">地方</a> | <a href="/tech">科技</a></div>
<div class="nav"><ul><li>要闻</li><li>国际</li><li>财经</li></ul></div>
<div class="crumbs">首页 &gt; 地方频道 &gt; 正文</div>
<div class="main">
  <h1>张江细胞治疗产业园开园</h1>
  <div class="info">2024-05-20 10:30:00 来源：某某日报 作者：张三</div>
  <div class="share-box">分享到：<a>微信</a><a>微博</a></div>
  <div class="content">
    <p>&nbsp;&nbsp;5月20日，张江细胞治疗产业园正式开园，首批12家企业入驻。</p>
    <p>&nbsp;&nbsp;据介绍，产业园总建筑面积约15万平方米，到2026年将集聚企业50家以上。</p>
    <p style="text-align:center"><img src="a.jpg" alt="开园现场"></p>
    <p style="text-align:center">开园仪式现场。 李四 摄</p>
    <p>（责任编辑：王五）</p>
  </div>
</div>
<div class="related"><h3>相关新闻</h3><ul><li><a>某地举办马拉松比赛</a></li><li><a>明星演唱会门票售罄</a></li></ul></div>
<div id="comment"><p>网友：说得好！</p></div>
<div class="footer"><p>关于我们 | 联系我们 | 版权所有 某某网</p></div>
<script>console.log("<p>脚本</p>")</script>
</body></html>"#;
    let d = document_from_bytes(Path::new("page.htm"), html.as_bytes()).unwrap();
    assert_eq!(d.title.as_deref(), Some("张江细胞治疗产业园开园"));
    assert_eq!(d.source.as_deref(), Some("某某日报"));
    assert_eq!(
        d.published.map(|p| p.to_string()).as_deref(),
        Some("2024-05-20")
    );
    assert_eq!(d.published_from, PublishedFrom::Header);
    assert_eq!(
        d.text.lines().collect::<Vec<_>>(),
        [
            "5月20日，张江细胞治疗产业园正式开园，首批12家企业入驻。",
            "据介绍，产业园总建筑面积约15万平方米，到2026年将集聚企业50家以上。",
            "开园仪式现场。 李四 摄",
        ]
    );
}

/// A traditional-script page from another region, in Big5: its own byline and
/// furniture words, read by the same rules.
#[test]
fn big5_page_with_regional_furniture() {
    let page = "衛福部：台灣生技醫藥產業產值突破7000億元\n2023/10/17 10:20 聯合報\n記者張三／台北報導\n衛生福利部17日表示，2022年台灣生技醫藥產業產值達到7,021億元，較前一年成長5%。\n衛福部指出，到2025年將力拚產值突破8,000億元。\n友善列印\n轉寄\n延伸閱讀\n某藝人宣布結婚\n";
    let (big5, _, unmappable) = encoding_rs::BIG5.encode(page);
    assert!(!unmappable);
    let t = tempfile::TempDir::new().unwrap();
    write(t.path(), "udn.txt", &big5);
    let l = load(t.path());
    assert!(l.errors.is_empty(), "{:?}", l.errors);
    let d = &l.documents[0];
    assert_eq!(d.encoding, "Big5");
    assert_eq!(d.script, Script::Hant);
    assert_eq!(
        d.title.as_deref(),
        Some("衛福部：台灣生技醫藥產業產值突破7000億元")
    );
    assert_eq!(d.source.as_deref(), Some("聯合報"));
    assert_eq!(
        d.published.map(|p| p.to_string()).as_deref(),
        Some("2023-10-17")
    );
    assert_eq!(
        d.text.lines().collect::<Vec<_>>(),
        [
            "衛生福利部17日表示，2022年台灣生技醫藥產業產值達到7,021億元，較前一年成長5%。",
            "衛福部指出，到2025年將力拚產值突破8,000億元。"
        ]
    );
    assert!(d.simplified.starts_with("卫生福利部17日表示,2022年台湾"));
}

/// Loading and extracting in one pass gives the corpus that loading, then extracting,
/// gives; items of a document renamed `-2` carry the new id (when not merged into the
/// first one's, which it is a copy of).
#[test]
fn one_pass_load_equals_load_then_build() {
    use biotimeline::extract::Themes;
    use biotimeline::model::Corpus;
    let t = tempfile::TempDir::new().unwrap();
    let d = t.path();
    let text = "2023年10月16日,2023上海国际生物医药产业周在张江科学会堂开幕。\n\
                到2025年,生物医药制造业产值达到2000亿元。";
    write(d, "a/same.txt", text.as_bytes());
    write(d, "b/same.txt", text.as_bytes());
    write(d, "bad.png", b"\x89PNG\r\n\x1a\n0000");
    let paths = [d.to_path_buf()];
    let one = Corpus::load(&paths, Themes::builtin(), &|_, _| {});
    let two = Corpus::build(load_paths(&paths, &|_, _| {}), Themes::builtin());
    assert_eq!(one.items, two.items);
    // The two files are one article: merged, their items are one item each.
    assert_eq!(one.documents[1].duplicate_of.as_deref(), Some("same"));
    assert!(
        one.items
            .iter()
            .all(|i| i.doc == "same" && i.sources.len() == 2)
    );
    // Unmerged, each file keeps its items, under its own id.
    let one = Corpus::load_with(
        &paths,
        Default::default(),
        Themes::builtin(),
        false,
        &|_, _| {},
    );
    let two = Corpus::build_with(load_paths(&paths, &|_, _| {}), Themes::builtin(), false);
    assert_eq!(one.items, two.items);
    assert_eq!(one.errors, two.errors);
    assert_eq!(one.errors.len(), 1);
    let ids: Vec<&str> = one.documents.iter().map(|x| x.id.as_str()).collect();
    assert_eq!(ids, ["same", "same-2"]);
    let renamed: Vec<&str> = one
        .items
        .iter()
        .filter(|i| i.doc == "same-2")
        .map(|i| i.id.as_str())
        .collect();
    assert!(!renamed.is_empty());
    assert!(
        renamed.iter().all(|id| id.starts_with("same-2#")),
        "{renamed:?}"
    );
}
