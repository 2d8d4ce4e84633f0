//! One message to one customer, asked for by the shop's own system (an order's confirmation): checked,
//! and enqueued in the outbox in the same unit of work as its audit entry, once per key however often
//! it is asked for. Offers go out through broadcasts, which weigh consent and caps for each customer.
//! And what became of a sent one: shown again as it went, its tracked links followed.

use crate::{Actor, App, AppError, change, require};
use ladder_domain::audit::Action;
use ladder_domain::messaging::{MessagePurpose, OutboxStatus};
use ladder_domain::validate::{self, FieldError, Problem};
use ladder_domain::{Channel, Permission};
use ladder_store::{NewMessage, OutboxMessage, OutboxQuery};

/// What the shop's system asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MessageRequest {
    /// To whom.
    pub customer_id: String,
    /// The template's name.
    pub template: String,
    /// On which channel.
    pub channel: Channel,
    /// The caller's own key for this message (`order-1001-confirmation`): asked again with it, the
    /// message is not made twice.
    pub key: String,
}

/// Enqueues a transactional message; returns it as the outbox holds it, and whether it was new. A
/// customer without an address on the channel, or whose address is blocked, or for whom the template
/// lacks a field, gets a message `skipped` with the reason — never a blank one.
pub fn send_transactional(
    app: &App,
    actor: &Actor,
    request: &MessageRequest,
) -> Result<(OutboxMessage, bool), AppError> {
    require(actor, Permission::EditCustomers)?;
    let key = request.key.trim();
    if key.is_empty() {
        return Err(FieldError::new("key", Problem::Required).into());
    }
    validate::optional_text(key, validate::SHORT_TEXT).map_err(|p| FieldError::new("key", p))?;
    let store = app.store();
    let shop = store.shop_settings()?;
    let detail = store
        .customer(&request.customer_id)?
        .ok_or_else(|| FieldError::new("customer_id", Problem::UnknownCustomer))?;
    let profile = &detail.profile;
    let address = crate::delivery::address_of(profile, request.channel);
    let blocked = match &address {
        Some(a) => crate::deliverability::is_suppressed(store, request.channel, a, profile.country.as_deref())?,
        None => false,
    };
    let cause = format!("api:{key}");
    // Counted before the unit of work: it may read every order line once in ten minutes.
    let about = crate::templates::about(app, &detail, &shop)?;
    change(app, actor, |tx, now| {
        let language = profile.preferred_language.as_deref().unwrap_or(&shop.language);
        let template = match tx.latest_template(&request.template, request.channel, language)? {
            Some(t) => Some(t),
            None => tx.latest_template(&request.template, request.channel, &shop.language)?,
        }
        .ok_or_else(|| FieldError::new("template", Problem::Unknown))?;
        if template.purpose != MessagePurpose::Transactional {
            let choices = "a transactional template (offers go out through broadcasts)".to_owned();
            return Err(FieldError::new("template", Problem::NotOneOf { choices }).into());
        }
        let data = crate::templates::merge_data(&detail, &shop, &template.language, None, &about);
        let reason = if address.is_none() {
            Some("no address".to_owned())
        } else if blocked {
            Some("address blocked".to_owned())
        } else {
            crate::templates::render(&template, &data).err().map(|skipped| skipped.reason)
        };
        let status = if reason.is_some() { OutboxStatus::Skipped } else { OutboxStatus::Queued };
        let message = NewMessage {
            cause: cause.clone(),
            customer: detail.id,
            channel: request.channel,
            template: template.name.clone(),
            template_version: template.version,
            language: template.language.clone(),
            purpose: template.purpose,
            status,
            reason,
            not_before: None,
        };
        let added = tx.enqueue_messages(&[message], now, &crate::broadcasts::message_domain(&shop))? == 1;
        let actions = if added {
            vec![Action::MessageEnqueued {
                customer_id: profile.external_id.clone(),
                template: template.name.clone(),
                channel: request.channel,
            }]
        } else {
            Vec::new()
        };
        Ok((added, actions))
    })
    .and_then(|added| {
        let query = OutboxQuery {
            cause: Some(cause.clone()),
            customer_id: Some(profile.external_id.clone()),
            limit: 10,
            status: None,
            channel: Some(request.channel),
        };
        let found = store.outbox(&query)?.into_iter().next();
        found.map(|m| (m, added)).ok_or_else(|| AppError::NotFound(format!("message {cause}")))
    })
}

/// A message, and for a sent one its subject and text exactly as they went: rendered again from the
/// template's version it names and what it was rendered with (kept when it was sent).
pub fn shown(app: &App, actor: &Actor, id: i64) -> Result<(OutboxMessage, Option<SentText>), AppError> {
    require(actor, Permission::ViewCustomers)?;
    let store = app.store();
    let message = store.outbox_message(id)?.ok_or_else(|| AppError::NotFound(format!("message {id}")))?;
    let Some(kept) = store.merged_data(id)? else { return Ok((message, None)) };
    let kept: crate::delivery::Kept = serde_json::from_str(&kept).map_err(|e| {
        AppError::Conflict(format!("message {id} keeps what it was rendered with in a form Ladder cannot read: {e}"))
    })?;
    let template = store
        .template_versions(&message.template)?
        .into_iter()
        .find(|t| {
            t.channel == message.channel && t.language == message.language && t.version == message.template_version
        })
        .ok_or_else(|| AppError::NotFound(format!("template {} v{}", message.template, message.template_version)))?;
    let (subject, body) = kept.compose(&template).map_err(|s| AppError::Conflict(s.reason))?;
    Ok((message, Some(SentText { subject, body })))
}

/// What a sent message said.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct SentText {
    /// Its subject.
    pub subject: Option<String>,
    /// Its text.
    pub body: String,
}

/// Follows a tracked link: records the click on its message, in a unit of work, and returns the address
/// it leads to — one of that message's own, so the redirect can lead nowhere else. A token Ladder did
/// not sign, or of a message that was not sent, is not found.
pub fn follow(app: &App, token: &str) -> Result<String, AppError> {
    let not_found = || AppError::NotFound("this link".to_owned());
    let (id, n) = crate::links::LinkSigner::of(app)?.verify_click(token).ok_or_else(not_found)?;
    let kept = app.store().merged_data(id)?.ok_or_else(not_found)?;
    let kept: crate::delivery::Kept = serde_json::from_str(&kept).map_err(|_| not_found())?;
    let address = kept.tracked.iter().find(|t| t.n == n).map(|t| t.address.clone()).ok_or_else(not_found)?;
    let mut tx = app.store().begin()?;
    let recorded = tx.record_click(id, n, app.now())?;
    tx.commit()?;
    if !recorded {
        return Err(not_found());
    }
    Ok(address)
}
