//! The fast paths of clean.rs against the code they replaced, kept here as the reference, on generated lines mixing the chars and words each rule turns on.
//!
//! Compiled only in tests: clean.rs declares this module under `#[cfg(test)]`.

use super::*;

mod reference {
    use super::super::*;

    pub fn matching_key(text: &str) -> String {
        let mut out = String::with_capacity(text.len());
        out.extend(text.chars().map(|c| ascii_punct(script::simplify_char(c))));
        out
    }

    pub fn normalise_line(raw: &str) -> String {
        let mut out = String::with_capacity(raw.len());
        let mut pending_space = false;
        for c in raw.chars() {
            if is_space(c) {
                pending_space = !out.is_empty();
            } else if is_invisible(c) {
                continue;
            } else {
                if pending_space {
                    out.push(' ');
                    pending_space = false;
                }
                out.push(half_width_alnum(c));
            }
        }
        out
    }

    static PINYIN: LazyLock<Regex> = LazyLock::new(|| {
        let syl = format!(
            r"(?:[A-Z]?[a-zü]{{0,4}}[{TONED}][a-zü]{{0,3}}|[a-zü]{{2,6}}[1-5]|de|le|me|ne|ma|men|zi|ba|zhe|ge)"
        );
        Regex::new(&format!(r"(\p{{Han}})[(（]{syl}[)）]|\?{syl}[)）]")).unwrap()
    });

    pub fn repair_pinyin(line: &str) -> (String, usize) {
        if !may_have_pinyin(line) {
            return (line.to_string(), 0);
        }
        let mut n = 0;
        let out = PINYIN.replace_all(line, |c: &regex::Captures| {
            n += 1;
            match c.get(1) {
                Some(han) => han.as_str().to_string(),
                None => "?".to_string(),
            }
        });
        (out.into_owned(), n)
    }

    pub fn lines_of(body: &str) -> (Vec<(String, String)>, usize) {
        let mut out = Vec::new();
        let mut pinyin = 0;
        for raw in body.split(['\n', '\r']) {
            let norm = normalise_line(raw);
            if norm.is_empty() {
                continue;
            }
            let (fixed, n) = repair_pinyin(&norm);
            pinyin += n;
            let fixed = if n > 0 { normalise_line(&fixed) } else { norm };
            if !fixed.is_empty() {
                let key = matching_key(&fixed);
                out.push((fixed, key));
            }
        }
        (out, pinyin)
    }

    pub fn is_noise_char(c: char) -> bool {
        c.is_ascii_digit() || c.is_whitespace() || (!c.is_alphanumeric() && !script::is_han(c))
    }

    fn core(key: &str) -> &str {
        key.trim_matches(|c: char| is_noise_char(c) || c == '>' || c == '<')
    }

    pub fn is_widget(key: &str) -> bool {
        let k = key.trim();
        if TEASER_END.is_match(k) || URL_ONLY.is_match(k) || PHOTO_CREDIT.is_match(k) {
            return true;
        }
        let c = core(key);
        if c.chars().count() > 30 {
            return false;
        }
        let word = |t: &str| WIDGET_WORDS.iter().any(|w| w == t);
        if word(c) || WIDGET_PHRASE_LIST.iter().any(|w| c.contains(w.as_str())) {
            return true;
        }
        let mut tokens = c
            .split(|ch: char| is_noise_char(ch) || ch.is_whitespace())
            .filter(|t| !t.is_empty())
            .peekable();
        tokens.peek().is_some() && tokens.all(word)
    }

    fn has_sentence_end(key: &str) -> bool {
        key.contains(['。', '!', '?', ';'])
    }

