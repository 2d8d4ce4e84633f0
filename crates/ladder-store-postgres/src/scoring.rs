//! Scoring reads in one set-based statement, and the scoring write in one transaction.

use crate::{Connection, Context};
use chrono::NaiveDate;
use ladder_domain::date::{date_day_number, date_of_day, end_of_day};
use ladder_domain::{CustomerFacts, CustomerState, InteractionKind, Rung};
use ladder_store::{Change, CustomerId, PreviousScore, ScoreRecord, ScoreSession, ScoringRow, StoreResult};
use postgres::Statement;

/// Per-customer aggregates over counted orders placed by the end of `as_of`. PostgreSQL has what SQLite
/// lacks: `FILTER`, `percentile_cont` (the median of the gaps between distinct order days, the mean of the
/// middle two for an even count) and ordered aggregates for the latest interaction.
const FACTS_SQL: &str = "
WITH o AS (
    SELECT customer_id, ordered_at / 86400 AS day, total_minor, currency,
           ROW_NUMBER() OVER (PARTITION BY customer_id ORDER BY ordered_at, id) AS n,
           MIN(ordered_at / 86400) OVER (PARTITION BY customer_id) AS first_day
    FROM orders
    WHERE status = 'completed' AND ordered_at < $1
),
agg AS (
    SELECT customer_id, COUNT(*) AS orders, MIN(day) AS first_day, MAX(day) AS last_day,
           MAX(day) FILTER (WHERE n = 2) AS second_day, MAX(day) FILTER (WHERE n = 3) AS third_day,
           MAX(day) FILTER (WHERE n = 4) AS fourth_day,
           COALESCE(SUM(total_minor) FILTER (WHERE currency = $2), 0)::BIGINT AS spend,
           COALESCE(SUM(total_minor) FILTER (WHERE currency = $2 AND day > first_day), 0)::BIGINT AS repeat_spend,
           COUNT(DISTINCT day) AS order_days
    FROM o GROUP BY customer_id
),
gaps AS (
    SELECT customer_id, day - LAG(day) OVER (PARTITION BY customer_id ORDER BY day) AS gap
    FROM (SELECT DISTINCT customer_id, day FROM o) d
),
med AS (
    SELECT customer_id, percentile_cont(0.5) WITHIN GROUP (ORDER BY gap) AS median_gap
    FROM gaps WHERE gap IS NOT NULL GROUP BY customer_id
),
inter AS (
    SELECT customer_id, (array_agg(kind ORDER BY at DESC, id DESC))[1] AS last_kind, MAX(at) AS last_at,
           COUNT(*) AS n, COUNT(*) FILTER (WHERE kind = 'recommendation') AS recommendations
    FROM interactions WHERE at < $1 GROUP BY customer_id
),
refs AS (
    SELECT r.id AS customer_id, COUNT(*) AS buyers
    FROM customers c JOIN customers r ON r.external_id = c.referred_by JOIN agg a ON a.customer_id = c.id
    GROUP BY r.id
)
SELECT c.id,
       c.referred_by IS NOT NULL AND (c.created_at IS NULL OR c.created_at < $1),
       COALESCE(agg.orders, 0), agg.first_day, agg.second_day, agg.third_day, agg.fourth_day, agg.last_day,
       COALESCE(agg.spend, 0), COALESCE(agg.repeat_spend, 0), COALESCE(agg.order_days, 0), med.median_gap,
       COALESCE(inter.n, 0), inter.last_kind, inter.last_at / 86400, COALESCE(inter.recommendations, 0),
       COALESCE(refs.buyers, 0), s.rung, s.state, s.p_alive
FROM customers c
LEFT JOIN agg ON agg.customer_id = c.id
LEFT JOIN med ON med.customer_id = c.id
LEFT JOIN inter ON inter.customer_id = c.id
LEFT JOIN refs ON refs.customer_id = c.id
LEFT JOIN customer_scores s ON s.customer_id = c.id
";

