//! The shop's staff: users, their browser sessions and their API tokens.

use crate::StoreResult;
use chrono::{DateTime, Utc};
use ladder_domain::Role;
use serde::Serialize;

/// Reading accounts, and what signing in needs.
pub trait AccountStore {
    /// How many users there are (none: the web app asks for a first owner).
    fn user_count(&self) -> StoreResult<u64>;

    /// One user by id.
    fn user(&self, id: i64) -> StoreResult<Option<User>>;

    /// One user by email, in any case.
    fn user_by_email(&self, email: &str) -> StoreResult<Option<User>>;

    /// Every user, by email.
    fn users(&self) -> StoreResult<Vec<User>>;

    /// The session with this token hash and its user, unless it has expired by `now` or the user is
    /// disabled.
    fn session(&self, token_hash: &str, now: DateTime<Utc>) -> StoreResult<Option<(WebSession, User)>>;

    /// A user's API tokens, oldest first.
    fn api_tokens(&self, user_id: i64) -> StoreResult<Vec<ApiToken>>;

    /// The token with this hash and its user, unless the user is disabled; records `now` as its last use
    /// (a mark, not a change anyone audits).
    fn api_token_user(&self, token_hash: &str, now: DateTime<Utc>) -> StoreResult<Option<(ApiToken, User)>>;

    /// Deletes the sessions expired by `now`; returns how many (housekeeping, nobody's change).
    fn delete_expired_sessions(&self, now: DateTime<Utc>) -> StoreResult<u64>;
}

/// Changing accounts, inside a unit of work.
pub trait AccountTx {
    /// One user by id, as this unit of work sees it.
    fn user(&mut self, id: i64) -> StoreResult<Option<User>>;

    /// Creates a user; the email is stored lower-cased, and one already in use (in any case) is a
    /// [`crate::StoreError::Conflict`].
    fn create_user(&mut self, user: &NewUser, at: DateTime<Utc>) -> StoreResult<User>;

    /// Changes a user. A change that would leave the shop without an enabled owner is a
    /// [`crate::StoreError::Conflict`]: nobody could manage users any more.
    fn update_user(&mut self, id: i64, changes: &UserChanges) -> StoreResult<User>;

    /// Stores a new browser session.
    fn create_session(&mut self, session: &WebSession) -> StoreResult<()>;

    /// Ends a session (signing out); false when there was none.
    fn delete_session(&mut self, token_hash: &str) -> StoreResult<bool>;

    /// Stores a new API token of a user, by its hash, working until `expires_at` if given.
    fn create_api_token(
        &mut self,
        user_id: i64,
        name: &str,
        token_hash: &str,
        at: DateTime<Utc>,
        expires_at: Option<DateTime<Utc>>,
    ) -> StoreResult<ApiToken>;

    /// Deletes one of a user's tokens; false when the user has no token with that id.
    fn revoke_api_token(&mut self, user_id: i64, id: i64) -> StoreResult<bool>;

    /// Ends every session of a user (disabled, or given a new password) but the one whose hash is
    /// `except`; returns how many.
    fn end_user_sessions(&mut self, user_id: i64, except: Option<&str>) -> StoreResult<u64>;

    /// Deletes every API token of a user (disabled): enabling them again later revives none. Returns
    /// how many.
    fn delete_user_tokens(&mut self, user_id: i64) -> StoreResult<u64>;

    /// Keeps a password reset's token hash for `user_id`, good until `expires_at`.
    fn add_password_reset(
        &mut self,
        user_id: i64,
        token_hash: &str,
        at: DateTime<Utc>,
        expires_at: DateTime<Utc>,
    ) -> StoreResult<()>;

    /// Uses a password reset: the user it is for, when it is unused and unexpired at `now`; it is then
    /// used, and every other reset of that user with it.
    fn take_password_reset(&mut self, token_hash: &str, now: DateTime<Utc>) -> StoreResult<Option<i64>>;
}

