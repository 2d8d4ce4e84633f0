//! Privacy: merging duplicates (with aliases), deleting, erasing, suppression entries.

use crate::support::*;

fn note(customer: &str, at: &str, text: &str) -> Interaction {
    Interaction {
        customer_external_id: customer.into(),
        at: ts(at),
        kind: InteractionKind::Call,
        note: Some(text.into()),
        campaign_code: None,
    }
}

/// A merge moves orders, interactions (one both had stays once) and the customers brought to the one
/// kept, deletes the other and keeps its id as an alias, also for the aliases that led to it.
pub fn a_merge_moves_everything_and_keeps_the_other_id_as_an_alias(store: &dyn Store) {
    let brought = Customer { referred_by: Some("H2".into()), ..customer("F1") };
    seed(
        store,
        &[customer("H1"), customer("H2"), customer("H3"), brought],
        &[order("O1", "H1", "2025-01-05", &[("A", 1, 100)]), order("O2", "H2", "2025-02-05", &[("B", 1, 200)])],
        &[
            note("H1", "2025-01-06T10:00:00Z", "same"),
            note("H2", "2025-01-06T10:00:00Z", "same"),
            note("H2", "2025-03-01T10:00:00Z", "other"),
        ],
    );
    let id = |external: &str| store.customer(external).expect("read").expect("exists").id;
    let (h1, h2, h3) = (id("H1"), id("H2"), id("H3"));
    write(store, |tx| tx.merge_customers(h3, h2)).expect("merge H2 into H3");
    write(store, |tx| tx.merge_customers(h1, h3)).expect("merge H3 into H1");
    assert!(store.customer("H2").expect("read").is_none() && store.customer("H3").expect("read").is_none());
    let kept = store.customer("H1").expect("read").expect("kept");
    let orders: Vec<&str> = kept.orders.iter().map(|o| o.order_id.as_str()).collect();
    assert_eq!(orders, ["O2", "O1"], "both histories");
    assert_eq!(kept.interactions.len(), 2, "the call both had, once, and the other");
    assert_eq!(kept.referrals, [("F1".to_owned(), "Name F1".to_owned())], "whom the other brought");
    let aliases = write(store, |tx| tx.aliases()).expect("aliases");
    assert_eq!(aliases.get("H2").map(String::as_str), Some("H1"), "an alias of an alias follows the merge");
    assert_eq!(aliases.get("H3").map(String::as_str), Some("H1"));
    assert_eq!(store.counts().expect("counts").customers, 2);
}

/// Erasing keeps the orders under an anonymous id and removes the person; deleting removes the orders
/// too; suppression entries answer which hashes are kept.
pub fn erasing_keeps_anonymous_orders_and_deleting_removes_them(store: &dyn Store) {
    let person = Customer {
        email: Some("dana@example.com".into()),
        city: Some("Haifa".into()),
        country: Some("IL".into()),
        tags: vec!["vip".into()],
        consents: vec![Consent { channel: Channel::Email, granted: true, at: None, source: None, ..Consent::PLAIN }],
        ..customer("E1")
    };
    seed(
        store,
        &[person, customer("D1"), Customer { referred_by: Some("E1".into()), ..customer("R1") }],
        &[order("O1", "E1", "2025-01-05", &[("A", 1, 100)]), order("O2", "D1", "2025-01-05", &[("A", 1, 100)])],
        &[note("E1", "2025-01-06T10:00:00Z", "told me her address")],
    );
    let e1 = store.customer("E1").expect("read").expect("exists").id;
    write(store, |tx| tx.erase_customer(e1, "erased-x1")).expect("erase");
    assert!(store.customer("E1").expect("read").is_none());
    let anonymous = store.customer("erased-x1").expect("read").expect("kept anonymously");
    let p = &anonymous.profile;
    assert_eq!((p.first_name.as_deref(), p.email.as_deref(), p.city.as_deref()), (None, None, None));
    assert_eq!((p.tags.len(), p.consents.len(), p.country.as_deref()), (0, 0, Some("IL")));
    assert_eq!((anonymous.orders.len(), anonymous.interactions[0].note.as_deref()), (1, None), "orders stay, notes go");
    let r1 = store.customer("R1").expect("read").expect("exists");
    assert_eq!(r1.profile.referred_by.as_deref(), Some("erased-x1"), "a referral still counts");
    let d1 = store.customer("D1").expect("read").expect("exists").id;
    write(store, |tx| tx.delete_customer(d1)).expect("delete");
    assert!(store.customer("D1").expect("read").is_none());
    assert_eq!(store.counts().expect("counts").orders, 1, "its orders went with it");
    let hashes = vec!["h-a".to_owned(), "h-b".to_owned()];
    write(store, |tx| tx.add_suppressions(&hashes[..1], ts("2025-06-01T00:00:00Z"))).expect("suppress");
    write(store, |tx| tx.add_suppressions(&hashes[..1], ts("2025-07-01T00:00:00Z"))).expect("again");
    assert_eq!(write(store, |tx| tx.suppressed(&hashes)).expect("read"), ["h-a"]);
}
