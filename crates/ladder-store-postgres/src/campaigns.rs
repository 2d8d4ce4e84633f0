//! Campaigns, their codes and costs, and the order histories of the customers their codes reached.

use crate::tx::PgTx;
use crate::{Connection, Context, PostgresStore};
use chrono::NaiveDate;
use ladder_domain::campaign::{
    Campaign, CampaignKind, CampaignStatus, CodedTouch, CostEntry, CustomerHistory, Expectations, OrderRecord,
};
use ladder_domain::date::{date_day_number, date_of_day, day_number, end_of_day, optional_day_number};
use ladder_domain::{Channel, InteractionKind, OrderStatus, Rung};
use ladder_store::campaigns::{Histories, count_from_db, count_to_db, plan_cost_import, stored_codes, stored_form};
use ladder_store::{CampaignStore, CampaignTx, StoreError, StoreResult, WriteOutcome};
use postgres::{GenericClient, Row};

const COLUMNS: &str = "id, name, kind, channel, status, starts, ends, window_days, target_segment, target_size, notes, \
     budget_minor, expected_revenue_minor, expected_responses, expected_sales";

impl CampaignStore for PostgresStore {
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

impl CampaignTx for PgTx {
    fn campaign(&mut self, id: &str) -> StoreResult<Option<Campaign>> {
        campaign(&mut self.client, id)
    }

    fn put_campaign(&mut self, c: &Campaign) -> StoreResult<WriteOutcome> {
        put_campaign(&mut self.client, c)
    }

    fn add_campaign_cost(&mut self, campaign_id: &str, cost: &CostEntry) -> StoreResult<()> {
        add_campaign_cost(&mut self.client, campaign_id, cost)
    }

