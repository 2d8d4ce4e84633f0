-- A text message's sender is found by the number's E.164 (a reply STOP withdraws their consent).
CREATE INDEX customers_phone_e164 ON customers (phone_e164);
