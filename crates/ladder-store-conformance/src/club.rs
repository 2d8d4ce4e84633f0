//! The club: a member once, a card replaced with its history kept, a lot per order and reason written
//! once, a draw never beyond a lot's remainder, a reference spent once, expiry and reversals found by the
//! store, tier moves recorded, the figures the same on every backend; a dropped unit writes nothing.

use crate::support::*;
use ladder_domain::club::{Draw, EntryKind};
use ladder_store::club::{NewEntry, NewMember, TierChange};

fn member(customer: CustomerId, card: &str, code: &str, earn_from: &str) -> NewMember {
    NewMember {
        customer,
        card_number: card.to_owned(),
        referral_code: code.to_owned(),
        joined_at: ts("2025-01-01T09:00:00Z"),
        earn_from: date(earn_from),
        terms_version: "2025-01".to_owned(),
        terms_evidence: r#"{"channel":"till","by":"user:1"}"#.to_owned(),
        joined_by: "user:1".to_owned(),
    }
}

fn lot(
    customer: CustomerId,
    order: Option<i64>,
    reason: &str,
    points: i64,
    at: &str,
    available: &str,
    expires: &str,
) -> NewEntry {
    NewEntry {
        customer,
        kind: EntryKind::Earn,
        reason: reason.to_owned(),
        points,
        at: ts(at),
        available_on: Some(date(available)),
        expires_on: Some(date(expires)),
        order,
        reference: None,
        actor: "system".to_owned(),
        note: None,
        unrecovered: 0,
        draws: Vec::new(),
    }
}

fn spend(customer: CustomerId, reference: &str, draws: &[(i64, i64)]) -> NewEntry {
    NewEntry {
        customer,
        kind: EntryKind::Redeem,
        reason: "till".to_owned(),
        points: -draws.iter().map(|(_, p)| p).sum::<i64>(),
        at: ts("2025-03-01T10:00:00Z"),
        available_on: None,
        expires_on: None,
        order: None,
        reference: Some(reference.to_owned()),
        actor: "user:1".to_owned(),
        note: None,
        unrecovered: 0,
        draws: draws.iter().map(|&(lot, points)| Draw { lot, points }).collect(),
    }
}

fn shop(store: &dyn Store) -> (CustomerId, CustomerId) {
    seed(
        store,
        &[customer("A1"), customer("A2"), customer("B1")],
        &[
            order("O1", "A1", "2024-12-20T10:00:00Z", &[("COF", 1, 5_000)]),
            order("O2", "A1", "2025-01-10T10:00:00Z", &[("COF", 2, 5_000)]),
            order("O3", "A1", "2025-02-10T10:00:00Z", &[("COF", 1, 3_000)]),
            order("O4", "A2", "2025-02-11T10:00:00Z", &[("COF", 1, 2_000)]),
            order("O5", "B1", "2025-02-12T10:00:00Z", &[("COF", 1, 9_000)]),
        ],
        &[],
    );
    (id_of(store, "A1"), id_of(store, "A2"))
}

