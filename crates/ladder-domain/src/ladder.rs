//! The loyalty ladder, the customer's state and the lifecycle stage, from the customer's own history.
//!
//! The rules are DESIGN.md's defaults: a rung from the number of counted orders, activity and referrals;
//! a state from the recency rule (days since the last order against the customer's usual gap); the
//! lifecycle stage from the rung. Each result carries its reason (a [`Reason`], said in words by
//! `ladder-i18n`), so that a person can see why.

use crate::customer::{InteractionKind, string_enum};
use crate::date::date_day_number;
use crate::reason::{Reason, Usual};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

string_enum! {
    /// The six rungs of the loyalty ladder, lowest first.
    Rung {
        /// Known contact, no interaction and no order.
        Suspect = "suspect",
        /// Knows us (an interaction or a referral), no order yet.
        Prospect = "prospect",
        /// Exactly one order.
        Customer = "customer",
        /// Two orders, or three or more without being active.
        Repeat = "repeat",
        /// Three or more orders and active.
        Loyal = "loyal",
        /// Loyal, and brings others.
        Advocate = "advocate",
    }
}

string_enum! {
    /// How alive a customer with orders is.
    CustomerState { Active = "active", AtRisk = "at_risk", Lapsed = "lapsed", Lost = "lost" }
}

string_enum! {
    /// The stage of the customer lifecycle, derived from the rung.
    LifecycleStage {
        Reach = "reach", Acquisition = "acquisition", Development = "development",
        Retention = "retention", Advocacy = "advocacy",
    }
}

impl Rung {
    /// The lifecycle stage this rung belongs to.
    pub fn lifecycle_stage(self) -> LifecycleStage {
        match self {
            Rung::Suspect | Rung::Prospect => LifecycleStage::Reach,
            Rung::Customer => LifecycleStage::Acquisition,
            Rung::Repeat => LifecycleStage::Development,
            Rung::Loyal => LifecycleStage::Retention,
            Rung::Advocate => LifecycleStage::Advocacy,
        }
    }
}

/// What the store knows of one customer's history up to `as_of` (inclusive).
///
/// Only counted orders (completed, not cancelled or refunded) placed by the end of `as_of` appear here.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CustomerFacts {
    /// Number of counted orders.
    pub orders: u32,
    /// Counted orders marked one-off (a gift, a costume for one party).
    pub one_off_orders: u32,
    /// Date of the first counted order.
    pub first_order: Option<NaiveDate>,
    /// Date of the second counted order.
    pub second_order: Option<NaiveDate>,
    /// Date of the third counted order.
    pub third_order: Option<NaiveDate>,
    /// Date of the fourth counted order.
    pub fourth_order: Option<NaiveDate>,
    /// Date of the last counted order.
    pub last_order: Option<NaiveDate>,
    /// Distinct days with a counted order (orders on one day are one visit).
    pub order_days: u32,
    /// Total spend in the shop's currency, minor units.
    pub spend_minor: i64,
    /// Spend on the order days after the first one (the repeat purchases), minor units.
    pub repeat_spend_minor: i64,
    /// Median days between the customer's distinct order days, when they have two or more.
    pub median_gap_days: Option<f64>,
    /// Number of recorded interactions.
    pub interactions: u32,
    /// The latest interaction.
    pub last_interaction: Option<(InteractionKind, NaiveDate)>,
    /// Whether someone referred this person to the business (a referral received).
    pub was_referred: bool,
    /// How many people this customer referred have placed a counted order.
    pub referred_buyers: u32,
    /// How many public recommendations they made.
    pub recommendations: u32,
    /// P(alive) from the purchase model, when the model is in use and the customer has repeat purchases.
    pub p_alive: Option<f64>,
    /// P(alive) stored by the previous scoring, to say how it moved.
    pub previous_p_alive: Option<f64>,
}

/// Facts about the whole shop that individual rules need.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct ShopFacts {
    /// The shop's median days from a customer's first to second order day.
    pub median_first_to_second_days: Option<f64>,
}

