//! Settings: the user's language and API tokens; for the owner, users and roles and the audit log.

use crate::auth::Viewer;
use crate::error::WebError;
use crate::pages::customers::shop_currency;
use crate::pages::{Frame, field_label, page, text};
use crate::state::AppState;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::response::{Html, IntoResponse, Redirect, Response};
use ladder_app::AppError;
use ladder_app::accounts::{UserEdit, UserInput};
use ladder_domain::access::{Permission, Role};
use ladder_domain::audit::Action;
use ladder_domain::validate::Problem;
use ladder_i18n::{Arg, Locale};
use serde::{Deserialize, Serialize};

/// An audit entry as the log shows it: who in words, what in the reader's language, and the fields it
/// changed.
#[derive(Serialize)]
struct AuditLine {
    at: chrono::DateTime<chrono::Utc>,
    who: String,
    what: String,
    target: String,
    changes: Vec<ShownChange>,
}

/// A changed field as the log shows it: its label in the reader's language, and its values.
#[derive(Serialize)]
struct ShownChange {
    field: String,
    label: String,
    before: Option<String>,
    after: Option<String>,
}

fn audit_line(viewer: &Viewer, record: &ladder_store::AuditRecord) -> AuditLine {
    let email = record.user_email.clone().unwrap_or_else(|| record.actor.clone());
    let who = match record.actor.split_once(':').map_or(record.actor.as_str(), |(kind, _)| kind) {
        "cli" => text(viewer, "audit-by-cli", &[]),
        "system" => text(viewer, "audit-by-system", &[]),
        "token" => text(viewer, "audit-by-token", &[("email", Arg::Text(email))]),
        _ => email,
    };
    let id = format!("audit-action-{}", record.action.replace(['.', '_'], "-"));
    let what =
        if crate::views::catalog().has(Locale::En, &id) { text(viewer, &id, &[]) } else { record.action.clone() };
    // Each field named as its form labels it: the shop's settings and campaigns have their own labels.
    let (prefix, changes) = match Action::from_detail(&record.detail) {
        Some(Action::SettingsChanged { changes }) => ("shop-field-", changes),
        Some(Action::CampaignSaved { changes, .. }) => ("campaign-field-", changes),
        Some(Action::CustomerChanged { changes, .. }) | Some(Action::UserChanged { changes, .. }) => ("", changes),
        _ => ("", Vec::new()),
    };
    let catalog = crate::views::catalog();
    let label = |field: &str| {
        let own = format!("{prefix}{field}");
        if !prefix.is_empty() && catalog.has(Locale::En, &own) {
            text(viewer, &own, &[])
        } else {
            field_label(viewer, field)
        }
    };
    let changes = changes
        .into_iter()
        .map(|c| ShownChange { field: c.field.clone(), label: label(&c.field), before: c.before, after: c.after })
        .collect();
    AuditLine { at: record.at, who, what, target: record.target.clone(), changes }
}

#[derive(Deserialize, Default)]
pub(crate) struct Notice {
    problem: Option<String>,
    done: Option<String>,
}

fn settings_page(
    viewer: &Viewer,
    data: (Vec<ladder_store::User>, Vec<ladder_store::ApiToken>, Vec<ladder_store::AuditRecord>, Option<String>),
    notice: &Notice,
    new_token: Option<String>,
) -> Result<Html<String>, WebError> {
    let (users, tokens, audit, currency) = data;
    let audit: Vec<AuditLine> = audit.iter().map(|a| audit_line(viewer, a)).collect();
    let problem = notice
        .problem
        .as_deref()
        .filter(|p| p.starts_with("user-") || p.starts_with("password-") || p.starts_with("token-"));
    page(
        "settings.html",
        Frame::new(viewer, "settings", currency),
        minijinja::context! {
            users, tokens, audit, new_token, problem, done => notice.done.as_deref(),
            roles => Role::ALL.iter().map(|r| r.as_str()).collect::<Vec<_>>(),
            permissions => Permission::ALL.iter().map(|p| p.as_str()).collect::<Vec<_>>(),
            matrix => Role::ALL.iter().map(|r| (r.as_str(), Permission::ALL.iter().map(|p| r.allows(*p)).collect::<Vec<_>>())).collect::<Vec<_>>(),
        },
    )
}

async fn data(
    state: &AppState,
    viewer: &Viewer,
) -> Result<
    (Vec<ladder_store::User>, Vec<ladder_store::ApiToken>, Vec<ladder_store::AuditRecord>, Option<String>),
    WebError,
> {
    let (manage, audit, user_id) =
        (viewer.can(Permission::ManageUsers), viewer.can(Permission::ViewAudit), viewer.user.id);
    state
        .with_store(move |s| {
            let users = if manage { s.users()? } else { Vec::new() };
            let tokens = s.api_tokens(user_id)?;
            let audit = if audit { s.audit_log(50, None)? } else { Vec::new() };
            Ok((users, tokens, audit, shop_currency(s)?.0))
        })
        .await
}

pub(crate) async fn show(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(notice): Query<Notice>,
) -> Result<Html<String>, WebError> {
    let data = data(&state, &viewer).await?;
    settings_page(&viewer, data, &notice, None)
}

#[derive(Deserialize)]
pub(crate) struct NewUserForm {
    csrf: String,
    email: String,
    name: String,
    /// The least role unless another is chosen.
    #[serde(default = "least_role")]
    role: String,
    language: String,
    password: String,
}

fn least_role() -> String {
    Role::Viewer.as_str().to_owned()
}

