//! Customers: one in full, lists through the shared filter, and the writes of imports, forms and the API
//! inside a unit of work, with statements prepared once per unit of work.

use crate::tx::{PgTx, Product};
use crate::{Connection, Context, Postgres, PostgresStore, sql_params};
use chrono::{DateTime, NaiveDate, Utc};
use ladder_domain::consent::{ConsentMethod, LegalBasis};
use ladder_domain::date::date_of_day;
use ladder_domain::{
    Birthday, Channel, Consent, Customer, CustomerKind, CustomerState, Interaction, InteractionKind, LifecycleStage,
    Order, OrderLine, OrderStatus, Reason, RfmScore, RfmSegment, Rung,
};
use ladder_store::filter::SqlValue;
use ladder_store::{
    Absent, Change, ChangeKind, CustomerDetail, CustomerId, CustomerQuery, CustomerSort, CustomerStore,
    CustomerSummary, CustomerTx, CustomerValue, Evidence, OrderLineView, OrderView, PreparedCustomer, REFERRALS_SHOWN,
    ScoreRecord, StoreError, StoreResult, StoredConsent, TableCounts, WriteOutcome, read_consent_event,
};
use postgres::Row;
use postgres::types::ToSql;

impl CustomerStore for PostgresStore {
    fn counts(&self) -> StoreResult<TableCounts> {
        self.read(counts)
    }

    fn customer(&self, external_id: &str) -> StoreResult<Option<CustomerDetail>> {
        self.read(|c| customer(c, external_id))
    }

    fn list_customers(&self, query: &CustomerQuery) -> StoreResult<Vec<CustomerSummary>> {
        self.read(|c| list_customers(c, query))
    }

    fn each_customer(
        &self,
        query: &CustomerQuery,
        each: &mut dyn FnMut(CustomerSummary) -> StoreResult<bool>,
    ) -> StoreResult<u64> {
        self.read(|c| each_customer(c, query, false, each))
    }

    fn names_of(&self, ids: &[String]) -> StoreResult<std::collections::HashMap<String, String>> {
        self.read(|c| {
            let rows = c
                .query(
                    "SELECT external_id, first_name, last_name, company FROM customers WHERE external_id = ANY($1)",
                    &[&ids],
                )
                .ctx("cannot read customers' names")?;
            Ok(rows.iter().map(id_and_name).collect())
        })
    }

    fn customers_with_phone(&self, e164: &str) -> StoreResult<Vec<String>> {
        self.read(|c| {
            let rows = c
                .query("SELECT external_id FROM customers WHERE phone_e164 = $1 ORDER BY id", &[&e164])
                .ctx("cannot find customers by phone")?;
            Ok(rows.iter().map(|r| r.get(0)).collect())
        })
    }

    fn count_customers(&self, query: &CustomerQuery, cap: u64) -> StoreResult<u64> {
        self.read(|c| count_customers(c, query, cap))
    }
}

fn unsigned(v: i64) -> u64 {
    u64::try_from(v).unwrap_or(0)
}

pub(crate) fn counts(client: &mut Connection) -> StoreResult<TableCounts> {
    let row = client
        .query_one(
            "SELECT (SELECT COUNT(*) FROM customers), (SELECT COUNT(*) FROM products), (SELECT COUNT(*) FROM orders),
                    (SELECT COUNT(*) FROM order_lines), (SELECT COUNT(*) FROM interactions),
                    (SELECT COUNT(*) FROM customer_scores), (SELECT COUNT(*) FROM ladder_history)",
            &[],
        )
        .ctx("cannot count rows")?;
    let c = |i: usize| unsigned(row.get(i));
    Ok(TableCounts {
        customers: c(0),
        products: c(1),
        orders: c(2),
        order_lines: c(3),
        interactions: c(4),
        scores: c(5),
        history: c(6),
    })
}

fn timestamp(t: Option<i64>) -> Option<DateTime<Utc>> {
    t.and_then(|t| DateTime::from_timestamp(t, 0))
}

fn day(d: Option<i64>) -> Option<NaiveDate> {
    d.map(date_of_day)
}

fn parse_or_corrupt<T>(value: &str, parse: impl Fn(&str) -> Option<T>, what: &str) -> StoreResult<T> {
    parse(value).ok_or_else(|| StoreError::Conflict(format!("the database holds an unknown {what} {value:?}")))
}

