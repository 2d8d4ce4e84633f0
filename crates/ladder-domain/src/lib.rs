//! The pure domain of Ladder, a retention-first CRM.
//!
//! Everything here is a value or a function of values: no IO, no async and no clock. Every rule that
//! depends on time takes the date it is evaluated at (`as_of`) as an argument, so that scoring is
//! reproducible and tests can pin any day. The store fills the plain fact structs
//! ([`ladder::CustomerFacts`]) with aggregates computed in the database, and the rules here turn them
//! into rungs, states, lifecycle stages and RFM scores.
#![deny(missing_docs)]

pub mod access;
pub mod audit;
pub mod broadcast;
pub mod campaign;
pub mod club;
pub mod clv;
pub mod consent;
pub mod customer;
pub mod date;
pub mod jalali;
pub mod ladder;
pub mod messaging;
pub mod money;
pub mod order;
pub mod phone;
pub mod playbook;
pub mod reason;
pub mod recommend;
pub mod rfm;
pub mod segment;
pub mod shop;
pub mod sms;
pub mod stats;
pub mod template;
pub mod text;
pub mod tracking;
pub mod validate;

pub use access::{Permission, Role};
pub use campaign::{Attribution, Campaign, CampaignKind, CampaignStatus, CostEntry, CustomerHistory, Figures, Roi};
pub use customer::{Channel, Consent, Customer, CustomerKind, Interaction, InteractionKind};
pub use date::Birthday;
pub use ladder::{CustomerFacts, CustomerState, LifecycleStage, Placement, Rung, ShopFacts, StateRules};
pub use money::{Currency, Money, MoneyError};
pub use order::{Order, OrderLine, OrderStatus};
pub use reason::{Reason, Usual};
pub use rfm::{RfmInput, RfmScore, RfmSegment};
