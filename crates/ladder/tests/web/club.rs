//! The club through the API, as a till and a web shop use it: a customer joins with the terms accepted,
//! is looked up by card, an order posted earns points, a redemption is retried (also twenty times at
//! once with one key) and spends once, and one beyond the balance is refused with the balance — on
//! SQLite and on PostgreSQL.

use super::*;

fn send(base: &str, token: &str, path: &str, key: Option<&str>, body: &serde_json::Value) -> (u16, serde_json::Value) {
    let mut request = agent()
        .post(format!("{base}/api/v1{path}"))
        .header("authorization", format!("Bearer {token}"))
        .header("content-type", "application/json");
    if let Some(key) = key {
        request = request.header("idempotency-key", key);
    }
    let r = reply(request.send(body.to_string()));
    (r.status, serde_json::from_str(&r.body).unwrap_or_else(|_| panic!("{}", r.body)))
}

fn get(base: &str, token: &str, path: &str) -> (u16, serde_json::Value) {
    let r = api_get_at(base, token, path);
    (r.status, serde_json::from_str(&r.body).unwrap_or_else(|_| panic!("{}", r.body)))
}

/// An element's text without the isolation marks Fluent puts around numbers.
fn said(html: &str, id: &str) -> String {
    element(html, id).replace(['\u{2068}', '\u{2069}'], "")
}

fn the_till_and_the_checkout_redeem_once(base: &str, password: &str) {
    let mut b = Browser::at(base, "en");
    assert_eq!(b.sign_in("owner@demo.shop", password).status, 303);
    let token = api_token(&mut b);
    let customer = "CLUB-C1";
    assert_eq!(
        send(base, &token, "/customers", None, &serde_json::json!({"customer_id": customer, "first_name": "Noa"})).0,
        201
    );
    let (status, refused) = send(
        base,
        &token,
        "/club/members",
        None,
        &serde_json::json!({"customer_id": customer, "accepted_terms": false}),
    );
    assert_eq!((status, refused["field"].as_str()), (422, Some("accepted_terms")));
    let (status, member) = send(
        base,
        &token,
        "/club/members",
        None,
        &serde_json::json!({"customer_id": customer, "accepted_terms": true, "address": "203.0.113.9", "since": "2025-06-01"}),
    );
    assert_eq!(status, 201, "{member}");
    let card = member["card_number"].as_str().expect("card").to_owned();
    let (status, again) = send(
        base,
        &token,
        "/club/members",
        None,
        &serde_json::json!({"customer_id": customer, "accepted_terms": true}),
    );
    assert_eq!(status, 409, "{again}");

    // An order posted earns its points within a second (the order's job evaluates the member); dated
    // in January, after joining's `since`, its points are past their 14 days pending. Joining was news:
    // the worker's `club_welcome` gave the 50 welcome points too.
    let order = serde_json::json!({
        "order_id": "CLUB-1", "customer_id": customer, "ordered_at": "2026-01-01T10:00:00Z",
        "currency": "USD", "lines": [{"sku": "COF-ESP-250", "quantity": 4, "unit_price": "25.00"}],
    });
    assert_eq!(send(base, &token, "/orders", None, &order).0, 201);
    eventually(|| {
        let (_, m) = get(base, &token, &format!("/club/members?card_number={card}"));
        if m["points_balance"].as_i64() == Some(150) { Ok(()) } else { Err(format!("not earned yet: {m}")) }
    });
    let (status, looked) = get(
        base,
        &token,
        &format!("/club/members?card_number={}", ladder_domain::club::grouped(&card).replace(' ', "%20")),
    );
    assert_eq!(
        (status, looked["customer_id"].as_str(), looked["tier_name"].as_str()),
        (200, Some(customer), Some("Silver"))
    );
    let balance = 150;
    let (status, _) = get(base, &token, "/club/members?card_number=1234567890123");
    assert_eq!(status, 422, "a mistyped card number is caught by its check digit");

    let spend = serde_json::json!({"card_number": card, "points": 30, "reference": "receipt 17"});
    let (status, first) = send(base, &token, "/club/redemptions", Some("till-1-0001"), &spend);
    assert_eq!((status, first["points_balance"].as_i64()), (201, Some(balance - 30)), "{first}");
    let (status, retried) = send(base, &token, "/club/redemptions", Some("till-1-0001"), &spend);
    assert_eq!(
        (status, retried["entry_id"].clone(), retried["replayed"].as_bool()),
        (200, first["entry_id"].clone(), Some(true))
    );
    // Twenty retries of one new request at once: it spends once.
    let answers: Vec<u16> = std::thread::scope(|scope| {
        let posts: Vec<_> = (0..20)
            .map(|_| {
                scope.spawn(|| {
                    send(
                        base,
                        &token,
                        "/club/redemptions",
                        Some("till-1-0002"),
                        &serde_json::json!({"card_number": card, "points": 10}),
                    )
                    .0
                })
            })
            .collect();
        posts.into_iter().map(|p| p.join().expect("a post")).collect()
    });
    assert_eq!(answers.iter().filter(|s| **s == 201).count(), 1, "{answers:?}");
    assert!(answers.iter().all(|s| *s == 200 || *s == 201), "{answers:?}");
    let (status, refused) = send(
        base,
        &token,
        "/club/redemptions",
        Some("till-1-0003"),
        &serde_json::json!({"card_number": card, "points": 100_000}),
    );
    assert_eq!(
        (status, refused["kind"].as_str(), refused["points_balance"].as_i64()),
        (422, Some("not_enough_points"), Some(balance - 40))
    );
    let (_, now) = get(base, &token, &format!("/club/members/{customer}"));
    assert_eq!(now["points_balance"].as_i64(), Some(balance - 40));
}

