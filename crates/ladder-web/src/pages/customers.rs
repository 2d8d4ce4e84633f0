//! The customer list: search, filters, sorting, pages, and the same list as CSV.

use crate::auth::Viewer;
use crate::error::WebError;
use crate::pages::{Frame, page};
use crate::state::AppState;
use axum::extract::{Query, State};
use axum::http::HeaderMap;
use axum::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::response::{Html, IntoResponse, Response};
use ladder_domain::access::Permission;
use ladder_domain::segment::SegmentRule;
use ladder_domain::{Channel, CustomerState, RfmSegment, Rung};
use ladder_store::{CustomerQuery, Store};
use serde::{Deserialize, Serialize};

/// Customers per page.
const PAGE_SIZE: u32 = 50;

/// The list's filters as they appear in the address, so that a filtered list can be bookmarked.
#[derive(Debug, Default, Deserialize, Serialize, Clone)]
pub(crate) struct Filters {
    #[serde(default)]
    pub q: String,
    #[serde(default)]
    pub rung: String,
    #[serde(default)]
    pub state: String,
    #[serde(default)]
    pub segment: String,
    #[serde(default)]
    pub country: String,
    #[serde(default)]
    pub tag: String,
    #[serde(default)]
    pub consent: String,
    #[serde(default)]
    pub min_clv: String,
    #[serde(default)]
    pub max_clv: String,
    #[serde(default)]
    pub min_orders: String,
    #[serde(default)]
    pub max_orders: String,
    #[serde(default)]
    pub product: String,
    #[serde(default)]
    pub sort: String,
    #[serde(default)]
    pub page: Option<u32>,
    /// What was just done (a customer deleted or erased), for the confirmation; not a filter.
    #[serde(default, skip_serializing)]
    pub done: Option<String>,
}

