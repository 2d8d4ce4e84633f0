//! Scoring: places every customer on the ladder, gives their state, lifecycle stage and RFM scores,
//! and records every change of rung or state with its reason.
//!
//! The database aggregates each customer's orders in one pass ([`ladder_store::ScoringTx::facts`], inside
//! the scoring's own unit of work, so that two runs never interleave); the rules of the pure domain run here
//! on those compact facts; the scores, the history, the scoring's mark and its audit entry go back in the
//! same unit of work.

use crate::progress::{NoProgress, Progress};
use crate::{Action, Actor, App, AppError, audit, require};
use chrono::NaiveDate;
use ladder_domain::clv::bgnbd::{BgNbd, HorizonTable};
use ladder_domain::clv::gamma_gamma::{GammaGamma, Spend};
use ladder_domain::clv::{ClvSettings, DAYS_PER_MONTH, Summary, clv_from, compress};
use ladder_domain::date::date_day_number;
use ladder_domain::date::date_of_day;
use ladder_domain::ladder::place;
use ladder_domain::rfm::score_all;
use ladder_domain::stats::median;
use ladder_domain::{CustomerFacts, CustomerState, Reason, RfmInput, ShopFacts, StateRules};
use ladder_store::{
    Change, ChangeKind, CustomerId, CustomerValue, PreviousScore, ScoreRecord, ScoringMark, ScoringRow, Store,
    StoreResult, Tx,
};
use serde::Serialize;
use std::collections::{HashMap, HashSet};

/// How to score.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct ScoreOptions {
    /// Thresholds of the states.
    pub rules: StateRules,
    /// Below this many customers with repeat purchases the purchase model is not fitted and the states
    /// come from the recency rule.
    pub min_repeat_customers: u64,
    /// The lifetime-value horizon and discounting (time unit: days).
    pub clv: ClvSettings,
    /// Score only the customers of this shard, `(k, n)`: those whose store id is `k` modulo `n`.
    pub shard: Option<(u32, u32)>,
}

impl Default for ScoreOptions {
    fn default() -> Self {
        Self {
            rules: StateRules::default(),
            min_repeat_customers: ladder_domain::shop::Thresholds::default().min_repeat_customers,
            clv: ClvSettings { months: 12, monthly_discount: 0.01, month_length: DAYS_PER_MONTH },
            shard: None,
        }
    }
}

impl ScoreOptions {
    /// The defaults with the shop's stored thresholds: what a scoring uses unless told otherwise.
    pub fn stored(store: &dyn Store) -> StoreResult<Self> {
        Ok(Self::of(&store.shop_settings()?.thresholds))
    }

    /// The options the shop's thresholds give.
    pub fn of(t: &ladder_domain::shop::Thresholds) -> Self {
        Self { rules: t.rules, min_repeat_customers: t.min_repeat_customers, ..Self::default() }
    }
}

/// The models a scoring used, or why it used none.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct ModelUse {
    /// Whether states came from BG/NBD P(alive).
    pub used: bool,
    /// What was fitted on what, or why the recency rule applies.
    pub basis: Reason,
    /// BG/NBD parameters (time unit: days), when fitted.
    pub bgnbd: Option<BgNbd>,
    /// Gamma-Gamma parameters (minor units), when fitted.
    pub gamma_gamma: Option<GammaGamma>,
}

/// What a scoring run did.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
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
    /// The lifetime-value models.
    pub model: ModelUse,
}

/// A buyer's history as the models read it, in days.
fn summary_in_days(f: &CustomerFacts, as_of_day: i64) -> Option<Summary> {
    let (first, last) = (f.first_order?, f.last_order?);
    let first = date_day_number(first);
    Some(Summary {
        frequency: f64::from(f.order_days.saturating_sub(1)),
        recency: (date_day_number(last) - first) as f64,
        age: (as_of_day - first) as f64,
    })
}

