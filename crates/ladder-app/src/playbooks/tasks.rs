//! Tasks: the team's work queue. A playbook's task step (or a person) gives one to a user or a role;
//! done with an outcome, it is recorded as an interaction on the customer's history and may end its run
//! (reached, ordered; the last task of a complaint ends the recovery); snoozed, it leaves today's list
//! until the day it wakes. Every change is one unit of work with its audit entry.

use crate::{Actor, App, AppError, change, require};
use chrono::{DateTime, Duration, NaiveDate, Utc};
use ladder_domain::audit::Action;
use ladder_domain::playbook::{Goal, RunStatus, TaskKind, TaskOutcome, TaskStatus, priority};
use ladder_domain::validate::{self, FieldError, Problem};
use ladder_domain::{Interaction, InteractionKind, Permission, Role};
use ladder_store::{CustomerId, Store, Task, TaskChange, TaskQuery};
use serde::Serialize;
use std::collections::HashSet;

/// The customers a complaint task is open for: they hear no marketing until it is done.
pub(crate) fn in_recovery(store: &dyn Store, now: DateTime<Utc>) -> Result<HashSet<CustomerId>, AppError> {
    let today = now.date_naive();
    let mut out = HashSet::new();
    for status in [TaskStatus::Open, TaskStatus::Snoozed] {
        let query = TaskQuery { status: Some(status), ..TaskQuery::default() };
        out.extend(store.tasks(&query, today)?.into_iter().filter(|t| t.complaint).map(|t| t.customer));
    }
    Ok(out)
}

/// Which tasks to list, as the person asks.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TaskFilter {
    /// Only those for the user with this email: theirs, their role's, and those given to nobody yet.
    pub assignee: Option<String>,
    /// Only this status (`open` counts tasks whose snooze has ended).
    pub status: Option<TaskStatus>,
    /// Only those due by this day.
    pub due_by: Option<NaiveDate>,
    /// Only this customer's.
    pub customer_id: Option<String>,
    /// At most this many (0: all).
    pub limit: u32,
}

/// A task with its priority, as the queue shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct QueuedTask {
    /// The task.
    #[serde(flatten)]
    pub task: Task,
    /// Value at stake × urgency.
    pub priority: i64,
    /// Days overdue (0: due today or later).
    pub overdue_days: i64,
}

/// Tasks, overdue first, then by priority (value at stake × urgency), as the store orders them; at most
/// `limit` read (0: all).
pub fn list(app: &App, actor: &Actor, filter: &TaskFilter) -> Result<Vec<QueuedTask>, AppError> {
    require(actor, Permission::ViewCustomers)?;
    let store = app.store();
    let today = app.now().with_timezone(&store.shop_settings()?.tz()).date_naive();
    let query = query_of(store, filter)?;
    Ok(store
        .tasks(&query, today)?
        .into_iter()
        .map(|task| {
            let overdue_days = (today - task.due).num_days().max(0);
            let priority = priority(Some(task.value_minor), task.due, today, task.complaint);
            QueuedTask { task, priority, overdue_days }
        })
        .collect())
}

/// How many tasks the filter finds, its limit aside.
pub fn count(app: &App, actor: &Actor, filter: &TaskFilter) -> Result<u64, AppError> {
    require(actor, Permission::ViewCustomers)?;
    let store = app.store();
    let today = app.now().with_timezone(&store.shop_settings()?.tz()).date_naive();
    Ok(store.count_tasks(&query_of(store, filter)?, today)?)
}

fn query_of(store: &dyn Store, filter: &TaskFilter) -> Result<TaskQuery, AppError> {
    let mut query =
        TaskQuery { status: filter.status, due_by: filter.due_by, limit: filter.limit, ..TaskQuery::default() };
    if let Some(email) = &filter.assignee {
        let user = store
            .user_by_email(email)?
            .ok_or_else(|| AppError::Invalid(FieldError::new("assignee", Problem::Unknown)))?;
        query.assignee_user = Some(user.id);
        query.assignee_role = Some(user.role.as_str().to_owned());
    }
    if let Some(id) = &filter.customer_id {
        query.customer = Some(super::customer_key(store, id)?);
    }
    Ok(query)
}

/// What a person did with a task.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TaskAction {
    /// Done, with how it went and a note.
    Done {
        /// How it went.
        outcome: Option<TaskOutcome>,
        /// A note for the history.
        note: Option<String>,
    },
    /// Out of the list until a day.
    Snooze {
        /// The day it comes back.
        until: NaiveDate,
    },
    /// Not to be done.
    Skip {
        /// Why.
        note: Option<String>,
    },
    /// Given to a user (by email) or a role.
    Reassign {
        /// The user's email.
        user: Option<String>,
        /// The role.
        role: Option<Role>,
    },
}

