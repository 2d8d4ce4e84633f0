-- Perks given to a member for a while (by a playbook's step), beside their tier's: each given once per
-- reference (the playbook, run and step), from a day until the first day it no longer holds.
CREATE TABLE club_perk_grants (
    id          INTEGER PRIMARY KEY,
    customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    perk        TEXT NOT NULL,
    from_day    INTEGER NOT NULL,
    until_day   INTEGER NOT NULL,
    reason      TEXT NOT NULL,
    reference   TEXT NOT NULL UNIQUE,
    actor       TEXT NOT NULL,
    at          INTEGER NOT NULL
);
CREATE INDEX club_perk_grants_by_customer ON club_perk_grants (customer_id, until_day);
