//! Segments: saved customer filters with a live count. A segment keeps its filters, never a list of
//! members, so it always means the customers who match now; the API lists those members for other systems.
//!
//! A definition is the customer list's [`Filters`] as a JSON object of the fields that are set, with
//! names of rungs, states and channels in their canonical spelling, e.g. `{"rung":"loyal","country":"IL"}`.
//! A new filter needs: its field in `Filters` and its `query`, its name in [`KEYS`], a check in [`tidy`],
//! and an input and a pill in `segments.html`; saving, counting, the members' link and the API then follow.

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
use ladder_domain::access::Permission;
use ladder_domain::{Channel, CustomerState, RfmSegment, Rung};
use ladder_store::{AuditEntry, CustomerQuery, Segment, Store, StoreError};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value as Json};

/// Counting stops here: "more than 10,000" is all a reader needs.
const COUNT_CAP: u64 = 10_001;
/// The longest name, in characters: names are shown in menus and tables.
pub(crate) const NAME_MAX: usize = 100;
/// The filters a definition may hold: the fields of [`Filters`] except the page.
pub(crate) const KEYS: [&str; 13] = [
    "q",
    "rung",
    "state",
    "segment",
    "country",
    "tag",
    "consent",
    "min_clv",
    "max_clv",
    "min_orders",
    "max_orders",
    "product",
    "sort",
];
/// The customer list's sort orders.
const SORTS: [&str; 5] = ["id", "name", "spend", "last_order", "orders"];
/// The notices a redirect may ask for.
const NOTICES: [&str; 2] = ["segments-saved", "segments-deleted"];

/// Why a segment cannot be saved: the field at fault and the message that says what to do.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Invalid {
    pub field: String,
    pub problem: &'static str,
}

impl Invalid {
    fn new(field: &str, problem: &'static str) -> Self {
        Self { field: field.to_owned(), problem }
    }
}

/// A trimmed name of the right length.
pub(crate) fn check_name(name: &str) -> Result<String, Invalid> {
    let name = name.trim();
    if name.is_empty() {
        Err(Invalid::new("name", "segments-name-missing"))
    } else if name.chars().count() > NAME_MAX {
        Err(Invalid::new("name", "segments-name-too-long"))
    } else {
        Ok(name.to_owned())
    }
}

/// Reads a definition from a JSON object: known filters only, each a string (or a number, for the value
/// limits), each meaning something; the result is tidied (see [`tidy`]).
pub(crate) fn definition(value: &Json) -> Result<Filters, Invalid> {
    let Json::Object(object) = value else {
        return Err(Invalid::new("", "segments-filter-invalid"));
    };
    let mut fields = Map::new();
    for (key, value) in object {
        if !KEYS.contains(&key.as_str()) {
            return Err(Invalid::new(key, "segments-filter-invalid"));
        }
        let text = match value {
            Json::Null => continue,
            Json::String(s) => s.clone(),
            Json::Number(n) => n.to_string(),
            _ => return Err(Invalid::new(key, "segments-filter-invalid")),
        };
        fields.insert(key.clone(), Json::String(text));
    }
    tidy(loose(fields))
}

/// Filters from form or address fields, keeping the known ones and ignoring the rest.
fn loose(fields: Map<String, Json>) -> Filters {
    let known = fields.into_iter().filter(|(k, v)| KEYS.contains(&k.as_str()) && v.is_string()).collect();
    serde_json::from_value(Json::Object(known)).unwrap_or_default()
}

