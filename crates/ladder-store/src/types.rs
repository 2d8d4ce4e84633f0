//! The values that cross the store boundary.

use chrono::{DateTime, NaiveDate, Utc};
use ladder_domain::{
    Channel, Customer, CustomerFacts, CustomerState, Interaction, LifecycleStage, OrderStatus, RfmScore, RfmSegment,
    Role, Rung,
};
use serde::Serialize;

/// The store's own stable id of a customer (the business's id is `Customer::external_id`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct CustomerId(pub i64);

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
    pub rung_reason: String,
    /// State, for customers with orders.
    pub state: Option<CustomerState>,
    /// Why.
    pub state_reason: Option<String>,
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
    /// Why, in words.
    pub reason: String,
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
    /// Rung and state changes, oldest first.
    pub history: Vec<Change>,
}

/// How a customer list is sorted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum CustomerSort {
    /// By the business's id.
    #[default]
    Id,
    /// By name.
    Name,
    /// Highest spend first.
    Spend,
    /// Most recent last order first.
    LastOrder,
    /// Most orders first.
    Orders,
}

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
    /// Sort order.
    pub sort: CustomerSort,
    /// At most this many.
    pub limit: u32,
    /// Skip this many.
    pub offset: u32,
}

/// One line of a customer list.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CustomerSummary {
    /// The business's id.
    pub customer_id: String,
    /// Display name.
    pub name: String,
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

/// A scored dimension to group by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dimension {
    /// The rung.
    Rung,
    /// The state (customers without orders have none).
    State,
    /// The lifecycle stage.
    LifecycleStage,
    /// The RFM segment (customers without orders have none).
    RfmSegment,
}

/// Totals for one value of a dimension.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GroupTotals {
    /// The value (`None` for customers the dimension does not apply to).
    pub key: Option<String>,
    /// Customers.
    pub customers: u64,
    /// Their counted orders.
    pub orders: u64,
    /// Their spend, minor units of the shop currency.
    pub revenue_minor: i64,
}

/// One customer's move, as the history recorded it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MovedCustomer {
    /// The business's id.
    pub customer_id: String,
    /// Display name.
    pub name: String,
    /// Where they were.
    pub from: Option<String>,
    /// Where they went.
    pub to: Option<String>,
    /// When.
    pub at: NaiveDate,
}

/// Moves recorded in the history from one value to another (a rung or a state), and how many.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Move {
    /// Where they were (`None`: not placed before).
    pub from: Option<String>,
    /// Where they went.
    pub to: Option<String>,
    /// How many moves.
    pub count: u64,
}

/// Customers by 12-month value (`clv_minor` of the last scoring), counted between edges.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ClvHistogram {
    /// The highest value of any customer (`None`: nobody has one), so that edges can be chosen from it.
    pub max_minor: Option<i64>,
    /// Customers with a value in `[edges[i], edges[i + 1])`; the last count has no upper edge.
    pub counts: Vec<u64>,
}

/// How many customers reached their first, second and third purchase, and how fast.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct PurchaseMilestones {
    /// Customers with at least one, two and three counted orders.
    pub reached: [u64; 3],
    /// Median days from the first to the second order.
    pub median_days_first_to_second: Option<f64>,
    /// Median days from the second to the third order.
    pub median_days_second_to_third: Option<f64>,
}

/// One customer's order days around a calibration date (UTC day numbers).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CalibrationRow {
    /// First counted order day.
    pub first_day: i64,
    /// Last counted order day by the calibration end.
    pub last_day: i64,
    /// Distinct order days by the calibration end.
    pub calibration_days: u32,
    /// Distinct order days in the holdout period.
    pub holdout_days: u32,
}

/// A buyer's way to the fourth order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PurchasePath {
    /// First counted order.
    pub first: NaiveDate,
    /// Second.
    pub second: Option<NaiveDate>,
    /// Third.
    pub third: Option<NaiveDate>,
    /// Fourth.
    pub fourth: Option<NaiveDate>,
    /// The campaign code of the first order.
    pub first_campaign: Option<String>,
}

/// One cell of the cohort table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CohortCell {
    /// The month of the first order, `YYYY-MM`.
    pub cohort: String,
    /// Months since that month (0 is the month of the first order).
    pub months_since: u32,
    /// Customers of the cohort who bought in that month.
    pub customers: u64,
    /// Their revenue in that month, minor units.
    pub revenue_minor: i64,
}

/// The time windows of the losing-value report, in days.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ValueWindows {
    /// The span that ranks customers by value (18 months).
    pub trailing_days: u32,
    /// Orders needed in that span.
    pub min_orders: u32,
    /// The recent period (180 days).
    pub recent_days: u32,
    /// The period before it (365 days).
    pub before_days: u32,
}

/// A customer's orders and spend in the windows of [`ValueWindows`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ValueWindowRow {
    /// The business's id.
    pub customer_id: String,
    /// Display name.
    pub name: String,
    /// Email.
    pub email: Option<String>,
    /// Phone.
    pub phone: Option<String>,
    /// Orders in the trailing span.
    pub trailing_orders: u32,
    /// Spend in the trailing span, minor units.
    pub trailing_spend_minor: i64,
    /// Orders in the recent period.
    pub recent_orders: u32,
    /// Spend in the recent period, minor units.
    pub recent_spend_minor: i64,
    /// Orders in the period before.
    pub before_orders: u32,
    /// Spend in the period before, minor units.
    pub before_spend_minor: i64,
}

/// A counted order with its categories.
#[derive(Debug, Clone, PartialEq)]
pub struct CategorisedOrder {
    /// The store's customer id.
    pub customer: CustomerId,
    /// The business's customer id.
    pub customer_id: String,
    /// Display name.
    pub name: String,
    /// The business's order id.
    pub order_id: String,
    /// The day it was placed.
    pub day: NaiveDate,
    /// Marked one-off.
    pub one_off: bool,
    /// Its product categories (sorted, distinct; empty when products have none).
    pub categories: Vec<String>,
}

