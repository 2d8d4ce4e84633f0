//! Whether a message may go to a customer now, and if not why or until when: consent under the law of
//! the customer's country, deliverability suppressions, frequency caps on one contact log, quiet hours in
//! the customer's time zone, and no offer in the days right after a purchase. Pure: every input,
//! the time included, is an argument, so the same decision is made the same way in a preview count, a
//! broadcast and a worker about to send.
//!
//! The rules and their sources are in docs/MESSAGING.md.

use crate::consent::{LegalBasis, Purpose};
use crate::customer::Channel;
use chrono::{DateTime, Datelike, Duration, NaiveTime, TimeZone, Utc, Weekday};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

crate::string_enum! {
    /// What a message is for; it decides which consent, caps and labels apply.
    MessagePurpose {
        /// An order's confirmation, a password reset: needs no consent, counts in no cap.
        Transactional = "transactional",
        /// "How is it?" after a purchase, a survey: needs no marketing consent; counts in the channel's
        /// window but not in the marketing cap, and may go out right after a purchase.
        Service = "service",
        /// An offer or any advertising: needs marketing consent.
        Offer = "offer" | "marketing",
        /// The newsletter: needs newsletter consent; counts as marketing.
        Newsletter = "newsletter",
    }
}

impl MessagePurpose {
    /// The consent a message of this purpose needs, if any.
    pub fn consent(self) -> Option<Purpose> {
        match self {
            Self::Offer => Some(Purpose::Marketing),
            Self::Newsletter => Some(Purpose::Newsletter),
            Self::Transactional | Self::Service => None,
        }
    }

    /// Whether it is advertising in the law's sense (consent, caps, the ad label, a way to refuse).
    pub fn is_marketing(self) -> bool {
        self.consent().is_some()
    }
}

crate::string_enum! {
    /// Whose rules apply: picked by the customer's country, else the shop's.
    Jurisdiction {
        /// Communications Law §30A.
        Israel = "il",
        /// 38-FZ "On Advertising" art. 18 and the law "On Communications" art. 44.1.
        Russia = "ru",
        /// The ePrivacy Directive art. 13 as each member state enacted it, and the UK's PECR.
        EuUk = "eu_uk",
        /// Iran: refusal by reply in every text message.
        Iran = "ir",
        /// Anywhere else: consent, and a way to refuse in every message.
        Default = "default",
    }
}

/// The member states of the European Union and the EEA, whose ePrivacy rules (art. 13) the EU preset
/// follows, with the United Kingdom (PECR) beside them.
const EU_UK: [&str; 31] = [
    "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV", "LT", "LU", "MT",
    "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE", "IS", "LI", "NO", "GB",
];

impl Jurisdiction {
    /// The rules of the customer's country, else of the shop's.
    pub fn of(customer_country: Option<&str>, shop_country: Option<&str>) -> Self {
        let country = customer_country.filter(|c| !c.trim().is_empty()).or(shop_country);
        match country.map(|c| c.trim().to_ascii_uppercase()).as_deref() {
            Some("IL") => Self::Israel,
            Some("RU") => Self::Russia,
            Some("IR") => Self::Iran,
            Some(c) if EU_UK.contains(&c) => Self::EuUk,
            _ => Self::Default,
        }
    }

    /// What an advertisement must start with (Israel: "פרסומת", at the start of an email's subject or a
    /// text message); Ladder adds it, the template need not.
    pub fn ad_label(self) -> Option<&'static str> {
        (self == Self::Israel).then_some("פרסומת")
    }

    /// Whether the existing-customer exception can stand in for explicit consent: in the EU and the UK
    /// (the soft opt-in) and in Israel where the owner turned it on, with its conditions recorded; never in
    /// Russia, where the sender must prove prior consent.
    pub fn allows_existing_customer_exception(self, owner_turned_it_on: bool) -> bool {
        match self {
            Self::EuUk => true,
            Self::Israel => owner_turned_it_on,
            Self::Russia | Self::Iran | Self::Default => false,
        }
    }
}

/// The limits a shop sets on how often and when customers hear from it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SendingRules {
    /// After any message on the channel, no marketing or service message on it for this many hours.
    pub email_window_hours: u32,
    /// The same for text messages.
    pub sms_window_hours: u32,
    /// At most this many marketing messages on all channels together …
    pub marketing_per_period: u32,
    /// … in this many days.
    pub marketing_period_days: u32,
    /// No text messages or calls from this time …
    pub quiet_from: NaiveTime,
    /// … to this time, in the customer's time zone (the window may wrap past midnight).
    pub quiet_to: NaiveTime,
    /// Whether email keeps quiet hours too (no by default).
    pub quiet_email: bool,
    /// Days on which nothing but transactional messages goes out, in the customer's time zone.
    pub closed_days: Vec<Weekday>,
    /// No offer or newsletter this many days after a purchase: only service messages.
    pub days_after_purchase: u32,
    /// Whether the owner turned on Israel's existing-customer exception.
    pub israel_existing_customers: bool,
    /// How the shop meets that exception's conditions, in the owner's words — where the details were
    /// given while buying, how the customer was told that ads would come and offered a refusal, which
    /// products are similar — recorded (and audited) when it is turned on, and required for it.
    pub israel_exception_terms: String,
    /// Whether the web addresses in offers and newsletters by email go through signed redirect links that
    /// count clicks (off by default; opens are never tracked).
    pub track_clicks: bool,
    /// What the SMS gateway charges for one part of a text message, in minor units of the shop's
    /// currency: a text broadcast's forecast shows its cost.
    pub sms_part_price_minor: Option<i64>,
}

