//! Consent given or withdrawn by hand — by a staff member, a program of the shop or the customer
//! themselves — appended to the customer's consent ledger with how it was given and on what evidence.
//! Files record theirs through the import, forms through the profile; all of them land in the ledger.

use crate::customers::differences;
use crate::{Actor, App, AppError, change, require};
use ladder_domain::audit::{Action, FieldChange};
use ladder_domain::consent::{ConsentEvent, ConsentMethod, LegalBasis, Purpose};
use ladder_domain::validate::{self, FieldError, Problem};
use ladder_domain::{Channel, Consent, Customer, Permission};
use ladder_store::{Absent, Evidence};

/// One answer to record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConsentChange {
    /// The channel.
    pub channel: Channel,
    /// What kind of message.
    pub purpose: Purpose,
    /// Given (`true`) or withdrawn.
    pub granted: bool,
    /// How it was given.
    pub method: ConsentMethod,
    /// What it rests on; the method's usual basis when not said.
    pub basis: Option<LegalBasis>,
    /// Where, in the shop's words ("phone call", "till", "checkout").
    pub source: String,
    /// The evidence: the wording shown, who took it, the reference of a signed form.
    pub evidence: Option<String>,
}

/// Records `answer` for `customer_id` now: the ledger gains an entry even when the answer is the one
/// already on record (new evidence of it); the audit entry names the change when the answer changed.
/// Returns the customer's ledger as it now stands.
pub fn record(
    app: &App,
    actor: &Actor,
    customer_id: &str,
    answer: &ConsentChange,
) -> Result<Vec<ConsentEvent>, AppError> {
    require(actor, Permission::EditCustomers)?;
    write_answers(app, actor, customer_id, std::slice::from_ref(answer))
}

/// Records answers to one customer whoever the actor, in one unit of work: the shop's doors check the
/// permission first; a customer's own signed link stands for itself ([`crate::preferences`]).
pub(crate) fn write_answers(
    app: &App,
    actor: &Actor,
    customer_id: &str,
    answers: &[ConsentChange],
) -> Result<Vec<ConsentEvent>, AppError> {
    for answer in answers {
        if answer.source.trim().is_empty() {
            return Err(FieldError::new("source", Problem::Required).into());
        }
        validate::optional_text(&answer.source, validate::SHORT_TEXT).map_err(|p| FieldError::new("source", p))?;
        if let Some(evidence) = &answer.evidence {
            validate::optional_text(evidence, validate::LONG_TEXT).map_err(|p| FieldError::new("evidence", p))?;
        }
    }
    change(app, actor, |tx, now| {
        let mut ledger = Vec::new();
        let mut actions = Vec::new();
        for answer in answers {
            let (after, mut done) = write_answer(tx, now, customer_id, answer)?;
            ledger = after;
            actions.append(&mut done);
        }
        Ok((ledger, actions))
    })
}

/// Writes one answer in `tx`; returns the ledger after it and the audit entry if anything changed.
pub(crate) fn write_answer(
    tx: &mut dyn ladder_store::Tx,
    now: chrono::DateTime<chrono::Utc>,
    customer_id: &str,
    answer: &ConsentChange,
) -> Result<(Vec<ConsentEvent>, Vec<Action>), AppError> {
    let before = tx.customer(customer_id)?.ok_or_else(|| AppError::NotFound(format!("customer {customer_id}")))?;
    // The same answer again (a second click on the unsubscribe link, a second later) changes nothing: the
    // store would take the new time for a new answer.
    let last = ladder_domain::consent::last_answer(&before.consent_ledger, answer.channel, answer.purpose);
    if last == Some(answer.granted) {
        return Ok((before.consent_ledger, Vec::new()));
    }
    let consent = Consent {
        channel: answer.channel,
        granted: answer.granted,
        at: Some(now),
        source: Some(answer.source.trim().to_owned()),
        purpose: answer.purpose,
        method: Some(answer.method),
        basis: answer.basis,
        evidence: answer.evidence.clone().filter(|e| !e.trim().is_empty()),
    };
    let only_consent =
        Customer { external_id: before.profile.external_id.clone(), consents: vec![consent], ..Customer::default() };
    tx.put_customer(&only_consent, &Evidence { at: now, source: answer.source.clone() }, Absent::Keep)?;
    tx.mark_data_changed(now)?;
    let after = tx.customer(customer_id)?.ok_or_else(|| AppError::NotFound(format!("customer {customer_id}")))?;
    let changes = match answer.purpose {
        Purpose::Marketing => differences(&before.profile, &after.profile),
        // Answers of other purposes are not profile fields; the audit names them alike.
        purpose => {
            let was = |ledger: &[ConsentEvent]| {
                ledger
                    .iter()
                    .rev()
                    .find(|e| e.channel == answer.channel && e.purpose == purpose)
                    .map(|e| if ladder_domain::consent::current(ledger, e.channel, purpose) { "yes" } else { "no" })
            };
            let field = format!("consent_{}_{}", answer.channel.as_str(), purpose.as_str());
            let (before, after) = (was(&before.consent_ledger), was(&after.consent_ledger));
            if before == after {
                Vec::new()
            } else {
                vec![FieldChange { field, before: before.map(str::to_owned), after: after.map(str::to_owned) }]
            }
        }
    };
    let actions = if changes.is_empty() {
        Vec::new()
    } else {
        vec![Action::CustomerChanged { customer_id: after.profile.external_id.clone(), changes }]
    };
    Ok((after.consent_ledger, actions))
}

