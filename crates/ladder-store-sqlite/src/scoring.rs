//! Scoring reads: every customer's history aggregates in one SQL statement; and the scoring write.

use crate::Context;
use chrono::NaiveDate;
use ladder_domain::date::{date_of_day, end_of_day};
use ladder_domain::{CustomerFacts, CustomerState, InteractionKind, Rung};
use ladder_store::{Change, ScoreRecord, ScoreSession, ScoringRow, StoreResult};
use rusqlite::{Connection, params};

/// Per-customer aggregates over counted orders placed by the end of `as_of`, in one pass.
///
/// Gaps are between distinct order days (orders on one day are one visit); the median of an even
/// number of gaps is the mean of the middle two.
const FACTS_SQL: &str = "
WITH o AS MATERIALIZED (
    SELECT customer_id, ordered_at / 86400 AS day, total_minor, currency,
           ROW_NUMBER() OVER (PARTITION BY customer_id ORDER BY ordered_at, id) AS n
    FROM orders
    WHERE status = 'completed' AND ordered_at < ?1
),
agg AS (
    SELECT customer_id, COUNT(*) AS orders, MIN(day) AS first_day, MAX(day) AS last_day,
           MAX(CASE WHEN n = 2 THEN day END) AS second_day, MAX(CASE WHEN n = 3 THEN day END) AS third_day,
           SUM(CASE WHEN currency = ?2 THEN total_minor ELSE 0 END) AS spend
    FROM o GROUP BY customer_id
),
gaps AS (
    SELECT customer_id, day - LAG(day) OVER (PARTITION BY customer_id ORDER BY day) AS gap
    FROM (SELECT DISTINCT customer_id, day FROM o)
),
ranked AS (
    SELECT customer_id, gap,
           ROW_NUMBER() OVER (PARTITION BY customer_id ORDER BY gap) AS rn,
           COUNT(*) OVER (PARTITION BY customer_id) AS cnt
    FROM gaps WHERE gap IS NOT NULL
),
med AS (
    SELECT customer_id, AVG(gap) AS median_gap FROM ranked
    WHERE rn IN ((cnt + 1) / 2, (cnt + 2) / 2) GROUP BY customer_id
),
inter AS (
    SELECT customer_id, kind AS last_kind, MAX(at) AS last_at, COUNT(*) AS n,
           SUM(kind = 'recommendation') AS recommendations
    FROM interactions WHERE at < ?1 GROUP BY customer_id
),
refs AS (
    SELECT r.id AS customer_id, COUNT(*) AS buyers
    FROM customers c JOIN customers r ON r.external_id = c.referred_by JOIN agg a ON a.customer_id = c.id
    GROUP BY r.id
)
SELECT c.id,
       c.referred_by IS NOT NULL AND (c.created_at IS NULL OR c.created_at < ?1),
       COALESCE(agg.orders, 0), agg.first_day, agg.second_day, agg.third_day, agg.last_day, COALESCE(agg.spend, 0),
       med.median_gap,
       COALESCE(inter.n, 0), inter.last_kind, inter.last_at / 86400, COALESCE(inter.recommendations, 0),
       COALESCE(refs.buyers, 0),
       s.rung, s.state
FROM customers c
LEFT JOIN agg ON agg.customer_id = c.id
LEFT JOIN med ON med.customer_id = c.id
LEFT JOIN inter ON inter.customer_id = c.id
LEFT JOIN refs ON refs.customer_id = c.id
LEFT JOIN customer_scores s ON s.customer_id = c.id
";

