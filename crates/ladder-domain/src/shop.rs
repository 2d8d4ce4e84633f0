//! The shop itself: who it is (name, place, time zone, language, currency, opening days, the sender its
//! messages come from) and the thresholds its scoring uses. One typed value, checked whole before it is
//! stored, so a setting read back is always one the rules can use.

use crate::ladder::StateRules;
use crate::validate::{self, FieldError, Problem};
use chrono::Weekday;
use serde::{Deserialize, Serialize};

/// The languages Ladder speaks.
pub const LANGUAGES: [&str; 4] = ["en", "he", "fa", "ru"];

/// Everything a shop sets about itself.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ShopSettings {
    /// The shop's name, as customers know it.
    pub name: String,
    /// Country, ISO 3166 alpha-2.
    pub country: Option<String>,
    /// City.
    pub city: Option<String>,
    /// IANA time zone (`Asia/Jerusalem`): the day's boundaries, schedules and quiet hours are the shop's.
    pub time_zone: String,
    /// The language of the shop's pages and messages unless a person chose another (`en`, `he`, `fa`, `ru`).
    pub language: String,
    /// The shop's currency (ISO 4217): spend and revenue count orders in it. Set by the first order
    /// imported when nobody chose one.
    pub currency: Option<String>,
    /// The days the shop is open.
    pub opening_days: OpeningDays,
    /// Who the shop's messages come from.
    pub sender: Sender,
    /// The scoring's thresholds.
    pub thresholds: Thresholds,
    /// How often and when customers may hear from the shop.
    #[serde(default)]
    pub sending: crate::messaging::SendingRules,
}

impl Default for ShopSettings {
    fn default() -> Self {
        Self {
            name: String::new(),
            country: None,
            city: None,
            time_zone: "UTC".to_owned(),
            language: "en".to_owned(),
            currency: None,
            opening_days: OpeningDays::default(),
            sender: Sender::default(),
            thresholds: Thresholds::default(),
            sending: crate::messaging::SendingRules::default(),
        }
    }
}

/// The name, postal address and contact that the shop's messages carry.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Sender {
    /// The name messages come from ("Café Ladder").
    pub name: String,
    /// The postal address (printed on letters, and required in marketing email by several laws).
    pub address: String,
    /// The reply address.
    pub email: Option<String>,
    /// The phone number customers may call.
    pub phone: Option<String>,
}

/// The weekdays the shop is open, Monday first; every day unless told otherwise.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpeningDays(pub [bool; 7]);

impl Default for OpeningDays {
    fn default() -> Self {
        Self([true; 7])
    }
}

impl OpeningDays {
    /// Whether the shop opens on this weekday.
    pub fn is_open(self, day: Weekday) -> bool {
        self.0[day.num_days_from_monday() as usize]
    }

    /// The open days as their three-letter English names (`mon,tue,…`), as files and the command line
    /// write them.
    pub fn to_text(self) -> String {
        WEEKDAYS.iter().zip(self.0).filter(|(_, open)| *open).map(|(d, _)| *d).collect::<Vec<_>>().join(",")
    }

    /// Reads `mon,tue,…` (any case, spaces allowed); every name known.
    pub fn parse(text: &str) -> Result<Self, Problem> {
        let mut days = [false; 7];
        for name in text.split([',', ' ']).map(str::trim).filter(|n| !n.is_empty()) {
            let name = name.to_ascii_lowercase();
            let i = WEEKDAYS
                .iter()
                .position(|d| name.starts_with(d))
                .ok_or_else(|| Problem::NotOneOf { choices: WEEKDAYS.join(", ") })?;
            days[i] = true;
        }
        Ok(Self(days))
    }
}

const WEEKDAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

/// The thresholds a shop may tune: the states' rules and when the purchase model is used.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Thresholds {
    /// The states' thresholds, on P(alive) and in the recency rule.
    pub rules: StateRules,
    /// Fewest customers with repeat purchases for fitting the purchase model.
    pub min_repeat_customers: u64,
}

impl Default for Thresholds {
    fn default() -> Self {
        Self { rules: StateRules::default(), min_repeat_customers: 30 }
    }
}

