-- Search folds the Russian ё to е: the search index is written again with the fold that does.
DELETE FROM customer_search;
INSERT INTO customer_search (rowid, text) SELECT id, ladder_fold(external_id || ' ' || COALESCE(first_name, '') || ' ' || COALESCE(last_name, '') || ' ' || COALESCE(company, '') || ' ' || COALESCE(email, '') || ' ' || COALESCE(phone, '')) FROM customers;
