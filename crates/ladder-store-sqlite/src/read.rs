//! Reads for the CLI and reports: one customer in full, customer lists, and grouped totals.

use crate::Context;
use crate::import::{read_attributes, read_consent};
use chrono::{DateTime, NaiveDate, Utc};
use ladder_domain::date::date_of_day;
use ladder_domain::{
    Birthday, Channel, Customer, CustomerKind, CustomerState, Interaction, InteractionKind, LifecycleStage,
    OrderStatus, RfmScore, RfmSegment, Rung,
};
use ladder_store::search;
use ladder_store::{
    Change, ChangeKind, CustomerDetail, CustomerId, CustomerQuery, CustomerSort, CustomerSummary, CustomerValue,
    Dimension, GroupTotals, OrderLineView, OrderView, PurchaseMilestones, ScoreRecord, StoreError, StoreResult,
    TableCounts,
};
use rusqlite::{Connection, OptionalExtension, Row, params_from_iter, types::Value};

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
     s.expected_spend_minor, s.clv_minor";

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
        rung_reason: text(2)?.unwrap_or_default(),
        state: text(3)?.as_deref().and_then(CustomerState::parse),
        state_reason: text(4)?,
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
        .prepare_cached("SELECT channel, granted, at, source FROM consents WHERE customer_id = ?1")
        .and_then(|mut s| {
            s.query_map([id.0], |r| Ok(read_consent(&r.get::<_, String>(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
                .collect()
        })
        .map(|v: Vec<_>| v.into_iter().flatten().collect())
        .ctx(what)?;
    profile.consents.sort_by_key(|c| c.channel);
    Ok(Some(CustomerDetail {
        id,
        orders: orders_of(conn, id)?,
        interactions: interactions_of(conn, id, &profile.external_id)?,
        history: history_of(conn, id)?,
        profile,
        score,
    }))
}

fn orders_of(conn: &Connection, id: CustomerId) -> StoreResult<Vec<OrderView>> {
    let what = "cannot read orders";
    let mut stmt = conn
        .prepare_cached(
            "SELECT o.id, o.external_id, o.ordered_at, o.status, o.currency, o.total_minor, o.one_off, o.campaign_code,
                    p.sku, p.name, p.category, l.quantity, l.unit_price_minor
             FROM orders o LEFT JOIN order_lines l ON l.order_id = o.id LEFT JOIN products p ON p.id = l.product_id
             WHERE o.customer_id = ?1 ORDER BY o.ordered_at DESC, o.id DESC, p.sku",
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
                reason: r.get(4)?,
            })
        })
        .ctx(what)?;
    rows.collect::<Result<_, _>>().ctx(what)
}

/// The `WHERE` clause of a customer query over `customers c LEFT JOIN customer_scores s`, and its
/// arguments (numbered from `?1`).
fn customer_filter(q: &CustomerQuery) -> (String, Vec<Value>) {
    let mut conditions = Vec::new();
    let mut args: Vec<Value> = Vec::new();
    let mut arg = |v: Value| {
        args.push(v);
        format!("?{}", args.len())
    };
    let plain = q.search.as_deref().map(search::fold).filter(|t| !t.trim().is_empty() && !t.contains(['%', '_', '\\']));
    if let Some(text) = plain {
        // The trigram index answers `LIKE` without an escape character (migration 6); text with `%`
        // or `_` in it, which must be escaped, reads every customer instead.
        let p = arg(Value::Text(format!("%{}%", text.trim())));
        conditions.push(format!("c.id IN (SELECT rowid FROM customer_search WHERE text LIKE {p})"));
    } else if let Some(pattern) = q.search.as_deref().and_then(search::like_pattern) {
        let p = arg(Value::Text(pattern));
        conditions.push(format!(
            "ladder_fold(c.external_id || ' ' || COALESCE(c.first_name, '') || ' ' || COALESCE(c.last_name, '') || ' ' ||
              COALESCE(c.company, '') || ' ' || COALESCE(c.email, '') || ' ' || COALESCE(c.phone, '')) LIKE {p} ESCAPE '\\'"
        ));
    }
    if let Some(rung) = q.rung {
        conditions.push(format!("s.rung = {}", arg(Value::Text(rung.as_str().into()))));
    }
    if let Some(state) = q.state {
        conditions.push(format!("s.state = {}", arg(Value::Text(state.as_str().into()))));
    }
    if let Some(segment) = q.segment {
        conditions.push(format!("s.rfm_segment = {}", arg(Value::Text(segment.as_str().into()))));
    }
    if let Some(country) = &q.country {
        conditions.push(format!("c.country = {} COLLATE NOCASE", arg(Value::Text(country.clone()))));
    }
    if let Some(tag) = &q.tag {
        // `IN`, not `EXISTS`: SQLite then starts from the tag's index instead of visiting every customer.
        conditions.push(format!(
            "c.id IN (SELECT t.customer_id FROM customer_tags t WHERE t.tag = {})",
            arg(Value::Text(tag.clone()))
        ));
    }
    if let Some(channel) = q.consent {
        // One row per channel holds the latest answer.
        conditions.push(format!(
            "EXISTS (SELECT 1 FROM consents k WHERE k.customer_id = c.id AND k.channel = {} AND k.granted = 1)",
            arg(Value::Text(channel.as_str().into()))
        ));
    }
    if let Some(min) = q.min_clv_minor {
        conditions.push(format!("s.clv_minor >= {}", arg(Value::Integer(min))));
    }
    if let Some(max) = q.max_clv_minor {
        conditions.push(format!("s.clv_minor <= {}", arg(Value::Integer(max))));
    }
    if let Some(min) = q.min_orders {
        conditions.push(format!("COALESCE(s.orders, 0) >= {}", arg(Value::Integer(i64::from(min)))));
    }
    if let Some(max) = q.max_orders {
        conditions.push(format!("COALESCE(s.orders, 0) <= {}", arg(Value::Integer(i64::from(max)))));
    }
    if let Some(product) = &q.product {
        let p = arg(Value::Text(product.clone()));
        conditions.push(format!(
            "c.id IN (SELECT o.customer_id FROM orders o JOIN order_lines l ON l.order_id = o.id
                      JOIN products p ON p.id = l.product_id
                      WHERE o.status = 'completed' AND (p.sku = {p} OR p.category = {p}))"
        ));
    }
    let filter = if conditions.is_empty() { String::new() } else { format!("WHERE {}", conditions.join(" AND ")) };
    (filter, args)
}

