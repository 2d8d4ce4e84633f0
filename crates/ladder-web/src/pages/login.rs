//! Signing in and out, the first owner's account, and the choice of language.

use crate::auth::{
    Admission, LANGUAGE_COOKIE, LOGIN_CSRF_COOKIE, SESSION_COOKIE, SESSION_DAYS, SLOWED_BY, cookie, guest_locale,
    normalise_email, random_token, same_secret, set_cookie, token_hash,
};
use crate::error::WebError;
use crate::pages::languages;
use crate::state::AppState;
use axum::Form;
use axum::extract::{ConnectInfo, Query, State};
use axum::http::HeaderMap;
use axum::http::header::SET_COOKIE;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::Utc;
use ladder_app::AppError;
use ladder_app::accounts::{UserEdit, UserInput};
use ladder_domain::access::Role;
use ladder_domain::validate::Problem;
use ladder_i18n::Locale;
use serde::Deserialize;
use std::net::SocketAddr;
use std::time::Duration;

#[derive(Deserialize, Default)]
pub(crate) struct Next {
    next: Option<String>,
    /// A notice to show (a password just reset).
    done: Option<String>,
}

/// Only a path on this site: never another site, so a link cannot send a signed-in user elsewhere.
/// Browsers drop tabs and line breaks from an address and read `\\` as `/`, so `/\t/evil.example`
/// would be `//evil.example`, another site: a path with a control character, a backslash or a leading
/// `//` goes home instead. Letters beyond ASCII are percent-encoded, as a `Location` header needs.
pub(crate) fn safe_next(next: Option<&str>) -> String {
    match next {
        Some(n) if n.starts_with('/') && !n.starts_with("//") && !n.chars().any(|c| c.is_control() || c == '\\') => {
            let mut safe = String::with_capacity(n.len());
            for c in n.chars() {
                if c.is_ascii() {
                    safe.push(c);
                } else {
                    let mut bytes = [0u8; 4];
                    for b in c.encode_utf8(&mut bytes).bytes() {
                        safe.push_str(&format!("%{b:02X}"));
                    }
                }
            }
            safe
        }
        _ => "/".to_owned(),
    }
}

fn login_page(
    locale: Locale,
    state: &AppState,
    next: &str,
    email: &str,
    problem: Option<&str>,
    done: Option<&str>,
) -> Result<Response, WebError> {
    let csrf = random_token();
    let html = crate::views::render(
        "login.html",
        minijinja::context! {
            locale => locale.code(), dir => locale.dir(), languages => languages(), csrf => &csrf,
            next, email, problem,
            password_reset => state.options.password_reset,
            done => done.filter(|d| *d == "password-reset-done"),
        },
    )?;
    let cookie = set_cookie(LOGIN_CSRF_COOKIE, &csrf, Duration::from_secs(3600), state.options.secure_cookies);
    Ok(([(SET_COOKIE, cookie)], html).into_response())
}

pub(crate) async fn form(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(next): Query<Next>,
) -> Result<Response, WebError> {
    if state.with_store(|s| Ok(s.user_count()?)).await? == 0 {
        return Err(WebError::Setup);
    }
    login_page(guest_locale(&headers), &state, &safe_next(next.next.as_deref()), "", None, next.done.as_deref())
}

#[derive(Deserialize)]
pub(crate) struct Credentials {
    email: String,
    password: String,
    csrf: String,
    next: Option<String>,
}

pub(crate) async fn submit(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    Form(form): Form<Credentials>,
) -> Result<Response, WebError> {
    let locale = guest_locale(&headers);
    let expected = cookie(&headers, LOGIN_CSRF_COOKIE).unwrap_or_default();
    if expected.is_empty() || !same_secret(&form.csrf, &expected) {
        return Err(WebError::Forged(locale));
    }
    let next = safe_next(form.next.as_deref());
    let address = state.options.trusted_proxies.client(peer.ip(), &headers);
    let email = normalise_email(&form.email);
    match state.limiter.admit(address, &email) {
        Admission::Refused => return Err(WebError::TooManyAttempts(locale)),
        Admission::Slowed => tokio::time::sleep(SLOWED_BY).await,
        Admission::Allowed => {}
    }
    let (typed, password) = (email.clone(), form.password.clone());
    let signed = state.with_app(move |app| Ok(ladder_app::accounts::sign_in(app, &typed, &password)?)).await?;
    let Some(signed) = signed else {
        state.limiter.failed(address, &email);
        return login_page(locale, &state, &next, &email, Some("sign-in-failed"), None);
    };
    state.limiter.succeeded(address, &email);
    let max_age = Duration::from_secs(SESSION_DAYS as u64 * 86_400);
    let cookie = set_cookie(SESSION_COOKIE, &signed.token, max_age, state.options.secure_cookies);
    Ok(([(SET_COOKIE, cookie)], Redirect::to(&next)).into_response())
}

#[derive(Deserialize)]
pub(crate) struct CsrfOnly {
    csrf: String,
}

impl CsrfOnly {
    pub(crate) fn csrf(&self) -> &str {
        &self.csrf
    }
}

