//! Imports: the bulk unit of work, all or nothing, and set-based batches that answer as rows do.

use crate::support::*;

/// An import that is not committed leaves no trace.
pub fn a_dropped_import_writes_nothing(store: &dyn Store) {
    seed(store, &[customer("C0")], &[], &[]);
    {
        let mut s = store.begin_import().expect("begin");
        s.put_customer(&customer("C1"), &evidence(), Absent::Clear).expect("put");
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
        s.put_customer(&changed, &evidence(), Absent::Clear).expect("put");
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
            c.consents =
                vec![Consent { channel: Channel::Email, granted: true, at: None, source: None, ..Consent::PLAIN }];
            c.attributes.insert("note".into(), "tab\there, newline\nhere, back\\slash".replace("\\t", "\t"));
            c
        })
        .collect();
    people[3].first_name = Some("Ольга\tO'Neil \\N".into());
    let mut s = store.begin_import().expect("begin");
    assert!(
        s.put_customers(&prepared(&people), &evidence()).expect("put").iter().all(|o| *o == WriteOutcome::Inserted)
    );
    s.commit().expect("commit");
    let got = store.customer("B03").expect("read").expect("exists").profile;
    assert_eq!(
        (got.first_name.clone(), got.tags.clone()),
        (people[3].first_name.clone(), vec!["a".to_owned(), "z".to_owned()])
    );
    assert_eq!(got.attributes, people[3].attributes);
    assert_eq!(got.consents[0].source.as_deref(), Some("import:test.csv"));

    let later = Evidence { at: ts("2025-09-09T00:00:00Z"), source: "import:later.csv".into() };
    people[1].email = Some("new@example.com".into());
    people[2].tags = vec!["b".into()];
    people[4].consents[0].granted = false;
    let mut s = store.begin_import().expect("begin");
    let outcomes = s.put_customers(&prepared(&people), &later).expect("put");
    s.commit().expect("commit");
    let updated: Vec<usize> =
        outcomes.iter().enumerate().filter(|(_, o)| **o == WriteOutcome::Updated).map(|(i, _)| i).collect();
    assert_eq!(updated, [1, 2, 4]);
    assert_eq!(outcomes.iter().filter(|o| **o == WriteOutcome::Unchanged).count(), 57);
    assert_eq!(store.customer("B02").expect("read").expect("exists").profile.tags, ["b"]);
    let kept = store.customer("B05").expect("read").expect("exists").profile.consents[0].clone();
    assert_eq!(
        (kept.at, kept.source.as_deref()),
        (Some(evidence().at), Some("import:test.csv")),
        "unchanged answer keeps its evidence"
    );
    let changed = store.customer("B04").expect("read").expect("exists").profile.consents[0].clone();
    assert_eq!((changed.granted, changed.at), (false, Some(later.at)));

    // A batch of stored and new customers together; a channel answered twice keeps its last answer.
    let mut mixed = people.clone();
    mixed.extend((0..10).map(|i| customer(&format!("N{i:02}"))));
    mixed[61].consents = vec![
        Consent { channel: Channel::Sms, granted: true, at: None, source: None, ..Consent::PLAIN },
        Consent { channel: Channel::Sms, granted: false, at: None, source: None, ..Consent::PLAIN },
    ];
    let mut s = store.begin_import().expect("begin");
    let outcomes = s.put_customers(&prepared(&mixed), &later).expect("put");
    s.commit().expect("commit");
    assert!(outcomes[..60].iter().all(|o| *o == WriteOutcome::Unchanged), "{outcomes:?}");
    assert!(outcomes[60..].iter().all(|o| *o == WriteOutcome::Inserted), "{outcomes:?}");
    let sms = store.customer("N01").expect("read").expect("exists").profile.consents;
    assert_eq!(sms.iter().map(|k| (k.channel, k.granted)).collect::<Vec<_>>(), [(Channel::Sms, false)]);
    assert_eq!(store.counts().expect("counts").customers, 70);

    let mut orders: Vec<Order> = (0..60)
        .map(|i| order(&format!("BO{i:02}"), &format!("B{i:02}"), "2025-03-01", &[("A", 1, 100), ("B", 2, 250)]))
        .collect();
    let mut s = store.begin_import().expect("begin");
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
    let mut s = store.begin_import().expect("begin");
    let results = s.put_orders(&orders).expect("put");
    s.commit().expect("commit");
    assert!(results[4..].iter().all(|r| r == &Ok(vec![WriteOutcome::Unchanged; 2])));
    orders[4].customer_external_id = "B05".into();
    let mut s = store.begin_import().expect("begin");
    let moved = s.put_orders(&orders).expect("put");
    s.commit().expect("commit");
    assert!(moved[4].as_ref().is_err_and(|reason| reason.contains("another customer")), "{:?}", moved[4]);
    assert!(moved[5..].iter().all(|r| r == &Ok(vec![WriteOutcome::Unchanged; 2])));
    assert_eq!(results[0], Ok(vec![WriteOutcome::Unchanged; 2]));
    assert_eq!(results[1], Ok(vec![WriteOutcome::Updated; 2]), "a changed order updates the lines it keeps");
    assert_eq!(results[2], Ok(vec![WriteOutcome::Updated; 2]));
    assert_eq!(results[3], Ok(vec![WriteOutcome::Updated, WriteOutcome::Updated, WriteOutcome::Inserted]));
    let totals: Vec<i64> = ["B01", "B03"]
        .iter()
        .map(|c| store.customer(c).expect("read").expect("exists").orders[0].total_minor)
        .collect();
    assert_eq!(totals, [800, 605]);
    assert_eq!(store.customer("B02").expect("read").expect("exists").orders[0].status, OrderStatus::Refunded);
    assert_eq!(store.counts().expect("counts").orders, 60);

    // Sent again with fewer lines, or one SKU on two lines: each order is stored exactly as sent.
    orders[3].lines.truncate(1);
    orders[6].lines[1].sku = "A".into();
    orders[6].lines[1].unit_price_minor = 0;
    let mut s = store.begin_import().expect("begin");
    let replaced = s.put_orders(&orders[5..].iter().chain(&orders[..4]).cloned().collect::<Vec<_>>()).expect("put");
    s.commit().expect("commit");
    assert_eq!(replaced[1], Ok(vec![WriteOutcome::Updated; 2]), "B06, one SKU twice");
    assert_eq!(replaced[58], Ok(vec![WriteOutcome::Updated]), "B03, a line dropped");
    let b03 = &store.customer("B03").expect("read").expect("exists").orders[0];
    assert_eq!((b03.lines.len(), b03.total_minor), (1, 100));
    let b06 = &store.customer("B06").expect("read").expect("exists").orders[0];
    let lines: Vec<_> = b06.lines.iter().map(|l| (l.sku.as_str(), l.quantity, l.unit_price_minor)).collect();
    assert_eq!((lines, b06.total_minor), (vec![("A", 1, 100), ("A", 2, 0)], 100));
    assert_eq!(store.counts().expect("counts").order_lines, 60 * 2 - 1);

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
    let mut s = store.begin_import().expect("begin");
    let outcomes = s.put_interactions(&notes).expect("put");
    s.commit().expect("commit");
    assert_eq!(outcomes.iter().filter(|o| **o == WriteOutcome::Inserted).count(), 60);
    assert_eq!(outcomes[60], WriteOutcome::Unchanged, "the same interaction twice is one");
    let mut s = store.begin_import().expect("begin");
    assert!(s.put_interactions(&notes).expect("put").iter().all(|o| *o == WriteOutcome::Unchanged));
    s.commit().expect("commit");
    assert_eq!(store.counts().expect("counts").interactions, 60);
    let b00 = store.customer("B00").expect("read").expect("exists");
    assert_eq!(b00.interactions[0].note.as_deref(), Some("visit\t0"));
    assert_eq!(b00.interactions[0].campaign_code.as_deref(), Some("Ёлка"));
    assert_eq!(store.customer("B01").expect("read").expect("exists").interactions[0].campaign_code, None);
}

