//! The shared conformance suite, on a fresh SQLite file per case; plus what only SQLite has: migrations.

use ladder_store::{Store, StoreError};
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
