//! The pages, one module each; this module holds what every page's frame needs.

pub(crate) mod campaigns;
pub(crate) mod club;
pub(crate) mod customer;
pub(crate) mod customers;
pub(crate) mod dashboard;
pub(crate) mod import;
pub(crate) mod jobs;
pub(crate) mod ladder;
pub(crate) mod links;
pub(crate) mod login;
pub(crate) mod messages;
pub(crate) mod password;
pub(crate) mod playbooks;
pub(crate) mod reports;
pub(crate) mod segments;
pub(crate) mod settings;
pub(crate) mod shop;
pub(crate) mod today;

use crate::auth::{Viewer, guest_locale};
use crate::error::WebError;
use axum::http::HeaderMap;
use ladder_domain::access::Permission;
use ladder_i18n::Locale;
use minijinja::Value;
use serde::Serialize;
use std::collections::BTreeMap;

/// The languages a user can pick, in their own names.
#[derive(Serialize)]
pub(crate) struct LanguageChoice {
    code: &'static str,
    name: &'static str,
}

pub(crate) fn languages() -> Vec<LanguageChoice> {
    Locale::ALL.iter().map(|l| LanguageChoice { code: l.code(), name: l.native_name() }).collect()
}

/// The frame of a signed-in page: language, user, permissions, anti-forgery token, active menu item.
#[derive(Serialize)]
pub(crate) struct Frame {
    locale: &'static str,
    dir: &'static str,
    languages: Vec<LanguageChoice>,
    user_name: String,
    user_email: String,
    role: &'static str,
    csrf: String,
    can: BTreeMap<&'static str, bool>,
    nav: &'static str,
    currency: Option<String>,
}

impl Frame {
    pub(crate) fn new(viewer: &Viewer, nav: &'static str, currency: Option<String>) -> Self {
        Self {
            locale: viewer.locale.code(),
            dir: viewer.locale.dir(),
            languages: languages(),
            user_name: if viewer.user.name.is_empty() { viewer.user.email.clone() } else { viewer.user.name.clone() },
            user_email: viewer.user.email.clone(),
            role: viewer.role().as_str(),
            csrf: viewer.session.csrf_token.clone(),
            can: Permission::ALL.iter().map(|p| (p.as_str(), viewer.can(*p))).collect(),
            nav,
            currency,
        }
    }
}

/// A message in the viewer's language, for text made on the server (problems, notices).
pub(crate) fn text(viewer: &Viewer, id: &str, args: &[(&str, ladder_i18n::Arg)]) -> String {
    crate::views::catalog().text_with(viewer.locale, id, args)
}

/// A field's name as the reader's pages label it (`field-email`), else as files name it.
pub(crate) fn field_label(viewer: &Viewer, field: &str) -> String {
    crate::views::field_label(viewer.locale, field)
}

/// What is wrong with a value, in the viewer's language.
pub(crate) fn problem_text(viewer: &Viewer, problem: &ladder_domain::validate::Problem) -> String {
    crate::views::catalog().problem(viewer.locale, problem, &|f| field_label(viewer, f))
}

/// A refused value, in the viewer's language: the field and what is wrong with it.
pub(crate) fn field_problem(viewer: &Viewer, e: &ladder_domain::validate::FieldError) -> String {
    crate::views::catalog().field_error(viewer.locale, e, &|f| field_label(viewer, f))
}

/// Renders a signed-in page: the frame's variables and the page's own.
pub(crate) fn page(template: &str, frame: Frame, own: Value) -> Result<axum::response::Html<String>, WebError> {
    crate::views::render(template, minijinja::context! { ..Value::from_serialize(&frame), ..own })
}

/// Any address the app does not have.
pub(crate) async fn not_found(headers: HeaderMap) -> WebError {
    WebError::NotFound(guest_locale(&headers))
}
