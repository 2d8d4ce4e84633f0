//! The conformance cases. Each takes a fresh, empty store.

use chrono::{DateTime, NaiveDate, Utc};
use ladder_domain::{
    Birthday, Channel, Consent, Currency, Customer, CustomerKind, CustomerState, Interaction, InteractionKind,
    LifecycleStage, Order, OrderLine, OrderStatus, RfmScore, RfmSegment, Role, Rung,
};
use ladder_store::{
    AuditEntry, Change, ChangeKind, ClvHistogram, CustomerId, CustomerQuery, CustomerSort, CustomerValue, Dimension,
    ImportContext, NewUser, PreviousScore, ScoreRecord, Store, StoreError, UserChanges, WebSession, WriteOutcome,
};

fn ts(s: &str) -> DateTime<Utc> {
    ladder_domain::date::parse_timestamp(s).expect("test timestamp")
}

fn date(s: &str) -> NaiveDate {
    ladder_domain::date::parse_date(s).expect("test date")
}

fn context() -> ImportContext {
    ImportContext { now: ts("2025-06-01T12:00:00Z"), source: "import:test.csv".to_owned() }
}

fn customer(id: &str) -> Customer {
    Customer { external_id: id.to_owned(), first_name: Some(format!("Name {id}")), ..Customer::default() }
}

fn order(id: &str, customer: &str, at: &str, lines: &[(&str, i64, i64)]) -> Order {
    Order {
        external_id: id.to_owned(),
        customer_external_id: customer.to_owned(),
        ordered_at: ts(at),
        currency: Currency::parse("EUR").expect("EUR"),
        campaign_code: None,
        one_off: false,
        status: OrderStatus::Completed,
        lines: lines
            .iter()
            .map(|(sku, quantity, price)| OrderLine {
                sku: (*sku).to_owned(),
                product_name: Some(format!("Product {sku}")),
                category: Some("coffee".to_owned()),
                quantity: *quantity,
                unit_price_minor: *price,
            })
            .collect(),
    }
}

/// Writes customers, orders and interactions in one committed import.
fn seed(store: &dyn Store, customers: &[Customer], orders: &[Order], interactions: &[Interaction]) {
    let mut s = store.begin_import(context()).expect("begin import");
    for c in customers {
        s.put_customer(c).expect("put customer");
    }
    for o in orders {
        s.put_order(o).expect("put order");
    }
    for i in interactions {
        s.put_interaction(i).expect("put interaction");
    }
    s.commit().expect("commit import");
}

fn facts_of(store: &dyn Store, as_of: &str, currency: &str) -> Vec<ladder_store::ScoringRow> {
    let mut rows = Vec::new();
    store
        .scoring_facts(date(as_of), currency, &mut |r| {
            rows.push(r);
            Ok(())
        })
        .expect("scoring facts");
    rows
}

fn id_of(store: &dyn Store, external: &str) -> CustomerId {
    store.customer(external).expect("read").expect("exists").id
}

/// Every profile field, consents, tags and attributes come back exactly, in any script.
pub fn customers_round_trip_every_field_and_script(store: &dyn Store) {
    let full = Customer {
        external_id: "ק-17".to_owned(),
        kind: Some(CustomerKind::Business),
        first_name: Some("דנה".to_owned()),
        last_name: Some("כהן".to_owned()),
        company: Some("ООО «Северный кофе»".to_owned()),
        industry: Some("hospitality".to_owned()),
        email: Some("dana@example.co.il".to_owned()),
        phone: Some("+972 52 123 4567".to_owned()),
        address: Some("רחוב הרצל 5".to_owned()),
        city: Some("تهران".to_owned()),
        region: Some("Tehran".to_owned()),
        country: Some("IR".to_owned()),
        birthday: Some(Birthday { year: None, month: 2, day: 29 }),
        profession: Some("chef".to_owned()),
        income_band: Some("high".to_owned()),
        preferred_language: Some("fa".to_owned()),
        preferred_channel: Some(Channel::Sms),
        consents: vec![
            Consent {
                channel: Channel::Email,
                granted: true,
                at: Some(ts("2024-01-02T03:04:05Z")),
                source: Some("web form".to_owned()),
            },
            Consent { channel: Channel::Sms, granted: false, at: None, source: None },
        ],
        referred_by: None,
        created_at: Some(ts("2023-05-06T07:08:09Z")),
        tags: vec!["vip".to_owned(), "קפה".to_owned()],
        attributes: [("shoe_size".to_owned(), "41".to_owned()), ("любимый".to_owned(), "чай 🍵".to_owned())].into(),
    };
    seed(store, std::slice::from_ref(&full), &[], &[]);
    let got = store.customer("ק-17").expect("read").expect("exists").profile;
    let mut expected = full.clone();
    // A consent without a date gets the import's time and source as its evidence.
    expected.consents[1].at = Some(context().now);
    expected.consents[1].source = Some(context().source);
    let mut tags = expected.tags.clone();
    tags.sort();
    expected.tags = tags;
    assert_eq!(got, expected);
    assert!(store.customer("nobody").expect("read").is_none());
}

/// Upserts by the business's id: the same data is unchanged, a change is an update.
pub fn reimporting_a_customer_changes_nothing(store: &dyn Store) {
    let mut c = customer("C1");
    c.tags = vec!["b".into(), "a".into()];
    let mut s = store.begin_import(context()).expect("begin");
    assert_eq!(s.put_customer(&c).expect("put"), WriteOutcome::Inserted);
    assert!(s.customer_known("C1").expect("known"));
    assert!(!s.customer_known("C2").expect("known"));
    s.commit().expect("commit");
    let mut s = store.begin_import(context()).expect("begin");
    assert_eq!(s.put_customer(&c).expect("put"), WriteOutcome::Unchanged);
    c.tags = vec!["a".into(), "b".into()];
    assert_eq!(s.put_customer(&c).expect("put"), WriteOutcome::Unchanged, "tag order does not matter");
    c.email = Some("new@example.com".into());
    assert_eq!(s.put_customer(&c).expect("put"), WriteOutcome::Updated);
    c.tags.push("c".into());
    assert_eq!(s.put_customer(&c).expect("put"), WriteOutcome::Updated);
    s.commit().expect("commit");
    let got = store.customer("C1").expect("read").expect("exists").profile;
    assert_eq!(got.email.as_deref(), Some("new@example.com"));
    assert_eq!(got.tags, ["a", "b", "c"]);
    assert_eq!(store.counts().expect("counts").customers, 1);
}

/// The first evidence of a consent stays while the answer stays the same.
pub fn consent_evidence_is_kept_until_the_answer_changes(store: &dyn Store) {
    let mut c = customer("C1");
    c.consents = vec![Consent { channel: Channel::Email, granted: true, at: None, source: None }];
    seed(store, std::slice::from_ref(&c), &[], &[]);
    let later = ImportContext { now: ts("2025-09-09T00:00:00Z"), source: "import:later.csv".into() };
    let mut s = store.begin_import(later.clone()).expect("begin");
    assert_eq!(s.put_customer(&c).expect("put"), WriteOutcome::Unchanged);
    s.commit().expect("commit");
    let consent = &store.customer("C1").expect("read").expect("exists").profile.consents[0];
    assert_eq!((consent.at, consent.source.as_deref()), (Some(context().now), Some("import:test.csv")));
    c.consents[0].granted = false;
    let mut s = store.begin_import(later.clone()).expect("begin");
    assert_eq!(s.put_customer(&c).expect("put"), WriteOutcome::Updated);
    s.commit().expect("commit");
    let consent = &store.customer("C1").expect("read").expect("exists").profile.consents[0];
    assert_eq!(
        (consent.granted, consent.at, consent.source.as_deref()),
        (false, Some(later.now), Some("import:later.csv"))
    );
}

/// Orders come back newest first with their lines, products and computed totals.
pub fn orders_round_trip_with_lines_and_totals(store: &dyn Store) {
    let mut first = order("O1", "C1", "2025-01-05T10:00:00Z", &[("SKU-A", 2, 1250), ("SKU-B", 1, 990)]);
    first.campaign_code = Some("WELCOME10".into());
    let mut gift = order("O2", "C1", "2025-02-05T10:00:00Z", &[("SKU-A", 1, 1250)]);
    gift.one_off = true;
    gift.status = OrderStatus::Refunded;
    seed(store, &[customer("C1")], &[first, gift], &[]);
    let d = store.customer("C1").expect("read").expect("exists");
    assert_eq!(d.orders.len(), 2);
    let (newest, oldest) = (&d.orders[0], &d.orders[1]);
    assert_eq!((newest.order_id.as_str(), newest.one_off, newest.status), ("O2", true, OrderStatus::Refunded));
    assert_eq!((oldest.order_id.as_str(), oldest.total_minor, oldest.currency.as_str()), ("O1", 3490, "EUR"));
    assert_eq!(oldest.campaign_code.as_deref(), Some("WELCOME10"));
    assert_eq!(oldest.ordered_at, ts("2025-01-05T10:00:00Z"));
    let skus: Vec<_> = oldest.lines.iter().map(|l| (l.sku.as_str(), l.quantity, l.unit_price_minor)).collect();
    assert_eq!(skus, [("SKU-A", 2, 1250), ("SKU-B", 1, 990)]);
    assert_eq!(oldest.lines[0].product_name.as_deref(), Some("Product SKU-A"));
    let counts = store.counts().expect("counts");
    assert_eq!((counts.orders, counts.order_lines, counts.products), (2, 3, 2));
}

/// Re-sending an order is unchanged; a changed line is an update and the total follows it.
pub fn reimporting_an_order_changes_nothing_and_line_changes_update_the_total(store: &dyn Store) {
    let o = order("O1", "C1", "2025-01-05", &[("A", 1, 100), ("B", 2, 50)]);
    seed(store, &[customer("C1")], std::slice::from_ref(&o), &[]);
    let mut s = store.begin_import(context()).expect("begin");
    assert_eq!(s.put_order(&o).expect("put"), [WriteOutcome::Unchanged, WriteOutcome::Unchanged]);
    let changed = order("O1", "C1", "2025-01-05", &[("A", 3, 100), ("B", 2, 50), ("C", 1, 7)]);
    assert_eq!(
        s.put_order(&changed).expect("put"),
        [WriteOutcome::Updated, WriteOutcome::Unchanged, WriteOutcome::Inserted]
    );
    let mut cancelled = changed.clone();
    cancelled.status = OrderStatus::Cancelled;
    assert_eq!(
        s.put_order(&cancelled).expect("put"),
        [WriteOutcome::Updated; 3],
        "a header change updates every line's row"
    );
    s.commit().expect("commit");
    let d = store.customer("C1").expect("read").expect("exists");
    assert_eq!((d.orders[0].total_minor, d.orders[0].status), (407, OrderStatus::Cancelled));
}

