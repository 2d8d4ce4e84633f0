//! The use-cases end to end on a real SQLite store: imports with good and bad rows, scoring on
//! hand-built histories, reports and the demo shop.

use chrono::{DateTime, NaiveDate, Utc};
use ladder_app::import::{ImportError, ImportKind, ImportOptions, ImportSummary, import_file};
use ladder_app::score::score;
use ladder_app::{Actor, App, ManualClock, NoProgress};
use ladder_domain::{CustomerState, Reason, Rung, Usual};
use ladder_store::{CustomerQuery, Store, TableCounts};
use ladder_store_sqlite::SqliteStore;
use std::path::{Path, PathBuf};

struct Shop {
    dir: tempfile::TempDir,
    app: App,
    clock: std::sync::Arc<ManualClock>,
}

fn now() -> DateTime<Utc> {
    ladder_domain::date::parse_timestamp("2025-06-01T12:00:00Z").expect("time")
}

fn date(s: &str) -> NaiveDate {
    ladder_domain::date::parse_date(s).expect("date")
}

impl Shop {
    fn new() -> Self {
        let dir = tempfile::tempdir().expect("temporary folder");
        let store = SqliteStore::open(dir.path().join("ladder.db")).expect("open");
        let clock = std::sync::Arc::new(ManualClock::new(now()));
        Self { dir, app: App::with_clock(std::sync::Arc::new(store), clock.clone()), clock }
    }

    fn store(&self) -> &dyn Store {
        self.app.store()
    }

    fn file(&self, name: &str, content: &str) -> PathBuf {
        let path = self.dir.path().join(name);
        std::fs::write(&path, content).expect("write file");
        path
    }

    fn import(&self, kind: ImportKind, path: &Path, skip_invalid: bool) -> Result<ImportSummary, ImportError> {
        let options = ImportOptions { skip_invalid, ..ImportOptions::default() };
        import_file(&self.app, &Actor::Cli, kind, path, &options, &NoProgress)
    }

    fn import_ok(&self, kind: ImportKind, name: &str, content: &str) -> ImportSummary {
        let path = self.file(name, content);
        self.import(kind, &path, false).unwrap_or_else(|e| panic!("import {name}: {e}"))
    }

    fn counts(&self) -> TableCounts {
        self.store().counts().expect("counts")
    }

    fn score(&self, as_of: &str) -> ladder_app::score::ScoreSummary {
        score(&self.app, &Actor::Cli, date(as_of), &ladder_app::score::ScoreOptions::default(), &NoProgress)
            .expect("score")
    }

    fn placed(&self, id: &str) -> (Rung, Option<CustomerState>, Reason) {
        let s = self.store().customer(id).expect("read").expect("exists").score.expect("scored");
        (s.rung, s.state, s.rung_reason)
    }
}

const CUSTOMERS: &str = "\u{feff}customer_id,kind,first_name,last_name,email,country,birthday,consent_email,consent_sms,tags,referred_by,shoe_size,created_at
C1,person,דנה,כהן,dana@example.co.il,il,1985-04-12,yes,no,\"vip, קפה\",,38,2024-01-01
C2,person,مریم,احمدی,maryam@example.ir,IR,--03-21,yes,,,C1,,2024-02-01
C3,business,Ольга,Иванова,olga@example.ru,RU,,no,,,C4,,2024-03-01
C4,person,Oliver,Smith,oliver@example.co.uk,GB,,,,,,,2024-01-15
C5,,Noa,,,IL,,,,,,,
";

#[test]
fn customers_import_round_trips_every_script_and_reimport_changes_nothing() {
    let shop = Shop::new();
    let first = shop.import_ok(ImportKind::Customers, "customers.csv", CUSTOMERS);
    assert_eq!((first.read, first.inserted, first.updated, first.unchanged, first.rejected), (5, 5, 0, 0, 0));
    let c1 = shop.store().customer("C1").expect("read").expect("exists").profile;
    assert_eq!((c1.first_name.as_deref(), c1.last_name.as_deref()), (Some("דנה"), Some("כהן")));
    assert_eq!(c1.country.as_deref(), Some("IL"), "country codes are upper-cased");
    assert_eq!(c1.tags, ["vip", "קפה"]);
    assert_eq!(c1.attributes.get("shoe_size").map(String::as_str), Some("38"), "unknown columns are attributes");
    assert_eq!(c1.consents.len(), 2);
    assert_eq!(c1.consents[0].source.as_deref(), Some("import:customers.csv"));
    let c2 = shop.store().customer("C2").expect("read").expect("exists").profile;
    assert_eq!(c2.first_name.as_deref(), Some("مریم"));
    assert_eq!(c2.birthday.map(|b| b.to_string()).as_deref(), Some("--03-21"));
    assert_eq!(c2.referred_by.as_deref(), Some("C1"));
    // C3's referrer C4 comes later in the file: it waits, then lands.
    assert_eq!(shop.store().customer("C3").expect("read").expect("exists").profile.referred_by.as_deref(), Some("C4"));

    let again = shop.import_ok(ImportKind::Customers, "customers.csv", CUSTOMERS);
    assert_eq!((again.read, again.written(), again.unchanged), (5, 0, 5));
    let changed = CUSTOMERS.replace("oliver@example.co.uk", "oli@example.co.uk");
    let third = shop.import_ok(ImportKind::Customers, "customers.csv", &changed);
    assert_eq!((third.updated, third.unchanged), (1, 4));
    assert_eq!(shop.counts().customers, 5);
}

const ORDERS: &str = "order_id,customer_id,ordered_at,sku,product_name,category,quantity,unit_price,currency,campaign_code,one_off,status
O1,C1,2025-01-01,COF-1,Espresso 250 g,coffee,2,12.50,ILS,WELCOME,no,completed
O1,C1,2025-01-01,MUG-1,Mug,kitchen,1,30,ILS,WELCOME,no,completed
O2,C1,2025-02-01T10:00:00+02:00,COF-1,Espresso 250 g,coffee,1,12.50,ILS,,,
O3,C1,2025-03-02,COF-1,Espresso 250 g,coffee,1,12.5,ILS,,no,completed
O4,C2,2025-03-10,CST-1,Costume,costumes,1,99.90,ILS,PURIM25,yes,completed
O5,C4,2025-01-05,COF-1,,,1,12.50,ILS,,,cancelled
";

fn shop_with_orders() -> Shop {
    let shop = Shop::new();
    shop.import_ok(ImportKind::Customers, "customers.csv", CUSTOMERS);
    let s = shop.import_ok(ImportKind::Orders, "orders.csv", ORDERS);
    assert_eq!((s.read, s.inserted, s.rejected), (6, 6, 0));
    shop
}

#[test]
fn orders_import_groups_lines_and_reimport_changes_nothing() {
    let shop = shop_with_orders();
    let counts = shop.counts();
    assert_eq!((counts.orders, counts.order_lines, counts.products), (5, 6, 3));
    let d = shop.store().customer("C1").expect("read").expect("exists");
    let o1 = d.orders.iter().find(|o| o.order_id == "O1").expect("O1");
    assert_eq!((o1.total_minor, o1.lines.len(), o1.campaign_code.as_deref()), (5500, 2, Some("WELCOME")));
    let o2 = d.orders.iter().find(|o| o.order_id == "O2").expect("O2");
    assert_eq!(o2.ordered_at.to_rfc3339(), "2025-02-01T08:00:00+00:00", "RFC 3339 offsets become UTC");
    assert_eq!(shop.store().shop_settings().expect("read").currency.as_deref(), Some("ILS"));
    let again = shop.import_ok(ImportKind::Orders, "orders.csv", ORDERS);
    assert_eq!((again.read, again.written(), again.unchanged), (6, 0, 6));
    assert_eq!(shop.counts(), counts);
}

