//! Shop settings: the shop's profile (name, place, time zone, language, currency, opening days, the sender
//! of its messages) and the thresholds that place customers in states, and scoring on demand (a job), so
//! that a changed threshold shows on the ladder soon. Everyone may read them; the owner
//! (`manage_settings`) changes them, through `ladder_app::shop`, which checks them whole.

use crate::auth::Viewer;
use crate::error::WebError;
use crate::pages::{Frame, page};
use crate::state::AppState;
use axum::Form;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use ladder_app::AppError;
use ladder_domain::access::Permission;
use ladder_domain::messaging::SendingRules;
use ladder_domain::shop::{OpeningDays, ShopSettings, Thresholds};
use ladder_domain::validate::{FieldError, Problem as FieldProblem};
use ladder_i18n::Arg;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// A threshold's input: its name (the form's, the flag's and the setting's), its group and its bounds.
struct Spec {
    name: &'static str,
    group: &'static str,
    step: &'static str,
    min: &'static str,
    max: &'static str,
}

const SPECS: [Spec; 8] = [
    Spec { name: "active_p_alive", group: "model", step: "0.01", min: "0", max: "1" },
    Spec { name: "at_risk_p_alive", group: "model", step: "0.01", min: "0", max: "1" },
    Spec { name: "lapsed_p_alive", group: "model", step: "0.01", min: "0", max: "1" },
    Spec { name: "min_repeat_customers", group: "model", step: "1", min: "0", max: "" },
    Spec { name: "at_risk_gaps", group: "recency", step: "0.1", min: "0", max: "" },
    Spec { name: "lapsed_gaps", group: "recency", step: "0.1", min: "0", max: "" },
    Spec { name: "lost_gaps", group: "recency", step: "0.1", min: "0", max: "" },
    Spec { name: "lost_min_days", group: "recency", step: "1", min: "1", max: "" },
];

fn values(t: &Thresholds) -> HashMap<&'static str, String> {
    let r = &t.rules;
    HashMap::from([
        ("active_p_alive", r.active_p_alive.to_string()),
        ("at_risk_p_alive", r.at_risk_p_alive.to_string()),
        ("lapsed_p_alive", r.lapsed_p_alive.to_string()),
        ("min_repeat_customers", t.min_repeat_customers.to_string()),
        ("at_risk_gaps", r.at_risk_gaps.to_string()),
        ("lapsed_gaps", r.lapsed_gaps.to_string()),
        ("lost_gaps", r.lost_gaps.to_string()),
        ("lost_min_days", r.lost_min_days.to_string()),
    ])
}

/// Why a submitted form cannot be saved.
enum Problem {
    NotNumber(&'static str),
    Field(FieldError),
}

/// The profile's fields, as the form names them (the sending rules' among them).
const PROFILE: [&str; 20] = [
    "email_window_hours",
    "sms_window_hours",
    "marketing_per_period",
    "marketing_period_days",
    "quiet_from",
    "quiet_to",
    "days_after_purchase",
    "closed_days",
    "israel_exception_terms",
    "sms_part_price",
    "name",
    "country",
    "city",
    "time_zone",
    "language",
    "sender_name",
    "sender_address",
    "sender_email",
    "sender_phone",
    "opening_days",
];

/// The profile's values as the form shows them.
fn profile_values(s: &ShopSettings) -> HashMap<&'static str, String> {
    HashMap::from([
        ("name", s.name.clone()),
        ("country", s.country.clone().unwrap_or_default()),
        ("city", s.city.clone().unwrap_or_default()),
        ("time_zone", s.time_zone.clone()),
        ("language", s.language.clone()),
        ("sender_name", s.sender.name.clone()),
        ("sender_address", s.sender.address.clone()),
        ("sender_email", s.sender.email.clone().unwrap_or_default()),
        ("sender_phone", s.sender.phone.clone().unwrap_or_default()),
        ("opening_days", s.opening_days.to_text()),
        ("email_window_hours", s.sending.email_window_hours.to_string()),
        ("sms_window_hours", s.sending.sms_window_hours.to_string()),
        ("marketing_per_period", s.sending.marketing_per_period.to_string()),
        ("marketing_period_days", s.sending.marketing_period_days.to_string()),
        ("quiet_from", s.sending.quiet_from.format("%H:%M").to_string()),
        ("quiet_to", s.sending.quiet_to.format("%H:%M").to_string()),
        ("days_after_purchase", s.sending.days_after_purchase.to_string()),
        ("closed_days", s.sending.closed_days_text()),
        ("israel_exception_terms", s.sending.israel_exception_terms.clone()),
        (
            "sms_part_price",
            match (
                s.sending.sms_part_price_minor,
                s.currency.as_deref().and_then(|c| ladder_domain::Currency::parse(c).ok()),
            ) {
                (Some(minor), Some(currency)) => currency.format_amount(minor),
                _ => String::new(),
            },
        ),
    ])
}

