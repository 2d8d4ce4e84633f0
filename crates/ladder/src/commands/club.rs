//! `ladder club`: members and their cards, points (balance, statement, redemptions, adjustments), the
//! nightly evaluation and the club's report.

use super::{Ctx, parse_date};
use crate::cli::{Format, FormatArg};
use crate::output::{Grid, money, or_dash, print};
use anyhow::{Context, Result};
use clap::Subcommand;
use ladder_app::club::{self, Joining, Redemption};
use ladder_i18n::Arg;

#[derive(Debug, Subcommand)]
pub enum ClubCommand {
    /// Enrols a customer: a card number, a referral code, the terms' acceptance recorded (marketing
    /// consent is asked apart). Orders from `--since` earn points at once, dated at the orders.
    Join {
        /// The customer's id.
        id: String,
        /// Orders from this day (YYYY-MM-DD) earn points; default: from today.
        #[arg(long)]
        since: Option<String>,
        /// The referral code of the member who brought them.
        #[arg(long)]
        referral_code: Option<String>,
        #[command(flatten)]
        format: FormatArg,
    },
    /// Enrols every customer who is not a member yet, then evaluates the club (points and tiers).
    Enrol {
        /// Orders from this day earn points; default: from today.
        #[arg(long)]
        since: Option<String>,
        #[command(flatten)]
        format: FormatArg,
    },
    /// Members from a CSV file (`customer_id`, and optionally `joined_at`, `since`, `referral_code`,
    /// `terms_version`): each row the shop's record that the customer accepted the club's terms. The file is
    /// checked whole first; then every new member joins in one unit of work.
    Import {
        /// The CSV file.
        file: std::path::PathBuf,
        #[command(flatten)]
        format: FormatArg,
    },
    /// A member by customer id, card number, email or phone: card, tier, points available, pending and
    /// expiring, perks.
    Show {
        /// Customer id, card number, email or phone.
        member: String,
        /// As of this day (YYYY-MM-DD); default: today.
        #[arg(long)]
        as_of: Option<String>,
        #[command(flatten)]
        format: FormatArg,
    },
    /// Every movement of a member's points, oldest first, with the running balance.
    Statement {
        /// Customer id, card number, email or phone.
        member: String,
        #[command(flatten)]
        format: FormatArg,
    },
    /// Gives (positive) or takes (negative) points by hand, with a reason; audited.
    Adjust {
        /// Customer id, card number, email or phone.
        member: String,
        /// Points, signed (`--points=-20` takes 20).
        #[arg(long, allow_hyphen_values = true)]
        points: i64,
        /// Why.
        #[arg(long)]
        reason: String,
    },
    /// Spends a member's points; the same `--key` again spends nothing and answers as the first time.
    Redeem {
        /// Customer id, card number, email or phone.
        member: String,
        /// Points to spend.
        #[arg(long)]
        points: i64,
        /// The receipt's or order's reference.
        #[arg(long)]
        reference: Option<String>,
        /// An idempotency key: a retried request with it spends once.
        #[arg(long)]
        key: Option<String>,
        #[command(flatten)]
        format: FormatArg,
    },
    /// The member's card as a PDF to print (both sides, the size of a payment card), in their language,
    /// and/or sent to them by email with the link to their card on their phone.
    Card {
        /// Customer id, card number, email or phone.
        member: String,
        /// The PDF to write.
        #[arg(long)]
        output: Option<std::path::PathBuf>,
        /// Email the card to the member (once per card number; the worker sends it).
        #[arg(long)]
        email: bool,
    },
    /// A lost or damaged card: a new number, the old one blocked, the history kept.
    ReplaceCard {
        /// Customer id or card number.
        member: String,
        /// Why (`lost`, `damaged`).
        #[arg(long, default_value = "lost")]
        reason: String,
    },
    /// Earns points for completed orders, reverses refunded and cancelled ones, expires points out of
    /// time and moves tiers; the nightly job runs it.
    Evaluate {
        /// The day (YYYY-MM-DD); default: today in the shop's time zone.
        #[arg(long)]
        as_of: Option<String>,
        #[command(flatten)]
        format: FormatArg,
    },
    /// Members, active members, revenue share, tiers and moves, points issued, redeemed and expired, the
    /// liability and the third-purchase rate of members against everyone else.
    Report {
        /// The 12 months ending on this day; default: today.
        #[arg(long)]
        as_of: Option<String>,
        #[command(flatten)]
        format: FormatArg,
    },
    /// Shows the club's rules as JSON, or saves them from a JSON file (`--set FILE`).
    Rules {
        /// A JSON file of rules to save (as `ladder club rules` prints them).
        #[arg(long)]
        set: Option<std::path::PathBuf>,
    },
}

/// `N points` in the reader's language, with its plural form.
fn points(n: i64) -> String {
    crate::output::message("club-points", &[("count", Arg::Number(n))])
}

fn day_or_today(app: &ladder_app::App, value: Option<&str>, flag: &str) -> Result<chrono::NaiveDate> {
    match value {
        Some(v) => parse_date(flag, v),
        None => Ok(club::today(app)?),
    }
}

