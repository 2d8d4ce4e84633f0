//! Why: every reason Ladder gives a person (a rung, a state, a lifecycle stage, the purchase model's use,
//! an event buyer, a campaign's missing ROI) as a kind and its parameters. The domain decides the reason;
//! `ladder-i18n` says it in the reader's language, with dates and numbers in their locale. Reasons are
//! stored as compact JSON (`{"kind":"loyal","n":3,"on":"2025-03-02"}`; a million customers carry two
//! each, and scans of the scores read them), so a page in Persian reads the reason a scoring made in the
//! night.

use crate::customer::InteractionKind;
use crate::ladder::{CustomerState, LifecycleStage, Rung};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// What the customer's usual gap between orders is measured on.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(tag = "of", rename_all = "snake_case")]
pub enum Usual {
    /// The customer's own median days between order days.
    Own {
        /// Days.
        days: f64,
    },
    /// The shop's median days from a first to a second order (the customer has one order day).
    Shop {
        /// Days.
        days: f64,
    },
}

impl Usual {
    /// The days.
    pub fn days(self) -> f64 {
        match self {
            Usual::Own { days } | Usual::Shop { days } => days,
        }
    }
}

/// A reason, by kind. The groups: the rung, the state, the lifecycle stage, the purchase model, event
/// buyers, campaigns; and text kept from before reasons were data.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Reason {
    // ------------------------------------------------------------------ rung
    /// A known contact: no interaction, no order.
    KnownContact,
    /// Interactions, no order yet.
    Interactions {
        /// How many.
        #[serde(rename = "n")]
        count: u32,
        /// The latest one's kind and day.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        last: Option<(InteractionKind, NaiveDate)>,
    },
    /// Referred by a customer, no order yet.
    Referred,
    /// One or two orders: the latest of them counts (`2nd order on …`).
    Orders {
        /// Counted orders.
        #[serde(rename = "n")]
        orders: u32,
        /// The day of the order that made the rung.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        on: Option<NaiveDate>,
    },
    /// Three or more orders, active or at risk: loyal.
    Loyal {
        /// Counted orders.
        #[serde(rename = "n")]
        orders: u32,
        /// The day of the latest.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        on: Option<NaiveDate>,
        /// Slipping: at risk rather than active (still loyal — the customer retention is about).
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        at_risk: bool,
    },
    /// Three or more orders but lapsed or lost: repeat.
    NotActive {
        /// Counted orders.
        #[serde(rename = "n")]
        orders: u32,
        /// The day of the latest.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        on: Option<NaiveDate>,
        /// The state instead of active.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        state: Option<CustomerState>,
    },
    /// Loyal, and people they referred have ordered: advocate.
    AdvocateReferrals {
        /// Counted orders.
        #[serde(rename = "n")]
        orders: u32,
        /// The day of the latest.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        on: Option<NaiveDate>,
        /// Referred customers who ordered.
        #[serde(rename = "buyers")]
        referred_buyers: u32,
        /// Slipping: at risk rather than active (still loyal — the customer retention is about).
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        at_risk: bool,
    },
    /// Loyal, and they recommended the shop in public: advocate.
    AdvocateRecommended {
        /// Counted orders.
        #[serde(rename = "n")]
        orders: u32,
        /// The day of the latest.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        on: Option<NaiveDate>,
        /// Slipping: at risk rather than active (still loyal — the customer retention is about).
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        at_risk: bool,
    },

    // ------------------------------------------------------------------ state
    /// Active by the recency rule: the last order is recent.
    Recent {
        /// Days since the last order.
        days: i64,
        /// The usual gap, when one is known.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        usual: Option<Usual>,
    },
    /// At risk, lapsed or lost by the recency rule: no order for longer than the threshold.
    Overdue {
        /// Days since the last order.
        days: i64,
        /// The usual gap, when one is known.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        usual: Option<Usual>,
        /// The state.
        state: CustomerState,
        /// The state began after this many days.
        #[serde(rename = "after")]
        after_days: f64,
    },
    /// The state from the purchase model's P(alive).
    PAlive {
        /// P(alive) now.
        p: f64,
        /// P(alive) at the previous scoring.
        #[serde(rename = "was", default, skip_serializing_if = "Option::is_none")]
        previous: Option<f64>,
        /// Days since the last order.
        days: i64,
        /// The state.
        state: CustomerState,
        /// The usual gap in days, when one is known.
        #[serde(rename = "gap", default, skip_serializing_if = "Option::is_none")]
        usual_days: Option<f64>,
    },
    /// No counted order by the scoring's day: no state (in the history of changes).
    NoOrderYet,

    // ------------------------------------------------------------------ lifecycle
    /// The lifecycle stage follows from the rung.
    Lifecycle {
        /// The stage.
        stage: LifecycleStage,
        /// The rung.
        rung: Rung,
    },

    // ------------------------------------------------------------------ purchase model
    /// States from BG/NBD's P(alive).
    ModelFitted {
        /// Buyers fitted on.
        customers: u64,
        /// Of them, with repeat purchases.
        repeat: u64,
        /// BG/NBD r.
        r: f64,
        /// BG/NBD α, in days.
        alpha: f64,
        /// BG/NBD a.
        a: f64,
        /// BG/NBD b.
        b: f64,
        /// Whether spend comes from Gamma-Gamma.
        spend_model: bool,
    },
    /// States from the recency rule: too few customers ordered twice for the model.
    ModelTooFewRepeat {
        /// Customers with repeat purchases.
        repeat: u64,
        /// How many the model needs.
        needed: u64,
    },
    /// States from the recency rule: the model's fit did not converge.
    ModelNotConverged,
    /// States from the recency rule: the model could not be fitted.
    ModelFailed {
        /// The fit's error (technical, in English).
        error: String,
    },

    // ------------------------------------------------------------------ event buyers
    /// All their buying was one occasion in seasonal categories.
    EventOccasion {
        /// The first day.
        from: NaiveDate,
        /// The last day.
        to: NaiveDate,
        /// The categories.
        categories: Vec<String>,
    },
    /// Occasion purchases unlike the rest of their orders.
    EventSeasonalOrders {
        /// The categories.
        categories: Vec<String>,
        /// The days.
        dates: Vec<NaiveDate>,
    },
    /// Orders marked one-off.
    EventOneOff {
        /// The days.
        dates: Vec<NaiveDate>,
    },

    // ------------------------------------------------------------------ campaigns
    /// No ROI: no cost recorded.
    RoiNoCost,
    /// No ROI: the costs sum below zero.
    RoiNegativeCost,

    // ------------------------------------------------------------------ before reasons were data
    /// A reason stored as words by an older version; shown as it is.
    Text {
        /// The words.
        text: String,
    },
}

