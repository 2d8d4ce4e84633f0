//! Sending what the outbox holds: a [`Dispatcher`] claims due messages (at most a stated number in
//! flight, each under a lease), renders each for its customer when it goes — consent and the address's
//! suppression checked again, since a withdrawal is effective at once — hands it to the channel's
//! [`Transport`], and records the outcome. A worker killed mid-send leaves its claimed messages to the
//! next once their leases run out: nobody is missed, and at most the messages in flight go twice, with
//! the same Message-ID.
//!
//! The transports (SMTP, an SMS gateway, a fax gateway) live in `ladder-channels`, the only crate with
//! outbound network IO; this module is the port they plug into.

use crate::links::{LinkSigner, LinkSubject, links_for};
use crate::templates::{Links, merge_data, render};
use crate::{App, AppError};
use chrono::Utc;
use ladder_domain::Channel;
use ladder_domain::consent::{ConsentEvent, Purpose};
use ladder_domain::messaging::{Jurisdiction, MessagePurpose, SuppressionReason};
use ladder_domain::template::{Template, is_right_to_left};
use ladder_i18n::Locale;
use ladder_store::{CustomerDetail, Delivery, OutboxMessage, Suppression};
use serde::Serialize;
use std::sync::Arc;
use std::time::Duration;

/// A message rendered for its customer, ready for a transport.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outgoing {
    /// The Message-ID every attempt carries (`<ladder.broadcast:7.17.email@shop.example>`).
    pub message_id: String,
    /// The channel.
    pub channel: Channel,
    /// The address: an email, or a number in E.164.
    pub to: String,
    /// The customer's name, for the `To:` header.
    pub to_name: Option<String>,
    /// The variant's language (`he`).
    pub language: String,
    /// Whether it reads right to left.
    pub right_to_left: bool,
    /// The subject (email and fax cover).
    pub subject: Option<String>,
    /// The text, as rendered (with the ad label, the sender and the way to refuse where the law asks).
    pub body: String,
    /// What it is for: marketing mail carries the one-click unsubscribe headers.
    pub purpose: MessagePurpose,
    /// The one-click unsubscribe link (RFC 8058), on marketing and newsletter messages.
    pub unsubscribe_url: Option<String>,
}

/// Why a transport did not send.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SendError {
    /// The address cannot receive (a 5xx answer, an invalid number): it is suppressed, and the message
    /// fails for good.
    #[error("the address was refused: {0}")]
    Rejected(String),
    /// Not now (a 4xx answer, the server unreachable): tried again later.
    #[error("not sent now: {0}")]
    Retry(String),
}

/// A channel's way out: SMTP, an SMS gateway, a fax gateway.
pub trait Transport: Send + Sync {
    /// Sends one message; its Message-ID makes a second attempt recognisable as the same message.
    fn send(&self, message: &Outgoing) -> Result<(), SendError>;
}

/// The transports this worker has, by channel.
#[derive(Clone, Default)]
pub struct Transports {
    /// Email over SMTP.
    pub email: Option<Arc<dyn Transport>>,
    /// Text messages through a gateway.
    pub sms: Option<Arc<dyn Transport>>,
    /// Fax through an email-to-fax gateway.
    pub fax: Option<Arc<dyn Transport>>,
}

impl Transports {
    fn of(&self, channel: Channel) -> Option<&Arc<dyn Transport>> {
        match channel {
            Channel::Email => self.email.as_ref(),
            Channel::Sms => self.sms.as_ref(),
            Channel::Fax => self.fax.as_ref(),
            Channel::Phone | Channel::Mail => None,
        }
    }

    /// The channels this worker sends (letters are printed and calls made by people).
    pub fn channels(&self) -> Vec<Channel> {
        Channel::ALL.iter().copied().filter(|c| self.of(*c).is_some()).collect()
    }
}

/// How a dispatcher works.
#[derive(Debug, Clone)]
pub struct DeliveryOptions {
    /// Messages claimed and in flight at once: at most these go twice after a crash.
    pub in_flight: u32,
    /// How long a claim holds a message before another worker may take it over.
    pub lease: Duration,
    /// The base of unsubscribe and preference links; marketing mail needs it.
    pub public_url: Option<String>,
    /// Attempts before a message fails for good.
    pub max_attempts: u32,
}

