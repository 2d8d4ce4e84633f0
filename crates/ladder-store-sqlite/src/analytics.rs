//! Reads for the analytics reports and the holdout check: set-based SQL over orders and scores.

use crate::Context;
use chrono::NaiveDate;
use ladder_domain::Customer;
use ladder_domain::date::{SECONDS_PER_DAY, date_day_number, date_of_day, end_of_day};
use ladder_store::{
    CalibrationRow, CategorisedOrder, CohortCell, CustomerId, PurchasePath, StoreResult, ValueWindowRow, ValueWindows,
};
use rusqlite::{Connection, Row, params};

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

pub(crate) fn last_order_day(conn: &Connection) -> StoreResult<Option<NaiveDate>> {
    conn.query_row("SELECT MAX(ordered_at) FROM orders WHERE status = 'completed'", [], |r| r.get::<_, Option<i64>>(0))
        .map(|t| t.map(|t| date_of_day(t.div_euclid(SECONDS_PER_DAY))))
        .ctx("cannot find the last order")
}

pub(crate) fn calibration_rows(
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

pub(crate) fn purchase_paths(conn: &Connection) -> StoreResult<Vec<PurchasePath>> {
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

pub(crate) fn cohort_activity(conn: &Connection, as_of: NaiveDate, currency: &str) -> StoreResult<Vec<CohortCell>> {
    let what = "cannot build the cohort table";
    let mut stmt = conn
        .prepare(
            "WITH o AS (
                 SELECT customer_id, CASE WHEN currency = ?2 THEN total_minor ELSE 0 END AS amount,
                        CAST(strftime('%Y', ordered_at, 'unixepoch') AS INTEGER) * 12
                          + CAST(strftime('%m', ordered_at, 'unixepoch') AS INTEGER) - 1 AS month
                 FROM orders WHERE status = 'completed' AND ordered_at < ?1
             ),
             firsts AS (SELECT customer_id, MIN(month) AS cohort FROM o GROUP BY customer_id)
             SELECT f.cohort, o.month - f.cohort, COUNT(DISTINCT o.customer_id), SUM(o.amount)
             FROM o JOIN firsts f ON f.customer_id = o.customer_id
             GROUP BY f.cohort, o.month - f.cohort ORDER BY 1, 2",
        )
        .ctx(what)?;
    let rows = stmt
        .query_map(params![end_of_day(as_of), currency], |r| {
            let month: i64 = r.get(0)?;
            Ok(CohortCell {
                cohort: format!("{:04}-{:02}", month.div_euclid(12), month.rem_euclid(12) + 1),
                months_since: count(r, 1)?,
                customers: u64::from(count(r, 2)?),
                revenue_minor: r.get(3)?,
            })
        })
        .ctx(what)?;
    rows.collect::<Result<_, _>>().ctx(what)
}

pub(crate) fn value_windows(
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
        .prepare(
            "WITH w AS (
                 SELECT customer_id,
                        SUM(ordered_at >= ?3) AS t_orders,
                        SUM(CASE WHEN ordered_at >= ?3 AND currency = ?2 THEN total_minor ELSE 0 END) AS t_spend,
                        SUM(ordered_at >= ?4) AS r_orders,
                        SUM(CASE WHEN ordered_at >= ?4 AND currency = ?2 THEN total_minor ELSE 0 END) AS r_spend,
                        SUM(ordered_at >= ?5 AND ordered_at < ?4) AS b_orders,
                        SUM(CASE WHEN ordered_at >= ?5 AND ordered_at < ?4 AND currency = ?2 THEN total_minor ELSE 0 END) AS b_spend
                 FROM orders
                 WHERE status = 'completed' AND ordered_at < ?1 AND ordered_at >= MIN(?3, ?5)
                 GROUP BY customer_id HAVING t_orders >= ?6
             )
             SELECT c.external_id, c.first_name, c.last_name, c.company, c.email, c.phone,
                    w.t_orders, w.t_spend, w.r_orders, w.r_spend, w.b_orders, w.b_spend
             FROM w JOIN customers c ON c.id = w.customer_id",
        )
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

pub(crate) fn orders_with_categories(
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