impl Default for SendingRules {
    fn default() -> Self {
        Self {
            email_window_hours: 16,
            sms_window_hours: 24,
            marketing_per_period: 3,
            marketing_period_days: 7,
            quiet_from: NaiveTime::from_hms_opt(21, 0, 0).expect("21:00"),
            quiet_to: NaiveTime::from_hms_opt(9, 0, 0).expect("09:00"),
            quiet_email: false,
            closed_days: Vec::new(),
            days_after_purchase: 7,
            israel_existing_customers: false,
            israel_exception_terms: String::new(),
            track_clicks: false,
            sms_part_price_minor: None,
        }
    }
}

impl SendingRules {
    /// The closed days as `sat,sun`.
    pub fn closed_days_text(&self) -> String {
        let mut days = [false; 7];
        for d in &self.closed_days {
            days[d.num_days_from_monday() as usize] = true;
        }
        crate::shop::OpeningDays(days).to_text()
    }

    /// Reads closed days written as `sat,sun` (empty: none).
    pub fn parse_days(text: &str) -> Result<Vec<Weekday>, crate::validate::Problem> {
        let days = crate::shop::OpeningDays::parse(text)?;
        Ok([Weekday::Mon, Weekday::Tue, Weekday::Wed, Weekday::Thu, Weekday::Fri, Weekday::Sat, Weekday::Sun]
            .into_iter()
            .filter(|d| days.is_open(*d))
            .collect())
    }

    /// The first rule out of range, if any: windows up to a month, a cap of at most 100 in up to a year,
    /// up to 90 quiet days after a purchase, at least one day open, Israel's exception only with how its
    /// conditions are met, and a part's price from 0 to 1,000,000 minor units.
    pub fn problem(&self) -> Option<crate::validate::FieldError> {
        use crate::validate::{FieldError, Problem};
        let between = |field: &str, value: u32, min: u32, max: u32| {
            (!(min..=max).contains(&value))
                .then(|| FieldError::new(field, Problem::NotBetween { min: min.to_string(), max: max.to_string() }))
        };
        between("email_window_hours", self.email_window_hours, 0, 720)
            .or_else(|| between("sms_window_hours", self.sms_window_hours, 0, 720))
            .or_else(|| between("marketing_per_period", self.marketing_per_period, 0, 100))
            .or_else(|| between("marketing_period_days", self.marketing_period_days, 1, 365))
            .or_else(|| between("days_after_purchase", self.days_after_purchase, 0, 90))
            .or_else(|| {
                (self.closed_days.len() >= 7).then(|| {
                    FieldError::new("closed_days", Problem::NotOneOf { choices: "fewer than seven days".into() })
                })
            })
            .or_else(|| {
                (self.israel_existing_customers && self.israel_exception_terms.trim().is_empty())
                    .then(|| FieldError::new("israel_exception_terms", Problem::Required))
            })
            .or_else(|| {
                (self.israel_exception_terms.chars().count() > 2_000)
                    .then(|| FieldError::new("israel_exception_terms", Problem::TooLong { max: 2_000 }))
            })
            .or_else(|| {
                self.sms_part_price_minor.filter(|p| !(0..=1_000_000).contains(p)).map(|_| {
                    FieldError::new("sms_part_price", Problem::NotBetween { min: "0".into(), max: "1000000".into() })
                })
            })
    }
}

/// A message sent before, as the contact log keeps it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PastContact {
    /// When it was sent.
    pub at: DateTime<Utc>,
    /// On which channel.
    pub channel: Channel,
    /// For what.
    pub purpose: MessagePurpose,
}

/// What the decision needs to know of the customer.
#[derive(Debug, Clone, PartialEq)]
pub struct Recipient<'a> {
    /// Their country (ISO 3166 alpha-2).
    pub country: Option<&'a str>,
    /// Whether the channel's address (an email, a number, a postal address) is on record.
    pub has_address: bool,
    /// The current answer for the message's channel and purpose: granted and on what basis.
    pub consent: Option<(bool, Option<LegalBasis>)>,
    /// Whether they bought before (for the existing-customer exception).
    pub bought_before: bool,
    /// Whether the address is suppressed for deliverability (a hard bounce, a spam complaint, an invalid
    /// number): nothing goes to it, whatever the consent says.
    pub suppressed: bool,
    /// Their last purchase.
    pub last_order: Option<DateTime<Utc>>,
    /// Their time zone.
    pub time_zone: Tz,
    /// Messages sent to them before, on any channel.
    pub contacts: &'a [PastContact],
    /// A complaint of theirs is being answered (its task is open): no marketing until it is.
    pub in_recovery: bool,
}

