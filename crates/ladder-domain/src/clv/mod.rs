//! Customer lifetime value: how many purchases to expect, whether the customer is still "alive", what
//! they spend per order and what they are worth.
//!
//! - [`bgnbd::BgNbd`], the BG/NBD model (Fader, Hardie & Lee 2005), and [`paretonbd::ParetoNbd`], the
//!   Pareto/NBD model (Schmittlein, Morrison & Colombo 1987), for purchase counts and P(alive);
//! - [`gamma_gamma::GammaGamma`] (Fader, Hardie & Lee 2005, "RFM and CLV") for spend per order;
//! - [`clv`], the discounted value over a horizon, in monthly steps.
//!
//! The models fit by maximum likelihood on per-customer summaries — *frequency* (repeat purchases),
//! *recency* (time from first to last purchase) and *T* (time from first purchase to the end of the
//! observation) in one time unit — compressed to weighted unique rows. The optimiser is L-BFGS from
//! `argmin` on the logarithms of the parameters (so they stay positive), with analytic gradients for
//! BG/NBD and Gamma-Gamma and central differences for Pareto/NBD; time is rescaled to a maximum T of 10
//! while fitting, as `lifetimes` does, so the same starting point suits days and weeks. Standard errors
//! come from the inverse of the numerical Hessian of the log-likelihood at the optimum.

pub mod bgnbd;
pub mod gamma_gamma;
pub mod paretonbd;
pub mod simulate;
pub mod special;

use argmin::core::{CostFunction, Executor, Gradient, State, TerminationReason, TerminationStatus};
use argmin::solver::linesearch::MoreThuenteLineSearch;
use argmin::solver::quasinewton::LBFGS;
use serde::Serialize;

/// One customer's purchase history in a time unit (days or weeks).
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd)]
pub struct Summary {
    /// Repeat purchases: purchase days after the first.
    pub frequency: f64,
    /// Time from the first to the last purchase (0 without repeat purchases).
    pub recency: f64,
    /// Time from the first purchase to the end of the observation ("T").
    pub age: f64,
}

/// A summary with how many customers share it.
pub type Weighted<R> = (R, f64);

/// Rows that sort by an exact integer key (their values' bit patterns: the values are never negative,
/// so the bits order as the numbers do), which sorts far faster than comparing floats.
pub trait SortKey: Copy {
    /// The key; equal keys mean identical rows.
    fn sort_key(&self) -> [u64; 3];
}

impl SortKey for Summary {
    fn sort_key(&self) -> [u64; 3] {
        [self.frequency.to_bits(), self.recency.to_bits(), self.age.to_bits()]
    }
}

/// Compresses rows to unique rows with weights, sorted by frequency first (the fits cache per frequency).
pub fn compress<R: SortKey>(rows: impl IntoIterator<Item = R>) -> Vec<Weighted<R>> {
    let mut rows: Vec<([u64; 3], R)> = rows.into_iter().map(|r| (r.sort_key(), r)).collect();
    rows.sort_unstable_by_key(|(k, _)| *k);
    let mut out: Vec<Weighted<R>> = Vec::new();
    let mut last_key = None;
    for (key, row) in rows {
        match out.last_mut() {
            Some((_, w)) if last_key == Some(key) => *w += 1.0,
            _ => out.push((row, 1.0)),
        }
        last_key = Some(key);
    }
    out
}

/// Checks summaries and rescales their time so that the largest T is 10 (the same starting point then
/// suits days and weeks); returns the customers (sum of weights), the scale and the rescaled rows.
pub(crate) fn rescaled(rows: &[Weighted<Summary>]) -> Result<(f64, f64, Vec<Weighted<Summary>>), FitError> {
    let customers: f64 = rows.iter().map(|(_, w)| w).sum();
    if rows.is_empty() || customers <= 0.0 {
        return Err(FitError::NoData);
    }
    bgnbd::validate(rows)?;
    let max_age = rows.iter().map(|(s, _)| s.age).fold(0.0, f64::max);
    let scale = if max_age > 0.0 { max_age / 10.0 } else { 1.0 };
    let scaled = rows
        .iter()
        .map(|(s, w)| (Summary { frequency: s.frequency, recency: s.recency / scale, age: s.age / scale }, *w))
        .collect();
    Ok((customers, scale, scaled))
}

