-- An event buyer (every counted order marked one-off) is kept apart: no predicted return, and out of
-- the push to a third purchase.
ALTER TABLE customer_scores ADD COLUMN event_buyer INTEGER NOT NULL DEFAULT 0;
