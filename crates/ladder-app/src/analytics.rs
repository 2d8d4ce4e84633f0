//! The analytics reports: the holdout check of the purchase model, the road to the 3rd and 4th order by
//! cohort and campaign, monthly cohorts, best customers losing value, and event buyers.

use crate::reports::ReportBasis;
use chrono::{Datelike, NaiveDate};
use ladder_domain::Reason;
use ladder_domain::clv::bgnbd::BgNbd;
use ladder_domain::clv::{FitError, PurchaseModel, Summary, compress};
use ladder_domain::date::{date_day_number, date_of_day};
use ladder_domain::stats::median;
use ladder_store::{CustomerId, PurchasePath, Store, StoreError, ValueWindows};
use serde::Serialize;
use std::collections::BTreeMap;

/// Why an analytics report could not be made.
#[derive(Debug, thiserror::Error)]
pub enum AnalyticsError {
    /// Nothing scored yet, or no orders.
    #[error("{0}")]
    NotReady(String),
    /// The model could not be fitted.
    #[error(transparent)]
    Fit(#[from] FitError),
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

fn share(part: u64, whole: u64) -> f64 {
    if whole == 0 { 0.0 } else { part as f64 / whole as f64 }
}

fn scored_as_of(basis: &ReportBasis) -> Result<NaiveDate, AnalyticsError> {
    basis.as_of.ok_or_else(|| AnalyticsError::NotReady("nothing is scored yet; run `ladder score` first".to_owned()))
}

// ---------------------------------------------------------------- holdout validation

/// Predicted against actual purchases in the holdout period, for customers with the same number of
/// repeat purchases in the calibration period.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ValidationRow {
    /// Repeat purchases in calibration (the last row counts this many or more).
    pub calibration_frequency: String,
    /// Customers.
    pub customers: u64,
    /// Mean actual purchases in the holdout.
    pub actual: f64,
    /// Mean predicted purchases in the holdout.
    pub predicted: f64,
}

/// The standard check of the purchase model on the shop's own orders.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ValidationReport {
    /// The end of the calibration period.
    pub calibration_end: NaiveDate,
    /// The end of the holdout period (the last order).
    pub holdout_end: NaiveDate,
    /// Days in the holdout.
    pub holdout_days: i64,
    /// The model fitted on the calibration period (time unit: days).
    pub bgnbd: BgNbd,
    /// Customers in the check.
    pub customers: u64,
    /// By calibration frequency.
    pub rows: Vec<ValidationRow>,
    /// Mean absolute error per customer.
    pub mean_absolute_error: f64,
    /// Total actual holdout purchases.
    pub actual_total: f64,
    /// Total predicted holdout purchases.
    pub predicted_total: f64,
}

/// Fits BG/NBD on the order days up to `calibration_end` and compares its predictions for the rest of
/// the history with what happened.
pub fn validate(store: &dyn Store, calibration_end: NaiveDate) -> Result<ValidationReport, AnalyticsError> {
    let holdout_end =
        store.last_order_day()?.ok_or_else(|| AnalyticsError::NotReady("there are no orders".to_owned()))?;
    if holdout_end <= calibration_end {
        return Err(AnalyticsError::NotReady(format!(
            "the last order is on {holdout_end}: choose a calibration end before it, so that there is a period to predict"
        )));
    }
    let rows = store.calibration_rows(calibration_end, holdout_end)?;
    let end = date_day_number(calibration_end);
    let summaries: Vec<Summary> = rows
        .iter()
        .map(|r| Summary {
            frequency: f64::from(r.calibration_days.saturating_sub(1)),
            recency: (r.last_day - r.first_day) as f64,
            age: (end - r.first_day) as f64,
        })
        .collect();
    let fit = BgNbd::fit_with(&compress(summaries.iter().copied()), false)?;
    let holdout_days = date_day_number(holdout_end) - end;
    let mut groups: BTreeMap<u32, (u64, f64, f64)> = BTreeMap::new();
    let (mut error, mut actual_total, mut predicted_total) = (0.0, 0.0, 0.0);
    for (row, s) in rows.iter().zip(&summaries) {
        let predicted = fit.params.expected_purchases(holdout_days as f64, s);
        let actual = f64::from(row.holdout_days);
        error += (predicted - actual).abs();
        actual_total += actual;
        predicted_total += predicted;
        let g = groups.entry((s.frequency as u32).min(7)).or_default();
        g.0 += 1;
        g.1 += actual;
        g.2 += predicted;
    }
    let customers = rows.len() as u64;
    Ok(ValidationReport {
        calibration_end,
        holdout_end,
        holdout_days,
        bgnbd: fit.params,
        customers,
        rows: groups
            .into_iter()
            .map(|(f, (n, a, p))| ValidationRow {
                calibration_frequency: if f == 7 { "7+".to_owned() } else { f.to_string() },
                customers: n,
                actual: a / n as f64,
                predicted: p / n as f64,
            })
            .collect(),
        mean_absolute_error: if customers == 0 { 0.0 } else { error / customers as f64 },
        actual_total,
        predicted_total,
    })
}

