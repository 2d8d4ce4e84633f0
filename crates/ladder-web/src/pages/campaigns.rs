//! Campaigns: the list with ROI and cost per acquired customer at a glance, and a page per campaign with
//! expected beside actual, charts, its costs and the customers it brought. Every figure comes from
//! `ladder_app::campaigns`, the same code as `ladder campaign report` and the API, through the figures the
//! app keeps in memory (`state::CampaignFigures`: costs and orders change between scorings).

use crate::auth::Viewer;
use crate::charts::{Bar, bars};
use crate::error::WebError;
use crate::pages::customers::shop_currency;
use crate::pages::{Frame, page, text};
use crate::state::AppState;
use axum::Form;
use axum::extract::{DefaultBodyLimit, Multipart, Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{Days, NaiveDate, Utc};
use ladder_app::campaigns::{CampaignForm, CampaignReport, CostImportError, import_costs};
use ladder_domain::access::Permission;
use ladder_domain::campaign::{AttributedOrder, Campaign, CampaignKind, CampaignStatus, CostEntry};
use ladder_domain::date::Calendar;
use ladder_domain::validate::{FieldError, Problem};
use ladder_domain::{Channel, Currency};
use ladder_i18n::Arg;
use ladder_store::Store;
use serde::{Deserialize, Serialize};

/// The customers and orders listed on a campaign's page; the CSV has them all.
const SHOWN: usize = 100;
/// A cost file is a few hundred rows; a megabyte is plenty.
const MAX_COST_FILE: usize = 1024 * 1024;
/// The notices a redirect may ask for.
const NOTICES: [&str; 3] = ["campaign-saved", "campaign-cost-added", "campaign-costs-imported"];

pub(crate) fn upload_limit() -> DefaultBodyLimit {
    DefaultBodyLimit::max(MAX_COST_FILE + 64 * 1024)
}

/// `?as_of=YYYY-MM-DD` (default today) and a notice after a change.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct View {
    as_of: String,
    done: String,
    added: String,
    already: String,
}

impl View {
    /// The day the figures are counted to, as the reader typed it; today when none or unreadable.
    fn as_of(&self, viewer: &Viewer) -> NaiveDate {
        crate::views::read_typed_date(viewer.locale, &self.as_of).unwrap_or_else(|_| Utc::now().date_naive())
    }

    fn done(&self) -> Option<&'static str> {
        NOTICES.iter().copied().find(|n| *n == self.done)
    }
}

/// The shop's currency, which campaign amounts are in; none before the first order.
pub(crate) fn currency_of(store: &dyn Store) -> Result<Option<Currency>, WebError> {
    Ok(ladder_app::shop::money(store)?)
}

fn internal(e: impl std::fmt::Display) -> WebError {
    WebError::internal(e.to_string())
}

/// One campaign in the list: its figures and its days.
#[derive(Serialize)]
struct Line {
    #[serde(flatten)]
    row: ladder_app::campaigns::CampaignRow,
    starts: String,
    ends: Option<String>,
}

/// A chart's bar with the campaign it belongs to.
#[derive(Serialize)]
struct CampaignBar {
    name: String,
    bar: Bar,
    /// The figure behind the bar, for the label (money in minor units, or a share).
    figure: Option<f64>,
}

fn campaign_bars(reports: &[CampaignReport], figure: impl Fn(&CampaignReport) -> Option<f64>) -> Vec<CampaignBar> {
    // Bars need whole numbers; shares and money become thousandths and minor units.
    let scaled = reports.iter().map(|r| {
        let f = figure(r).filter(|f| f.is_finite() && *f > 0.0).unwrap_or(0.0);
        (String::new(), (f * 1000.0).round() as u64, 0.0)
    });
    bars(scaled)
        .into_iter()
        .zip(reports)
        .map(|(bar, r)| CampaignBar { name: r.row.name.clone(), bar, figure: figure(r) })
        .collect()
}

/// A notice after a change: which, and for a cost import the rows added and already recorded.
#[derive(Serialize, Default)]
struct Notice {
    done: Option<&'static str>,
    added: i64,
    already: i64,
}

