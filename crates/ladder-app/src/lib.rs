//! Ladder's use-cases, written once over the [`ladder_store::Store`] trait: CSV import, scoring,
//! reports and the demo shop. The CLI calls these functions, and so will the web server and the worker.
#![deny(missing_docs)]

pub mod analytics;
pub mod campaigns;
pub mod clv;
pub mod demo;
pub mod import;
pub mod progress;
pub mod reports;
pub mod score;
pub mod settings;
pub mod transfer;

pub use progress::{NoProgress, Progress};
