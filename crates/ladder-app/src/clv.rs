//! Customer-lifetime-value use-cases on summary files: read a summary CSV, fit the models, predict per
//! customer, and simulate a summary for benchmarks.

use ladder_domain::clv::bgnbd::{BgNbd, HorizonTable};
use ladder_domain::clv::gamma_gamma::{GammaGamma, Spend};
use ladder_domain::clv::paretonbd::ParetoNbd;
use ladder_domain::clv::{
    ClvSettings, DAYS_PER_MONTH, Fit, FitError, PurchaseModel, SortKey, Summary, WEEKS_PER_MONTH, clv_from, compress,
};
use serde::Serialize;
use std::path::Path;

/// The time unit of recency and T in a summary.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TimeUnit {
    /// Days.
    Days,
    /// Weeks.
    Weeks,
}

impl TimeUnit {
    /// Time units per month: 30.415 days or 4.345 weeks.
    pub fn month_length(self) -> f64 {
        match self {
            TimeUnit::Days => DAYS_PER_MONTH,
            TimeUnit::Weeks => WEEKS_PER_MONTH,
        }
    }
}

/// The purchase model.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ModelKind {
    /// BG/NBD.
    Bgnbd,
    /// Pareto/NBD.
    Paretonbd,
}

/// One row of a summary file.
#[derive(Debug, Clone, PartialEq)]
pub struct SummaryRecord {
    /// The customer's id.
    pub customer_id: String,
    /// Frequency, recency and T.
    pub summary: Summary,
    /// Mean value of the repeat purchases, when the file has `monetary_value`.
    pub monetary_value: Option<f64>,
}

/// Why a summary file cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum ClvError {
    /// A bad value.
    #[error("{file} line {line}, column \"{column}\": {value:?} {problem}")]
    Invalid {
        /// The file.
        file: String,
        /// The line.
        line: u64,
        /// The column.
        column: String,
        /// The value.
        value: String,
        /// What is wrong.
        problem: String,
    },
    /// The file cannot be read.
    #[error("{file}: {message}")]
    Unreadable {
        /// The file.
        file: String,
        /// What went wrong.
        message: String,
    },
    /// A fit failed.
    #[error(transparent)]
    Fit(#[from] FitError),
}

/// Reads a summary CSV: `customer_id,frequency,recency,T` and optionally `monetary_value`.
pub fn read_summary(path: &Path) -> Result<Vec<SummaryRecord>, ClvError> {
    let file = path.display().to_string();
    let unreadable = |message: String| ClvError::Unreadable { file: file.clone(), message };
    let mut reader = csv::Reader::from_path(path).map_err(|e| unreadable(e.to_string()))?;
    let headers: Vec<String> =
        reader.headers().map_err(|e| unreadable(e.to_string()))?.iter().map(|h| h.trim().to_owned()).collect();
    let find = |name: &str| headers.iter().position(|h| h.eq_ignore_ascii_case(name));
    let id = find("customer_id").or_else(|| find("id"));
    let (Some(id), Some(frequency), Some(recency), Some(age)) = (id, find("frequency"), find("recency"), find("T"))
    else {
        return Err(unreadable(format!(
            "the header must have customer_id, frequency, recency and T (and optionally monetary_value); it has {}",
            headers.join(", ")
        )));
    };
    let monetary = find("monetary_value");
    let mut out = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| unreadable(e.to_string()))?;
        let line = record.position().map_or(0, |p| p.line());
        let number = |index: usize, column: &str| -> Result<f64, ClvError> {
            let value = record.get(index).unwrap_or_default().trim();
            value.parse::<f64>().ok().filter(|v| v.is_finite() && *v >= 0.0).ok_or_else(|| ClvError::Invalid {
                file: file.clone(),
                line,
                column: column.to_owned(),
                value: value.to_owned(),
                problem: "is not a number of at least 0".to_owned(),
            })
        };
        let summary = Summary {
            frequency: number(frequency, "frequency")?,
            recency: number(recency, "recency")?,
            age: number(age, "T")?,
        };
        let bad = |column: &str, problem: &str| ClvError::Invalid {
            file: file.clone(),
            line,
            column: column.to_owned(),
            value: record
                .get(match column {
                    "frequency" => frequency,
                    "recency" => recency,
                    _ => age,
                })
                .unwrap_or_default()
                .to_owned(),
            problem: problem.to_owned(),
        };
        if summary.frequency.fract() != 0.0 {
            return Err(bad("frequency", "is not a whole number of repeat purchases"));
        }
        if summary.recency > summary.age {
            return Err(bad("recency", "is larger than T; recency is the time from the first to the last purchase"));
        }
        if summary.frequency == 0.0 && summary.recency != 0.0 {
            return Err(bad("recency", "must be 0 for a customer without repeat purchases"));
        }
        let monetary_value = monetary.map(|i| number(i, "monetary_value")).transpose()?;
        out.push(SummaryRecord {
            customer_id: record.get(id).unwrap_or_default().trim().to_owned(),
            summary,
            monetary_value,
        });
    }
    Ok(out)
}

