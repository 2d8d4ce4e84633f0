//! Broadcasts (migration 26): what was composed, and the two streams a broadcast's enqueueing reads in
//! one pass each — its audience with what the decision needs of every member, and the contact log the
//! caps count — so that a million customers cost two scans, not a million lookups.

use crate::{CustomerId, CustomerQuery, StoreResult};
use chrono::{DateTime, Utc};
use ladder_domain::Channel;
use ladder_domain::broadcast::{Audience, Broadcast, BroadcastStatus};
use ladder_domain::consent::{LegalBasis, Purpose};
use ladder_domain::messaging::PastContact;

/// A broadcast to compose.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewBroadcast {
    /// Its name.
    pub name: String,
    /// The template's name.
    pub template: String,
    /// The channel.
    pub channel: Channel,
    /// Whom it is for.
    pub audience: Audience,
    /// The campaign code its orders carry.
    pub campaign_code: Option<String>,
    /// Not before this time.
    pub send_at: Option<DateTime<Utc>>,
    /// Who composed it.
    pub created_by: String,
    /// Whether a message the caps would skip waits until they free instead.
    pub defer_capped: bool,
}

/// What the decision for one message needs of a member of the audience.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AudienceMember {
    /// The store's id.
    pub customer: CustomerId,
    /// Their id.
    pub customer_id: String,
    /// Their address on the channel (email, phone, postal address), as stored.
    pub address: Option<String>,
    /// Their country.
    pub country: Option<String>,
    /// Their language.
    pub language: Option<String>,
    /// The current answer for the channel and purpose: granted, and on what basis.
    pub consent: Option<(bool, Option<LegalBasis>)>,
    /// Their last completed order.
    pub last_order: Option<DateTime<Utc>>,
}

/// Which audience to read.
#[derive(Debug, Clone, PartialEq)]
pub struct AudienceQuery {
    /// The customers (a segment's query, a rung, everyone); its sort and page are ignored.
    pub customers: CustomerQuery,
    /// The channel of the messages.
    pub channel: Channel,
    /// The consent that counts.
    pub purpose: Purpose,
    /// Only those whose answer for the channel and purpose is yes (a newsletter's subscribers).
    pub consented_only: bool,
}

/// Orders in one currency: how many, by how many customers, for how much (minor units).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct OrderTotal {
    /// The currency (ISO 4217).
    pub currency: String,
    /// Completed orders.
    pub orders: u64,
    /// The customers who placed them.
    pub customers: u64,
    /// Their totals, summed in minor units.
    pub total_minor: i64,
}

/// What a broadcast's messages brought, each counted from when a customer's message was sent.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct BroadcastResults {
    /// Recipients who withdrew their consent for the channel within the window after their message (by
    /// its one-click link, the preference page, a reply or a word to the staff).
    pub unsubscribed: u64,
    /// Recipients who followed a tracked link of their message (where the shop tracks clicks).
    pub clicked: u64,
    /// Completed orders carrying the broadcast's campaign code since it was enqueued — the orders the
    /// campaign report attributes to it.
    pub attributed: Vec<OrderTotal>,
    /// Completed orders recipients placed within the window after their message, code or not.
    pub bought_after: Vec<OrderTotal>,
}

/// Reading broadcasts and what their enqueueing needs.
pub trait BroadcastStore {
    /// Broadcasts, newest first.
    fn broadcasts(&self, limit: u32) -> StoreResult<Vec<Broadcast>>;

    /// One broadcast.
    fn broadcast(&self, id: i64) -> StoreResult<Option<Broadcast>>;

    /// Every member of an audience, in id order, handed to `each` as the database sends them; stops early
    /// when `each` returns false. Returns how many were handed over.
    fn each_audience_member(
        &self,
        query: &AudienceQuery,
        each: &mut dyn FnMut(AudienceMember) -> StoreResult<bool>,
    ) -> StoreResult<u64>;

    /// One customer's messages sent since `since`: their part of the contact log.
    fn customer_contacts(&self, customer: CustomerId, since: DateTime<Utc>) -> StoreResult<Vec<PastContact>>;

    /// Every message sent since `since` (the contact log), handed to `each` with its customer.
    fn each_contact(
        &self,
        since: DateTime<Utc>,
        each: &mut dyn FnMut(CustomerId, PastContact) -> StoreResult<bool>,
    ) -> StoreResult<u64>;

    /// What the messages of `cause` brought within `window` of each one's sending, and the orders
    /// carrying `code` (as [`crate::campaigns::stored_codes`] writes it) placed since `since` — one
    /// statement each, over the broadcast's sent messages.
    fn broadcast_results(
        &self,
        cause: &str,
        code: Option<&str>,
        since: DateTime<Utc>,
        window: chrono::Duration,
    ) -> StoreResult<BroadcastResults>;
}

/// Writing broadcasts, in a unit of work.
pub trait BroadcastTx {
    /// Adds a broadcast as a draft; returns its id.
    fn add_broadcast(&mut self, broadcast: &NewBroadcast, at: DateTime<Utc>) -> StoreResult<i64>;

    /// One broadcast, as this unit of work sees it.
    fn broadcast(&mut self, id: i64) -> StoreResult<Option<Broadcast>>;

    /// Moves a broadcast from `from` to `to`; false when it does not stand at `from`. Moving to
    /// `Enqueued` records when and how many.
    fn move_broadcast(
        &mut self,
        id: i64,
        from: BroadcastStatus,
        to: BroadcastStatus,
        enqueued: Option<(DateTime<Utc>, u64)>,
    ) -> StoreResult<bool>;
}

/// The columns of a broadcast's row, in [`broadcast_of`]'s order.
pub const BROADCAST_COLUMNS: &str = "id, name, template, channel, audience, campaign_code, send_at, status, created_by, created_at, enqueued_at, enqueued, defer_capped";

/// A broadcast from its row's values (in [`BROADCAST_COLUMNS`] order); `None` when a value is not one
/// Ladder writes.
#[allow(clippy::too_many_arguments)]
pub fn broadcast_of(
    id: i64,
    name: String,
    template: String,
    channel: &str,
    audience: &str,
    campaign_code: Option<String>,
    send_at: Option<i64>,
    status: &str,
    created_by: String,
    created_at: i64,
    enqueued_at: Option<i64>,
    enqueued: i64,
    defer_capped: bool,
) -> Option<Broadcast> {
    let time = |t: i64| DateTime::<Utc>::from_timestamp(t, 0);
    Some(Broadcast {
        id,
        name,
        template,
        channel: Channel::parse(channel)?,
        audience: serde_json::from_str(audience).ok()?,
        campaign_code,
        send_at: send_at.and_then(time),
        status: BroadcastStatus::parse(status)?,
        created_by,
        created_at: time(created_at)?,
        enqueued_at: enqueued_at.and_then(time),
        enqueued: u64::try_from(enqueued).unwrap_or(0),
        defer_capped,
    })
}

/// The column that holds a channel's address.
pub fn address_column(channel: Channel) -> &'static str {
    match channel {
        Channel::Email => "c.email",
        // The number's one form: a number that could not be read reaches no gateway.
        Channel::Sms | Channel::Phone | Channel::Fax => "c.phone_e164",
        Channel::Mail => "c.address",
    }
}
