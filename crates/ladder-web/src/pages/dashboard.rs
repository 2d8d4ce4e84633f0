//! The dashboard: the ladder as a funnel, the states, the road to the third order, the best customers
//! losing value, and the top of the team's queue for today (the tasks the playbooks gave, overdue first).
//!
//! Everything on it but the queue changes only when the shop is scored again, so the figures are
//! computed once per scoring (keyed by its time) and kept in memory; the page then costs a template
//! render, the queue's first six tasks and their count.

use crate::auth::Viewer;
use crate::charts::{Bar, bars};
use crate::error::WebError;
use crate::pages::{Frame, page};
use crate::state::AppState;
use axum::extract::State;
use axum::response::Html;
use ladder_app::analytics::{LosingValueRow, losing_value};
use ladder_app::reports::{LadderReport, ThirdPurchaseReport, ladder, third_purchase};
use ladder_domain::Rung;
use ladder_domain::access::Permission;
use ladder_store::Store;
use serde::Serialize;
use std::sync::Arc;

#[derive(Serialize)]
pub(crate) struct Dashboard {
    pub(crate) ladder: LadderReport,
    funnel: Vec<Bar>,
    states: Vec<Bar>,
    third: ThirdPurchaseReport,
    third_bars: Vec<Bar>,
    losing: Vec<LosingValueRow>,
    pub(crate) moves: Vec<Movement>,
    /// Month-to-date tiles in Gregorian months, then in Jalali months (for Persian readers).
    tiles: [Vec<Tile>; 2],
}

/// A figure of this month so far, beside the same days of last month and of the month a year ago.
#[derive(Serialize)]
pub(crate) struct Tile {
    /// `revenue`, `orders`, `average-order` or `repeat-rate`.
    key: &'static str,
    /// Money in minor units, a count, or a share 0–1 (`repeat-rate`); `None` where there is nothing to
    /// divide by.
    now: Option<f64>,
    /// Change against last month's same days, a ratio (0.12 = +12 %).
    against_last_month: Option<f64>,
    /// Change against a year ago.
    against_last_year: Option<f64>,
}

fn tiles(
    store: &dyn Store,
    as_of: Option<chrono::NaiveDate>,
    currency: Option<&str>,
    calendar: ladder_domain::date::Calendar,
) -> Result<Vec<Tile>, WebError> {
    let (Some(as_of), Some(currency)) = (as_of, currency) else { return Ok(Vec::new()) };
    // This month to date against the same days of the last month and of a year ago, in the months of
    // the reader's calendar.
    let periods = calendar.month_to_date(as_of);
    let t = store.period_totals(&periods, currency)?;
    let ratio = |a: u64, b: u64| (b > 0).then(|| a as f64 / b as f64);
    let figure = |p: &ladder_store::PeriodTotals, key: &str| match key {
        "revenue" => Some(p.revenue_minor as f64),
        "orders" => Some(p.orders as f64),
        "average-order" => (p.orders > 0).then(|| p.revenue_minor as f64 / p.orders as f64),
        _ => ratio(p.returning_buyers, p.buyers),
    };
    let change = |now: Option<f64>, then: Option<f64>| match (now, then) {
        (Some(n), Some(t)) if t > 0.0 => Some(n / t - 1.0),
        _ => None,
    };
    Ok(["revenue", "orders", "average-order", "repeat-rate"]
        .into_iter()
        .map(|key| {
            let now = figure(&t[0], key);
            Tile {
                key,
                now,
                against_last_month: change(now, figure(&t[1], key)),
                against_last_year: change(now, figure(&t[2], key)),
            }
        })
        .collect())
}

/// Moves between rungs, up or down the ladder.
#[derive(Serialize)]
pub(crate) struct Movement {
    pub(crate) from: Option<String>,
    pub(crate) to: Option<String>,
    pub(crate) count: u64,
    up: bool,
    /// The bar's length, relative to the largest move (0–100).
    length: f64,
}

/// How far up the ladder a rung is (not placed: below the first rung).
fn height(rung: Option<&str>) -> i32 {
    rung.and_then(Rung::parse).and_then(|r| Rung::ALL.iter().position(|x| *x == r)).map_or(-1, |p| p as i32)
}

