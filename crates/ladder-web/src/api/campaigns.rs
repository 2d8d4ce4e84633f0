//! Campaign endpoints: the same figures as `ladder campaign report|show` and the campaign pages, from
//! `ladder_app::campaigns`; campaigns written from the same fields as the form and the command line,
//! amounts as decimal text in the shop's currency; costs one at a time or as a CSV body.

use super::{ApiError, ApiUser};
use crate::state::AppState;
use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use chrono::{NaiveDate, Utc};
use ladder_app::campaigns::{CampaignForm, CampaignRow, CostImportError, CostImportSummary};
use ladder_domain::Currency;
use ladder_domain::access::Permission;
use ladder_domain::campaign::CostEntry;
use ladder_store::{Store, WriteOutcome};
use serde::Deserialize;
use serde_json::{Value, json};

#[derive(Deserialize, Default)]
#[serde(default)]
pub(crate) struct AsOf {
    as_of: Option<String>,
}

impl AsOf {
    fn day(&self) -> Result<NaiveDate, ApiError> {
        match self.as_of.as_deref() {
            None | Some("") => Ok(Utc::now().date_naive()),
            Some(d) => ladder_domain::date::parse_date(d)
                .map_err(|_| ApiError::field("as_of", "is not a date; use YYYY-MM-DD")),
        }
    }
}

fn currency(s: &dyn Store) -> Result<Result<Currency, ApiError>, crate::error::WebError> {
    Ok(crate::pages::campaigns::currency_of(s)?.ok_or_else(|| {
        ApiError::new(
            StatusCode::CONFLICT,
            "the shop has no currency yet; import orders first or set it in the shop settings",
        )
    }))
}

/// Every campaign's figures, as `ladder campaign report --format json`.
pub(crate) async fn list(
    State(state): State<AppState>,
    user: ApiUser,
    Query(as_of): Query<AsOf>,
) -> Result<Json<Value>, ApiError> {
    user.require(Permission::ViewReports)?;
    let day = as_of.day()?;
    let all = state.campaigns.get(&state, day).await?;
    let rows: Vec<&CampaignRow> = all.iter().map(|r| &r.row).collect();
    Ok(user.said(&rows))
}

/// One campaign: its figures, the campaign as defined, and the orders and customers counted, as
/// `ladder campaign show --format json`.
pub(crate) async fn one(
    State(state): State<AppState>,
    user: ApiUser,
    Path(id): Path<String>,
    Query(as_of): Query<AsOf>,
) -> Result<Json<Value>, ApiError> {
    user.require(Permission::ViewReports)?;
    let day = as_of.day()?;
    let all = state.campaigns.get(&state, day).await?;
    let report = all.iter().find(|r| r.campaign.id == id);
    report.map(|r| user.said(r)).ok_or_else(|| ApiError::new(StatusCode::NOT_FOUND, "no campaign with this id"))
}

/// A campaign as the API takes it: the form's fields, with codes as a list and counts as numbers.
#[derive(Deserialize)]
pub(crate) struct CampaignIn {
    id: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    channel: Option<String>,
    #[serde(default)]
    status: String,
    starts: String,
    #[serde(default)]
    ends: Option<String>,
    codes: Vec<String>,
    #[serde(default)]
    window_days: Option<u32>,
    #[serde(default)]
    target_segment: Option<String>,
    #[serde(default)]
    target_size: Option<u64>,
    #[serde(default)]
    budget: Option<String>,
    #[serde(default)]
    expected_revenue: Option<String>,
    #[serde(default)]
    expected_responses: Option<u64>,
    #[serde(default)]
    expected_sales: Option<u64>,
    #[serde(default)]
    notes: Option<String>,
}

impl CampaignIn {
    fn form(self) -> CampaignForm {
        let text = |v: Option<String>| v.unwrap_or_default();
        let count = |v: Option<u64>| v.map(|n| n.to_string()).unwrap_or_default();
        CampaignForm {
            id: self.id,
            name: self.name,
            kind: self.kind,
            channel: text(self.channel),
            status: self.status,
            starts: self.starts,
            ends: text(self.ends),
            codes: self.codes.join(","),
            window_days: self.window_days.map(|d| d.to_string()).unwrap_or_default(),
            target_segment: text(self.target_segment),
            target_size: count(self.target_size),
            budget: text(self.budget),
            expected_revenue: text(self.expected_revenue),
            expected_responses: count(self.expected_responses),
            expected_sales: count(self.expected_sales),
            notes: text(self.notes),
        }
    }
}

