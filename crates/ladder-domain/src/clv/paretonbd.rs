//! The Pareto/NBD model (Schmittlein, Morrison & Colombo 1987; likelihood as in Fader, Hardie & Lee
//! 2005): while alive, a customer buys at a Poisson rate λ ~ Gamma(r, α) and stays alive for an
//! exponential time with rate μ ~ Gamma(s, β).

use super::special::{ln_gamma, ln_hyp2f1};
use super::{
    Fit, FitError, Objective, PurchaseModel, Summary, Weighted, minimise, parallel_sum, rescaled, standard_errors,
};
use serde::Serialize;

/// Pareto/NBD parameters, named as in the papers.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct ParetoNbd {
    /// Shape of the purchase-rate distribution.
    pub r: f64,
    /// Scale of the purchase-rate distribution.
    pub alpha: f64,
    /// Shape of the dropout-rate distribution.
    pub s: f64,
    /// Scale of the dropout-rate distribution.
    pub beta: f64,
}

impl ParetoNbd {
    fn as_array(&self) -> [f64; 4] {
        [self.r, self.alpha, self.s, self.beta]
    }

    fn from_array(p: [f64; 4]) -> Self {
        Self { r: p[0], alpha: p[1], s: p[2], beta: p[3] }
    }

    /// ln A₀ of the likelihood: the integral over the unobserved dropout time, through ₂F₁.
    fn ln_a0(&self, x: f64, recency: f64, age: f64) -> f64 {
        let Self { r, alpha, s, beta } = *self;
        let (min, max, t) = if alpha < beta { (alpha, beta, r + x) } else { (beta, alpha, s + 1.0) };
        let rsx = r + s + x;
        let gap = max - min;
        let (q1, q2) = (max + recency, max + age);
        let (Some(ln_p1), Some(ln_p2)) =
            (ln_hyp2f1(rsx, t, rsx + 1.0, gap / q1), ln_hyp2f1(rsx, t, rsx + 1.0, gap / q2))
        else {
            return f64::NAN;
        };
        // ln(p1 q2^rsx − p2 q1^rsx) − rsx ln(q1 q2), with the difference in log space.
        let (u, v) = (ln_p1 + rsx * q2.ln(), ln_p2 + rsx * q1.ln());
        if u <= v {
            return f64::NEG_INFINITY;
        }
        u + (-(v - u).exp()).ln_1p() - rsx * (q1.ln() + q2.ln())
    }

    /// One customer's log-likelihood.
    pub fn log_likelihood_of(&self, s: &Summary) -> f64 {
        let Self { r, alpha, s: shape, beta } = *self;
        let x = s.frequency;
        let a1 = ln_gamma(r + x) - ln_gamma(r) + r * alpha.ln() + shape * beta.ln();
        let first = -(r + x) * (alpha + s.age).ln() - shape * (beta + s.age).ln();
        let second = shape.ln() + self.ln_a0(x, s.recency, s.age) - (r + shape + x).ln();
        let m = first.max(second);
        a1 + m + ((first - m).exp() + (second - m).exp()).ln()
    }

    /// The log-likelihood of weighted rows.
    pub fn log_likelihood(&self, rows: &[Weighted<Summary>]) -> f64 {
        parallel_sum(rows, |chunk| [chunk.iter().map(|(s, w)| w * self.log_likelihood_of(s)).sum()])[0]
    }

    /// The gradient of the log-likelihood in the parameters, by central differences.
    fn numeric_gradient(&self, rows: &[Weighted<Summary>]) -> [f64; 4] {
        let p = self.as_array();
        std::array::from_fn(|i| {
            let h = 1e-6 * p[i].abs().max(1e-8);
            let (mut up, mut down) = (p, p);
            up[i] += h;
            down[i] -= h;
            (ParetoNbd::from_array(up).log_likelihood(rows) - ParetoNbd::from_array(down).log_likelihood(rows))
                / (2.0 * h)
        })
    }

    /// Fits the model to weighted summaries by maximum likelihood.
    pub fn fit(rows: &[Weighted<Summary>]) -> Result<Fit<ParetoNbd>, FitError> {
        let (customers, scale, scaled) = rescaled(rows)?;
        let cost = |theta: &[f64]| {
            let ll = ParetoNbd::from_array(std::array::from_fn(|i| theta[i].exp())).log_likelihood(&scaled);
            if ll.is_finite() { -ll / customers } else { f64::INFINITY }
        };
        // Central differences in log-parameters: the ₂F₁ terms have no convenient derivatives.
        let objective = Objective::new(|theta: &[f64]| {
            let gradient = (0..4)
                .map(|i| {
                    let h = 1e-6;
                    let (mut up, mut down) = (theta.to_vec(), theta.to_vec());
                    up[i] += h;
                    down[i] -= h;
                    (cost(&up) - cost(&down)) / (2.0 * h)
                })
                .collect();
            (cost(theta), gradient)
        });
        let (theta, iterations) = minimise(objective, vec![0.0; 4])?;
        let sp = ParetoNbd::from_array(std::array::from_fn(|i| theta[i].exp()));
        let params = ParetoNbd { alpha: sp.alpha * scale, beta: sp.beta * scale, ..sp };
        let log_likelihood = params.log_likelihood(rows);
        if !log_likelihood.is_finite() {
            return Err(FitError::NotConverged("the log-likelihood is not finite at the optimum".to_owned()));
        }
        let gradient = params.numeric_gradient(rows);
        let a = params.as_array();
        let relative_gradient = (0..4).map(|i| (gradient[i] * a[i] / customers).abs()).fold(0.0, f64::max);
        let standard_errors =
            standard_errors(a, |q| ParetoNbd::from_array(q).numeric_gradient(rows)).map(ParetoNbd::from_array);
        Ok(Fit { params, standard_errors, log_likelihood, iterations, converged: relative_gradient < 1e-4, customers })
    }

