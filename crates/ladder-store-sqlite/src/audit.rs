//! The audit log: appended inside the unit of work of the change it records, read newest first.

use crate::accounts::{for_user, time};
use crate::tx::SqliteTx;
use crate::{Context, SqliteStore};
use ladder_store::{AuditEntry, AuditRecord, AuditStore, AuditTx, StoreResult};
use rusqlite::{Connection, Row, params};

impl AuditStore for SqliteStore {
    fn audit_log(&self, limit: u32, before_id: Option<i64>) -> StoreResult<Vec<AuditRecord>> {
        self.read(|c| audit_log(c, limit, before_id))
    }

    fn audit_of(&self, target: &str, limit: u32) -> StoreResult<Vec<AuditRecord>> {
        self.read(|c| {
            c.prepare_cached(
                "SELECT a.id, a.at, a.user_id, u.email, a.action, a.target, a.detail, a.actor
                 FROM audit_log a LEFT JOIN users u ON u.id = a.user_id
                 WHERE a.target = ?1 ORDER BY a.id DESC LIMIT ?2",
            )
            .and_then(|mut s| s.query_map(params![target, limit], record)?.collect())
            .ctx("cannot read the audit log")
        })
    }
}

impl AuditTx for SqliteTx<'_> {
    fn record_audit(&mut self, entry: &AuditEntry) -> StoreResult<()> {
        let inserted = self
            .conn()
            .prepare_cached(
                "INSERT INTO audit_log (at, user_id, actor, action, target, detail) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )
            .and_then(|mut s| {
                s.execute(params![
                    entry.at.timestamp(),
                    entry.user_id,
                    entry.actor,
                    entry.action,
                    entry.target,
                    entry.detail
                ])
            });
        for_user(inserted, entry.user_id, "cannot write the audit log").map(drop)
    }
}

/// An audit row as the queries select it.
fn record(r: &Row<'_>) -> rusqlite::Result<AuditRecord> {
    Ok(AuditRecord {
        id: r.get(0)?,
        at: time(r.get(1)?),
        user_id: r.get(2)?,
        user_email: r.get(3)?,
        action: r.get(4)?,
        target: r.get(5)?,
        detail: r.get(6)?,
        actor: r.get(7)?,
    })
}

fn audit_log(conn: &Connection, limit: u32, before_id: Option<i64>) -> StoreResult<Vec<AuditRecord>> {
    let sql = format!(
        "SELECT a.id, a.at, a.user_id, u.email, a.action, a.target, a.detail, a.actor
         FROM audit_log a LEFT JOIN users u ON u.id = a.user_id
         {} ORDER BY a.id DESC LIMIT ?1",
        if before_id.is_some() { "WHERE a.id < ?2" } else { "" }
    );
    let read = record;
    conn.prepare_cached(&sql)
        .and_then(|mut s| match before_id {
            Some(before) => s.query_map(params![limit, before], read)?.collect(),
            None => s.query_map(params![limit], read)?.collect(),
        })
        .ctx("cannot read the audit log")
}
