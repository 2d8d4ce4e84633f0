//! The web app's accounts: users, sessions, API tokens, the audit log and saved segments.

use crate::Context;
use chrono::{DateTime, Utc};
use ladder_domain::Role;
use ladder_store::search::{email_key, name_key};
use ladder_store::{
    ApiToken, AuditEntry, AuditRecord, NewUser, Segment, StoreError, StoreResult, User, UserChanges, WebSession,
};
use rusqlite::types::Type;
use rusqlite::{Connection, OptionalExtension, Row, Transaction, TransactionBehavior, ffi, params};

const USER_COLUMNS: &str = "u.id, u.email, u.name, u.role, u.language, u.password_hash, u.created_at, u.disabled";
const TOKEN_COLUMNS: &str = "t.id, t.user_id, t.name, t.created_at, t.last_used_at";
const SEGMENT_COLUMNS: &str = "id, name, definition, created_by, created_at, updated_at";

fn time(t: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(t, 0).unwrap_or_default()
}

/// Which constraint a write broke, if it broke one.
fn broken_constraint(e: &rusqlite::Error) -> Option<i32> {
    match e {
        rusqlite::Error::SqliteFailure(f, _) if f.code == rusqlite::ErrorCode::ConstraintViolation => {
            Some(f.extended_code)
        }
        _ => None,
    }
}

fn is_unique_violation(e: &rusqlite::Error) -> bool {
    matches!(broken_constraint(e), Some(ffi::SQLITE_CONSTRAINT_UNIQUE | ffi::SQLITE_CONSTRAINT_PRIMARYKEY))
}

fn is_missing_reference(e: &rusqlite::Error) -> bool {
    broken_constraint(e) == Some(ffi::SQLITE_CONSTRAINT_FOREIGNKEY)
}

/// A write that names a user: a missing user is `NotFound`, anything else a backend error.
fn for_user<T>(result: rusqlite::Result<T>, user_id: Option<i64>, what: &str) -> StoreResult<T> {
    match result {
        Err(e) if is_missing_reference(&e) => {
            Err(StoreError::NotFound(user_id.map_or_else(|| "user".to_owned(), |id| format!("user {id}"))))
        }
        other => other.ctx(what),
    }
}

fn user_at(r: &Row<'_>, at: usize) -> rusqlite::Result<User> {
    let role: String = r.get(at + 3)?;
    let role = Role::parse(&role).ok_or_else(|| {
        rusqlite::Error::FromSqlConversionFailure(at + 3, Type::Text, format!("unknown role {role:?}").into())
    })?;
    Ok(User {
        id: r.get(at)?,
        email: r.get(at + 1)?,
        name: r.get(at + 2)?,
        role,
        language: r.get(at + 4)?,
        password_hash: r.get(at + 5)?,
        created_at: time(r.get(at + 6)?),
        disabled: r.get(at + 7)?,
    })
}

fn token_at(r: &Row<'_>, at: usize) -> rusqlite::Result<ApiToken> {
    Ok(ApiToken {
        id: r.get(at)?,
        user_id: r.get(at + 1)?,
        name: r.get(at + 2)?,
        created_at: time(r.get(at + 3)?),
        last_used_at: r.get::<_, Option<i64>>(at + 4)?.map(time),
    })
}

fn segment_from(r: &Row<'_>) -> rusqlite::Result<Segment> {
    Ok(Segment {
        id: r.get(0)?,
        name: r.get(1)?,
        definition: r.get(2)?,
        created_by: r.get(3)?,
        created_at: time(r.get(4)?),
        updated_at: time(r.get(5)?),
    })
}

pub(crate) fn user_count(conn: &Connection) -> StoreResult<u64> {
    conn.query_row("SELECT COUNT(*) FROM users", [], |r| r.get::<_, i64>(0))
        .map(|n| u64::try_from(n).unwrap_or(0))
        .ctx("cannot count users")
}

