//! Bytes → text: refuse what is not text, then find the encoding.
//!
//! Scraped Chinese articles arrive as UTF-8, UTF-16 (with or without a BOM), GBK/GB18030
//! or Big5, and folders of them also hold images and PDFs. The order of the checks
//! matters: a BOM is certain, strict UTF-8 is almost certain, a NUL pattern is a strong
//! sign of UTF-16, and only what is left goes to statistical detection (chardetng).

use encoding_rs::{BIG5, Encoding, GB18030, UTF_8, UTF_16BE, UTF_16LE};

/// Text decoded from a file, with how it was read.
#[derive(Debug)]
pub struct Decoded {
    pub text: String,
    /// "UTF-8", "UTF-16LE", "UTF-16BE", "GB18030" or "Big5".
    pub encoding: &'static str,
    pub warnings: Vec<String>,
}

/// Decodes a file's bytes, or says why it is not a text file.
pub fn decode(bytes: &[u8]) -> Result<Decoded, String> {
    if bytes.is_empty() {
        return Err("empty file".into());
    }
    if let Some(kind) = magic(bytes) {
        return Err(format!("not text: {kind}"));
    }
    let mut warnings = Vec::new();
    let (text, encoding) = if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        let (text, had_errors) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        if had_errors {
            warnings.push(format!("replaced malformed {} sequences", label(enc)));
        }
        (text.into_owned(), label(enc))
    } else if let Ok(s) = std::str::from_utf8(bytes) {
        if s.contains('\0') {
            if let Some(d) = utf16_without_bom(bytes) {
                d
            } else {
                return Err("not text: NUL bytes in the content".into());
            }
        } else {
            (s.to_owned(), "UTF-8")
        }
    } else if let Some(d) = utf16_without_bom(bytes) {
        d
    } else if bytes.contains(&0) {
        return Err("not text: NUL bytes in the content".into());
    } else if mostly_utf8(bytes) {
        warnings.push("invalid UTF-8 sequences replaced with U+FFFD".into());
        (String::from_utf8_lossy(bytes).into_owned(), "UTF-8")
    } else if let Some(enc) = declared_cjk(bytes)
        && let Some(text) = enc.decode_without_bom_handling_and_without_replacement(bytes)
    {
        // A page that names its charset (and decodes cleanly in it) is taken at its word.
        (text.into_owned(), label(enc))
    } else {
        let (enc, strict) = detect_cjk(bytes);
        let text = match strict {
            Some(text) => text,
            None => {
                let (text, had_errors) = enc.decode_without_bom_handling(bytes);
                if had_errors {
                    warnings.push(format!("replaced malformed {} sequences", label(enc)));
                }
                text.into_owned()
            }
        };
        (text, label(enc))
    };
    if let Some(why) = looks_binary(&text) {
        return Err(format!("not text: {why}"));
    }
    Ok(Decoded {
        text,
        encoding,
        warnings,
    })
}

static CHARSET: std::sync::LazyLock<regex::bytes::Regex> = std::sync::LazyLock::new(|| {
    regex::bytes::Regex::new(r#"(?i)(?:charset|encoding)\s*=\s*["']?([a-z0-9_-]{3,20})"#)
        .unwrap_or_else(|_| unreachable!())
});

/// The GBK/GB18030/Big5 charset an HTML or XML head declares, if any.
fn declared_cjk(b: &[u8]) -> Option<&'static Encoding> {
    let head = &b[..b.len().min(4096)];
    let label = CHARSET.captures(head)?.get(1)?.as_bytes();
    let enc = Encoding::for_label(label)?;
    if enc == BIG5 {
        Some(BIG5)
    } else if enc == GB18030 || enc == encoding_rs::GBK {
        Some(GB18030)
    } else {
        None
    }
}

