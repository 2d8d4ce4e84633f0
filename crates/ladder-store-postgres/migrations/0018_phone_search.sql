-- Search finds a phone in any form: the trigram index covers the phone's E.164 and national digits too.
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm') THEN
        EXECUTE 'CREATE INDEX customers_search ON customers USING gin (' ||
            'ladder_fold(external_id || '' '' || COALESCE(first_name, '''') || '' '' || COALESCE(last_name, '''') || '' '' || COALESCE(company, '''') || '' '' || COALESCE(email, '''') || '' '' || COALESCE(phone, '''') || '' '' || COALESCE(phone_e164, '''') || '' '' || COALESCE(phone_national, '''')) gin_trgm_ops)';
    END IF;
END
$$;
