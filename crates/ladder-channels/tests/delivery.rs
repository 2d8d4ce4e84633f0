//! A broadcast delivered through a real SMTP server (Debian's python3-aiosmtpd, started here on a free
//! port, saving what it receives): the messages are read back as a receiving server reads them — the
//! DKIM signature verified against the key (python3-dkim), the List-Unsubscribe pair, the Message-ID,
//! right-to-left markup in Hebrew, the Israeli ad label, the merge fields — and who got nothing, and why.

use chrono::{DateTime, Utc};
use ladder_app::broadcasts::{self, BroadcastDraft};
use ladder_app::clock::ManualClock;
use ladder_app::delivery::{DeliveryOptions, Dispatcher, Transports};
use ladder_app::jobs::worker::{Handlers, LiveJobs, Worker, WorkerOptions};
use ladder_app::templates::{self, TemplateDraft};
use ladder_app::{Actor, App};
use ladder_channels::email::{DkimSettings, SmtpMailer, SmtpSettings};
use ladder_domain::broadcast::Audience;
use ladder_domain::messaging::{MessagePurpose, OutboxStatus};
use ladder_domain::shop::ShopSettings;
use ladder_domain::{Channel, Consent, Customer};
use ladder_store::{Absent, Evidence, OutboxQuery};
use ladder_store_sqlite::SqliteStore;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;

const PYTHON: &str = "/usr/bin/python3";

/// The test SMTP server, stopped when dropped.
struct SmtpServer {
    child: Child,
    port: u16,
    folder: tempfile::TempDir,
}

impl SmtpServer {
    /// Starts one, or says why it cannot (a skip, or a failure under `CI=true`).
    fn start(test: &str) -> Option<Self> {
        Self::start_with(test, &[])
    }

    /// Starts one with the server's extra arguments (`implicit CERT KEY`, `starttls CERT KEY`).
    fn start_with(test: &str, extra: &[&std::ffi::OsStr]) -> Option<Self> {
        let ready = Command::new(PYTHON).args(["-c", "import aiosmtpd, dkim, nacl"]).status();
        if !ready.is_ok_and(|s| s.success()) {
            ladder_store_conformance::skip(
                test,
                "no python3-aiosmtpd, python3-dkim and python3-nacl in /usr/bin/python3",
            );
            return None;
        }
        let port = std::net::TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).expect("a free port").port();
        let folder = tempfile::tempdir().expect("folder");
        let mut child = Command::new(PYTHON)
            .arg(support("smtp_server.py"))
            .arg(folder.path())
            .arg(port.to_string())
            .args(extra)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .expect("start the SMTP server");
        let mut line = String::new();
        std::io::BufRead::read_line(&mut std::io::BufReader::new(child.stdout.take().expect("stdout")), &mut line)
            .expect("the server says it is ready");
        assert_eq!(line.trim(), "ready");
        Some(Self { child, port, folder })
    }

    /// The messages received, in order: (envelope recipient, raw message).
    fn received(&self) -> Vec<(String, String)> {
        let mut files: Vec<PathBuf> = std::fs::read_dir(self.folder.path())
            .expect("folder")
            .map(|e| e.expect("entry").path())
            .filter(|p| p.extension().is_some_and(|e| e == "eml"))
            .collect();
        files.sort();
        files
            .iter()
            .map(|p| {
                let text = std::fs::read_to_string(p).expect("message");
                let (envelope, message) = text.split_once("\r\n").expect("envelope line");
                (envelope.trim_start_matches("X-Envelope-To: ").to_owned(), message.to_owned())
            })
            .collect()
    }

    fn files(&self) -> Vec<PathBuf> {
        let mut files: Vec<PathBuf> = std::fs::read_dir(self.folder.path())
            .expect("folder")
            .map(|e| e.expect("entry").path())
            .filter(|p| p.extension().is_some_and(|e| e == "eml"))
            .collect();
        files.sort();
        files
    }
}

impl Drop for SmtpServer {
    fn drop(&mut self) {
        drop(self.child.stdin.take());
        let _ = self.child.wait();
    }
}

fn support(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/support").join(name)
}

fn ts(s: &str) -> DateTime<Utc> {
    ladder_domain::date::parse_timestamp(s).expect("time")
}

