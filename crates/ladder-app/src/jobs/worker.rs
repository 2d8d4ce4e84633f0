//! The worker: claims due jobs in batches, runs each with its handler while a heartbeat renews the leases
//! of the batch, and records the outcome — done in the handler's own unit of work, or failed and retried
//! later, or dead after its last attempt.

use super::schedule::Schedule;
use super::{ImportPayload, ScorePayload, kind};
use crate::{Actor, App, AppError, Progress, error_chain};
use chrono::{DateTime, Utc};
use ladder_store::{Claim, Job, JobId, Tx};
use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Why an attempt failed: retried later, or (permanent) dead at once because trying again cannot help.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JobError {
    /// What went wrong, with its cause.
    pub message: String,
    /// Whether another attempt is pointless.
    pub permanent: bool,
}

impl JobError {
    /// A failure another attempt may overcome (a busy database, a network down).
    pub fn retry(message: impl Into<String>) -> Self {
        Self { message: message.into(), permanent: false }
    }

    /// A failure another attempt cannot overcome (a payload Ladder cannot read).
    pub fn permanent(message: impl Into<String>) -> Self {
        Self { message: message.into(), permanent: true }
    }
}

impl From<AppError> for JobError {
    fn from(e: AppError) -> Self {
        // A refusal or a conflict will be the same next time; the store failing may not.
        let permanent = !matches!(e, AppError::Store(_));
        Self { message: error_chain(&e), permanent }
    }
}

/// What a handler does with a job: its effect, and (when it has one in the database) the job marked done
/// in the same unit of work through [`JobProgress`]'s [`Progress::committing`]. Returns the job's result
/// (JSON), if any.
pub type Handler = Box<dyn Fn(&App, &Job, &JobProgress) -> Result<Option<String>, JobError> + Send + Sync>;

/// The handlers by job kind.
pub struct Handlers(HashMap<String, Handler>);

impl Handlers {
    /// Ladder's own kinds: scoring, imports, and the no-op of the benchmark.
    pub fn standard() -> Self {
        let mut handlers = Handlers(HashMap::new());
        handlers.register(kind::SCORE, Box::new(score));
        handlers.register(kind::IMPORT, Box::new(import));
        handlers.register(kind::NOOP, Box::new(|_, _, _| Ok(None)));
        handlers.register(
            kind::BROADCAST,
            Box::new(|app, job, progress| Ok(Some(crate::broadcasts::run(app, &payload(job)?, progress)?))),
        );
        handlers
            .register(kind::HOUSEKEEPING, Box::new(|app, _, progress| Ok(Some(super::housekeeping(app, progress)?))));
        handlers.register(
            kind::PLAYBOOKS,
            Box::new(|app, _, progress| {
                // The club first (points earned, expired, tiers moved), so the playbooks see today's tiers;
                // it is written once however often it runs, so it needs no mark of its own.
                if app.store().club_last_member().map_err(|e| JobError::retry(error_chain(&e)))? > 0 {
                    let today = crate::club::today(app)?;
                    crate::club::evaluate(app, &Actor::System, today, &crate::NoProgress)?;
                }
                let days = crate::playbooks::evaluate_due_days(app, &Actor::System, progress)?;
                Ok(Some(serde_json::to_string(&days).unwrap_or_default()))
            }),
        );
        handlers.register(
            kind::PLAYBOOK_EVENTS,
            Box::new(|app, job, _| {
                let p: super::PlaybookEventsPayload = payload(job)?;
                crate::club::evaluate::evaluate_one(app, ladder_store::CustomerId(p.customer))?;
                let done = crate::playbooks::run_events(app, ladder_store::CustomerId(p.customer))?;
                Ok(Some(serde_json::to_string(&done).unwrap_or_default()))
            }),
        );
        handlers
    }

    /// Adds (or replaces) the handler of a kind.
    pub fn register(&mut self, kind: &str, handler: Handler) {
        self.0.insert(kind.to_owned(), handler);
    }
}

fn payload<T: serde::de::DeserializeOwned>(job: &Job) -> Result<T, JobError> {
    serde_json::from_str(&job.payload).map_err(|e| {
        JobError::permanent(format!("job {} of kind {} has a payload Ladder cannot read: {e}", job.id, job.kind))
    })
}

fn score(app: &App, job: &Job, progress: &JobProgress) -> Result<Option<String>, JobError> {
    let p: ScorePayload = payload(job)?;
    let tz = app.store().shop_settings().map_err(|e| JobError::retry(error_chain(&e)))?.tz();
    let as_of = p.as_of.unwrap_or_else(|| app.now().with_timezone(&tz).date_naive());
    let options = crate::score::ScoreOptions::stored(app.store()).map_err(|e| JobError::retry(error_chain(&e)))?;
    let summary = crate::score::score(app, &p.actor, as_of, &options, progress)?;
    Ok(Some(serde_json::to_string(&summary).unwrap_or_default()))
}

