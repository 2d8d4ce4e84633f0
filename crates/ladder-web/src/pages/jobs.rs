//! Background jobs: a scoring or an import asked for on a page runs as a job, and its page shows how far
//! it has got (refreshing itself until it ends), then its outcome; the owner's jobs page lists recent and
//! failed jobs, with retry and cancel.

use crate::auth::Viewer;
use crate::error::WebError;
use crate::pages::{Frame, page};
use crate::state::AppState;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::response::{Html, IntoResponse, Redirect, Response};
use chrono::{DateTime, Utc};
use ladder_app::jobs::{ImportPayload, ImportResult, ScorePayload, kind};
use ladder_app::score::ScoreSummary;
use ladder_domain::access::Permission;
use ladder_store::{Job, JobId, JobQuery, JobStatus};
use serde::{Deserialize, Serialize};

/// A job as its page and the list show it.
#[derive(Serialize)]
pub(crate) struct JobView {
    pub(crate) id: i64,
    kind: String,
    status: &'static str,
    pub(crate) finished: bool,
    attempts: u32,
    max_attempts: u32,
    created_at: DateTime<Utc>,
    finished_at: Option<DateTime<Utc>>,
    last_error: Option<String>,
    done: Option<u64>,
    total: Option<u64>,
    percent: Option<u64>,
    retry: bool,
    cancel: bool,
    /// A scoring's outcome.
    scored: Option<ScoreSummary>,
    /// A retry was refused: a job doing the same work waits or runs.
    busy: bool,
}

fn view(job: &Job, state: &AppState) -> JobView {
    let live = (job.status == JobStatus::Running).then(|| state.live.get(job.id)).flatten();
    let (done, total) = match live {
        Some(p) => (Some(p.done), p.total),
        None => (job.progress_done, job.progress_total),
    };
    let percent = match (done, total) {
        (Some(d), Some(t)) if t > 0 => Some((d.min(t) * 100) / t),
        _ => None,
    };
    let scored = (job.kind == kind::SCORE && job.status == JobStatus::Done)
        .then(|| job.result.as_deref().and_then(|r| serde_json::from_str(r).ok()))
        .flatten();
    JobView {
        id: job.id.0,
        kind: job.kind.clone(),
        status: job.status.as_str(),
        finished: job.status.finished(),
        attempts: job.attempts,
        max_attempts: job.max_attempts,
        created_at: job.created_at,
        finished_at: job.finished_at,
        last_error: job.last_error.clone(),
        done,
        total,
        percent,
        retry: matches!(job.status, JobStatus::Dead | JobStatus::Failed | JobStatus::Cancelled),
        cancel: matches!(job.status, JobStatus::Queued | JobStatus::Failed),
        scored,
        busy: false,
    }
}

/// Who asked for a job, from its payload.
fn requester(job: &Job) -> Option<ladder_app::Actor> {
    #[derive(Deserialize)]
    struct WithActor {
        actor: ladder_app::Actor,
    }
    serde_json::from_str::<WithActor>(&job.payload).ok().map(|p| p.actor)
}

/// A job may be seen by the owner and by whoever asked for it.
fn may_see(viewer: &Viewer, job: &Job) -> bool {
    viewer.can(Permission::ManageSettings) || requester(job).and_then(|a| a.user_id()) == Some(viewer.user.id)
}

#[derive(Deserialize, Default)]
pub(crate) struct ListQuery {
    status: Option<String>,
}

/// GET /jobs: recent jobs, or those of one status.
pub(crate) async fn list(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(q): Query<ListQuery>,
) -> Result<Html<String>, WebError> {
    viewer.require(Permission::ManageSettings)?;
    let status = q.status.as_deref().and_then(JobStatus::parse);
    let query = JobQuery { status, limit: 200, ..JobQuery::default() };
    let jobs = state.with_store(move |s| Ok(s.jobs(&query)?)).await?;
    let rows: Vec<JobView> = jobs.iter().map(|j| view(j, &state)).collect();
    let currency = state.with_store(|s| Ok(crate::pages::customers::shop_currency(s)?.0)).await?;
    page(
        "jobs.html",
        Frame::new(&viewer, "jobs", currency),
        minijinja::context! {
            jobs => rows,
            status => status.map(|s| s.as_str()),
            statuses => JobStatus::ALL.iter().map(|s| s.as_str()).collect::<Vec<_>>(),
        },
    )
}

/// GET /jobs/{id}: how far a job has got, then its outcome; an import shows its report.
/// `?refused=busy` after a retry that a waiting job of the same work stood in the way of.
#[derive(Deserialize, Default)]
pub(crate) struct Shown {
    refused: Option<String>,
}

pub(crate) async fn show(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
    Query(asked): Query<Shown>,
) -> Result<Response, WebError> {
    let job = state.with_store(move |s| Ok(s.job(JobId(id))?)).await?;
    let Some(job) = job.filter(|j| may_see(&viewer, j)) else { return Err(WebError::NotFound(viewer.locale)) };
    let shown = JobView { busy: asked.refused.as_deref() == Some("busy"), ..view(&job, &state) };
    if job.kind == kind::IMPORT {
        let payload: Option<ImportPayload> = serde_json::from_str(&job.payload).ok();
        let result: Option<ImportResult> = job.result.as_deref().and_then(|r| serde_json::from_str(r).ok());
        return crate::pages::import::job_page(&viewer, shown, payload, result);
    }
    let currency = state.with_store(|s| Ok(crate::pages::customers::shop_currency(s)?.0)).await?;
    let asked_as_of = serde_json::from_str::<ScorePayload>(&job.payload).ok().and_then(|p| p.as_of);
    let html = page(
        "job.html",
        Frame::new(&viewer, "jobs", currency),
        minijinja::context! { job => shown, as_of => asked_as_of.map(|d| d.to_string()) },
    )?;
    Ok(html.into_response())
}

/// POST /jobs/{id}/retry: a failed, dead or cancelled job goes back in the queue.
pub(crate) async fn retry(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
    Form(form): Form<crate::pages::login::CsrfOnly>,
) -> Result<Response, WebError> {
    act(state, viewer, id, form, ladder_app::jobs::retry).await
}

/// POST /jobs/{id}/cancel: a job that has not started is cancelled.
pub(crate) async fn cancel(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
    Form(form): Form<crate::pages::login::CsrfOnly>,
) -> Result<Response, WebError> {
    act(state, viewer, id, form, ladder_app::jobs::cancel).await
}

/// Does what a job's button asks, through its use-case, and shows the job again.
async fn act(
    state: AppState,
    viewer: Viewer,
    id: i64,
    form: crate::pages::login::CsrfOnly,
    action: fn(&ladder_app::App, &ladder_app::Actor, JobId) -> Result<bool, ladder_app::AppError>,
) -> Result<Response, WebError> {
    viewer.check_csrf(form.csrf())?;
    let actor = viewer.actor();
    let done = state.with_app(move |app| Ok(action(app, &actor, JobId(id)))).await?;
    match done {
        // The same work already waits or runs (its dedupe key is taken): say so on the job's page.
        Err(ladder_app::AppError::Conflict(_)) => Ok(Redirect::to(&format!("/jobs/{id}?refused=busy")).into_response()),
        other => {
            other.map_err(|e| viewer.fail(e))?;
            Ok(Redirect::to(&format!("/jobs/{id}")).into_response())
        }
    }
}
