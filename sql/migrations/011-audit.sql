-- 011: the audit trail. audit.load_batches records each load; audit.changes every
-- inserted, updated or deleted ledger row, written by STATEMENT-level AFTER triggers with
-- transition tables: one INSERT … SELECT per statement, so a 10M-row load stays a set
-- operation. An UPDATE whose new row equals the old row writes nothing.
--
-- Both tables are append-only for everyone but the owner (SPEC §5): nobody else may insert,
-- update or delete their rows directly. Loads write them only through the SECURITY DEFINER
-- functions below (a batch is begun and finished by the transaction that loads it; a failed or
-- rejected attempt is appended afterwards), and the audit trigger runs as the owner. Every row
-- records session_user: the login, not a role it switched to with SET ROLE.

CREATE TABLE audit.load_batches (
  id               bigserial PRIMARY KEY,
  started_at       timestamptz NOT NULL DEFAULT now(),
  finished_at      timestamptz,
  db_user          text NOT NULL DEFAULT session_user,
  application_name text DEFAULT current_setting('application_name', true),
  -- The transaction that began the batch: only it may finish the batch or label changes with it.
  xact_id          xid8 NOT NULL DEFAULT pg_current_xact_id(),
  kind             text NOT NULL,
  file_name        text,
  sha256           text,
  rows             bigint NOT NULL DEFAULT 0,
  inserted         bigint NOT NULL DEFAULT 0,
  updated          bigint NOT NULL DEFAULT 0,
  unchanged        bigint NOT NULL DEFAULT 0,
  rejected         bigint NOT NULL DEFAULT 0,
  status           text NOT NULL DEFAULT 'running',
  -- Why a failed load failed (a sentence, no data values).
  reason           text,
  CONSTRAINT load_batches_sha256_hex CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  CONSTRAINT load_batches_counts_not_negative CHECK
    (rows >= 0 AND inserted >= 0 AND updated >= 0 AND unchanged >= 0 AND rejected >= 0),
  CONSTRAINT load_batches_status_known CHECK (status IN
    ('running', 'committed', 'partial', 'rejected', 'dry_run', 'failed')),
  CONSTRAINT load_batches_finished_after_start CHECK (finished_at >= started_at)
);
COMMENT ON TABLE audit.load_batches IS 'One row per loaded file (propledger load), and one per failed or rejected attempt; written only through audit.begin_batch, audit.finish_batch and audit.record_attempt.';

CREATE TABLE audit.changes (
  id               bigserial PRIMARY KEY,
  table_name       text NOT NULL,
  key              jsonb NOT NULL,
  operation        text NOT NULL,
  old_row          jsonb,
  new_row          jsonb,
  db_user          text NOT NULL DEFAULT session_user,
  application_name text DEFAULT current_setting('application_name', true),
  -- No foreign key: a batch id is only a label here, and a 10M-row load must not pay a
  -- key lookup per changed row.
  load_batch_id    bigint,
  changed_at       timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT changes_operation_known CHECK (operation IN ('INSERT', 'UPDATE', 'DELETE'))
);
COMMENT ON TABLE audit.changes IS 'Every insert/update/delete of a ledger row: table (= load kind), key, old and new row as jsonb, who (session_user), when, load batch.';
CREATE INDEX changes_load_batch_idx ON audit.changes (load_batch_id);
-- The history of one record: WHERE key = $1 (and table_name = $2). A hash index: keys are compared
-- for equality only, and a btree over jsonb keys was several times larger.
CREATE INDEX changes_key_hash_idx ON audit.changes USING hash (key);
COMMENT ON INDEX audit.changes_key_hash_idx IS 'History of one record: WHERE key = $1 (and table_name = $2).';

-- Usage: SELECT audit.begin_batch('units', 'units.csv', '<sha256>', 1200) → the batch id, also set as
-- propledger.load_batch for the rest of the transaction (the audit trigger labels changes with it).
CREATE FUNCTION audit.begin_batch(p_kind text, p_file_name text, p_sha256 text, p_rows bigint) RETURNS bigint
LANGUAGE plpgsql VOLATILE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  batch bigint;
BEGIN
  INSERT INTO audit.load_batches (kind, file_name, sha256, rows, xact_id)
  VALUES (p_kind, p_file_name, p_sha256, coalesce(p_rows, 0), pg_catalog.pg_current_xact_id())
  RETURNING id INTO batch;
  PERFORM pg_catalog.set_config('propledger.load_batch', batch::text, true);
  RETURN batch;
