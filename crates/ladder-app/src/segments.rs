//! Segments: a typed rule (`ladder_domain::segment`) turned into a customer query here, once, for every
//! door — the customer list, the segments page, the API, `ladder segment` and the worker all count and
//! list a segment's members through [`query`].

use crate::{Action, Actor, App, AppError, change, require};
use ladder_domain::Permission;
use ladder_domain::segment::SegmentRule;
use ladder_domain::validate::{self, FieldError, Problem};
use ladder_store::{CustomerQuery, Segment, Store, StoreError, StoreResult};

/// The longest segment name, in characters: names are shown in menus and tables.
pub const NAME_MAX: usize = 100;

/// The customer query of a rule, for a shop whose currency has `exponent` decimals; paging is the
/// caller's (`limit` and `offset` start at 0).
pub fn query(rule: &SegmentRule, exponent: u8) -> CustomerQuery {
    let money = |a: &Option<ladder_domain::segment::Amount>| a.as_ref().and_then(|a| a.to_minor(exponent));
    CustomerQuery {
        search: rule.search.clone(),
        rung: rule.rung,
        state: rule.state,
        segment: rule.rfm_segment,
        country: rule.country.clone(),
        tag: rule.tag.clone(),
        consent: rule.consent,
        min_clv_minor: money(&rule.min_clv),
        max_clv_minor: money(&rule.max_clv),
        min_orders: rule.min_orders,
        max_orders: rule.max_orders,
        product: rule.product.clone(),
        no_event_buyers: false,
        ids: Vec::new(),
        sort: rule.sort.unwrap_or_default(),
        limit: 0,
        offset: 0,
    }
}

/// The decimals of the shop's currency (2 until it has one).
pub fn currency_exponent(store: &dyn Store) -> StoreResult<u8> {
    Ok(crate::shop::exponent(crate::shop::money(store)?.as_ref()))
}

/// A stored segment's rule; one that cannot be read is an error, never "everyone".
pub fn rule(segment: &Segment) -> Result<SegmentRule, StoreError> {
    let value: serde_json::Value = serde_json::from_str(&segment.definition)
        .map_err(|e| StoreError::Conflict(format!("segment {} has an unreadable rule: {e}", segment.id)))?;
    SegmentRule::from_json(&value)
        .map_err(|e| StoreError::Conflict(format!("segment {} has a rule Ladder cannot use: {e}", segment.id)))
}

/// How many customers match a rule now, counting no further than `cap`.
pub fn count(store: &dyn Store, rule: &SegmentRule, cap: u64) -> StoreResult<u64> {
    store.count_customers(&query(rule, currency_exponent(store)?), cap)
}

/// A trimmed name of the right length.
pub fn check_name(name: &str) -> Result<String, FieldError> {
    validate::required_text(name, NAME_MAX).map_err(|p| FieldError::new("name", p))
}

/// Creates a segment (`id` none) or changes one; a name already used (in any case) is refused.
pub fn save(app: &App, actor: &Actor, id: Option<i64>, name: &str, rule: &SegmentRule) -> Result<Segment, AppError> {
    require(actor, Permission::ManageSegments)?;
    let name = check_name(name)?;
    if let Some(problem) = rule.problem() {
        return Err(problem.into());
    }
    let definition = rule.to_json().to_string();
    change(app, actor, |tx, now| {
        let saved = match tx.save_segment(id, &name, &definition, actor.user_id(), now) {
            Err(StoreError::Conflict(_)) => return Err(FieldError::new("name", Problem::Taken).into()),
            other => other?,
        };
        let action = Action::SegmentSaved {
            segment_id: saved.id,
            name: saved.name.clone(),
            rule: saved.definition.clone(),
            created: id.is_none(),
        };
        Ok((saved, vec![action]))
    })
}

/// Deletes a segment (its customers are not touched); false when there is none with that id.
pub fn delete(app: &App, actor: &Actor, id: i64) -> Result<bool, AppError> {
    require(actor, Permission::ManageSegments)?;
    change(app, actor, |tx, _| {
        let Some(segment) = tx.segment(id)? else { return Ok((false, Vec::new())) };
        tx.delete_segment(id)?;
        Ok((true, vec![Action::SegmentDeleted { segment_id: id, name: segment.name }]))
    })
}
