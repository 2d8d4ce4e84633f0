//! The ledger's arithmetic. Every movement of points is a row; a row that adds points (an earn, a
//! positive adjustment) is a *lot* with what is left of it; a row that takes points (a redemption, an
//! expiry, a reversal, a negative adjustment) draws from lots, and its draws are kept with it. The
//! balance is the ledger's sum, which is the lots' remainders: no number is kept that could drift.
//!
//! Spending draws from the available lot that expires first. A refund takes back the order's own lots;
//! what was already spent of them is taken from the member's other points, available before pending,
//! the first to expire first; what the member no longer has is forgiven and recorded, so a balance is
//! never below zero.

use crate::customer::string_enum;
use chrono::NaiveDate;

string_enum! {
    /// What a ledger row is.
    EntryKind {
        /// Points earned by an order, a referral or a survey.
        Earn = "earn",
        /// Points spent.
        Redeem = "redeem",
        /// Points that ran out of time.
        Expire = "expire",
        /// Points taken back from a refunded or cancelled order.
        Reverse = "reverse",
        /// Points given or taken by staff, with a reason.
        Adjust = "adjust",
    }
}

/// What is left of a row that added points.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Lot {
    /// The row's id.
    pub id: i64,
    /// Points not yet drawn.
    pub remaining: i64,
    /// The day they can be spent from.
    pub available_on: NaiveDate,
    /// The first day they can no longer be used (`None`: never).
    pub expires_on: Option<NaiveDate>,
}

impl Lot {
    /// Spendable on `day`.
    pub fn available(&self, day: NaiveDate) -> bool {
        self.remaining > 0 && self.available_on <= day && !self.expired(day)
    }

    /// Waiting for its pending period on `day`.
    pub fn pending(&self, day: NaiveDate) -> bool {
        self.remaining > 0 && self.available_on > day && !self.expired(day)
    }

    /// Out of time on `day`.
    pub fn expired(&self, day: NaiveDate) -> bool {
        self.expires_on.is_some_and(|e| e <= day)
    }
}

/// Points drawn from one lot.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Draw {
    /// The lot's row.
    pub lot: i64,
    /// How many.
    pub points: i64,
}

/// The first to expire first; never-expiring last; then the oldest row.
fn expiry_order(a: &Lot, b: &Lot) -> std::cmp::Ordering {
    (a.expires_on.is_none(), a.expires_on, a.id).cmp(&(b.expires_on.is_none(), b.expires_on, b.id))
}

/// Points available on `day`.
pub fn available(lots: &[Lot], day: NaiveDate) -> i64 {
    lots.iter().filter(|l| l.available(day)).map(|l| l.remaining).fold(0i64, i64::saturating_add)
}

/// Points pending on `day`.
pub fn pending(lots: &[Lot], day: NaiveDate) -> i64 {
    lots.iter().filter(|l| l.pending(day)).map(|l| l.remaining).fold(0i64, i64::saturating_add)
}

/// Points out of time on `day` that the evaluation has not written off yet.
pub fn lapsed(lots: &[Lot], day: NaiveDate) -> i64 {
    lots.iter().filter(|l| l.remaining > 0 && l.expired(day)).map(|l| l.remaining).fold(0i64, i64::saturating_add)
}

/// Points still to expire after `day`, summed by the first day they no longer count, soonest first, at
/// most `limit` days.
pub fn expiring(lots: &[Lot], day: NaiveDate, limit: usize) -> Vec<(NaiveDate, i64)> {
    let mut by_day = std::collections::BTreeMap::<NaiveDate, i64>::new();
    for l in lots.iter().filter(|l| l.remaining > 0) {
        if let Some(on) = l.expires_on.filter(|on| *on > day) {
            let sum = by_day.entry(on).or_default();
            *sum = sum.saturating_add(l.remaining);
        }
    }
    by_day.into_iter().take(limit).collect()
}

/// The draws that spend `points` on `day`, the first to expire first; `Err(available)` when the member
/// has fewer.
pub fn plan_spend(lots: &[Lot], points: i64, day: NaiveDate) -> Result<Vec<Draw>, i64> {
    let have = available(lots, day);
    if points <= 0 || points > have {
        return Err(have);
    }
    let mut open: Vec<&Lot> = lots.iter().filter(|l| l.available(day)).collect();
    open.sort_by(|a, b| expiry_order(a, b));
    Ok(take(open, points).0)
}