/// Runs an import that must fail, and checks the message and that nothing changed.
fn assert_refused(shop: &Shop, kind: ImportKind, content: &str, expected: &[&str]) {
    let before = shop.counts();
    let path = shop.file("bad.csv", content);
    let err = shop.import(kind, &path, false).expect_err("must stop").to_string();
    for part in expected {
        assert!(err.contains(part), "{err:?} lacks {part:?}");
    }
    assert_eq!(shop.counts(), before, "nothing may be written: {err}");
}

#[test]
fn a_bad_row_stops_the_import_naming_file_line_column_and_value_and_writes_nothing() {
    let shop = shop_with_orders();
    let good = "O9,C4,2025-04-01,COF-1,,,1,12.50,ILS,,,\n";
    let header = ORDERS.lines().next().expect("header");
    let bad = |row: &str| format!("{header}\n{good}{good_2}{row}\n", good_2 = "O9,C4,2025-04-01,TEA-1,,,1,5,ILS,,,\n");
    assert_refused(
        &shop,
        ImportKind::Orders,
        &bad("O10,C4,2025-02-30,COF-1,,,1,1,ILS,,,"),
        &["bad.csv line 4", "\"ordered_at\"", "\"2025-02-30\"", "is not a date"],
    );
    assert_refused(
        &shop,
        ImportKind::Orders,
        &bad("O10,C4,2025-02-03,COF-1,,,-2,1,ILS,,,"),
        &["line 4", "\"quantity\"", "\"-2\"", "negative"],
    );
    assert_refused(
        &shop,
        ImportKind::Orders,
        &bad("O10,C4,2025-02-03,COF-1,,,1,1,ABC,,,"),
        &["line 4", "\"currency\"", "\"ABC\"", "ISO 4217"],
    );
    assert_refused(
        &shop,
        ImportKind::Orders,
        &bad("O10,C99,2025-02-03,COF-1,,,1,1,ILS,,,"),
        &["line 4", "\"customer_id\"", "\"C99\"", "not a known customer"],
    );
    assert_refused(
        &shop,
        ImportKind::Orders,
        &bad("O10,C4,2025-02-03,COF-1,,,1,1.005,ILS,,,"),
        &["\"unit_price\"", "more decimals than ILS"],
    );
    assert_refused(
        &shop,
        ImportKind::Orders,
        &bad("O10,C4,2025-02-03,COF-1,,,1,1,ILS,,maybe,"),
        &["\"one_off\"", "not yes or no"],
    );
    assert_refused(
        &shop,
        ImportKind::Orders,
        &bad("O10,C4,2025-02-03,COF-1,,,1,1,ILS,,,lost"),
        &["\"status\"", "completed, cancelled, refunded"],
    );
    assert_refused(
        &shop,
        ImportKind::Orders,
        &bad("O9,C4,2025-04-02,MUG-1,,,1,1,ILS,,,"),
        &["line 4", "differs from the order's first line (line 2)"],
    );
    assert_refused(
        &shop,
        ImportKind::Orders,
        &bad("O1,C4,2025-01-01,COF-1,,,2,12.50,ILS,WELCOME,no,completed"),
        &["line 4", "already belongs to another customer"],
    );
    assert_refused(
        &shop,
        ImportKind::Orders,
        "order_id,customer_id,sku\nO1,C1,A\n",
        &["bad.csv", "lacks the required columns ordered_at, quantity, unit_price, currency"],
    );
    assert_refused(
        &shop,
        ImportKind::Orders,
        &format!("{header}\nO11,C4,2025-02-03,COF-1\n"),
        &["line 2", "has 4 fields but the header has 12"],
    );
    assert_refused(
        &shop,
        ImportKind::Customers,
        "customer_id,email\nC8,not-an-email\n",
        &["line 2", "\"email\"", "not an email address"],
    );
    assert_refused(
        &shop,
        ImportKind::Customers,
        "customer_id,birthday\nC8,1990-13-01\n",
        &["\"birthday\"", "is not a birthday"],
    );
    assert_refused(
        &shop,
        ImportKind::Customers,
        "customer_id,referred_by\nC8,C404\n",
        &["line 2", "\"referred_by\"", "\"C404\"", "not a known customer"],
    );
    assert_refused(&shop, ImportKind::Customers, "customer_id,referred_by\nC8,C8\n", &["is the customer themself"]);
    assert_refused(
        &shop,
        ImportKind::Customers,
        "customer_id,first_name\n,Nobody\n",
        &["line 2", "\"customer_id\"", "required"],
    );
    assert_refused(
        &shop,
        ImportKind::Interactions,
        "customer_id,at,kind\nC1,2025-01-01,wave\n",
        &["\"kind\"", "\"wave\"", "inquiry, sign_up"],
    );
    // A customer row that would change C1 before the bad row: C1 stays as it was.
    assert_refused(&shop, ImportKind::Customers, "customer_id,first_name\nC1,Changed\nC8,x\nC9,y,extra\n", &["line 4"]);
    assert_eq!(shop.store().customer("C1").expect("read").expect("exists").profile.first_name.as_deref(), Some("דנה"));
    // Not UTF-8.
    let path = shop.file("latin1.csv", "customer_id,first_name\nC8,Jos\u{e9}\n");
    let mut bytes = std::fs::read(&path).expect("read");
    bytes.truncate(bytes.len() - 3);
    bytes.extend([0xE9, b'\n']);
    std::fs::write(&path, bytes).expect("write");
    let err = shop.import(ImportKind::Customers, &path, false).expect_err("must stop").to_string();
    assert!(err.contains("line 2") && err.contains("UTF-8"), "{err}");
}

#[test]
fn skip_invalid_writes_the_good_rows_and_the_rejects_with_their_reason() {
    let shop = shop_with_orders();
    let header = ORDERS.lines().next().expect("header");
    let content = format!(
        "{header}\nO20,C4,2025-04-01,COF-1,,,1,12.50,ILS,,,\nO21,C4,yesterday,COF-1,,,1,12.50,ILS,,,\nO22,C77,2025-04-02,COF-1,,,1,1,ILS,,,\nO23,C5,2025-04-03,COF-1,,,3,12.50,ILS,,,\n"
    );
    let path = shop.file("mixed.csv", &content);
    let s = shop.import(ImportKind::Orders, &path, true).expect("import");
    assert_eq!((s.read, s.inserted, s.rejected), (4, 2, 2));
    let rejects = std::fs::read_to_string(s.rejects_file.expect("reject file")).expect("read rejects");
    let lines: Vec<&str> = rejects.lines().collect();
    assert_eq!(lines.len(), 3, "{rejects}");
    assert!(lines[0].ends_with(",line,reason"));
    assert!(
        lines[1].starts_with("O21,C4,yesterday") && lines[1].contains(",3,") && lines[1].contains("is not a date"),
        "{}",
        lines[1]
    );
    assert!(lines[2].starts_with("O22,C77") && lines[2].contains("not a known customer"), "{}", lines[2]);
    assert_eq!(shop.counts().orders, 7);
}

#[test]
fn interactions_import_and_reimport() {
    let shop = shop_with_orders();
    let content = "customer_id,at,kind,note\nC5,2025-01-03,sign-up,newsletter\nC5,2025-01-04T09:30:00Z,inquiry,\"asked about \"\"decaf\"\", in Hebrew: קפה\"\n";
    let s = shop.import_ok(ImportKind::Interactions, "interactions.csv", content);
    assert_eq!((s.read, s.inserted), (2, 2));
    let again = shop.import_ok(ImportKind::Interactions, "interactions.csv", content);
    assert_eq!(again.unchanged, 2);
    let d = shop.store().customer("C5").expect("read").expect("exists");
    assert_eq!(d.interactions[0].note.as_deref(), Some("asked about \"decaf\", in Hebrew: קפה"));
}