// ---------------------------------------------------------------- purchase paths

/// How a group of buyers got to their 2nd and 3rd order.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PathGroup {
    /// The group: an acquisition month (`YYYY-MM`) or a first campaign code (`(none)` without one).
    pub key: String,
    /// Buyers in it.
    pub customers: u64,
    /// Share who made a 2nd order.
    pub second_order_share: f64,
    /// Share who made a 3rd order.
    pub third_order_share: f64,
    /// Median days from the 1st to the 2nd order.
    pub median_days_to_second: Option<f64>,
    /// Median days from the 2nd to the 3rd order.
    pub median_days_to_third: Option<f64>,
}

/// Does the third order make the fourth likelier than the second made the third?
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct OnwardShares {
    /// Customers with a 2nd order.
    pub with_second: u64,
    /// Of them, the share with a 3rd.
    pub second_to_third: f64,
    /// Customers with a 3rd order.
    pub with_third: u64,
    /// Of them, the share with a 4th.
    pub third_to_fourth: f64,
}

/// The road to the third purchase by acquisition month and by first campaign.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct PathsReport {
    /// By month of the first order.
    pub by_cohort: Vec<PathGroup>,
    /// By campaign code of the first order.
    pub by_first_campaign: Vec<PathGroup>,
    /// 2nd → 3rd against 3rd → 4th.
    pub onward: OnwardShares,
}

fn group(key: String, paths: &[&PurchasePath]) -> PathGroup {
    let n = paths.len() as u64;
    let days = |a: NaiveDate, b: NaiveDate| (date_day_number(b) - date_day_number(a)) as f64;
    let mut to_second: Vec<f64> = paths.iter().filter_map(|p| Some(days(p.first, p.second?))).collect();
    let mut to_third: Vec<f64> = paths.iter().filter_map(|p| Some(days(p.second?, p.third?))).collect();
    PathGroup {
        key,
        customers: n,
        second_order_share: share(to_second.len() as u64, n),
        third_order_share: share(to_third.len() as u64, n),
        median_days_to_second: median(&mut to_second),
        median_days_to_third: median(&mut to_third),
    }
}

/// Builds the paths report from the last scoring.
pub fn paths(store: &dyn Store, calendar: ladder_domain::date::Calendar) -> Result<PathsReport, AnalyticsError> {
    Ok(paths_of(&store.purchase_paths()?, calendar))
}

