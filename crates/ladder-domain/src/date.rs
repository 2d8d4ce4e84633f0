//! Dates and timestamps as Ladder reads them.
//!
//! Timestamps are UTC. A calendar day is the UTC day of a timestamp; "days since" and "days between"
//! count whole UTC days, so an order at 23:59 and one at 00:01 the next day are one day apart.

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use serde::{Deserialize, Serialize};
use std::fmt;

/// Seconds in a day, for converting Unix timestamps to day numbers.
pub const SECONDS_PER_DAY: i64 = 86_400;

/// Why a date or timestamp could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    /// Neither `YYYY-MM-DD` nor RFC 3339.
    #[error("is not a date; use YYYY-MM-DD or RFC 3339 such as 2025-03-02T14:30:00Z")]
    NotADate,
    /// A birthday in neither `YYYY-MM-DD` nor `--MM-DD`.
    #[error("is not a birthday; use YYYY-MM-DD, or --MM-DD when the year is unknown")]
    NotABirthday,
    /// Before 1970-01-01, which Ladder does not store.
    #[error("is before 1970-01-01")]
    TooEarly,
}

/// The first year a date in Ladder may have.
pub const FIRST_YEAR: i32 = 1900;

/// Reads a plain `YYYY-MM-DD` date without allocating (the import's hot path). Persian and Arabic digits
/// read as the digits they are (a Persian owner types ۲۰۲۶-۱۲-۰۱). A year before [`FIRST_YEAR`] is not a
/// shop's date — most likely a Jalali date (1405-09-02) where a Gregorian one is read — and is refused,
/// not stored as the year 1405.
pub fn parse_ymd(s: &str) -> Option<NaiveDate> {
    if !s.is_ascii() {
        let ascii: String = s
            .chars()
            .map(|c| match c {
                '۰'..='۹' => char::from(b'0' + (c as u32 - '۰' as u32) as u8),
                '٠'..='٩' => char::from(b'0' + (c as u32 - '٠' as u32) as u8),
                other => other,
            })
            .collect();
        return ascii.is_ascii().then(|| parse_ymd(&ascii)).flatten();
    }
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        b[r].iter().try_fold(0u32, |acc, &c| c.is_ascii_digit().then(|| acc * 10 + u32::from(c - b'0')))
    };
    let year = i32::try_from(num(0..4)?).ok()?;
    if year < FIRST_YEAR {
        return None;
    }
    NaiveDate::from_ymd_opt(year, num(5..7)?, num(8..10)?)
}

/// Reads a timestamp given as `YYYY-MM-DD` (midnight UTC) or RFC 3339 (converted to UTC).
pub fn parse_timestamp(s: &str) -> Result<DateTime<Utc>, DateError> {
    let s = s.trim();
    let ts = if let Some(date) = parse_ymd(s) {
        date.and_time(NaiveTime::MIN).and_utc()
    } else {
        DateTime::parse_from_rfc3339(s).map_err(|_| DateError::NotADate)?.with_timezone(&Utc)
    };
    if ts.timestamp() < 0 {
        return Err(DateError::TooEarly);
    }
    Ok(ts)
}

/// Reads a calendar date in `YYYY-MM-DD`.
pub fn parse_date(s: &str) -> Result<NaiveDate, DateError> {
    parse_ymd(s.trim()).ok_or(DateError::NotADate)
}

/// The UTC day number (days since 1970-01-01) of a Unix timestamp in seconds.
pub fn day_number(unix_seconds: i64) -> i64 {
    unix_seconds.div_euclid(SECONDS_PER_DAY)
}

/// The UTC day number of a date.
pub fn date_day_number(date: NaiveDate) -> i64 {
    date.and_time(NaiveTime::MIN).and_utc().timestamp().div_euclid(SECONDS_PER_DAY)
}

/// The UTC day number of a date that may be missing (as the stores keep dates).
pub fn optional_day_number(date: Option<NaiveDate>) -> Option<i64> {
    date.map(date_day_number)
}

/// The date of a UTC day number.
pub fn date_of_day(day: i64) -> NaiveDate {
    DateTime::from_timestamp(day * SECONDS_PER_DAY, 0).map_or(NaiveDate::MIN, |t| t.date_naive())
}

/// The first second after the end of `as_of` (UTC): everything strictly before it happened by `as_of`.
pub fn end_of_day(as_of: NaiveDate) -> i64 {
    (date_day_number(as_of) + 1) * SECONDS_PER_DAY
}