/// Thresholds of the states: on P(alive) when the purchase model is in use, else the recency rule;
/// the defaults are DESIGN.md's.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct StateRules {
    /// Active when P(alive) is at least this.
    pub active_p_alive: f64,
    /// At risk when P(alive) is at least this (and below active).
    pub at_risk_p_alive: f64,
    /// Lapsed when P(alive) is at least this (and below at risk); lost below.
    pub lapsed_p_alive: f64,
    /// At risk once the days since the last order exceed this many gaps.
    pub at_risk_gaps: f64,
    /// Lapsed once they exceed this many gaps.
    pub lapsed_gaps: f64,
    /// Lost once they exceed this many days …
    pub lost_min_days: f64,
    /// … or this many gaps, whichever is later.
    pub lost_gaps: f64,
}

impl Default for StateRules {
    fn default() -> Self {
        Self {
            active_p_alive: 0.6,
            at_risk_p_alive: 0.3,
            lapsed_p_alive: 0.1,
            at_risk_gaps: 2.0,
            lapsed_gaps: 3.0,
            lost_min_days: 365.0,
            lost_gaps: 6.0,
        }
    }
}

/// Where a customer stands at `as_of`, and why.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Placement {
    /// The rung.
    pub rung: Rung,
    /// Why.
    pub rung_reason: Reason,
    /// The state, for customers with orders.
    pub state: Option<CustomerState>,
    /// Why.
    pub state_reason: Option<Reason>,
    /// The lifecycle stage.
    pub lifecycle_stage: LifecycleStage,
    /// Whole days since the last counted order.
    pub recency_days: Option<i64>,
}

/// Places a customer on the ladder and gives their state at `as_of`.
pub fn place(facts: &CustomerFacts, shop: &ShopFacts, rules: &StateRules, as_of: NaiveDate) -> Placement {
    let recency_days = facts.last_order.map(|last| date_day_number(as_of) - date_day_number(last));
    let state = facts.last_order.map(|last| state_of(facts, shop, rules, as_of, last));
    let (rung, rung_reason) = rung_of(facts, state.as_ref().map(|s| s.0));
    Placement {
        rung,
        rung_reason,
        lifecycle_stage: rung.lifecycle_stage(),
        state: state.as_ref().map(|s| s.0),
        state_reason: state.map(|s| s.1),
        recency_days,
    }
}

fn state_of(
    facts: &CustomerFacts,
    shop: &ShopFacts,
    rules: &StateRules,
    as_of: NaiveDate,
    last: NaiveDate,
) -> (CustomerState, Reason) {
    let days = date_day_number(as_of) - date_day_number(last);
    let own_gap = facts.median_gap_days.filter(|g| *g > 0.0);
    let shop_gap = shop.median_first_to_second_days.filter(|g| *g > 0.0);
    let usual = match (own_gap, shop_gap) {
        (Some(days), _) => Some(Usual::Own { days: tenths(days) }),
        (None, Some(days)) => Some(Usual::Shop { days: tenths(days) }),
        (None, None) => None,
    };
    if let Some(p) = facts.p_alive {
        let state = state_from_p_alive(p, rules);
        // A reason keeps its figures as they are said (P(alive) to two decimals): a million of them are
        // stored, and a scan of the scores reads them all.
        let reason = Reason::PAlive {
            p: hundredths(p),
            previous: facts.previous_p_alive.map(hundredths),
            days,
            state,
            usual_days: usual.map(Usual::days),
        };
        return (state, reason);
    }
    let days_f = days as f64;
    let Some(gap) = own_gap.or(shop_gap) else {
        return if days_f > rules.lost_min_days {
            let state = CustomerState::Lost;
            (state, Reason::Overdue { days, usual: None, state, after_days: rules.lost_min_days })
        } else {
            (CustomerState::Active, Reason::Recent { days, usual: None })
        };
    };
    let lost_after = rules.lost_min_days.max(rules.lost_gaps * gap);
    let (state, after_days) = if days_f > lost_after {
        (CustomerState::Lost, lost_after)
    } else if days_f > rules.lapsed_gaps * gap {
        (CustomerState::Lapsed, rules.lapsed_gaps * gap)
    } else if days_f > rules.at_risk_gaps * gap {
        (CustomerState::AtRisk, rules.at_risk_gaps * gap)
    } else {
        return (CustomerState::Active, Reason::Recent { days, usual });
    };
    (state, Reason::Overdue { days, usual, state, after_days: tenths(after_days) })
}

