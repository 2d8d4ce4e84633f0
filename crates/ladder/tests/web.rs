//! The web app, as its users meet it: `ladder serve --demo` started as a process on a free port against
//! a fresh database, and real HTTP requests to it.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::OnceLock;

/// A running server; stopped when the tests' process ends.
struct Server {
    base: String,
    password: String,
    dir: tempfile::TempDir,
    _child: Child,
}

fn ladder(dir: &tempfile::TempDir) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_ladder"));
    command.arg("--database").arg(dir.path().join("shop.db")).env_remove("LADDER_DATABASE_URL");
    command
}

/// One server for the whole file: the demo shop takes a moment to create.
fn server() -> &'static Server {
    static SERVER: OnceLock<Server> = OnceLock::new();
    SERVER.get_or_init(|| {
        let dir = tempfile::tempdir().expect("temporary folder");
        let mut child = ladder(&dir)
            .args(["serve", "--demo", "--demo-customers", "400", "--bind", "127.0.0.1:0"])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start ladder serve");
        let mut lines = BufReader::new(child.stdout.take().expect("stdout")).lines();
        let mut base = None;
        let mut password = None;
        while base.is_none() || password.is_none() {
            let line = lines.next().expect("the server prints its address and the first login").expect("line");
            if let Some(rest) = line.strip_prefix("Ladder is running at ") {
                base = rest.split_whitespace().next().map(|u| u.trim_end_matches('/').to_owned());
            }
            if let Some(rest) = line.strip_prefix("Sign in as owner@demo.shop with the password ") {
                password = Some(rest.trim().to_owned());
            }
        }
        // Keep reading what the server prints, so that it never blocks on a full pipe.
        std::thread::spawn(move || for _ in lines {});
        let server = Server { base: base.expect("address"), password: password.expect("password"), dir, _child: child };
        let add = ladder(&server.dir)
            .args(["user", "add", "viewer@demo.shop", "--role", "viewer", "--language", "fa"])
            .env("LADDER_PASSWORD", "viewer-password-1")
            .output()
            .expect("add a viewer");
        assert!(add.status.success(), "{}", String::from_utf8_lossy(&add.stderr));
        let add = ladder(&server.dir)
            .args(["user", "add", "browser@demo.shop", "--role", "owner"])
            .env("LADDER_PASSWORD", "browser-password-1")
            .output()
            .expect("add the browser test's owner");
        assert!(add.status.success(), "{}", String::from_utf8_lossy(&add.stderr));
        server
    })
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder().max_redirects(0).http_status_as_error(false).build().into()
}

struct Reply {
    status: u16,
    location: Option<String>,
    cookies: Vec<String>,
    body: String,
}

fn reply(response: Result<ureq::http::Response<ureq::Body>, ureq::Error>) -> Reply {
    let mut response = response.expect("an answer");
    let header = |name: &str| response.headers().get(name).and_then(|v| v.to_str().ok()).map(str::to_owned);
    let location = header("location");
    let cookies =
        response.headers().get_all("set-cookie").iter().filter_map(|v| v.to_str().ok()).map(str::to_owned).collect();
    Reply {
        status: response.status().as_u16(),
        location,
        cookies,
        body: response.body_mut().read_to_string().unwrap_or_default(),
    }
}

/// A browser's session: the cookies it holds.
struct Browser {
    agent: ureq::Agent,
    cookies: Vec<(String, String)>,
    language: &'static str,
}

impl Browser {
    fn new(language: &'static str) -> Self {
        Self { agent: agent(), cookies: Vec::new(), language }
    }

    fn cookie_header(&self) -> String {
        self.cookies.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join("; ")
    }

    fn keep(&mut self, reply: &Reply) {
        for c in &reply.cookies {
            let pair = c.split(';').next().unwrap_or_default();
            if let Some((k, v)) = pair.split_once('=') {
                self.cookies.retain(|(name, _)| name != k);
                if !v.is_empty() {
                    self.cookies.push((k.to_owned(), v.to_owned()));
                }
            }
        }
    }

