//! A customer's data as privacy laws give them rights to it, and duplicates made one: merge two
//! customers (both histories kept, the most restrictive consent, the other id an alias), delete one,
//! export one's data, erase one's personal data while their orders stay anonymised for the shop's
//! figures — with a hashed suppression entry so that a later import does not bring them back into
//! mailings. Every area that keeps data about a customer (messages, the club, cases) extends merge,
//! export and erase to its own.

use crate::score::{LastScoring, score_customer};
use crate::{Action, Actor, App, AppError, audit, change, require};
use ladder_domain::Permission;
use ladder_domain::validate::{FieldError, Problem};
use ladder_store::{Absent, CustomerDetail, Evidence};
use sha2::{Digest, Sha256};
use std::fmt::Write as _;

/// The suppression hash of an email (trimmed, lower case) or a phone (its digits): the same person
/// typed another way hashes alike, and the hash does not give the address back.
pub fn suppression_hash(kind: &str, value: &str) -> Option<String> {
    let normal: String = match kind {
        "phone" => value.chars().filter(char::is_ascii_digit).collect(),
        _ => value.trim().to_lowercase(),
    };
    (!normal.is_empty()).then(|| {
        let digest = Sha256::digest(format!("{kind}:{normal}").as_bytes());
        digest.iter().fold(String::with_capacity(64), |mut hex, b| {
            let _ = write!(hex, "{b:02x}");
            hex
        })
    })
}

/// The suppression hashes a customer's email and phone give.
pub fn suppression_hashes(c: &ladder_domain::Customer) -> Vec<String> {
    [("email", &c.email), ("phone", &c.phone)]
        .into_iter()
        .filter_map(|(kind, value)| value.as_deref().and_then(|v| suppression_hash(kind, v)))
        .collect()
}

/// Makes `absorbed` part of `kept`: orders, interactions and history of both under `kept`, the profile
/// merged field by field ([`ladder_domain::customer::merge`]), `absorbed`'s id kept as an alias so that
/// later files and API calls with it land on `kept`; `kept` is placed again at once. Returns `kept`.
pub fn merge(app: &App, actor: &Actor, kept: &str, absorbed: &str) -> Result<CustomerDetail, AppError> {
    require(actor, Permission::EditCustomers)?;
    if kept == absorbed {
        return Err(FieldError::new("absorbed", Problem::SelfReferral).into());
    }
    let now = app.now();
    let store = app.store();
    let last = LastScoring::read(store)?;
    let mut tx = store.begin_scoring(None)?;
    let found = |tx: &mut dyn ladder_store::Tx, id: &str, field: &str| -> Result<CustomerDetail, AppError> {
        tx.customer(id)?.ok_or_else(|| FieldError::new(field, Problem::UnknownCustomer).into())
    };
    let keep = found(tx.as_mut(), kept, "kept")?;
    let other = found(tx.as_mut(), absorbed, "absorbed")?;
    let merged = ladder_domain::customer::merge(&keep.profile, &other.profile);
    tx.merge_customers(keep.id, other.id)?;
    tx.put_customer(&merged, &Evidence { at: now, source: "merge".to_owned() }, Absent::Clear)?;
    tx.mark_data_changed(now)?;
    score_customer(&last, tx.as_mut(), kept, now.date_naive())?;
    let action = Action::CustomersMerged { customer_id: kept.to_owned(), absorbed: absorbed.to_owned() };
    audit(tx.as_mut(), actor, now, &action)?;
    let detail = tx.customer(kept)?.ok_or_else(|| AppError::NotFound(format!("customer {kept}")))?;
    tx.commit()?;
    Ok(detail)
}

/// Deletes a customer with their orders (a record made by mistake).
pub fn delete(app: &App, actor: &Actor, customer_id: &str) -> Result<(), AppError> {
    require(actor, Permission::EraseCustomers)?;
    change(app, actor, |tx, now| {
        let c = tx.customer(customer_id)?.ok_or_else(|| AppError::NotFound(format!("customer {customer_id}")))?;
        tx.delete_customer(c.id)?;
        tx.mark_data_changed(now)?;
        Ok(((), vec![Action::CustomerDeleted { customer_id: customer_id.to_owned() }]))
    })
}

/// Everything Ladder keeps about one customer, as JSON: profile, consents with their evidence, orders,
/// interactions, placement and history (a request for access); the export is audited.
pub fn export(app: &App, actor: &Actor, customer_id: &str) -> Result<serde_json::Value, AppError> {
    require(actor, Permission::ViewCustomers)?;
    // Every message ever enqueued for them, read before the unit of work (which may hold a connection).
    let query =
        ladder_store::OutboxQuery { customer_id: Some(customer_id.to_owned()), limit: u32::MAX, ..Default::default() };
    let messages = app.store().outbox(&query)?;
    let club = club_data(app.store(), customer_id)?;
    change(app, actor, |tx, _| {
        let c = tx.customer(customer_id)?.ok_or_else(|| AppError::NotFound(format!("customer {customer_id}")))?;
        let value = serde_json::json!({
            "customer": c.profile,
            "consent_ledger": c.consent_ledger,
            "placement": c.score,
            "orders": c.orders,
            "interactions": c.interactions,
            "history": c.history,
            "messages": messages,
            "club": club,
        });
        Ok((value, vec![Action::CustomerExported { customer_id: customer_id.to_owned() }]))
    })
}

/// A member's club data for an export: membership, cards, every ledger row, tier moves, perks given; null when
/// they are not a member.
fn club_data(store: &dyn ladder_store::Store, customer_id: &str) -> Result<serde_json::Value, AppError> {
    let Some(id) = store.club_customer_id(customer_id)? else { return Ok(serde_json::Value::Null) };
    let Some(member) = store.club_member(id)? else { return Ok(serde_json::Value::Null) };
    Ok(serde_json::json!({
        "member": member,
        "cards": store.club_cards(id)?,
        "ledger": store.club_ledger(id)?,
        "tier_moves": store.club_tier_moves(id)?,
        "perks_given": store.club_perk_grants(id)?,
    }))
}

/// Erases a customer's personal data: profile, tags, consents, custom fields and notes go; their
/// orders, score and history stay under an anonymous id, for the shop's figures; their email and
/// phone stay only as suppression hashes. Returns the anonymous id.
pub fn erase(app: &App, actor: &Actor, customer_id: &str) -> Result<String, AppError> {
    require(actor, Permission::EraseCustomers)?;
    change(app, actor, |tx, now| {
        let c = tx.customer(customer_id)?.ok_or_else(|| AppError::NotFound(format!("customer {customer_id}")))?;
        let anonymous = format!("erased-{}", &crate::accounts::random_token()[..12]);
        tx.add_suppressions(&suppression_hashes(&c.profile), now)?;
        tx.erase_customer(c.id, &anonymous)?;
        tx.mark_data_changed(now)?;
        Ok((anonymous.clone(), vec![Action::CustomerErased { customer_id: anonymous }]))
    })
}
