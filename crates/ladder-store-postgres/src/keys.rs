//! Foreign keys checked once per load instead of once per row, and the search index built once.
//!
//! PostgreSQL checks a foreign key with a trigger per inserted row: a lookup and a row lock in the
//! referenced table. Loading ten million order lines that way spends most of its time in those checks
//! (measured: `COPY` of 2 million lines took 18.9 s with the checks and 1.6 s without). When a load
//! writes into empty tables, the import drops the tables' foreign keys inside its transaction and adds
//! them back before it commits; adding a key checks every row in one set-based pass, so the data is
//! exactly as verified as before. `pg_restore` loads data the same way.
//!
//! Dropping a key locks the table and the table it references against every other session until the
//! transaction ends, which is why only loads into empty tables do it: nobody is reading those yet.
//! Without the right to alter the tables (an application role that does not own them) the load keeps
//! the per-row checks.
//!
//! The customers' trigram search index (migration 6) is dropped and built again the same way: kept up
//! to date row by row it made a million-customer load three times slower (49 s against 38 s built once).

use crate::{Connection, Context};
use ladder_store::{StoreError, StoreResult};

/// The foreign keys (and trigram search indexes) that one transaction dropped and must add back.
#[derive(Default)]
pub(crate) struct DeferredKeys {
    dropped: Vec<ForeignKey>,
    /// Trigram indexes, whose upkeep per row tripled a million-customer load; built once at the end.
    indexes: Vec<String>,
    considered: Vec<String>,
}

struct ForeignKey {
    table: String,
    name: String,
    definition: String,
}

impl DeferredKeys {
    /// Drops the foreign keys of `tables` when `guard` (the first table the load writes) holds no row
    /// yet. Asked once per guard and transaction; later calls return at once.
    pub(crate) fn defer_if_empty(&mut self, client: &mut Connection, guard: &str, tables: &[&str]) -> StoreResult<()> {
        if self.considered.iter().any(|g| g == guard) {
            return Ok(());
        }
        self.considered.push(guard.to_owned());
        let what = "cannot prepare the load";
        let empty: bool =
            client.query_one(&format!("SELECT NOT EXISTS (SELECT 1 FROM {guard})"), &[]).ctx(what)?.get(0);
        if !empty {
            return Ok(());
        }
        let names: Vec<String> = tables.iter().map(|t| (*t).to_owned()).collect();
        let keys: Vec<ForeignKey> = client
            .query(
                "SELECT c.conrelid::regclass::text, c.conname, pg_get_constraintdef(c.oid)
                 FROM pg_constraint c
                 WHERE c.contype = 'f' AND c.conrelid::regclass::text = ANY($1)
                 ORDER BY c.conrelid::regclass::text, c.conname",
                &[&names],
            )
            .ctx(what)?
            .iter()
            .map(|r| ForeignKey { table: r.get(0), name: r.get(1), definition: r.get(2) })
            .collect();
        let indexes: Vec<(String, String)> = client
            .query(
                "SELECT indexname, indexdef FROM pg_indexes
                 WHERE schemaname = current_schema() AND tablename = ANY($1) AND indexdef LIKE '%gin_trgm_ops%'",
                &[&names],
            )
            .ctx(what)?
            .iter()
            .map(|r| (r.get(0), r.get(1)))
            .collect();
        if keys.is_empty() && indexes.is_empty() {
            return Ok(());
        }
        let mut drops: String =
            keys.iter().map(|k| format!("ALTER TABLE {} DROP CONSTRAINT {};", k.table, quote(&k.name))).collect();
        drops.extend(indexes.iter().map(|(name, _)| format!("DROP INDEX {};", quote(name))));
        client.batch_execute("SAVEPOINT defer_keys").ctx(what)?;
        match client.batch_execute(&drops) {
            Ok(()) => {
                client.batch_execute("RELEASE SAVEPOINT defer_keys").ctx(what)?;
                self.dropped.extend(keys);
                self.indexes.extend(indexes.into_iter().map(|(_, definition)| definition));
            }
            // Not the tables' owner: keep checking row by row.
            Err(_) => client.batch_execute("ROLLBACK TO SAVEPOINT defer_keys").ctx(what)?,
        }
        Ok(())
    }

    /// Adds back every dropped key, which checks all rows, and builds the dropped indexes; run just before
    /// the commit.
    pub(crate) fn restore(&mut self, client: &mut Connection) -> StoreResult<()> {
        for definition in self.indexes.drain(..) {
            client.batch_execute(&definition).ctx("cannot build the search index")?;
        }
        for key in self.dropped.drain(..) {
            let sql = format!("ALTER TABLE {} ADD CONSTRAINT {} {}", key.table, quote(&key.name), key.definition);
            client.batch_execute(&sql).map_err(|e| {
                let reason = e.as_db_error().map(|d| d.message().to_owned()).unwrap_or_else(|| e.to_string());
                StoreError::Conflict(format!(
                    "the loaded rows break the rule {} on {}: {reason}; nothing was written",
                    key.name, key.table
                ))
            })?;
        }
        Ok(())
    }
}

/// A quoted SQL identifier.
fn quote(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}
