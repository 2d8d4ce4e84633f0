//! `ladder bench`: generates a shop as CSV files, then measures the import of each file, the scoring, the
//! next night's scoring, the playbooks' day and the club enrolling everyone from scratch, printing rows
//! per second and each phase's peak memory (resident set, from /proc on Linux);
//! `ladder bench jobs` measures the job queue, `ladder bench broadcast` and `ladder bench smtp` the
//! messaging paths, `ladder bench club` the till under load.

mod club;
mod jobs;
mod messages;

use super::Ctx;
use crate::cli::{Format, FormatArg};
use crate::output::{Grid, print};
use anyhow::{Context, Result};
use chrono::Utc;
use clap::{Args, Subcommand};
use ladder_app::demo::{CSV_FILES, CsvSink, DemoOptions, generate};
use ladder_app::import::{ImportKind, ImportOptions, import_file};
use ladder_domain::Currency;
use serde::Serialize;
use std::path::PathBuf;
use std::time::Instant;

#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct BenchArgs {
    #[command(subcommand)]
    pub what: Option<BenchWhat>,
    /// Customers in the generated shop (about 4.5 order lines each).
    #[arg(long, default_value_t = 1_000_000)]
    pub customers: u64,
    /// Lines of an everyday order, times N (3: about ten order lines a customer, the 1M-customer,
    /// 10M-line shop).
    #[arg(long, default_value_t = 1, value_name = "N")]
    pub basket: usize,
    /// Working folder for the CSV files and the database (default: a new temporary folder).
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
    /// Random seed of the generated shop.
    #[arg(long, default_value_t = 7)]
    pub seed: u64,
    /// Measure on this empty PostgreSQL database (postgres://…) instead of a new SQLite file.
    #[arg(long, value_name = "URL")]
    pub postgres: Option<String>,
    #[command(flatten)]
    pub format: FormatArg,
}

#[derive(Debug, Subcommand)]
pub enum BenchWhat {
    /// Enqueues no-op jobs, then claims and completes them with 1 and 2 workers: jobs per second.
    Jobs(jobs::JobsBenchArgs),
    /// A personalised broadcast to every customer of a generated shop: decided and enqueued per second.
    Broadcast(messages::BroadcastBenchArgs),
    /// Email to an SMTP sink through Ladder's transport, unsigned and DKIM-signed, beside smtp-source.
    Smtp(messages::SmtpBenchArgs),
    /// The till under load on an imported shop (`--database`): balance lookups by card and redemptions
    /// from 32 clients at once, with their p50, p95 and p99.
    Club(club::ClubBenchArgs),
}

#[derive(Serialize)]
struct Phase {
    phase: String,
    rows: u64,
    seconds: f64,
    rows_per_second: f64,
    peak_memory_mib: Option<f64>,
}

/// Resets the peak resident set size of this process (Linux), so each phase's peak is its own.
fn reset_peak_memory() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

/// The peak resident set size since the last reset, in MiB (Linux).
fn peak_memory_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024.0)
}

fn measure<T>(phase: &str, rows: impl Fn(&T) -> u64, work: impl FnOnce() -> Result<T>) -> Result<Phase> {
    reset_peak_memory();
    let started = Instant::now();
    let value = work()?;
    let seconds = started.elapsed().as_secs_f64();
    let rows = rows(&value);
    let phase = Phase {
        phase: phase.to_owned(),
        rows,
        seconds,
        rows_per_second: rows as f64 / seconds.max(1e-9),
        peak_memory_mib: peak_memory_mib(),
    };
    eprintln!(
        "{:<22} {:>11} rows in {:>7.2} s  {:>10.0} rows/s",
        phase.phase, phase.rows, phase.seconds, phase.rows_per_second
    );
    Ok(phase)
}