    fn is_nav_row(key: &str) -> bool {
        let k = key.trim();
        if k.chars().count() > 80 || has_sentence_end(k) || k.contains(',') {
            return false;
        }
        if k.contains('|') {
            let parts: Vec<&str> = k
                .split('|')
                .map(str::trim)
                .filter(|p| !p.is_empty())
                .collect();
            return parts.len() >= 3 && parts.iter().all(|p| p.chars().count() <= 6);
        }
        let words: Vec<&str> = k.split(' ').filter(|w| !w.is_empty()).collect();
        words.len() >= 4
            && words
                .iter()
                .all(|w| w.chars().count() <= 4 && w.chars().all(char::is_alphanumeric))
    }

    pub fn is_breadcrumb(key: &str) -> bool {
        if is_nav_row(key) {
            return true;
        }
        let seps = key.chars().filter(|c| CRUMB_SEPS.contains(c)).count();
        if seps == 0 || key.chars().count() > 80 || key.contains('。') {
            return false;
        }
        let parts: Vec<&str> = key
            .split(CRUMB_SEPS)
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .collect();
        let first = parts.first().copied().unwrap_or("");
        let last = parts.last().copied().unwrap_or("");
        let home = CRUMB_HOME.iter().any(|h| first.starts_with(h.as_str()));
        home || CRUMB_ARTICLE.contains(&last.to_string())
            || (seps >= 2 && parts.iter().all(|p| p.chars().count() <= 12))
    }

    static HEADLINE_WITH_DATE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"\D(?:\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}-\d{1,2})(?:\s*\d{1,2}:\d{2})?$")
            .unwrap()
    });

    static DATE_TAIL: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^\s*(?:\d{1,2}:\d{2}(?::\d{2})?)?\s*(?:星期.|周.|礼拜.)?\s*(?:\d{1,2}:\d{2}(?::\d{2})?)?\s*$")
                .unwrap()
    });

    pub fn is_teaser(l: &Line) -> bool {
        let k = l.key.trim_end();
        let doubled = k.matches("……").count();
        let cut_marks = k.matches("...").count() + k.matches('…').count() - 2 * doubled;
        let cut_end = k.ends_with("...") || (k.ends_with('…') && !k.ends_with("……"));
        (l.chars() <= 120 && cut_marks >= 1 && (cut_end || cut_marks >= 2))
            || (l.chars() <= 80 && !k.contains('。') && HEADLINE_WITH_DATE.is_match(k))
    }

    pub fn date_only(key: &str) -> Option<PartialDate> {
        let k = key.trim();
        if !k.starts_with(|c: char| c.is_ascii_digit()) || k.len() > 60 {
            return None;
        }
        let (d, start, end) = header::find_ymd(k)?;
        (start == 0 && DATE_TAIL.is_match(&k[end..])).then_some(d)
    }

    pub fn related_heading(key: &str) -> Option<&'static str> {
        let c = core(key);
        if c.len() > 60 {
            return None;
        }
        let c: String = c.chars().filter(|c| !is_noise_char(*c)).collect();
        RELATED
            .iter()
            .find(|w| {
                c.strip_prefix(w.as_str()).is_some_and(|rest| {
                    rest.is_empty() || HEADING_SUFFIXES.contains(&rest.to_string())
                })
            })
            .map(String::as_str)
    }

    pub fn is_timestamp_line(key: &str) -> bool {
        static TIMESTAMP_LINE: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"^\d{4}[-/.]\d{1,2}[-/.]\d{1,2}(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?$").unwrap()
        });
        TIMESTAMP_LINE.is_match(key.trim())
    }
}

