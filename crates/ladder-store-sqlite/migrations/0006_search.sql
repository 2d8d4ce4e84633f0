-- Customer search by any part of the name, company, email, phone or id, over a million customers: a
-- trigram index (FTS5) of the same folded text the search compares, kept up to date by triggers. The
-- folding function `ladder_fold` is Ladder's own, registered on every connection Ladder opens.
-- An import pauses the insert trigger (a row in `search_paused`, inside its own transaction) and adds its
-- new customers' rows in one statement before committing: row by row, the index made a million-customer
-- import five times slower.
CREATE TABLE search_paused (id INTEGER PRIMARY KEY);
CREATE VIRTUAL TABLE customer_search USING fts5(text, tokenize = 'trigram', detail = 'none');
INSERT INTO customer_search (rowid, text) SELECT id, ladder_fold(external_id || ' ' || COALESCE(first_name, '') || ' ' || COALESCE(last_name, '') || ' ' || COALESCE(company, '') || ' ' || COALESCE(email, '') || ' ' || COALESCE(phone, '')) FROM customers;
CREATE TRIGGER customer_search_insert AFTER INSERT ON customers WHEN NOT EXISTS (SELECT 1 FROM search_paused) BEGIN
    INSERT INTO customer_search (rowid, text) VALUES (new.id, ladder_fold(new.external_id || ' ' || COALESCE(new.first_name, '') || ' ' || COALESCE(new.last_name, '') || ' ' || COALESCE(new.company, '') || ' ' || COALESCE(new.email, '') || ' ' || COALESCE(new.phone, '')));
END;
CREATE TRIGGER customer_search_update AFTER UPDATE OF external_id, first_name, last_name, company, email, phone ON customers
BEGIN
    DELETE FROM customer_search WHERE rowid = old.id;
    INSERT INTO customer_search (rowid, text) VALUES (new.id, ladder_fold(new.external_id || ' ' || COALESCE(new.first_name, '') || ' ' || COALESCE(new.last_name, '') || ' ' || COALESCE(new.company, '') || ' ' || COALESCE(new.email, '') || ' ' || COALESCE(new.phone, '')));
END;
CREATE TRIGGER customer_search_delete AFTER DELETE ON customers BEGIN
    DELETE FROM customer_search WHERE rowid = old.id;
END;
