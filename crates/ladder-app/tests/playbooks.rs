//! The starter playbooks on hand-built histories at fixed dates: each customer gets the right playbook
//! and none other, re-running a day creates nothing, the third order ends its run, a complaint's task
//! keeps offers away until it is done, and the report's figures come from the runs.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use ladder_app::import::{ImportKind, ImportOptions, import_file};
use ladder_app::playbooks::tasks::{self, TaskAction, TaskFilter};
use ladder_app::playbooks::{self, PlaybookChange};
use ladder_app::{Actor, App, ManualClock, NoProgress};
use ladder_domain::playbook::{Group, RunStatus, TaskKind, TaskOutcome, TaskStatus};
use ladder_domain::{Interaction, InteractionKind};
use ladder_store::{OutboxQuery, Run, RunQuery, Store};
use ladder_store_sqlite::SqliteStore;
use std::sync::Arc;

fn time(s: &str) -> DateTime<Utc> {
    ladder_domain::date::parse_timestamp(s).expect("time")
}

fn day(s: &str) -> NaiveDate {
    ladder_domain::date::parse_date(s).expect("date")
}

/// The evaluated day.
const D: &str = "2025-12-31";

struct Shop {
    dir: tempfile::TempDir,
    app: App,
    clock: Arc<ManualClock>,
}

impl Shop {
    fn new() -> Self {
        let dir = tempfile::tempdir().expect("temporary folder");
        let store = SqliteStore::open(dir.path().join("ladder.db")).expect("open");
        let clock = Arc::new(ManualClock::new(time("2025-12-31T12:00:00Z")));
        Self { dir, app: App::with_clock(Arc::new(store), clock.clone()), clock }
    }

    fn store(&self) -> &dyn Store {
        self.app.store()
    }

    fn import(&self, kind: ImportKind, content: &str) {
        let path = self.dir.path().join("file.csv");
        std::fs::write(&path, content).expect("write");
        import_file(&self.app, &Actor::Cli, kind, &path, &ImportOptions::default(), &NoProgress).expect("import");
    }

    fn score(&self, as_of: &str) {
        let options = ladder_app::score::ScoreOptions::default();
        ladder_app::score::score(&self.app, &Actor::Cli, day(as_of), &options, &NoProgress).expect("score");
    }

    fn evaluate(&self, as_of: &str) -> ladder_app::playbooks::Evaluation {
        playbooks::evaluate(&self.app, &Actor::Cli, day(as_of), false, &NoProgress).expect("evaluate")
    }

    fn runs(&self, customer: &str) -> Vec<Run> {
        let id = self.store().customer(customer).expect("read").expect("customer").id;
        self.store().runs(&RunQuery { customer: Some(id), ..RunQuery::default() }).expect("runs")
    }

    fn playbooks_of(&self, customer: &str) -> Vec<String> {
        let mut keys: Vec<String> = self.runs(customer).into_iter().map(|r| r.playbook).collect();
        keys.sort();
        keys
    }

    fn totals(&self) -> (usize, usize, usize) {
        let s = self.store();
        let runs = s.runs(&RunQuery::default()).expect("runs").len();
        let tasks = s.tasks(&ladder_store::TaskQuery::default(), day(D)).expect("tasks").len();
        let messages = s.outbox(&OutboxQuery { limit: 100_000, ..OutboxQuery::default() }).expect("outbox").len();
        (runs, tasks, messages)
    }
}

