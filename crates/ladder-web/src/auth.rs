//! Who is asking: sessions in cookies, passwords with argon2id, anti-forgery tokens on every form, and a
//! limit on failed sign-ins.
//!
//! A session cookie holds a random token; the database keeps only its SHA-256, so a copy of the database
//! does not let anyone in. The cookie is `HttpOnly` (no script reads it) and `SameSite=Lax` (other sites'
//! forms do not carry it), and `Secure` when the app is reached through HTTPS. Every form also carries
//! the session's anti-forgery token, checked on the server.

use crate::error::WebError;
use crate::state::AppState;
use axum::extract::FromRequestParts;
use axum::http::HeaderMap;
use axum::http::request::Parts;
use chrono::{DateTime, Utc};
use ladder_domain::access::{Permission, Role};
use ladder_i18n::Locale;
use ladder_store::{User, WebSession};
use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

pub(crate) const SESSION_COOKIE: &str = "ladder_session";
pub(crate) const LANGUAGE_COOKIE: &str = "ladder_lang";
/// Anti-forgery token of the sign-in form, before any session exists.
pub(crate) const LOGIN_CSRF_COOKIE: &str = "ladder_login_csrf";

pub(crate) use ladder_app::accounts::{SESSION_DAYS, random_token, token_hash};

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

    /// Who asks, for the use-cases: this signed-in user, with their role.
    pub fn actor(&self) -> ladder_app::Actor {
        ladder_app::Actor::User { id: self.user.id, role: self.user.role }
    }

    /// Where a consent given on a page was given, for its evidence.
    pub fn source(&self) -> String {
        format!("web:{}", self.user.email)
    }

    /// The error of a use-case, as a page in this viewer's language says it.
    pub fn fail(&self, e: ladder_app::AppError) -> WebError {
        WebError::of(e, self.locale)
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
            crate::request_log::SignedIn::note(parts, user.id);
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
                crate::request_log::SignedIn::note(parts, user.id);
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

#[cfg(test)]
mod tests {
    use super::*;

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
