//! Playbooks, runs and tasks (migration 31), over the statements both backends share.

use crate::tx::SqliteTx;
use crate::{Context, SqliteStore, sql_values};
use chrono::{DateTime, NaiveDate, Utc};
use ladder_domain::date::{date_day_number, date_of_day};
use ladder_domain::playbook::{Group, RunStatus, StepOutcome, TaskKind, TaskOutcome, TaskStatus};
use ladder_domain::{CustomerState, InteractionKind, Rung};
use ladder_store::playbooks_sql::{self as sql, numbered};
use ladder_store::{
    CustomerId, EventKind, FactsRow, NewRun, NewTask, PlaybookEvent, PlaybookOutcome, PlaybookSetting, PlaybookStore,
    PlaybookTx, Run, RunAdvance, RunQuery, StepLog, StoreResult, Task, TaskChange, TaskQuery,
};
use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension, Row, params, params_from_iter};

fn time(t: Option<i64>) -> Option<DateTime<Utc>> {
    t.and_then(|t| DateTime::from_timestamp(t, 0))
}

fn day(d: Option<i64>) -> Option<NaiveDate> {
    d.map(date_of_day)
}

fn facts_row(r: &Row<'_>) -> rusqlite::Result<FactsRow> {
    Ok(FactsRow {
        customer: CustomerId(r.get(0)?),
        customer_id: r.get(1)?,
        rung: r.get::<_, Option<String>>(2)?.as_deref().and_then(Rung::parse),
        state: r.get::<_, Option<String>>(3)?.as_deref().and_then(CustomerState::parse),
        orders: u32::try_from(r.get::<_, i64>(4)?).unwrap_or(0),
        first_order: day(r.get(5)?),
        second_order: day(r.get(6)?),
        last_order: day(r.get(7)?),
        expected_next_order: day(r.get(8)?),
        clv_minor: r.get(9)?,
        event_buyer: r.get(10)?,
        birthday: r.get(11)?,
        scored_on: date_of_day(r.get(12)?),
        attributes: r.get(13)?,
        last_contact: time(r.get(14)?),
        last_interaction: time(r.get(15)?),
        club_member: r.get::<_, i64>(16)? == 1,
    })
}

fn run_row(r: &Row<'_>) -> rusqlite::Result<Option<Run>> {
    let (group, status): (String, String) = (r.get(5)?, r.get(6)?);
    let (Some(group), Some(status), Some(entered_at)) =
        (Group::parse(&group), RunStatus::parse(&status), time(r.get(8)?))
    else {
        return Ok(None);
    };
    Ok(Some(Run {
        id: r.get(0)?,
        playbook: r.get(1)?,
        customer: CustomerId(r.get(2)?),
        customer_id: r.get(3)?,
        occurrence: r.get(4)?,
        group,
        status,
        entered_on: date_of_day(r.get(7)?),
        entered_at,
        orders_at_entry: u32::try_from(r.get::<_, i64>(9)?).unwrap_or(0),
        step: u32::try_from(r.get::<_, i64>(10)?).unwrap_or(0),
        next_at: time(r.get(11)?),
        ended_at: time(r.get(12)?),
        ended_reason: r.get(13)?,
    }))
}

fn task_row(r: &Row<'_>) -> rusqlite::Result<Option<Task>> {
    let (kind, status): (String, String) = (r.get(10)?, r.get(19)?);
    let (Some(kind), Some(status), Some(created_at)) =
        (TaskKind::parse(&kind), TaskStatus::parse(&status), time(r.get(23)?))
    else {
        return Ok(None);
    };
    let (first, last, company): (Option<String>, Option<String>, Option<String>) = (r.get(3)?, r.get(4)?, r.get(5)?);
    let customer_id: String = r.get(2)?;
    Ok(Some(Task {
        id: r.get(0)?,
        customer: CustomerId(r.get(1)?),
        name: ladder_domain::customer::display_name(
            &customer_id,
            first.as_deref(),
            last.as_deref(),
            company.as_deref(),
        ),
        customer_id,
        phone: r.get(6)?,
        run: r.get(7)?,
        playbook: r.get(8)?,
        step: r.get::<_, Option<i64>>(9)?.and_then(|s| u32::try_from(s).ok()),
        kind,
        reason: r.get(11)?,
        script: r.get(12)?,
        due: date_of_day(r.get(13)?),
        assignee: r.get(14)?,
        assignee_user: r.get(15)?,
        assignee_role: r.get(16)?,
        value_minor: r.get(17)?,
        complaint: r.get(18)?,
        status,
        snoozed_until: day(r.get(20)?),
        outcome: r.get::<_, Option<String>>(21)?.as_deref().and_then(TaskOutcome::parse),
        note: r.get(22)?,
        created_at,
        done_at: time(r.get(24)?),
        done_by: r.get(25)?,
    }))
}

