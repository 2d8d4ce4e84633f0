//! Broadcasts (migration 26), their audience and the contact log, each read in one streamed statement.

use crate::tx::PgTx;
use crate::{Context, Postgres, PostgresStore, sql_params};
use chrono::{DateTime, Utc};
use ladder_domain::Channel;
use ladder_domain::broadcast::{Broadcast, BroadcastStatus};
use ladder_domain::consent::LegalBasis;
use ladder_domain::messaging::{MessagePurpose, PastContact};
use ladder_store::broadcasts::{BROADCAST_COLUMNS, address_column, broadcast_of};
use ladder_store::filter::SqlValue;
use ladder_store::{
    AudienceMember, AudienceQuery, BroadcastResults, BroadcastStore, BroadcastTx, CustomerId, NewBroadcast, OrderTotal,
    StoreError, StoreResult,
};
use postgres::Row;
use postgres::fallible_iterator::FallibleIterator;

fn broadcast(r: &Row) -> Option<Broadcast> {
    broadcast_of(
        r.get(0),
        r.get(1),
        r.get(2),
        r.get(3),
        r.get(4),
        r.get(5),
        r.get(6),
        r.get(7),
        r.get(8),
        r.get(9),
        r.get(10),
        r.get(11),
        r.get(12),
    )
}

impl BroadcastStore for PostgresStore {
    fn broadcasts(&self, limit: u32) -> StoreResult<Vec<Broadcast>> {
        let rows = self.read(|c| {
            c.query(
                &format!("SELECT {BROADCAST_COLUMNS} FROM broadcasts ORDER BY id DESC LIMIT $1"),
                &[&i64::from(limit)],
            )
            .ctx("cannot read the broadcasts")
        })?;
        Ok(rows.iter().filter_map(broadcast).collect())
    }

    fn broadcast(&self, id: i64) -> StoreResult<Option<Broadcast>> {
        let row = self.read(|c| {
            c.query_opt(&format!("SELECT {BROADCAST_COLUMNS} FROM broadcasts WHERE id = $1"), &[&id])
                .ctx("cannot read a broadcast")
        })?;
        Ok(row.as_ref().and_then(broadcast))
    }

    fn each_audience_member(
        &self,
        q: &AudienceQuery,
        each: &mut dyn FnMut(AudienceMember) -> StoreResult<bool>,
    ) -> StoreResult<u64> {
        let what = "cannot read the broadcast's audience";
        let mut filter = ladder_store::filter::customer_filter(&q.customers, &Postgres);
        let channel = filter.bind(&Postgres, SqlValue::Text(q.channel.as_str().to_owned()));
        let purpose = filter.bind(&Postgres, SqlValue::Text(q.purpose.as_str().to_owned()));
        let join = if q.consented_only { "JOIN" } else { "LEFT JOIN" };
        let granted = if q.consented_only { " AND k.granted" } else { "" };
        let sql = format!(
            "SELECT c.id, c.external_id, {address}, c.country, c.preferred_language, k.granted, k.basis,
                    (SELECT MAX(o.ordered_at) FROM orders o WHERE o.customer_id = c.id AND o.status = 'completed')
             FROM customers c LEFT JOIN customer_scores s ON s.customer_id = c.id
             {join} consents k ON k.customer_id = c.id AND k.channel = {channel} AND k.purpose = {purpose}{granted}
             {clause} ORDER BY c.id",
            address = address_column(q.channel),
            clause = filter.clause,
        );
        let params = sql_params(&filter.args);
        self.read(|c| {
            // A million rows are one long read, not one slow statement: no timeout for it.
            let mut tx = c.transaction().ctx(what)?;
            tx.batch_execute("SET LOCAL statement_timeout = 0").ctx(what)?;
            let mut rows = tx.query_raw(&sql, params.iter().copied()).ctx(what)?;
            let mut handed = 0;
            while let Some(r) = rows.next().ctx(what)? {
                let granted: Option<bool> = r.get(5);
                let basis: Option<String> = r.get(6);
                let member = AudienceMember {
                    customer: CustomerId(r.get(0)),
                    customer_id: r.get(1),
                    address: r.get(2),
                    country: r.get(3),
                    language: r.get(4),
                    consent: granted.map(|g| (g, basis.as_deref().and_then(LegalBasis::parse))),
                    last_order: r.get::<_, Option<i64>>(7).and_then(|t| DateTime::from_timestamp(t, 0)),
                };
                handed += 1;
                if !each(member)? {
                    break;
                }
            }
            drop(rows);
            tx.commit().ctx(what)?;
            Ok(handed)
        })
    }

