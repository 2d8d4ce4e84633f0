//! The durable job queue: background work as rows in the database, enqueued in the same unit of work as
//! the change that causes it, claimed with a short lease that the running worker renews, retried with
//! backoff, and dead after its last attempt. A dead worker's job is claimed again once its lease runs out;
//! a handler finishes its job in the same unit of work as its effect, so the effect happens once.
//!
//! Claiming differs by dialect (PostgreSQL `FOR UPDATE SKIP LOCKED`; SQLite a lease written inside
//! `BEGIN IMMEDIATE`), which is why the queue is a store area rather than a crate of its own.

use crate::StoreResult;
use chrono::{DateTime, Utc};
use serde::Serialize;

/// Working the queue: what workers and the pages do outside a unit of work.
pub trait JobStore {
    /// Claims up to `limit` due jobs for `worker`, until `lease_until`: queued and failed jobs whose time
    /// has come (highest priority, then oldest first) and running jobs whose lease ran out (their worker
    /// died). A running job whose lease ran out after its last attempt is marked dead instead. Two workers
    /// never claim the same job at once.
    fn claim_jobs(
        &self,
        worker: &str,
        now: DateTime<Utc>,
        lease_until: DateTime<Utc>,
        limit: u32,
    ) -> StoreResult<Vec<Job>>;

    /// Renews a claimed job's lease (the worker's heartbeat) and records its progress; false when the
    /// claim is no longer this worker's (its lease ran out and another claimed the job) or the job
    /// ended. Never waits long for a busy database: a heartbeat that cannot write now answers
    /// `Ok(false)` with `busy` set, and the worker tries again at the next beat.
    fn renew_lease(&self, claim: Claim, until: DateTime<Utc>, progress: Option<Progress>) -> StoreResult<Renewal>;

    /// Records a failed attempt: back to the queue at `retry_at` (status failed), or dead without one.
    /// False when the claim is no longer this worker's.
    fn fail_job(
        &self,
        claim: Claim,
        now: DateTime<Utc>,
        error: &str,
        retry_at: Option<DateTime<Utc>>,
    ) -> StoreResult<bool>;

    /// One job.
    fn job(&self, id: JobId) -> StoreResult<Option<Job>>;

    /// Jobs, newest first, at most `query.limit`.
    fn jobs(&self, query: &JobQuery) -> StoreResult<Vec<Job>>;

    /// When the next queued or failed job is due, if any (a worker sleeps until then, or a short while).
    fn next_job_due(&self) -> StoreResult<Option<DateTime<Utc>>>;

    /// Streams the file kept with a job, in the order its chunks were added.
    fn job_file(&self, id: JobId, sink: &mut dyn FnMut(&[u8]) -> StoreResult<()>) -> StoreResult<()>;
}

/// Changing the queue inside a unit of work: enqueueing with the change that causes the work, and
/// finishing a job with its effect.
pub trait JobTx {
    /// Adds a job; `None` when its dedupe key belongs to a job that has not finished (queued, running or
    /// failed), which then stands for this one.
    fn enqueue(&mut self, job: &NewJob, now: DateTime<Utc>) -> StoreResult<Option<JobId>>;

    /// Appends a chunk of the file kept with a job (a queued import's CSV), so that a worker on another
    /// machine can run it.
    fn add_job_file(&mut self, id: JobId, chunk: &[u8]) -> StoreResult<()>;

    /// One job, as this unit of work sees it.
    fn job(&mut self, id: JobId) -> StoreResult<Option<Job>>;

    /// Marks a claimed job done with its result (JSON), in the unit of work of its effect; false when the
    /// claim is no longer this worker's, and then the caller must not commit.
    fn complete_job(&mut self, claim: Claim, now: DateTime<Utc>, result: Option<&str>) -> StoreResult<bool>;

    /// Marks several claimed jobs done at once (jobs whose work is not in the database), each with its
    /// result; for each, false when its claim is no longer this worker's (nothing is written for it).
    fn complete_jobs(&mut self, done: &[(Claim, Option<String>)], now: DateTime<Utc>) -> StoreResult<Vec<bool>> {
        done.iter().map(|(claim, result)| self.complete_job(*claim, now, result.as_deref())).collect()
    }

    /// Puts a dead, failed or cancelled job back in the queue with fresh attempts; false for a job that is
    /// queued, running or done.
    fn retry_job(&mut self, id: JobId, now: DateTime<Utc>) -> StoreResult<bool>;