/// An order id belongs to one customer for good.
pub fn an_order_never_moves_to_another_customer(store: &dyn Store) {
    seed(store, &[customer("C1"), customer("C2")], &[order("O1", "C1", "2025-01-05", &[("A", 1, 100)])], &[]);
    let mut s = store.begin_import(context()).expect("begin");
    let err = s.put_order(&order("O1", "C2", "2025-01-05", &[("A", 1, 100)])).expect_err("must refuse");
    assert!(matches!(err, StoreError::Conflict(_)), "{err}");
}

/// Orders need a known customer.
pub fn an_order_for_an_unknown_customer_is_refused(store: &dyn Store) {
    let mut s = store.begin_import(context()).expect("begin");
    let err = s.put_order(&order("O1", "ghost", "2025-01-05", &[("A", 1, 100)])).expect_err("must refuse");
    assert!(matches!(err, StoreError::NotFound(_)), "{err}");
}

/// An import that is not committed leaves no trace.
pub fn a_dropped_import_writes_nothing(store: &dyn Store) {
    seed(store, &[customer("C0")], &[], &[]);
    {
        let mut s = store.begin_import(context()).expect("begin");
        s.put_customer(&customer("C1")).expect("put");
        s.put_order(&order("O1", "C1", "2025-01-05", &[("A", 1, 100)])).expect("put");
        s.put_interaction(&Interaction {
            customer_external_id: "C0".into(),
            at: ts("2025-01-01"),
            kind: InteractionKind::Call,
            note: None,
            campaign_code: None,
        })
        .expect("put");
        let mut changed = customer("C0");
        changed.email = Some("changed@example.com".into());
        s.put_customer(&changed).expect("put");
    }
    let counts = store.counts().expect("counts");
    assert_eq!(
        (counts.customers, counts.orders, counts.order_lines, counts.products, counts.interactions),
        (1, 0, 0, 0, 0)
    );
    assert_eq!(store.customer("C0").expect("read").expect("exists").profile.email, None);
}

/// Batches (which a backend may write set-based) give the same outcomes as rows one by one.
pub fn batches_of_customers_and_orders_report_what_changed(store: &dyn Store) {
    let mut people: Vec<Customer> = (0..60)
        .map(|i| {
            let mut c = customer(&format!("B{i:02}"));
            c.tags = vec!["z".into(), "a".into(), "a".into()];
            c.consents = vec![Consent { channel: Channel::Email, granted: true, at: None, source: None }];
            c.attributes.insert("note".into(), "tab\there, newline\nhere, back\\slash".replace("\\t", "\t"));
            c
        })
        .collect();
    people[3].first_name = Some("Ольга\tO'Neil \\N".into());
    let mut s = store.begin_import(context()).expect("begin");
    assert!(s.put_customers(&people).expect("put").iter().all(|o| *o == WriteOutcome::Inserted));
    s.commit().expect("commit");
    let got = store.customer("B03").expect("read").expect("exists").profile;
    assert_eq!(
        (got.first_name.clone(), got.tags.clone()),
        (people[3].first_name.clone(), vec!["a".to_owned(), "z".to_owned()])
    );
    assert_eq!(got.attributes, people[3].attributes);
    assert_eq!(got.consents[0].source.as_deref(), Some("import:test.csv"));

    let later = ImportContext { now: ts("2025-09-09T00:00:00Z"), source: "import:later.csv".into() };
    people[1].email = Some("new@example.com".into());
    people[2].tags = vec!["b".into()];
    people[4].consents[0].granted = false;
    let mut s = store.begin_import(later.clone()).expect("begin");
    let outcomes = s.put_customers(&people).expect("put");
    s.commit().expect("commit");
    let updated: Vec<usize> =
        outcomes.iter().enumerate().filter(|(_, o)| **o == WriteOutcome::Updated).map(|(i, _)| i).collect();
    assert_eq!(updated, [1, 2, 4]);
    assert_eq!(outcomes.iter().filter(|o| **o == WriteOutcome::Unchanged).count(), 57);
    assert_eq!(store.customer("B02").expect("read").expect("exists").profile.tags, ["b"]);
    let kept = store.customer("B05").expect("read").expect("exists").profile.consents[0].clone();
    assert_eq!(
        (kept.at, kept.source.as_deref()),
        (Some(context().now), Some("import:test.csv")),
        "unchanged answer keeps its evidence"
    );
    let changed = store.customer("B04").expect("read").expect("exists").profile.consents[0].clone();
    assert_eq!((changed.granted, changed.at), (false, Some(later.now)));

    // A batch of stored and new customers together; a channel answered twice keeps its last answer.
    let mut mixed = people.clone();
    mixed.extend((0..10).map(|i| customer(&format!("N{i:02}"))));
    mixed[61].consents = vec![
        Consent { channel: Channel::Sms, granted: true, at: None, source: None },
        Consent { channel: Channel::Sms, granted: false, at: None, source: None },
    ];
    let mut s = store.begin_import(later.clone()).expect("begin");
    let outcomes = s.put_customers(&mixed).expect("put");
    s.commit().expect("commit");
    assert!(outcomes[..60].iter().all(|o| *o == WriteOutcome::Unchanged), "{outcomes:?}");
    assert!(outcomes[60..].iter().all(|o| *o == WriteOutcome::Inserted), "{outcomes:?}");
    let sms = store.customer("N01").expect("read").expect("exists").profile.consents;
    assert_eq!(sms.iter().map(|k| (k.channel, k.granted)).collect::<Vec<_>>(), [(Channel::Sms, false)]);
    assert_eq!(store.counts().expect("counts").customers, 70);

    let mut orders: Vec<Order> = (0..60)
        .map(|i| order(&format!("BO{i:02}"), &format!("B{i:02}"), "2025-03-01", &[("A", 1, 100), ("B", 2, 250)]))
        .collect();
    let mut s = store.begin_import(context()).expect("begin");
    let results = s.put_orders(&orders).expect("put");
    assert!(results.iter().all(|r| r.as_ref().is_ok_and(|o| o == &[WriteOutcome::Inserted; 2])));
    s.commit().expect("commit");
    assert_eq!(store.customer("B07").expect("read").expect("exists").orders[0].total_minor, 600);

    orders[1].lines[0].quantity = 3;
    orders[2].status = OrderStatus::Refunded;
    orders[3].lines.push(OrderLine {
        sku: "C".into(),
        product_name: None,
        category: None,
        quantity: 1,
        unit_price_minor: 5,
    });
    let mut s = store.begin_import(context()).expect("begin");
    let results = s.put_orders(&orders).expect("put");
    s.commit().expect("commit");
    assert!(results[4..].iter().all(|r| r == &Ok(vec![WriteOutcome::Unchanged; 2])));
    orders[4].customer_external_id = "B05".into();
    let mut s = store.begin_import(context()).expect("begin");
    let moved = s.put_orders(&orders).expect("put");
    s.commit().expect("commit");
    assert!(moved[4].as_ref().is_err_and(|reason| reason.contains("another customer")), "{:?}", moved[4]);
    assert!(moved[5..].iter().all(|r| r == &Ok(vec![WriteOutcome::Unchanged; 2])));
    assert_eq!(results[0], Ok(vec![WriteOutcome::Unchanged; 2]));
    assert_eq!(results[1], Ok(vec![WriteOutcome::Updated, WriteOutcome::Unchanged]));
    assert_eq!(results[2], Ok(vec![WriteOutcome::Updated; 2]));
    assert_eq!(results[3], Ok(vec![WriteOutcome::Unchanged, WriteOutcome::Unchanged, WriteOutcome::Inserted]));
    let totals: Vec<i64> = ["B01", "B03"]
        .iter()
        .map(|c| store.customer(c).expect("read").expect("exists").orders[0].total_minor)
        .collect();
    assert_eq!(totals, [800, 605]);
    assert_eq!(store.customer("B02").expect("read").expect("exists").orders[0].status, OrderStatus::Refunded);
    assert_eq!(store.counts().expect("counts").orders, 60);

    let mut notes: Vec<Interaction> = (0..60)
        .map(|i| Interaction {
            customer_external_id: format!("B{i:02}"),
            at: ts("2025-01-01T10:00:00Z"),
            kind: InteractionKind::Visit,
            note: (i % 2 == 0).then(|| format!("visit\t{i}")),
            campaign_code: (i % 3 == 0).then(|| "Ёлка".to_owned()),
        })
        .collect();
    notes.push(notes[0].clone());
    let mut s = store.begin_import(context()).expect("begin");
    let outcomes = s.put_interactions(&notes).expect("put");
    s.commit().expect("commit");
    assert_eq!(outcomes.iter().filter(|o| **o == WriteOutcome::Inserted).count(), 60);
    assert_eq!(outcomes[60], WriteOutcome::Unchanged, "the same interaction twice is one");
    let mut s = store.begin_import(context()).expect("begin");
    assert!(s.put_interactions(&notes).expect("put").iter().all(|o| *o == WriteOutcome::Unchanged));
    s.commit().expect("commit");
    assert_eq!(store.counts().expect("counts").interactions, 60);
    let b00 = store.customer("B00").expect("read").expect("exists");
    assert_eq!(b00.interactions[0].note.as_deref(), Some("visit\t0"));
    assert_eq!(b00.interactions[0].campaign_code.as_deref(), Some("Ёлка"));
    assert_eq!(store.customer("B01").expect("read").expect("exists").interactions[0].campaign_code, None);
}

/// The same interaction twice is one interaction.
pub fn interactions_are_recorded_once(store: &dyn Store) {
    seed(store, &[customer("C1")], &[], &[]);
    let i = Interaction {
        customer_external_id: "C1".into(),
        at: ts("2025-01-01T09:00:00Z"),
        kind: InteractionKind::SignUp,
        note: Some("נרשמה".into()),
        campaign_code: Some(" Welcome10 ".into()),
    };
    let mut s = store.begin_import(context()).expect("begin");
    assert_eq!(s.put_interaction(&i).expect("put"), WriteOutcome::Inserted);
    assert_eq!(s.put_interaction(&i).expect("put"), WriteOutcome::Unchanged);
    let other = Interaction { note: None, ..i.clone() };
    assert_eq!(s.put_interaction(&other).expect("put"), WriteOutcome::Inserted);
    s.commit().expect("commit");
    let d = store.customer("C1").expect("read").expect("exists");
    assert_eq!(d.interactions.len(), 2);
    assert!(d.interactions.contains(&i));
}

