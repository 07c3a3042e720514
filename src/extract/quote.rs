//! An item's source sentence as a span of its document's text: the items of one
//! document share that text instead of each copying its sentence (issue 15 measured
//! the copies on large corpora and on one-line junk files).

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::ops::{Deref, Range};
use std::sync::Arc;

/// A sentence borrowed from a shared text by byte range. Reads as a `&str` (through
/// `Deref`), and is serialised as a plain string, so the JSON contract does not see
/// the difference. Quotes read from results files or written by curation own their
/// text (the range is then the whole of it).
#[derive(Clone, Default)]
pub struct Quote {
    text: Arc<str>,
    /// Byte offsets into `text`, on char boundaries. `u32`s keep a quote as small as
    /// the `String` it replaces; a text too long for them is owned instead.
    start: u32,
    end: u32,
}

impl Quote {
    /// The part `range` (byte offsets on char boundaries) of a shared text; an owned
    /// copy when the offsets do not fit the span's width, and empty when they are not
    /// a slice of the text.
    pub fn new(text: &Arc<str>, range: Range<usize>) -> Self {
        let Some(part) = text.get(range.clone()) else {
            return Self::default();
        };
        match (u32::try_from(range.start), u32::try_from(range.end)) {
            (Ok(start), Ok(end)) => Self {
                text: Arc::clone(text),
                start,
                end,
            },
            _ => Self::from(part),
        }
    }

    pub fn as_str(&self) -> &str {
        // The range was checked against the text when the quote was made.
        &self.text[self.start as usize..self.end as usize]
    }
}

impl Deref for Quote {
    type Target = str;

    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for Quote {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl std::borrow::Borrow<str> for Quote {
    fn borrow(&self) -> &str {
        self.as_str()
    }
}

impl From<String> for Quote {
    fn from(s: String) -> Self {
        Self::from(Arc::<str>::from(s))
    }
}

impl From<&str> for Quote {
    fn from(s: &str) -> Self {
        Self::from(Arc::<str>::from(s))
    }
}

impl From<Arc<str>> for Quote {
    fn from(text: Arc<str>) -> Self {
        let len = text.len();
        Self::new(&text, 0..len)
    }
}

impl From<Quote> for String {
    fn from(q: Quote) -> Self {
        q.as_str().to_owned()
    }
}

impl fmt::Debug for Quote {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for Quote {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl PartialEq for Quote {
    fn eq(&self, other: &Self) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for Quote {}

impl std::hash::Hash for Quote {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.as_str().hash(state);
    }
}

impl PartialEq<str> for Quote {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Quote {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<String> for Quote {
    fn eq(&self, other: &String) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<Quote> for String {
    fn eq(&self, other: &Quote) -> bool {
        self == other.as_str()
    }
}

impl PartialEq<Quote> for str {
    fn eq(&self, other: &Quote) -> bool {
        self == other.as_str()
    }
}

impl PartialEq<Quote> for &str {
    fn eq(&self, other: &Quote) -> bool {
        *self == other.as_str()
    }
}

impl Serialize for Quote {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Quote {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        String::deserialize(d).map(Self::from)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_span_reads_as_its_part_of_the_shared_text() {
        let text: Arc<str> = Arc::from("第一句。第二句。");
        let q = Quote::new(&text, "第一句。".len()..text.len());
        assert_eq!(q, "第二句。");
        assert_eq!(q.chars().count(), 4);
        assert_eq!(
            Arc::strong_count(&text),
            2,
            "the text is shared, not copied"
        );
        assert_eq!(format!("{q:?}"), "\"第二句。\"");
    }

    #[test]
    fn a_range_off_char_boundaries_is_empty_not_a_panic() {
        let text: Arc<str> = Arc::from("第一句。");
        assert_eq!(Quote::new(&text, 1..4), "");
        assert_eq!(Quote::new(&text, 0..99), "");
    }

    #[test]
    fn serialised_as_a_plain_string_both_ways() {
        let text: Arc<str> = Arc::from("前文。“引号”\n");
        let q = Quote::new(&text, "前文。".len()..text.len());
        let json = serde_json::to_string(&q).unwrap();
        assert_eq!(json, serde_json::to_string("“引号”\n").unwrap());
        let back: Quote = serde_json::from_str(&json).unwrap();
        assert_eq!(back, q);
        assert_eq!(Quote::from(String::from("“引号”\n")), q);
    }
}
