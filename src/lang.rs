//! The language of everything the program writes for people: the window's labels,
//! chart titles, legends and axes, in the window and in exported files. The data
//! (titles, quotes, outlets) is never translated: it stays as the source wrote it.

use serde::{Deserialize, Serialize};

/// Chinese or English.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum Lang {
    #[default]
    Zh,
    En,
}

impl Lang {
    /// The text in this language, of a pair.
    pub fn pick<'a>(self, zh: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }
}