const SCORE_COLUMNS: &str = "s.as_of, s.rung, s.rung_reason, s.state, s.state_reason, s.lifecycle_stage, s.recency_days, \
     s.orders, s.first_order, s.second_order, s.third_order, s.last_order, s.spend_minor, s.rfm_r, s.rfm_f, s.rfm_m, \
     s.rfm_segment, s.fourth_order, s.has_value, s.p_alive, s.expected_purchases_90d, s.expected_purchases_365d, \
     s.expected_next_order, s.expected_spend_minor, s.clv_minor, s.event_buyer";

fn score_from(r: &Row, at: usize, customer: CustomerId) -> StoreResult<Option<ScoreRecord>> {
    let Some(as_of) = r.get::<_, Option<i64>>(at) else { return Ok(None) };
    let text = |i: usize| r.get::<_, Option<String>>(at + i);
    let small = |i: usize| r.get::<_, Option<i16>>(at + i).and_then(|v| u8::try_from(v).ok());
    let rfm = match (small(13), small(14), small(15)) {
        (Some(r), Some(f), Some(m)) => Some(RfmScore { r, f, m }),
        _ => None,
    };
    Ok(Some(ScoreRecord {
        customer,
        as_of: date_of_day(as_of),
        rung: parse_or_corrupt(&text(1).unwrap_or_default(), Rung::parse, "rung")?,
        rung_reason: Reason::from_stored(&text(2).unwrap_or_default()),
        state: text(3).as_deref().and_then(CustomerState::parse),
        state_reason: text(4).as_deref().map(Reason::from_stored),
        lifecycle_stage: parse_or_corrupt(&text(5).unwrap_or_default(), LifecycleStage::parse, "lifecycle stage")?,
        recency_days: r.get(at + 6),
        orders: u32::try_from(r.get::<_, i64>(at + 7)).unwrap_or(u32::MAX),
        first_order: day(r.get(at + 8)),
        second_order: day(r.get(at + 9)),
        third_order: day(r.get(at + 10)),
        last_order: day(r.get(at + 11)),
        spend_minor: r.get(at + 12),
        rfm,
        rfm_segment: text(16).as_deref().and_then(RfmSegment::parse),
        fourth_order: day(r.get(at + 17)),
        value: r.get::<_, bool>(at + 18).then(|| CustomerValue {
            p_alive: r.get(at + 19),
            expected_purchases_90d: r.get::<_, Option<f64>>(at + 20).unwrap_or_default(),
            expected_purchases_365d: r.get::<_, Option<f64>>(at + 21).unwrap_or_default(),
            expected_next_order: day(r.get(at + 22)),
            expected_spend_minor: r.get(at + 23),
            clv_minor: r.get(at + 24),
        }),
        event_buyer: r.get(at + 25),
    }))
}

