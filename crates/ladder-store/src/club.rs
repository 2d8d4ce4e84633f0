//! The customer club (migration 33): the rules, members and their cards, the points ledger with the
//! draws that link every spend, expiry and reversal to the lots it consumed, and tier moves. Bulk work
//! (earning over every order, expiring, evaluating tiers) reads members in ranges of ids and writes in
//! batches; unique keys make an earn or a reversal happen once however often it runs.

use crate::{CustomerId, StoreResult};
use chrono::{DateTime, NaiveDate, Utc};
use ladder_domain::club::{Draw, EntryKind, Lot, Perk};
use serde::Serialize;

/// A member of the club.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Member {
    /// The store's customer id.
    #[serde(skip)]
    pub customer: CustomerId,
    /// The business's customer id.
    pub customer_id: String,
    /// The card in use.
    pub card_number: String,
    /// The code friends bring.
    pub referral_code: String,
    /// When they joined.
    pub joined_at: DateTime<Utc>,
    /// Orders from this day earn points.
    pub earn_from: NaiveDate,
    /// The terms' version accepted.
    pub terms_version: String,
    /// How the acceptance was given (JSON: channel, by whom, address).
    pub terms_evidence: String,
    /// Who enrolled them.
    pub joined_by: String,
    /// The tier held.
    pub tier: Option<String>,
    /// Since when.
    pub tier_since: Option<NaiveDate>,
    /// Below its threshold since (the grace period).
    pub below_since: Option<NaiveDate>,
    /// Blocked (erased): the card no longer works.
    pub blocked_at: Option<DateTime<Utc>>,
    /// The customer who brought them, when one did.
    pub referred_by: Option<String>,
    /// Whether an order of theirs has earned points yet (a friend's welcome perk lasts until then).
    pub has_ordered: bool,
}

/// A member to enrol.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewMember {
    /// The customer.
    pub customer: CustomerId,
    /// The first card.
    pub card_number: String,
    /// The referral code.
    pub referral_code: String,
    /// When.
    pub joined_at: DateTime<Utc>,
    /// Orders from this day earn points.
    pub earn_from: NaiveDate,
    /// The terms' version.
    pub terms_version: String,
    /// The evidence (JSON).
    pub terms_evidence: String,
    /// Who.
    pub joined_by: String,
}

/// A card, in use or blocked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Card {
    /// Its number.
    pub number: String,
    /// Whose.
    #[serde(skip)]
    pub customer: CustomerId,
    /// Issued.
    pub issued_at: DateTime<Utc>,
    /// Blocked, when.
    pub blocked_at: Option<DateTime<Utc>>,
    /// Why (`lost`, `erased`, `merged`).
    pub blocked_reason: Option<String>,
}

/// A ledger row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Entry {
    /// Its id.
    pub id: i64,
    /// Whose.
    #[serde(skip)]
    pub customer: CustomerId,
    /// What it is.
    pub kind: EntryKind,
    /// Why (`order`, `third_order`, `refund`, `expiry`, the staff's reason…).
    pub reason: String,
    /// Points, signed.
    pub points: i64,
    /// For a lot: what is left.
    pub remaining: i64,
    /// When it happened (an earn: when the order was placed).
    pub at: DateTime<Utc>,
    /// For a lot: spendable from.
    pub available_on: Option<NaiveDate>,
    /// For a lot: no longer usable from.
    pub expires_on: Option<NaiveDate>,
    /// The order (the store's id) that caused it.
    #[serde(skip)]
    pub order: Option<i64>,
    /// The order's business id.
    pub order_id: Option<String>,
    /// The redemption's idempotency key, or the till's reference.
    pub reference: Option<String>,
    /// Who wrote it (`user:3`, `system`).
    pub actor: String,
    /// A note.
    pub note: Option<String>,
    /// A reversal's points already spent that the member no longer had: forgiven.
    pub unrecovered: i64,
    /// The lots it drew from.
    pub draws: Vec<Draw>,
}

