//! The outbox: one message per cause, customer and channel; claimed with a lease, claimed again when
//! the lease runs out (with the same Message-ID), finished once.

use crate::support::*;
use ladder_domain::messaging::{MessagePurpose, OutboxStatus};
use ladder_store::{Delivery, NewMessage, OutboxQuery};

fn new(cause: &str, customer: CustomerId, channel: Channel, status: OutboxStatus) -> NewMessage {
    NewMessage {
        cause: cause.to_owned(),
        customer,
        channel,
        template: "welcome".to_owned(),
        template_version: 2,
        language: "he".to_owned(),
        purpose: MessagePurpose::Offer,
        status,
        reason: (status == OutboxStatus::Skipped).then(|| "no consent".to_owned()),
        not_before: (status == OutboxStatus::Held).then(|| ts("2025-09-02T06:00:00Z")),
    }
}

/// A message is enqueued once however often its cause asks; workers claim what is due, a dead worker's
/// messages come back with the same Message-ID, and each ends once.
pub fn messages_are_enqueued_once_claimed_with_a_lease_and_finished_once(store: &dyn Store) {
    seed(store, &[customer("A1"), customer("A2")], &[], &[]);
    let id = |external: &str| store.customer(external).expect("read").expect("exists").id;
    let (a1, a2) = (id("A1"), id("A2"));
    let batch = [
        new("broadcast:1", a1, Channel::Email, OutboxStatus::Queued),
        new("broadcast:1", a2, Channel::Email, OutboxStatus::Queued),
        new("broadcast:1", a2, Channel::Sms, OutboxStatus::Held),
        new("broadcast:1", a1, Channel::Sms, OutboxStatus::Skipped),
    ];
    let at = ts("2025-09-01T10:00:00Z");
    assert_eq!(write(store, |tx| tx.enqueue_messages(&batch, at, "shop.example")).expect("enqueue"), 4);
    assert_eq!(write(store, |tx| tx.enqueue_messages(&batch, at, "shop.example")).expect("again"), 0, "never twice");

    let now = ts("2025-09-01T10:01:00Z");
    let lease = ts("2025-09-01T10:06:00Z");
    assert!(store.claim_messages(&[Channel::Mail], now, lease, 10).expect("claim").is_empty(), "its channels only");
    let first = store.claim_messages(Channel::ALL, now, lease, 1).expect("claim");
    assert_eq!(first.len(), 1, "at most the limit in flight");
    let second = store.claim_messages(Channel::ALL, now, lease, 10).expect("claim");
    assert_eq!(second.len(), 1, "the held message waits for its time and the skipped one is never claimed");
    let (m1, m2) = (&first[0], &second[0]);
    assert_eq!((m1.customer_id.as_str(), m1.status, m1.attempts), ("A1", OutboxStatus::Sending, 1));
    assert_eq!((m1.template.as_str(), m1.template_version, m1.language.as_str()), ("welcome", 2, "he"));
    assert!(m1.message_id.ends_with("@shop.example>") && m1.message_id != m2.message_id, "{}", m1.message_id);

    assert!(store.finish_message(m1.id, &Delivery::Sent(ts("2025-09-01T10:01:05Z"))).expect("sent"));
    assert!(!store.finish_message(m1.id, &Delivery::Sent(ts("2025-09-01T10:01:06Z"))).expect("again"), "once");
    // The worker holding m2 dies: after its lease, another claims it, with the same Message-ID.
    assert!(store.claim_messages(Channel::ALL, ts("2025-09-01T10:05:00Z"), lease, 10).expect("claim").is_empty());
    let again =
        store.claim_messages(Channel::ALL, ts("2025-09-01T10:07:00Z"), ts("2025-09-01T10:12:00Z"), 10).expect("claim");
    assert_eq!(again.len(), 1);
    assert_eq!((again[0].id, again[0].attempts, &again[0].message_id), (m2.id, 2, &m2.message_id));
    let retry = Delivery::Failed { error: "421 try later".into(), retry_at: Some(ts("2025-09-01T11:00:00Z")) };
    assert!(store.finish_message(m2.id, &retry).expect("failed"));
    let held =
        store.claim_messages(Channel::ALL, ts("2025-09-02T06:30:00Z"), ts("2025-09-02T06:35:00Z"), 10).expect("claim");
    let claimed: Vec<(&str, Channel)> = held.iter().map(|m| (m.customer_id.as_str(), m.channel)).collect();
    assert_eq!(claimed, [("A2", Channel::Email), ("A2", Channel::Sms)], "the retry and the held message, when due");
    assert!(
        store
            .finish_message(held[0].id, &Delivery::Failed { error: "550 no such user".into(), retry_at: None })
            .expect("fail")
    );
    assert!(store.finish_message(held[1].id, &Delivery::Skipped("consent withdrawn".into())).expect("skip"));

    let to_a2 = store
        .outbox(&OutboxQuery { customer_id: Some("A2".into()), limit: 10, ..OutboxQuery::default() })
        .expect("list");
    let seen: Vec<(Channel, OutboxStatus, Option<&str>)> =
        to_a2.iter().map(|m| (m.channel, m.status, m.reason.as_deref())).collect();
    assert_eq!(
        seen,
        [
            (Channel::Sms, OutboxStatus::Skipped, Some("consent withdrawn")),
            (Channel::Email, OutboxStatus::Failed, Some("550 no such user"))
        ],
        "newest first"
    );
    let sent = store
        .outbox(&OutboxQuery { status: Some(OutboxStatus::Sent), limit: 10, ..OutboxQuery::default() })
        .expect("list");
    assert_eq!((sent.len(), sent[0].sent_at), (1, Some(ts("2025-09-01T10:01:05Z"))));
    let texts = OutboxQuery { channel: Some(Channel::Sms), limit: 10, ..OutboxQuery::default() };
    assert!(store.outbox(&texts).expect("list").iter().all(|m| m.channel == Channel::Sms), "one channel's");
    assert_eq!(store.outbox_message(held[1].id).expect("read").map(|m| m.status), Some(OutboxStatus::Skipped));
    assert!(store.outbox_message(i64::MAX).expect("read").is_none());
    let summary = store.outbox_summary("broadcast:1").expect("summary");
    assert_eq!(summary.iter().map(|(_, _, n)| n).sum::<u64>(), 4);
    assert!(summary.contains(&(OutboxStatus::Skipped, Some("no consent".into()), 1)), "{summary:?}");
    assert!(store.outbox_summary("broadcast:2").expect("summary").is_empty());

    // A call made from the call list: a waiting message is recorded without a claim, once.
    let call = NewMessage { channel: Channel::Phone, ..new("broadcast:3", a1, Channel::Phone, OutboxStatus::Queued) };
    write(store, |tx| tx.enqueue_messages(&[call], at, "shop.example")).expect("enqueue");
    let waiting = OutboxQuery { cause: Some("broadcast:3".into()), limit: 1, ..OutboxQuery::default() };
    let call_id = store.outbox(&waiting).expect("list")[0].id;
    let reached = Delivery::Sent(ts("2025-09-03T10:00:00Z"));
    assert!(write(store, |tx| tx.record_delivered_by_hand(call_id, &reached)).expect("record"));
    assert!(!write(store, |tx| tx.record_delivered_by_hand(call_id, &reached)).expect("again"), "once");
    assert_eq!(store.outbox_message(call_id).expect("read").map(|m| m.status), Some(OutboxStatus::Sent));

    // A merge gives the kept customer the other's messages; one cause's message to both stays once.
    let receipt = NewMessage {
        purpose: MessagePurpose::Transactional,
        ..new("order:9", a2, Channel::Email, OutboxStatus::Queued)
    };
    write(store, |tx| tx.enqueue_messages(&[receipt], at, "shop.example")).expect("enqueue");
    write(store, |tx| tx.merge_customers(a1, a2)).expect("merge");
    let to_a1 = store
        .outbox(&OutboxQuery { customer_id: Some("A1".into()), limit: 10, ..OutboxQuery::default() })
        .expect("list");
    let causes: Vec<(&str, Channel)> = to_a1.iter().map(|m| (m.cause.as_str(), m.channel)).collect();
    assert_eq!(
        causes,
        [
            ("order:9", Channel::Email),
            ("broadcast:3", Channel::Phone),
            ("broadcast:1", Channel::Sms),
            ("broadcast:1", Channel::Email)
        ]
    );
}

