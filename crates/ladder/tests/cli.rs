//! The `ladder` binary, run as a user runs it, on files with good and bad rows.

mod common;

use common::postgres_database;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

struct Run {
    dir: tempfile::TempDir,
}

impl Run {
    fn new() -> Self {
        Self { dir: tempfile::tempdir().expect("temporary folder") }
    }

    fn db(&self) -> PathBuf {
        self.dir.path().join("shop.db")
    }

    fn file(&self, name: &str, content: &str) -> PathBuf {
        let path = self.dir.path().join(name);
        std::fs::write(&path, content).expect("write");
        path
    }

    fn ladder(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_ladder"))
            .arg("--database")
            .arg(self.db())
            .args(args)
            .env_remove("LADDER_DATABASE_URL")
            .output()
            .expect("run ladder")
    }

    fn ok(&self, args: &[&str]) -> String {
        let out = self.ladder(args);
        assert!(out.status.success(), "ladder {args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).expect("UTF-8 output")
    }

    fn fails(&self, args: &[&str]) -> String {
        let out = self.ladder(args);
        assert!(!out.status.success(), "ladder {args:?} should fail");
        let stderr = String::from_utf8(out.stderr).expect("UTF-8 errors");
        assert!(stderr.starts_with("error: "), "{stderr}");
        assert_eq!(stderr.trim_end().lines().count(), 1, "one clear sentence: {stderr}");
        stderr
    }

    fn json(&self, args: &[&str]) -> serde_json::Value {
        serde_json::from_str(&self.ok(args)).expect("JSON output")
    }

    fn count(&self, table: &str) -> i64 {
        let conn = rusqlite::Connection::open(self.db()).expect("open");
        conn.query_row(&format!("SELECT COUNT(*) FROM {table}"), [], |r| r.get(0)).expect("count")
    }
}

fn path(p: &Path) -> &str {
    p.to_str().expect("UTF-8 path")
}

const CUSTOMERS: &str = "customer_id,first_name,last_name,email,country,referred_by
C1,Анна,Смирнова,anna@example.ru,RU,
C2,نرگس,کریمی,narges@example.ir,IR,C1
C3,יעל,לוי,yael@example.co.il,IL,
";

const ORDERS: &str = "order_id,customer_id,ordered_at,sku,quantity,unit_price,currency,status
O1,C1,2025-01-01,TEA,1,10.00,EUR,completed
O2,C1,2025-01-20,TEA,2,10.00,EUR,completed
O3,C1,2025-02-10,TEA,1,10.00,EUR,completed
O4,C2,2025-02-01,TEA,1,10.00,EUR,completed
";

#[test]
fn import_score_report_and_show_a_customer() {
    let run = Run::new();
    let customers = run.file("customers.csv", CUSTOMERS);
    let out = run.ok(&["import", "customers", path(&customers)]);
    assert!(out.contains("read") && out.contains("written"), "{out}");
    let summary = run.json(&["import", "customers", path(&customers), "--format", "json"]);
    assert_eq!((summary["read"].as_u64(), summary["unchanged"].as_u64()), (Some(3), Some(3)));
    let orders = run.file("orders.csv", ORDERS);
    run.ok(&["import", "orders", path(&orders)]);
    let stale = run.fails(&["report", "ladder"]);
    assert!(stale.contains("run `ladder score` first"), "{stale}");

    let scored = run.json(&["score", "--as-of", "2025-02-15", "--format", "json"]);
    assert_eq!((scored["customers"].as_u64(), scored["buyers"].as_u64()), (Some(3), Some(2)));

    let c1 = run.json(&["customer", "show", "C1", "--format", "json"]);
    assert_eq!(c1["customer_id"], "C1");
    assert_eq!(c1["first_name"], "Анна");
    assert_eq!(c1["rung"], "advocate");
    assert_eq!(c1["state"], "active");
    assert_eq!(c1["lifecycle_stage"], "advocacy");
    assert_eq!(c1["rung_reason"], "loyal (3rd order on 10 Feb 2025, active) and 1 referred customer has ordered");
    assert_eq!(c1["rung_reason_kind"], "advocate_referrals", "a machine kind beside the words");
    assert!(c1["state_reason"].as_str().is_some_and(|r| r.contains("usually every")), "{c1}");
    // Two buyers, one with fewer orders: 1 + ⌊5 × 1/2⌋ = 3.
    assert_eq!(c1["rfm"]["f"], 3);
    assert!(c1["rfm_segment"].is_string());
    assert_eq!(c1["orders"].as_array().map(Vec::len), Some(3));
    assert_eq!(c1["history"][0]["to"], "advocate");
    let table = run.ok(&["customer", "show", "C2"]);
    assert!(table.contains("نرگس") && table.contains("1st order on 1 Feb 2025"), "{table}");

    let report = run.json(&["report", "ladder", "--format", "json"]);
    let rungs = report["rungs"].as_array().expect("rungs");
    assert_eq!(rungs.len(), 6);
    assert_eq!(report["as_of"], "2025-02-15");
    assert_eq!(report["currency"], "EUR");
    let advocate = rungs.iter().find(|r| r["key"] == "advocate").expect("advocate row");
    assert_eq!((advocate["customers"].as_u64(), advocate["revenue"].as_str()), (Some(1), Some("40.00")));
    let csv = run.ok(&["report", "third-purchase", "--format", "csv"]);
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines[0], "order,customers,share of buyers,conversion from previous,median days from previous");
    assert_eq!(lines.len(), 4, "{csv}");
    let rfm = run.ok(&["report", "rfm"]);
    assert!(rfm.contains("champions"), "{rfm}");

    let list = run.json(&["customer", "list", "--search", "АННА", "--format", "json"]);
    assert_eq!(list.as_array().map(Vec::len), Some(1));
    let csv = run.ok(&["customer", "list", "--rung", "customer", "--format", "csv"]);
    assert_eq!(csv.lines().count(), 2, "{csv}");
    let bad = run.fails(&["customer", "list", "--rung", "king"]);
    assert!(bad.contains("suspect, prospect, customer, repeat, loyal, advocate"), "{bad}");
}

