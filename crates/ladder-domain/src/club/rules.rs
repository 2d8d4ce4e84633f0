//! The club's rules as the shop sets them: how points are earned, how long they wait and last, the
//! tiers and their perks. Stored as JSON; [`ClubRules::for_currency`] gives the defaults.

use crate::customer::string_enum;
use crate::money::Currency;
use crate::validate::{FieldError, Problem};
use chrono::{Datelike, Months, NaiveDate};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

string_enum! {
    /// Something a member gets besides points.
    Perk {
        /// Shipping costs nothing.
        FreeShipping = "free_shipping",
        /// A longer warranty.
        ExtendedWarranty = "extended_warranty",
        /// New products and sales before everyone else.
        EarlyAccess = "early_access",
        /// A gift in the birthday month.
        BirthdayGift = "birthday_gift",
        /// A welcome gift, for a friend who came with a member's referral code.
        WelcomeGift = "welcome_gift",
    }
}

string_enum! {
    /// What a tier is earned by.
    TierBasis {
        /// Completed orders' totals over the last 12 months, in the shop's currency.
        Spend = "spend",
        /// Points earned over the last 12 months.
        Points = "points",
    }
}

string_enum! {
    /// How a member moves down once the grace period is over.
    Downgrade {
        /// Never down.
        None = "none",
        /// One tier at a time.
        OneDown = "one_down",
        /// Straight to the tier the 12 months qualify for.
        Recompute = "recompute",
    }
}

/// How long earned points last.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Expiry {
    /// Until the same day so many months after they were earned.
    Months {
        /// How many.
        months: u32,
    },
    /// Until the end of the month so many months after they were earned.
    EndOfMonth {
        /// How many.
        months: u32,
    },
    /// They never expire.
    Never,
}

impl Expiry {
    /// The first day on which points earned on `day` can no longer be used (`None`: never).
    pub fn expires_on(self, day: NaiveDate) -> Option<NaiveDate> {
        match self {
            Expiry::Months { months } => day.checked_add_months(Months::new(months)),
            Expiry::EndOfMonth { months } => {
                let later = day.checked_add_months(Months::new(months))?;
                NaiveDate::from_ymd_opt(later.year(), later.month(), 1)?.checked_add_months(Months::new(1))
            }
            Expiry::Never => None,
        }
    }
}

/// One tier.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tier {
    /// Its stable key (`silver`).
    pub key: String,
    /// Its name per language (`en`, `he`, `fa`, `ru`); English when a language is missing.
    pub names: BTreeMap<String, String>,
    /// What the last 12 months must reach: minor units of spend, or points (see [`TierBasis`]).
    pub threshold: i64,
    /// Points earned in this tier, percent of the base (100: as is).
    pub multiplier_percent: u32,
    /// What its members get.
    pub perks: Vec<Perk>,
}

impl Tier {
    /// Its name in `lang`, else in English, else its key.
    pub fn name(&self, lang: &str) -> &str {
        self.names.get(lang).or_else(|| self.names.get("en")).map_or(self.key.as_str(), String::as_str)
    }
}

/// A category earning more (or less) than the base.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CategoryMultiplier {
    /// The product category, as the orders name it.
    pub category: String,
    /// Percent of the base.
    pub percent: u32,
}

/// Bonuses for the moments that matter to the ladder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bonuses {
    /// Points for the third completed order: the step from customer to repeat customer.
    pub third_order: i64,
    /// Points earned in the birthday month, percent of the base (100: no bonus).
    pub birthday_month_percent: u32,
    /// Points for the referrer when a friend's first order completes.
    pub referral_first_order: i64,
    /// Points for answering a survey.
    pub survey: i64,
}

