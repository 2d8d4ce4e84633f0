//! `ladder bench broadcast` and `ladder bench smtp`: the messaging paths at scale.
//!
//! `broadcast` generates a shop (customers and their orders), imports it, then measures a personalised
//! broadcast to everyone: its forecast (who would receive it and why not, written nowhere) and its
//! sending job, which decides for each customer — address, suppression, consent, the channel's window,
//! the marketing cap, quiet hours, the days after a purchase — and enqueues every message in one unit
//! of work. With `--smtp`, the dispatcher then delivers them.
//!
//! `smtp` sends generated messages through Ladder's SMTP transport to a sink (Postfix's `smtp-sink`),
//! 32 at a time as a worker does, unsigned and signed with Ed25519 and RSA-2048 keys made for the run,
//! and runs Postfix's own `smtp-source` against the same sink for comparison when it is installed.

use crate::cli::FormatArg;
use crate::output::{Grid, print};
use anyhow::{Context, Result, bail};
use chrono::Utc;
use clap::Args;
use ladder_app::App;
use ladder_app::broadcasts::{self, BroadcastDraft};
use ladder_app::delivery::{DeliveryOptions, Dispatcher, Outgoing, Transport, Transports};
use ladder_app::demo::{CSV_FILES, CsvSink, DemoOptions, generate};
use ladder_app::import::{ImportKind, ImportOptions, import_file};
use ladder_app::templates::TemplateDraft;
use ladder_channels::email::{DkimSettings, SmtpMailer, SmtpSettings};
use ladder_domain::broadcast::{Audience, cause};
use ladder_domain::messaging::{MessagePurpose, OutboxStatus};
use ladder_domain::{Channel, Currency};
use serde::Serialize;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

#[derive(Debug, Args)]
pub struct BroadcastBenchArgs {
    /// Customers in the generated shop.
    #[arg(long, default_value_t = 1_000_000)]
    pub customers: u64,
    /// Measure on this empty PostgreSQL database (postgres://…) instead of a new SQLite file.
    #[arg(long, value_name = "URL")]
    pub postgres: Option<String>,
    /// Then deliver every message through this SMTP server (smtp://127.0.0.1:2525, a sink).
    #[arg(long, value_name = "URL")]
    pub smtp: Option<String>,
    /// Random seed of the generated shop.
    #[arg(long, default_value_t = 7)]
    pub seed: u64,
    #[command(flatten)]
    pub format: FormatArg,
}

#[derive(Debug, Args)]
pub struct SmtpBenchArgs {
    /// The sink's address (start one with `smtp-sink -c 127.0.0.1:2525 1000`).
    #[arg(long, default_value = "127.0.0.1:2525")]
    pub sink: String,
    /// Messages per run.
    #[arg(long, default_value_t = 20_000)]
    pub messages: u64,
    /// Messages in flight at once (a worker's default is 32).
    #[arg(long, default_value_t = 32)]
    pub in_flight: u64,
    /// Connections to the server.
    #[arg(long, default_value_t = 16)]
    pub connections: u32,
    #[command(flatten)]
    pub format: FormatArg,
}

#[derive(Serialize)]
struct Phase {
    phase: String,
    messages: u64,
    seconds: f64,
    per_second: f64,
}

fn phase(name: &str, messages: u64, started: Instant) -> Phase {
    let seconds = started.elapsed().as_secs_f64();
    let p = Phase { phase: name.to_owned(), messages, seconds, per_second: messages as f64 / seconds.max(1e-9) };
    eprintln!("{:<48} {:>10} in {:>8.2} s  {:>10.0}/s", p.phase, p.messages, p.seconds, p.per_second);
    p
}

fn table(title: &str, phases: &[Phase], format: &FormatArg) -> Result<()> {
    let mut grid = Grid::new(vec!["phase", "messages", "seconds", "per second"], vec![1, 2, 3]);
    for p in phases {
        grid.push(vec![
            p.phase.clone(),
            p.messages.to_string(),
            format!("{:.2}", p.seconds),
            format!("{:.0}", p.per_second),
        ]);
    }
    print(format.format, &phases, &[(title, &grid)], &[])
}

