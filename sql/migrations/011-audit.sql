-- 011: the audit trail. audit.load_batches records each load; audit.changes every updated or
-- deleted ledger row (old and new values), written by STATEMENT-level AFTER triggers with
-- transition tables: one INSERT … SELECT per statement, so a 10M-row load stays a set
-- operation. An UPDATE whose new row equals the old row writes nothing.
--
-- An insert made in a load batch writes no audit document (SPEC §5: inserting a million rows must not
-- write a million of them): the row itself records its batch in insert_batch_id, and its values are the
-- row as it stands until a later change records them as old_row. An insert outside any batch (an owner's
-- direct SQL, access grants) has no batch to point to and is recorded per row with its values, as before.
-- audit.row_as_of (sql/schema/070-history.sql) rebuilds any row as of any moment from these.
--
-- Both tables are append-only for everyone but the owner (SPEC §5): nobody else may insert,
-- update or delete their rows directly. Loads write them only through the SECURITY DEFINER
-- functions below (a batch is begun and finished by the transaction that loads it; a failed or
-- rejected attempt is appended afterwards), and the audit trigger runs as the owner. Every row
-- records session_user: the login, not a role it switched to with SET ROLE.

CREATE TABLE audit.load_batches (
  id               bigserial PRIMARY KEY,
  -- clock_timestamp(), not now(): the batches of one `load --dir` transaction are told apart in time,
  -- and a row inserted by a batch dates from its start (audit.row_as_of).
  started_at       timestamptz NOT NULL DEFAULT clock_timestamp(),
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
  -- Rows removed by a delete load (propledger load KIND FILE --delete, SPEC §8); 0 for any other load.
  deleted          bigint NOT NULL DEFAULT 0,
  status           text NOT NULL DEFAULT 'running',
  -- Why a failed load failed (a sentence, no data values).
  reason           text,
  CONSTRAINT load_batches_sha256_hex CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  CONSTRAINT load_batches_counts_not_negative CHECK
    (rows >= 0 AND inserted >= 0 AND updated >= 0 AND unchanged >= 0 AND rejected >= 0 AND deleted >= 0),
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
  -- clock_timestamp(): a change is dated when it was made, after its batch began.
  changed_at       timestamptz NOT NULL DEFAULT clock_timestamp(),
  CONSTRAINT changes_operation_known CHECK (operation IN ('INSERT', 'UPDATE', 'DELETE'))
);
COMMENT ON TABLE audit.changes IS 'Every update/delete of a ledger row, and every insert made outside a load batch: table (= load kind), key, old and new row as jsonb, who (session_user), when, load batch. An insert in a batch is recorded by the row''s insert_batch_id.';
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

-- Usage: SELECT audit.finish_batch(42, 1200, 1000, 150, 50, 0, 'committed'); (a delete load adds p_deleted:
-- SELECT audit.finish_batch(42, 3, 0, 0, 0, 1, 'committed', 2)) the counts of a batch this
-- same transaction began (and is still running); anything else is refused.
CREATE FUNCTION audit.finish_batch(p_id bigint, p_rows bigint, p_inserted bigint, p_updated bigint,
                                   p_unchanged bigint, p_rejected bigint, p_status text,
                                   p_deleted bigint DEFAULT 0) RETURNS void
LANGUAGE plpgsql VOLATILE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
  IF p_status NOT IN ('committed', 'partial') THEN
    RAISE EXCEPTION 'a batch is finished as committed or partial, not %', p_status USING ERRCODE = '22023';
  END IF;
  UPDATE audit.load_batches AS b
     SET finished_at = pg_catalog.clock_timestamp(), rows = p_rows, inserted = p_inserted, updated = p_updated,
         unchanged = p_unchanged, rejected = p_rejected, status = p_status, deleted = coalesce(p_deleted, 0)
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
-- On a table with insert_batch_id, rows inserted in a batch are not written here: the trigger only
-- checks that each carries exactly the current batch (NULL outside a batch, then recorded per row),
-- and an UPDATE may never change it, so a row's batch is as unforgeable as an audit row.
CREATE FUNCTION audit.record_changes() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  key_old text;
  key_new text;
  batch bigint := nullif(current_setting('propledger.load_batch', true), '')::bigint;
  by_batch boolean;
  forged boolean;
