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

/// Splits `simplified` (a document's simplified text) into sentences.
pub fn split(simplified: &[char]) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut para = 0usize;
    let mut start = 0usize;
    let mut i = 0usize;
    let n = simplified.len();
    let push = |s: usize, e: usize, para: usize, out: &mut Vec<Sentence>| {
        let (mut s, mut e) = (s, e);
        while s < e && simplified[s].is_whitespace() {
            s += 1;
        }
        while e > s && simplified[e - 1].is_whitespace() {
            e -= 1;
        }
        if e > s {
            out.push(Sentence {
                start: s,
                end: e,
                para,
                simp: simplified[s..e].iter().collect(),
            });
        }
    };
    while i < n {
        let c = simplified[i];
        if c == '\n' {
            push(start, i, para, &mut out);
            para += 1;
            start = i + 1;
        } else if is_terminator(c) {
            let mut e = i + 1;
            while e < n && (is_terminator(simplified[e]) || is_closer(simplified[e])) {
                e += 1;
            }
            push(start, e, para, &mut out);
            start = e;
            i = e;
            continue;
        }
        i += 1;
    }
    push(start, n, para, &mut out);
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
        let s = split(&text);
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
}