/// The paths report of buyers' paths already read, with months of `calendar`: one read serves both
/// calendars.
pub fn paths_of(all: &[PurchasePath], calendar: ladder_domain::date::Calendar) -> PathsReport {
    let mut by_cohort: BTreeMap<String, Vec<&PurchasePath>> = BTreeMap::new();
    let mut by_campaign: BTreeMap<String, Vec<&PurchasePath>> = BTreeMap::new();
    for p in all {
        let month = ladder_domain::date::Calendar::month_key(calendar.month_index(p.first));
        by_cohort.entry(month).or_default().push(p);
        by_campaign.entry(p.first_campaign.clone().unwrap_or_else(|| "(none)".to_owned())).or_default().push(p);
    }
    let with_second = all.iter().filter(|p| p.second.is_some()).count() as u64;
    let with_third = all.iter().filter(|p| p.third.is_some()).count() as u64;
    let with_fourth = all.iter().filter(|p| p.fourth.is_some()).count() as u64;
    let mut by_first_campaign: Vec<PathGroup> = by_campaign.into_iter().map(|(k, v)| group(k, &v)).collect();
    by_first_campaign.sort_by(|a, b| b.customers.cmp(&a.customers).then(a.key.cmp(&b.key)));
    PathsReport {
        by_cohort: by_cohort.into_iter().map(|(k, v)| group(k, &v)).collect(),
        by_first_campaign,
        onward: OnwardShares {
            with_second,
            second_to_third: share(with_third, with_second),
            with_third,
            third_to_fourth: share(with_fourth, with_third),
        },
    }
}

// ---------------------------------------------------------------- cohorts

/// One month of a cohort's life.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CohortMonth {
    /// Months since the first order (0 is the month of the first order).
    pub months_since: u32,
    /// Share of the cohort who bought in that month.
    pub share_buying: f64,
    /// The cohort's revenue in that month, minor units.
    pub revenue_minor: i64,
}

/// One monthly acquisition cohort.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CohortRow {
    /// The month of the first order, `YYYY-MM`.
    pub cohort: String,
    /// Customers acquired that month.
    pub customers: u64,
    /// Each later month.
    pub months: Vec<CohortMonth>,
}

/// Monthly acquisition cohorts × months since the first order.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CohortReport {
    /// Scoring date and currency.
    #[serde(flatten)]
    pub basis: ReportBasis,
    /// The cohorts, oldest first.
    pub cohorts: Vec<CohortRow>,
}

/// Builds the cohort table up to the scoring date, with months of `calendar` (the reader's).
pub fn cohorts(store: &dyn Store, calendar: ladder_domain::date::Calendar) -> Result<CohortReport, AnalyticsError> {
    let basis = ReportBasis::read(store)?;
    let as_of = scored_as_of(&basis)?;
    let cells = store.cohort_activity(as_of, basis.currency.as_deref().unwrap_or_default(), calendar)?;
    let mut cohorts: Vec<CohortRow> = Vec::new();
    for cell in cells {
        if cohorts.last().is_none_or(|c| c.cohort != cell.cohort) {
            cohorts.push(CohortRow { cohort: cell.cohort.clone(), customers: 0, months: Vec::new() });
        }
        let row = cohorts.last_mut().expect("pushed above");
        if cell.months_since == 0 {
            row.customers = cell.customers;
        }
        row.months.push(CohortMonth {
            months_since: cell.months_since,
            share_buying: share(cell.customers, row.customers),
            revenue_minor: cell.revenue_minor,
        });
    }
    Ok(CohortReport { basis, cohorts })
}

// ---------------------------------------------------------------- best customers losing value

/// A top customer whose buying fell.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LosingValueRow {
    /// The business's id.
    pub customer_id: String,
    /// Name.
    pub name: String,
    /// Email.
    pub email: Option<String>,
    /// Phone.
    pub phone: Option<String>,
    /// Spend in the trailing 18 months, minor units.
    pub value_18m_minor: i64,
    /// Orders per 30 days in the 365 days before the last 180.
    pub orders_per_30d_before: f64,
    /// Orders per 30 days in the last 180 days.
    pub orders_per_30d_recent: f64,
    /// Spend per 30 days before, minor units.
    pub spend_per_30d_before_minor: i64,
    /// Spend per 30 days recently, minor units.
    pub spend_per_30d_recent_minor: i64,
    /// What fell below half: `orders`, `spend` or `orders and spend`.
    pub fell: String,
}

