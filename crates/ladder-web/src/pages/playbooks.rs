//! Playbooks: the list (on or off, who entered this week, the goal's rate, the lift over the control
//! group), each playbook as sentences — its trigger, who may enter, its steps — with its numbers and
//! channels editable, and a dry run of today ("who would enter and what would happen") before it is
//! turned on. The use-cases are `ladder_app::playbooks`; these handlers parse forms and word things.

use crate::auth::Viewer;
use crate::error::WebError;
use crate::pages::{Frame, field_problem, page, text};
use crate::state::AppState;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use ladder_app::AppError;
use ladder_app::playbooks::{self, PlaybookChange};
use ladder_domain::Channel;
use ladder_domain::access::Permission;
use ladder_domain::playbook::{BranchTest, Conditions, Jump, Playbook, Step, Trigger};
use ladder_i18n::Arg;
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
            let line = playbooks::report(app, &actor, today).map_err(fail)?.into_iter().find(|l| l.playbook == key);
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
            triggers => playbook.triggers.iter().map(|t| trigger_words(viewer, t, &segments)).collect::<Vec<_>>(),
            conditions => condition_words(viewer, &playbook.conditions, &segments, &|minor| {
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

/// What starts a run, in words.
fn trigger_words(viewer: &Viewer, trigger: &Trigger, segments: &HashMap<i64, String>) -> String {
    let t = |id: &str, args: &[(&str, Arg)]| text(viewer, id, args);
    let rung = |r: ladder_domain::Rung| t(&format!("rung-{}", r.as_str()), &[]);
    let state = |s: ladder_domain::CustomerState| t(&format!("state-{}", s.as_str()), &[]);
    match trigger {
        Trigger::DaysAfterOrder { days } => t("playbook-trigger-days-after-order", &[("days", (*days).into())]),
        Trigger::FirstOrderGap => t("playbook-trigger-first-order-gap", &[]),
        Trigger::SecondOrderDue => t("playbook-trigger-second-order-due", &[]),
        Trigger::LosingValue => t("playbook-trigger-losing-value", &[]),
        Trigger::Birthday { days_before } => t("playbook-trigger-birthday", &[("days", (*days_before).into())]),
        Trigger::DateAttribute { attribute, days_before } => t(
            "playbook-trigger-date-attribute",
            &[("attribute", attribute.as_str().into()), ("days", (*days_before).into())],
        ),
        Trigger::Segment { segment } => t(
            "playbook-trigger-segment",
            &[("segment", segments.get(segment).cloned().unwrap_or_else(|| format!("#{segment}")).into())],
        ),
        Trigger::OrderPlaced => t("playbook-trigger-order-placed", &[]),
        Trigger::Rung { from: Some(from), to } => {
            t("playbook-trigger-rung-from", &[("from", rung(*from).into()), ("to", rung(*to).into())])
        }
        Trigger::Rung { from: None, to } => t("playbook-trigger-rung", &[("to", rung(*to).into())]),
        Trigger::StateChange { from: Some(from), to } => {
            t("playbook-trigger-state-from", &[("from", state(*from).into()), ("to", state(*to).into())])
        }
        Trigger::StateChange { from: None, to } => t("playbook-trigger-state", &[("to", state(*to).into())]),
        Trigger::Interaction { interaction } => t(
            "playbook-trigger-interaction",
            &[("kind", t(&format!("interaction-{}", interaction.as_str()), &[]).into())],
        ),
        Trigger::ReferralFirstOrder => t("playbook-trigger-referral", &[]),
        Trigger::Manual => t("playbook-trigger-manual", &[]),
    }
}

/// Who may be in a run, one phrase each (anyone, when nothing is asked).
fn condition_words(
    viewer: &Viewer,
    c: &Conditions,
    segments: &HashMap<i64, String>,
    money: &dyn Fn(i64) -> String,
) -> Vec<String> {
    let t = |id: &str, args: &[(&str, Arg)]| text(viewer, id, args);
    let mut out = Vec::new();
    if c.no_event_buyers {
        out.push(t("playbook-if-no-event-buyers", &[]));
    }
    if let Some(r) = c.min_rung {
        out.push(t("playbook-if-min-rung", &[("rung", t(&format!("rung-{}", r.as_str()), &[]).into())]));
    }
    if !c.states.is_empty() {
        let sep = if viewer.locale == ladder_i18n::Locale::Fa { "، " } else { ", " };
        let states: Vec<String> = c.states.iter().map(|s| t(&format!("state-{}", s.as_str()), &[])).collect();
        out.push(t("playbook-if-states", &[("states", states.join(sep).into())]));
    }
    if let Some(s) = c.segment {
        let name = segments.get(&s).cloned().unwrap_or_else(|| format!("#{s}"));
        out.push(t("playbook-if-segment", &[("segment", name.into())]));
    }
    if let Some(v) = c.min_clv_minor {
        out.push(t("playbook-if-min-clv", &[("value", money(v).into())]));
    }
    if let Some(d) = c.not_contacted_days {
        out.push(t("playbook-if-not-contacted", &[("days", d.into())]));
    }
    if c.alone_in_goal {
        out.push(t("playbook-if-alone-in-goal", &[]));
    }
    if out.is_empty() {
        out.push(t("playbook-if-anyone", &[]));
    }
    out
}

/// Where a branch goes, in words.
fn jump_words(viewer: &Viewer, jump: Jump) -> String {
    match jump {
        Jump::Next => text(viewer, "playbook-jump-next", &[]),
        Jump::Skip(n) => text(viewer, "playbook-jump-skip", &[("count", n.into())]),
        Jump::End => text(viewer, "playbook-jump-end", &[]),
    }
}

/// The steps as the page words them.
fn step_views(viewer: &Viewer, p: &Playbook) -> Vec<StepView> {
    let t = |id: &str, args: &[(&str, Arg)]| text(viewer, id, args);
    let channel = |c: Channel| t(&format!("channel-{}", c.as_str()), &[]);
    p.steps
        .iter()
        .enumerate()
        .map(|(index, step)| {
            let mut v = StepView {
                index,
                kind: "",
                sentence: String::new(),
                days: None,
                at_hour: None,
                due_days: None,
                channel: None,
                fallback: None,
            };
            match step {
                Step::Wait { days, at_hour } => {
                    v.kind = "wait";
                    v.sentence = match at_hour {
                        Some(h) => t("playbook-step-wait-until", &[("days", (*days).into()), ("hour", (*h).into())]),
                        None => t("playbook-step-wait", &[("days", (*days).into())]),
                    };
                    (v.days, v.at_hour) = (Some(*days), *at_hour);
                }
                Step::Message { template, channel: c, fallback } => {
                    v.kind = "message";
                    let args = [("template", template.as_str().into()), ("channel", channel(*c).into())];
                    v.sentence = match fallback {
                        Some(f) => t(
                            "playbook-step-message-else",
                            &[args[0].clone(), args[1].clone(), ("fallback", channel(*f).into())],
                        ),
                        None => t("playbook-step-message", &args),
                    };
                    (v.channel, v.fallback) = (Some(c.as_str()), fallback.map(Channel::as_str));
                }
                Step::Task { task, script, due_days, top_decile_only } => {
                    v.kind = "task";
                    let mut s = t(
                        "playbook-step-task",
                        &[
                            ("task", t(&format!("task-kind-{}", task.as_str()), &[]).into()),
                            ("days", (*due_days).into()),
                        ],
                    );
                    if let Some(script) = script {
                        s.push(' ');
                        s.push_str(&t("playbook-step-script", &[("template", script.as_str().into())]));
                    }
                    if *top_decile_only {
                        s.push(' ');
                        s.push_str(&t("playbook-step-top-decile", &[]));
                    }
                    v.sentence = s;
                    v.due_days = Some(*due_days);
                }
                Step::Tag { tag } => {
                    v.kind = "tag";
                    v.sentence = t("playbook-step-tag", &[("tag", tag.as_str().into())]);
                }
                Step::Branch { test, yes, no } => {
                    v.kind = "branch";
                    let test = match test {
                        BranchTest::Ordered => "playbook-branch-ordered",
                        BranchTest::Answered => "playbook-branch-answered",
                    };
                    v.sentence = t(
                        "playbook-step-branch",
                        &[
                            ("test", t(test, &[]).into()),
                            ("yes", jump_words(viewer, *yes).into()),
                            ("no", jump_words(viewer, *no).into()),
                        ],
                    );
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
            Step::Message { channel, fallback, .. } => {
                if let Some(c) = form.get(&field("channel")).and_then(|c| Channel::parse(c)) {
                    *channel = c;
                }
                if let Some(f) = form.get(&field("fallback")) {
                    *fallback = Channel::parse(f).filter(|f| f != channel);
                }
            }
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
