-- Search folds the Russian ё to е, as ladder_store::search::fold does: the function again, with ё among
-- the variants, and the trigram index rebuilt over it.
DO $$
DECLARE
    icu TEXT := CASE WHEN EXISTS (SELECT 1 FROM pg_collation WHERE collname = 'und-x-icu')
                     THEN ' COLLATE "und-x-icu"' ELSE '' END;
    marks TEXT := (SELECT string_agg(chr(c), '' ORDER BY c)
                   FROM (SELECT generate_series(1611, 1618) UNION ALL SELECT 1600
                         UNION ALL SELECT generate_series(1425, 1479)) AS m (c));
    variants TEXT := chr(1610) || chr(1609) || chr(1603) || chr(1577) || chr(1105);
    folded TEXT := chr(1740) || chr(1740) || chr(1705) || chr(1607) || chr(1077);
BEGIN
    EXECUTE format(
        'CREATE OR REPLACE FUNCTION ladder_fold(t TEXT) RETURNS TEXT LANGUAGE sql IMMUTABLE PARALLEL SAFE AS %L',
        format('SELECT translate(lower(t%s), %L, %L)', icu, variants || marks, folded)
    );
    IF EXISTS (SELECT 1 FROM pg_class WHERE relname = 'customers_search' AND relkind = 'i') THEN
        EXECUTE 'REINDEX INDEX customers_search';
    END IF;
END
$$;
