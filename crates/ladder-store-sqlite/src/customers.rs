//! Customers: one in full, lists through the shared filter, and the writes of imports, forms and the API
//! inside a unit of work — cached prepared statements, and in a bulk import maps from the business's ids
//! to row ids so that millions of lines cost no extra lookups.

use crate::tx::{Product, SqliteTx};
use crate::{Context, Sqlite, SqliteStore, sql_values};
use chrono::{DateTime, NaiveDate, Utc};
use ladder_domain::consent::{ConsentMethod, LegalBasis};
use ladder_domain::date::date_of_day;
use ladder_domain::{
    Birthday, Channel, Consent, Customer, CustomerKind, CustomerState, Interaction, InteractionKind, LifecycleStage,
    Order, OrderStatus, Reason, RfmScore, RfmSegment, Rung,
};
use ladder_store::filter::SqlValue;
use ladder_store::{
    Absent, Change, ChangeKind, CustomerDetail, CustomerId, CustomerQuery, CustomerSort, CustomerStore,
    CustomerSummary, CustomerTx, CustomerValue, Evidence, OrderLineView, OrderView, PreparedCustomer, REFERRALS_SHOWN,
    ScoreRecord, StoreError, StoreResult, StoredConsent, TableCounts, WriteOutcome, read_consent_event,
};
use rusqlite::{Connection, OptionalExtension, Row, params, params_from_iter};
use std::collections::BTreeMap;
use std::sync::LazyLock;

impl CustomerStore for SqliteStore {
    fn counts(&self) -> StoreResult<TableCounts> {
        self.read(counts)
    }

    fn customer(&self, external_id: &str) -> StoreResult<Option<CustomerDetail>> {
        self.read(|c| customer(c, external_id))
    }

    fn list_customers(&self, query: &CustomerQuery) -> StoreResult<Vec<CustomerSummary>> {
        self.read(|c| list_customers(c, query))
    }

    fn each_customer(
        &self,
        query: &CustomerQuery,
        each: &mut dyn FnMut(CustomerSummary) -> StoreResult<bool>,
    ) -> StoreResult<u64> {
        self.read(|c| each_customer(c, query, false, each))
    }

    fn names_of(&self, ids: &[String]) -> StoreResult<std::collections::HashMap<String, String>> {
        self.read(|c| {
            let what = "cannot read customers' names";
            let mut stmt = c
                .prepare_cached(
                    "SELECT external_id, first_name, last_name, company FROM customers WHERE external_id = ?1",
                )
                .ctx(what)?;
            let mut names = std::collections::HashMap::with_capacity(ids.len());
            for id in ids {
                if let Some((id, name)) = stmt.query_row([id], |r| id_and_name(r, 0)).optional().ctx(what)? {
                    names.insert(id, name);
                }
            }
            Ok(names)
        })
    }

    fn customers_with_phone(&self, e164: &str) -> StoreResult<Vec<String>> {
        self.read(|c| {
            let what = "cannot find customers by phone";
            let mut stmt =
                c.prepare_cached("SELECT external_id FROM customers WHERE phone_e164 = ?1 ORDER BY id").ctx(what)?;
            let ids = stmt.query_map([e164], |r| r.get(0)).ctx(what)?;
            ids.collect::<Result<_, _>>().ctx(what)
        })
    }

    fn count_customers(&self, query: &CustomerQuery, cap: u64) -> StoreResult<u64> {
        self.read(|c| count_customers(c, query, cap))
    }
}

/// Reads a non-negative count (SQLite integers are signed).
fn count_at(r: &Row<'_>, i: usize) -> rusqlite::Result<u64> {
    r.get::<_, i64>(i).map(|v| u64::try_from(v).unwrap_or(0))
}

pub(crate) fn counts(conn: &Connection) -> StoreResult<TableCounts> {
    let count = |table: &str| -> StoreResult<u64> {
        conn.query_row(&format!("SELECT COUNT(*) FROM {table}"), [], |r| count_at(r, 0)).ctx("cannot count rows")
    };
    Ok(TableCounts {
        customers: count("customers")?,
        products: count("products")?,
        orders: count("orders")?,
        order_lines: count("order_lines")?,
        interactions: count("interactions")?,
        scores: count("customer_scores")?,
        history: count("ladder_history")?,
    })
}

fn timestamp(t: Option<i64>) -> Option<DateTime<Utc>> {
    t.and_then(|t| DateTime::from_timestamp(t, 0))
}

fn day(d: Option<i64>) -> Option<NaiveDate> {
    d.map(date_of_day)
}

fn parse_or_corrupt<T>(value: &str, parse: impl Fn(&str) -> Option<T>, what: &str) -> StoreResult<T> {
    parse(value).ok_or_else(|| StoreError::Conflict(format!("the database holds an unknown {what} {value:?}")))
}

const SCORE_COLUMNS: &str = "s.as_of, s.rung, s.rung_reason, s.state, s.state_reason, s.lifecycle_stage, s.recency_days, \
     s.orders, s.first_order, s.second_order, s.third_order, s.last_order, s.spend_minor, s.rfm_r, s.rfm_f, s.rfm_m, s.rfm_segment, \
     s.fourth_order, s.has_value, s.p_alive, s.expected_purchases_90d, s.expected_purchases_365d, s.expected_next_order, \
     s.expected_spend_minor, s.clv_minor, s.event_buyer";

