//! The call list: messages on the phone channel (a broadcast of a call script) wait for a person to
//! make the call. Each shows the script rendered for its customer; the call's outcome is recorded in
//! one unit of work — the interaction on the customer's history, the message done (or back for another
//! try), a refusal withdrawing consent to calls, a wrong number blocked. Assigning calls to people comes
//! with playbooks.

use crate::{Actor, App, AppError, change, require};
use chrono::Duration;
use ladder_domain::audit::Action;
use ladder_domain::consent::{ConsentMethod, Purpose};
use ladder_domain::messaging::{OutboxStatus, SuppressionReason};
use ladder_domain::{Channel, Interaction, InteractionKind, Permission};
use ladder_store::{Delivery, OutboxMessage, OutboxQuery, Suppression};
use serde::{Deserialize, Serialize};

/// A call to make.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Call {
    /// The message it is.
    pub message: OutboxMessage,
    /// Whom to call.
    pub name: String,
    /// Their number.
    pub phone: Option<String>,
    /// What to say, rendered for them; or why there is nothing to say.
    pub script: Result<String, String>,
    /// The script's direction (`rtl`, `ltr`).
    pub direction: &'static str,
}

/// The calls due now, oldest first, at most `limit`.
pub fn call_list(app: &App, actor: &Actor, limit: u32) -> Result<Vec<Call>, AppError> {
    require(actor, Permission::ViewCustomers)?;
    let store = app.store();
    let now = app.now();
    let mut due: Vec<OutboxMessage> = Vec::new();
    for status in [OutboxStatus::Queued, OutboxStatus::Held] {
        let query =
            OutboxQuery { status: Some(status), channel: Some(Channel::Phone), limit, ..OutboxQuery::default() };
        due.extend(store.outbox(&query)?.into_iter().filter(|m| m.not_before.is_none_or(|t| t <= now)));
    }
    due.sort_by_key(|m| m.id);
    due.truncate(limit as usize);
    let shop = store.shop_settings()?;
    let mut calls = Vec::with_capacity(due.len());
    let versions = crate::templates::Versions::default();
    for message in due {
        let Some(detail) = store.customer(&message.customer_id)? else { continue };
        let template = versions.of(store, &message)?;
        let about = crate::templates::about(app, &detail, &shop)?;
        let (script, direction) = match &template {
            Some(t) => {
                let data = crate::templates::merge_data(&detail, &shop, &t.language, None, &about);
                let direction = if ladder_domain::template::is_right_to_left(&t.language) { "rtl" } else { "ltr" };
                (crate::templates::render(t, &data).map(|r| r.body).map_err(|s| s.reason), direction)
            }
            None => (Err("no template".to_owned()), "ltr"),
        };
        let p = &detail.profile;
        let name = ladder_domain::customer::display_name(
            &p.external_id,
            p.first_name.as_deref(),
            p.last_name.as_deref(),
            p.company.as_deref(),
        );
        calls.push(Call { name, phone: p.phone.clone(), script, direction, message });
    }
    Ok(calls)
}

/// How a call went.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CallOutcome {
    /// They answered and heard it.
    Reached,
    /// Nobody answered: the call comes back tomorrow.
    NoAnswer,
    /// They asked not to be called with offers again: their consent to calls is withdrawn.
    Declined,
    /// The number is not theirs or does not exist: it is blocked.
    WrongNumber,
}

impl CallOutcome {
    /// Its name, as forms and the history write it.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Reached => "reached",
            Self::NoAnswer => "no_answer",
            Self::Declined => "declined",
            Self::WrongNumber => "wrong_number",
        }
    }

    /// The outcome a form names.
    pub fn parse(text: &str) -> Option<Self> {
        [Self::Reached, Self::NoAnswer, Self::Declined, Self::WrongNumber].into_iter().find(|o| o.as_str() == text)
    }
}

