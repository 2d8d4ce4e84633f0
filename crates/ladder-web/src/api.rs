//! The JSON API under `/api/v1`, for the shop's own systems: authenticated by API tokens that users
//! create on the settings page (`Authorization: Bearer ldr_…`), with the token owner's role deciding
//! what it may do, exactly as on the pages. Errors are JSON: `{"error": "...", "field": "..."}`.

use crate::auth::token_hash;
use crate::pages::customers::{Filters, shop_currency};
use crate::state::AppState;
use axum::extract::{FromRequestParts, Path, Query, State};
use axum::http::StatusCode;
use axum::http::request::Parts;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use chrono::Utc;
use ladder_domain::access::Permission;
use ladder_domain::{Customer, Interaction};
use ladder_store::{AuditEntry, CustomerQuery, ImportContext, StoreError, User, WriteOutcome};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

pub(crate) fn router() -> Router<AppState> {
    Router::new()
        .route("/openapi.json", get(openapi))
        .route("/customers", get(list_customers).post(put_customer))
        .route("/customers/{id}", get(customer))
        .route("/interactions", post(add_interaction))
        .route("/reports/ladder", get(ladder_report))
        .route("/reports/third-purchase", get(third_purchase_report))
        .fallback(|| async { ApiError::new(StatusCode::NOT_FOUND, "no such endpoint; see /api/v1/openapi.json") })
}

/// An API error: a status and a JSON body that says what is wrong, and which field when one is.
#[derive(Debug)]
pub(crate) struct ApiError {
    status: StatusCode,
    message: String,
    field: Option<String>,
}

impl ApiError {
    fn new(status: StatusCode, message: impl Into<String>) -> Self {
        Self { status, message: message.into(), field: None }
    }

    fn field(field: &str, message: impl Into<String>) -> Self {
        Self { status: StatusCode::UNPROCESSABLE_ENTITY, message: message.into(), field: Some(field.to_owned()) }
    }
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound(what) => Self::new(StatusCode::NOT_FOUND, format!("{what} not found")),
            StoreError::Conflict(why) => Self::new(StatusCode::CONFLICT, why),
            other => {
                tracing::error!("{other}");
                Self::new(StatusCode::INTERNAL_SERVER_ERROR, "the server failed; nothing was changed")
            }
        }
    }
}

impl From<crate::error::WebError> for ApiError {
    fn from(e: crate::error::WebError) -> Self {
        Self::new(StatusCode::INTERNAL_SERVER_ERROR, format!("{e:?}"))
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut body = json!({ "error": self.message });
        if let Some(field) = self.field {
            body["field"] = Value::String(field);
        }
        (self.status, Json(body)).into_response()
    }
}

/// The user behind the request's API token.
pub(crate) struct ApiUser(User);

impl ApiUser {
    fn require(&self, permission: Permission) -> Result<(), ApiError> {
        if self.0.role.allows(permission) {
            Ok(())
        } else {
            Err(ApiError::new(
                StatusCode::FORBIDDEN,
                format!("the role {} may not {}", self.0.role.as_str(), permission.as_str().replace('_', " ")),
            ))
        }
    }
}

impl FromRequestParts<AppState> for ApiUser {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let header = parts.headers.get(axum::http::header::AUTHORIZATION).and_then(|v| v.to_str().ok());
        let Some(token) = header.and_then(|h| h.strip_prefix("Bearer ")).map(str::trim).map(str::to_owned) else {
            return Err(ApiError::new(
                StatusCode::UNAUTHORIZED,
                "send an API token as `Authorization: Bearer …`; create one on the settings page",
            ));
        };
        let now = Utc::now();
        let found = state.with_store(move |s| Ok(s.api_token_user(&token_hash(&token), now)?)).await?;
        let (_, user) = found.ok_or_else(|| ApiError::new(StatusCode::UNAUTHORIZED, "the API token is not valid"))?;
        let api = ApiUser(user);
        api.require(Permission::UseApi)?;
        Ok(api)
    }
}

#[derive(Serialize)]
struct CustomerPage {
    customers: Vec<ladder_store::CustomerSummary>,
    /// Matches, counted up to `total_cap`.
    total: u64,
    total_cap: u64,
    limit: u32,
    offset: u32,
}

#[derive(Deserialize)]
struct Paging {
    limit: Option<u32>,
    offset: Option<u32>,
}