/// A member once, cards kept when replaced, and lots, draws and references written once.
pub fn members_cards_and_the_ledger_are_written_once(store: &dyn Store) {
    let (a1, a2) = shop(store);
    let joined = write(store, |tx| tx.add_club_members(&[member(a1, "270000000001", "R-A1", "2025-01-01")]));
    assert_eq!(joined.expect("join"), [] as [CustomerId; 0]);
    let again = write(store, |tx| {
        tx.add_club_members(&[
            member(a1, "270000000002", "R-A1b", "2025-01-01"),
            member(a2, "270000000001", "R-A2", "2025-01-01"),
        ])
    });
    assert_eq!(again.expect("left out"), [a1, a2], "a member once; a card number once");
    assert!(matches!(
        write(store, |tx| tx.add_club_member(&member(a1, "270000000003", "R-A1c", "2025-01-01"))),
        Err(StoreError::Conflict(_))
    ));
    write(store, |tx| tx.add_club_member(&member(a2, "270000000004", "R-A2", "2024-01-01"))).expect("A2 joins");
    assert_eq!(store.club_last_member().expect("last"), a1.0.max(a2.0));

    let m = store.club_member(a1).expect("read").expect("a member");
    assert_eq!(
        (m.customer_id.as_str(), m.card_number.as_str(), m.earn_from),
        ("A1", "270000000001", date("2025-01-01"))
    );
    assert_eq!(m.terms_evidence, r#"{"channel":"till","by":"user:1"}"#);
    assert_eq!(store.club_member_by_referral("R-A2").expect("read").map(|m| m.customer), Some(a2));
    write(store, |tx| tx.replace_club_card(a1, "270000000005", ts("2025-02-01T09:00:00Z"), "lost")).expect("replace");
    let old = store.club_card("270000000001").expect("read").expect("kept");
    assert_eq!((old.customer, old.blocked_reason.as_deref()), (a1, Some("lost")));
    assert!(store.club_card("270000000005").expect("read").expect("new").blocked_at.is_none());
    assert_eq!(store.club_member(a1).expect("read").expect("member").card_number, "270000000005");
    let (card, held) = store.club_member_by_card("270000000005").expect("read").expect("in use");
    assert_eq!((card.blocked_at, held.customer_id.as_str(), held.card_number.as_str()), (None, "A1", "270000000005"));
    let (old_card, _) = store.club_member_by_card("270000000001").expect("read").expect("kept");
    assert_eq!(old_card.blocked_reason.as_deref(), Some("lost"));
    assert!(store.club_member_by_card("279999999999").expect("read").is_none());
    // The same read inside a unit of work, as a redemption does it.
    let (held_card, held_member, unknown) = write(store, |tx| {
        let (card, member) = tx.lock_club_member_by_card("270000000005")?.expect("in use");
        let (old_card, _) = tx.lock_club_member_by_card("270000000001")?.expect("kept");
        Ok(((card.number, old_card.blocked_reason), member.customer, tx.lock_club_member_by_card("279999999999")?))
    })
    .expect("read in a unit of work");
    assert_eq!(held_card, ("270000000005".to_owned(), Some("lost".to_owned())));
    assert_eq!((held_member, unknown.is_none()), (a1, true));
    // After bulk work the statistics are brought up to date inside a unit of work (on every table named).
    write(store, |tx| tx.refresh_club_statistics()).expect("the club's statistics refreshed");
    let cards: Vec<_> = store.club_cards(a1).expect("cards").into_iter().map(|c| c.number).collect();
    assert_eq!(cards, ["270000000005", "270000000001"], "newest first");

    // Orders to earn: completed orders of members from their first earning day, ranked among all theirs.
    let to_earn = write(store, |tx| tx.club_orders_to_earn(0, i64::MAX, "EUR")).expect("to earn");
    let seen: Vec<_> = to_earn.iter().map(|o| (o.customer, o.nth, o.total_minor)).collect();
    assert_eq!(seen, [(a1, 2, 10_000), (a1, 3, 3_000), (a2, 1, 2_000)], "O1 is before A1 joined; B1 is no member");
    assert!(write(store, |tx| tx.club_orders_to_earn(0, i64::MAX, "ILS")).expect("ILS").is_empty());
    let categories = write(store, |tx| tx.club_order_categories(0, i64::MAX)).expect("categories");
    let o2 = to_earn[0].order;
    assert!(categories.contains(&(o2, Some("coffee".to_owned()), 10_000)), "{categories:?}");

    let o3 = to_earn[1].order;
    let lots = [
        lot(a1, Some(o2), "order", 100, "2025-01-10T10:00:00Z", "2025-01-24", "2026-01-10"),
        lot(a1, Some(o3), "order", 30, "2025-02-10T10:00:00Z", "2025-02-24", "2026-02-10"),
        lot(a1, Some(o3), "third_order", 100, "2025-02-10T10:00:00Z", "2025-02-24", "2026-02-10"),
    ];
    assert_eq!(write(store, |tx| tx.earn_club_points(&lots, date("2025-01-01"))).expect("earn").rows, 3);
    let again = write(store, |tx| tx.earn_club_points(&lots, date("2025-01-01"))).expect("again");
    assert_eq!(again.rows, 0, "an order earns once per reason");
    assert_eq!(write(store, |tx| tx.club_orders_to_earn(0, i64::MAX, "EUR")).expect("left").len(), 1, "A2's O4");

    let balance = store.club_balance(a1, date("2025-02-20")).expect("balance");
    let lots = store.club_open_lots(a1).expect("lots");
    assert_eq!(
        ladder_store::club::Balance::of_lots(&lots, date("2025-02-20")),
        balance,
        "the till's balance is the ledger's"
    );
    assert_eq!((balance.total, balance.available, balance.pending, balance.lapsed), (230, 100, 130, 0));
    assert_eq!(balance.expiring, [(date("2026-01-10"), 100), (date("2026-02-10"), 130)]);

    let ids: Vec<i64> = write(store, |tx| tx.club_lots(a1)).expect("lots").iter().map(|l| l.id).collect();
    assert_eq!(ids.len(), 3);
    let spent = write(store, |tx| tx.append_club_entry(&spend(a1, "till-1", &[(ids[0], 60)]))).expect("redeem");
    assert!(
        matches!(
            write(store, |tx| tx.append_club_entry(&spend(a1, "till-1", &[(ids[0], 10)]))),
            Err(StoreError::Conflict(_))
        ),
        "a reference is spent once"
    );
    assert!(
        matches!(
            write(store, |tx| tx.append_club_entry(&spend(a1, "till-2", &[(ids[0], 41)]))),
            Err(StoreError::Conflict(_))
        ),
        "never beyond a lot's remainder"
    );
    let by_reference = store.club_entry_by_reference("till-1").expect("read").expect("written");
    assert_eq!(
        (by_reference.id, by_reference.points, by_reference.draws.as_slice()),
        (spent, -60, &[Draw { lot: ids[0], points: 60 }][..])
    );
    assert!(store.club_entry_by_reference("till-2").expect("read").is_none(), "the refused spend wrote nothing");

    let ledger = store.club_ledger(a1).expect("ledger");
    assert_eq!(ledger.iter().map(|e| e.points).sum::<i64>(), 170, "the ledger adds up");
    assert_eq!(ledger[0].order_id.as_deref(), Some("O2"));
    assert_eq!(ledger.last().map(|e| (e.kind, e.draws.len())), Some((EntryKind::Redeem, 1)));
    let of_o2 = write(store, |tx| tx.club_order_lots(a1, o2)).expect("order lots");
    assert_eq!(of_o2.iter().map(|s| (s.lot.remaining, s.spent)).collect::<Vec<_>>(), [(40, 60)]);

    // An order no longer completed is to be reversed, once.
    let mut refunded = order("O2", "A1", "2025-01-10T10:00:00Z", &[("COF", 2, 5_000)]);
    refunded.status = OrderStatus::Refunded;
    seed(store, &[], &[refunded], &[]);
    let to_reverse = write(store, |tx| tx.club_orders_to_reverse(None)).expect("to reverse");
    assert_eq!(to_reverse.iter().map(|r| (r.customer, r.order)).collect::<Vec<_>>(), [(a1, o2)]);
    assert_eq!(write(store, |tx| tx.club_orders_to_reverse(Some(a2))).expect("A2").len(), 0);
    let reverse = NewEntry {
        kind: EntryKind::Reverse,
        reason: "refund".to_owned(),
        points: -100,
        order: Some(o2),
        unrecovered: 0,
        draws: vec![
            Draw { lot: ids[0], points: 40 },
            Draw { lot: ids[1], points: 30 },
            Draw { lot: ids[2], points: 30 },
        ],
        ..spend(a1, "unused", &[])
    };
    let reverse = NewEntry { reference: None, ..reverse };
    write(store, |tx| tx.append_club_entry(&reverse)).expect("reverse");
    assert!(write(store, |tx| tx.club_orders_to_reverse(None)).expect("none").is_empty(), "reversed once");
    assert!(matches!(write(store, |tx| tx.append_club_entry(&reverse)), Err(StoreError::Conflict(_))));
    assert_eq!(store.club_balance(a1, date("2025-03-01")).expect("balance").available, 70);

    // Expiry writes a row per lot out of time, dated its expiry, drawing what was left.
    let expired = write(store, |tx| tx.expire_club_points(date("2026-02-10"), None, ts("2026-02-10T02:00:00Z")));
    assert_eq!(expired.expect("expire"), 70);
    let again = write(store, |tx| tx.expire_club_points(date("2026-02-10"), None, ts("2026-02-10T02:00:00Z")));
    assert_eq!(again.expect("again"), 0);
    let ledger = store.club_ledger(a1).expect("ledger");
    let expiry = ledger.iter().find(|e| e.kind == EntryKind::Expire).expect("an expiry row");
    assert_eq!(
        (expiry.points, expiry.at, expiry.draws.as_slice()),
        (-70, ts("2026-02-10T00:00:00Z"), &[Draw { lot: ids[2], points: 70 }][..])
    );
    assert_eq!(ledger.iter().map(|e| e.points).sum::<i64>(), 0);
    assert_eq!(store.club_balance(a1, date("2026-02-10")).expect("balance"), ladder_store::club::Balance::default());

    // A lot already out of time when written (an old order counted at joining) is written expired.
    let old_and_new = [
        lot(a2, None, "survey", 20, "2025-01-05T10:00:00Z", "2025-01-05", "2025-06-30"),
        lot(a2, None, "birthday_month", 15, "2026-01-05T10:00:00Z", "2026-01-05", "2027-01-05"),
    ];
    let written = write(store, |tx| tx.earn_club_points(&old_and_new, date("2026-02-10"))).expect("earn");
    assert_eq!((written.rows, written.expired), (2, 20));
    let ledger = store.club_ledger(a2).expect("ledger");
    let survey = ledger.iter().find(|e| e.reason == "survey").expect("the old lot");
    let expiry = ledger.iter().find(|e| e.kind == EntryKind::Expire).expect("its expiry");
    assert_eq!(
        (expiry.points, expiry.at, expiry.draws.as_slice()),
        (-20, ts("2025-06-30T00:00:00Z"), &[Draw { lot: survey.id, points: 20 }][..])
    );
    assert_eq!(ledger.iter().map(|e| e.points).sum::<i64>(), 15);
    let again = write(store, |tx| tx.expire_club_points(date("2026-02-10"), None, ts("2026-02-10T02:00:00Z")));
    assert_eq!(again.expect("again"), 0, "expired once");
    assert_eq!(store.club_balance(a2, date("2026-02-10")).expect("balance").available, 15);
}

/// Tier facts read the 12 months; tier changes move members and record moves; figures add up.
pub fn tiers_move_with_their_reasons_and_the_figures_add_up(store: &dyn Store) {
    let (a1, a2) = shop(store);
    write(store, |tx| {
        tx.add_club_members(&[
            member(a1, "270000000001", "R-A1", "2025-01-01"),
            member(a2, "270000000002", "R-A2", "2025-01-01"),
        ])
    })
    .expect("join");
    assert_eq!(store.club_customer_id("A1").expect("read"), Some(a1));
    assert_eq!(store.club_customer_id("nobody").expect("read"), None);
    let b1 = id_of(store, "B1");
    assert_eq!(write(store, |tx| tx.club_customers_to_enrol(0, 10)).expect("to enrol"), [b1], "the others are members");
    assert!(write(store, |tx| tx.club_customers_to_enrol(b1.0, 10)).expect("after B1").is_empty());
    let lots = [lot(a1, None, "survey", 20, "2025-02-01T10:00:00Z", "2025-02-01", "2026-02-01")];
    write(store, |tx| tx.earn_club_points(&lots, date("2025-01-01"))).expect("earn");
    let facts = write(store, |tx| tx.club_tier_facts(0, i64::MAX, date("2025-12-20"), "EUR")).expect("facts");
    let seen: Vec<_> = facts.iter().map(|f| (f.customer, f.spend_minor, f.points)).collect();
    assert_eq!(seen, [(a1, 13_000, 20), (a2, 2_000, 0)], "O1 of 2024-12-20 is out of the 12 months");
    let only_a2 = write(store, |tx| tx.club_tier_facts(a1.0, a2.0, date("2025-12-20"), "EUR")).expect("range");
    assert_eq!(only_a2.iter().map(|f| f.customer).collect::<Vec<_>>(), [a2]);

    let at = ts("2025-03-01T02:00:00Z");
    let changes = [
        TierChange {
            customer: a1,
            tier: "gold".into(),
            below_since: None,
            moved: Some((None, r#"{"kind":"joined"}"#.into())),
            day: date("2025-03-01"),
            at,
        },
        TierChange {
            customer: a2,
            tier: "silver".into(),
            below_since: None,
            moved: Some((None, r#"{"kind":"joined"}"#.into())),
            day: date("2025-03-01"),
            at,
        },
    ];
    write(store, |tx| tx.set_club_tiers(&changes)).expect("tiers");
    let grace = TierChange { below_since: Some(date("2025-04-01")), moved: None, ..changes[0].clone() };
    write(store, |tx| tx.set_club_tiers(&[grace])).expect("grace");
    let m = store.club_member(a1).expect("read").expect("member");
    assert_eq!(
        (m.tier.as_deref(), m.tier_since, m.below_since),
        (Some("gold"), Some(date("2025-03-01")), Some(date("2025-04-01")))
    );
    let down = TierChange {
        tier: "silver".into(),
        below_since: None,
        moved: Some((Some("gold".into()), r#"{"kind":"grace_over"}"#.into())),
        day: date("2025-05-02"),
        at: ts("2025-05-02T02:00:00Z"),
        ..changes[0].clone()
    };
    write(store, |tx| tx.set_club_tiers(&[down])).expect("down");
    let moves = store.club_tier_moves(a1).expect("moves");
    assert_eq!(
        moves.iter().map(|m| (m.from.as_deref(), m.to.as_str(), m.day)).collect::<Vec<_>>(),
        [(None, "gold", date("2025-03-01")), (Some("gold"), "silver", date("2025-05-02"))]
    );
    assert_eq!(moves[1].reason, r#"{"kind":"grace_over"}"#);

    let redeem = spend(a1, "till-1", &[(write(store, |tx| tx.club_lots(a1)).expect("lots")[0].id, 5)]);
    write(store, |tx| tx.append_club_entry(&redeem)).expect("redeem");
    write(store, |tx| tx.put_club_rules(r#"{"point_value_minor":2}"#, at)).expect("rules");
    assert_eq!(store.club_rules().expect("rules").as_deref(), Some(r#"{"point_value_minor":2}"#));
    // B1 (no member) arrives with A1's code: linked once; their first completed order is A1's to reward.
    assert!(write(store, |tx| tx.link_club_referral(b1, "A1")).expect("link"));
    assert!(!write(store, |tx| tx.link_club_referral(b1, "A2")).expect("again"), "the first referrer stays");
    assert!(!write(store, |tx| tx.link_club_referral(a1, "A1")).expect("self"), "never themselves");
    assert_eq!(store.club_referrer_of(b1).expect("referrer"), Some(a1));
    let rewards = write(store, |tx| tx.club_referrals_to_reward(0, i64::MAX)).expect("rewards");
    assert_eq!(
        rewards.iter().map(|r| (r.referrer, r.ordered_at)).collect::<Vec<_>>(),
        [(a1, ts("2025-02-12T10:00:00Z"))]
    );
    assert!(
        write(store, |tx| tx.club_referrals_to_reward(a1.0, i64::MAX))
            .expect("others")
            .iter()
            .all(|r| r.referrer != a1)
    );
    let f = store.club_figures(date("2025-01-01"), date("2025-12-31"), "EUR").expect("figures");
    assert_eq!((f.friends, f.friends_ordered), (1, 0), "B1 has no score yet: counted, not yet as ordered");
    assert_eq!((f.members, f.active_members), (2, 2));
    assert_eq!(f.by_tier, [("silver".to_owned(), 2)]);
    let mut moves = f.moves.clone();
    moves.sort();
    assert_eq!(
        moves,
        [
            (None, "gold".to_owned(), 1),
            (None, "silver".to_owned(), 1),
            (Some("gold".to_owned()), "silver".to_owned(), 1)
        ]
    );
    assert_eq!((f.member_revenue_minor, f.revenue_minor), (15_000, 24_000), "B1 is no member; O1 is of 2024");
    assert_eq!((f.issued, f.redeemed, f.expired, f.outstanding), (20, 5, 0, 15));
}

/// A unit of work dropped after club writes leaves nothing behind.
pub fn a_dropped_club_unit_writes_nothing(store: &dyn Store) {
    let (a1, _) = shop(store);
    {
        let mut tx = store.begin().expect("begin");
        tx.add_club_member(&member(a1, "270000000001", "R-A1", "2025-01-01")).expect("join");
        tx.earn_club_points(
            &[lot(a1, None, "survey", 20, "2025-02-01T10:00:00Z", "2025-02-01", "2026-02-01")],
            date("2025-01-01"),
        )
        .expect("earn");
        tx.put_club_rules("{}", ts("2025-02-01T10:00:00Z")).expect("rules");
    }
    assert!(store.club_member(a1).expect("read").is_none());
    assert!(store.club_card("270000000001").expect("read").is_none());
    assert!(store.club_ledger(a1).expect("ledger").is_empty());
    assert!(store.club_rules().expect("rules").is_none());
    assert_eq!(store.club_last_member().expect("last"), 0);
}

/// A merge adds the ledgers up under the kept member and blocks the absorbed one's cards; a member
/// merged into a customer who is none brings the membership; an erasure blocks the card and drops the
/// terms' evidence, the ledger staying for the figures; deleting a customer takes their club data.
pub fn merges_add_ledgers_up_and_an_erasure_blocks_the_card(store: &dyn Store) {
    let (a1, a2) = shop(store);
    let b1 = id_of(store, "B1");
    write(store, |tx| {
        tx.add_club_members(&[
            member(a1, "270000000001", "R-A1", "2025-01-01"),
            member(a2, "270000000002", "R-A2", "2025-01-01"),
        ])
    })
    .expect("join");
    let lots = [
        lot(a1, None, "survey", 20, "2025-02-01T10:00:00Z", "2025-02-01", "2026-02-01"),
        lot(a2, None, "survey", 30, "2025-02-01T10:00:00Z", "2025-02-01", "2026-02-01"),
    ];
    write(store, |tx| tx.earn_club_points(&lots, date("2025-01-01"))).expect("earn");
    let given = ladder_store::club::PerkGrant {
        customer: a2,
        perk: ladder_domain::club::Perk::FreeShipping,
        from: date("2025-02-01"),
        until: date("2025-03-01"),
        reason: "club_tier_down".into(),
        reference: "playbook:club_tier_down:1:0".into(),
        actor: "playbook:club_tier_down".into(),
        at: ts("2025-02-01T10:00:00Z"),
    };
    write(store, |tx| tx.give_club_perks(std::slice::from_ref(&given))).expect("give");
    write(store, |tx| tx.merge_customers(a1, a2)).expect("merge");
    assert_eq!(store.club_balance(a1, date("2025-03-01")).expect("balance").available, 50, "the ledgers add up");
    assert_eq!(store.club_perk_grants(a1).expect("grants").len(), 1, "given perks follow the merge");
    let cards: Vec<_> =
        store.club_cards(a1).expect("cards").into_iter().map(|c| (c.number, c.blocked_reason)).collect();
    assert!(cards.contains(&("270000000002".to_owned(), Some("merged".to_owned()))), "{cards:?}");
    assert!(cards.contains(&("270000000001".to_owned(), None)), "{cards:?}");
    assert_eq!(store.club_member(a1).expect("read").expect("member").card_number, "270000000001");

    // B1 (no member) absorbs A1 (a member): the membership moves over whole.
    write(store, |tx| tx.merge_customers(b1, a1)).expect("merge into a non-member");
    let m = store.club_member(b1).expect("read").expect("the membership moved");
    assert_eq!((m.card_number.as_str(), m.customer_id.as_str()), ("270000000001", "B1"));
    assert_eq!(store.club_balance(b1, date("2025-03-01")).expect("balance").available, 50);

    write(store, |tx| tx.erase_customer(b1, "erased-x")).expect("erase");
    let erased = store.club_member(b1).expect("read").expect("kept, blocked");
    assert!(erased.blocked_at.is_some() && erased.terms_evidence == "{}", "{erased:?}");
    let card = store.club_card("270000000001").expect("read").expect("card");
    assert_eq!(card.blocked_reason.as_deref(), Some("erased"));
    assert_eq!(store.club_ledger(b1).expect("ledger").iter().map(|e| e.points).sum::<i64>(), 50, "the figures stay");
    assert!(
        write(store, |tx| tx.club_orders_to_earn(0, i64::MAX, "EUR")).expect("to earn").is_empty(),
        "a blocked member earns nothing"
    );

    write(store, |tx| tx.delete_customer(b1)).expect("delete");
    assert!(store.club_member(b1).expect("read").is_none());
    assert!(store.club_card("270000000001").expect("read").is_none());
    assert_eq!(store.club_last_member().expect("last"), 0);
}

/// A given perk once per reference, read back and at the till; a gift of points keeps its reference and
/// note; the members whose points expire in a range; joins one by one and tier moves (not a first tier
/// at joining) as the playbooks' events.
pub fn perks_are_given_once_and_the_playbooks_see_joins_moves_and_expiries(store: &dyn Store) {
    use ladder_domain::club::Perk;
    use ladder_store::EventKind;
    use ladder_store::club::PerkGrant;
    let (a1, a2) = shop(store);
    let everyone = NewMember {
        terms_evidence: r#"{"by":"user:1","channel":"enrol_everyone"}"#.to_owned(),
        ..member(a2, "270000000002", "R-A2", "2025-01-01")
    };
    write(store, |tx| tx.add_club_members(&[member(a1, "270000000001", "R-A1", "2025-01-01"), everyone]))
        .expect("join");
    let gift = NewEntry {
        kind: EntryKind::Adjust,
        reference: Some("playbook:club_welcome:7:0".into()),
        note: Some("welcome".into()),
        ..lot(a1, None, "playbook", 50, "2025-01-01T09:00:00Z", "2025-01-01", "2026-01-01")
    };
    assert_eq!(
        write(store, |tx| tx.earn_club_points(std::slice::from_ref(&gift), date("2025-01-01"))).expect("give").rows,
        1
    );
    let again = write(store, |tx| tx.earn_club_points(std::slice::from_ref(&gift), date("2025-01-01"))).expect("again");
    assert_eq!(again.rows, 0, "once");
    let lots = [lot(a2, None, "survey", 20, "2025-01-02T10:00:00Z", "2025-01-02", "2025-06-30")];
    write(store, |tx| tx.earn_club_points(&lots, date("2025-01-01"))).expect("earn");
    let row = store.club_entry_by_reference("playbook:club_welcome:7:0").expect("read").expect("the gift");
    assert_eq!((row.points, row.note.as_deref(), row.kind), (50, Some("welcome"), EntryKind::Adjust));
    let expiring = store.club_points_expiring(date("2025-06-01"), date("2026-01-01")).expect("expiring");
    assert_eq!(expiring, [(a1, date("2026-01-01")), (a2, date("2025-06-30"))]);
    assert_eq!(store.club_points_expiring(date("2025-07-01"), date("2025-12-31")).expect("none"), []);

    let grant = PerkGrant {
        customer: a1,
        perk: Perk::FreeShipping,
        from: date("2025-03-01"),
        until: date("2025-03-31"),
        reason: "club_tier_down".into(),
        reference: "playbook:club_tier_down:9:0".into(),
        actor: "playbook:club_tier_down".into(),
        at: ts("2025-03-01T09:00:00Z"),
    };
    assert_eq!(write(store, |tx| tx.give_club_perks(std::slice::from_ref(&grant))).expect("give"), 1);
    assert_eq!(write(store, |tx| tx.give_club_perks(std::slice::from_ref(&grant))).expect("again"), 0, "once");
    assert_eq!(store.club_perk_grants(a1).expect("grants"), std::slice::from_ref(&grant));
    assert!(grant.holds_on(date("2025-03-30")) && !grant.holds_on(date("2025-03-31")));
    let later = PerkGrant {
        perk: Perk::EarlyAccess,
        reference: "playbook:club_tier_down:9:1".into(),
        at: ts("2025-03-02T09:00:00Z"),
        ..grant.clone()
    };
    let second = lot(a1, None, "survey", 5, "2025-01-03T10:00:00Z", "2025-01-03", "2025-09-30");
    write(store, |tx| tx.give_club_perks(std::slice::from_ref(&later))).expect("give");
    write(store, |tx| tx.earn_club_points(&[second], date("2025-01-01"))).expect("earn");
    // The till reads in one go what the member's own reads give, in their order.
    for (customer, card) in [(a1, "270000000001"), (a2, "270000000002")] {
        let till = store.club_till(card).expect("read").expect("the card");
        assert_eq!(Some(&till.member), store.club_member(customer).expect("member").as_ref());
        assert_eq!(till.lots, store.club_open_lots(customer).expect("lots"));
        assert_eq!(till.perks, store.club_perk_grants(customer).expect("grants"));
        assert_eq!(till.card.number, card);
    }
    let till = store.club_till("270000000001").expect("read").expect("the card");
    assert_eq!((till.member.customer, till.lots.len(), till.perks.len()), (a1, 2, 2));
    assert_eq!(till.perks[0].perk, Perk::EarlyAccess, "the newest grant first");

    let moves = |from: Option<&str>, reason: &str, customer| TierChange {
        customer,
        tier: "gold".into(),
        below_since: None,
        moved: Some((from.map(str::to_owned), reason.to_owned())),
        day: date("2025-01-01"),
        at: ts("2025-01-01T10:00:00Z"),
    };
    write(store, |tx| {
        tx.set_club_tiers(&[
            moves(None, r#"{"kind":"joined","value":0}"#, a1),
            moves(Some("silver"), r#"{"kind":"qualified","value":1,"threshold":1}"#, a2),
        ])
    })
    .expect("tiers");
    let events =
        store.playbook_events(ts("2024-12-31T00:00:00Z"), ts("2025-01-02T00:00:00Z"), None, false).expect("events");
    let club: Vec<_> = events
        .iter()
        .filter(|e| matches!(e.kind, EventKind::ClubJoined | EventKind::ClubTier { .. }))
        .map(|e| (e.customer_id.as_str(), e.kind.clone()))
        .collect();
    assert_eq!(
        club,
        [("A1", EventKind::ClubJoined), ("A2", EventKind::ClubTier { from: Some("silver".into()), to: "gold".into() }),],
        "enrolling everyone is not news, nor a first tier at joining"
    );
}
