//! Reasons in the reader's language: the domain's [`Reason`]s said from the `reason-*` messages, with
//! dates (Jalali in Persian) and numbers in the reader's locale.

use crate::format::{format_date, format_decimal};
use crate::{Arg, Catalog, Locale};
use chrono::NaiveDate;
use ladder_domain::reason::{Reason, Usual};
use ladder_domain::{CustomerState, InteractionKind, LifecycleStage, Rung};

/// A count of days: a whole number chooses the plural form; a fraction is written with one decimal.
fn days(locale: Locale, days: f64) -> Arg {
    if (days - days.round()).abs() < 1e-9 {
        Arg::Number(days.round() as i64)
    } else {
        Arg::Text(format_decimal(locale, days, 1))
    }
}

fn text(s: impl Into<String>) -> Arg {
    Arg::Text(s.into())
}

/// Items in a list, as the locale separates them.
fn list(locale: Locale, items: impl IntoIterator<Item = String>) -> String {
    let separator = if locale == Locale::Fa { "، " } else { ", " };
    items.into_iter().collect::<Vec<_>>().join(separator)
}

fn state_key(state: Option<CustomerState>) -> Arg {
    text(state.map_or("none", CustomerState::as_str))
}

/// A loyal customer's standing, for the messages' selector: active or at risk.
fn standing(at_risk: bool) -> Arg {
    text(if at_risk { "at_risk" } else { "active" })
}

