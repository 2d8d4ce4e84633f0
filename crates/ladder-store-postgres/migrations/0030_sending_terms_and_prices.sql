-- How the shop meets Israel's existing-customer exception (required to turn it on), whether emails' web
-- addresses go through click-counting redirect links (off by default), and what one part of a text
-- message costs through the shop's gateway (minor units of the shop's currency; none: unknown).
ALTER TABLE shop_settings ADD COLUMN send_israel_terms TEXT NOT NULL DEFAULT '';
ALTER TABLE shop_settings ADD COLUMN send_track_clicks BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE shop_settings ADD COLUMN send_sms_part_price_minor BIGINT;

-- Whether a broadcast's messages that the caps would skip wait until the caps free instead.
ALTER TABLE broadcasts ADD COLUMN defer_capped BOOLEAN NOT NULL DEFAULT FALSE;

-- A click on a tracked link of a sent message: which message, which of its addresses (counted from 0),
-- when. Nothing else — no address, no browser.
CREATE TABLE message_clicks (
    id        BIGSERIAL PRIMARY KEY,
    outbox_id BIGINT NOT NULL REFERENCES outbox (id) ON DELETE CASCADE,
    link      BIGINT NOT NULL,
    at        BIGINT NOT NULL
);
CREATE INDEX message_clicks_by_message ON message_clicks (outbox_id);
