//! What the binary's test files share.

/// A throwaway PostgreSQL database for one test, or `None` (with the reason printed) without a server.
pub fn postgres_database() -> Option<(String, impl Drop)> {
    struct Dropper(String, String);
    impl Drop for Dropper {
        fn drop(&mut self) {
            if let Ok(mut c) = postgres::Client::connect(&self.0, postgres::NoTls) {
                let _ = c.batch_execute(&format!("DROP DATABASE IF EXISTS {} WITH (FORCE)", self.1));
            }
        }
    }
    let admin = std::env::var("LADDER_TEST_POSTGRES_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".to_owned());
    let mut client = match postgres::Client::connect(&admin, postgres::NoTls) {
        Ok(c) => c,
        Err(e) => {
            ladder_store_conformance::skip("a PostgreSQL test", &format!("no PostgreSQL server at {admin} ({e})"));
            return None;
        }
    };
    // One database per test: tests run in parallel in one process.
    static NEXT: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
    let name = format!("ladder_cli_{}_{}", std::process::id(), NEXT.fetch_add(1, std::sync::atomic::Ordering::SeqCst));
    client.batch_execute(&format!("DROP DATABASE IF EXISTS {name}")).expect("drop");
    client.batch_execute(&format!("CREATE DATABASE {name} ENCODING 'UTF8' TEMPLATE template0")).expect("create");
    let base = admin.rsplit_once('/').map_or(admin.clone(), |(b, _)| b.to_owned());
    Some((format!("{base}/{name}"), Dropper(admin, name)))
}
