//! Scoring reads: every customer's history aggregates in one SQL statement; and the scoring write.

use crate::tx::SqliteTx;
use crate::{Context, SqliteStore};
use chrono::NaiveDate;
use ladder_domain::date::{date_of_day, end_of_day};
use ladder_domain::{CustomerFacts, CustomerState, InteractionKind, Reason, Rung};
use ladder_store::{
    Change, CustomerId, PreviousScore, ScoreRecord, ScoringRow, ScoringStore, ScoringTx, StoreResult, Tx,
};
use rusqlite::functions::Aggregate;
use rusqlite::{Connection, params};

/// Per-customer aggregates over counted orders placed by the end of `as_of`, in one GROUP BY pass over
/// the covering index `orders_by_customer`. Money sums saturate instead of failing
/// ([`crate::reports::money_sum`]'s form): an order of an absurd amount stored before the limits must not
/// stop every later scoring. SQLite has no median or nth-value aggregate, so
/// `ladder_order_days` (see [`OrderDays`]) supplies them.
const FACTS_SQL: &str = "
WITH agg AS (
    SELECT customer_id, COUNT(*) AS orders, MIN(ordered_at) / 86400 AS first_day, MAX(ordered_at) / 86400 AS last_day,
           {spend} AS spend,
           SUM(one_off) AS one_offs,
           ladder_order_days(ordered_at / 86400, CASE WHEN currency = ?2 THEN total_minor ELSE 0 END) AS days
    FROM orders
    WHERE status = 'completed' AND ordered_at < ?1 {one_order}
    GROUP BY customer_id
),
inter AS (
    SELECT customer_id, kind AS last_kind, MAX(at) AS last_at, COUNT(*) AS n,
           SUM(kind = 'recommendation') AS recommendations
    FROM interactions WHERE at < ?1 {one_interaction} GROUP BY customer_id
),
refs AS (
    SELECT r.id AS customer_id, COUNT(*) AS buyers
    FROM customers c JOIN customers r ON r.external_id = c.referred_by
    WHERE EXISTS (SELECT 1 FROM orders b WHERE b.customer_id = c.id AND b.status = 'completed' AND b.ordered_at < ?1)
    {one_referrer} GROUP BY r.id
)
SELECT c.id,
       c.referred_by IS NOT NULL AND (c.created_at IS NULL OR c.created_at < ?1),
       COALESCE(agg.orders, 0), agg.first_day, agg.days, agg.last_day, COALESCE(agg.spend, 0),
       COALESCE(inter.n, 0), inter.last_kind, inter.last_at / 86400, COALESCE(inter.recommendations, 0),
       COALESCE(refs.buyers, 0),
       s.rung, s.state, s.p_alive, COALESCE(agg.one_offs, 0)
FROM customers c
LEFT JOIN agg ON agg.customer_id = c.id
LEFT JOIN inter ON inter.customer_id = c.id
LEFT JOIN refs ON refs.customer_id = c.id
LEFT JOIN customer_scores s ON s.customer_id = c.id
{one_customer}";

/// The facts query for every customer, or (`one`) for the customer given as `?3`.
fn facts_sql(one: bool) -> String {
    let only = |clause: &'static str| if one { clause } else { "" };
    FACTS_SQL
        .replace("{one_order}", only("AND customer_id = ?3"))
        .replace("{one_interaction}", only("AND customer_id = ?3"))
        .replace("{one_referrer}", only("AND r.id = ?3"))
        .replace("{one_customer}", only("WHERE c.id = ?3"))
        .replace("{spend}", &crate::reports::money_sum("CASE WHEN currency = ?2 THEN total_minor ELSE 0 END"))
}

/// The aggregate `ladder_order_days(day, amount)`: over one customer's orders it gives the 2nd, 3rd and
/// 4th order days, the median gap between distinct order days (orders on one day are one visit; the
/// median of an even number of gaps is the mean of the middle two), the number of distinct order days
/// and the amount spent after the first day, packed as six space-separated fields, `-` where missing.
pub(crate) struct OrderDays;

impl Aggregate<Vec<(i64, i64)>, String> for OrderDays {
    fn init(&self, _: &mut rusqlite::functions::Context<'_>) -> rusqlite::Result<Vec<(i64, i64)>> {
        Ok(Vec::new())
    }

    fn step(&self, ctx: &mut rusqlite::functions::Context<'_>, orders: &mut Vec<(i64, i64)>) -> rusqlite::Result<()> {
        orders.push((ctx.get(0)?, ctx.get(1)?));
        Ok(())
    }

