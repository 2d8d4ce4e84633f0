//! Reports and analytics: totals by a scored dimension, the road to the third purchase, moves on the
//! ladder, value buckets, and the order histories the analytics read — each one set-based query.

use crate::StoreResult;
use crate::customers::CustomerId;
use chrono::NaiveDate;
use serde::Serialize;

/// Reading the figures of reports.
pub trait ReportStore {
    /// Customers, orders and revenue per value of one scored dimension.
    fn summary_by(&self, dimension: Dimension) -> StoreResult<Vec<GroupTotals>>;

    /// How far customers got towards their third purchase, from the last scoring.
    fn purchase_milestones(&self) -> StoreResult<PurchaseMilestones>;

    /// The moves of one kind (rung or state) recorded on or after `since`, by from and to, most first.
    fn moves_since(&self, kind: crate::ChangeKind, since: NaiveDate) -> StoreResult<Vec<Move>>;

    /// Who moved (rung or state) on or after `since`, newest first, at most `limit`.
    fn moved_customers(&self, kind: crate::ChangeKind, since: NaiveDate, limit: u32)
    -> StoreResult<Vec<MovedCustomer>>;

    /// Customers by 12-month value between ascending `edges` (minor units), with the highest value, in
    /// one pass over the scores: a chart over millions of customers cannot page through them.
    fn clv_histogram(&self, edges: &[i64]) -> StoreResult<ClvHistogram>;

    /// The day of the last counted order, if any.
    fn last_order_day(&self) -> StoreResult<Option<NaiveDate>>;

    /// Completed orders in each period (`from` to `to`, both days included): how many, revenue in
    /// `currency`, buyers, and buyers who had ordered before the period (the repeat rate's numerator).
    /// One range read of the orders per period.
    fn period_totals(&self, periods: &[(NaiveDate, NaiveDate)], currency: &str) -> StoreResult<Vec<PeriodTotals>>;

    /// For the holdout check of the purchase model: every customer whose first counted order is by the
    /// end of `calibration_end`, with their order days up to it and their order days after it up to the
    /// end of `holdout_end`.
    fn calibration_rows(&self, calibration_end: NaiveDate, holdout_end: NaiveDate) -> StoreResult<Vec<CalibrationRow>>;

    /// Every scored buyer's 1st to 4th order days and the campaign code of their first order.
    fn purchase_paths(&self) -> StoreResult<Vec<PurchasePath>>;

    /// Per monthly acquisition cohort and month since the first order: customers who bought and their
    /// revenue, from counted orders by the end of `as_of`, with months of `calendar` (a Persian reader's
    /// cohorts are Jalali months).
    fn cohort_activity(
        &self,
        as_of: NaiveDate,
        currency: &str,
        calendar: ladder_domain::date::Calendar,
    ) -> StoreResult<Vec<CohortCell>>;

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

    /// The products with a category that customers bought in completed orders that were not one-off
    /// occasions, most buyers first, at most `limit`: who bought each, who bought it twice or more, and
    /// its average unit price.
    fn best_sellers(&self, limit: u32) -> StoreResult<Vec<ladder_domain::recommend::BestSeller>>;
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

/// The first second of every month of `calendar` from 1970 to the month after `as_of`, in order: the
/// thresholds that put an order's time in its month (PostgreSQL's `width_bucket`), and the index of the
/// first of them.
pub fn month_starts(calendar: ladder_domain::date::Calendar, as_of: NaiveDate) -> (i32, Vec<i64>) {
    let epoch = NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or_default();
    let first = calendar.month_index(epoch);
    let last = calendar.month_index(as_of) + 1;
    let seconds = |d: NaiveDate| ladder_domain::date::date_day_number(d) * ladder_domain::date::SECONDS_PER_DAY;
    (first, (first..=last).filter_map(|i| calendar.month_start(i)).map(seconds).collect())
}

/// One cell of the cohort table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CohortCell {
    /// The month of the first order, `YYYY-MM` in the calendar asked for (a Jalali year is before 1900).
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

/// What a period's completed orders add up to.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct PeriodTotals {
    /// Completed orders placed in the period.
    pub orders: u64,
    /// Their revenue in the shop's currency, minor units.
    pub revenue_minor: i64,
    /// Customers who ordered in the period.
    pub buyers: u64,
    /// Of them, those who had a completed order before the period.
    pub returning_buyers: u64,
}
