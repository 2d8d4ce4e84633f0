-- What the lifetime-value models expect of each customer, and the fourth order.
ALTER TABLE customer_scores ADD COLUMN fourth_order BIGINT;
ALTER TABLE customer_scores ADD COLUMN p_alive DOUBLE PRECISION;
ALTER TABLE customer_scores ADD COLUMN expected_purchases_90d DOUBLE PRECISION;
ALTER TABLE customer_scores ADD COLUMN expected_purchases_365d DOUBLE PRECISION;
ALTER TABLE customer_scores ADD COLUMN expected_next_order BIGINT;
ALTER TABLE customer_scores ADD COLUMN expected_spend_minor BIGINT;
ALTER TABLE customer_scores ADD COLUMN clv_minor BIGINT;
ALTER TABLE customer_scores ADD COLUMN has_value BOOLEAN NOT NULL DEFAULT FALSE;
