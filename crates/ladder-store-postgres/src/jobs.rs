//! The job queue on PostgreSQL: workers claim with `FOR UPDATE SKIP LOCKED`, so two never take the same
//! job and none waits for another's; the partial index of due jobs is read in priority order and stops
//! at the batch's size. A heartbeat waits at most a second for the job's row (its own worker may be
//! finishing it in a long commit) and otherwise tries again at the next beat.

use crate::accounts::time;
use crate::tx::PgTx;
use crate::{Connection, Context, PostgresStore};
use chrono::{DateTime, Utc};
use ladder_store::{
    Claim, Job, JobId, JobQuery, JobStatus, JobStore, JobTx, NewJob, Progress, Renewal, StoreError, StoreResult,
};
use postgres::Row;
use postgres::error::SqlState;
use postgres::fallible_iterator::FallibleIterator;

const JOB_COLUMNS: &str = "id, kind, payload, status, priority, run_at, attempts, max_attempts, lease_until, worker, \
     last_error, progress_done, progress_total, result, dedupe_key, created_at, started_at, finished_at";

/// What a job's worker writes when its lease ran out without the job finishing.
const LEASE_EXPIRED: &str = "the worker stopped before finishing (its lease ran out)";

fn unsigned(v: i32) -> u32 {
    u32::try_from(v).unwrap_or(0)
}

fn count(v: Option<i64>) -> Option<u64> {
    v.map(|v| u64::try_from(v).unwrap_or(0))
}

fn job_from(r: &Row) -> StoreResult<Job> {
    let status: String = r.get(3);
    let status = JobStatus::parse(&status)
        .ok_or_else(|| StoreError::Conflict(format!("the database holds an unknown job status {status:?}")))?;
    Ok(Job {
        id: JobId(r.get(0)),
        kind: r.get(1),
        payload: r.get(2),
        status,
        priority: r.get(4),
        run_at: time(r.get(5)),
        attempts: unsigned(r.get(6)),
        max_attempts: unsigned(r.get(7)),
        lease_until: r.get::<_, Option<i64>>(8).map(time),
        worker: r.get(9),
        last_error: r.get(10),
        progress_done: count(r.get(11)),
        progress_total: count(r.get(12)),
        result: r.get(13),
        dedupe_key: r.get(14),
        created_at: time(r.get(15)),
        started_at: r.get::<_, Option<i64>>(16).map(time),
        finished_at: r.get::<_, Option<i64>>(17).map(time),
    })
}

fn job(client: &mut Connection, id: JobId) -> StoreResult<Option<Job>> {
    client
        .query_opt(&format!("SELECT {JOB_COLUMNS} FROM jobs WHERE id = $1"), &[&id.0])
        .ctx("cannot read a job")?
        .map(|r| job_from(&r))
        .transpose()
}

fn attempt(claim: Claim) -> i32 {
    i32::try_from(claim.attempt).unwrap_or(i32::MAX)
}

impl JobStore for PostgresStore {
    fn claim_jobs(
        &self,
        worker: &str,
        now: DateTime<Utc>,
        lease_until: DateTime<Utc>,
        limit: u32,
    ) -> StoreResult<Vec<Job>> {
        let what = "cannot claim jobs";
        self.write(|c| {
            let now = now.timestamp();
            // A job whose worker died goes back to the queue, or is dead after its last attempt; a lease
            // that another worker is recovering right now is skipped.
            c.execute(
                "UPDATE jobs SET status = CASE WHEN attempts >= max_attempts THEN 'dead' ELSE 'queued' END,
                        finished_at = CASE WHEN attempts >= max_attempts THEN $1 END,
                        run_at = $1, lease_until = NULL, last_error = $2
                 WHERE id IN (SELECT id FROM jobs WHERE status = 'running' AND lease_until < $1
                              FOR UPDATE SKIP LOCKED)",
                &[&now, &LEASE_EXPIRED],
            )
            .ctx(what)?;
            let rows = c
                .query(
                    &format!(
                        "UPDATE jobs SET status = 'running', attempts = attempts + 1, lease_until = $2, worker = $3,
                                started_at = $1
                         WHERE id IN (SELECT id FROM jobs WHERE status IN ('queued', 'failed') AND run_at <= $1
                                      ORDER BY priority DESC, run_at, id LIMIT $4 FOR UPDATE SKIP LOCKED)
                         RETURNING {JOB_COLUMNS}"
                    ),
                    &[&now, &lease_until.timestamp(), &worker, &i64::from(limit)],
                )
                .ctx(what)?;
            let mut jobs = rows.iter().map(job_from).collect::<StoreResult<Vec<_>>>()?;
            jobs.sort_by(|a, b| (b.priority, a.run_at, a.id).cmp(&(a.priority, b.run_at, b.id)));
            Ok(jobs)
        })
    }

