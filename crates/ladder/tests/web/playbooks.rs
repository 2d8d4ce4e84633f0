//! Playbooks as the team meets them: an order or a complaint posted through the API starts its event
//! playbooks at once (the server's worker takes the job), the team's queue on the Today page with its
//! actions in place, and the playbook pages — sentences, settings, a dry run of today.

use super::*;

/// Asks `path` of the API until `found` holds of its JSON answer, for at most a few seconds (the worker
/// looks at the queue every quarter second); the answer that held.
fn wait_for(token: &str, path: &str, found: impl Fn(&serde_json::Value) -> bool) -> serde_json::Value {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        let r = api_get(token, path);
        assert_eq!(r.status, 200, "{path}: {}", r.body);
        let body: serde_json::Value = serde_json::from_str(&r.body).expect("JSON");
        if found(&body) {
            return body;
        }
        assert!(std::time::Instant::now() < deadline, "{path} never showed it: {body}");
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
}

#[test]
fn a_posted_order_and_a_complaint_start_their_event_playbooks_at_once() {
    let mut b = owner();
    let token = api_token(&mut b);
    let (status, body) = api_post_json(
        &token,
        "/customers",
        &serde_json::json!({
            "customer_id": "PB-EVENT-1", "first_name": "Yael", "email": "yael@example.co.il",
            "consents": [{"channel": "email", "granted": true}],
        }),
    );
    assert_eq!(status, 201, "{body}");
    let now = chrono::Utc::now();
    for n in 0..3 {
        let at = (now - chrono::Duration::minutes(30 - i64::from(n) * 10)).to_rfc3339();
        let (status, body) = api_post_json(
            &token,
            "/orders",
            &serde_json::json!({
                "order_id": format!("PB-EVENT-1-{n}"), "customer_id": "PB-EVENT-1", "ordered_at": at,
                "currency": "USD", "lines": [{"sku": "COF-ESP-250", "quantity": 1, "unit_price": "12.50"}],
            }),
        );
        assert_eq!(status, 201, "{body}");
    }
    // The third order makes a regular: the move starts `new_loyal` without waiting for the night, and
    // its first step is taken.
    let runs = wait_for(&token, "/playbook-runs?customer_id=PB-EVENT-1", |runs| {
        runs.as_array().is_some_and(|r| r.iter().any(|run| run["playbook"] == "new_loyal" && run["step"] != 0))
    });
    let run = runs.as_array().expect("runs").iter().find(|r| r["playbook"] == "new_loyal").expect("new_loyal").clone();
    assert!(["treated", "control"].contains(&run["group"].as_str().unwrap_or_default()), "{run}");
    let outbox = api_get(&token, "/outbox?customer_id=PB-EVENT-1");
    let messages: serde_json::Value = serde_json::from_str(&outbox.body).expect("JSON");
    let welcomes = messages
        .as_array()
        .expect("messages")
        .iter()
        .filter(|m| m["cause"].as_str().is_some_and(|c| c.starts_with("playbook:new_loyal:")));
    // A treated run sends the welcome; a control-group run is logged and sends nothing.
    assert_eq!(welcomes.count(), usize::from(run["group"] == "treated"), "{messages} {run}");

    // A complaint gives a person a call for today.
    let (status, body) = api_post_json(
        &token,
        "/interactions",
        &serde_json::json!({
            "customer_id": "PB-EVENT-1", "at": chrono::Utc::now().to_rfc3339(), "kind": "complaint",
            "note": "The beans arrived stale",
        }),
    );
    assert_eq!(status, 201, "{body}");
    let tasks = wait_for(&token, "/tasks?customer_id=PB-EVENT-1", |t| {
        t.as_array().is_some_and(|t| t.iter().any(|task| task["playbook"] == "complaint_apology"))
    });
    let call = tasks.as_array().expect("tasks").iter().find(|t| t["kind"] == "call").expect("a call").clone();
    assert_eq!((call["complaint"].as_bool(), call["status"].as_str()), (Some(true), Some("open")), "{call}");
    let id = call["id"].as_i64().expect("id");

    // Done through the API with how it went: on the history, out of the open list.
    let (status, done) = api_post_json(
        &token,
        &format!("/tasks/{id}/done"),
        &serde_json::json!({"outcome": "reached", "note": "sent new beans"}),
    );
    assert_eq!(
        (status, done["status"].as_str(), done["outcome"].as_str()),
        (200, Some("done"), Some("reached")),
        "{done}"
    );
    let (status, again) = api_post_json(&token, &format!("/tasks/{id}/done"), &serde_json::json!({}));
    assert_eq!(status, 409, "a task is done once: {again}");
    let (status, bad) = api_post_json(&token, &format!("/tasks/{id}/snooze"), &serde_json::json!({"until": "soon"}));
    assert_eq!((status, bad["field"].as_str()), (422, Some("until")), "{bad}");
    let detail: serde_json::Value = serde_json::from_str(&api_get(&token, "/customers/PB-EVENT-1").body).expect("JSON");
    let interactions = detail["interactions"].as_array().expect("interactions");
    assert!(
        interactions
            .iter()
            .any(|i| i["kind"] == "call" && i["note"].as_str().is_some_and(|n| n.contains("sent new beans"))),
        "{interactions:?}"
    );
    let open = api_get(&token, "/tasks?customer_id=PB-EVENT-1&status=open");
    assert!(!open.body.contains(&format!("\"id\":{id},")), "{}", open.body);
}

