//! Reads for the analytics reports and the holdout check.

use crate::{Connection, Context};
use chrono::NaiveDate;
use ladder_domain::Customer;
use ladder_domain::date::{SECONDS_PER_DAY, date_day_number, date_of_day, end_of_day};
use ladder_store::{
    CalibrationRow, CategorisedOrder, CohortCell, CustomerId, PurchasePath, StoreResult, ValueWindowRow, ValueWindows,
};
use postgres::Row;
use postgres::fallible_iterator::FallibleIterator;
use postgres::types::ToSql;

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

pub(crate) fn last_order_day(client: &mut Connection) -> StoreResult<Option<NaiveDate>> {
    let r = client
        .query_one("SELECT MAX(ordered_at) FROM orders WHERE status = 'completed'", &[])
        .ctx("cannot find the last order")?;
    Ok(r.get::<_, Option<i64>>(0).map(|t| date_of_day(t.div_euclid(SECONDS_PER_DAY))))
}

pub(crate) fn calibration_rows(
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

pub(crate) fn purchase_paths(client: &mut Connection) -> StoreResult<Vec<PurchasePath>> {
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

pub(crate) fn cohort_activity(
    client: &mut Connection,
    as_of: NaiveDate,
    currency: &str,
) -> StoreResult<Vec<CohortCell>> {
    let rows = client
        .query(
            "WITH o AS (
                 SELECT customer_id, CASE WHEN currency = $2 THEN total_minor ELSE 0 END AS amount,
                        (EXTRACT(YEAR FROM to_timestamp(ordered_at) AT TIME ZONE 'UTC') * 12
                          + EXTRACT(MONTH FROM to_timestamp(ordered_at) AT TIME ZONE 'UTC') - 1)::BIGINT AS month
                 FROM orders WHERE status = 'completed' AND ordered_at < $1
             ),
             firsts AS (SELECT customer_id, MIN(month) AS cohort FROM o GROUP BY customer_id)
             SELECT f.cohort, o.month - f.cohort, COUNT(DISTINCT o.customer_id), SUM(o.amount)::BIGINT
             FROM o JOIN firsts f ON f.customer_id = o.customer_id
             GROUP BY f.cohort, o.month - f.cohort ORDER BY 1, 2",
            &[&end_of_day(as_of), &currency],
        )
        .ctx("cannot build the cohort table")?;
    Ok(rows
        .iter()
        .map(|r| {
            let month: i64 = r.get(0);
            CohortCell {
                cohort: format!("{:04}-{:02}", month.div_euclid(12), month.rem_euclid(12) + 1),
                months_since: count(r.get(1)),
                customers: u64::from(count(r.get(2))),
                revenue_minor: r.get(3),
            }
        })
        .collect())
}

pub(crate) fn value_windows(
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
            "WITH w AS (
                 SELECT customer_id,
                        COUNT(*) FILTER (WHERE ordered_at >= $3) AS t_orders,
                        COALESCE(SUM(total_minor) FILTER (WHERE ordered_at >= $3 AND currency = $2), 0)::BIGINT AS t_spend,
                        COUNT(*) FILTER (WHERE ordered_at >= $4) AS r_orders,
                        COALESCE(SUM(total_minor) FILTER (WHERE ordered_at >= $4 AND currency = $2), 0)::BIGINT AS r_spend,
                        COUNT(*) FILTER (WHERE ordered_at >= $5 AND ordered_at < $4) AS b_orders,
                        COALESCE(SUM(total_minor) FILTER (WHERE ordered_at >= $5 AND ordered_at < $4 AND currency = $2), 0)::BIGINT AS b_spend
                 FROM orders
                 WHERE status = 'completed' AND ordered_at < $1 AND ordered_at >= LEAST($3, $5)
                 GROUP BY customer_id
             )
             SELECT c.external_id, c.first_name, c.last_name, c.company, c.email, c.phone,
                    w.t_orders, w.t_spend, w.r_orders, w.r_spend, w.b_orders, w.b_spend
             FROM w JOIN customers c ON c.id = w.customer_id
             WHERE w.t_orders >= $6",
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

pub(crate) fn orders_with_categories(
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