BEGIN
  IF batch IS NOT NULL AND NOT EXISTS (
      SELECT 1 FROM audit.load_batches AS b
      WHERE b.id = batch AND b.xact_id = pg_current_xact_id()) THEN
    RAISE EXCEPTION 'propledger.load_batch = % does not name a load batch of this transaction', batch
      USING ERRCODE = '42501', HINT = 'Begin a batch with audit.begin_batch; it sets propledger.load_batch.';
  END IF;
  by_batch := EXISTS (SELECT 1 FROM pg_catalog.pg_attribute AS a
                      WHERE a.attrelid = TG_RELID AND a.attname = 'insert_batch_id' AND NOT a.attisdropped);
  SELECT 'jsonb_build_object(' || string_agg(format('%L, o.%I', k, k), ', ') || ')',
         'jsonb_build_object(' || string_agg(format('%L, n.%I', k, k), ', ') || ')'
    INTO key_old, key_new
    FROM unnest(TG_ARGV) AS k;
  IF TG_OP = 'INSERT' THEN
    IF by_batch THEN
      EXECUTE 'SELECT EXISTS (SELECT 1 FROM new_rows AS n WHERE n.insert_batch_id IS DISTINCT FROM $1)' INTO forged USING batch;
      IF forged THEN
        RAISE EXCEPTION 'insert_batch_id of a new %.% row is not this statement''s load batch (%)', TG_TABLE_SCHEMA, TG_TABLE_NAME,
          coalesce(batch::text, 'none')
          USING ERRCODE = '42501', HINT = 'Leave insert_batch_id to its default: audit.begin_batch sets the batch.';
      END IF;
    END IF;
    IF batch IS NULL OR NOT by_batch THEN
      EXECUTE format('INSERT INTO audit.changes (table_name, key, operation, new_row, load_batch_id)
                      SELECT %L, %s, ''INSERT'', to_jsonb(n), $1 FROM new_rows AS n',
                     TG_TABLE_NAME, key_new) USING batch;
    END IF;
  ELSIF TG_OP = 'DELETE' THEN
    EXECUTE format('INSERT INTO audit.changes (table_name, key, operation, old_row, load_batch_id)
                    SELECT %L, %s, ''DELETE'', to_jsonb(o), $1 FROM old_rows AS o',
                   TG_TABLE_NAME, key_old) USING batch;
  ELSE
    -- Pair old and new versions by key; a row whose values did not change is left out. A row's
    -- insert_batch_id never changes (a key change keeps it too: it is the same row, renamed).
    -- count(*), not EXISTS: an EXISTS over the join was planned to stop at its first row, as a nested loop of
    -- old rows by new rows, and no row is found when nothing is forged (issue 18: 18,626 ballots updated in one
    -- statement, 347M pairs, 29 s; 53,072 rows, 251 s). Counted, the join is hashed.
    IF by_batch THEN
      EXECUTE format('SELECT (SELECT count(*) FROM old_rows AS o JOIN new_rows AS n ON %s = %s
                              WHERE o.insert_batch_id IS DISTINCT FROM n.insert_batch_id) > 0
                        OR EXISTS (SELECT o.insert_batch_id FROM old_rows AS o EXCEPT ALL SELECT n.insert_batch_id FROM new_rows AS n)',
                     key_old, key_new) INTO forged;
      IF forged THEN
        RAISE EXCEPTION 'insert_batch_id of %.% rows cannot be changed: it records the load that inserted them', TG_TABLE_SCHEMA, TG_TABLE_NAME
          USING ERRCODE = '42501', HINT = 'Update the row''s values; its load batch stays.';
      END IF;
    END IF;
    EXECUTE format('INSERT INTO audit.changes (table_name, key, operation, old_row, new_row, load_batch_id)
                    SELECT %L, coalesce(%s, %s), ''UPDATE'', to_jsonb(o), to_jsonb(n), $1
                    FROM old_rows AS o FULL JOIN new_rows AS n ON %s = %s
                    WHERE to_jsonb(o) IS DISTINCT FROM to_jsonb(n)',
                   TG_TABLE_NAME, key_new, key_old, key_old, key_new) USING batch;
  END IF;
  RETURN NULL;
