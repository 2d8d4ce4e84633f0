//! Segments.

use crate::accounts::new_user;
use crate::support::*;

/// Segments insert and update by id, with names unique in any case.
pub fn segments_are_saved_under_unique_names(store: &dyn Store) {
    let at = ts("2025-06-01T12:00:00Z");
    let later = ts("2025-06-02T09:00:00Z");
    let owner = write(store, |tx| tx.create_user(&new_user("owner@example.com", Role::Owner), at)).expect("create");
    let vip = write(store, |tx| tx.save_segment(None, " VIP Tehran ", r#"{"rung":"loyal"}"#, Some(owner.id), at))
        .expect("save");
    assert_eq!(
        (vip.name.as_str(), vip.definition.as_str(), vip.created_by, vip.created_at, vip.updated_at),
        ("VIP Tehran", r#"{"rung":"loyal"}"#, Some(owner.id), at, at)
    );
    let err = write(store, |tx| tx.save_segment(None, "vip TEHRAN", "{}", None, at)).expect_err("same name");
    assert!(matches!(&err, StoreError::Conflict(m) if m.contains("vip TEHRAN")), "{err}");
    let err = write(store, |tx| tx.save_segment(None, " ", "{}", None, at)).expect_err("no name");
    assert!(matches!(err, StoreError::Conflict(_)), "{err}");

    let changed = write(store, |tx| tx.save_segment(Some(vip.id), "VIP TEHRAN", r#"{"rung":"advocate"}"#, None, later))
        .expect("update");
    assert_eq!(
        (changed.id, changed.name.as_str(), changed.definition.as_str()),
        (vip.id, "VIP TEHRAN", r#"{"rung":"advocate"}"#),
        "a segment may change its own name's case"
    );
    assert_eq!((changed.created_by, changed.created_at, changed.updated_at), (Some(owner.id), at, later));
    assert_eq!(store.segment(vip.id).expect("read"), Some(changed.clone()));

    let persian = write(store, |tx| tx.save_segment(None, "مشتریان وفادار", "{}", None, at)).expect("save");
    assert_eq!(persian.created_by, None);
    let lapsed = write(store, |tx| tx.save_segment(None, "Lapsed", "{}", Some(owner.id), at)).expect("save");
    let err = write(store, |tx| tx.save_segment(Some(lapsed.id), "vip tehran", "{}", None, later)).expect_err("taken");
    assert!(matches!(err, StoreError::Conflict(_)), "{err}");
    let names: Vec<String> = store.segments().expect("list").into_iter().map(|s| s.name).collect();
    assert_eq!(names, ["Lapsed", "VIP TEHRAN", "مشتریان وفادار"]);

    let err =
        write(store, |tx| tx.save_segment(Some(lapsed.id + 1000), "Ghost", "{}", None, later)).expect_err("missing");
    assert!(matches!(err, StoreError::NotFound(_)), "{err}");
    let err = write(store, |tx| tx.save_segment(None, "Ghost", "{}", Some(owner.id + 1000), later))
        .expect_err("no such user");
    assert!(matches!(err, StoreError::NotFound(_)), "{err}");
    assert!(write(store, |tx| tx.delete_segment(lapsed.id)).expect("delete"));
    assert!(!write(store, |tx| tx.delete_segment(lapsed.id)).expect("delete"));
    assert_eq!(store.segment(lapsed.id).expect("read"), None);
    // The name is free again; the id is not (a link or an audit entry names it).
    let again = write(store, |tx| tx.save_segment(None, "lapsed", "{}", None, later)).expect("save");
    assert!(again.id > lapsed.id, "a deleted segment's id is never given again");
    write(store, |tx| tx.clear_customers()).expect("clear");
    assert_eq!(store.segments().expect("list").len(), 3, "rebuilding the demo shop keeps segments");
}
