//! The shop settings that the use-cases share, kept in the database's settings table.

use chrono::{DateTime, NaiveDate, Utc};
use ladder_domain::StateRules;
use ladder_store::{Store, StoreResult};
use serde::Serialize;

/// The shop's currency: spend and revenue count orders in it.
pub const CURRENCY: &str = "currency";
/// When an import last changed data (RFC 3339).
pub const DATA_CHANGED_AT: &str = "data_changed_at";
/// When a campaign or a campaign cost was last written (RFC 3339): cached campaign figures older than
/// it are out of date.
pub const CAMPAIGNS_CHANGED_AT: &str = "campaigns_changed_at";
/// When the last scoring ran (RFC 3339).
pub const SCORED_AT: &str = "scored_at";
/// What the last full scoring knew about the shop (JSON), for placing one customer alone.
pub const SCORING_CONTEXT: &str = "scoring_context";
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

/// The scoring thresholds' keys, one per field; a key not stored keeps its default.
pub const ACTIVE_P_ALIVE: &str = "score_active_p_alive";
/// See [`ACTIVE_P_ALIVE`].
pub const AT_RISK_P_ALIVE: &str = "score_at_risk_p_alive";
/// See [`ACTIVE_P_ALIVE`].
pub const LAPSED_P_ALIVE: &str = "score_lapsed_p_alive";
/// See [`ACTIVE_P_ALIVE`].
pub const MIN_REPEAT_CUSTOMERS: &str = "score_min_repeat_customers";
/// See [`ACTIVE_P_ALIVE`].
pub const AT_RISK_GAPS: &str = "score_at_risk_gaps";
/// See [`ACTIVE_P_ALIVE`].
pub const LAPSED_GAPS: &str = "score_lapsed_gaps";
/// See [`ACTIVE_P_ALIVE`].
pub const LOST_GAPS: &str = "score_lost_gaps";
/// See [`ACTIVE_P_ALIVE`].
pub const LOST_MIN_DAYS: &str = "score_lost_min_days";

/// The thresholds a shop may tune: the states' rules and when the purchase model is used.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Thresholds {
    /// The states' thresholds, on P(alive) and in the recency rule.
    pub rules: StateRules,
    /// Fewest customers with repeat purchases for fitting the purchase model.
    pub min_repeat_customers: u64,
}

impl Default for Thresholds {
    fn default() -> Self {
        Self { rules: StateRules::default(), min_repeat_customers: 30 }
    }
}

/// Why thresholds cannot be used; `field` is the field's name without the `score_` prefix, as forms and
/// flags call it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum ThresholdProblem {
    /// A P(alive) threshold outside 0–1.
    #[error("{field} must be a number from 0 to 1")]
    NotProbability {
        /// The field.
        field: &'static str,
    },
    /// A number of gaps or days that is not above 0.
    #[error("{field} must be a number above 0")]
    NotPositive {
        /// The field.
        field: &'static str,
    },
    /// A threshold above one that must be at least as high.
    #[error("{field} must not be above {limit}")]
    Above {
        /// The field.
        field: &'static str,
        /// The field it must not exceed.
        limit: &'static str,
    },
}

impl ThresholdProblem {
    /// The field the problem is in.
    pub fn field(&self) -> &'static str {
        match self {
            Self::NotProbability { field } | Self::NotPositive { field } | Self::Above { field, .. } => field,
        }
    }

    /// Whether it is about the P(alive) thresholds (their range or their order).
    pub fn is_p_alive(&self) -> bool {
        self.field().ends_with("_p_alive")
    }
}

impl Thresholds {
    /// The first problem, if any: P(alive) thresholds within 0 ≤ lapsed ≤ at risk ≤ active ≤ 1, and the
    /// recency rule's gaps positive and ordered at risk ≤ lapsed ≤ lost.
    pub fn problem(&self) -> Option<ThresholdProblem> {
        let r = &self.rules;
        let probabilities = [
            ("active_p_alive", r.active_p_alive),
            ("at_risk_p_alive", r.at_risk_p_alive),
            ("lapsed_p_alive", r.lapsed_p_alive),
        ];
        let positive = [
            ("at_risk_gaps", r.at_risk_gaps),
            ("lapsed_gaps", r.lapsed_gaps),
            ("lost_gaps", r.lost_gaps),
            ("lost_min_days", r.lost_min_days),
        ];
        let ordered = [
            ("at_risk_p_alive", r.at_risk_p_alive, "active_p_alive", r.active_p_alive),
            ("lapsed_p_alive", r.lapsed_p_alive, "at_risk_p_alive", r.at_risk_p_alive),
            ("at_risk_gaps", r.at_risk_gaps, "lapsed_gaps", r.lapsed_gaps),
            ("lapsed_gaps", r.lapsed_gaps, "lost_gaps", r.lost_gaps),
        ];
        if let Some((field, _)) = probabilities.iter().find(|(_, p)| !(0.0..=1.0).contains(p)) {
            return Some(ThresholdProblem::NotProbability { field });
        }
        if let Some((field, _)) = positive.iter().find(|(_, v)| !(v.is_finite() && *v > 0.0)) {
            return Some(ThresholdProblem::NotPositive { field });
        }
        ordered
            .iter()
            .find(|(_, v, _, limit)| v > limit)
            .map(|&(field, _, limit, _)| ThresholdProblem::Above { field, limit })
    }
}

