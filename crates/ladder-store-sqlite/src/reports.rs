//! Reports and analytics: totals by a scored dimension, the road to the third purchase, moves on the
//! ladder, value buckets, and set-based reads over orders and scores for the analytics and the holdout
//! check.

use crate::{Context, SqliteStore};
use chrono::NaiveDate;
use ladder_domain::Customer;
use ladder_domain::date::Calendar;
use ladder_domain::date::{SECONDS_PER_DAY, date_day_number, date_of_day, end_of_day};
use ladder_store::{
    CalibrationRow, CategorisedOrder, ChangeKind, ClvHistogram, CohortCell, CustomerId, Dimension, GroupTotals, Move,
    MovedCustomer, PeriodTotals, PurchaseMilestones, PurchasePath, ReportStore, StoreResult, ValueWindowRow,
    ValueWindows,
};
use rusqlite::{Connection, Row, params, params_from_iter};

impl ReportStore for SqliteStore {
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
                .replace("{revenue}", &money_sum("CASE WHEN o.currency = {c} THEN o.total_minor ELSE 0 END"))
                .replace("{a}", "?1")
                .replace("{b}", "?2")
                .replace("{c}", "?3");
            let mut stmt = c.prepare_cached(&sql).ctx("cannot total the orders of a period")?;
            periods
                .iter()
                .map(|(from, to)| {
                    let start = date_day_number(*from) * SECONDS_PER_DAY;
                    stmt.query_row(params![start, end_of_day(*to), currency], |r| {
                        let n = |i: usize| r.get::<_, i64>(i).map(|v| u64::try_from(v).unwrap_or(0));
                        Ok(PeriodTotals {
                            orders: n(0)?,
                            revenue_minor: r.get(1)?,
                            buyers: n(2)?,
                            returning_buyers: n(3)?,
                        })
                    })
                    .ctx("cannot total the orders of a period")
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
        self.read(|c| {
            let mut stmt = c
                .prepare_cached(
                    "WITH per AS (
                 SELECT l.product_id AS product, o.customer_id AS customer, COUNT(DISTINCT o.id) AS orders,
                        SUM(l.unit_price_minor) AS price_sum, COUNT(*) AS lines
                 FROM order_lines l JOIN orders o ON o.id = l.order_id
                 WHERE o.status = 'completed' AND o.one_off = 0
                 GROUP BY l.product_id, o.customer_id)
             SELECT p.sku, COALESCE(p.name, p.sku), p.category, COUNT(*) AS buyers,
                    SUM(CASE WHEN per.orders >= 2 THEN 1 ELSE 0 END), SUM(per.price_sum) / SUM(per.lines)
             FROM per JOIN products p ON p.id = per.product
             WHERE p.category IS NOT NULL AND p.category <> ''
             GROUP BY p.id, p.sku, p.name, p.category ORDER BY buyers DESC, p.sku LIMIT ?1",
                )
                .ctx(what)?;
            let rows = stmt
                .query_map([limit], |r| {
                    Ok(ladder_domain::recommend::BestSeller {
                        sku: r.get(0)?,
                        name: r.get(1)?,
                        category: r.get(2)?,
                        buyers: u64::try_from(r.get::<_, i64>(3)?).unwrap_or(0),
                        repeat_buyers: u64::try_from(r.get::<_, i64>(4)?).unwrap_or(0),
                        price_minor: r.get(5)?,
                    })
                })
                .ctx(what)?;
            rows.collect::<Result<Vec<_>, _>>().ctx(what)
        })
    }
}

/// The sum of a money column that saturates at the 64-bit limits instead of failing with "integer
/// overflow": SQLite's `TOTAL` adds in floating point, exact below 2⁵³ minor units (90 trillion in major
/// units), far above any real shop's sums, and `CAST` of a real beyond the integer range gives the
/// limit; only an absurd stored amount gets there, and the figure stops at the limit instead of every
/// report failing.
pub(crate) fn money_sum(expr: &str) -> String {
    format!("CAST(TOTAL({expr}) AS INTEGER)")
}

/// Reads a non-negative count (SQLite integers are signed).
fn count_at(r: &Row<'_>, i: usize) -> rusqlite::Result<u64> {
    r.get::<_, i64>(i).map(|v| u64::try_from(v).unwrap_or(0))
}

