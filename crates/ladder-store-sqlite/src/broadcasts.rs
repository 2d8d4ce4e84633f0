//! Broadcasts (migration 26), their audience and the contact log, each read in one statement.

use crate::tx::SqliteTx;
use crate::{Context, Sqlite, SqliteStore, sql_values};
use chrono::{DateTime, Utc};
use ladder_domain::Channel;
use ladder_domain::broadcast::{Broadcast, BroadcastStatus};
use ladder_domain::consent::LegalBasis;
use ladder_domain::messaging::{MessagePurpose, PastContact};
use ladder_store::broadcasts::{BROADCAST_COLUMNS, address_column, broadcast_of};
use ladder_store::{
    AudienceMember, AudienceQuery, BroadcastResults, BroadcastStore, BroadcastTx, CustomerId, NewBroadcast, OrderTotal,
    StoreError, StoreResult,
};
use rusqlite::{Connection, OptionalExtension, Row, params, params_from_iter};

fn broadcast(r: &Row<'_>) -> rusqlite::Result<Option<Broadcast>> {
    Ok(broadcast_of(
        r.get(0)?,
        r.get(1)?,
        r.get(2)?,
        &r.get::<_, String>(3)?,
        &r.get::<_, String>(4)?,
        r.get(5)?,
        r.get(6)?,
        &r.get::<_, String>(7)?,
        r.get(8)?,
        r.get(9)?,
        r.get(10)?,
        r.get(11)?,
        r.get(12)?,
    ))
}

fn read_broadcast(c: &Connection, id: i64) -> StoreResult<Option<Broadcast>> {
    c.prepare_cached(&format!("SELECT {BROADCAST_COLUMNS} FROM broadcasts WHERE id = ?1"))
        .and_then(|mut s| s.query_row([id], broadcast).optional())
        .ctx("cannot read a broadcast")
        .map(Option::flatten)
}

impl BroadcastStore for SqliteStore {
    fn broadcasts(&self, limit: u32) -> StoreResult<Vec<Broadcast>> {
        let what = "cannot read the broadcasts";
        self.read(|c| {
            let mut stmt = c
                .prepare_cached(&format!("SELECT {BROADCAST_COLUMNS} FROM broadcasts ORDER BY id DESC LIMIT ?1"))
                .ctx(what)?;
            let rows = stmt.query_map([limit], broadcast).ctx(what)?;
            Ok(rows.collect::<Result<Vec<_>, _>>().ctx(what)?.into_iter().flatten().collect())
        })
    }

    fn broadcast(&self, id: i64) -> StoreResult<Option<Broadcast>> {
        self.read(|c| read_broadcast(c, id))
    }

    fn each_audience_member(
        &self,
        q: &AudienceQuery,
        each: &mut dyn FnMut(AudienceMember) -> StoreResult<bool>,
    ) -> StoreResult<u64> {
        let what = "cannot read the broadcast's audience";
        let mut filter = ladder_store::filter::customer_filter(&q.customers, &Sqlite);
        let channel = filter.bind(&Sqlite, ladder_store::filter::SqlValue::Text(q.channel.as_str().to_owned()));
        let purpose = filter.bind(&Sqlite, ladder_store::filter::SqlValue::Text(q.purpose.as_str().to_owned()));
        let join = if q.consented_only { "JOIN" } else { "LEFT JOIN" };
        let granted = if q.consented_only { " AND k.granted = 1" } else { "" };
        let sql = format!(
            "SELECT c.id, c.external_id, {address}, c.country, c.preferred_language, k.granted, k.basis,
                    (SELECT MAX(o.ordered_at) FROM orders o WHERE o.customer_id = c.id AND o.status = 'completed')
             FROM customers c LEFT JOIN customer_scores s ON s.customer_id = c.id
             {join} consents k ON k.customer_id = c.id AND k.channel = {channel} AND k.purpose = {purpose}{granted}
             {clause} ORDER BY c.id",
            address = address_column(q.channel),
            clause = filter.clause,
        );
        self.read(|c| {
            let mut stmt = c.prepare(&sql).ctx(what)?;
            let mut rows = stmt.query(params_from_iter(sql_values(filter.args))).ctx(what)?;
            let mut handed = 0;
            while let Some(r) = rows.next().ctx(what)? {
                let member = (|| -> rusqlite::Result<AudienceMember> {
                    let granted: Option<bool> = r.get(5)?;
                    let basis: Option<String> = r.get(6)?;
                    Ok(AudienceMember {
                        customer: CustomerId(r.get(0)?),
                        customer_id: r.get(1)?,
                        address: r.get(2)?,
                        country: r.get(3)?,
                        language: r.get(4)?,
                        consent: granted.map(|g| (g, basis.as_deref().and_then(LegalBasis::parse))),
                        last_order: r.get::<_, Option<i64>>(7)?.and_then(|t| DateTime::from_timestamp(t, 0)),
                    })
                })()
                .ctx(what)?;
                handed += 1;
                if !each(member)? {
                    break;
                }
            }
            Ok(handed)
        })
    }