/// The element with `id`, up to the end of its section (or card), without the marks that isolate the
/// words put into a sentence.
fn block(html: &str, id: &str) -> String {
    let start = html.find(&format!(r#"id="{id}""#)).unwrap_or_else(|| panic!("no {id} in {html}"));
    let rest = &html[start..];
    let end = ["</section>", "</article>"].iter().filter_map(|t| rest.find(t)).min().unwrap_or(rest.len());
    rest[..end].chars().filter(|c| !matches!(c, '\u{2068}' | '\u{2069}')).collect()
}

/// The Today page's card of a task, up to its end.
fn card(html: &str, id: i64) -> &str {
    let start = html.find(&format!(r#"id="task-{id}""#)).unwrap_or_else(|| panic!("no task {id} in {html}"));
    &html[start..start + html[start..].find("</article>").expect("its end")]
}

/// The ids of the tasks on a Today page, in order.
fn task_ids(html: &str) -> Vec<i64> {
    html.split(r#"<article class="card task"#)
        .skip(1)
        .filter_map(|s| s.split(r#"id="task-"#).nth(1)?.split('"').next()?.parse().ok())
        .collect()
}

#[test]
fn the_team_s_queue_is_on_today_with_its_actions_in_place() {
    let mut b = owner();
    let page = b.get("/today?who=shop");
    assert_eq!(page.status, 200);
    let ids = task_ids(&page.body);
    assert!(ids.len() >= 3, "the demo's day gave the team tasks: {}", page.body);
    let home = b.get("/");
    assert!(block(&home.body, "contact-today").contains("/today?who=shop"), "the dashboard opens the queue");

    // Overdue first, then by value at stake: the API's order is the page's.
    let token = api_token(&mut b);
    let listed: serde_json::Value = serde_json::from_str(
        &api_get(
            &token,
            &format!("/tasks?status=open&due_by={}", chrono::Utc::now().date_naive() + chrono::Duration::days(1)),
        )
        .body,
    )
    .expect("JSON");
    let priorities: Vec<(bool, i64)> = listed
        .as_array()
        .expect("tasks")
        .iter()
        .map(|t| (t["overdue_days"].as_i64().unwrap_or(0) > 0, t["priority"].as_i64().unwrap_or(0)))
        .collect();
    assert!(priorities.windows(2).all(|w| w[0] >= w[1]), "{priorities:?}");

    // One line of key facts and the script written for this customer.
    let first = card(&page.body, ids[0]);
    assert!(first.contains(r#"class="task-facts"#) && first.contains("order"), "{first}");

    // Snoozed, it leaves the list; done as reached, it is on the customer's history.
    let csrf = hidden(&page.body, "csrf");
    let until = (chrono::Utc::now().date_naive() + chrono::Duration::days(3)).to_string();
    let snoozed = b.post(
        &format!("/tasks/{}", ids[0]),
        &[("csrf", &csrf), ("who", "shop"), ("action", "snooze"), ("until", &until)],
    );
    assert_eq!(
        (snoozed.status, snoozed.location.as_deref()),
        (303, Some("/today?who=shop&done=today-task-snoozed#queue"))
    );
    let after = b.get("/today?who=shop&done=today-task-snoozed");
    assert!(element(&after.body, "done").contains("Snoozed"));
    assert!(!task_ids(&after.body).contains(&ids[0]), "a snoozed task leaves today's list");
    let customer = card(&page.body, ids[1])
        .split(r#"href="/customers/"#)
        .nth(1)
        .expect("link")
        .split('"')
        .next()
        .expect("id")
        .to_owned();
    let done = b.post(
        &format!("/tasks/{}", ids[1]),
        &[("csrf", &csrf), ("who", "shop"), ("action", "done"), ("outcome", "reached"), ("note", "a kind chat")],
    );
    assert_eq!(done.status, 303, "{}", done.body);
    assert!(!task_ids(&b.get("/today?who=shop").body).contains(&ids[1]));
    assert!(b.get(&format!("/customers/{customer}")).body.contains("a kind chat"), "the call is on the history");

    // Given to the support role: still the shop's, shown with whom it is for.
    let last = *ids.last().expect("a task");
    let give = b.post(
        &format!("/tasks/{last}"),
        &[("csrf", &csrf), ("who", "shop"), ("action", "assign"), ("to", "role:support")],
    );
    assert_eq!(give.status, 303, "{}", give.body);
    assert!(card(&b.get("/today?who=shop").body, last).contains("Support"), "given to the support team");

    // A viewer sees the queue but cannot act on it; a forged form is refused.
    let mut viewer = Browser::new("fa");
    viewer.sign_in("viewer@demo.shop", "viewer-password-1");
    let seen = viewer.get("/today?who=shop");
    assert_eq!(seen.status, 200);
    assert!(
        seen.body.contains("کارهای فروشگاه") && !seen.body.contains(r#"action="/tasks/"#),
        "Persian, and no actions"
    );
    let refused =
        viewer.post(&format!("/tasks/{}", ids[0]), &[("csrf", &hidden(&seen.body, "csrf")), ("action", "skip")]);
    assert_eq!(refused.status, 403);
    let forged = b.post(&format!("/tasks/{}", ids[0]), &[("csrf", "forged"), ("action", "skip")]);
    assert_eq!(forged.status, 403);
}

#[test]
fn a_playbook_reads_as_sentences_is_tried_on_today_and_saved() {
    let mut b = owner();
    let list = b.get("/playbooks");
    assert_eq!(list.status, 200);
    for key in ladder_domain::playbook::DEFAULT_KEYS {
        assert!(list.body.contains(&format!(r#"id="playbook-{key}""#)), "{key} is listed");
    }
    let page = b.get("/playbooks/winback");
    let steps = block(&page.body, "playbook-steps");
    assert!(steps.contains("Send “winback” by email, else by SMS."), "{steps}");
    assert!(
        steps.contains("Wait 14 days.") && steps.contains("If they ordered since it began: end the run; else go on."),
        "{steps}"
    );
    assert!(
        block(&page.body, "playbook-when").contains("Their state changes to Lapsed"),
        "{page:?}",
        page = block(&page.body, "playbook-when")
    );

    // A dry run says who would enter today and what would happen, and writes nothing.
    let token = api_token(&mut b);
    let runs_before = api_get(&token, "/playbook-runs?limit=10000").body;
    let tried = b.get("/playbooks/post_purchase_checkin?try=1");
    assert!(block(&tried.body, "try-counts").contains("would enter"), "{}", block(&tried.body, "playbook-try"));
    assert_eq!(api_get(&token, "/playbook-runs?limit=10000").body, runs_before, "a dry run writes no run");

    // Its numbers and channels change on the form; a number that is not one is refused, naming it.
    let csrf = hidden(&page.body, "csrf");
    let saved = b.post(
        "/playbooks/winback",
        &[
            ("csrf", &csrf),
            ("enabled", "on"),
            ("control_percent", "20"),
            ("steps.1.days", "21"),
            ("steps.0.fallback", ""),
        ],
    );
    assert_eq!((saved.status, saved.location.as_deref()), (303, Some("/playbooks/winback?done=playbooks-saved")));
    let shown = cli_json(server(), &["playbook", "show", "winback", "--format", "json"]);
    assert_eq!(
        (shown["control_percent"].as_u64(), shown["steps"][1]["days"].as_u64()),
        (Some(20), Some(21)),
        "{shown}"
    );
    assert!(shown["steps"][0]["fallback"].is_null(), "{shown}");
    let refused = b.post("/playbooks/winback", &[("csrf", &csrf), ("enabled", "on"), ("steps.1.days", "400")]);
    assert_eq!(refused.status, 200);
    assert!(block(&refused.body, "playbook-problem").contains("365"), "{}", block(&refused.body, "playbook-problem"));
    let mut viewer = Browser::new("en");
    viewer.sign_in("viewer@demo.shop", "viewer-password-1");
    let form = viewer.get("/playbooks/winback");
    assert!(!form.body.contains(r#"id="playbook-save""#), "a viewer gets no save button");
    let denied = viewer.post("/playbooks/winback", &[("csrf", &hidden(&form.body, "csrf")), ("enabled", "on")]);
    assert_eq!(denied.status, 403);
    // Put back as the demo had it, for the other tests.
    let back = b.post(
        "/playbooks/winback",
        &[
            ("csrf", &csrf),
            ("enabled", "on"),
            ("control_percent", "10"),
            ("steps.1.days", "14"),
            ("steps.0.fallback", "sms"),
        ],
    );
    assert_eq!(back.status, 303);
}

#[test]
fn each_user_who_acts_gets_one_digest_of_open_tasks_a_day() {
    let Some(smtp) = common::SmtpServer::start("each_user_who_acts_gets_one_digest_of_open_tasks_a_day") else {
        return;
    };
    let server = server();
    let digest = || {
        let out = ladder(&server.dir)
            .args(["task", "digest"])
            .env("LADDER_SMTP_URL", format!("smtp://127.0.0.1:{}", smtp.port))
            .env("LADDER_MAIL_FROM", "Ladder <hello@shop.example>")
            .env("LADDER_PUBLIC_URL", "https://crm.shop.example")
            .output()
            .expect("run ladder");
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let first = digest();
    assert!(first.starts_with("Mailed "), "{first}");
    let second = digest();
    assert!(second.starts_with("Mailed 0 users"), "a user mailed today is not mailed again: {second}");
    let received = smtp.received();
    let to_owner: Vec<&String> = received.iter().filter(|(to, _)| to == "owner@demo.shop").map(|(_, m)| m).collect();
    assert_eq!(to_owner.len(), 1, "one digest a day");
    let mail = to_owner[0].replace("=\r\n", "");
    assert!(mail.contains("Subject: Today: "), "{mail}");
    assert!(mail.contains("https://crm.shop.example/today"), "it links to the queue: {mail}");
    assert!(!received.iter().any(|(to, _)| to == "viewer@demo.shop"), "a viewer acts on no task");

    // Without a mail server, the command says what to set.
    let out = ladder(&server.dir).args(["task", "digest"]).env_remove("LADDER_SMTP_URL").output().expect("run");
    assert!(!out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("LADDER_SMTP_URL"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
