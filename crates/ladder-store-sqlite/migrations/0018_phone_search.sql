-- Search finds a phone in any form: the index text adds the phone's E.164 and national digits.
DROP TRIGGER customer_search_insert;
CREATE TRIGGER customer_search_insert AFTER INSERT ON customers WHEN NOT EXISTS (SELECT 1 FROM search_paused) BEGIN
    INSERT INTO customer_search (rowid, text) VALUES (new.id, ladder_fold(new.external_id || ' ' || COALESCE(new.first_name, '') || ' ' || COALESCE(new.last_name, '') || ' ' || COALESCE(new.company, '') || ' ' || COALESCE(new.email, '') || ' ' || COALESCE(new.phone, '') || ' ' || COALESCE(new.phone_e164, '') || ' ' || COALESCE(new.phone_national, '')));
END;
CREATE TRIGGER customer_search_update AFTER UPDATE OF external_id, first_name, last_name, company, email, phone, phone_e164, phone_national ON customers
BEGIN
    DELETE FROM customer_search WHERE rowid = old.id;
    INSERT INTO customer_search (rowid, text) VALUES (new.id, ladder_fold(new.external_id || ' ' || COALESCE(new.first_name, '') || ' ' || COALESCE(new.last_name, '') || ' ' || COALESCE(new.company, '') || ' ' || COALESCE(new.email, '') || ' ' || COALESCE(new.phone, '') || ' ' || COALESCE(new.phone_e164, '') || ' ' || COALESCE(new.phone_national, '')));
END;
DELETE FROM customer_search;
INSERT INTO customer_search (rowid, text) SELECT id, ladder_fold(external_id || ' ' || COALESCE(first_name, '') || ' ' || COALESCE(last_name, '') || ' ' || COALESCE(company, '') || ' ' || COALESCE(email, '') || ' ' || COALESCE(phone, '') || ' ' || COALESCE(phone_e164, '') || ' ' || COALESCE(phone_national, '')) FROM customers;
