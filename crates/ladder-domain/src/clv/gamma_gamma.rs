//! The Gamma-Gamma model of spend per purchase (Fader, Hardie & Lee 2005, "RFM and CLV"): a customer's
//! purchase values are Gamma(p, ν) around their own mean, with ν ~ Gamma(q, v) across customers. It is
//! fitted on customers with repeat purchases, from the number of repeat purchases and their mean value.

use super::special::{digamma, ln_gamma};
use super::{Fit, FitError, Objective, Weighted, mean_negative, minimise, parallel_sum, standard_errors};
use serde::Serialize;

/// Gamma-Gamma parameters, named as in the paper.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, serde::Deserialize)]
pub struct GammaGamma {
    /// Shape of each purchase's value.
    pub p: f64,
    /// Shape of the distribution of customers' scale.
    pub q: f64,
    /// Scale of the distribution of customers' scale (in money).
    pub v: f64,
}

/// A customer's repeat purchases: how many, and their mean value (in major units of money).
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd)]
pub struct Spend {
    /// Repeat purchases (at least 1 to be fitted).
    pub frequency: f64,
    /// Mean value of the repeat purchases.
    pub mean: f64,
}

impl super::SortKey for Spend {
    fn sort_key(&self) -> [u64; 3] {
        [self.frequency.to_bits(), self.mean.to_bits(), 0]
    }
}

impl GammaGamma {
    fn as_array(&self) -> [f64; 3] {
        [self.p, self.q, self.v]
    }

    fn from_array(a: [f64; 3]) -> Self {
        Self { p: a[0], q: a[1], v: a[2] }
    }

    /// The log-likelihood of the observed mean spends, and its gradient in (p, q, v).
    pub fn log_likelihood_and_gradient(&self, rows: &[Weighted<Spend>]) -> (f64, [f64; 3]) {
        self.evaluate(&prepare(rows))
    }

    fn evaluate(&self, rows: &[PreparedSpend]) -> (f64, [f64; 3]) {
        let [ll, gp, gq, gv] = parallel_sum(rows, |chunk| self.partial(chunk));
        (ll, [gp, gq, gv])
    }

    /// The log-likelihood of the observed mean spends.
    pub fn log_likelihood(&self, rows: &[Weighted<Spend>]) -> f64 {
        self.log_likelihood_and_gradient(rows).0
    }

    fn partial(&self, rows: &[PreparedSpend]) -> [f64; 4] {
        let Self { p, q, v } = *self;
        let (ln_gamma_q, digamma_q, ln_v) = (ln_gamma(q), digamma(q), v.ln());
        let mut acc = [0.0; 4];
        let mut cached: Option<(f64, [f64; 5])> = None;
        for &PreparedSpend { frequency: x, mean, ln_mean: ln_m, weight: w } in rows {
            let k = match cached {
                Some((cx, k)) if cx == x => k,
                _ => {
                    let px = p * x;
                    let k = [ln_gamma(px + q) - ln_gamma(px), digamma(px + q), digamma(px), x.ln(), px];
                    cached = Some((x, k));
                    k
                }
            };
            let [ln_gamma_ratio, digamma_pxq, digamma_px, ln_x, px] = k;
            let ln_xmv = (x * mean + v).ln();
            acc[0] += w * (ln_gamma_ratio - ln_gamma_q + q * ln_v + (px - 1.0) * ln_m + px * ln_x - (px + q) * ln_xmv);
            acc[1] += w * x * (digamma_pxq - digamma_px + ln_m + ln_x - ln_xmv);
            acc[2] += w * (digamma_pxq - digamma_q + ln_v - ln_xmv);
            acc[3] += w * (q / v - (px + q) / (x * mean + v));
        }
        acc
    }

    /// Fits the model on customers with at least one repeat purchase and a positive mean spend, with
    /// standard errors.
    pub fn fit(rows: &[Weighted<Spend>]) -> Result<Fit<GammaGamma>, FitError> {
        Self::fit_with(rows, true)
    }

