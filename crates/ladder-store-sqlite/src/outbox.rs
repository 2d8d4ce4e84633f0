//! The outbox (migration 24). SQLite has one writer, so a claim is an `UPDATE … RETURNING` inside its
//! short unit of work.

use crate::tx::SqliteTx;
use crate::{Context, SqliteStore};
use chrono::{DateTime, Utc};
use ladder_domain::Channel;
use ladder_domain::messaging::{MessagePurpose, OutboxStatus};
use ladder_store::outbox_sql::{MESSAGE_COLUMNS, message_id};
use ladder_store::{CustomerId, Delivery, NewMessage, OutboxMessage, OutboxQuery, OutboxStore, OutboxTx, StoreResult};
use rusqlite::{Row, params};

fn time(t: Option<i64>) -> Option<DateTime<Utc>> {
    t.and_then(|t| DateTime::<Utc>::from_timestamp(t, 0))
}

fn message(r: &Row<'_>) -> rusqlite::Result<Option<OutboxMessage>> {
    let (channel, purpose, status): (String, String, String) = (r.get(4)?, r.get(8)?, r.get(9)?);
    let (Some(channel), Some(purpose), Some(status)) =
        (Channel::parse(&channel), MessagePurpose::parse(&purpose), OutboxStatus::parse(&status))
    else {
        return Ok(None);
    };
    Ok(Some(OutboxMessage {
        id: r.get(0)?,
        cause: r.get(1)?,
        customer: CustomerId(r.get(2)?),
        customer_id: r.get(3)?,
        channel,
        template: r.get(5)?,
        template_version: u32::try_from(r.get::<_, i64>(6)?).unwrap_or(0),
        language: r.get(7)?,
        purpose,
        status,
        reason: r.get(10)?,
        not_before: time(r.get(11)?),
        attempts: u32::try_from(r.get::<_, i64>(12)?).unwrap_or(0),
        message_id: r.get(13)?,
        created_at: time(r.get(14)?).unwrap_or_default(),
        sent_at: time(r.get(15)?),
    }))
}

impl OutboxStore for SqliteStore {
    fn claim_messages(
        &self,
        channels: &[Channel],
        now: DateTime<Utc>,
        lease_until: DateTime<Utc>,
        limit: u32,
    ) -> StoreResult<Vec<OutboxMessage>> {
        let what = "cannot claim messages";
        let channels_json = serde_json::to_string(&channels.iter().map(|c| c.as_str()).collect::<Vec<_>>())
            .map_err(|e| ladder_store::StoreError::backend(what, e))?;
        self.write(|c| {
            let ids: Vec<i64> = c
                .prepare_cached(
                    "UPDATE outbox SET status = 'sending', attempts = attempts + 1, lease_until = ?2
                     WHERE id IN (SELECT id FROM outbox
                                  WHERE ((status IN ('queued', 'held') AND COALESCE(not_before, 0) <= ?1)
                                         OR (status = 'sending' AND lease_until < ?1))
                                    AND channel IN (SELECT value FROM json_each(?4))
                                  ORDER BY id LIMIT ?3)
                     RETURNING id",
                )
                .and_then(|mut s| {
                    s.query_map(params![now.timestamp(), lease_until.timestamp(), limit, channels_json], |r| r.get(0))?
                        .collect()
                })
                .ctx(what)?;
            // The claimed messages in one read, by their ids.
            let ids = serde_json::to_string(&ids).map_err(|e| ladder_store::StoreError::backend(what, e))?;
            let mut stmt = c
                .prepare_cached(&format!(
                    "SELECT {MESSAGE_COLUMNS} FROM outbox o JOIN customers c ON c.id = o.customer_id
                     WHERE o.id IN (SELECT value FROM json_each(?1))"
                ))
                .ctx(what)?;
            let rows = stmt.query_map([ids], message).ctx(what)?;
            let mut claimed: Vec<OutboxMessage> =
                rows.collect::<Result<Vec<_>, _>>().ctx(what)?.into_iter().flatten().collect();
            claimed.sort_by_key(|m| m.id);
            Ok(claimed)
        })
    }

    fn finish_message(&self, id: i64, delivery: &Delivery) -> StoreResult<bool> {
        self.write(|c| finish(c, id, delivery))
    }

    fn outbox(&self, q: &OutboxQuery) -> StoreResult<Vec<OutboxMessage>> {
        let what = "cannot read the outbox";
        self.read(|c| {
            let mut stmt = c
                .prepare_cached(&format!(
                    "SELECT {MESSAGE_COLUMNS} FROM outbox o JOIN customers c ON c.id = o.customer_id
                     WHERE (?1 IS NULL OR o.cause = ?1) AND (?2 IS NULL OR c.external_id = ?2)
                       AND (?3 IS NULL OR o.status = ?3) AND (?5 IS NULL OR o.channel = ?5)
                     ORDER BY o.id DESC LIMIT ?4"
                ))
                .ctx(what)?;
            let rows = stmt
                .query_map(
                    params![
                        q.cause,
                        q.customer_id,
                        q.status.map(|s| s.as_str()),
                        q.limit,
                        q.channel.map(|c| c.as_str())
                    ],
                    message,
                )
                .ctx(what)?;
            Ok(rows.collect::<Result<Vec<_>, _>>().ctx(what)?.into_iter().flatten().collect())
        })
    }

