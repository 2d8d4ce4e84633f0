//! Imports: a unit of work made for writing millions of rows (maps of every business id to its row, set-
//! based batches, indexes brought up to date once at the end). Everything a [`crate::Tx`] does works in
//! it too: the import's "data changed" mark, its audit entry and the shop's first currency commit with
//! the rows or not at all.

use crate::{StoreResult, Tx};

/// Starting an import.
pub trait ImportStore {
    /// Starts a unit of work tuned for bulk writes of customers, orders and interactions.
    fn begin_import(&self) -> StoreResult<Box<dyn Tx + '_>>;
}