pub(crate) fn customer(client: &mut Connection, external_id: &str) -> StoreResult<Option<CustomerDetail>> {
    let what = "cannot read a customer";
    let sql = format!(
        "SELECT c.id, c.external_id, c.kind, c.first_name, c.last_name, c.company, c.industry, c.email, c.phone,
                c.address, c.city, c.region, c.country, c.birthday, c.profession, c.income_band,
                c.preferred_language, c.preferred_channel, c.referred_by, c.created_at, c.attributes, {SCORE_COLUMNS}
         FROM customers c LEFT JOIN customer_scores s ON s.customer_id = c.id WHERE c.external_id = $1"
    );
    let Some(r) = client.query_opt(&sql, &[&external_id]).ctx(what)? else { return Ok(None) };
    let t = |i: usize| r.get::<_, Option<String>>(i);
    let id = CustomerId(r.get(0));
    let mut profile = Customer {
        external_id: r.get(1),
        kind: t(2).as_deref().and_then(CustomerKind::parse),
        first_name: t(3),
        last_name: t(4),
        company: t(5),
        industry: t(6),
        email: t(7),
        phone: t(8),
        address: t(9),
        city: t(10),
        region: t(11),
        country: t(12),
        birthday: t(13).as_deref().and_then(|b| Birthday::parse(b).ok()),
        profession: t(14),
        income_band: t(15),
        preferred_language: t(16),
        preferred_channel: t(17).as_deref().and_then(Channel::parse),
        referred_by: t(18),
        created_at: timestamp(r.get(19)),
        attributes: t(20).and_then(|j| serde_json::from_str(&j).ok()).unwrap_or_default(),
        consents: Vec::new(),
        tags: Vec::new(),
    };
    let score = score_from(&r, 21, id)?;
    profile.tags = client
        .query("SELECT tag FROM customer_tags WHERE customer_id = $1 ORDER BY tag", &[&id.0])
        .ctx(what)?
        .iter()
        .map(|r| r.get(0))
        .collect();
    profile.consents = client
        .query(
            "SELECT channel, granted, at, source, method, basis, evidence FROM consents
             WHERE customer_id = $1 AND purpose = 'marketing'",
            &[&id.0],
        )
        .ctx(what)?
        .iter()
        .filter_map(|r| {
            Some(Consent {
                channel: Channel::parse(&r.get::<_, String>(0))?,
                granted: r.get(1),
                at: timestamp(r.get(2)),
                source: r.get(3),
                method: r.get::<_, Option<String>>(4).as_deref().and_then(ConsentMethod::parse),
                basis: r.get::<_, Option<String>>(5).as_deref().and_then(LegalBasis::parse),
                evidence: r.get(6),
                ..Consent::PLAIN
            })
        })
        .collect();
    let consent_ledger = client
        .query(
            "SELECT channel, purpose, action, at, method, basis, source, evidence FROM consent_events
             WHERE customer_id = $1 ORDER BY id",
            &[&id.0],
        )
        .ctx(what)?
        .iter()
        .filter_map(|r| {
            read_consent_event(r.get(0), r.get(1), r.get(2), r.get(3), r.get(4), r.get(5), r.get(6), r.get(7))
        })
        .collect();
    profile.consents.sort_by_key(|c| c.channel);
    let orders = orders_of(client, id)?;
    let interactions = client
        .query(
            "SELECT at, kind, note, campaign_code FROM interactions WHERE customer_id = $1 ORDER BY at DESC, id DESC",
            &[&id.0],
        )
        .ctx(what)?
        .iter()
        .map(|r| {
            let note: String = r.get(2);
            Ok(Interaction {
                customer_external_id: profile.external_id.clone(),
                at: timestamp(r.get(0)).unwrap_or_default(),
                kind: parse_or_corrupt(&r.get::<_, String>(1), InteractionKind::parse, "interaction kind")?,
                note: (!note.is_empty()).then_some(note),
                campaign_code: r.get(3),
            })
        })
        .collect::<StoreResult<Vec<_>>>()?;
    let history = client
        .query(
            "SELECT kind, from_value, to_value, at, reason FROM ladder_history WHERE customer_id = $1 ORDER BY id",
            &[&id.0],
        )
        .ctx(what)?
        .iter()
        .map(|r| Change {
            kind: if r.get::<_, String>(0) == "rung" { ChangeKind::Rung } else { ChangeKind::State },
            from: r.get(1),
            to: r.get(2),
            at: date_of_day(r.get(3)),
            reason: Reason::from_stored(&r.get::<_, String>(4)),
        })
        .collect();
    let referrals = client
        .query(
            "SELECT external_id, first_name, last_name, company FROM customers WHERE referred_by = $1 ORDER BY id LIMIT $2",
            &[&profile.external_id, &i64::from(REFERRALS_SHOWN)],
        )
        .ctx(what)?
        .iter()
        .map(id_and_name)
        .collect();
    Ok(Some(CustomerDetail { id, profile, score, orders, interactions, referrals, history, consent_ledger }))
}

