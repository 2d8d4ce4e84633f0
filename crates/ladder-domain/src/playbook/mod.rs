//! Playbooks: systematic follow-ups. A playbook is a trigger (what starts a run), conditions (re-checked
//! before every step), steps (wait, message, task, tag, branch) and a goal that ends the run. Runs are per
//! (playbook, customer, occurrence) — a birthday or every purchase starts a new one, a transition fires once —
//! and a random, stable share of each marketing playbook's entrants is kept as a control group, so that
//! its report can show what the follow-ups changed.
//!
//! Everything here is pure: [`Facts`] are what the store knows of a customer, [`DailyContext`] what the
//! shop knows today, and [`daily_occurrence`] and [`check`] decide with the day passed in.

mod defaults;
mod lift;

pub use defaults::{DEFAULT_KEYS, defaults};
pub use lift::{Lift, MIN_GROUP, lift};

use crate::club::Perk;
use crate::customer::{Channel, InteractionKind, string_enum};
use crate::ladder::{CustomerState, Rung};
use crate::shop::OpeningDays;
use chrono::{Datelike, Duration, NaiveDate};
use serde::{Deserialize, Serialize};

/// What starts a run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Trigger {
    /// Daily: the customer's last order was `days` days ago (each order its own run).
    DaysAfterOrder {
        /// Days after the order.
        days: u32,
    },
    /// Daily: exactly one order, and the shop's median gap from a first to a second order was reached
    /// within the last [`FRESH_DAYS`].
    FirstOrderGap,
    /// Daily: exactly two orders and the next one fell due within the last [`FRESH_DAYS`] — the earlier of
    /// the model's expected gap and the customer's own, else the shop's median — with none since.
    SecondOrderDue,
    /// Daily: among the best customers losing value (the report's list).
    LosingValue,
    /// Daily: the birthday is `days_before` days ahead — on the last opening day before that, when the
    /// shop is closed then.
    Birthday {
        /// Days ahead.
        days_before: u32,
    },
    /// Daily: a date among the customer's attributes (`YYYY-MM-DD`, or `--MM-DD` every year) is
    /// `days_before` days ahead.
    DateAttribute {
        /// The attribute's name.
        attribute: String,
        /// Days ahead.
        days_before: u32,
    },
    /// Daily: a member of the segment (once per re-entry period).
    Segment {
        /// The segment's id.
        segment: i64,
    },
    /// Event: an order placed (live, from the API, or imported), dated within the news window.
    OrderPlaced,
    /// Event: a move on the ladder (a transition: a first placement is not one).
    Rung {
        /// From this rung (any, when none).
        from: Option<Rung>,
        /// To this rung.
        to: Rung,
    },
    /// Event: a change of state, as the nightly scoring records it (one run per change; a first placement,
    /// as after loading history, is not a change).
    StateChange {
        /// From this state (any, when none).
        from: Option<CustomerState>,
        /// To this state.
        to: CustomerState,
    },
    /// Event: an interaction of a kind recorded.
    Interaction {
        /// The kind.
        interaction: InteractionKind,
    },
    /// Event: a customer they referred placed their first order (the referrer enters).
    ReferralFirstOrder,
    /// Event: the customer joined the club (one by one: enrolling everyone at once is not news).
    ClubJoined,
    /// Event: a move between the club's tiers (a first tier given at joining is not one).
    ClubTier {
        /// Up or down.
        direction: TierDirection,
        /// To this tier's key (any, when none).
        #[serde(default)]
        to: Option<String>,
    },
    /// Daily: some of the member's points expire in `days_before` days (once per expiry day).
    PointsExpiring {
        /// Days ahead.
        days_before: u32,
    },
    /// Started by hand for a chosen list.
    Manual,
}

/// Which way a tier move goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TierDirection {
    /// To a higher tier (or a first one, after joining).
    Up,
    /// To a lower tier, or none.
    Down,
}

impl TierDirection {
    /// Its stable name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Up => "up",
            Self::Down => "down",
        }
    }
}

