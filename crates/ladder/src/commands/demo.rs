//! `ladder demo`: a realistic demo shop, scored, with its ladder printed.

use super::{Ctx, parse_as_of};
use crate::cli::{Format, FormatArg};
use crate::output::print;
use anyhow::Result;
use clap::Args;
use ladder_domain::Currency;
use std::path::PathBuf;

#[derive(Debug, Args)]
pub struct DemoArgs {
    /// Random seed: the same seed gives the same shop.
    #[arg(long, default_value_t = 42)]
    pub seed: u64,
    /// Number of customers and contacts.
    #[arg(long, default_value_t = 20_000)]
    pub customers: u64,
    /// Last day of the two years of history (YYYY-MM-DD); default today.
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<String>,
    /// The shop's currency (ISO 4217).
    #[arg(long, default_value = "USD")]
    pub currency: String,
    /// Write the shop as CSV files in the import format into this folder instead of a database.
    #[arg(long, value_name = "DIR")]
    pub export: Option<PathBuf>,
    #[command(flatten)]
    pub format: FormatArg,
}

pub fn run(ctx: &Ctx, args: &DemoArgs) -> Result<()> {
    let currency =
        Currency::parse(&args.currency).map_err(|e| anyhow::anyhow!("--currency {:?} {e}", args.currency))?;
    let options = ladder_app::demo::DemoOptions {
        seed: args.seed,
        customers: args.customers,
        as_of: parse_as_of(args.as_of.as_deref())?,
        currency,
        basket: 1,
    };
    if let Some(dir) = &args.export {
        let mut sink = ladder_app::demo::CsvSink::create(dir)?;
        let counts = ladder_app::demo::generate(&options, &mut sink, &ctx.bar)?;
        sink.finish()?;
        eprintln!(
            "Wrote {} customers, {} orders ({} lines) and {} interactions to {} (customers.csv, orders.csv, interactions.csv).",
            counts.customers,
            counts.orders,
            counts.order_lines,
            counts.interactions,
            dir.display()
        );
        return Ok(());
    }
    let app = ctx.app(true)?;
    let started = std::time::Instant::now();
    let summary = ladder_app::demo::create(&app, &ctx.actor(), &options, &ctx.bar)?;
    if args.format.format == Format::Json {
        return print(Format::Json, &summary, &[], &[]);
    }
    let g = summary.generated;
    println!(
        "Demo shop ready in {}: {} customers, {} orders ({} lines), {} interactions; scored as of {}.\n",
        ctx.shown_database(),
        g.customers,
        g.orders,
        g.order_lines,
        g.interactions,
        summary.scoring.as_of
    );
    let p = summary.playbooks;
    println!(
        "The playbooks' day: {} follow-ups started, {} messages queued, {} tasks for the team (`ladder task list`).\n",
        p.runs, p.messages, p.tasks
    );
    super::report::print_ladder(app.store(), args.format.format)?;
    println!(
        "\nTook {:.1} s. Next: `ladder report third-purchase`, `ladder customer list --rung loyal`, `ladder customer show C0000001`.",
        started.elapsed().as_secs_f64()
    );
    Ok(())
}
