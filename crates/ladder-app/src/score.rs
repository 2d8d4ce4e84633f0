//! Scoring: places every customer on the ladder, gives their state, lifecycle stage and RFM scores,
//! and records every change of rung or state with its reason.
//!
//! The database aggregates each customer's orders in one pass ([`Store::scoring_facts`]); the rules of
//! the pure domain run here on those compact facts; the scores and history go back in one transaction.

use crate::progress::Progress;
use chrono::{DateTime, NaiveDate, Utc};
use ladder_domain::date::date_day_number;
use ladder_domain::ladder::place;
use ladder_domain::rfm::score_all;
use ladder_domain::{CustomerState, RfmInput, ShopFacts, StateRules};
use ladder_store::{Change, ChangeKind, ScoreRecord, ScoringRow, Store, StoreResult};
use serde::Serialize;

/// What a scoring run did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ScoreSummary {
    /// The date scored at.
    pub as_of: NaiveDate,
    /// Customers scored.
    pub customers: u64,
    /// Of those, customers with at least one counted order.
    pub buyers: u64,
    /// Rung changes recorded.
    pub rung_changes: u64,
    /// State changes recorded.
    pub state_changes: u64,
}

/// The median of a list of values, or `None` when empty.
fn median(values: &mut [f64]) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    values.sort_unstable_by(f64::total_cmp);
    let n = values.len();
    Some(if n % 2 == 1 { values[n / 2] } else { (values[n / 2 - 1] + values[n / 2]) / 2.0 })
}

/// The shop's median days from first to second order day, over customers with two distinct order days.
pub fn shop_facts(rows: &[ScoringRow]) -> ShopFacts {
    let mut gaps: Vec<f64> = rows
        .iter()
        .filter_map(|r| Some((r.facts.first_order?, r.facts.second_order?)))
        .map(|(a, b)| (date_day_number(b) - date_day_number(a)) as f64)
        .filter(|g| *g > 0.0)
        .collect();
    ShopFacts { median_first_to_second_days: median(&mut gaps) }
}

/// Scores every customer at `as_of` and stores the result.
pub fn score(
    store: &dyn Store,
    as_of: NaiveDate,
    rules: &StateRules,
    now: DateTime<Utc>,
    progress: &dyn Progress,
) -> StoreResult<ScoreSummary> {
    let currency = crate::settings::currency(store)?.unwrap_or_default();
    progress.begin("reading order history", None);
    let mut rows: Vec<ScoringRow> = Vec::new();
    store.scoring_facts(as_of, &currency, &mut |row| {
        rows.push(row);
        if rows.len().is_multiple_of(65536) {
            progress.set_position(rows.len() as u64);
        }
        Ok(())
    })?;
    progress.end();

    let shop = shop_facts(&rows);
    // RFM ranks every buyer against all others, so it needs all values first; the placements (with
    // their reasons) are computed one at a time while writing, to keep memory small.
    let buyers: Vec<usize> = (0..rows.len()).filter(|&i| rows[i].facts.orders > 0).collect();
    let as_of_day = date_day_number(as_of);
    let rfm_inputs: Vec<RfmInput> = buyers
        .iter()
        .map(|&i| {
            let f = &rows[i].facts;
            RfmInput {
                recency_days: f.last_order.map_or(0, |d| as_of_day - date_day_number(d)),
                frequency: f.orders,
                monetary: f.spend_minor,
            }
        })
        .collect();
    let mut rfm = vec![None; rows.len()];
    for (&i, s) in buyers.iter().zip(score_all(&rfm_inputs)) {
        rfm[i] = Some(s);
    }
    drop(rfm_inputs);

    progress.begin("writing scores", Some(rows.len() as u64));
    let mut session = store.begin_scoring()?;
    let mut summary = ScoreSummary {
        as_of,
        customers: rows.len() as u64,
        buyers: buyers.len() as u64,
        rung_changes: 0,
        state_changes: 0,
    };
    let mut changes = Vec::with_capacity(2);
    for (i, row) in rows.iter().enumerate() {
        let placement = place(&row.facts, &shop, rules, as_of);
        changes.clear();
        let (old_rung, old_state) = match row.previous {
            Some((rung, state)) => (Some(rung), state),
            None => (None, None),
        };
        if old_rung != Some(placement.rung) {
            changes.push(Change {
                kind: ChangeKind::Rung,
                from: old_rung.map(|r| r.as_str().to_owned()),
                to: Some(placement.rung.as_str().to_owned()),
                at: as_of,
                reason: placement.rung_reason.clone(),
            });
        }
        if old_state != placement.state {
            let reason = placement.state_reason.clone().unwrap_or_else(|| "no counted order by this date".to_owned());
            changes.push(Change {
                kind: ChangeKind::State,
                from: old_state.map(|s| s.as_str().to_owned()),
                to: placement.state.map(|s| CustomerState::as_str(s).to_owned()),
                at: as_of,
                reason,
            });
        }
        summary.rung_changes += changes.iter().filter(|c| c.kind == ChangeKind::Rung).count() as u64;
        summary.state_changes += changes.iter().filter(|c| c.kind == ChangeKind::State).count() as u64;
        let f = &row.facts;
        let record = ScoreRecord {
            customer: row.customer,
            as_of,
            rung: placement.rung,
            rung_reason: placement.rung_reason,
            state: placement.state,
            state_reason: placement.state_reason,
            lifecycle_stage: placement.lifecycle_stage,
            recency_days: placement.recency_days,
            orders: f.orders,
            first_order: f.first_order,
            second_order: f.second_order,
            third_order: f.third_order,
            last_order: f.last_order,
            spend_minor: f.spend_minor,
            rfm: rfm[i],
            rfm_segment: rfm[i].map(|s| s.segment()),
        };
        session.put(&record, &changes)?;
        if i % 65536 == 0 {
            progress.set_position(i as u64);
        }
    }
    session.commit()?;
    progress.end();
    store.set_setting(crate::settings::SCORED_AT, &now.to_rfc3339())?;
    store.set_setting(crate::settings::SCORED_AS_OF, &as_of.to_string())?;
    Ok(summary)
}
