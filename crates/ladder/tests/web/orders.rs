//! Orders sent by a web shop: the same order again, an order changed, one SKU on several lines, and
//! twenty posts of one order at once — on SQLite and on PostgreSQL.

use super::*;

fn post_order(base: &str, token: &str, body: &str) -> Reply {
    reply(
        agent()
            .post(format!("{base}/api/v1/orders"))
            .header("authorization", format!("Bearer {token}"))
            .header("content-type", "application/json")
            .send(body.to_owned()),
    )
}

fn order_json(order_id: &str, customer_id: &str, lines: &[(&str, i64, &str)]) -> String {
    let lines: Vec<serde_json::Value> = lines
        .iter()
        .map(|(sku, quantity, price)| serde_json::json!({"sku": sku, "quantity": quantity, "unit_price": price}))
        .collect();
    serde_json::json!({
        "order_id": order_id, "customer_id": customer_id, "ordered_at": "2026-01-15T10:00:00Z",
        "currency": "USD", "lines": lines,
    })
    .to_string()
}

fn result(reply: &Reply) -> (u16, String) {
    let body: serde_json::Value = serde_json::from_str(&reply.body).unwrap_or_else(|_| panic!("{}", reply.body));
    (reply.status, body["result"].as_str().unwrap_or_default().to_owned())
}

/// The stored lines of one order of a customer, through the API: (sku, quantity, unit price) and total.
fn stored(base: &str, token: &str, customer: &str, order: &str) -> (Vec<(String, i64, i64)>, i64) {
    let r = api_get_at(base, token, &format!("/customers/{customer}"));
    let detail: serde_json::Value = serde_json::from_str(&r.body).expect("JSON");
    let o = detail["orders"].as_array().expect("orders").iter().find(|o| o["order_id"] == order).expect("the order");
    let lines = o["lines"]
        .as_array()
        .expect("lines")
        .iter()
        .map(|l| {
            (
                l["sku"].as_str().expect("sku").to_owned(),
                l["quantity"].as_i64().expect("quantity"),
                l["unit_price_minor"].as_i64().expect("price"),
            )
        })
        .collect();
    (lines, o["total_minor"].as_i64().expect("total"))
}

/// Sending, sending again, changing and replacing one order, then twenty posts of a new one at once.
fn orders_sent_again_replace_the_stored_one(base: &str, password: &str) {
    let mut b = Browser::at(base, "en");
    assert_eq!(b.sign_in("owner@demo.shop", password).status, 303);
    let token = api_token(&mut b);
    let customer = "C0000002";
    let gift = order_json("SHOP-1", customer, &[("COF-ESP-250", 2, "12.50"), ("COF-ESP-250", 1, "0"), ("MUG", 1, "8")]);
    assert_eq!(result(&post_order(base, &token, &gift)), (201, "inserted".into()), "one SKU on two lines is fine");
    assert_eq!(result(&post_order(base, &token, &gift)), (200, "unchanged".into()));
    let fewer = order_json("SHOP-1", customer, &[("COF-ESP-250", 3, "12.50")]);
    assert_eq!(result(&post_order(base, &token, &fewer)), (200, "updated".into()), "not 201 for an order that exists");
    assert_eq!(stored(base, &token, customer, "SHOP-1"), (vec![("COF-ESP-250".into(), 3, 1250)], 3750));

    // Twenty posts of one new order at once, each with other lines: one is first, the others replace
    // it in turn, and what remains is one of them whole.
    let versions: Vec<Vec<(String, i64, String)>> =
        (1..=20).map(|i| (0..(i % 3 + 1)).map(|n| (format!("SKU-{n}"), i, format!("{i}.00"))).collect()).collect();
    let answers: Vec<(u16, String)> = std::thread::scope(|scope| {
        let posts: Vec<_> = versions
            .iter()
            .map(|lines| {
                let token = token.clone();
                scope.spawn(move || {
                    let lines: Vec<(&str, i64, &str)> =
                        lines.iter().map(|(s, q, p)| (s.as_str(), *q, p.as_str())).collect();
                    result(&post_order(base, &token, &order_json("SHOP-RACE", customer, &lines)))
                })
            })
            .collect();
        posts.into_iter().map(|p| p.join().expect("a post")).collect()
    });
    assert_eq!(answers.iter().filter(|a| **a == (201, "inserted".to_owned())).count(), 1, "{answers:?}");
    assert!(answers.iter().all(|(status, _)| *status == 200 || *status == 201), "{answers:?}");
    let (lines, total) = stored(base, &token, customer, "SHOP-RACE");
    let whole = versions.iter().any(|v| {
        v.iter()
            .map(|(s, q, p)| (s.clone(), *q, p.trim_end_matches(".00").parse::<i64>().expect("price") * 100))
            .collect::<Vec<_>>()
            == lines
    });
    assert!(whole, "the order is one of the versions sent, whole: {lines:?}");
    assert_eq!(total, lines.iter().map(|(_, q, p)| q * p).sum::<i64>(), "its total is its lines'");
}

