//! The BG/NBD model (Fader, Hardie & Lee 2005, "Counting Your Customers the Easy Way"): while alive, a
//! customer buys at a Poisson rate λ ~ Gamma(r, α); after each purchase they drop out with probability
//! p ~ Beta(a, b).

use super::special::{digamma, ln_gamma, series};
use super::{
    Fit, FitError, Objective, PurchaseModel, Summary, Weighted, mean_negative, minimise, parallel_sum, rescaled,
    standard_errors,
};
use serde::Serialize;

/// BG/NBD parameters, named as in the paper.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, serde::Deserialize)]
pub struct BgNbd {
    /// Shape of the purchase-rate distribution.
    pub r: f64,
    /// Scale of the purchase-rate distribution (in the data's time unit).
    pub alpha: f64,
    /// First shape of the dropout distribution.
    pub a: f64,
    /// Second shape of the dropout distribution.
    pub b: f64,
}

/// Terms of the log-likelihood that depend only on the frequency, computed once per distinct value.
struct FrequencyTerms {
    x: f64,
    ln_gamma_ratio: f64,
    d_r: f64,
    a2: f64,
    d_a2_a: f64,
    d_a2_b: f64,
}

impl BgNbd {
    fn as_array(&self) -> [f64; 4] {
        [self.r, self.alpha, self.a, self.b]
    }

    fn from_array(p: [f64; 4]) -> Self {
        Self { r: p[0], alpha: p[1], a: p[2], b: p[3] }
    }

    fn frequency_terms(&self, x: f64) -> FrequencyTerms {
        let Self { r, a, b, .. } = *self;
        FrequencyTerms {
            x,
            ln_gamma_ratio: ln_gamma(r + x) - ln_gamma(r),
            d_r: digamma(r + x) - digamma(r),
            a2: ln_gamma(a + b) + ln_gamma(b + x) - ln_gamma(b) - ln_gamma(a + b + x),
            d_a2_a: digamma(a + b) - digamma(a + b + x),
            d_a2_b: digamma(a + b) + digamma(b + x) - digamma(b) - digamma(a + b + x),
        }
    }

    /// The log-likelihood of weighted rows and its gradient in (r, α, a, b).
    pub fn log_likelihood_and_gradient(&self, rows: &[Weighted<Summary>]) -> (f64, [f64; 4]) {
        self.evaluate(&Prepared::new(rows))
    }

    /// The log-likelihood of weighted rows.
    pub fn log_likelihood(&self, rows: &[Weighted<Summary>]) -> f64 {
        self.log_likelihood_and_gradient(rows).0
    }

    /// The log-likelihood and gradient over prepared rows: ln(α + T) and ln(α + t_x) are computed once
    /// per distinct value, the frequency terms once per distinct frequency.
    fn evaluate(&self, data: &Prepared) -> (f64, [f64; 4]) {
        let table = |values: &[f64]| -> Vec<(f64, f64)> {
            values.iter().map(|v| ((self.alpha + v).ln(), 1.0 / (self.alpha + v))).collect()
        };
        let (ages, recencies) = (table(&data.ages), table(&data.recencies));
        let [ll, gr, ga, gaa, gb] = parallel_sum(&data.rows, |chunk| self.partial(chunk, &ages, &recencies));
        (ll, [gr, ga, gaa, gb])
    }

