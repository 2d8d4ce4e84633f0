//! Messaging endpoints: broadcasts (compose, see who will receive one, send), the outbox, and a
//! customer's consent ledger and answers — the same use-cases as the Messages pages and
//! `ladder broadcast`, `ladder outbox`, `ladder consent`.

use super::{ApiError, ApiUser};
use crate::state::AppState;
use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use ladder_app::broadcasts::{self, BroadcastDraft};
use ladder_app::consent::ConsentChange;
use ladder_domain::Channel;
use ladder_domain::access::Permission;
use ladder_domain::broadcast::{Audience, cause};
use ladder_domain::consent::{ConsentMethod, LegalBasis, Purpose};
use ladder_domain::messaging::OutboxStatus;
use ladder_store::OutboxQuery;
use serde::Deserialize;
use serde_json::json;

fn channel(text: &str) -> Result<Channel, ApiError> {
    Channel::parse(text).ok_or_else(|| ApiError::field("channel", format!("channel is one of {}", Channel::names())))
}

/// A broadcast to compose.
#[derive(Deserialize)]
pub(crate) struct BroadcastAsked {
    template: String,
    #[serde(default = "super::email")]
    channel: String,
    audience: Audience,
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    campaign_code: Option<String>,
    /// RFC 3339.
    #[serde(default)]
    send_at: Option<String>,
    /// What the caps would skip waits until they free.
    #[serde(default)]
    defer_capped: bool,
}

/// A broadcast with what sending it would do (a draft), or what became of its messages and what they
/// brought.
fn shown(app: &ladder_app::App, user: &ApiUser, id: i64) -> Result<serde_json::Value, ApiError> {
    let report = broadcasts::report(app, &user.actor(), id).map_err(|e| user.fail(e))?;
    Ok(json!(report))
}

pub(crate) async fn create_broadcast(
    State(state): State<AppState>,
    user: ApiUser,
    body: Result<Json<BroadcastAsked>, axum::extract::rejection::JsonRejection>,
) -> Result<Response, ApiError> {
    user.require(Permission::ManageCampaigns)?;
    let Json(asked) = body?;
    let send_at = asked
        .send_at
        .as_deref()
        .map(|t| {
            ladder_domain::date::parse_timestamp(t)
                .map_err(|_| ApiError::field("send_at", "send_at is a time such as 2026-12-24T09:00:00+02:00"))
        })
        .transpose()?;
    let draft = BroadcastDraft {
        name: asked.name,
        template: asked.template,
        channel: channel(&asked.channel)?,
        audience: asked.audience,
        campaign_code: asked.campaign_code,
        send_at,
        defer_capped: asked.defer_capped,
    };
    let made = state
        .with_app(move |app| {
            Ok(broadcasts::create(app, &user.actor(), &draft)
                .map_err(|e| user.fail(e))
                .and_then(|id| shown(app, &user, id)))
        })
        .await?;
    Ok((StatusCode::CREATED, Json(made?)).into_response())
}

pub(crate) async fn list_broadcasts(State(state): State<AppState>, user: ApiUser) -> Result<Response, ApiError> {
    user.require(Permission::ViewReports)?;
    let list = state.with_store(|s| Ok(s.broadcasts(200)?)).await?;
    Ok(Json(json!(list)).into_response())
}

pub(crate) async fn one_broadcast(
    State(state): State<AppState>,
    user: ApiUser,
    Path(id): Path<i64>,
) -> Result<Response, ApiError> {
    user.require(Permission::ViewReports)?;
    let found = state.with_app(move |app| Ok(shown(app, &user, id))).await?;
    Ok(Json(found?).into_response())
}

pub(crate) async fn send_broadcast(
    State(state): State<AppState>,
    user: ApiUser,
    Path(id): Path<i64>,
) -> Result<Response, ApiError> {
    user.require(Permission::ManageCampaigns)?;
    let sent =
        state.with_app(move |app| Ok(broadcasts::send(app, &user.actor(), id).map_err(|e| user.fail(e)))).await?;
    let job = sent?;
    Ok((StatusCode::ACCEPTED, Json(json!({ "broadcast": id, "job_id": job.0 }))).into_response())
}

