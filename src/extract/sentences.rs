//! Sentences with char offsets: the unit every item quotes.
//!
//! Split on 。！？； (and their ASCII forms) and on line breaks, which end paragraphs.
//! A closing quote or bracket right after the terminator stays with its sentence.

/// One sentence of a document. Offsets are char offsets into the document text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    pub start: usize,
    pub end: usize,
    /// Index of the paragraph (line) the sentence is in.
    pub para: usize,
    /// The simplified text of the sentence, for matching.
    pub simp: String,
}

fn is_terminator(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '；' | '!' | '?' | ';')
}

fn is_closer(c: char) -> bool {
    matches!(c, '”' | '’' | '」' | '』' | ')' | '）' | '"' | '\'')
}

/// The longest sentence handed to the item rules, in chars. Real sentences stay far
/// below it (the longest in the seed articles has about 530); a longer run without a
/// terminator is a flattened table, a list or junk. Several rules look at the whole
/// sentence once per figure, event or title in it, so an unbounded sentence made them
/// quadratic: a 900 KB line of figures took minutes (issue 5). Cut to this length,
/// each sentence costs at most a bounded amount and a document stays linear.
pub const MAX_SENTENCE_CHARS: usize = 1000;

fn is_clause_break(c: char) -> bool {
    matches!(c, ',' | '，' | '、' | ':' | '：' | ' ' | '\t')
}

/// Splits a document's simplified text into sentences. `text` and `simplified` are the
/// same text, as a string and as chars: offsets are in chars, while each sentence's
/// copy is sliced from the string (byte offsets are kept alongside), which is much
/// cheaper than collecting chars.
pub fn split(text: &str, simplified: &[char]) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut para = 0usize;
    let mut start = 0usize;
    let mut i = 0usize;
    let n = simplified.len();
    let width = |range: &[char]| range.iter().map(|c| c.len_utf8()).sum::<usize>();
    // Offsets come in pairs: chars, and bytes of `text` to slice the copy from.
    let push = |(mut s, mut sb): (usize, usize),
                (mut e, mut eb): (usize, usize),
                para: usize,
                out: &mut Vec<Sentence>| {
        while s < e && simplified[s].is_whitespace() {
            sb += simplified[s].len_utf8();
            s += 1;
        }
        while e > s && simplified[e - 1].is_whitespace() {
            e -= 1;
            eb -= simplified[e].len_utf8();
        }
        while e > s {
            // An overlong run is cut after its last clause break in the second half
            // of the allowed length, else hard at the limit.
            let cut = if e - s <= MAX_SENTENCE_CHARS {
                e
            } else {
                let limit = s + MAX_SENTENCE_CHARS;
                (s + MAX_SENTENCE_CHARS / 2..limit)
                    .rev()
                    .find(|&k| is_clause_break(simplified[k]))
                    .map_or(limit, |k| k + 1)
            };
            let cut_b = if cut == e {
                eb
            } else {
                sb + width(&simplified[s..cut])
            };
            let (mut piece_end, mut piece_end_b) = (cut, cut_b);
            while piece_end > s && simplified[piece_end - 1].is_whitespace() {
                piece_end -= 1;
                piece_end_b -= simplified[piece_end].len_utf8();
            }
            if piece_end > s {
                out.push(Sentence {
                    start: s,
                    end: piece_end,
                    para,
                    simp: text.get(sb..piece_end_b).unwrap_or_default().to_string(),
                });
            }
            (s, sb) = (cut, cut_b);
            while s < e && simplified[s].is_whitespace() {
                sb += simplified[s].len_utf8();
                s += 1;
            }
        }
    };
    // Byte offset of char `i` and of char `start`.
    let mut b = 0usize;
    let mut start_b = 0usize;
    while i < n {
        let c = simplified[i];
        // Han and most other text: no line break, terminator or closer lies here, and
        // each of these chars takes three bytes.
        if ('\u{3400}'..'\u{FF00}').contains(&c) {
            i += 1;
            b += 3;
            continue;
        }
        if c == '\n' {
            push((start, start_b), (i, b), para, &mut out);
            para += 1;
            start = i + 1;
            start_b = b + 1;
        } else if is_terminator(c) {
            let mut e = i + 1;
            let mut eb = b + c.len_utf8();
            while e < n && (is_terminator(simplified[e]) || is_closer(simplified[e])) {
                eb += simplified[e].len_utf8();
                e += 1;
            }
            push((start, start_b), (e, eb), para, &mut out);
            (start, start_b) = (e, eb);
            (i, b) = (e, eb);
            continue;
        }
        b += c.len_utf8();
        i += 1;
    }
    push((start, start_b), (n, b), para, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_with_offsets() {
        let text: Vec<char> = "他说:“好。”然后走了!\n第二段;还有 \n\n最后"
            .chars()
            .collect();
        let s = split(&text.iter().collect::<String>(), &text);
        let got: Vec<(&str, usize)> = s.iter().map(|s| (s.simp.as_str(), s.para)).collect();
        assert_eq!(
            got,
            vec![
                ("他说:“好。”", 0),
                ("然后走了!", 0),
                ("第二段;", 1),
                ("还有", 1),
                ("最后", 3)
            ]
        );
        for x in &s {
            assert_eq!(text[x.start..x.end].iter().collect::<String>(), x.simp);
        }
    }

    #[test]
    fn overlong_runs_are_cut_at_clause_breaks() {
        let run = "某某大会开幕、".repeat(400);
        let text: Vec<char> = format!("短句。{run}\n下一段").chars().collect();
        let s = split(&text.iter().collect::<String>(), &text);
        assert_eq!(s[0].simp, "短句。");
        assert_eq!(s.last().map(|x| x.simp.as_str()), Some("下一段"));
        let middle = &s[1..s.len() - 1];
        assert!(middle.len() >= 3);
        for x in middle {
            assert!(x.end - x.start <= MAX_SENTENCE_CHARS, "{}", x.end - x.start);
            assert!(x.simp.ends_with('、') || x.end == s.last().map_or(0, |l| l.start) - 1);
            assert_eq!(x.para, 0);
            assert_eq!(text[x.start..x.end].iter().collect::<String>(), x.simp);
        }
        // Nothing is lost: the pieces tile the run.
        for w in middle.windows(2) {
            assert_eq!(w[0].end, w[1].start);
        }
        // No break at all: hard cuts at the limit.
        let text: Vec<char> = "字".repeat(2500).chars().collect();
        let lens: Vec<usize> = split(&text.iter().collect::<String>(), &text)
            .iter()
            .map(|x| x.end - x.start)
            .collect();
        assert_eq!(lens, vec![1000, 1000, 500]);
    }
}
