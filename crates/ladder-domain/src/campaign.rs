//! Campaigns, the orders and customers attributed to them, and their figures.
//!
//! Actuals are always computed from orders and cost entries, never typed in. The attribution rules:
//!
//! - **Codes** are compared trimmed and case-insensitively; an empty code matches nothing.
//! - **Window**: an order's day is in the campaign's window when it is on or after `starts` and on or before
//!   `ends + window_days`. A campaign without an end has an open window.
//! - **Attributed order**: an order whose code matches one of the campaign's codes and whose day is in the
//!   window. Only completed orders are *sales* and add to *revenue*; refunded and cancelled orders that carry
//!   the code are listed as excluded with their reason, and so are code-carrying orders outside the window.
//! - **Responder**: a customer with an attributed order of any status (a refunded order was still a response),
//!   or with an interaction (sign-up, click, visit, …) that carried the code in the window.
//! - **Acquired**: each customer is acquired by at most one code, by whichever came first: their first
//!   sign-up that carried a code, or their first completed order (earliest day, then smallest order id; a
//!   sign-up wins a tie). That event acquired them for the campaign whose code it carried, when its day is in
//!   that campaign's window. Later orders with another campaign's code are sales of that campaign but do not
//!   acquire the customer.
//! - **Quality**: an acquired customer reached the 2nd (3rd) purchase when they have at least two (three)
//!   completed orders in total, with any code or none. The store passes the orders up to the day it reports.
//!   Their *12-month revenue* is the total of their completed orders from the day they were acquired through
//!   the 364 days after it (so far, for those acquired less than a year ago); their rung and predicted CLV
//!   are those of the last scoring.
//! - **ROI** is (revenue − cost) / cost, undefined when the recorded cost is zero or negative.
//!   **Cost per acquisition** is cost / acquired customers, rounded to the nearest minor unit (halves away from
//!   zero); undefined without acquisitions, and 0 when there were acquisitions but no cost.

use crate::customer::{Channel, InteractionKind, string_enum};
use crate::ladder::Rung;
use crate::order::OrderStatus;
use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};
use std::cmp::Ordering;
use std::collections::BTreeSet;

string_enum! {
    /// How a campaign reaches people.
    CampaignKind {
        Advertisement = "advertisement" | "ad" | "advert",
        Email = "email",
        Sms = "sms",
        DirectMail = "direct_mail",
        Social = "social",
        Referral = "referral_programme" | "referral_program" | "referral",
        Event = "event",
        Other = "other",
    }
}

string_enum! {
    /// Where a campaign stands.
    CampaignStatus { Planning = "planning", Active = "active", Completed = "completed", Cancelled = "cancelled" | "canceled" }
}

/// What a campaign was expected to achieve, to set beside its actuals.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Expectations {
    /// The planned spend, in minor units.
    pub budget_minor: Option<i64>,
    /// The revenue it should bring, in minor units.
    pub expected_revenue_minor: Option<i64>,
    /// How many customers should respond.
    pub expected_responses: Option<u64>,
    /// How many sales it should bring.
    pub expected_sales: Option<u64>,
}

impl Expectations {
    /// (expected revenue − budget) / budget; `None` without both, or when the budget is not positive.
    pub fn expected_roi(&self) -> Option<f64> {
        let budget = self.budget_minor.filter(|b| *b > 0)?;
        let revenue = self.expected_revenue_minor?;
        Some((i128::from(revenue) - i128::from(budget)) as f64 / budget as f64)
    }
}

/// A marketing campaign and the codes that attribute orders to it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Campaign {
    /// A stable id.
    pub id: String,
    /// The name people know it by.
    pub name: String,
    /// Advertisement, email, SMS and so on.
    pub kind: CampaignKind,
    /// The contact channel it used, when it used one.
    pub channel: Option<Channel>,
    /// Planning, active, completed or cancelled.
    pub status: CampaignStatus,
    /// The first day orders can count.
    pub starts: NaiveDate,
    /// The last day of the campaign itself; `None` while it runs open-ended.
    pub ends: Option<NaiveDate>,
    /// Coupon or UTM codes; matched trimmed and case-insensitively.
    pub codes: Vec<String>,
    /// Days after `ends` during which orders still count.
    pub window_days: u32,
    /// The audience it aimed at.
    pub target_segment: Option<String>,
    /// How many people that audience held.
    pub target_size: Option<u64>,
    /// Free text.
    pub notes: Option<String>,
    /// Budget and expected results.
    pub expectations: Expectations,
}

impl Campaign {
    /// Whether `code` is one of the campaign's codes.
    pub fn matches(&self, code: &str) -> bool {
        let code = normalize_code(code);
        !code.is_empty() && self.codes.iter().any(|c| normalize_code(c) == code)
    }

    /// The last day orders count, or `None` for an open window (also when the date would overflow).
    pub fn window_end(&self) -> Option<NaiveDate> {
        self.ends?.checked_add_days(Days::new(u64::from(self.window_days)))
    }

    /// Whether an order on `day` falls in the attribution window.
    pub fn in_window(&self, day: NaiveDate) -> bool {
        day >= self.starts && self.window_end().is_none_or(|end| day <= end)
    }

    fn matches_opt(&self, code: Option<&str>) -> bool {
        code.is_some_and(|c| self.matches(c))
    }
}

