//! Progress reporting for long work, without tying the use-cases to a terminal; and the last word of a
//! long unit of work, where a job marks itself done in the same transaction as its effect.

use crate::AppError;
use ladder_store::Tx;

/// Receives progress of long work; the CLI draws a bar, a job records it for its page, tests ignore it.
pub trait Progress {
    /// A new phase begins; `total` is in the phase's own units (bytes, customers) when known.
    fn begin(&self, label: &str, total: Option<u64>);
    /// How far the phase has got.
    fn set_position(&self, position: u64);
    /// The phase is over.
    fn end(&self);

    /// The work is about to commit in `tx`, having produced `result` (JSON): a job marks itself done here,
    /// so that its effect and its completion are one unit of work. An error (the job's lease was lost to
    /// another worker) drops the unit of work, and nothing of it is written.
    fn committing(&self, tx: &mut dyn Tx, result: &str) -> Result<(), AppError> {
        let _ = (tx, result);
        Ok(())
    }
}

/// Progress that goes nowhere.
#[derive(Debug, Clone, Copy, Default)]
pub struct NoProgress;

impl Progress for NoProgress {
    fn begin(&self, _: &str, _: Option<u64>) {}
    fn set_position(&self, _: u64) {}
    fn end(&self) {}
}