fn summary_by(conn: &Connection, dimension: Dimension) -> StoreResult<Vec<GroupTotals>> {
    let column = match dimension {
        Dimension::Rung => "rung",
        Dimension::State => "state",
        Dimension::LifecycleStage => "lifecycle_stage",
        Dimension::RfmSegment => "rfm_segment",
    };
    let what = "cannot total scores";
    let mut stmt = conn
        .prepare(&format!(
            "SELECT {column}, COUNT(*), COALESCE(SUM(orders), 0), {}
             FROM customer_scores GROUP BY {column} ORDER BY {column}",
            money_sum("spend_minor")
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

fn purchase_milestones(conn: &Connection) -> StoreResult<PurchaseMilestones> {
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

fn moves_since(conn: &Connection, kind: ChangeKind, since: NaiveDate) -> StoreResult<Vec<Move>> {
    let what = "cannot read the moves";
    let mut stmt = conn
        .prepare_cached(
            "SELECT from_value, to_value, COUNT(*) FROM ladder_history WHERE kind = ?1 AND at >= ?2
             GROUP BY from_value, to_value ORDER BY 3 DESC, 1, 2",
        )
        .ctx(what)?;
    let day = date_day_number(since);
    let rows = stmt
        .query_map(rusqlite::params![kind.as_str(), day], |r| {
            Ok(Move { from: r.get(0)?, to: r.get(1)?, count: count_at(r, 2)? })
        })
        .ctx(what)?;
    rows.collect::<Result<_, _>>().ctx(what)
}

fn clv_histogram(conn: &Connection, edges: &[i64]) -> StoreResult<ClvHistogram> {
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
        Ok(ClvHistogram { max_minor: r.get(0)?, counts })
    })
    .ctx(what)
}

fn moved_customers(
    conn: &Connection,
    kind: ChangeKind,
    since: NaiveDate,
    limit: u32,
) -> StoreResult<Vec<MovedCustomer>> {
    let what = "cannot read the moves";
    let mut stmt = conn
        .prepare_cached(
            "SELECT c.external_id, c.first_name, c.last_name, c.company, h.from_value, h.to_value, h.at
             FROM ladder_history h JOIN customers c ON c.id = h.customer_id
             WHERE h.kind = ?1 AND h.at >= ?2 ORDER BY h.at DESC, h.id DESC LIMIT ?3",
        )
        .ctx(what)?;
    let day = date_day_number(since);
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
            Ok(MovedCustomer {
                customer_id: r.get(0)?,
                name,
                from: r.get(4)?,
                to: r.get(5)?,
                at: date_of_day(r.get(6)?),
            })
        })
        .ctx(what)?;
    rows.collect::<Result<_, _>>().ctx(what)
}

fn count(r: &Row<'_>, i: usize) -> rusqlite::Result<u32> {
    r.get::<_, Option<i64>>(i).map(|v| u32::try_from(v.unwrap_or(0)).unwrap_or(u32::MAX))
}

fn name(r: &Row<'_>, at: usize, external_id: &str) -> rusqlite::Result<String> {
    Ok(Customer {
        external_id: external_id.to_owned(),
        first_name: r.get(at)?,
        last_name: r.get(at + 1)?,
        company: r.get(at + 2)?,
        ..Customer::default()
    }
    .display_name())
}

const PERIOD_SQL: &str = "SELECT COUNT(*), {revenue},
        COUNT(DISTINCT o.customer_id),
        COUNT(DISTINCT CASE WHEN EXISTS (SELECT 1 FROM orders p WHERE p.customer_id = o.customer_id
            AND p.status = 'completed' AND p.ordered_at < {a}) THEN o.customer_id END)
    FROM orders o WHERE o.status = 'completed' AND o.ordered_at >= {a} AND o.ordered_at < {b}";

fn last_order_day(conn: &Connection) -> StoreResult<Option<NaiveDate>> {
    conn.query_row("SELECT MAX(ordered_at) FROM orders WHERE status = 'completed'", [], |r| r.get::<_, Option<i64>>(0))
        .map(|t| t.map(|t| date_of_day(t.div_euclid(SECONDS_PER_DAY))))
        .ctx("cannot find the last order")
}