fn score_from(r: &Row<'_>, at: usize, customer: CustomerId) -> StoreResult<Option<ScoreRecord>> {
    let what = "cannot read a score";
    let Some(as_of) = r.get::<_, Option<i64>>(at).ctx(what)? else { return Ok(None) };
    let text = |i: usize| r.get::<_, Option<String>>(at + i).ctx(what);
    let rung = parse_or_corrupt(&text(1)?.unwrap_or_default(), Rung::parse, "rung")?;
    let lifecycle_stage = parse_or_corrupt(&text(5)?.unwrap_or_default(), LifecycleStage::parse, "lifecycle stage")?;
    let rfm = match (r.get::<_, Option<u8>>(at + 13), r.get::<_, Option<u8>>(at + 14), r.get::<_, Option<u8>>(at + 15))
    {
        (Ok(Some(r)), Ok(Some(f)), Ok(Some(m))) => Some(RfmScore { r, f, m }),
        _ => None,
    };
    Ok(Some(ScoreRecord {
        customer,
        as_of: date_of_day(as_of),
        rung,
        rung_reason: Reason::from_stored(&text(2)?.unwrap_or_default()),
        state: text(3)?.as_deref().and_then(CustomerState::parse),
        state_reason: text(4)?.as_deref().map(Reason::from_stored),
        lifecycle_stage,
        recency_days: r.get(at + 6).ctx(what)?,
        orders: r.get(at + 7).ctx(what)?,
        first_order: day(r.get(at + 8).ctx(what)?),
        second_order: day(r.get(at + 9).ctx(what)?),
        third_order: day(r.get(at + 10).ctx(what)?),
        last_order: day(r.get(at + 11).ctx(what)?),
        spend_minor: r.get(at + 12).ctx(what)?,
        rfm,
        rfm_segment: text(16)?.as_deref().and_then(RfmSegment::parse),
        fourth_order: day(r.get(at + 17).ctx(what)?),
        value: if r.get::<_, bool>(at + 18).ctx(what)? {
            Some(CustomerValue {
                p_alive: r.get(at + 19).ctx(what)?,
                expected_purchases_90d: r.get(at + 20).ctx(what)?,
                expected_purchases_365d: r.get(at + 21).ctx(what)?,
                expected_next_order: day(r.get(at + 22).ctx(what)?),
                expected_spend_minor: r.get(at + 23).ctx(what)?,
                clv_minor: r.get(at + 24).ctx(what)?,
            })
        } else {
            None
        },
        event_buyer: r.get(at + 25).ctx(what)?,
    }))
}

pub(crate) fn customer(conn: &Connection, external_id: &str) -> StoreResult<Option<CustomerDetail>> {
    let what = "cannot read a customer";
    let found = conn
        .prepare_cached(&format!(
            "SELECT c.id, c.external_id, c.kind, c.first_name, c.last_name, c.company, c.industry, c.email, c.phone,
                    c.address, c.city, c.region, c.country, c.birthday, c.profession, c.income_band,
                    c.preferred_language, c.preferred_channel, c.referred_by, c.created_at, c.attributes, {SCORE_COLUMNS}
             FROM customers c LEFT JOIN customer_scores s ON s.customer_id = c.id WHERE c.external_id = ?1"
        ))
        .ctx(what)?
        .query_row([external_id], |r| {
            let t = |i: usize| r.get::<_, Option<String>>(i);
            let id = CustomerId(r.get(0)?);
            let profile = Customer {
                external_id: r.get(1)?,
                kind: t(2)?.as_deref().and_then(CustomerKind::parse),
                first_name: t(3)?,
                last_name: t(4)?,
                company: t(5)?,
                industry: t(6)?,
                email: t(7)?,
                phone: t(8)?,
                address: t(9)?,
                city: t(10)?,
                region: t(11)?,
                country: t(12)?,
                birthday: t(13)?.as_deref().and_then(|b| Birthday::parse(b).ok()),
                profession: t(14)?,
                income_band: t(15)?,
                preferred_language: t(16)?,
                preferred_channel: t(17)?.as_deref().and_then(Channel::parse),
                referred_by: t(18)?,
                created_at: timestamp(r.get(19)?),
                attributes: read_attributes(t(20)?),
                consents: Vec::new(),
                tags: Vec::new(),
            };
            Ok((id, profile, score_from(r, 21, id)))
        })
        .optional()
        .ctx(what)?;
    let Some((id, mut profile, score)) = found else { return Ok(None) };
    let score = score?;
    profile.tags = conn
        .prepare_cached("SELECT tag FROM customer_tags WHERE customer_id = ?1 ORDER BY tag")
        .and_then(|mut s| s.query_map([id.0], |r| r.get(0))?.collect())
        .ctx(what)?;
    profile.consents = conn
        .prepare_cached(
            "SELECT channel, granted, at, source, method, basis, evidence FROM consents
             WHERE customer_id = ?1 AND purpose = 'marketing'",
        )
        .and_then(|mut s| {
            s.query_map([id.0], |r| {
                let consent = read_consent(&r.get::<_, String>(0)?, r.get(1)?, r.get(2)?, r.get(3)?);
                let (method, basis): (Option<String>, Option<String>) = (r.get(4)?, r.get(5)?);
                Ok(consent.map(|c| Consent {
                    method: method.as_deref().and_then(ConsentMethod::parse),
                    basis: basis.as_deref().and_then(LegalBasis::parse),
                    evidence: r.get(6).ok().flatten(),
                    ..c
                }))
            })?
            .collect()
        })
        .map(|v: Vec<_>| v.into_iter().flatten().collect())
        .ctx(what)?;
    profile.consents.sort_by_key(|c| c.channel);
    let consent_ledger = conn
        .prepare_cached(
            "SELECT channel, purpose, action, at, method, basis, source, evidence FROM consent_events
             WHERE customer_id = ?1 ORDER BY id",
        )
        .and_then(|mut s| {
            s.query_map([id.0], |r| {
                Ok(read_consent_event(
                    &r.get::<_, String>(0)?,
                    &r.get::<_, String>(1)?,
                    &r.get::<_, String>(2)?,
                    r.get(3)?,
                    &r.get::<_, String>(4)?,
                    r.get::<_, Option<String>>(5)?.as_deref(),
                    r.get(6)?,
                    r.get(7)?,
                ))
            })?
            .collect()
        })
        .map(|v: Vec<_>| v.into_iter().flatten().collect())
        .ctx(what)?;
    let referrals = conn
        .prepare_cached(
            "SELECT external_id, first_name, last_name, company FROM customers WHERE referred_by = ?1 ORDER BY id LIMIT ?2",
        )
        .and_then(|mut s| {
            s.query_map(params![profile.external_id, REFERRALS_SHOWN], |r| id_and_name(r, 0))?.collect()
        })
        .ctx(what)?;
    Ok(Some(CustomerDetail {
        id,
        referrals,
        orders: orders_of(conn, id)?,
        interactions: interactions_of(conn, id, &profile.external_id)?,
        history: history_of(conn, id)?,
        profile,
        score,
        consent_ledger,
    }))
}