END
$$;

-- Usage: SELECT audit.finish_batch(42, 1200, 1000, 150, 50, 0, 'committed'); the counts of a batch this
-- same transaction began (and is still running); anything else is refused.
CREATE FUNCTION audit.finish_batch(p_id bigint, p_rows bigint, p_inserted bigint, p_updated bigint,
                                   p_unchanged bigint, p_rejected bigint, p_status text) RETURNS void
LANGUAGE plpgsql VOLATILE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
  IF p_status NOT IN ('committed', 'partial') THEN
    RAISE EXCEPTION 'a batch is finished as committed or partial, not %', p_status USING ERRCODE = '22023';
  END IF;
  UPDATE audit.load_batches AS b
     SET finished_at = pg_catalog.clock_timestamp(), rows = p_rows, inserted = p_inserted, updated = p_updated,
         unchanged = p_unchanged, rejected = p_rejected, status = p_status
   WHERE b.id = p_id AND b.status = 'running' AND b.xact_id = pg_catalog.pg_current_xact_id()
     AND b.db_user = session_user;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'load batch % was not begun by this transaction', p_id
      USING ERRCODE = '42501', HINT = 'The load history is append-only: a batch is finished only by the load that began it.';
  END IF;
END
$$;

-- Usage: SELECT audit.record_attempt('units', 'units.csv', '<sha256>', 1200, 3, 'rejected', NULL);
-- appends a finished attempt that wrote nothing: rejected (bad rows) or failed (why in p_reason).
CREATE FUNCTION audit.record_attempt(p_kind text, p_file_name text, p_sha256 text, p_rows bigint,
                                     p_rejected bigint, p_status text, p_reason text) RETURNS bigint
LANGUAGE plpgsql VOLATILE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  batch bigint;
BEGIN
  IF p_status NOT IN ('rejected', 'failed') THEN
    RAISE EXCEPTION 'an attempt is recorded as rejected or failed, not %', p_status USING ERRCODE = '22023';
  END IF;
  INSERT INTO audit.load_batches (kind, file_name, sha256, rows, rejected, status, reason, finished_at)
  VALUES (p_kind, p_file_name, p_sha256, coalesce(p_rows, 0), coalesce(p_rejected, 0), p_status,
          left(p_reason, 500), pg_catalog.clock_timestamp())
  RETURNING id INTO batch;
  RETURN batch;
END
$$;

-- Usage: CREATE TRIGGER … BEFORE TRUNCATE ON ledger.units FOR EACH STATEMENT EXECUTE FUNCTION audit.refuse_truncate();
-- TRUNCATE writes no audit rows, so it is refused on every ledger and audit table (SPEC §5).
CREATE FUNCTION audit.refuse_truncate() RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
  RAISE EXCEPTION 'TRUNCATE of %.% is refused: it would remove rows without an audit record', TG_TABLE_SCHEMA, TG_TABLE_NAME
    USING ERRCODE = '42501', HINT = 'Rows leave the ledger only through an audited change.';
END
$$;
CREATE TRIGGER load_batches_refuse_truncate BEFORE TRUNCATE ON audit.load_batches
  FOR EACH STATEMENT EXECUTE FUNCTION audit.refuse_truncate();
CREATE TRIGGER changes_refuse_truncate BEFORE TRUNCATE ON audit.changes
  FOR EACH STATEMENT EXECUTE FUNCTION audit.refuse_truncate();

-- Usage: CREATE TRIGGER … AFTER UPDATE ON ledger.units REFERENCING OLD TABLE AS old_rows
--   NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.record_changes('compound_code', 'building', 'unit_no');
-- The trigger arguments name the key columns. Runs as the owner (nobody else may insert into
-- audit.changes); the changes are labelled with propledger.load_batch only when that names a batch
-- this transaction began (audit.begin_batch), so a session cannot blame its changes on another load.
CREATE FUNCTION audit.record_changes() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  key_old text;
  key_new text;
  batch bigint := nullif(current_setting('propledger.load_batch', true), '')::bigint;
