//! Special functions the models need: log-gamma and digamma (from `statrs`) and the Gauss
//! hypergeometric function ₂F₁, which no well-kept Rust crate offers for real arguments.

pub use statrs::function::gamma::{digamma, ln_gamma};

/// Most terms a ₂F₁ series may take before it is declared not to converge.
const MAX_TERMS: usize = 200_000;

/// The Gauss series Σ (a)ₖ(b)ₖ/(c)ₖ zᵏ/k! for 0 ≤ z < 1, summed until a term no longer changes the sum;
/// `None` if it does not settle. The value may be negative when a or b is.
pub fn series(a: f64, b: f64, c: f64, z: f64) -> Option<f64> {
    let mut term = 1.0;
    let mut sum = 1.0;
    let mut quiet = 0;
    for k in 0..MAX_TERMS {
        let k = k as f64;
        term *= (a + k) * (b + k) / ((c + k) * (k + 1.0)) * z;
        sum += term;
        if !sum.is_finite() {
            return None;
        }
        if term.abs() <= 1e-16 * sum.abs() {
            quiet += 1;
            if quiet == 2 {
                return Some(sum);
            }
        } else {
            quiet = 0;
        }
    }
    None
}

/// ln ₂F₁(a, b; c; z) for 0 ≤ z < 1 and c > 0, where the function is positive.
///
/// It sums whichever of the series and its Euler transform
/// ₂F₁(a, b; c; z) = (1 − z)^(c−a−b) ₂F₁(c−a, c−b; c; z) has the smaller parameters, which keeps the
/// terms from growing first when a customer has many purchases; the power is taken in log space.
/// `None` when the series does not converge or the value is not positive.
pub fn ln_hyp2f1(a: f64, b: f64, c: f64, z: f64) -> Option<f64> {
    if !(0.0..1.0).contains(&z) || c <= 0.0 {
        return None;
    }
    if z == 0.0 {
        return Some(0.0);
    }
    let euler = (c - a).abs() + (c - b).abs() < a.abs() + b.abs();
    let (value, log_factor) =
        if euler { (series(c - a, c - b, c, z)?, (c - a - b) * (-z).ln_1p()) } else { (series(a, b, c, z)?, 0.0) };
    (value > 0.0).then(|| value.ln() + log_factor)
}

/// ₂F₁(a, b; c; z) for 0 ≤ z < 1, c > 0 (see [`ln_hyp2f1`]).
pub fn hyp2f1(a: f64, b: f64, c: f64, z: f64) -> Option<f64> {
    ln_hyp2f1(a, b, c, z).map(f64::exp)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64, rel: f64) -> bool {
        (a - b).abs() <= rel * b.abs().max(1e-300)
    }

    #[test]
    fn hyp2f1_matches_closed_forms() {
        // ₂F₁(1, 1; 2; z) = −ln(1 − z)/z
        for z in [0.01f64, 0.3, 0.9, 0.999] {
            assert!(close(hyp2f1(1.0, 1.0, 2.0, z).unwrap(), -(1.0 - z).ln() / z, 1e-12), "z = {z}");
        }
        // ₂F₁(a, b; b; z) = (1 − z)^(−a)
        assert!(close(hyp2f1(2.5, 3.0, 3.0, 0.4).unwrap(), 0.6f64.powf(-2.5), 1e-13));
        // ₂F₁(1/2, 1; 3/2; z²) = atanh(z)/z
        let z: f64 = 0.8;
        assert!(close(hyp2f1(0.5, 1.0, 1.5, z * z).unwrap(), z.atanh() / z, 1e-12));
        // Large parameters (a customer with 60 purchases): Euler's transform keeps it finite and right.
        let direct = hyp2f1(60.3, 62.4, 63.2, 0.2).unwrap();
        let transformed = 0.8f64.powf(63.2 - 60.3 - 62.4) * hyp2f1(63.2 - 60.3, 63.2 - 62.4, 63.2, 0.2).unwrap();
        assert!(close(direct, transformed, 1e-12));
        assert_eq!(hyp2f1(1.0, 1.0, 2.0, 0.0), Some(1.0));
        assert_eq!(hyp2f1(1.0, 1.0, 2.0, 1.0), None);
    }

    #[test]
    fn gamma_functions() {
        assert!(close(ln_gamma(5.0), 24f64.ln(), 1e-14));
        assert!(close(digamma(1.0), -0.577_215_664_901_532_9, 1e-12));
    }
}