async fn list_page(
    state: &AppState,
    viewer: &Viewer,
    as_of: NaiveDate,
    notice: Notice,
    problem: Option<String>,
) -> Result<Response, WebError> {
    let all = state.campaigns.get(state, as_of).await?;
    let currency = state.with_store(|s| Ok(shop_currency(s)?.0)).await?;
    let lines: Vec<Line> = all
        .iter()
        .map(|r| Line {
            row: r.row.clone(),
            starts: r.campaign.starts.to_string(),
            ends: r.campaign.ends.map(|e| e.to_string()),
        })
        .collect();
    let status = if problem.is_some() { StatusCode::UNPROCESSABLE_ENTITY } else { StatusCode::OK };
    let html = page(
        "campaigns.html",
        Frame::new(viewer, "campaigns", currency),
        minijinja::context! {
            lines, problem,
            notice => minijinja::Value::from_serialize(&notice),
            cpa => campaign_bars(&all, |r| r.row.cost_per_acquisition.map(|m| m as f64)),
            third => campaign_bars(&all, |r| r.row.third_purchase_share),
            value => campaign_bars(&all, |r| r.row.clv_per_acquisition.map(|m| m as f64)),
            as_of => as_of.to_string(),
        },
    )?;
    Ok((status, html).into_response())
}

pub(crate) async fn list(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(view): Query<View>,
) -> Result<Response, WebError> {
    viewer.require(Permission::ViewReports)?;
    let notice = Notice {
        done: view.done(),
        added: view.added.parse().unwrap_or(0),
        already: view.already.parse().unwrap_or(0),
    };
    list_page(&state, &viewer, view.as_of(&viewer), notice, None).await
}

/// Revenue of the counted orders per week of the campaign's window, or per month when the window is longer
/// than half a year (the last three years of it at most), so that the page shows when the sales came.
#[derive(Serialize)]
struct Period {
    /// "week" or "month".
    kind: &'static str,
    /// Its first day (YYYY-MM-DD) for a week, its month (YYYY-MM) for a month.
    starts: String,
    revenue_minor: i64,
    orders: u64,
    bar: Bar,
}

fn periods(campaign: &Campaign, sales: &[AttributedOrder], as_of: NaiveDate, calendar: Calendar) -> Vec<Period> {
    const MAX_WEEKS: i64 = 26;
    const MAX_MONTHS: i32 = 36;
    let mut first = campaign.starts;
    let last = campaign.window_end().unwrap_or(as_of).min(as_of);
    if last < first {
        return Vec::new();
    }
    let by_week = (last - first).num_days() / 7 < MAX_WEEKS;
    // Months of the reader's calendar: a Persian reader's bars are Jalali months.
    let month = |d: NaiveDate| calendar.month_index(d);
    if !by_week && month(last) - month(first) >= MAX_MONTHS {
        first = calendar.month_start(month(last) - MAX_MONTHS + 1).unwrap_or(first);
    }
    let index = |d: NaiveDate| {
        if by_week { (d - first).num_days() / 7 } else { i64::from(month(d) - month(first)) }
    };
    let count = usize::try_from(index(last) + 1).unwrap_or(0);
    let mut sums = vec![(0i64, 0u64); count];
    for sale in sales.iter().filter(|s| s.on >= first && s.on <= last) {
        if let Some(slot) = usize::try_from(index(sale.on)).ok().and_then(|i| sums.get_mut(i)) {
            slot.0 = slot.0.saturating_add(sale.total_minor);
            slot.1 += 1;
        }
    }
    let drawn = bars(sums.iter().map(|(revenue, _)| (String::new(), (*revenue).max(0) as u64, 0.0)));
    sums.into_iter()
        .zip(drawn)
        .enumerate()
        .map(|(i, ((revenue_minor, orders), bar))| {
            let starts = if by_week {
                first.checked_add_days(Days::new(7 * i as u64)).unwrap_or(first).to_string()
            } else {
                Calendar::month_key(month(first) + i as i32)
            };
            Period { kind: if by_week { "week" } else { "month" }, starts, revenue_minor, orders, bar }
        })
        .collect()
}

