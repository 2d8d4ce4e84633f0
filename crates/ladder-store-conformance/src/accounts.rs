//! Accounts: users, sessions and API tokens.

use crate::support::*;

pub(crate) fn new_user(email: &str, role: Role) -> NewUser {
    NewUser {
        email: email.to_owned(),
        name: format!("Name of {email}"),
        role,
        language: "fa".to_owned(),
        password_hash: format!("$argon2id$v=19$hash-of-{email}"),
    }
}

/// Users: one per email in any case, stored lower-cased; changes apply; the last enabled owner stays.
pub fn users_are_unique_by_email_and_the_last_owner_stays(store: &dyn Store) {
    let at = ts("2025-06-01T12:00:00Z");
    assert_eq!(store.user_count().expect("count"), 0);
    let owner = write(store, |tx| tx.create_user(&new_user(" Dana@Example.CO.IL ", Role::Owner), at)).expect("create");
    assert_eq!(
        (owner.email.as_str(), owner.role, owner.disabled, owner.created_at),
        ("dana@example.co.il", Role::Owner, false, at)
    );
    assert_eq!(owner.password_hash, "$argon2id$v=19$hash-of- Dana@Example.CO.IL ");
    let err =
        write(store, |tx| tx.create_user(&new_user("DANA@example.co.il", Role::Viewer), at)).expect_err("duplicate");
    assert!(matches!(&err, StoreError::Conflict(m) if m.contains("dana@example.co.il")), "{err}");
    let err = write(store, |tx| tx.create_user(&new_user("  ", Role::Viewer), at)).expect_err("no email");
    assert!(matches!(err, StoreError::Conflict(_)), "{err}");
    assert_eq!(store.user_by_email("DANA@EXAMPLE.co.il").expect("read"), Some(owner.clone()));
    assert_eq!(store.user(owner.id).expect("read"), Some(owner.clone()));
    assert_eq!(store.user(owner.id + 1000).expect("read"), None);
    assert_eq!(store.user_by_email("nobody@example.com").expect("read"), None);

    let maryam =
        write(store, |tx| tx.create_user(&new_user("maryam@example.ir", Role::Marketing), at)).expect("create");
    let anna = write(store, |tx| tx.create_user(&new_user("Анна@example.ru", Role::Viewer), at)).expect("create");
    assert_eq!(anna.email, "анна@example.ru", "lower case beyond ASCII");
    assert_eq!(store.user_count().expect("count"), 3);
    let emails: Vec<String> = store.users().expect("users").into_iter().map(|u| u.email).collect();
    assert_eq!(emails, ["dana@example.co.il", "maryam@example.ir", "анна@example.ru"]);

    let changed = write(store, |tx| {
        tx.update_user(
            anna.id,
            &UserChanges {
                name: Some("Анна Петрова".into()),
                language: Some("ru".into()),
                password_hash: Some("new-hash".into()),
                ..UserChanges::default()
            },
        )
    })
    .expect("update");
    assert_eq!(
        (changed.name.as_str(), changed.language.as_str(), changed.password_hash.as_str(), changed.role),
        ("Анна Петрова", "ru", "new-hash", Role::Viewer)
    );
    assert_eq!(store.user(anna.id).expect("read"), Some(changed));

    // The only owner can be neither demoted nor disabled.
    for changes in [
        UserChanges { role: Some(Role::Marketing), ..UserChanges::default() },
        UserChanges { disabled: Some(true), ..UserChanges::default() },
    ] {
        let err = write(store, |tx| tx.update_user(owner.id, &changes)).expect_err("last owner");
        assert!(matches!(&err, StoreError::Conflict(m) if m.contains("last enabled owner")), "{err}");
    }
    assert_eq!(store.user(owner.id).expect("read"), Some(owner.clone()), "nothing changed");
    // With a second owner, the first may step down; then the second is the last.
    write(store, |tx| tx.update_user(maryam.id, &UserChanges { role: Some(Role::Owner), ..UserChanges::default() }))
        .expect("promote");
    let stepped_down =
        write(store, |tx| tx.update_user(owner.id, &UserChanges { role: Some(Role::Sales), ..UserChanges::default() }))
            .expect("demote");
    assert_eq!(stepped_down.role, Role::Sales);
    let err =
        write(store, |tx| tx.update_user(maryam.id, &UserChanges { disabled: Some(true), ..UserChanges::default() }))
            .expect_err("last owner");
    assert!(matches!(err, StoreError::Conflict(_)), "{err}");
    // A disabled owner does not count as one.
    write(store, |tx| {
        tx.update_user(
            owner.id,
            &UserChanges { role: Some(Role::Owner), disabled: Some(true), ..UserChanges::default() },
        )
    })
    .expect("a disabled owner");
    let err = write(store, |tx| {
        tx.update_user(maryam.id, &UserChanges { role: Some(Role::Viewer), ..UserChanges::default() })
    })
    .expect_err("the other owner is disabled");
    assert!(matches!(err, StoreError::Conflict(_)), "{err}");
    let enabled =
        write(store, |tx| tx.update_user(owner.id, &UserChanges { disabled: Some(false), ..UserChanges::default() }))
            .expect("enable");
    assert!(!enabled.disabled);
    // Changes that keep the owner an owner are fine for the last one too.
    write(store, |tx| tx.update_user(owner.id, &UserChanges { role: Some(Role::Owner), ..UserChanges::default() }))
        .expect("same role");
    let err = write(store, |tx| tx.update_user(owner.id + 1000, &UserChanges::default())).expect_err("missing");
    assert!(matches!(err, StoreError::NotFound(_)), "{err}");

    // Rebuilding the demo shop keeps the accounts.
    write(store, |tx| tx.clear_customers()).expect("clear");
    assert_eq!(store.user_count().expect("count"), 3);
}

