//! Bulk imports: a unit of work that loads every business id into maps on first need, pauses the search
//! index's insert trigger, and indexes the new customers in one statement when it commits (row by row,
//! the index made a million-customer import five times slower; migration 6).

use crate::{Context, SqliteStore};
use ladder_store::{ImportStore, StoreResult, Tx};
use rusqlite::Connection;

impl ImportStore for SqliteStore {
    fn begin_import(&self) -> StoreResult<Box<dyn Tx + '_>> {
        let mut tx = self.long_writer()?;
        let what = "cannot start the import";
        let last_before: i64 =
            tx.conn().query_row("SELECT COALESCE(MAX(id), 0) FROM customers", [], |r| r.get(0)).ctx(what)?;
        tx.conn().execute_batch("INSERT OR IGNORE INTO search_paused (id) VALUES (1)").ctx(what)?;
        tx.bulk_after = Some(last_before);
        Ok(Box::new(tx) as Box<dyn Tx + '_>)
    }
}

/// Adds the search rows of the customers inserted after `after` and resumes the insert trigger.
pub(crate) fn index_new_customers(conn: &Connection, after: i64) -> StoreResult<()> {
    let what = "cannot index the new customers for search";
    conn.execute(
        &format!(
            "INSERT INTO customer_search (rowid, text) SELECT c.id, ladder_fold({}) FROM customers c WHERE c.id > ?1
             AND c.id NOT IN (SELECT rowid FROM customer_search WHERE rowid > ?1)",
            ladder_store::search::SEARCH_TEXT
        ),
        [after],
    )
    .ctx(what)?;
    conn.execute_batch("DELETE FROM search_paused").ctx(what)
}