/// Why a message does not go.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "reason", rename_all = "snake_case")]
pub enum SkipReason {
    /// No address for the channel.
    NoAddress,
    /// The address is suppressed (bounced, complained, invalid).
    Suppressed,
    /// No consent on record for the channel and purpose, or it was withdrawn.
    NoConsent,
    /// A message on the channel went out within its window.
    ChannelWindow {
        /// The window, in hours.
        hours: u32,
    },
    /// A complaint of theirs is being answered: no marketing until its task is done.
    InRecovery,
    /// The marketing cap of the period is reached.
    MarketingCap {
        /// Messages allowed …
        messages: u32,
        /// … in this many days.
        days: u32,
    },
}

impl SkipReason {
    /// The reason as the outbox keeps it (a short phrase the pages translate).
    pub fn key(self) -> &'static str {
        match self {
            Self::NoAddress => "no address",
            Self::Suppressed => "address blocked",
            Self::NoConsent => "no consent",
            Self::ChannelWindow { .. } => "contacted recently",
            Self::MarketingCap { .. } => "cap reached",
            Self::InRecovery => "in recovery",
        }
    }
}

/// The decision for one message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "verdict", rename_all = "snake_case")]
pub enum Verdict {
    /// It may go now.
    Send,
    /// It may go, but not before this time (quiet hours, a closed day, the days after a purchase).
    Hold {
        /// The earliest time it may go.
        until: DateTime<Utc>,
        /// Why it waits.
        why: HoldReason,
    },
    /// It does not go.
    Skip(SkipReason),
}

/// Why a message waits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HoldReason {
    /// The customer's night.
    QuietHours,
    /// A day the shop sends nothing on.
    ClosedDay,
    /// The days right after a purchase, when only service messages go.
    RecentPurchase,
    /// A cap or a channel's window, until it frees (where the sender chose to defer, not skip).
    Capped,
}

impl HoldReason {
    /// The reason as the outbox keeps it.
    pub fn key(self) -> &'static str {
        match self {
            Self::QuietHours => "quiet hours",
            Self::ClosedDay => "closed day",
            Self::RecentPurchase => "recent purchase",
            Self::Capped => "waiting for the cap",
        }
    }
}

/// [`decide`], for a sender who chose to defer what the caps would skip: a message held back by the
/// channel's window or the marketing cap waits until the contact that holds it back has aged out (then
/// quiet hours and closed days still apply), instead of being skipped.
pub fn decide_deferring(
    rules: &SendingRules,
    shop_country: Option<&str>,
    recipient: &Recipient<'_>,
    channel: Channel,
    purpose: MessagePurpose,
    now: DateTime<Utc>,
) -> Verdict {
    let mut at = now;
    // Each pass frees one cap; a window and the cap together take two, a third finds the hours.
    for _ in 0..3 {
        let verdict = decide(rules, shop_country, recipient, channel, purpose, at);
        let free = match verdict {
            Verdict::Skip(SkipReason::ChannelWindow { hours }) => recipient
                .contacts
                .iter()
                .filter(|c| c.channel == channel && c.purpose != MessagePurpose::Transactional && c.at <= at)
                .map(|c| c.at + Duration::hours(i64::from(hours)))
                .max(),
            Verdict::Skip(SkipReason::MarketingCap { messages, days }) => {
                let period = Duration::days(i64::from(days));
                let mut within: Vec<DateTime<Utc>> = recipient
                    .contacts
                    .iter()
                    .filter(|c| c.purpose.is_marketing() && c.at > at - period && c.at <= at)
                    .map(|c| c.at)
                    .collect();
                within.sort_unstable();
                // The cap frees when all but `messages - 1` of them are older than the period.
                within.get(within.len().saturating_sub(messages as usize)).map(|oldest| *oldest + period)
            }
            Verdict::Send if at > now => return Verdict::Hold { until: at, why: HoldReason::Capped },
            other => return other,
        };
        match free {
            Some(free) if free > at => at = free,
            _ => return verdict,
        }
    }
    decide(rules, shop_country, recipient, channel, purpose, at)
}

