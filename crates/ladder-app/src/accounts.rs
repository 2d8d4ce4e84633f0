//! The shop's staff: adding and changing users, signing in and out, API tokens — and the password policy
//! and hashing every door shares (the sign-up page, the settings page and `ladder user add`).
//!
//! Passwords are kept as argon2id hashes (OWASP's minimum: 19 MiB, 2 passes). Session and API tokens are
//! random; only their SHA-256 is stored, so a copy of the database lets nobody in.

use crate::{Action, Actor, App, AppError, audit, change, require};
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use base64::Engine;
use chrono::{DateTime, Utc};
use ladder_domain::audit::changes;
use ladder_domain::shop::LANGUAGES;
use ladder_domain::validate::{self, FieldError, Problem};
use ladder_domain::{Permission, Role};
use ladder_store::{ApiToken, NewUser, User, UserChanges, WebSession};
use sha2::{Digest, Sha256};

/// How long a session lasts.
pub const SESSION_DAYS: i64 = 14;

/// argon2id with OWASP's recommended minimum (19 MiB, 2 passes).
fn hasher() -> Argon2<'static> {
    let params = Params::new(19 * 1024, 2, 1, None).expect("valid argon2 parameters");
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// A password's argon2id hash in PHC form.
pub fn hash_password(password: &str) -> Result<String, AppError> {
    let mut salt = [0u8; 16];
    getrandom::fill(&mut salt).map_err(|e| AppError::Conflict(format!("no randomness on this machine: {e}")))?;
    let salt = SaltString::encode_b64(&salt).map_err(|e| AppError::Conflict(e.to_string()))?;
    Ok(hasher().hash_password(password.as_bytes(), &salt).map_err(|e| AppError::Conflict(e.to_string()))?.to_string())
}

/// Whether `password` matches a stored hash.
pub fn verify_password(password: &str, hash: &str) -> bool {
    PasswordHash::new(hash).is_ok_and(|parsed| hasher().verify_password(password.as_bytes(), &parsed).is_ok())
}

/// A hash no password matches, verified for unknown emails.
fn dummy_hash() -> &'static str {
    static DUMMY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DUMMY.get_or_init(|| hash_password(&random_token()).expect("a hash of random bytes"))
}

/// The hash a sign-in verifies: the user's, or for an unknown email one that no password matches.
fn hash_to_check(user: Option<&User>) -> &str {
    match user {
        Some(u) => &u.password_hash,
        None => dummy_hash(),
    }
}

/// A random token, URL-safe (32 bytes).
pub fn random_token() -> String {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).expect("the system's randomness");
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// A password to hand out once (the demo owner's, a user added without one): 16 random characters.
pub fn random_password() -> String {
    random_token().chars().filter(char::is_ascii_alphanumeric).take(16).collect()
}

/// What the database keeps of a token.
pub fn token_hash(token: &str) -> String {
    Sha256::digest(token.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

/// A user as a person types them in: every field checked, the password by the policy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserInput {
    /// Email address.
    pub email: String,
    /// Display name.
    pub name: String,
    /// Role.
    pub role: Role,
    /// Page language.
    pub language: String,
    /// Password.
    pub password: String,
}

fn new_user(input: &UserInput) -> Result<NewUser, AppError> {
    let email = validate::email(&input.email).map_err(|p| FieldError::new("email", p))?.to_lowercase();
    let name = validate::optional_text(&input.name, validate::SHORT_TEXT).map_err(|p| FieldError::new("name", p))?;
    if !LANGUAGES.contains(&input.language.as_str()) {
        return Err(FieldError::new("language", Problem::NotOneOf { choices: LANGUAGES.join(", ") }).into());
    }
    validate::password(&input.password, &email).map_err(|p| FieldError::new("password", p))?;
    Ok(NewUser {
        email,
        name: name.unwrap_or_default(),
        role: input.role,
        language: input.language.clone(),
        password_hash: hash_password(&input.password)?,
    })
}

fn taken(e: AppError) -> AppError {
    match e {
        AppError::Conflict(_) => AppError::Invalid(FieldError::new("email", Problem::Taken)),
        other => other,
    }
}

/// Adds a user (an owner adding staff, `ladder user add`); an email already in use is refused.
pub fn create_user(app: &App, actor: &Actor, input: &UserInput) -> Result<User, AppError> {
    require(actor, Permission::ManageUsers)?;
    let user = new_user(input)?;
    change(app, actor, |tx, now| {
        let created = tx.create_user(&user, now)?;
        let action = Action::UserCreated { email: created.email.clone(), role: created.role };
        Ok((created, vec![action]))
    })
    .map_err(taken)
}

/// Creates the shop's first owner, on the first start when nobody has an account yet: a second visitor
/// cannot make themselves owner.
pub fn set_up_owner(app: &App, input: &UserInput) -> Result<Option<User>, AppError> {
    let user = new_user(&UserInput { role: Role::Owner, ..input.clone() })?;
    let now = app.now();
    let mut tx = app.store().begin()?;
    if app.store().user_count()? > 0 {
        return Ok(None);
    }
    let created = tx.create_user(&user, now).map_err(AppError::from).map_err(taken)?;
    let actor = Actor::User { id: created.id, role: created.role };
    audit(tx.as_mut(), &actor, now, &Action::UserCreated { email: created.email.clone(), role: created.role })?;
    tx.commit()?;
    Ok(Some(created))
}

/// A change to a user as a person asks for it; `None` leaves a field as it is.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UserEdit {
    /// New display name.
    pub name: Option<String>,
    /// New role.
    pub role: Option<Role>,
    /// New page language.
    pub language: Option<String>,
    /// New password (checked by the policy).
    pub password: Option<String>,
    /// Disable or enable the account.
    pub disabled: Option<bool>,
}

