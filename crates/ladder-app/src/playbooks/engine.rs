//! The playbooks' evaluation: one day as if it were that day, or one customer's news at once.
//!
//! A day: the daily triggers checked over every scored customer in one scan; the events dated within
//! the news window (two days by default) that no run has handled; then every run whose step is due,
//! a thousand at a time — each run's steps walked until it waits or ends, the conditions and the goal
//! re-checked before every step, and each thousand's messages, tasks, tags, step log and moves written
//! in one unit of work. Every write is keyed (a run by playbook, customer and occurrence; a step, a task
//! and a message by run and step), so evaluating a day twice, or two workers at once, writes it once.

use super::starter_templates::STARTER_TEMPLATES;
use super::starter_templates_club::CLUB_STARTER_TEMPLATES;
use crate::gate::Gate;
use crate::{Actor, App, AppError, Progress, require};
use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use chrono_tz::Tz;
use ladder_domain::audit::Action;
use ladder_domain::club::{ClubRules, EntryKind, Perk};
use ladder_domain::messaging::{OutboxStatus, PastContact, SkipReason, Verdict, decide};
use ladder_domain::playbook::{
    BranchTest, DailyContext, Facts, Goal, Group, Jump, Playbook, RunStatus, Step, StepOutcome, TaskKind,
    TierDirection, Trigger, check, daily_occurrence, goal_reached, group,
};
use ladder_domain::template::Template;
use ladder_domain::{Channel, InteractionKind, Permission};
use ladder_store::club::{NewEntry, PerkGrant};
use ladder_store::{
    AudienceQuery, CustomerId, CustomerQuery, EventKind, FactsRow, NewMessage, NewRun, NewTask, PlaybookEvent,
    RunAdvance, StepLog, Store,
};
use serde::Serialize;
use std::collections::{HashMap, HashSet};

/// How many days of events count as news: an order, a move or a complaint older than this when first
/// seen (a history import, a server off for long) starts nothing.
pub const NEWS_DAYS: i64 = 2;

/// At most this many missed days are caught up.
pub const CATCH_UP_DAYS: i64 = 7;

/// Runs walked per unit of work.
const CHUNK: u32 = 1000;

/// The starter template a referral-code step sends.
pub const REFERRAL_CODE_TEMPLATE: &str = "club_referral_code";

/// What an evaluation did (or, dry, would do), per playbook.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Evaluation {
    /// The day.
    pub day: Option<NaiveDate>,
    /// Written nowhere.
    pub dry_run: bool,
    /// Per playbook, in the list's order.
    pub playbooks: Vec<PlaybookDay>,
}

/// One playbook's part of an evaluation.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct PlaybookDay {
    /// The key.
    pub playbook: String,
    /// Runs started in the treated group.
    pub treated: u64,
    /// Runs started in the control group.
    pub control: u64,
    /// Messages enqueued (to go now or later).
    pub messages: u64,
    /// Tasks created.
    pub tasks: u64,
    /// Steps skipped (control group, consent, caps, …).
    pub skipped: u64,
    /// Runs that reached their goal.
    pub reached: u64,
    /// Runs that ended because the customer no longer qualified.
    pub left: u64,
    /// A few of those who entered, and what their first steps do.
    pub examples: Vec<Example>,
}

/// One entrant and what happens to them.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Example {
    /// The customer.
    pub customer_id: String,
    /// Treated or control.
    pub group: Group,
    /// What the steps do, in order (`message checkin on email`, `wait 14 days`, `skipped: control group`).
    pub steps: Vec<String>,
    /// The steps (0-based) that would reach the customer or a person today.
    pub acting: Vec<u32>,
}

impl Evaluation {
    fn of(&mut self, key: &str) -> &mut PlaybookDay {
        let i = match self.playbooks.iter().position(|p| p.playbook == key) {
            Some(i) => i,
            None => {
                self.playbooks.push(PlaybookDay { playbook: key.to_owned(), ..PlaybookDay::default() });
                self.playbooks.len() - 1
            }
        };
        &mut self.playbooks[i]
    }

    /// Runs started, messages and tasks, in all.
    pub fn totals(&self) -> (u64, u64, u64) {
        self.playbooks.iter().fold((0, 0, 0), |(r, m, t), p| (r + p.treated + p.control, m + p.messages, t + p.tasks))
    }
}

/// A local time of the shop on a day, in UTC.
fn local(tz: Tz, day: NaiveDate, hour: u32) -> DateTime<Utc> {
    let naive = day.and_hms_opt(hour.min(23), 0, 0).unwrap_or_default();
    tz.from_local_datetime(&naive).earliest().map_or_else(|| naive.and_utc(), |t| t.with_timezone(&Utc))
}

/// Evaluates the days since the last evaluated one up to `today` (at most [`CATCH_UP_DAYS`] back),
/// oldest first: a day the server was off is caught up, a day evaluated is not evaluated again.
pub fn evaluate_due_days(app: &App, actor: &Actor, progress: &dyn Progress) -> Result<Vec<Evaluation>, AppError> {
    let store = app.store();
    let today = app.now().with_timezone(&store.shop_settings()?.tz()).date_naive();
    let first = match store.last_evaluated_day()? {
        Some(last) if last >= today => return Ok(Vec::new()),
        Some(last) => (last + Duration::days(1)).max(today - Duration::days(CATCH_UP_DAYS - 1)),
        None => today,
    };
    let mut out = Vec::new();
    let mut day = first;
    while day <= today {
        out.push(evaluate(app, actor, day, false, progress)?);
        day += Duration::days(1);
    }
    Ok(out)
}

/// Evaluates one day as if it were that day: the daily conditions due on `day`, the events dated within
/// the [`NEWS_DAYS`] up to it that no run has handled, and every step due by its end. Dry, it writes
/// nothing and says who would enter and what would happen.
pub fn evaluate(
    app: &App,
    actor: &Actor,
    day: NaiveDate,
    dry_run: bool,
    progress: &dyn Progress,
) -> Result<Evaluation, AppError> {
    require(actor, if dry_run { Permission::ViewReports } else { Permission::ManageCampaigns })?;
    Engine::new(app, day, None, None)?.run(actor, dry_run, progress)
}

/// A dry run of one playbook on `day`, on or off: who would enter and what would happen, before it is
/// turned on. Writes nothing.
pub fn try_one(app: &App, actor: &Actor, key: &str, day: NaiveDate) -> Result<PlaybookDay, AppError> {
    require(actor, Permission::ViewReports)?;
    let mut report = Engine::new(app, day, None, Some(key))?.run(actor, true, &crate::NoProgress)?;
    Ok(report.playbooks.pop().unwrap_or_else(|| PlaybookDay { playbook: key.to_owned(), ..PlaybookDay::default() }))
}