/// The name biotimeline reports: WHATWG names, except that GBK is read as (and named)
/// its superset GB18030.
fn label(enc: &'static Encoding) -> &'static str {
    if enc == GB18030 || enc == encoding_rs::GBK {
        "GB18030"
    } else {
        enc.name()
    }
}

/// File signatures of formats that are never articles.
fn magic(b: &[u8]) -> Option<&'static str> {
    const SIGS: &[(&[u8], &str)] = &[
        (b"\x89PNG\r\n\x1a\n", "PNG image"),
        (b"%PDF-", "PDF document"),
        (b"PK\x03\x04", "ZIP archive"),
        (b"PK\x05\x06", "ZIP archive"),
        (b"GIF87a", "GIF image"),
        (b"GIF89a", "GIF image"),
        (b"\xFF\xD8\xFF", "JPEG image"),
        (b"\x7FELF", "executable"),
        (b"\x1F\x8B", "gzip archive"),
        (b"BZh", "bzip2 archive"),
        (b"\xFD7zXZ\x00", "xz archive"),
        (b"7z\xBC\xAF\x27\x1C", "7z archive"),
        (b"Rar!\x1A\x07", "RAR archive"),
        (
            b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1",
            "OLE document (doc/xls)",
        ),
        (b"RIFF", "RIFF media"),
        (b"OggS", "Ogg media"),
        (b"ID3", "MP3 audio"),
        (b"\x00\x00\x01\x00", "icon"),
        (b"wOFF", "font"),
        (b"wOF2", "font"),
        (b"SQLite format 3\x00", "SQLite database"),
    ];
    SIGS.iter()
        .find(|(sig, _)| b.starts_with(sig))
        .map(|(_, kind)| *kind)
        .or_else(|| (b.len() > 12 && &b[4..8] == b"ftyp").then_some("MP4/ISO media"))
}

/// UTF-16 without a BOM shows its NULs (the high bytes of ASCII chars) on one side only.
/// Chinese text has few ASCII chars, so the test is on where the NULs are, not how many.
fn utf16_without_bom(b: &[u8]) -> Option<(String, &'static str)> {
    if b.len() < 4 {
        return None;
    }
    let (mut even, mut odd) = (0usize, 0usize);
    for (i, &x) in b.iter().enumerate() {
        if x == 0 {
            if i % 2 == 0 {
                even += 1;
            } else {
                odd += 1;
            }
        }
    }
    let total = even + odd;
    if total == 0 {
        return None;
    }
    // Chars like U+5F00 put a NUL on the other side now and then, hence 3/4, not all;
    // with few NULs only a clean split is evidence.
    let side = |n: usize| {
        if total < 8 {
            n == total
        } else {
            n * 4 >= total * 3
        }
    };
    let enc = if side(odd) {
        UTF_16LE
    } else if side(even) {
        UTF_16BE
    } else {
        return None;
    };
    let (text, had_errors) = enc.decode_without_bom_handling(b);
    if had_errors || looks_binary(&text).is_some() || !mostly_common_chars(&text) {
        return None;
    }
    Some((text.into_owned(), enc.name()))
}

/// Chinese or Western text: ASCII, CJK ideographs and punctuation, Latin letters.
/// Bytes misread as UTF-16 land all over the BMP (Hangul, Yi, private use…).
fn mostly_common_chars(text: &str) -> bool {
    let mut n = 0usize;
    let mut common = 0usize;
    for c in text.chars() {
        n += 1;
        if c.is_ascii()
            || crate::script::is_han(c)
            || matches!(c, '\u{3000}'..='\u{303F}' | '\u{FF00}'..='\u{FFEF}' | '\u{2000}'..='\u{206F}' | '\u{A0}'..='\u{24F}')
        {
            common += 1;
        }
    }
    common * 10 >= n * 9
}

