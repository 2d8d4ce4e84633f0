//! The playbooks' SQL that both backends share word for word. Placeholders are written `$1`, `$2`, …
//! (PostgreSQL's form); SQLite reads the same statements through [`numbered`], which turns them into its
//! `?1`, `?2`, … — no statement here has a `$` anywhere else.

/// A statement's placeholders in SQLite's numbered form.
pub fn numbered(sql: &str) -> String {
    sql.replace('$', "?")
}

/// The playbook settings' columns.
pub const SETTING_COLUMNS: &str = "key, enabled, control_percent, definition, enabled_since, updated_at";

/// Saves a setting.
pub const PUT_SETTING: &str =
    "INSERT INTO playbooks (key, enabled, control_percent, definition, enabled_since, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (key) DO UPDATE SET enabled = excluded.enabled, control_percent = excluded.control_percent,
         definition = excluded.definition, enabled_since = excluded.enabled_since, updated_at = excluded.updated_at";

/// The facts of customers, over `customers c JOIN customer_scores s`: id, external id, rung, state,
/// orders, first, second and last order days, next order day, value, event buyer, birthday, scoring day,
/// attributes (or NULL), last message and last interaction (or NULL), for [`facts`].
const FACTS_COLUMNS: &str = "c.id, c.external_id, s.rung, s.state, s.orders, s.first_order, s.second_order, \
     s.last_order, s.expected_next_order, s.clv_minor, s.event_buyer, c.birthday, s.as_of";

/// The facts statement: `attributes` and `contacts` read those columns too; `filter` is a `WHERE`
/// clause over `c` (or empty).
pub fn facts(attributes: bool, contacts: bool, filter: &str) -> String {
    let attributes = if attributes { "c.attributes" } else { "CAST(NULL AS TEXT)" };
    let (contact, join) = if contacts {
        (
            "m.last_sent, (SELECT MAX(i.at) FROM interactions i WHERE i.customer_id = c.id)",
            "LEFT JOIN (SELECT customer_id, MAX(sent_at) AS last_sent FROM outbox WHERE status = 'sent'
                        GROUP BY customer_id) m ON m.customer_id = c.id",
        )
    } else {
        ("CAST(NULL AS BIGINT), CAST(NULL AS BIGINT)", "")
    };
    format!(
        "SELECT {FACTS_COLUMNS}, {attributes}, {contact},
                CAST(CASE WHEN EXISTS (SELECT 1 FROM club_members cm WHERE cm.customer_id = c.id
                                       AND cm.blocked_at IS NULL) THEN 1 ELSE 0 END AS BIGINT)
         FROM customers c JOIN customer_scores s ON s.customer_id = c.id {join} {filter} ORDER BY c.id"
    )
}

/// `c.id IN ($1, …, $n)`.
pub fn ids_in(column: &str, n: usize) -> String {
    let list: Vec<String> = (1..=n).map(|i| format!("${i}")).collect();
    format!("{column} IN ({})", list.join(", "))
}

/// Moves on the ladder and changes of state between two days ($1, $2, day numbers; $3 the start of the
/// window in Unix seconds for the recent-order check): id, customer, external id, kind, from, to, day,
/// whether an order of theirs or of someone they referred is dated within the window. First placements
/// are not moves.
pub const MOVES: &str = "SELECT h.id, h.customer_id, c.external_id, h.kind, h.from_value, h.to_value, h.at,
            CAST(CASE WHEN EXISTS (SELECT 1 FROM orders o WHERE o.customer_id = h.customer_id AND o.ordered_at >= $3)
                   OR EXISTS (SELECT 1 FROM customers r JOIN orders o ON o.customer_id = r.id
                              WHERE r.referred_by = c.external_id AND o.ordered_at >= $3)
                 THEN 1 ELSE 0 END AS BIGINT)
     FROM ladder_history h JOIN customers c ON c.id = h.customer_id
     WHERE h.kind IN ('rung', 'state') AND h.at >= $1 AND h.at <= $2
       AND h.from_value IS NOT NULL AND h.to_value IS NOT NULL";

