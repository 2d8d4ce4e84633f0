//! Running the shop from the web app: adding a customer, editing every profile field, adding an order
//! with its lines, and what the customer page then shows — each save confirmed on the page.

use super::*;

/// Posts the new-customer form with `fields` over its defaults; the answer.
fn add_customer(b: &mut Browser, fields: &[(&str, &str)]) -> Reply {
    let form = b.get("/customers/new");
    assert_eq!(form.status, 200, "the owner may add customers");
    let csrf = hidden(&form.body, "csrf");
    let mut all = vec![("csrf", csrf.as_str())];
    all.extend_from_slice(fields);
    b.post("/customers/new", &all)
}

#[test]
fn a_customer_is_added_edited_and_given_an_order_from_the_pages() {
    let mut b = owner();
    assert!(b.get("/customers").body.contains(r#"href="/customers/new""#), "the list offers to add one");
    let added = add_customer(
        &mut b,
        &[
            ("customer_id", "WEB-NOA"),
            ("first_name", "Noa"),
            ("last_name", "Levi"),
            ("email", "noa@example.co.il"),
            ("birthday", "1990-05-17"),
            ("referred_by", "C0000001"),
            ("tags", "vip, coffee"),
            ("consent_email", "yes"),
        ],
    );
    assert_eq!(added.location.as_deref(), Some("/customers/WEB-NOA?done=created#customer-name"), "{}", added.body);
    let page = b.get("/customers/WEB-NOA?done=created");
    assert!(element(&page.body, "done").contains("The customer was added"), "a visible confirmation");
    assert!(element(&page.body, "birthday").contains("17 May 1990"));
    assert!(page.body.contains(r#"id="known-since""#), "known since");
    assert!(page.body.contains(r#"id="brought-by"><a href="/customers/C0000001""#), "who brought them");
    let consents = page.body.split(r#"id="consents""#).nth(1).expect("consents").split("</ul>").next().expect("list");
    assert!(consents.contains("email: Yes") && consents.contains("web:owner@demo.shop"), "when and where: {consents}");
    let referrer = b.get("/customers/C0000001");
    assert!(
        referrer.body.contains(r#"id="brought""#) && referrer.body.contains("/customers/WEB-NOA"),
        "whom they brought"
    );

    // An id in use, or a birthday ahead, is refused with what was typed kept.
    let taken = add_customer(&mut b, &[("customer_id", "WEB-NOA"), ("first_name", "Other")]);
    assert_eq!(taken.status, 422);
    assert!(taken.body.contains(r#"value="Other""#), "what was typed stays");
    let unborn = add_customer(&mut b, &[("customer_id", "WEB-LATER"), ("birthday", "2999-01-01")]);
    assert_eq!(unborn.status, 422);
    assert!(element(&unborn.body, "profile-problem").contains("Birthday"), "the field is named");

    // Every profile field the command line shows can be changed here.
    let csrf = hidden(&page.body, "csrf");
    let saved = b.post(
        "/customers/WEB-NOA/profile",
        &[
            ("csrf", &csrf),
            ("first_name", "Noa"),
            ("last_name", "Levi-Cohen"),
            ("region", "Center"),
            ("income_band", "middle"),
            ("profession", "teacher"),
            ("birthday", "--05-17"),
            ("tags", "vip"),
            ("attributes", "shoe size: 38\nfavourite: espresso"),
            ("consent_email", "yes"),
        ],
    );
    assert_eq!(saved.location.as_deref(), Some("/customers/WEB-NOA?done=saved#edit"), "{}", saved.body);
    let shown = cli_json(server(), &["customer", "show", "WEB-NOA", "--format", "json"]);
    assert_eq!((shown["last_name"].as_str(), shown["region"].as_str()), (Some("Levi-Cohen"), Some("Center")));
    assert_eq!((shown["income_band"].as_str(), shown["birthday"].as_str()), (Some("middle"), Some("--05-17")));
    assert_eq!(shown["attributes"]["shoe size"], "38");
    assert_eq!(shown["tags"], serde_json::json!(["vip"]));
    let page = b.get("/customers/WEB-NOA?done=saved");
    assert!(element(&page.body, "done").contains("Saved"));
    assert!(element(&page.body, "birthday").contains("17 May") && !element(&page.body, "birthday").contains("1990"));
    // A consent withdrawn on the form shows in the customer's own history, with who and when.
    let withdrawn =
        b.post("/customers/WEB-NOA/profile", &[("csrf", &csrf), ("first_name", "Noa"), ("consent_email", "no")]);
    assert_eq!(withdrawn.status, 303, "{}", withdrawn.body);
    let page = b.get("/customers/WEB-NOA");
    let history = page
        .body
        .split(r#"id="consent-history""#)
        .nth(1)
        .expect("consent changes")
        .split("</ul>")
        .next()
        .expect("list");
    assert!(history.contains("email: Yes → No") && history.contains("owner@demo.shop"), "{history}");
    // The consent ledger keeps both answers, how each was given and where.
    let ledger = page.body.split(r#"id="consent-ledger""#).nth(1).expect("ledger").split("</ul>").next().expect("list");
    assert_eq!(ledger.matches("<li>").count(), 2, "{ledger}");
    assert!(ledger.contains("given") && ledger.contains("withdrawn") && ledger.contains("by staff"), "{ledger}");
    assert!(ledger.contains("explicit consent") && ledger.contains("owner@demo.shop"), "{ledger}");
    let ledger_of_cli = cli_json(server(), &["consent", "history", "WEB-NOA", "--format", "json"]);
    let actions: Vec<&str> =
        ledger_of_cli.as_array().expect("entries").iter().filter_map(|e| e["action"].as_str()).collect();
    assert_eq!(actions, ["grant", "withdraw"]);
    let bad = b.post("/customers/WEB-NOA/profile", &[("csrf", &csrf), ("attributes", "no colon here")]);
    assert_eq!(bad.status, 422);

    // An order with its lines — one SKU twice, a gift at no price — and a campaign code.
    let order = b.post(
        "/customers/WEB-NOA/orders",
        &[
            ("csrf", &csrf),
            ("order_id", "WEB-ORDER-1"),
            ("campaign_code", "WELCOME"),
            ("sku_0", "COF-ESP-250"),
            ("name_0", "Espresso"),
            ("quantity_0", "2"),
            ("price_0", "12.50"),
            ("sku_1", "COF-ESP-250"),
            ("price_1", "0"),
        ],
    );
    assert_eq!(order.location.as_deref(), Some("/customers/WEB-NOA?done=order#orders"), "{}", order.body);
    let page = b.get("/customers/WEB-NOA?done=order");
    assert!(element(&page.body, "done").contains("The order was saved"));
    let orders = page.body.split(r#"id="orders""#).nth(1).expect("orders").split("</article>").next().expect("card");
    assert!(orders.contains("$25.00") && orders.contains("WELCOME"), "{orders}");
    assert!(
        orders.contains("One-off: don&#x27;t treat as a preference")
            || orders.contains("One-off: don't treat as a preference")
    );
    assert!(orders.contains("stay out of product preferences and category offers"), "what one-off does, explained");
    let too_dear =
        b.post("/customers/WEB-NOA/orders", &[("csrf", &csrf), ("sku_0", "GOLD"), ("price_0", "50000000000000000.00")]);
    assert_eq!(too_dear.status, 422, "a price beyond reason is refused");
}

#[test]
fn a_viewer_may_not_add_customers_or_orders() {
    let mut b = Browser::new("en");
    assert_eq!(b.sign_in("viewer@demo.shop", "viewer-password-1").status, 303);
    assert_eq!(b.get("/customers/new").status, 403);
    let page = b.get("/customers/C0000001");
    assert!(!page.body.contains(r#"id="order-form""#));
    let csrf = hidden(&page.body, "csrf");
    let refused = b.post("/customers/C0000001/orders", &[("csrf", &csrf), ("sku_0", "X"), ("price_0", "1")]);
    assert_eq!(refused.status, 403);
}

#[test]
fn the_third_purchase_by_cohort_and_campaign_and_the_customers_a_win_back_brought_back_are_on_the_pages() {
    let mut b = owner();
    let reports = b.get("/reports");
    let section = |html: &str, id: &str| -> String {
        let marker = format!("id=\"{id}\"");
        html.split(&marker)
            .nth(1)
            .and_then(|s| s.split("</section>").next())
            .unwrap_or_else(|| panic!("no {id}"))
            .to_owned()
    };
    let by_cohort = section(&reports.body, "third-by-cohort");
    assert!(by_cohort.contains("<th scope=\"row\">") && by_cohort.contains("%"), "{by_cohort}");
    let by_campaign = section(&reports.body, "third-by-campaign");
    for code in ["WELCOME10", "FLASHSALE", "FRIEND"] {
        assert!(by_campaign.contains(code), "{code} in {by_campaign}");
    }
    assert!(by_campaign.contains("No campaign code"));
    let cli = cli_json(server(), &["report", "third-purchase", "--format", "json"]);
    let welcome = cli["by_first_campaign"]
        .as_array()
        .and_then(|groups| groups.iter().find(|g| g["key"] == "WELCOME10"))
        .expect("WELCOME10 on the command line");
    let customers = welcome["customers"].as_u64().expect("customers");
    let row = by_campaign.split("WELCOME10").nth(1).expect("its row").split("</tr>").next().expect("row");
    assert!(row.contains(&format!(">{customers}<")), "the page and the command line agree: {row} vs {customers}");

    let comeback = b.get("/campaigns/COMEBACK");
    assert_eq!(comeback.status, 200);
    let figure = comeback.body.split(r#"data-field="reactivated">"#).nth(1).expect("the figure");
    let brought_back: u64 = figure.split('<').next().expect("number").replace(',', "").parse().expect("a count");
    assert!(brought_back > 0, "the win-back mail brought quiet customers back");
    let listed = section(&comeback.body, "reactivated");
    assert!(listed.contains("/customers/"), "listed by name with a link: {listed}");
    let flash = b.get("/campaigns/FLASH");
    assert!(flash.body.contains(r#"data-field="reactivated">0<"#), "a first-order campaign brings nobody back");
}

/// The messages enqueued for a customer are on their page and in `ladder outbox list`, with what became
/// of each.
#[test]
fn a_customer_s_messages_show_on_their_page_and_in_the_outbox_list() {
    use ladder_domain::messaging::{MessagePurpose, OutboxStatus};
    use ladder_store::{CustomerStore, Delivery, NewMessage, OutboxStore, Store};
    let store = ladder_store_sqlite::SqliteStore::open(server().dir.path().join("shop.db")).expect("open the shop");
    let customer = store.customer("C0000005").expect("read").expect("a demo customer").id;
    let message = |channel, status, reason: Option<&str>| NewMessage {
        cause: "test:messages".to_owned(),
        customer,
        channel,
        template: "thanks".to_owned(),
        template_version: 3,
        language: "en".to_owned(),
        purpose: MessagePurpose::Service,
        status,
        reason: reason.map(str::to_owned),
        not_before: None,
    };
    let at = chrono::Utc::now();
    let batch = [
        message(ladder_domain::Channel::Email, OutboxStatus::Queued, None),
        message(ladder_domain::Channel::Sms, OutboxStatus::Skipped, Some("no consent")),
    ];
    let mut tx = store.begin().expect("begin");
    assert_eq!(tx.enqueue_messages(&batch, at, "demo.shop").expect("enqueue"), 2);
    tx.commit().expect("commit");
    let claimed =
        store.claim_messages(ladder_domain::Channel::ALL, at, at + chrono::Duration::minutes(5), 100).expect("claim");
    let mine = claimed.iter().find(|m| m.customer == customer).expect("the queued one");
    assert!(store.finish_message(mine.id, &Delivery::Sent(at)).expect("sent"));
    for other in claimed.iter().filter(|m| m.customer != customer) {
        store.finish_message(other.id, &Delivery::Failed { error: "test".into(), retry_at: Some(at) }).expect("back");
    }

    let mut b = owner();
    let page = b.get("/customers/C0000005");
    let list = page.body.split(r#"id="messages""#).nth(1).expect("messages").split("</ul>").next().expect("list");
    assert!(list.contains("thanks") && list.contains("v3"), "{list}");
    assert!(list.contains("sent") && list.contains("not sent") && list.contains("no consent"), "{list}");
    let listed = cli_json(server(), &["outbox", "list", "--customer", "C0000005", "--format", "json"]);
    let seen: Vec<(&str, &str)> = listed
        .as_array()
        .expect("messages")
        .iter()
        .filter(|m| m["cause"] == "test:messages")
        .map(|m| (m["channel"].as_str().unwrap_or_default(), m["status"].as_str().unwrap_or_default()))
        .collect();
    assert_eq!(seen, [("sms", "skipped"), ("email", "sent")]);
}

/// The shop's system asks for an order's confirmation: enqueued once per key, skipped with the reason
/// for a customer without an email, refused for an offer template or an unknown customer.
#[test]
fn a_transactional_message_is_enqueued_once_per_key() {
    let body = server().dir.path().join("confirmation.txt");
    std::fs::write(&body, "Thank you, {{ first_name | default('friend') }}! Your order is on its way.").expect("write");
    let add = |name: &str, purpose: &str| {
        let args = ["template", "add", name, "--channel", "email", "--lang", "en", "--subject", "Your order"];
        let body = body.display().to_string();
        cli_json(server(), &[&args[..], &["--body-file", &body, "--purpose", purpose, "--format", "json"]].concat())
    };
    add("order-confirmation", "transactional");
    add("summer-sale", "offer");
    let mut b = owner();
    let token = api_token(&mut b);
    let post = |path: &str, body: serde_json::Value| api_post_json(&token, path, &body);
    let asked = serde_json::json!({"customer_id": "C0000007", "template": "order-confirmation", "key": "order-77"});
    let (status, first) = post("/messages", asked.clone());
    assert_eq!((status, first["status"].as_str()), (202, Some("queued")), "{first}");
    assert_eq!((first["template"].as_str(), first["template_version"].as_u64()), (Some("order-confirmation"), Some(1)));
    assert!(first["message_id"].as_str().is_some_and(|id| id.starts_with("<ladder.api-order-77.")), "{first}");
    let (status, again) = post("/messages", asked);
    assert_eq!((status, &again["id"]), (200, &first["id"]), "the same key: the same message, not a second one");

    assert_eq!(post("/customers", serde_json::json!({"customer_id": "NOMAIL-1", "first_name": "Avi"})).0, 201);
    let (status, skipped) = post(
        "/messages",
        serde_json::json!({"customer_id": "NOMAIL-1", "template": "order-confirmation", "key": "o-2"}),
    );
    assert_eq!(
        (status, skipped["status"].as_str(), skipped["reason"].as_str()),
        (202, Some("skipped"), Some("no address"))
    );
    let (status, offer) =
        post("/messages", serde_json::json!({"customer_id": "C0000007", "template": "summer-sale", "key": "o-3"}));
    assert_eq!((status, offer["field"].as_str()), (422, Some("template")), "offers go through broadcasts: {offer}");
    let (status, nobody) =
        post("/messages", serde_json::json!({"customer_id": "NOBODY", "template": "order-confirmation", "key": "o-4"}));
    assert_eq!((status, nobody["field"].as_str()), (422, Some("customer_id")), "{nobody}");
    let listed = cli_json(server(), &["outbox", "list", "--cause", "api:order-77", "--format", "json"]);
    assert_eq!(listed.as_array().map(Vec::len), Some(1));
}

/// A customer answers a text message with "הסר": the gateway forwards it, and their consent to texts is
/// withdrawn at once, with the reply as evidence; any other reply changes nothing.
#[test]
fn a_stop_reply_withdraws_consent_to_text_messages() {
    let mut b = owner();
    let token = api_token(&mut b);
    let post = |path: &str, body: serde_json::Value| api_post_json(&token, path, &body);
    let customer = serde_json::json!({
        "customer_id": "SMS-1", "first_name": "Noa", "phone": "054-567-2233", "country": "IL",
        "consents": [{"channel": "sms", "granted": true}],
    });
    assert_eq!(post("/customers", customer).0, 201);
    let (status, thanks) = post("/sms/inbound", serde_json::json!({"from": "+972545672233", "text": "תודה!"}));
    assert_eq!(
        (status, thanks["stop"].as_bool(), thanks["customers"].clone()),
        (200, Some(false), serde_json::json!([]))
    );
    let (status, stop) = post("/sms/inbound", serde_json::json!({"from": "+972 54-567-2233", "text": " הסר "}));
    assert_eq!((status, stop["customers"].clone()), (200, serde_json::json!(["SMS-1"])), "{stop}");
    let ledger = cli_json(server(), &["consent", "history", "SMS-1", "--format", "json"]);
    let last = ledger.as_array().and_then(|l| l.iter().rev().find(|e| e["purpose"] == "marketing")).expect("an entry");
    assert_eq!((last["action"].as_str(), last["method"].as_str()), (Some("withdraw"), Some("reply_stop")));
    assert_eq!(last["evidence"].as_str(), Some("+972545672233: הסר"));
    let shown = cli_json(server(), &["customer", "show", "SMS-1", "--format", "json"]);
    let sms = shown["consents"].as_array().and_then(|k| k.iter().find(|c| c["channel"] == "sms")).expect("sms");
    assert_eq!(sms["granted"].as_bool(), Some(false));
    let (status, bad) = post("/sms/inbound", serde_json::json!({"from": "nobody", "text": "STOP"}));
    assert_eq!((status, bad["field"].as_str()), (422, Some("from")));
}

/// A customer follows the links of a message, signed in nowhere: the link opened in a browser asks
/// first (scanners open links); the mail program's one-click POST withdraws at once, once, with the
/// visit as evidence; the preference page changes topics; a link Ladder did not sign finds nothing.
#[test]
fn a_customer_unsubscribes_in_one_click_and_chooses_on_the_preference_page() {
    use ladder_app::links::{LinkSigner, LinkSubject};
    use ladder_domain::consent::{ConsentAction, ConsentMethod, LegalBasis, Purpose};
    let store = ladder_store_sqlite::SqliteStore::open(server().dir.path().join("shop.db")).expect("open the shop");
    let app = ladder_app::App::new(std::sync::Arc::new(store));
    let customer = "C0000011";
    let grant = ladder_app::consent::ConsentChange {
        channel: ladder_domain::Channel::Email,
        purpose: Purpose::Marketing,
        granted: true,
        method: ConsentMethod::Staff,
        basis: None,
        source: "till".into(),
        evidence: None,
    };
    ladder_app::consent::record(&app, &ladder_app::Actor::Cli, customer, &grant).expect("consent");
    let subject = LinkSubject {
        customer_id: customer.into(),
        channel: ladder_domain::Channel::Email,
        purpose: Purpose::Marketing,
    };
    let token = LinkSigner::of(&app).expect("the links' key").token(&subject);
    let ledger = || app.store().customer(customer).expect("read").expect("there").consent_ledger;
    let before = ledger().len();

    let mut visitor = Browser::new("en");
    let asked = visitor.get(&format!("/u/{token}"));
    assert_eq!(asked.status, 200);
    assert!(asked.body.contains(r#"id="unsubscribe""#), "a button, not an unsubscribe on opening: {}", asked.body);
    assert_eq!(ledger().len(), before, "opening the link changes nothing");
    let done = visitor.post(&format!("/u/{token}"), &[("List-Unsubscribe", "One-Click")]);
    assert_eq!(done.status, 200);
    let language = app.store().customer(customer).expect("read").expect("there").profile.preferred_language;
    let expected = format!(r#"<html lang="{}""#, language.as_deref().unwrap_or("en"));
    assert!(
        done.body.contains(r#"id="unsubscribed""#) && done.body.contains(&expected),
        "in their language: {}",
        done.body
    );
    let last = ledger().last().cloned().expect("an entry");
    assert!(last.action == ConsentAction::Withdraw && last.method == ConsentMethod::OneClick, "{last:?}");
    assert!(last.evidence.as_deref().is_some_and(|e| e.contains("IP 127.0.0.1")), "{last:?}");
    visitor.post(&format!("/u/{token}"), &[("List-Unsubscribe", "One-Click")]);
    assert_eq!(ledger().len(), before + 1, "twice withdraws once");

    let page = visitor.get(&format!("/preferences/{token}"));
    assert_eq!(page.status, 200);
    assert!(
        page.body.contains(r#"id="choice-email-newsletter""#)
            && !page.body.contains(r#"name="email.marketing" id="choice-email-marketing" checked"#),
        "{}",
        page.body
    );
    let wording = hidden(&page.body, "wording");
    let saved = visitor.post(&format!("/preferences/{token}"), &[("email.newsletter", "on"), ("wording", &wording)]);
    assert!(saved.body.contains(r#"id="saved""#), "{}", saved.body);
    let newsletter = ledger().last().cloned().expect("an entry");
    assert_eq!((newsletter.purpose, newsletter.action), (Purpose::Newsletter, ConsentAction::Grant));
    assert_eq!((newsletter.method, newsletter.basis), (ConsentMethod::PreferencePage, Some(LegalBasis::Consent)));
    assert!(newsletter.evidence.as_deref().is_some_and(|e| e.contains(&wording)), "the wording shown: {newsletter:?}");

    // Another customer's link made by changing the id: its signature does not fit.
    let other = LinkSigner::of(&app).expect("key").token(&LinkSubject { customer_id: "C0000012".into(), ..subject });
    let forged = format!("{}{}", &other[..other.rfind('-').expect("dash")], &token[token.rfind('-').expect("dash")..]);
    assert_eq!(visitor.get(&format!("/u/{forged}")).status, 404);
    assert_eq!(visitor.post(&format!("/u/{forged}"), &[("List-Unsubscribe", "One-Click")]).status, 404);

    // A tracked link leads only to an address of a message that went: a signed link of no sent
    // message, or one Ladder did not sign, is not found (and redirects nowhere).
    let no_message = LinkSigner::of(&app).expect("key").click_token(i64::MAX, 0);
    for link in [no_message.as_str(), "c1.0-00112233445566778899aabbccddeeff", "nonsense"] {
        let answer = visitor.get(&format!("/r/{link}"));
        assert_eq!((answer.status, answer.location), (404, None), "{link}");
    }
}

/// The Messages pages: a template written with its live preview for a real customer, saved as a
/// version; a broadcast composed, counted before sending by reason, sent once; viewers may look only.
#[test]
fn a_template_is_previewed_live_and_a_broadcast_counted_then_sent_from_the_pages() {
    let mut b = owner();
    let overview = b.get("/messages");
    assert_eq!(overview.status, 200);
    assert!(overview.body.contains(r#"id="nav-messages""#) && overview.body.contains(r#"id="new-broadcast""#));
    let form = b.get("/messages/templates/new");
    assert_eq!(form.status, 200);
    let csrf = hidden(&form.body, "csrf");
    let draft = [
        ("csrf", csrf.as_str()),
        ("name", "web-winter"),
        ("channel", "email"),
        ("language", "he"),
        ("purpose", "offer"),
        ("subject", "פולי חורף"),
        ("body", "שלום {{ first_name | default(\"לך\") }}, הגיעו פולים."),
        ("customer", "C0000003"),
    ];
    let preview = b.post("/messages/templates/preview", &draft);
    assert_eq!(preview.status, 200);
    assert!(preview.body.contains(r#"dir="rtl""#) && preview.body.contains("הגיעו פולים"), "{}", preview.body);
    let mut wrong = draft.to_vec();
    wrong[6] = ("body", "שלום {{ first_nam }}");
    let refused = b.post("/messages/templates/preview", &wrong);
    assert!(refused.body.contains(r#"id="preview-problem""#) && refused.body.contains("first_nam"), "{}", refused.body);
    let forged = b.post("/messages/templates/preview", &[("csrf", "forged"), ("body", "x"), ("customer", "C0000003")]);
    assert_eq!(forged.status, 403, "the live preview needs the form's token too");
    let saved = b.post("/messages/templates", &draft);
    assert_eq!(saved.location.as_deref(), Some("/messages?done=messages-template-saved"), "{}", saved.body);
    let listed = b.get("/messages");
    assert!(listed.body.contains("web-winter"), "{}", listed.body);

    let new = b.get("/messages/broadcasts/new");
    let csrf = hidden(&new.body, "csrf");
    let made = b.post(
        "/messages/broadcasts",
        &[
            ("csrf", &csrf),
            ("template", "web-winter|email"),
            ("audience", "rung"),
            ("rung", "customer"),
            ("code", "WEB-W"),
        ],
    );
    let location = made.location.clone().expect("to the broadcast's page");
    let page = b.get(&location);
    assert!(page.body.contains(r#"id="forecast""#) && page.body.contains(r#"id="send-broadcast""#), "{}", page.body);
    assert!(page.body.contains(r#"id="forecast-send""#), "{}", page.body);
    let id = location.trim_start_matches("/messages/broadcasts/").split('?').next().expect("id").to_owned();
    let sent = b.post(&format!("/messages/broadcasts/{id}/send"), &[("csrf", &csrf)]);
    assert!(sent.location.as_deref().is_some_and(|l| l.contains("messages-broadcast-sent")));
    let again = b.post(&format!("/messages/broadcasts/{id}/send"), &[("csrf", &csrf)]);
    assert!(again.status == 303 || again.status == 302, "a second click is harmless: {}", again.status);
    let after = b.get(&format!("/messages/broadcasts/{id}"));
    assert!(!after.body.contains(r#"id="send-broadcast""#), "sent once: no button any more");
    let shown = cli_json(server(), &["broadcast", "show", &id, "--format", "json"]);
    assert_ne!(shown["status"], "draft", "{shown}");

    let mut viewer = Browser::new("fa");
    viewer.sign_in("viewer@demo.shop", "viewer-password-1");
    assert_eq!(viewer.get("/messages/templates/new").status, 403, "a viewer may not write templates");
    let looked = viewer.get(&format!("/messages/broadcasts/{id}"));
    assert_eq!(looked.status, 200, "a viewer sees reports");
    assert!(looked.body.contains(r#"dir="rtl""#) && !looked.body.contains(r#"id="send-broadcast""#));
    assert_eq!(viewer.post(&format!("/messages/broadcasts/{id}/send"), &[("csrf", "x")]).status, 403);
}

/// The API composes a broadcast (answered with who would receive it and why not), sends it once, lists
/// the outbox, and records and reads a customer's consent.
#[test]
fn broadcasts_the_outbox_and_consent_through_the_api() {
    use serde_json::json;
    let mut b = owner();
    let token = api_token(&mut b);
    let body = "Hello {{ first_name | default(\"friend\") }}";
    let file = server().dir.path().join("api-body.txt");
    std::fs::write(&file, body).expect("body");
    let out = ladder(&server().dir)
        .args([
            "template",
            "add",
            "api-news",
            "--channel",
            "email",
            "--lang",
            "en",
            "--subject",
            "News",
            "--purpose",
            "newsletter",
        ])
        .arg("--body-file")
        .arg(&file)
        .output()
        .expect("template");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));

    let (status, made) = api_post_json(
        &token,
        "/broadcasts",
        &json!({"template": "api-news", "audience": {"kind": "rung", "rung": "loyal"}, "campaign_code": "API-N"}),
    );
    assert_eq!(status, 201, "{made}");
    assert_eq!((made["status"].as_str(), made["audience"]["rung"].as_str()), (Some("draft"), Some("loyal")));
    let forecast = &made["forecast"];
    let counted = forecast["send"].as_u64().expect("send")
        + forecast["held"].as_array().expect("held").iter().map(|h| h[1].as_u64().unwrap_or(0)).sum::<u64>()
        + forecast["skipped"].as_array().expect("skipped").iter().map(|s| s[1].as_u64().unwrap_or(0)).sum::<u64>();
    assert_eq!(counted, forecast["audience"].as_u64().expect("audience"), "{forecast}");
    let id = made["id"].as_i64().expect("id");
    let (bad, refused) =
        api_post_json(&token, "/broadcasts", &json!({"template": "nope", "audience": {"kind": "all"}}));
    assert_eq!((bad, refused["field"].as_str()), (422, Some("template")), "{refused}");

    let (sent, job) = api_post_json(&token, &format!("/broadcasts/{id}/send"), &json!({}));
    assert_eq!(sent, 202, "{job}");
    let (again, conflict) = api_post_json(&token, &format!("/broadcasts/{id}/send"), &json!({}));
    assert_eq!(again, 409, "sent once: {conflict}");
    let listed: serde_json::Value = serde_json::from_str(&api_get(&token, "/broadcasts").body).expect("json");
    assert!(listed.as_array().expect("list").iter().any(|x| x["id"] == id));
    let outbox = api_get(&token, "/outbox?status=sent&limit=5");
    assert_eq!(outbox.status, 200, "{}", outbox.body);
    assert_eq!(api_get(&token, "/outbox?status=lost").status, 422);

    let (recorded, ledger) = api_post_json(
        &token,
        "/customers/C0000021/consent",
        &json!({"channel": "sms", "purpose": "newsletter", "granted": true, "evidence": "ticked \"Texts about new beans\""}),
    );
    assert_eq!(recorded, 201, "{ledger}");
    let last = ledger.as_array().expect("ledger").last().cloned().expect("an entry");
    assert_eq!(
        (last["channel"].as_str(), last["purpose"].as_str(), last["method"].as_str()),
        (Some("sms"), Some("newsletter"), Some("api"))
    );
    let read: serde_json::Value =
        serde_json::from_str(&api_get(&token, "/customers/C0000021/consent").body).expect("json");
    assert_eq!(read.as_array().map(Vec::len), ledger.as_array().map(Vec::len));
    let (unknown, _) = api_post_json(&token, "/customers/NOBODY/consent", &json!({"channel": "sms", "granted": false}));
    assert_eq!(unknown, 404);
}

/// A call script broadcast to a rung waits on the call list, rendered for each customer; recording a
/// call puts it on the customer's history once; "asked not to be called" withdraws consent to calls.
#[test]
fn the_call_list_shows_each_script_and_records_outcomes_on_the_customer() {
    let dir = server().dir.path();
    let script = dir.join("call-script.txt");
    std::fs::write(&script, "Hello {{ first_name | default(\"there\") }}, this is the shop: how was your last order?")
        .expect("script");
    let out = ladder(&server().dir)
        .args(["template", "add", "how-was-it", "--channel", "phone", "--lang", "en", "--purpose", "service"])
        .arg("--body-file")
        .arg(&script)
        .output()
        .expect("template");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let id = String::from_utf8(
        ladder(&server().dir)
            .args(["broadcast", "create", "--template", "how-was-it", "--channel", "phone", "--rung", "advocate"])
            .output()
            .expect("create")
            .stdout,
    )
    .expect("utf-8")
    .trim()
    .to_owned();
    let job = ladder(&server().dir).args(["broadcast", "send", &id]).output().expect("send");
    assert!(job.status.success(), "{}", String::from_utf8_lossy(&job.stderr));
    let worked =
        ladder(&server().dir).args(["worker", "--once"]).env("LADDER_NIGHTLY_SCORING", "").output().expect("work");
    assert!(worked.status.success(), "{}", String::from_utf8_lossy(&worked.stderr));
    // Calls wait for the customers' daytime; here the morning comes at once.
    let db = rusqlite::Connection::open(dir.join("shop.db")).expect("open");
    db.busy_timeout(std::time::Duration::from_secs(10)).expect("timeout");
    db.execute(
        "UPDATE outbox SET status = 'queued', not_before = NULL WHERE cause = ?1 AND status = 'held'",
        [format!("broadcast:{id}")],
    )
    .expect("morning");

    let mut b = owner();
    let list = b.get("/messages/calls");
    assert_eq!(list.status, 200);
    let first = list.body.split(r#"<section class="card call" id="call-"#).nth(1).expect("a call is due");
    let call_id = first.split('"').next().expect("id").to_owned();
    assert!(first.contains("this is the shop: how was your last order?"), "{first}");
    let customer =
        first.split(r#"href="/customers/"#).nth(1).expect("customer").split('"').next().expect("id").to_owned();
    let csrf = hidden(&list.body, "csrf");
    let recorded =
        b.post(&format!("/messages/calls/{call_id}"), &[("csrf", &csrf), ("outcome", "declined"), ("note", "not now")]);
    assert_eq!(recorded.location.as_deref(), Some("/messages/calls?done=messages-call-recorded"), "{}", recorded.body);
    let again = b.post(&format!("/messages/calls/{call_id}"), &[("csrf", &csrf), ("outcome", "reached")]);
    assert_eq!(again.status, 303, "a second click changes nothing");
    assert!(!b.get("/messages/calls").body.contains(&format!(r#"id="call-{call_id}""#)), "off the list");
    let shown = cli_json(server(), &["customer", "show", &customer, "--format", "json"]);
    let calls: Vec<&serde_json::Value> =
        shown["interactions"].as_array().expect("interactions").iter().filter(|i| i["kind"] == "call").collect();
    assert_eq!(calls.len(), 1, "{shown}");
    assert!(calls[0]["note"].as_str().is_some_and(|n| n.contains("declined") && n.contains("not now")));
    let ledger = cli_json(server(), &["consent", "history", &customer, "--format", "json"]);
    let last = ledger.as_array().and_then(|l| l.last()).cloned().expect("an answer");
    assert_eq!((last["channel"].as_str(), last["action"].as_str()), (Some("phone"), Some("withdraw")), "{ledger}");
}