fn orders_of(conn: &Connection, id: CustomerId) -> StoreResult<Vec<OrderView>> {
    let what = "cannot read orders";
    let mut stmt = conn
        .prepare_cached(
            "SELECT o.id, o.external_id, o.ordered_at, o.status, o.currency, o.total_minor, o.one_off, o.campaign_code,
                    p.sku, p.name, p.category, l.quantity, l.unit_price_minor
             FROM orders o LEFT JOIN order_lines l ON l.order_id = o.id LEFT JOIN products p ON p.id = l.product_id
             WHERE o.customer_id = ?1 ORDER BY o.ordered_at DESC, o.id DESC, l.line_no",
        )
        .ctx(what)?;
    let mut rows = stmt.query([id.0]).ctx(what)?;
    let mut orders: Vec<OrderView> = Vec::new();
    let mut last_id = None;
    while let Some(r) = rows.next().ctx(what)? {
        let order_id: i64 = r.get(0).ctx(what)?;
        if last_id != Some(order_id) {
            last_id = Some(order_id);
            let status: String = r.get(3).ctx(what)?;
            orders.push(OrderView {
                order_id: r.get(1).ctx(what)?,
                ordered_at: timestamp(r.get(2).ctx(what)?).unwrap_or_default(),
                status: parse_or_corrupt(&status, OrderStatus::parse, "order status")?,
                currency: r.get(4).ctx(what)?,
                total_minor: r.get(5).ctx(what)?,
                one_off: r.get(6).ctx(what)?,
                campaign_code: r.get(7).ctx(what)?,
                lines: Vec::new(),
            });
        }
        if let Some(sku) = r.get::<_, Option<String>>(8).ctx(what)? {
            let line = OrderLineView {
                sku,
                product_name: r.get(9).ctx(what)?,
                category: r.get(10).ctx(what)?,
                quantity: r.get(11).ctx(what)?,
                unit_price_minor: r.get(12).ctx(what)?,
            };
            orders.last_mut().expect("pushed above").lines.push(line);
        }
    }
    Ok(orders)
}

fn interactions_of(conn: &Connection, id: CustomerId, external_id: &str) -> StoreResult<Vec<Interaction>> {
    let what = "cannot read interactions";
    let mut stmt = conn
        .prepare_cached(
            "SELECT at, kind, note, campaign_code FROM interactions WHERE customer_id = ?1 ORDER BY at DESC, id DESC",
        )
        .ctx(what)?;
    let rows = stmt
        .query_map([id.0], |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?, r.get::<_, Option<String>>(3)?))
        })
        .ctx(what)?;
    let mut out = Vec::new();
    for row in rows {
        let (at, kind, note, campaign_code) = row.ctx(what)?;
        out.push(Interaction {
            customer_external_id: external_id.to_owned(),
            at: timestamp(Some(at)).unwrap_or_default(),
            kind: parse_or_corrupt(&kind, InteractionKind::parse, "interaction kind")?,
            note: (!note.is_empty()).then_some(note),
            campaign_code,
        });
    }
    Ok(out)
}

fn history_of(conn: &Connection, id: CustomerId) -> StoreResult<Vec<Change>> {
    let what = "cannot read history";
    let mut stmt = conn
        .prepare_cached(
            "SELECT kind, from_value, to_value, at, reason FROM ladder_history WHERE customer_id = ?1 ORDER BY id",
        )
        .ctx(what)?;
    let rows = stmt
        .query_map([id.0], |r| {
            Ok(Change {
                kind: if r.get::<_, String>(0)? == "rung" { ChangeKind::Rung } else { ChangeKind::State },
                from: r.get(1)?,
                to: r.get(2)?,
                at: date_of_day(r.get(3)?),
                reason: Reason::from_stored(&r.get::<_, String>(4)?),
            })
        })
        .ctx(what)?;
    rows.collect::<Result<_, _>>().ctx(what)
}

