//! Reads for the CLI and reports: one customer in full, customer lists, and grouped totals.

use crate::{Connection, Context};
use chrono::{DateTime, NaiveDate, Utc};
use ladder_domain::date::date_of_day;
use ladder_domain::{
    Birthday, Channel, Consent, Customer, CustomerKind, CustomerState, Interaction, InteractionKind, LifecycleStage,
    OrderStatus, RfmScore, RfmSegment, Rung,
};
use ladder_store::search;
use ladder_store::{
    Change, ChangeKind, CustomerDetail, CustomerId, CustomerQuery, CustomerSort, CustomerSummary, CustomerValue,
    Dimension, GroupTotals, OrderLineView, OrderView, PurchaseMilestones, ScoreRecord, StoreError, StoreResult,
    TableCounts,
};
use postgres::Row;
use postgres::types::ToSql;

fn unsigned(v: i64) -> u64 {
    u64::try_from(v).unwrap_or(0)
}

pub(crate) fn counts(client: &mut Connection) -> StoreResult<TableCounts> {
    let row = client
        .query_one(
            "SELECT (SELECT COUNT(*) FROM customers), (SELECT COUNT(*) FROM products), (SELECT COUNT(*) FROM orders),
                    (SELECT COUNT(*) FROM order_lines), (SELECT COUNT(*) FROM interactions),
                    (SELECT COUNT(*) FROM customer_scores), (SELECT COUNT(*) FROM ladder_history)",
            &[],
        )
        .ctx("cannot count rows")?;
    let c = |i: usize| unsigned(row.get(i));
    Ok(TableCounts {
        customers: c(0),
        products: c(1),
        orders: c(2),
        order_lines: c(3),
        interactions: c(4),
        scores: c(5),
        history: c(6),
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
     s.orders, s.first_order, s.second_order, s.third_order, s.last_order, s.spend_minor, s.rfm_r, s.rfm_f, s.rfm_m, \
     s.rfm_segment, s.fourth_order, s.has_value, s.p_alive, s.expected_purchases_90d, s.expected_purchases_365d, \
     s.expected_next_order, s.expected_spend_minor, s.clv_minor";

fn score_from(r: &Row, at: usize, customer: CustomerId) -> StoreResult<Option<ScoreRecord>> {
    let Some(as_of) = r.get::<_, Option<i64>>(at) else { return Ok(None) };
    let text = |i: usize| r.get::<_, Option<String>>(at + i);
    let small = |i: usize| r.get::<_, Option<i16>>(at + i).and_then(|v| u8::try_from(v).ok());
    let rfm = match (small(13), small(14), small(15)) {
        (Some(r), Some(f), Some(m)) => Some(RfmScore { r, f, m }),
        _ => None,
    };
    Ok(Some(ScoreRecord {
        customer,
        as_of: date_of_day(as_of),
        rung: parse_or_corrupt(&text(1).unwrap_or_default(), Rung::parse, "rung")?,
        rung_reason: text(2).unwrap_or_default(),
        state: text(3).as_deref().and_then(CustomerState::parse),
        state_reason: text(4),
        lifecycle_stage: parse_or_corrupt(&text(5).unwrap_or_default(), LifecycleStage::parse, "lifecycle stage")?,
        recency_days: r.get(at + 6),
        orders: u32::try_from(r.get::<_, i64>(at + 7)).unwrap_or(u32::MAX),
        first_order: day(r.get(at + 8)),
        second_order: day(r.get(at + 9)),
        third_order: day(r.get(at + 10)),
        last_order: day(r.get(at + 11)),
        spend_minor: r.get(at + 12),
        rfm,
        rfm_segment: text(16).as_deref().and_then(RfmSegment::parse),
        fourth_order: day(r.get(at + 17)),
        value: r.get::<_, bool>(at + 18).then(|| CustomerValue {
            p_alive: r.get(at + 19),
            expected_purchases_90d: r.get::<_, Option<f64>>(at + 20).unwrap_or_default(),
            expected_purchases_365d: r.get::<_, Option<f64>>(at + 21).unwrap_or_default(),
            expected_next_order: day(r.get(at + 22)),
            expected_spend_minor: r.get(at + 23),
            clv_minor: r.get(at + 24),
        }),
    }))
}

pub(crate) fn customer(client: &mut Connection, external_id: &str) -> StoreResult<Option<CustomerDetail>> {
    let what = "cannot read a customer";
    let sql = format!(
        "SELECT c.id, c.external_id, c.kind, c.first_name, c.last_name, c.company, c.industry, c.email, c.phone,
                c.address, c.city, c.region, c.country, c.birthday, c.profession, c.income_band,
                c.preferred_language, c.preferred_channel, c.referred_by, c.created_at, c.attributes, {SCORE_COLUMNS}
         FROM customers c LEFT JOIN customer_scores s ON s.customer_id = c.id WHERE c.external_id = $1"
    );
    let Some(r) = client.query_opt(&sql, &[&external_id]).ctx(what)? else { return Ok(None) };
    let t = |i: usize| r.get::<_, Option<String>>(i);
    let id = CustomerId(r.get(0));
    let mut profile = Customer {
        external_id: r.get(1),
        kind: t(2).as_deref().and_then(CustomerKind::parse),
        first_name: t(3),
        last_name: t(4),
        company: t(5),
        industry: t(6),
        email: t(7),
        phone: t(8),
        address: t(9),
        city: t(10),
        region: t(11),
        country: t(12),
        birthday: t(13).as_deref().and_then(|b| Birthday::parse(b).ok()),
        profession: t(14),
        income_band: t(15),
        preferred_language: t(16),
        preferred_channel: t(17).as_deref().and_then(Channel::parse),
        referred_by: t(18),
        created_at: timestamp(r.get(19)),
        attributes: t(20).and_then(|j| serde_json::from_str(&j).ok()).unwrap_or_default(),
        consents: Vec::new(),
        tags: Vec::new(),
    };
    let score = score_from(&r, 21, id)?;
    profile.tags = client
        .query("SELECT tag FROM customer_tags WHERE customer_id = $1 ORDER BY tag", &[&id.0])
        .ctx(what)?
        .iter()
        .map(|r| r.get(0))
        .collect();
    profile.consents = client
        .query("SELECT channel, granted, at, source FROM consents WHERE customer_id = $1", &[&id.0])
        .ctx(what)?
        .iter()
        .filter_map(|r| {
            Some(Consent {
                channel: Channel::parse(&r.get::<_, String>(0))?,
                granted: r.get(1),
                at: timestamp(r.get(2)),
                source: r.get(3),
            })
        })
        .collect();
    profile.consents.sort_by_key(|c| c.channel);
    let orders = orders_of(client, id)?;
    let interactions = client
        .query(
            "SELECT at, kind, note, campaign_code FROM interactions WHERE customer_id = $1 ORDER BY at DESC, id DESC",
            &[&id.0],
        )
        .ctx(what)?
        .iter()
        .map(|r| {
            let note: String = r.get(2);
            Ok(Interaction {
                customer_external_id: profile.external_id.clone(),
                at: timestamp(r.get(0)).unwrap_or_default(),
                kind: parse_or_corrupt(&r.get::<_, String>(1), InteractionKind::parse, "interaction kind")?,
                note: (!note.is_empty()).then_some(note),
                campaign_code: r.get(3),
            })
        })
        .collect::<StoreResult<Vec<_>>>()?;
    let history = client
        .query(
            "SELECT kind, from_value, to_value, at, reason FROM ladder_history WHERE customer_id = $1 ORDER BY id",
            &[&id.0],
        )
        .ctx(what)?
        .iter()
        .map(|r| Change {
            kind: if r.get::<_, String>(0) == "rung" { ChangeKind::Rung } else { ChangeKind::State },
            from: r.get(1),
            to: r.get(2),
            at: date_of_day(r.get(3)),
            reason: r.get(4),
        })
        .collect();
    Ok(Some(CustomerDetail { id, profile, score, orders, interactions, history }))
}

fn orders_of(client: &mut Connection, id: CustomerId) -> StoreResult<Vec<OrderView>> {
    let what = "cannot read orders";
    let rows = client
        .query(
            "SELECT o.id, o.external_id, o.ordered_at, o.status, o.currency, o.total_minor, o.one_off, o.campaign_code,
                    p.sku, p.name, p.category, l.quantity, l.unit_price_minor
             FROM orders o LEFT JOIN order_lines l ON l.order_id = o.id LEFT JOIN products p ON p.id = l.product_id
             WHERE o.customer_id = $1 ORDER BY o.ordered_at DESC, o.id DESC, p.sku",
            &[&id.0],
        )
        .ctx(what)?;
    let mut orders: Vec<OrderView> = Vec::new();
    let mut last_id = None;
    for r in &rows {
        let order_id: i64 = r.get(0);
        if last_id != Some(order_id) {
            last_id = Some(order_id);
            orders.push(OrderView {
                order_id: r.get(1),
                ordered_at: timestamp(r.get(2)).unwrap_or_default(),
                status: parse_or_corrupt(&r.get::<_, String>(3), OrderStatus::parse, "order status")?,
                currency: r.get(4),
                total_minor: r.get(5),
                one_off: r.get(6),
                campaign_code: r.get(7),
                lines: Vec::new(),
            });
        }
        if let Some(sku) = r.get::<_, Option<String>>(8)
            && let Some(order) = orders.last_mut()
        {
            order.lines.push(OrderLineView {
                sku,
                product_name: r.get(9),
                category: r.get(10),
                quantity: r.get(11),
                unit_price_minor: r.get(12),
            });
        }
    }
    Ok(orders)
}

type Args = Vec<Box<dyn ToSql + Sync>>;

/// The `WHERE` clause of a customer query over `customers c LEFT JOIN customer_scores s`, and its
/// arguments (numbered from `$1`).
fn customer_filter(q: &CustomerQuery) -> (String, Args) {
    let mut conditions = Vec::new();
    let mut args: Args = Vec::new();
    let mut arg = |v: Box<dyn ToSql + Sync>| {
        args.push(v);
        format!("${}", args.len())
    };
    if let Some(pattern) = q.search.as_deref().and_then(search::like_pattern) {
        let p = arg(Box::new(pattern));
        // `ladder_fold` (migration 4) folds as the SQLite backend does.
        conditions.push(format!(
            "ladder_fold(c.external_id || ' ' || COALESCE(c.first_name, '') || ' ' || COALESCE(c.last_name, '') || ' ' ||
              COALESCE(c.company, '') || ' ' || COALESCE(c.email, '') || ' ' || COALESCE(c.phone, '')) LIKE {p}"
        ));
    }
    if let Some(rung) = q.rung {
        conditions.push(format!("s.rung = {}", arg(Box::new(rung.as_str()))));
    }
    if let Some(state) = q.state {
        conditions.push(format!("s.state = {}", arg(Box::new(state.as_str()))));
    }
    if let Some(segment) = q.segment {
        conditions.push(format!("s.rfm_segment = {}", arg(Box::new(segment.as_str()))));
    }
    if let Some(country) = &q.country {
        conditions.push(format!("upper(c.country) = upper({})", arg(Box::new(country.clone()))));
    }
    if let Some(tag) = &q.tag {
        conditions.push(format!(
            "EXISTS (SELECT 1 FROM customer_tags t WHERE t.customer_id = c.id AND t.tag = {})",
            arg(Box::new(tag.clone()))
        ));
    }
    if let Some(channel) = q.consent {
        // One row per channel holds the latest answer.
        conditions.push(format!(
            "EXISTS (SELECT 1 FROM consents k WHERE k.customer_id = c.id AND k.channel = {} AND k.granted)",
            arg(Box::new(channel.as_str()))
        ));
    }
    if let Some(min) = q.min_clv_minor {
        conditions.push(format!("s.clv_minor >= {}", arg(Box::new(min))));
    }
    if let Some(max) = q.max_clv_minor {
        conditions.push(format!("s.clv_minor <= {}", arg(Box::new(max))));
    }
    if let Some(min) = q.min_orders {
        conditions.push(format!("COALESCE(s.orders, 0) >= {}", arg(Box::new(i64::from(min)))));
    }
    if let Some(max) = q.max_orders {
        conditions.push(format!("COALESCE(s.orders, 0) <= {}", arg(Box::new(i64::from(max)))));
    }
    if let Some(product) = &q.product {
        let p = arg(Box::new(product.clone()));
        conditions.push(format!(
            "c.id IN (SELECT o.customer_id FROM orders o JOIN order_lines l ON l.order_id = o.id
                      JOIN products p ON p.id = l.product_id
                      WHERE o.status = 'completed' AND (p.sku = {p} OR p.category = {p}))"
        ));
    }
    let filter = if conditions.is_empty() { String::new() } else { format!("WHERE {}", conditions.join(" AND ")) };
    (filter, args)
}

pub(crate) fn list_customers(client: &mut Connection, q: &CustomerQuery) -> StoreResult<Vec<CustomerSummary>> {
    let (filter, mut args) = customer_filter(q);
    // As in the SQLite backend: "by id" is the order customers were added in, which indexes serve.
    let order = match q.sort {
        CustomerSort::Id => "c.id",
        CustomerSort::Name => "COALESCE(c.last_name, c.company, c.external_id), c.first_name, c.id",
        CustomerSort::Spend => "COALESCE(s.spend_minor, 0) DESC, c.id",
        CustomerSort::LastOrder => "s.last_order DESC NULLS LAST, c.id DESC",
        CustomerSort::Orders => "COALESCE(s.orders, 0) DESC, c.id",
    };
    args.push(Box::new(i64::from(q.limit)));
    args.push(Box::new(i64::from(q.offset)));
    let (limit, offset) = (args.len() - 1, args.len());
    // Byte order, as SQLite sorts: the same list on both backends whatever the database's collation.
    let sql = format!(
        "SELECT c.external_id, c.first_name, c.last_name, c.company, c.email, c.phone, c.country,
                s.rung, s.state, s.rfm_segment, COALESCE(s.orders, 0), COALESCE(s.spend_minor, 0), s.last_order,
                s.lifecycle_stage, s.clv_minor, s.p_alive
         FROM customers c LEFT JOIN customer_scores s ON s.customer_id = c.id
         {filter} ORDER BY {} LIMIT ${limit} OFFSET ${offset}",
        order.replace("c.external_id", "c.external_id COLLATE \"C\"")
    );
    let params: Vec<&(dyn ToSql + Sync)> = args.iter().map(|a| a.as_ref()).collect();
    let rows = client.query(&sql, &params).ctx("cannot list customers")?;
    Ok(rows
        .iter()
        .map(|r| {
            let t = |i: usize| r.get::<_, Option<String>>(i);
            let name = Customer {
                external_id: r.get(0),
                first_name: t(1),
                last_name: t(2),
                company: t(3),
                ..Customer::default()
            }
            .display_name();
            CustomerSummary {
                customer_id: r.get(0),
                name,
                email: t(4),
                phone: t(5),
                country: t(6),
                rung: t(7).as_deref().and_then(Rung::parse),
                state: t(8).as_deref().and_then(CustomerState::parse),
                rfm_segment: t(9).as_deref().and_then(RfmSegment::parse),
                orders: u32::try_from(r.get::<_, i64>(10)).unwrap_or(u32::MAX),
                spend_minor: r.get(11),
                last_order: day(r.get(12)),
                lifecycle_stage: t(13).as_deref().and_then(LifecycleStage::parse),
                clv_minor: r.get(14),
                p_alive: r.get(15),
            }
        })
        .collect())
}

pub(crate) fn count_customers(client: &mut Connection, q: &CustomerQuery, cap: u64) -> StoreResult<u64> {
    let (filter, mut args) = customer_filter(q);
    args.push(Box::new(i64::try_from(cap).unwrap_or(i64::MAX)));
    let cap_arg = args.len();
    // The inner LIMIT stops the scan at `cap` matches.
    let sql = format!(
        "SELECT COUNT(*) FROM (SELECT 1 FROM customers c LEFT JOIN customer_scores s ON s.customer_id = c.id
                               {filter} LIMIT ${cap_arg}) AS matches"
    );
    let params: Vec<&(dyn ToSql + Sync)> = args.iter().map(|a| a.as_ref()).collect();
    let row = client.query_one(&sql, &params).ctx("cannot count customers")?;
    Ok(unsigned(row.get(0)))
}