#[test]
fn the_till_and_the_checkout_redeem_once_on_sqlite() {
    the_till_and_the_checkout_redeem_once(&server().base, &server().password);
}

#[test]
fn the_till_and_the_checkout_redeem_once_on_postgresql() {
    let Some((url, _guard)) = common::postgres_database() else { return };
    let pg = start(&url, tempfile::tempdir().expect("temporary folder"));
    the_till_and_the_checkout_redeem_once(&pg.base, &pg.password);
}

/// The pages: a customer enrolled from their page (the terms' box ticked), their card drawn as barcode and
/// QR code, found at the till by card and by phone, points redeemed from the till's form once however
/// often the form is sent, the Club section's figures, and each language's plural of points.
#[test]
fn the_till_page_finds_a_member_and_redeems_once() {
    let mut b = owner();
    let customer = "C0000005";
    let page = b.get(&format!("/customers/{customer}"));
    let csrf = hidden(&page.body, "csrf");
    assert!(page.body.contains(r#"id="club-join-form""#), "a customer who is not a member can be enrolled");
    let refused = b.post(&format!("/customers/{customer}/club/join"), &[("csrf", &csrf)]);
    assert!(refused.location.as_deref().is_some_and(|l| l.contains("done=club-terms")), "the terms must be accepted");
    let joined = b.post(&format!("/customers/{customer}/club/join"), &[("csrf", &csrf), ("accepted_terms", "yes")]);
    assert_eq!(joined.status, 303);
    let page = b.get(&format!("/customers/{customer}"));
    assert!(
        page.body.contains(r#"<svg class="barcode""#) && page.body.contains(r#"<svg class="qr""#),
        "the card is drawn: {}",
        element(&page.body, "club")
    );
    let card = element(&page.body, "card-number").replace(' ', "");
    assert_eq!(card.len(), 15, "{card}");
    let printed = b.get(&format!("/customers/{customer}/club/card"));
    assert_eq!(
        (printed.status, printed.content_type.as_deref()),
        (200, Some("application/pdf")),
        "the card to print, from the customer page"
    );
    assert!(printed.bytes.starts_with(b"%PDF") && printed.bytes.len() > 2_000);
    assert_eq!(Browser::new("en").get(&format!("/customers/{customer}/club/card")).status, 303, "signed in only");
    let emailed = b.post(&format!("/customers/{customer}/club/card/email"), &[("csrf", &csrf)]);
    assert!(
        emailed.location.as_deref().is_some_and(|l| l.contains("done=club-card-emailed")),
        "{:?}",
        emailed.location
    );
    let again = b.post(&format!("/customers/{customer}/club/card/email"), &[("csrf", &csrf)]);
    assert!(again.location.as_deref().is_some_and(|l| l.contains("done=club-card-email-again")), "once per card");
    // The member's card on their phone: a signed link, no sign-in.
    let token = {
        let store = ladder_store_sqlite::SqliteStore::open(server().dir.path().join("shop.db")).expect("open the shop");
        let app = ladder_app::App::new(std::sync::Arc::new(store));
        ladder_app::links::LinkSigner::of(&app).expect("the links' key").card_token(&card)
    };
    let mut phone = Browser::new("en");
    let shown = phone.get(&format!("/card/{token}"));
    assert_eq!(shown.status, 200);
    assert!(
        shown.body.contains(r#"<svg class="barcode""#) && shown.body.contains(r#"id="card-download""#),
        "{}",
        shown.body
    );
    assert_eq!(element(&shown.body, "card-number").replace(' ', ""), card);
    let pdf = phone.get(&format!("/card/{token}/pdf"));
    assert!(pdf.bytes.starts_with(b"%PDF"), "{:?}", pdf.content_type);
    let mut forged = token.clone();
    let last = forged.pop().expect("a token");
    forged.push(if last == '0' { '1' } else { '0' });
    assert_eq!(phone.get(&format!("/card/{forged}")).status, 404, "a link Ladder did not sign");

    // Joining was news: the worker's `club_welcome` gives the 50 welcome points within a second.
    eventually(|| {
        let till = b.get(&format!("/club/till?card={card}"));
        let balance = said(&till.body, "member-balance");
        if balance.contains("50 points") { Ok(()) } else { Err(format!("no welcome points yet: {balance}")) }
    });
    let till = b.get(&format!("/club/till?card={card}"));
    assert_eq!(till.status, 200);
    let key = hidden(&till.body, "key");
    let form = [
        ("csrf", csrf.as_str()),
        ("card", card.as_str()),
        ("points", "20"),
        ("reference", "R-1"),
        ("key", key.as_str()),
    ];
    let spent = b.post("/club/till", &form);
    assert!(spent.location.as_deref().is_some_and(|l| l.contains("done=20")), "{:?}", spent.location);
    let again = b.post("/club/till", &form);
    assert_eq!(again.status, 303, "the form sent twice");
    let till = b.get(&format!("/club/till?card={card}"));
    assert!(
        said(&till.body, "member-balance").contains("30 points"),
        "spent once: {}",
        element(&till.body, "member-balance")
    );
    let too_many = [("csrf", csrf.as_str()), ("card", card.as_str()), ("points", "31"), ("key", "another-key-1")];
    let refused = b.post("/club/till", &too_many);
    assert!(refused.location.as_deref().is_some_and(|l| l.contains("problem=30")), "{:?}", refused.location);
    let shown = b.get(refused.location.as_deref().expect("back to the till"));
    assert!(said(&shown.body, "till-refused").contains("30 points"));
    let typo = format!("{}{}", &card[..14], (card.as_bytes()[14] - b'0' + 1) % 10);
    let wrong = b.get(&format!("/club/till?card={typo}"));
    assert!(wrong.body.contains(r#"id="till-problem""#), "a mistyped card is caught");

    let club = b.get("/club");
    assert_eq!(club.status, 200);
    assert!(club.body.contains(r#"id="tier-platinum""#) && club.body.contains("<strong>Platinum</strong>"));
    let members: u64 = said(&club.body, "club-member-count").parse().expect("a count");
    assert!((1..=2).contains(&members), "this test's member, and the API test's when it ran first: {members}");
    let add = ladder(&server().dir)
        .args(["user", "add", "kassa@demo.shop", "--role", "support", "--language", "ru"])
        .env("LADDER_PASSWORD", "kassa-password-1")
        .output()
        .expect("add a cashier");
    assert!(add.status.success(), "{}", String::from_utf8_lossy(&add.stderr));
    let mut ru = Browser::at(&server().base, "ru");
    assert_eq!(ru.sign_in("kassa@demo.shop", "kassa-password-1").status, 303);
    assert_eq!(ru.get("/club").status, 403, "the Club section's figures are for those who see reports");
    let till = ru.get(&format!("/club/till?card={card}"));
    assert!(said(&till.body, "member-balance").contains("30 баллов"), "{}", element(&till.body, "member-balance"));
    // A lost card: its link stops working with it, and says so.
    let replaced = b.post(&format!("/customers/{customer}/club/card"), &[("csrf", &csrf)]);
    assert_eq!(replaced.status, 303);
    let old_link = phone.get(&format!("/card/{token}"));
    assert!(
        old_link.body.contains(r#"id="card-problem""#) && !old_link.body.contains("card-download"),
        "{}",
        old_link.body
    );
}