/// A ledger row to write: a lot when `points` > 0 (with its days), else drawing `draws`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewEntry {
    /// Whose.
    pub customer: CustomerId,
    /// What.
    pub kind: EntryKind,
    /// Why.
    pub reason: String,
    /// Signed points: the sum of the draws, negated, for a row that draws.
    pub points: i64,
    /// When.
    pub at: DateTime<Utc>,
    /// A lot's first day to spend.
    pub available_on: Option<NaiveDate>,
    /// A lot's expiry.
    pub expires_on: Option<NaiveDate>,
    /// The order that caused it.
    pub order: Option<i64>,
    /// An idempotency key or reference.
    pub reference: Option<String>,
    /// Who.
    pub actor: String,
    /// A note.
    pub note: Option<String>,
    /// Forgiven points of a reversal.
    pub unrecovered: i64,
    /// The draws.
    pub draws: Vec<Draw>,
}

/// A perk given to a member for a while (by a playbook), beside their tier's.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PerkGrant {
    /// Whose.
    #[serde(skip)]
    pub customer: CustomerId,
    /// The perk.
    pub perk: Perk,
    /// From this day.
    pub from: NaiveDate,
    /// The first day it no longer holds.
    pub until: NaiveDate,
    /// Why (the playbook's key).
    pub reason: String,
    /// What gave it, once (`playbook:KEY:RUN:STEP`).
    pub reference: String,
    /// Who.
    pub actor: String,
    /// When.
    pub at: DateTime<Utc>,
}

impl PerkGrant {
    /// Whether it holds on `day`.
    pub fn holds_on(&self, day: NaiveDate) -> bool {
        self.from <= day && day < self.until
    }
}

/// What the till reads in one go: the card, its member, their lots with points left and the perks given
/// to them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Till {
    /// The card.
    pub card: Card,
    /// Its member.
    pub member: Member,
    /// Their lots with points left.
    pub lots: Vec<Lot>,
    /// The perks given to them, newest first.
    pub perks: Vec<PerkGrant>,
}

/// A member's points on a day.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Balance {
    /// The ledger's sum.
    pub total: i64,
    /// Spendable now.
    pub available: i64,
    /// Waiting for the pending period.
    pub pending: i64,
    /// Out of time but not yet written off by the evaluation.
    pub lapsed: i64,
    /// Points expiring, by the first day they no longer count, soonest first (at most 6).
    pub expiring: Vec<(NaiveDate, i64)>,
}

impl Balance {
    /// A member's balance on `day` from their lots with points left (the ledger's sum is theirs).
    pub fn of_lots(lots: &[Lot], day: NaiveDate) -> Self {
        use ladder_domain::club as c;
        Balance {
            total: lots.iter().map(|l| l.remaining).fold(0i64, i64::saturating_add),
            available: c::available(lots, day),
            pending: c::pending(lots, day),
            lapsed: c::lapsed(lots, day),
            expiring: c::expiring(lots, day, 6),
        }
    }
}

/// A lot with what was spent of it (redeemed or taken by staff, not expired), for a reversal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SpentLot {
    /// The lot.
    pub lot: Lot,
    /// What was spent.
    pub spent: i64,
}

/// What writing earned lots did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Earned {
    /// Lots new in the ledger.
    pub rows: u64,
    /// Points of those that were out of time, expired as they were written.
    pub expired: i64,
}

/// A completed order of a member that has earned nothing yet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrderToEarn {
    /// The order's store id.
    pub order: i64,
    /// The member.
    pub customer: CustomerId,
    /// When it was placed.
    pub ordered_at: DateTime<Utc>,
    /// Its total.
    pub total_minor: i64,
    /// Its place among the customer's completed orders (1: the first).
    pub nth: u32,
    /// The customer's birthday as stored.
    pub birthday: Option<String>,
    /// The member's tier.
    pub tier: Option<String>,
}

