-- The search index holds one form of the phone: its E.164, or the digits as typed when it is not a number
-- of its country's plan. A phone typed in any form is looked for by digits that this one form contains
-- (`ladder_domain::phone::search_digits`), so the other two forms only made the index three times larger.
DROP INDEX IF EXISTS customers_search;
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm') THEN
        EXECUTE 'CREATE INDEX customers_search ON customers USING gin (' ||
            'ladder_fold(external_id || '' '' || COALESCE(first_name, '''') || '' '' || COALESCE(last_name, '''') || '' '' || COALESCE(company, '''') || '' '' || COALESCE(email, '''') || '' '' || COALESCE(phone_e164, phone_national, '''')) gin_trgm_ops)';
    END IF;
END
$$;