/// The sending rules a form asks for (its section sends `sending_shown`); the stored ones otherwise.
fn sending_of(
    stored: &SendingRules,
    currency: Option<&str>,
    form: &HashMap<String, String>,
) -> Result<SendingRules, Problem> {
    if !form.contains_key("sending_shown") {
        return Ok(stored.clone());
    }
    let raw = |name: &'static str| form.get(name).map(|v| v.trim().to_owned()).unwrap_or_default();
    let count = |name: &'static str| raw(name).parse::<u32>().map_err(|_| Problem::NotNumber(name));
    let time = |name: &'static str| {
        chrono::NaiveTime::parse_from_str(&raw(name), "%H:%M").map_err(|_| Problem::NotNumber(name))
    };
    let days: Vec<&str> = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
        .into_iter()
        .filter(|d| form.contains_key(&format!("closed_{d}")))
        .collect();
    Ok(SendingRules {
        email_window_hours: count("email_window_hours")?,
        sms_window_hours: count("sms_window_hours")?,
        marketing_per_period: count("marketing_per_period")?,
        marketing_period_days: count("marketing_period_days")?,
        quiet_from: time("quiet_from")?,
        quiet_to: time("quiet_to")?,
        quiet_email: form.contains_key("quiet_email"),
        closed_days: SendingRules::parse_days(&days.join(","))
            .map_err(|p| Problem::Field(FieldError::new("closed_days", p)))?,
        days_after_purchase: count("days_after_purchase")?,
        israel_existing_customers: form.contains_key("israel_existing_customers"),
        israel_exception_terms: raw("israel_exception_terms"),
        track_clicks: form.contains_key("track_clicks"),
        sms_part_price_minor: price(currency, &raw("sms_part_price"))?,
    })
}

/// A text message part's price as typed (`0.07`, a comma taken as the point) in minor units of the shop's
/// currency; empty is unknown.
fn price(currency: Option<&str>, typed: &str) -> Result<Option<i64>, Problem> {
    if typed.is_empty() {
        return Ok(None);
    }
    let currency = currency.and_then(|c| ladder_domain::Currency::parse(c).ok());
    let Some(currency) = currency else {
        // A price needs the currency it is in.
        return Err(Problem::Field(FieldError::new("currency", ladder_domain::validate::Problem::Required)));
    };
    currency.parse_amount(&typed.replace(',', ".")).map(Some).map_err(|_| Problem::NotNumber("sms_part_price"))
}

/// The settings a submitted form asks for: the stored ones with the form's fields over them (a form
/// without the profile's fields changes only what it has).
fn settings_of(stored: &ShopSettings, form: &HashMap<String, String>) -> Result<ShopSettings, Problem> {
    let mut s = stored.clone();
    let text = |name: &str| form.get(name).map(|v| v.trim().to_owned());
    let optional = |v: String| Some(v).filter(|v| !v.is_empty());
    if let Some(v) = text("name") {
        s.name = v;
    }
    if let Some(v) = text("country") {
        s.country = optional(v.to_uppercase());
    }
    if let Some(v) = text("city") {
        s.city = optional(v);
    }
    if let Some(v) = text("time_zone") {
        s.time_zone = v;
    }
    if let Some(v) = text("language") {
        s.language = v;
    }
    if let Some(v) = text("sender_name") {
        s.sender.name = v;
    }
    if let Some(v) = text("sender_address") {
        s.sender.address = v;
    }
    if let Some(v) = text("sender_email") {
        s.sender.email = optional(v);
    }
    if let Some(v) = text("sender_phone") {
        s.sender.phone = optional(v);
    }
    if form.contains_key("opening_days_shown") {
        let days: Vec<&str> = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
            .into_iter()
            .filter(|d| form.contains_key(&format!("open_{d}")))
            .collect();
        s.opening_days =
            OpeningDays::parse(&days.join(",")).map_err(|p| Problem::Field(FieldError::new("opening_days", p)))?;
    }
    if let Some(code) = text("currency") {
        s.currency = optional(code.to_uppercase());
    }
    s.thresholds = parse(form)?;
    s.sending = sending_of(&stored.sending, s.currency.as_deref(), form)?;
    Ok(s)
}

