//! Playbooks (migration 31): the shop's settings of each playbook, its runs per (playbook, customer,
//! occurrence) with every step's outcome, the tasks runs give people, and the days evaluated. The daily
//! evaluation reads customers in one scan and writes in batches, so a million customers cost a handful
//! of statements per thousand, never one per customer; unique keys make every write happen once however
//! often a day is evaluated.

use crate::{CustomerId, StoreResult};
use chrono::{DateTime, NaiveDate, Utc};
use ladder_domain::playbook::{Group, RunStatus, StepOutcome, TaskKind, TaskOutcome, TaskStatus};
use ladder_domain::{CustomerState, InteractionKind, Rung};
use serde::Serialize;

/// A playbook as the shop set it: on or off, its control share, and its definition when edited (the
/// starter's otherwise).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlaybookSetting {
    /// The playbook's key.
    pub key: String,
    /// On or off.
    pub enabled: bool,
    /// The control group's share, percent.
    pub control_percent: u32,
    /// Its definition as JSON, when the shop edited it.
    pub definition: Option<String>,
    /// When it was last turned on: a run never reaches back before it (a catch-up window moves it back).
    pub enabled_since: Option<DateTime<Utc>>,
    /// When it was last changed.
    pub updated_at: DateTime<Utc>,
}

/// One customer as the playbooks see them: the last scoring, the profile and the last message.
#[derive(Debug, Clone, PartialEq)]
pub struct FactsRow {
    /// The store's id.
    pub customer: CustomerId,
    /// The business's id.
    pub customer_id: String,
    /// The rung, state and order days of the last scoring.
    pub rung: Option<Rung>,
    /// The state.
    pub state: Option<CustomerState>,
    /// Counted orders.
    pub orders: u32,
    /// Order days.
    pub first_order: Option<NaiveDate>,
    /// The second.
    pub second_order: Option<NaiveDate>,
    /// The last.
    pub last_order: Option<NaiveDate>,
    /// The model's next order, as of the scoring day.
    pub expected_next_order: Option<NaiveDate>,
    /// The last scoring's day.
    pub scored_on: NaiveDate,
    /// The 12-month value.
    pub clv_minor: Option<i64>,
    /// An event buyer.
    pub event_buyer: bool,
    /// The birthday as stored.
    pub birthday: Option<String>,
    /// The attributes as stored (JSON), when asked for.
    pub attributes: Option<String>,
    /// The last message sent, when asked for.
    pub last_contact: Option<DateTime<Utc>>,
    /// The last interaction recorded, when asked for.
    pub last_interaction: Option<DateTime<Utc>>,
    /// A club member (not blocked).
    pub club_member: bool,
}

/// What a playbook event is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EventKind {
    /// A move on the ladder from one rung to another (first placements are not moves).
    Rung {
        /// From.
        from: Rung,
        /// To.
        to: Rung,
        /// Whether an order of the customer's or of a customer they referred is dated within the window:
        /// a move up without one came from loading history.
        recent_order: bool,
    },
    /// A change of state.
    State {
        /// From.
        from: CustomerState,
        /// To.
        to: CustomerState,
    },
    /// An interaction recorded.
    Interaction(InteractionKind),
    /// An order placed.
    Order,
    /// A referred customer's first order: the referrer is the event's customer.
    ReferralFirstOrder,
    /// Joined the club one by one (enrolling everyone at once is not news).
    ClubJoined,
    /// A move between the club's tiers (not a first tier given at joining).
    ClubTier {
        /// From (none: no tier).
        from: Option<String>,
        /// To.
        to: String,
    },
}

/// Something that happened that an event playbook may start on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlaybookEvent {
    /// The occurrence it gives a run (`move:12`, `interaction:7`, `order:5`, `referral:9`).
    pub occurrence: String,
    /// Whom it concerns.
    pub customer: CustomerId,
    /// Their business id.
    pub customer_id: String,
    /// When.
    pub at: DateTime<Utc>,
    /// What.
    pub kind: EventKind,
}

