//! Customers, their orders and interactions: one customer in full, lists filtered and paged, and the
//! writes of an import, an API call or a form, inside a unit of work.

use crate::schema::PreparedCustomer;
use crate::scoring::{Change, ScoreRecord};
use crate::{StoreError, StoreResult};
use chrono::{DateTime, NaiveDate, Utc};
use ladder_domain::{
    Channel, Customer, CustomerState, Interaction, LifecycleStage, Order, OrderStatus, RfmSegment, Rung,
};
use serde::Serialize;

/// Reading customers.
pub trait CustomerStore {
    /// How many rows each table holds.
    fn counts(&self) -> StoreResult<TableCounts>;

    /// One customer with everything known about them, by the business's id.
    fn customer(&self, external_id: &str) -> StoreResult<Option<CustomerDetail>>;

    /// A page of customers matching a query.
    fn list_customers(&self, query: &CustomerQuery) -> StoreResult<Vec<CustomerSummary>>;

    /// The display names of the customers with these ids (a page that lists customers by id elsewhere
    /// shows their names); an unknown id is left out.
    fn names_of(&self, ids: &[String]) -> StoreResult<std::collections::HashMap<String, String>>;

    /// The ids of the customers whose phone is this number (its E.164, `+972545678901`), in the order
    /// they were added: whom a text message from it comes from.
    fn customers_with_phone(&self, e164: &str) -> StoreResult<Vec<String>>;

    /// Every customer matching a query (its page aside), in its order, handed to `each` one at a time as
    /// the database sends them: an export of a million customers never holds them all. Stops early when
    /// `each` returns false; returns how many were handed over.
    fn each_customer(
        &self,
        query: &CustomerQuery,
        each: &mut dyn FnMut(CustomerSummary) -> StoreResult<bool>,
    ) -> StoreResult<u64>;

    /// How many customers match a query (its sort and page aside), counting no further than `cap`: a
    /// page over millions of customers needs "more than 10,000", not a scan of them all.
    fn count_customers(&self, query: &CustomerQuery, cap: u64) -> StoreResult<u64>;
}

/// Writing customers, orders and interactions, inside a unit of work ([`crate::Tx`]).
pub trait CustomerTx {
    /// Whether a customer with this external id exists (in the database or earlier in this unit of work).
    fn customer_known(&mut self, external_id: &str) -> StoreResult<bool>;

    /// One customer in full as this unit of work sees it (its own writes included).
    fn customer(&mut self, external_id: &str) -> StoreResult<Option<CustomerDetail>>;

    /// Inserts or updates a customer by external id; consents without their own date and source get
    /// `evidence`'s. `absent` says what a field the customer does not give (`None`, no tags) does to
    /// the stored one.
    fn put_customer(&mut self, customer: &Customer, evidence: &Evidence, absent: Absent) -> StoreResult<WriteOutcome>;

    /// Inserts or updates an order and its lines by external id; one outcome per line, in order.
    /// The order's customer must exist; an order never moves to another customer.
    fn put_order(&mut self, order: &Order) -> StoreResult<Vec<WriteOutcome>>;

    /// Records an interaction unless the same one (customer, time, kind, note) is already recorded.
    fn put_interaction(&mut self, interaction: &Interaction) -> StoreResult<WriteOutcome>;

    /// Inserts or updates many customers at once (an import), as [`CustomerTx::put_customer`] does one by
    /// one keeping what they do not give, with their phones' forms read before; a backend may write them
    /// set-based (PostgreSQL's `COPY`).
    fn put_customers(&mut self, customers: &[PreparedCustomer], evidence: &Evidence) -> StoreResult<Vec<WriteOutcome>>;

    /// Records many interactions at once, as [`CustomerTx::put_interaction`] does one by one.
    fn put_interactions(&mut self, interactions: &[Interaction]) -> StoreResult<Vec<WriteOutcome>> {
        interactions.iter().map(|i| self.put_interaction(i)).collect()
    }

    /// Inserts or updates many orders at once, as [`CustomerTx::put_order`] does one by one. An order
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

    /// Deletes every customer with their orders, interactions, scores and history, and the products
    /// (the demo rebuilds its shop). Users, sessions, tokens, the audit log, segments, campaigns and jobs
    /// stay.
    fn clear_customers(&mut self) -> StoreResult<()>;
}

/// When and where consents that carry no date and source of their own were given: the evidence an
/// import, a form or an API call records with them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Evidence {
    /// When.
    pub at: DateTime<Utc>,
    /// Where ("import:customers.csv", "web:dana@example.com", "api:shop-sync").
    pub source: String,
}

/// The store's own stable id of a customer (the business's id is `Customer::external_id`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct CustomerId(pub i64);

