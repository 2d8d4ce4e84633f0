//! Playbooks, runs and tasks (migration 31), over the statements both backends share.

use crate::tx::PgTx;
use crate::{Connection, Context, PostgresStore, sql_params};
use chrono::{DateTime, NaiveDate, Utc};
use ladder_domain::date::{date_day_number, date_of_day};
use ladder_domain::playbook::{Group, RunStatus, StepOutcome, TaskKind, TaskOutcome, TaskStatus};
use ladder_domain::{CustomerState, InteractionKind, Rung};
use ladder_store::playbooks_sql as sql;
use ladder_store::{
    CustomerId, EventKind, FactsRow, GroupOutcome, NewRun, NewTask, PlaybookEvent, PlaybookOutcome, PlaybookSetting,
    PlaybookStore, PlaybookTx, Run, RunAdvance, RunQuery, StepLog, StoreResult, Task, TaskChange, TaskQuery,
};
use postgres::Row;
use postgres::types::ToSql;

type Param<'a> = &'a (dyn ToSql + Sync);

fn time(t: Option<i64>) -> Option<DateTime<Utc>> {
    t.and_then(|t| DateTime::from_timestamp(t, 0))
}

fn day(d: Option<i64>) -> Option<NaiveDate> {
    d.map(date_of_day)
}

fn midnight(day: i64) -> DateTime<Utc> {
    date_of_day(day).and_hms_opt(0, 0, 0).unwrap_or_default().and_utc()
}

fn facts_row(r: &Row) -> FactsRow {
    FactsRow {
        customer: CustomerId(r.get(0)),
        customer_id: r.get(1),
        rung: r.get::<_, Option<&str>>(2).and_then(Rung::parse),
        state: r.get::<_, Option<&str>>(3).and_then(CustomerState::parse),
        orders: u32::try_from(r.get::<_, i64>(4)).unwrap_or(0),
        first_order: day(r.get(5)),
        second_order: day(r.get(6)),
        last_order: day(r.get(7)),
        expected_next_order: day(r.get(8)),
        clv_minor: r.get(9),
        event_buyer: r.get(10),
        birthday: r.get(11),
        scored_on: date_of_day(r.get(12)),
        attributes: r.get(13),
        last_contact: time(r.get(14)),
        last_interaction: time(r.get(15)),
        club_member: r.get::<_, i64>(16) == 1,
    }
}

fn run_row(r: &Row) -> Option<Run> {
    Some(Run {
        id: r.get(0),
        playbook: r.get(1),
        customer: CustomerId(r.get(2)),
        customer_id: r.get(3),
        occurrence: r.get(4),
        group: Group::parse(r.get(5))?,
        status: RunStatus::parse(r.get(6))?,
        entered_on: date_of_day(r.get(7)),
        entered_at: time(r.get(8))?,
        orders_at_entry: u32::try_from(r.get::<_, i64>(9)).unwrap_or(0),
        step: u32::try_from(r.get::<_, i64>(10)).unwrap_or(0),
        next_at: time(r.get(11)),
        ended_at: time(r.get(12)),
        ended_reason: r.get(13),
    })
}

fn task_row(r: &Row) -> Option<Task> {
    let customer_id: String = r.get(2);
    let name = ladder_domain::customer::display_name(&customer_id, r.get(3), r.get(4), r.get(5));
    Some(Task {
        id: r.get(0),
        customer: CustomerId(r.get(1)),
        customer_id,
        name,
        phone: r.get(6),
        run: r.get(7),
        playbook: r.get(8),
        step: r.get::<_, Option<i64>>(9).and_then(|s| u32::try_from(s).ok()),
        kind: TaskKind::parse(r.get(10))?,
        reason: r.get(11),
        script: r.get(12),
        due: date_of_day(r.get(13)),
        assignee: r.get(14),
        assignee_user: r.get(15),
        assignee_role: r.get(16),
        value_minor: r.get(17),
        complaint: r.get(18),
        status: TaskStatus::parse(r.get(19))?,
        snoozed_until: day(r.get(20)),
        outcome: r.get::<_, Option<&str>>(21).and_then(TaskOutcome::parse),
        note: r.get(22),
        created_at: time(r.get(23))?,
        done_at: time(r.get(24)),
        done_by: r.get(25),
    })
}

