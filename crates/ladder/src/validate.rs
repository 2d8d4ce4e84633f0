//! `ladder clv validate`: the holdout check of the purchase model on the shop's own orders.

use crate::cli::Format;
use anyhow::Result;

pub fn run(_database: &str, _calibration_end: &str, _format: Format) -> Result<()> {
    anyhow::bail!("clv validate is not available yet")
}
