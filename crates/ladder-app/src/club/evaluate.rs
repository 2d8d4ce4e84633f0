//! The club's evaluation: completed orders earn their points (dated at the order, so pending and expiry
//! follow the order's day), refunded or cancelled orders give them back, points out of time expire, and
//! tiers move — up at once, down after the grace period. Run nightly over every member in ranges of ids
//! (one unit of work per range, set-based reads), and for one member when an order arrives or they join.
//!
//! Each step is written once however often it runs: an order earns once per reason, is reversed once,
//! a lot expires once, and a tier moves only when the decision differs from what is stored. So a job
//! killed half-way and run again finishes the work without doing any of it twice.

use super::rules;
use crate::{Action, Actor, App, AppError, Progress, change, require};
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use chrono_tz::Tz;
use ladder_domain::Permission;
use ladder_domain::club::{ClubRules, EntryKind, OrderForPoints, TierBasis, earn, evaluate_tier, plan_reversal};
use ladder_store::club::{NewEntry, OrderToEarn, TierChange};
use ladder_store::{CustomerId, Tx};
use serde::Serialize;
use std::collections::HashMap;

/// Members per unit of work.
const RANGE: i64 = 50_000;

/// What an evaluation did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Evaluation {
    /// The day evaluated.
    pub day: Option<NaiveDate>,
    /// Points earned by orders (and their bonuses).
    pub earned: i64,
    /// Ledger rows of earned points written.
    pub earn_rows: u64,
    /// Points taken back from refunded or cancelled orders.
    pub reversed: i64,
    /// Points forgiven: spent already, and more than the member had left.
    pub forgiven: i64,
    /// Points expired.
    pub expired: i64,
    /// Members who moved up a tier (or got their first).
    pub moved_up: u64,
    /// Members who moved down.
    pub moved_down: u64,
}

impl Evaluation {
    fn add(&mut self, o: &Evaluation) {
        self.earned = self.earned.saturating_add(o.earned);
        self.earn_rows += o.earn_rows;
        self.reversed = self.reversed.saturating_add(o.reversed);
        self.forgiven = self.forgiven.saturating_add(o.forgiven);
        self.expired = self.expired.saturating_add(o.expired);
        self.moved_up += o.moved_up;
        self.moved_down += o.moved_down;
    }
}

/// Evaluates every member as of `day`: earns, reversals, expiry, tiers.
pub fn evaluate(app: &App, actor: &Actor, day: NaiveDate, progress: &dyn Progress) -> Result<Evaluation, AppError> {
    require(actor, Permission::ManageSettings)?;
    let store = app.store();
    let rules = rules(store)?;
    let currency = crate::shop::currency(store)?.unwrap_or_default();
    let tz = store.shop_settings()?.tz();
    let last = store.club_last_member()?;
    let mut total = Evaluation { day: Some(day), ..Evaluation::default() };
    let started = std::time::Instant::now();
    progress.begin("earning points", u64::try_from(last).ok());
    let mut after = 0i64;
    while after < last {
        let until = after.saturating_add(RANGE).min(last);
        let done =
            change(app, actor, |tx, _| Ok((earn_range(tx, &rules, &currency, tz, after, until, day)?, Vec::new())))?;
        total.add(&done);
        after = until;
        progress.set_position(u64::try_from(after).unwrap_or(0));
    }
    progress.end();
    tracing::info!(seconds = started.elapsed().as_secs_f64(), rows = total.earn_rows, "club: points earned");
    let started = std::time::Instant::now();
    let done = change(app, actor, |tx, now| {
        let mut done = reverse(tx, None, day, now)?;
        done.expired = tx.expire_club_points(day, None, now)?;
        Ok((done, Vec::new()))
    })?;
    total.add(&done);
    tracing::info!(seconds = started.elapsed().as_secs_f64(), expired = done.expired, "club: reversed and expired");
    let started = std::time::Instant::now();
    progress.begin("moving tiers", u64::try_from(last).ok());
    let mut after = 0i64;
    loop {
        let until = after.saturating_add(RANGE).min(last);
        let finishing = until >= last;
        let mut so_far = total;
        let done = change(app, actor, |tx, now| {
            let done = tiers(tx, &rules, &currency, after, until, day, now)?;
            if !finishing {
                return Ok((done, Vec::new()));
            }
            so_far.add(&done);
            let action = Action::ClubEvaluated {
                day,
                earned: so_far.earned,
                reversed: so_far.reversed,
                expired: so_far.expired,
                moved: so_far.moved_up + so_far.moved_down,
            };
            progress.committing(tx, &serde_json::to_string(&so_far).unwrap_or_default())?;
            Ok((done, vec![action]))
        })?;
        total.add(&done);
        after = until;
        progress.set_position(u64::try_from(after).unwrap_or(0));
        if finishing {
            break;
        }
    }
    progress.end();
    tracing::info!(
        seconds = started.elapsed().as_secs_f64(),
        moved = total.moved_up + total.moved_down,
        "club: tiers moved"
    );
    Ok(total)
}