impl Catalog {
    /// A reason as a sentence in `locale`.
    pub fn reason(&self, locale: Locale, reason: &Reason) -> String {
        let date = |d: NaiveDate| text(format_date(locale, d));
        let dates = |ds: &[NaiveDate]| text(list(locale, ds.iter().map(|d| format_date(locale, *d))));
        let say = |id: &str, args: &[(&str, Arg)]| self.text_with(locale, id, args);
        let nth_order = |orders: u32, on: Option<NaiveDate>| match on {
            Some(on) => say("reason-order-on", &[("n", Arg::from(orders)), ("on", date(on))]),
            None => say("reason-orders", &[("n", Arg::from(orders))]),
        };
        let usual = |u: Usual| match u {
            Usual::Own { days: d } => say("reason-usual-own", &[("days", days(locale, d))]),
            Usual::Shop { days: d } => say("reason-usual-shop", &[("days", days(locale, d))]),
        };
        let since = |d: i64| say("reason-since-order", &[("days", Arg::Number(d))]);
        match reason {
            Reason::KnownContact => say("reason-known-contact", &[]),
            Reason::Interactions { count, last: None } => say("reason-interactions", &[("count", Arg::from(*count))]),
            Reason::Interactions { count, last: Some((kind, on)) } => say(
                "reason-interactions-last",
                &[("count", Arg::from(*count)), ("last", text(self.interaction(locale, *kind))), ("on", date(*on))],
            ),
            Reason::Referred => say("reason-referred", &[]),
            Reason::Orders { orders, on } => nth_order(*orders, *on),
            Reason::Loyal { orders, on, at_risk } => {
                say("reason-loyal", &[("order", text(nth_order(*orders, *on))), ("standing", standing(*at_risk))])
            }
            Reason::NotActive { orders, on, state } => {
                say("reason-not-active", &[("order", text(nth_order(*orders, *on))), ("state", state_key(*state))])
            }
            Reason::AdvocateReferrals { orders, on, referred_buyers, at_risk } => say(
                "reason-advocate-referrals",
                &[
                    ("order", text(nth_order(*orders, *on))),
                    ("buyers", Arg::from(*referred_buyers)),
                    ("standing", standing(*at_risk)),
                ],
            ),
            Reason::AdvocateRecommended { orders, on, at_risk } => say(
                "reason-advocate-recommended",
                &[("order", text(nth_order(*orders, *on))), ("standing", standing(*at_risk))],
            ),
            Reason::Recent { days: d, usual: None } => since(*d),
            Reason::Recent { days: d, usual: Some(u) } => {
                say("reason-and", &[("first", text(since(*d))), ("second", text(usual(*u)))])
            }
            Reason::Overdue { days: d, usual: u, state, after_days } => {
                let mut args = vec![
                    ("days", Arg::Number(*d)),
                    ("state", state_key(Some(*state))),
                    ("after", days(locale, *after_days)),
                ];
                match u {
                    Some(u) => {
                        args.push(("usual", text(usual(*u))));
                        say("reason-overdue-usual", &args)
                    }
                    None => say("reason-overdue", &args),
                }
            }
            Reason::PAlive { p, previous, days: d, state, usual_days } => {
                let now = text(format_decimal(locale, *p, 2));
                let trend = match previous {
                    Some(before) if (before - p).abs() >= 0.005 => {
                        let id = if p < before { "reason-p-alive-fell" } else { "reason-p-alive-rose" };
                        say(id, &[("before", text(format_decimal(locale, *before, 2))), ("now", now)])
                    }
                    _ => say("reason-p-alive", &[("now", now)]),
                };
                let when = if *state == CustomerState::Active || *d <= 1 {
                    since(*d)
                } else {
                    say("reason-no-order-for", &[("days", Arg::Number(*d))])
                };
                let when = match usual_days {
                    Some(g) => {
                        say("reason-and", &[("first", text(when)), ("second", text(usual(Usual::Own { days: *g })))])
                    }
                    None => when,
                };
                say("reason-because", &[("what", text(trend)), ("why", text(when))])
            }
            Reason::NoOrderYet => say("reason-no-order-yet", &[]),
            Reason::Lifecycle { stage, rung } => say(
                "reason-lifecycle",
                &[("stage", text(self.stage(locale, *stage))), ("rung", text(self.rung(locale, *rung)))],
            ),
            Reason::ModelFitted { customers, repeat, r, alpha, a, b, spend_model } => say(
                "reason-model-fitted",
                &[
                    ("customers", Arg::from(*customers)),
                    ("repeat", Arg::from(*repeat)),
                    ("r", text(format_decimal(locale, *r, 4))),
                    ("alpha", text(format_decimal(locale, *alpha, 2))),
                    ("a", text(format_decimal(locale, *a, 4))),
                    ("b", text(format_decimal(locale, *b, 4))),
                    ("spend", text(if *spend_model { "yes" } else { "no" })),
                ],
            ),
            Reason::ModelTooFewRepeat { repeat, needed } => {
                say("reason-model-too-few-repeat", &[("repeat", Arg::from(*repeat)), ("needed", Arg::from(*needed))])
            }
            Reason::ModelNotConverged => say("reason-model-not-converged", &[]),
            Reason::ModelFailed { error } => say("reason-model-failed", &[("error", text(error.clone()))]),
            Reason::EventOccasion { from, to, categories } => {
                let categories = text(list(locale, categories.iter().cloned()));
                if from == to {
                    say("reason-event-occasion-day", &[("on", date(*from)), ("categories", categories)])
                } else {
                    say(
                        "reason-event-occasion",
                        &[("from", date(*from)), ("to", date(*to)), ("categories", categories)],
                    )
                }
            }
            Reason::EventSeasonalOrders { categories, dates: ds } => say(
                "reason-event-seasonal-orders",
                &[("categories", text(list(locale, categories.iter().cloned()))), ("dates", dates(ds))],
            ),
            Reason::EventOneOff { dates: ds } => say("reason-event-one-off", &[("dates", dates(ds))]),
            Reason::RoiNoCost => say("reason-roi-no-cost", &[]),
            Reason::RoiNegativeCost => say("reason-roi-negative-cost", &[]),
            Reason::Text { text } => text.clone(),
        }
    }

    /// A rung's name.
    pub fn rung(&self, locale: Locale, rung: Rung) -> String {
        self.text(locale, &format!("rung-{}", rung.as_str()))
    }

