//! The customer club: its rules, joining (one member or everyone), what the till and the customer page
//! show, the statement, redemptions with an idempotency key, staff adjustments and a lost card. The
//! points themselves are [`mod@evaluate`]d: orders earn, refunds reverse, time expires, tiers move.
//!
//! Every change is one unit of work with its audit entry; the ledger is the only record of points, so
//! a balance is always the sum of a member's rows.

pub mod card;
pub mod evaluate;
pub mod import;

use crate::{Action, Actor, App, AppError, change, require};
use chrono::{DateTime, NaiveDate, Utc};
use ladder_domain::Permission;
use ladder_domain::club::{ClubRules, EntryKind, Perk, card_number, check_card_number, plan_spend, referral_code};
use ladder_domain::validate::{FieldError, Problem};
use ladder_store::club::{Entry, Member, NewEntry, NewMember, PerkGrant};
use ladder_store::{CustomerId, Store, StoreError, Tx};
use serde::Serialize;

pub use evaluate::{Evaluation, evaluate, evaluate_member};

/// Members enrolled per unit of work when everyone joins: card numbers and referral codes are random keys,
/// so a small unit writes nearly every page of their indexes again; a unit of 200,000 takes about three
/// seconds on SQLite (an operation an owner runs once).
const ENROL_BATCH: u32 = 200_000;

/// The club's rules: as the shop saved them, else the defaults for its currency.
pub fn rules(store: &dyn Store) -> Result<ClubRules, AppError> {
    if let Some(json) = store.club_rules()? {
        return serde_json::from_str(&json).map_err(|e| {
            AppError::Store(StoreError::Configuration(format!("the club's saved rules cannot be read: {e}")))
        });
    }
    let currency = crate::shop::money(store)?.unwrap_or_else(|| ladder_domain::Currency::parse("EUR").expect("EUR"));
    Ok(ClubRules::for_currency(currency))
}

/// How long the till trusts the rules it read: a change made on another instance shows within this.
const RULES_FRESH_FOR: std::time::Duration = std::time::Duration::from_secs(5);

/// What the till reads on every card — the club's rules and the shop's time zone (its day) — read at
/// most five seconds ago.
#[derive(Default)]
pub struct CachedRules(std::sync::Mutex<Option<TillSettings>>);

#[derive(Clone)]
struct TillSettings {
    read_at: std::time::Instant,
    rules: std::sync::Arc<ClubRules>,
    tz: chrono_tz::Tz,
}

impl App {
    fn till_settings(&self) -> Result<TillSettings, AppError> {
        let mut kept = self.club_rules.0.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some(s) = kept.as_ref()
            && s.read_at.elapsed() < RULES_FRESH_FOR
        {
            return Ok(s.clone());
        }
        let read_at = std::time::Instant::now();
        let fresh = TillSettings {
            read_at,
            rules: std::sync::Arc::new(rules(self.store())?),
            tz: self.store().shop_settings()?.tz(),
        };
        *kept = Some(fresh.clone());
        Ok(fresh)
    }

    /// The club's rules as the till uses them: read again after a few seconds, at once after a change
    /// made through this instance.
    pub fn club_rules(&self) -> Result<std::sync::Arc<ClubRules>, AppError> {
        Ok(self.till_settings()?.rules)
    }

    /// Forgets the rules and the time zone read, after a change to either made through this instance.
    pub(crate) fn forget_club_rules(&self) {
        *self.club_rules.0.lock().unwrap_or_else(std::sync::PoisonError::into_inner) = None;
    }
}

/// Saves the club's rules, checked field by field.
pub fn set_rules(app: &App, actor: &Actor, rules: &ClubRules) -> Result<(), AppError> {
    require(actor, Permission::ManageSettings)?;
    rules.check()?;
    let json = serde_json::to_string(rules).map_err(|e| AppError::Conflict(e.to_string()))?;
    change(app, actor, |tx, now| {
        tx.put_club_rules(&json, now)?;
        Ok(((), vec![Action::ClubRulesChanged { terms_version: rules.terms_version.clone() }]))
    })?;
    app.forget_club_rules();
    Ok(())
}

/// The shop's today, in its time zone (as read at most a few seconds ago).
pub fn today(app: &App) -> Result<NaiveDate, AppError> {
    Ok(app.now().with_timezone(&app.till_settings()?.tz).date_naive())
}

