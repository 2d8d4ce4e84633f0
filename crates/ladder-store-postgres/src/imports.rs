//! Imports: a unit of work for bulk writes ([`ImportStore::begin_import`]), and its set-based paths: a batch of customers or orders goes to temporary staging tables with `COPY`, then
//! into the real tables with a handful of `INSERT … ON CONFLICT` statements whose `RETURNING` tells what
//! was inserted, updated or already so. A batch that the set-based path cannot take as a whole (the same
//! id twice, an order that belongs to another customer) goes row by row instead.

use crate::Context;
use crate::PostgresStore;
use crate::tx::PgTx;
use ladder_domain::Order;
use ladder_store::{
    Absent, CustomerTx, Evidence, ImportStore, PreparedCustomer, StoreResult, StoredConsent, Tx, WriteOutcome,
};
use std::collections::HashSet;
use std::io::Write;

/// The staging tables, created once per import and dropped at its end.
pub(crate) const STAGING: &str = "
CREATE TEMP TABLE stage_customers (
    seq BIGINT, id BIGINT, external_id TEXT, kind TEXT, first_name TEXT, last_name TEXT, company TEXT, industry TEXT,
    email TEXT, phone TEXT, address TEXT, city TEXT, region TEXT, country TEXT, birthday TEXT, profession TEXT,
    income_band TEXT, preferred_language TEXT, preferred_channel TEXT, referred_by TEXT, phone_e164 TEXT,
    phone_national TEXT, created_at BIGINT, attributes TEXT
) ON COMMIT DROP;
CREATE TEMP TABLE stage_tags (seq BIGINT, tag TEXT) ON COMMIT DROP;
CREATE TEMP TABLE stage_consents (
    seq BIGINT, channel TEXT, purpose TEXT, granted BOOLEAN, at BIGINT, written_at BIGINT, source TEXT, method TEXT,
    basis TEXT, evidence TEXT
) ON COMMIT DROP;
CREATE TEMP TABLE stage_interactions (seq BIGINT, customer_id BIGINT, at BIGINT, kind TEXT, note TEXT, campaign_code TEXT) ON COMMIT DROP;
CREATE TEMP TABLE stage_orders (
    seq BIGINT, external_id TEXT, customer_id BIGINT, ordered_at BIGINT, currency TEXT, campaign_code TEXT,
    one_off BOOLEAN, status TEXT, total_minor BIGINT
) ON COMMIT DROP;
CREATE TEMP TABLE stage_lines (
    seq BIGINT, line_no BIGINT, sku TEXT, name TEXT, category TEXT, quantity BIGINT, unit_price BIGINT, currency TEXT
) ON COMMIT DROP;
";

impl ImportStore for PostgresStore {
    fn begin_import(&self) -> StoreResult<Box<dyn Tx + '_>> {
        let mut tx = self.unit(true)?;
        tx.bulk = true;
        Ok(Box::new(tx))
    }
}

/// One value of a `COPY … FROM STDIN` text row.
fn field(out: &mut Vec<u8>, value: Option<&str>) {
    match value {
        None => out.extend_from_slice(b"\\N"),
        Some(v) => {
            for b in v.bytes() {
                match b {
                    b'\\' => out.extend_from_slice(b"\\\\"),
                    b'\t' => out.extend_from_slice(b"\\t"),
                    b'\n' => out.extend_from_slice(b"\\n"),
                    b'\r' => out.extend_from_slice(b"\\r"),
                    b => out.push(b),
                }
            }
        }
    }
}

/// Rows in `COPY` text format, written field by field without a string per value: the fast paths write
/// millions of values.
#[derive(Default)]
pub(crate) struct CopyText {
    data: Vec<u8>,
    in_row: bool,
}

impl CopyText {
    fn separate(&mut self) {
        if self.in_row {
            self.data.push(b'\t');
        }
        self.in_row = true;
    }

    pub(crate) fn text(&mut self, value: Option<&str>) -> &mut Self {
        self.separate();
        field(&mut self.data, value);
        self
    }

