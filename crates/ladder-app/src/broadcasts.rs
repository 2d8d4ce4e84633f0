//! Broadcasts: compose (template, audience, channel, when, campaign code), preview who will receive it
//! and who will not and why, then send — a job that decides for every member of the audience (address,
//! suppression, consent, caps, quiet hours, the days after a purchase) and enqueues one outbox message
//! each, skipped ones with their reason, in the same unit of work that finishes the job.

use crate::jobs::{self, worker::JobError};
use crate::{Actor, App, AppError, Progress, change, require};
use chrono::{DateTime, Duration, Utc};
use ladder_domain::Channel;
use ladder_domain::Permission;
use ladder_domain::audit::Action;
use ladder_domain::broadcast::{Audience, Broadcast, BroadcastStatus, cause};
use ladder_domain::consent::Purpose;
use ladder_domain::messaging::{MessagePurpose, OutboxStatus, Verdict, decide, decide_deferring};
use ladder_domain::shop::ShopSettings;
use ladder_domain::template::Template;
use ladder_domain::validate::{self, FieldError, Problem};
use ladder_store::{AudienceMember, AudienceQuery, CustomerQuery, NewBroadcast, NewJob, NewMessage};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// A broadcast as the shop composes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BroadcastDraft {
    /// Its name; the template's when empty.
    pub name: Option<String>,
    /// The template's name.
    pub template: String,
    /// The channel.
    pub channel: Channel,
    /// Whom it is for.
    pub audience: Audience,
    /// The campaign code its orders carry.
    pub campaign_code: Option<String>,
    /// Not before this time.
    pub send_at: Option<DateTime<Utc>>,
    /// A message the caps (the channel's window, the marketing cap) would skip waits until they free
    /// instead.
    pub defer_capped: bool,
}

/// Composes a broadcast; returns its id. The template must have a variant on the channel and be an
/// offer, a newsletter or a service message (a transactional one goes to one customer at a time).
pub fn create(app: &App, actor: &Actor, draft: &BroadcastDraft) -> Result<i64, AppError> {
    require(actor, Permission::ManageCampaigns)?;
    let store = app.store();
    let variants: Vec<Template> =
        store.templates()?.into_iter().filter(|t| t.name == draft.template && t.channel == draft.channel).collect();
    let Some(first) = variants.first() else {
        return Err(FieldError::new("template", Problem::Unknown).into());
    };
    if first.purpose == MessagePurpose::Transactional {
        let choices = "an offer, newsletter or service template".to_owned();
        return Err(FieldError::new("template", Problem::NotOneOf { choices }).into());
    }
    if let Audience::Segment { id } = draft.audience
        && store.segment(id)?.is_none()
    {
        return Err(FieldError::new("segment", Problem::Unknown).into());
    }
    let code = draft.campaign_code.as_deref().map(str::trim).filter(|c| !c.is_empty());
    if let Some(code) = code {
        validate::optional_text(code, validate::SHORT_TEXT).map_err(|p| FieldError::new("code", p))?;
    }
    let name = draft.name.as_deref().map(str::trim).filter(|n| !n.is_empty()).unwrap_or(&draft.template);
    validate::optional_text(name, validate::SHORT_TEXT).map_err(|p| FieldError::new("name", p))?;
    let new = NewBroadcast {
        name: name.to_owned(),
        template: draft.template.clone(),
        channel: draft.channel,
        audience: draft.audience.clone(),
        campaign_code: code.map(str::to_owned),
        send_at: draft.send_at,
        created_by: actor.name(),
        defer_capped: draft.defer_capped,
    };
    change(app, actor, |tx, now| {
        let id = tx.add_broadcast(&new, now)?;
        let action = Action::BroadcastCreated {
            broadcast_id: id,
            template: new.template.clone(),
            channel: new.channel,
            audience: new.audience.describe(),
        };
        Ok((id, vec![action]))
    })
}