/// Only completed orders placed by the end of `as_of` count; spend counts the shop currency only;
/// gaps are between distinct order days.
pub fn scoring_facts_count_completed_orders_up_to_the_end_of_as_of(store: &dyn Store) {
    let mut orders = vec![
        order("O1", "C1", "2025-01-01T08:00:00Z", &[("A", 1, 1000)]),
        order("O2", "C1", "2025-01-01T20:00:00Z", &[("A", 1, 500)]),
        order("O3", "C1", "2025-01-11T10:00:00Z", &[("A", 2, 1000)]),
        order("O4", "C1", "2025-01-31T23:59:59Z", &[("A", 1, 100)]),
        order("O5", "C1", "2025-02-01T00:00:00Z", &[("A", 1, 100)]),
    ];
    let mut cancelled = order("O6", "C1", "2025-01-20", &[("A", 1, 9999)]);
    cancelled.status = OrderStatus::Cancelled;
    let mut refunded = order("O7", "C1", "2025-01-21", &[("A", 1, 9999)]);
    refunded.status = OrderStatus::Refunded;
    let mut dollars = order("O8", "C1", "2025-01-25", &[("A", 1, 777)]);
    dollars.currency = Currency::parse("USD").expect("USD");
    orders.extend([cancelled, refunded, dollars]);
    seed(store, &[customer("C1"), customer("C2")], &orders, &[]);

    let rows = facts_of(store, "2025-01-31", "EUR");
    assert_eq!(rows.len(), 2);
    let c1 = rows.iter().find(|r| r.customer == id_of(store, "C1")).expect("C1");
    let f = &c1.facts;
    assert_eq!(f.orders, 5, "O1–O4 and the USD order; not cancelled, refunded or after as_of");
    assert_eq!(f.first_order, Some(date("2025-01-01")));
    assert_eq!(f.second_order, Some(date("2025-01-01")));
    assert_eq!(f.third_order, Some(date("2025-01-11")));
    assert_eq!(f.last_order, Some(date("2025-01-31")));
    assert_eq!(f.spend_minor, 1000 + 500 + 2000 + 100, "only EUR orders are spend");
    // Distinct days 01, 11, 25, 31: gaps 10, 14, 6 → median 10.
    assert_eq!(f.median_gap_days, Some(10.0));
    assert_eq!(f.fourth_order, Some(date("2025-01-25")));
    assert_eq!(f.order_days, 4, "two orders on 2025-01-01 are one visit");
    assert_eq!(f.repeat_spend_minor, 2000 + 100, "EUR spend after the first day");
    assert_eq!(c1.previous, None);

    let c2 = rows.iter().find(|r| r.customer == id_of(store, "C2")).expect("C2");
    assert_eq!((c2.facts.orders, c2.facts.first_order, c2.facts.median_gap_days), (0, None, None));

    // Before the first order there is nothing.
    let before = facts_of(store, "2024-12-31", "EUR");
    assert!(before.iter().all(|r| r.facts.orders == 0 && r.facts.last_order.is_none()));
    // An even number of gaps: 10, 14, 6, 1 → sorted 1, 6, 10, 14 → median 8.
    let later = facts_of(store, "2025-02-01", "EUR");
    let c1 = later.iter().find(|r| r.customer == id_of(store, "C1")).expect("C1");
    assert_eq!(c1.facts.median_gap_days, Some(8.0));
}

/// Interactions, referrals received and given, and public recommendations reach the facts.
pub fn scoring_facts_know_referrals_interactions_and_recommendations(store: &dyn Store) {
    let mut friend = customer("F1");
    friend.referred_by = Some("A1".into());
    let mut idle_friend = customer("F2");
    idle_friend.referred_by = Some("A1".into());
    let mut late = customer("F3");
    late.referred_by = Some("A1".into());
    late.created_at = Some(ts("2025-12-01"));
    let interactions = [
        Interaction {
            customer_external_id: "P1".into(),
            at: ts("2025-01-02"),
            kind: InteractionKind::Inquiry,
            note: None,
            campaign_code: None,
        },
        Interaction {
            customer_external_id: "P1".into(),
            at: ts("2025-01-09"),
            kind: InteractionKind::SignUp,
            note: None,
            campaign_code: None,
        },
        Interaction {
            customer_external_id: "P1".into(),
            at: ts("2025-03-01"),
            kind: InteractionKind::Visit,
            note: None,
            campaign_code: None,
        },
        Interaction {
            customer_external_id: "A1".into(),
            at: ts("2025-01-20"),
            kind: InteractionKind::Recommendation,
            note: None,
            campaign_code: None,
        },
    ];
    seed(
        store,
        &[customer("A1"), friend, idle_friend, late, customer("P1")],
        &[order("O1", "F1", "2025-01-10", &[("A", 1, 100)]), order("O2", "F3", "2025-12-02", &[("A", 1, 100)])],
        &interactions,
    );
    let rows = facts_of(store, "2025-01-31", "EUR");
    let get = |id: &str| rows.iter().find(|r| r.customer == id_of(store, id)).expect("row").facts.clone();
    let a1 = get("A1");
    assert_eq!((a1.referred_buyers, a1.recommendations, a1.interactions), (1, 1, 1), "only F1 had ordered by as_of");
    let p1 = get("P1");
    assert_eq!(p1.interactions, 2, "the visit is after as_of");
    assert_eq!(p1.last_interaction, Some((InteractionKind::SignUp, date("2025-01-09"))));
    assert!(get("F2").was_referred);
    assert!(!get("F3").was_referred, "not yet known at as_of");
    assert!(!get("P1").was_referred);
    // One customer's facts, for placing them alone after an order, are exactly those of the full pass.
    let mut session = store.begin_scoring().expect("begin");
    for row in &rows {
        let one = session.customer_facts(row.customer, date("2025-01-31"), "EUR").expect("facts of one");
        assert_eq!(one.as_ref().map(|r| &r.facts), Some(&row.facts), "{:?}", row.customer);
    }
    assert!(session.customer_facts(CustomerId(-1), date("2025-01-31"), "EUR").expect("facts").is_none());
    drop(session);
}

fn score(customer: CustomerId, as_of: &str, rung: Rung, state: Option<CustomerState>) -> ScoreRecord {
    ScoreRecord {
        customer,
        as_of: date(as_of),
        rung,
        rung_reason: format!("because {rung}"),
        state,
        state_reason: state.map(|s| format!("because {s}")),
        lifecycle_stage: rung.lifecycle_stage(),
        recency_days: Some(3),
        orders: 3,
        first_order: Some(date("2025-01-01")),
        second_order: Some(date("2025-01-11")),
        third_order: Some(date("2025-01-31")),
        last_order: Some(date("2025-01-31")),
        spend_minor: 4200,
        rfm: Some(RfmScore { r: 5, f: 4, m: 3 }),
        rfm_segment: Some(RfmSegment::Champions),
        fourth_order: None,
        value: None,
    }
}

/// Scores replace the previous ones; history accumulates in order; facts see the previous placement.
pub fn scores_and_history_round_trip(store: &dyn Store) {
    seed(store, &[customer("C1")], &[], &[]);
    let id = id_of(store, "C1");
    let change = |kind, from: Option<&str>, to: &str, at: &str| Change {
        kind,
        from: from.map(str::to_owned),
        to: Some(to.to_owned()),
        at: date(at),
        reason: format!("to {to}"),
    };
    let mut s = store.begin_scoring().expect("begin");
    let first = score(id, "2025-02-01", Rung::Loyal, Some(CustomerState::Active));
    s.put(
        &first,
        &[
            change(ChangeKind::Rung, None, "loyal", "2025-02-01"),
            change(ChangeKind::State, None, "active", "2025-02-01"),
        ],
    )
    .expect("put");
    s.commit().expect("commit");
    let mut s = store.begin_scoring().expect("begin");
    let mut second = score(id, "2025-06-01", Rung::Repeat, Some(CustomerState::Lapsed));
    second.fourth_order = Some(date("2025-02-20"));
    second.value = Some(CustomerValue {
        p_alive: Some(0.4213),
        expected_purchases_90d: 0.75,
        expected_purchases_365d: 2.5,
        expected_next_order: Some(date("2025-07-01")),
        expected_spend_minor: Some(4550),
        clv_minor: Some(11_200),
    });
    s.put(&second, &[change(ChangeKind::Rung, Some("loyal"), "repeat", "2025-06-01")]).expect("put");
    s.commit().expect("commit");

    let d = store.customer("C1").expect("read").expect("exists");
    assert_eq!(d.score.as_ref(), Some(&second));
    assert_eq!(d.score.as_ref().map(|s| s.lifecycle_stage), Some(LifecycleStage::Development));
    let history: Vec<_> = d.history.iter().map(|h| (h.kind, h.from.as_deref(), h.to.as_deref(), h.at)).collect();
    assert_eq!(
        history,
        [
            (ChangeKind::Rung, None, Some("loyal"), date("2025-02-01")),
            (ChangeKind::State, None, Some("active"), date("2025-02-01")),
            (ChangeKind::Rung, Some("loyal"), Some("repeat"), date("2025-06-01")),
        ]
    );
    assert_eq!(d.history[2].reason, "to repeat");
    let rows = facts_of(store, "2025-06-02", "EUR");
    assert_eq!(
        rows[0].previous,
        Some(PreviousScore { rung: Rung::Repeat, state: Some(CustomerState::Lapsed), p_alive: Some(0.4213) })
    );
    assert_eq!(rows[0].facts.previous_p_alive, Some(0.4213));
    // Moves since a date, by from and to.
    let moves = |kind, since: &str| -> Vec<(Option<String>, Option<String>, u64)> {
        store.moves_since(kind, date(since)).expect("moves").into_iter().map(|m| (m.from, m.to, m.count)).collect()
    };
    let placed = (None, Some("loyal".to_owned()), 1);
    let fell = (Some("loyal".to_owned()), Some("repeat".to_owned()), 1);
    assert_eq!(moves(ChangeKind::Rung, "2025-01-01"), [placed, fell.clone()]);
    assert_eq!(moves(ChangeKind::Rung, "2025-06-01"), [fell], "on the day counts");
    assert_eq!(moves(ChangeKind::State, "2025-06-02"), []);
    let who = store.moved_customers(ChangeKind::Rung, date("2025-01-01"), 10).expect("who moved");
    let seen: Vec<(&str, Option<&str>, Option<&str>, NaiveDate)> =
        who.iter().map(|m| (m.customer_id.as_str(), m.from.as_deref(), m.to.as_deref(), m.at)).collect();
    assert_eq!(
        seen,
        [("C1", Some("loyal"), Some("repeat"), date("2025-06-01")), ("C1", None, Some("loyal"), date("2025-02-01"))],
        "newest first"
    );
    assert_eq!(who[0].name, "Name C1");
    assert_eq!(store.moved_customers(ChangeKind::Rung, date("2025-01-01"), 1).expect("who").len(), 1);
}

