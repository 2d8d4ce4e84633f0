-- Addresses that get nothing, whatever their consent says (a hard bounce, a spam complaint, an invalid
-- number, the shop's block), by the hash of the address's one form: the list gives no address back.
CREATE TABLE deliverability_suppressions (
    channel TEXT NOT NULL,
    address_key TEXT NOT NULL,
    hint    TEXT NOT NULL,
    reason  TEXT NOT NULL,
    at      BIGINT NOT NULL,
    source  TEXT NOT NULL,
    detail  TEXT,
    PRIMARY KEY (channel, address_key)
);
CREATE INDEX deliverability_suppressions_at ON deliverability_suppressions (at);
