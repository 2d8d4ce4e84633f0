//! Reports: monthly cohorts as a heat table, and customers by 12-month value as a histogram.
//!
//! Both come from the last scoring and take seconds over a million customers, so, like the dashboard,
//! they are computed once per scoring (keyed by its time) and kept in memory.

use crate::auth::Viewer;
use crate::charts::{Bar, bars};
use crate::error::WebError;
use crate::pages::{Frame, page};
use crate::state::AppState;
use axum::extract::State;
use axum::response::Html;
use chrono::NaiveDate;
use ladder_app::analytics::{AnalyticsError, CohortReport, cohorts};
use ladder_domain::access::Permission;
use ladder_domain::date::Calendar;
use ladder_store::Store;
use serde::Serialize;
use std::sync::Arc;

/// The most recent cohorts shown, and the months after the first order: older and later ones would make
/// the table too wide to read.
const MAX_COHORTS: usize = 24;
const MAX_MONTHS: u32 = 12;

#[derive(Serialize)]
pub(crate) struct Reports {
    as_of: Option<NaiveDate>,
    currency: Option<String>,
    /// The cohort tables in Gregorian months, then in Jalali months (for Persian readers).
    cohort_tables: [CohortTable; 2],
    /// The road to the third purchase by month of the first order (Gregorian, then Jalali months), the
    /// last [`MAX_COHORTS`] of them.
    paths_by_cohort: [Vec<ladder_app::analytics::PathGroup>; 2],
    /// The road to the third purchase by campaign code of the first order, most customers first.
    paths_by_campaign: Vec<ladder_app::analytics::PathGroup>,
    clv: Vec<ClvBar>,
    /// Customers per RFM segment, with their orders and revenue.
    rfm: Vec<ladder_app::reports::GroupRow>,
    /// The best customers losing value, the first [`LISTED`].
    losing: Vec<ladder_app::analytics::LosingValueRow>,
    /// Event buyers and one-off orders, the first [`LISTED`].
    event_buyers: Vec<ladder_app::analytics::EventBuyerRow>,
}

/// Rows a list on the reports page shows (the command line gives them all).
const LISTED: usize = 50;

/// Cohorts by the month of their first order.
#[derive(Serialize)]
struct CohortTable {
    /// Months since the first order, one column each.
    columns: Vec<u32>,
    cohorts: Vec<CohortLine>,
}

/// One cohort: its month, size, and a cell per column (`None`: that month has not come yet).
#[derive(Serialize)]
struct CohortLine {
    month: String,
    customers: u64,
    cells: Vec<Option<Cell>>,
}

/// The share still buying, and how strongly to shade it (0–1, relative to the best later month).
#[derive(Serialize, Debug, PartialEq)]
struct Cell {
    share: f64,
    opacity: f64,
}

/// Customers with a 12-month value from `from_minor` up to `to_minor` (`None`: no upper edge).
#[derive(Serialize)]
struct ClvBar {
    from_minor: i64,
    to_minor: Option<i64>,
    bar: Bar,
}

/// Months from the month `cohort` (`YYYY-MM`, of either calendar) to the month of `as_of`.
fn months_until(cohort: &str, as_of: NaiveDate) -> Option<u32> {
    let (calendar, start) = Calendar::of_month_key(cohort)?;
    u32::try_from(calendar.month_index(as_of) - start).ok()
}

