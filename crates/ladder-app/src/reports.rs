//! Reports over the last scoring: the ladder, RFM segments and the road to the third purchase.
//!
//! Every report is a plain serialisable value, so the CLI can print it as a table, JSON or CSV, and the
//! web app can render it; the totals themselves are computed in the database.

use crate::shop::{ScoringStatus, scoring_status};
use ladder_domain::{Currency, CustomerState, Reason, RfmSegment, Rung};
use ladder_store::{Dimension, GroupTotals, Store, StoreResult};
use serde::Serialize;

/// Where the numbers come from: the scoring date and the currency.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReportBasis {
    /// The `as_of` date of the last scoring (`None`: never scored).
    pub as_of: Option<chrono::NaiveDate>,
    /// True when an import changed data after the last scoring.
    pub stale: bool,
    /// The shop currency of revenue figures.
    pub currency: Option<String>,
    /// How the states were set: the model fitted, or why the recency rule applied.
    pub state_basis: Option<Reason>,
}

impl ReportBasis {
    /// Reads the basis of the last scoring.
    pub fn read(store: &dyn Store) -> StoreResult<Self> {
        let ScoringStatus { as_of, stale } = scoring_status(store)?;
        let state_basis = store.shop_state()?.state_basis.as_deref().map(Reason::from_stored);
        Ok(Self { as_of, stale, currency: crate::shop::currency(store)?, state_basis })
    }

    /// Formats minor units of the shop currency as a decimal amount.
    pub fn money(&self, minor: i64) -> String {
        match self.currency.as_deref().map(Currency::parse) {
            Some(Ok(c)) => c.format_amount(minor),
            _ => minor.to_string(),
        }
    }
}

/// One row of a grouped report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GroupRow {
    /// The group (a rung, a state, a segment; `none` for customers it does not apply to).
    pub key: String,
    /// Customers in it.
    pub customers: u64,
    /// Their share of the report's customers, 0–1.
    pub share: f64,
    /// Their counted orders.
    pub orders: u64,
    /// Their revenue in minor units.
    pub revenue_minor: i64,
    /// Their revenue as a decimal amount.
    pub revenue: String,
    /// Revenue per order in minor units (`None` without orders).
    pub average_order_value_minor: Option<i64>,
    /// Revenue per order as a decimal amount.
    pub average_order_value: Option<String>,
}

/// Revenue per order, rounded half away from zero to a minor unit.
fn per_order(revenue: i64, orders: u64) -> Option<i64> {
    let orders = i64::try_from(orders).ok().filter(|o| *o > 0)?;
    // In 128 bits: a revenue at the 64-bit limit (a saturated sum) still divides.
    let (revenue, orders) = (i128::from(revenue), i128::from(orders));
    let half = orders / 2;
    let rounded = if revenue >= 0 { (revenue + half) / orders } else { (revenue - half) / orders };
    i64::try_from(rounded).ok()
}

fn rows(basis: &ReportBasis, keys: &[&str], totals: &[GroupTotals], none_label: Option<&str>) -> Vec<GroupRow> {
    let all: u64 = totals.iter().filter(|t| t.key.is_some() || none_label.is_some()).map(|t| t.customers).sum();
    let find = |key: Option<&str>| totals.iter().find(|t| t.key.as_deref() == key);
    let mut out: Vec<GroupRow> = keys
        .iter()
        .map(|k| (k.to_string(), find(Some(k))))
        .chain(none_label.map(|l| (l.to_owned(), find(None))))
        .map(|(key, t)| {
            let (customers, orders, revenue_minor) = t.map_or((0, 0, 0), |t| (t.customers, t.orders, t.revenue_minor));
            let aov = per_order(revenue_minor, orders);
            GroupRow {
                key,
                customers,
                share: if all == 0 { 0.0 } else { customers as f64 / all as f64 },
                orders,
                revenue_minor,
                revenue: basis.money(revenue_minor),
                average_order_value_minor: aov,
                average_order_value: aov.map(|a| basis.money(a)),
            }
        })
        .collect();
    if none_label.is_some() && out.last().is_some_and(|r| r.customers == 0) {
        out.pop();
    }
    out
}