    fn customer_contacts(&self, customer: CustomerId, since: DateTime<Utc>) -> StoreResult<Vec<PastContact>> {
        let what = "cannot read the contact log";
        self.read(|c| {
            let rows = c
                .query(
                    "SELECT sent_at, channel, purpose FROM outbox WHERE customer_id = $1 AND status = 'sent' AND sent_at > $2",
                    &[&customer.0, &since.timestamp()],
                )
                .ctx(what)?;
            Ok(rows
                .iter()
                .filter_map(|r| {
                    Some(PastContact {
                        at: DateTime::from_timestamp(r.get(0), 0)?,
                        channel: Channel::parse(r.get(1))?,
                        purpose: MessagePurpose::parse(r.get(2))?,
                    })
                })
                .collect())
        })
    }

    fn each_contact(
        &self,
        since: DateTime<Utc>,
        each: &mut dyn FnMut(CustomerId, PastContact) -> StoreResult<bool>,
    ) -> StoreResult<u64> {
        let what = "cannot read the contact log";
        self.read(|c| {
            let mut tx = c.transaction().ctx(what)?;
            tx.batch_execute("SET LOCAL statement_timeout = 0").ctx(what)?;
            let mut rows = tx
                .query_raw(
                    "SELECT customer_id, sent_at, channel, purpose FROM outbox WHERE status = 'sent' AND sent_at > $1",
                    [&since.timestamp()],
                )
                .ctx(what)?;
            let mut handed = 0;
            while let Some(r) = rows.next().ctx(what)? {
                let (Some(at), Some(channel), Some(purpose)) =
                    (DateTime::from_timestamp(r.get(1), 0), Channel::parse(r.get(2)), MessagePurpose::parse(r.get(3)))
                else {
                    continue;
                };
                handed += 1;
                if !each(CustomerId(r.get(0)), PastContact { at, channel, purpose })? {
                    break;
                }
            }
            drop(rows);
            tx.commit().ctx(what)?;
            Ok(handed)
        })
    }

