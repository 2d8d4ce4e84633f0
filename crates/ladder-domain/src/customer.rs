//! Customers, their consents and their interactions with the business.

use crate::consent::{ConsentMethod, LegalBasis, Purpose};
use crate::date::Birthday;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Declares an enum of stable snake_case names (files, the database, JSON): `ALL`, `as_str`, `parse`
/// (with aliases, ignoring case), `names` and `Display`. The using crate needs `serde`.
#[macro_export]
macro_rules! string_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $text:literal $(| $alias:literal)*),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, ::serde::Serialize, ::serde::Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($(#[$vmeta])* #[doc = concat!("`", $text, "`")] $variant),+ }

        impl $name {
            /// Every value, in order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The stable snake_case name used in files, the database and JSON.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }

            /// Reads the name (or an accepted alias), ignoring case and surrounding space.
            pub fn parse(s: &str) -> Option<Self> {
                let s = s.trim().to_ascii_lowercase().replace(['-', ' '], "_");
                match s.as_str() { $($text $(| $alias)* => Some($name::$variant),)+ _ => None }
            }

            /// The accepted names, for error messages.
            pub fn names() -> String {
                [$($text),+].join(", ")
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}
pub(crate) use crate::string_enum;

string_enum! {
    /// A private person or a business customer.
    CustomerKind { Person = "person" | "private" | "individual", Business = "business" | "company" }
}

string_enum! {
    /// A way to reach a customer; consent is kept per channel.
    Channel { Email = "email", Sms = "sms", Phone = "phone", Mail = "mail" | "post", Fax = "fax" }
}

string_enum! {
    /// What happened between the business and a person.
    InteractionKind {
        /// They asked about a product or service.
        Inquiry = "inquiry",
        /// They signed up (newsletter, account, club).
        SignUp = "sign_up" | "signup",
        /// They visited the shop or the site.
        Visit = "visit",
        /// They clicked a link in a message or an advertisement.
        Click = "click",
        /// A phone call.
        Call = "call",
        /// An email exchanged.
        Email = "email",
        /// A meeting.
        Meeting = "meeting",
        /// They reached us through someone's referral.
        Referral = "referral",
        /// A complaint.
        Complaint = "complaint",
        /// Feedback or a survey answer.
        Feedback = "feedback",
        /// They recommended us in public (a review, a post); counts towards advocacy.
        Recommendation = "recommendation" | "review",
        /// A note by the team.
        Note = "note",
    }
}

/// Consent to be contacted on one channel for one purpose, with the evidence of when, where and how it
/// was given; every change of it is appended to the consent ledger ([`crate::consent`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Consent {
    /// The channel.
    pub channel: Channel,
    /// Whether contact is allowed.
    pub granted: bool,
    /// When it was given or withdrawn, if known.
    pub at: Option<DateTime<Utc>>,
    /// Where it was given ("web form", "import:customers.csv").
    pub source: Option<String>,
    /// What kind of message it allows (marketing unless said).
    #[serde(default)]
    pub purpose: Purpose,
    /// How it was given, when known; else read from the source ([`ConsentMethod::of_source`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub method: Option<ConsentMethod>,
    /// What it rests on, when known; else the method's usual basis.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub basis: Option<LegalBasis>,
    /// The evidence (the file and line, the wording shown, the staff member).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence: Option<String>,
}

impl Consent {
    /// The fields of a plain answer: marketing, with nothing known of how or on what evidence; the
    /// rest of a literal (`Consent { channel, granted, at, source, ..Consent::PLAIN, ..Consent::PLAIN }`).
    pub const PLAIN: Consent = Consent {
        channel: Channel::Email,
        granted: false,
        at: None,
        source: None,
        purpose: Purpose::Marketing,
        method: None,
        basis: None,
        evidence: None,
    };

    /// How this answer was given: as recorded, else as its source (or `fallback`, the source of the
    /// write that records it) implies.
    pub fn method_or(&self, fallback: &str) -> ConsentMethod {
        self.method.unwrap_or_else(|| ConsentMethod::of_source(self.source.as_deref().unwrap_or(fallback)))
    }

    /// What this answer rests on: none for a withdrawal; as recorded, else the method's usual basis.
    pub fn basis_or(&self, fallback: &str) -> Option<LegalBasis> {
        self.granted.then(|| self.basis.unwrap_or_else(|| self.method_or(fallback).usual_basis()))
    }
}

/// A customer or contact as the business knows them. In JSON every field but `customer_id` may be left
/// out (empty).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Customer {
    /// The business's own stable id for this person (`customer_id` in files and JSON).
    #[serde(rename = "customer_id")]
    pub external_id: String,
    /// Person or business.
    pub kind: Option<CustomerKind>,
    /// First name.
    pub first_name: Option<String>,
    /// Last name.
    pub last_name: Option<String>,
    /// Company name.
    pub company: Option<String>,
    /// Industry.
    pub industry: Option<String>,
    /// Email address.
    pub email: Option<String>,
    /// Phone number.
    pub phone: Option<String>,
    /// Postal address (street and number).
    pub address: Option<String>,
    /// City.
    pub city: Option<String>,
    /// Region or state.
    pub region: Option<String>,
    /// Country (ISO 3166 alpha-2 code, as given).
    pub country: Option<String>,
    /// Birthday; the year may be unknown.
    pub birthday: Option<Birthday>,
    /// Profession.
    pub profession: Option<String>,
    /// Income band, as the business names them.
    pub income_band: Option<String>,
    /// Preferred language (BCP 47 tag such as he, fa, ru, en).
    pub preferred_language: Option<String>,
    /// Preferred channel.
    pub preferred_channel: Option<Channel>,
    /// Consents per channel.
    pub consents: Vec<Consent>,
    /// The external id of the customer who referred them.
    pub referred_by: Option<String>,
    /// When they became known to the business.
    pub created_at: Option<DateTime<Utc>>,
    /// Free tags.
    pub tags: Vec<String>,
    /// Any other attributes the business keeps.
    pub attributes: BTreeMap<String, String>,
}

impl Customer {
    /// The name to show: first and last name, else the company, else the id.
    pub fn display_name(&self) -> String {
        display_name(&self.external_id, self.first_name.as_deref(), self.last_name.as_deref(), self.company.as_deref())
    }
}

/// Something that happened between the business and a customer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Interaction {
    /// The customer's external id.
    #[serde(rename = "customer_id")]
    pub customer_external_id: String,
    /// When.
    pub at: DateTime<Utc>,
    /// What kind.
    pub kind: InteractionKind,
    /// A free note.
    pub note: Option<String>,
    /// The campaign or coupon code it came through (a sign-up on a coupon page, a tracked link).
    #[serde(default)]
    pub campaign_code: Option<String>,
}

