-- The history of one ledger row for a clerk (SPEC §5, issue 16): who changed it, when, in which load
-- (file, sha256), from what to what. Read from audit.row_events (011): the change records and the
-- inserts the rows record by their batch; a reader sees only rows of its districts.

-- Usage: SELECT * FROM report.row_history('units', ARRAY['GS011', '1', '101']);
-- SECURITY DEFINER: it reads audit.changes and audit.load_batches, which readers cannot; audit.row_events
-- keeps to the districts of the session's role. report.history_report below is the report's entry point.
-- p_key: the values of the table's key columns in their order (the primary key, or funding's
-- project_code, source, payer; an empty value for a blank payer). One row per insert or delete, one per
-- changed column of an update; nothing for a row outside the caller's districts or never seen.
CREATE FUNCTION report.row_history(p_table text, p_key text[])
RETURNS TABLE (changed_at timestamptz, operation text, db_user text, batch_id bigint, file_name text, sha256 text,
               column_name text, old_value text, new_value text)
LANGUAGE plpgsql STABLE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  rel regclass := CASE WHEN p_table ~ '^[a-z_]+$' THEN to_regclass(format('ledger.%I', p_table)) END;
  key_columns text[];
  build text;
  key jsonb;
BEGIN
  IF rel IS NULL THEN
    RAISE EXCEPTION 'no ledger table %', p_table USING ERRCODE = '22023',
      HINT = 'Name a load kind, e.g. compounds, units, projects or funding.';
  END IF;
  -- The key as 011's audit triggers write it: the primary key, or a UNIQUE NULLS NOT DISTINCT index.
  SELECT ARRAY(SELECT a.attname::text FROM unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, n)
               JOIN pg_catalog.pg_attribute AS a ON a.attrelid = i.indrelid AND a.attnum = k.attnum ORDER BY k.n)
    INTO key_columns
    FROM pg_catalog.pg_index AS i
   WHERE i.indrelid = rel AND (i.indisprimary OR (i.indisunique AND i.indnullsnotdistinct))
   ORDER BY i.indisprimary DESC, i.indexrelid LIMIT 1;
  IF coalesce(cardinality(p_key), 0) <> cardinality(key_columns) THEN
    RAISE EXCEPTION 'the key of % is %: give % value(s), got %', p_table, array_to_string(key_columns, ', '),
      cardinality(key_columns), coalesce(cardinality(p_key), 0)
      USING ERRCODE = '22023', HINT = 'propledger report history ' || p_table || ' ' || upper(array_to_string(key_columns, ' '));
  END IF;
  -- Each value cast to its column's type, so the key compares equal to the one the trigger recorded.
  SELECT 'SELECT jsonb_build_object(' || string_agg(format('%L, nullif($1[%s], '''')::%s', c.name, c.n,
           (SELECT format_type(a.atttypid, a.atttypmod) FROM pg_catalog.pg_attribute AS a WHERE a.attrelid = rel AND a.attname = c.name)),
           ', ' ORDER BY c.n) || ')'
    INTO build FROM unnest(key_columns) WITH ORDINALITY AS c(name, n);
  BEGIN
    EXECUTE build INTO key USING p_key;
  EXCEPTION WHEN data_exception THEN
    RAISE EXCEPTION 'the key % does not fit the columns %', array_to_string(p_key, ' '), array_to_string(key_columns, ', ')
      USING ERRCODE = '22023';
  END;
  RETURN QUERY
  SELECT e.at, e.operation, e.db_user, e.load_batch_id, b.file_name, b.sha256, d.name, d.old_value, d.new_value
  FROM audit.row_events(p_table, key) AS e
  LEFT JOIN audit.load_batches AS b ON b.id = e.load_batch_id
  LEFT JOIN LATERAL (
    SELECT f.name, e.old_row ->> f.name AS old_value, e.new_row ->> f.name AS new_value
    FROM (SELECT jsonb_object_keys(e.new_row) AS name) AS f
    WHERE e.operation = 'UPDATE' AND e.old_row IS NOT NULL AND e.new_row IS NOT NULL AND f.name <> 'insert_batch_id'
      AND e.old_row -> f.name IS DISTINCT FROM e.new_row -> f.name
  ) AS d ON e.operation = 'UPDATE' AND e.old_row IS NOT NULL AND e.new_row IS NOT NULL
  ORDER BY e.seq, d.name;
END
$$;
COMMENT ON FUNCTION report.row_history(text, text[]) IS 'The changes of one ledger row with their loads (file, sha256); the caller''s districts only.';
REVOKE ALL ON FUNCTION report.row_history(text, text[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION report.row_history(text, text[]) TO propledger_reader, propledger_loader;

-- Usage: SELECT * FROM report.history_report('compounds', ARRAY['GS011']);
CREATE FUNCTION report.history_report(p_table text, p_key text[])
RETURNS TABLE (changed_at timestamptz, operation text, db_user text, batch_id bigint, file_name text, sha256 text,
               column_name text, old_value text, new_value text)
LANGUAGE sql STABLE
SET jit = off
BEGIN ATOMIC
  SELECT * FROM report.row_history(p_table, p_key);
END;
COMMENT ON FUNCTION report.history_report(text, text[]) IS 'report history TABLE KEY…: who changed a ledger row, when, in which load (file, sha256), from what to what; the caller''s districts only.';
