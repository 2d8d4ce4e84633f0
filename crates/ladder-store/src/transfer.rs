//! Whole tables out and in, for `ladder db copy`, in the canonical text form of [`crate::schema`].

use crate::StoreResult;
use crate::schema::{Table, TextRow};

/// Reading whole tables.
pub trait TransferStore {
    /// Streams every row of one table of [`crate::schema::TABLES`] in key order, in canonical text form.
    fn export_rows(&self, table: &Table, sink: &mut dyn FnMut(TextRow) -> StoreResult<()>) -> StoreResult<()>;
}

/// Writing whole tables into an empty database, inside one unit of work (all or nothing).
pub trait TransferTx {
    /// Writes rows of one table, keeping every id; committing moves generated-id sequences past them.
    fn restore_rows(&mut self, table: &Table, rows: &[TextRow]) -> StoreResult<()>;
}