async fn list_customers(
    State(state): State<AppState>,
    user: ApiUser,
    Query(filters): Query<Filters>,
    Query(paging): Query<Paging>,
) -> Result<Json<CustomerPage>, ApiError> {
    user.require(Permission::ViewCustomers)?;
    let limit = paging.limit.unwrap_or(50);
    if !(1..=1000).contains(&limit) {
        return Err(ApiError::field("limit", "must be between 1 and 1000"));
    }
    let offset = paging.offset.unwrap_or(0);
    let page = state
        .with_store(move |s| {
            let (_, digits) = shop_currency(s)?;
            let query = CustomerQuery { limit, offset, ..filters.query(digits) };
            let customers = s.list_customers(&query)?;
            let total_cap = 100_001;
            let total = s.count_customers(&query, total_cap)?;
            Ok(CustomerPage { customers, total, total_cap, limit, offset })
        })
        .await?;
    Ok(Json(page))
}

async fn customer(
    State(state): State<AppState>,
    user: ApiUser,
    Path(id): Path<String>,
) -> Result<Json<ladder_store::CustomerDetail>, ApiError> {
    user.require(Permission::ViewCustomers)?;
    let detail = state.with_store(move |s| Ok(s.customer(&id)?)).await?;
    detail.map(Json).ok_or_else(|| ApiError::new(StatusCode::NOT_FOUND, "no customer with this id"))
}

/// Creates or updates a customer from its JSON (the same fields as a customers.csv row).
async fn put_customer(
    State(state): State<AppState>,
    user: ApiUser,
    body: Result<Json<Customer>, axum::extract::rejection::JsonRejection>,
) -> Result<Response, ApiError> {
    user.require(Permission::EditCustomers)?;
    let Json(customer) = body.map_err(|e| ApiError::field("body", e.body_text()))?;
    if customer.external_id.trim().is_empty() {
        return Err(ApiError::field("customer_id", "is required"));
    }
    let now = Utc::now();
    let (user_id, email) = (user.0.id, user.0.email.clone());
    let outcome = state
        .with_store(move |s| {
            let mut session = s.begin_import(ImportContext { now, source: format!("api:{email}") })?;
            if let Some(referrer) = customer.referred_by.as_deref()
                && !session.customer_known(referrer)?
            {
                return Ok(Err(ApiError::field("referred_by", "is not a known customer")));
            }
            let outcome = session.put_customer(&customer)?;
            session.commit()?;
            if outcome != WriteOutcome::Unchanged {
                s.set_setting(ladder_app::settings::DATA_CHANGED_AT, &now.to_rfc3339())?;
            }
            s.record_audit(&AuditEntry {
                at: now,
                user_id: Some(user_id),
                action: "api_put_customer".into(),
                target: format!("customer:{}", customer.external_id),
                detail: format!("{outcome:?}"),
            })?;
            Ok(Ok((outcome, s.customer(&customer.external_id)?)))
        })
        .await??;
    let (outcome, detail) = outcome;
    let status = if outcome == WriteOutcome::Inserted { StatusCode::CREATED } else { StatusCode::OK };
    Ok((status, Json(detail)).into_response())
}

async fn add_interaction(
    State(state): State<AppState>,
    user: ApiUser,
    body: Result<Json<Interaction>, axum::extract::rejection::JsonRejection>,
) -> Result<Response, ApiError> {
    user.require(Permission::AddInteractions)?;
    let Json(interaction) = body.map_err(|e| ApiError::field("body", e.body_text()))?;
    let now = Utc::now();
    let outcome = state
        .with_store(move |s| {
            let mut session = s.begin_import(ImportContext { now, source: "api".into() })?;
            if !session.customer_known(&interaction.customer_external_id)? {
                return Ok(Err(ApiError::field("customer_id", "is not a known customer")));
            }
            let outcome = session.put_interaction(&interaction)?;
            session.commit()?;
            Ok(Ok(outcome))
        })
        .await??;
    let status = if outcome == WriteOutcome::Inserted { StatusCode::CREATED } else { StatusCode::OK };
    Ok((status, Json(json!({ "result": format!("{outcome:?}").to_lowercase() }))).into_response())
}

async fn ladder_report(
    State(state): State<AppState>,
    user: ApiUser,
) -> Result<Json<ladder_app::reports::LadderReport>, ApiError> {
    user.require(Permission::ViewReports)?;
    Ok(Json(state.with_store(|s| Ok(ladder_app::reports::ladder(s)?)).await?))
}

async fn third_purchase_report(
    State(state): State<AppState>,
    user: ApiUser,
) -> Result<Json<ladder_app::reports::ThirdPurchaseReport>, ApiError> {
    user.require(Permission::ViewReports)?;
    Ok(Json(state.with_store(|s| Ok(ladder_app::reports::third_purchase(s)?)).await?))
}

/// The OpenAPI 3 description of this API.
async fn openapi() -> Json<Value> {
    Json(serde_json::from_str(include_str!("../openapi.json")).expect("the embedded OpenAPI document is JSON"))
}