fn orders_of(client: &mut Connection, id: CustomerId) -> StoreResult<Vec<OrderView>> {
    let what = "cannot read orders";
    let rows = client
        .query(
            "SELECT o.id, o.external_id, o.ordered_at, o.status, o.currency, o.total_minor, o.one_off, o.campaign_code,
                    p.sku, p.name, p.category, l.quantity, l.unit_price_minor
             FROM orders o LEFT JOIN order_lines l ON l.order_id = o.id LEFT JOIN products p ON p.id = l.product_id
             WHERE o.customer_id = $1 ORDER BY o.ordered_at DESC, o.id DESC, l.line_no",
            &[&id.0],
        )
        .ctx(what)?;
    let mut orders: Vec<OrderView> = Vec::new();
    let mut last_id = None;
    for r in &rows {
        let order_id: i64 = r.get(0);
        if last_id != Some(order_id) {
            last_id = Some(order_id);
            orders.push(OrderView {
                order_id: r.get(1),
                ordered_at: timestamp(r.get(2)).unwrap_or_default(),
                status: parse_or_corrupt(&r.get::<_, String>(3), OrderStatus::parse, "order status")?,
                currency: r.get(4),
                total_minor: r.get(5),
                one_off: r.get(6),
                campaign_code: r.get(7),
                lines: Vec::new(),
            });
        }
        if let Some(sku) = r.get::<_, Option<String>>(8)
            && let Some(order) = orders.last_mut()
        {
            order.lines.push(OrderLineView {
                sku,
                product_name: r.get(9),
                category: r.get(10),
                quantity: r.get(11),
                unit_price_minor: r.get(12),
            });
        }
    }
    Ok(orders)
}

/// A customer's id and display name from the first four columns: external id, first and last name,
/// company.
fn id_and_name(r: &postgres::Row) -> (String, String) {
    let id: String = r.get(0);
    let name = ladder_domain::customer::display_name(&id, r.get(1), r.get(2), r.get(3));
    (id, name)
}

pub(crate) fn list_customers(client: &mut Connection, q: &CustomerQuery) -> StoreResult<Vec<CustomerSummary>> {
    let mut page = Vec::with_capacity(q.limit as usize);
    each_customer(client, q, true, &mut |c| {
        page.push(c);
        Ok(true)
    })?;
    Ok(page)
}

/// The customers of a query in its order, a page of them when `paged`, handed to `each` as the server
/// sends them (a row stream, not a result held whole).
pub(crate) fn each_customer(
    client: &mut Connection,
    q: &CustomerQuery,
    paged: bool,
    each: &mut dyn FnMut(CustomerSummary) -> StoreResult<bool>,
) -> StoreResult<u64> {
    let mut filter = ladder_store::filter::customer_filter(q, &Postgres);
    // As in the SQLite backend: "by id" is the order customers were added in, which indexes serve.
    let order = match q.sort {
        CustomerSort::Id => "c.id",
        CustomerSort::Name => "COALESCE(c.last_name, c.company, c.external_id), c.first_name, c.id",
        CustomerSort::Spend => "COALESCE(s.spend_minor, 0) DESC, c.id",
        CustomerSort::LastOrder => "s.last_order DESC NULLS LAST, c.id DESC",
        CustomerSort::Orders => "COALESCE(s.orders, 0) DESC, c.id",
        CustomerSort::Clv => "s.clv_minor DESC NULLS LAST, c.id",
        CustomerSort::PAlive => "s.p_alive DESC NULLS LAST, c.id",
        CustomerSort::State => {
            "CASE s.state WHEN 'at_risk' THEN 0 WHEN 'lapsed' THEN 1 WHEN 'lost' THEN 2 WHEN 'active' THEN 3 ELSE 4 END, COALESCE(s.spend_minor, 0) DESC, c.id"
        }
    };
    let page = if paged {
        let limit = filter.bind(&Postgres, SqlValue::Int(i64::from(q.limit)));
        let offset = filter.bind(&Postgres, SqlValue::Int(i64::from(q.offset)));
        format!("LIMIT {limit} OFFSET {offset}")
    } else {
        String::new()
    };
    let clause = &filter.clause;
    // Byte order, as SQLite sorts: the same list on both backends whatever the database's collation.
    let sql = format!(
        "SELECT c.external_id, c.first_name, c.last_name, c.company, c.email, c.phone, c.country,
                s.rung, s.state, s.rfm_segment, COALESCE(s.orders, 0), COALESCE(s.spend_minor, 0), s.last_order,
                s.lifecycle_stage, s.clv_minor, s.p_alive
         FROM customers c LEFT JOIN customer_scores s ON s.customer_id = c.id
         {clause} ORDER BY {} {page}",
        order.replace("c.external_id", "c.external_id COLLATE \"C\"")
    );
    let params = sql_params(&filter.args);
    if paged {
        return stream_summaries(client.raw(), &sql, &params, each);
    }
    // A long export is not one slow statement: no timeout for it.
    let mut tx = client.transaction().ctx("cannot list customers")?;
    tx.batch_execute("SET LOCAL statement_timeout = 0").ctx("cannot list customers")?;
    let handed = stream_summaries(&mut tx, &sql, &params, each)?;
    tx.commit().ctx("cannot list customers")?;
    Ok(handed)
}

