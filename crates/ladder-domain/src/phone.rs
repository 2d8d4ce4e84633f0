//! Phone numbers in the forms Ladder keeps beside the number as typed: E.164 (`+972521234567`), the one
//! form a gateway sends to and duplicates are found by, and the digits of the national form
//! (`0521234567`), the one people type when they look someone up. Google's numbering plan data
//! (libphonenumber, through the `phonenumber` crate) knows each country's trunk prefix and lengths.

/// The normal forms of one phone number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhoneForms {
    /// `+` and the country code and national number, nothing else.
    pub e164: String,
    /// The digits of the number as dialled inside its country, trunk prefix included (`0…` in Israel
    /// and Iran, `8…` in Russia).
    pub national: String,
}

/// The forms of `raw`, read in `country` (a two-letter code) when it has no country code of its own;
/// `None` when it is not a number of its country's plan (too short or long, a range never allocated, an
/// unknown country code, a national number without a country).
pub fn forms(raw: &str, country: Option<&str>) -> Option<PhoneForms> {
    let raw = crate::date::ascii_digits(raw.trim());
    let region = country.and_then(|c| c.trim().to_ascii_uppercase().parse::<phonenumber::country::Id>().ok());
    let number = phonenumber::parse(region, &raw).ok()?;
    if !phonenumber::is_valid(&number) {
        return None;
    }
    let e164 = number.format().mode(phonenumber::Mode::E164).to_string();
    let national = digits(&number.format().mode(phonenumber::Mode::National).to_string());
    Some(PhoneForms { e164, national })
}

/// The digits to look for when someone searches for `text`, if it is written like a phone number (digits
/// in any script with spaces, dashes, dots, parentheses and a leading `+` or `00`, at least five digits).
/// Search keeps one form of each phone, its E.164 (or its digits when it is not a number of its plan), and
/// these digits are part of that form whichever way the number was typed: the international `00` and a
/// national trunk prefix (`0` in Israel and Iran, `8` in Russia) are left out, and what follows them is
/// the national number, which E.164 ends with. Leaving a leading digit out of a query only ever finds more.
pub fn search_digits(text: &str) -> Option<String> {
    let text = crate::date::ascii_digits(text.trim());
    let body = text.strip_prefix('+').unwrap_or(&text);
    if body.is_empty() || !body.chars().all(|c| c.is_ascii_digit() || matches!(c, ' ' | '-' | '.' | '(' | ')' | '/')) {
        return None;
    }
    let found = digits(body);
    if found.len() < 5 {
        return None;
    }
    let national = !text.starts_with('+') && !found.starts_with("00");
    let found = found.trim_start_matches('0');
    // Russia's trunk prefix: eight, then ten digits of the national number.
    let found = if national && found.len() == 11 { found.strip_prefix('8').unwrap_or(found) } else { found };
    Some(found.to_owned())
}

fn digits(text: &str) -> String {
    text.chars().filter(char::is_ascii_digit).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_of_our_markets_have_both_forms() {
        let il = forms("054-567-8901", Some("IL")).unwrap();
        assert_eq!((il.e164.as_str(), il.national.as_str()), ("+972545678901", "0545678901"));
        assert_eq!(forms("+972 54 567 8901", None), Some(il.clone()));
        assert_eq!(forms("00972545678901", Some("IL")), Some(il));
        let ru = forms("8 (912) 345-67-89", Some("ru")).unwrap();
        assert_eq!((ru.e164.as_str(), ru.national.as_str()), ("+79123456789", "89123456789"));
        let ir = forms("۰۹۱۲ ۳۴۵ ۶۷۸۹", Some("IR")).unwrap();
        assert_eq!((ir.e164.as_str(), ir.national.as_str()), ("+989123456789", "09123456789"));
    }

    #[test]
    fn what_cannot_be_read_has_no_forms() {
        assert_eq!(forms("054-567-8901", None), None, "a national number needs its country");
        assert_eq!(forms("052-123-4567", Some("IL")), None, "not a number of Israel's plan");
        assert_eq!(forms("12345", Some("IL")), None);
        assert_eq!(forms("not a phone", Some("IL")), None);
    }

    #[test]
    fn searches_written_like_phones_become_digits() {
        // Each is part of the number's E.164: +972521234567, +989123456789, +79161234567.
        assert_eq!(search_digits("052-123-4567").as_deref(), Some("521234567"));
        assert_eq!(search_digits("+972 (52) 123.4567").as_deref(), Some("972521234567"));
        assert_eq!(search_digits("00972521234567").as_deref(), Some("972521234567"));
        assert_eq!(search_digits("۰۹۱۲۳۴۵۶۷۸۹").as_deref(), Some("9123456789"));
        assert_eq!(search_digits("8 (916) 123-45-67").as_deref(), Some("9161234567"));
        assert_eq!(search_digits("+7 916 123-45-67").as_deref(), Some("79161234567"));
        assert_eq!(search_digits("123-45-67").as_deref(), Some("1234567"), "a part of a number stays as typed");
        assert_eq!(search_digits("1234"), None, "too short to be a phone");
        assert_eq!(search_digits("C-10023"), None);
        assert_eq!(search_digits("Harry 0521234567"), None);
    }
}
