//! The JSON API under `/api/v1`, for the shop's own systems: authenticated by API tokens that users
//! create on the settings page (`Authorization: Bearer ldr_…`), with the token owner's role deciding
//! what it may do, exactly as on the pages. Errors are JSON: `{"error": "...", "field": "..."}`.

mod campaigns;
mod club;
mod messaging;
mod playbooks;

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
use ladder_app::AppError;
use ladder_domain::access::Permission;
use ladder_domain::validate::FieldError;
use ladder_domain::{Customer, Interaction};
use ladder_i18n::Locale;
use ladder_store::{ApiToken, CustomerQuery, StoreError, User, WriteOutcome};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

pub(crate) fn router() -> Router<AppState> {
    Router::new()
        .route("/openapi.json", get(openapi))
        .route("/customers", get(list_customers).post(put_customer))
        .route("/customers/{id}", get(customer))
        .route("/interactions", post(add_interaction))
        .route("/deliverability", post(report_delivery))
        .route("/messages", post(send_message))
        .route("/broadcasts", get(messaging::list_broadcasts).post(messaging::create_broadcast))
        .route("/broadcasts/{id}", get(messaging::one_broadcast))
        .route("/broadcasts/{id}/send", post(messaging::send_broadcast))
        .route("/outbox", get(messaging::outbox))
        .route("/customers/{id}/consent", get(messaging::consent_ledger).post(messaging::record_consent))
        .route("/sms/inbound", post(sms_received))
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
        .route("/tasks", get(playbooks::list))
        .route("/tasks/{id}/done", post(playbooks::done))
        .route("/tasks/{id}/snooze", post(playbooks::snooze))
        .route("/tasks/{id}/skip", post(playbooks::skip))
        .route("/tasks/{id}/assign", post(playbooks::assign))
        .route("/playbooks", get(playbooks::report))
        .route("/playbook-runs", get(playbooks::runs))
        .route("/club/members", get(club::look_up).post(club::join))
        .route("/club/members/{id}", get(club::one))
        .route("/club/redemptions", post(club::redeem))
        .fallback(|| async { ApiError::new(StatusCode::NOT_FOUND, "no such endpoint; see /api/v1/openapi.json") })
        .layer(axum::extract::DefaultBodyLimit::max(BODY_LIMIT))
        .layer(axum::middleware::from_fn(json_errors))
}

/// A value of a field that takes one of a set of names (`status=open`), or the field's error listing them.
pub(crate) fn one_of<T>(
    field: &str,
    value: Option<&str>,
    parse: impl Fn(&str) -> Option<T>,
    names: &str,
) -> Result<Option<T>, ApiError> {
    value.map(|v| parse(v).ok_or_else(|| ApiError::field(field, format!("{field} is one of {names}")))).transpose()
}

/// An API error: a status and a JSON body that says what is wrong, which field when one is, and the
/// problem's stable kind (`not_email`) when the domain named one.
#[derive(Debug)]
pub(crate) struct ApiError {
    status: StatusCode,
    message: String,
    field: Option<String>,
    kind: Option<String>,
}

impl ApiError {
    pub(crate) fn new(status: StatusCode, message: impl Into<String>) -> Self {
        Self { status, message: message.into(), field: None, kind: None }
    }

    pub(crate) fn field(field: &str, message: impl Into<String>) -> Self {
        Self {
            status: StatusCode::UNPROCESSABLE_ENTITY,
            message: message.into(),
            field: Some(field.to_owned()),
            kind: None,
        }
    }

    /// A refused value, said in `locale`, with its field and kind.
    pub(crate) fn problem(e: &FieldError, locale: Locale) -> Self {
        let message = crate::views::catalog().problem(locale, &e.problem, &|f| f.to_owned());
        let kind = serde_json::to_value(&e.problem)
            .ok()
            .and_then(|v| v.get("kind").and_then(Value::as_str).map(str::to_owned));
        Self { kind, ..Self::field(&e.field, message) }
    }

    /// The error of a use-case, said in `locale`.
    pub(crate) fn of(e: AppError, locale: Locale) -> Self {
        match e {
            AppError::Forbidden(p) => {
                Self::new(StatusCode::FORBIDDEN, format!("your role may not {}", p.as_str().replace('_', " ")))
            }
            AppError::Invalid(problem) => Self::problem(&problem, locale),
            AppError::NotFound(what) => Self::new(StatusCode::NOT_FOUND, format!("{what} not found")),
            AppError::Conflict(why) => Self::new(StatusCode::CONFLICT, why),
            AppError::Store(e) => e.into(),
        }
    }
}

