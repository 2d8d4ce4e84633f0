//! `ladder broadcast`: compose a broadcast (a template to an audience on a channel), see who will
//! receive it and who will not, send it (a job enqueues its messages), and see what became of it.

use super::Ctx;
use crate::cli::FormatArg;
use crate::output::{Grid, money, print};
use anyhow::{Context, Result, bail};
use clap::Subcommand;
use ladder_app::broadcasts::{self, BroadcastDraft};
use ladder_domain::broadcast::Audience;
use ladder_domain::{Channel, CustomerState, Rung};

#[derive(Debug, Subcommand)]
pub enum BroadcastCommand {
    /// Composes a broadcast as a draft and prints its id, with who would receive it now and who not.
    Create {
        /// The template's name.
        #[arg(long)]
        template: String,
        /// email or sms.
        #[arg(long, default_value = "email")]
        channel: String,
        /// A saved segment (its id).
        #[arg(long, conflicts_with_all = ["rung", "all", "newsletter"])]
        segment: Option<i64>,
        /// A rung of the ladder.
        #[arg(long, conflicts_with_all = ["all", "newsletter"])]
        rung: Option<String>,
        /// With --rung: only this state (active, at_risk, lapsed, lost).
        #[arg(long, requires = "rung")]
        state: Option<String>,
        /// Every customer (each still needs consent for an offer).
        #[arg(long, conflicts_with = "newsletter")]
        all: bool,
        /// The newsletter's subscribers on the channel.
        #[arg(long)]
        newsletter: bool,
        /// The campaign code that orders it brings carry.
        #[arg(long)]
        code: Option<String>,
        /// Not before this time (2026-12-24T09:00:00+02:00).
        #[arg(long, value_name = "TIME")]
        at: Option<String>,
        /// Its name (the template's when not given).
        #[arg(long)]
        name: Option<String>,
        /// A message the caps would skip (contacted recently, the marketing cap) waits until they free.
        #[arg(long)]
        defer_capped: bool,
        #[command(flatten)]
        format: FormatArg,
    },
    /// Sends a draft: a job decides for each customer and enqueues the messages; workers send them.
    Send {
        /// The broadcast's id.
        id: i64,
    },
    /// Shows a broadcast: who will receive it (a draft), or what became of its messages.
    Show {
        /// The broadcast's id.
        id: i64,
        #[command(flatten)]
        format: FormatArg,
    },
}

fn audience(
    segment: Option<i64>,
    rung: Option<&str>,
    state: Option<&str>,
    all: bool,
    newsletter: bool,
) -> Result<Audience> {
    Ok(match (segment, rung, all, newsletter) {
        (Some(id), _, _, _) => Audience::Segment { id },
        (_, Some(r), _, _) => Audience::Rung {
            rung: Rung::parse(r).with_context(|| format!("--rung {r:?} is not one of {}", Rung::names()))?,
            state: state
                .map(|s| {
                    CustomerState::parse(s)
                        .with_context(|| format!("--state {s:?} is not one of {}", CustomerState::names()))
                })
                .transpose()?,
        },
        (_, _, true, _) => Audience::All,
        (_, _, _, true) => Audience::Newsletter,
        _ => bail!("say whom it is for: --segment ID, --rung R [--state S], --all or --newsletter"),
    })
}

pub fn run(ctx: &Ctx, command: &BroadcastCommand) -> Result<()> {
    let app = ctx.app(false)?;
    match command {
        BroadcastCommand::Create {
            template,
            channel,
            segment,
            rung,
            state,
            all,
            newsletter,
            code,
            at,
            name,
            defer_capped,
            format,
        } => {
            let channel = Channel::parse(channel)
                .with_context(|| format!("--channel {channel:?} is not one of {}", Channel::names()))?;
            let send_at = at
                .as_deref()
                .map(|t| {
                    ladder_domain::date::parse_timestamp(t)
                        .map_err(|e| anyhow::anyhow!("--at {t:?}: {e}; write a time such as 2026-12-24T09:00:00+02:00"))
                })
                .transpose()?;
            let draft = BroadcastDraft {
                name: name.clone(),
                template: template.clone(),
                channel,
                audience: audience(*segment, rung.as_deref(), state.as_deref(), *all, *newsletter)?,
                campaign_code: code.clone(),
                send_at,
                defer_capped: *defer_capped,
            };
            let id = broadcasts::create(&app, &ctx.actor(), &draft).map_err(|e| ctx.fail(e))?;
            if format.format == crate::cli::Format::Table {
                println!("{id}");
                eprintln!(
                    "Broadcast {id} composed; `ladder broadcast show {id}` says who will receive it, `ladder broadcast send {id}` sends it."
                );
                Ok(())
            } else {
                show(ctx, &app, id, format)
            }
        }
        BroadcastCommand::Send { id } => {
            let job = broadcasts::send(&app, &ctx.actor(), *id).map_err(|e| ctx.fail(e))?;
            eprintln!("Broadcast {id} is being sent (job {job}); a worker enqueues its messages and sends them.");
            Ok(())
        }
        BroadcastCommand::Show { id, format } => show(ctx, &app, *id, format),
    }
}