/// An expectation beside the actual figure, each as a bar against the larger of the two.
#[derive(Serialize)]
struct Versus {
    name: &'static str,
    money: bool,
    expected: Option<i64>,
    actual: i64,
    expected_length: f64,
    actual_length: f64,
}

fn versus(name: &'static str, money: bool, expected: Option<i64>, actual: i64) -> Versus {
    let top = expected.unwrap_or(0).max(actual).max(0) as f64;
    let length = |v: i64| if top > 0.0 { ((v.max(0) as f64 * 1000.0 / top).round() / 10.0).max(0.0) } else { 0.0 };
    Versus {
        name,
        money,
        expected,
        actual,
        expected_length: expected.map_or(0.0, length),
        actual_length: length(actual),
    }
}

fn count(n: u64) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

/// The acquired customers worth most first (predicted value, then first-year revenue), as many as shown.
fn most_valuable(
    acquired: &[ladder_domain::campaign::AcquiredCustomer],
) -> Vec<&ladder_domain::campaign::AcquiredCustomer> {
    let mut sorted: Vec<_> = acquired.iter().collect();
    sorted.sort_by(|a, b| {
        (b.clv_minor, b.revenue_12m_minor, &a.customer_id).cmp(&(a.clv_minor, a.revenue_12m_minor, &b.customer_id))
    });
    sorted.truncate(SHOWN);
    sorted
}

/// A saved segment a campaign can target, with the link to its members now.
#[derive(Serialize)]
struct SegmentChoice {
    name: String,
    members: String,
}

fn segment_choices(store: &dyn Store) -> Result<Vec<SegmentChoice>, WebError> {
    store
        .segments()?
        .iter()
        .map(|s| {
            let filters = crate::pages::segments::stored(s)?;
            Ok(SegmentChoice { name: s.name.clone(), members: crate::pages::segments::members_link(&filters) })
        })
        .collect()
}

/// Every choice the campaign form offers; the saved segments are offered as target segments.
fn choices(segments: Vec<SegmentChoice>) -> minijinja::Value {
    minijinja::context! {
        kinds => CampaignKind::ALL.iter().map(|k| k.as_str()).collect::<Vec<_>>(),
        statuses => CampaignStatus::ALL.iter().map(|s| s.as_str()).collect::<Vec<_>>(),
        channels => Channel::ALL.iter().map(|c| c.as_str()).collect::<Vec<_>>(),
        segments,
    }
}

/// A change the campaign page refused: the problem in the reader's language, the field at fault, and the
/// campaign form as typed when it was the form that was refused (a refused cost keeps the stored one).
struct Refusal {
    problem: String,
    field: Option<String>,
    form: Option<CampaignForm>,
}

/// Quiet customers brought back that the campaign's page lists (the command line gives them all).
const LISTED_REACTIVATED: usize = 50;