/// Whether a message of `purpose` on `channel` may go to `recipient` at `now`, from a shop in
/// `shop_country` under `rules`. Transactional messages go whatever the caps and hours (an address is
/// all they need, and no suppression); everything else is checked in the order a person would explain
/// it: address, suppression, consent, caps, then the time it may go.
pub fn decide(
    rules: &SendingRules,
    shop_country: Option<&str>,
    recipient: &Recipient<'_>,
    channel: Channel,
    purpose: MessagePurpose,
    now: DateTime<Utc>,
) -> Verdict {
    if !recipient.has_address {
        return Verdict::Skip(SkipReason::NoAddress);
    }
    if recipient.suppressed {
        return Verdict::Skip(SkipReason::Suppressed);
    }
    if purpose == MessagePurpose::Transactional {
        return Verdict::Send;
    }
    if purpose.is_marketing() && !consented(rules, shop_country, recipient) {
        return Verdict::Skip(SkipReason::NoConsent);
    }
    if purpose.is_marketing() && recipient.in_recovery {
        return Verdict::Skip(SkipReason::InRecovery);
    }
    let window = match channel {
        Channel::Email => Some(rules.email_window_hours),
        Channel::Sms => Some(rules.sms_window_hours),
        Channel::Phone | Channel::Mail | Channel::Fax => None,
    };
    if let Some(hours) = window.filter(|&h| h > 0) {
        let since = now - Duration::hours(i64::from(hours));
        let counted = |c: &&PastContact| c.purpose != MessagePurpose::Transactional;
        if recipient.contacts.iter().filter(counted).any(|c| c.channel == channel && c.at > since && c.at <= now) {
            return Verdict::Skip(SkipReason::ChannelWindow { hours });
        }
    }
    if purpose.is_marketing() && rules.marketing_per_period > 0 {
        let since = now - Duration::days(i64::from(rules.marketing_period_days));
        let sent =
            recipient.contacts.iter().filter(|c| c.purpose.is_marketing() && c.at > since && c.at <= now).count();
        if sent >= rules.marketing_per_period as usize {
            return Verdict::Skip(SkipReason::MarketingCap {
                messages: rules.marketing_per_period,
                days: rules.marketing_period_days,
            });
        }
    }
    let mut at = now;
    let mut why = None;
    if purpose.is_marketing()
        && let Some(last) = recipient.last_order
    {
        let open = last + Duration::days(i64::from(rules.days_after_purchase));
        if open > at {
            (at, why) = (open, Some(HoldReason::RecentPurchase));
        }
    }
    // A closed day, then the night, each pushing the time on; twice round covers a night that ends on a
    // closed day.
    let quiet = matches!(channel, Channel::Sms | Channel::Phone) || (channel == Channel::Email && rules.quiet_email);
    for _ in 0..2 {
        if let Some(next) = after_closed_days(rules, recipient.time_zone, at) {
            (at, why) = (next, Some(HoldReason::ClosedDay));
        }
        if quiet && let Some(next) = after_quiet_hours(rules, recipient.time_zone, at) {
            (at, why) = (next, Some(HoldReason::QuietHours));
        }
    }
    match why {
        Some(why) if at > now => Verdict::Hold { until: at, why },
        _ => Verdict::Send,
    }
}

/// Whether marketing consent stands under the customer's jurisdiction: a current yes, on a basis the
/// law accepts there. A "yes" resting on the existing-customer exception needs the exception to apply
/// (and the customer to have bought).
fn consented(rules: &SendingRules, shop_country: Option<&str>, r: &Recipient<'_>) -> bool {
    let jurisdiction = Jurisdiction::of(r.country, shop_country);
    match r.consent {
        Some((true, Some(LegalBasis::ExistingCustomer))) => {
            r.bought_before && jurisdiction.allows_existing_customer_exception(rules.israel_existing_customers)
        }
        Some((granted, _)) => granted,
        None => false,
    }
}

/// The start of the next day that is not closed, in `zone`, if `at` falls on a closed day.
fn after_closed_days(rules: &SendingRules, zone: Tz, at: DateTime<Utc>) -> Option<DateTime<Utc>> {
    let mut day = at.with_timezone(&zone).date_naive();
    if !rules.closed_days.contains(&day.weekday()) {
        return None;
    }
    for _ in 0..7 {
        day = day.succ_opt()?;
        if !rules.closed_days.contains(&day.weekday()) {
            return local(zone, day.and_time(NaiveTime::MIN));
        }
    }
    None
}

/// The end of the quiet hours in `zone`, if `at` falls inside them.
fn after_quiet_hours(rules: &SendingRules, zone: Tz, at: DateTime<Utc>) -> Option<DateTime<Utc>> {
    let (from, to) = (rules.quiet_from, rules.quiet_to);
    if from == to {
        return None;
    }
    let here = at.with_timezone(&zone);
    let time = here.time();
    let date = here.date_naive();
    let end_date = if from > to {
        // Over midnight (21:00–09:00): the evening part ends tomorrow morning, the morning part today.
        if time >= from {
            date.succ_opt()?
        } else if time < to {
            date
        } else {
            return None;
        }
    } else if time >= from && time < to {
        date
    } else {
        return None;
    };
    local(zone, end_date.and_time(to))
}

