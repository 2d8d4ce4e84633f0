//! `ladder bench jobs`: the job queue's throughput. No-op jobs are enqueued — one per unit of work, as a
//! change that causes one job does, and many per unit, as a change that causes many (a campaign's
//! messages) does — then claimed and completed by 1 and 2 workers, on a new SQLite file and, with
//! `--postgres`, on a PostgreSQL database. Run it with `LADDER_LOG=warn`: at `info` every job is logged.

use crate::cli::FormatArg;
use crate::output::{Grid, print};
use anyhow::{Result, bail};
use chrono::Utc;
use clap::Args;
use ladder_app::App;
use ladder_app::jobs::kind;
use ladder_app::jobs::worker::{Handlers, LiveJobs, Worker, WorkerOptions};
use ladder_store::{JobQuery, JobStatus, NewJob, Store};
use serde::Serialize;
use std::sync::Arc;
use std::time::Instant;

#[derive(Debug, Args)]
pub struct JobsBenchArgs {
    /// Jobs in each run.
    #[arg(long, default_value_t = 20_000)]
    pub jobs: u64,
    /// Worker counts to measure, separated by commas.
    #[arg(long, value_delimiter = ',', default_value = "1,2")]
    pub workers: Vec<usize>,
    /// Jobs a worker claims at once.
    #[arg(long, default_value_t = 64)]
    pub batch: u32,
    /// Jobs enqueued per unit of work in the bulk enqueue.
    #[arg(long, default_value_t = 1000)]
    pub per_unit: u64,
    /// Jobs enqueued one per unit of work, to measure that rate.
    #[arg(long, default_value_t = 2000)]
    pub single: u64,
    /// Also measure on this PostgreSQL database (postgres://…); the finished jobs stay in its queue.
    #[arg(long, value_name = "URL")]
    pub postgres: Option<String>,
    #[command(flatten)]
    pub format: FormatArg,
}

#[derive(Serialize)]
struct Run {
    backend: &'static str,
    workers: usize,
    jobs: u64,
    /// Jobs enqueued per second, one per unit of work.
    enqueued_one_per_unit_per_second: f64,
    /// Jobs enqueued per second, `per_unit` per unit of work.
    enqueued_in_bulk_per_second: f64,
    run_seconds: f64,
    /// Jobs claimed, run and marked done per second.
    run_per_second: f64,
}

pub fn run(args: &JobsBenchArgs) -> Result<()> {
    let dir = tempfile::tempdir()?;
    let mut runs = Vec::new();
    for &workers in &args.workers {
        let path = dir.path().join(format!("jobs-{workers}.db"));
        let store = super::super::open_store(&path.display().to_string(), true)?;
        runs.push(measure("SQLite", store, workers, args)?);
        if let Some(url) = &args.postgres {
            runs.push(measure("PostgreSQL", super::super::open_store(url, true)?, workers, args)?);
        }
    }
    let mut grid = Grid::new(
        vec!["backend", "workers", "jobs", "enqueued/s, 1 per unit", "enqueued/s, in bulk", "run s", "run jobs/s"],
        vec![1, 2, 3, 4, 5, 6],
    );
    for r in &runs {
        grid.push(vec![
            r.backend.to_owned(),
            r.workers.to_string(),
            r.jobs.to_string(),
            format!("{:.0}", r.enqueued_one_per_unit_per_second),
            format!("{:.0}", r.enqueued_in_bulk_per_second),
            format!("{:.2}", r.run_seconds),
            format!("{:.0}", r.run_per_second),
        ]);
    }
    let title = format!(
        "Ladder bench jobs: {} no-op jobs per run ({} per unit of work in bulk), claimed {} at a time",
        args.jobs, args.per_unit, args.batch
    );
    print(args.format.format, &runs, &[(&title, &grid)], &[])
}

fn measure(backend: &'static str, store: Arc<dyn Store>, workers: usize, args: &JobsBenchArgs) -> Result<Run> {
    let app = App::new(store);
    let job = || NewJob {
        kind: kind::NOOP.to_owned(),
        payload: "{}".to_owned(),
        run_at: Utc::now(),
        priority: 0,
        max_attempts: 3,
        dedupe_key: None,
    };
    let started = Instant::now();
    for _ in 0..args.single {
        let mut tx = app.store().begin()?;
        tx.enqueue(&job(), Utc::now())?;
        tx.commit()?;
    }
    let single_seconds = started.elapsed().as_secs_f64();
    let started = Instant::now();
    let mut left = args.jobs.saturating_sub(args.single);
    while left > 0 {
        let mut tx = app.store().begin()?;
        for _ in 0..left.min(args.per_unit.max(1)) {
            tx.enqueue(&job(), Utc::now())?;
            left -= 1;
        }
        tx.commit()?;
    }
    let bulk_seconds = started.elapsed().as_secs_f64();
    let bulk = args.jobs.saturating_sub(args.single);
    let handlers = Arc::new(Handlers::standard());
    let live = Arc::new(LiveJobs::default());
    let options = WorkerOptions { batch: args.batch, ..WorkerOptions::default() };
    let started = Instant::now();
    let ran: Vec<Result<u64, ladder_app::AppError>> = std::thread::scope(|scope| {
        let threads: Vec<_> = (0..workers)
            .map(|n| {
                let worker =
                    Worker::new(app.clone(), format!("bench-{n}"), handlers.clone(), live.clone(), options.clone());
                scope.spawn(move || worker.run_due())
            })
            .collect();
        threads.into_iter().map(|t| t.join().expect("a worker thread")).collect()
    });
    let run_seconds = started.elapsed().as_secs_f64();
    let ran: u64 = ran.into_iter().sum::<Result<u64, _>>()?;
    for status in [JobStatus::Queued, JobStatus::Running, JobStatus::Failed, JobStatus::Dead] {
        let left = app.store().jobs(&JobQuery { status: Some(status), kind: Some(kind::NOOP.to_owned()), limit: 1 })?;
        if !left.is_empty() {
            bail!("{backend}: a job is still {} after the run; the queue lost track of it", status.as_str());
        }
    }
    eprintln!(
        "{backend:<10} {workers} worker(s): enqueued {} one by one in {single_seconds:.2} s and {bulk} in bulk in \
         {bulk_seconds:.2} s, ran {ran} in {run_seconds:.2} s",
        args.single
    );
    Ok(Run {
        backend,
        workers,
        jobs: args.jobs,
        enqueued_one_per_unit_per_second: args.single as f64 / single_seconds.max(1e-9),
        enqueued_in_bulk_per_second: bulk as f64 / bulk_seconds.max(1e-9),
        run_seconds,
        run_per_second: ran as f64 / run_seconds.max(1e-9),
    })
}