impl Reason {
    /// The stable kind (`loyal`, `p_alive`), as JSON names it.
    pub fn kind(&self) -> String {
        serde_json::to_value(self)
            .ok()
            .and_then(|v| v.get("kind").and_then(|k| k.as_str()).map(str::to_owned))
            .unwrap_or_default()
    }

    /// The stored form: JSON.
    pub fn to_stored(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// A reason from its stored form; words stored by an older version come back as [`Reason::Text`].
    pub fn from_stored(stored: &str) -> Reason {
        if stored.starts_with('{')
            && let Ok(reason) = serde_json::from_str(stored)
        {
            return reason;
        }
        Reason::Text { text: stored.to_owned() }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reasons_round_trip_and_old_words_stay_words() {
        let reason = Reason::Overdue {
            days: 61,
            usual: Some(Usual::Own { days: 30.0 }),
            state: CustomerState::AtRisk,
            after_days: 60.0,
        };
        let stored = reason.to_stored();
        assert_eq!(
            stored,
            r#"{"kind":"overdue","days":61,"usual":{"of":"own","days":30.0},"state":"at_risk","after":60.0}"#
        );
        assert_eq!(Reason::from_stored(&stored), reason);
        assert_eq!(reason.kind(), "overdue");
        assert_eq!(
            Reason::from_stored("1st order on 2025-02-01"),
            Reason::Text { text: "1st order on 2025-02-01".into() }
        );
        assert_eq!(Reason::from_stored("{not json"), Reason::Text { text: "{not json".into() });
    }
}