/// Fits BG/NBD and Gamma-Gamma on the buyers, or says why not.
fn fit_models(rows: &[ScoringRow], as_of_day: i64, options: &ScoreOptions) -> ModelUse {
    let summaries: Vec<Summary> = rows.iter().filter_map(|r| summary_in_days(&r.facts, as_of_day)).collect();
    let repeat = summaries.iter().filter(|s| s.frequency > 0.0).count() as u64;
    let not_used = |basis: Reason| ModelUse { used: false, basis, bgnbd: None, gamma_gamma: None };
    if repeat < options.min_repeat_customers {
        return not_used(Reason::ModelTooFewRepeat { repeat, needed: options.min_repeat_customers });
    }
    let fit = match BgNbd::fit_with(&compress(summaries), false) {
        Ok(fit) if fit.converged => fit,
        Ok(_) => return not_used(Reason::ModelNotConverged),
        Err(e) => return not_used(Reason::ModelFailed { error: e.to_string() }),
    };
    let spends =
        compress(rows.iter().filter(|r| r.facts.order_days > 1 && r.facts.repeat_spend_minor > 0).map(|r| Spend {
            frequency: f64::from(r.facts.order_days - 1),
            mean: r.facts.repeat_spend_minor as f64 / f64::from(r.facts.order_days - 1),
        }));
    let gamma_gamma = GammaGamma::fit_with(&spends, false).ok().filter(|g| g.converged && g.params.q > 1.0);
    let p = fit.params;
    ModelUse {
        used: true,
        basis: Reason::ModelFitted {
            customers: fit.customers as u64,
            repeat,
            r: p.r,
            alpha: p.alpha,
            a: p.a,
            b: p.b,
            spend_model: gamma_gamma.is_some(),
        },
        bgnbd: Some(p),
        gamma_gamma: gamma_gamma.map(|g| g.params),
    }
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

/// The fitted models and how to value a customer with them.
struct Valuation<'a> {
    model: &'a BgNbd,
    spend: Option<&'a GammaGamma>,
    clv: &'a ClvSettings,
    as_of_day: i64,
}

impl Valuation<'_> {
    /// What the models expect of one buyer.
    fn of(
        &self,
        table: &mut HorizonTable,
        s: &Summary,
        facts: &CustomerFacts,
        state: Option<CustomerState>,
    ) -> CustomerValue {
        let cumulative = self.model.expected_purchases_with(table, s);
        let expected_spend = self.spend.map(|g| {
            let mean = if s.frequency > 0.0 { facts.repeat_spend_minor as f64 / s.frequency } else { 0.0 };
            g.conditional_expected_spend(s.frequency, mean)
        });
        let likely = matches!(state, Some(CustomerState::Active | CustomerState::AtRisk));
        let wait = 1.0 / self.model.rate_if_alive(s);
        CustomerValue {
            p_alive: (s.frequency > 0.0).then(|| self.model.probability_alive(s)),
            expected_purchases_90d: cumulative[0],
            expected_purchases_365d: cumulative[1],
            expected_next_order: (likely && wait.is_finite())
                .then(|| date_of_day(self.as_of_day + wait.round() as i64)),
            expected_spend_minor: expected_spend.map(|e| e.round() as i64),
            clv_minor: expected_spend.map(|e| clv_from(&cumulative[2..], e, self.clv).round() as i64),
        }
    }
}

/// Scores every customer at `as_of` and stores the result, with the scoring's mark and audit entry.
pub fn score(
    app: &App,
    actor: &Actor,
    as_of: NaiveDate,
    options: &ScoreOptions,
    progress: &dyn Progress,
) -> Result<ScoreSummary, AppError> {
    score_replaying(app, actor, &[], as_of, options, progress)
}

