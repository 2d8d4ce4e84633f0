//! The ladder: one column per rung, with its size, who is there and who moved recently, and the
//! playbook for the rung.

use crate::auth::Viewer;
use crate::error::WebError;
use crate::pages::{Frame, page};
use crate::state::AppState;
use axum::extract::State;
use axum::response::Html;
use ladder_domain::Rung;
use ladder_domain::access::Permission;
use ladder_store::{CustomerQuery, CustomerSort, CustomerSummary};
use serde::Serialize;

/// Customers shown per rung.
const PER_RUNG: u32 = 8;

#[derive(Serialize)]
struct Column {
    rung: &'static str,
    customers: u64,
    share: f64,
    revenue_minor: i64,
    /// Moves into and out of the rung in the 30 days before the scoring.
    moved_in: u64,
    moved_out: u64,
    /// The latest who came in, and who left.
    arrivals: Vec<ladder_store::MovedCustomer>,
    departures: Vec<ladder_store::MovedCustomer>,
    people: Vec<CustomerSummary>,
}

/// People shown per rung as having come in or gone out.
const MOVERS_SHOWN: usize = 4;

pub(crate) async fn show(State(state): State<AppState>, viewer: Viewer) -> Result<Html<String>, WebError> {
    viewer.require(Permission::ViewCustomers)?;
    let report = crate::pages::dashboard::dashboard(&state).await?;
    let rows = report.ladder.rungs.clone();
    let flows: Vec<(Option<String>, Option<String>, u64)> =
        report.moves.iter().map(|m| (m.from.clone(), m.to.clone(), m.count)).collect();
    let currency = report.ladder.basis.currency.clone();
    let since = report.ladder.basis.as_of.unwrap_or_default() - chrono::Duration::days(30);
    let columns = state
        .with_store(move |store| {
            // Newest first, from the history's index on (kind, time): the latest moves of every rung.
            let moved = store.moved_customers(ladder_store::ChangeKind::Rung, since, 2000)?;
            let mut columns = Vec::new();
            for &rung in Rung::ALL.iter() {
                let row = rows.iter().find(|r| r.key == rung.as_str());
                let query = CustomerQuery {
                    rung: Some(rung),
                    sort: CustomerSort::LastOrder,
                    limit: PER_RUNG,
                    ..CustomerQuery::default()
                };
                columns.push(Column {
                    rung: rung.as_str(),
                    customers: row.map_or(0, |r| r.customers),
                    share: row.map_or(0.0, |r| r.share),
                    revenue_minor: row.map_or(0, |r| r.revenue_minor),
                    moved_in: flows.iter().filter(|f| f.1.as_deref() == Some(rung.as_str())).map(|f| f.2).sum(),
                    moved_out: flows.iter().filter(|f| f.0.as_deref() == Some(rung.as_str())).map(|f| f.2).sum(),
                    arrivals: moved
                        .iter()
                        .filter(|m| m.to.as_deref() == Some(rung.as_str()) && m.from.is_some())
                        .take(MOVERS_SHOWN)
                        .cloned()
                        .collect(),
                    departures: moved
                        .iter()
                        .filter(|m| m.from.as_deref() == Some(rung.as_str()))
                        .take(MOVERS_SHOWN)
                        .cloned()
                        .collect(),
                    people: store.list_customers(&query)?,
                });
            }
            Ok(columns)
        })
        .await?;
    page("ladder.html", Frame::new(&viewer, "ladder", currency), minijinja::context! { columns })
}
