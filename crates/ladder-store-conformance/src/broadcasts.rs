//! Broadcasts: composed as drafts, moved on once; their audience read in one pass with what the decision
//! needs of each member; the contact log the caps count; what a broadcast brought; the links' signing key
//! kept once.

use crate::support::*;
use ladder_domain::broadcast::{Audience, BroadcastStatus};
use ladder_domain::messaging::{MessagePurpose, OutboxStatus, PastContact};
use ladder_store::{AudienceQuery, Delivery, NewBroadcast, NewMessage, OrderTotal};

/// A broadcast is a draft until it is sent, moves on once, and reads back as composed.
pub fn broadcasts_are_drafts_until_sent_and_move_on_once(store: &dyn Store) {
    let draft = NewBroadcast {
        name: "Autumn beans".into(),
        template: "autumn".into(),
        channel: Channel::Email,
        audience: Audience::Rung { rung: Rung::Repeat, state: Some(CustomerState::AtRisk) },
        campaign_code: Some("AUTUMN25".into()),
        send_at: Some(ts("2025-10-01T08:00:00Z")),
        created_by: "user:1".into(),
        defer_capped: true,
    };
    let at = ts("2025-09-20T12:00:00Z");
    let id = write(store, |tx| tx.add_broadcast(&draft, at)).expect("add");
    let b = store.broadcast(id).expect("read").expect("there");
    assert_eq!((b.name.as_str(), b.template.as_str(), b.channel), ("Autumn beans", "autumn", Channel::Email));
    assert_eq!(
        (b.audience, b.campaign_code.as_deref(), b.send_at),
        (draft.audience.clone(), Some("AUTUMN25"), draft.send_at)
    );
    assert_eq!((b.status, b.created_at, b.enqueued_at, b.enqueued), (BroadcastStatus::Draft, at, None, 0));
    assert!(b.defer_capped, "the sender's choice to defer what the caps would skip");

    let moved = |from, to, enqueued| write(store, |tx| tx.move_broadcast(id, from, to, enqueued)).expect("move");
    assert!(moved(BroadcastStatus::Draft, BroadcastStatus::Queued, None));
    assert!(!moved(BroadcastStatus::Draft, BroadcastStatus::Queued, None), "a second send finds it queued");
    let done = ts("2025-10-01T08:00:30Z");
    assert!(moved(BroadcastStatus::Queued, BroadcastStatus::Enqueued, Some((done, 1_234))));
    let b = store.broadcast(id).expect("read").expect("there");
    assert_eq!((b.status, b.enqueued_at, b.enqueued), (BroadcastStatus::Enqueued, Some(done), 1_234));
    let other = write(store, |tx| tx.add_broadcast(&NewBroadcast { audience: Audience::All, ..draft.clone() }, at));
    let listed: Vec<i64> = store.broadcasts(10).expect("list").iter().map(|b| b.id).collect();
    assert_eq!(listed, [other.expect("add"), id], "newest first");
    assert!(store.broadcast(id + 100).expect("read").is_none());
}