/// The club's rules.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClubRules {
    /// The club takes members.
    pub enabled: bool,
    /// The digits every card number starts with.
    pub card_prefix: String,
    /// The version of the club's terms a member accepts on joining.
    pub terms_version: String,
    /// One point for each so many minor units spent (in the shop's currency).
    pub spend_per_point_minor: i64,
    /// Orders below this total (minor units) earn nothing.
    pub min_order_minor: i64,
    /// What one point is worth when spent, in minor units: the liability of outstanding points.
    pub point_value_minor: i64,
    /// Days before earned points can be spent (about the return window).
    pub pending_days: u32,
    /// How long points last.
    pub expiry: Expiry,
    /// Bonuses.
    pub bonuses: Bonuses,
    /// Categories earning another share of the base.
    pub category_multipliers: Vec<CategoryMultiplier>,
    /// Tiers from the lowest; the first is every member's (its threshold is 0).
    pub tiers: Vec<Tier>,
    /// What tiers are earned by.
    pub tier_basis: TierBasis,
    /// Days below a tier's threshold before a member moves down.
    pub grace_days: u32,
    /// How a member moves down.
    pub downgrade: Downgrade,
    /// What a friend who came with a referral code gets.
    pub referral_welcome: Vec<Perk>,
}

fn names(en: &str, he: &str, fa: &str, ru: &str) -> BTreeMap<String, String> {
    [("en", en), ("he", he), ("fa", fa), ("ru", ru)].into_iter().map(|(l, n)| (l.to_owned(), n.to_owned())).collect()
}

impl ClubRules {
    /// The defaults for a shop in `currency`: a point per 1 ILS, USD or EUR, per 10 RUB, per 10,000 IRR
    /// (1,000 toman); a point worth 2 % of what earned it; 14 days pending; 12 months; Silver for every
    /// member, Gold from 1,000 points' worth of spend in 12 months, Platinum from 3,000.
    pub fn for_currency(currency: Currency) -> Self {
        let major = match currency.code() {
            "RUB" => 10,
            "IRR" => 10_000,
            "IRT" => 1_000,
            _ => 1,
        };
        let scale = 10i64.pow(u32::from(currency.exponent()));
        let per_point = major * scale;
        Self {
            enabled: true,
            card_prefix: "27".to_owned(),
            terms_version: "1".to_owned(),
            spend_per_point_minor: per_point,
            min_order_minor: 0,
            point_value_minor: (per_point / 50).max(1),
            pending_days: 14,
            expiry: Expiry::Months { months: 12 },
            bonuses: Bonuses { third_order: 100, birthday_month_percent: 200, referral_first_order: 200, survey: 20 },
            category_multipliers: Vec::new(),
            tiers: vec![
                Tier {
                    key: "silver".to_owned(),
                    names: names("Silver", "כסף", "نقره‌ای", "Серебряный"),
                    threshold: 0,
                    multiplier_percent: 100,
                    perks: vec![Perk::BirthdayGift],
                },
                Tier {
                    key: "gold".to_owned(),
                    names: names("Gold", "זהב", "طلایی", "Золотой"),
                    threshold: 1_000 * per_point,
                    multiplier_percent: 125,
                    perks: vec![Perk::BirthdayGift, Perk::FreeShipping],
                },
                Tier {
                    key: "platinum".to_owned(),
                    names: names("Platinum", "פלטינום", "پلاتینی", "Платиновый"),
                    threshold: 3_000 * per_point,
                    multiplier_percent: 150,
                    perks: vec![Perk::BirthdayGift, Perk::FreeShipping, Perk::EarlyAccess, Perk::ExtendedWarranty],
                },
            ],
            tier_basis: TierBasis::Spend,
            grace_days: 30,
            downgrade: Downgrade::OneDown,
            referral_welcome: vec![Perk::WelcomeGift],
        }
    }

    /// The tier of `key`.
    pub fn tier(&self, key: &str) -> Option<&Tier> {
        self.tiers.iter().find(|t| t.key == key)
    }

    /// The position of the tier of `key`, from the lowest.
    pub fn tier_index(&self, key: &str) -> Option<usize> {
        self.tiers.iter().position(|t| t.key == key)
    }