impl Default for DeliveryOptions {
    fn default() -> Self {
        Self { in_flight: 32, lease: Duration::from_secs(120), public_url: None, max_attempts: 5 }
    }
}

/// What one round of delivery did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct DeliveryReport {
    /// Messages accepted by their transport.
    pub sent: u64,
    /// Messages decided against when they came to go (consent withdrawn, a field missing).
    pub skipped: u64,
    /// Messages that failed for good (the address refused, the last attempt).
    pub failed: u64,
    /// Messages to be tried again later.
    pub retried: u64,
}

impl DeliveryReport {
    fn add(&mut self, other: DeliveryReport) {
        self.sent += other.sent;
        self.skipped += other.skipped;
        self.failed += other.failed;
        self.retried += other.retried;
    }

    /// Messages finished one way or another.
    pub fn total(&self) -> u64 {
        self.sent + self.skipped + self.failed + self.retried
    }
}

/// Claims, renders, sends and records messages.
pub struct Dispatcher {
    app: App,
    transports: Transports,
    options: DeliveryOptions,
    signer: LinkSigner,
    templates: crate::templates::Versions,
}

/// What a message is rendered with: the merge data, and what the law adds to the template's text.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Kept {
    /// The merge data.
    pub data: serde_json::Value,
    /// Before the subject (Israel's "פרסומת: ").
    pub subject_prefix: Option<String>,
    /// Before the text (the same, for a text message).
    pub body_prefix: Option<String>,
    /// After the text: the sender and the links, or how to refuse by reply.
    pub body_suffix: Option<String>,
    /// The web addresses that went as click-counting links, where the shop tracks clicks.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tracked: Vec<TrackedLink>,
}

/// A web address of a sent message that went as a signed redirect link.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct TrackedLink {
    /// Which of the text's addresses (from 0, [`ladder_domain::tracking::addresses`]).
    pub n: u32,
    /// Where it leads.
    pub address: String,
    /// The link that went instead.
    pub via: String,
}

impl Kept {
    /// The subject and text `template` makes with this.
    pub fn compose(&self, template: &Template) -> Result<(Option<String>, String), crate::templates::Skipped> {
        let rendered = render(template, &self.data)?;
        Ok(self.wrap(rendered.subject, &rendered.body))
    }

    /// A rendered subject and text with what the law adds around them.
    pub fn wrap(&self, subject: Option<String>, body: &str) -> (Option<String>, String) {
        let subject = match (&self.subject_prefix, subject) {
            (Some(prefix), Some(s)) => Some(format!("{prefix}{s}")),
            (Some(prefix), None) => Some(prefix.trim_end_matches([':', ' ']).to_owned()),
            (None, s) => s,
        };
        let body = format!(
            "{}{}{}",
            self.body_prefix.as_deref().unwrap_or(""),
            body,
            self.body_suffix.as_deref().unwrap_or("")
        );
        (subject, self.tracked_text(body))
    }

    /// A composed text with its tracked addresses as the links that went instead.
    fn tracked_text(&self, body: String) -> String {
        if self.tracked.is_empty() {
            return body;
        }
        ladder_domain::tracking::rewritten(&body, |n, _| {
            self.tracked.iter().find(|t| t.n as usize == n).map(|t| t.via.clone())
        })
    }

    /// Sends the web addresses of `body` (the message as composed) through click-counting links under
    /// `public_url`, all but Ladder's own (the unsubscribe and preference links stay direct).
    fn track(&mut self, body: &str, signer: &LinkSigner, public_url: &str, id: i64) {
        let base = public_url.trim_end_matches('/');
        let own = format!("{base}/");
        self.tracked = ladder_domain::tracking::addresses(body)
            .into_iter()
            .enumerate()
            .filter(|(_, address)| !address.starts_with(&own))
            .filter_map(|(n, address)| {
                Some(TrackedLink {
                    n: u32::try_from(n).ok()?,
                    address: address.to_owned(),
                    via: format!("{base}/r/{}", signer.click_token(id, n)),
                })
            })
            .collect();
    }
}