fn tenths(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

fn hundredths(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// The state from P(alive) and the thresholds.
fn state_from_p_alive(p: f64, rules: &StateRules) -> CustomerState {
    if p >= rules.active_p_alive {
        CustomerState::Active
    } else if p >= rules.at_risk_p_alive {
        CustomerState::AtRisk
    } else if p >= rules.lapsed_p_alive {
        CustomerState::Lapsed
    } else {
        CustomerState::Lost
    }
}

/// Whether a customer is an **event buyer** by their own orders: they bought, and every counted order
/// was marked one-off. Such a customer counts as a buyer on the ladder but gets no predicted return (no
/// next-order date, no 12-month value) and is not pushed to a third purchase: the parent who bought one
/// costume is not a goth. Scoring adds the customers the seasonal-occasion rule finds, which needs the
/// whole shop's seasons (`ladder_app::analytics::occasion_buyers`, docs/RULES.md).
pub fn is_event_buyer(facts: &CustomerFacts) -> bool {
    facts.orders > 0 && facts.one_off_orders >= facts.orders
}

fn rung_of(facts: &CustomerFacts, state: Option<CustomerState>) -> (Rung, Reason) {
    match facts.orders {
        0 if facts.interactions > 0 => {
            (Rung::Prospect, Reason::Interactions { count: facts.interactions, last: facts.last_interaction })
        }
        0 if facts.was_referred => (Rung::Prospect, Reason::Referred),
        0 => (Rung::Suspect, Reason::KnownContact),
        1 => (Rung::Customer, Reason::Orders { orders: 1, on: facts.first_order }),
        2 => (Rung::Repeat, Reason::Orders { orders: 2, on: facts.second_order }),
        orders => {
            let on = if orders == 3 { facts.third_order } else { facts.last_order };
            // Loyal holds while the customer is active or at risk: the regular who is slipping is the
            // one retention is about, and must be findable as loyal and at risk. Lapsed or lost, a
            // regular is a repeat customer again until they come back.
            let at_risk = match state {
                Some(CustomerState::Active) => false,
                Some(CustomerState::AtRisk) => true,
                other => return (Rung::Repeat, Reason::NotActive { orders, on, state: other }),
            };
            if facts.referred_buyers > 0 {
                (
                    Rung::Advocate,
                    Reason::AdvocateReferrals { orders, on, referred_buyers: facts.referred_buyers, at_risk },
                )
            } else if facts.recommendations > 0 {
                (Rung::Advocate, Reason::AdvocateRecommended { orders, on, at_risk })
            } else {
                (Rung::Loyal, Reason::Loyal { orders, on, at_risk })
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        crate::date::parse_date(s).unwrap()
    }

    /// A history of counted orders on the given days, as the store would aggregate it.
    fn bought_on(days: &[&str]) -> CustomerFacts {
        let dates: Vec<NaiveDate> = days.iter().map(|s| d(s)).collect();
        let mut distinct: Vec<i64> = dates.iter().map(|x| date_day_number(*x)).collect();
        distinct.dedup();
        let mut gaps: Vec<f64> = distinct.windows(2).map(|w| (w[1] - w[0]) as f64).collect();
        gaps.sort_by(f64::total_cmp);
        let median = match gaps.len() {
            0 => None,
            n if n % 2 == 1 => Some(gaps[n / 2]),
            n => Some((gaps[n / 2 - 1] + gaps[n / 2]) / 2.0),
        };
        CustomerFacts {
            orders: dates.len() as u32,
            first_order: dates.first().copied(),
            second_order: dates.get(1).copied(),
            third_order: dates.get(2).copied(),
            last_order: dates.last().copied(),
            median_gap_days: median,
            ..CustomerFacts::default()
        }
    }

    fn at(facts: &CustomerFacts, as_of: &str) -> Placement {
        place(facts, &ShopFacts { median_first_to_second_days: Some(30.0) }, &StateRules::default(), d(as_of))
    }

    #[test]
    fn no_interaction_and_no_order_is_a_suspect() {
        let p = at(&CustomerFacts::default(), "2025-01-01");
        assert_eq!((p.rung, p.state, p.lifecycle_stage), (Rung::Suspect, None, LifecycleStage::Reach));
        assert_eq!(p.rung_reason, Reason::KnownContact);
    }

    #[test]
    fn an_interaction_or_a_referral_received_makes_a_prospect() {
        let facts = CustomerFacts {
            interactions: 2,
            last_interaction: Some((InteractionKind::SignUp, d("2024-12-01"))),
            ..CustomerFacts::default()
        };
        let p = at(&facts, "2025-01-01");
        assert_eq!(p.rung, Rung::Prospect);
        assert_eq!(
            p.rung_reason,
            Reason::Interactions { count: 2, last: Some((InteractionKind::SignUp, d("2024-12-01"))) }
        );
        let referred = CustomerFacts { was_referred: true, ..CustomerFacts::default() };
        assert_eq!(at(&referred, "2025-01-01").rung, Rung::Prospect);
    }

    #[test]
    fn one_order_is_a_customer_and_two_a_repeat() {
        let one = at(&bought_on(&["2025-03-02"]), "2025-03-10");
        assert_eq!(
            (one.rung, one.state, one.lifecycle_stage),
            (Rung::Customer, Some(CustomerState::Active), LifecycleStage::Acquisition)
        );
        assert_eq!(one.rung_reason, Reason::Orders { orders: 1, on: Some(d("2025-03-02")) });
        let two = at(&bought_on(&["2025-02-01", "2025-03-02"]), "2025-03-10");
        assert_eq!((two.rung, two.lifecycle_stage), (Rung::Repeat, LifecycleStage::Development));
        assert_eq!(two.rung_reason, Reason::Orders { orders: 2, on: Some(d("2025-03-02")) });
    }

    #[test]
    fn exactly_three_orders_and_active_is_loyal() {
        let p = at(&bought_on(&["2025-01-01", "2025-02-01", "2025-03-02"]), "2025-03-10");
        assert_eq!((p.rung, p.state), (Rung::Loyal, Some(CustomerState::Active)));
        assert_eq!(p.rung_reason, Reason::Loyal { orders: 3, on: Some(d("2025-03-02")), at_risk: false });
        assert_eq!(p.lifecycle_stage, LifecycleStage::Retention);
    }

    #[test]
    fn a_regular_at_risk_stays_loyal_and_lapsed_is_a_repeat_again() {
        // Gaps 31 and 29 days: median 30. 61 days later is past 2 gaps (60): at risk.
        let facts = bought_on(&["2025-01-01", "2025-02-01", "2025-03-02"]);
        let p = at(&facts, "2025-05-02");
        assert_eq!((p.rung, p.state), (Rung::Loyal, Some(CustomerState::AtRisk)), "loyal and at risk");
        assert_eq!(p.rung_reason, Reason::Loyal { orders: 3, on: Some(d("2025-03-02")), at_risk: true });
        assert_eq!(
            p.state_reason,
            Some(Reason::Overdue {
                days: 61,
                usual: Some(Usual::Own { days: 30.0 }),
                state: CustomerState::AtRisk,
                after_days: 60.0
            })
        );
        // Exactly 2 gaps is not yet past them.
        assert_eq!(at(&facts, "2025-05-01").state, Some(CustomerState::Active));
        // Past 3 gaps (90 days): lapsed, and a repeat customer until they come back.
        let lapsed = at(&facts, "2025-06-10");
        assert_eq!((lapsed.rung, lapsed.state), (Rung::Repeat, Some(CustomerState::Lapsed)));
        assert_eq!(
            lapsed.rung_reason,
            Reason::NotActive { orders: 3, on: Some(d("2025-03-02")), state: Some(CustomerState::Lapsed) }
        );
    }

    #[test]
    fn recency_rule_boundaries() {
        let facts = bought_on(&["2025-01-01", "2025-01-11", "2025-01-21"]); // gap 10 days
        let state = |as_of: &str| at(&facts, as_of).state.unwrap();
        assert_eq!(state("2025-02-10"), CustomerState::Active); // 20 days = 2 gaps
        assert_eq!(state("2025-02-11"), CustomerState::AtRisk); // 21
        assert_eq!(state("2025-02-20"), CustomerState::AtRisk); // 30 = 3 gaps
        assert_eq!(state("2025-02-21"), CustomerState::Lapsed); // 31
        // Lost past 365 days, since 6 × 10 = 60 is earlier.
        assert_eq!(state("2026-01-21"), CustomerState::Lapsed); // 365
        assert_eq!(state("2026-01-22"), CustomerState::Lost); // 366
    }

    #[test]
    fn lost_uses_six_gaps_when_that_is_later_than_a_year() {
        let facts = bought_on(&["2022-01-01", "2022-04-11", "2022-07-20"]); // gaps 100 and 100 days
        let p = |as_of: &str| at(&facts, as_of);
        assert_eq!(p("2023-07-20").state, Some(CustomerState::Lapsed)); // 365 days: past 300, not past 600
        assert_eq!(p("2024-03-11").state, Some(CustomerState::Lapsed)); // 600 days: not past 600
        assert_eq!(p("2024-03-12").state, Some(CustomerState::Lost)); // 601
        assert_eq!(
            p("2024-03-12").state_reason,
            Some(Reason::Overdue {
                days: 601,
                usual: Some(Usual::Own { days: 100.0 }),
                state: CustomerState::Lost,
                after_days: 600.0
            })
        );
    }

    #[test]
    fn one_order_uses_the_shops_first_to_second_gap() {
        let facts = bought_on(&["2025-01-01"]);
        let p = at(&facts, "2025-03-03"); // 61 days, shop gap 30
        assert_eq!(p.state, Some(CustomerState::AtRisk));
        assert_eq!(
            p.state_reason,
            Some(Reason::Overdue {
                days: 61,
                usual: Some(Usual::Shop { days: 30.0 }),
                state: CustomerState::AtRisk,
                after_days: 60.0
            })
        );
        // Without any gap known, only the 365-day rule applies.
        let alone = place(&facts, &ShopFacts::default(), &StateRules::default(), d("2025-12-31"));
        assert_eq!(alone.state, Some(CustomerState::Active));
        let gone = place(&facts, &ShopFacts::default(), &StateRules::default(), d("2026-01-02"));
        assert_eq!(gone.state, Some(CustomerState::Lost));
        assert_eq!(
            gone.state_reason,
            Some(Reason::Overdue { days: 366, usual: None, state: CustomerState::Lost, after_days: 365.0 })
        );
    }

    #[test]
    fn orders_on_one_day_do_not_make_a_zero_gap() {
        // Two orders on the same day: no gap of their own, so the shop's 30 days applies.
        let mut facts = bought_on(&["2025-01-01", "2025-01-01"]);
        assert_eq!(facts.median_gap_days, None);
        facts.median_gap_days = Some(0.0);
        assert_eq!(at(&facts, "2025-01-20").state, Some(CustomerState::Active));
    }

    #[test]
    fn advocate_needs_loyalty_and_a_referred_buyer_or_recommendation() {
        let mut facts = bought_on(&["2025-01-01", "2025-02-01", "2025-03-02"]);
        facts.referred_buyers = 1;
        let p = at(&facts, "2025-03-10");
        assert_eq!((p.rung, p.lifecycle_stage), (Rung::Advocate, LifecycleStage::Advocacy));
        assert_eq!(
            p.rung_reason,
            Reason::AdvocateReferrals { orders: 3, on: Some(d("2025-03-02")), referred_buyers: 1, at_risk: false }
        );
        // A referral whose friend never bought does not count.
        facts.referred_buyers = 0;
        assert_eq!(at(&facts, "2025-03-10").rung, Rung::Loyal);
        facts.recommendations = 1;
        assert_eq!(at(&facts, "2025-03-10").rung, Rung::Advocate);
        // At risk: still an advocate, flagged as slipping.
        facts.referred_buyers = 3;
        let slipping = at(&facts, "2025-05-02");
        assert_eq!((slipping.rung, slipping.state), (Rung::Advocate, Some(CustomerState::AtRisk)));
        assert_eq!(
            slipping.rung_reason,
            Reason::AdvocateReferrals { orders: 3, on: Some(d("2025-03-02")), referred_buyers: 3, at_risk: true }
        );
        // Not loyal any more (lapsed): a repeat customer, whatever they referred.
        assert_eq!(at(&facts, "2025-06-10").rung, Rung::Repeat);
        // Two orders and a referred buyer: still a repeat customer.
        let mut two = bought_on(&["2025-01-01", "2025-02-01"]);
        two.referred_buyers = 2;
        assert_eq!(at(&two, "2025-02-05").rung, Rung::Repeat);
    }

    #[test]
    fn later_orders_name_the_last_one() {
        let p = at(&bought_on(&["2025-01-01", "2025-01-15", "2025-02-01", "2025-02-20", "2025-03-02"]), "2025-03-03");
        assert_eq!(p.rung_reason, Reason::Loyal { orders: 5, on: Some(d("2025-03-02")), at_risk: false });
        assert_eq!(p.recency_days, Some(1));
        assert_eq!(p.state_reason, Some(Reason::Recent { days: 1, usual: Some(Usual::Own { days: 15.5 }) }));
    }

    #[test]
    fn with_the_model_the_state_comes_from_p_alive() {
        let mut facts = bought_on(&["2025-01-01", "2025-02-05", "2025-03-12"]); // every 35 days
        let as_of = "2025-07-30"; // 140 days after the last order
        let with = |p: f64, previous: Option<f64>| {
            let mut f = facts.clone();
            f.p_alive = Some(p);
            f.previous_p_alive = previous;
            at(&f, as_of)
        };
        let p = with(0.42, Some(0.71));
        assert_eq!(p.state, Some(CustomerState::AtRisk));
        assert_eq!(
            p.state_reason,
            Some(Reason::PAlive {
                p: 0.42,
                previous: Some(0.71),
                days: 140,
                state: CustomerState::AtRisk,
                usual_days: Some(35.0)
            })
        );
        assert_eq!(p.rung, Rung::Loyal, "three orders and at risk: loyal, slipping");
        assert_eq!(with(0.2, None).rung, Rung::Repeat, "lapsed: a repeat customer");
        // The default thresholds: active ≥ 0.6, at risk ≥ 0.3, lapsed ≥ 0.1, else lost.
        assert_eq!(with(0.6, None).state, Some(CustomerState::Active));
        assert_eq!(with(0.599, None).state, Some(CustomerState::AtRisk));
        assert_eq!(with(0.3, None).state, Some(CustomerState::AtRisk));
        assert_eq!(with(0.1, None).state, Some(CustomerState::Lapsed));
        assert_eq!(with(0.099, None).state, Some(CustomerState::Lost));
        assert!(matches!(
            with(0.8, Some(0.5)).state_reason,
            Some(Reason::PAlive { state: CustomerState::Active, previous: Some(_), .. })
        ));
        assert_eq!(with(0.8, None).rung, Rung::Loyal);
        // Without a model figure the recency rule applies.
        facts.p_alive = None;
        assert_eq!(at(&facts, as_of).state, Some(CustomerState::Lapsed));
    }

    #[test]
    fn an_event_buyer_is_one_whose_every_counted_order_was_one_off() {
        let mut facts = bought_on(&["2025-10-20", "2025-10-28"]);
        assert!(!is_event_buyer(&facts));
        facts.one_off_orders = 1;
        assert!(!is_event_buyer(&facts), "one regular order makes a preference");
        facts.one_off_orders = 2;
        assert!(is_event_buyer(&facts));
        assert!(!is_event_buyer(&CustomerFacts { one_off_orders: 0, ..CustomerFacts::default() }), "no orders");
    }

    #[test]
    fn every_rung_maps_to_its_stage() {
        let stages: Vec<_> = Rung::ALL.iter().map(|r| r.lifecycle_stage().as_str()).collect();
        assert_eq!(stages, ["reach", "reach", "acquisition", "development", "retention", "advocacy"]);
    }
}
