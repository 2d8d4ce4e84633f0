//! Accounts as an owner runs them: a lost password reset from the command line, a user changing their
//! own, new users starting with the least role, a disabled user out for good, tokens that expire.

use super::*;

/// Adds a user from the command line with a password, and signs them in.
fn user(email: &str, role: &str, password: &str) -> Browser {
    let add = ladder(&server().dir)
        .args(["user", "add", email, "--role", role])
        .env("LADDER_PASSWORD", password)
        .output()
        .expect("add a user");
    assert!(add.status.success(), "{}", String::from_utf8_lossy(&add.stderr));
    let mut b = Browser::new("en");
    assert_eq!(b.sign_in(email, password).status, 303);
    b
}

fn users_json() -> serde_json::Value {
    cli_json(server(), &["user", "list", "--format", "json"])
}

#[test]
fn a_lost_password_is_reset_from_the_command_line_and_old_sessions_end() {
    let mut before = user("reset@demo.shop", "sales", "first-password-1");
    let reset = ladder(&server().dir)
        .args(["user", "reset-password", " Reset@demo.shop "])
        .env("LADDER_PASSWORD", "second-password-2")
        .output()
        .expect("reset");
    assert!(reset.status.success(), "{}", String::from_utf8_lossy(&reset.stderr));
    assert_eq!(before.get("/").status, 303, "the old session was signed out");
    assert_eq!(Browser::new("en").sign_in("reset@demo.shop", "first-password-1").status, 200, "old password");
    assert_eq!(Browser::new("en").sign_in("reset@demo.shop", "second-password-2").status, 303);
    let generated = ladder(&server().dir).args(["user", "reset-password", "reset@demo.shop"]).output().expect("reset");
    let said = String::from_utf8_lossy(&generated.stderr);
    let password = said.rsplit(": ").next().expect("the password").trim().to_owned();
    assert!(password.len() >= 16, "{said}");
    assert_eq!(Browser::new("en").sign_in("reset@demo.shop", &password).status, 303);
    let unknown = ladder(&server().dir).args(["user", "reset-password", "nobody@nowhere"]).output().expect("run");
    assert!(!unknown.status.success());
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("ladder user list"));
}

#[test]
fn every_user_changes_their_own_password_with_the_current_one() {
    let mut here = user("own@demo.shop", "support", "own-password-1");
    let mut elsewhere = Browser::new("en");
    assert_eq!(elsewhere.sign_in("own@demo.shop", "own-password-1").status, 303);
    let csrf = hidden(&here.get("/settings").body, "csrf");
    let wrong = here
        .post("/settings/password", &[("csrf", &csrf), ("current_password", "not it"), ("password", "own-password-2")]);
    assert_eq!(wrong.location.as_deref(), Some("/settings?problem=password-wrong#password"));
    let page = here.get("/settings?problem=password-wrong");
    assert!(page.body.contains("The current password is not right."), "said on the page");
    let short = here
        .post("/settings/password", &[("csrf", &csrf), ("current_password", "own-password-1"), ("password", "short")]);
    assert_eq!(short.location.as_deref(), Some("/settings?problem=password-too-short#password"));
    let done = here.post(
        "/settings/password",
        &[("csrf", &csrf), ("current_password", "own-password-1"), ("password", "own-password-2")],
    );
    assert_eq!(done.location.as_deref(), Some("/settings?done=password-changed#password"));
    assert_eq!(here.get("/").status, 200, "this session goes on");
    assert_eq!(elsewhere.get("/").status, 303, "the other session was signed out");
    assert_eq!(Browser::new("en").sign_in("own@demo.shop", "own-password-2").status, 303);
}