/// Evaluates one member inside the caller's unit of work (they joined, an order arrived).
pub fn evaluate_member(
    tx: &mut dyn Tx,
    rules: &ClubRules,
    currency: &str,
    customer: CustomerId,
    day: NaiveDate,
    now: DateTime<Utc>,
) -> Result<Evaluation, AppError> {
    let tz = tx.shop_settings()?.tz();
    let (after, until) = (customer.0 - 1, customer.0);
    let mut done = earn_range(tx, rules, currency, tz, after, until, day)?;
    done.add(&reverse(tx, Some(customer), day, now)?);
    done.expired = done.expired.saturating_add(tx.expire_club_points(day, Some(customer), now)?);
    done.add(&tiers(tx, rules, currency, after, until, day, now)?);
    done.day = Some(day);
    Ok(done)
}

/// Evaluates, in a unit of work of its own, the customer whose order arrived (when a member) and the
/// member who brought them (a friend's first order rewards them): the job an order enqueues.
pub fn evaluate_one(app: &App, customer: CustomerId) -> Result<Option<Evaluation>, AppError> {
    let store = app.store();
    let mut members = Vec::new();
    if store.club_member(customer)?.is_some() {
        members.push(customer);
    }
    members.extend(store.club_referrer_of(customer)?.filter(|r| *r != customer));
    if members.is_empty() {
        return Ok(None);
    }
    let rules = rules(store)?;
    let currency = crate::shop::currency(store)?.unwrap_or_default();
    let day = super::today(app)?;
    change(app, &Actor::System, |tx, now| {
        let mut done = Evaluation { day: Some(day), ..Evaluation::default() };
        for m in &members {
            done.add(&evaluate_member(tx, &rules, &currency, *m, day, now)?);
        }
        Ok((Some(done), Vec::new()))
    })
}

fn birthday_month(birthday: Option<&str>, month: u32) -> bool {
    birthday.and_then(|b| ladder_domain::date::Birthday::parse(b).ok()).is_some_and(|b| b.month == month)
}

fn lots_of(rules: &ClubRules, o: &OrderToEarn, categories: &[(Option<String>, i64)], tz: Tz) -> Vec<NewEntry> {
    let day = o.ordered_at.with_timezone(&tz).date_naive();
    let order = OrderForPoints {
        total_minor: o.total_minor,
        categories: categories.to_vec(),
        nth: o.nth,
        birthday_month: birthday_month(o.birthday.as_deref(), day.month()),
    };
    let tier = o.tier.as_deref().and_then(|t| rules.tier(t));
    earn(rules, &order, tier)
        .into_iter()
        .map(|line| NewEntry {
            customer: o.customer,
            kind: EntryKind::Earn,
            reason: line.reason.as_str().to_owned(),
            points: line.points,
            at: o.ordered_at,
            available_on: Some(rules.available_on(day)),
            expires_on: rules.expiry.expires_on(day),
            order: Some(o.order),
            reference: None,
            actor: "system".to_owned(),
            note: None,
            unrecovered: 0,
            draws: Vec::new(),
        })
        .collect()
}

/// Earns the points of members in `(after, until]`; lots already out of time on `day` are written
/// expired.
fn earn_range(
    tx: &mut dyn Tx,
    rules: &ClubRules,
    currency: &str,
    tz: Tz,
    after: i64,
    until: i64,
    day: NaiveDate,
) -> Result<Evaluation, AppError> {
    let orders = tx.club_orders_to_earn(after, until, currency)?;
    let mut lots: Vec<NewEntry> = referral_lots(tx, rules, tz, after, until)?;
    if orders.is_empty() && lots.is_empty() {
        return Ok(Evaluation::default());
    }
    let mut categories: HashMap<i64, Vec<(Option<String>, i64)>> = HashMap::new();
    if !rules.category_multipliers.is_empty() {
        for (order, category, amount) in tx.club_order_categories(after, until)? {
            categories.entry(order).or_default().push((category, amount));
        }
    }
    lots.extend(
        orders.iter().flat_map(|o| lots_of(rules, o, categories.get(&o.order).map_or(&[][..], Vec::as_slice), tz)),
    );
    let earned = lots.iter().map(|l| l.points).fold(0i64, i64::saturating_add);
    let written = tx.earn_club_points(&lots, day)?;
    Ok(Evaluation { earned, earn_rows: written.rows, expired: written.expired, ..Evaluation::default() })
}

