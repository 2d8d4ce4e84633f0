//! Campaign reports: for every campaign, what it cost, brought and acquired, and whether the customers
//! it acquired came back — computed from the orders carrying its codes, never typed in.
//!
//! The rules of attribution are the domain's (`ladder_domain::campaign`); this use-case reads each
//! campaign, its costs and the histories of the customers who used its codes, and applies them.

use chrono::NaiveDate;
use ladder_domain::campaign::{Attribution, Campaign, CampaignError, Figures, Roi, RoiUndefined, attribute};
use ladder_store::{Store, StoreError};
use serde::Serialize;

/// Why a campaign report could not be made.
#[derive(Debug, thiserror::Error)]
pub enum CampaignReportError {
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// Sums too large for the money type.
    #[error("campaign {campaign}: {source}")]
    Figures {
        /// The campaign.
        campaign: String,
        /// What overflowed.
        source: CampaignError,
    },
}

/// One campaign's figures, flat, as reports and the API show them. Money is in minor units of the
/// shop's currency.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CampaignRow {
    /// The campaign's id.
    pub campaign_id: String,
    /// Its name.
    pub name: String,
    /// Its kind (advertisement, email, …).
    pub kind: String,
    /// Its status.
    pub status: String,
    /// The budget (expected cost), when set.
    pub budget: Option<i64>,
    /// The sum of its cost entries.
    pub actual_cost: i64,
    /// The revenue expected, when set.
    pub expected_revenue: Option<i64>,
    /// Revenue of the completed orders that carried its codes in its window.
    pub revenue: i64,
    /// ROI expected from budget and expected revenue.
    pub expected_roi: Option<f64>,
    /// (revenue − cost) / cost; `null` when it cannot be computed (see `roi_note`).
    pub roi: Option<f64>,
    /// Why there is no ROI ("no cost recorded"), when there is none.
    pub roi_note: Option<String>,
    /// Customers who ordered with a code (any status) in the window.
    pub responses: u64,
    /// Responses expected, when set.
    pub expected_responses: Option<u64>,
    /// Completed orders with a code in the window.
    pub sales: u64,
    /// Sales expected, when set.
    pub expected_sales: Option<u64>,
    /// Customers whose first order carried a code in the window.
    pub customers_acquired: u64,
    /// Cost per acquired customer; `null` without acquisitions.
    pub cost_per_acquisition: Option<i64>,
    /// Share of the acquired who placed a second order.
    pub second_purchase_share: Option<f64>,
    /// Share of the acquired who placed a third order.
    pub third_purchase_share: Option<f64>,
}

/// A campaign's report: its row and what was counted, so that every figure can be checked.
#[derive(Debug, Clone, Serialize)]
pub struct CampaignReport {
    /// The figures.
    #[serde(flatten)]
    pub row: CampaignRow,
    /// The campaign as defined.
    pub campaign: Campaign,
    /// The orders counted, those left out and why, the responders and the acquired customers.
    pub attribution: Attribution,
}

/// The report of one campaign, with the orders placed by the end of `as_of`.
pub fn report(store: &dyn Store, campaign: Campaign, as_of: NaiveDate) -> Result<CampaignReport, CampaignReportError> {
    let wrap = |source| CampaignReportError::Figures { campaign: campaign.id.clone(), source };
    let histories = store.campaign_histories(&campaign.codes, as_of)?;
    let costs = store.campaign_costs(&campaign.id)?;
    let attribution = attribute(&campaign, &histories).map_err(wrap)?;
    let figures = Figures::compute(&campaign, &attribution, &costs).map_err(wrap)?;
    let roi_note = match figures.roi {
        Roi::Ratio(_) => None,
        Roi::Undefined(RoiUndefined::NoCostRecorded) => Some("no cost recorded".to_owned()),
        Roi::Undefined(RoiUndefined::NegativeCost) => Some("the costs sum below zero".to_owned()),
    };
    let row = CampaignRow {
        campaign_id: campaign.id.clone(),
        name: campaign.name.clone(),
        kind: campaign.kind.as_str().to_owned(),
        status: campaign.status.as_str().to_owned(),
        budget: figures.cost_minor.expected,
        actual_cost: figures.cost_minor.actual,
        expected_revenue: figures.revenue_minor.expected,
        revenue: figures.revenue_minor.actual,
        expected_roi: figures.expected_roi,
        roi: figures.roi.value(),
        roi_note,
        responses: figures.responses.actual,
        expected_responses: figures.responses.expected,
        sales: figures.sales.actual,
        expected_sales: figures.sales.expected,
        customers_acquired: figures.customers_acquired,
        cost_per_acquisition: figures.cost_per_acquisition_minor,
        second_purchase_share: figures.second_purchase_share,
        third_purchase_share: figures.third_purchase_share,
    };
    Ok(CampaignReport { row, campaign, attribution })
}

/// Every campaign's report.
pub fn reports(store: &dyn Store, as_of: NaiveDate) -> Result<Vec<CampaignReport>, CampaignReportError> {
    store.campaigns()?.into_iter().map(|c| report(store, c, as_of)).collect()
}