/// Pieces the rules turn on: single chars of every class the fast paths single out,
/// and words that make the regexes and lists match.
const PIECES: &[&str] = &[
    "a",
    "g",
    "u",
    "o",
    "ó",
    "ǎ",
    "ü",
    "Ā",
    "A",
    "S",
    "Q",
    "1",
    "2",
    "7",
    "0",
    "(",
    "（",
    ")",
    "）",
    "?",
    "？",
    "中",
    "國",
    "上",
    "海",
    " ",
    "  ",
    "\u{3000}",
    "\t",
    "\u{200B}",
    "\u{A0}",
    "\u{85}",
    "\u{FEFF}",
    "\u{2028}",
    "\u{AD}",
    "\u{1680}",
    "Ａ",
    "１",
    "，",
    "：",
    ":",
    ",",
    ".",
    "...",
    "…",
    "……",
    ">",
    ">>",
    "›",
    "»",
    "→",
    "|",
    "/",
    "摄",
    "影",
    "。",
    "!",
    ";",
    "-",
    "年",
    "月",
    "日",
    "楼",
    "<",
    "•",
    "々",
    "〇",
    "２",
    "٣",
    "\r",
    "\n",
    "guó",
    "dòng",
    "Shàng",
    "guo2",
    "de",
    "men",
    "FIP",
    "H1",
    "首页",
    "正文",
    "当前位置",
    "查看详情",
    "更多",
    "阅读全文",
    "http://a.b/c",
    "https://x",
    "www.x.cn",
    "原文链接",
    "新华社记者",
    "张三",
    "李四",
    "记者",
    "通讯员",
    "微信",
    "微博",
    "QQ空间",
    "赞",
    "分享到",
    "打开APP",
    "责编",
    "责任编辑",
    "声明",
    "来源",
    "如有侵权",
    "转载请注明",
    "2023-10-17",
    "2023.10.20",
    "10:30",
    "相关阅读",
    "推荐",
    "開幕",
    "產業",
    "a\u{301}",
    "一",
    "十",
    "百",
    "、",
    "第",
    "条",
    "①",
    "⑳",
    "[",
    "【",
    "文章",
    "稿件",
    "出处",
    "详情",
    "免责声明",
    "本文转载自",
    "3楼",
    "编审",
    "图",
    "（",
    "々",
];

/// Pieces of pinyin annotations, so that generated lines hold many.
const PINYIN_PIECES: &[&str] = &[
    "中", "國", "(", "（", ")", "）", "?", "guó", "dòng", "Shàng", "guo2", "de", "men", "a", "G",
    "1", "6", "ü", "ó", "ǖ", "Ā", " ", "\u{3000}", "ab", "zh", "FIP",
];

/// Deterministic pseudo-random lines of up to `max` pieces.
pub(crate) fn generated(n: usize, max: usize) -> Vec<String> {
    generated_from(PIECES, n, max)
}

fn generated_from(pieces: &[&str], n: usize, max: usize) -> Vec<String> {
    crate::testgen::texts(0x9E37_79B9_7F4A_7C15, pieces, max)
        .take(n)
        .collect()
}

#[test]
fn noise_chars_agree_on_every_char() {
    for c in (0..=0x10FFFF).filter_map(char::from_u32) {
        assert_eq!(
            is_noise_char(c),
            reference::is_noise_char(c),
            "{:X}",
            c as u32
        );
    }
}

#[test]
fn han_script_agrees_on_every_char() {
    let han = Regex::new(r"^\p{Han}$").unwrap();
    for c in (0..=0x10FFFF).filter_map(char::from_u32) {
        assert_eq!(is_han_script(c), han.is_match(&c.to_string()), "{c}");
    }
}

#[test]
fn normalising_agrees_on_every_char() {
    for c in (0..=0x10FFFF).filter_map(char::from_u32) {
        for s in [c.to_string(), format!("a{c}中{c}{c}b"), format!("{c} {c}")] {
            assert_eq!(
                normalise_line(&s),
                reference::normalise_line(&s),
                "{:X}",
                c as u32
            );
        }
    }
}

#[test]
fn key_table_covers_every_changed_char() {
    for c in (0..=0x10FFFF).filter_map(char::from_u32) {
        let s = c.to_string();
        assert_eq!(
            matching_key(&s),
            reference::matching_key(&s),
            "{:X}",
            c as u32
        );
        assert_eq!(key_len(&s), matching_key(&s).len(), "{:X}", c as u32);
    }
}

