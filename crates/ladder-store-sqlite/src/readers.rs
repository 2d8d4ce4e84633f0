//! The reader connections as one queue: a reader set free goes straight to the request that has waited
//! longest, so under many requests at once (32 tills) none waits behind newcomers or behind a slow
//! neighbour on "its" connection. r2d2's pool wakes an arbitrary waiter and lets a newcomer take a
//! connection from under it; this hand-over is the few lines that differ.

use parking_lot::{Condvar, Mutex};
use rusqlite::Connection;
use std::collections::VecDeque;
use std::sync::Arc;

/// One waiting request: the reader handed to it, and how it is woken.
#[derive(Default)]
struct Waiter {
    handed: Mutex<Option<Connection>>,
    woken: Condvar,
}

#[derive(Default)]
struct Queue {
    free: Vec<Connection>,
    waiting: VecDeque<Arc<Waiter>>,
}

/// A reader lent out: given back when dropped, also when the read panics.
struct Lent<'a> {
    readers: &'a Readers,
    conn: Option<Connection>,
}

impl Drop for Lent<'_> {
    fn drop(&mut self) {
        if let Some(conn) = self.conn.take() {
            self.readers.give_back(conn);
        }
    }
}

/// The readers, handed out first come, first served.
pub(crate) struct Readers(Mutex<Queue>);

impl Readers {
    pub(crate) fn new(connections: Vec<Connection>) -> Self {
        Self(Mutex::new(Queue { free: connections, waiting: VecDeque::new() }))
    }

    /// Runs `f` on a reader: a free one at once, else the next one set free after those who asked before.
    pub(crate) fn with<T>(&self, f: impl FnOnce(&Connection) -> T) -> T {
        let lent = Lent { readers: self, conn: Some(self.take()) };
        f(lent.conn.as_ref().expect("a lent reader"))
    }

    fn take(&self) -> Connection {
        let waiter = {
            let mut q = self.0.lock();
            if let Some(conn) = q.free.pop() {
                return conn;
            }
            let waiter = Arc::new(Waiter::default());
            q.waiting.push_back(waiter.clone());
            waiter
        };
        let mut handed = waiter.handed.lock();
        loop {
            if let Some(conn) = handed.take() {
                return conn;
            }
            waiter.woken.wait(&mut handed);
        }
    }

    fn give_back(&self, conn: Connection) {
        let mut q = self.0.lock();
        match q.waiting.pop_front() {
            Some(waiter) => {
                drop(q);
                *waiter.handed.lock() = Some(conn);
                waiter.woken.notify_one();
            }
            None => q.free.push(conn),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert_eq!(readers.0.lock().free.len(), 2, "both readers are back");
    }
}
