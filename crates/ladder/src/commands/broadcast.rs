//! `ladder broadcast`: compose a broadcast (a template to an audience on a channel), see who will
//! receive it and who will not, send it (a job enqueues its messages), and see what became of it.

use super::Ctx;
use crate::cli::FormatArg;
use crate::output::{Grid, print};
use anyhow::{Context, Result, bail};
use clap::Subcommand;
use ladder_app::broadcasts::{self, BroadcastDraft};
use ladder_domain::broadcast::{Audience, cause};
use ladder_domain::{Channel, CustomerState, Rung};
use serde::Serialize;

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

/// A broadcast with its counts, as `show` prints it.
#[derive(Debug, Serialize)]
struct Shown {
    #[serde(flatten)]
    broadcast: ladder_domain::broadcast::Broadcast,
    /// For a draft: what sending it now would do.
    #[serde(skip_serializing_if = "Option::is_none")]
    forecast: Option<broadcasts::Forecast>,
    /// Once sent: its messages by status and reason.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    messages: Vec<Counted>,
}

#[derive(Debug, Serialize)]
struct Counted {
    status: String,
    reason: Option<String>,
    count: u64,
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
    let broadcast = broadcasts::get(app, &ctx.actor(), id).map_err(|e| ctx.fail(e))?;
    let draft = broadcast.status == ladder_domain::broadcast::BroadcastStatus::Draft;
    let forecast =
        if draft { Some(broadcasts::forecast(app, &ctx.actor(), id).map_err(|e| ctx.fail(e))?) } else { None };
    let messages: Vec<Counted> = app
        .store()
        .outbox_summary(&cause(id))?
        .into_iter()
        .map(|(status, reason, count)| Counted { status: status.as_str().to_owned(), reason, count })
        .collect();
    let mut about = Grid::new(vec!["setting", "value"], vec![]);
    let b = &broadcast;
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
    if let Some(f) = &forecast {
        counts.push(vec!["will go".into(), String::new(), f.send.to_string()]);
        for (reason, n) in &f.held {
            counts.push(vec!["will wait".into(), reason.clone(), n.to_string()]);
        }
        for (reason, n) in &f.skipped {
            counts.push(vec!["will not go".into(), reason.clone(), n.to_string()]);
        }
    }
    for c in &messages {
        counts.push(vec![c.status.clone(), c.reason.clone().unwrap_or_default(), c.count.to_string()]);
    }
    let shown = Shown { broadcast, forecast, messages };
    print(format.format, &shown, &[("", &about), ("Messages", &counts)], &[])
}
