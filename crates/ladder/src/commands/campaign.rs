//! `ladder campaign`: campaigns, their costs, and whether they paid.

use super::{Ctx, parse_as_of, parse_date, print_id};
use crate::cli::{Format, FormatArg};
use crate::output::{Grid, message, or_dash, percent, print, say};
use anyhow::{Context, Result};
use clap::{Args, Subcommand};
use ladder_app::campaigns::{CampaignForm, CampaignReport, CampaignRow, import_costs, report, reports};
use ladder_domain::Currency;
use ladder_domain::campaign::{AcquiredBy, Campaign, CostEntry, Exclusion};
use ladder_store::Store;

#[derive(Debug, Subcommand)]
pub enum CampaignCommand {
    /// Creates a campaign, or replaces the one with this id.
    Create(Box<CampaignArgs>),
    /// Lists the campaigns with their figures.
    List {
        /// Count orders placed by the end of this day (YYYY-MM-DD); default today.
        #[arg(long, value_name = "DATE")]
        as_of: Option<String>,
        #[command(flatten)]
        format: FormatArg,
    },
    /// One campaign: its figures, expected beside actual, and the orders and customers counted.
    Show {
        /// The campaign's id.
        id: String,
        /// Count orders placed by the end of this day (YYYY-MM-DD); default today.
        #[arg(long, value_name = "DATE")]
        as_of: Option<String>,
        #[command(flatten)]
        format: FormatArg,
    },
    /// Campaign costs.
    #[command(subcommand)]
    Cost(CostCommand),
    /// Every campaign's figures: cost, revenue, ROI, acquisitions, cost per acquisition, 2nd and 3rd orders.
    Report {
        /// Count orders placed by the end of this day (YYYY-MM-DD); default today.
        #[arg(long, value_name = "DATE")]
        as_of: Option<String>,
        #[command(flatten)]
        format: FormatArg,
    },
}

#[derive(Debug, Subcommand)]
pub enum CostCommand {
    /// Adds a dated cost to a campaign.
    Add {
        /// The campaign's id.
        id: String,
        /// The amount in the shop's currency, e.g. 250.00.
        #[arg(long)]
        amount: String,
        /// The day of the cost (YYYY-MM-DD); default today.
        #[arg(long, value_name = "DATE")]
        on: Option<String>,
        /// What it was for.
        #[arg(long)]
        note: Option<String>,
    },
    /// Adds the costs in a CSV file (campaign_id, spent_on, amount, optional note and currency), all or
    /// none; rows already recorded are not added again.
    Import {
        /// The CSV file.
        file: std::path::PathBuf,
    },
}

#[derive(Debug, Args)]
pub struct CampaignArgs {
    /// A stable id, e.g. SPRING-2026.
    pub id: String,
    /// Its name.
    #[arg(long)]
    pub name: String,
    /// advertisement, email, sms, direct_mail, social, referral, event or other.
    #[arg(long, default_value = "other")]
    pub kind: String,
    /// The channel: email, sms, phone, mail, fax.
    #[arg(long)]
    pub channel: Option<String>,
    /// planning, active, completed or cancelled.
    #[arg(long, default_value = "planning")]
    pub status: String,
    /// First day (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub starts: String,
    /// Last day (YYYY-MM-DD); open when left out.
    #[arg(long, value_name = "DATE")]
    pub ends: Option<String>,
    /// An attribution code (coupon or UTM campaign); repeat for several.
    #[arg(long = "code", required = true)]
    pub codes: Vec<String>,
    /// Days after the last day in which orders with a code still count.
    #[arg(long, default_value_t = 30)]
    pub window_days: u32,
    /// The segment it targets.
    #[arg(long)]
    pub target_segment: Option<String>,
    /// How many people it targets.
    #[arg(long)]
    pub target_size: Option<u64>,
    /// The budget, in the shop's currency.
    #[arg(long)]
    pub budget: Option<String>,
    /// The revenue expected, in the shop's currency.
    #[arg(long)]
    pub expected_revenue: Option<String>,
    /// Responses expected.
    #[arg(long)]
    pub expected_responses: Option<u64>,
    /// Sales expected.
    #[arg(long)]
    pub expected_sales: Option<u64>,
    /// Notes.
    #[arg(long)]
    pub notes: Option<String>,
    #[command(flatten)]
    pub format: FormatArg,
}

/// The shop's currency, which campaign amounts are in.
fn currency(store: &dyn Store) -> Result<Currency> {
    ladder_app::shop::money(store)?
        .context("the shop has no currency yet; import orders first (their currency becomes the shop's)")
}

fn amount(currency: &Currency, flag: &str, value: &str) -> Result<i64> {
    currency.parse_amount(value).map_err(|e| anyhow::anyhow!("--{flag} {value:?} {e}"))
}

/// The key of an exclusion, as its message names it.
fn exclusion_key(e: Exclusion) -> &'static str {
    match e {
        Exclusion::OutsideWindow => "outside_window",
        Exclusion::Refunded => "refunded",
        Exclusion::Cancelled => "cancelled",
    }
}