/// What a message of `template` to this customer is rendered with: the merge data, and what the law of
/// their country adds to an offer or a newsletter — the ad label (Israel's "פרסומת: " before the subject,
/// or the text of an SMS), the sender and the links after an email, how to refuse by reply after an SMS.
/// The worker sends with it and the preview shows it, so both say the same.
pub fn kept_for(
    detail: &CustomerDetail,
    shop: &ladder_domain::shop::ShopSettings,
    template: &Template,
    channel: Channel,
    purpose: MessagePurpose,
    links: Option<&Links>,
    about: &crate::templates::About,
) -> Kept {
    let data = merge_data(detail, shop, &template.language, links, about);
    let marketing = purpose.consent().is_some();
    let jurisdiction = Jurisdiction::of(detail.profile.country.as_deref(), shop.country.as_deref());
    let label = if marketing { jurisdiction.ad_label() } else { None };
    let locale = Locale::parse(&template.language).unwrap_or_default();
    let mut kept = Kept { data, subject_prefix: None, body_prefix: None, body_suffix: None, tracked: Vec::new() };
    match channel {
        Channel::Sms => {
            kept.body_prefix = label.map(|l| format!("{l}: "));
            kept.body_suffix = marketing.then(|| format!("\n{}", refusal_by_reply(locale, &shop.name)));
        }
        _ => {
            kept.subject_prefix = label.map(|l| format!("{l}: "));
            kept.body_suffix =
                links.filter(|_| marketing).map(|links| format!("\n\n-- \n{}", footer(locale, shop, links)));
        }
    }
    kept
}

/// An address a server refused, and the country its customer is in (the key of a number).
struct Refused {
    address: String,
    country: Option<String>,
}

/// What became of a message before it reached a transport.
enum Prepared {
    Send(Box<Outgoing>, Option<String>, String),
    Skip(String),
    Fail(String),
}

impl Dispatcher {
    /// A dispatcher over `transports`. Checks `public_url` and makes the links' key if there is none.
    pub fn new(app: App, transports: Transports, options: DeliveryOptions) -> Result<Self, AppError> {
        if let Some(url) = &options.public_url {
            crate::links::check_public_url(url).map_err(AppError::Conflict)?;
        }
        let signer = LinkSigner::of(&app)?;
        Ok(Self { app, transports, options, signer, templates: crate::templates::Versions::default() })
    }

    /// Sends every due message, batch after batch, until none is due.
    pub fn deliver_due(&self) -> Result<DeliveryReport, AppError> {
        let mut report = DeliveryReport::default();
        loop {
            let (claimed, batch) = self.deliver_batch()?;
            report.add(batch);
            if claimed == 0 {
                return Ok(report);
            }
        }
    }

    /// Claims one batch of due messages and sends them side by side; returns how many it claimed and
    /// what became of them.
    pub fn deliver_batch(&self) -> Result<(usize, DeliveryReport), AppError> {
        let channels = self.transports.channels();
        if channels.is_empty() {
            return Ok((0, DeliveryReport::default()));
        }
        let now = self.app.now();
        let lease = chrono::Duration::from_std(self.options.lease).unwrap_or_else(|_| chrono::Duration::minutes(2));
        let claimed = self.app.store().claim_messages(&channels, now, now + lease, self.options.in_flight)?;
        if claimed.is_empty() {
            return Ok((0, DeliveryReport::default()));
        }
        // The shop's settings once a batch: its name, sender and country go into every message.
        let shop = self.app.store().shop_settings()?;
        let outcomes: Vec<(Delivery, Option<Refused>, Option<String>)> = std::thread::scope(|scope| {
            let shop = &shop;
            let handles: Vec<_> = claimed.iter().map(|m| scope.spawn(move || self.deliver(m, shop))).collect();
            handles
                .into_iter()
                .map(|h| {
                    h.join().unwrap_or_else(|_| {
                        (Delivery::Failed { error: "sending panicked".into(), retry_at: Some(Utc::now()) }, None, None)
                    })
                })
                .collect()
        });
        // The batch's outcomes, and the addresses refused, in one unit of work.
        let mut report = DeliveryReport::default();
        let mut tx = self.app.store().begin()?;
        for (message, (delivery, refused, kept)) in claimed.iter().zip(outcomes) {
            match &delivery {
                Delivery::Sent(_) => report.sent += 1,
                Delivery::Skipped(_) => report.skipped += 1,
                Delivery::Failed { retry_at: Some(_), .. } => report.retried += 1,
                Delivery::Failed { retry_at: None, .. } | Delivery::Bounced(_) => report.failed += 1,
            }
            if let Some(refused) = refused {
                self.suppress(tx.as_mut(), message, &refused, &delivery)?;
            }
            if let Some(kept) = &kept {
                tx.keep_merged(message.id, kept)?;
            }
            if !tx.finish_message(message.id, &delivery)? {
                tracing::warn!(
                    message.id = message.id,
                    "the message was finished by another worker (its lease ran out)"
                );
            }
        }
        tx.commit()?;
        Ok((claimed.len(), report))
    }

