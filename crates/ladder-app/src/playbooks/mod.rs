//! Playbooks: systematic follow-ups (see [`ladder_domain::playbook`]). Here the shop's playbooks (the
//! starters as they come, or as the shop set them), turning them on and off, their runs and their
//! report; the daily evaluation and the event path are in [`engine`], the team's work queue in [`tasks`].

pub mod digest;
pub mod engine;
mod starter_templates;
mod starter_templates_club;
pub mod tasks;
pub mod words;

use crate::{Actor, App, AppError, change, require};
use chrono::{Duration, NaiveDate};
use ladder_domain::Permission;
use ladder_domain::audit::Action;
use ladder_domain::playbook::{Lift, Playbook, defaults, lift};
use ladder_domain::validate::{FieldError, Problem};
use ladder_store::{PlaybookOutcome, PlaybookSetting, Run, RunQuery, StepLog, Store, Tx};
use serde::Serialize;

pub use engine::{Evaluation, evaluate, evaluate_due_days, run_events};

/// The cause of a playbook's message, unique per run and step: `playbook:KEY:RUN:STEP`.
pub fn cause(key: &str, run: i64, step: u32) -> String {
    format!("playbook:{key}:{run}:{step}")
}

/// The playbook a message's cause names, if a playbook made it.
pub fn playbook_of_cause(cause: &str) -> Option<&str> {
    cause.strip_prefix("playbook:")?.split(':').next()
}

/// The shop's playbooks: each starter, with the shop's setting (and edited definition) over it, in the
/// starters' order, then any the shop added.
pub fn all(store: &dyn Store) -> Result<Vec<Playbook>, AppError> {
    let settings = store.playbook_settings()?;
    let mut out = Vec::new();
    let apply = |mut p: Playbook, s: Option<&PlaybookSetting>| -> Playbook {
        if let Some(s) = s {
            if let Some(edited) = s.definition.as_deref().and_then(|d| serde_json::from_str::<Playbook>(d).ok()) {
                p = edited;
            }
            p.enabled = s.enabled;
            p.control_percent = if p.service { 0 } else { s.control_percent.min(100) };
        }
        p
    };
    for p in defaults() {
        let s = settings.iter().find(|s| s.key == p.key);
        out.push(apply(p, s));
    }
    let starters: Vec<String> = out.iter().map(|p| p.key.clone()).collect();
    for s in settings.iter().filter(|s| !starters.contains(&s.key)) {
        if let Some(p) = s.definition.as_deref().and_then(|d| serde_json::from_str::<Playbook>(d).ok()) {
            out.push(apply(p, Some(s)));
        }
    }
    Ok(out)
}

/// One playbook by key.
pub fn get(store: &dyn Store, key: &str) -> Result<Playbook, AppError> {
    all(store)?.into_iter().find(|p| p.key == key).ok_or_else(|| AppError::NotFound(format!("playbook {key}")))
}

/// How to change a playbook.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PlaybookChange {
    /// On or off.
    pub enabled: Option<bool>,
    /// The control group's share, percent (0–100; service playbooks keep none).
    pub control_percent: Option<u32>,
    /// Turned on: reach back over this many days of events and dates (0: from now on).
    pub catch_up_days: u32,
    /// The edited playbook (its waits, due days, channels, re-entry and goal window); the key, the
    /// triggers, the service flag and the step kinds stay as they are.
    pub definition: Option<Playbook>,
}

/// Turns a playbook on or off or changes its control share, in one unit of work with its audit entry.
/// Turned on, it does not reach back over the past unless `catch_up_days` asks it to.
pub fn set(app: &App, actor: &Actor, key: &str, ch: &PlaybookChange) -> Result<Playbook, AppError> {
    require(actor, Permission::ManageCampaigns)?;
    let store = app.store();
    let current = get(store, key)?;
    if let Some(p) = ch.control_percent
        && p > 100
    {
        return Err(
            FieldError::new("control_percent", Problem::NotBetween { min: "0".into(), max: "100".into() }).into()
        );
    }
    if ch.catch_up_days > 60 {
        return Err(FieldError::new("catch_up_days", Problem::NotBetween { min: "0".into(), max: "60".into() }).into());
    }
    let previous = store.playbook_settings()?.into_iter().find(|s| s.key == key);
    let definition = match &ch.definition {
        Some(edited) => {
            let same_shape = edited.key == current.key
                && edited.triggers == current.triggers
                && edited.service == current.service
                && edited.steps.len() == current.steps.len()
                && edited
                    .steps
                    .iter()
                    .zip(&current.steps)
                    .all(|(a, b)| std::mem::discriminant(a) == std::mem::discriminant(b));
            if !same_shape {
                return Err(AppError::Conflict(format!(
                    "{key}: only the numbers and channels of its steps can change, not its trigger or its steps' kinds"
                )));
            }
            edited.check()?;
            Some(serde_json::to_string(edited).map_err(|e| AppError::Conflict(e.to_string()))?)
        }
        None => previous.as_ref().and_then(|s| s.definition.clone()),
    };
    let base = ch.definition.clone().unwrap_or_else(|| current.clone());
    let enabled = ch.enabled.unwrap_or(current.enabled);
    let control_percent = if current.service { 0 } else { ch.control_percent.unwrap_or(current.control_percent) };
    change(app, actor, |tx: &mut dyn Tx, now| {
        let turned_on = enabled && !current.enabled;
        let enabled_since = if turned_on {
            Some(now - Duration::days(i64::from(ch.catch_up_days)))
        } else {
            previous.as_ref().and_then(|s| s.enabled_since)
        };
        tx.put_playbook_setting(&PlaybookSetting {
            key: key.to_owned(),
            enabled,
            control_percent,
            definition: definition.clone(),
            enabled_since,
            updated_at: now,
        })?;
        let action = Action::PlaybookChanged {
            key: key.to_owned(),
            enabled,
            control_percent,
            catch_up_days: if turned_on { ch.catch_up_days } else { 0 },
        };
        Ok((Playbook { enabled, control_percent, ..base.clone() }, vec![action]))
    })
}