/// The stored scoring thresholds; defaults where nothing (or nothing readable) is stored.
pub fn thresholds(store: &dyn Store) -> StoreResult<Thresholds> {
    let mut t = Thresholds::default();
    let r = &mut t.rules;
    for (key, value) in [
        (ACTIVE_P_ALIVE, &mut r.active_p_alive),
        (AT_RISK_P_ALIVE, &mut r.at_risk_p_alive),
        (LAPSED_P_ALIVE, &mut r.lapsed_p_alive),
        (AT_RISK_GAPS, &mut r.at_risk_gaps),
        (LAPSED_GAPS, &mut r.lapsed_gaps),
        (LOST_GAPS, &mut r.lost_gaps),
        (LOST_MIN_DAYS, &mut r.lost_min_days),
    ] {
        if let Some(stored) = store.setting(key)?.and_then(|v| v.parse::<f64>().ok()) {
            *value = stored;
        }
    }
    if let Some(stored) = store.setting(MIN_REPEAT_CUSTOMERS)?.and_then(|v| v.parse::<u64>().ok()) {
        t.min_repeat_customers = stored;
    }
    Ok(t)
}

/// Stores the scoring thresholds; the caller checks them first ([`Thresholds::problem`]).
pub fn save_thresholds(store: &dyn Store, t: &Thresholds) -> StoreResult<()> {
    let r = &t.rules;
    for (key, value) in [
        (ACTIVE_P_ALIVE, r.active_p_alive),
        (AT_RISK_P_ALIVE, r.at_risk_p_alive),
        (LAPSED_P_ALIVE, r.lapsed_p_alive),
        (AT_RISK_GAPS, r.at_risk_gaps),
        (LAPSED_GAPS, r.lapsed_gaps),
        (LOST_GAPS, r.lost_gaps),
        (LOST_MIN_DAYS, r.lost_min_days),
    ] {
        // `f64`'s text form reads back to the same number.
        store.set_setting(key, &value.to_string())?;
    }
    store.set_setting(MIN_REPEAT_CUSTOMERS, &t.min_repeat_customers.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use ladder_store_sqlite::SqliteStore;

    fn store() -> (tempfile::TempDir, SqliteStore) {
        let dir = tempfile::tempdir().expect("temporary folder");
        let store = SqliteStore::open(dir.path().join("ladder.db")).expect("open");
        (dir, store)
    }

    #[test]
    fn thresholds_default_until_saved_and_round_trip() {
        let (_dir, store) = store();
        assert_eq!(thresholds(&store).expect("read"), Thresholds::default());
        let mut t = Thresholds::default();
        t.rules.active_p_alive = 0.7;
        t.rules.at_risk_p_alive = 0.35;
        t.rules.lapsed_p_alive = 0.1 + 0.2;
        t.rules.at_risk_gaps = 1.5;
        t.rules.lost_min_days = 400.0;
        t.min_repeat_customers = 12;
        assert_eq!(t.problem(), None);
        save_thresholds(&store, &t).expect("save");
        assert_eq!(thresholds(&store).expect("read"), t, "every number reads back exactly");
        let options = crate::score::ScoreOptions::stored(&store).expect("read");
        assert_eq!((options.rules, options.min_repeat_customers), (t.rules, 12), "scoring uses what was saved");
    }

    #[test]
    fn thresholds_in_the_wrong_order_name_the_field() {
        let mut t = Thresholds::default();
        t.rules.at_risk_p_alive = 0.8;
        assert_eq!(t.problem(), Some(ThresholdProblem::Above { field: "at_risk_p_alive", limit: "active_p_alive" }));
        assert!(t.problem().is_some_and(|p| p.is_p_alive()));
        let mut t = Thresholds::default();
        t.rules.lapsed_p_alive = 1.5;
        assert_eq!(t.problem(), Some(ThresholdProblem::NotProbability { field: "lapsed_p_alive" }));
        let mut t = Thresholds::default();
        t.rules.lapsed_gaps = 7.0;
        assert_eq!(t.problem(), Some(ThresholdProblem::Above { field: "lapsed_gaps", limit: "lost_gaps" }));
        let mut t = Thresholds::default();
        t.rules.lost_min_days = f64::NAN;
        assert_eq!(t.problem(), Some(ThresholdProblem::NotPositive { field: "lost_min_days" }));
    }
}
