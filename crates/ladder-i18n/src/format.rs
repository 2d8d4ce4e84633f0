//! Numbers, money and dates as each locale writes them.
//!
//! Separators, signs and symbols follow CLDR (the data behind ICU and browsers' `Intl`), so a page that
//! mixes server-side and browser-side formatting looks the same:
//!
//! | locale | grouping | decimal | minus | percent | digits |
//! |---|---|---|---|---|---|
//! | en | `,` | `.` | `-` | `42%` | Latin |
//! | he | `,` | `.` | U+200E LRM + `-` | `42%` | Latin |
//! | ru | U+00A0 no-break space | `,` | `-` | `42 %` (U+00A0) | Latin |
//! | fa | U+066C `٬` | U+066B `٫` | U+200E LRM + U+2212 `−` | `۴۲٪` (U+066A) | Persian `۰۱۲۳۴۵۶۷۸۹` |
//!
//! The left-to-right mark before a Hebrew or Persian minus keeps the sign on the left of the digits inside
//! right-to-left text; without it the bidirectional algorithm moves it to the right (`5-`).
//!
//! Money is built from integer minor units and never passes through a float. Every function is pure and
//! total: it does not panic and reads no clock.

use chrono::{Datelike, NaiveDate};

use crate::locale::Locale;
pub use ladder_domain::jalali::{from_jalali, is_jalali_leap_year, jalali_month_days, to_jalali};

const RLM: char = '\u{200F}';
const NBSP: char = '\u{A0}';

/// The most fraction digits [`format_decimal`] and [`format_money`] write; an `f64` carries about 17
/// significant digits and no currency has more than 4 minor digits.
pub const MAX_FRACTION_DIGITS: usize = 20;

struct Symbols {
    group: &'static str,
    decimal: &'static str,
    minus: &'static str,
    percent: &'static str,
    persian_digits: bool,
}

const fn symbols(locale: Locale) -> Symbols {
    match locale {
        Locale::En => Symbols { group: ",", decimal: ".", minus: "-", percent: "%", persian_digits: false },
        Locale::He => Symbols { group: ",", decimal: ".", minus: "\u{200E}-", percent: "%", persian_digits: false },
        Locale::Ru => Symbols { group: "\u{A0}", decimal: ",", minus: "-", percent: "\u{A0}%", persian_digits: false },
        Locale::Fa => Symbols {
            group: "\u{66C}",
            decimal: "\u{66B}",
            minus: "\u{200E}\u{2212}",
            percent: "\u{66A}",
            persian_digits: true,
        },
    }
}

/// The Persian form of an ASCII or Arabic-Indic digit; any other character is returned as it is.
fn persian_digit(c: char) -> char {
    match c {
        '0'..='9' => char::from_u32(0x06F0 + (c as u32 - '0' as u32)).unwrap_or(c),
        '\u{660}'..='\u{669}' => char::from_u32(0x06F0 + (c as u32 - 0x660)).unwrap_or(c),
        _ => c,
    }
}

/// Replaces ASCII digits (and Arabic-Indic ones, which Persian readers see as foreign) with Persian digits
/// `۰۱۲۳۴۵۶۷۸۹`, leaving everything else as it is.
pub fn to_persian_digits(text: &str) -> String {
    text.chars().map(persian_digit).collect()
}

/// Writes a numeral from its ASCII parts: the integer digits (grouped by three if asked) and the fraction
/// digits, with the locale's sign, separators and digits.
fn numeral(locale: Locale, negative: bool, integer: &str, fraction: &str, grouping: bool) -> String {
    let symbols = symbols(locale);
    let mut out = String::with_capacity(2 * (integer.len() + fraction.len()) + 8);
    if negative {
        out.push_str(symbols.minus);
    }
    let digit = |c: char| if symbols.persian_digits { persian_digit(c) } else { c };
    let integer = if integer.is_empty() { "0" } else { integer };
    for (i, c) in integer.chars().enumerate() {
        if grouping && i > 0 && (integer.len() - i).is_multiple_of(3) {
            out.push_str(symbols.group);
        }
        out.push(digit(c));
    }
    if !fraction.is_empty() {
        out.push_str(symbols.decimal);
        out.extend(fraction.chars().map(digit));
    }
    out
}

