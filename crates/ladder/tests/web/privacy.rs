//! Duplicates and privacy from the pages: two "Harry Jones" merged (later API calls with the other id
//! land on the one kept), one customer's data exported, another erased (a later import does not bring
//! them back into mailings), a record deleted — and who may do which.

use super::*;

/// The ids the customer list shows for a search.
fn ids_for(b: &mut Browser, search: &str) -> Vec<String> {
    let list = b.get(&format!("/customers?q={}", search.replace(' ', "+")));
    list.body
        .split("<td><a href=\"/customers/")
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .map(|id| id.replace("%2F", "/"))
        .collect()
}

fn customer_json(token: &str, id: &str) -> serde_json::Value {
    serde_json::from_str(&api_get(token, &format!("/customers/{id}")).body).expect("JSON")
}

#[test]
fn two_duplicates_are_merged_and_the_other_id_keeps_working() {
    let mut b = owner();
    let token = api_token(&mut b);
    // Two records of one Harry Jones, each with an order; one of them said no to email.
    for (id, consent) in [("HJ-1", true), ("HJ-2", false)] {
        let body = format!(
            r#"{{"customer_id": "{id}", "first_name": "Harry", "last_name": "Jones",
                "consents": [{{"channel": "email", "granted": {consent}}}]}}"#
        );
        assert_eq!(api_send(&token, "/customers", "application/json", &body).status, 201);
        let order = format!(
            r#"{{"order_id": "{id}-O", "customer_id": "{id}", "ordered_at": "2026-01-05T10:00:00Z", "currency": "USD",
                "lines": [{{"sku": "TEA", "quantity": 1, "unit_price": "5.00"}}]}}"#
        );
        assert_eq!(api_send(&token, "/orders", "application/json", &order).status, 201);
    }
    let harrys = ids_for(&mut b, "Harry Jones");
    assert!(harrys.iter().any(|h| h == "HJ-1") && harrys.iter().any(|h| h == "HJ-2"), "{harrys:?}");
    let (kept, absorbed) = (&"HJ-1".to_owned(), &"HJ-2".to_owned());
    let orders = |id: &str| customer_json(&token, id)["orders"].as_array().map_or(0, Vec::len);
    let before = orders(kept) + orders(absorbed);
    let page = b.get(&format!("/customers/{kept}"));
    let csrf = hidden(&page.body, "csrf");
    let merged = b.post(&format!("/customers/{kept}/merge"), &[("csrf", &csrf), ("absorbed", absorbed)]);
    assert_eq!(merged.status, 303, "{}", merged.body);
    let page = b.get(merged.location.as_deref().expect("back to the customer"));
    assert!(element(&page.body, "done").contains("Merged"), "a visible confirmation");
    assert_eq!(orders(kept), before, "both histories");
    let email = customer_json(&token, kept)["profile"]["consents"][0]["granted"].clone();
    assert_eq!(email, false, "the more restrictive consent of the two");
    let old = b.get(&format!("/customers/{absorbed}"));
    assert_eq!(
        (old.status, old.location.as_deref()),
        (303, Some("/customers/HJ-1")),
        "the other id leads to the merged customer"
    );
    assert_eq!(customer_json(&token, absorbed)["profile"]["customer_id"], "HJ-1", "the API answers for it too");
    // A web shop still sending the other id: the order lands on the customer kept.
    let order = format!(
        r#"{{"order_id": "MERGED-1", "customer_id": "{absorbed}", "ordered_at": "2026-01-10T10:00:00Z", "currency": "USD",
            "lines": [{{"sku": "TEA", "quantity": 1, "unit_price": "5.00"}}]}}"#
    );
    let posted = api_send(&token, "/orders", "application/json", &order);
    assert_eq!(posted.status, 201, "{}", posted.body);
    assert_eq!(orders(kept), before + 1);
    let audit = b.get("/settings");
    assert!(audit.body.contains("Merged two customers"), "the audit log says it");
    // Merging someone into themselves is refused.
    assert_eq!(b.post(&format!("/customers/{kept}/merge"), &[("csrf", &csrf), ("absorbed", kept)]).status, 422);
}

