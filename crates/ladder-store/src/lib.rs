//! The storage trait of Ladder, spoken in domain types only.
//!
//! Backends live in their own crates (`ladder-store-sqlite` now, PostgreSQL later) and own their SQL,
//! pragmas and migrations; nothing here names a driver. The trait is synchronous: the bulk paths
//! (imports of millions of lines, scoring over every customer) are streams that a blocking connection
//! serves best, and an async caller (the web server) calls it from a blocking thread pool.
//!
//! Work that must be all-or-nothing is a *session* object: [`ImportSession`] and [`ScoreSession`]
//! hold one database transaction; `commit` makes everything visible at once, and dropping the session
//! without committing rolls everything back.
#![deny(missing_docs)]

pub mod campaign;
pub mod schema;
pub mod search;
mod types;

pub use types::*;

use chrono::{DateTime, NaiveDate, Utc};
use ladder_domain::campaign::{Campaign, CostEntry, CustomerHistory};
use ladder_domain::{Customer, Interaction, Order};

/// What went wrong in a store.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The thing asked for does not exist.
    #[error("{0} not found")]
    NotFound(String),
    /// The write contradicts what is stored (an order moving to another customer, for instance).
    #[error("{0}")]
    Conflict(String),
    /// The way to the database is set wrong (an unknown option in its URL, a file it names unreadable).
    #[error("{0}")]
    Configuration(String),
    /// The database was made by a newer Ladder.
    #[error("the database schema is version {found}, newer than this Ladder knows (version {known}); upgrade Ladder")]
    SchemaTooNew {
        /// The version found in the database.
        found: i64,
        /// The newest version this build knows.
        known: i64,
    },
    /// The database could not be opened or answered with an error.
    #[error("{context}: {source}")]
    Backend {
        /// What the store was doing.
        context: String,
        /// The driver's error.
        #[source]
        source: Box<dyn std::error::Error + Send + Sync>,
    },
}

impl StoreError {
    /// Wraps a driver error with what the store was doing.
    pub fn backend(context: impl Into<String>, source: impl std::error::Error + Send + Sync + 'static) -> Self {
        Self::Backend { context: context.into(), source: Box::new(source) }
    }
}

/// Shorthand for store results.
pub type StoreResult<T> = Result<T, StoreError>;

/// A Ladder database.
pub trait Store: Send + Sync {
    /// Starts an all-or-nothing import.
    fn begin_import(&self, context: ImportContext) -> StoreResult<Box<dyn ImportSession>>;

    /// Reads one shop setting.
    fn setting(&self, key: &str) -> StoreResult<Option<String>>;

    /// Writes one shop setting.
    fn set_setting(&self, key: &str, value: &str) -> StoreResult<()>;

    /// Streams every customer's history aggregates up to the end of `as_of`, computed in the database
    /// in one pass. `currency` is the shop's currency: spend counts orders in it only.
    fn scoring_facts(
        &self,
        as_of: NaiveDate,
        currency: &str,
        sink: &mut dyn FnMut(ScoringRow) -> StoreResult<()>,
    ) -> StoreResult<()>;

    /// Starts an all-or-nothing scoring: facts, scores and history in one transaction.
    fn begin_scoring(&self) -> StoreResult<Box<dyn ScoreSession>>;

    /// Starts the scoring of one shard of the customers; shards of one run may proceed side by side
    /// (a backend that allows one writer at a time runs them one after the other).
    fn begin_scoring_shard(&self, shard: u32) -> StoreResult<Box<dyn ScoreSession>> {
        let _ = shard;
        self.begin_scoring()
    }

    /// How many rows each table holds.
    fn counts(&self) -> StoreResult<TableCounts>;

    /// One customer with everything known about them, by the business's id.
    fn customer(&self, external_id: &str) -> StoreResult<Option<CustomerDetail>>;

    /// A page of customers matching a query.
    fn list_customers(&self, query: &CustomerQuery) -> StoreResult<Vec<CustomerSummary>>;

    /// How many customers match a query (its sort and page aside), counting no further than `cap`: a
    /// page over millions of customers needs "more than 10,000", not a scan of them all.
    fn count_customers(&self, query: &CustomerQuery, cap: u64) -> StoreResult<u64>;

