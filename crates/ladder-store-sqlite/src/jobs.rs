//! The job queue on SQLite: claims are one `UPDATE … RETURNING` inside `BEGIN IMMEDIATE` (the writer
//! lock), which makes them exclusive without `SKIP LOCKED`; the partial index of due jobs is read in
//! priority order and stops at the batch's size. A heartbeat writes only when the writer is free: while
//! an import holds it, no other worker can claim anything either, and the job is marked done in the
//! import's own unit of work.

use crate::accounts::time;
use crate::tx::SqliteTx;
use crate::{Context, SqliteStore};
use chrono::{DateTime, Utc};
use ladder_store::{
    Claim, Job, JobId, JobQuery, JobStatus, JobStore, JobTx, NewJob, Progress, Renewal, StoreError, StoreResult,
};
use rusqlite::{Connection, OptionalExtension, Row, params};

const JOB_COLUMNS: &str = "id, kind, payload, status, priority, run_at, attempts, max_attempts, lease_until, worker, \
     last_error, progress_done, progress_total, result, dedupe_key, created_at, started_at, finished_at";

/// What a job's worker writes when its lease ran out without the job finishing.
const LEASE_EXPIRED: &str = "the worker stopped before finishing (its lease ran out)";

fn count(v: Option<i64>) -> Option<u64> {
    v.map(|v| u64::try_from(v).unwrap_or(0))
}

fn job_from(r: &Row<'_>) -> rusqlite::Result<Job> {
    let status: String = r.get(3)?;
    let status = JobStatus::parse(&status).ok_or_else(|| {
        rusqlite::Error::FromSqlConversionFailure(
            3,
            rusqlite::types::Type::Text,
            format!("job status {status:?}").into(),
        )
    })?;
    Ok(Job {
        id: JobId(r.get(0)?),
        kind: r.get(1)?,
        payload: r.get(2)?,
        status,
        priority: r.get(4)?,
        run_at: time(r.get(5)?),
        attempts: r.get(6)?,
        max_attempts: r.get(7)?,
        lease_until: r.get::<_, Option<i64>>(8)?.map(time),
        worker: r.get(9)?,
        last_error: r.get(10)?,
        progress_done: count(r.get(11)?),
        progress_total: count(r.get(12)?),
        result: r.get(13)?,
        dedupe_key: r.get(14)?,
        created_at: time(r.get(15)?),
        started_at: r.get::<_, Option<i64>>(16)?.map(time),
        finished_at: r.get::<_, Option<i64>>(17)?.map(time),
    })
}

fn job(conn: &Connection, id: JobId) -> StoreResult<Option<Job>> {
    conn.prepare_cached(&format!("SELECT {JOB_COLUMNS} FROM jobs WHERE id = ?1"))
        .and_then(|mut s| s.query_row([id.0], job_from).optional())
        .ctx("cannot read a job")
}