fn calibration_rows(
    conn: &Connection,
    calibration_end: NaiveDate,
    holdout_end: NaiveDate,
) -> StoreResult<Vec<CalibrationRow>> {
    let what = "cannot summarise orders around the calibration date";
    let mut stmt = conn
        .prepare(
            "SELECT MIN(day), MAX(CASE WHEN day <= ?1 THEN day END),
                    COUNT(DISTINCT CASE WHEN day <= ?1 THEN day END),
                    COUNT(DISTINCT CASE WHEN day > ?1 AND day <= ?2 THEN day END)
             FROM (SELECT customer_id, ordered_at / 86400 AS day FROM orders WHERE status = 'completed')
             GROUP BY customer_id HAVING MIN(day) <= ?1",
        )
        .ctx(what)?;
    let rows = stmt
        .query_map(params![date_day_number(calibration_end), date_day_number(holdout_end)], |r| {
            Ok(CalibrationRow {
                first_day: r.get(0)?,
                last_day: r.get(1)?,
                calibration_days: count(r, 2)?,
                holdout_days: count(r, 3)?,
            })
        })
        .ctx(what)?;
    rows.collect::<Result<_, _>>().ctx(what)
}

fn purchase_paths(conn: &Connection) -> StoreResult<Vec<PurchasePath>> {
    let what = "cannot read purchase paths";
    // SQLite returns the other columns of the row that holds the MIN: the first order's code.
    let mut stmt = conn
        .prepare(
            "SELECT s.first_order, s.second_order, s.third_order, s.fourth_order, f.code
             FROM customer_scores s
             LEFT JOIN (SELECT customer_id, campaign_code AS code, MIN(ordered_at)
                        FROM orders WHERE status = 'completed' GROUP BY customer_id) f ON f.customer_id = s.customer_id
             WHERE s.first_order IS NOT NULL",
        )
        .ctx(what)?;
    let day = |r: &Row<'_>, i: usize| r.get::<_, Option<i64>>(i).map(|d| d.map(date_of_day));
    let rows = stmt
        .query_map([], |r| {
            Ok(PurchasePath {
                first: date_of_day(r.get(0)?),
                second: day(r, 1)?,
                third: day(r, 2)?,
                fourth: day(r, 3)?,
                first_campaign: r.get(4)?,
            })
        })
        .ctx(what)?;
    rows.collect::<Result<_, _>>().ctx(what)
}

fn cohort_activity(
    conn: &Connection,
    as_of: NaiveDate,
    currency: &str,
    calendar: Calendar,
) -> StoreResult<Vec<CohortCell>> {
    let what = "cannot build the cohort table";
    let month = match calendar {
        Calendar::Gregorian => {
            "CAST(strftime('%Y', ordered_at, 'unixepoch') AS INTEGER) * 12
                          + CAST(strftime('%m', ordered_at, 'unixepoch') AS INTEGER) - 1"
        }
        // The Jalali month in Rust (`ladder_jalali_month`, registered on every connection).
        Calendar::Jalali => "ladder_jalali_month(ordered_at)",
    };
    let mut stmt = conn
        .prepare(&format!(
            "WITH o AS (
                 SELECT customer_id, CASE WHEN currency = ?2 THEN total_minor ELSE 0 END AS amount,
                        {month} AS month
                 FROM orders WHERE status = 'completed' AND ordered_at < ?1
             ),
             firsts AS (SELECT customer_id, MIN(month) AS cohort FROM o GROUP BY customer_id)
             SELECT f.cohort, o.month - f.cohort, COUNT(DISTINCT o.customer_id), {amount}
             FROM o JOIN firsts f ON f.customer_id = o.customer_id
             GROUP BY f.cohort, o.month - f.cohort ORDER BY 1, 2",
            amount = money_sum("o.amount"),
        ))
        .ctx(what)?;
    let rows = stmt
        .query_map(params![end_of_day(as_of), currency], |r| {
            let month: i32 = r.get(0)?;
            Ok(CohortCell {
                cohort: Calendar::month_key(month),
                months_since: count(r, 1)?,
                customers: u64::from(count(r, 2)?),
                revenue_minor: r.get(3)?,
            })
        })
        .ctx(what)?;
    rows.collect::<Result<_, _>>().ctx(what)
}

