//! The club's pages: the Club section (its figures, tiers and rules), the till (scan or type a card, see
//! the member, tier, perks and balance, redeem points), and the member's card on the customer page
//! (barcode, QR code, balance, the statement's last rows) with joining and a lost card.
//!
//! Every change goes through `ladder_app::club`; the till's form carries an idempotency key drawn when
//! the form was shown, so a double click or a resubmitted form spends once.

use crate::auth::Viewer;
use crate::error::WebError;
use crate::pages::{Frame, page, text};
use crate::state::AppState;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::response::{Html, IntoResponse, Redirect, Response};
use ladder_app::AppError;
use ladder_app::club::{self, Joining, Redemption};
use ladder_domain::access::Permission;
use ladder_store::Store;
use serde::{Deserialize, Serialize};

/// Statement rows the customer page shows.
const STATEMENT_SHOWN: usize = 10;

/// A tier as the pages show it.
#[derive(Serialize)]
struct TierRow {
    key: String,
    name: String,
    threshold: i64,
    multiplier_percent: u32,
    perks: Vec<String>,
}

fn tiers(rules: &ladder_domain::club::ClubRules, lang: &str) -> Vec<TierRow> {
    rules
        .tiers
        .iter()
        .map(|t| TierRow {
            key: t.key.clone(),
            name: t.name(lang).to_owned(),
            threshold: t.threshold,
            multiplier_percent: t.multiplier_percent,
            perks: t.perks.iter().map(|p| p.as_str().to_owned()).collect(),
        })
        .collect()
}

/// A member as the till and the customer page show them.
#[derive(Serialize)]
pub(crate) struct MemberCard {
    view: club::MemberView,
    name: String,
    tier_name: Option<String>,
    card_grouped: String,
    barcode: Option<String>,
    qr: Option<String>,
    statement: Vec<club::StatementLine>,
    blocked: bool,
}

/// The member's card for a page, or none when the customer is not a member.
pub(crate) fn member_card(
    store: &dyn Store,
    app_day: chrono::NaiveDate,
    customer_id: &str,
    lang: &str,
) -> Result<Option<MemberCard>, AppError> {
    let Some(id) = store.club_customer_id(customer_id)? else { return Ok(None) };
    let Some(member) = store.club_member(id)? else { return Ok(None) };
    card_of(store, app_day, &member, lang).map(Some)
}

fn card_of(
    store: &dyn Store,
    day: chrono::NaiveDate,
    member: &ladder_store::club::Member,
    lang: &str,
) -> Result<MemberCard, AppError> {
    let rules = club::rules(store)?;
    let view = club::view(store, &rules, member, day)?;
    let mut statement = club::statement(store, member)?;
    let skip = statement.len().saturating_sub(STATEMENT_SHOWN);
    statement.drain(..skip);
    statement.reverse();
    let name =
        store.names_of(std::slice::from_ref(&member.customer_id))?.remove(&member.customer_id).unwrap_or_default();
    Ok(MemberCard {
        tier_name: member.tier.as_deref().and_then(|t| rules.tier(t)).map(|t| t.name(lang).to_owned()),
        card_grouped: ladder_domain::club::grouped(&member.card_number),
        barcode: crate::card_codes::barcode_svg(&member.card_number),
        qr: crate::card_codes::qr_svg(&member.card_number),
        blocked: member.blocked_at.is_some(),
        name,
        statement,
        view,
    })
}

/// `GET /club`: the club's figures over the 12 months, its tiers and rules.
pub(crate) async fn overview(State(state): State<AppState>, viewer: Viewer) -> Result<Html<String>, WebError> {
    viewer.require(Permission::ViewReports)?;
    let actor = viewer.actor();
    let lang = viewer.locale.code();
    let (report, rules, currency) = state
        .with_app(move |app| {
            let day = club::today(app)?;
            let report = club::report(app, &actor, day)?;
            Ok((report, club::rules(app.store())?, app.store().shop_settings()?.currency))
        })
        .await?;
    page(
        "club.html",
        Frame::new(&viewer, "club", currency),
        minijinja::context! {
            report => minijinja::Value::from_serialize(&report),
            tiers => tiers(&rules, lang),
            rules => minijinja::Value::from_serialize(&rules),
        },
    )
}

/// What the till was asked.
#[derive(Deserialize, Default)]
#[serde(default)]
pub(crate) struct TillAsked {
    card: String,
    done: Option<String>,
    problem: Option<String>,
}