fn events(
    c: &mut Connection,
    since: DateTime<Utc>,
    until: DateTime<Utc>,
    customer: Option<CustomerId>,
    orders: bool,
) -> StoreResult<Vec<PlaybookEvent>> {
    let what = "cannot read the playbooks' events";
    let (from_day, to_day) = (date_day_number(since.date_naive()), date_day_number(until.date_naive()));
    let (since_s, until_s) = (since.timestamp(), until.timestamp());
    let who = customer.map(|c| c.0);
    let one = |statement: &str, column: &str, n: usize| sql::of_customer(statement, column, n, customer.is_some());
    let mut out = Vec::new();
    let mut params: Vec<Param<'_>> = vec![&from_day, &to_day, &since_s];
    if let Some(w) = &who {
        params.push(w);
    }
    for r in c.query(&one(sql::MOVES, "h.customer_id", 4), &params).ctx(what)? {
        let (from, to): (&str, &str) = (r.get(4), r.get(5));
        let kind = if r.get::<_, &str>(3) == "rung" {
            let (Some(from), Some(to)) = (Rung::parse(from), Rung::parse(to)) else { continue };
            EventKind::Rung { from, to, recent_order: r.get::<_, i64>(7) == 1 }
        } else {
            let (Some(from), Some(to)) = (CustomerState::parse(from), CustomerState::parse(to)) else { continue };
            EventKind::State { from, to }
        };
        out.push(PlaybookEvent {
            occurrence: format!("move:{}", r.get::<_, i64>(0)),
            customer: CustomerId(r.get(1)),
            customer_id: r.get(2),
            at: midnight(r.get(6)),
            kind,
        });
    }
    let mut window: Vec<Param<'_>> = vec![&since_s, &until_s];
    if let Some(w) = &who {
        window.push(w);
    }
    for r in c.query(&one(sql::INTERACTIONS, "i.customer_id", 3), &window).ctx(what)? {
        let (Some(kind), Some(at)) = (InteractionKind::parse(r.get(3)), time(r.get(4))) else { continue };
        out.push(PlaybookEvent {
            occurrence: format!("interaction:{}", r.get::<_, i64>(0)),
            customer: CustomerId(r.get(1)),
            customer_id: r.get(2),
            at,
            kind: EventKind::Interaction(kind),
        });
    }
    if orders {
        for r in c.query(&one(sql::ORDERS, "o.customer_id", 3), &window).ctx(what)? {
            let Some(at) = time(r.get(3)) else { continue };
            out.push(PlaybookEvent {
                occurrence: format!("order:{}", r.get::<_, i64>(0)),
                customer: CustomerId(r.get(1)),
                customer_id: r.get(2),
                at,
                kind: EventKind::Order,
            });
        }
    }
    let mut days: Vec<Param<'_>> = vec![&from_day, &to_day];
    if let Some(w) = &who {
        days.push(w);
    }
    for r in c.query(&one(sql::REFERRALS, "r.id", 3), &days).ctx(what)? {
        out.push(PlaybookEvent {
            occurrence: format!("referral:{}", r.get::<_, i64>(0)),
            customer: CustomerId(r.get(1)),
            customer_id: r.get(2),
            at: midnight(r.get(3)),
            kind: EventKind::ReferralFirstOrder,
        });
    }
    for r in c.query(&one(sql::CLUB_JOINS, "m.customer_id", 3), &window).ctx(what)? {
        let Some(at) = time(r.get(2)) else { continue };
        out.push(PlaybookEvent {
            occurrence: format!("club_joined:{}", r.get::<_, i64>(0)),
            customer: CustomerId(r.get(0)),
            customer_id: r.get(1),
            at,
            kind: EventKind::ClubJoined,
        });
    }
    for r in c.query(&one(sql::CLUB_TIER_MOVES, "t.customer_id", 3), &days).ctx(what)? {
        let Some(at) = time(r.get(5)) else { continue };
        out.push(PlaybookEvent {
            occurrence: format!("tier:{}", r.get::<_, i64>(0)),
            customer: CustomerId(r.get(1)),
            customer_id: r.get(2),
            at,
            kind: EventKind::ClubTier { from: r.get(3), to: r.get(4) },
        });
    }
    out.sort_by_key(|e| e.at);
    Ok(out)
}

impl PlaybookStore for PostgresStore {
    fn playbook_settings(&self) -> StoreResult<Vec<PlaybookSetting>> {
        let what = "cannot read the playbooks";
        self.read(|c| {
            let rows =
                c.query(&format!("SELECT {} FROM playbooks ORDER BY key", sql::SETTING_COLUMNS), &[]).ctx(what)?;
            Ok(rows
                .iter()
                .map(|r| PlaybookSetting {
                    key: r.get(0),
                    enabled: r.get(1),
                    control_percent: u32::try_from(r.get::<_, i64>(2)).unwrap_or(0),
                    definition: r.get(3),
                    enabled_since: time(r.get(4)),
                    updated_at: time(r.get(5)).unwrap_or_default(),
                })
                .collect())
        })
    }