/// Acts on a task in one unit of work: the task, its interaction, the run it ends, a refusal or a wrong
/// number, and the audit entry. Returns the task as it is now.
pub fn act(app: &App, actor: &Actor, id: i64, action: &TaskAction) -> Result<Task, AppError> {
    require(actor, Permission::AddInteractions)?;
    let store = app.store();
    let task = store.task(id)?.ok_or_else(|| AppError::NotFound(format!("task {id}")))?;
    let tz = store.shop_settings()?.tz();
    let today = app.now().with_timezone(&tz).date_naive();
    let note = match action {
        TaskAction::Done { note, .. } | TaskAction::Skip { note } => {
            note.as_deref().map(str::trim).filter(|n| !n.is_empty())
        }
        _ => None,
    };
    if let Some(note) = note {
        validate::optional_text(note, validate::LONG_TEXT).map_err(|p| FieldError::new("note", p))?;
    }
    let live = vec![TaskStatus::Open, TaskStatus::Snoozed];
    let by = actor.name();
    let assign = match action {
        TaskAction::Reassign { user: Some(email), .. } => {
            let user = store
                .user_by_email(email)?
                .ok_or_else(|| AppError::Invalid(FieldError::new("assignee", Problem::Unknown)))?;
            Some((Some(user.id), None))
        }
        TaskAction::Reassign { user: None, role } => Some((None, role.map(|r| r.as_str().to_owned()))),
        _ => None,
    };
    if let TaskAction::Snooze { until } = action
        && *until <= today
    {
        return Err(FieldError::new("until", Problem::InPast).into());
    }
    let playbook = match task.playbook.as_deref() {
        Some(key) => super::get(store, key).ok(),
        None => None,
    };
    let detail = store
        .customer(&task.customer_id)?
        .ok_or_else(|| AppError::NotFound(format!("customer {}", task.customer_id)))?;
    let country = detail.profile.country.clone().or(store.shop_settings()?.country);
    let others_open =
        store.tasks(&TaskQuery { customer: Some(task.customer), ..TaskQuery::default() }, today)?.iter().any(|t| {
            t.run.is_some()
                && t.run == task.run
                && t.id != id
                && matches!(t.status, TaskStatus::Open | TaskStatus::Snoozed)
        });
    change(app, actor, |tx, now| {
        let (status, snoozed_until, outcome) = match action {
            // No answer: it comes back tomorrow, with the try on the history.
            TaskAction::Done { outcome: Some(TaskOutcome::NoAnswer), .. } => {
                (TaskStatus::Snoozed, Some(today + Duration::days(1)), Some(TaskOutcome::NoAnswer))
            }
            TaskAction::Done { outcome, .. } => (TaskStatus::Done, None, *outcome),
            TaskAction::Snooze { until } => (TaskStatus::Snoozed, Some(*until), None),
            TaskAction::Skip { .. } => (TaskStatus::Skipped, None, None),
            TaskAction::Reassign { .. } => (task.status, task.snoozed_until, None),
        };
        let ch = TaskChange {
            id,
            from: live.clone(),
            status,
            snoozed_until,
            outcome,
            note: note.map(str::to_owned),
            at: now,
            by: by.clone(),
            assign: assign.clone(),
        };
        if !tx.change_task(&ch)? {
            return Err(AppError::Conflict(format!("task {id} is {} already", task.status.as_str())));
        }
        let mut actions = vec![Action::TaskChanged {
            task_id: id,
            customer_id: task.customer_id.clone(),
            status: status.as_str().to_owned(),
            outcome: outcome.map(|o| o.as_str().to_owned()),
        }];
        if let TaskAction::Done { .. } = action {
            let kind = match task.kind {
                TaskKind::Call => InteractionKind::Call,
                TaskKind::Visit => InteractionKind::Visit,
                TaskKind::Letter => InteractionKind::Note,
            };
            let words = [Some(task.reason.as_str()), outcome.map(TaskOutcome::as_str), note].into_iter().flatten();
            let interaction = Interaction {
                customer_external_id: task.customer_id.clone(),
                at: now,
                kind,
                note: Some(words.collect::<Vec<_>>().join(" — ")),
                campaign_code: None,
            };
            tx.put_interaction(&interaction)?;
            tx.mark_data_changed(now)?;
            actions.push(Action::InteractionAdded { customer_id: task.customer_id.clone(), kind });
            match outcome {
                Some(TaskOutcome::RefusedContact) => {
                    let evidence = format!("refused on task {id}");
                    actions.extend(crate::calls::refuse_calls(tx, now, &task.customer_id, "tasks", evidence)?);
                }
                Some(TaskOutcome::WrongNumber) => {
                    actions.extend(crate::calls::block_number(tx, now, &detail, country.as_deref(), "tasks", note)?);
                }
                _ => {}
            }
            // The outcome may end the run: a person reached them, or the complaint's last task is done.
            if let (Some(p), Some(_)) = (&playbook, task.run) {
                let reached = outcome.is_some_and(TaskOutcome::reached);
                let ends = match p.goal {
                    Some(Goal::OrderOrReached) => reached,
                    Some(Goal::TaskDone) => !others_open,
                    _ => false,
                };
                if ends {
                    tx.end_runs(task.customer, Some(&p.key), RunStatus::Reached, "task done", now)?;
                } else if outcome == Some(TaskOutcome::RefusedContact) {
                    tx.end_runs(task.customer, Some(&p.key), RunStatus::Left, "refused contact", now)?;
                }
            }
        }
        Ok(((), actions))
    })?;
    store.task(id)?.ok_or_else(|| AppError::NotFound(format!("task {id}")))
}

