//! One customer: profile and consents (editable), orders as a timeline, rung and state with their
//! reasons and history, RFM, value and P(alive), interactions (add a note or a call), one-off orders.
//!
//! Changes go through the use-cases of `ladder_app::customers`, the one door for writes: each field is
//! checked by the domain's validator, and every change is audited with what it changed.

use crate::auth::Viewer;
use crate::error::WebError;
use crate::pages::{Frame, page};
use crate::state::AppState;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use ladder_app::AppError;
use ladder_app::customers::ProfileEdit;
use ladder_domain::access::Permission;
use ladder_domain::{Channel, Interaction, InteractionKind, Reason};
use ladder_store::{Change, CustomerDetail};
use serde::Deserialize;

/// The customer and the shop's currency, in one trip to the store.
async fn load(state: &AppState, viewer: &Viewer, id: String) -> Result<(CustomerDetail, Option<String>), WebError> {
    let locale = viewer.locale;
    state
        .with_store(move |s| {
            let detail = s.customer(&id)?.ok_or(WebError::NotFound(locale))?;
            Ok((detail, s.shop_settings()?.currency))
        })
        .await
}

/// A change of the history with its reason said.
#[derive(serde::Serialize)]
struct Move<'a> {
    #[serde(flatten)]
    change: &'a Change,
    why: String,
}

pub(crate) async fn show(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
) -> Result<Html<String>, WebError> {
    viewer.require(Permission::ViewCustomers)?;
    customer_page(&state, &viewer, id, None).await
}

/// The page of one customer, with a problem of the profile form when one was refused.
async fn customer_page(
    state: &AppState,
    viewer: &Viewer,
    id: String,
    problem: Option<String>,
) -> Result<Html<String>, WebError> {
    let (detail, currency) = load(state, viewer, id).await?;
    let catalog = crate::views::catalog();
    let say = |r: &Reason| catalog.reason(viewer.locale, r);
    let consents: Vec<(String, Option<bool>)> = Channel::ALL
        .iter()
        .map(|c| {
            let answer = detail.profile.consents.iter().rev().find(|k| k.channel == *c).map(|k| k.granted);
            (c.as_str().to_owned(), answer)
        })
        .collect();
    let kinds: Vec<&str> = [
        InteractionKind::Note,
        InteractionKind::Call,
        InteractionKind::Email,
        InteractionKind::Meeting,
        InteractionKind::Visit,
        InteractionKind::Complaint,
        InteractionKind::Feedback,
    ]
    .iter()
    .map(|k| k.as_str())
    .collect();
    let mut orders = detail.orders.clone();
    orders.sort_by_key(|o| std::cmp::Reverse(o.ordered_at));
    let mut interactions = detail.interactions.clone();
    interactions.sort_by_key(|i| std::cmp::Reverse(i.at));
    let history: Vec<Move<'_>> =
        detail.history.iter().rev().map(|change| Move { change, why: say(&change.reason) }).collect();
    // The reasons, said here once rather than in the template.
    let why = detail.score.as_ref().map(|s| {
        minijinja::context! {
            rung => say(&s.rung_reason),
            state => s.state_reason.as_ref().map(say),
            stage => say(&Reason::Lifecycle { stage: s.lifecycle_stage, rung: s.rung }),
        }
    });
    let p = &detail.profile;
    let full = format!("{} {}", p.first_name.as_deref().unwrap_or(""), p.last_name.as_deref().unwrap_or(""));
    let display = Some(full.trim().to_owned())
        .filter(|n| !n.is_empty())
        .or_else(|| p.company.clone())
        .unwrap_or_else(|| p.external_id.clone());
    page(
        "customer.html",
        Frame::new(viewer, "customers", currency),
        minijinja::context! {
            problem,
            c => minijinja::Value::from_serialize(&detail.profile),
            score => minijinja::Value::from_serialize(&detail.score),
            orders, interactions, history, consents, kinds, display, why,
            channels => Channel::ALL.iter().map(|c| c.as_str()).collect::<Vec<_>>(),
            tags => ladder_domain::customer::join_tags(&detail.profile.tags),
        },
    )
}

#[derive(Deserialize)]
pub(crate) struct ProfileForm {
    csrf: String,
    first_name: String,
    last_name: String,
    company: String,
    email: String,
    phone: String,
    city: String,
    country: String,
    preferred_language: String,
    preferred_channel: String,
    tags: String,
    consent_email: String,
    consent_sms: String,
    consent_phone: String,
    consent_mail: String,
    consent_fax: String,
}

