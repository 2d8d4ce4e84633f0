//! Scoring: the facts in one pass, scores and history, one scoring at a time.

use crate::support::*;

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
    let mut session = store.begin_scoring(None).expect("begin");
    for row in &rows {
        let one = session.customer_facts(row.customer, date("2025-01-31"), "EUR").expect("facts of one");
        assert_eq!(one.as_ref().map(|r| &r.facts), Some(&row.facts), "{:?}", row.customer);
    }
    assert!(session.customer_facts(CustomerId(-1), date("2025-01-31"), "EUR").expect("facts").is_none());
    drop(session);
}

/// Moves written alone (a replayed past date) join the history and leave the stored score as it is.
pub fn moves_alone_leave_the_score_as_stored(store: &dyn Store) {
    seed(store, &[customer("C1")], &[], &[]);
    let id = id_of(store, "C1");
    let mut s = store.begin_scoring(None).expect("begin");
    let move_to = |to: &str, at: &str| Change {
        kind: ChangeKind::Rung,
        from: None,
        to: Some(to.to_owned()),
        at: date(at),
        reason: Reason::Text { text: format!("to {to}") },
    };
    s.put_moves(id, &[move_to("suspect", "2025-01-31")]).expect("moves");
    let stored = score(id, "2025-02-28", Rung::Customer, Some(CustomerState::Active));
    s.put_score(&stored, &[move_to("customer", "2025-02-28")]).expect("put");
    s.commit().expect("commit");
    let d = store.customer("C1").expect("read").expect("exists");
    assert_eq!(d.score.as_ref(), Some(&stored));
    let history: Vec<_> = d.history.iter().map(|h| (h.to.as_deref(), h.at)).collect();
    assert_eq!(history, [(Some("suspect"), date("2025-01-31")), (Some("customer"), date("2025-02-28"))]);
    let mut s = store.begin_scoring(None).expect("begin");
    s.put_moves(id, &[move_to("repeat", "2025-03-31")]).expect("moves");
    drop(s);
    assert_eq!(
        store.customer("C1").expect("read").expect("exists").history.len(),
        2,
        "a dropped scoring writes no moves"
    );
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
        reason: Reason::Text { text: format!("to {to}") },
    };
    let mut s = store.begin_scoring(None).expect("begin");
    let first = score(id, "2025-02-01", Rung::Loyal, Some(CustomerState::Active));
    s.put_score(
        &first,
        &[
            change(ChangeKind::Rung, None, "loyal", "2025-02-01"),
            change(ChangeKind::State, None, "active", "2025-02-01"),
        ],
    )
    .expect("put");
    s.commit().expect("commit");
    let mut s = store.begin_scoring(None).expect("begin");
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
    s.put_score(&second, &[change(ChangeKind::Rung, Some("loyal"), "repeat", "2025-06-01")]).expect("put");
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
    assert_eq!(d.history[2].reason, Reason::Text { text: "to repeat".into() });
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
        let mut s = store.begin_scoring(None).expect("begin");
        s.put_score(&score(id, "2025-02-01", Rung::Loyal, None), &[]).expect("put");
    }
    assert_eq!(store.counts().expect("counts").scores, 0);
    assert!(store.customer("C1").expect("read").expect("exists").score.is_none());
}

/// A second scoring waits for the first and reads what it wrote, so no change is recorded twice.
pub fn scorings_run_one_at_a_time(store: &dyn Store) {
    seed(store, &[customer("C1")], &[], &[]);
    let id = id_of(store, "C1");
    let mut first = store.begin_scoring(None).expect("begin");
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
            let mut session = store.begin_scoring(None).expect("begin the second scoring");
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
            reason: Reason::KnownContact,
        };
        first.put_score(&score(id, "2025-02-01", Rung::Suspect, None), &[change]).expect("put");
        first.commit().expect("commit");
        let previous = second.join().expect("second scoring");
        assert_eq!(previous.map(|p| p.rung), Some(Rung::Suspect), "the second sees the first's result");
    });
}
