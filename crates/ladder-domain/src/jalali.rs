//! The Jalali (Solar Hijri) calendar, converted arithmetically.
//!
//! Each year begins on the day of the March equinox, or the day after when the equinox falls after noon
//! in Tehran. Borkowski's algorithm (the one behind the widely used `jalaali` libraries) reproduces that
//! astronomical calendar from a short table of the years where the 33-year leap pattern breaks, for Jalali
//! years −61 to 3177 (Gregorian 560 to 3798). Outside that range the nearest 33-year pattern is continued,
//! so every date still converts and round trips, but those far dates are arithmetic, not astronomical.

use chrono::{Datelike, NaiveDate};

/// Jalali years at which the 33-year leap pattern restarts.
const BREAKS: [i64; 20] =
    [-61, 9, 38, 199, 426, 686, 756, 818, 1111, 1181, 1210, 1635, 2060, 2097, 2192, 2262, 2324, 2394, 2456, 3178];

/// Days from 0001-01-01 (day 1 in chrono's count) to 1970-01-01, for `num_days_from_ce`.
const CE_TO_UNIX: i64 = 719_163;

/// Days since 1970-01-01 of 1 March of a proleptic Gregorian year (Hinnant's `days_from_civil`, with the
/// year starting in March so that the leap day falls at its end).
fn march_first(year: i64) -> i64 {
    let era = year.div_euclid(400);
    let year_of_era = year.rem_euclid(400);
    era * 146_097 + year_of_era * 365 + year_of_era / 4 - year_of_era / 100 - 719_468
}

/// Days since 1970-01-01 of 1 Farvardin of Jalali year `jy`.
fn farvardin_first(jy: i64) -> i64 {
    let mut leap_j = -14;
    let mut previous = BREAKS[0];
    let mut jump = 0;
    for &next in &BREAKS[1..] {
        jump = next - previous;
        if jy < next {
            break;
        }
        leap_j += jump.div_euclid(33) * 8 + jump.rem_euclid(33).div_euclid(4);
        previous = next;
    }
    let n = jy - previous;
    leap_j += n.div_euclid(33) * 8 + (n.rem_euclid(33) + 3).div_euclid(4);
    if jump.rem_euclid(33) == 4 && jump - n == 4 {
        leap_j += 1;
    }
    let gy = jy + 621;
    let leap_g = gy.div_euclid(4) - ((gy.div_euclid(100) + 1) * 3).div_euclid(4) - 150;
    let march_day = 20 + leap_j - leap_g;
    march_first(gy) + march_day - 1
}

/// Whether Jalali year `jy` has 366 days (Esfand has 30 days instead of 29).
pub fn is_jalali_leap_year(jy: i32) -> bool {
    let jy = i64::from(jy);
    farvardin_first(jy + 1) - farvardin_first(jy) == 366
}

/// Days in a Jalali month, or `None` for a month outside 1..=12.
pub fn jalali_month_days(jy: i32, month: u32) -> Option<u32> {
    match month {
        1..=6 => Some(31),
        7..=11 => Some(30),
        12 => Some(if is_jalali_leap_year(jy) { 30 } else { 29 }),
        _ => None,
    }
}

/// The Jalali date `(year, month, day)` of a Gregorian date; months and days count from 1.
pub fn to_jalali(date: NaiveDate) -> (i32, u32, u32) {
    let day = i64::from(date.num_days_from_ce()) - CE_TO_UNIX;
    let mut jy = i64::from(date.year()) - 621;
    let mut start = farvardin_first(jy);
    if day < start {
        jy -= 1;
        start = farvardin_first(jy);
    }
    let k = day - start;
    let (month, day_of_month) =
        if k < 186 { (k / 31 + 1, k % 31 + 1) } else { ((k - 186) / 30 + 7, (k - 186) % 30 + 1) };
    // A Jalali year lies within a Gregorian year ± 1 of a chrono date, so it fits in i32; months and days are small.
    (jy as i32, month as u32, day_of_month as u32)
}

