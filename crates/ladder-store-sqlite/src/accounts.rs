//! The shop's staff: users, their browser sessions and their API tokens.

use crate::tx::SqliteTx;
use crate::{Context, SqliteStore};
use chrono::{DateTime, Utc};
use ladder_domain::Role;
use ladder_store::search::email_key;
use ladder_store::{
    AccountStore, AccountTx, ApiToken, NewUser, StoreError, StoreResult, User, UserChanges, WebSession,
};
use rusqlite::types::Type;
use rusqlite::{Connection, OptionalExtension, Row, ffi, params};

const USER_COLUMNS: &str = "u.id, u.email, u.name, u.role, u.language, u.password_hash, u.created_at, u.disabled";
const TOKEN_COLUMNS: &str = "t.id, t.user_id, t.name, t.created_at, t.last_used_at, t.expires_at";

pub(crate) fn time(t: i64) -> DateTime<Utc> {
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

pub(crate) fn is_unique_violation(e: &rusqlite::Error) -> bool {
    matches!(broken_constraint(e), Some(ffi::SQLITE_CONSTRAINT_UNIQUE | ffi::SQLITE_CONSTRAINT_PRIMARYKEY))
}

fn is_missing_reference(e: &rusqlite::Error) -> bool {
    broken_constraint(e) == Some(ffi::SQLITE_CONSTRAINT_FOREIGNKEY)
}

/// A write that names a user: a missing user is `NotFound`, anything else a backend error.
pub(crate) fn for_user<T>(result: rusqlite::Result<T>, user_id: Option<i64>, what: &str) -> StoreResult<T> {
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
        expires_at: r.get::<_, Option<i64>>(at + 5)?.map(time),
    })
}

impl AccountStore for SqliteStore {
    fn user_count(&self) -> StoreResult<u64> {
        self.read(user_count)
    }

    fn user(&self, id: i64) -> StoreResult<Option<User>> {
        self.read(|c| user(c, id))
    }

    fn user_by_email(&self, email: &str) -> StoreResult<Option<User>> {
        self.read(|c| user_by_email(c, email))
    }

    fn users(&self) -> StoreResult<Vec<User>> {
        self.read(users)
    }

    fn session(&self, token_hash: &str, now: DateTime<Utc>) -> StoreResult<Option<(WebSession, User)>> {
        self.read(|c| session(c, token_hash, now))
    }

    fn api_tokens(&self, user_id: i64) -> StoreResult<Vec<ApiToken>> {
        self.read(|c| api_tokens(c, user_id))
    }

    fn api_token_user(&self, token_hash: &str, now: DateTime<Utc>) -> StoreResult<Option<(ApiToken, User)>> {
        let Some((mut token, owner)) = self.read(|c| api_token_user(c, token_hash, now))? else { return Ok(None) };
        // The last use is a mark, not a change: written when the writer is free, skipped during an import
        // rather than making the caller wait for it.
        if let Some(tx) = self.writer_now()? {
            tx.conn()
                .execute("UPDATE api_tokens SET last_used_at = ?2 WHERE id = ?1", params![token.id, now.timestamp()])
                .ctx("cannot record an API token's use")?;
            ladder_store::Tx::commit(Box::new(tx))?;
            token.last_used_at = Some(time(now.timestamp()));
        }
        Ok(Some((token, owner)))
    }

    fn delete_expired_sessions(&self, now: DateTime<Utc>) -> StoreResult<u64> {
        self.write(|c| {
            c.execute("DELETE FROM web_sessions WHERE expires_at <= ?1", [now.timestamp()])
                .map(|n| n as u64)
                .ctx("cannot delete expired sessions")
        })
    }
}

