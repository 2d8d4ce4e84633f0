//! The audit log.

use crate::accounts::new_user;
use crate::support::*;

/// The audit log reads newest first, in pages, with each user's email.
pub fn the_audit_log_pages_newest_first(store: &dyn Store) {
    let at = ts("2025-06-01T12:00:00Z");
    let owner = write(store, |tx| tx.create_user(&new_user("owner@example.com", Role::Owner), at)).expect("create");
    assert_eq!(store.audit_log(10, None).expect("read"), []);
    for i in 0..5 {
        let entry = AuditEntry {
            // The same second twice: order follows the writes, not the clock.
            at: at + chrono::Duration::seconds(i / 2),
            user_id: (i != 2).then_some(owner.id),
            actor: if i == 2 { "system".to_owned() } else { format!("user:{}", owner.id) },
            action: format!("action.{i}"),
            target: format!("customer C{i}"),
            detail: "שינוי".to_owned(),
        };
        write(store, |tx| tx.record_audit(&entry)).expect("record");
    }
    let about: Vec<String> = store.audit_of("customer C3", 10).expect("read").into_iter().map(|r| r.action).collect();
    assert_eq!(about, ["action.3"], "the entries about one thing");
    assert_eq!(store.audit_of("customer C9", 10).expect("read"), []);
    let first = store.audit_log(3, None).expect("read");
    let actions: Vec<&str> = first.iter().map(|r| r.action.as_str()).collect();
    assert_eq!(actions, ["action.4", "action.3", "action.2"]);
    assert!(first.windows(2).all(|w| w[0].id > w[1].id));
    assert_eq!(first[0].user_email.as_deref(), Some("owner@example.com"));
    assert_eq!((first[2].user_id, first[2].user_email.as_deref(), first[2].actor.as_str()), (None, None, "system"));
    assert_eq!(first[0].actor, format!("user:{}", owner.id));
    assert_eq!(
        (first[0].at, first[0].target.as_str(), first[0].detail.as_str()),
        (at + chrono::Duration::seconds(2), "customer C4", "שינוי")
    );
    let next = store.audit_log(3, Some(first[2].id)).expect("read");
    let actions: Vec<&str> = next.iter().map(|r| r.action.as_str()).collect();
    assert_eq!(actions, ["action.1", "action.0"]);
    assert_eq!(store.audit_log(3, Some(next[1].id)).expect("read"), []);
    let err = write(store, |tx| {
        tx.record_audit(&AuditEntry {
            at,
            user_id: Some(owner.id + 1000),
            actor: "user:0".into(),
            action: "x".into(),
            target: "y".into(),
            detail: String::new(),
        })
    });
    assert!(matches!(err, Err(StoreError::NotFound(_))), "{err:?}");
}