/// One broadcast.
pub fn get(app: &App, actor: &Actor, id: i64) -> Result<Broadcast, AppError> {
    require(actor, Permission::ViewReports)?;
    app.store().broadcast(id)?.ok_or_else(|| AppError::NotFound(format!("broadcast {id}")))
}

/// Who will receive a broadcast and who will not, by reason.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Forecast {
    /// Members of the audience.
    pub audience: u64,
    /// Messages that go when it is sent.
    pub send: u64,
    /// Messages that wait (quiet hours, a closed day, a recent purchase), by reason.
    pub held: Vec<(String, u64)>,
    /// Messages that do not go, by reason.
    pub skipped: Vec<(String, u64)>,
    /// A text broadcast's parts and cost.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sms: Option<SmsForecast>,
}

/// What a text broadcast will cost, before it is sent: the network bills every part.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct SmsForecast {
    /// For each language variant: its messages that will go (now or later) and the parts of one,
    /// rendered for the first of them as the worker will send it (the ad label and the way to refuse
    /// included; a longer name or link elsewhere may add a part).
    pub variants: Vec<SmsVariant>,
    /// Parts in all.
    pub parts: u64,
    /// Their cost at the shop's price per part, in minor units of its currency (none without a price).
    pub cost_minor: Option<i64>,
    /// The shop's currency.
    pub currency: Option<String>,
}

/// One language variant of a text broadcast.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SmsVariant {
    /// Its language.
    pub language: String,
    /// Its messages that will go.
    pub messages: u64,
    /// The parts of one, and their encoding's units.
    pub length: ladder_domain::sms::SmsLength,
}

impl Forecast {
    fn count(&mut self, status: OutboxStatus, reason: Option<&str>) {
        self.audience += 1;
        let by = match status {
            OutboxStatus::Held => &mut self.held,
            OutboxStatus::Skipped => &mut self.skipped,
            _ => {
                self.send += 1;
                return;
            }
        };
        let reason = reason.unwrap_or_default();
        match by.iter_mut().find(|(r, _)| r == reason) {
            Some((_, n)) => *n += 1,
            None => by.push((reason.to_owned(), 1)),
        }
    }
}

/// What sending the broadcast now would do, written nowhere.
pub fn forecast(app: &App, actor: &Actor, id: i64) -> Result<Forecast, AppError> {
    require(actor, Permission::ViewReports)?;
    let broadcast = get(app, actor, id)?;
    let mut forecast = Forecast::default();
    // Of a text broadcast, each variant's messages that will go and the first customer of each.
    let mut texts: Vec<(String, u64, String)> = Vec::new();
    plan(app, &broadcast, app.now(), &crate::progress::NoProgress, &mut |m, customer_id| {
        forecast.count(m.status, m.reason.as_deref());
        if broadcast.channel == Channel::Sms && m.status != OutboxStatus::Skipped {
            match texts.iter_mut().find(|(language, _, _)| *language == m.language) {
                Some((_, n, _)) => *n += 1,
                None => texts.push((m.language.clone(), 1, customer_id.to_owned())),
            }
        }
        Ok(())
    })?;
    if broadcast.channel == Channel::Sms {
        forecast.sms = Some(sms_forecast(app, &broadcast, texts)?);
    }
    forecast.held.sort_by_key(|r| std::cmp::Reverse(r.1));
    forecast.skipped.sort_by_key(|r| std::cmp::Reverse(r.1));
    Ok(forecast)
}

/// The parts of each variant, rendered for its first recipient, and what they all cost.
fn sms_forecast(app: &App, broadcast: &Broadcast, texts: Vec<(String, u64, String)>) -> Result<SmsForecast, AppError> {
    let store = app.store();
    let shop = store.shop_settings()?;
    let templates = store.templates()?;
    let mut forecast = SmsForecast { currency: shop.currency.clone(), ..SmsForecast::default() };
    for (language, messages, customer_id) in texts {
        let template = templates
            .iter()
            .find(|t| t.name == broadcast.template && t.channel == Channel::Sms && t.language == language);
        let (Some(template), Some(detail)) = (template, store.customer(&customer_id)?) else { continue };
        let Ok(rendered) = crate::templates::render_for(app, template, &detail, &shop)? else { continue };
        let Some(length) = rendered.sms else { continue };
        forecast.parts = forecast.parts.saturating_add(messages.saturating_mul(length.parts as u64));
        forecast.variants.push(SmsVariant { language, messages, length });
    }
    forecast.cost_minor = shop
        .sending
        .sms_part_price_minor
        .map(|price| i64::try_from(forecast.parts).unwrap_or(i64::MAX).saturating_mul(price));
    Ok(forecast)
}

