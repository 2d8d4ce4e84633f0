//! The unit of work: the writer connection held from `BEGIN IMMEDIATE` to `COMMIT`, with what a bulk
//! import keeps between its rows. The areas' write traits are implemented in their own modules over
//! this type; here are its life (begin, commit, rollback on drop) and the import's caches.

use crate::Context;
use ladder_store::{StoreResult, Tx};
use rusqlite::Connection;
use std::collections::HashMap;

/// A product as an import knows it, to tell whether a line renames it.
pub(crate) struct Product {
    pub id: i64,
    pub name: Option<String>,
    pub category: Option<String>,
}

/// A unit of work on the writer connection.
pub(crate) struct SqliteTx<'a> {
    /// The writer, held until the unit of work ends; then handed to the next in line (`unlock_fair`), so
    /// under many writers at once (32 tills redeeming) none waits behind newcomers.
    pub(crate) writer: Option<parking_lot::MutexGuard<'a, Connection>>,
    finished: bool,
    /// A bulk import: every customer's and product's id is loaded into the maps on first need, and new
    /// customers get their search rows in one statement at commit (after this id).
    pub(crate) bulk_after: Option<i64>,
    /// External id → row id of customers, loaded whole in a bulk import, one by one otherwise.
    pub(crate) customers: HashMap<String, i64>,
    pub(crate) customers_loaded: bool,
    /// SKU → product, likewise.
    pub(crate) products: HashMap<String, Product>,
    pub(crate) products_loaded: bool,
}

impl<'a> SqliteTx<'a> {
    pub(crate) fn begin(conn: parking_lot::MutexGuard<'a, Connection>) -> StoreResult<Self> {
        conn.execute_batch("BEGIN IMMEDIATE").ctx("cannot start a change")?;
        Ok(Self {
            writer: Some(conn),
            finished: false,
            bulk_after: None,
            customers: HashMap::new(),
            customers_loaded: false,
            products: HashMap::new(),
            products_loaded: false,
        })
    }

    pub(crate) fn conn(&self) -> &Connection {
        self.writer.as_deref().expect("the writer is held until the unit of work ends")
    }
}

impl Drop for SqliteTx<'_> {
    fn drop(&mut self) {
        if !self.finished {
            // Nothing of an unfinished unit of work may stay behind.
            let _ = self.conn().execute_batch("ROLLBACK");
        }
        if let Some(writer) = self.writer.take() {
            parking_lot::MutexGuard::unlock_fair(writer);
        }
    }
}

impl Tx for SqliteTx<'_> {
    fn commit(mut self: Box<Self>) -> StoreResult<()> {
        if let Some(after) = self.bulk_after {
            crate::imports::index_new_customers(self.conn(), after)?;
        }
        self.conn().execute_batch("COMMIT").ctx("cannot commit the change")?;
        self.finished = true;
        Ok(())
    }
}
