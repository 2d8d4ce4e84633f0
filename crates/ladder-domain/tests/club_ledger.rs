//! The ledger's property: whatever sequence of earns, redemptions, refunds, expiries and adjustments
//! happens, the balance is the ledger's sum, never below zero, and spending draws from the points that
//! expire first. Random sequences from fixed seeds (a failing seed is printed, so it can be replayed).

use chrono::{Days, NaiveDate};
use ladder_domain::club::ledger::{Draw, Lot, available, pending, plan_expiry, plan_reversal, plan_spend};

/// A row of the model ledger: its signed points, and for lots what is left and what was spent of it.
struct Row {
    points: i64,
    lot: Option<Lot>,
    spent: i64,
    order: Option<usize>,
    reversed: bool,
}

struct Ledger {
    rows: Vec<Row>,
    day: NaiveDate,
}

impl Ledger {
    fn lots(&self) -> Vec<Lot> {
        self.rows.iter().filter_map(|r| r.lot).collect()
    }

    fn balance(&self) -> i64 {
        self.rows.iter().map(|r| r.points).sum()
    }

    fn add_lot(&mut self, points: i64, pending: u64, expires: Option<u64>, order: Option<usize>) {
        let id = i64::try_from(self.rows.len()).unwrap();
        let lot = Lot {
            id,
            remaining: points,
            available_on: self.day + Days::new(pending),
            expires_on: expires.map(|e| self.day + Days::new(e)),
        };
        self.rows.push(Row { points, lot: Some(lot), spent: 0, order, reversed: false });
    }

    /// Writes a row that draws; `spends` counts the draws as spent (a redemption, an adjustment).
    fn draw(&mut self, draws: &[Draw], spends: bool) {
        let total: i64 = draws.iter().map(|d| d.points).sum();
        for d in draws {
            let row = &mut self.rows[usize::try_from(d.lot).unwrap()];
            let lot = row.lot.as_mut().unwrap();
            assert!(d.points > 0 && d.points <= lot.remaining, "a draw beyond its lot");
            lot.remaining -= d.points;
            if spends {
                row.spent += d.points;
            }
        }
        self.rows.push(Row { points: -total, lot: None, spent: 0, order: None, reversed: false });
    }
}

fn check(ledger: &Ledger, seed: u64, step: usize) {
    let lots = ledger.lots();
    let remaining: i64 = lots.iter().map(|l| l.remaining).sum();
    assert_eq!(ledger.balance(), remaining, "seed {seed}, step {step}: the balance is not the ledger's sum");
    assert!(ledger.balance() >= 0, "seed {seed}, step {step}: a negative balance");
    assert!(lots.iter().all(|l| l.remaining >= 0), "seed {seed}, step {step}: a lot below zero");
    let (a, p) = (available(&lots, ledger.day), pending(&lots, ledger.day));
    assert!(a + p <= remaining, "seed {seed}, step {step}: more available and pending than held");
}

#[test]
fn any_sequence_keeps_the_balance_the_ledger_s_sum_never_negative_spending_what_expires_first() {
    for seed in 0..400u64 {
        let mut rng = fastrand::Rng::with_seed(seed);
        let mut ledger = Ledger { rows: Vec::new(), day: NaiveDate::from_ymd_opt(2026, 1, 1).unwrap() };
        let mut orders = 0usize;
        for step in 0..60 {
            match rng.u8(0..10) {
                0..=2 => {
                    let expires = rng.bool().then(|| rng.u64(20..400));
                    ledger.add_lot(rng.i64(1..500), rng.u64(0..20), expires, Some(orders));
                    orders += 1;
                }
                3..=4 => {
                    let want = rng.i64(1..600);
                    let lots = ledger.lots();
                    let before = ledger.balance();
                    match plan_spend(&lots, want, ledger.day) {
                        Ok(draws) => {
                            assert_eq!(draws.iter().map(|d| d.points).sum::<i64>(), want, "seed {seed}");
                            // Oldest-expiring first: every available lot expiring before the last one drawn
                            // is drained by this spend.
                            let last = draws.last().map(|d| lots.iter().find(|l| l.id == d.lot).unwrap()).unwrap();
                            for l in lots.iter().filter(|l| l.available(ledger.day)) {
                                let earlier = match (l.expires_on, last.expires_on) {
                                    (Some(a), Some(b)) => a < b,
                                    (Some(_), None) => true,
                                    _ => false,
                                };
                                if earlier {
                                    let drawn = draws.iter().find(|d| d.lot == l.id).map_or(0, |d| d.points);
                                    assert_eq!(drawn, l.remaining, "seed {seed}, step {step}: skipped an older lot");
                                }
                            }
                            ledger.draw(&draws, true);
                        }
                        Err(have) => {
                            assert_eq!(have, available(&lots, ledger.day));
                            assert!(want > have, "seed {seed}, step {step}: refused a spend it could afford");
                            assert_eq!(ledger.balance(), before);
                        }
                    }
                }
                5 => {
                    // Refund an order not yet refunded.
                    let candidates: Vec<usize> = (0..ledger.rows.len())
                        .filter(|i| ledger.rows[*i].order.is_some() && !ledger.rows[*i].reversed)
                        .collect();
                    if let Some(&i) = candidates.get(rng.usize(0..candidates.len().max(1))) {
                        let own = [(ledger.rows[i].lot.unwrap(), ledger.rows[i].spent)];
                        let before = ledger.balance();
                        let reversal = plan_reversal(&own, &ledger.lots(), ledger.day);
                        ledger.rows[i].reversed = true;
                        ledger.draw(&reversal.draws, false);
                        let expected = own[0].0.remaining + own[0].1 - reversal.unrecovered;
                        assert_eq!(before - ledger.balance(), expected, "seed {seed}, step {step}: a refund's sum");
                    }
                }
                6..=7 => {
                    ledger.day = ledger.day + Days::new(rng.u64(1..90));
                    let draws = plan_expiry(&ledger.lots(), ledger.day);
                    ledger.draw(&draws, false);
                    assert!(ledger.lots().iter().all(|l| !l.expired(ledger.day) || l.remaining == 0));
                }
                8 => ledger.add_lot(rng.i64(1..100), 0, Some(365), None),
                _ => {
                    let lots = ledger.lots();
                    if let Ok(draws) = plan_spend(&lots, rng.i64(1..100), ledger.day) {
                        ledger.draw(&draws, true);
                    }
                }
            }
            check(&ledger, seed, step);
        }
    }
}