END
$$;

-- Usage: SELECT * FROM audit.row_events('units', '{"compound_code": "GS011", "building": "1", "unit_no": "101"}');
-- The history of one ledger row, in order: every change record of its key, and the inserts made in a load
-- batch, which have no record of their own (SPEC §5): an incarnation whose first record has an old_row after
-- nothing (or after a delete) was inserted by old_row's insert_batch_id, and a live row after nothing or a
-- delete by its own. Such an insert is dated from its batch's start, or from the delete before it when that
-- is later (a row deleted and inserted again by one batch). Visible only to roles whose scope covers the
-- row's district (the role of the session: SET ROLE's, else the login); others get no rows.
CREATE FUNCTION audit.row_events(p_table text, p_key jsonb)
RETURNS TABLE (seq bigint, at timestamptz, operation text, load_batch_id bigint, db_user text, old_row jsonb, new_row jsonb)
LANGUAGE plpgsql STABLE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  who name := coalesce(nullif(current_setting('role'), 'none'), session_user)::name;
  rel regclass := to_regclass(format('ledger.%I', p_table));
  unknown text;
  match text;
  live jsonb;
  district text;
BEGIN
  IF rel IS NULL OR p_table !~ '^[a-z_]+$' THEN
    RAISE EXCEPTION 'no ledger table %', p_table USING ERRCODE = '22023', HINT = 'Name a load kind, e.g. compounds or units.';
  END IF;
  SELECT string_agg(k, ', ') INTO unknown FROM jsonb_object_keys(p_key) AS k
   WHERE NOT EXISTS (SELECT 1 FROM pg_catalog.pg_attribute AS a WHERE a.attrelid = rel AND a.attname = k AND a.attnum > 0 AND NOT a.attisdropped);
  IF unknown IS NOT NULL OR p_key = '{}' THEN
    RAISE EXCEPTION 'ledger.% has no column %', p_table, coalesce(unknown, '(empty key)') USING ERRCODE = '22023';
  END IF;
  -- The live row by its key columns (equality, so the key's index is used; NULL for funding's blank payer).
  SELECT string_agg(CASE WHEN jsonb_typeof(p_key -> a.attname) = 'null' THEN format('t.%I IS NULL', a.attname)
                         ELSE format('t.%I = ($1 ->> %L)::%s', a.attname, a.attname, format_type(a.atttypid, a.atttypmod)) END, ' AND ')
    INTO match
    FROM pg_catalog.pg_attribute AS a WHERE a.attrelid = rel AND p_key ? a.attname::text;
  EXECUTE format('SELECT to_jsonb(t) FROM ledger.%I AS t WHERE %s', p_table, match) INTO live USING p_key;
  SELECT coalesce(live, c.new_row, c.old_row) ->> 'district_code' INTO district
    FROM audit.changes AS c WHERE c.table_name = p_table AND c.key = p_key ORDER BY c.id DESC LIMIT 1;
  district := coalesce(district, live ->> 'district_code');
  IF NOT (ledger.scope_is_city_for(who) OR district = ANY (ledger.scope_districts_for(who))) THEN
    RETURN;
  END IF;
  RETURN QUERY
  WITH rec AS (
    SELECT c.id, c.changed_at, c.operation, c.load_batch_id, c.db_user, c.old_row, c.new_row,
           row_number() OVER w AS n, lag(c.id) OVER w IS NULL AS first, lag(c.new_row) OVER w AS prev_new,
           lag(c.changed_at) OVER w AS prev_at
    FROM audit.changes AS c WHERE c.table_name = p_table AND c.key = p_key
    WINDOW w AS (ORDER BY c.id)
  ), last AS (
    SELECT r.n, r.new_row, r.changed_at FROM rec AS r ORDER BY r.n DESC LIMIT 1
  ), events AS (
    SELECT 2 * r.n AS k, r.changed_at AS at, r.operation, r.load_batch_id, r.db_user, r.old_row, r.new_row FROM rec AS r
    UNION ALL
    SELECT 2 * r.n - 1, greatest(b.started_at, r.prev_at), 'INSERT', b.id, b.db_user, NULL, r.old_row
    FROM rec AS r LEFT JOIN audit.load_batches AS b ON b.id = (r.old_row ->> 'insert_batch_id')::bigint
    WHERE r.old_row IS NOT NULL AND (r.first OR r.prev_new IS NULL)
    UNION ALL
    SELECT 2 * coalesce((SELECT l.n FROM last AS l), 0) + 1, greatest(b.started_at, (SELECT l.changed_at FROM last AS l)),
           'INSERT', b.id, b.db_user, NULL, live
    FROM (SELECT 1) AS one LEFT JOIN audit.load_batches AS b ON b.id = (live ->> 'insert_batch_id')::bigint
    WHERE live IS NOT NULL AND NOT EXISTS (SELECT 1 FROM last AS l WHERE l.new_row IS NOT NULL)
  )
  SELECT row_number() OVER (ORDER BY e.k), e.at, e.operation, e.load_batch_id, e.db_user, e.old_row, e.new_row
  FROM events AS e ORDER BY e.k;
