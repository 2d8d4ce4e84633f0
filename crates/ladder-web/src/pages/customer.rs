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
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use ladder_app::AppError;
use ladder_app::customers::ProfileEdit;
use ladder_domain::access::Permission;
use ladder_domain::{Channel, Interaction, InteractionKind, Reason};
use ladder_store::{Change, CustomerDetail};
use serde::Deserialize;

/// A change to a consent, as the customer's page lists it: when, by whom, which channel, from and to.
#[derive(serde::Serialize)]
struct ConsentChange {
    at: chrono::DateTime<chrono::Utc>,
    who: String,
    channel: String,
    before: Option<String>,
    after: Option<String>,
}

/// How many entries about a customer the page reads for their consent history.
const CONSENT_HISTORY_READ: u32 = 100;

/// The consent changes among the audit entries about a customer, newest first.
fn consent_changes(records: &[ladder_store::AuditRecord]) -> Vec<ConsentChange> {
    let mut out = Vec::new();
    for r in records {
        let Some(ladder_domain::audit::Action::CustomerChanged { changes, .. }) =
            ladder_domain::audit::Action::from_detail(&r.detail)
        else {
            continue;
        };
        let who = r.user_email.clone().unwrap_or_else(|| r.actor.clone());
        for c in changes {
            if let Some(channel) = c.field.strip_prefix("consent_") {
                out.push(ConsentChange {
                    at: r.at,
                    who: who.clone(),
                    channel: channel.to_owned(),
                    before: c.before.clone(),
                    after: c.after.clone(),
                });
            }
        }
    }
    out
}

/// The customer, the shop's currency and their consent history, in one trip to the store.
/// The messages as the page lists them: each reason said in the reader's language where Ladder wrote
/// it ("no consent", "no last purchase"); a provider's own words are shown as they came.
pub(crate) fn said_messages(
    messages: &[ladder_store::OutboxMessage],
    locale: ladder_i18n::Locale,
) -> Vec<serde_json::Value> {
    let catalog = crate::views::catalog();
    messages
        .iter()
        .map(|m| {
            let mut value = serde_json::to_value(m).unwrap_or_default();
            if let Some(reason) = &m.reason {
                value["reason"] = serde_json::Value::String(said_reason(catalog, locale, reason));
            }
            value
        })
        .collect()
}

/// An outbox reason in the reader's words: Ladder's own are translated, a provider's shown as they came.
pub(crate) fn said_reason(catalog: &ladder_i18n::Catalog, locale: ladder_i18n::Locale, reason: &str) -> String {
    let id = format!("outbox-reason-{}", reason.replace(' ', "-"));
    let said = catalog.text(locale, &id);
    if said == id { reason.to_owned() } else { said }
}

/// The messages a customer's page lists, newest first.
const MESSAGES_SHOWN: u32 = 20;

