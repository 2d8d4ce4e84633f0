//! The shop's staff: users, their browser sessions and their API tokens.

use crate::tx::PgTx;
use crate::{Connection, Context, PostgresStore};
use chrono::{DateTime, Utc};
use ladder_domain::Role;
use ladder_store::search::email_key;
use ladder_store::{
    AccountStore, AccountTx, ApiToken, NewUser, StoreError, StoreResult, User, UserChanges, WebSession,
};
use postgres::error::SqlState;
use postgres::{GenericClient, Row};

/// The advisory lock under which a user changes, so that two owners demoting each other at once cannot
/// both succeed.
const USERS_LOCK: i64 = 7_317_003;

const USER_COLUMNS: &str = "u.id, u.email, u.name, u.role, u.language, u.password_hash, u.created_at, u.disabled";
const TOKEN_COLUMNS: &str = "id, user_id, name, created_at, last_used_at, expires_at";

pub(crate) fn time(t: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(t, 0).unwrap_or_default()
}

pub(crate) fn is(e: &postgres::Error, state: &SqlState) -> bool {
    e.code() == Some(state)
}

/// A write that names a user: a missing user is `NotFound`, anything else a backend error.
pub(crate) fn for_user<T>(result: Result<T, postgres::Error>, user_id: Option<i64>, what: &str) -> StoreResult<T> {
    match result {
        Err(e) if is(&e, &SqlState::FOREIGN_KEY_VIOLATION) => {
            Err(StoreError::NotFound(user_id.map_or_else(|| "user".to_owned(), |id| format!("user {id}"))))
        }
        other => other.ctx(what),
    }
}

fn user_at(r: &Row, at: usize) -> StoreResult<User> {
    let role: String = r.get(at + 3);
    Ok(User {
        id: r.get(at),
        email: r.get(at + 1),
        name: r.get(at + 2),
        role: Role::parse(&role)
            .ok_or_else(|| StoreError::Conflict(format!("the database holds an unknown role {role:?}")))?,
        language: r.get(at + 4),
        password_hash: r.get(at + 5),
        created_at: time(r.get(at + 6)),
        disabled: r.get(at + 7),
    })
}

fn token_from(r: &Row) -> ApiToken {
    ApiToken {
        id: r.get(0),
        user_id: r.get(1),
        name: r.get(2),
        created_at: time(r.get(3)),
        last_used_at: r.get::<_, Option<i64>>(4).map(time),
        expires_at: r.get::<_, Option<i64>>(5).map(time),
    }
}

impl AccountStore for PostgresStore {
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
        self.read(|c| api_token_user(c, token_hash, now))
    }

    fn delete_expired_sessions(&self, now: DateTime<Utc>) -> StoreResult<u64> {
        self.read(|c| {
            c.execute("DELETE FROM web_sessions WHERE expires_at <= $1", &[&now.timestamp()])
                .ctx("cannot delete expired sessions")
        })
    }
}

impl AccountTx for PgTx {
    fn add_password_reset(
        &mut self,
        user_id: i64,
        token_hash: &str,
        at: DateTime<Utc>,
        expires_at: DateTime<Utc>,
    ) -> StoreResult<()> {
        self.execute(
            "INSERT INTO password_resets (token_hash, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)",
            &[&token_hash, &user_id, &at.timestamp(), &expires_at.timestamp()],
            "cannot keep a password reset",
        )
        .map(drop)
    }

    fn take_password_reset(&mut self, token_hash: &str, now: DateTime<Utc>) -> StoreResult<Option<i64>> {
        let what = "cannot use a password reset";
        let row = self.query_opt(
            "UPDATE password_resets SET used_at = $2 WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2
             RETURNING user_id",
            &[&token_hash, &now.timestamp()],
            what,
        )?;
        let user: Option<i64> = row.map(|r| r.get(0));
        if let Some(user) = user {
            self.execute(
                "UPDATE password_resets SET used_at = $2 WHERE user_id = $1 AND used_at IS NULL",
                &[&user, &now.timestamp()],
                what,
            )?;
        }
        Ok(user)
    }

    fn user(&mut self, id: i64) -> StoreResult<Option<User>> {
        user(&mut self.client, id)
    }

    fn create_user(&mut self, new: &NewUser, at: DateTime<Utc>) -> StoreResult<User> {
        create_user(&mut self.client, new, at)
    }

    fn update_user(&mut self, id: i64, changes: &UserChanges) -> StoreResult<User> {
        update_user(&mut self.client, id, changes)
    }

    fn create_session(&mut self, session: &WebSession) -> StoreResult<()> {
        create_session(&mut self.client, session)
    }

    fn delete_session(&mut self, token_hash: &str) -> StoreResult<bool> {
        delete_session(&mut self.client, token_hash)
    }