/// How many of the customers someone brought their page lists.
pub const REFERRALS_SHOWN: u32 = 50;

/// What a field a written customer does not give does to the stored customer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Absent {
    /// It stays as stored: an import of some columns, or an API call with some fields, changes those
    /// only (an empty cell is "not given").
    Keep,
    /// It is cleared: the profile form shows every field, so an emptied one means "remove it".
    Clear,
}

/// What a write did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WriteOutcome {
    /// A new row.
    Inserted,
    /// An existing row changed.
    Updated,
    /// The row was already exactly so.
    Unchanged,
}

/// What writing an order did to each of its lines, the same in every backend: a position the stored
/// order did not have is inserted; the others are updated when anything about the order changed (its
/// header, a line, lines dropped) and unchanged when nothing did. So the lines' outcomes say the
/// order's too: all inserted only for a new order.
pub fn order_line_outcomes(stored_lines: usize, lines: usize, order_changed: bool) -> Vec<WriteOutcome> {
    (0..lines)
        .map(|n| match (n < stored_lines, order_changed) {
            (false, _) => WriteOutcome::Inserted,
            (true, true) => WriteOutcome::Updated,
            (true, false) => WriteOutcome::Unchanged,
        })
        .collect()
}

/// Rows per table.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct TableCounts {
    /// Customers and contacts.
    pub customers: u64,
    /// Products.
    pub products: u64,
    /// Orders.
    pub orders: u64,
    /// Order lines.
    pub order_lines: u64,
    /// Interactions.
    pub interactions: u64,
    /// Stored scores.
    pub scores: u64,
    /// History entries.
    pub history: u64,
}

/// An order as stored, for display.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OrderView {
    /// The business's order id.
    pub order_id: String,
    /// When.
    pub ordered_at: DateTime<Utc>,
    /// Completed, cancelled or refunded.
    pub status: OrderStatus,
    /// Currency code.
    pub currency: String,
    /// Total in minor units.
    pub total_minor: i64,
    /// Marked as a one-off purchase.
    pub one_off: bool,
    /// Campaign or coupon code.
    pub campaign_code: Option<String>,
    /// Its lines.
    pub lines: Vec<OrderLineView>,
}

/// An order line as stored.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OrderLineView {
    /// SKU.
    pub sku: String,
    /// Product name.
    pub product_name: Option<String>,
    /// Category.
    pub category: Option<String>,
    /// Quantity.
    pub quantity: i64,
    /// Unit price, minor units.
    pub unit_price_minor: i64,
}

/// Everything about one customer.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CustomerDetail {
    /// The store's id.
    #[serde(skip)]
    pub id: CustomerId,
    /// The profile, consents, tags and attributes.
    pub profile: Customer,
    /// The last score, if scored.
    pub score: Option<ScoreRecord>,
    /// Orders, newest first.
    pub orders: Vec<OrderView>,
    /// Interactions, newest first.
    pub interactions: Vec<Interaction>,
    /// The customers this one brought (referred), the first [`REFERRALS_SHOWN`] in the order they came:
    /// (id, display name).
    pub referrals: Vec<(String, String)>,
    /// Rung and state changes, oldest first.
    pub history: Vec<Change>,
    /// Every grant, withdrawal and confirmation of consent, oldest first.
    pub consent_ledger: Vec<ladder_domain::consent::ConsentEvent>,
}

/// How a customer list is sorted: the segment rule's sort.
pub use ladder_domain::segment::Sort as CustomerSort;

/// Filters and paging of a customer list. Empty filters match everyone.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CustomerQuery {
    /// Text in the name, company, email, phone or id (case-insensitive).
    pub search: Option<String>,
    /// Only this rung.
    pub rung: Option<Rung>,
    /// Only this state.
    pub state: Option<CustomerState>,
    /// Only this RFM segment.
    pub segment: Option<RfmSegment>,
    /// Only this country code.
    pub country: Option<String>,
    /// Only customers with this tag.
    pub tag: Option<String>,
    /// Only customers whose latest answer for this channel is a yes.
    pub consent: Option<Channel>,
    /// Only customers whose lifetime value (from the last scoring) is at least this, minor units.
    pub min_clv_minor: Option<i64>,
    /// Only customers whose lifetime value is at most this, minor units.
    pub max_clv_minor: Option<i64>,
    /// Only customers with at least this many counted orders (at the last scoring).
    pub min_orders: Option<u32>,
    /// Only customers with at most this many counted orders (at the last scoring; unscored count 0).
    pub max_orders: Option<u32>,
    /// Only customers who bought this product (its SKU) or from this category, in a completed order.
    pub product: Option<String>,
    /// Leave out event buyers (every counted order one-off, at the last scoring).
    pub no_event_buyers: bool,
    /// Only these customers (a playbook step's thousand at a time; empty: no such filter).
    pub ids: Vec<CustomerId>,
    /// Sort order.
    pub sort: CustomerSort,
    /// At most this many.
    pub limit: u32,
    /// Skip this many.
    pub offset: u32,
}