/// Scores every customer at each of the `past` dates (ascending, before `as_of`) and then at `as_of`, in
/// one unit of work, as scorings run on those dates would: each date's moves on the ladder are recorded
/// with an audit entry, but only `as_of`'s scores are stored. A shop's past replayed month by month (the
/// demo) then costs one write of every score instead of one per month.
pub fn score_replaying(
    app: &App,
    actor: &Actor,
    past: &[NaiveDate],
    as_of: NaiveDate,
    options: &ScoreOptions,
    progress: &dyn Progress,
) -> Result<ScoreSummary, AppError> {
    require(actor, ladder_domain::Permission::ManageSettings)?;
    let store = app.store();
    let currency = store.shop_settings()?.currency.unwrap_or_default();
    progress.begin("finding occasion buyers", None);
    // Read before the scoring's own unit of work, which may hold a connection of the pool.
    let mut occasions = Vec::with_capacity(past.len() + 1);
    for &date in past.iter().chain([&as_of]) {
        occasions.push(crate::analytics::occasion_buyers(store, date)?);
    }
    progress.end();
    // A shard reads every customer's facts (the shop-wide gap, the model and the RFM ranks need them all)
    // and writes its own customers only, so that n shards give exactly what one run gives.
    let mut session = store.begin_scoring(options.shard.map(|(k, _)| k))?;
    // Where each past date placed each customer, in place of stored scores for the next date.
    let mut placed: Option<HashMap<CustomerId, PreviousScore>> = None;
    for (n, (&date, occasion)) in past.iter().zip(&occasions).enumerate() {
        progress.begin(&format!("replaying {date} ({} of {})", n + 1, past.len()), None);
        let mut next = HashMap::new();
        let written = Written::Moves(&mut next);
        score_date(
            app,
            actor,
            session.as_mut(),
            date,
            &currency,
            occasion,
            placed.as_ref(),
            written,
            options,
            &NoProgress,
        )?;
        placed = Some(next);
        progress.end();
    }
    let occasion = occasions.last().expect("as_of's occasion buyers");
    let summary = score_date(
        app,
        actor,
        session.as_mut(),
        as_of,
        &currency,
        occasion,
        placed.as_ref(),
        Written::Scores,
        options,
        progress,
    )?;
    let result = serde_json::to_string(&summary)
        .map_err(|e| ladder_store::StoreError::backend("cannot write the summary", e))?;
    progress.begin("saving", None);
    progress.committing(session.as_mut(), &result)?;
    session.commit()?;
    progress.end();
    Ok(summary)
}

/// What a date of a scoring writes: every score (the last date), or only the moves, remembering where
/// each customer was placed (a past date being replayed).
enum Written<'a> {
    Scores,
    Moves(&'a mut HashMap<CustomerId, PreviousScore>),
}

/// Scores every customer at `as_of` inside `session`, each compared with `placed` when given (a replayed
/// earlier date) or else with their stored score, and records the date's moves and audit entry.
#[allow(clippy::too_many_arguments)]
fn score_date(
    app: &App,
    actor: &Actor,
    session: &mut dyn Tx,
    as_of: NaiveDate,
    currency: &str,
    occasion: &HashSet<CustomerId>,
    placed: Option<&HashMap<CustomerId, PreviousScore>>,
    mut written: Written<'_>,
    options: &ScoreOptions,
    progress: &dyn Progress,
) -> Result<ScoreSummary, AppError> {
    let now = app.now();
    let rules = &options.rules;
    progress.begin("reading order history", None);
    let mut rows: Vec<ScoringRow> = Vec::new();
    session.facts(as_of, currency, &mut |mut row| {
        if let Some(placed) = placed {
            row.previous = placed.get(&row.customer).copied();
            row.facts.previous_p_alive = row.previous.and_then(|p| p.p_alive);
        }
        rows.push(row);
        if rows.len().is_multiple_of(65536) {
            progress.set_position(rows.len() as u64);
        }
        Ok(())
    })?;
    progress.end();
    let shop = shop_facts(&rows);
    let as_of_day = date_day_number(as_of);
    progress.begin("fitting BG/NBD and Gamma-Gamma", None);
    let model = fit_models(&rows, as_of_day, options);
    progress.end();
    let mut horizons = vec![90.0, 365.0];
    horizons.extend(options.clv.horizons());
    let mut table = HorizonTable::new(&horizons);
    let valuation = model.bgnbd.as_ref().map(|m| Valuation {
        model: m,
        spend: model.gamma_gamma.as_ref(),
        clv: &options.clv,
        as_of_day,
    });
    // RFM ranks every buyer against all others, so it needs all values first; the placements (with
    // their reasons) are computed one at a time while writing, to keep memory small.
    let buyers: Vec<usize> = (0..rows.len()).filter(|&i| rows[i].facts.orders > 0).collect();
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
    let mut summary = ScoreSummary {
        as_of,
        customers: rows.len() as u64,
        buyers: buyers.len() as u64,
        rung_changes: 0,
        state_changes: 0,
        model: model.clone(),
    };
    let mine = |id: i64| options.shard.is_none_or(|(k, n)| id.rem_euclid(i64::from(n)) == i64::from(k));
    summary.customers = rows.iter().filter(|r| mine(r.customer.0)).count() as u64;
    summary.buyers = rows.iter().filter(|r| mine(r.customer.0) && r.facts.orders > 0).count() as u64;
    let context = RowContext {
        shop: &shop,
        rules,
        as_of,
        model: model.bgnbd.as_ref(),
        valuation: valuation.as_ref(),
        occasion: &|id| occasion.contains(&id),
    };
    for (i, row) in rows.iter_mut().enumerate() {
        if !mine(row.customer.0) {
            continue;
        }
        let (record, changes) = score_row(row, &context, &mut table, rfm[i]);
        summary.rung_changes += changes.iter().filter(|c| c.kind == ChangeKind::Rung).count() as u64;
        summary.state_changes += changes.iter().filter(|c| c.kind == ChangeKind::State).count() as u64;
        match &mut written {
            Written::Scores => session.put_score(&record, &changes)?,
            Written::Moves(placed) => {
                session.put_moves(record.customer, &changes)?;
                let p_alive = record.value.and_then(|v| v.p_alive);
                placed.insert(record.customer, PreviousScore { rung: record.rung, state: record.state, p_alive });
            }
        }
        if i % 65536 == 0 {
            progress.set_position(i as u64);
        }
    }
    let saved = ScoringContext {
        as_of,
        median_first_to_second_days: shop.median_first_to_second_days,
        bgnbd: model.bgnbd,
        gamma_gamma: model.gamma_gamma,
    };
    let context =
        serde_json::to_string(&saved).map_err(|e| ladder_store::StoreError::backend("cannot save the scoring", e))?;
    // A replayed date leaves the shop's mark to the last one.
    if matches!(written, Written::Scores) {
        session.record_scoring(&ScoringMark { at: now, as_of, state_basis: model.basis.to_stored(), context })?;
    }
    let action = Action::ScoringRun {
        as_of,
        customers: summary.customers,
        rung_changes: summary.rung_changes,
        state_changes: summary.state_changes,
    };
    audit(session, actor, now, &action)?;
    progress.end();
    Ok(summary)
}

