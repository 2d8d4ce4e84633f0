//! `ladder consent`: a customer's consent recorded by hand with how and on what evidence it was given,
//! and their consent ledger — through the same use-case as every other write.

use super::Ctx;
use crate::cli::{Format, FormatArg};
use crate::output::{Grid, print};
use anyhow::{Context, Result};
use clap::{Args, Subcommand};
use ladder_app::consent::{ConsentChange, history, record};
use ladder_domain::Channel;
use ladder_domain::consent::{ConsentEvent, ConsentMethod, LegalBasis, Purpose};

#[derive(Debug, Subcommand)]
pub enum ConsentCommand {
    /// Records that the customer gave consent.
    Grant(Answer),
    /// Records that the customer withdrew consent (effective at once).
    Withdraw(Answer),
    /// Prints the customer's consent ledger, oldest first.
    History {
        /// The customer's id.
        customer_id: String,
        #[command(flatten)]
        format: FormatArg,
    },
}

/// One answer of a customer.
#[derive(Debug, Args)]
pub struct Answer {
    /// The customer's id.
    customer_id: String,
    /// email, sms, phone, mail or fax.
    #[arg(long)]
    channel: String,
    /// marketing or newsletter.
    #[arg(long, default_value = "marketing")]
    purpose: String,
    /// Where it was given, in your words ("phone call", "till", "signed form").
    #[arg(long)]
    source: String,
    /// The evidence: the wording shown, who took it, a form's reference.
    #[arg(long)]
    evidence: Option<String>,
    /// How: staff, form, checkout, import, api, reply_stop, one_click, preference_page or complaint.
    #[arg(long, default_value = "staff")]
    method: String,
    /// What it rests on: consent, existing_customer or imported (default: the method's usual one).
    #[arg(long)]
    basis: Option<String>,
    #[command(flatten)]
    format: FormatArg,
}

fn parsed<T>(flag: &str, value: &str, parse: fn(&str) -> Option<T>, names: String) -> Result<T> {
    parse(value).with_context(|| format!("--{flag} {value:?} is not one of {names}"))
}

pub fn run(ctx: &Ctx, command: &ConsentCommand) -> Result<()> {
    let (answer, granted) = match command {
        ConsentCommand::Grant(a) => (a, true),
        ConsentCommand::Withdraw(a) => (a, false),
        ConsentCommand::History { customer_id, format } => {
            let app = ctx.app(false)?;
            let ledger = history(&app, &ctx.actor(), customer_id).map_err(|e| ctx.fail(e))?;
            return print_ledger(format.format, &ledger);
        }
    };
    let change = ConsentChange {
        channel: parsed("channel", &answer.channel, Channel::parse, Channel::names())?,
        purpose: parsed("purpose", &answer.purpose, Purpose::parse, Purpose::names())?,
        granted,
        method: parsed("method", &answer.method, ConsentMethod::parse, ConsentMethod::names())?,
        basis: answer
            .basis
            .as_deref()
            .map(|b| parsed("basis", b, LegalBasis::parse, LegalBasis::names()))
            .transpose()?,
        source: answer.source.clone(),
        evidence: answer.evidence.clone(),
    };
    let app = ctx.app(true)?;
    let ledger = record(&app, &ctx.actor(), &answer.customer_id, &change).map_err(|e| ctx.fail(e))?;
    let verb = if granted { "gave" } else { "withdrew" };
    eprintln!(
        "Recorded: {} {verb} consent to {} by {}.",
        answer.customer_id,
        change.purpose.as_str(),
        change.channel.as_str()
    );
    print_ledger(answer.format.format, &ledger)
}

fn print_ledger(format: Format, ledger: &[ConsentEvent]) -> Result<()> {
    let mut grid =
        Grid::new(vec!["at", "channel", "purpose", "action", "method", "basis", "source", "evidence"], vec![]);
    for e in ledger {
        grid.push(vec![
            e.at.format("%Y-%m-%d %H:%M").to_string(),
            e.channel.as_str().to_owned(),
            e.purpose.as_str().to_owned(),
            e.action.as_str().to_owned(),
            e.method.as_str().to_owned(),
            e.basis.map_or("–", |b| b.as_str()).to_owned(),
            e.source.clone(),
            e.evidence.clone().unwrap_or_default(),
        ]);
    }
    print(format, &ledger, &[("", &grid)], &[])
}