    fn partial(&self, rows: &[PreparedRow], ages: &[(f64, f64)], recencies: &[(f64, f64)]) -> [f64; 5] {
        let Self { r, alpha, a, b } = *self;
        let (ln_alpha, ln_a) = (alpha.ln(), a.ln());
        let mut acc = [0.0; 5];
        let mut terms: Option<FrequencyTerms> = None;
        let mut ln_a_b = 0.0;
        for row in rows {
            let (x, w) = (row.frequency, row.weight);
            let t = match &terms {
                Some(t) if t.x == x => t,
                _ => {
                    ln_a_b = ln_a - (b + x - 1.0).ln();
                    terms.insert(self.frequency_terms(x))
                }
            };
            let (ln_alpha_t, inv_alpha_t) = ages[row.age as usize];
            let a3 = -(r + x) * ln_alpha_t;
            let (ln_sum, w3, w4, d4) = if x > 0.0 {
                let (ln_alpha_tx, inv_alpha_tx) = recencies[row.recency as usize];
                let a4 = ln_a_b - (r + x) * ln_alpha_tx;
                // ln(e^a3 + e^a4) and the two shares with one exp and one log.
                let e = (-(a3 - a4).abs()).exp();
                let ln_sum = a3.max(a4) + e.ln_1p();
                let (big, small) = (1.0 / (1.0 + e), e / (1.0 + e));
                let (w3, w4) = if a3 >= a4 { (big, small) } else { (small, big) };
                (ln_sum, w3, w4, [-ln_alpha_tx, -(r + x) * inv_alpha_tx, 1.0 / a, -1.0 / (b + x - 1.0)])
            } else {
                (a3, 1.0, 0.0, [0.0; 4])
            };
            acc[0] += w * (t.ln_gamma_ratio + r * ln_alpha + t.a2 + ln_sum);
            acc[1] += w * (t.d_r + ln_alpha - w3 * ln_alpha_t + w4 * d4[0]);
            acc[2] += w * (r / alpha - w3 * (r + x) * inv_alpha_t + w4 * d4[1]);
            acc[3] += w * (t.d_a2_a + w4 * d4[2]);
            acc[4] += w * (t.d_a2_b + w4 * d4[3]);
        }
        acc
    }

    /// Fits the model to weighted summaries by maximum likelihood, with standard errors.
    pub fn fit(rows: &[Weighted<Summary>]) -> Result<Fit<BgNbd>, FitError> {
        Self::fit_with(rows, true)
    }

    /// Fits the model; standard errors (eight more passes over the data) only when asked for.
    pub fn fit_with(rows: &[Weighted<Summary>], with_standard_errors: bool) -> Result<Fit<BgNbd>, FitError> {
        let (customers, scale, scaled) = rescaled(rows)?;
        let data = Prepared::new(&scaled);
        let objective = Objective::new(|theta: &[f64]| {
            let p: [f64; 4] = std::array::from_fn(|i| theta[i].exp());
            let (ll, g) = BgNbd::from_array(p).evaluate(&data);
            mean_negative(ll, &g, &p, customers)
        });
        let (theta, iterations) = minimise(objective, vec![0.0; 4])?;
        let scaled_params = BgNbd::from_array(std::array::from_fn(|i| theta[i].exp()));
        let params = BgNbd { alpha: scaled_params.alpha * scale, ..scaled_params };
        let data = Prepared::new(rows);
        let (log_likelihood, gradient) = params.evaluate(&data);
        let p = params.as_array();
        let relative_gradient = (0..4).map(|i| (gradient[i] * p[i] / customers).abs()).fold(0.0, f64::max);
        if !log_likelihood.is_finite() {
            return Err(FitError::NotConverged("the log-likelihood is not finite at the optimum".to_owned()));
        }
        let standard_errors = with_standard_errors
            .then(|| standard_errors(p, |q| BgNbd::from_array(q).evaluate(&data).1).map(BgNbd::from_array))
            .flatten();
        Ok(Fit { params, standard_errors, log_likelihood, iterations, converged: relative_gradient < 1e-5, customers })
    }

    /// Expected purchases in the next `t` time units, given the history (FHL 2005, eq. 10).
    ///
    /// The hypergeometric term is taken through Euler's transform, which makes it
    /// `(1 − z)^(a−1) ₂F₁(a+b−1−r, a−1; a+b+x−1; z)` with small parameters whatever the frequency.
    pub fn conditional_expected_purchases(&self, t: f64, s: &Summary) -> f64 {
        if t <= 0.0 {
            return 0.0;
        }
        let Self { alpha, a, b, .. } = *self;
        // The formula divides by a − 1; nudge a away from exactly 1, where it has a finite limit.
        let a = if (a - 1.0).abs() < 1e-9 { 1.0 + 1e-9 } else { a };
        let x = s.frequency;
        let z = t / (alpha + s.age + t);
        let c = a + b + x - 1.0;
        let Some(g) = self.tail_factor(z, x, a, c) else { return f64::NAN };
        let numerator = (a + b + x - 1.0) / (a - 1.0) * (1.0 - g);
        numerator / (1.0 + self.dropout_odds(s))
    }

