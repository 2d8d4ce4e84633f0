//! `ladder clv validate`: the holdout check of the purchase model on the shop's own orders.

use crate::cli::Format;
use crate::output::{Grid, print};
use anyhow::{Result, anyhow};

pub fn run(database: &str, calibration_end: &str, format: Format) -> Result<()> {
    let end = ladder_domain::date::parse_date(calibration_end)
        .map_err(|_| anyhow!("--calibration-end {calibration_end:?} is not a date; use YYYY-MM-DD"))?;
    let store = crate::open_store(database, false)?;
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
