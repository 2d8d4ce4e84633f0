//! Messages: the templates (each with a live preview for a real customer, in their language and
//! direction), the broadcasts (composed, counted before sending — who will receive it and who will not,
//! and why — sent, and reported), and the outbox. The use-cases are `ladder_app::templates` and
//! `ladder_app::broadcasts`; these handlers parse forms.

use crate::auth::Viewer;
use crate::error::WebError;
use crate::pages::{Frame, field_problem, page};
use crate::state::AppState;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use ladder_app::AppError;
use ladder_app::broadcasts::{self, BroadcastDraft};
use ladder_app::templates::{self, TemplateDraft};
use ladder_domain::access::Permission;
use ladder_domain::broadcast::Audience;
use ladder_domain::messaging::{MessagePurpose, OutboxStatus};
use ladder_domain::{Channel, CustomerState, Rung};
use ladder_store::OutboxQuery;
use serde::Deserialize;

/// The notices a redirect may ask for.
const NOTICES: [&str; 3] = ["messages-template-saved", "messages-broadcast-created", "messages-broadcast-sent"];

#[derive(Deserialize, Default)]
pub(crate) struct Notice {
    done: Option<String>,
    status: Option<String>,
}

/// The overview: templates, broadcasts, the latest messages of the outbox.
pub(crate) async fn overview(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(notice): Query<Notice>,
) -> Result<Response, WebError> {
    viewer.require(Permission::ViewReports)?;
    let status = notice.status.as_deref().and_then(OutboxStatus::parse);
    let (templates, broadcasts, outbox) = state
        .with_store(move |s| {
            let query = OutboxQuery { status, limit: 50, ..OutboxQuery::default() };
            Ok((s.templates()?, s.broadcasts(50)?, s.outbox(&query)?))
        })
        .await?;
    let done = notice.done.filter(|d| NOTICES.contains(&d.as_str()));
    let broadcasts: Vec<minijinja::Value> = broadcasts
        .iter()
        .map(|b| {
            minijinja::context! {
                id => b.id, name => &b.name, template => &b.template, channel => b.channel.as_str(),
                audience => audience_words(&viewer, &b.audience), status => b.status.as_str(),
                created_at => b.created_at.to_rfc3339(), enqueued => b.enqueued,
            }
        })
        .collect();
    let html = page(
        "messages.html",
        Frame::new(&viewer, "messages", None),
        minijinja::context! {
            templates => minijinja::Value::from_serialize(&templates),
            broadcasts, done,
            outbox => minijinja::Value::from_serialize(crate::pages::customer::said_messages(&outbox, viewer.locale)),
            status => status.map(|s| s.as_str()),
            statuses => OutboxStatus::ALL.iter().map(|s| s.as_str()).collect::<Vec<_>>(),
        },
    )?;
    Ok(html.into_response())
}

/// An audience in the reader's words.
fn audience_words(viewer: &Viewer, audience: &Audience) -> String {
    let t = |id: &str| crate::pages::text(viewer, id, &[]);
    match audience {
        Audience::All => t("messages-audience-all"),
        Audience::Newsletter => t("messages-audience-newsletter"),
        Audience::Segment { id } => crate::pages::text(viewer, "messages-audience-segment", &[("id", (*id).into())]),
        Audience::Rung { rung, state: None } => t(&format!("rung-{}", rung.as_str())),
        Audience::Rung { rung, state: Some(s) } => {
            format!("{}, {}", t(&format!("rung-{}", rung.as_str())), t(&format!("state-{}", s.as_str())))
        }
    }
}

/// The template form's fields.
#[derive(Deserialize, Default, Clone)]
pub(crate) struct TemplateForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    channel: String,
    #[serde(default)]
    language: String,
    #[serde(default)]
    purpose: String,
    #[serde(default)]
    subject: String,
    #[serde(default)]
    body: String,
    /// The customer the preview is for.
    #[serde(default)]
    customer: String,
}