#[test]
fn a_failed_import_leaves_the_database_untouched_and_skip_invalid_keeps_the_good_rows() {
    let run = Run::new();
    run.ok(&["import", "customers", path(&run.file("customers.csv", CUSTOMERS))]);
    run.ok(&["import", "orders", path(&run.file("orders.csv", ORDERS))]);
    let before = (run.count("orders"), run.count("order_lines"), run.count("products"));
    let bad = run.file(
        "more.csv",
        &format!("{ORDERS}O5,C3,2025-03-01,MUG,1,25.00,EUR,completed\nO6,C3,2025-03-40,MUG,1,25.00,EUR,completed\n"),
    );
    let err = run.fails(&["import", "orders", path(&bad)]);
    assert!(err.contains("more.csv line 7, column \"ordered_at\", value \"2025-03-40\": This is not a date"), "{err}");
    assert!(err.contains("--skip-invalid"), "{err}");
    assert_eq!((run.count("orders"), run.count("order_lines"), run.count("products")), before);

    let rejects = run.dir.path().join("rejected.csv");
    let out = run.ok(&["import", "orders", path(&bad), "--skip-invalid", "--rejects", path(&rejects)]);
    assert!(out.contains("rejected.csv"), "{out}");
    assert_eq!(run.count("orders"), before.0 + 1);
    let rejected = std::fs::read_to_string(&rejects).expect("rejects");
    assert!(
        rejected.lines().nth(1).is_some_and(|l| l.starts_with("O6,C3,2025-03-40") && l.contains("is not a date")),
        "{rejected}"
    );

    let missing = run.fails(&["import", "orders", path(&run.file("short.csv", "order_id,customer_id\nO1,C1\n"))]);
    assert!(
        missing.contains(
            "short.csv: the header lacks the required columns ordered_at, sku, quantity, unit_price, currency"
        ),
        "{missing}"
    );
    let absent = run.fails(&["import", "customers", "/nonexistent/customers.csv"]);
    assert!(absent.contains("/nonexistent/customers.csv"), "{absent}");
}

#[test]
fn the_demo_builds_a_shop_and_errors_are_one_clear_sentence() {
    let run = Run::new();
    let out = run.ok(&["demo", "--customers", "400", "--seed", "5", "--as-of", "2026-01-31"]);
    assert!(out.contains("Demo shop ready") && out.contains("The loyalty ladder, as of 2026-01-31"), "{out}");
    for rung in ["suspect", "prospect", "customer", "repeat", "loyal", "advocate"] {
        assert!(out.contains(rung), "{rung} missing from {out}");
    }
    assert_eq!(run.count("customers"), 400);
    // Running it again replaces the demo shop.
    run.ok(&["demo", "--customers", "300", "--as-of", "2026-01-31"]);
    assert_eq!(run.count("customers"), 300);

    let nowhere = Command::new(env!("CARGO_BIN_EXE_ladder"))
        .args(["--database", path(&run.dir.path().join("none.db")), "report", "ladder"])
        .output()
        .expect("run");
    assert!(String::from_utf8_lossy(&nowhere.stderr).contains("there is no database at"));
    assert!(!run.dir.path().join("none.db").exists(), "reading never creates a database");
    let missing = run.fails(&["customer", "show", "NOPE"]);
    assert!(missing.contains("no customer with id \"NOPE\""), "{missing}");
    let pg = Command::new(env!("CARGO_BIN_EXE_ladder"))
        .args(["--database", "postgres://nobody:secret@127.0.0.1:1/test", "report", "ladder"])
        .output()
        .expect("run");
    assert!(!pg.status.success());
    let pg_error = String::from_utf8_lossy(&pg.stderr);
    assert!(pg_error.contains("cannot connect to PostgreSQL at postgres://nobody:***@127.0.0.1:1/test"), "{pg_error}");
    assert!(!pg_error.contains("secret"));
    let date = run.fails(&["score", "--as-of", "31/01/2026"]);
    assert!(date.contains("use YYYY-MM-DD"), "{date}");

    let export = run.dir.path().join("export");
    let out = Command::new(env!("CARGO_BIN_EXE_ladder"))
        .args(["demo", "--customers", "50", "--as-of", "2026-01-31", "--export", path(&export)])
        .output()
        .expect("run");
    assert!(out.status.success());
    let orders = std::fs::read_to_string(export.join("orders.csv")).expect("orders.csv");
    assert!(
        orders.starts_with("order_id,customer_id,ordered_at,sku,product_name,category,quantity,unit_price,currency")
    );
}

#[test]
fn the_database_comes_from_the_environment_and_help_documents_every_command() {
    let run = Run::new();
    let env_db = run.dir.path().join("from-env.db");
    let out = Command::new(env!("CARGO_BIN_EXE_ladder"))
        .args(["demo", "--customers", "100", "--as-of", "2026-01-31"])
        .env("LADDER_DATABASE_URL", format!("sqlite://{}", env_db.display()))
        .output()
        .expect("run");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(env_db.exists());
    let help = Command::new(env!("CARGO_BIN_EXE_ladder")).arg("--help").output().expect("run");
    let help = String::from_utf8(help.stdout).expect("UTF-8");
    for command in ["demo", "import", "score", "report", "customer", "bench", "--database", "LADDER_DATABASE_URL"] {
        assert!(help.contains(command), "--help lacks {command}: {help}");
    }
}

