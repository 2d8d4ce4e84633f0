//! The unit of work: the writer connection held from its savepoint to the savepoint's release (the
//! group's `COMMIT` follows, [`crate::group`]), with what a bulk
//! import keeps between its rows. The areas' write traits are implemented in their own modules over
//! this type; here are its life (begin, commit, rollback on drop) and the import's caches.

use crate::Context;
use crate::group::{Groups, Writer};
use ladder_store::{StoreError, StoreResult, Tx};
use rusqlite::Connection;
use std::collections::HashMap;

/// A product as an import knows it, to tell whether a line renames it.
pub(crate) struct Product {
    pub id: i64,
    pub name: Option<String>,
    pub category: Option<String>,
}

/// A unit of work on the writer connection: a savepoint of the group transaction ([`crate::group`]).
pub(crate) struct SqliteTx<'a> {
    /// The writer, held until the unit of work ends; then handed to the next in line (`unlock_fair`), so
    /// under many writers at once (32 tills redeeming) none waits behind newcomers.
    pub(crate) writer: Option<parking_lot::MutexGuard<'a, Writer>>,
    lock: &'a parking_lot::Mutex<Writer>,
    groups: &'a Groups,
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
    pub(crate) fn begin(
        lock: &'a parking_lot::Mutex<Writer>,
        mut held: parking_lot::MutexGuard<'a, Writer>,
        groups: &'a Groups,
        alone: bool,
    ) -> StoreResult<Self> {
        if let Err(e) = groups.begin(&mut held, alone) {
            let _ = groups.end(lock, held, false);
            return Err(e).ctx("cannot start a change");
        }
        Ok(Self {
            writer: Some(held),
            lock,
            groups,
            bulk_after: None,
            customers: HashMap::new(),
            customers_loaded: false,
            products: HashMap::new(),
            products_loaded: false,
        })
    }

    pub(crate) fn conn(&self) -> &Connection {
        &self.writer.as_deref().expect("the writer is held until the unit of work ends").conn
    }
}

impl Drop for SqliteTx<'_> {
    fn drop(&mut self) {
        if let Some(held) = self.writer.take() {
            // Nothing of an unfinished unit of work may stay behind; the group's other units stay.
            let _ = crate::group::run(&held.conn, "ROLLBACK TO unit")
                .and_then(|()| crate::group::run(&held.conn, "RELEASE unit"));
            let _ = self.groups.end(self.lock, held, false);
        }
    }
}

impl Tx for SqliteTx<'_> {
    fn commit(mut self: Box<Self>) -> StoreResult<()> {
        if let Some(after) = self.bulk_after {
            crate::imports::index_new_customers(self.conn(), after)?;
        }
        crate::group::run(self.conn(), "RELEASE unit").ctx("cannot commit the change")?;
        let held = self.writer.take().expect("the writer is held until the unit of work ends");
        self.groups
            .end(self.lock, held, true)
            .map_err(|why| StoreError::backend("cannot commit the change", std::io::Error::other(why)))
    }
}