pub(crate) fn list_customers(conn: &Connection, q: &CustomerQuery) -> StoreResult<Vec<CustomerSummary>> {
    let (filter, mut args) = customer_filter(q);
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
    };
    args.push(Value::Integer(i64::from(q.limit)));
    args.push(Value::Integer(i64::from(q.offset)));
    let (limit, offset) = (args.len() - 1, args.len());
    let sql = format!(
        "SELECT c.external_id, c.first_name, c.last_name, c.company, c.email, c.phone, c.country,
                s.rung, s.state, s.rfm_segment, COALESCE(s.orders, 0), COALESCE(s.spend_minor, 0), s.last_order,
                s.lifecycle_stage, s.clv_minor, s.p_alive
         FROM customers c LEFT JOIN customer_scores s ON s.customer_id = c.id
         {filter} ORDER BY {order} LIMIT ?{limit} OFFSET ?{offset}"
    );
    let what = "cannot list customers";
    let mut stmt = conn.prepare(&sql).ctx(what)?;
    let rows = stmt
        .query_map(params_from_iter(args.iter()), |r| {
            let t = |i: usize| r.get::<_, Option<String>>(i);
            let name = Customer {
                external_id: r.get(0)?,
                first_name: t(1)?,
                last_name: t(2)?,
                company: t(3)?,
                ..Customer::default()
            }
            .display_name();
            Ok(CustomerSummary {
                customer_id: r.get(0)?,
                name,
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
        })
        .ctx(what)?;
    rows.collect::<Result<_, _>>().ctx(what)
}

pub(crate) fn count_customers(conn: &Connection, q: &CustomerQuery, cap: u64) -> StoreResult<u64> {
    let (filter, mut args) = customer_filter(q);
    args.push(Value::Integer(i64::try_from(cap).unwrap_or(i64::MAX)));
    let cap_arg = args.len();
    // The inner LIMIT stops the scan at `cap` matches. When the customers' own columns are not asked
    // about, the count starts from the scores' indexes and never visits the customers: tags and consents
    // are then looked up by the scores' customer id (the same number as `c.id`).
    let on_customers = q.search.is_some() || q.country.is_some();
    let on_scores = q.rung.is_some()
        || q.min_orders.is_some_and(|n| n > 0)
        || q.state.is_some()
        || q.segment.is_some()
        || q.min_clv_minor.is_some()
        || q.max_clv_minor.is_some();
    let (from, filter) = if on_scores && !on_customers {
        ("customer_scores s", filter.replace("c.id", "s.customer_id"))
    } else {
        ("customers c LEFT JOIN customer_scores s ON s.customer_id = c.id", filter)
    };
    let sql = format!("SELECT COUNT(*) FROM (SELECT 1 FROM {from} {filter} LIMIT ?{cap_arg})");
    conn.prepare(&sql)
        .and_then(|mut s| s.query_row(params_from_iter(args.iter()), |r| count_at(r, 0)))
        .ctx("cannot count customers")
}

pub(crate) fn summary_by(conn: &Connection, dimension: Dimension) -> StoreResult<Vec<GroupTotals>> {
    let column = match dimension {
        Dimension::Rung => "rung",
        Dimension::State => "state",
        Dimension::LifecycleStage => "lifecycle_stage",
        Dimension::RfmSegment => "rfm_segment",
    };
    let what = "cannot total scores";
    let mut stmt = conn
        .prepare(&format!(
            "SELECT {column}, COUNT(*), COALESCE(SUM(orders), 0), COALESCE(SUM(spend_minor), 0)
             FROM customer_scores GROUP BY {column} ORDER BY {column}"
        ))
        .ctx(what)?;
    let rows = stmt
        .query_map([], |r| {
            Ok(GroupTotals {
                key: r.get(0)?,
                customers: count_at(r, 1)?,
                orders: count_at(r, 2)?,
                revenue_minor: r.get(3)?,
            })
        })
        .ctx(what)?;
    rows.collect::<Result<_, _>>().ctx(what)
}

/// The median of a day difference over the scored customers that have both days.
fn median_days(conn: &Connection, from: &str, to: &str) -> StoreResult<Option<f64>> {
    conn.query_row(
        &format!(
            "WITH d AS (SELECT {to} - {from} AS days FROM customer_scores WHERE {to} IS NOT NULL)
             SELECT AVG(days) FROM (SELECT days FROM d ORDER BY days
                 LIMIT 2 - (SELECT COUNT(*) FROM d) % 2 OFFSET (SELECT (COUNT(*) - 1) / 2 FROM d))"
        ),
        [],
        |r| r.get(0),
    )
    .ctx("cannot compute a median")
}

pub(crate) fn purchase_milestones(conn: &Connection) -> StoreResult<PurchaseMilestones> {
    let reached = conn
        .query_row(
            "SELECT COALESCE(SUM(orders >= 1), 0), COALESCE(SUM(orders >= 2), 0), COALESCE(SUM(orders >= 3), 0) FROM customer_scores",
            [],
            |r| Ok([count_at(r, 0)?, count_at(r, 1)?, count_at(r, 2)?]),
        )
        .ctx("cannot count purchase milestones")?;
    Ok(PurchaseMilestones {
        reached,
        median_days_first_to_second: median_days(conn, "first_order", "second_order")?,
        median_days_second_to_third: median_days(conn, "second_order", "third_order")?,
    })
}

pub(crate) fn moves_since(
    conn: &Connection,
    kind: ladder_store::ChangeKind,
    since: chrono::NaiveDate,
) -> StoreResult<Vec<ladder_store::Move>> {
    let what = "cannot read the moves";
    let mut stmt = conn
        .prepare_cached(
            "SELECT from_value, to_value, COUNT(*) FROM ladder_history WHERE kind = ?1 AND at >= ?2
             GROUP BY from_value, to_value ORDER BY 3 DESC, 1, 2",
        )
        .ctx(what)?;
    let day = ladder_domain::date::date_day_number(since);
    let rows = stmt
        .query_map(rusqlite::params![kind.as_str(), day], |r| {
            Ok(ladder_store::Move { from: r.get(0)?, to: r.get(1)?, count: count_at(r, 2)? })
        })
        .ctx(what)?;
    rows.collect::<Result<_, _>>().ctx(what)
}

pub(crate) fn clv_histogram(conn: &Connection, edges: &[i64]) -> StoreResult<ladder_store::ClvHistogram> {
    let what = "cannot count customers by value";
    // One count per bucket in a single scan: bucket i is [edges[i], edges[i + 1]), the last one open.
    let mut columns = vec!["MAX(clv_minor)".to_owned()];
    for i in 0..edges.len() {
        let upper = if i + 1 < edges.len() { format!(" AND clv_minor < ?{}", i + 2) } else { String::new() };
        columns.push(format!("COUNT(CASE WHEN clv_minor >= ?{}{upper} THEN 1 END)", i + 1));
    }
    let sql = format!("SELECT {} FROM customer_scores", columns.join(", "));
    conn.query_row(&sql, params_from_iter(edges.iter()), |r| {
        let counts = (0..edges.len()).map(|i| count_at(r, i + 1)).collect::<rusqlite::Result<_>>()?;
        Ok(ladder_store::ClvHistogram { max_minor: r.get(0)?, counts })
    })
    .ctx(what)
}

pub(crate) fn moved_customers(
    conn: &Connection,
    kind: ladder_store::ChangeKind,
    since: chrono::NaiveDate,
    limit: u32,
) -> StoreResult<Vec<ladder_store::MovedCustomer>> {
    let what = "cannot read the moves";
    let mut stmt = conn
        .prepare_cached(
            "SELECT c.external_id, c.first_name, c.last_name, c.company, h.from_value, h.to_value, h.at
             FROM ladder_history h JOIN customers c ON c.id = h.customer_id
             WHERE h.kind = ?1 AND h.at >= ?2 ORDER BY h.at DESC, h.id DESC LIMIT ?3",
        )
        .ctx(what)?;
    let day = ladder_domain::date::date_day_number(since);
    let rows = stmt
        .query_map(rusqlite::params![kind.as_str(), day, i64::from(limit)], |r| {
            let name = Customer {
                external_id: r.get(0)?,
                first_name: r.get(1)?,
                last_name: r.get(2)?,
                company: r.get(3)?,
                ..Customer::default()
            }
            .display_name();
            Ok(ladder_store::MovedCustomer {
                customer_id: r.get(0)?,
                name,
                from: r.get(4)?,
                to: r.get(5)?,
                at: ladder_domain::date::date_of_day(r.get(6)?),
            })
        })
        .ctx(what)?;
    rows.collect::<Result<_, _>>().ctx(what)
}