    fn outbox_message(&self, id: i64) -> StoreResult<Option<OutboxMessage>> {
        use rusqlite::OptionalExtension;
        self.read(|c| {
            c.prepare_cached(&format!(
                "SELECT {MESSAGE_COLUMNS} FROM outbox o JOIN customers c ON c.id = o.customer_id WHERE o.id = ?1"
            ))
            .and_then(|mut s| s.query_row([id], message).optional())
            .ctx("cannot read a message")
            .map(Option::flatten)
        })
    }

    fn merged_data(&self, id: i64) -> StoreResult<Option<String>> {
        use rusqlite::OptionalExtension;
        self.read(|c| {
            c.prepare_cached("SELECT merged FROM outbox WHERE id = ?1")
                .and_then(|mut s| s.query_row([id], |r| r.get::<_, Option<String>>(0)).optional())
                .ctx("cannot read a message's merge data")
                .map(Option::flatten)
        })
    }

    fn outbox_summary(&self, cause: &str) -> StoreResult<Vec<(OutboxStatus, Option<String>, u64)>> {
        let what = "cannot total the outbox";
        self.read(|c| {
            let mut stmt = c
                .prepare_cached(
                    "SELECT status, reason, COUNT(*) FROM outbox WHERE cause = ?1 GROUP BY status, reason
                     ORDER BY status, reason",
                )
                .ctx(what)?;
            let rows = stmt
                .query_map([cause], |r| {
                    Ok((r.get::<_, String>(0)?, r.get::<_, Option<String>>(1)?, r.get::<_, i64>(2)?))
                })
                .ctx(what)?;
            let rows: Vec<_> = rows.collect::<Result<_, _>>().ctx(what)?;
            Ok(rows
                .into_iter()
                .filter_map(|(s, reason, n)| Some((OutboxStatus::parse(&s)?, reason, u64::try_from(n).unwrap_or(0))))
                .collect())
        })
    }
}

impl OutboxTx for SqliteTx<'_> {
    fn finish_message(&mut self, id: i64, delivery: &Delivery) -> StoreResult<bool> {
        finish(self.conn(), id, delivery)
    }

    fn keep_merged(&mut self, id: i64, merged: &str) -> StoreResult<()> {
        self.conn()
            .execute("UPDATE outbox SET merged = ?2 WHERE id = ?1", params![id, merged])
            .ctx("cannot keep a message's merge data")
            .map(drop)
    }

    fn record_click(&mut self, id: i64, link: u32, at: DateTime<Utc>) -> StoreResult<bool> {
        let added = self
            .conn()
            .execute(
                "INSERT INTO message_clicks (outbox_id, link, at)
                 SELECT id, ?2, ?3 FROM outbox WHERE id = ?1 AND status IN ('sent', 'bounced')",
                params![id, link, at.timestamp()],
            )
            .ctx("cannot record a click")?;
        Ok(added == 1)
    }

    fn record_delivered_by_hand(&mut self, id: i64, delivery: &Delivery) -> StoreResult<bool> {
        let taken = self
            .conn()
            .execute("UPDATE outbox SET status = 'sending' WHERE id = ?1 AND status IN ('queued', 'held')", [id])
            .ctx("cannot record a message's delivery")?;
        Ok(taken == 1 && finish(self.conn(), id, delivery)?)
    }

    fn enqueue_messages(&mut self, messages: &[NewMessage], at: DateTime<Utc>, domain: &str) -> StoreResult<u64> {
        let what = "cannot enqueue messages";
        let mut stmt = self
            .conn()
            .prepare_cached(
                "INSERT INTO outbox (cause, customer_id, channel, template, template_version, language, purpose, status,
                                     reason, not_before, message_id, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)
                 ON CONFLICT (cause, customer_id, channel) DO NOTHING",
            )
            .ctx(what)?;
        let mut added = 0;
        for m in messages {
            added += stmt
                .execute(params![
                    m.cause,
                    m.customer.0,
                    m.channel.as_str(),
                    m.template,
                    m.template_version,
                    m.language,
                    m.purpose.as_str(),
                    m.status.as_str(),
                    m.reason,
                    m.not_before.map(|t| t.timestamp()),
                    message_id(&m.cause, m.customer.0, m.channel.as_str(), domain),
                    at.timestamp()
                ])
                .ctx(what)? as u64;
        }
        Ok(added)
    }
}

/// Records how an attempt ended, on the caller's connection (its own unit of work, or the caller's).
fn finish(c: &rusqlite::Connection, id: i64, delivery: &Delivery) -> StoreResult<bool> {
    let what = "cannot record a message's delivery";
    let changed = match delivery {
        Delivery::Sent(at) => c.execute(
            "UPDATE outbox SET status = 'sent', sent_at = ?2, reason = NULL, lease_until = NULL
             WHERE id = ?1 AND status = 'sending'",
            params![id, at.timestamp()],
        ),
        Delivery::Failed { error, retry_at } => c.execute(
            "UPDATE outbox SET status = CASE WHEN ?3 IS NULL THEN 'failed' ELSE 'queued' END, reason = ?2,
                    not_before = ?3, lease_until = NULL
             WHERE id = ?1 AND status = 'sending'",
            params![id, error, retry_at.map(|t| t.timestamp())],
        ),
        Delivery::Skipped(reason) => c.execute(
            "UPDATE outbox SET status = 'skipped', reason = ?2, lease_until = NULL
             WHERE id = ?1 AND status = 'sending'",
            params![id, reason],
        ),
        Delivery::Bounced(detail) => c.execute(
            "UPDATE outbox SET status = 'bounced', reason = ?2, lease_until = NULL
             WHERE id = ?1 AND status IN ('sending', 'sent')",
            params![id, detail],
        ),
    };
    Ok(changed.ctx(what)? == 1)
}
