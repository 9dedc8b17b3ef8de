-- 032: let readers run the report views that split percentages.
--
-- ledger.funding_amounts (009), read through report.funding_committed (013), calls
-- ledger.split_percent, a PL/pgSQL function whose body calls ledger.largest_remainder. A
-- reader has no USAGE on schema ledger, so as soon as one project's shares are percentages,
-- every report over funding failed for readers with "permission denied for schema ledger".
-- ledger.allocate has the same shape. Both are pure (no table is read), so running them with
-- the owner's rights reveals nothing; pin their search_path as SECURITY DEFINER requires.

ALTER FUNCTION ledger.split_percent(numeric, numeric[]) SECURITY DEFINER SET search_path = pg_catalog, pg_temp;
ALTER FUNCTION ledger.allocate(numeric, numeric[]) SECURITY DEFINER SET search_path = pg_catalog, pg_temp;
