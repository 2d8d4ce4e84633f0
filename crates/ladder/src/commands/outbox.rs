//! `ladder outbox`: the messages enqueued for sending and what became of each.

use super::Ctx;
use crate::cli::FormatArg;
use crate::output::{Grid, print};
use anyhow::{Context, Result};
use clap::Subcommand;
use ladder_domain::messaging::OutboxStatus;
use ladder_store::OutboxQuery;

#[derive(Debug, Subcommand)]
pub enum OutboxCommand {
    /// Shows one message; a sent one with its subject and text exactly as they went.
    Show {
        /// The message's id (`ladder outbox list` shows it).
        id: i64,
        #[command(flatten)]
        format: FormatArg,
    },
    /// Lists messages, newest first: each with its customer, channel, template, status and reason.
    List {
        /// Of this cause (`broadcast:7`, `api:order-1001`).
        #[arg(long, conflicts_with = "broadcast")]
        cause: Option<String>,
        /// Of this broadcast.
        #[arg(long)]
        broadcast: Option<i64>,
        /// To this customer.
        #[arg(long)]
        customer: Option<String>,
        /// queued, held, sending, sent, skipped, failed or bounced.
        #[arg(long)]
        status: Option<String>,
        /// email, sms, phone, mail or fax.
        #[arg(long)]
        channel: Option<String>,
        /// At most this many.
        #[arg(long, default_value_t = 100)]
        limit: u32,
        #[command(flatten)]
        format: FormatArg,
    },
}

pub fn run(ctx: &Ctx, command: &OutboxCommand) -> Result<()> {
    if let OutboxCommand::Show { id, format } = command {
        let app = ctx.app(false)?;
        let (message, text) = ladder_app::messages::shown(&app, &ctx.actor(), *id).map_err(|e| ctx.fail(e))?;
        if format.format == crate::cli::Format::Table {
            println!(
                "{} to {} by {} ({} v{}): {}",
                message.message_id,
                message.customer_id,
                message.channel.as_str(),
                message.template,
                message.template_version,
                message.status.as_str()
            );
            match &text {
                Some(t) => {
                    if let Some(subject) = &t.subject {
                        println!("Subject: {subject}");
                    }
                    println!("\n{}", t.body);
                }
                None => println!("(not sent: nothing to show)"),
            }
            return Ok(());
        }
        let value = serde_json::json!({ "message": message, "sent": text });
        return print(format.format, &value, &[], &[]);
    }
    let OutboxCommand::List { cause, broadcast, customer, status, channel, limit, format } = command else {
        unreachable!("a message is shown above");
    };
    let cause = broadcast.map(ladder_domain::broadcast::cause).or_else(|| cause.clone());
    let status = status
        .as_deref()
        .map(|s| {
            OutboxStatus::parse(s).with_context(|| format!("--status {s:?} is not one of {}", OutboxStatus::names()))
        })
        .transpose()?;
    let channel = channel
        .as_deref()
        .map(|c| {
            ladder_domain::Channel::parse(c)
                .with_context(|| format!("--channel {c:?} is not one of {}", ladder_domain::Channel::names()))
        })
        .transpose()?;
    let query = OutboxQuery { cause, customer_id: customer.clone(), status, channel, limit: (*limit).min(100_000) };
    let messages = ctx.store(false)?.outbox(&query)?;
    let mut grid = Grid::new(
        vec!["id", "customer_id", "channel", "template", "status", "reason", "attempts", "created", "sent"],
        vec![0, 6],
    );
    for m in &messages {
        grid.push(vec![
            m.id.to_string(),
            m.customer_id.clone(),
            m.channel.as_str().to_owned(),
            format!("{} v{} ({})", m.template, m.template_version, m.language),
            m.status.as_str().to_owned(),
            m.reason.clone().unwrap_or_default(),
            m.attempts.to_string(),
            m.created_at.format("%Y-%m-%d %H:%M").to_string(),
            m.sent_at.map(|t| t.format("%Y-%m-%d %H:%M").to_string()).unwrap_or_default(),
        ]);
    }
    print(format.format, &messages, &[("", &grid)], &[])
}
