//! Traditional ↔ simplified: one simplified copy for matching, the original for display.
//!
//! The conversion is char for char, so an offset found in the simplified copy is the
//! same offset in the original text. fast2s converts each char on its own (with a few
//! context rules), which keeps that guarantee.

use crate::corpus::Script;

/// Converts to simplified Chinese, keeping the char count.
pub fn to_simplified(s: &str) -> String {
    let out = fast2s::convert(s);
    if out.chars().count() == s.chars().count() {
        out
    } else {
        // Not expected from fast2s; keep offsets valid whatever it does.
        s.chars()
            .map(|c| {
                let mut buf = [0u8; 4];
                let one = fast2s::convert(c.encode_utf8(&mut buf));
                let mut it = one.chars();
                match (it.next(), it.next()) {
                    (Some(x), None) => x,
                    _ => c,
                }
            })
            .collect()
    }
}

/// Which script a text is in, from how many of its Han chars change when simplified.
pub fn detect(original: &str, simplified: &str) -> Script {
    let mut han = 0usize;
    let mut changed = 0usize;
    for (a, b) in original.chars().zip(simplified.chars()) {
        if is_han(a) {
            han += 1;
            if a != b {
                changed += 1;
            }
        }
    }
    if han == 0 || changed * 100 < han {
        Script::Hans
    } else if changed * 100 >= han * 8 {
        // Traditional text changes on roughly a fifth to a third of its chars.
        Script::Hant
    } else {
        Script::Mixed
    }
}

pub fn is_han(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '\u{F900}'..='\u{FAFF}' | '\u{20000}'..='\u{2FFFF}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conversion_keeps_offsets() {
        let t = "上海國際生物醫藥產業周開幕";
        let s = to_simplified(t);
        assert_eq!(s, "上海国际生物医药产业周开幕");
        assert_eq!(s.chars().count(), t.chars().count());
    }

    #[test]
    fn detects_scripts() {
        let t = "上海國際生物醫藥產業周在張江科學會堂舉行";
        assert_eq!(detect(t, &to_simplified(t)), Script::Hant);
        let s = "上海国际生物医药产业周在张江科学会堂举行";
        assert_eq!(detect(s, &to_simplified(s)), Script::Hans);
    }
}
