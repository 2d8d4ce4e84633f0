//! Campaigns: stored with their codes and dated costs; the histories of the customers their codes
//! reached, for the attribution rules of `ladder_domain::campaign`. Also what both backends share about
//! them: the form a campaign is stored in, and how the orders they read become customer histories.

use crate::{StoreResult, WriteOutcome};
use chrono::NaiveDate;
use ladder_domain::Rung;
use ladder_domain::campaign::{Campaign, CodedTouch, CostEntry, CustomerHistory, OrderRecord, normalize_code};

/// Reading campaigns.
pub trait CampaignStore {
    /// Every campaign, by start date then id.
    fn campaigns(&self) -> StoreResult<Vec<Campaign>>;

    /// One campaign.
    fn campaign(&self, id: &str) -> StoreResult<Option<Campaign>>;

    /// A campaign's costs, by date.
    fn campaign_costs(&self, campaign_id: &str) -> StoreResult<Vec<CostEntry>>;

    /// Every customer with at least one order (any status) or interaction carrying one of `codes`
    /// (compared trimmed and lower-cased, as `ladder_domain::campaign::normalize_code` does), with ALL
    /// their orders placed by the end of `as_of` (the attribution needs their first and later orders too).
    fn campaign_histories(&self, codes: &[String], as_of: NaiveDate) -> StoreResult<Vec<CustomerHistory>>;
}

/// Changing campaigns, inside a unit of work.
pub trait CampaignTx {
    /// One campaign, as this unit of work sees it.
    fn campaign(&mut self, id: &str) -> StoreResult<Option<Campaign>>;

    /// Creates or replaces a campaign by its id (its codes replaced too); Inserted, Updated or Unchanged.
    fn put_campaign(&mut self, campaign: &Campaign) -> StoreResult<WriteOutcome>;

    /// Adds a dated cost to a campaign; [`crate::StoreError::NotFound`] for an unknown campaign.
    fn add_campaign_cost(&mut self, campaign_id: &str, cost: &CostEntry) -> StoreResult<()>;

    /// Adds many dated costs, for a cost import that can be run again: for each distinct (campaign, day,
    /// amount, note), as many entries are added as the list holds beyond those already recorded, so that
    /// the same file twice adds nothing while a charge listed twice is two charges. Answers Inserted or
    /// Unchanged per entry; an unknown campaign is [`crate::StoreError::NotFound`].
    fn add_campaign_costs(&mut self, costs: &[(String, CostEntry)]) -> StoreResult<Vec<WriteOutcome>>;
}

/// Codes as they are stored and compared: normalized, without empties, sorted and each once.
pub fn stored_codes(codes: &[String]) -> Vec<String> {
    let mut codes: Vec<String> = codes.iter().map(|c| normalize_code(c)).filter(|c| !c.is_empty()).collect();
    codes.sort();
    codes.dedup();
    codes
}

/// The campaign as it reads back after being stored, so that a write can tell whether it changes anything.
pub fn stored_form(campaign: &Campaign) -> Campaign {
    Campaign { codes: stored_codes(&campaign.codes), ..campaign.clone() }
}

/// Gathers what the backends read about the customers a campaign's codes reached into one history per
/// customer, sorted by customer id, each customer's orders by day and id and touches by day: the result
/// does not depend on the database's collation or the order rows arrive in.
#[derive(Debug, Default)]
pub struct Histories(std::collections::BTreeMap<String, CustomerHistory>);

impl Histories {
    fn of(&mut self, customer_id: String) -> &mut CustomerHistory {
        self.0
            .entry(customer_id)
            .or_insert_with_key(|id| CustomerHistory { customer_id: id.clone(), ..Default::default() })
    }

    /// The customer's rung and predicted value at the last scoring (both `None` when unscored).
    pub fn placement(&mut self, customer_id: String, rung: Option<Rung>, clv_minor: Option<i64>) {
        let history = self.of(customer_id);
        history.rung = rung;
        history.clv_minor = clv_minor;
    }

    /// One of the customer's orders.
    pub fn order(&mut self, customer_id: String, order: OrderRecord) {
        self.of(customer_id).orders.push(order);
    }

    /// One of the customer's interactions that carried a code.
    pub fn touch(&mut self, customer_id: String, touch: CodedTouch) {
        self.of(customer_id).touches.push(touch);
    }

    /// The histories, sorted.
    pub fn finish(self) -> Vec<CustomerHistory> {
        self.0
            .into_values()
            .map(|mut h| {
                h.orders.sort_by(|a, b| (a.on, &a.external_id).cmp(&(b.on, &b.external_id)));
                h.touches.sort_by(|a, b| (a.on, &a.code).cmp(&(b.on, &b.code)));
                h
            })
            .collect()
    }
}

/// For a repeatable cost import: which entries of `costs` are new, given how many identical entries each
/// already has recorded (`recorded`, asked once per distinct entry). The first `recorded` copies of an entry
/// are Unchanged, the rest Inserted.
pub fn plan_cost_import<E>(
    costs: &[(String, CostEntry)],
    mut recorded: impl FnMut(&str, &CostEntry) -> Result<u64, E>,
) -> Result<Vec<WriteOutcome>, E> {
    let mut left = std::collections::HashMap::<&(String, CostEntry), u64>::new();
    let mut plan = Vec::with_capacity(costs.len());
    for entry in costs {
        let left = match left.entry(entry) {
            std::collections::hash_map::Entry::Occupied(o) => o.into_mut(),
            std::collections::hash_map::Entry::Vacant(v) => v.insert(recorded(&entry.0, &entry.1)?),
        };
        plan.push(if *left > 0 {
            *left -= 1;
            WriteOutcome::Unchanged
        } else {
            WriteOutcome::Inserted
        });
    }
    Ok(plan)
}

/// A count as stored (a signed 64-bit integer); larger counts are held at the largest.
pub fn count_to_db(v: Option<u64>) -> Option<i64> {
    v.map(|v| i64::try_from(v).unwrap_or(i64::MAX))
}

/// A stored count; a negative one (written by hand) reads as zero.
pub fn count_from_db(v: Option<i64>) -> Option<u64> {
    v.map(|v| u64::try_from(v).unwrap_or(0))
}