fn events(
    c: &Connection,
    since: DateTime<Utc>,
    until: DateTime<Utc>,
    customer: Option<CustomerId>,
    orders: bool,
) -> StoreResult<Vec<PlaybookEvent>> {
    let what = "cannot read the playbooks' events";
    let (from_day, to_day) = (date_day_number(since.date_naive()), date_day_number(until.date_naive()));
    let one =
        |statement: &str, column: &str, n: usize| numbered(&sql::of_customer(statement, column, n, customer.is_some()));
    let mut out = Vec::new();
    let mut moves = c.prepare(&one(sql::MOVES, "h.customer_id", 4)).ctx(what)?;
    let mut args: Vec<Value> = vec![from_day.into(), to_day.into(), since.timestamp().into()];
    args.extend(customer.map(|c| Value::from(c.0)));
    let mut rows = moves.query(params_from_iter(args.iter())).ctx(what)?;
    while let Some(r) = rows.next().ctx(what)? {
        let (id, cid, ext, kind, from, to, at, recent): (i64, i64, String, String, String, String, i64, i64) = (
            r.get(0).ctx(what)?,
            r.get(1).ctx(what)?,
            r.get(2).ctx(what)?,
            r.get(3).ctx(what)?,
            r.get(4).ctx(what)?,
            r.get(5).ctx(what)?,
            r.get(6).ctx(what)?,
            r.get(7).ctx(what)?,
        );
        let kind = match kind.as_str() {
            "rung" => match (Rung::parse(&from), Rung::parse(&to)) {
                (Some(from), Some(to)) => EventKind::Rung { from, to, recent_order: recent == 1 },
                _ => continue,
            },
            _ => match (CustomerState::parse(&from), CustomerState::parse(&to)) {
                (Some(from), Some(to)) => EventKind::State { from, to },
                _ => continue,
            },
        };
        let at = date_of_day(at).and_hms_opt(0, 0, 0).unwrap_or_default().and_utc();
        out.push(PlaybookEvent {
            occurrence: format!("move:{id}"),
            customer: CustomerId(cid),
            customer_id: ext,
            at,
            kind,
        });
    }
    let window: Vec<Value> = {
        let mut a: Vec<Value> = vec![since.timestamp().into(), until.timestamp().into()];
        a.extend(customer.map(|c| Value::from(c.0)));
        a
    };
    let mut stmt = c.prepare(&one(sql::INTERACTIONS, "i.customer_id", 3)).ctx(what)?;
    let mut rows = stmt.query(params_from_iter(window.iter())).ctx(what)?;
    while let Some(r) = rows.next().ctx(what)? {
        let kind: String = r.get(3).ctx(what)?;
        let (Some(kind), Some(at)) = (InteractionKind::parse(&kind), time(r.get(4).ctx(what)?)) else { continue };
        out.push(PlaybookEvent {
            occurrence: format!("interaction:{}", r.get::<_, i64>(0).ctx(what)?),
            customer: CustomerId(r.get(1).ctx(what)?),
            customer_id: r.get(2).ctx(what)?,
            at,
            kind: EventKind::Interaction(kind),
        });
    }
    let mut stmt = c.prepare(&one(sql::ORDERS, "o.customer_id", 3)).ctx(what)?;
    let mut rows = stmt.query(params_from_iter(window.iter())).ctx(what)?;
    while orders && let Some(r) = rows.next().ctx(what)? {
        let Some(at) = time(r.get(3).ctx(what)?) else { continue };
        out.push(PlaybookEvent {
            occurrence: format!("order:{}", r.get::<_, i64>(0).ctx(what)?),
            customer: CustomerId(r.get(1).ctx(what)?),
            customer_id: r.get(2).ctx(what)?,
            at,
            kind: EventKind::Order,
        });
    }
    let days: Vec<Value> = {
        let mut a: Vec<Value> = vec![from_day.into(), to_day.into()];
        a.extend(customer.map(|c| Value::from(c.0)));
        a
    };
    let mut stmt = c.prepare(&one(sql::REFERRALS, "r.id", 3)).ctx(what)?;
    let mut rows = stmt.query(params_from_iter(days.iter())).ctx(what)?;
    while let Some(r) = rows.next().ctx(what)? {
        let at = date_of_day(r.get(3).ctx(what)?).and_hms_opt(0, 0, 0).unwrap_or_default().and_utc();
        out.push(PlaybookEvent {
            occurrence: format!("referral:{}", r.get::<_, i64>(0).ctx(what)?),
            customer: CustomerId(r.get(1).ctx(what)?),
            customer_id: r.get(2).ctx(what)?,
            at,
            kind: EventKind::ReferralFirstOrder,
        });
    }
    let mut stmt = c.prepare(&one(sql::CLUB_JOINS, "m.customer_id", 3)).ctx(what)?;
    let mut rows = stmt.query(params_from_iter(window.iter())).ctx(what)?;
    while let Some(r) = rows.next().ctx(what)? {
        let Some(at) = time(r.get(2).ctx(what)?) else { continue };
        let customer: i64 = r.get(0).ctx(what)?;
        out.push(PlaybookEvent {
            occurrence: format!("club_joined:{customer}"),
            customer: CustomerId(customer),
            customer_id: r.get(1).ctx(what)?,
            at,
            kind: EventKind::ClubJoined,
        });
    }
    let mut stmt = c.prepare(&one(sql::CLUB_TIER_MOVES, "t.customer_id", 3)).ctx(what)?;
    let mut rows = stmt.query(params_from_iter(days.iter())).ctx(what)?;
    while let Some(r) = rows.next().ctx(what)? {
        let Some(at) = time(r.get(5).ctx(what)?) else { continue };
        out.push(PlaybookEvent {
            occurrence: format!("tier:{}", r.get::<_, i64>(0).ctx(what)?),
            customer: CustomerId(r.get(1).ctx(what)?),
            customer_id: r.get(2).ctx(what)?,
            at,
            kind: EventKind::ClubTier { from: r.get(3).ctx(what)?, to: r.get(4).ctx(what)? },
        });
    }
    out.sort_by_key(|e| e.at);
    Ok(out)
}

