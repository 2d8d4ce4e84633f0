//! Errors of pages, rendered as a page in the reader's language with the right status. An internal error
//! keeps its cause, which goes to the log with every link of its chain; the reader gets a short message.

use crate::views;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use ladder_app::AppError;
use ladder_i18n::Locale;
use ladder_store::StoreError;

/// Why a page could not be shown.
#[derive(Debug)]
pub(crate) enum WebError {
    /// Nothing at this address.
    NotFound(Locale),
    /// The user's role does not allow it.
    Forbidden(Locale),
    /// A form's anti-forgery token is missing or wrong.
    Forged(Locale),
    /// Too many failed sign-ins.
    TooManyAttempts(Locale),
    /// Not signed in: go to the sign-in page, then back to `next`.
    SignIn { next: String },
    /// No account exists yet: create the owner's.
    Setup,
    /// What was asked for lives at another address now (a customer merged into another).
    Moved(String),
    /// Something broke on our side; the cause is logged.
    Internal(Box<dyn std::error::Error + Send + Sync>),
}

impl WebError {
    /// An internal error with its cause.
    pub(crate) fn internal(e: impl Into<Box<dyn std::error::Error + Send + Sync>>) -> Self {
        Self::Internal(e.into())
    }

    /// The error of a use-case, as a page in `locale` says it: a refusal is forbidden, a missing thing
    /// not found; a problem with a field or a conflict the page should have shown is internal here.
    pub(crate) fn of(e: AppError, locale: Locale) -> Self {
        match e {
            AppError::Forbidden(_) => Self::Forbidden(locale),
            AppError::NotFound(_) => Self::NotFound(locale),
            other => Self::internal(other),
        }
    }
}

impl From<StoreError> for WebError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound(_) => Self::NotFound(Locale::En),
            other => Self::internal(other),
        }
    }
}

impl From<AppError> for WebError {
    fn from(e: AppError) -> Self {
        Self::of(e, Locale::En)
    }
}

impl IntoResponse for WebError {
    fn into_response(self) -> Response {
        let (status, locale, title, detail) = match self {
            Self::SignIn { next } => {
                let target = if next.is_empty() || next == "/" {
                    "/login".to_owned()
                } else {
                    format!("/login?next={}", views::encode(&next))
                };
                return Redirect::to(&target).into_response();
            }
            Self::Setup => return Redirect::to("/setup").into_response(),
            Self::Moved(to) => return Redirect::to(&to).into_response(),
            Self::NotFound(l) => (StatusCode::NOT_FOUND, l, "error-not-found", "error-not-found-detail"),
            Self::Forbidden(l) => (StatusCode::FORBIDDEN, l, "error-forbidden", "error-forbidden-detail"),
            Self::Forged(l) => (StatusCode::FORBIDDEN, l, "error-forged", "error-forged-detail"),
            Self::TooManyAttempts(l) => (StatusCode::TOO_MANY_REQUESTS, l, "error-too-many", "error-too-many-detail"),
            Self::Internal(cause) => {
                tracing::error!(error = %ladder_app::error_chain(cause.as_ref()), "a page failed");
                (StatusCode::INTERNAL_SERVER_ERROR, Locale::En, "error-internal", "error-internal-detail")
            }
        };
        let body = views::error_page(locale, title, detail, status.as_u16());
        (status, body).into_response()
    }
}