/// Reads the thresholds from a form; a comma is taken as a decimal point.
fn parse(form: &HashMap<String, String>) -> Result<Thresholds, Problem> {
    let raw = |name: &'static str| form.get(name).map(|v| v.trim().replace(',', ".")).unwrap_or_default();
    let number =
        |name: &'static str| raw(name).parse::<f64>().ok().filter(|v| v.is_finite()).ok_or(Problem::NotNumber(name));
    let mut t = Thresholds::default();
    let r = &mut t.rules;
    r.active_p_alive = number("active_p_alive")?;
    r.at_risk_p_alive = number("at_risk_p_alive")?;
    r.lapsed_p_alive = number("lapsed_p_alive")?;
    t.min_repeat_customers =
        raw("min_repeat_customers").parse().map_err(|_| Problem::NotNumber("min_repeat_customers"))?;
    let r = &mut t.rules;
    r.at_risk_gaps = number("at_risk_gaps")?;
    r.lapsed_gaps = number("lapsed_gaps")?;
    r.lost_gaps = number("lost_gaps")?;
    r.lost_min_days = number("lost_min_days")?;
    Ok(t)
}

#[derive(Serialize)]
struct FieldView {
    name: &'static str,
    group: &'static str,
    value: String,
    step: &'static str,
    min: &'static str,
    max: &'static str,
    invalid: bool,
}

/// What the page shows besides the form's values.
struct Stored {
    settings: ShopSettings,
    status: ladder_app::shop::ScoringStatus,
    basis: Option<ladder_domain::Reason>,
}

async fn stored(state: &AppState) -> Result<Stored, WebError> {
    state
        .with_store(|s| {
            Ok(Stored {
                settings: s.shop_settings()?,
                status: ladder_app::shop::scoring_status(s)?,
                basis: s.shop_state()?.state_basis.as_deref().map(ladder_domain::Reason::from_stored),
            })
        })
        .await
}

fn label(viewer: &Viewer, field: &str) -> Arg {
    Arg::Text(crate::views::catalog().text(viewer.locale, &format!("shop-field-{field}")))
}

fn problem_text(viewer: &Viewer, problem: &Problem) -> (String, String) {
    let catalog = crate::views::catalog();
    let field = |f: &str| label(viewer, f);
    match problem {
        Problem::NotNumber(name) => {
            (catalog.text_with(viewer.locale, "shop-problem-number", &[("field", field(name))]), (*name).to_owned())
        }
        Problem::Field(e) => {
            let text = match &e.problem {
                FieldProblem::NotBetween { .. } => {
                    catalog.text_with(viewer.locale, "shop-problem-probability", &[("field", field(&e.field))])
                }
                FieldProblem::NotPositive => {
                    catalog.text_with(viewer.locale, "shop-problem-positive", &[("field", field(&e.field))])
                }
                FieldProblem::AboveField { other } => catalog.text_with(
                    viewer.locale,
                    "shop-problem-above",
                    &[("field", field(&e.field)), ("limit", field(other))],
                ),
                _ => catalog.field_error(viewer.locale, e, &|f| match label(viewer, f) {
                    Arg::Text(t) => t,
                    Arg::Number(n) => n.to_string(),
                }),
            };
            (text, e.field.clone())
        }
    }
}

struct Shown<'a> {
    values: HashMap<&'static str, String>,
    profile: HashMap<&'static str, String>,
    currency: String,
    problem: Option<(String, String)>,
    done: Option<&'a str>,
    scored: Option<u64>,
}

