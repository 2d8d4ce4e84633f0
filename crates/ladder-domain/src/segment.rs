//! Segment rules: which customers a list, a saved segment or (next) an audience means, as a typed rule.
//! A segment keeps its rule, never a list of members, so it always means the customers who match now.
//!
//! The rule's stored form is a JSON object of the filters that are set, each as text, with names of rungs,
//! states, segments and channels in their canonical spelling: `{"rung":"loyal","country":"IL"}`. The same
//! keys name the filters in the customer list's address (`/customers?rung=loyal`). Turning a rule into a
//! query is the app's (`ladder_app::segments`); the pages, the API, the command line and the worker all
//! evaluate a segment through that one function.

use crate::customer::{Channel, string_enum};
use crate::ladder::{CustomerState, Rung};
use crate::rfm::RfmSegment;
use crate::validate::{FieldError, Problem};
use serde_json::Value;

string_enum! {
    /// How a customer list is sorted.
    Sort {
        /// In the order customers were added.
        Id = "id",
        /// By last name (or company), then first name.
        Name = "name",
        /// Highest spend first.
        Spend = "spend",
        /// Most recent last order first.
        LastOrder = "last_order",
        /// Most orders first.
        Orders = "orders",
        /// Highest value over the next 12 months first.
        Clv = "clv",
        /// Most likely to still be a customer first.
        PAlive = "p_alive",
        /// By state, the ones slipping first: at risk, lapsed, lost, then active.
        State = "state",
    }
}

// `string_enum!` derives no `Default`, so the list's default order is said here.
#[allow(clippy::derivable_impls)]
impl Default for Sort {
    fn default() -> Self {
        Sort::Id
    }
}

/// An amount a person typed as a filter, in the shop currency's major units: plain ASCII decimals
/// (`2500.5`), not negative.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Amount(String);

impl Amount {
    /// Reads an amount as a person types it in any of Ladder's languages: Persian or Arabic digits,
    /// Persian separators, spaces and commas between thousands, and a Russian decimal comma (`1500,5`,
    /// `1 500,50`): one comma that cannot separate thousands, in a number without a point. Anything else
    /// with a comma (`,500`, `1,5,0`) is refused rather than guessed at.
    pub fn parse(text: &str) -> Result<Amount, Problem> {
        let mut plain = String::new();
        for c in text.trim().chars() {
            match c {
                '0'..='9' | '.' | ',' => plain.push(c),
                '۰'..='۹' => plain.push(char::from(b'0' + (c as u32 - '۰' as u32) as u8)),
                '٠'..='٩' => plain.push(char::from(b'0' + (c as u32 - '٠' as u32) as u8)),
                '٫' => plain.push('.'),
                '٬' | ' ' | '\u{a0}' | '\u{202f}' | '\'' => {}
                '-' => return Err(Problem::BelowMinimum { min: "0".into() }),
                _ => return Err(Problem::NotNumber),
            }
        }
        let grouping = |bytes: &[u8], i: usize| {
            i > 0
                && bytes.get(i + 1..i + 4).is_some_and(|d| d.iter().all(u8::is_ascii_digit))
                && bytes.get(i + 4).is_none_or(|b| !b.is_ascii_digit())
        };
        if !plain.contains('.') && plain.matches(',').count() == 1 {
            let at = plain.find(',').unwrap_or_default();
            if at > 0 && at + 1 < plain.len() && !grouping(plain.as_bytes(), at) {
                plain = plain.replacen(',', ".", 1);
            }
        }
        let bytes = plain.as_bytes();
        let grouping = |i: usize| grouping(bytes, i);
        if bytes.iter().enumerate().any(|(i, b)| *b == b',' && !grouping(i)) {
            return Err(Problem::NotNumber);
        }
        let plain = plain.replace(',', "");
        let mut parts = plain.split('.');
        let whole = parts.next().unwrap_or_default();
        let fraction = parts.next().unwrap_or_default();
        let valid = parts.next().is_none()
            && !(whole.is_empty() && fraction.is_empty())
            && whole.bytes().chain(fraction.bytes()).all(|b| b.is_ascii_digit());
        if !valid {
            return Err(Problem::NotNumber);
        }
        Ok(Amount(plain))
    }