    fn each_playbook_facts(
        &self,
        with_attributes: bool,
        with_contacts: bool,
        each: &mut dyn FnMut(FactsRow) -> StoreResult<bool>,
    ) -> StoreResult<u64> {
        let what = "cannot read the customers' facts";
        let statement = sql::facts(with_attributes, with_contacts, "");
        self.read(|c| {
            // A million rows are one long read, not one slow statement: no timeout for it.
            let mut tx = c.transaction().ctx(what)?;
            tx.batch_execute("SET LOCAL statement_timeout = 0").ctx(what)?;
            let mut rows = tx.query_raw(&statement, std::iter::empty::<i64>()).ctx(what)?;
            let mut handed = 0;
            while let Some(r) = postgres::fallible_iterator::FallibleIterator::next(&mut rows).ctx(what)? {
                handed += 1;
                if !each(facts_row(&r))? {
                    break;
                }
            }
            drop(rows);
            tx.commit().ctx(what)?;
            Ok(handed)
        })
    }

    fn playbook_facts_of(&self, customers: &[CustomerId]) -> StoreResult<Vec<FactsRow>> {
        let what = "cannot read the customers' facts";
        let ids: Vec<i64> = customers.iter().map(|c| c.0).collect();
        self.read(|c| {
            let mut out = Vec::with_capacity(ids.len());
            for chunk in ids.chunks(1000) {
                let filter = format!("WHERE {}", sql::ids_in("c.id", chunk.len()));
                let params: Vec<Param<'_>> = chunk.iter().map(|i| i as Param<'_>).collect();
                out.extend(c.query(&sql::facts(true, true, &filter), &params).ctx(what)?.iter().map(facts_row));
            }
            Ok(out)
        })
    }

    fn playbook_events(
        &self,
        since: DateTime<Utc>,
        until: DateTime<Utc>,
        customer: Option<CustomerId>,
        orders: bool,
    ) -> StoreResult<Vec<PlaybookEvent>> {
        self.read(|c| events(c, since, until, customer, orders))
    }

    fn each_open_or_recent_run(
        &self,
        since: NaiveDate,
        each: &mut dyn FnMut(String, CustomerId, NaiveDate, RunStatus) -> StoreResult<bool>,
    ) -> StoreResult<u64> {
        let what = "cannot read the playbooks' runs";
        self.read(|c| {
            let mut tx = c.transaction().ctx(what)?;
            tx.batch_execute("SET LOCAL statement_timeout = 0").ctx(what)?;
            let mut rows = tx.query_raw(sql::OPEN_OR_RECENT_RUNS, [date_day_number(since)]).ctx(what)?;
            let mut handed = 0;
            while let Some(r) = postgres::fallible_iterator::FallibleIterator::next(&mut rows).ctx(what)? {
                let Some(status) = RunStatus::parse(r.get(3)) else { continue };
                handed += 1;
                if !each(r.get(0), CustomerId(r.get(1)), date_of_day(r.get(2)), status)? {
                    break;
                }
            }
            drop(rows);
            tx.commit().ctx(what)?;
            Ok(handed)
        })
    }

    fn due_runs(
        &self,
        until: DateTime<Utc>,
        after: i64,
        limit: u32,
        customer: Option<CustomerId>,
    ) -> StoreResult<Vec<Run>> {
        let what = "cannot read the due runs";
        let (until, limit) = (until.timestamp(), i64::from(limit));
        let who = customer.map(|c| c.0);
        let mut params: Vec<Param<'_>> = vec![&until, &after, &limit];
        if let Some(w) = &who {
            params.push(w);
        }
        self.read(|c| {
            Ok(c.query(&sql::due_runs(customer.is_some()), &params).ctx(what)?.iter().filter_map(run_row).collect())
        })
    }

    fn runs(&self, q: &RunQuery) -> StoreResult<Vec<Run>> {
        let what = "cannot read the playbooks' runs";
        let (statement, args) = sql::runs(q);
        self.read(|c| Ok(c.query(&statement, &sql_params(&args)).ctx(what)?.iter().filter_map(run_row).collect()))
    }

    fn run(&self, id: i64) -> StoreResult<Option<Run>> {
        let what = "cannot read a run";
        self.read(|c| Ok(c.query_opt(&sql::run(), &[&id]).ctx(what)?.as_ref().and_then(run_row)))
    }

    fn run_steps(&self, run: i64) -> StoreResult<Vec<StepLog>> {
        let what = "cannot read a run's steps";
        self.read(|c| {
            Ok(c.query(sql::RUN_STEPS, &[&run])
                .ctx(what)?
                .iter()
                .filter_map(|r| {
                    Some(StepLog {
                        run: r.get(0),
                        step: u32::try_from(r.get::<_, i64>(1)).ok()?,
                        at: time(r.get(2))?,
                        outcome: StepOutcome::parse(r.get(3))?,
                        reason: r.get(4),
                    })
                })
                .collect())
        })
    }

    fn tasks(&self, q: &TaskQuery, today: NaiveDate) -> StoreResult<Vec<Task>> {
        let what = "cannot read the tasks";
        let (statement, args) = sql::tasks(q, today);
        self.read(|c| Ok(c.query(&statement, &sql_params(&args)).ctx(what)?.iter().filter_map(task_row).collect()))
    }

    fn count_tasks(&self, q: &TaskQuery, today: NaiveDate) -> StoreResult<u64> {
        let what = "cannot count the tasks";
        let (statement, args) = sql::count_tasks(q, today);
        self.read(|c| {
            let n: i64 = c.query_one(&statement, &sql_params(&args)).ctx(what)?.get(0);
            Ok(n.max(0) as u64)
        })
    }

    fn task(&self, id: i64) -> StoreResult<Option<Task>> {
        let what = "cannot read a task";
        self.read(|c| Ok(c.query_opt(&sql::task(), &[&id]).ctx(what)?.as_ref().and_then(task_row)))
    }

    fn playbook_outcome(
        &self,
        playbook: &str,
        window_days: u32,
        currency: &str,
        recent_since: NaiveDate,
    ) -> StoreResult<PlaybookOutcome> {
        let what = "cannot read a playbook's outcome";
        let window = i64::from(window_days) * 86_400;
        let since = date_day_number(recent_since);
        let like = format!("playbook:{playbook}:%");
        self.read(|c| {
            let mut group = |g: Group| -> StoreResult<GroupOutcome> {
                let r = c.query_one(sql::GROUP_OUTCOME, &[&playbook, &g.as_str(), &window, &currency]).ctx(what)?;
                let n = |i: usize| u64::try_from(r.get::<_, i64>(i)).unwrap_or(0);
                Ok(GroupOutcome {
                    entered: n(0),
                    ordered: n(1),
                    reached: n(2),
                    revenue_minor: r.get(3),
                    unsubscribed: n(4),
                })
            };
            let (treated, control) = (group(Group::Treated)?, group(Group::Control)?);
            let mut count = |q: &str, p: &[Param<'_>]| -> StoreResult<u64> {
                Ok(u64::try_from(c.query_one(q, p).ctx(what)?.get::<_, i64>(0)).unwrap_or(0))
            };
            Ok(PlaybookOutcome {
                treated,
                control,
                messages_sent: count(sql::MESSAGES_SENT, &[&like])?,
                tasks_done: count(sql::TASKS_DONE, &[&playbook])?,
                entered_recently: count(sql::ENTERED_SINCE, &[&playbook, &since])?,
            })
        })
    }

    fn last_evaluated_day(&self) -> StoreResult<Option<NaiveDate>> {
        let what = "cannot read the evaluated days";
        self.read(|c| Ok(day(c.query_one(sql::LAST_DAY, &[]).ctx(what)?.get(0))))
    }

    fn digest_sent(&self, user: i64, on: NaiveDate) -> StoreResult<bool> {
        let what = "cannot read the digests sent";
        self.read(|c| {
            let n: i64 = c.query_one(sql::DIGEST_SENT, &[&user, &date_day_number(on)]).ctx(what)?.get(0);
            Ok(n > 0)
        })
    }
}

