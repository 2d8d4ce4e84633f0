//! The audit log: who did what, to what, and what changed.

use crate::StoreResult;
use chrono::{DateTime, Utc};
use serde::Serialize;

/// Reading the audit log.
pub trait AuditStore {
    /// Up to `limit` audit entries, newest first, older than the entry `before_id` when given (the next
    /// page starts before the last id of this one).
    fn audit_log(&self, limit: u32, before_id: Option<i64>) -> StoreResult<Vec<AuditRecord>>;

    /// The newest `limit` entries about one thing (`customer:C17`), newest first.
    fn audit_of(&self, target: &str, limit: u32) -> StoreResult<Vec<AuditRecord>>;
}

/// Appending to the audit log, in the same unit of work as the change it records.
pub trait AuditTx {
    /// Appends an entry.
    fn record_audit(&mut self, entry: &AuditEntry) -> StoreResult<()>;
}

/// Something a user did, to be recorded in the audit log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuditEntry {
    /// When.
    pub at: DateTime<Utc>,
    /// The user who did it, when a user did (signed in, or through their API token).
    pub user_id: Option<i64>,
    /// Who did it, as a stable name: `user:3`, `token:7` (an API token), `cli`, `system`, `job:12`.
    pub actor: String,
    /// What, as a stable name (`customer.changed`, `user.created`).
    pub action: String,
    /// On what ("customer C17", "user 3").
    pub target: String,
    /// Details in words or JSON.
    pub detail: String,
}

/// An audit log entry as read back, with the user's email.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuditRecord {
    /// The store's id; later entries have larger ids.
    pub id: i64,
    /// When.
    pub at: DateTime<Utc>,
    /// The user who did it, while the user exists.
    pub user_id: Option<i64>,
    /// Who did it (`user:3`, `token:7`, `cli`, `system`, `job:12`).
    pub actor: String,
    /// Their email.
    pub user_email: Option<String>,
    /// What.
    pub action: String,
    /// On what.
    pub target: String,
    /// Details.
    pub detail: String,
}