/// A shop in Israel with four customers: Dana (Hebrew, consent), Alex (English, consent), Noam (no
/// consent) and Bo (consent, an address the server refuses).
fn shop(dir: &Path, now: DateTime<Utc>) -> (App, Arc<ManualClock>) {
    let store = SqliteStore::open(dir.join("ladder.db")).expect("open");
    let clock = Arc::new(ManualClock::new(now));
    let app = App::with_clock(Arc::new(store), clock.clone());
    let settings = ShopSettings {
        name: "Café Ladder".into(),
        country: Some("IL".into()),
        time_zone: "Asia/Jerusalem".into(),
        language: "en".into(),
        sender: ladder_domain::shop::Sender {
            name: "Café Ladder".into(),
            address: "Dizengoff 1, Tel Aviv".into(),
            email: Some("hello@shop.example".into()),
            phone: None,
        },
        ..ShopSettings::default()
    };
    ladder_app::shop::save_settings(&app, &Actor::Cli, settings).expect("settings");
    let consent = Consent { channel: Channel::Email, granted: true, ..Consent::PLAIN };
    let people = [
        ("C1", "דנה", "dana@example.com", Some("he"), true),
        ("C2", "Alex", "alex@example.com", Some("en"), true),
        ("C3", "Noam", "noam@example.com", None, false),
        ("C4", "Bo", "bounce-bo@example.com", None, true),
    ];
    let mut tx = app.store().begin().expect("begin");
    for (id, first, email, language, consents) in people {
        let c = Customer {
            external_id: id.into(),
            first_name: Some(first.into()),
            email: Some(email.into()),
            country: Some("IL".into()),
            preferred_language: language.map(str::to_owned),
            consents: if consents { vec![consent.clone()] } else { Vec::new() },
            ..Customer::default()
        };
        tx.put_customer(&c, &Evidence { at: now, source: "test".into() }, Absent::Keep).expect("customer");
    }
    tx.commit().expect("commit");
    for (language, subject, body) in [
        ("en", "Autumn beans", "Hello {{ first_name }},\n\nNew beans are in.\n\nUnsubscribe: {{ unsubscribe_url }}"),
        ("he", "פולי סתיו", "שלום {{ first_name }},\n\nהגיעו פולים חדשים."),
    ] {
        let draft = TemplateDraft {
            name: "autumn".into(),
            channel: Channel::Email,
            language: language.into(),
            purpose: MessagePurpose::Offer,
            subject: Some(subject.into()),
            body: body.into(),
        };
        templates::add(&app, &Actor::Cli, &draft).expect("template");
    }
    (app, clock)
}

fn send_broadcast(app: &App) -> i64 {
    broadcast_to_all(app, "autumn", Channel::Email, Some("AUTUMN"), false)
}

/// Composes a broadcast of `template` to everyone, sends it and runs its job; returns its id.
fn broadcast_to_all(app: &App, template: &str, channel: Channel, code: Option<&str>, defer_capped: bool) -> i64 {
    let draft = BroadcastDraft {
        name: None,
        template: template.into(),
        channel,
        audience: Audience::All,
        campaign_code: code.map(str::to_owned),
        send_at: None,
        defer_capped,
    };
    let id = broadcasts::create(app, &Actor::Cli, &draft).expect("create");
    broadcasts::send(app, &Actor::Cli, id).expect("send");
    run_jobs(app);
    id
}

/// Runs the jobs due, as a worker does.
fn run_jobs(app: &App) {
    let worker = Worker::new(
        app.clone(),
        "test".into(),
        Arc::new(Handlers::standard()),
        Arc::new(LiveJobs::default()),
        WorkerOptions::default(),
    );
    worker.run_due().expect("the jobs run");
}

fn dispatcher(app: &App, server: &SmtpServer, key: &Path) -> Dispatcher {
    let settings = SmtpSettings {
        url: format!("smtp://127.0.0.1:{}", server.port),
        from: "Café Ladder <hello@shop.example>".into(),
        dkim: Some(DkimSettings { selector: "ladder".into(), domain: "shop.example".into(), key_file: key.to_owned() }),
        connections: 4,
    };
    let transports =
        Transports { email: Some(Arc::new(SmtpMailer::new(&settings).expect("mailer"))), ..Transports::default() };
    let options =
        DeliveryOptions { public_url: Some("https://shop.example/ladder".into()), ..DeliveryOptions::default() };
    Dispatcher::new(app.clone(), transports, options).expect("dispatcher")
}