async fn load(
    state: &AppState,
    viewer: &Viewer,
    id: String,
) -> Result<(CustomerDetail, Option<String>, Vec<ConsentChange>, Vec<ladder_store::OutboxMessage>), WebError> {
    let locale = viewer.locale;
    state
        .with_store(move |s| {
            let Some(detail) = s.customer(&id)? else {
                // An id merged into another customer leads to them.
                let kept = s.begin()?.aliases()?.remove(&id);
                return Err(kept.map_or(WebError::NotFound(locale), |k| {
                    WebError::Moved(format!("/customers/{}", crate::views::encode(&k)))
                }));
            };
            let about = s.audit_of(&format!("customer:{}", detail.profile.external_id), CONSENT_HISTORY_READ)?;
            let query = ladder_store::OutboxQuery {
                customer_id: Some(detail.profile.external_id.clone()),
                limit: MESSAGES_SHOWN,
                ..ladder_store::OutboxQuery::default()
            };
            let messages = s.outbox(&query)?;
            Ok((detail, s.shop_settings()?.currency, consent_changes(&about), messages))
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

/// What the page confirms after a change (`?done=…`), by its message.
#[derive(Deserialize, Default)]
pub(crate) struct Done {
    done: Option<String>,
}

impl Done {
    /// The confirmation's message id, when it is one the page knows.
    fn message(&self) -> Option<&'static str> {
        match self.done.as_deref()? {
            "saved" => Some("customer-saved"),
            "created" => Some("customer-created"),
            "order" => Some("order-saved"),
            "interaction" => Some("interaction-saved"),
            "one-off" => Some("one-off-saved"),
            "merged" => Some("customer-merged"),
            "club-joined" => Some("club-joined"),
            "club-card" => Some("club-card-replaced"),
            "club-terms" => Some("club-terms-needed"),
            "club-card-emailed" => Some("club-card-emailed"),
            "club-card-email-again" => Some("club-card-email-again"),
            "club-card-email-skipped" => Some("club-card-email-skipped"),
            _ => None,
        }
    }
}

pub(crate) async fn show(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
    Query(done): Query<Done>,
) -> Result<Html<String>, WebError> {
    viewer.require(Permission::ViewCustomers)?;
    customer_page(&state, &viewer, id, None, done.message()).await
}

/// Where a change leads: the customer's page, saying what was done, at the part it changed.
fn after(id: &str, done: &str, part: &str) -> Response {
    Redirect::to(&format!("/customers/{}?done={done}#{part}", crate::views::encode(id))).into_response()
}

/// The page of one customer, with a problem of the profile form when one was refused.
async fn customer_page(
    state: &AppState,
    viewer: &Viewer,
    id: String,
    problem: Option<String>,
    done: Option<&str>,
) -> Result<Html<String>, WebError> {
    let (detail, currency, consent_history, messages) = load(state, viewer, id).await?;
    let (member_id, lang) = (detail.profile.external_id.clone(), viewer.locale.code());
    let club = state
        .with_app(move |app| {
            let day = ladder_app::club::today(app)?;
            Ok(crate::pages::club::member_card(app.store(), day, &member_id, lang))
        })
        .await?
        .map_err(|e| viewer.fail(e))?;
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
            attributes => ladder_app::customers::attributes_text(&detail.profile.attributes),
            referrals => &detail.referrals,
            consent_history,
            consent_ledger => minijinja::Value::from_serialize(&detail.consent_ledger),
            messages => minijinja::Value::from_serialize(said_messages(&messages, viewer.locale)),
            kinds_of_customer => ladder_domain::CustomerKind::ALL.iter().map(|k| k.as_str()).collect::<Vec<_>>(),
            club => club.map(|c| minijinja::Value::from_serialize(&c)),
            done, today => state.app.now().date_naive().to_string(),
            line_rows => [0, 1, 2, 3, 4],
        },
    )
}

/// The profile form's fields (the same form adds a customer, with their id).
#[derive(Deserialize, Default)]
#[serde(default)]
pub(crate) struct ProfileForm {
    csrf: String,
    customer_id: String,
    kind: String,
    first_name: String,
    last_name: String,
    company: String,
    industry: String,
    email: String,
    phone: String,
    address: String,
    city: String,
    region: String,
    country: String,
    birthday: String,
    profession: String,
    income_band: String,
    referred_by: String,
    attributes: String,
    preferred_language: String,
    preferred_channel: String,
    tags: String,
    consent_email: String,
    consent_sms: String,
    consent_phone: String,
    consent_mail: String,
    consent_fax: String,
}

impl ProfileForm {
    /// What the person typed, for the use-case: a birthday typed in the reader's calendar as the
    /// Gregorian date the use-case reads (a year-less `--MM-DD` stays as typed).
    fn edit(&self, locale: ladder_i18n::Locale) -> ProfileEdit {
        let answer = |a: &str| match a {
            "yes" => Some(true),
            "no" => Some(false),
            _ => None,
        };
        ProfileEdit {
            kind: self.kind.clone(),
            first_name: self.first_name.clone(),
            last_name: self.last_name.clone(),
            company: self.company.clone(),
            industry: self.industry.clone(),
            email: self.email.clone(),
            phone: self.phone.clone(),
            address: self.address.clone(),
            city: self.city.clone(),
            region: self.region.clone(),
            country: self.country.clone(),
            birthday: crate::views::typed_as_iso(locale, &self.birthday),
            profession: self.profession.clone(),
            income_band: self.income_band.clone(),
            referred_by: self.referred_by.clone(),
            attributes: self.attributes.clone(),
            preferred_language: self.preferred_language.clone(),
            preferred_channel: self.preferred_channel.clone(),
            tags: self.tags.clone(),
            consents: vec![
                (Channel::Email, answer(&self.consent_email)),
                (Channel::Sms, answer(&self.consent_sms)),
                (Channel::Phone, answer(&self.consent_phone)),
                (Channel::Mail, answer(&self.consent_mail)),
                (Channel::Fax, answer(&self.consent_fax)),
            ],
        }
    }
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
    let edit = form.edit(viewer.locale);
    let (actor, source, customer) = (viewer.actor(), viewer.source(), id.clone());
    let saved = state
        .with_app(move |app| Ok(ladder_app::customers::save_profile(app, &actor, &customer, &edit, &source)))
        .await?;
    match saved {
        Ok(_) => Ok(after(&id, "saved", "edit")),
        Err(AppError::Invalid(problem)) => refused(&state, &viewer, id, problem).await,
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
        Err(AppError::Invalid(problem)) => return refused(&state, &viewer, id, problem).await,
        Err(e) => return Err(viewer.fail(e)),
    }
    Ok(after(&id, "interaction", "interactions"))
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
    Ok(after(&id, "one-off", "orders"))
}

