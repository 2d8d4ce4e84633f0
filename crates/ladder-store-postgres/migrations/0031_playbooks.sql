-- Playbooks: the shop's settings of each (the starters need no row until changed), runs per playbook,
-- customer and occurrence with every step's outcome, the tasks runs give people, and the days the
-- evaluation finished. Unique keys make re-running a day, or two workers at once, write everything once.
CREATE TABLE playbooks (
    key             TEXT PRIMARY KEY,
    enabled         BOOLEAN NOT NULL,
    control_percent BIGINT NOT NULL,
    definition      TEXT,
    enabled_since   BIGINT,
    updated_at      BIGINT NOT NULL
);

CREATE TABLE playbook_runs (
    id              BIGSERIAL PRIMARY KEY,
    playbook        TEXT NOT NULL,
    customer_id     BIGINT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    occurrence      TEXT NOT NULL,
    grp             TEXT NOT NULL,
    status          TEXT NOT NULL,
    entered_on      BIGINT NOT NULL,
    entered_at      BIGINT NOT NULL,
    orders_at_entry BIGINT NOT NULL,
    step            BIGINT NOT NULL DEFAULT 0,
    next_at         BIGINT,
    ended_at        BIGINT,
    ended_reason    TEXT,
    UNIQUE (playbook, customer_id, occurrence)
);
CREATE INDEX playbook_runs_due ON playbook_runs (status, next_at) WHERE status = 'active';
CREATE INDEX playbook_runs_customer ON playbook_runs (customer_id, playbook);
CREATE INDEX playbook_runs_entered ON playbook_runs (entered_on);

CREATE TABLE playbook_steps (
    run_id  BIGINT NOT NULL REFERENCES playbook_runs (id) ON DELETE CASCADE,
    step    BIGINT NOT NULL,
    at      BIGINT NOT NULL,
    outcome TEXT NOT NULL,
    reason  TEXT,
    PRIMARY KEY (run_id, step)
);

CREATE TABLE tasks (
    id            BIGSERIAL PRIMARY KEY,
    customer_id   BIGINT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    run_id        BIGINT REFERENCES playbook_runs (id) ON DELETE SET NULL,
    playbook      TEXT,
    step          BIGINT,
    kind          TEXT NOT NULL,
    reason        TEXT NOT NULL,
    script        TEXT,
    due           BIGINT NOT NULL,
    assignee_user BIGINT REFERENCES users (id) ON DELETE SET NULL,
    assignee_role TEXT,
    value_minor   BIGINT NOT NULL,
    complaint     BOOLEAN NOT NULL,
    status        TEXT NOT NULL,
    snoozed_until BIGINT,
    outcome       TEXT,
    note          TEXT,
    created_at    BIGINT NOT NULL,
    done_at       BIGINT,
    done_by       TEXT,
    UNIQUE (run_id, step)
);
CREATE INDEX tasks_open ON tasks (status, due);
CREATE INDEX tasks_customer ON tasks (customer_id);

CREATE TABLE playbook_days (
    day          BIGINT PRIMARY KEY,
    evaluated_at BIGINT NOT NULL
);

-- Event playbooks read the interactions of the last days.
CREATE INDEX interactions_by_time ON interactions (at);