/// A scoring that is not committed leaves the old scores.
pub fn a_dropped_scoring_writes_nothing(store: &dyn Store) {
    seed(store, &[customer("C1")], &[], &[]);
    let id = id_of(store, "C1");
    {
        let mut s = store.begin_scoring().expect("begin");
        s.put(&score(id, "2025-02-01", Rung::Loyal, None), &[]).expect("put");
    }
    assert_eq!(store.counts().expect("counts").scores, 0);
    assert!(store.customer("C1").expect("read").expect("exists").score.is_none());
}

/// A second scoring waits for the first and reads what it wrote, so no change is recorded twice.
pub fn scorings_run_one_at_a_time(store: &dyn Store) {
    seed(store, &[customer("C1")], &[], &[]);
    let id = id_of(store, "C1");
    let mut first = store.begin_scoring().expect("begin");
    let mut seen = None;
    first
        .facts(date("2025-02-01"), "EUR", &mut |r| {
            seen = Some(r.previous);
            Ok(())
        })
        .expect("facts");
    assert_eq!(seen, Some(None), "never scored before");
    std::thread::scope(|scope| {
        let second = scope.spawn(|| {
            let mut session = store.begin_scoring().expect("begin the second scoring");
            let mut previous = None;
            session
                .facts(date("2025-02-01"), "EUR", &mut |r| {
                    previous = r.previous;
                    Ok(())
                })
                .expect("facts");
            previous
        });
        std::thread::sleep(std::time::Duration::from_millis(300));
        assert!(!second.is_finished(), "the second scoring must wait for the first");
        let change = Change {
            kind: ChangeKind::Rung,
            from: None,
            to: Some("suspect".into()),
            at: date("2025-02-01"),
            reason: "x".into(),
        };
        first.put(&score(id, "2025-02-01", Rung::Suspect, None), &[change]).expect("put");
        first.commit().expect("commit");
        let previous = second.join().expect("second scoring");
        assert_eq!(previous.map(|p| p.rung), Some(Rung::Suspect), "the second sees the first's result");
    });
}

/// Lists filter by rung, state, segment, country and tag, search any script without case, sort and page.
pub fn customer_lists_filter_search_sort_and_page(store: &dyn Store) {
    let mut people = Vec::new();
    for (id, first, last, email, country, tag) in [
        ("C1", "Ольга", "Иванова", "olga@example.ru", "RU", "vip"),
        ("C2", "דנה", "כהן", "dana@example.co.il", "IL", ""),
        ("C3", "مریم", "احمدی", "maryam@example.ir", "IR", "vip"),
        ("C4", "Oliver", "Smith", "OLIVER@EXAMPLE.CO.UK", "GB", ""),
    ] {
        let mut c = customer(id);
        c.first_name = Some(first.into());
        c.last_name = Some(last.into());
        c.email = Some(email.into());
        c.country = Some(country.into());
        if !tag.is_empty() {
            c.tags = vec![tag.into()];
        }
        people.push(c);
    }
    seed(store, &people, &[], &[]);
    let mut s = store.begin_scoring().expect("begin");
    let mut spend = 100;
    for (id, rung, state) in [
        ("C1", Rung::Loyal, Some(CustomerState::Active)),
        ("C2", Rung::Customer, Some(CustomerState::Lapsed)),
        ("C3", Rung::Loyal, Some(CustomerState::Active)),
        ("C4", Rung::Prospect, None),
    ] {
        let mut record = score(id_of(store, id), "2025-02-01", rung, state);
        record.spend_minor = spend;
        spend *= 2;
        if state.is_none() {
            record.rfm = None;
            record.rfm_segment = None;
        }
        s.put(&record, &[]).expect("put");
    }
    s.commit().expect("commit");
    let ids = |q: CustomerQuery| -> Vec<String> {
        store
            .list_customers(&CustomerQuery { limit: 100, ..q })
            .expect("list")
            .into_iter()
            .map(|c| c.customer_id)
            .collect()
    };
    let q = CustomerQuery::default;
    assert_eq!(ids(q()), ["C1", "C2", "C3", "C4"]);
    assert_eq!(ids(CustomerQuery { search: Some("ОЛЬГА".into()), ..q() }), ["C1"], "Cyrillic without case");
    assert_eq!(ids(CustomerQuery { search: Some("иван".into()), ..q() }), ["C1"]);
    assert_eq!(ids(CustomerQuery { search: Some("כהן".into()), ..q() }), ["C2"]);
    assert_eq!(ids(CustomerQuery { search: Some("مریم".into()), ..q() }), ["C3"]);
    assert_eq!(ids(CustomerQuery { search: Some("oliver@example".into()), ..q() }), ["C4"], "email without case");
    assert_eq!(ids(CustomerQuery { search: Some("50%".into()), ..q() }), Vec::<String>::new(), "% is literal");
    assert_eq!(ids(CustomerQuery { rung: Some(Rung::Loyal), ..q() }), ["C1", "C3"]);
    assert_eq!(ids(CustomerQuery { state: Some(CustomerState::Lapsed), ..q() }), ["C2"]);
    assert_eq!(ids(CustomerQuery { segment: Some(RfmSegment::Champions), ..q() }), ["C1", "C2", "C3"]);
    assert_eq!(ids(CustomerQuery { country: Some("ir".into()), ..q() }), ["C3"]);
    assert_eq!(ids(CustomerQuery { tag: Some("vip".into()), ..q() }), ["C1", "C3"]);
    assert_eq!(
        ids(CustomerQuery { tag: Some("vip".into()), rung: Some(Rung::Loyal), country: Some("RU".into()), ..q() }),
        ["C1"]
    );
    assert_eq!(ids(CustomerQuery { sort: CustomerSort::Spend, ..q() }), ["C4", "C3", "C2", "C1"]);
    let page =
        store.list_customers(&CustomerQuery { sort: CustomerSort::Spend, limit: 2, offset: 1, ..q() }).expect("list");
    assert_eq!(page.iter().map(|c| c.customer_id.as_str()).collect::<Vec<_>>(), ["C3", "C2"]);
    assert_eq!(page[0].name, "مریم احمدی");
    assert_eq!((page[0].rung, page[0].spend_minor), (Some(Rung::Loyal), 400));
}

/// Totals group the stored scores; milestones count 1st/2nd/3rd orders with median days between.
pub fn totals_by_dimension_and_purchase_milestones(store: &dyn Store) {
    let people: Vec<_> = ["C1", "C2", "C3", "C4"].into_iter().map(customer).collect();
    seed(store, &people, &[], &[]);
    let mut s = store.begin_scoring().expect("begin");
    let specs = [
        ("C1", Rung::Loyal, 5, Some(("2025-01-01", "2025-01-11", Some("2025-01-31")))),
        ("C2", Rung::Loyal, 3, Some(("2025-01-01", "2025-01-21", Some("2025-01-22")))),
        ("C3", Rung::Customer, 1, None),
        ("C4", Rung::Suspect, 0, None),
    ];
    for (id, rung, orders, days) in specs {
        let mut r = score(id_of(store, id), "2025-02-01", rung, None);
        r.orders = orders;
        r.spend_minor = i64::from(orders) * 1000;
        r.first_order = (orders > 0).then(|| date("2025-01-01"));
        r.second_order = days.map(|d| date(d.1));
        r.third_order = days.and_then(|d| d.2.map(date));
        s.put(&r, &[]).expect("put");
    }
    s.commit().expect("commit");
    let totals = store.summary_by(Dimension::Rung).expect("totals");
    let loyal = totals.iter().find(|t| t.key.as_deref() == Some("loyal")).expect("loyal");
    assert_eq!((loyal.customers, loyal.orders, loyal.revenue_minor), (2, 8, 8000));
    assert_eq!(totals.iter().map(|t| t.customers).sum::<u64>(), 4);
    let stages = store.summary_by(Dimension::LifecycleStage).expect("totals");
    assert!(stages.iter().any(|t| t.key.as_deref() == Some("retention") && t.customers == 2));
    let m = store.purchase_milestones().expect("milestones");
    assert_eq!(m.reached, [3, 2, 2]);
    assert_eq!(m.median_days_first_to_second, Some(15.0), "10 and 20 days");
    assert_eq!(m.median_days_second_to_third, Some(10.5), "20 and 1 days");
}

/// Settings persist; clearing removes every row.
pub fn settings_round_trip_and_clear_empties_everything(store: &dyn Store) {
    assert_eq!(store.setting("currency").expect("read"), None);
    store.set_setting("currency", "ILS").expect("write");
    store.set_setting("currency", "IRR").expect("write");
    assert_eq!(store.setting("currency").expect("read").as_deref(), Some("IRR"));
    seed(store, &[customer("C1")], &[order("O1", "C1", "2025-01-01", &[("A", 1, 1)])], &[]);
    store.clear().expect("clear");
    assert_eq!(store.counts().expect("counts"), ladder_store::TableCounts::default());
    assert_eq!(store.setting("currency").expect("read"), None);
}

/// Large amounts, zero prices and the first and far timestamps survive exactly.
pub fn money_and_timestamps_at_their_edges(store: &dyn Store) {
    let big = 4_000_000_000_000_000i64; // 40 quadrillion cents
    let mut orders = vec![
        order("O1", "C1", "1970-01-01T00:00:00Z", &[("A", 2, big)]),
        order("O2", "C1", "2099-12-31T23:59:59Z", &[("FREE", 1, 0)]),
    ];
    orders[0].currency = Currency::parse("IRR").expect("IRR");
    seed(store, &[customer("C1")], &orders, &[]);
    let d = store.customer("C1").expect("read").expect("exists");
    assert_eq!(d.orders[0].ordered_at, ts("2099-12-31T23:59:59Z"));
    assert_eq!(d.orders[0].total_minor, 0);
    assert_eq!(d.orders[1].ordered_at, ts("1970-01-01T00:00:00Z"));
    assert_eq!((d.orders[1].total_minor, d.orders[1].currency.as_str()), (2 * big, "IRR"));
    let rows = facts_of(store, "2100-01-01", "IRR");
    assert_eq!((rows[0].facts.orders, rows[0].facts.spend_minor), (2, 2 * big));
    assert_eq!(rows[0].facts.first_order, Some(date("1970-01-01")));
}