impl Trigger {
    /// Whether the daily scan of every customer checks it (else the day's events, or a person, start
    /// it).
    pub fn is_daily(&self) -> bool {
        matches!(
            self,
            Self::DaysAfterOrder { .. }
                | Self::FirstOrderGap
                | Self::SecondOrderDue
                | Self::LosingValue
                | Self::Birthday { .. }
                | Self::DateAttribute { .. }
                | Self::Segment { .. }
                | Self::PointsExpiring { .. }
        )
    }
}

/// Who may be in a run; checked when it starts and again before every step.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Conditions {
    /// Leave event buyers out (the push to the next purchase is not for them).
    pub no_event_buyers: bool,
    /// At least this rung.
    pub min_rung: Option<Rung>,
    /// In one of these states (any, when empty).
    pub states: Vec<CustomerState>,
    /// A member of this segment.
    pub segment: Option<i64>,
    /// At least this 12-month value, minor units.
    pub min_clv_minor: Option<i64>,
    /// Not contacted (a message sent) within this many days.
    pub not_contacted_days: Option<u32>,
    /// Not in another open run of a playbook with the same goal.
    pub alone_in_goal: bool,
}

/// What ends a run early, as reached.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Goal {
    /// The second order.
    SecondOrder,
    /// The third order.
    ThirdOrder,
    /// Any order after the run began.
    AnyOrder,
    /// An order, or a person reached them (a task done as reached).
    OrderOrReached,
    /// The run's task done.
    TaskDone,
}

impl Goal {
    /// Its stable name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::SecondOrder => "second_order",
            Self::ThirdOrder => "third_order",
            Self::AnyOrder => "any_order",
            Self::OrderOrReached => "order_or_reached",
            Self::TaskDone => "task_done",
        }
    }

    /// Whether an order reaches it.
    pub fn is_an_order(self) -> bool {
        !matches!(self, Self::TaskDone)
    }
}

string_enum! {
    /// What a person is asked to do.
    TaskKind { Call = "call", Letter = "letter", Visit = "visit" }
}

/// What a branch asks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BranchTest {
    /// The customer ordered since the run began.
    Ordered,
    /// The customer answered (an interaction recorded) since the run began.
    Answered,
}

/// Where a branch goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Jump {
    /// The next step.
    Next,
    /// Past the next `n` steps.
    Skip(u32),
    /// The run ends.
    End,
}

/// One step of a playbook.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Step {
    /// Wait some days, then go on at an hour of the shop's day (the evaluation's, when none).
    Wait {
        /// Days.
        days: u32,
        /// The hour (0–23) to go on at.
        #[serde(default)]
        at_hour: Option<u32>,
    },
    /// A message from a template, through the messaging gate (consent, caps, quiet hours).
    Message {
        /// The template's name.
        template: String,
        /// The channel.
        channel: Channel,
        /// The channel tried when the first has no address or no consent.
        #[serde(default)]
        fallback: Option<Channel>,
    },
    /// A task for a person.
    Task {
        /// Call, letter or visit.
        task: TaskKind,
        /// The template whose text is the script (on the phone channel; a letter's on mail).
        script: Option<String>,
        /// Due this many days after the step (0: the same day).
        due_days: u32,
        /// Only for the shop's top tenth by 12-month value; skipped for the rest.
        #[serde(default)]
        top_decile_only: bool,
    },
    /// A tag added to the customer.
    Tag {
        /// The tag.
        tag: String,
    },
    /// Points given to a club member (spendable at once, expiring as earned points do); a customer who
    /// is not a member is skipped.
    GivePoints {
        /// How many.
        points: u32,
        /// Why, as the member's statement says it.
        reason: String,
    },
    /// A perk given to a club member for some days (shown at the till and returned at checkout).
    GivePerk {
        /// The perk.
        perk: Perk,
        /// For this many days from the step.
        days: u32,
    },
    /// The member's referral code sent, in the starter template `club_referral_code`, through the
    /// messaging gate; a customer who is not a member is skipped.
    ReferralCode {
        /// The channel.
        channel: Channel,
        /// The channel tried when the first has no address or no consent.
        #[serde(default)]
        fallback: Option<Channel>,
    },
    /// A question that decides where the run goes.
    Branch {
        /// The question.
        test: BranchTest,
        /// Where to go when the answer is yes.
        yes: Jump,
        /// Where to go when it is no.
        no: Jump,
    },
}

