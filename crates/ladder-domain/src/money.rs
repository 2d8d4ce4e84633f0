//! Money: an integer number of minor units and an ISO 4217 currency. Never a float.

use serde::{Serialize, Serializer};
use std::fmt;

/// An ISO 4217 currency with its number of minor-unit digits (2 for EUR, 0 for JPY, 3 for KWD).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Currency {
    code: [u8; 3],
    exponent: u8,
}

/// Why an amount or currency could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MoneyError {
    /// Not an ISO 4217 code.
    #[error("is not an ISO 4217 currency code (such as ILS, IRR, RUB, EUR, USD)")]
    UnknownCurrency,
    /// Not a decimal number.
    #[error("is not an amount; write a decimal number in major units such as 12.50")]
    NotAnAmount,
    /// More decimals than the currency has minor units.
    #[error("has more decimals than {0} allows ({1})")]
    TooPrecise(String, u8),
    /// Beyond what 64-bit minor units hold.
    #[error("is too large")]
    Overflow,
}

impl Currency {
    /// Looks up an ISO 4217 code, case-insensitively.
    pub fn parse(code: &str) -> Result<Self, MoneyError> {
        let code = code.trim();
        if code.len() != 3 || !code.is_ascii() {
            return Err(MoneyError::UnknownCurrency);
        }
        let upper = code.to_ascii_uppercase();
        let iso = iso_currency::Currency::from_code(&upper).ok_or(MoneyError::UnknownCurrency)?;
        let exponent = iso.exponent().map_or(0, |e| u8::try_from(e).unwrap_or(0));
        let b = upper.as_bytes();
        Ok(Self { code: [b[0], b[1], b[2]], exponent })
    }

    /// The three-letter code.
    pub fn code(&self) -> &str {
        std::str::from_utf8(&self.code).unwrap_or("XXX")
    }

    /// Digits after the decimal point in this currency's major units.
    pub fn exponent(&self) -> u8 {
        self.exponent
    }

    /// Reads a decimal amount in major units ("12.50") as exact minor units (1250 for EUR).
    pub fn parse_amount(&self, s: &str) -> Result<i64, MoneyError> {
        parse_major_units(s, self.exponent, self.code())
    }

    /// Writes minor units as a decimal amount in major units, without the code.
    pub fn format_amount(&self, minor: i64) -> String {
        format_minor(minor, self.exponent)
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl Serialize for Currency {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.code())
    }
}

/// An amount of money in one currency.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Money {
    /// The amount in minor units (cents, agorot, kopecks).
    pub minor: i64,
    /// Its currency.
    pub currency: Currency,
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.currency.format_amount(self.minor), self.currency)
    }
}

fn parse_major_units(s: &str, exponent: u8, code: &str) -> Result<i64, MoneyError> {
    let s = s.trim();
    let (negative, digits) = match s.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, s.strip_prefix('+').unwrap_or(s)),
    };
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
    let all_digits = |p: &str| p.bytes().all(|c| c.is_ascii_digit());
    if whole.is_empty() && fraction.is_empty() || !all_digits(whole) || !all_digits(fraction) {
        return Err(MoneyError::NotAnAmount);
    }
    let fraction = fraction.trim_end_matches('0');
    if fraction.len() > usize::from(exponent) {
        return Err(MoneyError::TooPrecise(code.to_owned(), exponent));
    }
    let mut minor: i64 = 0;
    for c in whole.bytes().chain(fraction.bytes()) {
        minor = minor.checked_mul(10).and_then(|m| m.checked_add(i64::from(c - b'0'))).ok_or(MoneyError::Overflow)?;
    }
    for _ in fraction.len()..usize::from(exponent) {
        minor = minor.checked_mul(10).ok_or(MoneyError::Overflow)?;
    }
    Ok(if negative { -minor } else { minor })
}

fn format_minor(minor: i64, exponent: u8) -> String {
    let sign = if minor < 0 { "-" } else { "" };
    let abs = minor.unsigned_abs();
    if exponent == 0 {
        return format!("{sign}{abs}");
    }
    let scale = 10u64.pow(u32::from(exponent));
    format!("{sign}{}.{:0width$}", abs / scale, abs % scale, width = usize::from(exponent))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn currencies_know_their_minor_units() {
        assert_eq!(Currency::parse("eur").unwrap().exponent(), 2);
        assert_eq!(Currency::parse("JPY").unwrap().exponent(), 0);
        assert_eq!(Currency::parse("KWD").unwrap().exponent(), 3);
        assert_eq!(Currency::parse("ILS").unwrap().code(), "ILS");
        assert_eq!(Currency::parse("XYZ"), Err(MoneyError::UnknownCurrency));
        assert_eq!(Currency::parse("шекель"), Err(MoneyError::UnknownCurrency));
    }

    #[test]
    fn amounts_are_exact_minor_units() {
        let eur = Currency::parse("EUR").unwrap();
        assert_eq!(eur.parse_amount("12.50"), Ok(1250));
        assert_eq!(eur.parse_amount("12.5"), Ok(1250));
        assert_eq!(eur.parse_amount("12"), Ok(1200));
        assert_eq!(eur.parse_amount(".05"), Ok(5));
        assert_eq!(eur.parse_amount("-3.10"), Ok(-310));
        assert_eq!(eur.parse_amount("0.1000"), Ok(10));
        assert_eq!(eur.parse_amount("12.505"), Err(MoneyError::TooPrecise("EUR".into(), 2)));
        assert_eq!(eur.parse_amount("12,50"), Err(MoneyError::NotAnAmount));
        assert_eq!(eur.parse_amount("."), Err(MoneyError::NotAnAmount));
        assert_eq!(eur.parse_amount("1e3"), Err(MoneyError::NotAnAmount));
        assert_eq!(eur.parse_amount("99999999999999999999"), Err(MoneyError::Overflow));
        let jpy = Currency::parse("JPY").unwrap();
        assert_eq!(jpy.parse_amount("1500"), Ok(1500));
        assert!(jpy.parse_amount("1500.5").is_err());
    }

    #[test]
    fn amounts_format_back() {
        let eur = Currency::parse("EUR").unwrap();
        assert_eq!(eur.format_amount(1250), "12.50");
        assert_eq!(eur.format_amount(-5), "-0.05");
        assert_eq!(Currency::parse("KWD").unwrap().format_amount(1234), "1.234");
        assert_eq!(Money { minor: 700, currency: Currency::parse("JPY").unwrap() }.to_string(), "700 JPY");
        assert_eq!(eur.format_amount(i64::MIN), "-92233720368547758.08");
    }
}