/// A customer's id and display name from four columns from `at`: external id, first and last name,
/// company.
fn id_and_name(r: &Row<'_>, at: usize) -> rusqlite::Result<(String, String)> {
    let id: String = r.get(at)?;
    let t = |i: usize| r.get::<_, Option<String>>(at + i);
    let name = ladder_domain::customer::display_name(&id, t(1)?.as_deref(), t(2)?.as_deref(), t(3)?.as_deref());
    Ok((id, name))
}

pub(crate) fn list_customers(conn: &Connection, q: &CustomerQuery) -> StoreResult<Vec<CustomerSummary>> {
    let mut page = Vec::with_capacity(q.limit as usize);
    each_customer(conn, q, true, &mut |c| {
        page.push(c);
        Ok(true)
    })?;
    Ok(page)
}

/// The customers of a query in its order, a page of them when `paged`, handed to `each` as they are read.
pub(crate) fn each_customer(
    conn: &Connection,
    q: &CustomerQuery,
    paged: bool,
    each: &mut dyn FnMut(CustomerSummary) -> StoreResult<bool>,
) -> StoreResult<u64> {
    let mut filter = ladder_store::filter::customer_filter(q, &Sqlite);
    // "By id" is the order customers were added in (the row id): an index on a filtered column then
    // yields rows already in order and the page stops after `limit` rows instead of sorting every match.
    // With a filter on the scores the same id is named from the scores' side, where their indexes are.
    let scored = q.rung.is_some() || q.state.is_some() || q.segment.is_some();
    let order = match (q.sort, scored) {
        (CustomerSort::Id, true) => "s.customer_id",
        (CustomerSort::Id, false) => "c.id",
        (CustomerSort::Name, _) => "COALESCE(c.last_name, c.company, c.external_id), c.first_name, c.id",
        (CustomerSort::Spend, _) => "COALESCE(s.spend_minor, 0) DESC, c.id",
        // SQLite puts NULL last in a descending order.
        (CustomerSort::LastOrder, true) => "s.last_order DESC, s.customer_id DESC",
        (CustomerSort::LastOrder, false) => "s.last_order DESC, c.id DESC",
        (CustomerSort::Orders, _) => "COALESCE(s.orders, 0) DESC, c.id",
        (CustomerSort::Clv, _) => "COALESCE(s.clv_minor, -1) DESC, c.id",
        (CustomerSort::PAlive, _) => "COALESCE(s.p_alive, -1) DESC, c.id",
        (CustomerSort::State, _) => {
            "CASE s.state WHEN 'at_risk' THEN 0 WHEN 'lapsed' THEN 1 WHEN 'lost' THEN 2 WHEN 'active' THEN 3 ELSE 4 END, COALESCE(s.spend_minor, 0) DESC, c.id"
        }
    };
    let page = if paged {
        let limit = filter.bind(&Sqlite, SqlValue::Int(i64::from(q.limit)));
        let offset = filter.bind(&Sqlite, SqlValue::Int(i64::from(q.offset)));
        format!("LIMIT {limit} OFFSET {offset}")
    } else {
        String::new()
    };
    let clause = &filter.clause;
    let sql = format!(
        "SELECT c.external_id, c.first_name, c.last_name, c.company, c.email, c.phone, c.country,
                s.rung, s.state, s.rfm_segment, COALESCE(s.orders, 0), COALESCE(s.spend_minor, 0), s.last_order,
                s.lifecycle_stage, s.clv_minor, s.p_alive
         FROM customers c LEFT JOIN customer_scores s ON s.customer_id = c.id
         {clause} ORDER BY {order} {page}"
    );
    let what = "cannot list customers";
    let mut stmt = conn.prepare(&sql).ctx(what)?;
    let mut rows = stmt.query(params_from_iter(sql_values(filter.args))).ctx(what)?;
    let mut handed = 0;
    while let Some(r) = rows.next().ctx(what)? {
        let summary = (|| -> rusqlite::Result<CustomerSummary> {
            let t = |i: usize| r.get::<_, Option<String>>(i);
            let (first_name, last_name, company) = (t(1)?, t(2)?, t(3)?);
            let name = ladder_domain::customer::display_name(
                &r.get::<_, String>(0)?,
                first_name.as_deref(),
                last_name.as_deref(),
                company.as_deref(),
            );
            Ok(CustomerSummary {
                customer_id: r.get(0)?,
                name,
                first_name,
                last_name,
                company,
                email: t(4)?,
                phone: t(5)?,
                country: t(6)?,
                rung: t(7)?.as_deref().and_then(Rung::parse),
                state: t(8)?.as_deref().and_then(CustomerState::parse),
                rfm_segment: t(9)?.as_deref().and_then(RfmSegment::parse),
                orders: r.get(10)?,
                spend_minor: r.get(11)?,
                last_order: day(r.get(12)?),
                lifecycle_stage: t(13)?.as_deref().and_then(LifecycleStage::parse),
                clv_minor: r.get(14)?,
                p_alive: r.get(15)?,
            })
        })()
        .ctx(what)?;
        handed += 1;
        if !each(summary)? {
            break;
        }
    }
    Ok(handed)
}

