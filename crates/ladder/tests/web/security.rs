//! The defects a security review found, each reproduced against the running server: where a link may
//! send a signed-in user, what a page lets a browser keep, how sign-in answers guessing (also behind a
//! proxy), which fields a role sees, what the API answers when axum itself refuses, and what a name with
//! a direction override does to a title, a CSV file and a terminal.

use super::*;

fn json(reply: &Reply) -> serde_json::Value {
    serde_json::from_str(&reply.body).unwrap_or_else(|e| panic!("not JSON ({e}): {:?}", reply.body))
}

#[test]
fn sign_in_and_the_language_form_send_nobody_to_another_site() {
    let mut b = Browser::new("en");
    let form = b.get("/login?next=/%09/evil.example");
    assert_eq!(unescape(&hidden(&form.body, "next")), "/", "the tab a browser drops would make //evil.example");
    let csrf = hidden(&form.body, "csrf");
    let password = server().password.clone();
    for next in ["/\t/evil.example", "/\\evil.example", "//evil.example", "/x\r\nSet-Cookie: a=b"] {
        let r =
            b.post("/login", &[("email", "owner@demo.shop"), ("password", &password), ("csrf", &csrf), ("next", next)]);
        assert_eq!((r.status, r.location.as_deref()), (303, Some("/")), "next {next:?}: {}", r.body);
    }
    let home = b.get("/");
    let csrf = hidden(&home.body, "csrf");
    for next in ["/\t/evil.example", "/x\nSet-Cookie: a=b"] {
        let r = b.post("/language", &[("language", "en"), ("csrf", &csrf), ("next", next)]);
        assert_eq!((r.status, r.location.as_deref()), (303, Some("/")), "next {next:?}: {}", r.body);
    }
    let r = b.post("/language", &[("language", "en"), ("csrf", &csrf), ("next", "/customers?q=שלום")]);
    assert_eq!(r.location.as_deref(), Some("/customers?q=%D7%A9%D7%9C%D7%95%D7%9D"), "letters encoded, not a 500");
}

#[test]
fn signed_in_pages_are_not_kept_by_the_browser() {
    let mut b = owner();
    for path in ["/", "/settings", "/customers", "/customers.csv"] {
        let response = agent()
            .get(format!("{}{path}", server().base))
            .header("cookie", b.cookie_header())
            .call()
            .expect("an answer");
        let cache = response.headers().get("cache-control").and_then(|v| v.to_str().ok()).unwrap_or_default();
        assert_eq!(cache, "no-store", "{path}");
    }
    let asset = agent().get(format!("{}/assets/app.css", server().base)).call().expect("an answer");
    assert!(asset.headers().get("cache-control").is_some_and(|v| v.to_str().unwrap_or("").contains("max-age")));
    let _ = b.get("/");
}

#[test]
fn the_account_limit_counts_an_email_however_it_is_typed() {
    let mut b = Browser::new("en");
    for typed in ["limit@demo.shop", " limit@demo.shop", "LIMIT@demo.shop ", " Limit@Demo.Shop", "limit@demo.shop"] {
        assert_eq!(b.sign_in(typed, "wrong password").status, 200, "{typed:?} is checked and fails");
    }
    for typed in [" limit@demo.shop", "limit@demo.shop  ", "LIMIT@DEMO.SHOP"] {
        assert_eq!(b.sign_in(typed, "wrong password").status, 429, "{typed:?} is the same locked account");
    }
}

/// A server behind a proxy Ladder trusts (the tests' own address), over HTTPS (secure cookies).
fn behind_a_proxy() -> &'static Server {
    static SERVER: OnceLock<Server> = OnceLock::new();
    SERVER.get_or_init(|| {
        let dir = tempfile::tempdir().expect("temporary folder");
        let database = dir.path().join("shop.db").display().to_string();
        start_with(&database, dir, |c| {
            c.env("LADDER_TRUSTED_PROXY", "127.0.0.1/32").env("LADDER_SECURE_COOKIES", "true");
        })
    })
}

/// A sign-in through the proxy for the client at `client`.
fn sign_in_from(client: &str, email: &str, password: &str) -> Reply {
    let base = &behind_a_proxy().base;
    let form = reply(agent().get(format!("{base}/login")).header("x-forwarded-for", client).call());
    let csrf = hidden(&form.body, "csrf");
    let login_cookie = form.cookies.iter().find(|c| c.starts_with("ladder_login_csrf=")).expect("form cookie");
    let cookie = login_cookie.split(';').next().expect("pair").to_owned();
    reply(
        agent()
            .post(format!("{base}/login"))
            .header("x-forwarded-for", format!("203.0.113.200, {client}"))
            .header("cookie", cookie)
            .send_form([("email", email), ("password", password), ("csrf", csrf.as_str()), ("next", "/")]),
    )
}