#[test]
fn the_same_commands_work_on_postgresql() {
    let Some((url, _guard)) = postgres_database() else { return };
    let run = Run::new();
    let on_pg = |args: &[&str]| {
        let out =
            Command::new(env!("CARGO_BIN_EXE_ladder")).arg("--database").arg(&url).args(args).output().expect("run");
        assert!(out.status.success(), "ladder {args:?}: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).expect("UTF-8")
    };
    on_pg(&["import", "customers", path(&run.file("customers.csv", CUSTOMERS))]);
    on_pg(&["import", "orders", path(&run.file("orders.csv", ORDERS))]);
    let scored: serde_json::Value =
        serde_json::from_str(&on_pg(&["score", "--as-of", "2025-02-15", "--format", "json"])).expect("json");
    assert_eq!(scored["customers"], 3);
    // The same answers as on SQLite.
    run.ok(&["import", "customers", path(&run.file("customers.csv", CUSTOMERS))]);
    run.ok(&["import", "orders", path(&run.file("orders.csv", ORDERS))]);
    run.ok(&["score", "--as-of", "2025-02-15"]);
    for args in [
        &["customer", "show", "C1", "--format", "json"][..],
        &["report", "ladder", "--format", "json"],
        &["report", "third-purchase", "--format", "json"],
        &["customer", "list", "--search", "анна", "--format", "json"],
    ] {
        let pg: serde_json::Value = serde_json::from_str(&on_pg(args)).expect("json");
        let sqlite = run.json(args);
        let strip = |mut v: serde_json::Value| {
            // Consent evidence carries the import's clock time.
            if let Some(o) = v.as_object_mut() {
                o.remove("consents");
            }
            v
        };
        assert_eq!(strip(pg), strip(sqlite), "{args:?}");
    }
    // A real shop is never replaced by the demo, on PostgreSQL either.
    let demo = Command::new(env!("CARGO_BIN_EXE_ladder"))
        .arg("--database")
        .arg(&url)
        .args(["demo", "--customers", "50"])
        .output()
        .expect("run");
    assert!(String::from_utf8_lossy(&demo.stderr).contains("already holds 3 customers"));
}

fn cdnow_summary(run: &Run) -> PathBuf {
    let source = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../testdata/cdnow/cdnow_customers_summary_with_transactions.csv");
    let text = std::fs::read_to_string(&source).expect("the CDNOW data in testdata/cdnow");
    let converted = text.replacen("ID,x,t_x,T,zbar", "customer_id,frequency,recency,T,monetary_value", 1);
    run.file("cdnow.csv", &converted)
}

#[test]
fn clv_fit_and_predict_on_a_summary_file() {
    let run = Run::new();
    let summary = cdnow_summary(&run);
    let fit =
        run.json(&["clv", "fit", "--summary", path(&summary), "--time-unit", "weeks", "--spend", "--format", "json"]);
    let close = |key: &str, expected: f64| {
        let got = fit[key].as_f64().unwrap_or_else(|| panic!("{key} in {fit}"));
        assert!(((got - expected) / expected).abs() < 1e-4, "{key}: {got} vs {expected}");
    };
    close("r", 0.2426);
    close("alpha", 4.4135);
    close("a", 0.7929);
    close("b", 2.4258);
    close("log_likelihood", -9582.4256);
    close("p", 6.2488);
    close("q", 3.7446);
    close("v", 15.4477);
    assert!(fit["standard_errors"]["r"].as_f64().is_some_and(|se| se > 0.0));
    assert_eq!(fit["converged"], true);
    let pareto = run.json(&["clv", "fit", "--summary", path(&summary), "--model", "paretonbd", "--format", "json"]);
    assert!(pareto["s"].as_f64().is_some_and(|s| (s - 0.6062).abs() < 1e-3), "{pareto}");
    assert!(pareto["beta"].is_number());

    let csv = run.ok(&[
        "clv",
        "predict",
        "--summary",
        path(&summary),
        "--time-unit",
        "weeks",
        "--horizon",
        "39",
        "--format",
        "csv",
    ]);
    let mut lines = csv.lines();
    assert_eq!(lines.next(), Some("customer_id,expected_purchases,p_alive,expected_spend,clv"));
    let first: Vec<f64> = lines.next().expect("row").split(',').skip(1).map(|v| v.parse().expect("number")).collect();
    // lifetimes: 1.2259104, 0.7266091, 24.6586162, 36.2784958 for customer 1.
    for (got, expected) in first.iter().zip([1.2259104, 0.7266091, 24.6586162, 36.2784958]) {
        assert!(((got - expected) / expected).abs() < 1e-3, "{got} vs {expected}");
    }
    assert_eq!(csv.lines().count(), 2358);

    let bad = run.file("bad.csv", "customer_id,frequency,recency,T\n1,2,30,20\n");
    let err = run.fails(&["clv", "fit", "--summary", path(&bad)]);
    assert!(err.contains("bad.csv line 2, column \"recency\": \"30\" is larger than T"), "{err}");
}

#[test]
fn analytics_reports_and_validation_on_the_demo() {
    let run = Run::new();
    run.ok(&["demo", "--customers", "1500", "--seed", "3", "--as-of", "2026-01-31"]);
    let third = run.json(&["report", "third-purchase", "--format", "json"]);
    assert!(third["by_cohort"].as_array().is_some_and(|c| !c.is_empty()));
    assert!(third["by_first_campaign"].as_array().is_some_and(|c| c.iter().any(|g| g["key"] == "WELCOME10")));
    assert!(third["onward"]["third_to_fourth"].as_f64().is_some());
    let cohorts = run.json(&["report", "cohorts", "--format", "json"]);
    let first = &cohorts["cohorts"][0];
    assert_eq!(first["months"][0]["share_buying"], 1.0, "everyone buys in their first month");
    let losing = run.ok(&["report", "losing-value"]);
    assert!(losing.contains("top-decile customers"), "{losing}");
    let events = run.json(&["report", "event-buyers", "--format", "json"]);
    let seasonal = events["seasonal_categories"].as_array().expect("categories");
    assert!(seasonal.iter().any(|c| c == "costumes"), "{seasonal:?}");
    assert!(events["customers"].as_array().is_some_and(|c| c.iter().any(|e| e["kind"] == "occasion")));
    let validation = run.json(&["clv", "validate", "--calibration-end", "2025-10-31", "--format", "json"]);
    assert!(validation["mean_absolute_error"].as_f64().is_some_and(|e| e.is_finite() && e >= 0.0), "{validation}");
    assert_eq!(validation["holdout_end"], "2026-01-31");
    let c = run.json(&["customer", "show", "C0000002", "--format", "json"]);
    assert!(c["clv_minor"].is_number() || c["order_count"] == 0 || c["event_buyer"] == true, "{c}");
}

#[test]
fn score_thresholds_are_flags_and_checked() {
    let run = Run::new();
    run.ok(&["demo", "--customers", "800", "--as-of", "2026-01-31"]);
    let err = run.fails(&["score", "--as-of", "2026-01-31", "--active-p-alive", "0.2", "--at-risk-p-alive", "0.5"]);
    assert!(err.contains("0 ≤ lapsed ≤ at risk ≤ active ≤ 1"), "{err}");
    let strict = run.json(&["score", "--as-of", "2026-01-31", "--active-p-alive", "0.99", "--format", "json"]);
    assert_eq!(strict["model"]["used"], true);
    let lenient = run.json(&["report", "ladder", "--format", "json"]);
    let active = |r: &serde_json::Value| {
        r["states"].as_array().expect("states").iter().find(|s| s["key"] == "active").map(|s| s["customers"].as_u64())
    };
    let strict_active = active(&lenient);
    run.ok(&["score", "--as-of", "2026-01-31", "--active-p-alive", "0.3"]);
    let loose_active = active(&run.json(&["report", "ladder", "--format", "json"]));
    assert!(loose_active > strict_active, "{loose_active:?} vs {strict_active:?}");
    let fallback =
        run.json(&["score", "--as-of", "2026-01-31", "--min-repeat-customers", "100000", "--format", "json"]);
    assert_eq!(fallback["model"]["used"], false);
    assert!(fallback["model"]["basis"].as_str().is_some_and(|b| b.starts_with("states from the recency rule")));
}

#[test]
fn db_copy_moves_a_shop_to_postgresql_and_back_unchanged() {
    let Some((url, _guard)) = postgres_database() else { return };
    let run = Run::new();
    run.ok(&["demo", "--customers", "300", "--seed", "9", "--as-of", "2026-01-31"]);
    let copied = run.json(&["db", "copy", "--from", path(&run.db()), "--to", &url, "--format", "json"]);
    let tables = copied.as_array().expect("tables");
    assert_eq!(tables.len(), 41, "every table but the short-lived browser sessions and the job queue");
    assert!(tables.iter().all(|t| t["verified"] == true));
    let customers = tables.iter().find(|t| t["table"] == "customers").expect("customers");
    assert_eq!(customers["rows"], 300);
    // Into a non-empty database: refused, nothing written.
    let again = run.ladder(&["db", "copy", "--from", path(&run.db()), "--to", &url]);
    assert!(String::from_utf8_lossy(&again.stderr).contains("the target database is not empty"));
    // And back into a new SQLite file: the same shop, id for id.
    let back = run.dir.path().join("back.db");
    let returned = run.json(&["db", "copy", "--from", &url, "--to", path(&back), "--format", "json"]);
    for (a, b) in tables.iter().zip(returned.as_array().expect("tables")) {
        assert_eq!((&a["table"], &a["rows"], &a["checksum"]), (&b["table"], &b["rows"], &b["checksum"]));
    }
    let show = |db: &Path| {
        let out = Command::new(env!("CARGO_BIN_EXE_ladder"))
            .arg("--database")
            .arg(db)
            .args(["customer", "show", "C0000042", "--format", "json"])
            .output()
            .expect("run");
        String::from_utf8(out.stdout).expect("UTF-8")
    };
    assert_eq!(show(&run.db()), show(&back));
    // The copy keeps working: new imports after it get fresh ids.
    let on_pg = Command::new(env!("CARGO_BIN_EXE_ladder"))
        .args([
            "--database",
            &url,
            "import",
            "customers",
            path(&run.file("more.csv", "customer_id,first_name\nNEW1,Новый\n")),
        ])
        .output()
        .expect("run");
    assert!(on_pg.status.success(), "{}", String::from_utf8_lossy(&on_pg.stderr));
}

#[test]
fn both_backends_are_at_the_same_schema_version() {
    // Migrations are numbered alike in both backends; `ladder migrate` reports one version for both.
    assert_eq!(ladder_store_sqlite::SCHEMA_VERSION, ladder_store_postgres::SCHEMA_VERSION);
}

#[test]
fn shards_of_a_scoring_give_exactly_one_run() {
    let whole = Run::new();
    let split = Run::new();
    for run in [&whole, &split] {
        run.ok(&["demo", "--customers", "700", "--seed", "11", "--as-of", "2026-01-31"]);
    }
    whole.ok(&["score", "--as-of", "2026-04-30"]);
    let mut scored = 0;
    for shard in ["0/3", "1/3", "2/3"] {
        let s = split.json(&["score", "--as-of", "2026-04-30", "--shard", shard, "--format", "json"]);
        scored += s["customers"].as_u64().expect("customers");
    }
    assert_eq!(scored, 700, "the shards cover every customer once");
    let rows = |run: &Run, sql: &str| -> Vec<Vec<String>> {
        let conn = rusqlite::Connection::open(run.db()).expect("open");
        let mut stmt = conn.prepare(sql).expect("prepare");
        let n = stmt.column_count();
        stmt.query_map([], |r| {
            (0..n).map(|i| r.get::<_, rusqlite::types::Value>(i).map(|v| format!("{v:?}"))).collect()
        })
        .expect("query")
        .collect::<Result<_, _>>()
        .expect("rows")
    };
    for sql in [
        "SELECT * FROM customer_scores ORDER BY customer_id",
        "SELECT customer_id, kind, from_value, to_value, at, reason FROM ladder_history ORDER BY customer_id, at, kind",
    ] {
        assert_eq!(rows(&whole, sql), rows(&split, sql), "{sql}");
    }
    let bad = split.fails(&["score", "--shard", "3/3"]);
    assert!(bad.contains("is not K/N"), "{bad}");
}

#[test]
fn shards_run_side_by_side_on_postgresql() {
    let (Some((whole, _g1)), Some((split, _g2))) = (postgres_database(), postgres_database()) else { return };
    let ladder = |url: &str, args: &[&str]| {
        let out =
            Command::new(env!("CARGO_BIN_EXE_ladder")).arg("--database").arg(url).args(args).output().expect("run");
        assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).expect("UTF-8")
    };
    for url in [&whole, &split] {
        ladder(url, &["demo", "--customers", "400", "--seed", "12", "--as-of", "2026-01-31"]);
    }
    ladder(&whole, &["score", "--as-of", "2026-04-30"]);
    // Two shards at once: each holds its own lock.
    std::thread::scope(|s| {
        let a = s.spawn(|| ladder(&split, &["score", "--as-of", "2026-04-30", "--shard", "0/2"]));
        let b = s.spawn(|| ladder(&split, &["score", "--as-of", "2026-04-30", "--shard", "1/2"]));
        a.join().expect("shard 0");
        b.join().expect("shard 1");
    });
    let run = Run::new();
    let dump = |url: &str, name: &str| {
        let target = run.dir.path().join(name);
        run.ok(&["db", "copy", "--from", url, "--to", path(&target), "--format", "json"]);
        let conn = rusqlite::Connection::open(&target).expect("open");
        let scores: Vec<String> = conn
            .prepare("SELECT customer_id || '|' || rung || '|' || COALESCE(state, '') || '|' || rung_reason FROM customer_scores ORDER BY customer_id")
            .expect("prepare")
            .query_map([], |r| r.get(0))
            .expect("query")
            .collect::<Result<_, _>>()
            .expect("rows");
        let history: i64 = conn.query_row("SELECT COUNT(*) FROM ladder_history", [], |r| r.get(0)).expect("count");
        (scores, history)
    };
    assert_eq!(dump(&whole, "whole.db"), dump(&split, "split.db"));
}

