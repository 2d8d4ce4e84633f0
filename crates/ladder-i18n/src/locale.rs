//! The languages Ladder speaks, and choosing one from a browser's `Accept-Language`.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A language of Ladder's user interface. Serialised as its code (`"he"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, PartialOrd, Ord)]
pub enum Locale {
    /// English, the fallback for every missing message.
    #[default]
    En,
    /// Hebrew, right to left.
    He,
    /// Persian, right to left, with Persian digits and Jalali dates.
    Fa,
    /// Russian.
    Ru,
}

impl Locale {
    /// Every locale, English first.
    pub const ALL: [Locale; 4] = [Locale::En, Locale::He, Locale::Fa, Locale::Ru];

    /// The BCP 47 language code: `"en"`, `"he"`, `"fa"` or `"ru"`.
    pub const fn code(self) -> &'static str {
        match self {
            Locale::En => "en",
            Locale::He => "he",
            Locale::Fa => "fa",
            Locale::Ru => "ru",
        }
    }

    /// The language's name in itself, for a language picker.
    pub const fn native_name(self) -> &'static str {
        match self {
            Locale::En => "English",
            Locale::He => "עברית",
            Locale::Fa => "فارسی",
            Locale::Ru => "Русский",
        }
    }

    /// Whether text in this language runs right to left.
    pub const fn is_rtl(self) -> bool {
        matches!(self, Locale::He | Locale::Fa)
    }

    /// The value for HTML's `dir` attribute: `"rtl"` or `"ltr"`.
    pub const fn dir(self) -> &'static str {
        if self.is_rtl() { "rtl" } else { "ltr" }
    }

    /// The calendar its readers see and type dates in: Jalali for Persian, Gregorian for the others.
    pub const fn calendar(self) -> ladder_domain::date::Calendar {
        match self {
            Locale::Fa => ladder_domain::date::Calendar::Jalali,
            _ => ladder_domain::date::Calendar::Gregorian,
        }
    }

    /// The position of this locale in [`Locale::ALL`].
    pub(crate) const fn index(self) -> usize {
        self as usize
    }

    /// Reads a language tag such as `"he"`, `"he-IL"`, `"HE_il"` or the old Hebrew code `"iw"`; only the
    /// primary language subtag decides, case-insensitively.
    pub fn parse(tag: &str) -> Option<Locale> {
        let primary = tag.trim().split(['-', '_']).next()?;
        match primary.to_ascii_lowercase().as_str() {
            "en" => Some(Locale::En),
            "he" | "iw" => Some(Locale::He),
            "fa" | "pes" => Some(Locale::Fa),
            "ru" => Some(Locale::Ru),
            _ => None,
        }
    }

    /// The best locale for an HTTP `Accept-Language` header: the highest `q` wins, ties go to the earlier
    /// entry, `q=0` means "not this one", and `*` stands for the default (English). Anything unreadable is
    /// skipped, and with nothing usable the answer is English.
    pub fn negotiate(accept_language: &str) -> Locale {
        let mut best: Option<(f32, Locale)> = None;
        for entry in accept_language.split(',') {
            let mut parts = entry.split(';');
            let tag = parts.next().unwrap_or("").trim();
            let Some(quality) = quality(parts) else { continue };
            if quality <= 0.0 {
                continue;
            }
            let locale = if tag == "*" { Some(Locale::default()) } else { Locale::parse(tag) };
            if let Some(locale) = locale
                && best.is_none_or(|(q, _)| quality > q)
            {
                best = Some((quality, locale));
            }
        }
        best.map_or_else(Locale::default, |(_, locale)| locale)
    }
}

/// The `q` parameter of one `Accept-Language` entry (1 when absent), or `None` when it is malformed.
fn quality<'a>(params: impl Iterator<Item = &'a str>) -> Option<f32> {
    let mut quality = 1.0;
    for param in params {
        let Some((name, value)) = param.split_once('=') else { continue };
        if name.trim().eq_ignore_ascii_case("q") {
            quality = value.trim().parse::<f32>().ok().filter(|q| (0.0..=1.0).contains(q))?;
        }
    }
    Some(quality)
}

