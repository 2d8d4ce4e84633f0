-- What the lifetime-value models expect of each customer, and the fourth order (the third-purchase
-- report compares 3rd → 4th with 2nd → 3rd).
ALTER TABLE customer_scores ADD COLUMN fourth_order INTEGER;
ALTER TABLE customer_scores ADD COLUMN p_alive REAL;
ALTER TABLE customer_scores ADD COLUMN expected_purchases_90d REAL;
ALTER TABLE customer_scores ADD COLUMN expected_purchases_365d REAL;
ALTER TABLE customer_scores ADD COLUMN expected_next_order INTEGER;
ALTER TABLE customer_scores ADD COLUMN expected_spend_minor INTEGER;
ALTER TABLE customer_scores ADD COLUMN clv_minor INTEGER;
ALTER TABLE customer_scores ADD COLUMN has_value INTEGER NOT NULL DEFAULT 0;