#[test]
fn lines_agree_with_reference() {
    for s in generated(20_000, 40) {
        let (got, n) = lines_of(&s);
        let got: Vec<(String, String)> = got.into_iter().map(|l| (l.text, l.key)).collect();
        assert_eq!((got, n), reference::lines_of(&s), "{s:?}");
        assert_eq!(normalise_line(&s), reference::normalise_line(&s), "{s:?}");
        let norm = normalise_line(&s);
        assert_eq!(
            repair_pinyin(&norm),
            reference::repair_pinyin(&norm),
            "{s:?}"
        );
        assert_eq!(repair_pinyin(&s), reference::repair_pinyin(&s), "{s:?}");
    }
}

#[test]
fn pinyin_agrees_on_generated_lines() {
    let mut repaired = 0;
    for s in generated_from(PINYIN_PIECES, 100_000, 16) {
        let got = repair_pinyin(&s);
        assert_eq!(got, reference::repair_pinyin(&s), "{s:?}");
        let (lines, n) = lines_of(&s);
        let lines: Vec<(String, String)> = lines.into_iter().map(|l| (l.text, l.key)).collect();
        assert_eq!((lines, n), reference::lines_of(&s), "{s:?}");
        repaired += got.1;
    }
    // The generator must reach the replacing path, not only the quick refusals.
    assert!(repaired > 300, "{repaired}");
}

#[test]
fn pinyin_agrees_on_tricky_lines() {
    for s in [
        "中國(guó)醫(yī)藥",
        "中(ō)和(a",
        "中(Ō)",
        "中(ü)",
        "中(Guó)",
        "中(GUó)",
        "中(guóguóguó)",
        "中(zhuàngs)",
        "中(abcdef1)",
        "中(abcdefg1)",
        "中(a1)",
        "中(ab6)",
        "中(ab1)",
        "?ab1)",
        "??dòng)",
        "中((guó)",
        "中(中(guó)",
        "a(guó)",
        "中（guó）中(de)?me)",
        "中(a\u{301})",
        "㐀(guó)",
        "豈(guó)",
        "𠀀(guó)",
    ] {
        assert_eq!(repair_pinyin(s), reference::repair_pinyin(s), "{s:?}");
    }
}

#[test]
fn rules_agree_with_reference() {
    // How often each regex the widget test guards says yes: the generator must
    // reach them, so that the guards are held to the plain regexes.
    let mut hits = [0usize; 3];
    for s in generated(60_000, 12) {
        let line = Line::new(normalise_line(&s));
        let k = line.key.as_str();
        assert_eq!(is_breadcrumb(k), reference::is_breadcrumb(k), "{k:?}");
        assert_eq!(is_teaser(&line), reference::is_teaser(&line), "{k:?}");
        assert_eq!(header::date_only(k), reference::date_only(k), "{k:?}");
        assert_eq!(related_heading(k), reference::related_heading(k), "{k:?}");
        assert_eq!(
            header::is_timestamp_line(k),
            reference::is_timestamp_line(k),
            "{k:?}"
        );
        assert_eq!(line.chars(), line.text.chars().count());
        assert_eq!(has_full_stop(k), k.contains('。'), "{k:?}");
        assert_eq!(has_full_stop(&s), s.contains('。'), "{s:?}");
        // Raw, unnormalised text too: the rules take any key.
        for t in [k, s.as_str()] {
            assert_eq!(is_widget(t), reference::is_widget(t), "{t:?}");
            let tt = t.trim();
            let matched = [
                TEASER_END.is_match(tt),
                URL_ONLY.is_match(tt),
                PHOTO_CREDIT.is_match(tt),
            ];
            for (hit, yes) in hits.iter_mut().zip(matched) {
                *hit += usize::from(yes);
            }
        }
        assert_eq!(is_breadcrumb(&s), reference::is_breadcrumb(&s), "{s:?}");
    }
    assert!(hits.iter().all(|&n| n > 10), "{hits:?}");
}