/// Trimmed and lowercased, so that codes typed differently still match.
pub fn normalize_code(code: &str) -> String {
    code.trim().to_lowercase()
}

/// One dated spend on a campaign; their sum is the actual cost.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct CostEntry {
    /// When it was spent.
    pub on: NaiveDate,
    /// How much, in minor units; negative for a credit or correction.
    pub amount_minor: i64,
    /// What it was for.
    pub note: Option<String>,
}

/// One order as attribution needs it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderRecord {
    /// The business's own order id.
    pub external_id: String,
    /// The day it was placed.
    pub on: NaiveDate,
    /// Completed, cancelled or refunded.
    pub status: OrderStatus,
    /// Its total in minor units.
    pub total_minor: i64,
    /// The campaign or coupon code it carried.
    pub code: Option<String>,
}

/// An interaction that carried a campaign code: a sign-up, a click, a visit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CodedTouch {
    /// The day it happened.
    pub on: NaiveDate,
    /// What kind of interaction.
    pub kind: InteractionKind,
    /// The code it carried.
    pub code: String,
}

/// A customer's orders, coded interactions and current placement, as the store hands them over.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomerHistory {
    /// The customer's external id.
    pub customer_id: String,
    /// Their interactions that carried a code, in any order.
    pub touches: Vec<CodedTouch>,
    /// Every order of theirs, in any order.
    pub orders: Vec<OrderRecord>,
    /// Their rung at the last scoring, if they were scored.
    pub rung: Option<Rung>,
    /// Their predicted 12-month value at the last scoring, in minor units, if the model gave one.
    pub clv_minor: Option<i64>,
}

impl CustomerHistory {
    /// The first sign-up that carried a code (earliest day, then smallest code).
    fn first_coded_signup(&self) -> Option<&CodedTouch> {
        self.touches
            .iter()
            .filter(|t| t.kind == InteractionKind::SignUp && !normalize_code(&t.code).is_empty())
            .min_by(|a, b| (a.on, &a.code).cmp(&(b.on, &b.code)))
    }
}

/// An order that counted as a sale of the campaign.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AttributedOrder {
    /// Whose order.
    pub customer_id: String,
    /// The order id.
    pub order_id: String,
    /// The day it was placed.
    pub on: NaiveDate,
    /// Its total in minor units.
    pub total_minor: i64,
}

/// Why an order carrying the code did not count as a sale.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Exclusion {
    /// Placed before the start or after the window closed.
    OutsideWindow,
    /// Refunded: neither a sale nor revenue.
    Refunded,
    /// Cancelled: neither a sale nor revenue.
    Cancelled,
}

/// An order carrying the code that was left out, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ExcludedOrder {
    /// The order as it would have counted.
    pub order: AttributedOrder,
    /// Why it did not.
    pub reason: Exclusion,
}

/// How the campaign acquired a customer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AcquiredBy {
    /// They signed up with the code.
    SignUp,
    /// Their first completed order carried the code, in the window.
    FirstOrder {
        /// That order's id.
        order_id: String,
    },
}

/// A customer the campaign brought, and how far they have come since.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AcquiredCustomer {
    /// The customer's external id.
    pub customer_id: String,
    /// Sign-up or first order.
    pub by: AcquiredBy,
    /// The day of that sign-up or order.
    pub acquired_on: NaiveDate,
    /// Their completed orders in total, with any code.
    pub completed_orders: u64,
    /// Their completed orders' totals from `acquired_on` through the 364 days after it.
    pub revenue_12m_minor: i64,
    /// Their rung at the last scoring.
    pub rung: Option<Rung>,
    /// Their predicted 12-month value at the last scoring.
    pub clv_minor: Option<i64>,
}

/// What the attribution rules counted for one campaign, with the orders and customers behind each number.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Attribution {
    /// The campaign's id.
    pub campaign_id: String,
    /// Completed orders in the window: the sales.
    pub sales: Vec<AttributedOrder>,
    /// Orders carrying the code that are not sales, with the reason.
    pub excluded: Vec<ExcludedOrder>,
    /// Customers who ordered or interacted with the code in the window, sorted.
    pub responders: Vec<String>,
    /// Customers the campaign acquired.
    pub acquired: Vec<AcquiredCustomer>,
    /// Quiet customers it brought back (a win-back campaign's result beside the acquired).
    pub reactivated: Vec<ReactivatedCustomer>,
    /// The sum of the sales' totals.
    pub revenue_minor: i64,
}

impl Attribution {
    /// Acquired customers with at least `n` completed orders.
    pub fn acquired_reaching(&self, n: u64) -> u64 {
        self.acquired.iter().filter(|a| a.completed_orders >= n).count() as u64
    }
}

/// A sum that does not fit in 64-bit minor units.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum CampaignError {
    /// The attributed revenue overflowed.
    #[error("the attributed revenue is too large")]
    RevenueOverflow,
    /// The sum of the cost entries overflowed.
    #[error("the sum of the costs is too large")]
    CostOverflow,
}

/// How and when `campaign` acquired the customer, if it did: by the earlier of their first coded sign-up
/// and their first completed order (the sign-up on a tie).
fn acquisition(campaign: &Campaign, customer: &CustomerHistory) -> Option<(AcquiredBy, NaiveDate)> {
    let signup = customer.first_coded_signup();
    let first_order = first_completed(&customer.orders);
    let (code, on, by) = match (signup, first_order) {
        (Some(s), Some(o)) if o.on < s.on => (o.code.as_deref(), o.on, first_order_by(o)),
        (Some(s), _) => (Some(s.code.as_str()), s.on, AcquiredBy::SignUp),
        (None, Some(o)) => (o.code.as_deref(), o.on, first_order_by(o)),
        (None, None) => return None,
    };
    (campaign.matches_opt(code) && campaign.in_window(on)).then_some((by, on))
}