/// The campaign's page, with the refused change when there was one.
async fn campaign_page(
    state: &AppState,
    viewer: &Viewer,
    id: String,
    as_of: NaiveDate,
    done: Option<&'static str>,
    refused: Option<Refusal>,
) -> Result<Response, WebError> {
    let all = state.campaigns.get(state, as_of).await?;
    let report = all.iter().find(|r| r.campaign.id == id).ok_or(WebError::NotFound(viewer.locale))?;
    let reactivated_list: Vec<_> = report.attribution.reactivated.iter().take(LISTED_REACTIVATED).collect();
    let listed: Vec<String> = most_valuable(&report.attribution.acquired)
        .iter()
        .map(|a| a.customer_id.clone())
        .chain(reactivated_list.iter().map(|b| b.customer_id.clone()))
        .collect();
    let (currency, costs, segments, names) = state
        .with_store(move |s| Ok((currency_of(s)?, s.campaign_costs(&id)?, segment_choices(s)?, s.names_of(&listed)?)))
        .await?;
    // The target segment, when it names a saved one: a link to whom it holds now.
    let target_members = report.campaign.target_segment.as_deref().and_then(|name| {
        segments.iter().find(|s| s.name.to_lowercase() == name.to_lowercase()).map(|s| s.members.clone())
    });
    let r = &report.row;
    let table = [
        versus("cost", true, r.budget, r.actual_cost),
        versus("revenue", true, r.expected_revenue, r.revenue),
        versus("responses", false, r.expected_responses.map(count), count(r.responses)),
        versus("sales", false, r.expected_sales.map(count), count(r.sales)),
    ];
    let acquired = r.customers_acquired;
    let share = |n: u64| if acquired == 0 { 0.0 } else { n as f64 / acquired as f64 };
    let funnel = bars(
        [
            ("campaign-acquired", acquired),
            ("campaign-second-order", report.attribution.acquired_reaching(2)),
            ("campaign-third-order", report.attribution.acquired_reaching(3)),
        ]
        .into_iter()
        .map(|(label, n)| (label.to_owned(), n, share(n))),
    );
    let rungs = bars(r.acquired_rungs.iter().map(|c| (c.rung.as_str().to_owned(), c.customers, share(c.customers))));
    let periods = periods(&report.campaign, &report.attribution.sales, as_of, viewer.locale.calendar());
    let status = if refused.is_some() { StatusCode::UNPROCESSABLE_ENTITY } else { StatusCode::OK };
    let (problem, field, typed) = refused.map_or((None, None, None), |r| (Some(r.problem), r.field, r.form));
    let edit_open = typed.is_some();
    let form = typed.or_else(|| currency.as_ref().map(|c| CampaignForm::of(&report.campaign, c))).unwrap_or_default();
    let html = page(
        "campaign.html",
        Frame::new(viewer, "campaigns", currency.as_ref().map(|c| c.code().to_owned())),
        minijinja::context! {
            r => minijinja::Value::from_serialize(&report.row),
            c => minijinja::Value::from_serialize(&report.campaign),
            window_end => report.campaign.window_end().map(|d| d.to_string()),
            sales => report.attribution.sales.iter().take(SHOWN).collect::<Vec<_>>(),
            sales_more => report.attribution.sales.len().saturating_sub(SHOWN),
            excluded => report.attribution.excluded.iter().take(SHOWN).collect::<Vec<_>>(),
            excluded_more => report.attribution.excluded.len().saturating_sub(SHOWN),
            acquired_list => most_valuable(&report.attribution.acquired),
            reactivated_list,
            acquired_more => report.attribution.acquired.len().saturating_sub(SHOWN),
            table, funnel, rungs, periods, costs, done, problem, field, edit_open, names,
            form => minijinja::Value::from_serialize(&form),
            choices => choices(segments),
            target_members,
            as_of => as_of.to_string(),
            today => Utc::now().date_naive().to_string(),
        },
    )?;
    Ok((status, html).into_response())
}

pub(crate) async fn show(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
    Query(view): Query<View>,
) -> Result<Response, WebError> {
    viewer.require(Permission::ViewReports)?;
    campaign_page(&state, &viewer, id, view.as_of(&viewer), view.done(), None).await
}