/// The outcome of a maximum-likelihood fit.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Fit<P> {
    /// The fitted parameters.
    pub params: P,
    /// Their standard errors, when the Hessian could be inverted.
    pub standard_errors: Option<P>,
    /// The log-likelihood at the optimum, in the data's own units.
    pub log_likelihood: f64,
    /// Optimiser iterations.
    pub iterations: u64,
    /// Whether the optimiser converged (gradient at the optimum close to zero).
    pub converged: bool,
    /// How many customers the fit used (the sum of the weights).
    pub customers: f64,
}

/// Why a model could not be fitted.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum FitError {
    /// Nothing to fit.
    #[error("there are no customers to fit")]
    NoData,
    /// A value the model cannot use.
    #[error("{0}")]
    InvalidData(String),
    /// The optimiser failed.
    #[error("the fit did not converge: {0}")]
    NotConverged(String),
}

/// One evaluation of an objective: the point, the cost and the gradient there.
type Evaluation = (Vec<f64>, f64, Vec<f64>);

/// A fitting objective: the mean negative log-likelihood and its gradient, in log-parameters. The
/// optimiser asks for the cost and the gradient at the same point separately, and one pass over the data
/// gives both, so the last evaluation is kept.
pub(crate) struct Objective<F> {
    evaluate: F,
    last: std::sync::Mutex<Option<Evaluation>>,
}

impl<F: Fn(&[f64]) -> (f64, Vec<f64>)> Objective<F> {
    pub(crate) fn new(evaluate: F) -> Self {
        Self { evaluate, last: std::sync::Mutex::new(None) }
    }

    fn at(&self, theta: &[f64]) -> (f64, Vec<f64>) {
        let mut last = self.last.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some((t, cost, gradient)) = &*last
            && t.as_slice() == theta
        {
            return (*cost, gradient.clone());
        }
        let (cost, gradient) = (self.evaluate)(theta);
        *last = Some((theta.to_vec(), cost, gradient.clone()));
        (cost, gradient)
    }
}

impl<F: Fn(&[f64]) -> (f64, Vec<f64>)> CostFunction for Objective<F> {
    type Param = Vec<f64>;
    type Output = f64;

    fn cost(&self, theta: &Vec<f64>) -> Result<f64, argmin::core::Error> {
        Ok(self.at(theta).0)
    }
}

impl<F: Fn(&[f64]) -> (f64, Vec<f64>)> Gradient for Objective<F> {
    type Param = Vec<f64>;
    type Gradient = Vec<f64>;

    fn gradient(&self, theta: &Vec<f64>) -> Result<Vec<f64>, argmin::core::Error> {
        Ok(self.at(theta).1)
    }
}

/// The objective's value from a log-likelihood and its gradient in the parameters `p = exp(θ)`.
pub(crate) fn mean_negative(ll: f64, gradient: &[f64], p: &[f64], total: f64) -> (f64, Vec<f64>) {
    let cost = if ll.is_finite() { -ll / total } else { f64::INFINITY };
    (cost, gradient.iter().zip(p).map(|(g, p)| -g * p / total).collect())
}

/// Minimises `cost` from `start` with L-BFGS; returns the parameters, iterations and the final cost.
pub(crate) fn minimise<P>(problem: P, start: Vec<f64>) -> Result<(Vec<f64>, u64), FitError>
where
    P: CostFunction<Param = Vec<f64>, Output = f64> + Gradient<Param = Vec<f64>, Gradient = Vec<f64>>,
{
    let fail = |e: argmin::core::Error| FitError::NotConverged(e.to_string());
    let solver = LBFGS::new(MoreThuenteLineSearch::new(), 10)
        .with_tolerance_grad(1e-9)
        .map_err(fail)?
        .with_tolerance_cost(1e-13)
        .map_err(fail)?;
    let result = Executor::new(problem, solver).configure(|s| s.param(start).max_iters(1000)).run().map_err(fail)?;
    let state = result.state();
    if let TerminationStatus::Terminated(TerminationReason::MaxItersReached) = state.get_termination_status() {
        return Err(FitError::NotConverged("the optimiser reached 1000 iterations".to_owned()));
    }
    let best = state.get_best_param().cloned().ok_or_else(|| FitError::NotConverged("no parameters".to_owned()))?;
    Ok((best, state.get_iter()))
}