/// How long after a customer's message their withdrawal or their order counts as the broadcast's.
pub const RESULTS_WINDOW_DAYS: i64 = 7;

/// A broadcast with what sending it would do (a draft), or what became of its messages and what they
/// brought (once enqueued).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BroadcastReport {
    /// The broadcast.
    #[serde(flatten)]
    pub broadcast: Broadcast,
    /// For a draft: who will receive it and who will not.
    pub forecast: Option<Forecast>,
    /// Its messages by status and reason: sent, skipped by reason, bounced, failed, waiting.
    pub messages: Vec<MessageCount>,
    /// Once enqueued: unsubscriptions and orders (see [`ladder_store::BroadcastResults`]), counted
    /// within [`RESULTS_WINDOW_DAYS`] of each message.
    pub results: Option<ladder_store::BroadcastResults>,
}

/// Messages of one status and reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MessageCount {
    /// The status (`sent`, `skipped`, …).
    pub status: OutboxStatus,
    /// Why (a skip's or a hold's reason key).
    pub reason: Option<String>,
    /// How many.
    pub count: u64,
}

/// A broadcast's report: the forecast of a draft, or its messages and results.
pub fn report(app: &App, actor: &Actor, id: i64) -> Result<BroadcastReport, AppError> {
    let broadcast = get(app, actor, id)?;
    let draft = broadcast.status == BroadcastStatus::Draft;
    let forecast = if draft { Some(forecast(app, actor, id)?) } else { None };
    let messages = app
        .store()
        .outbox_summary(&cause(id))?
        .into_iter()
        .map(|(status, reason, count)| MessageCount { status, reason, count })
        .collect();
    let results = match broadcast.enqueued_at {
        Some(since) if !draft => {
            let code = broadcast
                .campaign_code
                .as_ref()
                .and_then(|c| ladder_store::campaigns::stored_codes(std::slice::from_ref(c)).into_iter().next());
            Some(app.store().broadcast_results(
                &cause(id),
                code.as_deref(),
                since,
                Duration::days(RESULTS_WINDOW_DAYS),
            )?)
        }
        _ => None,
    };
    Ok(BroadcastReport { broadcast, forecast, messages, results })
}

/// What a broadcast job does.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BroadcastPayload {
    /// Who sent it.
    pub actor: Actor,
    /// The broadcast.
    pub broadcast_id: i64,
}

/// Sends a draft: moves it on and enqueues the job that enqueues its messages, in one unit of work.
/// Sending one already sent does nothing and says so.
pub fn send(app: &App, actor: &Actor, id: i64) -> Result<ladder_store::JobId, AppError> {
    require(actor, Permission::ManageCampaigns)?;
    change(app, actor, |tx, now| {
        let broadcast = tx.broadcast(id)?.ok_or_else(|| AppError::NotFound(format!("broadcast {id}")))?;
        if !tx.move_broadcast(id, BroadcastStatus::Draft, BroadcastStatus::Queued, None)? {
            return Err(AppError::Conflict(format!(
                "broadcast {id} is {} already: it is sent once",
                broadcast.status.as_str()
            )));
        }
        let job = NewJob {
            kind: jobs::kind::BROADCAST.to_owned(),
            payload: serde_json::to_string(&BroadcastPayload { actor: actor.clone(), broadcast_id: id })
                .unwrap_or_default(),
            run_at: now,
            priority: 1,
            max_attempts: 5,
            dedupe_key: Some(cause(id)),
        };
        let job_id = jobs::enqueue(tx, actor, now, &job)?
            .ok_or_else(|| AppError::Conflict(format!("broadcast {id} is being sent")))?;
        Ok((job_id, vec![Action::BroadcastSent { broadcast_id: id }]))
    })
}