    /// Cancels a job that has not started (queued or failed); false otherwise.
    fn cancel_job(&mut self, id: JobId, now: DateTime<Utc>) -> StoreResult<bool>;

    /// Forgets what finished jobs no longer need: the files kept with jobs that finished before
    /// `files_before`, and the jobs themselves that finished before `jobs_before` (a job that has not
    /// finished is never touched). Returns (files, jobs) forgotten.
    fn prune_jobs(&mut self, files_before: DateTime<Utc>, jobs_before: DateTime<Utc>) -> StoreResult<(u64, u64)>;

    /// Records that `schedule`'s occurrence at `occurrence` is enqueued; false when it already was (by
    /// this or another instance), or a later occurrence was: then it must not be enqueued again.
    fn claim_occurrence(&mut self, schedule: &str, occurrence: DateTime<Utc>) -> StoreResult<bool>;
}

/// A job's id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(transparent)]
pub struct JobId(pub i64);

impl std::fmt::Display for JobId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

ladder_domain::string_enum! {
    /// Where a job is in its life.
    JobStatus {
        /// Waiting for its time and a worker.
        Queued = "queued",
        /// A worker holds it.
        Running = "running",
        /// Finished.
        Done = "done",
        /// An attempt failed; it waits for its next one.
        Failed = "failed",
        /// Every attempt failed; it waits for a person.
        Dead = "dead",
        /// Cancelled before it ran.
        Cancelled = "cancelled",
    }
}

impl JobStatus {
    /// Whether the job is over (done, dead or cancelled): its dedupe key is free again.
    pub fn finished(self) -> bool {
        matches!(self, JobStatus::Done | JobStatus::Dead | JobStatus::Cancelled)
    }
}

/// A job to enqueue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewJob {
    /// What to do (`score`, `import`): the app's handlers know the kinds.
    pub kind: String,
    /// Its input, as JSON.
    pub payload: String,
    /// Not before this time.
    pub run_at: DateTime<Utc>,
    /// Higher runs first.
    pub priority: i32,
    /// Attempts before it is dead.
    pub max_attempts: u32,
    /// Unique among jobs that have not finished.
    pub dedupe_key: Option<String>,
}

/// A job as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Job {
    /// Its id.
    pub id: JobId,
    /// What to do.
    pub kind: String,
    /// Its input, as JSON.
    pub payload: String,
    /// Where it is.
    pub status: JobStatus,
    /// Higher runs first.
    pub priority: i32,
    /// When it may run (next).
    pub run_at: DateTime<Utc>,
    /// Attempts so far (claims).
    pub attempts: u32,
    /// Attempts before it is dead.
    pub max_attempts: u32,
    /// Until when its worker holds it.
    pub lease_until: Option<DateTime<Utc>>,
    /// The worker that holds it or last held it.
    pub worker: Option<String>,
    /// The last failure, with its cause.
    pub last_error: Option<String>,
    /// Work done so far, in the job's own units (rows, customers).
    pub progress_done: Option<u64>,
    /// Work to do in all, when known.
    pub progress_total: Option<u64>,
    /// What it produced (JSON), once done.
    pub result: Option<String>,
    /// Its dedupe key.
    pub dedupe_key: Option<String>,
    /// When it was enqueued.
    pub created_at: DateTime<Utc>,
    /// When its latest attempt started.
    pub started_at: Option<DateTime<Utc>>,
    /// When it finished (done, dead or cancelled).
    pub finished_at: Option<DateTime<Utc>>,
}

impl Job {
    /// The claim a worker holds on this job: its id and attempt.
    pub fn claim(&self) -> Claim {
        Claim { id: self.id, attempt: self.attempts }
    }
}

/// A worker's hold on one attempt of a job: only the worker of the latest attempt can renew, finish or
/// fail it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Claim {
    /// The job.
    pub id: JobId,
    /// The attempt (1 for the first claim).
    pub attempt: u32,
}

/// How far a job has got.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Progress {
    /// Done so far.
    pub done: u64,
    /// In all, when known.
    pub total: Option<u64>,
}

/// What a heartbeat found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Renewal {
    /// The lease is renewed.
    pub renewed: bool,
    /// The database was busy with another write (SQLite's single writer): nothing was written, try again.
    pub busy: bool,
}

/// Which jobs to list.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct JobQuery {
    /// Only jobs in this status.
    pub status: Option<JobStatus>,
    /// Only jobs of this kind.
    pub kind: Option<String>,
    /// At most this many.
    pub limit: u32,
}
