//! Settings: the user's language and API tokens; for the owner, users and roles and the audit log.

use crate::auth::{Viewer, hash_password, password_problem, random_token, token_hash};
use crate::error::WebError;
use crate::pages::customers::shop_currency;
use crate::pages::{Frame, page};
use crate::state::AppState;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::response::{Html, IntoResponse, Redirect, Response};
use chrono::Utc;
use ladder_domain::access::{Permission, Role};
use ladder_store::{AuditEntry, NewUser, StoreError, UserChanges};
use serde::Deserialize;

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
    let problem = notice.problem.as_deref().filter(|p| p.starts_with("user-") || p.starts_with("password-"));
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

fn audit(viewer: &Viewer, action: &str, target: String, detail: String) -> AuditEntry {
    AuditEntry { at: Utc::now(), user_id: Some(viewer.user.id), action: action.into(), target, detail }
}

#[derive(Deserialize)]
pub(crate) struct NewUserForm {
    csrf: String,
    email: String,
    name: String,
    role: String,
    language: String,
    password: String,
}

pub(crate) async fn add_user(
    State(state): State<AppState>,
    viewer: Viewer,
    Form(form): Form<NewUserForm>,
) -> Result<Response, WebError> {
    viewer.check_csrf(&form.csrf)?;
    viewer.require(Permission::ManageUsers)?;
    let email = form.email.trim().to_lowercase();
    let problem = if !email.contains('@') {
        Some("user-email-invalid")
    } else if Role::parse(&form.role).is_none() {
        Some("user-role-invalid")
    } else {
        password_problem(&form.password, &email)
    };
    if let Some(problem) = problem {
        return Ok(Redirect::to(&format!("/settings?problem={problem}#users")).into_response());
    }
    let new = NewUser {
        email: email.clone(),
        name: form.name.trim().to_owned(),
        role: Role::parse(&form.role).unwrap_or(Role::Viewer),
        language: ladder_i18n::Locale::parse(&form.language).unwrap_or(viewer.locale).code().to_owned(),
        password_hash: hash_password(&form.password).map_err(|e| WebError::Internal(e.to_string()))?,
    };
    let entry = audit(&viewer, "add_user", format!("user:{email}"), new.role.as_str().to_owned());
    let created = state
        .with_store(move |s| match s.create_user(&new, entry.at) {
            Ok(_) => {
                s.record_audit(&entry)?;
                Ok(true)
            }
            Err(StoreError::Conflict(_)) => Ok(false),
            Err(e) => Err(e.into()),
        })
        .await?;
    let to = if created { "/settings?done=user-added#users" } else { "/settings?problem=user-exists#users" };
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
    let changes =
        UserChanges { role: Role::parse(&form.role), disabled: Some(form.enabled.is_none()), ..UserChanges::default() };
    let entry = audit(
        &viewer,
        "change_user",
        format!("user:{id}"),
        format!("role={} enabled={}", form.role, form.enabled.is_some()),
    );
    let ok = state
        .with_store(move |s| match s.update_user(id, &changes) {
            Ok(_) => {
                s.record_audit(&entry)?;
                Ok(true)
            }
            Err(StoreError::Conflict(_)) => Ok(false),
            Err(e) => Err(e.into()),
        })
        .await?;
    state.sessions.clear();
    let to = if ok { "/settings?done=user-changed#users" } else { "/settings?problem=user-last-owner#users" };
    Ok(Redirect::to(to).into_response())
}

#[derive(Deserialize)]
pub(crate) struct TokenForm {
    csrf: String,
    name: String,
}

/// Creates an API token and shows it once; only its hash is kept.
pub(crate) async fn create_token(
    State(state): State<AppState>,
    viewer: Viewer,
    Form(form): Form<TokenForm>,
) -> Result<Html<String>, WebError> {
    viewer.check_csrf(&form.csrf)?;
    viewer.require(Permission::UseApi)?;
    let token = format!("ldr_{}", random_token());
    let (hash, user_id) = (token_hash(&token), viewer.user.id);
    let name = Some(form.name.trim()).filter(|n| !n.is_empty()).unwrap_or("API").to_owned();
    let entry = audit(&viewer, "create_api_token", format!("user:{user_id}"), name.clone());
    state
        .with_store(move |s| {
            s.create_api_token(user_id, &name, &hash, entry.at)?;
            s.record_audit(&entry)?;
            Ok(())
        })
        .await?;
    let data = data(&state, &viewer).await?;
    settings_page(&viewer, data, &Notice::default(), Some(token))
}

pub(crate) async fn revoke_token(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
    Form(form): Form<crate::pages::login::CsrfOnly>,
) -> Result<Response, WebError> {
    viewer.check_csrf(form.csrf())?;
    let user_id = viewer.user.id;
    let entry = audit(&viewer, "revoke_api_token", format!("token:{id}"), String::new());
    state
        .with_store(move |s| {
            if s.revoke_api_token(user_id, id)? {
                s.record_audit(&entry)?;
            }
            Ok(())
        })
        .await?;
    Ok(Redirect::to("/settings?done=token-revoked#tokens").into_response())
}
