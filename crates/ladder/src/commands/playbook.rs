//! `ladder playbook`: the shop's playbooks — list, show, turn on and off, evaluate a day, their runs and
//! the report of what they changed.

use super::{Ctx, parse_date};
use crate::cli::FormatArg;
use crate::output::{Grid, money, or_dash, print};
use anyhow::{Context, Result};
use clap::Subcommand;
use ladder_app::playbooks::{self, PlaybookChange};
use ladder_domain::playbook::Lift;

#[derive(Debug, Subcommand)]
pub enum PlaybookCommand {
    /// Lists the playbooks: on or off, control share, goal, entered this week, goal rate and lift.
    List {
        #[command(flatten)]
        format: FormatArg,
    },
    /// Shows one playbook: its trigger, conditions and steps.
    Show {
        /// Its key (`second_to_third`).
        key: String,
        #[command(flatten)]
        format: FormatArg,
    },
    /// Turns a playbook on (from now, or reaching back over a catch-up window) or sets its control share.
    Enable {
        /// Its key.
        key: String,
        /// The share kept as a control group, 0 to 100 (service playbooks keep none).
        #[arg(long)]
        control_percent: Option<u32>,
        /// Reach back over this many days of events and dates (0–60; default: from now on).
        #[arg(long, default_value_t = 0)]
        catch_up_days: u32,
    },
    /// Turns a playbook off: nobody enters, its runs wait where they are.
    Disable {
        /// Its key.
        key: String,
    },
    /// Evaluates one day as if it were that day: the daily conditions due, the events of the two days
    /// up to it that no run has handled, and the steps due; writes its runs, tasks and messages before
    /// it returns.
    Run {
        /// The day (YYYY-MM-DD); today in the shop's time zone when not given.
        #[arg(long)]
        as_of: Option<String>,
        /// Write nothing: who would enter and what would happen.
        #[arg(long)]
        dry_run: bool,
        #[command(flatten)]
        format: FormatArg,
    },
    /// Starts a playbook (one that is on) by hand for chosen customers or a saved segment's members;
    /// the worker takes their first steps within a second.
    Start {
        /// The playbook's key.
        key: String,
        /// A customer's id (repeat for more).
        #[arg(long = "customer", value_name = "ID")]
        customers: Vec<String>,
        /// Every member of this saved segment (at most 10,000).
        #[arg(long, value_name = "ID")]
        segment: Option<i64>,
    },
    /// Lists runs, newest first: playbook, customer, status, the day entered, treated or control.
    Runs {
        /// Of this customer.
        #[arg(long)]
        customer: Option<String>,
        /// Of this playbook.
        #[arg(long)]
        playbook: Option<String>,
        /// At most this many.
        #[arg(long, default_value_t = 100)]
        limit: u32,
        #[command(flatten)]
        format: FormatArg,
    },
    /// Per playbook: entered, treated, control, the goal reached in each, lift with its 95 % interval,
    /// revenue per customer, unsubscribes, messages sent and tasks done.
    Report {
        #[command(flatten)]
        format: FormatArg,
    },
}

/// A lift in words: `+4.1 pts [−1.2, 9.4]` or `not enough data yet`.
fn lift_text(lift: Option<Lift>) -> String {
    match lift {
        None => "-".to_owned(),
        Some(Lift::NotEnoughData) => "not enough data yet".to_owned(),
        Some(Lift::Measured { difference, low, high, .. }) => format!("{difference:+.1} pts [{low:.1}, {high:.1}]"),
    }
}

