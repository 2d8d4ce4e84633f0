//! All-or-nothing imports in one transaction, with prepared statements and in-memory maps from the
//! business's ids to row ids.

use crate::{Connection, Context};
use ladder_domain::{Consent, Customer, Interaction, Order, OrderLine};
use ladder_store::{ImportContext, ImportSession, StoreError, StoreResult, WriteOutcome};
use postgres::Statement;
use postgres::types::ToSql;
use std::collections::HashMap;

pub(crate) struct PgImport {
    client: Connection,
    context: ImportContext,
    committed: bool,
    statements: HashMap<String, Statement>,
    customers: Option<HashMap<String, i64>>,
    products: Option<HashMap<String, Product>>,
    batches: u32,
    keys: crate::keys::DeferredKeys,
}

struct Product {
    id: i64,
    name: Option<String>,
    category: Option<String>,
}

const CUSTOMER_COLUMNS: &str = "kind, first_name, last_name, company, industry, email, phone, address, city, region, \
     country, birthday, profession, income_band, preferred_language, preferred_channel, referred_by, created_at, attributes";

/// A customer as the columns of its row (after `external_id`), shared with the other backends.
pub(crate) use ladder_store::schema::CustomerColumns as CustomerRow;

/// Reading and binding the shared customer columns with the postgres driver.
trait PgColumns: Sized {
    fn read(r: &postgres::Row) -> Self;
    fn params(&self) -> Vec<&(dyn ToSql + Sync)>;
}

impl PgColumns for CustomerRow {
    fn read(r: &postgres::Row) -> Self {
        Self { texts: std::array::from_fn(|i| r.get(i)), created_at: r.get(17), attributes: r.get(18) }
    }

    fn params(&self) -> Vec<&(dyn ToSql + Sync)> {
        let mut p: Vec<&(dyn ToSql + Sync)> = self.texts.iter().map(|t| t as &(dyn ToSql + Sync)).collect();
        p.push(&self.created_at);
        p.push(&self.attributes);
        p
    }
}

fn placeholders(from: usize, count: usize) -> String {
    (from..from + count).map(|i| format!("${i}")).collect::<Vec<_>>().join(", ")
}

impl PgImport {
    pub(crate) fn begin(mut client: Connection, context: ImportContext) -> StoreResult<Self> {
        client.batch_execute("BEGIN; SET LOCAL statement_timeout = 0").ctx("cannot start the import")?;
        client.batch_execute(crate::bulk::STAGING).ctx("cannot prepare the import")?;
        Ok(Self {
            client,
            context,
            committed: false,
            statements: HashMap::new(),
            customers: None,
            products: None,
            batches: 0,
            keys: Default::default(),
        })
    }

    pub(crate) fn client(&mut self) -> &mut Connection {
        &mut self.client
    }

    pub(crate) fn context(&self) -> &ImportContext {
        &self.context
    }

    /// Checks foreign keys of `tables` once at commit instead of per row, when `guard` is still empty
    /// (see [`crate::keys`]).
    pub(crate) fn defer_keys(&mut self, guard: &str, tables: &[&str]) -> StoreResult<()> {
        self.keys.defer_if_empty(&mut self.client, guard, tables)
    }

    /// The row id of a customer, from the map of every customer.
    pub(crate) fn known_customer(&mut self, external_id: &str) -> StoreResult<Option<i64>> {
        self.customer_id(external_id)
    }

