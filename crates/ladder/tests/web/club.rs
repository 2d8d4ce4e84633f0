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
    // in January, after joining's `since`, its points are past their 14 days pending.
    let order = serde_json::json!({
        "order_id": "CLUB-1", "customer_id": customer, "ordered_at": "2026-01-01T10:00:00Z",
        "currency": "USD", "lines": [{"sku": "COF-ESP-250", "quantity": 4, "unit_price": "25.00"}],
    });
    assert_eq!(send(base, &token, "/orders", None, &order).0, 201);
    eventually(|| {
        let (_, m) = get(base, &token, &format!("/club/members?card_number={card}"));
        if m["points_balance"].as_i64() == Some(100) { Ok(()) } else { Err(format!("not earned yet: {m}")) }
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
    let balance = 100;
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