/// A shop whose every customer calls for one playbook (or, for E1, for no push), at `D`, with no control
/// group, so that each expectation is exact.
fn shop() -> Shop {
    let shop = Shop::new();
    let mut customers = String::from("customer_id,first_name,email,birthday,consent_email,country\n");
    let mut orders =
        String::from("order_id,customer_id,ordered_at,sku,category,quantity,unit_price,currency,one_off\n");
    let mut n = 0;
    let mut order = |customer: &str, on: NaiveDate, price: u32, one_off: &str| {
        n += 1;
        orders.push_str(&format!("O{n},{customer},{on},COF,coffee,1,{price},EUR,{one_off}\n"));
    };
    let d = day(D);
    let ago = |days: i64| d - Duration::days(days);
    // P1: a first order three days ago — a check-in, no offer.
    customers.push_str("P1,Pia,p1@example.com,,yes,DE\n");
    order("P1", ago(3), 20, "no");
    // T2: two orders 30 days apart, the last 30 days ago: the next is due today.
    customers.push_str("T2,Tom,t2@example.com,,yes,DE\n");
    order("T2", ago(60), 25, "no");
    order("T2", ago(30), 25, "no");
    // E1: one one-off order (a gift) three days ago: a check-in, but no push to a next purchase.
    customers.push_str("E1,Eva,e1@example.com,,yes,DE\n");
    order("E1", ago(3), 60, "yes");
    // W1: a regular whose three orders stopped a year ago: lapsed since the last scoring.
    customers.push_str("W1,Walt,w1@example.com,,yes,DE\n");
    for k in [400, 370, 340] {
        order("W1", ago(k), 30, "no");
    }
    // B1: a birthday tomorrow, long a customer of few orders.
    customers.push_str("B1,Bea,b1@example.com,1990-01-01,yes,DE\n");
    order("B1", ago(900), 15, "no");
    // K1: a complaint today, and a birthday tomorrow: the offer waits for the apology.
    customers.push_str("K1,Kim,k1@example.com,1991-01-01,yes,DE\n");
    order("K1", ago(800), 15, "no");
    // Ten steady big spenders, and F1 whose buying fell: every 10 days, then every 60 — still active.
    for i in 0..10 {
        customers.push_str(&format!("S{i},Steady,s{i}@example.com,,no,DE\n"));
        for k in 0..50i64 {
            order(&format!("S{i}"), day("2024-08-01") + Duration::days(k * 10), 30, "no");
        }
    }
    customers.push_str("F1,Fay,f1@example.com,,no,DE\n");
    for k in 0..30i64 {
        order("F1", day("2024-08-01") + Duration::days(k * 10), 90, "no");
    }
    for k in 0..3i64 {
        order("F1", day("2025-08-01") + Duration::days(k * 60), 90, "no");
    }
    shop.import(ImportKind::Customers, &customers);
    shop.import(ImportKind::Orders, &orders);
    // An earlier scoring saw W1 active; today's sees them lapsed: a change of state.
    shop.score("2024-12-01");
    shop.score(D);
    for key in ladder_domain::playbook::DEFAULT_KEYS {
        let ch = PlaybookChange { control_percent: Some(0), ..PlaybookChange::default() };
        playbooks::set(&shop.app, &Actor::Cli, key, &ch).expect("no control group");
    }
    let complaint = Interaction {
        customer_external_id: "K1".into(),
        at: time("2025-12-31T10:00:00Z"),
        kind: InteractionKind::Complaint,
        note: Some("cold coffee".into()),
        campaign_code: None,
    };
    ladder_app::customers::add_interaction(&shop.app, &Actor::Cli, &complaint).expect("complaint");
    shop
}

