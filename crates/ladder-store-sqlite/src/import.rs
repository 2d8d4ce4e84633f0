//! All-or-nothing imports: one transaction, cached prepared statements, and in-memory maps from the
//! business's ids to row ids so that millions of lines cost no extra lookups.

use crate::Context;
use chrono::{DateTime, Utc};
use ladder_domain::{Channel, Consent, Customer, Interaction, Order};
use ladder_store::{ImportContext, ImportSession, StoreError, StoreResult, WriteOutcome};
use rusqlite::{Connection, OptionalExtension, params};
use std::collections::{BTreeMap, HashMap};

pub(crate) struct SqliteImport {
    conn: Connection,
    context: ImportContext,
    committed: bool,
    /// External id → row id of every customer; loaded on first need.
    customers: Option<HashMap<String, i64>>,
    /// SKU → (row id, name, category) of every product; loaded on first need.
    products: Option<HashMap<String, Product>>,
    customer_sql: CustomerSql,
    /// The last customer id before this import: later ones are new, and get their search rows at commit.
    last_before: i64,
}

/// The customer statements, built once per import.
struct CustomerSql {
    select: String,
    insert: String,
    update: String,
}

impl CustomerSql {
    fn new() -> Self {
        let columns: Vec<&str> = CUSTOMER_COLUMNS.split(", ").collect();
        let placeholders = (1..=columns.len() + 1).map(|i| format!("?{i}")).collect::<Vec<_>>().join(", ");
        let sets = columns.iter().enumerate().map(|(i, c)| format!("{c} = ?{}", i + 2)).collect::<Vec<_>>().join(", ");
        Self {
            select: format!("SELECT {CUSTOMER_COLUMNS}, id FROM customers WHERE external_id = ?1"),
            insert: format!(
                "INSERT INTO customers (external_id, {CUSTOMER_COLUMNS}) VALUES ({placeholders})
                 ON CONFLICT (external_id) DO NOTHING RETURNING id"
            ),
            update: format!("UPDATE customers SET {sets} WHERE id = ?1"),
        }
    }
}

/// An order's stored header: id, customer id, time, currency, code, one-off mark and status.
type StoredOrder = (i64, i64, i64, String, Option<String>, bool, String);

struct Product {
    id: i64,
    name: Option<String>,
    category: Option<String>,
}

const CUSTOMER_COLUMNS: &str = "kind, first_name, last_name, company, industry, email, phone, address, city, region, \
     country, birthday, profession, income_band, preferred_language, preferred_channel, referred_by, created_at, attributes";

/// A customer as the columns of its row (after `external_id`), shared with the other backends.
use ladder_store::schema::CustomerColumns as CustomerRow;

/// Reading and binding the shared customer columns with rusqlite.
trait SqliteColumns: Sized {
    fn read(r: &rusqlite::Row<'_>) -> rusqlite::Result<Self>;
    fn params(&self) -> Vec<&dyn rusqlite::ToSql>;
}

impl SqliteColumns for CustomerRow {
    fn read(r: &rusqlite::Row<'_>) -> rusqlite::Result<Self> {
        let mut texts: [Option<String>; 17] = Default::default();
        for (i, t) in texts.iter_mut().enumerate() {
            *t = r.get(i)?;
        }
        Ok(Self { texts, created_at: r.get(17)?, attributes: r.get(18)? })
    }

    fn params(&self) -> Vec<&dyn rusqlite::ToSql> {
        let mut p: Vec<&dyn rusqlite::ToSql> = self.texts.iter().map(|t| t as &dyn rusqlite::ToSql).collect();
        p.push(&self.created_at);
        p.push(&self.attributes);
        p
    }
}

impl SqliteImport {
    pub(crate) fn begin(conn: Connection, context: ImportContext) -> StoreResult<Self> {
        conn.execute_batch("BEGIN IMMEDIATE").ctx("cannot start the import")?;
        // New customers' search rows are added in one statement at commit (migration 6).
        let last_before: i64 = conn
            .query_row("SELECT COALESCE(MAX(id), 0) FROM customers", [], |r| r.get(0))
            .ctx("cannot start the import")?;
        conn.execute_batch("INSERT OR IGNORE INTO search_paused (id) VALUES (1)").ctx("cannot start the import")?;
        Ok(Self {
            conn,
            context,
            committed: false,
            customers: None,
            products: None,
            customer_sql: CustomerSql::new(),
            last_before,
        })
    }

