//! The customer club: member cards ([`card`]), the shop's rules — earning, pending, expiry, tiers and
//! perks ([`rules`]) — points earned by an order ([`mod@earn`]), the ledger's draws that spend, expire and
//! reverse points ([`ledger`]) and the tier a member holds ([`tiers`]). Pure: the store keeps the
//! ledger, the app asks these functions what to write.

pub mod card;
pub mod earn;
pub mod ledger;
pub mod rules;
pub mod tiers;

pub use card::{CardError, card_number, check_card_number, grouped, normal_referral_code, referral_code};
pub use earn::{EarnLine, EarnReason, OrderForPoints, earn};
pub use ledger::{
    Draw, EntryKind, Lot, Reversal, available, expiring, lapsed, pending, plan_expiry, plan_reversal, plan_spend,
};
pub use rules::{ClubRules, Downgrade, Expiry, Perk, Tier, TierBasis};
pub use tiers::{TierDecision, TierReason, evaluate_tier};
