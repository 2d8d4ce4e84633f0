//! Campaigns, their codes and costs, and the order histories of the customers their codes reached.

use crate::tx::SqliteTx;
use crate::{Context, SqliteStore};
use chrono::NaiveDate;
use ladder_domain::campaign::{
    Campaign, CampaignKind, CampaignStatus, CodedTouch, CostEntry, CustomerHistory, Expectations, OrderRecord,
};
use ladder_domain::date::{date_day_number, date_of_day, day_number, end_of_day, optional_day_number};
use ladder_domain::{Channel, InteractionKind, OrderStatus, Rung};
use ladder_store::campaigns::{Histories, count_from_db, count_to_db, plan_cost_import, stored_codes, stored_form};
use ladder_store::{CampaignStore, CampaignTx, StoreError, StoreResult, WriteOutcome};
use rusqlite::{Connection, Row, params, params_from_iter};

const COLUMNS: &str = "id, name, kind, channel, status, starts, ends, window_days, target_segment, target_size, notes, \
     budget_minor, expected_revenue_minor, expected_responses, expected_sales";

impl CampaignStore for SqliteStore {
    fn campaigns(&self) -> StoreResult<Vec<Campaign>> {
        self.read(campaigns)
    }

    fn campaign(&self, id: &str) -> StoreResult<Option<Campaign>> {
        self.read(|c| campaign(c, id))
    }

    fn campaign_costs(&self, campaign_id: &str) -> StoreResult<Vec<CostEntry>> {
        self.read(|c| campaign_costs(c, campaign_id))
    }

    fn campaign_histories(&self, codes: &[String], as_of: NaiveDate) -> StoreResult<Vec<CustomerHistory>> {
        self.read(|c| campaign_histories(c, codes, as_of))
    }
}

impl CampaignTx for SqliteTx<'_> {
    fn campaign(&mut self, id: &str) -> StoreResult<Option<Campaign>> {
        campaign(self.conn(), id)
    }

    fn put_campaign(&mut self, c: &Campaign) -> StoreResult<WriteOutcome> {
        put_campaign(self.conn(), c)
    }

    fn add_campaign_cost(&mut self, campaign_id: &str, cost: &CostEntry) -> StoreResult<()> {
        add_campaign_cost(self.conn(), campaign_id, cost)
    }

    fn add_campaign_costs(&mut self, costs: &[(String, CostEntry)]) -> StoreResult<Vec<WriteOutcome>> {
        add_campaign_costs(self.conn(), costs)
    }
}

fn unknown(what: &str, value: &str) -> StoreError {
    StoreError::Conflict(format!("the database holds an unknown {what} {value:?}"))
}

/// A campaign row without its codes.
fn campaign_from(r: &Row<'_>) -> StoreResult<Campaign> {
    let what = "cannot read a campaign";
    let kind: String = r.get(2).ctx(what)?;
    let channel: Option<String> = r.get(3).ctx(what)?;
    let status: String = r.get(4).ctx(what)?;
    Ok(Campaign {
        id: r.get(0).ctx(what)?,
        name: r.get(1).ctx(what)?,
        kind: CampaignKind::parse(&kind).ok_or_else(|| unknown("campaign kind", &kind))?,
        channel: channel.map(|c| Channel::parse(&c).ok_or_else(|| unknown("channel", &c))).transpose()?,
        status: CampaignStatus::parse(&status).ok_or_else(|| unknown("campaign status", &status))?,
        starts: date_of_day(r.get(5).ctx(what)?),
        ends: r.get::<_, Option<i64>>(6).ctx(what)?.map(date_of_day),
        codes: Vec::new(),
        window_days: u32::try_from(r.get::<_, i64>(7).ctx(what)?).unwrap_or(0),
        target_segment: r.get(8).ctx(what)?,
        target_size: count_from_db(r.get(9).ctx(what)?),
        notes: r.get(10).ctx(what)?,
        expectations: Expectations {
            budget_minor: r.get(11).ctx(what)?,
            expected_revenue_minor: r.get(12).ctx(what)?,
            expected_responses: count_from_db(r.get(13).ctx(what)?),
            expected_sales: count_from_db(r.get(14).ctx(what)?),
        },
    })
}

fn codes_of(conn: &Connection, id: &str) -> StoreResult<Vec<String>> {
    let what = "cannot read a campaign's codes";
    let mut stmt =
        conn.prepare_cached("SELECT code FROM campaign_codes WHERE campaign_id = ?1 ORDER BY code").ctx(what)?;
    let rows = stmt.query_map([id], |r| r.get(0)).ctx(what)?;
    rows.collect::<Result<_, _>>().ctx(what)
}

fn campaign(conn: &Connection, id: &str) -> StoreResult<Option<Campaign>> {
    let what = "cannot read a campaign";
    let mut stmt = conn.prepare_cached(&format!("SELECT {COLUMNS} FROM campaigns WHERE id = ?1")).ctx(what)?;
    let Some(mut campaign) = stmt.query([id]).ctx(what)?.next().ctx(what)?.map(campaign_from).transpose()? else {
        return Ok(None);
    };
    campaign.codes = codes_of(conn, id)?;
    Ok(Some(campaign))
}