fn cohort_table(report: &CohortReport) -> (Vec<u32>, Vec<CohortLine>) {
    let Some(as_of) = report.basis.as_of else { return (Vec::new(), Vec::new()) };
    let shown = &report.cohorts[report.cohorts.len().saturating_sub(MAX_COHORTS)..];
    let span = |cohort: &str| months_until(cohort, as_of).unwrap_or(0).min(MAX_MONTHS);
    let width = shown.iter().map(|c| span(&c.cohort)).max().map_or(0, |w| w + 1);
    // Month 0 is everyone; the later months are far lower, so they are shaded against the best of them.
    let best = shown
        .iter()
        .flat_map(|c| c.months.iter())
        .filter(|m| m.months_since > 0 && m.months_since <= MAX_MONTHS)
        .map(|m| m.share_buying)
        .fold(0.0_f64, f64::max);
    let rows = shown
        .iter()
        .map(|c| {
            let cells = (0..width)
                .map(|since| {
                    (since <= span(&c.cohort)).then(|| {
                        let share = c.months.iter().find(|m| m.months_since == since).map_or(0.0, |m| m.share_buying);
                        let opacity = match since {
                            0 => 1.0,
                            _ if best > 0.0 => (share / best).min(1.0),
                            _ => 0.0,
                        };
                        Cell { share, opacity: (opacity * 100.0).round() / 100.0 }
                    })
                })
                .collect();
            CohortLine { month: c.cohort.clone(), customers: c.customers, cells }
        })
        .collect();
    ((0..width).collect(), rows)
}

/// Edges that grow by round factors (1, 2, 5 times a power of ten, minor units) up to the highest value,
/// from zero: customer values are skewed — most are small, a few are large — and even steps put nearly
/// everyone in the first bar. At most ten buckets; the last holds the highest value.
fn clv_edges(max_minor: i64) -> Vec<i64> {
    let max = max_minor.max(0);
    let mut rounds = Vec::new();
    let mut power = 1_i64;
    'grow: loop {
        for factor in [1, 2, 5] {
            let Some(edge) = power.checked_mul(factor) else { break 'grow };
            if edge > max {
                break 'grow;
            }
            rounds.push(edge);
        }
        let Some(next) = power.checked_mul(10) else { break };
        power = next;
    }
    // The lowest edges hold almost nobody (a value of a few cents): keep the top nine, and zero.
    let kept = &rounds[rounds.len().saturating_sub(9)..];
    std::iter::once(0).chain(kept.iter().copied()).collect()
}

fn clv_bars(store: &dyn Store) -> Result<Vec<ClvBar>, WebError> {
    let Some(max) = store.clv_histogram(&[])?.max_minor else { return Ok(Vec::new()) };
    let edges = clv_edges(max);
    let counts = store.clv_histogram(&edges)?.counts;
    let total: u64 = counts.iter().sum();
    let share = |n: u64| if total == 0 { 0.0 } else { n as f64 / total as f64 };
    let bars = bars(counts.iter().map(|&n| (String::new(), n, share(n))));
    Ok(bars
        .into_iter()
        .enumerate()
        .map(|(i, bar)| ClvBar { from_minor: edges[i], to_minor: edges.get(i + 1).copied(), bar })
        .collect())
}

fn compute(store: &dyn Store) -> Result<Reports, WebError> {
    let in_calendar = |calendar: Calendar| match cohorts(store, calendar) {
        Ok(report) => Ok(report),
        // Not scored yet: the page says so.
        Err(AnalyticsError::NotReady(_)) => {
            Ok(CohortReport { basis: ladder_app::reports::ReportBasis::read(store)?, cohorts: Vec::new() })
        }
        Err(e) => Err(WebError::internal(e)),
    };
    let report = in_calendar(Calendar::Gregorian)?;
    let jalali = in_calendar(Calendar::Jalali)?;
    let table = |report: &CohortReport| {
        let (columns, cohorts) = cohort_table(report);
        CohortTable { columns, cohorts }
    };
    // One read of the buyers' paths for both calendars.
    let all_paths = store.purchase_paths()?;
    let (gregorian_paths, jalali_paths) = (
        ladder_app::analytics::paths_of(&all_paths, Calendar::Gregorian),
        ladder_app::analytics::paths_of(&all_paths, Calendar::Jalali),
    );
    let recent = |groups: Vec<ladder_app::analytics::PathGroup>| {
        let skip = groups.len().saturating_sub(MAX_COHORTS);
        groups.into_iter().skip(skip).collect::<Vec<_>>()
    };
    // Before a scoring these have nothing to say; the page says so.
    let losing = ladder_app::analytics::losing_value(store).map(|r| r.customers).unwrap_or_default();
    let event_buyers = ladder_app::analytics::event_buyers(store).map(|r| r.customers).unwrap_or_default();
    Ok(Reports {
        as_of: report.basis.as_of,
        currency: report.basis.currency.clone(),
        cohort_tables: [table(&report), table(&jalali)],
        paths_by_cohort: [recent(gregorian_paths.by_cohort), recent(jalali_paths.by_cohort)],
        paths_by_campaign: gregorian_paths.by_first_campaign,
        clv: clv_bars(store)?,
        rfm: ladder_app::reports::rfm(store)?.segments,
        losing: losing.into_iter().take(LISTED).collect(),
        event_buyers: event_buyers.into_iter().take(LISTED).collect(),
    })
}

