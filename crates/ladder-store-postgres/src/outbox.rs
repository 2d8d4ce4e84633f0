//! The outbox (migration 24). Workers on several machines claim with `FOR UPDATE SKIP LOCKED`, so two
//! never take one message.

use crate::tx::PgTx;
use crate::{Context, PostgresStore};
use chrono::{DateTime, Utc};
use ladder_domain::Channel;
use ladder_domain::messaging::{MessagePurpose, OutboxStatus};
use ladder_store::outbox_sql::{MESSAGE_COLUMNS, message_id};
use ladder_store::{CustomerId, Delivery, NewMessage, OutboxMessage, OutboxQuery, OutboxStore, OutboxTx, StoreResult};
use postgres::Row;

fn time(t: Option<i64>) -> Option<DateTime<Utc>> {
    t.and_then(|t| DateTime::<Utc>::from_timestamp(t, 0))
}

fn message(r: &Row) -> Option<OutboxMessage> {
    Some(OutboxMessage {
        id: r.get(0),
        cause: r.get(1),
        customer: CustomerId(r.get(2)),
        customer_id: r.get(3),
        channel: Channel::parse(r.get(4))?,
        template: r.get(5),
        template_version: u32::try_from(r.get::<_, i64>(6)).ok()?,
        language: r.get(7),
        purpose: MessagePurpose::parse(r.get(8))?,
        status: OutboxStatus::parse(r.get(9))?,
        reason: r.get(10),
        not_before: time(r.get(11)),
        attempts: u32::try_from(r.get::<_, i64>(12)).ok()?,
        message_id: r.get(13),
        created_at: time(r.get(14))?,
        sent_at: time(r.get(15)),
    })
}

impl OutboxStore for PostgresStore {
    fn claim_messages(
        &self,
        channels: &[Channel],
        now: DateTime<Utc>,
        lease_until: DateTime<Utc>,
        limit: u32,
    ) -> StoreResult<Vec<OutboxMessage>> {
        let what = "cannot claim messages";
        let channel_names: Vec<&str> = channels.iter().map(|c| c.as_str()).collect();
        self.write(|c| {
            let rows = c
                .query(
                    &format!(
                        "WITH claimed AS (
                             UPDATE outbox SET status = 'sending', attempts = attempts + 1, lease_until = $2
                             WHERE id IN (SELECT id FROM outbox
                                          WHERE ((status IN ('queued', 'held') AND COALESCE(not_before, 0) <= $1)
                                                 OR (status = 'sending' AND lease_until < $1))
                                            AND channel = ANY($4)
                                          ORDER BY id LIMIT $3 FOR UPDATE SKIP LOCKED)
                             RETURNING *)
                         SELECT {} FROM claimed o JOIN customers c ON c.id = o.customer_id ORDER BY o.id",
                        MESSAGE_COLUMNS
                    ),
                    &[&now.timestamp(), &lease_until.timestamp(), &i64::from(limit), &channel_names],
                )
                .ctx(what)?;
            Ok(rows.iter().filter_map(message).collect())
        })
    }

    fn finish_message(&self, id: i64, delivery: &Delivery) -> StoreResult<bool> {
        self.write(|c| finish(c, id, delivery))
    }

    fn outbox(&self, q: &OutboxQuery) -> StoreResult<Vec<OutboxMessage>> {
        let what = "cannot read the outbox";
        self.read(|c| {
            let rows = c
                .query(
                    &format!(
                        "SELECT {MESSAGE_COLUMNS} FROM outbox o JOIN customers c ON c.id = o.customer_id
                         WHERE ($1::TEXT IS NULL OR o.cause = $1) AND ($2::TEXT IS NULL OR c.external_id = $2)
                           AND ($3::TEXT IS NULL OR o.status = $3) AND ($5::TEXT IS NULL OR o.channel = $5)
                         ORDER BY o.id DESC LIMIT $4"
                    ),
                    &[
                        &q.cause,
                        &q.customer_id,
                        &q.status.map(|s| s.as_str()),
                        &i64::from(q.limit),
                        &q.channel.map(|c| c.as_str()),
                    ],
                )
                .ctx(what)?;
            Ok(rows.iter().filter_map(message).collect())
        })
    }

    fn outbox_message(&self, id: i64) -> StoreResult<Option<OutboxMessage>> {
        let row = self.read(|c| {
            c.query_opt(
                &format!(
                    "SELECT {MESSAGE_COLUMNS} FROM outbox o JOIN customers c ON c.id = o.customer_id WHERE o.id = $1"
                ),
                &[&id],
            )
            .ctx("cannot read a message")
        })?;
        Ok(row.as_ref().and_then(message))
    }

    fn merged_data(&self, id: i64) -> StoreResult<Option<String>> {
        let row = self.read(|c| {
            c.query_opt("SELECT merged FROM outbox WHERE id = $1", &[&id]).ctx("cannot read a message's merge data")
        })?;
        Ok(row.and_then(|r| r.get(0)))
    }

    fn outbox_summary(&self, cause: &str) -> StoreResult<Vec<(OutboxStatus, Option<String>, u64)>> {
        let what = "cannot total the outbox";
        self.read(|c| {
            let rows = c
                .query(
                    "SELECT status, reason, COUNT(*) FROM outbox WHERE cause = $1 GROUP BY status, reason
                     ORDER BY status, reason",
                    &[&cause],
                )
                .ctx(what)?;
            Ok(rows
                .iter()
                .filter_map(|r| {
                    Some((OutboxStatus::parse(r.get(0))?, r.get(1), u64::try_from(r.get::<_, i64>(2)).unwrap_or(0)))
                })
                .collect())
        })
    }
}