/// Creates a campaign, or replaces the one with this id (201 when created, 200 otherwise).
pub(crate) async fn put(
    State(state): State<AppState>,
    user: ApiUser,
    body: Result<Json<CampaignIn>, axum::extract::rejection::JsonRejection>,
) -> Result<Response, ApiError> {
    user.require(Permission::ManageCampaigns)?;
    let Json(body) = body?;
    if body.codes.iter().any(|c| c.contains(',')) {
        return Err(ApiError::field("codes", "a code cannot hold a comma; give each code as its own string"));
    }
    let form = body.form();
    let (actor, locale) = (user.actor(), user.locale());
    let saved = state
        .with_app(move |app| {
            let currency = match currency(app.store())? {
                Ok(c) => c,
                Err(e) => return Ok(Err(e)),
            };
            let campaign = match form.to_campaign(&currency) {
                Ok(c) => c,
                Err(e) => return Ok(Err(ApiError::problem(&e, locale))),
            };
            Ok(Ok((campaign.id.clone(), ladder_app::campaigns::save(app, &actor, &campaign))))
        })
        .await??;
    let (id, outcome) = saved;
    let (status, word) = match outcome.map_err(|e| user.fail(e))? {
        WriteOutcome::Inserted => (StatusCode::CREATED, "created"),
        WriteOutcome::Updated => (StatusCode::OK, "updated"),
        WriteOutcome::Unchanged => (StatusCode::OK, "unchanged"),
    };
    Ok((status, Json(json!({ "campaign_id": id, "outcome": word }))).into_response())
}

/// A campaign's cost entries, by day.
pub(crate) async fn costs(
    State(state): State<AppState>,
    user: ApiUser,
    Path(id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    user.require(Permission::ViewReports)?;
    let costs = state
        .with_store(move |s| {
            if s.campaign(&id)?.is_none() {
                return Ok(None);
            }
            Ok(Some(s.campaign_costs(&id)?))
        })
        .await?
        .ok_or_else(|| ApiError::new(StatusCode::NOT_FOUND, "no campaign with this id"))?;
    let total: i64 = costs.iter().fold(0i64, |sum, c| sum.saturating_add(c.amount_minor));
    Ok(Json(json!({ "costs": costs, "actual_cost": total })))
}

/// One cost: `{"spent_on": "2026-03-01", "amount": "450.00", "note": "printing"}`.
#[derive(Deserialize)]
pub(crate) struct CostIn {
    spent_on: String,
    amount: String,
    #[serde(default)]
    note: Option<String>,
}

/// Adds one dated cost to a campaign.
pub(crate) async fn add_cost(
    State(state): State<AppState>,
    user: ApiUser,
    Path(id): Path<String>,
    body: Result<Json<CostIn>, axum::extract::rejection::JsonRejection>,
) -> Result<Response, ApiError> {
    user.require(Permission::ManageCampaigns)?;
    let Json(body) = body?;
    let on = ladder_domain::date::parse_date(body.spent_on.trim())
        .map_err(|_| ApiError::field("spent_on", "is not a date; use YYYY-MM-DD"))?;
    let actor = user.actor();
    let added = state
        .with_app(move |app| {
            let currency = match currency(app.store())? {
                Ok(c) => c,
                Err(e) => return Ok(Err(e)),
            };
            let amount_minor = match currency.parse_amount(body.amount.trim()) {
                Ok(a) => a,
                Err(e) => return Ok(Err(ApiError::field("amount", e.to_string()))),
            };
            let note = body.note.map(|n| n.trim().to_owned()).filter(|n| !n.is_empty());
            let cost = CostEntry { on, amount_minor, note };
            Ok(Ok(ladder_app::campaigns::add_cost(app, &actor, &id, &cost).map(|()| cost)))
        })
        .await??;
    let added = added.map_err(|e| user.fail(e))?;
    Ok((StatusCode::CREATED, Json(added)).into_response())
}

/// Imports costs from a CSV body (`Content-Type: text/csv`), all rows or none, as `ladder campaign cost
/// import`: rows already recorded are not added again.
pub(crate) async fn import_costs(
    State(state): State<AppState>,
    user: ApiUser,
    body: Bytes,
) -> Result<Json<CostImportSummary>, ApiError> {
    user.require(Permission::ManageCampaigns)?;
    let actor = user.actor();
    let imported = state
        .with_app(move |app| {
            let currency = match currency(app.store())? {
                Ok(c) => c,
                Err(e) => return Ok(Err(e)),
            };
            Ok(Ok(ladder_app::campaigns::import_costs(app, &actor, body.as_ref(), "the request body", &currency)))
        })
        .await??;
    match imported {
        Ok(summary) => Ok(Json(summary)),
        Err(CostImportError::Refused(e)) => Err(user.fail(e)),
        Err(CostImportError::Invalid { line, column, value, problem, .. }) => {
            let said = crate::views::catalog().problem(user.locale(), &problem, &|f| f.to_owned());
            Err(ApiError::field(
                &format!("line {line}, {column}"),
                format!("{value:?}: {}; nothing was imported", ladder_i18n::plain(&said)),
            ))
        }
        Err(other) => Err(ApiError::field("body", format!("{other}; nothing was imported"))),
    }
}