/// The best customers losing value.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LosingValueReport {
    /// Scoring date and currency.
    #[serde(flatten)]
    pub basis: ReportBasis,
    /// Customers in the top decile (by trailing 18-month value, at least 3 orders).
    pub top_decile: u64,
    /// Those whose recent order rate or spend fell below half of their own earlier rate.
    pub customers: Vec<LosingValueRow>,
}

/// The windows of the report: 18 months (548 days) of value, at least 3 orders, the last 180 days
/// against the 365 before.
pub const LOSING_VALUE_WINDOWS: ValueWindows =
    ValueWindows { trailing_days: 548, min_orders: 3, recent_days: 180, before_days: 365 };

/// Builds the losing-value report at the scoring date.
pub fn losing_value(store: &dyn Store) -> Result<LosingValueReport, AnalyticsError> {
    let basis = ReportBasis::read(store)?;
    let as_of = scored_as_of(&basis)?;
    let w = LOSING_VALUE_WINDOWS;
    let mut rows = store.value_windows(as_of, basis.currency.as_deref().unwrap_or_default(), w)?;
    rows.sort_by(|a, b| b.trailing_spend_minor.cmp(&a.trailing_spend_minor).then(a.customer_id.cmp(&b.customer_id)));
    let top = rows.len().div_ceil(10);
    rows.truncate(top);
    let per_30 = |amount: f64, days: u32| amount * 30.0 / f64::from(days);
    let customers = rows
        .into_iter()
        .filter_map(|r| {
            let (ob, or) =
                (per_30(f64::from(r.before_orders), w.before_days), per_30(f64::from(r.recent_orders), w.recent_days));
            let (sb, sr) = (
                per_30(r.before_spend_minor as f64, w.before_days),
                per_30(r.recent_spend_minor as f64, w.recent_days),
            );
            let orders_fell = r.before_orders > 0 && or < ob / 2.0;
            let spend_fell = r.before_spend_minor > 0 && sr < sb / 2.0;
            let fell = match (orders_fell, spend_fell) {
                (true, true) => "orders and spend",
                (true, false) => "orders",
                (false, true) => "spend",
                (false, false) => return None,
            };
            Some(LosingValueRow {
                customer_id: r.customer_id,
                name: r.name,
                email: r.email,
                phone: r.phone,
                value_18m_minor: r.trailing_spend_minor,
                orders_per_30d_before: ob,
                orders_per_30d_recent: or,
                spend_per_30d_before_minor: sb.round() as i64,
                spend_per_30d_recent_minor: sr.round() as i64,
                fell: fell.to_owned(),
            })
        })
        .collect();
    Ok(LosingValueReport { basis, top_decile: top as u64, customers })
}

// ---------------------------------------------------------------- event buyers

/// A customer to leave out of category targeting, and why.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EventBuyerRow {
    /// The business's id.
    pub customer_id: String,
    /// Name.
    pub name: String,
    /// `occasion` (all their buying on one occasion in seasonal categories), `seasonal_order` (an
    /// occasion purchase unlike the rest of their history) or `one_off` (orders marked one-off).
    pub kind: String,
    /// The orders concerned.
    pub orders: Vec<String>,
    /// Their categories.
    pub categories: Vec<String>,
    /// Why.
    pub reason: Reason,
}

/// Event buyers and one-off orders.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EventBuyersReport {
    /// Scoring date and currency.
    #[serde(flatten)]
    pub basis: ReportBasis,
    /// Categories whose orders crowd into two fortnights of the year (half or more of them).
    pub seasonal_categories: Vec<String>,
    /// The customers.
    pub customers: Vec<EventBuyerRow>,
}

/// The longest span, in days, of one occasion's buying.
pub const OCCASION_DAYS: i64 = 14;

/// Which categories are seasonal, from their orders by fortnight of the year: at least 20 orders, half of
/// them or more in two fortnights (costumes before Halloween and Purim, gifts before Nowruz).
fn seasonal_flags(by_fortnight: &[[u64; 27]]) -> Vec<bool> {
    by_fortnight
        .iter()
        .map(|counts| {
            let total: u64 = counts.iter().sum();
            let mut sorted = *counts;
            sorted.sort_unstable_by(|a, b| b.cmp(a));
            total >= 20 && (sorted[0] + sorted[1]) * 2 >= total
        })
        .collect()
}