fn import(app: &App, job: &Job, progress: &JobProgress) -> Result<Option<String>, JobError> {
    let p: ImportPayload = payload(job)?;
    let result = super::run_import(app, job, &p, progress)?;
    Ok(Some(serde_json::to_string(&result).unwrap_or_default()))
}

/// How far the jobs running in this process have got. A separate worker process's progress reaches the
/// database through its heartbeat; SQLite admits no write while an import holds its writer, so pages
/// served by the same process read this.
#[derive(Debug, Default)]
pub struct LiveJobs(Mutex<HashMap<JobId, ladder_store::Progress>>);

impl LiveJobs {
    /// The progress of a job running here now.
    pub fn get(&self, id: JobId) -> Option<ladder_store::Progress> {
        self.0.lock().unwrap_or_else(std::sync::PoisonError::into_inner).get(&id).copied()
    }

    fn set(&self, id: JobId, progress: Option<ladder_store::Progress>) {
        let mut running = self.0.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        match progress {
            Some(p) => running.insert(id, p),
            None => running.remove(&id),
        };
    }
}

/// A running job's progress, and its completion in the unit of work of its effect.
pub struct JobProgress {
    claim: Claim,
    app: App,
    live: Arc<LiveJobs>,
    done: AtomicU64,
    total: AtomicU64,
    completed: AtomicBool,
}

/// No total known.
const UNKNOWN: u64 = u64::MAX;

impl JobProgress {
    fn snapshot(&self) -> ladder_store::Progress {
        let total = self.total.load(Ordering::Relaxed);
        ladder_store::Progress { done: self.done.load(Ordering::Relaxed), total: (total != UNKNOWN).then_some(total) }
    }
}

impl Progress for JobProgress {
    fn begin(&self, _label: &str, total: Option<u64>) {
        self.done.store(0, Ordering::Relaxed);
        self.total.store(total.unwrap_or(UNKNOWN), Ordering::Relaxed);
        self.live.set(self.claim.id, Some(self.snapshot()));
    }

    fn set_position(&self, position: u64) {
        self.done.store(position, Ordering::Relaxed);
        self.live.set(self.claim.id, Some(self.snapshot()));
    }

    fn end(&self) {
        let total = self.total.load(Ordering::Relaxed);
        if total != UNKNOWN {
            self.done.store(total, Ordering::Relaxed);
        }
    }

    fn committing(&self, tx: &mut dyn Tx, result: &str) -> Result<(), AppError> {
        if !tx.complete_job(self.claim, self.app.now(), Some(result))? {
            return Err(AppError::Conflict(format!(
                "job {} was taken over by another worker (its lease ran out); this attempt's work is not kept",
                self.claim.id
            )));
        }
        self.completed.store(true, Ordering::Relaxed);
        Ok(())
    }
}

/// A job whose handler succeeded without finishing it in the database, waiting to be marked done.
struct Completed {
    claim: Claim,
    kind: String,
    result: Option<String>,
    ms: u64,
}

/// The finished jobs of a batch not yet marked done.
#[derive(Default)]
struct Completions {
    jobs: Vec<Completed>,
    since: Option<Instant>,
}

impl Completions {
    /// Jobs are marked done at the latest this long after the first of them finished.
    const WAIT: Duration = Duration::from_millis(200);

    fn push(&mut self, completed: Completed) {
        self.since.get_or_insert_with(Instant::now);
        self.jobs.push(completed);
    }

    fn due(&self) -> bool {
        self.since.is_some_and(|t| t.elapsed() >= Self::WAIT)
    }
}

/// How a worker works.
#[derive(Debug, Clone)]
pub struct WorkerOptions {
    /// How long a claim holds a job before another worker may take it over.
    pub lease: Duration,
    /// How often the leases are renewed while jobs run (a third of the lease).
    pub heartbeat: Duration,
    /// Jobs claimed at once.
    pub batch: u32,
    /// The longest sleep between looks at the queue when nothing is due: short, so that an order's event
    /// playbooks act within a second (a look is one indexed query).
    pub poll: Duration,
}

impl Default for WorkerOptions {
    fn default() -> Self {
        Self {
            lease: Duration::from_secs(30),
            heartbeat: Duration::from_secs(10),
            batch: 16,
            poll: Duration::from_millis(250),
        }
    }
}

/// One worker: a loop that runs due jobs one after the other. Run several (`--concurrency N`) side by
/// side, in one process or many.
pub struct Worker {
    app: App,
    name: String,
    handlers: Arc<Handlers>,
    live: Arc<LiveJobs>,
    options: WorkerOptions,
    schedules: Vec<Schedule>,
}