#[test]
fn scoring_places_everyone_and_records_changes_with_reasons() {
    let shop = shop_with_orders();
    shop.import_ok(ImportKind::Interactions, "i.csv", "customer_id,at,kind\nC5,2025-01-03,sign-up\n");
    // Before any order: C1 has interactions? No: C1 is a suspect; C5 signed up after this date.
    shop.score("2024-12-31");
    assert_eq!(shop.placed("C1").0, Rung::Suspect);
    assert_eq!(shop.placed("C2").0, Rung::Prospect, "referred by C1: a referral received");
    assert_eq!(shop.placed("C5").0, Rung::Suspect);

    let s = shop.score("2025-03-10");
    assert_eq!(s.customers, 5);
    let (rung, state, reason) = shop.placed("C1");
    assert_eq!((rung, state), (Rung::Advocate, Some(CustomerState::Active)));
    assert_eq!(
        reason,
        Reason::AdvocateReferrals { orders: 3, on: Some(date("2025-03-02")), referred_buyers: 1, at_risk: false }
    );
    // The one-off costume is still a purchase: C2 is a customer.
    assert_eq!(shop.placed("C2").0, Rung::Customer);
    // Only a cancelled order: no purchase; C4 referred C3, who never bought.
    assert_eq!(shop.placed("C4").0, Rung::Suspect);
    assert_eq!(shop.placed("C5").0, Rung::Prospect);

    // Months later C1 has lapsed: no longer loyal, so no longer an advocate.
    shop.score("2025-06-30");
    let (rung, state, reason) = shop.placed("C1");
    assert_eq!((rung, state), (Rung::Repeat, Some(CustomerState::Lapsed)));
    assert_eq!(
        reason,
        Reason::NotActive { orders: 3, on: Some(date("2025-03-02")), state: Some(CustomerState::Lapsed) }
    );
    let history = shop.store().customer("C1").expect("read").expect("exists").history;
    let rungs: Vec<_> = history
        .iter()
        .filter(|h| h.kind == ladder_store::ChangeKind::Rung)
        .map(|h| (h.from.clone(), h.to.clone(), h.at))
        .collect();
    assert_eq!(
        rungs,
        [
            (None, Some("suspect".to_owned()), date("2024-12-31")),
            (Some("suspect".to_owned()), Some("advocate".to_owned()), date("2025-03-10")),
            (Some("advocate".to_owned()), Some("repeat".to_owned()), date("2025-06-30")),
        ]
    );
    let last_state = history.iter().rev().find(|h| h.kind == ladder_store::ChangeKind::State).expect("state change");
    // Gaps 31 and 29 days → usually every 30; 120 days is past 3 gaps (90).
    assert_eq!(
        last_state.reason,
        Reason::Overdue {
            days: 120,
            usual: Some(Usual::Own { days: 30.0 }),
            state: CustomerState::Lapsed,
            after_days: 90.0
        }
    );
    // Scoring again on the same day changes nothing.
    let again = shop.score("2025-06-30");
    assert_eq!((again.rung_changes, again.state_changes), (0, 0));
}

#[test]
fn replaying_past_dates_records_what_scorings_on_those_dates_would() {
    // A shop large enough for the purchase model, so that P(alive) and its earlier value move too.
    let options = ladder_app::demo::DemoOptions {
        seed: 3,
        customers: 800,
        as_of: date("2026-01-31"),
        currency: ladder_domain::Currency::parse("ILS").expect("ILS"),
        basket: 1,
    };
    let dir = tempfile::tempdir().expect("temporary folder");
    let mut sink = ladder_app::demo::CsvSink::create(dir.path()).expect("create");
    ladder_app::demo::generate(&options, &mut sink, &NoProgress).expect("generate");
    sink.finish().expect("finish");
    let (scored, replayed) = (Shop::new(), Shop::new());
    for shop in [&scored, &replayed] {
        shop.clock.set(ladder_domain::date::parse_timestamp("2026-01-31T23:00:00Z").expect("time"));
        for (file, kind) in ladder_app::demo::CSV_FILES.iter().zip([
            ImportKind::Customers,
            ImportKind::Orders,
            ImportKind::Interactions,
        ]) {
            shop.import(kind, &dir.path().join(file), false).unwrap_or_else(|e| panic!("{e}"));
        }
    }
    let dates = ["2025-07-31", "2025-09-30", "2025-11-30", "2026-01-31"];
    let score_options = ladder_app::score::ScoreOptions::default();
    for d in dates {
        score(&scored.app, &Actor::Cli, date(d), &score_options, &NoProgress).expect("score");
    }
    let past: Vec<NaiveDate> = dates[..3].iter().map(|d| date(d)).collect();
    let last = ladder_app::score::score_replaying(
        &replayed.app,
        &Actor::Cli,
        &past,
        date(dates[3]),
        &score_options,
        &NoProgress,
    )
    .expect("replay");
    assert_eq!(last.as_of, date(dates[3]));
    assert!(last.model.used, "{:?}", last.model.basis);
    let (mut moves, mut with_earlier_p_alive) = (0, 0);
    let ids: Vec<String> = scored
        .store()
        .list_customers(&CustomerQuery { limit: 1000, ..CustomerQuery::default() })
        .expect("list")
        .into_iter()
        .map(|c| c.customer_id)
        .collect();
    assert_eq!(ids.len(), 800);
    for id in &ids {
        let a = scored.store().customer(id).expect("read").expect("scored shop");
        let b = replayed.store().customer(id).expect("read").expect("replayed shop");
        assert_eq!(a.score, b.score, "{id}: the last date's score");
        let history = |d: &ladder_store::CustomerDetail| -> Vec<_> {
            d.history.iter().map(|h| (h.kind, h.from.clone(), h.to.clone(), h.at, h.reason.clone())).collect()
        };
        assert_eq!(history(&a), history(&b), "{id}: every date's moves");
        moves += b.history.len();
        with_earlier_p_alive +=
            b.history.iter().filter(|h| matches!(h.reason, Reason::PAlive { previous: Some(_), .. })).count();
    }
    assert!(moves > 1000, "the dates moved customers: {moves}");
    assert!(with_earlier_p_alive > 0, "a move says what P(alive) was at the date before");
    let runs = |shop: &Shop| {
        let log = shop.store().audit_log(100, None).expect("audit");
        log.iter().filter(|e| e.action == "scoring.run").count()
    };
    assert_eq!(runs(&replayed), 4, "an audit entry per date");
}

#[test]
fn a_small_shop_falls_back_to_the_recency_rule_and_says_so() {
    let shop = shop_with_orders();
    let s = shop.score("2025-03-10");
    assert!(!s.model.used);
    assert_eq!(s.model.basis, Reason::ModelTooFewRepeat { repeat: 1, needed: 30 });
    let score = shop.store().customer("C1").expect("read").expect("exists").score.expect("scored");
    assert_eq!(score.value, None);
    assert!(matches!(score.state_reason, Some(Reason::Recent { .. } | Reason::Overdue { .. })), "the recency rule");
    let report = ladder_app::reports::ladder(shop.store()).expect("report");
    assert_eq!(report.basis.state_basis, Some(s.model.basis));
}