/// Checks that every set filter means something and spells it one way, so that a saved definition
/// never silently matches more customers than its author meant.
pub(crate) fn tidy(mut f: Filters) -> Result<Filters, Invalid> {
    fn canonical<T>(
        value: &str,
        field: &str,
        parse: fn(&str) -> Option<T>,
        name: fn(&T) -> &'static str,
    ) -> Result<String, Invalid> {
        if value.trim().is_empty() {
            return Ok(String::new());
        }
        parse(value).map(|v| name(&v).to_owned()).ok_or_else(|| Invalid::new(field, "segments-filter-invalid"))
    }
    f.q = f.q.trim().to_owned();
    f.rung = canonical(&f.rung, "rung", Rung::parse, |r| r.as_str())?;
    f.state = canonical(&f.state, "state", CustomerState::parse, |s| s.as_str())?;
    f.segment = canonical(&f.segment, "segment", RfmSegment::parse, |s| s.as_str())?;
    f.consent = canonical(&f.consent, "consent", Channel::parse, |c| c.as_str())?;
    f.country = f.country.trim().to_uppercase();
    f.tag = f.tag.trim().to_owned();
    f.min_clv = amount(&f.min_clv).ok_or_else(|| Invalid::new("min_clv", "segments-value-invalid"))?;
    f.max_clv = amount(&f.max_clv).ok_or_else(|| Invalid::new("max_clv", "segments-value-invalid"))?;
    if let (Ok(low), Ok(high)) = (f.min_clv.parse::<f64>(), f.max_clv.parse::<f64>())
        && low > high
    {
        return Err(Invalid::new("max_clv", "segments-value-invalid"));
    }
    for (field, value) in [("min_orders", &mut f.min_orders), ("max_orders", &mut f.max_orders)] {
        *value = value.trim().to_owned();
        if !value.is_empty() && value.parse::<u32>().is_err() {
            return Err(Invalid::new(field, "segments-value-invalid"));
        }
    }
    if let (Ok(low), Ok(high)) = (f.min_orders.parse::<u32>(), f.max_orders.parse::<u32>())
        && low > high
    {
        return Err(Invalid::new("max_orders", "segments-value-invalid"));
    }
    f.product = f.product.trim().to_owned();
    f.sort = f.sort.trim().to_owned();
    if !f.sort.is_empty() && !SORTS.contains(&f.sort.as_str()) {
        return Err(Invalid::new("sort", "segments-filter-invalid"));
    }
    f.page = None;
    Ok(f)
}

/// An amount as plain ASCII decimals ("2500.50"), from what a person types in any of the app's
/// languages: Persian or Arabic digits, Persian separators, spaces and commas between thousands. A
/// comma anywhere else is refused rather than guessed at, since it is a decimal comma in Russian.
fn amount(text: &str) -> Option<String> {
    let mut plain = String::new();
    for c in text.trim().chars() {
        match c {
            '0'..='9' | '.' | ',' => plain.push(c),
            '۰'..='۹' => plain.push(char::from(b'0' + (c as u32 - '۰' as u32) as u8)),
            '٠'..='٩' => plain.push(char::from(b'0' + (c as u32 - '٠' as u32) as u8)),
            '٫' => plain.push('.'),
            '٬' | ' ' | '\u{a0}' | '\u{202f}' | '\'' => {}
            _ => return None,
        }
    }
    let bytes = plain.as_bytes();
    let grouping = |i: usize| {
        i > 0
            && bytes.get(i + 1..i + 4).is_some_and(|d| d.iter().all(u8::is_ascii_digit))
            && bytes.get(i + 4).is_none_or(|b| !b.is_ascii_digit())
    };
    if bytes.iter().enumerate().any(|(i, b)| *b == b',' && !grouping(i)) {
        return None;
    }
    let plain = plain.replace(',', "");
    if plain.is_empty() {
        return Some(plain);
    }
    plain.parse::<f64>().ok().filter(|v| v.is_finite() && *v >= 0.0).map(|_| plain)
}

/// The definition as a JSON object of the filters that are set.
pub(crate) fn definition_json(f: &Filters) -> Json {
    let set: Map<String, Json> = match serde_json::to_value(f) {
        Ok(Json::Object(all)) => all
            .into_iter()
            .filter(|(k, v)| KEYS.contains(&k.as_str()) && v.as_str().is_some_and(|s| !s.is_empty()))
            .collect(),
        _ => Map::new(),
    };
    Json::Object(set)
}

