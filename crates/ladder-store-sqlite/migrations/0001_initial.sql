-- Ladder's first schema. Timestamps are Unix seconds (UTC); dates of scores are UTC day numbers
-- (days since 1970-01-01); money is integer minor units.

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE customers (
    id                 INTEGER PRIMARY KEY,
    external_id        TEXT NOT NULL UNIQUE,
    kind               TEXT,
    first_name         TEXT,
    last_name          TEXT,
    company            TEXT,
    industry           TEXT,
    email              TEXT,
    phone              TEXT,
    address            TEXT,
    city               TEXT,
    region             TEXT,
    country            TEXT,
    birthday           TEXT,
    profession         TEXT,
    income_band        TEXT,
    preferred_language TEXT,
    preferred_channel  TEXT,
    referred_by        TEXT,
    created_at         INTEGER,
    attributes         TEXT
);
CREATE INDEX customers_referred_by ON customers (referred_by) WHERE referred_by IS NOT NULL;

CREATE TABLE customer_tags (
    customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    tag         TEXT NOT NULL,
    PRIMARY KEY (customer_id, tag)
) WITHOUT ROWID;
CREATE INDEX customer_tags_tag ON customer_tags (tag);

CREATE TABLE consents (
    customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    channel     TEXT NOT NULL,
    granted     INTEGER NOT NULL,
    at          INTEGER,
    source      TEXT,
    PRIMARY KEY (customer_id, channel)
) WITHOUT ROWID;

CREATE TABLE products (
    id          INTEGER PRIMARY KEY,
    sku         TEXT NOT NULL UNIQUE,
    name        TEXT,
    category    TEXT,
    price_minor INTEGER,
    currency    TEXT
);

CREATE TABLE orders (
    id            INTEGER PRIMARY KEY,
    external_id   TEXT NOT NULL UNIQUE,
    customer_id   INTEGER NOT NULL REFERENCES customers (id),
    ordered_at    INTEGER NOT NULL,
    currency      TEXT NOT NULL,
    campaign_code TEXT,
    one_off       INTEGER NOT NULL,
    status        TEXT NOT NULL,
    total_minor   INTEGER NOT NULL
);
-- Covers the per-customer aggregation of scoring, so that it never reads the table itself.
CREATE INDEX orders_by_customer ON orders (customer_id, ordered_at, status, total_minor, currency);

CREATE TABLE order_lines (
    order_id         INTEGER NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    product_id       INTEGER NOT NULL REFERENCES products (id),
    quantity         INTEGER NOT NULL,
    unit_price_minor INTEGER NOT NULL,
    PRIMARY KEY (order_id, product_id)
) WITHOUT ROWID;

CREATE TABLE interactions (
    id          INTEGER PRIMARY KEY,
    customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    at          INTEGER NOT NULL,
    kind        TEXT NOT NULL,
    note        TEXT NOT NULL DEFAULT '',
    UNIQUE (customer_id, at, kind, note)
);

CREATE TABLE customer_scores (
    customer_id     INTEGER PRIMARY KEY REFERENCES customers (id) ON DELETE CASCADE,
    as_of           INTEGER NOT NULL,
    rung            TEXT NOT NULL,
    rung_reason     TEXT NOT NULL,
    state           TEXT,
    state_reason    TEXT,
    lifecycle_stage TEXT NOT NULL,
    recency_days    INTEGER,
    orders          INTEGER NOT NULL,
    first_order     INTEGER,
    second_order    INTEGER,
    third_order     INTEGER,
    last_order      INTEGER,
    spend_minor     INTEGER NOT NULL,
    rfm_r           INTEGER,
    rfm_f           INTEGER,
    rfm_m           INTEGER,
    rfm_segment     TEXT
);

CREATE TABLE ladder_history (
    id          INTEGER PRIMARY KEY,
    customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    kind        TEXT NOT NULL,
    from_value  TEXT,
    to_value    TEXT,
    at          INTEGER NOT NULL,
    reason      TEXT NOT NULL
);
CREATE INDEX ladder_history_by_customer ON ladder_history (customer_id, id);