fn web_session(token_hash: &str, user_id: i64, created: &str, expires: &str) -> WebSession {
    WebSession {
        token_hash: token_hash.to_owned(),
        user_id,
        csrf_token: format!("csrf-{token_hash}"),
        created_at: ts(created),
        expires_at: ts(expires),
    }
}

/// Sessions work until they expire and while their user is enabled.
pub fn sessions_expire_and_stop_with_a_disabled_user(store: &dyn Store) {
    let at = ts("2025-06-01T12:00:00Z");
    write(store, |tx| tx.create_user(&new_user("owner@example.com", Role::Owner), at)).expect("create");
    let user = write(store, |tx| tx.create_user(&new_user("support@example.com", Role::Support), at)).expect("create");
    let s = web_session("h1", user.id, "2025-06-01T12:00:00Z", "2025-06-01T20:00:00Z");
    write(store, |tx| tx.create_session(&s)).expect("create session");
    let err = write(store, |tx| tx.create_session(&s)).expect_err("same token");
    assert!(matches!(err, StoreError::Conflict(_)), "{err}");
    assert_eq!(store.session("h1", ts("2025-06-01T19:59:59Z")).expect("read"), Some((s.clone(), user.clone())));
    assert_eq!(store.session("h1", ts("2025-06-01T20:00:00Z")).expect("read"), None, "expired at its end");
    assert_eq!(store.session("other", at).expect("read"), None);

    write(store, |tx| tx.update_user(user.id, &UserChanges { disabled: Some(true), ..UserChanges::default() }))
        .expect("disable");
    assert_eq!(store.session("h1", at).expect("read"), None, "a disabled user's session stops");
    let enabled =
        write(store, |tx| tx.update_user(user.id, &UserChanges { disabled: Some(false), ..UserChanges::default() }))
            .expect("enable");
    assert_eq!(store.session("h1", at).expect("read"), Some((s.clone(), enabled)));

    write(store, |tx| tx.delete_session("h1")).expect("sign out");
    assert_eq!(store.session("h1", at).expect("read"), None);
    write(store, |tx| tx.delete_session("h1")).expect("signing out twice is fine");

    write(store, |tx| tx.create_session(&web_session("old", user.id, "2025-05-01T00:00:00Z", "2025-05-02T00:00:00Z")))
        .expect("old");
    write(store, |tx| tx.create_session(&web_session("edge", user.id, "2025-06-01T00:00:00Z", "2025-06-01T12:00:00Z")))
        .expect("edge");
    write(store, |tx| tx.create_session(&web_session("new", user.id, "2025-06-01T11:00:00Z", "2025-06-02T00:00:00Z")))
        .expect("new");
    assert_eq!(store.delete_expired_sessions(at).expect("delete"), 2);
    assert_eq!(store.delete_expired_sessions(at).expect("delete"), 0);
    assert!(store.session("new", at).expect("read").is_some());

    let err = write(store, |tx| {
        tx.create_session(&web_session("ghost", user.id + 1000, "2025-06-01T00:00:00Z", "2025-06-02T00:00:00Z"))
    });
    assert!(matches!(err, Err(StoreError::NotFound(_))), "{err:?}");
}