impl PlaybookStore for SqliteStore {
    fn playbook_settings(&self) -> StoreResult<Vec<PlaybookSetting>> {
        let what = "cannot read the playbooks";
        self.read(|c| {
            let mut stmt =
                c.prepare_cached(&format!("SELECT {} FROM playbooks ORDER BY key", sql::SETTING_COLUMNS)).ctx(what)?;
            let rows = stmt
                .query_map([], |r| {
                    Ok(PlaybookSetting {
                        key: r.get(0)?,
                        enabled: r.get(1)?,
                        control_percent: u32::try_from(r.get::<_, i64>(2)?).unwrap_or(0),
                        definition: r.get(3)?,
                        enabled_since: time(r.get(4)?),
                        updated_at: time(r.get(5)?).unwrap_or_default(),
                    })
                })
                .ctx(what)?;
            rows.collect::<Result<Vec<_>, _>>().ctx(what)
        })
    }

    fn each_playbook_facts(
        &self,
        with_attributes: bool,
        with_contacts: bool,
        each: &mut dyn FnMut(FactsRow) -> StoreResult<bool>,
    ) -> StoreResult<u64> {
        let what = "cannot read the customers' facts";
        self.read(|c| {
            let mut stmt = c.prepare(&sql::facts(with_attributes, with_contacts, "")).ctx(what)?;
            let mut rows = stmt.query([]).ctx(what)?;
            let mut handed = 0;
            while let Some(r) = rows.next().ctx(what)? {
                handed += 1;
                if !each(facts_row(r).ctx(what)?)? {
                    break;
                }
            }
            Ok(handed)
        })
    }