    pub(crate) fn int(&mut self, value: i64) -> &mut Self {
        self.separate();
        self.data.extend_from_slice(itoa::Buffer::new().format(value).as_bytes());
        self
    }

    pub(crate) fn optional_int(&mut self, value: Option<i64>) -> &mut Self {
        match value {
            Some(v) => self.int(v),
            None => self.text(None),
        }
    }

    pub(crate) fn bool(&mut self, value: bool) -> &mut Self {
        self.text(Some(if value { "t" } else { "f" }))
    }

    pub(crate) fn end_row(&mut self) {
        self.data.push(b'\n');
        self.in_row = false;
    }

    /// Sends the rows into `table` (a table name, with a column list if needed).
    pub(crate) fn send(self, client: &mut crate::Connection, table: &str) -> StoreResult<()> {
        if self.data.is_empty() {
            return Ok(());
        }
        let what = format!("cannot copy into {table}");
        let mut writer = client.copy_in(&format!("COPY {table} FROM STDIN")).ctx(&what)?;
        writer.write_all(&self.data).map_err(|e| ladder_store::StoreError::backend(what.clone(), e))?;
        writer.finish().ctx(&what).map(drop)
    }
}

/// Writes rows of fields as `COPY` text into `table` (a table name, with a column list if needed).
pub(crate) fn copy_rows(client: &mut crate::Connection, table: &str, rows: &[Vec<Option<String>>]) -> StoreResult<()> {
    let mut text = CopyText { data: Vec::with_capacity(rows.len() * 64), in_row: false };
    for row in rows {
        for v in row {
            text.text(v.as_deref());
        }
        text.end_row();
    }
    text.send(client, table)
}

fn copy(session: &mut PgTx, table: &str, rows: &[Vec<Option<String>>]) -> StoreResult<()> {
    copy_rows(session.staging()?, table, rows)
}

fn text(v: impl ToString) -> Option<String> {
    Some(v.to_string())
}

use ladder_store::schema::CUSTOMER_COLUMNS as COLUMNS;

pub(crate) fn put_customers(
    session: &mut PgTx,
    customers: &[PreparedCustomer],
    evidence: &Evidence,
) -> StoreResult<Vec<WriteOutcome>> {
    let distinct: HashSet<&str> = customers.iter().map(|c| c.customer.external_id.as_str()).collect();
    if customers.len() < 50 || distinct.len() < customers.len() {
        return customers
            .iter()
            .map(|c| session.write_customer(&c.customer, c.row(), evidence, Absent::Keep))
            .collect();
    }
    session.defer_keys("customers", &["customers", "customer_tags", "consents"])?;
    let (mut fresh, mut stored) = (Vec::new(), Vec::new());
    for (i, c) in customers.iter().enumerate() {
        match session.customer_id(&c.customer.external_id)? {
            Some(_) => stored.push(i),
            None => fresh.push(i),
        }
    }
    let mut outcomes = vec![WriteOutcome::Inserted; customers.len()];
    if !fresh.is_empty() {
        put_new_customers(session, evidence, &fresh.iter().map(|&i| &customers[i]).collect::<Vec<_>>())?;
    }
    if !stored.is_empty() {
        let written =
            put_stored_customers(session, evidence, &stored.iter().map(|&i| &customers[i]).collect::<Vec<_>>())?;
        for (i, outcome) in stored.into_iter().zip(written) {
            outcomes[i] = outcome;
        }
    }
    Ok(outcomes)
}

