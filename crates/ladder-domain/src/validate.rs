//! One validator per field, used by every door: the CSV import, the API, the forms and the command line
//! all ask these functions, so a value refused in one place is refused in all of them.
//!
//! A problem is data — a [`Problem`] kind and its parameters — never text: `ladder-i18n` says it in the
//! reader's language, and the API returns its stable `kind` beside the words.

use serde::{Deserialize, Serialize};

/// What is wrong with one value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Problem {
    /// Nothing was given where something is needed.
    Required,
    /// Longer than the field holds.
    TooLong {
        /// The most characters allowed.
        max: usize,
    },
    /// Not an email address (`name@example.com`).
    NotEmail,
    /// Not a phone number (digits, spaces, `+`, `-`, `(`, `)`; 5 to 15 digits).
    NotPhone,
    /// Not a date; `expected` names the form (`YYYY-MM-DD`).
    NotDate {
        /// The form a date must take.
        expected: String,
    },
    /// A date with a year before 1900: written in another calendar where Gregorian dates are read.
    NotGregorian {
        /// The year as written.
        year: i32,
    },
    /// A template that cannot be read (an unclosed `{{`, an unknown filter).
    TemplateSyntax {
        /// The line of the template.
        line: usize,
        /// The template engine's words.
        detail: String,
    },
    /// A template names a field that is not a merge field.
    UnknownMergeField {
        /// The field as written.
        field: String,
    },
    /// A date or time after the moment it could be known.
    InFuture,
    /// A date that has passed where only a coming one makes sense (a token's expiry).
    InPast,
    /// Not a whole number.
    NotWholeNumber,
    /// Not a number.
    NotNumber,
    /// A number outside a range.
    NotBetween {
        /// The lowest allowed, as written.
        min: String,
        /// The highest allowed, as written.
        max: String,
    },
    /// A number that must be above 0.
    NotPositive,
    /// A number below the lowest allowed.
    BelowMinimum {
        /// The lowest allowed, as written.
        min: String,
    },
    /// A number above the highest allowed.
    AboveMaximum {
        /// The highest allowed, as written.
        max: String,
    },
    /// Above another field that must be at least as high.
    AboveField {
        /// The other field.
        other: String,
    },
    /// Below another field that must be at most as high.
    BelowField {
        /// The other field.
        other: String,
    },
    /// Not one of the names the field knows.
    NotOneOf {
        /// The names it knows, comma-separated.
        choices: String,
    },
    /// Not an ISO 4217 currency code.
    NotCurrency,
    /// Not a two-letter ISO 3166 country code.
    NotCountry,
    /// Not a time zone of the IANA database (`Asia/Jerusalem`).
    NotTimeZone,
    /// A password shorter than the policy allows.
    PasswordTooShort {
        /// The fewest characters.
        min: usize,
    },
    /// A password that is the account's own email.
    PasswordIsEmail,
    /// The current password given to change it is not the account's.
    WrongPassword,
    /// Already used by another (an email of a user, a segment's name).
    Taken,
    /// Names something that does not exist (a referrer, a campaign).
    Unknown,
    /// Not yes or no (a consent, a one-off mark).
    NotYesOrNo,
    /// Not a birthday (`YYYY-MM-DD`, or `--MM-DD` without the year).
    NotBirthday,
    /// A custom field that is not `name: value`.
    NotAttribute,
    /// Not an amount of money.
    NotAmount,
    /// More decimals than the currency has.
    TooPrecise {
        /// The currency.
        currency: String,
        /// Its decimals.
        decimals: u8,
    },
    /// Too large to hold.
    TooLarge,
    /// A quantity below zero.
    NegativeQuantity,
    /// A price below zero.
    NegativePrice,
    /// A customer named as their own referrer.
    SelfReferral,
    /// A referrer who is not a customer of the shop.
    UnknownReferrer,
    /// A customer the shop does not have (import the customers first).
    UnknownCustomer,
    /// An order line that differs from the order's first line in what all its lines share.
    DiffersFromFirstLine {
        /// The first line's line number in the file.
        line: u64,
    },
    /// An order that already belongs to another customer.
    OrderOfAnotherCustomer,
    /// A line break in a value that cannot hold one: a quote opened on `line` was never closed, and the
    /// lines after it were read into this value.
    UnclosedQuote {
        /// The line where the quote opened.
        line: u64,
    },
    /// An amount in another currency than the shop keeps its money in.
    NotShopCurrency {
        /// The shop's currency.
        currency: String,
    },
    /// Not a card number (12 to 19 digits).
    NotCardNumber,
    /// A card number whose check digit does not match: a digit was mistyped.
    CardCheckDigit,
    /// A card that no longer works (lost, replaced, the membership ended).
    CardBlocked {
        /// The day it was blocked.
        on: String,
    },
    /// More points than the member can spend now.
    NotEnoughPoints {
        /// What they can spend.
        available: i64,
    },
}