    fn customer_map(&mut self) -> StoreResult<&mut HashMap<String, i64>> {
        if self.customers.is_none() {
            let mut map = HashMap::new();
            let mut stmt = self.conn.prepare("SELECT external_id, id FROM customers").ctx("cannot read customers")?;
            let rows = stmt
                .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))
                .ctx("cannot read customers")?;
            for row in rows {
                let (k, v) = row.ctx("cannot read customers")?;
                map.insert(k, v);
            }
            self.customers = Some(map);
        }
        Ok(self.customers.as_mut().expect("loaded above"))
    }

    fn customer_id(&mut self, external_id: &str) -> StoreResult<Option<i64>> {
        Ok(self.customer_map()?.get(external_id).copied())
    }

    fn product_id(
        &mut self,
        sku: &str,
        name: Option<&str>,
        category: Option<&str>,
        price: i64,
        currency: &str,
    ) -> StoreResult<i64> {
        if self.products.is_none() {
            let mut map = HashMap::new();
            let mut stmt =
                self.conn.prepare("SELECT sku, id, name, category FROM products").ctx("cannot read products")?;
            let rows = stmt
                .query_map([], |r| {
                    Ok((r.get::<_, String>(0)?, Product { id: r.get(1)?, name: r.get(2)?, category: r.get(3)? }))
                })
                .ctx("cannot read products")?;
            for row in rows {
                let (sku, p) = row.ctx("cannot read products")?;
                map.insert(sku, p);
            }
            self.products = Some(map);
        }
        let products = self.products.as_mut().expect("loaded above");
        if let Some(p) = products.get_mut(sku) {
            let new_name = name.filter(|n| p.name.as_deref() != Some(*n));
            let new_category = category.filter(|c| p.category.as_deref() != Some(*c));
            if new_name.is_some() || new_category.is_some() {
                if let Some(n) = new_name {
                    p.name = Some(n.to_owned());
                }
                if let Some(c) = new_category {
                    p.category = Some(c.to_owned());
                }
                self.conn
                    .prepare_cached("UPDATE products SET name = ?2, category = ?3 WHERE id = ?1")
                    .and_then(|mut s| s.execute(params![p.id, p.name, p.category]))
                    .ctx("cannot update a product")?;
            }
            return Ok(p.id);
        }
        let id = self
            .conn
            .prepare_cached("INSERT INTO products (sku, name, category, price_minor, currency) VALUES (?1, ?2, ?3, ?4, ?5) RETURNING id")
            .and_then(|mut s| s.query_row(params![sku, name, category, price, currency], |r| r.get(0)))
            .ctx("cannot insert a product")?;
        products.insert(
            sku.to_owned(),
            Product { id, name: name.map(str::to_owned), category: category.map(str::to_owned) },
        );
        Ok(id)
    }

    /// The product of an order line, created or renamed as the line says.
    fn line_product(&mut self, line: &ladder_domain::OrderLine, currency: &str) -> StoreResult<i64> {
        self.product_id(
            &line.sku,
            line.product_name.as_deref(),
            line.category.as_deref(),
            line.unit_price_minor,
            currency,
        )
    }

    fn put_tags_and_consents(&mut self, id: i64, customer: &Customer, replace: bool) -> StoreResult<bool> {
        let mut changed = false;
        let mut tags: Vec<&str> = customer.tags.iter().map(String::as_str).filter(|t| !t.is_empty()).collect();
        tags.sort_unstable();
        tags.dedup();
        if replace {
            let old: Vec<String> = self
                .conn
                .prepare_cached("SELECT tag FROM customer_tags WHERE customer_id = ?1 ORDER BY tag")
                .and_then(|mut s| s.query_map([id], |r| r.get(0))?.collect())
                .ctx("cannot read tags")?;
            if old.iter().map(String::as_str).ne(tags.iter().copied()) {
                changed = true;
                self.conn
                    .prepare_cached("DELETE FROM customer_tags WHERE customer_id = ?1")
                    .and_then(|mut s| s.execute([id]))
                    .ctx("cannot replace tags")?;
            }
        }
        if !replace || changed {
            let mut stmt = self
                .conn
                .prepare_cached("INSERT INTO customer_tags (customer_id, tag) VALUES (?1, ?2)")
                .ctx("cannot write tags")?;
            for tag in &tags {
                stmt.execute(params![id, tag]).ctx("cannot write tags")?;
            }
        }
        for consent in &customer.consents {
            changed |= self.put_consent(id, consent, replace)?;
        }
        Ok(changed)
    }

    /// Writes a consent when it is new or its answer changed; the first evidence of an unchanged
    /// answer is kept unless the file gives a different date for it.
    fn put_consent(&mut self, id: i64, consent: &Consent, may_exist: bool) -> StoreResult<bool> {
        let old: Option<(bool, Option<i64>)> = if !may_exist {
            None
        } else {
            self.conn
                .prepare_cached("SELECT granted, at FROM consents WHERE customer_id = ?1 AND channel = ?2")
                .and_then(|mut s| {
                    s.query_row(params![id, consent.channel.as_str()], |r| Ok((r.get(0)?, r.get(1)?))).optional()
                })
                .ctx("cannot read a consent")?
        };
        let given_at = consent.at.map(|t| t.timestamp());
        let same = match old {
            Some((granted, at)) => granted == consent.granted && (given_at.is_none() || given_at == at),
            None => false,
        };
        if same {
            return Ok(false);
        }
        let at = given_at.unwrap_or(self.context.now.timestamp());
        let source = consent.source.clone().unwrap_or_else(|| self.context.source.clone());
        self.conn
            .prepare_cached(
                "INSERT INTO consents (customer_id, channel, granted, at, source) VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT (customer_id, channel) DO UPDATE SET granted = excluded.granted, at = excluded.at, source = excluded.source",
            )
            .and_then(|mut s| s.execute(params![id, consent.channel.as_str(), consent.granted, at, source]))
            .ctx("cannot write a consent")?;
        Ok(true)
    }
}