/// Customers not stored yet go straight into the tables with three `COPY`s and sequence-reserved ids.
fn put_new_customers(session: &mut PgTx, evidence: &Evidence, customers: &[&PreparedCustomer]) -> StoreResult<()> {
    let ids = reserve_ids(session, "customers", customers.len(), "cannot import customers")?;
    let (mut rows, mut tags, mut consents) = (CopyText::default(), CopyText::default(), CopyText::default());
    let mut ledger = CopyText::default();
    for (prepared, &id) in customers.iter().zip(&ids) {
        let (c, row) = (&prepared.customer, prepared.row());
        rows.int(id).text(Some(&c.external_id));
        for t in &row.texts {
            rows.text(t.as_deref());
        }
        rows.optional_int(row.created_at).text(row.attributes.as_deref()).end_row();
        let mut sorted: Vec<&str> = c.tags.iter().map(String::as_str).filter(|t| !t.is_empty()).collect();
        sorted.sort_unstable();
        sorted.dedup();
        for tag in sorted {
            tags.int(id).text(Some(tag)).end_row();
        }
        // One answer per channel and purpose: the last one given, as the row-by-row path keeps it; each
        // goes into the ledger too.
        for (n, consent) in c.consents.iter().enumerate() {
            let same =
                |later: &ladder_domain::Consent| later.channel == consent.channel && later.purpose == consent.purpose;
            if !c.consents[n + 1..].iter().any(same) {
                let k = StoredConsent::of(consent, evidence);
                consents.int(id).text(Some(k.channel)).text(Some(k.purpose)).bool(k.granted).int(k.at);
                consents.text(Some(&k.source)).text(Some(k.method)).text(k.basis).text(k.evidence.as_deref());
                consents.end_row();
                ledger.int(id).text(Some(k.channel)).text(Some(k.purpose)).text(Some(k.action())).int(k.at);
                ledger.text(Some(k.method)).text(k.basis).text(Some(&k.source)).text(k.evidence.as_deref());
                ledger.end_row();
            }
        }
    }
    rows.send(session.staging()?, &format!("customers (id, external_id, {COLUMNS})"))?;
    tags.send(session.staging()?, "customer_tags (customer_id, tag)")?;
    consents.send(
        session.staging()?,
        "consents (customer_id, channel, purpose, granted, at, source, method, basis, evidence)",
    )?;
    ledger.send(
        session.staging()?,
        "consent_events (customer_id, channel, purpose, action, at, method, basis, source, evidence)",
    )?;
    for (c, id) in customers.iter().zip(ids) {
        session.remember_customer(&c.customer.external_id, id);
    }
    session.after_batch("customers, customer_tags, consents")
}

/// Ids for `count` new rows of `table`, from its sequence in one round trip.
fn reserve_ids(session: &mut PgTx, table: &str, count: usize, what: &str) -> StoreResult<Vec<i64>> {
    let count = i64::try_from(count).unwrap_or(i64::MAX);
    // The sequence by its number, looked up once: by name, each `nextval` would look it up again.
    let sequence: u32 = session
        .staging()?
        .query_one("SELECT pg_get_serial_sequence($1, 'id')::regclass::oid", &[&table])
        .ctx(what)?
        .get(0);
    // One array, not one result row per id: the rows cost more than the ids.
    let ids = session
        .staging()?
        .query_one(
            "SELECT array_agg(nextval($1::oid::regclass)) FROM generate_series(1, $2::BIGINT)",
            &[&sequence, &count],
        )
        .ctx(what)?
        .get::<_, Option<Vec<i64>>>(0);
    Ok(ids.unwrap_or_default())
}