/// A playbook's line in the list and the report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlaybookReport {
    /// The key.
    pub playbook: String,
    /// On or off.
    pub enabled: bool,
    /// The control share, percent.
    pub control_percent: u32,
    /// What ends a run (`none` for service follow-ups).
    pub goal: Option<&'static str>,
    /// The days after entering within which the goal and revenue count.
    pub goal_days: u32,
    /// Runs entered (treated + control).
    pub entered: u64,
    /// Runs entered in the last 7 days.
    pub entered_this_week: u64,
    /// Treated runs.
    pub treated: u64,
    /// Control runs.
    pub control: u64,
    /// Treated runs whose customer ordered within the window (or reached the goal another way).
    pub treated_goal: u64,
    /// Control runs whose customer ordered within the window.
    pub control_goal: u64,
    /// The treated goal rate, percent.
    pub goal_rate: Option<f64>,
    /// Treated against control, percentage points with a 95 % interval.
    pub lift: Option<Lift>,
    /// Revenue per treated customer within the window, minor units.
    pub revenue_per_treated_minor: Option<i64>,
    /// Revenue per control customer, minor units.
    pub revenue_per_control_minor: Option<i64>,
    /// Treated customers who withdrew a consent within the window.
    pub treated_unsubscribed: u64,
    /// Control customers who did.
    pub control_unsubscribed: u64,
    /// Messages sent.
    pub messages_sent: u64,
    /// Tasks done.
    pub tasks_done: u64,
}

/// The goal counted in the report: orders for order goals; the runs that reached it otherwise.
fn goal_hits(goal_is_an_order: bool, o: &ladder_store::GroupOutcome) -> u64 {
    if goal_is_an_order { o.ordered } else { o.reached }
}

/// Per playbook: entered, treated, control, goal reached in each, lift with its interval, revenue per
/// customer, unsubscribes, messages sent, tasks done — as of `today`.
pub fn report(app: &App, actor: &Actor, today: NaiveDate) -> Result<Vec<PlaybookReport>, AppError> {
    require(actor, Permission::ViewReports)?;
    let store = app.store();
    all(store)?.iter().map(|p| outcome_line(store, p, today)).collect()
}

/// One playbook's report line.
pub fn report_one(app: &App, actor: &Actor, key: &str, today: NaiveDate) -> Result<PlaybookReport, AppError> {
    require(actor, Permission::ViewReports)?;
    outcome_line(app.store(), &get(app.store(), key)?, today)
}

fn outcome_line(store: &dyn Store, p: &Playbook, today: NaiveDate) -> Result<PlaybookReport, AppError> {
    let currency = store.shop_settings()?.currency.unwrap_or_default();
    let o: PlaybookOutcome = store.playbook_outcome(&p.key, p.goal_days, &currency, today - Duration::days(6))?;
    Ok(line(p, &o))
}