#[test]
fn a_customer_is_exported_erased_and_kept_out_of_mailings_and_another_deleted() {
    let mut b = owner();
    let token = api_token(&mut b);
    let person = r#"{"customer_id": "PRIV-1", "first_name": "Rivka", "email": "rivka@example.co.il",
        "consents": [{"channel": "email", "granted": true}]}"#;
    assert_eq!(api_send(&token, "/customers", "application/json", person).status, 201);
    let order = r#"{"order_id": "PRIV-O1", "customer_id": "PRIV-1", "ordered_at": "2026-01-10T10:00:00Z",
        "currency": "USD", "lines": [{"sku": "TEA", "quantity": 2, "unit_price": "5.00"}]}"#;
    assert_eq!(api_send(&token, "/orders", "application/json", order).status, 201);
    let export = b.get("/customers/PRIV-1/export.json");
    assert_eq!(export.status, 200);
    let data: serde_json::Value = serde_json::from_str(&export.body).expect("JSON");
    assert_eq!(
        (data["customer"]["email"].as_str(), data["orders"].as_array().map(Vec::len)),
        (Some("rivka@example.co.il"), Some(1))
    );
    let ledger = data["consent_ledger"].as_array().expect("the consent ledger");
    assert_eq!((ledger.len(), ledger[0]["method"].as_str()), (1, Some("api")), "{ledger:?}");
    assert_eq!(data["messages"], serde_json::json!([]), "every message enqueued for them: none yet");

    let page = b.get("/customers/PRIV-1");
    let csrf = hidden(&page.body, "csrf");
    let erased = b.post("/customers/PRIV-1/erase", &[("csrf", &csrf)]);
    assert_eq!(erased.location.as_deref(), Some("/customers?done=erased"));
    assert!(element(&b.get("/customers?done=erased").body, "done").contains("erased"));
    assert_eq!(b.get("/customers/PRIV-1").status, 404, "nothing personal is left under the id");
    let audit = b.get("/settings").body;
    assert!(
        audit.contains("Erased a customer") && !audit.contains("rivka@example.co.il"),
        "no personal data in the log"
    );
    // A later import brings her email back with a "yes": she is a customer again, but not in mailings.
    let file = server().dir.path().join("again.csv");
    std::fs::write(&file, "customer_id,first_name,email,consent_email\nPRIV-2,Rivka,Rivka@Example.co.il ,yes\n")
        .expect("write");
    let out =
        ladder(&server().dir).args(["import", "customers", file.to_str().expect("path")]).output().expect("import");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let again = customer_json(&token, "PRIV-2");
    let consents = again["profile"]["consents"].as_array().expect("consents");
    assert!(consents.iter().all(|k| k["granted"] != true), "the suppression holds: {again}");

    // Deleting a record made by mistake removes its orders too; support may do neither.
    assert_eq!(api_send(&token, "/customers", "application/json", r#"{"customer_id": "MISTAKE-1"}"#).status, 201);
    let mut support = Browser::new("en");
    let add = ladder(&server().dir)
        .args(["user", "add", "privacy-support@demo.shop", "--role", "support"])
        .env("LADDER_PASSWORD", "support-password-1")
        .output()
        .expect("add");
    assert!(add.status.success());
    assert_eq!(support.sign_in("privacy-support@demo.shop", "support-password-1").status, 303);
    let their = support.get("/customers/MISTAKE-1");
    assert!(!their.body.contains(r#"id="erase-form""#), "no erase button for support");
    let refused = support.post("/customers/MISTAKE-1/delete", &[("csrf", &hidden(&their.body, "csrf"))]);
    assert_eq!(refused.status, 403);
    let deleted = b.post("/customers/MISTAKE-1/delete", &[("csrf", &csrf)]);
    assert_eq!(deleted.location.as_deref(), Some("/customers?done=deleted"));
    assert_eq!(api_get(&token, "/customers/MISTAKE-1").status, 404);
    assert_eq!(
        b.post("/customers/NO-SUCH/erase", &[("csrf", &csrf)]).status,
        404,
        "a missing customer, said as a page"
    );
}

/// A provider's webhook reports a bounce or a complaint: the address is blocked, once, with an audit
/// entry that does not give the address away; a soft bounce blocks nothing; bad reports say what is wrong.
#[test]
fn bounces_and_complaints_reported_by_a_provider_block_the_address() {
    let mut b = owner();
    let token = api_token(&mut b);
    let report = |body: &str| api_post_json(&token, "/deliverability", &serde_json::from_str(body).expect("JSON"));
    let bounce = r#"{"channel": "email", "address": "Bounced.Person@Example.org", "event": "hard_bounce", "detail": "550 5.1.1"}"#;
    let (status, body) = report(bounce);
    assert_eq!((status, body["suppressed"].as_bool(), body["new"].as_bool()), (201, Some(true), Some(true)), "{body}");
    let (status, body) =
        report(&bounce.replace("Bounced.Person", "bounced.person").replace("hard_bounce", "complaint"));
    assert_eq!((status, body["new"].as_bool()), (200, Some(false)), "the same address in another case, once: {body}");
    let (status, body) = report(r#"{"channel": "email", "address": "full@example.org", "event": "soft_bounce"}"#);
    assert_eq!((status, body["suppressed"].as_bool()), (200, Some(false)));
    let (status, body) = report(r#"{"channel": "pigeon", "address": "x@example.org", "event": "hard_bounce"}"#);
    assert_eq!((status, body["field"].as_str()), (422, Some("channel")));
    let (status, body) = report(r#"{"channel": "email", "address": "x@example.org", "event": "bored"}"#);
    assert_eq!((status, body["field"].as_str()), (422, Some("event")));
    let (status, body) = report(r#"{"channel": "sms", "address": "12", "event": "invalid_number"}"#);
    assert_eq!((status, body["field"].as_str()), (422, Some("address")), "{body}");
    let audit = b.get("/settings").body;
    let log = audit.split(r#"id="audit""#).nth(1).expect("audit log");
    assert!(log.contains("Blocked an address"), "{log}");
    assert!(log.contains("b***@example.org") && !log.contains("bounced.person@"), "masked in the log");
}
