//! Playbooks: the list (on or off, who entered this week, the goal's rate, the lift over the control
//! group), each playbook as sentences — its trigger, who may enter, its steps — with its numbers and
//! channels editable, and a dry run of today ("who would enter and what would happen") before it is
//! turned on. The use-cases are `ladder_app::playbooks`; these handlers parse forms and word things.

use crate::auth::Viewer;
use crate::error::WebError;
use crate::pages::{Frame, field_problem, page};
use crate::state::AppState;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use ladder_app::AppError;
use ladder_app::playbooks::{self, PlaybookChange, words};
use ladder_domain::Channel;
use ladder_domain::access::Permission;
use ladder_domain::playbook::{Playbook, Step};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// The notices a redirect may ask for.
const NOTICES: [&str; 1] = ["playbooks-saved"];

/// The channels a message step may use.
const CHANNELS: [Channel; 4] = [Channel::Email, Channel::Sms, Channel::Mail, Channel::Fax];

#[derive(Deserialize, Default)]
pub(crate) struct Notice {
    done: Option<String>,
    /// Set: show the dry run of today.
    #[serde(rename = "try")]
    trial: Option<String>,
}

/// The list: every playbook with its figures.
pub(crate) async fn list(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(notice): Query<Notice>,
) -> Result<Response, WebError> {
    viewer.require(Permission::ViewReports)?;
    let (actor, locale) = (viewer.actor(), viewer.locale);
    let (rows, currency) = state
        .with_app(move |app| {
            let today = playbooks::today(app).map_err(|e| WebError::of(e, locale))?;
            let rows = playbooks::report(app, &actor, today).map_err(|e| WebError::of(e, locale))?;
            Ok((rows, crate::pages::customers::shop_currency(app.store())?.0))
        })
        .await?;
    let html = page(
        "playbooks.html",
        Frame::new(&viewer, "playbooks", currency),
        minijinja::context! {
            rows => minijinja::Value::from_serialize(&rows),
            done => notice.done.filter(|d| NOTICES.contains(&d.as_str())),
        },
    )?;
    Ok(html.into_response())
}

/// One step as the page words it, with what of it can be edited.
#[derive(Serialize)]
struct StepView {
    index: usize,
    kind: &'static str,
    sentence: String,
    days: Option<u32>,
    at_hour: Option<u32>,
    due_days: Option<u32>,
    channel: Option<&'static str>,
    fallback: Option<&'static str>,
    points: Option<u32>,
}

/// A playbook's page: its sentences and settings, and the dry run when asked.
pub(crate) async fn show(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(key): Path<String>,
    Query(notice): Query<Notice>,
) -> Result<Response, WebError> {
    viewer.require(Permission::ViewReports)?;
    let trial = notice.trial.is_some();
    let done = notice.done.filter(|d| NOTICES.contains(&d.as_str()));
    render(&state, &viewer, key, trial, done, None).await
}

async fn render(
    state: &AppState,
    viewer: &Viewer,
    key: String,
    trial: bool,
    done: Option<String>,
    problem: Option<String>,
) -> Result<Response, WebError> {
    let (actor, locale) = (viewer.actor(), viewer.locale);
    let (playbook, line, attempt, segments, currency) = state
        .with_app(move |app| {
            let fail = |e| WebError::of(e, locale);
            let store = app.store();
            let playbook = playbooks::get(store, &key).map_err(fail)?;
            let today = playbooks::today(app).map_err(fail)?;
            let line = playbooks::report_one(app, &actor, &key, today).map_err(fail)?;
            let attempt =
                if trial { Some(playbooks::engine::try_one(app, &actor, &key, today).map_err(fail)?) } else { None };
            let segments: HashMap<i64, String> = store.segments()?.into_iter().map(|s| (s.id, s.name)).collect();
            let currency = crate::pages::customers::shop_currency(store)?;
            Ok((playbook, line, attempt, segments, currency))
        })
        .await?;
    let steps = step_views(viewer, &playbook);
    let examples: Vec<minijinja::Value> = attempt
        .iter()
        .flat_map(|a| &a.examples)
        .map(|e| {
            minijinja::context! {
                customer_id => &e.customer_id,
                group => e.group.as_str(),
                acting => e.acting.iter().filter_map(|i| steps.get(*i as usize).map(|s| s.sentence.clone())).collect::<Vec<_>>(),
            }
        })
        .collect();
    let html = page(
        "playbook.html",
        Frame::new(viewer, "playbooks", currency.0.clone()),
        minijinja::context! {
            key => &playbook.key,
            enabled => playbook.enabled,
            service => playbook.service,
            control_percent => playbook.control_percent,
            goal => playbook.goal.map(|g| g.as_str()),
            goal_days => playbook.goal_days,
            reentry_days => playbook.reentry_days,
            not_contacted_days => playbook.conditions.not_contacted_days,
            triggers => playbook.triggers.iter().map(|t| words::trigger(locale, t, &segments)).collect::<Vec<_>>(),
            conditions => words::conditions(locale, &playbook.conditions, &segments, &|minor| {
                ladder_i18n::format::format_money(locale, minor, currency.0.as_deref().unwrap_or(""), u32::from(currency.1))
            }),
            steps => minijinja::Value::from_serialize(&steps),
            channels => CHANNELS.iter().map(|c| c.as_str()).collect::<Vec<_>>(),
            line => minijinja::Value::from_serialize(&line),
            attempt => minijinja::Value::from_serialize(&attempt),
            examples, done, problem,
        },
    )?;
    Ok(html.into_response())
}