impl Step {
    /// Whether it reaches the customer or a person (a control-group run skips it).
    pub fn acts(&self) -> bool {
        matches!(
            self,
            Self::Message { .. }
                | Self::Task { .. }
                | Self::GivePoints { .. }
                | Self::GivePerk { .. }
                | Self::ReferralCode { .. }
        )
    }

    /// Whether it is for club members only (a customer who is not one is skipped).
    pub fn for_members(&self) -> bool {
        matches!(self, Self::GivePoints { .. } | Self::GivePerk { .. } | Self::ReferralCode { .. })
    }
}

/// A playbook.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Playbook {
    /// Its stable key (`second_to_third`).
    pub key: String,
    /// On or off.
    pub enabled: bool,
    /// What starts a run.
    pub triggers: Vec<Trigger>,
    /// Who may be in a run.
    pub conditions: Conditions,
    /// What happens, in order.
    pub steps: Vec<Step>,
    /// What ends a run as reached.
    pub goal: Option<Goal>,
    /// The days after entering within which the goal counts in the report.
    pub goal_days: u32,
    /// The share kept as a control group, in percent (0: none; never for service follow-ups).
    pub control_percent: u32,
    /// Whether it serves (a check-in, an apology) rather than sells: no control group, sent even in
    /// recovery.
    pub service: bool,
    /// A customer enters again only this many days after their last entry (0: whenever the trigger
    /// holds anew).
    pub reentry_days: u32,
}

impl Playbook {
    /// Whether the daily evaluation checks it.
    pub fn is_daily(&self) -> bool {
        self.triggers.iter().any(Trigger::is_daily)
    }

    /// Whether an edited playbook can run: a step at least, its numbers in range, its names given. The
    /// field names the step (`steps.2.days`).
    pub fn check(&self) -> Result<(), crate::validate::FieldError> {
        use crate::validate::{FieldError, Problem};
        let between = |field: String, value: u32, max: u32| {
            if value > max {
                Err(FieldError::new(field, Problem::NotBetween { min: "0".into(), max: max.to_string() }))
            } else {
                Ok(())
            }
        };
        if self.steps.is_empty() {
            return Err(FieldError::new("steps", Problem::Required));
        }
        between("control_percent".into(), self.control_percent, 100)?;
        between("goal_days".into(), self.goal_days, 730)?;
        between("reentry_days".into(), self.reentry_days, 730)?;
        if let Some(days) = self.conditions.not_contacted_days {
            between("not_contacted_days".into(), days, 365)?;
        }
        for (i, step) in self.steps.iter().enumerate() {
            match step {
                Step::Wait { days, at_hour } => {
                    between(format!("steps.{i}.days"), *days, 365)?;
                    if let Some(hour) = at_hour {
                        between(format!("steps.{i}.at_hour"), *hour, 23)?;
                    }
                }
                Step::Task { due_days, .. } => between(format!("steps.{i}.due_days"), *due_days, 60)?,
                Step::Message { template, .. } if template.trim().is_empty() => {
                    return Err(FieldError::new(format!("steps.{i}.template"), Problem::Required));
                }
                Step::Tag { tag } if tag.trim().is_empty() => {
                    return Err(FieldError::new(format!("steps.{i}.tag"), Problem::Required));
                }
                Step::GivePoints { points, reason } => {
                    between(format!("steps.{i}.points"), *points, 100_000)?;
                    if reason.trim().is_empty() {
                        return Err(FieldError::new(format!("steps.{i}.reason"), Problem::Required));
                    }
                }
                Step::GivePerk { days, .. } => {
                    if *days == 0 {
                        return Err(FieldError::new(format!("steps.{i}.days"), Problem::NotPositive));
                    }
                    between(format!("steps.{i}.days"), *days, 365)?;
                }
                Step::Message { .. } | Step::Tag { .. } | Step::Branch { .. } | Step::ReferralCode { .. } => {}
            }
        }
        Ok(())
    }
}