/// The moves between rungs since `since`, largest first.
fn movement(store: &dyn Store, since: chrono::NaiveDate) -> Result<Vec<Movement>, WebError> {
    let moves = store.moves_since(ladder_store::ChangeKind::Rung, since)?;
    let lengths = bars(moves.iter().map(|m| (String::new(), m.count, 0.0)));
    Ok(moves
        .into_iter()
        .zip(lengths)
        .map(|(m, bar)| Movement {
            up: height(m.to.as_deref()) > height(m.from.as_deref()),
            from: m.from,
            to: m.to,
            count: m.count,
            length: bar.length,
        })
        .collect())
}

/// The first day of the movement shown when no date is chosen: 30 days before the scoring.
fn default_since(ladder: &LadderReport) -> chrono::NaiveDate {
    ladder.basis.as_of.unwrap_or_default() - chrono::Duration::days(30)
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
    let moves = movement(store, default_since(&ladder))?;
    let in_calendar = |calendar| tiles(store, ladder.basis.as_of, ladder.basis.currency.as_deref(), calendar);
    let tiles =
        [in_calendar(ladder_domain::date::Calendar::Gregorian)?, in_calendar(ladder_domain::date::Calendar::Jalali)?];
    Ok(Dashboard { ladder, funnel, states, third, third_bars, losing, moves, tiles })
}

/// The dashboard of the last scoring, computed once per scoring: its figures come from the scores, so
/// edits and imports in between do not change them (the page says when new data awaits a scoring).
pub(crate) async fn dashboard(state: &AppState) -> Result<Arc<Dashboard>, WebError> {
    state.dashboard.get(state, compute).await
}

#[derive(serde::Deserialize, Default)]
pub(crate) struct Since {
    since: Option<String>,
}

pub(crate) async fn show(
    State(state): State<AppState>,
    viewer: Viewer,
    axum::extract::Query(chosen): axum::extract::Query<Since>,
) -> Result<Html<String>, WebError> {
    viewer.require(Permission::ViewCustomers)?;
    let data = dashboard(&state).await?;
    // Another first day than the default: those moves are counted now (an indexed query).
    let since = chosen.since.as_deref().and_then(|d| crate::views::read_typed_date(viewer.locale, d).ok());
    let moves = match since {
        Some(day) if day != default_since(&data.ladder) => Some(state.with_store(move |s| movement(s, day)).await?),
        _ => None,
    };
    let since = since.unwrap_or_else(|| default_since(&data.ladder)).to_string();
    let stale = state.with_store(|s| Ok(ladder_app::shop::scoring_status(s)?.stale)).await?;
    let currency = data.ladder.basis.currency.clone();
    let reports = viewer.can(Permission::ViewReports);
    // The team's queue is live: a task done leaves it at once.
    let (actor, locale) = (viewer.actor(), viewer.locale);
    let (queue, due) = state
        .with_app(move |app| {
            let fail = |e| WebError::of(e, locale);
            let first = crate::pages::today::open_tasks(app, None, &actor, 6).map_err(fail)?;
            let all = ladder_app::playbooks::tasks::TaskFilter {
                status: Some(ladder_domain::playbook::TaskStatus::Open),
                ..Default::default()
            };
            Ok((first, ladder_app::playbooks::tasks::count(app, &actor, &all).map_err(fail)?))
        })
        .await?;
    let queue: Vec<minijinja::Value> = queue
        .iter()
        .take(6)
        .map(|q| {
            minijinja::context! {
                task => minijinja::Value::from_serialize(&q.task),
                overdue_days => q.overdue_days,
                why => crate::pages::today::reason_words(&viewer, &q.task),
            }
        })
        .collect();
    page(
        "dashboard.html",
        Frame::new(&viewer, "dashboard", currency),
        minijinja::context! {
            d => minijinja::Value::from_serialize(data.as_ref()),
            tiles => minijinja::Value::from_serialize(
                &data.tiles[usize::from(viewer.locale.calendar() == ladder_domain::date::Calendar::Jalali)]
            ),
            reports, stale, since, moves, queue, due,
        },
    )
}
