//! The command line: every command and flag, documented for `--help`.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// Ladder, a retention-first CRM: places every customer on the loyalty ladder from their own history.
#[derive(Debug, Parser)]
#[command(name = "ladder", version, about, long_about = None, propagate_version = true)]
pub struct Cli {
    /// The database: a SQLite file path (or sqlite://PATH), or postgres://USER@HOST/DB.
    #[arg(long, global = true, env = "LADDER_DATABASE_URL", default_value = "ladder.db", value_name = "URL|PATH")]
    pub database: String,

    #[command(subcommand)]
    pub command: Command,
}

/// How results are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum Format {
    /// A readable table.
    #[default]
    Table,
    /// JSON with snake_case keys.
    Json,
    /// CSV with a header row.
    Csv,
}

#[derive(Debug, Args)]
pub struct FormatArg {
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Creates a realistic demo shop (deterministic for a seed), scores it and prints the ladder.
    Demo(DemoArgs),
    /// Imports a CSV file; all or nothing unless --skip-invalid.
    Import(ImportArgs),
    /// Places every customer on the ladder and computes state, lifecycle stage and RFM.
    Score(ScoreArgs),
    /// Prints a report of the last scoring.
    Report(ReportArgs),
    /// Shows or lists customers.
    #[command(subcommand)]
    Customer(CustomerCommand),
    /// Measures import and scoring on a generated shop and prints rows per second and peak memory.
    Bench(BenchArgs),
    /// Brings the database's schema up to this version of Ladder and prints the version.
    Migrate,
    /// Database operations.
    #[command(subcommand)]
    Db(DbCommand),
    /// Lifetime value: fit BG/NBD, Pareto/NBD and Gamma-Gamma, predict, validate.
    #[command(subcommand)]
    Clv(ClvCommand),
    /// Runs the web app and the JSON API (Ctrl-C stops it).
    Serve(ServeArgs),
    /// The people who sign in to the web app.
    #[command(subcommand)]
    User(UserCommand),
    /// Campaigns: what each cost, brought and acquired, and whether those customers came back.
    #[command(subcommand)]
    Campaign(CampaignCommand),
}

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
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// The address to listen on; 0.0.0.0:8080 to be reachable from other machines.
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub bind: std::net::SocketAddr,
    /// Creates the demo shop and an owner account on first start if the database is empty, and prints
    /// how to sign in.
    #[arg(long)]
    pub demo: bool,
    /// Customers of the demo shop.
    #[arg(long, default_value_t = 20_000)]
    pub demo_customers: u64,
    /// Mark cookies Secure (sent over HTTPS only): use it when people reach the app through HTTPS.
    #[arg(long)]
    pub secure_cookies: bool,
    /// Stop when standard input closes: a test harness that started the server then takes it down
    /// even if it exits without stopping it.
    #[arg(long, hide = true)]
    pub stop_when_input_closes: bool,
}

#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Adds a user; the password comes from LADDER_PASSWORD, or is generated and printed once.
    Add {
        /// Their email, which they sign in with.
        email: String,
        /// Their name.
        #[arg(long, default_value = "")]
        name: String,
        /// owner, marketing, sales, support or viewer (see docs/PERMISSIONS.md).
        #[arg(long, default_value = "viewer")]
        role: String,
        /// Their language: en, he, fa or ru.
        #[arg(long, default_value = "en")]
        language: String,
    },
    /// Lists the users.
    List {
        #[command(flatten)]
        format: FormatArg,
    },
}