/// UTF-8 with a few damaged bytes (a truncated download, a bad copy) is still UTF-8;
/// GBK or Big5 text hardly ever forms long runs of valid multi-byte UTF-8.
fn mostly_utf8(b: &[u8]) -> bool {
    let mut valid_multibyte = 0usize;
    let mut invalid = 0usize;
    for chunk in b.utf8_chunks() {
        valid_multibyte += chunk.valid().chars().filter(|c| c.len_utf8() > 1).count();
        if !chunk.invalid().is_empty() {
            invalid += 1;
        }
    }
    valid_multibyte >= 8 && valid_multibyte >= invalid * 3
}

/// How many non-ASCII bytes chardetng reads. A few hundred ideographs tell GB18030
/// from Big5 as surely as a whole file (the 3,000-file generated corpus decodes
/// identically with 512 and 2,048), and the detector costs about a thousand
/// instructions a byte: fed whole files it took a third of all ingest time on a corpus
/// with a third GB18030 files (issue 5 profile). Counted in non-ASCII bytes, not
/// bytes, because a page can open with kilobytes of ASCII markup, script and style.
const DETECT_NON_ASCII: usize = 512;

/// The shortest prefix of `b` holding [`DETECT_NON_ASCII`] non-ASCII bytes (all of
/// `b` when it has fewer).
fn detection_prefix(b: &[u8]) -> &[u8] {
    let mut seen = 0usize;
    for (i, &x) in b.iter().enumerate() {
        if x >= 0x80 {
            seen += 1;
            if seen == DETECT_NON_ASCII {
                return &b[..=i];
            }
        }
    }
    b
}

/// chardetng's guess, narrowed to the encodings Chinese pages use: Big5 when it says
/// so, GB18030 (a superset of GBK and GB2312) otherwise, unless GB18030 fails where
/// Big5 does not. When GB18030 decodes cleanly its text is returned too, so the
/// file is not decoded a second time.
fn detect_cjk(b: &[u8]) -> (&'static Encoding, Option<String>) {
    let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    let prefix = detection_prefix(b);
    det.feed(prefix, prefix.len() == b.len());
    let guess = det.guess(None, chardetng::Utf8Detection::Allow);
    if guess == BIG5 {
        return (BIG5, None);
    }
    // The whole file is known not to be UTF-8, so a prefix that happens to be valid
    // UTF-8 says nothing.
    if guess == UTF_8 && prefix.len() == b.len() {
        return (UTF_8, None);
    }
    if let Some(text) = GB18030.decode_without_bom_handling_and_without_replacement(b) {
        return (GB18030, Some(text.into_owned()));
    }
    let big5_ok = BIG5
        .decode_without_bom_handling_and_without_replacement(b)
        .is_some();
    (if big5_ok { BIG5 } else { GB18030 }, None)
}