/// Messages enqueued per statement.
const CHUNK: usize = 5_000;

/// The broadcast job: every member's message enqueued, the broadcast marked enqueued and the job done in
/// one unit of work; run again after a crash it finds the broadcast enqueued and does nothing.
pub(crate) fn run(app: &App, payload: &BroadcastPayload, progress: &dyn Progress) -> Result<String, JobError> {
    let store = app.store();
    let id = payload.broadcast_id;
    let broadcast = store
        .broadcast(id)
        .map_err(|e| JobError::retry(e.to_string()))?
        .ok_or_else(|| JobError::permanent(format!("broadcast {id} is gone")))?;
    let now = app.now();
    let domain = message_domain(&store.shop_settings().map_err(|e| JobError::retry(e.to_string()))?);
    let mut tx = store.begin().map_err(|e| JobError::retry(e.to_string()))?;
    let mut batch = Vec::with_capacity(CHUNK);
    let (mut queued, mut skipped) = (0u64, 0u64);
    let flush = |tx: &mut dyn ladder_store::Tx, batch: &mut Vec<NewMessage>| -> Result<(), AppError> {
        tx.enqueue_messages(batch, now, &domain)?;
        batch.clear();
        Ok(())
    };
    plan(app, &broadcast, now, progress, &mut |m, _| {
        if m.status == OutboxStatus::Skipped {
            skipped += 1
        } else {
            queued += 1
        }
        batch.push(m);
        if batch.len() >= CHUNK {
            flush(tx.as_mut(), &mut batch)?;
        }
        Ok(())
    })?;
    flush(tx.as_mut(), &mut batch)?;
    let result = serde_json::json!({ "broadcast": id, "queued": queued, "skipped": skipped }).to_string();
    if tx
        .move_broadcast(id, BroadcastStatus::Queued, BroadcastStatus::Enqueued, Some((now, queued + skipped)))
        .map_err(|e| JobError::retry(e.to_string()))?
    {
        crate::audit(
            tx.as_mut(),
            &payload.actor,
            now,
            &Action::BroadcastEnqueued { broadcast_id: id, queued, skipped },
        )
        .map_err(|e| JobError::retry(e.to_string()))?;
    } else {
        // Not queued: enqueued by an earlier attempt (its messages are kept once by their key), or
        // called off. Nothing new is written.
        drop(tx);
        return Ok(serde_json::json!({ "broadcast": id, "already": broadcast.status.as_str() }).to_string());
    }
    progress.committing(tx.as_mut(), &result)?;
    tx.commit().map_err(|e| JobError::retry(e.to_string()))?;
    Ok(result)
}

/// The Message-IDs' domain: the sender address's, else `ladder.invalid`.
pub(crate) fn message_domain(shop: &ShopSettings) -> String {
    shop.sender
        .email
        .as_deref()
        .and_then(|e| e.rsplit_once('@'))
        .map_or_else(|| "ladder.invalid".to_owned(), |(_, d)| d.to_owned())
}

/// The customer query of an audience.
fn audience_query(app: &App, audience: &Audience) -> Result<CustomerQuery, AppError> {
    Ok(match audience {
        Audience::All | Audience::Newsletter => CustomerQuery::default(),
        Audience::Rung { rung, state } => {
            CustomerQuery { rung: Some(*rung), state: *state, ..CustomerQuery::default() }
        }
        Audience::Segment { id } => {
            let segment = app.store().segment(*id)?.ok_or_else(|| AppError::NotFound(format!("segment {id}")))?;
            let exponent = crate::segments::currency_exponent(app.store())?;
            let rule = crate::segments::rule(&segment)?;
            CustomerQuery { limit: 0, offset: 0, ..crate::segments::query(&rule, exponent) }
        }
    })
}