/// The claims of a batch still waiting or running, which the heartbeat keeps alive.
type Held = Mutex<Vec<(Claim, Option<Arc<JobProgress>>)>>;

impl Worker {
    /// A worker named `name` (unique among the running workers: the host, the process, a number).
    pub fn new(app: App, name: String, handlers: Arc<Handlers>, live: Arc<LiveJobs>, options: WorkerOptions) -> Self {
        Self { app, name, handlers, live, options, schedules: Vec::new() }
    }

    /// Also enqueues the occurrences of these schedules as they come.
    pub fn with_schedules(mut self, schedules: Vec<Schedule>) -> Self {
        self.schedules = schedules;
        self
    }

    /// The name of a worker of this process: host, process id and `n`.
    pub fn name_for(n: usize) -> String {
        let host = std::fs::read_to_string("/proc/sys/kernel/hostname")
            .ok()
            .map(|h| h.trim().to_owned())
            .filter(|h| !h.is_empty())
            .unwrap_or_else(|| "worker".to_owned());
        format!("{host}:{}:{n}", std::process::id())
    }

    /// Runs every job that is due now, batch after batch, and returns how many ran (`ladder worker --once`).
    pub fn run_due(&self) -> Result<u64, AppError> {
        let mut ran = 0;
        loop {
            super::schedule::tick(&self.app, &self.schedules, self.app.now())?;
            let n = self.run_batch()?;
            if n == 0 {
                return Ok(ran);
            }
            ran += n;
        }
    }

    /// Runs jobs as they come due until `stop` is set.
    pub fn run_until(&self, stop: &AtomicBool) {
        while !stop.load(Ordering::Relaxed) {
            let ran = super::schedule::tick(&self.app, &self.schedules, self.app.now()).and_then(|_| self.run_batch());
            match ran {
                Ok(0) => self.sleep(stop),
                Ok(_) => {}
                // A busy database (an import elsewhere) or one that is down: look again in a moment.
                Err(e) => {
                    tracing::warn!(worker = %self.name, error = %error_chain(&e), "the queue cannot be read now");
                    self.sleep(stop);
                }
            }
        }
    }

    /// Sleeps until the next job is due or the poll interval has passed, whichever is sooner.
    fn sleep(&self, stop: &AtomicBool) {
        let due = self.app.store().next_job_due().ok().flatten();
        let wait = due.map_or(self.options.poll, |t| {
            (t - self.app.now()).to_std().unwrap_or(Duration::ZERO).min(self.options.poll)
        });
        let until = Instant::now() + wait.max(Duration::from_millis(20));
        while Instant::now() < until && !stop.load(Ordering::Relaxed) {
            std::thread::sleep(Duration::from_millis(20).min(until.saturating_duration_since(Instant::now())));
        }
    }

    fn lease_until(&self) -> DateTime<Utc> {
        self.app.now()
            + chrono::Duration::from_std(self.options.lease).unwrap_or_else(|_| chrono::Duration::seconds(30))
    }

    /// Claims one batch and runs it; how many jobs it held.
    fn run_batch(&self) -> Result<u64, AppError> {
        let jobs = self.app.store().claim_jobs(&self.name, self.app.now(), self.lease_until(), self.options.batch)?;
        if jobs.is_empty() {
            return Ok(0);
        }
        let held: Held = Mutex::new(jobs.iter().map(|j| (j.claim(), None)).collect());
        let finished = AtomicBool::new(false);
        let mut done = Completions::default();
        std::thread::scope(|scope| {
            let beat = scope.spawn(|| self.heartbeat(&held, &finished));
            for job in &jobs {
                if let Some(completed) = self.run_job(job, &held) {
                    done.push(completed);
                }
                if done.due() {
                    self.complete_all(&mut done, &held);
                }
            }
            self.complete_all(&mut done, &held);
            finished.store(true, Ordering::Relaxed);
            // Wake the heartbeat at once rather than at its next look.
            beat.thread().unpark();
        });
        Ok(jobs.len() as u64)
    }

    /// Renews the leases of the batch every heartbeat until it is done.
    fn heartbeat(&self, held: &Held, finished: &AtomicBool) {
        let mut last = Instant::now();
        while !finished.load(Ordering::Relaxed) {
            std::thread::park_timeout(Duration::from_millis(20));
            if finished.load(Ordering::Relaxed) || last.elapsed() < self.options.heartbeat {
                continue;
            }
            last = Instant::now();
            let claims: Vec<(Claim, Option<Arc<JobProgress>>)> =
                held.lock().unwrap_or_else(std::sync::PoisonError::into_inner).clone();
            for (claim, progress) in claims {
                let snapshot = progress.as_ref().map(|p| p.snapshot());
                match self.app.store().renew_lease(claim, self.lease_until(), snapshot) {
                    Ok(r) if r.renewed || r.busy => {}
                    Ok(_) => tracing::warn!(job.id = claim.id.0, "the job's lease was lost to another worker"),
                    Err(e) => {
                        tracing::warn!(job.id = claim.id.0, error = %error_chain(&e), "cannot renew a job's lease")
                    }
                }
            }
        }
    }