fn value_windows(
    conn: &Connection,
    as_of: NaiveDate,
    currency: &str,
    w: ValueWindows,
) -> StoreResult<Vec<ValueWindowRow>> {
    let what = "cannot compare customers' recent and earlier buying";
    let end = end_of_day(as_of);
    let day = SECONDS_PER_DAY;
    let trailing = end - i64::from(w.trailing_days) * day;
    let recent = end - i64::from(w.recent_days) * day;
    let before = recent - i64::from(w.before_days) * day;
    let mut stmt = conn
        .prepare(&format!(
            "WITH w AS (
                 SELECT customer_id,
                        SUM(ordered_at >= ?3) AS t_orders,
                        {t_spend} AS t_spend,
                        SUM(ordered_at >= ?4) AS r_orders,
                        {r_spend} AS r_spend,
                        SUM(ordered_at >= ?5 AND ordered_at < ?4) AS b_orders,
                        {b_spend} AS b_spend
                 FROM orders
                 WHERE status = 'completed' AND ordered_at < ?1 AND ordered_at >= MIN(?3, ?5)
                 GROUP BY customer_id HAVING t_orders >= ?6
             )
             SELECT c.external_id, c.first_name, c.last_name, c.company, c.email, c.phone,
                    w.t_orders, w.t_spend, w.r_orders, w.r_spend, w.b_orders, w.b_spend
             FROM w JOIN customers c ON c.id = w.customer_id",
            t_spend = money_sum("CASE WHEN ordered_at >= ?3 AND currency = ?2 THEN total_minor ELSE 0 END"),
            r_spend = money_sum("CASE WHEN ordered_at >= ?4 AND currency = ?2 THEN total_minor ELSE 0 END"),
            b_spend = money_sum(
                "CASE WHEN ordered_at >= ?5 AND ordered_at < ?4 AND currency = ?2 THEN total_minor ELSE 0 END"
            ),
        ))
        .ctx(what)?;
    let rows = stmt
        .query_map(params![end, currency, trailing, recent, before, w.min_orders], |r| {
            let id: String = r.get(0)?;
            Ok(ValueWindowRow {
                name: name(r, 1, &id)?,
                customer_id: id,
                email: r.get(4)?,
                phone: r.get(5)?,
                trailing_orders: count(r, 6)?,
                trailing_spend_minor: r.get(7)?,
                recent_orders: count(r, 8)?,
                recent_spend_minor: r.get(9)?,
                before_orders: count(r, 10)?,
                before_spend_minor: r.get(11)?,
            })
        })
        .ctx(what)?;
    rows.collect::<Result<_, _>>().ctx(what)
}

fn orders_with_categories(
    conn: &Connection,
    as_of: NaiveDate,
    sink: &mut dyn FnMut(CategorisedOrder) -> StoreResult<()>,
) -> StoreResult<()> {
    let what = "cannot read orders with their categories";
    let mut stmt = conn
        .prepare(
            "SELECT o.customer_id, c.external_id, c.first_name, c.last_name, c.company, o.external_id, o.ordered_at,
                    o.one_off,
                    (SELECT group_concat(category, char(31)) FROM (
                        SELECT DISTINCT p.category FROM order_lines l JOIN products p ON p.id = l.product_id
                        WHERE l.order_id = o.id AND p.category IS NOT NULL ORDER BY 1))
             FROM orders o JOIN customers c ON c.id = o.customer_id
             WHERE o.status = 'completed' AND o.ordered_at < ?1
             ORDER BY o.customer_id, o.ordered_at",
        )
        .ctx(what)?;
    let mut rows = stmt.query([end_of_day(as_of)]).ctx(what)?;
    while let Some(r) = rows.next().ctx(what)? {
        let id: String = r.get(1).ctx(what)?;
        let categories: Option<String> = r.get(8).ctx(what)?;
        sink(CategorisedOrder {
            customer: CustomerId(r.get(0).ctx(what)?),
            name: name(r, 2, &id).ctx(what)?,
            customer_id: id,
            order_id: r.get(5).ctx(what)?,
            day: date_of_day(r.get::<_, i64>(6).ctx(what)?.div_euclid(SECONDS_PER_DAY)),
            one_off: r.get(7).ctx(what)?,
            categories: categories.map(|c| c.split('\u{1f}').map(str::to_owned).collect()).unwrap_or_default(),
        })?;
    }
    Ok(())
}
