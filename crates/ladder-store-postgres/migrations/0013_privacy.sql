-- Merged customers' ids, which later files and API calls still use, and the hashed emails and phones
-- of erased people, which keep them out of mailings when an import brings them back.
CREATE TABLE customer_aliases (
    alias       TEXT PRIMARY KEY,
    external_id TEXT NOT NULL
);
CREATE INDEX customer_aliases_by_customer ON customer_aliases (external_id);
CREATE TABLE suppressions (
    hash       TEXT PRIMARY KEY,
    created_at BIGINT NOT NULL
);
