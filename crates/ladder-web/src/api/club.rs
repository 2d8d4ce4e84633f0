//! The club's API, for the till and the web shop's checkout: look a member up (card, email, phone or
//! customer id) with their tier, perks and balance; enrol a customer; redeem points with an
//! `Idempotency-Key`, so a retried request never spends twice.

use super::{ApiError, ApiUser};
use crate::state::AppState;
use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use ladder_app::AppError;
use ladder_app::club::{self, Joining, Redemption};
use ladder_domain::access::Permission;
use ladder_domain::validate::Problem;
use serde::Deserialize;
use serde_json::json;

/// Who to look up: one of them.
#[derive(Deserialize, Default)]
#[serde(default)]
pub(crate) struct MemberAsked {
    card_number: Option<String>,
    email: Option<String>,
    phone: Option<String>,
    customer_id: Option<String>,
}

async fn member_view(state: AppState, user: ApiUser, key: String, card: bool) -> Result<Response, ApiError> {
    user.require(Permission::ViewCustomers)?;
    let found = state
        .with_app(move |app| {
            let looked_up = (|| {
                if card {
                    club::typed_card(&key)?;
                }
                let (member, view) = club::look_up(app, &key, club::today(app)?)?;
                let rules = app.club_rules()?;
                let mut view = serde_json::to_value(view).unwrap_or_default();
                let tier = member.tier.as_deref().and_then(|t| rules.tier(t));
                view["tier_name"] = json!(tier.map(|t| t.name(user.locale().code())));
                Ok::<_, AppError>(view)
            })();
            Ok(looked_up.map_err(|e| user.fail(e)))
        })
        .await?;
    Ok(Json(found?).into_response())
}

/// `GET /club/members?card_number=…` (or `email`, `phone`, `customer_id`).
pub(crate) async fn look_up(
    State(state): State<AppState>,
    user: ApiUser,
    Query(asked): Query<MemberAsked>,
) -> Result<Response, ApiError> {
    let (key, card) = match (asked.card_number, asked.email, asked.phone, asked.customer_id) {
        (Some(c), ..) => (c, true),
        (None, Some(e), ..) => (e, false),
        (None, None, Some(p), _) => (p, false),
        (None, None, None, Some(id)) => (id, false),
        _ => return Err(ApiError::field("card_number", "give card_number, email, phone or customer_id")),
    };
    member_view(state, user, key, card).await
}

/// `GET /club/members/{customer_id}`.
pub(crate) async fn one(
    State(state): State<AppState>,
    user: ApiUser,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    member_view(state, user, id, false).await
}

/// A customer joining: the web shop's sign-up or checkout.
#[derive(Deserialize)]
pub(crate) struct JoinIn {
    customer_id: String,
    /// Orders from this day earn points.
    since: Option<chrono::NaiveDate>,
    /// The customer accepted the club's terms (required: true).
    accepted_terms: bool,
    /// Where the customer accepted them (their IP address, as the shop saw it).
    address: Option<String>,
    /// The referral code the customer arrived with.
    referral_code: Option<String>,
}

/// `POST /club/members`: `{"customer_id": "C1", "accepted_terms": true}`.
pub(crate) async fn join(
    State(state): State<AppState>,
    user: ApiUser,
    body: Result<Json<JoinIn>, axum::extract::rejection::JsonRejection>,
) -> Result<Response, ApiError> {
    user.require(Permission::AddInteractions)?;
    let Json(input) = body?;
    if !input.accepted_terms {
        return Err(ApiError::field("accepted_terms", "joining needs the customer's acceptance of the club's terms"));
    }
    let joining = Joining {
        customer_id: input.customer_id,
        since: input.since,
        channel: "api".into(),
        address: input.address,
        referral_code: input.referral_code,
    };
    let joined =
        state.with_app(move |app| Ok(club::join(app, &user.actor(), &joining).map_err(|e| user.fail(e)))).await?;
    Ok((StatusCode::CREATED, Json(json!(joined?))).into_response())
}

/// A redemption at the till or the web shop's checkout.
#[derive(Deserialize)]
pub(crate) struct RedemptionIn {
    card_number: String,
    points: i64,
    reference: Option<String>,
}

/// `POST /club/redemptions`: `{"card_number", "points", "reference"}` with an `Idempotency-Key` header.
/// 201 when spent, 200 with `replayed: true` for a key seen before, 422 with `points_balance` when the
/// member has fewer points available.
pub(crate) async fn redeem(
    State(state): State<AppState>,
    user: ApiUser,
    headers: HeaderMap,
    body: Result<Json<RedemptionIn>, axum::extract::rejection::JsonRejection>,
) -> Result<Response, ApiError> {
    user.require(Permission::AddInteractions)?;
    let Json(input) = body?;
    let key = headers.get("idempotency-key").and_then(|v| v.to_str().ok()).map(str::to_owned);
    let redemption = Redemption {
        member: input.card_number.clone(),
        points: input.points,
        reference: input.reference,
        idempotency_key: key,
    };
    let locale = user.locale();
    let done = state
        .with_app(move |app| {
            let typed = club::typed_card(&input.card_number);
            Ok(typed.and_then(|_| club::redeem(app, &user.actor(), &redemption)))
        })
        .await?;
    match done {
        Ok(done) => {
            let status = if done.replayed { StatusCode::OK } else { StatusCode::CREATED };
            Ok((status, Json(json!(done))).into_response())
        }
        Err(AppError::Invalid(e)) if matches!(e.problem, Problem::NotEnoughPoints { .. }) => {
            let Problem::NotEnoughPoints { available } = e.problem else { unreachable!() };
            let message = crate::views::catalog().problem(locale, &e.problem, &|f| f.to_owned());
            let body = json!({ "error": message, "field": "points", "kind": "not_enough_points", "points_balance": available });
            Ok((StatusCode::UNPROCESSABLE_ENTITY, Json(body)).into_response())
        }
        Err(e) => Err(ApiError::of(e, locale)),
    }
}
