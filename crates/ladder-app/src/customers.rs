//! Changing customers one at a time — the profile form, the API, a note or a call, an order posted by a
//! web shop, an order marked one-off — each in one unit of work with its "data changed" mark and its
//! audit entry, and (for orders) the customer's new place on the ladder.

use crate::score::{LastScoring, score_customer};
use crate::{Action, Actor, App, AppError, change, require};
use ladder_domain::audit::{FieldChange, changes_between};
use ladder_domain::validate::{self, FieldError, Problem};
use ladder_domain::{Channel, Consent, Customer, Interaction, Order, Permission};
use ladder_store::{Absent, CustomerDetail, Evidence, ScoreRecord, StoreError, Tx, WriteOutcome};

/// A customer's fields as text, by the customers file's column names, for telling what changed: every
/// profile field, the tags, and each channel's consent as `yes` or `no`.
fn fields(c: &Customer) -> Vec<(String, Option<String>)> {
    let t = |v: &Option<String>| v.clone().filter(|v| !v.is_empty());
    let mut out: Vec<(String, Option<String>)> = vec![
        ("kind".into(), c.kind.map(|k| k.as_str().to_owned())),
        ("first_name".into(), t(&c.first_name)),
        ("last_name".into(), t(&c.last_name)),
        ("company".into(), t(&c.company)),
        ("industry".into(), t(&c.industry)),
        ("email".into(), t(&c.email)),
        ("phone".into(), t(&c.phone)),
        ("address".into(), t(&c.address)),
        ("city".into(), t(&c.city)),
        ("region".into(), t(&c.region)),
        ("country".into(), t(&c.country)),
        ("birthday".into(), c.birthday.map(|b| b.to_string())),
        ("profession".into(), t(&c.profession)),
        ("income_band".into(), t(&c.income_band)),
        ("preferred_language".into(), t(&c.preferred_language)),
        ("preferred_channel".into(), c.preferred_channel.map(|ch| ch.as_str().to_owned())),
        ("referred_by".into(), t(&c.referred_by)),
        ("tags".into(), Some(ladder_domain::customer::join_tags(&c.tags)).filter(|t| !t.is_empty())),
    ];
    for channel in Channel::ALL {
        let answer = c.consents.iter().rev().find(|k| k.channel == *channel).map(|k| k.granted);
        out.push((format!("consent_{}", channel.as_str()), answer.map(|g| if g { "yes" } else { "no" }.to_owned())));
    }
    let mut names: Vec<&String> = c.attributes.keys().collect();
    names.sort();
    for name in names {
        out.push((name.clone(), c.attributes.get(name).cloned()));
    }
    out
}

/// What differs between two versions of a customer, field by field (consents as yes and no).
pub fn differences(before: &Customer, after: &Customer) -> Vec<FieldChange> {
    changes_between(&fields(before), &fields(after))
}

/// What a person typed in a customer's profile form; empty text clears a field.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ProfileEdit {
    /// `person` or `business`, or empty.
    pub kind: String,
    /// First name.
    pub first_name: String,
    /// Last name.
    pub last_name: String,
    /// Company.
    pub company: String,
    /// Industry.
    pub industry: String,
    /// Email address.
    pub email: String,
    /// Phone number.
    pub phone: String,
    /// Street address.
    pub address: String,
    /// City.
    pub city: String,
    /// Region or district.
    pub region: String,
    /// Country code.
    pub country: String,
    /// Birthday: `YYYY-MM-DD`, or `--MM-DD` without the year.
    pub birthday: String,
    /// Profession.
    pub profession: String,
    /// Income band, as the shop names its bands.
    pub income_band: String,
    /// The id of the customer who brought them.
    pub referred_by: String,
    /// Custom fields, one `name: value` per line.
    pub attributes: String,
    /// Preferred language.
    pub preferred_language: String,
    /// Preferred channel.
    pub preferred_channel: String,
    /// Tags, separated by commas.
    pub tags: String,
    /// Each channel's answer; `None` leaves it as it is.
    pub consents: Vec<(Channel, Option<bool>)>,
}

fn text(value: &str) -> Option<String> {
    Some(value.trim()).filter(|v| !v.is_empty()).map(str::to_owned)
}

/// Custom fields as the form shows them: `name: value`, one per line.
pub fn attributes_text(attributes: &std::collections::BTreeMap<String, String>) -> String {
    attributes.iter().map(|(k, v)| format!("{k}: {v}")).collect::<Vec<_>>().join("\n")
}