    /// The amount as stored and shown: ASCII decimals.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The amount in minor units of a currency with `exponent` decimals, rounded half up; `None` beyond
    /// what an `i64` holds.
    pub fn to_minor(&self, exponent: u8) -> Option<i64> {
        let (whole, fraction) = self.0.split_once('.').unwrap_or((&self.0, ""));
        let scale = 10i128.checked_pow(u32::from(exponent))?;
        let whole: i128 = if whole.is_empty() { 0 } else { whole.parse().ok()? };
        let mut minor = whole.checked_mul(scale)?;
        let digits: Vec<i128> = fraction.bytes().map(|b| i128::from(b - b'0')).collect();
        let mut place = scale;
        for (i, d) in digits.iter().enumerate() {
            place /= 10;
            if i < usize::from(exponent) {
                minor += d * place;
            } else {
                if *d >= 5 {
                    minor += 1;
                }
                break;
            }
        }
        i64::try_from(minor).ok()
    }

    fn value(&self) -> Option<f64> {
        self.0.parse().ok()
    }
}

/// Which customers a list or segment means. Empty filters match everyone.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SegmentRule {
    /// Text in the name, company, email, phone or id (`q`).
    pub search: Option<String>,
    /// Only this rung.
    pub rung: Option<Rung>,
    /// Only this state.
    pub state: Option<CustomerState>,
    /// Only this RFM segment (`segment`).
    pub rfm_segment: Option<RfmSegment>,
    /// Only this country code (upper case).
    pub country: Option<String>,
    /// Only customers with this tag.
    pub tag: Option<String>,
    /// Only customers whose latest answer for this channel is a yes.
    pub consent: Option<Channel>,
    /// Only customers worth at least this over the next 12 months (the shop's currency).
    pub min_clv: Option<Amount>,
    /// Only customers worth at most this.
    pub max_clv: Option<Amount>,
    /// Only customers with at least this many counted orders.
    pub min_orders: Option<u32>,
    /// Only customers with at most this many counted orders.
    pub max_orders: Option<u32>,
    /// Only customers who bought this product (its SKU) or from this category.
    pub product: Option<String>,
    /// The list's order.
    pub sort: Option<Sort>,
}

/// The filters a rule may hold, by their stored (and address) names.
pub const KEYS: [&str; 13] = [
    "q",
    "rung",
    "state",
    "segment",
    "country",
    "tag",
    "consent",
    "min_clv",
    "max_clv",
    "min_orders",
    "max_orders",
    "product",
    "sort",
];

/// The longest text a filter holds.
const FILTER_MAX: usize = 200;

fn named<T>(value: &str, parse: fn(&str) -> Option<T>, names: fn() -> String) -> Result<T, Problem> {
    parse(value).ok_or_else(|| Problem::NotOneOf { choices: names() })
}