    /// Customers, orders and revenue per value of one scored dimension.
    fn summary_by(&self, dimension: Dimension) -> StoreResult<Vec<GroupTotals>>;

    /// How far customers got towards their third purchase, from the last scoring.
    fn purchase_milestones(&self) -> StoreResult<PurchaseMilestones>;

    /// The moves of one kind (rung or state) recorded on or after `since`, by from and to, most first.
    fn moves_since(&self, kind: ChangeKind, since: NaiveDate) -> StoreResult<Vec<Move>>;

    /// Who moved (rung or state) on or after `since`, newest first, at most `limit`.
    fn moved_customers(&self, kind: ChangeKind, since: NaiveDate, limit: u32) -> StoreResult<Vec<MovedCustomer>>;

    /// Customers by 12-month value between ascending `edges` (minor units), with the highest value, in
    /// one pass over the scores: a chart over millions of customers cannot page through them.
    fn clv_histogram(&self, edges: &[i64]) -> StoreResult<ClvHistogram>;

    /// Deletes every customer, order, interaction, score and setting (used to rebuild the demo shop).
    /// Users, their sessions and tokens, the audit log and segments stay: rebuilding the demo signs
    /// nobody out.
    fn clear(&self) -> StoreResult<()>;

    /// Streams every row of one table of [`schema::TABLES`] in key order, in canonical text form.
    fn export_rows(
        &self,
        table: &schema::Table,
        sink: &mut dyn FnMut(schema::TextRow) -> StoreResult<()>,
    ) -> StoreResult<()>;

    /// Starts writing whole tables into this (empty) database, keeping every id; all or nothing.
    fn begin_restore(&self) -> StoreResult<Box<dyn RestoreSession>>;

    /// The day of the last counted order, if any.
    fn last_order_day(&self) -> StoreResult<Option<NaiveDate>>;

    /// For the holdout check of the purchase model: every customer whose first counted order is by the
    /// end of `calibration_end`, with their order days up to it and their order days after it up to the
    /// end of `holdout_end`.
    fn calibration_rows(&self, calibration_end: NaiveDate, holdout_end: NaiveDate) -> StoreResult<Vec<CalibrationRow>>;

    /// Every scored buyer's 1st to 4th order days and the campaign code of their first order.
    fn purchase_paths(&self) -> StoreResult<Vec<PurchasePath>>;

    /// Per monthly acquisition cohort and month since the first order: customers who bought and their
    /// revenue, from counted orders by the end of `as_of`.
    fn cohort_activity(&self, as_of: NaiveDate, currency: &str) -> StoreResult<Vec<CohortCell>>;

    /// Customers with at least `min_orders` counted orders in the `trailing_days` before the end of
    /// `as_of`, with their orders and spend in that span, in the last `recent_days`, and in the
    /// `before_days` before those.
    fn value_windows(
        &self,
        as_of: NaiveDate,
        currency: &str,
        windows: ValueWindows,
    ) -> StoreResult<Vec<ValueWindowRow>>;

    /// Counted orders by the end of `as_of` with their categories, grouped by customer (in customer
    /// order), for finding event buyers.
    fn orders_with_categories(
        &self,
        as_of: NaiveDate,
        sink: &mut dyn FnMut(CategorisedOrder) -> StoreResult<()>,
    ) -> StoreResult<()>;

    /// How many users there are (none: the web app asks for a first owner).
    fn user_count(&self) -> StoreResult<u64>;

    /// Creates a user; the email is stored lower-cased, and one already in use (in any case) is a
    /// [`StoreError::Conflict`].
    fn create_user(&self, user: &NewUser, at: DateTime<Utc>) -> StoreResult<User>;

    /// One user by id.
    fn user(&self, id: i64) -> StoreResult<Option<User>>;

    /// One user by email, in any case.
    fn user_by_email(&self, email: &str) -> StoreResult<Option<User>>;

    /// Every user, by email.
    fn users(&self) -> StoreResult<Vec<User>>;

    /// Changes a user. A change that would leave the shop without an enabled owner is a
    /// [`StoreError::Conflict`]: nobody could manage users any more.
    fn update_user(&self, id: i64, changes: &UserChanges) -> StoreResult<User>;

