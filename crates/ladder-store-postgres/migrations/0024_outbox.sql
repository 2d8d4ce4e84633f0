-- The outbox: one message per cause, customer and channel, rendered when sent from the template's
-- version, with a Message-ID fixed when enqueued so that a message sent again is the same message.
CREATE TABLE outbox (
    id               BIGSERIAL PRIMARY KEY,
    cause            TEXT NOT NULL,
    customer_id      BIGINT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    channel          TEXT NOT NULL,
    template         TEXT NOT NULL,
    template_version BIGINT NOT NULL,
    language         TEXT NOT NULL,
    purpose          TEXT NOT NULL,
    status           TEXT NOT NULL,
    reason           TEXT,
    not_before       BIGINT,
    lease_until      BIGINT,
    attempts         BIGINT NOT NULL DEFAULT 0,
    message_id       TEXT NOT NULL,
    created_at       BIGINT NOT NULL,
    sent_at          BIGINT,
    UNIQUE (cause, customer_id, channel)
);
CREATE INDEX outbox_due ON outbox (status, not_before);
CREATE INDEX outbox_customer ON outbox (customer_id, id);
