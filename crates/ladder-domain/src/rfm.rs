//! RFM: recency, frequency and monetary scores by quintile of rank, and the named segments.
//!
//! Among the customers with at least one counted order, each value becomes a score from 1 to 5:
//! `1 + ⌊5 × share of those customers with a strictly worse value⌋`, at most 5, where worse means an
//! older last order, fewer orders or less spend. Ties therefore share a score. The segment comes from
//! the R and F scores by the first matching row of DESIGN.md's table.

use crate::customer::string_enum;
use serde::{Deserialize, Serialize};

/// One customer's raw RFM values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RfmInput {
    /// Days since the last counted order.
    pub recency_days: i64,
    /// Number of counted orders.
    pub frequency: u32,
    /// Total spend in minor units.
    pub monetary: i64,
}

/// One customer's RFM scores, each 1–5 (5 is best).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct RfmScore {
    /// Recency score.
    pub r: u8,
    /// Frequency score.
    pub f: u8,
    /// Monetary score.
    pub m: u8,
}

string_enum! {
    /// The named RFM segment.
    RfmSegment {
        Champions = "champions", Loyal = "loyal", PotentialLoyalist = "potential_loyalist", New = "new",
        Promising = "promising", NeedAttention = "need_attention", AboutToSleep = "about_to_sleep",
        CantLose = "cant_lose", AtRisk = "at_risk", Hibernating = "hibernating",
    }
}

impl RfmScore {
    /// The named segment of these scores.
    pub fn segment(&self) -> RfmSegment {
        use RfmSegment::*;
        match (self.r, self.f) {
            (5, 4..=5) => Champions,
            (3..=4, 4..=5) => Loyal,
            (4..=5, 2..=3) => PotentialLoyalist,
            (5, 1) => New,
            (4, 1) => Promising,
            (3, 3) => NeedAttention,
            (3, 1..=2) => AboutToSleep,
            (1..=2, 5) => CantLose,
            (1..=2, 3..=4) => AtRisk,
            _ => Hibernating,
        }
    }
}

/// Scores every customer against all the others; the result is in the order of `inputs`.
pub fn score_all(inputs: &[RfmInput]) -> Vec<RfmScore> {
    let n = inputs.len();
    // Recency: worse is larger, so negate it to make "worse" mean "smaller" in every column.
    let mut recency: Vec<i64> = inputs.iter().map(|i| -i.recency_days).collect();
    let mut frequency: Vec<u32> = inputs.iter().map(|i| i.frequency).collect();
    let mut monetary: Vec<i64> = inputs.iter().map(|i| i.monetary).collect();
    recency.sort_unstable();
    frequency.sort_unstable();
    monetary.sort_unstable();
    inputs
        .iter()
        .map(|i| RfmScore {
            r: quintile(recency.partition_point(|v| *v < -i.recency_days), n),
            f: quintile(frequency.partition_point(|v| *v < i.frequency), n),
            m: quintile(monetary.partition_point(|v| *v < i.monetary), n),
        })
        .collect()
}

/// `1 + ⌊5 × worse / n⌋`, at most 5, in exact integer arithmetic.
fn quintile(worse: usize, n: usize) -> u8 {
    if n == 0 {
        return 1;
    }
    let score = 1 + (5 * worse as u128 / n as u128);
    score.min(5) as u8
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(recency_days: i64, frequency: u32, monetary: i64) -> RfmInput {
        RfmInput { recency_days, frequency, monetary }
    }

    #[test]
    fn ten_distinct_customers_fill_the_quintiles() {
        let inputs: Vec<_> = (0..10).map(|i| input(100 - i * 10, i as u32 + 1, i * 1000)).collect();
        let scores = score_all(&inputs);
        let r: Vec<u8> = scores.iter().map(|s| s.r).collect();
        // Customer i has i customers worse than them: 1 + ⌊5i/10⌋.
        assert_eq!(r, [1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
        assert!(scores.iter().all(|s| s.r == s.f && s.f == s.m));
    }

    #[test]
    fn ties_share_a_score() {
        let inputs = [input(5, 1, 100), input(5, 1, 100), input(5, 1, 100), input(1, 3, 900)];
        let scores = score_all(&inputs);
        assert_eq!(scores[0], RfmScore { r: 1, f: 1, m: 1 });
        assert_eq!(scores[1], scores[0]);
        // Three of four are worse: 1 + ⌊15/4⌋ = 4.
        assert_eq!(scores[3], RfmScore { r: 4, f: 4, m: 4 });
    }

    #[test]
    fn a_single_customer_scores_one() {
        assert_eq!(score_all(&[input(3, 2, 10)]), [RfmScore { r: 1, f: 1, m: 1 }]);
        assert!(score_all(&[]).is_empty());
    }

    #[test]
    fn segments_follow_the_table_from_the_top() {
        let seg = |r, f| RfmScore { r, f, m: 3 }.segment().as_str();
        assert_eq!(seg(5, 5), "champions");
        assert_eq!(seg(5, 4), "champions");
        assert_eq!(seg(4, 4), "loyal");
        assert_eq!(seg(3, 5), "loyal");
        assert_eq!(seg(5, 3), "potential_loyalist");
        assert_eq!(seg(4, 2), "potential_loyalist");
        assert_eq!(seg(5, 1), "new");
        assert_eq!(seg(4, 1), "promising");
        assert_eq!(seg(3, 3), "need_attention");
        assert_eq!(seg(3, 2), "about_to_sleep");
        assert_eq!(seg(3, 1), "about_to_sleep");
        assert_eq!(seg(2, 5), "cant_lose");
        assert_eq!(seg(1, 5), "cant_lose");
        assert_eq!(seg(1, 4), "at_risk");
        assert_eq!(seg(2, 3), "at_risk");
        assert_eq!(seg(2, 2), "hibernating");
        assert_eq!(seg(1, 1), "hibernating");
    }

    #[test]
    fn every_score_pair_has_a_segment_and_scores_stay_in_bounds() {
        let mut seed = 7u64;
        let mut next = || {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            (seed >> 33) as i64
        };
        let inputs: Vec<_> =
            (0..500).map(|_| input(next() % 400, (next() % 12) as u32 + 1, next() % 100_000)).collect();
        let scores = score_all(&inputs);
        for (s, i) in scores.iter().zip(&inputs) {
            assert!((1..=5).contains(&s.r) && (1..=5).contains(&s.f) && (1..=5).contains(&s.m));
            // Monotonic: anyone with a more recent order never scores lower on R.
            for (t, j) in scores.iter().zip(&inputs) {
                if j.recency_days < i.recency_days {
                    assert!(t.r >= s.r);
                }
            }
            let _ = s.segment();
        }
    }
}