    fn playbook_facts_of(&self, customers: &[CustomerId]) -> StoreResult<Vec<FactsRow>> {
        let what = "cannot read the customers' facts";
        self.read(|c| {
            let mut out = Vec::with_capacity(customers.len());
            for chunk in customers.chunks(1000) {
                let filter = format!("WHERE {}", numbered(&sql::ids_in("c.id", chunk.len())));
                let mut stmt = c.prepare(&sql::facts(true, true, &filter)).ctx(what)?;
                let rows = stmt.query_map(params_from_iter(chunk.iter().map(|c| c.0)), facts_row).ctx(what)?;
                out.extend(rows.collect::<Result<Vec<_>, _>>().ctx(what)?);
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
            let mut stmt = c.prepare_cached(&numbered(sql::OPEN_OR_RECENT_RUNS)).ctx(what)?;
            let mut rows = stmt.query([date_day_number(since)]).ctx(what)?;
            let mut handed = 0;
            while let Some(r) = rows.next().ctx(what)? {
                let status: String = r.get(3).ctx(what)?;
                let Some(status) = RunStatus::parse(&status) else { continue };
                handed += 1;
                if !each(
                    r.get(0).ctx(what)?,
                    CustomerId(r.get(1).ctx(what)?),
                    date_of_day(r.get(2).ctx(what)?),
                    status,
                )? {
                    break;
                }
            }
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
        self.read(|c| {
            let mut stmt = c.prepare_cached(&numbered(&sql::due_runs(customer.is_some()))).ctx(what)?;
            let mut args: Vec<Value> = vec![until.timestamp().into(), after.into(), i64::from(limit).into()];
            args.extend(customer.map(|c| Value::from(c.0)));
            let rows = stmt.query_map(params_from_iter(args.iter()), run_row).ctx(what)?;
            Ok(rows.collect::<Result<Vec<_>, _>>().ctx(what)?.into_iter().flatten().collect())
        })
    }

    fn runs(&self, q: &RunQuery) -> StoreResult<Vec<Run>> {
        let what = "cannot read the playbooks' runs";
        let (text, args) = sql::runs(q);
        self.read(|c| {
            let mut stmt = c.prepare(&numbered(&text)).ctx(what)?;
            let rows = stmt.query_map(params_from_iter(sql_values(args)), run_row).ctx(what)?;
            Ok(rows.collect::<Result<Vec<_>, _>>().ctx(what)?.into_iter().flatten().collect())
        })
    }

    fn run(&self, id: i64) -> StoreResult<Option<Run>> {
        let what = "cannot read a run";
        self.read(|c| Ok(c.query_row(&numbered(&sql::run()), [id], run_row).optional().ctx(what)?.flatten()))
    }

    fn run_steps(&self, run: i64) -> StoreResult<Vec<StepLog>> {
        let what = "cannot read a run's steps";
        self.read(|c| {
            let mut stmt = c.prepare_cached(&numbered(sql::RUN_STEPS)).ctx(what)?;
            let rows = stmt
                .query_map([run], |r| {
                    let outcome: String = r.get(3)?;
                    Ok(StepOutcome::parse(&outcome).zip(time(r.get(2)?)).map(|(outcome, at)| StepLog {
                        run: r.get(0).unwrap_or_default(),
                        step: u32::try_from(r.get::<_, i64>(1).unwrap_or_default()).unwrap_or(0),
                        at,
                        outcome,
                        reason: r.get(4).unwrap_or_default(),
                    }))
                })
                .ctx(what)?;
            Ok(rows.collect::<Result<Vec<_>, _>>().ctx(what)?.into_iter().flatten().collect())
        })
    }

    fn tasks(&self, q: &TaskQuery, today: NaiveDate) -> StoreResult<Vec<Task>> {
        let what = "cannot read the tasks";
        let (text, args) = sql::tasks(q, today);
        self.read(|c| {
            let mut stmt = c.prepare(&numbered(&text)).ctx(what)?;
            let rows = stmt.query_map(params_from_iter(sql_values(args)), task_row).ctx(what)?;
            Ok(rows.collect::<Result<Vec<_>, _>>().ctx(what)?.into_iter().flatten().collect())
        })
    }

    fn count_tasks(&self, q: &TaskQuery, today: NaiveDate) -> StoreResult<u64> {
        let what = "cannot count the tasks";
        let (text, args) = sql::count_tasks(q, today);
        self.read(|c| {
            let n: i64 = c.query_row(&numbered(&text), params_from_iter(sql_values(args)), |r| r.get(0)).ctx(what)?;
            Ok(n.max(0) as u64)
        })
    }

    fn task(&self, id: i64) -> StoreResult<Option<Task>> {
        let what = "cannot read a task";
        self.read(|c| Ok(c.query_row(&numbered(&sql::task()), [id], task_row).optional().ctx(what)?.flatten()))
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
        self.read(|c| {
            let group = |g: Group| -> StoreResult<ladder_store::GroupOutcome> {
                c.query_row(&numbered(sql::GROUP_OUTCOME), params![playbook, g.as_str(), window, currency], |r| {
                    let n = |i: usize| r.get::<_, i64>(i).map(|v| u64::try_from(v).unwrap_or(0));
                    Ok(ladder_store::GroupOutcome {
                        entered: n(0)?,
                        ordered: n(1)?,
                        reached: n(2)?,
                        revenue_minor: r.get(3)?,
                        unsubscribed: n(4)?,
                    })
                })
                .ctx(what)
            };
            let count = |q: &str, p: &[&dyn rusqlite::ToSql]| -> StoreResult<u64> {
                c.query_row(&numbered(q), p, |r| r.get::<_, i64>(0)).ctx(what).map(|v| u64::try_from(v).unwrap_or(0))
            };
            Ok(PlaybookOutcome {
                treated: group(Group::Treated)?,
                control: group(Group::Control)?,
                messages_sent: count(sql::MESSAGES_SENT, &[&format!("playbook:{playbook}:%")])?,
                tasks_done: count(sql::TASKS_DONE, &[&playbook])?,
                entered_recently: count(sql::ENTERED_SINCE, &[&playbook, &date_day_number(recent_since)])?,
            })
        })
    }

    fn last_evaluated_day(&self) -> StoreResult<Option<NaiveDate>> {
        let what = "cannot read the evaluated days";
        self.read(|c| Ok(day(c.query_row(sql::LAST_DAY, [], |r| r.get(0)).ctx(what)?)))
    }

    fn digest_sent(&self, user: i64, on: NaiveDate) -> StoreResult<bool> {
        let what = "cannot read the digests sent";
        self.read(|c| {
            let n: i64 =
                c.query_row(&numbered(sql::DIGEST_SENT), params![user, date_day_number(on)], |r| r.get(0)).ctx(what)?;
            Ok(n > 0)
        })
    }
}

impl PlaybookTx for SqliteTx<'_> {
    fn put_playbook_setting(&mut self, s: &PlaybookSetting) -> StoreResult<()> {
        self.conn()
            .execute(
                &numbered(sql::PUT_SETTING),
                params![
                    s.key,
                    s.enabled,
                    i64::from(s.control_percent),
                    s.definition,
                    s.enabled_since.map(|t| t.timestamp()),
                    s.updated_at.timestamp()
                ],
            )
            .ctx("cannot save a playbook")?;
        Ok(())
    }

    fn start_runs(&mut self, runs: &[NewRun]) -> StoreResult<u64> {
        let what = "cannot start runs";
        let mut stmt = self.conn().prepare_cached(&numbered(sql::START_RUN)).ctx(what)?;
        let mut started = 0;
        for r in runs {
            started += stmt
                .execute(params![
                    r.playbook,
                    r.customer.0,
                    r.occurrence,
                    r.group.as_str(),
                    date_day_number(r.entered_on),
                    r.entered_at.timestamp(),
                    i64::from(r.orders_at_entry)
                ])
                .ctx(what)? as u64;
        }
        Ok(started)
    }

    fn advance_runs(&mut self, advances: &[RunAdvance]) -> StoreResult<u64> {
        let what = "cannot move runs on";
        let mut stmt = self.conn().prepare_cached(&numbered(sql::ADVANCE_RUN)).ctx(what)?;
        let mut moved = 0;
        for a in advances {
            moved += stmt
                .execute(params![
                    a.run,
                    i64::from(a.from_step),
                    i64::from(a.step),
                    a.status.as_str(),
                    a.next_at.map(|t| t.timestamp()),
                    a.ended_reason,
                    a.at.timestamp()
                ])
                .ctx(what)? as u64;
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
        let what = "cannot end runs";
        let mut args: Vec<Value> =
            vec![customer.0.into(), status.as_str().to_owned().into(), reason.to_owned().into(), at.timestamp().into()];
        args.extend(playbook.map(|p| Value::from(p.to_owned())));
        let ended = self
            .conn()
            .execute(&numbered(&sql::end_runs(playbook.is_some())), params_from_iter(args.iter()))
            .ctx(what)?;
        Ok(ended as u64)
    }

    fn log_steps(&mut self, steps: &[StepLog]) -> StoreResult<u64> {
        let what = "cannot log steps";
        let mut stmt = self.conn().prepare_cached(&numbered(sql::LOG_STEP)).ctx(what)?;
        let mut logged = 0;
        for s in steps {
            logged += stmt
                .execute(params![s.run, i64::from(s.step), s.at.timestamp(), s.outcome.as_str(), s.reason])
                .ctx(what)? as u64;
        }
        Ok(logged)
    }

    fn add_tasks(&mut self, tasks: &[NewTask]) -> StoreResult<u64> {
        let what = "cannot create tasks";
        let mut stmt = self.conn().prepare_cached(&numbered(sql::ADD_TASK)).ctx(what)?;
        let mut added = 0;
        for t in tasks {
            added += stmt
                .execute(params![
                    t.customer.0,
                    t.run.map(|r| r.0),
                    t.playbook,
                    t.run.map(|r| i64::from(r.1)),
                    t.kind.as_str(),
                    t.reason,
                    t.script,
                    date_day_number(t.due),
                    t.assignee_user,
                    t.assignee_role,
                    t.value_minor,
                    t.complaint,
                    t.created_at.timestamp()
                ])
                .ctx(what)? as u64;
        }
        Ok(added)
    }

    fn change_task(&mut self, ch: &TaskChange) -> StoreResult<bool> {
        let (user, role) = ch.assign.clone().unwrap_or_default();
        let changed = self
            .conn()
            .execute(
                &numbered(&sql::change_task(&ch.from)),
                params![
                    ch.id,
                    ch.status.as_str(),
                    ch.snoozed_until.map(date_day_number),
                    ch.outcome.map(TaskOutcome::as_str),
                    ch.note,
                    ch.at.timestamp(),
                    ch.by,
                    ch.assign.is_some(),
                    user,
                    role
                ],
            )
            .ctx("cannot change a task")?;
        Ok(changed == 1)
    }

    fn add_tags(&mut self, tags: &[(CustomerId, String)]) -> StoreResult<()> {
        let what = "cannot add tags";
        let mut stmt = self.conn().prepare_cached(&numbered(sql::ADD_TAG)).ctx(what)?;
        for (customer, tag) in tags {
            stmt.execute(params![customer.0, tag]).ctx(what)?;
        }
        Ok(())
    }

    fn mark_day_evaluated(&mut self, day: NaiveDate, at: DateTime<Utc>) -> StoreResult<()> {
        self.conn()
            .execute(&numbered(sql::MARK_DAY), params![date_day_number(day), at.timestamp()])
            .ctx("cannot mark the day evaluated")?;
        Ok(())
    }

    fn mark_digest_sent(&mut self, user: i64, on: NaiveDate, at: DateTime<Utc>, tasks: u64) -> StoreResult<()> {
        self.conn()
            .execute(
                &numbered(sql::MARK_DIGEST),
                params![user, date_day_number(on), at.timestamp(), i64::try_from(tasks).unwrap_or(i64::MAX)],
            )
            .ctx("cannot mark the digest sent")?;
        Ok(())
    }
}