/// A task as the queue shows it: the customer's key facts on one line and the script written for them.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TaskCard {
    /// The task with its priority.
    #[serde(flatten)]
    pub queued: QueuedTask,
    /// The rung.
    pub rung: Option<ladder_domain::Rung>,
    /// The state.
    pub state: Option<ladder_domain::CustomerState>,
    /// The last order's day.
    pub last_order: Option<NaiveDate>,
    /// Counted orders.
    pub orders: u32,
    /// The 12-month value, minor units.
    pub clv_minor: Option<i64>,
    /// The channels the customer agreed to hear marketing on.
    pub consents: Vec<ladder_domain::Channel>,
    /// The channel they prefer.
    pub preferred_channel: Option<ladder_domain::Channel>,
    /// The script, rendered for them in their language (none: the task has none, or it does not render).
    pub script_text: Option<String>,
    /// Whether the script reads right to left.
    pub script_rtl: bool,
}

/// The queue's cards for `tasks` (a page of them: one customer read per task).
pub fn cards(app: &App, actor: &Actor, tasks: Vec<QueuedTask>) -> Result<Vec<TaskCard>, AppError> {
    require(actor, Permission::ViewCustomers)?;
    let store = app.store();
    let templates = store.templates()?;
    let shop = store.shop_settings()?;
    let mut out = Vec::with_capacity(tasks.len());
    for queued in tasks {
        let Some(detail) = store.customer(&queued.task.customer_id)? else { continue };
        let p = &detail.profile;
        let channel = if queued.task.kind == TaskKind::Letter {
            ladder_domain::Channel::Mail
        } else {
            ladder_domain::Channel::Phone
        };
        let template = queued.task.script.as_deref().and_then(|name| {
            crate::templates::variant(&templates, name, channel, p.preferred_language.as_deref(), &shop.language)
        });
        let (script_text, script_rtl) = match &template {
            Some(t) => (
                crate::templates::render_for(app, t, &detail, &shop)?.ok().map(|r| r.body),
                ladder_domain::template::is_right_to_left(&t.language),
            ),
            None => (None, false),
        };
        let score = detail.score.as_ref();
        out.push(TaskCard {
            rung: score.map(|s| s.rung),
            state: score.and_then(|s| s.state),
            last_order: score.and_then(|s| s.last_order),
            orders: score.map_or(0, |s| s.orders),
            clv_minor: score.and_then(|s| s.value.as_ref()).and_then(|v| v.clv_minor),
            consents: p
                .consents
                .iter()
                .filter(|c| c.granted && c.purpose == ladder_domain::consent::Purpose::Marketing)
                .map(|c| c.channel)
                .collect(),
            preferred_channel: p.preferred_channel,
            script_text,
            script_rtl,
            queued,
        });
    }
    Ok(out)
}

/// Why a task is there, in `locale`: its playbook's reason for that kind of task, else the playbook's
/// name and the kind, else what the person who made it wrote.
pub fn reason_words(locale: ladder_i18n::Locale, task: &Task) -> String {
    let catalog = ladder_i18n::catalog();
    match &task.playbook {
        Some(key) => {
            let id = format!("task-why-{key}-{}", task.kind.as_str());
            if catalog.has(locale, &id) {
                catalog.text(locale, &id)
            } else {
                format!(
                    "{}: {}",
                    catalog.text(locale, &format!("playbook-{key}")),
                    catalog.text(locale, &format!("task-kind-{}", task.kind.as_str()))
                )
            }
        }
        None => task.reason.clone(),
    }
}
