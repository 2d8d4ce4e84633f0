//! Background work: the job kinds and their handlers, the [`worker`] that runs them, and the
//! [`schedule`]s that enqueue recurring ones.
//!
//! A job is enqueued inside the unit of work of the change that causes it (the audit entry of a "Score
//! now" and its job commit together). A worker claims due jobs with a short lease that a heartbeat renews
//! while the handler runs; the handler finishes its job in the same unit of work as its effect
//! ([`crate::Progress::committing`]), so a worker killed at any moment either left no trace or finished
//! the job, and a job run again does its work once. A failed attempt is retried later, with exponential
//! backoff and jitter; after the last one the job is dead and waits for a person.

pub mod schedule;
pub mod worker;

use crate::import::{ImportKind, ImportOptions, ImportReport, ImportStop, Review};
use crate::{Action, Actor, App, AppError, change, require};
use chrono::{DateTime, NaiveDate, Utc};
use ladder_domain::Permission;
use ladder_store::{JobId, NewJob, Tx};
use serde::{Deserialize, Serialize};
use std::io::Read;

/// The kinds of job Ladder runs.
pub mod kind {
    /// Score every customer.
    pub const SCORE: &str = "score";
    /// Import (or check) a CSV file kept with the job.
    pub const IMPORT: &str = "import";
    /// Do nothing: the queue's benchmark and tests.
    pub const NOOP: &str = "noop";
    /// Enqueue a broadcast's messages.
    pub const BROADCAST: &str = "broadcast";
    /// Mail a password reset link (registered where a mail server is configured).
    pub const PASSWORD_RESET: &str = "password_reset";
    /// Forget what finished jobs no longer need.
    pub const HOUSEKEEPING: &str = "housekeeping";
    /// Evaluate the playbooks for the days since the last evaluated one.
    pub const PLAYBOOKS: &str = "playbooks";
    /// Act on one customer's news (an order, a complaint) at once.
    pub const PLAYBOOK_EVENTS: &str = "playbook_events";
    /// Mail each user the digest of their open tasks (registered where a mail server is configured).
    pub const TASK_DIGEST: &str = "task_digest";
}

/// What a playbook-events job does.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlaybookEventsPayload {
    /// The customer whose news it is (the store's id).
    pub customer: i64,
}

/// Enqueues, in the change's own unit of work, the job that acts on a customer's news within a second.
pub fn queue_playbook_events(
    tx: &mut dyn Tx,
    now: DateTime<Utc>,
    customer: ladder_store::CustomerId,
) -> Result<(), AppError> {
    let job = NewJob {
        kind: kind::PLAYBOOK_EVENTS.to_owned(),
        payload: json(&PlaybookEventsPayload { customer: customer.0 }),
        run_at: now,
        priority: 0,
        max_attempts: MAX_ATTEMPTS,
        // One waiting job per customer stands for all their news: it reads every event not handled yet.
        dedupe_key: None,
    };
    tx.enqueue(&job, now)?;
    Ok(())
}

/// Attempts before a job is dead, unless its kind says otherwise.
pub const MAX_ATTEMPTS: u32 = 5;

/// How long a file is kept with a job (its chunk size in the database).
pub const FILE_CHUNK: usize = 4 * 1024 * 1024;

/// What a scoring job does.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScorePayload {
    /// Who asked.
    pub actor: Actor,
    /// The day to score as of; today in the shop's time zone when not given.
    pub as_of: Option<NaiveDate>,
}

/// What an import job does.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportPayload {
    /// Who asked.
    pub actor: Actor,
    /// What the file holds.
    pub kind: ImportKind,
    /// The file's name, for messages and the audit log.
    pub name: String,
    /// Import the good rows and report the bad ones instead of stopping at the first.
    pub skip_invalid: bool,
    /// Only check: report what the import would do, write nothing.
    pub dry_run: bool,
    /// The job whose kept file this one imports (a checked upload), when it keeps none of its own.
    pub file_from: Option<i64>,
    /// The file's columns under Ladder's names (`--map`), when its header uses others.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub columns: Vec<(String, String)>,
}

/// What an import job produced: its report, or why it stopped (nothing was written). Kept as the job's
/// result in the report's own shape (the import writes it in its unit of work), or the stop's.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum ImportResult {
    /// The import ran (or the check did).
    Imported(ImportReport),
    /// It stopped, and why.
    Stopped(ImportStop),
}