/// The one separator of tags wherever a person types or reads them (a file's `tags` column, the profile
/// form, the command line, exports): a comma, as shop exports write them (`vip, coffee`).
pub const TAG_SEPARATOR: char = ',';

/// Tags as typed: split at commas, trimmed, empty ones dropped.
pub fn split_tags(text: &str) -> Vec<String> {
    text.split(TAG_SEPARATOR).map(str::trim).filter(|t| !t.is_empty()).map(str::to_owned).collect()
}

/// Tags as shown and written: `vip, coffee`.
pub fn join_tags(tags: &[String]) -> String {
    tags.join(", ")
}

/// A customer's name as lists show it, from the columns a query read: first and last name, else the
/// company, else the id.
pub fn display_name(external_id: &str, first: Option<&str>, last: Option<&str>, company: Option<&str>) -> String {
    let name = [first, last].into_iter().flatten().filter(|s| !s.is_empty()).collect::<Vec<_>>().join(" ");
    if !name.is_empty() {
        name
    } else if let Some(company) = company.filter(|c| !c.is_empty()) {
        company.to_owned()
    } else {
        external_id.to_owned()
    }
}

/// Two records of one person made one: `kept`'s fields where it has them, `absorbed`'s elsewhere; tags
/// together; custom fields together (`kept`'s winning); the earlier "known since"; and for each channel
/// the most restrictive consent of the two — a "no" from either stands, with its evidence — so a merge
/// never makes anyone reachable who had said no.
pub fn merge(kept: &Customer, absorbed: &Customer) -> Customer {
    let pick = |a: &Option<String>, b: &Option<String>| a.clone().filter(|v| !v.is_empty()).or_else(|| b.clone());
    let mut tags: Vec<String> = kept.tags.iter().chain(&absorbed.tags).cloned().collect();
    tags.sort();
    tags.dedup();
    let mut attributes = absorbed.attributes.clone();
    attributes.extend(kept.attributes.clone());
    let mut consents = Vec::new();
    for channel in Channel::ALL {
        let last = |c: &Customer| c.consents.iter().rev().find(|k| k.channel == *channel).cloned();
        let chosen = match (last(kept), last(absorbed)) {
            (Some(k), Some(a)) if !a.granted && k.granted => Some(a),
            (Some(k), _) => Some(k),
            (None, a) => a,
        };
        consents.extend(chosen);
    }
    let referred_by =
        pick(&kept.referred_by, &absorbed.referred_by).filter(|r| *r != kept.external_id && *r != absorbed.external_id);
    let created_at = match (kept.created_at, absorbed.created_at) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    };
    Customer {
        external_id: kept.external_id.clone(),
        kind: kept.kind.or(absorbed.kind),
        first_name: pick(&kept.first_name, &absorbed.first_name),
        last_name: pick(&kept.last_name, &absorbed.last_name),
        company: pick(&kept.company, &absorbed.company),
        industry: pick(&kept.industry, &absorbed.industry),
        email: pick(&kept.email, &absorbed.email),
        phone: pick(&kept.phone, &absorbed.phone),
        address: pick(&kept.address, &absorbed.address),
        city: pick(&kept.city, &absorbed.city),
        region: pick(&kept.region, &absorbed.region),
        country: pick(&kept.country, &absorbed.country),
        birthday: kept.birthday.or(absorbed.birthday),
        profession: pick(&kept.profession, &absorbed.profession),
        income_band: pick(&kept.income_band, &absorbed.income_band),
        preferred_language: pick(&kept.preferred_language, &absorbed.preferred_language),
        preferred_channel: kept.preferred_channel.or(absorbed.preferred_channel),
        consents,
        referred_by,
        created_at,
        tags,
        attributes,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_parse_with_aliases_and_case() {
        assert_eq!(InteractionKind::parse("Sign-up"), Some(InteractionKind::SignUp));
        assert_eq!(InteractionKind::parse("signup"), Some(InteractionKind::SignUp));
        assert_eq!(CustomerKind::parse("Company"), Some(CustomerKind::Business));
        assert_eq!(Channel::parse("SMS"), Some(Channel::Sms));
        assert_eq!(Channel::parse("pigeon"), None);
        assert_eq!(Channel::names(), "email, sms, phone, mail, fax");
    }

    #[test]
    fn display_name_falls_back_to_company_then_id() {
        let mut c = Customer { external_id: "C7".into(), ..Customer::default() };
        assert_eq!(c.display_name(), "C7");
        c.company = Some("Шоколадница".into());
        assert_eq!(c.display_name(), "Шоколадница");
        c.first_name = Some("דנה".into());
        c.last_name = Some("כהן".into());
        assert_eq!(c.display_name(), "דנה כהן");
    }
}

