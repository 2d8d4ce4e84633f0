//! The consent ledger: every grant, withdrawal and confirmation of consent to be contacted, kept for
//! good with how it was given and on what evidence — the proof Israel's Communications Law §30A and
//! Russia's 38-FZ art. 18 ask the sender to be able to show. The current answer per channel and purpose
//! is the ledger's last word ([`current`]); stores keep it beside the ledger for fast filters.

use crate::customer::Channel;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

crate::string_enum! {
    /// What a message is for, which decides the consent it needs: marketing and newsletters need the
    /// customer's consent on the channel; service and transactional messages need none.
    #[derive(Default)]
    Purpose {
        /// Offers and advertising; what an answer is about unless it says.
        #[default]
        Marketing = "marketing" | "ads" | "offers",
        /// The newsletter.
        Newsletter = "newsletter",
    }
}

crate::string_enum! {
    /// What an entry of the ledger records.
    ConsentAction {
        /// Consent given.
        Grant = "grant" | "granted" | "yes",
        /// Consent withdrawn: effective at once.
        Withdraw = "withdraw" | "withdrawn" | "no",
        /// A given consent confirmed (a double opt-in's confirmation link).
        Confirm = "confirm" | "confirmed",
    }
}

crate::string_enum! {
    /// How consent was given or withdrawn.
    ConsentMethod {
        /// A form on the shop's site.
        Form = "form",
        /// The checkout's box.
        Checkout = "checkout",
        /// A file of the shop's own records.
        Import = "import",
        /// A staff member, in person or on the phone.
        Staff = "staff",
        /// A program of the shop, through the API.
        Api = "api",
        /// A reply such as STOP to a text message.
        ReplyStop = "reply_stop",
        /// The one-click unsubscribe link of a message.
        OneClick = "one_click",
        /// The customer's preference page.
        PreferencePage = "preference_page",
        /// A complaint.
        Complaint = "complaint",
        /// The most restrictive answer of two customers made one.
        Merge = "merge",
    }
}

crate::string_enum! {
    /// What a consent rests on.
    LegalBasis {
        /// The customer's own explicit consent.
        Consent = "consent" | "explicit",
        /// The existing-customer exception (soft opt-in), where the owner turned it on.
        ExistingCustomer = "existing_customer",
        /// The shop's own records of consent, imported: the shop answers for them.
        Imported = "imported",
    }
}

impl ConsentMethod {
    /// The method a source name implies, for answers recorded without one: `import:…` and the demo
    /// came from files, `api:…` from a program, anything else from a person of the shop.
    pub fn of_source(source: &str) -> Self {
        if source.starts_with("import:") || source == "demo" {
            Self::Import
        } else if source.starts_with("api:") {
            Self::Api
        } else if source == "merge" {
            Self::Merge
        } else {
            Self::Staff
        }
    }

    /// The basis an answer recorded this way rests on unless said otherwise.
    pub fn usual_basis(self) -> LegalBasis {
        match self {
            Self::Import => LegalBasis::Imported,
            _ => LegalBasis::Consent,
        }
    }
}

/// One entry of a customer's consent ledger.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConsentEvent {
    /// The channel.
    pub channel: Channel,
    /// What kind of message it concerns.
    pub purpose: Purpose,
    /// Given, withdrawn or confirmed.
    pub action: ConsentAction,
    /// When.
    pub at: DateTime<Utc>,
    /// How.
    pub method: ConsentMethod,
    /// What it rests on; none for a withdrawal.
    pub basis: Option<LegalBasis>,
    /// Where, as recorded ("import:customers.csv", "web:dana@shop.example", "api:shop-sync").
    pub source: String,
    /// The evidence: the file and line, the wording shown, the staff member, the address and browser.
    pub evidence: Option<String>,
}

/// Whether contact for `purpose` on `channel` is allowed by the ledger: its last grant or withdrawal
/// (confirmations confirm, they do not decide); no entry means no (opt-in by default).
pub fn current(ledger: &[ConsentEvent], channel: Channel, purpose: Purpose) -> bool {
    last_answer(ledger, channel, purpose).unwrap_or(false)
}

