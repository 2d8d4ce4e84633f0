-- Ladder's first schema, in PostgreSQL. As in the SQLite backend: timestamps are Unix seconds (UTC),
-- dates of scores are UTC day numbers, money is integer minor units.

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE customers (
    id                 BIGSERIAL PRIMARY KEY,
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
    created_at         BIGINT,
    attributes         TEXT
);
CREATE INDEX customers_referred_by ON customers (referred_by) WHERE referred_by IS NOT NULL;

CREATE TABLE customer_tags (
    customer_id BIGINT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    tag         TEXT NOT NULL,
    PRIMARY KEY (customer_id, tag)
);
CREATE INDEX customer_tags_tag ON customer_tags (tag);

CREATE TABLE consents (
    customer_id BIGINT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    channel     TEXT NOT NULL,
    granted     BOOLEAN NOT NULL,
    at          BIGINT,
    source      TEXT,
    PRIMARY KEY (customer_id, channel)
);

CREATE TABLE products (
    id          BIGSERIAL PRIMARY KEY,
    sku         TEXT NOT NULL UNIQUE,
    name        TEXT,
    category    TEXT,
    price_minor BIGINT,
    currency    TEXT
);

CREATE TABLE orders (
    id            BIGSERIAL PRIMARY KEY,
    external_id   TEXT NOT NULL UNIQUE,
    customer_id   BIGINT NOT NULL REFERENCES customers (id),
    ordered_at    BIGINT NOT NULL,
    currency      TEXT NOT NULL,
    campaign_code TEXT,
    one_off       BOOLEAN NOT NULL,
    status        TEXT NOT NULL,
    total_minor   BIGINT NOT NULL
);
CREATE INDEX orders_by_customer ON orders (customer_id, ordered_at) INCLUDE (status, total_minor, currency);

CREATE TABLE order_lines (
    order_id         BIGINT NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    product_id       BIGINT NOT NULL REFERENCES products (id),
    quantity         BIGINT NOT NULL,
    unit_price_minor BIGINT NOT NULL,
    PRIMARY KEY (order_id, product_id)
);

CREATE TABLE interactions (
    id          BIGSERIAL PRIMARY KEY,
    customer_id BIGINT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    at          BIGINT NOT NULL,
    kind        TEXT NOT NULL,
    note        TEXT NOT NULL DEFAULT '',
    UNIQUE (customer_id, at, kind, note)
);

CREATE TABLE customer_scores (
    customer_id     BIGINT PRIMARY KEY REFERENCES customers (id) ON DELETE CASCADE,
    as_of           BIGINT NOT NULL,
    rung            TEXT NOT NULL,
    rung_reason     TEXT NOT NULL,
    state           TEXT,
    state_reason    TEXT,
    lifecycle_stage TEXT NOT NULL,
    recency_days    BIGINT,
    orders          BIGINT NOT NULL,
    first_order     BIGINT,
    second_order    BIGINT,
    third_order     BIGINT,
    last_order      BIGINT,
    spend_minor     BIGINT NOT NULL,
    rfm_r           SMALLINT,
    rfm_f           SMALLINT,
    rfm_m           SMALLINT,
    rfm_segment     TEXT
);

CREATE TABLE ladder_history (
    id          BIGSERIAL PRIMARY KEY,
    customer_id BIGINT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    kind        TEXT NOT NULL,
    from_value  TEXT,
    to_value    TEXT,
    at          BIGINT NOT NULL,
    reason      TEXT NOT NULL
);
CREATE INDEX ladder_history_by_customer ON ladder_history (customer_id, id);