fn money(currency: &Currency, minor: Option<i64>) -> String {
    minor.map_or_else(|| "–".to_owned(), |m| currency.format_amount(m))
}

fn ratio(value: Option<f64>) -> String {
    value.map_or_else(|| "–".to_owned(), percent)
}

fn campaign_of(ctx: &Ctx, args: &CampaignArgs, currency: &Currency) -> Result<Campaign> {
    let text = |v: &Option<String>| v.clone().unwrap_or_default();
    let count = |v: Option<u64>| v.map(|n| n.to_string()).unwrap_or_default();
    let form = CampaignForm {
        id: args.id.clone(),
        name: args.name.clone(),
        kind: args.kind.clone(),
        channel: text(&args.channel),
        status: args.status.clone(),
        starts: args.starts.clone(),
        ends: text(&args.ends),
        codes: args.codes.join(","),
        window_days: args.window_days.to_string(),
        target_segment: text(&args.target_segment),
        target_size: count(args.target_size),
        budget: text(&args.budget),
        expected_revenue: text(&args.expected_revenue),
        expected_responses: count(args.expected_responses),
        expected_sales: count(args.expected_sales),
        notes: text(&args.notes),
    };
    form.to_campaign(currency).map_err(|e| anyhow::anyhow!("{}", ctx.problem(&e)))
}

/// "12 customer, 3 repeat, 1 not scored yet": the rungs the acquired stand on now.
fn rungs_line(r: &CampaignRow) -> String {
    let mut parts: Vec<String> = r
        .acquired_rungs
        .iter()
        .filter(|c| c.customers > 0)
        .map(|c| format!("{} {}", c.customers, c.rung.as_str()))
        .collect();
    if r.acquired_unscored > 0 {
        parts.push(format!("{} not scored yet", r.acquired_unscored));
    }
    if parts.is_empty() { "–".to_owned() } else { parts.join(", ") }
}

/// The table of campaigns, one row each.
fn rows_grid(rows: &[&CampaignRow], currency: &Currency) -> Grid {
    let mut grid = Grid::new(
        vec![
            "campaign",
            "status",
            "cost",
            "revenue",
            "ROI",
            "expected ROI",
            "acquired",
            "brought back",
            "cost/acquired",
            "2nd order",
            "3rd order",
            "12-month revenue/acquired",
            "predicted/acquired",
        ],
        vec![2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12],
    );
    for r in rows {
        grid.push(vec![
            format!("{} ({})", r.name, r.campaign_id),
            r.status.clone(),
            money(currency, Some(r.actual_cost)),
            money(currency, Some(r.revenue)),
            r.roi.map_or_else(|| r.roi_note.as_ref().map_or_else(|| "–".to_owned(), say), percent),
            ratio(r.expected_roi),
            r.customers_acquired.to_string(),
            r.customers_reactivated.to_string(),
            money(currency, r.cost_per_acquisition),
            ratio(r.second_purchase_share),
            ratio(r.third_purchase_share),
            money(currency, r.revenue_12m_per_acquisition),
            money(currency, r.clv_per_acquisition),
        ]);
    }
    grid
}

fn show(report: &CampaignReport, currency: &Currency, format: Format) -> Result<()> {
    let r = &report.row;
    let mut versus = Grid::new(vec!["", "expected", "actual"], vec![1, 2]);
    versus.push(vec!["cost".into(), money(currency, r.budget), money(currency, Some(r.actual_cost))]);
    versus.push(vec!["revenue".into(), money(currency, r.expected_revenue), money(currency, Some(r.revenue))]);
    versus.push(vec![
        "ROI".into(),
        ratio(r.expected_roi),
        r.roi.map_or_else(|| or_dash(r.roi_note.as_ref().map(say)), percent),
    ]);
    versus.push(vec!["responses".into(), or_dash(r.expected_responses), r.responses.to_string()]);
    versus.push(vec!["sales".into(), or_dash(r.expected_sales), r.sales.to_string()]);
    let mut orders = Grid::new(vec!["order", "customer", "day", "amount"], vec![3]);
    for o in &report.attribution.sales {
        orders.push(vec![
            o.order_id.clone(),
            o.customer_id.clone(),
            o.on.to_string(),
            currency.format_amount(o.total_minor),
        ]);
    }
    let mut left_out = Grid::new(vec!["order", "customer", "why not counted"], vec![]);
    for o in &report.attribution.excluded {
        let why = message(&format!("campaign-excluded-{}", exclusion_key(o.reason)), &[]);
        left_out.push(vec![o.order.order_id.clone(), o.order.customer_id.clone(), why]);
    }
    let mut acquired = Grid::new(
        vec!["customer", "how", "on", "completed orders", "rung now", "first 12 months", "predicted 12 months"],
        vec![3, 5, 6],
    );
    for a in &report.attribution.acquired {
        let how = match &a.by {
            AcquiredBy::SignUp => "signed up with the code".to_owned(),
            AcquiredBy::FirstOrder { order_id } => format!("first order {order_id}"),
        };
        acquired.push(vec![
            a.customer_id.clone(),
            how,
            a.acquired_on.to_string(),
            a.completed_orders.to_string(),
            a.rung.map_or_else(|| "not scored yet".to_owned(), |r| r.as_str().to_owned()),
            currency.format_amount(a.revenue_12m_minor),
            money(currency, a.clv_minor),
        ]);
    }
    let mut reactivated = Grid::new(vec!["customer", "order", "on", "days without an order"], vec![3]);
    for b in &report.attribution.reactivated {
        reactivated.push(vec![b.customer_id.clone(), b.order_id.clone(), b.on.to_string(), b.days_quiet.to_string()]);
    }
    let title = format!("{} ({}), {}", r.name, r.campaign_id, r.status);
    print(
        format,
        report,
        &[
            (&title, &versus),
            ("\nOrders counted", &orders),
            ("\nOrders with a code, not counted", &left_out),
            ("\nCustomers acquired", &acquired),
            ("\nQuiet customers brought back", &reactivated),
        ],
        &[
            format!(
                "Acquired {} and brought back {} who had gone quiet; {} of the acquired reached a 2nd order, {} a 3rd; cost per acquired customer {}.",
                r.customers_acquired,
                r.customers_reactivated,
                ratio(r.second_purchase_share),
                ratio(r.third_purchase_share),
                money(currency, r.cost_per_acquisition)
            ),
            format!(
                "The acquired now: {}; first-12-month revenue {} per customer, predicted value {} per customer.",
                rungs_line(r),
                money(currency, r.revenue_12m_per_acquisition),
                money(currency, r.clv_per_acquisition)
            ),
        ],
    )
}