/// The analytics reads: holdout rows, purchase paths, cohorts, value windows and categorised orders.
pub fn analytics_reads_aggregate_orders_and_scores(store: &dyn Store) {
    let mut first = order("O1", "C1", "2025-01-10T10:00:00Z", &[("A", 1, 1000)]);
    first.campaign_code = Some("WELCOME".into());
    let mut costume = order("O5", "C2", "2025-02-20", &[("COSTUME", 1, 500), ("MASK", 1, 100)]);
    costume.one_off = true;
    let mut cancelled = order("O6", "C2", "2025-03-01", &[("A", 1, 100)]);
    cancelled.status = OrderStatus::Cancelled;
    let orders = [
        first,
        order("O2", "C1", "2025-01-10T18:00:00Z", &[("A", 1, 500)]),
        order("O3", "C1", "2025-02-15", &[("A", 1, 2000)]),
        order("O4", "C1", "2025-03-20", &[("A", 2, 1000)]),
        costume,
        cancelled,
    ];
    seed(store, &[customer("C1"), customer("C2")], &orders, &[]);
    assert_eq!(store.last_order_day().expect("read"), Some(date("2025-03-20")));

    let rows = store.calibration_rows(date("2025-02-15"), date("2025-03-31")).expect("read");
    let rows: Vec<_> =
        rows.into_iter().map(|r| (r.first_day, r.last_day, r.calibration_days, r.holdout_days)).collect();
    let d = |s: &str| ladder_domain::date::date_day_number(date(s));
    // C1: two order days by 2025-02-15 (two orders on 01-10 are one), one after; C2 starts later.
    assert_eq!(rows, [(d("2025-01-10"), d("2025-02-15"), 2, 1)]);

    let cells = store.cohort_activity(date("2025-12-31"), "EUR").expect("read");
    let cells: Vec<_> =
        cells.iter().map(|c| (c.cohort.as_str(), c.months_since, c.customers, c.revenue_minor)).collect();
    assert_eq!(
        cells,
        [("2025-01", 0, 1, 1500), ("2025-01", 1, 1, 2000), ("2025-01", 2, 1, 2000), ("2025-02", 0, 1, 600)]
    );

    let windows = ladder_store::ValueWindows { trailing_days: 365, min_orders: 3, recent_days: 40, before_days: 60 };
    let w = store.value_windows(date("2025-03-31"), "EUR", windows).expect("read");
    assert_eq!(w.len(), 1, "only C1 has three orders");
    let c1 = &w[0];
    assert_eq!(c1.customer_id, "C1");
    assert_eq!((c1.trailing_orders, c1.trailing_spend_minor), (4, 5500));
    // Recent: the 40 days to 2025-03-31 hold O4 only; before: the 60 days before that hold O1–O3.
    assert_eq!((c1.recent_orders, c1.recent_spend_minor, c1.before_orders, c1.before_spend_minor), (1, 2000, 3, 3500));

    let mut seen = Vec::new();
    store
        .orders_with_categories(date("2025-12-31"), &mut |o| {
            seen.push((o.customer_id.clone(), o.order_id.clone(), o.day, o.one_off, o.categories.clone()));
            Ok(())
        })
        .expect("read");
    assert_eq!(seen.len(), 5, "the cancelled order is left out");
    assert_eq!(seen[0].0, seen[1].0, "grouped by customer");
    let o5 = seen.iter().find(|o| o.1 == "O5").expect("O5");
    assert_eq!((o5.2, o5.3, o5.4.clone()), (date("2025-02-20"), true, vec!["coffee".to_owned()]));

    // Paths come from the stored scores, with the first order's campaign.
    let mut s = store.begin_scoring().expect("begin");
    let mut c1_score = score(id_of(store, "C1"), "2025-03-31", Rung::Loyal, Some(CustomerState::Active));
    c1_score.first_order = Some(date("2025-01-10"));
    c1_score.second_order = Some(date("2025-01-10"));
    c1_score.third_order = Some(date("2025-02-15"));
    c1_score.fourth_order = Some(date("2025-03-20"));
    s.put(&c1_score, &[]).expect("put");
    let mut c2_score = score(id_of(store, "C2"), "2025-03-31", Rung::Customer, Some(CustomerState::Active));
    c2_score.first_order = Some(date("2025-02-20"));
    (c2_score.second_order, c2_score.third_order) = (None, None);
    s.put(&c2_score, &[]).expect("put");
    s.commit().expect("commit");
    let mut paths = store.purchase_paths().expect("read");
    paths.sort_by_key(|p| p.first);
    assert_eq!(paths.len(), 2);
    assert_eq!(paths[0].first_campaign.as_deref(), Some("WELCOME"));
    assert_eq!(paths[0].fourth, Some(date("2025-03-20")));
    assert_eq!((paths[1].first_campaign.as_deref(), paths[1].second), (None, None));
}

fn new_user(email: &str, role: Role) -> NewUser {
    NewUser {
        email: email.to_owned(),
        name: format!("Name of {email}"),
        role,
        language: "fa".to_owned(),
        password_hash: format!("$argon2id$v=19$hash-of-{email}"),
    }
}

/// Users: one per email in any case, stored lower-cased; changes apply; the last enabled owner stays.
pub fn users_are_unique_by_email_and_the_last_owner_stays(store: &dyn Store) {
    let at = ts("2025-06-01T12:00:00Z");
    assert_eq!(store.user_count().expect("count"), 0);
    let owner = store.create_user(&new_user(" Dana@Example.CO.IL ", Role::Owner), at).expect("create");
    assert_eq!(
        (owner.email.as_str(), owner.role, owner.disabled, owner.created_at),
        ("dana@example.co.il", Role::Owner, false, at)
    );
    assert_eq!(owner.password_hash, "$argon2id$v=19$hash-of- Dana@Example.CO.IL ");
    let err = store.create_user(&new_user("DANA@example.co.il", Role::Viewer), at).expect_err("duplicate");
    assert!(matches!(&err, StoreError::Conflict(m) if m.contains("dana@example.co.il")), "{err}");
    let err = store.create_user(&new_user("  ", Role::Viewer), at).expect_err("no email");
    assert!(matches!(err, StoreError::Conflict(_)), "{err}");
    assert_eq!(store.user_by_email("DANA@EXAMPLE.co.il").expect("read"), Some(owner.clone()));
    assert_eq!(store.user(owner.id).expect("read"), Some(owner.clone()));
    assert_eq!(store.user(owner.id + 1000).expect("read"), None);
    assert_eq!(store.user_by_email("nobody@example.com").expect("read"), None);

    let maryam = store.create_user(&new_user("maryam@example.ir", Role::Marketing), at).expect("create");
    let anna = store.create_user(&new_user("Анна@example.ru", Role::Viewer), at).expect("create");
    assert_eq!(anna.email, "анна@example.ru", "lower case beyond ASCII");
    assert_eq!(store.user_count().expect("count"), 3);
    let emails: Vec<String> = store.users().expect("users").into_iter().map(|u| u.email).collect();
    assert_eq!(emails, ["dana@example.co.il", "maryam@example.ir", "анна@example.ru"]);

    let changed = store
        .update_user(
            anna.id,
            &UserChanges {
                name: Some("Анна Петрова".into()),
                language: Some("ru".into()),
                password_hash: Some("new-hash".into()),
                ..UserChanges::default()
            },
        )
        .expect("update");
    assert_eq!(
        (changed.name.as_str(), changed.language.as_str(), changed.password_hash.as_str(), changed.role),
        ("Анна Петрова", "ru", "new-hash", Role::Viewer)
    );
    assert_eq!(store.user(anna.id).expect("read"), Some(changed));

    // The only owner can be neither demoted nor disabled.
    for changes in [
        UserChanges { role: Some(Role::Marketing), ..UserChanges::default() },
        UserChanges { disabled: Some(true), ..UserChanges::default() },
    ] {
        let err = store.update_user(owner.id, &changes).expect_err("last owner");
        assert!(matches!(&err, StoreError::Conflict(m) if m.contains("last enabled owner")), "{err}");
    }
    assert_eq!(store.user(owner.id).expect("read"), Some(owner.clone()), "nothing changed");
    // With a second owner, the first may step down; then the second is the last.
    store.update_user(maryam.id, &UserChanges { role: Some(Role::Owner), ..UserChanges::default() }).expect("promote");
    let stepped_down = store
        .update_user(owner.id, &UserChanges { role: Some(Role::Sales), ..UserChanges::default() })
        .expect("demote");
    assert_eq!(stepped_down.role, Role::Sales);
    let err = store
        .update_user(maryam.id, &UserChanges { disabled: Some(true), ..UserChanges::default() })
        .expect_err("last owner");
    assert!(matches!(err, StoreError::Conflict(_)), "{err}");
    // A disabled owner does not count as one.
    store
        .update_user(owner.id, &UserChanges { role: Some(Role::Owner), disabled: Some(true), ..UserChanges::default() })
        .expect("a disabled owner");
    let err = store
        .update_user(maryam.id, &UserChanges { role: Some(Role::Viewer), ..UserChanges::default() })
        .expect_err("the other owner is disabled");
    assert!(matches!(err, StoreError::Conflict(_)), "{err}");
    let enabled =
        store.update_user(owner.id, &UserChanges { disabled: Some(false), ..UserChanges::default() }).expect("enable");
    assert!(!enabled.disabled);
    // Changes that keep the owner an owner are fine for the last one too.
    store.update_user(owner.id, &UserChanges { role: Some(Role::Owner), ..UserChanges::default() }).expect("same role");
    let err = store.update_user(owner.id + 1000, &UserChanges::default()).expect_err("missing");
    assert!(matches!(err, StoreError::NotFound(_)), "{err}");

    // Rebuilding the demo shop keeps the accounts.
    store.clear().expect("clear");
    assert_eq!(store.user_count().expect("count"), 3);
}

fn web_session(token_hash: &str, user_id: i64, created: &str, expires: &str) -> WebSession {
    WebSession {
        token_hash: token_hash.to_owned(),
        user_id,
        csrf_token: format!("csrf-{token_hash}"),
        created_at: ts(created),
        expires_at: ts(expires),
    }
}

