//! Card numbers: the shop's prefix, random digits and a Luhn check digit, so a mistyped digit or two
//! swapped digits are caught at the till, and the random part (at least 10 digits) cannot be guessed.

/// Why a card number is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CardError {
    /// Not made of 12 to 19 digits (spaces and dashes aside).
    #[error("a card number is 12 to 19 digits")]
    Shape,
    /// The check digit does not match: a digit was mistyped.
    #[error("the check digit does not match; check the number for a mistyped digit")]
    CheckDigit,
}

/// How many random digits a card carries.
pub const RANDOM_DIGITS: usize = 12;

/// The Luhn check digit of `digits`.
fn luhn_digit(digits: &[u8]) -> u8 {
    let sum: u32 = digits
        .iter()
        .rev()
        .enumerate()
        .map(|(i, d)| {
            let d = u32::from(*d);
            if i % 2 == 0 {
                let doubled = d * 2;
                if doubled > 9 { doubled - 9 } else { doubled }
            } else {
                d
            }
        })
        .sum();
    u8::try_from((10 - sum % 10) % 10).unwrap_or(0)
}

/// A card number from the shop's prefix (digits only, at most 6) and random bytes: the prefix, then
/// [`RANDOM_DIGITS`] digits drawn from `random`, then the check digit.
pub fn card_number(prefix: &str, random: [u8; 16]) -> String {
    let mut digits: Vec<u8> = prefix.bytes().filter(u8::is_ascii_digit).map(|b| b - b'0').take(6).collect();
    let mut n = u128::from_le_bytes(random);
    for _ in 0..RANDOM_DIGITS {
        digits.push(u8::try_from(n % 10).unwrap_or(0));
        n /= 10;
    }
    digits.push(luhn_digit(&digits));
    digits.iter().map(|d| char::from(b'0' + d)).collect()
}

/// A card number as typed or scanned (spaces and dashes allowed), checked: its digits alone.
pub fn check_card_number(typed: &str) -> Result<String, CardError> {
    let cleaned: String = typed.chars().filter(|c| !matches!(c, ' ' | '-' | '\u{a0}')).collect();
    let cleaned = crate::date::ascii_digits(&cleaned);
    if !(12..=19).contains(&cleaned.len()) || !cleaned.bytes().all(|b| b.is_ascii_digit()) {
        return Err(CardError::Shape);
    }
    let digits: Vec<u8> = cleaned.bytes().map(|b| b - b'0').collect();
    let (body, check) = digits.split_at(digits.len() - 1);
    if luhn_digit(body) != check[0] {
        return Err(CardError::CheckDigit);
    }
    Ok(cleaned)
}

/// The letters of referral codes: no 0/O, 1/I/L, so a code read aloud or typed from paper survives.
const CODE_LETTERS: &[u8; 31] = b"23456789ABCDEFGHJKMNPQRSTUVWXYZ";

/// A referral code of 8 letters from random bytes (31⁸ ≈ 8.5 × 10¹¹ codes: unguessable for a shop).
pub fn referral_code(random: [u8; 8]) -> String {
    let mut n = u64::from_le_bytes(random);
    (0..8)
        .map(|_| {
            let letter = CODE_LETTERS[usize::try_from(n % 31).unwrap_or(0)];
            n /= 31;
            char::from(letter)
        })
        .collect()
}

/// A referral code as typed: upper case, spaces and dashes aside.
pub fn normal_referral_code(typed: &str) -> String {
    typed.chars().filter(|c| c.is_ascii_alphanumeric()).map(|c| c.to_ascii_uppercase()).collect()
}

/// A card number in groups of four, as printed.
pub fn grouped(number: &str) -> String {
    number.as_bytes().chunks(4).map(|c| String::from_utf8_lossy(c).into_owned()).collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn referral_codes_avoid_letters_that_look_alike() {
        let code = referral_code([200; 8]);
        assert_eq!(code.len(), 8);
        assert!(code.bytes().all(|b| CODE_LETTERS.contains(&b)), "{code}");
        assert_ne!(referral_code([1; 8]), referral_code([2; 8]));
        assert_eq!(normal_referral_code(" ab-cd 23 "), "ABCD23");
    }

    #[test]
    fn a_number_carries_its_prefix_and_a_check_digit_that_catches_typos() {
        let n = card_number("77", [7; 16]);
        assert_eq!(n.len(), 2 + RANDOM_DIGITS + 1);
        assert!(n.starts_with("77"));
        assert_eq!(check_card_number(&n).unwrap(), n);
        assert_eq!(check_card_number(&grouped(&n)).unwrap(), n);
        // Every single mistyped digit is caught.
        for i in 0..n.len() {
            let mut b = n.clone().into_bytes();
            b[i] = b'0' + (b[i] - b'0' + 1) % 10;
            assert_eq!(check_card_number(std::str::from_utf8(&b).unwrap()), Err(CardError::CheckDigit), "{i}");
        }
        assert_eq!(check_card_number("12345"), Err(CardError::Shape));
        assert_eq!(check_card_number("4111 1111 1111 1111").unwrap(), "4111111111111111");
        // Persian digits, as a Persian keyboard types them.
        assert_eq!(check_card_number("۴۱۱۱۱۱۱۱۱۱۱۱۱۱۱۱").unwrap(), "4111111111111111");
        assert_ne!(card_number("77", [7; 16]), card_number("77", [8; 16]));
    }
}
