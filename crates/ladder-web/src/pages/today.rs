//! Today: the team's queue. My open tasks or the shop's, overdue first, then by the value at stake (a
//! task is there from the day it is given, its due day its deadline); each with
//! the customer's key facts on one line and the script written for them, and the actions in place —
//! done with how it went, a note, snoozed to a day, given to someone else, skipped. The use-cases are
//! `ladder_app::playbooks::tasks`.

use crate::auth::Viewer;
use crate::error::WebError;
use crate::pages::{Frame, field_problem, page, text};
use crate::state::AppState;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use ladder_app::AppError;
use ladder_app::playbooks::tasks::{self, QueuedTask, TaskAction, TaskCard, TaskFilter};
use ladder_domain::Role;
use ladder_domain::access::Permission;
use ladder_domain::playbook::{TaskOutcome, TaskStatus};
use ladder_store::Task;
use serde::Deserialize;

/// The notices a redirect may ask for.
const NOTICES: [&str; 4] = ["today-task-done", "today-task-snoozed", "today-task-skipped", "today-task-assigned"];

/// At most this many cards on the page: each reads its customer.
const PAGE: u32 = 50;

#[derive(Deserialize, Default)]
pub(crate) struct Choice {
    /// `mine` (the default) or `shop`.
    who: Option<String>,
    done: Option<String>,
}

/// Why a task is there, in the reader's words.
pub(crate) fn reason_words(viewer: &Viewer, task: &Task) -> String {
    tasks::reason_words(viewer.locale, task)
}

/// The open tasks (awake: a snoozed one waits for its day) of the viewer — theirs and their role's
/// unassigned ones — or of the shop.
pub(crate) fn open_tasks(
    app: &ladder_app::App,
    viewer_email: Option<String>,
    actor: &ladder_app::Actor,
    limit: u32,
) -> Result<Vec<QueuedTask>, AppError> {
    let filter =
        TaskFilter { assignee: viewer_email, status: Some(TaskStatus::Open), due_by: None, customer_id: None, limit };
    tasks::list(app, actor, &filter)
}

/// The queue.
pub(crate) async fn show(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(choice): Query<Choice>,
) -> Result<Response, WebError> {
    render(&state, &viewer, choice, None).await
}

async fn render(
    state: &AppState,
    viewer: &Viewer,
    choice: Choice,
    problem: Option<String>,
) -> Result<Response, WebError> {
    viewer.require(Permission::ViewCustomers)?;
    let mine = choice.who.as_deref() != Some("shop");
    let (actor, locale, email) = (viewer.actor(), viewer.locale, viewer.user.email.clone());
    let (cards, users, currency, today) = state
        .with_app(move |app| {
            let fail = |e| WebError::of(e, locale);
            let queued = open_tasks(app, mine.then_some(email), &actor, PAGE).map_err(fail)?;
            let cards: Vec<TaskCard> = tasks::cards(app, &actor, queued).map_err(fail)?;
            let users: Vec<(String, String)> = app
                .store()
                .users()?
                .into_iter()
                .filter(|u| !u.disabled && u.role.allows(Permission::AddInteractions))
                .map(|u| (u.email.clone(), if u.name.is_empty() { u.email } else { u.name }))
                .collect();
            let today = ladder_app::playbooks::today(app).map_err(fail)?;
            Ok((cards, users, crate::pages::customers::shop_currency(app.store())?.0, today))
        })
        .await?;
    let cards: Vec<minijinja::Value> = cards
        .iter()
        .map(|c| {
            minijinja::context! {
                card => minijinja::Value::from_serialize(c),
                why => reason_words(viewer, &c.queued.task),
                consents => c.consents.iter().map(|ch| text(viewer, &format!("channel-{}", ch.as_str()), &[])).collect::<Vec<_>>().join(if viewer.locale == ladder_i18n::Locale::Fa { "، " } else { ", " }),
                outcomes => outcomes_for(&c.queued.task),
            }
        })
        .collect();
    let roles: Vec<&str> =
        Role::ALL.iter().filter(|r| r.allows(Permission::AddInteractions)).map(|r| r.as_str()).collect();
    let html = page(
        "today.html",
        Frame::new(viewer, "today", currency),
        minijinja::context! {
            cards, users, roles, mine, problem,
            done => choice.done.filter(|d| NOTICES.contains(&d.as_str())),
            tomorrow => (today + chrono::Duration::days(1)).to_string(),
        },
    )?;
    Ok(html.into_response())
}