impl TemplateForm {
    fn draft(&self) -> TemplateDraft {
        TemplateDraft {
            name: self.name.trim().to_owned(),
            channel: Channel::parse(&self.channel).unwrap_or(Channel::Email),
            language: self.language.trim().to_ascii_lowercase(),
            purpose: MessagePurpose::parse(&self.purpose).unwrap_or(MessagePurpose::Offer),
            subject: Some(self.subject.clone()).filter(|s| !s.trim().is_empty()),
            body: self.body.clone(),
        }
    }
}

async fn template_page(
    state: &AppState,
    viewer: &Viewer,
    form: TemplateForm,
    problem: Option<String>,
    status: StatusCode,
) -> Result<Response, WebError> {
    let customer = if form.customer.trim().is_empty() {
        state
            .with_store(|s| {
                let first = s.list_customers(&ladder_store::CustomerQuery { limit: 1, ..Default::default() })?;
                Ok(first.into_iter().next().map(|c| c.customer_id).unwrap_or_default())
            })
            .await?
    } else {
        form.customer.trim().to_owned()
    };
    let preview = render_preview(state, viewer, &form, &customer).await?;
    let html = page(
        "message_template.html",
        Frame::new(viewer, "messages", None),
        minijinja::context! {
            f => minijinja::context! {
                name => &form.name, channel => form.draft().channel.as_str(), language => form.draft().language,
                purpose => form.draft().purpose.as_str(), subject => &form.subject, body => &form.body,
            },
            customer, problem, preview,
            channels => [Channel::Email, Channel::Sms].map(|c| c.as_str()),
            template_languages => ladder_domain::shop::LANGUAGES,
            purposes => MessagePurpose::ALL.iter().map(|p| p.as_str()).collect::<Vec<_>>(),
            merge_fields => ladder_domain::template::MERGE_FIELDS,
        },
    )?;
    Ok((status, html).into_response())
}

/// The preview pane's HTML: the message as the customer would receive it, or why they would get none.
async fn render_preview(
    state: &AppState,
    viewer: &Viewer,
    form: &TemplateForm,
    customer: &str,
) -> Result<String, WebError> {
    if form.body.trim().is_empty() || customer.is_empty() {
        return Ok(String::new());
    }
    let (draft, customer_id, actor, locale) = (form.draft(), customer.to_owned(), viewer.actor(), viewer.locale);
    let rendered = state
        .with_app(move |app| match templates::preview_draft(app, &actor, &draft, &customer_id) {
            Ok(r) => Ok(Ok(r)),
            Err(AppError::Invalid(e)) => Ok(Err(e)),
            Err(e) => Err(WebError::of(e, locale)),
        })
        .await?;
    let context = match rendered {
        Ok(Ok(r)) => minijinja::context! { rendered => minijinja::Value::from_serialize(&r) },
        Ok(Err(skipped)) => minijinja::context! { skipped => skipped.reason },
        Err(e) => minijinja::context! { problem => field_problem(viewer, &e) },
    };
    let frame = minijinja::context! { locale => viewer.locale.code(), dir => viewer.locale.dir() };
    Ok(crate::views::render("message_preview.html", minijinja::context! { ..frame, ..context })?.0)
}

/// A new template (or a new version of one: `?name=…&channel=…&language=…` starts from it).
pub(crate) async fn new_template(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(start): Query<TemplateForm>,
) -> Result<Response, WebError> {
    viewer.require(Permission::ManageCampaigns)?;
    let mut form = start.clone();
    if !start.name.is_empty() {
        let (name, channel, language) = (start.name.clone(), start.draft().channel, start.draft().language);
        let existing = state
            .with_store(move |s| {
                Ok(s.templates()?
                    .into_iter()
                    .find(|t| t.name == name && t.channel == channel && t.language == language))
            })
            .await?;
        if let Some(t) = existing {
            form.purpose = t.purpose.as_str().to_owned();
            form.subject = t.subject.unwrap_or_default();
            form.body = t.body;
        }
    }
    if form.language.is_empty() {
        form.language = viewer.locale.code().to_owned();
    }
    template_page(&state, &viewer, form, None, StatusCode::OK).await
}

