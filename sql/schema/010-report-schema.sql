-- The report schema, rebuilt whole. It holds only code (views and functions over the ledger, no
-- data), so whenever a file of sql/schema/ changes, `propledger migrate` drops it and runs every
-- file of sql/schema/ again, in name order, in one transaction: each view and function has exactly
-- one definition, in one file, and its history is git's (Flyway's repeatable migrations).

-- Objects of a DBA's own that depend on report views would go with the schema: refuse instead.
DO $$
DECLARE
  outside text;
BEGIN
  IF pg_catalog.to_regnamespace('report') IS NULL THEN
    RETURN;
  END IF;
  SELECT string_agg(DISTINCT v.oid::regclass::text, ', ') INTO outside
  FROM pg_catalog.pg_depend AS d
  JOIN pg_catalog.pg_rewrite AS r ON d.classid = 'pg_catalog.pg_rewrite'::regclass AND d.objid = r.oid
  JOIN pg_catalog.pg_class AS v ON v.oid = r.ev_class
  JOIN pg_catalog.pg_class AS t ON d.refclassid = 'pg_catalog.pg_class'::regclass AND d.refobjid = t.oid
  WHERE t.relnamespace = 'report'::regnamespace AND v.relnamespace <> 'report'::regnamespace;
  IF outside IS NOT NULL THEN
    RAISE EXCEPTION 'migrate rebuilds the report schema, but % outside it depend on its views', outside
      USING ERRCODE = '2BP01', HINT = 'Drop them before migrating, or make them part of sql/schema/.';
  END IF;
END
$$;

DROP SCHEMA IF EXISTS report CASCADE;
CREATE SCHEMA report AUTHORIZATION propledger_owner;
COMMENT ON SCHEMA report IS 'Views and functions the reports read; the only schema readers may touch.';
REVOKE ALL ON SCHEMA report FROM PUBLIC;
GRANT USAGE ON SCHEMA report TO propledger_reader;
-- Every view made here is readable by readers (functions are executable by default).
ALTER DEFAULT PRIVILEGES FOR ROLE propledger_owner IN SCHEMA report GRANT SELECT ON TABLES TO propledger_reader;