END
$$;
COMMENT ON FUNCTION audit.row_events(text, jsonb) IS 'The history of one ledger row (table, key as jsonb): change records plus the batch inserts the rows themselves record; empty outside the caller''s districts.';

-- Usage: SELECT audit.row_as_of('compounds', '{"compound_code": "GS011"}', TIMESTAMPTZ '2026-03-01 12:00+08');
-- → the row as jsonb as it stood at that moment (NULL when it did not exist): the state after the last
-- event of audit.row_events dated at or before it.
CREATE FUNCTION audit.row_as_of(p_table text, p_key jsonb, p_at timestamptz) RETURNS jsonb
LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
  SELECT e.new_row FROM audit.row_events(p_table, p_key) AS e WHERE e.at <= p_at ORDER BY e.seq DESC LIMIT 1;
END;
COMMENT ON FUNCTION audit.row_as_of(text, jsonb, timestamptz) IS 'One ledger row as of a moment, rebuilt from the row, its batch and the change records (NULL: it did not exist).';

-- Attach the three audit triggers (insert, update, delete) to every ledger table, with its key read from
-- the catalogue (the primary key, or funding's UNIQUE NULLS NOT DISTINCT): the table is the one statement
-- of each load kind's key, as the loader reads it too (TableCatalog.key).
DO $$
DECLARE
  t record;
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
    -- The batch that inserted the row (SPEC §5), set by default from propledger.load_batch and checked by
    -- the audit trigger: never given by the loader, never changed.
    EXECUTE format('ALTER TABLE ledger.%I ADD COLUMN insert_batch_id bigint
                    DEFAULT nullif(pg_catalog.current_setting(''propledger.load_batch'', true), '''')::bigint', t.table_name);
    EXECUTE format('COMMENT ON COLUMN ledger.%I.insert_batch_id IS %L', t.table_name,
                   'The load batch (audit.load_batches) that inserted this row; NULL for a row inserted outside a load, whose values audit.changes recorded. Set by default, never changed.');
    PERFORM ledger.create_change_triggers(format('ledger.%I', t.table_name)::regclass, t.table_name || '_audit',
                                          'audit.record_changes', t.key_columns);
    EXECUTE format('CREATE TRIGGER %I BEFORE TRUNCATE ON ledger.%I FOR EACH STATEMENT EXECUTE FUNCTION audit.refuse_truncate()',
                   t.table_name || '_refuse_truncate', t.table_name);
  END LOOP;
END
$$;
