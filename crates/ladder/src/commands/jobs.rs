//! `ladder jobs`: the background jobs, as the web app's jobs page shows them; retry and cancel go through
//! the same use-cases (and audit) as its buttons.

use super::Ctx;
use crate::cli::{Format, FormatArg};
use crate::output::{Grid, or_dash, print};
use anyhow::{Result, bail};
use clap::Subcommand;
use ladder_store::{Job, JobId, JobQuery, JobStatus};

#[derive(Debug, Subcommand)]
pub enum JobsCommand {
    /// Recent jobs, newest first.
    List {
        /// Only jobs in this status: queued, running, done, failed, dead or cancelled.
        #[arg(long)]
        status: Option<String>,
        /// Only jobs of this kind: score, import.
        #[arg(long)]
        kind: Option<String>,
        /// At most this many.
        #[arg(long, default_value_t = 50)]
        limit: u32,
        #[command(flatten)]
        format: FormatArg,
    },
    /// One job: its status, attempts, progress, result or last error.
    Show {
        /// The job's id.
        id: i64,
        #[command(flatten)]
        format: FormatArg,
    },
    /// Puts a failed, dead or cancelled job back in the queue with fresh attempts.
    Retry {
        /// The job's id.
        id: i64,
    },
    /// Cancels a job that has not started.
    Cancel {
        /// The job's id.
        id: i64,
    },
}

fn progress(job: &Job) -> String {
    match (job.progress_done, job.progress_total) {
        (Some(done), Some(total)) => format!("{done} of {total}"),
        (Some(done), None) => done.to_string(),
        _ => "–".to_owned(),
    }
}

fn grid(jobs: &[Job]) -> Grid {
    let mut grid = Grid::new(
        vec!["id", "kind", "status", "attempts", "progress", "created", "finished", "last error"],
        vec![0, 3],
    );
    for j in jobs {
        grid.push(vec![
            j.id.to_string(),
            j.kind.clone(),
            j.status.as_str().to_owned(),
            format!("{}/{}", j.attempts, j.max_attempts),
            progress(j),
            j.created_at.format("%Y-%m-%d %H:%M:%S").to_string(),
            or_dash(j.finished_at.map(|t| t.format("%Y-%m-%d %H:%M:%S"))),
            or_dash(j.last_error.as_deref().filter(|_| j.status != JobStatus::Done)),
        ]);
    }
    grid
}

pub fn run(ctx: &Ctx, command: JobsCommand) -> Result<()> {
    match command {
        JobsCommand::List { status, kind, limit, format } => {
            let status = super::parse_choice("status", status.as_deref(), JobStatus::parse, JobStatus::names())?;
            let store = ctx.store(false)?;
            let jobs = store.jobs(&JobQuery { status, kind, limit })?;
            print(format.format, &jobs, &[("", &grid(&jobs))], &[])
        }
        JobsCommand::Show { id, format } => {
            let store = ctx.store(false)?;
            let Some(job) = store.job(JobId(id))? else {
                bail!("no job {id}; `ladder jobs list` shows the recent ones")
            };
            if format.format == Format::Json {
                return print(Format::Json, &job, &[], &[]);
            }
            let mut notes = Vec::new();
            if let Some(result) = job.result.as_deref().filter(|_| job.status == JobStatus::Done) {
                notes.push(format!("Result: {result}"));
            }
            if let Some(worker) = &job.worker {
                notes.push(format!("Last worker: {worker}."));
            }
            print(format.format, &job, &[("", &grid(std::slice::from_ref(&job)))], &notes)
        }
        JobsCommand::Retry { id } => {
            let app = ctx.app(false)?;
            if !ladder_app::jobs::retry(&app, &ctx.actor(), JobId(id)).map_err(|e| ctx.fail(e))? {
                bail!("job {id} is queued, running or done; only failed, dead or cancelled jobs are retried");
            }
            eprintln!("Job {id} is back in the queue.");
            Ok(())
        }
        JobsCommand::Cancel { id } => {
            let app = ctx.app(false)?;
            if !ladder_app::jobs::cancel(&app, &ctx.actor(), JobId(id)).map_err(|e| ctx.fail(e))? {
                bail!("job {id} has started or ended; only a job that has not started is cancelled");
            }
            eprintln!("Job {id} is cancelled.");
            Ok(())
        }
    }
}
