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
    } else if let Some(s) = UTF_8.decode_without_bom_handling_and_without_replacement(bytes) {
        // encoding_rs validates with SIMD, many times faster than `str::from_utf8` on
        // Chinese text; the rules (no overlongs, surrogates or code points past
        // U+10FFFF) are the same. The text is the bytes, so the binary check's counts
        // also tell whether there is a NUL.
        let counts = byte_counts(bytes);
        if counts.nul == 0 {
            if let Some(why) = binary_verdict(&s, &counts) {
                return Err(format!("not text: {why}"));
            }
            return Ok(Decoded {
                text: s.into_owned(),
                encoding: "UTF-8",
                warnings,
            });
        }
        utf16_without_bom(bytes).ok_or("not text: NUL bytes in the content")?
    } else if !bytes.contains(&0) {
        // Without a NUL neither UTF-16 guess can hold (see `utf16_without_bom`).
        if mostly_utf8(bytes) {
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
        }
    } else if let Some(d) = utf16_without_bom(bytes) {
        d
    } else {
        return Err("not text: NUL bytes in the content".into());
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
///
/// Counts what `utf8_chunks` would give, valid multi-byte chars and invalid sequences
/// (maximal subparts, as `from_utf8_lossy` replaces them), in one pass over the bytes,
/// and stops as soon as the bytes left cannot change a "no": every GBK or Big5 file
/// comes here, and the answer for them is clear long before the end.
fn mostly_utf8(b: &[u8]) -> bool {
    /// Whether `b[i]` exists and is a continuation byte (0x80-0xBF).
    fn cont(b: &[u8], i: usize) -> bool {
        b.get(i).is_some_and(|&x| x & 0xC0 == 0x80)
    }
    let mut non_ascii_left: usize = b
        .chunks(BLOCK)
        .map(|block| usize::from(block.iter().fold(0u8, |n, &x| n + (x >> 7))))
        .sum();
    let mut valid_multibyte = 0usize;
    let mut invalid = 0usize;
    let mut i = 0;
    while i < b.len() {
        let lead = b[i];
        i += 1;
        if lead < 0x80 {
            continue;
        }
        let start = i - 1;
        // The second byte's range depends on the lead (no overlongs, no surrogates,
        // nothing past U+10FFFF), as in `core::str::from_utf8`.
        let second = b.get(i).copied().unwrap_or(0);
        let ok = match lead {
            0xC2..=0xDF => {
                let ok = cont(b, i);
                i += usize::from(ok);
                ok
            }
            0xE0..=0xEF => {
                let first_ok = match lead {
                    0xE0 => (0xA0..=0xBF).contains(&second),
                    0xED => (0x80..=0x9F).contains(&second),
                    _ => (0x80..=0xBF).contains(&second),
                };
                if first_ok {
                    i += 1;
                    let ok = cont(b, i);
                    i += usize::from(ok);
                    ok
                } else {
                    false
                }
            }
            0xF0..=0xF4 => {
                let first_ok = match lead {
                    0xF0 => (0x90..=0xBF).contains(&second),
                    0xF4 => (0x80..=0x8F).contains(&second),
                    _ => (0x80..=0xBF).contains(&second),
                };
                if first_ok && cont(b, i + 1) {
                    i += 2;
                    let ok = cont(b, i);
                    i += usize::from(ok);
                    ok
                } else {
                    i += usize::from(first_ok);
                    false
                }
            }
            _ => false,
        };
        // Every byte from `start` to `i` is non-ASCII; an invalid sequence leaves the
        // byte that broke it for the next round.
        non_ascii_left -= i - start;
        if ok {
            valid_multibyte += 1;
        } else {
            invalid += 1;
            // A valid multi-byte char takes at least two non-ASCII bytes, and the
            // invalid count only grows.
            let most = valid_multibyte + non_ascii_left / 2;
            if most < 8 || most < invalid * 3 {
                return false;
            }
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
///
/// Only "Big5 or not" is asked of chardetng, and [`big5_chance`] can often answer that
/// from the byte structure alone at a fraction of the detector's cost; chardetng runs
/// only when it cannot.
fn detect_cjk(b: &[u8]) -> (&'static Encoding, Option<String>) {
    let prefix = detection_prefix(b);
    let chance = big5_chance(prefix);
    if chance == Big5Chance::BelowGbk {
        // The bound holds only while chardetng's GBK candidate stays in the race, which
        // a prefix of a clean GB18030 file guarantees.
        if let Some(text) = GB18030.decode_without_bom_handling_and_without_replacement(b) {
            return (GB18030, Some(text.into_owned()));
        }
    }
    if chance != Big5Chance::None {
        let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
        det.feed(prefix, prefix.len() == b.len());
        let guess = det.guess(None, chardetng::Utf8Detection::Allow);
        if guess == BIG5 {
            return (BIG5, None);
        }
        // The whole file is known not to be UTF-8, so a prefix that happens to be valid
        // UTF-8 says nothing. (When the prefix is the whole file chardetng cannot guess
        // UTF-8 at all, which is why skipping it above changes nothing.)
        if guess == UTF_8 && prefix.len() == b.len() {
            return (UTF_8, None);
        }
    }
    if let Some(text) = GB18030.decode_without_bom_handling_and_without_replacement(b) {
        return (GB18030, Some(text.into_owned()));
    }
    let big5_ok = BIG5
        .decode_without_bom_handling_and_without_replacement(b)
        .is_some();
    (if big5_ok { BIG5 } else { GB18030 }, None)
}

/// What the byte structure of the detection prefix says about chardetng guessing Big5.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Big5Chance {
    /// chardetng cannot guess Big5: its Big5 candidate is disqualified, or its score
    /// cannot rise above 0.
    None,
    /// chardetng cannot guess Big5 as long as its GBK candidate is not disqualified:
    /// the least GBK can score is at least the most Big5 can.
    BelowGbk,
    /// Only chardetng can tell.
    Unknown,
}

/// Decides from the prefix chardetng would be fed whether chardetng 1.0 could guess
/// Big5, by walking it the way chardetng's GBK and Big5 candidates do.
///
/// The candidates read the same two-byte units until one of them breaks: a lead byte
/// 0x81-0xFE followed by 0x40-0x7E or 0xA1-0xFE is one char in both. A trail byte
/// 0x80-0xA0 (a GBK extension char) or a digit (the second byte of a four-byte GB18030
/// char) is malformed Big5, which disqualifies the Big5 candidate (apart from the
/// Mac OS single-byte exceptions after 0xA0, 0xFD or 0xFE followed by ASCII).
///
/// Otherwise the scores are bounded: Big5 scores at most `BIG5_SCORE_PER_LEVEL_1_HANZI`
/// (41) for a pair with a lead in 0xA4-0xC6 and at most 20 for any other pair (other
/// hanzi, punctuation, symbols; unmapped pairs are penalised), and nothing for ASCII.
/// GBK scores at least [`gbk_floor`] for a pair, and loses at most
/// `CJK_LATIN_ADJACENCY_PENALTY` (41) wherever an ASCII letter touches a pair. chardetng
/// checks GBK before Big5 and keeps the first of equal scores, so Big5 needs strictly
/// more than GBK (and than 0).
fn big5_chance(prefix: &[u8]) -> Big5Chance {
    const ADJACENCY_PENALTY: i64 = 41;
    let mut big5_max = 0i64;
    let mut gbk_min = 0i64;
    let mut prev_letter = false;
    let mut prev_pair = false;
    let mut i = 0;
    while i < prefix.len() {
        let lead = prefix[i];
        if lead < 0x80 {
            let letter = lead.is_ascii_alphabetic();
            if letter && prev_pair {
                gbk_min -= ADJACENCY_PENALTY;
            }
            prev_letter = letter;
            prev_pair = false;
            i += 1;
            continue;
        }
        if !(0x81..=0xFE).contains(&lead) {
            return Big5Chance::Unknown;
        }
        // A lead at the very end of the prefix is not scored by either candidate.
        let Some(&trail) = prefix.get(i + 1) else {
            break;
        };
        match trail {
            0x30..=0x39 if !matches!(lead, 0xA0 | 0xFD | 0xFE) => return Big5Chance::None,
            0x80..=0xA0 => return Big5Chance::None,
            0x40..=0x7E | 0xA1..=0xFE => {}
            _ => return Big5Chance::Unknown,
        }
        if prev_letter {
            gbk_min -= ADJACENCY_PENALTY;
        }
        big5_max += if (0xA4..=0xC6).contains(&lead) {
            41
        } else {
            20
        };
        gbk_min += gbk_floor(lead, trail);
        prev_letter = false;
        prev_pair = true;
        i += 2;
    }
    if big5_max <= 0 {
        Big5Chance::None
    } else if big5_max <= gbk_min {
        Big5Chance::BelowGbk
    } else {
        Big5Chance::Unknown
    }
}

/// The least chardetng's GBK candidate scores for the two-byte GB18030 char
/// `lead trail` (leaving out the Latin adjacency penalty, counted by the caller):
/// `GBK_SCORE_PER_LEVEL_1` (41) for a GB2312 level-1 hanzi, `GBK_SCORE_PER_LEVEL_2`
/// (20) for a level-2 hanzi, `CJ_PUNCTUATION` (20) for the common Chinese punctuation,
/// `CJK_OTHER` (5) for the other symbols of rows 0xA1 and 0xA3, and for anything else
/// `GBK_PUA_PENALTY` (-410), the lowest a well-formed char can score. The unit test
/// `gbk_floor_is_a_floor` checks every pair against the decoded char.
fn gbk_floor(lead: u8, trail: u8) -> i64 {
    match (lead, trail) {
        (0xB0..=0xD6, 0xA1..=0xFE) | (0xD7, 0xA1..=0xF9) => 41,
        (0xD8..=0xF7, 0xA1..=0xFE) => 20,
        // U+3000-U+3002 and the full-width ! ( ) , ; ?
        (0xA1, 0xA1..=0xA3) | (0xA3, 0xA1 | 0xA8 | 0xA9 | 0xAC | 0xBB | 0xBF) => 20,
        (0xA1 | 0xA3, 0xA1..=0xFE) => 5,
        _ => -410,
    }
}

/// Text whose chars are largely control chars or replacement chars is binary that
/// happened to decode.
///
/// Works on the UTF-8 bytes, which every decoded text passes through: chars are the
/// bytes that are not continuation bytes, C0 controls and DEL are single bytes, C1
/// controls (U+0080-U+009F) are C2 80-C2 9F, and U+FFFD is EF BF BD. `char::is_control`
/// is exactly those C0, DEL and C1 code points.
fn looks_binary(text: &str) -> Option<&'static str> {
    binary_verdict(text, &byte_counts(text.as_bytes()))
}

/// [`looks_binary`] once the bytes of `text` have been counted.
fn binary_verdict(text: &str, counts: &ByteCounts) -> Option<&'static str> {
    if counts.nul > 0 {
        return Some("NUL bytes in the content");
    }
    if counts.control == 0 && counts.replaced == 0 {
        // Neither ratio can exceed 0, whatever the char count.
        return None;
    }
    let n = text.bytes().filter(|&x| x & 0xC0 != 0x80).count();
    if counts.control * 20 > n {
        Some("mostly control characters")
    } else if counts.replaced * 5 > n {
        Some("mostly undecodable bytes")
    } else {
        None
    }
}

/// What [`looks_binary`] counts in a text's UTF-8 bytes.
#[derive(Debug, PartialEq, Eq)]
struct ByteCounts {
    nul: usize,
    /// C0 controls other than \t \n \r \x0C, DEL and C1 controls.
    control: usize,
    /// U+FFFD replacement chars.
    replaced: usize,
}

/// Bytes counted into one `u8` at a time: at most 255, and a multiple of the vector
/// width so that no block ends in a scalar remainder.
const BLOCK: usize = 192;

/// One pass over every decoded text, so it is written for the compiler to vectorize:
/// the single-byte kinds (NUL, C0 controls, DEL) are counted from each byte alone,
/// branch-free, into `u8`s per block, which the compiler does sixteen bytes at a time.
/// The two-byte C1 controls and the three-byte U+FFFD are counted from their lead
/// bytes, found by memchr: the three offset streams that one pass over all three kinds
/// needed cost three times as much.
fn byte_counts(b: &[u8]) -> ByteCounts {
    let mut counts = ByteCounts {
        nul: 0,
        control: 0,
        replaced: 0,
    };
    for block in b.chunks(BLOCK) {
        let (mut nul, mut control) = (0u8, 0u8);
        for &x in block {
            let allowed = (x == b'\t') | (x == b'\n') | (x == b'\r') | (x == 0x0C) | (x == 0);
            nul += u8::from(x == 0);
            control += u8::from((x < 0x20) & !allowed) | u8::from(x == 0x7F);
        }
        counts.nul += usize::from(nul);
        counts.control += usize::from(control);
    }
    // In valid UTF-8, C2 is always followed by a continuation byte, so `y < 0xA0`
    // there means 0x80-0x9F; a missing byte reads as 0.
    counts.control += memchr::memchr_iter(0xC2, b)
        .filter(|&i| b.get(i + 1).is_none_or(|&y| y < 0xA0))
        .count();
    counts.replaced = memchr::memmem::find_iter(b, "\u{FFFD}".as_bytes()).count();
    counts
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

    /// `detect_cjk` as it was before `big5_chance`: chardetng always.
    fn detect_cjk_reference(b: &[u8]) -> (&'static Encoding, Option<String>) {
        let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
        let prefix = detection_prefix(b);
        det.feed(prefix, prefix.len() == b.len());
        let guess = det.guess(None, chardetng::Utf8Detection::Allow);
        if guess == BIG5 {
            return (BIG5, None);
        }
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

    /// `mostly_utf8` as it was: over `utf8_chunks`, to the end.
    fn mostly_utf8_reference(b: &[u8]) -> bool {
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

    /// `looks_binary` as it was: over `chars()`.
    fn looks_binary_reference(text: &str) -> Option<&'static str> {
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

    /// Pseudo-random bytes, biased towards `alphabet` so that they hit the interesting
    /// cases more often than uniform noise would.
    fn noise(seed: u32, len: usize, alphabet: &[u8]) -> Vec<u8> {
        let mut x = seed;
        (0..len)
            .map(|_| {
                x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
                let r = (x >> 16) as usize;
                if r.is_multiple_of(3) {
                    (r >> 2) as u8
                } else {
                    alphabet[(r >> 2) % alphabet.len()]
                }
            })
            .collect()
    }

    const SIMPLIFIED: &str = "国家药品监督管理局批准了一款创新药上市，该药物用于治疗晚期非小细胞肺癌。\
        据介绍，这是今年以来获批的第十二个国产一类新药；企业表示将在下半年启动国际多中心临床试验。\
        专家认为，生物医药产业正处于快速发展阶段（见图１），政策环境持续优化！";
    const TRADITIONAL: &str = "國家藥品監督管理局批准了一款創新藥上市，該藥物用於治療晚期非小細胞肺癌。\
        據介紹，這是今年以來獲批的第十二個國產一類新藥；企業表示將在下半年啟動國際多中心臨床試驗。\
        專家認為，生物醫藥產業正處於快速發展階段，政策環境持續優化！";

    /// Inputs for the detector: simplified text in GB18030, traditional text in Big5,
    /// short and long, bare and wrapped in ASCII-heavy HTML, with GBK-only and
    /// four-byte chars, with Latin letters touching the hanzi, and damaged copies.
    fn cjk_inputs() -> Vec<(String, Vec<u8>)> {
        let texts: Vec<(&str, String)> = vec![
            ("simplified", SIMPLIFIED.to_string()),
            ("traditional", TRADITIONAL.to_string()),
            ("short simplified", "药监局批准新药。".to_string()),
            ("short traditional", "藥監局批准新藥。".to_string()),
            (
                "gbk-only chars",
                format!("{SIMPLIFIED}朱镕基与吴儆、陈喆、张垚"),
            ),
            ("four-byte chars", format!("{SIMPLIFIED}𠀀𡃁㐀€")),
            (
                "latin next to hanzi",
                format!("mRNA疫苗和PD1抗体CAR细胞疗法ADC药物{SIMPLIFIED}"),
            ),
            ("symbols", "①②③ⅠⅡⅢ┌─┐αβγ㈠㈡《》“”【】：".repeat(10)),
            ("mixed", format!("{SIMPLIFIED}{TRADITIONAL}")),
        ];
        let mut out = Vec::new();
        for (name, text) in &texts {
            for reps in [1usize, 3, 12] {
                let body = text.repeat(reps);
                let html = format!(
                    "<html><head><script>var a = 'abcdefghij';</script><style>p {{ margin: 0 }}</style></head>\
                     <body><div class=\"content\"><p>{body}</p><p>Source: Xinhua</p></div></body></html>"
                );
                for (kind, s) in [("bare", &body), ("html", &html)] {
                    for enc in [GB18030, BIG5] {
                        let (bytes, _, _) = enc.encode(s);
                        let bytes = bytes.into_owned();
                        let tag = format!("{name} x{reps} {kind} in {}", enc.name());
                        let mut damaged = bytes.clone();
                        damaged.insert(damaged.len() / 2, 0xFF);
                        let mut cut = bytes.clone();
                        if let Some(p) = cut.iter().rposition(|&x| x >= 0x81) {
                            cut.truncate(p + 1);
                        }
                        out.push((format!("{tag} damaged"), damaged));
                        out.push((format!("{tag} cut"), cut));
                        out.push((tag, bytes));
                    }
                }
            }
        }
        for seed in 0..40 {
            let pairs: Vec<u8> = (0x40..=0xFEu8).collect();
            out.push((format!("noise {seed}"), noise(seed, 700, &pairs)));
        }
        out
    }

    #[test]
    fn detect_cjk_agrees_with_chardetng() {
        let mut decided = 0;
        for (name, bytes) in cjk_inputs() {
            if std::str::from_utf8(&bytes).is_ok() {
                continue;
            }
            let chance = big5_chance(detection_prefix(&bytes));
            if chance != Big5Chance::Unknown {
                decided += 1;
            }
            assert_eq!(
                detect_cjk(&bytes),
                detect_cjk_reference(&bytes),
                "{name} ({chance:?})"
            );
        }
        assert!(
            decided > 50,
            "only {decided} inputs decided without chardetng"
        );
    }

    #[test]
    fn big5_chance_table() {
        let gb = |s: &str| GB18030.encode(s).0.into_owned();
        let b5 = |s: &str| BIG5.encode(s).0.into_owned();
        let cases: Vec<(&str, Vec<u8>, Big5Chance)> = vec![
            (
                "simplified text",
                gb(&SIMPLIFIED.repeat(3)),
                Big5Chance::BelowGbk,
            ),
            ("gbk extension char", gb("药监局批准张垚"), Big5Chance::None),
            ("four-byte char", gb("药监局𠀀"), Big5Chance::None),
            (
                "traditional text",
                b5(&TRADITIONAL.repeat(3)),
                Big5Chance::Unknown,
            ),
            ("a short text", gb("新药"), Big5Chance::BelowGbk),
            ("too close to tell", gb("北京："), Big5Chance::Unknown),
            ("stray 0x80", vec![b'a', 0x80, b'b'], Big5Chance::Unknown),
            ("lead at the end", vec![b'a', 0xB0], Big5Chance::None),
        ];
        for (name, bytes, want) in cases {
            assert_eq!(big5_chance(&bytes), want, "{name}");
        }
    }

    /// What chardetng 1.0's GBK candidate adds for the two-byte char `u` read from
    /// `lead trail`, at the least (a pending score may be dropped; the Latin adjacency
    /// penalty is left out).
    fn gbk_candidate_min(u: u32, lead: u8, trail: u8) -> i64 {
        match u {
            0x20AC => 0,
            0x4E00..=0x9FA5 if (0xA1..=0xFE).contains(&trail) => match lead {
                0xA1..=0xD7 => 41,
                0xD8..=0xFE => 20,
                _ => 5,
            },
            0x4E00..=0x9FA5 => 0,
            0x3400..=0x9FFF | 0xF900..=0xFAFF => 0,
            0xE78D..=0xE796
            | 0xE816..=0xE818
            | 0xE81E
            | 0xE826
            | 0xE82B
            | 0xE82C
            | 0xE831
            | 0xE832
            | 0xE83B
            | 0xE843
            | 0xE854
            | 0xE855
            | 0xE864 => 5,
            0xE000..=0xF8FF => -410,
            0x3000 | 0x3001 | 0x3002 | 0xFF08 | 0xFF09 | 0xFF01 | 0xFF0C | 0xFF1B | 0xFF1F => 20,
            0..=0x7F => 0,
            _ => 5,
        }
    }

    #[test]
    fn gbk_floor_is_a_floor() {
        for lead in 0x81..=0xFEu8 {
            for trail in (0x40..=0x7Eu8).chain(0x80..=0xFE) {
                let pair = [lead, trail];
                let text = GB18030
                    .decode_without_bom_handling_and_without_replacement(&pair)
                    .unwrap_or_else(|| panic!("{lead:02X}{trail:02X} malformed"));
                let mut chars = text.chars();
                let u = chars.next().map_or(0, u32::from);
                assert!(chars.next().is_none(), "{lead:02X}{trail:02X}");
                assert!(
                    gbk_floor(lead, trail) <= gbk_candidate_min(u, lead, trail),
                    "{lead:02X}{trail:02X} -> U+{u:04X}"
                );
            }
        }
    }

    #[test]
    fn mostly_utf8_agrees_with_utf8_chunks() {
        let mut cases: Vec<Vec<u8>> = vec![
            vec![],
            b"plain ascii".to_vec(),
            SAMPLE.as_bytes().to_vec(),
            GB18030.encode(SIMPLIFIED).0.into_owned(),
            BIG5.encode(TRADITIONAL).0.into_owned(),
            vec![
                0xC0, 0x80, 0xE0, 0x80, 0x80, 0xED, 0xA0, 0x80, 0xF4, 0x90, 0x80, 0x80,
            ],
            vec![0xF0, 0x9F, 0x98, 0x80, 0xF0, 0x9F, 0x98, 0xE4, 0xB8],
        ];
        let mut damaged = SAMPLE.repeat(3).into_bytes();
        for i in (5..damaged.len()).step_by(23) {
            damaged[i] = 0xFF;
        }
        cases.push(damaged);
        let mut gb_in_utf8 = SAMPLE.repeat(4).into_bytes();
        gb_in_utf8.extend_from_slice(&GB18030.encode(SAMPLE).0);
        cases.push(gb_in_utf8);
        let mut utf8_in_gb = GB18030.encode(&SIMPLIFIED.repeat(2)).0.into_owned();
        utf8_in_gb.extend_from_slice(SAMPLE.repeat(8).as_bytes());
        cases.push(utf8_in_gb);
        let interesting = [
            0x80, 0x9F, 0xA0, 0xBF, 0xC0, 0xC2, 0xDF, 0xE0, 0xE4, 0xED, 0xEF, 0xF0, 0xF4, 0xF5,
            0xFF, b'a',
        ];
        for seed in 0..200 {
            cases.push(noise(seed, 64 + seed as usize * 7, &interesting));
        }
        for b in &cases {
            assert_eq!(mostly_utf8(b), mostly_utf8_reference(b), "{b:02X?}");
            // `decode` takes encoding_rs's word for what std calls valid UTF-8.
            assert_eq!(
                UTF_8
                    .decode_without_bom_handling_and_without_replacement(b)
                    .is_some(),
                std::str::from_utf8(b).is_ok(),
                "{b:02X?}"
            );
        }
    }

    #[test]
    fn looks_binary_agrees_with_chars() {
        let mut cases: Vec<String> = vec![
            String::new(),
            SAMPLE.to_string(),
            "a\u{80}b\u{9F}c\u{A0}d\u{7F}\u{1}\t\n\r\u{C}".to_string(),
            "\u{FFFD}\u{FFFD}ab".to_string(),
            "x\0y".to_string(),
            "\u{85}".repeat(3) + &"字".repeat(50),
            "\u{1}".repeat(3) + &"a".repeat(50),
            "\u{1}".repeat(3) + &"a".repeat(60),
        ];
        for seed in 0..200 {
            let bytes = noise(
                seed,
                50 + seed as usize,
                &[0xC2, 0x80, 0x9F, 0xEF, 0xBF, 0xBD, 1, 9],
            );
            cases.push(String::from_utf8_lossy(&bytes).into_owned());
        }
        for t in &cases {
            assert_eq!(looks_binary(t), looks_binary_reference(t), "{t:?}");
        }
    }

    /// `byte_counts` as it was: all three kinds on one pass of three offset streams.
    fn byte_counts_reference(b: &[u8]) -> ByteCounts {
        /// (NUL, control, replacement) flags, 0 or 1, of the position holding `x`,
        /// followed by `y` and `z`. In valid UTF-8, C2 is always followed by a
        /// continuation byte, so `y < 0xA0` there means 0x80-0x9F.
        fn flags(x: u8, y: u8, z: u8) -> (u8, u8, u8) {
            let allowed = (x == b'\t') | (x == b'\n') | (x == b'\r') | (x == 0x0C);
            let c0 = u8::from(x < 0x20) & u8::from(!allowed) & u8::from(x != 0);
            let c1 = u8::from(x == 0xC2) & u8::from(y < 0xA0);
            let fffd = u8::from(x == 0xEF) & u8::from(y == 0xBF) & u8::from(z == 0xBD);
            (u8::from(x == 0), c0 | u8::from(x == 0x7F) | c1, fffd)
        }
        let mut counts = ByteCounts {
            nul: 0,
            control: 0,
            replaced: 0,
        };
        let body = b.len().saturating_sub(2);
        let mut start = 0;
        while start < body {
            let end = (start + BLOCK).min(body);
            let xs = &b[start..end];
            let ys = &b[start + 1..end + 1];
            let zs = &b[start + 2..end + 2];
            let (mut nul, mut control, mut replaced) = (0u8, 0u8, 0u8);
            for ((&x, &y), &z) in xs.iter().zip(ys).zip(zs) {
                let (n, c, r) = flags(x, y, z);
                nul += n;
                control += c;
                replaced += r;
            }
            counts.nul += usize::from(nul);
            counts.control += usize::from(control);
            counts.replaced += usize::from(replaced);
            start = end;
        }
        // The last two positions, whose runs go past the end (read as 0).
        let get = |i: usize| b.get(i).copied().unwrap_or(0);
        for i in body..b.len() {
            let (n, c, r) = flags(get(i), get(i + 1), get(i + 2));
            counts.nul += usize::from(n);
            counts.control += usize::from(c);
            counts.replaced += usize::from(r);
        }
        counts
    }

    #[test]
    fn byte_counts_agree_with_reference() {
        let mut cases: Vec<Vec<u8>> = vec![
            Vec::new(),
            vec![0xC2],
            vec![0xEF, 0xBF],
            SAMPLE.as_bytes().to_vec(),
            "a\u{80}b\u{9F}c\u{A0}d\u{7F}\u{1}\t\n\r\u{C}\0"
                .as_bytes()
                .to_vec(),
            "\u{FFFD}\u{FFFD}ab\u{FFFD}".as_bytes().to_vec(),
        ];
        for seed in 0..300 {
            let bytes = noise(
                seed,
                seed as usize * 3,
                &[
                    0xC2, 0x80, 0x9F, 0xA0, 0xEF, 0xBF, 0xBD, 0, 1, 9, 0x7F, 0x1F, 0x20,
                ],
            );
            cases.push(String::from_utf8_lossy(&bytes).into_owned().into_bytes());
            cases.push(bytes);
        }
        for b in &cases {
            assert_eq!(byte_counts(b), byte_counts_reference(b), "{b:?}");
        }
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