/// Campaigns on hand-built orders: what each cost, brought and acquired, and who came back.
#[test]
fn campaign_reports_count_what_the_codes_brought() {
    let run = Run::new();
    let customers = "customer_id,first_name\nC1,Dana\nC2,Avi\nC3,Reza\nC4,Olga\nC5,Noa\nC6,Lior\n";
    run.ok(&["import", "customers", path(&run.file("c.csv", customers))]);
    // C6 signs up through the spring coupon page and has not ordered; C5 clicks the mailing's link.
    let interactions = "customer_id,at,kind,campaign_code
C6,2026-03-02T10:00:00Z,sign_up,SPRING
C5,2026-03-03T10:00:00Z,click,spring
";
    run.ok(&["import", "interactions", path(&run.file("i.csv", interactions))]);
    let orders = "order_id,customer_id,ordered_at,sku,quantity,unit_price,currency,status,campaign_code
O1,C1,2026-03-05,TEA,1,40.00,USD,completed,SPRING
O2,C1,2026-04-10,TEA,1,40.00,USD,completed,
O3,C1,2026-05-10,TEA,1,40.00,USD,completed,
O4,C2,2026-01-10,TEA,1,10.00,USD,completed,
O5,C2,2026-03-20,TEA,1,25.00,USD,completed, spring
O6,C3,2026-06-15,TEA,1,99.00,USD,completed,SPRING
O7,C4,2026-03-07,TEA,1,50.00,USD,refunded,SPRING
O8,C5,2026-03-09,TEA,1,30.00,USD,completed,FREE
";
    run.ok(&["import", "orders", path(&run.file("o.csv", orders))]);
    run.ok(&[
        "campaign",
        "create",
        "SPRING-26",
        "--name",
        "Spring mailing",
        "--kind",
        "email",
        "--status",
        "completed",
        "--starts",
        "2026-03-01",
        "--ends",
        "2026-03-31",
        "--window-days",
        "30",
        "--code",
        "spring",
        "--budget",
        "80.00",
        "--expected-revenue",
        "200.00",
    ]);
    run.ok(&["campaign", "create", "FREE-26", "--name", "Free sample", "--starts", "2026-03-01", "--code", "FREE"]);
    run.ok(&["campaign", "cost", "add", "SPRING-26", "--amount", "60.00", "--on", "2026-03-01"]);
    let costs = run.file("costs.csv", "campaign_id,spent_on,amount,note\nSPRING-26,2026-03-15,40.00,posters\n");
    let said = run.ok(&["campaign", "cost", "import", path(&costs)]);
    assert!(said.contains("added 1"), "{said}");
    let said = run.ok(&["campaign", "cost", "import", path(&costs)]);
    assert!(said.contains("added 0") && said.contains("1 already recorded"), "{said}");
    let bad = run.file("bad.csv", "campaign_id,spent_on,amount\nSPRING-26,2026-03-16,5.00\nSPRING-26,16.3.2026,5.00\n");
    let err = run.fails(&["campaign", "cost", "import", path(&bad)]);
    assert!(err.contains("bad.csv line 3, column \"spent_on\"") && err.contains("Nothing was imported"), "{err}");
    run.ok(&["score", "--as-of", "2026-12-31"]);
    let report = run.json(&["campaign", "report", "--as-of", "2026-12-31", "--format", "json"]);
    let by_id = |id: &str| report.as_array().expect("rows").iter().find(|r| r["campaign_id"] == id).expect(id).clone();
    let spring = by_id("SPRING-26");
    // O1 and O5 count (O6 is after the window, O7 was refunded); C1 was acquired by its first order and C6
    // by its sign-up, C2 was not (an earlier order); C5's click is a response.
    assert_eq!(spring["actual_cost"], 10_000, "the failed import added nothing");
    assert_eq!(spring["revenue"], 6_500);
    assert_eq!(spring["sales"], 2);
    assert_eq!(spring["responses"], 5);
    assert_eq!(spring["customers_acquired"], 2);
    assert_eq!(spring["cost_per_acquisition"], 5_000);
    assert_eq!(spring["second_purchase_share"], 0.5);
    assert_eq!(spring["third_purchase_share"], 0.5);
    // C1's three orders all fall in its first twelve months; C6 has none yet.
    assert_eq!(spring["acquired_revenue_12m"], 12_000);
    assert_eq!(spring["revenue_12m_per_acquisition"], 6_000);
    let rungs: Vec<(String, u64)> = spring["acquired_rungs"]
        .as_array()
        .expect("rungs")
        .iter()
        .filter(|r| r["customers"].as_u64() > Some(0))
        .map(|r| (r["rung"].as_str().expect("rung").to_owned(), r["customers"].as_u64().expect("n")))
        .collect();
    // C1 has three orders but none for 235 days against a usual gap of about 33: repeat, not loyal.
    assert_eq!(rungs, [("prospect".to_owned(), 1), ("repeat".to_owned(), 1)]);
    assert_eq!(spring["acquired_unscored"], 0);
    assert!((spring["roi"].as_f64().expect("roi") - (-0.35)).abs() < 1e-9, "{spring}");
    assert_eq!(spring["budget"], 8_000);
    let free = by_id("FREE-26");
    assert_eq!((free["roi"].clone(), free["roi_note"].clone()), (serde_json::Value::Null, "no cost recorded".into()));
    assert_eq!(free["customers_acquired"], 1);
    assert_eq!(free["cost_per_acquisition"], 0);

    let shown = run.json(&["campaign", "show", "SPRING-26", "--as-of", "2026-12-31", "--format", "json"]);
    let counted: Vec<&str> = shown["attribution"]["sales"]
        .as_array()
        .expect("sales")
        .iter()
        .map(|o| o["order_id"].as_str().expect("id"))
        .collect();
    assert_eq!(counted, ["O1", "O5"]);
    let left_out: Vec<&str> = shown["attribution"]["excluded"]
        .as_array()
        .expect("excluded")
        .iter()
        .map(|o| o["order"]["order_id"].as_str().expect("id"))
        .collect();
    assert_eq!(left_out.len(), 2);
    assert!(left_out.contains(&"O6") && left_out.contains(&"O7"));
    let table = run.ok(&["campaign", "list", "--as-of", "2026-12-31"]);
    assert!(table.contains("Spring mailing") && table.contains("no cost recorded"), "{table}");
    let err = run.fails(&["campaign", "cost", "add", "NOPE", "--amount", "1.00"]);
    assert!(err.contains("NOPE"), "{err}");
}