/// The live preview, asked for as the template is typed (htmx).
pub(crate) async fn preview(
    State(state): State<AppState>,
    viewer: Viewer,
    Form(form): Form<TemplateForm>,
) -> Result<Response, WebError> {
    viewer.require(Permission::ViewCustomers)?;
    viewer.check_csrf(&form.csrf)?;
    let html = render_preview(&state, &viewer, &form, form.customer.trim()).await?;
    Ok(Html(html).into_response())
}

/// Saves a template as its next version.
pub(crate) async fn save_template(
    State(state): State<AppState>,
    viewer: Viewer,
    Form(form): Form<TemplateForm>,
) -> Result<Response, WebError> {
    viewer.require(Permission::ManageCampaigns)?;
    viewer.check_csrf(&form.csrf)?;
    let (draft, actor, locale) = (form.draft(), viewer.actor(), viewer.locale);
    let saved = state
        .with_app(move |app| match templates::add(app, &actor, &draft) {
            Ok(t) => Ok(Ok(t)),
            Err(AppError::Invalid(e)) => Ok(Err(e)),
            Err(e) => Err(WebError::of(e, locale)),
        })
        .await?;
    match saved {
        Ok(_) => Ok(Redirect::to("/messages?done=messages-template-saved").into_response()),
        Err(e) => {
            let problem = field_problem(&viewer, &e);
            template_page(&state, &viewer, form, Some(problem), StatusCode::UNPROCESSABLE_ENTITY).await
        }
    }
}

/// The broadcast form's fields.
#[derive(Deserialize, Default, Clone)]
pub(crate) struct BroadcastForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    template: String,
    #[serde(default)]
    channel: String,
    /// `all`, `newsletter`, `rung` or `segment`.
    #[serde(default)]
    audience: String,
    #[serde(default)]
    rung: String,
    #[serde(default)]
    state: String,
    #[serde(default)]
    segment: String,
    #[serde(default)]
    code: String,
    /// Present when the sender defers what the caps would skip.
    #[serde(default)]
    defer_capped: Option<String>,
}

async fn broadcast_form(
    state: &AppState,
    viewer: &Viewer,
    form: BroadcastForm,
    problem: Option<String>,
    status: StatusCode,
) -> Result<Response, WebError> {
    let (templates, segments) = state.with_store(|s| Ok((s.templates()?, s.segments()?))).await?;
    let mut names: Vec<(String, &'static str)> = templates
        .iter()
        .filter(|t| t.purpose != MessagePurpose::Transactional && matches!(t.channel, Channel::Email | Channel::Sms))
        .map(|t| (t.name.clone(), t.channel.as_str()))
        .collect();
    names.sort();
    names.dedup();
    let segments: Vec<minijinja::Value> =
        segments.iter().map(|s| minijinja::context! { id => s.id, name => &s.name }).collect();
    let html = page(
        "message_broadcast_new.html",
        Frame::new(viewer, "messages", None),
        minijinja::context! {
            f => minijinja::context! {
                name => &form.name, template => &form.template, channel => &form.channel,
                audience => if form.audience.is_empty() { "all" } else { form.audience.as_str() },
                rung => &form.rung, state => &form.state, segment => &form.segment, code => &form.code,
                defer_capped => form.defer_capped.is_some(),
            },
            templates => names.iter().map(|(n, c)| minijinja::context! { name => n, channel => c }).collect::<Vec<_>>(),
            segments, problem,
            rungs => Rung::ALL.iter().map(|r| r.as_str()).collect::<Vec<_>>(),
            states => CustomerState::ALL.iter().map(|s| s.as_str()).collect::<Vec<_>>(),
        },
    )?;
    Ok((status, html).into_response())
}

/// The form of a new broadcast.
pub(crate) async fn new_broadcast(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(start): Query<BroadcastForm>,
) -> Result<Response, WebError> {
    viewer.require(Permission::ManageCampaigns)?;
    broadcast_form(&state, &viewer, start, None, StatusCode::OK).await
}

impl BroadcastForm {
    /// The draft, or the field that is wrong.
    fn draft(&self) -> Result<BroadcastDraft, &'static str> {
        let (template, channel) = self.template.split_once('|').unwrap_or((&self.template, &self.channel));
        let channel = Channel::parse(channel).ok_or("messages-template-missing")?;
        let audience = match self.audience.as_str() {
            "newsletter" => Audience::Newsletter,
            "rung" => Audience::Rung {
                rung: Rung::parse(&self.rung).ok_or("messages-rung-missing")?,
                state: CustomerState::parse(&self.state),
            },
            "segment" => Audience::Segment { id: self.segment.parse().map_err(|_| "messages-segment-missing")? },
            _ => Audience::All,
        };
        Ok(BroadcastDraft {
            name: Some(self.name.clone()).filter(|n| !n.trim().is_empty()),
            template: template.to_owned(),
            channel,
            audience,
            campaign_code: Some(self.code.clone()).filter(|c| !c.trim().is_empty()),
            send_at: None,
            defer_capped: self.defer_capped.is_some(),
        })
    }
}

