//! The JSON API under `/api/v1`, for the shop's own systems: authenticated by API tokens that users
//! create on the settings page (`Authorization: Bearer ldr_…`), with the token owner's role deciding
//! what it may do, exactly as on the pages. Errors are JSON: `{"error": "...", "field": "..."}`.

mod campaigns;

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
        .route("/orders", post(post_order))
        .route("/reports/ladder", get(ladder_report))
        .route("/reports/third-purchase", get(third_purchase_report))
        .route("/segments", get(list_segments).post(create_segment))
        .route("/segments/{id}", get(one_segment))
        .route("/segments/{id}/customers", get(segment_customers))
        .route("/campaigns", get(campaigns::list).post(campaigns::put))
        .route("/campaigns/{id}", get(campaigns::one))
        .route("/campaigns/{id}/costs", get(campaigns::costs).post(campaigns::add_cost))
        .route("/campaign-costs", post(campaigns::import_costs))
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
    pub(crate) fn new(status: StatusCode, message: impl Into<String>) -> Self {
        Self { status, message: message.into(), field: None }
    }

    pub(crate) fn field(field: &str, message: impl Into<String>) -> Self {
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
        use crate::error::WebError;
        match e {
            WebError::NotFound(_) => Self::new(StatusCode::NOT_FOUND, "not found"),
            WebError::Forbidden(_) => Self::new(StatusCode::FORBIDDEN, "your role may not do this"),
            // The cause is logged for the operator; the caller learns that nothing was changed.
            other => {
                tracing::error!("{other:?}");
                Self::new(StatusCode::INTERNAL_SERVER_ERROR, "the server failed; nothing was changed")
            }
        }
    }
}

