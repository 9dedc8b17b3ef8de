-- propledger: run as admin
-- 020: directory look-ups for the loader.
--
-- A row outside the loader's districts must be rejected with a message naming the district it
-- belongs to (SPEC §5), but row-level security hides that district from the loader. These
-- functions tell only a key's district, nothing else. They run as the admin user who applies
-- migrations (a superuser bypasses row-level security), which is why this file carries the
-- "run as admin" line: the migration runner does not switch to propledger_owner for it.

-- Usage: SELECT * FROM staging.compound_directory() → (compound_code, district_code) of every compound.
CREATE FUNCTION staging.compound_directory()
RETURNS TABLE (compound_code text, district_code text)
LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$ SELECT c.compound_code, c.district_code FROM ledger.compounds AS c $$;

-- Usage: SELECT * FROM staging.project_directory() → (project_code, district_code) of every project.
CREATE FUNCTION staging.project_directory()
RETURNS TABLE (project_code text, district_code text)
LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$ SELECT p.project_code, p.district_code FROM ledger.projects AS p $$;

-- Usage: SELECT * FROM staging.inspection_directory() → (inspection_code, district_code) of every inspection.
CREATE FUNCTION staging.inspection_directory()
RETURNS TABLE (inspection_code text, district_code text)
LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$ SELECT i.inspection_code, i.district_code FROM ledger.inspections AS i $$;

REVOKE ALL ON FUNCTION staging.compound_directory(), staging.project_directory(), staging.inspection_directory() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION staging.compound_directory(), staging.project_directory(), staging.inspection_directory()
  TO propledger_loader, propledger_owner;
