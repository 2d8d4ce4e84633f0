//! A forgotten password: the sign-in page offers to mail a reset link (when a mail server is set); the
//! link, good once for an hour, opens a page that sets a new one. Whether an account exists is never
//! told: the answer to any email is the same.

use crate::auth::{LOGIN_CSRF_COOKIE, cookie, guest_locale, random_token, same_secret, set_cookie};
use crate::error::WebError;
use crate::pages::languages;
use crate::state::AppState;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::http::header::SET_COOKIE;
use axum::response::{IntoResponse, Redirect, Response};
use ladder_app::AppError;
use serde::Deserialize;
use std::time::Duration;

fn page(state: &AppState, headers: &HeaderMap, name: &str, context: minijinja::Value) -> Result<Response, WebError> {
    let locale = guest_locale(headers);
    let csrf = random_token();
    let frame = minijinja::context! {
        locale => locale.code(), dir => locale.dir(), languages => languages(), csrf => &csrf, next => "/login",
    };
    let html = crate::views::render(name, minijinja::context! { ..frame, ..context })?;
    let cookie = set_cookie(LOGIN_CSRF_COOKIE, &csrf, Duration::from_secs(3600), state.options.secure_cookies);
    Ok(([(SET_COOKIE, cookie)], html).into_response())
}

fn check(headers: &HeaderMap, submitted: &str) -> Result<(), WebError> {
    let expected = cookie(headers, LOGIN_CSRF_COOKIE).unwrap_or_default();
    if expected.is_empty() || !same_secret(submitted, &expected) {
        return Err(WebError::Forged(guest_locale(headers)));
    }
    Ok(())
}

/// The form asking for the account's email.
pub(crate) async fn forgot_form(State(state): State<AppState>, headers: HeaderMap) -> Result<Response, WebError> {
    if !state.options.password_reset {
        return Err(WebError::NotFound(guest_locale(&headers)));
    }
    page(&state, &headers, "password_forgot.html", minijinja::context! { sent => false })
}

#[derive(Deserialize)]
pub(crate) struct Forgot {
    csrf: String,
    email: String,
}

/// Mails a link when the email is an account's; says the same either way.
pub(crate) async fn forgot(
    State(state): State<AppState>,
    headers: HeaderMap,
    Form(form): Form<Forgot>,
) -> Result<Response, WebError> {
    if !state.options.password_reset {
        return Err(WebError::NotFound(guest_locale(&headers)));
    }
    check(&headers, &form.csrf)?;
    let locale = guest_locale(&headers);
    let email = form.email.clone();
    state
        .with_app(move |app| {
            ladder_app::accounts::request_password_reset(app, &email).map_err(|e| WebError::of(e, locale))
        })
        .await?;
    page(&state, &headers, "password_forgot.html", minijinja::context! { sent => true })
}

/// The page a reset link opens.
pub(crate) async fn reset_form(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(token): Path<String>,
) -> Result<Response, WebError> {
    page(&state, &headers, "password_reset.html", minijinja::context! { token, problem => None::<String> })
}

#[derive(Deserialize)]
pub(crate) struct Reset {
    csrf: String,
    password: String,
}

/// Sets the new password, then sends to the sign-in page.
pub(crate) async fn reset(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(token): Path<String>,
    Form(form): Form<Reset>,
) -> Result<Response, WebError> {
    check(&headers, &form.csrf)?;
    let locale = guest_locale(&headers);
    let t = token.clone();
    let done = state.with_app(move |app| Ok(ladder_app::accounts::reset_password(app, &t, &form.password))).await?;
    match done {
        Ok(_) => {
            // The user's sessions ended in the database; the ones this server remembers go too.
            state.sessions.clear();
            Ok(Redirect::to("/login?done=password-reset-done").into_response())
        }
        Err(AppError::Invalid(e)) => {
            let problem = crate::views::catalog().field_error(locale, &e, &|f| crate::views::field_label(locale, f));
            page(&state, &headers, "password_reset.html", minijinja::context! { token, problem })
        }
        Err(AppError::NotFound(_)) => {
            let problem = crate::views::catalog().text(locale, "password-reset-link-gone");
            page(&state, &headers, "password_reset.html", minijinja::context! { token, problem, gone => true })
        }
        Err(e) => Err(WebError::of(e, locale)),
    }
}
