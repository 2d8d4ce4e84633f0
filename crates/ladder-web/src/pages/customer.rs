//! One customer: profile and consents (editable), orders as a timeline, rung and state with their
//! reasons and history, RFM, value and P(alive), interactions (add a note or a call), one-off orders.
//!
//! Changes go through the same all-or-nothing import sessions as a CSV import, with the user named as
//! the source, and each is written to the audit log.

use crate::auth::Viewer;
use crate::error::WebError;
use crate::pages::customers::shop_currency;
use crate::pages::{Frame, page};
use crate::state::AppState;
use axum::Form;
use axum::extract::{Path, State};
use axum::response::{Html, IntoResponse, Redirect, Response};
use chrono::Utc;
use ladder_domain::access::Permission;
use ladder_domain::{Channel, Consent, Currency, Interaction, InteractionKind, Order, OrderLine};
use ladder_store::{AuditEntry, CustomerDetail, ImportContext, Store};
use serde::Deserialize;

async fn load(state: &AppState, viewer: &Viewer, id: String) -> Result<CustomerDetail, WebError> {
    let locale = viewer.locale;
    state.with_store(move |s| s.customer(&id)?.ok_or(WebError::NotFound(locale))).await
}

pub(crate) async fn show(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
) -> Result<Html<String>, WebError> {
    viewer.require(Permission::ViewCustomers)?;
    let detail = load(&state, &viewer, id).await?;
    let currency = state.with_store(|s| Ok(shop_currency(s)?.0)).await?;
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
    let mut history = detail.history.clone();
    history.reverse();
    let p = &detail.profile;
    let full = format!("{} {}", p.first_name.as_deref().unwrap_or(""), p.last_name.as_deref().unwrap_or(""));
    let display = Some(full.trim().to_owned())
        .filter(|n| !n.is_empty())
        .or_else(|| p.company.clone())
        .unwrap_or_else(|| p.external_id.clone());
    page(
        "customer.html",
        Frame::new(&viewer, "customers", currency),
        minijinja::context! {
            c => minijinja::Value::from_serialize(&detail.profile),
            score => minijinja::Value::from_serialize(&detail.score),
            orders, interactions, history, consents, kinds, display,
            channels => Channel::ALL.iter().map(|c| c.as_str()).collect::<Vec<_>>(),
            tags => detail.profile.tags.join(", "),
        },
    )
}

/// Writes one customer change in its own import session, with the audit entry.
async fn write(
    state: &AppState,
    viewer: &Viewer,
    action: &'static str,
    target: String,
    detail: String,
    work: impl FnOnce(&mut dyn ladder_store::ImportSession) -> Result<(), WebError> + Send + 'static,
) -> Result<(), WebError> {
    let now = Utc::now();
    let (user_id, email) = (viewer.user.id, viewer.user.email.clone());
    state
        .with_store(move |s: &dyn Store| {
            let mut session = s.begin_import(ImportContext { now, source: format!("web:{email}") })?;
            work(session.as_mut())?;
            session.commit()?;
            s.set_setting(ladder_app::settings::DATA_CHANGED_AT, &now.to_rfc3339())?;
            s.record_audit(&AuditEntry { at: now, user_id: Some(user_id), action: action.into(), target, detail })?;
            Ok(())
        })
        .await
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
    let detail = load(&state, &viewer, id.clone()).await?;
    let mut c = detail.profile;
    c.first_name = optional(&form.first_name);
    c.last_name = optional(&form.last_name);
    c.company = optional(&form.company);
    c.email = optional(&form.email);
    c.phone = optional(&form.phone);
    c.city = optional(&form.city);
    c.country = optional(&form.country).map(|v| v.to_uppercase());
    c.preferred_language = optional(&form.preferred_language);
    c.preferred_channel = Channel::parse(&form.preferred_channel);
    c.tags = form.tags.split(',').filter_map(optional).collect();
    let now = Utc::now();
    let answers = [
        (Channel::Email, &form.consent_email),
        (Channel::Sms, &form.consent_sms),
        (Channel::Phone, &form.consent_phone),
        (Channel::Mail, &form.consent_mail),
        (Channel::Fax, &form.consent_fax),
    ];
    for (channel, answer) in answers {
        let granted = match answer.as_str() {
            "yes" => true,
            "no" => false,
            _ => continue,
        };
        let current = c.consents.iter().rev().find(|k| k.channel == channel).map(|k| k.granted);
        if current != Some(granted) {
            c.consents.retain(|k| k.channel != channel);
            let source = Some(format!("web:{}", viewer.user.email));
            c.consents.push(Consent { channel, granted, at: Some(now), source });
        }
    }
    let detail = format!("{c:?}").chars().take(500).collect();
    write(&state, &viewer, "edit_customer", format!("customer:{id}"), detail, move |session| {
        session.put_customer(&c)?;
        Ok(())
    })
    .await?;
    Ok(Redirect::to(&format!("/customers/{}?saved=1", crate::views::encode(&id))).into_response())
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
        at: Utc::now(),
        kind,
        note: optional(&form.note),
        campaign_code: None,
    };
    load(&state, &viewer, id.clone()).await?;
    let detail = format!("{}: {}", kind.as_str(), form.note.chars().take(200).collect::<String>());
    write(&state, &viewer, "add_interaction", format!("customer:{id}"), detail, move |session| {
        session.put_interaction(&interaction)?;
        Ok(())
    })
    .await?;
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
    let detail = load(&state, &viewer, id.clone()).await?;
    let view = detail.orders.into_iter().find(|o| o.order_id == order_id).ok_or(WebError::NotFound(viewer.locale))?;
    let currency = Currency::parse(&view.currency).map_err(|e| WebError::Internal(e.to_string()))?;
    let order = Order {
        external_id: view.order_id,
        customer_external_id: id.clone(),
        ordered_at: view.ordered_at,
        currency,
        campaign_code: view.campaign_code,
        one_off: form.one_off == "yes",
        status: view.status,
        lines: view
            .lines
            .into_iter()
            .map(|l| OrderLine {
                sku: l.sku,
                product_name: l.product_name,
                category: l.category,
                quantity: l.quantity,
                unit_price_minor: l.unit_price_minor,
            })
            .collect(),
    };
    let detail = format!("{order_id}: one_off={}", order.one_off);
    write(&state, &viewer, "mark_one_off", format!("customer:{id}"), detail, move |session| {
        session.put_order(&order)?;
        Ok(())
    })
    .await?;
    // A one-off order stops counting (or counts again): the customer's place changes now.
    let customer = id.clone();
    state.with_store(move |s| Ok(ladder_app::score::score_customer(s, &customer, Utc::now().date_naive())?)).await?;
    Ok(Redirect::to(&format!("/customers/{}#orders", crate::views::encode(&id))).into_response())
}