impl SegmentRule {
    /// Sets one filter from its text; empty text clears it. A value that means nothing is a problem with
    /// that field, never ignored: a saved rule must not match more customers than its author meant.
    pub fn set(&mut self, key: &str, value: &str) -> Result<(), FieldError> {
        let value = value.trim();
        let problem = |p: Problem| FieldError::new(key, p);
        let text = |v: &str| -> Result<Option<String>, FieldError> {
            crate::validate::optional_text(v, FILTER_MAX).map_err(problem)
        };
        let count = |v: &str| -> Result<Option<u32>, FieldError> {
            if v.is_empty() { Ok(None) } else { v.parse().map(Some).map_err(|_| problem(Problem::NotWholeNumber)) }
        };
        let empty = value.is_empty();
        match key {
            "q" => self.search = text(value)?,
            "rung" => {
                self.rung = (!empty).then(|| named(value, Rung::parse, Rung::names)).transpose().map_err(problem)?
            }
            "state" => {
                self.state = (!empty)
                    .then(|| named(value, CustomerState::parse, CustomerState::names))
                    .transpose()
                    .map_err(problem)?
            }
            "segment" => {
                self.rfm_segment =
                    (!empty).then(|| named(value, RfmSegment::parse, RfmSegment::names)).transpose().map_err(problem)?
            }
            "country" => self.country = crate::validate::optional_country(value).map_err(problem)?,
            "tag" => self.tag = text(value)?,
            "consent" => {
                self.consent =
                    (!empty).then(|| named(value, Channel::parse, Channel::names)).transpose().map_err(problem)?
            }
            "min_clv" => self.min_clv = (!empty).then(|| Amount::parse(value)).transpose().map_err(problem)?,
            "max_clv" => self.max_clv = (!empty).then(|| Amount::parse(value)).transpose().map_err(problem)?,
            "min_orders" => self.min_orders = count(value)?,
            "max_orders" => self.max_orders = count(value)?,
            "product" => self.product = text(value)?,
            "sort" => {
                self.sort = (!empty).then(|| named(value, Sort::parse, Sort::names)).transpose().map_err(problem)?
            }
            _ => return Err(FieldError::new(key, Problem::NotOneOf { choices: KEYS.join(", ") })),
        }
        Ok(())
    }

    /// The first problem of a rule whose every filter is valid alone: a lower bound above its upper.
    pub fn problem(&self) -> Option<FieldError> {
        if let (Some(low), Some(high)) =
            (self.min_clv.as_ref().and_then(Amount::value), self.max_clv.as_ref().and_then(Amount::value))
            && low > high
        {
            return Some(FieldError::new("max_clv", Problem::BelowField { other: "min_clv".into() }));
        }
        if let (Some(low), Some(high)) = (self.min_orders, self.max_orders)
            && low > high
        {
            return Some(FieldError::new("max_orders", Problem::BelowField { other: "min_orders".into() }));
        }
        None
    }