/// The audience comes in id order with each member's address on the channel (a number in its one form),
/// consent for the purpose, language and last completed order; the newsletter's reads only subscribers.
pub fn an_audience_is_read_in_one_pass_with_what_the_decision_needs(store: &dyn Store) {
    let granted = |channel, purpose| Consent { channel, granted: true, purpose, ..Consent::PLAIN };
    let mut a = Customer {
        email: Some("a@example.com".into()),
        phone: Some("054-567-8901".into()),
        country: Some("IL".into()),
        preferred_language: Some("he".into()),
        ..customer("B1")
    };
    a.consents = vec![granted(Channel::Email, Purpose::Marketing), granted(Channel::Email, Purpose::Newsletter)];
    let mut b = Customer { email: Some("b@example.com".into()), ..customer("B2") };
    b.consents = vec![Consent { granted: false, ..granted(Channel::Email, Purpose::Marketing) }];
    let c = customer("B3");
    let orders = [
        order("O1", "B1", "2025-08-01T10:00:00Z", &[("BEAN", 1, 900)]),
        order("O2", "B1", "2025-09-01T10:00:00Z", &[("BEAN", 1, 900)]),
        Order { status: OrderStatus::Cancelled, ..order("O3", "B1", "2025-09-10T10:00:00Z", &[("BEAN", 1, 900)]) },
    ];
    seed(store, &[a, b, c], &orders, &[]);
    let read = |channel, purpose, consented_only| {
        let q = AudienceQuery { customers: CustomerQuery::default(), channel, purpose, consented_only };
        let mut members = Vec::new();
        store
            .each_audience_member(&q, &mut |m| {
                Ok({
                    members.push(m);
                    true
                })
            })
            .expect("audience");
        members
    };
    let all = read(Channel::Email, Purpose::Marketing, false);
    let ids: Vec<&str> = all.iter().map(|m| m.customer_id.as_str()).collect();
    assert_eq!(ids, ["B1", "B2", "B3"]);
    assert_eq!(all[0].address.as_deref(), Some("a@example.com"));
    assert_eq!((all[0].country.as_deref(), all[0].language.as_deref()), (Some("IL"), Some("he")));
    assert_eq!(all[0].consent.map(|(g, _)| g), Some(true));
    assert_eq!(all[0].last_order, Some(ts("2025-09-01T10:00:00Z")), "the last completed order");
    assert_eq!((all[1].consent.map(|(g, _)| g), all[1].last_order), (Some(false), None));
    assert_eq!((all[2].address.as_deref(), all[2].consent), (None, None));
    let texts = read(Channel::Sms, Purpose::Marketing, false);
    assert_eq!(texts[0].address.as_deref(), Some("+972545678901"), "a number in its one form");
    let subscribers = read(Channel::Email, Purpose::Newsletter, true);
    assert_eq!(subscribers.iter().map(|m| m.customer_id.as_str()).collect::<Vec<_>>(), ["B1"]);
    let on_a_rung = AudienceQuery {
        customers: CustomerQuery { rung: Some(Rung::Loyal), ..CustomerQuery::default() },
        channel: Channel::Email,
        purpose: Purpose::Marketing,
        consented_only: false,
    };
    assert_eq!(store.each_audience_member(&on_a_rung, &mut |_| Ok(true)).expect("audience"), 0, "nobody scored");
}

/// The contact log is the messages sent since a time, each with its customer, channel and purpose.
pub fn the_contact_log_holds_the_messages_sent(store: &dyn Store) {
    seed(store, &[customer("K1"), customer("K2")], &[], &[]);
    let (k1, k2) = (id_of(store, "K1"), id_of(store, "K2"));
    let message = |customer, purpose| NewMessage {
        cause: "broadcast:1".into(),
        customer,
        channel: Channel::Email,
        template: "t".into(),
        template_version: 1,
        language: "en".into(),
        purpose,
        status: OutboxStatus::Queued,
        reason: None,
        not_before: None,
    };
    let at = ts("2025-09-01T10:00:00Z");
    let batch = [message(k1, MessagePurpose::Offer), message(k2, MessagePurpose::Offer)];
    write(store, |tx| tx.enqueue_messages(&batch, at, "shop.example")).expect("enqueue");
    let claimed = store.claim_messages(Channel::ALL, at, ts("2025-09-01T10:05:00Z"), 10).expect("claim");
    let sent_at = ts("2025-09-01T10:00:05Z");
    assert!(store.finish_message(claimed[0].id, &Delivery::Sent(sent_at)).expect("sent"));
    let failed = Delivery::Failed { error: "550".into(), retry_at: None };
    assert!(store.finish_message(claimed[1].id, &failed).expect("failed"));
    let log = |since| {
        let mut seen = Vec::new();
        store
            .each_contact(since, &mut |c, p| {
                Ok({
                    seen.push((c, p));
                    true
                })
            })
            .expect("log");
        seen
    };
    let expected = PastContact { at: sent_at, channel: Channel::Email, purpose: MessagePurpose::Offer };
    assert_eq!(log(ts("2025-08-25T00:00:00Z")), [(k1, expected)], "only what was sent");
    assert!(log(sent_at).is_empty(), "nothing after");
}