/// How a customer came to join: recorded with the acceptance of the terms.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Joining {
    /// The customer's id.
    pub customer_id: String,
    /// Orders from this day earn points (default: from joining).
    pub since: Option<NaiveDate>,
    /// Where the terms were accepted: `till`, `web`, `api`, `import`, `cli`.
    pub channel: String,
    /// The address the acceptance came from, when it came over the network.
    pub address: Option<String>,
    /// The referral code the customer arrived with: the member who brought them.
    pub referral_code: Option<String>,
}

/// What the till, the customer page and the API show of a member.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MemberView {
    /// The customer's id.
    pub customer_id: String,
    /// The card in use.
    pub card_number: String,
    /// The tier's key.
    pub tier: Option<String>,
    /// Points that can be spent now.
    pub points_balance: i64,
    /// Points waiting for the pending period.
    pub points_pending: i64,
    /// Points expiring, soonest first.
    pub points_expiring: Vec<Expiring>,
    /// What the tier gives.
    pub perks: Vec<Perk>,
    /// The code friends bring.
    pub referral_code: String,
    /// When they joined.
    pub joined_at: DateTime<Utc>,
    /// What the available points are worth, in minor units of the shop's currency.
    pub balance_value_minor: i64,
}

/// Points expiring on a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Expiring {
    /// The first day they no longer count.
    pub on: NaiveDate,
    /// How many.
    pub points: i64,
}

/// A member as the till shows them on `day`.
pub fn view(store: &dyn Store, rules: &ClubRules, member: &Member, day: NaiveDate) -> Result<MemberView, AppError> {
    let (lots, given) = (store.club_open_lots(member.customer)?, store.club_perk_grants(member.customer)?);
    Ok(view_of(rules, member, &lots, &given, day))
}

/// The till: a member by card number (one read: the card, the member, their points), or by customer id,
/// email or phone, as they are on `day`, with the rules the till uses.
pub fn look_up(app: &App, key: &str, day: NaiveDate) -> Result<(Member, MemberView), AppError> {
    let rules = app.club_rules()?;
    if let Ok(number) = check_card_number(key.trim()) {
        let till =
            app.store().club_till(&number)?.ok_or_else(|| AppError::NotFound(format!("club member {number:?}")))?;
        refuse_blocked(&till.card, &till.member)?;
        let view = view_of(&rules, &till.member, &till.lots, &till.perks, day);
        return Ok((till.member, view));
    }
    let member = find(app.store(), key)?;
    let view = view(app.store(), &rules, &member, day)?;
    Ok((member, view))
}

/// Refuses a blocked card, saying when and why, and a blocked membership.
fn refuse_blocked(card: &ladder_store::club::Card, member: &Member) -> Result<(), AppError> {
    if let Some(at) = card.blocked_at {
        let on = at.date_naive().to_string();
        return Err(FieldError::new("card_number", Problem::CardBlocked { on }).into());
    }
    if member.blocked_at.is_some() {
        return Err(AppError::NotFound(format!("club member {:?}", card.number)));
    }
    Ok(())
}

/// What a member gets on `day`: their tier's perks, a friend's welcome until their first order earns,
/// and the perks given to them that hold that day — each once.
pub fn perks_on(rules: &ClubRules, member: &Member, given: &[PerkGrant], day: NaiveDate) -> Vec<Perk> {
    let mut perks = member.tier.as_deref().and_then(|t| rules.tier(t)).map(|t| t.perks.clone()).unwrap_or_default();
    let welcome = (member.referred_by.is_some() && !member.has_ordered).then_some(&rules.referral_welcome);
    let extra = welcome.into_iter().flatten().copied().chain(given.iter().filter(|g| g.holds_on(day)).map(|g| g.perk));
    for perk in extra {
        if !perks.contains(&perk) {
            perks.push(perk);
        }
    }
    perks
}