/// A local time as UTC; a time skipped by a clock change becomes the first moment after it.
fn local(zone: Tz, t: chrono::NaiveDateTime) -> Option<DateTime<Utc>> {
    match zone.from_local_datetime(&t) {
        chrono::LocalResult::Single(x) => Some(x.with_timezone(&Utc)),
        chrono::LocalResult::Ambiguous(early, _) => Some(early.with_timezone(&Utc)),
        chrono::LocalResult::None => local(zone, t + Duration::hours(1)),
    }
}

crate::string_enum! {
    /// Where a message of the outbox stands.
    OutboxStatus {
        /// Waiting for a worker.
        Queued = "queued",
        /// Waiting for its time (quiet hours, the days after a purchase).
        Held = "held",
        /// Claimed by a worker, which holds it until its lease ends.
        Sending = "sending",
        /// Accepted by the mail server or the gateway.
        Sent = "sent",
        /// Not sent, for a reason (no consent, capped, a field missing).
        Skipped = "skipped",
        /// Not sent after its last attempt, with the error.
        Failed = "failed",
        /// Sent, then reported undeliverable.
        Bounced = "bounced",
    }
}

crate::string_enum! {
    /// Why an address gets nothing, whatever its consent says: what the provider or the network
    /// reported, or the shop's own decision. Kept apart from consent (a person's answer).
    SuppressionReason {
        /// The address does not exist (a 5xx answer, a provider's hard bounce).
        HardBounce = "hard_bounce" | "bounce" | "bounced",
        /// The recipient marked a message as spam.
        Complaint = "complaint" | "spam",
        /// The network says the number cannot receive text messages.
        InvalidNumber = "invalid_number",
        /// The shop blocked the address.
        Manual = "manual",
    }
}

/// The one form of an address that suppressions are kept under: an email trimmed and in lower case
/// (it must hold an `@`), a number's E.164 (read in `country` when it has no country code), or else its
/// digits; a postal address with its spaces collapsed. `None` for an address with nothing to keep.
pub fn address_key(channel: Channel, raw: &str, country: Option<&str>) -> Option<String> {
    let raw = raw.trim();
    match channel {
        Channel::Email => raw.contains('@').then(|| raw.to_lowercase()),
        Channel::Sms | Channel::Phone | Channel::Fax => match crate::phone::forms(raw, country) {
            Some(forms) => Some(forms.e164),
            None => {
                let digits: String = crate::date::ascii_digits(raw).chars().filter(char::is_ascii_digit).collect();
                (digits.len() >= 5).then_some(digits)
            }
        },
        Channel::Mail => {
            let text = raw.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
            (!text.is_empty()).then_some(text)
        }
    }
}

/// An address shown without giving it away: `d***@example.co.il`, `+97254****901`.
pub fn masked(key: &str) -> String {
    if let Some((local, domain)) = key.split_once('@') {
        let first: String = local.chars().take(1).collect();
        return format!("{first}***@{domain}");
    }
    let chars: Vec<char> = key.chars().collect();
    if chars.len() <= 6 {
        return "*".repeat(chars.len());
    }
    let (head, tail) = (chars.len().min(6), 3);
    let hidden = chars.len().saturating_sub(head + tail);
    format!(
        "{}{}{}",
        chars[..head].iter().collect::<String>(),
        "*".repeat(hidden),
        chars[chars.len() - tail..].iter().collect::<String>()
    )
}