/// Acts on one customer's news at once (an order posted, a complaint recorded): the events of the last
/// [`NEWS_DAYS`] no run has handled, and their due steps. The job an order or an interaction enqueues.
pub fn run_events(app: &App, customer: CustomerId) -> Result<Evaluation, AppError> {
    let store = app.store();
    let today = app.now().with_timezone(&store.shop_settings()?.tz()).date_naive();
    Engine::new(app, today, Some(customer), None)?.run(&Actor::System, false, &crate::NoProgress)
}

/// Adds the starter templates the shop does not have yet (by name, channel and language), so that the
/// starter playbooks' messages and scripts exist from the first day; returns how many were added.
pub fn ensure_starter_templates(
    store: &dyn Store,
    tx: &mut dyn ladder_store::Tx,
    now: DateTime<Utc>,
) -> Result<u64, AppError> {
    let have: HashSet<(String, Channel, String)> =
        store.templates()?.into_iter().map(|t| (t.name, t.channel, t.language)).collect();
    let mut added = 0;
    for s in STARTER_TEMPLATES.iter().chain(CLUB_STARTER_TEMPLATES) {
        if have.contains(&(s.name.to_owned(), s.channel, s.language.to_owned())) {
            continue;
        }
        tx.add_template(&Template {
            name: s.name.to_owned(),
            channel: s.channel,
            language: s.language.to_owned(),
            version: 1,
            purpose: s.purpose,
            subject: s.subject.map(str::to_owned),
            body: s.body.to_owned(),
            created_at: now,
        })?;
        added += 1;
    }
    Ok(added)
}

/// A run as the walk sees it.
#[derive(Debug, Clone)]
struct RunView {
    id: i64,
    customer: CustomerId,
    group: Group,
    entered_at: DateTime<Utc>,
    orders_at_entry: u32,
    step: u32,
    /// When its step is due (none: now).
    next_at: Option<DateTime<Utc>>,
}

/// What a step asks for that needs the gate or the store.
#[derive(Debug, Clone, PartialEq)]
enum Effect {
    Message { template: String, channel: Channel, fallback: Option<Channel> },
    Task { task: TaskKind, script: Option<String>, due_days: u32 },
    Tag(String),
    Points { points: u32, reason: String },
    Perk { perk: Perk, days: u32 },
}

/// Where a walk left a run.
#[derive(Debug, Clone, PartialEq)]
enum Stop {
    /// Waiting at `step` until `until`.
    Wait { step: u32, until: DateTime<Utc> },
    /// Ended at `step`.
    End { step: u32, status: RunStatus, reason: String },
}

/// A walk: each step's effect or log, and where it stopped.
#[derive(Debug, Clone, PartialEq)]
struct Walk {
    /// Steps logged as they are walked (waits, tags, branches, skips).
    logs: Vec<(u32, StepOutcome, Option<String>)>,
    /// Steps whose outcome the gate or the store decides.
    effects: Vec<(u32, Effect)>,
    stop: Stop,
    /// Nothing to write: a run not due, still qualified.
    unchanged: bool,
}

/// What the walk knows of the shop besides the customer.
struct WalkContext {
    moment: DateTime<Utc>,
    tz: Tz,
    top_decile_clv_minor: Option<i64>,
    /// The club's rules (given points expire as earned ones do).
    club: std::sync::Arc<ClubRules>,
}

/// Walks a run's steps from where it is until it waits or ends: the goal and the conditions first, before
/// every step. Pure: the caller writes what it says.
fn walk(p: &Playbook, run: &RunView, row: &FactsRow, facts: &Facts, in_segment: bool, cx: &WalkContext) -> Walk {
    let mut w = Walk {
        logs: Vec::new(),
        effects: Vec::new(),
        stop: Stop::Wait { step: 0, until: cx.moment },
        unchanged: false,
    };
    let today = cx.moment.with_timezone(&cx.tz).date_naive();
    let mut step = run.step;
    // A conditions' check that ignores the same-goal rule: the run itself has that goal.
    let conditions = ladder_domain::playbook::Conditions { alone_in_goal: false, ..p.conditions.clone() };
    loop {
        if let Some(goal) = p.goal
            && goal != Goal::TaskDone
            && goal_reached(goal, facts, run.orders_at_entry, false, false)
        {
            w.stop = Stop::End { step, status: RunStatus::Reached, reason: goal.as_str().to_owned() };
            return w;
        }
        if let Err(why) = check(&conditions, facts, today, in_segment, false) {
            w.stop = Stop::End { step, status: RunStatus::Left, reason: why.key().to_owned() };
            return w;
        }
        // Not due yet (a customer's news checks their waiting runs): the goal and conditions only.
        if let Some(next) = run.next_at.filter(|t| *t > cx.moment) {
            w.stop = Stop::Wait { step, until: next };
            w.unchanged = true;
            return w;
        }
        let Some(s) = p.steps.get(step as usize) else {
            // Every step taken: a run with a goal waits for it through its window (a task's outcome ends
            // a task-goal run); then it is done.
            let window_end = run.entered_at + Duration::days(i64::from(p.goal_days));
            w.stop = match p.goal {
                Some(Goal::TaskDone) => Stop::Wait { step, until: cx.moment + Duration::days(3650) },
                Some(_) if window_end > cx.moment => Stop::Wait { step, until: window_end },
                _ => Stop::End { step, status: RunStatus::Done, reason: "steps done".to_owned() },
            };
            return w;
        };
        if run.group == Group::Control && s.acts() {
            w.logs.push((step, StepOutcome::Skipped, Some("control group".to_owned())));
            step += 1;
            continue;
        }
        if s.for_members() && !facts.club_member {
            w.logs.push((step, StepOutcome::Skipped, Some("not a club member".to_owned())));
            step += 1;
            continue;
        }
        match s {
            Step::Wait { days, at_hour } => {
                let mut until = cx.moment + Duration::days(i64::from(*days));
                if let Some(hour) = at_hour {
                    until = local(cx.tz, until.with_timezone(&cx.tz).date_naive(), *hour);
                }
                w.logs.push((step, StepOutcome::Done, Some(format!("wait {days} days"))));
                step += 1;
                if until > cx.moment {
                    w.stop = Stop::Wait { step, until };
                    return w;
                }
            }
            Step::Message { template, channel, fallback } => {
                let effect = Effect::Message { template: template.clone(), channel: *channel, fallback: *fallback };
                w.effects.push((step, effect));
                step += 1;
            }
            Step::Task { task, script, due_days, top_decile_only } => {
                let top = cx.top_decile_clv_minor.is_some_and(|edge| row.clv_minor.is_some_and(|v| v >= edge));
                if *top_decile_only && !top {
                    w.logs.push((step, StepOutcome::Skipped, Some("not in the top tenth by value".to_owned())));
                } else {
                    w.effects.push((step, Effect::Task { task: *task, script: script.clone(), due_days: *due_days }));
                }
                step += 1;
            }
            Step::Tag { tag } => {
                w.effects.push((step, Effect::Tag(tag.clone())));
                step += 1;
            }
            Step::GivePoints { points: 0, .. } => {
                w.logs.push((step, StepOutcome::Skipped, Some("no points to give".to_owned())));
                step += 1;
            }
            Step::GivePoints { points, reason } => {
                w.effects.push((step, Effect::Points { points: *points, reason: reason.clone() }));
                step += 1;
            }
            Step::GivePerk { perk, days } => {
                w.effects.push((step, Effect::Perk { perk: *perk, days: *days }));
                step += 1;
            }
            Step::ReferralCode { channel, fallback } => {
                let template = REFERRAL_CODE_TEMPLATE.to_owned();
                w.effects.push((step, Effect::Message { template, channel: *channel, fallback: *fallback }));
                step += 1;
            }
            Step::Branch { test, yes, no } => {
                let answer = match test {
                    BranchTest::Ordered => facts.orders > run.orders_at_entry,
                    BranchTest::Answered => row.last_interaction.is_some_and(|t| t > run.entered_at),
                };
                w.logs.push((step, StepOutcome::Done, Some(if answer { "yes" } else { "no" }.to_owned())));
                match if answer { yes } else { no } {
                    Jump::Next => step += 1,
                    Jump::Skip(n) => step += 1 + n,
                    Jump::End => {
                        w.stop = Stop::End { step: step + 1, status: RunStatus::Done, reason: "branch".to_owned() };
                        return w;
                    }
                }
            }
        }
    }
}

