//! `ladder db copy`: moves a whole installation between databases (SQLite to PostgreSQL and back),
//! keeping every id, and proves it by row counts and checksums read back from the target.

use crate::progress::Progress;
use ladder_store::schema::{TABLES, Table, TextRow};
use ladder_store::{JobQuery, JobStatus, Store, StoreError, StoreResult};
use serde::Serialize;
use std::hash::{DefaultHasher, Hasher};

/// Rows written per call.
const CHUNK: usize = 10_000;

/// One table as copied and checked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TableCopy {
    /// The table.
    pub table: String,
    /// Rows in the source.
    pub rows: u64,
    /// Checksum of the source's rows (canonical text, in key order).
    pub checksum: String,
    /// Whether the target read back the same rows and checksum.
    pub verified: bool,
}

/// Why a copy failed.
#[derive(Debug, thiserror::Error)]
pub enum CopyError {
    /// The target already holds data.
    #[error("the target database is not empty ({0}); copy into a new, empty database")]
    TargetNotEmpty(String),
    /// The source has background jobs still to run, which a copy does not move.
    #[error(
        "the source database has {0} background job(s) still to run; let a worker finish them or cancel them (`ladder jobs list --status queued`), then copy"
    )]
    JobsPending(usize),
    /// The target read back differently.
    #[error("the copy of {table} does not match: {found}, expected {expected}")]
    Mismatch {
        /// The table.
        table: String,
        /// What the target holds.
        found: String,
        /// What the source holds.
        expected: String,
    },
    /// A store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Row count and checksum of a stream of rows.
#[derive(Default)]
struct Digest {
    rows: u64,
    hasher: DefaultHasher,
}

impl Digest {
    fn add(&mut self, row: &TextRow) {
        self.rows += 1;
        for field in row {
            match field {
                // Length-prefixed, so that ("ab", "c") and ("a", "bc") differ, and NULL differs from "".
                Some(v) => {
                    self.hasher.write_u8(1);
                    self.hasher.write_usize(v.len());
                    self.hasher.write(v.as_bytes());
                }
                None => self.hasher.write_u8(0),
            }
        }
    }

    fn text(&self) -> String {
        format!("{} rows, checksum {:016x}", self.rows, self.hasher.finish())
    }
}

fn digest_of(store: &dyn Store, table: &Table) -> StoreResult<Digest> {
    let mut digest = Digest::default();
    store.export_rows(table, &mut |row| {
        digest.add(&row);
        Ok(())
    })?;
    Ok(digest)
}

/// Copies every table from `from` into the empty `to`, then reads `to` back and compares. The job queue is
/// work in flight, not the shop's data: it is not copied, so a source with jobs still to run is refused.
pub fn copy_database(from: &dyn Store, to: &dyn Store, progress: &dyn Progress) -> Result<Vec<TableCopy>, CopyError> {
    let mut pending = 0;
    for status in [JobStatus::Queued, JobStatus::Running, JobStatus::Failed] {
        pending += from.jobs(&JobQuery { status: Some(status), kind: None, limit: 1000 })?.len();
    }
    if pending > 0 {
        return Err(CopyError::JobsPending(pending));
    }
    let counts = to.counts()?;
    if counts != ladder_store::TableCounts::default() {
        return Err(CopyError::TargetNotEmpty(format!("{} customers, {} orders", counts.customers, counts.orders)));
    }
    let mut session = to.begin()?;
    let mut digests = Vec::with_capacity(TABLES.len());
    for table in TABLES {
        progress.begin(&format!("copying {}", table.name), None);
        let mut digest = Digest::default();
        let mut chunk: Vec<TextRow> = Vec::with_capacity(CHUNK);
        from.export_rows(table, &mut |row| {
            digest.add(&row);
            chunk.push(row);
            if chunk.len() == CHUNK {
                session.restore_rows(table, &chunk)?;
                chunk.clear();
                progress.set_position(digest.rows);
            }
            Ok(())
        })?;
        session.restore_rows(table, &chunk)?;
        progress.end();
        digests.push(digest);
    }
    session.commit()?;
    let mut report = Vec::with_capacity(TABLES.len());
    for (table, expected) in TABLES.iter().zip(digests) {
        let found = digest_of(to, table)?;
        if found.text() != expected.text() {
            return Err(CopyError::Mismatch {
                table: table.name.to_owned(),
                found: found.text(),
                expected: expected.text(),
            });
        }
        report.push(TableCopy {
            table: table.name.to_owned(),
            rows: expected.rows,
            checksum: format!("{:016x}", expected.hasher.finish()),
            verified: true,
        });
    }
    Ok(report)
}