/// The outcomes a task can be done with: a letter is sent, a call or a visit reaches someone or not.
fn outcomes_for(task: &Task) -> Vec<&'static str> {
    use ladder_domain::playbook::TaskKind;
    let all: &[TaskOutcome] = match task.kind {
        TaskKind::Letter => &[TaskOutcome::Sent],
        TaskKind::Call => &[
            TaskOutcome::Reached,
            TaskOutcome::NoAnswer,
            TaskOutcome::Ordered,
            TaskOutcome::WrongNumber,
            TaskOutcome::RefusedContact,
        ],
        TaskKind::Visit => &[TaskOutcome::Reached, TaskOutcome::Ordered, TaskOutcome::RefusedContact],
    };
    all.iter().map(|o| o.as_str()).collect()
}

/// What the queue's buttons send.
#[derive(Deserialize)]
pub(crate) struct TaskForm {
    csrf: String,
    /// `done`, `snooze`, `skip` or `assign`.
    action: String,
    #[serde(default)]
    outcome: String,
    #[serde(default)]
    note: String,
    #[serde(default)]
    until: String,
    /// A user's email, or `role:NAME`.
    #[serde(default)]
    to: String,
    /// Which list to return to.
    #[serde(default)]
    who: String,
}

/// Acts on a task from the queue.
pub(crate) async fn act(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
    Form(form): Form<TaskForm>,
) -> Result<Response, WebError> {
    viewer.require(Permission::AddInteractions)?;
    viewer.check_csrf(&form.csrf)?;
    let locale = viewer.locale;
    let note = Some(form.note.trim().to_owned()).filter(|n| !n.is_empty());
    let (action, notice) = match form.action.as_str() {
        "done" => (TaskAction::Done { outcome: TaskOutcome::parse(&form.outcome), note }, "today-task-done"),
        "skip" => (TaskAction::Skip { note }, "today-task-skipped"),
        "snooze" => match crate::views::read_typed_date(locale, form.until.trim()) {
            Ok(until) => (TaskAction::Snooze { until }, "today-task-snoozed"),
            Err(problem) => {
                let e = ladder_domain::validate::FieldError::new("until", problem);
                return render(&state, &viewer, back(&form.who), Some(field_problem(&viewer, &e))).await;
            }
        },
        "assign" if form.to.trim().is_empty() => {
            let e = ladder_domain::validate::FieldError::new("assignee", ladder_domain::validate::Problem::Required);
            return render(&state, &viewer, back(&form.who), Some(field_problem(&viewer, &e))).await;
        }
        "assign" => {
            let action = match form.to.strip_prefix("role:") {
                Some(role) => TaskAction::Reassign {
                    user: None,
                    role: Some(Role::parse(role).ok_or(WebError::NotFound(locale))?),
                },
                None => TaskAction::Reassign { user: Some(form.to.trim().to_owned()), role: None },
            };
            (action, "today-task-assigned")
        }
        _ => return Err(WebError::NotFound(locale)),
    };
    let actor = viewer.actor();
    let result = state.with_app(move |app| Ok(tasks::act(app, &actor, id, &action))).await?;
    let who = if form.who == "shop" { "shop" } else { "mine" };
    match result {
        Ok(_) => Ok(Redirect::to(&format!("/today?who={who}&done={notice}#queue")).into_response()),
        Err(AppError::Invalid(e)) => render(&state, &viewer, back(&form.who), Some(field_problem(&viewer, &e))).await,
        Err(AppError::Conflict(_)) => Ok(Redirect::to(&format!("/today?who={who}#queue")).into_response()),
        Err(e) => Err(WebError::of(e, locale)),
    }
}

fn back(who: &str) -> Choice {
    Choice { who: Some(who.to_owned()), done: None }
}
