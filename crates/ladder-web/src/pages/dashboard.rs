//! Today: the ladder as a funnel, the states, the road to the third order, the best customers losing
//! value, and whom to contact today and why.
//!
//! Everything on it changes only when the shop is scored again, so the figures are computed once per
//! scoring (keyed by its time) and kept in memory; the page then costs a template render.

use crate::auth::Viewer;
use crate::charts::{Bar, bars};
use crate::error::WebError;
use crate::pages::{Frame, page};
use crate::state::AppState;
use axum::extract::State;
use axum::response::Html;
use ladder_app::analytics::{LosingValueRow, losing_value};
use ladder_app::reports::{LadderReport, ThirdPurchaseReport, ladder, third_purchase};
use ladder_domain::access::Permission;
use ladder_domain::{CustomerState, Rung};
use ladder_store::{CustomerQuery, CustomerSort, CustomerSummary, Store};
use serde::Serialize;
use std::sync::Arc;

/// One suggestion: whom, why (a message id), and what to do.
#[derive(Serialize, Clone)]
pub(crate) struct Contact {
    customer: CustomerSummary,
    reason: &'static str,
}

#[derive(Serialize)]
pub(crate) struct Dashboard {
    ladder: LadderReport,
    funnel: Vec<Bar>,
    states: Vec<Bar>,
    third: ThirdPurchaseReport,
    third_bars: Vec<Bar>,
    losing: Vec<LosingValueRow>,
    contacts: Vec<Contact>,
}

/// Whom to contact today: up to `limit` customers of a rung (and state), most recent or most valuable
/// first, with the reason shown next to them.
fn suggestions(store: &dyn Store) -> Result<Vec<Contact>, WebError> {
    let plays: [(Rung, Option<CustomerState>, CustomerSort, u32, &str); 4] = [
        (Rung::Repeat, Some(CustomerState::Active), CustomerSort::LastOrder, 4, "contact-push-third"),
        (Rung::Loyal, Some(CustomerState::Lapsed), CustomerSort::Spend, 3, "contact-welcome-back"),
        (Rung::Advocate, Some(CustomerState::Active), CustomerSort::Spend, 2, "contact-thank-advocate"),
        (Rung::Customer, Some(CustomerState::Active), CustomerSort::LastOrder, 3, "contact-ask-recent"),
    ];
    let mut out = Vec::new();
    for (rung, state, sort, limit, reason) in plays {
        let query = CustomerQuery { rung: Some(rung), state, sort, limit, ..CustomerQuery::default() };
        out.extend(store.list_customers(&query)?.into_iter().map(|customer| Contact { customer, reason }));
    }
    Ok(out)
}

fn compute(store: &dyn Store) -> Result<Dashboard, WebError> {
    let ladder = ladder(store)?;
    let funnel = bars(ladder.rungs.iter().map(|r| (format!("rung-{}", r.key), r.customers, r.share)));
    let states = bars(ladder.states.iter().map(|r| (format!("state-{}", r.key), r.customers, r.share)));
    let third = third_purchase(store)?;
    let third_bars =
        bars(third.steps.iter().map(|s| (format!("order-number-{}", s.order), s.customers, s.share_of_buyers)));
    // Without a scoring there is no window to compare; the dashboard says so instead of failing.
    let losing = losing_value(store).map(|r| r.customers).unwrap_or_default().into_iter().take(5).collect();
    Ok(Dashboard { ladder, funnel, states, third, third_bars, losing, contacts: suggestions(store)? })
}

/// The dashboard of the last scoring, computed once per scoring.
async fn dashboard(state: &AppState) -> Result<Arc<Dashboard>, WebError> {
    let cache = state.dashboard.clone();
    state
        .with_store(move |store| {
            let key = format!(
                "{:?}|{:?}",
                store.setting(ladder_app::settings::SCORED_AT)?,
                store.setting(ladder_app::settings::DATA_CHANGED_AT)?
            );
            if let Some((cached_key, data)) = cache.lock().expect("dashboard cache").as_ref()
                && *cached_key == key
            {
                return Ok(data.clone());
            }
            let data = Arc::new(compute(store)?);
            *cache.lock().expect("dashboard cache") = Some((key, data.clone()));
            Ok(data)
        })
        .await
}

pub(crate) async fn show(State(state): State<AppState>, viewer: Viewer) -> Result<Html<String>, WebError> {
    viewer.require(Permission::ViewCustomers)?;
    let data = dashboard(&state).await?;
    let currency = data.ladder.basis.currency.clone();
    let reports = viewer.can(Permission::ViewReports);
    page(
        "dashboard.html",
        Frame::new(&viewer, "dashboard", currency),
        minijinja::context! { d => minijinja::Value::from_serialize(data.as_ref()), reports },
    )
}
