//! The consent ledger: every write of an answer appends to it, whichever path wrote it; it follows a
//! merge and goes with an erasure.

use crate::support::*;

fn ledger(store: &dyn Store, id: &str) -> Vec<ConsentEvent> {
    store.customer(id).expect("read").expect("exists").consent_ledger
}

fn answer(channel: Channel, granted: bool, evidence: &str) -> Consent {
    Consent { channel, granted, evidence: Some(evidence.to_owned()), ..Consent::PLAIN }
}

/// One customer at a time: a new answer and a changed one are appended with their method, basis and
/// evidence; the same answer again is not; another purpose is an answer of its own.
pub fn every_answer_written_one_by_one_is_in_the_ledger(store: &dyn Store) {
    let mut c = customer("L1");
    c.consents = vec![Consent {
        method: Some(ConsentMethod::Checkout),
        source: Some("checkout".into()),
        ..answer(Channel::Email, true, "box \"Send me offers\" ticked")
    }];
    let first = Evidence { at: ts("2025-03-01T09:00:00Z"), source: "api:shop".into() };
    write(store, |tx| tx.put_customer(&c, &first, Absent::Keep)).expect("put");
    write(store, |tx| tx.put_customer(&c, &first, Absent::Keep)).expect("the same again");
    let withdrawn = Customer {
        consents: vec![Consent { method: Some(ConsentMethod::ReplyStop), ..answer(Channel::Email, false, "STOP") }],
        ..customer("L1")
    };
    let later = Evidence { at: ts("2025-04-01T09:00:00Z"), source: "sms:reply".into() };
    write(store, |tx| tx.put_customer(&withdrawn, &later, Absent::Keep)).expect("withdraw");
    let newsletter = Customer {
        consents: vec![Consent { purpose: Purpose::Newsletter, ..answer(Channel::Email, true, "footer form") }],
        ..customer("L1")
    };
    write(store, |tx| tx.put_customer(&newsletter, &later, Absent::Keep)).expect("newsletter");

    let entries = ledger(store, "L1");
    let seen: Vec<_> = entries.iter().map(|e| (e.purpose, e.action, e.method, e.basis, e.at)).collect();
    assert_eq!(
        seen,
        [
            (
                Purpose::Marketing,
                ConsentAction::Grant,
                ConsentMethod::Checkout,
                Some(LegalBasis::Consent),
                ts("2025-03-01T09:00:00Z")
            ),
            (Purpose::Marketing, ConsentAction::Withdraw, ConsentMethod::ReplyStop, None, ts("2025-04-01T09:00:00Z")),
            (
                Purpose::Newsletter,
                ConsentAction::Grant,
                ConsentMethod::Staff,
                Some(LegalBasis::Consent),
                ts("2025-04-01T09:00:00Z")
            ),
        ]
    );
    assert_eq!(entries[0].source, "checkout");
    assert_eq!(entries[0].evidence.as_deref(), Some("box \"Send me offers\" ticked"));
    assert_eq!(entries[1].source, "sms:reply", "the write's source where the answer has none");
    let profile = store.customer("L1").expect("read").expect("exists").profile;
    assert_eq!(profile.consents.len(), 1, "the profile holds the marketing answers");
    assert!(!profile.consents[0].granted);
    assert_eq!(profile.consents[0].method, Some(ConsentMethod::ReplyStop));
    assert!(ladder_domain::consent::current(&entries, Channel::Email, Purpose::Newsletter));
    assert!(!ladder_domain::consent::current(&entries, Channel::Email, Purpose::Marketing));
}

/// An import's batches (set-based in PostgreSQL, for new and for stored customers) append every
/// answer they write, with the file and line as evidence, and nothing for an answer already on record.
pub fn every_answer_an_import_writes_is_in_the_ledger(store: &dyn Store) {
    let people = |granted: bool| -> Vec<Customer> {
        (0..60)
            .map(|n| Customer {
                consents: vec![Consent {
                    method: Some(ConsentMethod::Import),
                    basis: Some(LegalBasis::Imported),
                    ..answer(Channel::Sms, granted, &format!("customers.csv, line {}", n + 2))
                }],
                ..customer(&format!("B{n}"))
            })
            .collect()
    };
    let import = |batch: &[Customer], at: &str| {
        let mut s = store.begin_import().expect("begin");
        s.put_customers(&prepared(batch), &Evidence { at: ts(at), source: "import:customers.csv".into() })
            .expect("put");
        s.commit().expect("commit");
    };
    import(&people(true), "2025-05-01T08:00:00Z");
    import(&people(true), "2025-05-02T08:00:00Z");
    let mut changed = people(true);
    changed[7].consents[0].granted = false;
    import(&changed, "2025-05-03T08:00:00Z");
    let b7 = ledger(store, "B7");
    let seen: Vec<_> = b7.iter().map(|e| (e.action, e.basis, e.evidence.as_deref(), e.at)).collect();
    assert_eq!(
        seen,
        [
            (
                ConsentAction::Grant,
                Some(LegalBasis::Imported),
                Some("customers.csv, line 9"),
                ts("2025-05-01T08:00:00Z")
            ),
            (ConsentAction::Withdraw, None, Some("customers.csv, line 9"), ts("2025-05-03T08:00:00Z")),
        ],
        "the same answer again is not appended"
    );
    assert_eq!(b7[0].method, ConsentMethod::Import);
    assert_eq!(b7[0].source, "import:customers.csv");
    assert_eq!(ledger(store, "B8").len(), 1);
}

/// A merge gives the kept customer both ledgers; an erasure removes the ledger with the person.
pub fn the_ledger_follows_a_merge_and_goes_with_an_erasure(store: &dyn Store) {
    let with = |id: &str, channel: Channel, granted: bool| Customer {
        consents: vec![answer(channel, granted, &format!("form of {id}"))],
        ..customer(id)
    };
    let evidence = Evidence { at: ts("2025-06-01T10:00:00Z"), source: "web:staff@shop".into() };
    for c in [with("M1", Channel::Email, true), with("M2", Channel::Sms, false)] {
        write(store, |tx| tx.put_customer(&c, &evidence, Absent::Keep)).expect("put");
    }
    let id = |external: &str| store.customer(external).expect("read").expect("exists").id;
    let (m1, m2) = (id("M1"), id("M2"));
    write(store, |tx| tx.merge_customers(m1, m2)).expect("merge");
    let evidence: Vec<_> = ledger(store, "M1").into_iter().filter_map(|e| e.evidence).collect();
    assert_eq!(evidence, ["form of M1", "form of M2"], "both ledgers, in the order they were written");
    write(store, |tx| tx.erase_customer(m1, "ERASED-1")).expect("erase");
    assert!(ledger(store, "ERASED-1").is_empty(), "the evidence is personal data too");
}