/// A fitted purchase model of either kind.
#[derive(Debug, Clone, Copy, Serialize)]
#[serde(untagged)]
pub enum PurchaseFit {
    /// BG/NBD.
    Bgnbd(Fit<BgNbd>),
    /// Pareto/NBD.
    Paretonbd(Fit<ParetoNbd>),
}

impl PurchaseFit {
    fn model(&self) -> &(dyn PurchaseModel + Sync) {
        match self {
            PurchaseFit::Bgnbd(f) => &f.params,
            PurchaseFit::Paretonbd(f) => &f.params,
        }
    }
}

/// Fits a purchase model on summaries (standard errors when asked for).
pub fn fit_purchases(records: &[SummaryRecord], model: ModelKind, errors: bool) -> Result<PurchaseFit, ClvError> {
    let rows = compress(records.iter().map(|r| r.summary));
    Ok(match model {
        ModelKind::Bgnbd => PurchaseFit::Bgnbd(BgNbd::fit_with(&rows, errors)?),
        ModelKind::Paretonbd => PurchaseFit::Paretonbd(ParetoNbd::fit(&rows)?),
    })
}

/// Fits Gamma-Gamma on the customers with repeat purchases; `None` without `monetary_value`.
pub fn fit_spend(records: &[SummaryRecord], errors: bool) -> Result<Option<Fit<GammaGamma>>, ClvError> {
    if records.iter().any(|r| r.monetary_value.is_none()) {
        return Ok(None);
    }
    let rows = compress(
        records
            .iter()
            .filter(|r| r.summary.frequency > 0.0)
            .map(|r| Spend { frequency: r.summary.frequency, mean: r.monetary_value.unwrap_or_default() }),
    );
    Ok(Some(GammaGamma::fit_with(&rows, errors)?))
}

/// One customer's predictions.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Prediction {
    /// The customer's id.
    pub customer_id: String,
    /// Expected purchases over the horizon.
    pub expected_purchases: f64,
    /// Probability of being alive.
    pub p_alive: f64,
    /// Expected spend per purchase (none without spend data).
    pub expected_spend: Option<f64>,
    /// Discounted value over the CLV horizon (none without spend data).
    pub clv: Option<f64>,
}