#[test]
fn reports_total_the_last_scoring() {
    let shop = shop_with_orders();
    let before = ladder_app::reports::ladder(shop.store()).expect("report");
    assert_eq!(before.basis.as_of, None);
    assert!(before.basis.stale, "imported but never scored");
    shop.score("2025-03-10");
    let r = ladder_app::reports::ladder(shop.store()).expect("report");
    assert!(!r.basis.stale);
    let rung = |k: &str| r.rungs.iter().find(|x| x.key == k).expect("rung row").clone();
    assert_eq!(r.rungs.len(), 6);
    assert_eq!(rung("advocate").customers, 1);
    assert_eq!(rung("advocate").revenue_minor, 5500 + 1250 + 1250);
    assert_eq!(rung("advocate").average_order_value.as_deref(), Some("26.67"));
    assert_eq!(rung("customer").customers, 1);
    assert!((r.rungs.iter().map(|x| x.share).sum::<f64>() - 1.0).abs() < 1e-9);
    let no_orders = r.states.iter().find(|x| x.key == "no_orders").expect("row");
    assert_eq!(no_orders.customers, 3);
    let t = ladder_app::reports::third_purchase(shop.store()).expect("report");
    let reached: Vec<u64> = t.steps.iter().map(|s| s.customers).collect();
    assert_eq!(reached, [2, 1, 1]);
    assert_eq!(t.steps[1].conversion_from_previous, Some(0.5));
    assert_eq!(t.steps[1].median_days_from_previous, Some(31.0));
    let rfm = ladder_app::reports::rfm(shop.store()).expect("report");
    assert_eq!(rfm.segments.iter().map(|s| s.customers).sum::<u64>(), 2);
}

fn read_dir(dir: &Path) -> Vec<(String, Vec<u8>)> {
    ladder_app::demo::CSV_FILES.iter().map(|f| (f.to_string(), std::fs::read(dir.join(f)).expect("read"))).collect()
}

#[test]
fn the_demo_is_deterministic_for_a_seed_and_imports_cleanly() {
    let options = |seed| ladder_app::demo::DemoOptions {
        seed,
        customers: 600,
        as_of: date("2026-01-31"),
        currency: ladder_domain::Currency::parse("ILS").expect("ILS"),
        basket: 1,
    };
    let dir = tempfile::tempdir().expect("temporary folder");
    let export = |name: &str, seed| {
        let path = dir.path().join(name);
        let mut sink = ladder_app::demo::CsvSink::create(&path).expect("create");
        let counts = ladder_app::demo::generate(&options(seed), &mut sink, &NoProgress).expect("generate");
        sink.finish().expect("finish");
        (path, counts)
    };
    let (a, counts) = export("a", 1);
    let (b, _) = export("b", 1);
    let (c, _) = export("c", 2);
    assert_eq!(read_dir(&a), read_dir(&b));
    assert_ne!(read_dir(&a), read_dir(&c));
    assert_eq!(counts.customers, 600);

    // The exported files import through the public path, and give the same shop as the direct demo.
    let shop = Shop::new();
    shop.clock.set(ladder_domain::date::parse_timestamp("2026-01-31T23:00:00Z").expect("time"));
    for (file, kind) in
        ladder_app::demo::CSV_FILES.iter().zip([ImportKind::Customers, ImportKind::Orders, ImportKind::Interactions])
    {
        let s = shop.import(kind, &a.join(file), false).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(s.rejected, 0);
    }
    let direct = Shop::new();
    let summary = ladder_app::demo::create(&direct.app, &Actor::Cli, &options(1), &NoProgress).expect("demo");
    assert_eq!(summary.generated, counts);
    // Enough repeat buyers: the states come from BG/NBD, and every buyer gets a value.
    assert!(summary.scoring.model.used, "{:?}", summary.scoring.model.basis);
    assert!(matches!(summary.scoring.model.basis, Reason::ModelFitted { spend_model: true, .. }));
    let repeat_buyer = direct
        .store()
        .list_customers(&ladder_store::CustomerQuery {
            rung: Some(Rung::Loyal),
            state: Some(CustomerState::Active),
            limit: 1,
            ..Default::default()
        })
        .expect("list")
        .remove(0);
    let detail = direct.store().customer(&repeat_buyer.customer_id).expect("read").expect("exists");
    let score = detail.score.expect("scored");
    let value = score.value.expect("valued");
    assert!(value.p_alive.is_some_and(|p| p >= 0.6), "active means likely to buy again: {value:?}");
    assert!(matches!(score.state_reason, Some(Reason::PAlive { .. })), "{:?}", score.state_reason);
    assert!(value.expected_purchases_365d > value.expected_purchases_90d && value.expected_purchases_90d > 0.0);
    assert!(value.clv_minor.is_some_and(|c| c > 0) && value.expected_spend_minor.is_some_and(|s| s > 0));
    let counts_imported = shop.counts();
    let counts_direct = direct.counts();
    assert_eq!(
        (counts_imported.customers, counts_imported.orders, counts_imported.order_lines),
        (counts_direct.customers, counts_direct.orders, counts_direct.order_lines)
    );
    // Every column lands where it belongs: the same profiles either way (consent evidence aside: a file
    // is the shop's record, the direct demo the sign-up form).
    for id in ["C0000001", "C0000002", "C0000150", "C0000600"] {
        let profile = |store: &dyn Store| {
            let mut p = store.customer(id).expect("read").expect("exists").profile;
            for c in &mut p.consents {
                (c.at, c.source, c.method, c.basis, c.evidence) = (None, None, None, None, None);
            }
            p
        };
        assert_eq!(profile(shop.store()), profile(direct.store()), "{id}");
    }
    let report = ladder_app::reports::ladder(direct.store()).expect("report");
    for rung in ["suspect", "prospect", "customer", "repeat", "loyal", "advocate"] {
        assert!(report.rungs.iter().any(|r| r.key == rung && r.customers > 0), "the demo has {rung}s");
    }
    for state in ["active", "at_risk", "lapsed", "lost"] {
        assert!(report.states.iter().any(|r| r.key == state && r.customers > 0), "the demo has {state} customers");
    }
    // The demo replaces itself, but never a real shop.
    ladder_app::demo::create(&direct.app, &Actor::Cli, &options(1), &NoProgress).expect("replace the demo");
    assert_eq!(direct.counts().customers, 600);
    let err = ladder_app::demo::create(&shop.app, &Actor::Cli, &options(1), &NoProgress).expect_err("real data");
    assert!(err.to_string().contains("already holds 600 customers"), "{err}");
}

#[test]
fn third_purchase_paths_cohorts_and_validation_on_hand_built_orders() {
    let shop = shop_with_orders();
    shop.score("2025-03-31");
    let paths = ladder_app::analytics::paths(shop.store(), ladder_domain::date::Calendar::Gregorian).expect("paths");
    let welcome = paths.by_first_campaign.iter().find(|g| g.key == "WELCOME").expect("WELCOME");
    assert_eq!((welcome.customers, welcome.second_order_share, welcome.third_order_share), (1, 1.0, 1.0));
    assert_eq!((welcome.median_days_to_second, welcome.median_days_to_third), (Some(31.0), Some(29.0)));
    let purim = paths.by_first_campaign.iter().find(|g| g.key == "PURIM25").expect("PURIM25");
    assert_eq!((purim.customers, purim.second_order_share), (1, 0.0));
    assert_eq!(paths.by_cohort.iter().map(|g| g.key.as_str()).collect::<Vec<_>>(), ["2025-01", "2025-03"]);
    assert_eq!((paths.onward.with_second, paths.onward.second_to_third, paths.onward.with_third), (1, 1.0, 1));
    assert_eq!(paths.onward.third_to_fourth, 0.0);

    let cohorts =
        ladder_app::analytics::cohorts(shop.store(), ladder_domain::date::Calendar::Gregorian).expect("cohorts");
    let january = &cohorts.cohorts[0];
    assert_eq!((january.cohort.as_str(), january.customers), ("2025-01", 1));
    let months: Vec<_> = january.months.iter().map(|m| (m.months_since, m.share_buying, m.revenue_minor)).collect();
    assert_eq!(months, [(0, 1.0, 5500), (1, 1.0, 1250), (2, 1.0, 1250)]);

    let err = ladder_app::analytics::validate(shop.store(), date("2025-12-31")).expect_err("no holdout");
    assert!(err.to_string().contains("the last order is on 2025-03-10"), "{err}");
}

