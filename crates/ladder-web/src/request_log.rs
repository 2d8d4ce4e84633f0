//! One log line per request: method, route template (`/customers/{id}`, never the address itself with its
//! query), status, milliseconds and the signed-in user's id. Headers, cookies and bodies are never logged.

use axum::extract::{MatchedPath, Request};
use axum::http::request::Parts;
use axum::middleware::Next;
use axum::response::Response;
use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};
use std::time::Instant;

/// Where the sign-in extractors leave the user's id for the request's log line.
#[derive(Clone, Default)]
pub(crate) struct SignedIn(Arc<AtomicI64>);

impl SignedIn {
    /// Notes the request's user (from a session or an API token).
    pub(crate) fn note(parts: &Parts, user_id: i64) {
        if let Some(slot) = parts.extensions.get::<SignedIn>() {
            slot.0.store(user_id, Ordering::Relaxed);
        }
    }

    fn user_id(&self) -> Option<i64> {
        Some(self.0.load(Ordering::Relaxed)).filter(|id| *id > 0)
    }
}

/// The middleware.
pub(crate) async fn log_request(mut request: Request, next: Next) -> Response {
    let method = request.method().clone();
    let route =
        request.extensions().get::<MatchedPath>().map_or_else(|| "(none)".to_owned(), |p| p.as_str().to_owned());
    let signed_in = SignedIn::default();
    request.extensions_mut().insert(signed_in.clone());
    let started = Instant::now();
    let response = next.run(request).await;
    let ms = (started.elapsed().as_secs_f64() * 10_000.0).round() / 10.0;
    let status = response.status().as_u16();
    let user_id = signed_in.user_id();
    if status >= 500 {
        tracing::error!(method = %method, route, status, ms, user_id, "request");
    } else {
        tracing::info!(method = %method, route, status, ms, user_id, "request");
    }
    response
}

/// The pages' security headers: no framing, no sniffing, the referrer kept to this site, and a policy
/// that loads scripts, styles, images and form targets from this server only (styles may be inline, for
/// the charts' bars); nothing but the assets is cached. `Strict-Transport-Security` when cookies are marked `Secure` (behind HTTPS).
pub(crate) async fn security_headers(
    axum::extract::State(state): axum::extract::State<crate::state::AppState>,
    request: Request,
    next: Next,
) -> Response {
    use axum::http::HeaderValue;
    use axum::http::header;
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    headers.insert(header::REFERRER_POLICY, HeaderValue::from_static("same-origin"));
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; \
             form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'",
        ),
    );
    // Pages may show what only the signed-in user should see (a new API token, a customer): no copy is
    // kept by the browser or a proxy. Assets say their own caching.
    if !headers.contains_key(header::CACHE_CONTROL) {
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    if state.options.secure_cookies {
        headers.insert(header::STRICT_TRANSPORT_SECURITY, HeaderValue::from_static("max-age=31536000"));
    }
    response
}