impl From<AppError> for ApiError {
    fn from(e: AppError) -> Self {
        Self::of(e, Locale::En)
    }
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound(what) => Self::new(StatusCode::NOT_FOUND, format!("{what} not found")),
            StoreError::Conflict(why) => Self::new(StatusCode::CONFLICT, why),
            other => {
                tracing::error!(error = %ladder_app::error_chain(&other), "an API request failed");
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
            WebError::Internal(cause) => {
                tracing::error!(error = %ladder_app::error_chain(cause.as_ref()), "an API request failed");
                Self::new(StatusCode::INTERNAL_SERVER_ERROR, "the server failed; nothing was changed")
            }
            other => {
                tracing::error!("{other:?}");
                Self::new(StatusCode::INTERNAL_SERVER_ERROR, "the server failed; nothing was changed")
            }
        }
    }
}

/// A body that is not the JSON expected: the parser's words name the field at fault; a body over the
/// limit is too large, not wrong.
impl From<axum::extract::rejection::JsonRejection> for ApiError {
    fn from(e: axum::extract::rejection::JsonRejection) -> Self {
        if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
            return too_large();
        }
        Self::field("body", e.body_text())
    }
}

fn too_large() -> ApiError {
    ApiError::new(
        StatusCode::PAYLOAD_TOO_LARGE,
        format!("the body is larger than {} MiB; send it in parts", BODY_LIMIT / (1024 * 1024)),
    )
}

/// The largest body the API reads.
pub(crate) const BODY_LIMIT: usize = 2 * 1024 * 1024;

/// Every answer of the API is JSON: what axum itself answers (a query or a path that does not parse, a
/// method the endpoint does not take, a body over the limit) is wrapped as `{"error": "..."}` too.
async fn json_errors(request: axum::extract::Request, next: axum::middleware::Next) -> Response {
    let method = request.method().clone();
    let response = next.run(request).await;
    let status = response.status();
    let is_json = response
        .headers()
        .get(axum::http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    if !(status.is_client_error() || status.is_server_error()) || is_json {
        return response;
    }
    if status == StatusCode::PAYLOAD_TOO_LARGE {
        return too_large().into_response();
    }
    let allow = response.headers().get(axum::http::header::ALLOW).cloned();
    let text = axum::body::to_bytes(response.into_body(), 64 * 1024).await.unwrap_or_default();
    let text = String::from_utf8_lossy(&text).trim().to_owned();
    let message = match (status, text.is_empty()) {
        (StatusCode::METHOD_NOT_ALLOWED, _) => {
            format!("this endpoint does not take {method}; /api/v1/openapi.json lists what each one takes")
        }
        (_, true) => status.canonical_reason().unwrap_or("error").to_lowercase(),
        (_, false) => text,
    };
    let mut wrapped = ApiError::new(status, message).into_response();
    if let Some(allow) = allow {
        wrapped.headers_mut().insert(axum::http::header::ALLOW, allow);
    }
    wrapped
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut body = json!({ "error": self.message });
        if let Some(field) = self.field {
            body["field"] = Value::String(field);
        }
        if let Some(kind) = self.kind {
            body["kind"] = Value::String(kind);
        }
        (self.status, Json(body)).into_response()
    }
}

/// The user behind the request's API token, and the token.
pub(crate) struct ApiUser(pub(crate) User, pub(crate) ApiToken);

impl ApiUser {
    /// Who asks, for the use-cases: this token of its user, with the user's role.
    pub(crate) fn actor(&self) -> ladder_app::Actor {
        ladder_app::Actor::Token { id: self.1.id, user_id: self.0.id, role: self.0.role }
    }

    /// The language of the token's owner, for the words of errors.
    pub(crate) fn locale(&self) -> Locale {
        Locale::parse(&self.0.language).unwrap_or_default()
    }

    /// The error of a use-case, in the owner's language.
    pub(crate) fn fail(&self, e: AppError) -> ApiError {
        ApiError::of(e, self.locale())
    }