pub(crate) fn count_customers(conn: &Connection, q: &CustomerQuery, cap: u64) -> StoreResult<u64> {
    let mut filter = ladder_store::filter::customer_filter(q, &Sqlite);
    let cap = filter.bind(&Sqlite, SqlValue::Int(i64::try_from(cap).unwrap_or(i64::MAX)));
    // The inner LIMIT stops the scan at `cap` matches. When the customers' own columns are not asked
    // about, the count starts from the scores' indexes and never visits the customers: tags and consents
    // are then looked up by the scores' customer id (the same number as `c.id`).
    let (from, clause) = if q.needs_a_score() && !q.reads_customer_columns() {
        ("customer_scores s", filter.clause.replace("c.id", "s.customer_id"))
    } else {
        ("customers c LEFT JOIN customer_scores s ON s.customer_id = c.id", filter.clause)
    };
    let sql = format!("SELECT COUNT(*) FROM (SELECT 1 FROM {from} {clause} LIMIT {cap})");
    conn.prepare(&sql)
        .and_then(|mut s| s.query_row(params_from_iter(sql_values(filter.args)), |r| count_at(r, 0)))
        .ctx("cannot count customers")
}

/// The customer statements.
struct CustomerSql {
    select: String,
    insert: String,
    update: String,
}

impl CustomerSql {
    fn new() -> Self {
        let columns: Vec<&str> = CUSTOMER_COLUMNS.split(", ").collect();
        let placeholders = (1..=columns.len() + 1).map(|i| format!("?{i}")).collect::<Vec<_>>().join(", ");
        let sets = columns.iter().enumerate().map(|(i, c)| format!("{c} = ?{}", i + 2)).collect::<Vec<_>>().join(", ");
        Self {
            select: format!("SELECT {CUSTOMER_COLUMNS}, id FROM customers WHERE external_id = ?1"),
            insert: format!(
                "INSERT INTO customers (external_id, {CUSTOMER_COLUMNS}) VALUES ({placeholders})
                 ON CONFLICT (external_id) DO NOTHING RETURNING id"
            ),
            update: format!("UPDATE customers SET {sets} WHERE id = ?1"),
        }
    }
}

/// An order's stored header: id, customer id, time, currency, code, one-off mark and status.
type StoredOrder = (i64, i64, i64, String, Option<String>, bool, String);

use ladder_store::schema::CUSTOMER_COLUMNS;

/// A customer as the columns of its row (after `external_id`), shared with the other backends.
use ladder_store::schema::CustomerColumns as CustomerRow;

/// Reading and binding the shared customer columns with rusqlite.
trait SqliteColumns: Sized {
    fn read(r: &rusqlite::Row<'_>) -> rusqlite::Result<Self>;
    fn params(&self) -> Vec<&dyn rusqlite::ToSql>;
}

impl SqliteColumns for CustomerRow {
    fn read(r: &rusqlite::Row<'_>) -> rusqlite::Result<Self> {
        let mut texts: [Option<String>; 19] = Default::default();
        for (i, t) in texts.iter_mut().enumerate() {
            *t = r.get(i)?;
        }
        Ok(Self { texts, created_at: r.get(19)?, attributes: r.get(20)? })
    }

