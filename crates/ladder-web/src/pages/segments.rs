//! Segments: saved customer filters with a live count. A segment keeps its rule (`ladder_domain::segment`),
//! never a list of members, so it always means the customers who match now; the API lists those members
//! for other systems. Turning a rule into a query is `ladder_app::segments`' — this page parses forms.
//!
//! A new filter needs: its field in the domain's rule (`SegmentRule::set` and `fields`), its field in
//! [`Filters`], and an input and a pill in `segments.html`; saving, counting, the members' link and the
//! API then follow.

use crate::auth::Viewer;
use crate::error::WebError;
use crate::pages::customers::{Filters, shop_currency};
use crate::pages::{Frame, page};
use crate::state::AppState;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use chrono::{DateTime, Utc};
use ladder_app::AppError;
use ladder_domain::access::Permission;
use ladder_domain::segment::{KEYS, SegmentRule};
use ladder_domain::validate::{FieldError, Problem};
use ladder_domain::{Channel, CustomerState, RfmSegment, Rung};
use ladder_store::{Segment, Store, StoreError};
use serde::{Deserialize, Serialize};

/// The notices a redirect may ask for.
const NOTICES: [&str; 2] = ["segments-saved", "segments-deleted"];

/// The message of a refused segment: the name's own problems, or a filter's.
fn problem_id(e: &FieldError) -> &'static str {
    match (e.field.as_str(), &e.problem) {
        ("name", Problem::Required) => "segments-name-missing",
        ("name", Problem::TooLong { .. }) => "segments-name-too-long",
        ("name", Problem::Taken) => "segments-name-taken",
        ("min_clv" | "max_clv" | "min_orders" | "max_orders", _) => "segments-value-invalid",
        _ => "segments-filter-invalid",
    }
}

/// A stored segment's rule; one that cannot be read is an error, never "everyone".
pub(crate) fn stored(segment: &Segment) -> Result<SegmentRule, WebError> {
    ladder_app::segments::rule(segment).map_err(WebError::internal)
}

/// The customer list showing the members now.
pub(crate) fn members_link(rule: &SegmentRule) -> String {
    let pairs: Vec<String> = rule.fields().iter().map(|(k, v)| format!("{k}={}", crate::views::encode(v))).collect();
    if pairs.is_empty() { "/customers".to_owned() } else { format!("/customers?{}", pairs.join("&")) }
}

/// How many customers match now, up to `cap`.
pub(crate) fn count(store: &dyn Store, rule: &SegmentRule, cap: u64) -> Result<u64, StoreError> {
    ladder_app::segments::count(store, rule, cap)
}

/// A saved segment on the page.
#[derive(Serialize)]
struct Row {
    id: i64,
    name: String,
    f: Filters,
    count: u64,
    members: String,
    updated_at: DateTime<Utc>,
}

/// What the builder shows: a segment being made or changed.
struct Builder {
    id: Option<i64>,
    name: String,
    filters: Filters,
    problem: Option<&'static str>,
}

/// The page: the saved segments with their counts, and the builder.
async fn render(
    state: &AppState,
    viewer: &Viewer,
    builder: Builder,
    done: Option<String>,
    status: StatusCode,
) -> Result<Response, WebError> {
    let filters = builder.filters.clone();
    let counts = state.counts.clone();
    let (rows, count, currency) = state
        .with_store(move |s| {
            let (currency, exponent) = shop_currency(s)?;
            let exact = |rule: &SegmentRule| counts.of(s, &ladder_app::segments::query(rule, exponent));
            let mut rows = Vec::new();
            for segment in s.segments()? {
                let rule = stored(&segment)?;
                let n = exact(&rule)?;
                let members = members_link(&rule);
                let (id, name, updated_at, f) = (segment.id, segment.name, segment.updated_at, Filters::of(&rule));
                rows.push(Row { id, name, f, count: n, members, updated_at });
            }
            let total = exact(&filters.rule())?;
            Ok((rows, total, currency))
        })
        .await?;
    let done = done.filter(|d| NOTICES.contains(&d.as_str()));
    let action = builder.id.map_or_else(|| "/segments".to_owned(), |id| format!("/segments/{id}"));
    let html = page(
        "segments.html",
        Frame::new(viewer, "segments", currency),
        minijinja::context! {
            saved => rows, done, action, count,
            problem => builder.problem,
            editing => builder.id,
            name => builder.name,
            name_max => ladder_app::segments::NAME_MAX,
            members => members_link(&builder.filters.rule()),
            f => minijinja::Value::from_serialize(&builder.filters),
            rungs => Rung::ALL.iter().map(|r| r.as_str()).collect::<Vec<_>>(),
            states => CustomerState::ALL.iter().map(|s| s.as_str()).collect::<Vec<_>>(),
            rfm_segments => RfmSegment::ALL.iter().map(|s| s.as_str()).collect::<Vec<_>>(),
            channels => Channel::ALL.iter().map(|c| c.as_str()).collect::<Vec<_>>(),
        },
    )?;
    Ok((status, html).into_response())
}

#[derive(Deserialize, Default)]
pub(crate) struct Notice {
    done: Option<String>,
}

/// The list and an empty builder, or one filled from the address (`/segments?rung=loyal`).
pub(crate) async fn list(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(notice): Query<Notice>,
    Query(mut filters): Query<Filters>,
) -> Result<Response, WebError> {
    viewer.require(Permission::ViewCustomers)?;
    filters.page = None;
    let builder = Builder { id: None, name: String::new(), filters, problem: None };
    render(&state, &viewer, builder, notice.done, StatusCode::OK).await
}