impl fmt::Display for Locale {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// The error of reading a [`Locale`] from text that names none of Ladder's languages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownLocale(pub String);

impl fmt::Display for UnknownLocale {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown locale {:?}: expected one of en, he, fa, ru", self.0)
    }
}

impl std::error::Error for UnknownLocale {}

impl FromStr for Locale {
    type Err = UnknownLocale;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Locale::parse(s).ok_or_else(|| UnknownLocale(s.to_owned()))
    }
}

impl Serialize for Locale {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.code())
    }
}

impl<'de> Deserialize<'de> for Locale {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let tag = String::deserialize(deserializer)?;
        tag.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for locale in Locale::ALL {
            assert_eq!(Locale::parse(locale.code()), Some(locale));
            assert_eq!(locale.to_string().parse::<Locale>(), Ok(locale));
            assert_eq!(Locale::ALL[locale.index()], locale);
        }
    }

    #[test]
    fn parse_accepts_regions_case_and_old_codes() {
        assert_eq!(Locale::parse("he"), Some(Locale::He));
        assert_eq!(Locale::parse("he-IL"), Some(Locale::He));
        assert_eq!(Locale::parse("HE_il"), Some(Locale::He));
        assert_eq!(Locale::parse("iw"), Some(Locale::He));
        assert_eq!(Locale::parse("fa-IR"), Some(Locale::Fa));
        assert_eq!(Locale::parse("ru-RU"), Some(Locale::Ru));
        assert_eq!(Locale::parse("en-GB"), Some(Locale::En));
        assert_eq!(Locale::parse("de"), None);
        assert_eq!(Locale::parse(""), None);
        assert_eq!(Locale::parse("english"), None);
        assert!("xx".parse::<Locale>().is_err());
    }

    #[test]
    fn direction_and_names() {
        assert_eq!(Locale::default(), Locale::En);
        assert_eq!(Locale::He.dir(), "rtl");
        assert_eq!(Locale::Fa.dir(), "rtl");
        assert_eq!(Locale::En.dir(), "ltr");
        assert_eq!(Locale::Ru.dir(), "ltr");
        assert!(Locale::Fa.is_rtl() && !Locale::Ru.is_rtl());
        let names: Vec<_> = Locale::ALL.iter().map(|l| l.native_name()).collect();
        assert_eq!(names, ["English", "עברית", "فارسی", "Русский"]);
    }

    #[test]
    fn negotiation() {
        assert_eq!(Locale::negotiate("he-IL,he;q=0.9,en;q=0.8"), Locale::He);
        assert_eq!(Locale::negotiate("fa-IR"), Locale::Fa);
        assert_eq!(Locale::negotiate("de-DE,ru;q=0.5"), Locale::Ru);
        assert_eq!(Locale::negotiate(""), Locale::En);
        assert_eq!(Locale::negotiate("en;q=0, ru"), Locale::Ru);
        assert_eq!(Locale::negotiate("en;q=0.5, fa;q=0.8"), Locale::Fa);
        assert_eq!(Locale::negotiate("ru;q=0.7, he;q=0.7"), Locale::Ru);
        assert_eq!(Locale::negotiate("de, *;q=0.5, ru;q=0.3"), Locale::En);
        assert_eq!(Locale::negotiate("ru;q=abc, he;q=0.1"), Locale::He);
        assert_eq!(Locale::negotiate("ru;q=0"), Locale::En);
        assert_eq!(Locale::negotiate(" RU-ru ; Q=0.9 "), Locale::Ru);
        assert_eq!(Locale::negotiate("de-DE,fr;q=0.9"), Locale::En);
        assert_eq!(Locale::negotiate(",,;;=,"), Locale::En);
    }

    #[test]
    fn serde_uses_the_code() {
        assert_eq!(serde_json::to_string(&Locale::Fa).unwrap(), "\"fa\"");
        assert_eq!(serde_json::from_str::<Locale>("\"he-IL\"").unwrap(), Locale::He);
        assert!(serde_json::from_str::<Locale>("\"de\"").is_err());
    }
}
