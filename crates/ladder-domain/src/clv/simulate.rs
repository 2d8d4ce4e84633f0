//! Simulation from the models: synthetic customers for parameter-recovery tests and benchmarks. The
//! random source is passed in (uniform numbers in [0, 1)), so the domain stays free of IO and global
//! state and a seed gives the same customers.

use super::Summary;
use super::bgnbd::BgNbd;
use super::gamma_gamma::GammaGamma;

/// A source of uniform random numbers in [0, 1).
pub type Uniform<'a> = &'a mut dyn FnMut() -> f64;

/// A standard normal variate (Box–Muller).
fn normal(u: Uniform<'_>) -> f64 {
    let (a, b) = (1.0 - u(), u());
    (-2.0 * a.ln()).sqrt() * (std::f64::consts::TAU * b).cos()
}

/// A Gamma(shape, rate) variate (Marsaglia & Tsang 2000, with the shape < 1 boost).
pub fn gamma(shape: f64, rate: f64, u: Uniform<'_>) -> f64 {
    if shape < 1.0 {
        let boost = (1.0 - u()).powf(1.0 / shape);
        return gamma(shape + 1.0, rate, u) * boost;
    }
    let d = shape - 1.0 / 3.0;
    let c = 1.0 / (9.0 * d).sqrt();
    loop {
        let x = normal(u);
        let v = (1.0 + c * x).powi(3);
        if v <= 0.0 {
            continue;
        }
        let w = 1.0 - u();
        if w.ln() < 0.5 * x * x + d - d * v + d * v.ln() {
            return d * v / rate;
        }
    }
}

/// One simulated customer: their summary and the mean value of their repeat purchases (0 without).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SimulatedCustomer {
    /// Frequency, recency and T.
    pub summary: Summary,
    /// Mean value of the repeat purchases.
    pub mean_spend: f64,
}

/// Simulates a customer observed for `age` time units after their first purchase, from BG/NBD for
/// purchases and Gamma-Gamma for their values.
pub fn customer(purchases: &BgNbd, spend: &GammaGamma, age: f64, u: Uniform<'_>) -> SimulatedCustomer {
    let rate = gamma(purchases.r, purchases.alpha, u);
    let x_a = gamma(purchases.a, 1.0, u);
    let dropout = x_a / (x_a + gamma(purchases.b, 1.0, u));
    let scale = gamma(spend.q, spend.v, u);
    let (mut now, mut frequency, mut recency, mut total) = (0.0, 0.0, 0.0, 0.0);
    // Alive at the first purchase; after each repeat purchase, gone with probability `dropout`.
    loop {
        now += -(1.0 - u()).ln() / rate;
        if now > age {
            break;
        }
        frequency += 1.0;
        recency = now;
        total += gamma(spend.p, scale, u);
        if u() < dropout {
            break;
        }
    }
    let mean_spend = if frequency > 0.0 { total / frequency } else { 0.0 };
    SimulatedCustomer { summary: Summary { frequency, recency, age }, mean_spend }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clv::compress;
    use crate::clv::gamma_gamma::Spend;

    fn source(mut state: u64) -> impl FnMut() -> f64 {
        move || {
            // xorshift64*: plenty for tests.
            state ^= state >> 12;
            state ^= state << 25;
            state ^= state >> 27;
            (state.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 11) as f64 / (1u64 << 53) as f64
        }
    }

    #[test]
    fn gamma_variates_have_the_right_mean() {
        let mut u = source(9);
        for (shape, rate) in [(0.3, 2.0), (2.5, 0.5)] {
            let n = 200_000;
            let mean = (0..n).map(|_| gamma(shape, rate, &mut u)).sum::<f64>() / n as f64;
            assert!((mean - shape / rate).abs() < 0.02 * shape / rate, "{shape}/{rate}: {mean}");
        }
    }

    #[test]
    fn fits_recover_the_parameters_they_were_simulated_from() {
        let truth = BgNbd { r: 0.25, alpha: 4.0, a: 0.8, b: 2.5 };
        let spend = GammaGamma { p: 6.0, q: 3.8, v: 15.0 };
        let mut u = source(42);
        let customers: Vec<SimulatedCustomer> = (0..60_000)
            .map(|i| {
                let age = 27.0 + (i % 13) as f64;
                customer(&truth, &spend, age, &mut u)
            })
            .collect();
        let fit = BgNbd::fit(&compress(customers.iter().map(|c| c.summary))).expect("fit");
        let p = fit.params;
        let se = fit.standard_errors.expect("standard errors");
        // Within three standard errors of the truth.
        for (name, got, truth, se) in [
            ("r", p.r, truth.r, se.r),
            ("alpha", p.alpha, truth.alpha, se.alpha),
            ("a", p.a, truth.a, se.a),
            ("b", p.b, truth.b, se.b),
        ] {
            assert!((got - truth).abs() < 3.0 * se, "{name}: {got} vs {truth} (se {se})");
        }
        let rows = compress(customers.iter().map(|c| Spend { frequency: c.summary.frequency, mean: c.mean_spend }));
        let gg = GammaGamma::fit(&rows).expect("fit");
        let (g, se) = (gg.params, gg.standard_errors.expect("standard errors"));
        for (name, got, truth, se) in [("p", g.p, spend.p, se.p), ("q", g.q, spend.q, se.q), ("v", g.v, spend.v, se.v)]
        {
            assert!((got - truth).abs() < 3.0 * se, "{name}: {got} vs {truth} (se {se})");
        }
    }
}