pub(crate) fn summary_by(client: &mut Connection, dimension: Dimension) -> StoreResult<Vec<GroupTotals>> {
    let column = match dimension {
        Dimension::Rung => "rung",
        Dimension::State => "state",
        Dimension::LifecycleStage => "lifecycle_stage",
        Dimension::RfmSegment => "rfm_segment",
    };
    let rows = client
        .query(
            &format!(
                "SELECT {column}, COUNT(*), COALESCE(SUM(orders), 0)::BIGINT, COALESCE(SUM(spend_minor), 0)::BIGINT
                 FROM customer_scores GROUP BY {column} ORDER BY {column}"
            ),
            &[],
        )
        .ctx("cannot total scores")?;
    Ok(rows
        .iter()
        .map(|r| GroupTotals {
            key: r.get(0),
            customers: unsigned(r.get(1)),
            orders: unsigned(r.get(2)),
            revenue_minor: r.get(3),
        })
        .collect())
}

pub(crate) fn purchase_milestones(client: &mut Connection) -> StoreResult<PurchaseMilestones> {
    let r = client
        .query_one(
            "SELECT COUNT(*) FILTER (WHERE orders >= 1), COUNT(*) FILTER (WHERE orders >= 2), COUNT(*) FILTER (WHERE orders >= 3),
                    percentile_cont(0.5) WITHIN GROUP (ORDER BY second_order - first_order) FILTER (WHERE second_order IS NOT NULL),
                    percentile_cont(0.5) WITHIN GROUP (ORDER BY third_order - second_order) FILTER (WHERE third_order IS NOT NULL)
             FROM customer_scores",
            &[],
        )
        .ctx("cannot count purchase milestones")?;
    Ok(PurchaseMilestones {
        reached: [unsigned(r.get(0)), unsigned(r.get(1)), unsigned(r.get(2))],
        median_days_first_to_second: r.get(3),
        median_days_second_to_third: r.get(4),
    })
}

