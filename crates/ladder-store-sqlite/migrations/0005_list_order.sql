-- Customer lists filter by rung and state together and show a rung by last order: these indexes hand the
-- rows over in order, so a page of 50 reads 50 rows instead of sorting every match.
CREATE INDEX customer_scores_rung_state ON customer_scores (rung, state);
CREATE INDEX customer_scores_rung_last_order ON customer_scores (rung, last_order);
-- The dashboard counts the moves on the ladder since a date.
CREATE INDEX ladder_history_by_time ON ladder_history (kind, at);