/// What the last full scoring knew about the whole shop, kept so that one customer can be placed alone
/// (when an order arrives) exactly as that scoring would have placed them.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct ScoringContext {
    /// The date that scoring ran at.
    pub as_of: NaiveDate,
    /// The shop's median days from first to second order day.
    pub median_first_to_second_days: Option<f64>,
    /// The fitted purchase model, if one was used.
    pub bgnbd: Option<BgNbd>,
    /// The fitted spend model, if one was used.
    pub gamma_gamma: Option<GammaGamma>,
}

/// The shop-wide figures and models of the last full scoring, read before the unit of work that places a
/// customer opens: the unit holds a connection, and taking a second one inside it could wait for ever
/// when every connection is held by such a unit.
pub struct LastScoring(Option<ScoringContext>);

impl LastScoring {
    /// The last scoring's context, or none when the shop was never scored.
    pub fn read(store: &dyn Store) -> StoreResult<Self> {
        let saved = store.shop_state()?.scoring_context;
        Ok(Self(saved.and_then(|s| serde_json::from_str(&s).ok())))
    }
}

/// Places one customer again at `as_of` (an order just arrived), inside `tx` — a unit of work from
/// [`ladder_store::ScoringStore::begin_scoring`], which sees the change that calls for it — with the
/// shop-wide figures and models of the last full scoring and the shop's thresholds; the customer's RFM
/// scores stay as that scoring ranked them (they compare every buyer with all others). Returns the new
/// score, or `None` when the shop has never been scored or the customer is unknown: the next scoring
/// places them.
pub fn score_customer(
    last: &LastScoring,
    tx: &mut dyn Tx,
    external_id: &str,
    as_of: NaiveDate,
) -> StoreResult<Option<ScoreRecord>> {
    let Some(saved) = &last.0 else { return Ok(None) };
    let Some(detail) = tx.customer(external_id)? else { return Ok(None) };
    let settings = tx.shop_settings()?;
    let options = ScoreOptions::of(&settings.thresholds);
    let currency = settings.currency.unwrap_or_default();
    let session = tx;
    let Some(mut row) = session.customer_facts(detail.id, as_of, &currency)? else { return Ok(None) };
    let shop = ShopFacts { median_first_to_second_days: saved.median_first_to_second_days };
    let as_of_day = date_day_number(as_of);
    let valuation = saved.bgnbd.as_ref().map(|m| Valuation {
        model: m,
        spend: saved.gamma_gamma.as_ref(),
        clv: &options.clv,
        as_of_day,
    });
    // The occasion rule reads the whole shop's seasons: between full scorings a customer keeps the last
    // one's finding while no order was added (a new one is no longer one occasion's).
    let occasion_before = detail.score.as_ref().is_some_and(|s| s.event_buyer && s.orders == row.facts.orders);
    let context = RowContext {
        shop: &shop,
        rules: &options.rules,
        as_of,
        model: saved.bgnbd.as_ref(),
        valuation: valuation.as_ref(),
        occasion: &|_| occasion_before,
    };
    let mut horizons = vec![90.0, 365.0];
    horizons.extend(options.clv.horizons());
    let mut table = HorizonTable::new(&horizons);
    let rfm = detail.score.as_ref().and_then(|s| s.rfm);
    let (record, changes) = score_row(&mut row, &context, &mut table, rfm);
    session.put_score(&record, &changes)?;
    Ok(Some(record))
}

