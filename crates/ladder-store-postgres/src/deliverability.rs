//! Deliverability suppressions (migration 22).

use crate::tx::PgTx;
use crate::{Context, PostgresStore};
use chrono::{DateTime, Utc};
use ladder_domain::Channel;
use ladder_domain::messaging::SuppressionReason;
use ladder_store::{DeliverabilityStore, DeliverabilityTx, StoreResult, Suppression, WriteOutcome};
use postgres::Row;

fn suppression(r: &Row) -> Option<Suppression> {
    Some(Suppression {
        channel: Channel::parse(r.get(0))?,
        key: r.get(1),
        hint: r.get(2),
        reason: SuppressionReason::parse(r.get(3))?,
        at: DateTime::<Utc>::from_timestamp(r.get(4), 0)?,
        source: r.get(5),
        detail: r.get(6),
    })
}

impl DeliverabilityStore for PostgresStore {
    fn suppressed_keys(&self, channel: Channel, keys: &[String]) -> StoreResult<Vec<String>> {
        let what = "cannot read the suppressed addresses";
        self.read(|c| {
            let rows = c
                .query(
                    "SELECT address_key FROM deliverability_suppressions WHERE channel = $1 AND address_key = ANY($2)",
                    &[&channel.as_str(), &keys],
                )
                .ctx(what)?;
            let found: std::collections::HashSet<String> = rows.iter().map(|r| r.get(0)).collect();
            Ok(keys.iter().filter(|k| found.contains(*k)).cloned().collect())
        })
    }

    fn suppressions(&self, limit: u32) -> StoreResult<Vec<Suppression>> {
        let what = "cannot read the suppressed addresses";
        self.read(|c| {
            let rows = c
                .query(
                    "SELECT channel, address_key, hint, reason, at, source, detail FROM deliverability_suppressions
                     ORDER BY at DESC, channel, address_key LIMIT $1",
                    &[&i64::from(limit)],
                )
                .ctx(what)?;
            Ok(rows.iter().filter_map(suppression).collect())
        })
    }
}

impl DeliverabilityTx for PgTx {
    fn suppress(&mut self, s: &Suppression) -> StoreResult<WriteOutcome> {
        let written = self.execute(
            "INSERT INTO deliverability_suppressions (channel, address_key, hint, reason, at, source, detail)
             VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (channel, address_key) DO NOTHING",
            &[&s.channel.as_str(), &s.key, &s.hint, &s.reason.as_str(), &s.at.timestamp(), &s.source, &s.detail],
            "cannot suppress an address",
        )?;
        Ok(if written == 1 { WriteOutcome::Inserted } else { WriteOutcome::Unchanged })
    }

    fn lift_suppression(&mut self, channel: Channel, key: &str) -> StoreResult<bool> {
        let removed = self.execute(
            "DELETE FROM deliverability_suppressions WHERE channel = $1 AND address_key = $2",
            &[&channel.as_str(), &key],
            "cannot lift a suppression",
        )?;
        Ok(removed == 1)
    }
}
