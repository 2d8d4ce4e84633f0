-- The daily digest of open tasks mailed to each user: one row per user and day, written once the mail
-- went, so that a digest job run again mails nobody twice.
CREATE TABLE task_digests (
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    day     INTEGER NOT NULL,
    sent_at INTEGER NOT NULL,
    tasks   INTEGER NOT NULL,
    PRIMARY KEY (user_id, day)
);