/// The customers a campaign acquired, all of them, as CSV.
pub(crate) async fn acquired_csv(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
    Query(view): Query<View>,
) -> Result<Response, WebError> {
    viewer.require(Permission::ViewReports)?;
    let all = state.campaigns.get(&state, view.as_of(&viewer)).await?;
    let locale = viewer.locale;
    let (file, body) = state
        .with_store(move |s| {
            let report = all.iter().find(|r| r.campaign.id == id).ok_or(WebError::NotFound(locale))?;
            let currency = currency_of(s)?;
            let amount = |m: i64| currency.as_ref().map_or_else(|| m.to_string(), |c| c.format_amount(m));
            let mut out = csv::Writer::from_writer(Vec::new());
            let header =
                ["customer_id", "acquired_by", "acquired_on", "completed_orders", "rung", "revenue_12m", "clv_12m"];
            ladder_app::csv_out::write_row(&mut out, header).map_err(internal)?;
            for a in &report.attribution.acquired {
                let by = match &a.by {
                    ladder_domain::campaign::AcquiredBy::SignUp => "sign_up".to_owned(),
                    ladder_domain::campaign::AcquiredBy::FirstOrder { order_id } => format!("order {order_id}"),
                };
                ladder_app::csv_out::write_row(
                    &mut out,
                    [
                        a.customer_id.clone(),
                        by,
                        a.acquired_on.to_string(),
                        a.completed_orders.to_string(),
                        a.rung.map(|r| r.as_str().to_owned()).unwrap_or_default(),
                        amount(a.revenue_12m_minor),
                        a.clv_minor.map(amount).unwrap_or_default(),
                    ],
                )
                .map_err(internal)?;
            }
            let body = out.into_inner().map_err(internal)?;
            Ok((format!("campaign-{}-acquired.csv", report.campaign.id), body))
        })
        .await?;
    let mut headers = HeaderMap::new();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/csv; charset=utf-8"));
    let safe: String =
        file.chars().map(|c| if c.is_ascii_alphanumeric() || "-_.".contains(c) { c } else { '_' }).collect();
    if let Ok(value) = HeaderValue::from_str(&format!("attachment; filename=\"{safe}\"")) {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    Ok((headers, body).into_response())
}

/// The form's fields and its anti-forgery token.
#[derive(Deserialize)]
pub(crate) struct CampaignPost {
    csrf: String,
    #[serde(flatten)]
    form: CampaignForm,
}

/// The form's problem in the viewer's language, and the field to mark: the field, what was typed in it
/// and what is wrong.
fn field_problem(viewer: &Viewer, e: &FieldError, value: &str) -> (String, Option<String>) {
    let field = text(viewer, &format!("campaign-field-{}", e.field), &[]);
    let problem = crate::views::catalog()
        .problem(viewer.locale, &e.problem, &|f| text(viewer, &format!("campaign-field-{f}"), &[]));
    let said = text(
        viewer,
        "campaign-field-invalid",
        &[("field", Arg::Text(field)), ("value", Arg::Text(value.to_owned())), ("problem", Arg::Text(problem))],
    );
    (said, Some(e.field.clone()))
}

/// What was typed in a field of the campaign form.
fn typed<'a>(form: &'a CampaignForm, field: &str) -> &'a str {
    match field {
        "id" => &form.id,
        "name" => &form.name,
        "kind" => &form.kind,
        "channel" => &form.channel,
        "status" => &form.status,
        "starts" => &form.starts,
        "ends" => &form.ends,
        "codes" => &form.codes,
        "window_days" => &form.window_days,
        "target_segment" => &form.target_segment,
        "target_size" => &form.target_size,
        "budget" => &form.budget,
        "expected_revenue" => &form.expected_revenue,
        "expected_responses" => &form.expected_responses,
        "expected_sales" => &form.expected_sales,
        _ => &form.notes,
    }
}

/// A new campaign's form.
pub(crate) async fn new_form(State(state): State<AppState>, viewer: Viewer) -> Result<Response, WebError> {
    viewer.require(Permission::ManageCampaigns)?;
    let currency = state.with_store(|s| Ok(shop_currency(s)?.0)).await?;
    let form = CampaignForm {
        starts: Utc::now().date_naive().to_string(),
        window_days: "30".to_owned(),
        status: "planning".to_owned(),
        ..Default::default()
    };
    new_page(&state, &viewer, currency, StatusCode::OK, form, None, None).await
}

async fn new_page(
    state: &AppState,
    viewer: &Viewer,
    currency: Option<String>,
    status: StatusCode,
    form: CampaignForm,
    problem: Option<String>,
    field: Option<String>,
) -> Result<Response, WebError> {
    let segments = state.with_store(segment_choices).await?;
    let html = page(
        "campaign_new.html",
        Frame::new(viewer, "campaigns", currency),
        minijinja::context! {
            form => minijinja::Value::from_serialize(&form), choices => choices(segments), problem, field,
        },
    )?;
    Ok((status, html).into_response())
}

