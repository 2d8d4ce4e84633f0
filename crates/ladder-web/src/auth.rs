//! Who is asking: sessions in cookies, passwords with argon2id, anti-forgery tokens on every form, and a
//! limit on failed sign-ins.
//!
//! A session cookie holds a random token; the database keeps only its SHA-256, so a copy of the database
//! does not let anyone in. The cookie is `HttpOnly` (no script reads it) and `SameSite=Lax` (other sites'
//! forms do not carry it), and `Secure` when the app is reached through HTTPS. Every form also carries
//! the session's anti-forgery token, checked on the server.

use crate::error::WebError;
use crate::state::AppState;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use axum::extract::FromRequestParts;
use axum::http::HeaderMap;
use axum::http::request::Parts;
use base64::Engine;
use chrono::{DateTime, Utc};
use ladder_domain::access::{Permission, Role};
use ladder_i18n::Locale;
use ladder_store::{User, WebSession};
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

pub(crate) const SESSION_COOKIE: &str = "ladder_session";
pub(crate) const LANGUAGE_COOKIE: &str = "ladder_lang";
/// Anti-forgery token of the sign-in form, before any session exists.
pub(crate) const LOGIN_CSRF_COOKIE: &str = "ladder_login_csrf";
/// How long a session lasts.
pub(crate) const SESSION_DAYS: i64 = 14;

/// argon2id with OWASP's recommended minimum (19 MiB, 2 passes).
fn hasher() -> Argon2<'static> {
    let params = Params::new(19 * 1024, 2, 1, None).expect("valid argon2 parameters");
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// A password's argon2id hash in PHC form.
pub fn hash_password(password: &str) -> anyhow::Result<String> {
    let mut salt = [0u8; 16];
    getrandom::fill(&mut salt).map_err(|e| anyhow::anyhow!("no randomness: {e}"))?;
    let salt = SaltString::encode_b64(&salt).map_err(|e| anyhow::anyhow!("{e}"))?;
    Ok(hasher().hash_password(password.as_bytes(), &salt).map_err(|e| anyhow::anyhow!("{e}"))?.to_string())
}

/// Whether `password` matches a stored hash.
pub(crate) fn verify_password(password: &str, hash: &str) -> bool {
    PasswordHash::new(hash).is_ok_and(|parsed| hasher().verify_password(password.as_bytes(), &parsed).is_ok())
}

/// A password rule users can follow: long enough, not the email.
pub fn password_problem(password: &str, email: &str) -> Option<&'static str> {
    if password.chars().count() < 10 {
        Some("password-too-short")
    } else if password.eq_ignore_ascii_case(email) {
        Some("password-is-email")
    } else {
        None
    }
}

