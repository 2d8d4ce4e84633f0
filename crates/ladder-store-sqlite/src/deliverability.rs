//! Deliverability suppressions (migration 22).

use crate::tx::SqliteTx;
use crate::{Context, SqliteStore};
use chrono::{DateTime, Utc};
use ladder_domain::Channel;
use ladder_domain::messaging::SuppressionReason;
use ladder_store::{DeliverabilityStore, DeliverabilityTx, StoreResult, Suppression, WriteOutcome};
use rusqlite::{Row, params};

fn suppression(r: &Row<'_>) -> rusqlite::Result<Option<Suppression>> {
    let (channel, reason): (String, String) = (r.get(0)?, r.get(3)?);
    let (Some(channel), Some(reason)) = (Channel::parse(&channel), SuppressionReason::parse(&reason)) else {
        return Ok(None);
    };
    Ok(DateTime::<Utc>::from_timestamp(r.get(4)?, 0).map(|at| Suppression {
        channel,
        key: r.get(1).unwrap_or_default(),
        hint: r.get(2).unwrap_or_default(),
        reason,
        at,
        source: r.get(5).unwrap_or_default(),
        detail: r.get(6).unwrap_or_default(),
    }))
}

impl DeliverabilityStore for SqliteStore {
    fn suppressed_keys(&self, channel: Channel, keys: &[String]) -> StoreResult<Vec<String>> {
        let what = "cannot read the suppressed addresses";
        self.read(|c| {
            let mut stmt = c
                .prepare_cached(
                    "SELECT address_key FROM deliverability_suppressions WHERE channel = ?1 AND address_key = ?2",
                )
                .ctx(what)?;
            let mut found = Vec::new();
            for key in keys {
                let mut rows = stmt.query(params![channel.as_str(), key]).ctx(what)?;
                if rows.next().ctx(what)?.is_some() {
                    found.push(key.clone());
                }
            }
            Ok(found)
        })
    }

    fn suppressions(&self, limit: u32) -> StoreResult<Vec<Suppression>> {
        let what = "cannot read the suppressed addresses";
        self.read(|c| {
            let mut stmt = c
                .prepare_cached(
                    "SELECT channel, address_key, hint, reason, at, source, detail FROM deliverability_suppressions
                     ORDER BY at DESC, channel, address_key LIMIT ?1",
                )
                .ctx(what)?;
            let rows = stmt.query_map([limit], suppression).ctx(what)?;
            Ok(rows.collect::<Result<Vec<_>, _>>().ctx(what)?.into_iter().flatten().collect())
        })
    }
}

impl DeliverabilityTx for SqliteTx<'_> {
    fn suppress(&mut self, s: &Suppression) -> StoreResult<WriteOutcome> {
        let written = self
            .conn()
            .execute(
                "INSERT INTO deliverability_suppressions (channel, address_key, hint, reason, at, source, detail)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT (channel, address_key) DO NOTHING",
                params![s.channel.as_str(), s.key, s.hint, s.reason.as_str(), s.at.timestamp(), s.source, s.detail],
            )
            .ctx("cannot suppress an address")?;
        Ok(if written == 1 { WriteOutcome::Inserted } else { WriteOutcome::Unchanged })
    }

    fn lift_suppression(&mut self, channel: Channel, key: &str) -> StoreResult<bool> {
        let removed = self
            .conn()
            .execute(
                "DELETE FROM deliverability_suppressions WHERE channel = ?1 AND address_key = ?2",
                params![channel.as_str(), key],
            )
            .ctx("cannot lift a suppression")?;
        Ok(removed == 1)
    }
}