fn shop_page(viewer: &Viewer, stored: Stored, shown: Shown<'_>, status: StatusCode) -> Result<Response, WebError> {
    let invalid = shown.problem.as_ref().map(|p| p.1.clone());
    let invalid = invalid.as_deref();
    let fields: Vec<FieldView> = SPECS
        .iter()
        .map(|s| FieldView {
            name: s.name,
            group: s.group,
            value: shown.values.get(s.name).cloned().unwrap_or_default(),
            step: s.step,
            min: s.min,
            max: s.max,
            invalid: invalid == Some(s.name),
        })
        .collect();
    let html = page(
        "shop.html",
        Frame::new(viewer, "shop", stored.settings.currency.clone()),
        minijinja::context! {
            fields,
            profile => shown.profile,
            profile_fields => PROFILE,
            invalid,
            open => ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
                .map(|d| (d, stored.settings.opening_days.to_text().contains(d))),
            closed => ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
                .map(|d| (d, stored.settings.sending.closed_days_text().contains(d))),
            quiet_email => stored.settings.sending.quiet_email,
            israel_existing_customers => stored.settings.sending.israel_existing_customers,
            track_clicks => stored.settings.sending.track_clicks,
            languages => crate::pages::languages(),
            currency => shown.currency,
            currency_invalid => invalid == Some("currency"),
            problem => shown.problem.map(|p| p.0),
            done => shown.done,
            scored => shown.scored,
            scored_as_of => stored.status.as_of.map(|d| d.to_string()),
            stale => stored.status.stale,
            basis => stored.basis,
        },
    )?;
    Ok((status, html).into_response())
}

#[derive(Deserialize, Default)]
pub(crate) struct Notice {
    done: Option<String>,
    customers: Option<u64>,
}

pub(crate) async fn show(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(notice): Query<Notice>,
) -> Result<Response, WebError> {
    let stored = stored(&state).await?;
    let done = match notice.done.as_deref() {
        Some("saved") => Some("shop-saved"),
        Some("scored") => Some("shop-scored"),
        _ => None,
    };
    let shown = Shown {
        values: values(&stored.settings.thresholds),
        profile: profile_values(&stored.settings),
        currency: stored.settings.currency.clone().unwrap_or_default(),
        problem: None,
        done,
        scored: notice.customers,
    };
    shop_page(&viewer, stored, shown, StatusCode::OK)
}

/// POST /settings/shop: checks and stores the settings; a refused form is shown again with what was typed
/// and the problem named.
pub(crate) async fn save(
    State(state): State<AppState>,
    viewer: Viewer,
    Form(form): Form<HashMap<String, String>>,
) -> Result<Response, WebError> {
    viewer.check_csrf(form.get("csrf").map_or("", String::as_str))?;
    viewer.require(Permission::ManageSettings)?;
    let current = stored(&state).await?;
    let refused = |problem: Problem, current: Stored| {
        let values = SPECS.iter().map(|s| (s.name, form.get(s.name).cloned().unwrap_or_default())).collect();
        let mut profile = profile_values(&current.settings);
        for name in PROFILE {
            if let Some(v) = form.get(name) {
                profile.insert(name, v.clone());
            }
        }
        let shown = Shown {
            values,
            profile,
            currency: form.get("currency").map(|c| c.trim().to_uppercase()).unwrap_or_default(),
            problem: Some(problem_text(&viewer, &problem)),
            done: None,
            scored: None,
        };
        shop_page(&viewer, current, shown, StatusCode::UNPROCESSABLE_ENTITY)
    };
    let settings = match settings_of(&current.settings, &form) {
        Ok(s) => s,
        Err(problem) => return refused(problem, current),
    };
    let actor = viewer.actor();
    let saved = state.with_app(move |app| Ok(ladder_app::shop::save_settings(app, &actor, settings))).await?;
    match saved {
        Ok(_) => Ok(Redirect::to("/settings/shop?done=saved").into_response()),
        Err(AppError::Invalid(problem)) => refused(Problem::Field(problem), current),
        Err(e) => Err(viewer.fail(e)),
    }
}

/// POST /settings/shop/score: scores every customer as of today with the stored thresholds.
pub(crate) async fn score_now(
    State(state): State<AppState>,
    viewer: Viewer,
    Form(form): Form<crate::pages::login::CsrfOnly>,
) -> Result<Response, WebError> {
    viewer.check_csrf(form.csrf())?;
    viewer.require(Permission::ManageSettings)?;
    let actor = viewer.actor();
    let id = state
        .with_app(move |app| Ok(ladder_app::jobs::queue_score(app, &actor, None)))
        .await?
        .map_err(|e| viewer.fail(e))?;
    Ok(Redirect::to(&format!("/jobs/{id}")).into_response())
}