/// Sessions work until they expire and while their user is enabled.
pub fn sessions_expire_and_stop_with_a_disabled_user(store: &dyn Store) {
    let at = ts("2025-06-01T12:00:00Z");
    store.create_user(&new_user("owner@example.com", Role::Owner), at).expect("create");
    let user = store.create_user(&new_user("support@example.com", Role::Support), at).expect("create");
    let s = web_session("h1", user.id, "2025-06-01T12:00:00Z", "2025-06-01T20:00:00Z");
    store.create_session(&s).expect("create session");
    let err = store.create_session(&s).expect_err("same token");
    assert!(matches!(err, StoreError::Conflict(_)), "{err}");
    assert_eq!(store.session("h1", ts("2025-06-01T19:59:59Z")).expect("read"), Some((s.clone(), user.clone())));
    assert_eq!(store.session("h1", ts("2025-06-01T20:00:00Z")).expect("read"), None, "expired at its end");
    assert_eq!(store.session("other", at).expect("read"), None);

    store.update_user(user.id, &UserChanges { disabled: Some(true), ..UserChanges::default() }).expect("disable");
    assert_eq!(store.session("h1", at).expect("read"), None, "a disabled user's session stops");
    let enabled =
        store.update_user(user.id, &UserChanges { disabled: Some(false), ..UserChanges::default() }).expect("enable");
    assert_eq!(store.session("h1", at).expect("read"), Some((s.clone(), enabled)));

    store.delete_session("h1").expect("sign out");
    assert_eq!(store.session("h1", at).expect("read"), None);
    store.delete_session("h1").expect("signing out twice is fine");

    store.create_session(&web_session("old", user.id, "2025-05-01T00:00:00Z", "2025-05-02T00:00:00Z")).expect("old");
    store.create_session(&web_session("edge", user.id, "2025-06-01T00:00:00Z", "2025-06-01T12:00:00Z")).expect("edge");
    store.create_session(&web_session("new", user.id, "2025-06-01T11:00:00Z", "2025-06-02T00:00:00Z")).expect("new");
    assert_eq!(store.delete_expired_sessions(at).expect("delete"), 2);
    assert_eq!(store.delete_expired_sessions(at).expect("delete"), 0);
    assert!(store.session("new", at).expect("read").is_some());

    let err =
        store.create_session(&web_session("ghost", user.id + 1000, "2025-06-01T00:00:00Z", "2025-06-02T00:00:00Z"));
    assert!(matches!(err, Err(StoreError::NotFound(_))), "{err:?}");
}

/// API tokens find their user and record their last use; revoked or of a disabled user, they stop.
pub fn api_tokens_record_their_last_use_and_can_be_revoked(store: &dyn Store) {
    let at = ts("2025-06-01T12:00:00Z");
    store.create_user(&new_user("owner@example.com", Role::Owner), at).expect("create");
    let sales = store.create_user(&new_user("sales@example.com", Role::Sales), at).expect("create");
    let other = store.create_user(&new_user("other@example.com", Role::Marketing), at).expect("create");
    let token = store.create_api_token(sales.id, "shop sync", "hash-1", at).expect("create token");
    assert_eq!(
        (token.user_id, token.name.as_str(), token.created_at, token.last_used_at),
        (sales.id, "shop sync", at, None)
    );
    let err = store.create_api_token(other.id, "copy", "hash-1", at).expect_err("same hash");
    assert!(matches!(err, StoreError::Conflict(_)), "{err}");
    let err = store.create_api_token(sales.id + 1000, "ghost", "hash-9", at).expect_err("no such user");
    assert!(matches!(err, StoreError::NotFound(_)), "{err}");
    let second = store.create_api_token(sales.id, "reports", "hash-2", at).expect("create token");
    assert_eq!(store.api_tokens(sales.id).expect("list"), [token.clone(), second.clone()]);
    assert_eq!(store.api_tokens(other.id).expect("list"), []);

    let used_at = ts("2025-06-03T08:30:00Z");
    let (found, owner) = store.api_token_user("hash-1", used_at).expect("read").expect("found");
    assert_eq!((found.id, found.last_used_at), (token.id, Some(used_at)));
    assert_eq!(owner, sales);
    assert_eq!(store.api_tokens(sales.id).expect("list")[0].last_used_at, Some(used_at), "the use is stored");
    assert_eq!(store.api_token_user("hash-unknown", used_at).expect("read"), None);

    assert!(!store.revoke_api_token(other.id, token.id).expect("revoke"), "only its owner revokes it");
    assert!(store.revoke_api_token(sales.id, token.id).expect("revoke"));
    assert!(!store.revoke_api_token(sales.id, token.id).expect("revoke"), "already gone");
    assert_eq!(store.api_token_user("hash-1", used_at).expect("read"), None);

    store.update_user(sales.id, &UserChanges { disabled: Some(true), ..UserChanges::default() }).expect("disable");
    assert_eq!(store.api_token_user("hash-2", ts("2025-06-04T00:00:00Z")).expect("read"), None);
    assert_eq!(store.api_tokens(sales.id).expect("list")[0].last_used_at, None, "a refused use is not recorded");
}

/// The audit log reads newest first, in pages, with each user's email.
pub fn the_audit_log_pages_newest_first(store: &dyn Store) {
    let at = ts("2025-06-01T12:00:00Z");
    let owner = store.create_user(&new_user("owner@example.com", Role::Owner), at).expect("create");
    assert_eq!(store.audit_log(10, None).expect("read"), []);
    for i in 0..5 {
        let entry = AuditEntry {
            // The same second twice: order follows the writes, not the clock.
            at: at + chrono::Duration::seconds(i / 2),
            user_id: (i != 2).then_some(owner.id),
            action: format!("action.{i}"),
            target: format!("customer C{i}"),
            detail: "שינוי".to_owned(),
        };
        store.record_audit(&entry).expect("record");
    }
    let first = store.audit_log(3, None).expect("read");
    let actions: Vec<&str> = first.iter().map(|r| r.action.as_str()).collect();
    assert_eq!(actions, ["action.4", "action.3", "action.2"]);
    assert!(first.windows(2).all(|w| w[0].id > w[1].id));
    assert_eq!(first[0].user_email.as_deref(), Some("owner@example.com"));
    assert_eq!((first[2].user_id, first[2].user_email.as_deref()), (None, None));
    assert_eq!(
        (first[0].at, first[0].target.as_str(), first[0].detail.as_str()),
        (at + chrono::Duration::seconds(2), "customer C4", "שינוי")
    );
    let next = store.audit_log(3, Some(first[2].id)).expect("read");
    let actions: Vec<&str> = next.iter().map(|r| r.action.as_str()).collect();
    assert_eq!(actions, ["action.1", "action.0"]);
    assert_eq!(store.audit_log(3, Some(next[1].id)).expect("read"), []);
    let err = store.record_audit(&AuditEntry {
        at,
        user_id: Some(owner.id + 1000),
        action: "x".into(),
        target: "y".into(),
        detail: String::new(),
    });
    assert!(matches!(err, Err(StoreError::NotFound(_))), "{err:?}");
}