/// A member of the shop's staff who signs in to the web app.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct User {
    /// The store's id.
    pub id: i64,
    /// Email address, lower-cased; unique.
    pub email: String,
    /// Display name.
    pub name: String,
    /// What they may do.
    pub role: Role,
    /// The language of their pages (`en`, `he`, `fa`, `ru`).
    pub language: String,
    /// The password hash (PHC string); never leaves the server.
    #[serde(skip_serializing)]
    pub password_hash: String,
    /// When the account was made.
    pub created_at: DateTime<Utc>,
    /// Disabled accounts cannot sign in, and their sessions and tokens stop working.
    pub disabled: bool,
}

/// A user to create.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewUser {
    /// Email address; stored lower-cased.
    pub email: String,
    /// Display name.
    pub name: String,
    /// Role.
    pub role: Role,
    /// Page language.
    pub language: String,
    /// Password hash (PHC string).
    pub password_hash: String,
}

/// Changes to a user; `None` leaves a field as it is.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UserChanges {
    /// New display name.
    pub name: Option<String>,
    /// New role.
    pub role: Option<Role>,
    /// New page language.
    pub language: Option<String>,
    /// New password hash.
    pub password_hash: Option<String>,
    /// Disable or enable the account.
    pub disabled: Option<bool>,
}

impl UserChanges {
    /// Whether these changes take an enabled owner away (a new role or disabling): the store refuses
    /// that for the last one.
    pub fn removes_owner(&self, user: &User) -> bool {
        let owner = |role: Role, disabled: bool| role == Role::Owner && !disabled;
        owner(user.role, user.disabled)
            && !owner(self.role.unwrap_or(user.role), self.disabled.unwrap_or(user.disabled))
    }
}

/// A signed-in browser. The cookie holds a random token; the store keeps only its hash, so a leaked
/// database does not hand out sessions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WebSession {
    /// Hash of the cookie's token.
    pub token_hash: String,
    /// Whose session.
    pub user_id: i64,
    /// The token forms must echo back.
    pub csrf_token: String,
    /// When it began.
    pub created_at: DateTime<Utc>,
    /// When it stops working.
    pub expires_at: DateTime<Utc>,
}

/// A personal API token; the token itself is shown once and only its hash is stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ApiToken {
    /// The store's id.
    pub id: i64,
    /// Whose token.
    pub user_id: i64,
    /// What the user called it ("shop sync").
    pub name: String,
    /// When it was made.
    pub created_at: DateTime<Utc>,
    /// When it was last used, if ever.
    pub last_used_at: Option<DateTime<Utc>>,
}

/// Something a user did, to be recorded in the audit log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuditEntry {
    /// When.
    pub at: DateTime<Utc>,
    /// Who (none for the system, or a failed sign-in).
    pub user_id: Option<i64>,
    /// What, as a stable name ("user.create", "customer.update").
    pub action: String,
    /// On what ("customer C17", "user 3").
    pub target: String,
    /// Details in words or JSON.
    pub detail: String,
}

/// An audit log entry as read back, with the user's email.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuditRecord {
    /// The store's id; later entries have larger ids.
    pub id: i64,
    /// When.
    pub at: DateTime<Utc>,
    /// Who, while the user exists.
    pub user_id: Option<i64>,
    /// Their email.
    pub user_email: Option<String>,
    /// What.
    pub action: String,
    /// On what.
    pub target: String,
    /// Details.
    pub detail: String,
}

/// A saved customer list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Segment {
    /// The store's id.
    pub id: i64,
    /// Its name; unique without regard to case.
    pub name: String,
    /// The filters, as JSON text; the web layer owns its shape.
    pub definition: String,
    /// Who made it, while that user exists.
    pub created_by: Option<i64>,
    /// When it was made.
    pub created_at: DateTime<Utc>,
    /// When it last changed.
    pub updated_at: DateTime<Utc>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn password_hashes_never_serialize() {
        let user = User {
            id: 1,
            email: "dana@example.co.il".into(),
            name: "דנה".into(),
            role: Role::Owner,
            language: "he".into(),
            password_hash: "$argon2id$secret".into(),
            created_at: DateTime::from_timestamp(0, 0).unwrap_or_default(),
            disabled: false,
        };
        let json = serde_json::to_string(&user).expect("serialize");
        assert!(!json.contains("argon2") && !json.contains("password"), "{json}");
        assert!(json.contains(r#""role":"owner""#), "{json}");
    }

    #[test]
    fn only_an_enabled_owner_losing_the_role_is_a_removal() {
        let owner = User {
            id: 1,
            email: String::new(),
            name: String::new(),
            role: Role::Owner,
            language: String::new(),
            password_hash: String::new(),
            created_at: DateTime::default(),
            disabled: false,
        };
        let change = |role, disabled| UserChanges { role, disabled, ..UserChanges::default() };
        assert!(change(Some(Role::Viewer), None).removes_owner(&owner));
        assert!(change(None, Some(true)).removes_owner(&owner));
        assert!(!change(Some(Role::Owner), Some(false)).removes_owner(&owner));
        assert!(!UserChanges { name: Some("x".into()), ..UserChanges::default() }.removes_owner(&owner));
        let disabled = User { disabled: true, ..owner.clone() };
        assert!(!change(Some(Role::Viewer), None).removes_owner(&disabled), "already not counted");
        let viewer = User { role: Role::Viewer, ..owner };
        assert!(!change(None, Some(true)).removes_owner(&viewer));
    }
}
