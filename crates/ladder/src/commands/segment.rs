//! `ladder segment`: the saved customer filters of the segments page, counted and listed through the same
//! rule (`ladder_app::segments`) as the page, the API and the worker.

use super::{Ctx, print_id};
use crate::cli::FormatArg;
use crate::output::{Grid, print};
use anyhow::{Result, bail};
use clap::Subcommand;
use ladder_app::segments;
use ladder_domain::segment::SegmentRule;
use ladder_store::{Segment, Store};
use serde::Serialize;

/// Counts stop here: a segment of a million customers says "100,000 or more".
const COUNT_CAP: u64 = 100_000;

#[derive(Debug, Subcommand)]
pub enum SegmentCommand {
    /// Lists the segments with how many customers each holds now.
    List {
        #[command(flatten)]
        format: FormatArg,
    },
    /// One segment: its rule and how many customers it holds now.
    Show {
        /// The segment's id.
        id: i64,
        #[command(flatten)]
        format: FormatArg,
    },
    /// The customers a segment holds now.
    Members {
        /// The segment's id.
        id: i64,
        /// At most this many.
        #[arg(long, default_value_t = 50)]
        limit: u32,
        /// Skip this many.
        #[arg(long, default_value_t = 0)]
        offset: u32,
        #[command(flatten)]
        format: FormatArg,
    },
    /// Saves a segment and prints its id; the rule is given as filters, e.g. `--where rung=loyal --where
    /// state=at_risk` (the names of the customer list's address: q, rung, state, segment, country, tag,
    /// consent, min_clv, max_clv, min_orders, max_orders, product, sort).
    Create {
        /// Its name.
        name: String,
        /// A filter, KEY=VALUE; repeat for several.
        #[arg(long = "where", value_name = "KEY=VALUE")]
        filters: Vec<String>,
        #[command(flatten)]
        format: FormatArg,
    },
    /// Deletes a segment (its customers are not touched).
    Delete {
        /// The segment's id.
        id: i64,
    },
}

/// A segment as printed.
#[derive(Serialize)]
struct SegmentOut {
    id: i64,
    name: String,
    definition: serde_json::Value,
    customers: u64,
    /// Whether the count stopped at its cap.
    capped: bool,
}

fn out(store: &dyn Store, segment: &Segment) -> Result<SegmentOut> {
    let rule = segments::rule(segment)?;
    let customers = segments::count(store, &rule, COUNT_CAP)?;
    Ok(SegmentOut {
        id: segment.id,
        name: segment.name.clone(),
        definition: rule.to_json(),
        customers,
        capped: customers >= COUNT_CAP,
    })
}

fn grid(rows: &[SegmentOut]) -> Grid {
    let mut grid = Grid::new(vec!["id", "name", "customers", "rule"], vec![0, 2]);
    for s in rows {
        let rule = SegmentRule::from_json(&s.definition)
            .map(|r| r.fields().into_iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join(" "));
        let count = if s.capped { format!("{}+", s.customers) } else { s.customers.to_string() };
        grid.push(vec![s.id.to_string(), s.name.clone(), count, rule.unwrap_or_default()]);
    }
    grid
}

fn find(store: &dyn Store, id: i64) -> Result<Segment> {
    match store.segment(id)? {
        Some(s) => Ok(s),
        None => bail!("no segment with id {id}; `ladder segment list` shows them"),
    }
}

pub fn run(ctx: &Ctx, command: SegmentCommand) -> Result<()> {
    match command {
        SegmentCommand::List { format } => {
            let store = ctx.store(false)?;
            let rows = store.segments()?.iter().map(|s| out(store.as_ref(), s)).collect::<Result<Vec<_>>>()?;
            print(format.format, &rows, &[("", &grid(&rows))], &[])
        }
        SegmentCommand::Show { id, format } => {
            let store = ctx.store(false)?;
            let row = out(store.as_ref(), &find(store.as_ref(), id)?)?;
            let table = grid(std::slice::from_ref(&row));
            print(format.format, &row, &[("", &table)], &[])
        }
        SegmentCommand::Members { id, limit, offset, format } => {
            let store = ctx.store(false)?;
            let rule = segments::rule(&find(store.as_ref(), id)?)?;
            let mut query = segments::query(&rule, segments::currency_exponent(store.as_ref())?);
            query.limit = limit;
            query.offset = offset;
            let list = store.list_customers(&query)?;
            let note =
                format!("{} customers shown (from {}); --limit and --offset page through.", list.len(), offset + 1);
            super::customer::print_list(store.as_ref(), &list, format.format, &[note])
        }
        SegmentCommand::Create { name, filters, format } => {
            let pairs = filters
                .iter()
                .map(|f| {
                    f.split_once('=')
                        .ok_or_else(|| anyhow::anyhow!("--where {f:?} is not KEY=VALUE, such as rung=loyal"))
                })
                .collect::<Result<Vec<_>>>()?;
            let rule = SegmentRule::from_fields(pairs).map_err(|e| {
                anyhow::anyhow!(
                    "--where {}",
                    ladder_i18n::plain(&super::catalog().field_error(ctx.lang(), &e, &|key| key.to_owned()))
                )
            })?;
            let app = ctx.app(false)?;
            let saved = segments::save(&app, &ctx.actor(), None, &name, &rule).map_err(|e| ctx.fail(e))?;
            let customers = segments::count(app.store(), &rule, COUNT_CAP)?;
            eprintln!("Saved the segment {:?}: {customers} customers now.", saved.name);
            print_id(format.format, saved.id, serde_json::json!({ "name": saved.name, "customers": customers }))
        }
        SegmentCommand::Delete { id } => {
            let app = ctx.app(false)?;
            if !segments::delete(&app, &ctx.actor(), id).map_err(|e| ctx.fail(e))? {
                bail!("no segment with id {id}; `ladder segment list` shows them");
            }
            eprintln!("Deleted segment {id}.");
            Ok(())
        }
    }
}
