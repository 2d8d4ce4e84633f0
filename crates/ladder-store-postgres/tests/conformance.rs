//! The shared conformance suite on PostgreSQL: a throwaway database per case on the server named by
//! `LADDER_TEST_POSTGRES_URL` (default `postgres://postgres@127.0.0.1:5432/test`). Where no server
//! answers, every case prints why and skips.

use ladder_store::{CustomerStore, ImportStore, Store, StoreError};
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
                ladder_store_conformance::skip(
                    "a PostgreSQL test",
                    &format!("no PostgreSQL server at {admin} ({e}); set LADDER_TEST_POSTGRES_URL to run these tests"),
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

/// The server's certificate file when the server offers TLS and this process can read it.
fn server_certificate(url: &str) -> Option<String> {
    let mut client = postgres::Client::connect(url, postgres::NoTls).ok()?;
    if client.query_one("SHOW ssl", &[]).ok()?.get::<_, String>(0) != "on" {
        ladder_store_conformance::skip(
            "the TLS test",
            &format!("the PostgreSQL server at {url} does not offer TLS (ssl = off)"),
        );
        return None;
    }
    let file: String = client.query_one("SHOW ssl_cert_file", &[]).ok()?.get(0);
    if std::fs::metadata(&file).is_err() {
        ladder_store_conformance::skip(
            "the TLS test",
            &format!("the server's certificate {file} is not readable here"),
        );
        return None;
    }
    Some(file)
}

/// An error with all its causes, as the command line prints it.
fn chain(err: &dyn std::error::Error) -> String {
    let mut text = err.to_string();
    let mut source = err.source();
    while let Some(cause) = source {
        text.push_str(&format!(": {cause}"));
        source = cause.source();
    }
    text
}

fn with_query(url: &str, query: &str) -> String {
    format!("{url}{}{query}", if url.contains('?') { '&' } else { '?' })
}

#[test]
fn connections_follow_sslmode_as_libpq_does() {
    let Some((_guard, url)) = Throwaway::create() else { return };
    let Some(certificate) = server_certificate(&url) else { return };
    let encrypted = |query: &str| PostgresStore::connect(&with_query(&url, query)).and_then(|s| s.encrypted());
    assert!(encrypted("sslmode=require").expect("require"), "require encrypts");
    assert!(!encrypted("sslmode=disable").expect("disable"), "disable does not");
    assert!(encrypted("sslmode=prefer").expect("prefer"), "prefer encrypts when the server offers it");
    // The server's certificate signs itself: trusted as an authority, the chain holds.
    let trusted = format!("sslrootcert={certificate}");
    assert!(encrypted(&format!("sslmode=verify-ca&{trusted}")).expect("verify-ca"));
    // An authority that did not sign it is refused, whatever the name.
    let bundle = "/etc/ssl/certs/ca-certificates.crt";
    if std::fs::metadata(bundle).is_ok() {
        let err = encrypted(&format!("sslmode=verify-ca&sslrootcert={bundle}")).expect_err("not its authority");
        assert!(chain(&err).contains("UnknownIssuer"), "{}", chain(&err));
    }
    // verify-full also wants the certificate issued for the host; a certificate for `localhost` is not
    // one for 127.0.0.1.
    let err = encrypted(&format!("sslmode=verify-full&{trusted}")).map(drop).err().map(|e| chain(&e));
    assert!(err.as_deref().is_none_or(|e| e.contains("not valid for name")), "{err:?}");
}

#[test]
fn tls_settings_that_cannot_work_are_named() {
    let err = PostgresStore::connect("postgres://u:secret@127.0.0.1/x?sslmode=verify").expect_err("unknown mode");
    assert!(err.to_string().contains("sslmode=verify is not known; use disable, prefer, require"), "{err}");
    assert!(!err.to_string().contains("secret"), "{err}");
    let err = PostgresStore::connect("postgres://u@127.0.0.1/x?sslmode=verify-full&sslrootcert=/no/such.pem")
        .expect_err("missing file");
    assert!(err.to_string().contains("cannot read the certificate file sslrootcert=/no/such.pem"), "{err}");
}

#[test]
fn a_first_load_checks_its_foreign_keys_once_and_keeps_them() {
    use ladder_domain::{Currency, Customer, Order, OrderLine, OrderStatus};
    let Some((_guard, url)) = Throwaway::create() else { return };
    let store = PostgresStore::connect(&url).expect("connect");
    let keys = |url: &str| -> Vec<String> {
        let mut client = postgres::Client::connect(url, postgres::NoTls).expect("connect");
        client
            .query("SELECT conrelid::regclass::text || ' ' || pg_get_constraintdef(oid) FROM pg_constraint WHERE contype = 'f' ORDER BY 1", &[])
            .expect("keys")
            .iter()
            .map(|r| r.get(0))
            .collect()
    };
    let before = keys(&url);
    assert!(before.iter().any(|k| k.starts_with("order_lines FOREIGN KEY (order_id)")), "{before:?}");
    let at = chrono::DateTime::parse_from_rfc3339("2025-03-01T10:00:00Z").expect("time").to_utc();
    let customers: Vec<Customer> =
        (0..100).map(|i| Customer { external_id: format!("C{i}"), ..Customer::default() }).collect();
    let orders: Vec<Order> = (0..100)
        .map(|i| Order {
            external_id: format!("O{i}"),
            customer_external_id: format!("C{i}"),
            ordered_at: at,
            currency: Currency::parse("EUR").expect("EUR"),
            campaign_code: None,
            one_off: false,
            status: OrderStatus::Completed,
            lines: vec![OrderLine {
                sku: "A".into(),
                product_name: None,
                category: None,
                quantity: 1,
                unit_price_minor: 100,
            }],
        })
        .collect();
    let evidence = ladder_store::Evidence { at, source: "import:test".into() };
    let prepared: Vec<_> = customers.iter().cloned().map(ladder_store::PreparedCustomer::new).collect();
    // A first load that stops half way leaves the keys as they were, and none of its rows.
    let mut session = store.begin_import().expect("begin");
    session.put_customers(&prepared, &evidence).expect("customers");
    drop(session);
    assert_eq!(keys(&url), before);
    assert_eq!(store.counts().expect("counts").customers, 0);
    let mut session = store.begin_import().expect("begin");
    session.put_customers(&prepared, &evidence).expect("customers");
    session.put_orders(&orders).expect("orders");
    session.commit().expect("commit");
    assert_eq!(keys(&url), before, "every foreign key is back after the load");
    assert_eq!(store.counts().expect("counts").order_lines, 100);
}

#[test]
fn phones_and_consents_stored_before_are_found_in_any_form_and_in_the_ledger_after_the_upgrade() {
    let Some((_guard, url)) = Throwaway::create() else { return };
    {
        let mut client = postgres::Client::connect(&url, postgres::NoTls).expect("connect");
        ladder_store_postgres::migrate_to(&mut client, 16).expect("the schema before phone forms");
        client.batch_execute(ladder_store_conformance::customers::PHONES_STORED_BEFORE).expect("old customers");
    }
    let store = PostgresStore::connect(&url).expect("upgrade on connect");
    ladder_store_conformance::customers::phones_stored_before_are_found_in_any_form(&store);
    ladder_store_conformance::customers::consents_stored_before_enter_the_ledger(&store);
}
