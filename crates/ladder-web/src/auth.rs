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

/// Counts failed sign-ins per account and address, and per address; past the limits, guessing slows
/// down or stops for a while. Emails arrive normalised ([`normalise_email`]), so `' Sales@Shop'` counts
/// against `sales@shop`.
#[derive(Default)]
pub(crate) struct LoginLimiter {
    failures: Mutex<HashMap<String, (u32, Instant)>>,
}

/// Failed attempts allowed per window, per account and address pair: then that account is locked for
/// that address until the window ends, even with the right password.
const MAX_FAILURES: u32 = 5;
/// Failed attempts per window from one address, over all accounts: then every attempt from it waits
/// [`SLOWED_BY`] first. An office behind one address (or a proxy Ladder was not told to trust) is not
/// locked out by someone else's guessing: a right password still signs in.
const MAX_FAILURES_PER_ADDRESS: u32 = 20;
const WINDOW: Duration = Duration::from_secs(15 * 60);
/// How long an attempt from an address past its limit waits before it is checked.
pub(crate) const SLOWED_BY: Duration = Duration::from_secs(1);

/// Whether a sign-in attempt is checked.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Admission {
    /// Checked now.
    Allowed,
    /// Checked after [`SLOWED_BY`]: the address has failed often, over several accounts.
    Slowed,
    /// Not checked: this account has failed too often from this address.
    Refused,
}

/// An email as typed, the one way the sign-in, the limiter and the store compare it.
pub(crate) fn normalise_email(typed: &str) -> String {
    typed.trim().to_lowercase()
}

impl LoginLimiter {
    fn keys(address: IpAddr, email: &str) -> [String; 2] {
        [format!("{address}|{email}"), address.to_string()]
    }

    /// How the next attempt for `email` (normalised) from `address` is treated.
    pub fn admit(&self, address: IpAddr, email: &str) -> Admission {
        let mut failures = self.failures.lock().expect("limiter lock");
        let now = Instant::now();
        failures.retain(|_, (_, since)| now.duration_since(*since) < WINDOW);
        let [account, per_address] = Self::keys(address, email);
        let count = |key: &str| failures.get(key).map_or(0, |(n, _)| *n);
        if count(&account) >= MAX_FAILURES {
            Admission::Refused
        } else if count(&per_address) >= MAX_FAILURES_PER_ADDRESS {
            Admission::Slowed
        } else {
            Admission::Allowed
        }
    }

    pub fn failed(&self, address: IpAddr, email: &str) {
        let mut failures = self.failures.lock().expect("limiter lock");
        for key in Self::keys(address, email) {
            failures.entry(key).or_insert((0, Instant::now())).0 += 1;
        }
    }

    pub fn succeeded(&self, address: IpAddr, email: &str) {
        let mut failures = self.failures.lock().expect("limiter lock");
        failures.remove(&Self::keys(address, email)[0]);
    }
}

/// The proxies whose `X-Forwarded-For` is believed (`--trusted-proxy`): behind one, every request comes
/// from the proxy's address, and the client's is the last one the proxies added.
#[derive(Debug, Clone, Default)]
pub struct TrustedProxies(pub Vec<ipnet::IpNet>);

impl TrustedProxies {
    /// Networks separated by commas or spaces (`10.0.0.0/8, 127.0.0.1`; a bare address is one host);
    /// the error names the part that is not one.
    pub fn parse(text: &str) -> Result<Self, String> {
        text.split([',', ' '])
            .filter(|part| !part.is_empty())
            .map(|part| {
                part.parse::<ipnet::IpNet>()
                    .or_else(|_| part.parse::<IpAddr>().map(ipnet::IpNet::from))
                    .map_err(|_| format!("{part:?} is not an address or a network such as 10.0.0.0/8"))
            })
            .collect::<Result<Vec<_>, _>>()
            .map(Self)
    }

    fn trusts(&self, address: IpAddr) -> bool {
        self.0.iter().any(|net| net.contains(&address))
    }

    /// The client's address: the peer's, unless the peer is a trusted proxy; then the right-most address
    /// in `X-Forwarded-For` that is not itself a trusted proxy (the ones to its left could be forged).
    pub(crate) fn client(&self, peer: IpAddr, headers: &HeaderMap) -> IpAddr {
        if !self.trusts(peer) {
            return peer;
        }
        let forwarded = headers
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .map(str::trim)
            .collect::<Vec<_>>();
        forwarded.iter().rev().filter_map(|a| a.parse::<IpAddr>().ok()).find(|a| !self.trusts(*a)).unwrap_or(peer)
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
            assert_eq!(limiter.admit(address, "a@shop"), Admission::Allowed);
            limiter.failed(address, &normalise_email(" A@Shop "));
        }
        assert_eq!(limiter.admit(address, &normalise_email("a@shop ")), Admission::Refused, "as typed or not");
        assert_eq!(limiter.admit(address, "b@shop"), Admission::Allowed, "another account from the same address");
        assert_eq!(limiter.admit("10.0.0.2".parse().expect("address"), "a@shop"), Admission::Allowed);
        for i in 0..MAX_FAILURES_PER_ADDRESS {
            limiter.failed(address, &format!("guess{i}@shop"));
        }
        assert_eq!(limiter.admit(address, "c@shop"), Admission::Slowed, "checked, after a wait");
    }

    #[test]
    fn a_client_address_comes_from_a_trusted_proxy_only() {
        let proxies = TrustedProxies(vec!["10.0.0.0/8".parse().expect("net")]);
        let mut headers = HeaderMap::new();
        headers.insert("x-forwarded-for", "6.6.6.6, 203.0.113.7, 10.1.1.1".parse().expect("header"));
        let proxy: IpAddr = "10.0.0.1".parse().expect("address");
        assert_eq!(proxies.client(proxy, &headers).to_string(), "203.0.113.7", "right-most untrusted");
        let outsider: IpAddr = "198.51.100.1".parse().expect("address");
        assert_eq!(proxies.client(outsider, &headers), outsider, "a forged header from outside is ignored");
        assert_eq!(TrustedProxies::default().client(proxy, &headers), proxy);
        assert_eq!(TrustedProxies::parse("10.0.0.0/8, 127.0.0.1").expect("parsed").0.len(), 2);
        assert!(TrustedProxies::parse("10.0.0/8").expect_err("refused").contains("\"10.0.0/8\""));
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