    /// Expected purchases for every horizon of `table`, from one pass of the hypergeometric series: the
    /// coefficients are shared, only the powers of z differ; z and (1 − z)^(a−1) depend on T alone and
    /// are kept in the table for the next customer with the same T.
    pub fn expected_purchases_with(&self, table: &mut HorizonTable, s: &Summary) -> Vec<f64> {
        let Self { r, alpha, a, b } = *self;
        let a = if (a - 1.0).abs() < 1e-9 { 1.0 + 1e-9 } else { a };
        let x = s.frequency;
        let horizons = &table.horizons;
        let (zs, factors) = table.by_age.entry(s.age.to_bits()).or_insert_with(|| {
            let zs: Vec<f64> = horizons.iter().map(|t| if *t > 0.0 { t / (alpha + s.age + t) } else { 0.0 }).collect();
            let factors = zs.iter().map(|z| ((a - 1.0) * (-z).ln_1p()).exp()).collect();
            (zs, factors)
        });
        let Some(widest) = (0..zs.len()).max_by(|&i, &j| zs[i].total_cmp(&zs[j])) else { return Vec::new() };
        if zs[widest] >= 1.0 || zs[widest].is_nan() {
            return horizons.iter().map(|h| self.conditional_expected_purchases(*h, s)).collect();
        }
        if !euler_is_smaller(r, a, b, x) {
            return horizons.iter().map(|h| self.conditional_expected_purchases(*h, s)).collect();
        }
        let c = a + b + x - 1.0;
        let (p, q) = (c - (r + x), c - (b + x));
        let mut sums = vec![1.0; zs.len()];
        let mut powers = vec![1.0; zs.len()];
        let mut coefficient = 1.0;
        let mut settled = false;
        for k in 0..200_000 {
            let k = k as f64;
            coefficient *= (p + k) * (q + k) / ((c + k) * (k + 1.0));
            for i in 0..zs.len() {
                powers[i] *= zs[i];
                sums[i] += coefficient * powers[i];
            }
            // The widest horizon converges last.
            if (coefficient * powers[widest]).abs() <= 1e-16 * sums[widest].abs() {
                settled = true;
                break;
            }
        }
        if !settled {
            return horizons.iter().map(|h| self.conditional_expected_purchases(*h, s)).collect();
        }
        let scale = (a + b + x - 1.0) / (a - 1.0) / (1.0 + self.dropout_odds(s));
        zs.iter()
            .zip(factors.iter())
            .zip(sums)
            .map(|((z, f), sum)| if *z == 0.0 { 0.0 } else { scale * (1.0 - f * sum) })
            .collect()
    }

    /// `(1 − z)^(r+x) ₂F₁(r+x, b+x; a+b+x−1; z)`, summed in whichever form has the smaller parameters:
    /// Euler's transform `(1 − z)^(a−1) ₂F₁(a+b−1−r, a−1; c; z)` for the usual fits, the series itself when
    /// a and b are very large (a fit at the edge where every customer drops out alike).
    fn tail_factor(&self, z: f64, x: f64, a: f64, c: f64) -> Option<f64> {
        let (r, b) = (self.r, self.b);
        if euler_is_smaller(r, a, b, x) {
            // Signed: with a < 1 the transformed series can be negative when z is close to 1.
            Some(((a - 1.0) * (-z).ln_1p()).exp() * series(c - (r + x), c - (b + x), c, z)?)
        } else {
            Some(((r + x) * (-z).ln_1p()).exp() * series(r + x, b + x, c, z)?)
        }
    }

    /// Odds that a customer with this history has dropped out: δ(x>0) · a/(b+x−1) · ((α+T)/(α+t_x))^(r+x).
    fn dropout_odds(&self, s: &Summary) -> f64 {
        if s.frequency <= 0.0 {
            return 0.0;
        }
        let x = s.frequency;
        self.a / (self.b + x - 1.0) * ((self.r + x) * ((self.alpha + s.age).ln() - (self.alpha + s.recency).ln())).exp()
    }