/// A body that is not the JSON expected: the parser's words name the field at fault.
impl From<axum::extract::rejection::JsonRejection> for ApiError {
    fn from(e: axum::extract::rejection::JsonRejection) -> Self {
        Self::field("body", e.body_text())
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
pub(crate) struct ApiUser(pub(crate) User);

impl ApiUser {
    pub(crate) fn require(&self, permission: Permission) -> Result<(), ApiError> {
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

impl Paging {
    /// The page asked for: at most 1,000 rows, 50 unless said.
    fn checked(&self) -> Result<(u32, u32), ApiError> {
        let limit = self.limit.unwrap_or(50);
        if !(1..=1000).contains(&limit) {
            return Err(ApiError::field("limit", "must be between 1 and 1000"));
        }
        Ok((limit, self.offset.unwrap_or(0)))
    }
}

/// The customers matching `query` (already paged), with the count of all matches up to a cap.
fn customer_page(store: &dyn ladder_store::Store, query: &CustomerQuery) -> Result<CustomerPage, StoreError> {
    let total_cap = 100_001;
    Ok(CustomerPage {
        customers: store.list_customers(query)?,
        total: store.count_customers(query, total_cap)?,
        total_cap,
        limit: query.limit,
        offset: query.offset,
    })
}

async fn list_customers(
    State(state): State<AppState>,
    user: ApiUser,
    Query(filters): Query<Filters>,
    Query(paging): Query<Paging>,
) -> Result<Json<CustomerPage>, ApiError> {
    user.require(Permission::ViewCustomers)?;
    let (limit, offset) = paging.checked()?;
    let page = state
        .with_store(move |s| {
            let (_, digits) = shop_currency(s)?;
            Ok(customer_page(s, &CustomerQuery { limit, offset, ..filters.query(digits) })?)
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
    let Json(customer) = body?;
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
    let Json(interaction) = body?;
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

/// Segment counts stop here, as the customer list's totals do.
const SEGMENT_COUNT_CAP: u64 = 100_001;

/// A saved segment: its filters as an object, and how many customers match them now.
#[derive(Serialize)]
struct SegmentOut {
    id: i64,
    name: String,
    definition: Value,
    /// Members now, counted up to `count_cap`.
    count: u64,
    count_cap: u64,
    created_at: chrono::DateTime<Utc>,
    updated_at: chrono::DateTime<Utc>,
}

fn segment_out(
    s: &dyn ladder_store::Store,
    digits: u32,
    segment: ladder_store::Segment,
) -> Result<SegmentOut, crate::error::WebError> {
    use crate::pages::segments;
    let filters = segments::stored(&segment)?;
    Ok(SegmentOut {
        id: segment.id,
        name: segment.name,
        definition: segments::definition_json(&filters),
        count: segments::count(s, &filters, digits, SEGMENT_COUNT_CAP)?,
        count_cap: SEGMENT_COUNT_CAP,
        created_at: segment.created_at,
        updated_at: segment.updated_at,
    })
}

async fn list_segments(State(state): State<AppState>, user: ApiUser) -> Result<Json<Value>, ApiError> {
    user.require(Permission::ViewCustomers)?;
    let segments = state
        .with_store(|s| {
            let (_, digits) = shop_currency(s)?;
            s.segments()?.into_iter().map(|segment| segment_out(s, digits, segment)).collect::<Result<Vec<_>, _>>()
        })
        .await?;
    Ok(Json(json!({ "segments": segments })))
}

async fn one_segment(
    State(state): State<AppState>,
    user: ApiUser,
    Path(id): Path<i64>,
) -> Result<Json<SegmentOut>, ApiError> {
    user.require(Permission::ViewCustomers)?;
    let found = state
        .with_store(move |s| {
            let (_, digits) = shop_currency(s)?;
            s.segment(id)?.map(|segment| segment_out(s, digits, segment)).transpose()
        })
        .await?;
    found.map(Json).ok_or_else(|| ApiError::new(StatusCode::NOT_FOUND, "no segment with this id"))
}

/// The segment's members now, a page at a time, as `/customers` lists them.
async fn segment_customers(
    State(state): State<AppState>,
    user: ApiUser,
    Path(id): Path<i64>,
    Query(paging): Query<Paging>,
) -> Result<Json<CustomerPage>, ApiError> {
    user.require(Permission::ViewCustomers)?;
    let (limit, offset) = paging.checked()?;
    let page = state
        .with_store(move |s| {
            let Some(segment) = s.segment(id)? else { return Ok(None) };
            let (_, digits) = shop_currency(s)?;
            let query = CustomerQuery { limit, offset, ..crate::pages::segments::stored(&segment)?.query(digits) };
            Ok(Some(customer_page(s, &query)?))
        })
        .await?;
    page.map(Json).ok_or_else(|| ApiError::new(StatusCode::NOT_FOUND, "no segment with this id"))
}

/// Saves a new segment from `{"name": "...", "definition": {"rung": "loyal", ...}}`.
async fn create_segment(
    State(state): State<AppState>,
    user: ApiUser,
    body: Result<Json<Value>, axum::extract::rejection::JsonRejection>,
) -> Result<Response, ApiError> {
    use crate::pages::segments;
    user.require(Permission::ManageSegments)?;
    let Json(body) = body?;
    let name = body.get("name").and_then(Value::as_str).unwrap_or_default();
    let name = segments::check_name(name)
        .map_err(|_| ApiError::field("name", format!("is required, at most {} characters", segments::NAME_MAX)))?;
    let Some(definition) = body.get("definition") else {
        return Err(ApiError::field("definition", "is required: an object of customer filters, {} for everyone"));
    };
    let filters = segments::definition(definition).map_err(|invalid| match invalid.field.as_str() {
        "" => ApiError::field("definition", "must be an object of customer filters"),
        key if !segments::KEYS.contains(&key) => ApiError::field(
            &format!("definition.{key}"),
            format!("is not a filter; the filters are {}", segments::KEYS.join(", ")),
        ),
        "min_clv" | "max_clv" => ApiError::field(
            &format!("definition.{}", invalid.field),
            "must be a number of the shop's currency, min_clv not above max_clv",
        ),
        key => ApiError::field(&format!("definition.{key}"), "is not a value this filter knows"),
    })?;
    let text = segments::definition_json(&filters).to_string();
    let user_id = user.0.id;
    let created = state
        .with_store(move |s| match s.save_segment(None, &name, &text, Some(user_id), Utc::now()) {
            Ok(segment) => {
                s.record_audit(&AuditEntry {
                    at: segment.created_at,
                    user_id: Some(user_id),
                    action: "api_create_segment".into(),
                    target: format!("segment:{}", segment.id),
                    detail: format!("{} {}", segment.name, segment.definition),
                })?;
                let (_, digits) = shop_currency(s)?;
                Ok(Ok(segment_out(s, digits, segment)?))
            }
            Err(StoreError::Conflict(_)) => {
                Ok(Err(ApiError::new(StatusCode::CONFLICT, "a segment with this name exists already")))
            }
            Err(e) => Err(e.into()),
        })
        .await??;
    Ok((StatusCode::CREATED, Json(created)).into_response())
}

/// The OpenAPI 3 description of this API.
async fn openapi() -> Json<Value> {
    Json(serde_json::from_str(include_str!("../../openapi.json")).expect("the embedded OpenAPI document is JSON"))
}

/// An order as a web shop posts it: amounts as decimal text in the order's currency ("12.50"), read
/// exactly, as in the orders CSV.
#[derive(Deserialize)]
struct OrderIn {
    order_id: String,
    customer_id: String,
    ordered_at: chrono::DateTime<Utc>,
    currency: String,
    #[serde(default)]
    campaign_code: Option<String>,
    #[serde(default)]
    one_off: bool,
    #[serde(default)]
    status: Option<String>,
    lines: Vec<LineIn>,
}

#[derive(Deserialize)]
struct LineIn {
    sku: String,
    #[serde(default)]
    product_name: Option<String>,
    #[serde(default)]
    category: Option<String>,
    quantity: i64,
    unit_price: String,
}

impl OrderIn {
    /// The domain's order, or the first field at fault.
    fn order(self) -> Result<ladder_domain::Order, ApiError> {
        use ladder_domain::{Currency, Order, OrderLine, OrderStatus};
        if self.order_id.trim().is_empty() {
            return Err(ApiError::field("order_id", "is required"));
        }
        let currency = Currency::parse(&self.currency).map_err(|e| ApiError::field("currency", e.to_string()))?;
        let status = match self.status.as_deref() {
            None => OrderStatus::Completed,
            Some(s) => OrderStatus::parse(s).ok_or_else(|| {
                ApiError::field("status", format!("is not a status; use one of {}", OrderStatus::names()))
            })?,
        };
        if self.lines.is_empty() {
            return Err(ApiError::field("lines", "an order needs at least one line"));
        }
        let mut lines = Vec::with_capacity(self.lines.len());
        for (i, l) in self.lines.into_iter().enumerate() {
            let at = |field: &str| format!("lines[{i}].{field}");
            if l.quantity < 1 {
                return Err(ApiError::field(&at("quantity"), "must be at least 1 (use status refunded for returns)"));
            }
            let price =
                currency.parse_amount(&l.unit_price).map_err(|e| ApiError::field(&at("unit_price"), e.to_string()))?;
            if price < 0 {
                return Err(ApiError::field(&at("unit_price"), "must not be negative"));
            }
            if lines.iter().any(|x: &OrderLine| x.sku == l.sku) {
                return Err(ApiError::field(&at("sku"), "appears twice; give one line per SKU"));
            }
            lines.push(OrderLine {
                sku: l.sku,
                product_name: l.product_name,
                category: l.category,
                quantity: l.quantity,
                unit_price_minor: price,
            });
        }
        Ok(Order {
            external_id: self.order_id,
            customer_external_id: self.customer_id,
            ordered_at: self.ordered_at,
            currency,
            campaign_code: self.campaign_code,
            one_off: self.one_off,
            status,
            lines,
        })
    }
}

/// Stores an order and places its customer again at once, so the web shop's customer is on the right
/// rung before their next visit. Answers with the customer's new rung and state and their reasons.
async fn post_order(
    State(state): State<AppState>,
    user: ApiUser,
    body: Result<Json<OrderIn>, axum::extract::rejection::JsonRejection>,
) -> Result<Response, ApiError> {
    user.require(Permission::EditCustomers)?;
    let Json(input) = body?;
    let order = input.order()?;
    let now = Utc::now();
    let (user_id, email) = (user.0.id, user.0.email.clone());
    let answer = state
        .with_store(move |s| {
            let mut session = s.begin_import(ImportContext { now, source: format!("api:{email}") })?;
            if !session.customer_known(&order.customer_external_id)? {
                return Ok(Err(ApiError::field("customer_id", "is not a known customer; create the customer first")));
            }
            let outcomes = match session.put_order(&order) {
                Ok(outcomes) => outcomes,
                Err(StoreError::Conflict(why)) => return Ok(Err(ApiError::new(StatusCode::CONFLICT, why))),
                Err(e) => return Err(e.into()),
            };
            session.commit()?;
            let inserted = outcomes.contains(&WriteOutcome::Inserted);
            let changed = outcomes.iter().any(|o| *o != WriteOutcome::Unchanged);
            if changed {
                s.set_setting(ladder_app::settings::DATA_CHANGED_AT, &now.to_rfc3339())?;
            }
            let placed = ladder_app::score::score_customer(s, &order.customer_external_id, now.date_naive())?;
            s.record_audit(&AuditEntry {
                at: now,
                user_id: Some(user_id),
                action: "api_post_order".into(),
                target: format!("order:{}", order.external_id),
                detail: format!(
                    "customer:{} {}",
                    order.customer_external_id,
                    if changed { "changed" } else { "unchanged" }
                ),
            })?;
            let result = if inserted {
                "inserted"
            } else if changed {
                "updated"
            } else {
                "unchanged"
            };
            let customer = placed.map(|p| {
                json!({
                    "customer_id": order.customer_external_id,
                    "rung": p.rung.as_str(),
                    "rung_reason": p.rung_reason,
                    "state": p.state.map(|x| x.as_str()),
                    "state_reason": p.state_reason,
                    "orders": p.orders,
                    "scored_as_of": p.as_of,
                })
            });
            let status = if inserted { StatusCode::CREATED } else { StatusCode::OK };
            Ok(Ok((status, json!({ "order_id": order.external_id, "result": result, "customer": customer }))))
        })
        .await??;
    Ok((answer.0, Json(answer.1)).into_response())
}