/// Interactions between two times ($1, $2): id, customer, external id, kind, time.
pub const INTERACTIONS: &str = "SELECT i.id, i.customer_id, c.external_id, i.kind, i.at
     FROM interactions i JOIN customers c ON c.id = i.customer_id WHERE i.at >= $1 AND i.at <= $2";

/// Orders between two times ($1, $2): id, customer, external id, time.
pub const ORDERS: &str = "SELECT o.id, o.customer_id, c.external_id, o.ordered_at
     FROM orders o JOIN customers c ON c.id = o.customer_id WHERE o.ordered_at >= $1 AND o.ordered_at <= $2";

/// Referred customers whose first order falls between two days ($1, $2): the new customer's id, the
/// referrer's id and external id, the day.
pub const REFERRALS: &str = "SELECT n.id, r.id, r.external_id, s.first_order
     FROM customers n JOIN customers r ON r.external_id = n.referred_by
     JOIN customer_scores s ON s.customer_id = n.id
     WHERE n.referred_by IS NOT NULL AND s.first_order >= $1 AND s.first_order <= $2";

/// Members who joined between two times ($1, $2) one by one (not by enrolling everyone, whose evidence
/// says so): customer, external id, time.
pub const CLUB_JOINS: &str = "SELECT m.customer_id, c.external_id, m.joined_at
     FROM club_members m JOIN customers c ON c.id = m.customer_id
     WHERE m.joined_at >= $1 AND m.joined_at <= $2 AND m.blocked_at IS NULL
       AND m.terms_evidence NOT LIKE '%\"channel\":\"enrol_everyone\"%'";

/// Tier moves between two days ($1, $2, day numbers), not the first tier given at joining: id, customer,
/// external id, from, to, time.
pub const CLUB_TIER_MOVES: &str = "SELECT t.id, t.customer_id, c.external_id, t.from_tier, t.to_tier, t.at
     FROM club_tier_moves t JOIN customers c ON c.id = t.customer_id
     WHERE t.day >= $1 AND t.day <= $2 AND t.reason NOT LIKE '{\"kind\":\"joined\"%'";

/// Runs entered on or after a day ($1), or still active: playbook, customer, day, status.
pub const OPEN_OR_RECENT_RUNS: &str = "SELECT playbook, customer_id, entered_on, status FROM playbook_runs
     WHERE status = 'active' OR entered_on >= $1";

/// A run's columns over `playbook_runs r JOIN customers c`.
pub const RUN_COLUMNS: &str = "r.id, r.playbook, r.customer_id, c.external_id, r.occurrence, r.grp, r.status, \
     r.entered_on, r.entered_at, r.orders_at_entry, r.step, r.next_at, r.ended_at, r.ended_reason";

/// Due runs: active, due by $1, id above $2, at most $3.
pub fn due_runs(one_customer: bool) -> String {
    let customer = if one_customer { " AND r.customer_id = $4" } else { "" };
    format!(
        "SELECT {RUN_COLUMNS} FROM playbook_runs r JOIN customers c ON c.id = r.customer_id
         WHERE r.status = 'active' AND r.next_at <= $1 AND r.id > $2{customer} ORDER BY r.id LIMIT $3"
    )
}

/// Starts a run unless it exists: playbook, customer, occurrence, group, day, time, orders, and the step
/// due at the entry time.
pub const START_RUN: &str = "INSERT INTO playbook_runs
         (playbook, customer_id, occurrence, grp, status, entered_on, entered_at, orders_at_entry, step, next_at)
     VALUES ($1, $2, $3, $4, 'active', $5, $6, $7, 0, $6)
     ON CONFLICT (playbook, customer_id, occurrence) DO NOTHING";

