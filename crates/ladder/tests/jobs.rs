//! Background jobs as they run for real: the binary's queue commands and workers, a worker killed in the
//! middle of an import, two workers sharing a queue on both backends, retries, and schedules.

mod common;

use chrono::{DateTime, Utc};
use ladder_app::jobs::schedule;
use ladder_app::jobs::worker::{Handlers, JobError, LiveJobs, Worker, WorkerOptions};
use ladder_app::{Actor, App, Clock, ManualClock};
use ladder_store::{JobId, JobQuery, JobStatus, NewJob, Store};
use ladder_store_sqlite::SqliteStore;
use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

fn ladder(db: &Path, args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_ladder"));
    command
        .arg("--database")
        .arg(db)
        .args(args)
        .env_remove("LADDER_DATABASE_URL")
        .env("LADDER_NIGHTLY_SCORING", "")
        .env("LADDER_HOUSEKEEPING", "")
        .env("LADDER_LOG", "warn");
    command
}

fn ok(db: &Path, args: &[&str]) -> String {
    let out: Output = ladder(db, args).output().expect("run ladder");
    assert!(out.status.success(), "ladder {args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("UTF-8")
}

fn job_json(db: &Path, id: &str) -> serde_json::Value {
    serde_json::from_str(&ok(db, &["jobs", "show", id, "--format", "json"])).expect("JSON")
}

fn count(db: &Path, sql: &str) -> i64 {
    let conn = rusqlite::Connection::open(db).expect("open");
    conn.query_row(sql, [], |r| r.get(0)).expect("count")
}

#[test]
fn queued_work_prints_its_id_and_the_jobs_commands_follow_it() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("shop.db");
    ok(&db, &["demo", "--customers", "300", "--as-of", "2026-01-31"]);
    let scorings =
        |db: &Path| count(db, "SELECT COUNT(*) FROM audit_log WHERE action = 'scoring.run' AND actor = 'cli'");
    let by_the_demo = scorings(&db);
    let id = ok(&db, &["score", "--queue", "--as-of", "2026-01-31"]);
    let id = id.trim();
    assert!(!id.is_empty() && id.chars().all(|c| c.is_ascii_digit()), "the id alone on standard output: {id:?}");
    assert_eq!(
        ok(&db, &["score", "--queue", "--as-of", "2026-01-31"]).trim(),
        id,
        "a waiting scoring stands for a second"
    );
    let as_json: serde_json::Value =
        serde_json::from_str(&ok(&db, &["score", "--queue", "--as-of", "2026-01-31", "--format", "json"]))
            .expect("JSON");
    assert_eq!(as_json["id"].to_string(), id);
    assert_eq!(job_json(&db, id)["status"], "queued");
    ok(&db, &["jobs", "cancel", id]);
    assert_eq!(job_json(&db, id)["status"], "cancelled");
    let refused = ladder(&db, &["jobs", "cancel", id]).output().expect("run");
    assert!(
        !refused.status.success()
            && String::from_utf8_lossy(&refused.stderr).contains("only a job that has not started")
    );
    let other = ok(&db, &["score", "--queue", "--as-of", "2026-01-31"]);
    let busy = ladder(&db, &["jobs", "retry", id]).output().expect("run");
    assert!(!busy.status.success(), "the same work already waits");
    assert!(String::from_utf8_lossy(&busy.stderr).contains("a job doing the same work is waiting"));
    ok(&db, &["jobs", "cancel", other.trim()]);
    ok(&db, &["jobs", "retry", id]);
    assert_eq!(job_json(&db, id)["status"], "queued");
    let listed: serde_json::Value =
        serde_json::from_str(&ok(&db, &["jobs", "list", "--status", "queued", "--format", "json"])).expect("JSON");
    assert!(
        listed.as_array().expect("jobs").iter().any(|j| j["id"].as_i64().map(|n| n.to_string()).as_deref() == Some(id))
    );
    let ran = ladder(&db, &["worker", "--once"]).output().expect("run");
    assert!(ran.status.success(), "{}", String::from_utf8_lossy(&ran.stderr));
    assert!(String::from_utf8_lossy(&ran.stderr).contains("Ran 1 job"), "{}", String::from_utf8_lossy(&ran.stderr));
    let done = job_json(&db, id);
    assert_eq!(done["status"], "done", "{done}");
    let result: serde_json::Value = serde_json::from_str(done["result"].as_str().expect("a result")).expect("JSON");
    assert_eq!(result["customers"], 300);
    let audit =
        count(&db, "SELECT COUNT(*) FROM audit_log WHERE action IN ('job.enqueued', 'job.cancelled', 'job.retried')");
    assert_eq!(audit, 5, "asking, cancelling and retrying are audited");
    assert_eq!(scorings(&db), by_the_demo + 1, "the worker's scoring is audited once");
}

