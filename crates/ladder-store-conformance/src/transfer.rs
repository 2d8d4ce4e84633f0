//! Whole tables out and in, for `ladder db copy`.

use crate::support::*;
use ladder_store::schema::{TABLES, Table, TextRow};

fn rows_of(store: &dyn Store, table: &Table) -> Vec<TextRow> {
    let mut rows = Vec::new();
    store
        .export_rows(table, &mut |row| {
            rows.push(row);
            Ok(())
        })
        .expect("export");
    rows
}

/// Rows written back keep their ids and read back exactly; the id sequences move past them, so the next
/// customer gets a new id; the shop's one-row tables are replaced, not doubled.
pub fn restored_rows_read_back_exactly(store: &dyn Store) {
    let mut c1 = customer("C1");
    c1.tags = vec!["vip".into()];
    c1.consents = vec![Consent { channel: Channel::Email, granted: true, at: None, source: None, ..Consent::PLAIN }];
    seed(store, &[c1, customer("C2")], &[], &[]);
    let mut settings = store.shop_settings().expect("settings");
    settings.name = "Café".into();
    write(store, |tx| tx.save_shop_settings(&settings)).expect("save");
    let tables: Vec<&Table> = TABLES
        .iter()
        .filter(|t| ["shop_settings", "customers", "customer_tags", "consents"].contains(&t.name))
        .collect();
    let exported: Vec<Vec<TextRow>> = tables.iter().map(|t| rows_of(store, t)).collect();
    assert_eq!(exported[1].len(), 2);
    write(store, |tx| {
        tx.clear_customers()?;
        for (table, rows) in tables.iter().zip(&exported) {
            tx.restore_rows(table, rows)?;
        }
        Ok(())
    })
    .expect("restore");
    let again: Vec<Vec<TextRow>> = tables.iter().map(|t| rows_of(store, t)).collect();
    assert_eq!(again, exported);
    assert_eq!(store.shop_settings().expect("settings").name, "Café");
    seed(store, &[customer("C3")], &[], &[]);
    let ids: Vec<i64> = ["C1", "C2", "C3"].iter().map(|c| id_of(store, c).0).collect();
    assert!(ids[2] > ids[0].max(ids[1]), "{ids:?}");
}