    /// A response whose reasons are said in the owner's language, each with its `<key>_kind` beside it.
    pub(crate) fn said(&self, value: &impl Serialize) -> Json<Value> {
        let mut value = serde_json::to_value(value).unwrap_or(Value::Null);
        crate::views::catalog().say_reasons(self.locale(), &mut value);
        Json(value)
    }

    /// Where a consent given through this token was given, for its evidence.
    pub(crate) fn source(&self) -> String {
        format!("api:{}", self.0.email)
    }

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
        // The scheme's name is case-insensitive (RFC 9110 §11.1): `bearer` is as good as `Bearer`.
        let token = header
            .and_then(|h| h.split_once(' '))
            .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
            .map(|(_, token)| token.trim().to_owned());
        let Some(token) = token else {
            return Err(ApiError::new(
                StatusCode::UNAUTHORIZED,
                "send an API token as `Authorization: Bearer …`; create one on the settings page",
            ));
        };
        let now = Utc::now();
        let found = state.with_store(move |s| Ok(s.api_token_user(&token_hash(&token), now)?)).await?;
        let (token, user) =
            found.ok_or_else(|| ApiError::new(StatusCode::UNAUTHORIZED, "the API token is not valid"))?;
        crate::request_log::SignedIn::note(parts, user.id);
        let api = ApiUser(user, token);
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
) -> Result<Json<Value>, ApiError> {
    user.require(Permission::ViewCustomers)?;
    // An id merged into another customer answers with the customer it was merged into.
    let detail = state
        .with_store(move |s| {
            Ok(match s.customer(&id)? {
                Some(d) => Some(d),
                None => match s.begin()?.aliases()?.remove(&id) {
                    Some(kept) => s.customer(&kept)?,
                    None => None,
                },
            })
        })
        .await?;
    let detail = detail.ok_or_else(|| ApiError::new(StatusCode::NOT_FOUND, "no customer with this id"))?;
    Ok(user.said(&detail))
}

/// Creates or updates a customer from its JSON (the same fields as a customers.csv row).
async fn put_customer(
    State(state): State<AppState>,
    user: ApiUser,
    body: Result<Json<Customer>, axum::extract::rejection::JsonRejection>,
) -> Result<Response, ApiError> {
    user.require(Permission::EditCustomers)?;
    let Json(customer) = body?;
    let (actor, source) = (user.actor(), user.source());
    let saved =
        state.with_app(move |app| Ok(ladder_app::customers::put_customer(app, &actor, &customer, &source))).await?;
    let (outcome, detail) = saved.map_err(|e| user.fail(e))?;
    let status = if outcome == WriteOutcome::Inserted { StatusCode::CREATED } else { StatusCode::OK };
    Ok((status, user.said(&detail)).into_response())
}

async fn add_interaction(
    State(state): State<AppState>,
    user: ApiUser,
    body: Result<Json<Interaction>, axum::extract::rejection::JsonRejection>,
) -> Result<Response, ApiError> {
    user.require(Permission::AddInteractions)?;
    let Json(interaction) = body?;
    let actor = user.actor();
    let added =
        state.with_app(move |app| Ok(ladder_app::customers::add_interaction(app, &actor, &interaction))).await?;
    let outcome = added.map_err(|e| user.fail(e))?;
    let status = if outcome == WriteOutcome::Inserted { StatusCode::CREATED } else { StatusCode::OK };
    Ok((status, Json(json!({ "result": format!("{outcome:?}").to_lowercase() }))).into_response())
}

/// A text message a customer sent, as an SMS gateway forwards it.
#[derive(Deserialize)]
struct SmsReceived {
    from: String,
    text: String,
}

async fn sms_received(
    State(state): State<AppState>,
    user: ApiUser,
    body: Result<Json<SmsReceived>, axum::extract::rejection::JsonRejection>,
) -> Result<Response, ApiError> {
    user.require(Permission::EditCustomers)?;
    let Json(sms) = body?;
    let stop = ladder_domain::consent::is_stop_reply(&sms.text);
    let actor = user.actor();
    let source = user.source();
    let stopped = state
        .with_app(move |app| Ok(ladder_app::consent::reply_received(app, &actor, &sms.from, &sms.text, &source)))
        .await?;
    let customers = stopped.map_err(|e| user.fail(e))?;
    Ok((StatusCode::OK, Json(json!({ "stop": stop, "customers": customers }))).into_response())
}