fn view_of(
    rules: &ClubRules,
    member: &Member,
    lots: &[ladder_domain::club::Lot],
    given: &[PerkGrant],
    day: NaiveDate,
) -> MemberView {
    let balance = ladder_store::club::Balance::of_lots(lots, day);
    let perks = perks_on(rules, member, given, day);
    MemberView {
        customer_id: member.customer_id.clone(),
        card_number: member.card_number.clone(),
        tier: member.tier.clone(),
        points_balance: balance.available,
        points_pending: balance.pending,
        points_expiring: balance.expiring.iter().map(|&(on, points)| Expiring { on, points }).collect(),
        perks,
        referral_code: member.referral_code.clone(),
        joined_at: member.joined_at,
        balance_value_minor: balance.available.saturating_mul(rules.point_value_minor),
    }
}

/// Finds a member by their customer id, a card number (spaces and dashes allowed), an email or a phone.
/// A blocked card is refused with what happened to it.
pub fn find(store: &dyn Store, key: &str) -> Result<Member, AppError> {
    let key = key.trim();
    let not_member = || not_member(key);
    let customer = if let Ok(number) = check_card_number(key) {
        // The till's path: the card and its member in one read.
        let (card, member) = store.club_member_by_card(&number)?.ok_or_else(not_member)?;
        refuse_blocked(&card, &member)?;
        return Ok(member);
    } else if key.contains('@') {
        let query = ladder_store::CustomerQuery { search: Some(key.to_owned()), limit: 20, ..Default::default() };
        let found = store.list_customers(&query)?;
        let hit = found.iter().find(|c| c.email.as_deref().is_some_and(|e| e.eq_ignore_ascii_case(key)));
        let id = hit.map(|c| c.customer_id.clone()).ok_or_else(not_member)?;
        store.club_customer_id(&id)?.ok_or_else(not_member)?
    } else if let Some(id) = store.club_customer_id(key)? {
        id
    } else {
        let country = store.shop_settings()?.country;
        let forms = ladder_domain::phone::forms(key, country.as_deref()).ok_or_else(not_member)?;
        let ids = store.customers_with_phone(&forms.e164)?;
        let id = ids.first().ok_or_else(not_member)?;
        store.club_customer_id(id)?.ok_or_else(not_member)?
    };
    let member = store.club_member(customer)?.ok_or_else(not_member)?;
    if member.blocked_at.is_some() {
        return Err(not_member());
    }
    Ok(member)
}

/// Whose points a redemption spends: a card read in its unit of work, or a member looked up before.
enum Spender {
    Card(String),
    Known(Box<Member>),
}

/// No member answers to `key`.
fn not_member(key: &str) -> AppError {
    AppError::NotFound(format!("club member {:?}", key.trim()))
}

/// A card number typed at the till, checked, or the field's problem.
pub fn typed_card(typed: &str) -> Result<String, AppError> {
    check_card_number(typed).map_err(|e| {
        let problem = match e {
            ladder_domain::club::CardError::Shape => Problem::NotCardNumber,
            ladder_domain::club::CardError::CheckDigit => Problem::CardCheckDigit,
        };
        AppError::Invalid(FieldError::new("card_number", problem))
    })
}

fn random<const N: usize>() -> Result<[u8; N], AppError> {
    let mut bytes = [0u8; N];
    getrandom::fill(&mut bytes).map_err(|e| AppError::Conflict(format!("no randomness for a card number: {e}")))?;
    Ok(bytes)
}

fn new_member(
    rules: &ClubRules,
    customer: CustomerId,
    at: DateTime<Utc>,
    earn_from: NaiveDate,
    evidence: &str,
    by: &str,
) -> Result<NewMember, AppError> {
    Ok(NewMember {
        customer,
        card_number: card_number(&rules.card_prefix, random()?),
        referral_code: referral_code(random()?),
        joined_at: at,
        earn_from,
        terms_version: rules.terms_version.clone(),
        terms_evidence: evidence.to_owned(),
        joined_by: by.to_owned(),
    })
}

/// The evidence of a member's acceptance of the terms: how (`channel`), by whom, from which address,
/// which version — and for an import, the file and line that recorded it.
fn evidence_of(actor: &Actor, channel: &str, address: Option<&str>, terms: &str, row: Option<(&str, u64)>) -> String {
    let mut proof =
        serde_json::json!({ "channel": channel, "by": actor.name(), "address": address, "terms_version": terms });
    if let Some((file, line)) = row {
        proof["file"] = file.into();
        proof["line"] = line.into();
    }
    proof.to_string()
}