impl JobStore for SqliteStore {
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
            // A job whose worker died goes back to the queue, or is dead after its last attempt.
            c.prepare_cached(
                "UPDATE jobs SET status = CASE WHEN attempts >= max_attempts THEN 'dead' ELSE 'queued' END,
                        finished_at = CASE WHEN attempts >= max_attempts THEN ?1 END,
                        run_at = ?1, lease_until = NULL, last_error = ?2
                 WHERE status = 'running' AND lease_until < ?1",
            )
            .and_then(|mut s| s.execute(params![now, LEASE_EXPIRED]))
            .ctx(what)?;
            let mut jobs: Vec<Job> = c
                .prepare_cached(&format!(
                    "UPDATE jobs SET status = 'running', attempts = attempts + 1, lease_until = ?2, worker = ?3,
                            started_at = ?1
                     WHERE id IN (SELECT id FROM jobs WHERE status IN ('queued', 'failed') AND run_at <= ?1
                                  ORDER BY priority DESC, run_at, id LIMIT ?4)
                     RETURNING {JOB_COLUMNS}"
                ))
                .and_then(|mut s| {
                    s.query_map(params![now, lease_until.timestamp(), worker, limit], job_from)?.collect()
                })
                .ctx(what)?;
            jobs.sort_by(|a, b| (b.priority, a.run_at, a.id).cmp(&(a.priority, b.run_at, b.id)));
            Ok(jobs)
        })
    }

    fn renew_lease(&self, claim: Claim, until: DateTime<Utc>, progress: Option<Progress>) -> StoreResult<Renewal> {
        let Some(tx) = self.writer_now()? else { return Ok(Renewal { renewed: false, busy: true }) };
        let renewed = tx
            .conn()
            .prepare_cached(
                "UPDATE jobs SET lease_until = ?3, progress_done = COALESCE(?4, progress_done),
                        progress_total = COALESCE(?5, progress_total)
                 WHERE id = ?1 AND attempts = ?2 AND status = 'running'",
            )
            .and_then(|mut s| {
                s.execute(params![
                    claim.id.0,
                    claim.attempt,
                    until.timestamp(),
                    progress.map(|p| i64::try_from(p.done).unwrap_or(i64::MAX)),
                    progress.and_then(|p| p.total).map(|t| i64::try_from(t).unwrap_or(i64::MAX)),
                ])
            })
            .ctx("cannot renew a job's lease")?
            == 1;
        ladder_store::Tx::commit(Box::new(tx))?;
        Ok(Renewal { renewed, busy: false })
    }

    fn fail_job(
        &self,
        claim: Claim,
        now: DateTime<Utc>,
        error: &str,
        retry_at: Option<DateTime<Utc>>,
    ) -> StoreResult<bool> {
        self.write(|c| {
            c.prepare_cached(
                "UPDATE jobs SET status = CASE WHEN ?4 IS NULL THEN 'dead' ELSE 'failed' END,
                        run_at = COALESCE(?4, run_at), finished_at = CASE WHEN ?4 IS NULL THEN ?3 END,
                        last_error = ?5, lease_until = NULL
                 WHERE id = ?1 AND attempts = ?2 AND status = 'running'",
            )
            .and_then(|mut s| {
                s.execute(params![claim.id.0, claim.attempt, now.timestamp(), retry_at.map(|t| t.timestamp()), error])
            })
            .map(|n| n == 1)
            .ctx("cannot record a failed job")
        })
    }

    fn job(&self, id: JobId) -> StoreResult<Option<Job>> {
        self.read(|c| job(c, id))
    }

    fn jobs(&self, query: &JobQuery) -> StoreResult<Vec<Job>> {
        self.read(|c| {
            c.prepare_cached(&format!(
                "SELECT {JOB_COLUMNS} FROM jobs WHERE (?1 IS NULL OR status = ?1) AND (?2 IS NULL OR kind = ?2)
                 ORDER BY id DESC LIMIT ?3"
            ))
            .and_then(|mut s| {
                s.query_map(params![query.status.map(JobStatus::as_str), query.kind, query.limit], job_from)?.collect()
            })
            .ctx("cannot list jobs")
        })
    }

    fn next_job_due(&self) -> StoreResult<Option<DateTime<Utc>>> {
        self.read(|c| {
            c.query_row(
                "SELECT MIN(t) FROM (SELECT MIN(run_at) AS t FROM jobs WHERE status IN ('queued', 'failed')
                                     UNION ALL SELECT MIN(lease_until) FROM jobs WHERE status = 'running')",
                [],
                |r| r.get::<_, Option<i64>>(0),
            )
            .map(|t| t.map(time))
            .ctx("cannot read the queue")
        })
    }

    fn job_file(&self, id: JobId, sink: &mut dyn FnMut(&[u8]) -> StoreResult<()>) -> StoreResult<()> {
        let what = "cannot read a job's file";
        self.read(|c| {
            let mut stmt = c.prepare_cached("SELECT chunk FROM job_files WHERE job_id = ?1 ORDER BY seq").ctx(what)?;
            let mut rows = stmt.query([id.0]).ctx(what)?;
            while let Some(r) = rows.next().ctx(what)? {
                sink(r.get_ref(0).and_then(|v| Ok(v.as_blob()?)).ctx(what)?)?;
            }
            Ok(())
        })
    }
}