#[test]
fn behind_a_trusted_proxy_each_client_has_its_own_limit_and_a_right_password_still_signs_in() {
    let server = behind_a_proxy();
    for _ in 0..5 {
        assert_eq!(sign_in_from("198.51.100.1", "owner@demo.shop", "wrong password").status, 200);
    }
    assert_eq!(sign_in_from("198.51.100.1", "owner@demo.shop", &server.password).status, 429, "locked there");
    let elsewhere = sign_in_from("198.51.100.2", "owner@demo.shop", &server.password);
    assert_eq!(elsewhere.status, 303, "another client behind the same proxy is not locked out");
    // Someone guessing many accounts from one address slows it down, but does not lock out a colleague
    // who gives the right password from there.
    for i in 0..21 {
        sign_in_from("198.51.100.3", &format!("guess{i}@demo.shop"), "wrong password");
    }
    assert_eq!(sign_in_from("198.51.100.3", "owner@demo.shop", &server.password).status, 303);
    let session = elsewhere.cookies.iter().find(|c| c.starts_with("ladder_session=")).expect("session");
    assert!(session.contains("; Secure"), "{session}");
}

#[test]
fn the_language_cookie_is_secure_when_cookies_are() {
    let base = &behind_a_proxy().base;
    let r = reply(agent().post(format!("{base}/language")).send_form([("language", "he"), ("next", "/login")]));
    let cookie = r.cookies.iter().find(|c| c.starts_with("ladder_lang=")).expect("language cookie");
    assert!(cookie.contains("; Secure") && cookie.contains("HttpOnly"), "{cookie}");
}

#[test]
fn a_forwarded_address_from_an_untrusted_peer_is_ignored() {
    // The shared server trusts no proxy: a made-up X-Forwarded-For does not give a guesser new tries.
    let base = &server().base;
    let attempt = |client: &str| {
        let form = reply(agent().get(format!("{base}/login")).call());
        let csrf = hidden(&form.body, "csrf");
        let cookie = form.cookies[0].split(';').next().expect("pair").to_owned();
        reply(
            agent()
                .post(format!("{base}/login"))
                .header("x-forwarded-for", client)
                .header("cookie", cookie)
                .send_form([("email", "forged@demo.shop"), ("password", "wrong"), ("csrf", csrf.as_str())]),
        )
        .status
    };
    for i in 0..5 {
        assert_eq!(attempt(&format!("192.0.2.{i}")), 200);
    }
    assert_eq!(attempt("192.0.2.99"), 429);
}

/// A user with `role`, signed in.
fn signed_in_as(role: &str) -> Browser {
    let email = format!("{role}-fields@demo.shop");
    let add = ladder(&server().dir)
        .args(["user", "add", &email, "--role", role])
        .env("LADDER_PASSWORD", "role-password-1")
        .output()
        .expect("add a user");
    let stderr = String::from_utf8_lossy(&add.stderr);
    assert!(add.status.success() || stderr.contains("taken") || stderr.contains("in use"), "{stderr}");
    let mut b = Browser::new("en");
    assert_eq!(b.sign_in(&email, "role-password-1").status, 303);
    b
}

#[test]
fn each_role_sees_the_routes_and_the_fields_its_permissions_grant() {
    use ladder_domain::access::{Permission, Role};
    for role in Role::ALL {
        let mut b = signed_in_as(role.as_str());
        let values = role.allows(Permission::ViewReports);
        let list = b.get("/customers?sort=spend&min_clv=0");
        assert_eq!(list.status, 200, "{role}");
        assert_eq!(list.body.contains(">Spent</a>"), values, "{role}: the spend column");
        assert_eq!(list.body.contains("name=\"min_clv\""), values, "{role}: the value filter");
        let page = b.get("/customers/C0000001");
        assert_eq!(page.body.contains("<dt>Spent</dt>"), values, "{role}: spend on the customer page");
        let csv = b.get("/customers.csv");
        let header = csv.body.lines().next().unwrap_or_default().to_owned();
        assert_eq!(header.contains("spend"), values, "{role}: {header}");
        assert_eq!(header.contains("clv"), values, "{role}: {header}");
        let routes = [
            ("/reports", Permission::ViewReports),
            ("/campaigns", Permission::ViewReports),
            ("/segments", Permission::ViewCustomers),
            ("/import", Permission::ImportData),
            // Everyone may read the thresholds that place customers; only the owner changes them.
            ("/settings/shop", Permission::ViewCustomers),
            ("/jobs", Permission::ManageSettings),
        ];
        for (path, permission) in routes {
            let status = b.get(path).status;
            assert_eq!(status == 200, role.allows(permission), "{role} on {path}: {status}");
        }
    }
}

#[test]
fn the_api_takes_any_case_of_bearer_and_answers_every_error_in_json() {
    let mut b = owner();
    let token = api_token(&mut b);
    let base = &server().base;
    let lower = reply(
        agent()
            .get(format!("{base}/api/v1/customers?limit=1"))
            .header("authorization", format!("bearer {token}"))
            .call(),
    );
    assert_eq!(lower.status, 200, "{}", lower.body);
    for path in ["/customers?limit=many", "/segments/not-a-number", "/segments/1/customers?offset=-1"] {
        let r = api_get(&token, path);
        assert_eq!(r.status, 400, "{path}: {}", r.body);
        assert!(json(&r)["error"].as_str().is_some_and(|e| !e.is_empty()), "{path}");
    }
    let wrong_method = reply(
        agent().delete(format!("{base}/api/v1/customers")).header("authorization", format!("Bearer {token}")).call(),
    );
    assert_eq!(wrong_method.status, 405);
    assert!(json(&wrong_method)["error"].as_str().is_some_and(|e| e.contains("DELETE")), "{}", wrong_method.body);
    // 50 MB, written by another thread while this one reads the answer: the server may answer and close
    // before it has read the body, and the answer is what counts.
    let (status, answer) = post_huge(base, &token, 50 * 1024 * 1024);
    assert_eq!(status, 413, "{answer}");
    let answer: serde_json::Value = serde_json::from_str(&answer).expect("JSON");
    assert!(answer["error"].as_str().is_some_and(|e| e.contains("MiB")), "{answer}");
}

