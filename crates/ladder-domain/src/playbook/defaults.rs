//! The playbooks a shop starts with: on by default, each editable or off. Their keys are stable — the
//! reports, the command line and the tests use them.

use super::{BranchTest, Conditions, Goal, Jump, Playbook, Step, TaskKind, TierDirection, Trigger};
use crate::club::Perk;
use crate::customer::{Channel, InteractionKind};
use crate::ladder::{CustomerState, Rung};

/// The keys of the starter playbooks, in the order they are listed.
pub const DEFAULT_KEYS: [&str; 13] = [
    "post_purchase_checkin",
    "first_to_second",
    "second_to_third",
    "winback",
    "losing_value_call",
    "birthday",
    "complaint_apology",
    "advocate_thanks",
    "new_loyal",
    "club_welcome",
    "club_tier_up",
    "club_tier_down",
    "club_points_expiring",
];

fn message(template: &str, channel: Channel, fallback: Option<Channel>) -> Step {
    Step::Message { template: template.to_owned(), channel, fallback }
}

fn task(task: TaskKind, script: &str, due_days: u32, top_decile_only: bool) -> Step {
    Step::Task { task, script: Some(script.to_owned()), due_days, top_decile_only }
}

fn playbook(key: &str, triggers: Vec<Trigger>, conditions: Conditions, steps: Vec<Step>) -> Playbook {
    Playbook {
        key: key.to_owned(),
        enabled: true,
        triggers,
        conditions,
        steps,
        goal: None,
        goal_days: 60,
        control_percent: 10,
        service: false,
        reentry_days: 0,
    }
}

