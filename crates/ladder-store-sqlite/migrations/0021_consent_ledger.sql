-- The consent ledger: every grant, withdrawal and confirmation, appended and never changed, with how it
-- was given and on what evidence. `consents` keeps the current answer per channel and purpose (now part of
-- its key) for fast filters; every write that changes it appends to the ledger in the same statement's
-- unit of work. Stored answers enter the ledger with the method and basis their source implies.
CREATE TABLE consents_by_purpose (
    customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    channel     TEXT NOT NULL,
    purpose     TEXT NOT NULL DEFAULT 'marketing',
    granted     INTEGER NOT NULL,
    at          INTEGER,
    source      TEXT,
    method      TEXT,
    basis       TEXT,
    evidence    TEXT,
    PRIMARY KEY (customer_id, channel, purpose)
) WITHOUT ROWID;
INSERT INTO consents_by_purpose (customer_id, channel, purpose, granted, at, source, method, basis)
SELECT customer_id, channel, 'marketing', granted, at, source,
       CASE WHEN source LIKE 'import:%' OR source = 'demo' THEN 'import' WHEN source LIKE 'api:%' THEN 'api'
            WHEN source = 'merge' THEN 'merge' ELSE 'staff' END,
       CASE WHEN NOT granted THEN NULL WHEN source LIKE 'import:%' OR source = 'demo' THEN 'imported'
            ELSE 'consent' END
FROM consents;
DROP TABLE consents;
ALTER TABLE consents_by_purpose RENAME TO consents;

CREATE TABLE consent_events (
    id          INTEGER PRIMARY KEY,
    customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    channel     TEXT NOT NULL,
    purpose     TEXT NOT NULL,
    action      TEXT NOT NULL,
    at          INTEGER NOT NULL,
    method      TEXT NOT NULL,
    basis       TEXT,
    source      TEXT NOT NULL,
    evidence    TEXT
);
CREATE INDEX consent_events_customer ON consent_events (customer_id, id);
INSERT INTO consent_events (customer_id, channel, purpose, action, at, method, basis, source, evidence)
SELECT customer_id, channel, purpose, CASE WHEN granted THEN 'grant' ELSE 'withdraw' END, COALESCE(at, 0), method,
       basis, COALESCE(source, 'unknown'), 'recorded before the ledger'
FROM consents ORDER BY customer_id, channel;