/// A friend's first completed order that has not rewarded the member who brought them yet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReferralToReward {
    /// The member who brought the friend.
    pub referrer: CustomerId,
    /// The friend's first completed order.
    pub order: i64,
    /// When it was placed.
    pub ordered_at: DateTime<Utc>,
}

/// An order that earned points and is no longer completed, not yet reversed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OrderToReverse {
    /// The member.
    pub customer: CustomerId,
    /// The order.
    pub order: i64,
}

/// A member as the tier evaluation sees them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TierFacts {
    /// The member.
    pub customer: CustomerId,
    /// The tier held.
    pub tier: Option<String>,
    /// Below its threshold since.
    pub below_since: Option<NaiveDate>,
    /// The 12 months' spend (minor units).
    pub spend_minor: i64,
    /// The 12 months' points earned (less those reversed).
    pub points: i64,
}

/// A member's tier after an evaluation, with the move when it changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TierChange {
    /// The member.
    pub customer: CustomerId,
    /// The tier now.
    pub tier: String,
    /// Below its threshold since.
    pub below_since: Option<NaiveDate>,
    /// The move: from, and its reason as JSON.
    pub moved: Option<(Option<String>, String)>,
    /// The day.
    pub day: NaiveDate,
    /// When.
    pub at: DateTime<Utc>,
}

/// A tier move.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TierMove {
    /// Whose.
    #[serde(skip)]
    pub customer: CustomerId,
    /// From (none: joined).
    pub from: Option<String>,
    /// To.
    pub to: String,
    /// The day.
    pub day: NaiveDate,
    /// When.
    pub at: DateTime<Utc>,
    /// Why, as JSON ([`ladder_domain::club::TierReason`]).
    pub reason: String,
}

/// The club's figures.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ClubFigures {
    /// Members (not blocked).
    pub members: u64,
    /// Members with a completed order in the 12 months.
    pub active_members: u64,
    /// Members per tier key.
    pub by_tier: Vec<(String, u64)>,
    /// Tier moves in the period: from (none: joined), to, how many.
    pub moves: Vec<(Option<String>, String, u64)>,
    /// Revenue of the 12 months (completed orders, shop currency) of members, and of everyone.
    pub member_revenue_minor: i64,
    /// Everyone's.
    pub revenue_minor: i64,
    /// Points earned in the period.
    pub issued: i64,
    /// Points redeemed in the period.
    pub redeemed: i64,
    /// Points expired in the period.
    pub expired: i64,
    /// Points outstanding now.
    pub outstanding: i64,
    /// Members with at least two completed orders, and with three (the third-purchase rate).
    pub members_with_two: u64,
    /// With three.
    pub members_with_three: u64,
    /// Non-members with two completed orders.
    pub others_with_two: u64,
    /// With three.
    pub others_with_three: u64,
    /// Customers brought by members.
    pub friends: u64,
    /// Of them, with a completed order.
    pub friends_ordered: u64,
    /// With two.
    pub friends_with_two: u64,
    /// With three.
    pub friends_with_three: u64,
}

impl ClubFigures {
    /// Adds the period's points by kind (as the ledger sums them: spends and expiries negative).
    pub fn add_points(&mut self, kinds: &[(String, i64)]) {
        for (kind, points) in kinds {
            match EntryKind::parse(kind) {
                Some(EntryKind::Earn) => self.issued = self.issued.saturating_add(*points),
                Some(EntryKind::Adjust) if *points > 0 => self.issued = self.issued.saturating_add(*points),
                Some(EntryKind::Redeem) => self.redeemed = self.redeemed.saturating_sub(*points),
                Some(EntryKind::Expire) => self.expired = self.expired.saturating_sub(*points),
                _ => {}
            }
        }
    }

    /// Adds members' (1) and others' (0) counts of customers with two and three completed orders.
    pub fn add_rates(&mut self, rates: &[(i64, u64, u64)]) {
        for (member, two, three) in rates {
            if *member == 1 {
                (self.members_with_two, self.members_with_three) = (*two, *three);
            } else {
                (self.others_with_two, self.others_with_three) = (*two, *three);
            }
        }
    }
}