/// What the store knows of one customer for the playbooks, from the last scoring and the profile.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Facts {
    /// Counted orders.
    pub orders: u32,
    /// The first, second and last order days.
    pub first_order: Option<NaiveDate>,
    /// The second.
    pub second_order: Option<NaiveDate>,
    /// The last.
    pub last_order: Option<NaiveDate>,
    /// The rung.
    pub rung: Option<Rung>,
    /// The state.
    pub state: Option<CustomerState>,
    /// The purchase model's expected days between this customer's orders (its next order is expected
    /// that long after the last).
    pub model_gap_days: Option<i64>,
    /// The 12-month value, minor units.
    pub clv_minor: Option<i64>,
    /// Every counted order one-off or on one occasion.
    pub event_buyer: bool,
    /// The birthday, month and day.
    pub birthday: Option<(u32, u32)>,
    /// The customer's date attributes that read as dates: name, and month and day (and year, once).
    pub dates: Vec<(String, Option<i32>, u32, u32)>,
    /// When a message was last sent to them.
    pub last_contact: Option<NaiveDate>,
    /// A club member (with a card not blocked).
    pub club_member: bool,
    /// The days on which some of their club points expire (the first day they no longer count), as far
    /// ahead as the playbooks look, soonest first.
    pub points_expiring: Vec<NaiveDate>,
}

/// What the daily evaluation knows of the shop today.
#[derive(Debug, Clone, Default)]
pub struct DailyContext {
    /// The shop's median days from a first to a second order.
    pub median_first_to_second: Option<f64>,
    /// The shop's median days from a second to a third order.
    pub median_second_to_third: Option<f64>,
    /// The days the shop opens.
    pub opening_days: OpeningDays,
}

/// Why a customer does not (or no longer) qualify.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Unqualified {
    /// An event buyer.
    EventBuyer,
    /// Below the rung.
    Rung,
    /// Not in the state.
    State,
    /// Not in the segment.
    Segment,
    /// Below the value.
    Value,
    /// Contacted too recently.
    RecentlyContacted,
    /// In another run of the same goal.
    OtherRun,
}

impl Unqualified {
    /// Its stable key, as the step log writes it.
    pub fn key(self) -> &'static str {
        match self {
            Self::EventBuyer => "event_buyer",
            Self::Rung => "below_rung",
            Self::State => "state",
            Self::Segment => "not_in_segment",
            Self::Value => "below_value",
            Self::RecentlyContacted => "recently_contacted",
            Self::OtherRun => "in_another_run",
        }
    }
}

/// How many days back a daily condition that began then still starts a run: a missed evaluation is caught
/// up, but a condition that began long ago (before the playbook was on, or in loaded history) is the past.
pub const FRESH_DAYS: i64 = 2;

/// Whether a customer meets the conditions on `as_of`; `in_segment` and `in_other_run` come from the
/// set-based lookups the caller made.
pub fn check(
    conditions: &Conditions,
    facts: &Facts,
    as_of: NaiveDate,
    in_segment: bool,
    in_other_run: bool,
) -> Result<(), Unqualified> {
    if conditions.no_event_buyers && facts.event_buyer {
        return Err(Unqualified::EventBuyer);
    }
    if let Some(min) = conditions.min_rung
        && facts.rung.is_none_or(|r| r < min)
    {
        return Err(Unqualified::Rung);
    }
    if !conditions.states.is_empty() && facts.state.is_none_or(|s| !conditions.states.contains(&s)) {
        return Err(Unqualified::State);
    }
    if conditions.segment.is_some() && !in_segment {
        return Err(Unqualified::Segment);
    }
    if let Some(min) = conditions.min_clv_minor
        && facts.clv_minor.is_none_or(|v| v < min)
    {
        return Err(Unqualified::Value);
    }
    if let (Some(days), Some(last)) = (conditions.not_contacted_days, facts.last_contact)
        && as_of - last < Duration::days(i64::from(days))
    {
        return Err(Unqualified::RecentlyContacted);
    }
    if conditions.alone_in_goal && in_other_run {
        return Err(Unqualified::OtherRun);
    }
    Ok(())
}