impl Filters {
    /// The filters by their names (the address's and the stored rule's), as typed.
    pub(crate) fn fields(&self) -> [(&'static str, &str); 13] {
        [
            ("q", &self.q),
            ("rung", &self.rung),
            ("state", &self.state),
            ("segment", &self.segment),
            ("country", &self.country),
            ("tag", &self.tag),
            ("consent", &self.consent),
            ("min_clv", &self.min_clv),
            ("max_clv", &self.max_clv),
            ("min_orders", &self.min_orders),
            ("max_orders", &self.max_orders),
            ("product", &self.product),
            ("sort", &self.sort),
        ]
    }

    /// The rule these filters mean; values that mean nothing are left out, not errors, because they come
    /// from an address a person may have typed.
    pub(crate) fn rule(&self) -> SegmentRule {
        SegmentRule::from_fields_leniently(self.fields())
    }

    /// The filters showing a rule, for a form or an address.
    pub(crate) fn of(rule: &SegmentRule) -> Self {
        let mut f = Filters::default();
        for (key, value) in rule.fields() {
            let slot = match key {
                "q" => &mut f.q,
                "rung" => &mut f.rung,
                "state" => &mut f.state,
                "segment" => &mut f.segment,
                "country" => &mut f.country,
                "tag" => &mut f.tag,
                "consent" => &mut f.consent,
                "min_clv" => &mut f.min_clv,
                "max_clv" => &mut f.max_clv,
                "min_orders" => &mut f.min_orders,
                "max_orders" => &mut f.max_orders,
                "product" => &mut f.product,
                _ => &mut f.sort,
            };
            *slot = value;
        }
        f
    }

    /// These filters as `viewer` may use them: without reports, nothing that tells a customer's value
    /// (their 12-month value as a filter, spend as an order).
    pub(crate) fn allowed_for(mut self, viewer: &Viewer) -> Self {
        if !viewer.can(Permission::ViewReports) {
            self.min_clv.clear();
            self.max_clv.clear();
            if matches!(self.sort.as_str(), "spend" | "clv" | "p_alive") {
                self.sort.clear();
            }
        }
        self
    }

    /// The store's query for a page of these filters, in a shop whose currency has `exponent` decimals.
    pub(crate) fn query(&self, exponent: u8) -> CustomerQuery {
        CustomerQuery {
            limit: PAGE_SIZE,
            offset: self.page.unwrap_or(1).saturating_sub(1).saturating_mul(PAGE_SIZE),
            ..ladder_app::segments::query(&self.rule(), exponent)
        }
    }

    /// The address of this list at another page or sort.
    fn link(&self, page: u32, sort: Option<&str>) -> String {
        let mut f = self.clone();
        f.page = Some(page);
        if let Some(s) = sort {
            f.sort = s.to_owned();
        }
        let pairs = f.fields();
        let mut query: Vec<String> = pairs
            .iter()
            .filter(|(_, v)| !v.is_empty())
            .map(|(k, v)| format!("{k}={}", crate::views::encode(v)))
            .collect();
        if page > 1 {
            query.push(format!("page={page}"));
        }
        if query.is_empty() { "/customers".to_owned() } else { format!("/customers?{}", query.join("&")) }
    }
}

/// The shop's currency and its minor digits.
pub(crate) fn shop_currency(store: &dyn Store) -> Result<(Option<String>, u8), WebError> {
    let currency = ladder_app::shop::money(store)?;
    Ok((currency.as_ref().map(|c| c.code().to_owned()), ladder_app::shop::exponent(currency.as_ref())))
}

pub(crate) async fn list(
    State(state): State<AppState>,
    viewer: Viewer,
    headers: HeaderMap,
    Query(filters): Query<Filters>,
) -> Result<Html<String>, WebError> {
    viewer.require(Permission::ViewCustomers)?;
    let filters = filters.allowed_for(&viewer);
    let f = filters.clone();
    let counts = state.counts.clone();
    let (rows, total, currency) = state
        .with_store(move |store| {
            let (currency, digits) = shop_currency(store)?;
            let query = f.query(digits);
            let rows = store.list_customers(&query)?;
            let total = counts.of(store, &query)?;
            Ok((rows, total, currency))
        })
        .await?;
    let page_number = filters.page.unwrap_or(1).max(1);
    let pages = total.div_ceil(u64::from(PAGE_SIZE)).max(1);
    // Past the last page (an old link, a typed number): say so and offer the last one.
    let last_page = u32::try_from(pages).unwrap_or(u32::MAX);
    let past = page_number > last_page;
    let last = past.then(|| filters.link(last_page, None));
    let previous = (page_number > 1 && !past).then(|| filters.link(page_number - 1, None));
    let has_next = u64::from(page_number) < pages;
    let next = has_next.then(|| filters.link(page_number + 1, None));
    let sorts: Vec<(&str, String)> =
        ladder_domain::segment::Sort::ALL.iter().map(|s| (s.as_str(), filters.link(1, Some(s.as_str())))).collect();
    // A search typed in the box asks only for the results (htmx); the rest of the page stays.
    let partial = headers.get("hx-request").is_some();
    let export = filters.link(1, None).replacen("/customers", "/customers.csv", 1);
    let done = match filters.done.as_deref() {
        Some("deleted") => Some("customer-deleted"),
        Some("erased") => Some("customer-erased"),
        _ => None,
    };
    page(
        "customers.html",
        Frame::new(&viewer, "customers", currency),
        minijinja::context! {
            done,
            rows, total, page => page_number, pages, previous, next, sorts, partial, export, past, last,
            f => minijinja::Value::from_serialize(&filters),
            rungs => Rung::ALL.iter().map(|r| r.as_str()).collect::<Vec<_>>(),
            states => CustomerState::ALL.iter().map(|s| s.as_str()).collect::<Vec<_>>(),
            segments => RfmSegment::ALL.iter().map(|s| s.as_str()).collect::<Vec<_>>(),
            channels => Channel::ALL.iter().map(|c| c.as_str()).collect::<Vec<_>>(),
        },
    )
}

/// The columns of the customers export: the customers file's own (so the export imports back as it is),
/// then what Ladder computed (which an import ignores).
const EXPORT_COLUMNS: [&str; 12] = [
    "customer_id",
    "first_name",
    "last_name",
    "company",
    "email",
    "phone",
    "country",
    "rung",
    "state",
    "rfm_segment",
    "orders",
    "last_order",
];

/// What a role with reports sees besides: money as decimals in the shop's currency, and which one.
const EXPORT_VALUE_COLUMNS: [&str; 3] = ["spend", "clv_12m", "currency"];

/// Bytes written before they are sent on: the export streams in pieces of this size.
const EXPORT_CHUNK: usize = 64 * 1024;

/// The filtered list (every page) as CSV, for a spreadsheet. It streams: rows go out as the database
/// sends them, so eight exports of a million customers hold a few pieces each, not the lists.
pub(crate) async fn export(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(filters): Query<Filters>,
) -> Result<Response, WebError> {
    viewer.require(Permission::ViewCustomers)?;
    let filters = filters.allowed_for(&viewer);
    let values = viewer.can(Permission::ViewReports);
    let (sender, receiver) = tokio::sync::mpsc::channel::<Result<Vec<u8>, std::io::Error>>(4);
    let app = state.app.clone();
    tokio::task::spawn_blocking(move || {
        let store = app.store();
        let failed = |sender: &tokio::sync::mpsc::Sender<_>, e: &dyn std::fmt::Display| {
            tracing::error!(error = %e, "a customer export failed");
            let _ = sender.blocking_send(Err(std::io::Error::other("the export failed")));
        };
        let currency = match ladder_app::shop::money(store) {
            Ok(c) => c,
            Err(e) => return failed(&sender, &e),
        };
        let exponent = ladder_app::shop::exponent(currency.as_ref());
        let amount = |minor: i64| match &currency {
            Some(c) => c.format_amount(minor),
            None => minor.to_string(),
        };
        let code = currency.as_ref().map_or("", |c| c.code()).to_owned();
        let mut out = csv::Writer::from_writer(Pieces::new(sender.clone()));
        let mut header: Vec<&str> = EXPORT_COLUMNS.to_vec();
        if values {
            header.extend(EXPORT_VALUE_COLUMNS);
        }
        if let Err(e) = ladder_app::csv_out::write_row(&mut out, &header) {
            return failed(&sender, &e);
        }
        let query = CustomerQuery { limit: 0, offset: 0, ..filters.query(exponent) };
        let mut row_failed = None;
        let streamed = store.each_customer(&query, &mut |r| {
            let text = |v: &Option<String>| v.clone().unwrap_or_default();
            let mut record = vec![
                r.customer_id.clone(),
                text(&r.first_name),
                text(&r.last_name),
                text(&r.company),
                text(&r.email),
                text(&r.phone),
                text(&r.country),
                r.rung.map_or("", |v| v.as_str()).to_owned(),
                r.state.map_or("", |v| v.as_str()).to_owned(),
                r.rfm_segment.map_or("", |v| v.as_str()).to_owned(),
                r.orders.to_string(),
                r.last_order.map(|d| d.to_string()).unwrap_or_default(),
            ];
            if values {
                record.push(amount(r.spend_minor));
                record.push(r.clv_minor.map(amount).unwrap_or_default());
                record.push(code.clone());
            }
            match ladder_app::csv_out::write_row(&mut out, &record) {
                Ok(()) => Ok(true),
                // The reader went away (the download was cancelled): stop reading the database.
                Err(e) if out.get_ref().gone => {
                    tracing::debug!(error = %e, "a customer export was cancelled");
                    Ok(false)
                }
                Err(e) => {
                    row_failed = Some(e.to_string());
                    Ok(false)
                }
            }
        });
        if let Some(e) = row_failed {
            return failed(&sender, &e);
        }
        if let Err(e) = streamed {
            return failed(&sender, &e);
        }
        match out.into_inner() {
            Ok(mut pieces) => pieces.send(),
            Err(e) => {
                let error = e.error().to_string();
                if !e.into_inner().get_ref().gone {
                    failed(&sender, &error);
                }
            }
        }
    });
    let body = axum::body::Body::from_stream(futures_util::stream::unfold(receiver, |mut receiver| async move {
        receiver.recv().await.map(|piece| (piece, receiver))
    }));
    Ok((
        [(CONTENT_TYPE, "text/csv; charset=utf-8"), (CONTENT_DISPOSITION, "attachment; filename=\"customers.csv\"")],
        body,
    )
        .into_response())
}

/// Where the export's CSV goes: pieces of [`EXPORT_CHUNK`] bytes sent to the response as they fill.
struct Pieces {
    piece: Vec<u8>,
    sender: tokio::sync::mpsc::Sender<Result<Vec<u8>, std::io::Error>>,
    /// The response's reader has gone (a cancelled download).
    gone: bool,
}

impl Pieces {
    fn new(sender: tokio::sync::mpsc::Sender<Result<Vec<u8>, std::io::Error>>) -> Self {
        // A byte-order mark first: spreadsheet programs then read Hebrew, Persian and Russian names right.
        let mut piece = Vec::with_capacity(EXPORT_CHUNK + 1024);
        piece.extend_from_slice("\u{feff}".as_bytes());
        Self { piece, sender, gone: false }
    }

    /// Sends what is written so far.
    fn send(&mut self) {
        let piece = std::mem::replace(&mut self.piece, Vec::with_capacity(EXPORT_CHUNK + 1024));
        if !piece.is_empty() && self.sender.blocking_send(Ok(piece)).is_err() {
            self.gone = true;
        }
    }
}

impl std::io::Write for Pieces {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        if self.gone {
            return Err(std::io::Error::new(std::io::ErrorKind::BrokenPipe, "the download was cancelled"));
        }
        self.piece.extend_from_slice(bytes);
        if self.piece.len() >= EXPORT_CHUNK {
            self.send();
        }
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}