fn take(lots: Vec<&Lot>, mut points: i64) -> (Vec<Draw>, i64) {
    let mut draws = Vec::new();
    for lot in lots {
        if points == 0 {
            break;
        }
        let n = lot.remaining.min(points);
        if n > 0 {
            draws.push(Draw { lot: lot.id, points: n });
            points -= n;
        }
    }
    (draws, points)
}

/// The draws that expire what is left of lots out of time on `day`: each lot its own expiry.
pub fn plan_expiry(lots: &[Lot], day: NaiveDate) -> Vec<Draw> {
    lots.iter().filter(|l| l.remaining > 0 && l.expired(day)).map(|l| Draw { lot: l.id, points: l.remaining }).collect()
}

/// What a refund takes back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reversal {
    /// From the order's own lots, then from the member's others.
    pub draws: Vec<Draw>,
    /// Points already spent that the member no longer has: forgiven.
    pub unrecovered: i64,
}

impl Reversal {
    /// Points taken back.
    pub fn points(&self) -> i64 {
        self.draws.iter().map(|d| d.points).sum()
    }
}

/// The reversal of an order whose lots are `own` (each with the points spent from it — redeemed or
/// taken by staff, not expired), on `day`, with the member's `others`.
pub fn plan_reversal(own: &[(Lot, i64)], others: &[Lot], day: NaiveDate) -> Reversal {
    let mut draws: Vec<Draw> =
        own.iter().filter(|(l, _)| l.remaining > 0).map(|(l, _)| Draw { lot: l.id, points: l.remaining }).collect();
    let spent: i64 = own.iter().map(|(_, spent)| (*spent).max(0)).fold(0i64, i64::saturating_add);
    let own_ids: Vec<i64> = own.iter().map(|(l, _)| l.id).collect();
    let mut rest: Vec<&Lot> =
        others.iter().filter(|l| !own_ids.contains(&l.id) && l.remaining > 0 && !l.expired(day)).collect();
    rest.sort_by(|a, b| (!a.available(day)).cmp(&!b.available(day)).then_with(|| expiry_order(a, b)));
    let (more, unrecovered) = take(rest, spent);
    draws.extend(more);
    Reversal { draws, unrecovered }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(n: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 1, 1).unwrap() + chrono::Days::new(u64::from(n))
    }

    fn lot(id: i64, remaining: i64, available: u32, expires: Option<u32>) -> Lot {
        Lot { id, remaining, available_on: day(available), expires_on: expires.map(day) }
    }

    #[test]
    fn spending_draws_from_what_expires_first_and_never_beyond_the_balance() {
        let lots = [lot(1, 50, 0, Some(300)), lot(2, 30, 0, Some(100)), lot(3, 40, 20, Some(50)), lot(4, 10, 0, None)];
        assert_eq!(available(&lots, day(10)), 90);
        assert_eq!(pending(&lots, day(10)), 40);
        assert_eq!(plan_spend(&lots, 60, day(10)).unwrap(), [Draw { lot: 2, points: 30 }, Draw { lot: 1, points: 30 }]);
        assert_eq!(plan_spend(&lots, 91, day(10)), Err(90));
        assert_eq!(plan_spend(&lots, 0, day(10)), Err(90));
        // Once lot 3 is available, it expires first.
        assert_eq!(plan_spend(&lots, 45, day(30)).unwrap(), [Draw { lot: 3, points: 40 }, Draw { lot: 2, points: 5 }]);
        assert_eq!(plan_expiry(&lots, day(100)), [Draw { lot: 2, points: 30 }, Draw { lot: 3, points: 40 }]);
    }

    #[test]
    fn a_refund_takes_back_what_is_left_and_then_what_was_spent_but_never_below_zero() {
        // The order earned 100; 70 of it were spent; the member has 50 elsewhere and 20 pending.
        let own = [(lot(1, 30, 0, Some(300)), 70)];
        let others = [lot(2, 50, 0, Some(200)), lot(3, 20, 40, Some(400))];
        let r = plan_reversal(&own, &others, day(10));
        assert_eq!(r.draws, [Draw { lot: 1, points: 30 }, Draw { lot: 2, points: 50 }, Draw { lot: 3, points: 20 }]);
        assert_eq!(r.unrecovered, 0);
        let r = plan_reversal(&own, &others[..1], day(10));
        assert_eq!((r.points(), r.unrecovered), (80, 20));
    }
}