    fn get(&mut self, path: &str) -> Reply {
        let r = reply(
            self.agent
                .get(format!("{}{path}", server().base))
                .header("cookie", self.cookie_header())
                .header("accept-language", self.language)
                .call(),
        );
        self.keep(&r);
        r
    }

    fn post(&mut self, path: &str, form: &[(&str, &str)]) -> Reply {
        let r = reply(
            self.agent
                .post(format!("{}{path}", server().base))
                .header("cookie", self.cookie_header())
                .header("accept-language", self.language)
                .send_form(form.iter().copied()),
        );
        self.keep(&r);
        r
    }

    fn sign_in(&mut self, email: &str, password: &str) -> Reply {
        let form = self.get("/login");
        let csrf = hidden(&form.body, "csrf");
        self.post("/login", &[("email", email), ("password", password), ("csrf", &csrf), ("next", "/")])
    }
}

/// The value of a hidden form field.
fn hidden(html: &str, name: &str) -> String {
    let marker = format!("name=\"{name}\" value=\"");
    let start = html.find(&marker).unwrap_or_else(|| panic!("no field {name} in {html}")) + marker.len();
    html[start..].split('"').next().unwrap_or_default().to_owned()
}

fn owner() -> Browser {
    let mut b = Browser::new("en");
    let r = b.sign_in("owner@demo.shop", &server().password);
    assert_eq!((r.status, r.location.as_deref()), (303, Some("/")), "{}", r.body);
    b
}

