//! The outbox: one row per message to send — per cause, customer and channel, so that a retry or a
//! double click never makes a second one — written in the same unit of work as its cause, claimed by a
//! worker with a lease (a worker killed mid-send leaves its messages to the next once the lease ends),
//! and finished with what happened. The message keeps the template's version and a fixed Message-ID,
//! not a rendered body: it is rendered when sent, and the same message sent again is the same message.

use crate::{CustomerId, StoreResult};
use chrono::{DateTime, Utc};
use ladder_domain::Channel;
use ladder_domain::messaging::{MessagePurpose, OutboxStatus};
use serde::Serialize;

/// A message to enqueue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewMessage {
    /// What caused it (`broadcast:7`, `order:O-1001`, `api:token:3:…`): with the customer and the
    /// channel, what makes it one message.
    pub cause: String,
    /// To whom.
    pub customer: CustomerId,
    /// On which channel.
    pub channel: Channel,
    /// The template's name.
    pub template: String,
    /// The template's version.
    pub template_version: u32,
    /// The variant's language.
    pub language: String,
    /// What it is for.
    pub purpose: MessagePurpose,
    /// `Queued`, `Held` (with `not_before`) or `Skipped` (with `reason`): a message decided against is
    /// kept too, so that a broadcast's report says who got nothing and why.
    pub status: OutboxStatus,
    /// Why it is skipped or held.
    pub reason: Option<String>,
    /// Not before this time.
    pub not_before: Option<DateTime<Utc>>,
}

/// A message of the outbox.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OutboxMessage {
    /// The store's id.
    pub id: i64,
    /// What caused it.
    pub cause: String,
    /// To whom (the store's id).
    #[serde(skip)]
    pub customer: CustomerId,
    /// The customer's id.
    pub customer_id: String,
    /// The channel.
    pub channel: Channel,
    /// The template's name and version.
    pub template: String,
    /// The template's version.
    pub template_version: u32,
    /// The variant's language.
    pub language: String,
    /// What it is for.
    pub purpose: MessagePurpose,
    /// Where it stands.
    pub status: OutboxStatus,
    /// Why it was skipped or held, the last error, or the bounce's words.
    pub reason: Option<String>,
    /// Not before this time.
    pub not_before: Option<DateTime<Utc>>,
    /// Attempts made.
    pub attempts: u32,
    /// The Message-ID every attempt of it carries (`<outbox-17.…@shop.example>`): fixed when enqueued.
    pub message_id: String,
    /// When it was enqueued.
    pub created_at: DateTime<Utc>,
    /// When it was sent.
    pub sent_at: Option<DateTime<Utc>>,
}

/// How an attempt ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Delivery {
    /// Accepted at this time.
    Sent(DateTime<Utc>),
    /// Not sent now: tried again at `retry_at`, or failed for good without one.
    Failed {
        /// The error.
        error: String,
        /// When to try again.
        retry_at: Option<DateTime<Utc>>,
    },
    /// Decided against when it came to sending (consent withdrawn since, a cap reached).
    Skipped(String),
    /// Reported undeliverable.
    Bounced(String),
}

/// Which messages to list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OutboxQuery {
    /// Of this cause.
    pub cause: Option<String>,
    /// To this customer (their id).
    pub customer_id: Option<String>,
    /// In this state.
    pub status: Option<OutboxStatus>,
    /// On this channel.
    pub channel: Option<Channel>,
    /// At most this many, newest first.
    pub limit: u32,
}

/// Working the outbox outside a unit of work: what workers and pages do.
pub trait OutboxStore {
    /// Claims up to `limit` messages due at `now` until `lease_until`: queued ones, held ones whose time
    /// has come, and ones whose sender died (their lease ran out) — on `channels` only, the ones the
    /// worker can send. Two workers never claim one message.
    fn claim_messages(
        &self,
        channels: &[Channel],
        now: DateTime<Utc>,
        lease_until: DateTime<Utc>,
        limit: u32,
    ) -> StoreResult<Vec<OutboxMessage>>;

    /// Records how a claimed attempt ended; false when the message is not being sent (another worker
    /// finished it after this one's lease ran out).
    fn finish_message(&self, id: i64, delivery: &Delivery) -> StoreResult<bool>;

    /// Messages, newest first.
    fn outbox(&self, query: &OutboxQuery) -> StoreResult<Vec<OutboxMessage>>;

    /// One message.
    fn outbox_message(&self, id: i64) -> StoreResult<Option<OutboxMessage>>;

    /// What a sent message was rendered with (its merge data, JSON), if it was kept.
    fn merged_data(&self, id: i64) -> StoreResult<Option<String>>;

    /// How many messages of a cause stand where, with their reasons: (status, reason, count).
    fn outbox_summary(&self, cause: &str) -> StoreResult<Vec<(OutboxStatus, Option<String>, u64)>>;
}

/// Enqueueing, in the unit of work of the cause; finishing, in the unit of work of a batch's outcomes.
pub trait OutboxTx {
    /// Records how a claimed attempt ended, as [`OutboxStore::finish_message`] does, in this unit of work.
    fn finish_message(&mut self, id: i64, delivery: &Delivery) -> StoreResult<bool>;

    /// Keeps what a message is rendered with as it is sent (its merge data, JSON).
    fn keep_merged(&mut self, id: i64, merged: &str) -> StoreResult<()>;

    /// Records a click on the `link`-th tracked address of a sent message; false when no sent message has
    /// that id.
    fn record_click(&mut self, id: i64, link: u32, at: DateTime<Utc>) -> StoreResult<bool>;

    /// Records what became of a message a person delivered (a call from the call list): it need not
    /// have been claimed, but it must still be waiting (queued or held). False when it is not.
    fn record_delivered_by_hand(&mut self, id: i64, delivery: &Delivery) -> StoreResult<bool>;

    /// Adds the messages; one whose cause, customer and channel are already in the outbox is left out.
    /// Returns how many were added. `domain` is the Message-IDs' right-hand side.
    fn enqueue_messages(&mut self, messages: &[NewMessage], at: DateTime<Utc>, domain: &str) -> StoreResult<u64>;
}