/// The customers the seasonal-occasion rule finds by the end of `as_of`: every counted order in seasonal
/// categories, all within [`OCCASION_DAYS`] — one occasion, nothing else. With the customers whose every
/// order is marked one-off, they are the event buyers (`ladder_domain::ladder::is_event_buyer`), whom
/// scoring gives no predicted return. One streaming pass over the orders: it counts the seasons and keeps
/// only the customers whose orders so far fall within one occasion, with their categories, which are
/// checked against the seasons at the end.
pub fn occasion_buyers(
    store: &dyn Store,
    as_of: NaiveDate,
) -> Result<std::collections::HashSet<CustomerId>, StoreError> {
    let mut index: BTreeMap<String, usize> = BTreeMap::new();
    let mut by_fortnight: Vec<[u64; 27]> = Vec::new();
    // Customers whose orders so far fall within one occasion, with the categories they bought; the
    // seasons are known only once every order has been read.
    let mut candidates: Vec<(CustomerId, Vec<usize>)> = Vec::new();
    // The customer being read: id, first and last day, categories, and whether an order had none.
    let mut current: Option<(CustomerId, i64, i64, Vec<usize>, bool)> = None;
    let close = |c: Option<(CustomerId, i64, i64, Vec<usize>, bool)>, out: &mut Vec<(CustomerId, Vec<usize>)>| {
        if let Some((id, first, last, categories, uncategorised)) = c
            && !uncategorised
            && last - first <= OCCASION_DAYS
        {
            out.push((id, categories));
        }
    };
    store.orders_with_categories(as_of, &mut |o| {
        let mut categories = Vec::with_capacity(o.categories.len());
        for c in &o.categories {
            // Looked up before inserting: most orders name categories already seen, and need no copy.
            let i = match index.get(c) {
                Some(&i) => i,
                None => {
                    let next = index.len();
                    index.insert(c.clone(), next);
                    next
                }
            };
            if i == by_fortnight.len() {
                by_fortnight.push([0; 27]);
            }
            by_fortnight[i][(o.day.ordinal0() / 14) as usize] += 1;
            categories.push(i);
        }
        let day = date_day_number(o.day);
        match &mut current {
            Some((id, first, last, seen, uncategorised)) if *id == o.customer => {
                *first = (*first).min(day);
                *last = (*last).max(day);
                *uncategorised |= categories.is_empty();
                // A span already longer than one occasion needs its categories no more.
                if *last - *first <= OCCASION_DAYS {
                    seen.extend(categories);
                }
            }
            _ => {
                close(current.take(), &mut candidates);
                let uncategorised = categories.is_empty();
                current = Some((o.customer, day, day, categories, uncategorised));
            }
        }
        Ok(())
    })?;
    close(current, &mut candidates);
    let seasonal = seasonal_flags(&by_fortnight);
    Ok(candidates
        .into_iter()
        .filter(|(_, categories)| categories.iter().all(|&c| seasonal[c]))
        .map(|(id, _)| id)
        .collect())
}

/// An order as the event-buyer analysis keeps it.
struct CompactOrder {
    order_id: String,
    day: i64,
    one_off: bool,
    categories: Vec<u16>,
}