impl ProfileEdit {
    /// The form's fields on `c`, the consents that changed recorded with `source` at `now`; the first
    /// field that is not a value is named.
    fn apply(&self, c: &mut Customer, now: chrono::DateTime<chrono::Utc>, source: &str) -> Result<(), FieldError> {
        c.kind = match text(&self.kind) {
            None => None,
            Some(v) => Some(ladder_domain::CustomerKind::parse(&v).ok_or_else(|| {
                FieldError::new("kind", Problem::NotOneOf { choices: ladder_domain::CustomerKind::names() })
            })?),
        };
        c.first_name = text(&self.first_name);
        c.last_name = text(&self.last_name);
        c.company = text(&self.company);
        c.industry = text(&self.industry);
        c.email = text(&self.email);
        c.phone = text(&self.phone);
        c.address = text(&self.address);
        c.city = text(&self.city);
        c.region = text(&self.region);
        c.country = text(&self.country).map(|v| v.to_uppercase());
        c.birthday = match text(&self.birthday) {
            None => None,
            Some(v) => Some(
                ladder_domain::Birthday::parse(&v).map_err(|_| FieldError::new("birthday", Problem::NotBirthday))?,
            ),
        };
        c.profession = text(&self.profession);
        c.income_band = text(&self.income_band);
        c.referred_by = text(&self.referred_by);
        c.preferred_language = text(&self.preferred_language);
        c.preferred_channel = match text(&self.preferred_channel) {
            None => None,
            Some(v) => Some(Channel::parse(&v).ok_or_else(|| {
                FieldError::new("preferred_channel", Problem::NotOneOf { choices: Channel::names() })
            })?),
        };
        c.tags = ladder_domain::customer::split_tags(&self.tags);
        let mut attributes = std::collections::BTreeMap::new();
        for line in self.attributes.lines().filter(|l| !l.trim().is_empty()) {
            let (name, value) =
                line.split_once([':', '=']).ok_or_else(|| FieldError::new("attributes", Problem::NotAttribute))?;
            let name = name.trim().to_lowercase();
            if name.is_empty() {
                return Err(FieldError::new("attributes", Problem::NotAttribute));
            }
            attributes.insert(name, value.trim().to_owned());
        }
        c.attributes = attributes;
        for (channel, answer) in &self.consents {
            let Some(granted) = *answer else { continue };
            let current = c.consents.iter().rev().find(|k| k.channel == *channel).map(|k| k.granted);
            if current != Some(granted) {
                c.consents.retain(|k| k.channel != *channel);
                c.consents.push(Consent {
                    channel: *channel,
                    granted,
                    at: Some(now),
                    source: Some(source.to_owned()),
                    ..Consent::PLAIN
                });
            }
        }
        Ok(())
    }
}

/// The referrer of `c` must exist and be someone else.
fn check_referrer(tx: &mut dyn Tx, c: &Customer) -> Result<(), AppError> {
    match c.referred_by.as_deref() {
        Some(r) if r == c.external_id => Err(FieldError::new("referred_by", Problem::SelfReferral).into()),
        Some(r) if !tx.customer_known(r)? => Err(FieldError::new("referred_by", Problem::Unknown).into()),
        _ => Ok(()),
    }
}

/// Adds a customer from the form a person fills in on the customers page: a new id (one in use is
/// refused), every field checked as the profile form checks it, the audit entry with what was given.
pub fn create_customer(
    app: &App,
    actor: &Actor,
    customer_id: &str,
    edit: &ProfileEdit,
    source: &str,
) -> Result<CustomerDetail, AppError> {
    require(actor, Permission::EditCustomers)?;
    let id = validate::required_text(customer_id, validate::ID_MAX).map_err(|p| FieldError::new("customer_id", p))?;
    change(app, actor, |tx, now| {
        if tx.customer_known(&id)? {
            return Err(FieldError::new("customer_id", Problem::Taken).into());
        }
        let mut c = Customer { external_id: id.clone(), created_at: Some(now), ..Customer::default() };
        edit.apply(&mut c, now, source)?;
        validate::customer(&c, now.date_naive())?;
        check_referrer(tx, &c)?;
        tx.put_customer(&c, &Evidence { at: now, source: source.to_owned() }, Absent::Clear)?;
        tx.mark_data_changed(now)?;
        let created = tx.customer(&id)?.ok_or_else(|| AppError::NotFound(format!("customer {id}")))?;
        Ok((created, vec![Action::CustomerCreated { customer_id: id.clone() }]))
    })
}