    /// Fits the model; standard errors (six more passes over the data) only when asked for.
    pub fn fit_with(rows: &[Weighted<Spend>], with_standard_errors: bool) -> Result<Fit<GammaGamma>, FitError> {
        let rows: Vec<Weighted<Spend>> = rows.iter().copied().filter(|(s, _)| s.frequency > 0.0).collect();
        if let Some((bad, _)) = rows.iter().find(|(s, _)| !(s.mean > 0.0 && s.mean.is_finite())) {
            return Err(FitError::InvalidData(format!(
                "a customer with {} repeat purchases has a mean spend of {}; spend must be positive",
                bad.frequency, bad.mean
            )));
        }
        let customers: f64 = rows.iter().map(|(_, w)| w).sum();
        if rows.is_empty() {
            return Err(FitError::NoData);
        }
        let scale = rows.iter().map(|(s, w)| s.mean * w).sum::<f64>() / customers;
        let scaled: Vec<Weighted<Spend>> =
            rows.iter().map(|(s, w)| (Spend { frequency: s.frequency, mean: s.mean / scale }, *w)).collect();
        let prepared = prepare(&scaled);
        let objective = Objective::new(|theta: &[f64]| {
            let a: [f64; 3] = std::array::from_fn(|i| theta[i].exp());
            let (ll, g) = GammaGamma::from_array(a).evaluate(&prepared);
            mean_negative(ll, &g, &a, customers)
        });
        let (theta, iterations) = minimise(objective, vec![0.0; 3])?;
        let scaled_params = GammaGamma::from_array(std::array::from_fn(|i| theta[i].exp()));
        let params = GammaGamma { v: scaled_params.v * scale, ..scaled_params };
        let (log_likelihood, gradient) = params.log_likelihood_and_gradient(&rows);
        let a = params.as_array();
        let relative_gradient = (0..3).map(|i| (gradient[i] * a[i] / customers).abs()).fold(0.0, f64::max);
        let standard_errors = with_standard_errors
            .then(|| {
                standard_errors(a, |q| GammaGamma::from_array(q).log_likelihood_and_gradient(&rows).1)
                    .map(GammaGamma::from_array)
            })
            .flatten();
        Ok(Fit { params, standard_errors, log_likelihood, iterations, converged: relative_gradient < 1e-5, customers })
    }

    /// The population's mean spend per purchase, p·v/(q−1) (infinite when q ≤ 1).
    pub fn population_mean(&self) -> f64 {
        if self.q > 1.0 { self.p * self.v / (self.q - 1.0) } else { f64::INFINITY }
    }

    /// A customer's expected spend per purchase: their own mean weighted against the population's by
    /// how much evidence they have (the population mean without repeat purchases).
    pub fn conditional_expected_spend(&self, frequency: f64, mean: f64) -> f64 {
        if frequency <= 0.0 {
            return self.population_mean();
        }
        let weight = self.p * frequency / (self.p * frequency + self.q - 1.0);
        (1.0 - weight) * self.population_mean() + weight * mean
    }
}

/// A row with the logarithm of its mean computed once.
#[derive(Clone, Copy)]
struct PreparedSpend {
    frequency: f64,
    mean: f64,
    ln_mean: f64,
    weight: f64,
}

fn prepare(rows: &[Weighted<Spend>]) -> Vec<PreparedSpend> {
    rows.iter()
        .map(|(s, w)| PreparedSpend { frequency: s.frequency, mean: s.mean, ln_mean: s.mean.ln(), weight: *w })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn log_likelihood_matches_a_hand_computation_and_the_gradient_its_derivative() {
        let m = GammaGamma { p: 6.0, q: 3.5, v: 15.0 };
        let (x, mean) = (3.0f64, 25.0f64);
        let expected = ln_gamma(6.0 * x + 3.5) - ln_gamma(6.0 * x) - ln_gamma(3.5)
            + 3.5 * 15f64.ln()
            + (6.0 * x - 1.0) * mean.ln()
            + 6.0 * x * x.ln()
            - (6.0 * x + 3.5) * (x * mean + 15.0).ln();
        let rows = [(Spend { frequency: x, mean }, 1.0), (Spend { frequency: 1.0, mean: 12.0 }, 2.0)];
        assert!((m.log_likelihood(&rows[..1]) - expected).abs() < 1e-10);
        let (_, g) = m.log_likelihood_and_gradient(&rows);
        let p = m.as_array();
        for i in 0..3 {
            let h = 1e-6;
            let (mut up, mut down) = (p, p);
            up[i] += h;
            down[i] -= h;
            let numeric = (GammaGamma::from_array(up).log_likelihood(&rows)
                - GammaGamma::from_array(down).log_likelihood(&rows))
                / (2.0 * h);
            assert!((numeric - g[i]).abs() < 1e-6 * numeric.abs().max(1.0), "parameter {i}");
        }
    }

    #[test]
    fn expected_spend_shrinks_towards_the_population() {
        let m = GammaGamma { p: 6.0, q: 3.5, v: 15.0 };
        assert_eq!(m.conditional_expected_spend(0.0, 0.0), m.population_mean());
        let one = m.conditional_expected_spend(1.0, 100.0);
        let many = m.conditional_expected_spend(20.0, 100.0);
        assert!(m.population_mean() < one && one < many && many < 100.0);
    }
}
