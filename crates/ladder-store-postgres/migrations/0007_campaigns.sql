-- Campaigns, the codes that attribute orders to them, and what they cost. Their actuals are computed from
-- orders and costs, never stored. Codes are stored trimmed and lower-cased, as they are compared.
CREATE TABLE campaigns (
    id                     TEXT PRIMARY KEY,
    name                   TEXT NOT NULL,
    kind                   TEXT NOT NULL,
    channel                TEXT,
    status                 TEXT NOT NULL,
    starts                 BIGINT NOT NULL,
    ends                   BIGINT,
    window_days            BIGINT NOT NULL,
    target_segment         TEXT,
    target_size            BIGINT,
    notes                  TEXT,
    budget_minor           BIGINT,
    expected_revenue_minor BIGINT,
    expected_responses     BIGINT,
    expected_sales         BIGINT
);

CREATE TABLE campaign_codes (
    campaign_id TEXT NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
    code        TEXT NOT NULL,
    PRIMARY KEY (campaign_id, code)
);
-- Which campaigns an order's code belongs to.
CREATE INDEX campaign_codes_by_code ON campaign_codes (code);

CREATE TABLE campaign_costs (
    id           BIGSERIAL PRIMARY KEY,
    campaign_id  TEXT NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
    spent_on     BIGINT NOT NULL,
    amount_minor BIGINT NOT NULL,
    note         TEXT
);
CREATE INDEX campaign_costs_by_campaign ON campaign_costs (campaign_id, spent_on);

-- Finds the orders carrying a campaign's codes without reading every order; queries must compare the
-- same expression.
CREATE INDEX orders_by_code ON orders (lower(trim(campaign_code)));