/// A customer's consent ledger, oldest first.
pub fn history(app: &App, actor: &Actor, customer_id: &str) -> Result<Vec<ConsentEvent>, AppError> {
    require(actor, Permission::ViewCustomers)?;
    let detail =
        app.store().customer(customer_id)?.ok_or_else(|| AppError::NotFound(format!("customer {customer_id}")))?;
    Ok(detail.consent_ledger)
}

/// A text message received from `from`: when it is a request to stop
/// ([`ladder_domain::consent::is_stop_reply`]), every customer with that number withdraws their consent
/// to marketing and to the newsletter by text message, at once, with the reply as evidence. Returns the
/// customers it stopped; none for any other reply, or a number nobody has.
pub fn reply_received(
    app: &App,
    actor: &Actor,
    from: &str,
    text: &str,
    gateway: &str,
) -> Result<Vec<String>, AppError> {
    require(actor, Permission::EditCustomers)?;
    if !ladder_domain::consent::is_stop_reply(text) {
        return Ok(Vec::new());
    }
    let shop_country = app.store().shop_settings()?.country;
    let number = ladder_domain::phone::forms(from, shop_country.as_deref())
        .ok_or_else(|| FieldError::new("from", Problem::NotPhone))?;
    let customers = app.store().customers_with_phone(&number.e164)?;
    for customer in &customers {
        // Offers and the newsletter stop together, in one unit of work.
        let answers = [Purpose::Marketing, Purpose::Newsletter].map(|purpose| ConsentChange {
            channel: Channel::Sms,
            purpose,
            granted: false,
            method: ConsentMethod::ReplyStop,
            basis: None,
            source: gateway.to_owned(),
            evidence: Some(format!("{}: {}", number.e164, text.trim())),
        });
        write_answers(app, actor, customer, &answers)?;
    }
    Ok(customers)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Actor, App, ManualClock};
    use ladder_domain::consent::ConsentMethod;
    use std::sync::Arc;

    #[test]
    fn the_same_answer_a_second_later_changes_nothing() {
        let dir = tempfile::tempdir().expect("temporary folder");
        let store = ladder_store_sqlite::SqliteStore::open(dir.path().join("ladder.db")).expect("open");
        let clock = Arc::new(ManualClock::new(chrono::Utc::now()));
        let app = App::with_clock(Arc::new(store), clock.clone());
        let edit = crate::customers::ProfileEdit { first_name: "Dana".into(), ..Default::default() };
        crate::customers::create_customer(&app, &Actor::Cli, "C1", &edit, "till").expect("a customer");
        let answer = |granted| ConsentChange {
            channel: ladder_domain::Channel::Email,
            purpose: Purpose::Marketing,
            granted,
            method: ConsentMethod::OneClick,
            basis: None,
            source: "one-click unsubscribe".into(),
            evidence: None,
        };
        record(&app, &Actor::Cli, "C1", &answer(true)).expect("grant");
        record(&app, &Actor::Cli, "C1", &answer(false)).expect("withdraw");
        clock.advance(chrono::Duration::seconds(2));
        let ledger = record(&app, &Actor::Cli, "C1", &answer(false)).expect("withdraw again");
        assert_eq!(ledger.len(), 2, "a withdrawal twice is one withdrawal: {ledger:?}");
        let ledger = record(&app, &Actor::Cli, "C1", &answer(true)).expect("grant again");
        assert_eq!(ledger.len(), 3, "a changed answer is a new entry");
    }
}