pub fn run(ctx: &Ctx, command: &CampaignCommand) -> Result<()> {
    let app = ctx.app(false)?;
    let store = app.store();
    match command {
        CampaignCommand::Create(args) => {
            let currency = currency(store)?;
            let campaign = campaign_of(ctx, args, &currency)?;
            let outcome = ladder_app::campaigns::save(&app, &ctx.actor(), &campaign).map_err(|e| ctx.fail(e))?;
            let done = match outcome {
                ladder_store::WriteOutcome::Inserted => "created",
                ladder_store::WriteOutcome::Updated => "changed",
                ladder_store::WriteOutcome::Unchanged => "already so; nothing changed",
            };
            eprintln!("Campaign {} {done}.", campaign.id);
            let word = match outcome {
                ladder_store::WriteOutcome::Inserted => "created",
                ladder_store::WriteOutcome::Updated => "updated",
                ladder_store::WriteOutcome::Unchanged => "unchanged",
            };
            print_id(args.format.format, campaign.id.as_str(), serde_json::json!({ "outcome": word }))
        }
        CampaignCommand::Cost(CostCommand::Add { id, amount: value, on, note }) => {
            let currency = currency(store)?;
            let on = match on {
                Some(d) => parse_date("on", d)?,
                None => chrono::Utc::now().date_naive(),
            };
            let cost = CostEntry { on, amount_minor: amount(&currency, "amount", value)?, note: note.clone() };
            ladder_app::campaigns::add_cost(&app, &ctx.actor(), id, &cost)
                .map_err(|e| ctx.fail(e))
                .with_context(|| format!("cannot add a cost to campaign {id}"))?;
            println!("Added {} to campaign {id} on {on}.", currency.format_amount(cost.amount_minor));
            Ok(())
        }
        CampaignCommand::Cost(CostCommand::Import { file }) => {
            let currency = currency(store)?;
            let name = file.display().to_string();
            let input = std::fs::File::open(file).with_context(|| format!("cannot open {name}"))?;
            let summary = import_costs(&app, &ctx.actor(), std::io::BufReader::new(input), &name, &currency)?;
            println!(
                "Read {} cost{}: added {} ({} in all, to {}), {} already recorded.",
                summary.read,
                if summary.read == 1 { "" } else { "s" },
                summary.added,
                currency.format_amount(summary.added_minor),
                if summary.campaigns.is_empty() { "no campaign".to_owned() } else { summary.campaigns.join(", ") },
                summary.already_recorded
            );
            Ok(())
        }
        CampaignCommand::Show { id, as_of, format } => {
            let currency = currency(store)?;
            let campaign =
                store.campaign(id)?.with_context(|| format!("no campaign {id}; see `ladder campaign list`"))?;
            let report = report(store, campaign, parse_as_of(as_of.as_deref())?)?;
            show(&report, &currency, format.format)
        }
        CampaignCommand::List { as_of, format } | CampaignCommand::Report { as_of, format } => {
            let currency = currency(store)?;
            let all = reports(store, parse_as_of(as_of.as_deref())?)?;
            let rows: Vec<&CampaignRow> = all.iter().map(|r| &r.row).collect();
            let grid = rows_grid(&rows, &currency);
            let notes = vec![format!("Money in {}; ROI = (revenue − cost) / cost.", currency.code())];
            print(format.format, &rows, &[("Campaigns", &grid)], &notes)
        }
    }
}