/// A member of the shop's staff who signs in to the web app.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct User {
    /// The store's id.
    pub id: i64,
    /// Email address, lower-cased; unique.
    pub email: String,
    /// Display name.
    pub name: String,
    /// What they may do.
    pub role: Role,
    /// The language of their pages (`en`, `he`, `fa`, `ru`).
    pub language: String,
    /// The password hash (PHC string); never leaves the server.
    #[serde(skip_serializing)]
    pub password_hash: String,
    /// When the account was made.
    pub created_at: DateTime<Utc>,
    /// Disabled accounts cannot sign in, and their sessions and tokens stop working.
    pub disabled: bool,
}

/// A user to create.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewUser {
    /// Email address; stored lower-cased.
    pub email: String,
    /// Display name.
    pub name: String,
    /// Role.
    pub role: Role,
    /// Page language.
    pub language: String,
    /// Password hash (PHC string).
    pub password_hash: String,
}

/// Changes to a user; `None` leaves a field as it is.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UserChanges {
    /// New display name.
    pub name: Option<String>,
    /// New role.
    pub role: Option<Role>,
    /// New page language.
    pub language: Option<String>,
    /// New password hash.
    pub password_hash: Option<String>,
    /// Disable or enable the account.
    pub disabled: Option<bool>,
}

impl UserChanges {
    /// Whether these changes take an enabled owner away (a new role or disabling): the store refuses
    /// that for the last one.
    pub fn removes_owner(&self, user: &User) -> bool {
        let owner = |role: Role, disabled: bool| role == Role::Owner && !disabled;
        owner(user.role, user.disabled)
            && !owner(self.role.unwrap_or(user.role), self.disabled.unwrap_or(user.disabled))
    }
}

/// A signed-in browser. The cookie holds a random token; the store keeps only its hash, so a leaked
/// database does not hand out sessions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WebSession {
    /// Hash of the cookie's token.
    pub token_hash: String,
    /// Whose session.
    pub user_id: i64,
    /// The token forms must echo back.
    pub csrf_token: String,
    /// When it began.
    pub created_at: DateTime<Utc>,
    /// When it stops working.
    pub expires_at: DateTime<Utc>,
}

/// A personal API token; the token itself is shown once and only its hash is stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ApiToken {
    /// The store's id.
    pub id: i64,
    /// Whose token.
    pub user_id: i64,
    /// What the user called it ("shop sync").
    pub name: String,
    /// When it was made.
    pub created_at: DateTime<Utc>,
    /// When it was last used, if ever.
    pub last_used_at: Option<DateTime<Utc>>,
    /// When it stops working; `None`: when it is revoked.
    pub expires_at: Option<DateTime<Utc>>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn password_hashes_never_serialize() {
        let user = User {
            id: 1,
            email: "dana@example.co.il".into(),
            name: "דנה".into(),
            role: Role::Owner,
            language: "he".into(),
            password_hash: "$argon2id$secret".into(),
            created_at: DateTime::from_timestamp(0, 0).unwrap_or_default(),
            disabled: false,
        };
        let json = serde_json::to_string(&user).expect("serialize");
        assert!(!json.contains("argon2") && !json.contains("password"), "{json}");
        assert!(json.contains(r#""role":"owner""#), "{json}");
    }

    #[test]
    fn only_an_enabled_owner_losing_the_role_is_a_removal() {
        let owner = User {
            id: 1,
            email: String::new(),
            name: String::new(),
            role: Role::Owner,
            language: String::new(),
            password_hash: String::new(),
            created_at: DateTime::default(),
            disabled: false,
        };
        let change = |role, disabled| UserChanges { role, disabled, ..UserChanges::default() };
        assert!(change(Some(Role::Viewer), None).removes_owner(&owner));
        assert!(change(None, Some(true)).removes_owner(&owner));
        assert!(!change(Some(Role::Owner), Some(false)).removes_owner(&owner));
        assert!(!UserChanges { name: Some("x".into()), ..UserChanges::default() }.removes_owner(&owner));
        let disabled = User { disabled: true, ..owner.clone() };
        assert!(!change(Some(Role::Viewer), None).removes_owner(&disabled), "already not counted");
        let viewer = User { role: Role::Viewer, ..owner };
        assert!(!change(None, Some(true)).removes_owner(&viewer));
    }
}
