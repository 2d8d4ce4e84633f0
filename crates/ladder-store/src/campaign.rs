//! What both backends share about campaigns: the form a campaign is stored in, and how the orders they
//! read become customer histories.

use ladder_domain::campaign::{Campaign, CustomerHistory, OrderRecord, normalize_code};

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

/// Groups orders (customer id, order) into histories by customer id, each customer's orders by day and id:
/// the order does not depend on the database's collation.
pub fn histories(rows: Vec<(String, OrderRecord)>) -> Vec<CustomerHistory> {
    let mut grouped = std::collections::BTreeMap::<String, Vec<OrderRecord>>::new();
    for (customer, order) in rows {
        grouped.entry(customer).or_default().push(order);
    }
    grouped
        .into_iter()
        .map(|(customer_id, mut orders)| {
            orders.sort_by(|a, b| (a.on, &a.external_id).cmp(&(b.on, &b.external_id)));
            CustomerHistory { customer_id, signup_code: None, orders }
        })
        .collect()
}

/// A count as stored (a signed 64-bit integer); larger counts are held at the largest.
pub fn count_to_db(v: Option<u64>) -> Option<i64> {
    v.map(|v| i64::try_from(v).unwrap_or(i64::MAX))
}

/// A stored count; a negative one (written by hand) reads as zero.
pub fn count_from_db(v: Option<i64>) -> Option<u64> {
    v.map(|v| u64::try_from(v).unwrap_or(0))
}
