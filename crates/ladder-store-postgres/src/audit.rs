//! The audit log: appended inside the unit of work of the change it records, read newest first.

use crate::accounts::{for_user, time};
use crate::tx::PgTx;
use crate::{Connection, Context, PostgresStore};
use ladder_store::{AuditEntry, AuditRecord, AuditStore, AuditTx, StoreResult};

impl AuditStore for PostgresStore {
    fn audit_log(&self, limit: u32, before_id: Option<i64>) -> StoreResult<Vec<AuditRecord>> {
        self.read(|c| audit_log(c, limit, before_id))
    }

    fn audit_of(&self, target: &str, limit: u32) -> StoreResult<Vec<AuditRecord>> {
        self.read(|c| {
            let rows = c
                .query(
                    "SELECT a.id, a.at, a.user_id, u.email, a.action, a.target, a.detail, a.actor
                     FROM audit_log a LEFT JOIN users u ON u.id = a.user_id
                     WHERE a.target = $1 ORDER BY a.id DESC LIMIT $2",
                    &[&target, &i64::from(limit)],
                )
                .ctx("cannot read the audit log")?;
            Ok(rows.iter().map(record).collect())
        })
    }
}

impl AuditTx for PgTx {
    fn record_audit(&mut self, entry: &AuditEntry) -> StoreResult<()> {
        let inserted = self.client.execute(
            "INSERT INTO audit_log (at, user_id, actor, action, target, detail) VALUES ($1, $2, $3, $4, $5, $6)",
            &[&entry.at.timestamp(), &entry.user_id, &entry.actor, &entry.action, &entry.target, &entry.detail],
        );
        for_user(inserted, entry.user_id, "cannot write the audit log").map(drop)
    }
}

fn audit_log(client: &mut Connection, limit: u32, before_id: Option<i64>) -> StoreResult<Vec<AuditRecord>> {
    let rows = client
        .query(
            "SELECT a.id, a.at, a.user_id, u.email, a.action, a.target, a.detail, a.actor
             FROM audit_log a LEFT JOIN users u ON u.id = a.user_id
             WHERE a.id < COALESCE($2, 9223372036854775807) ORDER BY a.id DESC LIMIT $1",
            &[&i64::from(limit), &before_id],
        )
        .ctx("cannot read the audit log")?;
    Ok(rows.iter().map(record).collect())
}

/// An audit row as the queries select it.
fn record(r: &postgres::Row) -> AuditRecord {
    AuditRecord {
        id: r.get(0),
        at: time(r.get(1)),
        user_id: r.get(2),
        user_email: r.get(3),
        action: r.get(4),
        target: r.get(5),
        detail: r.get(6),
        actor: r.get(7),
    }
}
