//! A few shared things (connections, or turns at a pool) handed out first come, first served: one set free
//! goes straight to the request that has waited longest. r2d2's pool wakes an arbitrary waiter and lets a
//! newcomer take a connection from under it, so under many requests at once (32 tills) some wait several
//! turns — measured, a p99 six times the median. Both backends hand their connections out through this.

use std::collections::VecDeque;
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

/// One waiting request: the thing handed to it, and how it is woken.
struct Waiter<T> {
    handed: Mutex<Option<T>>,
    woken: Condvar,
}

struct Queue<T> {
    free: Vec<T>,
    waiting: VecDeque<Arc<Waiter<T>>>,
}

/// The things, handed out in the order they were asked for.
pub struct FairQueue<T> {
    queue: Mutex<Queue<T>>,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    // What the locks guard stays whole whatever panicked while holding them (a push or a pop).
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

impl<T> FairQueue<T> {
    /// A queue lending `things`.
    pub fn new(things: Vec<T>) -> Self {
        Self { queue: Mutex::new(Queue { free: things, waiting: VecDeque::new() }) }
    }

    /// A free thing at once, else the next one given back after those who asked before.
    pub fn take(&self) -> T {
        loop {
            if let Some(thing) = self.take_within(Duration::from_secs(3600)) {
                return thing;
            }
        }
    }

    /// As [`FairQueue::take`], or `None` when nothing came back within `wait`.
    pub fn take_within(&self, wait: Duration) -> Option<T> {
        let waiter = {
            let mut q = lock(&self.queue);
            if let Some(thing) = q.free.pop() {
                return Some(thing);
            }
            let waiter = Arc::new(Waiter { handed: Mutex::new(None), woken: Condvar::new() });
            q.waiting.push_back(waiter.clone());
            waiter
        };
        let until = Instant::now() + wait;
        let mut handed = lock(&waiter.handed);
        loop {
            if let Some(thing) = handed.take() {
                return Some(thing);
            }
            let left = until.saturating_duration_since(Instant::now());
            if left.is_zero() {
                break;
            }
            handed = waiter.woken.wait_timeout(handed, left).unwrap_or_else(PoisonError::into_inner).0;
        }
        drop(handed);
        // Out of time: leave the line — unless a thing was handed over meanwhile, which is then taken.
        // Under the queue's lock a hand-over is either done or not begun (`give_back` hands over under it).
        let mut q = lock(&self.queue);
        q.waiting.retain(|w| !Arc::ptr_eq(w, &waiter));
        let late = lock(&waiter.handed).take();
        drop(q);
        late
    }

    /// Gives a thing back: to the longest waiting request, else to the free ones.
    pub fn give_back(&self, thing: T) {
        let mut q = lock(&self.queue);
        match q.waiting.pop_front() {
            Some(waiter) => {
                *lock(&waiter.handed) = Some(thing);
                drop(q);
                waiter.woken.notify_one();
            }
            None => q.free.push(thing),
        }
    }

    /// How many are free now.
    pub fn free(&self) -> usize {
        lock(&self.queue).free.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_request_gets_a_thing_and_all_come_back() {
        let queue = Arc::new(FairQueue::new(vec![0u64, 0]));
        let threads: Vec<_> = (0..16)
            .map(|_| {
                let queue = queue.clone();
                std::thread::spawn(move || {
                    for _ in 0..200 {
                        let used = queue.take();
                        queue.give_back(used + 1);
                    }
                })
            })
            .collect();
        threads.into_iter().for_each(|t| t.join().expect("a thread"));
        assert_eq!(queue.free(), 2, "both are back");
        let uses: u64 = (0..2).map(|_| queue.take()).sum();
        assert_eq!(uses, 16 * 200, "each use counted once");
    }

    #[test]
    fn the_longest_waiting_request_is_served_first() {
        let queue = Arc::new(FairQueue::new(vec!["the one"]));
        let held = queue.take();
        let served = Arc::new(Mutex::new(Vec::new()));
        let mut threads = Vec::new();
        for i in 0..4 {
            let (mine, served) = (queue.clone(), served.clone());
            threads.push(std::thread::spawn(move || {
                let turn = mine.take();
                lock(&served).push(i);
                mine.give_back(turn);
            }));
            // Each asks after the one before is in the line.
            while lock(&queue.queue).waiting.len() < i + 1 {
                std::thread::yield_now();
            }
        }
        queue.give_back(held);
        threads.into_iter().for_each(|t| t.join().expect("a thread"));
        assert_eq!(*lock(&served), [0, 1, 2, 3]);
    }

    #[test]
    fn a_request_out_of_time_leaves_the_line() {
        let queue = FairQueue::new(vec!["the one"]);
        let held = queue.take();
        assert_eq!(queue.take_within(Duration::from_millis(20)), None);
        assert!(lock(&queue.queue).waiting.is_empty());
        queue.give_back(held);
        assert_eq!(queue.free(), 1, "given back to the free ones, not to the one gone");
    }
}