#[test]
fn each_hand_built_history_gets_its_playbook_and_none_other() {
    let shop = shop();
    let first = shop.evaluate(D);
    assert_eq!(shop.playbooks_of("P1"), ["post_purchase_checkin"]);
    assert_eq!(shop.playbooks_of("E1"), ["post_purchase_checkin"], "a one-off buyer gets no push");
    assert_eq!(shop.playbooks_of("T2"), ["second_to_third"]);
    assert_eq!(shop.playbooks_of("W1"), ["winback"]);
    assert_eq!(shop.playbooks_of("B1"), ["birthday"]);
    assert_eq!(shop.playbooks_of("K1"), ["birthday", "complaint_apology"]);
    // F1's buying fell so far that they lapsed: the win-back is theirs, not the losing-value call.
    assert_eq!(shop.playbooks_of("F1"), ["winback"]);
    assert!(shop.playbooks_of("S3").is_empty());

    // The check-in is a service message, not an offer; the push and the win-back are offers.
    let message = |customer: &str| {
        let m = shop
            .store()
            .outbox(&OutboxQuery { customer_id: Some(customer.into()), limit: 10, ..OutboxQuery::default() })
            .expect("outbox");
        assert_eq!(m.len(), 1, "{customer}: {m:?}");
        m.into_iter().next().expect("one")
    };
    let checkin = message("P1");
    assert_eq!(
        (checkin.template.as_str(), checkin.purpose),
        ("checkin", ladder_domain::messaging::MessagePurpose::Service)
    );
    assert!(checkin.cause.starts_with("playbook:post_purchase_checkin:"), "{}", checkin.cause);
    assert_eq!(message("T2").template, "second_to_third");
    assert_eq!(message("W1").template, "winback");
    assert_eq!(message("B1").template, "birthday");
    // K1 is in recovery: the birthday offer is skipped, with the reason.
    let offer = message("K1");
    assert_eq!((offer.status.as_str(), offer.reason.as_deref()), ("skipped", Some("in recovery")));

    // People's tasks: a call today and a letter tomorrow for the complaint; nobody else.
    let queue = tasks::list(&shop.app, &Actor::Cli, &TaskFilter::default()).expect("tasks");
    let mut made: Vec<(String, TaskKind, NaiveDate)> =
        queue.iter().map(|q| (q.task.customer_id.clone(), q.task.kind, q.task.due)).collect();
    made.sort();
    let d = day(D);
    assert_eq!(
        made,
        [("K1".to_owned(), TaskKind::Call, d), ("K1".to_owned(), TaskKind::Letter, d + Duration::days(1)),]
    );
    assert!(queue[0].task.complaint, "the complaint comes first: {queue:?}");

    // Evaluating the day again creates nothing.
    let before = shop.totals();
    let again = shop.evaluate(D);
    assert_eq!(shop.totals(), before);
    assert_eq!(again.totals(), (0, 0, 0));
    assert!(first.totals().0 >= 8);

    // The complaint's call and letter done end its run, and with it the recovery.
    for q in queue.iter().filter(|q| q.task.customer_id == "K1") {
        let outcome = if q.task.kind == TaskKind::Call { TaskOutcome::Reached } else { TaskOutcome::Sent };
        let done =
            tasks::act(&shop.app, &Actor::Cli, q.task.id, &TaskAction::Done { outcome: Some(outcome), note: None })
                .expect("done");
        assert_eq!(done.status, TaskStatus::Done);
    }
    let complaint = shop.runs("K1").into_iter().find(|r| r.playbook == "complaint_apology").expect("run");
    assert_eq!(complaint.status, RunStatus::Reached);
    let history = shop.store().customer("K1").expect("read").expect("K1").interactions;
    assert!(history.iter().filter(|i| i.kind == InteractionKind::Call).count() == 1, "{history:?}");
}

#[test]
fn the_third_order_ends_second_to_third_and_a_snoozed_task_leaves_today_s_list() {
    let shop = shop();
    shop.evaluate(D);
    let run = shop.runs("T2").into_iter().next().expect("a run");
    assert_eq!((run.status, run.group), (RunStatus::Active, Group::Treated), "waits for its goal");

    shop.clock.set(time("2026-01-02T09:00:00Z"));
    let order = ladder_domain::Order {
        external_id: "O-third".into(),
        customer_external_id: "T2".into(),
        ordered_at: time("2026-01-02T08:30:00Z"),
        currency: ladder_domain::Currency::parse("EUR").expect("EUR"),
        campaign_code: None,
        one_off: false,
        status: ladder_domain::OrderStatus::Completed,
        lines: vec![ladder_domain::OrderLine {
            sku: "COF".into(),
            product_name: None,
            category: Some("coffee".into()),
            quantity: 1,
            unit_price_minor: 2500,
        }],
    };
    ladder_app::customers::put_order(&shop.app, &Actor::Cli, &order).expect("order");
    // The job the order enqueued, run as the worker runs it.
    let customer = shop.store().customer("T2").expect("read").expect("T2").id;
    ladder_app::playbooks::run_events(&shop.app, customer).expect("events");
    let run = shop.store().run(run.id).expect("read").expect("run");
    assert_eq!((run.status, run.ended_reason.as_deref()), (RunStatus::Reached, Some("third_order")));

    let task =
        tasks::list(&shop.app, &Actor::Cli, &TaskFilter { customer_id: Some("K1".into()), ..TaskFilter::default() })
            .expect("tasks")
            .remove(0)
            .task;
    tasks::act(&shop.app, &Actor::Cli, task.id, &TaskAction::Snooze { until: day("2026-01-05") }).expect("snooze");
    let open = TaskFilter { status: Some(TaskStatus::Open), customer_id: Some("K1".into()), ..TaskFilter::default() };
    let ids = |f: &TaskFilter| {
        tasks::list(&shop.app, &Actor::Cli, f).expect("open").iter().map(|q| q.task.id).collect::<Vec<_>>()
    };
    assert!(!ids(&open).contains(&task.id), "a snoozed task leaves the list");
    shop.clock.set(time("2026-01-05T09:00:00Z"));
    assert!(ids(&open).contains(&task.id), "back on the day it wakes");
}

