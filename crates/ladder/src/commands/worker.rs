//! `ladder worker`: runs the background jobs as they come due, `--concurrency` at a time, until Ctrl-C or
//! SIGTERM; with `--once`, drains what is due now and exits. The nightly scoring's schedule runs in every
//! worker; each occurrence is enqueued once however many run.

use super::Ctx;
use anyhow::Result;
use clap::Args;
use ladder_app::App;
use ladder_app::jobs::schedule;
use ladder_app::jobs::worker::{LiveJobs, Worker, WorkerOptions};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

#[derive(Debug, Args)]
pub struct WorkerArgs {
    /// Run the jobs due now, then exit.
    #[arg(long)]
    pub once: bool,
    /// Jobs run side by side [env: LADDER_WORKER_CONCURRENCY] [default: 1].
    #[arg(long, value_name = "N")]
    pub concurrency: Option<usize>,
    /// How long a claimed job is held before another worker may take it over [default: 30].
    #[arg(long, value_name = "SECONDS", hide = true)]
    pub lease_seconds: Option<u64>,
}

/// How the configuration says workers work.
pub fn options(ctx: &Ctx) -> WorkerOptions {
    let lease = Duration::from_secs(ctx.config.lease_seconds);
    WorkerOptions { lease, heartbeat: lease / 3, ..WorkerOptions::default() }
}

/// Workers running on threads of this process.
pub struct Pool {
    stop: Arc<AtomicBool>,
    threads: Vec<std::thread::JoinHandle<()>>,
}

impl Pool {
    /// Starts `worker.concurrency` workers, the first of them also running the schedules.
    pub fn start(ctx: &Ctx, app: &App, live: Arc<LiveJobs>) -> Result<Pool> {
        let schedules = schedules(ctx)?;
        let handlers = Arc::new(crate::channels::handlers(&ctx.config, app)?);
        let stop = Arc::new(AtomicBool::new(false));
        let mut threads = Vec::new();
        for n in 0..ctx.config.concurrency {
            let worker = Worker::new(app.clone(), Worker::name_for(n), handlers.clone(), live.clone(), options(ctx));
            let worker = if n == 0 { worker.with_schedules(schedules.clone()) } else { worker };
            let stop = stop.clone();
            let thread =
                std::thread::Builder::new().name(format!("worker-{n}")).spawn(move || worker.run_until(&stop))?;
            threads.push(thread);
        }
        if let Some(dispatcher) = crate::channels::dispatcher(&ctx.config, app)? {
            let stop = stop.clone();
            threads.push(
                std::thread::Builder::new().name("delivery".into()).spawn(move || deliver_until(&dispatcher, &stop))?,
            );
            tracing::info!(in_flight = ctx.config.messaging.in_flight, "the outbox is sent from this process");
        }
        tracing::info!(workers = threads.len(), nightly_scoring = %ctx.config.nightly_scoring,
            housekeeping = %ctx.config.housekeeping, "workers started");
        Ok(Pool { stop, threads })
    }

    /// Asks the workers to stop after their running job, and waits for them.
    pub fn stop(self) {
        self.stop.store(true, Ordering::Relaxed);
        for thread in self.threads {
            let _ = thread.join();
        }
    }
}

/// Sends the outbox as messages come due until `stop` is set; a store that cannot be reached is looked
/// at again in a moment.
fn deliver_until(dispatcher: &ladder_app::delivery::Dispatcher, stop: &AtomicBool) {
    while !stop.load(Ordering::Relaxed) {
        let idle = match dispatcher.deliver_batch() {
            Ok((claimed, report)) => {
                if claimed > 0 {
                    tracing::info!(
                        sent = report.sent,
                        skipped = report.skipped,
                        failed = report.failed,
                        retried = report.retried,
                        "messages delivered"
                    );
                }
                claimed == 0
            }
            Err(e) => {
                tracing::warn!(error = %ladder_app::error_chain(&e), "the outbox cannot be read now");
                true
            }
        };
        if idle {
            for _ in 0..25 {
                if stop.load(Ordering::Relaxed) {
                    break;
                }
                std::thread::sleep(Duration::from_millis(20));
            }
        }
    }
}

pub fn run(ctx: &Ctx, args: &WorkerArgs) -> Result<()> {
    let app = ctx.app(false)?;
    let live = Arc::new(LiveJobs::default());
    if args.once {
        let schedules = schedules(ctx)?;
        let handlers = Arc::new(crate::channels::handlers(&ctx.config, &app)?);
        let worker =
            Worker::new(app.clone(), Worker::name_for(0), handlers, live, options(ctx)).with_schedules(schedules);
        let ran = worker.run_due().map_err(|e| ctx.fail(e))?;
        eprintln!("Ran {ran} job{}.", if ran == 1 { "" } else { "s" });
        if let Some(dispatcher) = crate::channels::dispatcher(&ctx.config, &app)? {
            let report = dispatcher.deliver_due().map_err(|e| ctx.fail(e))?;
            eprintln!(
                "Sent {} message{}; {} skipped, {} failed, {} to try again.",
                report.sent,
                if report.sent == 1 { "" } else { "s" },
                report.skipped,
                report.failed,
                report.retried
            );
        }
        return Ok(());
    }
    let pool = Pool::start(ctx, &app, live)?;
    eprintln!("Working on the jobs of {} (Ctrl-C stops after the running jobs).", ctx.shown_database());
    crate::shutdown::wait()?;
    eprintln!("Stopping after the running jobs…");
    pool.stop();
    Ok(())
}

/// The schedules a worker runs: the nightly scoring, housekeeping and the playbooks' day.
fn schedules(ctx: &Ctx) -> Result<Vec<schedule::Schedule>> {
    let mut schedules =
        schedule::standard(&ctx.config.nightly_scoring, &ctx.config.housekeeping).map_err(|e| anyhow::anyhow!(e))?;
    schedules.extend(schedule::playbooks(&ctx.config.playbooks).map_err(|e| anyhow::anyhow!(e))?);
    // The digest goes by mail: without a mail server there is nothing to schedule.
    if ctx.config.messaging.smtp_url.is_some() && ctx.config.messaging.mail_from.is_some() {
        schedules.extend(schedule::task_digest(&ctx.config.task_digest).map_err(|e| anyhow::anyhow!(e))?);
    }
    Ok(schedules)
}