/// A run to start.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewRun {
    /// The playbook.
    pub playbook: String,
    /// The customer.
    pub customer: CustomerId,
    /// What started it, once per (playbook, customer).
    pub occurrence: String,
    /// Treated or control.
    pub group: Group,
    /// The day it counts for.
    pub entered_on: NaiveDate,
    /// When.
    pub entered_at: DateTime<Utc>,
    /// Counted orders then.
    pub orders_at_entry: u32,
}

/// A run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Run {
    /// Its id.
    pub id: i64,
    /// The playbook.
    pub playbook: String,
    /// The store's customer id.
    #[serde(skip)]
    pub customer: CustomerId,
    /// The business's customer id.
    pub customer_id: String,
    /// What started it.
    pub occurrence: String,
    /// Treated or control.
    pub group: Group,
    /// Where it stands.
    pub status: RunStatus,
    /// The day it counts for.
    pub entered_on: NaiveDate,
    /// When it began.
    pub entered_at: DateTime<Utc>,
    /// Counted orders then.
    pub orders_at_entry: u32,
    /// The step it is at (0-based; the number of steps once through).
    pub step: u32,
    /// When the step is due.
    pub next_at: Option<DateTime<Utc>>,
    /// When it ended.
    pub ended_at: Option<DateTime<Utc>>,
    /// Why it ended.
    pub ended_reason: Option<String>,
}

/// A run moved on: guarded by the step it was at, so that two workers move it once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RunAdvance {
    /// The run.
    pub run: i64,
    /// The step it was at.
    pub from_step: u32,
    /// The step it is at now.
    pub step: u32,
    /// Where it stands now.
    pub status: RunStatus,
    /// When its step is due (none once ended).
    pub next_at: Option<DateTime<Utc>>,
    /// Why it ended.
    pub ended_reason: Option<String>,
    /// When (the evaluation's time).
    pub at: DateTime<Utc>,
}

/// How one step of a run went.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StepLog {
    /// The run.
    pub run: i64,
    /// The step (0-based).
    pub step: u32,
    /// When.
    pub at: DateTime<Utc>,
    /// Done, skipped or failed.
    pub outcome: StepOutcome,
    /// Why skipped or failed, or what it did (`message`, `task`).
    pub reason: Option<String>,
}

/// A task to create.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewTask {
    /// The customer.
    pub customer: CustomerId,
    /// The run and step that made it (none for a manual task).
    pub run: Option<(i64, u32)>,
    /// The playbook that made it.
    pub playbook: Option<String>,
    /// Call, letter or visit.
    pub kind: TaskKind,
    /// Why, in words (or a reason key the page says in the reader's language).
    pub reason: String,
    /// The template whose text is the script.
    pub script: Option<String>,
    /// When it is due.
    pub due: NaiveDate,
    /// The user it is for.
    pub assignee_user: Option<i64>,
    /// The role it is for, when no user.
    pub assignee_role: Option<String>,
    /// The value at stake (12-month value, minor units).
    pub value_minor: i64,
    /// Whether it answers a complaint (more urgent).
    pub complaint: bool,
    /// When it was made.
    pub created_at: DateTime<Utc>,
}

/// A task, as lists show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Task {
    /// Its id.
    pub id: i64,
    /// The store's customer id.
    #[serde(skip)]
    pub customer: CustomerId,
    /// The business's customer id.
    pub customer_id: String,
    /// The customer's name.
    pub name: String,
    /// The customer's phone.
    pub phone: Option<String>,
    /// The run that made it.
    pub run: Option<i64>,
    /// The playbook that made it.
    pub playbook: Option<String>,
    /// The step.
    pub step: Option<u32>,
    /// Call, letter or visit.
    pub kind: TaskKind,
    /// Why.
    pub reason: String,
    /// The script's template.
    pub script: Option<String>,
    /// When it is due.
    pub due: NaiveDate,
    /// The user's email it is for.
    pub assignee: Option<String>,
    /// The user's id.
    #[serde(skip)]
    pub assignee_user: Option<i64>,
    /// The role it is for.
    pub assignee_role: Option<String>,
    /// The value at stake.
    pub value_minor: i64,
    /// Whether it answers a complaint.
    pub complaint: bool,
    /// Where it stands.
    pub status: TaskStatus,
    /// Until when it sleeps.
    pub snoozed_until: Option<NaiveDate>,
    /// How it ended.
    pub outcome: Option<TaskOutcome>,
    /// The person's note.
    pub note: Option<String>,
    /// When it was made.
    pub created_at: DateTime<Utc>,
    /// When it was done.
    pub done_at: Option<DateTime<Utc>>,
    /// Who did it.
    pub done_by: Option<String>,
}