    fn finalize(
        &self,
        _: &mut rusqlite::functions::Context<'_>,
        orders: Option<Vec<(i64, i64)>>,
    ) -> rusqlite::Result<String> {
        let mut orders = orders.unwrap_or_default();
        orders.sort_unstable();
        let nth = |n: usize| orders.get(n).map_or("-".to_owned(), |o| o.0.to_string());
        let (second, third, fourth) = (nth(1), nth(2), nth(3));
        let first_day = orders.first().map(|o| o.0);
        // Saturating: a stored order of an absurd amount must not stop every later scoring.
        let repeat_spend =
            orders.iter().filter(|o| Some(o.0) != first_day).fold(0i64, |sum, o| sum.saturating_add(o.1));
        let mut days: Vec<i64> = orders.iter().map(|o| o.0).collect();
        days.dedup();
        let mut gaps: Vec<i64> = days.windows(2).map(|w| w[1] - w[0]).collect();
        gaps.sort_unstable();
        let median = match gaps.len() {
            0 => "-".to_owned(),
            n if n % 2 == 1 => gaps[n / 2].to_string(),
            n => ((gaps[n / 2 - 1] + gaps[n / 2]) as f64 / 2.0).to_string(),
        };
        Ok(format!("{second} {third} {fourth} {median} {} {repeat_spend}", days.len()))
    }
}

/// What `ladder_order_days` packs.
#[derive(Default)]
struct Unpacked {
    second: Option<i64>,
    third: Option<i64>,
    fourth: Option<i64>,
    median_gap: Option<f64>,
    days: u32,
    repeat_spend: i64,
}

fn order_days(packed: Option<String>) -> Unpacked {
    let Some(packed) = packed else { return Unpacked::default() };
    let fields: Vec<&str> = packed.split(' ').collect();
    let get = |i: usize| fields.get(i).filter(|f| **f != "-");
    Unpacked {
        second: get(0).and_then(|v| v.parse().ok()),
        third: get(1).and_then(|v| v.parse().ok()),
        fourth: get(2).and_then(|v| v.parse().ok()),
        median_gap: get(3).and_then(|v| v.parse().ok()),
        days: get(4).and_then(|v| v.parse().ok()).unwrap_or(0),
        repeat_spend: get(5).and_then(|v| v.parse().ok()).unwrap_or(0),
    }
}

pub(crate) fn facts(
    conn: &Connection,
    as_of: NaiveDate,
    currency: &str,
    sink: &mut dyn FnMut(ScoringRow) -> StoreResult<()>,
) -> StoreResult<()> {
    let what = "cannot aggregate order history";
    let mut stmt = conn.prepare(&facts_sql(false)).ctx(what)?;
    let rows = stmt.query(params![end_of_day(as_of), currency]).ctx(what)?;
    read_facts(rows, sink)
}

/// The facts of one customer.
pub(crate) fn customer_facts(
    conn: &Connection,
    customer: ladder_store::CustomerId,
    as_of: NaiveDate,
    currency: &str,
) -> StoreResult<Option<ScoringRow>> {
    let what = "cannot aggregate order history";
    let mut stmt = conn.prepare_cached(&facts_sql(true)).ctx(what)?;
    let rows = stmt.query(params![end_of_day(as_of), currency, customer.0]).ctx(what)?;
    let mut found = None;
    read_facts(rows, &mut |row| {
        found = Some(row);
        Ok(())
    })?;
    Ok(found)
}

fn read_facts(mut rows: rusqlite::Rows<'_>, sink: &mut dyn FnMut(ScoringRow) -> StoreResult<()>) -> StoreResult<()> {
    let what = "cannot aggregate order history";
    let day = |v: Option<i64>| v.map(date_of_day);
    while let Some(r) = rows.next().ctx(what)? {
        let packed = order_days(r.get(4).ctx(what)?);
        let last_kind: Option<String> = r.get(8).ctx(what)?;
        let last_day: Option<i64> = r.get(9).ctx(what)?;
        let rung: Option<String> = r.get(12).ctx(what)?;
        let state: Option<String> = r.get(13).ctx(what)?;
        let facts = CustomerFacts {
            orders: r.get(2).ctx(what)?,
            one_off_orders: r.get(15).ctx(what)?,
            first_order: day(r.get(3).ctx(what)?),
            second_order: day(packed.second),
            third_order: day(packed.third),
            fourth_order: day(packed.fourth),
            order_days: packed.days,
            repeat_spend_minor: packed.repeat_spend,
            last_order: day(r.get(5).ctx(what)?),
            spend_minor: r.get(6).ctx(what)?,
            median_gap_days: packed.median_gap,
            interactions: r.get(7).ctx(what)?,
            last_interaction: last_kind.as_deref().and_then(InteractionKind::parse).zip(day(last_day)),
            was_referred: r.get(1).ctx(what)?,
            recommendations: r.get(10).ctx(what)?,
            referred_buyers: r.get(11).ctx(what)?,
            p_alive: None,
            previous_p_alive: r.get(14).ctx(what)?,
        };
        let previous = rung.as_deref().and_then(Rung::parse).map(|rung| PreviousScore {
            rung,
            state: state.as_deref().and_then(CustomerState::parse),
            p_alive: facts.previous_p_alive,
        });
        sink(ScoringRow { customer: ladder_store::CustomerId(r.get(0).ctx(what)?), facts, previous })?;
    }
    Ok(())
}