/// A birthday whose year may be unknown (`--MM-DD`). In JSON it is the text of the customers file's
/// column (`"1985-04-12"`, `"--03-21"`), as the API's callers write it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Birthday {
    /// The year, when known.
    pub year: Option<i32>,
    /// Month, 1–12.
    pub month: u32,
    /// Day of the month, 1–31.
    pub day: u32,
}

impl Birthday {
    /// Reads `YYYY-MM-DD` or `--MM-DD`; 29 February is allowed without a year.
    pub fn parse(s: &str) -> Result<Self, DateError> {
        let s = s.trim();
        if let Some(rest) = s.strip_prefix("--") {
            let date = parse_ymd(&format!("2000-{rest}")).ok_or(DateError::NotABirthday)?;
            return Ok(Self { year: None, month: chrono::Datelike::month(&date), day: chrono::Datelike::day(&date) });
        }
        let date = parse_ymd(s).ok_or(DateError::NotABirthday)?;
        Ok(Self {
            year: Some(chrono::Datelike::year(&date)),
            month: chrono::Datelike::month(&date),
            day: chrono::Datelike::day(&date),
        })
    }
}

impl fmt::Display for Birthday {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.year {
            Some(y) => write!(f, "{y:04}-{:02}-{:02}", self.month, self.day),
            None => write!(f, "--{:02}-{:02}", self.month, self.day),
        }
    }
}

/// English ordinal of a count: 1st, 2nd, 3rd, 4th, 11th, 22nd.
pub fn ordinal(n: u64) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

impl From<Birthday> for String {
    fn from(b: Birthday) -> Self {
        b.to_string()
    }
}

impl TryFrom<String> for Birthday {
    type Error = String;

    fn try_from(text: String) -> Result<Self, Self::Error> {
        Birthday::parse(&text).map_err(|_| format!("{text:?} is not a birthday; use YYYY-MM-DD or --MM-DD"))
    }
}

#[cfg(test)]
mod ymd_tests {
    #[test]
    fn dates_read_persian_digits_and_refuse_jalali_years() {
        assert_eq!(super::parse_ymd("۲۰۲۶-۱۲-۰۱").map(|d| d.to_string()).as_deref(), Some("2026-12-01"));
        assert_eq!(super::parse_ymd("1405-09-02"), None, "a Jalali date is not the year 1405");
        assert_eq!(super::parse_ymd("2026-12-01").map(|d| d.to_string()).as_deref(), Some("2026-12-01"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_dates_and_rfc3339_are_utc() {
        assert_eq!(parse_timestamp("2025-03-02").unwrap().to_rfc3339(), "2025-03-02T00:00:00+00:00");
        assert_eq!(parse_timestamp("2025-03-02T01:30:00+03:00").unwrap().to_rfc3339(), "2025-03-01T22:30:00+00:00");
        assert_eq!(parse_timestamp("2025-13-02"), Err(DateError::NotADate));
        assert_eq!(parse_timestamp("02/03/2025"), Err(DateError::NotADate));
        assert_eq!(parse_timestamp("1969-12-31"), Err(DateError::TooEarly));
    }

    #[test]
    fn birthdays_with_and_without_year() {
        assert_eq!(Birthday::parse("1985-04-12").unwrap().to_string(), "1985-04-12");
        assert_eq!(Birthday::parse("--02-29").unwrap(), Birthday { year: None, month: 2, day: 29 });
        assert_eq!(Birthday::parse("1985-02-29"), Err(DateError::NotABirthday));
        assert_eq!(Birthday::parse("--13-01"), Err(DateError::NotABirthday));
    }

    #[test]
    fn day_numbers_round_trip_and_end_of_day_is_exclusive() {
        let d = NaiveDate::from_ymd_opt(2025, 3, 2).unwrap();
        assert_eq!(date_of_day(date_day_number(d)), d);
        let eod = end_of_day(d);
        assert_eq!(day_number(eod - 1), date_day_number(d));
        assert_eq!(day_number(eod), date_day_number(d) + 1);
    }

    #[test]
    fn ordinals() {
        let got: Vec<String> = [1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 101, 111].into_iter().map(ordinal).collect();
        assert_eq!(got, ["1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "23rd", "101st", "111th"]);
    }
}
