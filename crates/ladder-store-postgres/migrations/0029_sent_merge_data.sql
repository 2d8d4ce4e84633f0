-- What a sent message was rendered with (its merge data, as JSON): with the template's version it
-- names, the message can be shown again exactly as it went. Cleared when the customer is erased.
ALTER TABLE outbox ADD COLUMN merged TEXT;