/// Customers already stored: staged, then upserted with what changed reported per customer.
fn put_stored_customers(
    session: &mut PgTx,
    evidence: &Evidence,
    customers: &[&PreparedCustomer],
) -> StoreResult<Vec<WriteOutcome>> {
    let what = "cannot import customers";
    session.staging()?.batch_execute("TRUNCATE stage_customers, stage_tags, stage_consents").ctx(what)?;
    let mut rows = Vec::with_capacity(customers.len());
    let (mut tags, mut consents) = (Vec::new(), Vec::new());
    for (seq, prepared) in customers.iter().enumerate() {
        let (c, row) = (&prepared.customer, prepared.row());
        let mut fields = vec![text(seq), None, Some(c.external_id.clone())];
        fields.extend(row.texts.iter().cloned());
        fields.push(row.created_at.map(|t| t.to_string()));
        fields.push(row.attributes.clone());
        rows.push(fields);
        let mut sorted: Vec<&str> = c.tags.iter().map(String::as_str).filter(|t| !t.is_empty()).collect();
        sorted.sort_unstable();
        sorted.dedup();
        tags.extend(sorted.into_iter().map(|t| vec![text(seq), text(t)]));
        // One answer per channel and purpose, the last one given, as the row-by-row path keeps it.
        for (n, consent) in c.consents.iter().enumerate() {
            let same =
                |later: &ladder_domain::Consent| later.channel == consent.channel && later.purpose == consent.purpose;
            if c.consents[n + 1..].iter().any(same) {
                continue;
            }
            let k = StoredConsent::of(consent, evidence);
            consents.push(vec![
                text(seq),
                text(k.channel),
                text(k.purpose),
                text(k.granted),
                consent.at.map(|t| t.timestamp().to_string()),
                text(k.at),
                Some(k.source),
                text(k.method),
                k.basis.map(str::to_owned),
                k.evidence,
            ]);
        }
    }
    copy(session, "stage_customers", &rows)?;
    copy(session, "stage_tags", &tags)?;
    copy(session, "stage_consents", &consents)?;
    // Staging tables have no statistics of their own; without them the planner picks scans that grow
    // with the real tables.
    session.staging()?.batch_execute("ANALYZE stage_customers, stage_tags, stage_consents").ctx(what)?;
    // What the file does not give stays as stored: a column left out, an empty cell. Custom attributes
    // are merged by name.
    // Attributes compare as JSON, whatever their spacing.
    let merged =
        "COALESCE(customers.attributes::jsonb, '{}'::jsonb) || COALESCE(excluded.attributes::jsonb, '{}'::jsonb)";
    let kept = |c: &str| {
        if c == "attributes" {
            format!("CASE WHEN excluded.attributes IS NULL THEN customers.attributes ELSE ({merged})::text END")
        } else if c.starts_with("phone_") {
            // The phone's forms go with the phone: a file without one keeps the stored forms.
            format!("CASE WHEN excluded.phone IS NULL THEN customers.{c} ELSE excluded.{c} END")
        } else {
            format!("COALESCE(excluded.{c}, customers.{c})")
        }
    };
    let stored_value = |c: &str| {
        if c == "attributes" { "customers.attributes::jsonb".to_owned() } else { format!("customers.{c}") }
    };
    let new_value = |c: &str| {
        if c == "attributes" {
            format!("CASE WHEN excluded.attributes IS NULL THEN customers.attributes::jsonb ELSE {merged} END")
        } else {
            kept(c)
        }
    };
    let sets = COLUMNS.split(", ").map(|c| format!("{c} = {}", kept(c))).collect::<Vec<_>>().join(", ");
    let old = COLUMNS.split(", ").map(stored_value).collect::<Vec<_>>().join(", ");
    let new = COLUMNS.split(", ").map(new_value).collect::<Vec<_>>().join(", ");
    let client = session.staging()?;
    let written = client
        .query(
            &format!(
                "WITH up AS (
                     INSERT INTO customers (external_id, {COLUMNS}) SELECT external_id, {COLUMNS} FROM stage_customers ORDER BY seq
                     ON CONFLICT (external_id) DO UPDATE SET {sets} WHERE ({old}) IS DISTINCT FROM ({new})
                     RETURNING id, external_id, (xmax = 0) AS inserted
                 )
                 SELECT s.seq, COALESCE(up.id, c.id), up.inserted
                 FROM stage_customers s LEFT JOIN up ON up.external_id = s.external_id
                 LEFT JOIN customers c ON c.external_id = s.external_id"
            ),
            &[],
        )
        .ctx(what)?;
    let mut state: Vec<(i64, Option<bool>)> = vec![(0, None); customers.len()];
    for r in &written {
        state[r.get::<_, i64>(0) as usize] = (r.get(1), r.get(2));
    }
    client
        .batch_execute("UPDATE stage_customers s SET id = c.id FROM customers c WHERE c.external_id = s.external_id")
        .ctx(what)?;
    // Tags: replace the sets that differ, of the customers the file gives tags for.
    let differ: Vec<i64> = client
        .query(
            "WITH new AS (
                 SELECT s.id, array_agg(t.tag ORDER BY t.tag) AS tags
                 FROM stage_customers s JOIN stage_tags t ON t.seq = s.seq GROUP BY s.id
             ),
             old AS (
                 SELECT customer_id AS id, array_agg(tag ORDER BY tag) AS tags FROM customer_tags
                 WHERE customer_id IN (SELECT id FROM stage_customers) GROUP BY customer_id
             )
             SELECT new.id FROM new LEFT JOIN old ON old.id = new.id WHERE new.tags IS DISTINCT FROM COALESCE(old.tags, '{}')",
            &[],
        )
        .ctx(what)?
        .iter()
        .map(|r| r.get(0))
        .collect();
    client.execute("DELETE FROM customer_tags WHERE customer_id = ANY($1)", &[&differ]).ctx(what)?;
    client
        .execute(
            "INSERT INTO customer_tags (customer_id, tag)
             SELECT DISTINCT s.id, t.tag FROM stage_tags t JOIN stage_customers s ON s.seq = t.seq WHERE s.id = ANY($1)",
            &[&differ],
        )
        .ctx(what)?;
    // Consents: new ones, and those whose answer (or given date) changed, with the import as evidence.
    // Each answer written is appended to the ledger in the same statement.
    let consented: HashSet<i64> = session
        .staging()?
        .query(
            "WITH written AS (
                 INSERT INTO consents (customer_id, channel, purpose, granted, at, source, method, basis, evidence)
                 SELECT s.id, k.channel, k.purpose, k.granted, k.written_at, k.source, k.method, k.basis, k.evidence
                 FROM stage_consents k JOIN stage_customers s ON s.seq = k.seq
                 LEFT JOIN consents c ON c.customer_id = s.id AND c.channel = k.channel AND c.purpose = k.purpose
                 WHERE c.customer_id IS NULL OR c.granted <> k.granted OR (k.at IS NOT NULL AND k.at IS DISTINCT FROM c.at)
                 ON CONFLICT (customer_id, channel, purpose) DO UPDATE SET granted = excluded.granted, at = excluded.at,
                    source = excluded.source, method = excluded.method, basis = excluded.basis, evidence = excluded.evidence
                 RETURNING customer_id, channel, purpose, granted, at, source, method, basis, evidence
             ), logged AS (
                 INSERT INTO consent_events (customer_id, channel, purpose, action, at, method, basis, source, evidence)
                 SELECT customer_id, channel, purpose, CASE WHEN granted THEN 'grant' ELSE 'withdraw' END, at, method,
                        basis, source, evidence
                 FROM written
             )
             SELECT customer_id FROM written",
            &[],
        )
        .ctx(what)?
        .iter()
        .map(|r| r.get(0))
        .collect();
    let differ: HashSet<i64> = differ.into_iter().collect();
    session.after_batch("customers, customer_tags, consents")?;
    let outcomes = customers
        .iter()
        .zip(&state)
        .map(|(c, &(id, inserted))| match inserted {
            Some(true) => {
                session.remember_customer(&c.customer.external_id, id);
                WriteOutcome::Inserted
            }
            Some(false) => WriteOutcome::Updated,
            None if differ.contains(&id) || consented.contains(&id) => WriteOutcome::Updated,
            None => WriteOutcome::Unchanged,
        })
        .collect();
    Ok(outcomes)
}