impl From<crate::MoneyError> for Problem {
    fn from(e: crate::MoneyError) -> Self {
        match e {
            crate::MoneyError::UnknownCurrency => Problem::NotCurrency,
            crate::MoneyError::NotAnAmount => Problem::NotAmount,
            crate::MoneyError::TooPrecise(currency, decimals) => Problem::TooPrecise { currency, decimals },
            crate::MoneyError::Overflow => Problem::TooLarge,
        }
    }
}

/// A problem with a named field: what a form highlights and an API returns as `field`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    /// The field, as the form, the file's column or the JSON key names it.
    pub field: String,
    /// What is wrong.
    pub problem: Problem,
}

impl FieldError {
    /// A problem with `field`.
    pub fn new(field: impl Into<String>, problem: Problem) -> Self {
        Self { field: field.into(), problem }
    }
}

impl std::fmt::Display for FieldError {
    /// English, for logs and tests; people read it through `ladder-i18n`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {:?}", self.field, self.problem)
    }
}

impl std::error::Error for FieldError {}

/// The most characters of a name, a city, a company and other short texts.
pub const SHORT_TEXT: usize = 200;
/// The most characters of a note or an address.
pub const LONG_TEXT: usize = 5_000;

/// A trimmed text of at most `max` characters; empty is `None`.
pub fn optional_text(value: &str, max: usize) -> Result<Option<String>, Problem> {
    let value = value.trim();
    if value.is_empty() {
        Ok(None)
    } else if value.chars().count() > max {
        Err(Problem::TooLong { max })
    } else {
        Ok(Some(value.to_owned()))
    }
}

/// A trimmed, non-empty text of at most `max` characters.
pub fn required_text(value: &str, max: usize) -> Result<String, Problem> {
    optional_text(value, max)?.ok_or(Problem::Required)
}

/// An email address as stored: trimmed, checked against RFC 5322's address syntax with a domain that has
/// a dot (`name@localhost` is refused: nobody's shop mail goes there).
pub fn email(value: &str) -> Result<String, Problem> {
    let value = value.trim();
    check_email(value)?;
    Ok(value.to_owned())
}

fn check_email(value: &str) -> Result<(), Problem> {
    if value.is_empty() {
        return Err(Problem::Required);
    }
    if value.chars().count() > 254 {
        return Err(Problem::TooLong { max: 254 });
    }
    if plain_email(value) {
        return Ok(());
    }
    let options = email_address::Options {
        minimum_sub_domains: 2,
        allow_domain_literal: false,
        allow_display_text: false,
        ..Default::default()
    };
    match email_address::EmailAddress::parse_with_options(value, options) {
        Ok(parsed) if !parsed.domain().ends_with('.') => Ok(()),
        _ => Err(Problem::NotEmail),
    }
}