pub(crate) fn facts(
    conn: &Connection,
    as_of: NaiveDate,
    currency: &str,
    sink: &mut dyn FnMut(ScoringRow) -> StoreResult<()>,
) -> StoreResult<()> {
    let what = "cannot aggregate order history";
    let mut stmt = conn.prepare(FACTS_SQL).ctx(what)?;
    let mut rows = stmt.query(params![end_of_day(as_of), currency]).ctx(what)?;
    let day = |v: Option<i64>| v.map(date_of_day);
    while let Some(r) = rows.next().ctx(what)? {
        let last_kind: Option<String> = r.get(10).ctx(what)?;
        let last_day: Option<i64> = r.get(11).ctx(what)?;
        let rung: Option<String> = r.get(14).ctx(what)?;
        let state: Option<String> = r.get(15).ctx(what)?;
        let facts = CustomerFacts {
            orders: r.get(2).ctx(what)?,
            first_order: day(r.get(3).ctx(what)?),
            second_order: day(r.get(4).ctx(what)?),
            third_order: day(r.get(5).ctx(what)?),
            last_order: day(r.get(6).ctx(what)?),
            spend_minor: r.get(7).ctx(what)?,
            median_gap_days: r.get(8).ctx(what)?,
            interactions: r.get(9).ctx(what)?,
            last_interaction: last_kind.as_deref().and_then(InteractionKind::parse).zip(day(last_day)),
            was_referred: r.get(1).ctx(what)?,
            recommendations: r.get(12).ctx(what)?,
            referred_buyers: r.get(13).ctx(what)?,
        };
        let previous =
            rung.as_deref().and_then(Rung::parse).map(|r| (r, state.as_deref().and_then(CustomerState::parse)));
        sink(ScoringRow { customer: ladder_store::CustomerId(r.get(0).ctx(what)?), facts, previous })?;
    }
    Ok(())
}

pub(crate) struct SqliteScoring {
    conn: Connection,
    committed: bool,
}

impl SqliteScoring {
    pub(crate) fn begin(conn: Connection) -> StoreResult<Self> {
        conn.execute_batch("BEGIN IMMEDIATE").ctx("cannot start writing scores")?;
        Ok(Self { conn, committed: false })
    }
}

impl Drop for SqliteScoring {
    fn drop(&mut self) {
        if !self.committed {
            let _ = self.conn.execute_batch("ROLLBACK");
        }
    }
}

fn day_number(d: Option<NaiveDate>) -> Option<i64> {
    d.map(ladder_domain::date::date_day_number)
}

impl ScoreSession for SqliteScoring {
    fn put(&mut self, s: &ScoreRecord, changes: &[Change]) -> StoreResult<()> {
        let what = "cannot write a score";
        self.conn
            .prepare_cached(
                "INSERT INTO customer_scores (customer_id, as_of, rung, rung_reason, state, state_reason, lifecycle_stage,
                    recency_days, orders, first_order, second_order, third_order, last_order, spend_minor,
                    rfm_r, rfm_f, rfm_m, rfm_segment)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)
                 ON CONFLICT (customer_id) DO UPDATE SET as_of = excluded.as_of, rung = excluded.rung,
                    rung_reason = excluded.rung_reason, state = excluded.state, state_reason = excluded.state_reason,
                    lifecycle_stage = excluded.lifecycle_stage, recency_days = excluded.recency_days,
                    orders = excluded.orders, first_order = excluded.first_order, second_order = excluded.second_order,
                    third_order = excluded.third_order, last_order = excluded.last_order,
                    spend_minor = excluded.spend_minor, rfm_r = excluded.rfm_r, rfm_f = excluded.rfm_f,
                    rfm_m = excluded.rfm_m, rfm_segment = excluded.rfm_segment",
            )
            .and_then(|mut stmt| {
                stmt.execute(params![
                    s.customer.0,
                    ladder_domain::date::date_day_number(s.as_of),
                    s.rung.as_str(),
                    s.rung_reason,
                    s.state.map(CustomerState::as_str),
                    s.state_reason,
                    s.lifecycle_stage.as_str(),
                    s.recency_days,
                    s.orders,
                    day_number(s.first_order),
                    day_number(s.second_order),
                    day_number(s.third_order),
                    day_number(s.last_order),
                    s.spend_minor,
                    s.rfm.map(|x| x.r),
                    s.rfm.map(|x| x.f),
                    s.rfm.map(|x| x.m),
                    s.rfm_segment.map(|x| x.as_str()),
                ])
            })
            .ctx(what)?;
        for change in changes {
            self.conn
                .prepare_cached(
                    "INSERT INTO ladder_history (customer_id, kind, from_value, to_value, at, reason) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                )
                .and_then(|mut stmt| {
                    stmt.execute(params![
                        s.customer.0,
                        change.kind.as_str(),
                        change.from,
                        change.to,
                        ladder_domain::date::date_day_number(change.at),
                        change.reason
                    ])
                })
                .ctx("cannot record a change")?;
        }
        Ok(())
    }

    fn commit(mut self: Box<Self>) -> StoreResult<()> {
        self.conn.execute_batch("COMMIT").ctx("cannot commit scores")?;
        self.committed = true;
        Ok(())
    }
}