/// Reading the club.
pub trait ClubStore {
    /// The club's rules as JSON, when the shop set them.
    fn club_rules(&self) -> StoreResult<Option<String>>;

    /// The store's id of the customer with this business id (a merged id's alias included).
    fn club_customer_id(&self, external_id: &str) -> StoreResult<Option<CustomerId>>;

    /// A member.
    fn club_member(&self, customer: CustomerId) -> StoreResult<Option<Member>>;

    /// The member who brought this customer, when a member did.
    fn club_referrer_of(&self, customer: CustomerId) -> StoreResult<Option<CustomerId>>;

    /// A card by number, in use or blocked.
    fn club_card(&self, number: &str) -> StoreResult<Option<Card>>;

    /// The card of this number, in use or blocked, with its member: the till's one read.
    fn club_member_by_card(&self, number: &str) -> StoreResult<Option<(Card, Member)>>;

    /// The till's one read: the card of this number with its member, their lots with points left and
    /// the perks given to them.
    fn club_till(&self, number: &str) -> StoreResult<Option<Till>>;

    /// The perks given to a member, newest first.
    fn club_perk_grants(&self, customer: CustomerId) -> StoreResult<Vec<PerkGrant>>;

    /// Members (not blocked) with points left that expire on a day in `from..=to`: each member and day
    /// once, by member and day.
    fn club_points_expiring(&self, from: NaiveDate, to: NaiveDate) -> StoreResult<Vec<(CustomerId, NaiveDate)>>;

    /// A member's lots with points left: their balance ([`Balance::of_lots`]).
    fn club_open_lots(&self, customer: CustomerId) -> StoreResult<Vec<Lot>>;

    /// A member's cards, newest first.
    fn club_cards(&self, customer: CustomerId) -> StoreResult<Vec<Card>>;

    /// The member a referral code belongs to.
    fn club_member_by_referral(&self, code: &str) -> StoreResult<Option<Member>>;

    /// A member's ledger, oldest first, with each row's draws.
    fn club_ledger(&self, customer: CustomerId) -> StoreResult<Vec<Entry>>;

    /// The ledger row written with this reference (a redemption's idempotency key).
    fn club_entry_by_reference(&self, reference: &str) -> StoreResult<Option<Entry>>;

    /// A member's points on `day`.
    fn club_balance(&self, customer: CustomerId, day: NaiveDate) -> StoreResult<Balance>;

    /// A member's tier moves, oldest first.
    fn club_tier_moves(&self, customer: CustomerId) -> StoreResult<Vec<TierMove>>;

    /// The highest member id (0: none), to cut bulk work into ranges.
    fn club_last_member(&self) -> StoreResult<i64>;

    /// The club's figures: `since`..=`day` is the period, the 12 months end on `day`; money in `currency`.
    fn club_figures(&self, since: NaiveDate, day: NaiveDate, currency: &str) -> StoreResult<ClubFigures>;
}

/// Changing the club.
pub trait ClubTx {
    /// Saves the rules (JSON).
    fn put_club_rules(&mut self, rules: &str, at: DateTime<Utc>) -> StoreResult<()>;

    /// Locks a member for this unit of work (two redemptions of one member wait for each other).
    fn lock_club_member(&mut self, customer: CustomerId) -> StoreResult<()>;

    /// The card a number names and its member, read where the unit of work writes and the member locked
    /// as [`ClubTx::lock_club_member`] does: the till's redemption in one place.
    fn lock_club_member_by_card(&mut self, number: &str) -> StoreResult<Option<(Card, Member)>>;

    /// After the club's tables were filled in bulk: the planner's statistics brought up to date, so the
    /// till's reads use the member's index at once (PostgreSQL; SQLite plans without statistics).
    fn refresh_club_statistics(&mut self) -> StoreResult<()>;

    /// Enrols a member with their first card; `Conflict` when they are one already.
    fn add_club_member(&mut self, member: &NewMember) -> StoreResult<()>;

