-- Perks given to a member for a while (by a playbook's step), beside their tier's: each given once per
-- reference (the playbook, run and step), from a day until the first day it no longer holds.
CREATE TABLE club_perk_grants (
    id          BIGSERIAL PRIMARY KEY,
    customer_id BIGINT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    perk        TEXT NOT NULL,
    from_day    BIGINT NOT NULL,
    until_day   BIGINT NOT NULL,
    reason      TEXT NOT NULL,
    reference   TEXT NOT NULL UNIQUE,
    actor       TEXT NOT NULL,
    at          BIGINT NOT NULL
);
CREATE INDEX club_perk_grants_by_customer ON club_perk_grants (customer_id, until_day);