pub(crate) fn put_orders(session: &mut PgTx, orders: &[Order]) -> StoreResult<Vec<Result<Vec<WriteOutcome>, String>>> {
    let distinct: HashSet<&str> = orders.iter().map(|o| o.external_id.as_str()).collect();
    let row_by_row = |session: &mut PgTx| -> StoreResult<Vec<Result<Vec<WriteOutcome>, String>>> {
        orders
            .iter()
            .map(|o| match session.put_order(o) {
                Ok(outcomes) => Ok(Ok(outcomes)),
                Err(ladder_store::StoreError::Conflict(reason)) => Ok(Err(reason)),
                Err(e) => Err(e),
            })
            .collect()
    };
    if orders.len() < 50 || distinct.len() < orders.len() {
        return row_by_row(session);
    }
    let what = "cannot import orders";
    session.defer_keys("orders", &["orders", "order_lines"])?;
    // What the set-based paths cannot take (an unknown customer, a total too large) goes row by row,
    // where each order gets its own answer.
    let mut checked = Vec::with_capacity(orders.len());
    for o in orders {
        match (session.customer_id(&o.customer_external_id)?, o.total_minor()) {
            (Some(customer), Some(total)) => checked.push((customer, total)),
            _ => return row_by_row(session),
        }
    }
    // Orders not stored yet (the whole batch, when a shop is first loaded) go straight into the tables.
    let ids: Vec<&str> = orders.iter().map(|o| o.external_id.as_str()).collect();
    let stored =
        session.staging()?.query_opt("SELECT 1 FROM orders WHERE external_id = ANY($1) LIMIT 1", &[&ids]).ctx(what)?;
    if stored.is_none() {
        return put_new_orders(session, orders, &checked).map(|outcomes| outcomes.into_iter().map(Ok).collect());
    }
    let mut headers = CopyText::default();
    let mut lines = Vec::new();
    for (seq, (o, &(customer, total))) in orders.iter().zip(&checked).enumerate() {
        order_header(&mut headers, seq as i64, o, customer, total);
        for (n, l) in o.lines.iter().enumerate() {
            lines.push(vec![
                text(seq),
                text(n),
                Some(l.sku.clone()),
                l.product_name.clone(),
                l.category.clone(),
                text(l.quantity),
                text(l.unit_price_minor),
                text(o.currency.code()),
            ]);
        }
    }
    session.staging()?.batch_execute("TRUNCATE stage_orders, stage_lines").ctx(what)?;
    headers.send(session.staging()?, "stage_orders")?;
    copy(session, "stage_lines", &lines)?;
    session.staging()?.batch_execute("ANALYZE stage_orders, stage_lines").ctx(what)?;
    let client = session.staging()?;
    let moved = client
        .query_opt(
            "SELECT 1 FROM stage_orders s JOIN orders o ON o.external_id = s.external_id WHERE o.customer_id <> s.customer_id LIMIT 1",
            &[],
        )
        .ctx(what)?;
    if moved.is_some() {
        return row_by_row(session);
    }
    client
        .batch_execute(
            "INSERT INTO products (sku, name, category, price_minor, currency)
             SELECT DISTINCT ON (sku) sku, name, category, unit_price, currency FROM stage_lines ORDER BY sku, seq DESC, line_no DESC
             ON CONFLICT (sku) DO UPDATE SET name = COALESCE(excluded.name, products.name),
                 category = COALESCE(excluded.category, products.category)
             WHERE (excluded.name IS NOT NULL AND excluded.name IS DISTINCT FROM products.name)
                OR (excluded.category IS NOT NULL AND excluded.category IS DISTINCT FROM products.category)",
        )
        .ctx(what)?;
    let header_rows = client
        .query(
            "WITH up AS (
                 INSERT INTO orders (external_id, customer_id, ordered_at, currency, campaign_code, one_off, status, total_minor)
                 SELECT external_id, customer_id, ordered_at, currency, campaign_code, one_off, status, total_minor
                 FROM stage_orders ORDER BY seq
                 ON CONFLICT (external_id) DO UPDATE SET ordered_at = excluded.ordered_at, currency = excluded.currency,
                     campaign_code = excluded.campaign_code, one_off = excluded.one_off, status = excluded.status
                 WHERE (orders.ordered_at, orders.currency, orders.campaign_code, orders.one_off, orders.status)
                     IS DISTINCT FROM (excluded.ordered_at, excluded.currency, excluded.campaign_code, excluded.one_off, excluded.status)
                 RETURNING id, external_id, (xmax = 0) AS inserted
             )
             SELECT s.seq, COALESCE(up.id, o.id), up.inserted
             FROM stage_orders s LEFT JOIN up ON up.external_id = s.external_id LEFT JOIN orders o ON o.external_id = s.external_id",
            &[],
        )
        .ctx(what)?;
    // How many lines each order had before: a position beyond them is a new line.
    let stored_lines = client
        .query(
            "SELECT s.seq, COUNT(l.order_id) FROM stage_orders s JOIN orders o ON o.external_id = s.external_id
             LEFT JOIN order_lines l ON l.order_id = o.id GROUP BY s.seq",
            &[],
        )
        .ctx(what)?;
    let mut before = vec![0usize; orders.len()];
    for r in &stored_lines {
        before[r.get::<_, i64>(0) as usize] = r.get::<_, i64>(1) as usize;
    }
    let mut header: Vec<(i64, Option<bool>)> = vec![(0, None); orders.len()];
    for r in &header_rows {
        header[r.get::<_, i64>(0) as usize] = (r.get(1), r.get(2));
    }
    // Each order sent again replaces the stored one: its lines position by position, none beyond.
    let changed_rows = client
        .query(
            "WITH l AS (
                 SELECT o.id AS order_id, l.line_no::INTEGER AS line_no, p.id AS product_id, l.quantity, l.unit_price
                 FROM stage_lines l JOIN stage_orders s ON s.seq = l.seq JOIN orders o ON o.external_id = s.external_id
                 JOIN products p ON p.sku = l.sku
             ),
             up AS (
                 INSERT INTO order_lines (order_id, line_no, product_id, quantity, unit_price_minor)
                 SELECT order_id, line_no, product_id, quantity, unit_price FROM l
                 ON CONFLICT (order_id, line_no) DO UPDATE SET product_id = excluded.product_id,
                     quantity = excluded.quantity, unit_price_minor = excluded.unit_price_minor
                 WHERE (order_lines.product_id, order_lines.quantity, order_lines.unit_price_minor)
                     IS DISTINCT FROM (excluded.product_id, excluded.quantity, excluded.unit_price_minor)
                 RETURNING order_id
             ),
             gone AS (
                 DELETE FROM order_lines ol USING (
                     SELECT o.id AS order_id, COUNT(*) AS lines FROM stage_lines l JOIN stage_orders s ON s.seq = l.seq
                     JOIN orders o ON o.external_id = s.external_id GROUP BY o.id
                 ) n
                 WHERE ol.order_id = n.order_id AND ol.line_no >= n.lines
                 RETURNING ol.order_id
             )
             SELECT DISTINCT order_id FROM up UNION SELECT DISTINCT order_id FROM gone",
            &[],
        )
        .ctx(what)?;
    let lines_changed: HashSet<i64> = changed_rows.iter().map(|r| r.get(0)).collect();
    // Orders that existed and whose lines changed get their totals from all their lines.
    let retotal: Vec<i64> = (0..orders.len())
        .filter(|&i| header[i].1 != Some(true))
        .map(|i| header[i].0)
        .filter(|id| lines_changed.contains(id))
        .collect();
    if !retotal.is_empty() {
        session
            .staging()?
            .execute(
                "UPDATE orders SET total_minor = t.total FROM (
                     SELECT order_id, COALESCE(SUM(quantity * unit_price_minor), 0)::BIGINT AS total FROM order_lines
                     WHERE order_id = ANY($1) GROUP BY order_id) t
                 WHERE orders.id = t.order_id",
                &[&retotal],
            )
            .ctx(what)?;
    }
    session.forget_products();
    session.after_batch("orders, order_lines, products")?;
    Ok((0..orders.len())
        .map(|i| {
            let changed = header[i].1 == Some(false) || lines_changed.contains(&header[i].0);
            Ok(ladder_store::order_line_outcomes(before[i], orders[i].lines.len(), changed))
        })
        .collect())
}