/// The largest gap multiple a recency threshold may take.
const MAX_GAPS: f64 = 1_000.0;
/// The longest wait for "lost", in days: a century.
const MAX_DAYS: f64 = 36_500.0;
/// The most repeat customers the model may ask for.
const MAX_REPEAT_CUSTOMERS: f64 = 1_000_000_000.0;

impl Thresholds {
    /// The first problem, if any: P(alive) thresholds within 0 ≤ lapsed ≤ at risk ≤ active ≤ 1, and the
    /// recency rule's gaps positive and ordered at risk ≤ lapsed ≤ lost. The field is named as forms and
    /// flags name it (`at_risk_p_alive`).
    pub fn problem(&self) -> Option<FieldError> {
        let r = &self.rules;
        let probabilities = [
            ("active_p_alive", r.active_p_alive),
            ("at_risk_p_alive", r.at_risk_p_alive),
            ("lapsed_p_alive", r.lapsed_p_alive),
        ];
        let positive = [
            ("at_risk_gaps", r.at_risk_gaps),
            ("lapsed_gaps", r.lapsed_gaps),
            ("lost_gaps", r.lost_gaps),
            ("lost_min_days", r.lost_min_days),
        ];
        let ordered = [
            ("at_risk_p_alive", r.at_risk_p_alive, "active_p_alive", r.active_p_alive),
            ("lapsed_p_alive", r.lapsed_p_alive, "at_risk_p_alive", r.at_risk_p_alive),
            ("at_risk_gaps", r.at_risk_gaps, "lapsed_gaps", r.lapsed_gaps),
            ("lapsed_gaps", r.lapsed_gaps, "lost_gaps", r.lost_gaps),
        ];
        if let Some((field, _)) = probabilities.iter().find(|(_, p)| !(0.0..=1.0).contains(p)) {
            return Some(FieldError::new(*field, Problem::NotBetween { min: "0".into(), max: "1".into() }));
        }
        if let Some((field, _)) = positive.iter().find(|(_, v)| !(v.is_finite() && *v > 0.0)) {
            return Some(FieldError::new(*field, Problem::NotPositive));
        }
        // Past these a rule means nothing (a gap of a thousand usual gaps, a century without an order),
        // and a huge number typed by mistake must not be kept as 1e20.
        let bounded = [
            ("at_risk_gaps", r.at_risk_gaps, MAX_GAPS),
            ("lapsed_gaps", r.lapsed_gaps, MAX_GAPS),
            ("lost_gaps", r.lost_gaps, MAX_GAPS),
            ("lost_min_days", r.lost_min_days, MAX_DAYS),
            ("min_repeat_customers", self.min_repeat_customers as f64, MAX_REPEAT_CUSTOMERS),
        ];
        if let Some((field, _, max)) = bounded.iter().find(|(_, v, max)| v > max) {
            return Some(FieldError::new(*field, Problem::AboveMaximum { max: max.to_string() }));
        }
        ordered
            .iter()
            .find(|(_, v, _, limit)| v > limit)
            .map(|&(field, _, other, _)| FieldError::new(field, Problem::AboveField { other: other.into() }))
    }
}

/// The longest shop name.
pub const NAME_MAX: usize = 100;

impl ShopSettings {
    /// The first problem, if any, with the field named as the settings form names it.
    pub fn problem(&self) -> Option<FieldError> {
        let short = |field: &str, value: &str, max: usize| {
            (value.chars().count() > max).then(|| FieldError::new(field, Problem::TooLong { max }))
        };
        short("name", &self.name, NAME_MAX)
            .or_else(|| {
                self.country.as_deref().and_then(|c| validate::country(c).err()).map(|p| FieldError::new("country", p))
            })
            .or_else(|| short("city", self.city.as_deref().unwrap_or(""), validate::SHORT_TEXT))
            .or_else(|| {
                (self.time_zone.parse::<chrono_tz::Tz>().is_err())
                    .then(|| FieldError::new("time_zone", Problem::NotTimeZone))
            })
            .or_else(|| {
                (!LANGUAGES.contains(&self.language.as_str()))
                    .then(|| FieldError::new("language", Problem::NotOneOf { choices: LANGUAGES.join(", ") }))
            })
            .or_else(|| {
                self.currency
                    .as_deref()
                    .filter(|c| crate::Currency::parse(c).is_err())
                    .map(|_| FieldError::new("currency", Problem::NotCurrency))
            })
            .or_else(|| {
                (!self.opening_days.0.contains(&true)).then(|| FieldError::new("opening_days", Problem::Required))
            })
            .or_else(|| short("sender_name", &self.sender.name, NAME_MAX))
            .or_else(|| short("sender_address", &self.sender.address, validate::LONG_TEXT))
            .or_else(|| {
                self.sender
                    .email
                    .as_deref()
                    .and_then(|e| validate::email(e).err())
                    .map(|p| FieldError::new("sender_email", p))
            })
            .or_else(|| {
                self.sender
                    .phone
                    .as_deref()
                    .and_then(|p| validate::phone(p).err())
                    .map(|p| FieldError::new("sender_phone", p))
            })
            .or_else(|| self.thresholds.problem())
            .or_else(|| self.sending.problem())
    }