/// The Gregorian date of a Jalali date, or `None` if the Jalali date does not exist (month 13, 30 Esfand of
/// a common year) or falls outside chrono's range.
pub fn from_jalali(year: i32, month: u32, day: u32) -> Option<NaiveDate> {
    let last = jalali_month_days(year, month)?;
    if day == 0 || day > last {
        return None;
    }
    let month = i64::from(month);
    let before_month = if month <= 6 { (month - 1) * 31 } else { 186 + (month - 7) * 30 };
    let days = farvardin_first(i64::from(year)) + before_month + i64::from(day) - 1;
    NaiveDate::from_num_days_from_ce_opt(i32::try_from(days + CE_TO_UNIX).ok()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn known_pairs() {
        let pairs = [
            (ymd(1979, 3, 21), (1358, 1, 1)),
            (ymd(2024, 3, 20), (1403, 1, 1)),
            (ymd(2025, 3, 21), (1404, 1, 1)),
            (ymd(2026, 3, 21), (1405, 1, 1)),
            (ymd(2026, 11, 23), (1405, 9, 2)),
            (ymd(2025, 3, 20), (1403, 12, 30)),
            (ymd(2024, 3, 19), (1402, 12, 29)),
            (ymd(1970, 1, 1), (1348, 10, 11)),
            (ymd(2000, 1, 1), (1378, 10, 11)),
            (ymd(2026, 9, 22), (1405, 6, 31)),
            (ymd(2026, 9, 23), (1405, 7, 1)),
        ];
        for (gregorian, jalali) in pairs {
            assert_eq!(to_jalali(gregorian), jalali, "{gregorian}");
            assert_eq!(from_jalali(jalali.0, jalali.1, jalali.2), Some(gregorian), "{jalali:?}");
        }
    }

    #[test]
    fn leap_years() {
        assert!(is_jalali_leap_year(1403));
        assert!(!is_jalali_leap_year(1404));
        assert!(is_jalali_leap_year(1399));
        assert!(!is_jalali_leap_year(1402));
        assert_eq!(from_jalali(1403, 12, 30), Some(ymd(2025, 3, 20)));
        assert_eq!(from_jalali(1404, 12, 30), None);
        assert_eq!(from_jalali(1404, 12, 29), Some(ymd(2026, 3, 20)));
    }

    #[test]
    fn invalid_dates() {
        assert_eq!(from_jalali(1405, 0, 1), None);
        assert_eq!(from_jalali(1405, 13, 1), None);
        assert_eq!(from_jalali(1405, 1, 0), None);
        assert_eq!(from_jalali(1405, 1, 32), None);
        assert_eq!(from_jalali(1405, 7, 31), None);
        assert_eq!(from_jalali(i32::MAX, 1, 1), None);
        assert_eq!(from_jalali(i32::MIN, 1, 1), None);
    }

    #[test]
    fn every_day_from_1990_to_2040_round_trips_in_order() {
        let mut date = ymd(1990, 1, 1);
        let mut previous = to_jalali(date - chrono::Days::new(1));
        while date < ymd(2041, 1, 1) {
            let jalali = to_jalali(date);
            assert_eq!(from_jalali(jalali.0, jalali.1, jalali.2), Some(date));
            let (y, m, d) = previous;
            let expected_next = if d < jalali_month_days(y, m).unwrap() {
                (y, m, d + 1)
            } else if m < 12 {
                (y, m + 1, 1)
            } else {
                (y + 1, 1, 1)
            };
            assert_eq!(jalali, expected_next, "{date}");
            previous = jalali;
            date = date.succ_opt().unwrap();
        }
    }

    #[test]
    fn extreme_dates_convert_without_panicking() {
        for date in [NaiveDate::MIN, NaiveDate::MAX, ymd(1, 1, 1), ymd(559, 12, 31), ymd(3800, 6, 1)] {
            let (y, m, d) = to_jalali(date);
            assert!((1..=12).contains(&m) && d >= 1 && d <= jalali_month_days(y, m).unwrap(), "{date}");
        }
        for date in [ymd(1, 1, 1), ymd(559, 12, 31), ymd(3800, 6, 1), ymd(9999, 12, 31)] {
            let (y, m, d) = to_jalali(date);
            assert_eq!(from_jalali(y, m, d), Some(date));
        }
    }
}