pub fn broadcast(ctx: &super::super::Ctx, args: &BroadcastBenchArgs) -> Result<()> {
    let dir = tempfile::tempdir()?;
    let options = DemoOptions {
        seed: args.seed,
        customers: args.customers,
        as_of: Utc::now().date_naive(),
        currency: Currency::parse("USD")?,
        basket: 1,
    };
    eprintln!("Generating and importing a shop of {} customers with their orders…", args.customers);
    let mut sink = CsvSink::create(dir.path())?;
    generate(&options, &mut sink, &ladder_app::progress::NoProgress)?;
    sink.finish()?;
    let target = args.postgres.clone().unwrap_or_else(|| dir.path().join("bench.db").display().to_string());
    let app = App::new(super::super::open_store(&target, true)?);
    if app.store().counts()?.customers > 0 {
        bail!("the benchmark needs an empty database, and {} holds customers", ladder_store_postgres::redact(&target));
    }
    let import = ImportOptions { lang: ctx.lang(), ..ImportOptions::default() };
    for (file, kind) in CSV_FILES.iter().zip([ImportKind::Customers, ImportKind::Orders]) {
        import_file(&app, &ctx.actor(), kind, &dir.path().join(file), &import, &ladder_app::progress::NoProgress)?;
    }
    let mut shop = app.store().shop_settings()?;
    shop.sender.email = Some("hello@shop.example".into());
    ladder_app::shop::save_settings(&app, &ctx.actor(), shop)?;
    for (language, subject, body) in [
        (
            "en",
            "Winter beans, {{ first_name | default(\"friend\") }}",
            "Hello {{ first_name | default(\"friend\") }},\n\nYour last order was on {{ last_purchase.date | default(\"a while ago\") }}. Winter beans are in.\n\n{{ unsubscribe_url }}",
        ),
        ("he", "פולי חורף", "שלום {{ first_name | default(\"לך\") }},\n\nפולי החורף הגיעו.\n\n{{ unsubscribe_url }}"),
    ] {
        let draft = TemplateDraft {
            name: "winter".into(),
            channel: Channel::Email,
            language: language.into(),
            purpose: MessagePurpose::Offer,
            subject: Some(subject.into()),
            body: body.into(),
        };
        ladder_app::templates::add(&app, &ctx.actor(), &draft)?;
    }
    let draft = BroadcastDraft {
        name: None,
        template: "winter".into(),
        channel: Channel::Email,
        audience: Audience::All,
        campaign_code: Some("WINTER".into()),
        send_at: None,
        defer_capped: false,
    };
    let id = broadcasts::create(&app, &ctx.actor(), &draft)?;
    let mut phases = Vec::new();
    let started = Instant::now();
    let forecast = broadcasts::forecast(&app, &ctx.actor(), id)?;
    phases.push(phase("forecast (decide for each, write nothing)", forecast.audience, started));
    let started = Instant::now();
    broadcasts::send(&app, &ctx.actor(), id)?;
    let worker = ladder_app::jobs::worker::Worker::new(
        app.clone(),
        "bench".into(),
        Arc::new(ladder_app::jobs::worker::Handlers::standard()),
        Arc::new(ladder_app::jobs::worker::LiveJobs::default()),
        ladder_app::jobs::worker::WorkerOptions { lease: std::time::Duration::from_secs(3600), ..Default::default() },
    );
    worker.run_due()?;
    let summary = app.store().outbox_summary(&cause(id))?;
    let enqueued: u64 = summary.iter().map(|(_, _, n)| n).sum();
    if enqueued != forecast.audience {
        bail!("{enqueued} messages enqueued for an audience of {}", forecast.audience);
    }
    phases.push(phase("send: decide for each and enqueue (one unit of work)", enqueued, started));
    let queued: u64 = summary.iter().filter(|(s, _, _)| *s == OutboxStatus::Queued).map(|(_, _, n)| n).sum();
    eprintln!("  of which {queued} to go now, the others held or skipped with their reasons:");
    for (status, reason, n) in &summary {
        eprintln!("    {:<8} {:<20} {n}", status.as_str(), reason.as_deref().unwrap_or(""));
    }
    if let Some(url) = &args.smtp {
        let settings =
            SmtpSettings { url: url.clone(), from: "Bench <hello@shop.example>".into(), dkim: None, connections: 16 };
        let transports = Transports { email: Some(Arc::new(SmtpMailer::new(&settings)?)), ..Transports::default() };
        let options = DeliveryOptions { public_url: Some("https://shop.example".into()), ..DeliveryOptions::default() };
        let dispatcher = Dispatcher::new(app.clone(), transports, options)?;
        let started = Instant::now();
        let report = dispatcher.deliver_due()?;
        phases.push(phase("deliver: claim, render, send, record", report.sent, started));
    }
    // The report: its messages by status, and what they brought (unsubscribes, clicks, orders), over
    // every message of the broadcast.
    let started = Instant::now();
    let report = broadcasts::report(&app, &ctx.actor(), id)?;
    let counted: u64 = report.messages.iter().map(|m| m.count).sum();
    phases.push(phase("report: messages by status, and what they brought", counted, started));
    let backend = if args.postgres.is_some() { "PostgreSQL" } else { "SQLite" };
    table(&format!("Ladder bench broadcast: {} customers, {backend}", args.customers), &phases, &args.format)
}

