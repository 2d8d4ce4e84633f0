//! `ladder`, the command-line binary: parses flags, opens the store named by the database URL and
//! calls the use-cases of `ladder-app`. Nothing here computes anything the web app would also need.

mod bench;
mod campaign;
mod cli;
mod clv;
mod output;
mod progress;
mod serve;
mod show;
mod validate;

use anyhow::{Context, Result, bail};

/// Imports parse on one thread and write on another; glibc's allocator spends much of that time on
/// memory freed by the other thread, mimalloc does not (the PostgreSQL import of 2 million lines went
/// from 16 s to 11 s).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
use chrono::{NaiveDate, Utc};
use clap::Parser;
use cli::{Cli, Command, CustomerCommand, Format, ImportWhat, ReportWhat, SortArg};
use ladder_app::import::{ImportKind, ImportOptions, import_file};
use ladder_app::reports::{self, GroupRow, ReportBasis};
use ladder_domain::{Currency, CustomerState, RfmSegment, Rung};
use ladder_store::{CustomerQuery, CustomerSort, Store};
use ladder_store_sqlite::SqliteStore;
use output::{Grid, days, or_dash, percent, print};
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            // A closed pipe (`ladder report ladder | head`) is not an error.
            if e.chain().any(|c| {
                c.downcast_ref::<std::io::Error>().is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            }) {
                return ExitCode::SUCCESS;
            }
            // Each cause once: drivers often repeat their source in their own message.
            let mut causes: Vec<String> = Vec::new();
            for cause in e.chain().map(ToString::to_string) {
                if !causes.iter().any(|c| c.contains(&cause)) {
                    causes.push(cause);
                }
            }
            eprintln!("error: {}", causes.join(": "));
            ExitCode::FAILURE
        }
    }
}

/// Opens the store that the database URL or path names, creating a new database file only when
/// `create` is set (commands that only read refuse a path that does not exist).
pub fn open_store(database: &str, create: bool) -> Result<Box<dyn Store>> {
    let path = if let Some(rest) = database.strip_prefix("sqlite://").or_else(|| database.strip_prefix("sqlite:")) {
        rest
    } else if database.starts_with("postgres://") || database.starts_with("postgresql://") {
        let shown = ladder_store_postgres::redact(database);
        let store = ladder_store_postgres::PostgresStore::connect(database)
            .with_context(|| format!("cannot open the PostgreSQL database {shown}"))?;
        return Ok(Box::new(store));
    } else if let Some((scheme, _)) = database.split_once("://") {
        bail!("unknown database scheme {scheme:?}; use a file path or sqlite://PATH")
    } else {
        database
    };
    if path.is_empty() {
        bail!("the database path is empty; pass --database PATH or set LADDER_DATABASE_URL");
    }
    if !create && !std::path::Path::new(path).exists() {
        bail!(
            "there is no database at {path}; create one with `ladder demo` or `ladder import`, or pass --database PATH"
        );
    }
    let store = SqliteStore::open(path).with_context(|| format!("cannot open the database {path}"))?;
    Ok(Box::new(store))
}

fn parse_as_of(value: Option<&str>) -> Result<NaiveDate> {
    match value {
        Some(v) => ladder_domain::date::parse_date(v)
            .map_err(|_| anyhow::anyhow!("--as-of {v:?} is not a date; use YYYY-MM-DD")),
        None => Ok(Utc::now().date_naive()),
    }
}

fn parse_choice<T>(flag: &str, value: Option<&str>, parse: fn(&str) -> Option<T>, names: String) -> Result<Option<T>> {
    value
        .map(|v| parse(v).ok_or_else(|| anyhow::anyhow!("--{flag} {v:?} is not known; use one of {names}")))
        .transpose()
}

