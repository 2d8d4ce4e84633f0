//! Customers, orders and interactions: round trips, upserts, lists, search.

use crate::support::*;

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
                method: Some(ConsentMethod::Form),
                basis: Some(LegalBasis::Consent),
                evidence: Some("box \"Send me offers\" ticked from 192.0.2.7".to_owned()),
                ..Consent::PLAIN
            },
            Consent { channel: Channel::Sms, granted: false, at: None, source: None, ..Consent::PLAIN },
        ],
        referred_by: None,
        created_at: Some(ts("2023-05-06T07:08:09Z")),
        tags: vec!["vip".to_owned(), "קפה".to_owned()],
        attributes: [("shoe_size".to_owned(), "41".to_owned()), ("любимый".to_owned(), "чай 🍵".to_owned())].into(),
    };
    seed(store, std::slice::from_ref(&full), &[], &[]);
    let got = store.customer("ק-17").expect("read").expect("exists").profile;
    let mut expected = full.clone();
    // A consent without a date gets the import's time and source as its evidence, and the method the
    // source implies.
    expected.consents[1].at = Some(evidence().at);
    expected.consents[1].source = Some(evidence().source);
    expected.consents[1].method = Some(ConsentMethod::Import);
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
    let mut s = store.begin_import().expect("begin");
    assert_eq!(s.put_customer(&c, &evidence(), Absent::Clear).expect("put"), WriteOutcome::Inserted);
    assert!(s.customer_known("C1").expect("known"));
    assert!(!s.customer_known("C2").expect("known"));
    s.commit().expect("commit");
    let mut s = store.begin_import().expect("begin");
    assert_eq!(s.put_customer(&c, &evidence(), Absent::Clear).expect("put"), WriteOutcome::Unchanged);
    c.tags = vec!["a".into(), "b".into()];
    assert_eq!(
        s.put_customer(&c, &evidence(), Absent::Clear).expect("put"),
        WriteOutcome::Unchanged,
        "tag order does not matter"
    );
    c.email = Some("new@example.com".into());
    assert_eq!(s.put_customer(&c, &evidence(), Absent::Clear).expect("put"), WriteOutcome::Updated);
    c.tags.push("c".into());
    assert_eq!(s.put_customer(&c, &evidence(), Absent::Clear).expect("put"), WriteOutcome::Updated);
    s.commit().expect("commit");
    let got = store.customer("C1").expect("read").expect("exists").profile;
    assert_eq!(got.email.as_deref(), Some("new@example.com"));
    assert_eq!(got.tags, ["a", "b", "c"]);
    assert_eq!(store.counts().expect("counts").customers, 1);
}

