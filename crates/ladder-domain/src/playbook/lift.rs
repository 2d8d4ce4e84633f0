//! The incremental effect of a playbook: the goal rate of the treated against the control group, the
//! difference and its 95 % interval (normal approximation of two independent proportions), and "not
//! enough data yet" below [`MIN_GROUP`] in either group.

use serde::Serialize;

/// The smallest group whose rate is compared.
pub const MIN_GROUP: u64 = 30;

/// The difference a playbook made.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum Lift {
    /// A group has fewer than [`MIN_GROUP`].
    NotEnoughData,
    /// Treated rate minus control rate, in percentage points, with its 95 % interval.
    Measured {
        /// The treated group's rate, percent.
        treated_rate: f64,
        /// The control group's rate, percent.
        control_rate: f64,
        /// The difference, percentage points.
        difference: f64,
        /// The interval's lower end.
        low: f64,
        /// Its upper end.
        high: f64,
    },
}

/// The lift of `treated_hits` of `treated` against `control_hits` of `control`.
pub fn lift(treated: u64, treated_hits: u64, control: u64, control_hits: u64) -> Lift {
    if treated < MIN_GROUP || control < MIN_GROUP {
        return Lift::NotEnoughData;
    }
    let (n1, n0) = (treated as f64, control as f64);
    let (p1, p0) = (treated_hits.min(treated) as f64 / n1, control_hits.min(control) as f64 / n0);
    let se = (p1 * (1.0 - p1) / n1 + p0 * (1.0 - p0) / n0).sqrt();
    let d = p1 - p0;
    let z = 1.959_963_984_540_054;
    let pct = |x: f64| (x * 1000.0).round() / 10.0;
    Lift::Measured {
        treated_rate: pct(p1),
        control_rate: pct(p0),
        difference: pct(d),
        low: pct(d - z * se),
        high: pct(d + z * se),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hand_computed_case() {
        // 200 treated, 50 reached (25 %); 40 control, 6 reached (15 %). d = 0.10;
        // se = sqrt(0.25·0.75/200 + 0.15·0.85/40) = sqrt(0.0009375 + 0.0031875) = 0.064226;
        // 1.96·se = 0.125882 → [−2.6, 22.6] points.
        assert_eq!(
            lift(200, 50, 40, 6),
            Lift::Measured { treated_rate: 25.0, control_rate: 15.0, difference: 10.0, low: -2.6, high: 22.6 }
        );
        assert_eq!(lift(200, 50, 29, 6), Lift::NotEnoughData);
    }
}