fn run(cli: Cli) -> Result<()> {
    let bar = progress::Bar::default();
    match cli.command {
        Command::Serve(args) => serve::serve(&cli.database, &args, &bar),
        Command::User(command) => serve::user(&cli.database, &command),
        Command::Campaign(command) => campaign::run(&cli.database, &command),
        Command::Demo(args) => {
            let currency =
                Currency::parse(&args.currency).map_err(|e| anyhow::anyhow!("--currency {:?} {e}", args.currency))?;
            let options = ladder_app::demo::DemoOptions {
                seed: args.seed,
                customers: args.customers,
                as_of: parse_as_of(args.as_of.as_deref())?,
                currency,
            };
            if let Some(dir) = &args.export {
                let mut sink = ladder_app::demo::CsvSink::create(dir)?;
                let counts = ladder_app::demo::generate(&options, &mut sink, &bar)?;
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
            let store = open_store(&cli.database, true)?;
            let started = std::time::Instant::now();
            let summary = ladder_app::demo::create(store.as_ref(), &options, Utc::now(), &bar)?;
            if args.format.format == Format::Json {
                return print(Format::Json, &summary, &[], &[]);
            }
            let g = summary.generated;
            println!(
                "Demo shop ready in {}: {} customers, {} orders ({} lines), {} interactions; scored as of {}.\n",
                cli.database, g.customers, g.orders, g.order_lines, g.interactions, summary.scoring.as_of
            );
            print_ladder(store.as_ref(), args.format.format)?;
            println!(
                "\nTook {:.1} s. Next: `ladder report third-purchase`, `ladder customer list --rung loyal`, `ladder customer show C0000001`.",
                started.elapsed().as_secs_f64()
            );
            Ok(())
        }
        Command::Import(args) => {
            let store = open_store(&cli.database, true)?;
            let kind = match args.what {
                ImportWhat::Customers => ImportKind::Customers,
                ImportWhat::Orders => ImportKind::Orders,
                ImportWhat::Interactions => ImportKind::Interactions,
            };
            let options =
                ImportOptions { skip_invalid: args.skip_invalid, rejects_path: args.rejects, now: Utc::now() };
            let s = import_file(store.as_ref(), kind, &args.file, &options, &bar)?;
            let mut grid = Grid::new(
                vec!["read", "written", "inserted", "updated", "unchanged", "rejected"],
                vec![0, 1, 2, 3, 4, 5],
            );
            grid.push(
                [s.read, s.written(), s.inserted, s.updated, s.unchanged, s.rejected]
                    .iter()
                    .map(u64::to_string)
                    .collect(),
            );
            let mut notes = Vec::new();
            if let Some(path) = &s.rejects_file {
                notes.push(format!("{} rejected rows, with the reason, are in {}.", s.rejected, path.display()));
            }
            if s.written() > 0 {
                notes.push("Run `ladder score` to place the changed customers on the ladder.".to_owned());
            }
            print(args.format.format, &s, &[("", &grid)], &notes)
        }
        Command::Score(args) => {
            let store = open_store(&cli.database, false)?;
            let as_of = parse_as_of(args.as_of.as_deref())?;
            // The flags override the shop's stored thresholds (the web app's settings page).
            let mut thresholds = ladder_app::settings::thresholds(store.as_ref())?;
            let rules = &mut thresholds.rules;
            rules.active_p_alive = args.active_p_alive.unwrap_or(rules.active_p_alive);
            rules.at_risk_p_alive = args.at_risk_p_alive.unwrap_or(rules.at_risk_p_alive);
            rules.lapsed_p_alive = args.lapsed_p_alive.unwrap_or(rules.lapsed_p_alive);
            thresholds.min_repeat_customers = args.min_repeat_customers.unwrap_or(thresholds.min_repeat_customers);
            if let Some(problem) = thresholds.problem() {
                let r = &thresholds.rules;
                if problem.is_p_alive() {
                    bail!(
                        "the P(alive) thresholds must satisfy 0 ≤ lapsed ≤ at risk ≤ active ≤ 1 (got {}, {}, {})",
                        r.lapsed_p_alive,
                        r.at_risk_p_alive,
                        r.active_p_alive
                    );
                }
                bail!("the stored scoring thresholds cannot be used: {problem}; correct them on the settings page");
            }
            let mut options = ladder_app::score::ScoreOptions {
                rules: thresholds.rules,
                min_repeat_customers: thresholds.min_repeat_customers,
                ..Default::default()
            };
            if let Some(shard) = &args.shard {
                let parsed = shard
                    .split_once('/')
                    .and_then(|(k, n)| Some((k.trim().parse::<u32>().ok()?, n.trim().parse::<u32>().ok()?)));
                match parsed {
                    Some((k, n)) if n > 0 && k < n => options.shard = Some((k, n)),
                    _ => bail!("--shard {shard:?} is not K/N with 0 ≤ K < N, such as 0/4"),
                }
            }
            let s = ladder_app::score::score(store.as_ref(), as_of, &options, Utc::now(), &bar)?;
            let mut grid =
                Grid::new(vec!["as of", "customers", "with orders", "rung changes", "state changes"], vec![1, 2, 3, 4]);
            grid.push(vec![
                s.as_of.to_string(),
                s.customers.to_string(),
                s.buyers.to_string(),
                s.rung_changes.to_string(),
                s.state_changes.to_string(),
            ]);
            let notes = [format!("{}.", capitalise(&s.model.basis)), "See `ladder report ladder`.".to_owned()];
            print(args.format.format, &s, &[("", &grid)], &notes)
        }
        Command::Report(args) => {
            let store = open_store(&cli.database, false)?;
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
                        vec![
                            "order",
                            "customers",
                            "share of buyers",
                            "conversion from previous",
                            "median days from previous",
                        ],
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
                    let paths = ladder_app::analytics::paths(store.as_ref())?;
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
                    let r = ladder_app::analytics::cohorts(store.as_ref())?;
                    let span =
                        r.cohorts.iter().flat_map(|c| c.months.iter().map(|m| m.months_since)).max().unwrap_or(0);
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
                            c.fell.clone(),
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
                            c.reason.clone(),
                        ]);
                    }
                    let mut notes = vec![format!(
                        "{} entries; seasonal categories: {}{}.",
                        r.customers.len(),
                        if r.seasonal_categories.is_empty() {
                            "none".to_owned()
                        } else {
                            r.seasonal_categories.join(", ")
                        },
                        if r.customers.len() > args.limit {
                            format!("; the first {} are shown (--limit)", args.limit)
                        } else {
                            String::new()
                        }
                    )];
                    notes.extend(basis_notes(&r.basis));
                    print(
                        args.format.format,
                        &r,
                        &[(&title("Event buyers and one-off orders", &r.basis), &grid)],
                        &notes,
                    )
                }
            }
        }
        Command::Customer(CustomerCommand::Show { id, format }) => {
            let store = open_store(&cli.database, false)?;
            let Some(detail) = store.customer(&id)? else {
                bail!(
                    "no customer with id {id:?}; `ladder customer list --search TEXT` finds customers by name, email or phone"
                )
            };
            let currency = ladder_app::settings::currency(store.as_ref())?;
            show::customer(&detail, currency.as_deref(), format.format)
        }
        Command::Customer(CustomerCommand::List(args)) => {
            let store = open_store(&cli.database, false)?;
            let query = CustomerQuery {
                search: args.search,
                rung: parse_choice("rung", args.rung.as_deref(), Rung::parse, Rung::names())?,
                state: parse_choice("state", args.state.as_deref(), CustomerState::parse, CustomerState::names())?,
                segment: parse_choice("segment", args.segment.as_deref(), RfmSegment::parse, RfmSegment::names())?,
                country: args.country,
                tag: args.tag,
                sort: match args.sort {
                    SortArg::Id => CustomerSort::Id,
                    SortArg::Name => CustomerSort::Name,
                    SortArg::Spend => CustomerSort::Spend,
                    SortArg::LastOrder => CustomerSort::LastOrder,
                    SortArg::Orders => CustomerSort::Orders,
                },
                limit: args.limit,
                offset: args.offset,
                ..CustomerQuery::default()
            };
            let list = store.list_customers(&query)?;
            let basis = ReportBasis::read(store.as_ref())?;
            let mut grid = Grid::new(
                vec![
                    "id",
                    "name",
                    "email",
                    "phone",
                    "country",
                    "rung",
                    "state",
                    "segment",
                    "orders",
                    "spend",
                    "last order",
                ],
                vec![8, 9],
            );
            for c in &list {
                grid.push(vec![
                    c.customer_id.clone(),
                    c.name.clone(),
                    or_dash(c.email.as_deref()),
                    or_dash(c.phone.as_deref()),
                    or_dash(c.country.as_deref()),
                    or_dash(c.rung.map(Rung::as_str)),
                    or_dash(c.state.map(CustomerState::as_str)),
                    or_dash(c.rfm_segment.map(RfmSegment::as_str)),
                    c.orders.to_string(),
                    basis.money(c.spend_minor),
                    or_dash(c.last_order),
                ]);
            }
            let note = format!(
                "{} customers shown (from {}); --limit and --offset page through.",
                list.len(),
                args.offset + 1
            );
            print(args.format.format, &list, &[("", &grid)], &[note])
        }
        Command::Bench(args) => bench::run(&args, &bar),
        Command::Db(cli::DbCommand::Copy { from, to, format }) => {
            let source = open_store(&from, false)?;
            let target = open_store(&to, true)?;
            let tables = ladder_app::transfer::copy_database(source.as_ref(), target.as_ref(), &bar)?;
            let mut grid = Grid::new(vec!["table", "rows", "checksum", "verified"], vec![1]);
            for t in &tables {
                grid.push(vec![
                    t.table.clone(),
                    t.rows.to_string(),
                    t.checksum.clone(),
                    if t.verified { "yes" } else { "NO" }.to_owned(),
                ]);
            }
            let title =
                format!("Copied {} to {}", ladder_store_postgres::redact(&from), ladder_store_postgres::redact(&to));
            print(
                format.format,
                &tables,
                &[(&title, &grid)],
                &["Every table read back with the same rows and checksum.".to_owned()],
            )
        }
        Command::Migrate => {
            // Opening a store applies the missing migrations, and refuses a schema newer than this build.
            open_store(&cli.database, true)?;
            let shown = ladder_store_postgres::redact(&cli.database);
            println!("The database {shown} is at schema version {}.", ladder_store_sqlite::SCHEMA_VERSION);
            Ok(())
        }
        Command::Clv(command) => clv::run(command, &cli.database),
    }
}

/// The sentence with its first letter in upper case.
fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
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
        notes.push(format!("{}.", capitalise(how)));
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

fn print_ladder(store: &dyn Store, format: Format) -> Result<()> {
    let r = reports::ladder(store)?;
    check_basis(&r.basis)?;
    let rungs = group_grid("rung", &r.rungs, &r.basis);
    let states = group_grid("state", &r.states, &r.basis);
    let rung_title = title("The loyalty ladder", &r.basis);
    print(format, &r, &[(&rung_title, &rungs), ("\nStates", &states)], &basis_notes(&r.basis))
}