/// Creates a campaign (POST /campaigns) or changes one (POST /campaigns/{id}); the id of a campaign
/// being changed is the one in its address.
async fn save(
    state: AppState,
    viewer: Viewer,
    editing: Option<String>,
    post: CampaignPost,
) -> Result<Response, WebError> {
    viewer.check_csrf(&post.csrf)?;
    viewer.require(Permission::ManageCampaigns)?;
    let mut form = post.form;
    if let Some(id) = &editing {
        form.id = id.clone();
    }
    // Dates as the reader typed them, in their calendar, to the Gregorian days the use-case reads.
    form.starts = crate::views::typed_as_iso(viewer.locale, &form.starts);
    form.ends = crate::views::typed_as_iso(viewer.locale, &form.ends);
    let currency = state.with_store(currency_of).await?;
    let Some(currency) = currency else {
        let problem = text(&viewer, "campaign-no-currency", &[]);
        return new_page(&state, &viewer, None, StatusCode::UNPROCESSABLE_ENTITY, form, Some(problem), None).await;
    };
    let campaign = match form.to_campaign(&currency) {
        Ok(c) => c,
        Err(e) => {
            let (problem, field) = field_problem(&viewer, &e, typed(&form, &e.field));
            return match editing {
                Some(id) => {
                    campaign_page(
                        &state,
                        &viewer,
                        id,
                        Utc::now().date_naive(),
                        None,
                        Some(Refusal { problem, field, form: Some(form) }),
                    )
                    .await
                }
                None => {
                    let code = Some(currency.code().to_owned());
                    new_page(&state, &viewer, code, StatusCode::UNPROCESSABLE_ENTITY, form, Some(problem), field).await
                }
            };
        }
    };
    let id = campaign.id.clone();
    let creating = editing.is_none();
    let actor = viewer.actor();
    let exists = state
        .with_app(move |app| {
            if creating && app.store().campaign(&campaign.id)?.is_some() {
                return Ok(true);
            }
            ladder_app::campaigns::save(app, &actor, &campaign)?;
            Ok(false)
        })
        .await?;
    if exists {
        let problem = text(&viewer, "campaign-id-taken", &[("id", Arg::Text(id))]);
        let code = Some(currency.code().to_owned());
        return new_page(&state, &viewer, code, StatusCode::CONFLICT, form, Some(problem), Some("id".to_owned())).await;
    }
    Ok(Redirect::to(&format!("/campaigns/{}?done=campaign-saved", crate::views::encode(&id))).into_response())
}

pub(crate) async fn create(
    State(state): State<AppState>,
    viewer: Viewer,
    Form(post): Form<CampaignPost>,
) -> Result<Response, WebError> {
    save(state, viewer, None, post).await
}

pub(crate) async fn change(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
    Form(post): Form<CampaignPost>,
) -> Result<Response, WebError> {
    save(state, viewer, Some(id), post).await
}

#[derive(Deserialize)]
pub(crate) struct CostPost {
    csrf: String,
    spent_on: String,
    amount: String,
    #[serde(default)]
    note: String,
}