    /// The day points earned on `day` can be spent from.
    pub fn available_on(&self, day: NaiveDate) -> NaiveDate {
        day.checked_add_days(chrono::Days::new(u64::from(self.pending_days))).unwrap_or(day)
    }

    /// Whether the rules can be used, each refusal naming its field.
    pub fn check(&self) -> Result<(), FieldError> {
        let refuse = |field: &str, problem: Problem| Err(FieldError::new(field, problem));
        let at_least = |min: i64| Problem::BelowMinimum { min: min.to_string() };
        if self.card_prefix.chars().count() > 6 {
            return refuse("card_prefix", Problem::TooLong { max: 6 });
        }
        if !self.card_prefix.bytes().all(|b| b.is_ascii_digit()) {
            return refuse("card_prefix", Problem::NotWholeNumber);
        }
        if self.spend_per_point_minor <= 0 {
            return refuse("spend_per_point_minor", Problem::NotPositive);
        }
        for (field, value) in [
            ("point_value_minor", self.point_value_minor),
            ("min_order_minor", self.min_order_minor),
            ("bonuses.third_order", self.bonuses.third_order),
            ("bonuses.referral_first_order", self.bonuses.referral_first_order),
            ("bonuses.survey", self.bonuses.survey),
        ] {
            if value < 0 {
                return refuse(field, at_least(0));
            }
        }
        if self.pending_days > 365 {
            return refuse("pending_days", Problem::AboveMaximum { max: "365".to_owned() });
        }
        if let Expiry::Months { months } | Expiry::EndOfMonth { months } = self.expiry
            && !(1..=120).contains(&months)
        {
            return refuse("expiry.months", Problem::NotBetween { min: "1".to_owned(), max: "120".to_owned() });
        }
        let Some(first) = self.tiers.first() else {
            return refuse("tiers", Problem::Required);
        };
        if first.threshold != 0 {
            return refuse("tiers[0].threshold", Problem::NotBetween { min: "0".to_owned(), max: "0".to_owned() });
        }
        for (i, t) in self.tiers.iter().enumerate() {
            if t.key.trim().is_empty() {
                return refuse(&format!("tiers[{i}].key"), Problem::Required);
            }
            if self.tiers[..i].iter().any(|o| o.key == t.key) {
                return refuse(&format!("tiers[{i}].key"), Problem::Taken);
            }
            if i > 0 && t.threshold <= self.tiers[i - 1].threshold {
                let other = format!("tiers[{}].threshold", i - 1);
                return refuse(&format!("tiers[{i}].threshold"), Problem::BelowField { other });
            }
            if t.multiplier_percent > 1_000 {
                let field = format!("tiers[{i}].multiplier_percent");
                return refuse(&field, Problem::AboveMaximum { max: "1000".to_owned() });
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn defaults_per_currency_and_expiry() {
        let ils = ClubRules::for_currency(Currency::parse("ILS").unwrap());
        assert_eq!(ils.spend_per_point_minor, 100);
        assert!(ils.check().is_ok());
        assert_eq!(ClubRules::for_currency(Currency::parse("RUB").unwrap()).spend_per_point_minor, 1_000);
        let irr = Currency::parse("IRR").unwrap();
        assert_eq!(ClubRules::for_currency(irr).spend_per_point_minor, 10_000 * 10i64.pow(u32::from(irr.exponent())));
        assert_eq!(Expiry::Months { months: 12 }.expires_on(day("2026-01-31")), Some(day("2027-01-31")));
        assert_eq!(Expiry::EndOfMonth { months: 1 }.expires_on(day("2026-01-31")), Some(day("2026-03-01")));
        assert_eq!(Expiry::Months { months: 1 }.expires_on(day("2026-01-31")), Some(day("2026-02-28")));
        assert_eq!(Expiry::Never.expires_on(day("2026-01-31")), None);
        let mut bad = ils.clone();
        bad.tiers[2].threshold = 5;
        assert_eq!(bad.check().unwrap_err().field, "tiers[2].threshold");
    }
}
