//! The shop settings that the use-cases share, kept in the database's settings table.

use chrono::{DateTime, NaiveDate, Utc};
use ladder_store::{Store, StoreResult};

/// The shop's currency: spend and revenue count orders in it.
pub const CURRENCY: &str = "currency";
/// When an import last changed data (RFC 3339).
pub const DATA_CHANGED_AT: &str = "data_changed_at";
/// When the last scoring ran (RFC 3339).
pub const SCORED_AT: &str = "scored_at";
/// The `as_of` date of the last scoring.
pub const SCORED_AS_OF: &str = "scored_as_of";
/// How the last scoring set the states (the model it fitted, or why the recency rule applied).
pub const STATE_BASIS: &str = "state_basis";
/// Set when the database holds the demo shop (its seed), so that `ladder demo` may replace it.
pub const DEMO_SEED: &str = "demo_seed";

/// When the scores were computed, and whether data changed since.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ScoringStatus {
    /// The `as_of` date of the last scoring, if any.
    pub as_of: Option<NaiveDate>,
    /// Whether an import changed data after it.
    pub stale: bool,
}

/// Reads the scoring status.
pub fn scoring_status(store: &dyn Store) -> StoreResult<ScoringStatus> {
    let time = |key: &str| -> StoreResult<Option<DateTime<Utc>>> {
        Ok(store.setting(key)?.and_then(|v| DateTime::parse_from_rfc3339(&v).ok()).map(|t| t.with_timezone(&Utc)))
    };
    let as_of = store.setting(SCORED_AS_OF)?.and_then(|v| ladder_domain::date::parse_date(&v).ok());
    let stale = match (time(SCORED_AT)?, time(DATA_CHANGED_AT)?) {
        (Some(scored), Some(changed)) => changed > scored,
        (None, Some(_)) => true,
        _ => false,
    };
    Ok(ScoringStatus { as_of, stale })
}

/// The shop's currency code, if known.
pub fn currency(store: &dyn Store) -> StoreResult<Option<String>> {
    store.setting(CURRENCY)
}