/// Moves a run on if it is active at the step it was at.
pub const ADVANCE_RUN: &str = "UPDATE playbook_runs SET step = $3, status = $4, next_at = $5, ended_reason = $6,
         ended_at = CASE WHEN $4 = 'active' THEN NULL ELSE CAST($7 AS BIGINT) END
     WHERE id = $1 AND step = $2 AND status = 'active'";

/// Ends a customer's active runs ($1) of one playbook ($5) or of all.
pub fn end_runs(one_playbook: bool) -> String {
    let playbook = if one_playbook { " AND playbook = $5" } else { "" };
    format!(
        "UPDATE playbook_runs SET status = $2, ended_reason = $3, ended_at = $4, next_at = NULL
         WHERE customer_id = $1 AND status = 'active'{playbook}"
    )
}

/// Logs a step once.
pub const LOG_STEP: &str = "INSERT INTO playbook_steps (run_id, step, at, outcome, reason) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (run_id, step) DO NOTHING";

/// A run's steps.
pub const RUN_STEPS: &str =
    "SELECT run_id, step, at, outcome, reason FROM playbook_steps WHERE run_id = $1 ORDER BY step";

/// Creates a task once per run and step.
pub const ADD_TASK: &str =
    "INSERT INTO tasks (customer_id, run_id, playbook, step, kind, reason, script, due, assignee_user,
         assignee_role, value_minor, complaint, status, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 'open', $13)
     ON CONFLICT (run_id, step) DO NOTHING";

/// A task's columns over `tasks t JOIN customers c LEFT JOIN users u`.
pub const TASK_COLUMNS: &str = "t.id, t.customer_id, c.external_id, c.first_name, c.last_name, c.company, c.phone, \
     t.run_id, t.playbook, t.step, t.kind, t.reason, t.script, t.due, u.email, t.assignee_user, t.assignee_role, \
     t.value_minor, t.complaint, t.status, t.snoozed_until, t.outcome, t.note, t.created_at, t.done_at, t.done_by";

/// The tasks' `FROM`.
pub const TASK_FROM: &str =
    "FROM tasks t JOIN customers c ON c.id = t.customer_id LEFT JOIN users u ON u.id = t.assignee_user";

/// Adds a tag unless the customer has it.
pub const ADD_TAG: &str = "INSERT INTO customer_tags (customer_id, tag) VALUES ($1, $2) ON CONFLICT DO NOTHING";

/// Marks a day evaluated.
pub const MARK_DAY: &str = "INSERT INTO playbook_days (day, evaluated_at) VALUES ($1, $2)
     ON CONFLICT (day) DO UPDATE SET evaluated_at = excluded.evaluated_at";

/// One group's outcome: $1 playbook, $2 group, $3 window in seconds, $4 currency. Entered, ordered,
/// reached, revenue, unsubscribed.
pub const GROUP_OUTCOME: &str = "SELECT COUNT(*),
            CAST(COALESCE(SUM(CASE WHEN w.revenue IS NOT NULL THEN 1 ELSE 0 END), 0) AS BIGINT),
            CAST(COALESCE(SUM(CASE WHEN r.status = 'reached' THEN 1 ELSE 0 END), 0) AS BIGINT),
            COALESCE(CAST(SUM(w.revenue) AS BIGINT), 0),
            CAST(COALESCE(SUM(CASE WHEN EXISTS (SELECT 1 FROM consent_events e WHERE e.customer_id = r.customer_id
                                 AND e.action = 'withdraw' AND e.at > r.entered_at AND e.at <= r.entered_at + $3)
                         THEN 1 ELSE 0 END), 0) AS BIGINT)
     FROM playbook_runs r
     LEFT JOIN (SELECT r2.id AS run_id, CAST(SUM(o.total_minor) AS BIGINT) AS revenue FROM playbook_runs r2
                JOIN orders o ON o.customer_id = r2.customer_id AND o.ordered_at > r2.entered_at
                     AND o.ordered_at <= r2.entered_at + $3 AND o.status = 'completed'
                     AND o.currency = $4
                WHERE r2.playbook = $1 AND r2.grp = $2 GROUP BY r2.id) w ON w.run_id = r.id
     WHERE r.playbook = $1 AND r.grp = $2";