    fn params(&self) -> Vec<&dyn rusqlite::ToSql> {
        let mut p: Vec<&dyn rusqlite::ToSql> = self.texts.iter().map(|t| t as &dyn rusqlite::ToSql).collect();
        p.push(&self.created_at);
        p.push(&self.attributes);
        p
    }
}

static CUSTOMER_SQL: LazyLock<CustomerSql> = LazyLock::new(CustomerSql::new);

impl SqliteTx<'_> {
    /// The row id of a customer: from the map of every customer in a bulk import, else looked up once
    /// and remembered.
    fn customer_id(&mut self, external_id: &str) -> StoreResult<Option<i64>> {
        if let Some(id) = self.customers.get(external_id) {
            return Ok(Some(*id));
        }
        if self.bulk_after.is_some() {
            if !self.customers_loaded {
                let mut stmt =
                    self.conn().prepare("SELECT external_id, id FROM customers").ctx("cannot read customers")?;
                let rows = stmt
                    .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))
                    .ctx("cannot read customers")?;
                let mut map = std::collections::HashMap::new();
                for row in rows {
                    let (k, v) = row.ctx("cannot read customers")?;
                    map.insert(k, v);
                }
                drop(stmt);
                self.customers.extend(map);
                self.customers_loaded = true;
            }
            return Ok(self.customers.get(external_id).copied());
        }
        let found: Option<i64> = self
            .conn()
            .prepare_cached("SELECT id FROM customers WHERE external_id = ?1")
            .and_then(|mut s| s.query_row([external_id], |r| r.get(0)).optional())
            .ctx("cannot read a customer")?;
        if let Some(id) = found {
            self.customers.insert(external_id.to_owned(), id);
        }
        Ok(found)
    }

    /// Makes sure the product `sku` is in the map if it exists: every product at once in a bulk import.
    fn load_product(&mut self, sku: &str) -> StoreResult<()> {
        let read =
            |r: &Row<'_>| Ok((r.get::<_, String>(0)?, Product { id: r.get(1)?, name: r.get(2)?, category: r.get(3)? }));
        if self.bulk_after.is_some() {
            if !self.products_loaded {
                let mut stmt =
                    self.conn().prepare("SELECT sku, id, name, category FROM products").ctx("cannot read products")?;
                let rows: Vec<(String, Product)> =
                    stmt.query_map([], read).and_then(Iterator::collect).ctx("cannot read products")?;
                drop(stmt);
                self.products.extend(rows);
                self.products_loaded = true;
            }
            return Ok(());
        }
        if !self.products.contains_key(sku) {
            let found = self
                .conn()
                .prepare_cached("SELECT sku, id, name, category FROM products WHERE sku = ?1")
                .and_then(|mut s| s.query_row([sku], read).optional())
                .ctx("cannot read a product")?;
            self.products.extend(found);
        }
        Ok(())
    }

    fn product_id(
        &mut self,
        sku: &str,
        name: Option<&str>,
        category: Option<&str>,
        price: i64,
        currency: &str,
    ) -> StoreResult<i64> {
        self.load_product(sku)?;
        if let Some(p) = self.products.get_mut(sku) {
            let new_name = name.filter(|n| p.name.as_deref() != Some(*n));
            let new_category = category.filter(|c| p.category.as_deref() != Some(*c));
            if new_name.is_some() || new_category.is_some() {
                if let Some(n) = new_name {
                    p.name = Some(n.to_owned());
                }
                if let Some(c) = new_category {
                    p.category = Some(c.to_owned());
                }
                // The writer alone: the product is borrowed from `self.products` meanwhile.
                let conn = &self.writer.as_deref().expect("the writer is held until the unit of work ends").conn;
                conn.prepare_cached("UPDATE products SET name = ?2, category = ?3 WHERE id = ?1")
                    .and_then(|mut s| s.execute(params![p.id, p.name, p.category]))
                    .ctx("cannot update a product")?;
            }
            return Ok(p.id);
        }
        let id = self
            .conn()
            .prepare_cached("INSERT INTO products (sku, name, category, price_minor, currency) VALUES (?1, ?2, ?3, ?4, ?5) RETURNING id")
            .and_then(|mut s| s.query_row(params![sku, name, category, price, currency], |r| r.get(0)))
            .ctx("cannot insert a product")?;
        self.products.insert(
            sku.to_owned(),
            Product { id, name: name.map(str::to_owned), category: category.map(str::to_owned) },
        );
        Ok(id)
    }

    /// The product of an order line, created or renamed as the line says.
    fn line_product(&mut self, line: &ladder_domain::OrderLine, currency: &str) -> StoreResult<i64> {
        self.product_id(
            &line.sku,
            line.product_name.as_deref(),
            line.category.as_deref(),
            line.unit_price_minor,
            currency,
        )
    }

    fn put_tags_and_consents(
        &mut self,
        id: i64,
        customer: &Customer,
        replace: bool,
        keep_tags: bool,
        evidence: &Evidence,
    ) -> StoreResult<bool> {
        let mut changed = false;
        let mut tags: Vec<&str> = customer.tags.iter().map(String::as_str).filter(|t| !t.is_empty()).collect();
        tags.sort_unstable();
        tags.dedup();
        if replace && !keep_tags {
            let old: Vec<String> = self
                .conn()
                .prepare_cached("SELECT tag FROM customer_tags WHERE customer_id = ?1 ORDER BY tag")
                .and_then(|mut s| s.query_map([id], |r| r.get(0))?.collect())
                .ctx("cannot read tags")?;
            if old.iter().map(String::as_str).ne(tags.iter().copied()) {
                changed = true;
                self.conn()
                    .prepare_cached("DELETE FROM customer_tags WHERE customer_id = ?1")
                    .and_then(|mut s| s.execute([id]))
                    .ctx("cannot replace tags")?;
            }
        }
        if (!replace || changed) && !keep_tags {
            let mut stmt = self
                .conn()
                .prepare_cached("INSERT INTO customer_tags (customer_id, tag) VALUES (?1, ?2)")
                .ctx("cannot write tags")?;
            for tag in &tags {
                stmt.execute(params![id, tag]).ctx("cannot write tags")?;
            }
        }
        for consent in &customer.consents {
            changed |= self.put_consent(id, consent, replace, evidence)?;
        }
        Ok(changed)
    }

    /// Writes a consent when it is new or its answer changed, and appends it to the ledger; the first
    /// evidence of an unchanged answer is kept unless the file gives a different date for it.
    fn put_consent(&mut self, id: i64, consent: &Consent, may_exist: bool, evidence: &Evidence) -> StoreResult<bool> {
        let old: Option<(bool, Option<i64>)> = if !may_exist {
            None
        } else {
            self.conn()
                .prepare_cached(
                    "SELECT granted, at FROM consents WHERE customer_id = ?1 AND channel = ?2 AND purpose = ?3",
                )
                .and_then(|mut s| {
                    s.query_row(params![id, consent.channel.as_str(), consent.purpose.as_str()], |r| {
                        Ok((r.get(0)?, r.get(1)?))
                    })
                    .optional()
                })
                .ctx("cannot read a consent")?
        };
        let given_at = consent.at.map(|t| t.timestamp());
        let same = match old {
            Some((granted, at)) => granted == consent.granted && (given_at.is_none() || given_at == at),
            None => false,
        };
        if same {
            return Ok(false);
        }
        let k = StoredConsent::of(consent, evidence);
        let what = "cannot write a consent";
        self.conn()
            .prepare_cached(
                "INSERT INTO consents (customer_id, channel, purpose, granted, at, source, method, basis, evidence)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
                 ON CONFLICT (customer_id, channel, purpose) DO UPDATE SET granted = excluded.granted, at = excluded.at,
                    source = excluded.source, method = excluded.method, basis = excluded.basis, evidence = excluded.evidence",
            )
            .and_then(|mut s| {
                s.execute(params![id, k.channel, k.purpose, k.granted, k.at, k.source, k.method, k.basis, k.evidence])
            })
            .ctx(what)?;
        self.conn()
            .prepare_cached(
                "INSERT INTO consent_events (customer_id, channel, purpose, action, at, method, basis, source, evidence)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            )
            .and_then(|mut s| {
                s.execute(params![id, k.channel, k.purpose, k.action(), k.at, k.method, k.basis, k.source, k.evidence])
            })
            .ctx(what)?;
        Ok(true)
    }
}

