//! The pages a customer reaches from a message, without an account: one-click unsubscribe (RFC 8058:
//! a mail program's POST withdraws at once; the link opened in a browser asks first, since scanners
//! open links), the preference page, and a tracked link's redirect. The signed token in the address is the only key: there is no
//! session, so no anti-forgery token either — a forger would need the token itself.

use crate::error::WebError;
use crate::pages::languages;
use crate::state::AppState;
use axum::Form;
use axum::extract::{ConnectInfo, Path, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use ladder_app::preferences::{self, Choice, Visit};
use ladder_domain::Channel;
use ladder_domain::consent::Purpose;
use ladder_i18n::Locale;
use std::collections::HashMap;
use std::net::SocketAddr;

fn visit(state: &AppState, peer: SocketAddr, headers: &HeaderMap) -> Visit {
    Visit {
        ip: Some(state.options.trusted_proxies.client(peer.ip(), headers).to_string()),
        user_agent: headers.get("user-agent").and_then(|v| v.to_str().ok()).map(str::to_owned),
    }
}

/// The page's language: the customer's, else the browser's.
fn locale(language: Option<&str>, headers: &HeaderMap) -> Locale {
    language.and_then(Locale::parse).unwrap_or_else(|| crate::auth::guest_locale(headers))
}

/// A page without a sign-in, in `locale`, with the language switch leading back to `path`.
pub(crate) fn bare_page(
    name: &str,
    locale: Locale,
    path: &str,
    context: minijinja::Value,
) -> Result<Response, WebError> {
    let frame =
        minijinja::context! { locale => locale.code(), dir => locale.dir(), languages => languages(), next => path };
    Ok(crate::views::render(name, minijinja::context! { ..frame, ..context })?.into_response())
}

async fn shop_name(state: &AppState) -> Result<String, WebError> {
    state.with_store(|s| Ok(s.shop_settings()?.name)).await
}

/// A tracked link of a message: counts the click and leads on to the message's own address (a 302, so
/// the browser does not keep the redirect in place of the address).
pub(crate) async fn follow(
    State(state): State<AppState>,
    Path(token): Path<String>,
    headers: HeaderMap,
) -> Result<Response, WebError> {
    let guest = crate::auth::guest_locale(&headers);
    let address = state
        .with_app(move |app| ladder_app::messages::follow(app, &token).map_err(|e| WebError::of(e, guest)))
        .await?;
    Ok((axum::http::StatusCode::FOUND, [(axum::http::header::LOCATION, address)]).into_response())
}

/// The link opened in a browser: asks before it unsubscribes.
pub(crate) async fn ask(
    State(state): State<AppState>,
    Path(token): Path<String>,
    headers: HeaderMap,
) -> Result<Response, WebError> {
    let t = token.clone();
    let guest = crate::auth::guest_locale(&headers);
    let prefs =
        state.with_app(move |app| preferences::preferences(app, &t).map_err(|e| WebError::of(e, guest))).await?;
    let locale = locale(prefs.language.as_deref(), &headers);
    let shop = shop_name(&state).await?;
    bare_page("unsubscribe.html", locale, &format!("/u/{token}"), minijinja::context! { token, shop, done => false })
}

/// The unsubscribe itself: from a mail program (`List-Unsubscribe=One-Click`) or the page's button.
pub(crate) async fn unsubscribe(
    State(state): State<AppState>,
    Path(token): Path<String>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
) -> Result<Response, WebError> {
    let visit = visit(&state, peer, &headers);
    let t = token.clone();
    let guest = crate::auth::guest_locale(&headers);
    let subject = state
        .with_app(move |app| preferences::unsubscribe(app, &t, &visit).map_err(|e| WebError::of(e, guest)))
        .await?;
    let t = token.clone();
    let language = state
        .with_app(move |app| preferences::preferences(app, &t).map_err(|e| WebError::of(e, guest)))
        .await
        .ok()
        .and_then(|p| p.language);
    let locale = locale(language.as_deref(), &headers);
    let shop = shop_name(&state).await?;
    bare_page(
        "unsubscribe.html",
        locale,
        &format!("/u/{token}"),
        minijinja::context! { token, shop, done => true, channel => subject.channel.as_str() },
    )
}

/// The preference page.
pub(crate) async fn show(
    State(state): State<AppState>,
    Path(token): Path<String>,
    headers: HeaderMap,
) -> Result<Response, WebError> {
    preference_page(&state, token, &headers, false).await
}

async fn preference_page(
    state: &AppState,
    token: String,
    headers: &HeaderMap,
    saved: bool,
) -> Result<Response, WebError> {
    let t = token.clone();
    let guest = crate::auth::guest_locale(headers);
    let prefs =
        state.with_app(move |app| preferences::preferences(app, &t).map_err(|e| WebError::of(e, guest))).await?;
    let locale = locale(prefs.language.as_deref(), headers);
    let shop = shop_name(state).await?;
    let choices: Vec<minijinja::Value> = prefs
        .choices
        .iter()
        .map(|c| {
            minijinja::context! {
                name => format!("{}.{}", c.channel.as_str(), c.purpose.as_str()),
                channel => c.channel.as_str(), purpose => c.purpose.as_str(), granted => c.granted,
            }
        })
        .collect();
    bare_page(
        "preferences.html",
        locale,
        &format!("/preferences/{token}"),
        minijinja::context! { token, shop, first_name => prefs.first_name, choices, saved },
    )
}

/// Saves the preference page: a box ticked is a yes, one left empty a no.
pub(crate) async fn save(
    State(state): State<AppState>,
    Path(token): Path<String>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    Form(form): Form<HashMap<String, String>>,
) -> Result<Response, WebError> {
    let visit = visit(&state, peer, &headers);
    let wanted: Vec<Choice> = Channel::ALL
        .iter()
        .flat_map(|c| [Purpose::Marketing, Purpose::Newsletter].map(|p| (*c, p)))
        .map(|(channel, purpose)| Choice {
            channel,
            purpose,
            granted: form.contains_key(&format!("{}.{}", channel.as_str(), purpose.as_str())),
        })
        .collect();
    let wording = form.get("wording").cloned().unwrap_or_default();
    let t = token.clone();
    let guest = crate::auth::guest_locale(&headers);
    state
        .with_app(move |app| {
            preferences::save_preferences(app, &t, &wanted, &wording, &visit).map_err(|e| WebError::of(e, guest))
        })
        .await?;
    preference_page(&state, token, &headers, true).await
}