#[test]
fn a_user_added_on_the_page_gets_the_least_role_unless_another_is_chosen() {
    let mut b = owner();
    let settings = b.get("/settings");
    assert!(settings.body.contains(r#"<option value="viewer" selected>"#), "the form starts at viewer");
    let csrf = hidden(&settings.body, "csrf");
    let r = b.post(
        "/settings/users",
        &[
            ("csrf", &csrf),
            ("email", "least@demo.shop"),
            ("name", "L"),
            ("language", "en"),
            ("password", "least-password-1"),
        ],
    );
    assert_eq!(r.location.as_deref(), Some("/settings?done=user-added#users"));
    let users = users_json();
    let added = users.as_array().expect("users").iter().find(|u| u["email"] == "least@demo.shop").expect("added");
    assert_eq!(added["role"], "viewer");
}

#[test]
fn a_disabled_user_is_out_at_once_and_enabling_them_revives_no_session_or_token() {
    let mut staff = user("leaver@demo.shop", "marketing", "leaver-password-1");
    let token = api_token(&mut staff);
    assert_eq!(api_get(&token, "/customers?limit=1").status, 200);
    let id =
        users_json().as_array().expect("users").iter().find(|u| u["email"] == "leaver@demo.shop").expect("user")["id"]
            .as_i64()
            .expect("id");
    let mut boss = owner();
    let csrf = hidden(&boss.get("/settings").body, "csrf");
    let disabled = boss.post(&format!("/settings/users/{id}"), &[("csrf", &csrf), ("role", "marketing")]);
    assert_eq!(disabled.location.as_deref(), Some("/settings?done=user-changed#users"));
    assert_eq!(staff.get("/").status, 303, "signed out at once");
    assert_eq!(api_get(&token, "/customers?limit=1").status, 401);
    let enabled =
        boss.post(&format!("/settings/users/{id}"), &[("csrf", &csrf), ("role", "marketing"), ("enabled", "yes")]);
    assert_eq!(enabled.location.as_deref(), Some("/settings?done=user-changed#users"));
    assert_eq!(staff.get("/").status, 303, "the old session stays ended");
    assert_eq!(api_get(&token, "/customers?limit=1").status, 401, "the old token stays revoked");
    assert_eq!(Browser::new("en").sign_in("leaver@demo.shop", "leaver-password-1").status, 303, "signs in anew");
}

#[test]
fn a_token_may_carry_the_last_day_it_works() {
    let mut b = user("dated@demo.shop", "sales", "dated-password-1");
    let csrf = hidden(&b.get("/settings").body, "csrf");
    let yesterday = (chrono::Utc::now().date_naive() - chrono::Days::new(1)).to_string();
    let refused = b.post("/settings/tokens", &[("csrf", &csrf), ("name", "old"), ("valid_through", &yesterday)]);
    assert_eq!(refused.location.as_deref(), Some("/settings?problem=token-expiry-past#tokens"));
    let through = (chrono::Utc::now().date_naive() + chrono::Days::new(30)).to_string();
    let created = b.post("/settings/tokens", &[("csrf", &csrf), ("name", "trial"), ("valid_through", &through)]);
    assert_eq!(created.status, 200);
    let token = created.body.split(r#"id="new-token">"#).nth(1).expect("token").split('<').next().expect("token");
    assert_eq!(api_get(token, "/customers?limit=1").status, 200, "works until then");
    assert!(!created.body.contains("until revoked"), "the list shows the day it stops");
}

/// A forgotten password: the sign-in page offers a link by email (a mail server is set); the answer
/// never says whether an account exists; the mailed link sets a new password once, ending the old
/// sessions.
#[test]
fn a_forgotten_password_is_reset_through_a_link_mailed_by_the_worker() {
    let Some(smtp) = common::SmtpServer::start("a_forgotten_password_is_reset_through_a_link_mailed_by_the_worker")
    else {
        return;
    };
    let port = smtp.port;
    let dir = tempfile::tempdir().expect("dir");
    let database = dir.path().join("shop.db").display().to_string();
    let server = start_with(&database, dir, |c| {
        c.env("LADDER_SMTP_URL", format!("smtp://127.0.0.1:{port}"))
            .env("LADDER_MAIL_FROM", "Ladder <hello@shop.example>")
            .env("LADDER_PUBLIC_URL", "http://127.0.0.1:9");
    });
    let mut b = Browser::at(&server.base, "en");
    let login = b.get("/login");
    assert!(login.body.contains(r#"id="forgot""#), "the sign-in page offers a reset");
    let mut ask = |email: &str| {
        let csrf = hidden(&b.get("/password/forgot").body, "csrf");
        b.post("/password/forgot", &[("csrf", &csrf), ("email", email)])
    };
    let nobody = ask("nobody@demo.shop");
    let owner = ask("OWNER@demo.shop");
    assert_eq!(element(&nobody.body, "reset-sent"), element(&owner.body, "reset-sent"), "the same answer either way");
    assert_eq!(b.post("/password/forgot", &[("csrf", "forged"), ("email", "owner@demo.shop")]).status, 403);

    // The server's worker mails the link.
    let started = std::time::Instant::now();
    let message = loop {
        // The owner's (the demo's playbooks send their day's messages to customers too).
        if let Some((to, text)) = smtp.received().into_iter().find(|(to, _)| to == "owner@demo.shop") {
            break format!("X-Envelope-To: {to}\r\n{text}");
        }
        assert!(started.elapsed() < std::time::Duration::from_secs(30), "a reset link is mailed");
        std::thread::sleep(std::time::Duration::from_millis(100));
    };
    assert!(message.starts_with("X-Envelope-To: owner@demo.shop"), "{message}");
    let unfolded = message.replace("=\r\n", "");
    let token = unfolded
        .split("/password/reset/")
        .nth(1)
        .expect("the link")
        .split(|c: char| c.is_whitespace())
        .next()
        .expect("token")
        .to_owned();

    let mut old = Browser::at(&server.base, "en");
    old.sign_in("owner@demo.shop", &server.password);
    assert_eq!(old.get("/customers").status, 200, "signed in with the old password");
    let page = b.get(&format!("/password/reset/{token}"));
    let csrf = hidden(&page.body, "csrf");
    let weak = b.post(&format!("/password/reset/{token}"), &[("csrf", &csrf), ("password", "short")]);
    assert!(weak.body.contains(r#"id="reset-problem""#), "a weak password is refused, the link still good");
    let csrf = hidden(&weak.body, "csrf");
    let set = b.post(&format!("/password/reset/{token}"), &[("csrf", &csrf), ("password", "a-new-long-password-1")]);
    assert_eq!(set.location.as_deref(), Some("/login?done=password-reset-done"), "{}", set.body);
    let csrf = hidden(&b.get(&format!("/password/reset/{token}")).body, "csrf");
    let again =
        b.post(&format!("/password/reset/{token}"), &[("csrf", &csrf), ("password", "another-long-password-2")]);
    assert!(again.body.contains(r#"id="reset-problem""#), "used once");
    assert_ne!(old.get("/customers").status, 200, "the old sessions ended");
    let mut new = Browser::at(&server.base, "en");
    new.sign_in("owner@demo.shop", "a-new-long-password-1");
    assert_eq!(new.get("/customers").status, 200, "signed in with the new password");
}
