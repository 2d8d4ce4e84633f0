//! Reports: totals, milestones, moves, value buckets and the analytics reads.

use crate::support::*;

/// Totals group the stored scores; milestones count 1st/2nd/3rd orders with median days between.
pub fn totals_by_dimension_and_purchase_milestones(store: &dyn Store) {
    let people: Vec<_> = ["C1", "C2", "C3", "C4"].into_iter().map(customer).collect();
    seed(store, &people, &[], &[]);
    let mut s = store.begin_scoring(None).expect("begin");
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
        s.put_score(&r, &[]).expect("put");
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

    let cohorts = |calendar| {
        let cells = store.cohort_activity(date("2025-12-31"), "EUR", calendar).expect("read");
        cells.into_iter().map(|c| (c.cohort, c.months_since, c.customers, c.revenue_minor)).collect::<Vec<_>>()
    };
    let cell = |cohort: &str, since, customers, revenue| (cohort.to_owned(), since, customers, revenue);
    assert_eq!(
        cohorts(ladder_domain::date::Calendar::Gregorian),
        [
            cell("2025-01", 0, 1, 1500),
            cell("2025-01", 1, 1, 2000),
            cell("2025-01", 2, 1, 2000),
            cell("2025-02", 0, 1, 600)
        ]
    );
    // In Jalali months: 10 January is in Dey 1403, 15 February in Bahman, 20 February (C2's first order)
    // and 20 March (the last day of the year) in Esfand.
    assert_eq!(
        cohorts(ladder_domain::date::Calendar::Jalali),
        [
            cell("1403-10", 0, 1, 1500),
            cell("1403-10", 1, 1, 2000),
            cell("1403-10", 2, 1, 2000),
            cell("1403-12", 0, 1, 600)
        ]
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
    let mut s = store.begin_scoring(None).expect("begin");
    let mut c1_score = score(id_of(store, "C1"), "2025-03-31", Rung::Loyal, Some(CustomerState::Active));
    c1_score.first_order = Some(date("2025-01-10"));
    c1_score.second_order = Some(date("2025-01-10"));
    c1_score.third_order = Some(date("2025-02-15"));
    c1_score.fourth_order = Some(date("2025-03-20"));
    s.put_score(&c1_score, &[]).expect("put");
    let mut c2_score = score(id_of(store, "C2"), "2025-03-31", Rung::Customer, Some(CustomerState::Active));
    c2_score.first_order = Some(date("2025-02-20"));
    (c2_score.second_order, c2_score.third_order) = (None, None);
    s.put_score(&c2_score, &[]).expect("put");
    s.commit().expect("commit");
    let mut paths = store.purchase_paths().expect("read");
    paths.sort_by_key(|p| p.first);
    assert_eq!(paths.len(), 2);
    assert_eq!(paths[0].first_campaign.as_deref(), Some("WELCOME"));
    assert_eq!(paths[0].fourth, Some(date("2025-03-20")));
    assert_eq!((paths[1].first_campaign.as_deref(), paths[1].second), (None, None));
}

/// Customers are counted by 12-month value between edges, the last bucket open; no value, no bucket.
pub fn customers_are_counted_by_value_between_edges(store: &dyn Store) {
    assert_eq!(store.clv_histogram(&[0, 1000]).expect("empty"), ClvHistogram { max_minor: None, counts: vec![0, 0] });
    let values = [("C1", Some(0)), ("C2", Some(999)), ("C3", Some(1000)), ("C4", Some(25_000)), ("C5", None)];
    let customers: Vec<Customer> = values.iter().map(|(id, _)| customer(id)).collect();
    seed(store, &customers, &[], &[]);
    let mut s = store.begin_scoring(None).expect("begin");
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
        s.put_score(&record, &[]).expect("put");
    }
    s.commit().expect("commit");
    let histogram = |edges: &[i64]| store.clv_histogram(edges).expect("histogram");
    assert_eq!(histogram(&[0, 1000, 2000]), ClvHistogram { max_minor: Some(25_000), counts: vec![2, 1, 1] });
    assert_eq!(histogram(&[1000]).counts, [2], "the only bucket is open");
    assert_eq!(histogram(&[500, 1000]).counts, [1, 2], "below the first edge is not counted");
    assert_eq!(histogram(&[]), ClvHistogram { max_minor: Some(25_000), counts: vec![] });
}

/// A period's totals count completed orders placed in it (both edge days included), their revenue in
/// the shop's currency, the buyers and those who had ordered before.
pub fn periods_total_orders_revenue_and_returning_buyers(store: &dyn Store) {
    let mut cancelled = order("X1", "C2", "2025-02-10", &[("A", 1, 999)]);
    cancelled.status = OrderStatus::Cancelled;
    seed(
        store,
        &[customer("C1"), customer("C2"), customer("C3")],
        &[
            order("O1", "C1", "2025-01-15", &[("A", 1, 100)]),
            order("O2", "C1", "2025-02-01", &[("A", 2, 100)]),
            order("O3", "C2", "2025-02-28", &[("B", 1, 50)]),
            order("O4", "C3", "2025-03-01", &[("B", 1, 70)]),
            cancelled,
        ],
        &[],
    );
    let day = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("day");
    let totals = store
        .period_totals(&[(day("2025-02-01"), day("2025-02-28")), (day("2024-01-01"), day("2024-12-31"))], "EUR")
        .expect("totals");
    assert_eq!(
        totals[0],
        ladder_store::PeriodTotals { orders: 2, revenue_minor: 250, buyers: 2, returning_buyers: 1 },
        "February: C1 again and C2 for the first time"
    );
    assert_eq!(totals[1], ladder_store::PeriodTotals::default());
    assert_eq!(
        store.period_totals(&[(day("2025-01-01"), day("2025-03-01"))], "USD").expect("totals")[0].revenue_minor,
        0
    );
}

