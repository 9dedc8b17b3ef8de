-- 032: corrections (SPEC §8): `propledger load KIND FILE --delete` removes the rows whose keys a file lists,
-- in one transaction. Deletes are audited by the audit triggers of 011 (old values, who, when, the batch);
-- row-level security (012) lets a loader delete only its districts' rows (FOR ALL and FOR DELETE policies).

-- DELETE on every table a load writes: the same tables as INSERT and UPDATE in 012 (those with a
-- district_code column but staff_scope), read from the catalogue.
DO $$
DECLARE
  t text;
BEGIN
  FOR t IN SELECT c.relname::text FROM pg_catalog.pg_class AS c
           WHERE c.relnamespace = 'ledger'::regnamespace AND c.relkind = 'r' AND c.relname <> 'staff_scope'
             AND EXISTS (SELECT 1 FROM pg_catalog.pg_attribute AS a
                         WHERE a.attrelid = c.oid AND a.attname = 'district_code' AND NOT a.attisdropped)
  LOOP
    EXECUTE format('GRANT DELETE ON ledger.%I TO propledger_loader', t);
  END LOOP;
END
$$;

-- The load history counts the rows a delete load removed.
ALTER TABLE audit.load_batches ADD COLUMN deleted bigint NOT NULL DEFAULT 0,
  ADD CONSTRAINT load_batches_deleted_not_negative CHECK (deleted >= 0);
COMMENT ON COLUMN audit.load_batches.deleted IS 'Rows removed by a delete load (propledger load KIND FILE --delete); 0 for any other load.';

-- Usage: SELECT audit.finish_delete_batch(42, 3, 2, 1); finishes a delete load's batch (begun by
-- audit.begin_batch in this transaction) as committed, with its rows, deleted and rejected counts.
CREATE FUNCTION audit.finish_delete_batch(p_id bigint, p_rows bigint, p_deleted bigint, p_rejected bigint) RETURNS void
LANGUAGE plpgsql VOLATILE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
  UPDATE audit.load_batches AS b
     SET finished_at = pg_catalog.clock_timestamp(), rows = p_rows, deleted = p_deleted, rejected = p_rejected,
         status = 'committed'
   WHERE b.id = p_id AND b.status = 'running' AND b.xact_id = pg_catalog.pg_current_xact_id()
     AND b.db_user = session_user;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'load batch % was not begun by this transaction', p_id
      USING ERRCODE = '42501', HINT = 'The load history is append-only: a batch is finished only by the load that began it.';
  END IF;
END
$$;
REVOKE ALL ON FUNCTION audit.finish_delete_batch(bigint, bigint, bigint, bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION audit.finish_delete_batch(bigint, bigint, bigint, bigint) TO propledger_loader;