#[test]
fn revoking_a_token_that_is_not_yours_says_so_and_changes_nothing() {
    let mut owner_browser = owner();
    let token = api_token(&mut owner_browser);
    let token_id = {
        let settings = owner_browser.get("/settings");
        let marker = "/settings/tokens/";
        let start = settings.body.rfind(marker).expect("a token row") + marker.len();
        settings.body[start..].split('/').next().expect("id").to_owned()
    };
    let mut sales = signed_in_as("sales");
    let csrf = hidden(&sales.get("/settings").body, "csrf");
    let refused = sales.post(&format!("/settings/tokens/{token_id}/revoke"), &[("csrf", &csrf)]);
    assert_eq!(refused.status, 404, "{:?}", refused.location);
    assert_eq!(api_get(&token, "/customers?limit=1").status, 200, "the owner's token still works");
}

#[test]
fn a_shop_setting_beyond_reason_is_refused_not_stored_as_1e20() {
    let mut b = owner();
    let form = b.get("/settings/shop");
    let csrf = hidden(&form.body, "csrf");
    let fields = thresholds(&csrf, &[("lost_min_days", "99999999999999999999")]);
    let r = b.post("/settings/shop", &fields);
    assert_eq!(r.status, 422, "{}", r.body);
    assert!(r.body.contains("36500"), "the highest allowed is named");
    assert!(!b.get("/settings/shop").body.contains("100000000000000000000"));
}

#[test]
fn a_direction_override_in_a_name_stays_out_of_titles_csv_and_the_terminal() {
    let mut b = owner();
    let token = api_token(&mut b);
    for body in [
        r#"{"customer_id": "BIDI-1", "first_name": "Eve\u202Egnp.exe"}"#,
        r#"{"customer_id": "BIDI-2", "first_name": "=HYPERLINK(\"http://x\")"}"#,
    ] {
        let created = api_send(&token, "/customers", "application/json", body);
        assert!(created.status == 201 || created.status == 200, "{}", created.body);
    }
    let page = b.get("/customers/BIDI-1");
    let title = page.body.split("<title>").nth(1).and_then(|t| t.split("</title>").next()).expect("title");
    assert!(title.contains("Evegnp.exe") && !title.contains('\u{202E}'), "{title:?}");
    let csv = b.get("/customers.csv?q=BIDI-");
    let row = |id: &str| {
        csv.body.lines().find(|l| l.starts_with(id)).unwrap_or_else(|| panic!("no {id} in {}", csv.body)).to_owned()
    };
    assert!(!row("BIDI-1").contains('\u{202E}'), "{:?}", row("BIDI-1"));
    assert!(row("BIDI-2").contains(",\"'=HYPERLINK"), "a formula is neutralised: {:?}", row("BIDI-2"));
    let out = ladder(&server().dir).args(["customer", "list", "--search", "BIDI-1"]).output().expect("run ladder");
    let table = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success() && table.contains("Evegnp.exe") && !table.contains('\u{202E}'), "{table}");
}

/// Posts a JSON body of `size` bytes over a plain connection; the status and the body of the answer.
fn post_huge(base: &str, token: &str, size: usize) -> (u16, String) {
    use std::io::{Read, Write};
    let address = base.trim_start_matches("http://");
    let mut stream = std::net::TcpStream::connect(address).expect("connect");
    let head = format!(
        "POST /api/v1/customers HTTP/1.1\r\nHost: {address}\r\nAuthorization: Bearer {token}\r\n\
         Content-Type: application/json\r\nContent-Length: {size}\r\nConnection: close\r\n\r\n"
    );
    stream.write_all(head.as_bytes()).expect("write the head");
    let mut writer = stream.try_clone().expect("clone");
    let sending = std::thread::spawn(move || {
        let chunk = vec![b' '; 64 * 1024];
        let mut left = size;
        while left > 0 {
            let n = left.min(chunk.len());
            if writer.write_all(&chunk[..n]).is_err() {
                break;
            }
            left -= n;
        }
    });
    let mut answer = Vec::new();
    let _ = stream.read_to_end(&mut answer);
    let _ = stream.shutdown(std::net::Shutdown::Both);
    let _ = sending.join();
    let answer = String::from_utf8_lossy(&answer).into_owned();
    let status = answer.split_whitespace().nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    let body = answer.split("\r\n\r\n").nth(1).unwrap_or_default().to_owned();
    (status, body)
}
