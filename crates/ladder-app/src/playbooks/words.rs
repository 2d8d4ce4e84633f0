//! A playbook in words: its triggers, who may enter and its steps as sentences in the reader's language
//! (the web page and `ladder playbook show` say them alike).

use ladder_domain::Channel;
use ladder_domain::playbook::{BranchTest, Conditions, Jump, Step, Trigger};
use ladder_i18n::{Arg, Locale};
use std::collections::HashMap;

fn say(locale: Locale, id: &str, args: &[(&str, Arg)]) -> String {
    ladder_i18n::catalog().text_with(locale, id, args)
}

/// What starts a run, in words.
pub fn trigger(locale: Locale, trigger: &Trigger, segments: &HashMap<i64, String>) -> String {
    let t = |id: &str, args: &[(&str, Arg)]| say(locale, id, args);
    let rung = |r: ladder_domain::Rung| t(&format!("rung-{}", r.as_str()), &[]);
    let state = |s: ladder_domain::CustomerState| t(&format!("state-{}", s.as_str()), &[]);
    match trigger {
        Trigger::DaysAfterOrder { days } => t("playbook-trigger-days-after-order", &[("days", (*days).into())]),
        Trigger::FirstOrderGap => t("playbook-trigger-first-order-gap", &[]),
        Trigger::SecondOrderDue => t("playbook-trigger-second-order-due", &[]),
        Trigger::LosingValue => t("playbook-trigger-losing-value", &[]),
        Trigger::Birthday { days_before } => t("playbook-trigger-birthday", &[("days", (*days_before).into())]),
        Trigger::DateAttribute { attribute, days_before } => t(
            "playbook-trigger-date-attribute",
            &[("attribute", attribute.as_str().into()), ("days", (*days_before).into())],
        ),
        Trigger::Segment { segment } => t(
            "playbook-trigger-segment",
            &[("segment", segments.get(segment).cloned().unwrap_or_else(|| format!("#{segment}")).into())],
        ),
        Trigger::OrderPlaced => t("playbook-trigger-order-placed", &[]),
        Trigger::Rung { from: Some(from), to } => {
            t("playbook-trigger-rung-from", &[("from", rung(*from).into()), ("to", rung(*to).into())])
        }
        Trigger::Rung { from: None, to } => t("playbook-trigger-rung", &[("to", rung(*to).into())]),
        Trigger::StateChange { from: Some(from), to } => {
            t("playbook-trigger-state-from", &[("from", state(*from).into()), ("to", state(*to).into())])
        }
        Trigger::StateChange { from: None, to } => t("playbook-trigger-state", &[("to", state(*to).into())]),
        Trigger::Interaction { interaction } => t(
            "playbook-trigger-interaction",
            &[("kind", t(&format!("interaction-{}", interaction.as_str()), &[]).into())],
        ),
        Trigger::ReferralFirstOrder => t("playbook-trigger-referral", &[]),
        Trigger::ClubJoined => t("playbook-trigger-club-joined", &[]),
        Trigger::ClubTier { direction, to: None } => t(&format!("playbook-trigger-tier-{}", direction.as_str()), &[]),
        Trigger::ClubTier { direction, to: Some(tier) } => {
            t(&format!("playbook-trigger-tier-{}-to", direction.as_str()), &[("tier", tier.as_str().into())])
        }
        Trigger::PointsExpiring { days_before } => {
            t("playbook-trigger-points-expiring", &[("days", (*days_before).into())])
        }
        Trigger::Manual => t("playbook-trigger-manual", &[]),
    }
}