    /// Runs one job. A job whose handler finished it in the unit of work of its effect is done here; one
    /// whose work is not in the database comes back, to be marked done with others in one unit of work
    /// (it stays held, its lease renewed, until then).
    fn run_job(&self, job: &Job, held: &Held) -> Option<Completed> {
        let claim = job.claim();
        let started = Instant::now();
        let progress = Arc::new(JobProgress {
            claim,
            app: self.app.clone(),
            live: self.live.clone(),
            done: AtomicU64::new(0),
            total: AtomicU64::new(UNKNOWN),
            completed: AtomicBool::new(false),
        });
        {
            let mut held = held.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
            if let Some(slot) = held.iter_mut().find(|(c, _)| *c == claim) {
                slot.1 = Some(progress.clone());
            }
        }
        tracing::info!(job.id = job.id.0, job.kind = %job.kind, attempt = job.attempts, "job started");
        let outcome = match self.handlers.0.get(&job.kind) {
            None => Err(JobError::permanent(format!("no handler for jobs of kind {:?} in this Ladder", job.kind))),
            Some(handler) => {
                std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| handler(&self.app, job, &progress)))
                    .unwrap_or_else(|panic| {
                        let what = panic
                            .downcast_ref::<String>()
                            .cloned()
                            .or_else(|| panic.downcast_ref::<&str>().map(|s| (*s).to_owned()))
                            .unwrap_or_default();
                        Err(JobError::retry(format!("the job's handler panicked: {what}")))
                    })
            }
        };
        self.live.set(job.id, None);
        let ms = started.elapsed().as_millis() as u64;
        match outcome {
            Ok(_) if progress.completed.load(Ordering::Relaxed) => {
                tracing::info!(job.id = job.id.0, job.kind = %job.kind, duration_ms = ms, outcome = "done", "job finished");
            }
            Ok(result) => return Some(Completed { claim, kind: job.kind.clone(), result, ms }),
            Err(e) => self.fail(job, claim, &e, ms),
        }
        held.lock().unwrap_or_else(std::sync::PoisonError::into_inner).retain(|(c, _)| *c != claim);
        None
    }

    /// Marks finished jobs done in one unit of work (one commit for many, which a database that flushes
    /// every commit to disk needs), then lets their claims go.
    fn complete_all(&self, done: &mut Completions, held: &Held) {
        let finished = std::mem::take(&mut done.jobs);
        done.since = None;
        if finished.is_empty() {
            return;
        }
        let now = self.app.now();
        let written = self.app.store().begin().and_then(|mut tx| {
            // A claim lost to another worker writes nothing; the others are still this worker's.
            let claims: Vec<(Claim, Option<String>)> = finished.iter().map(|c| (c.claim, c.result.clone())).collect();
            let kept = tx.complete_jobs(&claims, now)?;
            tx.commit()?;
            Ok(kept)
        });
        match written {
            Ok(kept) => {
                for (c, kept) in finished.iter().zip(kept) {
                    if kept {
                        tracing::info!(job.id = c.claim.id.0, job.kind = %c.kind, duration_ms = c.ms, outcome = "done", "job finished");
                    } else {
                        tracing::warn!(job.id = c.claim.id.0, job.kind = %c.kind, duration_ms = c.ms, outcome = "lost",
                            "job finished after its lease was taken over; another worker runs it");
                    }
                }
            }
            // Their leases run out and they run again: handlers are safe to re-run.
            Err(e) => {
                tracing::error!(jobs = finished.len(), error = %error_chain(&e), "cannot mark finished jobs done")
            }
        }
        let claims: Vec<Claim> = finished.iter().map(|c| c.claim).collect();
        held.lock().unwrap_or_else(std::sync::PoisonError::into_inner).retain(|(c, _)| !claims.contains(c));
    }

    fn fail(&self, job: &Job, claim: Claim, e: &JobError, ms: u64) {
        let now = self.app.now();
        let last = e.permanent || job.attempts >= job.max_attempts;
        let retry_at = (!last).then(|| super::backoff(job.attempts, now));
        let outcome = if last { "dead" } else { "failed" };
        tracing::error!(job.id = job.id.0, job.kind = %job.kind, attempt = job.attempts, duration_ms = ms, outcome,
            error = %e.message, "job failed");
        if let Err(store) = self.app.store().fail_job(claim, now, &e.message, retry_at) {
            // Its lease runs out and another worker takes it over.
            tracing::error!(job.id = job.id.0, error = %error_chain(&store), "cannot record a failed job");
        }
    }
}