/// What placing one customer needs besides their own facts.
struct RowContext<'a> {
    shop: &'a ShopFacts,
    rules: &'a StateRules,
    as_of: NaiveDate,
    model: Option<&'a BgNbd>,
    valuation: Option<&'a Valuation<'a>>,
    /// Whether the seasonal-occasion rule finds this customer an event buyer.
    occasion: &'a dyn Fn(ladder_store::CustomerId) -> bool,
}

/// One customer's score at `as_of` and the changes of rung and state it records.
fn score_row(
    row: &mut ScoringRow,
    c: &RowContext<'_>,
    table: &mut HorizonTable,
    rfm: Option<ladder_domain::RfmScore>,
) -> (ScoreRecord, Vec<Change>) {
    let as_of_day = date_day_number(c.as_of);
    let s = summary_in_days(&row.facts, as_of_day);
    if let (Some(m), Some(s)) = (c.model, &s) {
        row.facts.p_alive = (s.frequency > 0.0).then(|| m.probability_alive(s));
    }
    let placement = place(&row.facts, c.shop, c.rules, c.as_of);
    // An event buyer gets no predicted return: no next-order date, no 12-month value.
    let event_buyer = ladder_domain::ladder::is_event_buyer(&row.facts) || (c.occasion)(row.customer);
    let value = match (c.valuation.filter(|_| !event_buyer), &s) {
        // A value the model cannot compute (not finite) is not stored.
        (Some(v), Some(s)) => Some(v.of(table, s, &row.facts, placement.state))
            .filter(|v| v.expected_purchases_90d.is_finite() && v.expected_purchases_365d.is_finite()),
        _ => None,
    };
    let mut changes = Vec::with_capacity(2);
    let (old_rung, old_state) = match row.previous {
        Some(p) => (Some(p.rung), p.state),
        None => (None, None),
    };
    if old_rung != Some(placement.rung) {
        changes.push(Change {
            kind: ChangeKind::Rung,
            from: old_rung.map(|r| r.as_str().to_owned()),
            to: Some(placement.rung.as_str().to_owned()),
            at: c.as_of,
            reason: placement.rung_reason.clone(),
        });
    }
    if old_state != placement.state {
        let reason = placement.state_reason.clone().unwrap_or(Reason::NoOrderYet);
        changes.push(Change {
            kind: ChangeKind::State,
            from: old_state.map(|s| s.as_str().to_owned()),
            to: placement.state.map(|s| CustomerState::as_str(s).to_owned()),
            at: c.as_of,
            reason,
        });
    }
    let f = &row.facts;
    let record = ScoreRecord {
        customer: row.customer,
        as_of: c.as_of,
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
        rfm,
        rfm_segment: rfm.map(|s| s.segment()),
        fourth_order: f.fourth_order,
        value,
        event_buyer,
    };
    (record, changes)
}
