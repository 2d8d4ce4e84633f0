//! The reader connections as one queue ([`ladder_store::fair::FairQueue`]): a reader set free goes
//! straight to the request that has waited longest, so under many requests at once (32 tills) none waits
//! behind newcomers or behind a slow neighbour on "its" connection.

use ladder_store::fair::FairQueue;
use rusqlite::Connection;

/// A reader lent out: given back when dropped, also when the read panics.
struct Lent<'a> {
    readers: &'a Readers,
    conn: Option<Connection>,
}

impl Drop for Lent<'_> {
    fn drop(&mut self) {
        if let Some(conn) = self.conn.take() {
            self.readers.0.give_back(conn);
        }
    }
}

/// The readers, handed out first come, first served.
pub(crate) struct Readers(FairQueue<Connection>);

impl Readers {
    pub(crate) fn new(connections: Vec<Connection>) -> Self {
        Self(FairQueue::new(connections))
    }

    /// Runs `f` on a reader: a free one at once, else the next one set free after those who asked before.
    pub(crate) fn with<T>(&self, f: impl FnOnce(&Connection) -> T) -> T {
        let lent = Lent { readers: self, conn: Some(self.0.take()) };
        f(lent.conn.as_ref().expect("a lent reader"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    #[test]
    fn every_request_gets_a_reader_and_the_readers_come_back() {
        let conns = (0..2).map(|_| Connection::open_in_memory().expect("open")).collect();
        let readers = Arc::new(Readers::new(conns));
        let threads: Vec<_> = (0..16)
            .map(|i| {
                let readers = readers.clone();
                std::thread::spawn(move || {
                    (0..200)
                        .filter(|j| {
                            let asked = i * 1000 + j;
                            readers.with(|c| c.query_row("SELECT ?1", [asked], |r| r.get::<_, i64>(0))) == Ok(asked)
                        })
                        .count()
                })
            })
            .collect();
        let done: usize = threads.into_iter().map(|t| t.join().expect("a thread")).sum();
        assert_eq!(done, 16 * 200);
        assert_eq!(readers.0.free(), 2, "both readers are back");
    }
}