#[derive(Debug, Subcommand)]
pub enum DbCommand {
    /// Copies a whole installation into an empty database (SQLite to PostgreSQL or back), keeping every id,
    /// and checks it by row counts and checksums read back from the target.
    Copy {
        /// The database to copy from (path, sqlite://PATH or postgres://…).
        #[arg(long, value_name = "URL")]
        from: String,
        /// The empty database to copy into.
        #[arg(long, value_name = "URL")]
        to: String,
        #[command(flatten)]
        format: FormatArg,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ModelArg {
    /// BG/NBD (Fader, Hardie & Lee 2005).
    Bgnbd,
    /// Pareto/NBD (Schmittlein, Morrison & Colombo 1987).
    Paretonbd,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TimeUnitArg {
    /// Recency and T count days.
    Days,
    /// Recency and T count weeks.
    Weeks,
}

#[derive(Debug, Args)]
pub struct SummaryArgs {
    /// The summary CSV: customer_id,frequency,recency,T and optionally monetary_value.
    #[arg(long, value_name = "FILE")]
    pub summary: PathBuf,
    /// The purchase model.
    #[arg(long, value_enum, default_value_t = ModelArg::Bgnbd)]
    pub model: ModelArg,
    /// What recency and T count.
    #[arg(long, value_enum, default_value_t = TimeUnitArg::Days)]
    pub time_unit: TimeUnitArg,
}

#[derive(Debug, Subcommand)]
pub enum ClvCommand {
    /// Fits a purchase model (and with --spend, Gamma-Gamma) and prints the parameters, standard errors,
    /// log-likelihood and iterations.
    Fit {
        #[command(flatten)]
        summary: SummaryArgs,
        /// Also fit Gamma-Gamma on monetary_value (customers with repeat purchases).
        #[arg(long)]
        spend: bool,
        #[command(flatten)]
        format: FormatArg,
    },
    /// Fits, then prints per customer: expected purchases over the horizon, P(alive), expected spend and CLV.
    Predict {
        #[command(flatten)]
        summary: SummaryArgs,
        /// Horizon of the expected purchases, in the time unit.
        #[arg(long)]
        horizon: f64,
        /// Months of the lifetime value.
        #[arg(long, default_value_t = 12)]
        clv_months: u32,
        /// Monthly discount rate of the lifetime value.
        #[arg(long, default_value_t = 0.01)]
        discount_rate: f64,
        /// Print the seconds spent fitting and predicting (not reading or printing) to standard error.
        #[arg(long)]
        timings: bool,
        #[command(flatten)]
        format: FormatArg,
    },
    /// Fits on the orders before a date, predicts the period after it, and compares with what happened.
    Validate {
        /// The end of the calibration period (YYYY-MM-DD); the holdout runs to the last order.
        #[arg(long, value_name = "DATE")]
        calibration_end: String,
        #[command(flatten)]
        format: FormatArg,
    },
    /// Writes a simulated summary CSV (BG/NBD and Gamma-Gamma with the CDNOW parameters), for benchmarks.
    Simulate {
        /// Customers.
        #[arg(long, default_value_t = 1_000_000)]
        customers: u64,
        /// Random seed.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// What recency and T count.
        #[arg(long, value_enum, default_value_t = TimeUnitArg::Days)]
        time_unit: TimeUnitArg,
        /// The file to write.
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
}

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

/// What a CSV file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ImportWhat {
    /// customer_id, kind, first_name, last_name, …, tags; other columns become custom attributes.
    Customers,
    /// One row per order line: order_id, customer_id, ordered_at, sku, quantity, unit_price, currency, ….
    Orders,
    /// customer_id, at, kind, note.
    Interactions,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// What the file holds.
    #[arg(value_enum)]
    pub what: ImportWhat,
    /// The CSV file (UTF-8, with a header row).
    pub file: PathBuf,
    /// Import the good rows and write the bad ones, with the reason, to a reject file.
    #[arg(long)]
    pub skip_invalid: bool,
    /// Where rejected rows go (default: FILE.rejects.csv).
    #[arg(long, value_name = "FILE", requires = "skip_invalid")]
    pub rejects: Option<PathBuf>,
    #[command(flatten)]
    pub format: FormatArg,
}

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
    #[command(flatten)]
    pub format: FormatArg,
}

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

#[derive(Debug, Subcommand)]
pub enum CustomerCommand {
    /// Profile, consents, orders, rung and state with the reason, RFM and history of one customer.
    Show {
        /// The business's customer id.
        id: String,
        #[command(flatten)]
        format: FormatArg,
    },
    /// Lists customers, with filters.
    List(ListArgs),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SortArg {
    /// By customer id.
    Id,
    /// By name.
    Name,
    /// Highest spend first.
    Spend,
    /// Most recent order first.
    LastOrder,
    /// Most orders first.
    Orders,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Text in the name, company, email, phone or id (any script, any case).
    #[arg(long)]
    pub search: Option<String>,
    /// Only this rung: suspect, prospect, customer, repeat, loyal, advocate.
    #[arg(long)]
    pub rung: Option<String>,
    /// Only this state: active, at_risk, lapsed, lost.
    #[arg(long)]
    pub state: Option<String>,
    /// Only this RFM segment (champions, loyal, potential_loyalist, new, promising, need_attention,
    /// about_to_sleep, cant_lose, at_risk, hibernating).
    #[arg(long)]
    pub segment: Option<String>,
    /// Only this country code.
    #[arg(long)]
    pub country: Option<String>,
    /// Only customers with this tag.
    #[arg(long)]
    pub tag: Option<String>,
    /// Sort order.
    #[arg(long, value_enum, default_value_t = SortArg::Id)]
    pub sort: SortArg,
    /// At most this many.
    #[arg(long, default_value_t = 50)]
    pub limit: u32,
    /// Skip this many.
    #[arg(long, default_value_t = 0)]
    pub offset: u32,
    #[command(flatten)]
    pub format: FormatArg,
}

#[derive(Debug, Args)]
pub struct BenchArgs {
    /// Customers in the generated shop (about ten order lines each).
    #[arg(long, default_value_t = 1_000_000)]
    pub customers: u64,
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