    /// Probability that the customer is still alive (1 without repeat purchases, by the model).
    pub fn probability_alive(&self, s: &Summary) -> f64 {
        1.0 / (1.0 + self.dropout_odds(s))
    }

    /// The expected purchase rate of a customer who is alive: the posterior mean (r+x)/(α+T).
    pub fn rate_if_alive(&self, s: &Summary) -> f64 {
        (self.r + s.frequency) / (self.alpha + s.age)
    }
}

impl PurchaseModel for BgNbd {
    fn expected_purchases(&self, horizon: f64, s: &Summary) -> f64 {
        self.conditional_expected_purchases(horizon, s)
    }

    fn expected_purchases_by(&self, horizons: &[f64], s: &Summary) -> Vec<f64> {
        self.expected_purchases_with(&mut HorizonTable::new(horizons), s)
    }

    fn p_alive(&self, s: &Summary) -> f64 {
        self.probability_alive(s)
    }
}

/// Whether Euler's transform gives the series smaller parameters than the series itself.
fn euler_is_smaller(r: f64, a: f64, b: f64, x: f64) -> bool {
    (a + b - 1.0 - r).abs() + (a - 1.0).abs() < (r + x).abs() + (b + x).abs()
}

/// Horizons to predict, with what depends only on a customer's T kept for reuse.
pub struct HorizonTable {
    horizons: Vec<f64>,
    by_age: std::collections::HashMap<u64, (Vec<f64>, Vec<f64>)>,
}

impl HorizonTable {
    /// A table for these horizons (cumulative, in the data's time unit).
    pub fn new(horizons: &[f64]) -> Self {
        Self { horizons: horizons.to_vec(), by_age: std::collections::HashMap::new() }
    }
}

/// Checks that summaries are possible: counts are whole and not negative, 0 ≤ recency ≤ T.
pub(crate) fn validate(rows: &[Weighted<Summary>]) -> Result<(), FitError> {
    for (s, _) in rows {
        if !(s.frequency >= 0.0 && s.frequency.fract() == 0.0) {
            return Err(FitError::InvalidData(format!(
                "frequency {} is not a whole number of repeat purchases",
                s.frequency
            )));
        }
        if !(s.recency >= 0.0 && s.age >= s.recency) {
            return Err(FitError::InvalidData(format!(
                "recency {} and T {} are impossible: 0 ≤ recency ≤ T is required",
                s.recency, s.age
            )));
        }
        if s.frequency == 0.0 && s.recency != 0.0 {
            return Err(FitError::InvalidData(format!("recency {} must be 0 without repeat purchases", s.recency)));
        }
    }
    Ok(())
}

/// A row with its T and recency as indices into the tables of distinct values.
struct PreparedRow {
    frequency: f64,
    age: u32,
    recency: u32,
    weight: f64,
}

/// Rows ready for repeated evaluation: distinct ages and recencies, rows sorted by frequency.
struct Prepared {
    ages: Vec<f64>,
    recencies: Vec<f64>,
    rows: Vec<PreparedRow>,
}