/// An order of an absurd amount stored before the limits (two of 6·10¹⁸ minor units for one customer)
/// saturates every money sum at the 64-bit limit instead of failing, so that scoring and reports keep
/// working and name the figure instead of stopping with "integer overflow".
pub fn money_sums_saturate_instead_of_failing(store: &dyn Store) {
    let huge = 6_000_000_000_000_000_000;
    let orders = [
        order("H1", "BIG", "2025-01-10", &[("GOLD", 1, huge)]),
        order("H2", "BIG", "2025-01-20", &[("GOLD", 1, huge)]),
        order("H3", "BIG", "2025-01-25", &[("GOLD", 1, huge)]),
        order("N1", "SMALL", "2025-01-15", &[("A", 1, 1000)]),
    ];
    seed(store, &[customer("BIG"), customer("SMALL")], &orders, &[]);
    let rows = facts_of(store, "2025-01-31", "EUR");
    let big = rows.iter().find(|r| r.customer == id_of(store, "BIG")).expect("BIG");
    assert_eq!(big.facts.spend_minor, i64::MAX, "spend stops at the limit");
    assert_eq!(big.facts.repeat_spend_minor, i64::MAX);
    let small = rows.iter().find(|r| r.customer == id_of(store, "SMALL")).expect("SMALL");
    assert_eq!(small.facts.spend_minor, 1000, "exact below the limit");
    let periods = [(date("2025-01-01"), date("2025-01-31"))];
    assert_eq!(store.period_totals(&periods, "EUR").expect("totals")[0].revenue_minor, i64::MAX);
    let cells =
        store.cohort_activity(date("2025-01-31"), "EUR", ladder_domain::date::Calendar::Gregorian).expect("cohorts");
    assert_eq!(cells.iter().map(|c| c.revenue_minor).max(), Some(i64::MAX));
    let windows = ladder_store::ValueWindows { trailing_days: 365, min_orders: 1, recent_days: 40, before_days: 60 };
    let w = store.value_windows(date("2025-01-31"), "EUR", windows).expect("value windows");
    assert!(w.iter().any(|r| r.trailing_spend_minor == i64::MAX));
    let mut s = store.begin_scoring(None).expect("begin");
    for (id, spend) in [("BIG", i64::MAX), ("SMALL", 1000)] {
        let mut r = score(id_of(store, id), "2025-01-31", Rung::Customer, None);
        r.spend_minor = spend;
        s.put_score(&r, &[]).expect("put");
    }
    s.commit().expect("commit");
    let totals = store.summary_by(Dimension::Rung).expect("totals");
    assert_eq!(totals.iter().map(|t| t.revenue_minor).max(), Some(i64::MAX), "the sum of scores too");
}

/// The best sellers: products with a category, most buyers first, with who bought them twice and their
/// average price; cancelled orders and one-off occasions do not count.
pub fn best_sellers_count_buyers_repeaters_and_prices(store: &dyn Store) {
    let occasion = |o: Order| Order { one_off: true, ..o };
    let cancelled = |o: Order| Order { status: OrderStatus::Cancelled, ..o };
    let orders = [
        order("B1", "R1", "2025-01-01T10:00:00Z", &[("BEANS", 1, 1_000), ("MUG", 1, 900)]),
        order("B2", "R1", "2025-02-01T10:00:00Z", &[("BEANS", 2, 1_200)]),
        order("B3", "R2", "2025-02-01T10:00:00Z", &[("BEANS", 1, 1_100)]),
        order("B4", "R3", "2025-02-01T10:00:00Z", &[("MUG", 1, 900)]),
        order("B5", "R2", "2025-03-01T10:00:00Z", &[("MUG", 1, 900)]),
        occasion(order("B6", "R3", "2025-03-01T10:00:00Z", &[("ROSES", 1, 5_000)])),
        cancelled(order("B7", "R3", "2025-03-02T10:00:00Z", &[("BEANS", 1, 1_000)])),
    ];
    seed(store, &[customer("R1"), customer("R2"), customer("R3")], &orders, &[]);
    let best = store.best_sellers(10).expect("best sellers");
    let seen: Vec<(&str, u64, u64, i64)> =
        best.iter().map(|p| (p.sku.as_str(), p.buyers, p.repeat_buyers, p.price_minor)).collect();
    assert_eq!(seen, [("MUG", 3, 0, 900), ("BEANS", 2, 1, 1_100)], "roses only on an occasion; B7 cancelled");
    assert_eq!((best[0].name.as_str(), best[0].category.as_str()), ("Product MUG", "coffee"));
    assert_eq!(store.best_sellers(1).expect("one").len(), 1);
}