    fn add_campaign_costs(&mut self, costs: &[(String, CostEntry)]) -> StoreResult<Vec<WriteOutcome>> {
        add_campaign_costs(&mut self.client, costs)
    }
}

fn unknown(what: &str, value: &str) -> StoreError {
    StoreError::Conflict(format!("the database holds an unknown {what} {value:?}"))
}

/// A campaign row without its codes.
fn campaign_from(r: &Row) -> StoreResult<Campaign> {
    let kind: String = r.get(2);
    let channel: Option<String> = r.get(3);
    let status: String = r.get(4);
    Ok(Campaign {
        id: r.get(0),
        name: r.get(1),
        kind: CampaignKind::parse(&kind).ok_or_else(|| unknown("campaign kind", &kind))?,
        channel: channel.map(|c| Channel::parse(&c).ok_or_else(|| unknown("channel", &c))).transpose()?,
        status: CampaignStatus::parse(&status).ok_or_else(|| unknown("campaign status", &status))?,
        starts: date_of_day(r.get(5)),
        ends: r.get::<_, Option<i64>>(6).map(date_of_day),
        codes: Vec::new(),
        window_days: u32::try_from(r.get::<_, i64>(7)).unwrap_or(0),
        target_segment: r.get(8),
        target_size: count_from_db(r.get(9)),
        notes: r.get(10),
        expectations: Expectations {
            budget_minor: r.get(11),
            expected_revenue_minor: r.get(12),
            expected_responses: count_from_db(r.get(13)),
            expected_sales: count_from_db(r.get(14)),
        },
    })
}

fn campaign_in(client: &mut impl GenericClient, id: &str) -> StoreResult<Option<Campaign>> {
    let what = "cannot read a campaign";
    let Some(row) = client.query_opt(&format!("SELECT {COLUMNS} FROM campaigns WHERE id = $1"), &[&id]).ctx(what)?
    else {
        return Ok(None);
    };
    let mut campaign = campaign_from(&row)?;
    campaign.codes = client
        .query("SELECT code FROM campaign_codes WHERE campaign_id = $1 ORDER BY code COLLATE \"C\"", &[&id])
        .ctx(what)?
        .iter()
        .map(|r| r.get(0))
        .collect();
    Ok(Some(campaign))
}

fn campaign(client: &mut Connection, id: &str) -> StoreResult<Option<Campaign>> {
    campaign_in(client.raw(), id)
}

fn campaigns(client: &mut Connection) -> StoreResult<Vec<Campaign>> {
    let what = "cannot read the campaigns";
    let mut campaigns = client
        .query(&format!("SELECT {COLUMNS} FROM campaigns ORDER BY starts, id COLLATE \"C\""), &[])
        .ctx(what)?
        .iter()
        .map(campaign_from)
        .collect::<StoreResult<Vec<_>>>()?;
    let mut by_campaign = std::collections::HashMap::<String, Vec<String>>::new();
    for r in client.query("SELECT campaign_id, code FROM campaign_codes ORDER BY code COLLATE \"C\"", &[]).ctx(what)? {
        by_campaign.entry(r.get(0)).or_default().push(r.get(1));
    }
    for c in &mut campaigns {
        c.codes = by_campaign.remove(&c.id).unwrap_or_default();
    }
    Ok(campaigns)
}

fn put_campaign(client: &mut Connection, campaign: &Campaign) -> StoreResult<WriteOutcome> {
    let what = "cannot write a campaign";
    let stored = stored_form(campaign);
    // Inside a unit of work: the campaign and its codes change together, and the lock holds until it commits.
    let tx = client;
    // Two writers of one campaign take turns, so each compares against what the other wrote.
    tx.execute("SELECT pg_advisory_xact_lock(7317002, hashtext($1))", &[&stored.id]).ctx(what)?;
    let before = campaign_in(tx.raw(), &stored.id)?;
    if before.as_ref() == Some(&stored) {
        return Ok(WriteOutcome::Unchanged);
    }
    let c = &stored;
    let e = &c.expectations;
    tx.execute(
        &format!(
            "INSERT INTO campaigns ({COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
             ON CONFLICT (id) DO UPDATE SET name = excluded.name, kind = excluded.kind, channel = excluded.channel,
                 status = excluded.status, starts = excluded.starts, ends = excluded.ends,
                 window_days = excluded.window_days, target_segment = excluded.target_segment,
                 target_size = excluded.target_size, notes = excluded.notes, budget_minor = excluded.budget_minor,
                 expected_revenue_minor = excluded.expected_revenue_minor,
                 expected_responses = excluded.expected_responses, expected_sales = excluded.expected_sales"
        ),
        &[
            &c.id,
            &c.name,
            &c.kind.as_str(),
            &c.channel.map(|ch| ch.as_str()),
            &c.status.as_str(),
            &date_day_number(c.starts),
            &optional_day_number(c.ends),
            &i64::from(c.window_days),
            &c.target_segment,
            &count_to_db(c.target_size),
            &c.notes,
            &e.budget_minor,
            &e.expected_revenue_minor,
            &count_to_db(e.expected_responses),
            &count_to_db(e.expected_sales),
        ],
    )
    .ctx(what)?;
    tx.execute("DELETE FROM campaign_codes WHERE campaign_id = $1", &[&c.id]).ctx(what)?;
    tx.execute("INSERT INTO campaign_codes (campaign_id, code) SELECT $1, unnest($2::TEXT[])", &[&c.id, &c.codes])
        .ctx(what)?;
    Ok(if before.is_some() { WriteOutcome::Updated } else { WriteOutcome::Inserted })
}

fn add_campaign_cost(client: &mut Connection, campaign_id: &str, cost: &CostEntry) -> StoreResult<()> {
    let added = client
        .execute(
            "INSERT INTO campaign_costs (campaign_id, spent_on, amount_minor, note)
             SELECT id, $2, $3, $4 FROM campaigns WHERE id = $1",
            &[&campaign_id, &date_day_number(cost.on), &cost.amount_minor, &cost.note],
        )
        .ctx("cannot add a campaign cost")?;
    if added == 0 {
        return Err(StoreError::NotFound(format!("campaign {campaign_id}")));
    }
    Ok(())
}

fn add_campaign_costs(client: &mut Connection, costs: &[(String, CostEntry)]) -> StoreResult<Vec<WriteOutcome>> {
    let what = "cannot import campaign costs";
    let tx = client;
    // Imports of one campaign's costs run one at a time, so that two of the same file add it once.
    tx.batch_execute("LOCK TABLE campaign_costs IN SHARE ROW EXCLUSIVE MODE").ctx(what)?;
    let known = "SELECT 1 FROM campaigns WHERE id = $1";
    let recorded = "SELECT count(*) FROM campaign_costs
             WHERE campaign_id = $1 AND spent_on = $2 AND amount_minor = $3 AND note IS NOT DISTINCT FROM $4";
    let plan = plan_cost_import(costs, |campaign, cost| {
        if tx.query_opt(known, &[&campaign]).ctx(what)?.is_none() {
            return Err(StoreError::NotFound(format!("campaign {campaign}")));
        }
        let n: i64 = tx
            .query_one(recorded, &[&campaign, &date_day_number(cost.on), &cost.amount_minor, &cost.note])
            .ctx(what)?
            .get(0);
        Ok(n as u64)
    })?;
    let insert = "INSERT INTO campaign_costs (campaign_id, spent_on, amount_minor, note) VALUES ($1, $2, $3, $4)";
    for ((campaign, cost), outcome) in costs.iter().zip(&plan) {
        if *outcome == WriteOutcome::Inserted {
            tx.execute(insert, &[campaign, &date_day_number(cost.on), &cost.amount_minor, &cost.note]).ctx(what)?;
        }
    }
    Ok(plan)
}

fn campaign_costs(client: &mut Connection, campaign_id: &str) -> StoreResult<Vec<CostEntry>> {
    let rows = client
        .query(
            "SELECT spent_on, amount_minor, note FROM campaign_costs WHERE campaign_id = $1 ORDER BY spent_on, id",
            &[&campaign_id],
        )
        .ctx("cannot read a campaign's costs")?;
    Ok(rows.iter().map(|r| CostEntry { on: date_of_day(r.get(0)), amount_minor: r.get(1), note: r.get(2) }).collect())
}

fn campaign_histories(
    client: &mut Connection,
    codes: &[String],
    as_of: NaiveDate,
) -> StoreResult<Vec<CustomerHistory>> {
    let what = "cannot read the campaign's customers";
    let codes = stored_codes(codes);
    if codes.is_empty() {
        return Ok(Vec::new());
    }
    // The customers who used a code on an order or an interaction, through the indexes on the normalized
    // code; then their placement and coded interactions, and all their orders — from one snapshot.
    const WHO: &str = "WITH who AS (
             SELECT customer_id FROM orders
             WHERE campaign_code IS NOT NULL AND lower(trim(campaign_code)) = ANY($2) AND ordered_at < $1
             UNION
             SELECT customer_id FROM interactions
             WHERE campaign_code IS NOT NULL AND lower(trim(campaign_code)) = ANY($2) AND at < $1)";
    let end = end_of_day(as_of);
    let mut tx = client
        .build_transaction()
        .isolation_level(postgres::IsolationLevel::RepeatableRead)
        .read_only(true)
        .start()
        .ctx(what)?;
    let mut found = Histories::default();
    let people = tx
        .query(
            &format!(
                "{WHO} SELECT c.external_id, s.rung, s.clv_minor, i.at, i.kind, i.campaign_code
                 FROM who JOIN customers c ON c.id = who.customer_id
                 LEFT JOIN customer_scores s ON s.customer_id = who.customer_id
                 LEFT JOIN interactions i
                     ON i.customer_id = who.customer_id AND i.campaign_code IS NOT NULL AND i.at < $1"
            ),
            &[&end, &codes],
        )
        .ctx(what)?;
    for r in &people {
        let customer: String = r.get(0);
        let rung: Option<String> = r.get(1);
        let rung = rung.map(|r| Rung::parse(&r).ok_or_else(|| unknown("rung", &r))).transpose()?;
        found.placement(customer.clone(), rung, r.get(2));
        if let Some(at) = r.get::<_, Option<i64>>(3) {
            let kind: String = r.get(4);
            let touch = CodedTouch {
                on: date_of_day(day_number(at)),
                kind: InteractionKind::parse(&kind).ok_or_else(|| unknown("interaction kind", &kind))?,
                code: r.get(5),
            };
            found.touch(customer, touch);
        }
    }
    let orders = tx
        .query(
            &format!(
                "{WHO} SELECT c.external_id, o.external_id, o.ordered_at, o.status, o.total_minor, o.campaign_code
                 FROM who JOIN customers c ON c.id = who.customer_id
                 JOIN orders o ON o.customer_id = who.customer_id
                 WHERE o.ordered_at < $1"
            ),
            &[&end, &codes],
        )
        .ctx(what)?;
    for r in &orders {
        let status: String = r.get(3);
        let order = OrderRecord {
            external_id: r.get(1),
            on: date_of_day(day_number(r.get(2))),
            status: OrderStatus::parse(&status).ok_or_else(|| unknown("order status", &status))?,
            total_minor: r.get(4),
            code: r.get(5),
        };
        found.order(r.get(0), order);
    }
    tx.commit().ctx(what)?;
    Ok(found.finish())
}