/// Composes a broadcast as a draft, then shows who will receive it.
pub(crate) async fn create_broadcast(
    State(state): State<AppState>,
    viewer: Viewer,
    Form(form): Form<BroadcastForm>,
) -> Result<Response, WebError> {
    viewer.require(Permission::ManageCampaigns)?;
    viewer.check_csrf(&form.csrf)?;
    let draft = match form.draft() {
        Ok(d) => d,
        Err(problem) => {
            let problem = crate::pages::text(&viewer, problem, &[]);
            return broadcast_form(&state, &viewer, form, Some(problem), StatusCode::UNPROCESSABLE_ENTITY).await;
        }
    };
    let (actor, locale) = (viewer.actor(), viewer.locale);
    let made = state
        .with_app(move |app| match broadcasts::create(app, &actor, &draft) {
            Ok(id) => Ok(Ok(id)),
            Err(AppError::Invalid(e)) => Ok(Err(e)),
            Err(e) => Err(WebError::of(e, locale)),
        })
        .await?;
    match made {
        Ok(id) => {
            Ok(Redirect::to(&format!("/messages/broadcasts/{id}?done=messages-broadcast-created")).into_response())
        }
        Err(e) => {
            let problem = field_problem(&viewer, &e);
            broadcast_form(&state, &viewer, form, Some(problem), StatusCode::UNPROCESSABLE_ENTITY).await
        }
    }
}

/// A broadcast: for a draft, who will receive it and who will not, by reason, and the button that sends
/// it; once sent, what became of its messages.
pub(crate) async fn show_broadcast(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
    Query(notice): Query<Notice>,
) -> Result<Response, WebError> {
    viewer.require(Permission::ViewReports)?;
    let (actor, locale) = (viewer.actor(), viewer.locale);
    let (report, track_clicks) = state
        .with_app(move |app| {
            let report = broadcasts::report(app, &actor, id).map_err(|e| WebError::of(e, locale))?;
            Ok((report, app.store().shop_settings()?.sending.track_clicks))
        })
        .await?;
    let catalog = crate::views::catalog();
    let said =
        |r: &Option<String>| r.as_deref().map(|r| crate::pages::customer::said_reason(catalog, viewer.locale, r));
    let summary: Vec<minijinja::Value> = report
        .messages
        .iter()
        .map(|m| minijinja::context! { status => m.status.as_str(), reason => said(&m.reason), count => m.count })
        .collect();
    let forecast = report.forecast.as_ref().map(|f| {
        let words = |list: &[(String, u64)]| -> Vec<minijinja::Value> {
            list.iter().map(|(r, n)| minijinja::context! { reason => said(&Some(r.clone())), count => n }).collect()
        };
        minijinja::context! {
            audience => f.audience, send => f.send, held => words(&f.held), skipped => words(&f.skipped),
            sms => f.sms.as_ref().map(minijinja::Value::from_serialize),
        }
    });
    let results = report.results.as_ref().map(minijinja::Value::from_serialize);
    let broadcast = report.broadcast;
    let done = notice.done.filter(|d| NOTICES.contains(&d.as_str()));
    let html = page(
        "message_broadcast.html",
        Frame::new(&viewer, "messages", None),
        minijinja::context! {
            b => minijinja::Value::from_serialize(&broadcast),
            audience => audience_words(&viewer, &broadcast.audience),
            forecast,
            summary, results, done, track_clicks,
            days => ladder_app::broadcasts::RESULTS_WINDOW_DAYS,
        },
    )?;
    Ok(html.into_response())
}