/// The thirteen starter playbooks.
pub fn defaults() -> Vec<Playbook> {
    let not_event_buyers = Conditions { no_event_buyers: true, ..Conditions::default() };
    vec![
        // Ask how the product is, three days after any order — a service message, never an offer.
        Playbook {
            service: true,
            control_percent: 0,
            ..playbook(
                "post_purchase_checkin",
                vec![Trigger::DaysAfterOrder { days: 3 }],
                Conditions::default(),
                vec![message("checkin", Channel::Email, Some(Channel::Sms))],
            )
        },
        Playbook {
            goal: Some(Goal::SecondOrder),
            ..playbook(
                "first_to_second",
                vec![Trigger::FirstOrderGap],
                Conditions { alone_in_goal: true, ..not_event_buyers.clone() },
                vec![message("first_to_second", Channel::Email, None)],
            )
        },
        Playbook {
            goal: Some(Goal::ThirdOrder),
            ..playbook(
                "second_to_third",
                vec![Trigger::SecondOrderDue],
                Conditions { alone_in_goal: true, ..not_event_buyers.clone() },
                vec![
                    message("second_to_third", Channel::Email, Some(Channel::Sms)),
                    task(TaskKind::Call, "second_to_third_call", 2, true),
                ],
            )
        },
        // Once at lapsed, and once more at lost.
        Playbook {
            goal: Some(Goal::AnyOrder),
            goal_days: 90,
            ..playbook(
                "winback",
                vec![
                    Trigger::StateChange { from: None, to: CustomerState::Lapsed },
                    Trigger::StateChange { from: None, to: CustomerState::Lost },
                ],
                Conditions { min_rung: Some(Rung::Repeat), alone_in_goal: true, ..not_event_buyers.clone() },
                vec![
                    message("winback", Channel::Email, Some(Channel::Sms)),
                    Step::Wait { days: 14, at_hour: None },
                    Step::Branch { test: BranchTest::Ordered, yes: Jump::End, no: Jump::Next },
                    Step::Tag { tag: "winback-no-answer".to_owned() },
                ],
            )
        },
        // Never an automatic message: a person calls the best customers buying less. The lapsed are winback's.
        Playbook {
            goal: Some(Goal::OrderOrReached),
            reentry_days: 90,
            ..playbook(
                "losing_value_call",
                vec![Trigger::LosingValue],
                Conditions { states: vec![CustomerState::Active, CustomerState::AtRisk], ..not_event_buyers.clone() },
                vec![task(TaskKind::Call, "losing_value_call", 2, false)],
            )
        },
        Playbook {
            goal_days: 30,
            ..playbook(
                "birthday",
                vec![Trigger::Birthday { days_before: 1 }],
                Conditions::default(),
                vec![message("birthday", Channel::Email, Some(Channel::Sms))],
            )
        },
        // A person calls within the day and sends a personal letter; until then the customer hears no
        // marketing.
        Playbook {
            service: true,
            control_percent: 0,
            goal: Some(Goal::TaskDone),
            ..playbook(
                "complaint_apology",
                vec![Trigger::Interaction { interaction: InteractionKind::Complaint }],
                Conditions::default(),
                vec![
                    task(TaskKind::Call, "complaint_call", 0, false),
                    task(TaskKind::Letter, "complaint_apology", 1, false),
                ],
            )
        },
        Playbook {
            service: true,
            control_percent: 0,
            ..playbook(
                "advocate_thanks",
                vec![Trigger::Rung { from: None, to: Rung::Advocate }, Trigger::ReferralFirstOrder],
                Conditions { min_rung: Some(Rung::Advocate), ..Conditions::default() },
                vec![message("advocate_thanks", Channel::Email, None)],
            )
        },
        Playbook {
            goal_days: 90,
            ..playbook(
                "new_loyal",
                vec![Trigger::Rung { from: None, to: Rung::Loyal }],
                Conditions::default(),
                vec![message("new_loyal", Channel::Email, None)],
            )
        },
        // The club's: a welcome with the card, a thank-you on the way up with the referral code a week
        // later, a kind word and a perk on the way down, a reminder before points expire.
        Playbook {
            service: true,
            control_percent: 0,
            ..playbook(
                "club_welcome",
                vec![Trigger::ClubJoined],
                Conditions::default(),
                vec![
                    Step::GivePoints { points: 50, reason: "welcome".to_owned() },
                    message("club_welcome", Channel::Email, Some(Channel::Sms)),
                ],
            )
        },
        Playbook {
            goal: Some(Goal::AnyOrder),
            goal_days: 90,
            ..playbook(
                "club_tier_up",
                vec![Trigger::ClubTier { direction: TierDirection::Up, to: None }],
                Conditions::default(),
                vec![
                    message("club_tier_up", Channel::Email, None),
                    Step::Wait { days: 7, at_hour: None },
                    Step::ReferralCode { channel: Channel::Email, fallback: None },
                ],
            )
        },
        Playbook {
            goal: Some(Goal::AnyOrder),
            goal_days: 60,
            ..playbook(
                "club_tier_down",
                vec![Trigger::ClubTier { direction: TierDirection::Down, to: None }],
                Conditions::default(),
                vec![
                    Step::GivePerk { perk: Perk::FreeShipping, days: 30 },
                    message("club_tier_down", Channel::Email, None),
                ],
            )
        },
        Playbook {
            goal: Some(Goal::AnyOrder),
            goal_days: 30,
            ..playbook(
                "club_points_expiring",
                vec![Trigger::PointsExpiring { days_before: 30 }],
                Conditions::default(),
                vec![message("club_points_expiring", Channel::Email, Some(Channel::Sms))],
            )
        },
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_starters_are_the_thirteen_keys_and_only_marketing_has_a_control_group() {
        let all = defaults();
        assert_eq!(all.iter().map(|p| p.key.as_str()).collect::<Vec<_>>(), DEFAULT_KEYS);
        for p in &all {
            assert_eq!(p.control_percent == 0, p.service, "{}", p.key);
            assert!(p.enabled);
            // The steps survive a round trip through their stored form.
            let back: Playbook = serde_json::from_str(&serde_json::to_string(p).expect("json")).expect("read");
            assert_eq!(&back, p);
        }
        let losing = all.iter().find(|p| p.key == "losing_value_call").expect("losing_value_call");
        assert!(losing.steps.iter().all(|s| !matches!(s, Step::Message { .. })), "a person calls");
    }
}
