//! Sending for real: a broadcast of a few thousand messages through `ladder worker` to a real SMTP server
//! (Debian's python3-aiosmtpd), the worker killed with `kill -9` in the middle and started again.
//! Nobody is missed, and at most the messages that were in flight at the kill go twice.

mod common;

use common::SmtpServer;
use std::collections::HashMap;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn ladder(db: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_ladder"));
    c.arg("--database").arg(db).env_remove("LADDER_DATABASE_URL");
    c
}

fn ok(c: &mut Command) -> String {
    let out = c.output().expect("run ladder");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("utf-8")
}

#[test]
fn a_worker_killed_in_the_middle_of_a_broadcast_misses_nobody_and_repeats_at_most_what_was_in_flight() {
    let test = "a_worker_killed_in_the_middle_of_a_broadcast_misses_nobody_and_repeats_at_most_what_was_in_flight";
    let Some(server) = SmtpServer::start(test) else { return };
    let port = server.port;
    // The broadcast's mails (the demo's playbooks queued their own day's messages too).
    let received = || {
        server
            .received()
            .into_iter()
            .filter(|(_, text)| text.contains("<ladder.broadcast-"))
            .map(|(to, _)| to)
            .collect::<Vec<_>>()
    };
    let dir = tempfile::tempdir().expect("folder");
    let db = dir.path().join("shop.db");
    ok(ladder(&db).args(["demo", "--customers", "4000"]));
    let body = dir.path().join("body.txt");
    std::fs::write(&body, "Hello {{ first_name | default(\"friend\") }},\n\nWinter beans are in.\n").expect("body");
    ok(ladder(&db)
        .args(["template", "add", "winter", "--channel", "email", "--lang", "en", "--subject", "Winter"])
        .arg("--body-file")
        .arg(&body));
    let id = ok(ladder(&db).args(["broadcast", "create", "--template", "winter", "--all"])).trim().to_owned();
    ok(ladder(&db).args(["broadcast", "send", &id]));

    let worker = |once: bool| {
        let mut c = ladder(&db);
        c.arg("worker")
            .env("LADDER_SMTP_URL", format!("smtp://127.0.0.1:{port}"))
            .env("LADDER_MAIL_FROM", "Ladder Coffee <hello@shop.example>")
            .env("LADDER_PUBLIC_URL", "http://127.0.0.1:8080")
            .env("LADDER_WORKER_LEASE_SECONDS", "10")
            .env("LADDER_NIGHTLY_SCORING", "")
            .env("LADDER_HOUSEKEEPING", "")
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        if once {
            c.arg("--once");
        }
        c
    };
    let mut first = worker(false).spawn().expect("a worker");
    let started = Instant::now();
    while received().len() < 300 {
        assert!(started.elapsed() < Duration::from_secs(120), "the worker sends");
        std::thread::sleep(Duration::from_millis(10));
    }
    first.kill().expect("kill -9");
    first.wait().expect("reaped");
    let at_kill = received().len();

    // The killed worker's claims hold until their lease runs out; then another worker sends the rest.
    std::thread::sleep(Duration::from_secs(11));
    let out = worker(true).output().expect("the second worker");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));

    let listed: serde_json::Value = serde_json::from_str(&ok(ladder(&db).args([
        "outbox",
        "list",
        "--broadcast",
        &id,
        "--limit",
        "100000",
        "--format",
        "json",
    ])))
    .expect("json");
    let messages = listed.as_array().expect("messages");
    let status = |m: &serde_json::Value| m["status"].as_str().unwrap_or_default().to_owned();
    let sent = messages.iter().filter(|m| status(m) == "sent").count();
    assert!(messages.iter().all(|m| !["queued", "sending"].contains(&status(m).as_str())), "nothing left behind");
    assert!(sent > at_kill, "the kill came in the middle: {at_kill} of {sent} had gone");

    let mails = received();
    let mut per_address: HashMap<&str, usize> = HashMap::new();
    for to in &mails {
        *per_address.entry(to.as_str()).or_default() += 1;
    }
    assert_eq!(per_address.len(), sent, "every message sent reached its customer");
    let twice = mails.len() - per_address.len();
    assert!(twice <= 32, "{twice} went twice: at most the 32 in flight");
    assert!(per_address.values().all(|&n| n <= 2), "nobody thrice");
}