/// A transactional message the shop's system asks for.
#[derive(Deserialize)]
struct MessageAsked {
    customer_id: String,
    template: String,
    #[serde(default = "email")]
    channel: String,
    /// The caller's key for this message: asked again with it, it is not made twice.
    key: String,
}

pub(crate) fn email() -> String {
    "email".to_owned()
}

async fn send_message(
    State(state): State<AppState>,
    user: ApiUser,
    body: Result<Json<MessageAsked>, axum::extract::rejection::JsonRejection>,
) -> Result<Response, ApiError> {
    user.require(Permission::EditCustomers)?;
    let Json(asked) = body?;
    let channel = ladder_domain::Channel::parse(&asked.channel)
        .ok_or_else(|| ApiError::field("channel", format!("channel is one of {}", ladder_domain::Channel::names())))?;
    let request = ladder_app::messages::MessageRequest {
        customer_id: asked.customer_id,
        template: asked.template,
        channel,
        key: asked.key,
    };
    let actor = user.actor();
    let sent = state.with_app(move |app| Ok(ladder_app::messages::send_transactional(app, &actor, &request))).await?;
    let (message, new) = sent.map_err(|e| user.fail(e))?;
    let status = if new { StatusCode::ACCEPTED } else { StatusCode::OK };
    Ok((status, Json(json!(message))).into_response())
}

/// What a mail or SMS provider reports about an address (a generic shape any provider's webhook can be
/// mapped to; docs/MESSAGING.md).
#[derive(Deserialize)]
struct DeliveryReport {
    channel: String,
    address: String,
    /// `hard_bounce`, `complaint`, `invalid_number`, `soft_bounce` (recorded by the provider, no block).
    event: String,
    #[serde(default)]
    detail: Option<String>,
}

async fn report_delivery(
    State(state): State<AppState>,
    user: ApiUser,
    body: Result<Json<DeliveryReport>, axum::extract::rejection::JsonRejection>,
) -> Result<Response, ApiError> {
    user.require(Permission::EditCustomers)?;
    let Json(report) = body?;
    let channel = ladder_domain::Channel::parse(&report.channel)
        .ok_or_else(|| ApiError::field("channel", format!("channel is one of {}", ladder_domain::Channel::names())))?;
    let event = report.event.trim().to_ascii_lowercase().replace('-', "_");
    if event == "soft_bounce" {
        // A mailbox full or a server down: the provider retries; Ladder blocks only what will not change.
        return Ok((StatusCode::OK, Json(json!({ "suppressed": false, "event": "soft_bounce" }))).into_response());
    }
    let reason = ladder_domain::messaging::SuppressionReason::parse(&event).ok_or_else(|| {
        ApiError::field("event", "event is one of hard_bounce, complaint, invalid_number, manual, soft_bounce")
    })?;
    let actor = user.actor();
    let source = user.source();
    let written = state
        .with_app(move |app| {
            Ok(ladder_app::deliverability::suppress(
                app,
                &actor,
                channel,
                &report.address,
                reason,
                report.detail.as_deref(),
                &source,
            ))
        })
        .await?;
    let outcome = written.map_err(|e| user.fail(e))?;
    let status = if outcome == WriteOutcome::Inserted { StatusCode::CREATED } else { StatusCode::OK };
    let body = json!({ "suppressed": true, "reason": reason.as_str(), "new": outcome == WriteOutcome::Inserted });
    Ok((status, Json(body)).into_response())
}

async fn ladder_report(State(state): State<AppState>, user: ApiUser) -> Result<Json<Value>, ApiError> {
    user.require(Permission::ViewReports)?;
    let report = state.with_store(|s| Ok(ladder_app::reports::ladder(s)?)).await?;
    Ok(user.said(&report))
}

async fn third_purchase_report(State(state): State<AppState>, user: ApiUser) -> Result<Json<Value>, ApiError> {
    user.require(Permission::ViewReports)?;
    let report = state.with_store(|s| Ok(ladder_app::reports::third_purchase(s)?)).await?;
    Ok(user.said(&report))
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
    segment: ladder_store::Segment,
) -> Result<SegmentOut, crate::error::WebError> {
    use crate::pages::segments;
    let rule = segments::stored(&segment)?;
    Ok(SegmentOut {
        id: segment.id,
        name: segment.name,
        definition: rule.to_json(),
        count: segments::count(s, &rule, SEGMENT_COUNT_CAP)?,
        count_cap: SEGMENT_COUNT_CAP,
        created_at: segment.created_at,
        updated_at: segment.updated_at,
    })
}