/// The common address — an ASCII dot-atom before the `@`, dot-separated letters, digits and dashes after
/// it — checked without the full parser (an import checks a million of them); anything else goes to
/// `email_address`. Every address this accepts, the parser accepts too (tested).
fn plain_email(value: &str) -> bool {
    let Some((local, domain)) = value.split_once('@') else { return false };
    let atom = |c: u8| c.is_ascii_alphanumeric() || b"!#$%&'*+/=?^_`{|}~-".contains(&c);
    let dotted = |part: &str, ok: &dyn Fn(u8) -> bool, max: usize| {
        !part.is_empty()
            && part.split('.').all(|piece| !piece.is_empty() && piece.len() <= max && piece.bytes().all(ok))
    };
    let label = |c: u8| c.is_ascii_alphanumeric() || c == b'-';
    local.len() <= 64
        && dotted(local, &atom, 64)
        && domain.contains('.')
        && dotted(domain, &label, 63)
        && domain.split('.').all(|l| !l.starts_with('-') && !l.ends_with('-'))
}

/// Why a date of a file or the API could not be read, `expected` naming its form: a year of another
/// calendar is named as such.
pub fn date_problem(value: &str, expected: &str) -> Problem {
    match crate::date::early_year(value) {
        Some(year) => Problem::NotGregorian { year },
        None => Problem::NotDate { expected: expected.to_owned() },
    }
}

/// An optional email: empty is `None`.
pub fn optional_email(value: &str) -> Result<Option<String>, Problem> {
    if value.trim().is_empty() { Ok(None) } else { email(value).map(Some) }
}

/// A phone number as written (trimmed): digits with spaces, dots, dashes, parentheses and a leading `+`,
/// 5 to 15 digits (E.164's most).
pub fn phone(value: &str) -> Result<String, Problem> {
    let value = value.trim();
    check_phone(value)?;
    Ok(value.to_owned())
}

fn check_phone(value: &str) -> Result<(), Problem> {
    if value.is_empty() {
        return Err(Problem::Required);
    }
    let mut digits = 0;
    for (i, c) in value.chars().enumerate() {
        match c {
            '0'..='9' => digits += 1,
            '+' if i == 0 => {}
            ' ' | '-' | '.' | '(' | ')' | '/' => {}
            _ => return Err(Problem::NotPhone),
        }
    }
    if !(5..=15).contains(&digits) {
        return Err(Problem::NotPhone);
    }
    Ok(())
}

/// An optional phone: empty is `None`.
pub fn optional_phone(value: &str) -> Result<Option<String>, Problem> {
    if value.trim().is_empty() { Ok(None) } else { phone(value).map(Some) }
}

/// A two-letter country code, upper-cased.
pub fn country(value: &str) -> Result<String, Problem> {
    check_country(value)?;
    Ok(value.trim().to_ascii_uppercase())
}

fn check_country(value: &str) -> Result<(), Problem> {
    let value = value.trim();
    if value.len() == 2 && value.bytes().all(|b| b.is_ascii_alphabetic()) { Ok(()) } else { Err(Problem::NotCountry) }
}

/// An optional country code: empty is `None`.
pub fn optional_country(value: &str) -> Result<Option<String>, Problem> {
    if value.trim().is_empty() { Ok(None) } else { country(value).map(Some) }
}

/// The fewest characters of a password.
pub const PASSWORD_MIN: usize = 10;

/// The password policy: at least [`PASSWORD_MIN`] characters, and not the account's email.
pub fn password(password: &str, email: &str) -> Result<(), Problem> {
    if password.chars().count() < PASSWORD_MIN {
        Err(Problem::PasswordTooShort { min: PASSWORD_MIN })
    } else if password.trim().eq_ignore_ascii_case(email.trim()) {
        Err(Problem::PasswordIsEmail)
    } else {
        Ok(())
    }
}

/// The longest id of a customer, an order or a product.
pub const ID_MAX: usize = 100;