    /// Sends one claimed message; returns its outcome and, when the address was refused, the address.
    fn deliver(
        &self,
        message: &OutboxMessage,
        shop: &ladder_domain::shop::ShopSettings,
    ) -> (Delivery, Option<Refused>, Option<String>) {
        let prepared = match self.prepare(message, shop) {
            Ok(p) => p,
            Err(e) => return (self.retry(message, crate::error_chain(&e)), None, None),
        };
        let (outgoing, country, kept) = match prepared {
            Prepared::Send(o, country, kept) => (o, country, kept),
            Prepared::Skip(reason) => return (Delivery::Skipped(reason), None, None),
            Prepared::Fail(error) => return (Delivery::Failed { error, retry_at: None }, None, None),
        };
        let Some(transport) = self.transports.of(message.channel) else {
            return (self.retry(message, "no transport for the channel".into()), None, None);
        };
        match transport.send(&outgoing) {
            Ok(()) => (Delivery::Sent(self.app.now()), None, Some(kept)),
            Err(SendError::Rejected(why)) => {
                (Delivery::Failed { error: why, retry_at: None }, Some(Refused { address: outgoing.to, country }), None)
            }
            Err(SendError::Retry(why)) => (self.retry(message, why), None, None),
        }
    }

    /// Tried again later with backoff, or failed for good after the last attempt.
    fn retry(&self, message: &OutboxMessage, error: String) -> Delivery {
        let retry_at = (message.attempts < self.options.max_attempts)
            .then(|| crate::jobs::backoff(message.attempts, self.app.now()));
        Delivery::Failed { error, retry_at }
    }

    /// An address the server refused is suppressed: nothing more goes to it.
    fn suppress(
        &self,
        tx: &mut dyn ladder_store::Tx,
        message: &OutboxMessage,
        refused: &Refused,
        delivery: &Delivery,
    ) -> Result<(), AppError> {
        let Some(normal) =
            ladder_domain::messaging::address_key(message.channel, &refused.address, refused.country.as_deref())
        else {
            return Ok(());
        };
        let detail = match delivery {
            Delivery::Failed { error, .. } => Some(error.clone()),
            _ => None,
        };
        let suppression = Suppression {
            channel: message.channel,
            key: crate::deliverability::key_of(message.channel, &normal),
            hint: ladder_domain::messaging::masked(&normal),
            reason: if message.channel == Channel::Email {
                SuppressionReason::HardBounce
            } else {
                SuppressionReason::InvalidNumber
            },
            at: self.app.now(),
            source: format!("delivery of {}", message.message_id),
            detail,
        };
        tx.suppress(&suppression)?;
        Ok(())
    }