    /// Stores a new browser session.
    fn create_session(&self, session: &WebSession) -> StoreResult<()>;

    /// The session with this token hash and its user, unless it has expired by `now` or the user is
    /// disabled.
    fn session(&self, token_hash: &str, now: DateTime<Utc>) -> StoreResult<Option<(WebSession, User)>>;

    /// Ends a session (signing out).
    fn delete_session(&self, token_hash: &str) -> StoreResult<()>;

    /// Deletes the sessions expired by `now`; returns how many.
    fn delete_expired_sessions(&self, now: DateTime<Utc>) -> StoreResult<u64>;

    /// Stores a new API token of a user, by its hash.
    fn create_api_token(&self, user_id: i64, name: &str, token_hash: &str, at: DateTime<Utc>) -> StoreResult<ApiToken>;

    /// A user's API tokens, oldest first.
    fn api_tokens(&self, user_id: i64) -> StoreResult<Vec<ApiToken>>;

    /// The token with this hash and its user, unless the user is disabled; records `now` as its last use.
    fn api_token_user(&self, token_hash: &str, now: DateTime<Utc>) -> StoreResult<Option<(ApiToken, User)>>;

    /// Deletes one of a user's tokens; false when the user has no token with that id.
    fn revoke_api_token(&self, user_id: i64, id: i64) -> StoreResult<bool>;

    /// Appends to the audit log.
    fn record_audit(&self, entry: &AuditEntry) -> StoreResult<()>;

    /// Up to `limit` audit entries, newest first, older than the entry `before_id` when given (the next
    /// page starts before the last id of this one).
    fn audit_log(&self, limit: u32, before_id: Option<i64>) -> StoreResult<Vec<AuditRecord>>;

    /// Creates a segment (`id` none) or changes one; names are unique without regard to case
    /// ([`StoreError::Conflict`]), and changing a missing segment is [`StoreError::NotFound`].
    fn save_segment(
        &self,
        id: Option<i64>,
        name: &str,
        definition: &str,
        user_id: Option<i64>,
        at: DateTime<Utc>,
    ) -> StoreResult<Segment>;

    /// Every segment, by name.
    fn segments(&self) -> StoreResult<Vec<Segment>>;

    /// One segment.
    fn segment(&self, id: i64) -> StoreResult<Option<Segment>>;

    /// Deletes a segment; false when there is none with that id.
    fn delete_segment(&self, id: i64) -> StoreResult<bool>;

    /// Creates or replaces a campaign by its id (its codes replaced too); Inserted, Updated or Unchanged.
    fn put_campaign(&self, campaign: &Campaign) -> StoreResult<WriteOutcome>;

    /// Every campaign, by start date then id.
    fn campaigns(&self) -> StoreResult<Vec<Campaign>>;

    /// One campaign.
    fn campaign(&self, id: &str) -> StoreResult<Option<Campaign>>;

    /// Adds a dated cost to a campaign; StoreError::NotFound for an unknown campaign.
    fn add_campaign_cost(&self, campaign_id: &str, cost: &CostEntry) -> StoreResult<()>;

    /// Adds many dated costs in one transaction, for a cost import that can be run again: for each distinct
    /// (campaign, day, amount, note), as many entries are added as the list holds beyond those already
    /// recorded, so that the same file twice adds nothing while a charge listed twice is two charges. Answers
    /// Inserted or Unchanged per entry; an unknown campaign is StoreError::NotFound and adds nothing.
    fn add_campaign_costs(&self, costs: &[(String, CostEntry)]) -> StoreResult<Vec<WriteOutcome>>;

    /// A campaign's costs, by date.
    fn campaign_costs(&self, campaign_id: &str) -> StoreResult<Vec<CostEntry>>;

    /// Every customer with at least one order (any status) carrying one of `codes` (compared trimmed and
    /// lower-cased, as `ladder_domain::campaign::normalize_code` does), with ALL their orders placed by the
    /// end of `as_of` (the attribution needs their first and later orders too); `signup_code` is None for now.
    fn campaign_histories(&self, codes: &[String], as_of: NaiveDate) -> StoreResult<Vec<CustomerHistory>>;
}