/// `GET /club/till?card=…`: the card typed or scanned, the member with their balance and a form to
/// redeem points.
pub(crate) async fn till(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(asked): Query<TillAsked>,
) -> Result<Html<String>, WebError> {
    viewer.require(Permission::ViewCustomers)?;
    let lang = viewer.locale.code();
    let typed = asked.card.trim().to_owned();
    let found = if typed.is_empty() {
        None
    } else {
        let key = typed.clone();
        Some(
            state
                .with_app(move |app| {
                    let store = app.store();
                    let day = club::today(app)?;
                    Ok(club::find(store, &key).and_then(|m| card_of(store, day, &m, lang)))
                })
                .await?,
        )
    };
    let (member, problem) = match found {
        Some(Ok(card)) => (Some(card), None),
        Some(Err(e)) => (None, Some(till_problem(&viewer, e)?)),
        None => (None, None),
    };
    let currency = state.with_store(|store| Ok(crate::pages::customers::shop_currency(store)?.0)).await?;
    let done = asked.done.as_deref().and_then(|d| d.parse::<i64>().ok());
    let asked_problem = asked.problem.as_deref().and_then(|p| p.parse::<i64>().ok());
    page(
        "club_till.html",
        Frame::new(&viewer, "club", currency),
        minijinja::context! {
            card => typed,
            member => member.map(|m| minijinja::Value::from_serialize(&m)),
            problem,
            spent => done,
            short_of => asked_problem,
            key => ladder_app::accounts::random_token(),
        },
    )
}

/// Why the till shows no member: not one, a mistyped or blocked card; anything else is the page's error.
fn till_problem(viewer: &Viewer, e: AppError) -> Result<String, WebError> {
    match e {
        AppError::NotFound(_) => Ok(text(viewer, "club-not-a-member", &[])),
        AppError::Invalid(problem) => Ok(crate::pages::problem_text(viewer, &problem.problem)),
        AppError::Conflict(why) => Ok(why),
        other => Err(viewer.fail(other)),
    }
}

/// The till's redemption form.
#[derive(Deserialize, Default)]
#[serde(default)]
pub(crate) struct RedeemForm {
    csrf: String,
    card: String,
    points: String,
    reference: String,
    key: String,
}

/// `POST /club/till`: spends points, then shows the till again with what was done (a reload never
/// spends again: the form's key is spent once).
pub(crate) async fn redeem(
    State(state): State<AppState>,
    viewer: Viewer,
    Form(form): Form<RedeemForm>,
) -> Result<Response, WebError> {
    viewer.check_csrf(&form.csrf)?;
    viewer.require(Permission::AddInteractions)?;
    let card = crate::views::encode(form.card.trim());
    let Ok(points) = ladder_domain::date::ascii_digits(form.points.trim()).parse::<i64>() else {
        return Ok(Redirect::to(&format!("/club/till?card={card}&problem=0")).into_response());
    };
    let actor = viewer.actor();
    let redemption = Redemption {
        member: form.card.trim().to_owned(),
        points,
        reference: Some(form.reference.trim().to_owned()).filter(|r| !r.is_empty()),
        idempotency_key: Some(format!("web:{}", form.key.trim())).filter(|k| k.len() > 4),
    };
    let done = state.with_app(move |app| Ok(club::redeem(app, &actor, &redemption))).await?;
    match done {
        Ok(done) => Ok(Redirect::to(&format!("/club/till?card={card}&done={}", done.points)).into_response()),
        Err(AppError::Invalid(e)) => match e.problem {
            ladder_domain::validate::Problem::NotEnoughPoints { available } => {
                Ok(Redirect::to(&format!("/club/till?card={card}&problem={available}")).into_response())
            }
            _ => Ok(Redirect::to(&format!("/club/till?card={card}&problem=0")).into_response()),
        },
        Err(e) => Err(viewer.fail(e)),
    }
}

/// The customer page's join form.
#[derive(Deserialize, Default)]
#[serde(default)]
pub(crate) struct JoinForm {
    csrf: String,
    accepted_terms: String,
}

/// `POST /customers/{id}/club/join`: enrols the customer, their acceptance of the terms recorded as given
/// to this staff member on this page.
pub(crate) async fn join(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
    Form(form): Form<JoinForm>,
) -> Result<Response, WebError> {
    viewer.check_csrf(&form.csrf)?;
    viewer.require(Permission::AddInteractions)?;
    let back = crate::views::encode(&id);
    if form.accepted_terms != "yes" {
        return Ok(Redirect::to(&format!("/customers/{back}?done=club-terms#club")).into_response());
    }
    let actor = viewer.actor();
    let joining = Joining { customer_id: id, since: None, channel: "web".into(), address: None, referral_code: None };
    state.with_app(move |app| Ok(club::join(app, &actor, &joining))).await?.map_err(|e| viewer.fail(e))?;
    Ok(Redirect::to(&format!("/customers/{back}?done=club-joined#club")).into_response())
}