fn optional(value: &str) -> Option<String> {
    Some(value.trim()).filter(|v| !v.is_empty()).map(str::to_owned)
}

pub(crate) async fn save_profile(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
    Form(form): Form<ProfileForm>,
) -> Result<Response, WebError> {
    viewer.check_csrf(&form.csrf)?;
    viewer.require(Permission::EditCustomers)?;
    let answer = |a: &str| match a {
        "yes" => Some(true),
        "no" => Some(false),
        _ => None,
    };
    let edit = ProfileEdit {
        first_name: form.first_name,
        last_name: form.last_name,
        company: form.company,
        email: form.email,
        phone: form.phone,
        city: form.city,
        country: form.country,
        preferred_language: form.preferred_language,
        preferred_channel: form.preferred_channel,
        tags: form.tags,
        consents: vec![
            (Channel::Email, answer(&form.consent_email)),
            (Channel::Sms, answer(&form.consent_sms)),
            (Channel::Phone, answer(&form.consent_phone)),
            (Channel::Mail, answer(&form.consent_mail)),
            (Channel::Fax, answer(&form.consent_fax)),
        ],
    };
    let (actor, source, customer) = (viewer.actor(), viewer.source(), id.clone());
    let saved = state
        .with_app(move |app| Ok(ladder_app::customers::save_profile(app, &actor, &customer, &edit, &source)))
        .await?;
    match saved {
        Ok(_) => Ok(Redirect::to(&format!("/customers/{}?saved=1", crate::views::encode(&id))).into_response()),
        Err(AppError::Invalid(problem)) => {
            let text = crate::pages::field_problem(&viewer, &problem);
            let html = customer_page(&state, &viewer, id, Some(text)).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, html).into_response())
        }
        Err(e) => Err(viewer.fail(e)),
    }
}

#[derive(Deserialize)]
pub(crate) struct InteractionForm {
    csrf: String,
    kind: String,
    note: String,
}

pub(crate) async fn add_interaction(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
    Form(form): Form<InteractionForm>,
) -> Result<Response, WebError> {
    viewer.check_csrf(&form.csrf)?;
    viewer.require(Permission::AddInteractions)?;
    let kind = InteractionKind::parse(&form.kind).unwrap_or(InteractionKind::Note);
    let interaction = Interaction {
        customer_external_id: id.clone(),
        at: state.app.now(),
        kind,
        note: optional(&form.note),
        campaign_code: None,
    };
    let actor = viewer.actor();
    let added =
        state.with_app(move |app| Ok(ladder_app::customers::add_interaction(app, &actor, &interaction))).await?;
    match added {
        Ok(_) => {}
        Err(AppError::Invalid(problem)) if problem.field == "customer_id" => {
            return Err(WebError::NotFound(viewer.locale));
        }
        Err(AppError::Invalid(problem)) => {
            let text = crate::pages::field_problem(&viewer, &problem);
            let html = customer_page(&state, &viewer, id, Some(text)).await?;
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, html).into_response());
        }
        Err(e) => return Err(viewer.fail(e)),
    }
    Ok(Redirect::to(&format!("/customers/{}#interactions", crate::views::encode(&id))).into_response())
}

#[derive(Deserialize)]
pub(crate) struct OneOffForm {
    csrf: String,
    one_off: String,
}

pub(crate) async fn mark_one_off(
    State(state): State<AppState>,
    viewer: Viewer,
    Path((id, order_id)): Path<(String, String)>,
    Form(form): Form<OneOffForm>,
) -> Result<Response, WebError> {
    viewer.check_csrf(&form.csrf)?;
    viewer.require(Permission::EditCustomers)?;
    // A one-off order stops counting (or counts again): the customer's place changes in the same unit.
    let (actor, customer, one_off) = (viewer.actor(), id.clone(), form.one_off == "yes");
    state
        .with_app(move |app| {
            ladder_app::customers::mark_one_off(app, &actor, &customer, &order_id, one_off).map_err(WebError::from)
        })
        .await
        .map_err(|e| match e {
            WebError::NotFound(_) => WebError::NotFound(viewer.locale),
            other => other,
        })?;
    Ok(Redirect::to(&format!("/customers/{}#orders", crate::views::encode(&id))).into_response())
}