/// Finds event buyers: customers whose buying is one occasion in seasonal categories, occasion
/// purchases unlike the rest of a customer's history, and orders marked one-off.
pub fn event_buyers(store: &dyn Store) -> Result<EventBuyersReport, AnalyticsError> {
    let basis = ReportBasis::read(store)?;
    let as_of = scored_as_of(&basis)?;
    let mut names: Vec<String> = Vec::new();
    let mut index: BTreeMap<String, u16> = BTreeMap::new();
    let mut by_fortnight: Vec<[u64; 27]> = Vec::new();
    let mut customers: Vec<(String, String, Vec<CompactOrder>)> = Vec::new();
    let mut last = None;
    store.orders_with_categories(as_of, &mut |o| {
        let categories: Vec<u16> = o
            .categories
            .iter()
            .map(|c| {
                *index.entry(c.clone()).or_insert_with(|| {
                    names.push(c.clone());
                    by_fortnight.push([0; 27]);
                    (names.len() - 1) as u16
                })
            })
            .collect();
        let fortnight = (o.day.ordinal0() / 14) as usize;
        for &c in &categories {
            by_fortnight[usize::from(c)][fortnight] += 1;
        }
        if last != Some(o.customer) {
            customers.push((o.customer_id.clone(), o.name.clone(), Vec::new()));
            last = Some(o.customer);
        }
        let order = CompactOrder { order_id: o.order_id, day: date_day_number(o.day), one_off: o.one_off, categories };
        customers.last_mut().expect("pushed above").2.push(order);
        Ok(())
    })?;
    let seasonal = seasonal_flags(&by_fortnight);
    let category_names = |cats: &mut Vec<u16>| -> Vec<String> {
        cats.sort_unstable();
        cats.dedup();
        cats.iter().map(|&c| names[usize::from(c)].clone()).collect()
    };
    let mut rows = Vec::new();
    for (customer_id, name, orders) in customers {
        let is_seasonal =
            |o: &CompactOrder| !o.categories.is_empty() && o.categories.iter().all(|&c| seasonal[usize::from(c)]);
        let (first, last_day) = (orders[0].day, orders[orders.len() - 1].day);
        if orders.iter().all(is_seasonal) && last_day - first <= OCCASION_DAYS {
            let mut cats: Vec<u16> = orders.iter().flat_map(|o| o.categories.iter().copied()).collect();
            let categories = category_names(&mut cats);
            let reason = Reason::EventOccasion {
                from: date_of_day(first),
                to: date_of_day(last_day),
                categories: categories.clone(),
            };
            rows.push(EventBuyerRow {
                customer_id: customer_id.clone(),
                name: name.clone(),
                kind: "occasion".to_owned(),
                orders: orders.iter().map(|o| o.order_id.clone()).collect(),
                categories,
                reason,
            });
        } else {
            let usual: Vec<u16> =
                orders.iter().filter(|o| !is_seasonal(o)).flat_map(|o| o.categories.iter().copied()).collect();
            let unusual: Vec<&CompactOrder> =
                orders.iter().filter(|o| is_seasonal(o) && o.categories.iter().all(|c| !usual.contains(c))).collect();
            if !unusual.is_empty() && !usual.is_empty() {
                let mut cats: Vec<u16> = unusual.iter().flat_map(|o| o.categories.iter().copied()).collect();
                let categories = category_names(&mut cats);
                let dates = unusual.iter().map(|o| date_of_day(o.day)).collect();
                let reason = Reason::EventSeasonalOrders { categories: categories.clone(), dates };
                rows.push(EventBuyerRow {
                    customer_id: customer_id.clone(),
                    name: name.clone(),
                    kind: "seasonal_order".to_owned(),
                    orders: unusual.iter().map(|o| o.order_id.clone()).collect(),
                    categories,
                    reason,
                });
            }
        }
        let one_off: Vec<&CompactOrder> = orders.iter().filter(|o| o.one_off).collect();
        if !one_off.is_empty() {
            let mut cats: Vec<u16> = one_off.iter().flat_map(|o| o.categories.iter().copied()).collect();
            let dates = one_off.iter().map(|o| date_of_day(o.day)).collect();
            rows.push(EventBuyerRow {
                customer_id,
                name,
                kind: "one_off".to_owned(),
                orders: one_off.iter().map(|o| o.order_id.clone()).collect(),
                categories: category_names(&mut cats),
                reason: Reason::EventOneOff { dates },
            });
        }
    }
    let seasonal_categories = names.iter().zip(&seasonal).filter(|(_, s)| **s).map(|(n, _)| n.clone()).collect();
    Ok(EventBuyersReport { basis, seasonal_categories, customers: rows })
}