fn campaigns(conn: &Connection) -> StoreResult<Vec<Campaign>> {
    let what = "cannot read the campaigns";
    let mut stmt = conn.prepare_cached(&format!("SELECT {COLUMNS} FROM campaigns ORDER BY starts, id")).ctx(what)?;
    let mut rows = stmt.query([]).ctx(what)?;
    let mut campaigns = Vec::new();
    while let Some(r) = rows.next().ctx(what)? {
        campaigns.push(campaign_from(r)?);
    }
    let mut stmt =
        conn.prepare_cached("SELECT campaign_id, code FROM campaign_codes ORDER BY campaign_id, code").ctx(what)?;
    let codes = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))).ctx(what)?;
    let mut by_campaign = std::collections::HashMap::<String, Vec<String>>::new();
    for pair in codes {
        let (id, code) = pair.ctx(what)?;
        by_campaign.entry(id).or_default().push(code);
    }
    for c in &mut campaigns {
        c.codes = by_campaign.remove(&c.id).unwrap_or_default();
    }
    Ok(campaigns)
}

fn put_campaign(conn: &Connection, campaign: &Campaign) -> StoreResult<WriteOutcome> {
    let what = "cannot write a campaign";
    let stored = stored_form(campaign);
    // Inside a unit of work: the campaign and its codes change together.
    let tx = conn;
    let before = self::campaign(tx, &stored.id)?;
    if before.as_ref() == Some(&stored) {
        return Ok(WriteOutcome::Unchanged);
    }
    let c = &stored;
    let e = &c.expectations;
    tx.execute(
        &format!(
            "INSERT INTO campaigns ({COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)
             ON CONFLICT (id) DO UPDATE SET name = excluded.name, kind = excluded.kind, channel = excluded.channel,
                 status = excluded.status, starts = excluded.starts, ends = excluded.ends,
                 window_days = excluded.window_days, target_segment = excluded.target_segment,
                 target_size = excluded.target_size, notes = excluded.notes, budget_minor = excluded.budget_minor,
                 expected_revenue_minor = excluded.expected_revenue_minor,
                 expected_responses = excluded.expected_responses, expected_sales = excluded.expected_sales"
        ),
        params![
            c.id,
            c.name,
            c.kind.as_str(),
            c.channel.map(|ch| ch.as_str()),
            c.status.as_str(),
            date_day_number(c.starts),
            optional_day_number(c.ends),
            i64::from(c.window_days),
            c.target_segment,
            count_to_db(c.target_size),
            c.notes,
            e.budget_minor,
            e.expected_revenue_minor,
            count_to_db(e.expected_responses),
            count_to_db(e.expected_sales),
        ],
    )
    .ctx(what)?;
    tx.execute("DELETE FROM campaign_codes WHERE campaign_id = ?1", [&c.id]).ctx(what)?;
    for code in &c.codes {
        tx.execute("INSERT INTO campaign_codes (campaign_id, code) VALUES (?1, ?2)", [&c.id, code]).ctx(what)?;
    }
    Ok(if before.is_some() { WriteOutcome::Updated } else { WriteOutcome::Inserted })
}

fn add_campaign_cost(conn: &Connection, campaign_id: &str, cost: &CostEntry) -> StoreResult<()> {
    let added = conn
        .execute(
            "INSERT INTO campaign_costs (campaign_id, spent_on, amount_minor, note)
             SELECT ?1, ?2, ?3, ?4 WHERE EXISTS (SELECT 1 FROM campaigns WHERE id = ?1)",
            params![campaign_id, date_day_number(cost.on), cost.amount_minor, cost.note],
        )
        .ctx("cannot add a campaign cost")?;
    if added == 0 {
        return Err(StoreError::NotFound(format!("campaign {campaign_id}")));
    }
    Ok(())
}

fn add_campaign_costs(conn: &Connection, costs: &[(String, CostEntry)]) -> StoreResult<Vec<WriteOutcome>> {
    let what = "cannot import campaign costs";
    let tx = conn;
    let plan = {
        let mut known = tx.prepare_cached("SELECT 1 FROM campaigns WHERE id = ?1").ctx(what)?;
        let mut recorded = tx
            .prepare_cached(
                "SELECT count(*) FROM campaign_costs
                 WHERE campaign_id = ?1 AND spent_on = ?2 AND amount_minor = ?3 AND note IS ?4",
            )
            .ctx(what)?;
        plan_cost_import(costs, |campaign, cost| {
            if !known.exists([campaign]).ctx(what)? {
                return Err(StoreError::NotFound(format!("campaign {campaign}")));
            }
            let n: i64 = recorded
                .query_row(params![campaign, date_day_number(cost.on), cost.amount_minor, cost.note], |r| r.get(0))
                .ctx(what)?;
            Ok(n as u64)
        })?
    };
    {
        let mut insert = tx
            .prepare_cached(
                "INSERT INTO campaign_costs (campaign_id, spent_on, amount_minor, note) VALUES (?1, ?2, ?3, ?4)",
            )
            .ctx(what)?;
        for ((campaign, cost), outcome) in costs.iter().zip(&plan) {
            if *outcome == WriteOutcome::Inserted {
                insert.execute(params![campaign, date_day_number(cost.on), cost.amount_minor, cost.note]).ctx(what)?;
            }
        }
    }
    Ok(plan)
}