pub(crate) fn moves_since(
    client: &mut Connection,
    kind: ladder_store::ChangeKind,
    since: chrono::NaiveDate,
) -> StoreResult<Vec<ladder_store::Move>> {
    let day = ladder_domain::date::date_day_number(since);
    let rows = client
        .query(
            "SELECT from_value, to_value, COUNT(*) FROM ladder_history WHERE kind = $1 AND at >= $2
             GROUP BY from_value, to_value ORDER BY 3 DESC, from_value COLLATE \"C\" NULLS FIRST, to_value COLLATE \"C\" NULLS FIRST",
            &[&kind.as_str(), &day],
        )
        .ctx("cannot read the moves")?;
    Ok(rows
        .iter()
        .map(|r| ladder_store::Move { from: r.get(0), to: r.get(1), count: r.get::<_, i64>(2).max(0) as u64 })
        .collect())
}

pub(crate) fn clv_histogram(client: &mut Connection, edges: &[i64]) -> StoreResult<ladder_store::ClvHistogram> {
    // One count per bucket in a single scan: bucket i is [edges[i], edges[i + 1]), the last one open.
    let mut columns = vec!["MAX(clv_minor)".to_owned()];
    for i in 0..edges.len() {
        let upper = if i + 1 < edges.len() { format!(" AND clv_minor < ${}", i + 2) } else { String::new() };
        columns.push(format!("COUNT(*) FILTER (WHERE clv_minor >= ${}{upper})", i + 1));
    }
    let sql = format!("SELECT {} FROM customer_scores", columns.join(", "));
    let params: Vec<&(dyn ToSql + Sync)> = edges.iter().map(|e| e as &(dyn ToSql + Sync)).collect();
    let r = client.query_one(&sql, &params).ctx("cannot count customers by value")?;
    Ok(ladder_store::ClvHistogram {
        max_minor: r.get(0),
        counts: (0..edges.len()).map(|i| unsigned(r.get(i + 1))).collect(),
    })
}

pub(crate) fn moved_customers(
    client: &mut Connection,
    kind: ladder_store::ChangeKind,
    since: chrono::NaiveDate,
    limit: u32,
) -> StoreResult<Vec<ladder_store::MovedCustomer>> {
    let day = ladder_domain::date::date_day_number(since);
    let rows = client
        .query(
            "SELECT c.external_id, c.first_name, c.last_name, c.company, h.from_value, h.to_value, h.at
             FROM ladder_history h JOIN customers c ON c.id = h.customer_id
             WHERE h.kind = $1 AND h.at >= $2 ORDER BY h.at DESC, h.id DESC LIMIT $3",
            &[&kind.as_str(), &day, &i64::from(limit)],
        )
        .ctx("cannot read the moves")?;
    Ok(rows
        .iter()
        .map(|r| {
            let name = ladder_domain::Customer {
                external_id: r.get(0),
                first_name: r.get(1),
                last_name: r.get(2),
                company: r.get(3),
                ..ladder_domain::Customer::default()
            }
            .display_name();
            ladder_store::MovedCustomer {
                customer_id: r.get(0),
                name,
                from: r.get(4),
                to: r.get(5),
                at: ladder_domain::date::date_of_day(r.get(6)),
            }
        })
        .collect())
}