    fn renew_lease(&self, claim: Claim, until: DateTime<Utc>, progress: Option<Progress>) -> StoreResult<Renewal> {
        let what = "cannot renew a job's lease";
        let mut client = self.client()?;
        let mut tx = client.transaction().ctx(what)?;
        tx.batch_execute("SET LOCAL lock_timeout = '1s'").ctx(what)?;
        let done = progress.map(|p| i64::try_from(p.done).unwrap_or(i64::MAX));
        let total = progress.and_then(|p| p.total).map(|t| i64::try_from(t).unwrap_or(i64::MAX));
        let renewed = tx.execute(
            "UPDATE jobs SET lease_until = $3, progress_done = COALESCE($4, progress_done),
                    progress_total = COALESCE($5, progress_total)
             WHERE id = $1 AND attempts = $2 AND status = 'running'",
            &[&claim.id.0, &attempt(claim), &until.timestamp(), &done, &total],
        );
        match renewed {
            Err(e) if e.code() == Some(&SqlState::LOCK_NOT_AVAILABLE) => Ok(Renewal { renewed: false, busy: true }),
            other => {
                let renewed = other.ctx(what)? == 1;
                tx.commit().ctx(what)?;
                Ok(Renewal { renewed, busy: false })
            }
        }
    }

    fn fail_job(
        &self,
        claim: Claim,
        now: DateTime<Utc>,
        error: &str,
        retry_at: Option<DateTime<Utc>>,
    ) -> StoreResult<bool> {
        let retry = retry_at.map(|t| t.timestamp());
        self.read(|c| {
            c.execute(
                "UPDATE jobs SET status = CASE WHEN $4::BIGINT IS NULL THEN 'dead' ELSE 'failed' END,
                        run_at = COALESCE($4, run_at), finished_at = CASE WHEN $4::BIGINT IS NULL THEN $3::BIGINT END,
                        last_error = $5, lease_until = NULL
                 WHERE id = $1 AND attempts = $2 AND status = 'running'",
                &[&claim.id.0, &attempt(claim), &now.timestamp(), &retry, &error],
            )
            .map(|n| n == 1)
            .ctx("cannot record a failed job")
        })
    }

    fn job(&self, id: JobId) -> StoreResult<Option<Job>> {
        self.read(|c| job(c, id))
    }

    fn jobs(&self, query: &JobQuery) -> StoreResult<Vec<Job>> {
        let status = query.status.map(JobStatus::as_str);
        self.read(|c| {
            c.query(
                &format!(
                    "SELECT {JOB_COLUMNS} FROM jobs WHERE ($1::TEXT IS NULL OR status = $1)
                     AND ($2::TEXT IS NULL OR kind = $2) ORDER BY id DESC LIMIT $3"
                ),
                &[&status, &query.kind, &i64::from(query.limit)],
            )
            .ctx("cannot list jobs")?
            .iter()
            .map(job_from)
            .collect()
        })
    }

    fn next_job_due(&self) -> StoreResult<Option<DateTime<Utc>>> {
        self.read(|c| {
            let t: Option<i64> = c
                .query_one(
                    "SELECT LEAST((SELECT MIN(run_at) FROM jobs WHERE status IN ('queued', 'failed')),
                                  (SELECT MIN(lease_until) FROM jobs WHERE status = 'running'))",
                    &[],
                )
                .ctx("cannot read the queue")?
                .get(0);
            Ok(t.map(time))
        })
    }

    fn job_file(&self, id: JobId, sink: &mut dyn FnMut(&[u8]) -> StoreResult<()>) -> StoreResult<()> {
        let what = "cannot read a job's file";
        self.read(|c| {
            let mut tx = c.transaction().ctx(what)?;
            tx.batch_execute("SET LOCAL statement_timeout = 0").ctx(what)?;
            let mut rows =
                tx.query_raw("SELECT chunk FROM job_files WHERE job_id = $1 ORDER BY seq", [&id.0]).ctx(what)?;
            while let Some(r) = rows.next().ctx(what)? {
                sink(r.get::<_, &[u8]>(0))?;
            }
            drop(rows);
            tx.commit().ctx(what)
        })
    }
}

impl JobTx for PgTx {
    fn enqueue(&mut self, j: &NewJob, now: DateTime<Utc>) -> StoreResult<Option<JobId>> {
        let max_attempts = i32::try_from(j.max_attempts).unwrap_or(i32::MAX);
        Ok(self
            .query_opt(
                "INSERT INTO jobs (kind, payload, status, priority, run_at, max_attempts, dedupe_key, created_at)
                 VALUES ($1, $2, 'queued', $3, $4, $5, $6, $7)
                 ON CONFLICT (dedupe_key) WHERE dedupe_key IS NOT NULL AND status IN ('queued', 'running', 'failed')
                 DO NOTHING RETURNING id",
                &[
                    &j.kind,
                    &j.payload,
                    &j.priority,
                    &j.run_at.timestamp(),
                    &max_attempts,
                    &j.dedupe_key,
                    &now.timestamp(),
                ],
                "cannot enqueue a job",
            )?
            .map(|r| JobId(r.get(0))))
    }