/// Decides for every member of the broadcast's audience and hands each message to `each`, in the
/// customers' order: two scans of the database (the contact log, the audience) and one suppression
/// lookup per thousand members.
fn plan(
    app: &App,
    broadcast: &Broadcast,
    now: DateTime<Utc>,
    progress: &dyn Progress,
    each: &mut dyn FnMut(NewMessage, &str) -> Result<(), AppError>,
) -> Result<(), AppError> {
    let store = app.store();
    let shop = store.shop_settings()?;
    let variants: Vec<Template> = store
        .templates()?
        .into_iter()
        .filter(|t| t.name == broadcast.template && t.channel == broadcast.channel)
        .collect();
    if variants.is_empty() {
        return Err(AppError::NotFound(format!("template {} on {}", broadcast.template, broadcast.channel.as_str())));
    }
    let purpose = variants[0].purpose;
    let gate = crate::gate::Gate::load(store, now, None)?;
    let query = AudienceQuery {
        customers: audience_query(app, &broadcast.audience)?,
        channel: broadcast.channel,
        purpose: purpose.consent().unwrap_or(Purpose::Marketing),
        consented_only: broadcast.audience == Audience::Newsletter,
    };
    let total = store.count_customers(&query.customers, u64::MAX)?;
    progress.begin("Deciding for each customer", Some(total));
    let send_at = broadcast.send_at.filter(|t| *t > now);
    let cause = cause(broadcast.id);
    // The variant for each language met, chosen once: a customer's own, else the shop's.
    let mut chosen: HashMap<Option<String>, (String, u32)> = HashMap::new();
    let mut variant_of = |language: Option<&str>| -> (String, u32) {
        chosen
            .entry(language.map(str::to_owned))
            .or_insert_with(|| {
                let t = crate::templates::variant(
                    &variants,
                    &broadcast.template,
                    broadcast.channel,
                    language,
                    &shop.language,
                )
                .unwrap_or_else(|| variants[0].clone());
                (t.language, t.version)
            })
            .clone()
    };
    // The sender chose whether what the caps would skip waits for them instead.
    let decider = if broadcast.defer_capped { decide_deferring } else { decide };
    let mut chunk: Vec<AudienceMember> = Vec::with_capacity(1000);
    let mut done = 0u64;
    let mut decide_chunk = |chunk: &mut Vec<AudienceMember>| -> Result<(), AppError> {
        let at = send_at.unwrap_or(now);
        let verdicts = gate.decide(store, chunk, broadcast.channel, purpose, at, decider)?;
        for (m, verdict) in chunk.drain(..).zip(verdicts) {
            let (status, reason, not_before) = match verdict {
                Verdict::Send => (OutboxStatus::Queued, None, send_at),
                Verdict::Hold { until, why } => (OutboxStatus::Held, Some(why.key().to_owned()), Some(until)),
                Verdict::Skip(why) => (OutboxStatus::Skipped, Some(why.key().to_owned()), None),
            };
            let (language, version) = variant_of(m.language.as_deref());
            each(
                NewMessage {
                    cause: cause.clone(),
                    customer: m.customer,
                    channel: broadcast.channel,
                    template: broadcast.template.clone(),
                    template_version: version,
                    language,
                    purpose,
                    status,
                    reason,
                    not_before,
                },
                &m.customer_id,
            )?;
        }
        Ok(())
    };
    let mut failed = None;
    store.each_audience_member(&query, &mut |m| {
        chunk.push(m);
        if chunk.len() == 1000 {
            if let Err(e) = decide_chunk(&mut chunk) {
                failed = Some(e);
                return Ok(false);
            }
            done += 1000;
            progress.set_position(done);
        }
        Ok(true)
    })?;
    if let Some(e) = failed {
        return Err(e);
    }
    decide_chunk(&mut chunk)?;
    progress.end();
    Ok(())
}