    /// A rule from named fields (a form, an address), strictly: every key known and every value meaning
    /// something, the bounds in order.
    pub fn from_fields<'a>(fields: impl IntoIterator<Item = (&'a str, &'a str)>) -> Result<Self, FieldError> {
        let mut rule = SegmentRule::default();
        for (key, value) in fields {
            rule.set(key, value)?;
        }
        rule.problem().map_or(Ok(rule), Err)
    }

    /// A rule from an address a person may have typed: unknown keys and values that mean nothing are
    /// left out instead of refused.
    pub fn from_fields_leniently<'a>(fields: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        let mut rule = SegmentRule::default();
        for (key, value) in fields {
            let _ = rule.set(key, value);
        }
        rule
    }

    /// The stored form: an object of the filters that are set, as text.
    pub fn to_json(&self) -> Value {
        Value::Object(self.fields().into_iter().map(|(k, v)| (k.to_owned(), Value::String(v))).collect())
    }

    /// A rule from its stored form (or an API body's `definition`): an object of known filters, each text
    /// (or a number, for the bounds).
    pub fn from_json(value: &Value) -> Result<Self, FieldError> {
        let Value::Object(object) = value else {
            return Err(FieldError::new("", Problem::NotOneOf { choices: KEYS.join(", ") }));
        };
        let mut fields: Vec<(String, String)> = Vec::with_capacity(object.len());
        for (key, value) in object {
            let text = match value {
                Value::Null => continue,
                Value::String(s) => s.clone(),
                Value::Number(n) => n.to_string(),
                _ => return Err(FieldError::new(key.as_str(), Problem::NotOneOf { choices: KEYS.join(", ") })),
            };
            fields.push((key.clone(), text));
        }
        Self::from_fields(fields.iter().map(|(k, v)| (k.as_str(), v.as_str())))
    }

    /// The filters that are set, by name, in [`KEYS`] order, as text.
    pub fn fields(&self) -> Vec<(&'static str, String)> {
        let mut out: Vec<(&'static str, String)> = Vec::new();
        let mut put = |key: &'static str, value: Option<String>| {
            if let Some(v) = value.filter(|v| !v.is_empty()) {
                out.push((key, v));
            }
        };
        put("q", self.search.clone());
        put("rung", self.rung.map(|r| r.as_str().to_owned()));
        put("state", self.state.map(|s| s.as_str().to_owned()));
        put("segment", self.rfm_segment.map(|s| s.as_str().to_owned()));
        put("country", self.country.clone());
        put("tag", self.tag.clone());
        put("consent", self.consent.map(|c| c.as_str().to_owned()));
        put("min_clv", self.min_clv.as_ref().map(|a| a.as_str().to_owned()));
        put("max_clv", self.max_clv.as_ref().map(|a| a.as_str().to_owned()));
        put("min_orders", self.min_orders.map(|n| n.to_string()));
        put("max_orders", self.max_orders.map(|n| n.to_string()));
        put("product", self.product.clone());
        put("sort", self.sort.map(|s| s.as_str().to_owned()));
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn rules_are_tidied_and_round_trip() {
        let rule = SegmentRule::from_json(
            &json!({"rung": " Loyal ", "country": "il", "min_clv": 100, "max_clv": "1,500.5", "q": ""}),
        )
        .expect("valid");
        assert_eq!(rule.rung, Some(Rung::Loyal));
        let text = rule.to_json();
        assert_eq!(text, json!({"rung": "loyal", "country": "IL", "min_clv": "100", "max_clv": "1500.5"}));
        assert_eq!(SegmentRule::from_json(&text).expect("stored form reads back"), rule);
    }

    #[test]
    fn nonsense_is_refused_with_its_field() {
        let field = |v: Value| SegmentRule::from_json(&v).expect_err("invalid").field;
        assert_eq!(field(json!({"rung": "golden"})), "rung");
        assert_eq!(field(json!({"colour": "red"})), "colour");
        assert_eq!(field(json!({"tag": ["a"]})), "tag");
        assert_eq!(field(json!({"min_clv": "-5"})), "min_clv");
        assert_eq!(field(json!({"min_clv": "500", "max_clv": "100"})), "max_clv");
        assert_eq!(field(json!({"min_orders": "3", "max_orders": "2"})), "max_orders");
        assert_eq!(field(json!({"sort": "random"})), "sort");
        assert_eq!(field(json!(["rung", "loyal"])), "");
        let lenient = SegmentRule::from_fields_leniently([("rung", "golden"), ("state", "at risk"), ("page", "2")]);
        assert_eq!(lenient, SegmentRule { state: Some(CustomerState::AtRisk), ..SegmentRule::default() });
    }

    #[test]
    fn amounts_are_read_in_every_language() {
        let a = |t: &str| Amount::parse(t).map(|a| a.as_str().to_owned());
        assert_eq!(a("۲٬۵۰۰٫۵").as_deref(), Ok("2500.5"));
        assert_eq!(a("٣٠٠").as_deref(), Ok("300"));
        assert_eq!(a("1 000").as_deref(), Ok("1000"));
        assert_eq!(a("12,345,678.9").as_deref(), Ok("12345678.9"));
        assert_eq!(a("1500,5").as_deref(), Ok("1500.5"), "a Russian decimal comma");
        assert_eq!(a("1 500,50").as_deref(), Ok("1500.50"));
        assert_eq!(a("1,500").as_deref(), Ok("1500"), "three digits after it: thousands");
        assert_eq!(a("1,5,0"), Err(Problem::NotNumber));
        assert_eq!(a(",500"), Err(Problem::NotNumber));
        assert_eq!(a("ten"), Err(Problem::NotNumber));
        assert_eq!(a("1.2.3"), Err(Problem::NotNumber));
    }

    #[test]
    fn amounts_become_minor_units_exactly() {
        let minor = |t: &str, e: u8| Amount::parse(t).expect("amount").to_minor(e);
        assert_eq!(minor("2500.5", 2), Some(250_050));
        assert_eq!(minor("0.125", 2), Some(13), "half up beyond the currency's decimals");
        assert_eq!(minor("1500", 0), Some(1500));
        assert_eq!(minor(".5", 3), Some(500));
        assert_eq!(minor("99999999999999999999", 2), None);
    }
}
