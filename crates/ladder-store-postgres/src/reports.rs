//! Reports and analytics: totals by a scored dimension, the road to the third purchase, moves on the
//! ladder, value buckets, and set-based reads over orders and scores for the analytics and the holdout
//! check.

use crate::{Connection, Context, PostgresStore};
use chrono::NaiveDate;
use ladder_domain::Customer;
use ladder_domain::date::Calendar;
use ladder_domain::date::{SECONDS_PER_DAY, date_day_number, date_of_day, end_of_day};
use ladder_store::{
    CalibrationRow, CategorisedOrder, ChangeKind, ClvHistogram, CohortCell, CustomerId, Dimension, GroupTotals, Move,
    MovedCustomer, PeriodTotals, PurchaseMilestones, PurchasePath, ReportStore, StoreResult, ValueWindowRow,
    ValueWindows,
};
use postgres::Row;
use postgres::fallible_iterator::FallibleIterator;
use postgres::types::ToSql;

impl ReportStore for PostgresStore {
    fn summary_by(&self, dimension: Dimension) -> StoreResult<Vec<GroupTotals>> {
        self.read(|c| summary_by(c, dimension))
    }

    fn purchase_milestones(&self) -> StoreResult<PurchaseMilestones> {
        self.read(purchase_milestones)
    }

    fn moves_since(&self, kind: ChangeKind, since: NaiveDate) -> StoreResult<Vec<Move>> {
        self.read(|c| moves_since(c, kind, since))
    }

    fn moved_customers(&self, kind: ChangeKind, since: NaiveDate, limit: u32) -> StoreResult<Vec<MovedCustomer>> {
        self.read(|c| moved_customers(c, kind, since, limit))
    }

    fn clv_histogram(&self, edges: &[i64]) -> StoreResult<ClvHistogram> {
        self.read(|c| clv_histogram(c, edges))
    }

    fn last_order_day(&self) -> StoreResult<Option<NaiveDate>> {
        self.read(last_order_day)
    }

    fn period_totals(&self, periods: &[(NaiveDate, NaiveDate)], currency: &str) -> StoreResult<Vec<PeriodTotals>> {
        self.read(|c| {
            let sql = PERIOD_SQL
                .replace("{revenue}", &money_sum("SUM(CASE WHEN o.currency = {c} THEN o.total_minor ELSE 0 END)"))
                .replace("{a}", "$1")
                .replace("{b}", "$2")
                .replace("{c}", "$3");
            let currency = currency.to_owned();
            periods
                .iter()
                .map(|(from, to)| {
                    let start = date_day_number(*from) * SECONDS_PER_DAY;
                    let r = c
                        .query_one(&sql, &[&start, &end_of_day(*to), &currency])
                        .ctx("cannot total the orders of a period")?;
                    let n = |i: usize| u64::try_from(r.get::<_, i64>(i)).unwrap_or(0);
                    Ok(PeriodTotals { orders: n(0), revenue_minor: r.get(1), buyers: n(2), returning_buyers: n(3) })
                })
                .collect()
        })
    }

    fn calibration_rows(&self, calibration_end: NaiveDate, holdout_end: NaiveDate) -> StoreResult<Vec<CalibrationRow>> {
        self.read(|c| calibration_rows(c, calibration_end, holdout_end))
    }

    fn purchase_paths(&self) -> StoreResult<Vec<PurchasePath>> {
        self.read(purchase_paths)
    }

    fn cohort_activity(&self, as_of: NaiveDate, currency: &str, calendar: Calendar) -> StoreResult<Vec<CohortCell>> {
        self.read(|c| cohort_activity(c, as_of, currency, calendar))
    }

    fn value_windows(
        &self,
        as_of: NaiveDate,
        currency: &str,
        windows: ValueWindows,
    ) -> StoreResult<Vec<ValueWindowRow>> {
        self.read(|c| value_windows(c, as_of, currency, windows))
    }

    fn orders_with_categories(
        &self,
        as_of: NaiveDate,
        sink: &mut dyn FnMut(CategorisedOrder) -> StoreResult<()>,
    ) -> StoreResult<()> {
        self.read(|c| orders_with_categories(c, as_of, sink))
    }