/// The points a member earns when a friend they brought completes a first order, dated at that order.
fn referral_lots(
    tx: &mut dyn Tx,
    rules: &ClubRules,
    tz: Tz,
    after: i64,
    until: i64,
) -> Result<Vec<NewEntry>, AppError> {
    if rules.bonuses.referral_first_order <= 0 {
        return Ok(Vec::new());
    }
    Ok(tx
        .club_referrals_to_reward(after, until)?
        .into_iter()
        .map(|r| {
            let day = r.ordered_at.with_timezone(&tz).date_naive();
            NewEntry {
                customer: r.referrer,
                kind: EntryKind::Earn,
                reason: ladder_domain::club::EarnReason::Referral.as_str().to_owned(),
                points: rules.bonuses.referral_first_order,
                at: r.ordered_at,
                available_on: Some(rules.available_on(day)),
                expires_on: rules.expiry.expires_on(day),
                order: Some(r.order),
                reference: None,
                actor: "system".to_owned(),
                note: None,
                unrecovered: 0,
                draws: Vec::new(),
            }
        })
        .collect())
}

fn reverse(
    tx: &mut dyn Tx,
    customer: Option<CustomerId>,
    day: NaiveDate,
    now: DateTime<Utc>,
) -> Result<Evaluation, AppError> {
    let mut done = Evaluation::default();
    for r in tx.club_orders_to_reverse(customer)? {
        let own: Vec<_> = tx.club_order_lots(r.customer, r.order)?.into_iter().map(|s| (s.lot, s.spent)).collect();
        let others = tx.club_lots(r.customer)?;
        let plan = plan_reversal(&own, &others, day);
        let entry = NewEntry {
            customer: r.customer,
            kind: EntryKind::Reverse,
            reason: "order_returned".to_owned(),
            points: -plan.points(),
            at: now,
            available_on: None,
            expires_on: None,
            order: Some(r.order),
            reference: None,
            actor: "system".to_owned(),
            note: None,
            unrecovered: plan.unrecovered,
            draws: plan.draws.clone(),
        };
        tx.append_club_entry(&entry)?;
        done.reversed = done.reversed.saturating_add(plan.points());
        done.forgiven = done.forgiven.saturating_add(plan.unrecovered);
    }
    Ok(done)
}

fn tiers(
    tx: &mut dyn Tx,
    rules: &ClubRules,
    currency: &str,
    after: i64,
    until: i64,
    day: NaiveDate,
    now: DateTime<Utc>,
) -> Result<Evaluation, AppError> {
    if rules.tiers.is_empty() {
        return Ok(Evaluation::default());
    }
    let mut done = Evaluation::default();
    let mut changes = Vec::new();
    for f in tx.club_tier_facts(after, until, day, currency)? {
        let value = match rules.tier_basis {
            TierBasis::Spend => f.spend_minor,
            TierBasis::Points => f.points,
        };
        let decision = evaluate_tier(rules, f.tier.as_deref(), f.below_since, value, day);
        let moved =
            decision.moved.as_ref().map(|reason| (f.tier.clone(), serde_json::to_string(reason).unwrap_or_default()));
        if moved.is_none() && decision.below_since == f.below_since {
            continue;
        }
        if moved.is_some() {
            let up = f
                .tier
                .as_deref()
                .and_then(|t| rules.tier_index(t))
                .is_none_or(|held| rules.tier_index(&decision.tier).is_some_and(|to| to > held));
            if up { done.moved_up += 1 } else { done.moved_down += 1 }
        }
        changes.push(TierChange {
            customer: f.customer,
            tier: decision.tier,
            below_since: decision.below_since,
            moved,
            day,
            at: now,
        });
    }
    tx.set_club_tiers(&changes)?;
    Ok(done)
}
