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
    /// `YYYY-MM-DD` with a year before [`FIRST_YEAR`]: most likely a date of another calendar.
    #[error(
        "has the year {0}: dates are Gregorian (YYYY-MM-DD such as 2026-11-23); convert Jalali or Hebrew dates first"
    )]
    NotGregorian(i32),
}

/// The calendar a person reads and types dates in: Persian readers see and type Jalali dates, every
/// other reader Gregorian ones. Files and the API are always Gregorian.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Calendar {
    /// The Gregorian calendar.
    #[default]
    Gregorian,
    /// The Jalali (Solar Hijri) calendar.
    Jalali,
}

impl Calendar {
    /// The month of `day` counted from year 0 of this calendar: year × 12 + month − 1. Consecutive
    /// months have consecutive indexes, so months since another month is a subtraction.
    pub fn month_index(self, day: NaiveDate) -> i32 {
        match self {
            Calendar::Gregorian => chrono::Datelike::year(&day) * 12 + chrono::Datelike::month0(&day) as i32,
            Calendar::Jalali => {
                let (year, month, _) = crate::jalali::to_jalali(day);
                year * 12 + month as i32 - 1
            }
        }
    }

    /// The first day of the month with this index.
    pub fn month_start(self, index: i32) -> Option<NaiveDate> {
        let (year, month) = (index.div_euclid(12), index.rem_euclid(12) as u32 + 1);
        match self {
            Calendar::Gregorian => NaiveDate::from_ymd_opt(year, month, 1),
            Calendar::Jalali => crate::jalali::from_jalali(year, month, 1),
        }
    }

    /// The `YYYY-MM` key of a month index. A Jalali month's year is before [`FIRST_YEAR`], so the key
    /// itself tells which calendar it is of.
    pub fn month_key(index: i32) -> String {
        format!("{:04}-{:02}", index.div_euclid(12), index.rem_euclid(12) + 1)
    }

    /// The calendar and month index of a `YYYY-MM` key of [`Calendar::month_key`]: a year before
    /// [`FIRST_YEAR`] is Jalali.
    pub fn of_month_key(key: &str) -> Option<(Calendar, i32)> {
        let (year, month) = key.split_once('-')?;
        let (year, month): (i32, i32) = (year.parse().ok()?, month.parse().ok()?);
        if !(1..=12).contains(&month) {
            return None;
        }
        let calendar = if year < FIRST_YEAR { Calendar::Jalali } else { Calendar::Gregorian };
        Some((calendar, year * 12 + month - 1))
    }

    /// The month of `day` and the same days of the month before and of the month a year before, in
    /// this calendar: from each month's first day to the same day of the month (stopped at a shorter
    /// month's end), for comparing a month to date.
    pub fn month_to_date(self, day: NaiveDate) -> [(NaiveDate, NaiveDate); 3] {
        let index = self.month_index(day);
        let first = self.month_start(index).unwrap_or(day);
        let into = (day - first).num_days();
        let back = |months: i32| {
            let start = self.month_start(index - months).unwrap_or(first);
            let next = self.month_start(index - months + 1).unwrap_or(first);
            let end = (start + chrono::Duration::days(into)).min(next - chrono::Duration::days(1));
            (start, end)
        };
        [(first, day), back(1), back(12)]
    }
}

/// The Jalali years a typed date may have: those of Gregorian 1900 to 2100 (the Gregorian years 1279
/// to 1479 are refused anyway, so a Gregorian date pasted into a Jalali field still reads).
const JALALI_YEARS: std::ops::RangeInclusive<i32> = 1279..=1479;

/// Reads a date a person typed in `calendar`: year, month and day separated by `-` or `/`, in ASCII,
/// Persian or Arabic digits (`1405/9/2`, `۱۴۰۵-۰۹-۰۲`). A year from [`FIRST_YEAR`] is Gregorian in either
/// calendar; an earlier one is Jalali for a Jalali reader and refused, naming the calendar, for others.
pub fn parse_typed(s: &str, calendar: Calendar) -> Result<NaiveDate, DateError> {
    let ascii = ascii_digits(s.trim());
    let mut parts = ascii.split(['-', '/']).map(|p| p.parse::<u32>().ok().filter(|_| !p.is_empty() && p.len() <= 4));
    let (Some(Some(year)), Some(Some(month)), Some(Some(day)), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(DateError::NotADate);
    };
    let year = i32::try_from(year).map_err(|_| DateError::NotADate)?;
    if year >= FIRST_YEAR {
        return NaiveDate::from_ymd_opt(year, month, day).ok_or(DateError::NotADate);
    }
    match calendar {
        Calendar::Jalali if JALALI_YEARS.contains(&year) => {
            crate::jalali::from_jalali(year, month, day).ok_or(DateError::NotADate)
        }
        _ => Err(DateError::NotGregorian(year)),
    }
}

