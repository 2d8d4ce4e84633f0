//! `ladder clv`: fit, predict, validate and simulate.

use crate::cli::{ClvCommand, Format, ModelArg, SummaryArgs, TimeUnitArg};
use crate::output::{Grid, print};
use anyhow::{Context, Result};
use ladder_app::clv::{ModelKind, PurchaseFit, TimeUnit, fit_purchases, fit_spend, predict, read_summary, simulate};
use ladder_domain::clv::{ClvSettings, Fit};
use serde::Serialize;
use std::time::Instant;

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

pub fn run(command: ClvCommand, database: &str) -> Result<()> {
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
        ClvCommand::Validate { calibration_end, format } => {
            crate::validate::run(database, &calibration_end, format.format)
        }
        ClvCommand::Simulate { customers, seed, time_unit, out } => {
            simulate(customers, seed, unit(time_unit), &out)?;
            eprintln!("Wrote {customers} simulated customers to {}.", out.display());
            Ok(())
        }
    }
}