fn count(v: i64) -> u32 {
    u32::try_from(v).unwrap_or(u32::MAX)
}

pub(crate) fn facts(
    client: &mut Connection,
    as_of: NaiveDate,
    currency: &str,
    sink: &mut dyn FnMut(ScoringRow) -> StoreResult<()>,
) -> StoreResult<()> {
    let what = "cannot aggregate order history";
    let mut tx = client.transaction().ctx(what)?;
    tx.batch_execute("SET LOCAL statement_timeout = 0").ctx(what)?;
    stream_facts(&mut tx, as_of, currency, sink)?;
    tx.commit().ctx(what)
}

/// Runs the facts query on a client already in a transaction; one statement, so one consistent snapshot.
fn stream_facts(
    client: &mut impl postgres::GenericClient,
    as_of: NaiveDate,
    currency: &str,
    sink: &mut dyn FnMut(ScoringRow) -> StoreResult<()>,
) -> StoreResult<()> {
    let what = "cannot aggregate order history";
    let end = end_of_day(as_of);
    let mut rows = client.query_raw(FACTS_SQL, [&end as &(dyn postgres::types::ToSql + Sync), &currency]).ctx(what)?;
    let day = |v: Option<i64>| v.map(date_of_day);
    while let Some(r) = postgres::fallible_iterator::FallibleIterator::next(&mut rows).ctx(what)? {
        let last_kind: Option<String> = r.get(13);
        let rung: Option<String> = r.get(17);
        let state: Option<String> = r.get(18);
        let facts = CustomerFacts {
            orders: count(r.get(2)),
            first_order: day(r.get(3)),
            second_order: day(r.get(4)),
            third_order: day(r.get(5)),
            fourth_order: day(r.get(6)),
            last_order: day(r.get(7)),
            spend_minor: r.get(8),
            repeat_spend_minor: r.get(9),
            order_days: count(r.get(10)),
            median_gap_days: r.get(11),
            interactions: count(r.get(12)),
            last_interaction: last_kind.as_deref().and_then(InteractionKind::parse).zip(day(r.get(14))),
            recommendations: count(r.get(15)),
            referred_buyers: count(r.get(16)),
            was_referred: r.get(1),
            p_alive: None,
            previous_p_alive: r.get(19),
        };
        let previous = rung.as_deref().and_then(Rung::parse).map(|rung| PreviousScore {
            rung,
            state: state.as_deref().and_then(CustomerState::parse),
            p_alive: facts.previous_p_alive,
        });
        sink(ScoringRow { customer: CustomerId(r.get(0)), facts, previous })?;
    }
    Ok(())
}

/// The advisory lock that lets one scoring run at a time.
const SCORING_LOCK: i64 = 7_317_002;

pub(crate) struct PgScoring {
    client: Connection,
    committed: bool,
    upsert: Statement,
    history: Statement,
}

