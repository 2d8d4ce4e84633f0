//! `ladder letters print`: the day's letters as one PDF (a letter a page) and, with `--labels`, a sheet
//! of address labels; `--posted` marks them posted, which records the contact.

use super::Ctx;
use anyhow::{Context, Result, bail};
use clap::Subcommand;
use ladder_channels::letter::{Letter, Letterhead, Paper, labels_pdf, letters_pdf};
use std::path::PathBuf;

#[derive(Debug, Subcommand)]
pub enum LettersCommand {
    /// Prints the letters waiting on a day into one PDF.
    Print {
        /// The day (YYYY-MM-DD); the shop's today when not given.
        #[arg(long)]
        date: Option<String>,
        /// The PDF to write.
        #[arg(long, value_name = "FILE.pdf")]
        output: PathBuf,
        /// Also write the address labels here.
        #[arg(long, value_name = "FILE.pdf")]
        labels: Option<PathBuf>,
        /// a4 or letter.
        #[arg(long, default_value = "a4")]
        paper: String,
        /// Mark the printed letters posted: each then counts as a contact.
        #[arg(long)]
        posted: bool,
    },
}

pub fn run(ctx: &Ctx, command: &LettersCommand) -> Result<()> {
    let LettersCommand::Print { date, output, labels, paper, posted } = command;
    let paper = Paper::parse(paper).with_context(|| format!("--paper {paper:?} is not a4 or letter"))?;
    let day = date
        .as_deref()
        .map(|d| ladder_domain::date::parse_date(d).map_err(|e| anyhow::anyhow!("--date {d:?}: {e}; write YYYY-MM-DD")))
        .transpose()?;
    let app = ctx.app(false)?;
    let batch = ladder_app::letters::todays_letters(&app, &ctx.actor(), day).map_err(|e| ctx.fail(e))?;
    for (customer, why) in &batch.skipped {
        eprintln!("No letter for {customer}: {why}.");
    }
    if batch.letters.is_empty() {
        bail!("no letter is waiting on that day; broadcast a template on the mail channel first");
    }
    let shop = app.store().shop_settings()?;
    let head = Letterhead {
        name: if shop.sender.name.trim().is_empty() { shop.name.clone() } else { shop.sender.name.clone() },
        lines: [Some(shop.sender.address.clone()), shop.sender.phone.clone(), shop.sender.email.clone()]
            .into_iter()
            .flatten()
            .filter(|l| !l.trim().is_empty())
            .collect(),
    };
    let letters: Vec<Letter> = batch
        .letters
        .iter()
        .map(|l| Letter {
            address: l.address.clone(),
            date: l.date.clone(),
            body: l.body.clone(),
            right_to_left: l.right_to_left,
            footer: l.footer.clone(),
        })
        .collect();
    let pdf = letters_pdf(&head, &letters, paper).map_err(|e| anyhow::anyhow!(e))?;
    std::fs::write(output, pdf).with_context(|| format!("cannot write {}", output.display()))?;
    if let Some(labels) = labels {
        let addresses: Vec<(Vec<String>, bool)> =
            letters.iter().map(|l| (l.address.clone(), l.right_to_left)).collect();
        let pdf = labels_pdf(&addresses, paper).map_err(|e| anyhow::anyhow!(e))?;
        std::fs::write(labels, pdf).with_context(|| format!("cannot write {}", labels.display()))?;
    }
    eprintln!("{} letter{} written to {}.", letters.len(), if letters.len() == 1 { "" } else { "s" }, output.display());
    if *posted {
        let ids: Vec<i64> = batch.letters.iter().map(|l| l.message_id).collect();
        let n = ladder_app::letters::mark_posted(&app, &ctx.actor(), &ids).map_err(|e| ctx.fail(e))?;
        eprintln!("{n} marked posted.");
    } else {
        eprintln!("Run again with --posted once they are in the post: each then counts as a contact.");
    }
    Ok(())
}