/// A header's value, its folded lines joined.
fn header(message: &str, name: &str) -> Option<String> {
    let head = message.split("\r\n\r\n").next().unwrap_or_default().replace("\r\n ", " ").replace("\r\n\t", " ");
    let prefix = format!("{}: ", name.to_ascii_lowercase());
    head.split("\r\n").find(|l| l.to_ascii_lowercase().starts_with(&prefix)).map(|l| l[prefix.len()..].to_owned())
}

/// The decoded text of every part (quoted-printable or base64 as lettre chose), for reading the body.
fn decoded(message: &str) -> String {
    let out = Command::new(PYTHON)
        .args([
            "-c",
            "import email,sys\nm=email.message_from_bytes(sys.stdin.buffer.read())\n\
             for p in m.walk():\n  b=p.get_payload(decode=True)\n  print(b.decode() if b else '')\n\
             print(str(email.header.make_header(email.header.decode_header(m['Subject']))))",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .and_then(|mut c| {
            c.stdin.take().expect("stdin").write_all(message.as_bytes())?;
            c.wait_with_output()
        })
        .expect("python reads the message");
    String::from_utf8(out.stdout).expect("utf-8")
}

fn verify(key: &Path, files: &[PathBuf]) -> Vec<String> {
    let out = Command::new(PYTHON).arg(support("dkim_verify.py")).arg(key).args(files).output().expect("verify");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("utf-8").lines().map(str::to_owned).collect()
}

#[test]
fn a_broadcast_reaches_those_who_agreed_signed_labelled_and_right_to_left() {
    let Some(server) = SmtpServer::start("a_broadcast_reaches_those_who_agreed_signed_labelled_and_right_to_left")
    else {
        return;
    };
    let dir = tempfile::tempdir().expect("dir");
    // Tuesday 10:00 in Tel Aviv: no quiet hours, no closed day.
    let (app, clock) = shop(dir.path(), ts("2026-11-03T08:00:00Z"));
    let key = dir.path().join("dkim.key");
    std::fs::write(&key, "nWGxne/9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A=\n").expect("key");
    let id = send_broadcast(&app);
    let report = dispatcher(&app, &server, &key).deliver_due().expect("deliver");
    assert_eq!((report.sent, report.failed), (2, 1), "{report:?}");

    let received = server.received();
    let mut to: Vec<&str> = received.iter().map(|(to, _)| to.as_str()).collect();
    to.sort_unstable();
    assert_eq!(to, ["alex@example.com", "dana@example.com"], "Noam gave no consent; Bo's address was refused");
    let to_whom = |address: &str| received.iter().find(|(to, _)| to == address).map(|(_, m)| m.clone()).expect("there");
    let outbox = app
        .store()
        .outbox(&OutboxQuery { cause: Some(format!("broadcast:{id}")), limit: 10, ..OutboxQuery::default() })
        .expect("outbox");
    let state = |customer: &str| outbox.iter().find(|m| m.customer_id == customer).expect("a message each");
    assert_eq!((state("C3").status, state("C3").reason.as_deref()), (OutboxStatus::Skipped, Some("no consent")));
    assert_eq!(state("C4").status, OutboxStatus::Failed);
    assert!(
        ladder_app::deliverability::is_suppressed(app.store(), Channel::Email, "bounce-bo@example.com", None)
            .expect("read"),
        "a 550 suppresses the address"
    );

    let hebrew = &to_whom("dana@example.com");
    assert_eq!(
        header(hebrew, "Message-ID").as_deref(),
        Some(state("C1").message_id.as_str()),
        "the outbox's Message-ID"
    );
    let unsubscribe = header(hebrew, "List-Unsubscribe").expect("List-Unsubscribe");
    assert!(
        unsubscribe.starts_with("<https://shop.example/ladder/u/")
            && unsubscribe.contains(">, <mailto:hello@shop.example?subject=unsubscribe"),
        "{unsubscribe}"
    );
    assert_eq!(header(hebrew, "List-Unsubscribe-Post").as_deref(), Some("List-Unsubscribe=One-Click"));
    let signature = header(hebrew, "DKIM-Signature").expect("signed");
    assert!(
        signature.contains("a=ed25519-sha256")
            && signature.contains("d=shop.example")
            && signature.contains("s=ladder"),
        "{signature}"
    );
    let text = decoded(hebrew);
    assert!(text.contains("פרסומת: פולי סתיו"), "the ad label opens the subject: {text}");
    assert!(text.contains("שלום \u{2068}דנה\u{2069},"), "the merge field, bidi-isolated: {text}");
    assert!(
        text.contains("<html lang=\"he\" dir=\"rtl\">") && text.contains("style=\"direction: rtl; text-align: right;"),
        "{text}"
    );
    assert!(text.contains("Dizengoff 1, Tel Aviv"), "the sender's identity in every ad: {text}");
    let english = decoded(&to_whom("alex@example.com"));
    assert!(english.contains("Hello Alex,") && english.contains("https://shop.example/ladder/u/"), "{english}");
    assert!(english.contains("dir=\"ltr\""), "{english}");
    assert_eq!(verify(&key, &server.files()), ["pass", "pass"], "the signatures verify, List-Unsubscribe included");

    // Dana follows her message's one-click link; Alex buys with the broadcast's code two days later, and
    // Noam (who got nothing) buys too: the report counts what the messages brought.
    let token = unsubscribe.trim_start_matches("<https://shop.example/ladder/u/").split('>').next().expect("token");
    let visit = ladder_app::preferences::Visit { ip: Some("192.0.2.7".into()), user_agent: None };
    ladder_app::preferences::unsubscribe(&app, token, &visit).expect("unsubscribe");
    let order = |id: &str, customer: &str, code: Option<&str>| ladder_domain::Order {
        external_id: id.into(),
        customer_external_id: customer.into(),
        ordered_at: ts("2026-11-05T12:00:00Z"),
        currency: ladder_domain::Currency::parse("ILS").expect("ILS"),
        campaign_code: code.map(str::to_owned),
        one_off: false,
        status: ladder_domain::OrderStatus::Completed,
        lines: vec![ladder_domain::OrderLine {
            sku: "BEANS".into(),
            product_name: Some("Autumn beans".into()),
            category: Some("coffee".into()),
            quantity: 2,
            unit_price_minor: 4_500,
        }],
    };
    let mut tx = app.store().begin().expect("begin");
    tx.put_order(&order("A-1", "C2", Some("autumn"))).expect("order");
    tx.put_order(&order("N-1", "C3", None)).expect("order");
    tx.commit().expect("commit");
    let results = broadcasts::report(&app, &Actor::Cli, id).expect("report").results.expect("results once enqueued");
    assert_eq!(results.unsubscribed, 1, "Dana, by her message's link");
    let alex = ladder_store::OrderTotal { currency: "ILS".into(), orders: 1, customers: 1, total_minor: 9_000 };
    assert_eq!(results.attributed, std::slice::from_ref(&alex), "the order with the code");
    assert_eq!(results.bought_after, [alex], "Noam bought too, but got no message");

    // What went can be shown again exactly, even after the customer's name changes.
    let mut tx = app.store().begin().expect("begin");
    let renamed = Customer { external_id: "C1".into(), first_name: Some("דניאלה".into()), ..Customer::default() };
    tx.put_customer(&renamed, &Evidence { at: ts("2026-11-03T08:10:00Z"), source: "test".into() }, Absent::Keep)
        .expect("rename");
    tx.commit().expect("commit");
    let (_, again) = ladder_app::messages::shown(&app, &Actor::Cli, state("C1").id).expect("shown");
    let again = again.expect("a sent message's text");
    assert_eq!(again.subject.as_deref(), Some("פרסומת: פולי סתיו"));
    assert!(again.body.contains("שלום \u{2068}דנה\u{2069},") && again.body.contains("Dizengoff 1"), "{}", again.body);
    assert!(text.contains(again.body.lines().next().expect("a line")), "the same text as went");

    // The same people an hour later: the email window (16 h) keeps a second offer from Alex, and Dana
    // unsubscribed.
    clock.advance(chrono::Duration::hours(1));
    let again = send_broadcast(&app);
    let second = app.store().outbox_summary(&format!("broadcast:{again}")).expect("summary");
    assert!(second.contains(&(OutboxStatus::Skipped, Some("contacted recently".into()), 1)), "Alex: {second:?}");
    assert!(
        second.contains(&(OutboxStatus::Skipped, Some("no consent".into()), 2)),
        "Noam, and Dana who left: {second:?}"
    );
    assert!(second.contains(&(OutboxStatus::Skipped, Some("address blocked".into()), 1)), "{second:?}");
    // A sender who defers what the caps would skip: Alex's message waits instead of being skipped.
    let patient = broadcast_to_all(&app, "autumn", Channel::Email, None, true);
    let waiting = app
        .store()
        .outbox(&OutboxQuery { cause: Some(format!("broadcast:{patient}")), limit: 10, ..OutboxQuery::default() })
        .expect("outbox");
    let alex = waiting.iter().find(|m| m.customer_id == "C2").expect("Alex's");
    // Past the window (it frees at midnight) his order of the 5th still holds it: a week after it.
    assert_eq!((alex.status, alex.reason.as_deref()), (OutboxStatus::Held, Some("recent purchase")));
    assert_eq!(alex.not_before, Some(ts("2026-11-12T12:00:00Z")), "not skipped as contacted recently");
    assert_eq!(dispatcher(&app, &server, &key).deliver_due().expect("deliver").sent, 0);
    assert_eq!(server.received().len(), 2, "nobody was messaged twice");
}

#[test]
fn rsa_signatures_verify_too() {
    let Some(server) = SmtpServer::start("rsa_signatures_verify_too") else { return };
    let dir = tempfile::tempdir().expect("dir");
    let key = dir.path().join("rsa.pem");
    let made = Command::new("openssl")
        .args(["genrsa", "-traditional", "-out"])
        .arg(&key)
        .arg("2048")
        .stderr(Stdio::null())
        .status();
    assert!(made.is_ok_and(|s| s.success()), "openssl makes the test's RSA key");
    let (app, _) = shop(dir.path(), ts("2026-11-03T08:00:00Z"));
    send_broadcast(&app);
    assert_eq!(dispatcher(&app, &server, &key).deliver_due().expect("deliver").sent, 2);
    let received = server.received();
    assert!(header(&received[0].1, "DKIM-Signature").is_some_and(|s| s.contains("a=rsa-sha256")));
    assert_eq!(verify(&key, &server.files()), ["pass", "pass"]);
}

/// A fax goes as the letter's PDF attached to an email to the gateway's address for the number, only to
/// a customer who agreed to faxes.
#[test]
fn a_fax_is_the_letter_s_pdf_mailed_to_the_gateway_s_address_for_the_number() {
    use ladder_channels::fax::{FaxSender, FaxSettings};
    use ladder_channels::letter::{Letterhead, Paper};
    let Some(server) = SmtpServer::start("a_fax_is_the_letter_s_pdf_mailed_to_the_gateway_s_address_for_the_number")
    else {
        return;
    };
    let dir = tempfile::tempdir().expect("dir");
    let (app, _) = shop(dir.path(), ts("2026-11-03T08:00:00Z"));
    let fax_consent = Consent { channel: Channel::Fax, granted: true, ..Consent::PLAIN };
    let mut tx = app.store().begin().expect("begin");
    for (id, phone, consents) in [("F1", "03-555-0100", vec![fax_consent]), ("F2", "03-555-0199", Vec::new())] {
        let c = Customer {
            external_id: id.into(),
            first_name: Some("משרד".into()),
            phone: Some(phone.into()),
            country: Some("IL".into()),
            preferred_language: Some("he".into()),
            consents,
            ..Customer::default()
        };
        tx.put_customer(&c, &Evidence { at: ts("2026-11-03T08:00:00Z"), source: "test".into() }, Absent::Keep)
            .expect("put");
    }
    tx.commit().expect("commit");
    let draft = TemplateDraft {
        name: "price-list".into(),
        channel: Channel::Fax,
        language: "he".into(),
        purpose: MessagePurpose::Offer,
        subject: None,
        body: "מחירון החורף מצורף לפקס זה.".into(),
    };
    templates::add(&app, &Actor::Cli, &draft).expect("template");
    let id = broadcast_to_all(&app, "price-list", Channel::Fax, None, false);
    let smtp = SmtpSettings {
        url: format!("smtp://127.0.0.1:{}", server.port),
        from: "Café Ladder <hello@shop.example>".into(),
        dkim: None,
        connections: 1,
    };
    let settings = FaxSettings {
        address_pattern: "{digits}@fax.test".into(),
        letterhead: Letterhead { name: "Café Ladder".into(), lines: vec!["Dizengoff 1, Tel Aviv".into()] },
        paper: Paper::A4,
    };
    let transports =
        Transports { fax: Some(Arc::new(FaxSender::new(&smtp, settings).expect("fax"))), ..Transports::default() };
    let options = DeliveryOptions { public_url: Some("https://shop.example".into()), ..DeliveryOptions::default() };
    let report = Dispatcher::new(app.clone(), transports, options).expect("dispatcher").deliver_due().expect("deliver");
    assert_eq!(report.sent, 1, "{report:?}");
    let received = server.received();
    assert_eq!(received.len(), 1);
    assert_eq!(received[0].0, "97235550100@fax.test", "the gateway's address for +972 3-555-0100");
    // The attachment, read back as text.
    let files = server.files();
    let out = Command::new(PYTHON)
        .args([
            "-c",
            "import email,sys,subprocess\nm=email.message_from_bytes(open(sys.argv[1],'rb').read().split(b'\\r\\n',1)[1])\n\
             pdf=[p for p in m.walk() if p.get_content_type()=='application/pdf'][0].get_payload(decode=True)\n\
             print(subprocess.run(['pdftotext','-','-'],input=pdf,capture_output=True).stdout.decode())",
        ])
        .arg(&files[0])
        .output()
        .expect("read the fax");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("מחירון החורף מצורף"), "the fax's text: {text} {}", String::from_utf8_lossy(&out.stderr));
    let outbox = app.store().outbox(&OutboxQuery {
        cause: Some(format!("broadcast:{id}")),
        limit: 10,
        ..OutboxQuery::default()
    });
    let skipped = outbox.expect("outbox").into_iter().find(|m| m.customer_id == "F2").expect("F2's");
    assert_eq!(
        (skipped.status, skipped.reason.as_deref()),
        (OutboxStatus::Skipped, Some("no consent")),
        "fax has its own consent"
    );
}

/// A private authority and a certificate it signed for 127.0.0.1, as a shop's own relay might have:
/// (authority, certificate, key), or `None` without `openssl` (a skip, or a failure under `CI=true`).
fn relay_certificates(test: &str, dir: &Path) -> Option<(PathBuf, PathBuf, PathBuf)> {
    let [ca_key, ca, key, request, cert, ext] =
        ["ca.key", "ca.pem", "relay.key", "relay.csr", "relay.pem", "relay.ext"].map(|n| dir.join(n));
    std::fs::write(&ext, "subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\n").expect("ext");
    let steps: [Vec<&std::ffi::OsStr>; 3] = [
        ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=Shop Test Authority", "-keyout"]
            .iter()
            .map(std::ffi::OsStr::new)
            .chain([ca_key.as_os_str(), "-out".as_ref(), ca.as_os_str()])
            .collect(),
        ["req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=127.0.0.1", "-keyout"]
            .iter()
            .map(std::ffi::OsStr::new)
            .chain([key.as_os_str(), "-out".as_ref(), request.as_os_str()])
            .collect(),
        ["x509", "-req", "-days", "2", "-in"]
            .iter()
            .map(std::ffi::OsStr::new)
            .chain([request.as_os_str(), "-CA".as_ref(), ca.as_os_str(), "-CAkey".as_ref(), ca_key.as_os_str()])
            .chain([
                "-CAcreateserial".as_ref(),
                "-extfile".as_ref(),
                ext.as_os_str(),
                "-out".as_ref(),
                cert.as_os_str(),
            ])
            .collect(),
    ];
    for args in steps {
        match Command::new("openssl").args(&args).stdout(Stdio::null()).stderr(Stdio::null()).status() {
            Ok(s) if s.success() => {}
            Ok(s) => panic!("openssl {args:?} failed: {s}"),
            Err(_) => {
                ladder_store_conformance::skip(test, "no openssl to make the relay's certificate");
                return None;
            }
        }
    }
    Some((ca, cert, key))
}

fn test_message(n: u32, to: &str) -> ladder_app::delivery::Outgoing {
    ladder_app::delivery::Outgoing {
        message_id: format!("<ladder.test.{n}@shop.example>"),
        channel: Channel::Email,
        to: to.into(),
        to_name: Some("Dana".into()),
        language: "en".into(),
        right_to_left: false,
        subject: Some(format!("Receipt {n}")),
        body: format!("Thank you for order {n}."),
        purpose: MessagePurpose::Transactional,
        unsubscribe_url: None,
    }
}

/// Mail reaches a relay over TLS from the first byte (`smtps://`) and over STARTTLS with a sign-in
/// (`?tls=required`, the password percent-encoded in the URL), trusting the relay's private authority
/// from `sslrootcert`; without it, or with a wrong password, nothing goes and the message waits.
#[test]
fn mail_goes_over_tls_and_starttls_with_a_sign_in_trusting_the_relay_s_authority() {
    use ladder_app::delivery::{SendError, Transport};
    let test = "mail_goes_over_tls_and_starttls_with_a_sign_in_trusting_the_relay_s_authority";
    let dir = tempfile::tempdir().expect("dir");
    let Some((ca, cert, key)) = relay_certificates(test, dir.path()) else { return };
    let mailer = |url: String| {
        let settings =
            SmtpSettings { url, from: "Café Ladder <hello@shop.example>".into(), dkim: None, connections: 2 };
        SmtpMailer::new(&settings).expect("mailer")
    };
    for (mode, credentials, query) in [("implicit", "", ""), ("starttls", "shop:p%40ss%20w0rd@", "tls=required&")] {
        let extra = [std::ffi::OsStr::new(mode), cert.as_os_str(), key.as_os_str()];
        let Some(server) = SmtpServer::start_with(test, &extra) else { return };
        let scheme = if mode == "implicit" { "smtps" } else { "smtp" };
        let url = |credentials: &str, authority: bool| {
            let root = if authority { format!("sslrootcert={}", ca.display()) } else { String::new() };
            format!("{scheme}://{credentials}127.0.0.1:{}?{query}{root}", server.port)
        };
        let trusted = mailer(url(credentials, true));
        for n in 1..=3 {
            trusted.send(&test_message(n, "dana@example.com")).unwrap_or_else(|e| panic!("{mode}: {e}"));
        }
        let received = server.received();
        assert_eq!(received.len(), 3, "{mode}: every message arrives, on connections kept open");
        assert!(received.iter().all(|(to, m)| to == "dana@example.com" && m.contains("Thank you for order")));

        let untrusted = mailer(url(credentials, false)).send(&test_message(4, "dana@example.com"));
        assert!(
            matches!(&untrusted, Err(SendError::Retry(why)) if why.to_lowercase().contains("certificate")),
            "{mode}: an authority not trusted stops the mail: {untrusted:?}"
        );
        if mode == "starttls" {
            let refused = mailer(url("shop:wrong@", true)).send(&test_message(5, "dana@example.com"));
            assert!(
                matches!(&refused, Err(SendError::Retry(why)) if why.contains("sign-in refused")),
                "a wrong password: {refused:?}"
            );
        }
        assert_eq!(server.received().len(), 3, "{mode}: nothing more arrived");
    }
}

/// Where the owner turns click tracking on, an offer's web addresses go as signed links to the shop that
/// count the click and lead on to the address; the unsubscribe link stays direct, a forged link leads
/// nowhere, and the broadcast's report counts who clicked.
#[test]
fn tracked_links_count_a_click_and_lead_on_to_the_message_s_own_address() {
    let test = "tracked_links_count_a_click_and_lead_on_to_the_message_s_own_address";
    let Some(server) = SmtpServer::start(test) else { return };
    let dir = tempfile::tempdir().expect("dir");
    let (app, _) = shop(dir.path(), ts("2026-11-03T08:00:00Z"));
    let mut settings = app.store().shop_settings().expect("settings");
    settings.sending.track_clicks = true;
    ladder_app::shop::save_settings(&app, &Actor::Cli, settings).expect("track clicks");
    let draft = TemplateDraft {
        name: "beans".into(),
        channel: Channel::Email,
        language: "en".into(),
        purpose: MessagePurpose::Offer,
        subject: Some("Beans".into()),
        body: "Hello {{ first_name }},\n\nNew beans: https://beans.example/autumn?ref=mail\n\nLeave: {{ unsubscribe_url }}"
            .into(),
    };
    templates::add(&app, &Actor::Cli, &draft).expect("template");
    let id = broadcast_to_all(&app, "beans", Channel::Email, None, false);
    let key = dir.path().join("dkim.key");
    std::fs::write(&key, "nWGxne/9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A=\n").expect("key");
    assert_eq!(dispatcher(&app, &server, &key).deliver_due().expect("deliver").sent, 2);

    let received = server.received();
    let alex = received.iter().find(|(to, _)| to == "alex@example.com").map(|(_, m)| decoded(m)).expect("Alex's");
    assert!(!alex.contains("https://beans.example/autumn"), "the address goes as a tracked link: {alex}");
    let via = alex
        .split_whitespace()
        .find(|w| w.starts_with("https://shop.example/ladder/r/"))
        .map(|w| w.trim_end_matches(['"', '<', '>']).split('"').next().unwrap_or(w).to_owned())
        .expect("a tracked link");
    assert!(alex.contains("https://shop.example/ladder/u/"), "the unsubscribe link stays direct: {alex}");
    let token = via.trim_start_matches("https://shop.example/ladder/r/");
    assert_eq!(ladder_app::messages::follow(&app, token).expect("follow"), "https://beans.example/autumn?ref=mail");
    assert_eq!(ladder_app::messages::follow(&app, token).expect("again"), "https://beans.example/autumn?ref=mail");
    let forged = token.replacen(".0-", ".1-", 1);
    assert!(ladder_app::messages::follow(&app, &forged).is_err(), "a link Ladder did not sign leads nowhere");
    let results = broadcasts::report(&app, &Actor::Cli, id).expect("report").results.expect("results");
    assert_eq!(results.clicked, 1, "Alex, who clicked twice");
    let outbox = app
        .store()
        .outbox(&OutboxQuery { cause: Some(format!("broadcast:{id}")), limit: 10, ..OutboxQuery::default() })
        .expect("outbox");
    let sent = outbox.iter().find(|m| m.customer_id == "C2").expect("Alex's message");
    let (_, shown) = ladder_app::messages::shown(&app, &Actor::Cli, sent.id).expect("shown");
    assert!(shown.expect("its text").body.contains(&via), "shown again as it went, with the tracked link");
}

/// A connection the server dropped while it sat in the pool is noticed before a message is given to
/// it: the next message goes on a new connection instead of failing.
#[test]
fn a_pooled_connection_the_server_dropped_is_replaced_before_a_message_fails_on_it() {
    use ladder_app::delivery::Transport;
    let test = "a_pooled_connection_the_server_dropped_is_replaced_before_a_message_fails_on_it";
    let extra = [std::ffi::OsStr::new("timeout"), std::ffi::OsStr::new("1")];
    let Some(server) = SmtpServer::start_with(test, &extra) else { return };
    let settings = SmtpSettings {
        url: format!("smtp://127.0.0.1:{}", server.port),
        from: "Café Ladder <hello@shop.example>".into(),
        dkim: None,
        connections: 1,
    };
    let mailer = SmtpMailer::new(&settings).expect("mailer");
    mailer.send(&test_message(1, "dana@example.com")).expect("the first");
    // Quiet for longer than the server waits, and than Ladder trusts a pooled connection unasked.
    std::thread::sleep(std::time::Duration::from_secs(6));
    mailer.send(&test_message(2, "dana@example.com")).expect("the second, on a new connection");
    assert_eq!(server.received().len(), 2);
}