    /// A lifecycle stage's name.
    pub fn stage(&self, locale: Locale, stage: LifecycleStage) -> String {
        self.text(locale, &format!("stage-{}", stage.as_str()))
    }

    /// An interaction kind's name.
    pub fn interaction(&self, locale: Locale, kind: InteractionKind) -> String {
        self.text(locale, &format!("interaction-{}", kind.as_str()))
    }
}

/// The keys under which Ladder's JSON carries reasons.
const REASON_KEYS: [&str; 6] = ["rung_reason", "state_reason", "reason", "basis", "state_basis", "roi_note"];

impl Catalog {
    /// Says the reasons in a JSON document in `locale`, for output that people and scripts read: every
    /// reason object under a reason key (`rung_reason`, `reason`, `basis`, …) becomes its text, and its
    /// kind goes beside it as `<key>_kind`, so scripts keep a stable machine value.
    pub fn say_reasons(&self, locale: Locale, value: &mut serde_json::Value) {
        use serde_json::Value;
        match value {
            Value::Array(items) => items.iter_mut().for_each(|v| self.say_reasons(locale, v)),
            Value::Object(object) => {
                let mut kinds = Vec::new();
                for (key, inner) in object.iter_mut() {
                    let reason = (REASON_KEYS.contains(&key.as_str()) && inner.get("kind").is_some())
                        .then(|| serde_json::from_value::<Reason>(inner.clone()).ok())
                        .flatten();
                    match reason {
                        Some(reason) => {
                            kinds.push((format!("{key}_kind"), Value::String(reason.kind())));
                            *inner = Value::String(plain(&self.reason(locale, &reason)));
                        }
                        None => self.say_reasons(locale, inner),
                    }
                }
                object.extend(kinds);
            }
            _ => {}
        }
    }
}