pub(crate) fn create_user(conn: &Connection, new: &NewUser, at: DateTime<Utc>) -> StoreResult<User> {
    let email = email_key(&new.email);
    if email.is_empty() {
        return Err(StoreError::Conflict("a user needs an email address".to_owned()));
    }
    let inserted = conn
        .prepare_cached(
            "INSERT INTO users (email, name, role, language, password_hash, created_at, disabled)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, 0)",
        )
        .and_then(|mut s| {
            s.execute(params![email, new.name, new.role.as_str(), new.language, new.password_hash, at.timestamp()])
        });
    match inserted {
        Err(e) if is_unique_violation(&e) => {
            Err(StoreError::Conflict(format!("the email address {email} is already in use")))
        }
        other => other.ctx("cannot create a user").map(drop),
    }?;
    user(conn, conn.last_insert_rowid())?.ok_or_else(|| StoreError::NotFound("the new user".to_owned()))
}

pub(crate) fn user(conn: &Connection, id: i64) -> StoreResult<Option<User>> {
    conn.prepare_cached(&format!("SELECT {USER_COLUMNS} FROM users u WHERE u.id = ?1"))
        .and_then(|mut s| s.query_row([id], |r| user_at(r, 0)).optional())
        .ctx("cannot read a user")
}

pub(crate) fn user_by_email(conn: &Connection, email: &str) -> StoreResult<Option<User>> {
    conn.prepare_cached(&format!("SELECT {USER_COLUMNS} FROM users u WHERE u.email = ?1"))
        .and_then(|mut s| s.query_row([email_key(email)], |r| user_at(r, 0)).optional())
        .ctx("cannot read a user")
}

pub(crate) fn users(conn: &Connection) -> StoreResult<Vec<User>> {
    conn.prepare_cached(&format!("SELECT {USER_COLUMNS} FROM users u ORDER BY u.email"))
        .and_then(|mut s| s.query_map([], |r| user_at(r, 0))?.collect())
        .ctx("cannot read users")
}

pub(crate) fn update_user(conn: &Connection, id: i64, changes: &UserChanges) -> StoreResult<User> {
    let what = "cannot change a user";
    // Immediate: the check for another owner and the change hold one write lock, so two owners
    // demoting each other at once cannot both succeed.
    let tx = Transaction::new_unchecked(conn, TransactionBehavior::Immediate).ctx(what)?;
    let Some(current) = user(&tx, id)? else { return Err(StoreError::NotFound(format!("user {id}"))) };
    if changes.removes_owner(&current) {
        let others: i64 = tx
            .query_row("SELECT COUNT(*) FROM users WHERE role = 'owner' AND disabled = 0 AND id <> ?1", [id], |r| {
                r.get(0)
            })
            .ctx(what)?;
        if others == 0 {
            return Err(StoreError::Conflict(format!(
                "{} is the last enabled owner; make another user an owner first",
                current.email
            )));
        }
    }
    tx.execute(
        "UPDATE users SET name = COALESCE(?2, name), role = COALESCE(?3, role), language = COALESCE(?4, language),
                password_hash = COALESCE(?5, password_hash), disabled = COALESCE(?6, disabled)
         WHERE id = ?1",
        params![
            id,
            changes.name,
            changes.role.map(Role::as_str),
            changes.language,
            changes.password_hash,
            changes.disabled
        ],
    )
    .ctx(what)?;
    let updated = user(&tx, id)?.ok_or_else(|| StoreError::NotFound(format!("user {id}")))?;
    tx.commit().ctx(what)?;
    Ok(updated)
}

pub(crate) fn create_session(conn: &Connection, session: &WebSession) -> StoreResult<()> {
    let inserted = conn
        .prepare_cached(
            "INSERT INTO web_sessions (token_hash, user_id, csrf_token, created_at, expires_at)
             VALUES (?1, ?2, ?3, ?4, ?5)",
        )
        .and_then(|mut s| {
            s.execute(params![
                session.token_hash,
                session.user_id,
                session.csrf_token,
                session.created_at.timestamp(),
                session.expires_at.timestamp()
            ])
        });
    match inserted {
        Err(e) if is_unique_violation(&e) => Err(StoreError::Conflict("the session exists already".to_owned())),
        other => for_user(other, Some(session.user_id), "cannot store a session").map(drop),
    }
}