    fn create_api_token(
        &mut self,
        user_id: i64,
        name: &str,
        token_hash: &str,
        at: DateTime<Utc>,
        expires_at: Option<DateTime<Utc>>,
    ) -> StoreResult<ApiToken> {
        create_api_token(&mut self.client, user_id, name, token_hash, at, expires_at)
    }

    fn revoke_api_token(&mut self, user_id: i64, id: i64) -> StoreResult<bool> {
        revoke_api_token(&mut self.client, user_id, id)
    }

    fn end_user_sessions(&mut self, user_id: i64, except: Option<&str>) -> StoreResult<u64> {
        let ended = self.client.execute(
            "DELETE FROM web_sessions WHERE user_id = $1 AND token_hash IS DISTINCT FROM $2",
            &[&user_id, &except],
        );
        ended.ctx("cannot end a user's sessions")
    }

    fn delete_user_tokens(&mut self, user_id: i64) -> StoreResult<u64> {
        let deleted = self.client.execute("DELETE FROM api_tokens WHERE user_id = $1", &[&user_id]);
        deleted.ctx("cannot delete a user's API tokens")
    }
}

fn user_count(client: &mut Connection) -> StoreResult<u64> {
    let n: i64 = client.query_one("SELECT COUNT(*) FROM users", &[]).ctx("cannot count users")?.get(0);
    Ok(u64::try_from(n).unwrap_or(0))
}

fn create_user(client: &mut Connection, new: &NewUser, at: DateTime<Utc>) -> StoreResult<User> {
    let email = email_key(&new.email);
    if email.is_empty() {
        return Err(StoreError::Conflict("a user needs an email address".to_owned()));
    }
    let inserted = client.query_one(
        &format!(
            "INSERT INTO users AS u (email, name, role, language, password_hash, created_at, disabled)
             VALUES ($1, $2, $3, $4, $5, $6, FALSE) RETURNING {USER_COLUMNS}"
        ),
        &[&email, &new.name, &new.role.as_str(), &new.language, &new.password_hash, &at.timestamp()],
    );
    match inserted {
        Err(e) if is(&e, &SqlState::UNIQUE_VIOLATION) => {
            Err(StoreError::Conflict(format!("the email address {email} is already in use")))
        }
        other => user_at(&other.ctx("cannot create a user")?, 0),
    }
}

fn user_in(client: &mut impl GenericClient, id: i64) -> StoreResult<Option<User>> {
    client
        .query_opt(&format!("SELECT {USER_COLUMNS} FROM users u WHERE u.id = $1"), &[&id])
        .ctx("cannot read a user")?
        .map(|r| user_at(&r, 0))
        .transpose()
}

fn user(client: &mut Connection, id: i64) -> StoreResult<Option<User>> {
    user_in(client.raw(), id)
}

fn user_by_email(client: &mut Connection, email: &str) -> StoreResult<Option<User>> {
    client
        .query_opt(&format!("SELECT {USER_COLUMNS} FROM users u WHERE u.email = $1"), &[&email_key(email)])
        .ctx("cannot read a user")?
        .map(|r| user_at(&r, 0))
        .transpose()
}

fn users(client: &mut Connection) -> StoreResult<Vec<User>> {
    // Byte order, as SQLite sorts.
    client
        .query(&format!("SELECT {USER_COLUMNS} FROM users u ORDER BY u.email COLLATE \"C\""), &[])
        .ctx("cannot read users")?
        .iter()
        .map(|r| user_at(r, 0))
        .collect()
}

fn update_user(client: &mut Connection, id: i64, changes: &UserChanges) -> StoreResult<User> {
    let what = "cannot change a user";
    // Inside a unit of work: the lock is held until it commits.
    let tx = client;
    tx.execute("SELECT pg_advisory_xact_lock($1)", &[&USERS_LOCK]).ctx(what)?;
    let Some(current) = user_in(tx.raw(), id)? else { return Err(StoreError::NotFound(format!("user {id}"))) };
    if changes.removes_owner(&current) {
        let others: i64 = tx
            .query_one("SELECT COUNT(*) FROM users WHERE role = 'owner' AND NOT disabled AND id <> $1", &[&id])
            .ctx(what)?
            .get(0);
        if others == 0 {
            return Err(StoreError::Conflict(format!(
                "{} is the last enabled owner; make another user an owner first",
                current.email
            )));
        }
    }
    let row = tx
        .query_one(
            &format!(
                "UPDATE users AS u SET name = COALESCE($2, name), role = COALESCE($3, role),
                        language = COALESCE($4, language), password_hash = COALESCE($5, password_hash),
                        disabled = COALESCE($6, disabled)
                 WHERE u.id = $1 RETURNING {USER_COLUMNS}"
            ),
            &[
                &id,
                &changes.name,
                &changes.role.map(Role::as_str),
                &changes.language,
                &changes.password_hash,
                &changes.disabled,
            ],
        )
        .ctx(what)?;
    user_at(&row, 0)
}

