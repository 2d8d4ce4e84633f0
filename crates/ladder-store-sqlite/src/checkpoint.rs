//! Checkpoints off the writer's path. SQLite's own (automatic) checkpoint runs inside the commit that
//! crosses a thousand pages of WAL, so one unit of work in a few hundred holds the only writer for a
//! checkpoint's length and every other writer waits behind it — the slowest redemptions at a busy till.
//! Instead the store's writer never checkpoints, and a thread of the store copies the WAL back into the
//! database a few times a second without waiting for anyone (`PRAGMA wal_checkpoint(PASSIVE)`), on a
//! connection of its own; it stops when the store is dropped.

use rusqlite::Connection;
use std::sync::mpsc;
use std::time::Duration;

/// How often the WAL is copied back.
const EVERY: Duration = Duration::from_millis(200);

/// The running checkpointer: dropped, it stops.
pub(crate) struct Checkpointer {
    stop: Option<mpsc::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Checkpointer {
    /// Starts checkpointing the database of `conn`.
    pub(crate) fn start(conn: Connection) -> Self {
        let (stop, stopped) = mpsc::channel::<()>();
        let thread = std::thread::Builder::new()
            .name("sqlite-checkpoint".into())
            .spawn(move || {
                while let Err(mpsc::RecvTimeoutError::Timeout) = stopped.recv_timeout(EVERY) {
                    // A passive checkpoint gives way to everyone; what it could not copy now, the next
                    // one copies (a failing disk shows in the writer's own commits).
                    let _ = conn.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |_| Ok(()));
                }
            })
            .ok();
        Self { stop: Some(stop), thread }
    }
}

impl Drop for Checkpointer {
    fn drop(&mut self) {
        drop(self.stop.take());
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}