/// A new customer's form: the profile form with their id.
pub(crate) async fn new_form(State(state): State<AppState>, viewer: Viewer) -> Result<Html<String>, WebError> {
    viewer.require(Permission::EditCustomers)?;
    new_page(&state, &viewer, &ProfileForm::default(), None)
}

fn new_page(
    state: &AppState,
    viewer: &Viewer,
    typed: &ProfileForm,
    problem: Option<String>,
) -> Result<Html<String>, WebError> {
    let _ = state;
    page(
        "customer_new.html",
        Frame::new(viewer, "customers", None),
        minijinja::context! {
            problem,
            f => minijinja::context! {
                customer_id => &typed.customer_id, kind => &typed.kind, first_name => &typed.first_name,
                last_name => &typed.last_name, company => &typed.company, email => &typed.email,
                phone => &typed.phone, city => &typed.city, country => &typed.country, birthday => &typed.birthday,
                referred_by => &typed.referred_by, tags => &typed.tags,
            },
            kinds_of_customer => ladder_domain::CustomerKind::ALL.iter().map(|k| k.as_str()).collect::<Vec<_>>(),
            channels => Channel::ALL.iter().map(|c| c.as_str()).collect::<Vec<_>>(),
        },
    )
}

/// Adds a customer; an id in use or a bad field shows the form again with what was typed.
pub(crate) async fn create(
    State(state): State<AppState>,
    viewer: Viewer,
    Form(form): Form<ProfileForm>,
) -> Result<Response, WebError> {
    viewer.check_csrf(&form.csrf)?;
    viewer.require(Permission::EditCustomers)?;
    let (actor, source, id, edit) =
        (viewer.actor(), viewer.source(), form.customer_id.trim().to_owned(), form.edit(viewer.locale));
    let wanted = id.clone();
    let created = state
        .with_app(move |app| Ok(ladder_app::customers::create_customer(app, &actor, &wanted, &edit, &source)))
        .await?;
    match created {
        Ok(_) => Ok(after(&id, "created", "customer-name")),
        Err(AppError::Invalid(problem)) => {
            let text = crate::pages::field_problem(&viewer, &problem);
            Ok((StatusCode::UNPROCESSABLE_ENTITY, new_page(&state, &viewer, &form, Some(text))?).into_response())
        }
        Err(e) => Err(viewer.fail(e)),
    }
}

/// Adds (or, with an order id in use by this customer, replaces) an order with its lines, in the shop's
/// currency; empty line rows are left out.
pub(crate) async fn add_order(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
    Form(form): Form<std::collections::HashMap<String, String>>,
) -> Result<Response, WebError> {
    let field = |name: &str| form.get(name).map(|v| v.trim().to_owned()).unwrap_or_default();
    viewer.check_csrf(&field("csrf"))?;
    viewer.require(Permission::EditCustomers)?;
    let now = state.app.now();
    let refused = |problem| refused(&state, &viewer, id.clone(), problem);
    use ladder_domain::validate::{FieldError, Problem};
    let currency = state.with_store(|s| Ok(ladder_app::shop::money(s)?)).await?;
    let Some(currency) = currency else {
        return refused(FieldError::new("currency", Problem::Required)).await;
    };
    let ordered_at = match field("ordered_on").as_str() {
        "" => now,
        day => match crate::views::read_typed_date(viewer.locale, day) {
            // Noon: the day stays the day in every time zone of our shops.
            Ok(d) => d.and_hms_opt(12, 0, 0).map_or(now, |t| t.and_utc()),
            Err(problem) => return refused(FieldError::new("ordered_at", problem)).await,
        },
    };
    let mut lines = Vec::new();
    for n in 0..5 {
        let sku = field(&format!("sku_{n}"));
        if sku.is_empty() {
            continue;
        }
        let quantity = match field(&format!("quantity_{n}")).as_str() {
            "" => 1,
            q => match q.parse::<i64>() {
                Ok(q) => q,
                Err(_) => return refused(FieldError::new("quantity", Problem::NotWholeNumber)).await,
            },
        };
        let price = match currency.parse_amount(&field(&format!("price_{n}")).replace(',', ".")) {
            Ok(p) => p,
            Err(e) => return refused(FieldError::new("unit_price", e.into())).await,
        };
        let name = field(&format!("name_{n}"));
        lines.push(ladder_domain::OrderLine {
            sku,
            product_name: (!name.is_empty()).then_some(name),
            category: None,
            quantity,
            unit_price_minor: price,
        });
    }
    let order_id = match field("order_id") {
        typed if typed.is_empty() => format!("W-{}", now.format("%Y%m%d-%H%M%S")),
        typed => typed,
    };
    let code = field("campaign_code");
    let order = ladder_domain::Order {
        external_id: order_id,
        customer_external_id: id.clone(),
        ordered_at,
        currency,
        campaign_code: (!code.is_empty()).then_some(code),
        one_off: field("one_off") == "yes",
        status: ladder_domain::OrderStatus::Completed,
        lines,
    };
    let actor = viewer.actor();
    let placed = state.with_app(move |app| Ok(ladder_app::customers::put_order(app, &actor, &order))).await?;
    match placed {
        Ok(_) => Ok(after(&id, "order", "orders")),
        Err(AppError::Invalid(problem)) if problem.field == "customer_id" => Err(WebError::NotFound(viewer.locale)),
        Err(AppError::Invalid(problem)) => refused(problem).await,
        Err(AppError::Conflict(_)) => refused(FieldError::new("order_id", Problem::OrderOfAnotherCustomer)).await,
        Err(e) => Err(viewer.fail(e)),
    }
}

