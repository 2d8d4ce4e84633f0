//! Progress reporting for long work, without tying the use-cases to a terminal.

/// Receives progress of long work; the CLI draws a bar, tests ignore it.
pub trait Progress {
    /// A new phase begins; `total` is in the phase's own units (bytes, customers) when known.
    fn begin(&self, label: &str, total: Option<u64>);
    /// How far the phase has got.
    fn set_position(&self, position: u64);
    /// The phase is over.
    fn end(&self);
}

/// Progress that goes nowhere.
#[derive(Debug, Clone, Copy, Default)]
pub struct NoProgress;

impl Progress for NoProgress {
    fn begin(&self, _: &str, _: Option<u64>) {}
    fn set_position(&self, _: u64) {}
    fn end(&self) {}
}