    /// Probability that the customer is still alive.
    pub fn probability_alive(&self, s: &Summary) -> f64 {
        let Self { r, alpha, s: shape, beta } = *self;
        let x = s.frequency;
        let exponent = shape.ln() - (r + shape + x).ln()
            + (r + x) * (alpha + s.age).ln()
            + shape * (beta + s.age).ln()
            + self.ln_a0(x, s.recency, s.age);
        1.0 / (1.0 + exponent.exp())
    }

    /// Expected purchases in the next `t` time units, given the history.
    pub fn conditional_expected_purchases(&self, t: f64, s: &Summary) -> f64 {
        if t <= 0.0 {
            return 0.0;
        }
        let Self { r, alpha, s: shape, beta } = *self;
        let x = s.frequency;
        let first = ln_gamma(r + x) - ln_gamma(r) + r * alpha.ln() + shape * beta.ln()
            - (r + x) * (alpha + s.age).ln()
            - shape * (beta + s.age).ln();
        let second = (r + x).ln() + (beta + s.age).ln() - (alpha + s.age).ln();
        let third = ((1.0 - ((beta + s.age) / (beta + s.age + t)).powf(shape - 1.0)) / (shape - 1.0)).ln();
        (first + second + third - self.log_likelihood_of(s)).exp()
    }
}

impl PurchaseModel for ParetoNbd {
    fn expected_purchases(&self, horizon: f64, s: &Summary) -> f64 {
        self.conditional_expected_purchases(horizon, s)
    }

    fn p_alive(&self, s: &Summary) -> f64 {
        self.probability_alive(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// With α = β the integral has a closed form (Fader & Hardie's note on the Pareto/NBD likelihood):
    /// L = Γ(r+x) α^r β^s / Γ(r) · [ 1/((α+T)^(r+x) (β+T)^s) + s/(r+s+x) · (1/(α+t_x)^(r+s+x) − 1/(α+T)^(r+s+x)) ].
    fn closed_form(r: f64, alpha: f64, s: f64, x: f64, tx: f64, t: f64) -> f64 {
        let lead = ln_gamma(r + x) - ln_gamma(r) + r * alpha.ln() + s * alpha.ln();
        let rsx = r + s + x;
        let inner = (alpha + t).powf(-(r + x)) * (alpha + t).powf(-s)
            + s / rsx * ((alpha + tx).powf(-rsx) - (alpha + t).powf(-rsx));
        lead + inner.ln()
    }

    #[test]
    fn log_likelihood_matches_the_closed_form_when_alpha_equals_beta() {
        for (x, tx, t) in [(0.0, 0.0, 30.0), (2.0, 12.5, 30.0), (7.0, 29.0, 39.0)] {
            let m = ParetoNbd { r: 0.55, alpha: 10.5, s: 0.6, beta: 10.5 };
            let ours = m.log_likelihood_of(&Summary { frequency: x, recency: tx, age: t });
            let expected = closed_form(0.55, 10.5, 0.6, x, tx, t);
            assert!((ours - expected).abs() < 1e-10, "x = {x}: {ours} vs {expected}");
            // And the ₂F₁ branches (α < β, α > β) meet it continuously.
            for beta in [10.5 + 1e-6, 10.5 - 1e-6] {
                let near = ParetoNbd { beta, ..m }.log_likelihood_of(&Summary { frequency: x, recency: tx, age: t });
                assert!((near - expected).abs() < 1e-5, "beta {beta}: {near} vs {expected}");
            }
        }
    }

    #[test]
    fn predictions_are_probabilities_and_grow_with_time() {
        let m = ParetoNbd { r: 0.55, alpha: 10.58, s: 0.61, beta: 11.67 };
        let s = Summary { frequency: 2.0, recency: 30.0, age: 38.0 };
        let p = m.probability_alive(&s);
        assert!(p > 0.0 && p < 1.0);
        assert!(m.conditional_expected_purchases(10.0, &s) < m.conditional_expected_purchases(39.0, &s));
        assert_eq!(m.conditional_expected_purchases(0.0, &s), 0.0);
        // Without repeat purchases, P(alive) still falls with time (unlike BG/NBD).
        let young = m.probability_alive(&Summary { frequency: 0.0, recency: 0.0, age: 5.0 });
        let old = m.probability_alive(&Summary { frequency: 0.0, recency: 0.0, age: 50.0 });
        assert!(young > old);
    }
}