impl CustomerQuery {
    /// Whether a filter reads the customers' own columns (the search, the country): a count must visit them.
    pub fn reads_customer_columns(&self) -> bool {
        self.search.is_some() || self.country.is_some()
    }

    /// Whether a filter on the scores is set that no unscored customer passes: a count may then start
    /// from the scores' indexes.
    pub fn needs_a_score(&self) -> bool {
        self.rung.is_some()
            || self.min_orders.is_some_and(|n| n > 0)
            || self.state.is_some()
            || self.segment.is_some()
            || self.min_clv_minor.is_some()
            || self.max_clv_minor.is_some()
    }
}

/// One line of a customer list.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CustomerSummary {
    /// The business's id.
    pub customer_id: String,
    /// Display name.
    pub name: String,
    /// First name.
    pub first_name: Option<String>,
    /// Last name.
    pub last_name: Option<String>,
    /// Company.
    pub company: Option<String>,
    /// Email.
    pub email: Option<String>,
    /// Phone.
    pub phone: Option<String>,
    /// Country.
    pub country: Option<String>,
    /// Rung, if scored.
    pub rung: Option<Rung>,
    /// State, if scored and a buyer.
    pub state: Option<CustomerState>,
    /// RFM segment, if scored and a buyer.
    pub rfm_segment: Option<RfmSegment>,
    /// Counted orders at the last scoring.
    pub orders: u32,
    /// Spend at the last scoring, minor units.
    pub spend_minor: i64,
    /// Last counted order.
    pub last_order: Option<NaiveDate>,
    /// Lifecycle stage, if scored.
    pub lifecycle_stage: Option<LifecycleStage>,
    /// Discounted value over the next 12 months, minor units, when the value model gave one.
    pub clv_minor: Option<i64>,
    /// Probability that the customer is still a customer, when the model gave one.
    pub p_alive: Option<f64>,
}

/// A consent as both backends store it, its defaults filled from the write's [`Evidence`]: the current
/// answer's row in `consents` and the entry appended to the ledger (`consent_events`) are both made of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredConsent {
    /// The channel's name.
    pub channel: &'static str,
    /// The purpose's name.
    pub purpose: &'static str,
    /// Whether contact is allowed.
    pub granted: bool,
    /// Unix seconds: the consent's own time, else the write's.
    pub at: i64,
    /// The consent's own source, else the write's.
    pub source: String,
    /// The method's name, as recorded or as the source implies.
    pub method: &'static str,
    /// The basis's name; none for a withdrawal.
    pub basis: Option<&'static str>,
    /// The evidence, when given.
    pub evidence: Option<String>,
}

impl StoredConsent {
    /// `consent` as written with `evidence`.
    pub fn of(consent: &ladder_domain::Consent, evidence: &Evidence) -> Self {
        let source = consent.source.clone().unwrap_or_else(|| evidence.source.clone());
        Self {
            channel: consent.channel.as_str(),
            purpose: consent.purpose.as_str(),
            granted: consent.granted,
            at: consent.at.unwrap_or(evidence.at).timestamp(),
            method: consent.method_or(&source).as_str(),
            basis: consent.basis_or(&source).map(|b| b.as_str()),
            evidence: consent.evidence.clone(),
            source,
        }
    }

    /// The ledger's name for what this answer records.
    pub fn action(&self) -> &'static str {
        if self.granted { "grant" } else { "withdraw" }
    }
}

/// A ledger entry read back from its stored names; `None` for names this build does not know.
#[allow(clippy::too_many_arguments)]
pub fn read_consent_event(
    channel: &str,
    purpose: &str,
    action: &str,
    at: i64,
    method: &str,
    basis: Option<&str>,
    source: String,
    evidence: Option<String>,
) -> Option<ladder_domain::consent::ConsentEvent> {
    use ladder_domain::consent::{ConsentAction, ConsentMethod, LegalBasis, Purpose};
    Some(ladder_domain::consent::ConsentEvent {
        channel: Channel::parse(channel)?,
        purpose: Purpose::parse(purpose)?,
        action: ConsentAction::parse(action)?,
        at: DateTime::<Utc>::from_timestamp(at, 0)?,
        method: ConsentMethod::parse(method)?,
        basis: basis.and_then(LegalBasis::parse),
        source,
        evidence,
    })
}