#[test]
fn reasons_and_problems_are_said_in_the_chosen_language() {
    let run = Run::new();
    run.ok(&["import", "customers", path(&run.file("customers.csv", CUSTOMERS))]);
    run.ok(&["import", "orders", path(&run.file("orders.csv", ORDERS))]);
    run.ok(&["score", "--as-of", "2025-02-15"]);
    let fa = run.json(&["--lang", "fa", "customer", "show", "C1", "--format", "json"]);
    let reason = fa["rung_reason"].as_str().expect("words");
    assert!(reason.contains("۲۲ بهمن ۱۴۰۳"), "the Jalali date in Persian digits: {reason}");
    assert!(!reason.chars().any(|c| c.is_ascii_alphanumeric()), "no English and no Latin digits: {reason}");
    assert_eq!(fa["rung_reason_kind"], "advocate_referrals");
    assert_eq!(fa["history"][0]["reason_kind"], "advocate_referrals");
    let hebrew = Command::new(env!("CARGO_BIN_EXE_ladder"))
        .args(["--database", path(&run.db()), "customer", "show", "C1"])
        .env("LADDER_LANG", "he")
        .output()
        .expect("run");
    let table = String::from_utf8(hebrew.stdout).expect("UTF-8");
    assert!(table.contains("הזמנה מס׳ 3 ב־10.2.2025"), "{table}");
    let bad = run.file("bad.csv", "customer_id,email\nC9,not-an-email\n");
    let russian = run.fails(&["--lang", "ru", "import", "customers", path(&bad)]);
    assert!(russian.contains("Строка 2") && russian.contains("Ничего не импортировано"), "{russian}");
    let unknown = run.fails(&["--lang", "xx", "report", "ladder"]);
    assert!(unknown.contains("lang from --lang") && unknown.contains("en, he, fa or ru"), "{unknown}");
}

#[test]
fn tables_write_numbers_with_thousands_separators_and_csv_keeps_them_plain() {
    let run = Run::new();
    run.ok(&["demo", "--customers", "300", "--seed", "3", "--as-of", "2026-01-31"]);
    let table = run.ok(&["report", "ladder"]);
    let revenue = |text: &str| -> Vec<String> {
        text.lines()
            .filter(|l| l.contains("loyal"))
            .flat_map(|l| l.split(['┆', '│', ',']).map(|c| c.trim().to_owned()).collect::<Vec<_>>())
            .collect()
    };
    assert!(table.lines().any(|l| l.contains("loyal") && l.contains(',') && l.contains('.')), "{table}");
    let csv = run.ok(&["report", "ladder", "--format", "csv"]);
    let row = csv.lines().find(|l| l.starts_with("loyal")).expect("the loyal row");
    let plain = row.split(',').nth(4).expect("revenue");
    assert!(plain.parse::<f64>().is_ok_and(|v| v >= 1000.0), "plain for programs: {row}");
    assert!(!revenue(&table).is_empty());
}