    fn add_job_file(&mut self, id: JobId, chunk: &[u8]) -> StoreResult<()> {
        self.execute(
            "INSERT INTO job_files (job_id, seq, chunk)
             VALUES ($1, (SELECT COALESCE(MAX(seq), 0) + 1 FROM job_files WHERE job_id = $1), $2)",
            &[&id.0, &chunk],
            "cannot keep a job's file",
        )
        .map(drop)
    }

    fn job(&mut self, id: JobId) -> StoreResult<Option<Job>> {
        job(&mut self.client, id)
    }

    fn complete_job(&mut self, claim: Claim, now: DateTime<Utc>, result: Option<&str>) -> StoreResult<bool> {
        self.execute(
            "UPDATE jobs SET status = 'done', finished_at = $3, result = $4, lease_until = NULL,
                    progress_done = COALESCE(progress_total, progress_done)
             WHERE id = $1 AND attempts = $2 AND status = 'running'",
            &[&claim.id.0, &attempt(claim), &now.timestamp(), &result],
            "cannot finish a job",
        )
        .map(|n| n == 1)
    }

    /// One statement for the lot: a round trip per job would cost more than the jobs.
    fn complete_jobs(&mut self, done: &[(Claim, Option<String>)], now: DateTime<Utc>) -> StoreResult<Vec<bool>> {
        let ids: Vec<i64> = done.iter().map(|(c, _)| c.id.0).collect();
        let attempts: Vec<i32> = done.iter().map(|(c, _)| attempt(*c)).collect();
        let results: Vec<Option<&str>> = done.iter().map(|(_, r)| r.as_deref()).collect();
        let rows = self
            .client
            .query(
                "UPDATE jobs SET status = 'done', finished_at = $4, result = d.result, lease_until = NULL,
                        progress_done = COALESCE(progress_total, progress_done)
                 FROM unnest($1::bigint[], $2::int[], $3::text[]) AS d(id, attempt, result)
                 WHERE jobs.id = d.id AND jobs.attempts = d.attempt AND jobs.status = 'running'
                 RETURNING jobs.id",
                &[&ids, &attempts, &results, &now.timestamp()],
            )
            .ctx("cannot finish jobs")?;
        let finished: std::collections::HashSet<i64> = rows.iter().map(|r| r.get(0)).collect();
        Ok(ids.iter().map(|id| finished.contains(id)).collect())
    }

    fn retry_job(&mut self, id: JobId, now: DateTime<Utc>) -> StoreResult<bool> {
        let retried = self.client.execute(
            "UPDATE jobs SET status = 'queued', attempts = 0, run_at = $2, finished_at = NULL, lease_until = NULL
             WHERE id = $1 AND status IN ('dead', 'failed', 'cancelled')",
            &[&id.0, &now.timestamp()],
        );
        match retried {
            Err(e) if e.code() == Some(&SqlState::UNIQUE_VIOLATION) => Err(StoreError::Conflict(format!(
                "job {id} cannot run again: a job doing the same work is waiting or running"
            ))),
            other => other.map(|n| n == 1).ctx("cannot retry a job"),
        }
    }

    fn cancel_job(&mut self, id: JobId, now: DateTime<Utc>) -> StoreResult<bool> {
        self.client
            .execute(
                "UPDATE jobs SET status = 'cancelled', finished_at = $2 WHERE id = $1 AND status IN ('queued', 'failed')",
                &[&id.0, &now.timestamp()],
            )
            .map(|n| n == 1)
            .ctx("cannot cancel a job")
    }

    fn prune_jobs(&mut self, files_before: DateTime<Utc>, jobs_before: DateTime<Utc>) -> StoreResult<(u64, u64)> {
        let files = self.execute(
            "DELETE FROM job_files WHERE job_id IN (SELECT id FROM jobs
                WHERE status IN ('done', 'dead', 'cancelled') AND finished_at < $1)",
            &[&files_before.timestamp()],
            "cannot forget finished jobs' files",
        )?;
        let jobs = self.execute(
            "DELETE FROM jobs WHERE status IN ('done', 'dead', 'cancelled') AND finished_at < $1",
            &[&jobs_before.timestamp()],
            "cannot forget finished jobs",
        )?;
        Ok((files, jobs))
    }

    fn claim_occurrence(&mut self, schedule: &str, occurrence: DateTime<Utc>) -> StoreResult<bool> {
        self.execute(
            "INSERT INTO job_schedules (name, last_occurrence) VALUES ($1, $2)
             ON CONFLICT (name) DO UPDATE SET last_occurrence = excluded.last_occurrence
             WHERE job_schedules.last_occurrence < excluded.last_occurrence",
            &[&schedule, &occurrence.timestamp()],
            "cannot record a schedule's occurrence",
        )
        .map(|n| n == 1)
    }
}
