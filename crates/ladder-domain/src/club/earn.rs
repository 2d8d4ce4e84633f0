//! Points an order earns: the base (a point per so much spent, with its categories' and the member's
//! tier's multipliers), a birthday-month bonus, and the third-order bonus.

use super::rules::{ClubRules, Tier};
use crate::customer::string_enum;

string_enum! {
    /// Why points were earned.
    EarnReason {
        /// The order itself.
        Order = "order",
        /// The extra share of an order in the birthday month.
        Birthday = "birthday",
        /// The member's third completed order.
        ThirdOrder = "third_order",
        /// A friend's first completed order, for the member who referred them.
        Referral = "referral",
        /// An answered survey.
        Survey = "survey",
    }
}

/// An order as points see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrderForPoints {
    /// Its total in minor units of the shop's currency.
    pub total_minor: i64,
    /// Its lines' amounts per category, when category multipliers are set (else empty: the total counts).
    pub categories: Vec<(Option<String>, i64)>,
    /// Its position among the customer's completed orders (1 for the first).
    pub nth: u32,
    /// Placed in the customer's birthday month.
    pub birthday_month: bool,
}

/// Points earned, and why.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EarnLine {
    /// Why.
    pub reason: EarnReason,
    /// How many (above 0).
    pub points: i64,
}

fn percent(amount: i128, percent: u32) -> i128 {
    amount * i128::from(percent) / 100
}

/// What an order earns a member in `tier` (the lowest when `None`): nothing below the minimum order.
pub fn earn(rules: &ClubRules, order: &OrderForPoints, tier: Option<&Tier>) -> Vec<EarnLine> {
    if order.total_minor <= 0 || order.total_minor < rules.min_order_minor {
        return Vec::new();
    }
    let eligible: i128 = if order.categories.is_empty() || rules.category_multipliers.is_empty() {
        i128::from(order.total_minor)
    } else {
        order
            .categories
            .iter()
            .map(|(category, amount)| {
                let share = category
                    .as_deref()
                    .and_then(|c| rules.category_multipliers.iter().find(|m| m.category.eq_ignore_ascii_case(c)))
                    .map_or(100, |m| m.percent);
                percent(i128::from(*amount), share)
            })
            .sum()
    };
    let tier_percent = tier.or(rules.tiers.first()).map_or(100, |t| t.multiplier_percent);
    let per_point = i128::from(rules.spend_per_point_minor.max(1));
    let base = percent(eligible, tier_percent) / per_point;
    let clamp = |p: i128| i64::try_from(p.max(0)).unwrap_or(i64::MAX);
    let mut out = Vec::new();
    if base > 0 {
        out.push(EarnLine { reason: EarnReason::Order, points: clamp(base) });
    }
    if order.birthday_month && rules.bonuses.birthday_month_percent > 100 {
        let extra = percent(base, rules.bonuses.birthday_month_percent - 100);
        if extra > 0 {
            out.push(EarnLine { reason: EarnReason::Birthday, points: clamp(extra) });
        }
    }
    if order.nth == 3 && rules.bonuses.third_order > 0 {
        out.push(EarnLine { reason: EarnReason::ThirdOrder, points: rules.bonuses.third_order });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::club::rules::CategoryMultiplier;
    use crate::money::Currency;

    fn order(total_minor: i64, nth: u32) -> OrderForPoints {
        OrderForPoints { total_minor, categories: Vec::new(), nth, birthday_month: false }
    }

    #[test]
    fn an_order_earns_its_base_its_tier_share_and_the_third_order_bonus() {
        let rules = ClubRules::for_currency(Currency::parse("ILS").unwrap());
        // 123.45 ILS at a point per shekel: 123 points, the rest is not rounded up.
        assert_eq!(earn(&rules, &order(12_345, 1), None), [EarnLine { reason: EarnReason::Order, points: 123 }]);
        // Gold earns 125 %.
        assert_eq!(earn(&rules, &order(10_000, 2), rules.tier("gold"))[0].points, 125);
        let third = earn(&rules, &order(10_000, 3), None);
        assert_eq!(third[1], EarnLine { reason: EarnReason::ThirdOrder, points: 100 });
        let birthday = earn(&rules, &OrderForPoints { birthday_month: true, ..order(10_000, 1) }, None);
        assert_eq!(birthday[1], EarnLine { reason: EarnReason::Birthday, points: 100 });
        let mut min = rules.clone();
        min.min_order_minor = 5_000;
        assert!(earn(&min, &order(4_999, 3), None).is_empty());
        assert!(earn(&rules, &order(0, 1), None).is_empty());
        // A category earning double.
        let mut cats = rules.clone();
        cats.category_multipliers = vec![CategoryMultiplier { category: "Coffee".to_owned(), percent: 200 }];
        let mixed =
            OrderForPoints { categories: vec![(Some("coffee".to_owned()), 5_000), (None, 5_000)], ..order(10_000, 1) };
        assert_eq!(earn(&cats, &mixed, None)[0].points, 150);
        // Sums that would overflow i64 stay whole.
        let whole = i64::try_from(i128::from(i64::MAX) * 150 / 100 / 100).unwrap();
        assert_eq!(earn(&rules, &order(i64::MAX, 1), rules.tier("platinum"))[0].points, whole);
    }
}
