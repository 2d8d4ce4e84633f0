//! How long a text message is as the network counts it: in the GSM 03.38 alphabet (7 bits a
//! character, 160 in one message, 153 a part once split; the extension characters `^{}\[~]|€` take
//! two) or, as soon as one character is outside it — every Hebrew, Persian and Russian letter — in
//! UCS-2 (70 in one message, 67 a part; a character outside the Basic Multilingual Plane, an emoji,
//! takes two). Shown before a send with its parts, because each part is billed.

use serde::Serialize;

/// GSM 03.38's basic alphabet, one septet each.
const GSM_BASIC: &str = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

/// GSM 03.38's extension table, an escape and a septet each.
const GSM_EXTENSION: &str = "\u{000C}^{}\\[~]|€";

/// How a message is encoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SmsEncoding {
    /// GSM 03.38, 7 bits a character.
    Gsm7,
    /// UCS-2, 16 bits a unit.
    Ucs2,
}

/// A message's length as the network counts it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct SmsLength {
    /// Its encoding.
    pub encoding: SmsEncoding,
    /// Septets (GSM-7) or 16-bit units (UCS-2).
    pub units: usize,
    /// The parts it is sent (and billed) as.
    pub parts: usize,
}

/// The length of `text` as a text message.
pub fn length(text: &str) -> SmsLength {
    let gsm: Option<usize> = text
        .chars()
        .map(|c| {
            if GSM_BASIC.contains(c) {
                Some(1)
            } else if GSM_EXTENSION.contains(c) {
                Some(2)
            } else {
                None
            }
        })
        .sum();
    let (encoding, units, single, part) = match gsm {
        Some(septets) => (SmsEncoding::Gsm7, septets, 160, 153),
        None => (SmsEncoding::Ucs2, text.encode_utf16().count(), 70, 67),
    };
    let parts = match units {
        0 => 0,
        n if n <= single => 1,
        n => n.div_ceil(part),
    };
    SmsLength { encoding, units, parts }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin_text_is_gsm_7_and_splits_at_153() {
        assert_eq!(length("Hello!"), SmsLength { encoding: SmsEncoding::Gsm7, units: 6, parts: 1 });
        assert_eq!(length(&"a".repeat(160)).parts, 1);
        assert_eq!(length(&"a".repeat(161)).parts, 2);
        assert_eq!(length(&"a".repeat(306)).parts, 2);
        assert_eq!(length(&"a".repeat(307)).parts, 3);
        assert_eq!(length("Price: 10€ [new]").units, 19, "the extension characters take two");
        assert_eq!(length("").parts, 0);
    }

    #[test]
    fn hebrew_persian_and_russian_are_ucs_2_and_split_at_67() {
        let hebrew = length("פרסומת: שלום דנה");
        assert_eq!((hebrew.encoding, hebrew.units, hebrew.parts), (SmsEncoding::Ucs2, 16, 1));
        assert_eq!(length(&"ش".repeat(70)).parts, 1);
        assert_eq!(length(&"ш".repeat(71)).parts, 2);
        assert_eq!(length(&"ш".repeat(134)).parts, 2);
        assert_eq!(length(&"ш".repeat(135)).parts, 3);
        assert_eq!(length("Hi 🙂").units, 5, "an emoji takes two units, and makes the message UCS-2");
    }
}
