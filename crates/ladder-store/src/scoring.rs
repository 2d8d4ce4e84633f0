//! Scoring: every customer's history aggregates, computed in the database in one pass, and the scores
//! and history a scoring writes in one unit of work.

use crate::customers::CustomerId;
use crate::{StoreResult, Tx};
use chrono::NaiveDate;
use ladder_domain::{CustomerFacts, CustomerState, LifecycleStage, Reason, RfmScore, RfmSegment, Rung};
use serde::Serialize;

/// Reading the facts scoring needs, and starting a scoring.
pub trait ScoringStore {
    /// Streams every customer's history aggregates up to the end of `as_of`, computed in the database
    /// in one pass. `currency` is the shop's currency: spend counts orders in it only.
    fn scoring_facts(
        &self,
        as_of: NaiveDate,
        currency: &str,
        sink: &mut dyn FnMut(ScoringRow) -> StoreResult<()>,
    ) -> StoreResult<()>;

    /// Starts a unit of work that scores: only one runs at a time (SQLite's write lock; a PostgreSQL
    /// advisory lock), so two runs never record the same change twice. With `shard` K, it holds the lock
    /// of that shard only: the shards of one run may proceed side by side where the backend allows
    /// several writers.
    fn begin_scoring(&self, shard: Option<u32>) -> StoreResult<Box<dyn Tx + '_>>;
}

/// The scoring's reads and writes inside its unit of work ([`ScoringStore::begin_scoring`]).
pub trait ScoringTx {
    /// Streams the facts as [`ScoringStore::scoring_facts`] does, inside this unit of work, after the
    /// previous scoring has committed.
    fn facts(
        &mut self,
        as_of: NaiveDate,
        currency: &str,
        sink: &mut dyn FnMut(ScoringRow) -> StoreResult<()>,
    ) -> StoreResult<()>;

    /// The facts of one customer, as [`ScoringTx::facts`] gives them: for placing that customer alone
    /// the moment an order arrives.
    fn customer_facts(
        &mut self,
        customer: CustomerId,
        as_of: NaiveDate,
        currency: &str,
    ) -> StoreResult<Option<ScoringRow>>;

    /// Stores a customer's score and appends their rung and state changes to the history.
    fn put_score(&mut self, score: &ScoreRecord, changes: &[Change]) -> StoreResult<()>;

    /// Appends a customer's rung and state changes to the history without storing a score: the moves of
    /// an earlier date when a scoring replays past dates (only the last date's scores are stored).
    fn put_moves(&mut self, customer: CustomerId, changes: &[Change]) -> StoreResult<()>;
}

/// One customer's history aggregates, with where the last scoring placed them.
#[derive(Debug, Clone, PartialEq)]
pub struct ScoringRow {
    /// The customer.
    pub customer: CustomerId,
    /// Their history up to `as_of`.
    pub facts: CustomerFacts,
    /// What the last scoring stored, if any.
    pub previous: Option<PreviousScore>,
}

/// What the last scoring stored for a customer, to tell what changed.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PreviousScore {
    /// The rung.
    pub rung: Rung,
    /// The state.
    pub state: Option<CustomerState>,
    /// P(alive), when the model gave one.
    pub p_alive: Option<f64>,
}

/// A customer's stored score.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScoreRecord {
    /// The customer.
    #[serde(skip)]
    pub customer: CustomerId,
    /// The date the score is for.
    #[serde(rename = "scored_as_of")]
    pub as_of: NaiveDate,
    /// Rung on the loyalty ladder.
    pub rung: Rung,
    /// Why.
    pub rung_reason: Reason,
    /// State, for customers with orders.
    pub state: Option<CustomerState>,
    /// Why.
    pub state_reason: Option<Reason>,
    /// Lifecycle stage.
    pub lifecycle_stage: LifecycleStage,
    /// Days since the last counted order.
    pub recency_days: Option<i64>,
    /// Counted orders.
    #[serde(rename = "order_count")]
    pub orders: u32,
    /// First counted order.
    pub first_order: Option<NaiveDate>,
    /// Second counted order.
    pub second_order: Option<NaiveDate>,
    /// Third counted order.
    pub third_order: Option<NaiveDate>,
    /// Last counted order.
    pub last_order: Option<NaiveDate>,
    /// Spend in the shop currency, minor units.
    pub spend_minor: i64,
    /// RFM scores, for customers with orders.
    pub rfm: Option<RfmScore>,
    /// RFM segment, for customers with orders.
    pub rfm_segment: Option<RfmSegment>,
    /// Fourth counted order.
    pub fourth_order: Option<NaiveDate>,
    /// What the lifetime-value model says, when it is in use.
    #[serde(flatten)]
    pub value: Option<CustomerValue>,
    /// Every counted order was one-off ([`ladder_domain::ladder::is_event_buyer`]): no predicted return.
    pub event_buyer: bool,
}

/// What the purchase and spend models expect of a customer.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct CustomerValue {
    /// Probability that the customer is still a customer (none with one order day: the model cannot
    /// tell, and the state comes from the recency rule).
    pub p_alive: Option<f64>,
    /// Expected purchases in the next 90 days.
    pub expected_purchases_90d: f64,
    /// Expected purchases in the next 365 days.
    pub expected_purchases_365d: f64,
    /// When the next order is expected, if the customer is likely still a customer.
    pub expected_next_order: Option<NaiveDate>,
    /// Expected spend per order, minor units (none without a spend model).
    pub expected_spend_minor: Option<i64>,
    /// Discounted value over the next 12 months, minor units (none without a spend model).
    pub clv_minor: Option<i64>,
}

/// Which ladder dimension changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    /// The rung.
    Rung,
    /// The state.
    State,
}

impl ChangeKind {
    /// Its stable name.
    pub fn as_str(self) -> &'static str {
        match self {
            ChangeKind::Rung => "rung",
            ChangeKind::State => "state",
        }
    }
}

/// One recorded change of rung or state.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Change {
    /// Rung or state.
    pub kind: ChangeKind,
    /// The value before (none on the first scoring).
    pub from: Option<String>,
    /// The value after (none when a state no longer applies).
    pub to: Option<String>,
    /// The `as_of` date of the scoring that saw it.
    pub at: NaiveDate,
    /// Why.
    pub reason: Reason,
}