#[cfg(test)]
mod tag_tests {
    #[test]
    fn tags_split_and_join_at_one_separator() {
        assert_eq!(super::split_tags(" vip, coffee ,,קפה"), ["vip", "coffee", "קפה"]);
        assert_eq!(super::join_tags(&super::split_tags("vip,coffee")), "vip, coffee");
    }
}

#[cfg(test)]
mod merge_tests {
    use super::*;

    #[test]
    fn a_merge_keeps_the_fields_of_both_and_the_most_restrictive_consent() {
        let yes = |channel| Consent { channel, granted: true, at: None, source: Some("form".into()), ..Consent::PLAIN };
        let no = |channel| Consent {
            channel,
            granted: false,
            at: None,
            source: Some("reply STOP".into()),
            ..Consent::PLAIN
        };
        let kept = Customer {
            external_id: "C1".into(),
            first_name: Some("Harry".into()),
            email: Some("harry@example.com".into()),
            tags: vec!["vip".into()],
            consents: vec![yes(Channel::Email), yes(Channel::Sms)],
            referred_by: Some("C2".into()),
            ..Customer::default()
        };
        let absorbed = Customer {
            external_id: "C2".into(),
            first_name: Some("H.".into()),
            phone: Some("+44 20 7946 0000".into()),
            tags: vec!["coffee".into(), "vip".into()],
            consents: vec![no(Channel::Email), yes(Channel::Mail)],
            ..Customer::default()
        };
        let merged = merge(&kept, &absorbed);
        assert_eq!((merged.external_id.as_str(), merged.first_name.as_deref()), ("C1", Some("Harry")));
        assert_eq!(merged.phone.as_deref(), Some("+44 20 7946 0000"), "the other's field fills a gap");
        assert_eq!(merged.tags, ["coffee", "vip"]);
        let answer = |ch| merged.consents.iter().find(|k| k.channel == ch).map(|k| (k.granted, k.source.clone()));
        assert_eq!(answer(Channel::Email), Some((false, Some("reply STOP".into()))), "a no stands");
        assert_eq!(answer(Channel::Sms).map(|a| a.0), Some(true));
        assert_eq!(answer(Channel::Mail).map(|a| a.0), Some(true));
        assert_eq!(merged.referred_by, None, "nobody refers themselves");
    }
}