impl SqliteTx<'_> {
    /// Writes a customer whose stored row is `row` (its phone's forms read, perhaps on another thread).
    fn write_customer(
        &mut self,
        customer: &Customer,
        row: CustomerRow,
        evidence: &Evidence,
        absent: Absent,
    ) -> StoreResult<WriteOutcome> {
        // Insert first: a new customer then costs one statement; an existing one is compared below.
        let mut p = vec![&customer.external_id as &dyn rusqlite::ToSql];
        p.extend(row.params());
        let inserted: Option<i64> = self
            .conn()
            .prepare_cached(&CUSTOMER_SQL.insert)
            .and_then(|mut s| s.query_row(p.as_slice(), |r| r.get(0)).optional())
            .ctx("cannot insert a customer")?;
        if let Some(id) = inserted {
            self.put_tags_and_consents(id, customer, false, false, evidence)?;
            self.customers.insert(customer.external_id.clone(), id);
            return Ok(WriteOutcome::Inserted);
        }
        let (old, id) = self
            .conn()
            .prepare_cached(&CUSTOMER_SQL.select)
            .and_then(|mut s| {
                s.query_row([&customer.external_id], |r| Ok((CustomerRow::read(r)?, r.get::<_, i64>(21)?)))
            })
            .ctx("cannot read a customer")?;
        let row = if absent == Absent::Keep { row.over(&old) } else { row };
        let mut changed = false;
        if old != row {
            let mut p = vec![&id as &dyn rusqlite::ToSql];
            p.extend(row.params());
            self.conn()
                .prepare_cached(&CUSTOMER_SQL.update)
                .and_then(|mut s| s.execute(p.as_slice()))
                .ctx("cannot update a customer")?;
            changed = true;
        }
        let keep_tags = absent == Absent::Keep && customer.tags.is_empty();
        changed |= self.put_tags_and_consents(id, customer, true, keep_tags, evidence)?;
        Ok(if changed { WriteOutcome::Updated } else { WriteOutcome::Unchanged })
    }
}