#[test]
fn losing_value_and_event_buyers_find_the_right_people() {
    let shop = Shop::new();
    let mut customers = String::from("customer_id,first_name,email\n");
    let mut orders =
        String::from("order_id,customer_id,ordered_at,sku,category,quantity,unit_price,currency,one_off\n");
    let mut n = 0;
    let mut order = |customer: &str, day: NaiveDate, sku: &str, category: &str, price: &str, one_off: &str| {
        n += 1;
        orders.push_str(&format!("O{n},{customer},{day},{sku},{category},1,{price},EUR,{one_off}\n"));
    };
    let day = |s: &str| date(s);
    // Thirty Halloween buyers: costumes crowd into one fortnight, so the category is seasonal.
    for i in 0..30 {
        customers.push_str(&format!("H{i},Hallow,h{i}@example.com\n"));
        order(&format!("H{i}"), day("2025-10-20") + chrono::Days::new(i % 10), "CST", "costumes", "40", "no");
    }
    // A regular coffee buyer who once bought a costume, and marked a gift as one-off.
    customers.push_str("R1,Regular,r1@example.com\n");
    for m in 0..12u64 {
        order("R1", day("2025-01-05") + chrono::Days::new(m * 30), "COF", "coffee", "12", "no");
    }
    order("R1", day("2025-10-25"), "CST", "costumes", "40", "no");
    order("R1", day("2025-06-01"), "GFT", "gifts", "50", "yes");
    // Ten steady big spenders and one whose buying fell: every 10 days, then every 60.
    for i in 0..10 {
        customers.push_str(&format!("S{i},Steady,s{i}@example.com\n"));
        for k in 0..50u64 {
            order(&format!("S{i}"), day("2024-08-01") + chrono::Days::new(k * 10), "COF", "coffee", "30", "no");
        }
    }
    customers.push_str("F1,Fading,f1@example.com\n");
    for k in 0..30u64 {
        order("F1", day("2024-08-01") + chrono::Days::new(k * 10), "COF", "coffee", "90", "no");
    }
    for k in 0..3u64 {
        order("F1", day("2025-08-01") + chrono::Days::new(k * 60), "COF", "coffee", "90", "no");
    }
    shop.clock.set(ladder_domain::date::parse_timestamp("2025-12-31T12:00:00Z").expect("time"));
    shop.import_ok(ImportKind::Customers, "c.csv", &customers);
    shop.import_ok(ImportKind::Orders, "o.csv", &orders);
    shop.score("2025-12-31");

    let losing = ladder_app::analytics::losing_value(shop.store()).expect("report");
    assert_eq!(losing.top_decile, 2, "12 customers with 3+ orders: the top tenth, rounded up");
    assert_eq!(losing.customers.iter().map(|c| c.customer_id.as_str()).collect::<Vec<_>>(), ["F1"]);
    let f1 = &losing.customers[0];
    assert_eq!((f1.fell.as_str(), f1.email.as_deref()), ("orders and spend", Some("f1@example.com")));
    assert!(f1.orders_per_30d_recent < f1.orders_per_30d_before / 2.0);

    let events = ladder_app::analytics::event_buyers(shop.store()).expect("report");
    assert_eq!(events.seasonal_categories, ["costumes"]);
    let kinds = |id: &str| -> Vec<&str> {
        events.customers.iter().filter(|c| c.customer_id == id).map(|c| c.kind.as_str()).collect()
    };
    assert_eq!(kinds("H3"), ["occasion"]);
    assert_eq!(kinds("R1"), ["seasonal_order", "one_off"]);
    assert!(kinds("S1").is_empty() && kinds("F1").is_empty());
    let r1 = events.customers.iter().find(|c| c.customer_id == "R1" && c.kind == "seasonal_order").expect("R1");
    assert_eq!(
        r1.reason,
        Reason::EventSeasonalOrders { categories: vec!["costumes".into()], dates: vec![date("2025-10-25")] }
    );
    // One definition everywhere: the scoring gives the Halloween buyer (whose order was not marked
    // one-off) no predicted return, and the regular who once bought a costume keeps theirs.
    let score = |id: &str| shop.store().customer(id).expect("read").expect(id).score.expect("scored");
    let h3 = score("H3");
    assert!(h3.event_buyer, "the occasion rule finds them in the scoring too");
    assert!(h3.value.as_ref().is_none_or(|v| v.clv_minor.is_none() && v.expected_next_order.is_none()), "{h3:?}");
    assert!(!score("R1").event_buyer && !score("S1").event_buyer);
    let listed = shop
        .store()
        .list_customers(&ladder_store::CustomerQuery { no_event_buyers: true, limit: 100, ..Default::default() })
        .expect("list");
    assert!(!listed.iter().any(|c| c.customer_id.starts_with('H')), "left out of the third-purchase push");
    // Between full scorings (one customer placed again), the finding stays while no order is added.
    let mut tx = shop.store().begin().expect("begin");
    let last = ladder_app::score::LastScoring::read(shop.store()).expect("last");
    let again = ladder_app::score::score_customer(&last, tx.as_mut(), "H3", date("2025-12-31")).expect("score");
    assert!(again.is_some_and(|r| r.event_buyer), "without a new order the finding stays");
    drop(tx);
}