    /// Enrols these customers with their first cards; returns those left out (members already, or whose
    /// card number or referral code is taken: the caller draws new ones).
    fn add_club_members(&mut self, members: &[NewMember]) -> StoreResult<Vec<CustomerId>>;

    /// Up to `limit` customers after id `after` who are not members, by id: whom enrolling everyone takes.
    fn club_customers_to_enrol(&mut self, after: i64, limit: u32) -> StoreResult<Vec<CustomerId>>;

    /// Records that `referrer` brought the customer, unless someone is recorded already or it is
    /// themselves; returns whether it was recorded.
    fn link_club_referral(&mut self, customer: CustomerId, referrer: &str) -> StoreResult<bool>;

    /// Friends' first completed orders not yet rewarded, of members with ids in `(after, until]`.
    fn club_referrals_to_reward(&mut self, after: i64, until: i64) -> StoreResult<Vec<ReferralToReward>>;

    /// Blocks the member's card in use and gives them `number` (a lost card).
    fn replace_club_card(
        &mut self,
        customer: CustomerId,
        number: &str,
        at: DateTime<Utc>,
        reason: &str,
    ) -> StoreResult<()>;

    /// The member's lots with points left.
    fn club_lots(&mut self, customer: CustomerId) -> StoreResult<Vec<Lot>>;

    /// The row written with this reference (an idempotency key), as (id, member, points), seen from
    /// inside the unit of work: a retried redemption answers from it.
    fn club_row_of_reference(&mut self, reference: &str) -> StoreResult<Option<(i64, CustomerId, i64)>>;

    /// The lots an order earned a member, with what was spent of each.
    fn club_order_lots(&mut self, customer: CustomerId, order: i64) -> StoreResult<Vec<SpentLot>>;

    /// Writes a row and its draws (each lot's remainder drops by its draw); returns its id.
    fn append_club_entry(&mut self, entry: &NewEntry) -> StoreResult<i64>;

    /// Writes lots not written yet (one per member, order, kind and reason). A lot already out of time
    /// on `expired_by` (an old order counted at joining) is written spent, with its expiry row and draw:
    /// one pass instead of a lot now and its expiry later.
    fn earn_club_points(&mut self, lots: &[NewEntry], expired_by: NaiveDate) -> StoreResult<Earned>;

    /// Completed orders of members with ids in `(after, until]` that earned nothing yet, in `currency`,
    /// from each member's first earning day, by member and time.
    fn club_orders_to_earn(&mut self, after: i64, until: i64, currency: &str) -> StoreResult<Vec<OrderToEarn>>;

    /// The amounts per category of those orders' lines: (order, category, amount).
    fn club_order_categories(&mut self, after: i64, until: i64) -> StoreResult<Vec<(i64, Option<String>, i64)>>;

    /// Orders that earned and are no longer completed, not yet reversed (of one member, or all).
    fn club_orders_to_reverse(&mut self, customer: Option<CustomerId>) -> StoreResult<Vec<OrderToReverse>>;

    /// Expires what is left of lots out of time on `day` (each lot its own row, dated its expiry, drawing
    /// its remainder), of one member or all; returns the points expired.
    fn expire_club_points(
        &mut self,
        day: NaiveDate,
        customer: Option<CustomerId>,
        at: DateTime<Utc>,
    ) -> StoreResult<i64>;

    /// Members with ids in `(after, until]` with their 12 months ending on `day`, in `currency`.
    fn club_tier_facts(
        &mut self,
        after: i64,
        until: i64,
        day: NaiveDate,
        currency: &str,
    ) -> StoreResult<Vec<TierFacts>>;

    /// Saves tiers and records the moves.
    fn set_club_tiers(&mut self, changes: &[TierChange]) -> StoreResult<()>;

    /// Gives perks not given yet (one per reference); returns how many were new.
    fn give_club_perks(&mut self, grants: &[PerkGrant]) -> StoreResult<u64>;
}