#[test]
fn the_report_counts_the_goal_in_each_group_and_says_when_data_is_too_little() {
    let shop = shop();
    shop.evaluate(D);
    let report = playbooks::report(&shop.app, &Actor::Cli, day(D)).expect("report");
    let line = |key: &str| report.iter().find(|l| l.playbook == key).expect(key).clone();
    let third = line("second_to_third");
    assert_eq!((third.entered, third.treated, third.control, third.treated_goal), (1, 1, 0, 0));
    assert_eq!(third.lift, None, "no control group: nothing to compare");
    assert_eq!(line("post_purchase_checkin").entered, 2);
    // The control group kept for a playbook changes who gets a message, never who enters.
    let ch = PlaybookChange { control_percent: Some(100), ..PlaybookChange::default() };
    playbooks::set(&shop.app, &Actor::Cli, "winback", &ch).expect("all control");
    let line = playbooks::report(&shop.app, &Actor::Cli, day(D)).expect("report");
    let winback = line.iter().find(|l| l.playbook == "winback").expect("winback");
    assert_eq!(winback.lift, Some(ladder_domain::playbook::Lift::NotEnoughData));
}

#[test]
fn the_report_s_arithmetic_on_a_hand_built_treated_and_control_group() {
    // 40 treated and 40 control runs of winback entered on 1 August; 12 treated and 4 control
    // customers order 20.00 within the 90 days that count, and one treated customer orders only after.
    let shop = Shop::new();
    let mut customers = String::from("customer_id,first_name,email,consent_email,country\n");
    let mut orders = String::from("order_id,customer_id,ordered_at,sku,category,quantity,unit_price,currency\n");
    for i in 0..80 {
        customers.push_str(&format!("R{i},R,r{i}@example.com,yes,DE\n"));
        orders.push_str(&format!("H{i},R{i},2025-01-10,COF,coffee,1,20,EUR\n"));
    }
    let ordered = |i: usize| (i < 12) || (40..44).contains(&i);
    for i in (0..80).filter(|i| ordered(*i)) {
        orders.push_str(&format!("G{i},R{i},2025-08-20,COF,coffee,1,20,EUR\n"));
    }
    orders.push_str("LATE,R39,2025-11-15,COF,coffee,1,20,EUR\n");
    shop.import(ImportKind::Customers, &customers);
    shop.import(ImportKind::Orders, &orders);
    let entered_at = time("2025-08-01T09:00:00Z");
    let runs: Vec<ladder_store::NewRun> = (0..80)
        .map(|i| ladder_store::NewRun {
            playbook: "winback".into(),
            customer: shop.store().customer(&format!("R{i}")).expect("read").expect("customer").id,
            occurrence: format!("hand:{i}"),
            group: if i < 40 { Group::Treated } else { Group::Control },
            entered_on: day("2025-08-01"),
            entered_at,
            orders_at_entry: 1,
        })
        .collect();
    let mut tx = shop.store().begin().expect("begin");
    assert_eq!(tx.start_runs(&runs).expect("runs"), 80);
    tx.commit().expect("commit");
    let report = playbooks::report(&shop.app, &Actor::Cli, day("2025-12-31")).expect("report");
    let w = report.into_iter().find(|l| l.playbook == "winback").expect("winback");
    assert_eq!((w.entered, w.treated, w.control, w.treated_goal, w.control_goal), (80, 40, 40, 12, 4));
    assert_eq!(w.goal_rate, Some(30.0), "12 of 40 treated");
    assert_eq!((w.revenue_per_treated_minor, w.revenue_per_control_minor), (Some(600), Some(200)), "2000 × 12 / 40");
    // 30 % against 10 %: 20 points, ± 1.96 × √(0.3·0.7/40 + 0.1·0.9/40) = ± 17.0.
    match w.lift {
        Some(ladder_domain::playbook::Lift::Measured { treated_rate, control_rate, difference, low, high }) => {
            assert_eq!((treated_rate, control_rate, difference), (30.0, 10.0, 20.0));
            assert_eq!((low, high), (3.0, 37.0));
        }
        other => panic!("measured: {other:?}"),
    }
}