/// The first evidence of a consent stays while the answer stays the same.
pub fn consent_evidence_is_kept_until_the_answer_changes(store: &dyn Store) {
    let mut c = customer("C1");
    c.consents = vec![Consent { channel: Channel::Email, granted: true, at: None, source: None, ..Consent::PLAIN }];
    seed(store, std::slice::from_ref(&c), &[], &[]);
    let later = Evidence { at: ts("2025-09-09T00:00:00Z"), source: "import:later.csv".into() };
    let mut s = store.begin_import().expect("begin");
    assert_eq!(s.put_customer(&c, &later, Absent::Clear).expect("put"), WriteOutcome::Unchanged);
    s.commit().expect("commit");
    let consent = &store.customer("C1").expect("read").expect("exists").profile.consents[0];
    assert_eq!((consent.at, consent.source.as_deref()), (Some(evidence().at), Some("import:test.csv")));
    c.consents[0].granted = false;
    let mut s = store.begin_import().expect("begin");
    assert_eq!(s.put_customer(&c, &later, Absent::Clear).expect("put"), WriteOutcome::Updated);
    s.commit().expect("commit");
    let consent = &store.customer("C1").expect("read").expect("exists").profile.consents[0];
    assert_eq!(
        (consent.granted, consent.at, consent.source.as_deref()),
        (false, Some(later.at), Some("import:later.csv"))
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

/// Re-sending an order is unchanged; an order sent with other lines replaces the stored one (its lines
/// by position, none left over) and the total follows it; the same SKU may sit on several lines.
pub fn reimporting_an_order_changes_nothing_and_line_changes_update_the_total(store: &dyn Store) {
    let o = order("O1", "C1", "2025-01-05", &[("A", 1, 100), ("B", 2, 50)]);
    seed(store, &[customer("C1")], std::slice::from_ref(&o), &[]);
    let mut s = store.begin_import().expect("begin");
    assert_eq!(s.put_order(&o).expect("put"), [WriteOutcome::Unchanged, WriteOutcome::Unchanged]);
    let changed = order("O1", "C1", "2025-01-05", &[("A", 3, 100), ("B", 2, 50), ("C", 1, 7)]);
    assert_eq!(
        s.put_order(&changed).expect("put"),
        [WriteOutcome::Updated, WriteOutcome::Updated, WriteOutcome::Inserted],
        "a changed order updates the lines it keeps and inserts the new ones"
    );
    assert_eq!(s.put_order(&changed).expect("put"), [WriteOutcome::Unchanged; 3]);
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

    // Fewer lines, one SKU twice (a free gift beside the paid one): the stored order is exactly these.
    let mut s = store.begin_import().expect("begin");
    let gift = order("O1", "C1", "2025-01-05", &[("A", 2, 100), ("A", 1, 0)]);
    let mut gift = gift;
    gift.status = OrderStatus::Cancelled;
    assert_eq!(s.put_order(&gift).expect("put"), [WriteOutcome::Updated; 2]);
    assert_eq!(s.put_order(&gift).expect("put"), [WriteOutcome::Unchanged; 2], "as stored");
    s.commit().expect("commit");
    let d = store.customer("C1").expect("read").expect("exists");
    let lines: Vec<_> = d.orders[0].lines.iter().map(|l| (l.sku.as_str(), l.quantity, l.unit_price_minor)).collect();
    assert_eq!(lines, [("A", 2, 100), ("A", 1, 0)], "in their order, the third line gone");
    assert_eq!(d.orders[0].total_minor, 200);
    assert_eq!(store.counts().expect("counts").order_lines, 2);
}

/// An order id belongs to one customer for good.
pub fn an_order_never_moves_to_another_customer(store: &dyn Store) {
    seed(store, &[customer("C1"), customer("C2")], &[order("O1", "C1", "2025-01-05", &[("A", 1, 100)])], &[]);
    let mut s = store.begin_import().expect("begin");
    let err = s.put_order(&order("O1", "C2", "2025-01-05", &[("A", 1, 100)])).expect_err("must refuse");
    assert!(matches!(err, StoreError::Conflict(_)), "{err}");
}

/// Orders need a known customer.
pub fn an_order_for_an_unknown_customer_is_refused(store: &dyn Store) {
    let mut s = store.begin_import().expect("begin");
    let err = s.put_order(&order("O1", "ghost", "2025-01-05", &[("A", 1, 100)])).expect_err("must refuse");
    assert!(matches!(err, StoreError::NotFound(_)), "{err}");
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
    let mut s = store.begin_import().expect("begin");
    assert_eq!(s.put_interaction(&i).expect("put"), WriteOutcome::Inserted);
    assert_eq!(s.put_interaction(&i).expect("put"), WriteOutcome::Unchanged);
    let other = Interaction { note: None, ..i.clone() };
    assert_eq!(s.put_interaction(&other).expect("put"), WriteOutcome::Inserted);
    s.commit().expect("commit");
    let d = store.customer("C1").expect("read").expect("exists");
    assert_eq!(d.interactions.len(), 2);
    assert!(d.interactions.contains(&i));
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
    let mut s = store.begin_scoring(None).expect("begin");
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
        s.put_score(&record, &[]).expect("put");
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

/// Lists filter by granted consent and by lifetime value, carry the value, and count up to a cap.
pub fn customer_lists_filter_by_consent_and_value_and_count_up_to_a_cap(store: &dyn Store) {
    let consent = |channel, granted| Consent { channel, granted, at: None, source: None, ..Consent::PLAIN };
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
    let mut s = store.begin_scoring(None).expect("begin");
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
        s.put_score(&record, &[]).expect("put");
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
        ("R3", "Семён", "Фёдоров", ""), // ё
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
    assert_eq!(found("семен федоров"), ["R3"], "ё is found as е");
    assert_eq!(found("СЕМЁН"), ["R3"]);
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
    assert_eq!(everyone, ["H1", "H2", "P1", "P2", "P3", "P4", "R1", "R2", "R3"], "a lone mark searches for nothing");

    // A renamed customer is found by the new name only.
    let mut renamed = people.iter().find(|c| c.external_id == "R2").expect("R2").clone();
    renamed.last_name = Some("Кузнецова".into());
    seed(store, &[renamed], &[], &[]);
    assert_eq!(found("кузнецова"), ["R2"]);
    assert_eq!(found("смирнова"), Vec::<String>::new());
    assert_eq!(found("R2"), ["R2"], "the id is searched too");
    // A customer added and changed in one import is found once, by the later name.
    let mut s = store.begin_import().expect("begin");
    let mut twice = customer("T1");
    s.put_customer(&twice, &evidence(), Absent::Clear).expect("put");
    twice.first_name = Some("Zebulon".into());
    s.put_customer(&twice, &evidence(), Absent::Clear).expect("put again");
    s.commit().expect("commit");
    assert_eq!(found("zebulon"), ["T1"]);
}

/// A phone is found whatever form it was stored in and whatever form is typed: national with its trunk
/// prefix, international with `+` or `00`, digits only, Persian digits; written one by one or by a bulk
/// import, and again after the phone changes.
pub fn search_finds_phones_in_any_form(store: &dyn Store) {
    let mut people = Vec::new();
    for (id, phone, country) in [
        ("IL1", "054-567-8901", Some("IL")),
        ("IL2", "+972 50 765 4321", None),
        ("RU1", "8 (912) 345-67-89", Some("RU")),
        ("IR1", "0935 123 4567", Some("IR")),
        ("XX1", "555-0100", None),
    ] {
        let mut c = customer(id);
        c.phone = Some(phone.into());
        c.country = country.map(str::to_owned);
        people.push(c);
    }
    // Enough customers for the bulk path of every backend, each with a phone of its own.
    for n in 0..60 {
        let mut c = customer(&format!("B{n}"));
        c.phone = Some(format!("+7 495 {:03} {:02} {:02}", 100 + n, n, n));
        people.push(c);
    }
    let mut s = store.begin_import().expect("begin");
    s.put_customers(&prepared(&people), &evidence()).expect("put");
    s.commit().expect("commit");
    let found = |text: &str| -> Vec<String> {
        let query = CustomerQuery { search: Some(text.to_owned()), limit: 100, ..CustomerQuery::default() };
        let ids: Vec<String> = store.list_customers(&query).expect("list").into_iter().map(|c| c.customer_id).collect();
        assert_eq!(store.count_customers(&query, 100).expect("count"), ids.len() as u64, "{text}");
        ids
    };
    for typed in ["0545678901", "054 567 89 01", "+972545678901", "00972 54 567 8901", "972545678901", "5678901"] {
        assert_eq!(found(typed), ["IL1"], "{typed}");
    }
    for typed in ["0507654321", "050-765-4321", "+972507654321"] {
        assert_eq!(found(typed), ["IL2"], "{typed}: stored international, typed national");
    }
    for typed in ["89123456789", "+7 912 345-67-89", "9123456789"] {
        assert_eq!(found(typed), ["RU1"], "{typed}");
    }
    assert_eq!(found("۰۹۳۵۱۲۳۴۵۶۷"), ["IR1"], "Persian digits");
    assert_eq!(found("+989351234567"), ["IR1"]);
    assert_eq!(found("5550100"), ["XX1"], "a number of no known plan is found by its digits");
    assert_eq!(found("+74951050505"), ["B5"], "written by the bulk path");
    assert_eq!(found("8 495 105-05-05"), ["B5"], "stored international, typed national");
    let detail = store.customer("IL2").expect("read").expect("IL2");
    assert_eq!(detail.profile.phone.as_deref(), Some("+972 50 765 4321"), "the phone is kept as typed");
    assert_eq!(
        store.customers_with_phone("+972545678901").expect("by phone"),
        ["IL1"],
        "stored national, found by E.164"
    );
    assert_eq!(store.customers_with_phone("+74951050505").expect("by phone"), ["B5"], "written by the bulk path");
    assert!(store.customers_with_phone("+10000000000").expect("by phone").is_empty());

    // A changed phone is found by its new number only, written one customer at a time.
    let mut changed = people[0].clone();
    changed.phone = Some("054-765-4321".into());
    seed(store, &[changed], &[], &[]);
    assert_eq!(found("0545678901"), Vec::<String>::new());
    assert_eq!(found("+972 54 765 4321"), ["IL1"]);
}

/// After the upgrade that gave phones their normal forms, the customers a backend's own test stored
/// before it (`C1` `+972 54 567 8901` without a country, `C2` `8 (912) 345-67-89` in Russia, `C3`
/// `555-0100`) are found by any form of their numbers. Not a case of the suite: each backend makes its
/// old database its own way.
pub fn phones_stored_before_are_found_in_any_form(store: &dyn Store) {
    let found = |text: &str| -> Vec<String> {
        let query = CustomerQuery { search: Some(text.into()), limit: 10, ..Default::default() };
        store.list_customers(&query).expect("list").into_iter().map(|c| c.customer_id).collect()
    };
    assert_eq!(found("054-567-8901"), ["C1"], "national form of a number stored international");
    assert_eq!(found("+7 912 345 67 89"), ["C2"], "international form of a number stored national");
    assert_eq!(found("5550100"), ["C3"]);
}

/// The customers that [`phones_stored_before_are_found_in_any_form`] expects, as SQL for a database of
/// schema version 16.
/// C1 and C2 have consents, which [`consents_stored_before_enter_the_ledger`] expects in the ledger.
pub const PHONES_STORED_BEFORE: &str = "INSERT INTO customers (external_id, phone, country) VALUES
    ('C1', '+972 54 567 8901', NULL), ('C2', '8 (912) 345-67-89', 'RU'), ('C3', '555-0100', NULL);
    INSERT INTO consents (customer_id, channel, granted, at, source)
    SELECT id, 'email', (1 = 1), 1700000000, 'import:old.csv' FROM customers WHERE external_id = 'C1';
    INSERT INTO consents (customer_id, channel, granted, at, source)
    SELECT id, 'sms', (1 = 0), 1700000500, 'web:staff@shop' FROM customers WHERE external_id = 'C2';";

/// The answers stored before the ledger existed are its first entries after the upgrade, with the
/// method and basis their source implies.
pub fn consents_stored_before_enter_the_ledger(store: &dyn Store) {
    let first = |id: &str| -> Vec<_> {
        let d = store.customer(id).expect("read").expect("exists");
        d.consent_ledger
            .into_iter()
            .map(|e| (e.channel, e.action, e.method, e.basis, e.at.timestamp(), e.source))
            .collect()
    };
    assert_eq!(
        first("C1"),
        [(
            Channel::Email,
            ConsentAction::Grant,
            ConsentMethod::Import,
            Some(LegalBasis::Imported),
            1_700_000_000,
            "import:old.csv".to_owned()
        )]
    );
    assert_eq!(
        first("C2"),
        [(
            Channel::Sms,
            ConsentAction::Withdraw,
            ConsentMethod::Staff,
            None,
            1_700_000_500,
            "web:staff@shop".to_owned()
        )]
    );
    assert!(first("C3").is_empty());
    let c1 = store.customer("C1").expect("read").expect("exists").profile;
    assert_eq!(c1.consents[0].method, Some(ConsentMethod::Import), "the current answer knows its method too");
}

/// Names by id, for pages that list customers by id elsewhere; unknown ids are left out.
pub fn names_are_found_by_id(store: &dyn Store) {
    let firm = Customer { company: Some("Acme".into()), first_name: None, ..customer("B1") };
    seed(store, &[customer("N1"), firm], &[], &[]);
    let names = store.names_of(&["N1".into(), "B1".into(), "ghost".into()]).expect("names");
    assert_eq!(names.len(), 2);
    assert_eq!((names["N1"].as_str(), names["B1"].as_str()), ("Name N1", "Acme"));
}