impl PlaybookTx for PgTx {
    fn put_playbook_setting(&mut self, s: &PlaybookSetting) -> StoreResult<()> {
        self.execute(
            sql::PUT_SETTING,
            &[
                &s.key,
                &s.enabled,
                &i64::from(s.control_percent),
                &s.definition,
                &s.enabled_since.map(|t| t.timestamp()),
                &s.updated_at.timestamp(),
            ],
            "cannot save a playbook",
        )?;
        Ok(())
    }

    fn start_runs(&mut self, runs: &[NewRun]) -> StoreResult<u64> {
        let mut started = 0;
        for r in runs {
            started += self.execute(
                sql::START_RUN,
                &[
                    &r.playbook,
                    &r.customer.0,
                    &r.occurrence,
                    &r.group.as_str(),
                    &date_day_number(r.entered_on),
                    &r.entered_at.timestamp(),
                    &i64::from(r.orders_at_entry),
                ],
                "cannot start runs",
            )?;
        }
        Ok(started)
    }

    fn advance_runs(&mut self, advances: &[RunAdvance]) -> StoreResult<u64> {
        let mut moved = 0;
        for a in advances {
            moved += self.execute(
                sql::ADVANCE_RUN,
                &[
                    &a.run,
                    &i64::from(a.from_step),
                    &i64::from(a.step),
                    &a.status.as_str(),
                    &a.next_at.map(|t| t.timestamp()),
                    &a.ended_reason,
                    &a.at.timestamp(),
                ],
                "cannot move runs on",
            )?;
        }
        Ok(moved)
    }

