-- The consent ledger: every grant, withdrawal and confirmation, appended and never changed, with how it
-- was given and on what evidence. `consents` keeps the current answer per channel and purpose (now part of
-- its key) for fast filters; every write that changes it appends to the ledger in the same unit of work.
-- Stored answers enter the ledger with the method and basis their source implies.
ALTER TABLE consents ADD COLUMN purpose TEXT NOT NULL DEFAULT 'marketing';
ALTER TABLE consents ADD COLUMN method TEXT;
ALTER TABLE consents ADD COLUMN basis TEXT;
ALTER TABLE consents ADD COLUMN evidence TEXT;
ALTER TABLE consents DROP CONSTRAINT consents_pkey;
ALTER TABLE consents ADD CONSTRAINT consents_pkey PRIMARY KEY (customer_id, channel, purpose);
UPDATE consents SET
    method = CASE WHEN source LIKE 'import:%' OR source = 'demo' THEN 'import' WHEN source LIKE 'api:%' THEN 'api'
                  WHEN source = 'merge' THEN 'merge' ELSE 'staff' END,
    basis = CASE WHEN NOT granted THEN NULL WHEN source LIKE 'import:%' OR source = 'demo' THEN 'imported'
                 ELSE 'consent' END;

CREATE TABLE consent_events (
    id          BIGSERIAL PRIMARY KEY,
    customer_id BIGINT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    channel     TEXT NOT NULL,
    purpose     TEXT NOT NULL,
    action      TEXT NOT NULL,
    at          BIGINT NOT NULL,
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