pub(crate) fn put_interactions(
    session: &mut PgTx,
    interactions: &[ladder_domain::Interaction],
) -> StoreResult<Vec<WriteOutcome>> {
    if interactions.len() < 50 {
        return interactions.iter().map(|i| session.put_interaction(i)).collect();
    }
    let what = "cannot import interactions";
    session.defer_keys("interactions", &["interactions"])?;
    let mut rows = Vec::with_capacity(interactions.len());
    let mut keys = Vec::with_capacity(interactions.len());
    for (seq, i) in interactions.iter().enumerate() {
        let Some(customer) = session.customer_id(&i.customer_external_id)? else {
            return interactions.iter().map(|i| session.put_interaction(i)).collect();
        };
        let note = i.note.clone().unwrap_or_default();
        keys.push((customer, i.at.timestamp(), i.kind.as_str().to_owned(), note.clone()));
        rows.push(vec![
            text(seq),
            text(customer),
            text(i.at.timestamp()),
            text(i.kind.as_str()),
            Some(note),
            i.campaign_code.clone(),
        ]);
    }
    session.staging()?.batch_execute("TRUNCATE stage_interactions").ctx(what)?;
    copy(session, "stage_interactions", &rows)?;
    session.staging()?.batch_execute("ANALYZE stage_interactions").ctx(what)?;
    let inserted = session
        .staging()?
        .query(
            "INSERT INTO interactions (customer_id, at, kind, note, campaign_code)
             SELECT customer_id, at, kind, note, campaign_code FROM stage_interactions ORDER BY seq
             ON CONFLICT DO NOTHING RETURNING customer_id, at, kind, note",
            &[],
        )
        .ctx(what)?;
    let mut fresh: HashSet<(i64, i64, String, String)> =
        inserted.iter().map(|r| (r.get(0), r.get(1), r.get(2), r.get(3))).collect();
    session.after_batch("interactions")?;
    // The first of identical rows is the one inserted; the others found it there.
    Ok(keys
        .into_iter()
        .map(|k| if fresh.remove(&k) { WriteOutcome::Inserted } else { WriteOutcome::Unchanged })
        .collect())
}

