//! `ladder clv`: fit, predict, validate and simulate.

use super::Ctx;
use crate::cli::{Format, FormatArg};
use crate::output::{Grid, print};
use anyhow::{Context, Result};
use clap::{Args, Subcommand, ValueEnum};
use ladder_app::clv::{ModelKind, PurchaseFit, TimeUnit, fit_purchases, fit_spend, predict, read_summary, simulate};
use ladder_domain::clv::{ClvSettings, Fit};
use serde::Serialize;
use std::path::PathBuf;
use std::time::Instant;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ModelArg {
    /// BG/NBD (Fader, Hardie & Lee 2005).
    Bgnbd,
    /// Pareto/NBD (Schmittlein, Morrison & Colombo 1987).
    Paretonbd,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TimeUnitArg {
    /// Recency and T count days.
    Days,
    /// Recency and T count weeks.
    Weeks,
}

#[derive(Debug, Args)]
pub struct SummaryArgs {
    /// The summary CSV: customer_id,frequency,recency,T and optionally monetary_value.
    #[arg(long, value_name = "FILE")]
    pub summary: PathBuf,
    /// The purchase model.
    #[arg(long, value_enum, default_value_t = ModelArg::Bgnbd)]
    pub model: ModelArg,
    /// What recency and T count.
    #[arg(long, value_enum, default_value_t = TimeUnitArg::Days)]
    pub time_unit: TimeUnitArg,
}

#[derive(Debug, Subcommand)]
pub enum ClvCommand {
    /// Fits a purchase model (and with --spend, Gamma-Gamma) and prints the parameters, standard errors,
    /// log-likelihood and iterations.
    Fit {
        #[command(flatten)]
        summary: SummaryArgs,
        /// Also fit Gamma-Gamma on monetary_value (customers with repeat purchases).
        #[arg(long)]
        spend: bool,
        #[command(flatten)]
        format: FormatArg,
    },
    /// Fits, then prints per customer: expected purchases over the horizon, P(alive), expected spend and CLV.
    Predict {
        #[command(flatten)]
        summary: SummaryArgs,
        /// Horizon of the expected purchases, in the time unit.
        #[arg(long)]
        horizon: f64,
        /// Months of the lifetime value.
        #[arg(long, default_value_t = 12)]
        clv_months: u32,
        /// Monthly discount rate of the lifetime value.
        #[arg(long, default_value_t = 0.01)]
        discount_rate: f64,
        /// Print the seconds spent fitting and predicting (not reading or printing) to standard error.
        #[arg(long)]
        timings: bool,
        #[command(flatten)]
        format: FormatArg,
    },
    /// Fits on the orders before a date, predicts the period after it, and compares with what happened.
    Validate {
        /// The end of the calibration period (YYYY-MM-DD); the holdout runs to the last order.
        #[arg(long, value_name = "DATE")]
        calibration_end: String,
        #[command(flatten)]
        format: FormatArg,
    },
    /// Writes a simulated summary CSV (BG/NBD and Gamma-Gamma with the CDNOW parameters), for benchmarks.
    Simulate {
        /// Customers.
        #[arg(long, default_value_t = 1_000_000)]
        customers: u64,
        /// Random seed.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// What recency and T count.
        #[arg(long, value_enum, default_value_t = TimeUnitArg::Days)]
        time_unit: TimeUnitArg,
        /// The file to write.
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
}

fn unit(u: TimeUnitArg) -> TimeUnit {
    match u {
        TimeUnitArg::Days => TimeUnit::Days,
        TimeUnitArg::Weeks => TimeUnit::Weeks,
    }
}

fn model(m: ModelArg) -> ModelKind {
    match m {
        ModelArg::Bgnbd => ModelKind::Bgnbd,
        ModelArg::Paretonbd => ModelKind::Paretonbd,
    }
}

/// One parameter for the table: name, value, standard error.
fn parameter_rows(fit: &PurchaseFit) -> Vec<(&'static str, f64, Option<f64>)> {
    match fit {
        PurchaseFit::Bgnbd(f) => {
            let (p, se) = (f.params, f.standard_errors);
            vec![
                ("r", p.r, se.map(|s| s.r)),
                ("alpha", p.alpha, se.map(|s| s.alpha)),
                ("a", p.a, se.map(|s| s.a)),
                ("b", p.b, se.map(|s| s.b)),
            ]
        }
        PurchaseFit::Paretonbd(f) => {
            let (p, se) = (f.params, f.standard_errors);
            vec![
                ("r", p.r, se.map(|s| s.r)),
                ("alpha", p.alpha, se.map(|s| s.alpha)),
                ("s", p.s, se.map(|s| s.s)),
                ("beta", p.beta, se.map(|s| s.beta)),
            ]
        }
    }
}

fn fit_summary(fit: &PurchaseFit) -> (f64, u64, bool, f64) {
    match fit {
        PurchaseFit::Bgnbd(f) => (f.log_likelihood, f.iterations, f.converged, f.customers),
        PurchaseFit::Paretonbd(f) => (f.log_likelihood, f.iterations, f.converged, f.customers),
    }
}

/// The JSON of `clv fit`: the papers' parameter names at the top level, and the fit's details.
#[derive(Serialize)]
struct FitJson {
    model: ModelKind,
    #[serde(flatten)]
    params: serde_json::Map<String, serde_json::Value>,
    log_likelihood: f64,
    iterations: u64,
    converged: bool,
    customers: f64,
    standard_errors: serde_json::Map<String, serde_json::Value>,
    spend: Option<Fit<ladder_domain::clv::gamma_gamma::GammaGamma>>,
}

fn fit_grid(fit: &PurchaseFit, spend: Option<&Fit<ladder_domain::clv::gamma_gamma::GammaGamma>>) -> Grid {
    let mut grid = Grid::new(vec!["parameter", "value", "standard error"], vec![1, 2]);
    let se = |v: Option<f64>| v.map_or("–".to_owned(), |v| format!("{v:.6}"));
    for (name, value, error) in parameter_rows(fit) {
        grid.push(vec![name.to_owned(), format!("{value:.6}"), se(error)]);
    }
    let (ll, iterations, converged, customers) = fit_summary(fit);
    grid.push(vec!["log-likelihood".into(), format!("{ll:.4}"), String::new()]);
    grid.push(vec![
        "iterations".into(),
        iterations.to_string(),
        if converged { "converged" } else { "NOT converged" }.into(),
    ]);
    grid.push(vec!["customers".into(), format!("{customers:.0}"), String::new()]);
    if let Some(g) = spend {
        let s = g.standard_errors;
        grid.push(vec!["p (Gamma-Gamma)".into(), format!("{:.6}", g.params.p), se(s.map(|s| s.p))]);
        grid.push(vec!["q (Gamma-Gamma)".into(), format!("{:.6}", g.params.q), se(s.map(|s| s.q))]);
        grid.push(vec!["v (Gamma-Gamma)".into(), format!("{:.6}", g.params.v), se(s.map(|s| s.v))]);
        grid.push(vec!["log-likelihood (spend)".into(), format!("{:.4}", g.log_likelihood), String::new()]);
        grid.push(vec!["customers (spend)".into(), format!("{:.0}", g.customers), String::new()]);
    }
    grid
}

fn load(args: &SummaryArgs) -> Result<Vec<ladder_app::clv::SummaryRecord>> {
    Ok(read_summary(&args.summary)?)
}

pub fn run(ctx: &Ctx, command: ClvCommand) -> Result<()> {
    match command {
        ClvCommand::Fit { summary, spend, format } => {
            let records = load(&summary)?;
            let fit = fit_purchases(&records, model(summary.model), true)?;
            let spend_fit = if spend {
                Some(fit_spend(&records, true)?.context("--spend needs a monetary_value column in the summary")?)
            } else {
                None
            };
            let (log_likelihood, iterations, converged, customers) = fit_summary(&fit);
            let to_map =
                |rows: Vec<(&str, f64)>| rows.into_iter().map(|(k, v)| (k.to_owned(), serde_json::json!(v))).collect();
            let rows = parameter_rows(&fit);
            let json = FitJson {
                model: model(summary.model),
                params: to_map(rows.iter().map(|(k, v, _)| (*k, *v)).collect()),
                log_likelihood,
                iterations,
                converged,
                customers,
                standard_errors: to_map(rows.iter().filter_map(|(k, _, e)| Some((*k, (*e)?))).collect()),
                spend: spend_fit,
            };
            let json_value = {
                let mut v = serde_json::to_value(&json)?;
                if let (Some(g), Some(obj)) = (&spend_fit, v.as_object_mut()) {
                    obj.insert("p".into(), serde_json::json!(g.params.p));
                    obj.insert("q".into(), serde_json::json!(g.params.q));
                    obj.insert("v".into(), serde_json::json!(g.params.v));
                }
                v
            };
            let grid = fit_grid(&fit, spend_fit.as_ref());
            let title = format!(
                "{} fitted on {}",
                match summary.model {
                    ModelArg::Bgnbd => "BG/NBD",
                    ModelArg::Paretonbd => "Pareto/NBD",
                },
                summary.summary.display()
            );
            print(format.format, &json_value, &[(&title, &grid)], &[])
        }
        ClvCommand::Predict { summary, horizon, clv_months, discount_rate, timings, format } => {
            let records = load(&summary)?;
            let started = Instant::now();
            let fit = fit_purchases(&records, model(summary.model), false)?;
            let spend = fit_spend(&records, false)?;
            let fitted = started.elapsed().as_secs_f64();
            let settings = ClvSettings {
                months: clv_months,
                monthly_discount: discount_rate,
                month_length: unit(summary.time_unit).month_length(),
            };
            let predictions = predict(&records, &fit, spend.as_ref().map(|f| &f.params), horizon, &settings);
            let total = started.elapsed().as_secs_f64();
            if timings {
                eprintln!(
                    "{}",
                    serde_json::json!({"library": "ladder", "customers": records.len(), "fit_seconds": fitted, "predict_seconds": total - fitted, "total_seconds": total})
                );
            }
            let mut grid = Grid::new(
                vec!["customer_id", "expected_purchases", "p_alive", "expected_spend", "clv"],
                vec![1, 2, 3, 4],
            );
            if format.format != Format::Json {
                let number = |v: Option<f64>| v.map_or(String::new(), |v| format!("{v:.6}"));
                for p in &predictions {
                    grid.push(vec![
                        p.customer_id.clone(),
                        number(Some(p.expected_purchases)),
                        number(Some(p.p_alive)),
                        number(p.expected_spend),
                        number(p.clv),
                    ]);
                }
            }
            print(format.format, &predictions, &[("", &grid)], &[])
        }
        ClvCommand::Validate { calibration_end, format } => validate(ctx, &calibration_end, format.format),
        ClvCommand::Simulate { customers, seed, time_unit, out } => {
            simulate(customers, seed, unit(time_unit), &out)?;
            eprintln!("Wrote {customers} simulated customers to {}.", out.display());
            Ok(())
        }
    }
}

/// The holdout check of the purchase model on the shop's own orders.
fn validate(ctx: &Ctx, calibration_end: &str, format: Format) -> Result<()> {
    let end = ladder_domain::date::parse_date(calibration_end)
        .map_err(|_| anyhow::anyhow!("--calibration-end {calibration_end:?} is not a date; use YYYY-MM-DD"))?;
    let store = ctx.store(false)?;
    let r = ladder_app::analytics::validate(store.as_ref(), end)?;
    let mut grid =
        Grid::new(vec!["repeat purchases in calibration", "customers", "actual", "predicted"], vec![1, 2, 3]);
    for row in &r.rows {
        grid.push(vec![
            row.calibration_frequency.clone(),
            row.customers.to_string(),
            format!("{:.3}", row.actual),
            format!("{:.3}", row.predicted),
        ]);
    }
    let title = format!(
        "BG/NBD fitted on orders to {}, predicting the {} days to {} (mean purchases per customer)",
        r.calibration_end, r.holdout_days, r.holdout_end
    );
    let notes = [format!(
        "{} customers; holdout purchases: {:.0} actual, {:.0} predicted; mean absolute error {:.3} per customer.",
        r.customers, r.actual_total, r.predicted_total, r.mean_absolute_error
    )];
    print(format, &r, &[(&title, &grid)], &notes)
}
