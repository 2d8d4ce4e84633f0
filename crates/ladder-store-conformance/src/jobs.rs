//! The job queue: claims, leases, retries, dedupe keys, schedules and the files kept with jobs.

use crate::support::*;
use ladder_store::{Claim, JobId, JobQuery, JobStatus, NewJob, Progress};

fn job(kind: &str, at: &str, priority: i32, dedupe: Option<&str>) -> NewJob {
    NewJob {
        kind: kind.into(),
        payload: format!(r#"{{"kind":"{kind}"}}"#),
        run_at: ts(at),
        priority,
        max_attempts: 3,
        dedupe_key: dedupe.map(str::to_owned),
    }
}

fn enqueue(store: &dyn Store, j: &NewJob) -> Option<JobId> {
    write(store, |tx| tx.enqueue(j, ts("2025-06-01T09:00:00Z"))).expect("enqueue")
}

fn complete(store: &dyn Store, claim: Claim, at: &str, result: Option<&str>) -> bool {
    write(store, |tx| tx.complete_job(claim, ts(at), result)).expect("complete")
}

/// Due jobs are claimed highest priority first, then oldest; jobs not yet due wait; a claim is the
/// worker's until its lease runs out, and finishing it records the result.
pub fn jobs_are_claimed_by_priority_and_time(store: &dyn Store) {
    let low = enqueue(store, &job("low", "2025-06-01T10:00:00Z", 0, None)).expect("new");
    let high = enqueue(store, &job("high", "2025-06-01T10:00:05Z", 5, None)).expect("new");
    let older = enqueue(store, &job("older", "2025-06-01T09:59:00Z", 0, None)).expect("new");
    let later = enqueue(store, &job("later", "2025-06-01T11:00:00Z", 9, None)).expect("new");
    let now = ts("2025-06-01T10:01:00Z");
    let lease = ts("2025-06-01T10:01:30Z");
    let claimed = store.claim_jobs("w1", now, lease, 2).expect("claim");
    assert_eq!(claimed.iter().map(|j| j.id).collect::<Vec<_>>(), [high, older]);
    assert!(claimed.iter().all(|j| j.status == JobStatus::Running && j.attempts == 1));
    assert_eq!(claimed[0].worker.as_deref(), Some("w1"));
    assert_eq!(claimed[0].lease_until, Some(lease));
    let rest = store.claim_jobs("w2", now, lease, 10).expect("claim");
    assert_eq!(rest.iter().map(|j| j.id).collect::<Vec<_>>(), [low], "the later job is not due");
    assert!(store.claim_jobs("w2", now, lease, 10).expect("claim").is_empty(), "nothing twice");

    assert!(complete(store, claimed[0].claim(), "2025-06-01T10:01:10Z", Some(r#"{"rows":7}"#)));
    let done = store.job(high).expect("read").expect("exists");
    assert_eq!(done.status, JobStatus::Done);
    assert_eq!(done.result.as_deref(), Some(r#"{"rows":7}"#));
    assert_eq!(done.finished_at, Some(ts("2025-06-01T10:01:10Z")));
    assert!(!complete(store, claimed[0].claim(), "2025-06-01T10:01:11Z", None), "done once");
    assert_eq!(store.next_job_due().expect("due"), Some(lease), "the running jobs' leases, then the later job");
    let listed =
        store.jobs(&JobQuery { status: Some(JobStatus::Queued), limit: 10, ..JobQuery::default() }).expect("list");
    assert_eq!(listed.iter().map(|j| j.id).collect::<Vec<_>>(), [later]);
    assert_eq!(
        store.jobs(&JobQuery { limit: 2, ..JobQuery::default() }).expect("list").len(),
        2,
        "newest first, limited"
    );
}

/// Many claimed jobs are finished in one statement, each with its result; a claim lost to another worker
/// finishes nothing, and the others still finish.
pub fn many_jobs_finish_at_once(store: &dyn Store) {
    for n in 0..3 {
        enqueue(store, &job(&format!("bulk{n}"), "2025-06-01T10:00:00Z", 0, None)).expect("new");
    }
    let claimed = store.claim_jobs("w1", ts("2025-06-01T10:00:00Z"), ts("2025-06-01T10:00:30Z"), 3).expect("claim");
    let lost = Claim { attempt: claimed[1].attempts + 1, ..claimed[1].claim() };
    let done = vec![
        (claimed[0].claim(), Some(r#"{"n":0}"#.to_owned())),
        (lost, Some("{}".to_owned())),
        (claimed[2].claim(), None),
    ];
    let kept = write(store, |tx| tx.complete_jobs(&done, ts("2025-06-01T10:00:05Z"))).expect("complete");
    assert_eq!(kept, [true, false, true]);
    let read = |i: usize| store.job(claimed[i].id).expect("read").expect("exists");
    assert_eq!((read(0).status, read(0).result.as_deref()), (JobStatus::Done, Some(r#"{"n":0}"#)));
    assert_eq!(read(1).status, JobStatus::Running, "a lost claim finishes nothing");
    assert_eq!((read(2).status, read(2).finished_at), (JobStatus::Done, Some(ts("2025-06-01T10:00:05Z"))));
}

/// Housekeeping forgets the files of jobs finished before one time and the jobs finished before another;
/// jobs that have not finished keep their files and stay.
pub fn finished_jobs_are_forgotten(store: &dyn Store) {
    let old = enqueue(store, &job("import", "2025-06-01T10:00:00Z", 0, None)).expect("new");
    let open = enqueue(store, &job("import", "2025-06-01T10:00:00Z", 0, None)).expect("new");
    write(store, |tx| {
        tx.add_job_file(old, b"customer_id\n")?;
        tx.add_job_file(open, b"customer_id\n")
    })
    .expect("files");
    let claimed = store.claim_jobs("w", ts("2025-06-01T10:00:00Z"), ts("2025-06-01T10:00:30Z"), 1).expect("claim");
    assert_eq!(claimed[0].id, old);
    assert!(complete(store, claimed[0].claim(), "2025-06-01T10:00:10Z", None));
    let bytes = |id| {
        let mut n = 0;
        store
            .job_file(id, &mut |c| {
                n += c.len();
                Ok(())
            })
            .expect("file");
        n
    };
    let pruned =
        write(store, |tx| tx.prune_jobs(ts("2025-06-02T00:00:00Z"), ts("2025-01-01T00:00:00Z"))).expect("prune");
    assert_eq!(pruned, (1, 0), "the finished job's file, no job");
    assert_eq!((bytes(old), bytes(open)), (0, 12), "the waiting job keeps its file");
    let pruned =
        write(store, |tx| tx.prune_jobs(ts("2025-06-02T00:00:00Z"), ts("2025-06-02T00:00:00Z"))).expect("prune");
    assert_eq!(pruned.1, 1);
    assert!(store.job(old).expect("read").is_none() && store.job(open).expect("read").is_some());
}

/// A dedupe key stands for one job until that job finishes: enqueueing it again adds nothing.
pub fn a_dedupe_key_is_unique_until_the_job_finishes(store: &dyn Store) {
    let first = enqueue(store, &job("score", "2025-06-01T10:00:00Z", 0, Some("score"))).expect("new");
    assert_eq!(enqueue(store, &job("score", "2025-06-01T10:00:00Z", 0, Some("score"))), None, "waiting");
    let claimed = store.claim_jobs("w1", ts("2025-06-01T10:00:01Z"), ts("2025-06-01T10:00:31Z"), 1).expect("claim");
    assert_eq!(claimed[0].id, first);
    assert_eq!(enqueue(store, &job("score", "2025-06-01T10:00:00Z", 0, Some("score"))), None, "running");
    assert!(complete(store, claimed[0].claim(), "2025-06-01T10:00:02Z", None));
    let again = enqueue(store, &job("score", "2025-06-01T10:00:00Z", 0, Some("score"))).expect("free again");
    assert_ne!(again, first);
    assert!(enqueue(store, &job("other", "2025-06-01T10:00:00Z", 0, None)).is_some(), "no key, no limit");
    assert!(enqueue(store, &job("other", "2025-06-01T10:00:00Z", 0, None)).is_some());
}

/// A worker that dies loses its claim when the lease runs out: the job is claimed again with the next
/// attempt, the old claim can neither renew nor finish it, and after the last attempt it is dead.
pub fn an_expired_lease_passes_the_job_on(store: &dyn Store) {
    let id =
        enqueue(store, &NewJob { max_attempts: 2, ..job("import", "2025-06-01T10:00:00Z", 0, None) }).expect("new");
    let first = store.claim_jobs("w1", ts("2025-06-01T10:00:00Z"), ts("2025-06-01T10:00:30Z"), 1).expect("claim");
    let renewal = store
        .renew_lease(first[0].claim(), ts("2025-06-01T10:00:50Z"), Some(Progress { done: 10, total: Some(100) }))
        .expect("renew");
    assert!(renewal.renewed && !renewal.busy);
    let seen = store.job(id).expect("read").expect("exists");
    assert_eq!((seen.progress_done, seen.progress_total), (Some(10), Some(100)));
    assert!(
        store.claim_jobs("w2", ts("2025-06-01T10:00:40Z"), ts("2025-06-01T10:01:10Z"), 1).expect("claim").is_empty(),
        "the renewed lease holds"
    );
    let second = store.claim_jobs("w2", ts("2025-06-01T10:00:51Z"), ts("2025-06-01T10:01:21Z"), 1).expect("claim");
    assert_eq!((second[0].id, second[0].attempts, second[0].worker.as_deref()), (id, 2, Some("w2")));
    assert!(second[0].last_error.as_deref().is_some_and(|e| e.contains("lease")), "{:?}", second[0].last_error);
    assert!(!store.renew_lease(first[0].claim(), ts("2025-06-01T10:01:30Z"), None).expect("renew").renewed);
    assert!(!complete(store, first[0].claim(), "2025-06-01T10:00:52Z", None), "the old claim finishes nothing");
    assert!(!store.fail_job(first[0].claim(), ts("2025-06-01T10:00:52Z"), "x", None).expect("fail"));
    // The second worker dies too, on the last attempt.
    assert!(
        store.claim_jobs("w3", ts("2025-06-01T10:01:22Z"), ts("2025-06-01T10:01:52Z"), 1).expect("claim").is_empty()
    );
    let dead = store.job(id).expect("read").expect("exists");
    assert_eq!(dead.status, JobStatus::Dead);
    assert_eq!(dead.finished_at, Some(ts("2025-06-01T10:01:22Z")));
}

/// A failed attempt waits for its retry time with its error; the last one makes the job dead; a person
/// may run a dead job again, and cancel one that has not started.
pub fn failures_retry_then_die_and_people_retry_or_cancel(store: &dyn Store) {
    let id = enqueue(store, &NewJob { max_attempts: 2, ..job("send", "2025-06-01T10:00:00Z", 0, Some("send")) })
        .expect("new");
    let claim =
        store.claim_jobs("w1", ts("2025-06-01T10:00:00Z"), ts("2025-06-01T10:00:30Z"), 1).expect("claim")[0].claim();
    assert!(
        store
            .fail_job(claim, ts("2025-06-01T10:00:05Z"), "the server said no: 451", Some(ts("2025-06-01T10:01:00Z")))
            .expect("fail")
    );
    let failed = store.job(id).expect("read").expect("exists");
    assert_eq!(failed.status, JobStatus::Failed);
    assert_eq!(failed.last_error.as_deref(), Some("the server said no: 451"));
    assert_eq!(failed.run_at, ts("2025-06-01T10:01:00Z"));
    assert_eq!(
        enqueue(store, &job("send", "2025-06-01T10:00:00Z", 0, Some("send"))),
        None,
        "a failed job still counts"
    );
    assert!(
        store.claim_jobs("w1", ts("2025-06-01T10:00:59Z"), ts("2025-06-01T10:01:29Z"), 1).expect("claim").is_empty()
    );
    let claim =
        store.claim_jobs("w1", ts("2025-06-01T10:01:00Z"), ts("2025-06-01T10:01:30Z"), 1).expect("claim")[0].claim();
    assert_eq!(claim.attempt, 2);
    assert!(store.fail_job(claim, ts("2025-06-01T10:01:05Z"), "still no", None).expect("fail"));
    assert_eq!(store.job(id).expect("read").expect("exists").status, JobStatus::Dead);
    assert!(!write(store, |tx| tx.cancel_job(id, ts("2025-06-01T10:02:00Z"))).expect("cancel"), "dead, not waiting");
    assert!(write(store, |tx| tx.retry_job(id, ts("2025-06-01T10:02:00Z"))).expect("retry"));
    let retried = store.job(id).expect("read").expect("exists");
    assert_eq!((retried.status, retried.attempts, retried.run_at), (JobStatus::Queued, 0, ts("2025-06-01T10:02:00Z")));
    assert!(!write(store, |tx| tx.retry_job(id, ts("2025-06-01T10:02:00Z"))).expect("retry"), "already waiting");
    assert!(write(store, |tx| tx.cancel_job(id, ts("2025-06-01T10:02:01Z"))).expect("cancel"));
    assert_eq!(store.job(id).expect("read").expect("exists").status, JobStatus::Cancelled);
    assert!(
        store.claim_jobs("w1", ts("2025-06-01T10:03:00Z"), ts("2025-06-01T10:03:30Z"), 5).expect("claim").is_empty()
    );
}

/// Workers claiming at the same moment never get the same job: every job is claimed exactly once.
pub fn concurrent_claims_take_each_job_once(store: &dyn Store) {
    let ids: Vec<JobId> = write(store, |tx| {
        (0..60)
            .map(|i| tx.enqueue(&job(&format!("j{i}"), "2025-06-01T10:00:00Z", 0, None), ts("2025-06-01T10:00:00Z")))
            .map(|r| r.map(|id| id.expect("new")))
            .collect()
    })
    .expect("enqueue");
    let claimed: Vec<Vec<JobId>> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..3)
            .map(|w| {
                scope.spawn(move || {
                    let mut mine = Vec::new();
                    loop {
                        let got = store
                            .claim_jobs(&format!("w{w}"), ts("2025-06-01T10:00:01Z"), ts("2025-06-01T10:01:00Z"), 4)
                            .expect("claim");
                        if got.is_empty() {
                            return mine;
                        }
                        mine.extend(got.iter().map(|j| j.id));
                    }
                })
            })
            .collect();
        workers.into_iter().map(|w| w.join().expect("worker")).collect()
    });
    let mut all: Vec<JobId> = claimed.concat();
    all.sort();
    assert_eq!(all, ids, "each job once, none lost");
}

/// A recurring schedule's occurrence is enqueued once, whoever asks and however often.
pub fn a_schedule_occurrence_is_claimed_once(store: &dyn Store) {
    let nightly = ts("2025-06-02T03:00:00Z");
    assert!(write(store, |tx| tx.claim_occurrence("nightly-score", nightly)).expect("first"));
    assert!(!write(store, |tx| tx.claim_occurrence("nightly-score", nightly)).expect("second instance"));
    assert!(
        !write(store, |tx| tx.claim_occurrence("nightly-score", ts("2025-06-01T03:00:00Z"))).expect("an older one")
    );
    assert!(write(store, |tx| tx.claim_occurrence("other", nightly)).expect("another schedule"));
    assert!(
        write(store, |tx| tx.claim_occurrence("nightly-score", ts("2025-06-03T03:00:00Z"))).expect("the next night")
    );
}

/// The file kept with a job comes back byte for byte, chunk after chunk.
pub fn a_jobs_file_comes_back_whole(store: &dyn Store) {
    let chunks: Vec<Vec<u8>> =
        vec![b"customer_id,first_name\n".to_vec(), "C1,דנה\n".as_bytes().to_vec(), vec![0, 255, 10]];
    let id = write(store, |tx| {
        let id = tx.enqueue(&job("import", "2025-06-01T10:00:00Z", 0, None), ts("2025-06-01T10:00:00Z"))?.expect("new");
        for c in &chunks {
            tx.add_job_file(id, c)?;
        }
        Ok(id)
    })
    .expect("enqueue");
    let mut back = Vec::new();
    store
        .job_file(id, &mut |chunk| {
            back.push(chunk.to_vec());
            Ok(())
        })
        .expect("read");
    assert_eq!(back, chunks);
    let mut none = 0;
    store
        .job_file(JobId(id.0 + 1000), &mut |_| {
            none += 1;
            Ok(())
        })
        .expect("read");
    assert_eq!(none, 0);
}
