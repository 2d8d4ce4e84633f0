//! Scoring reads in one set-based statement, and the scoring writes, copied in batches, in one unit of work.

use crate::tx::PgTx;
use crate::{Connection, Context, PostgresStore};
use chrono::NaiveDate;
use ladder_domain::date::{date_day_number, date_of_day, end_of_day};
use ladder_domain::{CustomerFacts, CustomerState, InteractionKind, Reason, Rung};
use ladder_store::{
    Change, CustomerId, PreviousScore, ScoreRecord, ScoringRow, ScoringStore, ScoringTx, StoreError, StoreResult, Tx,
};

/// Per-customer aggregates over counted orders placed by the end of `as_of`. PostgreSQL has what SQLite
/// lacks: `FILTER`, `percentile_cont` (the median of the gaps between distinct order days, the mean of the
/// middle two for an even count) and ordered aggregates for the latest interaction.
const FACTS_SQL: &str = "
WITH o AS (
    SELECT customer_id, ordered_at / 86400 AS day, total_minor, currency, one_off,
           ROW_NUMBER() OVER (PARTITION BY customer_id ORDER BY ordered_at, id) AS n,
           MIN(ordered_at / 86400) OVER (PARTITION BY customer_id) AS first_day
    FROM orders
    WHERE status = 'completed' AND ordered_at < $1 {one_order}
),
agg AS (
    SELECT customer_id, COUNT(*) AS orders, MIN(day) AS first_day, MAX(day) AS last_day,
           MAX(day) FILTER (WHERE n = 2) AS second_day, MAX(day) FILTER (WHERE n = 3) AS third_day,
           MAX(day) FILTER (WHERE n = 4) AS fourth_day,
           {spend} AS spend, {repeat_spend} AS repeat_spend,
           COUNT(DISTINCT day) AS order_days, COUNT(*) FILTER (WHERE one_off) AS one_offs
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
    FROM interactions WHERE at < $1 {one_interaction} GROUP BY customer_id
),
refs AS (
    SELECT r.id AS customer_id, COUNT(*) AS buyers
    FROM customers c JOIN customers r ON r.external_id = c.referred_by
    WHERE EXISTS (SELECT 1 FROM orders b WHERE b.customer_id = c.id AND b.status = 'completed' AND b.ordered_at < $1)
    {one_referrer} GROUP BY r.id
)
SELECT c.id,
       c.referred_by IS NOT NULL AND (c.created_at IS NULL OR c.created_at < $1),
       COALESCE(agg.orders, 0), agg.first_day, agg.second_day, agg.third_day, agg.fourth_day, agg.last_day,
       COALESCE(agg.spend, 0), COALESCE(agg.repeat_spend, 0), COALESCE(agg.order_days, 0), med.median_gap,
       COALESCE(inter.n, 0), inter.last_kind, inter.last_at / 86400, COALESCE(inter.recommendations, 0),
       COALESCE(refs.buyers, 0), s.rung, s.state, s.p_alive, COALESCE(agg.one_offs, 0)
FROM customers c
LEFT JOIN agg ON agg.customer_id = c.id
LEFT JOIN med ON med.customer_id = c.id
LEFT JOIN inter ON inter.customer_id = c.id
LEFT JOIN refs ON refs.customer_id = c.id
LEFT JOIN customer_scores s ON s.customer_id = c.id
{one_customer}";

/// The facts query for every customer, or (`one`) for the customer given as `$3`.
fn facts_sql(one: bool) -> String {
    let only = |clause: &'static str| if one { clause } else { "" };
    FACTS_SQL
        .replace("{one_order}", only("AND customer_id = $3"))
        .replace("{one_interaction}", only("AND customer_id = $3"))
        .replace("{one_referrer}", only("AND r.id = $3"))
        .replace("{one_customer}", only("WHERE c.id = $3"))
        .replace("{spend}", &crate::reports::money_sum("SUM(total_minor) FILTER (WHERE currency = $2)"))
        .replace(
            "{repeat_spend}",
            &crate::reports::money_sum("SUM(total_minor) FILTER (WHERE currency = $2 AND day > first_day)"),
        )
}

fn count(v: i64) -> u32 {
    u32::try_from(v).unwrap_or(u32::MAX)
}