/// `text` with Persian and Arabic-Indic digits written as ASCII digits.
pub fn ascii_digits(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '۰'..='۹' => char::from(b'0' + (c as u32 - '۰' as u32) as u8),
            '٠'..='٩' => char::from(b'0' + (c as u32 - '٠' as u32) as u8),
            other => other,
        })
        .collect()
}

/// The first year a date in Ladder may have.
pub const FIRST_YEAR: i32 = 1900;

/// Reads a plain `YYYY-MM-DD` date without allocating (the import's hot path). Persian and Arabic digits
/// read as the digits they are (a Persian owner types ۲۰۲۶-۱۲-۰۱). A year before [`FIRST_YEAR`] is not a
/// shop's date — most likely a Jalali date (1405-09-02) where a Gregorian one is read — and is refused,
/// not stored as the year 1405.
pub fn parse_ymd(s: &str) -> Option<NaiveDate> {
    if !s.is_ascii() {
        let ascii = ascii_digits(s);
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

/// Reads a calendar date in `YYYY-MM-DD`; a year before [`FIRST_YEAR`] is refused as another calendar's.
pub fn parse_date(s: &str) -> Result<NaiveDate, DateError> {
    let s = s.trim();
    parse_ymd(s).ok_or_else(|| early_year(s).map_or(DateError::NotADate, DateError::NotGregorian))
}

/// The year of `YYYY-MM-DD` text when it is before [`FIRST_YEAR`]: a date of another calendar, to be
/// named as such in the error.
pub fn early_year(s: &str) -> Option<i32> {
    let ascii = ascii_digits(s.trim());
    let year: i32 = ascii.get(..4)?.parse().ok()?;
    (ascii.as_bytes().get(4) == Some(&b'-') && year < FIRST_YEAR).then_some(year)
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
        assert_eq!(super::parse_date("1405-09-02"), Err(super::DateError::NotGregorian(1405)));
        assert_eq!(super::early_year("۱۴۰۵-۰۹-۰۲T10:00:00Z"), Some(1405));
        assert_eq!(super::early_year("2026-09-02"), None);
    }

    #[test]
    fn months_count_in_either_calendar() {
        use super::Calendar;
        let day = |s: &str| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("day");
        let g = Calendar::Gregorian;
        assert_eq!(Calendar::month_key(g.month_index(day("2024-12-31"))), "2024-12");
        assert_eq!(g.month_index(day("2025-01-01")) - g.month_index(day("2024-12-31")), 1);
        let j = Calendar::Jalali;
        // 1 Dey 1403 is 21 December 2024: December 2024 lies across Azar and Dey.
        assert_eq!(Calendar::month_key(j.month_index(day("2024-12-20"))), "1403-09");
        assert_eq!(Calendar::month_key(j.month_index(day("2024-12-21"))), "1403-10");
        assert_eq!(j.month_start(j.month_index(day("2024-12-31"))), Some(day("2024-12-21")));
        assert_eq!(j.month_index(day("2025-03-21")) - j.month_index(day("2025-03-20")), 1, "Nowruz starts a year");
        assert_eq!(
            g.month_to_date(day("2025-03-31")),
            [
                (day("2025-03-01"), day("2025-03-31")),
                (day("2025-02-01"), day("2025-02-28")),
                (day("2024-03-01"), day("2024-03-31"))
            ]
        );
        // 5 Azar 1405 = 26 November 2026: Aban and Azar 1404 to their 5th.
        assert_eq!(
            j.month_to_date(day("2026-11-26")),
            [
                (day("2026-11-22"), day("2026-11-26")),
                (day("2026-10-23"), day("2026-10-27")),
                (day("2025-11-22"), day("2025-11-26"))
            ]
        );
    }

    #[test]
    fn typed_dates_read_in_the_readers_calendar() {
        use super::{Calendar, DateError, parse_typed};
        let day = |s: &str| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("day");
        assert_eq!(parse_typed("1405-09-02", Calendar::Jalali), Ok(day("2026-11-23")));
        assert_eq!(parse_typed("۱۴۰۵/۹/۲", Calendar::Jalali), Ok(day("2026-11-23")), "Persian digits, slashes");
        assert_eq!(parse_typed("1403-12-30", Calendar::Jalali), Ok(day("2025-03-20")), "30 Esfand of a leap year");
        assert_eq!(parse_typed("1404-12-30", Calendar::Jalali), Err(DateError::NotADate), "a common year");
        assert_eq!(parse_typed("2026-11-23", Calendar::Jalali), Ok(day("2026-11-23")), "a pasted Gregorian date");
        assert_eq!(parse_typed("2026-11-23", Calendar::Gregorian), Ok(day("2026-11-23")));
        assert_eq!(parse_typed("1405-09-02", Calendar::Gregorian), Err(DateError::NotGregorian(1405)));
        assert_eq!(parse_typed("1200-01-01", Calendar::Jalali), Err(DateError::NotGregorian(1200)));
        assert_eq!(parse_typed("2026-11", Calendar::Gregorian), Err(DateError::NotADate));
        assert_eq!(parse_typed("2026-11-23-1", Calendar::Gregorian), Err(DateError::NotADate));
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