    fn broadcast_results(
        &self,
        cause: &str,
        code: Option<&str>,
        since: DateTime<Utc>,
        window: chrono::Duration,
    ) -> StoreResult<BroadcastResults> {
        let what = "cannot count what the broadcast brought";
        let window = window.num_seconds();
        self.read(|c| {
            let unsubscribed: i64 = c
                .query_one(
                    "SELECT COUNT(DISTINCT o.customer_id) FROM outbox o
                     JOIN consent_events e ON e.customer_id = o.customer_id AND e.channel = o.channel
                     WHERE o.cause = $1 AND o.status = 'sent' AND e.action = 'withdraw'
                       AND e.at >= o.sent_at AND e.at < o.sent_at + $2",
                    &[&cause, &window],
                )
                .ctx(what)?
                .get(0);
            let clicked: i64 = c
                .query_one(
                    "SELECT COUNT(DISTINCT o.customer_id) FROM message_clicks k JOIN outbox o ON o.id = k.outbox_id
                     WHERE o.cause = $1",
                    &[&cause],
                )
                .ctx(what)?
                .get(0);
            // A sum past i64 is an error (the cast), never a wrapped figure.
            let bought_after = totals(
                c.query(
                    "SELECT d.currency, COUNT(*), COUNT(DISTINCT d.customer_id), SUM(d.total_minor)::BIGINT
                     FROM outbox o
                     JOIN orders d ON d.customer_id = o.customer_id AND d.ordered_at >= o.sent_at
                                    AND d.ordered_at < o.sent_at + $2 AND d.status = 'completed'
                     WHERE o.cause = $1 AND o.status = 'sent'
                     GROUP BY d.currency ORDER BY d.currency COLLATE \"C\"",
                    &[&cause, &window],
                )
                .ctx(what)?,
            );
            let attributed = match code {
                Some(code) => totals(
                    c.query(
                        "SELECT currency, COUNT(*), COUNT(DISTINCT customer_id), SUM(total_minor)::BIGINT FROM orders
                         WHERE campaign_code IS NOT NULL AND lower(trim(campaign_code)) = $1 AND ordered_at >= $2
                           AND status = 'completed'
                         GROUP BY currency ORDER BY currency COLLATE \"C\"",
                        &[&code, &since.timestamp()],
                    )
                    .ctx(what)?,
                ),
                None => Vec::new(),
            };
            Ok(BroadcastResults {
                unsubscribed: u64::try_from(unsubscribed).unwrap_or(0),
                clicked: u64::try_from(clicked).unwrap_or(0),
                attributed,
                bought_after,
            })
        })
    }
}

/// Orders per currency, from rows of currency, orders, customers and their sum.
fn totals(rows: Vec<Row>) -> Vec<OrderTotal> {
    rows.iter()
        .map(|r| OrderTotal {
            currency: r.get(0),
            orders: u64::try_from(r.get::<_, i64>(1)).unwrap_or(0),
            customers: u64::try_from(r.get::<_, i64>(2)).unwrap_or(0),
            total_minor: r.get(3),
        })
        .collect()
}

impl BroadcastTx for PgTx {
    fn add_broadcast(&mut self, b: &NewBroadcast, at: DateTime<Utc>) -> StoreResult<i64> {
        let audience =
            serde_json::to_string(&b.audience).map_err(|e| StoreError::backend("cannot keep a broadcast", e))?;
        let row = self.query_opt(
            "INSERT INTO broadcasts (name, template, channel, audience, campaign_code, send_at, status, created_by,
                                     created_at, defer_capped)
             VALUES ($1, $2, $3, $4, $5, $6, 'draft', $7, $8, $9) RETURNING id",
            &[
                &b.name,
                &b.template,
                &b.channel.as_str(),
                &audience,
                &b.campaign_code,
                &b.send_at.map(|t| t.timestamp()),
                &b.created_by,
                &at.timestamp(),
                &b.defer_capped,
            ],
            "cannot keep a broadcast",
        )?;
        row.map(|r| r.get(0))
            .ok_or_else(|| StoreError::backend("cannot keep a broadcast", std::io::Error::other("no id came back")))
    }

    fn broadcast(&mut self, id: i64) -> StoreResult<Option<Broadcast>> {
        let row = self.query_opt(
            &format!("SELECT {BROADCAST_COLUMNS} FROM broadcasts WHERE id = $1"),
            &[&id],
            "cannot read a broadcast",
        )?;
        Ok(row.as_ref().and_then(broadcast))
    }

    fn move_broadcast(
        &mut self,
        id: i64,
        from: BroadcastStatus,
        to: BroadcastStatus,
        enqueued: Option<(DateTime<Utc>, u64)>,
    ) -> StoreResult<bool> {
        let (at, count) = enqueued.map_or((None, None), |(at, n)| (Some(at.timestamp()), Some(n as i64)));
        let changed = self.execute(
            "UPDATE broadcasts SET status = $3, enqueued_at = COALESCE($4, enqueued_at), enqueued = COALESCE($5, enqueued)
             WHERE id = $1 AND status = $2",
            &[&id, &from.as_str(), &to.as_str(), &at, &count],
            "cannot move a broadcast on",
        )?;
        Ok(changed == 1)
    }
}
