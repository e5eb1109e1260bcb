//! Dates that may be partial: a year, a month, or a day.
//!
//! Newspaper pages often state only `12月27日`, or nothing at all, and an
//! editor may know only the year. Such a date is kept as precise as it is
//! known, never padded into a false precision.

use serde::{Deserialize, Serialize};
use std::fmt;

/// A year, year-month or full date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PartialDate {
    /// The year, e.g. 2025.
    pub year: u16,
    /// 1–12, if known.
    pub month: Option<u8>,
    /// 1–31, if known (only with a month).
    pub day: Option<u8>,
}

impl PartialDate {
    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    pub fn parse(s: &str) -> Result<Self, String> {
        let bad = || format!("`{s}` is not a date: write YYYY, YYYY-MM or YYYY-MM-DD");
        let mut parts = s.trim().split('-');
        let year: u16 = parts.next().and_then(|y| y.parse().ok()).ok_or_else(bad)?;
        let month: Option<u8> = parts
            .next()
            .map(|m| m.parse().map_err(|_| bad()))
            .transpose()?;
        let day: Option<u8> = parts
            .next()
            .map(|d| d.parse().map_err(|_| bad()))
            .transpose()?;
        if parts.next().is_some() || !(1000..=9999).contains(&year) {
            return Err(bad());
        }
        if month.is_some_and(|m| !(1..=12).contains(&m)) {
            return Err(bad());
        }
        if let (Some(m), Some(d)) = (month, day) {
            if d == 0 || d > days_in_month(year, m) {
                return Err(bad());
            }
        }
        Ok(PartialDate { year, month, day })
    }

    /// `2025年2月13日`, `2025年2月` or `2025年`.
    pub fn chinese(&self) -> String {
        match (self.month, self.day) {
            (Some(m), Some(d)) => format!("{}年{m}月{d}日", self.year),
            (Some(m), None) => format!("{}年{m}月", self.year),
            _ => format!("{}年", self.year),
        }
    }

    /// RFC 3339 timestamp at the start of the date in China (UTC+8), for
    /// feeds; unknown month or day count as the first.
    pub fn rfc3339(&self) -> String {
        format!(
            "{:04}-{:02}-{:02}T00:00:00+08:00",
            self.year,
            self.month.unwrap_or(1),
            self.day.unwrap_or(1)
        )
    }
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        2 if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => {
            29
        }
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
            if let Some(d) = self.day {
                write!(f, "-{d:02}")?;
            }
        }
        Ok(())
    }
}

impl Serialize for PartialDate {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for PartialDate {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        // A visitor rather than an untagged enum: untagged buffering would
        // lose the YAML position that errors report.
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = PartialDate;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a date: YYYY, YYYY-MM or YYYY-MM-DD")
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<PartialDate, E> {
                PartialDate::parse(&v.to_string()).map_err(E::custom)
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<PartialDate, E> {
                PartialDate::parse(&v.to_string()).map_err(E::custom)
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<PartialDate, E> {
                PartialDate::parse(v).map_err(E::custom)
            }
        }
        d.deserialize_any(Visitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_partial_dates() {
        assert_eq!(PartialDate::parse("2025").unwrap().chinese(), "2025年");
        assert_eq!(
            PartialDate::parse("2025-02").unwrap().to_string(),
            "2025-02"
        );
        let d = PartialDate::parse("2024-12-27").unwrap();
        assert_eq!(d.chinese(), "2024年12月27日");
        assert_eq!(d.rfc3339(), "2024-12-27T00:00:00+08:00");
        for bad in ["", "25", "2025-13", "2025-02-30", "2025-1-1-1", "二〇二五"] {
            assert!(PartialDate::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn year_only_dates_order_before_full_dates_of_that_year() {
        let y = PartialDate::parse("2024").unwrap();
        let d = PartialDate::parse("2024-01-01").unwrap();
        assert!(y < d);
    }

    #[test]
    fn deserializes_bare_year_and_string() {
        let d: PartialDate = yaml_serde::from_str("2023").unwrap();
        assert_eq!(d.year, 2023);
        let d: PartialDate = yaml_serde::from_str("2023-10-10").unwrap();
        assert_eq!(d.day, Some(10));
    }
}
