-- Typed shop settings and marks instead of free string keys; who did what in the audit log; the job queue.

-- One row: the shop's profile and its scoring thresholds, each a column of its own type.
CREATE TABLE shop_settings (
    id                   INTEGER PRIMARY KEY CHECK (id = 1),
    name                 TEXT NOT NULL DEFAULT '',
    country              TEXT,
    city                 TEXT,
    time_zone            TEXT NOT NULL DEFAULT 'UTC',
    language             TEXT NOT NULL DEFAULT 'en',
    currency             TEXT,
    opening_days         TEXT NOT NULL DEFAULT 'mon,tue,wed,thu,fri,sat,sun',
    sender_name          TEXT NOT NULL DEFAULT '',
    sender_address       TEXT NOT NULL DEFAULT '',
    sender_email         TEXT,
    sender_phone         TEXT,
    active_p_alive       REAL NOT NULL DEFAULT 0.6,
    at_risk_p_alive      REAL NOT NULL DEFAULT 0.3,
    lapsed_p_alive       REAL NOT NULL DEFAULT 0.1,
    at_risk_gaps         REAL NOT NULL DEFAULT 2,
    lapsed_gaps          REAL NOT NULL DEFAULT 3,
    lost_gaps            REAL NOT NULL DEFAULT 6,
    lost_min_days        REAL NOT NULL DEFAULT 365,
    min_repeat_customers INTEGER NOT NULL DEFAULT 30
);
INSERT INTO shop_settings (id, currency, active_p_alive, at_risk_p_alive, lapsed_p_alive, at_risk_gaps, lapsed_gaps,
                           lost_gaps, lost_min_days, min_repeat_customers)
SELECT 1,
       (SELECT value FROM settings WHERE key = 'currency'),
       COALESCE((SELECT CAST(value AS REAL) FROM settings WHERE key = 'score_active_p_alive'), 0.6),
       COALESCE((SELECT CAST(value AS REAL) FROM settings WHERE key = 'score_at_risk_p_alive'), 0.3),
       COALESCE((SELECT CAST(value AS REAL) FROM settings WHERE key = 'score_lapsed_p_alive'), 0.1),
       COALESCE((SELECT CAST(value AS REAL) FROM settings WHERE key = 'score_at_risk_gaps'), 2),
       COALESCE((SELECT CAST(value AS REAL) FROM settings WHERE key = 'score_lapsed_gaps'), 3),
       COALESCE((SELECT CAST(value AS REAL) FROM settings WHERE key = 'score_lost_gaps'), 6),
       COALESCE((SELECT CAST(value AS REAL) FROM settings WHERE key = 'score_lost_min_days'), 365),
       COALESCE((SELECT CAST(value AS INTEGER) FROM settings WHERE key = 'score_min_repeat_customers'), 30);

-- One row: the marks the shop's work leaves. Times are Unix seconds, days are day numbers, as everywhere.
CREATE TABLE shop_state (
    id                   INTEGER PRIMARY KEY CHECK (id = 1),
    -- Unix microseconds: two changes within a second must still tell apart.
    data_changed_at      INTEGER,
    campaigns_changed_at INTEGER,
    scored_at            INTEGER,
    scored_as_of         INTEGER,
    state_basis          TEXT,
    scoring_context      TEXT,
    demo_seed            INTEGER
);
INSERT INTO shop_state (id, data_changed_at, campaigns_changed_at, scored_at, scored_as_of, state_basis, scoring_context,
                        demo_seed)
SELECT 1,
       CAST(unixepoch((SELECT value FROM settings WHERE key = 'data_changed_at'), 'subsec') * 1000000 AS INTEGER),
       CAST(unixepoch((SELECT value FROM settings WHERE key = 'campaigns_changed_at'), 'subsec') * 1000000 AS INTEGER),
       CAST(unixepoch((SELECT value FROM settings WHERE key = 'scored_at'), 'subsec') * 1000000 AS INTEGER),
       unixepoch((SELECT value FROM settings WHERE key = 'scored_as_of')) / 86400,
       (SELECT value FROM settings WHERE key = 'state_basis'),
       (SELECT value FROM settings WHERE key = 'scoring_context'),
       (SELECT CAST(value AS INTEGER) FROM settings WHERE key = 'demo_seed');
DROP TABLE settings;

-- Who did it: `user:3`, `token:7`, `cli`, `system`, `job:12`.
ALTER TABLE audit_log ADD COLUMN actor TEXT NOT NULL DEFAULT '';
UPDATE audit_log SET actor = CASE WHEN user_id IS NULL THEN 'system' ELSE 'user:' || user_id END;

-- The job queue. A dedupe key is unique among jobs that have not finished; claims read the due index.
CREATE TABLE jobs (
    id             INTEGER PRIMARY KEY,
    kind           TEXT NOT NULL,
    payload        TEXT NOT NULL,
    status         TEXT NOT NULL DEFAULT 'queued',
    priority       INTEGER NOT NULL DEFAULT 0,
    run_at         INTEGER NOT NULL,
    attempts       INTEGER NOT NULL DEFAULT 0,
    max_attempts   INTEGER NOT NULL,
    lease_until    INTEGER,
    worker         TEXT,
    last_error     TEXT,
    progress_done  INTEGER,
    progress_total INTEGER,
    result         TEXT,
    dedupe_key     TEXT,
    created_at     INTEGER NOT NULL,
    started_at     INTEGER,
    finished_at    INTEGER
);
CREATE UNIQUE INDEX jobs_dedupe ON jobs (dedupe_key)
    WHERE dedupe_key IS NOT NULL AND status IN ('queued', 'running', 'failed');
CREATE INDEX jobs_due ON jobs (priority DESC, run_at, id) WHERE status IN ('queued', 'failed');
CREATE INDEX jobs_leases ON jobs (lease_until) WHERE status = 'running';
CREATE INDEX jobs_by_status ON jobs (status, id);

-- The file a queued import keeps with its job, in chunks, so a worker on another machine can run it.
CREATE TABLE job_files (
    job_id INTEGER NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
    seq    INTEGER NOT NULL,
    chunk  BLOB NOT NULL,
    PRIMARY KEY (job_id, seq)
) WITHOUT ROWID;

-- The last occurrence each recurring schedule enqueued: two schedulers enqueue an occurrence once.
CREATE TABLE job_schedules (
    name            TEXT PRIMARY KEY,
    last_occurrence INTEGER NOT NULL
) WITHOUT ROWID;

-- A deleted segment's id is never given to another (a link, a bookmark or an audit entry names it):
-- AUTOINCREMENT, which SQLite only grants a table at its creation.
CREATE TABLE segments_kept (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    name       TEXT NOT NULL,
    name_key   TEXT NOT NULL UNIQUE,
    definition TEXT NOT NULL,
    created_by INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
INSERT INTO segments_kept (id, name, name_key, definition, created_by, created_at, updated_at)
    SELECT id, name, name_key, definition, created_by, created_at, updated_at FROM segments;
DROP TABLE segments;
ALTER TABLE segments_kept RENAME TO segments;
CREATE INDEX segments_by_creator ON segments (created_by);
