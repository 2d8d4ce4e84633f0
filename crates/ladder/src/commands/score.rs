//! `ladder score`: every customer placed on the ladder as of a day, with the shop's thresholds (or the
//! flags'); with `--queue`, as a job a worker runs.

use super::{Ctx, capitalise, parse_as_of, print_id};
use crate::cli::FormatArg;
use crate::output::{Grid, print, say};
use anyhow::{Result, bail};
use clap::Args;

#[derive(Debug, Args)]
pub struct ScoreArgs {
    /// Score as of the end of this day (YYYY-MM-DD); default today.
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<String>,
    /// Active when P(alive) is at least this [default: the shop's setting, else 0.6].
    #[arg(long, value_name = "P")]
    pub active_p_alive: Option<f64>,
    /// At risk when P(alive) is at least this (below active) [default: the shop's setting, else 0.3].
    #[arg(long, value_name = "P")]
    pub at_risk_p_alive: Option<f64>,
    /// Lapsed when P(alive) is at least this (below at risk); lost below [default: the shop's setting,
    /// else 0.1].
    #[arg(long, value_name = "P")]
    pub lapsed_p_alive: Option<f64>,
    /// Fewest customers with repeat purchases for fitting BG/NBD; below it states use the recency rule
    /// [default: the shop's setting, else 30].
    #[arg(long, value_name = "N")]
    pub min_repeat_customers: Option<u64>,
    /// Score one shard of the customers, K of N (0 ≤ K < N), so that N workers share a run.
    #[arg(long, value_name = "K/N")]
    pub shard: Option<String>,
    /// Enqueue the scoring as a job with the shop's thresholds and print the job's id; a worker runs it. A
    /// scoring already waiting stands for this one.
    #[arg(long, conflicts_with_all = ["active_p_alive", "at_risk_p_alive", "lapsed_p_alive", "min_repeat_customers", "shard"])]
    pub queue: bool,
    #[command(flatten)]
    pub format: FormatArg,
}

pub fn run(ctx: &Ctx, args: &ScoreArgs) -> Result<()> {
    let app = ctx.app(false)?;
    let as_of = parse_as_of(args.as_of.as_deref())?;
    if args.queue {
        let asked = args.as_of.as_ref().map(|_| as_of);
        let id = ladder_app::jobs::queue_score(&app, &ctx.actor(), asked).map_err(|e| ctx.fail(e))?;
        eprintln!("Queued as job {id}; `ladder jobs show {id}` tells how it went.");
        return print_id(args.format.format, id.0, serde_json::json!({ "kind": "score" }));
    }
    // The flags override the shop's stored thresholds (the web app's settings page).
    let mut options = ladder_app::score::ScoreOptions::stored(app.store())?;
    let rules = &mut options.rules;
    rules.active_p_alive = args.active_p_alive.unwrap_or(rules.active_p_alive);
    rules.at_risk_p_alive = args.at_risk_p_alive.unwrap_or(rules.at_risk_p_alive);
    rules.lapsed_p_alive = args.lapsed_p_alive.unwrap_or(rules.lapsed_p_alive);
    options.min_repeat_customers = args.min_repeat_customers.unwrap_or(options.min_repeat_customers);
    let thresholds =
        ladder_domain::shop::Thresholds { rules: options.rules, min_repeat_customers: options.min_repeat_customers };
    if let Some(problem) = thresholds.problem() {
        let r = &thresholds.rules;
        if problem.field.ends_with("_p_alive") {
            bail!(
                "the P(alive) thresholds must satisfy 0 ≤ lapsed ≤ at risk ≤ active ≤ 1 (got {}, {}, {})",
                r.lapsed_p_alive,
                r.at_risk_p_alive,
                r.active_p_alive
            );
        }
        bail!("the scoring thresholds cannot be used: {}; correct them on the settings page", ctx.problem(&problem));
    }
    if let Some(shard) = &args.shard {
        let parsed = shard
            .split_once('/')
            .and_then(|(k, n)| Some((k.trim().parse::<u32>().ok()?, n.trim().parse::<u32>().ok()?)));
        match parsed {
            Some((k, n)) if n > 0 && k < n => options.shard = Some((k, n)),
            _ => bail!("--shard {shard:?} is not K/N with 0 ≤ K < N, such as 0/4"),
        }
    }
    let s = ladder_app::score::score(&app, &ctx.actor(), as_of, &options, &ctx.bar).map_err(|e| ctx.fail(e))?;
    let mut grid =
        Grid::new(vec!["as of", "customers", "with orders", "rung changes", "state changes"], vec![1, 2, 3, 4]);
    grid.push(vec![
        s.as_of.to_string(),
        s.customers.to_string(),
        s.buyers.to_string(),
        s.rung_changes.to_string(),
        s.state_changes.to_string(),
    ]);
    let notes = [format!("{}.", capitalise(&say(&s.model.basis))), "See `ladder report ladder`.".to_owned()];
    print(args.format.format, &s, &[("", &grid)], &notes)
}