/// Checks every field of a customer as files, forms and the API give it, naming the first field at fault
/// as the customers file names its column. A birthday more than a day after `today` is refused (the day's
/// slack covers time zones).
pub fn customer(c: &crate::Customer, today: chrono::NaiveDate) -> Result<(), FieldError> {
    let check = |field: &str, result: Result<(), Problem>| result.map_err(|p| FieldError::new(field, p));
    let too_long =
        |value: &str, max: usize| if value.chars().count() > max { Err(Problem::TooLong { max }) } else { Ok(()) };
    let length = |value: &Option<String>, max: usize| value.as_deref().map_or(Ok(()), |v| too_long(v, max));
    check("customer_id", required_text(&c.external_id, ID_MAX).map(drop))?;
    for (field, value) in [
        ("first_name", &c.first_name),
        ("last_name", &c.last_name),
        ("company", &c.company),
        ("industry", &c.industry),
        ("city", &c.city),
        ("region", &c.region),
        ("profession", &c.profession),
        ("income_band", &c.income_band),
        ("preferred_language", &c.preferred_language),
    ] {
        check(field, length(value, SHORT_TEXT))?;
    }
    check("address", length(&c.address, LONG_TEXT))?;
    check("referred_by", length(&c.referred_by, ID_MAX))?;
    if let Some(email) = &c.email {
        check("email", check_email(email.trim()))?;
    }
    if let Some(phone) = &c.phone {
        check("phone", check_phone(phone.trim()))?;
    }
    if let Some(code) = &c.country {
        check("country", check_country(code))?;
    }
    let born = c.birthday.and_then(|b| b.year.and_then(|y| chrono::NaiveDate::from_ymd_opt(y, b.month, b.day)));
    if born.is_some_and(|d| d > today + chrono::Duration::days(1)) {
        return Err(FieldError::new("birthday", Problem::InFuture));
    }
    for tag in &c.tags {
        check("tags", too_long(tag, SHORT_TEXT))?;
    }
    for (name, value) in &c.attributes {
        check(name, too_long(value, LONG_TEXT))?;
    }
    Ok(())
}

/// The highest unit price and line total an order may carry, in major units (a billion): past it a
/// figure is a typo (`50000000000000000.00`), and sums over millions of orders stay far from overflowing.
pub const MAX_AMOUNT_MAJOR: i64 = 1_000_000_000;
/// The most items one line may count.
pub const MAX_QUANTITY: i64 = 1_000_000;

/// One order line: quantity and price within bounds, its texts within lengths; the fields named as the
/// orders file names its columns (`unit_price`).
pub fn order_line(line: &crate::OrderLine, currency: &crate::Currency) -> Result<(), FieldError> {
    let check = |field: &str, result: Result<(), Problem>| result.map_err(|p| FieldError::new(field, p));
    let max_minor = MAX_AMOUNT_MAJOR.saturating_mul(10i64.pow(u32::from(currency.exponent())));
    let limit = || Problem::AboveMaximum { max: MAX_AMOUNT_MAJOR.to_string() };
    check("sku", required_text(&line.sku, ID_MAX).map(drop))?;
    check("product_name", line.product_name.as_deref().map_or(Ok(()), |v| optional_text(v, SHORT_TEXT).map(drop)))?;
    check("category", line.category.as_deref().map_or(Ok(()), |v| optional_text(v, SHORT_TEXT).map(drop)))?;
    if line.quantity < 1 {
        let problem = if line.quantity < 0 { Problem::NegativeQuantity } else { Problem::NotPositive };
        return Err(FieldError::new("quantity", problem));
    }
    if line.quantity > MAX_QUANTITY {
        return Err(FieldError::new("quantity", Problem::AboveMaximum { max: MAX_QUANTITY.to_string() }));
    }
    if line.unit_price_minor < 0 {
        return Err(FieldError::new("unit_price", Problem::NegativePrice));
    }
    if line.unit_price_minor > max_minor {
        return Err(FieldError::new("unit_price", limit()));
    }
    if line.quantity.checked_mul(line.unit_price_minor).is_none_or(|total| total > max_minor) {
        return Err(FieldError::new("quantity", limit()));
    }
    Ok(())
}

