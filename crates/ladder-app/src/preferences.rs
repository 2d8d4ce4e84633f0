//! What a customer does through the links of a message, without an account: unsubscribe in one click
//! (RFC 8058: a POST from their mail program, no page, no sign-in), or choose channels and topics on the
//! preference page. The signed token names the customer, channel and purpose; every change lands in the
//! consent ledger with the link as evidence.

use crate::consent::{ConsentChange, write_answers};
use crate::links::{LinkSigner, LinkSubject};
use crate::{Actor, App, AppError};
use ladder_domain::Channel;
use ladder_domain::consent::{ConsentMethod, LegalBasis, Purpose, current};
use serde::Serialize;

/// Where a link was followed from, for the ledger's evidence.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Visit {
    /// The visitor's address.
    pub ip: Option<String>,
    /// Their browser or mail program.
    pub user_agent: Option<String>,
}

impl Visit {
    fn evidence(&self, what: &str) -> String {
        let mut parts = vec![what.to_owned()];
        if let Some(ip) = &self.ip {
            parts.push(format!("IP {ip}"));
        }
        if let Some(agent) = self.user_agent.as_deref().filter(|a| !a.is_empty()) {
            parts.push(format!("user agent {}", agent.chars().take(200).collect::<String>()));
        }
        parts.join("; ")
    }
}

/// The customer and answer a token stands for; a token Ladder did not sign is not found.
fn subject(app: &App, token: &str) -> Result<LinkSubject, AppError> {
    LinkSigner::of(app)?.verify(token).ok_or_else(|| AppError::NotFound("this link".to_owned()))
}

/// Withdraws the consent the link's message relied on, at once; returns what was withdrawn. Following
/// it twice withdraws once.
pub fn unsubscribe(app: &App, token: &str, visit: &Visit) -> Result<LinkSubject, AppError> {
    let subject = subject(app, token)?;
    let actor = Actor::Customer { customer_id: subject.customer_id.clone() };
    let answer = ConsentChange {
        channel: subject.channel,
        purpose: subject.purpose,
        granted: false,
        method: ConsentMethod::OneClick,
        basis: None,
        source: "one-click unsubscribe".to_owned(),
        evidence: Some(visit.evidence("the unsubscribe link of a message")),
    };
    write_answers(app, &actor, &subject.customer_id, &[answer])?;
    Ok(subject)
}

/// One choice on the preference page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Choice {
    /// The channel.
    pub channel: Channel,
    /// The topic.
    pub purpose: Purpose,
    /// Whether the customer agrees now.
    pub granted: bool,
}

/// The preference page of a customer: their first name and language, and an answer for every channel
/// they have an address on, for offers and the newsletter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Preferences {
    /// Their first name, to greet them.
    pub first_name: Option<String>,
    /// Their language, for the page.
    pub language: Option<String>,
    /// The answers.
    pub choices: Vec<Choice>,
}

/// The channels the page offers: the ones messages go out on.
const CHANNELS: [Channel; 3] = [Channel::Email, Channel::Sms, Channel::Mail];

/// The preference page for a token.
pub fn preferences(app: &App, token: &str) -> Result<Preferences, AppError> {
    let subject = subject(app, token)?;
    let detail =
        app.store().customer(&subject.customer_id)?.ok_or_else(|| AppError::NotFound("this link".to_owned()))?;
    let p = &detail.profile;
    let has = |channel: Channel| crate::delivery::address_of(p, channel).is_some();
    let choices = CHANNELS
        .into_iter()
        .filter(|c| has(*c) || *c == subject.channel)
        .flat_map(|channel| {
            [Purpose::Marketing, Purpose::Newsletter].into_iter().map(move |purpose| (channel, purpose))
        })
        .map(|(channel, purpose)| Choice {
            channel,
            purpose,
            granted: current(&detail.consent_ledger, channel, purpose),
        })
        .collect();
    Ok(Preferences { first_name: p.first_name.clone(), language: p.preferred_language.clone(), choices })
}

/// Saves the page's answers: each one that changed lands in the ledger, a yes as the customer's own
/// explicit consent with the page's wording as evidence, all in one unit of work. Returns how many
/// changed.
pub fn save_preferences(
    app: &App,
    token: &str,
    wanted: &[Choice],
    wording: &str,
    visit: &Visit,
) -> Result<usize, AppError> {
    let subject = subject(app, token)?;
    let before = preferences(app, token)?;
    let actor = Actor::Customer { customer_id: subject.customer_id.clone() };
    let mut answers = Vec::new();
    for was in &before.choices {
        let now =
            wanted.iter().find(|w| w.channel == was.channel && w.purpose == was.purpose).is_some_and(|w| w.granted);
        if now == was.granted {
            continue;
        }
        let answer = ConsentChange {
            channel: was.channel,
            purpose: was.purpose,
            granted: now,
            method: ConsentMethod::PreferencePage,
            basis: now.then_some(LegalBasis::Consent),
            source: "preference page".to_owned(),
            evidence: Some(visit.evidence(&format!("the preference page, which read: {wording}"))),
        };
        answers.push(answer);
    }
    if !answers.is_empty() {
        write_answers(app, &actor, &subject.customer_id, &answers)?;
    }
    Ok(answers.len())
}