    /// The time zone, UTC when the stored name is unknown (it was checked when it was stored).
    pub fn tz(&self) -> chrono_tz::Tz {
        self.time_zone.parse().unwrap_or(chrono_tz::UTC)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_defaults_are_valid_and_open_every_day() {
        let s = ShopSettings::default();
        assert_eq!(s.problem(), None);
        assert!((0..7).all(|i| s.opening_days.is_open(Weekday::try_from(i as u8).expect("a weekday"))));
        assert_eq!(s.tz(), chrono_tz::UTC);
    }

    #[test]
    fn each_field_is_checked_and_named() {
        let field = |change: fn(&mut ShopSettings)| {
            let mut s = ShopSettings::default();
            change(&mut s);
            s.problem().map(|p| p.field)
        };
        assert_eq!(field(|s| s.time_zone = "Mars/Olympus".into()).as_deref(), Some("time_zone"));
        assert_eq!(field(|s| s.time_zone = "Asia/Tehran".into()), None);
        assert_eq!(field(|s| s.language = "de".into()).as_deref(), Some("language"));
        assert_eq!(field(|s| s.currency = Some("XYZ".into())).as_deref(), Some("currency"));
        assert_eq!(field(|s| s.country = Some("Israel".into())).as_deref(), Some("country"));
        assert_eq!(field(|s| s.opening_days = OpeningDays([false; 7])).as_deref(), Some("opening_days"));
        assert_eq!(field(|s| s.sender.email = Some("shop".into())).as_deref(), Some("sender_email"));
        assert_eq!(field(|s| s.name = "x".repeat(NAME_MAX + 1)).as_deref(), Some("name"));
        assert_eq!(field(|s| s.thresholds.rules.at_risk_p_alive = 0.9).as_deref(), Some("at_risk_p_alive"));
    }

    #[test]
    fn thresholds_in_the_wrong_order_name_both_fields() {
        let mut t = Thresholds::default();
        t.rules.at_risk_p_alive = 0.8;
        assert_eq!(
            t.problem(),
            Some(FieldError::new("at_risk_p_alive", Problem::AboveField { other: "active_p_alive".into() }))
        );
        let mut t = Thresholds::default();
        t.rules.lapsed_p_alive = 1.5;
        assert_eq!(
            t.problem(),
            Some(FieldError::new("lapsed_p_alive", Problem::NotBetween { min: "0".into(), max: "1".into() }))
        );
        let mut t = Thresholds::default();
        t.rules.lapsed_gaps = 7.0;
        assert_eq!(
            t.problem(),
            Some(FieldError::new("lapsed_gaps", Problem::AboveField { other: "lost_gaps".into() }))
        );
        let mut t = Thresholds::default();
        t.rules.lost_min_days = f64::NAN;
        assert_eq!(t.problem().map(|p| p.field).as_deref(), Some("lost_min_days"));
    }

    #[test]
    fn opening_days_read_and_write_their_names() {
        let days = OpeningDays::parse("Sun, mon,TUE wed thu").expect("days");
        assert_eq!(days.to_text(), "mon,tue,wed,thu,sun");
        assert!(!days.is_open(Weekday::Fri) && !days.is_open(Weekday::Sat) && days.is_open(Weekday::Sun));
        assert!(OpeningDays::parse("someday").is_err());
        assert_eq!(OpeningDays::default().to_text(), "mon,tue,wed,thu,fri,sat,sun");
    }
}
