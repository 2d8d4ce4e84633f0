//! Whole tables out and in, for `ladder db copy`: rows read with typed getters, written with `COPY`.

use crate::{Connection, Context};
use ladder_store::schema::{Kind, Table, TextRow, float_text};
use ladder_store::{RestoreSession, StoreResult};
use postgres::fallible_iterator::FallibleIterator;

pub(crate) fn export_rows(
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

pub(crate) struct PgRestore {
    client: Connection,
    committed: bool,
    /// Tables whose generated ids need their sequence moved past the copied ones at commit.
    sequences: Vec<&'static str>,
    keys: crate::keys::DeferredKeys,
}

impl PgRestore {
    pub(crate) fn begin(mut client: Connection) -> StoreResult<Self> {
        client.batch_execute("BEGIN; SET LOCAL statement_timeout = 0").ctx("cannot start the copy")?;
        Ok(Self { client, committed: false, sequences: Vec::new(), keys: Default::default() })
    }
}

impl Drop for PgRestore {
    fn drop(&mut self) {
        if !self.committed {
            let _ = self.client.batch_execute("ROLLBACK");
        }
    }
}

impl RestoreSession for PgRestore {
    fn put_rows(&mut self, table: &Table, rows: &[TextRow]) -> StoreResult<()> {
        self.keys.defer_if_empty(&mut self.client, table.name, &[table.name])?;
        let columns: Vec<&str> = table.columns.iter().map(|(c, _)| *c).collect();
        crate::bulk::copy_rows(&mut self.client, &format!("{} ({})", table.name, columns.join(", ")), rows)?;
        if table.generated_id && !self.sequences.contains(&table.name) {
            self.sequences.push(table.name);
        }
        Ok(())
    }

    fn commit(mut self: Box<Self>) -> StoreResult<()> {
        self.keys.restore(&mut self.client)?;
        for table in &self.sequences {
            self.client
                .batch_execute(&format!(
                    "SELECT setval(pg_get_serial_sequence('{table}', 'id'), COALESCE((SELECT MAX(id) FROM {table}), 0) + 1, false)"
                ))
                .ctx("cannot move an id sequence")?;
        }
        self.client.batch_execute("COMMIT").ctx("cannot commit the copy")?;
        self.committed = true;
        Ok(())
    }
}