/// Segments insert and update by id, with names unique in any case.
pub fn segments_are_saved_under_unique_names(store: &dyn Store) {
    let at = ts("2025-06-01T12:00:00Z");
    let later = ts("2025-06-02T09:00:00Z");
    let owner = store.create_user(&new_user("owner@example.com", Role::Owner), at).expect("create");
    let vip = store.save_segment(None, " VIP Tehran ", r#"{"rung":"loyal"}"#, Some(owner.id), at).expect("save");
    assert_eq!(
        (vip.name.as_str(), vip.definition.as_str(), vip.created_by, vip.created_at, vip.updated_at),
        ("VIP Tehran", r#"{"rung":"loyal"}"#, Some(owner.id), at, at)
    );
    let err = store.save_segment(None, "vip TEHRAN", "{}", None, at).expect_err("same name");
    assert!(matches!(&err, StoreError::Conflict(m) if m.contains("vip TEHRAN")), "{err}");
    let err = store.save_segment(None, " ", "{}", None, at).expect_err("no name");
    assert!(matches!(err, StoreError::Conflict(_)), "{err}");

    let changed =
        store.save_segment(Some(vip.id), "VIP TEHRAN", r#"{"rung":"advocate"}"#, None, later).expect("update");
    assert_eq!(
        (changed.id, changed.name.as_str(), changed.definition.as_str()),
        (vip.id, "VIP TEHRAN", r#"{"rung":"advocate"}"#),
        "a segment may change its own name's case"
    );
    assert_eq!((changed.created_by, changed.created_at, changed.updated_at), (Some(owner.id), at, later));
    assert_eq!(store.segment(vip.id).expect("read"), Some(changed.clone()));

    let persian = store.save_segment(None, "مشتریان وفادار", "{}", None, at).expect("save");
    assert_eq!(persian.created_by, None);
    let lapsed = store.save_segment(None, "Lapsed", "{}", Some(owner.id), at).expect("save");
    let err = store.save_segment(Some(lapsed.id), "vip tehran", "{}", None, later).expect_err("taken");
    assert!(matches!(err, StoreError::Conflict(_)), "{err}");
    let names: Vec<String> = store.segments().expect("list").into_iter().map(|s| s.name).collect();
    assert_eq!(names, ["Lapsed", "VIP TEHRAN", "مشتریان وفادار"]);

    let err = store.save_segment(Some(lapsed.id + 1000), "Ghost", "{}", None, later).expect_err("missing");
    assert!(matches!(err, StoreError::NotFound(_)), "{err}");
    let err = store.save_segment(None, "Ghost", "{}", Some(owner.id + 1000), later).expect_err("no such user");
    assert!(matches!(err, StoreError::NotFound(_)), "{err}");
    assert!(store.delete_segment(lapsed.id).expect("delete"));
    assert!(!store.delete_segment(lapsed.id).expect("delete"));
    assert_eq!(store.segment(lapsed.id).expect("read"), None);
    // The name is free again.
    store.save_segment(None, "lapsed", "{}", None, later).expect("save");
    store.clear().expect("clear");
    assert_eq!(store.segments().expect("list").len(), 3, "rebuilding the demo shop keeps segments");
}

/// Lists filter by granted consent and by lifetime value, carry the value, and count up to a cap.
pub fn customer_lists_filter_by_consent_and_value_and_count_up_to_a_cap(store: &dyn Store) {
    let consent = |channel, granted| Consent { channel, granted, at: None, source: None };
    let mut people: Vec<Customer> = ["C1", "C2", "C3", "C4"].into_iter().map(customer).collect();
    people[0].consents = vec![consent(Channel::Email, true), consent(Channel::Sms, false)];
    people[1].consents = vec![consent(Channel::Email, false)];
    people[2].consents = vec![consent(Channel::Sms, true)];
    let mut refunded = order("O3", "C3", "2025-01-07", &[("TEA", 1, 100)]);
    refunded.status = OrderStatus::Refunded;
    let orders = [
        order("O1", "C1", "2025-01-05", &[("TEA", 1, 100)]),
        order("O2", "C2", "2025-01-06", &[("MUG", 1, 900)]),
        refunded,
    ];
    seed(store, &people, &orders, &[]);
    let mut s = store.begin_scoring().expect("begin");
    for (id, clv, p_alive) in [("C1", Some(5000), Some(0.9)), ("C2", Some(100), Some(0.25)), ("C3", None, None)] {
        let mut record = score(id_of(store, id), "2025-02-01", Rung::Loyal, Some(CustomerState::Active));
        record.value = clv.map(|clv| CustomerValue {
            p_alive,
            expected_purchases_90d: 0.5,
            expected_purchases_365d: 2.0,
            expected_next_order: None,
            expected_spend_minor: Some(1000),
            clv_minor: Some(clv),
        });
        s.put(&record, &[]).expect("put");
    }
    s.commit().expect("commit");
    let ids = |q: CustomerQuery| -> Vec<String> {
        store
            .list_customers(&CustomerQuery { limit: 100, ..q })
            .expect("list")
            .into_iter()
            .map(|c| c.customer_id)
            .collect()
    };
    let q = CustomerQuery::default;
    assert_eq!(ids(CustomerQuery { consent: Some(Channel::Email), ..q() }), ["C1"], "a withdrawn yes is a no");
    assert_eq!(ids(CustomerQuery { consent: Some(Channel::Sms), ..q() }), ["C3"]);
    assert_eq!(ids(CustomerQuery { consent: Some(Channel::Phone), ..q() }), Vec::<String>::new());
    assert_eq!(ids(CustomerQuery { min_clv_minor: Some(1000), ..q() }), ["C1"]);
    assert_eq!(ids(CustomerQuery { max_clv_minor: Some(1000), ..q() }), ["C2"], "no value, no match");
    assert_eq!(ids(CustomerQuery { min_clv_minor: Some(100), max_clv_minor: Some(5000), ..q() }), ["C1", "C2"]);
    assert_eq!(ids(CustomerQuery { min_clv_minor: Some(5001), ..q() }), Vec::<String>::new());
    assert_eq!(ids(CustomerQuery { product: Some("TEA".into()), ..q() }), ["C1"], "a refunded order does not count");
    assert_eq!(ids(CustomerQuery { product: Some("coffee".into()), ..q() }), ["C1", "C2"], "a category");
    assert_eq!(ids(CustomerQuery { min_orders: Some(3), ..q() }), ["C1", "C2", "C3"]);
    assert_eq!(ids(CustomerQuery { max_orders: Some(2), ..q() }), ["C4"], "not scored: no orders");
    let bought = CustomerQuery { product: Some("MUG".into()), min_orders: Some(1), ..q() };
    assert_eq!((ids(bought.clone()), store.count_customers(&bought, 100).expect("count")), (vec!["C2".to_owned()], 1));

    let list = store.list_customers(&CustomerQuery { limit: 100, ..q() }).expect("list");
    let c1 = &list[0];
    assert_eq!(
        (c1.clv_minor, c1.p_alive, c1.lifecycle_stage),
        (Some(5000), Some(0.9), Some(LifecycleStage::Retention))
    );
    assert_eq!(
        (list[2].clv_minor, list[2].p_alive, list[2].lifecycle_stage),
        (None, None, Some(LifecycleStage::Retention))
    );
    assert_eq!((list[3].clv_minor, list[3].p_alive, list[3].lifecycle_stage), (None, None, None), "not scored");

    assert_eq!(store.count_customers(&q(), 100).expect("count"), 4);
    assert_eq!(store.count_customers(&q(), 2).expect("count"), 2, "stops at the cap");
    assert_eq!(store.count_customers(&q(), 0).expect("count"), 0);
    let paged = CustomerQuery { limit: 1, offset: 3, sort: CustomerSort::Spend, ..q() };
    assert_eq!(store.count_customers(&paged, 100).expect("count"), 4, "paging and sort do not count");
    assert_eq!(store.count_customers(&CustomerQuery { consent: Some(Channel::Email), ..q() }, 100).expect("count"), 1);
    assert_eq!(store.count_customers(&CustomerQuery { rung: Some(Rung::Loyal), ..q() }, 100).expect("count"), 3);
    assert_eq!(store.count_customers(&CustomerQuery { rung: Some(Rung::Loyal), ..q() }, 2).expect("count"), 2);
    assert_eq!(
        store.count_customers(&CustomerQuery { search: Some("name c".into()), ..q() }, u64::MAX).expect("count"),
        4
    );

    // The latest answer counts: C1 withdraws.
    let mut c1 = people[0].clone();
    c1.consents[0].granted = false;
    seed(store, &[c1], &[], &[]);
    assert_eq!(ids(CustomerQuery { consent: Some(Channel::Email), ..q() }), Vec::<String>::new());
}

/// Search finds Persian and Arabic spellings of one name, Hebrew with or without niqqud, and Cyrillic
/// in any case, on every backend alike.
pub fn search_folds_letter_variants_vowel_marks_and_case(store: &dyn Store) {
    let mut people = Vec::new();
    for (id, first, last, company) in [
        ("P1", "علی", "کریمی", ""),
        ("P2", "علي", "كريمي", ""),            // Arabic yeh and kaf
        ("P3", "Sara", "Ahmadi", "مدرسة نور"), // teh marbuta
        ("P4", "مُحَمَّد", "رضـــا", ""),          // harakat and tatweel
        ("H1", "שָׁלוֹם", "כֹּהֵן", ""),             // niqqud
        ("H2", "שלום", "לוי", ""),
        ("R1", "Ольга", "Иванова", ""),
        ("R2", "ОЛЬГА", "СМИРНОВА", ""),
    ] {
        let mut c = customer(id);
        c.first_name = Some(first.into());
        c.last_name = Some(last.into());
        c.company = (!company.is_empty()).then(|| company.to_owned());
        people.push(c);
    }
    seed(store, &people, &[], &[]);
    let found = |text: &str| -> Vec<String> {
        let query = CustomerQuery { search: Some(text.to_owned()), limit: 100, ..CustomerQuery::default() };
        let ids: Vec<String> = store.list_customers(&query).expect("list").into_iter().map(|c| c.customer_id).collect();
        assert_eq!(store.count_customers(&query, 100).expect("count"), ids.len() as u64, "{text}");
        ids
    };
    assert_eq!(found("علی"), ["P1", "P2"]);
    assert_eq!(found("علي"), ["P1", "P2"], "Arabic yeh finds Persian yeh");
    assert_eq!(found("کریمی"), ["P1", "P2"]);
    assert_eq!(found("كريمي"), ["P1", "P2"], "Arabic kaf finds keheh");
    assert_eq!(found("مدرسه"), ["P3"], "heh finds teh marbuta");
    assert_eq!(found("مدرسة"), ["P3"]);
    assert_eq!(found("محمد"), ["P4"], "harakat are ignored");
    assert_eq!(found("مُحمد"), ["P4"]);
    assert_eq!(found("رضا"), ["P4"], "the tatweel is ignored");
    assert_eq!(found("שלום"), ["H1", "H2"], "niqqud is ignored");
    assert_eq!(found("שָׁלוֹם"), ["H1", "H2"]);
    assert_eq!(found("כהן"), ["H1"]);
    assert_eq!(found("ольга"), ["R1", "R2"], "Cyrillic in any case");
    assert_eq!(found("ОЛЬГА"), ["R1", "R2"]);
    assert_eq!(found("смирнова"), ["R2"]);
    let mut everyone = found("\u{064E}");
    everyone.sort();
    assert_eq!(everyone, ["H1", "H2", "P1", "P2", "P3", "P4", "R1", "R2"], "a lone mark searches for nothing");

    // A renamed customer is found by the new name only.
    let mut renamed = people.iter().find(|c| c.external_id == "R2").expect("R2").clone();
    renamed.last_name = Some("Кузнецова".into());
    seed(store, &[renamed], &[], &[]);
    assert_eq!(found("кузнецова"), ["R2"]);
    assert_eq!(found("смирнова"), Vec::<String>::new());
    assert_eq!(found("R2"), ["R2"], "the id is searched too");
    // A customer added and changed in one import is found once, by the later name.
    let mut s = store.begin_import(context()).expect("begin");
    let mut twice = customer("T1");
    s.put_customer(&twice).expect("put");
    twice.first_name = Some("Zebulon".into());
    s.put_customer(&twice).expect("put again");
    s.commit().expect("commit");
    assert_eq!(found("zebulon"), ["T1"]);
}

/// Customers are counted by 12-month value between edges, the last bucket open; no value, no bucket.
pub fn customers_are_counted_by_value_between_edges(store: &dyn Store) {
    assert_eq!(store.clv_histogram(&[0, 1000]).expect("empty"), ClvHistogram { max_minor: None, counts: vec![0, 0] });
    let values = [("C1", Some(0)), ("C2", Some(999)), ("C3", Some(1000)), ("C4", Some(25_000)), ("C5", None)];
    let customers: Vec<Customer> = values.iter().map(|(id, _)| customer(id)).collect();
    seed(store, &customers, &[], &[]);
    let mut s = store.begin_scoring().expect("begin");
    for (id, clv_minor) in values {
        let mut record = score(id_of(store, id), "2025-06-01", Rung::Repeat, Some(CustomerState::Active));
        record.value = clv_minor.map(|clv| CustomerValue {
            p_alive: None,
            expected_purchases_90d: 0.0,
            expected_purchases_365d: 0.0,
            expected_next_order: None,
            expected_spend_minor: None,
            clv_minor: Some(clv),
        });
        s.put(&record, &[]).expect("put");
    }
    s.commit().expect("commit");
    let histogram = |edges: &[i64]| store.clv_histogram(edges).expect("histogram");
    assert_eq!(histogram(&[0, 1000, 2000]), ClvHistogram { max_minor: Some(25_000), counts: vec![2, 1, 1] });
    assert_eq!(histogram(&[1000]).counts, [2], "the only bucket is open");
    assert_eq!(histogram(&[500, 1000]).counts, [1, 2], "below the first edge is not counted");
    assert_eq!(histogram(&[]), ClvHistogram { max_minor: Some(25_000), counts: vec![] });
}

/// Campaigns round-trip with their codes, costs come back by date, and a campaign's customers come with all
/// their orders up to the day asked, found by codes in any case and spacing.
pub fn campaigns_keep_codes_costs_and_their_customers_histories(store: &dyn Store) {
    use ladder_domain::campaign::{Campaign, CampaignKind, CampaignStatus, CostEntry, Expectations, OrderRecord};
    let spring = Campaign {
        id: "C-SPRING".to_owned(),
        name: "Spring".to_owned(),
        kind: CampaignKind::Email,
        channel: Some(Channel::Email),
        status: CampaignStatus::Active,
        starts: date("2025-03-01"),
        ends: Some(date("2025-03-31")),
        codes: vec!["spring".to_owned(), "spring25".to_owned()],
        window_days: 14,
        target_segment: Some("lapsed".to_owned()),
        target_size: Some(1200),
        notes: Some("Şahin's idea".to_owned()),
        expectations: Expectations {
            budget_minor: Some(50_000),
            expected_revenue_minor: Some(200_000),
            expected_responses: Some(60),
            expected_sales: Some(40),
        },
    };
    assert_eq!(store.put_campaign(&spring).expect("put"), WriteOutcome::Inserted);
    assert_eq!(store.campaign("C-SPRING").expect("read"), Some(spring.clone()));
    assert_eq!(store.campaign("nope").expect("read"), None);
    assert_eq!(store.put_campaign(&spring).expect("put again"), WriteOutcome::Unchanged);

    let mut changed = spring.clone();
    changed.status = CampaignStatus::Completed;
    changed.codes = vec![" SPRING ".to_owned(), "Bloom".to_owned()];
    assert_eq!(store.put_campaign(&changed).expect("change"), WriteOutcome::Updated);
    let read = store.campaign("C-SPRING").expect("read").expect("exists");
    assert_eq!(read.codes, ["bloom", "spring"], "codes replaced, stored as they are compared");
    assert_eq!(read.status, CampaignStatus::Completed);

    let early = Campaign {
        id: "B-EARLY".to_owned(),
        name: "Early".to_owned(),
        kind: CampaignKind::Other,
        channel: None,
        status: CampaignStatus::Planning,
        starts: date("2025-01-15"),
        ends: None,
        codes: vec![],
        window_days: 0,
        target_segment: None,
        target_size: None,
        notes: None,
        expectations: Expectations::default(),
    };
    let same_day = Campaign { id: "A-SAME".to_owned(), starts: spring.starts, ..early.clone() };
    store.put_campaign(&early).expect("put");
    store.put_campaign(&same_day).expect("put");
    let ids: Vec<String> = store.campaigns().expect("campaigns").into_iter().map(|c| c.id).collect();
    assert_eq!(ids, ["B-EARLY", "A-SAME", "C-SPRING"], "by start date, then id");

    let cost = |on: &str, amount_minor: i64, note: Option<&str>| CostEntry {
        on: date(on),
        amount_minor,
        note: note.map(str::to_owned),
    };
    store.add_campaign_cost("C-SPRING", &cost("2025-03-20", 10_000, Some("second mailing"))).expect("cost");
    store.add_campaign_cost("C-SPRING", &cost("2025-03-01", 25_000, None)).expect("cost");
    store.add_campaign_cost("C-SPRING", &cost("2025-03-25", -500, Some("credit"))).expect("cost");
    assert_eq!(
        store.campaign_costs("C-SPRING").expect("costs"),
        [
            cost("2025-03-01", 25_000, None),
            cost("2025-03-20", 10_000, Some("second mailing")),
            cost("2025-03-25", -500, Some("credit"))
        ]
    );
    assert!(store.campaign_costs("B-EARLY").expect("costs").is_empty());
    assert!(store.add_campaign_costs(&[]).expect("nothing").is_empty());
    assert!(matches!(store.add_campaign_cost("nope", &cost("2025-03-01", 1, None)), Err(StoreError::NotFound(_))));

    // A cost import: the same file twice adds nothing; a charge listed twice is two charges; an unknown
    // campaign adds nothing at all.
    let file = [
        ("B-EARLY".to_owned(), cost("2025-01-05", 700, Some("posters"))),
        ("B-EARLY".to_owned(), cost("2025-01-05", 700, Some("posters"))),
        ("B-EARLY".to_owned(), cost("2025-01-06", 300, None)),
    ];
    use WriteOutcome::{Inserted, Unchanged};
    assert_eq!(store.add_campaign_costs(&file).expect("import"), [Inserted, Inserted, Inserted]);
    assert_eq!(store.add_campaign_costs(&file).expect("again"), [Unchanged, Unchanged, Unchanged]);
    let more = [file[0].clone(), file[1].clone(), file[1].clone()];
    assert_eq!(store.add_campaign_costs(&more).expect("a third"), [Unchanged, Unchanged, Inserted]);
    let bad = [("B-EARLY".to_owned(), cost("2025-01-07", 1, None)), ("nope".to_owned(), cost("2025-01-07", 1, None))];
    assert!(matches!(store.add_campaign_costs(&bad), Err(StoreError::NotFound(_))));
    let early: Vec<i64> = store.campaign_costs("B-EARLY").expect("costs").iter().map(|c| c.amount_minor).collect();
    assert_eq!(early, [700, 700, 700, 300], "nothing of the failed import");

    let coded = |id: &str, customer: &str, at: &str, code: Option<&str>, status: OrderStatus| Order {
        campaign_code: code.map(str::to_owned),
        status,
        ..order(id, customer, at, &[("BEANS", 1, 1000)])
    };
    let customers: Vec<Customer> = ["K1", "K2", "K3", "K4"].iter().map(|id| customer(id)).collect();
    seed(
        store,
        &customers,
        &[
            coded("O1", "K2", "2025-02-01T10:00:00Z", None, OrderStatus::Completed),
            coded("O2", "K2", "2025-03-05T10:00:00Z", Some(" SPRING "), OrderStatus::Completed),
            coded("O3", "K2", "2025-04-01T10:00:00Z", Some("OTHER"), OrderStatus::Completed),
            coded("O4", "K2", "2025-06-01T10:00:00Z", None, OrderStatus::Completed),
            coded("O5", "K1", "2025-03-10T23:59:59Z", Some("spring"), OrderStatus::Completed),
            coded("O6", "K3", "2025-03-12T10:00:00Z", Some("Spring"), OrderStatus::Refunded),
            coded("O7", "K4", "2025-03-12T10:00:00Z", Some("other"), OrderStatus::Completed),
        ],
        &[],
    );
    let record = |id: &str, on: &str, status: OrderStatus, code: Option<&str>| OrderRecord {
        external_id: id.to_owned(),
        on: date(on),
        status,
        total_minor: 1000,
        code: code.map(str::to_owned),
    };
    let histories = store.campaign_histories(&["Spring ".to_owned()], date("2025-05-31")).expect("histories");
    let ids: Vec<&str> = histories.iter().map(|h| h.customer_id.as_str()).collect();
    assert_eq!(ids, ["K1", "K2", "K3"], "by customer; another code alone does not count");
    assert!(histories.iter().all(|h| h.touches.is_empty() && h.rung.is_none() && h.clv_minor.is_none()));
    assert_eq!(histories[0].orders, [record("O5", "2025-03-10", OrderStatus::Completed, Some("spring"))]);
    assert_eq!(
        histories[1].orders,
        [
            record("O1", "2025-02-01", OrderStatus::Completed, None),
            record("O2", "2025-03-05", OrderStatus::Completed, Some(" SPRING ")),
            record("O3", "2025-04-01", OrderStatus::Completed, Some("OTHER")),
        ],
        "all their orders by day, none after the day asked"
    );
    assert_eq!(histories[2].orders, [record("O6", "2025-03-12", OrderStatus::Refunded, Some("Spring"))]);
    let before = store.campaign_histories(&["spring".to_owned()], date("2025-03-09")).expect("histories");
    assert_eq!(before.iter().map(|h| h.customer_id.as_str()).collect::<Vec<_>>(), ["K2"]);
    assert!(store.campaign_histories(&[], date("2025-05-31")).expect("none").is_empty());
    assert!(store.campaign_histories(&["  ".to_owned()], date("2025-05-31")).expect("none").is_empty());
}

/// A campaign's customers include those who only interacted with a code (a coded sign-up), with their coded
/// interactions, their placement at the last scoring, and codes in any script matched without case.
pub fn campaign_histories_bring_coded_interactions_placements_and_any_script(store: &dyn Store) {
    use ladder_domain::campaign::{CodedTouch, OrderRecord};
    let coded = |id: &str, customer: &str, at: &str, code: Option<&str>| Order {
        campaign_code: code.map(str::to_owned),
        ..order(id, customer, at, &[("BEANS", 1, 1000)])
    };
    let touch = |customer: &str, at: &str, kind: InteractionKind, code: Option<&str>| Interaction {
        customer_external_id: customer.to_owned(),
        at: ts(at),
        kind,
        note: None,
        campaign_code: code.map(str::to_owned),
    };
    let customers: Vec<Customer> = ["S1", "S2", "S3", "S4"].iter().map(|id| customer(id)).collect();
    seed(
        store,
        &customers,
        &[
            // Cyrillic and accented codes, typed in another case than the campaign's.
            coded("P1", "S1", "2025-03-02T10:00:00Z", Some(" ЛЕТО ")),
            coded("P2", "S1", "2025-03-09T10:00:00Z", None),
            coded("P3", "S4", "2025-03-02T10:00:00Z", Some("ÉTÉ")),
        ],
        &[
            // Signed up with the code, never ordered.
            touch("S2", "2025-03-01T09:00:00Z", InteractionKind::SignUp, Some("Лето")),
            touch("S2", "2025-03-03T09:00:00Z", InteractionKind::Click, None),
            // Clicked another campaign's link only: not reached.
            touch("S3", "2025-03-01T09:00:00Z", InteractionKind::Click, Some("autumn")),
        ],
    );
    let mut s = store.begin_scoring().expect("begin");
    let mut placed = score(id_of(store, "S1"), "2025-04-01", Rung::Repeat, Some(CustomerState::Active));
    placed.value = Some(CustomerValue {
        p_alive: Some(0.8),
        expected_purchases_90d: 0.5,
        expected_purchases_365d: 2.0,
        expected_next_order: None,
        expected_spend_minor: Some(1000),
        clv_minor: Some(2_300),
    });
    s.put(&placed, &[]).expect("put");
    s.commit().expect("commit");

    let histories = store.campaign_histories(&["лето".to_owned()], date("2025-04-01")).expect("histories");
    let ids: Vec<&str> = histories.iter().map(|h| h.customer_id.as_str()).collect();
    assert_eq!(ids, ["S1", "S2"], "an order or an interaction with the code, in any case");
    assert_eq!((histories[0].rung, histories[0].clv_minor), (Some(Rung::Repeat), Some(2_300)));
    assert_eq!(histories[0].orders.iter().map(|o| o.external_id.as_str()).collect::<Vec<_>>(), ["P1", "P2"]);
    assert!(histories[0].touches.is_empty());
    assert_eq!((histories[1].rung, histories[1].clv_minor), (None, None));
    assert!(histories[1].orders.is_empty());
    assert_eq!(
        histories[1].touches,
        [CodedTouch { on: date("2025-03-01"), kind: InteractionKind::SignUp, code: "Лето".to_owned() }],
        "only interactions that carried a code"
    );
    let accented = store.campaign_histories(&["été".to_owned()], date("2025-04-01")).expect("histories");
    assert_eq!(
        accented.iter().flat_map(|h| h.orders.clone()).collect::<Vec<OrderRecord>>(),
        [OrderRecord {
            external_id: "P3".to_owned(),
            on: date("2025-03-02"),
            status: OrderStatus::Completed,
            total_minor: 1000,
            code: Some("ÉTÉ".to_owned()),
        }]
    );
    let read = store.customer("S2").expect("read").expect("exists");
    let codes: Vec<Option<&str>> = read.interactions.iter().map(|i| i.campaign_code.as_deref()).collect();
    assert_eq!(codes, [None, Some("Лето")], "newest first, the code kept as typed");
}
