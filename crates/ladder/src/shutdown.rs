//! Waiting for Ctrl-C or SIGTERM (what `docker stop` and systemd send), on a small Tokio runtime: Tokio is
//! in the binary for the web app already, so its signals cost nothing more.

use anyhow::Result;

/// Blocks until the process is asked to stop.
pub fn wait() -> Result<()> {
    tokio::runtime::Builder::new_current_thread().enable_all().build()?.block_on(signal())
}

/// Completes when the process is asked to stop.
pub async fn signal() -> Result<()> {
    #[cfg(unix)]
    {
        let mut terminate = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())?;
        tokio::select! {
            interrupted = tokio::signal::ctrl_c() => interrupted?,
            _ = terminate.recv() => {}
        }
        Ok(())
    }
    #[cfg(not(unix))]
    {
        tokio::signal::ctrl_c().await?;
        Ok(())
    }
}