    /// Renders a message for its customer as they are now.
    fn prepare(&self, message: &OutboxMessage, shop: &ladder_domain::shop::ShopSettings) -> Result<Prepared, AppError> {
        let store = self.app.store();
        let Some(detail) = store.customer(&message.customer_id)? else {
            return Ok(Prepared::Skip("customer gone".into()));
        };
        let profile = &detail.profile;
        let address = address_of(profile, message.channel);
        let Some(address) = address else { return Ok(Prepared::Skip("no address".into())) };
        if crate::deliverability::is_suppressed(store, message.channel, &address, profile.country.as_deref())? {
            return Ok(Prepared::Skip("address blocked".into()));
        }
        if let Some(purpose) = message.purpose.consent()
            && withdrawn(&detail.consent_ledger, message.channel, purpose)
        {
            return Ok(Prepared::Skip("consent withdrawn".into()));
        }
        let Some(template) = self.templates.of(self.app.store(), message)? else {
            return Ok(Prepared::Skip("no template".into()));
        };
        let marketing = message.purpose.consent().is_some();
        let about = crate::templates::about(&self.app, &detail, shop)?;
        let card = about.club.as_ref().map(|c| c.card_number.as_str());
        let links = match (&self.options.public_url, marketing) {
            (Some(url), _) => Some(links_for(&self.signer, url, &self.subject(&detail, message), card)),
            (None, true) => {
                return Ok(Prepared::Fail(
                    "set public_url: offers and newsletters must carry an unsubscribe link".into(),
                ));
            }
            (None, false) => None,
        };
        let mut kept = kept_for(&detail, shop, &template, message.channel, message.purpose, links.as_ref(), &about);
        let (subject, mut body) = match kept.compose(&template) {
            Ok(composed) => composed,
            Err(skipped) => return Ok(Prepared::Skip(skipped.reason)),
        };
        if let (Channel::Email, true, Some(url)) =
            (message.channel, shop.sending.track_clicks && marketing, &self.options.public_url)
        {
            kept.track(&body, &self.signer, url, message.id);
            body = kept.tracked_text(body);
        }
        let has_name = [&profile.first_name, &profile.last_name]
            .iter()
            .any(|n| n.as_deref().is_some_and(|n| !n.trim().is_empty()));
        let country = profile.country.clone();
        let kept = serde_json::to_string(&kept).unwrap_or_default();
        Ok(Prepared::Send(
            Box::new(Outgoing {
                message_id: message.message_id.clone(),
                channel: message.channel,
                to: address,
                to_name: has_name.then(|| {
                    ladder_domain::customer::display_name(
                        &profile.external_id,
                        profile.first_name.as_deref(),
                        profile.last_name.as_deref(),
                        None,
                    )
                }),
                language: template.language.clone(),
                right_to_left: is_right_to_left(&template.language),
                subject,
                body,
                purpose: message.purpose,
                unsubscribe_url: links.filter(|_| marketing).map(|l| l.unsubscribe),
            }),
            country,
            kept,
        ))
    }

    fn subject(&self, detail: &CustomerDetail, message: &OutboxMessage) -> LinkSubject {
        LinkSubject {
            customer_id: detail.profile.external_id.clone(),
            channel: message.channel,
            purpose: message.purpose.consent().unwrap_or(Purpose::Marketing),
        }
    }
}

/// A customer's address on a channel, as a transport takes it: an email, a number in E.164 (none when
/// the number cannot be read: no gateway could reach it), a postal address; none when blank.
pub fn address_of(profile: &ladder_domain::Customer, channel: Channel) -> Option<String> {
    match channel {
        Channel::Email => profile.email.clone(),
        Channel::Sms | Channel::Phone | Channel::Fax => profile
            .phone
            .as_deref()
            .and_then(|p| ladder_domain::phone::forms(p, profile.country.as_deref()).map(|f| f.e164)),
        Channel::Mail => profile.address.clone(),
    }
    .filter(|a| !a.trim().is_empty())
}

/// Whether the ledger's last word for the channel and purpose is a withdrawal (no word at all leaves
/// the decision made when the message was enqueued standing: the existing-customer exception).
fn withdrawn(ledger: &[ConsentEvent], channel: Channel, purpose: Purpose) -> bool {
    ledger.iter().any(|e| e.channel == channel && e.purpose == purpose)
        && !ladder_domain::consent::current(ledger, channel, purpose)
}

/// Who sends an offer and how to refuse it, at the foot of every marketing email.
fn footer(locale: Locale, shop: &ladder_domain::shop::ShopSettings, links: &Links) -> String {
    let catalog = ladder_i18n::catalog();
    let name = if shop.sender.name.trim().is_empty() { shop.name.trim() } else { shop.sender.name.trim() };
    let sender = [Some(name), Some(shop.sender.address.as_str()), shop.sender.email.as_deref()]
        .into_iter()
        .flatten()
        .filter(|s| !s.trim().is_empty())
        .collect::<Vec<_>>()
        .join(", ");
    let refuse = ladder_i18n::plain(&catalog.text(locale, "message-footer-unsubscribe"));
    let preferences = ladder_i18n::plain(&catalog.text(locale, "message-footer-preferences"));
    format!("{sender}\n{refuse}: {}\n{preferences}: {}", links.unsubscribe, links.preferences)
}

/// How to refuse by reply, at the end of every marketing text message.
fn refusal_by_reply(locale: Locale, shop: &str) -> String {
    let text = ladder_i18n::catalog().text_with(locale, "message-sms-refusal", &[("shop", shop.trim().into())]);
    ladder_i18n::plain(&text)
}