/// An import gives some columns: what it leaves out (a column, an empty cell, tags) stays as stored, one
/// customer at a time and in a batch alike; custom attributes merge by name. The profile form clears.
pub fn what_an_import_leaves_out_stays_as_stored(store: &dyn Store) {
    let full = |id: &str| Customer {
        city: Some("Haifa".into()),
        email: Some(format!("{}@example.com", id.to_lowercase())),
        tags: vec!["vip".into()],
        attributes: [("shoe_size".to_owned(), "38".to_owned())].into(),
        ..customer(id)
    };
    let ids: Vec<String> = (0..60).map(|i| format!("K{i:02}")).collect();
    seed(store, &ids.iter().map(|id| full(id)).collect::<Vec<_>>(), &[], &[]);
    // Only names and a new attribute, as a partial file gives them.
    let partial: Vec<Customer> = ids
        .iter()
        .map(|id| Customer {
            first_name: Some(format!("New {id}")),
            attributes: [("club".to_owned(), "gold".to_owned())].into(),
            ..Customer { external_id: id.clone(), ..Customer::default() }
        })
        .collect();
    let mut s = store.begin_import().expect("begin");
    let one = s.put_customer(&partial[0], &evidence(), Absent::Keep).expect("put");
    let batch = s.put_customers(&prepared(&partial[1..]), &evidence()).expect("put");
    s.commit().expect("commit");
    assert_eq!(one, WriteOutcome::Updated);
    assert!(batch.iter().all(|o| *o == WriteOutcome::Updated), "{batch:?}");
    for id in [&ids[0], &ids[30]] {
        let p = store.customer(id).expect("read").expect("exists").profile;
        assert_eq!(p.first_name, Some(format!("New {id}")), "{id}");
        assert_eq!((p.city.as_deref(), p.tags.as_slice()), (Some("Haifa"), &["vip".to_owned()][..]), "{id} kept");
        assert_eq!(p.email, Some(format!("{}@example.com", id.to_lowercase())));
        let attributes: Vec<(&str, &str)> = p.attributes.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        assert_eq!(attributes, [("club", "gold"), ("shoe_size", "38")], "{id}: merged by name");
    }
    let mut s = store.begin_import().expect("begin");
    assert!(
        s.put_customers(&prepared(&partial[1..]), &evidence())
            .expect("put")
            .iter()
            .all(|o| *o == WriteOutcome::Unchanged)
    );
    assert_eq!(s.put_customer(&partial[0], &evidence(), Absent::Keep).expect("put"), WriteOutcome::Unchanged);
    // The form shows every field: what it leaves empty is removed.
    assert_eq!(s.put_customer(&partial[0], &evidence(), Absent::Clear).expect("put"), WriteOutcome::Updated);
    s.commit().expect("commit");
    let cleared = store.customer(&ids[0]).expect("read").expect("exists").profile;
    assert_eq!((cleared.city, cleared.tags.len(), cleared.attributes.len()), (None, 0, 1));
}
