-- The shop's sending rules (docs/MESSAGING.md), each a typed column with the defaults Ladder applied
-- before they could be set.
ALTER TABLE shop_settings ADD COLUMN send_email_window_hours BIGINT NOT NULL DEFAULT 16;
ALTER TABLE shop_settings ADD COLUMN send_sms_window_hours BIGINT NOT NULL DEFAULT 24;
ALTER TABLE shop_settings ADD COLUMN send_marketing_per_period BIGINT NOT NULL DEFAULT 3;
ALTER TABLE shop_settings ADD COLUMN send_marketing_period_days BIGINT NOT NULL DEFAULT 7;
ALTER TABLE shop_settings ADD COLUMN send_quiet_from TEXT NOT NULL DEFAULT '21:00';
ALTER TABLE shop_settings ADD COLUMN send_quiet_to TEXT NOT NULL DEFAULT '09:00';
ALTER TABLE shop_settings ADD COLUMN send_quiet_email INTEGER NOT NULL DEFAULT 0;
ALTER TABLE shop_settings ADD COLUMN send_closed_days TEXT NOT NULL DEFAULT '';
ALTER TABLE shop_settings ADD COLUMN send_days_after_purchase BIGINT NOT NULL DEFAULT 7;
ALTER TABLE shop_settings ADD COLUMN send_israel_existing_customers INTEGER NOT NULL DEFAULT 0;