impl OutboxTx for PgTx {
    fn finish_message(&mut self, id: i64, delivery: &Delivery) -> StoreResult<bool> {
        finish(&mut self.client, id, delivery)
    }

    fn keep_merged(&mut self, id: i64, merged: &str) -> StoreResult<()> {
        self.execute(
            "UPDATE outbox SET merged = $2 WHERE id = $1",
            &[&id, &merged],
            "cannot keep a message's merge data",
        )
        .map(drop)
    }

    fn record_click(&mut self, id: i64, link: u32, at: DateTime<Utc>) -> StoreResult<bool> {
        let added = self.execute(
            "INSERT INTO message_clicks (outbox_id, link, at)
             SELECT id, $2, $3 FROM outbox WHERE id = $1 AND status IN ('sent', 'bounced')",
            &[&id, &i64::from(link), &at.timestamp()],
            "cannot record a click",
        )?;
        Ok(added == 1)
    }

    fn record_delivered_by_hand(&mut self, id: i64, delivery: &Delivery) -> StoreResult<bool> {
        let taken = self.execute(
            "UPDATE outbox SET status = 'sending' WHERE id = $1 AND status IN ('queued', 'held')",
            &[&id],
            "cannot record a message's delivery",
        )?;
        Ok(taken == 1 && finish(&mut self.client, id, delivery)?)
    }

    fn enqueue_messages(&mut self, messages: &[NewMessage], at: DateTime<Utc>, domain: &str) -> StoreResult<u64> {
        // One statement per thousand messages, the rows as arrays: a broadcast of a million is a
        // thousand round trips, not a million.
        let mut added = 0;
        for chunk in messages.chunks(1000) {
            let column = |f: &dyn Fn(&NewMessage) -> String| chunk.iter().map(f).collect::<Vec<String>>();
            let causes = column(&|m| m.cause.clone());
            let customers: Vec<i64> = chunk.iter().map(|m| m.customer.0).collect();
            let channels = column(&|m| m.channel.as_str().to_owned());
            let templates = column(&|m| m.template.clone());
            let versions: Vec<i64> = chunk.iter().map(|m| i64::from(m.template_version)).collect();
            let languages = column(&|m| m.language.clone());
            let purposes = column(&|m| m.purpose.as_str().to_owned());
            let statuses = column(&|m| m.status.as_str().to_owned());
            let reasons: Vec<Option<String>> = chunk.iter().map(|m| m.reason.clone()).collect();
            let not_before: Vec<Option<i64>> = chunk.iter().map(|m| m.not_before.map(|t| t.timestamp())).collect();
            let ids = column(&|m| message_id(&m.cause, m.customer.0, m.channel.as_str(), domain));
            added += self.execute(
                "INSERT INTO outbox (cause, customer_id, channel, template, template_version, language, purpose, status,
                                     reason, not_before, message_id, created_at)
                 SELECT *, $12 FROM unnest($1::text[], $2::bigint[], $3::text[], $4::text[], $5::bigint[], $6::text[],
                                           $7::text[], $8::text[], $9::text[], $10::bigint[], $11::text[])
                 ON CONFLICT (cause, customer_id, channel) DO NOTHING",
                &[
                    &causes,
                    &customers,
                    &channels,
                    &templates,
                    &versions,
                    &languages,
                    &purposes,
                    &statuses,
                    &reasons,
                    &not_before,
                    &ids,
                    &at.timestamp(),
                ],
                "cannot enqueue messages",
            )?;
        }
        Ok(added)
    }
}

/// Records how an attempt ended, in the caller's transaction.
fn finish(c: &mut postgres::Client, id: i64, delivery: &Delivery) -> StoreResult<bool> {
    let what = "cannot record a message's delivery";
    let changed = match delivery {
        Delivery::Sent(at) => c.execute(
            "UPDATE outbox SET status = 'sent', sent_at = $2, reason = NULL, lease_until = NULL
             WHERE id = $1 AND status = 'sending'",
            &[&id, &at.timestamp()],
        ),
        Delivery::Failed { error, retry_at } => c.execute(
            "UPDATE outbox SET status = CASE WHEN $3::BIGINT IS NULL THEN 'failed' ELSE 'queued' END,
                    reason = $2, not_before = $3, lease_until = NULL
             WHERE id = $1 AND status = 'sending'",
            &[&id, error, &retry_at.map(|t| t.timestamp())],
        ),
        Delivery::Skipped(reason) => c.execute(
            "UPDATE outbox SET status = 'skipped', reason = $2, lease_until = NULL
             WHERE id = $1 AND status = 'sending'",
            &[&id, reason],
        ),
        Delivery::Bounced(detail) => c.execute(
            "UPDATE outbox SET status = 'bounced', reason = $2, lease_until = NULL
             WHERE id = $1 AND status IN ('sending', 'sent')",
            &[&id, detail],
        ),
    };
    Ok(changed.ctx(what)? == 1)
}
