//! Checkpoints off the writer's path. SQLite's own (automatic) checkpoint runs inside the commit that
//! crosses a thousand pages of WAL, so one unit of work in a few hundred holds the only writer for a
//! checkpoint's length and every other writer waits behind it — the slowest redemptions at a busy till.
//! Instead the store's writer never checkpoints, and a thread of the store copies the WAL back into the
//! database several times a second without waiting for anyone (`PRAGMA wal_checkpoint(PASSIVE)`), on a
//! connection of its own; it stops when the store is dropped.
//!
//! SQLite writes the WAL from its beginning again only once all of it is copied back, which a checkpoint
//! beside a busy writer never sees: measured, 32 tills redeeming flat out grew it by 130 MB a second, and
//! every commit then paid for a new stretch of file and every read for a longer search of the WAL. So when the
//! WAL is past [`LARGE_WAL_FRAMES`], the checkpointer takes its turn at the writer's lock for the few
//! frames the passive copy left, and the next unit of work starts the WAL afresh.

use parking_lot::Mutex;
use rusqlite::Connection;
use std::sync::{Arc, mpsc};
use std::time::Duration;

/// How often the WAL is copied back.
const EVERY: Duration = Duration::from_millis(100);

/// Frames (pages) of WAL past which the checkpointer waits for the writer to copy the rest (1 GiB): the
/// writers then pause (350 ms measured with 32 tills redeeming flat out, once in ten seconds; at 16 or
/// 256 MiB pauses of 35–80 ms came so often that the p99 doubled), so only after a long run of writes; under a shop's usual writes the WAL is all copied back between two of them and starts
/// again by itself.
pub(crate) const LARGE_WAL_FRAMES: i64 = 262_144;

/// The running checkpointer: dropped, it stops.
pub(crate) struct Checkpointer {
    stop: Option<mpsc::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

/// A passive checkpoint: the frames in the WAL and how many of them are copied back.
fn passive(conn: &Connection) -> Option<(i64, i64)> {
    conn.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |r| Ok((r.get(1)?, r.get(2)?))).ok()
}

impl Checkpointer {
    /// Starts checkpointing the database of `conn`, the store's `writer` giving way when the WAL holds
    /// `large` frames ([`LARGE_WAL_FRAMES`]).
    pub(crate) fn start<W: Send + 'static>(conn: Connection, writer: Arc<Mutex<W>>, large: i64) -> Self {
        let (stop, stopped) = mpsc::channel::<()>();
        let thread = std::thread::Builder::new()
            .name("sqlite-checkpoint".into())
            .spawn(move || {
                let mut seen = 0;
                while let Err(mpsc::RecvTimeoutError::Timeout) = stopped.recv_timeout(EVERY) {
                    // A passive checkpoint gives way to everyone; what it could not copy now, the next
                    // one copies (a failing disk shows in the writer's own commits).
                    let Some((frames, _)) = passive(&conn) else { continue };
                    if frames >= large && frames != seen {
                        let held = writer.lock();
                        let _ = passive(&conn);
                        parking_lot::MutexGuard::unlock_fair(held);
                    }
                    seen = frames;
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Instant;

    /// The frames in the WAL now, without copying any back.
    fn wal_frames(path: &std::path::Path) -> u64 {
        std::fs::metadata(path.with_extension("db-wal")).map_or(0, |m| m.len().saturating_sub(32) / (4096 + 24))
    }

    #[test]
    fn under_writes_without_a_pause_the_wal_starts_again_from_its_beginning() {
        let dir = tempfile::tempdir().expect("temporary folder");
        let path = dir.path().join("wal.db");
        let writer = crate::connect(&path).expect("open");
        writer
            .execute_batch(
                "PRAGMA wal_autocheckpoint = 0; PRAGMA journal_size_limit = 0;
                 CREATE TABLE t (id INTEGER PRIMARY KEY, v BLOB)",
            )
            .expect("schema");
        let writer = Arc::new(Mutex::new(writer));
        let _checkpointer = Checkpointer::start(crate::connect(&path).expect("open"), writer.clone(), 64);
        // Writes one after another, as 32 tills do: a passive checkpoint alone never sees the WAL all
        // copied back, so SQLite would append to it for ever.
        let (mut largest, until) = (0, Instant::now() + Duration::from_secs(30));
        let started_again = loop {
            {
                let w = writer.lock();
                w.execute("INSERT INTO t (v) VALUES (randomblob(3000))", []).expect("write");
            }
            let frames = wal_frames(&path);
            if frames + 32 < largest {
                break true;
            }
            largest = largest.max(frames);
            if Instant::now() > until {
                break false;
            }
        };
        assert!(started_again, "the WAL only grew, to {largest} frames");
    }
}