/// Which tasks to list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TaskQuery {
    /// Only this status; open ones whose snooze ended count as open.
    pub status: Option<TaskStatus>,
    /// Only those for this user (with `role` too: theirs, their role's, and those given to nobody yet).
    pub assignee_user: Option<i64>,
    /// Only those for this role (with `assignee_user`: the user's or the role's).
    pub assignee_role: Option<String>,
    /// Only those due by this day.
    pub due_by: Option<NaiveDate>,
    /// Only this customer's.
    pub customer: Option<CustomerId>,
    /// At most this many (0: no limit).
    pub limit: u32,
}

/// A task's change: guarded by the status it had.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaskChange {
    /// The task.
    pub id: i64,
    /// The statuses it may have had.
    pub from: Vec<TaskStatus>,
    /// Its new status.
    pub status: TaskStatus,
    /// Until when it sleeps.
    pub snoozed_until: Option<NaiveDate>,
    /// How it ended.
    pub outcome: Option<TaskOutcome>,
    /// A note.
    pub note: Option<String>,
    /// When.
    pub at: DateTime<Utc>,
    /// Who.
    pub by: String,
    /// A new assignee (user, role), when reassigned.
    pub assign: Option<(Option<i64>, Option<String>)>,
}

/// Which runs to list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RunQuery {
    /// Only this customer's.
    pub customer: Option<CustomerId>,
    /// Only this playbook's.
    pub playbook: Option<String>,
    /// At most this many, newest first (0: no limit).
    pub limit: u32,
}

/// One playbook's runs in one group, with what followed within the goal window.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct GroupOutcome {
    /// Runs.
    pub entered: u64,
    /// Runs whose customer placed a counted order within the window after entering.
    pub ordered: u64,
    /// Runs that ended with their goal reached (an order, a person reaching them, the task done).
    pub reached: u64,
    /// Those orders' totals, minor units of the shop's currency.
    pub revenue_minor: i64,
    /// Runs whose customer withdrew a consent within the window.
    pub unsubscribed: u64,
}

/// What one playbook did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct PlaybookOutcome {
    /// The treated group.
    pub treated: GroupOutcome,
    /// The control group.
    pub control: GroupOutcome,
    /// Its messages sent.
    pub messages_sent: u64,
    /// Its tasks done.
    pub tasks_done: u64,
    /// Runs entered since a given day.
    pub entered_recently: u64,
}

/// Reading playbooks, runs and tasks.
pub trait PlaybookStore {
    /// The playbooks the shop has set (the others are the starters as they come).
    fn playbook_settings(&self) -> StoreResult<Vec<PlaybookSetting>>;

    /// Every customer with a score, in id order, handed to `each`; stops early when it returns false.
    /// `with_attributes` and `with_contacts` read the attributes, and the last message and interaction,
    /// too.
    fn each_playbook_facts(
        &self,
        with_attributes: bool,
        with_contacts: bool,
        each: &mut dyn FnMut(FactsRow) -> StoreResult<bool>,
    ) -> StoreResult<u64>;

    /// These customers' facts (with attributes and the last message), in one statement per thousand.
    fn playbook_facts_of(&self, customers: &[CustomerId]) -> StoreResult<Vec<FactsRow>>;

    /// The events dated in `[since, until]` — transitions, interactions, referrals' first orders, joins
    /// and tier moves of the club, and orders when `orders` is set (a playbook starts on them) — of one customer or of all, oldest first.
    fn playbook_events(
        &self,
        since: DateTime<Utc>,
        until: DateTime<Utc>,
        customer: Option<CustomerId>,
        orders: bool,
    ) -> StoreResult<Vec<PlaybookEvent>>;