/// Changes a customer's profile and consents from the profile form: each field checked by the domain's
/// validator, a consent that changes recorded with `source` and the time, the audit entry naming what
/// changed (before and after). Nothing changed: nothing is written.
pub fn save_profile(
    app: &App,
    actor: &Actor,
    customer_id: &str,
    edit: &ProfileEdit,
    source: &str,
) -> Result<Vec<FieldChange>, AppError> {
    require(actor, Permission::EditCustomers)?;
    change(app, actor, |tx, now| {
        let detail = tx.customer(customer_id)?.ok_or_else(|| AppError::NotFound(format!("customer {customer_id}")))?;
        let mut c = detail.profile.clone();
        edit.apply(&mut c, now, source)?;
        validate::customer(&c, now.date_naive())?;
        check_referrer(tx, &c)?;
        let changed = differences(&detail.profile, &c);
        if changed.is_empty() {
            return Ok((changed, Vec::new()));
        }
        // The form shows every field: one emptied there is removed.
        tx.put_customer(&c, &Evidence { at: now, source: source.to_owned() }, Absent::Clear)?;
        tx.mark_data_changed(now)?;
        let action = Action::CustomerChanged { customer_id: customer_id.to_owned(), changes: changed.clone() };
        Ok((changed, vec![action]))
    })
}

/// Creates or updates a customer as the API (or a form of every field) gives it: checked field by field,
/// the referrer known, consents without a date of their own recorded with `source` and the time.
/// Returns what was written and the customer as stored.
pub fn put_customer(
    app: &App,
    actor: &Actor,
    customer: &Customer,
    source: &str,
) -> Result<(WriteOutcome, CustomerDetail), AppError> {
    require(actor, Permission::EditCustomers)?;
    validate::customer(customer, app.now().date_naive())?;
    change(app, actor, |tx, now| {
        // An id merged away means the customer it was merged into.
        let aliases = tx.aliases()?;
        let mut customer = customer.clone();
        for id in std::iter::once(&mut customer.external_id).chain(customer.referred_by.as_mut()) {
            if let Some(kept) = aliases.get(id.as_str()) {
                id.clone_from(kept);
            }
        }
        let customer = &customer;
        if let Some(referrer) = customer.referred_by.as_deref()
            && !tx.customer_known(referrer)?
        {
            return Err(FieldError::new("referred_by", Problem::Unknown).into());
        }
        let before = tx.customer(&customer.external_id)?;
        // The fields the call leaves out stay as they are.
        let outcome = tx.put_customer(customer, &Evidence { at: now, source: source.to_owned() }, Absent::Keep)?;
        let detail = tx.customer(&customer.external_id)?.ok_or_else(|| StoreError::NotFound("the customer".into()))?;
        let action = match (&before, outcome) {
            (_, WriteOutcome::Unchanged) => return Ok(((outcome, detail), Vec::new())),
            (None, _) => Action::CustomerCreated { customer_id: customer.external_id.clone() },
            (Some(old), _) => Action::CustomerChanged {
                customer_id: customer.external_id.clone(),
                changes: differences(&old.profile, &detail.profile),
            },
        };
        tx.mark_data_changed(now)?;
        Ok(((outcome, detail), vec![action]))
    })
}

/// Records an interaction (a note, a call, a click) with its customer's "data changed" mark; the same one
/// twice is recorded once.
pub fn add_interaction(app: &App, actor: &Actor, interaction: &Interaction) -> Result<WriteOutcome, AppError> {
    require(actor, Permission::AddInteractions)?;
    if let Some(note) = &interaction.note {
        validate::optional_text(note, validate::LONG_TEXT).map_err(|p| FieldError::new("note", p))?;
    }
    change(app, actor, |tx, now| {
        if !tx.customer_known(&interaction.customer_external_id)? {
            return Err(FieldError::new("customer_id", Problem::Unknown).into());
        }
        let outcome = tx.put_interaction(interaction)?;
        if outcome == WriteOutcome::Unchanged {
            return Ok((outcome, Vec::new()));
        }
        tx.mark_data_changed(now)?;
        // A complaint starts its playbook within a second.
        if let Some(detail) = tx.customer(&interaction.customer_external_id)? {
            crate::jobs::queue_playbook_events(tx, now, detail.id)?;
        }
        let action =
            Action::InteractionAdded { customer_id: interaction.customer_external_id.clone(), kind: interaction.kind };
        Ok((outcome, vec![action]))
    })
}

/// An order as stored, and where its customer stands now.
#[derive(Debug, Clone, PartialEq)]
pub struct PlacedOrder {
    /// Inserted, updated or unchanged.
    pub outcome: WriteOutcome,
    /// The customer's new score (none before the shop's first scoring).
    pub placed: Option<ScoreRecord>,
}

