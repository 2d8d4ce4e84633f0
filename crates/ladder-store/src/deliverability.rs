//! Deliverability suppressions: addresses that get nothing, whatever their consent says — a hard
//! bounce, a spam complaint, a number that cannot receive texts, or the shop's own block. Kept apart from
//! consent (a person's answer) and keyed by a hash of the address's one form, so that the list of
//! blocked addresses gives none of them back.

use crate::{StoreResult, WriteOutcome};
use chrono::{DateTime, Utc};
use ladder_domain::Channel;
use ladder_domain::messaging::SuppressionReason;
use serde::Serialize;

/// One suppressed address.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Suppression {
    /// The channel it is an address of.
    pub channel: Channel,
    /// The hash of the address's one form (`ladder_domain::messaging::address_key`).
    pub key: String,
    /// The address masked, to show (`d***@example.co.il`).
    pub hint: String,
    /// Why.
    pub reason: SuppressionReason,
    /// When it was reported.
    pub at: DateTime<Utc>,
    /// Who reported it (`smtp`, `api:provider`, `web:owner@shop`).
    pub source: String,
    /// The provider's words, when given (`550 5.1.1 user unknown`).
    pub detail: Option<String>,
}

/// Reading the suppressions.
pub trait DeliverabilityStore {
    /// Which of `keys` on `channel` are suppressed.
    fn suppressed_keys(&self, channel: Channel, keys: &[String]) -> StoreResult<Vec<String>>;

    /// The suppressions, newest first, at most `limit`.
    fn suppressions(&self, limit: u32) -> StoreResult<Vec<Suppression>>;
}

/// Changing the suppressions, inside a unit of work.
pub trait DeliverabilityTx {
    /// Suppresses an address; one already suppressed keeps its first reason and time (`Unchanged`).
    fn suppress(&mut self, suppression: &Suppression) -> StoreResult<WriteOutcome>;

    /// Lifts a suppression (the shop unblocks an address); whether there was one.
    fn lift_suppression(&mut self, channel: Channel, key: &str) -> StoreResult<bool>;
}