/// The customer's page again, with the problem of the form that was sent named.
async fn refused(
    state: &AppState,
    viewer: &Viewer,
    id: String,
    problem: ladder_domain::validate::FieldError,
) -> Result<Response, WebError> {
    let text = crate::pages::field_problem(viewer, &problem);
    let html = customer_page(state, viewer, id, Some(text), None).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, html).into_response())
}

#[derive(Deserialize)]
pub(crate) struct MergeForm {
    csrf: String,
    /// The id of the duplicate to merge into this customer.
    absorbed: String,
}

/// Merges another customer (a duplicate) into this one: both histories kept, the other id an alias.
pub(crate) async fn merge(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
    Form(form): Form<MergeForm>,
) -> Result<Response, WebError> {
    viewer.check_csrf(&form.csrf)?;
    viewer.require(Permission::EditCustomers)?;
    let (actor, kept, absorbed) = (viewer.actor(), id.clone(), form.absorbed.trim().to_owned());
    let merged = state.with_app(move |app| Ok(ladder_app::privacy::merge(app, &actor, &kept, &absorbed))).await?;
    match merged {
        Ok(_) => Ok(after(&id, "merged", "customer-name")),
        Err(AppError::Invalid(problem)) => refused(&state, &viewer, id, problem).await,
        Err(e) => Err(viewer.fail(e)),
    }
}

/// Everything kept about the customer, as a JSON file (a request for access).
pub(crate) async fn export(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
) -> Result<Response, WebError> {
    viewer.require(Permission::ViewCustomers)?;
    let (actor, customer) = (viewer.actor(), id.clone());
    let data = state
        .with_app(move |app| Ok(ladder_app::privacy::export(app, &actor, &customer)))
        .await?
        .map_err(|e| viewer.fail(e))?;
    let file: String =
        id.chars().map(|c| if c.is_ascii_alphanumeric() || "-_".contains(c) { c } else { '_' }).collect();
    let disposition = format!("attachment; filename=\"customer-{file}.json\"");
    let body = serde_json::to_vec_pretty(&data).map_err(WebError::internal)?;
    Ok((
        [
            (axum::http::header::CONTENT_TYPE, "application/json".to_owned()),
            (axum::http::header::CONTENT_DISPOSITION, disposition),
        ],
        body,
    )
        .into_response())
}

#[derive(Deserialize)]
pub(crate) struct CsrfForm {
    csrf: String,
}

/// Deletes the customer with their orders (a record made by mistake).
pub(crate) async fn delete(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
    Form(form): Form<CsrfForm>,
) -> Result<Response, WebError> {
    viewer.check_csrf(&form.csrf)?;
    viewer.require(Permission::EraseCustomers)?;
    let actor = viewer.actor();
    // A refusal or a missing customer is said in the reader's language.
    state.with_app(move |app| Ok(ladder_app::privacy::delete(app, &actor, &id))).await?.map_err(|e| viewer.fail(e))?;
    Ok(Redirect::to("/customers?done=deleted").into_response())
}

/// Erases the customer's personal data; their orders stay, anonymised.
pub(crate) async fn erase(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
    Form(form): Form<CsrfForm>,
) -> Result<Response, WebError> {
    viewer.check_csrf(&form.csrf)?;
    viewer.require(Permission::EraseCustomers)?;
    let actor = viewer.actor();
    state.with_app(move |app| Ok(ladder_app::privacy::erase(app, &actor, &id))).await?.map_err(|e| viewer.fail(e))?;
    Ok(Redirect::to("/customers?done=erased").into_response())
}
