//! Whole tables out and in, for `ladder db copy`: rows read with typed getters, written with `COPY`.

use crate::tx::PgTx;
use crate::{Connection, Context, PostgresStore};
use ladder_store::schema::{Kind, Table, TextRow, float_text};
use ladder_store::{StoreResult, TransferStore, TransferTx};
use postgres::fallible_iterator::FallibleIterator;

impl TransferStore for PostgresStore {
    fn export_rows(&self, table: &Table, sink: &mut dyn FnMut(TextRow) -> StoreResult<()>) -> StoreResult<()> {
        self.read(|c| export_rows(c, table, sink))
    }
}

fn export_rows(
    client: &mut Connection,
    table: &Table,
    sink: &mut dyn FnMut(TextRow) -> StoreResult<()>,
) -> StoreResult<()> {
    let what = format!("cannot read {}", table.name);
    let select: Vec<String> = table
        .columns
        .iter()
        .map(|(c, kind)| if *kind == Kind::Int { format!("{c}::BIGINT") } else { (*c).to_owned() })
        .collect();
    let key: Vec<String> = table.columns[..table.key]
        .iter()
        .map(|(c, kind)| if *kind == Kind::Text { format!("{c} COLLATE \"C\"") } else { (*c).to_owned() })
        .collect();
    let sql = format!("SELECT {} FROM {} ORDER BY {}", select.join(", "), table.name, key.join(", "));
    let mut tx = client.transaction().ctx(&what)?;
    tx.batch_execute("SET LOCAL statement_timeout = 0").ctx(&what)?;
    let mut rows = tx.query_raw(&sql, std::iter::empty::<i64>()).ctx(&what)?;
    while let Some(r) = rows.next().ctx(&what)? {
        let out = table
            .columns
            .iter()
            .enumerate()
            .map(|(i, (_, kind))| match kind {
                Kind::Int => r.get::<_, Option<i64>>(i).map(|v| v.to_string()),
                Kind::Bool => r.get::<_, Option<bool>>(i).map(|v| if v { "1" } else { "0" }.to_owned()),
                Kind::Float => r.get::<_, Option<f64>>(i).map(float_text),
                Kind::Text => r.get::<_, Option<String>>(i),
            })
            .collect();
        sink(out)?;
    }
    drop(rows);
    tx.commit().ctx(&what)
}

impl TransferTx for PgTx {
    fn restore_rows(&mut self, table: &Table, rows: &[TextRow]) -> StoreResult<()> {
        if table.is_singleton() && !rows.is_empty() {
            self.client.batch_execute(&format!("DELETE FROM {}", table.name)).ctx("cannot restore a table")?;
        }
        self.keys.defer_if_empty(&mut self.client, table.name, &[table.name])?;
        let columns: Vec<&str> = table.columns.iter().map(|(c, _)| *c).collect();
        crate::imports::copy_rows(&mut self.client, &format!("{} ({})", table.name, columns.join(", ")), rows)?;
        if table.generated_id && !self.sequences.contains(&table.name) {
            self.sequences.push(table.name);
        }
        Ok(())
    }
}