fn campaign_costs(conn: &Connection, campaign_id: &str) -> StoreResult<Vec<CostEntry>> {
    let what = "cannot read a campaign's costs";
    let mut stmt = conn
        .prepare_cached(
            "SELECT spent_on, amount_minor, note FROM campaign_costs WHERE campaign_id = ?1 ORDER BY spent_on, id",
        )
        .ctx(what)?;
    let rows = stmt
        .query_map([campaign_id], |r| {
            Ok(CostEntry { on: date_of_day(r.get(0)?), amount_minor: r.get(1)?, note: r.get(2)? })
        })
        .ctx(what)?;
    rows.collect::<Result<_, _>>().ctx(what)
}

fn campaign_histories(conn: &Connection, codes: &[String], as_of: NaiveDate) -> StoreResult<Vec<CustomerHistory>> {
    let what = "cannot read the campaign's customers";
    let codes = stored_codes(codes);
    if codes.is_empty() {
        return Ok(Vec::new());
    }
    // The customers who used a code on an order or an interaction, through the indexes on the normalized
    // code; then their placement and coded interactions, and all their orders — in one read transaction.
    let list = (0..codes.len()).map(|i| format!("?{}", i + 2)).collect::<Vec<_>>().join(", ");
    let who = format!(
        "WITH who AS (
             SELECT customer_id FROM orders
             WHERE campaign_code IS NOT NULL AND ladder_code(campaign_code) IN ({list}) AND ordered_at < ?1
             UNION
             SELECT customer_id FROM interactions
             WHERE campaign_code IS NOT NULL AND ladder_code(campaign_code) IN ({list}) AND at < ?1)"
    );
    let params: Vec<rusqlite::types::Value> = std::iter::once(rusqlite::types::Value::Integer(end_of_day(as_of)))
        .chain(codes.into_iter().map(rusqlite::types::Value::Text))
        .collect();
    let tx = conn.unchecked_transaction().ctx(what)?;
    let mut found = Histories::default();

    let mut stmt = tx
        .prepare(&format!(
            "{who} SELECT c.external_id, s.rung, s.clv_minor, i.at, i.kind, i.campaign_code
             FROM who JOIN customers c ON c.id = who.customer_id
             LEFT JOIN customer_scores s ON s.customer_id = who.customer_id
             LEFT JOIN interactions i ON i.customer_id = who.customer_id AND i.campaign_code IS NOT NULL AND i.at < ?1"
        ))
        .ctx(what)?;
    let mut rows = stmt.query(params_from_iter(params.iter())).ctx(what)?;
    while let Some(r) = rows.next().ctx(what)? {
        let customer: String = r.get(0).ctx(what)?;
        let rung: Option<String> = r.get(1).ctx(what)?;
        let rung = rung.map(|r| Rung::parse(&r).ok_or_else(|| unknown("rung", &r))).transpose()?;
        found.placement(customer.clone(), rung, r.get(2).ctx(what)?);
        if let Some(at) = r.get::<_, Option<i64>>(3).ctx(what)? {
            let kind: String = r.get(4).ctx(what)?;
            let touch = CodedTouch {
                on: date_of_day(day_number(at)),
                kind: InteractionKind::parse(&kind).ok_or_else(|| unknown("interaction kind", &kind))?,
                code: r.get(5).ctx(what)?,
            };
            found.touch(customer, touch);
        }
    }
    drop(rows);
    drop(stmt);

    let mut stmt = tx
        .prepare(&format!(
            "{who} SELECT c.external_id, o.external_id, o.ordered_at, o.status, o.total_minor, o.campaign_code
             FROM who JOIN customers c ON c.id = who.customer_id
             JOIN orders o ON o.customer_id = who.customer_id
             WHERE o.ordered_at < ?1"
        ))
        .ctx(what)?;
    let mut rows = stmt.query(params_from_iter(params.iter())).ctx(what)?;
    while let Some(r) = rows.next().ctx(what)? {
        let status: String = r.get(3).ctx(what)?;
        let order = OrderRecord {
            external_id: r.get(1).ctx(what)?,
            on: date_of_day(day_number(r.get(2).ctx(what)?)),
            status: OrderStatus::parse(&status).ok_or_else(|| unknown("order status", &status))?,
            total_minor: r.get(4).ctx(what)?,
            code: r.get(5).ctx(what)?,
        };
        found.order(r.get(0).ctx(what)?, order);
    }
    Ok(found.finish())
}