pub fn run(ctx: &Ctx, command: &PlaybookCommand) -> Result<()> {
    let app = ctx.app(false)?;
    let actor = ctx.actor();
    match command {
        PlaybookCommand::List { format } | PlaybookCommand::Report { format } => {
            let today = playbooks::today(&app).map_err(|e| ctx.fail(e))?;
            let lines = playbooks::report(&app, &actor, today).map_err(|e| ctx.fail(e))?;
            let currency = app.store().shop_settings()?.currency.unwrap_or_default();
            let report = matches!(command, PlaybookCommand::Report { .. });
            let mut grid = if report {
                Grid::new(
                    vec![
                        "playbook",
                        "entered",
                        "treated",
                        "control",
                        "goal_treated",
                        "goal_control",
                        "lift",
                        "revenue_treated",
                        "revenue_control",
                        "unsubscribed",
                        "messages",
                        "tasks_done",
                    ],
                    vec![1, 2, 3, 4, 5, 7, 8, 9, 10, 11],
                )
            } else {
                Grid::new(
                    vec!["playbook", "on", "control", "goal", "entered_this_week", "goal_rate", "lift"],
                    vec![2, 4, 5],
                )
            };
            for l in &lines {
                if report {
                    grid.push(vec![
                        l.playbook.clone(),
                        l.entered.to_string(),
                        l.treated.to_string(),
                        l.control.to_string(),
                        l.treated_goal.to_string(),
                        l.control_goal.to_string(),
                        lift_text(l.lift),
                        or_dash(l.revenue_per_treated_minor.map(|m| money(m, &currency))),
                        or_dash(l.revenue_per_control_minor.map(|m| money(m, &currency))),
                        format!("{} / {}", l.treated_unsubscribed, l.control_unsubscribed),
                        l.messages_sent.to_string(),
                        l.tasks_done.to_string(),
                    ]);
                } else {
                    grid.push(vec![
                        l.playbook.clone(),
                        if l.enabled { "on" } else { "off" }.to_owned(),
                        format!("{} %", l.control_percent),
                        l.goal.unwrap_or("-").to_owned(),
                        l.entered_this_week.to_string(),
                        or_dash(l.goal_rate.map(|r| format!("{r:.1} %"))),
                        lift_text(l.lift),
                    ]);
                }
            }
            let notes = if report {
                vec!["Goal and revenue count within each playbook's window after entering; lift is treated minus control, in percentage points, with a 95 % interval.".to_owned()]
            } else {
                Vec::new()
            };
            print(format.format, &lines, &[("Playbooks", &grid)], &notes)
        }
        PlaybookCommand::Show { key, format } => {
            let p = playbooks::get(app.store(), key).map_err(|e| ctx.fail(e))?;
            if format.format == crate::cli::Format::Table {
                use ladder_app::playbooks::words;
                let (lang, store) = (ctx.lang(), app.store());
                let segments = store.segments()?.into_iter().map(|s| (s.id, s.name)).collect();
                let currency = ladder_app::shop::money(store)?;
                let money = |minor: i64| match &currency {
                    Some(c) => ladder_i18n::format::format_money(lang, minor, c.code(), c.exponent().into()),
                    None => minor.to_string(),
                };
                let plain = |s: String| ladder_i18n::plain(&s);
                println!("{} ({})", p.key, if p.enabled { "on" } else { "off" });
                for t in &p.triggers {
                    println!("  when:    {}", plain(words::trigger(lang, t, &segments)));
                }
                for c in words::conditions(lang, &p.conditions, &segments, &money) {
                    println!("  who:     {}", plain(c));
                }
                for (i, s) in p.steps.iter().enumerate() {
                    println!("  step {}:  {}", i + 1, plain(words::step(lang, s)));
                }
                println!("  goal:    {} within {} days", p.goal.map_or("none", |g| g.as_str()), p.goal_days);
                println!("  control: {} %", p.control_percent);
                return Ok(());
            }
            print(format.format, &p, &[], &[])
        }
        PlaybookCommand::Enable { key, control_percent, catch_up_days } => {
            let ch = PlaybookChange {
                enabled: Some(true),
                control_percent: *control_percent,
                catch_up_days: *catch_up_days,
                definition: None,
            };
            let p = playbooks::set(&app, &actor, key, &ch).map_err(|e| ctx.fail(e))?;
            println!("{} is on, with {} % kept as a control group.", p.key, p.control_percent);
            Ok(())
        }
        PlaybookCommand::Disable { key } => {
            let ch = PlaybookChange { enabled: Some(false), ..PlaybookChange::default() };
            let p = playbooks::set(&app, &actor, key, &ch).map_err(|e| ctx.fail(e))?;
            println!("{} is off: nobody enters it; its runs wait where they are.", p.key);
            Ok(())
        }
        PlaybookCommand::Run { as_of, dry_run, format } => {
            let day = match as_of {
                Some(v) => parse_date("as-of", v)?,
                None => playbooks::today(&app).map_err(|e| ctx.fail(e))?,
            };
            let e = playbooks::evaluate(&app, &actor, day, *dry_run, &ctx.bar).map_err(|e| ctx.fail(e))?;
            let mut grid = Grid::new(
                vec!["playbook", "treated", "control", "messages", "tasks", "skipped", "reached", "left"],
                vec![1, 2, 3, 4, 5, 6, 7],
            );
            for p in &e.playbooks {
                grid.push(vec![
                    p.playbook.clone(),
                    p.treated.to_string(),
                    p.control.to_string(),
                    p.messages.to_string(),
                    p.tasks.to_string(),
                    p.skipped.to_string(),
                    p.reached.to_string(),
                    p.left.to_string(),
                ]);
            }
            let mut notes = Vec::new();
            if *dry_run {
                notes.push(format!("A dry run of {day}: nothing was written."));
                for p in &e.playbooks {
                    for x in &p.examples {
                        notes.push(format!(
                            "{}: {} ({}) — {}",
                            p.playbook,
                            x.customer_id,
                            x.group.as_str(),
                            x.steps.join("; ")
                        ));
                    }
                }
            }
            let title = format!("Playbooks on {day}");
            print(format.format, &e, &[(&title, &grid)], &notes)
        }
        PlaybookCommand::Start { key, customers, segment } => {
            let mut ids = customers.clone();
            if let Some(id) = segment {
                let store = app.store();
                let saved = store.segment(*id)?.with_context(|| format!("--segment {id}: no such segment"))?;
                let rule = ladder_app::segments::rule(&saved)?;
                let exponent = ladder_app::segments::currency_exponent(store)?;
                let query = ladder_store::CustomerQuery {
                    limit: ladder_app::playbooks::MANUAL_MAX as u32 + 1,
                    offset: 0,
                    ..ladder_app::segments::query(&rule, exponent)
                };
                ids.extend(store.list_customers(&query)?.into_iter().map(|c| c.customer_id));
            }
            let started = playbooks::start(&app, &actor, key, &ids).map_err(|e| ctx.fail(e))?;
            println!(
                "{key}: {started} runs started of {} customers (a customer started today already is not started again).",
                ids.len()
            );
            Ok(())
        }
        PlaybookCommand::Runs { customer, playbook, limit, format } => {
            let runs = playbooks::runs(&app, &actor, customer.as_deref(), playbook.as_deref(), (*limit).min(100_000))
                .map_err(|e| ctx.fail(e))?;
            let mut grid = Grid::new(
                vec!["id", "playbook", "customer_id", "status", "entered_on", "group", "step", "next", "ended"],
                vec![0, 6],
            );
            for r in &runs {
                grid.push(vec![
                    r.id.to_string(),
                    r.playbook.clone(),
                    r.customer_id.clone(),
                    r.status.as_str().to_owned(),
                    r.entered_on.to_string(),
                    r.group.as_str().to_owned(),
                    r.step.to_string(),
                    or_dash(r.next_at.map(|t| t.format("%Y-%m-%d %H:%M"))),
                    or_dash(r.ended_reason.clone()),
                ]);
            }
            print(format.format, &runs, &[("", &grid)], &[])
        }
    }
}