/// API tokens find their user and record their last use; revoked or of a disabled user, they stop.
pub fn api_tokens_record_their_last_use_and_can_be_revoked(store: &dyn Store) {
    let at = ts("2025-06-01T12:00:00Z");
    write(store, |tx| tx.create_user(&new_user("owner@example.com", Role::Owner), at)).expect("create");
    let sales = write(store, |tx| tx.create_user(&new_user("sales@example.com", Role::Sales), at)).expect("create");
    let other = write(store, |tx| tx.create_user(&new_user("other@example.com", Role::Marketing), at)).expect("create");
    let token =
        write(store, |tx| tx.create_api_token(sales.id, "shop sync", "hash-1", at, None)).expect("create token");
    assert_eq!(
        (token.user_id, token.name.as_str(), token.created_at, token.last_used_at),
        (sales.id, "shop sync", at, None)
    );
    let err = write(store, |tx| tx.create_api_token(other.id, "copy", "hash-1", at, None)).expect_err("same hash");
    assert!(matches!(err, StoreError::Conflict(_)), "{err}");
    let err =
        write(store, |tx| tx.create_api_token(sales.id + 1000, "ghost", "hash-9", at, None)).expect_err("no such user");
    assert!(matches!(err, StoreError::NotFound(_)), "{err}");
    let second = write(store, |tx| tx.create_api_token(sales.id, "reports", "hash-2", at, None)).expect("create token");
    assert_eq!(store.api_tokens(sales.id).expect("list"), [token.clone(), second.clone()]);
    assert_eq!(store.api_tokens(other.id).expect("list"), []);

    let used_at = ts("2025-06-03T08:30:00Z");
    let (found, owner) = store.api_token_user("hash-1", used_at).expect("read").expect("found");
    assert_eq!((found.id, found.last_used_at), (token.id, Some(used_at)));
    assert_eq!(owner, sales);
    assert_eq!(store.api_tokens(sales.id).expect("list")[0].last_used_at, Some(used_at), "the use is stored");
    assert_eq!(store.api_token_user("hash-unknown", used_at).expect("read"), None);

    assert!(!write(store, |tx| tx.revoke_api_token(other.id, token.id)).expect("revoke"), "only its owner revokes it");
    assert!(write(store, |tx| tx.revoke_api_token(sales.id, token.id)).expect("revoke"));
    assert!(!write(store, |tx| tx.revoke_api_token(sales.id, token.id)).expect("revoke"), "already gone");
    assert_eq!(store.api_token_user("hash-1", used_at).expect("read"), None);

    write(store, |tx| tx.update_user(sales.id, &UserChanges { disabled: Some(true), ..UserChanges::default() }))
        .expect("disable");
    assert_eq!(store.api_token_user("hash-2", ts("2025-06-04T00:00:00Z")).expect("read"), None);
    assert_eq!(store.api_tokens(sales.id).expect("list")[0].last_used_at, None, "a refused use is not recorded");
}