impl Drop for SqliteImport {
    fn drop(&mut self) {
        if !self.committed {
            // Nothing of an unfinished import may stay behind.
            let _ = self.conn.execute_batch("ROLLBACK");
        }
    }
}

impl ImportSession for SqliteImport {
    fn customer_known(&mut self, external_id: &str) -> StoreResult<bool> {
        Ok(self.customer_id(external_id)?.is_some())
    }

    fn put_customer(&mut self, customer: &Customer) -> StoreResult<WriteOutcome> {
        let row = CustomerRow::of(customer);
        // Insert first: a new customer then costs one statement; an existing one is compared below.
        let mut p = vec![&customer.external_id as &dyn rusqlite::ToSql];
        p.extend(row.params());
        let inserted: Option<i64> = self
            .conn
            .prepare_cached(&self.customer_sql.insert)
            .and_then(|mut s| s.query_row(p.as_slice(), |r| r.get(0)).optional())
            .ctx("cannot insert a customer")?;
        if let Some(id) = inserted {
            self.put_tags_and_consents(id, customer, false)?;
            if let Some(map) = &mut self.customers {
                map.insert(customer.external_id.clone(), id);
            }
            return Ok(WriteOutcome::Inserted);
        }
        let (old, id) = self
            .conn
            .prepare_cached(&self.customer_sql.select)
            .and_then(|mut s| {
                s.query_row([&customer.external_id], |r| Ok((CustomerRow::read(r)?, r.get::<_, i64>(19)?)))
            })
            .ctx("cannot read a customer")?;
        let mut changed = false;
        if old != row {
            let mut p = vec![&id as &dyn rusqlite::ToSql];
            p.extend(row.params());
            self.conn
                .prepare_cached(&self.customer_sql.update)
                .and_then(|mut s| s.execute(p.as_slice()))
                .ctx("cannot update a customer")?;
            changed = true;
        }
        changed |= self.put_tags_and_consents(id, customer, true)?;
        Ok(if changed { WriteOutcome::Updated } else { WriteOutcome::Unchanged })
    }