/// What the lines of an order did, as one outcome.
fn order_outcome(lines: &[WriteOutcome]) -> WriteOutcome {
    if lines.contains(&WriteOutcome::Inserted) && lines.iter().all(|o| *o == WriteOutcome::Inserted) {
        WriteOutcome::Inserted
    } else if lines.iter().any(|o| *o != WriteOutcome::Unchanged) {
        WriteOutcome::Updated
    } else {
        WriteOutcome::Unchanged
    }
}

/// Writes an order and places its customer again at once, so a web shop's customer is on the right rung
/// before their next visit: the order, the mark, the new score and the audit entry in one unit of work.
pub fn put_order(app: &App, actor: &Actor, order: &Order) -> Result<PlacedOrder, AppError> {
    require(actor, Permission::EditCustomers)?;
    let now = app.now();
    validate::order_header(
        &order.external_id,
        &order.customer_external_id,
        order.campaign_code.as_deref(),
        order.ordered_at,
        now,
    )?;
    if order.lines.is_empty() {
        return Err(FieldError::new("lines", Problem::Required).into());
    }
    for line in &order.lines {
        validate::order_line(line, &order.currency)?;
    }
    let store = app.store();
    let last = LastScoring::read(store)?;
    let mut tx = store.begin_scoring(None)?;
    let order = &match tx.aliases()?.get(&order.customer_external_id) {
        Some(kept) => Order { customer_external_id: kept.clone(), ..order.clone() },
        None => order.clone(),
    };
    if !tx.customer_known(&order.customer_external_id)? {
        return Err(FieldError::new("customer_id", Problem::Unknown).into());
    }
    let outcome = order_outcome(&tx.put_order(order)?);
    let placed = if outcome == WriteOutcome::Unchanged {
        None
    } else {
        tx.mark_data_changed(now)?;
        let placed = score_customer(&last, tx.as_mut(), &order.customer_external_id, now.date_naive())?;
        // The playbooks the order starts (a referral's first order, reaching loyal) act within a second.
        if let Some(score) = &placed {
            crate::jobs::queue_playbook_events(tx.as_mut(), now, score.customer)?;
        }
        let action = Action::OrderSaved {
            order_id: order.external_id.clone(),
            customer_id: order.customer_external_id.clone(),
            outcome: if outcome == WriteOutcome::Inserted { "inserted" } else { "updated" }.to_owned(),
        };
        crate::audit(tx.as_mut(), actor, now, &action)?;
        placed
    };
    tx.commit()?;
    Ok(PlacedOrder { outcome, placed })
}

/// Marks one of a customer's orders one-off (a gift, a costume for one holiday: it stops counting), or
/// counts it again, and places the customer anew in the same unit of work.
pub fn mark_one_off(
    app: &App,
    actor: &Actor,
    customer_id: &str,
    order_id: &str,
    one_off: bool,
) -> Result<(), AppError> {
    require(actor, Permission::EditCustomers)?;
    let now = app.now();
    let store = app.store();
    let last = LastScoring::read(store)?;
    let mut tx = store.begin_scoring(None)?;
    let order = stored_order(tx.as_mut(), customer_id, order_id)?;
    if order.one_off != one_off {
        tx.put_order(&Order { one_off, ..order })?;
        tx.mark_data_changed(now)?;
        score_customer(&last, tx.as_mut(), customer_id, now.date_naive())?;
        let action =
            Action::OrderOneOff { order_id: order_id.to_owned(), customer_id: customer_id.to_owned(), one_off };
        crate::audit(tx.as_mut(), actor, now, &action)?;
    }
    tx.commit()?;
    Ok(())
}

/// One of a customer's orders as the domain's order, from what the store shows.
fn stored_order(tx: &mut dyn Tx, customer_id: &str, order_id: &str) -> Result<Order, AppError> {
    let detail = tx.customer(customer_id)?.ok_or_else(|| AppError::NotFound(format!("customer {customer_id}")))?;
    let view = detail
        .orders
        .into_iter()
        .find(|o| o.order_id == order_id)
        .ok_or_else(|| AppError::NotFound(format!("order {order_id}")))?;
    let currency = ladder_domain::Currency::parse(&view.currency)
        .map_err(|e| AppError::Conflict(format!("order {order_id} holds an unknown currency: {e}")))?;
    Ok(Order {
        external_id: view.order_id,
        customer_external_id: customer_id.to_owned(),
        ordered_at: view.ordered_at,
        currency,
        campaign_code: view.campaign_code,
        one_off: view.one_off,
        status: view.status,
        lines: view
            .lines
            .into_iter()
            .map(|l| ladder_domain::OrderLine {
                sku: l.sku,
                product_name: l.product_name,
                category: l.category,
                quantity: l.quantity,
                unit_price_minor: l.unit_price_minor,
            })
            .collect(),
    })
}
