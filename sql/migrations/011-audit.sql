-- 011: the audit trail. audit.load_batches records each load; audit.changes every
-- inserted, updated or deleted ledger row, written by STATEMENT-level AFTER triggers with
-- transition tables: one INSERT … SELECT per statement, so a 10M-row load stays a set
-- operation. An UPDATE whose new row equals the old row writes nothing.

CREATE TABLE audit.load_batches (
  id               bigserial PRIMARY KEY,
  started_at       timestamptz NOT NULL DEFAULT now(),
  finished_at      timestamptz,
  db_user          text NOT NULL DEFAULT current_user,
  application_name text DEFAULT current_setting('application_name', true),
  kind             text NOT NULL,
  file_name        text,
  sha256           text,
  rows             bigint NOT NULL DEFAULT 0,
  inserted         bigint NOT NULL DEFAULT 0,
  updated          bigint NOT NULL DEFAULT 0,
  unchanged        bigint NOT NULL DEFAULT 0,
  rejected         bigint NOT NULL DEFAULT 0,
  status           text NOT NULL DEFAULT 'running',
  CONSTRAINT load_batches_sha256_hex CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  CONSTRAINT load_batches_counts_not_negative CHECK
    (rows >= 0 AND inserted >= 0 AND updated >= 0 AND unchanged >= 0 AND rejected >= 0),
  CONSTRAINT load_batches_status_known CHECK (status IN
    ('running', 'committed', 'partial', 'rejected', 'dry_run', 'failed')),
  CONSTRAINT load_batches_finished_after_start CHECK (finished_at >= started_at)
);
COMMENT ON TABLE audit.load_batches IS 'One row per loaded file (propledger load); the loader sets propledger.load_batch to its id.';

CREATE TABLE audit.changes (
  id               bigserial PRIMARY KEY,
  table_name       text NOT NULL,
  key              jsonb NOT NULL,
  operation        text NOT NULL,
  old_row          jsonb,
  new_row          jsonb,
  db_user          text NOT NULL DEFAULT current_user,
  application_name text DEFAULT current_setting('application_name', true),
  -- No foreign key: a batch id is only a label here, and a 10M-row load must not pay a
  -- key lookup per changed row.
  load_batch_id    bigint,
  changed_at       timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT changes_operation_known CHECK (operation IN ('INSERT', 'UPDATE', 'DELETE'))
);
COMMENT ON TABLE audit.changes IS 'Every insert/update/delete of a ledger row: table (= load kind), key, old and new row as jsonb, who, when, load batch.';
CREATE INDEX changes_load_batch_idx ON audit.changes (load_batch_id);
CREATE INDEX changes_table_key_idx ON audit.changes (table_name, key);

-- Usage: CREATE TRIGGER … AFTER UPDATE ON ledger.units REFERENCING OLD TABLE AS old_rows
--   NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.record_changes('compound_code', 'building', 'unit_no');
-- The trigger arguments name the key columns. Runs as the invoking user, who needs INSERT on audit.changes.
CREATE FUNCTION audit.record_changes() RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  key_old text;
  key_new text;
  batch bigint := nullif(current_setting('propledger.load_batch', true), '')::bigint;
BEGIN
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

-- Attach the three audit triggers (insert, update, delete) to every ledger table, with its key.
DO $$
DECLARE
  t record;
  args text;
BEGIN
  FOR t IN SELECT * FROM (VALUES
      ('districts', ARRAY['district_code']),
      ('streets', ARRAY['street_code']),
      ('communities', ARRAY['community_code']),
      ('companies', ARRAY['uscc']),
      ('co_building_units', ARRAY['unit_code']),
      ('compounds', ARRAY['compound_code']),
      ('units', ARRAY['compound_code', 'building', 'unit_no']),
      ('management', ARRAY['compound_code', 'start_on']),
      ('committees', ARRAY['compound_code', 'term_start']),
      ('party_orgs', ARRAY['host_type', 'host_key', 'established_on']),
      ('clearance', ARRAY['compound_code', 'identified_on']),
      ('projects', ARRAY['project_code']),
      ('funding', ARRAY['project_code', 'source', 'payer']),
      ('votes', ARRAY['project_code', 'matter', 'held_on']),
      ('payments', ARRAY['voucher_no']),
      ('inspections', ARRAY['inspection_code']),
      ('rectifications', ARRAY['inspection_code', 'item_no']),
      ('complaints', ARRAY['complaint_code']),
      ('surveys', ARRAY['compound_code', 'period']),
      ('settings', ARRAY['key'])) AS v(table_name, key_columns)
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
  END LOOP;
END
$$;
