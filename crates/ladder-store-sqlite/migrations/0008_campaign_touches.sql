-- Interactions may carry a campaign code (a sign-up through a coupon page, a click on a tracked link), so
-- that campaigns count them as responses and a coded sign-up as an acquisition.
ALTER TABLE interactions ADD COLUMN campaign_code TEXT;

-- Codes are compared as Ladder normalizes them (`ladder_code`: trimmed, lower-cased in every script;
-- SQLite's own lower() folds ASCII only). Only rows with a code are indexed.
DROP INDEX orders_by_code;
CREATE INDEX orders_by_code ON orders (ladder_code(campaign_code)) WHERE campaign_code IS NOT NULL;
CREATE INDEX interactions_by_code ON interactions (ladder_code(campaign_code)) WHERE campaign_code IS NOT NULL;
