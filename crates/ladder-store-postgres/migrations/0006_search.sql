-- Customer search by any part of the name, company, email, phone or id, over a million customers: a
-- trigram index (pg_trgm) on the folded text the search compares. Where the extension cannot be
-- created (no right to), search still works, by reading every customer.
DO $$
BEGIN
    BEGIN
        CREATE EXTENSION IF NOT EXISTS pg_trgm;
    EXCEPTION WHEN OTHERS THEN
        RAISE NOTICE 'pg_trgm is not available (%); customer search reads every customer', SQLERRM;
    END;
    IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm') THEN
        EXECUTE 'CREATE INDEX customers_search ON customers USING gin (' ||
            'ladder_fold(external_id || '' '' || COALESCE(first_name, '''') || '' '' || COALESCE(last_name, '''') || '' '' || COALESCE(company, '''') || '' '' || COALESCE(email, '''') || '' '' || COALESCE(phone, '''')) gin_trgm_ops)';
    END IF;
END
$$;
