//! The log: events of every crate (a request, a job, an error with its causes) on standard error, as text
//! or as JSON lines, filtered by `log.level` (`LADDER_LOG`, else `RUST_LOG`; `info` by default).
//!
//! What is logged is chosen where it is logged: requests log their route template, never the query, a
//! header or a body; errors log their causes, which never carry a password (URLs are redacted).

use crate::config::{Config, LogFormat};
use anyhow::Result;
use tracing_subscriber::EnvFilter;

/// Installs the subscriber for the whole process.
pub fn init(config: &Config) -> Result<()> {
    let filter = EnvFilter::try_new(&config.log_level)?;
    let ansi = std::io::IsTerminal::is_terminal(&std::io::stderr());
    let builder = tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr).with_ansi(ansi);
    let installed = match config.log_format {
        LogFormat::Text => builder.with_target(false).try_init(),
        LogFormat::Json => builder.json().flatten_event(true).with_current_span(false).try_init(),
    };
    installed.map_err(|e| anyhow::anyhow!("cannot install the log: {e}"))
}