    fn end_runs(
        &mut self,
        customer: CustomerId,
        playbook: Option<&str>,
        status: RunStatus,
        reason: &str,
        at: DateTime<Utc>,
    ) -> StoreResult<u64> {
        let (at, status) = (at.timestamp(), status.as_str());
        let mut params: Vec<Param<'_>> = vec![&customer.0, &status, &reason, &at];
        let playbook = playbook.map(str::to_owned);
        if let Some(p) = &playbook {
            params.push(p);
        }
        self.execute(&sql::end_runs(playbook.is_some()), &params, "cannot end runs")
    }

    fn log_steps(&mut self, steps: &[StepLog]) -> StoreResult<u64> {
        let mut logged = 0;
        for s in steps {
            logged += self.execute(
                sql::LOG_STEP,
                &[&s.run, &i64::from(s.step), &s.at.timestamp(), &s.outcome.as_str(), &s.reason],
                "cannot log steps",
            )?;
        }
        Ok(logged)
    }

    fn add_tasks(&mut self, tasks: &[NewTask]) -> StoreResult<u64> {
        let mut added = 0;
        for t in tasks {
            added += self.execute(
                sql::ADD_TASK,
                &[
                    &t.customer.0,
                    &t.run.map(|r| r.0),
                    &t.playbook,
                    &t.run.map(|r| i64::from(r.1)),
                    &t.kind.as_str(),
                    &t.reason,
                    &t.script,
                    &date_day_number(t.due),
                    &t.assignee_user,
                    &t.assignee_role,
                    &t.value_minor,
                    &t.complaint,
                    &t.created_at.timestamp(),
                ],
                "cannot create tasks",
            )?;
        }
        Ok(added)
    }

    fn change_task(&mut self, ch: &TaskChange) -> StoreResult<bool> {
        let (user, role) = ch.assign.clone().unwrap_or_default();
        let changed = self.execute(
            &sql::change_task(&ch.from),
            &[
                &ch.id,
                &ch.status.as_str(),
                &ch.snoozed_until.map(date_day_number),
                &ch.outcome.map(TaskOutcome::as_str),
                &ch.note,
                &ch.at.timestamp(),
                &ch.by,
                &ch.assign.is_some(),
                &user,
                &role,
            ],
            "cannot change a task",
        )?;
        Ok(changed == 1)
    }

    fn add_tags(&mut self, tags: &[(CustomerId, String)]) -> StoreResult<()> {
        for (customer, tag) in tags {
            self.execute(sql::ADD_TAG, &[&customer.0, tag], "cannot add tags")?;
        }
        Ok(())
    }

    fn mark_day_evaluated(&mut self, day: NaiveDate, at: DateTime<Utc>) -> StoreResult<()> {
        self.execute(sql::MARK_DAY, &[&date_day_number(day), &at.timestamp()], "cannot mark the day evaluated")?;
        Ok(())
    }

    fn mark_digest_sent(&mut self, user: i64, on: NaiveDate, at: DateTime<Utc>, tasks: u64) -> StoreResult<()> {
        let tasks = i64::try_from(tasks).unwrap_or(i64::MAX);
        self.execute(
            sql::MARK_DIGEST,
            &[&user, &date_day_number(on), &at.timestamp(), &tasks],
            "cannot mark the digest sent",
        )?;
        Ok(())
    }
}