/// Text without the isolation marks Fluent puts around variables: for terminals, CSV and JSON, where
/// nothing renders them invisibly.
pub fn plain(text: &str) -> String {
    text.chars().filter(|c| !matches!(c, '\u{2068}' | '\u{2069}')).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        ladder_domain::date::parse_date(s).expect("date")
    }

    /// One reason of every kind, so that a new kind cannot miss its messages.
    pub(crate) fn every_reason() -> Vec<Reason> {
        let on = Some(d("2025-02-10"));
        vec![
            Reason::KnownContact,
            Reason::Interactions { count: 2, last: Some((InteractionKind::SignUp, d("2024-12-01"))) },
            Reason::Interactions { count: 1, last: None },
            Reason::Referred,
            Reason::Orders { orders: 1, on },
            Reason::Orders { orders: 2, on: None },
            Reason::Loyal { orders: 3, on, at_risk: false },
            Reason::NotActive { orders: 4, on, state: Some(CustomerState::AtRisk) },
            Reason::NotActive { orders: 4, on, state: None },
            Reason::AdvocateReferrals { orders: 3, on, referred_buyers: 1, at_risk: false },
            Reason::AdvocateRecommended { orders: 7, on, at_risk: true },
            Reason::Loyal { orders: 4, on, at_risk: true },
            Reason::Recent { days: 0, usual: None },
            Reason::Recent { days: 1, usual: Some(Usual::Own { days: 15.5 }) },
            Reason::Recent { days: 12, usual: Some(Usual::Shop { days: 30.0 }) },
            Reason::Overdue {
                days: 61,
                usual: Some(Usual::Own { days: 30.0 }),
                state: CustomerState::AtRisk,
                after_days: 60.0,
            },
            Reason::Overdue { days: 366, usual: None, state: CustomerState::Lost, after_days: 365.0 },
            Reason::PAlive {
                p: 0.42,
                previous: Some(0.71),
                days: 140,
                state: CustomerState::AtRisk,
                usual_days: Some(35.0),
            },
            Reason::PAlive { p: 0.8, previous: Some(0.5), days: 21, state: CustomerState::Active, usual_days: None },
            Reason::PAlive { p: 0.8, previous: None, days: 1, state: CustomerState::Active, usual_days: None },
            Reason::NoOrderYet,
            Reason::Lifecycle { stage: LifecycleStage::Retention, rung: Rung::Loyal },
            Reason::ModelFitted {
                customers: 2357,
                repeat: 1190,
                r: 0.2426,
                alpha: 4.41,
                a: 0.793,
                b: 2.426,
                spend_model: true,
            },
            Reason::ModelFitted { customers: 50, repeat: 40, r: 0.5, alpha: 10.0, a: 0.5, b: 1.5, spend_model: false },
            Reason::ModelTooFewRepeat { repeat: 4, needed: 30 },
            Reason::ModelNotConverged,
            Reason::ModelFailed { error: "NaN in the gradient".into() },
            Reason::EventOccasion {
                from: d("2025-12-20"),
                to: d("2025-12-24"),
                categories: vec!["Gifts".into(), "Cards".into()],
            },
            Reason::EventOccasion { from: d("2025-12-24"), to: d("2025-12-24"), categories: vec!["Gifts".into()] },
            Reason::EventSeasonalOrders {
                categories: vec!["Gifts".into()],
                dates: vec![d("2025-12-20"), d("2024-12-21")],
            },
            Reason::EventOneOff { dates: vec![d("2025-06-01")] },
            Reason::RoiNoCost,
            Reason::RoiNegativeCost,
        ]
    }

    #[test]
    fn every_reason_reads_in_every_language_with_its_own_message() {
        let catalog = Catalog::new();
        for reason in every_reason() {
            for locale in Locale::ALL {
                let said = catalog.reason(locale, &reason);
                assert!(!said.is_empty(), "{reason:?} in {locale:?}");
                assert!(!said.contains("reason-"), "{reason:?} in {locale:?} lacks a message: {said}");
                assert!(!said.contains("{$"), "{reason:?} in {locale:?} lacks a variable: {said}");
            }
            for id in message_ids(&reason) {
                for locale in Locale::ALL {
                    assert!(catalog.has(locale, &id), "{id} is missing in {locale:?}");
                }
            }
        }
    }

    /// The messages a reason is said with, from its kind.
    fn message_ids(reason: &Reason) -> Vec<String> {
        let kind = reason.kind().replace('_', "-");
        match reason {
            Reason::Text { .. } => vec![],
            Reason::Orders { .. } => vec!["reason-order-on".into(), "reason-orders".into()],
            Reason::Recent { .. } => vec!["reason-since-order".into(), "reason-and".into()],
            Reason::PAlive { .. } => {
                vec!["reason-p-alive-fell".into(), "reason-p-alive-rose".into(), "reason-because".into()]
            }
            Reason::EventOccasion { .. } => vec!["reason-event-occasion".into(), "reason-event-occasion-day".into()],
            Reason::Interactions { .. } => vec!["reason-interactions".into(), "reason-interactions-last".into()],
            Reason::Overdue { .. } => vec!["reason-overdue".into(), "reason-overdue-usual".into()],
            _ => vec![format!("reason-{kind}")],
        }
    }

    #[test]
    fn english_reads_as_it_always_has() {
        let catalog = Catalog::new();
        let en = |r: Reason| plain(&catalog.reason(Locale::En, &r));
        let on = Some(d("2025-02-10"));
        assert_eq!(en(Reason::KnownContact), "known contact; no interaction or order yet");
        assert_eq!(
            en(Reason::Interactions { count: 2, last: Some((InteractionKind::SignUp, d("2024-12-01"))) }),
            "2 interactions, last: Sign-up on 1 Dec 2024; no order yet"
        );
        assert_eq!(en(Reason::Orders { orders: 1, on }), "1st order on 10 Feb 2025");
        assert_eq!(en(Reason::Loyal { orders: 3, on, at_risk: false }), "3rd order on 10 Feb 2025, active");
        assert_eq!(en(Reason::Loyal { orders: 3, on, at_risk: true }), "3rd order on 10 Feb 2025, at risk");
        assert_eq!(
            en(Reason::NotActive { orders: 3, on, state: Some(CustomerState::AtRisk) }),
            "3rd order on 10 Feb 2025, but at risk"
        );
        assert_eq!(
            en(Reason::AdvocateReferrals { orders: 3, on, referred_buyers: 1, at_risk: false }),
            "loyal (3rd order on 10 Feb 2025, active) and 1 referred customer has ordered"
        );
        assert_eq!(
            en(Reason::Overdue {
                days: 61,
                usual: Some(Usual::Own { days: 30.0 }),
                state: CustomerState::AtRisk,
                after_days: 60.0
            }),
            "no order for 61 days, usually every 30 days (at risk after 60 days)"
        );
        assert_eq!(
            en(Reason::Overdue {
                days: 61,
                usual: Some(Usual::Shop { days: 30.0 }),
                state: CustomerState::AtRisk,
                after_days: 60.0
            }),
            "no order for 61 days, customers usually return within 30 days (at risk after 60 days)"
        );
        assert_eq!(
            en(Reason::Recent { days: 1, usual: Some(Usual::Own { days: 15.5 }) }),
            "last order yesterday, usually every 15.5 days"
        );
        assert_eq!(
            en(Reason::PAlive {
                p: 0.42,
                previous: Some(0.71),
                days: 140,
                state: CustomerState::AtRisk,
                usual_days: Some(35.0)
            }),
            "P(alive) fell from 0.71 to 0.42: no order for 140 days, usually every 35 days"
        );
        assert_eq!(
            en(Reason::ModelTooFewRepeat { repeat: 4, needed: 30 }),
            "states from the recency rule: only 4 customers have ordered on two different days, and BG/NBD needs 30"
        );
        assert_eq!(
            en(Reason::EventOneOff { dates: vec![d("2025-06-01"), d("2025-07-01")] }),
            "marked one-off (1 Jun 2025, 1 Jul 2025)"
        );
    }

    #[test]
    fn json_reasons_become_text_with_their_kind_beside_them() {
        let catalog = Catalog::new();
        let on = Some(d("2025-02-10"));
        let mut value = serde_json::json!({
            "customer_id": "C1",
            "rung_reason": Reason::Loyal { orders: 3, on, at_risk: false },
            "history": [{ "kind": "rung", "reason": Reason::Orders { orders: 1, on } }],
            "state_reason": null,
        });
        catalog.say_reasons(Locale::Ru, &mut value);
        assert_eq!(value["rung_reason"], "3-й заказ 10.02.2025, активен");
        assert_eq!(value["rung_reason_kind"], "loyal");
        assert_eq!(value["history"][0]["reason"], "1-й заказ 10.02.2025");
        assert_eq!(value["history"][0]["kind"], "rung", "other keys are left alone");
        assert!(value["state_reason"].is_null());
    }

    #[test]
    fn persian_has_jalali_dates_and_persian_digits_and_russian_its_plurals() {
        let catalog = Catalog::new();
        let on = Some(d("2025-02-10"));
        let fa = plain(&catalog.reason(Locale::Fa, &Reason::Loyal { orders: 3, on, at_risk: false }));
        assert!(fa.contains("۲۲ بهمن ۱۴۰۳") && fa.contains('۳'), "{fa}");
        assert!(!fa.chars().any(|c| c.is_ascii_digit()), "{fa}");
        let ru = |n: i64| plain(&catalog.reason(Locale::Ru, &Reason::Recent { days: n, usual: None }));
        assert_eq!(ru(2), "последний заказ 2 дня назад");
        assert_eq!(ru(5), "последний заказ 5 дней назад");
        assert_eq!(ru(21), "последний заказ 21 день назад");
        let he =
            plain(&catalog.reason(Locale::He, &Reason::Recent { days: 1, usual: Some(Usual::Own { days: 15.5 }) }));
        assert!(he.contains("15.5") && he.contains("אתמול"), "{he}");
    }
}