    /// Every run entered on or after `since` or still active, as (playbook, customer, entered on,
    /// status), for the re-entry and same-goal checks.
    fn each_open_or_recent_run(
        &self,
        since: NaiveDate,
        each: &mut dyn FnMut(String, CustomerId, NaiveDate, RunStatus) -> StoreResult<bool>,
    ) -> StoreResult<u64>;

    /// Active runs whose step is due by `until`, with ids above `after`, at most `limit`, in id order;
    /// of one customer or of all.
    fn due_runs(
        &self,
        until: DateTime<Utc>,
        after: i64,
        limit: u32,
        customer: Option<CustomerId>,
    ) -> StoreResult<Vec<Run>>;

    /// Runs, newest first.
    fn runs(&self, query: &RunQuery) -> StoreResult<Vec<Run>>;

    /// One run.
    fn run(&self, id: i64) -> StoreResult<Option<Run>>;

    /// A run's step log, in step order.
    fn run_steps(&self, run: i64) -> StoreResult<Vec<StepLog>>;

    /// Tasks in the queue's order: overdue first, then by the value at stake, then due first.
    fn tasks(&self, query: &TaskQuery, today: NaiveDate) -> StoreResult<Vec<Task>>;

    /// How many tasks the query finds, its limit aside.
    fn count_tasks(&self, query: &TaskQuery, today: NaiveDate) -> StoreResult<u64>;

    /// One task.
    fn task(&self, id: i64) -> StoreResult<Option<Task>>;

    /// What the playbook did: its groups' outcomes within `window_days` of each entry (orders in
    /// `currency`), its messages and tasks, and runs entered since `recent_since`.
    fn playbook_outcome(
        &self,
        playbook: &str,
        window_days: u32,
        currency: &str,
        recent_since: NaiveDate,
    ) -> StoreResult<PlaybookOutcome>;

    /// The last day the evaluation finished.
    fn last_evaluated_day(&self) -> StoreResult<Option<NaiveDate>>;

    /// Whether the user's digest of open tasks for `day` went.
    fn digest_sent(&self, user: i64, day: NaiveDate) -> StoreResult<bool>;
}

/// Writing playbooks, runs and tasks, in a unit of work.
pub trait PlaybookTx {
    /// Saves a playbook's setting.
    fn put_playbook_setting(&mut self, setting: &PlaybookSetting) -> StoreResult<()>;

    /// Starts the runs not started yet (by playbook, customer and occurrence); returns how many began.
    fn start_runs(&mut self, runs: &[NewRun]) -> StoreResult<u64>;

    /// Moves runs on, each only if it is still active at its `from_step`; returns how many moved.
    fn advance_runs(&mut self, advances: &[RunAdvance]) -> StoreResult<u64>;

    /// Ends a customer's active runs of a playbook (or of any, when none); returns how many ended.
    fn end_runs(
        &mut self,
        customer: CustomerId,
        playbook: Option<&str>,
        status: RunStatus,
        reason: &str,
        at: DateTime<Utc>,
    ) -> StoreResult<u64>;

    /// Logs steps not logged yet; returns how many were new.
    fn log_steps(&mut self, steps: &[StepLog]) -> StoreResult<u64>;

    /// Creates the tasks not created yet (one per run and step); returns how many were new.
    fn add_tasks(&mut self, tasks: &[NewTask]) -> StoreResult<u64>;

    /// Changes a task if its status is one of `from`; false when it was not.
    fn change_task(&mut self, change: &TaskChange) -> StoreResult<bool>;

    /// Adds tags to customers (those they have already are kept once).
    fn add_tags(&mut self, tags: &[(CustomerId, String)]) -> StoreResult<()>;

    /// Records that the evaluation of `day` finished.
    fn mark_day_evaluated(&mut self, day: NaiveDate, at: DateTime<Utc>) -> StoreResult<()>;

    /// Records that the user's digest for `day` went, with its count of tasks (once).
    fn mark_digest_sent(&mut self, user: i64, day: NaiveDate, at: DateTime<Utc>, tasks: u64) -> StoreResult<()>;
}
