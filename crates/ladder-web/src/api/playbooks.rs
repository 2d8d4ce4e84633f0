//! The playbooks' API: the team's tasks (listed, done with an outcome, snoozed, skipped, given to
//! someone) and the runs (who entered which playbook, treated or control, and where they stand).

use super::{ApiError, ApiUser, one_of};
use crate::state::AppState;
use axum::Json;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use chrono::NaiveDate;
use ladder_app::playbooks::{self, tasks};
use ladder_domain::Role;
use ladder_domain::access::Permission;
use ladder_domain::playbook::{TaskOutcome, TaskStatus};
use serde::Deserialize;
use serde_json::json;

/// A day in a query or a body, or the field's error.
fn day(field: &str, text: &str) -> Result<NaiveDate, ApiError> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .map_err(|_| ApiError::field(field, format!("{field} is a day such as 2026-12-24")))
}

/// Which tasks to list.
#[derive(Deserialize, Default)]
#[serde(default)]
pub(crate) struct TasksAsked {
    assignee: Option<String>,
    status: Option<String>,
    due_by: Option<String>,
    customer_id: Option<String>,
    limit: Option<u32>,
}

/// `GET /tasks`: overdue first, then by the value at stake.
pub(crate) async fn list(
    State(state): State<AppState>,
    user: ApiUser,
    Query(asked): Query<TasksAsked>,
) -> Result<Response, ApiError> {
    user.require(Permission::ViewCustomers)?;
    let status = one_of("status", asked.status.as_deref(), TaskStatus::parse, &TaskStatus::names())?;
    let filter = tasks::TaskFilter {
        assignee: asked.assignee,
        status,
        due_by: asked.due_by.as_deref().map(|d| day("due_by", d)).transpose()?,
        customer_id: asked.customer_id,
        limit: asked.limit.unwrap_or(200).clamp(1, 10_000),
    };
    let listed =
        state.with_app(move |app| Ok(tasks::list(app, &user.actor(), &filter).map_err(|e| user.fail(e)))).await?;
    Ok(Json(json!(listed?)).into_response())
}

/// What to do with a task.
#[derive(Deserialize, Default)]
#[serde(default)]
pub(crate) struct TaskAsked {
    outcome: Option<String>,
    note: Option<String>,
    until: Option<String>,
    /// A user's email.
    user: Option<String>,
    /// A role.
    role: Option<String>,
}

async fn act(state: AppState, user: ApiUser, id: i64, action: tasks::TaskAction) -> Result<Response, ApiError> {
    let done =
        state.with_app(move |app| Ok(tasks::act(app, &user.actor(), id, &action).map_err(|e| user.fail(e)))).await?;
    Ok(Json(json!(done?)).into_response())
}

/// `POST /tasks/{id}/done`: `{"outcome": "reached", "note": "…"}`.
pub(crate) async fn done(
    State(state): State<AppState>,
    user: ApiUser,
    Path(id): Path<i64>,
    Json(asked): Json<TaskAsked>,
) -> Result<Response, ApiError> {
    user.require(Permission::AddInteractions)?;
    let outcome = one_of("outcome", asked.outcome.as_deref(), TaskOutcome::parse, &TaskOutcome::names())?;
    act(state, user, id, tasks::TaskAction::Done { outcome, note: asked.note }).await
}

/// `POST /tasks/{id}/snooze`: `{"until": "2026-12-24"}`.
pub(crate) async fn snooze(
    State(state): State<AppState>,
    user: ApiUser,
    Path(id): Path<i64>,
    Json(asked): Json<TaskAsked>,
) -> Result<Response, ApiError> {
    user.require(Permission::AddInteractions)?;
    let until = day("until", asked.until.as_deref().unwrap_or_default())?;
    act(state, user, id, tasks::TaskAction::Snooze { until }).await
}

/// `POST /tasks/{id}/skip`: `{"note": "…"}`.
pub(crate) async fn skip(
    State(state): State<AppState>,
    user: ApiUser,
    Path(id): Path<i64>,
    Json(asked): Json<TaskAsked>,
) -> Result<Response, ApiError> {
    user.require(Permission::AddInteractions)?;
    act(state, user, id, tasks::TaskAction::Skip { note: asked.note }).await
}

/// `POST /tasks/{id}/assign`: `{"user": "dana@shop.example"}` or `{"role": "sales"}`.
pub(crate) async fn assign(
    State(state): State<AppState>,
    user: ApiUser,
    Path(id): Path<i64>,
    Json(asked): Json<TaskAsked>,
) -> Result<Response, ApiError> {
    user.require(Permission::AddInteractions)?;
    let role = one_of("role", asked.role.as_deref(), Role::parse, &Role::names())?;
    if asked.user.is_none() && role.is_none() {
        return Err(ApiError::field("user", "give a user's email or a role"));
    }
    act(state, user, id, tasks::TaskAction::Reassign { user: asked.user, role }).await
}

/// Which runs to list.
#[derive(Deserialize, Default)]
#[serde(default)]
pub(crate) struct RunsAsked {
    customer_id: Option<String>,
    playbook: Option<String>,
    limit: Option<u32>,
}

/// `GET /playbook-runs`: newest first.
pub(crate) async fn runs(
    State(state): State<AppState>,
    user: ApiUser,
    Query(asked): Query<RunsAsked>,
) -> Result<Response, ApiError> {
    user.require(Permission::ViewCustomers)?;
    let limit = asked.limit.unwrap_or(200).clamp(1, 10_000);
    let listed = state
        .with_app(move |app| {
            Ok(playbooks::runs(app, &user.actor(), asked.customer_id.as_deref(), asked.playbook.as_deref(), limit)
                .map_err(|e| user.fail(e)))
        })
        .await?;
    Ok(Json(json!(listed?)).into_response())
}

/// `GET /playbooks`: each playbook's report line.
pub(crate) async fn report(State(state): State<AppState>, user: ApiUser) -> Result<Response, ApiError> {
    user.require(Permission::ViewReports)?;
    let lines = state
        .with_app(move |app| {
            let today = playbooks::today(app).map_err(|e| user.fail(e));
            Ok(today.and_then(|today| playbooks::report(app, &user.actor(), today).map_err(|e| user.fail(e))))
        })
        .await?;
    Ok(Json(json!(lines?)).into_response())
}
