//! `ladder bench club`: the till's two calls under load, on a shop already imported (the database
//! `ladder bench --dir DIR` keeps): a balance lookup by card number (the member, their tier, perks and
//! points) and a redemption of one point with its own idempotency key, each from `--clients` threads at
//! once for `--seconds`, through the same use-cases the API calls. Enrols everyone first when the shop has
//! no members (measured too).

use super::super::Ctx;
use crate::cli::FormatArg;
use crate::output::{Grid, print};
use anyhow::{Result, bail};
use clap::Args;
use ladder_app::club::{self, Redemption};
use ladder_store::CustomerId;
use serde::Serialize;
use std::time::{Duration, Instant};

#[derive(Debug, Args)]
pub struct ClubBenchArgs {
    /// Concurrent clients (tills).
    #[arg(long, default_value_t = 32)]
    pub clients: usize,
    /// Seconds each phase runs.
    #[arg(long, default_value_t = 10)]
    pub seconds: u64,
    /// Cards sampled to look up and redeem from.
    #[arg(long, default_value_t = 20_000)]
    pub cards: usize,
    #[command(flatten)]
    pub format: FormatArg,
}

#[derive(Serialize)]
struct Latency {
    phase: String,
    clients: usize,
    requests: usize,
    per_second: f64,
    p50_ms: f64,
    p95_ms: f64,
    p99_ms: f64,
    max_ms: f64,
}

fn latency(phase: &str, clients: usize, seconds: f64, mut times: Vec<Duration>) -> Latency {
    times.sort();
    let at = |q: f64| {
        let i = ((times.len() as f64 * q).ceil() as usize).clamp(1, times.len().max(1)) - 1;
        times.get(i).map_or(0.0, |d| d.as_secs_f64() * 1000.0)
    };
    Latency {
        phase: phase.to_owned(),
        clients,
        requests: times.len(),
        per_second: times.len() as f64 / seconds,
        p50_ms: at(0.50),
        p95_ms: at(0.95),
        p99_ms: at(0.99),
        max_ms: times.last().map_or(0.0, |d| d.as_secs_f64() * 1000.0),
    }
}

/// Runs `call` from `clients` threads for `seconds`, each on its own cards; returns every call's time.
fn load(
    clients: usize,
    seconds: u64,
    cards: &[String],
    call: &(dyn Fn(&str, u64) -> Result<()> + Sync),
) -> Result<Vec<Duration>> {
    let until = Instant::now() + Duration::from_secs(seconds);
    std::thread::scope(|scope| {
        let workers: Vec<_> = (0..clients)
            .map(|client| {
                scope.spawn(move || -> Result<Vec<Duration>> {
                    let mut rng = fastrand::Rng::with_seed(client as u64 + 1);
                    let mut times = Vec::new();
                    let mut n = 0u64;
                    while Instant::now() < until {
                        let card = &cards[rng.usize(..cards.len())];
                        let started = Instant::now();
                        call(card, (client as u64) << 40 | n)?;
                        times.push(started.elapsed());
                        n += 1;
                    }
                    Ok(times)
                })
            })
            .collect();
        let mut all = Vec::new();
        for w in workers {
            all.extend(w.join().map_err(|_| anyhow::anyhow!("a client thread panicked"))??);
        }
        Ok(all)
    })
}

pub fn run(ctx: &Ctx, args: &ClubBenchArgs) -> Result<()> {
    let app = ctx.app(false)?;
    let store = app.store();
    let actor = ctx.actor();
    let mut rows = Vec::new();
    if store.club_last_member()? == 0 {
        let started = Instant::now();
        let since = chrono::NaiveDate::from_ymd_opt(2000, 1, 1).expect("a day");
        let (enrolled, done) = club::enrol_everyone(&app, &actor, since, &ctx.bar)?;
        let seconds = started.elapsed().as_secs_f64();
        println!(
            "enrolled {enrolled} customers and computed their points ({} ledger rows, {} expired) and tiers in {seconds:.1} s",
            done.earn_rows, done.expired
        );
    }
    let last = store.club_last_member()?;
    let day = club::today(&app)?;
    let mut rng = fastrand::Rng::with_seed(11);
    let (mut cards, mut with_points) = (Vec::new(), Vec::new());
    for _ in 0..args.cards.saturating_mul(4) {
        if cards.len() >= args.cards {
            break;
        }
        if let Some(m) = store.club_member(CustomerId(rng.i64(1..=last)))? {
            if store.club_balance(m.customer, day)?.available >= 100 {
                with_points.push(m.card_number.clone());
            }
            cards.push(m.card_number);
        }
    }
    if cards.is_empty() || with_points.is_empty() {
        bail!(
            "the shop has no members with points to look up and redeem; import a shop first (ladder bench --dir DIR)"
        );
    }
    let lookup = |card: &str, _: u64| -> Result<()> {
        std::hint::black_box(club::look_up(&app, card, day)?);
        Ok(())
    };
    let started = Instant::now();
    let times = load(args.clients, args.seconds, &cards, &lookup)?;
    rows.push(latency("balance lookup by card", args.clients, started.elapsed().as_secs_f64(), times));
    let redeem = |card: &str, n: u64| -> Result<()> {
        let r = Redemption {
            member: card.to_owned(),
            points: 1,
            reference: None,
            idempotency_key: Some(format!("bench-{}-{n}", std::process::id())),
        };
        match club::redeem(&app, &actor, &r) {
            Ok(_) | Err(ladder_app::AppError::Invalid(_)) => Ok(()),
            Err(e) => Err(e.into()),
        }
    };
    let started = Instant::now();
    let times = load(args.clients, args.seconds, &with_points, &redeem)?;
    rows.push(latency("redemption of 1 point", args.clients, started.elapsed().as_secs_f64(), times));
    let mut grid = Grid::new(
        vec!["phase", "clients", "requests", "per s", "p50 ms", "p95 ms", "p99 ms", "max ms"],
        vec![1, 2, 3, 4, 5, 6, 7],
    );
    for r in &rows {
        grid.push(vec![
            r.phase.clone(),
            r.clients.to_string(),
            r.requests.to_string(),
            format!("{:.0}", r.per_second),
            format!("{:.2}", r.p50_ms),
            format!("{:.2}", r.p95_ms),
            format!("{:.2}", r.p99_ms),
            format!("{:.1}", r.max_ms),
        ]);
    }
    let title = format!("The till under load: {last} members, {} cards sampled", cards.len());
    print(args.format.format, &rows, &[(&title, &grid)], &[])
}
