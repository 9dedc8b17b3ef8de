-- 025: fresh planner statistics for the tables a load has just filled.
--
-- A load runs in one transaction, so autovacuum cannot analyze what it inserts until it commits.
-- The rules checked later in the same load (the next file's references, the cross-file project
-- rules, the deferred constraints at SET CONSTRAINTS ALL IMMEDIATE) were planned with the
-- statistics of the tables *before* the load: after 10M units were inserted into an empty
-- ledger.units, the vote-scope sums of ledger.votes_evaluated did not use units_pkey, and the
-- province-scale `load --dir` spent more than 25 minutes in the project rules (docs/benchmarks.md).
--
-- The loader role may not ANALYZE the owner's tables, so this function does it as their owner,
-- for ledger tables only, only inside a load (the caller holds the load lock), and only when the load changed more rows than autovacuum's own default
-- threshold would wait for (50 rows + 10% of the rows the statistics knew of). ANALYZE inside the
-- load's transaction is rolled back with it, like everything else the load did.

-- Usage: SELECT staging.analyze_if_grown('units', 1000000); → true when it analyzed ledger.units.
CREATE FUNCTION staging.analyze_if_grown(p_table text, p_changed bigint) RETURNS boolean
LANGUAGE plpgsql VOLATILE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  known real;
BEGIN
  IF NOT staging.holds_load_lock() THEN
    RAISE EXCEPTION 'analyze_if_grown runs only inside a load (the session must hold the load lock)'
      USING ERRCODE = '42501', HINT = 'LOCK TABLE staging.load_lock IN EXCLUSIVE MODE first, as propledger load does.';
  END IF;
  SELECT c.reltuples INTO known
  FROM pg_catalog.pg_class AS c JOIN pg_catalog.pg_namespace AS n ON n.oid = c.relnamespace
  WHERE n.nspname = 'ledger' AND c.relname = p_table AND c.relkind IN ('r', 'p');
  IF NOT FOUND THEN
    RAISE EXCEPTION 'analyze_if_grown: % is not a table of the ledger schema', p_table
      USING ERRCODE = 'undefined_table', HINT = 'Give the name of a ledger table without the schema, e.g. units.';
  END IF;
  -- reltuples is -1 for a table never analyzed or vacuumed: then any change counts.
  IF coalesce(p_changed, 0) <= 50 + 0.1 * greatest(known, 0) THEN
    RETURN false;
  END IF;
  EXECUTE format('ANALYZE ledger.%I', p_table);
  RETURN true;
END
$$;
COMMENT ON FUNCTION staging.analyze_if_grown(text, bigint) IS
  'ANALYZE one ledger table when a load changed more than 50 rows + 10% of it (autovacuum''s default threshold), inside the load''s transaction.';

REVOKE ALL ON FUNCTION staging.analyze_if_grown(text, bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION staging.analyze_if_grown(text, bigint) TO propledger_loader;