/// A whole number with grouping: `1,234,567` (en, he), `1 234 567` (ru, no-break spaces), `۱٬۲۳۴٬۵۶۷` (fa).
pub fn format_integer(locale: Locale, value: i64) -> String {
    numeral(locale, value < 0, &value.unsigned_abs().to_string(), "", true)
}

/// Splits `|value|` rounded to `fraction_digits` into ASCII integer and fraction digits, and whether the
/// rounded value is below zero (so `-0.001` to two digits is `0.00`, not `-0.00`).
fn rounded_parts(value: f64, fraction_digits: usize) -> (bool, String, String) {
    let text = format!("{:.*}", fraction_digits.min(MAX_FRACTION_DIGITS), value.abs());
    let (integer, fraction) = text.split_once('.').unwrap_or((&text, ""));
    let nonzero = text.bytes().any(|b| matches!(b, b'1'..=b'9'));
    (value < 0.0 && nonzero, integer.to_owned(), fraction.to_owned())
}

/// Infinity and NaN, which have no digits to localise.
fn non_finite(locale: Locale, value: f64) -> String {
    if value.is_nan() {
        "NaN".to_owned()
    } else if value < 0.0 {
        format!("{}∞", symbols(locale).minus)
    } else {
        "∞".to_owned()
    }
}

/// A number rounded to `fraction_digits` decimals (at most [`MAX_FRACTION_DIGITS`]), with grouping and the
/// locale's decimal separator: `1,234.50` (en, he), `1 234,50` (ru), `۱٬۲۳۴٫۵۰` (fa). For display only —
/// money has [`format_money`].
pub fn format_decimal(locale: Locale, value: f64, fraction_digits: usize) -> String {
    if !value.is_finite() {
        return non_finite(locale, value);
    }
    let (negative, integer, fraction) = rounded_parts(value, fraction_digits);
    numeral(locale, negative, &integer, &fraction, true)
}

/// A ratio as a whole percentage: `0.42` → `42%` (en, he), `42 %` (ru), `۴۲٪` (fa).
pub fn format_percent(locale: Locale, ratio: f64) -> String {
    let percent = ratio * 100.0;
    if !percent.is_finite() {
        return non_finite(locale, percent) + symbols(locale).percent;
    }
    let (negative, integer, _) = rounded_parts(percent, 0);
    numeral(locale, negative, &integer, "", true) + symbols(locale).percent
}

/// The symbol a locale writes for a currency, where CLDR gives it one other than the ISO code.
fn currency_symbol(locale: Locale, code: &str) -> Option<&'static str> {
    match (locale, code) {
        (_, "USD") => Some("$"),
        (_, "EUR") => Some("€"),
        (_, "ILS") => Some("₪"),
        (_, "GBP") => Some("£"),
        (_, "JPY") => Some("¥"),
        (Locale::Ru, "RUB") => Some("₽"),
        (Locale::Fa, "IRR") => Some("ریال"),
        _ => None,
    }
}

/// An amount of money from integer minor units (`123450` with 2 minor digits is 1,234.50), written exactly:
///
/// - en: `₪1,234.50`, `$1,234.50`; without a symbol the ISO code leads: `RUB 1,234.50`.
/// - ru: `1 234,50 ₽` — the symbol or code follows after a no-break space.
/// - he: `1,234.50 ₪` after a right-to-left mark — the symbol follows after a no-break space.
/// - fa: `۱٬۲۳۴ ریال` after a right-to-left mark — the same order, Persian digits.
///
/// Hebrew and Persian amounts begin with a right-to-left mark (U+200F). An amount has no strong letter of
/// its own (digits and `₪` are weak), so wherever it is isolated — a Fluent placeable, an HTML
/// `dir="auto"` element — it would otherwise be laid out left to right with the symbol on the wrong side.
/// The mark makes it a right-to-left run: number on the right, symbol on its left, as it is read.
///
/// `minor_digits` is taken as given (at most [`MAX_FRACTION_DIGITS`]): shops that price in whole rials pass
/// 0 for IRR although ISO 4217 says 2. The currency code is matched case-insensitively.
pub fn format_money(locale: Locale, minor: i64, currency_code: &str, minor_digits: u32) -> String {
    let code = currency_code.trim().to_ascii_uppercase();
    let minor_digits = usize::try_from(minor_digits).unwrap_or(MAX_FRACTION_DIGITS).min(MAX_FRACTION_DIGITS);
    let digits = format!("{:0>width$}", minor.unsigned_abs(), width = minor_digits + 1);
    let (integer, fraction) = digits.split_at(digits.len() - minor_digits);
    let number = numeral(locale, minor < 0, integer, fraction, true);
    let symbol = currency_symbol(locale, &code);
    match locale {
        Locale::En => match symbol {
            Some(symbol) => match number.strip_prefix('-') {
                Some(unsigned) => format!("-{symbol}{unsigned}"),
                None => format!("{symbol}{number}"),
            },
            None => match number.strip_prefix('-') {
                Some(unsigned) => format!("-{code}{NBSP}{unsigned}"),
                None => format!("{code}{NBSP}{number}"),
            },
        },
        Locale::Ru => format!("{number}{NBSP}{}", symbol.unwrap_or(&code)),
        Locale::He | Locale::Fa => format!("{RLM}{number}{NBSP}{}", symbol.unwrap_or(&code)),
    }
}

