-- Playbooks: the shop's settings of each (the starters need no row until changed), runs per playbook,
-- customer and occurrence with every step's outcome, the tasks runs give people, and the days the
-- evaluation finished. Unique keys make re-running a day, or two workers at once, write everything once.
CREATE TABLE playbooks (
    key             TEXT PRIMARY KEY,
    enabled         INTEGER NOT NULL,
    control_percent INTEGER NOT NULL,
    definition      TEXT,
    enabled_since   INTEGER,
    updated_at      INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE playbook_runs (
    id              INTEGER PRIMARY KEY,
    playbook        TEXT NOT NULL,
    customer_id     INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    occurrence      TEXT NOT NULL,
    grp             TEXT NOT NULL,
    status          TEXT NOT NULL,
    entered_on      INTEGER NOT NULL,
    entered_at      INTEGER NOT NULL,
    orders_at_entry INTEGER NOT NULL,
    step            INTEGER NOT NULL DEFAULT 0,
    next_at         INTEGER,
    ended_at        INTEGER,
    ended_reason    TEXT,
    UNIQUE (playbook, customer_id, occurrence)
);
CREATE INDEX playbook_runs_due ON playbook_runs (status, next_at) WHERE status = 'active';
CREATE INDEX playbook_runs_customer ON playbook_runs (customer_id, playbook);
CREATE INDEX playbook_runs_entered ON playbook_runs (entered_on);

CREATE TABLE playbook_steps (
    run_id  INTEGER NOT NULL REFERENCES playbook_runs (id) ON DELETE CASCADE,
    step    INTEGER NOT NULL,
    at      INTEGER NOT NULL,
    outcome TEXT NOT NULL,
    reason  TEXT,
    PRIMARY KEY (run_id, step)
) WITHOUT ROWID;

CREATE TABLE tasks (
    id            INTEGER PRIMARY KEY,
    customer_id   INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    run_id        INTEGER REFERENCES playbook_runs (id) ON DELETE SET NULL,
    playbook      TEXT,
    step          INTEGER,
    kind          TEXT NOT NULL,
    reason        TEXT NOT NULL,
    script        TEXT,
    due           INTEGER NOT NULL,
    assignee_user INTEGER REFERENCES users (id) ON DELETE SET NULL,
    assignee_role TEXT,
    value_minor   INTEGER NOT NULL,
    complaint     INTEGER NOT NULL,
    status        TEXT NOT NULL,
    snoozed_until INTEGER,
    outcome       TEXT,
    note          TEXT,
    created_at    INTEGER NOT NULL,
    done_at       INTEGER,
    done_by       TEXT,
    UNIQUE (run_id, step)
);
CREATE INDEX tasks_open ON tasks (status, due);
CREATE INDEX tasks_customer ON tasks (customer_id);

CREATE TABLE playbook_days (
    day          INTEGER PRIMARY KEY,
    evaluated_at INTEGER NOT NULL
);

-- Event playbooks read the interactions of the last days.
CREATE INDEX interactions_by_time ON interactions (at);