/// Which messages to list.
#[derive(Deserialize, Default)]
#[serde(default)]
pub(crate) struct OutboxAsked {
    broadcast: Option<i64>,
    cause: Option<String>,
    customer_id: Option<String>,
    status: Option<String>,
    channel: Option<String>,
    limit: Option<u32>,
}

pub(crate) async fn outbox(
    State(state): State<AppState>,
    user: ApiUser,
    Query(asked): Query<OutboxAsked>,
) -> Result<Response, ApiError> {
    user.require(Permission::ViewCustomers)?;
    let status = super::one_of("status", asked.status.as_deref(), OutboxStatus::parse, &OutboxStatus::names())?;
    let query = OutboxQuery {
        cause: asked.broadcast.map(cause).or(asked.cause),
        customer_id: asked.customer_id,
        status,
        limit: asked.limit.unwrap_or(100).clamp(1, 10_000),
        channel: asked.channel.as_deref().map(channel).transpose()?,
    };
    let messages = state.with_store(move |s| Ok(s.outbox(&query)?)).await?;
    Ok(Json(json!(messages)).into_response())
}

/// An answer to record.
#[derive(Deserialize)]
pub(crate) struct ConsentAsked {
    channel: String,
    #[serde(default)]
    purpose: Option<String>,
    granted: bool,
    #[serde(default)]
    method: Option<String>,
    #[serde(default)]
    basis: Option<String>,
    /// Where, in the shop's words ("checkout", "newsletter form"); the token's owner when not given.
    #[serde(default)]
    source: Option<String>,
    /// The wording shown, the form's reference, a double opt-in's confirmation.
    #[serde(default)]
    evidence: Option<String>,
}

pub(crate) async fn record_consent(
    State(state): State<AppState>,
    user: ApiUser,
    Path(customer_id): Path<String>,
    body: Result<Json<ConsentAsked>, axum::extract::rejection::JsonRejection>,
) -> Result<Response, ApiError> {
    user.require(Permission::EditCustomers)?;
    let Json(asked) = body?;
    let purpose = match asked.purpose.as_deref() {
        None => Purpose::Marketing,
        Some(p) => Purpose::parse(p)
            .ok_or_else(|| ApiError::field("purpose", format!("purpose is one of {}", Purpose::names())))?,
    };
    let method = match asked.method.as_deref() {
        None => ConsentMethod::Api,
        Some(m) => ConsentMethod::parse(m)
            .ok_or_else(|| ApiError::field("method", format!("method is one of {}", ConsentMethod::names())))?,
    };
    let basis = asked
        .basis
        .as_deref()
        .map(|b| {
            LegalBasis::parse(b)
                .ok_or_else(|| ApiError::field("basis", format!("basis is one of {}", LegalBasis::names())))
        })
        .transpose()?;
    let answer = ConsentChange {
        channel: channel(&asked.channel)?,
        purpose,
        granted: asked.granted,
        method,
        basis,
        source: asked.source.filter(|s| !s.trim().is_empty()).unwrap_or_else(|| user.source()),
        evidence: asked.evidence,
    };
    let ledger = state
        .with_app(move |app| {
            Ok(ladder_app::consent::record(app, &user.actor(), &customer_id, &answer).map_err(|e| user.fail(e)))
        })
        .await?;
    Ok((StatusCode::CREATED, Json(json!(ledger?))).into_response())
}

pub(crate) async fn consent_ledger(
    State(state): State<AppState>,
    user: ApiUser,
    Path(customer_id): Path<String>,
) -> Result<Response, ApiError> {
    user.require(Permission::ViewCustomers)?;
    let ledger = state
        .with_app(move |app| {
            Ok(ladder_app::consent::history(app, &user.actor(), &customer_id).map_err(|e| user.fail(e)))
        })
        .await?;
    Ok(Json(json!(ledger?)).into_response())
}
