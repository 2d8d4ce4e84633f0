//! The unit of work: every change in it commits together, or nothing does.

use crate::support::*;
use ladder_store::{Absent, JobQuery, NewJob};

/// A unit of work dropped without committing writes nothing anywhere: not the customer, the order, the
/// interaction, the settings, the marks, the audit entry, the job, the segment, the user, the campaign.
pub fn a_dropped_unit_of_work_writes_nothing_anywhere(store: &dyn Store) {
    seed(store, &[customer("C0")], &[], &[]);
    let before = (
        store.counts().expect("counts"),
        store.shop_settings().expect("settings"),
        store.shop_state().expect("marks"),
        store.audit_log(10, None).expect("audit"),
        store.jobs(&JobQuery { limit: 10, ..JobQuery::default() }).expect("jobs"),
        store.segments().expect("segments"),
        store.user_count().expect("users"),
        store.campaigns().expect("campaigns"),
    );
    {
        let mut tx = store.begin().expect("begin");
        tx.put_customer(&customer("C1"), &evidence(), Absent::Clear).expect("customer");
        tx.put_order(&order("O1", "C1", "2025-01-05", &[("A", 1, 100)])).expect("order");
        tx.put_interaction(&Interaction {
            customer_external_id: "C0".into(),
            at: ts("2025-01-01"),
            kind: InteractionKind::Call,
            note: Some("called".into()),
            campaign_code: None,
        })
        .expect("interaction");
        let mut settings = tx.shop_settings().expect("settings");
        settings.currency = Some("EUR".into());
        tx.save_shop_settings(&settings).expect("save settings");
        tx.mark_data_changed(ts("2025-06-01T10:00:00Z")).expect("mark");
        tx.record_audit(&AuditEntry {
            at: ts("2025-06-01T10:00:00Z"),
            user_id: None,
            actor: "cli".into(),
            action: "customer.created".into(),
            target: "customer:C1".into(),
            detail: "{}".into(),
        })
        .expect("audit");
        let job = NewJob {
            kind: "score".into(),
            payload: "{}".into(),
            run_at: ts("2025-06-01T10:00:00Z"),
            priority: 0,
            max_attempts: 3,
            dedupe_key: Some("score".into()),
        };
        tx.enqueue(&job, ts("2025-06-01T10:00:00Z")).expect("enqueue").expect("a new job");
        tx.save_segment(None, "Loyal", r#"{"rung":"loyal"}"#, None, ts("2025-06-01T10:00:00Z")).expect("segment");
        tx.create_user(
            &NewUser {
                email: "dana@example.com".into(),
                name: "Dana".into(),
                role: Role::Owner,
                language: "he".into(),
                password_hash: "$argon2id$x".into(),
            },
            ts("2025-06-01T10:00:00Z"),
        )
        .expect("user");
        let campaign = ladder_domain::Campaign {
            id: "SPRING".into(),
            name: "Spring".into(),
            kind: ladder_domain::CampaignKind::Email,
            channel: None,
            status: ladder_domain::CampaignStatus::Active,
            starts: date("2025-03-01"),
            ends: None,
            codes: vec!["SPRING".into()],
            window_days: 14,
            target_segment: None,
            target_size: None,
            notes: None,
            expectations: Default::default(),
        };
        tx.put_campaign(&campaign).expect("campaign");
        // Inside, the unit of work reads its own writes.
        assert!(tx.customer_known("C1").expect("known"));
        assert_eq!(tx.shop_settings().expect("settings").currency.as_deref(), Some("EUR"));
    }
    let after = (
        store.counts().expect("counts"),
        store.shop_settings().expect("settings"),
        store.shop_state().expect("marks"),
        store.audit_log(10, None).expect("audit"),
        store.jobs(&JobQuery { limit: 10, ..JobQuery::default() }).expect("jobs"),
        store.segments().expect("segments"),
        store.user_count().expect("users"),
        store.campaigns().expect("campaigns"),
    );
    assert_eq!(after, before, "nothing of the dropped unit of work is anywhere");
}

/// What one unit of work wrote becomes visible at once, when it commits.
pub fn a_committed_unit_of_work_is_seen_whole(store: &dyn Store) {
    let mut tx = store.begin().expect("begin");
    tx.put_customer(&customer("C1"), &evidence(), Absent::Clear).expect("customer");
    tx.mark_data_changed(ts("2025-06-01T10:00:00Z")).expect("mark");
    assert!(store.customer("C1").expect("read").is_none(), "not visible before the commit");
    tx.commit().expect("commit");
    assert!(store.customer("C1").expect("read").is_some());
    assert_eq!(store.shop_state().expect("marks").data_changed_at, Some(ts("2025-06-01T10:00:00Z")));
}