pub(crate) fn session(
    conn: &Connection,
    token_hash: &str,
    now: DateTime<Utc>,
) -> StoreResult<Option<(WebSession, User)>> {
    conn.prepare_cached(&format!(
        "SELECT s.token_hash, s.user_id, s.csrf_token, s.created_at, s.expires_at, {USER_COLUMNS}
         FROM web_sessions s JOIN users u ON u.id = s.user_id
         WHERE s.token_hash = ?1 AND s.expires_at > ?2 AND u.disabled = 0"
    ))
    .and_then(|mut s| {
        s.query_row(params![token_hash, now.timestamp()], |r| {
            let session = WebSession {
                token_hash: r.get(0)?,
                user_id: r.get(1)?,
                csrf_token: r.get(2)?,
                created_at: time(r.get(3)?),
                expires_at: time(r.get(4)?),
            };
            Ok((session, user_at(r, 5)?))
        })
        .optional()
    })
    .ctx("cannot read a session")
}

pub(crate) fn delete_session(conn: &Connection, token_hash: &str) -> StoreResult<()> {
    conn.execute("DELETE FROM web_sessions WHERE token_hash = ?1", [token_hash])
        .map(drop)
        .ctx("cannot delete a session")
}

pub(crate) fn delete_expired_sessions(conn: &Connection, now: DateTime<Utc>) -> StoreResult<u64> {
    conn.execute("DELETE FROM web_sessions WHERE expires_at <= ?1", [now.timestamp()])
        .map(|n| n as u64)
        .ctx("cannot delete expired sessions")
}

pub(crate) fn create_api_token(
    conn: &Connection,
    user_id: i64,
    name: &str,
    token_hash: &str,
    at: DateTime<Utc>,
) -> StoreResult<ApiToken> {
    let inserted = conn
        .prepare_cached(&format!(
            "INSERT INTO api_tokens (user_id, name, token_hash, created_at) VALUES (?1, ?2, ?3, ?4)
             RETURNING {}",
            TOKEN_COLUMNS.replace("t.", "")
        ))
        .and_then(|mut s| s.query_row(params![user_id, name, token_hash, at.timestamp()], |r| token_at(r, 0)));
    match inserted {
        Err(e) if is_unique_violation(&e) => Err(StoreError::Conflict("the token exists already".to_owned())),
        other => for_user(other, Some(user_id), "cannot store an API token"),
    }
}

pub(crate) fn api_tokens(conn: &Connection, user_id: i64) -> StoreResult<Vec<ApiToken>> {
    conn.prepare_cached(&format!("SELECT {TOKEN_COLUMNS} FROM api_tokens t WHERE t.user_id = ?1 ORDER BY t.id"))
        .and_then(|mut s| s.query_map([user_id], |r| token_at(r, 0))?.collect())
        .ctx("cannot read API tokens")
}

pub(crate) fn api_token_user(
    conn: &Connection,
    token_hash: &str,
    now: DateTime<Utc>,
) -> StoreResult<Option<(ApiToken, User)>> {
    let what = "cannot read an API token";
    let tx = Transaction::new_unchecked(conn, TransactionBehavior::Immediate).ctx(what)?;
    let found = tx
        .prepare_cached(&format!(
            "UPDATE api_tokens SET last_used_at = ?2
             WHERE token_hash = ?1 AND user_id IN (SELECT id FROM users WHERE disabled = 0)
             RETURNING {}",
            TOKEN_COLUMNS.replace("t.", "")
        ))
        .and_then(|mut s| s.query_row(params![token_hash, now.timestamp()], |r| token_at(r, 0)).optional())
        .ctx(what)?;
    let Some(token) = found else { return Ok(None) };
    let Some(owner) = user(&tx, token.user_id)? else { return Ok(None) };
    tx.commit().ctx(what)?;
    Ok(Some((token, owner)))
}

pub(crate) fn revoke_api_token(conn: &Connection, user_id: i64, id: i64) -> StoreResult<bool> {
    conn.execute("DELETE FROM api_tokens WHERE id = ?1 AND user_id = ?2", [id, user_id])
        .map(|n| n > 0)
        .ctx("cannot revoke an API token")
}

