//! The tier a member holds: up at once when the last 12 months qualify for more; down only after the
//! grace period below the tier's threshold, and then as the policy says (never, one tier at a time, or
//! straight to what the 12 months qualify for).

use super::rules::{ClubRules, Downgrade};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Why a member holds or moved to a tier.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum TierReason {
    /// Joined the club: the 12 months qualify for this tier.
    Joined {
        /// What the 12 months reached.
        value: i64,
    },
    /// The 12 months reached the tier's threshold.
    Qualified {
        /// What they reached.
        value: i64,
        /// The threshold.
        threshold: i64,
    },
    /// Below the threshold since a day, longer than the grace period.
    GraceOver {
        /// What the 12 months reach.
        value: i64,
        /// The threshold of the tier left.
        threshold: i64,
        /// Below it since.
        below_since: NaiveDate,
    },
}

/// What an evaluation decides.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TierDecision {
    /// The tier held after it.
    pub tier: String,
    /// Below its threshold since (kept for the grace period).
    pub below_since: Option<NaiveDate>,
    /// A move, when the tier changed (or was first given), and why.
    pub moved: Option<TierReason>,
}

/// The position of the highest tier `value` reaches.
fn qualified(rules: &ClubRules, value: i64) -> usize {
    rules.tiers.iter().rposition(|t| value >= t.threshold).unwrap_or(0)
}

/// Evaluates a member holding `current` (none yet: just joined), below its threshold since
/// `below_since`, whose last 12 months reached `value`, on `day`.
pub fn evaluate_tier(
    rules: &ClubRules,
    current: Option<&str>,
    below_since: Option<NaiveDate>,
    value: i64,
    day: NaiveDate,
) -> TierDecision {
    let target = qualified(rules, value);
    let key = |i: usize| rules.tiers.get(i).map(|t| t.key.clone()).unwrap_or_default();
    let Some(held) = current.and_then(|c| rules.tier_index(c)) else {
        return TierDecision { tier: key(target), below_since: None, moved: Some(TierReason::Joined { value }) };
    };
    if target > held {
        let threshold = rules.tiers[target].threshold;
        return TierDecision {
            tier: key(target),
            below_since: None,
            moved: Some(TierReason::Qualified { value, threshold }),
        };
    }
    if target == held {
        return TierDecision { tier: key(held), below_since: None, moved: None };
    }
    let since = below_since.unwrap_or(day);
    let grace_over = (day - since).num_days() >= i64::from(rules.grace_days);
    let to = match rules.downgrade {
        _ if !grace_over => held,
        Downgrade::None => held,
        Downgrade::OneDown => held - 1,
        Downgrade::Recompute => target,
    };
    if to == held {
        return TierDecision { tier: key(held), below_since: Some(since), moved: None };
    }
    let threshold = rules.tiers[held].threshold;
    let reason = TierReason::GraceOver { value, threshold, below_since: since };
    // Still below the new tier: its own grace period starts now.
    let below = (target < to).then_some(day);
    TierDecision { tier: key(to), below_since: below, moved: Some(reason) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::money::Currency;

    fn day(n: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 1, 1).unwrap() + chrono::Days::new(u64::from(n))
    }

    #[test]
    fn up_at_once_down_one_tier_after_the_grace_period() {
        let rules = ClubRules::for_currency(Currency::parse("ILS").unwrap());
        let (gold, platinum) = (rules.tiers[1].threshold, rules.tiers[2].threshold);
        let joined = evaluate_tier(&rules, None, None, gold, day(0));
        assert_eq!((joined.tier.as_str(), joined.moved), ("gold", Some(TierReason::Joined { value: gold })));
        let up = evaluate_tier(&rules, Some("silver"), None, platinum, day(1));
        assert_eq!(up.tier, "platinum");
        // Below Platinum: the grace period starts, no move.
        let below = evaluate_tier(&rules, Some("platinum"), None, 0, day(10));
        assert_eq!((below.tier.as_str(), below.below_since, below.moved), ("platinum", Some(day(10)), None));
        let still = evaluate_tier(&rules, Some("platinum"), Some(day(10)), 0, day(39));
        assert_eq!((still.tier.as_str(), still.moved), ("platinum", None));
        // 30 days on: one tier down, and Gold's own grace period starts.
        let down = evaluate_tier(&rules, Some("platinum"), Some(day(10)), 0, day(40));
        assert_eq!((down.tier.as_str(), down.below_since), ("gold", Some(day(40))));
        assert!(matches!(down.moved, Some(TierReason::GraceOver { below_since, .. }) if below_since == day(10)));
        // Back above the threshold within the grace period: the clock stops.
        let back = evaluate_tier(&rules, Some("platinum"), Some(day(10)), platinum, day(20));
        assert_eq!((back.tier.as_str(), back.below_since, back.moved), ("platinum", None, None));
        let recompute = ClubRules { downgrade: Downgrade::Recompute, ..rules.clone() };
        assert_eq!(evaluate_tier(&recompute, Some("platinum"), Some(day(10)), 0, day(40)).tier, "silver");
        let never = ClubRules { downgrade: Downgrade::None, ..rules };
        assert_eq!(evaluate_tier(&never, Some("platinum"), Some(day(10)), 0, day(400)).tier, "platinum");
    }
}