/// Whether the goal is reached: `orders_at_entry` is the count when the run began, `reached` whether
/// a person reached them since, `task_done` whether the run's task is done.
pub fn goal_reached(goal: Goal, facts: &Facts, orders_at_entry: u32, reached: bool, task_done: bool) -> bool {
    match goal {
        Goal::SecondOrder => facts.orders >= 2,
        Goal::ThirdOrder => facts.orders >= 3,
        Goal::AnyOrder => facts.orders > orders_at_entry,
        Goal::OrderOrReached => facts.orders > orders_at_entry || reached,
        Goal::TaskDone => task_done,
    }
}

/// The occurrence a daily trigger has on `as_of` — the key that makes a run once per order, lapse, year
/// or re-entry period — or none when it does not hold. `in_segment` and `losing_value` come from the
/// caller's set-based lookups.
pub fn daily_occurrence(
    trigger: &Trigger,
    facts: &Facts,
    context: &DailyContext,
    as_of: NaiveDate,
    in_segment: bool,
    losing_value: bool,
) -> Option<String> {
    let days_since = |d: NaiveDate| (as_of - d).num_days();
    match trigger {
        Trigger::DaysAfterOrder { days } => {
            let last = facts.last_order?;
            (days_since(last) == i64::from(*days)).then(|| format!("order:{last}"))
        }
        Trigger::FirstOrderGap => {
            let first = facts.first_order.filter(|_| facts.orders == 1)?;
            let reached = first + Duration::days(context.median_first_to_second?.round() as i64);
            fresh(reached, as_of).then(|| format!("first:{first}"))
        }
        Trigger::SecondOrderDue => {
            let second = facts.second_order.filter(|_| facts.orders == 2)?;
            // The model's wait grows with every day without an order, so alone it would never fall due:
            // the earlier of it and the customer's own gap counts.
            let own = facts.first_order.filter(|first| second > *first).map(|first| second + (second - first));
            let model = facts.model_gap_days.map(|gap| second + Duration::days(gap));
            let due = match (model, own) {
                (Some(m), Some(o)) => m.min(o),
                (Some(d), None) | (None, Some(d)) => d,
                (None, None) => second + Duration::days(context.median_second_to_third?.round() as i64),
            };
            fresh(due, as_of).then(|| format!("second:{second}"))
        }
        Trigger::LosingValue => losing_value.then(|| format!("losing:{}", as_of.format("%Y-%m"))),
        Trigger::Birthday { days_before } => {
            let (month, day) = facts.birthday?;
            let date = next_date(month, day, as_of)?;
            (entry_day(date, *days_before, &context.opening_days) == as_of).then(|| format!("birthday:{}", date.year()))
        }
        Trigger::DateAttribute { attribute, days_before } => {
            let (_, year, month, day) = facts.dates.iter().find(|(name, ..)| name == attribute)?;
            let date = match year {
                Some(y) => NaiveDate::from_ymd_opt(*y, *month, *day).filter(|d| *d >= as_of)?,
                None => next_date(*month, *day, as_of)?,
            };
            (entry_day(date, *days_before, &context.opening_days) == as_of).then(|| format!("{attribute}:{date}"))
        }
        Trigger::Segment { .. } => in_segment.then(|| format!("segment:{as_of}")),
        Trigger::PointsExpiring { days_before } => {
            // The first expiry whose reminder day came within the freshness window: a missed day is
            // caught up, one reminder per expiry day.
            let ahead = i64::from(*days_before);
            let on =
                facts.points_expiring.iter().find(|on| **on > as_of && fresh(**on - Duration::days(ahead), as_of))?;
            Some(format!("expiring:{on}"))
        }
        _ => None,
    }
}

/// Whether something that began on `began` is within [`FRESH_DAYS`] of `as_of` (and not ahead of it).
fn fresh(began: NaiveDate, as_of: NaiveDate) -> bool {
    began <= as_of && (as_of - began).num_days() <= FRESH_DAYS
}

