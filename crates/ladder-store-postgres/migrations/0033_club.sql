-- The customer club: its rules, members and their cards, the points ledger (every movement a row; a row
-- adding points is a lot with what is left of it, a row taking points draws from lots, its draws kept
-- with it) and tier moves. Unique keys make an order's earn and its reversal happen once.
CREATE TABLE club_settings (
    id         BIGINT PRIMARY KEY CHECK (id = 1),
    rules      TEXT NOT NULL,
    updated_at BIGINT NOT NULL
);

CREATE TABLE club_members (
    customer_id    BIGINT PRIMARY KEY REFERENCES customers (id) ON DELETE CASCADE,
    card_number    TEXT NOT NULL UNIQUE,
    referral_code  TEXT NOT NULL UNIQUE,
    joined_at      BIGINT NOT NULL,
    earn_from      BIGINT NOT NULL,
    terms_version  TEXT NOT NULL,
    terms_evidence TEXT NOT NULL,
    joined_by      TEXT NOT NULL,
    tier           TEXT,
    tier_since     BIGINT,
    below_since    BIGINT,
    blocked_at     BIGINT
);

CREATE TABLE club_cards (
    number         TEXT PRIMARY KEY,
    customer_id    BIGINT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    issued_at      BIGINT NOT NULL,
    blocked_at     BIGINT,
    blocked_reason TEXT
);
CREATE INDEX club_cards_by_customer ON club_cards (customer_id);

CREATE TABLE club_ledger (
    id           BIGSERIAL PRIMARY KEY,
    customer_id  BIGINT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    kind         TEXT NOT NULL,
    reason       TEXT NOT NULL,
    points       BIGINT NOT NULL,
    remaining    BIGINT NOT NULL,
    at           BIGINT NOT NULL,
    available_on BIGINT,
    expires_on   BIGINT,
    order_id     BIGINT REFERENCES orders (id) ON DELETE SET NULL,
    reference    TEXT,
    actor        TEXT NOT NULL,
    note         TEXT,
    unrecovered  BIGINT NOT NULL DEFAULT 0,
    expired_lot  BIGINT
);
CREATE UNIQUE INDEX club_ledger_once ON club_ledger (order_id, customer_id, kind, reason) WHERE order_id IS NOT NULL;
CREATE UNIQUE INDEX club_ledger_reference ON club_ledger (reference) WHERE reference IS NOT NULL;
CREATE INDEX club_ledger_by_customer ON club_ledger (customer_id, id);
CREATE INDEX club_ledger_open ON club_ledger (expires_on) WHERE remaining > 0;

CREATE TABLE club_draws (
    entry_id BIGINT NOT NULL REFERENCES club_ledger (id) ON DELETE CASCADE,
    lot_id   BIGINT NOT NULL REFERENCES club_ledger (id) ON DELETE CASCADE,
    points   BIGINT NOT NULL,
    PRIMARY KEY (entry_id, lot_id)
);
CREATE INDEX club_draws_by_lot ON club_draws (lot_id);

CREATE TABLE club_tier_moves (
    id          BIGSERIAL PRIMARY KEY,
    customer_id BIGINT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    from_tier   TEXT,
    to_tier     TEXT NOT NULL,
    day         BIGINT NOT NULL,
    at          BIGINT NOT NULL,
    reason      TEXT NOT NULL
);
CREATE INDEX club_tier_moves_by_customer ON club_tier_moves (customer_id, id);
CREATE INDEX club_tier_moves_by_day ON club_tier_moves (day);