    /// Adds a customer the bulk path inserted to the map, when the map is loaded.
    pub(crate) fn remember_customer(&mut self, external_id: &str, id: i64) {
        if let Some(map) = &mut self.customers {
            map.insert(external_id.to_owned(), id);
        }
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

    /// Drops the product map after the bulk path wrote products; it reloads on next need.
    pub(crate) fn forget_products(&mut self) {
        self.products = None;
    }

    fn statement(&mut self, sql: &str) -> StoreResult<Statement> {
        if let Some(s) = self.statements.get(sql) {
            return Ok(s.clone());
        }
        let s = self.client.prepare(sql).ctx("cannot prepare a statement")?;
        self.statements.insert(sql.to_owned(), s.clone());
        Ok(s)
    }

    fn execute(&mut self, sql: &str, params: &[&(dyn ToSql + Sync)], what: &str) -> StoreResult<u64> {
        let s = self.statement(sql)?;
        self.client.execute(&s, params).ctx(what)
    }

    fn query_opt(
        &mut self,
        sql: &str,
        params: &[&(dyn ToSql + Sync)],
        what: &str,
    ) -> StoreResult<Option<postgres::Row>> {
        let s = self.statement(sql)?;
        self.client.query_opt(&s, params).ctx(what)
    }

    fn customer_id(&mut self, external_id: &str) -> StoreResult<Option<i64>> {
        if self.customers.is_none() {
            let rows = self.client.query("SELECT external_id, id FROM customers", &[]).ctx("cannot read customers")?;
            self.customers = Some(rows.iter().map(|r| (r.get(0), r.get(1))).collect());
        }
        Ok(self.customers.as_ref().and_then(|m| m.get(external_id).copied()))
    }

    pub(crate) fn line_product(&mut self, line: &OrderLine, currency: &str) -> StoreResult<i64> {
        if self.products.is_none() {
            let rows =
                self.client.query("SELECT sku, id, name, category FROM products", &[]).ctx("cannot read products")?;
            self.products = Some(
                rows.iter().map(|r| (r.get(0), Product { id: r.get(1), name: r.get(2), category: r.get(3) })).collect(),
            );
        }
        let (name, category) = (line.product_name.as_deref(), line.category.as_deref());
        let differs = |old: &Option<String>, new: Option<&str>| new.is_some_and(|n| old.as_deref() != Some(n));
        let known = self.products.as_ref().and_then(|p| p.get(&line.sku));
        // The common case, a product as it is stored, costs one lookup and no copy.
        if let Some(p) = known.filter(|p| !differs(&p.name, name) && !differs(&p.category, category)) {
            return Ok(p.id);
        }
        let known = known.map(|p| (p.id, p.name.clone(), p.category.clone()));
        if let Some((id, old_name, old_category)) = known {
            let new_name = name.filter(|n| old_name.as_deref() != Some(*n)).map(str::to_owned);
            let new_category = category.filter(|c| old_category.as_deref() != Some(*c)).map(str::to_owned);
            if new_name.is_some() || new_category.is_some() {
                let name = new_name.or(old_name);
                let category = new_category.or(old_category);
                self.execute(
                    "UPDATE products SET name = $2, category = $3 WHERE id = $1",
                    &[&id, &name, &category],
                    "cannot update a product",
                )?;
                if let Some(p) = self.products.as_mut().and_then(|p| p.get_mut(&line.sku)) {
                    (p.name, p.category) = (name, category);
                }
            }
            return Ok(id);
        }
        let row = self
            .query_opt(
                "INSERT INTO products (sku, name, category, price_minor, currency) VALUES ($1, $2, $3, $4, $5) RETURNING id",
                &[&line.sku, &name, &category, &line.unit_price_minor, &currency],
                "cannot insert a product",
            )?
            .ok_or_else(|| StoreError::NotFound("the new product".to_owned()))?;
        let id: i64 = row.get(0);
        let product = Product { id, name: name.map(str::to_owned), category: category.map(str::to_owned) };
        if let Some(p) = self.products.as_mut() {
            p.insert(line.sku.clone(), product);
        }
        Ok(id)
    }

    fn put_tags_and_consents(&mut self, id: i64, customer: &Customer, may_exist: bool) -> StoreResult<bool> {
        let mut changed = false;
        let mut tags: Vec<&str> = customer.tags.iter().map(String::as_str).filter(|t| !t.is_empty()).collect();
        tags.sort_unstable();
        tags.dedup();
        let mut write_tags = !may_exist;
        if may_exist {
            let s = self.statement("SELECT tag FROM customer_tags WHERE customer_id = $1 ORDER BY tag")?;
            let old: Vec<String> =
                self.client.query(&s, &[&id]).ctx("cannot read tags")?.iter().map(|r| r.get(0)).collect();
            if old.iter().map(String::as_str).ne(tags.iter().copied()) {
                changed = true;
                write_tags = true;
                self.execute("DELETE FROM customer_tags WHERE customer_id = $1", &[&id], "cannot replace tags")?;
            }
        }
        if write_tags {
            for tag in &tags {
                self.execute(
                    "INSERT INTO customer_tags (customer_id, tag) VALUES ($1, $2)",
                    &[&id, tag],
                    "cannot write tags",
                )?;
            }
        }
        for consent in &customer.consents {
            changed |= self.put_consent(id, consent, may_exist)?;
        }
        Ok(changed)
    }

    fn put_consent(&mut self, id: i64, consent: &Consent, may_exist: bool) -> StoreResult<bool> {
        let channel = consent.channel.as_str();
        let old: Option<(bool, Option<i64>)> = if may_exist {
            self.query_opt(
                "SELECT granted, at FROM consents WHERE customer_id = $1 AND channel = $2",
                &[&id, &channel],
                "cannot read a consent",
            )?
            .map(|r| (r.get(0), r.get(1)))
        } else {
            None
        };
        let given_at = consent.at.map(|t| t.timestamp());
        if let Some((granted, at)) = old
            && granted == consent.granted
            && (given_at.is_none() || given_at == at)
        {
            return Ok(false);
        }
        let at = given_at.unwrap_or(self.context.now.timestamp());
        let source = consent.source.clone().unwrap_or_else(|| self.context.source.clone());
        self.execute(
            "INSERT INTO consents (customer_id, channel, granted, at, source) VALUES ($1, $2, $3, $4, $5)
             ON CONFLICT (customer_id, channel) DO UPDATE SET granted = excluded.granted, at = excluded.at, source = excluded.source",
            &[&id, &channel, &consent.granted, &at, &source],
            "cannot write a consent",
        )?;
        Ok(true)
    }
}

impl Drop for PgImport {
    fn drop(&mut self) {
        if !self.committed {
            // Nothing of an unfinished import may stay behind.
            let _ = self.client.batch_execute("ROLLBACK");
        }
    }
}

impl ImportSession for PgImport {
    fn customer_known(&mut self, external_id: &str) -> StoreResult<bool> {
        Ok(self.customer_id(external_id)?.is_some())
    }