    fn best_sellers(&self, limit: u32) -> StoreResult<Vec<ladder_domain::recommend::BestSeller>> {
        let what = "cannot read the best sellers";
        let rows = self.read(|c| c.query("WITH per AS (
                 SELECT l.product_id AS product, o.customer_id AS customer, COUNT(DISTINCT o.id) AS orders,
                        SUM(l.unit_price_minor) AS price_sum, COUNT(*) AS lines
                 FROM order_lines l JOIN orders o ON o.id = l.order_id
                 WHERE o.status = 'completed' AND NOT o.one_off
                 GROUP BY l.product_id, o.customer_id)
             SELECT p.sku, COALESCE(p.name, p.sku), p.category, COUNT(*) AS buyers,
                    SUM(CASE WHEN per.orders >= 2 THEN 1 ELSE 0 END)::BIGINT, (SUM(per.price_sum) / SUM(per.lines))::BIGINT
             FROM per JOIN products p ON p.id = per.product
             WHERE p.category IS NOT NULL AND p.category <> ''
             GROUP BY p.id, p.sku, p.name, p.category ORDER BY buyers DESC, p.sku LIMIT $1", &[&i64::from(limit)]).ctx(what))?;
        Ok(rows
            .iter()
            .map(|r| ladder_domain::recommend::BestSeller {
                sku: r.get(0),
                name: r.get(1),
                category: r.get(2),
                buyers: u64::try_from(r.get::<_, i64>(3)).unwrap_or(0),
                repeat_buyers: u64::try_from(r.get::<_, i64>(4)).unwrap_or(0),
                price_minor: r.get::<_, i64>(5),
            })
            .collect())
    }
}

fn unsigned(v: i64) -> u64 {
    u64::try_from(v).unwrap_or(0)
}

fn summary_by(client: &mut Connection, dimension: Dimension) -> StoreResult<Vec<GroupTotals>> {
    let column = match dimension {
        Dimension::Rung => "rung",
        Dimension::State => "state",
        Dimension::LifecycleStage => "lifecycle_stage",
        Dimension::RfmSegment => "rfm_segment",
    };
    let rows = client
        .query(
            &format!(
                "SELECT {column}, COUNT(*), COALESCE(SUM(orders), 0)::BIGINT, {}
                 FROM customer_scores GROUP BY {column} ORDER BY {column}",
                money_sum("SUM(spend_minor)")
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

fn purchase_milestones(client: &mut Connection) -> StoreResult<PurchaseMilestones> {
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

fn moves_since(client: &mut Connection, kind: ChangeKind, since: NaiveDate) -> StoreResult<Vec<Move>> {
    let day = date_day_number(since);
    let rows = client
        .query(
            "SELECT from_value, to_value, COUNT(*) FROM ladder_history WHERE kind = $1 AND at >= $2
             GROUP BY from_value, to_value ORDER BY 3 DESC, from_value COLLATE \"C\" NULLS FIRST, to_value COLLATE \"C\" NULLS FIRST",
            &[&kind.as_str(), &day],
        )
        .ctx("cannot read the moves")?;
    Ok(rows.iter().map(|r| Move { from: r.get(0), to: r.get(1), count: r.get::<_, i64>(2).max(0) as u64 }).collect())
}

fn clv_histogram(client: &mut Connection, edges: &[i64]) -> StoreResult<ClvHistogram> {
    // One count per bucket in a single scan: bucket i is [edges[i], edges[i + 1]), the last one open.
    let mut columns = vec!["MAX(clv_minor)".to_owned()];
    for i in 0..edges.len() {
        let upper = if i + 1 < edges.len() { format!(" AND clv_minor < ${}", i + 2) } else { String::new() };
        columns.push(format!("COUNT(*) FILTER (WHERE clv_minor >= ${}{upper})", i + 1));
    }
    let sql = format!("SELECT {} FROM customer_scores", columns.join(", "));
    let params: Vec<&(dyn ToSql + Sync)> = edges.iter().map(|e| e as &(dyn ToSql + Sync)).collect();
    let r = client.query_one(&sql, &params).ctx("cannot count customers by value")?;
    Ok(ClvHistogram { max_minor: r.get(0), counts: (0..edges.len()).map(|i| unsigned(r.get(i + 1))).collect() })
}

fn moved_customers(
    client: &mut Connection,
    kind: ChangeKind,
    since: NaiveDate,
    limit: u32,
) -> StoreResult<Vec<MovedCustomer>> {
    let day = date_day_number(since);
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
            MovedCustomer { customer_id: r.get(0), name, from: r.get(4), to: r.get(5), at: date_of_day(r.get(6)) }
        })
        .collect())
}

fn count(v: i64) -> u32 {
    u32::try_from(v).unwrap_or(u32::MAX)
}

fn name(r: &Row, at: usize, external_id: &str) -> String {
    Customer {
        external_id: external_id.to_owned(),
        first_name: r.get(at),
        last_name: r.get(at + 1),
        company: r.get(at + 2),
        ..Customer::default()
    }
    .display_name()
}

/// A money sum as BIGINT that saturates at the 64-bit limits instead of failing with "bigint out of
/// range": PostgreSQL sums BIGINT exactly as NUMERIC, so only the cast could fail, and an order of an
/// absurd amount stored before the limits must not stop every report. `sum` is the aggregate
/// (`SUM(total_minor) FILTER (…)`).
pub(crate) fn money_sum(sum: &str) -> String {
    format!("LEAST(GREATEST(COALESCE({sum}, 0), -9223372036854775808), 9223372036854775807)::BIGINT")
}

const PERIOD_SQL: &str = "SELECT COUNT(*), {revenue},
        COUNT(DISTINCT o.customer_id),
        COUNT(DISTINCT CASE WHEN EXISTS (SELECT 1 FROM orders p WHERE p.customer_id = o.customer_id
            AND p.status = 'completed' AND p.ordered_at < {a}) THEN o.customer_id END)
    FROM orders o WHERE o.status = 'completed' AND o.ordered_at >= {a} AND o.ordered_at < {b}";

fn last_order_day(client: &mut Connection) -> StoreResult<Option<NaiveDate>> {
    let r = client
        .query_one("SELECT MAX(ordered_at) FROM orders WHERE status = 'completed'", &[])
        .ctx("cannot find the last order")?;
    Ok(r.get::<_, Option<i64>>(0).map(|t| date_of_day(t.div_euclid(SECONDS_PER_DAY))))
}

fn calibration_rows(
    client: &mut Connection,
    calibration_end: NaiveDate,
    holdout_end: NaiveDate,
) -> StoreResult<Vec<CalibrationRow>> {
    let rows = client
        .query(
            "SELECT MIN(day), MAX(day) FILTER (WHERE day <= $1), COUNT(DISTINCT day) FILTER (WHERE day <= $1),
                    COUNT(DISTINCT day) FILTER (WHERE day > $1 AND day <= $2)
             FROM (SELECT customer_id, ordered_at / 86400 AS day FROM orders WHERE status = 'completed') o
             GROUP BY customer_id HAVING MIN(day) <= $1",
            &[&date_day_number(calibration_end), &date_day_number(holdout_end)],
        )
        .ctx("cannot summarise orders around the calibration date")?;
    Ok(rows
        .iter()
        .map(|r| CalibrationRow {
            first_day: r.get(0),
            last_day: r.get(1),
            calibration_days: count(r.get(2)),
            holdout_days: count(r.get(3)),
        })
        .collect())
}

fn purchase_paths(client: &mut Connection) -> StoreResult<Vec<PurchasePath>> {
    let rows = client
        .query(
            "SELECT s.first_order, s.second_order, s.third_order, s.fourth_order, f.code
             FROM customer_scores s
             LEFT JOIN (SELECT DISTINCT ON (customer_id) customer_id, campaign_code AS code
                        FROM orders WHERE status = 'completed' ORDER BY customer_id, ordered_at, id) f
               ON f.customer_id = s.customer_id
             WHERE s.first_order IS NOT NULL",
            &[],
        )
        .ctx("cannot read purchase paths")?;
    let day = |r: &Row, i: usize| r.get::<_, Option<i64>>(i).map(date_of_day);
    Ok(rows
        .iter()
        .map(|r| PurchasePath {
            first: date_of_day(r.get(0)),
            second: day(r, 1),
            third: day(r, 2),
            fourth: day(r, 3),
            first_campaign: r.get(4),
        })
        .collect())
}

fn cohort_activity(
    client: &mut Connection,
    as_of: NaiveDate,
    currency: &str,
    calendar: Calendar,
) -> StoreResult<Vec<CohortCell>> {
    // Each order's month by a binary search over the months' first seconds, in any calendar.
    let (first_month, starts) = ladder_store::reports::month_starts(calendar, as_of);
    let rows = client
        .query(
            "WITH o AS (
                 SELECT customer_id, CASE WHEN currency = $2 THEN total_minor ELSE 0 END AS amount,
                        width_bucket(ordered_at, $3::BIGINT[])::BIGINT AS month
                 FROM orders WHERE status = 'completed' AND ordered_at < $1
             ),
             firsts AS (SELECT customer_id, MIN(month) AS cohort FROM o GROUP BY customer_id)
             SELECT f.cohort, o.month - f.cohort, COUNT(DISTINCT o.customer_id),
                    LEAST(GREATEST(SUM(o.amount), -9223372036854775808), 9223372036854775807)::BIGINT
             FROM o JOIN firsts f ON f.customer_id = o.customer_id
             GROUP BY f.cohort, o.month - f.cohort ORDER BY 1, 2",
            &[&end_of_day(as_of), &currency, &starts],
        )
        .ctx("cannot build the cohort table")?;
    Ok(rows
        .iter()
        .map(|r| {
            // Bucket 1 is the first month (`width_bucket` counts the thresholds at or below the time).
            let bucket: i64 = r.get(0);
            CohortCell {
                cohort: Calendar::month_key(first_month + i32::try_from(bucket - 1).unwrap_or(0)),
                months_since: count(r.get(1)),
                customers: u64::from(count(r.get(2))),
                revenue_minor: r.get(3),
            }
        })
        .collect())
}

fn value_windows(
    client: &mut Connection,
    as_of: NaiveDate,
    currency: &str,
    w: ValueWindows,
) -> StoreResult<Vec<ValueWindowRow>> {
    let end = end_of_day(as_of);
    let trailing = end - i64::from(w.trailing_days) * SECONDS_PER_DAY;
    let recent = end - i64::from(w.recent_days) * SECONDS_PER_DAY;
    let before = recent - i64::from(w.before_days) * SECONDS_PER_DAY;
    let min_orders = i64::from(w.min_orders);
    let rows = client
        .query(
            &format!(
                "WITH w AS (
                 SELECT customer_id,
                        COUNT(*) FILTER (WHERE ordered_at >= $3) AS t_orders,
                        {t_spend} AS t_spend,
                        COUNT(*) FILTER (WHERE ordered_at >= $4) AS r_orders,
                        {r_spend} AS r_spend,
                        COUNT(*) FILTER (WHERE ordered_at >= $5 AND ordered_at < $4) AS b_orders,
                        {b_spend} AS b_spend
                 FROM orders
                 WHERE status = 'completed' AND ordered_at < $1 AND ordered_at >= LEAST($3, $5)
                 GROUP BY customer_id
             )
             SELECT c.external_id, c.first_name, c.last_name, c.company, c.email, c.phone,
                    w.t_orders, w.t_spend, w.r_orders, w.r_spend, w.b_orders, w.b_spend
             FROM w JOIN customers c ON c.id = w.customer_id
             WHERE w.t_orders >= $6",
                t_spend = money_sum("SUM(total_minor) FILTER (WHERE ordered_at >= $3 AND currency = $2)"),
                r_spend = money_sum("SUM(total_minor) FILTER (WHERE ordered_at >= $4 AND currency = $2)"),
                b_spend =
                    money_sum("SUM(total_minor) FILTER (WHERE ordered_at >= $5 AND ordered_at < $4 AND currency = $2)"),
            ),
            &[&end, &currency, &trailing, &recent, &before, &min_orders],
        )
        .ctx("cannot compare customers' recent and earlier buying")?;
    Ok(rows
        .iter()
        .map(|r| {
            let id: String = r.get(0);
            ValueWindowRow {
                name: name(r, 1, &id),
                customer_id: id,
                email: r.get(4),
                phone: r.get(5),
                trailing_orders: count(r.get(6)),
                trailing_spend_minor: r.get(7),
                recent_orders: count(r.get(8)),
                recent_spend_minor: r.get(9),
                before_orders: count(r.get(10)),
                before_spend_minor: r.get(11),
            }
        })
        .collect())
}

