//! Shop settings: the currency and the thresholds that place customers in states, and scoring on
//! demand, so that a changed threshold shows on the ladder at once. Everyone may read them; the owner
//! (`manage_settings`) changes them.

use crate::auth::Viewer;
use crate::error::WebError;
use crate::pages::{Frame, page};
use crate::state::AppState;
use axum::Form;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::Utc;
use ladder_app::NoProgress;
use ladder_app::score::{ScoreOptions, score};
use ladder_app::settings::{ThresholdProblem, Thresholds};
use ladder_domain::access::Permission;
use ladder_i18n::Arg;
use ladder_store::AuditEntry;
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
    Threshold(ThresholdProblem),
    Currency(String),
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
    match t.problem() {
        Some(problem) => Err(Problem::Threshold(problem)),
        None => Ok(t),
    }
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
    currency: Option<String>,
    thresholds: Thresholds,
    status: ladder_app::settings::ScoringStatus,
    basis: Option<String>,
}

async fn stored(state: &AppState) -> Result<Stored, WebError> {
    state
        .with_store(|s| {
            Ok(Stored {
                currency: ladder_app::settings::currency(s)?,
                thresholds: ladder_app::settings::thresholds(s)?,
                status: ladder_app::settings::scoring_status(s)?,
                basis: s.setting(ladder_app::settings::STATE_BASIS)?,
            })
        })
        .await
}

fn label(viewer: &Viewer, field: &str) -> Arg {
    Arg::Text(crate::views::catalog().text(viewer.locale, &format!("shop-field-{field}")))
}

fn problem_text(viewer: &Viewer, problem: &Problem) -> (String, &'static str) {
    let catalog = crate::views::catalog();
    match problem {
        Problem::NotNumber(field) => {
            (catalog.text_with(viewer.locale, "shop-problem-number", &[("field", label(viewer, field))]), field)
        }
        Problem::Currency(code) => (
            catalog.text_with(viewer.locale, "shop-problem-currency", &[("code", Arg::Text(code.clone()))]),
            "currency",
        ),
        Problem::Threshold(ThresholdProblem::NotProbability { field }) => {
            (catalog.text_with(viewer.locale, "shop-problem-probability", &[("field", label(viewer, field))]), field)
        }
        Problem::Threshold(ThresholdProblem::NotPositive { field }) => {
            (catalog.text_with(viewer.locale, "shop-problem-positive", &[("field", label(viewer, field))]), field)
        }
        Problem::Threshold(ThresholdProblem::Above { field, limit }) => (
            catalog.text_with(
                viewer.locale,
                "shop-problem-above",
                &[("field", label(viewer, field)), ("limit", label(viewer, limit))],
            ),
            field,
        ),
    }
}

struct Shown<'a> {
    values: HashMap<&'static str, String>,
    currency: String,
    problem: Option<(String, &'static str)>,
    done: Option<&'a str>,
    scored: Option<u64>,
}

fn shop_page(viewer: &Viewer, stored: Stored, shown: Shown<'_>, status: StatusCode) -> Result<Response, WebError> {
    let invalid = shown.problem.as_ref().map(|p| p.1);
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
        Frame::new(viewer, "shop", stored.currency.clone()),
        minijinja::context! {
            fields,
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
        values: values(&stored.thresholds),
        currency: stored.currency.clone().unwrap_or_default(),
        problem: None,
        done,
        scored: notice.customers,
    };
    shop_page(&viewer, stored, shown, StatusCode::OK)
}

fn audit(viewer: &Viewer, action: &str, detail: String) -> AuditEntry {
    AuditEntry { at: Utc::now(), user_id: Some(viewer.user.id), action: action.into(), target: "shop".into(), detail }
}

/// POST /settings/shop: checks and stores the currency and thresholds; a refused form is shown again
/// with what was typed and the problem named.
pub(crate) async fn save(
    State(state): State<AppState>,
    viewer: Viewer,
    Form(form): Form<HashMap<String, String>>,
) -> Result<Response, WebError> {
    viewer.check_csrf(form.get("csrf").map_or("", String::as_str))?;
    viewer.require(Permission::ManageSettings)?;
    let typed_currency = form.get("currency").map(|c| c.trim().to_uppercase()).unwrap_or_default();
    let currency = match typed_currency.as_str() {
        "" => Ok(None),
        code => ladder_domain::Currency::parse(code)
            .map(|c| Some(c.code().to_owned()))
            .map_err(|_| Problem::Currency(code.to_owned())),
    };
    let checked = currency.and_then(|c| parse(&form).map(|t| (c, t)));
    let (currency, thresholds) = match checked {
        Ok(valid) => valid,
        Err(problem) => {
            let stored = stored(&state).await?;
            let values = SPECS.iter().map(|s| (s.name, form.get(s.name).cloned().unwrap_or_default())).collect();
            let shown = Shown {
                values,
                currency: typed_currency,
                problem: Some(problem_text(&viewer, &problem)),
                done: None,
                scored: None,
            };
            return shop_page(&viewer, stored, shown, StatusCode::UNPROCESSABLE_ENTITY);
        }
    };
    let mut detail: Vec<String> = currency.iter().map(|c| format!("currency={c}")).collect();
    let mut saved = values(&thresholds).into_iter().collect::<Vec<_>>();
    saved.sort_by_key(|(name, _)| SPECS.iter().position(|s| s.name == *name));
    detail.extend(saved.into_iter().map(|(k, v)| format!("{k}={v}")));
    let entry = audit(&viewer, "change_settings", detail.join(" "));
    state
        .with_store(move |s| {
            if let Some(code) = &currency {
                s.set_setting(ladder_app::settings::CURRENCY, code)?;
            }
            ladder_app::settings::save_thresholds(s, &thresholds)?;
            s.record_audit(&entry)?;
            Ok(())
        })
        .await?;
    Ok(Redirect::to("/settings/shop?done=saved").into_response())
}

/// POST /settings/shop/score: scores every customer as of today with the stored thresholds.
pub(crate) async fn score_now(
    State(state): State<AppState>,
    viewer: Viewer,
    Form(form): Form<crate::pages::login::CsrfOnly>,
) -> Result<Response, WebError> {
    viewer.check_csrf(form.csrf())?;
    viewer.require(Permission::ManageSettings)?;
    let user_id = viewer.user.id;
    let summary = state
        .with_store(move |s| {
            let now = Utc::now();
            let options = ScoreOptions::stored(s)?;
            let summary = score(s, now.date_naive(), &options, now, &NoProgress)?;
            s.record_audit(&AuditEntry {
                at: now,
                user_id: Some(user_id),
                action: "score".into(),
                target: "shop".into(),
                detail: format!(
                    "as_of={} customers={} rung_changes={} state_changes={}",
                    summary.as_of, summary.customers, summary.rung_changes, summary.state_changes
                ),
            })?;
            Ok(summary)
        })
        .await?;
    Ok(Redirect::to(&format!("/settings/shop?done=scored&customers={}#scoring", summary.customers)).into_response())
}