/// The next time `month`-`day` comes on or after `from` (29 February on 28 February in other years).
fn next_date(month: u32, day: u32, from: NaiveDate) -> Option<NaiveDate> {
    let on = |year: i32| {
        NaiveDate::from_ymd_opt(year, month, day)
            .or_else(|| (month == 2 && day == 29).then(|| NaiveDate::from_ymd_opt(year, 2, 28)).flatten())
    };
    let this = on(from.year())?;
    if this >= from { Some(this) } else { on(from.year() + 1) }
}

/// The day to enter for a date: `days_before` ahead of it, moved back to the last opening day when the
/// shop is closed then (at most a week).
fn entry_day(date: NaiveDate, days_before: u32, opening: &OpeningDays) -> NaiveDate {
    let mut day = date - Duration::days(i64::from(days_before));
    for _ in 0..6 {
        if opening.is_open(day.weekday()) {
            break;
        }
        day -= Duration::days(1);
    }
    day
}

/// Treated or control.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Group {
    /// Gets the steps.
    Treated,
    /// Is logged but gets no message or task.
    Control,
}

impl Group {
    /// Its stable name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Treated => "treated",
            Self::Control => "control",
        }
    }

    /// The group a name names.
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "treated" => Some(Self::Treated),
            "control" => Some(Self::Control),
            _ => None,
        }
    }
}

