//! The shared conformance suite, on a fresh SQLite file per case; plus what only SQLite has: migrations.

use ladder_store::{AuditStore, CustomerStore, ShopStore, StoreError};
use ladder_store_conformance::Fixture;
use ladder_store_sqlite::{SCHEMA_VERSION, SqliteStore, migrate};

fn fresh() -> Option<Fixture> {
    let dir = tempfile::tempdir().expect("temporary folder");
    let store = SqliteStore::open(dir.path().join("ladder.db")).expect("open");
    Some(Fixture::new(Box::new(store), dir))
}

ladder_store_conformance::conformance_tests!(fresh);

#[test]
fn a_database_made_by_an_older_version_opens_and_keeps_its_data() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let path = dir.path().join("old.db");
    {
        let mut conn = rusqlite::Connection::open(&path).expect("open");
        migrate(&mut conn, 1).expect("first migration only");
        conn.execute("INSERT INTO customers (external_id, first_name) VALUES ('C1', 'Анна')", []).expect("insert");
    }
    let store = SqliteStore::open(&path).expect("upgrade on open");
    assert_eq!(store.customer("C1").expect("read").expect("kept").profile.first_name.as_deref(), Some("Анна"));
    let conn = rusqlite::Connection::open(&path).expect("open");
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).expect("version");
    assert_eq!(version, SCHEMA_VERSION);
    let indexes: i64 = conn
        .query_row(
            "SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND name = 'customer_scores_rung'",
            [],
            |r| r.get(0),
        )
        .expect("count");
    assert_eq!(indexes, 1, "the later migration ran");
}

#[test]
fn a_database_from_a_newer_version_is_refused() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let path = dir.path().join("new.db");
    SqliteStore::open(&path).expect("create");
    rusqlite::Connection::open(&path)
        .expect("open")
        .pragma_update(None, "user_version", SCHEMA_VERSION + 1)
        .expect("bump");
    let err = SqliteStore::open(&path).expect_err("must refuse");
    assert!(matches!(err, StoreError::SchemaTooNew { .. }), "{err}");
    assert!(err.to_string().contains("upgrade Ladder"), "{err}");
}

#[test]
fn the_old_free_settings_become_typed_settings_and_marks() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let path = dir.path().join("old.db");
    {
        let mut conn = ladder_store_sqlite::connect(&path).expect("open");
        migrate(&mut conn, 8).expect("the schema before typed settings");
        conn.execute_batch(
            "INSERT INTO settings (key, value) VALUES ('currency', 'ILS'), ('score_active_p_alive', '0.7'),
                 ('score_min_repeat_customers', '12'), ('scored_at', '2026-11-23T10:00:00.123456789+00:00'),
                 ('scored_as_of', '2026-11-23'), ('data_changed_at', '2026-11-24T08:30:00+02:00'), ('demo_seed', '42');
             INSERT INTO users (email, name, role, language, password_hash, created_at) VALUES ('a@b.cd', 'A', 'owner', 'en', 'x', 0);
             INSERT INTO audit_log (at, user_id, action, target, detail) VALUES (0, 1, 'edit_customer', 'customer:C1', ''), (0, NULL, 'add_user', 'user:a', '');",
        )
        .expect("old settings");
    }
    let store = SqliteStore::open(&path).expect("upgrade on open");
    let settings = store.shop_settings().expect("settings");
    assert_eq!(settings.currency.as_deref(), Some("ILS"));
    assert_eq!(settings.thresholds.rules.active_p_alive, 0.7);
    assert_eq!(settings.thresholds.rules.at_risk_p_alive, 0.3, "a threshold never set keeps its default");
    assert_eq!(settings.thresholds.min_repeat_customers, 12);
    assert_eq!(settings.time_zone, "UTC");
    let state = store.shop_state().expect("marks");
    let at = |s: &str| chrono::DateTime::parse_from_rfc3339(s).expect("time").to_utc();
    assert_eq!(state.scored_at, Some(at("2026-11-23T10:00:00.123Z")), "to the millisecond SQLite reads");
    assert_eq!(state.scored_as_of, chrono::NaiveDate::from_ymd_opt(2026, 11, 23));
    assert_eq!(state.data_changed_at, Some(at("2026-11-24T06:30:00Z")));
    assert_eq!(state.demo_seed, Some(42));
    assert!(state.stale());
    let actors: Vec<String> = store.audit_log(10, None).expect("audit").into_iter().map(|r| r.actor).collect();
    assert_eq!(actors, ["system", "user:1"]);
}

#[test]
fn phones_and_consents_stored_before_are_found_in_any_form_and_in_the_ledger_after_the_upgrade() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let path = dir.path().join("old.db");
    {
        let mut conn = ladder_store_sqlite::connect(&path).expect("open");
        migrate(&mut conn, 16).expect("the schema before phone forms");
        conn.execute_batch(ladder_store_conformance::customers::PHONES_STORED_BEFORE).expect("old customers");
    }
    let store = SqliteStore::open(&path).expect("upgrade on open");
    ladder_store_conformance::customers::phones_stored_before_are_found_in_any_form(&store);
    ladder_store_conformance::customers::consents_stored_before_enter_the_ledger(&store);
}