/// Predicts every customer, computing each distinct history once, on both cores.
pub fn predict(
    records: &[SummaryRecord],
    purchases: &PurchaseFit,
    spend: Option<&GammaGamma>,
    horizon: f64,
    settings: &ClvSettings,
) -> Vec<Prediction> {
    let model = purchases.model();
    // Customers with the same history get the same numbers: sort by the history's exact bits, compute
    // each distinct history once.
    let key = |r: &SummaryRecord| {
        let [f, rec, age] = r.summary.sort_key();
        [f, rec, age, r.monetary_value.unwrap_or_default().to_bits()]
    };
    let mut order: Vec<([u64; 4], usize)> = records.iter().enumerate().map(|(i, r)| (key(r), i)).collect();
    order.sort_unstable();
    let mut unique: Vec<usize> = Vec::new();
    let mut slot = vec![0usize; records.len()];
    let mut last = None;
    for (k, i) in order {
        if last != Some(k) {
            unique.push(i);
            last = Some(k);
        }
        slot[i] = unique.len() - 1;
    }
    let compute = |indices: &[usize]| -> Vec<(f64, f64, Option<f64>, Option<f64>)> {
        // With BG/NBD the horizon and the months share one series and a table per T.
        let mut horizons = vec![horizon];
        horizons.extend(settings.horizons());
        let mut table = HorizonTable::new(&horizons);
        indices
            .iter()
            .map(|&i| {
                let r = &records[i];
                let s = &r.summary;
                let expected_spend =
                    spend.map(|g| g.conditional_expected_spend(s.frequency, r.monetary_value.unwrap_or_default()));
                let cumulative = match purchases {
                    PurchaseFit::Bgnbd(f) => f.params.expected_purchases_with(&mut table, s),
                    PurchaseFit::Paretonbd(_) => model.expected_purchases_by(&horizons, s),
                };
                let value = expected_spend.map(|e| clv_from(&cumulative[1..], e, settings));
                (cumulative[0], model.p_alive(s), expected_spend, value)
            })
            .collect()
    };
    let (left, right) = unique.split_at(unique.len() / 2);
    let values: Vec<_> = if unique.len() > 10_000 {
        std::thread::scope(|scope| {
            let handle = scope.spawn(|| compute(right));
            let mut values = compute(left);
            values.extend(handle.join().unwrap_or_default());
            values
        })
    } else {
        compute(&unique)
    };
    records
        .iter()
        .zip(&slot)
        .map(|(r, &k)| {
            let (expected_purchases, p_alive, expected_spend, clv) = values[k];
            Prediction { customer_id: r.customer_id.clone(), expected_purchases, p_alive, expected_spend, clv }
        })
        .collect()
}

/// Writes a simulated summary of `customers` customers (BG/NBD with the CDNOW parameters, Gamma-Gamma
/// spend), observed for 0 to `max_age` whole time units; deterministic for a seed.
pub fn simulate(customers: u64, seed: u64, unit: TimeUnit, out: &Path) -> Result<(), ClvError> {
    use ladder_domain::clv::simulate::customer;
    let file = out.display().to_string();
    let fail = |e: csv::Error| ClvError::Unreadable { file: file.clone(), message: e.to_string() };
    let mut writer = csv::Writer::from_path(out).map_err(fail)?;
    writer.write_record(["customer_id", "frequency", "recency", "T", "monetary_value"]).map_err(fail)?;
    // CDNOW's parameters are per week; in days the rate scale is seven times larger.
    let per_week = BgNbd { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
    let (purchases, max_age) = match unit {
        TimeUnit::Weeks => (per_week, 78u32),
        TimeUnit::Days => (BgNbd { alpha: per_week.alpha * 7.0, ..per_week }, 730u32),
    };
    let spend = GammaGamma { p: 6.25, q: 3.74, v: 15.44 };
    let mut rng = fastrand::Rng::with_seed(seed);
    let mut uniform = || rng.f64();
    for id in 1..=customers {
        let age = f64::from((id % u64::from(max_age + 1)) as u32);
        let c = customer(&purchases, &spend, age, &mut uniform);
        // Whole time units, as a shop's summary of order days would have them.
        let recency = c.summary.recency.floor().min(age);
        let money = (c.mean_spend * 100.0).round() / 100.0;
        writer
            .write_record([
                id.to_string(),
                c.summary.frequency.to_string(),
                recency.to_string(),
                age.to_string(),
                money.to_string(),
            ])
            .map_err(fail)?;
    }
    writer.flush().map_err(|e| ClvError::Unreadable { file: file.clone(), message: e.to_string() })
}