/// The steps as the page words them, with what of each can be edited.
fn step_views(viewer: &Viewer, p: &Playbook) -> Vec<StepView> {
    p.steps
        .iter()
        .enumerate()
        .map(|(index, step)| {
            let mut v = StepView {
                index,
                kind: "",
                sentence: words::step(viewer.locale, step),
                days: None,
                at_hour: None,
                due_days: None,
                channel: None,
                fallback: None,
                points: None,
            };
            match step {
                Step::Wait { days, at_hour } => (v.kind, v.days, v.at_hour) = ("wait", Some(*days), *at_hour),
                Step::Message { channel, fallback, .. } => {
                    (v.kind, v.channel, v.fallback) = ("message", Some(channel.as_str()), fallback.map(Channel::as_str))
                }
                Step::Task { due_days, .. } => (v.kind, v.due_days) = ("task", Some(*due_days)),
                Step::Tag { .. } => v.kind = "tag",
                Step::Branch { .. } => v.kind = "branch",
                Step::GivePoints { points, .. } => (v.kind, v.points) = ("give_points", Some(*points)),
                Step::GivePerk { days, .. } => (v.kind, v.days) = ("give_perk", Some(*days)),
                Step::ReferralCode { channel, fallback } => {
                    (v.kind, v.channel, v.fallback) = ("message", Some(channel.as_str()), fallback.map(Channel::as_str))
                }
            }
            v
        })
        .collect()
}

/// A whole number typed in a field, or the field's problem.
fn number(
    form: &HashMap<String, String>,
    field: &str,
    current: u32,
) -> Result<u32, ladder_domain::validate::FieldError> {
    use ladder_domain::validate::{FieldError, Problem};
    match form.get(field).map(|v| ladder_domain::date::ascii_digits(v.trim())) {
        None => Ok(current),
        Some(v) if v.is_empty() => Ok(current),
        Some(v) => v.parse().map_err(|_| FieldError::new(field, Problem::NotWholeNumber)),
    }
}

/// The playbook as the form edits it: its numbers and channels; its kinds of steps stay.
fn edited(form: &HashMap<String, String>, current: &Playbook) -> Result<Playbook, ladder_domain::validate::FieldError> {
    let mut p = current.clone();
    p.goal_days = number(form, "goal_days", p.goal_days)?;
    p.reentry_days = number(form, "reentry_days", p.reentry_days)?;
    if let Some(v) = form.get("not_contacted_days") {
        p.conditions.not_contacted_days =
            if v.trim().is_empty() { None } else { Some(number(form, "not_contacted_days", 0)?) };
    }
    for (i, step) in p.steps.iter_mut().enumerate() {
        let field = |name: &str| format!("steps.{i}.{name}");
        match step {
            Step::Wait { days, .. } => *days = number(form, &field("days"), *days)?,
            Step::Task { due_days, .. } => *due_days = number(form, &field("due_days"), *due_days)?,
            Step::Message { channel, fallback, .. } | Step::ReferralCode { channel, fallback } => {
                if let Some(c) = form.get(&field("channel")).and_then(|c| Channel::parse(c)) {
                    *channel = c;
                }
                if let Some(f) = form.get(&field("fallback")) {
                    *fallback = Channel::parse(f).filter(|f| f != channel);
                }
            }
            Step::GivePoints { points, .. } => *points = number(form, &field("points"), *points)?,
            Step::GivePerk { days, .. } => *days = number(form, &field("days"), *days)?,
            Step::Tag { .. } | Step::Branch { .. } => {}
        }
    }
    Ok(p)
}

/// Saves a playbook's settings: on or off, its control share, its numbers and channels.
pub(crate) async fn change(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(key): Path<String>,
    Form(form): Form<HashMap<String, String>>,
) -> Result<Response, WebError> {
    viewer.require(Permission::ManageCampaigns)?;
    viewer.check_csrf(form.get("csrf").map_or("", String::as_str))?;
    let (actor, locale) = (viewer.actor(), viewer.locale);
    let key_for = key.clone();
    let saved = state
        .with_app(move |app| {
            let current = playbooks::get(app.store(), &key_for).map_err(|e| WebError::of(e, locale))?;
            let definition = match edited(&form, &current) {
                Ok(p) => p,
                Err(e) => return Ok(Err(AppError::Invalid(e))),
            };
            let change = PlaybookChange {
                enabled: Some(form.get("enabled").is_some_and(|v| v == "on" || v == "true")),
                control_percent: match number(&form, "control_percent", current.control_percent) {
                    Ok(n) => Some(n),
                    Err(e) => return Ok(Err(AppError::Invalid(e))),
                },
                catch_up_days: match number(&form, "catch_up_days", 0) {
                    Ok(n) => n,
                    Err(e) => return Ok(Err(AppError::Invalid(e))),
                },
                definition: (definition != current).then_some(definition),
            };
            Ok(playbooks::set(app, &actor, &key_for, &change))
        })
        .await?;
    match saved {
        Ok(p) => {
            Ok(Redirect::to(&format!("/playbooks/{}?done=playbooks-saved", crate::views::encode(&p.key)))
                .into_response())
        }
        Err(AppError::Invalid(e)) => {
            let problem = field_problem(&viewer, &e);
            render(&state, &viewer, key, false, None, Some(problem)).await
        }
        Err(e) => Err(WebError::of(e, locale)),
    }
}