#[test]
fn consent_is_recorded_with_its_evidence_and_the_ledger_shows_every_answer() {
    let run = Run::new();
    let customers = run.file(
        "customers.csv",
        "customer_id,first_name,email,consent_email,consent_sms\nC1,Анна,anna@example.ru,yes,\nC2,Yael,yael@example.co.il,,\n",
    );
    run.ok(&["import", "customers", path(&customers)]);
    let imported = run.json(&["consent", "history", "C1", "--format", "json"]);
    assert_eq!(imported.as_array().map(Vec::len), Some(1), "{imported}");
    let first = &imported[0];
    assert_eq!((first["action"].as_str(), first["method"].as_str()), (Some("grant"), Some("import")));
    assert_eq!(first["basis"].as_str(), Some("imported"), "the shop's own record of consent");
    assert_eq!(first["evidence"].as_str(), Some("customers.csv, line 2"), "the file and line");

    let args =
        ["consent", "withdraw", "C1", "--channel", "email", "--source", "phone call", "--evidence", "asked Dana"];
    let ledger = run.json(&[&args[..], &["--format", "json"]].concat());
    let last = &ledger[1];
    assert_eq!((last["action"].as_str(), last["method"].as_str()), (Some("withdraw"), Some("staff")));
    assert_eq!((last["source"].as_str(), last["evidence"].as_str()), (Some("phone call"), Some("asked Dana")));
    assert!(last["basis"].is_null(), "a withdrawal rests on nothing");
    let shown = run.json(&["customer", "show", "C1", "--format", "json"]);
    let email = shown["consents"].as_array().expect("consents").iter().find(|k| k["channel"] == "email").cloned();
    assert_eq!(email.and_then(|k| k["granted"].as_bool()), Some(false), "the current answer follows the ledger");

    run.ok(&[
        "consent",
        "grant",
        "C2",
        "--channel",
        "email",
        "--purpose",
        "newsletter",
        "--source",
        "till",
        "--method",
        "form",
    ]);
    let table = run.ok(&["consent", "history", "C2"]);
    assert!(table.contains("newsletter") && table.contains("grant") && table.contains("till"), "{table}");
    let shown = run.json(&["customer", "show", "C2", "--format", "json"]);
    assert_eq!(shown["consents"], serde_json::json!([]), "a newsletter answer is not a marketing one");

    let unknown = run.fails(&["consent", "grant", "C2", "--channel", "pigeon", "--source", "till"]);
    assert!(unknown.contains("--channel") && unknown.contains("email, sms"), "{unknown}");
    let nobody = run.fails(&["consent", "grant", "C9", "--channel", "sms", "--source", "till"]);
    assert!(nobody.contains("C9"), "{nobody}");
    let empty = run.fails(&["consent", "grant", "C2", "--channel", "sms", "--source", " "]);
    assert!(empty.contains("source"), "{empty}");
    assert_eq!(run.count("consent_events"), 3, "refused answers write nothing");
}

#[test]
fn templates_are_versioned_checked_and_previewed_in_the_customer_s_language() {
    let run = Run::new();
    let customers = run.file(
        "customers.csv",
        "customer_id,first_name,email,preferred_language,country\nH1,Dana,dana@example.co.il,he,IL\nF1,Maryam,m@example.ir,fa,IR\nE1,Olga,o@example.ru,ru,RU\n",
    );
    run.ok(&["import", "customers", path(&customers)]);
    let orders = run.file(
        "orders.csv",
        "order_id,customer_id,ordered_at,sku,product_name,category,quantity,unit_price,currency\nO1,H1,2026-03-10,TEA,Green tea,tea,1,10.00,ILS\nO2,F1,2026-03-21,COF,Espresso,coffee,1,10.00,ILS\n",
    );
    run.ok(&["import", "orders", path(&orders)]);
    let en = run
        .file("en.txt", "Hello {{ first_name | default(\"friend\") }}, how was the {{ last_purchase.product_name }}?");
    let add = |name: &str, lang: &str, body: &Path, subject: &str| {
        run.ok(&[
            "template",
            "add",
            name,
            "--channel",
            "email",
            "--lang",
            lang,
            "--subject",
            subject,
            "--body-file",
            path(body),
        ])
    };
    assert_eq!(add("after", "en", &en, "Thanks").trim(), "1");
    assert_eq!(
        add("after", "en", &en, "Thanks again").trim(),
        "2",
        "the same name, channel and language: a new version"
    );
    let he = run
        .file("he.txt", "שלום {{ first_name }}, איך היה ה{{ last_purchase.product_name }} מ־{{ last_purchase.date }}?");
    assert_eq!(add("after", "he", &he, "תודה").trim(), "1", "another language is a variant of its own");
    let fa = run.file("fa.txt", "سلام {{ first_name }}، خرید {{ last_purchase.date }}");
    add("after", "fa", &fa, "سپاس");
    let listed = run.json(&["template", "list", "--format", "json"]);
    assert_eq!(listed.as_array().map(Vec::len), Some(3), "{listed}");

    let preview = |id: &str| run.json(&["template", "preview", "after", "--customer", id, "--format", "json"]);
    let hebrew = preview("H1");
    assert_eq!((hebrew["language"].as_str(), hebrew["direction"].as_str()), (Some("he"), Some("rtl")));
    let body = hebrew["body"].as_str().expect("body");
    assert!(body.contains("\u{2068}Dana\u{2069}"), "a Latin name isolated inside Hebrew: {body:?}");
    assert!(body.contains("Green tea") && body.contains("10.3.2026"), "{body}");
    let persian = preview("F1");
    let body = persian["body"].as_str().expect("body");
    assert!(body.contains("۱ فروردین ۱۴۰۵"), "a Jalali date in Persian digits: {body}");
    let russian = run.fails(&["template", "preview", "after", "--customer", "E1"]);
    assert!(
        russian.contains("no last purchase"),
        "no Russian variant: the shop's (English), and Olga never bought: {russian}"
    );

    let typo = run.file("typo.txt", "Hello {{ frist_name }}");
    let refused =
        run.fails(&["template", "add", "bad", "--channel", "sms", "--lang", "en", "--body-file", path(&typo)]);
    assert!(refused.contains("frist_name") && refused.contains("merge field"), "{refused}");
    let broken = run.file("broken.txt", "Line one\nHello {{ first_name ");
    let refused =
        run.fails(&["template", "add", "bad", "--channel", "sms", "--lang", "en", "--body-file", path(&broken)]);
    assert!(refused.contains("line 2"), "{refused}");
    let no_subject =
        run.fails(&["template", "add", "bad", "--channel", "email", "--lang", "en", "--body-file", path(&en)]);
    assert!(no_subject.contains("subject"), "{no_subject}");
    let looping =
        run.file("loop.txt", "{% for i in range(100000) %}{% for j in range(100000) %}x{% endfor %}{% endfor %}");
    run.ok(&["template", "add", "slow", "--channel", "sms", "--lang", "en", "--body-file", path(&looping)]);
    let stopped = run.fails(&["template", "preview", "slow", "--customer", "H1", "--channel", "sms"]);
    assert!(stopped.contains("fuel") || stopped.contains("failed"), "a template cannot run for ever: {stopped}");
    let sms = run.file("sms.txt", "{{ first_name | default('שלום') }}: {{ 'מבצע' * 20 }}");
    run.ok(&["template", "add", "promo", "--channel", "sms", "--lang", "he", "--body-file", path(&sms)]);
    let text = run.json(&["template", "preview", "promo", "--customer", "H1", "--channel", "sms", "--format", "json"]);
    assert_eq!((text["sms"]["encoding"].as_str(), text["sms"]["parts"].as_u64()), (Some("ucs2"), Some(2)), "{text}");
    let body = text["body"].as_str().expect("body");
    assert!(
        body.starts_with("פרסומת: ") && body.contains("להסרה השיבו הסר"),
        "the preview shows what the law adds for a customer in Israel, counted in the parts: {body}"
    );
    assert_eq!(run.count("message_templates"), 6, "refused templates write nothing");
}