/// Adds one dated cost to the campaign.
pub(crate) async fn add_cost(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
    Form(post): Form<CostPost>,
) -> Result<Response, WebError> {
    viewer.check_csrf(&post.csrf)?;
    viewer.require(Permission::ManageCampaigns)?;
    let currency = state.with_store(currency_of).await?;
    let refuse =
        |field: &str, value: &str, problem: Problem| field_problem(&viewer, &FieldError::new(field, problem), value);
    let parsed = match (&currency, crate::views::read_typed_date(viewer.locale, &post.spent_on)) {
        (None, _) => Err((text(&viewer, "campaign-no-currency", &[]), None)),
        (_, Err(problem)) => Err(refuse("spent_on", &post.spent_on, problem)),
        (Some(c), Ok(on)) => c
            .parse_amount(post.amount.trim())
            .map(|amount_minor| CostEntry {
                on,
                amount_minor,
                note: Some(post.note.trim().to_owned()).filter(|n| !n.is_empty()),
            })
            .map_err(|e| refuse("amount", &post.amount, e.into())),
    };
    let cost = match parsed {
        Ok(cost) => cost,
        Err((problem, field)) => {
            let today = Utc::now().date_naive();
            return campaign_page(&state, &viewer, id, today, None, Some(Refusal { problem, field, form: None })).await;
        }
    };
    let (actor, target) = (viewer.actor(), id.clone());
    state.with_app(move |app| Ok(ladder_app::campaigns::add_cost(app, &actor, &target, &cost)?)).await?;
    Ok(Redirect::to(&format!("/campaigns/{}?done=campaign-cost-added#costs", crate::views::encode(&id)))
        .into_response())
}

/// What stopped a cost import, in the viewer's language.
fn cost_problem(viewer: &Viewer, error: &CostImportError) -> Option<String> {
    let number = |n: u64| Arg::Number(i64::try_from(n).unwrap_or(i64::MAX));
    Some(match error {
        CostImportError::Invalid { line, column, value, problem, .. } => text(
            viewer,
            "import-invalid-row",
            &[
                ("line", number(*line)),
                ("column", Arg::Text(column.clone())),
                ("value", Arg::Text(value.clone())),
                ("problem", Arg::Text(crate::pages::problem_text(viewer, problem))),
            ],
        ),
        CostImportError::MissingColumns { missing, .. } => text(
            viewer,
            "import-missing-columns",
            &[("missing", Arg::Text(missing.join(", "))), ("found", Arg::Text(String::new()))],
        ),
        CostImportError::Unreadable { line: Some(line), message, .. } => {
            text(viewer, "import-unreadable-line", &[("line", number(*line)), ("message", Arg::Text(message.clone()))])
        }
        CostImportError::Unreadable { line: None, message, .. } => {
            text(viewer, "import-unreadable", &[("message", Arg::Text(message.clone()))])
        }
        CostImportError::Refused(_) => return None,
    })
}