/// The domain's facts from a stored row.
pub(crate) fn facts_of(row: &FactsRow) -> Facts {
    let birthday =
        row.birthday.as_deref().and_then(|b| ladder_domain::Birthday::parse(b).ok()).map(|b| (b.month, b.day));
    let dates = row
        .attributes
        .as_deref()
        .and_then(|a| serde_json::from_str::<std::collections::BTreeMap<String, String>>(a).ok())
        .map(|map| {
            map.into_iter()
                .filter_map(|(name, value)| {
                    let b = ladder_domain::Birthday::parse(&value).ok()?;
                    Some((name, b.year, b.month, b.day))
                })
                .collect()
        })
        .unwrap_or_default();
    Facts {
        orders: row.orders,
        first_order: row.first_order,
        second_order: row.second_order,
        last_order: row.last_order,
        rung: row.rung,
        state: row.state,
        model_gap_days: row.expected_next_order.map(|next| (next - row.scored_on).num_days()),
        clv_minor: row.clv_minor,
        event_buyer: row.event_buyer,
        birthday,
        dates,
        last_contact: row.last_contact.map(|t| t.date_naive()),
        club_member: row.club_member,
        points_expiring: Vec::new(),
    }
}

/// Whether an event starts a playbook's trigger; a move up the ladder counts only when an order dated
/// within the news window caused it (loading history is not news). A tier move's direction follows the
/// order of the club's tiers (a tier no longer in the rules counts as the lowest).
fn starts(trigger: &Trigger, event: &PlaybookEvent, club: &ClubRules) -> bool {
    match (trigger, &event.kind) {
        (Trigger::OrderPlaced, EventKind::Order) => true,
        (Trigger::Rung { from, to }, EventKind::Rung { from: f, to: t, recent_order }) => {
            to == t && from.is_none_or(|from| from == *f) && (t < f || *recent_order)
        }
        (Trigger::StateChange { from, to }, EventKind::State { from: f, to: t }) => {
            to == t && from.is_none_or(|from| from == *f)
        }
        (Trigger::Interaction { interaction }, EventKind::Interaction(kind)) => interaction == kind,
        (Trigger::ReferralFirstOrder, EventKind::ReferralFirstOrder) => true,
        (Trigger::ClubJoined, EventKind::ClubJoined) => true,
        (Trigger::ClubTier { direction, to }, EventKind::ClubTier { from, to: t }) => {
            let rank = |tier: Option<&str>| tier.and_then(|k| club.tier_index(k)).map_or(0, |i| i + 1);
            let up = rank(Some(t)) > rank(from.as_deref());
            let way = if up { TierDirection::Up } else { TierDirection::Down };
            way == *direction && to.as_ref().is_none_or(|to| to == t) && from.as_deref() != Some(t.as_str())
        }
        _ => false,
    }
}

/// One evaluation's state: the playbooks, the shop, and what was read once for all.
struct Engine<'a> {
    app: &'a App,
    store: &'a dyn Store,
    day: NaiveDate,
    customer: Option<CustomerId>,
    playbooks: Vec<Playbook>,
    enabled_since: HashMap<String, DateTime<Utc>>,
    tz: Tz,
    moment: DateTime<Utc>,
    day_end: DateTime<Utc>,
    segments: HashMap<i64, HashSet<CustomerId>>,
    /// The 12-month value from which a customer is in the top tenth, once known (none: nobody has one).
    top_decile: Option<Option<i64>>,
    report: Evaluation,
}

impl<'a> Engine<'a> {
    /// The engine for `day`: every playbook that is on, or `only` this one, on or off (a trial).
    fn new(app: &'a App, day: NaiveDate, customer: Option<CustomerId>, only: Option<&str>) -> Result<Self, AppError> {
        let store = app.store();
        let shop = store.shop_settings()?;
        let tz = shop.tz();
        let now = app.now();
        let moment = if now.with_timezone(&tz).date_naive() == day { now } else { local(tz, day, 9) };
        let day_end = local(tz, day + Duration::days(1), 0) - Duration::seconds(1);
        let settings = store.playbook_settings()?;
        let enabled_since = settings.into_iter().filter_map(|s| Some((s.key, s.enabled_since?))).collect();
        let playbooks: Vec<Playbook> = match only {
            Some(key) => vec![super::get(store, key)?],
            None => super::all(store)?.into_iter().filter(|p| p.enabled).collect(),
        };
        let mut report = Evaluation { day: Some(day), ..Evaluation::default() };
        for p in &playbooks {
            report.of(&p.key);
        }
        Ok(Self {
            app,
            store,
            day,
            customer,
            playbooks,
            enabled_since,
            tz,
            moment,
            day_end,
            segments: HashMap::new(),
            top_decile: None,
            report,
        })
    }