/// The reports of the last scoring, computed once per scoring.
pub(crate) async fn reports(state: &AppState) -> Result<Arc<Reports>, WebError> {
    state.reports.get(state, compute).await
}

pub(crate) async fn show(State(state): State<AppState>, viewer: Viewer) -> Result<Html<String>, WebError> {
    viewer.require(Permission::ViewReports)?;
    let data = reports(&state).await?;
    let catalog = crate::views::catalog();
    let why: Vec<String> = data.event_buyers.iter().map(|e| catalog.reason(viewer.locale, &e.reason)).collect();
    let calendar = usize::from(viewer.locale.calendar() == Calendar::Jalali);
    let cohorts = &data.cohort_tables[calendar];
    let paths_by_cohort = &data.paths_by_cohort[calendar];
    page(
        "reports.html",
        Frame::new(&viewer, "reports", data.currency.clone()),
        minijinja::context! {
            r => minijinja::Value::from_serialize(data.as_ref()),
            cohorts => minijinja::Value::from_serialize(cohorts),
            paths_by_cohort => minijinja::Value::from_serialize(paths_by_cohort),
            why,
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use ladder_app::analytics::{CohortMonth, CohortRow};

    #[test]
    fn edges_grow_by_round_factors_and_the_last_bucket_holds_the_highest_value() {
        assert_eq!(clv_edges(0), [0]);
        assert_eq!(clv_edges(9), [0, 1, 2, 5]);
        assert_eq!(clv_edges(10), [0, 1, 2, 5, 10]);
        assert_eq!(clv_edges(123_456), [0, 200, 500, 1_000, 2_000, 5_000, 10_000, 20_000, 50_000, 100_000]);
        assert_eq!(clv_edges(-5), [0]);
        assert!(clv_edges(i64::MAX).len() <= 10, "no overflow at the top");
    }

    #[test]
    fn cohorts_fill_missing_months_and_stop_at_the_scoring() {
        let month = |months_since, share_buying| CohortMonth { months_since, share_buying, revenue_minor: 0 };
        let report = CohortReport {
            basis: ladder_app::reports::ReportBasis {
                as_of: NaiveDate::from_ymd_opt(2026, 3, 10),
                stale: false,
                currency: None,
                state_basis: None,
            },
            cohorts: vec![
                CohortRow { cohort: "2026-01".to_owned(), customers: 10, months: vec![month(0, 1.0), month(2, 0.2)] },
                CohortRow { cohort: "2026-02".to_owned(), customers: 5, months: vec![month(0, 1.0), month(1, 0.1)] },
            ],
        };
        let (columns, rows) = cohort_table(&report);
        assert_eq!(columns, [0, 1, 2]);
        let cell = |share, opacity| Some(Cell { share, opacity });
        assert_eq!(rows[0].cells, [cell(1.0, 1.0), cell(0.0, 0.0), cell(0.2, 1.0)]);
        assert_eq!(rows[1].cells, [cell(1.0, 1.0), cell(0.1, 0.5), None]);
    }
}