/// A random token, URL-safe.
pub(crate) fn random_token() -> String {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).expect("the system's randomness");
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// What the database keeps of a token.
pub(crate) fn token_hash(token: &str) -> String {
    Sha256::digest(token.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

/// Compares secrets in time that does not depend on where they differ.
pub(crate) fn same_secret(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().zip(b.bytes()).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// A cookie's value from the request.
pub(crate) fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(axum::http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_owned())
}

/// A `Set-Cookie` value; `max_age` 0 deletes the cookie.
pub(crate) fn set_cookie(name: &str, value: &str, max_age: Duration, secure: bool) -> String {
    format!(
        "{name}={value}; Path=/; Max-Age={}; HttpOnly; SameSite=Lax{}",
        max_age.as_secs(),
        if secure { "; Secure" } else { "" }
    )
}

/// The language for a request without a signed-in user: the cookie, else the browser's.
pub(crate) fn guest_locale(headers: &HeaderMap) -> Locale {
    cookie(headers, LANGUAGE_COOKIE).and_then(|c| Locale::parse(&c)).unwrap_or_else(|| {
        let accept = headers.get(axum::http::header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok()).unwrap_or("");
        Locale::negotiate(accept)
    })
}

/// The signed-in user of a page request, with the session and the language the page speaks.
pub(crate) struct Viewer {
    pub user: User,
    pub session: WebSession,
    pub locale: Locale,
}

impl Viewer {
    /// Refuses unless the user's role allows `permission`.
    pub fn require(&self, permission: Permission) -> Result<(), WebError> {
        if self.user.role.allows(permission) { Ok(()) } else { Err(WebError::Forbidden(self.locale)) }
    }

    pub fn can(&self, permission: Permission) -> bool {
        self.user.role.allows(permission)
    }

    /// Checks a submitted anti-forgery token.
    pub fn check_csrf(&self, submitted: &str) -> Result<(), WebError> {
        if same_secret(submitted, &self.session.csrf_token) { Ok(()) } else { Err(WebError::Forged(self.locale)) }
    }

    pub fn role(&self) -> Role {
        self.user.role
    }
}

impl FromRequestParts<AppState> for Viewer {
    type Rejection = WebError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let next = parts.uri.path_and_query().map_or_else(|| "/".to_owned(), |p| p.as_str().to_owned());
        let token = cookie(&parts.headers, SESSION_COOKIE);
        let now = Utc::now();
        let hash = token.as_deref().map(token_hash);
        if let Some((session, user)) = hash.as_deref().and_then(|h| state.sessions.get(h, now)) {
            let locale = Locale::parse(&user.language).unwrap_or_else(|| guest_locale(&parts.headers));
            return Ok(Viewer { user, session, locale });
        }
        let found = state
            .with_store(move |store| {
                let session = match hash {
                    Some(h) => store.session(&h, now)?,
                    None => None,
                };
                let users = if session.is_none() { store.user_count()? } else { 1 };
                Ok((session, users))
            })
            .await?;
        if let (Some((session, user)), _) = &found {
            state.sessions.put(session.clone(), user.clone());
        }
        match found {
            (Some((session, user)), _) => {
                let locale = Locale::parse(&user.language).unwrap_or_else(|| guest_locale(&parts.headers));
                Ok(Viewer { user, session, locale })
            }
            (None, 0) => Err(WebError::Setup),
            (None, _) => Err(WebError::SignIn { next }),
        }
    }
}

/// Sessions seen in the last few seconds, so that a page does not read its session from the database on
/// every request. An entry lives `SESSION_CACHE` at most, is dropped at sign-out, and the whole cache is
/// emptied whenever a user changes (role, language, disabled), so changes apply at once on this instance
/// and within seconds on others.
#[derive(Default)]
pub(crate) struct SessionCache {
    entries: Mutex<HashMap<String, (WebSession, User, Instant)>>,
}

const SESSION_CACHE: Duration = Duration::from_secs(10);

impl SessionCache {
    fn get(&self, hash: &str, now: DateTime<Utc>) -> Option<(WebSession, User)> {
        let entries = self.entries.lock().expect("session cache lock");
        let (session, user, seen) = entries.get(hash)?;
        (seen.elapsed() < SESSION_CACHE && session.expires_at > now).then(|| (session.clone(), user.clone()))
    }

    fn put(&self, session: WebSession, user: User) {
        let mut entries = self.entries.lock().expect("session cache lock");
        entries.retain(|_, (_, _, seen)| seen.elapsed() < SESSION_CACHE);
        entries.insert(session.token_hash.clone(), (session, user, Instant::now()));
    }

    /// Drops one session (at sign-out).
    pub fn forget(&self, hash: &str) {
        self.entries.lock().expect("session cache lock").remove(hash);
    }

    /// Drops every session (a user changed).
    pub fn clear(&self) {
        self.entries.lock().expect("session cache lock").clear();
    }
}

/// Counts failed sign-ins per address and per account; past the limit, sign-in is refused for a while
/// even with the right password, which makes guessing slow.
#[derive(Default)]
pub(crate) struct LoginLimiter {
    failures: Mutex<HashMap<String, (u32, Instant)>>,
}

/// Failed attempts allowed per window, per account and address pair.
const MAX_FAILURES: u32 = 5;
/// Failed attempts allowed per window from one address, over all accounts.
const MAX_FAILURES_PER_ADDRESS: u32 = 20;
const WINDOW: Duration = Duration::from_secs(15 * 60);

impl LoginLimiter {
    fn keys(address: IpAddr, email: &str) -> [(String, u32); 2] {
        [(format!("{address}|{}", email.to_lowercase()), MAX_FAILURES), (address.to_string(), MAX_FAILURES_PER_ADDRESS)]
    }

    /// Whether another attempt is allowed now.
    pub fn allowed(&self, address: IpAddr, email: &str) -> bool {
        let mut failures = self.failures.lock().expect("limiter lock");
        let now = Instant::now();
        failures.retain(|_, (_, since)| now.duration_since(*since) < WINDOW);
        Self::keys(address, email).iter().all(|(k, max)| failures.get(k).is_none_or(|(n, _)| n < max))
    }

    pub fn failed(&self, address: IpAddr, email: &str) {
        let mut failures = self.failures.lock().expect("limiter lock");
        for (key, _) in Self::keys(address, email) {
            failures.entry(key).or_insert((0, Instant::now())).0 += 1;
        }
    }

    pub fn succeeded(&self, address: IpAddr, email: &str) {
        let mut failures = self.failures.lock().expect("limiter lock");
        failures.remove(&Self::keys(address, email)[0].0);
    }
}

/// A new session for `user`, valid from `now`.
pub(crate) fn new_session(user_id: i64, now: DateTime<Utc>) -> (String, WebSession) {
    let token = random_token();
    let session = WebSession {
        token_hash: token_hash(&token),
        user_id,
        csrf_token: random_token(),
        created_at: now,
        expires_at: now + chrono::Duration::days(SESSION_DAYS),
    };
    (token, session)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_verify_only_themselves() {
        let hash = hash_password("correct horse battery").expect("hash");
        assert!(hash.starts_with("$argon2id$"), "{hash}");
        assert!(verify_password("correct horse battery", &hash));
        assert!(!verify_password("correct horse batterY", &hash));
        assert!(!verify_password("anything", "not a hash"));
    }

    #[test]
    fn the_limiter_stops_guessing_per_account_and_per_address() {
        let limiter = LoginLimiter::default();
        let address: IpAddr = "10.0.0.1".parse().expect("address");
        for _ in 0..MAX_FAILURES {
            assert!(limiter.allowed(address, "a@shop"));
            limiter.failed(address, "a@shop");
        }
        assert!(!limiter.allowed(address, "A@shop"), "case does not matter");
        assert!(limiter.allowed(address, "b@shop"), "another account from the same address");
        assert!(limiter.allowed("10.0.0.2".parse().expect("address"), "a@shop"));
    }

    #[test]
    fn cookies_are_read_by_name() {
        let mut headers = HeaderMap::new();
        headers.insert(axum::http::header::COOKIE, "a=1; ladder_session=xyz; b=2".parse().expect("header"));
        assert_eq!(cookie(&headers, SESSION_COOKIE).as_deref(), Some("xyz"));
        assert_eq!(cookie(&headers, "c"), None);
        assert!(set_cookie("x", "y", Duration::from_secs(60), true).contains("HttpOnly; SameSite=Lax; Secure"));
    }
}