#[test]
fn an_order_sent_again_replaces_the_stored_one_on_sqlite() {
    orders_sent_again_replace_the_stored_one(&server().base, &server().password);
}

#[test]
fn an_order_sent_again_replaces_the_stored_one_on_postgresql() {
    let Some((url, _guard)) = common::postgres_database() else { return };
    let pg = start(&url, tempfile::tempdir().expect("temporary folder"));
    orders_sent_again_replace_the_stored_one(&pg.base, &pg.password);
}

/// A file with its own column names goes through a pairing step; the pairing is checked, remembered for
/// the next file with the same columns, and audited.
#[test]
fn a_file_with_its_own_column_names_is_paired_once_and_remembered() {
    let mut b = owner();
    let csrf = hidden(&b.get("/import").body, "csrf");
    let file = "Client;E-mail;Vorname;Notizen\nPAIR-1;pair1@example.de;Max;call after 5\n";
    let upload = |b: &mut Browser, name: &str| {
        b.post_file("/import/check", &[("csrf", &csrf), ("kind", "customers")], name, file)
    };
    let asked = upload(&mut b, "till.csv");
    assert_eq!(asked.status, 200, "{}", asked.body);
    assert!(asked.body.contains(r#"id="pair-form""#), "the pairing step comes first");
    assert!(asked.body.contains("pair1@example.de"), "with each column's first value");
    assert!(!asked.body.contains(r#"id="pairs-remembered""#), "nothing remembered yet");
    let token = hidden(&asked.body, "token");
    let pair = |b: &mut Browser, token: &str, first: &str| {
        b.post(
            "/import/pair",
            &[
                ("csrf", &csrf),
                ("token", token),
                ("kind", "customers"),
                ("name", "till.csv"),
                ("column_0", first),
                ("column_1", "email"),
                ("column_2", "first_name"),
                ("column_3", "-"),
            ],
        )
    };
    // Without a column for the customer's id, the pairing is refused, naming the field.
    let refused = pair(&mut b, &token, "+");
    assert_eq!(refused.status, 422);
    assert!(element(&refused.body, "pairs-problem").contains("customer_id"), "{}", refused.body);
    let queued = pair(&mut b, &token, "customer_id");
    let check = b.job_outcome(&queued.location.expect("the check's job"));
    assert!(check.body.contains(r#"id="import-run""#), "{}", check.body);
    let checked = hidden(&check.body, "check");
    let run = b.post("/import/run", &[("csrf", &csrf), ("check", &checked)]).location.expect("the import's job");
    let done = b.job_outcome(&run);
    assert_eq!(element(&done.body, "count-inserted"), "1", "{}", done.body);
    let shown = cli_json(server(), &["customer", "show", "PAIR-1", "--format", "json"]);
    assert_eq!((shown["email"].as_str(), shown["first_name"].as_str()), (Some("pair1@example.de"), Some("Max")));
    assert!(shown["attributes"].get("Notizen").is_none(), "a column left out is not a custom field");

    // The next file with these columns is offered the same pairing.
    let again = upload(&mut b, "till-december.csv");
    assert!(again.body.contains(r#"id="pairs-remembered""#), "{}", again.body);
    assert!(again.body.contains(r#"<option value="customer_id" selected>"#), "as chosen last time");
    let settings = b.get("/settings");
    assert!(
        settings.body.contains("Paired a file&#x27;s columns") || settings.body.contains("Paired a file's columns")
    );
    // A token is only ever one of this person's waiting uploads.
    for forged in ["../../etc/passwd", "", "x.part"] {
        assert_eq!(pair(&mut b, forged, "customer_id").status, 422, "{forged:?}");
    }
    // A file with Ladder's own columns needs no pairing.
    let plain = b.post_file(
        "/import/check",
        &[("csrf", &csrf), ("kind", "customers")],
        "plain.csv",
        "customer_id,email\nPAIR-2,p2@example.de\n",
    );
    assert!(plain.location.is_some_and(|l| l.starts_with("/jobs/")), "straight to the check");
}
