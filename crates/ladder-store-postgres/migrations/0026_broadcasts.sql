-- Broadcasts: one template to an audience, enqueued by a job; what became of each message is the
-- outbox's (its cause is `broadcast:ID`).
CREATE TABLE broadcasts (
    id            BIGSERIAL PRIMARY KEY,
    name          TEXT NOT NULL,
    template      TEXT NOT NULL,
    channel       TEXT NOT NULL,
    audience      TEXT NOT NULL,
    campaign_code TEXT,
    send_at       BIGINT,
    status        TEXT NOT NULL,
    created_by    TEXT NOT NULL,
    created_at    BIGINT NOT NULL,
    enqueued_at   BIGINT,
    enqueued      BIGINT NOT NULL DEFAULT 0
);
-- Secrets Ladder makes for itself (the key that signs unsubscribe and preference links): made once and
-- kept here, so that every worker and web instance signs and checks alike.
CREATE TABLE signing_keys (
    name       TEXT PRIMARY KEY,
    secret     TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
-- The contact log the caps count: messages sent, by customer and time.
CREATE INDEX outbox_sent ON outbox (customer_id, sent_at) WHERE status = 'sent';