impl JobTx for SqliteTx<'_> {
    fn enqueue(&mut self, j: &NewJob, now: DateTime<Utc>) -> StoreResult<Option<JobId>> {
        self.conn()
            .prepare_cached(
                "INSERT INTO jobs (kind, payload, status, priority, run_at, max_attempts, dedupe_key, created_at)
                 VALUES (?1, ?2, 'queued', ?3, ?4, ?5, ?6, ?7) ON CONFLICT DO NOTHING RETURNING id",
            )
            .and_then(|mut s| {
                s.query_row(
                    params![
                        j.kind,
                        j.payload,
                        j.priority,
                        j.run_at.timestamp(),
                        j.max_attempts,
                        j.dedupe_key,
                        now.timestamp()
                    ],
                    |r| r.get(0).map(JobId),
                )
                .optional()
            })
            .ctx("cannot enqueue a job")
    }

    fn add_job_file(&mut self, id: JobId, chunk: &[u8]) -> StoreResult<()> {
        self.conn()
            .prepare_cached(
                "INSERT INTO job_files (job_id, seq, chunk)
                 VALUES (?1, (SELECT COALESCE(MAX(seq), 0) + 1 FROM job_files WHERE job_id = ?1), ?2)",
            )
            .and_then(|mut s| s.execute(params![id.0, chunk]))
            .ctx("cannot keep a job's file")
            .map(drop)
    }

    fn job(&mut self, id: JobId) -> StoreResult<Option<Job>> {
        job(self.conn(), id)
    }

    fn complete_job(&mut self, claim: Claim, now: DateTime<Utc>, result: Option<&str>) -> StoreResult<bool> {
        self.conn()
            .prepare_cached(
                "UPDATE jobs SET status = 'done', finished_at = ?3, result = ?4, lease_until = NULL,
                        progress_done = COALESCE(progress_total, progress_done)
                 WHERE id = ?1 AND attempts = ?2 AND status = 'running'",
            )
            .and_then(|mut s| s.execute(params![claim.id.0, claim.attempt, now.timestamp(), result]))
            .map(|n| n == 1)
            .ctx("cannot finish a job")
    }

    fn retry_job(&mut self, id: JobId, now: DateTime<Utc>) -> StoreResult<bool> {
        let retried = self.conn().execute(
            "UPDATE jobs SET status = 'queued', attempts = 0, run_at = ?2, finished_at = NULL, lease_until = NULL
             WHERE id = ?1 AND status IN ('dead', 'failed', 'cancelled')",
            params![id.0, now.timestamp()],
        );
        match retried {
            Err(e) if crate::accounts::is_unique_violation(&e) => Err(StoreError::Conflict(format!(
                "job {id} cannot run again: a job doing the same work is waiting or running"
            ))),
            other => other.map(|n| n == 1).ctx("cannot retry a job"),
        }
    }

    fn cancel_job(&mut self, id: JobId, now: DateTime<Utc>) -> StoreResult<bool> {
        self.conn()
            .execute(
                "UPDATE jobs SET status = 'cancelled', finished_at = ?2 WHERE id = ?1 AND status IN ('queued', 'failed')",
                params![id.0, now.timestamp()],
            )
            .map(|n| n == 1)
            .ctx("cannot cancel a job")
    }

    fn prune_jobs(&mut self, files_before: DateTime<Utc>, jobs_before: DateTime<Utc>) -> StoreResult<(u64, u64)> {
        let what = "cannot forget finished jobs";
        let files = self
            .conn()
            .execute(
                "DELETE FROM job_files WHERE job_id IN (SELECT id FROM jobs
                    WHERE status IN ('done', 'dead', 'cancelled') AND finished_at < ?1)",
                [files_before.timestamp()],
            )
            .ctx(what)?;
        let jobs = self
            .conn()
            .execute(
                "DELETE FROM jobs WHERE status IN ('done', 'dead', 'cancelled') AND finished_at < ?1",
                [jobs_before.timestamp()],
            )
            .ctx(what)?;
        Ok((files as u64, jobs as u64))
    }

    fn claim_occurrence(&mut self, schedule: &str, occurrence: DateTime<Utc>) -> StoreResult<bool> {
        self.conn()
            .prepare_cached(
                "INSERT INTO job_schedules (name, last_occurrence) VALUES (?1, ?2)
                 ON CONFLICT (name) DO UPDATE SET last_occurrence = excluded.last_occurrence
                 WHERE job_schedules.last_occurrence < excluded.last_occurrence",
            )
            .and_then(|mut s| s.execute(params![schedule, occurrence.timestamp()]))
            .map(|n| n == 1)
            .ctx("cannot record a schedule's occurrence")
    }
}