/// Enrols a customer: a card, a referral code and the terms' acceptance with its evidence. Joining asks
/// nothing about marketing — that consent is asked and recorded apart. Orders from `since` (default:
/// today) earn their points at once, dated at the orders.
pub fn join(app: &App, actor: &Actor, joining: &Joining) -> Result<MemberView, AppError> {
    require(actor, Permission::AddInteractions)?;
    let rules = rules(app.store())?;
    if !rules.enabled {
        return Err(AppError::Conflict("the club takes no members: turn it on in the club's rules".to_owned()));
    }
    let store = app.store();
    let customer = store
        .club_customer_id(&joining.customer_id)?
        .ok_or_else(|| AppError::NotFound(format!("customer {}", joining.customer_id)))?;
    if store.club_member(customer)?.is_some() {
        return Err(AppError::Conflict(format!("customer {} is a member already", joining.customer_id)));
    }
    let referrer = match joining.referral_code.as_deref().map(ladder_domain::club::normal_referral_code) {
        Some(code) if !code.is_empty() => {
            let by = store.club_member_by_referral(&code)?;
            let by = by.ok_or_else(|| AppError::Invalid(FieldError::new("referral_code", Problem::UnknownReferrer)))?;
            if by.customer == customer {
                return Err(FieldError::new("referral_code", Problem::SelfReferral).into());
            }
            Some(by.customer_id)
        }
        _ => None,
    };
    let day = today(app)?;
    let earn_from = joining.since.unwrap_or(day);
    let currency = crate::shop::currency(store)?.unwrap_or_default();
    let channel = if joining.channel.is_empty() { "cli" } else { joining.channel.as_str() };
    let proof = evidence_of(actor, channel, joining.address.as_deref(), &rules.terms_version, None);
    for _ in 0..4 {
        let attempt = change(app, actor, |tx, now| {
            let member = new_member(&rules, customer, now, earn_from, &proof, &actor.name())?;
            tx.add_club_member(&member)?;
            let mut referred_by = None;
            if let Some(referrer) = &referrer
                && tx.link_club_referral(customer, referrer)?
            {
                referred_by = Some(referrer.clone());
            }
            let done = evaluate_member(tx, &rules, &currency, customer, day, now)?;
            // Joining is news for the playbooks (the welcome): the worker takes it within a second.
            crate::jobs::queue_playbook_events(tx, now, customer)?;
            let customer_id = joining.customer_id.clone();
            let action = Action::ClubJoined { customer_id, earn_from, points: done.earned, referred_by };
            Ok(((), vec![action]))
        });
        match attempt {
            // A card number or referral code drawn twice (one in 10¹² per member): draw again.
            Err(AppError::Conflict(_)) if store.club_member(customer)?.is_none() => continue,
            other => other?,
        }
        let member = store.club_member(customer)?.ok_or_else(|| AppError::NotFound("the new member".to_owned()))?;
        return view(store, &rules, &member, day);
    }
    Err(AppError::Conflict("could not draw a free card number; try again".to_owned()))
}

/// Enrols every customer who is not a member yet (orders from `since` earn points), in batches, then
/// evaluates the club so their points and tiers are there; returns how many joined.
pub fn enrol_everyone(
    app: &App,
    actor: &Actor,
    since: NaiveDate,
    progress: &dyn crate::Progress,
) -> Result<(u64, Evaluation), AppError> {
    require(actor, Permission::ManageSettings)?;
    let rules = rules(app.store())?;
    let proof = evidence_of(actor, "enrol_everyone", None, &rules.terms_version, None);
    let total = app.store().counts()?.customers;
    let started = std::time::Instant::now();
    progress.begin("enrolling members", Some(total));
    let (mut after, mut enrolled) = (0i64, 0u64);
    loop {
        let (last, joined) = change(app, actor, |tx, now| {
            let ids = tx.club_customers_to_enrol(after, ENROL_BATCH)?;
            let Some(last) = ids.last().map(|c| c.0) else { return Ok(((None, 0), Vec::new())) };
            let mut pending: Vec<CustomerId> = ids;
            let mut joined = 0u64;
            for _ in 0..4 {
                let members = pending
                    .iter()
                    .map(|&c| new_member(&rules, c, now, since, &proof, &actor.name()))
                    .collect::<Result<Vec<_>, _>>()?;
                let left = tx.add_club_members(&members)?;
                joined += (members.len() - left.len()) as u64;
                if left.is_empty() {
                    break;
                }
                pending = left;
            }
            Ok(((Some(last), joined), Vec::new()))
        })?;
        let Some(last) = last else { break };
        after = last;
        enrolled += joined;
        progress.set_position(enrolled);
    }
    progress.end();
    tracing::info!(seconds = started.elapsed().as_secs_f64(), members = enrolled, "club: everyone enrolled");
    change(app, actor, |tx, _| {
        tx.refresh_club_statistics()?;
        Ok(((), vec![Action::ClubEnrolled { members: enrolled }]))
    })?;
    let day = today(app)?;
    let evaluation = evaluate(app, actor, day, progress)?;
    change(app, actor, |tx, _| Ok((tx.refresh_club_statistics()?, Vec::new())))?;
    Ok((enrolled, evaluation))
}