impl Prepared {
    fn new(rows: &[Weighted<Summary>]) -> Self {
        let distinct = |values: Vec<f64>| {
            let mut v = values;
            v.sort_by(f64::total_cmp);
            v.dedup();
            v
        };
        let ages = distinct(rows.iter().map(|(s, _)| s.age).collect());
        let recencies = distinct(rows.iter().map(|(s, _)| s.recency).collect());
        let index = |values: &[f64], v: f64| values.partition_point(|x| *x < v) as u32;
        let mut prepared: Vec<PreparedRow> = rows
            .iter()
            .map(|(s, w)| PreparedRow {
                frequency: s.frequency,
                age: index(&ages, s.age),
                recency: index(&recencies, s.recency),
                weight: *w,
            })
            .collect();
        prepared.sort_by(|a, b| a.frequency.total_cmp(&b.frequency));
        Self { ages, recencies, rows: prepared }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn summary(frequency: f64, recency: f64, age: f64) -> Summary {
        Summary { frequency, recency, age }
    }

    #[test]
    fn log_likelihood_matches_a_hand_computation() {
        let m = BgNbd { r: 0.5, alpha: 2.0, a: 0.8, b: 2.5 };
        // x = 0, T = 10: Γ-terms vanish; LL = r ln α − r ln(α + T).
        let ll0 = m.log_likelihood(&[(summary(0.0, 0.0, 10.0), 1.0)]);
        assert!((ll0 - (0.5 * 2f64.ln() - 0.5 * 12f64.ln())).abs() < 1e-12);
        // x = 2, t_x = 4, T = 10, computed term by term from FHL (2005), eq. 6.
        let (r, al, a, b, x, tx, t) = (0.5f64, 2.0f64, 0.8f64, 2.5f64, 2.0f64, 4.0f64, 10.0f64);
        let a1 = ln_gamma(r + x) - ln_gamma(r) + r * al.ln();
        let a2 = ln_gamma(a + b) + ln_gamma(b + x) - ln_gamma(b) - ln_gamma(a + b + x);
        let a3 = -(r + x) * (al + t).ln();
        let a4 = a.ln() - (b + x - 1.0).ln() - (r + x) * (al + tx).ln();
        let expected = a1 + a2 + (a3.exp() + a4.exp()).ln();
        let ll = m.log_likelihood(&[(summary(x, tx, t), 1.0)]);
        assert!((ll - expected).abs() < 1e-12, "{ll} vs {expected}");
        // Weights multiply.
        assert!((m.log_likelihood(&[(summary(x, tx, t), 3.0)]) - 3.0 * expected).abs() < 1e-11);
    }

    #[test]
    fn the_gradient_is_the_derivative() {
        let rows = [(summary(0.0, 0.0, 30.0), 5.0), (summary(3.0, 20.0, 30.0), 2.0), (summary(1.0, 2.5, 12.0), 1.0)];
        let m = BgNbd { r: 0.7, alpha: 3.0, a: 0.9, b: 2.0 };
        let (_, g) = m.log_likelihood_and_gradient(&rows);
        let p = m.as_array();
        for i in 0..4 {
            let h = 1e-6;
            let (mut up, mut down) = (p, p);
            up[i] += h;
            down[i] -= h;
            let numeric = (BgNbd::from_array(up).log_likelihood(&rows) - BgNbd::from_array(down).log_likelihood(&rows))
                / (2.0 * h);
            assert!((numeric - g[i]).abs() < 1e-6 * numeric.abs().max(1.0), "parameter {i}: {numeric} vs {}", g[i]);
        }
    }

    #[test]
    fn predictions_behave_at_the_edges() {
        let m = BgNbd { r: 0.24, alpha: 4.41, a: 0.79, b: 2.43 };
        // No repeat purchases: alive by the model's definition.
        assert_eq!(m.probability_alive(&summary(0.0, 0.0, 30.0)), 1.0);
        // Nothing is expected in no time, and more is expected in more time.
        let s = summary(3.0, 20.0, 30.0);
        assert_eq!(m.conditional_expected_purchases(0.0, &s), 0.0);
        assert!(m.conditional_expected_purchases(10.0, &s) < m.conditional_expected_purchases(20.0, &s));
        // A last purchase at the very end (T = recency) makes the customer most likely alive.
        assert!(m.probability_alive(&summary(3.0, 30.0, 30.0)) > m.probability_alive(&summary(3.0, 5.0, 30.0)));
        // Many horizons at once give what each gives alone.
        let horizons = [0.0, 4.3, 8.7, 39.0, 120.0];
        let together = m.expected_purchases_by(&horizons, &s);
        for (h, v) in horizons.iter().zip(together) {
            let alone = m.conditional_expected_purchases(*h, &s);
            assert!((v - alone).abs() <= 1e-12 * alone.max(1.0), "{h}: {v} vs {alone}");
        }
        // A fit at the edge (very large a and b) still predicts.
        let edge = BgNbd { r: 0.52, alpha: 32.9, a: 3.5e6, b: 4.9e7 };
        let near = BgNbd { a: 3.5e3, b: 4.9e4, ..edge };
        for s in [summary(0.0, 0.0, 100.0), summary(4.0, 80.0, 100.0)] {
            let (e, n) = (edge.conditional_expected_purchases(90.0, &s), near.conditional_expected_purchases(90.0, &s));
            assert!(e.is_finite() && (e - n).abs() < 0.01 * n, "{e} vs {n}");
            let together = edge.expected_purchases_by(&[90.0, 365.0], &s);
            assert!((together[0] - e).abs() < 1e-9 * e.max(1.0));
        }
        // A heavy buyer stays finite.
        let heavy = m.conditional_expected_purchases(39.0, &summary(150.0, 38.0, 39.0));
        assert!(heavy.is_finite() && heavy > 50.0, "{heavy}");
    }
}

#[cfg(test)]
mod edge_cases {
    use super::*;
    use crate::clv::compress;