#[test]
fn a_best_customer_buying_less_while_still_active_gets_a_call_not_a_message() {
    let shop = Shop::new();
    let mut customers = String::from("customer_id,first_name,email,phone,consent_email,country\n");
    let mut orders = String::from("order_id,customer_id,ordered_at,sku,category,quantity,unit_price,currency\n");
    let mut n = 0;
    let mut order = |customer: &str, on: NaiveDate, price: u32| {
        n += 1;
        orders.push_str(&format!("O{n},{customer},{on},COF,coffee,1,{price},EUR\n"));
    };
    // Nine steady customers, and L1 who bought every 18 days for a year, then twice in the last half
    // year — the last 11 days ago, so still a regular, not lapsed.
    for i in 0..9 {
        customers.push_str(&format!("S{i},Steady,s{i}@example.com,,yes,DE\n"));
        for k in 0..25i64 {
            order(&format!("S{i}"), day("2024-07-01") + Duration::days(k * 21), 20);
        }
    }
    customers.push_str("L1,Lea,l1@example.com,+4915112345678,yes,DE\n");
    for k in 0..20i64 {
        order("L1", day("2024-07-10") + Duration::days(k * 18), 100);
    }
    order("L1", day("2025-11-28"), 100);
    order("L1", day("2025-12-20"), 100);
    shop.import(ImportKind::Customers, &customers);
    shop.import(ImportKind::Orders, &orders);
    shop.score(D);
    for key in ladder_domain::playbook::DEFAULT_KEYS {
        let ch = PlaybookChange { control_percent: Some(0), ..PlaybookChange::default() };
        playbooks::set(&shop.app, &Actor::Cli, key, &ch).expect("no control group");
    }
    let losing = ladder_app::analytics::losing_value(shop.store()).expect("report");
    assert!(losing.customers.iter().any(|c| c.customer_id == "L1"), "{:?}", losing.customers);
    shop.evaluate(D);
    assert!(shop.playbooks_of("L1").contains(&"losing_value_call".to_owned()), "{:?}", shop.playbooks_of("L1"));
    let filter = TaskFilter { customer_id: Some("L1".into()), ..TaskFilter::default() };
    let queue = tasks::list(&shop.app, &Actor::Cli, &filter).expect("tasks");
    let call = queue.iter().find(|t| t.task.playbook.as_deref() == Some("losing_value_call")).expect("a call");
    assert_eq!((call.task.kind, call.task.due), (TaskKind::Call, day(D) + Duration::days(2)));
    let messages = shop
        .store()
        .outbox(&OutboxQuery { customer_id: Some("L1".into()), limit: 100, ..OutboxQuery::default() })
        .expect("outbox");
    assert!(messages.iter().all(|m| !m.cause.starts_with("playbook:losing_value_call:")), "never a message");
    // Reached by the call, the run has met its goal.
    tasks::act(
        &shop.app,
        &Actor::Cli,
        call.task.id,
        &TaskAction::Done { outcome: Some(TaskOutcome::Reached), note: None },
    )
    .expect("done");
    let run = shop.runs("L1").into_iter().find(|r| r.playbook == "losing_value_call").expect("run");
    assert_eq!(run.status, RunStatus::Reached);
}