    fn customer_contacts(&self, customer: CustomerId, since: DateTime<Utc>) -> StoreResult<Vec<PastContact>> {
        let what = "cannot read the contact log";
        self.read(|c| {
            let mut stmt = c
                .prepare_cached(
                    "SELECT sent_at, channel, purpose FROM outbox WHERE customer_id = ?1 AND status = 'sent' AND sent_at > ?2",
                )
                .ctx(what)?;
            let rows = stmt
                .query_map(params![customer.0, since.timestamp()], |r| {
                    let (at, channel, purpose): (i64, String, String) = (r.get(0)?, r.get(1)?, r.get(2)?);
                    Ok(DateTime::from_timestamp(at, 0)
                        .zip(Channel::parse(&channel))
                        .zip(MessagePurpose::parse(&purpose))
                        .map(|((at, channel), purpose)| PastContact { at, channel, purpose }))
                })
                .ctx(what)?;
            Ok(rows.collect::<Result<Vec<_>, _>>().ctx(what)?.into_iter().flatten().collect())
        })
    }

    fn each_contact(
        &self,
        since: DateTime<Utc>,
        each: &mut dyn FnMut(CustomerId, PastContact) -> StoreResult<bool>,
    ) -> StoreResult<u64> {
        let what = "cannot read the contact log";
        self.read(|c| {
            let mut stmt = c
                .prepare_cached(
                    "SELECT customer_id, sent_at, channel, purpose FROM outbox
                     WHERE status = 'sent' AND sent_at > ?1",
                )
                .ctx(what)?;
            let mut rows = stmt.query([since.timestamp()]).ctx(what)?;
            let mut handed = 0;
            while let Some(r) = rows.next().ctx(what)? {
                let (id, at, channel, purpose): (i64, i64, String, String) =
                    (r.get(0).ctx(what)?, r.get(1).ctx(what)?, r.get(2).ctx(what)?, r.get(3).ctx(what)?);
                let (Some(at), Some(channel), Some(purpose)) =
                    (DateTime::from_timestamp(at, 0), Channel::parse(&channel), MessagePurpose::parse(&purpose))
                else {
                    continue;
                };
                handed += 1;
                if !each(CustomerId(id), PastContact { at, channel, purpose })? {
                    break;
                }
            }
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
                .prepare_cached(
                    "SELECT COUNT(DISTINCT o.customer_id) FROM outbox o
                     JOIN consent_events e ON e.customer_id = o.customer_id AND e.channel = o.channel
                     WHERE o.cause = ?1 AND o.status = 'sent' AND e.action = 'withdraw'
                       AND e.at >= o.sent_at AND e.at < o.sent_at + ?2",
                )
                .ctx(what)?
                .query_row(rusqlite::params![cause, window], |r| r.get(0))
                .ctx(what)?;
            let clicked: i64 = c
                .prepare_cached(
                    "SELECT COUNT(DISTINCT o.customer_id) FROM message_clicks k JOIN outbox o ON o.id = k.outbox_id
                     WHERE o.cause = ?1",
                )
                .ctx(what)?
                .query_row([cause], |r| r.get(0))
                .ctx(what)?;
            let bought_after = totals(
                c,
                "SELECT d.currency, COUNT(*), COUNT(DISTINCT d.customer_id), SUM(d.total_minor) FROM outbox o
                 JOIN orders d ON d.customer_id = o.customer_id AND d.ordered_at >= o.sent_at
                                AND d.ordered_at < o.sent_at + ?2 AND d.status = 'completed'
                 WHERE o.cause = ?1 AND o.status = 'sent'
                 GROUP BY d.currency ORDER BY d.currency",
                rusqlite::params![cause, window],
            )?;
            let attributed = match code {
                Some(code) => totals(
                    c,
                    "SELECT currency, COUNT(*), COUNT(DISTINCT customer_id), SUM(total_minor) FROM orders
                     WHERE campaign_code IS NOT NULL AND ladder_code(campaign_code) = ?1 AND ordered_at >= ?2
                       AND status = 'completed'
                     GROUP BY currency ORDER BY currency",
                    rusqlite::params![code, since.timestamp()],
                )?,
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

/// Orders per currency, from a statement that selects currency, orders, customers and their sum.
fn totals(c: &rusqlite::Connection, sql: &str, params: &[&dyn rusqlite::ToSql]) -> StoreResult<Vec<OrderTotal>> {
    let what = "cannot total the orders";
    let mut stmt = c.prepare_cached(sql).ctx(what)?;
    let rows = stmt
        .query_map(params, |r| {
            Ok(OrderTotal {
                currency: r.get(0)?,
                orders: u64::try_from(r.get::<_, i64>(1)?).unwrap_or(0),
                customers: u64::try_from(r.get::<_, i64>(2)?).unwrap_or(0),
                total_minor: r.get(3)?,
            })
        })
        .ctx(what)?;
    rows.collect::<Result<_, _>>().ctx(what)
}

impl BroadcastTx for SqliteTx<'_> {
    fn add_broadcast(&mut self, b: &NewBroadcast, at: DateTime<Utc>) -> StoreResult<i64> {
        let audience =
            serde_json::to_string(&b.audience).map_err(|e| StoreError::backend("cannot keep a broadcast", e))?;
        self.conn()
            .query_row(
                "INSERT INTO broadcasts (name, template, channel, audience, campaign_code, send_at, status, created_by,
                                         created_at, defer_capped)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'draft', ?7, ?8, ?9) RETURNING id",
                params![
                    b.name,
                    b.template,
                    b.channel.as_str(),
                    audience,
                    b.campaign_code,
                    b.send_at.map(|t| t.timestamp()),
                    b.created_by,
                    at.timestamp(),
                    b.defer_capped
                ],
                |r| r.get(0),
            )
            .ctx("cannot keep a broadcast")
    }

    fn broadcast(&mut self, id: i64) -> StoreResult<Option<Broadcast>> {
        read_broadcast(self.conn(), id)
    }

    fn move_broadcast(
        &mut self,
        id: i64,
        from: BroadcastStatus,
        to: BroadcastStatus,
        enqueued: Option<(DateTime<Utc>, u64)>,
    ) -> StoreResult<bool> {
        let (at, count) = enqueued.map_or((None, None), |(at, n)| (Some(at.timestamp()), Some(n as i64)));
        let changed = self
            .conn()
            .execute(
                "UPDATE broadcasts SET status = ?3, enqueued_at = COALESCE(?4, enqueued_at),
                        enqueued = COALESCE(?5, enqueued)
                 WHERE id = ?1 AND status = ?2",
                params![id, from.as_str(), to.as_str(), at, count],
            )
            .ctx("cannot move a broadcast on")?;
        Ok(changed == 1)
    }
}