#[test]
fn a_worker_killed_in_the_middle_of_an_import_loses_nothing_and_another_finishes_it() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("shop.db");
    let rows = 120_000;
    let mut csv = String::from("customer_id,first_name,last_name,email,tags\n");
    for i in 0..rows {
        csv.push_str(&format!("K{i:06},Имя{i},Last{i},k{i}@example.com,vip\n"));
    }
    let file = dir.path().join("many.csv");
    std::fs::write(&file, csv).expect("write");
    let id = ok(&db, &["import", "customers", file.to_str().expect("path"), "--queue"]);
    let id = id.trim().to_owned();
    std::fs::remove_file(&file).expect("the job keeps its own copy of the file");

    let mut first = ladder(&db, &["worker", "--lease-seconds", "3"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start a worker");
    let started = Instant::now();
    while job_json(&db, &id)["status"] != "running" {
        assert!(started.elapsed() < Duration::from_secs(30), "the worker never took the job");
        std::thread::sleep(Duration::from_millis(20));
    }
    std::thread::sleep(Duration::from_millis(300));
    assert_eq!(job_json(&db, &id)["status"], "running", "the import must still be running when the worker dies");
    first.kill().expect("kill -9");
    first.wait().expect("reaped");
    assert_eq!(count(&db, "SELECT COUNT(*) FROM customers"), 0, "nothing of the killed attempt is written");

    // Once the lease has run out, another worker takes the job over and finishes it.
    let started = Instant::now();
    loop {
        let out = ladder(&db, &["worker", "--once", "--lease-seconds", "3"]).output().expect("run a worker");
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        if job_json(&db, &id)["status"] == "done" {
            break;
        }
        assert!(started.elapsed() < Duration::from_secs(60), "nobody finished the job: {}", job_json(&db, &id));
        std::thread::sleep(Duration::from_millis(250));
    }
    let job = job_json(&db, &id);
    assert_eq!(job["attempts"], 2, "{job}");
    assert_eq!(count(&db, "SELECT COUNT(*) FROM customers"), rows);
    assert_eq!(count(&db, "SELECT COUNT(*) FROM customer_tags"), rows);
    assert_eq!(count(&db, "SELECT COUNT(*) FROM audit_log WHERE action = 'import.run'"), 1, "imported once");
}

/// What a probe handler saw: jobs running now, every run, and any job that ran twice at once.
#[derive(Default)]
struct Probe {
    running: Mutex<HashSet<JobId>>,
    runs: Mutex<HashMap<JobId, u32>>,
    overlaps: AtomicU64,
}

fn probe_handlers(probe: &Arc<Probe>) -> Arc<Handlers> {
    let mut handlers = Handlers::standard();
    let probe = probe.clone();
    handlers.register(
        "probe",
        Box::new(move |_, job, _| {
            if !probe.running.lock().expect("lock").insert(job.id) {
                probe.overlaps.fetch_add(1, Ordering::SeqCst);
            }
            let slow = job.payload.contains("slow");
            std::thread::sleep(Duration::from_millis(if slow { 4_500 } else { 2 }));
            probe.running.lock().expect("lock").remove(&job.id);
            *probe.runs.lock().expect("lock").entry(job.id).or_default() += 1;
            Ok(None)
        }),
    );
    Arc::new(handlers)
}

fn enqueue(store: &dyn Store, kind: &str, payload: &str, max_attempts: u32, now: DateTime<Utc>) -> JobId {
    let mut tx = store.begin().expect("begin");
    let job = NewJob {
        kind: kind.to_owned(),
        payload: payload.to_owned(),
        run_at: now,
        priority: 0,
        max_attempts,
        dedupe_key: None,
    };
    let id = tx.enqueue(&job, now).expect("enqueue").expect("a new job");
    tx.commit().expect("commit");
    id
}

/// Two workers, each with its own connections, share a queue whose slow jobs outlast the lease: the
/// heartbeat keeps them, so no job ever runs twice at once, and each runs exactly once.
fn two_workers_never_run_a_job_twice_at_once(open: impl Fn() -> Arc<dyn Store>) {
    let (a, b) = (App::new(open()), App::new(open()));
    let mut ids = Vec::new();
    for i in 0..120 {
        let payload = if i % 30 == 0 { r#"{"slow":true}"# } else { "{}" };
        ids.push(enqueue(a.store(), "probe", payload, 3, Utc::now()));
    }
    let probe = Arc::new(Probe::default());
    let handlers = probe_handlers(&probe);
    let options = WorkerOptions {
        // Renewed eight times within a lease: a loaded machine (the whole suite at once on two cores) may
        // delay a renewal by a second without the lease running out.
        lease: Duration::from_secs(2),
        heartbeat: Duration::from_millis(250),
        batch: 8,
        poll: Duration::from_millis(50),
    };
    let stop = AtomicBool::new(false);
    std::thread::scope(|scope| {
        for (n, app) in [&a, &b].into_iter().enumerate() {
            let worker = Worker::new(
                app.clone(),
                format!("w{n}"),
                handlers.clone(),
                Arc::new(LiveJobs::default()),
                options.clone(),
            );
            let stop = &stop;
            scope.spawn(move || worker.run_until(stop));
        }
        let started = Instant::now();
        loop {
            let open = [JobStatus::Queued, JobStatus::Running, JobStatus::Failed]
                .iter()
                .map(|s| {
                    a.store()
                        .jobs(&JobQuery { status: Some(*s), kind: Some("probe".into()), limit: 1 })
                        .expect("jobs")
                        .len()
                })
                .sum::<usize>();
            if open == 0 || started.elapsed() > Duration::from_secs(60) {
                break;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        // Linger past a lease: a job whose lease was lost would be claimed again now.
        std::thread::sleep(Duration::from_millis(2_500));
        stop.store(true, Ordering::SeqCst);
    });
    assert_eq!(probe.overlaps.load(Ordering::SeqCst), 0, "a job ran twice at once");
    let runs = probe.runs.lock().expect("lock");
    for id in &ids {
        assert_eq!(runs.get(id), Some(&1), "job {id} ran {:?} times", runs.get(id));
        assert_eq!(a.store().job(*id).expect("job").expect("exists").status, JobStatus::Done);
    }
}

#[test]
fn two_workers_share_a_sqlite_queue() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("shop.db");
    two_workers_never_run_a_job_twice_at_once(|| Arc::new(SqliteStore::open(&path).expect("open")));
}

#[test]
fn two_workers_share_a_postgresql_queue() {
    let Some((url, _guard)) = common::postgres_database() else { return };
    two_workers_never_run_a_job_twice_at_once(|| {
        Arc::new(ladder_store_postgres::PostgresStore::connect(&url).expect("connect"))
    });
}

fn at(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).expect("time").to_utc()
}

#[test]
fn a_failing_job_is_retried_with_backoff_then_dead_and_a_person_can_retry_it() {
    let dir = tempfile::tempdir().expect("dir");
    let clock = Arc::new(ManualClock::new(at("2026-12-01T10:00:00Z")));
    let store: Arc<dyn Store> = Arc::new(SqliteStore::open(dir.path().join("shop.db")).expect("open"));
    let app = App::with_clock(store, clock.clone());
    let mut handlers = Handlers::standard();
    let attempts = Arc::new(AtomicU64::new(0));
    let seen = attempts.clone();
    handlers.register(
        "flaky",
        Box::new(move |_, _, _| {
            if seen.fetch_add(1, Ordering::SeqCst) == 3 {
                panic!("the handler broke");
            }
            Err(JobError::retry("the gateway said no: 503"))
        }),
    );
    let worker = Worker::new(
        app.clone(),
        "w".into(),
        Arc::new(handlers),
        Arc::new(LiveJobs::default()),
        WorkerOptions::default(),
    );
    let id = enqueue(app.store(), "flaky", "{}", 3, clock.now());
    let job = |app: &App| app.store().job(id).expect("job").expect("exists");
    assert_eq!(worker.run_due().expect("run"), 1);
    let failed = job(&app);
    assert_eq!((failed.status, failed.attempts), (JobStatus::Failed, 1));
    assert!(failed.last_error.as_deref().is_some_and(|e| e.contains("503")), "{failed:?}");
    let wait = failed.run_at - clock.now();
    assert!((8..=12).contains(&wait.num_seconds()), "about 10 s before the second attempt: {wait}");
    assert_eq!(worker.run_due().expect("run"), 0, "not before its time");
    clock.advance(chrono::Duration::seconds(13));
    worker.run_due().expect("run");
    let again = job(&app);
    assert_eq!((again.status, again.attempts), (JobStatus::Failed, 2));
    let wait = again.run_at - clock.now();
    assert!((16..=24).contains(&wait.num_seconds()), "the wait doubles: {wait}");
    clock.advance(chrono::Duration::seconds(25));
    worker.run_due().expect("run");
    let dead = job(&app);
    assert_eq!((dead.status, dead.attempts), (JobStatus::Dead, 3), "dead after its last attempt");
    assert!(dead.finished_at.is_some());
    clock.advance(chrono::Duration::hours(2));
    assert_eq!(worker.run_due().expect("run"), 0, "a dead job waits for a person");
    assert!(ladder_app::jobs::retry(&app, &Actor::Cli, id).expect("retry"));
    worker.run_due().expect("run");
    let panicked = job(&app);
    assert_eq!(panicked.status, JobStatus::Failed, "a panic is a failed attempt, not a dead worker");
    assert!(panicked.last_error.as_deref().is_some_and(|e| e.contains("the handler broke")), "{panicked:?}");
}

#[test]
fn a_schedule_enqueues_each_occurrence_once_in_the_shops_time_zone() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("shop.db");
    let clock = Arc::new(ManualClock::new(at("2026-12-02T00:59:00Z")));
    let open = || -> App { App::with_clock(Arc::new(SqliteStore::open(&path).expect("open")), clock.clone()) };
    let (one, two) = (open(), open());
    let mut settings = one.store().shop_settings().expect("settings");
    settings.time_zone = "Asia/Jerusalem".into();
    ladder_app::shop::save_settings(&one, &Actor::Cli, settings).expect("save");
    // Each instance has its own schedules, as two processes would.
    let nightly = schedule::standard(schedule::NIGHTLY_SCORING, "").expect("schedule");
    let nightly_two = schedule::standard(schedule::NIGHTLY_SCORING, "").expect("schedule");
    assert!(schedule::tick(&one, &nightly, clock.now()).expect("tick").is_empty(), "01:59 in Jerusalem: not yet");
    // 03:00 in Jerusalem is 01:00 UTC in winter. Two instances tick at once: one job.
    clock.set(at("2026-12-02T01:00:20Z"));
    let enqueued: Vec<JobId> = std::thread::scope(|scope| {
        let a = scope.spawn(|| schedule::tick(&one, &nightly, clock.now()).expect("tick"));
        let b = scope.spawn(|| schedule::tick(&two, &nightly_two, clock.now()).expect("tick"));
        [a.join().expect("a"), b.join().expect("b")].concat()
    });
    assert_eq!(enqueued.len(), 1, "{enqueued:?}");
    let job = one.store().job(enqueued[0]).expect("job").expect("exists");
    assert_eq!((job.kind.as_str(), job.run_at), ("score", at("2026-12-02T01:00:00Z")));
    clock.set(at("2026-12-02T01:30:00Z"));
    assert!(schedule::tick(&two, &nightly_two, clock.now()).expect("tick").is_empty(), "that night is done");
    // The next night, the worker was down until 05:00: a scoring two hours late is skipped, not run.
    clock.set(at("2026-12-03T03:00:00Z"));
    assert!(schedule::tick(&one, &nightly, clock.now()).expect("tick").is_empty());
    clock.set(at("2026-12-04T01:00:05Z"));
    assert_eq!(schedule::tick(&two, &nightly_two, clock.now()).expect("tick").len(), 1, "and the night after runs");
}

#[test]
fn housekeeping_forgets_finished_jobs_files_after_a_day_and_the_jobs_after_ninety() {
    let dir = tempfile::tempdir().expect("dir");
    let clock = Arc::new(ManualClock::new(at("2026-12-01T10:00:00Z")));
    let store: Arc<dyn Store> = Arc::new(SqliteStore::open(dir.path().join("shop.db")).expect("open"));
    let app = App::with_clock(store, clock.clone());
    let payload = ladder_app::jobs::ImportPayload {
        actor: Actor::Cli,
        kind: ladder_app::import::ImportKind::Customers,
        name: "c.csv".into(),
        skip_invalid: false,
        dry_run: true,
        file_from: None,
        columns: Vec::new(),
    };
    let mut file: &[u8] = b"customer_id\nK1\n";
    let checked = ladder_app::jobs::queue_import(&app, &Actor::Cli, payload, Some(&mut file)).expect("queue");
    let waiting = enqueue(app.store(), "noop", "{}", 3, at("2027-06-01T00:00:00Z"));
    let worker = Worker::new(
        app.clone(),
        "w".into(),
        Arc::new(Handlers::standard()),
        Arc::new(LiveJobs::default()),
        WorkerOptions::default(),
    )
    .with_schedules(schedule::standard("", schedule::HOUSEKEEPING).expect("schedule"));
    worker.run_due().expect("run");
    let file_bytes = |app: &App| {
        let mut n = 0;
        app.store()
            .job_file(checked, &mut |c| {
                n += c.len();
                Ok(())
            })
            .expect("file");
        n
    };
    assert_eq!(app.store().job(checked).expect("job").expect("exists").status, JobStatus::Done);
    assert!(file_bytes(&app) > 0, "the check's file is kept for its import");
    clock.advance(chrono::Duration::hours(25));
    worker.run_due().expect("run");
    assert_eq!(file_bytes(&app), 0, "a day after, the file is forgotten");
    assert!(app.store().job(checked).expect("job").is_some(), "the job is still listed");
    clock.advance(chrono::Duration::days(90));
    worker.run_due().expect("run");
    assert!(app.store().job(checked).expect("job").is_none(), "after ninety days the job is forgotten too");
    assert!(app.store().job(waiting).expect("job").is_some(), "a job that has not run is never forgotten");
    let cleanups = app
        .store()
        .jobs(&JobQuery { kind: Some("housekeeping".into()), limit: 10, ..JobQuery::default() })
        .expect("jobs");
    assert!(cleanups.iter().all(|j| j.status == JobStatus::Done), "{cleanups:?}");
}