async fn list_segments(State(state): State<AppState>, user: ApiUser) -> Result<Json<Value>, ApiError> {
    user.require(Permission::ViewCustomers)?;
    let segments = state
        .with_store(|s| s.segments()?.into_iter().map(|segment| segment_out(s, segment)).collect::<Result<Vec<_>, _>>())
        .await?;
    Ok(Json(json!({ "segments": segments })))
}

async fn one_segment(
    State(state): State<AppState>,
    user: ApiUser,
    Path(id): Path<i64>,
) -> Result<Json<SegmentOut>, ApiError> {
    user.require(Permission::ViewCustomers)?;
    let found = state.with_store(move |s| s.segment(id)?.map(|segment| segment_out(s, segment)).transpose()).await?;
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
            let (_, exponent) = shop_currency(s)?;
            let rule = crate::pages::segments::stored(&segment)?;
            let query = CustomerQuery { limit, offset, ..ladder_app::segments::query(&rule, exponent) };
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
    user.require(Permission::ManageSegments)?;
    let Json(body) = body?;
    let name = body.get("name").and_then(Value::as_str).unwrap_or_default().to_owned();
    let Some(definition) = body.get("definition") else {
        return Err(ApiError::field("definition", "is required: an object of customer filters, {} for everyone"));
    };
    let rule = ladder_domain::segment::SegmentRule::from_json(definition).map_err(|mut e| {
        e.field = if e.field.is_empty() { "definition".to_owned() } else { format!("definition.{}", e.field) };
        ApiError::problem(&e, user.locale())
    })?;
    let actor = user.actor();
    let created = state
        .with_app(move |app| {
            Ok(match ladder_app::segments::save(app, &actor, None, &name, &rule) {
                Ok(segment) => Ok(segment_out(app.store(), segment)?),
                Err(e) => Err(e),
            })
        })
        .await?;
    let created = created.map_err(|e| match e {
        AppError::Invalid(p) if p.problem == ladder_domain::validate::Problem::Taken => {
            ApiError::new(StatusCode::CONFLICT, "a segment with this name exists already")
        }
        other => user.fail(other),
    })?;
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
    /// The domain's order, or the first field at fault (checked by the same validators as the orders
    /// file), said in `locale`.
    fn order(self, now: chrono::DateTime<Utc>, locale: Locale) -> Result<ladder_domain::Order, ApiError> {
        use ladder_domain::{Currency, Order, OrderLine, OrderStatus, validate};
        let header = validate::order_header(
            &self.order_id,
            &self.customer_id,
            self.campaign_code.as_deref(),
            self.ordered_at,
            now,
        );
        header.map_err(|e| ApiError::problem(&e, locale))?;
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
            let price =
                currency.parse_amount(&l.unit_price).map_err(|e| ApiError::field(&at("unit_price"), e.to_string()))?;
            let line = OrderLine {
                sku: l.sku,
                product_name: l.product_name,
                category: l.category,
                quantity: l.quantity,
                unit_price_minor: price,
            };
            validate::order_line(&line, &currency).map_err(|mut e| {
                e.field = at(&e.field);
                ApiError::problem(&e, locale)
            })?;
            lines.push(line);
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
    let order = input.order(Utc::now(), user.locale())?;
    let (actor, posted) = (user.actor(), order.clone());
    let placed = state.with_app(move |app| Ok(ladder_app::customers::put_order(app, &actor, &posted))).await?;
    let placed = placed.map_err(|e| match e {
        AppError::Invalid(p) if p.field == "customer_id" => {
            ApiError::field("customer_id", "is not a known customer; create the customer first")
        }
        other => user.fail(other),
    })?;
    let result = match placed.outcome {
        WriteOutcome::Inserted => "inserted",
        WriteOutcome::Updated => "updated",
        WriteOutcome::Unchanged => "unchanged",
    };
    let customer = placed.placed.map(|p| {
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
    let status = if placed.outcome == WriteOutcome::Inserted { StatusCode::CREATED } else { StatusCode::OK };
    let body = json!({ "order_id": order.external_id, "result": result, "customer": customer });
    Ok((status, user.said(&body)).into_response())
}