/// The group of a run: uniform over runs (a keyed hash of playbook, customer and occurrence), and the
/// same each time it is asked, so that re-running a day or a second worker puts nobody elsewhere.
pub fn group(playbook: &str, customer_id: &str, occurrence: &str, control_percent: u32) -> Group {
    if control_percent == 0 {
        return Group::Treated;
    }
    // FNV-1a over the parts, then a 64-bit finaliser (splitmix64) so that near keys spread evenly.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for part in [playbook, "\u{1f}", customer_id, "\u{1f}", occurrence] {
        for b in part.bytes() {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    h = (h ^ (h >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    h = (h ^ (h >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    h ^= h >> 31;
    if h % 10_000 < u64::from(control_percent.min(100)) * 100 { Group::Control } else { Group::Treated }
}

string_enum! {
    /// Where a run stands.
    RunStatus {
        /// Steps still to come (waiting or due).
        Active = "active",
        /// Its goal reached.
        Reached = "reached",
        /// No longer qualified, or stopped.
        Left = "left",
        /// Every step taken.
        Done = "done",
    }
}

string_enum! {
    /// How a step went.
    StepOutcome { Done = "done", Skipped = "skipped", Failed = "failed" }
}

string_enum! {
    /// Where a task stands.
    TaskStatus { Open = "open", Done = "done", Snoozed = "snoozed", Skipped = "skipped" }
}

string_enum! {
    /// How a task ended.
    TaskOutcome {
        /// They were reached.
        Reached = "reached",
        /// Nobody answered.
        NoAnswer = "no_answer",
        /// The number is not theirs.
        WrongNumber = "wrong_number",
        /// They ordered.
        Ordered = "ordered",
        /// They asked not to be contacted.
        RefusedContact = "refused_contact",
        /// The letter went.
        Sent = "sent",
    }
}

impl TaskOutcome {
    /// Whether it ends a run whose goal counts a person reaching them.
    pub fn reached(self) -> bool {
        matches!(self, Self::Reached | Self::Ordered | Self::Sent)
    }
}

/// A task's priority: the value at stake (the 12-month value, at least one minor unit) times its urgency
/// (one more for each day overdue, three for a complaint), saturating.
pub fn priority(clv_minor: Option<i64>, due: NaiveDate, today: NaiveDate, complaint: bool) -> i64 {
    let value = clv_minor.unwrap_or(0).max(1);
    let overdue = (today - due).num_days().max(0);
    let urgency = if complaint { 3 } else { 1 } + overdue;
    value.saturating_mul(urgency)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().expect("a date")
    }

    #[test]
    fn an_order_three_days_ago_is_an_occurrence_of_that_order() {
        let facts = Facts { orders: 1, last_order: Some(day("2026-05-07")), ..Facts::default() };
        let t = Trigger::DaysAfterOrder { days: 3 };
        let ctx = DailyContext::default();
        assert_eq!(
            daily_occurrence(&t, &facts, &ctx, day("2026-05-10"), false, false).as_deref(),
            Some("order:2026-05-07")
        );
        assert_eq!(daily_occurrence(&t, &facts, &ctx, day("2026-05-11"), false, false), None);
    }

    #[test]
    fn the_second_order_is_due_by_the_model_else_the_own_gap_else_the_shop() {
        let t = Trigger::SecondOrderDue;
        let ctx = DailyContext { median_second_to_third: Some(30.0), ..DailyContext::default() };
        let base = Facts {
            orders: 2,
            first_order: Some(day("2026-01-01")),
            second_order: Some(day("2026-01-21")),
            ..Facts::default()
        };
        // Own gap: 20 days, due on 10 February; a missed day is caught up, but not a due date long past.
        assert_eq!(daily_occurrence(&t, &base, &ctx, day("2026-02-09"), false, false), None);
        assert!(daily_occurrence(&t, &base, &ctx, day("2026-02-10"), false, false).is_some());
        assert!(daily_occurrence(&t, &base, &ctx, day("2026-02-12"), false, false).is_some());
        assert_eq!(daily_occurrence(&t, &base, &ctx, day("2026-02-13"), false, false), None);
        // The model expects 39 days: the own gap (20) is earlier and counts; a model gap of 10 days counts.
        let model = Facts { model_gap_days: Some(39), ..base.clone() };
        assert!(daily_occurrence(&t, &model, &ctx, day("2026-02-10"), false, false).is_some());
        let sooner = Facts { model_gap_days: Some(10), ..base.clone() };
        assert!(daily_occurrence(&t, &sooner, &ctx, day("2026-01-31"), false, false).is_some());
        assert_eq!(daily_occurrence(&t, &sooner, &ctx, day("2026-02-10"), false, false), None);
        let same_day = Facts { first_order: Some(day("2026-01-21")), ..base.clone() };
        assert_eq!(daily_occurrence(&t, &same_day, &ctx, day("2026-02-19"), false, false), None);
        assert!(daily_occurrence(&t, &same_day, &ctx, day("2026-02-20"), false, false).is_some());
        let three = Facts { orders: 3, ..base };
        assert_eq!(daily_occurrence(&t, &three, &ctx, day("2026-02-20"), false, false), None);
    }

    #[test]
    fn a_birthday_on_a_closed_day_is_greeted_on_the_last_opening_day_before() {
        let t = Trigger::Birthday { days_before: 1 };
        // Closed on Saturdays (index 5 from Monday): a birthday on Sunday 7 June 2026 is greeted on Friday.
        let mut open = [true; 7];
        open[5] = false;
        let ctx = DailyContext { opening_days: OpeningDays(open), ..DailyContext::default() };
        let facts = Facts { birthday: Some((6, 7)), ..Facts::default() };
        assert_eq!(daily_occurrence(&t, &facts, &ctx, day("2026-06-06"), false, false), None);
        assert_eq!(
            daily_occurrence(&t, &facts, &ctx, day("2026-06-05"), false, false).as_deref(),
            Some("birthday:2026")
        );
        let leap = Facts { birthday: Some((2, 29)), ..Facts::default() };
        assert!(daily_occurrence(&t, &leap, &DailyContext::default(), day("2027-02-27"), false, false).is_some());
    }

    #[test]
    fn points_expiring_remind_once_per_expiry_day_and_catch_up_a_missed_day() {
        let t = Trigger::PointsExpiring { days_before: 14 };
        let ctx = DailyContext::default();
        let facts = Facts { points_expiring: vec![day("2026-07-01"), day("2026-08-01")], ..Facts::default() };
        let on = |d: &str| daily_occurrence(&t, &facts, &ctx, day(d), false, false);
        assert_eq!(on("2026-06-16"), None);
        assert_eq!(on("2026-06-17").as_deref(), Some("expiring:2026-07-01"));
        assert_eq!(on("2026-06-19").as_deref(), Some("expiring:2026-07-01"), "a missed day is caught up");
        assert_eq!(on("2026-06-20"), None, "a reminder day long past is the past");
        assert_eq!(on("2026-07-18").as_deref(), Some("expiring:2026-08-01"));
        assert!(Trigger::PointsExpiring { days_before: 1 }.is_daily());
        assert!(!Trigger::ClubJoined.is_daily());
    }

    #[test]
    fn club_steps_act_are_for_members_and_check_their_numbers() {
        let give = Step::GivePoints { points: 50, reason: "welcome".into() };
        assert!(give.acts() && give.for_members());
        assert!(!Step::Tag { tag: "x".into() }.for_members());
        let mut p = defaults().remove(0);
        p.steps = vec![Step::GivePoints { points: 100_001, reason: "x".into() }];
        assert_eq!(p.check().map_err(|e| e.field), Err("steps.0.points".to_owned()));
        p.steps = vec![Step::GivePoints { points: 10, reason: " ".into() }];
        assert_eq!(p.check().map_err(|e| e.field), Err("steps.0.reason".to_owned()));
        p.steps = vec![Step::GivePerk { perk: Perk::FreeShipping, days: 0 }];
        assert_eq!(p.check().map_err(|e| e.field), Err("steps.0.days".to_owned()));
        p.steps = vec![Step::GivePerk { perk: Perk::FreeShipping, days: 30 }];
        assert_eq!(p.check(), Ok(()));
        let json = r#"{"kind":"club_tier","direction":"down"}"#;
        let back: Trigger = serde_json::from_str(json).expect("a trigger");
        assert_eq!(back, Trigger::ClubTier { direction: TierDirection::Down, to: None });
    }

    #[test]
    fn the_conditions_say_why_not() {
        let c = Conditions { no_event_buyers: true, min_rung: Some(Rung::Repeat), ..Conditions::default() };
        let as_of = day("2026-05-01");
        let buyer = Facts { event_buyer: true, rung: Some(Rung::Loyal), ..Facts::default() };
        assert_eq!(check(&c, &buyer, as_of, false, false), Err(Unqualified::EventBuyer));
        let low = Facts { rung: Some(Rung::Customer), ..Facts::default() };
        assert_eq!(check(&c, &low, as_of, false, false), Err(Unqualified::Rung));
        let fine = Facts { rung: Some(Rung::Loyal), last_contact: Some(day("2026-04-30")), ..Facts::default() };
        assert_eq!(check(&c, &fine, as_of, false, false), Ok(()));
        let quiet = Conditions { not_contacted_days: Some(7), ..c };
        assert_eq!(check(&quiet, &fine, as_of, false, false), Err(Unqualified::RecentlyContacted));
    }

    #[test]
    fn the_control_group_is_stable_and_near_its_share() {
        let control = (0..20_000)
            .filter(|i| group("winback", &format!("C{i}"), "lapsed:2026-01-01", 10) == Group::Control)
            .count();
        // 10 % of 20,000 is 2,000; three standard deviations are about 127.
        assert!((1_873..=2_127).contains(&control), "{control}");
        assert_eq!(group("winback", "C1", "x", 10), group("winback", "C1", "x", 10));
        assert!((0..1000).all(|i| group("winback", &format!("C{i}"), "x", 0) == Group::Treated));
        assert!((0..1000).all(|i| group("winback", &format!("C{i}"), "x", 100) == Group::Control));
    }

    #[test]
    fn priority_grows_with_value_and_lateness() {
        let today = day("2026-05-10");
        assert_eq!(priority(Some(10_000), today, today, false), 10_000);
        assert_eq!(priority(Some(10_000), day("2026-05-08"), today, false), 30_000);
        assert_eq!(priority(None, today, today, true), 3);
        assert_eq!(priority(Some(i64::MAX), day("2026-05-01"), today, true), i64::MAX);
    }
}