    fn fit(rows: &[(f64, f64, f64)]) -> Result<Fit<BgNbd>, FitError> {
        BgNbd::fit(&compress(rows.iter().map(|&(frequency, recency, age)| Summary { frequency, recency, age })))
    }

    /// Whatever the data, a fit returns finite parameters or says it failed; it never panics.
    fn sane(result: &Result<Fit<BgNbd>, FitError>) {
        if let Ok(f) = result {
            let p = f.params;
            assert!([p.r, p.alpha, p.a, p.b, f.log_likelihood].iter().all(|v| v.is_finite()), "{f:?}");
        }
    }

    #[test]
    fn no_repeat_purchases_at_all() {
        let result = fit(&[(0.0, 0.0, 30.0), (0.0, 0.0, 20.0), (0.0, 0.0, 10.0)]);
        sane(&result);
        if let Ok(f) = result {
            // Nothing tells dropout apart: P(alive) stays 1 by the model, expectations stay finite.
            let s = Summary { frequency: 0.0, recency: 0.0, age: 30.0 };
            assert_eq!(f.params.probability_alive(&s), 1.0);
            assert!(f.params.conditional_expected_purchases(10.0, &s).is_finite());
        }
    }

    #[test]
    fn a_single_customer_and_identical_customers() {
        sane(&fit(&[(3.0, 20.0, 30.0)]));
        let same = vec![(2.0, 10.0, 30.0); 500];
        let result = fit(&same);
        sane(&result);
        // Identical customers compress to one weighted row.
        assert_eq!(compress(same.iter().map(|&(f, r, a)| Summary { frequency: f, recency: r, age: a })).len(), 1);
    }

    #[test]
    fn last_purchase_at_the_end_of_the_observation() {
        let mut rows: Vec<(f64, f64, f64)> =
            (0..200).map(|i| (f64::from(i % 5), f64::from(i % 5) * 5.0, 30.0)).collect();
        rows.extend((0..50).map(|_| (4.0, 30.0, 30.0)));
        let result = fit(&rows);
        sane(&result);
        let m = result.expect("fits").params;
        let at_end = m.probability_alive(&Summary { frequency: 4.0, recency: 30.0, age: 30.0 });
        // Only the chance of dropping out right after the last purchase remains: 1/(1 + a/(b + x − 1)).
        assert!((at_end - 1.0 / (1.0 + m.a / (m.b + 3.0))).abs() < 1e-12, "{at_end}");
        assert!(at_end > m.probability_alive(&Summary { frequency: 4.0, recency: 29.0, age: 30.0 }));
    }

    #[test]
    fn impossible_summaries_are_refused() {
        assert!(matches!(fit(&[(1.0, 40.0, 30.0)]), Err(FitError::InvalidData(_))));
        assert!(matches!(fit(&[(1.5, 4.0, 30.0)]), Err(FitError::InvalidData(_))));
        assert!(matches!(fit(&[(0.0, 4.0, 30.0)]), Err(FitError::InvalidData(_))));
        assert_eq!(fit(&[]).err(), Some(FitError::NoData));
    }
}
