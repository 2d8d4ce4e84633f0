//! The shared conformance suite on PostgreSQL: a throwaway database per case on the server named by
//! `LADDER_TEST_POSTGRES_URL` (default `postgres://postgres@127.0.0.1:5432/test`). Where no server
//! answers, every case prints why and skips.

use ladder_store::{Store, StoreError};
use ladder_store_conformance::Fixture;
use ladder_store_postgres::{PostgresStore, SCHEMA_VERSION};
use std::sync::atomic::{AtomicU32, Ordering};

fn admin_url() -> String {
    std::env::var("LADDER_TEST_POSTGRES_URL").unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".to_owned())
}

/// A database created for one test and dropped after it.
struct Throwaway {
    admin: String,
    name: String,
}

impl Throwaway {
    fn create() -> Option<(Self, String)> {
        static NEXT: AtomicU32 = AtomicU32::new(0);
        let admin = admin_url();
        let mut client = match postgres::Client::connect(&admin, postgres::NoTls) {
            Ok(c) => c,
            Err(e) => {
                eprintln!(
                    "skipping: no PostgreSQL server at {admin} ({e}); set LADDER_TEST_POSTGRES_URL to run these tests"
                );
                return None;
            }
        };
        let name = format!("ladder_test_{}_{}", std::process::id(), NEXT.fetch_add(1, Ordering::SeqCst));
        // One statement per call: CREATE and DROP DATABASE cannot run in a transaction block.
        client.batch_execute(&format!("DROP DATABASE IF EXISTS {name}")).expect("drop a stale test database");
        client
            .batch_execute(&format!(
                "CREATE DATABASE {name} ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8' TEMPLATE template0"
            ))
            .expect("create a test database");
        let base = admin.rsplit_once('/').map_or(admin.as_str(), |(base, _)| base);
        let url = format!("{base}/{name}");
        Some((Self { admin, name }, url))
    }
}

impl Drop for Throwaway {
    fn drop(&mut self) {
        if let Ok(mut client) = postgres::Client::connect(&self.admin, postgres::NoTls) {
            let _ = client.batch_execute(&format!("DROP DATABASE IF EXISTS {} WITH (FORCE)", self.name));
        }
    }
}

fn fresh() -> Option<Fixture> {
    let (guard, url) = Throwaway::create()?;
    let store = PostgresStore::connect(&url).expect("connect to the test database");
    Some(Fixture::new(Box::new(store), guard))
}

ladder_store_conformance::conformance_tests!(fresh);

#[test]
fn a_database_from_a_newer_version_is_refused_and_migrations_are_recorded() {
    let Some((_guard, url)) = Throwaway::create() else { return };
    let store = PostgresStore::connect(&url).expect("connect");
    assert_eq!(store.schema_version().expect("version"), SCHEMA_VERSION);
    drop(store);
    // Opening again changes nothing.
    assert_eq!(PostgresStore::connect(&url).expect("connect").schema_version().expect("version"), SCHEMA_VERSION);
    let mut client = postgres::Client::connect(&url, postgres::NoTls).expect("connect");
    client.execute("INSERT INTO ladder_schema (version) VALUES ($1)", &[&(SCHEMA_VERSION + 1)]).expect("bump");
    let err = PostgresStore::connect(&url).expect_err("must refuse");
    assert!(matches!(err, StoreError::SchemaTooNew { .. }), "{err}");
}

#[test]
fn an_unreachable_server_is_a_clear_error() {
    let err = PostgresStore::connect("postgres://nobody:secret@127.0.0.1:1/ladder")
        .map(|s| s.counts().map(drop))
        .expect_err("no server on port 1");
    let text = err.to_string();
    assert!(text.contains("cannot connect to PostgreSQL at postgres://nobody:***@127.0.0.1:1/ladder"), "{text}");
    assert!(!text.contains("secret"), "{text}");
}

#[test]
fn the_store_is_object_safe_and_shareable() {
    fn shareable(_: &(dyn Store + Send + Sync)) {}
    let Some(fixture) = fresh() else { return };
    shareable(fixture.store.as_ref());
}
