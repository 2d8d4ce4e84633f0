-- The search index holds one form of the phone: its E.164, or the digits as typed when it is not a number
-- of its country's plan. A phone typed in any form is looked for by digits that this one form contains
-- (`ladder_domain::phone::search_digits`), so the other two forms only made the index three times larger.
DROP TRIGGER customer_search_insert;
DROP TRIGGER customer_search_update;
CREATE TRIGGER customer_search_insert AFTER INSERT ON customers WHEN NOT EXISTS (SELECT 1 FROM search_paused) BEGIN
    INSERT INTO customer_search (rowid, text) VALUES (new.id, ladder_fold(new.external_id || ' ' || COALESCE(new.first_name, '') || ' ' || COALESCE(new.last_name, '') || ' ' || COALESCE(new.company, '') || ' ' || COALESCE(new.email, '') || ' ' || COALESCE(new.phone_e164, new.phone_national, '')));
END;
CREATE TRIGGER customer_search_update AFTER UPDATE OF external_id, first_name, last_name, company, email, phone_e164, phone_national ON customers
BEGIN
    DELETE FROM customer_search WHERE rowid = old.id;
    INSERT INTO customer_search (rowid, text) VALUES (new.id, ladder_fold(new.external_id || ' ' || COALESCE(new.first_name, '') || ' ' || COALESCE(new.last_name, '') || ' ' || COALESCE(new.company, '') || ' ' || COALESCE(new.email, '') || ' ' || COALESCE(new.phone_e164, new.phone_national, '')));
END;
DELETE FROM customer_search;
INSERT INTO customer_search (rowid, text) SELECT id, ladder_fold(external_id || ' ' || COALESCE(first_name, '') || ' ' || COALESCE(last_name, '') || ' ' || COALESCE(company, '') || ' ' || COALESCE(email, '') || ' ' || COALESCE(phone_e164, phone_national, '')) FROM customers;