/// A playbook's messages sent ($1: its cause's prefix, `playbook:KEY:%`).
pub const MESSAGES_SENT: &str = "SELECT COUNT(*) FROM outbox WHERE cause LIKE $1 AND status = 'sent'";

/// A playbook's tasks done.
pub const TASKS_DONE: &str = "SELECT COUNT(*) FROM tasks WHERE playbook = $1 AND status = 'done'";

/// A playbook's runs entered since a day.
pub const ENTERED_SINCE: &str = "SELECT COUNT(*) FROM playbook_runs WHERE playbook = $1 AND entered_on >= $2";

/// Whether a user's digest of a day went.
pub const DIGEST_SENT: &str = "SELECT COUNT(*) FROM task_digests WHERE user_id = $1 AND day = $2";

/// A user's digest of a day went (once).
pub const MARK_DIGEST: &str = "INSERT INTO task_digests (user_id, day, sent_at, tasks) VALUES ($1, $2, $3, $4)
     ON CONFLICT (user_id, day) DO NOTHING";

/// The last day evaluated.
pub const LAST_DAY: &str = "SELECT MAX(day) FROM playbook_days";

use crate::filter::SqlValue;
use crate::{RunQuery, TaskQuery};
use chrono::NaiveDate;
use ladder_domain::date::date_day_number;
use ladder_domain::playbook::TaskStatus;

/// Arguments bound in order, each handing back its placeholder.
#[derive(Default)]
struct Binds(Vec<SqlValue>);

impl Binds {
    fn bind(&mut self, v: SqlValue) -> String {
        self.0.push(v);
        format!("${}", self.0.len())
    }
}

fn clause(conditions: &[String]) -> String {
    if conditions.is_empty() { String::new() } else { format!("WHERE {}", conditions.join(" AND ")) }
}

fn limit(n: u32) -> String {
    if n == 0 { String::new() } else { format!(" LIMIT {n}") }
}

/// The runs a query asks for, newest first, and the statement's arguments.
pub fn runs(q: &RunQuery) -> (String, Vec<SqlValue>) {
    let mut b = Binds::default();
    let mut conditions = Vec::new();
    if let Some(customer) = q.customer {
        conditions.push(format!("r.customer_id = {}", b.bind(SqlValue::Int(customer.0))));
    }
    if let Some(playbook) = &q.playbook {
        conditions.push(format!("r.playbook = {}", b.bind(SqlValue::Text(playbook.clone()))));
    }
    let sql = format!(
        "SELECT {RUN_COLUMNS} FROM playbook_runs r JOIN customers c ON c.id = r.customer_id {} ORDER BY r.id DESC{}",
        clause(&conditions),
        limit(q.limit)
    );
    (sql, b.0)
}

/// One run.
pub fn run() -> String {
    format!("SELECT {RUN_COLUMNS} FROM playbook_runs r JOIN customers c ON c.id = r.customer_id WHERE r.id = $1")
}

/// The tasks a query asks for in the queue's order — overdue first, then by the value at stake (the
/// 12-month value, at least one minor unit, × one more per day overdue, three for a complaint: the
/// domain's `priority`), then due first — and the statement's arguments; `today` decides whether a snooze
/// has ended (the task is open again) and how late a task is.
pub fn tasks(q: &TaskQuery, today: NaiveDate) -> (String, Vec<SqlValue>) {
    let mut b = Binds::default();
    let conditions = task_conditions(q, today, &mut b);
    let t = b.bind(SqlValue::Int(date_day_number(today)));
    let late = format!("CASE WHEN t.due < {t} THEN {t} - t.due ELSE 0 END");
    let sql = format!(
        "SELECT {TASK_COLUMNS} {TASK_FROM} {} ORDER BY CASE WHEN t.due < {t} THEN 0 ELSE 1 END,
             (CASE WHEN t.value_minor > 1 THEN t.value_minor ELSE 1 END)
               * ((CASE WHEN t.complaint THEN 3 ELSE 1 END) + {late}) DESC,
             t.due, t.id{}",
        clause(&conditions),
        limit(q.limit)
    );
    (sql, b.0)
}

