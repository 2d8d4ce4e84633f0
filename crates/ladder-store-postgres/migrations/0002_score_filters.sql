-- Customer lists filter by rung, state and segment; these keep those filters off a full scan.
CREATE INDEX customer_scores_rung ON customer_scores (rung);
CREATE INDEX customer_scores_state ON customer_scores (state);
CREATE INDEX customer_scores_segment ON customer_scores (rfm_segment);
CREATE INDEX customers_country ON customers (country);
