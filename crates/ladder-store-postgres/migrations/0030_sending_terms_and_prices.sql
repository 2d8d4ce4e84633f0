-- How the shop meets Israel's existing-customer exception (required to turn it on), and what one part of
-- a text message costs through the shop's gateway (minor units of the shop's currency; none unknown).
ALTER TABLE shop_settings ADD COLUMN send_israel_terms TEXT NOT NULL DEFAULT '';
ALTER TABLE shop_settings ADD COLUMN send_sms_part_price_minor BIGINT;