fn create_session(client: &mut Connection, session: &WebSession) -> StoreResult<()> {
    let inserted = client.execute(
        "INSERT INTO web_sessions (token_hash, user_id, csrf_token, created_at, expires_at)
         VALUES ($1, $2, $3, $4, $5)",
        &[
            &session.token_hash,
            &session.user_id,
            &session.csrf_token,
            &session.created_at.timestamp(),
            &session.expires_at.timestamp(),
        ],
    );
    match inserted {
        Err(e) if is(&e, &SqlState::UNIQUE_VIOLATION) => {
            Err(StoreError::Conflict("the session exists already".to_owned()))
        }
        other => for_user(other, Some(session.user_id), "cannot store a session").map(drop),
    }
}

fn session(client: &mut Connection, token_hash: &str, now: DateTime<Utc>) -> StoreResult<Option<(WebSession, User)>> {
    let Some(r) = client
        .query_opt(
            &format!(
                "SELECT s.token_hash, s.user_id, s.csrf_token, s.created_at, s.expires_at, {USER_COLUMNS}
                 FROM web_sessions s JOIN users u ON u.id = s.user_id
                 WHERE s.token_hash = $1 AND s.expires_at > $2 AND NOT u.disabled"
            ),
            &[&token_hash, &now.timestamp()],
        )
        .ctx("cannot read a session")?
    else {
        return Ok(None);
    };
    let session = WebSession {
        token_hash: r.get(0),
        user_id: r.get(1),
        csrf_token: r.get(2),
        created_at: time(r.get(3)),
        expires_at: time(r.get(4)),
    };
    Ok(Some((session, user_at(&r, 5)?)))
}

fn delete_session(client: &mut Connection, token_hash: &str) -> StoreResult<bool> {
    client
        .execute("DELETE FROM web_sessions WHERE token_hash = $1", &[&token_hash])
        .map(|n| n > 0)
        .ctx("cannot delete a session")
}

fn create_api_token(
    client: &mut Connection,
    user_id: i64,
    name: &str,
    token_hash: &str,
    at: DateTime<Utc>,
    expires_at: Option<DateTime<Utc>>,
) -> StoreResult<ApiToken> {
    let inserted = client.query_one(
        &format!(
            "INSERT INTO api_tokens (user_id, name, token_hash, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)
             RETURNING {TOKEN_COLUMNS}"
        ),
        &[&user_id, &name, &token_hash, &at.timestamp(), &expires_at.map(|t| t.timestamp())],
    );
    match inserted {
        Err(e) if is(&e, &SqlState::UNIQUE_VIOLATION) => {
            Err(StoreError::Conflict("the token exists already".to_owned()))
        }
        other => for_user(other, Some(user_id), "cannot store an API token").map(|r| token_from(&r)),
    }
}

fn api_tokens(client: &mut Connection, user_id: i64) -> StoreResult<Vec<ApiToken>> {
    Ok(client
        .query(&format!("SELECT {TOKEN_COLUMNS} FROM api_tokens WHERE user_id = $1 ORDER BY id"), &[&user_id])
        .ctx("cannot read API tokens")?
        .iter()
        .map(token_from)
        .collect())
}

fn api_token_user(
    client: &mut Connection,
    token_hash: &str,
    now: DateTime<Utc>,
) -> StoreResult<Option<(ApiToken, User)>> {
    let what = "cannot read an API token";
    let mut tx = client.transaction().ctx(what)?;
    let Some(row) = tx
        .query_opt(
            &format!(
                "UPDATE api_tokens SET last_used_at = $2
                 WHERE token_hash = $1 AND user_id IN (SELECT id FROM users WHERE NOT disabled)
                   AND (expires_at IS NULL OR expires_at > $2)
                 RETURNING {TOKEN_COLUMNS}"
            ),
            &[&token_hash, &now.timestamp()],
        )
        .ctx(what)?
    else {
        return Ok(None);
    };
    let token = token_from(&row);
    let Some(owner) = user_in(&mut tx, token.user_id)? else { return Ok(None) };
    tx.commit().ctx(what)?;
    Ok(Some((token, owner)))
}

fn revoke_api_token(client: &mut Connection, user_id: i64, id: i64) -> StoreResult<bool> {
    client
        .execute("DELETE FROM api_tokens WHERE id = $1 AND user_id = $2", &[&id, &user_id])
        .map(|n| n > 0)
        .ctx("cannot revoke an API token")
}
