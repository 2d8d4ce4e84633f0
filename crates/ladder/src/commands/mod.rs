//! One module per command. Each declares its flags, parses them, calls the use-cases of `ladder-app` as
//! the command line ([`Actor::Cli`]) and prints the outcome; nothing here composes a write or computes
//! what the web app would also need.
//!
//! The scripting contract: a command that creates something prints its id alone on standard output
//! (`--format json`: an object with `id`); progress, hints and notes go to standard error. JSON keys are
//! kept: fields are added, never renamed or removed.

pub mod bench;
pub mod broadcast;
pub mod campaign;
pub mod club;
pub mod clv;
pub mod config;
pub mod consent;
pub mod customer;
pub mod db;
pub mod demo;
pub mod import;
pub mod jobs;
pub mod letters;
pub mod outbox;
pub mod playbook;
pub mod report;
pub mod score;
pub mod segment;
pub mod serve;
pub mod task;
pub mod template;
pub mod user;
pub mod worker;

use crate::cli::{Command, Format};
use crate::config::Config;
use crate::progress::Bar;
use anyhow::{Context, Result, bail};
use chrono::NaiveDate;
use ladder_app::{Actor, App, AppError};
use ladder_domain::validate::FieldError;
use ladder_i18n::{Catalog, Locale};
use ladder_store::Store;
use ladder_store_sqlite::SqliteStore;
use std::sync::Arc;

/// What every command runs with: the configuration and the progress bar.
pub struct Ctx {
    /// The effective configuration.
    pub config: Config,
    /// Progress on standard error.
    pub bar: Bar,
}

impl Ctx {
    /// The database URL or path (to use, never to print: see [`Ctx::shown_database`]).
    pub fn database(&self) -> &str {
        self.config.database.expose()
    }

    /// The database as it may be printed.
    pub fn shown_database(&self) -> String {
        self.config.database.redacted()
    }

    /// The store, creating a new SQLite file only when `create` is set (commands that only read refuse a
    /// path that does not exist).
    pub fn store(&self, create: bool) -> Result<Arc<dyn Store>> {
        open_store(self.database(), create)
    }

    /// The app over the store.
    pub fn app(&self, create: bool) -> Result<App> {
        Ok(App::new(self.store(create)?).with_card_printer(std::sync::Arc::new(ladder_channels::card::PdfCards)))
    }

    /// Who asks: the command line, which can open the database anyway.
    pub fn actor(&self) -> Actor {
        Actor::Cli
    }

    /// The language of reasons and messages.
    pub fn lang(&self) -> Locale {
        self.config.lang
    }

    /// A refused value in the configured language, naming the flag the field comes from.
    pub fn problem(&self, e: &FieldError) -> String {
        ladder_i18n::plain(&catalog().field_error(self.lang(), e, &|field| format!("--{}", field.replace('_', "-"))))
    }

    /// A use-case's error as the command line says it.
    pub fn fail(&self, e: AppError) -> anyhow::Error {
        match e {
            AppError::Invalid(problem) => anyhow::anyhow!("{}", self.problem(&problem)),
            other => anyhow::Error::new(other),
        }
    }
}

/// The messages, loaded once.
pub fn catalog() -> &'static Catalog {
    ladder_i18n::catalog()
}

/// Runs a command.
pub fn run(command: Command, ctx: &Ctx) -> Result<()> {
    match command {
        Command::Demo(args) => demo::run(ctx, &args),
        Command::Import(args) => import::run(ctx, &args),
        Command::Score(args) => score::run(ctx, &args),
        Command::Report(args) => report::run(ctx, &args),
        Command::Customer(command) => customer::run(ctx, command),
        Command::Segment(command) => segment::run(ctx, command),
        Command::Bench(args) => bench::run(ctx, &args),
        Command::Migrate => db::migrate(ctx),
        Command::Db(command) => db::run(ctx, command),
        Command::Clv(command) => clv::run(ctx, command),
        Command::Serve(args) => serve::run(ctx, &args),
        Command::Worker(args) => worker::run(ctx, &args),
        Command::Jobs(command) => jobs::run(ctx, command),
        Command::User(command) => user::run(ctx, &command),
        Command::Consent(command) => consent::run(ctx, &command),
        Command::Template(command) => template::run(ctx, &command),
        Command::Outbox(command) => outbox::run(ctx, &command),
        Command::Broadcast(command) => broadcast::run(ctx, &command),
        Command::Letters(command) => letters::run(ctx, &command),
        Command::Playbook(command) => playbook::run(ctx, &command),
        Command::Task(command) => task::run(ctx, &command),
        Command::Club(command) => club::run(ctx, &command),
        Command::Campaign(command) => campaign::run(ctx, &command),
        Command::Config(command) => config::run(ctx, &command),
    }
}

/// Opens the store that the database URL or path names, creating a new database file only when
/// `create` is set.
pub fn open_store(database: &str, create: bool) -> Result<Arc<dyn Store>> {
    let path = if let Some(rest) = database.strip_prefix("sqlite://").or_else(|| database.strip_prefix("sqlite:")) {
        rest
    } else if database.starts_with("postgres://") || database.starts_with("postgresql://") {
        let shown = ladder_store_postgres::redact(database);
        let store = ladder_store_postgres::PostgresStore::connect(database)
            .with_context(|| format!("cannot open the PostgreSQL database {shown}"))?;
        return Ok(Arc::new(store));
    } else if let Some((scheme, _)) = database.split_once("://") {
        bail!("unknown database scheme {scheme:?}; use a file path, sqlite://PATH or postgres://…")
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
    Ok(Arc::new(store))
}

/// `--as-of`, or today.
pub fn parse_as_of(value: Option<&str>) -> Result<NaiveDate> {
    match value {
        Some(v) => parse_date("as-of", v),
        None => Ok(chrono::Utc::now().date_naive()),
    }
}

/// A date flag.
pub fn parse_date(flag: &str, value: &str) -> Result<NaiveDate> {
    ladder_domain::date::parse_date(value)
        .map_err(|_| anyhow::anyhow!("--{flag} {value:?} is not a date; use YYYY-MM-DD"))
}

/// A flag that names one of a few choices.
pub fn parse_choice<T>(
    flag: &str,
    value: Option<&str>,
    parse: fn(&str) -> Option<T>,
    names: String,
) -> Result<Option<T>> {
    value
        .map(|v| parse(v).ok_or_else(|| anyhow::anyhow!("--{flag} {v:?} is not known; use one of {names}")))
        .transpose()
}

/// Prints a created thing's id: alone on standard output, or as `{"id": …}` with `--format json` (with
/// `extra` fields beside it).
pub fn print_id(format: Format, id: impl Into<serde_json::Value>, extra: serde_json::Value) -> Result<()> {
    use std::io::Write;
    let id: serde_json::Value = id.into();
    let mut out = std::io::stdout().lock();
    if format == Format::Json {
        let mut object = serde_json::json!({ "id": id });
        if let (Some(object), serde_json::Value::Object(more)) = (object.as_object_mut(), extra) {
            object.extend(more);
        }
        serde_json::to_writer_pretty(&mut out, &object)?;
        writeln!(out)?;
    } else if let Some(text) = id.as_str() {
        writeln!(out, "{text}")?;
    } else {
        writeln!(out, "{id}")?;
    }
    Ok(())
}

/// The sentence with its first letter in upper case.
pub fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}