pub(crate) async fn add_user(
    State(state): State<AppState>,
    viewer: Viewer,
    Form(form): Form<NewUserForm>,
) -> Result<Response, WebError> {
    viewer.check_csrf(&form.csrf)?;
    viewer.require(Permission::ManageUsers)?;
    let Some(role) = Role::parse(&form.role) else {
        return Ok(Redirect::to("/settings?problem=user-role-invalid#users").into_response());
    };
    let input = UserInput {
        email: form.email.clone(),
        name: form.name.clone(),
        role,
        language: ladder_i18n::Locale::parse(&form.language).unwrap_or(viewer.locale).code().to_owned(),
        password: form.password.clone(),
    };
    let actor = viewer.actor();
    let created = state.with_app(move |app| Ok(ladder_app::accounts::create_user(app, &actor, &input))).await?;
    let to = match created {
        Ok(_) => "/settings?done=user-added#users",
        Err(AppError::Invalid(e)) => match e.problem {
            Problem::Taken => "/settings?problem=user-exists#users",
            Problem::PasswordTooShort { .. } => "/settings?problem=password-too-short#users",
            Problem::PasswordIsEmail => "/settings?problem=password-is-email#users",
            _ => "/settings?problem=user-email-invalid#users",
        },
        Err(e) => return Err(viewer.fail(e)),
    };
    Ok(Redirect::to(to).into_response())
}

#[derive(Deserialize)]
pub(crate) struct ChangeUserForm {
    csrf: String,
    role: String,
    enabled: Option<String>,
}

pub(crate) async fn change_user(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
    Form(form): Form<ChangeUserForm>,
) -> Result<Response, WebError> {
    viewer.check_csrf(&form.csrf)?;
    viewer.require(Permission::ManageUsers)?;
    let edit =
        UserEdit { role: Role::parse(&form.role), disabled: Some(form.enabled.is_none()), ..UserEdit::default() };
    let actor = viewer.actor();
    let changed = state.with_app(move |app| Ok(ladder_app::accounts::update_user(app, &actor, id, &edit))).await?;
    state.sessions.clear();
    let to = match changed {
        Ok(_) => "/settings?done=user-changed#users",
        Err(AppError::Conflict(_)) => "/settings?problem=user-last-owner#users",
        Err(e) => return Err(viewer.fail(e)),
    };
    Ok(Redirect::to(to).into_response())
}

#[derive(Deserialize)]
pub(crate) struct TokenForm {
    csrf: String,
    name: String,
    /// The last day the token works (`YYYY-MM-DD`), or empty.
    #[serde(default)]
    valid_through: String,
}

/// Creates an API token and shows it once; only its hash is kept.
pub(crate) async fn create_token(
    State(state): State<AppState>,
    viewer: Viewer,
    Form(form): Form<TokenForm>,
) -> Result<Response, WebError> {
    viewer.check_csrf(&form.csrf)?;
    viewer.require(Permission::UseApi)?;
    let valid_through = match form.valid_through.trim() {
        "" => None,
        typed => match crate::views::read_typed_date(viewer.locale, typed) {
            Ok(day) => Some(day),
            Err(_) => return Ok(Redirect::to("/settings?problem=token-expiry-past#tokens").into_response()),
        },
    };
    let (actor, name) = (viewer.actor(), form.name.clone());
    let created = state
        .with_app(move |app| Ok(ladder_app::accounts::create_api_token(app, &actor, &name, valid_through)))
        .await?;
    let token = match created {
        Ok((_, token)) => token,
        Err(AppError::Invalid(_)) => {
            return Ok(Redirect::to("/settings?problem=token-expiry-past#tokens").into_response());
        }
        Err(e) => return Err(viewer.fail(e)),
    };
    let data = data(&state, &viewer).await?;
    Ok(settings_page(&viewer, data, &Notice::default(), Some(token))?.into_response())
}

#[derive(Deserialize)]
pub(crate) struct PasswordForm {
    csrf: String,
    current_password: String,
    password: String,
}

/// Changes the signed-in user's own password; their other sessions end.
pub(crate) async fn change_password(
    State(state): State<AppState>,
    viewer: Viewer,
    Form(form): Form<PasswordForm>,
) -> Result<Response, WebError> {
    viewer.check_csrf(&form.csrf)?;
    let (actor, keep) = (viewer.actor(), viewer.session.token_hash.clone());
    let changed = state
        .with_app(move |app| {
            Ok(ladder_app::accounts::change_own_password(app, &actor, &form.current_password, &form.password, &keep))
        })
        .await?;
    state.sessions.clear();
    let to = match changed {
        Ok(()) => "/settings?done=password-changed#password",
        Err(AppError::Invalid(e)) => match e.problem {
            Problem::WrongPassword => "/settings?problem=password-wrong#password",
            Problem::PasswordIsEmail => "/settings?problem=password-is-email#password",
            _ => "/settings?problem=password-too-short#password",
        },
        Err(e) => return Err(viewer.fail(e)),
    };
    Ok(Redirect::to(to).into_response())
}

pub(crate) async fn revoke_token(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
    Form(form): Form<crate::pages::login::CsrfOnly>,
) -> Result<Response, WebError> {
    viewer.check_csrf(form.csrf())?;
    let actor = viewer.actor();
    let revoked = state.with_app(move |app| Ok(ladder_app::accounts::revoke_api_token(app, &actor, id)?)).await?;
    // Another user's token, or none with this id: nothing happened, and the page must not say otherwise.
    if !revoked {
        return Err(WebError::NotFound(viewer.locale));
    }
    Ok(Redirect::to("/settings?done=token-revoked#tokens").into_response())
}
