//! What a privacy law asks of a customer's data, and the duplicates a shop finds: merging two customers
//! into one (the other's id kept as an alias), deleting one, erasing one's personal data while their
//! orders stay, anonymised, for the shop's figures, and the hashed suppression entries that keep an
//! erased person out of mailings when a later import brings their email or phone back.

use crate::{CustomerId, StoreResult};
use chrono::{DateTime, Utc};
use std::collections::HashMap;

/// Changing customers' identity and existence, inside a unit of work.
pub trait PrivacyTx {
    /// Every alias (an id merged away) with the id it now stands for.
    fn aliases(&mut self) -> StoreResult<HashMap<String, String>>;

    /// Moves everything `absorbed` has — orders, interactions, history, the customers they brought, the
    /// aliases that led to them — to `kept`, deletes `absorbed` (its score, tags and consents with it:
    /// the caller writes the merged profile onto `kept`) and keeps `absorbed`'s id as an alias of
    /// `kept`'s. An interaction both recorded stays once.
    fn merge_customers(&mut self, kept: CustomerId, absorbed: CustomerId) -> StoreResult<()>;

    /// Deletes a customer with their orders, interactions, score and history; the aliases that led to
    /// them go too.
    fn delete_customer(&mut self, id: CustomerId) -> StoreResult<()>;

    /// Removes a customer's personal data: every profile field, tags, consents, custom fields and the
    /// notes of their interactions; their id becomes `anonymous_id` and aliases to them go. Orders,
    /// interactions (without notes), score and history stay, for the shop's figures.
    fn erase_customer(&mut self, id: CustomerId, anonymous_id: &str) -> StoreResult<()>;

    /// Records suppression entries (hashes of an erased person's email or phone) at `at`; one already
    /// recorded stays as it was.
    fn add_suppressions(&mut self, hashes: &[String], at: DateTime<Utc>) -> StoreResult<()>;

    /// Which of `hashes` are suppressed.
    fn suppressed(&mut self, hashes: &[String]) -> StoreResult<Vec<String>>;
}