/// Who may be in a run, one phrase each (anyone, when nothing is asked).
pub fn conditions(
    locale: Locale,
    c: &Conditions,
    segments: &HashMap<i64, String>,
    money: &dyn Fn(i64) -> String,
) -> Vec<String> {
    let t = |id: &str, args: &[(&str, Arg)]| say(locale, id, args);
    let mut out = Vec::new();
    if c.no_event_buyers {
        out.push(t("playbook-if-no-event-buyers", &[]));
    }
    if let Some(r) = c.min_rung {
        out.push(t("playbook-if-min-rung", &[("rung", t(&format!("rung-{}", r.as_str()), &[]).into())]));
    }
    if !c.states.is_empty() {
        let sep = if locale == Locale::Fa { "، " } else { ", " };
        let states: Vec<String> = c.states.iter().map(|s| t(&format!("state-{}", s.as_str()), &[])).collect();
        out.push(t("playbook-if-states", &[("states", states.join(sep).into())]));
    }
    if let Some(s) = c.segment {
        let name = segments.get(&s).cloned().unwrap_or_else(|| format!("#{s}"));
        out.push(t("playbook-if-segment", &[("segment", name.into())]));
    }
    if let Some(v) = c.min_clv_minor {
        out.push(t("playbook-if-min-clv", &[("value", money(v).into())]));
    }
    if let Some(d) = c.not_contacted_days {
        out.push(t("playbook-if-not-contacted", &[("days", d.into())]));
    }
    if c.alone_in_goal {
        out.push(t("playbook-if-alone-in-goal", &[]));
    }
    if out.is_empty() {
        out.push(t("playbook-if-anyone", &[]));
    }
    out
}

/// Where a branch goes, in words.
fn jump(locale: Locale, to: Jump) -> String {
    match to {
        Jump::Next => say(locale, "playbook-jump-next", &[]),
        Jump::Skip(n) => say(locale, "playbook-jump-skip", &[("count", n.into())]),
        Jump::End => say(locale, "playbook-jump-end", &[]),
    }
}

/// A step as a sentence ("Wait 14 days.", "Send “winback” by email, else by SMS.").
pub fn step(locale: Locale, step: &Step) -> String {
    let t = |id: &str, args: &[(&str, Arg)]| say(locale, id, args);
    let channel = |c: Channel| t(&format!("channel-{}", c.as_str()), &[]);
    match step {
        Step::Wait { days, at_hour: Some(h) } => {
            t("playbook-step-wait-until", &[("days", (*days).into()), ("hour", (*h).into())])
        }
        Step::Wait { days, at_hour: None } => t("playbook-step-wait", &[("days", (*days).into())]),
        Step::Message { template, channel: c, fallback: Some(f) } => t(
            "playbook-step-message-else",
            &[
                ("template", template.as_str().into()),
                ("channel", channel(*c).into()),
                ("fallback", channel(*f).into()),
            ],
        ),
        Step::Message { template, channel: c, fallback: None } => {
            t("playbook-step-message", &[("template", template.as_str().into()), ("channel", channel(*c).into())])
        }
        Step::Task { task, script, due_days, top_decile_only } => {
            let mut s = t(
                "playbook-step-task",
                &[("task", t(&format!("task-kind-{}", task.as_str()), &[]).into()), ("days", (*due_days).into())],
            );
            if let Some(script) = script {
                s.push(' ');
                s.push_str(&t("playbook-step-script", &[("template", script.as_str().into())]));
            }
            if *top_decile_only {
                s.push(' ');
                s.push_str(&t("playbook-step-top-decile", &[]));
            }
            s
        }
        Step::Tag { tag } => t("playbook-step-tag", &[("tag", tag.as_str().into())]),
        Step::GivePoints { points, reason } => {
            t("playbook-step-give-points", &[("points", (*points).into()), ("reason", reason.as_str().into())])
        }
        Step::GivePerk { perk, days } => t(
            "playbook-step-give-perk",
            &[
                ("perk", t(&format!("club-perk-{}", perk.as_str().replace('_', "-")), &[]).into()),
                ("days", (*days).into()),
            ],
        ),
        Step::ReferralCode { channel: c, fallback: Some(f) } => {
            t("playbook-step-referral-code-else", &[("channel", channel(*c).into()), ("fallback", channel(*f).into())])
        }
        Step::ReferralCode { channel: c, fallback: None } => {
            t("playbook-step-referral-code", &[("channel", channel(*c).into())])
        }
        Step::Branch { test, yes, no } => {
            let test = match test {
                BranchTest::Ordered => "playbook-branch-ordered",
                BranchTest::Answered => "playbook-branch-answered",
            };
            t(
                "playbook-step-branch",
                &[("test", t(test, &[]).into()), ("yes", jump(locale, *yes).into()), ("no", jump(locale, *no).into())],
            )
        }
    }
}