/// The time zone of a customer in `country` when they set none: the country's zone where it has one
/// (for Russia, Moscow's, where most customers live; for the United States, New York's), else `shop`'s.
pub fn time_zone_of(country: Option<&str>, shop: Tz) -> Tz {
    let name = match country.map(|c| c.trim().to_ascii_uppercase()).as_deref() {
        Some("IL") => "Asia/Jerusalem",
        Some("IR") => "Asia/Tehran",
        Some("RU") => "Europe/Moscow",
        Some("UA") => "Europe/Kyiv",
        Some("BY") => "Europe/Minsk",
        Some("KZ") => "Asia/Almaty",
        Some("GE") => "Asia/Tbilisi",
        Some("AM") => "Asia/Yerevan",
        Some("AZ") => "Asia/Baku",
        Some("TR") => "Europe/Istanbul",
        Some("AE") => "Asia/Dubai",
        Some("AF") => "Asia/Kabul",
        Some("TJ") => "Asia/Dushanbe",
        Some("GB") => "Europe/London",
        Some("IE") => "Europe/Dublin",
        Some("DE") => "Europe/Berlin",
        Some("FR") => "Europe/Paris",
        Some("NL") => "Europe/Amsterdam",
        Some("IT") => "Europe/Rome",
        Some("ES") => "Europe/Madrid",
        Some("PL") => "Europe/Warsaw",
        Some("CY") => "Asia/Nicosia",
        Some("GR") => "Europe/Athens",
        Some("US") => "America/New_York",
        Some("CA") => "America/Toronto",
        _ => return shop,
    };
    name.parse().unwrap_or(shop)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<Utc> {
        crate::date::parse_timestamp(s).expect("time")
    }

    fn consenting<'a>(contacts: &'a [PastContact]) -> Recipient<'a> {
        Recipient {
            country: Some("IL"),
            has_address: true,
            consent: Some((true, Some(LegalBasis::Consent))),
            bought_before: true,
            suppressed: false,
            last_order: Some(at("2026-01-01T10:00:00Z")),
            time_zone: "Asia/Jerusalem".parse().expect("zone"),
            contacts,
            in_recovery: false,
        }
    }

    fn offer(r: &Recipient<'_>, channel: Channel, now: &str) -> Verdict {
        decide(&SendingRules::default(), Some("IL"), r, channel, MessagePurpose::Offer, at(now))
    }

    #[test]
    fn jurisdiction_follows_the_customer_then_the_shop() {
        assert_eq!(Jurisdiction::of(Some("il"), Some("RU")), Jurisdiction::Israel);
        assert_eq!(Jurisdiction::of(None, Some("RU")), Jurisdiction::Russia);
        assert_eq!(Jurisdiction::of(Some(" "), Some("IR")), Jurisdiction::Iran);
        assert_eq!(Jurisdiction::of(Some("DE"), Some("IL")), Jurisdiction::EuUk);
        assert_eq!(Jurisdiction::of(Some("GB"), None), Jurisdiction::EuUk);
        assert_eq!(Jurisdiction::of(Some("BR"), None), Jurisdiction::Default);
        assert_eq!(Jurisdiction::Israel.ad_label(), Some("פרסומת"));
        assert_eq!(Jurisdiction::Russia.ad_label(), None);
    }

    #[test]
    fn nothing_goes_without_an_address_past_a_suppression_or_without_consent() {
        let none = [];
        let r = consenting(&none);
        assert_eq!(
            offer(&Recipient { has_address: false, ..r.clone() }, Channel::Email, "2026-02-01T10:00:00Z"),
            Verdict::Skip(SkipReason::NoAddress)
        );
        let suppressed = Recipient { suppressed: true, ..r.clone() };
        assert_eq!(offer(&suppressed, Channel::Email, "2026-02-01T10:00:00Z"), Verdict::Skip(SkipReason::Suppressed));
        let receipt = decide(
            &SendingRules::default(),
            None,
            &suppressed,
            Channel::Email,
            MessagePurpose::Transactional,
            at("2026-02-01T10:00:00Z"),
        );
        assert_eq!(receipt, Verdict::Skip(SkipReason::Suppressed), "a suppressed address gets nothing at all");
        let unasked = Recipient { consent: None, ..r.clone() };
        assert_eq!(
            offer(&unasked, Channel::Email, "2026-02-01T10:00:00Z"),
            Verdict::Skip(SkipReason::NoConsent),
            "opt-in by default"
        );
        let recovering = Recipient { in_recovery: true, ..r.clone() };
        assert_eq!(
            offer(&recovering, Channel::Email, "2026-02-01T10:00:00Z"),
            Verdict::Skip(SkipReason::InRecovery),
            "no offers while a complaint is answered"
        );
        let service = decide(
            &SendingRules::default(),
            None,
            &recovering,
            Channel::Email,
            MessagePurpose::Service,
            at("2026-02-01T10:00:00Z"),
        );
        assert_ne!(service, Verdict::Skip(SkipReason::InRecovery), "a service message still goes");
        let withdrawn = Recipient { consent: Some((false, None)), ..r.clone() };
        assert_eq!(offer(&withdrawn, Channel::Email, "2026-02-01T10:00:00Z"), Verdict::Skip(SkipReason::NoConsent));
        let how_is_it = decide(
            &SendingRules::default(),
            None,
            &unasked,
            Channel::Email,
            MessagePurpose::Service,
            at("2026-02-01T10:00:00Z"),
        );
        assert_eq!(how_is_it, Verdict::Send, "a service message needs no marketing consent");
        let receipt = decide(
            &SendingRules::default(),
            None,
            &unasked,
            Channel::Email,
            MessagePurpose::Transactional,
            at("2026-02-01T10:00:00Z"),
        );
        assert_eq!(receipt, Verdict::Send);
    }

    #[test]
    fn the_existing_customer_exception_counts_only_where_the_law_allows_it() {
        let none = [];
        let soft = Recipient { consent: Some((true, Some(LegalBasis::ExistingCustomer))), ..consenting(&none) };
        let now = "2026-02-01T10:00:00Z";
        assert_eq!(
            offer(&soft, Channel::Email, now),
            Verdict::Skip(SkipReason::NoConsent),
            "Israel: only if the owner turns it on"
        );
        let on = SendingRules { israel_existing_customers: true, ..SendingRules::default() };
        assert_eq!(decide(&on, Some("IL"), &soft, Channel::Email, MessagePurpose::Offer, at(now)), Verdict::Send);
        let russian = Recipient { country: Some("RU"), ..soft.clone() };
        assert_eq!(
            decide(&on, Some("IL"), &russian, Channel::Email, MessagePurpose::Offer, at(now)),
            Verdict::Skip(SkipReason::NoConsent),
            "Russia: proven prior consent only"
        );
        let german = Recipient { country: Some("DE"), ..soft.clone() };
        assert_eq!(offer(&german, Channel::Email, now), Verdict::Send, "the EU's soft opt-in");
        let never_bought = Recipient { bought_before: false, ..german };
        assert_eq!(offer(&never_bought, Channel::Email, now), Verdict::Skip(SkipReason::NoConsent));
    }

    #[test]
    fn caps_count_one_contact_log_across_channels() {
        let sms = |s: &str| PastContact { at: at(s), channel: Channel::Sms, purpose: MessagePurpose::Offer };
        let recent = [sms("2026-02-01T08:00:00Z")];
        let r = consenting(&recent);
        assert_eq!(
            offer(&r, Channel::Sms, "2026-02-01T12:00:00Z"),
            Verdict::Skip(SkipReason::ChannelWindow { hours: 24 })
        );
        assert_eq!(offer(&r, Channel::Email, "2026-02-01T12:00:00Z"), Verdict::Send, "the window is the channel's");
        assert_eq!(offer(&r, Channel::Sms, "2026-02-02T09:00:00Z"), Verdict::Send, "25 hours later");
        let week = [
            sms("2026-01-27T10:00:00Z"),
            PastContact {
                at: at("2026-01-29T10:00:00Z"),
                channel: Channel::Email,
                purpose: MessagePurpose::Newsletter,
            },
            PastContact { at: at("2026-01-31T10:00:00Z"), channel: Channel::Mail, purpose: MessagePurpose::Offer },
            PastContact {
                at: at("2026-02-01T09:00:00Z"),
                channel: Channel::Email,
                purpose: MessagePurpose::Transactional,
            },
        ];
        let r = consenting(&week);
        assert_eq!(
            offer(&r, Channel::Phone, "2026-02-01T10:00:00Z"),
            Verdict::Skip(SkipReason::MarketingCap { messages: 3, days: 7 })
        );
        assert_eq!(
            offer(&r, Channel::Email, "2026-02-03T11:00:00Z"),
            Verdict::Send,
            "the first fell out of the week; the receipt never counts"
        );
        let how_is_it = decide(
            &SendingRules::default(),
            Some("IL"),
            &r,
            Channel::Phone,
            MessagePurpose::Service,
            at("2026-02-01T10:00:00Z"),
        );
        assert_eq!(how_is_it, Verdict::Send, "service messages are not marketing");
    }

    #[test]
    fn a_deferring_sender_waits_for_the_caps_to_free_then_for_the_morning() {
        let defer = |r: &Recipient<'_>, channel, now: &str| {
            decide_deferring(&SendingRules::default(), Some("IL"), r, channel, MessagePurpose::Offer, at(now))
        };
        // An email at 08:00 UTC: the email window (16 h) frees at 00:00 UTC, 02:00 in Tel Aviv — fine for
        // email, which keeps no quiet hours.
        let email =
            [PastContact { at: at("2026-02-02T08:00:00Z"), channel: Channel::Email, purpose: MessagePurpose::Offer }];
        let r = consenting(&email);
        assert_eq!(
            defer(&r, Channel::Email, "2026-02-02T12:00:00Z"),
            Verdict::Hold { until: at("2026-02-03T00:00:00Z"), why: HoldReason::Capped }
        );
        // A text at 21:30 Tel Aviv time: its window frees at 21:30 the next day, inside quiet hours, so it
        // waits for 09:00 the day after.
        let text =
            [PastContact { at: at("2026-02-02T19:30:00Z"), channel: Channel::Sms, purpose: MessagePurpose::Offer }];
        let r = consenting(&text);
        assert_eq!(
            defer(&r, Channel::Sms, "2026-02-02T20:00:00Z"),
            Verdict::Hold { until: at("2026-02-04T07:00:00Z"), why: HoldReason::QuietHours }
        );
        // Three offers this week: the cap frees when the oldest is a week old.
        let week: Vec<PastContact> = ["2026-01-27T10:00:00Z", "2026-01-29T10:00:00Z", "2026-01-31T10:00:00Z"]
            .iter()
            .map(|t| PastContact { at: at(t), channel: Channel::Mail, purpose: MessagePurpose::Offer })
            .collect();
        let r = consenting(&week);
        assert_eq!(
            defer(&r, Channel::Email, "2026-02-01T10:00:00Z"),
            Verdict::Hold { until: at("2026-02-03T10:00:00Z"), why: HoldReason::Capped }
        );
        assert_eq!(defer(&consenting(&[]), Channel::Email, "2026-02-01T10:00:00Z"), Verdict::Send);
        let no_consent = Recipient { consent: None, ..consenting(&[]) };
        assert_eq!(defer(&no_consent, Channel::Email, "2026-02-01T10:00:00Z"), Verdict::Skip(SkipReason::NoConsent));
    }

    #[test]
    fn quiet_hours_and_closed_days_hold_until_the_customer_s_morning() {
        let none = [];
        let r = consenting(&none);
        // 20:30 UTC is 22:30 in Jerusalem in winter: held until 09:00 there, 07:00 UTC.
        let held = offer(&r, Channel::Sms, "2026-02-01T20:30:00Z");
        assert_eq!(held, Verdict::Hold { until: at("2026-02-02T07:00:00Z"), why: HoldReason::QuietHours });
        assert_eq!(
            offer(&r, Channel::Sms, "2026-02-02T03:00:00Z"),
            Verdict::Hold { until: at("2026-02-02T07:00:00Z"), why: HoldReason::QuietHours }
        );
        assert_eq!(
            offer(&r, Channel::Email, "2026-02-01T20:30:00Z"),
            Verdict::Send,
            "email keeps no quiet hours by default"
        );
        let tehran = Recipient { country: Some("IR"), time_zone: "Asia/Tehran".parse().expect("zone"), ..r.clone() };
        // 18:00 UTC is 21:30 in Tehran.
        assert_eq!(
            offer(&tehran, Channel::Sms, "2026-02-01T18:00:00Z"),
            Verdict::Hold { until: at("2026-02-02T05:30:00Z"), why: HoldReason::QuietHours }
        );
        let saturday_closed = SendingRules { closed_days: vec![Weekday::Sat], ..SendingRules::default() };
        // Friday 22:00 in Jerusalem: the night ends on a closed Saturday, so Sunday 09:00.
        let friday_night =
            decide(&saturday_closed, Some("IL"), &r, Channel::Sms, MessagePurpose::Offer, at("2026-02-06T20:00:00Z"));
        assert_eq!(friday_night, Verdict::Hold { until: at("2026-02-08T07:00:00Z"), why: HoldReason::QuietHours });
        let receipt = decide(
            &saturday_closed,
            Some("IL"),
            &r,
            Channel::Sms,
            MessagePurpose::Transactional,
            at("2026-02-07T01:00:00Z"),
        );
        assert_eq!(receipt, Verdict::Send, "an order's confirmation waits for nothing");
    }

    #[test]
    fn no_offer_in_the_days_after_a_purchase_but_a_service_message_may_go() {
        let none = [];
        let r = Recipient { last_order: Some(at("2026-02-01T10:00:00Z")), ..consenting(&none) };
        let offer_now = offer(&r, Channel::Email, "2026-02-03T10:00:00Z");
        assert_eq!(offer_now, Verdict::Hold { until: at("2026-02-08T10:00:00Z"), why: HoldReason::RecentPurchase });
        let how_is_it = decide(
            &SendingRules::default(),
            Some("IL"),
            &r,
            Channel::Email,
            MessagePurpose::Service,
            at("2026-02-03T10:00:00Z"),
        );
        assert_eq!(how_is_it, Verdict::Send);
    }

    #[test]
    fn addresses_are_kept_in_one_form_and_shown_masked() {
        assert_eq!(address_key(Channel::Email, " Dana@Example.CO.IL ", None).as_deref(), Some("dana@example.co.il"));
        assert_eq!(address_key(Channel::Email, "no-at-sign", None), None);
        assert_eq!(address_key(Channel::Sms, "054-567-8901", Some("IL")).as_deref(), Some("+972545678901"));
        assert_eq!(address_key(Channel::Sms, "+972 54 567 8901", None).as_deref(), Some("+972545678901"));
        assert_eq!(address_key(Channel::Fax, "555-0100", None).as_deref(), Some("5550100"));
        assert_eq!(address_key(Channel::Sms, "12", None), None);
        assert_eq!(masked("dana@example.co.il"), "d***@example.co.il");
        assert_eq!(masked("+972545678901"), "+97254****901");
        assert_eq!(SuppressionReason::parse("spam"), Some(SuppressionReason::Complaint));
    }

    #[test]
    fn customers_get_their_country_s_time_zone_else_the_shop_s() {
        let shop: Tz = "Asia/Jerusalem".parse().expect("zone");
        assert_eq!(time_zone_of(Some("ir"), shop), chrono_tz::Asia::Tehran);
        assert_eq!(time_zone_of(Some("RU"), shop), chrono_tz::Europe::Moscow);
        assert_eq!(time_zone_of(Some("BR"), shop), shop);
        assert_eq!(time_zone_of(None, shop), shop);
    }
}