fn show(ctx: &Ctx, app: &ladder_app::App, id: i64, format: &FormatArg) -> Result<()> {
    let report = broadcasts::report(app, &ctx.actor(), id).map_err(|e| ctx.fail(e))?;
    let mut about = Grid::new(vec!["setting", "value"], vec![]);
    let b = &report.broadcast;
    for (k, v) in [
        ("id", b.id.to_string()),
        ("name", b.name.clone()),
        ("template", b.template.clone()),
        ("channel", b.channel.as_str().to_owned()),
        ("audience", b.audience.describe()),
        ("campaign code", b.campaign_code.clone().unwrap_or_default()),
        ("not before", b.send_at.map(|t| t.to_rfc3339()).unwrap_or_default()),
        ("status", b.status.as_str().to_owned()),
        (
            "enqueued",
            b.enqueued_at.map(|t| format!("{} messages at {}", b.enqueued, t.to_rfc3339())).unwrap_or_default(),
        ),
    ] {
        about.push(vec![k.to_owned(), v]);
    }
    let mut counts = Grid::new(vec!["status", "reason", "messages"], vec![2]);
    if let Some(f) = &report.forecast {
        counts.push(vec!["will go".into(), String::new(), f.send.to_string()]);
        for (reason, n) in &f.held {
            counts.push(vec!["will wait".into(), reason.clone(), n.to_string()]);
        }
        for (reason, n) in &f.skipped {
            counts.push(vec!["will not go".into(), reason.clone(), n.to_string()]);
        }
    }
    for c in &report.messages {
        counts.push(vec![c.status.as_str().to_owned(), c.reason.clone().unwrap_or_default(), c.count.to_string()]);
    }
    let mut texts = Grid::new(vec!["language", "messages", "parts each", "units"], vec![1, 2, 3]);
    if let Some(sms) = report.forecast.as_ref().and_then(|f| f.sms.as_ref()) {
        for v in &sms.variants {
            texts.push(vec![
                v.language.clone(),
                v.messages.to_string(),
                v.length.parts.to_string(),
                v.length.units.to_string(),
            ]);
        }
        let cost = match (sms.cost_minor, &sms.currency) {
            (Some(minor), Some(code)) => money(minor, code),
            _ => "set the price of a part on the shop's settings".to_owned(),
        };
        texts.push(vec!["all".into(), String::new(), sms.parts.to_string(), cost]);
    }
    let mut results = Grid::new(vec!["result", "orders", "customers", "total"], vec![1, 2, 3]);
    if let Some(r) = &report.results {
        let days = broadcasts::RESULTS_WINDOW_DAYS;
        results.push(vec![
            format!("unsubscribed within {days} days"),
            String::new(),
            r.unsubscribed.to_string(),
            String::new(),
        ]);
        for (label, totals) in
            [("with the campaign code", &r.attributed), (&*format!("bought within {days} days"), &r.bought_after)]
        {
            for t in totals.iter() {
                results.push(vec![
                    label.to_owned(),
                    t.orders.to_string(),
                    t.customers.to_string(),
                    money(t.total_minor, &t.currency),
                ]);
            }
        }
    }
    print(
        format.format,
        &report,
        &[("", &about), ("Messages", &counts), ("Text message parts", &texts), ("Results", &results)],
        &[],
    )
}
