-- The web app's accounts: staff users, their browser sessions and API tokens (hashes only, never the
-- tokens), the audit log, and saved segments. Times are Unix seconds (UTC), as in the SQLite backend.

CREATE TABLE users (
    id            BIGSERIAL PRIMARY KEY,
    email         TEXT NOT NULL UNIQUE, -- lower-cased by the store, so unique in any case
    name          TEXT NOT NULL,
    role          TEXT NOT NULL,
    language      TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    created_at    BIGINT NOT NULL,
    disabled      BOOLEAN NOT NULL DEFAULT FALSE
);

CREATE TABLE web_sessions (
    token_hash TEXT PRIMARY KEY,
    user_id    BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    csrf_token TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX web_sessions_by_user ON web_sessions (user_id);
CREATE INDEX web_sessions_by_expiry ON web_sessions (expires_at);

CREATE TABLE api_tokens (
    id           BIGSERIAL PRIMARY KEY,
    user_id      BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name         TEXT NOT NULL,
    token_hash   TEXT NOT NULL UNIQUE,
    created_at   BIGINT NOT NULL,
    last_used_at BIGINT
);
CREATE INDEX api_tokens_by_user ON api_tokens (user_id, id);

-- Entries outlive their user: the user id becomes NULL, the entry stays.
CREATE TABLE audit_log (
    id      BIGSERIAL PRIMARY KEY,
    at      BIGINT NOT NULL,
    user_id BIGINT REFERENCES users (id) ON DELETE SET NULL,
    action  TEXT NOT NULL,
    target  TEXT NOT NULL,
    detail  TEXT NOT NULL
);
CREATE INDEX audit_log_by_user ON audit_log (user_id);

CREATE TABLE segments (
    id         BIGSERIAL PRIMARY KEY,
    name       TEXT NOT NULL,
    name_key   TEXT NOT NULL UNIQUE, -- the name lower-cased: names are unique in any case
    definition TEXT NOT NULL,
    created_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX segments_by_creator ON segments (created_by);

-- Customer lists compare countries without case; an index on that expression serves the filter (the
-- plain one could not).
DROP INDEX customers_country;
CREATE INDEX customers_country ON customers (upper(country));
-- Lists filtered by lifetime value.
CREATE INDEX customer_scores_clv ON customer_scores (clv_minor) WHERE clv_minor IS NOT NULL;

-- Search folds text as the SQLite backend does (`ladder_store::search::fold`): Unicode lower case, then
-- Arabic yeh, alef maksura, kaf and teh marbuta to their Persian forms, and Arabic harakat (U+064B to
-- U+0652), the tatweel (U+0640) and Hebrew niqqud (U+0591 to U+05C7) removed. Lower case goes through
-- ICU where the server has it, because ICU's is Rust's whatever the database's locale; without ICU the
-- database's own lower case serves.
DO $$
DECLARE
    icu TEXT := CASE WHEN EXISTS (SELECT 1 FROM pg_collation WHERE collname = 'und-x-icu')
                     THEN ' COLLATE "und-x-icu"' ELSE '' END;
    marks TEXT := (SELECT string_agg(chr(c), '' ORDER BY c)
                   FROM (SELECT generate_series(1611, 1618) UNION ALL SELECT 1600
                         UNION ALL SELECT generate_series(1425, 1479)) AS m (c));
    variants TEXT := chr(1610) || chr(1609) || chr(1603) || chr(1577);
    persian TEXT := chr(1740) || chr(1740) || chr(1705) || chr(1607);
BEGIN
    -- translate() maps the variants and deletes the marks, which have no counterpart.
    EXECUTE format(
        'CREATE FUNCTION ladder_fold(t TEXT) RETURNS TEXT LANGUAGE sql IMMUTABLE PARALLEL SAFE AS %L',
        format('SELECT translate(lower(t%s), %L, %L)', icu, variants || marks, persian)
    );
END
$$;