fn first_order_by(order: &OrderRecord) -> AcquiredBy {
    AcquiredBy::FirstOrder { order_id: order.external_id.clone() }
}

/// The completed orders' totals from `from` through the 364 days after it.
fn first_year_revenue(orders: &[OrderRecord], from: NaiveDate) -> Result<i64, CampaignError> {
    let until = from.checked_add_days(Days::new(364)).unwrap_or(NaiveDate::MAX);
    let totals = orders.iter().filter(|o| o.status.counts() && o.on >= from && o.on <= until).map(|o| o.total_minor);
    checked_sum(totals).ok_or(CampaignError::RevenueOverflow)
}

/// The sum of amounts in minor units, `None` when it does not fit.
fn checked_sum(amounts: impl IntoIterator<Item = i64>) -> Option<i64> {
    amounts.into_iter().try_fold(0i64, i64::checked_add)
}

fn first_completed(orders: &[OrderRecord]) -> Option<&OrderRecord> {
    orders
        .iter()
        .filter(|o| o.status.counts())
        .min_by(|a, b| a.on.cmp(&b.on).then_with(|| a.external_id.cmp(&b.external_id)))
}

/// Applies the module's attribution rules for `campaign` to every customer's history.
pub fn attribute(campaign: &Campaign, customers: &[CustomerHistory]) -> Result<Attribution, CampaignError> {
    let mut sales = Vec::new();
    let mut excluded = Vec::new();
    let mut responders = BTreeSet::new();
    let mut acquired = Vec::new();
    let mut reactivated = Vec::new();
    let mut revenue_minor = 0i64;

    for customer in customers {
        if customer.touches.iter().any(|t| campaign.matches(&t.code) && campaign.in_window(t.on)) {
            responders.insert(customer.customer_id.clone());
        }
        for order in customer.orders.iter().filter(|o| campaign.matches_opt(o.code.as_deref())) {
            let record = AttributedOrder {
                customer_id: customer.customer_id.clone(),
                order_id: order.external_id.clone(),
                on: order.on,
                total_minor: order.total_minor,
            };
            if !campaign.in_window(order.on) {
                excluded.push(ExcludedOrder { order: record, reason: Exclusion::OutsideWindow });
                continue;
            }
            responders.insert(customer.customer_id.clone());
            match order.status {
                OrderStatus::Completed => {
                    revenue_minor =
                        revenue_minor.checked_add(order.total_minor).ok_or(CampaignError::RevenueOverflow)?;
                    sales.push(record);
                }
                OrderStatus::Refunded => excluded.push(ExcludedOrder { order: record, reason: Exclusion::Refunded }),
                OrderStatus::Cancelled => excluded.push(ExcludedOrder { order: record, reason: Exclusion::Cancelled }),
            }
        }
        if let Some((by, acquired_on)) = acquisition(campaign, customer) {
            acquired.push(AcquiredCustomer {
                customer_id: customer.customer_id.clone(),
                by,
                acquired_on,
                completed_orders: customer.orders.iter().filter(|o| o.status.counts()).count() as u64,
                revenue_12m_minor: first_year_revenue(&customer.orders, acquired_on)?,
                rung: customer.rung,
                clv_minor: customer.clv_minor,
            });
        }
        reactivated.extend(reactivation(campaign, customer));
    }

    Ok(Attribution {
        campaign_id: campaign.id.clone(),
        sales,
        excluded,
        responders: responders.into_iter().collect(),
        acquired,
        reactivated,
        revenue_minor,
    })
}

/// Why a return on investment cannot be given.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RoiUndefined {
    /// The cost entries sum to zero (or there are none): dividing by it means nothing.
    NoCostRecorded,
    /// Credits outweigh the spend, so the ratio would flip sign.
    NegativeCost,
}

/// (revenue − cost) / cost, or why there is none.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Roi {
    /// The ratio; 0.5 means half the cost came back on top of it.
    Ratio(f64),
    /// It cannot be computed.
    Undefined(RoiUndefined),
}

impl Roi {
    /// (revenue − cost) / cost for a positive cost.
    pub fn of(revenue_minor: i64, cost_minor: i64) -> Roi {
        match cost_minor.cmp(&0) {
            Ordering::Equal => Roi::Undefined(RoiUndefined::NoCostRecorded),
            Ordering::Less => Roi::Undefined(RoiUndefined::NegativeCost),
            Ordering::Greater => {
                Roi::Ratio((i128::from(revenue_minor) - i128::from(cost_minor)) as f64 / cost_minor as f64)
            }
        }
    }

    /// The ratio, when defined.
    pub fn value(self) -> Option<f64> {
        match self {
            Roi::Ratio(r) => Some(r),
            Roi::Undefined(_) => None,
        }
    }
}

/// An expectation beside what happened.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Versus<T> {
    /// What was planned, if anything was.
    pub expected: Option<T>,
    /// What the orders and costs say.
    pub actual: T,
}