/// Enqueues `job` in `tx`, audited as `actor`'s; `None` when its dedupe key stands for a job that has not
/// finished.
pub fn enqueue(tx: &mut dyn Tx, actor: &Actor, now: DateTime<Utc>, job: &NewJob) -> Result<Option<JobId>, AppError> {
    let Some(id) = tx.enqueue(job, now)? else { return Ok(None) };
    crate::audit(tx, actor, now, &Action::JobEnqueued { job_id: id.0, kind: job.kind.clone() })?;
    Ok(Some(id))
}

fn json<T: Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

/// Asks for a scoring: a job now, which a worker runs. A scoring already waiting stands for this one, and
/// its id comes back.
pub fn queue_score(app: &App, actor: &Actor, as_of: Option<NaiveDate>) -> Result<JobId, AppError> {
    require(actor, Permission::ManageSettings)?;
    let now = app.now();
    let mut tx = app.store().begin()?;
    let job = NewJob {
        kind: kind::SCORE.to_owned(),
        payload: json(&ScorePayload { actor: actor.clone(), as_of }),
        run_at: now,
        priority: 0,
        max_attempts: 3,
        dedupe_key: Some(format!("score:{}", as_of.map_or_else(|| "today".to_owned(), |d| d.to_string()))),
    };
    let id = match enqueue(tx.as_mut(), actor, now, &job)? {
        Some(id) => id,
        None => waiting(app, &job)?,
    };
    tx.commit()?;
    Ok(id)
}

/// The unfinished job that holds `job`'s dedupe key.
fn waiting(app: &App, job: &NewJob) -> Result<JobId, AppError> {
    let query = ladder_store::JobQuery { kind: Some(job.kind.clone()), limit: 50, ..Default::default() };
    app.store()
        .jobs(&query)?
        .into_iter()
        .find(|j| !j.status.finished() && j.dedupe_key == job.dedupe_key)
        .map(|j| j.id)
        .ok_or_else(|| AppError::Conflict("a job doing the same work is waiting".to_owned()))
}

/// Asks for an import of a file: the job keeps the file's content in the database (so a worker on another
/// machine can run it), enqueued with its chunks in one unit of work. `file` is read to its end.
pub fn queue_import(
    app: &App,
    actor: &Actor,
    payload: ImportPayload,
    file: Option<&mut dyn Read>,
) -> Result<JobId, AppError> {
    require(actor, Permission::ImportData)?;
    let now = app.now();
    let mut tx = app.store().begin()?;
    // An import of a checked file runs once at a time: a second click while it waits or runs finds it.
    let dedupe_key = (!payload.dry_run).then_some(payload.file_from).flatten().map(|check| format!("import:{check}"));
    let job = NewJob {
        kind: kind::IMPORT.to_owned(),
        payload: json(&ImportPayload { actor: actor.clone(), ..payload }),
        run_at: now,
        priority: 1,
        max_attempts: 3,
        dedupe_key,
    };
    let Some(id) = enqueue(tx.as_mut(), actor, now, &job)? else {
        drop(tx);
        return waiting(app, &job);
    };
    if let Some(file) = file {
        let mut chunk = vec![0u8; FILE_CHUNK];
        loop {
            let read =
                read_full(file, &mut chunk).map_err(|e| AppError::Conflict(format!("cannot read the file: {e}")))?;
            if read == 0 {
                break;
            }
            tx.add_job_file(id, &chunk[..read])?;
        }
    }
    tx.commit()?;
    Ok(id)
}

/// Fills `buffer` as far as the reader allows; the count read (0 at the end).
fn read_full(reader: &mut dyn Read, buffer: &mut [u8]) -> std::io::Result<usize> {
    let mut filled = 0;
    while filled < buffer.len() {
        match reader.read(&mut buffer[filled..])? {
            0 => break,
            n => filled += n,
        }
    }
    Ok(filled)
}

/// Puts a failed, dead or cancelled job back in the queue with fresh attempts.
pub fn retry(app: &App, actor: &Actor, id: JobId) -> Result<bool, AppError> {
    require(actor, Permission::ManageSettings)?;
    change(app, actor, |tx, now| {
        let Some(job) = tx.job(id)? else { return Err(AppError::NotFound(format!("job {id}"))) };
        if !tx.retry_job(id, now)? {
            return Ok((false, Vec::new()));
        }
        Ok((true, vec![Action::JobRetried { job_id: id.0, kind: job.kind }]))
    })
}