/// An order placed between scorings moves that customer at once, to where a full scoring would put them.
#[test]
fn one_customer_is_placed_again_as_a_full_scoring_would() {
    let shop = Shop::new();
    let options = ladder_app::demo::DemoOptions {
        seed: 3,
        customers: 500,
        as_of: date("2026-01-31"),
        currency: ladder_domain::Currency::parse("USD").expect("USD"),
        basket: 1,
    };
    ladder_app::demo::create(&shop.app, &Actor::Cli, &options, &NoProgress).expect("demo");
    let query = ladder_store::CustomerQuery { rung: Some(Rung::Customer), limit: 1, ..Default::default() };
    let one = shop.store().list_customers(&query).expect("list").pop().expect("a one-order customer");
    let before = shop.store().customer(&one.customer_id).expect("read").expect("exists");
    assert_eq!(before.score.as_ref().map(|s| s.rung), Some(Rung::Customer));
    let day = date("2026-02-10");
    let order = ladder_domain::Order {
        external_id: "NEW-1".into(),
        customer_external_id: one.customer_id.clone(),
        ordered_at: ladder_domain::date::parse_timestamp("2026-02-10T10:00:00Z").expect("time"),
        currency: ladder_domain::Currency::parse("USD").expect("USD"),
        campaign_code: None,
        one_off: false,
        status: ladder_domain::OrderStatus::Completed,
        lines: vec![ladder_domain::OrderLine {
            sku: "TEA-1".into(),
            product_name: None,
            category: None,
            quantity: 2,
            unit_price_minor: 1250,
        }],
    };
    shop.clock.set(ladder_domain::date::parse_timestamp("2026-02-10T12:00:00Z").expect("time"));
    let answer = ladder_app::customers::put_order(&shop.app, &Actor::Cli, &order).expect("order");
    assert_eq!(answer.outcome, ladder_store::WriteOutcome::Inserted);
    let entry = &shop.store().audit_log(1, None).expect("audit")[0];
    assert_eq!((entry.action.as_str(), entry.target.as_str()), ("order.saved", "order:NEW-1"));
    let placed = answer.placed.expect("placed");
    assert_eq!(placed.rung, Rung::Repeat, "a second order makes a repeat customer");
    let after = shop.store().customer(&one.customer_id).expect("read").expect("exists");
    assert_eq!(after.score.as_ref().map(|s| (s.rung, s.orders)), Some((Rung::Repeat, 2)));
    let moved = after.history.iter().find(|c| c.kind == ladder_store::ChangeKind::Rung && c.at == day).expect("moved");
    assert_eq!((moved.from.as_deref(), moved.to.as_deref()), (Some("customer"), Some("repeat")));
    assert_eq!(after.score.as_ref().and_then(|s| s.rfm), before.score.as_ref().and_then(|s| s.rfm), "RFM waits");

    // A full scoring at the same date agrees on the rung, the state and the value (models refitted on
    // data with one more order may move the value a little).
    score(
        &shop.app,
        &Actor::Cli,
        day,
        &ladder_app::score::ScoreOptions::stored(shop.store()).expect("options"),
        &NoProgress,
    )
    .expect("full scoring");
    let full = shop.store().customer(&one.customer_id).expect("read").expect("exists").score.expect("score");
    assert_eq!((full.rung, full.state, full.orders), (placed.rung, placed.state, placed.orders));
    let mut tx = shop.store().begin_scoring(None).expect("begin");
    let last = ladder_app::score::LastScoring::read(shop.store()).expect("read");
    assert!(ladder_app::score::score_customer(&last, tx.as_mut(), "NO-SUCH", day).expect("score").is_none());
}

/// The demo's campaigns differ as real ones do: the flash sale acquires cheaply but nobody comes back
/// three times; the welcome offer costs more per customer and brings regulars.
#[test]
fn the_demo_campaigns_show_cheap_event_buyers_against_dearer_regulars() {
    let shop = Shop::new();
    let options = ladder_app::demo::DemoOptions {
        seed: 5,
        customers: 800,
        as_of: date("2026-01-31"),
        currency: ladder_domain::Currency::parse("USD").expect("USD"),
        basket: 1,
    };
    ladder_app::demo::create(&shop.app, &Actor::Cli, &options, &NoProgress).expect("demo");
    let reports = ladder_app::campaigns::reports(shop.store(), date("2026-01-31")).expect("reports");
    let row = |id: &str| reports.iter().find(|r| r.row.campaign_id == id).expect(id).row.clone();
    let (flash, welcome) = (row("FLASH"), row("WELCOME"));
    assert!(flash.customers_acquired > 0 && welcome.customers_acquired > 0, "{flash:?} {welcome:?}");
    let cpa = |r: &ladder_app::campaigns::CampaignRow| r.cost_per_acquisition.expect("acquisitions");
    assert!(cpa(&flash) < cpa(&welcome), "the flash sale is cheaper per customer: {flash:?} {welcome:?}");
    let third = |r: &ladder_app::campaigns::CampaignRow| r.third_purchase_share.expect("share");
    assert!(third(&welcome) > third(&flash), "the welcome offer brings regulars: {flash:?} {welcome:?}");
    assert!(row("HOLIDAYS").customers_acquired > 0);
    let per = |r: &ladder_app::campaigns::CampaignRow| r.revenue_12m_per_acquisition.expect("acquisitions");
    assert!(per(&welcome) > 2 * per(&flash), "regulars spend more in their first year: {flash:?} {welcome:?}");
    assert!(flash.responses > flash.sales, "prospects who clicked the flash sale's ads responded without buying");
    assert!(flash.expected_sales.is_some() && welcome.expected_roi.is_some(), "the demo plans its campaigns");
    let welcome_report = reports.iter().find(|r| r.row.campaign_id == "WELCOME").expect("welcome");
    assert!(
        welcome_report.attribution.acquired.iter().any(|a| a.by == ladder_domain::campaign::AcquiredBy::SignUp),
        "some came through the welcome offer's sign-up page"
    );
    // Replacing the demo keeps the cost entries, entered once.
    let entered = shop.store().campaign_costs("FLASH").expect("costs").len();
    ladder_app::demo::create(&shop.app, &Actor::Cli, &options, &NoProgress).expect("again");
    assert_eq!(shop.store().campaign_costs("FLASH").expect("costs").len(), entered);
}

/// The demo's figures are those of a real small shop, so that an experienced user trusts them: about a
/// third of first-time buyers come back, about half of those a third time, campaigns return from a loss
/// to a few hundred percent and cost what they cost (not their budget), orders come all through the
/// history up to `as_of`, and a scoring at every month's end leaves real moves on the ladder.
#[test]
fn the_demo_tells_a_true_story() {
    let shop = Shop::new();
    let as_of = date("2026-01-31");
    let options = ladder_app::demo::DemoOptions {
        seed: 42,
        customers: 2000,
        as_of,
        currency: ladder_domain::Currency::parse("USD").expect("USD"),
        basket: 1,
    };
    ladder_app::demo::create(&shop.app, &Actor::Cli, &options, &NoProgress).expect("demo");
    let third = ladder_app::reports::third_purchase(shop.store()).expect("report");
    let conversion = |i: usize| third.steps[i].conversion_from_previous.expect("conversion");
    assert!((0.20..=0.40).contains(&conversion(1)), "first to second order: {:?}", third.steps);
    assert!((0.40..=0.65).contains(&conversion(2)), "second to third: {:?}", third.steps);

    let reports = ladder_app::campaigns::reports(shop.store(), as_of).expect("campaigns");
    let rois: Vec<f64> = reports.iter().map(|r| r.row.roi.expect("every demo campaign has costs")).collect();
    assert!(rois.iter().all(|r| (-0.6..=4.0).contains(r)), "{rois:?}");
    assert!(rois.iter().any(|r| *r < 0.0) && rois.iter().any(|r| *r > 1.0), "from a loss to a few hundred %: {rois:?}");
    for r in &reports {
        assert_ne!(r.row.budget, Some(r.row.actual_cost), "{}: spent is not the budget", r.row.campaign_id);
        assert!(shop.store().campaign_costs(&r.row.campaign_id).expect("costs").len() > 1, "paid in instalments");
    }

    let comeback = reports.iter().find(|r| r.row.campaign_id == "COMEBACK").expect("the win-back mail");
    assert!(comeback.row.customers_reactivated > 20, "it brings quiet customers back: {:?}", comeback.row);
    assert_eq!(comeback.row.customers_acquired, 0, "a win-back campaign acquires nobody");
    let flash = reports.iter().find(|r| r.row.campaign_id == "FLASH").expect("flash");
    assert_eq!(flash.row.customers_reactivated, 0, "first-order codes bring nobody back");

    // Orders all through the history: no month of the last year brings less than half the year's average.
    let first_of_month = chrono::Datelike::with_day(&as_of, 1).expect("first");
    let months: Vec<(NaiveDate, NaiveDate)> = (0..12)
        .map(|back| {
            let start = first_of_month - chrono::Months::new(back);
            (start, (start + chrono::Months::new(1)).pred_opt().expect("last"))
        })
        .collect();
    let totals = shop.store().period_totals(&months, "USD").expect("totals");
    let revenue: Vec<i64> = totals.iter().map(|t| t.revenue_minor).collect();
    let mean = revenue.iter().sum::<i64>() / 12;
    assert!(revenue.iter().all(|r| *r * 2 > mean), "month by month: {revenue:?}");
    let last_order = shop.store().last_order_day().expect("read").expect("orders");
    assert!((as_of - last_order).num_days() <= 3, "orders up to as_of: {last_order}");

    // Every phone is a number of its country's plan, ready for a text message.
    let listed =
        shop.store().list_customers(&ladder_store::CustomerQuery { limit: 300, ..Default::default() }).expect("list");
    let phones: Vec<_> = listed.iter().filter_map(|c| Some((c.phone.clone()?, c.country.clone()))).collect();
    assert!(phones.len() > 150);
    for (phone, country) in &phones {
        assert!(ladder_domain::phone::forms(phone, country.as_deref()).is_some(), "{phone} ({country:?})");
    }

    // Scored month by month: customers moved between rungs and states, not only "newly placed".
    let since = as_of - chrono::Duration::days(365);
    for kind in [ladder_store::ChangeKind::Rung, ladder_store::ChangeKind::State] {
        let moved: u64 = shop
            .store()
            .moves_since(kind, since)
            .expect("moves")
            .iter()
            .filter(|m| m.from.is_some())
            .map(|m| m.count)
            .sum();
        assert!(moved > 200, "{kind:?}: {moved} moves");
    }
}