/// A customer a campaign brought back: a completed order with its code, in the window, after they had gone
/// quiet (see [`went_quiet`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReactivatedCustomer {
    /// The customer's external id.
    pub customer_id: String,
    /// The order that brought them back.
    pub order_id: String,
    /// Its day.
    pub on: NaiveDate,
    /// Days since their previous counted order.
    pub days_quiet: i64,
}

/// The fewest days without an order after which a returning customer counts as brought back.
pub const QUIET_DAYS_MIN: i64 = 60;

/// The usual gap assumed for a customer with one earlier order.
pub const USUAL_GAP_ONE_ORDER: i64 = 45;

/// Whether a customer whose counted orders before `on` fell on `earlier` (oldest first) had gone quiet by
/// `on`: at risk or worse by the recency rule — more than twice their usual gap between orders (their
/// median gap; [`USUAL_GAP_ONE_ORDER`] after one order) and at least [`QUIET_DAYS_MIN`] days since the
/// last. Returns the days since the last order when they had.
pub fn went_quiet(earlier: &[NaiveDate], on: NaiveDate) -> Option<i64> {
    let last = *earlier.last()?;
    let quiet = (on - last).num_days();
    let mut gaps: Vec<i64> = earlier.windows(2).map(|w| (w[1] - w[0]).num_days()).collect();
    gaps.sort_unstable();
    let usual = if gaps.is_empty() { USUAL_GAP_ONE_ORDER } else { gaps[gaps.len() / 2] };
    (quiet >= QUIET_DAYS_MIN && quiet > 2 * usual).then_some(quiet)
}

/// The first completed order with the campaign's code, in its window, that brought a quiet customer back.
fn reactivation(campaign: &Campaign, customer: &CustomerHistory) -> Option<ReactivatedCustomer> {
    let mut counted: Vec<&OrderRecord> = customer.orders.iter().filter(|o| o.status.counts()).collect();
    counted.sort_by(|a, b| (a.on, &a.external_id).cmp(&(b.on, &b.external_id)));
    counted.iter().enumerate().find_map(|(i, order)| {
        let coded = order.status == OrderStatus::Completed
            && campaign.matches_opt(order.code.as_deref())
            && campaign.in_window(order.on);
        if !coded || i == 0 {
            return None;
        }
        let earlier: Vec<NaiveDate> = counted[..i].iter().map(|o| o.on).collect();
        went_quiet(&earlier, order.on).map(|days_quiet| ReactivatedCustomer {
            customer_id: customer.customer_id.clone(),
            order_id: order.external_id.clone(),
            on: order.on,
            days_quiet,
        })
    })
}

/// A campaign's reported numbers, all computed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Figures {
    /// The sum of the cost entries, beside the budget.
    pub cost_minor: Versus<i64>,
    /// Attributed revenue, beside the expected revenue.
    pub revenue_minor: Versus<i64>,
    /// Responding customers, beside the expected responses.
    pub responses: Versus<u64>,
    /// Sales, beside the expected sales.
    pub sales: Versus<u64>,
    /// The actual return on investment.
    pub roi: Roi,
    /// The return the expectations imply.
    pub expected_roi: Option<f64>,
    /// How many customers the campaign acquired.
    pub customers_acquired: u64,
    /// How many quiet customers it brought back.
    pub customers_reactivated: u64,
    /// Cost per acquired customer; `None` without acquisitions.
    pub cost_per_acquisition_minor: Option<i64>,
    /// Share of acquired customers with a 2nd completed order; `None` without acquisitions.
    pub second_purchase_share: Option<f64>,
    /// Share of acquired customers with a 3rd completed order; `None` without acquisitions.
    pub third_purchase_share: Option<f64>,
    /// How many of the acquired stand on each rung at the last scoring, lowest rung first, every rung.
    pub acquired_rungs: Vec<RungCount>,
    /// Acquired customers the last scoring has not placed yet.
    pub acquired_unscored: u64,
    /// The acquired customers' 12-month revenue, summed.
    pub acquired_revenue_12m_minor: i64,
    /// 12-month revenue per acquired customer; `None` without acquisitions.
    pub revenue_12m_per_acquisition_minor: Option<i64>,
    /// Predicted 12-month value of the acquired, summed over those with a prediction; `None` without any.
    pub acquired_clv_minor: Option<i64>,
    /// Predicted value per acquired customer with a prediction.
    pub clv_per_acquisition_minor: Option<i64>,
}

/// How many customers stand on one rung.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct RungCount {
    /// The rung.
    pub rung: Rung,
    /// How many customers.
    pub customers: u64,
}

/// The sum of the cost entries, or an error on overflow.
pub fn total_cost(costs: &[CostEntry]) -> Result<i64, CampaignError> {
    checked_sum(costs.iter().map(|c| c.amount_minor)).ok_or(CampaignError::CostOverflow)
}

/// Rounds `num / den` (den > 0) to the nearest integer, halves away from zero.
fn div_round(num: i64, den: u64) -> i64 {
    let (num, den) = (i128::from(num), i128::from(den));
    let q = (2 * num.abs() + den) / (2 * den);
    // |num| / den ≤ |num|, so the quotient always fits back into i64.
    (if num < 0 { -q } else { q }) as i64
}

