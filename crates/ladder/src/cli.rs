//! The command line: the global flags and the list of commands; each command's own flags live with it in
//! `commands/`, documented for `--help`.

use crate::commands::{
    bench, broadcast, campaign, club, clv, config, consent, customer, db, demo, import, jobs, letters, outbox,
    playbook, report, score, segment, serve, task, template, user, worker,
};
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// Ladder, a retention-first CRM: places every customer on the loyalty ladder from their own history.
#[derive(Debug, Parser)]
#[command(name = "ladder", version, about, long_about = None, propagate_version = true)]
pub struct Cli {
    /// The database: a SQLite file path (or sqlite://PATH), or postgres://USER@HOST/DB [env:
    /// LADDER_DATABASE_URL] [default: ladder.db].
    #[arg(long, global = true, value_name = "URL|PATH")]
    pub database: Option<String>,

    /// The configuration file [env: LADDER_CONFIG] [default: ladder.toml when there is one].
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,

    /// The language of reasons and messages: en, he, fa or ru [env: LADDER_LANG] [default: en].
    #[arg(long, global = true, value_name = "LANG")]
    pub lang: Option<String>,

    /// How log lines on standard error look: text or json [env: LADDER_LOG_FORMAT] [default: text].
    #[arg(long, global = true, value_name = "FORMAT")]
    pub log_format: Option<String>,

    /// Print tables as wide as they are, instead of fitting them into 120 columns (a wide table is
    /// otherwise split into tables that each repeat its first column).
    #[arg(long, global = true)]
    pub wide: bool,

    #[command(subcommand)]
    pub command: Command,
}

impl Cli {
    /// The settings the flags give, by configuration key, for the configuration's top layer.
    pub fn settings(&self) -> Vec<(&'static str, &'static str, String)> {
        let mut flags = Vec::new();
        let mut put = |key, flag, value: Option<String>| {
            if let Some(value) = value {
                flags.push((key, flag, value));
            }
        };
        put("database", "database", self.database.clone());
        put("lang", "lang", self.lang.clone());
        put("log.format", "log-format", self.log_format.clone());
        match &self.command {
            Command::Serve(args) => {
                put("serve.bind", "bind", args.bind.clone());
                put("serve.secure_cookies", "secure-cookies", args.secure_cookies.then(|| "true".to_owned()));
                put(
                    "serve.trusted_proxy",
                    "trusted-proxy",
                    (!args.trusted_proxy.is_empty()).then(|| args.trusted_proxy.join(",")),
                );
                put("serve.worker", "no-worker", args.no_worker.then(|| "false".to_owned()));
                put("worker.concurrency", "concurrency", args.concurrency.map(|n| n.to_string()));
                put("worker.lease_seconds", "lease-seconds", args.lease_seconds.map(|n| n.to_string()));
            }
            Command::Worker(args) => {
                put("worker.concurrency", "concurrency", args.concurrency.map(|n| n.to_string()));
                put("worker.lease_seconds", "lease-seconds", args.lease_seconds.map(|n| n.to_string()));
            }
            _ => {}
        }
        flags
    }
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
    Demo(demo::DemoArgs),
    /// Imports a CSV file; all or nothing unless --skip-invalid.
    Import(import::ImportArgs),
    /// Places every customer on the ladder and computes state, lifecycle stage and RFM.
    Score(score::ScoreArgs),
    /// Prints a report of the last scoring.
    Report(report::ReportArgs),
    /// Shows or lists customers.
    #[command(subcommand)]
    Customer(customer::CustomerCommand),
    /// The messages enqueued for sending, and what became of each.
    #[command(subcommand)]
    Outbox(outbox::OutboxCommand),
    /// Broadcasts: a template to an audience (a segment, a rung, everyone, the newsletter's subscribers).
    #[command(subcommand)]
    Broadcast(broadcast::BroadcastCommand),
    /// Playbooks: systematic follow-ups — list, show, turn on and off, evaluate a day, runs and report.
    #[command(subcommand)]
    Playbook(playbook::PlaybookCommand),
    /// The customer club: members and cards, points (balance, statement, redeem, adjust), tiers, report.
    #[command(subcommand)]
    Club(club::ClubCommand),
    /// Tasks: the team's work queue — list, done, snooze, skip, assign.
    #[command(subcommand)]
    Task(task::TaskCommand),
    /// Printed letters: the day's as one PDF with address labels; marking them posted records the contact.
    #[command(subcommand)]
    Letters(letters::LettersCommand),
    /// Message templates: add (a new version), list, show and preview for a customer.
    #[command(subcommand)]
    Template(template::TemplateCommand),
    /// Consent recorded by hand, and a customer's consent ledger.
    #[command(subcommand)]
    Consent(consent::ConsentCommand),
    /// Saved customer filters: list them, see who is in one, create and delete them.
    #[command(subcommand)]
    Segment(segment::SegmentCommand),
    /// Measures import and scoring on a generated shop, or the job queue (`ladder bench jobs`).
    Bench(bench::BenchArgs),
    /// Brings the database's schema up to this version of Ladder and prints the version.
    Migrate,
    /// Database operations.
    #[command(subcommand)]
    Db(db::DbCommand),
    /// Lifetime value: fit BG/NBD, Pareto/NBD and Gamma-Gamma, predict, validate.
    #[command(subcommand)]
    Clv(clv::ClvCommand),
    /// Runs the web app, the JSON API and a worker for background jobs (Ctrl-C stops them).
    Serve(serve::ServeArgs),
    /// Runs background jobs (scorings, imports) as they come due, until Ctrl-C.
    Worker(worker::WorkerArgs),
    /// Background jobs: list them, see one, retry or cancel.
    #[command(subcommand)]
    Jobs(jobs::JobsCommand),
    /// The people who sign in to the web app.
    #[command(subcommand)]
    User(user::UserCommand),
    /// Campaigns: what each cost, brought and acquired, and whether those customers came back.
    #[command(subcommand)]
    Campaign(campaign::CampaignCommand),
    /// The configuration in effect.
    #[command(subcommand)]
    Config(config::ConfigCommand),
}
