//! Dates whose precision is part of the value.
//!
//! News text states dates at day, month or year precision ("2025年", "11月", "11月14日").
//! Pretending a year-precision date is January 1st would put items on the wrong day
//! in the timeline and in exports, so the precision travels with the date everywhere.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// How much of a date is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Precision {
    Year,
    Month,
    Day,
}

/// A calendar date known to year, month or day precision.
///
/// Ordering is chronological with the less precise date first on ties
/// (2025 < 2025-01 < 2025-01-01), which keeps sorted timelines stable.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PartialDate {
    pub year: i32,
    /// 1..=12 when known.
    pub month: Option<u32>,
    /// 1..=31 when known; only set when `month` is.
    pub day: Option<u32>,
}

impl PartialDate {
    pub fn year(year: i32) -> Self {
        Self {
            year,
            month: None,
            day: None,
        }
    }

    /// None when the month is out of range.
    pub fn month(year: i32, month: u32) -> Option<Self> {
        (1..=12).contains(&month).then_some(Self {
            year,
            month: Some(month),
            day: None,
        })
    }

    /// None when the day does not exist in that month.
    pub fn day(year: i32, month: u32, day: u32) -> Option<Self> {
        NaiveDate::from_ymd_opt(year, month, day).map(Self::from)
    }

    pub fn precision(&self) -> Precision {
        match (self.month, self.day) {
            (Some(_), Some(_)) => Precision::Day,
            (Some(_), None) => Precision::Month,
            _ => Precision::Year,
        }
    }

    /// The first day the date covers.
    pub fn start(&self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, self.month.unwrap_or(1), self.day.unwrap_or(1))
            .unwrap_or(NaiveDate::MIN)
    }

    /// The middle of the period the date covers: where a year- or month-precision
    /// item is drawn so that it does not look like it happened on the 1st.
    pub fn midpoint_days(&self) -> f64 {
        let start = self.start();
        let len = match self.precision() {
            Precision::Day => 1.0,
            Precision::Month => {
                let next = if self.month == Some(12) {
                    NaiveDate::from_ymd_opt(self.year + 1, 1, 1)
                } else {
                    NaiveDate::from_ymd_opt(self.year, self.month.unwrap_or(1) + 1, 1)
                };
                next.map(|n| (n - start).num_days() as f64).unwrap_or(30.0)
            }
            Precision::Year => {
                if NaiveDate::from_ymd_opt(self.year, 2, 29).is_some() {
                    366.0
                } else {
                    365.0
                }
            }
        };
        days_since_epoch(start) + len / 2.0
    }

    /// Keeps only what both dates agree on, e.g. to widen 2024-11-16 to 2024-11.
    pub fn truncate(&self, precision: Precision) -> Self {
        match precision {
            Precision::Year => Self::year(self.year),
            Precision::Month => Self { day: None, ..*self },
            Precision::Day => *self,
        }
    }

    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    pub fn parse(s: &str) -> Option<Self> {
        let mut parts = s.split('-');
        let y: i32 = parts.next()?.parse().ok()?;
        let out = match (parts.next(), parts.next()) {
            (None, _) => Self::year(y),
            (Some(m), None) => Self::month(y, m.parse().ok()?)?,
            (Some(m), Some(d)) => Self::day(y, m.parse().ok()?, d.parse().ok()?)?,
        };
        parts.next().is_none().then_some(out)
    }
}

impl From<NaiveDate> for PartialDate {
    fn from(d: NaiveDate) -> Self {
        Self {
            year: d.year(),
            month: Some(d.month()),
            day: Some(d.day()),
        }
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.month, self.day) {
            (Some(m), Some(d)) => write!(f, "{:04}-{:02}-{:02}", self.year, m, d),
            (Some(m), None) => write!(f, "{:04}-{:02}", self.year, m),
            _ => write!(f, "{:04}", self.year),
        }
    }
}

impl Serialize for PartialDate {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for PartialDate {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Self::parse(&s).ok_or_else(|| serde::de::Error::custom(format!("not a date: {s}")))
    }
}

/// Days since 1970-01-01: the x axis of every chart.
pub fn days_since_epoch(d: NaiveDate) -> f64 {
    (d - NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or(NaiveDate::MIN)).num_days() as f64
}

/// Inverse of [`days_since_epoch`], clamped to chrono's range.
pub fn date_from_days(days: f64) -> NaiveDate {
    let epoch = NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or(NaiveDate::MIN);
    let days = days.clamp(-1.0e6, 1.0e6).floor() as i64;
    epoch
        .checked_add_signed(chrono::Duration::days(days))
        .unwrap_or(epoch)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_and_parse_round_trip() {
        for s in ["2025", "2024-11", "2024-11-16"] {
            assert_eq!(PartialDate::parse(s).unwrap().to_string(), s);
        }
        assert!(PartialDate::parse("2024-02-30").is_none());
        assert!(PartialDate::parse("2024-13").is_none());
        assert!(PartialDate::parse("x").is_none());
    }

    #[test]
    fn less_precise_sorts_first() {
        let y = PartialDate::year(2025);
        let m = PartialDate::month(2025, 1).unwrap();
        let d = PartialDate::day(2025, 1, 1).unwrap();
        assert!(y < m && m < d);
        assert!(PartialDate::day(2024, 12, 31).unwrap() < y);
    }
}