#[test]
fn a_visitor_is_sent_to_sign_in_in_their_language() {
    let mut b = Browser::new("he-IL,he;q=0.9,en;q=0.5");
    let r = b.get("/customers?q=a");
    assert_eq!(r.status, 303);
    assert_eq!(r.location.as_deref(), Some("/login?next=/customers%3Fq%3Da"));
    let login = b.get("/login");
    assert_eq!(login.status, 200);
    assert!(login.body.contains(r#"<html lang="he" dir="rtl">"#), "{}", &login.body[..300]);
    let mut persian = Browser::new("fa-IR");
    assert!(persian.get("/login").body.contains(r#"<html lang="fa" dir="rtl">"#));
    assert!(Browser::new("en-US").get("/login").body.contains(r#"<html lang="en" dir="ltr">"#));
}

#[test]
fn signing_in_sets_a_safe_cookie_and_shows_the_dashboard() {
    let mut b = Browser::new("en");
    let r = b.sign_in("owner@demo.shop", &server().password);
    assert_eq!(r.status, 303);
    let session = r.cookies.iter().find(|c| c.starts_with("ladder_session=")).expect("session cookie");
    assert!(session.contains("HttpOnly") && session.contains("SameSite=Lax"), "{session}");
    let home = b.get("/");
    assert_eq!(home.status, 200);
    for part in [r#"id="funnel""#, r#"id="states""#, r#"id="contact-today""#, r#"id="third-purchase""#, "Loyal"] {
        assert!(home.body.contains(part), "the dashboard lacks {part}");
    }
    let out = b.post("/logout", &[("csrf", &hidden(&home.body, "csrf"))]);
    assert_eq!(out.location.as_deref(), Some("/login"));
    assert_eq!(b.get("/").status, 303, "signed out");
}

#[test]
fn a_wrong_password_is_refused_and_guessing_is_stopped() {
    let mut b = Browser::new("en");
    let r = b.sign_in("nobody@demo.shop", "wrong password");
    assert_eq!(r.status, 200);
    assert!(r.body.contains("The email or the password is wrong."));
    for _ in 0..5 {
        b.sign_in("nobody@demo.shop", "wrong password");
    }
    assert_eq!(b.sign_in("nobody@demo.shop", "wrong password").status, 429);
    // Without the form's token, nothing is even checked.
    let forged = b.post("/login", &[("email", "owner@demo.shop"), ("password", "x"), ("csrf", "made-up")]);
    assert_eq!(forged.status, 403);
}

#[test]
fn customers_are_found_listed_and_exported() {
    let mut b = owner();
    let list = b.get("/customers?rung=loyal&sort=spend");
    assert_eq!(list.status, 200);
    let first = list.body.split("href=\"/customers/").nth(1).expect("a loyal customer").split('"').next().expect("id");
    let page = b.get(&format!("/customers/{first}"));
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Loyal") && page.body.contains(r#"id="orders""#), "{}", page.body);
    let csv = b.get("/customers.csv?rung=loyal");
    assert_eq!(csv.status, 200);
    assert!(csv.body.starts_with("\u{feff}customer_id,name,email"), "{}", &csv.body[..80]);
    assert!(csv.body.lines().count() > 1);
    assert_eq!(b.get("/customers/NO-SUCH-ID").status, 404);
}

#[test]
fn an_edit_needs_the_form_token_and_is_audited() {
    let mut b = owner();
    let list = b.get("/customers?sort=name");
    let id =
        list.body.split("href=\"/customers/").nth(1).expect("a customer").split('"').next().expect("id").to_owned();
    let page = b.get(&format!("/customers/{id}"));
    let csrf = hidden(&page.body, "csrf");
    let form = |csrf: &str| {
        vec![
            ("csrf", csrf.to_owned()),
            ("first_name", "Ольга".to_owned()),
            ("last_name", "כהן".to_owned()),
            ("company", String::new()),
            ("email", "olga@example.com".to_owned()),
            ("phone", String::new()),
            ("city", "تهران".to_owned()),
            ("country", "ir".to_owned()),
            ("preferred_language", "ru".to_owned()),
            ("preferred_channel", "email".to_owned()),
            ("tags", "vip, coffee".to_owned()),
            ("consent_email", "yes".to_owned()),
            ("consent_sms", "no".to_owned()),
            ("consent_phone", String::new()),
            ("consent_mail", String::new()),
            ("consent_fax", String::new()),
        ]
    };
    let path = format!("/customers/{id}/profile");
    let forged: Vec<(&str, String)> = form("forged");
    let pairs: Vec<(&str, &str)> = forged.iter().map(|(k, v)| (*k, v.as_str())).collect();
    assert_eq!(b.post(&path, &pairs).status, 403, "a forged form changes nothing");
    let real = form(&csrf);
    let pairs: Vec<(&str, &str)> = real.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let saved = b.post(&path, &pairs);
    assert_eq!(saved.status, 303, "{}", saved.body);
    let after = b.get(&format!("/customers/{id}"));
    for part in ["Ольга", "כהן", "تهران", "olga@example.com", "IR", "vip"] {
        assert!(after.body.contains(part), "{part} missing after the edit");
    }
    let settings = b.get("/settings");
    assert!(settings.body.contains("edit_customer") && settings.body.contains(&format!("customer:{id}")));
}

#[test]
fn a_viewer_may_look_but_not_change_and_reads_persian() {
    let mut b = Browser::new("en");
    assert_eq!(b.sign_in("viewer@demo.shop", "viewer-password-1").status, 303);
    let home = b.get("/");
    assert!(home.body.contains(r#"<html lang="fa" dir="rtl">"#), "their language, right to left");
    assert!(home.body.chars().any(|c| ('۰'..='۹').contains(&c)), "Persian digits");
    let list = b.get("/customers");
    let id =
        list.body.split("href=\"/customers/").nth(1).expect("a customer").split('"').next().expect("id").to_owned();
    let page = b.get(&format!("/customers/{id}"));
    assert!(!page.body.contains("profile-form"), "no edit form for a viewer");
    let csrf = hidden(&page.body, "csrf");
    let refused = b.post(&format!("/customers/{id}/interactions"), &[("csrf", &csrf), ("kind", "call"), ("note", "x")]);
    assert_eq!(refused.status, 403);
    assert!(refused.body.contains(r#"dir="rtl""#), "the refusal speaks their language");
    assert!(!b.get("/settings").body.contains(r#"id="users""#), "no user management");
}

#[test]
fn the_api_answers_with_tokens_and_json_errors() {
    let mut b = owner();
    let settings = b.get("/settings");
    let created = b.post("/settings/tokens", &[("csrf", &hidden(&settings.body, "csrf")), ("name", "web shop")]);
    assert_eq!(created.status, 200);
    let token = created.body.split(r#"id="new-token">"#).nth(1).expect("token shown").split('<').next().expect("token");
    let api = agent();
    let base = &server().base;
    let get = |path: &str, token: Option<&str>| {
        let mut request = api.get(format!("{base}/api/v1{path}"));
        if let Some(t) = token {
            request = request.header("authorization", format!("Bearer {t}"));
        }
        reply(request.call())
    };
    let anonymous = get("/customers", None);
    assert_eq!(anonymous.status, 401);
    assert!(serde_json::from_str::<serde_json::Value>(&anonymous.body).expect("JSON")["error"].is_string());
    let page = get("/customers?rung=loyal&limit=5", Some(token));
    assert_eq!(page.status, 200, "{}", page.body);
    let json: serde_json::Value = serde_json::from_str(&page.body).expect("JSON");
    assert!(json["customers"].as_array().is_some_and(|c| !c.is_empty() && c.len() <= 5));
    assert!(json["customers"].as_array().expect("list").iter().all(|c| c["rung"] == "loyal"));
    let bad = get("/customers?limit=5000", Some(token));
    assert_eq!(
        (bad.status, serde_json::from_str::<serde_json::Value>(&bad.body).expect("JSON")["field"].clone()),
        (422, "limit".into())
    );
    let openapi: serde_json::Value = serde_json::from_str(&get("/openapi.json", None).body).expect("OpenAPI JSON");
    assert_eq!(openapi["openapi"], "3.0.3");
    let post = reply(
        api.post(format!("{base}/api/v1/customers"))
            .header("authorization", format!("Bearer {token}"))
            .header("content-type", "application/json")
            .send(r#"{"customer_id": "API-1", "first_name": "Dana", "consents": [{"channel": "email", "granted": true}]}"#),
    );
    assert_eq!(post.status, 201, "{}", post.body);
    let broken = reply(
        api.post(format!("{base}/api/v1/customers"))
            .header("authorization", format!("Bearer {token}"))
            .header("content-type", "application/json")
            .send(r#"{"customer_id": 5}"#),
    );
    assert_eq!(broken.status, 422);
    assert_eq!(get("/customers/API-1", Some(token)).status, 200);
}

/// The pages in a real headless Chromium, driven by Playwright (`web-tests/browser.mjs`); screenshots
/// are kept in `target/screenshots/`. Skips, saying why, where Node, Playwright or Chromium is missing.
#[test]
fn the_pages_work_in_a_real_browser() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let tests = root.join("web-tests");
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".to_owned());
    let node = Command::new("node").arg("--version").output().is_ok_and(|o| o.status.success());
    let missing = if !node {
        Some("node is not installed".to_owned())
    } else if !tests.join("node_modules/playwright-core").exists() {
        Some("playwright-core is not installed (cd web-tests && npm ci)".to_owned())
    } else if !std::path::Path::new(&chromium).exists() {
        Some(format!("Chromium is not at {chromium} (apt-get install chromium, or set CHROMIUM)"))
    } else {
        None
    };
    if let Some(reason) = missing {
        eprintln!("skipping the browser test: {reason}");
        return;
    }
    let shots = root.join("target/screenshots");
    let out = Command::new("node")
        .arg(tests.join("browser.mjs"))
        .args([server().base.as_str(), "browser@demo.shop", "browser-password-1"])
        .arg(&shots)
        .env("CHROMIUM", &chromium)
        .output()
        .expect("run the browser test");
    let report = String::from_utf8_lossy(&out.stdout);
    println!("{report}");
    assert!(out.status.success(), "the browser test failed:\n{report}\n{}", String::from_utf8_lossy(&out.stderr));
    assert!(shots.join("dashboard-fa.png").exists(), "screenshots are kept");
}