/// Runs the customer list's query and hands each row to `each` as it arrives.
fn stream_summaries(
    client: &mut impl postgres::GenericClient,
    sql: &str,
    params: &[&(dyn postgres::types::ToSql + Sync)],
    each: &mut dyn FnMut(CustomerSummary) -> StoreResult<bool>,
) -> StoreResult<u64> {
    use postgres::fallible_iterator::FallibleIterator;
    let what = "cannot list customers";
    let mut rows = client.query_raw(sql, params.iter().copied()).ctx(what)?;
    let mut handed = 0;
    while let Some(r) = rows.next().ctx(what)? {
        let t = |i: usize| r.get::<_, Option<String>>(i);
        let (first_name, last_name, company) = (t(1), t(2), t(3));
        let name = ladder_domain::customer::display_name(
            r.get(0),
            first_name.as_deref(),
            last_name.as_deref(),
            company.as_deref(),
        );
        let summary = CustomerSummary {
            customer_id: r.get(0),
            name,
            first_name,
            last_name,
            company,
            email: t(4),
            phone: t(5),
            country: t(6),
            rung: t(7).as_deref().and_then(Rung::parse),
            state: t(8).as_deref().and_then(CustomerState::parse),
            rfm_segment: t(9).as_deref().and_then(RfmSegment::parse),
            orders: u32::try_from(r.get::<_, i64>(10)).unwrap_or(u32::MAX),
            spend_minor: r.get(11),
            last_order: day(r.get(12)),
            lifecycle_stage: t(13).as_deref().and_then(LifecycleStage::parse),
            clv_minor: r.get(14),
            p_alive: r.get(15),
        };
        handed += 1;
        if !each(summary)? {
            break;
        }
    }
    Ok(handed)
}

pub(crate) fn count_customers(client: &mut Connection, q: &CustomerQuery, cap: u64) -> StoreResult<u64> {
    let mut filter = ladder_store::filter::customer_filter(q, &Postgres);
    let cap = filter.bind(&Postgres, SqlValue::Int(i64::try_from(cap).unwrap_or(i64::MAX)));
    let clause = &filter.clause;
    // The inner LIMIT stops the scan at `cap` matches.
    let sql = format!(
        "SELECT COUNT(*) FROM (SELECT 1 FROM customers c LEFT JOIN customer_scores s ON s.customer_id = c.id
                               {clause} LIMIT {cap}) AS matches"
    );
    let row = client.query_one(&sql, &sql_params(&filter.args)).ctx("cannot count customers")?;
    Ok(unsigned(row.get(0)))
}

use ladder_store::schema::CUSTOMER_COLUMNS;

/// A customer as the columns of its row (after `external_id`), shared with the other backends.
pub(crate) use ladder_store::schema::CustomerColumns as CustomerRow;

/// Reading and binding the shared customer columns with the postgres driver.
trait PgColumns: Sized {
    fn read(r: &postgres::Row) -> Self;
    fn params(&self) -> Vec<&(dyn ToSql + Sync)>;
}