BEGIN
  IF batch IS NOT NULL AND NOT EXISTS (
      SELECT 1 FROM audit.load_batches AS b
      WHERE b.id = batch AND b.xact_id = pg_current_xact_id()) THEN
    RAISE EXCEPTION 'propledger.load_batch = % does not name a load batch of this transaction', batch
      USING ERRCODE = '42501', HINT = 'Begin a batch with audit.begin_batch; it sets propledger.load_batch.';
  END IF;
  SELECT 'jsonb_build_object(' || string_agg(format('%L, o.%I', k, k), ', ') || ')',
         'jsonb_build_object(' || string_agg(format('%L, n.%I', k, k), ', ') || ')'
    INTO key_old, key_new
    FROM unnest(TG_ARGV) AS k;
  IF TG_OP = 'INSERT' THEN
    EXECUTE format('INSERT INTO audit.changes (table_name, key, operation, new_row, load_batch_id)
                    SELECT %L, %s, ''INSERT'', to_jsonb(n), $1 FROM new_rows AS n',
                   TG_TABLE_NAME, key_new) USING batch;
  ELSIF TG_OP = 'DELETE' THEN
    EXECUTE format('INSERT INTO audit.changes (table_name, key, operation, old_row, load_batch_id)
                    SELECT %L, %s, ''DELETE'', to_jsonb(o), $1 FROM old_rows AS o',
                   TG_TABLE_NAME, key_old) USING batch;
  ELSE
    -- Pair old and new versions by key; a row whose values did not change is left out.
    EXECUTE format('INSERT INTO audit.changes (table_name, key, operation, old_row, new_row, load_batch_id)
                    SELECT %L, coalesce(%s, %s), ''UPDATE'', to_jsonb(o), to_jsonb(n), $1
                    FROM old_rows AS o FULL JOIN new_rows AS n ON %s = %s
                    WHERE to_jsonb(o) IS DISTINCT FROM to_jsonb(n)',
                   TG_TABLE_NAME, key_new, key_old, key_old, key_new) USING batch;
  END IF;
  RETURN NULL;
END
$$;

-- Attach the three audit triggers (insert, update, delete) to every ledger table, with its key read from
-- the catalogue (the primary key, or funding's UNIQUE NULLS NOT DISTINCT): the table is the one statement
-- of each load kind's key, as the loader reads it too (TableCatalog.key).
DO $$
DECLARE
  t record;
  args text;
BEGIN
  FOR t IN
    SELECT c.relname::text AS table_name,
           (SELECT ARRAY(SELECT a.attname::text FROM unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, n)
                         JOIN pg_catalog.pg_attribute AS a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
                         ORDER BY k.n)
            FROM pg_catalog.pg_index AS i
            WHERE i.indrelid = c.oid AND (i.indisprimary OR (i.indisunique AND i.indnullsnotdistinct))
            ORDER BY i.indisprimary DESC, i.indexrelid LIMIT 1) AS key_columns
    FROM pg_catalog.pg_class AS c
    WHERE c.relnamespace = 'ledger'::regnamespace AND c.relkind = 'r'
    ORDER BY c.relname
  LOOP
    SELECT string_agg(quote_literal(k), ', ') INTO args FROM unnest(t.key_columns) AS k;
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON ledger.%I REFERENCING NEW TABLE AS new_rows
                    FOR EACH STATEMENT EXECUTE FUNCTION audit.record_changes(%s)',
                   t.table_name || '_audit_insert', t.table_name, args);
    EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON ledger.%I REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
                    FOR EACH STATEMENT EXECUTE FUNCTION audit.record_changes(%s)',
                   t.table_name || '_audit_update', t.table_name, args);
    EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON ledger.%I REFERENCING OLD TABLE AS old_rows
                    FOR EACH STATEMENT EXECUTE FUNCTION audit.record_changes(%s)',
                   t.table_name || '_audit_delete', t.table_name, args);
    EXECUTE format('CREATE TRIGGER %I BEFORE TRUNCATE ON ledger.%I FOR EACH STATEMENT EXECUTE FUNCTION audit.refuse_truncate()',
                   t.table_name || '_refuse_truncate', t.table_name);
  END LOOP;
END
$$;