    /// Whether a playbook was on at `at` (turned on later, it does not reach back).
    fn on_at(&self, p: &Playbook, at: DateTime<Utc>) -> bool {
        self.enabled_since.get(&p.key).is_none_or(|since| at >= *since)
    }

    fn load_segments(&mut self) -> Result<(), AppError> {
        let wanted: HashSet<i64> = self.playbooks.iter().flat_map(segment_of).collect();
        for id in wanted {
            let Some(segment) = self.store.segment(id)? else { continue };
            let exponent = crate::segments::currency_exponent(self.store)?;
            let rule = crate::segments::rule(&segment)?;
            let query = AudienceQuery {
                customers: CustomerQuery { limit: 0, offset: 0, ..crate::segments::query(&rule, exponent) },
                channel: Channel::Email,
                purpose: ladder_domain::consent::Purpose::Marketing,
                consented_only: false,
            };
            let mut members = HashSet::new();
            self.store.each_audience_member(&query, &mut |m| {
                members.insert(m.customer);
                Ok(true)
            })?;
            self.segments.insert(id, members);
        }
        Ok(())
    }

    fn run(mut self, actor: &Actor, dry_run: bool, progress: &dyn Progress) -> Result<Evaluation, AppError> {
        self.report.dry_run = dry_run;
        if !dry_run {
            let mut tx = self.store.begin()?;
            if ensure_starter_templates(self.store, tx.as_mut(), self.moment)? > 0 {
                tx.commit()?;
            }
        }
        self.load_segments()?;
        let mut entrants: Vec<(NewRun, FactsRow)> = Vec::new();
        if self.customer.is_none() {
            self.enter_daily(dry_run, progress, &mut entrants)?;
        }
        self.enter_events(dry_run, &mut entrants)?;
        if dry_run {
            self.simulate(&entrants)?;
        } else {
            self.advance(progress)?;
            if self.customer.is_none() {
                let (started, messages, tasks) = self.report.totals();
                let mut tx = self.store.begin()?;
                tx.mark_day_evaluated(self.day, self.app.now())?;
                let action = Action::PlaybooksEvaluated { day: self.day, started, messages, tasks };
                crate::audit(tx.as_mut(), actor, self.app.now(), &action)?;
                tx.commit()?;
            }
        }
        Ok(self.report)
    }

    /// The daily triggers over every scored customer, in one scan; runs written a thousand at a time.
    fn enter_daily(
        &mut self,
        dry_run: bool,
        progress: &dyn Progress,
        entrants: &mut Vec<(NewRun, FactsRow)>,
    ) -> Result<(), AppError> {
        let daily: Vec<usize> = (0..self.playbooks.len())
            .filter(|&i| self.playbooks[i].is_daily() && self.on_at(&self.playbooks[i], self.moment))
            .collect();
        if daily.is_empty() {
            return Ok(());
        }
        let store = self.store;
        let milestones = store.purchase_milestones()?;
        let shop = store.shop_settings()?;
        let context = DailyContext {
            median_first_to_second: milestones.median_days_first_to_second,
            median_second_to_third: milestones.median_days_second_to_third,
            opening_days: shop.opening_days,
        };
        let losing: HashSet<String> =
            if daily.iter().any(|&i| self.playbooks[i].triggers.contains(&Trigger::LosingValue)) {
                match crate::analytics::losing_value(store) {
                    Ok(r) => r.customers.into_iter().map(|c| c.customer_id).collect(),
                    Err(crate::analytics::AnalyticsError::NotReady(_)) => HashSet::new(),
                    Err(e) => return Err(AppError::Conflict(e.to_string())),
                }
            } else {
                HashSet::new()
            };
        // Members whose points expire as far ahead as the reminders look, in one range read.
        let ahead: Vec<i64> = daily
            .iter()
            .flat_map(|&i| &self.playbooks[i].triggers)
            .filter_map(|t| {
                if let Trigger::PointsExpiring { days_before } = t { Some(i64::from(*days_before)) } else { None }
            })
            .collect();
        let mut expiring: HashMap<CustomerId, Vec<NaiveDate>> = HashMap::new();
        if let (Some(near), Some(far)) = (ahead.iter().min(), ahead.iter().max()) {
            let from = self.day + Duration::days((near - ladder_domain::playbook::FRESH_DAYS).max(1));
            for (customer, on) in store.club_points_expiring(from, self.day + Duration::days(*far))? {
                expiring.entry(customer).or_default().push(on);
            }
        }
        // Who entered each playbook lately and which goals are being worked on, for re-entry and the
        // same-goal rule.
        let reentry = daily.iter().map(|&i| self.playbooks[i].reentry_days).max().unwrap_or(0);
        let since = self.day - Duration::days(i64::from(reentry.max(1)));
        let goal_of: HashMap<&str, Goal> =
            self.playbooks.iter().filter_map(|p| Some((p.key.as_str(), p.goal?))).collect();
        let mut last_entry: HashMap<(String, CustomerId), NaiveDate> = HashMap::new();
        let mut open_goals: HashMap<CustomerId, Vec<Goal>> = HashMap::new();
        store.each_open_or_recent_run(since, &mut |playbook, customer, entered_on, status| {
            if status == RunStatus::Active
                && let Some(goal) = goal_of.get(playbook.as_str())
            {
                open_goals.entry(customer).or_default().push(*goal);
            }
            let e = last_entry.entry((playbook, customer)).or_insert(entered_on);
            *e = (*e).max(entered_on);
            Ok(true)
        })?;
        let with_attributes = daily
            .iter()
            .any(|&i| self.playbooks[i].triggers.iter().any(|t| matches!(t, Trigger::DateAttribute { .. })));
        let with_contacts = daily.iter().any(|&i| self.playbooks[i].conditions.not_contacted_days.is_some());
        // The top tenth by value comes from the same scan: the edge is known before any task is made.
        let mut values: Vec<i64> = Vec::new();
        let mut batch: Vec<NewRun> = Vec::new();
        let total = store.count_customers(&CustomerQuery::default(), u64::MAX)?;
        progress.begin("Checking the daily playbooks", Some(total));
        let mut seen = 0u64;
        let mut failed = None;
        let day = self.day;
        let moment = self.moment;
        let playbooks = &self.playbooks;
        let report = &mut self.report;
        let segments = &self.segments;
        let flush = |batch: &mut Vec<NewRun>, report: &mut Evaluation| -> Result<(), AppError> {
            if batch.is_empty() || dry_run {
                batch.clear();
                return Ok(());
            }
            let mut tx = store.begin()?;
            for run in batch.iter() {
                if tx.start_runs(std::slice::from_ref(run))? == 1 {
                    let d = report.of(&run.playbook);
                    if run.group == Group::Control { d.control += 1 } else { d.treated += 1 }
                }
            }
            tx.commit()?;
            batch.clear();
            Ok(())
        };
        store.each_playbook_facts(with_attributes, with_contacts, &mut |row| {
            seen += 1;
            if seen.is_multiple_of(10_000) {
                progress.set_position(seen);
            }
            if let Some(v) = row.clv_minor {
                values.push(v);
            }
            let mut facts = facts_of(&row);
            if let Some(days) = expiring.remove(&row.customer) {
                facts.points_expiring = days;
            }
            for &i in &daily {
                let p = &playbooks[i];
                let member = member_of(segments, p, row.customer);
                let losing_value = losing.contains(&row.customer_id);
                let Some(occurrence) = p.triggers.iter().find_map(|t| {
                    t.is_daily().then(|| daily_occurrence(t, &facts, &context, day, member, losing_value)).flatten()
                }) else {
                    continue;
                };
                if p.reentry_days > 0
                    && last_entry
                        .get(&(p.key.clone(), row.customer))
                        .is_some_and(|d| (day - *d).num_days() < i64::from(p.reentry_days) && *d != day)
                {
                    continue;
                }
                let other =
                    p.goal.is_some_and(|g| open_goals.get(&row.customer).is_some_and(|goals| goals.contains(&g)));
                if check(&p.conditions, &facts, day, member, other).is_err() {
                    continue;
                }
                if let Some(goal) = p.goal {
                    open_goals.entry(row.customer).or_default().push(goal);
                }
                let run = NewRun {
                    playbook: p.key.clone(),
                    customer: row.customer,
                    group: group(&p.key, &row.customer_id, &occurrence, p.control_percent),
                    occurrence,
                    entered_on: day,
                    entered_at: moment,
                    orders_at_entry: row.orders,
                };
                if dry_run {
                    let d = report.of(&p.key);
                    if run.group == Group::Control {
                        d.control += 1
                    } else {
                        d.treated += 1
                    }
                    entrants.push((run, row.clone()));
                } else {
                    batch.push(run);
                }
            }
            if batch.len() >= 2000
                && let Err(e) = flush(&mut batch, report)
            {
                failed = Some(e);
                return Ok(false);
            }
            Ok(true)
        })?;
        if let Some(e) = failed {
            return Err(e);
        }
        flush(&mut batch, report)?;
        progress.end();
        self.top_decile = Some(top_decile(&mut values));
        Ok(())
    }