impl PgColumns for CustomerRow {
    fn read(r: &postgres::Row) -> Self {
        // Attributes merged by an import were written by PostgreSQL's JSON, which spaces its text:
        // read back in the one compact form, a row compares by what it holds.
        let attributes = r
            .get::<_, Option<String>>(20)
            .map(|text| serde_json::from_str::<serde_json::Value>(&text).map_or(text, |v| v.to_string()));
        Self { texts: std::array::from_fn(|i| r.get(i)), created_at: r.get(19), attributes }
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

impl PgTx {
    pub(crate) fn line_product(&mut self, line: &OrderLine, currency: &str) -> StoreResult<i64> {
        self.load_product(&line.sku)?;
        let (name, category) = (line.product_name.as_deref(), line.category.as_deref());
        let differs = |old: &Option<String>, new: Option<&str>| new.is_some_and(|n| old.as_deref() != Some(n));
        let known = self.products.get(&line.sku);
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
                if let Some(p) = self.products.get_mut(&line.sku) {
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
        self.products.insert(line.sku.clone(), product);
        Ok(id)
    }

    fn put_tags_and_consents(
        &mut self,
        id: i64,
        customer: &Customer,
        may_exist: bool,
        keep_tags: bool,
        evidence: &Evidence,
    ) -> StoreResult<bool> {
        let mut changed = false;
        let mut tags: Vec<&str> = customer.tags.iter().map(String::as_str).filter(|t| !t.is_empty()).collect();
        tags.sort_unstable();
        tags.dedup();
        let mut write_tags = !may_exist;
        if may_exist && !keep_tags {
            let old: Vec<String> = self
                .query("SELECT tag FROM customer_tags WHERE customer_id = $1 ORDER BY tag", &[&id], "cannot read tags")?
                .iter()
                .map(|r| r.get(0))
                .collect();
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
            changed |= self.put_consent(id, consent, may_exist, evidence)?;
        }
        Ok(changed)
    }

    /// Writes a consent when it is new or its answer changed, and appends it to the ledger.
    fn put_consent(&mut self, id: i64, consent: &Consent, may_exist: bool, evidence: &Evidence) -> StoreResult<bool> {
        let (channel, purpose) = (consent.channel.as_str(), consent.purpose.as_str());
        let old: Option<(bool, Option<i64>)> = if may_exist {
            self.query_opt(
                "SELECT granted, at FROM consents WHERE customer_id = $1 AND channel = $2 AND purpose = $3",
                &[&id, &channel, &purpose],
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
        let k = StoredConsent::of(consent, evidence);
        self.execute(
            "WITH current AS (
                INSERT INTO consents (customer_id, channel, purpose, granted, at, source, method, basis, evidence)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
                ON CONFLICT (customer_id, channel, purpose) DO UPDATE SET granted = excluded.granted, at = excluded.at,
                   source = excluded.source, method = excluded.method, basis = excluded.basis, evidence = excluded.evidence)
             INSERT INTO consent_events (customer_id, channel, purpose, action, at, method, basis, source, evidence)
             VALUES ($1, $2, $3, $10, $5, $7, $8, $6, $9)",
            &[&id, &k.channel, &k.purpose, &k.granted, &k.at, &k.source, &k.method, &k.basis, &k.evidence, &k.action()],
            "cannot write a consent",
        )?;
        Ok(true)
    }
}

impl PgTx {
    /// Writes a customer whose stored row is `row` (its phone's forms read, perhaps on another thread).
    pub(crate) fn write_customer(
        &mut self,
        customer: &Customer,
        row: CustomerRow,
        evidence: &Evidence,
        absent: Absent,
    ) -> StoreResult<WriteOutcome> {
        let mut p: Vec<&(dyn ToSql + Sync)> = vec![&customer.external_id];
        p.extend(row.params());
        let insert = format!(
            "INSERT INTO customers (external_id, {CUSTOMER_COLUMNS}) VALUES ({}) ON CONFLICT (external_id) DO NOTHING RETURNING id",
            placeholders(1, 22)
        );
        if let Some(r) = self.query_opt(&insert, &p, "cannot insert a customer")? {
            let id: i64 = r.get(0);
            self.put_tags_and_consents(id, customer, false, false, evidence)?;
            self.remember_customer(&customer.external_id, id);
            return Ok(WriteOutcome::Inserted);
        }
        let select = format!("SELECT {CUSTOMER_COLUMNS}, id FROM customers WHERE external_id = $1");
        let found = self
            .query_opt(&select, &[&customer.external_id], "cannot read a customer")?
            .ok_or_else(|| StoreError::NotFound(format!("customer {}", customer.external_id)))?;
        let (old, id): (CustomerRow, i64) = (CustomerRow::read(&found), found.get(21));
        let row = if absent == Absent::Keep { row.over(&old) } else { row };
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
        let keep_tags = absent == Absent::Keep && customer.tags.is_empty();
        changed |= self.put_tags_and_consents(id, customer, true, keep_tags, evidence)?;
        Ok(if changed { WriteOutcome::Updated } else { WriteOutcome::Unchanged })
    }
}

impl CustomerTx for PgTx {
    fn customer_known(&mut self, external_id: &str) -> StoreResult<bool> {
        Ok(self.customer_id(external_id)?.is_some())
    }

    fn customer(&mut self, external_id: &str) -> StoreResult<Option<CustomerDetail>> {
        customer(&mut self.client, external_id)
    }

    fn put_customer(&mut self, customer: &Customer, evidence: &Evidence, absent: Absent) -> StoreResult<WriteOutcome> {
        self.write_customer(customer, CustomerRow::of(customer), evidence, absent)
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
            for (n, line) in order.lines.iter().enumerate() {
                let product = self.line_product(line, currency)?;
                self.execute(
                    "INSERT INTO order_lines (order_id, line_no, product_id, quantity, unit_price_minor) VALUES ($1, $2, $3, $4, $5)",
                    &[&order_id, &(n as i32), &product, &line.quantity, &line.unit_price_minor],
                    "cannot insert an order line",
                )?;
            }
            return Ok(vec![WriteOutcome::Inserted; order.lines.len()]);
        }
        // Another unit of work may be writing the same order: the row lock makes them take turns, and
        // each replaces the order as a whole.
        let existing = self
            .query_opt(
                "SELECT id, customer_id, ordered_at, currency, campaign_code, one_off, status FROM orders WHERE external_id = $1
                 FOR UPDATE",
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
        // The order sent again replaces the stored one: its lines, position by position, and none beyond.
        let old: Vec<(i64, i64, i64)> = self
            .query(
                "SELECT product_id, quantity, unit_price_minor FROM order_lines WHERE order_id = $1 ORDER BY line_no",
                &[&order_id],
                "cannot read an order's lines",
            )?
            .iter()
            .map(|r| (r.get(0), r.get(1), r.get(2)))
            .collect();
        let mut lines_changed = false;
        for (n, line) in order.lines.iter().enumerate() {
            let new = (self.line_product(line, currency)?, line.quantity, line.unit_price_minor);
            if old.get(n) == Some(&new) {
                continue;
            }
            self.execute(
                "INSERT INTO order_lines (order_id, line_no, product_id, quantity, unit_price_minor) VALUES ($1, $2, $3, $4, $5)
                 ON CONFLICT (order_id, line_no) DO UPDATE SET product_id = excluded.product_id,
                     quantity = excluded.quantity, unit_price_minor = excluded.unit_price_minor",
                &[&order_id, &(n as i32), &new.0, &new.1, &new.2],
                "cannot write an order line",
            )?;
            lines_changed = true;
        }
        if old.len() > order.lines.len() {
            self.execute(
                "DELETE FROM order_lines WHERE order_id = $1 AND line_no >= $2",
                &[&order_id, &(order.lines.len() as i32)],
                "cannot delete an order's former lines",
            )?;
            lines_changed = true;
        }
        if lines_changed {
            self.execute(
                "UPDATE orders SET total_minor = $2 WHERE id = $1",
                &[&order_id, &total],
                "cannot update an order total",
            )?;
        }
        Ok(ladder_store::order_line_outcomes(old.len(), order.lines.len(), header_changed || lines_changed))
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

    fn put_customers(&mut self, customers: &[PreparedCustomer], evidence: &Evidence) -> StoreResult<Vec<WriteOutcome>> {
        crate::imports::put_customers(self, customers, evidence)
    }

    fn put_interactions(&mut self, interactions: &[Interaction]) -> StoreResult<Vec<WriteOutcome>> {
        crate::imports::put_interactions(self, interactions)
    }

    fn put_orders(&mut self, orders: &[Order]) -> StoreResult<Vec<Result<Vec<WriteOutcome>, String>>> {
        crate::imports::put_orders(self, orders)
    }

    fn clear_customers(&mut self) -> StoreResult<()> {
        self.client
            .batch_execute(
                "TRUNCATE ladder_history, customer_scores, interactions, order_lines, orders, products, consents, consent_events,
                          message_clicks, outbox, tasks, playbook_steps, playbook_runs, customer_tags, club_draws, club_ledger,
                          club_tier_moves, club_perk_grants, club_cards, club_members, customers",
            )
            .ctx("cannot clear the customers")?;
        self.customers.clear();
        self.forget_products();
        self.customers_loaded = false;
        Ok(())
    }
}