#[test]
fn the_day_s_letters_print_as_one_pdf_with_labels_and_once_posted_are_contacts() {
    let run = Run::new();
    run.ok(&["demo", "--customers", "300"]);
    let body = run.file("letter.txt", "שלום {{ first_name | default(\"לקוח יקר\") }},\nהגיעו פולי החורף.\n");
    run.ok(&[
        "template",
        "add",
        "winter-letter",
        "--channel",
        "mail",
        "--lang",
        "he",
        "--purpose",
        "service",
        "--body-file",
        path(&body),
    ]);
    let id =
        run.ok(&["broadcast", "create", "--template", "winter-letter", "--channel", "mail", "--all"]).trim().to_owned();
    run.ok(&["broadcast", "send", &id]);
    run.ok(&["worker", "--once"]);
    let pdf = run.dir.path().join("letters.pdf");
    let labels = run.dir.path().join("labels.pdf");
    let out = run.ladder(&["letters", "print", "--output", path(&pdf), "--labels", path(&labels)]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let said = String::from_utf8_lossy(&out.stderr).into_owned();
    let printed: usize =
        said.split(" letter").next().and_then(|n| n.trim().rsplit('\n').next()?.parse().ok()).expect(&said);
    assert!(printed > 0, "{said}");
    let bytes = std::fs::read(&pdf).expect("the PDF");
    assert!(bytes.starts_with(b"%PDF-") && std::fs::read(&labels).expect("labels").starts_with(b"%PDF-"));
    if let Ok(text) = Command::new("pdftotext").arg(&pdf).arg("-").output() {
        let text = String::from_utf8_lossy(&text.stdout);
        assert_eq!(text.matches('\u{c}').count(), printed, "a page per letter");
        assert!(text.contains("הגיעו פולי החורף"), "the Hebrew in logical order");
    }
    let posted = run.ladder(&["letters", "print", "--output", path(&pdf), "--posted"]);
    assert!(String::from_utf8_lossy(&posted.stderr).contains(&format!("{printed} marked posted")));
    let sent =
        run.ok(&["outbox", "list", "--broadcast", &id, "--status", "sent", "--limit", "100000", "--format", "json"]);
    let sent: serde_json::Value = serde_json::from_str(&sent).expect("json");
    assert_eq!(sent.as_array().map(Vec::len), Some(printed), "each posted letter is a contact");
    let again = run.fails(&["letters", "print", "--output", path(&pdf)]);
    assert!(again.contains("no letter is waiting"), "{again}");
}

#[test]
fn the_playbooks_and_the_team_s_queue_from_the_command_line() {
    let run = Run::new();
    run.ok(&["demo", "--customers", "400", "--as-of", "2026-01-31"]);
    let listed = run.json(&["playbook", "list", "--format", "json"]);
    assert_eq!(listed.as_array().expect("rows").len(), 13, "{listed}");
    let shown = run.ok(&["playbook", "show", "winback"]);
    assert!(shown.contains("step 2:  Wait 14 days.") && shown.contains("Their state changes to Lapsed"), "{shown}");

    // The demo's last day made runs and tasks; each row says what the issue's columns say.
    let runs = run.json(&["playbook", "runs", "--format", "json"]);
    let runs = runs.as_array().expect("runs");
    assert!(!runs.is_empty());
    for key in ["playbook", "customer_id", "status", "entered_on", "group"] {
        assert!(runs.iter().all(|r| r.get(key).is_some_and(|v| !v.is_null())), "{key}: {runs:?}");
    }
    assert!(runs.iter().all(|r| r["entered_on"] == "2026-01-31"));
    let tasks = run.json(&["task", "list", "--format", "json"]);
    let tasks = tasks.as_array().expect("tasks");
    assert!(!tasks.is_empty(), "the demo's day gave the team tasks");
    for key in ["customer_id", "playbook", "reason", "due", "status"] {
        assert!(tasks.iter().all(|t| t.get(key).is_some_and(|v| !v.is_null())), "{key}: {tasks:?}");
    }

    // The same day again writes nothing; a dry run of the next writes nothing either.
    let (before_runs, before_tasks, before_outbox) =
        (run.count("playbook_runs"), run.count("tasks"), run.count("outbox"));
    run.ok(&["playbook", "run", "--as-of", "2026-01-31"]);
    let dry = run.ok(&["playbook", "run", "--as-of", "2026-02-01", "--dry-run"]);
    assert!(dry.contains("nothing was written"), "{dry}");
    assert_eq!(
        (run.count("playbook_runs"), run.count("tasks"), run.count("outbox")),
        (before_runs, before_tasks, before_outbox)
    );

    // A task done with how it went, another snoozed; a bad outcome is refused naming it.
    let id = tasks[0]["id"].as_i64().expect("id").to_string();
    assert!(run.ok(&["task", "done", &id, "--outcome", "reached"]).contains("is done"));
    let bad = run.fails(&["task", "done", &tasks[1]["id"].as_i64().expect("id").to_string(), "--outcome", "maybe"]);
    assert!(bad.contains("--outcome") && bad.contains("reached"), "{bad}");
    let open = run.json(&["task", "list", "--status", "open", "--format", "json"]);
    assert!(open.as_array().expect("open").iter().all(|t| t["id"].as_i64().map(|i| i.to_string()) != Some(id.clone())));

    // Started by hand for a chosen customer: once a day, however often it is asked.
    let someone = runs[0]["customer_id"].as_str().expect("id").to_owned();
    let first = run.ok(&["playbook", "start", "new_loyal", "--customer", &someone]);
    assert!(first.starts_with("new_loyal: 1 runs started"), "{first}");
    let again = run.ok(&["playbook", "start", "new_loyal", "--customer", &someone]);
    assert!(again.starts_with("new_loyal: 0 runs started"), "{again}");
    let manual = run.json(&["playbook", "runs", "--playbook", "new_loyal", "--customer", &someone, "--format", "json"]);
    assert!(
        manual
            .as_array()
            .expect("runs")
            .iter()
            .any(|r| r["occurrence"].as_str().is_some_and(|o| o.starts_with("manual:")))
    );
    assert!(run.fails(&["playbook", "start", "new_loyal", "--customer", "NOBODY"]).contains("NOBODY"));

    // Turned off, the report still lists it, as off, and it cannot be started by hand.
    run.ok(&["playbook", "disable", "winback"]);
    let report = run.json(&["playbook", "report", "--format", "json"]);
    let winback =
        report.as_array().expect("lines").iter().find(|l| l["playbook"] == "winback").expect("winback").clone();
    assert_eq!(winback["enabled"], false, "{winback}");
    assert!(run.fails(&["playbook", "start", "winback", "--customer", &someone]).contains("turn it on first"));
}

#[test]
fn the_club_from_the_command_line_join_show_redeem_once_adjust_and_report() {
    let run = Run::new();
    let customers = run.file(
        "club-customers.csv",
        "customer_id,first_name,last_name,preferred_language\nM1,יעל,לוי,he\nM2,Анна,Смирнова,ru\n",
    );
    // Within the last 12 months, whenever the test runs: past their 14 days pending, not yet expired.
    let today = chrono::Utc::now().date_naive();
    let (since, first, second) =
        (today - chrono::Days::new(90), today - chrono::Days::new(60), today - chrono::Days::new(30));
    let orders = run.file(
        "club-orders.csv",
        &format!(
            "order_id,customer_id,ordered_at,sku,quantity,unit_price,currency,status\n\
             O1,M1,{first},TEA,2,25.00,EUR,completed\nO2,M2,{second},TEA,1,5.00,EUR,completed\n"
        ),
    );
    let since = since.to_string();
    run.ok(&["import", "customers", path(&customers)]);
    run.ok(&["import", "orders", path(&orders)]);
    run.ok(&["club", "join", "M1", "--since", &since]);
    let shown = run.json(&["club", "show", "M1", "--format", "json"]);
    assert_eq!((shown["points_balance"].as_i64(), shown["tier"].as_str()), (Some(50), Some("silver")), "{shown}");
    let card = shown["card_number"].as_str().expect("card").to_owned();
    let by_card = run.json(&["club", "show", &ladder_domain::club::grouped(&card), "--format", "json"]);
    assert_eq!(by_card["customer_id"], "M1");
    let first = run.json(&["club", "redeem", &card, "--points", "20", "--key", "till-1", "--format", "json"]);
    let again = run.json(&["club", "redeem", &card, "--points", "20", "--key", "till-1", "--format", "json"]);
    assert_eq!((again["entry_id"].clone(), again["replayed"].as_bool()), (first["entry_id"].clone(), Some(true)));
    assert_eq!(again["points_balance"].as_i64(), Some(30), "spent once");
    let refused = run.fails(&["--lang", "ru", "club", "redeem", "M1", "--points", "31"]);
    assert!(refused.contains("30 баллов"), "{refused}");
    run.ok(&["club", "adjust", "M1", "--points=-5", "--reason", "typo at the till"]);
    let statement = run.json(&["club", "statement", "M1", "--format", "json"]);
    let rows = statement.as_array().expect("rows");
    assert_eq!(
        rows.iter().map(|r| r["kind"].as_str().unwrap_or_default()).collect::<Vec<_>>(),
        ["earn", "redeem", "adjust"]
    );
    assert_eq!(rows.last().and_then(|r| r["balance"].as_i64()), Some(25), "the statement adds up");
    run.ok(&["club", "enrol", "--since", &since]);
    let report = run.json(&["club", "report", "--format", "json"]);
    assert_eq!((report["members"].as_u64(), report["issued"].as_i64()), (Some(2), Some(55)), "{report}");
    assert_eq!(report["redeemed"].as_i64(), Some(20));
    let table = run.ok(&["--lang", "ru", "club", "show", "M2"]);
    assert!(table.contains("5 баллов"), "{table}");

    // Messages name the member's card, referral code, tier and points.
    let body = run
        .file("club.txt", "Your code: {{ club.referral_code }}. Points: {{ club.points }}. Tier: {{ club.tier }}.\n");
    run.ok(&[
        "template",
        "add",
        "club-code",
        "--channel",
        "email",
        "--lang",
        "en",
        "--subject",
        "Your club",
        "--purpose",
        "service",
        "--body-file",
        path(&body),
    ]);
    let preview = run.ok(&["template", "preview", "club-code", "--customer", "M1"]);
    let code = shown["referral_code"].as_str().expect("code");
    assert!(preview.contains(&format!("Your code: {code}. Points: 25. Tier: Silver.")), "{preview}");

    // The card prints both sides, the size of a payment card, in the member's language.
    let pdf = run.dir.path().join("card.pdf");
    run.ok(&["club", "card", "M1", "--output", path(&pdf)]);
    let Ok(info) = Command::new("pdfinfo").arg(&pdf).output() else {
        ladder_store_conformance::skip("the club card test", "poppler-utils (pdfinfo, pdftotext) are not installed");
        return;
    };
    let info = String::from_utf8_lossy(&info.stdout);
    assert!(info.contains("Pages:           2"), "{info}");
    assert!(info.contains("242.65 x 153.07 pts") || info.contains("242.6 x 153.1"), "{info}");
    let text = Command::new("pdftotext").arg(&pdf).arg("-").output().expect("pdftotext");
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(text.contains("יעל") && text.contains(&ladder_domain::club::grouped(&card)), "{text}");
    assert!(text.contains(shown["referral_code"].as_str().expect("code")), "{text}");
    let png = run.dir.path().join("card");
    let drawn = Command::new("pdftoppm").args(["-png", "-r", "100"]).arg(&pdf).arg(&png).status().expect("pdftoppm");
    assert!(drawn.success());
    let pages = std::fs::read_dir(run.dir.path())
        .expect("dir")
        .filter(|e| e.as_ref().is_ok_and(|e| e.file_name().to_string_lossy().ends_with(".png")))
        .count();
    assert_eq!(pages, 2, "front and back");

    // Emailed: once per card number, and never blank — M1 has no email address, so it is skipped, saying so.
    let emailed = run.ok(&["club", "card", "M1", "--email"]);
    assert!(emailed.contains("not sent: no address"), "{emailed}");
    assert!(run.ok(&["club", "card", "M1", "--email"]).contains("already asked"), "once per card");
    let listed = run.json(&["outbox", "list", "--customer", "M1", "--format", "json"]);
    let cards: Vec<_> = listed.as_array().expect("rows").iter().filter(|m| m["template"] == "club_card").collect();
    assert_eq!(cards.len(), 1, "{listed}");
    assert_eq!((cards[0]["status"].as_str(), cards[0]["language"].as_str()), (Some("skipped"), Some("he")));
    assert!(run.fails(&["club", "card", "M1"]).contains("--output FILE.pdf, --email"), "say what to do");
}