/// The last answer in the ledger for `purpose` on `channel` — granted or withdrawn — or none yet.
pub fn last_answer(ledger: &[ConsentEvent], channel: Channel, purpose: Purpose) -> Option<bool> {
    ledger
        .iter()
        .filter(|e| e.channel == channel && e.purpose == purpose && e.action != ConsentAction::Confirm)
        .max_by_key(|e| e.at)
        .map(|e| e.action == ConsentAction::Grant)
}

/// The replies that withdraw consent to text messages, in every language Ladder serves: the English
/// STOP family, Hebrew "הסר" (remove) and "הפסק" (stop), Russian "СТОП" and "отписаться", Persian "لغو"
/// (cancel) and "توقف" (stop).
pub const STOP_WORDS: [&str; 11] =
    ["stop", "unsubscribe", "cancel", "end", "quit", "הסר", "הפסק", "стоп", "отписаться", "لغو", "توقف"];

/// Whether a text message received is a request to stop: one of [`STOP_WORDS`] alone (any case, any
/// surrounding space and punctuation, Arabic or Persian letter forms alike), as carriers read them.
pub fn is_stop_reply(text: &str) -> bool {
    let word: String = text
        .trim()
        .trim_matches(|c: char| c.is_ascii_punctuation() || matches!(c, '!' | '.' | '،' | '؟'))
        .chars()
        .map(|c| match c {
            '\u{064A}' => '\u{06CC}',
            '\u{0643}' => '\u{06A9}',
            other => other,
        })
        .collect::<String>()
        .to_lowercase();
    STOP_WORDS.contains(&word.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(action: ConsentAction, at: &str) -> ConsentEvent {
        ConsentEvent {
            channel: Channel::Email,
            purpose: Purpose::Marketing,
            action,
            at: crate::date::parse_timestamp(at).expect("time"),
            method: ConsentMethod::Form,
            basis: Some(LegalBasis::Consent),
            source: "form".into(),
            evidence: None,
        }
    }

    #[test]
    fn the_last_grant_or_withdrawal_decides_and_nothing_means_no() {
        assert!(!current(&[], Channel::Email, Purpose::Marketing), "opt-in by default");
        let given = event(ConsentAction::Grant, "2025-01-01T10:00:00Z");
        let confirmed = event(ConsentAction::Confirm, "2025-01-02T10:00:00Z");
        let withdrawn = event(ConsentAction::Withdraw, "2025-03-01T10:00:00Z");
        assert!(current(&[given.clone(), confirmed.clone()], Channel::Email, Purpose::Marketing));
        assert!(
            !current(&[withdrawn.clone(), given.clone()], Channel::Email, Purpose::Marketing),
            "by time, not order"
        );
        assert!(!current(std::slice::from_ref(&given), Channel::Sms, Purpose::Marketing), "per channel");
        assert!(!current(&[given], Channel::Email, Purpose::Newsletter), "per purpose");
    }

    #[test]
    fn stop_replies_are_read_in_every_language() {
        for reply in ["STOP", " stop! ", "Unsubscribe", "הסר", "СТОП", "Стоп.", "لغو", "توقف", "توقف؟"]
        {
            assert!(is_stop_reply(reply), "{reply}");
        }
        for reply in ["stop sending me the big ones", "thanks", "", "הסר אותי מחר"] {
            assert!(!is_stop_reply(reply), "{reply}");
        }
    }

    #[test]
    fn sources_name_their_method() {
        assert_eq!(ConsentMethod::of_source("import:customers.csv"), ConsentMethod::Import);
        assert_eq!(ConsentMethod::of_source("api:shop-sync"), ConsentMethod::Api);
        assert_eq!(ConsentMethod::of_source("web:dana@shop.example"), ConsentMethod::Staff);
        assert_eq!(ConsentMethod::Import.usual_basis(), LegalBasis::Imported);
        assert_eq!(ConsentAction::parse("Withdrawn"), Some(ConsentAction::Withdraw));
        assert_eq!(ConsentMethod::parse("reply-stop"), Some(ConsentMethod::ReplyStop));
    }
}