/// Who writes an import, and when: the evidence recorded with consents that the file gives no date for.
#[derive(Debug, Clone)]
pub struct ImportContext {
    /// When the import runs.
    pub now: DateTime<Utc>,
    /// Where the data comes from ("import:customers.csv").
    pub source: String,
}

/// One all-or-nothing import; dropping it without [`ImportSession::commit`] writes nothing.
pub trait ImportSession {
    /// Whether a customer with this external id exists (in the database or earlier in this import).
    fn customer_known(&mut self, external_id: &str) -> StoreResult<bool>;

    /// Inserts or updates a customer by external id.
    fn put_customer(&mut self, customer: &Customer) -> StoreResult<WriteOutcome>;

    /// Inserts or updates an order and its lines by external id; one outcome per line, in order.
    /// The order's customer must exist; an order never moves to another customer.
    fn put_order(&mut self, order: &Order) -> StoreResult<Vec<WriteOutcome>>;

    /// Records an interaction unless the same one (customer, time, kind, note) is already recorded.
    fn put_interaction(&mut self, interaction: &Interaction) -> StoreResult<WriteOutcome>;

    /// Inserts or updates many customers at once, as [`ImportSession::put_customer`] does one by one;
    /// a backend may write them set-based (PostgreSQL's `COPY`).
    fn put_customers(&mut self, customers: &[Customer]) -> StoreResult<Vec<WriteOutcome>> {
        customers.iter().map(|c| self.put_customer(c)).collect()
    }

    /// Records many interactions at once, as [`ImportSession::put_interaction`] does one by one.
    fn put_interactions(&mut self, interactions: &[Interaction]) -> StoreResult<Vec<WriteOutcome>> {
        interactions.iter().map(|i| self.put_interaction(i)).collect()
    }

    /// Inserts or updates many orders at once, as [`ImportSession::put_order`] does one by one. An order
    /// that contradicts what is stored (it belongs to another customer) gets `Err` with the reason, and
    /// the others are written.
    fn put_orders(&mut self, orders: &[Order]) -> StoreResult<Vec<Result<Vec<WriteOutcome>, String>>> {
        orders
            .iter()
            .map(|o| match self.put_order(o) {
                Ok(outcomes) => Ok(Ok(outcomes)),
                Err(StoreError::Conflict(reason)) => Ok(Err(reason)),
                Err(e) => Err(e),
            })
            .collect()
    }

    /// Makes the whole import visible at once.
    fn commit(self: Box<Self>) -> StoreResult<()>;
}

/// Rows written table by table into an empty database by `ladder db copy`.
pub trait RestoreSession {
    /// Writes rows of one table, in canonical text form.
    fn put_rows(&mut self, table: &schema::Table, rows: &[schema::TextRow]) -> StoreResult<()>;

    /// Makes everything visible at once (and moves generated-id sequences past the copied ids).
    fn commit(self: Box<Self>) -> StoreResult<()>;
}

/// One all-or-nothing scoring: it reads the facts and writes the scores in one transaction, and only one
/// scoring runs at a time (SQLite's write lock; a PostgreSQL advisory lock), so two runs never record the
/// same change twice. Dropping it without [`ScoreSession::commit`] writes nothing.
pub trait ScoreSession {
    /// Streams the facts as [`Store::scoring_facts`] does, inside this session's transaction, after the
    /// previous scoring has committed.
    fn facts(
        &mut self,
        as_of: NaiveDate,
        currency: &str,
        sink: &mut dyn FnMut(ScoringRow) -> StoreResult<()>,
    ) -> StoreResult<()>;

    /// The facts of one customer, as [`ScoreSession::facts`] gives them: for placing that customer alone
    /// the moment an order arrives.
    fn customer_facts(
        &mut self,
        customer: CustomerId,
        as_of: NaiveDate,
        currency: &str,
    ) -> StoreResult<Option<ScoringRow>>;

    /// Stores a customer's score and appends their rung and state changes to the history.
    fn put(&mut self, score: &ScoreRecord, changes: &[Change]) -> StoreResult<()>;

    /// Makes the whole scoring visible at once.
    fn commit(self: Box<Self>) -> StoreResult<()>;
}
