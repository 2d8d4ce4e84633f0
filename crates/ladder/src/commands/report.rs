//! `ladder report`: the reports of the last scoring, as tables, JSON or CSV.

use super::{Ctx, capitalise};
use crate::cli::{Format, FormatArg};
use crate::output::{Grid, days, message, or_dash, percent, print, say};
use anyhow::{Result, bail};
use clap::{Args, ValueEnum};
use ladder_app::reports::{self, GroupRow, ReportBasis};
use ladder_store::Store;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportWhat {
    /// Customers, share, revenue and average order value per rung and per state.
    Ladder,
    /// Customers and revenue per RFM segment.
    Rfm,
    /// How many customers reached a 1st, 2nd and 3rd order, the conversion between and the median days;
    /// by acquisition month and first campaign; and 3rd → 4th against 2nd → 3rd.
    ThirdPurchase,
    /// Monthly acquisition cohorts × months since the first order: share still buying, and revenue.
    Cohorts,
    /// Top-decile customers whose order rate or spend in the last 180 days fell below half their own
    /// rate in the 365 days before.
    LosingValue,
    /// Customers whose buying clusters on one occasion or category, and orders marked one-off.
    EventBuyers,
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Which report.
    #[arg(value_enum)]
    pub what: ReportWhat,
    /// At most this many rows in a table of customers (JSON and CSV have them all).
    #[arg(long, default_value_t = 50)]
    pub limit: usize,
    #[command(flatten)]
    pub format: FormatArg,
}

pub fn run(ctx: &Ctx, args: &ReportArgs) -> Result<()> {
    let store = ctx.store(false)?;
    match args.what {
        ReportWhat::Ladder => print_ladder(store.as_ref(), args.format.format),
        ReportWhat::Rfm => {
            let r = reports::rfm(store.as_ref())?;
            check_basis(&r.basis)?;
            let grid = group_grid("segment", &r.segments, &r.basis);
            print(
                args.format.format,
                &r,
                &[(&title("RFM segments of customers with orders", &r.basis), &grid)],
                &basis_notes(&r.basis),
            )
        }
        ReportWhat::ThirdPurchase => {
            let r = reports::third_purchase(store.as_ref())?;
            check_basis(&r.basis)?;
            let mut grid = Grid::new(
                vec!["order", "customers", "share of buyers", "conversion from previous", "median days from previous"],
                vec![1, 2, 3, 4],
            );
            for s in &r.steps {
                grid.push(vec![
                    ladder_domain::date::ordinal(u64::from(s.order)),
                    s.customers.to_string(),
                    percent(s.share_of_buyers),
                    s.conversion_from_previous.map_or("–".to_owned(), percent),
                    days(s.median_days_from_previous),
                ]);
            }
            let paths = ladder_app::analytics::paths(store.as_ref(), ctx.lang().calendar())?;
            let group_grid = |name: &str, groups: &[ladder_app::analytics::PathGroup]| {
                let mut g = Grid::new(
                    vec![name, "customers", "2nd order", "3rd order", "days to 2nd", "days 2nd → 3rd"],
                    vec![1, 2, 3, 4, 5],
                );
                for p in groups {
                    g.push(vec![
                        p.key.clone(),
                        p.customers.to_string(),
                        percent(p.second_order_share),
                        percent(p.third_order_share),
                        days(p.median_days_to_second),
                        days(p.median_days_to_third),
                    ]);
                }
                g
            };
            let cohorts = group_grid("first order in", &paths.by_cohort);
            let campaigns = group_grid("first campaign", &paths.by_first_campaign);
            let o = &paths.onward;
            let mut notes = vec![format!(
                "Of {} customers with a 2nd order, {} made a 3rd; of {} with a 3rd, {} made a 4th.",
                o.with_second,
                percent(o.second_to_third),
                o.with_third,
                percent(o.third_to_fourth)
            )];
            notes.extend(basis_notes(&r.basis));
            #[derive(serde::Serialize)]
            struct Both<'a> {
                #[serde(flatten)]
                steps: &'a reports::ThirdPurchaseReport,
                #[serde(flatten)]
                paths: &'a ladder_app::analytics::PathsReport,
            }
            let title = title("The road to the third purchase", &r.basis);
            print(
                args.format.format,
                &Both { steps: &r, paths: &paths },
                &[
                    (&title, &grid),
                    ("\nBy month of the first order", &cohorts),
                    ("\nBy campaign of the first order", &campaigns),
                ],
                &notes,
            )
        }
        ReportWhat::Cohorts => {
            let r = ladder_app::analytics::cohorts(store.as_ref(), ctx.lang().calendar())?;
            let span = r.cohorts.iter().flat_map(|c| c.months.iter().map(|m| m.months_since)).max().unwrap_or(0);
            let labels: Vec<String> = (0..=span).map(|m| format!("+{m}")).collect();
            let mut header = vec!["cohort", "customers"];
            header.extend(labels.iter().map(String::as_str));
            let mut grid = Grid::new(header, (1..=span as usize + 2).collect());
            let mut revenue = Grid::new(vec!["cohort", "month", "share buying", "revenue"], vec![1, 2, 3]);
            for c in &r.cohorts {
                let mut row = vec![c.cohort.clone(), c.customers.to_string()];
                row.extend((0..=span).map(|m| {
                    c.months
                        .iter()
                        .find(|x| x.months_since == m)
                        .map_or(String::new(), |x| format!("{:.0}%", x.share_buying * 100.0))
                }));
                grid.push(row);
                for m in &c.months {
                    revenue.push(vec![
                        c.cohort.clone(),
                        m.months_since.to_string(),
                        percent(m.share_buying),
                        r.basis.money(m.revenue_minor),
                    ]);
                }
            }
            let title = title("Share of each monthly cohort buying, by months since the first order", &r.basis);
            let grids: Vec<(&str, &Grid)> =
                if args.format.format == Format::Csv { vec![("", &revenue)] } else { vec![(&title, &grid)] };
            print(args.format.format, &r, &grids, &basis_notes(&r.basis))
        }
        ReportWhat::LosingValue => {
            let r = ladder_app::analytics::losing_value(store.as_ref())?;
            let mut grid = Grid::new(
                vec![
                    "id",
                    "name",
                    "email",
                    "phone",
                    "18-month value",
                    "orders/30d before",
                    "orders/30d now",
                    "spend/30d before",
                    "spend/30d now",
                    "fell",
                ],
                vec![4, 5, 6, 7, 8],
            );
            for c in r.customers.iter().take(args.limit) {
                grid.push(vec![
                    c.customer_id.clone(),
                    c.name.clone(),
                    or_dash(c.email.as_deref()),
                    or_dash(c.phone.as_deref()),
                    r.basis.money(c.value_18m_minor),
                    format!("{:.2}", c.orders_per_30d_before),
                    format!("{:.2}", c.orders_per_30d_recent),
                    r.basis.money(c.spend_per_30d_before_minor),
                    r.basis.money(c.spend_per_30d_recent_minor),
                    message(&format!("fell-{}", c.fell.replace(' ', "-")), &[]),
                ]);
            }
            let mut notes = vec![format!(
                "{} of the {} top-decile customers (18-month value, at least 3 orders) buy at under half their own earlier rate{}.",
                r.customers.len(),
                r.top_decile,
                if r.customers.len() > args.limit {
                    format!("; the first {} are shown (--limit)", args.limit)
                } else {
                    String::new()
                }
            )];
            notes.extend(basis_notes(&r.basis));
            print(args.format.format, &r, &[(&title("Best customers losing value", &r.basis), &grid)], &notes)
        }
        ReportWhat::EventBuyers => {
            let r = ladder_app::analytics::event_buyers(store.as_ref())?;
            let mut grid = Grid::new(vec!["id", "name", "kind", "categories", "why"], vec![]);
            for c in r.customers.iter().take(args.limit) {
                grid.push(vec![
                    c.customer_id.clone(),
                    c.name.clone(),
                    c.kind.clone(),
                    c.categories.join(", "),
                    say(&c.reason),
                ]);
            }
            let mut notes = vec![format!(
                "{} entries; seasonal categories: {}{}.",
                r.customers.len(),
                if r.seasonal_categories.is_empty() { "none".to_owned() } else { r.seasonal_categories.join(", ") },
                if r.customers.len() > args.limit {
                    format!("; the first {} are shown (--limit)", args.limit)
                } else {
                    String::new()
                }
            )];
            notes.extend(basis_notes(&r.basis));
            print(args.format.format, &r, &[(&title("Event buyers and one-off orders", &r.basis), &grid)], &notes)
        }
    }
}

