//! Playbooks: a run starts once per playbook, customer and occurrence; it moves on only from the step it
//! was at; a step is logged once, a task made once per run and step; a task changes only from the
//! statuses it may have; the outcome counts each group's runs; a user's digest of a day is marked once.

use crate::support::*;
use chrono::NaiveDate;
use ladder_domain::playbook::{Group, RunStatus, StepOutcome, TaskKind, TaskOutcome, TaskStatus};
use ladder_store::{NewRun, NewTask, PlaybookSetting, RunAdvance, StepLog, TaskChange, TaskQuery};

fn day(s: &str) -> NaiveDate {
    s.parse().expect("a date")
}

/// Every write of a day's evaluation happens once however often it is made.
pub fn runs_steps_and_tasks_are_written_once_and_move_on_once(store: &dyn Store) {
    seed(store, &[customer("A1"), customer("A2")], &[], &[]);
    let id = |external: &str| store.customer(external).expect("read").expect("exists").id;
    let (a1, a2) = (id("A1"), id("A2"));
    let at = ts("2025-09-01T09:00:00Z");
    let run = |customer, group| NewRun {
        playbook: "winback".into(),
        customer,
        occurrence: "move:1".into(),
        group,
        entered_on: day("2025-09-01"),
        entered_at: at,
        orders_at_entry: 3,
    };
    let runs = [run(a1, Group::Treated), run(a2, Group::Control)];
    assert_eq!(write(store, |tx| tx.start_runs(&runs)).expect("start"), 2);
    assert_eq!(write(store, |tx| tx.start_runs(&runs)).expect("again"), 0, "never twice");
    let due = store.due_runs(at, 0, 10, None).expect("due");
    assert_eq!(
        due.iter().map(|r| (r.customer_id.as_str(), r.group)).collect::<Vec<_>>(),
        [("A1", Group::Treated), ("A2", Group::Control)]
    );
    assert_eq!(store.due_runs(at, 0, 10, Some(a2)).expect("one").len(), 1);
    let first = &due[0];
    let advance = RunAdvance {
        run: first.id,
        from_step: 0,
        step: 1,
        status: RunStatus::Active,
        next_at: Some(ts("2025-09-15T09:00:00Z")),
        ended_reason: None,
        at,
    };
    assert_eq!(write(store, |tx| tx.advance_runs(std::slice::from_ref(&advance))).expect("move"), 1);
    assert_eq!(
        write(store, |tx| tx.advance_runs(std::slice::from_ref(&advance))).expect("again"),
        0,
        "from step 0 once"
    );
    assert_eq!(store.due_runs(at, 0, 10, None).expect("due").len(), 1, "the first waits two weeks");
    let log =
        StepLog { run: first.id, step: 0, at, outcome: StepOutcome::Done, reason: Some("winback on email".into()) };
    assert_eq!(write(store, |tx| tx.log_steps(std::slice::from_ref(&log))).expect("log"), 1);
    assert_eq!(write(store, |tx| tx.log_steps(std::slice::from_ref(&log))).expect("again"), 0);
    assert_eq!(store.run_steps(first.id).expect("steps"), [log]);

    let task = NewTask {
        customer: a1,
        run: Some((first.id, 1)),
        playbook: Some("winback".into()),
        kind: TaskKind::Call,
        reason: "winback.call".into(),
        script: Some("winback_call".into()),
        due: day("2025-09-02"),
        assignee_user: None,
        assignee_role: Some("staff".into()),
        value_minor: 12_000,
        complaint: false,
        created_at: at,
    };
    assert_eq!(write(store, |tx| tx.add_tasks(std::slice::from_ref(&task))).expect("task"), 1);
    assert_eq!(write(store, |tx| tx.add_tasks(std::slice::from_ref(&task))).expect("again"), 0);
    let today = day("2025-09-02");
    let open = TaskQuery { status: Some(TaskStatus::Open), ..TaskQuery::default() };
    let listed = store.tasks(&open, today).expect("tasks");
    assert_eq!(listed.len(), 1);
    assert_eq!(store.count_tasks(&open, today).expect("count"), 1);
    let t = &listed[0];
    assert_eq!(
        (t.customer_id.as_str(), t.kind, t.due, t.assignee_role.as_deref()),
        ("A1", TaskKind::Call, today, Some("staff"))
    );
    let snooze = TaskChange {
        id: t.id,
        from: vec![TaskStatus::Open, TaskStatus::Snoozed],
        status: TaskStatus::Snoozed,
        snoozed_until: Some(day("2025-09-05")),
        outcome: None,
        note: None,
        at,
        by: "cli".into(),
        assign: None,
    };
    assert!(write(store, |tx| tx.change_task(&snooze)).expect("snooze"));
    assert!(store.tasks(&open, today).expect("tasks").is_empty(), "asleep until the 5th");
    assert_eq!(store.tasks(&open, day("2025-09-05")).expect("tasks").len(), 1, "awake on the 5th");
    let done = TaskChange {
        status: TaskStatus::Done,
        snoozed_until: None,
        outcome: Some(TaskOutcome::Reached),
        ..snooze.clone()
    };
    assert!(write(store, |tx| tx.change_task(&done)).expect("done"));
    assert!(!write(store, |tx| tx.change_task(&done)).expect("again"), "done once");
    let t = store.task(t.id).expect("read").expect("task");
    assert_eq!(
        (t.status, t.outcome, t.done_by.as_deref()),
        (TaskStatus::Done, Some(TaskOutcome::Reached), Some("cli"))
    );

    assert_eq!(
        write(store, |tx| tx.end_runs(a1, Some("winback"), RunStatus::Reached, "task done", at)).expect("end"),
        1
    );
    let o = store.playbook_outcome("winback", 60, "EUR", day("2025-08-30")).expect("outcome");
    assert_eq!(
        (o.treated.entered, o.treated.reached, o.control.entered, o.tasks_done, o.entered_recently),
        (1, 1, 1, 1, 2)
    );

    let setting = PlaybookSetting {
        key: "winback".into(),
        enabled: false,
        control_percent: 20,
        definition: None,
        enabled_since: Some(at),
        updated_at: at,
    };
    write(store, |tx| tx.put_playbook_setting(&setting)).expect("save");
    assert_eq!(store.playbook_settings().expect("settings"), [setting]);
    assert_eq!(store.last_evaluated_day().expect("day"), None);
    write(store, |tx| tx.mark_day_evaluated(day("2025-09-01"), at)).expect("mark");
    write(store, |tx| tx.mark_day_evaluated(day("2025-09-01"), at)).expect("again");
    assert_eq!(store.last_evaluated_day().expect("day"), Some(day("2025-09-01")));

    // A user's digest of a day is recorded once; another day is another digest.
    let user = write(store, |tx| {
        tx.create_user(&crate::accounts::new_user("dana@example.com", ladder_domain::Role::Sales), at)
    })
    .expect("user");
    assert!(!store.digest_sent(user.id, day("2025-09-02")).expect("read"));
    write(store, |tx| tx.mark_digest_sent(user.id, day("2025-09-02"), at, 4)).expect("mark");
    write(store, |tx| tx.mark_digest_sent(user.id, day("2025-09-02"), at, 5)).expect("again");
    assert!(store.digest_sent(user.id, day("2025-09-02")).expect("read"));
    assert!(!store.digest_sent(user.id, day("2025-09-03")).expect("read"), "a new day");
}