fn facts(
    client: &mut Connection,
    as_of: NaiveDate,
    currency: &str,
    sink: &mut dyn FnMut(ScoringRow) -> StoreResult<()>,
) -> StoreResult<()> {
    let what = "cannot aggregate order history";
    let mut tx = client.transaction().ctx(what)?;
    tx.batch_execute("SET LOCAL statement_timeout = 0").ctx(what)?;
    stream_facts(&mut tx, as_of, currency, None, sink)?;
    tx.commit().ctx(what)
}

/// Runs the facts query on a client already in a transaction; one statement, so one consistent snapshot.
/// With `one`, only that customer's facts.
fn stream_facts(
    client: &mut impl postgres::GenericClient,
    as_of: NaiveDate,
    currency: &str,
    one: Option<CustomerId>,
    sink: &mut dyn FnMut(ScoringRow) -> StoreResult<()>,
) -> StoreResult<()> {
    let what = "cannot aggregate order history";
    let end = end_of_day(as_of);
    let sql = facts_sql(one.is_some());
    let mut params: Vec<&(dyn postgres::types::ToSql + Sync)> = vec![&end, &currency];
    let id = one.map(|c| c.0);
    if let Some(id) = &id {
        params.push(id);
    }
    let mut rows = client.query_raw(&sql, params).ctx(what)?;
    let day = |v: Option<i64>| v.map(date_of_day);
    while let Some(r) = postgres::fallible_iterator::FallibleIterator::next(&mut rows).ctx(what)? {
        let last_kind: Option<String> = r.get(13);
        let rung: Option<String> = r.get(17);
        let state: Option<String> = r.get(18);
        let facts = CustomerFacts {
            orders: count(r.get(2)),
            one_off_orders: count(r.get(20)),
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
const SCORING_LOCK: i32 = 7_317_002;

impl ScoringStore for PostgresStore {
    fn scoring_facts(
        &self,
        as_of: NaiveDate,
        currency: &str,
        sink: &mut dyn FnMut(ScoringRow) -> StoreResult<()>,
    ) -> StoreResult<()> {
        self.read(|c| facts(c, as_of, currency, sink))
    }

    fn begin_scoring(&self, shard: Option<u32>) -> StoreResult<Box<dyn Tx + '_>> {
        let what = "cannot start writing scores";
        let mut tx = self.unit(true)?;
        // A whole run holds the scoring lock; each shard of a split run holds its own.
        let lock = match shard {
            None => format!("{SCORING_LOCK}"),
            Some(k) => format!("{SCORING_LOCK}, {k}"),
        };
        // Read committed: the facts query, which starts after the lock is held, sees the previous scoring.
        tx.client
            .batch_execute(&format!(
                "SELECT pg_advisory_xact_lock({lock});
                 CREATE TEMP TABLE stage_scores (LIKE customer_scores) ON COMMIT DROP;
                 CREATE TEMP TABLE stage_history (LIKE ladder_history) ON COMMIT DROP;"
            ))
            .ctx(what)?;
        tx.scoring = Some(Staged::default());
        Ok(Box::new(tx))
    }
}

/// Scores and changes waiting to be copied in; written in batches through `COPY`.
#[derive(Default)]
pub(crate) struct Staged {
    scores: Vec<Vec<Option<String>>>,
    history: Vec<Vec<Option<String>>>,
}

/// Scores written per `COPY`.
const SCORE_BATCH: usize = 10_000;

const SCORE_COLUMNS: &str = "customer_id, as_of, rung, rung_reason, state, state_reason, lifecycle_stage, recency_days, \
    orders, first_order, second_order, third_order, last_order, spend_minor, rfm_r, rfm_f, rfm_m, rfm_segment, fourth_order, \
    has_value, p_alive, expected_purchases_90d, expected_purchases_365d, expected_next_order, expected_spend_minor, clv_minor, \
    event_buyer";

/// Writes the staged scores and changes of a scoring unit of work (at every batch, and at commit).
pub(crate) fn flush(tx: &mut PgTx) -> StoreResult<()> {
    let what = "cannot write scores";
    let Some(staged) = tx.scoring.as_mut() else { return Ok(()) };
    let (scores, history) = (std::mem::take(&mut staged.scores), std::mem::take(&mut staged.history));
    if !scores.is_empty() {
        crate::imports::copy_rows(&mut tx.client, &format!("stage_scores ({SCORE_COLUMNS})"), &scores)?;
        let sets = SCORE_COLUMNS
            .split(", ")
            .filter(|c| *c != "customer_id")
            .map(|c| format!("{c} = excluded.{c}"))
            .collect::<Vec<_>>()
            .join(", ");
        tx.client
            .batch_execute(&format!(
                "INSERT INTO customer_scores ({SCORE_COLUMNS}) SELECT {SCORE_COLUMNS} FROM stage_scores
                 ON CONFLICT (customer_id) DO UPDATE SET {sets};
                 TRUNCATE stage_scores;"
            ))
            .ctx(what)?;
    }
    if !history.is_empty() {
        crate::imports::copy_rows(
            &mut tx.client,
            "stage_history (id, customer_id, kind, from_value, to_value, at, reason)",
            &history,
        )?;
        tx.client
            .batch_execute(
                "INSERT INTO ladder_history (customer_id, kind, from_value, to_value, at, reason)
                 SELECT customer_id, kind, from_value, to_value, at, reason FROM stage_history ORDER BY id;
                 TRUNCATE stage_history;",
            )
            .ctx(what)?;
    }
    Ok(())
}

use ladder_domain::date::optional_day_number as day_number;

impl ScoringTx for PgTx {
    fn facts(
        &mut self,
        as_of: NaiveDate,
        currency: &str,
        sink: &mut dyn FnMut(ScoringRow) -> StoreResult<()>,
    ) -> StoreResult<()> {
        stream_facts(self.client.raw(), as_of, currency, None, sink)
    }

    fn customer_facts(
        &mut self,
        customer: CustomerId,
        as_of: NaiveDate,
        currency: &str,
    ) -> StoreResult<Option<ScoringRow>> {
        let mut found = None;
        stream_facts(self.client.raw(), as_of, currency, Some(customer), &mut |row| {
            found = Some(row);
            Ok(())
        })?;
        Ok(found)
    }

    fn put_score(&mut self, s: &ScoreRecord, changes: &[Change]) -> StoreResult<()> {
        let Some(staged) = self.scoring.as_mut() else {
            return Err(StoreError::Conflict("scores are written inside a scoring (begin_scoring)".into()));
        };
        let v = s.value;
        let num = |x: Option<i64>| x.map(|n| n.to_string());
        let float = |x: Option<f64>| x.map(|n| format!("{n:?}"));
        staged.scores.push(vec![
            Some(s.customer.0.to_string()),
            Some(date_day_number(s.as_of).to_string()),
            Some(s.rung.as_str().to_owned()),
            Some(s.rung_reason.to_stored()),
            s.state.map(|x| x.as_str().to_owned()),
            s.state_reason.as_ref().map(Reason::to_stored),
            Some(s.lifecycle_stage.as_str().to_owned()),
            num(s.recency_days),
            Some(s.orders.to_string()),
            num(day_number(s.first_order)),
            num(day_number(s.second_order)),
            num(day_number(s.third_order)),
            num(day_number(s.last_order)),
            Some(s.spend_minor.to_string()),
            s.rfm.map(|x| x.r.to_string()),
            s.rfm.map(|x| x.f.to_string()),
            s.rfm.map(|x| x.m.to_string()),
            s.rfm_segment.map(|x| x.as_str().to_owned()),
            num(day_number(s.fourth_order)),
            Some(v.is_some().to_string()),
            float(v.and_then(|v| v.p_alive)),
            float(v.map(|v| v.expected_purchases_90d)),
            float(v.map(|v| v.expected_purchases_365d)),
            num(day_number(v.and_then(|v| v.expected_next_order))),
            num(v.and_then(|v| v.expected_spend_minor)),
            num(v.and_then(|v| v.clv_minor)),
            Some(s.event_buyer.to_string()),
        ]);
        self.put_moves(s.customer, changes)
    }

    fn put_moves(&mut self, customer: CustomerId, changes: &[Change]) -> StoreResult<()> {
        let Some(staged) = self.scoring.as_mut() else {
            return Err(StoreError::Conflict("moves are written inside a scoring (begin_scoring)".into()));
        };
        for change in changes {
            // The staging id keeps the order in which changes were recorded.
            let order = (staged.history.len() + 1).to_string();
            staged.history.push(vec![
                Some(order),
                Some(customer.0.to_string()),
                Some(change.kind.as_str().to_owned()),
                change.from.clone(),
                change.to.clone(),
                Some(date_day_number(change.at).to_string()),
                Some(change.reason.to_stored()),
            ]);
        }
        if staged.scores.len() >= SCORE_BATCH || staged.history.len() >= SCORE_BATCH {
            flush(self)?;
        }
        Ok(())
    }
}