/// A generated message to the sink.
fn message(n: u64, right_to_left: bool) -> Outgoing {
    Outgoing {
        message_id: format!("<ladder.bench.{n}.email@shop.example>"),
        channel: Channel::Email,
        to: format!("customer{n}@example.com"),
        to_name: Some(if right_to_left { "דנה לוי".into() } else { "Dana Levi".into() }),
        language: if right_to_left { "he".into() } else { "en".into() },
        right_to_left,
        subject: Some(if right_to_left { "פרסומת: פולי חורף".into() } else { "Winter beans".into() }),
        body: "Hello Dana,\n\nYour last order was on 3 November 2026. Winter beans are in.\n\n-- \nLadder Coffee, Dizengoff 1\nUnsubscribe: https://shop.example/u/QzE-email-marketing-0123456789abcdef0123456789abcdef".into(),
        purpose: MessagePurpose::Offer,
        unsubscribe_url: Some("https://shop.example/u/QzE-email-marketing-0123456789abcdef0123456789abcdef".into()),
    }
}

fn send_all(mailer: &SmtpMailer, messages: u64, in_flight: u64) -> Result<u64> {
    let next = AtomicU64::new(0);
    let failed = AtomicU64::new(0);
    std::thread::scope(|scope| {
        for _ in 0..in_flight {
            scope.spawn(|| {
                loop {
                    let n = next.fetch_add(1, Ordering::Relaxed);
                    if n >= messages {
                        break;
                    }
                    if mailer.send(&message(n, n.is_multiple_of(2))).is_err() {
                        failed.fetch_add(1, Ordering::Relaxed);
                    }
                }
            });
        }
    });
    let failed = failed.load(Ordering::Relaxed);
    if failed > 0 {
        bail!("{failed} of {messages} messages were not accepted by the sink");
    }
    Ok(messages)
}

fn key_files(dir: &Path) -> Result<(std::path::PathBuf, std::path::PathBuf)> {
    let ed25519 = dir.join("ed25519.key");
    let mut seed = [0u8; 32];
    getrandom::fill(&mut seed).map_err(|e| anyhow::anyhow!("no randomness: {e}"))?;
    use base64::Engine as _;
    std::fs::write(&ed25519, base64::engine::general_purpose::STANDARD.encode(seed))?;
    let rsa = dir.join("rsa.pem");
    let made = std::process::Command::new("openssl")
        .args(["genrsa", "-traditional", "-out"])
        .arg(&rsa)
        .arg("2048")
        .stderr(std::process::Stdio::null())
        .status()
        .context("the RSA key is made with openssl, which is not installed")?;
    if !made.success() {
        bail!("openssl could not make an RSA key");
    }
    Ok((ed25519, rsa))
}

pub fn smtp(args: &SmtpBenchArgs) -> Result<()> {
    let dir = tempfile::tempdir()?;
    let (ed25519, rsa) = key_files(dir.path())?;
    let url = format!("smtp://{}", args.sink);
    let mut phases = Vec::new();
    for (name, key) in [("unsigned", None), ("DKIM Ed25519", Some(&ed25519)), ("DKIM RSA-2048", Some(&rsa))] {
        let settings = SmtpSettings {
            url: url.clone(),
            from: "Ladder Coffee <hello@shop.example>".into(),
            dkim: key.map(|k| DkimSettings {
                selector: "ladder".into(),
                domain: "shop.example".into(),
                key_file: k.clone(),
            }),
            connections: args.connections,
        };
        let mailer = SmtpMailer::new(&settings)?;
        send_all(&mailer, 200, args.in_flight)?;
        let started = Instant::now();
        let sent = send_all(&mailer, args.messages, args.in_flight)?;
        phases.push(phase(&format!("Ladder, {name}, {} in flight", args.in_flight), sent, started));
    }
    // Postfix's own client against the same sink: the server's ceiling on this machine.
    let (host, port) = args.sink.rsplit_once(':').unwrap_or((&args.sink, "25"));
    let started = Instant::now();
    let source = std::process::Command::new("smtp-source")
        .args(["-s", &args.in_flight.min(100).to_string(), "-m", &args.messages.to_string(), "-l", "1024"])
        .args(["-f", "hello@shop.example", "-t", "customer@example.com"])
        .arg(format!("{host}:{port}"))
        .stdout(std::process::Stdio::null())
        .status();
    match source {
        Ok(s) if s.success() => phases.push(phase(
            &format!("Postfix smtp-source, {} sessions", args.in_flight.min(100)),
            args.messages,
            started,
        )),
        _ => eprintln!("(Postfix's smtp-source is not installed here: no figure to compare with)"),
    }
    table(&format!("Ladder bench smtp: {} messages to {}", args.messages, args.sink), &phases, &args.format)
}