pub fn run(ctx: &Ctx, command: &ClubCommand) -> Result<()> {
    let app = ctx.app(false)?;
    let actor = ctx.actor();
    let store = app.store();
    let fail = |e| ctx.fail(e);
    match command {
        ClubCommand::Join { id, since, referral_code, format } => {
            let since = since.as_deref().map(|s| parse_date("since", s)).transpose()?;
            let joining = Joining {
                customer_id: id.clone(),
                since,
                channel: "cli".into(),
                address: None,
                referral_code: referral_code.clone(),
            };
            let view = club::join(&app, &actor, &joining).map_err(fail)?;
            show(ctx, &view, format.format)
        }
        ClubCommand::Enrol { since, format } => {
            let since = day_or_today(&app, since.as_deref(), "since")?;
            let bar = crate::progress::Bar::default();
            let (enrolled, evaluation) = club::enrol_everyone(&app, &actor, since, &bar).map_err(fail)?;
            if format.format == Format::Table {
                println!(
                    "{enrolled} customers joined; {} earned, {} expired",
                    points(evaluation.earned),
                    points(evaluation.expired)
                );
                return Ok(());
            }
            print(format.format, &serde_json::json!({ "enrolled": enrolled, "evaluation": evaluation }), &[], &[])
        }
        ClubCommand::Import { file, format } => {
            let name = file.display().to_string();
            let done =
                club::import::import_members(&app, &actor, file, &name).map_err(|e| super::import::said(ctx, e))?;
            if format.format == Format::Table {
                println!(
                    "{} joined, {} members already; {} earned by their earlier orders",
                    done.joined,
                    done.already,
                    points(done.points)
                );
                return Ok(());
            }
            print(format.format, &done, &[], &[])
        }
        ClubCommand::Show { member, as_of, format } => {
            let m = club::find(store, member).map_err(fail)?;
            let day = day_or_today(&app, as_of.as_deref(), "as-of")?;
            let view = club::view(store, &club::rules(store).map_err(fail)?, &m, day).map_err(fail)?;
            show(ctx, &view, format.format)
        }
        ClubCommand::Statement { member, format } => {
            let m = club::find(store, member).map_err(fail)?;
            let lines = club::statement(store, &m).map_err(fail)?;
            let mut grid = Grid::new(
                vec!["at", "kind", "reason", "points", "balance", "order", "available_on", "expires_on", "note"],
                vec![3, 4],
            );
            for l in &lines {
                let e = &l.entry;
                grid.push(vec![
                    e.at.format("%Y-%m-%d %H:%M").to_string(),
                    e.kind.to_string(),
                    e.reason.clone(),
                    format!("{:+}", e.points),
                    l.balance.to_string(),
                    or_dash(e.order_id.clone()),
                    or_dash(e.available_on),
                    or_dash(e.expires_on),
                    or_dash(
                        e.note.clone().or_else(|| (e.unrecovered > 0).then(|| format!("{} forgiven", e.unrecovered))),
                    ),
                ]);
            }
            let title =
                format!("Statement of {} (card {})", m.customer_id, ladder_domain::club::grouped(&m.card_number));
            print(format.format, &lines, &[(&title, &grid)], &[])
        }
        ClubCommand::Adjust { member, points: n, reason } => {
            let entry = club::adjust(&app, &actor, member, *n, reason).map_err(fail)?;
            println!(
                "{} {} ({reason}); ledger row {}",
                if *n > 0 { "gave" } else { "took" },
                points(n.abs()),
                entry.id
            );
            Ok(())
        }
        ClubCommand::Redeem { member, points: n, reference, key, format } => {
            let r = Redemption {
                member: member.clone(),
                points: *n,
                reference: reference.clone(),
                idempotency_key: key.clone(),
            };
            let done = club::redeem(&app, &actor, &r).map_err(fail)?;
            if format.format == Format::Table {
                let again = if done.replayed { " (already done: nothing spent now)" } else { "" };
                println!(
                    "{} spent by {}{again}; {} left",
                    points(done.points),
                    done.customer_id,
                    points(done.points_balance)
                );
                return Ok(());
            }
            print(format.format, &done, &[], &[])
        }
        ClubCommand::Card { member, output, email } => {
            if let Some(output) = output {
                let (_, pdf) = club::card::card_pdf(&app, member).map_err(fail)?;
                std::fs::write(output, pdf).with_context(|| format!("cannot write {}", output.display()))?;
                println!("{}", output.display());
            }
            if *email {
                let (message, new) = club::card::send_card(&app, &actor, member).map_err(fail)?;
                let how = match (&message.status, new) {
                    (_, false) => "already asked for this card: nothing new".to_owned(),
                    (ladder_domain::messaging::OutboxStatus::Skipped, _) => {
                        format!("not sent: {}", message.reason.as_deref().unwrap_or("skipped"))
                    }
                    _ => "queued for the worker to send".to_owned(),
                };
                println!("card email {} to {}: {how}", message.id, message.customer_id);
            }
            if output.is_none() && !*email {
                anyhow::bail!("say what to do with the card: --output FILE.pdf, --email, or both");
            }
            Ok(())
        }
        ClubCommand::ReplaceCard { member, reason } => {
            let m = club::replace_card(&app, &actor, member, reason).map_err(fail)?;
            println!("{}", m.card_number);
            Ok(())
        }
        ClubCommand::Evaluate { as_of, format } => {
            let day = day_or_today(&app, as_of.as_deref(), "as-of")?;
            let bar = crate::progress::Bar::default();
            let done = club::evaluate(&app, &actor, day, &bar).map_err(fail)?;
            if format.format == Format::Table {
                println!(
                    "{day}: {} earned, {} reversed ({} forgiven), {} expired; {} up, {} down a tier",
                    points(done.earned),
                    points(done.reversed),
                    points(done.forgiven),
                    points(done.expired),
                    done.moved_up,
                    done.moved_down
                );
                return Ok(());
            }
            print(format.format, &done, &[], &[])
        }
        ClubCommand::Report { as_of, format } => {
            let day = day_or_today(&app, as_of.as_deref(), "as-of")?;
            let r = club::report(&app, &actor, day).map_err(fail)?;
            let currency = ladder_app::shop::currency(store)?.unwrap_or_default();
            let pct = |v: Option<f64>| or_dash(v.map(|v| format!("{v:.1} %")));
            let f = &r.figures;
            let mut grid = Grid::new(vec!["figure", "value"], vec![1]);
            for (name, value) in [
                ("members", f.members.to_string()),
                ("active members (ordered in 12 months)", f.active_members.to_string()),
                ("members' share of revenue", pct(r.member_revenue_percent)),
                ("points issued (12 months)", f.issued.to_string()),
                ("points redeemed", f.redeemed.to_string()),
                ("points expired", f.expired.to_string()),
                ("redemption rate", pct(r.redemption_percent)),
                ("points outstanding", f.outstanding.to_string()),
                ("liability", money(r.liability_minor, &currency)),
                ("3rd purchase: members", pct(r.members_third_purchase_percent)),
                ("3rd purchase: others", pct(r.others_third_purchase_percent)),
                ("friends brought by members", f.friends.to_string()),
                ("friends who ordered", f.friends_ordered.to_string()),
                ("3rd purchase: friends", pct(r.friends_third_purchase_percent)),
            ] {
                grid.push(vec![name.to_owned(), value]);
            }
            let mut tiers = Grid::new(vec!["tier", "members"], vec![1]);
            for (tier, n) in &f.by_tier {
                tiers.push(vec![tier.clone(), n.to_string()]);
            }
            let mut moves = Grid::new(vec!["from", "to", "members"], vec![2]);
            for (from, to, n) in &f.moves {
                moves.push(vec![or_dash(from.clone()), to.clone(), n.to_string()]);
            }
            let title = format!("The club, 12 months to {day}");
            print(
                format.format,
                &r,
                &[(&title, &grid), ("Members by tier", &tiers), ("Tier moves", &moves)],
                &["The third-purchase rate is of customers with two completed orders, from the last scoring."
                    .to_owned()],
            )
        }
        ClubCommand::Rules { set } => {
            if let Some(path) = set {
                let text = std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
                let rules: ladder_domain::club::ClubRules = serde_json::from_str(&text).map_err(|e| {
                    anyhow::anyhow!(
                        "{}: line {}, column {}: {e}; start from what `ladder club rules` prints",
                        path.display(),
                        e.line(),
                        e.column()
                    )
                })?;
                club::set_rules(&app, &actor, &rules).map_err(fail)?;
                println!("saved the club's rules");
                return Ok(());
            }
            println!("{}", serde_json::to_string_pretty(&club::rules(store).map_err(fail)?)?);
            Ok(())
        }
    }
}

fn show(ctx: &Ctx, view: &club::MemberView, format: Format) -> Result<()> {
    if format != Format::Table {
        return print(format, view, &[], &[]);
    }
    let _ = ctx;
    let mut grid = Grid::new(vec!["field", "value"], vec![]);
    let expiring =
        view.points_expiring.iter().map(|e| format!("{} on {}", points(e.points), e.on)).collect::<Vec<_>>().join(", ");
    for (field, value) in [
        ("customer_id", view.customer_id.clone()),
        ("card_number", ladder_domain::club::grouped(&view.card_number)),
        ("tier", or_dash(view.tier.clone())),
        ("points_balance", points(view.points_balance)),
        ("points_pending", points(view.points_pending)),
        ("points_expiring", if expiring.is_empty() { "-".to_owned() } else { expiring }),
        (
            "perks",
            or_dash(
                Some(view.perks.iter().map(|p| p.as_str()).collect::<Vec<_>>().join(", ")).filter(|s| !s.is_empty()),
            ),
        ),
        ("referral_code", view.referral_code.clone()),
    ] {
        grid.push(vec![field.to_owned(), value]);
    }
    print(format, view, &[("Member", &grid)], &[])
}
