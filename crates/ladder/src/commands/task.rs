//! `ladder task`: the team's work queue — list, done with an outcome, snooze, skip, assign.

use super::{Ctx, parse_date};
use crate::cli::FormatArg;
use crate::output::{Grid, or_dash, print};
use anyhow::{Context, Result};
use clap::Subcommand;
use ladder_app::playbooks::tasks::{self, TaskAction, TaskFilter};
use ladder_domain::Role;
use ladder_domain::playbook::{TaskOutcome, TaskStatus};

#[derive(Debug, Subcommand)]
pub enum TaskCommand {
    /// Lists tasks, overdue first, then by value at stake: customer, playbook, reason, due day, status.
    List {
        /// Only this user's (by email): theirs, their role's, and those given to nobody yet.
        #[arg(long)]
        assignee: Option<String>,
        /// open, done, snoozed or skipped.
        #[arg(long)]
        status: Option<String>,
        /// Only those due by this day (YYYY-MM-DD).
        #[arg(long)]
        due_by: Option<String>,
        /// Only this customer's.
        #[arg(long)]
        customer: Option<String>,
        /// At most this many.
        #[arg(long, default_value_t = 100)]
        limit: u32,
        #[command(flatten)]
        format: FormatArg,
    },
    /// Marks a task done, with how it went; recorded on the customer's history.
    Done {
        /// The task's id.
        id: i64,
        /// reached, no_answer (it comes back tomorrow), wrong_number, ordered, refused_contact or sent.
        #[arg(long)]
        outcome: Option<String>,
        /// A note for the history.
        #[arg(long)]
        note: Option<String>,
    },
    /// Puts a task away until a day.
    Snooze {
        /// The task's id.
        id: i64,
        /// The day it comes back (YYYY-MM-DD).
        #[arg(long)]
        until: String,
    },
    /// Marks a task not to be done.
    Skip {
        /// The task's id.
        id: i64,
        /// Why.
        #[arg(long)]
        note: Option<String>,
    },
    /// Gives a task to a user (by email) or a role.
    Assign {
        /// The task's id.
        id: i64,
        /// The user's email.
        #[arg(long, conflicts_with = "role")]
        to: Option<String>,
        /// owner, marketing, sales, support or viewer.
        #[arg(long)]
        role: Option<String>,
    },
    /// Mails each user today's digest of their open tasks now (the worker does it every morning when a
    /// mail server is set); a user mailed today is not mailed again.
    Digest,
}

pub fn run(ctx: &Ctx, command: &TaskCommand) -> Result<()> {
    let app = ctx.app(false)?;
    let actor = ctx.actor();
    let (id, action) = match command {
        TaskCommand::Digest => {
            let mailer = crate::channels::transports(&ctx.config, &app)?
                .email
                .context("no mail server is set: set smtp_url and mail_from (LADDER_SMTP_URL, LADDER_MAIL_FROM)")?;
            let summary = ladder_app::playbooks::digest::mail_digests(
                &app,
                mailer.as_ref(),
                ctx.config.messaging.public_url.as_deref(),
            )
            .map_err(|e| anyhow::anyhow!("the digest could not be mailed: {}", e.message))?;
            println!(
                "Mailed {} users their open tasks; {} had theirs today already, {} have nothing to do.",
                summary.mailed, summary.already, summary.nothing
            );
            return Ok(());
        }
        TaskCommand::List { assignee, status, due_by, customer, limit, format } => {
            let status = status
                .as_deref()
                .map(|s| {
                    TaskStatus::parse(s)
                        .with_context(|| format!("--status {s:?} is not one of {}", TaskStatus::names()))
                })
                .transpose()?;
            let due_by = due_by.as_deref().map(|d| parse_date("due-by", d)).transpose()?;
            let filter = TaskFilter {
                assignee: assignee.clone(),
                status,
                due_by,
                customer_id: customer.clone(),
                limit: (*limit).min(100_000),
            };
            let queue = tasks::list(&app, &actor, &filter).map_err(|e| ctx.fail(e))?;
            let mut grid = Grid::new(
                vec![
                    "id",
                    "customer_id",
                    "name",
                    "playbook",
                    "kind",
                    "reason",
                    "due",
                    "status",
                    "assignee",
                    "priority",
                ],
                vec![0, 9],
            );
            for q in &queue {
                let t = &q.task;
                grid.push(vec![
                    t.id.to_string(),
                    t.customer_id.clone(),
                    t.name.clone(),
                    or_dash(t.playbook.clone()),
                    t.kind.as_str().to_owned(),
                    t.reason.clone(),
                    if q.overdue_days > 0 {
                        format!("{} ({} days late)", t.due, q.overdue_days)
                    } else {
                        t.due.to_string()
                    },
                    t.status.as_str().to_owned(),
                    or_dash(t.assignee.clone().or(t.assignee_role.clone())),
                    q.priority.to_string(),
                ]);
            }
            return print(format.format, &queue, &[("Tasks", &grid)], &[]);
        }
        TaskCommand::Done { id, outcome, note } => {
            let outcome = outcome
                .as_deref()
                .map(|o| {
                    TaskOutcome::parse(o)
                        .with_context(|| format!("--outcome {o:?} is not one of {}", TaskOutcome::names()))
                })
                .transpose()?;
            (*id, TaskAction::Done { outcome, note: note.clone() })
        }
        TaskCommand::Snooze { id, until } => (*id, TaskAction::Snooze { until: parse_date("until", until)? }),
        TaskCommand::Skip { id, note } => (*id, TaskAction::Skip { note: note.clone() }),
        TaskCommand::Assign { id, to, role } => {
            let role = role
                .as_deref()
                .map(|r| Role::parse(r).with_context(|| format!("--role {r:?} is not one of {}", Role::names())))
                .transpose()?;
            (*id, TaskAction::Reassign { user: to.clone(), role })
        }
    };
    let task = tasks::act(&app, &actor, id, &action).map_err(|e| ctx.fail(e))?;
    let state = match (task.status, task.snoozed_until) {
        (TaskStatus::Snoozed, Some(until)) => format!("snoozed until {until}"),
        (status, _) => status.as_str().to_owned(),
    };
    println!("Task {} for {} is {state}.", task.id, task.customer_id);
    Ok(())
}