/// Standard errors from the inverse of the Hessian of −LL, given a gradient of LL in the parameters.
pub(crate) fn standard_errors<const N: usize>(
    params: [f64; N],
    gradient: impl Fn([f64; N]) -> [f64; N],
) -> Option<[f64; N]> {
    let mut hessian = [[0.0; N]; N];
    for j in 0..N {
        let h = 1e-5 * params[j].abs().max(1e-8);
        let (mut up, mut down) = (params, params);
        up[j] += h;
        down[j] -= h;
        let (gu, gd) = (gradient(up), gradient(down));
        for i in 0..N {
            hessian[i][j] = -(gu[i] - gd[i]) / (2.0 * h);
        }
    }
    // Symmetrise: the two finite-difference halves differ in the last digits.
    let symmetric: [[f64; N]; N] =
        std::array::from_fn(|i| std::array::from_fn(|j| (hessian[i][j] + hessian[j][i]) / 2.0));
    let inverse = invert(symmetric)?;
    let variances: [f64; N] = std::array::from_fn(|i| inverse[i][i]);
    variances.iter().all(|v| *v > 0.0).then(|| variances.map(f64::sqrt))
}

/// Gauss–Jordan inversion with partial pivoting of a small matrix.
fn invert<const N: usize>(mut m: [[f64; N]; N]) -> Option<[[f64; N]; N]> {
    let mut inv = [[0.0; N]; N];
    for (i, row) in inv.iter_mut().enumerate() {
        row[i] = 1.0;
    }
    for col in 0..N {
        let pivot = (col..N).max_by(|&a, &b| m[a][col].abs().total_cmp(&m[b][col].abs()))?;
        if m[pivot][col].abs() < 1e-300 {
            return None;
        }
        m.swap(col, pivot);
        inv.swap(col, pivot);
        let p = m[col][col];
        for k in 0..N {
            m[col][k] /= p;
            inv[col][k] /= p;
        }
        for row in 0..N {
            if row != col {
                let f = m[row][col];
                for k in 0..N {
                    m[row][k] -= f * m[col][k];
                    inv[row][k] -= f * inv[col][k];
                }
            }
        }
    }
    Some(inv)
}

/// Sums `f` over the rows on both cores when there are many of them.
pub(crate) fn parallel_sum<R: Sync, const N: usize>(rows: &[R], f: impl Fn(&[R]) -> [f64; N] + Sync) -> [f64; N] {
    if rows.len() < 20_000 {
        return f(rows);
    }
    let (left, right) = rows.split_at(rows.len() / 2);
    let (a, b) = std::thread::scope(|s| {
        let handle = s.spawn(|| f(right));
        (f(left), handle.join().unwrap_or([f64::NAN; N]))
    });
    std::array::from_fn(|i| a[i] + b[i])
}

/// A model of purchase counts.
pub trait PurchaseModel {
    /// Expected purchases in the next `horizon` time units.
    fn expected_purchases(&self, horizon: f64, s: &Summary) -> f64;
    /// Probability that the customer is still a customer.
    fn p_alive(&self, s: &Summary) -> f64;
    /// Expected purchases for several horizons at once (a model may share work between them).
    fn expected_purchases_by(&self, horizons: &[f64], s: &Summary) -> Vec<f64> {
        horizons.iter().map(|h| self.expected_purchases(*h, s)).collect()
    }
}

/// How to value a customer: over how many months, discounted how, and how long a month is.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct ClvSettings {
    /// Months of the horizon.
    pub months: u32,
    /// Discount rate per month (0.01 is 1 %).
    pub monthly_discount: f64,
    /// Time units per month: 4.345 weeks, or 30.415 days.
    pub month_length: f64,
}

/// Weeks in a month, the convention of the reference implementation.
pub const WEEKS_PER_MONTH: f64 = 4.345;
/// Days in a month: 4.345 weeks.
pub const DAYS_PER_MONTH: f64 = 4.345 * 7.0;

/// The discounted value of a customer: for each month, the purchases expected in it times the expected
/// spend per purchase, discounted by `(1 + rate)^month`.
pub fn clv(model: &(impl PurchaseModel + ?Sized), s: &Summary, expected_spend: f64, settings: &ClvSettings) -> f64 {
    clv_from(&model.expected_purchases_by(&settings.horizons(), s), expected_spend, settings)
}

impl ClvSettings {
    /// The cumulative horizons of the months: one month, two months, ….
    pub fn horizons(&self) -> Vec<f64> {
        (1..=self.months).map(|m| f64::from(m) * self.month_length).collect()
    }
}

/// The discounted value from the cumulative expected purchases at the end of each month.
pub fn clv_from(cumulative: &[f64], expected_spend: f64, settings: &ClvSettings) -> f64 {
    let mut value = 0.0;
    let mut before = 0.0;
    let mut discount = 1.0;
    for &now in cumulative {
        discount /= 1.0 + settings.monthly_discount;
        value += (now - before) * expected_spend * discount;
        before = now;
    }
    value
}
