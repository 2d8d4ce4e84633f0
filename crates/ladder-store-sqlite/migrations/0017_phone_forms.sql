-- Phones in their normal forms beside the number as typed: E.164, the form a gateway sends to and
-- duplicates are found by, and the national digits people type when they search. Ladder fills both for the
-- stored customers in Rust right after this migration (the numbering plans are not SQL); the search
-- trigger is recreated over them in the next one.
ALTER TABLE customers ADD COLUMN phone_e164 TEXT;
ALTER TABLE customers ADD COLUMN phone_national TEXT;
DROP TRIGGER customer_search_update;