impl AccountTx for SqliteTx<'_> {
    fn add_password_reset(
        &mut self,
        user_id: i64,
        token_hash: &str,
        at: DateTime<Utc>,
        expires_at: DateTime<Utc>,
    ) -> StoreResult<()> {
        self.conn()
            .execute(
                "INSERT INTO password_resets (token_hash, user_id, created_at, expires_at) VALUES (?1, ?2, ?3, ?4)",
                params![token_hash, user_id, at.timestamp(), expires_at.timestamp()],
            )
            .ctx("cannot keep a password reset")
            .map(drop)
    }

    fn take_password_reset(&mut self, token_hash: &str, now: DateTime<Utc>) -> StoreResult<Option<i64>> {
        use rusqlite::OptionalExtension;
        let what = "cannot use a password reset";
        let user: Option<i64> = self
            .conn()
            .query_row(
                "UPDATE password_resets SET used_at = ?2 WHERE token_hash = ?1 AND used_at IS NULL AND expires_at > ?2
                 RETURNING user_id",
                params![token_hash, now.timestamp()],
                |r| r.get(0),
            )
            .optional()
            .ctx(what)?;
        if let Some(user) = user {
            self.conn()
                .execute(
                    "UPDATE password_resets SET used_at = ?2 WHERE user_id = ?1 AND used_at IS NULL",
                    params![user, now.timestamp()],
                )
                .ctx(what)?;
        }
        Ok(user)
    }

    fn user(&mut self, id: i64) -> StoreResult<Option<User>> {
        user(self.conn(), id)
    }

    fn create_user(&mut self, new: &NewUser, at: DateTime<Utc>) -> StoreResult<User> {
        create_user(self.conn(), new, at)
    }

    fn update_user(&mut self, id: i64, changes: &UserChanges) -> StoreResult<User> {
        update_user(self.conn(), id, changes)
    }

    fn create_session(&mut self, session: &WebSession) -> StoreResult<()> {
        create_session(self.conn(), session)
    }

    fn delete_session(&mut self, token_hash: &str) -> StoreResult<bool> {
        delete_session(self.conn(), token_hash)
    }

    fn create_api_token(
        &mut self,
        user_id: i64,
        name: &str,
        token_hash: &str,
        at: DateTime<Utc>,
        expires_at: Option<DateTime<Utc>>,
    ) -> StoreResult<ApiToken> {
        create_api_token(self.conn(), user_id, name, token_hash, at, expires_at)
    }

    fn revoke_api_token(&mut self, user_id: i64, id: i64) -> StoreResult<bool> {
        revoke_api_token(self.conn(), user_id, id)
    }

    fn end_user_sessions(&mut self, user_id: i64, except: Option<&str>) -> StoreResult<u64> {
        let ended = self
            .conn()
            .execute("DELETE FROM web_sessions WHERE user_id = ?1 AND token_hash IS NOT ?2", params![user_id, except]);
        ended.map(|n| n as u64).ctx("cannot end a user's sessions")
    }

    fn delete_user_tokens(&mut self, user_id: i64) -> StoreResult<u64> {
        let deleted = self.conn().execute("DELETE FROM api_tokens WHERE user_id = ?1", [user_id]);
        deleted.map(|n| n as u64).ctx("cannot delete a user's API tokens")
    }
}

fn user_count(conn: &Connection) -> StoreResult<u64> {
    conn.query_row("SELECT COUNT(*) FROM users", [], |r| r.get::<_, i64>(0))
        .map(|n| u64::try_from(n).unwrap_or(0))
        .ctx("cannot count users")
}