/// An order's own fields (its lines apart): ids and code within lengths, and not dated more than a day
/// after `now` (a day's slack for time zones and clocks).
pub fn order_header(
    order_id: &str,
    customer_id: &str,
    campaign_code: Option<&str>,
    ordered_at: chrono::DateTime<chrono::Utc>,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<(), FieldError> {
    let check = |field: &str, result: Result<(), Problem>| result.map_err(|p| FieldError::new(field, p));
    check("order_id", required_text(order_id, ID_MAX).map(drop))?;
    check("customer_id", required_text(customer_id, ID_MAX).map(drop))?;
    check("campaign_code", campaign_code.map_or(Ok(()), |c| optional_text(c, ID_MAX).map(drop)))?;
    if ordered_at > now + chrono::Duration::days(1) {
        return Err(FieldError::new("ordered_at", Problem::InFuture));
    }
    Ok(())
}

#[cfg(test)]
mod order_tests {
    use super::*;
    use crate::{Currency, OrderLine};

    fn line(quantity: i64, price: i64) -> OrderLine {
        OrderLine { sku: "A".into(), product_name: None, category: None, quantity, unit_price_minor: price }
    }

    #[test]
    fn lines_and_orders_stay_within_bounds() {
        let ils = Currency::parse("ILS").expect("ILS");
        assert_eq!(order_line(&line(1, 100_000_000_000), &ils), Ok(()), "a billion shekels, at the limit");
        let over = order_line(&line(1, 100_000_000_001), &ils).expect_err("refused");
        assert_eq!(
            (over.field.as_str(), over.problem),
            ("unit_price", Problem::AboveMaximum { max: "1000000000".into() })
        );
        assert_eq!(
            order_line(&line(2, 60_000_000_000), &ils).expect_err("refused").field,
            "quantity",
            "the line total"
        );
        assert_eq!(order_line(&line(i64::MAX, 2), &ils).expect_err("refused").field, "quantity");
        assert_eq!(order_line(&line(0, 1), &ils).expect_err("refused").problem, Problem::NotPositive);
        let long = OrderLine { sku: "S".repeat(ID_MAX + 1), ..line(1, 1) };
        assert_eq!(order_line(&long, &ils).expect_err("refused").field, "sku");
        let now = chrono::DateTime::parse_from_rfc3339("2026-12-01T12:00:00Z").expect("time").to_utc();
        assert_eq!(order_header("O1", "C1", None, now + chrono::Duration::hours(20), now), Ok(()));
        let ahead = order_header("O1", "C1", None, now + chrono::Duration::hours(25), now).expect_err("refused");
        assert_eq!((ahead.field.as_str(), ahead.problem), ("ordered_at", Problem::InFuture));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_customer_is_checked_field_by_field() {
        let ok = crate::Customer {
            external_id: "C1".into(),
            email: Some("dana@example.co.il".into()),
            phone: Some("+972 52 123 4567".into()),
            country: Some("IL".into()),
            ..crate::Customer::default()
        };
        let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 1).expect("day");
        assert_eq!(customer(&ok, today), Ok(()));
        let field = |c: crate::Customer| customer(&c, today).expect_err("invalid").field;
        assert_eq!(field(crate::Customer { email: Some("notanemail".into()), ..ok.clone() }), "email");
        assert_eq!(field(crate::Customer { phone: Some("call me".into()), ..ok.clone() }), "phone");
        assert_eq!(field(crate::Customer { country: Some("Israel".into()), ..ok.clone() }), "country");
        assert_eq!(field(crate::Customer { external_id: " ".into(), ..ok.clone() }), "customer_id");
        assert_eq!(field(crate::Customer { city: Some("x".repeat(SHORT_TEXT + 1)), ..ok.clone() }), "city");
        let unborn = crate::Customer { birthday: crate::Birthday::parse("2026-12-03").ok(), ..ok.clone() };
        assert_eq!(customer(&unborn, today).expect_err("refused").problem, Problem::InFuture);
        let tomorrow = crate::Customer { birthday: crate::Birthday::parse("2026-12-02").ok(), ..ok.clone() };
        assert_eq!(customer(&tomorrow, today), Ok(()), "a day's slack for time zones");
    }

    #[test]
    fn emails_need_a_name_an_at_and_a_domain_with_a_dot() {
        assert_eq!(email(" dana@example.co.il ").as_deref(), Ok("dana@example.co.il"));
        assert_eq!(email("o'brien+shop@mail.example.com").as_deref(), Ok("o'brien+shop@mail.example.com"));
        for bad in
            ["notanemail", "a@", "@example.com", "a b@example.com", "a@localhost", "Dana <d@example.com>", "a@b."]
        {
            assert_eq!(email(bad), Err(Problem::NotEmail), "{bad}");
        }
        assert_eq!(email("  "), Err(Problem::Required));
        assert_eq!(optional_email(""), Ok(None));
    }

    #[test]
    fn the_quick_path_accepts_only_what_the_parser_accepts() {
        let options = email_address::Options {
            minimum_sub_domains: 2,
            allow_domain_literal: false,
            allow_display_text: false,
            ..Default::default()
        };
        let parsed = |v: &str| {
            email_address::EmailAddress::parse_with_options(v, options).is_ok_and(|p| !p.domain().ends_with('.'))
        };
        let locals = [
            "dana",
            "o'brien+shop",
            "a.b.c",
            "x_y-z",
            "1",
            "a..b",
            ".a",
            "a.",
            "{x}|~",
            &"l".repeat(64),
            &"l".repeat(65),
        ];
        let domains = [
            "example.com",
            "mail.example.co.il",
            "ex-ample.ru",
            "-x.com",
            "x-.com",
            "a..b",
            "localhost",
            "xn--80ak6aa92e.com",
            &format!("{}.com", "d".repeat(64)),
        ];
        let mut quick = 0;
        for local in locals {
            for domain in domains {
                let address = format!("{local}@{domain}");
                if plain_email(&address) {
                    quick += 1;
                    assert!(parsed(&address), "the quick path took {address}, the parser refuses it");
                }
                assert_eq!(email(&address).is_ok(), parsed(&address), "{address}");
            }
        }
        assert!(quick > 20, "the usual addresses take the quick path");
    }

    #[test]
    fn phones_are_digits_with_their_usual_marks() {
        assert!(phone("+972 52-123-4567").is_ok());
        assert!(phone("(495) 123 45 67").is_ok());
        assert_eq!(phone("call me"), Err(Problem::NotPhone));
        assert_eq!(phone("12"), Err(Problem::NotPhone));
        assert_eq!(phone("1+2345678"), Err(Problem::NotPhone), "a plus only in front");
        assert_eq!(phone("1234567890123456"), Err(Problem::NotPhone), "E.164 has at most 15 digits");
    }

    #[test]
    fn texts_are_trimmed_and_bounded() {
        assert_eq!(optional_text("  ", 5), Ok(None));
        assert_eq!(optional_text(" דנה ", 5), Ok(Some("דנה".into())));
        assert_eq!(optional_text("ابجدهو", 5), Err(Problem::TooLong { max: 5 }), "characters, not bytes");
        assert_eq!(required_text("", 5), Err(Problem::Required));
        assert_eq!(country(" il "), Ok("IL".into()));
        assert_eq!(country("ISR"), Err(Problem::NotCountry));
    }

    #[test]
    fn passwords_follow_the_policy() {
        assert_eq!(password("short", "a@b.c"), Err(Problem::PasswordTooShort { min: 10 }));
        assert_eq!(password("Dana@Example.com", "dana@example.com"), Err(Problem::PasswordIsEmail));
        assert_eq!(password("correct horse", "dana@example.com"), Ok(()));
    }

    #[test]
    fn problems_serialize_as_a_kind_and_parameters() {
        let json = serde_json::to_string(&FieldError::new("name", Problem::TooLong { max: 100 })).expect("json");
        assert_eq!(json, r#"{"field":"name","problem":{"kind":"too_long","max":100}}"#);
    }
}