    fn put_customer(&mut self, customer: &Customer) -> StoreResult<WriteOutcome> {
        let row = CustomerRow::of(customer);
        let mut p: Vec<&(dyn ToSql + Sync)> = vec![&customer.external_id];
        p.extend(row.params());
        let insert = format!(
            "INSERT INTO customers (external_id, {CUSTOMER_COLUMNS}) VALUES ({}) ON CONFLICT (external_id) DO NOTHING RETURNING id",
            placeholders(1, 20)
        );
        if let Some(r) = self.query_opt(&insert, &p, "cannot insert a customer")? {
            let id: i64 = r.get(0);
            self.put_tags_and_consents(id, customer, false)?;
            if let Some(map) = &mut self.customers {
                map.insert(customer.external_id.clone(), id);
            }
            return Ok(WriteOutcome::Inserted);
        }
        let select = format!("SELECT {CUSTOMER_COLUMNS}, id FROM customers WHERE external_id = $1");
        let found = self
            .query_opt(&select, &[&customer.external_id], "cannot read a customer")?
            .ok_or_else(|| StoreError::NotFound(format!("customer {}", customer.external_id)))?;
        let (old, id): (CustomerRow, i64) = (CustomerRow::read(&found), found.get(19));
        let mut changed = false;
        if old != row {
            let sets = CUSTOMER_COLUMNS
                .split(", ")
                .enumerate()
                .map(|(i, c)| format!("{c} = ${}", i + 2))
                .collect::<Vec<_>>()
                .join(", ");
            let mut p: Vec<&(dyn ToSql + Sync)> = vec![&id];
            p.extend(row.params());
            self.execute(&format!("UPDATE customers SET {sets} WHERE id = $1"), &p, "cannot update a customer")?;
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
        let status = order.status.as_str();
        let inserted = self.query_opt(
            "INSERT INTO orders (external_id, customer_id, ordered_at, currency, campaign_code, one_off, status, total_minor)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (external_id) DO NOTHING RETURNING id",
            &[&order.external_id, &customer_id, &ordered_at, &currency, &order.campaign_code, &order.one_off, &status, &total],
            "cannot insert an order",
        )?;
        if let Some(r) = inserted {
            let order_id: i64 = r.get(0);
            let mut seen: Vec<&str> = Vec::with_capacity(order.lines.len());
            for line in &order.lines {
                if seen.contains(&line.sku.as_str()) {
                    return Err(StoreError::Conflict(format!(
                        "SKU {} appears twice in order {}",
                        line.sku, order.external_id
                    )));
                }
                seen.push(&line.sku);
                let product = self.line_product(line, currency)?;
                self.execute(
                    "INSERT INTO order_lines (order_id, product_id, quantity, unit_price_minor) VALUES ($1, $2, $3, $4)",
                    &[&order_id, &product, &line.quantity, &line.unit_price_minor],
                    "cannot insert an order line",
                )?;
            }
            return Ok(vec![WriteOutcome::Inserted; order.lines.len()]);
        }
        let existing = self
            .query_opt(
                "SELECT id, customer_id, ordered_at, currency, campaign_code, one_off, status FROM orders WHERE external_id = $1",
                &[&order.external_id],
                "cannot read an order",
            )?
            .ok_or_else(|| StoreError::NotFound(format!("order {}", order.external_id)))?;
        let order_id: i64 = existing.get(0);
        if existing.get::<_, i64>(1) != customer_id {
            return Err(StoreError::Conflict(format!(
                "order {} already belongs to another customer, not {}",
                order.external_id, order.customer_external_id
            )));
        }
        let header_changed = existing.get::<_, i64>(2) != ordered_at
            || existing.get::<_, String>(3) != currency
            || existing.get::<_, Option<String>>(4) != order.campaign_code
            || existing.get::<_, bool>(5) != order.one_off
            || existing.get::<_, String>(6) != status;
        if header_changed {
            self.execute(
                "UPDATE orders SET ordered_at = $2, currency = $3, campaign_code = $4, one_off = $5, status = $6 WHERE id = $1",
                &[&order_id, &ordered_at, &currency, &order.campaign_code, &order.one_off, &status],
                "cannot update an order",
            )?;
        }
        let mut outcomes = Vec::with_capacity(order.lines.len());
        let mut lines_changed = false;
        for line in &order.lines {
            let product = self.line_product(line, currency)?;
            let old = self
                .query_opt(
                    "SELECT quantity, unit_price_minor FROM order_lines WHERE order_id = $1 AND product_id = $2",
                    &[&order_id, &product],
                    "cannot read an order line",
                )?
                .map(|r| (r.get::<_, i64>(0), r.get::<_, i64>(1)));
            let outcome = match old {
                Some(q) if q == (line.quantity, line.unit_price_minor) => {
                    if header_changed {
                        WriteOutcome::Updated
                    } else {
                        WriteOutcome::Unchanged
                    }
                }
                old => {
                    self.execute(
                        "INSERT INTO order_lines (order_id, product_id, quantity, unit_price_minor) VALUES ($1, $2, $3, $4)
                         ON CONFLICT (order_id, product_id) DO UPDATE SET quantity = excluded.quantity, unit_price_minor = excluded.unit_price_minor",
                        &[&order_id, &product, &line.quantity, &line.unit_price_minor],
                        "cannot write an order line",
                    )?;
                    lines_changed = true;
                    if old.is_some() { WriteOutcome::Updated } else { WriteOutcome::Inserted }
                }
            };
            outcomes.push(outcome);
        }
        if lines_changed {
            self.execute(
                "UPDATE orders SET total_minor = (SELECT COALESCE(SUM(quantity * unit_price_minor), 0) FROM order_lines WHERE order_id = $1) WHERE id = $1",
                &[&order_id],
                "cannot update an order total",
            )?;
        }
        Ok(outcomes)
    }

    fn put_interaction(&mut self, interaction: &Interaction) -> StoreResult<WriteOutcome> {
        let id = self
            .customer_id(&interaction.customer_external_id)?
            .ok_or_else(|| StoreError::NotFound(format!("customer {}", interaction.customer_external_id)))?;
        let note = interaction.note.clone().unwrap_or_default();
        let written = self.execute(
            "INSERT INTO interactions (customer_id, at, kind, note, campaign_code) VALUES ($1, $2, $3, $4, $5)
             ON CONFLICT DO NOTHING",
            &[&id, &interaction.at.timestamp(), &interaction.kind.as_str(), &note, &interaction.campaign_code],
            "cannot write an interaction",
        )?;
        Ok(if written == 1 { WriteOutcome::Inserted } else { WriteOutcome::Unchanged })
    }

    fn put_customers(&mut self, customers: &[Customer]) -> StoreResult<Vec<WriteOutcome>> {
        crate::bulk::put_customers(self, customers)
    }

    fn put_interactions(&mut self, interactions: &[Interaction]) -> StoreResult<Vec<WriteOutcome>> {
        crate::bulk::put_interactions(self, interactions)
    }

    fn put_orders(&mut self, orders: &[Order]) -> StoreResult<Vec<Result<Vec<WriteOutcome>, String>>> {
        crate::bulk::put_orders(self, orders)
    }

    fn commit(mut self: Box<Self>) -> StoreResult<()> {
        self.keys.restore(&mut self.client)?;
        self.client.batch_execute("COMMIT").ctx("cannot commit the import")?;
        self.committed = true;
        Ok(())
    }
}