/// Changes a user: an owner changing staff, or anyone changing their own language. The last enabled owner
/// cannot lose the role. The audit entry says what changed; a new password shows as changed, never itself.
pub fn update_user(app: &App, actor: &Actor, id: i64, edit: &UserEdit) -> Result<User, AppError> {
    let own_language_only = actor.user_id() == Some(id)
        && edit.name.is_none()
        && edit.role.is_none()
        && edit.password.is_none()
        && edit.disabled.is_none();
    if !own_language_only {
        require(actor, Permission::ManageUsers)?;
    }
    if let Some(language) = &edit.language
        && !LANGUAGES.contains(&language.as_str())
    {
        return Err(FieldError::new("language", Problem::NotOneOf { choices: LANGUAGES.join(", ") }).into());
    }
    change(app, actor, |tx, _| {
        let before = tx.user(id)?.ok_or_else(|| AppError::NotFound(format!("user {id}")))?;
        let password_hash = match &edit.password {
            Some(p) => {
                validate::password(p, &before.email).map_err(|p| FieldError::new("password", p))?;
                Some(hash_password(p)?)
            }
            None => None,
        };
        let name = edit
            .name
            .as_deref()
            .map(|n| validate::optional_text(n, validate::SHORT_TEXT).map(Option::unwrap_or_default))
            .transpose()
            .map_err(|p| FieldError::new("name", p))?;
        let changes_asked = UserChanges {
            name,
            role: edit.role,
            language: edit.language.clone(),
            password_hash,
            disabled: edit.disabled,
        };
        let after = tx.update_user(id, &changes_asked)?;
        // A disabled account is out at once and for good: its sessions end and its tokens are deleted,
        // so enabling it again later does not revive a token someone may have copied. A new password
        // set for someone else (a reset) ends their sessions too.
        let reset = edit.password.is_some() && actor.user_id() != Some(id);
        if edit.disabled == Some(true) && !before.disabled {
            tx.end_user_sessions(id, None)?;
            tx.delete_user_tokens(id)?;
        } else if reset {
            tx.end_user_sessions(id, None)?;
        }
        let yes_no = |b: bool| Some(if b { "yes" } else { "no" }.to_owned());
        let mut changed = changes(&[
            ("name", Some(before.name.clone()), Some(after.name.clone())),
            ("role", Some(before.role.as_str().to_owned()), Some(after.role.as_str().to_owned())),
            ("language", Some(before.language.clone()), Some(after.language.clone())),
            ("disabled", yes_no(before.disabled), yes_no(after.disabled)),
        ]);
        if edit.password.is_some() {
            changed.push(ladder_domain::audit::FieldChange { field: "password".into(), before: None, after: None });
        }
        let actions = if changed.is_empty() {
            Vec::new()
        } else {
            vec![Action::UserChanged { email: after.email.clone(), changes: changed }]
        };
        Ok((after, actions))
    })
}