impl PgScoring {
    pub(crate) fn begin(mut client: Connection) -> StoreResult<Self> {
        let what = "cannot start writing scores";
        // Read committed: the facts query, which starts after the lock is held, sees the previous scoring.
        client
            .batch_execute(&format!(
                "BEGIN; SET LOCAL statement_timeout = 0; SELECT pg_advisory_xact_lock({SCORING_LOCK})"
            ))
            .ctx(what)?;
        let upsert = client
            .prepare(
                "INSERT INTO customer_scores (customer_id, as_of, rung, rung_reason, state, state_reason, lifecycle_stage,
                    recency_days, orders, first_order, second_order, third_order, last_order, spend_minor,
                    rfm_r, rfm_f, rfm_m, rfm_segment, fourth_order, has_value, p_alive, expected_purchases_90d,
                    expected_purchases_365d, expected_next_order, expected_spend_minor, clv_minor)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18,
                    $19, $20, $21, $22, $23, $24, $25, $26)
                 ON CONFLICT (customer_id) DO UPDATE SET as_of = excluded.as_of, rung = excluded.rung,
                    rung_reason = excluded.rung_reason, state = excluded.state, state_reason = excluded.state_reason,
                    lifecycle_stage = excluded.lifecycle_stage, recency_days = excluded.recency_days,
                    orders = excluded.orders, first_order = excluded.first_order, second_order = excluded.second_order,
                    third_order = excluded.third_order, last_order = excluded.last_order,
                    spend_minor = excluded.spend_minor, rfm_r = excluded.rfm_r, rfm_f = excluded.rfm_f,
                    rfm_m = excluded.rfm_m, rfm_segment = excluded.rfm_segment, fourth_order = excluded.fourth_order,
                    has_value = excluded.has_value, p_alive = excluded.p_alive,
                    expected_purchases_90d = excluded.expected_purchases_90d,
                    expected_purchases_365d = excluded.expected_purchases_365d,
                    expected_next_order = excluded.expected_next_order,
                    expected_spend_minor = excluded.expected_spend_minor, clv_minor = excluded.clv_minor",
            )
            .ctx(what)?;
        let history = client
            .prepare("INSERT INTO ladder_history (customer_id, kind, from_value, to_value, at, reason) VALUES ($1, $2, $3, $4, $5, $6)")
            .ctx(what)?;
        Ok(Self { client, committed: false, upsert, history })
    }
}

impl Drop for PgScoring {
    fn drop(&mut self) {
        if !self.committed {
            let _ = self.client.batch_execute("ROLLBACK");
        }
    }
}

fn day_number(d: Option<NaiveDate>) -> Option<i64> {
    d.map(date_day_number)
}

impl ScoreSession for PgScoring {
    fn facts(
        &mut self,
        as_of: NaiveDate,
        currency: &str,
        sink: &mut dyn FnMut(ScoringRow) -> StoreResult<()>,
    ) -> StoreResult<()> {
        stream_facts(&mut *self.client, as_of, currency, sink)
    }

    fn put(&mut self, s: &ScoreRecord, changes: &[Change]) -> StoreResult<()> {
        let v = s.value;
        let small = |x: Option<u8>| x.map(i16::from);
        self.client
            .execute(
                &self.upsert,
                &[
                    &s.customer.0,
                    &date_day_number(s.as_of),
                    &s.rung.as_str(),
                    &s.rung_reason,
                    &s.state.map(CustomerState::as_str),
                    &s.state_reason,
                    &s.lifecycle_stage.as_str(),
                    &s.recency_days,
                    &i64::from(s.orders),
                    &day_number(s.first_order),
                    &day_number(s.second_order),
                    &day_number(s.third_order),
                    &day_number(s.last_order),
                    &s.spend_minor,
                    &small(s.rfm.map(|x| x.r)),
                    &small(s.rfm.map(|x| x.f)),
                    &small(s.rfm.map(|x| x.m)),
                    &s.rfm_segment.map(|x| x.as_str()),
                    &day_number(s.fourth_order),
                    &v.is_some(),
                    &v.and_then(|v| v.p_alive),
                    &v.map(|v| v.expected_purchases_90d),
                    &v.map(|v| v.expected_purchases_365d),
                    &day_number(v.and_then(|v| v.expected_next_order)),
                    &v.and_then(|v| v.expected_spend_minor),
                    &v.and_then(|v| v.clv_minor),
                ],
            )
            .ctx("cannot write a score")?;
        for change in changes {
            self.client
                .execute(
                    &self.history,
                    &[
                        &s.customer.0,
                        &change.kind.as_str(),
                        &change.from,
                        &change.to,
                        &date_day_number(change.at),
                        &change.reason,
                    ],
                )
                .ctx("cannot record a change")?;
        }
        Ok(())
    }

    fn commit(mut self: Box<Self>) -> StoreResult<()> {
        self.client.batch_execute("COMMIT").ctx("cannot commit scores")?;
        self.committed = true;
        Ok(())
    }
}