/// The builder loaded with a saved segment.
pub(crate) async fn edit(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
) -> Result<Response, WebError> {
    viewer.require(Permission::ViewCustomers)?;
    let segment = state.with_store(move |s| Ok(s.segment(id)?)).await?.ok_or(WebError::NotFound(viewer.locale))?;
    let filters = Filters::of(&stored(&segment)?);
    let builder = Builder { id: Some(segment.id), name: segment.name, filters, problem: None };
    render(&state, &viewer, builder, None, StatusCode::OK).await
}

/// The builder's live count, as a fragment for htmx.
pub(crate) async fn live_count(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(mut filters): Query<Filters>,
) -> Result<Html<String>, WebError> {
    viewer.require(Permission::ViewCustomers)?;
    filters.page = None;
    let rule = filters.rule();
    let counted = rule.clone();
    let counts = state.counts.clone();
    let (count, currency) = state
        .with_store(move |s| {
            let (currency, exponent) = shop_currency(s)?;
            Ok((counts.of(s, &ladder_app::segments::query(&counted, exponent))?, currency))
        })
        .await?;
    crate::views::render(
        "segment.html",
        minijinja::context! {
            locale => viewer.locale.code(), currency, count,
            members => members_link(&rule),
        },
    )
}

/// Creates a segment.
pub(crate) async fn create(
    State(state): State<AppState>,
    viewer: Viewer,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    save(state, viewer, None, fields).await
}

/// Changes a segment.
pub(crate) async fn change(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    save(state, viewer, Some(id), fields).await
}

/// Saves the builder's form; its "count" button (for browsers without scripts) only counts.
async fn save(
    state: AppState,
    viewer: Viewer,
    id: Option<i64>,
    fields: Vec<(String, String)>,
) -> Result<Response, WebError> {
    let field = |name: &str| fields.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone()).unwrap_or_default();
    viewer.check_csrf(&field("csrf"))?;
    let (name, intent) = (field("name"), field("intent"));
    let typed: Vec<(String, String)> = fields.into_iter().filter(|(k, _)| KEYS.contains(&k.as_str())).collect();
    let filters = loose(&typed);
    if intent == "count" {
        viewer.require(Permission::ViewCustomers)?;
        let builder = Builder { id, name, filters, problem: None };
        return render(&state, &viewer, builder, None, StatusCode::OK).await;
    }
    viewer.require(Permission::ManageSegments)?;
    let rule = SegmentRule::from_fields(typed.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    let refused = |problem: &FieldError| Builder {
        id,
        name: name.clone(),
        filters: filters.clone(),
        problem: Some(problem_id(problem)),
    };
    let rule = match rule {
        Ok(rule) => rule,
        Err(problem) => {
            return render(&state, &viewer, refused(&problem), None, StatusCode::UNPROCESSABLE_ENTITY).await;
        }
    };
    let (actor, saved_name) = (viewer.actor(), name.clone());
    let saved = state.with_app(move |app| Ok(ladder_app::segments::save(app, &actor, id, &saved_name, &rule))).await?;
    match saved {
        Ok(_) => Ok(Redirect::to("/segments?done=segments-saved").into_response()),
        Err(AppError::Invalid(problem)) => {
            let status =
                if problem.problem == Problem::Taken { StatusCode::CONFLICT } else { StatusCode::UNPROCESSABLE_ENTITY };
            render(&state, &viewer, refused(&problem), None, status).await
        }
        Err(e) => Err(viewer.fail(e)),
    }
}

/// Filters from form fields as typed, for showing the form again.
fn loose(fields: &[(String, String)]) -> Filters {
    let map: serde_json::Map<String, serde_json::Value> =
        fields.iter().map(|(k, v)| (k.clone(), serde_json::Value::String(v.clone()))).collect();
    serde_json::from_value(serde_json::Value::Object(map)).unwrap_or_default()
}

/// Deletes a segment; its customers are not touched.
pub(crate) async fn delete(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
    Form(form): Form<crate::pages::login::CsrfOnly>,
) -> Result<Response, WebError> {
    viewer.check_csrf(form.csrf())?;
    viewer.require(Permission::ManageSegments)?;
    let actor = viewer.actor();
    let deleted = state.with_app(move |app| Ok(ladder_app::segments::delete(app, &actor, id)?)).await?;
    if !deleted {
        return Err(WebError::NotFound(viewer.locale));
    }
    Ok(Redirect::to("/segments?done=segments-deleted").into_response())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value as Json;

    #[test]
    fn the_keys_are_the_filters_but_the_page() {
        let Json::Object(all) = serde_json::to_value(Filters::default()).expect("filters serialize") else {
            panic!("filters are an object")
        };
        let mut fields: Vec<&str> = all.keys().map(String::as_str).filter(|k| *k != "page").collect();
        let mut keys = KEYS.to_vec();
        fields.sort_unstable();
        keys.sort_unstable();
        assert_eq!(fields, keys, "a new filter belongs in the domain's KEYS");
    }

    #[test]
    fn a_rule_shows_as_filters_and_its_members_link() {
        let rule =
            SegmentRule::from_fields([("rung", "Loyal"), ("country", "il"), ("max_clv", "1,500.5")]).expect("rule");
        assert_eq!(members_link(&rule), "/customers?rung=loyal&country=IL&max_clv=1500.5");
        assert_eq!(Filters::of(&rule).rule(), rule);
        assert_eq!(members_link(&SegmentRule::default()), "/customers");
    }
}
