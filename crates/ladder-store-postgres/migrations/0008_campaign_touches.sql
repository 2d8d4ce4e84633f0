-- Interactions may carry a campaign code (a sign-up through a coupon page, a click on a tracked link), so
-- that campaigns count them as responses and a coded sign-up as an acquisition. Codes are compared trimmed
-- and lower-cased, the same expression as orders_by_code.
ALTER TABLE interactions ADD COLUMN campaign_code TEXT;
CREATE INDEX interactions_by_code ON interactions (lower(trim(campaign_code))) WHERE campaign_code IS NOT NULL;