/// Text whose chars are largely control chars or replacement chars is binary that
/// happened to decode.
fn looks_binary(text: &str) -> Option<&'static str> {
    let mut n = 0usize;
    let mut bad = 0usize;
    let mut replaced = 0usize;
    for c in text.chars() {
        n += 1;
        match c {
            '\0' => return Some("NUL bytes in the content"),
            '\t' | '\n' | '\r' | '\u{0C}' => {}
            '\u{FFFD}' => replaced += 1,
            c if c.is_control() => bad += 1,
            _ => {}
        }
    }
    if n == 0 {
        return None;
    }
    if bad * 20 > n {
        Some("mostly control characters")
    } else if replaced * 5 > n {
        Some("mostly undecodable bytes")
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16(s: &str, le: bool, bom: bool) -> Vec<u8> {
        let mut out = Vec::new();
        if bom {
            out.extend_from_slice(if le { &[0xFF, 0xFE] } else { &[0xFE, 0xFF] });
        }
        for u in s.encode_utf16() {
            let b = if le { u.to_le_bytes() } else { u.to_be_bytes() };
            out.extend_from_slice(&b);
        }
        out
    }

    const SAMPLE: &str =
        "上海国际生物医药产业周开幕。\n2023年10月16日,张江科学会堂举行开幕活动。\n";

    #[test]
    fn encodings_table() {
        let (gb, _, _) = GB18030.encode(SAMPLE);
        let trad = "上海國際生物醫藥產業周開幕。\n2023年10月16日,張江科學會堂舉行開幕活動,發布三大行動方案。\n";
        let (big5, _, _) = BIG5.encode(trad);
        let mut bom8 = vec![0xEF, 0xBB, 0xBF];
        bom8.extend_from_slice(SAMPLE.as_bytes());
        let cases: Vec<(&str, Vec<u8>, &str, &str)> = vec![
            ("utf-8", SAMPLE.as_bytes().to_vec(), "UTF-8", SAMPLE),
            ("utf-8 bom", bom8, "UTF-8", SAMPLE),
            (
                "utf-16le bom",
                utf16(SAMPLE, true, true),
                "UTF-16LE",
                SAMPLE,
            ),
            (
                "utf-16be bom",
                utf16(SAMPLE, false, true),
                "UTF-16BE",
                SAMPLE,
            ),
            ("utf-16le", utf16(SAMPLE, true, false), "UTF-16LE", SAMPLE),
            ("utf-16be", utf16(SAMPLE, false, false), "UTF-16BE", SAMPLE),
            ("gb18030", gb.into_owned(), "GB18030", SAMPLE),
            ("big5", big5.into_owned(), "Big5", trad),
        ];
        for (name, bytes, enc, text) in cases {
            let d = decode(&bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(d.encoding, enc, "{name}");
            assert_eq!(d.text, text, "{name}");
            assert!(d.warnings.is_empty(), "{name}: {:?}", d.warnings);
        }
    }

    #[test]
    fn rejects_binary_table() {
        let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
        png.extend_from_slice(&[0u8; 64]);
        let mut noise = Vec::new();
        let mut x: u32 = 12345;
        for _ in 0..4096 {
            x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
            noise.push((x >> 16) as u8);
        }
        let cases: Vec<(&str, Vec<u8>, &str)> = vec![
            ("empty", vec![], "empty file"),
            ("png", png, "not text: PNG image"),
            (
                "pdf",
                b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n".to_vec(),
                "not text: PDF",
            ),
            (
                "zip",
                b"PK\x03\x04\x14\x00\x00\x00".to_vec(),
                "not text: ZIP",
            ),
            (
                "controls",
                vec![1u8, 2, 3, 4, 5, 6, 7, 8, 14, 15, 16, 17],
                "not text",
            ),
            ("noise", noise, "not text"),
            ("nul in ascii", b"abc\0def\0\0gh\0ij".to_vec(), "not text"),
        ];
        for (name, bytes, want) in cases {
            match decode(&bytes) {
                Ok(d) => panic!("{name}: decoded as {}", d.encoding),
                Err(e) => assert!(e.starts_with(want), "{name}: {e}"),
            }
        }
    }

    #[test]
    fn declared_charset_is_used() {
        let html = "<html><head><meta charset=\"gb2312\"><title>标题</title></head><body><p>短文。</p></body></html>";
        let (gb, _, _) = GB18030.encode(html);
        let d = decode(&gb).unwrap();
        assert_eq!(d.encoding, "GB18030");
        assert_eq!(d.text, html);
        let trad =
            "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=big5\"><p>醫藥。</p>";
        let (b5, _, _) = BIG5.encode(trad);
        assert_eq!(decode(&b5).unwrap().encoding, "Big5");
    }

    #[test]
    fn damaged_utf8_is_utf8_with_a_warning() {
        let mut b = SAMPLE.as_bytes().to_vec();
        b.insert(10, 0xFF);
        b.extend_from_slice(&[0xE4, 0xB8]); // truncated char at the end
        let d = decode(&b).unwrap();
        assert_eq!(d.encoding, "UTF-8");
        assert!(d.text.contains("产业周开幕"));
        assert_eq!(d.warnings.len(), 1);
    }
}
