//! What the binary's test files share.

/// A throwaway PostgreSQL database for one test, or `None` (with the reason printed) without a server.
#[allow(dead_code)]
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

/// A real SMTP server for a test (Debian's python3-aiosmtpd, the script the channels' tests use), on a
/// free port, saving what it receives in a folder; stopped when dropped. `None` (with the reason said)
/// where it cannot run.
#[allow(dead_code)]
pub struct SmtpServer {
    child: std::process::Child,
    /// Its port on 127.0.0.1.
    pub port: u16,
    /// Where the messages land, a file each.
    pub folder: tempfile::TempDir,
}

#[allow(dead_code)]
impl SmtpServer {
    pub fn start(test: &str) -> Option<Self> {
        use std::process::{Command, Stdio};
        let python = "/usr/bin/python3";
        if !Command::new(python).args(["-c", "import aiosmtpd"]).status().is_ok_and(|s| s.success()) {
            ladder_store_conformance::skip(test, "no python3-aiosmtpd in /usr/bin/python3");
            return None;
        }
        let folder = tempfile::tempdir().expect("mail folder");
        let port = std::net::TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).expect("port").port();
        let script =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../ladder-channels/tests/support/smtp_server.py");
        let mut child = Command::new(python)
            .arg(&script)
            .arg(folder.path())
            .arg(port.to_string())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .expect("the SMTP server");
        let mut ready = String::new();
        std::io::BufRead::read_line(&mut std::io::BufReader::new(child.stdout.take().expect("stdout")), &mut ready)
            .expect("the server says it is ready");
        Some(Self { child, port, folder })
    }

    /// The envelope recipient and text of every message received, in the order they came.
    pub fn received(&self) -> Vec<(String, String)> {
        let mut files: Vec<std::path::PathBuf> = std::fs::read_dir(self.folder.path())
            .expect("folder")
            .map(|e| e.expect("entry").path())
            .filter(|p| p.extension().is_some_and(|e| e == "eml"))
            .collect();
        files.sort();
        files
            .iter()
            .map(|p| {
                let text = std::fs::read_to_string(p).expect("message");
                let (envelope, message) = text.split_once("\r\n").unwrap_or((&text, ""));
                (envelope.trim_start_matches("X-Envelope-To: ").to_owned(), message.to_owned())
            })
            .collect()
    }
}

impl Drop for SmtpServer {
    fn drop(&mut self) {
        drop(self.child.stdin.take());
        let _ = self.child.wait();
    }
}