/// A sent message keeps what it was rendered with, so that it can be shown again exactly — until its
/// customer is erased.
pub fn a_sent_message_keeps_its_merge_data_until_the_customer_is_erased(store: &dyn Store) {
    seed(store, &[customer("M1")], &[], &[]);
    let m1 = id_of(store, "M1");
    let at = ts("2025-09-01T10:00:00Z");
    write(store, |tx| {
        tx.enqueue_messages(&[new("broadcast:5", m1, Channel::Email, OutboxStatus::Queued)], at, "s.example")
    })
    .expect("enqueue");
    let id = store.claim_messages(Channel::ALL, at, ts("2025-09-01T10:05:00Z"), 1).expect("claim")[0].id;
    assert_eq!(store.merged_data(id).expect("read"), None, "nothing before it is sent");
    let merged = r#"{"first_name":"Name M1"}"#;
    write(store, |tx| {
        tx.keep_merged(id, merged)?;
        tx.finish_message(id, &Delivery::Sent(at))
    })
    .expect("sent");
    assert_eq!(store.merged_data(id).expect("read").as_deref(), Some(merged));
    write(store, |tx| tx.erase_customer(m1, "erased-1")).expect("erase");
    assert_eq!(store.merged_data(id).expect("read"), None, "an erasure takes it");
}