/// A token with an expiry stops at it; ending a user's access deletes their sessions and tokens, so
/// enabling them again revives neither.
pub fn tokens_expire_and_ended_access_stays_ended(store: &dyn Store) {
    let at = ts("2025-06-01T12:00:00Z");
    write(store, |tx| tx.create_user(&new_user("owner@example.com", Role::Owner), at)).expect("create");
    let sales = write(store, |tx| tx.create_user(&new_user("sales@example.com", Role::Sales), at)).expect("create");
    let until = ts("2025-07-01T00:00:00Z");
    let dated = write(store, |tx| tx.create_api_token(sales.id, "trial", "hash-d", at, Some(until))).expect("token");
    assert_eq!(dated.expires_at, Some(until));
    assert!(store.api_token_user("hash-d", ts("2025-06-30T23:59:59Z")).expect("read").is_some());
    assert!(store.api_token_user("hash-d", until).expect("read").is_none(), "expired at its time");
    write(store, |tx| tx.create_api_token(sales.id, "sync", "hash-s", at, None)).expect("token");
    for hash in ["s-1", "s-2", "s-3"] {
        write(store, |tx| {
            tx.create_session(&web_session(hash, sales.id, "2025-06-01T00:00:00Z", "2025-06-20T00:00:00Z"))
        })
        .expect("session");
    }
    assert_eq!(write(store, |tx| tx.end_user_sessions(sales.id, Some("s-3"))).expect("end"), 2, "all but one");
    assert!(store.session("s-3", ts("2025-06-02T00:00:00Z")).expect("read").is_some());
    let ended = write(store, |tx| {
        let ended = (tx.end_user_sessions(sales.id, None)?, tx.delete_user_tokens(sales.id)?);
        tx.update_user(sales.id, &UserChanges { disabled: Some(true), ..UserChanges::default() })?;
        Ok(ended)
    })
    .expect("end access");
    assert_eq!(ended, (1, 2));
    write(store, |tx| tx.update_user(sales.id, &UserChanges { disabled: Some(false), ..UserChanges::default() }))
        .expect("enable");
    let now = ts("2025-06-02T00:00:00Z");
    assert!(store.session("s-3", now).expect("read").is_none(), "the session stays ended");
    assert!(store.api_token_user("hash-s", now).expect("read").is_none(), "the token stays revoked");
    assert_eq!(store.api_tokens(sales.id).expect("list"), []);
}

/// A password reset is good once, until it expires; using one uses the user's others too.
pub fn a_password_reset_is_good_once_until_it_expires(store: &dyn Store) {
    let user =
        write(store, |tx| tx.create_user(&new_user("reset@shop.example", Role::Owner), ts("2025-01-01T10:00:00Z")))
            .expect("user");
    let at = ts("2025-01-02T10:00:00Z");
    let hour = chrono::Duration::hours(1);
    write(store, |tx| tx.add_password_reset(user.id, "hash-1", at, at + hour)).expect("keep");
    write(store, |tx| tx.add_password_reset(user.id, "hash-2", at, at + hour)).expect("keep");
    write(store, |tx| tx.add_password_reset(user.id, "hash-3", at, at + hour)).expect("keep");
    let later = at + chrono::Duration::minutes(61);
    assert_eq!(write(store, |tx| tx.take_password_reset("hash-3", later)).expect("take"), None, "expired");
    let soon = at + chrono::Duration::minutes(5);
    assert_eq!(write(store, |tx| tx.take_password_reset("nope", soon)).expect("take"), None, "unknown");
    assert_eq!(write(store, |tx| tx.take_password_reset("hash-1", soon)).expect("take"), Some(user.id));
    assert_eq!(write(store, |tx| tx.take_password_reset("hash-1", soon)).expect("take"), None, "once");
    assert_eq!(write(store, |tx| tx.take_password_reset("hash-2", soon)).expect("take"), None, "the others too");
}