/// A member's statement line: a ledger row with the balance after it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StatementLine {
    /// The row.
    #[serde(flatten)]
    pub entry: Entry,
    /// The ledger's sum up to and with this row.
    pub balance: i64,
}

/// A member's statement: every row, oldest first, with the running balance — it always adds up.
pub fn statement(store: &dyn Store, member: &Member) -> Result<Vec<StatementLine>, AppError> {
    let mut balance = 0i64;
    Ok(store
        .club_ledger(member.customer)?
        .into_iter()
        .map(|entry| {
            balance = balance.saturating_add(entry.points);
            StatementLine { entry, balance }
        })
        .collect())
}

/// Gives (positive) or takes (negative) points by hand, with a reason; given points can be spent at
/// once and expire as earned ones do; taken points come from what expires first.
pub fn adjust(app: &App, actor: &Actor, customer_id: &str, points: i64, reason: &str) -> Result<Entry, AppError> {
    require(actor, Permission::AdjustPoints)?;
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(FieldError::new("reason", Problem::Required).into());
    }
    if reason.chars().count() > 200 {
        return Err(FieldError::new("reason", Problem::TooLong { max: 200 }).into());
    }
    if points == 0 {
        return Err(FieldError::new("points", Problem::NotPositive).into());
    }
    let store = app.store();
    let rules = rules(store)?;
    let member = find(store, customer_id)?;
    let day = today(app)?;
    let id = change(app, actor, |tx, now| {
        tx.lock_club_member(member.customer)?;
        // Given points can be spent at once and expire as earned ones do; taken ones are drawn.
        let entry = if points > 0 {
            NewEntry {
                points,
                available_on: Some(day),
                expires_on: rules.expiry.expires_on(day),
                ..bare_entry(member.customer, EntryKind::Adjust, "staff", now, actor)
            }
        } else {
            draw_entry(tx, member.customer, EntryKind::Adjust, "staff", points.saturating_neg(), day, now, actor)?
        };
        let entry = NewEntry { note: Some(reason.to_owned()), ..entry };
        let id = tx.append_club_entry(&entry)?;
        let action =
            Action::ClubPointsAdjusted { customer_id: member.customer_id.clone(), points, reason: reason.to_owned() };
        Ok((id, vec![action]))
    })?;
    entry_by_id(store, member.customer, id)
}

fn entry_by_id(store: &dyn Store, customer: CustomerId, id: i64) -> Result<Entry, AppError> {
    store
        .club_ledger(customer)?
        .into_iter()
        .find(|e| e.id == id)
        .ok_or_else(|| AppError::NotFound(format!("ledger row {id}")))
}

/// A row of `kind` without points or draws yet.
fn bare_entry(customer: CustomerId, kind: EntryKind, reason: &str, at: DateTime<Utc>, actor: &Actor) -> NewEntry {
    NewEntry {
        customer,
        kind,
        reason: reason.to_owned(),
        points: 0,
        at,
        available_on: None,
        expires_on: None,
        order: None,
        reference: None,
        actor: actor.name(),
        note: None,
        unrecovered: 0,
        draws: Vec::new(),
    }
}