#[derive(Deserialize)]
pub(crate) struct Csrf {
    csrf: String,
}

/// Sends a draft.
pub(crate) async fn send_broadcast(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
    Form(form): Form<Csrf>,
) -> Result<Response, WebError> {
    viewer.require(Permission::ManageCampaigns)?;
    viewer.check_csrf(&form.csrf)?;
    let (actor, locale) = (viewer.actor(), viewer.locale);
    state
        .with_app(move |app| match broadcasts::send(app, &actor, id) {
            // Sent already (a second click): the page says where it stands.
            Ok(_) | Err(AppError::Conflict(_)) => Ok(()),
            Err(e) => Err(WebError::of(e, locale)),
        })
        .await?;
    Ok(Redirect::to(&format!("/messages/broadcasts/{id}?done=messages-broadcast-sent")).into_response())
}

/// The call list: the calls due now with the script for each customer, and their outcome forms.
pub(crate) async fn calls(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(notice): Query<Notice>,
) -> Result<Response, WebError> {
    viewer.require(Permission::ViewCustomers)?;
    let (actor, locale) = (viewer.actor(), viewer.locale);
    let calls = state
        .with_app(move |app| ladder_app::calls::call_list(app, &actor, 100).map_err(|e| WebError::of(e, locale)))
        .await?;
    let catalog = crate::views::catalog();
    let calls: Vec<minijinja::Value> = calls
        .iter()
        .map(|c| {
            minijinja::context! {
                id => c.message.id, customer_id => &c.message.customer_id, name => &c.name, phone => &c.phone,
                script => c.script.as_ref().ok(), direction => c.direction, language => &c.message.language,
                skipped => c.script.as_ref().err().map(|r| crate::pages::customer::said_reason(catalog, viewer.locale, r)),
            }
        })
        .collect();
    let html = page(
        "message_calls.html",
        Frame::new(&viewer, "messages", None),
        minijinja::context! {
            calls, done => notice.done.filter(|d| d == "messages-call-recorded"),
            outcomes => ["reached", "no_answer", "declined", "wrong_number"],
        },
    )?;
    Ok(html.into_response())
}

#[derive(Deserialize)]
pub(crate) struct CallForm {
    csrf: String,
    outcome: String,
    #[serde(default)]
    note: String,
}

/// Records how a call went.
pub(crate) async fn record_call(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
    Form(form): Form<CallForm>,
) -> Result<Response, WebError> {
    viewer.require(Permission::AddInteractions)?;
    viewer.check_csrf(&form.csrf)?;
    let outcome = ladder_app::calls::CallOutcome::parse(&form.outcome).ok_or(WebError::NotFound(viewer.locale))?;
    let (actor, locale) = (viewer.actor(), viewer.locale);
    state
        .with_app(move |app| {
            ladder_app::calls::record_call(app, &actor, id, outcome, Some(&form.note))
                .map_err(|e| WebError::of(e, locale))
        })
        .await?;
    Ok(Redirect::to("/messages/calls?done=messages-call-recorded").into_response())
}
