//! Campaigns, their codes and costs, and their customers' histories.

use crate::support::*;

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
    assert_eq!(write(store, |tx| tx.put_campaign(&spring)).expect("put"), WriteOutcome::Inserted);
    assert_eq!(store.campaign("C-SPRING").expect("read"), Some(spring.clone()));
    assert_eq!(store.campaign("nope").expect("read"), None);
    assert_eq!(write(store, |tx| tx.put_campaign(&spring)).expect("put again"), WriteOutcome::Unchanged);

    let mut changed = spring.clone();
    changed.status = CampaignStatus::Completed;
    changed.codes = vec![" SPRING ".to_owned(), "Bloom".to_owned()];
    assert_eq!(write(store, |tx| tx.put_campaign(&changed)).expect("change"), WriteOutcome::Updated);
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
    write(store, |tx| tx.put_campaign(&early)).expect("put");
    write(store, |tx| tx.put_campaign(&same_day)).expect("put");
    let ids: Vec<String> = store.campaigns().expect("campaigns").into_iter().map(|c| c.id).collect();
    assert_eq!(ids, ["B-EARLY", "A-SAME", "C-SPRING"], "by start date, then id");

    let cost = |on: &str, amount_minor: i64, note: Option<&str>| CostEntry {
        on: date(on),
        amount_minor,
        note: note.map(str::to_owned),
    };
    write(store, |tx| tx.add_campaign_cost("C-SPRING", &cost("2025-03-20", 10_000, Some("second mailing"))))
        .expect("cost");
    write(store, |tx| tx.add_campaign_cost("C-SPRING", &cost("2025-03-01", 25_000, None))).expect("cost");
    write(store, |tx| tx.add_campaign_cost("C-SPRING", &cost("2025-03-25", -500, Some("credit")))).expect("cost");
    assert_eq!(
        store.campaign_costs("C-SPRING").expect("costs"),
        [
            cost("2025-03-01", 25_000, None),
            cost("2025-03-20", 10_000, Some("second mailing")),
            cost("2025-03-25", -500, Some("credit"))
        ]
    );
    assert!(store.campaign_costs("B-EARLY").expect("costs").is_empty());
    assert!(write(store, |tx| tx.add_campaign_costs(&[])).expect("nothing").is_empty());
    assert!(matches!(
        write(store, |tx| tx.add_campaign_cost("nope", &cost("2025-03-01", 1, None))),
        Err(StoreError::NotFound(_))
    ));

    // A cost import: the same file twice adds nothing; a charge listed twice is two charges; an unknown
    // campaign adds nothing at all.
    let file = [
        ("B-EARLY".to_owned(), cost("2025-01-05", 700, Some("posters"))),
        ("B-EARLY".to_owned(), cost("2025-01-05", 700, Some("posters"))),
        ("B-EARLY".to_owned(), cost("2025-01-06", 300, None)),
    ];
    use WriteOutcome::{Inserted, Unchanged};
    assert_eq!(write(store, |tx| tx.add_campaign_costs(&file)).expect("import"), [Inserted, Inserted, Inserted]);
    assert_eq!(write(store, |tx| tx.add_campaign_costs(&file)).expect("again"), [Unchanged, Unchanged, Unchanged]);
    let more = [file[0].clone(), file[1].clone(), file[1].clone()];
    assert_eq!(write(store, |tx| tx.add_campaign_costs(&more)).expect("a third"), [Unchanged, Unchanged, Inserted]);
    let bad = [("B-EARLY".to_owned(), cost("2025-01-07", 1, None)), ("nope".to_owned(), cost("2025-01-07", 1, None))];
    assert!(matches!(write(store, |tx| tx.add_campaign_costs(&bad)), Err(StoreError::NotFound(_))));
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
    let mut s = store.begin_scoring(None).expect("begin");
    let mut placed = score(id_of(store, "S1"), "2025-04-01", Rung::Repeat, Some(CustomerState::Active));
    placed.value = Some(CustomerValue {
        p_alive: Some(0.8),
        expected_purchases_90d: 0.5,
        expected_purchases_365d: 2.0,
        expected_next_order: None,
        expected_spend_minor: Some(1000),
        clv_minor: Some(2_300),
    });
    s.put_score(&placed, &[]).expect("put");
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