/// How many tasks a query finds (its limit aside), and the statement's arguments.
pub fn count_tasks(q: &TaskQuery, today: NaiveDate) -> (String, Vec<SqlValue>) {
    let mut b = Binds::default();
    let conditions = task_conditions(q, today, &mut b);
    (format!("SELECT COUNT(*) {TASK_FROM} {}", clause(&conditions)), b.0)
}

fn task_conditions(q: &TaskQuery, today: NaiveDate, b: &mut Binds) -> Vec<String> {
    let mut conditions = Vec::new();
    let today = SqlValue::Int(date_day_number(today));
    match q.status {
        Some(TaskStatus::Open) => {
            let t = b.bind(today);
            conditions.push(format!("(t.status = 'open' OR (t.status = 'snoozed' AND t.snoozed_until <= {t}))"));
        }
        Some(TaskStatus::Snoozed) => {
            let t = b.bind(today);
            conditions.push(format!("t.status = 'snoozed' AND t.snoozed_until > {t}"));
        }
        Some(s) => conditions.push(format!("t.status = {}", b.bind(SqlValue::Text(s.as_str().to_owned())))),
        None => {}
    }
    match (q.assignee_user, &q.assignee_role) {
        (Some(user), Some(role)) => {
            let (u, r) = (b.bind(SqlValue::Int(user)), b.bind(SqlValue::Text(role.clone())));
            // A user's: given to them, to their role, or to nobody yet (the team's pool).
            conditions.push(format!(
                "(t.assignee_user = {u} OR (t.assignee_user IS NULL AND (t.assignee_role = {r} OR t.assignee_role IS NULL)))"
            ));
        }
        (Some(user), None) => conditions.push(format!("t.assignee_user = {}", b.bind(SqlValue::Int(user)))),
        (None, Some(role)) => conditions.push(format!("t.assignee_role = {}", b.bind(SqlValue::Text(role.clone())))),
        (None, None) => {}
    }
    if let Some(due_by) = q.due_by {
        conditions.push(format!("t.due <= {}", b.bind(SqlValue::Int(date_day_number(due_by)))));
    }
    if let Some(customer) = q.customer {
        conditions.push(format!("t.customer_id = {}", b.bind(SqlValue::Int(customer.0))));
    }
    conditions
}

/// One task.
pub fn task() -> String {
    format!("SELECT {TASK_COLUMNS} {TASK_FROM} WHERE t.id = $1")
}

/// Changes a task whose status is one of `from`: $1 id, $2 status, $3 snoozed until, $4 outcome, $5 note,
/// $6 time, $7 by, $8 whether reassigned, $9 user, $10 role.
pub fn change_task(from: &[TaskStatus]) -> String {
    let from: Vec<String> = from.iter().map(|s| format!("'{}'", s.as_str())).collect();
    format!(
        "UPDATE tasks SET status = $2, snoozed_until = $3, outcome = COALESCE($4, outcome), note = COALESCE($5, note),
             done_at = CASE WHEN $2 IN ('done', 'skipped') THEN $6 ELSE done_at END,
             done_by = CASE WHEN $2 IN ('done', 'skipped') THEN $7 ELSE done_by END,
             assignee_user = CASE WHEN $8 THEN $9 ELSE assignee_user END,
             assignee_role = CASE WHEN $8 THEN $10 ELSE assignee_role END
         WHERE id = $1 AND status IN ({})",
        from.join(", ")
    )
}

/// An event statement narrowed to one customer (`column = $n`) when `one` is set.
pub fn of_customer(statement: &str, column: &str, n: usize, one: bool) -> String {
    if one { format!("{statement} AND {column} = ${n}") } else { statement.to_owned() }
}