/// What a broadcast brought counts its sent messages only: withdrawals on its channel and completed orders
/// within the window after each message, and the orders carrying its code since it was enqueued.
pub fn a_broadcast_s_results_count_from_each_message_sent(store: &dyn Store) {
    let coded = |id: &str, customer: &str, at: &str, code: Option<&str>, minor: i64| Order {
        campaign_code: code.map(str::to_owned),
        ..order(id, customer, at, &[("BEANS", 1, minor)])
    };
    let orders = [
        coded("Q1", "R1", "2025-09-02T10:00:00Z", Some(" Autumn "), 1_000),
        coded("Q2", "R1", "2025-09-03T10:00:00Z", None, 500),
        coded("Q3", "R2", "2025-09-20T10:00:00Z", Some("AUTUMN"), 700),
        coded("Q4", "R3", "2025-09-02T12:00:00Z", None, 900),
        coded("Q5", "R2", "2025-08-20T10:00:00Z", Some("AUTUMN"), 300),
        Order { status: OrderStatus::Cancelled, ..coded("Q6", "R2", "2025-09-02T11:00:00Z", Some("AUTUMN"), 800) },
    ];
    let agreed = |id| Customer {
        consents: vec![Consent { channel: Channel::Email, granted: true, ..Consent::PLAIN }],
        ..customer(id)
    };
    seed(store, &[agreed("R1"), agreed("R2"), agreed("R3")], &orders, &[]);
    let [r1, r2, r3] = ["R1", "R2", "R3"].map(|id| id_of(store, id));
    let message = |customer| NewMessage {
        cause: "broadcast:9".into(),
        customer,
        channel: Channel::Email,
        template: "t".into(),
        template_version: 1,
        language: "en".into(),
        purpose: MessagePurpose::Offer,
        status: OutboxStatus::Queued,
        reason: None,
        not_before: None,
    };
    let at = ts("2025-09-01T10:00:00Z");
    write(store, |tx| tx.enqueue_messages(&[message(r1), message(r2), message(r3)], at, "shop.example"))
        .expect("enqueue");
    let claimed = store.claim_messages(Channel::ALL, at, ts("2025-09-01T10:05:00Z"), 10).expect("claim");
    for m in &claimed {
        let delivery = if m.customer == r3 {
            Delivery::Failed { error: "550".into(), retry_at: None }
        } else {
            Delivery::Sent(ts("2025-09-01T10:00:05Z"))
        };
        assert!(store.finish_message(m.id, &delivery).expect("finish"));
    }
    let clicked_at = ts("2025-09-01T12:00:00Z");
    for m in &claimed {
        let recorded = write(store, |tx| tx.record_click(m.id, 0, clicked_at)).expect("click");
        assert_eq!(recorded, m.customer != r3, "a click counts on a sent message only");
    }
    let first = claimed.iter().find(|m| m.customer == r1).expect("R1's");
    assert!(write(store, |tx| tx.record_click(first.id, 1, clicked_at)).expect("again"));
    assert!(!write(store, |tx| tx.record_click(i64::MAX, 0, clicked_at)).expect("none"));
    let withdraw = |id: &str, channel, when: &str| {
        let c = Customer { consents: vec![Consent { channel, granted: false, ..Consent::PLAIN }], ..customer(id) };
        write(store, |tx| tx.put_customer(&c, &Evidence { at: ts(when), source: "one-click".into() }, Absent::Keep))
            .expect("withdraw");
    };
    withdraw("R1", Channel::Email, "2025-09-01T11:00:00Z");
    withdraw("R2", Channel::Sms, "2025-09-01T11:00:00Z");
    withdraw("R3", Channel::Email, "2025-09-01T11:00:00Z");
    let results =
        store.broadcast_results("broadcast:9", Some("autumn"), at, chrono::Duration::days(7)).expect("results");
    assert_eq!(results.unsubscribed, 1, "R1 only: R2 withdrew another channel, R3's message never went");
    assert_eq!(results.clicked, 2, "R1 (twice) and R2: people, not clicks");
    let total = |orders, customers, total_minor| OrderTotal { currency: "EUR".into(), orders, customers, total_minor };
    assert_eq!(results.bought_after, [total(2, 1, 1_500)], "R1's two orders within a week; R2's came later");
    assert_eq!(results.attributed, [total(2, 2, 1_700)], "coded and completed, since it was enqueued");
    let none = store.broadcast_results("broadcast:10", None, at, chrono::Duration::days(7)).expect("none");
    assert_eq!(none, ladder_store::BroadcastResults::default());
}

/// The first instance to ask keeps its key; every later one gets the same.
pub fn a_signing_key_is_kept_once(store: &dyn Store) {
    assert_eq!(store.signing_key("links").expect("read"), None);
    let at = ts("2025-09-01T10:00:00Z");
    assert_eq!(write(store, |tx| tx.keep_signing_key("links", "first", at)).expect("keep"), "first");
    assert_eq!(write(store, |tx| tx.keep_signing_key("links", "second", at)).expect("keep"), "first");
    assert_eq!(store.signing_key("links").expect("read").as_deref(), Some("first"));
}