impl Figures {
    /// The campaign's figures from its attribution and its cost entries.
    pub fn compute(
        campaign: &Campaign,
        attribution: &Attribution,
        costs: &[CostEntry],
    ) -> Result<Figures, CampaignError> {
        let cost = total_cost(costs)?;
        let expected = &campaign.expectations;
        let acquired = attribution.acquired.len() as u64;
        let share = |n: u64| (acquired > 0).then(|| attribution.acquired_reaching(n) as f64 / acquired as f64);
        let acquired_rungs = Rung::ALL
            .iter()
            .map(|&rung| RungCount {
                rung,
                customers: attribution.acquired.iter().filter(|a| a.rung == Some(rung)).count() as u64,
            })
            .collect();
        let revenue_12m = checked_sum(attribution.acquired.iter().map(|a| a.revenue_12m_minor))
            .ok_or(CampaignError::RevenueOverflow)?;
        let predicted: Vec<i64> = attribution.acquired.iter().filter_map(|a| a.clv_minor).collect();
        let clv = checked_sum(predicted.iter().copied()).ok_or(CampaignError::RevenueOverflow)?;
        Ok(Figures {
            cost_minor: Versus { expected: expected.budget_minor, actual: cost },
            revenue_minor: Versus { expected: expected.expected_revenue_minor, actual: attribution.revenue_minor },
            responses: Versus { expected: expected.expected_responses, actual: attribution.responders.len() as u64 },
            sales: Versus { expected: expected.expected_sales, actual: attribution.sales.len() as u64 },
            roi: Roi::of(attribution.revenue_minor, cost),
            expected_roi: expected.expected_roi(),
            customers_acquired: acquired,
            customers_reactivated: attribution.reactivated.len() as u64,
            cost_per_acquisition_minor: (acquired > 0).then(|| div_round(cost, acquired)),
            second_purchase_share: share(2),
            third_purchase_share: share(3),
            acquired_rungs,
            acquired_unscored: attribution.acquired.iter().filter(|a| a.rung.is_none()).count() as u64,
            acquired_revenue_12m_minor: revenue_12m,
            revenue_12m_per_acquisition_minor: (acquired > 0).then(|| div_round(revenue_12m, acquired)),
            acquired_clv_minor: (!predicted.is_empty()).then_some(clv),
            clv_per_acquisition_minor: (!predicted.is_empty()).then(|| div_round(clv, predicted.len() as u64)),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        crate::date::parse_date(s).unwrap()
    }

    fn campaign(id: &str, codes: &[&str], starts: &str, ends: Option<&str>, window_days: u32) -> Campaign {
        Campaign {
            id: id.into(),
            name: format!("Campaign {id}"),
            kind: CampaignKind::Email,
            channel: Some(Channel::Email),
            status: CampaignStatus::Completed,
            starts: d(starts),
            ends: ends.map(d),
            codes: codes.iter().map(|c| c.to_string()).collect(),
            window_days,
            target_segment: None,
            target_size: None,
            notes: None,
            expectations: Expectations::default(),
        }
    }

    fn order(id: &str, on: &str, status: OrderStatus, total: i64, code: Option<&str>) -> OrderRecord {
        OrderRecord { external_id: id.into(), on: d(on), status, total_minor: total, code: code.map(Into::into) }
    }

    fn done(id: &str, on: &str, total: i64, code: Option<&str>) -> OrderRecord {
        order(id, on, OrderStatus::Completed, total, code)
    }

    fn customer(id: &str, orders: Vec<OrderRecord>) -> CustomerHistory {
        CustomerHistory { customer_id: id.into(), orders, ..Default::default() }
    }

    fn touch(on: &str, kind: InteractionKind, code: &str) -> CodedTouch {
        CodedTouch { on: d(on), kind, code: code.into() }
    }

    fn signed_up(id: &str, on: &str, code: &str, orders: Vec<OrderRecord>) -> CustomerHistory {
        CustomerHistory { touches: vec![touch(on, InteractionKind::SignUp, code)], ..customer(id, orders) }
    }

    fn cost(amount: i64) -> CostEntry {
        CostEntry { on: d("2024-03-01"), amount_minor: amount, note: None }
    }

    fn sale_ids(a: &Attribution) -> Vec<&str> {
        a.sales.iter().map(|s| s.order_id.as_str()).collect()
    }

    /// March 2024 with 7 days' grace: orders count from 1 March to 7 April.
    fn spring() -> Campaign {
        campaign("spring", &["SPRING24"], "2024-03-01", Some("2024-03-31"), 7)
    }

    #[test]
    fn kinds_and_statuses_parse() {
        assert_eq!(CampaignKind::parse("Direct mail"), Some(CampaignKind::DirectMail));
        assert_eq!(CampaignKind::parse("referral programme"), Some(CampaignKind::Referral));
        assert_eq!(CampaignStatus::parse("canceled"), Some(CampaignStatus::Cancelled));
        assert_eq!(CampaignStatus::Active.as_str(), "active");
    }

    #[test]
    fn window_edges_count_and_the_day_after_does_not() {
        let c = spring();
        let people = [customer(
            "a",
            vec![
                done("before", "2024-02-29", 100, Some("SPRING24")),
                done("start", "2024-03-01", 200, Some("SPRING24")),
                done("last", "2024-04-07", 300, Some("SPRING24")),
                done("after", "2024-04-08", 400, Some("SPRING24")),
            ],
        )];
        let a = attribute(&c, &people).unwrap();
        assert_eq!(sale_ids(&a), ["start", "last"]);
        assert_eq!(a.revenue_minor, 500);
        let outside: Vec<_> = a.excluded.iter().map(|e| (e.order.order_id.as_str(), e.reason)).collect();
        assert_eq!(outside, [("before", Exclusion::OutsideWindow), ("after", Exclusion::OutsideWindow)]);
        // The first completed order was before the window, so the campaign did not acquire them.
        assert!(a.acquired.is_empty());
        assert_eq!(a.responders, ["a"]);
    }

    #[test]
    fn a_win_back_campaign_counts_the_quiet_customers_it_brought_back() {
        let c = spring();
        let people = [
            // Monthly buyers quiet since November: brought back on 5 March (95 days, over twice 30).
            customer(
                "regular",
                vec![
                    done("r1", "2023-10-01", 100, None),
                    done("r2", "2023-10-31", 100, None),
                    done("r3", "2023-11-30", 100, None),
                    done("r4", "2024-03-05", 100, Some("SPRING24")),
                    done("r5", "2024-03-20", 100, Some("SPRING24")),
                ],
            ),
            // Ordered a month ago, as usual: not brought back, only a sale.
            customer(
                "steady",
                vec![done("s1", "2024-01-20", 100, None), done("s2", "2024-03-02", 100, Some("SPRING24"))],
            ),
            // Their first order: acquired, not reactivated.
            customer("new", vec![done("n1", "2024-03-03", 100, Some("SPRING24"))]),
            // Quiet, but the order that carried the code was refunded.
            customer(
                "refunded",
                vec![
                    done("f1", "2023-06-01", 100, None),
                    order("f2", "2024-03-10", OrderStatus::Refunded, 100, Some("SPRING24")),
                ],
            ),
            // One earlier order 70 days before: quiet by the one-order rule (over twice 45 is 90: not yet).
            customer(
                "once",
                vec![done("o1", "2023-12-27", 100, None), done("o2", "2024-03-06", 100, Some("SPRING24"))],
            ),
        ];
        let a = attribute(&c, &people).unwrap();
        let back: Vec<_> =
            a.reactivated.iter().map(|r| (r.customer_id.as_str(), r.order_id.as_str(), r.days_quiet)).collect();
        assert_eq!(back, [("regular", "r4", 96)], "the first order that brought them back, once");
        assert_eq!(a.acquired.len(), 1);
        let f = Figures::compute(&c, &a, &[cost(100)]).unwrap();
        assert_eq!((f.customers_acquired, f.customers_reactivated), (1, 1));
        assert_eq!(went_quiet(&[d("2023-12-01")], d("2024-03-05")), Some(95), "one earlier order: 95 > 90");
        assert_eq!(went_quiet(&[], d("2024-03-05")), None, "no earlier order: a first order");
    }

    #[test]
    fn an_open_campaign_has_no_window_end() {
        let c = campaign("open", &["X"], "2024-01-01", None, 0);
        assert!(c.in_window(d("2030-01-01")));
        assert!(!c.in_window(d("2023-12-31")));
    }

    #[test]
    fn codes_match_trimmed_and_ignoring_case() {
        let c = campaign("x", &[" Spring24 ", "utm_spring"], "2024-03-01", None, 0);
        assert!(c.matches("spring24"));
        assert!(c.matches("UTM_SPRING "));
        assert!(!c.matches("spring2"));
        assert!(!c.matches("  "));
        let people = [customer("a", vec![done("o1", "2024-03-02", 50, Some("sPrInG24"))])];
        assert_eq!(sale_ids(&attribute(&c, &people).unwrap()), ["o1"]);
    }

    #[test]
    fn two_campaigns_count_their_own_orders_and_the_first_order_acquires() {
        let spring = spring();
        let summer = campaign("summer", &["SUMMER24"], "2024-03-15", Some("2024-06-30"), 0);
        let people = [customer(
            "a",
            vec![
                done("s2", "2024-04-01", 700, Some("SUMMER24")),
                done("s1", "2024-03-20", 500, Some("spring24")),
                done("plain", "2024-05-01", 100, None),
            ],
        )];
        let a = attribute(&spring, &people).unwrap();
        let b = attribute(&summer, &people).unwrap();
        assert_eq!((sale_ids(&a), a.revenue_minor), (vec!["s1"], 500));
        assert_eq!((sale_ids(&b), b.revenue_minor), (vec!["s2"], 700));
        assert_eq!(a.acquired.len(), 1);
        assert_eq!(a.acquired[0].by, AcquiredBy::FirstOrder { order_id: "s1".into() });
        assert_eq!(a.acquired[0].completed_orders, 3);
        assert!(b.acquired.is_empty());
        assert_eq!(b.responders, ["a"]);
    }

    #[test]
    fn a_signup_code_acquires_and_outranks_the_first_order() {
        let spring = spring();
        let summer = campaign("summer", &["SUMMER24"], "2024-03-01", None, 0);
        let people = [
            signed_up("signed", "2024-03-02", "Spring24", vec![]),
            signed_up("both", "2024-03-05", "SPRING24", vec![done("o1", "2024-03-05", 100, Some("SUMMER24"))]),
            // Ordered with the summer code before signing up with the spring one: the order came first.
            signed_up("later", "2024-03-09", "SPRING24", vec![done("o2", "2024-03-08", 100, Some("SUMMER24"))]),
            // Signed up with the code before the campaign began: responded to nothing, acquired by nothing.
            signed_up("early", "2024-02-01", "SPRING24", vec![done("o3", "2024-03-08", 100, Some("SUMMER24"))]),
        ];
        let a = attribute(&spring, &people).unwrap();
        let acquired: Vec<_> = a.acquired.iter().map(|c| (c.customer_id.as_str(), &c.by, c.acquired_on)).collect();
        assert_eq!(
            acquired,
            [("signed", &AcquiredBy::SignUp, d("2024-03-02")), ("both", &AcquiredBy::SignUp, d("2024-03-05"))]
        );
        assert_eq!(a.responders, ["both", "later", "signed"]);
        assert!(a.sales.is_empty());
        let b = attribute(&summer, &people).unwrap();
        assert_eq!(sale_ids(&b), ["o1", "o2", "o3"]);
        let acquired: Vec<_> = b.acquired.iter().map(|c| c.customer_id.as_str()).collect();
        assert_eq!(acquired, ["later"]);
    }

    #[test]
    fn refunds_and_cancellations_are_listed_but_not_sales() {
        let c = spring();
        let people = [customer(
            "a",
            vec![
                order("r", "2024-03-02", OrderStatus::Refunded, 900, Some("SPRING24")),
                order("x", "2024-03-03", OrderStatus::Cancelled, 800, Some("SPRING24")),
                done("ok", "2024-03-04", 100, Some("SPRING24")),
            ],
        )];
        let a = attribute(&c, &people).unwrap();
        assert_eq!(sale_ids(&a), ["ok"]);
        assert_eq!(a.revenue_minor, 100);
        let reasons: Vec<_> = a.excluded.iter().map(|e| (e.order.order_id.as_str(), e.reason)).collect();
        assert_eq!(reasons, [("r", Exclusion::Refunded), ("x", Exclusion::Cancelled)]);
        // The refunded order is not the first purchase; the first completed one is, and it carries the code.
        assert_eq!(a.acquired[0].by, AcquiredBy::FirstOrder { order_id: "ok".into() });
        assert_eq!(a.acquired[0].completed_orders, 1);
        let f = Figures::compute(&c, &a, &[cost(50)]).unwrap();
        assert_eq!(f.sales.actual, 1);
        assert_eq!(f.roi, Roi::Ratio(1.0));
    }

    #[test]
    fn no_cost_leaves_roi_undefined_and_acquisitions_free() {
        let c = spring();
        let people = [customer("a", vec![done("o", "2024-03-02", 100, Some("SPRING24"))])];
        let a = attribute(&c, &people).unwrap();
        let f = Figures::compute(&c, &a, &[]).unwrap();
        assert_eq!(f.roi, Roi::Undefined(RoiUndefined::NoCostRecorded));
        assert_eq!(f.roi.value(), None);
        assert_eq!(f.cost_per_acquisition_minor, Some(0));
        let f = Figures::compute(&c, &a, &[cost(300), cost(-400)]).unwrap();
        assert_eq!(f.roi, Roi::Undefined(RoiUndefined::NegativeCost));
        let empty = attribute(&c, &[]).unwrap();
        let f = Figures::compute(&c, &empty, &[cost(100)]).unwrap();
        assert_eq!(f.cost_per_acquisition_minor, None);
        assert_eq!(f.second_purchase_share, None);
        assert_eq!(f.roi, Roi::Ratio(-1.0));
    }

    #[test]
    fn cost_overflow_is_an_error() {
        let c = spring();
        let a = attribute(&c, &[]).unwrap();
        assert_eq!(Figures::compute(&c, &a, &[cost(i64::MAX), cost(1)]), Err(CampaignError::CostOverflow));
        assert_eq!(total_cost(&[cost(i64::MAX), cost(-1), cost(1)]), Ok(i64::MAX));
        let people = [customer(
            "a",
            vec![done("o1", "2024-03-02", i64::MAX, Some("SPRING24")), done("o2", "2024-03-03", 1, Some("SPRING24"))],
        )];
        assert_eq!(attribute(&c, &people), Err(CampaignError::RevenueOverflow));
    }

    #[test]
    fn figures_against_expectations_and_purchase_shares() {
        let mut c = spring();
        c.expectations = Expectations {
            budget_minor: Some(10_000),
            expected_revenue_minor: Some(30_000),
            expected_responses: Some(10),
            expected_sales: Some(8),
        };
        let code = Some("SPRING24");
        let people = [
            // Acquired, 3 completed orders (the refund does not count): reaches 2nd and 3rd.
            customer(
                "a",
                vec![
                    done("a1", "2024-03-02", 4_000, code),
                    done("a2", "2024-05-01", 2_000, None),
                    order("a3", "2024-05-02", OrderStatus::Refunded, 1_000, None),
                    done("a4", "2024-06-01", 3_000, Some("OTHER")),
                ],
            ),
            // Acquired, 2 completed orders: reaches 2nd only.
            customer("b", vec![done("b1", "2024-03-10", 5_000, code), done("b2", "2024-03-20", 1_000, code)]),
            // Acquired by sign-up, no orders yet.
            signed_up("c", "2024-03-03", "spring24", vec![]),
            // Acquired, a refunded second order: one completed order only.
            customer(
                "d",
                vec![
                    done("d1", "2024-03-11", 2_000, code),
                    order("d2", "2024-03-12", OrderStatus::Refunded, 2_000, code),
                ],
            ),
            // An existing customer responding: a sale, not an acquisition.
            customer("e", vec![done("e0", "2023-01-01", 100, None), done("e1", "2024-03-15", 1_000, code)]),
        ];
        let a = attribute(&c, &people).unwrap();
        assert_eq!(sale_ids(&a), ["a1", "b1", "b2", "d1", "e1"]);
        assert_eq!(a.revenue_minor, 13_000);
        assert_eq!(a.responders, ["a", "b", "c", "d", "e"]);
        let acquired: Vec<_> = a.acquired.iter().map(|c| (c.customer_id.as_str(), c.completed_orders)).collect();
        assert_eq!(acquired, [("a", 3), ("b", 2), ("c", 0), ("d", 1)]);

        let f = Figures::compute(&c, &a, &[cost(6_000), cost(4_001)]).unwrap();
        assert_eq!(f.cost_minor, Versus { expected: Some(10_000), actual: 10_001 });
        assert_eq!(f.revenue_minor, Versus { expected: Some(30_000), actual: 13_000 });
        assert_eq!(f.responses, Versus { expected: Some(10), actual: 5 });
        assert_eq!(f.sales, Versus { expected: Some(8), actual: 5 });
        assert_eq!(f.expected_roi, Some(2.0));
        assert!((f.roi.value().unwrap() - 2_999.0 / 10_001.0).abs() < 1e-12);
        assert_eq!(f.customers_acquired, 4);
        // 10_001 / 4 = 2_500.25, rounded to 2_500.
        assert_eq!(f.cost_per_acquisition_minor, Some(2_500));
        assert_eq!(f.second_purchase_share, Some(0.5));
        assert_eq!(f.third_purchase_share, Some(0.25));
    }

    #[test]
    fn the_acquired_are_described_by_rung_first_year_revenue_and_value() {
        let c = spring();
        let code = Some("SPRING24");
        let scored = |mut h: CustomerHistory, rung: Rung, clv: Option<i64>| {
            h.rung = Some(rung);
            h.clv_minor = clv;
            h
        };
        let people = [
            // Orders on the acquisition day and 364 days later count; the day after does not.
            scored(
                customer(
                    "a",
                    vec![
                        done("a1", "2024-03-02", 1_000, code),
                        done("a2", "2025-03-01", 500, None),
                        done("a3", "2025-03-02", 700, None),
                        order("a4", "2024-04-01", OrderStatus::Refunded, 900, None),
                    ],
                ),
                Rung::Loyal,
                Some(4_000),
            ),
            scored(customer("b", vec![done("b1", "2024-03-05", 300, code)]), Rung::Customer, Some(1_001)),
            scored(customer("c", vec![done("c1", "2024-03-06", 200, code)]), Rung::Customer, None),
            customer("d", vec![done("d1", "2024-03-07", 100, code)]),
            // Clicked the campaign's link: a response, not an acquisition.
            CustomerHistory {
                touches: vec![touch("2024-03-10", InteractionKind::Click, "spring24")],
                ..customer("e", vec![done("e1", "2023-01-01", 50, None)])
            },
        ];
        let a = attribute(&c, &people).unwrap();
        let revenue: Vec<_> = a.acquired.iter().map(|c| (c.customer_id.as_str(), c.revenue_12m_minor)).collect();
        assert_eq!(revenue, [("a", 1_500), ("b", 300), ("c", 200), ("d", 100)]);
        assert_eq!(a.responders, ["a", "b", "c", "d", "e"]);
        let f = Figures::compute(&c, &a, &[]).unwrap();
        let rungs: Vec<_> =
            f.acquired_rungs.iter().filter(|r| r.customers > 0).map(|r| (r.rung, r.customers)).collect();
        assert_eq!(rungs, [(Rung::Customer, 2), (Rung::Loyal, 1)]);
        assert_eq!(f.acquired_rungs.len(), Rung::ALL.len());
        assert_eq!(f.acquired_unscored, 1);
        assert_eq!(f.acquired_revenue_12m_minor, 2_100);
        assert_eq!(f.revenue_12m_per_acquisition_minor, Some(525));
        assert_eq!(f.acquired_clv_minor, Some(5_001));
        // Over the two with a prediction: 2_500.5 rounds to 2_501.
        assert_eq!(f.clv_per_acquisition_minor, Some(2_501));
        let none = attribute(&c, &[]).unwrap();
        let f = Figures::compute(&c, &none, &[]).unwrap();
        assert_eq!((f.acquired_clv_minor, f.clv_per_acquisition_minor), (None, None));
        assert_eq!(f.revenue_12m_per_acquisition_minor, None);
    }

    #[test]
    fn expected_roi_needs_a_positive_budget() {
        let e = Expectations { budget_minor: Some(0), expected_revenue_minor: Some(100), ..Default::default() };
        assert_eq!(e.expected_roi(), None);
        let e = Expectations { budget_minor: Some(200), expected_revenue_minor: None, ..Default::default() };
        assert_eq!(e.expected_roi(), None);
    }

    #[test]
    fn cost_per_acquisition_rounds_half_away_from_zero() {
        assert_eq!(div_round(5, 2), 3);
        assert_eq!(div_round(-5, 2), -3);
        assert_eq!(div_round(4, 3), 1);
        assert_eq!(div_round(i64::MAX, 1), i64::MAX);
        assert_eq!(div_round(i64::MIN, 1), i64::MIN);
    }
}
