//! The shop's settings and marks.

use crate::support::*;
use ladder_domain::shop::{OpeningDays, Sender, ShopSettings};
use ladder_store::{ScoringMark, ShopState};

/// Settings come back typed and exactly as stored; settings the rules could not use are refused and
/// nothing is written; clearing the customers (rebuilding the demo) keeps them.
pub fn shop_settings_are_typed_checked_and_kept(store: &dyn Store) {
    assert_eq!(store.shop_settings().expect("read"), ShopSettings::default(), "the defaults until saved");
    let mut settings = ShopSettings {
        name: "קפה סולם".into(),
        country: Some("IL".into()),
        city: Some("Tel Aviv".into()),
        time_zone: "Asia/Jerusalem".into(),
        language: "he".into(),
        currency: Some("ILS".into()),
        opening_days: OpeningDays::parse("sun,mon,tue,wed,thu").expect("days"),
        sender: Sender {
            name: "Café Ladder".into(),
            address: "Dizengoff 1, Tel Aviv".into(),
            email: Some("hello@cafe.example".into()),
            phone: Some("+972 3 555 0100".into()),
        },
        ..ShopSettings::default()
    };
    settings.thresholds.rules.active_p_alive = 0.1 + 0.6;
    settings.thresholds.min_repeat_customers = 12;
    settings.sending = ladder_domain::messaging::SendingRules {
        email_window_hours: 20,
        sms_window_hours: 48,
        marketing_per_period: 2,
        marketing_period_days: 14,
        quiet_from: chrono::NaiveTime::from_hms_opt(20, 30, 0).expect("time"),
        quiet_to: chrono::NaiveTime::from_hms_opt(8, 0, 0).expect("time"),
        quiet_email: true,
        closed_days: vec![chrono::Weekday::Fri, chrono::Weekday::Sat],
        days_after_purchase: 10,
        israel_existing_customers: true,
        israel_exception_terms: "Checkout form: \"נשלח לך הצעות – סמנו כאן כדי לסרב\"; coffee and beans only".into(),
        track_clicks: true,
        sms_part_price_minor: Some(7),
    };
    write(store, |tx| tx.save_shop_settings(&settings)).expect("save");
    assert_eq!(store.shop_settings().expect("read"), settings, "every field reads back exactly");

    let mut wrong = settings.clone();
    wrong.time_zone = "Mars/Olympus".into();
    wrong.name = "changed".into();
    let err = write(store, |tx| tx.save_shop_settings(&wrong)).expect_err("an unknown time zone");
    assert!(matches!(&err, StoreError::Invalid(p) if p.field == "time_zone"), "{err}");
    let mut capped = settings.clone();
    capped.sending.marketing_period_days = 0;
    let err = write(store, |tx| tx.save_shop_settings(&capped)).expect_err("a cap over no days");
    assert!(matches!(&err, StoreError::Invalid(p) if p.field == "marketing_period_days"), "{err}");
    assert_eq!(store.shop_settings().expect("read"), settings, "nothing was written");

    seed(store, &[customer("C1")], &[order("O1", "C1", "2025-01-01", &[("A", 1, 1)])], &[]);
    write(store, |tx| tx.clear_customers()).expect("clear");
    assert_eq!(store.counts().expect("counts"), ladder_store::TableCounts::default());
    assert_eq!(store.shop_settings().expect("read"), settings, "clearing the customers keeps the settings");
}

/// The marks record the shop's work, and tell when data changed after the last scoring.
pub fn shop_marks_record_changes_and_scorings(store: &dyn Store) {
    assert_eq!(store.shop_state().expect("read"), ShopState::default());
    assert!(!store.shop_state().expect("read").stale(), "nothing to score");
    write(store, |tx| tx.mark_data_changed(ts("2025-06-01T10:00:00Z"))).expect("mark");
    assert!(store.shop_state().expect("read").stale(), "data and no scoring");
    let mark = ScoringMark {
        at: ts("2025-06-01T11:00:00Z"),
        as_of: date("2025-06-01"),
        state_basis: r#"{"kind":"recency_rule"}"#.into(),
        context: "{}".into(),
    };
    write(store, |tx| {
        tx.record_scoring(&mark)?;
        tx.mark_campaigns_changed(ts("2025-06-01T09:00:00Z"))?;
        tx.set_demo_seed(Some(42))
    })
    .expect("record");
    let state = store.shop_state().expect("read");
    assert_eq!(state.scored_at, Some(mark.at));
    assert_eq!(state.scored_as_of, Some(mark.as_of));
    assert_eq!(state.state_basis.as_deref(), Some(mark.state_basis.as_str()));
    assert_eq!(state.scoring_context.as_deref(), Some("{}"));
    assert_eq!(state.campaigns_changed_at, Some(ts("2025-06-01T09:00:00Z")));
    assert_eq!(state.demo_seed, Some(42));
    assert!(!state.stale(), "scored after the change");
    write(store, |tx| tx.mark_data_changed(ts("2025-06-01T12:00:00Z"))).expect("mark");
    assert!(store.shop_state().expect("read").stale(), "changed after the scoring");
    write(store, |tx| tx.set_demo_seed(None)).expect("mark");
    assert_eq!(store.shop_state().expect("read").demo_seed, None);
}

/// A file's column pairing is remembered per kind and source (its header) and replaced when saved again.
pub fn column_pairings_are_remembered_per_source(store: &dyn Store) {
    let header = |names: &[&str]| ladder_store::column_source(&names.iter().map(|n| n.to_string()).collect::<Vec<_>>());
    let till = header(&["Client", " E-mail ", "Vorname"]);
    assert_eq!(till, header(&["client", "e-mail", "VORNAME"]), "names compare trimmed and without case");
    assert_ne!(till, header(&["E-mail", "Client", "Vorname"]), "another order is another source");
    assert_eq!(store.column_pairs("customers", &till).expect("read"), None);
    let pairs = vec![("Client".to_owned(), "customer_id".to_owned()), ("Vorname".to_owned(), "first_name".to_owned())];
    write(store, |tx| tx.remember_column_pairs("customers", &till, &pairs, ts("2026-11-01"))).expect("save");
    assert_eq!(store.column_pairs("customers", &till).expect("read"), Some(pairs.clone()));
    assert_eq!(store.column_pairs("orders", &till).expect("read"), None, "per kind");
    let changed = vec![("Client".to_owned(), "customer_id".to_owned()), ("Vorname".to_owned(), "-".to_owned())];
    write(store, |tx| tx.remember_column_pairs("customers", &till, &changed, ts("2026-11-02"))).expect("again");
    assert_eq!(store.column_pairs("customers", &till).expect("read"), Some(changed));
}