pub fn run(ctx: &Ctx, args: &BenchArgs) -> Result<()> {
    match &args.what {
        Some(BenchWhat::Jobs(jobs)) => return jobs::run(jobs),
        Some(BenchWhat::Broadcast(b)) => return messages::broadcast(ctx, b),
        Some(BenchWhat::Smtp(s)) => return messages::smtp(s),
        Some(BenchWhat::Club(c)) => return club::run(ctx, c),
        None => {}
    }
    let bar = &ctx.bar;
    let (dir, temporary) = match &args.dir {
        Some(d) => (d.clone(), false),
        None => (std::env::temp_dir().join(format!("ladder-bench-{}", std::process::id())), true),
    };
    std::fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let db = dir.join("bench.db");
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", db.display()));
    }
    let options = DemoOptions {
        seed: args.seed,
        customers: args.customers,
        as_of: Utc::now().date_naive(),
        currency: Currency::parse("USD")?,
        basket: args.basket,
    };
    let mut phases = Vec::new();
    phases.push(measure(
        "generate CSV",
        |c: &ladder_app::demo::DemoCounts| c.order_lines,
        || {
            let mut sink = CsvSink::create(&dir)?;
            let counts = generate(&options, &mut sink, bar)?;
            sink.finish()?;
            Ok(counts)
        },
    )?);
    let target = args.postgres.clone().unwrap_or_else(|| db.display().to_string());
    let app = ladder_app::App::new(super::open_store(&target, true)?);
    let store = app.store();
    let existing = store.counts()?.customers;
    if existing > 0 {
        anyhow::bail!(
            "the benchmark needs an empty database, and {} holds {existing} customers",
            ladder_store_postgres::redact(&target)
        );
    }
    let import_options = ImportOptions { lang: ctx.lang(), ..ImportOptions::default() };
    for (file, kind) in CSV_FILES.iter().zip([ImportKind::Customers, ImportKind::Orders, ImportKind::Interactions]) {
        let path = dir.join(file);
        phases.push(measure(
            &format!("import {file}"),
            |s: &ladder_app::import::ImportSummary| s.read,
            || Ok(import_file(&app, &ctx.actor(), kind, &path, &import_options, bar)?),
        )?);
    }
    let order_lines = store.counts()?.order_lines;
    let score = |name: &str, as_of: chrono::NaiveDate| {
        measure(
            name,
            |s: &ladder_app::score::ScoreSummary| s.customers,
            || {
                Ok(ladder_app::score::score(
                    &app,
                    &ctx.actor(),
                    as_of,
                    &ladder_app::score::ScoreOptions::default(),
                    bar,
                )?)
            },
        )
    };
    let yesterday = options.as_of - chrono::Duration::days(1);
    phases.push(score("score", yesterday)?);
    // A shop's night: scored again the next day (its moves are the day's events), then the playbooks'
    // day — every starter over every customer, writing its runs, tasks and outbox rows.
    phases.push(score("nightly scoring, the next day", options.as_of)?);
    let written = std::cell::Cell::new((0, 0, 0));
    let customers = store.counts()?.customers;
    phases.push(measure(
        "playbooks: the day's evaluation of the starters",
        |_: &ladder_app::playbooks::Evaluation| customers,
        || {
            let day = ladder_app::playbooks::evaluate(&app, &ctx.actor(), options.as_of, false, bar)?;
            written.set(day.totals());
            Ok(day)
        },
    )?);
    // The club from scratch: every customer enrolled with all their orders counted, their whole points
    // history (earned, reversed, expired) and their tiers computed.
    let since = chrono::NaiveDate::from_ymd_opt(2000, 1, 1).expect("a day");
    phases.push(measure(
        "club: enrol everyone, points and tiers from scratch",
        |(enrolled, _): &(u64, ladder_app::club::Evaluation)| *enrolled,
        || Ok(ladder_app::club::enrol_everyone(&app, &ctx.actor(), since, bar)?),
    )?);
    let mut grid = Grid::new(vec!["phase", "rows", "seconds", "rows/s", "peak MiB"], vec![1, 2, 3, 4]);
    for p in &phases {
        grid.push(vec![
            p.phase.clone(),
            p.rows.to_string(),
            format!("{:.2}", p.seconds),
            format!("{:.0}", p.rows_per_second),
            p.peak_memory_mib.map_or("–".to_owned(), |m| format!("{m:.0}")),
        ]);
    }
    let backend = if args.postgres.is_some() { "PostgreSQL" } else { "SQLite" };
    let title = format!(
        "Ladder bench: {} customers, {order_lines} order lines, {backend} at {}",
        args.customers,
        ladder_store_postgres::redact(&target)
    );
    print(args.format.format, &phases, &[(&title, &grid)], &[])?;
    if args.format.format == Format::Table {
        let (runs, messages, tasks) = written.get();
        println!("The playbooks' day wrote {runs} runs, {messages} outbox rows and {tasks} tasks.");
    }
    if temporary {
        let _ = std::fs::remove_dir_all(&dir);
    } else if args.format.format == Format::Table {
        println!("Files kept in {}.", dir.display());
    }
    Ok(())
}
