//! `ladder template`: message templates per channel and language, versioned, previewed for a real
//! customer in their language.

use super::Ctx;
use crate::cli::{Format, FormatArg};
use crate::output::{Grid, print};
use anyhow::{Context, Result};
use clap::Subcommand;
use ladder_app::templates::{Rendered, TemplateDraft, add, preview};
use ladder_domain::Channel;
use ladder_domain::messaging::MessagePurpose;
use std::path::PathBuf;

#[derive(Debug, Subcommand)]
pub enum TemplateCommand {
    /// Saves a template (the same name, channel and language again: a new version).
    Add {
        /// Its name; variants in other languages and channels share it.
        name: String,
        /// email, sms, phone, mail or fax.
        #[arg(long)]
        channel: String,
        /// en, he, fa or ru.
        #[arg(long)]
        lang: String,
        /// The subject (email needs one).
        #[arg(long)]
        subject: Option<String>,
        /// The file holding the body (UTF-8), in the template language: `{{ first_name | default("friend") }}`.
        #[arg(long, value_name = "FILE")]
        body_file: PathBuf,
        /// transactional, service, offer or newsletter.
        #[arg(long, default_value = "offer")]
        purpose: String,
        #[command(flatten)]
        format: FormatArg,
    },
    /// Lists the latest version of every template.
    List {
        #[command(flatten)]
        format: FormatArg,
    },
    /// Shows every version of a template's variants.
    Show {
        /// Its name.
        name: String,
        #[command(flatten)]
        format: FormatArg,
    },
    /// Renders a template for a customer, in their language (or the shop's), as they would receive it.
    Preview {
        /// Its name.
        name: String,
        /// The customer's id.
        #[arg(long)]
        customer: String,
        /// The channel (default: email).
        #[arg(long, default_value = "email")]
        channel: String,
        #[command(flatten)]
        format: FormatArg,
    },
}

fn channel(value: &str) -> Result<Channel> {
    Channel::parse(value).with_context(|| format!("--channel {value:?} is not one of {}", Channel::names()))
}

pub fn run(ctx: &Ctx, command: &TemplateCommand) -> Result<()> {
    match command {
        TemplateCommand::Add { name, channel: ch, lang, subject, body_file, purpose, format } => {
            let body = std::fs::read_to_string(body_file)
                .with_context(|| format!("cannot read {}; give a UTF-8 text file", body_file.display()))?;
            let purpose = MessagePurpose::parse(purpose)
                .with_context(|| format!("--purpose {purpose:?} is not one of {}", MessagePurpose::names()))?;
            let draft = TemplateDraft {
                name: name.clone(),
                channel: channel(ch)?,
                language: lang.trim().to_ascii_lowercase(),
                purpose,
                subject: subject.clone(),
                body,
            };
            let app = ctx.app(true)?;
            let saved = add(&app, &ctx.actor(), &draft).map_err(|e| ctx.fail(e))?;
            eprintln!("Saved {} ({}, {}) as version {}.", saved.name, saved.channel, saved.language, saved.version);
            if format.format == Format::Json {
                return print(Format::Json, &saved, &[], &[]);
            }
            println!("{}", saved.version);
            Ok(())
        }
        TemplateCommand::List { format } => {
            let templates = ctx.store(false)?.templates()?;
            let mut grid = Grid::new(vec!["name", "channel", "language", "version", "purpose", "subject"], vec![3]);
            for t in &templates {
                grid.push(vec![
                    t.name.clone(),
                    t.channel.as_str().to_owned(),
                    t.language.clone(),
                    t.version.to_string(),
                    t.purpose.as_str().to_owned(),
                    t.subject.clone().unwrap_or_default(),
                ]);
            }
            print(format.format, &templates, &[("", &grid)], &[])
        }
        TemplateCommand::Show { name, format } => {
            let versions = ctx.store(false)?.template_versions(name)?;
            anyhow::ensure!(!versions.is_empty(), "no template is named {name:?}; `ladder template list` shows them");
            if format.format == Format::Json {
                return print(Format::Json, &versions, &[], &[]);
            }
            for t in &versions {
                println!(
                    "{} · {} · {} · version {} · {} · {}",
                    t.name,
                    t.channel,
                    t.language,
                    t.version,
                    t.purpose,
                    t.created_at.format("%Y-%m-%d %H:%M")
                );
                if let Some(subject) = &t.subject {
                    println!("Subject: {subject}");
                }
                println!("{}\n", t.body.trim_end());
            }
            Ok(())
        }
        TemplateCommand::Preview { name, customer, channel: ch, format } => {
            let app = ctx.app(false)?;
            let rendered = preview(&app, &ctx.actor(), name, channel(ch)?, customer).map_err(|e| ctx.fail(e))?;
            match rendered {
                Ok(message) => print_message(format.format, &message),
                Err(skipped) => anyhow::bail!("{customer} would get no message from {name}: {}", skipped.reason),
            }
        }
    }
}

fn print_message(format: Format, m: &Rendered) -> Result<()> {
    if format == Format::Json {
        return print(Format::Json, m, &[], &[]);
    }
    eprintln!("{} version {} ({}, {})", m.name, m.version, m.language, m.direction);
    if let Some(subject) = &m.subject {
        println!("Subject: {subject}");
    }
    println!("{}", m.body.trim_end());
    if let Some(sms) = m.sms {
        let encoding = match sms.encoding {
            ladder_domain::sms::SmsEncoding::Gsm7 => "GSM-7",
            ladder_domain::sms::SmsEncoding::Ucs2 => "UCS-2",
        };
        eprintln!("A text message of {} part(s): {} {encoding} units.", sms.parts, sms.units);
    }
    Ok(())
}