pub(crate) async fn logout(
    State(state): State<AppState>,
    viewer: crate::auth::Viewer,
    Form(form): Form<CsrfOnly>,
) -> Result<Response, WebError> {
    viewer.check_csrf(&form.csrf)?;
    let hash = viewer.session.token_hash.clone();
    state.sessions.forget(&hash);
    let (actor, email) = (viewer.actor(), viewer.user.email.clone());
    state.with_app(move |app| Ok(ladder_app::accounts::sign_out(app, &actor, &email, &hash)?)).await?;
    let cookie = set_cookie(SESSION_COOKIE, "", Duration::ZERO, state.options.secure_cookies);
    Ok(([(SET_COOKIE, cookie)], Redirect::to("/login")).into_response())
}

/// The first start: nobody has an account, so the first visitor creates the owner's.
pub(crate) async fn setup_form(State(state): State<AppState>, headers: HeaderMap) -> Result<Response, WebError> {
    if state.with_store(|s| Ok(s.user_count()?)).await? > 0 {
        return Ok(Redirect::to("/login").into_response());
    }
    setup_page(guest_locale(&headers), &state, "", "", None)
}

fn setup_page(
    locale: Locale,
    state: &AppState,
    email: &str,
    name: &str,
    problem: Option<&str>,
) -> Result<Response, WebError> {
    let csrf = random_token();
    let html = crate::views::render(
        "setup.html",
        minijinja::context! {
            locale => locale.code(), dir => locale.dir(), languages => languages(), csrf => &csrf, email, name, problem,
        },
    )?;
    let cookie = set_cookie(LOGIN_CSRF_COOKIE, &csrf, Duration::from_secs(3600), state.options.secure_cookies);
    Ok(([(SET_COOKIE, cookie)], html).into_response())
}

#[derive(Deserialize)]
pub(crate) struct Owner {
    email: String,
    name: String,
    password: String,
    csrf: String,
}

pub(crate) async fn setup_submit(
    State(state): State<AppState>,
    headers: HeaderMap,
    Form(form): Form<Owner>,
) -> Result<Response, WebError> {
    let locale = guest_locale(&headers);
    let expected = cookie(&headers, LOGIN_CSRF_COOKIE).unwrap_or_default();
    if expected.is_empty() || !same_secret(&form.csrf, &expected) {
        return Err(WebError::Forged(locale));
    }
    let input = UserInput {
        email: form.email.clone(),
        name: form.name.clone(),
        role: Role::Owner,
        language: locale.code().to_owned(),
        password: form.password.clone(),
    };
    match state.with_app(move |app| Ok(ladder_app::accounts::set_up_owner(app, &input))).await? {
        Ok(_) => Ok(Redirect::to("/login").into_response()),
        Err(AppError::Invalid(problem)) => {
            let id = match problem.problem {
                Problem::PasswordTooShort { .. } => "password-too-short",
                Problem::PasswordIsEmail => "password-is-email",
                _ => "email-invalid",
            };
            setup_page(locale, &state, form.email.trim(), &form.name, Some(id))
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Deserialize)]
pub(crate) struct LanguageForm {
    language: String,
    csrf: Option<String>,
    next: Option<String>,
}

/// Changes the language: a signed-in user's own setting, or a cookie before signing in.
pub(crate) async fn choose_language(
    State(state): State<AppState>,
    headers: HeaderMap,
    Form(form): Form<LanguageForm>,
) -> Result<Response, WebError> {
    let locale = Locale::parse(&form.language).unwrap_or_else(|| guest_locale(&headers));
    let next = safe_next(form.next.as_deref());
    let token = cookie(&headers, SESSION_COOKIE);
    let now = Utc::now();
    let session = match token {
        Some(t) => state.with_store(move |s| Ok(s.session(&token_hash(&t), now)?)).await?,
        None => None,
    };
    if let Some((session, user)) = session {
        if !same_secret(form.csrf.as_deref().unwrap_or(""), &session.csrf_token) {
            return Err(WebError::Forged(locale));
        }
        let edit = UserEdit { language: Some(locale.code().to_owned()), ..UserEdit::default() };
        let actor = ladder_app::Actor::User { id: user.id, role: user.role };
        state
            .with_app(move |app| Ok(ladder_app::accounts::update_user(app, &actor, user.id, &edit).map(drop)?))
            .await?;
        state.sessions.clear();
    }
    let cookie =
        set_cookie(LANGUAGE_COOKIE, locale.code(), Duration::from_secs(365 * 86_400), state.options.secure_cookies);
    Ok(([(SET_COOKIE, cookie)], Redirect::to(&next)).into_response())
}

#[cfg(test)]
mod tests {
    use super::safe_next;

    #[test]
    fn next_stays_on_this_site() {
        assert_eq!(safe_next(Some("/customers?q=a")), "/customers?q=a");
        assert_eq!(safe_next(Some("//evil.example")), "/");
        assert_eq!(safe_next(Some("https://evil.example")), "/");
        assert_eq!(safe_next(Some("/\\evil.example")), "/");
        assert_eq!(safe_next(None), "/");
        assert_eq!(safe_next(Some("/\t/evil.example")), "/", "a tab browsers drop");
        assert_eq!(safe_next(Some("/x\r\nSet-Cookie: a=b")), "/", "a line break would split the header");
        assert_eq!(safe_next(Some("/customers?q=שלום")), "/customers?q=%D7%A9%D7%9C%D7%95%D7%9D");
    }
}