/// Cancels a job that has not started.
pub fn cancel(app: &App, actor: &Actor, id: JobId) -> Result<bool, AppError> {
    require(actor, Permission::ManageSettings)?;
    change(app, actor, |tx, now| {
        let Some(job) = tx.job(id)? else { return Err(AppError::NotFound(format!("job {id}"))) };
        if !tx.cancel_job(id, now)? {
            return Ok((false, Vec::new()));
        }
        Ok((true, vec![Action::JobCancelled { job_id: id.0, kind: job.kind }]))
    })
}

/// How long the file kept with a finished job stays (an import reads the file kept with its check).
pub const KEEP_FILES: chrono::Duration = chrono::Duration::days(1);
/// How long a finished job stays listed.
pub const KEEP_JOBS: chrono::Duration = chrono::Duration::days(90);

/// Forgets the files of jobs finished more than a day ago and the jobs finished more than 90 days ago,
/// in the unit of work that marks the housekeeping job done; returns (files, jobs) forgotten.
pub(crate) fn housekeeping(app: &App, progress: &dyn crate::Progress) -> Result<String, AppError> {
    let now = app.now();
    let mut tx = app.store().begin()?;
    let (files, jobs) = tx.prune_jobs(now - KEEP_FILES, now - KEEP_JOBS)?;
    let result = serde_json::json!({ "files": files, "jobs": jobs }).to_string();
    progress.committing(tx.as_mut(), &result)?;
    tx.commit()?;
    Ok(result)
}

/// The time to try a failed job again: 10 s after the first attempt, doubling up to an hour, give or take
/// a fifth (so that jobs that failed together do not all come back at once).
pub fn backoff(attempt: u32, now: DateTime<Utc>) -> DateTime<Utc> {
    let base = 10.0 * 2f64.powi(attempt.saturating_sub(1).min(20) as i32);
    let seconds = base.min(3600.0) * (0.8 + 0.4 * fastrand::f64());
    now + chrono::Duration::milliseconds((seconds * 1000.0) as i64)
}

/// The import a job asks for, run through the same code as `ladder import`, with the job's file written
/// to a temporary file first.
pub(crate) fn run_import(
    app: &App,
    job: &ladder_store::Job,
    payload: &ImportPayload,
    progress: &dyn crate::Progress,
) -> Result<ImportResult, worker::JobError> {
    let store = app.store();
    let source = JobId(payload.file_from.unwrap_or(job.id.0));
    let dir = tempfile::tempdir().map_err(|e| worker::JobError::retry(format!("no temporary folder: {e}")))?;
    let path = dir.path().join(payload.name.replace(['/', '\\'], "_"));
    let mut out = std::fs::File::create(&path)
        .map_err(|e| worker::JobError::retry(format!("cannot write {}: {e}", path.display())))?;
    let mut bytes = 0usize;
    store
        .job_file(source, &mut |chunk| {
            use std::io::Write;
            bytes += chunk.len();
            out.write_all(chunk).map_err(|e| ladder_store::StoreError::backend("cannot write the job's file", e))
        })
        .map_err(|e| worker::JobError::retry(e.to_string()))?;
    drop(out);
    if bytes == 0 {
        return Err(worker::JobError::permanent("the file is no longer kept; upload it again".to_owned()));
    }
    let review = Review { dry_run: payload.dry_run, keep: 200, name: Some(payload.name.clone()) };
    let options = ImportOptions {
        skip_invalid: payload.skip_invalid,
        columns: payload.columns.clone(),
        ..ImportOptions::default()
    };
    match crate::import::import_reviewed(app, &payload.actor, payload.kind, &path, &options, &review, progress) {
        Ok(report) => Ok(ImportResult::Imported(report)),
        Err(crate::import::ImportError::Store(e)) => Err(worker::JobError::retry(e.to_string())),
        Err(crate::import::ImportError::Refused(AppError::Store(e))) => Err(worker::JobError::retry(e.to_string())),
        Err(e) => Ok(ImportResult::Stopped(ImportStop::from(&e))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_with_jitter_up_to_an_hour() {
        let now = DateTime::from_timestamp(1_800_000_000, 0).expect("time");
        let wait = |attempt| (backoff(attempt, now) - now).num_milliseconds() as f64 / 1000.0;
        for _ in 0..50 {
            let (first, third, late) = (wait(1), wait(3), wait(30));
            assert!((8.0..=12.0).contains(&first), "{first}");
            assert!((32.0..=48.0).contains(&third), "{third}");
            assert!((2880.0..=4320.0).contains(&late), "{late}");
        }
    }
}