/// One playbook's report line from its outcome.
pub fn line(p: &Playbook, o: &PlaybookOutcome) -> PlaybookReport {
    let by_order = p.goal.is_none_or(|g| g.is_an_order());
    let (t, c) = (&o.treated, &o.control);
    let (treated_goal, control_goal) = (goal_hits(by_order, t), goal_hits(by_order, c));
    let per = |revenue: i64, n: u64| (n > 0).then(|| revenue / i64::try_from(n).unwrap_or(i64::MAX));
    let measured = p.goal.is_some() && p.control_percent > 0;
    PlaybookReport {
        playbook: p.key.clone(),
        enabled: p.enabled,
        control_percent: p.control_percent,
        goal: p.goal.map(|g| g.as_str()),
        goal_days: p.goal_days,
        entered: t.entered + c.entered,
        entered_this_week: o.entered_recently,
        treated: t.entered,
        control: c.entered,
        treated_goal,
        control_goal,
        goal_rate: (p.goal.is_some() && t.entered > 0)
            .then(|| (treated_goal as f64 * 1000.0 / t.entered as f64).round() / 10.0),
        lift: measured.then(|| lift(t.entered, treated_goal, c.entered, control_goal)),
        revenue_per_treated_minor: per(t.revenue_minor, t.entered),
        revenue_per_control_minor: per(c.revenue_minor, c.entered),
        treated_unsubscribed: t.unsubscribed,
        control_unsubscribed: c.unsubscribed,
        messages_sent: o.messages_sent,
        tasks_done: o.tasks_done,
    }
}

/// Runs, newest first, with the customer's business id resolved.
pub fn runs(
    app: &App,
    actor: &Actor,
    customer_id: Option<&str>,
    playbook: Option<&str>,
    limit: u32,
) -> Result<Vec<Run>, AppError> {
    require(actor, Permission::ViewCustomers)?;
    let store = app.store();
    let customer = match customer_id {
        Some(id) => Some(customer_key(store, id)?),
        None => None,
    };
    Ok(store.runs(&RunQuery { customer, playbook: playbook.map(str::to_owned), limit })?)
}

/// A run and its step log.
pub fn run(app: &App, actor: &Actor, id: i64) -> Result<(Run, Vec<StepLog>), AppError> {
    require(actor, Permission::ViewCustomers)?;
    let store = app.store();
    let run = store.run(id)?.ok_or_else(|| AppError::NotFound(format!("run {id}")))?;
    Ok((run, store.run_steps(id)?))
}

/// The store's id of a customer by their business id.
pub(crate) fn customer_key(store: &dyn Store, customer_id: &str) -> Result<ladder_store::CustomerId, AppError> {
    Ok(store.customer(customer_id)?.ok_or_else(|| AppError::NotFound(format!("customer {customer_id}")))?.id)
}

/// Today in the shop's time zone.
pub fn today(app: &App) -> Result<NaiveDate, AppError> {
    Ok(app.now().with_timezone(&app.store().shop_settings()?.tz()).date_naive())
}

/// The most customers one manual start takes: a chosen list, not the whole shop (a segment that large
/// is a daily `Segment` trigger's work).
pub const MANUAL_MAX: usize = 10_000;

/// Starts a playbook that is on by hand for a chosen list of customers (by business id): one run each per
/// day — starting the same list again the same day starts nobody twice — split into treated and control
/// like any run. Each customer's events job, enqueued in the same unit of work, takes the first steps
/// within a second, the conditions checked first (a customer who does not qualify leaves at once).
/// Returns how many runs started.
pub fn start(app: &App, actor: &Actor, key: &str, customer_ids: &[String]) -> Result<u64, AppError> {
    require(actor, Permission::ManageCampaigns)?;
    let store = app.store();
    let p = get(store, key)?;
    if !p.enabled {
        return Err(AppError::Conflict(format!("{key} is off: turn it on first (ladder playbook enable {key})")));
    }
    if customer_ids.is_empty() {
        return Err(FieldError::new("customers", Problem::Required).into());
    }
    if customer_ids.len() > MANUAL_MAX {
        return Err(FieldError::new("customers", Problem::AboveMaximum { max: MANUAL_MAX.to_string() }).into());
    }
    let day = today(app)?;
    let occurrence = format!("manual:{day}");
    let mut runs = Vec::with_capacity(customer_ids.len());
    for id in customer_ids {
        let detail = store.customer(id)?.ok_or_else(|| AppError::NotFound(format!("customer {id}")))?;
        runs.push((detail.id, id.clone(), detail.score.map_or(0, |s| s.orders)));
    }
    change(app, actor, |tx, now| {
        let new: Vec<ladder_store::NewRun> = runs
            .iter()
            .map(|(customer, id, orders)| ladder_store::NewRun {
                playbook: p.key.clone(),
                customer: *customer,
                occurrence: occurrence.clone(),
                group: ladder_domain::playbook::group(&p.key, id, &occurrence, p.control_percent),
                entered_on: day,
                entered_at: now,
                orders_at_entry: *orders,
            })
            .collect();
        let started = tx.start_runs(&new)?;
        for (customer, _, _) in &runs {
            crate::jobs::queue_playbook_events(tx, now, *customer)?;
        }
        Ok((started, vec![Action::PlaybookStarted { key: p.key.clone(), started }]))
    })
}