#[test]
fn one_sku_on_several_lines_is_kept_line_by_line_and_an_order_sent_again_replaces_it() {
    let shop = shop_with_orders();
    let header = ORDERS.lines().next().expect("header");
    // A paid line, a free gift of the same SKU, and a split line: as shop exports write them.
    let sent = format!(
        "{header}\nO9,C4,2025-04-01,COF-1,,,2,12.50,ILS,,,\nO9,C4,2025-04-01,COF-1,,,1,0,ILS,,,\nO9,C4,2025-04-01,TEA-1,,,1,5,ILS,,,\n"
    );
    let first = shop.import_ok(ImportKind::Orders, "gift.csv", &sent);
    assert_eq!((first.inserted, first.updated), (3, 0));
    let again = shop.import_ok(ImportKind::Orders, "gift.csv", &sent);
    assert_eq!((again.inserted, again.updated, again.unchanged), (0, 0, 3), "the same order again changes nothing");
    let fewer = format!("{header}\nO9,C4,2025-04-01,COF-1,,,3,12.50,ILS,,,\n");
    let replaced = shop.import_ok(ImportKind::Orders, "fewer.csv", &fewer);
    assert_eq!((replaced.inserted, replaced.updated), (0, 1));
    let o9 = shop.app.store().customer("C4").expect("read").expect("C4").orders;
    let o9 = o9.iter().find(|o| o.order_id == "O9").expect("O9");
    let lines: Vec<_> = o9.lines.iter().map(|l| (l.sku.as_str(), l.quantity, l.unit_price_minor)).collect();
    assert_eq!((lines, o9.total_minor), (vec![("COF-1", 3, 1250)], 3750), "the old lines are gone");
}

/// Reads a file with the options given, and returns the error's sentence.
fn refusal(shop: &Shop, kind: ImportKind, name: &str, content: &str) -> String {
    let path = shop.file(name, content);
    let before = shop.counts();
    let err = shop.import(kind, &path, false).expect_err("must stop").to_string();
    assert_eq!(shop.counts(), before, "nothing may be written: {err}");
    err
}

#[test]
fn files_from_excel_in_any_locale_import_with_their_separator_and_their_column_names() {
    let shop = Shop::new();
    // Excel in Russian writes semicolons (and decimal commas stay inside quotes); a BOM first.
    let semicolons = "\u{feff}customer_id;first_name;email\nR1;\"Ольга; старшая\";olga@example.ru\nR2;Пётр;\n";
    let s = shop.import_ok(ImportKind::Customers, "ru.csv", semicolons);
    assert_eq!((s.read, s.inserted), (2, 2));
    let olga = shop.store().customer("R1").expect("read").expect("R1").profile;
    assert_eq!(olga.first_name.as_deref(), Some("Ольга; старшая"));
    let tabs = "customer_id\tfirst_name\nT1\tDana\n";
    assert_eq!(shop.import_ok(ImportKind::Customers, "tabs.tsv", tabs).inserted, 1);
    // Their own column names, paired with ours.
    let theirs = "Client,E-mail,Vorname\nM1,m1@example.de,Max\n";
    let path = shop.file("theirs.csv", theirs);
    let columns = ladder_app::import::column_map(&[
        "Client=customer_id".into(),
        "E-mail=email".into(),
        "Vorname=first_name".into(),
    ])
    .expect("pairs");
    let options = ImportOptions { columns, ..ImportOptions::default() };
    let mapped =
        import_file(&shop.app, &Actor::Cli, ImportKind::Customers, &path, &options, &NoProgress).expect("import");
    assert_eq!(mapped.inserted, 1);
    let max = shop.store().customer("M1").expect("read").expect("M1").profile;
    assert_eq!((max.email.as_deref(), max.first_name.as_deref()), (Some("m1@example.de"), Some("Max")));
    assert!(max.attributes.is_empty(), "mapped columns are not custom attributes: {:?}", max.attributes);
    assert!(ladder_app::import::column_map(&["email".into()]).expect_err("refused").contains("THEIRS=OURS"));
}

#[test]
fn a_stray_quote_or_a_column_twice_stops_the_import_instead_of_merging_rows() {
    let shop = Shop::new();
    let stray = "customer_id,first_name,email\nQ1,Dana,dana@example.com\nQ2,\"Noa,noa@example.com\nQ3,Eli,eli@example.com\nQ4,Ron,ron@example.com\n";
    let err = refusal(&shop, ImportKind::Customers, "stray.csv", stray);
    for part in ["stray.csv line 3", "\"first_name\"", "opened on line 3 is never closed"] {
        assert!(err.contains(part), "{err:?} lacks {part:?}");
    }
    // A quoted address over two lines is fine: an address may hold a line break.
    let address = "customer_id,first_name,address\nA1,Dana,\"1 Herzl St\nTel Aviv\"\n";
    assert_eq!(shop.import_ok(ImportKind::Customers, "address.csv", address).inserted, 1);
    let twice = "customer_id,email,Email\nD1,a@example.com,b@example.com\n";
    let err = refusal(&shop, ImportKind::Customers, "twice.csv", twice);
    assert!(err.contains("twice.csv") && err.contains("twice (columns 2 and 3)"), "{err}");
}

#[test]
fn amounts_dates_and_lengths_beyond_reason_are_refused_with_their_line() {
    let shop = shop_with_orders();
    let header = ORDERS.lines().next().expect("header");
    let huge = format!("{header}\nO20,C4,2025-04-01,COF-1,,,1,50000000000000000.00,ILS,,,\n");
    let err = refusal(&shop, ImportKind::Orders, "huge.csv", &huge);
    for part in ["huge.csv line 2", "\"unit_price\"", "1000000000"] {
        assert!(err.contains(part), "{err:?} lacks {part:?}");
    }
    let total = format!("{header}\nO20,C4,2025-04-01,COF-1,,,3,400000000,ILS,,,\n");
    assert!(refusal(&shop, ImportKind::Orders, "total.csv", &total).contains("\"quantity\""), "the line's total");
    // The shop's clock says 2025-06-01 12:00: a day's slack, no more.
    let ahead = format!("{header}\nO20,C4,2025-06-03,COF-1,,,1,1,ILS,,,\n");
    let err = refusal(&shop, ImportKind::Orders, "ahead.csv", &ahead);
    assert!(err.contains("\"ordered_at\"") && err.contains("future"), "{err}");
    let unborn = "customer_id,birthday\nB1,2030-01-01\n";
    let err = refusal(&shop, ImportKind::Customers, "unborn.csv", unborn);
    assert!(err.contains("\"birthday\"") && err.contains("future"), "{err}");
    let long = format!("customer_id,first_name\nL1,{}\n", "x".repeat(201));
    assert!(refusal(&shop, ImportKind::Customers, "long.csv", &long).contains("\"first_name\""));
}