/// The ladder: customers, share, revenue and average order value per rung and per state.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LadderReport {
    /// Scoring date and currency.
    #[serde(flatten)]
    pub basis: ReportBasis,
    /// One row per rung, lowest first.
    pub rungs: Vec<GroupRow>,
    /// One row per state, then customers without orders.
    pub states: Vec<GroupRow>,
}

/// Builds the ladder report.
pub fn ladder(store: &dyn Store) -> StoreResult<LadderReport> {
    let basis = ReportBasis::read(store)?;
    let rung_keys: Vec<&str> = Rung::ALL.iter().map(|r| r.as_str()).collect();
    let state_keys: Vec<&str> = CustomerState::ALL.iter().map(|s| s.as_str()).collect();
    let rungs = rows(&basis, &rung_keys, &store.summary_by(Dimension::Rung)?, None);
    let states = rows(&basis, &state_keys, &store.summary_by(Dimension::State)?, Some("no_orders"));
    Ok(LadderReport { basis, rungs, states })
}

/// RFM segments of the customers with orders.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RfmReport {
    /// Scoring date and currency.
    #[serde(flatten)]
    pub basis: ReportBasis,
    /// One row per segment, in the order of DESIGN.md's table.
    pub segments: Vec<GroupRow>,
}

/// Builds the RFM report.
pub fn rfm(store: &dyn Store) -> StoreResult<RfmReport> {
    let basis = ReportBasis::read(store)?;
    let keys: Vec<&str> = RfmSegment::ALL.iter().map(|s| s.as_str()).collect();
    let totals: Vec<GroupTotals> =
        store.summary_by(Dimension::RfmSegment)?.into_iter().filter(|t| t.key.is_some()).collect();
    Ok(RfmReport { segments: rows(&basis, &keys, &totals, None), basis })
}

/// One step on the way to the third purchase.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PurchaseStep {
    /// The order number: 1, 2 or 3.
    pub order: u8,
    /// Customers who placed at least this many counted orders.
    pub customers: u64,
    /// Share of the previous step's customers who got here (none for the first step).
    pub conversion_from_previous: Option<f64>,
    /// Share of all customers with orders.
    pub share_of_buyers: f64,
    /// Median days from the previous order to this one.
    pub median_days_from_previous: Option<f64>,
}

/// How many customers reached their 1st, 2nd and 3rd purchase, the conversion between, and how fast.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ThirdPurchaseReport {
    /// Scoring date and currency.
    #[serde(flatten)]
    pub basis: ReportBasis,
    /// The three steps.
    pub steps: Vec<PurchaseStep>,
}

/// Builds the third-purchase report.
pub fn third_purchase(store: &dyn Store) -> StoreResult<ThirdPurchaseReport> {
    let basis = ReportBasis::read(store)?;
    let m = store.purchase_milestones()?;
    let ratio = |a: u64, b: u64| if b == 0 { 0.0 } else { a as f64 / b as f64 };
    let medians = [None, m.median_days_first_to_second, m.median_days_second_to_third];
    let steps = (0..3)
        .map(|i| PurchaseStep {
            order: i as u8 + 1,
            customers: m.reached[i],
            conversion_from_previous: (i > 0).then(|| ratio(m.reached[i], m.reached[i - 1])),
            share_of_buyers: ratio(m.reached[i], m.reached[0]),
            median_days_from_previous: medians[i],
        })
        .collect();
    Ok(ThirdPurchaseReport { basis, steps })
}

#[cfg(test)]
mod tests {
    use super::per_order;

    #[test]
    fn average_order_value_rounds_half_away_from_zero() {
        assert_eq!(per_order(1000, 3), Some(333));
        assert_eq!(per_order(1001, 2), Some(501));
        assert_eq!(per_order(-1001, 2), Some(-501));
        assert_eq!(per_order(1000, 0), None);
    }
}