/// A stored definition; one that cannot be read is an error, never "everyone".
pub(crate) fn stored(segment: &Segment) -> Result<Filters, WebError> {
    serde_json::from_str(&segment.definition)
        .map_err(|e| WebError::Internal(format!("segment {} has an unreadable definition: {e}", segment.id)))
}

/// The customer list showing the members now.
pub(crate) fn members_link(f: &Filters) -> String {
    let Json::Object(set) = definition_json(f) else { return "/customers".to_owned() };
    let pairs: Vec<String> = KEYS
        .iter()
        .filter_map(|k| set.get(*k).and_then(Json::as_str).map(|v| format!("{k}={}", crate::views::encode(v))))
        .collect();
    if pairs.is_empty() { "/customers".to_owned() } else { format!("/customers?{}", pairs.join("&")) }
}

/// How many customers match now, up to `cap`.
pub(crate) fn count(store: &dyn Store, f: &Filters, digits: u32, cap: u64) -> Result<u64, StoreError> {
    store.count_customers(&CustomerQuery { limit: 0, offset: 0, ..f.query(digits) }, cap)
}

/// A saved segment on the page.
#[derive(Serialize)]
struct Row {
    id: i64,
    name: String,
    f: Filters,
    count: u64,
    more: bool,
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
    let (rows, count, currency) = state
        .with_store(move |s| {
            let (currency, digits) = shop_currency(s)?;
            let mut rows = Vec::new();
            for segment in s.segments()? {
                let f = stored(&segment)?;
                let n = count(s, &f, digits, COUNT_CAP)?;
                let members = members_link(&f);
                let (id, name, updated_at) = (segment.id, segment.name, segment.updated_at);
                rows.push(Row { id, name, f, count: n, more: n >= COUNT_CAP, members, updated_at });
            }
            let total = count(s, &filters, digits, COUNT_CAP)?;
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
            name_max => NAME_MAX,
            more => count >= COUNT_CAP,
            members => members_link(&builder.filters),
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
    let filters = stored(&segment)?;
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
    let f = filters.clone();
    let (count, currency) = state
        .with_store(move |s| {
            let (currency, digits) = shop_currency(s)?;
            Ok((count(s, &f, digits, COUNT_CAP)?, currency))
        })
        .await?;
    crate::views::render(
        "segment.html",
        minijinja::context! {
            locale => viewer.locale.code(), currency, count,
            more => count >= COUNT_CAP,
            members => members_link(&filters),
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
    let filters = loose(fields.into_iter().map(|(k, v)| (k, Json::String(v))).collect());
    if intent == "count" {
        viewer.require(Permission::ViewCustomers)?;
        let builder = Builder { id, name, filters, problem: None };
        return render(&state, &viewer, builder, None, StatusCode::OK).await;
    }
    viewer.require(Permission::ManageSegments)?;
    let checked = check_name(&name).and_then(|name| Ok((name, tidy(filters.clone())?)));
    let (name, filters) = match checked {
        Ok(valid) => valid,
        Err(invalid) => {
            let builder = Builder { id, name, filters, problem: Some(invalid.problem) };
            return render(&state, &viewer, builder, None, StatusCode::UNPROCESSABLE_ENTITY).await;
        }
    };
    let definition = definition_json(&filters).to_string();
    let user_id = viewer.user.id;
    let (saved_name, saved_definition) = (name.clone(), definition.clone());
    let saved = state
        .with_store(move |s| match s.save_segment(id, &saved_name, &saved_definition, Some(user_id), Utc::now()) {
            Ok(segment) => {
                s.record_audit(&AuditEntry {
                    at: segment.updated_at,
                    user_id: Some(user_id),
                    action: if id.is_some() { "change_segment" } else { "create_segment" }.into(),
                    target: format!("segment:{}", segment.id),
                    detail: format!("{} {}", segment.name, segment.definition),
                })?;
                Ok(true)
            }
            Err(StoreError::Conflict(_)) => Ok(false),
            Err(e) => Err(e.into()),
        })
        .await;
    match saved {
        Ok(true) => Ok(Redirect::to("/segments?done=segments-saved").into_response()),
        Ok(false) => {
            let builder = Builder { id, name, filters, problem: Some("segments-name-taken") };
            render(&state, &viewer, builder, None, StatusCode::CONFLICT).await
        }
        Err(WebError::NotFound(_)) => Err(WebError::NotFound(viewer.locale)),
        Err(e) => Err(e),
    }
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
    let user_id = viewer.user.id;
    let deleted = state
        .with_store(move |s| {
            let Some(segment) = s.segment(id)? else { return Ok(false) };
            if !s.delete_segment(id)? {
                return Ok(false);
            }
            s.record_audit(&AuditEntry {
                at: Utc::now(),
                user_id: Some(user_id),
                action: "delete_segment".into(),
                target: format!("segment:{id}"),
                detail: format!("{} {}", segment.name, segment.definition),
            })?;
            Ok(true)
        })
        .await?;
    if !deleted {
        return Err(WebError::NotFound(viewer.locale));
    }
    Ok(Redirect::to("/segments?done=segments-deleted").into_response())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn the_keys_are_the_filters_but_the_page() {
        let Json::Object(all) = serde_json::to_value(Filters::default()).expect("filters serialize") else {
            panic!("filters are an object")
        };
        let mut fields: Vec<&str> = all.keys().map(String::as_str).filter(|k| *k != "page").collect();
        let mut keys = KEYS.to_vec();
        fields.sort_unstable();
        keys.sort_unstable();
        assert_eq!(fields, keys, "a new filter belongs in KEYS");
    }

    #[test]
    fn definitions_are_tidied_and_round_trip() {
        let f = definition(&json!({"rung": " Loyal ", "country": "il", "min_clv": 100, "max_clv": "1,500.5", "q": ""}))
            .expect("valid");
        let text = definition_json(&f);
        assert_eq!(text, json!({"rung": "loyal", "country": "IL", "min_clv": "100", "max_clv": "1500.5"}));
        let again: Filters = serde_json::from_str(&text.to_string()).expect("stored text reads back");
        assert_eq!(definition_json(&again), text);
        assert_eq!(members_link(&f), "/customers?rung=loyal&country=IL&min_clv=100&max_clv=1500.5");
        assert_eq!(members_link(&Filters::default()), "/customers");
    }

    #[test]
    fn nonsense_is_refused_with_its_field() {
        let field = |v: Json| definition(&v).expect_err("invalid").field;
        assert_eq!(field(json!({"rung": "golden"})), "rung");
        assert_eq!(field(json!({"colour": "red"})), "colour");
        assert_eq!(field(json!({"tag": ["a"]})), "tag");
        assert_eq!(field(json!({"min_clv": "-5"})), "min_clv");
        assert_eq!(field(json!({"min_clv": "500", "max_clv": "100"})), "max_clv");
        assert_eq!(field(json!({"sort": "random"})), "sort");
        assert_eq!(field(json!(["rung", "loyal"])), "");
        assert_eq!(check_name("  ").expect_err("empty").field, "name");
        assert!(check_name(&"x".repeat(NAME_MAX + 1)).is_err());
        assert_eq!(check_name(" VIP ").expect("fine"), "VIP");
    }

    #[test]
    fn amounts_are_read_in_every_language() {
        assert_eq!(amount("۲٬۵۰۰٫۵").as_deref(), Some("2500.5"));
        assert_eq!(amount("٣٠٠").as_deref(), Some("300"));
        assert_eq!(amount("1 000").as_deref(), Some("1000"));
        assert_eq!(amount("12,345,678.9").as_deref(), Some("12345678.9"));
        assert_eq!(amount("").as_deref(), Some(""));
        assert_eq!(amount("1500,5"), None, "a decimal comma is not guessed at");
        assert_eq!(amount(",500"), None);
        assert_eq!(amount("ten"), None);
    }
}
