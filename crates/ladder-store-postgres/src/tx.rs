//! The unit of work: one pooled connection from `BEGIN` to `COMMIT`, with what bulk imports, scorings and
//! restores keep between their calls. The areas' write traits are implemented in their own modules over
//! this type; here are its life (begin, commit, rollback on drop), the statements it runs (prepared once per
//! connection, [`crate::pool`]) and the import's maps.

use crate::{Connection, Context};
use ladder_store::{StoreError, StoreResult, Tx};
use postgres::types::ToSql;
use std::collections::HashMap;

/// A product as an import knows it, to tell whether a line renames it.
pub(crate) struct Product {
    pub id: i64,
    pub name: Option<String>,
    pub category: Option<String>,
}

/// A unit of work on one connection.
pub(crate) struct PgTx {
    pub(crate) client: Connection,
    finished: bool,
    /// A bulk import: maps of every customer and product, set-based batches, keys checked once.
    pub(crate) bulk: bool,
    staging: bool,
    pub(crate) customers: HashMap<String, i64>,
    pub(crate) customers_loaded: bool,
    pub(crate) products: HashMap<String, Product>,
    pub(crate) products_loaded: bool,
    batches: u32,
    pub(crate) keys: crate::keys::DeferredKeys,
    /// A scoring: scores and changes waiting to be copied in.
    pub(crate) scoring: Option<crate::scoring::Staged>,
    /// A restore: tables whose id sequences must move past the copied ids at commit.
    pub(crate) sequences: Vec<&'static str>,
}

impl PgTx {
    pub(crate) fn begin(mut client: Connection, long: bool) -> StoreResult<Self> {
        // Long work (imports, scorings, copies) is allowed all the time it needs.
        let begin = if long { "BEGIN; SET LOCAL statement_timeout = 0" } else { "BEGIN" };
        client.batch_execute(begin).ctx("cannot start a change")?;
        Ok(Self {
            client,
            finished: false,
            bulk: false,
            staging: false,
            customers: HashMap::new(),
            customers_loaded: false,
            products: HashMap::new(),
            products_loaded: false,
            batches: 0,
            keys: Default::default(),
            scoring: None,
            sequences: Vec::new(),
        })
    }

    /// The staging tables of the set-based import paths, created on first need.
    pub(crate) fn staging(&mut self) -> StoreResult<&mut Connection> {
        if !self.staging {
            self.client.batch_execute(crate::imports::STAGING).ctx("cannot prepare the import")?;
            self.staging = true;
        }
        Ok(&mut self.client)
    }

    /// Runs a statement prepared once per connection.
    pub(crate) fn execute(&mut self, sql: &str, params: &[&(dyn ToSql + Sync)], what: &str) -> StoreResult<u64> {
        self.client.execute(sql, params).ctx(what)
    }

    /// Queries at most one row with a statement prepared once per connection.
    pub(crate) fn query_opt(
        &mut self,
        sql: &str,
        params: &[&(dyn ToSql + Sync)],
        what: &str,
    ) -> StoreResult<Option<postgres::Row>> {
        self.client.query_opt(sql, params).ctx(what)
    }

    /// Queries rows with a statement prepared once per connection.
    pub(crate) fn query(
        &mut self,
        sql: &str,
        params: &[&(dyn ToSql + Sync)],
        what: &str,
    ) -> StoreResult<Vec<postgres::Row>> {
        self.client.query(sql, params).ctx(what)
    }

    /// Counts a bulk batch and refreshes the planner's statistics of `tables` after the 1st, 2nd, 4th, 8th, …
    /// batch: the tables grow inside this transaction, where autovacuum cannot see them, and stale
    /// statistics make the planner scan a million rows per batch. `ANALYZE` here counts this
    /// transaction's own rows.
    pub(crate) fn after_batch(&mut self, tables: &str) -> StoreResult<()> {
        self.batches += 1;
        if self.batches.is_power_of_two() {
            self.client.batch_execute(&format!("ANALYZE {tables}")).ctx("cannot refresh statistics")?;
        }
        Ok(())
    }