    /// The events of the news window no run has handled, for the event playbooks.
    fn enter_events(&mut self, dry_run: bool, entrants: &mut Vec<(NewRun, FactsRow)>) -> Result<(), AppError> {
        let events: Vec<usize> = (0..self.playbooks.len())
            .filter(|&i| self.playbooks[i].triggers.iter().any(|t| !t.is_daily() && *t != Trigger::Manual))
            .collect();
        if events.is_empty() {
            return Ok(());
        }
        let orders = events.iter().any(|&i| self.playbooks[i].triggers.contains(&Trigger::OrderPlaced));
        let since = local(self.tz, self.day - Duration::days(NEWS_DAYS), 0);
        let happened = self.store.playbook_events(since, self.day_end, self.customer, orders)?;
        if happened.is_empty() {
            return Ok(());
        }
        let mut customers: Vec<CustomerId> = happened.iter().map(|e| e.customer).collect();
        customers.sort();
        customers.dedup();
        let rows: HashMap<CustomerId, FactsRow> =
            self.store.playbook_facts_of(&customers)?.into_iter().map(|r| (r.customer, r)).collect();
        let club = self.app.club_rules()?;
        let mut runs = Vec::new();
        for event in &happened {
            let Some(row) = rows.get(&event.customer) else { continue };
            let facts = facts_of(row);
            for &i in &events {
                let p = &self.playbooks[i];
                if !self.on_at(p, event.at) || !p.triggers.iter().any(|t| starts(t, event, &club)) {
                    continue;
                }
                let member = member_of(&self.segments, p, event.customer);
                if check(&p.conditions, &facts, self.day, member, false).is_err() {
                    continue;
                }
                let run = NewRun {
                    playbook: p.key.clone(),
                    customer: event.customer,
                    group: group(&p.key, &event.customer_id, &event.occurrence, p.control_percent),
                    occurrence: event.occurrence.clone(),
                    entered_on: self.day,
                    entered_at: self.moment,
                    orders_at_entry: row.orders,
                };
                runs.push((run, row.clone()));
            }
        }
        if dry_run {
            for (run, _) in &runs {
                let d = self.report.of(&run.playbook);
                if run.group == Group::Control { d.control += 1 } else { d.treated += 1 }
            }
            entrants.extend(runs);
            return Ok(());
        }
        let mut tx = self.store.begin()?;
        for (run, _) in &runs {
            if tx.start_runs(std::slice::from_ref(run))? == 1 {
                let d = self.report.of(&run.playbook);
                if run.group == Group::Control { d.control += 1 } else { d.treated += 1 }
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// The edge of the top tenth by value, read when first needed.
    fn top_decile_edge(&mut self) -> Result<Option<i64>, AppError> {
        if let Some(edge) = self.top_decile {
            return Ok(edge);
        }
        let mut values = Vec::new();
        self.store.each_playbook_facts(false, false, &mut |row| {
            values.extend(row.clv_minor);
            Ok(true)
        })?;
        let edge = top_decile(&mut values);
        self.top_decile = Some(edge);
        Ok(edge)
    }

    /// The walk's context; the top tenth's edge is read only when a step ahead of `runs` (playbook, step)
    /// needs it.
    fn walk_context(&mut self, runs: &[(&str, u32)]) -> Result<WalkContext, AppError> {
        let needs_edge = runs.iter().any(|(key, from)| {
            self.playbooks.iter().any(|p| {
                p.key == *key
                    && p.steps
                        .iter()
                        .skip(*from as usize)
                        .any(|s| matches!(s, Step::Task { top_decile_only: true, .. }))
            })
        });
        let top_decile_clv_minor = if needs_edge { self.top_decile_edge()? } else { self.top_decile.flatten() };
        Ok(WalkContext { moment: self.moment, tz: self.tz, top_decile_clv_minor, club: self.app.club_rules()? })
    }

    /// What the entrants' first steps would do, written nowhere.
    fn simulate(&mut self, entrants: &[(NewRun, FactsRow)]) -> Result<(), AppError> {
        let runs: Vec<(&str, u32)> = entrants.iter().map(|(r, _)| (r.playbook.as_str(), 0)).collect();
        let cx = self.walk_context(&runs)?;
        for (run, row) in entrants {
            let Some(i) = self.playbooks.iter().position(|p| p.key == run.playbook) else { continue };
            let p = &self.playbooks[i];
            let view = RunView {
                id: 0,
                customer: run.customer,
                group: run.group,
                entered_at: run.entered_at,
                orders_at_entry: run.orders_at_entry,
                step: 0,
                next_at: None,
            };
            let w = walk(p, &view, row, &facts_of(row), member_of(&self.segments, p, run.customer), &cx);
            let mut steps = Vec::new();
            for (step, outcome, reason) in &w.logs {
                steps.push((*step, format!("{}: {}", outcome.as_str(), reason.as_deref().unwrap_or_default())));
            }
            let d = self.report.of(&p.key);
            d.skipped += w.logs.iter().filter(|l| l.1 == StepOutcome::Skipped).count() as u64;
            for (step, effect) in &w.effects {
                steps.push((*step, describe(effect)));
                match effect {
                    Effect::Message { .. } => d.messages += 1,
                    Effect::Task { .. } => d.tasks += 1,
                    Effect::Tag(_) | Effect::Points { .. } | Effect::Perk { .. } => {}
                }
            }
            match &w.stop {
                Stop::End { status: RunStatus::Reached, .. } => d.reached += 1,
                Stop::End { status: RunStatus::Left, .. } => d.left += 1,
                _ => {}
            }
            steps.sort_by_key(|s| s.0);
            if d.examples.len() < 5 {
                d.examples.push(Example {
                    customer_id: row.customer_id.clone(),
                    group: run.group,
                    acting: w
                        .effects
                        .iter()
                        .map(|(step, _)| *step)
                        .filter(|s| p.steps.get(*s as usize).is_some_and(Step::acts))
                        .collect(),
                    steps: steps.into_iter().map(|s| s.1).collect(),
                });
            }
        }
        Ok(())
    }

    /// Every run whose step is due by the end of the day, a thousand at a time, each thousand one unit
    /// of work.
    fn advance(&mut self, progress: &dyn Progress) -> Result<(), AppError> {
        let store = self.store;
        let templates: Vec<Template> = store.templates()?;
        let mut gate = Gate::load(store, self.moment, self.customer)?;
        let domain = crate::broadcasts::message_domain(&gate.shop);
        progress.begin("Taking the playbooks' due steps", None);
        let mut after = 0i64;
        let mut done = 0u64;
        loop {
            // A customer's news checks all their open runs (the goal may be met); a day, the due ones.
            let until = if self.customer.is_some() { self.day_end + Duration::days(36_500) } else { self.day_end };
            let due = store.due_runs(until, after, CHUNK, self.customer)?;
            let Some(last) = due.last() else { break };
            after = last.id;
            let cx = self.walk_context(&due.iter().map(|r| (r.playbook.as_str(), r.step)).collect::<Vec<_>>())?;
            let mut customers: Vec<CustomerId> = due.iter().map(|r| r.customer).collect();
            customers.sort();
            customers.dedup();
            let rows: HashMap<CustomerId, FactsRow> =
                store.playbook_facts_of(&customers)?.into_iter().map(|r| (r.customer, r)).collect();
            let mut writes = Writes::default();
            for run in &due {
                let Some(i) = self.playbooks.iter().position(|p| p.key == run.playbook) else {
                    // Turned off (or gone): its runs wait where they are until it is on again.
                    continue;
                };
                let Some(row) = rows.get(&run.customer) else { continue };
                let view = RunView {
                    id: run.id,
                    customer: run.customer,
                    group: run.group,
                    entered_at: run.entered_at,
                    orders_at_entry: run.orders_at_entry,
                    step: run.step,
                    next_at: run.next_at,
                };
                let p = &self.playbooks[i];
                let w = walk(p, &view, row, &facts_of(row), member_of(&self.segments, p, run.customer), &cx);
                writes.add(p, &view, row, w, &cx);
            }
            for t in writes.tasks.iter().filter(|t| t.complaint) {
                gate.recovering(t.customer);
            }
            let messages = self.decide_messages(&mut gate, &templates, &mut writes)?;
            let mut tx = store.begin()?;
            tx.enqueue_messages(&messages, self.moment, &domain)?;
            let added = tx.add_tasks(&writes.tasks)?;
            tx.add_tags(&writes.tags)?;
            // A playbook's points are given today: none is out of time yet.
            tx.earn_club_points(&writes.points, self.moment.date_naive())?;
            tx.give_club_perks(&writes.perks)?;
            tx.log_steps(&writes.logs)?;
            tx.advance_runs(&writes.advances)?;
            tx.commit()?;
            for (key, counts) in writes.counts {
                let d = self.report.of(&key);
                d.skipped += counts.skipped;
                d.reached += counts.reached;
                d.left += counts.left;
            }
            for m in &messages {
                if m.status != OutboxStatus::Skipped
                    && let Some(key) = super::playbook_of_cause(&m.cause)
                {
                    self.report.of(key).messages += 1;
                }
            }
            if added > 0 {
                for t in &writes.tasks {
                    if let Some(key) = &t.playbook {
                        self.report.of(key).tasks += 1;
                    }
                }
            }
            done += due.len() as u64;
            progress.set_position(done);
        }
        progress.end();
        Ok(())
    }

    /// The messages of a thousand runs through the gate: the channel first, the fallback when the first
    /// has no address, no consent or a blocked one; each step logged with what became of it.
    fn decide_messages(
        &self,
        gate: &mut Gate,
        templates: &[Template],
        writes: &mut Writes,
    ) -> Result<Vec<NewMessage>, AppError> {
        let store = self.store;
        let mut out = Vec::new();
        let intents = std::mem::take(&mut writes.messages);
        // Tried on the first channel, then the ones skipped there on their fallback.
        let mut round: Vec<(Intent, Channel)> = intents
            .into_iter()
            .map(|i| {
                let c = i.channel;
                (i, c)
            })
            .collect();
        for _ in 0..2 {
            let mut next = Vec::new();
            let mut by: HashMap<(String, Channel), Vec<Intent>> = HashMap::new();
            for (intent, channel) in round {
                by.entry((intent.template.clone(), channel)).or_default().push(intent);
            }
            for ((name, channel), group) in by {
                let variants: Vec<Template> =
                    templates.iter().filter(|t| t.name == name && t.channel == channel).cloned().collect();
                let Some(first) = variants.first() else {
                    for i in group {
                        writes.logs.push(StepLog {
                            run: i.run,
                            step: i.step,
                            at: self.moment,
                            outcome: StepOutcome::Failed,
                            reason: Some(format!("no template {name} on {}", channel.as_str())),
                        });
                    }
                    continue;
                };
                let purpose = first.purpose;
                let ids: Vec<CustomerId> = group.iter().map(|i| i.customer).collect();
                let query = AudienceQuery {
                    customers: CustomerQuery { ids: ids.clone(), ..CustomerQuery::default() },
                    channel,
                    purpose: purpose.consent().unwrap_or(ladder_domain::consent::Purpose::Marketing),
                    consented_only: false,
                };
                let mut members = HashMap::new();
                store.each_audience_member(&query, &mut |m| {
                    members.insert(m.customer, m);
                    Ok(true)
                })?;
                let listed: Vec<ladder_store::AudienceMember> =
                    group.iter().filter_map(|i| members.get(&i.customer).cloned()).collect();
                let verdicts = gate.decide(store, &listed, channel, purpose, self.moment, decide)?;
                let verdict_of: HashMap<CustomerId, Verdict> =
                    listed.iter().map(|m| m.customer).zip(verdicts).collect();
                for intent in group {
                    let Some(member) = members.get(&intent.customer) else { continue };
                    let verdict =
                        verdict_of.get(&intent.customer).copied().unwrap_or(Verdict::Skip(SkipReason::NoAddress));
                    let unreachable = matches!(
                        verdict,
                        Verdict::Skip(SkipReason::NoAddress | SkipReason::NoConsent | SkipReason::Suppressed)
                    );
                    if unreachable && let Some(fallback) = intent.fallback.filter(|f| *f != channel) {
                        next.push((Intent { fallback: None, ..intent }, fallback));
                        continue;
                    }
                    let t = crate::templates::variant(
                        &variants,
                        &name,
                        channel,
                        member.language.as_deref(),
                        &gate.shop.language,
                    )
                    .unwrap_or_else(|| first.clone());
                    let (status, reason, not_before) = match verdict {
                        Verdict::Send => (OutboxStatus::Queued, None, None),
                        Verdict::Hold { until, why } => (OutboxStatus::Held, Some(why.key().to_owned()), Some(until)),
                        Verdict::Skip(why) => (OutboxStatus::Skipped, Some(why.key().to_owned()), None),
                    };
                    if status != OutboxStatus::Skipped {
                        gate.count(
                            intent.customer,
                            PastContact { at: not_before.unwrap_or(self.moment), channel, purpose },
                        );
                    }
                    writes.logs.push(StepLog {
                        run: intent.run,
                        step: intent.step,
                        at: self.moment,
                        outcome: if status == OutboxStatus::Skipped { StepOutcome::Skipped } else { StepOutcome::Done },
                        reason: Some(reason.clone().unwrap_or_else(|| format!("{name} on {}", channel.as_str()))),
                    });
                    if status == OutboxStatus::Skipped {
                        writes.counts.entry(intent.playbook.clone()).or_default().skipped += 1;
                    }
                    out.push(NewMessage {
                        cause: super::cause(&intent.playbook, intent.run, intent.step),
                        customer: intent.customer,
                        channel,
                        template: name.clone(),
                        template_version: t.version,
                        language: t.language,
                        purpose,
                        status,
                        reason,
                        not_before,
                    });
                }
            }
            if next.is_empty() {
                break;
            }
            round = next;
        }
        Ok(out)
    }
}

/// A message a run's step asks for, before the gate.
#[derive(Debug, Clone)]
struct Intent {
    playbook: String,
    run: i64,
    step: u32,
    customer: CustomerId,
    template: String,
    channel: Channel,
    fallback: Option<Channel>,
}

/// Counts per playbook of one unit of work.
#[derive(Debug, Default)]
struct Counts {
    skipped: u64,
    reached: u64,
    left: u64,
}

/// What a thousand runs' walks write.
#[derive(Default)]
struct Writes {
    messages: Vec<Intent>,
    tasks: Vec<NewTask>,
    tags: Vec<(CustomerId, String)>,
    points: Vec<NewEntry>,
    perks: Vec<PerkGrant>,
    logs: Vec<StepLog>,
    advances: Vec<RunAdvance>,
    counts: HashMap<String, Counts>,
}

impl Writes {
    /// Logs a step as done, with what it did.
    fn done(logs: &mut Vec<StepLog>, run: i64, step: u32, at: DateTime<Utc>, what: String) {
        logs.push(StepLog { run, step, at, outcome: StepOutcome::Done, reason: Some(what) });
    }

    fn add(&mut self, p: &Playbook, run: &RunView, row: &FactsRow, w: Walk, cx: &WalkContext) {
        if w.unchanged {
            return;
        }
        let today = cx.moment.with_timezone(&cx.tz).date_naive();
        let counts = self.counts.entry(p.key.clone()).or_default();
        for (step, outcome, reason) in w.logs {
            if outcome == StepOutcome::Skipped {
                counts.skipped += 1;
            }
            self.logs.push(StepLog { run: run.id, step, at: cx.moment, outcome, reason });
        }
        let complaint = p.triggers.contains(&Trigger::Interaction { interaction: InteractionKind::Complaint });
        for (step, effect) in w.effects {
            match effect {
                Effect::Message { template, channel, fallback } => self.messages.push(Intent {
                    playbook: p.key.clone(),
                    run: run.id,
                    step,
                    customer: run.customer,
                    template,
                    channel,
                    fallback,
                }),
                Effect::Task { task, script, due_days } => {
                    self.tasks.push(NewTask {
                        customer: run.customer,
                        run: Some((run.id, step)),
                        playbook: Some(p.key.clone()),
                        kind: task,
                        reason: format!("{}.{}", p.key, task.as_str()),
                        script,
                        due: today + Duration::days(i64::from(due_days)),
                        assignee_user: None,
                        assignee_role: None,
                        value_minor: row.clv_minor.unwrap_or(0).max(0),
                        complaint,
                        created_at: cx.moment,
                    });
                    Self::done(&mut self.logs, run.id, step, cx.moment, format!("task: {}", task.as_str()));
                }
                Effect::Tag(tag) => {
                    Self::done(&mut self.logs, run.id, step, cx.moment, format!("tag {tag}"));
                    self.tags.push((run.customer, tag));
                }
                Effect::Points { points, reason } => {
                    Self::done(&mut self.logs, run.id, step, cx.moment, format!("{points} points"));
                    // Once per run and step: the reference is unique in the ledger.
                    self.points.push(NewEntry {
                        customer: run.customer,
                        kind: EntryKind::Adjust,
                        reason: "playbook".to_owned(),
                        points: i64::from(points),
                        at: cx.moment,
                        available_on: Some(today),
                        expires_on: cx.club.expiry.expires_on(today),
                        order: None,
                        reference: Some(super::cause(&p.key, run.id, step)),
                        actor: format!("playbook:{}", p.key),
                        note: Some(reason),
                        unrecovered: 0,
                        draws: Vec::new(),
                    });
                }
                Effect::Perk { perk, days } => {
                    Self::done(
                        &mut self.logs,
                        run.id,
                        step,
                        cx.moment,
                        format!("perk {} for {days} days", perk.as_str()),
                    );
                    self.perks.push(PerkGrant {
                        customer: run.customer,
                        perk,
                        from: today,
                        until: today + Duration::days(i64::from(days)),
                        reason: p.key.clone(),
                        reference: super::cause(&p.key, run.id, step),
                        actor: format!("playbook:{}", p.key),
                        at: cx.moment,
                    });
                }
            }
        }
        let (step, status, next_at, reason) = match w.stop {
            Stop::Wait { step, until } => (step, RunStatus::Active, Some(until), None),
            Stop::End { step, status, reason } => {
                match status {
                    RunStatus::Reached => counts.reached += 1,
                    RunStatus::Left => counts.left += 1,
                    _ => {}
                }
                (step, status, None, Some(reason))
            }
        };
        self.advances.push(RunAdvance {
            run: run.id,
            from_step: run.step,
            step,
            status,
            next_at,
            ended_reason: reason,
            at: cx.moment,
        });
    }
}

/// What an effect does, in words, for a dry run.
fn describe(effect: &Effect) -> String {
    match effect {
        Effect::Message { template, channel, fallback } => match fallback {
            Some(f) => format!("message {template} on {} (else {})", channel.as_str(), f.as_str()),
            None => format!("message {template} on {}", channel.as_str()),
        },
        Effect::Task { task, due_days, .. } => format!("{} task, due in {due_days} days", task.as_str()),
        Effect::Tag(tag) => format!("tag {tag}"),
        Effect::Points { points, .. } => format!("give {points} points"),
        Effect::Perk { perk, days } => format!("give {} for {days} days", perk.as_str()),
    }
}

/// The segment a playbook's trigger or conditions name.
fn segment_of(p: &Playbook) -> Option<i64> {
    p.conditions.segment.or_else(|| {
        p.triggers.iter().find_map(|t| if let Trigger::Segment { segment } = t { Some(*segment) } else { None })
    })
}

/// Whether the customer is in the playbook's segment (true when it names none).
fn member_of(segments: &HashMap<i64, HashSet<CustomerId>>, p: &Playbook, customer: CustomerId) -> bool {
    segment_of(p).is_none_or(|s| segments.get(&s).is_some_and(|m| m.contains(&customer)))
}

/// The value from which a customer is in the top tenth (none: nobody has a value).
fn top_decile(values: &mut [i64]) -> Option<i64> {
    if values.is_empty() {
        return None;
    }
    let k = values.len() - values.len().div_ceil(10);
    let (_, edge, _) = values.select_nth_unstable(k);
    Some(*edge)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_top_tenth_starts_at_the_tenth_highest_of_a_hundred() {
        let mut values: Vec<i64> = (1..=100).collect();
        assert_eq!(top_decile(&mut values), Some(91));
        assert_eq!(top_decile(&mut [5]), Some(5));
        assert_eq!(top_decile(&mut []), None);
    }

    #[test]
    fn a_move_up_is_news_only_with_a_recent_order() {
        let event = |recent_order| PlaybookEvent {
            occurrence: "move:1".into(),
            customer: CustomerId(1),
            customer_id: "C1".into(),
            at: Utc::now(),
            kind: EventKind::Rung { from: ladder_domain::Rung::Repeat, to: ladder_domain::Rung::Loyal, recent_order },
        };
        let club = ClubRules::for_currency(ladder_domain::Currency::parse("ILS").expect("ILS"));
        let t = Trigger::Rung { from: None, to: ladder_domain::Rung::Loyal };
        assert!(starts(&t, &event(true), &club));
        assert!(!starts(&t, &event(false), &club), "history loaded is not news");
        let from_customer = Trigger::Rung { from: Some(ladder_domain::Rung::Customer), to: ladder_domain::Rung::Loyal };
        assert!(!starts(&from_customer, &event(true), &club));
    }

    #[test]
    fn a_tier_move_goes_up_or_down_by_the_order_of_the_tiers() {
        let club = ClubRules::for_currency(ladder_domain::Currency::parse("ILS").expect("ILS"));
        let moved = |from: Option<&str>, to: &str| PlaybookEvent {
            occurrence: "tier:1".into(),
            customer: CustomerId(1),
            customer_id: "C1".into(),
            at: Utc::now(),
            kind: EventKind::ClubTier { from: from.map(str::to_owned), to: to.to_owned() },
        };
        let up = Trigger::ClubTier { direction: TierDirection::Up, to: None };
        let down = Trigger::ClubTier { direction: TierDirection::Down, to: None };
        let to_gold = Trigger::ClubTier { direction: TierDirection::Up, to: Some("gold".into()) };
        assert!(starts(&up, &moved(Some("silver"), "gold"), &club));
        assert!(!starts(&down, &moved(Some("silver"), "gold"), &club));
        assert!(starts(&down, &moved(Some("platinum"), "gold"), &club));
        assert!(starts(&to_gold, &moved(Some("silver"), "gold"), &club));
        assert!(!starts(&to_gold, &moved(Some("gold"), "platinum"), &club));
        assert!(starts(&up, &moved(None, "silver"), &club), "a first tier is up");
        assert!(!starts(&down, &moved(Some("retired"), "silver"), &club), "a gone tier counts as the lowest");
    }
}