/// A row taking `points` (> 0) from the member's available lots, the first to expire first; refused
/// with the balance when they have fewer.
#[allow(clippy::too_many_arguments)]
fn draw_entry(
    tx: &mut dyn Tx,
    customer: CustomerId,
    kind: EntryKind,
    reason: &str,
    points: i64,
    day: NaiveDate,
    at: DateTime<Utc>,
    actor: &Actor,
) -> Result<NewEntry, AppError> {
    let lots = tx.club_lots(customer)?;
    let draws = plan_spend(&lots, points, day)
        .map_err(|available| AppError::Invalid(FieldError::new("points", Problem::NotEnoughPoints { available })))?;
    Ok(NewEntry { points: -points, draws, ..bare_entry(customer, kind, reason, at, actor) })
}

/// A redemption asked for at the till or by the web shop.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Redemption {
    /// The member's card, customer id, email or phone.
    pub member: String,
    /// Points to spend.
    pub points: i64,
    /// The till's or order's reference, kept with the row.
    pub reference: Option<String>,
    /// The client's idempotency key: the same key again returns the first answer and spends nothing.
    pub idempotency_key: Option<String>,
}

/// What a redemption did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Redeemed {
    /// The member.
    pub customer_id: String,
    /// The ledger row.
    pub entry_id: i64,
    /// Points spent.
    pub points: i64,
    /// Points left to spend.
    pub points_balance: i64,
    /// The same key was used before: this is the first answer, nothing was spent now.
    pub replayed: bool,
}

/// Spends a member's points, the first to expire first. Refused with the balance when they have fewer
/// available; a retried request with the same idempotency key spends nothing and answers as the first.
pub fn redeem(app: &App, actor: &Actor, r: &Redemption) -> Result<Redeemed, AppError> {
    require(actor, Permission::AddInteractions)?;
    if r.points <= 0 {
        return Err(FieldError::new("points", Problem::NotPositive).into());
    }
    let key = r.idempotency_key.as_deref().map(str::trim).filter(|k| !k.is_empty());
    if let Some(key) = key
        && key.chars().count() > 200
    {
        return Err(FieldError::new("idempotency_key", Problem::TooLong { max: 200 }).into());
    }
    let store = app.store();
    let day = today(app)?;
    // The till's card is read where the points are spent (one place, the writer's warm pages); an
    // email, phone or customer id is looked up first.
    let who = match check_card_number(r.member.trim()) {
        Ok(number) => Spender::Card(number),
        Err(_) => Spender::Known(Box::new(find(store, &r.member)?)),
    };
    let answer = |member: &Member, entry_id: i64, points_balance: i64, replayed: bool| Redeemed {
        customer_id: member.customer_id.clone(),
        entry_id,
        points: r.points,
        points_balance,
        replayed,
    };
    let other_use = || {
        AppError::Conflict(
            "this idempotency key was used for another redemption; use a new key for a new request".to_owned(),
        )
    };
    // One unit of work answers a retry and spends once: the member locked, the key looked up, the lots
    // read, drawn and the balance after them known without another read.
    let written = change(app, actor, |tx, now| {
        let member = match &who {
            Spender::Known(member) => {
                tx.lock_club_member(member.customer)?;
                (**member).clone()
            }
            Spender::Card(number) => {
                let (card, member) = tx.lock_club_member_by_card(number)?.ok_or_else(|| not_member(&r.member))?;
                refuse_blocked(&card, &member)?;
                member
            }
        };
        if let Some(key) = key
            && let Some((id, customer, points)) = tx.club_row_of_reference(key)?
        {
            if customer != member.customer || points != -r.points {
                return Err(other_use());
            }
            let available = ladder_domain::club::available(&tx.club_lots(member.customer)?, day);
            return Ok((answer(&member, id, available, true), Vec::new()));
        }
        let lots = tx.club_lots(member.customer)?;
        let draws = plan_spend(&lots, r.points, day).map_err(|available| {
            AppError::Invalid(FieldError::new("points", Problem::NotEnoughPoints { available }))
        })?;
        let entry = NewEntry {
            points: -r.points,
            draws,
            reference: key.map(str::to_owned),
            note: r.reference.clone(),
            ..bare_entry(member.customer, EntryKind::Redeem, "redeem", now, actor)
        };
        let id = tx.append_club_entry(&entry)?;
        let left = ladder_domain::club::available(&lots, day).saturating_sub(r.points);
        let action = Action::ClubPointsRedeemed {
            customer_id: member.customer_id.clone(),
            points: r.points,
            reference: r.reference.clone(),
        };
        Ok((answer(&member, id, left, false), vec![action]))
    });
    match written {
        // The same key, committed by a concurrent request after this one looked: its answer.
        Err(AppError::Conflict(why)) => match key.map(|k| store.club_entry_by_reference(k)).transpose()?.flatten() {
            Some(entry) if entry.points == -r.points => {
                let member = match who {
                    Spender::Known(member) => *member,
                    Spender::Card(_) => find(store, &r.member)?,
                };
                if entry.customer != member.customer {
                    return Err(other_use());
                }
                Ok(answer(&member, entry.id, store.club_balance(member.customer, day)?.available, true))
            }
            Some(_) => Err(other_use()),
            None => Err(AppError::Conflict(why)),
        },
        other => other,
    }
}