/// Changes the actor's own password, when the current one is given right: a stolen session alone cannot
/// take the account over. The user's other sessions end; this one goes on.
pub fn change_own_password(
    app: &App,
    actor: &Actor,
    current: &str,
    new: &str,
    keep_session: &str,
) -> Result<(), AppError> {
    let id = actor.user_id().ok_or(AppError::Forbidden(Permission::ViewCustomers))?;
    let user = app.store().user(id)?.ok_or_else(|| AppError::NotFound(format!("user {id}")))?;
    if !verify_password(current, &user.password_hash) {
        return Err(FieldError::new("current_password", Problem::WrongPassword).into());
    }
    validate::password(new, &user.email).map_err(|p| FieldError::new("password", p))?;
    let hash = hash_password(new)?;
    change(app, actor, |tx, _| {
        tx.update_user(id, &UserChanges { password_hash: Some(hash.clone()), ..UserChanges::default() })?;
        tx.end_user_sessions(id, Some(keep_session))?;
        let changed = vec![ladder_domain::audit::FieldChange { field: "password".into(), before: None, after: None }];
        Ok(((), vec![Action::UserChanged { email: user.email.clone(), changes: changed }]))
    })
}

/// A new browser session, and the token its cookie carries (only the hash is stored).
pub struct SignedIn {
    /// The user.
    pub user: User,
    /// The session as stored.
    pub session: WebSession,
    /// The token for the cookie; shown to nobody else.
    pub token: String,
}

/// Signs a user in when the password is theirs and the account enabled: a new session, the expired ones
/// swept, and the audit entry; a failed attempt is audited too. `None`: the email or password is wrong.
pub fn sign_in(app: &App, email: &str, password: &str) -> Result<Option<SignedIn>, AppError> {
    let email = email.trim().to_lowercase();
    let now = app.now();
    let user = app.store().user_by_email(&email)?;
    // An unknown email costs the same hashing as a known one, so the time taken does not tell which
    // emails have accounts.
    let matches = verify_password(password, hash_to_check(user.as_ref()));
    let Some(user) = user.filter(|u| matches && !u.disabled) else {
        change(app, &Actor::System, |_, _| Ok(((), vec![Action::SignInFailed { email: email.clone() }])))?;
        return Ok(None);
    };
    let token = random_token();
    let session = new_session(&token, user.id, now);
    let actor = Actor::User { id: user.id, role: user.role };
    change(app, &actor, |tx, _| {
        tx.create_session(&session)?;
        Ok(((), vec![Action::SignedIn { email: user.email.clone() }]))
    })?;
    app.store().delete_expired_sessions(now)?;
    Ok(Some(SignedIn { user, session, token }))
}

/// The stored form of a session for `token`, valid from `now`.
fn new_session(token: &str, user_id: i64, now: DateTime<Utc>) -> WebSession {
    WebSession {
        token_hash: token_hash(token),
        user_id,
        csrf_token: random_token(),
        created_at: now,
        expires_at: now + chrono::Duration::days(SESSION_DAYS),
    }
}

/// Ends a session (signing out), audited.
pub fn sign_out(app: &App, actor: &Actor, email: &str, token_hash: &str) -> Result<(), AppError> {
    change(app, actor, |tx, _| {
        let ended = tx.delete_session(token_hash)?;
        let actions = if ended { vec![Action::SignedOut { email: email.to_owned() }] } else { Vec::new() };
        Ok(((), actions))
    })
}

/// Makes an API token for the actor's own user; the token (`ldr_…`) is returned once, only its hash kept.
/// With `valid_through`, the token works until the end of that day (UTC), which may not be past.
pub fn create_api_token(
    app: &App,
    actor: &Actor,
    name: &str,
    valid_through: Option<chrono::NaiveDate>,
) -> Result<(ApiToken, String), AppError> {
    require(actor, Permission::UseApi)?;
    let user_id = actor.user_id().ok_or(AppError::Forbidden(Permission::UseApi))?;
    let name = validate::optional_text(name, validate::SHORT_TEXT)
        .map_err(|p| FieldError::new("name", p))?
        .unwrap_or_else(|| "API".to_owned());
    let now = app.now();
    if valid_through.is_some_and(|day| day < now.date_naive()) {
        return Err(FieldError::new("expires", Problem::InPast).into());
    }
    let expires_at =
        valid_through.and_then(|day| day.succ_opt()).map(|day| day.and_time(chrono::NaiveTime::MIN).and_utc());
    let token = format!("ldr_{}", random_token());
    let hash = token_hash(&token);
    change(app, actor, |tx, now| {
        let created = tx.create_api_token(user_id, &name, &hash, now, expires_at)?;
        let action = Action::TokenCreated { token_id: created.id, name: created.name.clone() };
        Ok(((created, token.clone()), vec![action]))
    })
}