    /// Checks foreign keys of `tables` once at commit instead of per row, when `guard` is still empty
    /// and this is a bulk import (see [`crate::keys`]).
    pub(crate) fn defer_keys(&mut self, guard: &str, tables: &[&str]) -> StoreResult<()> {
        if !self.bulk {
            return Ok(());
        }
        self.keys.defer_if_empty(&mut self.client, guard, tables)
    }

    /// The row id of a customer: from the map of every customer in a bulk import, else looked up once
    /// and remembered.
    pub(crate) fn customer_id(&mut self, external_id: &str) -> StoreResult<Option<i64>> {
        if let Some(id) = self.customers.get(external_id) {
            return Ok(Some(*id));
        }
        if self.bulk {
            if !self.customers_loaded {
                let rows =
                    self.client.query("SELECT external_id, id FROM customers", &[]).ctx("cannot read customers")?;
                self.customers.extend(rows.iter().map(|r| (r.get(0), r.get(1))));
                self.customers_loaded = true;
            }
            return Ok(self.customers.get(external_id).copied());
        }
        let found: Option<i64> = self
            .query_opt("SELECT id FROM customers WHERE external_id = $1", &[&external_id], "cannot read a customer")?
            .map(|r| r.get(0));
        if let Some(id) = found {
            self.customers.insert(external_id.to_owned(), id);
        }
        Ok(found)
    }

    /// Adds a customer the bulk path inserted to the map.
    pub(crate) fn remember_customer(&mut self, external_id: &str, id: i64) {
        self.customers.insert(external_id.to_owned(), id);
    }

    /// Makes sure the product `sku` is in the map if it exists: every product at once in a bulk import.
    pub(crate) fn load_product(&mut self, sku: &str) -> StoreResult<()> {
        let product = |r: &postgres::Row| (r.get(0), Product { id: r.get(1), name: r.get(2), category: r.get(3) });
        if self.bulk {
            if !self.products_loaded {
                let rows = self
                    .client
                    .query("SELECT sku, id, name, category FROM products", &[])
                    .ctx("cannot read products")?;
                self.products.extend(rows.iter().map(product));
                self.products_loaded = true;
            }
        } else if !self.products.contains_key(sku) {
            let found = self.query_opt(
                "SELECT sku, id, name, category FROM products WHERE sku = $1",
                &[&sku],
                "cannot read a product",
            )?;
            self.products.extend(found.as_ref().map(product));
        }
        Ok(())
    }

    /// Drops the product map after the bulk path wrote products; it reloads on next need.
    pub(crate) fn forget_products(&mut self) {
        self.products.clear();
        self.products_loaded = false;
    }
}

impl Drop for PgTx {
    fn drop(&mut self) {
        if !self.finished {
            // Nothing of an unfinished unit of work may stay behind, and the connection goes back clean.
            let _ = self.client.batch_execute("ROLLBACK");
        }
    }
}

impl Tx for PgTx {
    fn commit(mut self: Box<Self>) -> StoreResult<()> {
        crate::scoring::flush(&mut self)?;
        self.keys.restore(&mut self.client)?;
        for table in std::mem::take(&mut self.sequences) {
            self.client
                .batch_execute(&format!(
                    "SELECT setval(pg_get_serial_sequence('{table}', 'id'), COALESCE((SELECT MAX(id) FROM {table}), 0) + 1, false)"
                ))
                .ctx("cannot move an id sequence")?;
        }
        self.client.batch_execute("COMMIT").map_err(|e| match e.code() {
            // Two units of work changed the same rows in an order that cannot be serialized: nothing of
            // this one was written, and doing it again succeeds.
            Some(state) if *state == postgres::error::SqlState::T_R_SERIALIZATION_FAILURE => {
                StoreError::Conflict("another change got there first; nothing was written, try again".into())
            }
            _ => StoreError::backend("cannot commit the change", e),
        })?;
        self.finished = true;
        Ok(())
    }
}
