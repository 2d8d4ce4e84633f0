//! Recurring work: cron expressions in the shop's time zone, each occurrence enqueued once — the
//! occurrence is claimed in the same unit of work as its job, so two instances running schedulers enqueue
//! it once between them.

use super::{ScorePayload, enqueue, kind};
use crate::{Actor, App, AppError};
use chrono::{DateTime, Utc};
use ladder_store::{JobId, NewJob};
use std::str::FromStr;

/// The nightly scoring's default time: 03:00 in the shop's time zone.
pub const NIGHTLY_SCORING: &str = "0 3 * * *";
/// Housekeeping's default time: every hour, at 17 minutes past.
pub const HOUSEKEEPING: &str = "17 * * * *";
/// The playbooks' daily evaluation's default time: 03:30 in the shop's time zone, after the nightly
/// scoring. It catches up the days it missed.
pub const PLAYBOOKS: &str = "30 3 * * *";

/// An occurrence older than this when first seen (the scheduler was not running) is skipped, not run late.
const GRACE: chrono::Duration = chrono::Duration::hours(1);

/// A recurring job.
#[derive(Debug, Clone)]
pub struct Schedule {
    /// Its stable name (`nightly-scoring`).
    pub name: String,
    /// When, as a cron expression of minutes, hours, days of the month, months and weekdays.
    pub cron: croner::Cron,
    /// The job it enqueues.
    pub kind: String,
    /// The latest occurrence this scheduler has already settled (enqueued, or found claimed by another),
    /// so that a worker looking at the queue every second opens no unit of work for it again.
    settled: std::sync::Arc<std::sync::Mutex<Option<DateTime<Utc>>>>,
}

impl Schedule {
    /// A schedule from its cron expression; the error says what is wrong with the expression.
    pub fn new(name: &str, expression: &str, kind: &str) -> Result<Self, String> {
        let cron = croner::Cron::from_str(expression.trim())
            .map_err(|e| format!("{expression:?} is not a cron expression (minute hour day month weekday): {e}"))?;
        Ok(Self { name: name.to_owned(), cron, kind: kind.to_owned(), settled: Default::default() })
    }
}

/// The schedules a shop runs: the nightly scoring at `nightly_scoring` and housekeeping (forgetting what
/// finished jobs no longer need) at `housekeeping`, cron expressions; empty turns one off.
pub fn standard(nightly_scoring: &str, housekeeping: &str) -> Result<Vec<Schedule>, String> {
    let mut schedules = Vec::new();
    if !nightly_scoring.trim().is_empty() {
        schedules.push(Schedule::new("nightly-scoring", nightly_scoring, kind::SCORE)?);
    }
    if !housekeeping.trim().is_empty() {
        schedules.push(Schedule::new("housekeeping", housekeeping, kind::HOUSEKEEPING)?);
    }
    Ok(schedules)
}

/// The playbooks' daily evaluation at `expression` (cron); none when it is empty.
pub fn playbooks(expression: &str) -> Result<Option<Schedule>, String> {
    if expression.trim().is_empty() {
        return Ok(None);
    }
    Schedule::new("playbooks", expression, kind::PLAYBOOKS).map(Some)
}

/// The daily digest of open tasks (none when `expression` is empty).
pub fn task_digest(expression: &str) -> Result<Option<Schedule>, String> {
    if expression.trim().is_empty() {
        return Ok(None);
    }
    Schedule::new("task-digest", expression, kind::TASK_DIGEST).map(Some)
}

/// Enqueues each schedule's latest occurrence up to `now` that was not enqueued yet (by this instance or
/// another); returns the jobs enqueued. An occurrence missed by more than an hour is passed over.
pub fn tick(app: &App, schedules: &[Schedule], now: DateTime<Utc>) -> Result<Vec<JobId>, AppError> {
    if schedules.is_empty() {
        return Ok(Vec::new());
    }
    let tz = app.store().shop_settings()?.tz();
    let local = now.with_timezone(&tz);
    let mut enqueued = Vec::new();
    for schedule in schedules {
        let Ok(occurrence) = schedule.cron.find_previous_occurrence(&local, true) else { continue };
        let occurrence = occurrence.with_timezone(&Utc);
        let mut settled = schedule.settled.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if *settled == Some(occurrence) {
            continue;
        }
        let mut tx = app.store().begin()?;
        if !tx.claim_occurrence(&schedule.name, occurrence)? {
            *settled = Some(occurrence);
            continue;
        }
        if now - occurrence <= GRACE {
            let job = NewJob {
                kind: schedule.kind.clone(),
                payload: serde_json::to_string(&ScorePayload { actor: Actor::System, as_of: None }).unwrap_or_default(),
                run_at: occurrence,
                priority: 0,
                max_attempts: 3,
                dedupe_key: Some(format!("schedule:{}:{}", schedule.name, occurrence.timestamp())),
            };
            enqueued.extend(enqueue(tx.as_mut(), &Actor::System, now, &job)?);
        }
        tx.commit()?;
        *settled = Some(occurrence);
    }
    Ok(enqueued)
}