/// Revokes one of the actor's own tokens; false when they have none with that id.
pub fn revoke_api_token(app: &App, actor: &Actor, id: i64) -> Result<bool, AppError> {
    let user_id = actor.user_id().ok_or(AppError::Forbidden(Permission::UseApi))?;
    change(app, actor, |tx, _| {
        let revoked = tx.revoke_api_token(user_id, id)?;
        let actions = if revoked { vec![Action::TokenRevoked { token_id: id }] } else { Vec::new() };
        Ok((revoked, actions))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_app as app;

    fn input(email: &str, password: &str) -> UserInput {
        UserInput {
            email: email.into(),
            name: "Dana".into(),
            role: Role::Sales,
            language: "he".into(),
            password: password.into(),
        }
    }

    #[test]
    fn passwords_verify_only_themselves() {
        let hash = hash_password("correct horse battery").expect("hash");
        assert!(hash.starts_with("$argon2id$"), "{hash}");
        assert!(verify_password("correct horse battery", &hash));
        assert!(!verify_password("correct horse batterY", &hash));
        assert!(!verify_password("anything", "not a hash"));
    }

    #[test]
    fn an_unknown_email_costs_a_real_verification() {
        let dummy = hash_to_check(None);
        assert!(PasswordHash::new(dummy).is_ok_and(|h| h.algorithm.as_str() == "argon2id"), "{dummy}");
        assert!(!verify_password("", dummy) && !verify_password("password", dummy));
    }

    #[test]
    fn every_door_checks_a_new_user_the_same_way() {
        let (_dir, app) = app();
        let field = |r: Result<User, AppError>| match r {
            Err(AppError::Invalid(e)) => e.field,
            other => panic!("expected a field problem, got {other:?}"),
        };
        assert_eq!(field(create_user(&app, &Actor::Cli, &input("notanemail", "long enough pass"))), "email");
        assert_eq!(field(create_user(&app, &Actor::Cli, &input("dana@example.com", "short"))), "password");
        assert_eq!(field(create_user(&app, &Actor::Cli, &input("dana@example.com", "Dana@Example.com"))), "password");
        let dana = create_user(&app, &Actor::Cli, &input(" Dana@Example.com ", "long enough pass")).expect("create");
        assert_eq!(dana.email, "dana@example.com");
        assert_eq!(field(create_user(&app, &Actor::Cli, &input("DANA@example.com", "long enough pass"))), "email");
        let sales = Actor::User { id: dana.id, role: Role::Sales };
        assert!(matches!(
            create_user(&app, &sales, &input("x@example.com", "long enough pass")),
            Err(AppError::Forbidden(_))
        ));
        let entry = &app.store().audit_log(1, None).expect("audit")[0];
        assert_eq!((entry.action.as_str(), entry.actor.as_str()), ("user.created", "cli"));
    }

    #[test]
    fn signing_in_and_out_is_audited_and_tokens_are_kept_hashed() {
        let (_dir, app) = app();
        let dana = create_user(&app, &Actor::Cli, &input("dana@example.com", "long enough pass")).expect("create");
        assert!(sign_in(&app, "dana@example.com", "wrong password").expect("sign in").is_none());
        let signed = sign_in(&app, " DANA@example.com", "long enough pass").expect("sign in").expect("signed in");
        assert_eq!(signed.session.token_hash, token_hash(&signed.token));
        assert!(app.store().session(&signed.session.token_hash, app.now()).expect("read").is_some());
        let actor = Actor::User { id: dana.id, role: dana.role };
        let (token, secret) = create_api_token(&app, &actor, " shop sync ", None).expect("token");
        assert!(secret.starts_with("ldr_") && token.name == "shop sync");
        assert_eq!(
            app.store().api_token_user(&token_hash(&secret), app.now()).expect("read").map(|(_, u)| u.id),
            Some(dana.id)
        );
        sign_out(&app, &actor, &dana.email, &signed.session.token_hash).expect("sign out");
        let actions: Vec<String> =
            app.store().audit_log(10, None).expect("audit").into_iter().map(|a| a.action).collect();
        assert_eq!(
            actions,
            ["user.signed_out", "token.created", "user.signed_in", "user.sign_in_failed", "user.created"]
        );
    }
}

/// How long a password reset link works.
pub const RESET_VALID: chrono::Duration = chrono::Duration::hours(1);

/// What a password reset job does.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ResetPayload {
    /// Whose password.
    pub user_id: i64,
}

/// Asks for a password reset for `email`: a job that mails the link, enqueued with its audit entry. An
/// unknown or disabled account gets nothing, and the caller says the same either way (nobody learns who
/// has an account).
pub fn request_password_reset(app: &App, email: &str) -> Result<(), AppError> {
    let email = email.trim().to_lowercase();
    let Some(user) = app.store().user_by_email(&email)?.filter(|u| !u.disabled) else { return Ok(()) };
    change(app, &Actor::System, |tx, now| {
        let job = ladder_store::NewJob {
            kind: crate::jobs::kind::PASSWORD_RESET.to_owned(),
            payload: serde_json::to_string(&ResetPayload { user_id: user.id }).unwrap_or_default(),
            run_at: now,
            priority: 2,
            max_attempts: 3,
            // Asked again while one is on its way: the one on its way.
            dedupe_key: Some(format!("password-reset:{}", user.id)),
        };
        crate::jobs::enqueue(tx, &Actor::System, now, &job)?;
        Ok(((), Vec::new()))
    })
}

/// The reset job: makes the link's token, keeps its hash, then mails the link through `mailer`. The
/// token is kept before the mail goes, so a link that arrives works; a crash after the mail sends a
/// second one, and both work until one is used.
pub fn mail_password_reset(
    app: &App,
    payload: &ResetPayload,
    mailer: &dyn crate::delivery::Transport,
    public_url: &str,
) -> Result<String, crate::jobs::worker::JobError> {
    use crate::jobs::worker::JobError;
    let user = app
        .store()
        .user(payload.user_id)
        .map_err(|e| JobError::retry(e.to_string()))?
        .ok_or_else(|| JobError::permanent(format!("user {} is gone", payload.user_id)))?;
    let token = random_token();
    let now = app.now();
    let mut tx = app.store().begin().map_err(|e| JobError::retry(e.to_string()))?;
    tx.add_password_reset(user.id, &token_hash(&token), now, now + RESET_VALID)
        .map_err(|e| JobError::retry(e.to_string()))?;
    tx.commit().map_err(|e| JobError::retry(e.to_string()))?;
    let locale = ladder_i18n::Locale::parse(&user.language).unwrap_or_default();
    let catalog = ladder_i18n::catalog();
    let link = format!("{}/password/reset/{token}", public_url.trim_end_matches('/'));
    let say = |id: &str| ladder_i18n::plain(&catalog.text_with(locale, id, &[("link", link.as_str().into())]));
    let outgoing = crate::delivery::Outgoing {
        message_id: format!("<ladder.password-reset.{}.{}@ladder.invalid>", user.id, now.timestamp()),
        channel: ladder_domain::Channel::Email,
        to: user.email.clone(),
        to_name: Some(user.name.clone()).filter(|n| !n.trim().is_empty()),
        language: locale.code().to_owned(),
        right_to_left: ladder_domain::template::is_right_to_left(locale.code()),
        subject: Some(say("password-reset-mail-subject")),
        body: say("password-reset-mail-body"),
        purpose: ladder_domain::messaging::MessagePurpose::Transactional,
        unsubscribe_url: None,
    };
    mailer.send(&outgoing).map_err(|e| JobError::retry(e.to_string()))?;
    Ok(serde_json::json!({ "mailed": user.id }).to_string())
}

/// Sets a new password through a reset link: the link is used, the user's sessions end, and the change is
/// audited — in one unit of work. A link unknown, used or expired is not found.
pub fn reset_password(app: &App, token: &str, password: &str) -> Result<User, AppError> {
    let hash = token_hash(token);
    change(app, &Actor::System, |tx, now| {
        let id = tx.take_password_reset(&hash, now)?.ok_or_else(|| AppError::NotFound("this link".to_owned()))?;
        let user = tx.user(id)?.ok_or_else(|| AppError::NotFound(format!("user {id}")))?;
        validate::password(password, &user.email).map_err(|p| FieldError::new("password", p))?;
        let changed = tx.update_user(
            id,
            &UserChanges { password_hash: Some(hash_password(password)?), ..UserChanges::default() },
        )?;
        tx.end_user_sessions(id, None)?;
        let change = vec![ladder_domain::audit::FieldChange { field: "password".into(), before: None, after: None }];
        Ok((changed, vec![Action::UserChanged { email: user.email.clone(), changes: change }]))
    })
}