#[test]
fn an_event_buyer_is_placed_but_given_no_predicted_return() {
    let shop = shop_with_orders();
    let options = ladder_app::score::ScoreOptions { min_repeat_customers: 1, ..Default::default() };
    score(&shop.app, &Actor::Cli, date("2025-05-01"), &options, &NoProgress).expect("score");
    // C2 bought one costume, marked one-off; C1 buys coffee.
    let costume = shop.store().customer("C2").expect("read").expect("C2").score.expect("scored");
    assert!(costume.event_buyer, "every counted order one-off");
    assert_eq!((costume.rung, costume.orders), (Rung::Customer, 1), "still a buyer on the ladder");
    assert!(costume.value.is_none(), "no next-order date, no 12-month value");
    let regular = shop.store().customer("C1").expect("read").expect("C1").score.expect("scored");
    assert!(!regular.event_buyer);
    assert!(regular.value.is_some(), "the regular has a predicted value, so its absence above means something");
    let query = ladder_store::CustomerQuery { no_event_buyers: true, limit: 100, ..Default::default() };
    let listed: Vec<String> =
        shop.store().list_customers(&query).expect("list").into_iter().map(|c| c.customer_id).collect();
    assert!(listed.contains(&"C1".to_owned()) && !listed.contains(&"C2".to_owned()), "{listed:?}");
}

/// Orders of absurd amounts stored before the import's limits existed do not stop the scoring: the sums
/// saturate, the customer is placed, and the rest of the shop with them.
#[test]
fn a_stored_order_of_an_absurd_amount_does_not_stop_the_scoring() {
    let shop = shop_with_orders();
    let mut tx = shop.store().begin().expect("begin");
    for (id, day) in [("X1", "2025-02-01T10:00:00Z"), ("X2", "2025-02-20T10:00:00Z")] {
        let order = ladder_domain::Order {
            external_id: id.into(),
            customer_external_id: "C1".into(),
            ordered_at: ladder_domain::date::parse_timestamp(day).expect("time"),
            currency: ladder_domain::Currency::parse("ILS").expect("ILS"),
            campaign_code: None,
            one_off: false,
            status: ladder_domain::OrderStatus::Completed,
            lines: vec![ladder_domain::OrderLine {
                sku: "GOLD".into(),
                product_name: None,
                category: None,
                quantity: 1,
                unit_price_minor: 5_000_000_000_000_000_000,
            }],
        };
        tx.put_order(&order).expect("stored as an older version would have");
    }
    tx.commit().expect("commit");
    let summary = shop.score("2025-03-31");
    assert!(summary.customers > 1);
    let c1 = shop.store().customer("C1").expect("read").expect("C1").score.expect("scored");
    assert_eq!(c1.spend_minor, i64::MAX, "the spend stops at the limit");
    let c2 = shop.store().customer("C2").expect("read").expect("C2").score.expect("scored");
    assert!(c2.spend_minor > 0 && c2.spend_minor < 1_000_000, "the others keep their figures");
    ladder_app::reports::ladder(shop.store()).expect("the ladder report still reads");
}

#[test]
fn a_blocked_address_is_found_however_it_is_typed_until_it_is_lifted() {
    use ladder_app::deliverability::{is_suppressed, lift, suppress};
    use ladder_domain::Channel;
    use ladder_domain::messaging::SuppressionReason;
    let shop = Shop::new();
    let blocked = suppress(
        &shop.app,
        &Actor::Cli,
        Channel::Sms,
        "+972 54 567 8901",
        SuppressionReason::InvalidNumber,
        None,
        "cli",
    )
    .expect("suppress");
    assert_eq!(blocked, ladder_store::WriteOutcome::Inserted);
    assert!(is_suppressed(shop.store(), Channel::Sms, "054-567-8901", Some("IL")).expect("read"), "the national form");
    assert!(!is_suppressed(shop.store(), Channel::Phone, "054-567-8901", Some("IL")).expect("read"), "another channel");
    let listed = shop.store().suppressions(10).expect("list");
    assert_eq!((listed.len(), listed[0].hint.as_str()), (1, "+97254****901"), "the list gives no number back");
    assert!(!listed.iter().any(|s| s.key.contains("545678901")));
    assert!(lift(&shop.app, &Actor::Cli, Channel::Sms, "+972545678901").expect("lift"));
    assert!(!is_suppressed(shop.store(), Channel::Sms, "054-567-8901", Some("IL")).expect("read"));
    let viewer = Actor::User { id: 9, role: ladder_domain::Role::Viewer };
    let refused = suppress(&shop.app, &viewer, Channel::Email, "a@b.example", SuppressionReason::Manual, None, "web");
    assert!(refused.is_err(), "a viewer may not block addresses");
}

/// `recommended_product` is the best seller of the customer's most-bought category within the prices
/// they pay, never one they have unless people buy it again, and never from a one-off occasion.
#[test]
fn a_template_suggests_the_best_seller_of_the_customer_s_category_in_their_price_range() {
    use ladder_app::templates::{TemplateDraft, preview_draft};
    use ladder_domain::Channel;
    use ladder_domain::messaging::MessagePurpose;
    let shop = shop_with_orders();
    let more = "order_id,customer_id,ordered_at,sku,product_name,category,quantity,unit_price,currency,campaign_code,one_off,status
O10,C3,2025-04-01,COF-2,Lungo 250 g,coffee,1,13.90,ILS,,no,completed
O11,C4,2025-04-02,COF-2,Lungo 250 g,coffee,1,13.90,ILS,,no,completed
O12,C5,2025-04-03,COF-2,Lungo 250 g,coffee,1,13.90,ILS,,no,completed
O13,C5,2025-04-04,MACH-1,Espresso machine,coffee,1,1490,ILS,,no,completed
O14,C3,2025-04-05,MACH-1,Espresso machine,coffee,1,1490,ILS,,no,completed
O15,C4,2025-04-06,MACH-1,Espresso machine,coffee,1,1490,ILS,,no,completed
O16,C4,2025-04-07,MACH-1,Espresso machine,coffee,1,1490,ILS,,no,completed
";
    shop.import_ok(ImportKind::Orders, "more.csv", more);
    let draft = TemplateDraft {
        name: "try".into(),
        channel: Channel::Email,
        language: "en".into(),
        purpose: MessagePurpose::Offer,
        subject: Some("For you".into()),
        body: "Try {{ recommended_product.name | default(\"something new\") }} at {{ recommended_product.price | default(\"\") }}".into(),
    };
    let preview = |customer: &str| {
        preview_draft(&shop.app, &Actor::Cli, &draft, customer).expect("preview").expect("rendered").body
    };
    // C1 buys espresso at 12.50: the machine sells to more people but is far above their prices; the
    // lungo is in range and new to them.
    assert!(preview("C1").starts_with("Try Lungo 250 g at "), "{}", preview("C1"));
    assert!(preview("C1").contains("13.90"), "{}", preview("C1"));
    // C2 bought only a costume, on an occasion: nothing to go on, so the template's fallback.
    let fallback = preview("C2");
    assert_eq!(fallback.lines().next(), Some("Try something new at "), "{fallback}");
    assert!(fallback.contains("\n-- \n"), "an offer's preview ends as it is sent, with the sender and the links");
}