/// `POST /customers/{id}/club/card`: a lost card: a new number, the old one blocked.
pub(crate) async fn replace_card(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
    Form(form): Form<JoinForm>,
) -> Result<Response, WebError> {
    viewer.check_csrf(&form.csrf)?;
    viewer.require(Permission::EditCustomers)?;
    let back = crate::views::encode(&id);
    let actor = viewer.actor();
    state.with_app(move |app| Ok(club::replace_card(app, &actor, &id, "lost"))).await?.map_err(|e| viewer.fail(e))?;
    Ok(Redirect::to(&format!("/customers/{back}?done=club-card#club")).into_response())
}

/// A card as a PDF download.
fn pdf_response((file, pdf): (String, Vec<u8>)) -> Response {
    use axum::http::header::{CACHE_CONTROL, CONTENT_DISPOSITION, CONTENT_TYPE};
    (
        [
            (CONTENT_TYPE, "application/pdf".to_owned()),
            (CONTENT_DISPOSITION, format!("attachment; filename=\"{file}\"")),
            (CACHE_CONTROL, "no-store".to_owned()),
        ],
        pdf,
    )
        .into_response()
}

/// `GET /customers/{id}/club/card`: the member's card to print (PDF, both sides, in their language).
pub(crate) async fn card_pdf(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
) -> Result<Response, WebError> {
    viewer.require(Permission::ViewCustomers)?;
    let printed = state.with_app(move |app| Ok(club::card::card_pdf(app, &id))).await?.map_err(|e| viewer.fail(e))?;
    Ok(pdf_response(printed))
}

/// `POST /customers/{id}/club/card/email`: emails the member their card (once per card number).
pub(crate) async fn email_card(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
    Form(form): Form<JoinForm>,
) -> Result<Response, WebError> {
    viewer.check_csrf(&form.csrf)?;
    viewer.require(Permission::EditCustomers)?;
    let back = crate::views::encode(&id);
    let actor = viewer.actor();
    let (message, new) =
        state.with_app(move |app| Ok(club::card::send_card(app, &actor, &id))).await?.map_err(|e| viewer.fail(e))?;
    let done = match (new, message.status) {
        (false, _) => "club-card-email-again",
        (true, ladder_domain::messaging::OutboxStatus::Skipped) => "club-card-email-skipped",
        (true, _) => "club-card-emailed",
    };
    Ok(Redirect::to(&format!("/customers/{back}?done={done}#club")).into_response())
}

/// The page of a card link: the language the member reads (else the browser's) and the card, or why
/// the link no longer shows one.
async fn card_by_link(
    state: &AppState,
    token: String,
    headers: &axum::http::HeaderMap,
) -> Result<(ladder_i18n::Locale, Result<(MemberCard, String, String), String>), WebError> {
    let guest = crate::auth::guest_locale(headers);
    state
        .with_app(move |app| {
            let (member, _, locale) = match club::card::by_link(app, &token) {
                Ok(found) => found,
                Err(AppError::Invalid(e)) => {
                    let said = crate::views::catalog().problem(guest, &e.problem, &|f| f.to_owned());
                    return Ok((guest, Err(said)));
                }
                Err(e) => return Err(WebError::of(e, guest)),
            };
            let store = app.store();
            let shop = store.shop_settings()?;
            let day = club::today(app).map_err(|e| WebError::of(e, locale))?;
            let card = card_of(store, day, &member, locale.code()).map_err(|e| WebError::of(e, locale))?;
            Ok((locale, Ok((card, shop.name, shop.currency.unwrap_or_default()))))
        })
        .await
}

/// `GET /card/{token}`: the member's card on their phone, to show at the till — no sign-in: the signed
/// link is the key, and it stops working when the card is replaced.
pub(crate) async fn public_card(
    State(state): State<AppState>,
    Path(token): Path<String>,
    headers: axum::http::HeaderMap,
) -> Result<Response, WebError> {
    let path = format!("/card/{token}");
    let (locale, found) = card_by_link(&state, token.clone(), &headers).await?;
    let context = match found {
        Ok((member, shop, currency)) => minijinja::context! { member, shop, currency, token, problem => () },
        Err(problem) => minijinja::context! { problem, token },
    };
    let mut response = crate::pages::links::bare_page("club_card.html", locale, &path, context)?;
    response.headers_mut().insert(axum::http::header::CACHE_CONTROL, axum::http::HeaderValue::from_static("no-store"));
    Ok(response)
}

/// `GET /card/{token}/pdf`: the same card to print.
pub(crate) async fn public_card_pdf(
    State(state): State<AppState>,
    Path(token): Path<String>,
    headers: axum::http::HeaderMap,
) -> Result<Response, WebError> {
    let guest = crate::auth::guest_locale(&headers);
    let printed =
        state.with_app(move |app| club::card::pdf_by_link(app, &token).map_err(|e| WebError::of(e, guest))).await?;
    Ok(pdf_response(printed))
}