/// Imports campaign costs from an uploaded CSV file: all rows or none; rows already recorded are not
/// added again. Back to the campaign list with what was added, or with the problem.
pub(crate) async fn import(
    State(state): State<AppState>,
    viewer: Viewer,
    mut form: Multipart,
) -> Result<Response, WebError> {
    viewer.require(Permission::ManageCampaigns)?;
    let (mut csrf, mut name, mut bytes) = (String::new(), String::from("costs.csv"), Vec::new());
    let mut too_large = false;
    while let Some(mut field) = form.next_field().await.map_err(internal)? {
        match field.name().unwrap_or_default() {
            "csrf" => csrf = field.text().await.map_err(internal)?,
            "file" => {
                if let Some(file) = field.file_name().filter(|f| !f.is_empty()) {
                    name = file.rsplit(['/', '\\']).next().unwrap_or(file).to_owned();
                }
                while let Some(chunk) = field.chunk().await.map_err(internal)? {
                    bytes.extend_from_slice(&chunk);
                    too_large |= bytes.len() > MAX_COST_FILE;
                    if too_large {
                        break;
                    }
                }
            }
            _ => {}
        }
    }
    viewer.check_csrf(&csrf)?;
    let as_of = Utc::now().date_naive();
    let refused = |problem: String| list_page(&state, &viewer, as_of, Notice::default(), Some(problem));
    if too_large {
        return refused(text(&viewer, "import-too-large", &[("megabytes", Arg::Number(1))])).await;
    }
    if bytes.is_empty() {
        return refused(text(&viewer, "import-no-file", &[])).await;
    }
    let actor = viewer.actor();
    // Ok(summary), or Err(None) without a shop currency, or Err(Some(why)) for a file that cannot be imported.
    let imported = state
        .with_app(move |app| {
            let Some(currency) = currency_of(app.store())? else { return Ok(Err(None)) };
            match import_costs(app, &actor, bytes.as_slice(), &name, &currency) {
                Ok(summary) => Ok(Ok(summary)),
                Err(CostImportError::Refused(e)) => Err(e.into()),
                Err(e) => Ok(Err(Some(e))),
            }
        })
        .await?;
    match imported {
        Ok(summary) => Ok(Redirect::to(&format!(
            "/campaigns?done=campaign-costs-imported&added={}&already={}",
            summary.added, summary.already_recorded
        ))
        .into_response()),
        Err(None) => refused(text(&viewer, "campaign-no-currency", &[])).await,
        Err(Some(e)) => refused(cost_problem(&viewer, &e).ok_or_else(|| WebError::internal(e.to_string()))?).await,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        ladder_domain::date::parse_date(s).expect("date")
    }

    fn campaign(starts: &str, ends: Option<&str>) -> Campaign {
        CampaignForm {
            id: "C".into(),
            starts: starts.into(),
            ends: ends.unwrap_or_default().into(),
            codes: "X".into(),
            window_days: "0".into(),
            ..Default::default()
        }
        .to_campaign(&Currency::parse("USD").expect("USD"))
        .expect("campaign")
    }

    fn sale(on: &str, total_minor: i64) -> AttributedOrder {
        AttributedOrder { customer_id: "K".into(), order_id: on.into(), on: day(on), total_minor }
    }

    #[test]
    fn a_short_campaign_is_drawn_by_week() {
        let c = campaign("2026-03-01", Some("2026-03-20"));
        let sales = [sale("2026-03-01", 100), sale("2026-03-07", 50), sale("2026-03-08", 300), sale("2026-03-21", 9)];
        let p = periods(&c, &sales, day("2026-12-31"), Calendar::Gregorian);
        let got: Vec<_> = p.iter().map(|p| (p.kind, p.starts.as_str(), p.revenue_minor, p.orders)).collect();
        assert_eq!(
            got,
            [("week", "2026-03-01", 150, 2), ("week", "2026-03-08", 300, 1), ("week", "2026-03-15", 0, 0)],
            "the order after the window is not drawn"
        );
        assert_eq!(p[1].bar.length, 100.0);
        assert!(periods(&c, &sales, day("2026-02-01"), Calendar::Gregorian).is_empty(), "not started yet");
    }

    #[test]
    fn a_long_campaign_is_drawn_by_month_for_its_last_three_years() {
        let c = campaign("2020-01-15", None);
        let sales = [sale("2020-02-01", 7), sale("2023-07-31", 100), sale("2026-06-01", 5)];
        let p = periods(&c, &sales, day("2026-06-10"), Calendar::Gregorian);
        assert_eq!(p.len(), 36);
        assert_eq!((p[0].kind, p[0].starts.as_str()), ("month", "2023-07"));
        assert_eq!((p[0].revenue_minor, p[35].starts.as_str(), p[35].revenue_minor), (100, "2026-06", 5));
        assert_eq!(p.iter().map(|p| p.orders).sum::<u64>(), 2, "older months are left out, not lumped in");
    }

    #[test]
    fn a_persian_reader_sees_jalali_months() {
        let c = campaign("2020-01-15", None);
        // 31 July 2023 is 9 Mordad 1402; 20 and 21 December 2024 are the last of Azar and 1 Dey 1403.
        let sales = [sale("2023-07-31", 100), sale("2024-12-20", 3), sale("2024-12-21", 4)];
        let p = periods(&c, &sales, day("2026-06-10"), Calendar::Jalali);
        assert_eq!(p.len(), 36);
        assert_eq!((p[0].starts.as_str(), p[35].starts.as_str()), ("1402-04", "1405-03"), "Tir 1402 to Khordad 1405");
        let month = |key: &str| p.iter().find(|p| p.starts == key).map(|p| p.revenue_minor);
        assert_eq!((month("1402-05"), month("1403-09"), month("1403-10")), (Some(100), Some(3), Some(4)));
    }
}