/// An order's header as `COPY` text, after its first column (a staging sequence number or the row id).
fn order_header(out: &mut CopyText, first: i64, o: &Order, customer: i64, total: i64) {
    out.int(first).text(Some(&o.external_id)).int(customer).int(o.ordered_at.timestamp());
    out.text(Some(o.currency.code())).text(o.campaign_code.as_deref()).bool(o.one_off);
    out.text(Some(o.status.as_str())).int(total).end_row();
}

/// Writes orders that are not stored yet with two `COPY`s into the final tables: ids come from the
/// sequence in one round trip, products from the session's map (created or renamed as the rows say).
fn put_new_orders(session: &mut PgTx, orders: &[Order], checked: &[(i64, i64)]) -> StoreResult<Vec<Vec<WriteOutcome>>> {
    let ids = reserve_ids(session, "orders", orders.len(), "cannot import orders")?;
    let (mut headers, mut lines) = (CopyText::default(), CopyText::default());
    for ((o, &(customer, total)), &id) in orders.iter().zip(checked).zip(&ids) {
        order_header(&mut headers, id, o, customer, total);
        for (n, l) in o.lines.iter().enumerate() {
            let product = session.line_product(l, o.currency.code())?;
            lines.int(id).int(n as i64).int(product).int(l.quantity).int(l.unit_price_minor).end_row();
        }
    }
    headers.send(
        session.staging()?,
        "orders (id, external_id, customer_id, ordered_at, currency, campaign_code, one_off, status, total_minor)",
    )?;
    lines.send(session.staging()?, "order_lines (order_id, line_no, product_id, quantity, unit_price_minor)")?;
    session.after_batch("orders, order_lines, products")?;
    Ok(orders.iter().map(|o| vec![WriteOutcome::Inserted; o.lines.len()]).collect())
}