fn orders_with_categories(
    client: &mut Connection,
    as_of: NaiveDate,
    sink: &mut dyn FnMut(CategorisedOrder) -> StoreResult<()>,
) -> StoreResult<()> {
    let what = "cannot read orders with their categories";
    let mut tx = client.transaction().ctx(what)?;
    tx.batch_execute("SET LOCAL statement_timeout = 0").ctx(what)?;
    let end = end_of_day(as_of);
    let mut rows = tx
        .query_raw(
            "SELECT o.customer_id, c.external_id, c.first_name, c.last_name, c.company, o.external_id, o.ordered_at, o.one_off,
                    ARRAY(SELECT DISTINCT p.category FROM order_lines l JOIN products p ON p.id = l.product_id
                          WHERE l.order_id = o.id AND p.category IS NOT NULL ORDER BY 1)
             FROM orders o JOIN customers c ON c.id = o.customer_id
             WHERE o.status = 'completed' AND o.ordered_at < $1
             ORDER BY o.customer_id, o.ordered_at",
            [&end as &(dyn ToSql + Sync)],
        )
        .ctx(what)?;
    while let Some(r) = rows.next().ctx(what)? {
        let id: String = r.get(1);
        sink(CategorisedOrder {
            customer: CustomerId(r.get(0)),
            name: name(&r, 2, &id),
            customer_id: id,
            order_id: r.get(5),
            day: date_of_day(r.get::<_, i64>(6).div_euclid(SECONDS_PER_DAY)),
            one_off: r.get(7),
            categories: r.get(8),
        })?;
    }
    drop(rows);
    tx.commit().ctx(what)
}
