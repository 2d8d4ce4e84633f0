//! Whole tables out and in, for `ladder db copy`.

use crate::tx::SqliteTx;
use crate::{Context, SqliteStore};
use ladder_store::schema::{Kind, Table, TextRow, float_text};
use ladder_store::{StoreError, StoreResult, TransferStore, TransferTx};
use rusqlite::Connection;
use rusqlite::types::Value;

impl TransferStore for SqliteStore {
    fn export_rows(&self, table: &Table, sink: &mut dyn FnMut(TextRow) -> StoreResult<()>) -> StoreResult<()> {
        self.read(|c| export_rows(c, table, sink))
    }
}

fn export_rows(conn: &Connection, table: &Table, sink: &mut dyn FnMut(TextRow) -> StoreResult<()>) -> StoreResult<()> {
    let what = format!("cannot read {}", table.name);
    let columns: Vec<&str> = table.columns.iter().map(|(c, _)| *c).collect();
    let sql = format!("SELECT {} FROM {} ORDER BY {}", columns.join(", "), table.name, columns[..table.key].join(", "));
    let mut stmt = conn.prepare(&sql).ctx(&what)?;
    let mut rows = stmt.query([]).ctx(&what)?;
    while let Some(r) = rows.next().ctx(&what)? {
        let mut out = Vec::with_capacity(table.columns.len());
        for (i, (_, kind)) in table.columns.iter().enumerate() {
            out.push(match kind {
                Kind::Int => r.get::<_, Option<i64>>(i).ctx(&what)?.map(|v| v.to_string()),
                Kind::Bool => r.get::<_, Option<bool>>(i).ctx(&what)?.map(|v| if v { "1" } else { "0" }.to_owned()),
                Kind::Float => r.get::<_, Option<f64>>(i).ctx(&what)?.map(float_text),
                Kind::Text => r.get::<_, Option<String>>(i).ctx(&what)?,
            });
        }
        sink(out)?;
    }
    Ok(())
}

fn bad(table: &Table, column: &str, value: &str) -> StoreError {
    StoreError::Conflict(format!("{}.{column}: {value:?} is not a valid value", table.name))
}

impl TransferTx for SqliteTx<'_> {
    fn restore_rows(&mut self, table: &Table, rows: &[TextRow]) -> StoreResult<()> {
        let what = format!("cannot write {}", table.name);
        let columns: Vec<&str> = table.columns.iter().map(|(c, _)| *c).collect();
        let placeholders = (1..=columns.len()).map(|i| format!("?{i}")).collect::<Vec<_>>().join(", ");
        let sql = format!("INSERT INTO {} ({}) VALUES ({placeholders})", table.name, columns.join(", "));
        if table.is_singleton() && !rows.is_empty() {
            self.conn().execute(&format!("DELETE FROM {}", table.name), []).ctx(&what)?;
        }
        let mut stmt = self.conn().prepare_cached(&sql).ctx(&what)?;
        for row in rows {
            let mut values = Vec::with_capacity(row.len());
            for ((column, kind), value) in table.columns.iter().zip(row) {
                values.push(match (kind, value) {
                    (_, None) => Value::Null,
                    (Kind::Int, Some(v)) => Value::Integer(v.parse().map_err(|_| bad(table, column, v))?),
                    (Kind::Bool, Some(v)) => Value::Integer(i64::from(v == "1")),
                    (Kind::Float, Some(v)) => Value::Real(v.parse().map_err(|_| bad(table, column, v))?),
                    (Kind::Text, Some(v)) => Value::Text(v.clone()),
                });
            }
            stmt.execute(rusqlite::params_from_iter(values)).ctx(&what)?;
        }
        Ok(())
    }
}