fn create_user(conn: &Connection, new: &NewUser, at: DateTime<Utc>) -> StoreResult<User> {
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

fn user(conn: &Connection, id: i64) -> StoreResult<Option<User>> {
    conn.prepare_cached(&format!("SELECT {USER_COLUMNS} FROM users u WHERE u.id = ?1"))
        .and_then(|mut s| s.query_row([id], |r| user_at(r, 0)).optional())
        .ctx("cannot read a user")
}

fn user_by_email(conn: &Connection, email: &str) -> StoreResult<Option<User>> {
    conn.prepare_cached(&format!("SELECT {USER_COLUMNS} FROM users u WHERE u.email = ?1"))
        .and_then(|mut s| s.query_row([email_key(email)], |r| user_at(r, 0)).optional())
        .ctx("cannot read a user")
}

fn users(conn: &Connection) -> StoreResult<Vec<User>> {
    conn.prepare_cached(&format!("SELECT {USER_COLUMNS} FROM users u ORDER BY u.email"))
        .and_then(|mut s| s.query_map([], |r| user_at(r, 0))?.collect())
        .ctx("cannot read users")
}

fn update_user(conn: &Connection, id: i64, changes: &UserChanges) -> StoreResult<User> {
    let what = "cannot change a user";
    // Inside a unit of work, which holds the write lock from its start: the check for another owner and
    // the change cannot interleave with another, so two owners demoting each other cannot both succeed.
    let tx = conn;
    let Some(current) = user(tx, id)? else { return Err(StoreError::NotFound(format!("user {id}"))) };
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
    user(tx, id)?.ok_or_else(|| StoreError::NotFound(format!("user {id}")))
}

fn create_session(conn: &Connection, session: &WebSession) -> StoreResult<()> {
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

fn session(conn: &Connection, token_hash: &str, now: DateTime<Utc>) -> StoreResult<Option<(WebSession, User)>> {
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

fn delete_session(conn: &Connection, token_hash: &str) -> StoreResult<bool> {
    conn.execute("DELETE FROM web_sessions WHERE token_hash = ?1", [token_hash])
        .map(|n| n > 0)
        .ctx("cannot delete a session")
}

fn create_api_token(
    conn: &Connection,
    user_id: i64,
    name: &str,
    token_hash: &str,
    at: DateTime<Utc>,
    expires_at: Option<DateTime<Utc>>,
) -> StoreResult<ApiToken> {
    let inserted = conn
        .prepare_cached(&format!(
            "INSERT INTO api_tokens (user_id, name, token_hash, created_at, expires_at) VALUES (?1, ?2, ?3, ?4, ?5)
             RETURNING {}",
            TOKEN_COLUMNS.replace("t.", "")
        ))
        .and_then(|mut s| {
            let expires = expires_at.map(|t| t.timestamp());
            s.query_row(params![user_id, name, token_hash, at.timestamp(), expires], |r| token_at(r, 0))
        });
    match inserted {
        Err(e) if is_unique_violation(&e) => Err(StoreError::Conflict("the token exists already".to_owned())),
        other => for_user(other, Some(user_id), "cannot store an API token"),
    }
}

fn api_tokens(conn: &Connection, user_id: i64) -> StoreResult<Vec<ApiToken>> {
    conn.prepare_cached(&format!("SELECT {TOKEN_COLUMNS} FROM api_tokens t WHERE t.user_id = ?1 ORDER BY t.id"))
        .and_then(|mut s| s.query_map([user_id], |r| token_at(r, 0))?.collect())
        .ctx("cannot read API tokens")
}

fn api_token_user(conn: &Connection, token_hash: &str, now: DateTime<Utc>) -> StoreResult<Option<(ApiToken, User)>> {
    conn.prepare_cached(&format!(
        "SELECT {TOKEN_COLUMNS}, {USER_COLUMNS} FROM api_tokens t JOIN users u ON u.id = t.user_id
         WHERE t.token_hash = ?1 AND u.disabled = 0 AND (t.expires_at IS NULL OR t.expires_at > ?2)"
    ))
    .and_then(|mut s| {
        s.query_row(params![token_hash, now.timestamp()], |r| Ok((token_at(r, 0)?, user_at(r, 6)?))).optional()
    })
    .ctx("cannot read an API token")
}

fn revoke_api_token(conn: &Connection, user_id: i64, id: i64) -> StoreResult<bool> {
    conn.execute("DELETE FROM api_tokens WHERE id = ?1 AND user_id = ?2", [id, user_id])
        .map(|n| n > 0)
        .ctx("cannot revoke an API token")
}