pub(crate) fn record_audit(conn: &Connection, entry: &AuditEntry) -> StoreResult<()> {
    let inserted = conn
        .prepare_cached("INSERT INTO audit_log (at, user_id, action, target, detail) VALUES (?1, ?2, ?3, ?4, ?5)")
        .and_then(|mut s| {
            s.execute(params![entry.at.timestamp(), entry.user_id, entry.action, entry.target, entry.detail])
        });
    for_user(inserted, entry.user_id, "cannot write the audit log").map(drop)
}

pub(crate) fn audit_log(conn: &Connection, limit: u32, before_id: Option<i64>) -> StoreResult<Vec<AuditRecord>> {
    let sql = format!(
        "SELECT a.id, a.at, a.user_id, u.email, a.action, a.target, a.detail
         FROM audit_log a LEFT JOIN users u ON u.id = a.user_id
         {} ORDER BY a.id DESC LIMIT ?1",
        if before_id.is_some() { "WHERE a.id < ?2" } else { "" }
    );
    let read = |r: &Row<'_>| {
        Ok(AuditRecord {
            id: r.get(0)?,
            at: time(r.get(1)?),
            user_id: r.get(2)?,
            user_email: r.get(3)?,
            action: r.get(4)?,
            target: r.get(5)?,
            detail: r.get(6)?,
        })
    };
    conn.prepare_cached(&sql)
        .and_then(|mut s| match before_id {
            Some(before) => s.query_map(params![limit, before], read)?.collect(),
            None => s.query_map(params![limit], read)?.collect(),
        })
        .ctx("cannot read the audit log")
}

pub(crate) fn save_segment(
    conn: &Connection,
    id: Option<i64>,
    name: &str,
    definition: &str,
    user_id: Option<i64>,
    at: DateTime<Utc>,
) -> StoreResult<Segment> {
    let name = name.trim();
    if name.is_empty() {
        return Err(StoreError::Conflict("a segment needs a name".to_owned()));
    }
    let what = "cannot save a segment";
    let written = match id {
        None => conn
            .prepare_cached(
                "INSERT INTO segments (name, name_key, definition, created_by, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
            )
            .and_then(|mut s| s.execute(params![name, name_key(name), definition, user_id, at.timestamp()]))
            .map(|_| Some(conn.last_insert_rowid())),
        Some(id) => conn
            .prepare_cached(
                "UPDATE segments SET name = ?2, name_key = ?3, definition = ?4, updated_at = ?5 WHERE id = ?1",
            )
            .and_then(|mut s| s.execute(params![id, name, name_key(name), definition, at.timestamp()]))
            .map(|n| (n > 0).then_some(id)),
    };
    let written = match written {
        Err(e) if is_unique_violation(&e) => {
            return Err(StoreError::Conflict(format!("a segment named “{name}” already exists")));
        }
        other => for_user(other, user_id, what)?,
    };
    // Nothing written: an update of a segment that is not there.
    let Some(saved) = written else {
        return Err(StoreError::NotFound(format!("segment {}", id.unwrap_or_default())));
    };
    segment(conn, saved)?.ok_or_else(|| StoreError::NotFound(format!("segment {saved}")))
}

pub(crate) fn segments(conn: &Connection) -> StoreResult<Vec<Segment>> {
    conn.prepare_cached(&format!("SELECT {SEGMENT_COLUMNS} FROM segments ORDER BY name_key, id"))
        .and_then(|mut s| s.query_map([], segment_from)?.collect())
        .ctx("cannot read segments")
}

pub(crate) fn segment(conn: &Connection, id: i64) -> StoreResult<Option<Segment>> {
    conn.prepare_cached(&format!("SELECT {SEGMENT_COLUMNS} FROM segments WHERE id = ?1"))
        .and_then(|mut s| s.query_row([id], segment_from).optional())
        .ctx("cannot read a segment")
}

pub(crate) fn delete_segment(conn: &Connection, id: i64) -> StoreResult<bool> {
    conn.execute("DELETE FROM segments WHERE id = ?1", [id]).map(|n| n > 0).ctx("cannot delete a segment")
}