/// Records a call's outcome, in one unit of work; false when the call was recorded already.
pub fn record_call(
    app: &App,
    actor: &Actor,
    message_id: i64,
    outcome: CallOutcome,
    note: Option<&str>,
) -> Result<bool, AppError> {
    require(actor, Permission::AddInteractions)?;
    let note = note.map(str::trim).filter(|n| !n.is_empty());
    if let Some(note) = note {
        ladder_domain::validate::optional_text(note, ladder_domain::validate::LONG_TEXT)
            .map_err(|p| ladder_domain::validate::FieldError::new("note", p))?;
    }
    let store = app.store();
    let message = store
        .outbox_message(message_id)?
        .filter(|m| m.channel == Channel::Phone)
        .ok_or_else(|| AppError::NotFound(format!("call {message_id}")))?;
    let detail = store
        .customer(&message.customer_id)?
        .ok_or_else(|| AppError::NotFound(format!("customer {}", message.customer_id)))?;
    let country = detail.profile.country.clone().or(store.shop_settings()?.country);
    change(app, actor, |tx, now| {
        let delivery = match outcome {
            CallOutcome::Reached | CallOutcome::Declined => Delivery::Sent(now),
            CallOutcome::NoAnswer => {
                Delivery::Failed { error: "no answer".into(), retry_at: Some(now + Duration::days(1)) }
            }
            CallOutcome::WrongNumber => Delivery::Failed { error: "wrong number".into(), retry_at: None },
        };
        if !tx.record_delivered_by_hand(message.id, &delivery)? {
            return Ok((false, Vec::new()));
        }
        let customer_id = message.customer_id.clone();
        let words = match note {
            Some(n) => format!("{} ({}): {n}", message.template, outcome.as_str()),
            None => format!("{} ({})", message.template, outcome.as_str()),
        };
        let call = Interaction {
            customer_external_id: customer_id.clone(),
            at: now,
            kind: InteractionKind::Call,
            note: Some(words),
            campaign_code: None,
        };
        tx.put_interaction(&call)?;
        tx.mark_data_changed(now)?;
        let mut actions =
            vec![Action::InteractionAdded { customer_id: customer_id.clone(), kind: InteractionKind::Call }];
        match outcome {
            CallOutcome::Declined => {
                let evidence = format!("declined on the call of {}", message.message_id);
                actions.append(&mut refuse_calls(tx, now, &customer_id, "call list", evidence)?);
            }
            CallOutcome::WrongNumber => {
                actions.extend(block_number(tx, now, &detail, country.as_deref(), "call list", note)?);
            }
            CallOutcome::Reached | CallOutcome::NoAnswer => {}
        }
        Ok((true, actions))
    })
}

/// Withdraws a customer's consent to calls with offers, in the caller's unit of work: they said no on
/// a call.
pub(crate) fn refuse_calls(
    tx: &mut dyn ladder_store::Tx,
    now: chrono::DateTime<chrono::Utc>,
    customer_id: &str,
    source: &str,
    evidence: String,
) -> Result<Vec<Action>, AppError> {
    let answer = crate::consent::ConsentChange {
        channel: Channel::Phone,
        purpose: Purpose::Marketing,
        granted: false,
        method: ConsentMethod::Staff,
        basis: None,
        source: source.into(),
        evidence: Some(evidence),
    };
    Ok(crate::consent::write_answer(tx, now, customer_id, &answer)?.1)
}

/// Blocks a customer's number as not theirs, in the caller's unit of work; none when they have none.
pub(crate) fn block_number(
    tx: &mut dyn ladder_store::Tx,
    now: chrono::DateTime<chrono::Utc>,
    detail: &ladder_store::CustomerDetail,
    country: Option<&str>,
    source: &str,
    note: Option<&str>,
) -> Result<Option<Action>, AppError> {
    let Some(normal) = detail
        .profile
        .phone
        .as_deref()
        .and_then(|number| ladder_domain::messaging::address_key(Channel::Phone, number, country))
    else {
        return Ok(None);
    };
    let hint = ladder_domain::messaging::masked(&normal);
    tx.suppress(&Suppression {
        channel: Channel::Phone,
        key: crate::deliverability::key_of(Channel::Phone, &normal),
        hint: hint.clone(),
        reason: SuppressionReason::InvalidNumber,
        at: now,
        source: source.into(),
        detail: note.map(str::to_owned),
    })?;
    Ok(Some(Action::AddressSuppressed { channel: Channel::Phone, hint, reason: SuppressionReason::InvalidNumber }))
}