    fn put_order(&mut self, order: &Order) -> StoreResult<Vec<WriteOutcome>> {
        let customer_id = self
            .customer_id(&order.customer_external_id)?
            .ok_or_else(|| StoreError::NotFound(format!("customer {}", order.customer_external_id)))?;
        let total = order
            .total_minor()
            .ok_or_else(|| StoreError::Conflict(format!("order {} total is too large", order.external_id)))?;
        let currency = order.currency.code();
        let ordered_at = order.ordered_at.timestamp();
        let inserted: Option<i64> = self
            .conn
            .prepare_cached(
                "INSERT INTO orders (external_id, customer_id, ordered_at, currency, campaign_code, one_off, status, total_minor)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT (external_id) DO NOTHING RETURNING id",
            )
            .and_then(|mut s| {
                s.query_row(
                    params![
                        order.external_id,
                        customer_id,
                        ordered_at,
                        currency,
                        order.campaign_code,
                        order.one_off,
                        order.status.as_str(),
                        total
                    ],
                    |r| r.get(0),
                )
                .optional()
            })
            .ctx("cannot insert an order")?;
        if let Some(order_id) = inserted {
            for line in &order.lines {
                let product = self.line_product(line, currency)?;
                self.conn
                    .prepare_cached("INSERT INTO order_lines (order_id, product_id, quantity, unit_price_minor) VALUES (?1, ?2, ?3, ?4)")
                    .and_then(|mut s| s.execute(params![order_id, product, line.quantity, line.unit_price_minor]))
                    .map_err(|e| match e {
                        rusqlite::Error::SqliteFailure(f, _) if f.code == rusqlite::ErrorCode::ConstraintViolation => {
                            StoreError::Conflict(format!("SKU {} appears twice in order {}", line.sku, order.external_id))
                        }
                        e => StoreError::backend("cannot insert an order line", e),
                    })?;
            }
            return Ok(vec![WriteOutcome::Inserted; order.lines.len()]);
        }
        let (order_id, old_customer, old_at, old_currency, old_code, old_one_off, old_status): StoredOrder = self
            .conn
            .prepare_cached(
                "SELECT id, customer_id, ordered_at, currency, campaign_code, one_off, status FROM orders WHERE external_id = ?1",
            )
            .and_then(|mut s| {
                s.query_row([&order.external_id], |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?))
                })
            })
            .ctx("cannot read an order")?;
        if old_customer != customer_id {
            return Err(StoreError::Conflict(format!(
                "order {} already belongs to another customer, not {}",
                order.external_id, order.customer_external_id
            )));
        }
        let header_changed = old_at != ordered_at
            || old_currency != currency
            || old_code != order.campaign_code
            || old_one_off != order.one_off
            || old_status != order.status.as_str();
        if header_changed {
            self.conn
                .prepare_cached("UPDATE orders SET ordered_at = ?2, currency = ?3, campaign_code = ?4, one_off = ?5, status = ?6 WHERE id = ?1")
                .and_then(|mut s| s.execute(params![order_id, ordered_at, currency, order.campaign_code, order.one_off, order.status.as_str()]))
                .ctx("cannot update an order")?;
        }
        let mut outcomes = Vec::with_capacity(order.lines.len());
        let mut lines_changed = false;
        for line in &order.lines {
            let product = self.line_product(line, currency)?;
            let old: Option<(i64, i64)> = self
                .conn
                .prepare_cached(
                    "SELECT quantity, unit_price_minor FROM order_lines WHERE order_id = ?1 AND product_id = ?2",
                )
                .and_then(|mut s| s.query_row([order_id, product], |r| Ok((r.get(0)?, r.get(1)?))).optional())
                .ctx("cannot read an order line")?;
            let outcome = match old {
                Some(q) if q == (line.quantity, line.unit_price_minor) => {
                    if header_changed {
                        WriteOutcome::Updated
                    } else {
                        WriteOutcome::Unchanged
                    }
                }
                old => {
                    self.conn
                        .prepare_cached(
                            "INSERT INTO order_lines (order_id, product_id, quantity, unit_price_minor) VALUES (?1, ?2, ?3, ?4)
                             ON CONFLICT (order_id, product_id) DO UPDATE SET quantity = excluded.quantity, unit_price_minor = excluded.unit_price_minor",
                        )
                        .and_then(|mut s| s.execute(params![order_id, product, line.quantity, line.unit_price_minor]))
                        .ctx("cannot write an order line")?;
                    lines_changed = true;
                    if old.is_some() { WriteOutcome::Updated } else { WriteOutcome::Inserted }
                }
            };
            outcomes.push(outcome);
        }
        if lines_changed {
            self.conn
                .prepare_cached(
                    "UPDATE orders SET total_minor = (SELECT COALESCE(SUM(quantity * unit_price_minor), 0) FROM order_lines WHERE order_id = ?1) WHERE id = ?1",
                )
                .and_then(|mut s| s.execute([order_id]))
                .ctx("cannot update an order total")?;
        }
        Ok(outcomes)
    }

    fn put_interaction(&mut self, interaction: &Interaction) -> StoreResult<WriteOutcome> {
        let id = self
            .customer_id(&interaction.customer_external_id)?
            .ok_or_else(|| StoreError::NotFound(format!("customer {}", interaction.customer_external_id)))?;
        let written = self
            .conn
            .prepare_cached("INSERT OR IGNORE INTO interactions (customer_id, at, kind, note, campaign_code) VALUES (?1, ?2, ?3, ?4, ?5)")
            .and_then(|mut s| {
                s.execute(params![
                    id,
                    interaction.at.timestamp(),
                    interaction.kind.as_str(),
                    interaction.note.as_deref().unwrap_or(""),
                    interaction.campaign_code
                ])
            })
            .ctx("cannot write an interaction")?;
        Ok(if written == 1 { WriteOutcome::Inserted } else { WriteOutcome::Unchanged })
    }

    fn commit(mut self: Box<Self>) -> StoreResult<()> {
        let what = "cannot index the new customers for search";
        self.conn
            .execute(
                "INSERT INTO customer_search (rowid, text) SELECT id, ladder_fold(external_id || ' ' || COALESCE(first_name, '') || ' ' || COALESCE(last_name, '') || ' ' || COALESCE(company, '') || ' ' || COALESCE(email, '') || ' ' || COALESCE(phone, '')) FROM customers WHERE id > ?1
                 AND id NOT IN (SELECT rowid FROM customer_search WHERE rowid > ?1)",
                [self.last_before],
            )
            .ctx(what)?;
        self.conn.execute_batch("DELETE FROM search_paused").ctx(what)?;
        self.conn.execute_batch("COMMIT").ctx("cannot commit the import")?;
        self.committed = true;
        Ok(())
    }
}

/// Reads consents back into domain values.
pub(crate) fn read_consent(channel: &str, granted: bool, at: Option<i64>, source: Option<String>) -> Option<Consent> {
    Some(Consent {
        channel: Channel::parse(channel)?,
        granted,
        at: at.and_then(|t| DateTime::<Utc>::from_timestamp(t, 0)),
        source,
    })
}

/// Reads the attributes column back.
pub(crate) fn read_attributes(json: Option<String>) -> BTreeMap<String, String> {
    json.and_then(|j| serde_json::from_str(&j).ok()).unwrap_or_default()
}