const EN_MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const HE_MONTHS: [&str; 12] =
    ["ינו׳", "פבר׳", "מרץ", "אפר׳", "מאי", "יוני", "יולי", "אוג׳", "ספט׳", "אוק׳", "נוב׳", "דצמ׳"];
const RU_MONTHS: [&str; 12] =
    ["янв.", "февр.", "март", "апр.", "май", "июнь", "июль", "авг.", "сент.", "окт.", "нояб.", "дек."];
/// Farvardin to Esfand.
const FA_MONTHS: [&str; 12] =
    ["فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور", "مهر", "آبان", "آذر", "دی", "بهمن", "اسفند"];

/// Gregorian months in Persian, for a month that is Gregorian (a file's, another reader's).
const FA_GREGORIAN_MONTHS: [&str; 12] =
    ["ژانویه", "فوریه", "مارس", "آوریل", "مه", "ژوئن", "ژوئیه", "اوت", "سپتامبر", "اکتبر", "نوامبر", "دسامبر"];

fn month_name(names: &[&'static str; 12], month: u32) -> &'static str {
    names[(month.clamp(1, 12) - 1) as usize]
}

/// A date as the locale writes it: `23 Nov 2026` (en, day first so that no reader mistakes the month),
/// `23.11.2026` (he, CLDR's `d.M.y`: `3.1.2026`), `23.11.2026` (ru, `dd.MM.y`: `03.01.2026`), and for
/// Persian the Jalali date with the month's name in Persian digits: `۲ آذر ۱۴۰۵`.
pub fn format_date(locale: Locale, date: NaiveDate) -> String {
    let (year, month, day) = (date.year(), date.month(), date.day());
    match locale {
        Locale::En => format!("{day} {} {year}", month_name(&EN_MONTHS, month)),
        Locale::He => format!("{day}.{month}.{year}"),
        Locale::Ru => format!("{day:02}.{month:02}.{year}"),
        Locale::Fa => {
            let (jy, jm, jd) = to_jalali(date);
            to_persian_digits(&format!("{jd} {} {jy}", month_name(&FA_MONTHS, jm)))
        }
    }
}

/// A date as a reader types it into a form, in their calendar and digits: `2026-11-23`, or in Persian
/// the Jalali `۱۴۰۵-۰۹-۰۲`. [`ladder_domain::date::parse_typed`] reads it back.
pub fn typed_date(locale: Locale, date: NaiveDate) -> String {
    match locale.calendar() {
        ladder_domain::date::Calendar::Jalali => {
            let (jy, jm, jd) = to_jalali(date);
            to_persian_digits(&format!("{jy:04}-{jm:02}-{jd:02}"))
        }
        ladder_domain::date::Calendar::Gregorian => date.format("%Y-%m-%d").to_string(),
    }
}

/// What separates figures on one line (`143 orders · $10,295`): a middle dot, except in Persian, where it
/// reads as the digit zero (`۰`) and the Persian comma is used (`۱۴۳ سفارش، ۱۰٬۲۹۵ دلار`).
pub fn figure_separator(locale: Locale) -> &'static str {
    if locale == Locale::Fa { "، " } else { " · " }
}

/// A day of the year without its year (a birthday whose year is not known): `12 Apr` (en), `12.4` (he),
/// `12.04` (ru); in Persian, the Gregorian day and month in Persian digits (`۱۲/۴`): without a year
/// there is no Jalali date to give.
pub fn format_day_month(locale: Locale, month: u32, day: u32) -> String {
    match locale {
        Locale::En => format!("{day} {}", month_name(&EN_MONTHS, month)),
        Locale::He => format!("{day}.{month}"),
        Locale::Ru => format!("{day:02}.{month:02}"),
        Locale::Fa => to_persian_digits(&format!("{day}/{month}")),
    }
}

/// A short label for a Gregorian month, for charts: `Nov 2026` (en), `נוב׳ 2026` (he), `нояб. 2026` (ru).
///
/// Persian readers get the Jalali month that contains the Gregorian month's 15th day — the one that
/// covers most of it, since Jalali months begin around the 21st — so November 2026 is `آبان ۱۴۰۵` and
/// December 2026 is `آذر ۱۴۰۵`. Reports that bucket by Jalali month should cut their buckets with
/// [`from_jalali`] instead. A month outside 1..=12 is written as numbers, `2026-13`.
pub fn format_month(locale: Locale, year: i32, month: u32) -> String {
    let plain = || {
        let text = format!("{year}-{month:02}");
        if locale == Locale::Fa { to_persian_digits(&text) } else { text }
    };
    if !(1..=12).contains(&month) {
        return plain();
    }
    // A year before 1900 is a Jalali month (`ladder_domain::date::Calendar::month_key`): named so in
    // Persian, written as numbers elsewhere; a Gregorian month keeps its Gregorian name in every language.
    if year < ladder_domain::date::FIRST_YEAR {
        return match locale {
            Locale::Fa => to_persian_digits(&format!("{} {year}", month_name(&FA_MONTHS, month))),
            _ => plain(),
        };
    }
    match locale {
        Locale::En => format!("{} {year}", month_name(&EN_MONTHS, month)),
        Locale::He => format!("{} {year}", month_name(&HE_MONTHS, month)),
        Locale::Ru => format!("{} {year}", month_name(&RU_MONTHS, month)),
        Locale::Fa => to_persian_digits(&format!("{} {year}", month_name(&FA_GREGORIAN_MONTHS, month))),
    }
}

/// Writes a Fluent number in the locale's digits and separators. Fluent prints the number as plain ASCII
/// (`1234.5`, honouring `minimumFractionDigits`); this keeps those digits and localises them, grouping
/// unless the message asked for `useGrouping: "false"`. `None` leaves Fluent's own output.
pub(crate) fn format_fluent_number(locale: Locale, number: &fluent_bundle::types::FluentNumber) -> Option<String> {
    if !number.value.is_finite() {
        return None;
    }
    let text = number.as_string();
    let unsigned = text.strip_prefix('-').unwrap_or(&text);
    let (integer, fraction) = unsigned.split_once('.').unwrap_or((unsigned, ""));
    if !integer.bytes().chain(fraction.bytes()).all(|b| b.is_ascii_digit()) {
        return None;
    }
    let negative = text.starts_with('-') && unsigned.bytes().any(|b| matches!(b, b'1'..=b'9'));
    Some(numeral(locale, negative, integer, fraction, number.options.use_grouping))
}

#[cfg(test)]
mod tests {
    use super::*;
    use Locale::{En, Fa, He, Ru};

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn persian_digits() {
        assert_eq!(to_persian_digits("0123456789"), "۰۱۲۳۴۵۶۷۸۹");
        assert_eq!(to_persian_digits("سال 1405, ٤٥٦"), "سال ۱۴۰۵, ۴۵۶");
        assert_eq!(to_persian_digits(""), "");
    }

    #[test]
    fn integers() {
        assert_eq!(format_integer(En, 1_234_567), "1,234,567");
        assert_eq!(format_integer(He, 1_234_567), "1,234,567");
        assert_eq!(format_integer(Ru, 1_234_567), "1\u{A0}234\u{A0}567");
        assert_eq!(format_integer(Fa, 1_234_567), "۱٬۲۳۴٬۵۶۷");
        assert_eq!(format_integer(En, 0), "0");
        assert_eq!(format_integer(En, 999), "999");
        assert_eq!(format_integer(En, 1000), "1,000");
        assert_eq!(format_integer(En, 100_000), "100,000");
        assert_eq!(format_integer(En, -1_234_567), "-1,234,567");
        assert_eq!(format_integer(He, -1_234), "\u{200E}-1,234");
        assert_eq!(format_integer(Ru, -1_234), "-1\u{A0}234");
        assert_eq!(format_integer(Fa, -1_234_567), "\u{200E}\u{2212}۱٬۲۳۴٬۵۶۷");
        assert_eq!(format_integer(En, i64::MIN), "-9,223,372,036,854,775,808");
        assert_eq!(format_integer(En, i64::MAX), "9,223,372,036,854,775,807");
    }

    #[test]
    fn decimals() {
        assert_eq!(format_decimal(En, 1234.5, 2), "1,234.50");
        assert_eq!(format_decimal(He, 1234.5, 2), "1,234.50");
        assert_eq!(format_decimal(Ru, 1234.5, 2), "1\u{A0}234,50");
        assert_eq!(format_decimal(Fa, 1234.5, 2), "۱٬۲۳۴٫۵۰");
        assert_eq!(format_decimal(En, 0.125, 0), "0");
        assert_eq!(format_decimal(En, 2.75, 1), "2.8");
        assert_eq!(format_decimal(En, -1234.5, 2), "-1,234.50");
        assert_eq!(format_decimal(Fa, -0.5, 1), "\u{200E}\u{2212}۰٫۵");
        assert_eq!(format_decimal(En, -0.001, 2), "0.00");
        assert_eq!(format_decimal(En, 999.999, 2), "1,000.00");
        assert_eq!(format_decimal(En, f64::NAN, 2), "NaN");
        assert_eq!(format_decimal(En, f64::INFINITY, 2), "∞");
        assert_eq!(format_decimal(Fa, f64::NEG_INFINITY, 2), "\u{200E}\u{2212}∞");
        assert_eq!(format_decimal(En, 1.5, usize::MAX).len(), 2 + MAX_FRACTION_DIGITS);
    }

    #[test]
    fn percents() {
        assert_eq!(format_percent(En, 0.42), "42%");
        assert_eq!(format_percent(He, 0.42), "42%");
        assert_eq!(format_percent(Ru, 0.42), "42\u{A0}%");
        assert_eq!(format_percent(Fa, 0.42), "۴۲٪");
        assert_eq!(format_percent(En, 1.0), "100%");
        assert_eq!(format_percent(En, 12.3456), "1,235%");
        assert_eq!(format_percent(En, -0.42), "-42%");
        assert_eq!(format_percent(Fa, -0.42), "\u{200E}\u{2212}۴۲٪");
        assert_eq!(format_percent(En, -0.001), "0%");
        assert_eq!(format_percent(En, f64::NAN), "NaN%");
    }

    #[test]
    fn money_en() {
        assert_eq!(format_money(En, 123_450, "ILS", 2), "₪1,234.50");
        assert_eq!(format_money(En, 123_450, "USD", 2), "$1,234.50");
        assert_eq!(format_money(En, 123_450, "eur", 2), "€1,234.50");
        assert_eq!(format_money(En, -123_450, "USD", 2), "-$1,234.50");
        assert_eq!(format_money(En, 123_450, "RUB", 2), "RUB\u{A0}1,234.50");
        assert_eq!(format_money(En, -5, "CHF", 2), "-CHF\u{A0}0.05");
        assert_eq!(format_money(En, 1500, "JPY", 0), "¥1,500");
        assert_eq!(format_money(En, 12_345, "KWD", 3), "KWD\u{A0}12.345");
        assert_eq!(format_money(En, 0, "USD", 2), "$0.00");
    }

    #[test]
    fn money_he() {
        assert_eq!(format_money(He, 123_450, "ILS", 2), "\u{200F}1,234.50\u{A0}₪");
        assert_eq!(format_money(He, 123_450, "USD", 2), "\u{200F}1,234.50\u{A0}$");
        assert_eq!(format_money(He, -123_450, "ILS", 2), "\u{200F}\u{200E}-1,234.50\u{A0}₪");
        assert_eq!(format_money(He, 123_450, "RUB", 2), "\u{200F}1,234.50\u{A0}RUB");
    }

    #[test]
    fn money_ru() {
        assert_eq!(format_money(Ru, 123_450, "RUB", 2), "1\u{A0}234,50\u{A0}₽");
        assert_eq!(format_money(Ru, 123_450, "EUR", 2), "1\u{A0}234,50\u{A0}€");
        assert_eq!(format_money(Ru, -123_450, "RUB", 2), "-1\u{A0}234,50\u{A0}₽");
        assert_eq!(format_money(Ru, 123_450, "IRR", 0), "123\u{A0}450\u{A0}IRR");
    }

    #[test]
    fn money_fa() {
        assert_eq!(format_money(Fa, 1234, "IRR", 0), "\u{200F}۱٬۲۳۴\u{A0}ریال");
        assert_eq!(format_money(Fa, 123_400, "IRR", 2), "\u{200F}۱٬۲۳۴٫۰۰\u{A0}ریال");
        assert_eq!(format_money(Fa, 123_450, "USD", 2), "\u{200F}۱٬۲۳۴٫۵۰\u{A0}$");
        assert_eq!(format_money(Fa, -1234, "IRR", 0), "\u{200F}\u{200E}\u{2212}۱٬۲۳۴\u{A0}ریال");
        assert_eq!(format_money(Fa, 123_450, "RUB", 2), "\u{200F}۱٬۲۳۴٫۵۰\u{A0}RUB");
    }

    #[test]
    fn money_is_exact_at_the_extremes() {
        assert_eq!(format_money(En, i64::MAX, "USD", 2), "$92,233,720,368,547,758.07");
        assert_eq!(format_money(En, i64::MIN, "USD", 2), "-$92,233,720,368,547,758.08");
        assert_eq!(format_money(En, 7, "XYZ", 4), "XYZ\u{A0}0.0007");
        assert_eq!(format_money(En, 1, "USD", u32::MAX), format!("$0.{}1", "0".repeat(MAX_FRACTION_DIGITS - 1)));
    }

    #[test]
    fn dates() {
        let date = ymd(2026, 11, 23);
        assert_eq!(format_date(En, date), "23 Nov 2026");
        assert_eq!(format_date(He, date), "23.11.2026");
        assert_eq!(format_date(Ru, date), "23.11.2026");
        assert_eq!(format_date(Fa, date), "۲ آذر ۱۴۰۵");
        let early = ymd(2026, 1, 3);
        assert_eq!(format_date(En, early), "3 Jan 2026");
        assert_eq!(format_date(He, early), "3.1.2026");
        assert_eq!(format_date(Ru, early), "03.01.2026");
        assert_eq!(format_date(Fa, early), "۱۳ دی ۱۴۰۴");
        assert_eq!(format_date(Fa, ymd(2025, 3, 20)), "۳۰ اسفند ۱۴۰۳");
        assert_eq!(format_date(Fa, ymd(2025, 3, 21)), "۱ فروردین ۱۴۰۴");
    }

    #[test]
    fn months() {
        assert_eq!(format_month(En, 2026, 11), "Nov 2026");
        assert_eq!(format_month(He, 2026, 11), "נוב׳ 2026");
        assert_eq!(format_month(Ru, 2026, 11), "нояб. 2026");
        // A Gregorian month is named as the month it is, never as the Jalali month it overlaps.
        assert_eq!(format_month(Fa, 2024, 12), "دسامبر ۲۰۲۴");
        assert_eq!(format_month(Fa, 1403, 9), "آذر ۱۴۰۳", "a Jalali month's key");
        assert_eq!(format_month(Fa, 1405, 1), "فروردین ۱۴۰۵");
        assert_eq!(format_month(En, 1405, 1), "1405-01");
        assert_eq!(format_month(En, 2026, 13), "2026-13");
        assert_eq!(format_month(Fa, 2026, 0), "۲۰۲۶-۰۰");
    }

    #[test]
    fn jalali_is_reexported() {
        assert_eq!(to_jalali(ymd(2026, 11, 23)), (1405, 9, 2));
        assert_eq!(from_jalali(1405, 9, 2), Some(ymd(2026, 11, 23)));
    }
}