fn check_basis(basis: &ReportBasis) -> Result<()> {
    if basis.as_of.is_none() {
        bail!("nothing is scored yet; run `ladder score` first (or `ladder demo` for a demo shop)");
    }
    Ok(())
}

fn title(what: &str, basis: &ReportBasis) -> String {
    format!("{what}, as of {} ({})", or_dash(basis.as_of), basis.currency.as_deref().unwrap_or("no currency yet"))
}

fn basis_notes(basis: &ReportBasis) -> Vec<String> {
    let mut notes = Vec::new();
    if let Some(how) = &basis.state_basis {
        notes.push(format!("{}.", capitalise(&say(how))));
    }
    if basis.stale {
        notes.push(
            "Note: data changed since the last scoring; run `ladder score` to bring this report up to date.".to_owned(),
        );
    }
    notes
}

fn group_grid(name: &str, rows: &[GroupRow], basis: &ReportBasis) -> Grid {
    let mut grid = Grid::new(vec![name, "customers", "share", "orders", "revenue", "avg order"], vec![1, 2, 3, 4, 5]);
    for r in rows {
        grid.push(vec![
            r.key.clone(),
            r.customers.to_string(),
            percent(r.share),
            r.orders.to_string(),
            basis.money(r.revenue_minor),
            or_dash(r.average_order_value.clone()),
        ]);
    }
    grid
}

pub fn print_ladder(store: &dyn Store, format: Format) -> Result<()> {
    let r = reports::ladder(store)?;
    check_basis(&r.basis)?;
    let rungs = group_grid("rung", &r.rungs, &r.basis);
    let states = group_grid("state", &r.states, &r.basis);
    let rung_title = title("The loyalty ladder", &r.basis);
    print(format, &r, &[(&rung_title, &rungs), ("\nStates", &states)], &basis_notes(&r.basis))
}