impl CustomerTx for SqliteTx<'_> {
    fn customer_known(&mut self, external_id: &str) -> StoreResult<bool> {
        Ok(self.customer_id(external_id)?.is_some())
    }

    fn customer(&mut self, external_id: &str) -> StoreResult<Option<CustomerDetail>> {
        customer(self.conn(), external_id)
    }

    fn put_customer(&mut self, customer: &Customer, evidence: &Evidence, absent: Absent) -> StoreResult<WriteOutcome> {
        self.write_customer(customer, CustomerRow::of(customer), evidence, absent)
    }

    fn put_customers(&mut self, customers: &[PreparedCustomer], evidence: &Evidence) -> StoreResult<Vec<WriteOutcome>> {
        customers.iter().map(|c| self.write_customer(&c.customer, c.row(), evidence, Absent::Keep)).collect()
    }

    fn put_order(&mut self, order: &Order) -> StoreResult<Vec<WriteOutcome>> {
        let customer_id = self
            .customer_id(&order.customer_external_id)?
            .ok_or_else(|| StoreError::NotFound(format!("customer {}", order.customer_external_id)))?;
        let total = order
            .total_minor()
            .ok_or_else(|| StoreError::Conflict(format!("order {} total is too large", order.external_id)))?;
        let currency = order.currency.code();
        let ordered_at = order.ordered_at.timestamp();
        let inserted: Option<i64> = self
            .conn()
            .prepare_cached(
                "INSERT INTO orders (external_id, customer_id, ordered_at, currency, campaign_code, one_off, status, total_minor)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT (external_id) DO NOTHING RETURNING id",
            )
            .and_then(|mut s| {
                s.query_row(
                    params![
                        order.external_id,
                        customer_id,
                        ordered_at,
                        currency,
                        order.campaign_code,
                        order.one_off,
                        order.status.as_str(),
                        total
                    ],
                    |r| r.get(0),
                )
                .optional()
            })
            .ctx("cannot insert an order")?;
        if let Some(order_id) = inserted {
            for (n, line) in order.lines.iter().enumerate() {
                let product = self.line_product(line, currency)?;
                self.conn()
                    .prepare_cached(
                        "INSERT INTO order_lines (order_id, line_no, product_id, quantity, unit_price_minor) VALUES (?1, ?2, ?3, ?4, ?5)",
                    )
                    .and_then(|mut s| s.execute(params![order_id, n as i64, product, line.quantity, line.unit_price_minor]))
                    .ctx("cannot insert an order line")?;
            }
            return Ok(vec![WriteOutcome::Inserted; order.lines.len()]);
        }
        let (order_id, old_customer, old_at, old_currency, old_code, old_one_off, old_status): StoredOrder = self
            .conn()
            .prepare_cached(
                "SELECT id, customer_id, ordered_at, currency, campaign_code, one_off, status FROM orders WHERE external_id = ?1",
            )
            .and_then(|mut s| {
                s.query_row([&order.external_id], |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?))
                })
            })
            .ctx("cannot read an order")?;
        if old_customer != customer_id {
            return Err(StoreError::Conflict(format!(
                "order {} already belongs to another customer, not {}",
                order.external_id, order.customer_external_id
            )));
        }
        let header_changed = old_at != ordered_at
            || old_currency != currency
            || old_code != order.campaign_code
            || old_one_off != order.one_off
            || old_status != order.status.as_str();
        if header_changed {
            self.conn()
                .prepare_cached("UPDATE orders SET ordered_at = ?2, currency = ?3, campaign_code = ?4, one_off = ?5, status = ?6 WHERE id = ?1")
                .and_then(|mut s| s.execute(params![order_id, ordered_at, currency, order.campaign_code, order.one_off, order.status.as_str()]))
                .ctx("cannot update an order")?;
        }
        // The order sent again replaces the stored one: its lines, position by position, and none beyond.
        let old: Vec<(i64, i64, i64)> = self
            .conn()
            .prepare_cached(
                "SELECT product_id, quantity, unit_price_minor FROM order_lines WHERE order_id = ?1 ORDER BY line_no",
            )
            .and_then(|mut s| s.query_map([order_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?.collect())
            .ctx("cannot read an order's lines")?;
        let mut lines_changed = false;
        for (n, line) in order.lines.iter().enumerate() {
            let new = (self.line_product(line, currency)?, line.quantity, line.unit_price_minor);
            if old.get(n) == Some(&new) {
                continue;
            }
            self.conn()
                .prepare_cached(
                    "INSERT INTO order_lines (order_id, line_no, product_id, quantity, unit_price_minor) VALUES (?1, ?2, ?3, ?4, ?5)
                     ON CONFLICT (order_id, line_no) DO UPDATE SET product_id = excluded.product_id,
                         quantity = excluded.quantity, unit_price_minor = excluded.unit_price_minor",
                )
                .and_then(|mut s| s.execute(params![order_id, n as i64, new.0, new.1, new.2]))
                .ctx("cannot write an order line")?;
            lines_changed = true;
        }
        if old.len() > order.lines.len() {
            self.conn()
                .prepare_cached("DELETE FROM order_lines WHERE order_id = ?1 AND line_no >= ?2")
                .and_then(|mut s| s.execute(params![order_id, order.lines.len() as i64]))
                .ctx("cannot delete an order's former lines")?;
            lines_changed = true;
        }
        if lines_changed {
            self.conn()
                .prepare_cached("UPDATE orders SET total_minor = ?2 WHERE id = ?1")
                .and_then(|mut s| s.execute([order_id, total]))
                .ctx("cannot update an order total")?;
        }
        Ok(ladder_store::order_line_outcomes(old.len(), order.lines.len(), header_changed || lines_changed))
    }

    fn put_interaction(&mut self, interaction: &Interaction) -> StoreResult<WriteOutcome> {
        let id = self
            .customer_id(&interaction.customer_external_id)?
            .ok_or_else(|| StoreError::NotFound(format!("customer {}", interaction.customer_external_id)))?;
        let written = self
            .conn()
            .prepare_cached("INSERT OR IGNORE INTO interactions (customer_id, at, kind, note, campaign_code) VALUES (?1, ?2, ?3, ?4, ?5)")
            .and_then(|mut s| {
                s.execute(params![
                    id,
                    interaction.at.timestamp(),
                    interaction.kind.as_str(),
                    interaction.note.as_deref().unwrap_or(""),
                    interaction.campaign_code
                ])
            })
            .ctx("cannot write an interaction")?;
        Ok(if written == 1 { WriteOutcome::Inserted } else { WriteOutcome::Unchanged })
    }

    fn clear_customers(&mut self) -> StoreResult<()> {
        self.conn()
            .execute_batch(
                "DELETE FROM club_draws; DELETE FROM club_ledger; DELETE FROM club_tier_moves; DELETE FROM club_perk_grants; DELETE FROM club_cards;
                 DELETE FROM club_members; DELETE FROM ladder_history; DELETE FROM customer_scores; DELETE FROM interactions;
                 DELETE FROM order_lines; DELETE FROM orders; DELETE FROM products; DELETE FROM consents; DELETE FROM consent_events; DELETE FROM message_clicks;
                 DELETE FROM outbox; DELETE FROM tasks; DELETE FROM playbook_steps; DELETE FROM playbook_runs;
                 DELETE FROM customer_tags; DELETE FROM customers;",
            )
            .ctx("cannot clear the customers")?;
        self.customers.clear();
        self.products.clear();
        self.customers_loaded = false;
        self.products_loaded = false;
        // Every customer from now on is new to a bulk import's search index.
        if self.bulk_after.is_some() {
            self.bulk_after = Some(0);
        }
        Ok(())
    }
}

/// Reads consents back into domain values.
pub(crate) fn read_consent(channel: &str, granted: bool, at: Option<i64>, source: Option<String>) -> Option<Consent> {
    Some(Consent {
        channel: Channel::parse(channel)?,
        granted,
        at: at.and_then(|t| DateTime::<Utc>::from_timestamp(t, 0)),
        source,
        ..Consent::PLAIN
    })
}

/// Reads the attributes column back.
pub(crate) fn read_attributes(json: Option<String>) -> BTreeMap<String, String> {
    json.and_then(|j| serde_json::from_str(&j).ok()).unwrap_or_default()
}