impl ScoringStore for SqliteStore {
    fn scoring_facts(
        &self,
        as_of: NaiveDate,
        currency: &str,
        sink: &mut dyn FnMut(ScoringRow) -> StoreResult<()>,
    ) -> StoreResult<()> {
        self.read(|c| facts(c, as_of, currency, sink))
    }

    /// SQLite has one writer: every shard runs under the same write lock, one after the other.
    fn begin_scoring(&self, _shard: Option<u32>) -> StoreResult<Box<dyn Tx + '_>> {
        Ok(Box::new(self.long_writer()?))
    }
}

use ladder_domain::date::optional_day_number as day_number;

impl ScoringTx for SqliteTx<'_> {
    fn facts(
        &mut self,
        as_of: NaiveDate,
        currency: &str,
        sink: &mut dyn FnMut(ScoringRow) -> StoreResult<()>,
    ) -> StoreResult<()> {
        facts(self.conn(), as_of, currency, sink)
    }

    fn customer_facts(
        &mut self,
        customer: ladder_store::CustomerId,
        as_of: NaiveDate,
        currency: &str,
    ) -> StoreResult<Option<ScoringRow>> {
        customer_facts(self.conn(), customer, as_of, currency)
    }

    fn put_score(&mut self, s: &ScoreRecord, changes: &[Change]) -> StoreResult<()> {
        let what = "cannot write a score";
        self.conn()
            .prepare_cached(
                "INSERT INTO customer_scores (customer_id, as_of, rung, rung_reason, state, state_reason, lifecycle_stage,
                    recency_days, orders, first_order, second_order, third_order, last_order, spend_minor,
                    rfm_r, rfm_f, rfm_m, rfm_segment, fourth_order, has_value, p_alive, expected_purchases_90d,
                    expected_purchases_365d, expected_next_order, expected_spend_minor, clv_minor, event_buyer)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18,
                    ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27)
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
                    expected_spend_minor = excluded.expected_spend_minor, clv_minor = excluded.clv_minor,
                    event_buyer = excluded.event_buyer",
            )
            .and_then(|mut stmt| {
                stmt.execute(params![
                    s.customer.0,
                    ladder_domain::date::date_day_number(s.as_of),
                    s.rung.as_str(),
                    s.rung_reason.to_stored(),
                    s.state.map(CustomerState::as_str),
                    s.state_reason.as_ref().map(Reason::to_stored),
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
                    day_number(s.fourth_order),
                    s.value.is_some(),
                    s.value.and_then(|v| v.p_alive),
                    s.value.map(|v| v.expected_purchases_90d),
                    s.value.map(|v| v.expected_purchases_365d),
                    day_number(s.value.and_then(|v| v.expected_next_order)),
                    s.value.and_then(|v| v.expected_spend_minor),
                    s.value.and_then(|v| v.clv_minor),
                    s.event_buyer,
                ])
            })
            .ctx(what)?;
        self.put_moves(s.customer, changes)
    }

    fn put_moves(&mut self, customer: CustomerId, changes: &[Change]) -> StoreResult<()> {
        for change in changes {
            self.conn()
                .prepare_cached(
                    "INSERT INTO ladder_history (customer_id, kind, from_value, to_value, at, reason) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                )
                .and_then(|mut stmt| {
                    stmt.execute(params![
                        customer.0,
                        change.kind.as_str(),
                        change.from,
                        change.to,
                        ladder_domain::date::date_day_number(change.at),
                        change.reason.to_stored()
                    ])
                })
                .ctx("cannot record a change")?;
        }
        Ok(())
    }
}