/// A lost or damaged card: the member gets a new number, the old one is blocked, the history stays.
pub fn replace_card(app: &App, actor: &Actor, customer_id: &str, reason: &str) -> Result<Member, AppError> {
    require(actor, Permission::EditCustomers)?;
    let store = app.store();
    let rules = rules(store)?;
    let member = find(store, customer_id)?;
    let reason = if reason.trim().is_empty() { "lost" } else { reason.trim() };
    for _ in 0..4 {
        let attempt = change(app, actor, |tx, now| {
            let number = card_number(&rules.card_prefix, random()?);
            tx.replace_club_card(member.customer, &number, now, reason)?;
            let action =
                Action::ClubCardReplaced { customer_id: member.customer_id.clone(), reason: reason.to_owned() };
            Ok(((), vec![action]))
        });
        match attempt {
            // The new number was drawn before (one in 10¹²): draw again.
            Err(AppError::Conflict(_)) => continue,
            other => other?,
        }
        return store.club_member(member.customer)?.ok_or_else(|| AppError::NotFound("the member".to_owned()));
    }
    Err(AppError::Conflict("could not draw a free card number; try again".to_owned()))
}

/// The club's figures over the 12 months ending on a day.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClubReport {
    /// The day the 12 months end.
    pub day: NaiveDate,
    /// The store's counts and sums.
    #[serde(flatten)]
    pub figures: ladder_store::club::ClubFigures,
    /// Members' share of the 12 months' revenue, percent.
    pub member_revenue_percent: Option<f64>,
    /// Outstanding points at the point value: what the shop owes, in minor units.
    pub liability_minor: i64,
    /// Points redeemed of those issued, percent.
    pub redemption_percent: Option<f64>,
    /// Friends brought by members who made a third purchase, of those with two, percent.
    pub friends_third_purchase_percent: Option<f64>,
    /// Members with two orders who made a third, percent (from the last scoring).
    pub members_third_purchase_percent: Option<f64>,
    /// The same of customers who are not members.
    pub others_third_purchase_percent: Option<f64>,
}

fn share(part: f64, whole: f64) -> Option<f64> {
    (whole > 0.0).then(|| part * 100.0 / whole)
}

/// The club's report: members, active members, revenue share, tiers and their moves, points issued,
/// redeemed and expired, the liability, the redemption rate, and members' third-purchase rate beside
/// everyone else's.
pub fn report(app: &App, actor: &Actor, day: NaiveDate) -> Result<ClubReport, AppError> {
    require(actor, Permission::ViewReports)?;
    let store = app.store();
    let rules = rules(store)?;
    let currency = crate::shop::currency(store)?.unwrap_or_default();
    let since = day.checked_sub_months(chrono::Months::new(12)).map_or(day, |d| d.succ_opt().unwrap_or(d));
    let figures = store.club_figures(since, day, &currency)?;
    #[allow(clippy::cast_precision_loss)]
    let f = |n: i64| n as f64;
    #[allow(clippy::cast_precision_loss)]
    let u = |n: u64| n as f64;
    Ok(ClubReport {
        day,
        member_revenue_percent: share(f(figures.member_revenue_minor), f(figures.revenue_minor)),
        liability_minor: figures.outstanding.saturating_mul(rules.point_value_minor),
        redemption_percent: share(f(figures.redeemed), f(figures.issued)),
        members_third_purchase_percent: share(u(figures.members_with_three), u(figures.members_with_two)),
        others_third_purchase_percent: share(u(figures.others_with_three), u(figures.others_with_two)),
        friends_third_purchase_percent: share(u(figures.friends_with_three), u(figures.friends_with_two)),
        figures,
    })
}
