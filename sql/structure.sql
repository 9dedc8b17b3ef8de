--
-- PostgreSQL database dump
--

SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;

--
-- Name: audit; Type: SCHEMA; Schema: -; Owner: propledger_owner
--

CREATE SCHEMA audit;

ALTER SCHEMA audit OWNER TO propledger_owner;

--
-- Name: SCHEMA audit; Type: COMMENT; Schema: -; Owner: propledger_owner
--

COMMENT ON SCHEMA audit IS 'Who changed what, when, and in which load batch.';

--
-- Name: ledger; Type: SCHEMA; Schema: -; Owner: propledger_owner
--

CREATE SCHEMA ledger;

ALTER SCHEMA ledger OWNER TO propledger_owner;

--
-- Name: SCHEMA ledger; Type: COMMENT; Schema: -; Owner: propledger_owner
--

COMMENT ON SCHEMA ledger IS 'The facts the bureau oversees: typed tables with their rules.';

--
-- Name: report; Type: SCHEMA; Schema: -; Owner: propledger_owner
--

CREATE SCHEMA report;

ALTER SCHEMA report OWNER TO propledger_owner;

--
-- Name: SCHEMA report; Type: COMMENT; Schema: -; Owner: propledger_owner
--

COMMENT ON SCHEMA report IS 'Views and functions the reports read; the only schema readers may touch.';

--
-- Name: staging; Type: SCHEMA; Schema: -; Owner: propledger_owner
--

CREATE SCHEMA staging;

ALTER SCHEMA staging OWNER TO propledger_owner;

--
-- Name: SCHEMA staging; Type: COMMENT; Schema: -; Owner: propledger_owner
--

COMMENT ON SCHEMA staging IS 'Raw CSV rows on their way into the ledger, validated as sets.';

--
-- Name: btree_gist; Type: EXTENSION; Schema: -; Owner: -
--

CREATE EXTENSION IF NOT EXISTS btree_gist WITH SCHEMA public;

--
-- Name: EXTENSION btree_gist; Type: COMMENT; Schema: -; Owner: 
--

COMMENT ON EXTENSION btree_gist IS 'support for indexing common datatypes in GiST';

--
-- Name: fund_posting; Type: TYPE; Schema: staging; Owner: propledger_owner
--

CREATE TYPE staging.fund_posting AS (
	seq integer,
	building text,
	unit_no text,
	posted_on date,
	kind text,
	reference text,
	project_code text,
	emergency boolean,
	posted numeric,
	amount numeric,
	owed numeric,
	balance numeric
);

ALTER TYPE staging.fund_posting OWNER TO propledger_owner;

--
-- Name: TYPE fund_posting; Type: COMMENT; Schema: staging; Owner: propledger_owner
--

COMMENT ON TYPE staging.fund_posting IS 'One posting to a unit account as report.fund_postings_compute gives it, without its compound and district (seq counts within the compound).';

--
-- Name: begin_batch(text, text, text, bigint); Type: FUNCTION; Schema: audit; Owner: propledger_owner
--

CREATE FUNCTION audit.begin_batch(p_kind text, p_file_name text, p_sha256 text, p_rows bigint) RETURNS bigint
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
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

ALTER FUNCTION audit.begin_batch(p_kind text, p_file_name text, p_sha256 text, p_rows bigint) OWNER TO propledger_owner;

--
-- Name: finish_batch(bigint, bigint, bigint, bigint, bigint, bigint, text, bigint); Type: FUNCTION; Schema: audit; Owner: propledger_owner
--

CREATE FUNCTION audit.finish_batch(p_id bigint, p_rows bigint, p_inserted bigint, p_updated bigint, p_unchanged bigint, p_rejected bigint, p_status text, p_deleted bigint DEFAULT 0) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
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

ALTER FUNCTION audit.finish_batch(p_id bigint, p_rows bigint, p_inserted bigint, p_updated bigint, p_unchanged bigint, p_rejected bigint, p_status text, p_deleted bigint) OWNER TO propledger_owner;

--
-- Name: record_attempt(text, text, text, bigint, bigint, text, text); Type: FUNCTION; Schema: audit; Owner: propledger_owner
--

CREATE FUNCTION audit.record_attempt(p_kind text, p_file_name text, p_sha256 text, p_rows bigint, p_rejected bigint, p_status text, p_reason text) RETURNS bigint
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
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

ALTER FUNCTION audit.record_attempt(p_kind text, p_file_name text, p_sha256 text, p_rows bigint, p_rejected bigint, p_status text, p_reason text) OWNER TO propledger_owner;

--
-- Name: record_changes(); Type: FUNCTION; Schema: audit; Owner: propledger_owner
--

CREATE FUNCTION audit.record_changes() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $_$
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
$_$;

ALTER FUNCTION audit.record_changes() OWNER TO propledger_owner;

--
-- Name: refuse_truncate(); Type: FUNCTION; Schema: audit; Owner: propledger_owner
--

CREATE FUNCTION audit.refuse_truncate() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
BEGIN
  RAISE EXCEPTION 'TRUNCATE of %.% is refused: it would remove rows without an audit record', TG_TABLE_SCHEMA, TG_TABLE_NAME
    USING ERRCODE = '42501', HINT = 'Rows leave the ledger only through an audited change.';
END
$$;

ALTER FUNCTION audit.refuse_truncate() OWNER TO propledger_owner;

--
-- Name: row_events(text, jsonb); Type: FUNCTION; Schema: audit; Owner: propledger_owner
--

CREATE FUNCTION audit.row_events(p_table text, p_key jsonb) RETURNS TABLE(seq bigint, at timestamp with time zone, operation text, load_batch_id bigint, db_user text, old_row jsonb, new_row jsonb)
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $_$
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
$_$;

ALTER FUNCTION audit.row_events(p_table text, p_key jsonb) OWNER TO propledger_owner;

--
-- Name: FUNCTION row_events(p_table text, p_key jsonb); Type: COMMENT; Schema: audit; Owner: propledger_owner
--

COMMENT ON FUNCTION audit.row_events(p_table text, p_key jsonb) IS 'The history of one ledger row (table, key as jsonb): change records plus the batch inserts the rows themselves record; empty outside the caller''s districts.';

--
-- Name: row_as_of(text, jsonb, timestamp with time zone); Type: FUNCTION; Schema: audit; Owner: propledger_owner
--

CREATE FUNCTION audit.row_as_of(p_table text, p_key jsonb, p_at timestamp with time zone) RETURNS jsonb
    LANGUAGE sql STABLE
    SET search_path TO 'pg_catalog', 'pg_temp'
    BEGIN ATOMIC
 SELECT e.new_row
    FROM audit.row_events(row_as_of.p_table, row_as_of.p_key) e(seq, at, operation, load_batch_id, db_user, old_row, new_row)
   WHERE (e.at <= row_as_of.p_at)
   ORDER BY e.seq DESC
  LIMIT 1;
END;

ALTER FUNCTION audit.row_as_of(p_table text, p_key jsonb, p_at timestamp with time zone) OWNER TO propledger_owner;

--
-- Name: FUNCTION row_as_of(p_table text, p_key jsonb, p_at timestamp with time zone); Type: COMMENT; Schema: audit; Owner: propledger_owner
--

COMMENT ON FUNCTION audit.row_as_of(p_table text, p_key jsonb, p_at timestamp with time zone) IS 'One ledger row as of a moment, rebuilt from the row, its batch and the change records (NULL: it did not exist).';

--
-- Name: access_grant(name, text); Type: FUNCTION; Schema: ledger; Owner: propledger_owner
--

CREATE FUNCTION ledger.access_grant(p_role name, p_district text DEFAULT NULL::text) RETURNS boolean
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = p_role) THEN
    RAISE EXCEPTION 'role "%" does not exist', p_role
      USING ERRCODE = 'undefined_object', HINT = 'Create the role first (CREATE ROLE … LOGIN IN ROLE propledger_reader).';
  END IF;
  IF p_district IS NOT NULL AND NOT EXISTS (SELECT 1 FROM ledger.districts AS d WHERE d.district_code = p_district) THEN
    RAISE EXCEPTION 'district % is not in the ledger', p_district
      USING ERRCODE = 'foreign_key_violation',
            HINT = 'Known districts: ' || coalesce((SELECT string_agg(d.district_code || ' ' || d.name, ', ' ORDER BY d.district_code)
                                                    FROM ledger.districts AS d), 'none yet')
                   || '. Load districts.csv first to add one.';
  END IF;
  INSERT INTO ledger.staff_scope (role_name, district_code) VALUES (p_role, p_district)
    ON CONFLICT ON CONSTRAINT staff_scope_role_district_key DO NOTHING;
  RETURN FOUND;
END
$$;

ALTER FUNCTION ledger.access_grant(p_role name, p_district text) OWNER TO propledger_owner;

--
-- Name: access_revoke(name, text); Type: FUNCTION; Schema: ledger; Owner: propledger_owner
--

CREATE FUNCTION ledger.access_revoke(p_role name, p_district text DEFAULT NULL::text) RETURNS integer
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
  removed integer;
BEGIN
  IF p_role = 'propledger_owner' THEN
    RAISE EXCEPTION 'the city-wide scope of propledger_owner cannot be revoked'
      USING ERRCODE = '22023',
            HINT = 'The owner (and the administrator who migrates) must see every district; revoke scopes of staff roles only.';
  END IF;
  DELETE FROM ledger.staff_scope AS s
   WHERE s.role_name = p_role AND s.district_code IS NOT DISTINCT FROM p_district;
  GET DIAGNOSTICS removed = ROW_COUNT;
  RETURN removed;
END
$$;

ALTER FUNCTION ledger.access_revoke(p_role name, p_district text) OWNER TO propledger_owner;

--
-- Name: access_revoke_all(name); Type: FUNCTION; Schema: ledger; Owner: propledger_owner
--

CREATE FUNCTION ledger.access_revoke_all(p_role name) RETURNS integer
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
  removed integer;
BEGIN
  IF p_role = 'propledger_owner' THEN
    RAISE EXCEPTION 'the city-wide scope of propledger_owner cannot be revoked'
      USING ERRCODE = '22023',
            HINT = 'The owner (and the administrator who migrates) must see every district; revoke scopes of staff roles only.';
  END IF;
  DELETE FROM ledger.staff_scope AS s WHERE s.role_name = p_role;
  GET DIAGNOSTICS removed = ROW_COUNT;
  RETURN removed;
END
$$;

ALTER FUNCTION ledger.access_revoke_all(p_role name) OWNER TO propledger_owner;

--
-- Name: allocate_checked(numeric, numeric[], boolean); Type: FUNCTION; Schema: ledger; Owner: propledger_owner
--

CREATE FUNCTION ledger.allocate_checked(amount numeric, weights numeric[], zero_allowed boolean) RETURNS numeric[]
    LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
  i integer;
  total numeric := 0;
BEGIN
  IF coalesce(array_length(weights, 1), 0) = 0 THEN
    RAISE EXCEPTION 'nothing to allocate % over: no weights', amount USING ERRCODE = '22023';
  END IF;
  IF amount <> trunc(amount, 2) THEN
    RAISE EXCEPTION 'amount % has more than 2 decimals: money is exact to the fen', amount
      USING ERRCODE = '22023';
  END IF;
  FOR i IN array_lower(weights, 1) .. array_upper(weights, 1) LOOP
    IF zero_allowed AND (weights[i] IS NULL OR weights[i] < 0) THEN
      RAISE EXCEPTION 'weight % is %: every weight must be 0 or more', i - array_lower(weights, 1) + 1,
        coalesce(weights[i]::text, 'NULL') USING ERRCODE = '22023';
    ELSIF NOT zero_allowed AND (weights[i] IS NULL OR weights[i] <= 0) THEN
      RAISE EXCEPTION 'weight % is %: every weight (floor area) must be positive',
        i - array_lower(weights, 1) + 1, coalesce(weights[i]::text, 'NULL')
        USING ERRCODE = '22023',
              HINT = 'A unit with zero floor area cannot be apportioned; fix its area or leave it out of the scope.';
    END IF;
    total := total + weights[i];
  END LOOP;
  IF total = 0 THEN
    RAISE EXCEPTION 'every weight is 0: nothing to allocate % by', amount
      USING ERRCODE = '22023', HINT = 'Give at least one weight above 0.';
  END IF;
  -- A negative amount (a refund, a correction) is the mirror image of the positive one, so reversing an
  -- apportionment gives every unit back exactly what it was charged. A weight of 0 has no remainder, so it
  -- ranks after every positive one and never receives a leftover fen.
  RETURN (SELECT array_agg(sign(amount) * fen * 0.01 ORDER BY ord)
          FROM unnest(ledger.largest_remainder(abs(amount) * 100, weights)) WITH ORDINALITY AS p(fen, ord));
END
$$;

ALTER FUNCTION ledger.allocate_checked(amount numeric, weights numeric[], zero_allowed boolean) OWNER TO propledger_owner;

--
-- Name: FUNCTION allocate_checked(amount numeric, weights numeric[], zero_allowed boolean); Type: COMMENT; Schema: ledger; Owner: propledger_owner
--

COMMENT ON FUNCTION ledger.allocate_checked(amount numeric, weights numeric[], zero_allowed boolean) IS 'The checks and the largest-remainder split shared by ledger.allocate (zero_allowed false) and ledger.allocate_weights (true); prefer those. Raises 22023 as they say.';

--
-- Name: allocate(numeric, numeric[]); Type: FUNCTION; Schema: ledger; Owner: propledger_owner
--

CREATE FUNCTION ledger.allocate(amount numeric, weights numeric[]) RETURNS numeric[]
    LANGUAGE sql IMMUTABLE STRICT SECURITY DEFINER PARALLEL SAFE
    SET search_path TO 'pg_catalog', 'pg_temp'
    RETURN ledger.allocate_checked(amount, weights, false);

ALTER FUNCTION ledger.allocate(amount numeric, weights numeric[]) OWNER TO propledger_owner;

--
-- Name: FUNCTION allocate(amount numeric, weights numeric[]); Type: COMMENT; Schema: ledger; Owner: propledger_owner
--

COMMENT ON FUNCTION ledger.allocate(amount numeric, weights numeric[]) IS 'Splits an amount (yuan, at most 2 decimals) over positive weights exactly to the fen (SPEC §2.3): each part is the floor of its exact share, the leftover fen go one each to the largest remainders, ties in array order; the parts always sum to the amount. A negative amount gives the negated parts of its absolute value. Raises 22023 for no weights, a zero, negative or NULL weight, or more than 2 decimals. For apportionment pass the floor areas ordered by (ledger.natural_key(building), ledger.natural_key(unit_no)). Example: SELECT ledger.allocate(0.01, ARRAY[50, 50, 50]) -- {0.01,0.00,0.00}';

--
-- Name: allocate_weights(numeric, numeric[]); Type: FUNCTION; Schema: ledger; Owner: propledger_owner
--

CREATE FUNCTION ledger.allocate_weights(amount numeric, weights numeric[]) RETURNS numeric[]
    LANGUAGE sql IMMUTABLE STRICT SECURITY DEFINER PARALLEL SAFE
    SET search_path TO 'pg_catalog', 'pg_temp'
    RETURN ledger.allocate_checked(amount, weights, true);

ALTER FUNCTION ledger.allocate_weights(amount numeric, weights numeric[]) OWNER TO propledger_owner;

--
-- Name: FUNCTION allocate_weights(amount numeric, weights numeric[]); Type: COMMENT; Schema: ledger; Owner: propledger_owner
--

COMMENT ON FUNCTION ledger.allocate_weights(amount numeric, weights numeric[]) IS 'ledger.allocate for weights that may be 0 (agreed weights, account balances): the §2.3 largest-remainder split exact to the fen, ties in array order, a weight of 0 gets 0.00; the parts sum to the amount. Raises 22023 for no weights, a negative or NULL weight, all weights 0, or more than 2 decimals. Example: SELECT ledger.allocate_weights(0.01, ARRAY[0, 1, 1]) -- {0.00,0.01,0.00}';

--
-- Name: calendar_day(integer, integer, integer); Type: FUNCTION; Schema: ledger; Owner: propledger_owner
--

CREATE FUNCTION ledger.calendar_day(y integer, m integer, d integer) RETURNS date
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN CASE WHEN ((y >= 1) AND ((m >= 1) AND (m <= 12)) AND ((d >= 1) AND (d <= CASE WHEN (m = 2) THEN CASE WHEN (((y % 4) = 0) AND (((y % 100) <> 0) OR ((y % 400) = 0))) THEN 29 ELSE 28 END WHEN (m = ANY (ARRAY[4, 6, 9, 11])) THEN 30 ELSE 31 END))) THEN make_date(y, m, d) ELSE NULL::date END;

ALTER FUNCTION ledger.calendar_day(y integer, m integer, d integer) OWNER TO propledger_owner;

--
-- Name: FUNCTION calendar_day(y integer, m integer, d integer); Type: COMMENT; Schema: ledger; Owner: propledger_owner
--

COMMENT ON FUNCTION ledger.calendar_day(y integer, m integer, d integer) IS 'The date of year, month and day when the calendar has that day, else NULL (never an error). Example: SELECT ledger.calendar_day(2024, 2, 29) -- 2024-02-29';

--
-- Name: check_project_rules(text); Type: FUNCTION; Schema: ledger; Owner: propledger_owner
--

CREATE FUNCTION ledger.check_project_rules(p_project_code text) RETURNS void
    LANGUAGE plpgsql STABLE
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
  prj ledger.projects%ROWTYPE;
  amount_rows integer;
  percent_rows integer;
  amount_sum numeric;
  percent_sum numeric;
  has_fund_share boolean;
  has_owners_share boolean;
  committed numeric;
  impossible_vote boolean;
  lawless_vote date;
  votes_read record;
  disagreeing record;
  untallied date;
  stray_ballot record;
  use_fund_passed boolean;
  raise_fund_passed boolean;
  emergency_categories text;
  weights_missing bigint;
  weights_outside bigint;
  weight_example text;
BEGIN
  SELECT count(f.amount_yuan), count(f.percent), coalesce(sum(f.amount_yuan), 0), coalesce(sum(f.percent), 0),
         coalesce(bool_or(f.source = 'maintenance_fund' AND coalesce(f.amount_yuan, f.percent) > 0), false),
         coalesce(bool_or(f.source = 'owners' AND coalesce(f.amount_yuan, f.percent) > 0), false)
    INTO amount_rows, percent_rows, amount_sum, percent_sum, has_fund_share, has_owners_share
    FROM ledger.funding AS f WHERE f.project_code = p_project_code;
  SELECT * INTO prj FROM ledger.projects AS p WHERE p.project_code = p_project_code;
  -- One read of the project's votes (each vote is counted from its units, owners or ballots; ledger.votes_of,
  -- 034: the kept counts unless the project is marked stale): the rules below take what they need from it,
  -- the first vote whose ballots disagree with its typed tally too.
  SELECT coalesce(bool_or(NOT v.counts_possible), false) AS impossible,
         coalesce(bool_or(v.matter = 'use_fund' AND v.passed AND v.held_on <= prj.approved_on), false) AS use_fund,
         coalesce(bool_or(v.matter = 'raise_fund' AND v.passed), false) AS raise_fund,
         min(v.held_on) FILTER (WHERE v.law IS NULL) AS lawless,
         bool_or(v.ballots_disagree) AS any_disagree,
         (array_agg(v ORDER BY v.held_on, v.matter) FILTER (WHERE v.ballots_disagree))[1] AS disagreeing
    INTO votes_read
    FROM ledger.votes_of(p_project_code) AS v;
  impossible_vote := votes_read.impossible;
  use_fund_passed := votes_read.use_fund;
  raise_fund_passed := votes_read.raise_fund;
  lawless_vote := votes_read.lawless;
  SELECT min(v.held_on) INTO untallied
    FROM ledger.votes AS v WHERE v.project_code = p_project_code AND v.participating_owners IS NULL
     AND NOT EXISTS (SELECT 1 FROM ledger.ballots AS b WHERE b.project_code = v.project_code
                     AND b.matter = v.matter AND b.held_on = v.held_on);

  IF amount_rows > 0 AND percent_rows > 0 THEN
    RAISE EXCEPTION 'project %: funding shares mix amounts and percentages', p_project_code
      USING ERRCODE = 'check_violation', CONSTRAINT = 'funding_one_form_per_project',
            DETAIL = json_build_object('project', p_project_code)::text,
            HINT = 'Give every share of one project as amount_yuan, or every share as percent.';
  END IF;
  IF percent_rows > 0 AND percent_sum <> 100 THEN
    RAISE EXCEPTION 'project %: funding percentages sum to %, not 100', p_project_code, percent_sum
      USING ERRCODE = 'check_violation', CONSTRAINT = 'funding_percents_sum_to_100',
            DETAIL = json_build_object('project', p_project_code, 'sum', percent_sum::text)::text,
            HINT = 'Correct the percent column so the project''s shares sum to exactly 100.';
  END IF;
  IF untallied IS NOT NULL THEN
    RAISE EXCEPTION 'project %: the vote held on % has neither a tally nor ballots', p_project_code, untallied
      USING ERRCODE = 'check_violation', CONSTRAINT = 'votes_tally_known',
            DETAIL = json_build_object('project', p_project_code, 'held', untallied::text)::text,
            HINT = 'Give participating_area_m2, participating_owners, approving_area_m2 and approving_owners, or load the vote''s ballots.';
  END IF;
  -- SPEC §7: ballots count only owners of a unit in the project's scope on the day of the vote.
  SELECT b.matter, b.held_on, b.owner_key INTO stray_ballot
    FROM ledger.ballots AS b
    WHERE b.project_code = p_project_code
      -- o.compound_code named (the scope's compound) so the owners are read by the compound's btree once,
      -- not probed per unit through the exclusion constraint's GiST index (20x slower at city).
      AND NOT EXISTS (SELECT 1 FROM ledger.owners AS o JOIN ledger.project_units AS u
                        ON u.compound_code = o.compound_code AND u.building = o.building AND u.unit_no = o.unit_no
                      WHERE u.project_code = p_project_code AND o.compound_code = prj.compound_code
                        AND o.owner_key = b.owner_key
                        AND b.held_on BETWEEN o.since_on AND coalesce(o.until_on, 'infinity'))
    ORDER BY b.held_on, b.matter, b.owner_key LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'project %: the ballot of % on the % vote of % is from no owner of a unit in the project''s scope that day',
      p_project_code, stray_ballot.owner_key, stray_ballot.matter, stray_ballot.held_on
      USING ERRCODE = 'check_violation', CONSTRAINT = 'ballots_owner_in_scope',
            DETAIL = json_build_object('project', p_project_code, 'owner', stray_ballot.owner_key, 'matter', stray_ballot.matter, 'held', stray_ballot.held_on::text)::text,
            HINT = 'Check owner_key against owners.csv (the owner on held_on of a unit in scope_buildings).';
  END IF;
  IF votes_read.any_disagree THEN
    disagreeing := votes_read.disagreeing;
    RAISE EXCEPTION 'project %: the % vote of % was typed as % m² and % owners taking part, % m² and % owners approving, but its ballots give % m², %, % m², %',
      p_project_code, disagreeing.matter, disagreeing.held_on, disagreeing.participating_area_m2, disagreeing.participating_owners,
      disagreeing.approving_area_m2, disagreeing.approving_owners, disagreeing.ballot_participating_area,
      disagreeing.ballot_participating_owners, disagreeing.ballot_approving_area, disagreeing.ballot_approving_owners
      USING ERRCODE = 'check_violation', CONSTRAINT = 'votes_ballots_agree',
            DETAIL = json_build_object('project', p_project_code, 'matter', disagreeing.matter, 'held', disagreeing.held_on::text,
                'parea', disagreeing.participating_area_m2::text, 'powners', disagreeing.participating_owners::text,
                'aarea', disagreeing.approving_area_m2::text, 'aowners', disagreeing.approving_owners::text,
                'bparea', disagreeing.ballot_participating_area::text, 'bpowners', disagreeing.ballot_participating_owners::text,
                'baarea', disagreeing.ballot_approving_area::text, 'baowners', disagreeing.ballot_approving_owners::text)::text,
            HINT = 'Correct the typed tally or the ballots; or leave the tally blank to count it from the ballots.';
  END IF;
  IF impossible_vote THEN
    RAISE EXCEPTION 'project %: a vote has more participants than owners in scope, or more approvals than participants', p_project_code
      USING ERRCODE = 'check_violation', CONSTRAINT = 'votes_counts_possible',
            DETAIL = json_build_object('project', p_project_code)::text,
            HINT = 'Check the vote counts, or give total_area_m2 and total_owners explicitly.';
  END IF;

  IF lawless_vote IS NOT NULL THEN
    RAISE EXCEPTION 'project %: a vote held on % predates every law of owners'' votes in the ledger''s rules', p_project_code, lawless_vote
      USING ERRCODE = 'check_violation', CONSTRAINT = 'votes_law_known',
            DETAIL = json_build_object('project', p_project_code, 'held', lawless_vote::text)::text,
            HINT = 'The rules start with the Property Law on 2007-10-01 (propledger rules lists them); check held_on.';
  END IF;

  -- SPEC §6: an emergency's category comes from its jurisdiction's closed list where it has one, as of
  -- the day it was confirmed (fund.emergency_categories; NULL = an open list, any code with its reason).
  IF prj.emergency THEN
    emergency_categories := ledger.rule_value(prj.district_code, 'fund.emergency_categories', prj.emergency_confirmed_on);
    IF emergency_categories IS NOT NULL
       AND NOT prj.emergency_category = ANY (string_to_array(emergency_categories, ',')) THEN
      RAISE EXCEPTION 'project %: emergency category % is not one of the emergencies its jurisdiction admits on % (%)',
        p_project_code, prj.emergency_category, prj.emergency_confirmed_on, replace(emergency_categories, ',', ', ')
        USING ERRCODE = 'check_violation', CONSTRAINT = 'project_emergency_category_in_closed_list',
            DETAIL = json_build_object('project', p_project_code, 'category', prj.emergency_category,
                  'confirmed', prj.emergency_confirmed_on::text, 'categories', replace(emergency_categories, ',', ', '), 'district', prj.district_code)::text,
              HINT = 'Use one of the listed categories (propledger rules --district ' || prj.district_code
                     || ' shows the list and its article), or load the project as no emergency with its use_fund vote.';
    END IF;
  END IF;

  -- SPEC §6 / Civil Code Art. 283: a project with agreed weights gives every unit of its scope one, names
  -- no unit outside it, and gives at least one unit a weight above zero (ledger.project_weights, 030).
  IF prj.project_code IS NOT NULL AND EXISTS (SELECT 1 FROM ledger.project_weights AS w WHERE w.project_code = p_project_code) THEN
    SELECT count(*) FILTER (WHERE w.project_code IS NULL), min(u.building || ' ' || u.unit_no) FILTER (WHERE w.project_code IS NULL)
      INTO weights_missing, weight_example
      FROM ledger.project_units AS u
      LEFT JOIN ledger.project_weights AS w
        ON w.project_code = u.project_code AND w.building = u.building AND w.unit_no = u.unit_no
     WHERE u.project_code = p_project_code;
    IF weights_missing > 0 THEN
      RAISE EXCEPTION 'project %: % unit(s) of its scope have no agreed weight (e.g. %)', p_project_code, weights_missing, weight_example
        USING ERRCODE = 'check_violation', CONSTRAINT = 'project_weights_cover_scope',
            DETAIL = json_build_object('project', p_project_code, 'count', weights_missing::text, 'example', weight_example)::text,
              HINT = 'A project with weights gives every unit of its scope one (0 for a unit that pays nothing, e.g. the ground floor of an elevator).';
    END IF;
    SELECT count(*), min(w.building || ' ' || w.unit_no)
      INTO weights_outside, weight_example
      FROM ledger.project_weights AS w
     WHERE w.project_code = p_project_code
       AND NOT EXISTS (SELECT 1 FROM ledger.project_units AS u WHERE u.project_code = w.project_code
                         AND u.building = w.building AND u.unit_no = w.unit_no);
    IF weights_outside > 0 THEN
      RAISE EXCEPTION 'project %: % weight(s) name a unit outside its scope (e.g. %)', p_project_code, weights_outside, weight_example
        USING ERRCODE = 'check_violation', CONSTRAINT = 'project_weights_within_scope',
            DETAIL = json_build_object('project', p_project_code, 'count', weights_outside::text, 'example', weight_example)::text,
              HINT = 'Check building and unit_no against units.csv and the project''s scope_buildings.';
    END IF;
    IF NOT EXISTS (SELECT 1 FROM ledger.project_weights AS w WHERE w.project_code = p_project_code AND w.weight > 0) THEN
      RAISE EXCEPTION 'project %: every agreed weight is 0, so nothing can be apportioned', p_project_code
        USING ERRCODE = 'check_violation', CONSTRAINT = 'project_weights_some_positive',
            DETAIL = json_build_object('project', p_project_code)::text,
              HINT = 'Give at least one unit a weight above 0.';
    END IF;
  END IF;

  IF prj.project_code IS NULL OR prj.status NOT IN ('approved', 'in_progress', 'completed', 'accepted') THEN
    RETURN;  -- a missing project is reported by the deferred foreign keys
  END IF;

  committed := CASE WHEN percent_rows > 0 THEN prj.budget_yuan ELSE amount_sum END;
  IF committed IS DISTINCT FROM prj.budget_yuan THEN
    RAISE EXCEPTION 'project %: funding shares sum to % yuan but the budget is % yuan', p_project_code, committed, prj.budget_yuan
      USING ERRCODE = 'check_violation', CONSTRAINT = 'project_shares_sum_to_budget',
            DETAIL = json_build_object('project', p_project_code, 'committed', committed::text, 'budget', prj.budget_yuan::text)::text,
            HINT = 'From approval on the shares must sum exactly to budget_yuan: fix the funding rows or the budget.';
  END IF;
  IF (has_fund_share OR has_owners_share)
     AND NOT EXISTS (SELECT 1 FROM ledger.project_units AS u WHERE u.project_code = p_project_code) THEN
    RAISE EXCEPTION 'project %: its owners'' or maintenance-fund share cannot be apportioned: no unit of % is in its scope (%)',
      p_project_code, prj.compound_code, coalesce(prj.scope_buildings, 'the whole compound')
      USING ERRCODE = 'check_violation', CONSTRAINT = 'project_share_scope_has_units',
            DETAIL = json_build_object('project', p_project_code, 'compound', prj.compound_code, 'scope', prj.scope_buildings)::text,
            HINT = 'Check scope_buildings against the building column of units.csv (separate buildings with ;), or load the units first.';
  END IF;
  -- SPEC §2.5/§6: no vote is needed for an emergency (its category, reason, applicant and confirmation
  -- are recorded: the projects_emergency_* CHECKs).
  IF has_fund_share AND NOT use_fund_passed AND NOT prj.emergency THEN
    RAISE EXCEPTION 'project %: a maintenance-fund share needs a passing use_fund vote held on or before % (approved_on)', p_project_code, prj.approved_on
      USING ERRCODE = 'check_violation', CONSTRAINT = 'project_fund_share_needs_use_fund_vote',
            DETAIL = json_build_object('project', p_project_code, 'approved', prj.approved_on::text)::text,
            HINT = 'Load the passing use_fund vote, keep the project proposed until it is held, or, for an emergency (办法 Art. 24), record emergency with its category, reason, applicant and confirmation.';
  END IF;
  IF has_owners_share AND NOT raise_fund_passed THEN
    RAISE EXCEPTION 'project %: an owners (self-raised) share needs a passing raise_fund vote', p_project_code
      USING ERRCODE = 'check_violation', CONSTRAINT = 'project_owners_share_needs_raise_fund_vote',
            DETAIL = json_build_object('project', p_project_code)::text,
            HINT = 'Load the passing raise_fund vote, or keep the project proposed until it is held.';
  END IF;
END
$$;

ALTER FUNCTION ledger.check_project_rules(p_project_code text) OWNER TO propledger_owner;

--
-- Name: committee_findings(text, text, text, date, date, integer, integer, numeric); Type: FUNCTION; Schema: ledger; Owner: propledger_owner
--

CREATE FUNCTION ledger.committee_findings(p_district text, p_kind text, p_compound text, p_term_start date, p_term_end date, p_members integer, p_households integer, p_area numeric) RETURNS TABLE(rule text, column_name text, refusal boolean, message text, hint text, source_zh text, source_en text, arguments jsonb)
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
  -- The kind's size and term limits in force on term_start, read in one call (ledger.rules_in_force): parameter →
  -- {value, general, source_zh, source_en}; a parameter that does not apply has no key.
  limits jsonb;
  r jsonb;
  n_min jsonb;
  small boolean;
  years integer;
  what text := format('%s of %s from %s', p_kind, p_compound, p_term_start);
  -- The arguments every message has (the rest are added per rule), for the loader's message catalogue.
  about jsonb := jsonb_build_object('kind', p_kind, 'compound', p_compound, 'start', p_term_start::text);
BEGIN
  IF p_kind NOT IN ('owners_committee', 'management_committee') THEN
    RETURN;
  END IF;
  SELECT jsonb_object_agg(x.parameter, jsonb_build_object('value', x.value, 'general', x.general,
                                                          'source_zh', x.source_zh, 'source_en', x.source_en))
  INTO limits
  FROM ledger.rules_in_force(p_district,
         ARRAY[p_kind || '.members_min', p_kind || '.members_max', p_kind || '.members_odd', p_kind || '.term_max_years',
               p_kind || '.term_min_years']
         || CASE WHEN p_kind = 'owners_committee' THEN ARRAY['owners_committee.small_households_max',
              'owners_committee.small_area_max_m2', 'owners_committee.small_members_min'] ELSE '{}'::text[] END,
         p_term_start) AS x;
  -- Members: the minimum (the small-compound minimum where the compound is small), maximum, odd.
  n_min := limits -> (p_kind || '.members_min');
  small := false;
  IF p_kind = 'owners_committee' THEN
    small := coalesce(p_households <= (limits #>> '{owners_committee.small_households_max,value}')::integer, false)
          OR coalesce(p_area <= (limits #>> '{owners_committee.small_area_max_m2,value}')::numeric, false);
    IF small AND limits #>> '{owners_committee.small_members_min,value}' IS NOT NULL THEN
      n_min := limits -> 'owners_committee.small_members_min';
    END IF;
  END IF;
  IF p_members < (n_min ->> 'value')::integer THEN
    rule := 'committees_members_at_least'; column_name := 'members'; refusal := NOT (n_min ->> 'general')::boolean;
    message := format('%s has %s members; at least %s are required%s', what, p_members, n_min ->> 'value',
                      CASE WHEN p_kind = 'owners_committee' AND NOT small THEN format(' (the compound has %s households, %s m²)',
                           coalesce(p_households::text, 'unknown'), coalesce(p_area::text, 'unknown')) ELSE '' END);
    hint := 'Check members; a small compound''s smaller minimum needs its households or floor area (compounds.csv). propledger rules lists the limits.';
    arguments := about || jsonb_build_object('members', p_members::text, 'limit', n_min ->> 'value')
                 || CASE WHEN p_kind = 'owners_committee' AND NOT small
                         THEN jsonb_build_object('households', p_households::text, 'area', p_area::text, 'size', 'true') ELSE '{}' END;
    source_zh := n_min ->> 'source_zh'; source_en := n_min ->> 'source_en';
    RETURN NEXT;
  END IF;
  r := limits -> (p_kind || '.members_max');
  IF p_members > (r ->> 'value')::integer THEN
    rule := 'committees_members_at_most'; column_name := 'members'; refusal := NOT (r ->> 'general')::boolean;
    message := format('%s has %s members; at most %s are allowed', what, p_members, r ->> 'value');
    hint := 'Check members (propledger rules lists the limits of the compound''s jurisdiction).';
    arguments := about || jsonb_build_object('members', p_members::text, 'limit', r ->> 'value');
    source_zh := r ->> 'source_zh'; source_en := r ->> 'source_en';
    RETURN NEXT;
  END IF;
  r := limits -> (p_kind || '.members_odd');
  IF r ->> 'value' = 'true' AND p_members % 2 = 0 THEN
    rule := 'committees_members_odd'; column_name := 'members'; refusal := NOT (r ->> 'general')::boolean;
    message := format('%s has %s members; the number must be odd', what, p_members);
    hint := 'Check members.';
    arguments := about || jsonb_build_object('members', p_members::text);
    source_zh := r ->> 'source_zh'; source_en := r ->> 'source_en';
    RETURN NEXT;
  END IF;
  -- Term: at most term_max_years (so it has an end), at least term_min_years. The maximum allows the
  -- end on the anniversary (2021-06-01 to 2026-06-01: Civil Code Art. 201, the first day not counted);
  -- the minimum is met by a term ending the day before it (2021-06-01 to 2024-05-31 is 3 whole years).
  r := limits -> (p_kind || '.term_max_years');
  years := (r ->> 'value')::integer;
  IF years IS NOT NULL AND (p_term_end IS NULL OR p_term_end > p_term_start + make_interval(years => years)) THEN
    rule := 'committees_term_at_most'; column_name := 'term_end'; refusal := NOT (r ->> 'general')::boolean;
    message := format('%s: the term %s; at most %s years are allowed', what,
                      CASE WHEN p_term_end IS NULL THEN 'has no end' ELSE 'ends on ' || p_term_end END, years);
    hint := format('Give term_end on or before %s.', (p_term_start + make_interval(years => years))::date);
    arguments := about || jsonb_build_object('end', p_term_end::text, 'years', years::text,
                                             'date', (p_term_start + make_interval(years => years))::date::text);
    source_zh := r ->> 'source_zh'; source_en := r ->> 'source_en';
    RETURN NEXT;
  END IF;
  r := limits -> (p_kind || '.term_min_years');
  years := (r ->> 'value')::integer;
  IF years IS NOT NULL AND p_term_end < (p_term_start + make_interval(years => years))::date - 1 THEN
    rule := 'committees_term_at_least'; column_name := 'term_end'; refusal := NOT (r ->> 'general')::boolean;
    message := format('%s: the term ends on %s; at least %s years are required', what, p_term_end, years);
    hint := format('Give term_end on or after %s.', (p_term_start + make_interval(years => years))::date - 1);
    arguments := about || jsonb_build_object('end', p_term_end::text, 'years', years::text,
                                             'date', ((p_term_start + make_interval(years => years))::date - 1)::text);
    source_zh := r ->> 'source_zh'; source_en := r ->> 'source_en';
    RETURN NEXT;
  END IF;
END
$$;

ALTER FUNCTION ledger.committee_findings(p_district text, p_kind text, p_compound text, p_term_start date, p_term_end date, p_members integer, p_households integer, p_area numeric) OWNER TO propledger_owner;

--
-- Name: FUNCTION committee_findings(p_district text, p_kind text, p_compound text, p_term_start date, p_term_end date, p_members integer, p_households integer, p_area numeric); Type: COMMENT; Schema: ledger; Owner: propledger_owner
--

COMMENT ON FUNCTION ledger.committee_findings(p_district text, p_kind text, p_compound text, p_term_start date, p_term_end date, p_members integer, p_households integer, p_area numeric) IS 'The size and term rules of its jurisdiction (as of term_start) a committee breaks (SPEC §2.6, §10); refusal false = a 一般 limit exceeded (a warning).';

--
-- Name: committee_rule_violations(text[]); Type: FUNCTION; Schema: ledger; Owner: propledger_owner
--

CREATE FUNCTION ledger.committee_rule_violations(p_compound_codes text[]) RETURNS TABLE(compound_code text, term_start date, kind text, rule text, column_name text, refusal boolean, message text, hint text, source_zh text, source_en text, arguments jsonb)
    LANGUAGE plpgsql STABLE
    SET search_path TO 'pg_catalog', 'pg_temp'
    SET plan_cache_mode TO 'force_custom_plan'
    SET jit TO 'off'
    AS $$
#variable_conflict use_column
BEGIN
  RETURN QUERY
  SELECT c.compound_code, c.term_start, c.kind, c.rule, c.column_name, c.refusal, c.message, c.hint, c.source_zh, c.source_en, c.arguments
  FROM ledger.committee_checks AS c
  WHERE p_compound_codes IS NULL OR c.compound_code = ANY (p_compound_codes)
  UNION ALL
  -- Overlaps across kinds: only a 物管会 followed by its successor owners' committee, within the handover
  -- window of the jurisdiction as of the owners' committee's term_start. Reported on both terms.
  SELECT m.compound_code, m.term_start, m.kind, 'committees_terms_no_overlap_across_kinds', 'term_start', true,
         format('%s of %s from %s overlaps the %s from %s by %s; %s', m.kind, m.compound_code, m.term_start, o.kind, o.term_start,
                CASE WHEN w.days IS NULL THEN 'an open-ended term' ELSE w.days || ' days' END,
                CASE WHEN h.value::integer > 0 THEN format('a property management committee may hand over to the owners'' committee that succeeds it within %s days', h.value)
                     ELSE 'terms of one compound''s committees never overlap here' END),
         'Correct term_end of the earlier term or term_start of the later one.',
         coalesce(h.source_zh, 'SPEC §2.6'), coalesce(h.source_en, 'SPEC §2.6'),
         jsonb_build_object('kind', m.kind, 'compound', m.compound_code, 'start', m.term_start::text, 'other', o.kind,
                            'otherstart', o.term_start::text, 'days', w.days::text,
                            'window', CASE WHEN h.value::integer > 0 THEN h.value END)
  FROM ledger.committees AS m
  JOIN ledger.committees AS o ON o.compound_code = m.compound_code AND o.kind <> m.kind
   AND daterange(o.term_start, o.term_end, '[]') && daterange(m.term_start, m.term_end, '[]')
  CROSS JOIN LATERAL (SELECT least(m.term_end, o.term_end) - greatest(m.term_start, o.term_start) + 1 AS days) AS w
  LEFT JOIN LATERAL (
    SELECT r.* FROM ledger.rule_in_force(m.district_code, 'management_committee.handover_days', greatest(m.term_start, o.term_start)) AS r
    WHERE (m.kind, o.kind) IN (('management_committee', 'owners_committee'), ('owners_committee', 'management_committee'))
      AND (CASE WHEN m.kind = 'management_committee' THEN m.term_start < o.term_start ELSE o.term_start < m.term_start END)) AS h ON true
  WHERE (p_compound_codes IS NULL OR m.compound_code = ANY (p_compound_codes))
    AND (w.days IS NULL OR w.days > coalesce(h.value::integer, 0));
END
$$;

ALTER FUNCTION ledger.committee_rule_violations(p_compound_codes text[]) OWNER TO propledger_owner;

--
-- Name: FUNCTION committee_rule_violations(p_compound_codes text[]); Type: COMMENT; Schema: ledger; Owner: propledger_owner
--

COMMENT ON FUNCTION ledger.committee_rule_violations(p_compound_codes text[]) IS 'Broken size, term and overlap rules of the committees of the compounds given (NULL: all the caller sees), by the rules of their jurisdiction as of term_start (SPEC §2.6, §10); refusal false = a 一般 limit exceeded (a warning).';

--
-- Name: committee_rules_reset(); Type: FUNCTION; Schema: ledger; Owner: propledger_owner
--

CREATE FUNCTION ledger.committee_rules_reset() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
BEGIN
  DELETE FROM staging.committee_rules_checked AS m WHERE m.xact_id = pg_current_xact_id();
  RETURN NULL;
END
$$;

ALTER FUNCTION ledger.committee_rules_reset() OWNER TO propledger_owner;

--
-- Name: committee_rules_trigger(); Type: FUNCTION; Schema: ledger; Owner: propledger_owner
--

CREATE FUNCTION ledger.committee_rules_trigger() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
  v record;
BEGIN
  IF EXISTS (SELECT 1 FROM staging.committee_rules_checked AS m
             WHERE m.compound_code = NEW.compound_code AND m.xact_id = pg_current_xact_id()) THEN
    RETURN NULL;
  END IF;
  -- own: a refusal of this row (its term, or an overlap across kinds), which comes first.
  SELECT x.*, x.term_start = NEW.term_start OR x.rule = 'committees_terms_no_overlap_across_kinds' AS own INTO v
  FROM ledger.committee_rule_violations(ARRAY[NEW.compound_code]) AS x
  WHERE x.refusal
  ORDER BY own DESC, x.term_start, x.rule
  LIMIT 1;
  IF NOT FOUND THEN
    INSERT INTO staging.committee_rules_checked AS m (compound_code, xact_id) VALUES (NEW.compound_code, pg_current_xact_id())
      ON CONFLICT (compound_code) DO UPDATE SET xact_id = EXCLUDED.xact_id;
  ELSIF v.own THEN
    RAISE EXCEPTION '%', v.message
      USING ERRCODE = 'check_violation', CONSTRAINT = v.rule, HINT = v.hint || ' (' || v.source_en || ')',
            DETAIL = jsonb_build_object('arguments', v.arguments, 'source_zh', v.source_zh, 'source_en', v.source_en)::text;
  END IF;
  RETURN NULL;
END
$$;

ALTER FUNCTION ledger.committee_rules_trigger() OWNER TO propledger_owner;

--
-- Name: FUNCTION committee_rules_trigger(); Type: COMMENT; Schema: ledger; Owner: propledger_owner
--

COMMENT ON FUNCTION ledger.committee_rules_trigger() IS 'Deferred constraint trigger: the refused committee rules of the row''s term (and overlaps across kinds), once per compound per transaction (staging.committee_rules_checked).';

--
-- Name: create_change_triggers(regclass, text, regproc, text[]); Type: FUNCTION; Schema: ledger; Owner: propledger_owner
--

CREATE FUNCTION ledger.create_change_triggers(p_table regclass, p_prefix text, p_function regproc, p_args text[] DEFAULT '{}'::text[]) RETURNS void
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
  args constant text := coalesce((SELECT string_agg(quote_literal(a), ', ' ORDER BY n)
                                  FROM unnest(p_args) WITH ORDINALITY AS u(a, n)), '');
BEGIN
  EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %s REFERENCING NEW TABLE AS new_rows
                  FOR EACH STATEMENT EXECUTE FUNCTION %s(%s)', p_prefix || '_insert', p_table, p_function, args);
  EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %s REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
                  FOR EACH STATEMENT EXECUTE FUNCTION %s(%s)', p_prefix || '_update', p_table, p_function, args);
  EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %s REFERENCING OLD TABLE AS old_rows
                  FOR EACH STATEMENT EXECUTE FUNCTION %s(%s)', p_prefix || '_delete', p_table, p_function, args);
END
$$;

ALTER FUNCTION ledger.create_change_triggers(p_table regclass, p_prefix text, p_function regproc, p_args text[]) OWNER TO propledger_owner;

--
-- Name: FUNCTION create_change_triggers(p_table regclass, p_prefix text, p_function regproc, p_args text[]); Type: COMMENT; Schema: ledger; Owner: propledger_owner
--

COMMENT ON FUNCTION ledger.create_change_triggers(p_table regclass, p_prefix text, p_function regproc, p_args text[]) IS 'For migrations: the AFTER INSERT, UPDATE and DELETE statement triggers PREFIX_insert|update|delete of a function on a table, with transition tables new_rows/old_rows.';

--
-- Name: funding_source_rank(text); Type: FUNCTION; Schema: ledger; Owner: propledger_owner
--

CREATE FUNCTION ledger.funding_source_rank(source text) RETURNS integer
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN array_position(ARRAY['government'::text, 'company'::text, 'maintenance_fund'::text, 'owners'::text, 'co_building'::text, 'community_fund'::text], source);

ALTER FUNCTION ledger.funding_source_rank(source text) OWNER TO propledger_owner;

--
-- Name: is_citizen_id(text); Type: FUNCTION; Schema: ledger; Owner: propledger_owner
--

CREATE FUNCTION ledger.is_citizen_id(key text) RETURNS boolean
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN CASE WHEN (key IS NULL) THEN NULL::boolean WHEN (key ~ '^[0-9]{17}[0-9Xx]$'::text) THEN (upper(substr(key, 18, 1)) = substr('10X98765432'::text, ((((((((((((((((((((substr(key, 1, 1))::integer * 7) + ((substr(key, 2, 1))::integer * 9)) + ((substr(key, 3, 1))::integer * 10)) + ((substr(key, 4, 1))::integer * 5)) + ((substr(key, 5, 1))::integer * 8)) + ((substr(key, 6, 1))::integer * 4)) + ((substr(key, 7, 1))::integer * 2)) + ((substr(key, 8, 1))::integer * 1)) + ((substr(key, 9, 1))::integer * 6)) + ((substr(key, 10, 1))::integer * 3)) + ((substr(key, 11, 1))::integer * 7)) + ((substr(key, 12, 1))::integer * 9)) + ((substr(key, 13, 1))::integer * 10)) + ((substr(key, 14, 1))::integer * 5)) + ((substr(key, 15, 1))::integer * 8)) + ((substr(key, 16, 1))::integer * 4)) + ((substr(key, 17, 1))::integer * 2)) % 11) + 1), 1)) WHEN (key ~ '^[0-9]{15}$'::text) THEN (ledger.calendar_day((1900 + (substr(key, 7, 2))::integer), (substr(key, 9, 2))::integer, (substr(key, 11, 2))::integer) IS NOT NULL) ELSE false END;

ALTER FUNCTION ledger.is_citizen_id(key text) OWNER TO propledger_owner;

--
-- Name: FUNCTION is_citizen_id(key text); Type: COMMENT; Schema: ledger; Owner: propledger_owner
--

COMMENT ON FUNCTION ledger.is_citizen_id(key text) IS 'True for an 18-character resident ID number with a valid GB 11643 check character, or a 15-digit old one with a real birth date; used to refuse such an owner_key (SPEC §7). Example: SELECT ledger.is_citizen_id(''11010519491231002X'') -- true';

--
-- Name: jurisdiction_chain(text); Type: FUNCTION; Schema: ledger; Owner: propledger_owner
--

CREATE FUNCTION ledger.jurisdiction_chain(p_district text) RETURNS TABLE(jurisdiction text, depth integer)
    LANGUAGE plpgsql STABLE SECURITY DEFINER PARALLEL SAFE
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
BEGIN
  RETURN QUERY
  SELECT j.jurisdiction,
         (row_number() OVER (ORDER BY j.jurisdiction = 'national', length(j.jurisdiction) DESC))::integer
  FROM ledger.jurisdictions AS j
  WHERE j.jurisdiction = 'national' OR starts_with(p_district, j.jurisdiction);
END
$$;

ALTER FUNCTION ledger.jurisdiction_chain(p_district text) OWNER TO propledger_owner;

--
-- Name: FUNCTION jurisdiction_chain(p_district text); Type: COMMENT; Schema: ledger; Owner: propledger_owner
--

COMMENT ON FUNCTION ledger.jurisdiction_chain(p_district text) IS 'The jurisdictions whose rules reach a district (longest GB/T 2260 code prefix first, national last).';

--
-- Name: jurisdiction_of(text); Type: FUNCTION; Schema: ledger; Owner: propledger_owner
--

CREATE FUNCTION ledger.jurisdiction_of(p_district text) RETURNS text
    LANGUAGE sql STABLE PARALLEL SAFE
    SET search_path TO 'pg_catalog', 'pg_temp'
    RETURN (SELECT c.jurisdiction FROM ledger.jurisdiction_chain(jurisdiction_of.p_district) c(jurisdiction, depth) WHERE (c.depth = 1));

ALTER FUNCTION ledger.jurisdiction_of(p_district text) OWNER TO propledger_owner;

--
-- Name: FUNCTION jurisdiction_of(p_district text); Type: COMMENT; Schema: ledger; Owner: propledger_owner
--

COMMENT ON FUNCTION ledger.jurisdiction_of(p_district text) IS 'The most specific jurisdiction of a district (national when no prefix matches).';

--
-- Name: keep_project_totals(text[]); Type: FUNCTION; Schema: ledger; Owner: propledger_owner
--

CREATE FUNCTION ledger.keep_project_totals(p_projects text[]) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
BEGIN
  DELETE FROM staging.project_totals_kept AS t WHERE t.project_code = ANY (p_projects);
  INSERT INTO staging.project_totals_kept (project_code, district_code, government, company, maintenance_fund, owners,
                                           co_building, community_fund, committed, paid, outstanding, overrun,
                                           last_paid_on, votes, passed, last_held_on)
  SELECT p.project_code, p.district_code, c.government, c.company, c.maintenance_fund, c.owners, c.co_building,
         c.community_fund, c.committed, c.paid, c.outstanding, c.overrun,
         (SELECT max(k.last_paid_on) FROM staging.shares_kept AS k WHERE k.project_code = p.project_code),
         coalesce(c.votes, 0), coalesce(c.passed, 0),
         (SELECT max(y.held_on) FROM staging.votes_kept AS y WHERE y.project_code = p.project_code)
  FROM ledger.projects AS p
  LEFT JOIN report.project_totals_compute('infinity', NULL, p_projects) AS c ON c.project_code = p.project_code
  WHERE p.project_code = ANY (p_projects);
END
$$;

ALTER FUNCTION ledger.keep_project_totals(p_projects text[]) OWNER TO propledger_owner;

--
-- Name: FUNCTION keep_project_totals(p_projects text[]); Type: COMMENT; Schema: ledger; Owner: propledger_owner
--

COMMENT ON FUNCTION ledger.keep_project_totals(p_projects text[]) IS 'Rewrites the kept totals (staging.project_totals_kept) of the projects given from their kept shares and votes (report.project_totals_compute).';

--
-- Name: keep_vote_laws(); Type: FUNCTION; Schema: ledger; Owner: propledger_owner
--

CREATE FUNCTION ledger.keep_vote_laws() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
BEGIN
  DELETE FROM staging.vote_laws_kept;
  INSERT INTO staging.vote_laws_kept SELECT * FROM ledger.vote_laws_compute();
  RETURN NULL;
END
$$;

ALTER FUNCTION ledger.keep_vote_laws() OWNER TO propledger_owner;

--
-- Name: FUNCTION keep_vote_laws(); Type: COMMENT; Schema: ledger; Owner: propledger_owner
--

COMMENT ON FUNCTION ledger.keep_vote_laws() IS 'Statement trigger on ledger.rules: rewrites staging.vote_laws_kept from ledger.vote_laws_compute().';

--
-- Name: largest_remainder(numeric, numeric[]); Type: FUNCTION; Schema: ledger; Owner: propledger_owner
--

CREATE FUNCTION ledger.largest_remainder(amount_fen numeric, weights numeric[]) RETURNS numeric[]
    LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
    AS $$
BEGIN
  RETURN (
  WITH w AS (
    SELECT ord, weight FROM unnest(weights) WITH ORDINALITY AS u(weight, ord)
  ), total AS (
    SELECT sum(weight) AS total FROM w
  ), parts AS (
    -- div and mod on numeric are exact: no rounding before the floor.
    SELECT ord, div(amount_fen * weight, total) AS floor_fen, mod(amount_fen * weight, total) AS remainder
    FROM w, total
  ), leftover AS (
    SELECT amount_fen - sum(floor_fen) AS fen FROM parts
  ), ranked AS (
    SELECT ord, floor_fen, row_number() OVER (ORDER BY remainder DESC, ord) AS rank FROM parts
  )
  SELECT array_agg(floor_fen + CASE WHEN rank <= leftover.fen THEN 1 ELSE 0 END ORDER BY ord)
  FROM ranked, leftover);
END
$$;

ALTER FUNCTION ledger.largest_remainder(amount_fen numeric, weights numeric[]) OWNER TO propledger_owner;

--
-- Name: FUNCTION largest_remainder(amount_fen numeric, weights numeric[]); Type: COMMENT; Schema: ledger; Owner: propledger_owner
--

COMMENT ON FUNCTION ledger.largest_remainder(amount_fen numeric, weights numeric[]) IS 'Building block of ledger.allocate and ledger.split_percent; unchecked, prefer those. Splits a non-negative whole number of fen over non-negative weights with a positive sum: each part is the floor of its exact share, the leftover fen go one each to the largest remainders, ties by array order.';

--
-- Name: mark_stale(); Type: FUNCTION; Schema: ledger; Owner: propledger_owner
--

CREATE FUNCTION ledger.mark_stale() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
  rows_sql text := CASE TG_OP WHEN 'INSERT' THEN 'SELECT * FROM new_rows'
                              WHEN 'DELETE' THEN 'SELECT * FROM old_rows'
                              ELSE 'SELECT * FROM old_rows UNION ALL SELECT * FROM new_rows' END;
  stale_table constant text := CASE TG_ARGV[0] WHEN 'fund' THEN 'fund_stale' ELSE 'projects_stale' END;
  stale_key constant text := CASE TG_ARGV[0] WHEN 'fund' THEN 'compound_code' ELSE 'project_code' END;
  row_key constant text := TG_ARGV[1] || '_code';
BEGIN
  IF row_key = stale_key THEN
    -- The rows name what is stale themselves (with its district).
    EXECUTE format('INSERT INTO staging.%I (%I, district_code) SELECT DISTINCT r.%I, r.district_code FROM (%s) AS r
                    ON CONFLICT (%I) DO NOTHING', stale_table, stale_key, stale_key, rows_sql, stale_key);
  ELSE
    -- Through the projects: a project's compound, or a compound's projects.
    EXECUTE format('INSERT INTO staging.%I (%I, district_code)
                    SELECT DISTINCT p.%I, p.district_code FROM (SELECT DISTINCT r.%I AS code FROM (%s) AS r) AS r
                    JOIN ledger.projects AS p ON p.%I = r.code
                    ON CONFLICT (%I) DO NOTHING', stale_table, stale_key, stale_key, row_key, rows_sql, row_key, stale_key);
  END IF;
  RETURN NULL;
END
$$;

ALTER FUNCTION ledger.mark_stale() OWNER TO propledger_owner;

--
-- Name: FUNCTION mark_stale(); Type: COMMENT; Schema: ledger; Owner: propledger_owner
--

COMMENT ON FUNCTION ledger.mark_stale() IS 'Statement trigger (fund|projects, compound|project): marks the compounds (staging.fund_stale) or projects (staging.projects_stale) whose kept results the changed rows affect.';

--
-- Name: meets(numeric, numeric, text); Type: FUNCTION; Schema: ledger; Owner: propledger_owner
--

CREATE FUNCTION ledger.meets(part numeric, whole numeric, threshold text) RETURNS boolean
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
  t record;
BEGIN
  IF part IS NULL OR whole IS NULL OR threshold IS NULL THEN
    RETURN NULL;
  END IF;
  t := ledger.threshold_parts(threshold);
  RETURN ledger.meets_parts(part, whole, t.op, t.a, t.b);
END
$$;

ALTER FUNCTION ledger.meets(part numeric, whole numeric, threshold text) OWNER TO propledger_owner;

--
-- Name: FUNCTION meets(part numeric, whole numeric, threshold text); Type: COMMENT; Schema: ledger; Owner: propledger_owner
--

COMMENT ON FUNCTION ledger.meets(part numeric, whole numeric, threshold text) IS 'Whether part/whole satisfies a threshold such as >=2/3, >1/2 or <3/10, in exact arithmetic; false when whole <= 0 (ledger.threshold_parts, ledger.meets_parts).';

--
-- Name: meets_parts(numeric, numeric, text, numeric, numeric); Type: FUNCTION; Schema: ledger; Owner: propledger_owner
--

CREATE FUNCTION ledger.meets_parts(part numeric, whole numeric, op text, a numeric, b numeric) RETURNS boolean
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN CASE WHEN ((part IS NULL) OR (whole IS NULL) OR (op IS NULL)) THEN NULL::boolean WHEN (whole <= (0)::numeric) THEN false WHEN (op = '>='::text) THEN ((b * part) >= (a * whole)) WHEN (op = '>'::text) THEN ((b * part) > (a * whole)) WHEN (op = '<='::text) THEN ((b * part) <= (a * whole)) ELSE ((b * part) < (a * whole)) END;

ALTER FUNCTION ledger.meets_parts(part numeric, whole numeric, op text, a numeric, b numeric) OWNER TO propledger_owner;

--
-- Name: FUNCTION meets_parts(part numeric, whole numeric, op text, a numeric, b numeric); Type: COMMENT; Schema: ledger; Owner: propledger_owner
--

COMMENT ON FUNCTION ledger.meets_parts(part numeric, whole numeric, op text, a numeric, b numeric) IS 'Whether part/whole satisfies the threshold parsed by ledger.threshold_parts (op, a, b), in exact arithmetic; false when whole <= 0; NULL when part, whole or op is NULL.';

--
-- Name: natural_key(text); Type: FUNCTION; Schema: ledger; Owner: propledger_owner
--

CREATE FUNCTION ledger.natural_key(label text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $$
  -- Each character becomes 6 hex digits of its code point; a run of ASCII digits sorts where
  -- '0' does, then by length without leading zeros, then its digits, then its count of leading
  -- zeros (so '1' < '01'). The key holds only 0-9a-f: any collation orders it the same way.
  SELECT coalesce(string_agg(
    CASE WHEN m[1] IS NOT NULL THEN
      '000030'
      || lpad(to_hex(char_length(coalesce(nullif(ltrim(m[1], '0'), ''), '0'))), 8, '0')
      || coalesce(nullif(ltrim(m[1], '0'), ''), '0')
      || lpad(to_hex(char_length(m[1]) - char_length(coalesce(nullif(ltrim(m[1], '0'), ''), '0'))), 8, '0')
    ELSE lpad(to_hex(ascii(m[2])), 6, '0')
    END, '' ORDER BY n), '')
  FROM regexp_matches(label, '([0-9]+)|([^0-9])', 'g') WITH ORDINALITY AS t(m, n)
$$;

ALTER FUNCTION ledger.natural_key(label text) OWNER TO propledger_owner;

--
-- Name: FUNCTION natural_key(label text); Type: COMMENT; Schema: ledger; Owner: propledger_owner
--

COMMENT ON FUNCTION ledger.natural_key(label text) IS 'A sort key in which runs of digits compare as numbers: ''2'' < ''10'', ''A2'' < ''A10'', ''2栋'' < ''10栋''; other characters compare by code point, ''1'' < ''01''. Distinct labels get distinct keys. Apportionment ties (SPEC §2.3) go by ORDER BY ledger.natural_key(building), ledger.natural_key(unit_no).';

--
-- Name: project_rules_queue(); Type: FUNCTION; Schema: ledger; Owner: propledger_owner
--

CREATE FUNCTION ledger.project_rules_queue() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO staging.project_rules_pending AS q (project_code, xact_id)
      SELECT DISTINCT n.project_code, pg_current_xact_id() FROM new_rows AS n
      ON CONFLICT DO NOTHING;
  ELSIF TG_OP = 'UPDATE' THEN
    INSERT INTO staging.project_rules_pending AS q (project_code, xact_id)
      SELECT c.project_code, pg_current_xact_id()
      FROM (SELECT n.project_code FROM new_rows AS n UNION SELECT o.project_code FROM old_rows AS o) AS c
      ON CONFLICT DO NOTHING;
  ELSE
    INSERT INTO staging.project_rules_pending AS q (project_code, xact_id)
      SELECT DISTINCT o.project_code, pg_current_xact_id() FROM old_rows AS o
      ON CONFLICT DO NOTHING;
  END IF;
  RETURN NULL;
END
$$;

ALTER FUNCTION ledger.project_rules_queue() OWNER TO propledger_owner;

--
-- Name: FUNCTION project_rules_queue(); Type: COMMENT; Schema: ledger; Owner: propledger_owner
--

COMMENT ON FUNCTION ledger.project_rules_queue() IS 'AFTER STATEMENT trigger with transition tables new_rows/old_rows: queues the projects the statement changed in staging.project_rules_pending, once each.';

--
-- Name: project_rules_reset(); Type: FUNCTION; Schema: ledger; Owner: propledger_owner
--

CREATE FUNCTION ledger.project_rules_reset() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
BEGIN
  DELETE FROM staging.project_rules_checked AS m WHERE m.xact_id = pg_current_xact_id();
  RETURN NULL;
END
$$;

ALTER FUNCTION ledger.project_rules_reset() OWNER TO propledger_owner;

--
-- Name: project_rules_trigger(); Type: FUNCTION; Schema: ledger; Owner: propledger_owner
--

CREATE FUNCTION ledger.project_rules_trigger() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM staging.project_rules_checked AS m
                 WHERE m.project_code = NEW.project_code AND m.xact_id = pg_current_xact_id()) THEN
    PERFORM ledger.check_project_rules(NEW.project_code);
    INSERT INTO staging.project_rules_checked AS m (project_code, xact_id) VALUES (NEW.project_code, pg_current_xact_id())
      ON CONFLICT (project_code) DO UPDATE SET xact_id = EXCLUDED.xact_id;
  END IF;
  DELETE FROM staging.project_rules_pending AS q WHERE q.project_code = NEW.project_code AND q.xact_id = NEW.xact_id;
  RETURN NULL;
END
$$;

ALTER FUNCTION ledger.project_rules_trigger() OWNER TO propledger_owner;

--
-- Name: FUNCTION project_rules_trigger(); Type: COMMENT; Schema: ledger; Owner: propledger_owner
--

COMMENT ON FUNCTION ledger.project_rules_trigger() IS 'Deferred constraint trigger on staging.project_rules_pending: ledger.check_project_rules of the queued project, once per project per transaction.';

--
-- Name: project_totals_follow(); Type: FUNCTION; Schema: ledger; Owner: propledger_owner
--

CREATE FUNCTION ledger.project_totals_follow() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
BEGIN
  PERFORM ledger.keep_project_totals(ARRAY(SELECT DISTINCT r.project_code FROM cleared AS r));
  RETURN NULL;
END
$$;

ALTER FUNCTION ledger.project_totals_follow() OWNER TO propledger_owner;

--
-- Name: FUNCTION project_totals_follow(); Type: COMMENT; Schema: ledger; Owner: propledger_owner
--

COMMENT ON FUNCTION ledger.project_totals_follow() IS 'Statement trigger: rewrites the kept totals of the projects whose stale marks the statement cleared.';

--
-- Name: refresh_kept_share(integer, integer); Type: FUNCTION; Schema: ledger; Owner: propledger_owner
--

CREATE FUNCTION ledger.refresh_kept_share(p_share integer, p_shares integer) RETURNS integer
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
  compounds text[];
  judged text[];
  chunk_start integer;
BEGIN
  IF p_shares IS NULL OR p_shares < 1 OR p_share IS NULL OR p_share NOT BETWEEN 1 AND p_shares THEN
    RAISE EXCEPTION 'refresh share % of % does not exist', p_share, p_shares
      USING ERRCODE = '22023', HINT = 'Give a share from 1 to the number of shares (at least 1).';
  END IF;
  -- The marks taken are locked, so a concurrent refresh waits for this one instead of computing them twice.
  SELECT coalesce(array_agg(s.compound_code), '{}') INTO compounds
  FROM (SELECT f.compound_code FROM staging.fund_stale AS f
        WHERE p_shares = 1 OR ledger.refresh_share_of(f.compound_code, p_shares) = p_share
        ORDER BY f.compound_code FOR UPDATE) AS s;
  -- The compounds to judge again: the stale ones and those judged by rules no longer in force.
  SELECT coalesce(array_agg(x.compound_code), '{}') INTO judged
  FROM (SELECT unnest(compounds) AS compound_code
        UNION
        SELECT k.compound_code FROM staging.fund_compounds_kept AS k
        JOIN report.fund_rules(current_date) AS r ON r.district_code = k.district_code
        WHERE (k.topup_threshold, k.topup_base, k.topup_default_target)
              IS DISTINCT FROM (r.topup_threshold, r.topup_base, r.topup_default_target)
          AND (p_shares = 1 OR ledger.refresh_share_of(k.compound_code, p_shares) = p_share)) AS x;
  IF cardinality(compounds) > 0 THEN
    DELETE FROM staging.fund_postings_kept AS k WHERE k.compound_code = ANY (compounds);
    -- Computed 1,000 compounds at a time: a computation's result (~100 kB of postings a compound) is held until
    -- the insert reads it, and a share's 25,000 compounds at once spilled 2.5 GB to disk at province.
    FOR chunk_start IN 1 .. cardinality(compounds) BY 1000 LOOP
      INSERT INTO staging.fund_postings_kept (compound_code, district_code, postings)
      SELECT a.compound_code, a.district_code, a.postings
      FROM report.fund_accounts_compute('infinity', compounds[chunk_start : chunk_start + 999]) AS a;
    END LOOP;
    DELETE FROM staging.fund_stale AS f WHERE f.compound_code = ANY (compounds);
  END IF;
  IF cardinality(judged) > 0 THEN
    -- The postings of these compounds are current now: the totals are computed from the kept ones.
    DELETE FROM staging.fund_units_kept AS k WHERE k.compound_code = ANY (judged);
    DELETE FROM staging.fund_compounds_kept AS k WHERE k.compound_code = ANY (judged);
    INSERT INTO staging.fund_units_kept (compound_code, building, unit_no, district_code, pos, last_posted_on,
                                         first_deposits, top_ups, refunds, interest, draws, owed, balance,
                                         emergency_draws, below_threshold, below_since, topped_up, topup_threshold,
                                         topup_base, topup_default_target)
    SELECT u.compound_code, u.building, u.unit_no, u.district_code, u.pos, u.last_posted_on, u.first_deposits,
           u.top_ups, u.refunds, u.interest, u.draws, u.owed, u.balance, u.emergency_draws, u.below_threshold,
           u.below_since, u.topped_up, u.topup_threshold, u.topup_base, u.topup_default_target
    FROM report.fund_units_compute('infinity', judged, current_date) AS u;
    INSERT INTO staging.fund_compounds_kept (compound_code, district_code, last_posted_on, first_deposits, top_ups,
                                             refunds, interest, draws, owed, balance, units_below_threshold,
                                             units_owing, emergency_draws, topup_threshold, topup_base,
                                             topup_default_target)
    SELECT u.compound_code, min(u.district_code), max(u.last_posted_on), sum(u.first_deposits), sum(u.top_ups),
           sum(u.refunds), sum(u.interest), sum(u.draws), sum(u.owed), sum(u.balance),
           count(*) FILTER (WHERE u.below_threshold), count(*) FILTER (WHERE u.owed > 0), sum(u.emergency_draws),
           min(u.topup_threshold), min(u.topup_base), min(u.topup_default_target)
    FROM staging.fund_units_kept AS u WHERE u.compound_code = ANY (judged)
    GROUP BY u.compound_code;
  END IF;
  RETURN cardinality(judged)
       + ledger.refresh_projects_kept(CASE WHEN p_shares > 1 THEN ARRAY(
           SELECT v.project_code FROM staging.projects_stale AS v
           WHERE ledger.refresh_share_of(v.project_code, p_shares) = p_share) END);
END
$$;

ALTER FUNCTION ledger.refresh_kept_share(p_share integer, p_shares integer) OWNER TO propledger_owner;

--
-- Name: FUNCTION refresh_kept_share(p_share integer, p_shares integer); Type: COMMENT; Schema: ledger; Owner: propledger_owner
--

COMMENT ON FUNCTION ledger.refresh_kept_share(p_share integer, p_shares integer) IS 'Brings the kept results of share share of shares (ledger.refresh_share_of) up to date: the fund postings of its stale compounds (staging.fund_postings_kept), the unit and compound totals of those and of its compounds judged by rules no longer in force (staging.fund_units_kept, staging.fund_compounds_kept), the votes and shares of its stale projects (staging.votes_kept, staging.shares_kept); clears their marks; returns how many compounds and projects were recomputed.';

--
-- Name: refresh_kept(); Type: FUNCTION; Schema: ledger; Owner: propledger_owner
--

CREATE FUNCTION ledger.refresh_kept() RETURNS integer
    LANGUAGE sql
    SET search_path TO 'pg_catalog', 'pg_temp'
    RETURN ledger.refresh_kept_share(1, 1);

ALTER FUNCTION ledger.refresh_kept() OWNER TO propledger_owner;

--
-- Name: FUNCTION refresh_kept(); Type: COMMENT; Schema: ledger; Owner: propledger_owner
--

COMMENT ON FUNCTION ledger.refresh_kept() IS 'Brings every kept result up to date (ledger.refresh_kept_share(1, 1)): the fund postings of every stale compound, the unit and compound totals of those and of the compounds judged by rules no longer in force, the votes and shares of every stale project; clears their marks; returns how many compounds and projects were recomputed.';

--
-- Name: refresh_projects_kept(text[]); Type: FUNCTION; Schema: ledger; Owner: propledger_owner
--

CREATE FUNCTION ledger.refresh_projects_kept(p_projects text[]) RETURNS integer
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
  projects text[];
BEGIN
  SELECT coalesce(array_agg(s.project_code), '{}') INTO projects
  FROM (SELECT v.project_code FROM staging.projects_stale AS v
        WHERE p_projects IS NULL OR v.project_code = ANY (p_projects)
        ORDER BY v.project_code FOR UPDATE) AS s;
  IF cardinality(projects) > 0 THEN
    DELETE FROM staging.votes_kept AS k WHERE k.project_code = ANY (projects);
    INSERT INTO staging.votes_kept SELECT e.* FROM ledger.votes_evaluated AS e WHERE e.project_code = ANY (projects);
    DELETE FROM staging.shares_kept AS k WHERE k.project_code = ANY (projects);
    INSERT INTO staging.shares_kept (project_code, district_code, source, payer, funded, committed, paid, last_paid_on)
    SELECT t.project_code, t.district_code, t.source, t.payer, t.funded, t.committed, t.paid, t.last_paid_on
    FROM report.share_totals('infinity', NULL, projects) AS t;
    DELETE FROM staging.projects_stale AS v WHERE v.project_code = ANY (projects);
  END IF;
  RETURN cardinality(projects);
END
$$;

ALTER FUNCTION ledger.refresh_projects_kept(p_projects text[]) OWNER TO propledger_owner;

--
-- Name: FUNCTION refresh_projects_kept(p_projects text[]); Type: COMMENT; Schema: ledger; Owner: propledger_owner
--

COMMENT ON FUNCTION ledger.refresh_projects_kept(p_projects text[]) IS 'Recomputes the kept votes and shares of the stale projects among those given (NULL = all stale) and clears their marks; returns how many.';

--
-- Name: refresh_share_of(text, integer); Type: FUNCTION; Schema: ledger; Owner: propledger_owner
--

CREATE FUNCTION ledger.refresh_share_of(p_code text, p_shares integer) RETURNS integer
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN ((((((hashtext(p_code))::bigint % (p_shares)::bigint) + p_shares) % (p_shares)::bigint) + 1))::integer;

ALTER FUNCTION ledger.refresh_share_of(p_code text, p_shares integer) OWNER TO propledger_owner;

--
-- Name: FUNCTION refresh_share_of(p_code text, p_shares integer); Type: COMMENT; Schema: ledger; Owner: propledger_owner
--

COMMENT ON FUNCTION ledger.refresh_share_of(p_code text, p_shares integer) IS 'The share (1..shares) of the kept results a compound or project code falls in when that many sessions refresh them side by side.';

--
-- Name: rule_in_force(text, text, date); Type: FUNCTION; Schema: ledger; Owner: propledger_owner
--

CREATE FUNCTION ledger.rule_in_force(p_district text, p_parameter text, p_on date) RETURNS TABLE(jurisdiction text, parameter text, effective_from date, value text, general boolean, source_zh text, source_en text)
    LANGUAGE plpgsql STABLE SECURITY DEFINER PARALLEL SAFE
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
BEGIN
  RETURN QUERY SELECT * FROM ledger.rules_in_force(p_district, ARRAY[p_parameter], p_on);
END
$$;

ALTER FUNCTION ledger.rule_in_force(p_district text, p_parameter text, p_on date) OWNER TO propledger_owner;

--
-- Name: FUNCTION rule_in_force(p_district text, p_parameter text, p_on date); Type: COMMENT; Schema: ledger; Owner: propledger_owner
--

COMMENT ON FUNCTION ledger.rule_in_force(p_district text, p_parameter text, p_on date) IS 'The ledger.rules row of a parameter in force for a district (NULL: national only) on a date; no row when none applies. Raises 22023 for an unknown parameter.';

--
-- Name: rule_value(text, text, date); Type: FUNCTION; Schema: ledger; Owner: propledger_owner
--

CREATE FUNCTION ledger.rule_value(p_district text, p_parameter text, p_on date) RETURNS text
    LANGUAGE sql STABLE PARALLEL SAFE
    SET search_path TO 'pg_catalog', 'pg_temp'
    RETURN (SELECT r.value FROM ledger.rule_in_force(rule_value.p_district, rule_value.p_parameter, rule_value.p_on) r(jurisdiction, parameter, effective_from, value, general, source_zh, source_en));

ALTER FUNCTION ledger.rule_value(p_district text, p_parameter text, p_on date) OWNER TO propledger_owner;

--
-- Name: FUNCTION rule_value(p_district text, p_parameter text, p_on date); Type: COMMENT; Schema: ledger; Owner: propledger_owner
--

COMMENT ON FUNCTION ledger.rule_value(p_district text, p_parameter text, p_on date) IS 'The value (text, as stored) of a parameter in force for a district on a date; NULL when no limit or no rule applies.';

--
-- Name: rule_value_fits(text, text); Type: FUNCTION; Schema: ledger; Owner: propledger_owner
--

CREATE FUNCTION ledger.rule_value_fits(value_type text, value text) RETURNS boolean
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    SET search_path TO 'pg_catalog', 'pg_temp'
    RETURN ((value IS NULL) OR CASE value_type WHEN 'integer'::text THEN (value ~ '^[0-9]{1,9}$'::text) WHEN 'number'::text THEN (value ~ '^[0-9]{1,12}(\.[0-9]{1,4})?$'::text) WHEN 'boolean'::text THEN (value = ANY (ARRAY['true'::text, 'false'::text])) WHEN 'text'::text THEN (value ~ '^[a-z0-9_]+$'::text) WHEN 'list'::text THEN (value ~ '^[a-z0-9_]+(,[a-z0-9_]+)*$'::text) WHEN 'threshold'::text THEN (value ~ '^(>=|>|<=|<)[0-9]{1,4}/[1-9][0-9]{0,3}$'::text) ELSE false END);

ALTER FUNCTION ledger.rule_value_fits(value_type text, value text) OWNER TO propledger_owner;

--
-- Name: FUNCTION rule_value_fits(value_type text, value text); Type: COMMENT; Schema: ledger; Owner: propledger_owner
--

COMMENT ON FUNCTION ledger.rule_value_fits(value_type text, value text) IS 'True when a rule value is written as its type requires (NULL fits every type: no such limit).';

--
-- Name: rules_in_force(text, text[], date); Type: FUNCTION; Schema: ledger; Owner: propledger_owner
--

CREATE FUNCTION ledger.rules_in_force(p_district text, p_parameters text[], p_on date) RETURNS TABLE(jurisdiction text, parameter text, effective_from date, value text, general boolean, source_zh text, source_en text)
    LANGUAGE plpgsql STABLE SECURITY DEFINER PARALLEL SAFE
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
  unknown text := (SELECT g.p FROM unnest(p_parameters) AS g (p)
                   WHERE NOT EXISTS (SELECT 1 FROM ledger.rule_parameters AS k WHERE k.parameter = g.p) LIMIT 1);
BEGIN
  IF unknown IS NOT NULL OR array_position(p_parameters, NULL) IS NOT NULL THEN
    RAISE EXCEPTION 'unknown rule parameter "%"', unknown
      USING ERRCODE = '22023', HINT = 'The parameters are the rows of ledger.rule_parameters (propledger rules lists them).';
  END IF;
  RETURN QUERY
    SELECT DISTINCT ON (r.parameter) r.jurisdiction, r.parameter, r.effective_from, r.value, r.general, r.source_zh, r.source_en
    FROM ledger.jurisdiction_chain(p_district) AS c
    JOIN ledger.rules AS r ON r.jurisdiction = c.jurisdiction AND r.parameter = ANY (p_parameters)
                          AND r.effective_from <= p_on
    ORDER BY r.parameter, c.depth, r.effective_from DESC;
END
$$;

ALTER FUNCTION ledger.rules_in_force(p_district text, p_parameters text[], p_on date) OWNER TO propledger_owner;

--
-- Name: FUNCTION rules_in_force(p_district text, p_parameters text[], p_on date); Type: COMMENT; Schema: ledger; Owner: propledger_owner
--

COMMENT ON FUNCTION ledger.rules_in_force(p_district text, p_parameters text[], p_on date) IS 'The ledger.rules rows of the parameters given in force for a district (NULL: national only) on a date, one per parameter that applies. Raises 22023 for an unknown parameter.';

--
-- Name: scope_building_list(text); Type: FUNCTION; Schema: ledger; Owner: propledger_owner
--

CREATE FUNCTION ledger.scope_building_list(scope_buildings text) RETURNS text[]
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN (SELECT array_agg(btrim(b.b)) AS array_agg FROM unnest(regexp_split_to_array(scope_building_list.scope_buildings, '[;；，、]'::text)) b(b) WHERE (btrim(b.b) <> ''::text));

ALTER FUNCTION ledger.scope_building_list(scope_buildings text) OWNER TO propledger_owner;

--
-- Name: scope_districts_for(name); Type: FUNCTION; Schema: ledger; Owner: propledger_owner
--

CREATE FUNCTION ledger.scope_districts_for(p_role name) RETURNS text[]
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
BEGIN
  RETURN (
    SELECT coalesce(array_agg(DISTINCT s.district_code ORDER BY s.district_code), '{}')
    FROM ledger.staff_scope AS s JOIN pg_catalog.pg_roles AS r ON r.rolname = s.role_name
    WHERE s.district_code IS NOT NULL AND pg_catalog.pg_has_role(p_role, r.oid, 'MEMBER'));
END
$$;

ALTER FUNCTION ledger.scope_districts_for(p_role name) OWNER TO propledger_owner;

--
-- Name: scope_districts(); Type: FUNCTION; Schema: ledger; Owner: propledger_owner
--

CREATE FUNCTION ledger.scope_districts() RETURNS text[]
    LANGUAGE sql STABLE
    RETURN ledger.scope_districts_for(CURRENT_USER);

ALTER FUNCTION ledger.scope_districts() OWNER TO propledger_owner;

--
-- Name: scope_is_city_for(name); Type: FUNCTION; Schema: ledger; Owner: propledger_owner
--

CREATE FUNCTION ledger.scope_is_city_for(p_role name) RETURNS boolean
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
BEGIN
  RETURN EXISTS (
    SELECT 1 FROM ledger.staff_scope AS s JOIN pg_catalog.pg_roles AS r ON r.rolname = s.role_name
    WHERE s.district_code IS NULL AND pg_catalog.pg_has_role(p_role, r.oid, 'MEMBER'));
END
$$;

ALTER FUNCTION ledger.scope_is_city_for(p_role name) OWNER TO propledger_owner;

--
-- Name: scope_is_city(); Type: FUNCTION; Schema: ledger; Owner: propledger_owner
--

CREATE FUNCTION ledger.scope_is_city() RETURNS boolean
    LANGUAGE sql STABLE
    RETURN ledger.scope_is_city_for(CURRENT_USER);

ALTER FUNCTION ledger.scope_is_city() OWNER TO propledger_owner;

--
-- Name: scope_covers(text); Type: FUNCTION; Schema: ledger; Owner: propledger_owner
--

CREATE FUNCTION ledger.scope_covers(p_district text) RETURNS boolean
    LANGUAGE sql STABLE
    RETURN (ledger.scope_is_city() OR (p_district = ANY (ledger.scope_districts())));

ALTER FUNCTION ledger.scope_covers(p_district text) OWNER TO propledger_owner;

--
-- Name: setting_set(text, numeric); Type: FUNCTION; Schema: ledger; Owner: propledger_owner
--

CREATE FUNCTION ledger.setting_set(p_key text, p_value numeric, OUT key text, OUT old_value numeric, OUT new_value numeric) RETURNS record
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
BEGIN
  SELECT s.value INTO old_value FROM ledger.settings AS s WHERE s.key = p_key FOR UPDATE;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'unknown setting "%"', p_key
      USING ERRCODE = '22023',
            HINT = 'Known settings: ' || (SELECT string_agg(s.key, ', ' ORDER BY s.key) FROM ledger.settings AS s) || '.';
  END IF;
  IF p_value IS NULL THEN
    RAISE EXCEPTION 'setting "%" needs a value', p_key USING ERRCODE = '22023';
  END IF;
  IF p_key LIKE 'score_weight_%' AND (p_value < 0 OR p_value > 1) THEN
    RAISE EXCEPTION 'setting "%" is a score weight: % is outside 0..1', p_key, p_value USING ERRCODE = '22023';
  END IF;
  IF p_key LIKE '%_days' AND (p_value < 1 OR p_value <> trunc(p_value)) THEN
    RAISE EXCEPTION 'setting "%" is a number of days: % is not a whole number of at least 1', p_key, p_value
      USING ERRCODE = '22023';
  END IF;
  UPDATE ledger.settings AS s SET value = p_value WHERE s.key = p_key;
  key := p_key;
  new_value := p_value;
END
$$;

ALTER FUNCTION ledger.setting_set(p_key text, p_value numeric, OUT key text, OUT old_value numeric, OUT new_value numeric) OWNER TO propledger_owner;

--
-- Name: FUNCTION setting_set(p_key text, p_value numeric, OUT key text, OUT old_value numeric, OUT new_value numeric); Type: COMMENT; Schema: ledger; Owner: propledger_owner
--

COMMENT ON FUNCTION ledger.setting_set(p_key text, p_value numeric, OUT key text, OUT old_value numeric, OUT new_value numeric) IS 'Changes one existing report setting (propledger settings set); raises 22023 for an unknown key, a weight outside 0..1 or a day count that is not a positive whole number. Returns the old and new value.';

--
-- Name: settings_weights_trigger(); Type: FUNCTION; Schema: ledger; Owner: propledger_owner
--

CREATE FUNCTION ledger.settings_weights_trigger() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
  total numeric;
  listed text;
BEGIN
  SELECT sum(s.value), string_agg(s.key || ' ' || s.value, ', ' ORDER BY s.key) INTO total, listed
  FROM ledger.settings AS s WHERE s.key LIKE 'score\_weight\_%';
  IF total IS DISTINCT FROM 1 THEN
    RAISE EXCEPTION 'the score weights sum to %, not 1.00', CASE WHEN scale(total) < 2 THEN round(total, 2)::text ELSE total::text END
      USING ERRCODE = 'check_violation', CONSTRAINT = 'settings_score_weights_sum_to_one',
            HINT = 'They are now ' || listed || '. Set them together so that they sum to 1, e.g. propledger settings set score_weight_service 0.5 score_weight_complaints 0';
  END IF;
  RETURN NULL;
END
$$;

ALTER FUNCTION ledger.settings_weights_trigger() OWNER TO propledger_owner;

--
-- Name: split_percent(numeric, numeric[]); Type: FUNCTION; Schema: ledger; Owner: propledger_owner
--

CREATE FUNCTION ledger.split_percent(amount numeric, percents numeric[]) RETURNS numeric[]
    LANGUAGE plpgsql IMMUTABLE STRICT SECURITY DEFINER PARALLEL SAFE
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
  i integer;
  total numeric := 0;
BEGIN
  IF coalesce(array_length(percents, 1), 0) = 0 THEN
    RAISE EXCEPTION 'nothing to split % over: no percents', amount USING ERRCODE = '22023';
  END IF;
  FOR i IN array_lower(percents, 1) .. array_upper(percents, 1) LOOP
    IF percents[i] IS NULL OR percents[i] < 0 THEN
      RAISE EXCEPTION 'percent % is %: percents must be 0 or more',
        i - array_lower(percents, 1) + 1, coalesce(percents[i]::text, 'NULL')
        USING ERRCODE = '22023';
    END IF;
    IF percents[i] <> trunc(percents[i], 2) THEN
      RAISE EXCEPTION 'percent % is %: percents have at most 2 decimals',
        i - array_lower(percents, 1) + 1, percents[i]
        USING ERRCODE = '22023';
    END IF;
    total := total + percents[i];
  END LOOP;
  IF total <> 100 THEN
    RAISE EXCEPTION 'percents sum to %, % %', round(total, 2), abs(round(100 - total, 2)),
      CASE WHEN total < 100 THEN 'short of 100' ELSE 'over 100' END
      USING ERRCODE = '22023';
  END IF;
  IF amount <> trunc(amount, 2) THEN
    RAISE EXCEPTION 'amount % has more than 2 decimals: money is exact to the fen', amount
      USING ERRCODE = '22023';
  END IF;
  RETURN (SELECT array_agg(sign(amount) * fen * 0.01 ORDER BY ord)
          FROM unnest(ledger.largest_remainder(abs(amount) * 100, percents)) WITH ORDINALITY AS p(fen, ord));
END
$$;

ALTER FUNCTION ledger.split_percent(amount numeric, percents numeric[]) OWNER TO propledger_owner;

--
-- Name: FUNCTION split_percent(amount numeric, percents numeric[]); Type: COMMENT; Schema: ledger; Owner: propledger_owner
--

COMMENT ON FUNCTION ledger.split_percent(amount numeric, percents numeric[]) IS 'Turns percentages (0 or more, at most 2 decimals, summing to exactly 100) into amounts by the largest-remainder rule of ledger.allocate (SPEC §2.4), ties in array order; a 0 percent gets 0.00. Raises 22023 naming the gap when the sum is off, e.g. "percents sum to 99.99, 0.01 short of 100". Example: SELECT ledger.split_percent(100, ARRAY[33.33, 33.33, 33.34]) -- {33.33,33.33,33.34}';

--
-- Name: threshold_parts(text); Type: FUNCTION; Schema: ledger; Owner: propledger_owner
--

CREATE FUNCTION ledger.threshold_parts(threshold text, OUT op text, OUT a numeric, OUT b numeric) RETURNS record
    LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $_$
DECLARE
  m text[] := regexp_match(threshold, '^(>=|>|<=|<)([0-9]+)/([0-9]+)$');
BEGIN
  IF m IS NULL OR m[3]::numeric = 0 THEN
    RAISE EXCEPTION 'not a threshold: "%"', threshold
      USING ERRCODE = '22023', HINT = 'Write a threshold as >=2/3, >1/2, <3/10 or <=1/2.';
  END IF;
  op := m[1];
  a := m[2]::numeric;
  b := m[3]::numeric;
END
$_$;

ALTER FUNCTION ledger.threshold_parts(threshold text, OUT op text, OUT a numeric, OUT b numeric) OWNER TO propledger_owner;

--
-- Name: FUNCTION threshold_parts(threshold text, OUT op text, OUT a numeric, OUT b numeric); Type: COMMENT; Schema: ledger; Owner: propledger_owner
--

COMMENT ON FUNCTION ledger.threshold_parts(threshold text, OUT op text, OUT a numeric, OUT b numeric) IS 'A threshold such as >=2/3, >1/2, <3/10 or <=1/2 parsed: its comparison and the fraction a/b. Raises 22023 for anything else (or b = 0); NULLs for NULL.';

--
-- Name: unit_key(text, text, text); Type: FUNCTION; Schema: ledger; Owner: propledger_owner
--

CREATE FUNCTION ledger.unit_key(compound_code text, building text, unit_no text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    RETURN ((((((length(compound_code) || ':'::text) || compound_code) || length(building)) || ':'::text) || building) || unit_no);

ALTER FUNCTION ledger.unit_key(compound_code text, building text, unit_no text) OWNER TO propledger_owner;

--
-- Name: FUNCTION unit_key(compound_code text, building text, unit_no text); Type: COMMENT; Schema: ledger; Owner: propledger_owner
--

COMMENT ON FUNCTION ledger.unit_key(compound_code text, building text, unit_no text) IS 'One text per unit, equal exactly when compound_code, building and unit_no are (length-prefixed). Example: SELECT ledger.unit_key(''C1'', ''1'', ''101'') -- 2:C11:1101';

--
-- Name: unit_hash(text, text, text); Type: FUNCTION; Schema: ledger; Owner: propledger_owner
--

CREATE FUNCTION ledger.unit_hash(compound_code text, building text, unit_no text) RETURNS bigint
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    RETURN hashtextextended(ledger.unit_key(compound_code, building, unit_no), (0)::bigint);

ALTER FUNCTION ledger.unit_hash(compound_code text, building text, unit_no text) OWNER TO propledger_owner;

--
-- Name: FUNCTION unit_hash(compound_code text, building text, unit_no text); Type: COMMENT; Schema: ledger; Owner: propledger_owner
--

COMMENT ON FUNCTION ledger.unit_hash(compound_code text, building text, unit_no text) IS 'The 64-bit hash of ledger.unit_key(compound_code, building, unit_no), leading the owners'' exclusion index. Example: SELECT ledger.unit_hash(''C1'', ''1'', ''101'')';

--
-- Name: uscc_check_char(text); Type: FUNCTION; Schema: ledger; Owner: propledger_owner
--

CREATE FUNCTION ledger.uscc_check_char(code text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $$
  WITH chars AS (
    SELECT i, strpos('0123456789ABCDEFGHJKLMNPQRTUWXY', substr(code, i, 1)) - 1 AS value
    FROM pg_catalog.generate_series(1, 17) AS i
  )
  SELECT CASE
    WHEN pg_catalog.char_length(code) NOT IN (17, 18) THEN NULL
    WHEN pg_catalog.bool_or(value < 0) THEN NULL
    -- weights 3^(i-1) mod 31, written out
    ELSE substr('0123456789ABCDEFGHJKLMNPQRTUWXY',
                (31 - (sum(value * ('{1,3,9,27,19,26,16,17,20,29,25,13,8,24,10,30,28}'::int[])[i]) % 31)::int) % 31 + 1, 1)
  END
  FROM chars
$$;

ALTER FUNCTION ledger.uscc_check_char(code text) OWNER TO propledger_owner;

--
-- Name: FUNCTION uscc_check_char(code text); Type: COMMENT; Schema: ledger; Owner: propledger_owner
--

COMMENT ON FUNCTION ledger.uscc_check_char(code text) IS 'The GB 32100-2015 check character of a unified social credit code, computed from its first 17 characters; the code may have 17 or 18 characters (an 18th is ignored). NULL when the length is wrong or one of the first 17 is outside 0-9A-HJ-NPQRTUWXY (upper case only). Example: SELECT ledger.uscc_check_char(''91350100M000100Y4'') -- ''3''';

--
-- Name: uscc_is_valid(text); Type: FUNCTION; Schema: ledger; Owner: propledger_owner
--

CREATE FUNCTION ledger.uscc_is_valid(code text) RETURNS boolean
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $$
  SELECT pg_catalog.char_length(code) = 18
     AND coalesce(ledger.uscc_check_char(code) = substr(code, 18, 1), false)
$$;

ALTER FUNCTION ledger.uscc_is_valid(code text) OWNER TO propledger_owner;

--
-- Name: FUNCTION uscc_is_valid(code text); Type: COMMENT; Schema: ledger; Owner: propledger_owner
--

COMMENT ON FUNCTION ledger.uscc_is_valid(code text) IS 'True when the text is an 18-character USCC whose check character is right (GB 32100-2015, SPEC §2.1). Use in CHECK constraints: CHECK (ledger.uscc_is_valid(uscc)). Example: SELECT ledger.uscc_is_valid(''91350100M000100Y43'') -- true';

--
-- Name: vote_evaluate(text, date, numeric, integer, numeric, integer, numeric, integer); Type: FUNCTION; Schema: ledger; Owner: propledger_owner
--

CREATE FUNCTION ledger.vote_evaluate(matter text, held_on date, total_area numeric, total_owners integer, participating_area numeric, participating_owners integer, approving_area numeric, approving_owners integer, OUT law text, OUT quorum_area_met boolean, OUT quorum_owners_met boolean, OUT approval_area_met boolean, OUT approval_owners_met boolean, OUT passed boolean) RETURNS record
    LANGUAGE plpgsql STABLE PARALLEL SAFE
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
  l ledger.vote_laws%ROWTYPE;
BEGIN
  SELECT * INTO l FROM ledger.vote_laws AS v
  WHERE v.valid_from <= held_on AND (v.valid_until IS NULL OR held_on < v.valid_until);
  IF NOT FOUND THEN
    RAISE EXCEPTION 'no law of owners'' votes in ledger.rules covers %', coalesce(held_on::text, 'a vote with no date')
      USING ERRCODE = '22023',
            HINT = 'The rules start with the Property Law on 2007-10-01; check held_on.';
  END IF;
  law := l.law;
  SELECT e.quorum_area_met, e.quorum_owners_met, e.approval_area_met, e.approval_owners_met, e.passed
    INTO quorum_area_met, quorum_owners_met, approval_area_met, approval_owners_met, passed
  FROM ledger.vote_evaluate_under(matter, l.quorum, l.approval_base, l.special_matters, l.special_approval,
                                  l.ordinary_approval, total_area, total_owners, participating_area,
                                  participating_owners, approving_area, approving_owners) AS e;
END
$$;

ALTER FUNCTION ledger.vote_evaluate(matter text, held_on date, total_area numeric, total_owners integer, participating_area numeric, participating_owners integer, approving_area numeric, approving_owners integer, OUT law text, OUT quorum_area_met boolean, OUT quorum_owners_met boolean, OUT approval_area_met boolean, OUT approval_owners_met boolean, OUT passed boolean) OWNER TO propledger_owner;

--
-- Name: FUNCTION vote_evaluate(matter text, held_on date, total_area numeric, total_owners integer, participating_area numeric, participating_owners integer, approving_area numeric, approving_owners integer, OUT law text, OUT quorum_area_met boolean, OUT quorum_owners_met boolean, OUT approval_area_met boolean, OUT approval_owners_met boolean, OUT passed boolean); Type: COMMENT; Schema: ledger; Owner: propledger_owner
--

COMMENT ON FUNCTION ledger.vote_evaluate(matter text, held_on date, total_area numeric, total_owners integer, participating_area numeric, participating_owners integer, approving_area numeric, approving_owners integer, OUT law text, OUT quorum_area_met boolean, OUT quorum_owners_met boolean, OUT approval_area_met boolean, OUT approval_owners_met boolean, OUT passed boolean) IS 'Evaluates an owners'' joint decision by the law in force on held_on (SPEC §2.2, §10): before 2021-01-01 the Property Law Art. 76 (no quorum; raise_fund, use_fund and renovate need at least 2/3 of the total area and owners, other matters more than half of the totals), from then Civil Code Art. 278 (quorum at least 2/3 of the area and of the owners; raise_fund, renovate and change_use at least 3/4 of the participating area and owners, every other matter more than 1/2 of them). Exact comparisons, no rounding. Raises 22023 for an unknown matter, a date no law covers, negative numbers, zero total owners or area, participants above the totals, or approvals above the participants. Example: SELECT * FROM ledger.vote_evaluate(''use_fund'', ''2021-03-01'', 10000, 120, 8000, 100, 6000, 70)';

--
-- Name: vote_evaluate_under(text, text, text, text, text, text, numeric, integer, numeric, integer, numeric, integer); Type: FUNCTION; Schema: ledger; Owner: propledger_owner
--

CREATE FUNCTION ledger.vote_evaluate_under(matter text, quorum text, approval_base text, special_matters text, special_approval text, ordinary_approval text, total_area numeric, total_owners integer, participating_area numeric, participating_owners integer, approving_area numeric, approving_owners integer, OUT quorum_area_met boolean, OUT quorum_owners_met boolean, OUT approval_area_met boolean, OUT approval_owners_met boolean, OUT passed boolean) RETURNS record
    LANGUAGE plpgsql IMMUTABLE SECURITY DEFINER PARALLEL SAFE
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
  approval text;
BEGIN
  IF matter IS NULL OR matter NOT IN ('use_fund', 'raise_fund', 'renovate', 'change_use', 'select_company', 'elect_committee', 'other') THEN
    RAISE EXCEPTION 'unknown vote matter "%"', matter
      USING ERRCODE = '22023',
            HINT = 'Use one of use_fund, raise_fund, renovate, change_use, select_company, elect_committee, other.';
  END IF;
  IF approval_base IS NULL OR approval_base NOT IN ('participating', 'total') OR special_approval IS NULL OR ordinary_approval IS NULL THEN
    RAISE EXCEPTION 'incomplete vote law: approval base %, special approval %, ordinary approval %',
      approval_base, special_approval, ordinary_approval USING ERRCODE = '22023';
  END IF;
  IF num_nulls(total_area, total_owners, participating_area, participating_owners, approving_area, approving_owners) > 0 THEN
    RAISE EXCEPTION 'a vote needs all six numbers' USING ERRCODE = '22023';
  END IF;
  IF least(total_area, participating_area, approving_area) < 0
     OR least(total_owners, participating_owners, approving_owners) < 0 THEN
    RAISE EXCEPTION 'vote numbers must not be negative (areas %, %, %; owners %, %, %)',
      total_area, participating_area, approving_area, total_owners, participating_owners, approving_owners
      USING ERRCODE = '22023';
  END IF;
  IF total_owners = 0 THEN
    RAISE EXCEPTION 'total owners is zero: a vote needs at least one owner' USING ERRCODE = '22023';
  END IF;
  IF total_area = 0 THEN
    RAISE EXCEPTION 'total area is zero: a vote needs the exclusive area of the compound' USING ERRCODE = '22023';
  END IF;
  IF participating_area > total_area THEN
    RAISE EXCEPTION 'participating area % exceeds total area %', participating_area, total_area
      USING ERRCODE = '22023';
  END IF;
  IF participating_owners > total_owners THEN
    RAISE EXCEPTION 'participating owners % exceed total owners %', participating_owners, total_owners
      USING ERRCODE = '22023';
  END IF;
  IF approving_area > participating_area THEN
    RAISE EXCEPTION 'approving area % exceeds participating area %', approving_area, participating_area
      USING ERRCODE = '22023';
  END IF;
  IF approving_owners > participating_owners THEN
    RAISE EXCEPTION 'approving owners % exceed participating owners %', approving_owners, participating_owners
      USING ERRCODE = '22023';
  END IF;

  -- "以上" includes the number itself (>=); "过半数" is strictly more (>). Exact: ledger.meets.
  quorum_area_met := quorum IS NULL OR ledger.meets(participating_area, total_area, quorum);
  quorum_owners_met := quorum IS NULL OR ledger.meets(participating_owners, total_owners, quorum);
  approval := CASE WHEN matter = ANY (string_to_array(special_matters, ',')) THEN special_approval ELSE ordinary_approval END;
  IF approval_base = 'participating' THEN
    approval_area_met := ledger.meets(approving_area, participating_area, approval);
    approval_owners_met := ledger.meets(approving_owners, participating_owners, approval);
  ELSE
    approval_area_met := ledger.meets(approving_area, total_area, approval);
    approval_owners_met := ledger.meets(approving_owners, total_owners, approval);
  END IF;
  passed := quorum_area_met AND quorum_owners_met AND approval_area_met AND approval_owners_met;
END
$$;

ALTER FUNCTION ledger.vote_evaluate_under(matter text, quorum text, approval_base text, special_matters text, special_approval text, ordinary_approval text, total_area numeric, total_owners integer, participating_area numeric, participating_owners integer, approving_area numeric, approving_owners integer, OUT quorum_area_met boolean, OUT quorum_owners_met boolean, OUT approval_area_met boolean, OUT approval_owners_met boolean, OUT passed boolean) OWNER TO propledger_owner;

--
-- Name: FUNCTION vote_evaluate_under(matter text, quorum text, approval_base text, special_matters text, special_approval text, ordinary_approval text, total_area numeric, total_owners integer, participating_area numeric, participating_owners integer, approving_area numeric, approving_owners integer, OUT quorum_area_met boolean, OUT quorum_owners_met boolean, OUT approval_area_met boolean, OUT approval_owners_met boolean, OUT passed boolean); Type: COMMENT; Schema: ledger; Owner: propledger_owner
--

COMMENT ON FUNCTION ledger.vote_evaluate_under(matter text, quorum text, approval_base text, special_matters text, special_approval text, ordinary_approval text, total_area numeric, total_owners integer, participating_area numeric, participating_owners integer, approving_area numeric, approving_owners integer, OUT quorum_area_met boolean, OUT quorum_owners_met boolean, OUT approval_area_met boolean, OUT approval_owners_met boolean, OUT passed boolean) IS 'Evaluates an owners'' joint decision under the thresholds of one law (a row of ledger.vote_laws). Exact comparisons (ledger.meets). Raises 22023 for an unknown matter, an incomplete law, negative numbers, zero total owners or area, participants above the totals, or approvals above the participants.';

--
-- Name: vote_laws_compute(); Type: FUNCTION; Schema: ledger; Owner: propledger_owner
--

CREATE FUNCTION ledger.vote_laws_compute() RETURNS TABLE(valid_from date, valid_until date, law text, quorum text, approval_base text, special_matters text, special_approval text, ordinary_approval text, source_zh text, source_en text)
    LANGUAGE sql STABLE
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
  SELECT d.valid_from,
         lead(d.valid_from) OVER (ORDER BY d.valid_from),
         ledger.rule_value(NULL, 'vote.law', d.valid_from),
         ledger.rule_value(NULL, 'vote.quorum', d.valid_from),
         ledger.rule_value(NULL, 'vote.approval_base', d.valid_from),
         ledger.rule_value(NULL, 'vote.special_matters', d.valid_from),
         ledger.rule_value(NULL, 'vote.special_approval', d.valid_from),
         ledger.rule_value(NULL, 'vote.ordinary_approval', d.valid_from),
         l.source_zh, l.source_en
  FROM (SELECT DISTINCT r.effective_from AS valid_from FROM ledger.rules AS r
        WHERE r.jurisdiction = 'national' AND r.parameter LIKE 'vote.%') AS d
  LEFT JOIN LATERAL ledger.rule_in_force(NULL, 'vote.law', d.valid_from) AS l ON true
$$;

ALTER FUNCTION ledger.vote_laws_compute() OWNER TO propledger_owner;

--
-- Name: FUNCTION vote_laws_compute(); Type: COMMENT; Schema: ledger; Owner: propledger_owner
--

COMMENT ON FUNCTION ledger.vote_laws_compute() IS 'The law of owners'' votes in force from valid_from until (not including) valid_until, with its thresholds, pivoted from ledger.rules (SPEC §2.2, §10); kept in staging.vote_laws_kept, read as ledger.vote_laws.';

--
-- Name: vote_passes(text, date, numeric, integer, numeric, integer, numeric, integer); Type: FUNCTION; Schema: ledger; Owner: propledger_owner
--

CREATE FUNCTION ledger.vote_passes(matter text, held_on date, total_area numeric, total_owners integer, participating_area numeric, participating_owners integer, approving_area numeric, approving_owners integer) RETURNS boolean
    LANGUAGE sql STABLE PARALLEL SAFE
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
  SELECT (ledger.vote_evaluate(matter, held_on, total_area, total_owners, participating_area,
                               participating_owners, approving_area, approving_owners)).passed
$$;

ALTER FUNCTION ledger.vote_passes(matter text, held_on date, total_area numeric, total_owners integer, participating_area numeric, participating_owners integer, approving_area numeric, approving_owners integer) OWNER TO propledger_owner;

--
-- Name: FUNCTION vote_passes(matter text, held_on date, total_area numeric, total_owners integer, participating_area numeric, participating_owners integer, approving_area numeric, approving_owners integer); Type: COMMENT; Schema: ledger; Owner: propledger_owner
--

COMMENT ON FUNCTION ledger.vote_passes(matter text, held_on date, total_area numeric, total_owners integer, participating_area numeric, participating_owners integer, approving_area numeric, approving_owners integer) IS 'True when the vote passes under ledger.vote_evaluate (same arguments, same errors). Example: SELECT ledger.vote_passes(''raise_fund'', ''2021-03-01'', 1000, 40, 800, 40, 600, 30)';

SET default_tablespace = '';

SET default_table_access_method = heap;

--
-- Name: votes_kept; Type: TABLE; Schema: staging; Owner: propledger_owner
--

CREATE TABLE staging.votes_kept (
    project_code text NOT NULL,
    matter text NOT NULL,
    held_on date NOT NULL,
    district_code text NOT NULL,
    total_area_m2 numeric(12,2),
    total_owners integer,
    total_area_computed boolean,
    total_owners_computed boolean,
    participating_area_m2 numeric(12,2),
    participating_owners integer,
    approving_area_m2 numeric(12,2),
    approving_owners integer,
    counts_possible boolean,
    quorum_area_met boolean,
    quorum_owners_met boolean,
    approval_area_met boolean,
    approval_owners_met boolean,
    passed boolean,
    law text,
    counted_from text,
    ballots bigint,
    ballots_disagree boolean,
    ballot_participating_area numeric(12,2),
    ballot_participating_owners integer,
    ballot_approving_area numeric(12,2),
    ballot_approving_owners integer
);

ALTER TABLE ONLY staging.votes_kept FORCE ROW LEVEL SECURITY;

ALTER TABLE staging.votes_kept OWNER TO propledger_owner;

--
-- Name: TABLE votes_kept; Type: COMMENT; Schema: staging; Owner: propledger_owner
--

COMMENT ON TABLE staging.votes_kept IS 'The rows of ledger.votes_evaluated kept per project; current for every project not in staging.projects_stale. Written only by ledger.refresh_kept.';

--
-- Name: votes_of(text); Type: FUNCTION; Schema: ledger; Owner: propledger_owner
--

CREATE FUNCTION ledger.votes_of(p_project_code text) RETURNS SETOF staging.votes_kept
    LANGUAGE plpgsql STABLE
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM staging.projects_stale AS s WHERE s.project_code = p_project_code) THEN
    RETURN QUERY SELECT e.* FROM ledger.votes_evaluated AS e WHERE e.project_code = p_project_code;
  ELSE
    RETURN QUERY SELECT k.* FROM staging.votes_kept AS k WHERE k.project_code = p_project_code;
  END IF;
END
$$;

ALTER FUNCTION ledger.votes_of(p_project_code text) OWNER TO propledger_owner;

--
-- Name: FUNCTION votes_of(p_project_code text); Type: COMMENT; Schema: ledger; Owner: propledger_owner
--

COMMENT ON FUNCTION ledger.votes_of(p_project_code text) IS 'One project''s rows of ledger.votes_evaluated: kept (staging.votes_kept) unless the project is marked stale, else counted now.';

--
-- Name: allocate(numeric, numeric[]); Type: FUNCTION; Schema: report; Owner: propledger_owner
--

CREATE FUNCTION report.allocate(amount numeric, weights numeric[]) RETURNS numeric[]
    LANGUAGE sql IMMUTABLE STRICT SECURITY DEFINER PARALLEL SAFE
    SET search_path TO 'pg_catalog', 'pg_temp'
    RETURN ledger.allocate(amount, weights);

ALTER FUNCTION report.allocate(amount numeric, weights numeric[]) OWNER TO propledger_owner;

--
-- Name: FUNCTION allocate(amount numeric, weights numeric[]); Type: COMMENT; Schema: report; Owner: propledger_owner
--

COMMENT ON FUNCTION report.allocate(amount numeric, weights numeric[]) IS 'ledger.allocate for readers: SPEC §2.3 largest-remainder split, exact to the fen.';

--
-- Name: allocate_weights(numeric, numeric[]); Type: FUNCTION; Schema: report; Owner: propledger_owner
--

CREATE FUNCTION report.allocate_weights(amount numeric, weights numeric[]) RETURNS numeric[]
    LANGUAGE sql IMMUTABLE STRICT SECURITY DEFINER PARALLEL SAFE
    SET search_path TO 'pg_catalog', 'pg_temp'
    RETURN ledger.allocate_weights(amount, weights);

ALTER FUNCTION report.allocate_weights(amount numeric, weights numeric[]) OWNER TO propledger_owner;

--
-- Name: FUNCTION allocate_weights(amount numeric, weights numeric[]); Type: COMMENT; Schema: report; Owner: propledger_owner
--

COMMENT ON FUNCTION report.allocate_weights(amount numeric, weights numeric[]) IS 'ledger.allocate_weights for readers: the §2.3 split over weights that may be 0.';

--
-- Name: anomalies_report(date, text, text, text); Type: FUNCTION; Schema: report; Owner: propledger_owner
--

CREATE FUNCTION report.anomalies_report(p_as_of date DEFAULT CURRENT_DATE, p_district text DEFAULT NULL::text, p_street text DEFAULT NULL::text, p_community text DEFAULT NULL::text) RETURNS TABLE(kind text, key text, district_code text, detail jsonb)
    LANGUAGE plpgsql STABLE
    SET search_path TO 'pg_catalog', 'pg_temp'
    SET jit TO 'off'
    AS $$
#variable_conflict use_column
BEGIN
  RETURN QUERY
  WITH c AS (SELECT * FROM report.compounds_filtered(p_district, p_street, p_community)),
  status AS (SELECT s.* FROM report.management_status(p_as_of) AS s JOIN c USING (compound_code)
             WHERE p_district IS NULL OR s.district_code = p_district),
  -- A case's state as of p_as_of has one definition: report.clearance_as_of.
  cases AS (SELECT k.* FROM report.clearance_as_of(p_as_of) AS k JOIN c USING (compound_code)
            WHERE p_district IS NULL OR k.district_code = p_district),
  -- The fund postings of the compounds where a refund may have been cut short or compound interest may have
  -- found no balance (read twice below). Only those: a compound whose deposits exceed its draws up to the
  -- day before an interest posting has some positive balance then (an account moves by at most what was
  -- posted), and one without refunds cuts none short — so the simulation runs for few compounds.
  fund AS (SELECT f.* FROM report.fund_postings(p_as_of, ARRAY(
             SELECT k.compound_code FROM c AS k
             WHERE EXISTS (SELECT 1 FROM report.fund_deposits AS d
                           WHERE d.compound_code = k.compound_code AND d.kind = 'refund' AND d.deposited_on <= p_as_of)
                OR EXISTS (SELECT 1 FROM report.fund_interest AS i
                           WHERE i.compound_code = k.compound_code AND i.posted_on <= p_as_of
                             AND coalesce((SELECT sum(d.amount_yuan) FROM report.fund_deposits AS d
                                           WHERE d.compound_code = k.compound_code AND d.deposited_on < i.posted_on), 0)
                                 <= coalesce((SELECT sum(y.amount_yuan) FROM report.fund_draws AS y
                                              WHERE y.compound_code = k.compound_code AND y.paid_on < i.posted_on), 0)))) AS f)
  SELECT x.kind, x.key, x.district_code, x.detail FROM (
    SELECT 1 AS o, 'unverified_resolution' AS kind, k.compound_code || ' ' || k.identified_on AS key, k.district_code,
           report.said('anomalyUnverified', jsonb_build_object(
             'resolution', report.coded('clearance', 'resolution', k.resolution), 'resolved', k.resolved_on::text,
             'mode', report.coded('management', 'mode', k.expected_mode), 'asof', p_as_of::text)) AS detail
    FROM cases AS k WHERE k.state = 'resolved_unverified'
    UNION ALL
    SELECT 2, 'unmanaged_without_case', s.compound_code, s.district_code,
           report.said('anomalyUnmanaged', jsonb_build_object('compound', s.compound_name, 'asof', p_as_of::text))
    FROM status AS s
    WHERE NOT s.managed AND NOT EXISTS (SELECT 1 FROM cases AS k WHERE k.compound_code = s.compound_code
                                        AND k.state = 'open')
    UNION ALL
    SELECT 3, 'relapsed', k.compound_code || ' ' || k.identified_on, k.district_code,
           report.said('anomalyRelapsed', jsonb_build_object(
             'resolution', report.coded('clearance', 'resolution', k.resolution), 'resolved', k.resolved_on::text, 'asof', p_as_of::text))
    FROM cases AS k JOIN status AS s ON s.compound_code = k.compound_code
    WHERE k.state = 'resolved_verified' AND NOT s.managed
    UNION ALL
    SELECT 4, 'overdue_case', k.compound_code || ' ' || k.identified_on, k.district_code,
           report.said('anomalyOverdueCase', jsonb_build_object('target', k.target_on::text))
    FROM cases AS k WHERE k.overdue
    UNION ALL
    SELECT 5, 'inspection_company_not_managing', i.inspection_code, i.district_code,
           report.said('anomalyCompanyNotManaging', jsonb_build_object('uscc', i.company_uscc, 'compound', i.compound_code,
                                                                        'date', i.inspected_on::text))
    FROM report.inspections AS i JOIN c USING (compound_code)
    WHERE i.company_uscc IS NOT NULL AND i.inspected_on <= p_as_of AND (p_district IS NULL OR i.district_code = p_district)
      AND NOT EXISTS (SELECT 1 FROM report.management_periods AS m
                      WHERE m.compound_code = i.compound_code AND m.company_uscc = i.company_uscc
                        AND i.inspected_on BETWEEN m.start_on AND coalesce(m.end_on, 'infinity'))
    UNION ALL
    SELECT 6, 'complaint_company_not_managing', k.complaint_code, k.district_code,
           report.said('anomalyCompanyNotManaging', jsonb_build_object('uscc', k.company_uscc, 'compound', k.compound_code,
                                                                        'date', k.received_on::text))
    FROM report.complaints AS k JOIN c USING (compound_code)
    WHERE k.company_uscc IS NOT NULL AND k.received_on <= p_as_of AND (p_district IS NULL OR k.district_code = p_district)
      AND NOT EXISTS (SELECT 1 FROM report.management_periods AS m
                      WHERE m.compound_code = k.compound_code AND m.company_uscc = k.company_uscc
                        AND k.received_on BETWEEN m.start_on AND coalesce(m.end_on, 'infinity'))
    UNION ALL
    SELECT 7, 'overrun', x.project_code || ' ' || x.source || coalesce(' ' || x.payer, ''), x.district_code,
           report.said('anomalyOverrun', jsonb_build_object('paid', x.paid::text, 'committed', x.committed::text, 'overrun', x.overrun::text))
    FROM report.project_shares_as_of(p_as_of, p_district) AS x
    JOIN report.projects AS p ON p.project_code = x.project_code JOIN c ON c.compound_code = p.compound_code
    WHERE x.overrun > 0 AND (p_district IS NULL OR p.district_code = p_district)
    UNION ALL
    SELECT 8, 'final_cost_over_budget', p.project_code, p.district_code,
           report.said('anomalyFinalCost', jsonb_build_object('cost', p.final_cost_yuan::text, 'budget', p.budget_yuan::text))
    FROM report.projects AS p JOIN c ON c.compound_code = p.compound_code
    WHERE p.final_cost_yuan > p.budget_yuan AND (p_district IS NULL OR p.district_code = p_district)
    UNION ALL
    SELECT 9, 'payment_outside_approval', y.voucher_no, y.district_code,
           report.said(CASE WHEN p.approved_on IS NULL THEN 'anomalyPaymentUnapproved' ELSE 'anomalyPaymentBeforeApproval' END,
                       jsonb_build_object('paid', y.paid_on::text, 'project', p.project_code,
                                          'status', report.coded('projects', 'status', p.status), 'approved', p.approved_on::text))
    FROM report.payments AS y JOIN report.projects AS p ON p.project_code = y.project_code
    JOIN c ON c.compound_code = p.compound_code
    WHERE y.paid_on <= p_as_of AND (p.approved_on IS NULL OR y.paid_on < p.approved_on)
      AND (p_district IS NULL OR y.district_code = p_district)
    UNION ALL
    -- SPEC §10: a committee over a 一般 limit of its jurisdiction (a warning), or breaking a rule added
    -- after it was loaded (a refusal found now).
    SELECT 10, CASE WHEN f.refusal THEN 'committee_breaks_rule' ELSE 'committee_over_general_limit' END,
           f.compound_code || ' ' || f.term_start, c.district_code,
           -- the finding's sentence in English (ledger.committee_findings, the loader's), its rule's label in Chinese
           report.said('anomalyCommitteeRule', jsonb_build_object(
             'finding', jsonb_build_object('en', f.message, 'zh', report.coded('anomalies', 'rule', f.rule) ->> 'zh'),
             'source', jsonb_build_object('en', f.source_en, 'zh', f.source_zh)))
    FROM report.committee_findings AS f JOIN c USING (compound_code)
    WHERE f.term_start <= p_as_of
    UNION ALL
    -- SPEC §6 (sql/schema/050-fund.sql): owing units, units that must top up (or, past the default delay of
    -- their jurisdiction, owe the default top-up), draws without a vote.
    SELECT 11, CASE WHEN u.owing THEN 'fund_owing' WHEN u.topup_default_due IS NOT NULL THEN 'fund_topup_default'
                    ELSE 'fund_below_threshold' END,
           u.compound_code || ' ' || u.building || ' ' || u.unit_no, u.district_code,
           CASE WHEN u.owing THEN report.said('anomalyFundOwing', jsonb_build_object('owed', u.owed::text))
                WHEN u.topup_default_due IS NOT NULL
                THEN report.said('anomalyFundTopupDefault', jsonb_build_object(
                       'balance', u.balance::text, 'since', u.below_since::text,
                       'days', r.topup_default_after_days::text,
                       'due', u.topup_default_due::text,
                       'target', r.topup_default_target,
                       'first', u.first_deposits::text))
                ELSE report.said('anomalyFundBelowThreshold', jsonb_build_object('balance', u.balance::text, 'first', u.first_deposits::text)) END
    FROM report.fund_units_of(p_as_of, report.fund_compounds_selected(p_district, p_street, p_community), true) AS u
    LEFT JOIN report.fund_rules(p_as_of) AS r ON r.district_code = u.district_code
    UNION ALL
    SELECT 12, 'fund_emergency_draw', y.voucher_no, y.district_code,
           report.said('anomalyEmergencyDraw', jsonb_build_object(
             'amount', y.amount_yuan::text, 'date', y.paid_on::text, 'project', y.project_code, 'category', report.coded('rules', 'value', y.emergency_category),
             'reason', y.emergency_reason, 'applicant', report.coded('projects', 'emergency_applicant', y.emergency_applicant),
             'confirmer', y.emergency_confirmed_by, 'confirmed', y.emergency_confirmed_on::text))
    FROM report.fund_draws AS y JOIN c USING (compound_code)
    WHERE y.emergency AND y.paid_on <= p_as_of AND (p_district IS NULL OR y.district_code = p_district)
    UNION ALL
    -- A refund the balance could not cover in full (the account never goes below zero): the bank paid out
    -- less than the voucher says, or a draw came first.
    SELECT 13, 'fund_refund_cut_short', f.reference, f.district_code,
           report.said('anomalyRefundCutShort', jsonb_build_object(
             'refund', (-f.posted)::text, 'building', f.building, 'unit', f.unit_no, 'compound', f.compound_code,
             'date', f.posted_on::text, 'taken', (-f.amount)::text))
    FROM fund AS f
    WHERE f.kind = 'refund' AND f.amount > f.posted
    UNION ALL
    -- Compound interest posted when every unit's balance at the end of the day before was zero: there is
    -- nothing to allocate it by, so no account received it.
    SELECT 14, 'fund_interest_unallocated', i.compound_code || ' ' || i.posted_on, i.district_code,
           report.said('anomalyInterestUnallocated', jsonb_build_object('amount', i.amount_yuan::text, 'date', i.posted_on::text))
    FROM report.fund_interest AS i JOIN c USING (compound_code)
    WHERE i.posted_on <= p_as_of AND (p_district IS NULL OR i.district_code = p_district)
      -- a compound with accounts among those simulated (the others had a positive balance), and no allocation of
      -- that day's interest among its postings. IN and NOT IN (hashed subplans; the columns are never NULL): NOT
      -- EXISTS was planned as a nested loop reading the simulated postings once per interest row (province: 377
      -- rows × 743,782 postings, 21.6 s).
      AND i.compound_code IN (SELECT f.compound_code FROM fund AS f)
      AND (i.compound_code, i.posted_on) NOT IN (SELECT f.compound_code, f.posted_on FROM fund AS f
                                                 WHERE f.kind = 'interest' AND f.reference = 'compound')
  ) AS x
  ORDER BY x.o, x.key;
END
$$;

ALTER FUNCTION report.anomalies_report(p_as_of date, p_district text, p_street text, p_community text) OWNER TO propledger_owner;

--
-- Name: FUNCTION anomalies_report(p_as_of date, p_district text, p_street text, p_community text); Type: COMMENT; Schema: report; Owner: propledger_owner
--

COMMENT ON FUNCTION report.anomalies_report(p_as_of date, p_district text, p_street text, p_community text) IS 'SPEC §4 anomalies: findings for the oversight desk — unverified resolutions, unmanaged compounds without an open case, relapsed compounds, overdue cases, inspections and complaints naming a company that does not manage the compound on that date, overruns, final cost over budget, payments before approval, committees over a 一般 limit of their jurisdiction or breaking a rule added later; fund units owing, below the top-up threshold or owing their jurisdiction''s default top-up, emergency draws on the fund, refunds cut short by the balance, compound interest allocated to no unit (SPEC §6).';

--
-- Name: apportion_report(text); Type: FUNCTION; Schema: report; Owner: propledger_owner
--

CREATE FUNCTION report.apportion_report(p_project_code text) RETURNS TABLE(building text, unit_no text, floor_area_m2 numeric, weight numeric, amount numeric)
    LANGUAGE plpgsql STABLE
    SET search_path TO 'pg_catalog', 'pg_temp'
    SET jit TO 'off'
    AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM report.projects AS p WHERE p.project_code = p_project_code) THEN
    RAISE EXCEPTION 'project "%" not found', p_project_code
      USING ERRCODE = 'P0002', HINT = 'Check the code with propledger report projects (a district user sees only their districts).';
  END IF;
  -- The apportionment rule has one home, the view report.apportionment (SPEC §2.3; its scope is
  -- ledger.project_units, its split ledger.allocate).
  RETURN QUERY
  SELECT a.building, a.unit_no, a.floor_area_m2, a.weight, a.amount_yuan
  FROM report.apportionment AS a WHERE a.project_code = p_project_code
  ORDER BY a.position;
END
$$;

ALTER FUNCTION report.apportion_report(p_project_code text) OWNER TO propledger_owner;

--
-- Name: FUNCTION apportion_report(p_project_code text); Type: COMMENT; Schema: report; Owner: propledger_owner
--

COMMENT ON FUNCTION report.apportion_report(p_project_code text) IS 'SPEC §4 apportion: the owners'' + maintenance-fund share of a project over the units in its scope by agreed weight where the project has weights (weight), else by floor area, exact to the fen (§2.3, ties in natural (building, unit_no) order); the amounts sum to the share. Raises P0002 when the project is not in view.';

--
-- Name: clearance_as_of(date); Type: FUNCTION; Schema: report; Owner: propledger_owner
--

CREATE FUNCTION report.clearance_as_of(as_of date DEFAULT CURRENT_DATE) RETURNS TABLE(compound_code text, identified_on date, district_code text, street_code text, community_code text, community_type text, target_on date, resolution text, resolved_on date, verified boolean, state text, overdue boolean, expected_mode text, note text)
    LANGUAGE sql STABLE
    AS $$
  SELECT k.compound_code, k.identified_on, k.district_code, k.street_code, k.community_code, k.community_type,
         k.target_on, r.resolution, r.resolved_on, r.verified,
         CASE WHEN r.resolved_on IS NULL THEN 'open'
              WHEN r.verified THEN 'resolved_verified' ELSE 'resolved_unverified' END,
         r.resolved_on IS NULL AND k.target_on < as_of,
         k.expected_mode, k.note
  FROM report.clearance_cases AS k
  CROSS JOIN LATERAL (SELECT CASE WHEN k.resolved_on <= as_of THEN k.resolution END AS resolution,
                             CASE WHEN k.resolved_on <= as_of THEN k.resolved_on END AS resolved_on,
                             CASE WHEN k.resolved_on <= as_of
                                  THEN coalesce(k.verified AND k.verifying_period_start_on <= as_of, false) END AS verified) AS r
  WHERE k.identified_on <= as_of
$$;

ALTER FUNCTION report.clearance_as_of(as_of date) OWNER TO propledger_owner;

--
-- Name: FUNCTION clearance_as_of(as_of date); Type: COMMENT; Schema: report; Owner: propledger_owner
--

COMMENT ON FUNCTION report.clearance_as_of(as_of date) IS 'Clearance cases identified by as_of: state open / resolved_verified (its verifying period started by as_of) / resolved_unverified, overdue = open past target_on. The one definition every report uses.';

--
-- Name: clearance_report(date, text, text, text, text); Type: FUNCTION; Schema: report; Owner: propledger_owner
--

CREATE FUNCTION report.clearance_report(p_as_of date DEFAULT CURRENT_DATE, p_by text DEFAULT 'district'::text, p_district text DEFAULT NULL::text, p_street text DEFAULT NULL::text, p_community text DEFAULT NULL::text) RETURNS TABLE(group_code text, group_name text, identified bigint, resolved_verified bigint, resolved_unverified bigint, open bigint, overdue bigint, company_takeover bigint, self_management bigint, community_fallback bigint, cleared_pct numeric, unmanaged_now bigint, unmanaged_without_case bigint, relapsed bigint)
    LANGUAGE plpgsql STABLE
    SET search_path TO 'pg_catalog', 'pg_temp'
    SET jit TO 'off'
    AS $$
BEGIN
  IF p_by IS NULL OR p_by NOT IN ('district', 'street', 'community_type') THEN
    RAISE EXCEPTION 'cannot group clearance by "%"', p_by
      USING ERRCODE = '22023', HINT = 'Use district, street or community_type.';
  END IF;
  RETURN QUERY
  WITH c AS (
    SELECT f.*,
           CASE p_by WHEN 'district' THEN f.district_code WHEN 'street' THEN f.street_code
                     ELSE f.community_type END AS g_code,
           CASE p_by WHEN 'district' THEN f.district_name WHEN 'street' THEN f.street_name
                     ELSE f.community_type END AS g_name
    FROM report.compounds_filtered(p_district, p_street, p_community) AS f
  ), status AS (
    SELECT s.compound_code, s.managed FROM report.management_status(p_as_of) AS s
    WHERE p_district IS NULL OR s.district_code = p_district
  ), cases AS (
    -- A case's state as of p_as_of has one definition: report.clearance_as_of.
    SELECT c.g_code, k.compound_code, k.target_on, k.resolution,
           CASE k.state WHEN 'resolved_verified' THEN 'verified' WHEN 'resolved_unverified' THEN 'unverified'
                        ELSE 'open' END AS state
    FROM report.clearance_as_of(p_as_of) AS k JOIN c ON c.compound_code = k.compound_code
    WHERE p_district IS NULL OR k.district_code = p_district
  ), case_counts AS (
    SELECT x.g_code,
           count(*) AS identified,
           count(*) FILTER (WHERE x.state = 'verified') AS verified,
           count(*) FILTER (WHERE x.state = 'unverified') AS unverified,
           count(*) FILTER (WHERE x.state = 'open') AS open_cases,
           count(*) FILTER (WHERE x.state = 'open' AND x.target_on < p_as_of) AS overdue,
           count(*) FILTER (WHERE x.state = 'verified' AND x.resolution = 'company_takeover') AS company_takeover,
           count(*) FILTER (WHERE x.state = 'verified' AND x.resolution = 'self_management') AS self_management,
           count(*) FILTER (WHERE x.state = 'verified' AND x.resolution = 'community_fallback') AS community_fallback,
           count(*) FILTER (WHERE x.state = 'verified' AND NOT s.managed) AS relapsed
    FROM cases AS x JOIN status AS s ON s.compound_code = x.compound_code
    GROUP BY x.g_code
  ), unmanaged AS (
    SELECT c.g_code, count(*) AS unmanaged_now,
           -- "without case": no case open on as_of (a compound whose case was resolved and
           -- which is unmanaged again counts as relapsed and as without case).
           count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM cases AS x
                                              WHERE x.compound_code = c.compound_code AND x.state = 'open'))
             AS without_case
    FROM c JOIN status AS s ON s.compound_code = c.compound_code
    WHERE NOT s.managed
    GROUP BY c.g_code
  ), groups AS (
    SELECT DISTINCT c.g_code, c.g_name FROM c
  )
  SELECT g.g_code, g.g_name,
         coalesce(n.identified, 0), coalesce(n.verified, 0), coalesce(n.unverified, 0),
         coalesce(n.open_cases, 0), coalesce(n.overdue, 0), coalesce(n.company_takeover, 0),
         coalesce(n.self_management, 0), coalesce(n.community_fallback, 0),
         round(100.0 * n.verified / nullif(n.identified, 0), 1),
         coalesce(u.unmanaged_now, 0), coalesce(u.without_case, 0), coalesce(n.relapsed, 0)
  FROM groups AS g
  LEFT JOIN case_counts AS n ON n.g_code = g.g_code
  LEFT JOIN unmanaged AS u ON u.g_code = g.g_code
  ORDER BY g.g_code;
END
$$;

ALTER FUNCTION report.clearance_report(p_as_of date, p_by text, p_district text, p_street text, p_community text) OWNER TO propledger_owner;

--
-- Name: FUNCTION clearance_report(p_as_of date, p_by text, p_district text, p_street text, p_community text); Type: COMMENT; Schema: report; Owner: propledger_owner
--

COMMENT ON FUNCTION report.clearance_report(p_as_of date, p_by text, p_district text, p_street text, p_community text) IS 'SPEC §4 clearance: per district (p_by district | street | community_type) the cases identified by as_of, verified / unverified resolutions, open and overdue cases, verified resolutions by path, cleared_pct = verified / identified (1 decimal), compounds unmanaged on as_of, those without an open case, and relapsed verified cases. Raises 22023 for another p_by.';

--
-- Name: vote_laws_kept; Type: TABLE; Schema: staging; Owner: propledger_owner
--

CREATE TABLE staging.vote_laws_kept (
    valid_from date NOT NULL,
    valid_until date,
    law text,
    quorum text,
    approval_base text,
    special_matters text,
    special_approval text,
    ordinary_approval text,
    source_zh text,
    source_en text
);

ALTER TABLE staging.vote_laws_kept OWNER TO propledger_owner;

--
-- Name: TABLE vote_laws_kept; Type: COMMENT; Schema: staging; Owner: propledger_owner
--

COMMENT ON TABLE staging.vote_laws_kept IS 'The rows of ledger.vote_laws_compute(), rewritten by the statement trigger rules_keep_vote_laws whenever ledger.rules changes; read as ledger.vote_laws. Owner-written; the laws are public.';

--
-- Name: vote_laws; Type: VIEW; Schema: ledger; Owner: propledger_owner
--

CREATE VIEW ledger.vote_laws AS
 SELECT k.valid_from,
    k.valid_until,
    k.law,
    k.quorum,
    k.approval_base,
    k.special_matters,
    k.special_approval,
    k.ordinary_approval,
    k.source_zh,
    k.source_en
   FROM staging.vote_laws_kept k;

ALTER TABLE ledger.vote_laws OWNER TO propledger_owner;

--
-- Name: VIEW vote_laws; Type: COMMENT; Schema: ledger; Owner: propledger_owner
--

COMMENT ON VIEW ledger.vote_laws IS 'The law of owners'' votes in force from valid_from until (not including) valid_until, with its thresholds, from ledger.rules (SPEC §2.2, §10; kept: ledger.vote_laws_compute).';

--
-- Name: load_kinds; Type: TABLE; Schema: staging; Owner: propledger_owner
--

CREATE TABLE staging.load_kinds (
    kind text NOT NULL,
    load_order smallint NOT NULL,
    district_from text NOT NULL,
    district_column text NOT NULL,
    parent_kind text,
    noun_en text NOT NULL,
    noun_zh text NOT NULL,
    CONSTRAINT load_kinds_district_from_known CHECK ((district_from = ANY (ARRAY['column'::text, 'code_prefix'::text, 'parent'::text, 'party_host'::text]))),
    CONSTRAINT load_kinds_kind_is_a_name CHECK ((kind ~ '^[a-z][a-z0-9_]*$'::text)),
    CONSTRAINT load_kinds_load_order_positive CHECK ((load_order >= 1)),
    CONSTRAINT load_kinds_nouns_not_blank CHECK (((btrim(noun_en) <> ''::text) AND (btrim(noun_zh) <> ''::text))),
    CONSTRAINT load_kinds_parent_when_from_parent CHECK (((district_from = 'parent'::text) = (parent_kind IS NOT NULL)))
);

ALTER TABLE staging.load_kinds OWNER TO propledger_owner;

--
-- Name: TABLE load_kinds; Type: COMMENT; Schema: staging; Owner: propledger_owner
--

COMMENT ON TABLE staging.load_kinds IS 'The kinds of file `propledger load` takes (SPEC §3): kind = file name without .csv = ledger table name; load_order = the order of `load --dir`. Keys and rules come from the ledger table, not from here.';

--
-- Name: COLUMN load_kinds.district_from; Type: COMMENT; Schema: staging; Owner: propledger_owner
--

COMMENT ON COLUMN staging.load_kinds.district_from IS 'How a row finds its district: column = district_column is the district code; code_prefix = the first six digits of district_column; parent = the district of the parent_kind row whose district_column (its key) the row names; party_host = the host compound (host_type committee) or company (host_type company) named in host_key.';

--
-- Name: COLUMN load_kinds.district_column; Type: COMMENT; Schema: staging; Owner: propledger_owner
--

COMMENT ON COLUMN staging.load_kinds.district_column IS 'The column of the file that leads to the district; messages about the district name it.';

--
-- Name: COLUMN load_kinds.parent_kind; Type: COMMENT; Schema: staging; Owner: propledger_owner
--

COMMENT ON COLUMN staging.load_kinds.parent_kind IS 'For district_from = parent: the kind whose row holds the district, found by district_column (its key).';

--
-- Name: COLUMN load_kinds.noun_en; Type: COMMENT; Schema: staging; Owner: propledger_owner
--

COMMENT ON COLUMN staging.load_kinds.noun_en IS 'One row of the kind, for messages in English ("unknown compound").';

--
-- Name: COLUMN load_kinds.noun_zh; Type: COMMENT; Schema: staging; Owner: propledger_owner
--

COMMENT ON COLUMN staging.load_kinds.noun_zh IS 'One row of the kind, for messages in Chinese.';

--
-- Name: output_labels; Type: TABLE; Schema: staging; Owner: propledger_owner
--

CREATE TABLE staging.output_labels (
    kind text NOT NULL,
    column_name text NOT NULL,
    code text NOT NULL,
    "position" smallint NOT NULL,
    label_zh text NOT NULL,
    CONSTRAINT value_labels_label_zh_trimmed CHECK (((label_zh <> ''::text) AND (label_zh = btrim(label_zh))))
);

ALTER TABLE staging.output_labels OWNER TO propledger_owner;

--
-- Name: TABLE output_labels; Type: COMMENT; Schema: staging; Owner: propledger_owner
--

COMMENT ON TABLE staging.output_labels IS 'The Chinese label of each code a report makes (not loaded from a file): what `--lang zh` shows instead of the code.';

--
-- Name: value_labels; Type: TABLE; Schema: staging; Owner: propledger_owner
--

CREATE TABLE staging.value_labels (
    kind text NOT NULL,
    column_name text NOT NULL,
    code text NOT NULL,
    "position" smallint NOT NULL,
    label_zh text NOT NULL,
    CONSTRAINT value_labels_label_zh_trimmed CHECK (((label_zh <> ''::text) AND (label_zh = btrim(label_zh))))
);

ALTER TABLE staging.value_labels OWNER TO propledger_owner;

--
-- Name: TABLE value_labels; Type: COMMENT; Schema: staging; Owner: propledger_owner
--

COMMENT ON TABLE staging.value_labels IS 'The Chinese label of each value of an enumerated column of a load kind (SPEC §3.1): what a Chinese file may write instead of the code, and what `--lang zh` shows. position = the order of the values in the docs.';

--
-- Name: value_synonyms; Type: TABLE; Schema: staging; Owner: propledger_owner
--

CREATE TABLE staging.value_synonyms (
    kind text NOT NULL,
    column_name text NOT NULL,
    synonym text NOT NULL,
    code text NOT NULL,
    CONSTRAINT value_synonyms_trimmed CHECK (((synonym <> ''::text) AND (synonym = btrim(synonym))))
);

ALTER TABLE staging.value_synonyms OWNER TO propledger_owner;

--
-- Name: TABLE value_synonyms; Type: COMMENT; Schema: staging; Owner: propledger_owner
--

COMMENT ON TABLE staging.value_synonyms IS 'Other words offices use for a value (国企 = state_owned, 财政 = government); each means one code of its column.';

--
-- Name: labels; Type: VIEW; Schema: report; Owner: propledger_owner
--

CREATE VIEW report.labels AS
 SELECT l.kind,
    l.column_name,
    l.code,
    l."position",
    l.label_zh,
    ARRAY( SELECT s.synonym
           FROM staging.value_synonyms s
          WHERE ((s.kind = l.kind) AND (s.column_name = l.column_name) AND (s.code = l.code))
          ORDER BY (s.synonym COLLATE "C")) AS synonyms
   FROM staging.value_labels l
UNION ALL
 SELECT o.kind,
    o.column_name,
    o.code,
    o."position",
    o.label_zh,
    '{}'::text[] AS synonyms
   FROM staging.output_labels o
UNION ALL
 SELECT 'loads'::text AS kind,
    'kind'::text AS column_name,
    k.kind AS code,
    k.load_order AS "position",
    k.noun_zh AS label_zh,
    '{}'::text[] AS synonyms
   FROM staging.load_kinds k
UNION ALL
 SELECT 'votes'::text AS kind,
    'law'::text AS column_name,
    l.law AS code,
    (row_number() OVER (ORDER BY l.valid_from))::smallint AS "position",
    l.source_zh AS label_zh,
    '{}'::text[] AS synonyms
   FROM ledger.vote_laws l;

ALTER TABLE report.labels OWNER TO propledger_owner;

--
-- Name: VIEW labels; Type: COMMENT; Schema: report; Owner: propledger_owner
--

COMMENT ON VIEW report.labels IS 'Chinese labels of the codes reports show: the enumerated values of each load kind''s columns (with their synonyms), the codes reports make (staging.output_labels), load kinds and vote laws.';

--
-- Name: coded(text, text, text); Type: FUNCTION; Schema: report; Owner: propledger_owner
--

CREATE FUNCTION report.coded(p_kind text, p_column text, p_code text) RETURNS jsonb
    LANGUAGE sql STABLE STRICT PARALLEL SAFE
    SET search_path TO 'pg_catalog', 'pg_temp'
    RETURN jsonb_build_object('en', p_code, 'zh', COALESCE((SELECT l.label_zh FROM report.labels l WHERE ((l.kind = coded.p_kind) AND (l.column_name = coded.p_column) AND (l.code = coded.p_code))), p_code));

ALTER FUNCTION report.coded(p_kind text, p_column text, p_code text) OWNER TO propledger_owner;

--
-- Name: FUNCTION coded(p_kind text, p_column text, p_code text); Type: COMMENT; Schema: report; Owner: propledger_owner
--

COMMENT ON FUNCTION report.coded(p_kind text, p_column text, p_code text) IS 'A code as a message argument: {"en": code, "zh": its label in report.labels, else the code}.';

--
-- Name: committees_in_force(date); Type: FUNCTION; Schema: report; Owner: propledger_owner
--

CREATE FUNCTION report.committees_in_force(as_of date DEFAULT CURRENT_DATE) RETURNS TABLE(compound_code text, district_code text, kind text, term_start date, term_end date, members integer, party_members integer, public_servant_members integer, party_org_form text, party_org_formal_members integer)
    LANGUAGE sql STABLE
    AS $$
  SELECT k.compound_code, k.district_code, k.kind, k.term_start, k.term_end, k.members, k.party_members,
         k.public_servant_members, o.form, o.formal_members
  FROM report.committees AS k
  LEFT JOIN report.party_orgs_in_force(as_of) AS o ON o.host_type = 'committee' AND o.host_key = k.compound_code
  WHERE as_of BETWEEN k.term_start AND coalesce(k.term_end, 'infinity')
$$;

ALTER FUNCTION report.committees_in_force(as_of date) OWNER TO propledger_owner;

--
-- Name: FUNCTION committees_in_force(as_of date); Type: COMMENT; Schema: report; Owner: propledger_owner
--

COMMENT ON FUNCTION report.committees_in_force(as_of date) IS 'Committees in their term on as_of, with the party organisation live in them (NULL form: none).';

--
-- Name: committees_report(date, integer, text, text, text, text); Type: FUNCTION; Schema: report; Owner: propledger_owner
--

CREATE FUNCTION report.committees_report(p_as_of date DEFAULT CURRENT_DATE, p_days integer DEFAULT NULL::integer, p_by text DEFAULT 'district'::text, p_district text DEFAULT NULL::text, p_street text DEFAULT NULL::text, p_community text DEFAULT NULL::text) RETURNS TABLE(group_code text, group_name text, compounds bigint, with_committee bigint, formation_pct numeric, expired_no_successor bigint, ending_soon bigint, party_eligible_without_org bigint)
    LANGUAGE plpgsql STABLE
    SET search_path TO 'pg_catalog', 'pg_temp'
    SET jit TO 'off'
    AS $$
BEGIN
  IF p_by IS NULL OR p_by NOT IN ('district', 'street', 'community', 'compound') THEN
    RAISE EXCEPTION 'cannot group committees by "%"', p_by
      USING ERRCODE = '22023', HINT = 'Use district, street, community, or compound (--list).';
  END IF;
  RETURN QUERY
  WITH c AS (
    SELECT f.compound_code, f.district_code,
           CASE p_by WHEN 'district' THEN f.district_code WHEN 'street' THEN f.street_code
                     WHEN 'community' THEN f.community_code ELSE f.compound_code END AS g_code,
           CASE p_by WHEN 'district' THEN f.district_name WHEN 'street' THEN f.street_name
                     WHEN 'community' THEN f.community_name ELSE f.name END AS g_name
    FROM report.compounds_filtered(p_district, p_street, p_community) AS f
  ), in_force AS (
    -- One read of the committees in force and of the rules per district (set-wise: at province a
    -- correlated read per compound took seconds).
    SELECT k.compound_code,
           count(*) FILTER (WHERE k.term_end BETWEEN p_as_of AND p_as_of + coalesce(p_days, l.value)) AS ending,
           count(*) FILTER (WHERE k.party_org_form IS NULL AND k.party_members >= b.value) AS eligible
    FROM report.committees_in_force(p_as_of) AS k
    LEFT JOIN report.district_rule_integer('committee.reelection_lead_days', p_as_of) AS l ON l.district_code = k.district_code
    LEFT JOIN report.district_rule_integer('party_org.branch_min_formal_members', p_as_of) AS b ON b.district_code = k.district_code
    -- A filtered report reads the committees of its compounds only (at province one district's
    -- committees, not the province's: the district index, then a semi-join for a street or community).
    WHERE (p_district IS NULL OR k.district_code = p_district)
      AND (p_street IS NULL AND p_community IS NULL OR k.compound_code IN (SELECT c.compound_code FROM c))
    GROUP BY k.compound_code
  ), last_term AS (
    SELECT k.compound_code, max(k.term_end) AS last_end
    FROM report.committees AS k WHERE k.term_start <= p_as_of
      AND (p_district IS NULL OR k.district_code = p_district)
      AND (p_street IS NULL AND p_community IS NULL OR k.compound_code IN (SELECT c.compound_code FROM c))
    GROUP BY k.compound_code
  ), per_compound AS (
    SELECT c.g_code, c.g_name, c.compound_code, f.compound_code IS NOT NULL AS in_force, t.last_end,
           coalesce(f.ending, 0) AS ending, coalesce(f.eligible, 0) AS eligible
    FROM c
    LEFT JOIN in_force AS f ON f.compound_code = c.compound_code
    LEFT JOIN last_term AS t ON t.compound_code = c.compound_code
  )
  SELECT x.g_code, min(x.g_name), count(*), count(*) FILTER (WHERE x.in_force),
         round(100.0 * count(*) FILTER (WHERE x.in_force) / count(*), 1),
         count(*) FILTER (WHERE NOT x.in_force AND x.last_end < p_as_of),
         sum(x.ending)::bigint, sum(x.eligible)::bigint
  FROM per_compound AS x
  GROUP BY x.g_code
  ORDER BY x.g_code;
END
$$;

ALTER FUNCTION report.committees_report(p_as_of date, p_days integer, p_by text, p_district text, p_street text, p_community text) OWNER TO propledger_owner;

--
-- Name: FUNCTION committees_report(p_as_of date, p_days integer, p_by text, p_district text, p_street text, p_community text); Type: COMMENT; Schema: report; Owner: propledger_owner
--

COMMENT ON FUNCTION report.committees_report(p_as_of date, p_days integer, p_by text, p_district text, p_street text, p_community text) IS 'SPEC §8 committees: per district (p_by street | community | compound) compounds, with a committee in force, formation_pct, expired terms with none in force (超期未换届), terms ending within p_days (NULL: the jurisdiction''s re-election lead time) and committees eligible for a Party branch without a live Party organisation. Raises 22023 for another p_by.';

--
-- Name: companies_report(date, text, text, text); Type: FUNCTION; Schema: report; Owner: propledger_owner
--

CREATE FUNCTION report.companies_report(p_as_of date DEFAULT CURRENT_DATE, p_district text DEFAULT NULL::text, p_street text DEFAULT NULL::text, p_community text DEFAULT NULL::text) RETURNS TABLE(uscc text, company text, compounds bigint, households bigint, service numeric, satisfaction_pct numeric, complaints_per_1000 numeric, party integer, overdue_rectifications bigint, score numeric, no_inspections boolean, households_unknown boolean)
    LANGUAGE plpgsql STABLE
    SET search_path TO 'pg_catalog', 'pg_temp'
    SET jit TO 'off'
    AS $$
#variable_conflict use_column
DECLARE
  listed text[];
BEGIN
  -- With a filter: the companies managing, on as_of, a compound it selects; only their scores are
  -- computed. Without one, company_scores' own list (every company managing a compound in view).
  IF p_district IS NOT NULL OR p_street IS NOT NULL OR p_community IS NOT NULL THEN
    SELECT coalesce(array_agg(DISTINCT m.company_uscc), '{}') INTO listed
    FROM report.management_status(p_as_of) AS m
    JOIN report.compounds_filtered(p_district, p_street, p_community) AS c ON c.compound_code = m.compound_code
    WHERE m.company_uscc IS NOT NULL AND (p_district IS NULL OR m.district_code = p_district);
  END IF;
  RETURN QUERY
  SELECT s.uscc, s.company, s.compounds, s.households, round(s.service, 2), round(s.satisfaction_pct, 1),
         round(s.complaints_per_1000, 2), s.party, s.overdue_rectifications, round(s.score, 2), s.no_inspections,
         s.households_unknown
  FROM report.company_scores(p_as_of, listed) AS s
  WHERE listed IS NULL OR s.uscc = ANY (listed)
  ORDER BY s.score DESC, s.uscc;
END
$$;

ALTER FUNCTION report.companies_report(p_as_of date, p_district text, p_street text, p_community text) OWNER TO propledger_owner;

--
-- Name: FUNCTION companies_report(p_as_of date, p_district text, p_street text, p_community text); Type: COMMENT; Schema: report; Owner: propledger_owner
--

COMMENT ON FUNCTION report.companies_report(p_as_of date, p_district text, p_street text, p_community text) IS 'SPEC §4 companies: the scorecard of report.company_scores for the companies managing a selected compound on as_of, best score first (service and score to 2 decimals, percentages to 1).';

--
-- Name: company_scores(date, text[]); Type: FUNCTION; Schema: report; Owner: propledger_owner
--

CREATE FUNCTION report.company_scores(p_as_of date DEFAULT CURRENT_DATE, p_companies text[] DEFAULT NULL::text[]) RETURNS TABLE(uscc text, company text, compounds bigint, households bigint, inspections bigint, service numeric, satisfaction_pct numeric, complaints bigint, complaints_per_1000 numeric, party integer, overdue_rectifications bigint, score numeric, no_inspections boolean, households_unknown boolean)
    LANGUAGE sql STABLE
    AS $$
  WITH win AS (
    -- last 12 months: as_of - 12 months ..= as_of; last 4 quarters: the four complete quarters
    -- ending on or before as_of.
    SELECT (p_as_of - interval '12 months')::date AS from_on,
           (date_trunc('quarter', p_as_of + 1) - interval '12 months')::date AS q_from,
           (date_trunc('quarter', p_as_of + 1) - interval '1 day')::date AS q_to
  ), managed AS (
    -- Households per compound: the registry's figure, else the units loaded for it; a compound with
    -- neither is unknown, and a company with no known household gets no complaint points (missing data
    -- is never rewarded: with no denominator the rate would read as zero complaints).
    SELECT s.company_uscc, count(*) AS compounds, coalesce(sum(h.n), 0) AS households,
           bool_or(h.n IS NULL) AS households_unknown
    FROM report.management_status(p_as_of) AS s
    CROSS JOIN LATERAL (SELECT coalesce(s.households::bigint,
                                        nullif((SELECT count(*) FROM report.units AS u WHERE u.compound_code = s.compound_code), 0)) AS n) AS h
    WHERE s.mode = 'company' AND (p_companies IS NULL OR s.company_uscc = ANY (p_companies))
    GROUP BY s.company_uscc
  ), insp AS (
    SELECT i.company_uscc, count(*) AS n, avg(i.score) AS service
    FROM report.inspections AS i, win WHERE i.inspected_on BETWEEN win.from_on AND p_as_of
      AND (p_companies IS NULL OR i.company_uscc = ANY (p_companies))
    GROUP BY i.company_uscc
  ), surv AS (
    SELECT s.company_uscc, 100 * sum(s.satisfied)::numeric / sum(s.respondents) AS pct
    FROM report.surveys AS s, win
    WHERE s.period_start >= win.q_from AND s.period_end <= win.q_to
      AND (p_companies IS NULL OR s.company_uscc = ANY (p_companies))
    GROUP BY s.company_uscc
  ), compl AS (
    SELECT k.company_uscc, count(*) AS n
    FROM report.complaints AS k, win WHERE k.received_on BETWEEN win.from_on AND p_as_of
      AND (p_companies IS NULL OR k.company_uscc = ANY (p_companies))
    GROUP BY k.company_uscc
  ), party AS (
    SELECT o.host_key AS company_uscc,
           max(CASE WHEN o.form IN ('branch', 'joint_branch') THEN 100 WHEN o.form = 'working_group' THEN 60 ELSE 0 END) AS points
    FROM report.party_orgs_in_force(p_as_of) AS o
    WHERE o.host_type = 'company' AND (p_companies IS NULL OR o.host_key = ANY (p_companies))
    GROUP BY o.host_key
  ), rect AS (
    SELECT r.company_uscc, count(*) AS n
    FROM report.rectifications AS r
    WHERE r.deadline < p_as_of AND (r.closed_on IS NULL OR r.closed_on > p_as_of)
      AND (p_companies IS NULL OR r.company_uscc = ANY (p_companies))
    GROUP BY r.company_uscc
  ), parts AS (
    SELECT co.uscc, co.name, m.compounds, m.households, coalesce(i.n, 0) AS inspections,
           coalesce(i.service, 0) AS service, sv.pct AS satisfaction_pct, coalesce(k.n, 0) AS complaints,
           1000.0 * coalesce(k.n, 0) / nullif(m.households, 0) AS per_1000,
           coalesce(pt.points, 0) AS party, coalesce(r.n, 0) AS overdue, i.n IS NULL AS no_inspections,
           m.households_unknown
    FROM managed AS m
    JOIN report.companies AS co ON co.uscc = m.company_uscc
    LEFT JOIN insp AS i ON i.company_uscc = m.company_uscc
    LEFT JOIN surv AS sv ON sv.company_uscc = m.company_uscc
    LEFT JOIN compl AS k ON k.company_uscc = m.company_uscc
    LEFT JOIN party AS pt ON pt.company_uscc = m.company_uscc
    LEFT JOIN rect AS r ON r.company_uscc = m.company_uscc
  )
  SELECT p.uscc, p.name, p.compounds, p.households, p.inspections, p.service, p.satisfaction_pct,
         p.complaints, p.per_1000, p.party, p.overdue,
         report.setting('score_weight_service') * p.service
         + report.setting('score_weight_satisfaction') * coalesce(p.satisfaction_pct, 0)
         + report.setting('score_weight_party') * p.party
         + report.setting('score_weight_complaints') * CASE WHEN p.households > 0 THEN greatest(0, 100 - 10 * p.per_1000) ELSE 0 END,
         p.no_inspections, p.households_unknown
  FROM parts AS p
$$;

ALTER FUNCTION report.company_scores(p_as_of date, p_companies text[]) OWNER TO propledger_owner;

--
-- Name: FUNCTION company_scores(p_as_of date, p_companies text[]); Type: COMMENT; Schema: report; Owner: propledger_owner
--

COMMENT ON FUNCTION report.company_scores(p_as_of date, p_companies text[]) IS 'Exact company scorecard (SPEC §4) of every company (or of those in p_companies) managing a compound in view on as_of: service = mean inspection score over as_of - 12 months ..= as_of (0 and no_inspections when none), satisfaction_pct = sum satisfied / sum respondents over the four complete quarters ending by as_of, complaints_per_1000 = complaints in the 12 months per 1000 households managed on as_of, party 100 / 60 / 0, overdue rectifications on as_of, score = weighted sum with the weights of ledger.settings.';

--
-- Name: compound_report(text, date); Type: FUNCTION; Schema: report; Owner: propledger_owner
--

CREATE FUNCTION report.compound_report(p_compound text, p_as_of date DEFAULT CURRENT_DATE) RETURNS TABLE(section text, item jsonb, detail jsonb)
    LANGUAGE plpgsql STABLE
    SET search_path TO 'pg_catalog', 'pg_temp'
    SET jit TO 'off'
    AS $_$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM report.compounds AS c WHERE c.compound_code = p_compound) THEN
    RAISE EXCEPTION 'compound "%" not found', p_compound
      USING ERRCODE = 'P0002', HINT = 'Check the code (a district user sees only their districts).';
  END IF;
  -- item and detail are messages (report.said; a list is one line), rendered by the CLI in the language asked for.
  RETURN QUERY
  SELECT x.section, x.item, x.detail FROM (
    SELECT 1 AS s, v.o::bigint AS o, 'compound' AS section, report.coded('compound', 'item', v.k) AS item, v.d AS detail
    FROM report.compounds AS c,
    LATERAL (VALUES (1, 'code', report.said('dossierValue', jsonb_build_object('value', c.compound_code))),
                    (2, 'name', report.said('dossierValue', jsonb_build_object('value', c.name))),
                    (3, 'address', report.said('dossierValue', jsonb_build_object('value', c.address))),
                    (4, 'housing_type', report.said('dossierValue', jsonb_build_object('value', report.coded('compounds', 'housing_type', c.housing_type)))),
                    (5, 'built_year', report.said('dossierValue', jsonb_build_object('value', c.built_year::text))),
                    (6, 'buildings', report.said('dossierValue', jsonb_build_object('value', c.buildings::text))),
                    (7, 'households', report.said('dossierValue', jsonb_build_object('value', c.households::text))),
                    (8, 'floor_area_m2', report.said('dossierValue', jsonb_build_object('value', c.floor_area_m2::text))),
                    (9, 'community', report.said('dossierCommunity', jsonb_build_object('code', c.community_code, 'name', c.community_name,
                                                 'type', report.coded('communities', 'community_type', c.community_type)))),
                    (10, 'street', report.said('dossierPlace', jsonb_build_object('code', c.street_code, 'name', c.street_name))),
                    (11, 'district', report.said('dossierPlace', jsonb_build_object('code', c.district_code, 'name', c.district_name))),
                    (12, 'units', (SELECT report.said('dossierUnits', jsonb_build_object('count', count(*)::text,
                                                     'area', coalesce(sum(u.floor_area_m2), 0)::text))
                               FROM report.units AS u WHERE u.compound_code = c.compound_code))) AS v(o, k, d)
    WHERE c.compound_code = p_compound
    UNION ALL
    SELECT 2, 0, 'status', report.said('dossierManagedOn', jsonb_build_object('date', p_as_of::text)),
           CASE WHEN NOT s.managed THEN report.said('dossierUnmanaged')
                WHEN s.company_name IS NULL THEN report.said('dossierManagedBy', jsonb_build_object(
                  'mode', report.coded('management', 'mode', s.mode), 'start', s.start_on::text))
                ELSE report.said('dossierManagedByCompany', jsonb_build_object(
                  'mode', report.coded('management', 'mode', s.mode), 'company', s.company_name, 'start', s.start_on::text)) END
    FROM report.management_status(p_as_of) AS s WHERE s.compound_code = p_compound
    UNION ALL
    SELECT 3, row_number() OVER (ORDER BY m.start_on), 'management',
           report.said('dossierPeriod', jsonb_build_object('start', m.start_on::text, 'end', coalesce(m.end_on::text, ''))),
           jsonb_path_query_array(jsonb_build_array(
             CASE WHEN m.company_name IS NULL THEN report.said('dossierValue', jsonb_build_object('value', report.coded('management', 'mode', m.mode)))
                  ELSE report.said('dossierCompany', jsonb_build_object('mode', report.coded('management', 'mode', m.mode),
                                                                       'company', m.company_name, 'uscc', m.company_uscc)) END,
             CASE WHEN m.basis IS NOT NULL THEN report.said('dossierValue', jsonb_build_object('value', report.coded('management', 'basis', m.basis))) END,
             CASE WHEN m.fee_yuan_per_m2_month IS NOT NULL THEN report.said('dossierFee', jsonb_build_object('fee', m.fee_yuan_per_m2_month::text)) END),
             '$[*] ? (@ != null)')
    FROM report.management_periods AS m WHERE m.compound_code = p_compound AND m.start_on <= p_as_of
    UNION ALL
    SELECT 4, row_number() OVER (ORDER BY k.term_start), 'committee',
           report.said('dossierPeriod', jsonb_build_object('start', k.term_start::text, 'end', coalesce(k.term_end::text, ''))),
           report.said('dossierCommittee', jsonb_build_object('kind', report.coded('committees', 'kind', k.kind), 'members', k.members::text,
                                                             'party', k.party_members::text, 'servants', k.public_servant_members::text))
    FROM report.committees AS k WHERE k.compound_code = p_compound AND k.term_start <= p_as_of
    UNION ALL
    SELECT 5, row_number() OVER (ORDER BY o.established_on), 'party_org',
           report.said('dossierPeriod', jsonb_build_object('start', o.established_on::text,
                                                          'end', coalesce(CASE WHEN o.dissolved_on <= p_as_of THEN o.dissolved_on::text END, ''))),
           report.said('dossierPartyOrg', jsonb_build_object('form', report.coded('party_orgs', 'form', o.form), 'members', o.formal_members::text))
    FROM report.party_orgs AS o WHERE o.host_type = 'committee' AND o.host_key = p_compound AND o.established_on <= p_as_of
    UNION ALL
    SELECT 6, row_number() OVER (ORDER BY k.identified_on), 'clearance',
           report.said('dossierValue', jsonb_build_object('value', k.identified_on::text)),
           jsonb_path_query_array(jsonb_build_array(
             report.said('dossierTarget', jsonb_build_object('date', coalesce(k.target_on::text, '-'))),
             CASE WHEN k.resolution IS NULL THEN report.said('dossierOpen')
                  ELSE report.said(CASE WHEN k.verified THEN 'dossierResolvedVerified' ELSE 'dossierResolvedUnverified' END,
                                   jsonb_build_object('resolution', report.coded('clearance', 'resolution', k.resolution),
                                                      'date', k.resolved_on::text)) END,
             CASE WHEN k.note IS NOT NULL THEN report.said('dossierValue', jsonb_build_object('value', k.note)) END),
             '$[*] ? (@ != null)')
    FROM report.clearance_as_of(p_as_of) AS k WHERE k.compound_code = p_compound
    UNION ALL
    -- The compound's projects proposed by p_as_of, as they stood then: status from the status dates,
    -- committed and paid by then (report.project_shares_as_of), votes held by then.
    SELECT 7, row_number() OVER (ORDER BY p.project_code), 'project',
           report.said('dossierValue', jsonb_build_object('value', p.project_code)),
           jsonb_build_array(
             report.said('dossierValue', jsonb_build_object('value', p.title)),
             report.said('dossierValue', jsonb_build_object('value', report.coded('projects', 'category', p.category))),
             report.said('dossierValue', jsonb_build_object('value', report.coded('projects', 'status',
               report.project_status_as_of(p_as_of, p.approved_on, p.started_on, p.completed_on, p.accepted_on, p.cancelled_on)))),
             report.said('dossierBudget', jsonb_build_object('amount', coalesce(p.budget_yuan::text, '-'))),
             report.said('dossierCommitted', jsonb_build_object('amount', m.committed_yuan::text)),
             report.said('dossierPaid', jsonb_build_object('amount', m.paid_yuan::text)),
             report.said('dossierVote', jsonb_build_object('status', report.coded('projects', 'vote_status', t.vote_status))))
    FROM (SELECT q.project_code, q.district_code, q.title, q.category, q.budget_yuan, q.approved_on, q.started_on,
                 q.completed_on, q.accepted_on, q.cancelled_on
          FROM report.projects AS q WHERE q.compound_code = p_compound AND q.proposed_on <= p_as_of) AS p
    CROSS JOIN LATERAL (
      SELECT coalesce(sum(x.committed), 0)::numeric(14,2) AS committed_yuan, coalesce(sum(x.paid), 0)::numeric(14,2) AS paid_yuan
      FROM report.project_shares_as_of(p_as_of, p.district_code) AS x WHERE x.project_code = p.project_code) AS m
    CROSS JOIN LATERAL (
      SELECT report.vote_status(count(*), count(*) FILTER (WHERE v.passed)) AS vote_status
      FROM report.votes AS v WHERE v.project_code = p.project_code AND v.held_on <= p_as_of) AS t
    UNION ALL
    SELECT 8, row_number() OVER (ORDER BY i.inspected_on, i.inspection_code), 'inspection',
           report.said('dossierValue', jsonb_build_object('value', i.inspection_code)),
           jsonb_path_query_array(jsonb_build_array(
             report.said('dossierValue', jsonb_build_object('value', i.inspected_on::text)),
             report.said('dossierScore', jsonb_build_object('score', i.score::text)),
             CASE WHEN i.inspector IS NOT NULL THEN report.said('dossierValue', jsonb_build_object('value', i.inspector)) END,
             CASE WHEN i.company_uscc IS NOT NULL THEN report.said('dossierCompanyCode', jsonb_build_object('uscc', i.company_uscc)) END),
             '$[*] ? (@ != null)')
    FROM report.inspections AS i WHERE i.compound_code = p_compound AND i.inspected_on <= p_as_of
    UNION ALL
    SELECT 9, row_number() OVER (ORDER BY r.inspection_code, r.item_no), 'rectification',
           report.said('dossierValue', jsonb_build_object('value', r.inspection_code || '/' || r.item_no)),
           jsonb_build_array(
             report.said('dossierValue', jsonb_build_object('value', r.issue)),
             report.said('dossierDeadline', jsonb_build_object('date', r.deadline::text)),
             CASE WHEN r.closed_on <= p_as_of THEN report.said('dossierClosed', jsonb_build_object('date', r.closed_on::text))
                  ELSE report.said('dossierOpen') END)
    FROM report.rectifications AS r JOIN report.inspections AS i ON i.inspection_code = r.inspection_code
    WHERE r.compound_code = p_compound AND i.inspected_on <= p_as_of
    UNION ALL
    SELECT 10, row_number() OVER (ORDER BY k.received_on, k.complaint_code), 'complaint',
           report.said('dossierValue', jsonb_build_object('value', k.complaint_code)),
           jsonb_build_array(
             report.said('dossierValue', jsonb_build_object('value', k.received_on::text)),
             report.said('dossierValue', jsonb_build_object('value', report.coded('complaints', 'category', k.category))),
             CASE WHEN k.resolved_on <= p_as_of THEN report.said('dossierResolvedOn', jsonb_build_object('date', k.resolved_on::text))
                  ELSE report.said('dossierOpen') END)
    FROM report.complaints AS k WHERE k.compound_code = p_compound AND k.received_on <= p_as_of
    UNION ALL
    -- Surveys of periods that had ended by p_as_of (as the company score counts them).
    SELECT 11, row_number() OVER (ORDER BY s.period), 'survey',
           report.said('dossierValue', jsonb_build_object('value', s.period)),
           jsonb_path_query_array(jsonb_build_array(
             report.said('dossierSatisfied', jsonb_build_object('satisfied', s.satisfied::text, 'respondents', s.respondents::text)),
             CASE WHEN s.company_uscc IS NOT NULL THEN report.said('dossierCompanyCode', jsonb_build_object('uscc', s.company_uscc)) END),
             '$[*] ? (@ != null)')
    FROM report.surveys AS s WHERE s.compound_code = p_compound AND s.period_end <= p_as_of
  ) AS x
  ORDER BY x.s, x.o;
END
$_$;

ALTER FUNCTION report.compound_report(p_compound text, p_as_of date) OWNER TO propledger_owner;

--
-- Name: FUNCTION compound_report(p_compound text, p_as_of date); Type: COMMENT; Schema: report; Owner: propledger_owner
--

COMMENT ON FUNCTION report.compound_report(p_compound text, p_as_of date) IS 'SPEC §4 compound: the dossier of one compound as (section, item, detail) rows: its registry entry, status on as_of, management periods, committees, Party organisations, clearance cases, projects, inspections, rectifications, complaints and surveys. Raises P0002 when the compound is not in view.';

--
-- Name: communities; Type: TABLE; Schema: ledger; Owner: propledger_owner
--

CREATE TABLE ledger.communities (
    community_code text NOT NULL,
    street_code text NOT NULL,
    district_code text NOT NULL,
    name text NOT NULL,
    community_type text NOT NULL,
    insert_batch_id bigint DEFAULT (NULLIF(current_setting('propledger.load_batch'::text, true), ''::text))::bigint,
    CONSTRAINT communities_code_is_12_digits CHECK ((community_code ~ '^[0-9]{12}$'::text)),
    CONSTRAINT communities_code_starts_with_street CHECK (("left"(community_code, 9) = street_code)),
    CONSTRAINT communities_district_derived CHECK ((district_code = "left"(community_code, 6))),
    CONSTRAINT communities_name_not_blank CHECK ((btrim(name) <> ''::text)),
    CONSTRAINT communities_type_known CHECK ((community_type = ANY (ARRAY['open_block'::text, 'old_village'::text, 'commodity'::text, 'resettlement'::text, 'business_district'::text, 'mixed'::text])))
);

ALTER TABLE ONLY ledger.communities FORCE ROW LEVEL SECURITY;

ALTER TABLE ledger.communities OWNER TO propledger_owner;

--
-- Name: TABLE communities; Type: COMMENT; Schema: ledger; Owner: propledger_owner
--

COMMENT ON TABLE ledger.communities IS 'Community (社区): street code + 3 digits, with its type. district_code = left(community_code, 6). Load kind: communities.';

--
-- Name: COLUMN communities.insert_batch_id; Type: COMMENT; Schema: ledger; Owner: propledger_owner
--

COMMENT ON COLUMN ledger.communities.insert_batch_id IS 'The load batch (audit.load_batches) that inserted this row; NULL for a row inserted outside a load, whose values audit.changes recorded. Set by default, never changed.';

--
-- Name: compounds; Type: TABLE; Schema: ledger; Owner: propledger_owner
--

CREATE TABLE ledger.compounds (
    compound_code text NOT NULL,
    community_code text NOT NULL,
    district_code text NOT NULL,
    name text NOT NULL,
    address text,
    housing_type text,
    built_year integer,
    buildings integer,
    households integer,
    floor_area_m2 numeric(12,2),
    insert_batch_id bigint DEFAULT (NULLIF(current_setting('propledger.load_batch'::text, true), ''::text))::bigint,
    CONSTRAINT compounds_buildings_not_negative CHECK ((buildings >= 0)),
    CONSTRAINT compounds_built_year_plausible CHECK (((built_year >= 1900) AND (built_year <= 2100))),
    CONSTRAINT compounds_code_not_blank CHECK ((btrim(compound_code) <> ''::text)),
    CONSTRAINT compounds_district_derived CHECK ((district_code = "left"(community_code, 6))),
    CONSTRAINT compounds_floor_area_not_negative CHECK ((floor_area_m2 >= (0)::numeric)),
    CONSTRAINT compounds_households_not_negative CHECK ((households >= 0)),
    CONSTRAINT compounds_housing_type_known CHECK ((housing_type = ANY (ARRAY['commodity'::text, 'old_village'::text, 'resettlement'::text, 'open_block'::text, 'affordable'::text, 'mixed'::text]))),
    CONSTRAINT compounds_name_not_blank CHECK ((btrim(name) <> ''::text))
);

ALTER TABLE ONLY ledger.compounds FORCE ROW LEVEL SECURITY;

ALTER TABLE ledger.compounds OWNER TO propledger_owner;

--
-- Name: TABLE compounds; Type: COMMENT; Schema: ledger; Owner: propledger_owner
--

COMMENT ON TABLE ledger.compounds IS 'Residential compound (小区), bureau-assigned code. district_code = left(community_code, 6). Load kind: compounds.';

--
-- Name: COLUMN compounds.insert_batch_id; Type: COMMENT; Schema: ledger; Owner: propledger_owner
--

COMMENT ON COLUMN ledger.compounds.insert_batch_id IS 'The load batch (audit.load_batches) that inserted this row; NULL for a row inserted outside a load, whose values audit.changes recorded. Set by default, never changed.';

--
-- Name: districts; Type: TABLE; Schema: ledger; Owner: propledger_owner
--

CREATE TABLE ledger.districts (
    district_code text NOT NULL,
    name text NOT NULL,
    insert_batch_id bigint DEFAULT (NULLIF(current_setting('propledger.load_batch'::text, true), ''::text))::bigint,
    CONSTRAINT districts_code_is_6_digits CHECK ((district_code ~ '^[0-9]{6}$'::text)),
    CONSTRAINT districts_name_not_blank CHECK ((btrim(name) <> ''::text))
);

ALTER TABLE ONLY ledger.districts FORCE ROW LEVEL SECURITY;

ALTER TABLE ledger.districts OWNER TO propledger_owner;

--
-- Name: TABLE districts; Type: COMMENT; Schema: ledger; Owner: propledger_owner
--

COMMENT ON TABLE ledger.districts IS 'District or county (区/县), 6-digit GB/T 2260 code. Load kind: districts.';

--
-- Name: COLUMN districts.insert_batch_id; Type: COMMENT; Schema: ledger; Owner: propledger_owner
--

COMMENT ON COLUMN ledger.districts.insert_batch_id IS 'The load batch (audit.load_batches) that inserted this row; NULL for a row inserted outside a load, whose values audit.changes recorded. Set by default, never changed.';

--
-- Name: streets; Type: TABLE; Schema: ledger; Owner: propledger_owner
--

CREATE TABLE ledger.streets (
    street_code text NOT NULL,
    district_code text NOT NULL,
    name text NOT NULL,
    insert_batch_id bigint DEFAULT (NULLIF(current_setting('propledger.load_batch'::text, true), ''::text))::bigint,
    CONSTRAINT streets_code_is_9_digits CHECK ((street_code ~ '^[0-9]{9}$'::text)),
    CONSTRAINT streets_code_starts_with_district CHECK (("left"(street_code, 6) = district_code)),
    CONSTRAINT streets_name_not_blank CHECK ((btrim(name) <> ''::text))
);

ALTER TABLE ONLY ledger.streets FORCE ROW LEVEL SECURITY;

ALTER TABLE ledger.streets OWNER TO propledger_owner;

--
-- Name: TABLE streets; Type: COMMENT; Schema: ledger; Owner: propledger_owner
--

COMMENT ON TABLE ledger.streets IS 'Sub-district or town (街道/镇): district code + 3 digits. Load kind: streets.';

--
-- Name: COLUMN streets.insert_batch_id; Type: COMMENT; Schema: ledger; Owner: propledger_owner
--

COMMENT ON COLUMN ledger.streets.insert_batch_id IS 'The load batch (audit.load_batches) that inserted this row; NULL for a row inserted outside a load, whose values audit.changes recorded. Set by default, never changed.';

--
-- Name: compounds; Type: VIEW; Schema: report; Owner: propledger_owner
--

CREATE VIEW report.compounds AS
 SELECT c.compound_code,
    c.name,
    c.address,
    c.housing_type,
    c.built_year,
    c.buildings,
    c.households,
    c.floor_area_m2,
    c.community_code,
    cm.name AS community_name,
    cm.community_type,
    cm.street_code,
    s.name AS street_name,
    c.district_code,
    d.name AS district_name
   FROM (((ledger.compounds c
     JOIN ledger.communities cm ON ((cm.community_code = c.community_code)))
     JOIN ledger.streets s ON ((s.street_code = cm.street_code)))
     JOIN ledger.districts d ON ((d.district_code = c.district_code)));

ALTER TABLE report.compounds OWNER TO propledger_owner;

--
-- Name: VIEW compounds; Type: COMMENT; Schema: report; Owner: propledger_owner
--

COMMENT ON VIEW report.compounds IS 'Compounds with their community (and type), street and district.';

--
-- Name: compounds_filtered(text, text, text); Type: FUNCTION; Schema: report; Owner: propledger_owner
--

CREATE FUNCTION report.compounds_filtered(district text DEFAULT NULL::text, street text DEFAULT NULL::text, community text DEFAULT NULL::text) RETURNS SETOF report.compounds
    LANGUAGE sql STABLE
    AS $_$
  SELECT c.* FROM report.compounds AS c
  WHERE ($1 IS NULL OR c.district_code = $1)
    AND ($2 IS NULL OR c.street_code = $2)
    AND ($3 IS NULL OR c.community_code = $3)
$_$;

ALTER FUNCTION report.compounds_filtered(district text, street text, community text) OWNER TO propledger_owner;

--
-- Name: FUNCTION compounds_filtered(district text, street text, community text); Type: COMMENT; Schema: report; Owner: propledger_owner
--

COMMENT ON FUNCTION report.compounds_filtered(district text, street text, community text) IS 'report.compounds restricted by district, street and community code (NULL = any).';

--
-- Name: districts; Type: VIEW; Schema: report; Owner: propledger_owner
--

CREATE VIEW report.districts AS
 SELECT d.district_code,
    d.name
   FROM ledger.districts d;

ALTER TABLE report.districts OWNER TO propledger_owner;

--
-- Name: VIEW districts; Type: COMMENT; Schema: report; Owner: propledger_owner
--

COMMENT ON VIEW report.districts IS 'Districts (reference registry, readable city-wide).';

--
-- Name: district_rule_integer(text, date); Type: FUNCTION; Schema: report; Owner: propledger_owner
--

CREATE FUNCTION report.district_rule_integer(p_parameter text, p_as_of date DEFAULT CURRENT_DATE) RETURNS TABLE(district_code text, value integer)
    LANGUAGE sql STABLE
    SET search_path TO 'pg_catalog', 'pg_temp'
    BEGIN ATOMIC
 SELECT d.district_code,
     (ledger.rule_value(d.district_code, district_rule_integer.p_parameter, district_rule_integer.p_as_of))::integer AS rule_value
    FROM report.districts d;
END;

ALTER FUNCTION report.district_rule_integer(p_parameter text, p_as_of date) OWNER TO propledger_owner;

--
-- Name: FUNCTION district_rule_integer(p_parameter text, p_as_of date); Type: COMMENT; Schema: report; Owner: propledger_owner
--

COMMENT ON FUNCTION report.district_rule_integer(p_parameter text, p_as_of date) IS 'Each district''s value of an integer rule parameter (SPEC §10) on a date.';

--
-- Name: expiring_report(date, integer, text, text, text); Type: FUNCTION; Schema: report; Owner: propledger_owner
--

CREATE FUNCTION report.expiring_report(p_as_of date DEFAULT CURRENT_DATE, p_days integer DEFAULT NULL::integer, p_district text DEFAULT NULL::text, p_street text DEFAULT NULL::text, p_community text DEFAULT NULL::text) RETURNS TABLE(kind text, compound text, compound_name text, party text, ends_on date, successor boolean)
    LANGUAGE plpgsql STABLE
    SET search_path TO 'pg_catalog', 'pg_temp'
    SET jit TO 'off'
    AS $$
#variable_conflict use_column
BEGIN
  RETURN QUERY
  WITH c AS (SELECT * FROM report.compounds_filtered(p_district, p_street, p_community))
  SELECT x.kind, x.compound_code, c.name, x.party, x.ends_on, x.successor
  FROM (
    SELECT 'management' AS kind, m.compound_code, coalesce(m.company_name, m.mode) AS party, m.end_on AS ends_on,
           EXISTS (SELECT 1 FROM report.management_periods AS n
                   WHERE n.compound_code = m.compound_code AND n.start_on > m.end_on) AS successor,
           coalesce(p_days, 90) AS window_days
    FROM report.management_periods AS m WHERE p_district IS NULL OR m.district_code = p_district
    UNION ALL
    SELECT 'committee', k.compound_code, k.kind, k.term_end,
           EXISTS (SELECT 1 FROM report.committees AS n
                   WHERE n.compound_code = k.compound_code AND n.term_start > k.term_end),
           coalesce(p_days, l.value)
    FROM report.committees AS k
    JOIN report.district_rule_integer('committee.reelection_lead_days', p_as_of) AS l ON l.district_code = k.district_code
    WHERE p_district IS NULL OR k.district_code = p_district
  ) AS x
  JOIN c ON c.compound_code = x.compound_code
  WHERE x.ends_on BETWEEN p_as_of AND p_as_of + x.window_days
  ORDER BY x.kind DESC, x.compound_code, x.ends_on;
END
$$;

ALTER FUNCTION report.expiring_report(p_as_of date, p_days integer, p_district text, p_street text, p_community text) OWNER TO propledger_owner;

--
-- Name: FUNCTION expiring_report(p_as_of date, p_days integer, p_district text, p_street text, p_community text); Type: COMMENT; Schema: report; Owner: propledger_owner
--

COMMENT ON FUNCTION report.expiring_report(p_as_of date, p_days integer, p_district text, p_street text, p_community text) IS 'SPEC §4 expiring: management contracts and committee terms ending on as_of ..= as_of + p_days (NULL: 90 days for contracts, the jurisdiction''s re-election lead time for committees), and whether a later period or term is already recorded (successor).';

--
-- Name: fund_accounts_compute(date, text[]); Type: FUNCTION; Schema: report; Owner: propledger_owner
--

CREATE FUNCTION report.fund_accounts_compute(p_as_of date DEFAULT CURRENT_DATE, p_compounds text[] DEFAULT NULL::text[]) RETURNS TABLE(compound_code text, district_code text, postings staging.fund_posting[])
    LANGUAGE plpgsql STABLE
    SET search_path TO 'pg_catalog', 'pg_temp'
    SET jit TO 'off'
    SET plan_cache_mode TO 'force_custom_plan'
    AS $$
#variable_conflict use_column
DECLARE
  ev record;
  current_day date;
  buildings text[];
  unit_nos text[];
  balances numeric[];
  day_before numeric[];
  parts numeric[];
  k integer;
  pos integer;
  taken numeric;
  counter integer := 0;
  posted numeric;
  amount numeric;
  owed numeric;
  compound_district text;
BEGIN
  IF cardinality(p_compounds) = 0 THEN
    RETURN;  -- no compound given (NULL is every compound)
  END IF;
  FOR ev IN
    -- A compound has accounts once its fund records are loaded (a deposit line): draws on a compound the
    -- ledger holds no fund records of are not turned into debts of every unit.
    WITH accounts AS (
      SELECT DISTINCT d.compound_code FROM report.fund_deposits AS d
      WHERE p_compounds IS NULL OR d.compound_code = ANY (p_compounds)
    ), scoped AS (
      SELECT u.compound_code, u.building, u.unit_no FROM report.units AS u
      WHERE u.compound_code IN (SELECT a.compound_code FROM accounts AS a)
    ), keys AS (
      SELECT k.label, k.key FROM report.natural_keys(ARRAY(SELECT s.building FROM scoped AS s UNION
                                                           SELECT s.unit_no FROM scoped AS s)) AS k
    ), draws AS (
      -- The draws on these compounds up to as_of: split below, and their projects' scopes read once each.
      SELECT y.* FROM report.fund_draws AS y
      WHERE y.paid_on <= p_as_of AND y.compound_code IN (SELECT a.compound_code FROM accounts AS a)
    ), units AS (
      SELECT u.compound_code, u.building, u.unit_no,
             (row_number() OVER (PARTITION BY u.compound_code ORDER BY kb.key, ku.key))::integer AS pos
      FROM scoped AS u
      JOIN keys AS kb ON kb.label = u.building
      JOIN keys AS ku ON ku.label = u.unit_no
    ), events AS (
      -- Class 0, first of each compound: its units in natural order (their keys computed once, here).
      SELECT u.compound_code, NULL::text AS district_code, '-infinity'::date AS day, 0 AS class, ''::text AS reference,
             'accounts'::text AS kind, NULL::text AS project_code, false AS emergency, NULL::integer[] AS positions,
             NULL::numeric[] AS parts, array_agg(u.building ORDER BY u.pos) AS unit_buildings,
             array_agg(u.unit_no ORDER BY u.pos) AS unit_nos
      FROM units AS u GROUP BY u.compound_code
      UNION ALL
      SELECT d.compound_code, d.district_code, d.deposited_on, 1, d.voucher_no, d.kind,
             NULL, false, ARRAY[u.pos], ARRAY[d.amount_yuan], NULL, NULL
      FROM report.fund_deposits AS d
      JOIN units AS u ON u.compound_code = d.compound_code AND u.building = d.building AND u.unit_no = d.unit_no
      WHERE d.deposited_on <= p_as_of AND d.compound_code IN (SELECT a.compound_code FROM accounts AS a)
      UNION ALL
      -- Each draw split over its project's scope units, whose weights are gathered once per project (a project
      -- drawing several times reads its scope once), and only for the projects that draw on these compounds.
      SELECT y.compound_code, y.district_code, y.paid_on, 2, y.voucher_no, 'draw', y.project_code, y.emergency,
             s.positions, report.allocate_weights(y.amount_yuan, s.weights), NULL, NULL
      FROM draws AS y
      JOIN (SELECT dp.project_code, array_agg(u.pos ORDER BY u.pos) AS positions,
                   array_agg(w.weight ORDER BY u.pos) AS weights
            FROM (SELECT DISTINCT d.project_code FROM draws AS d) AS dp
            -- OFFSET 0: each project's scope read by its key (not pulled up into a join with every unit)
            CROSS JOIN LATERAL (SELECT x.compound_code, x.building, x.unit_no, x.weight
                                FROM report.project_unit_weights AS x WHERE x.project_code = dp.project_code
                                OFFSET 0) AS w
            JOIN units AS u ON u.compound_code = w.compound_code AND u.building = w.building AND u.unit_no = w.unit_no
            GROUP BY dp.project_code) AS s ON s.project_code = y.project_code
      UNION ALL
      SELECT i.compound_code, i.district_code, i.posted_on, 3, 'compound', 'interest', NULL, false, NULL, ARRAY[i.amount_yuan],
             NULL, NULL
      FROM report.fund_interest AS i
      WHERE i.posted_on <= p_as_of AND i.compound_code IN (SELECT a.compound_code FROM accounts AS a)
    )
    SELECT e.* FROM events AS e ORDER BY e.compound_code, e.day, e.class, e.reference
  LOOP
    IF ev.class = 0 THEN
      -- The compound before, if it had postings; a new compound: its accounts start at zero, its postings are
      -- counted from 1.
      -- (The postings are gathered in the output column itself: its type is named where the function is made, so a
      -- reader without access to the schema staging runs it.)
      IF counter > 0 THEN
        district_code := compound_district;
        RETURN NEXT;
      END IF;
      compound_code := ev.compound_code;
      postings := '{}';
      current_day := NULL;
      counter := 0;
      buildings := ev.unit_buildings;
      unit_nos := ev.unit_nos;
      balances := array_fill(0::numeric, ARRAY[cardinality(buildings)]);
      CONTINUE;
    END IF;
    IF ev.day IS DISTINCT FROM current_day THEN
      day_before := balances;  -- nothing was posted between the last posting day and this one
      current_day := ev.day;
    END IF;
    compound_district := ev.district_code;
    IF ev.class = 3 THEN
      -- Compound interest: by the balances at the end of the day before; none to allocate over, none posted.
      IF coalesce((SELECT sum(b) FROM unnest(day_before) AS b), 0) = 0 THEN
        CONTINUE;
      END IF;
      parts := report.allocate_weights(ev.parts[1], day_before);
      FOR pos IN 1 .. cardinality(parts) LOOP
        CONTINUE WHEN parts[pos] = 0;
        balances[pos] := balances[pos] + parts[pos];
        counter := counter + 1;
        postings[counter] := report.fund_posting(counter, buildings[pos], unit_nos[pos], ev.day, ev.kind, ev.reference,
                                                 ev.project_code, ev.emergency, parts[pos], parts[pos], 0, balances[pos]);
      END LOOP;
    ELSE
      FOR k IN 1 .. cardinality(ev.positions) LOOP
        pos := ev.positions[k];
        CONTINUE WHEN ev.parts[k] = 0;
        IF ev.class = 2 THEN
          taken := least(ev.parts[k], balances[pos]);
          posted := -ev.parts[k]; amount := -taken; owed := ev.parts[k] - taken;
        ELSIF ev.kind = 'refund' THEN
          taken := least(-ev.parts[k], balances[pos]);
          posted := ev.parts[k]; amount := -taken; owed := 0;
        ELSE
          posted := ev.parts[k]; amount := ev.parts[k]; owed := 0;
        END IF;
        balances[pos] := balances[pos] + amount;
        counter := counter + 1;
        postings[counter] := report.fund_posting(counter, buildings[pos], unit_nos[pos], ev.day, ev.kind, ev.reference,
                                                 ev.project_code, ev.emergency, posted, amount, owed, balances[pos]);
      END LOOP;
    END IF;
  END LOOP;
  IF counter > 0 THEN
    district_code := compound_district;
    RETURN NEXT;
  END IF;
END
$$;

ALTER FUNCTION report.fund_accounts_compute(p_as_of date, p_compounds text[]) OWNER TO propledger_owner;

--
-- Name: FUNCTION fund_accounts_compute(p_as_of date, p_compounds text[]); Type: COMMENT; Schema: report; Owner: propledger_owner
--

COMMENT ON FUNCTION report.fund_accounts_compute(p_as_of date, p_compounds text[]) IS 'SPEC §6, computed: per compound of those given (NULL = all in view) with postings up to as_of, its district and every posting to its unit accounts in order (staging.fund_posting, seq within the compound): deposits, draws apportioned by weight or area (ledger.project_unit_weights, §2.3), compound interest by the balances of the day before. posted = as recorded (draw: minus the share); amount = the account''s movement (never below zero); owed = the uncovered part of a draw''s share; balance = after it. Read report.fund_postings instead: it gives the same postings, row by row, from the kept ones.';

--
-- Name: fund_base_amount(numeric, numeric, text); Type: FUNCTION; Schema: report; Owner: propledger_owner
--

CREATE FUNCTION report.fund_base_amount(balance numeric, interest numeric, base text) RETURNS numeric
    LANGUAGE sql IMMUTABLE
    RETURN CASE base WHEN 'principal_and_interest'::text THEN balance ELSE GREATEST((balance - interest), (0)::numeric) END;

ALTER FUNCTION report.fund_base_amount(balance numeric, interest numeric, base text) OWNER TO propledger_owner;

--
-- Name: FUNCTION fund_base_amount(balance numeric, interest numeric, base text); Type: COMMENT; Schema: report; Owner: propledger_owner
--

COMMENT ON FUNCTION report.fund_base_amount(balance numeric, interest numeric, base text) IS 'The amount the top-up rules compare with the first deposits: the balance less its interest (base first_deposit) or the whole balance (principal_and_interest).';

--
-- Name: fund_below_threshold(numeric, numeric, numeric, text, numeric, numeric, text); Type: FUNCTION; Schema: report; Owner: propledger_owner
--

CREATE FUNCTION report.fund_below_threshold(balance numeric, interest numeric, first_deposits numeric, op text, a numeric, b numeric, base text) RETURNS boolean
    LANGUAGE sql IMMUTABLE
    RETURN ((first_deposits > (0)::numeric) AND ledger.meets_parts(report.fund_base_amount(balance, interest, base), first_deposits, op, a, b));

ALTER FUNCTION report.fund_below_threshold(balance numeric, interest numeric, first_deposits numeric, op text, a numeric, b numeric, base text) OWNER TO propledger_owner;

--
-- Name: FUNCTION fund_below_threshold(balance numeric, interest numeric, first_deposits numeric, op text, a numeric, b numeric, base text); Type: COMMENT; Schema: report; Owner: propledger_owner
--

COMMENT ON FUNCTION report.fund_below_threshold(balance numeric, interest numeric, first_deposits numeric, op text, a numeric, b numeric, base text) IS 'True when a unit must top up: its balance (principal only for base first_deposit, principal and interest for principal_and_interest) meets the threshold parsed as op a/b (e.g. < 3/10) against its first deposits.';

--
-- Name: fund_compounds_selected(text, text, text); Type: FUNCTION; Schema: report; Owner: propledger_owner
--

CREATE FUNCTION report.fund_compounds_selected(p_district text, p_street text, p_community text) RETURNS text[]
    LANGUAGE sql STABLE
    SET search_path TO 'pg_catalog', 'pg_temp'
    BEGIN ATOMIC
 SELECT
         CASE
             WHEN ((p_district IS NOT NULL) OR (p_street IS NOT NULL) OR (p_community IS NOT NULL)) THEN ARRAY( SELECT c.compound_code
                FROM report.compounds_filtered(fund_compounds_selected.p_district, fund_compounds_selected.p_street, fund_compounds_selected.p_community) c(compound_code, name, address, housing_type, built_year, buildings, households, floor_area_m2, community_code, community_name, community_type, street_code, street_name, district_code, district_name))
             ELSE NULL::text[]
         END AS "case";
END;

ALTER FUNCTION report.fund_compounds_selected(p_district text, p_street text, p_community text) OWNER TO propledger_owner;

--
-- Name: FUNCTION fund_compounds_selected(p_district text, p_street text, p_community text); Type: COMMENT; Schema: report; Owner: propledger_owner
--

COMMENT ON FUNCTION report.fund_compounds_selected(p_district text, p_street text, p_community text) IS 'The compounds selected by the district, street and community filters (NULL: no filter, every compound in view).';

--
-- Name: fund_kept_split(date, text[]); Type: FUNCTION; Schema: report; Owner: propledger_owner
--

CREATE FUNCTION report.fund_kept_split(p_as_of date, p_compounds text[], OUT kept text[], OUT computed text[]) RETURNS record
    LANGUAGE plpgsql STABLE
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
BEGIN
  SELECT coalesce(array_agg(k.compound_code) FILTER (WHERE k.current), '{}'),
         coalesce(array_agg(k.compound_code) FILTER (WHERE NOT k.current), '{}')
  INTO kept, computed
  FROM (SELECT k.compound_code,
               k.last_posted_on <= p_as_of
               AND NOT EXISTS (SELECT 1 FROM report.fund_stale AS f WHERE f.compound_code = k.compound_code)
               AND r.district_code IS NOT NULL
               AND (k.topup_threshold, k.topup_base, k.topup_default_target)
                   IS NOT DISTINCT FROM (r.topup_threshold, r.topup_base, r.topup_default_target) AS current
        FROM report.fund_compounds_kept AS k
        LEFT JOIN report.fund_rules(p_as_of) AS r ON r.district_code = k.district_code
        WHERE p_compounds IS NULL OR k.compound_code IN (SELECT unnest(p_compounds))) AS k;
  IF cardinality(kept) = 0 THEN
    computed := p_compounds;
  ELSE
    computed := computed || ARRAY(SELECT f.compound_code FROM report.fund_stale AS f
                                  WHERE p_compounds IS NULL OR f.compound_code = ANY (p_compounds));
  END IF;
END
$$;

ALTER FUNCTION report.fund_kept_split(p_as_of date, p_compounds text[], OUT kept text[], OUT computed text[]) OWNER TO propledger_owner;

--
-- Name: FUNCTION fund_kept_split(p_as_of date, p_compounds text[], OUT kept text[], OUT computed text[]); Type: COMMENT; Schema: report; Owner: propledger_owner
--

COMMENT ON FUNCTION report.fund_kept_split(p_as_of date, p_compounds text[], OUT kept text[], OUT computed text[]) IS 'The compounds (of those given, NULL = all) whose kept fund totals are the answer as of a day (not stale, as_of on or after their last posting, judged by the rules in force on as_of), and those to compute (NULL = all).';

--
-- Name: fund_posting(integer, text, text, date, text, text, text, boolean, numeric, numeric, numeric, numeric); Type: FUNCTION; Schema: report; Owner: propledger_owner
--

CREATE FUNCTION report.fund_posting(seq integer, building text, unit_no text, posted_on date, kind text, reference text, project_code text, emergency boolean, posted numeric, amount numeric, owed numeric, balance numeric) RETURNS staging.fund_posting
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    BEGIN ATOMIC
 SELECT ROW(seq, building, unit_no, posted_on, kind, reference, project_code, emergency, posted, amount, owed, balance)::staging.fund_posting AS "row";
END;

ALTER FUNCTION report.fund_posting(seq integer, building text, unit_no text, posted_on date, kind text, reference text, project_code text, emergency boolean, posted numeric, amount numeric, owed numeric, balance numeric) OWNER TO propledger_owner;

--
-- Name: FUNCTION fund_posting(seq integer, building text, unit_no text, posted_on date, kind text, reference text, project_code text, emergency boolean, posted numeric, amount numeric, owed numeric, balance numeric); Type: COMMENT; Schema: report; Owner: propledger_owner
--

COMMENT ON FUNCTION report.fund_posting(seq integer, building text, unit_no text, posted_on date, kind text, reference text, project_code text, emergency boolean, posted numeric, amount numeric, owed numeric, balance numeric) IS 'One posting (staging.fund_posting) from its fields, for report.fund_accounts_compute.';

--
-- Name: fund_postings_compute(date, text[]); Type: FUNCTION; Schema: report; Owner: propledger_owner
--

CREATE FUNCTION report.fund_postings_compute(p_as_of date DEFAULT CURRENT_DATE, p_compounds text[] DEFAULT NULL::text[]) RETURNS TABLE(seq integer, compound_code text, district_code text, building text, unit_no text, posted_on date, kind text, reference text, project_code text, emergency boolean, posted numeric, amount numeric, owed numeric, balance numeric)
    LANGUAGE sql STABLE
    BEGIN ATOMIC
 SELECT p.seq,
     a.compound_code,
     a.district_code,
     p.building,
     p.unit_no,
     p.posted_on,
     p.kind,
     p.reference,
     p.project_code,
     p.emergency,
     p.posted,
     p.amount,
     p.owed,
     p.balance
    FROM (report.fund_accounts_compute(fund_postings_compute.p_as_of, fund_postings_compute.p_compounds) a(compound_code, district_code, postings)
      CROSS JOIN LATERAL unnest(a.postings) p(seq, building, unit_no, posted_on, kind, reference, project_code, emergency, posted, amount, owed, balance));
END;

ALTER FUNCTION report.fund_postings_compute(p_as_of date, p_compounds text[]) OWNER TO propledger_owner;

--
-- Name: FUNCTION fund_postings_compute(p_as_of date, p_compounds text[]); Type: COMMENT; Schema: report; Owner: propledger_owner
--

COMMENT ON FUNCTION report.fund_postings_compute(p_as_of date, p_compounds text[]) IS 'SPEC §6, computed: every posting to the unit accounts of the given compounds (NULL = all in view) up to as_of, in order (seq within the compound): report.fund_accounts_compute row by row. Read report.fund_postings instead: it gives the same rows from the kept postings.';

--
-- Name: fund_postings_kept; Type: TABLE; Schema: staging; Owner: propledger_owner
--

CREATE TABLE staging.fund_postings_kept (
    compound_code text NOT NULL,
    district_code text NOT NULL,
    postings staging.fund_posting[] NOT NULL
);

ALTER TABLE ONLY staging.fund_postings_kept FORCE ROW LEVEL SECURITY;

ALTER TABLE staging.fund_postings_kept OWNER TO propledger_owner;

--
-- Name: TABLE fund_postings_kept; Type: COMMENT; Schema: staging; Owner: propledger_owner
--

COMMENT ON TABLE staging.fund_postings_kept IS 'The postings of report.fund_postings kept per compound (one row each, its postings in seq order); current for every compound not in staging.fund_stale. Written only by ledger.refresh_kept.';

--
-- Name: fund_postings_kept; Type: VIEW; Schema: report; Owner: propledger_owner
--

CREATE VIEW report.fund_postings_kept AS
 SELECT k.compound_code,
    p.seq,
    k.district_code,
    p.building,
    p.unit_no,
    p.posted_on,
    p.kind,
    p.reference,
    p.project_code,
    p.emergency,
    p.posted,
    p.amount,
    p.owed,
    p.balance
   FROM (staging.fund_postings_kept k
     CROSS JOIN LATERAL unnest(k.postings) p(seq, building, unit_no, posted_on, kind, reference, project_code, emergency, posted, amount, owed, balance));

ALTER TABLE report.fund_postings_kept OWNER TO propledger_owner;

--
-- Name: VIEW fund_postings_kept; Type: COMMENT; Schema: report; Owner: propledger_owner
--

COMMENT ON VIEW report.fund_postings_kept IS 'The kept fund postings (migration 034), current for every compound not in report.fund_stale.';

--
-- Name: fund_stale; Type: TABLE; Schema: staging; Owner: propledger_owner
--

CREATE TABLE staging.fund_stale (
    compound_code text NOT NULL,
    district_code text NOT NULL,
    marked_at timestamp with time zone DEFAULT now() NOT NULL
);

ALTER TABLE ONLY staging.fund_stale FORCE ROW LEVEL SECURITY;

ALTER TABLE staging.fund_stale OWNER TO propledger_owner;

--
-- Name: TABLE fund_stale; Type: COMMENT; Schema: staging; Owner: propledger_owner
--

COMMENT ON TABLE staging.fund_stale IS 'Compounds whose kept fund postings are out of date (marked by the triggers of the facts they are computed from); reports compute these live until ledger.refresh_kept.';

--
-- Name: fund_stale; Type: VIEW; Schema: report; Owner: propledger_owner
--

CREATE VIEW report.fund_stale AS
 SELECT f.compound_code,
    f.district_code,
    f.marked_at
   FROM staging.fund_stale f;

ALTER TABLE report.fund_stale OWNER TO propledger_owner;

--
-- Name: VIEW fund_stale; Type: COMMENT; Schema: report; Owner: propledger_owner
--

COMMENT ON VIEW report.fund_stale IS 'Compounds whose kept fund postings are out of date (computed live by report.fund_postings until ledger.refresh_kept).';

--
-- Name: fund_postings(date, text[]); Type: FUNCTION; Schema: report; Owner: propledger_owner
--

CREATE FUNCTION report.fund_postings(p_as_of date DEFAULT CURRENT_DATE, p_compounds text[] DEFAULT NULL::text[]) RETURNS TABLE(seq integer, compound_code text, district_code text, building text, unit_no text, posted_on date, kind text, reference text, project_code text, emergency boolean, posted numeric, amount numeric, owed numeric, balance numeric)
    LANGUAGE sql STABLE
    BEGIN ATOMIC
 SELECT k.seq,
     k.compound_code,
     k.district_code,
     k.building,
     k.unit_no,
     k.posted_on,
     k.kind,
     k.reference,
     k.project_code,
     k.emergency,
     k.posted,
     k.amount,
     k.owed,
     k.balance
    FROM report.fund_postings_kept k
   WHERE ((fund_postings.p_compounds IS NULL) AND (k.posted_on <= fund_postings.p_as_of) AND (NOT (EXISTS ( SELECT 1
            FROM report.fund_stale f
           WHERE (f.compound_code = k.compound_code)))))
 UNION ALL
  SELECT k.seq,
     k.compound_code,
     k.district_code,
     k.building,
     k.unit_no,
     k.posted_on,
     k.kind,
     k.reference,
     k.project_code,
     k.emergency,
     k.posted,
     k.amount,
     k.owed,
     k.balance
    FROM (( SELECT DISTINCT g_1.code
            FROM unnest(fund_postings.p_compounds) g_1(code)) g
      JOIN report.fund_postings_kept k ON ((k.compound_code = g.code)))
   WHERE ((k.posted_on <= fund_postings.p_as_of) AND (NOT (EXISTS ( SELECT 1
            FROM report.fund_stale f
           WHERE (f.compound_code = k.compound_code)))))
 UNION ALL
  SELECT c.seq,
     c.compound_code,
     c.district_code,
     c.building,
     c.unit_no,
     c.posted_on,
     c.kind,
     c.reference,
     c.project_code,
     c.emergency,
     c.posted,
     c.amount,
     c.owed,
     c.balance
    FROM report.fund_postings_compute(fund_postings.p_as_of, ARRAY( SELECT f.compound_code
            FROM report.fund_stale f
           WHERE ((fund_postings.p_compounds IS NULL) OR (f.compound_code = ANY (fund_postings.p_compounds))))) c(seq, compound_code, district_code, building, unit_no, posted_on, kind, reference, project_code, emergency, posted, amount, owed, balance);
END;

ALTER FUNCTION report.fund_postings(p_as_of date, p_compounds text[]) OWNER TO propledger_owner;

--
-- Name: FUNCTION fund_postings(p_as_of date, p_compounds text[]); Type: COMMENT; Schema: report; Owner: propledger_owner
--

COMMENT ON FUNCTION report.fund_postings(p_as_of date, p_compounds text[]) IS 'SPEC §6: every posting to the unit accounts of the given compounds (NULL = all in view) up to as_of (seq orders them within a compound): deposits, draws apportioned by weight or area (ledger.project_unit_weights, §2.3), compound interest by the balances of the day before. posted = as recorded (draw: minus the share); amount = the account''s movement (never below zero); owed = the uncovered part of a draw''s share; balance = after it. Kept postings for current compounds, computed for stale ones (report.fund_postings_compute).';

--
-- Name: fund_report(date, text, text, text, text); Type: FUNCTION; Schema: report; Owner: propledger_owner
--

CREATE FUNCTION report.fund_report(p_as_of date DEFAULT CURRENT_DATE, p_by text DEFAULT 'compound'::text, p_district text DEFAULT NULL::text, p_street text DEFAULT NULL::text, p_community text DEFAULT NULL::text) RETURNS TABLE(compound_code text, compound_name text, building text, unit_no text, first_deposits numeric, top_ups numeric, refunds numeric, interest numeric, draws numeric, owed numeric, balance numeric, units_below_threshold bigint, units_owing bigint, emergency_draws numeric)
    LANGUAGE plpgsql STABLE
    SET search_path TO 'pg_catalog', 'pg_temp'
    SET jit TO 'off'
    AS $$
#variable_conflict use_column
DECLARE
  split record;
BEGIN
  IF p_by IS NULL OR p_by NOT IN ('compound', 'building', 'unit') THEN
    RAISE EXCEPTION 'fund report: --by % is not compound, building or unit', coalesce(p_by, 'NULL') USING ERRCODE = '22023';
  END IF;
  IF p_by = 'compound' THEN
    -- One row per compound: the kept compound totals where they are current (report.fund_kept_split), the
    -- sums of the units of the others.
    split := report.fund_kept_split(p_as_of, report.fund_compounds_selected(p_district, p_street, p_community));
    RETURN QUERY
    WITH g AS (
      SELECT k.compound_code, k.first_deposits, k.top_ups, k.refunds, k.interest, k.draws, k.owed, k.balance,
             k.units_below_threshold AS units_below, k.units_owing, k.emergency_draws
      FROM report.fund_compounds_kept AS k
      WHERE cardinality(split.kept) > 0 AND k.compound_code IN (SELECT unnest(split.kept))
      UNION ALL
      SELECT f.compound_code, sum(f.first_deposits), sum(f.top_ups), sum(f.refunds), sum(f.interest), sum(f.draws),
             sum(f.owed), sum(f.balance), count(*) FILTER (WHERE f.below_threshold), count(*) FILTER (WHERE f.owing),
             sum(f.emergency_draws)
      FROM report.fund_units_of(p_as_of, split.computed) AS f
      WHERE split.computed IS NULL OR cardinality(split.computed) > 0
      GROUP BY f.compound_code
    )
    SELECT g.compound_code, c.name, NULL::text, NULL::text, g.first_deposits, g.top_ups, g.refunds, g.interest,
           g.draws, g.owed, g.balance, g.units_below, g.units_owing, g.emergency_draws
    FROM g JOIN report.compounds AS c ON c.compound_code = g.compound_code
    ORDER BY g.compound_code;
    RETURN;
  END IF;
  RETURN QUERY
  WITH g AS (
    SELECT f.compound_code, c.name,
           CASE WHEN p_by IN ('building', 'unit') THEN f.building END AS g_building,
           CASE WHEN p_by = 'unit' THEN f.unit_no END AS g_unit_no,
           sum(f.first_deposits) AS first_deposits, sum(f.top_ups) AS top_ups, sum(f.refunds) AS refunds,
           sum(f.interest) AS interest, sum(f.draws) AS draws, sum(f.owed) AS owed, sum(f.balance) AS balance,
           count(*) FILTER (WHERE f.below_threshold) AS units_below, count(*) FILTER (WHERE f.owing) AS units_owing,
           sum(f.emergency_draws) AS emergency_draws, min(f.building) AS first_building, min(f.unit_no) AS first_unit_no
    FROM report.fund_units(p_as_of, p_district, p_street, p_community) AS f
    JOIN report.compounds AS c ON c.compound_code = f.compound_code
    GROUP BY f.compound_code, c.name, g_building, g_unit_no
  ), keys AS (
    SELECT k.label, k.key FROM report.natural_keys(ARRAY(SELECT g.first_building FROM g UNION SELECT g.first_unit_no FROM g)) AS k
  )
  SELECT g.compound_code, g.name, g.g_building, g.g_unit_no, g.first_deposits, g.top_ups, g.refunds, g.interest,
         g.draws, g.owed, g.balance, g.units_below, g.units_owing, g.emergency_draws
  FROM g
  JOIN keys AS kb ON kb.label = g.first_building
  JOIN keys AS ku ON ku.label = g.first_unit_no
  ORDER BY g.compound_code, kb.key, ku.key;
END
$$;

ALTER FUNCTION report.fund_report(p_as_of date, p_by text, p_district text, p_street text, p_community text) OWNER TO propledger_owner;

--
-- Name: FUNCTION fund_report(p_as_of date, p_by text, p_district text, p_street text, p_community text); Type: COMMENT; Schema: report; Owner: propledger_owner
--

COMMENT ON FUNCTION report.fund_report(p_as_of date, p_by text, p_district text, p_street text, p_community text) IS 'SPEC §6 fund: per compound (p_by compound), building or unit, the fund accounts as of as_of (postings dated on or before it): first_deposits, top_ups, refunds, interest, draws, owed, balance = first_deposits + top_ups + interest + refunds − (draws − owed), units_below_threshold, units_owing, emergency_draws.';

--
-- Name: fund_rules(date); Type: FUNCTION; Schema: report; Owner: propledger_owner
--

CREATE FUNCTION report.fund_rules(p_as_of date) RETURNS TABLE(district_code text, topup_threshold text, topup_base text, topup_default_target text, topup_default_after_days integer)
    LANGUAGE sql STABLE
    SET search_path TO 'pg_catalog', 'pg_temp'
    BEGIN ATOMIC
 SELECT d.district_code,
     ledger.rule_value(d.district_code, 'fund.topup_threshold'::text, fund_rules.p_as_of) AS rule_value,
     ledger.rule_value(d.district_code, 'fund.topup_base'::text, fund_rules.p_as_of) AS rule_value,
     ledger.rule_value(d.district_code, 'fund.topup_default_target'::text, fund_rules.p_as_of) AS rule_value,
     (ledger.rule_value(d.district_code, 'fund.topup_default_after_days'::text, fund_rules.p_as_of))::integer AS rule_value
    FROM report.districts d;
END;

ALTER FUNCTION report.fund_rules(p_as_of date) OWNER TO propledger_owner;

--
-- Name: FUNCTION fund_rules(p_as_of date); Type: COMMENT; Schema: report; Owner: propledger_owner
--

COMMENT ON FUNCTION report.fund_rules(p_as_of date) IS 'Each district''s fund top-up threshold and its base, and the default top-up target and delay where its jurisdiction has them (SPEC §10), on a date.';

--
-- Name: fund_rules_parsed(date); Type: FUNCTION; Schema: report; Owner: propledger_owner
--

CREATE FUNCTION report.fund_rules_parsed(p_as_of date) RETURNS TABLE(district_code text, topup_threshold text, threshold_op text, threshold_a numeric, threshold_b numeric, topup_base text, topup_default_target text, topup_default_after_days integer)
    LANGUAGE sql STABLE
    SET search_path TO 'pg_catalog', 'pg_temp'
    BEGIN ATOMIC
 SELECT r.district_code,
     r.topup_threshold,
     t.op,
     t.a,
     t.b,
     r.topup_base,
     r.topup_default_target,
     r.topup_default_after_days
    FROM (report.fund_rules(fund_rules_parsed.p_as_of) r(district_code, topup_threshold, topup_base, topup_default_target, topup_default_after_days)
      LEFT JOIN LATERAL ledger.threshold_parts(r.topup_threshold) t(op, a, b) ON (true));
END;

ALTER FUNCTION report.fund_rules_parsed(p_as_of date) OWNER TO propledger_owner;

--
-- Name: FUNCTION fund_rules_parsed(p_as_of date); Type: COMMENT; Schema: report; Owner: propledger_owner
--

COMMENT ON FUNCTION report.fund_rules_parsed(p_as_of date) IS 'report.fund_rules with the top-up threshold parsed (ledger.threshold_parts: op, a, b).';

--
-- Name: fund_topup_due(numeric, numeric, text); Type: FUNCTION; Schema: report; Owner: propledger_owner
--

CREATE FUNCTION report.fund_topup_due(base_amount numeric, first_deposits numeric, target text) RETURNS numeric
    LANGUAGE plpgsql IMMUTABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $_$
DECLARE
  m text[] := regexp_match(target, '^(>=|>)([0-9]+)/([0-9]+)$');
  due numeric;
BEGIN
  IF base_amount IS NULL OR first_deposits IS NULL OR target IS NULL THEN
    RETURN NULL;
  END IF;
  IF m IS NULL OR m[3]::numeric = 0 THEN
    RAISE EXCEPTION 'not a top-up target: "%"', target
      USING ERRCODE = '22023', HINT = 'Write a top-up target as >=1/2 or >1/2 (a share of the first deposits to reach).';
  END IF;
  due := greatest(ceil((first_deposits * m[2]::numeric / m[3]::numeric - base_amount) * 100) / 100, 0);
  IF NOT ledger.meets_parts(base_amount + due, first_deposits, m[1], m[2]::numeric, m[3]::numeric) THEN
    due := due + 0.01;  -- ">" is strict: exactly the target is not enough
  END IF;
  RETURN due::numeric(14,2);
END
$_$;

ALTER FUNCTION report.fund_topup_due(base_amount numeric, first_deposits numeric, target text) OWNER TO propledger_owner;

--
-- Name: FUNCTION fund_topup_due(base_amount numeric, first_deposits numeric, target text); Type: COMMENT; Schema: report; Owner: propledger_owner
--

COMMENT ON FUNCTION report.fund_topup_due(base_amount numeric, first_deposits numeric, target text) IS 'The least amount (whole fen, >= 0) that brings a unit''s base amount to a top-up target such as >=1/2 of its first deposits. Raises 22023 for a target that is not >=a/b or >a/b.';

--
-- Name: fund_unit_report(text, text, text, date); Type: FUNCTION; Schema: report; Owner: propledger_owner
--

CREATE FUNCTION report.fund_unit_report(p_compound text, p_building text, p_unit_no text, p_as_of date DEFAULT CURRENT_DATE) RETURNS TABLE(posted_on date, kind text, reference text, project_code text, amount numeric, owed numeric, balance numeric)
    LANGUAGE plpgsql STABLE
    SET search_path TO 'pg_catalog', 'pg_temp'
    SET jit TO 'off'
    AS $$
#variable_conflict use_column
BEGIN
  IF NOT EXISTS (SELECT 1 FROM report.units AS u
                 WHERE u.compound_code = p_compound AND u.building = p_building AND u.unit_no = p_unit_no) THEN
    RAISE EXCEPTION 'unit % % of compound "%" not found', p_building, p_unit_no, p_compound
      USING ERRCODE = 'P0002', HINT = 'Check the compound, building and unit number with propledger report fund --by unit (a district user sees only their districts).';
  END IF;
  RETURN QUERY
  SELECT p.posted_on, p.kind, p.reference, p.project_code,
         -- A draw shows the unit's whole share; what its balance could not cover is in owed.
         (CASE WHEN p.kind = 'draw' THEN p.posted ELSE p.amount END)::numeric(14,2),
         p.owed::numeric(14,2), p.balance::numeric(14,2)
  FROM report.fund_postings(p_as_of, ARRAY[p_compound]) AS p
  WHERE p.building = p_building AND p.unit_no = p_unit_no
  ORDER BY p.seq;
END
$$;

ALTER FUNCTION report.fund_unit_report(p_compound text, p_building text, p_unit_no text, p_as_of date) OWNER TO propledger_owner;

--
-- Name: FUNCTION fund_unit_report(p_compound text, p_building text, p_unit_no text, p_as_of date); Type: COMMENT; Schema: report; Owner: propledger_owner
--

COMMENT ON FUNCTION report.fund_unit_report(p_compound text, p_building text, p_unit_no text, p_as_of date) IS 'SPEC §6 fund-unit: one unit''s statement up to as_of, every posting in the order it applies with the running balance (a draw: amount = minus its share, owed = the part the balance did not cover). Raises P0002 when the unit is not in view.';

--
-- Name: fund_units(date, text, text, text); Type: FUNCTION; Schema: report; Owner: propledger_owner
--

CREATE FUNCTION report.fund_units(p_as_of date DEFAULT CURRENT_DATE, p_district text DEFAULT NULL::text, p_street text DEFAULT NULL::text, p_community text DEFAULT NULL::text) RETURNS TABLE(compound_code text, district_code text, building text, unit_no text, first_deposits numeric, top_ups numeric, refunds numeric, interest numeric, draws numeric, owed numeric, balance numeric, emergency_draws numeric, below_threshold boolean, owing boolean, below_since date, topup_default_due numeric)
    LANGUAGE plpgsql STABLE
    SET search_path TO 'pg_catalog', 'pg_temp'
    SET jit TO 'off'
    AS $$
#variable_conflict use_column
BEGIN
  RETURN QUERY
  SELECT u.compound_code, u.district_code, u.building, u.unit_no, u.first_deposits, u.top_ups, u.refunds, u.interest,
         u.draws, u.owed, u.balance, u.emergency_draws, u.below_threshold, u.owing, u.below_since, u.topup_default_due
  FROM report.fund_units_of(p_as_of, report.fund_compounds_selected(p_district, p_street, p_community)) AS u
  ORDER BY u.compound_code, u.pos;
END
$$;

ALTER FUNCTION report.fund_units(p_as_of date, p_district text, p_street text, p_community text) OWNER TO propledger_owner;

--
-- Name: FUNCTION fund_units(p_as_of date, p_district text, p_street text, p_community text); Type: COMMENT; Schema: report; Owner: propledger_owner
--

COMMENT ON FUNCTION report.fund_units(p_as_of date, p_district text, p_street text, p_community text) IS 'SPEC §6: per unit of every compound in view with fund postings by as_of: first deposits, top-ups, refunds, interest, draws (its shares), owed, balance, emergency draws, below_threshold (must top up; nothing owed), owing; where the jurisdiction has a default top-up (上海 Art. 65), below_since and topup_default_due (below the threshold for more than fund.topup_default_after_days days with no top-up since: the amount that reaches the default target).';

--
-- Name: fund_units_compute(date, text[], date); Type: FUNCTION; Schema: report; Owner: propledger_owner
--

CREATE FUNCTION report.fund_units_compute(p_as_of date DEFAULT CURRENT_DATE, p_compounds text[] DEFAULT NULL::text[], p_rules_on date DEFAULT NULL::date) RETURNS TABLE(compound_code text, district_code text, building text, unit_no text, pos integer, last_posted_on date, first_deposits numeric, top_ups numeric, refunds numeric, interest numeric, draws numeric, owed numeric, balance numeric, emergency_draws numeric, below_threshold boolean, below_since date, topped_up boolean, topup_threshold text, topup_base text, topup_default_target text)
    LANGUAGE plpgsql STABLE
    SET search_path TO 'pg_catalog', 'pg_temp'
    SET jit TO 'off'
    SET enable_mergejoin TO 'off'
    AS $$
#variable_conflict use_column
BEGIN
  RETURN QUERY
  WITH rules AS (SELECT * FROM report.fund_rules_parsed(coalesce(p_rules_on, p_as_of))),
  -- report.fund_postings is inlined: the totals are one scan and one aggregation of the kept postings (a CTE
  -- of the postings read three times would copy all of them first), the spells a second scan of those of the
  -- districts with a default top-up only.
  per_unit AS (
    SELECT p.compound_code, p.building, p.unit_no, max(p.posted_on) AS last_posted_on,
           coalesce(sum(p.amount) FILTER (WHERE p.kind = 'first_deposit'), 0) AS first_deposits,
           coalesce(sum(p.amount) FILTER (WHERE p.kind = 'top_up'), 0) AS top_ups,
           coalesce(sum(p.amount) FILTER (WHERE p.kind = 'refund'), 0) AS refunds,
           coalesce(sum(p.amount) FILTER (WHERE p.kind = 'interest'), 0) AS interest,
           coalesce(-sum(p.posted) FILTER (WHERE p.kind = 'draw'), 0) AS draws,
           coalesce(sum(p.owed), 0) AS owed,
           coalesce(sum(p.amount), 0) AS balance,
           coalesce(-sum(p.posted) FILTER (WHERE p.kind = 'draw' AND p.emergency), 0) AS emergency_draws
    FROM report.fund_postings(p_as_of, p_compounds) AS p GROUP BY p.compound_code, p.building, p.unit_no
  ),
  last_day AS (SELECT x.compound_code, max(x.last_posted_on) AS last_posted_on FROM per_unit AS x GROUP BY x.compound_code),
  -- After each posting: the unit's running totals, then whether they are below the threshold. The last run
  -- of postings that leave it below is its current spell below the threshold; it started on the day of the
  -- first of them.
  sums AS (
    SELECT p.compound_code, p.building, p.unit_no, p.seq, p.posted_on, p.kind, r.threshold_op, r.threshold_a,
           r.threshold_b, r.topup_base, sum(p.amount) OVER w AS balance,
           coalesce(sum(p.amount) FILTER (WHERE p.kind = 'interest') OVER w, 0) AS interest,
           coalesce(sum(p.amount) FILTER (WHERE p.kind = 'first_deposit') OVER w, 0) AS first_deposits
    FROM report.fund_postings(p_as_of, p_compounds) AS p JOIN rules AS r ON r.district_code = p.district_code
    WHERE r.topup_default_target IS NOT NULL
    WINDOW w AS (PARTITION BY p.compound_code, p.building, p.unit_no ORDER BY p.seq)
  ),
  running AS (
    SELECT m.compound_code, m.building, m.unit_no, m.seq, m.posted_on, m.kind,
           coalesce(report.fund_below_threshold(m.balance, m.interest, m.first_deposits, m.threshold_op, m.threshold_a,
                                                m.threshold_b, m.topup_base), false) AS below
    FROM sums AS m
  ),
  marked AS (
    SELECT m.*, max(m.seq) FILTER (WHERE NOT m.below) OVER (PARTITION BY m.compound_code, m.building, m.unit_no) AS last_above
    FROM running AS m
  ),
  spells AS (
    SELECT m.compound_code, m.building, m.unit_no, min(m.posted_on) AS below_since, bool_or(m.kind = 'top_up') AS topped_up
    FROM marked AS m WHERE m.seq > coalesce(m.last_above, 0)
    GROUP BY m.compound_code, m.building, m.unit_no
  ),
  units AS (
    SELECT u.compound_code, u.district_code, u.building, u.unit_no, l.last_posted_on,
           coalesce(x.first_deposits, 0)::numeric(14,2) AS first_deposits, coalesce(x.top_ups, 0)::numeric(14,2) AS top_ups,
           coalesce(x.refunds, 0)::numeric(14,2) AS refunds, coalesce(x.interest, 0)::numeric(14,2) AS interest,
           coalesce(x.draws, 0)::numeric(14,2) AS draws, coalesce(x.owed, 0)::numeric(14,2) AS owed,
           coalesce(x.balance, 0)::numeric(14,2) AS balance, coalesce(x.emergency_draws, 0)::numeric(14,2) AS emergency_draws,
           coalesce(x.owed, 0) = 0 AND coalesce(report.fund_below_threshold(x.balance, x.interest, x.first_deposits,
                                                                            r.threshold_op, r.threshold_a, r.threshold_b,
                                                                            r.topup_base), false) AS below_threshold,
           r.topup_threshold, r.topup_base, r.topup_default_target
    FROM report.units AS u
    JOIN last_day AS l ON l.compound_code = u.compound_code
    JOIN rules AS r ON r.district_code = u.district_code
    LEFT JOIN per_unit AS x ON x.compound_code = u.compound_code AND x.building = u.building AND x.unit_no = u.unit_no
  ), keys AS (
    SELECT k.label, k.key FROM report.natural_keys(ARRAY(SELECT x.building FROM units AS x UNION SELECT x.unit_no FROM units AS x)) AS k
  )
  SELECT u.compound_code, u.district_code, u.building, u.unit_no,
         (row_number() OVER (PARTITION BY u.compound_code ORDER BY kb.key, ku.key))::integer, u.last_posted_on,
         u.first_deposits, u.top_ups, u.refunds, u.interest, u.draws, u.owed, u.balance, u.emergency_draws,
         u.below_threshold, CASE WHEN u.below_threshold THEN s.below_since END, s.topped_up,
         u.topup_threshold, u.topup_base, u.topup_default_target
  FROM units AS u
  LEFT JOIN spells AS s ON s.compound_code = u.compound_code AND s.building = u.building AND s.unit_no = u.unit_no
  JOIN keys AS kb ON kb.label = u.building
  JOIN keys AS ku ON ku.label = u.unit_no;
END
$$;

ALTER FUNCTION report.fund_units_compute(p_as_of date, p_compounds text[], p_rules_on date) OWNER TO propledger_owner;

--
-- Name: FUNCTION fund_units_compute(p_as_of date, p_compounds text[], p_rules_on date); Type: COMMENT; Schema: report; Owner: propledger_owner
--

COMMENT ON FUNCTION report.fund_units_compute(p_as_of date, p_compounds text[], p_rules_on date) IS 'SPEC §6, computed: per unit of the given compounds (NULL = all in view) with fund postings by as_of, its totals (report.fund_postings) and its top-up judgement by the rules in force on rules_on (default as_of), which it names; pos = natural order in the compound, last_posted_on = the compound''s last posting day. Read report.fund_units instead: it gives the same judgement from the kept totals (staging.fund_units_kept) where they are current.';

--
-- Name: fund_units_of(date, text[], boolean); Type: FUNCTION; Schema: report; Owner: propledger_owner
--

CREATE FUNCTION report.fund_units_of(p_as_of date, p_compounds text[], p_flagged_only boolean DEFAULT false) RETURNS TABLE(compound_code text, district_code text, building text, unit_no text, first_deposits numeric, top_ups numeric, refunds numeric, interest numeric, draws numeric, owed numeric, balance numeric, emergency_draws numeric, below_threshold boolean, owing boolean, below_since date, topup_default_due numeric, pos integer)
    LANGUAGE plpgsql STABLE
    SET search_path TO 'pg_catalog', 'pg_temp'
    SET jit TO 'off'
    AS $$
#variable_conflict use_column
DECLARE
  split record := report.fund_kept_split(p_as_of, p_compounds);
BEGIN
  RETURN QUERY
  WITH x AS (
    SELECT k.compound_code, k.district_code, k.building, k.unit_no, k.pos, k.first_deposits, k.top_ups, k.refunds,
           k.interest, k.draws, k.owed, k.balance, k.emergency_draws, k.below_threshold, k.below_since, k.topped_up
    FROM report.fund_units_kept AS k
    WHERE cardinality(split.kept) > 0 AND k.compound_code IN (SELECT unnest(split.kept))
      AND (NOT p_flagged_only OR k.below_threshold OR k.owed > 0)
    UNION ALL
    SELECT c.compound_code, c.district_code, c.building, c.unit_no, c.pos, c.first_deposits, c.top_ups, c.refunds,
           c.interest, c.draws, c.owed, c.balance, c.emergency_draws, c.below_threshold, c.below_since, c.topped_up
    FROM report.fund_units_compute(p_as_of, split.computed) AS c
    WHERE (split.computed IS NULL OR cardinality(split.computed) > 0)
      AND (NOT p_flagged_only OR c.below_threshold OR c.owed > 0)
  )
  -- The default top-up is owed when the unit has been below the threshold for more than the delay on as_of
  -- with no top-up since it fell below (a top-up is the owners' decision being carried out).
  SELECT x.compound_code, x.district_code, x.building, x.unit_no, x.first_deposits, x.top_ups, x.refunds, x.interest,
         x.draws, x.owed, x.balance, x.emergency_draws, x.below_threshold, x.owed > 0, x.below_since,
         CASE WHEN x.below_threshold AND NOT x.topped_up AND p_as_of - x.below_since > r.topup_default_after_days
              THEN report.fund_topup_due(report.fund_base_amount(x.balance, x.interest, r.topup_base), x.first_deposits,
                                         r.topup_default_target) END,
         x.pos
  FROM x JOIN report.fund_rules(p_as_of) AS r ON r.district_code = x.district_code;
END
$$;

ALTER FUNCTION report.fund_units_of(p_as_of date, p_compounds text[], p_flagged_only boolean) OWNER TO propledger_owner;

--
-- Name: FUNCTION fund_units_of(p_as_of date, p_compounds text[], p_flagged_only boolean); Type: COMMENT; Schema: report; Owner: propledger_owner
--

COMMENT ON FUNCTION report.fund_units_of(p_as_of date, p_compounds text[], p_flagged_only boolean) IS 'report.fund_units for the given compounds (NULL = all in view), unordered, with pos: kept totals where current (report.fund_kept_split), computed (report.fund_units_compute) elsewhere; flagged_only: only the units below the threshold or owing.';

--
-- Name: funding_report(date, integer, text, text, text); Type: FUNCTION; Schema: report; Owner: propledger_owner
--

CREATE FUNCTION report.funding_report(p_as_of date DEFAULT CURRENT_DATE, p_year integer DEFAULT NULL::integer, p_district text DEFAULT NULL::text, p_street text DEFAULT NULL::text, p_community text DEFAULT NULL::text) RETURNS TABLE(district_code text, district text, source text, committed numeric, paid numeric, outstanding numeric, overrun numeric)
    LANGUAGE plpgsql STABLE
    SET search_path TO 'pg_catalog', 'pg_temp'
    SET jit TO 'off'
    AS $$
#variable_conflict use_column
BEGIN
  RETURN QUERY
  -- A project's district is its compound's (projects_compound_fkey); a street or community filter is a
  -- semi-join on the compounds, and without one no compound is joined (province: 339,204 shares, two hash
  -- joins fewer).
  SELECT p.district_code, d.name, x.source,
         sum(x.committed)::numeric(14,2), sum(x.paid)::numeric(14,2),
         sum(x.outstanding)::numeric(14,2), sum(x.overrun)::numeric(14,2)
  FROM report.project_shares_as_of(p_as_of, p_district) AS x
  JOIN report.projects AS p ON p.project_code = x.project_code
  JOIN report.districts AS d ON d.district_code = p.district_code
  WHERE p.approved_on <= p_as_of
    AND report.project_status_as_of(p_as_of, p.approved_on, p.started_on, p.completed_on, p.accepted_on, p.cancelled_on) <> 'cancelled'
    AND (p_district IS NULL OR p.district_code = p_district)
    AND (p_year IS NULL OR extract(year FROM p.approved_on) = p_year)
    AND ((p_street IS NULL AND p_community IS NULL)
         OR p.compound_code IN (SELECT c.compound_code FROM report.compounds_filtered(p_district, p_street, p_community) AS c))
  GROUP BY p.district_code, d.name, x.source
  ORDER BY p.district_code, report.funding_source_rank(x.source);
END
$$;

ALTER FUNCTION report.funding_report(p_as_of date, p_year integer, p_district text, p_street text, p_community text) OWNER TO propledger_owner;

--
-- Name: FUNCTION funding_report(p_as_of date, p_year integer, p_district text, p_street text, p_community text); Type: COMMENT; Schema: report; Owner: propledger_owner
--

COMMENT ON FUNCTION report.funding_report(p_as_of date, p_year integer, p_district text, p_street text, p_community text) IS 'SPEC §4 funding: per district and source, over projects approved by as_of (and in p_year, if given) and not cancelled: committed, paid by as_of, outstanding = sum over shares of max(0, committed - paid), overrun.';

--
-- Name: funding_source_rank(text); Type: FUNCTION; Schema: report; Owner: propledger_owner
--

CREATE FUNCTION report.funding_source_rank(source text) RETURNS integer
    LANGUAGE sql IMMUTABLE SECURITY DEFINER PARALLEL SAFE
    SET search_path TO 'pg_catalog', 'pg_temp'
    RETURN ledger.funding_source_rank(source);

ALTER FUNCTION report.funding_source_rank(source text) OWNER TO propledger_owner;

--
-- Name: FUNCTION funding_source_rank(source text); Type: COMMENT; Schema: report; Owner: propledger_owner
--

COMMENT ON FUNCTION report.funding_source_rank(source text) IS 'The §3 order of funding sources (government 1 … community_fund 6), for sorting report rows.';

--
-- Name: row_history(text, text[]); Type: FUNCTION; Schema: report; Owner: propledger_owner
--

CREATE FUNCTION report.row_history(p_table text, p_key text[]) RETURNS TABLE(changed_at timestamp with time zone, operation text, db_user text, batch_id bigint, file_name text, sha256 text, column_name text, old_value text, new_value text)
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $_$
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
$_$;

ALTER FUNCTION report.row_history(p_table text, p_key text[]) OWNER TO propledger_owner;

--
-- Name: FUNCTION row_history(p_table text, p_key text[]); Type: COMMENT; Schema: report; Owner: propledger_owner
--

COMMENT ON FUNCTION report.row_history(p_table text, p_key text[]) IS 'The changes of one ledger row with their loads (file, sha256); the caller''s districts only.';

--
-- Name: history_report(text, text[]); Type: FUNCTION; Schema: report; Owner: propledger_owner
--

CREATE FUNCTION report.history_report(p_table text, p_key text[]) RETURNS TABLE(changed_at timestamp with time zone, operation text, db_user text, batch_id bigint, file_name text, sha256 text, column_name text, old_value text, new_value text)
    LANGUAGE sql STABLE
    SET jit TO 'off'
    BEGIN ATOMIC
 SELECT row_history.changed_at,
     row_history.operation,
     row_history.db_user,
     row_history.batch_id,
     row_history.file_name,
     row_history.sha256,
     row_history.column_name,
     row_history.old_value,
     row_history.new_value
    FROM report.row_history(history_report.p_table, history_report.p_key) row_history(changed_at, operation, db_user, batch_id, file_name, sha256, column_name, old_value, new_value);
END;

ALTER FUNCTION report.history_report(p_table text, p_key text[]) OWNER TO propledger_owner;

--
-- Name: FUNCTION history_report(p_table text, p_key text[]); Type: COMMENT; Schema: report; Owner: propledger_owner
--

COMMENT ON FUNCTION report.history_report(p_table text, p_key text[]) IS 'report history TABLE KEY…: who changed a ledger row, when, in which load (file, sha256), from what to what; the caller''s districts only.';

--
-- Name: jurisdictions; Type: TABLE; Schema: ledger; Owner: propledger_owner
--

CREATE TABLE ledger.jurisdictions (
    jurisdiction text NOT NULL,
    name_zh text NOT NULL,
    name_en text NOT NULL,
    insert_batch_id bigint DEFAULT (NULLIF(current_setting('propledger.load_batch'::text, true), ''::text))::bigint,
    CONSTRAINT jurisdictions_code_form CHECK (((jurisdiction = 'national'::text) OR (jurisdiction ~ '^([0-9]{2}){1,3}$'::text)))
);

ALTER TABLE ledger.jurisdictions OWNER TO propledger_owner;

--
-- Name: TABLE jurisdictions; Type: COMMENT; Schema: ledger; Owner: propledger_owner
--

COMMENT ON TABLE ledger.jurisdictions IS 'A jurisdiction whose rules the ledger applies: national, or a GB/T 2260 code prefix (11 北京, 31 上海, 3301 杭州, 33 浙江) matching its districts'' codes.';

--
-- Name: COLUMN jurisdictions.insert_batch_id; Type: COMMENT; Schema: ledger; Owner: propledger_owner
--

COMMENT ON COLUMN ledger.jurisdictions.insert_batch_id IS 'The load batch (audit.load_batches) that inserted this row; NULL for a row inserted outside a load, whose values audit.changes recorded. Set by default, never changed.';

--
-- Name: jurisdictions; Type: VIEW; Schema: report; Owner: propledger_owner
--

CREATE VIEW report.jurisdictions AS
 SELECT j.jurisdiction,
    j.name_zh,
    j.name_en
   FROM ledger.jurisdictions j;

ALTER TABLE report.jurisdictions OWNER TO propledger_owner;

--
-- Name: VIEW jurisdictions; Type: COMMENT; Schema: report; Owner: propledger_owner
--

COMMENT ON VIEW report.jurisdictions IS 'Jurisdictions whose rules the ledger applies (SPEC §10).';

--
-- Name: jurisdiction_chain(text); Type: FUNCTION; Schema: report; Owner: propledger_owner
--

CREATE FUNCTION report.jurisdiction_chain(p_district text DEFAULT NULL::text) RETURNS TABLE(depth integer, jurisdiction text, name_zh text, name_en text)
    LANGUAGE sql STABLE
    SET search_path TO 'pg_catalog', 'pg_temp'
    BEGIN ATOMIC
 SELECT c.depth,
     c.jurisdiction,
     j.name_zh,
     j.name_en
    FROM (ledger.jurisdiction_chain(jurisdiction_chain.p_district) c(jurisdiction, depth)
      JOIN report.jurisdictions j ON ((j.jurisdiction = c.jurisdiction)))
   ORDER BY c.depth;
END;

ALTER FUNCTION report.jurisdiction_chain(p_district text) OWNER TO propledger_owner;

--
-- Name: FUNCTION jurisdiction_chain(p_district text); Type: COMMENT; Schema: report; Owner: propledger_owner
--

COMMENT ON FUNCTION report.jurisdiction_chain(p_district text) IS 'SPEC §10: the jurisdictions whose rules reach a district (NULL: national only), most specific first, with their names.';

--
-- Name: loads_report(); Type: FUNCTION; Schema: report; Owner: propledger_owner
--

CREATE FUNCTION report.loads_report() RETURNS TABLE("when" timestamp with time zone, who text, kind text, file text, sha256 text, rows bigint, inserted bigint, updated bigint, unchanged bigint, rejected bigint, deleted bigint, status text)
    LANGUAGE plpgsql STABLE
    SET search_path TO 'pg_catalog', 'pg_temp'
    SET jit TO 'off'
    AS $$
#variable_conflict use_column
BEGIN
  RETURN QUERY
  SELECT b.started_at, b.db_user, b.kind, b.file_name, b.sha256, b.rows, b.inserted, b.updated, b.unchanged,
         b.rejected, b.deleted, b.status
  FROM report.load_batches AS b
  ORDER BY b.started_at, b.id;
END
$$;

ALTER FUNCTION report.loads_report() OWNER TO propledger_owner;

--
-- Name: FUNCTION loads_report(); Type: COMMENT; Schema: report; Owner: propledger_owner
--

COMMENT ON FUNCTION report.loads_report() IS 'SPEC §4 loads: one row per load batch, oldest first (deleted: rows a delete load removed, SPEC §8).';

--
-- Name: management_status(date); Type: FUNCTION; Schema: report; Owner: propledger_owner
--

CREATE FUNCTION report.management_status(as_of date DEFAULT CURRENT_DATE) RETURNS TABLE(compound_code text, compound_name text, district_code text, street_code text, community_code text, community_type text, households integer, managed boolean, mode text, company_uscc text, company_name text, basis text, fee_yuan_per_m2_month numeric, start_on date, end_on date)
    LANGUAGE sql STABLE
    AS $$
  SELECT c.compound_code, c.name, c.district_code, c.street_code, c.community_code, c.community_type,
         c.households, m.mode IS NOT NULL, m.mode, m.company_uscc, m.company_name, m.basis,
         m.fee_yuan_per_m2_month, m.start_on, m.end_on
  FROM report.compounds AS c
  LEFT JOIN report.management_periods AS m
    ON m.compound_code = c.compound_code AND as_of BETWEEN m.start_on AND coalesce(m.end_on, 'infinity')
$$;

ALTER FUNCTION report.management_status(as_of date) OWNER TO propledger_owner;

--
-- Name: FUNCTION management_status(as_of date); Type: COMMENT; Schema: report; Owner: propledger_owner
--

COMMENT ON FUNCTION report.management_status(as_of date) IS 'Every compound and the management period in force on as_of (managed = false: none).';

--
-- Name: natural_key(text); Type: FUNCTION; Schema: report; Owner: propledger_owner
--

CREATE FUNCTION report.natural_key(label text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT SECURITY DEFINER PARALLEL SAFE
    SET search_path TO 'pg_catalog', 'pg_temp'
    RETURN ledger.natural_key(label);

ALTER FUNCTION report.natural_key(label text) OWNER TO propledger_owner;

--
-- Name: FUNCTION natural_key(label text); Type: COMMENT; Schema: report; Owner: propledger_owner
--

COMMENT ON FUNCTION report.natural_key(label text) IS 'ledger.natural_key for readers: digits compare as numbers (''2'' < ''10'').';

--
-- Name: natural_keys(text[]); Type: FUNCTION; Schema: report; Owner: propledger_owner
--

CREATE FUNCTION report.natural_keys(labels text[]) RETURNS TABLE(label text, key text)
    LANGUAGE sql IMMUTABLE SECURITY DEFINER PARALLEL SAFE
    SET search_path TO 'pg_catalog', 'pg_temp'
    BEGIN ATOMIC
 SELECT l.label,
     ledger.natural_key(l.label) AS natural_key
    FROM ( SELECT DISTINCT x.x AS label
            FROM unnest(natural_keys.labels) x(x)
           WHERE (x.x IS NOT NULL)) l;
END;

ALTER FUNCTION report.natural_keys(labels text[]) OWNER TO propledger_owner;

--
-- Name: FUNCTION natural_keys(labels text[]); Type: COMMENT; Schema: report; Owner: propledger_owner
--

COMMENT ON FUNCTION report.natural_keys(labels text[]) IS 'ledger.natural_key of each distinct label given, once each (for sorting many units by building and unit number).';

--
-- Name: party_coverage_report(date, text, text, text); Type: FUNCTION; Schema: report; Owner: propledger_owner
--

CREATE FUNCTION report.party_coverage_report(p_as_of date DEFAULT CURRENT_DATE, p_district text DEFAULT NULL::text, p_street text DEFAULT NULL::text, p_community text DEFAULT NULL::text) RETURNS TABLE(district_code text, district text, committees bigint, with_branch bigint, with_working_group bigint, without_party_org bigint, coverage_pct numeric, branch_eligible bigint, companies bigint, companies_with_party_org bigint)
    LANGUAGE plpgsql STABLE
    SET search_path TO 'pg_catalog', 'pg_temp'
    SET jit TO 'off'
    AS $$
#variable_conflict use_column
BEGIN
  RETURN QUERY
  WITH c AS (
    SELECT * FROM report.compounds_filtered(p_district, p_street, p_community)
  ), k AS (
    SELECT c.district_code, k.party_org_form AS form, k.party_members
    FROM report.committees_in_force(p_as_of) AS k JOIN c ON c.compound_code = k.compound_code
    WHERE p_district IS NULL OR k.district_code = p_district
  ), committee_counts AS (
    SELECT k.district_code, count(*) AS committees,
           count(*) FILTER (WHERE k.form IN ('branch', 'joint_branch')) AS with_branch,
           count(*) FILTER (WHERE k.form = 'working_group') AS with_working_group,
           count(*) FILTER (WHERE k.form IS NULL) AS without_party_org,
           count(*) FILTER (WHERE (k.form IS NULL OR k.form = 'working_group') AND k.party_members >= b.value)
             AS branch_eligible
    -- the rule once per district, not once per committee
    FROM k JOIN report.district_rule_integer('party_org.branch_min_formal_members', p_as_of) AS b
      ON b.district_code = k.district_code GROUP BY k.district_code
  ), managing AS (
    -- The companies overseen in a district: those managing one of its compounds on as_of.
    SELECT DISTINCT c.district_code, s.company_uscc
    FROM report.management_status(p_as_of) AS s JOIN c ON c.compound_code = s.compound_code
    WHERE s.mode = 'company' AND (p_district IS NULL OR s.district_code = p_district)
  ), company_counts AS (
    SELECT m.district_code, count(*) AS companies,
           count(*) FILTER (WHERE EXISTS (SELECT 1 FROM report.party_orgs_in_force(p_as_of) AS o
                                          WHERE o.host_type = 'company' AND o.host_key = m.company_uscc))
             AS companies_with_party_org
    FROM managing AS m GROUP BY m.district_code
  ), groups AS (
    SELECT DISTINCT c.district_code, c.district_name FROM c
  )
  SELECT g.district_code, g.district_name,
         coalesce(n.committees, 0), coalesce(n.with_branch, 0), coalesce(n.with_working_group, 0),
         coalesce(n.without_party_org, 0),
         round(100.0 * (n.with_branch + n.with_working_group) / nullif(n.committees, 0), 1),
         coalesce(n.branch_eligible, 0), coalesce(m.companies, 0), coalesce(m.companies_with_party_org, 0)
  FROM groups AS g
  LEFT JOIN committee_counts AS n ON n.district_code = g.district_code
  LEFT JOIN company_counts AS m ON m.district_code = g.district_code
  ORDER BY g.district_code;
END
$$;

ALTER FUNCTION report.party_coverage_report(p_as_of date, p_district text, p_street text, p_community text) OWNER TO propledger_owner;

--
-- Name: FUNCTION party_coverage_report(p_as_of date, p_district text, p_street text, p_community text); Type: COMMENT; Schema: report; Owner: propledger_owner
--

COMMENT ON FUNCTION report.party_coverage_report(p_as_of date, p_district text, p_street text, p_community text) IS 'SPEC §4 party-coverage: per district the committees in force on as_of (all kinds), how many host a live branch / joint branch or working group or none, coverage_pct = (branch + working group) / committees, branch_eligible (working group or none but enough Party members for a branch: party_org.branch_min_formal_members, 3), the companies managing there on as_of and how many of them host a live Party organisation.';

--
-- Name: party_orgs_in_force(date); Type: FUNCTION; Schema: report; Owner: propledger_owner
--

CREATE FUNCTION report.party_orgs_in_force(as_of date DEFAULT CURRENT_DATE) RETURNS TABLE(host_type text, host_key text, district_code text, host_name text, form text, formal_members integer, established_on date, dissolved_on date)
    LANGUAGE sql STABLE
    AS $$
  SELECT o.host_type, o.host_key, o.district_code, o.host_name, o.form, o.formal_members,
         o.established_on, o.dissolved_on
  FROM report.party_orgs AS o
  WHERE as_of BETWEEN o.established_on AND coalesce(o.dissolved_on, 'infinity')
$$;

ALTER FUNCTION report.party_orgs_in_force(as_of date) OWNER TO propledger_owner;

--
-- Name: FUNCTION party_orgs_in_force(as_of date); Type: COMMENT; Schema: report; Owner: propledger_owner
--

COMMENT ON FUNCTION report.party_orgs_in_force(as_of date) IS 'Party organisations live on as_of (at most one per host).';

--
-- Name: project_shares_as_of(date, text, text[]); Type: FUNCTION; Schema: report; Owner: propledger_owner
--

CREATE FUNCTION report.project_shares_as_of(p_as_of date DEFAULT CURRENT_DATE, p_district text DEFAULT NULL::text, p_projects text[] DEFAULT NULL::text[]) RETURNS TABLE(project_code text, district_code text, source text, payer text, committed numeric, paid numeric, outstanding numeric, overrun numeric)
    LANGUAGE sql STABLE
    AS $$
  WITH kept AS (
    SELECT k.* FROM report.shares_kept AS k
    WHERE (p_district IS NULL OR k.district_code = p_district)
      -- IN (unnest): a hashed look-up, where = ANY would scan the array once per share
      AND (p_projects IS NULL OR k.project_code IN (SELECT unnest(p_projects)))
      -- NOT IN (a hashed subplan; project_code is never NULL): NOT EXISTS was planned as a nested loop over
      -- the stale table, one scan of it per kept share (140 ms for 339,204 shares at province)
      AND k.project_code NOT IN (SELECT s.project_code FROM report.projects_stale AS s)
  ), late AS (
    -- shares paid again after as_of: what was paid by then
    SELECT k.project_code, k.source, k.payer, sum(y.amount_yuan) AS paid
    FROM kept AS k
    JOIN report.payments AS y ON y.project_code = k.project_code AND y.source = k.source
                             AND y.payer IS NOT DISTINCT FROM k.payer AND y.paid_on <= p_as_of
    WHERE k.last_paid_on > p_as_of
    GROUP BY 1, 2, 3
  ), shares AS (
    SELECT k.project_code, k.district_code, k.source, k.payer, k.committed,
           CASE WHEN k.last_paid_on > p_as_of THEN coalesce(l.paid, 0) ELSE k.paid END AS paid
    FROM kept AS k
    LEFT JOIN late AS l ON l.project_code = k.project_code AND l.source = k.source AND l.payer IS NOT DISTINCT FROM k.payer
    WHERE k.funded OR CASE WHEN k.last_paid_on > p_as_of THEN l.paid IS NOT NULL ELSE k.last_paid_on IS NOT NULL END
    UNION ALL
    SELECT t.project_code, t.district_code, t.source, t.payer, t.committed, t.paid
    FROM report.share_totals(p_as_of, p_district, ARRAY(SELECT s.project_code FROM report.projects_stale AS s
                                                         WHERE p_projects IS NULL OR s.project_code IN (SELECT unnest(p_projects)))) AS t
    -- a one-time test: with nothing stale the computation (a scan of every funding row and payment) never runs
    WHERE EXISTS (SELECT 1 FROM report.projects_stale)
  )
  SELECT x.project_code, x.district_code, x.source, x.payer,
         coalesce(x.committed, 0)::numeric(14,2), x.paid::numeric(14,2),
         greatest(coalesce(x.committed, 0) - x.paid, 0)::numeric(14,2),
         greatest(x.paid - coalesce(x.committed, 0), 0)::numeric(14,2)
  FROM shares AS x
$$;

ALTER FUNCTION report.project_shares_as_of(p_as_of date, p_district text, p_projects text[]) OWNER TO propledger_owner;

--
-- Name: FUNCTION project_shares_as_of(p_as_of date, p_district text, p_projects text[]); Type: COMMENT; Schema: report; Owner: propledger_owner
--

COMMENT ON FUNCTION report.project_shares_as_of(p_as_of date, p_district text, p_projects text[]) IS 'Per project (of one district and of the projects given, or all when NULL), source and payer: committed, paid by as_of, outstanding = max(0, committed - paid), overrun = max(0, paid - committed). Kept shares for current projects, computed for stale ones (migration 034).';

--
-- Name: project_status_as_of(date, date, date, date, date, date); Type: FUNCTION; Schema: report; Owner: propledger_owner
--

CREATE FUNCTION report.project_status_as_of(as_of date, approved_on date, started_on date, completed_on date, accepted_on date, cancelled_on date) RETURNS text
    LANGUAGE sql IMMUTABLE
    RETURN CASE WHEN (cancelled_on <= as_of) THEN 'cancelled'::text WHEN (accepted_on <= as_of) THEN 'accepted'::text WHEN (completed_on <= as_of) THEN 'completed'::text WHEN (started_on <= as_of) THEN 'in_progress'::text WHEN (approved_on <= as_of) THEN 'approved'::text ELSE 'proposed'::text END;

ALTER FUNCTION report.project_status_as_of(as_of date, approved_on date, started_on date, completed_on date, accepted_on date, cancelled_on date) OWNER TO propledger_owner;

--
-- Name: project_totals_compute(date, text, text[]); Type: FUNCTION; Schema: report; Owner: propledger_owner
--

CREATE FUNCTION report.project_totals_compute(p_as_of date, p_district text DEFAULT NULL::text, p_projects text[] DEFAULT NULL::text[]) RETURNS TABLE(project_code text, government numeric, company numeric, maintenance_fund numeric, owners numeric, co_building numeric, community_fund numeric, committed numeric, paid numeric, outstanding numeric, overrun numeric, votes bigint, passed bigint)
    LANGUAGE sql STABLE
    AS $$
  WITH s AS (
    SELECT x.project_code,
           sum(x.committed) FILTER (WHERE x.source = 'government') AS government,
           sum(x.committed) FILTER (WHERE x.source = 'company') AS company,
           sum(x.committed) FILTER (WHERE x.source = 'maintenance_fund') AS maintenance_fund,
           sum(x.committed) FILTER (WHERE x.source = 'owners') AS owners,
           sum(x.committed) FILTER (WHERE x.source = 'co_building') AS co_building,
           sum(x.committed) FILTER (WHERE x.source = 'community_fund') AS community_fund,
           sum(x.committed) AS committed, sum(x.paid) AS paid, sum(x.outstanding) AS outstanding,
           sum(x.overrun) AS overrun
    FROM report.project_shares_as_of(p_as_of, p_district, p_projects) AS x GROUP BY x.project_code
  ), v AS (
    -- the votes held by p_as_of
    SELECT y.project_code, count(*) AS votes, count(*) FILTER (WHERE y.passed) AS passed
    FROM report.votes AS y
    WHERE y.held_on <= p_as_of AND (p_district IS NULL OR y.district_code = p_district)
      AND (p_projects IS NULL OR y.project_code IN (SELECT unnest(p_projects)))
    GROUP BY y.project_code
  )
  SELECT coalesce(s.project_code, v.project_code), s.government, s.company, s.maintenance_fund, s.owners, s.co_building,
         s.community_fund, s.committed, s.paid, s.outstanding, s.overrun, v.votes, v.passed
  FROM s FULL JOIN v ON v.project_code = s.project_code
$$;

ALTER FUNCTION report.project_totals_compute(p_as_of date, p_district text, p_projects text[]) OWNER TO propledger_owner;

--
-- Name: FUNCTION project_totals_compute(p_as_of date, p_district text, p_projects text[]); Type: COMMENT; Schema: report; Owner: propledger_owner
--

COMMENT ON FUNCTION report.project_totals_compute(p_as_of date, p_district text, p_projects text[]) IS 'Per project (of one district and of the projects given, or all when NULL): committed per source and in all, paid by as_of, outstanding and overrun (summed per share), votes held by as_of and how many passed.';

--
-- Name: projects_report(date, text, text, text); Type: FUNCTION; Schema: report; Owner: propledger_owner
--

CREATE FUNCTION report.projects_report(p_as_of date DEFAULT CURRENT_DATE, p_district text DEFAULT NULL::text, p_street text DEFAULT NULL::text, p_community text DEFAULT NULL::text) RETURNS TABLE(project_code text, compound text, compound_name text, category text, status text, budget numeric, committed_government numeric, committed_company numeric, committed_maintenance_fund numeric, committed_owners numeric, committed_co_building numeric, committed_community_fund numeric, committed numeric, paid numeric, outstanding numeric, overrun numeric, vote_status text)
    LANGUAGE plpgsql STABLE
    SET search_path TO 'pg_catalog', 'pg_temp'
    SET jit TO 'off'
    AS $$
#variable_conflict use_column
BEGIN
  RETURN QUERY
  WITH t AS (
    -- the kept totals (migration 037) where they are the answer: the project is current and --as-of is on
    -- or after its last payment and its last vote
    SELECT k.* FROM report.project_totals_kept AS k
    WHERE (p_district IS NULL OR k.district_code = p_district)
      AND coalesce(k.last_paid_on, '-infinity') <= p_as_of AND coalesce(k.last_held_on, '-infinity') <= p_as_of
      AND NOT EXISTS (SELECT 1 FROM report.projects_stale AS z WHERE z.project_code = k.project_code)
  ), computed AS (
    -- the others, summed from their shares and votes; a one-time test: when every project has its totals
    -- kept, nothing is computed
    SELECT p.project_code FROM report.projects AS p
    WHERE (p_district IS NULL OR p.district_code = p_district) AND p.proposed_on <= p_as_of
      AND NOT EXISTS (SELECT 1 FROM t WHERE t.project_code = p.project_code)
  ), s AS (
    SELECT x.* FROM report.project_totals_compute(p_as_of, p_district, ARRAY(SELECT c.project_code FROM computed AS c)) AS x
    WHERE EXISTS (SELECT 1 FROM computed)
  )
  SELECT p.project_code, p.compound_code, p.compound_name, p.category,
         report.project_status_as_of(p_as_of, p.approved_on, p.started_on, p.completed_on, p.accepted_on, p.cancelled_on),
         p.budget_yuan,
         coalesce(t.government, s.government, 0)::numeric(14,2), coalesce(t.company, s.company, 0)::numeric(14,2),
         coalesce(t.maintenance_fund, s.maintenance_fund, 0)::numeric(14,2), coalesce(t.owners, s.owners, 0)::numeric(14,2),
         coalesce(t.co_building, s.co_building, 0)::numeric(14,2), coalesce(t.community_fund, s.community_fund, 0)::numeric(14,2),
         coalesce(t.committed, s.committed, 0)::numeric(14,2), coalesce(t.paid, s.paid, 0)::numeric(14,2),
         coalesce(t.outstanding, s.outstanding, 0)::numeric(14,2), coalesce(t.overrun, s.overrun, 0)::numeric(14,2),
         report.vote_status(coalesce(t.votes, s.votes), coalesce(t.passed, s.passed))
  FROM report.projects AS p
  LEFT JOIN t ON t.project_code = p.project_code
  LEFT JOIN s ON s.project_code = p.project_code
  WHERE p.proposed_on <= p_as_of AND (p_district IS NULL OR p.district_code = p_district)
    -- a street or community filter keeps the projects of its compounds (a one-time test without one)
    AND ((p_street IS NULL AND p_community IS NULL)
         OR p.compound_code IN (SELECT c.compound_code FROM report.compounds_filtered(p_district, p_street, p_community) AS c))
  ORDER BY p.project_code;
END
$$;

ALTER FUNCTION report.projects_report(p_as_of date, p_district text, p_street text, p_community text) OWNER TO propledger_owner;

--
-- Name: FUNCTION projects_report(p_as_of date, p_district text, p_street text, p_community text); Type: COMMENT; Schema: report; Owner: propledger_owner
--

COMMENT ON FUNCTION report.projects_report(p_as_of date, p_district text, p_street text, p_community text) IS 'SPEC §4 projects: per project proposed by as_of, the budget, committed per source and in all, paid by as_of, outstanding and overrun (summed per share) and vote_status (none / passed / failed).';

--
-- Name: recommend_report(text, date); Type: FUNCTION; Schema: report; Owner: propledger_owner
--

CREATE FUNCTION report.recommend_report(p_compound text, p_as_of date DEFAULT CURRENT_DATE) RETURNS TABLE(rank bigint, uscc text, company text, compounds bigint, households bigint, service numeric, satisfaction_pct numeric, complaints_per_1000 numeric, party integer, overdue_rectifications bigint, score numeric, no_inspections boolean, households_unknown boolean)
    LANGUAGE plpgsql STABLE
    SET search_path TO 'pg_catalog', 'pg_temp'
    SET jit TO 'off'
    AS $$
DECLARE
  home text;
  listed text[];
BEGIN
  SELECT c.district_code INTO home FROM report.compounds AS c WHERE c.compound_code = p_compound;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'compound "%" not found', p_compound
      USING ERRCODE = 'P0002', HINT = 'Check the code (a district user sees only their districts).';
  END IF;
  SELECT coalesce(array_agg(DISTINCT m.company_uscc), '{}') INTO listed
  FROM report.management_status(p_as_of) AS m
  WHERE m.company_uscc IS NOT NULL AND m.district_code = home;
  RETURN QUERY
  SELECT row_number() OVER (ORDER BY s.score DESC, s.uscc), s.uscc, s.company, s.compounds, s.households,
         round(s.service, 2), round(s.satisfaction_pct, 1), round(s.complaints_per_1000, 2), s.party,
         s.overdue_rectifications, round(s.score, 2), s.no_inspections, s.households_unknown
  FROM report.company_scores(p_as_of, listed) AS s
  WHERE s.overdue_rectifications = 0 AND s.uscc = ANY (listed)
  ORDER BY s.score DESC, s.uscc;
END
$$;

ALTER FUNCTION report.recommend_report(p_compound text, p_as_of date) OWNER TO propledger_owner;

--
-- Name: FUNCTION recommend_report(p_compound text, p_as_of date); Type: COMMENT; Schema: report; Owner: propledger_owner
--

COMMENT ON FUNCTION report.recommend_report(p_compound text, p_as_of date) IS 'SPEC §4 recommend: the companies managing in the compound''s district on as_of, ranked by exact score, leaving out those with overdue rectifications. Raises P0002 when the compound is not in view.';

--
-- Name: rectifications_report(date, text, text, text); Type: FUNCTION; Schema: report; Owner: propledger_owner
--

CREATE FUNCTION report.rectifications_report(p_as_of date DEFAULT CURRENT_DATE, p_district text DEFAULT NULL::text, p_street text DEFAULT NULL::text, p_community text DEFAULT NULL::text) RETURNS TABLE(inspection text, item_no integer, compound text, compound_name text, company text, issue text, deadline date, days_overdue integer)
    LANGUAGE plpgsql STABLE
    SET search_path TO 'pg_catalog', 'pg_temp'
    SET jit TO 'off'
    AS $$
#variable_conflict use_column
BEGIN
  RETURN QUERY
  SELECT r.inspection_code, r.item_no, r.compound_code, c.name, co.name, r.issue, r.deadline,
         p_as_of - r.deadline
  FROM report.rectifications AS r
  JOIN report.compounds_filtered(p_district, p_street, p_community) AS c ON c.compound_code = r.compound_code
  LEFT JOIN report.companies AS co ON co.uscc = r.company_uscc
  WHERE r.deadline < p_as_of AND (r.closed_on IS NULL OR r.closed_on > p_as_of)
  ORDER BY p_as_of - r.deadline DESC, r.inspection_code, r.item_no;
END
$$;

ALTER FUNCTION report.rectifications_report(p_as_of date, p_district text, p_street text, p_community text) OWNER TO propledger_owner;

--
-- Name: FUNCTION rectifications_report(p_as_of date, p_district text, p_street text, p_community text); Type: COMMENT; Schema: report; Owner: propledger_owner
--

COMMENT ON FUNCTION report.rectifications_report(p_as_of date, p_district text, p_street text, p_community text) IS 'SPEC §4 rectifications: items open on as_of whose deadline (the last allowed day) has passed, most overdue first.';

--
-- Name: rule_value(text, text, date); Type: FUNCTION; Schema: report; Owner: propledger_owner
--

CREATE FUNCTION report.rule_value(p_district text, p_parameter text, p_as_of date) RETURNS text
    LANGUAGE sql STABLE
    RETURN ledger.rule_value(p_district, p_parameter, p_as_of);

ALTER FUNCTION report.rule_value(p_district text, p_parameter text, p_as_of date) OWNER TO propledger_owner;

--
-- Name: FUNCTION rule_value(p_district text, p_parameter text, p_as_of date); Type: COMMENT; Schema: report; Owner: propledger_owner
--

COMMENT ON FUNCTION report.rule_value(p_district text, p_parameter text, p_as_of date) IS 'ledger.rule_value for readers: a rule parameter''s value for a district on a date (SPEC §10).';

--
-- Name: rule_parameters; Type: TABLE; Schema: ledger; Owner: propledger_owner
--

CREATE TABLE ledger.rule_parameters (
    parameter text NOT NULL,
    value_type text NOT NULL,
    description_en text NOT NULL,
    description_zh text NOT NULL,
    insert_batch_id bigint DEFAULT (NULLIF(current_setting('propledger.load_batch'::text, true), ''::text))::bigint,
    CONSTRAINT rule_parameters_name_form CHECK ((parameter ~ '^[a-z_]+\.[a-z0-9_]+$'::text)),
    CONSTRAINT rule_parameters_value_type_known CHECK ((value_type = ANY (ARRAY['integer'::text, 'number'::text, 'boolean'::text, 'text'::text, 'list'::text, 'threshold'::text])))
);

ALTER TABLE ledger.rule_parameters OWNER TO propledger_owner;

--
-- Name: TABLE rule_parameters; Type: COMMENT; Schema: ledger; Owner: propledger_owner
--

COMMENT ON TABLE ledger.rule_parameters IS 'Every rule parameter the ledger reads from ledger.rules, with its value type and meaning.';

--
-- Name: COLUMN rule_parameters.insert_batch_id; Type: COMMENT; Schema: ledger; Owner: propledger_owner
--

COMMENT ON COLUMN ledger.rule_parameters.insert_batch_id IS 'The load batch (audit.load_batches) that inserted this row; NULL for a row inserted outside a load, whose values audit.changes recorded. Set by default, never changed.';

--
-- Name: rule_parameters; Type: VIEW; Schema: report; Owner: propledger_owner
--

CREATE VIEW report.rule_parameters AS
 SELECT p.parameter,
    p.value_type,
    p.description_en,
    p.description_zh
   FROM ledger.rule_parameters p;

ALTER TABLE report.rule_parameters OWNER TO propledger_owner;

--
-- Name: VIEW rule_parameters; Type: COMMENT; Schema: report; Owner: propledger_owner
--

COMMENT ON VIEW report.rule_parameters IS 'Every rule parameter the ledger reads (SPEC §10).';

--
-- Name: rules_in_force(text, date); Type: FUNCTION; Schema: report; Owner: propledger_owner
--

CREATE FUNCTION report.rules_in_force(p_district text DEFAULT NULL::text, p_as_of date DEFAULT CURRENT_DATE) RETURNS TABLE(parameter text, value text, general boolean, jurisdiction text, jurisdiction_zh text, jurisdiction_en text, effective_from date, description_en text, description_zh text, source_zh text, source_en text)
    LANGUAGE sql STABLE
    SET search_path TO 'pg_catalog', 'pg_temp'
    BEGIN ATOMIC
 SELECT p.parameter,
     r.value,
     r.general,
     r.jurisdiction,
     j.name_zh,
     j.name_en,
     r.effective_from,
     p.description_en,
     p.description_zh,
     r.source_zh,
     r.source_en
    FROM ((report.rule_parameters p
      CROSS JOIN LATERAL ledger.rule_in_force(rules_in_force.p_district, p.parameter, rules_in_force.p_as_of) r(jurisdiction, parameter, effective_from, value, general, source_zh, source_en))
      JOIN report.jurisdictions j ON ((j.jurisdiction = r.jurisdiction)))
   ORDER BY p.parameter;
END;

ALTER FUNCTION report.rules_in_force(p_district text, p_as_of date) OWNER TO propledger_owner;

--
-- Name: FUNCTION rules_in_force(p_district text, p_as_of date); Type: COMMENT; Schema: report; Owner: propledger_owner
--

COMMENT ON FUNCTION report.rules_in_force(p_district text, p_as_of date) IS 'SPEC §10: every rule parameter in force for a district (NULL: national) on a date, with its jurisdiction and source.';

--
-- Name: said(text, jsonb); Type: FUNCTION; Schema: report; Owner: propledger_owner
--

CREATE FUNCTION report.said(p_message text, p_arguments jsonb DEFAULT '{}'::jsonb) RETURNS jsonb
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    SET search_path TO 'pg_catalog', 'pg_temp'
    RETURN (jsonb_build_object('message', p_message) || COALESCE(p_arguments, '{}'::jsonb));

ALTER FUNCTION report.said(p_message text, p_arguments jsonb) OWNER TO propledger_owner;

--
-- Name: FUNCTION said(p_message text, p_arguments jsonb); Type: COMMENT; Schema: report; Owner: propledger_owner
--

COMMENT ON FUNCTION report.said(p_message text, p_arguments jsonb) IS 'A message of the catalogue (Messages.swift) with its arguments, for the CLI to render in the language asked for.';

--
-- Name: setting(text); Type: FUNCTION; Schema: report; Owner: propledger_owner
--

CREATE FUNCTION report.setting(p_key text) RETURNS numeric
    LANGUAGE plpgsql STABLE
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
  found_value numeric;
BEGIN
  SELECT s.value INTO found_value FROM report.settings AS s WHERE s.key = p_key;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'setting "%" is missing', p_key
      USING ERRCODE = '22023', HINT = 'Restore it with propledger settings set KEY VALUE (see settings list).';
  END IF;
  RETURN found_value;
END
$$;

ALTER FUNCTION report.setting(p_key text) OWNER TO propledger_owner;

--
-- Name: FUNCTION setting(p_key text); Type: COMMENT; Schema: report; Owner: propledger_owner
--

COMMENT ON FUNCTION report.setting(p_key text) IS 'The value of one report setting (ledger.settings); raises 22023 when the key is missing.';

--
-- Name: share_totals(date, text, text[]); Type: FUNCTION; Schema: report; Owner: propledger_owner
--

CREATE FUNCTION report.share_totals(p_as_of date, p_district text DEFAULT NULL::text, p_projects text[] DEFAULT NULL::text[]) RETURNS TABLE(project_code text, district_code text, source text, payer text, funded boolean, committed numeric, paid numeric, last_paid_on date)
    LANGUAGE sql STABLE
    AS $$
  WITH committed AS (
    SELECT f.project_code, f.district_code, f.source, f.payer, sum(f.committed_yuan) AS yuan
    FROM report.funding_committed AS f
    WHERE (p_district IS NULL OR f.district_code = p_district) AND (p_projects IS NULL OR f.project_code = ANY (p_projects))
    GROUP BY 1, 2, 3, 4
  ), paid AS (
    SELECT p.project_code, p.district_code, p.source, p.payer, sum(p.amount_yuan) AS yuan, max(p.paid_on) AS last_paid_on
    FROM report.payments AS p
    WHERE p.paid_on <= p_as_of AND (p_district IS NULL OR p.district_code = p_district)
      AND (p_projects IS NULL OR p.project_code = ANY (p_projects))
    GROUP BY 1, 2, 3, 4
  )
  SELECT coalesce(c.project_code, p.project_code), coalesce(c.district_code, p.district_code),
         coalesce(c.source, p.source), coalesce(c.payer, p.payer), c.project_code IS NOT NULL, c.yuan,
         coalesce(p.yuan, 0), p.last_paid_on
  FROM committed AS c
  FULL JOIN paid AS p ON p.project_code = c.project_code AND p.source = c.source
                     AND p.payer IS NOT DISTINCT FROM c.payer
$$;

ALTER FUNCTION report.share_totals(p_as_of date, p_district text, p_projects text[]) OWNER TO propledger_owner;

--
-- Name: FUNCTION share_totals(p_as_of date, p_district text, p_projects text[]); Type: COMMENT; Schema: report; Owner: propledger_owner
--

COMMENT ON FUNCTION report.share_totals(p_as_of date, p_district text, p_projects text[]) IS 'Per project (of one district and of the projects given, or all when NULL), source and payer: funded (a funding row), committed, paid by as_of, the last payment''s day by then. The computation behind the kept shares (migration 034).';

--
-- Name: vote_status(bigint, bigint); Type: FUNCTION; Schema: report; Owner: propledger_owner
--

CREATE FUNCTION report.vote_status(votes bigint, passed bigint) RETURNS text
    LANGUAGE sql IMMUTABLE
    RETURN CASE WHEN (COALESCE(votes, (0)::bigint) = 0) THEN 'none'::text WHEN (passed > 0) THEN 'passed'::text ELSE 'failed'::text END;

ALTER FUNCTION report.vote_status(votes bigint, passed bigint) OWNER TO propledger_owner;

--
-- Name: votes_report(date, text, text, text, text); Type: FUNCTION; Schema: report; Owner: propledger_owner
--

CREATE FUNCTION report.votes_report(p_as_of date DEFAULT CURRENT_DATE, p_district text DEFAULT NULL::text, p_street text DEFAULT NULL::text, p_community text DEFAULT NULL::text, p_project text DEFAULT NULL::text) RETURNS TABLE(project_code text, matter text, held_on date, total_area_m2 numeric, total_owners integer, participating_area_m2 numeric, participating_owners integer, approving_area_m2 numeric, approving_owners integer, counted_from text, law text, quorum_area_met boolean, quorum_owners_met boolean, approval_area_met boolean, approval_owners_met boolean, passed boolean)
    LANGUAGE plpgsql STABLE
    SET search_path TO 'pg_catalog', 'pg_temp'
    SET jit TO 'off'
    AS $$
#variable_conflict use_column
BEGIN
  RETURN QUERY
  SELECT v.project_code, v.matter, v.held_on, v.total_area_m2, v.total_owners, v.participating_area_m2,
         v.participating_owners, v.approving_area_m2, v.approving_owners, v.counted_from, v.law,
         v.quorum_area_met, v.quorum_owners_met, v.approval_area_met, v.approval_owners_met, v.passed
  FROM report.votes AS v
  WHERE v.held_on <= p_as_of AND (p_project IS NULL OR v.project_code = p_project)
    AND (p_district IS NULL OR v.district_code = p_district)
    -- a street or community filter keeps the votes of its compounds' projects (a one-time test without one)
    AND ((p_street IS NULL AND p_community IS NULL)
         OR v.project_code IN (SELECT p.project_code FROM report.projects AS p
                               JOIN report.compounds_filtered(p_district, p_street, p_community) AS c ON c.compound_code = p.compound_code))
  ORDER BY v.held_on, v.project_code, v.matter;
END
$$;

ALTER FUNCTION report.votes_report(p_as_of date, p_district text, p_street text, p_community text, p_project text) OWNER TO propledger_owner;

--
-- Name: FUNCTION votes_report(p_as_of date, p_district text, p_street text, p_community text, p_project text); Type: COMMENT; Schema: report; Owner: propledger_owner
--

COMMENT ON FUNCTION report.votes_report(p_as_of date, p_district text, p_street text, p_community text, p_project text) IS 'SPEC §7 votes: every vote held by as_of with the figures used, counted_from (typed / units / owners / ballots), the law applied, the four tests of §2.2 and the verdict.';

--
-- Name: analyze_if_grown(text, bigint); Type: FUNCTION; Schema: staging; Owner: propledger_owner
--

CREATE FUNCTION staging.analyze_if_grown(p_table text, p_changed bigint) RETURNS boolean
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
  known real;
BEGIN
  PERFORM staging.require_load_lock('analyze_if_grown');
  SELECT t.known_rows INTO known FROM staging.ledger_table(p_table, 'analyze_if_grown') AS t;
  -- reltuples is -1 for a table never analyzed or vacuumed: then any change counts.
  IF coalesce(p_changed, 0) <= 50 + 0.1 * greatest(known, 0) THEN
    RETURN false;
  END IF;
  EXECUTE format('ANALYZE ledger.%I', p_table);
  RETURN true;
END
$$;

ALTER FUNCTION staging.analyze_if_grown(p_table text, p_changed bigint) OWNER TO propledger_owner;

--
-- Name: FUNCTION analyze_if_grown(p_table text, p_changed bigint); Type: COMMENT; Schema: staging; Owner: propledger_owner
--

COMMENT ON FUNCTION staging.analyze_if_grown(p_table text, p_changed bigint) IS 'ANALYZE one ledger table when a load changed more than 50 rows + 10% of it (autovacuum''s default threshold), inside the load''s transaction.';

--
-- Name: cell_excerpt(text); Type: FUNCTION; Schema: staging; Owner: propledger_owner
--

CREATE FUNCTION staging.cell_excerpt(v text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    RETURN CASE WHEN (length(v) > 60) THEN ("left"(v, 60) || '…'::text) ELSE v END;

ALTER FUNCTION staging.cell_excerpt(v text) OWNER TO propledger_owner;

--
-- Name: committee_rule_violations(text[]); Type: FUNCTION; Schema: staging; Owner: propledger_owner
--

CREATE FUNCTION staging.committee_rule_violations(p_compound_codes text[]) RETURNS TABLE(compound_code text, term_start date, kind text, rule text, column_name text, refusal boolean, message text, hint text, source_zh text, source_en text, arguments jsonb)
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
#variable_conflict use_column
DECLARE
  city constant boolean := ledger.scope_is_city_for(session_user);
  districts constant text[] := ledger.scope_districts_for(session_user);
  codes constant text[] := ARRAY(SELECT c.compound_code FROM ledger.compounds AS c
                                 WHERE c.compound_code = ANY (coalesce(p_compound_codes, '{}'))
                                   AND (city OR c.district_code = ANY (districts)));
BEGIN
  RETURN QUERY
  WITH found AS (
    SELECT * FROM ledger.committee_rule_violations(codes)
  ), marked AS (
    INSERT INTO staging.committee_rules_checked AS m (compound_code, xact_id)
    SELECT c.code, pg_current_xact_id() FROM unnest(codes) AS c (code)
    WHERE NOT EXISTS (SELECT 1 FROM found AS f WHERE f.compound_code = c.code AND f.refusal)
    ON CONFLICT ON CONSTRAINT committee_rules_checked_pkey DO UPDATE SET xact_id = EXCLUDED.xact_id
  )
  SELECT f.compound_code, f.term_start, f.kind, f.rule, f.column_name, f.refusal, f.message, f.hint, f.source_zh,
         f.source_en, f.arguments
  FROM found AS f;
END
$$;

ALTER FUNCTION staging.committee_rule_violations(p_compound_codes text[]) OWNER TO propledger_owner;

--
-- Name: excel_date_forms(text); Type: FUNCTION; Schema: staging; Owner: propledger_owner
--

CREATE FUNCTION staging.excel_date_forms(v text) RETURNS date
    LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
    AS $_$
DECLARE
  s text := btrim(translate(v, '０１２３４５６７８９．／－　', '0123456789./- '));
  parts text[];
BEGIN
  parts := coalesce(regexp_match(s, '^([0-9]{4})-([0-9]{2})-([0-9]{2})$'),
                    regexp_match(s, '^([0-9]{4})/([0-9]{1,2})/([0-9]{1,2})$'),
                    regexp_match(s, '^([0-9]{4})\.([0-9]{1,2})\.([0-9]{1,2})$'),
                    regexp_match(s, '^([0-9]{4})\s*年\s*([0-9]{1,2})\s*月\s*([0-9]{1,2})\s*日$'));
  IF parts IS NULL THEN
    RETURN NULL;
  END IF;
  RETURN staging.parse_date(parts[1] || '/' || parts[2] || '/' || parts[3]);
END
$_$;

ALTER FUNCTION staging.excel_date_forms(v text) OWNER TO propledger_owner;

--
-- Name: parse_date(text); Type: FUNCTION; Schema: staging; Owner: propledger_owner
--

CREATE FUNCTION staging.parse_date(v text) RETURNS date
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN CASE WHEN (v ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'::text) THEN ledger.calendar_day((substr(v, 1, 4))::integer, (substr(v, 6, 2))::integer, (substr(v, 9, 2))::integer) WHEN (v ~ '^[0-9]{4}/[0-9]{1,2}/[0-9]{1,2}$'::text) THEN ledger.calendar_day((split_part(v, '/'::text, 1))::integer, (split_part(v, '/'::text, 2))::integer, (split_part(v, '/'::text, 3))::integer) ELSE NULL::date END;

ALTER FUNCTION staging.parse_date(v text) OWNER TO propledger_owner;

--
-- Name: excel_date(text); Type: FUNCTION; Schema: staging; Owner: propledger_owner
--

CREATE FUNCTION staging.excel_date(v text) RETURNS date
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN COALESCE(staging.parse_date(v), staging.excel_date_forms(v));

ALTER FUNCTION staging.excel_date(v text) OWNER TO propledger_owner;

--
-- Name: date_form(text); Type: FUNCTION; Schema: staging; Owner: propledger_owner
--

CREATE FUNCTION staging.date_form(v text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    RETURN CASE WHEN (staging.excel_date(v) IS NOT NULL) THEN NULL::text WHEN (btrim(translate(v, '０１２３４５６７８９．／－　'::text, '0123456789./- '::text)) ~ '^([0-9]{4}-[0-9]{2}-[0-9]{2}|[0-9]{4}/[0-9]{1,2}/[0-9]{1,2}|[0-9]{4}\.[0-9]{1,2}\.[0-9]{1,2}|[0-9]{4}\s*年\s*[0-9]{1,2}\s*月\s*[0-9]{1,2}\s*日)$'::text) THEN 'impossible'::text WHEN (btrim(v) ~ '^[0-9]{5}(\.[0-9]+)?$'::text) THEN 'serial'::text ELSE NULL::text END;

ALTER FUNCTION staging.date_form(v text) OWNER TO propledger_owner;

--
-- Name: excel_number_forms(text, text[]); Type: FUNCTION; Schema: staging; Owner: propledger_owner
--

CREATE FUNCTION staging.excel_number_forms(v text, units text[]) RETURNS text
    LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
    AS $_$
DECLARE
  s text := btrim(translate(v, '０１２３４５６７８９．，－＋％　', '0123456789.,-+% '));
  unit text;
BEGIN
  FOREACH unit IN ARRAY units LOOP
    IF right(s, length(unit)) = unit AND length(s) > length(unit) THEN
      s := rtrim(left(s, length(s) - length(unit)));
      EXIT;
    END IF;
  END LOOP;
  IF '元' = ANY (units) THEN
    s := regexp_replace(s, '^([+-]?)[¥￥]\s*', '\1');
  END IF;
  IF s ~ '^[+-]?[0-9]{1,3}(,[0-9]{3})+(\.[0-9]+)?$' THEN
    s := replace(s, ',', '');
  END IF;
  RETURN s;
END
$_$;

ALTER FUNCTION staging.excel_number_forms(v text, units text[]) OWNER TO propledger_owner;

--
-- Name: units_end_numbers(text[]); Type: FUNCTION; Schema: staging; Owner: propledger_owner
--

CREATE FUNCTION staging.units_end_numbers(units text[]) RETURNS boolean
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    RETURN (EXISTS (SELECT FROM unnest(units_end_numbers.units) u(word) WHERE (u.word ~ '^[-+.0-9]*$'::text)));

ALTER FUNCTION staging.units_end_numbers(units text[]) OWNER TO propledger_owner;

--
-- Name: excel_number(text, text[]); Type: FUNCTION; Schema: staging; Owner: propledger_owner
--

CREATE FUNCTION staging.excel_number(v text, units text[]) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN CASE WHEN ((v ~ '^[+-]?[0-9]+(\.[0-9]+)?$'::text) AND (NOT staging.units_end_numbers(units))) THEN v ELSE staging.excel_number_forms(v, units) END;

ALTER FUNCTION staging.excel_number(v text, units text[]) OWNER TO propledger_owner;

--
-- Name: load_lock; Type: TABLE; Schema: staging; Owner: propledger_owner
--

CREATE TABLE staging.load_lock (
    note text
);

ALTER TABLE staging.load_lock OWNER TO propledger_owner;

--
-- Name: TABLE load_lock; Type: COMMENT; Schema: staging; Owner: propledger_owner
--

COMMENT ON TABLE staging.load_lock IS 'Always empty: loads lock it IN EXCLUSIVE MODE (only loaders and the owner may).';

--
-- Name: holds_load_lock(); Type: FUNCTION; Schema: staging; Owner: propledger_owner
--

CREATE FUNCTION staging.holds_load_lock() RETURNS boolean
    LANGUAGE sql STABLE
    SET search_path TO 'pg_catalog', 'pg_temp'
    RETURN (EXISTS (SELECT 1 FROM pg_locks l WHERE ((l.locktype = 'relation'::text) AND (l.relation = ('staging.load_lock'::regclass)::oid) AND (l.pid = pg_backend_pid()) AND (l.mode = 'ExclusiveLock'::text) AND l.granted)));

ALTER FUNCTION staging.holds_load_lock() OWNER TO propledger_owner;

--
-- Name: ledger_table(text, text); Type: FUNCTION; Schema: staging; Owner: propledger_owner
--

CREATE FUNCTION staging.ledger_table(p_table text, p_function text, OUT table_oid oid, OUT known_rows real) RETURNS record
    LANGUAGE plpgsql STABLE
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
BEGIN
  SELECT c.oid, c.reltuples INTO table_oid, known_rows
  FROM pg_catalog.pg_class AS c JOIN pg_catalog.pg_namespace AS n ON n.oid = c.relnamespace
  WHERE n.nspname = 'ledger' AND c.relname = p_table AND c.relkind IN ('r', 'p');
  IF NOT FOUND THEN
    RAISE EXCEPTION '%: % is not a table of the ledger schema', p_function, p_table
      USING ERRCODE = 'undefined_table', HINT = 'Give the name of a ledger table without the schema, e.g. units.';
  END IF;
END
$$;

ALTER FUNCTION staging.ledger_table(p_table text, p_function text, OUT table_oid oid, OUT known_rows real) OWNER TO propledger_owner;

--
-- Name: number_form(text); Type: FUNCTION; Schema: staging; Owner: propledger_owner
--

CREATE FUNCTION staging.number_form(v text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    RETURN CASE WHEN (staging.excel_number(v, '{}'::text[]) ~* '^[+-]?[0-9]+(\.[0-9]+)?e[+-]?[0-9]+$'::text) THEN 'exponent'::text WHEN (v ~ '[0-9０-９][.．0-9０-９]*\s*[万亿千百]'::text) THEN 'chinese_unit'::text ELSE NULL::text END;

ALTER FUNCTION staging.number_form(v text) OWNER TO propledger_owner;

--
-- Name: parse_bool(text); Type: FUNCTION; Schema: staging; Owner: propledger_owner
--

CREATE FUNCTION staging.parse_bool(v text) RETURNS boolean
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    RETURN CASE lower(v) WHEN 'true'::text THEN true WHEN 'yes'::text THEN true WHEN '1'::text THEN true WHEN '是'::text THEN true WHEN 'false'::text THEN false WHEN 'no'::text THEN false WHEN '0'::text THEN false WHEN '否'::text THEN false ELSE NULL::boolean END;

ALTER FUNCTION staging.parse_bool(v text) OWNER TO propledger_owner;

--
-- Name: project_rule_violations(text[]); Type: FUNCTION; Schema: staging; Owner: propledger_owner
--

CREATE FUNCTION staging.project_rule_violations(p_codes text[]) RETURNS TABLE(project_code text, rule text, message text, hint text, arguments jsonb)
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
#variable_conflict use_column
DECLARE
  code text;
  detail text;
  city constant boolean := ledger.scope_is_city_for(session_user);
  districts constant text[] := ledger.scope_districts_for(session_user);
  codes constant text[] := ARRAY(SELECT p.project_code FROM ledger.projects AS p
                                 WHERE p.project_code = ANY (coalesce(p_codes, '{}'))
                                   AND (city OR p.district_code = ANY (districts))
                                 ORDER BY p.project_code);
BEGIN
  -- Their votes counted once: kept now (ledger.refresh_projects_kept, 036), read by the checks (ledger.votes_of)
  -- and kept after the load (a row changed after this marks its project stale again).
  PERFORM ledger.refresh_projects_kept(codes);
  FOREACH code IN ARRAY codes LOOP
    BEGIN
      PERFORM ledger.check_project_rules(code);
      INSERT INTO staging.project_rules_checked AS m (project_code, xact_id) VALUES (code, pg_current_xact_id())
        ON CONFLICT (project_code) DO UPDATE SET xact_id = EXCLUDED.xact_id;
    EXCEPTION WHEN check_violation THEN
      project_code := code;
      GET STACKED DIAGNOSTICS rule = CONSTRAINT_NAME, message = MESSAGE_TEXT, hint = PG_EXCEPTION_HINT, detail = PG_EXCEPTION_DETAIL;
      -- The rule's arguments (check_project_rules' DETAIL), for the message in the loader's language.
      arguments := CASE WHEN detail LIKE '{%' THEN detail::jsonb END;
      RETURN NEXT;
    END;
  END LOOP;
END
$$;

ALTER FUNCTION staging.project_rule_violations(p_codes text[]) OWNER TO propledger_owner;

--
-- Name: require_load_lock(text); Type: FUNCTION; Schema: staging; Owner: propledger_owner
--

CREATE FUNCTION staging.require_load_lock(p_function text) RETURNS void
    LANGUAGE plpgsql STABLE
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
BEGIN
  IF NOT staging.holds_load_lock() THEN
    RAISE EXCEPTION '% runs only inside a load (the session must hold the load lock)', p_function
      USING ERRCODE = '42501', HINT = 'LOCK TABLE staging.load_lock IN EXCLUSIVE MODE first, as propledger load does.';
  END IF;
END
$$;

ALTER FUNCTION staging.require_load_lock(p_function text) OWNER TO propledger_owner;

--
-- Name: restore_foreign_keys(); Type: FUNCTION; Schema: staging; Owner: propledger_owner
--

CREATE FUNCTION staging.restore_foreign_keys() RETURNS integer
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
  fk record;
  added integer := 0;
BEGIN
  PERFORM staging.require_load_lock('restore_foreign_keys');
  FOR fk IN
    SELECT s.table_name, s.constraint_name, s.definition, s.description FROM staging.suspended_foreign_keys AS s
    ORDER BY s.table_name, s.constraint_name
  LOOP
    -- Adding a key checks every row of the table with one anti-join; a row without its reference fails it
    -- with the error of the key itself (23503, the key's name, the row's values).
    EXECUTE format('ALTER TABLE %s ADD CONSTRAINT %I %s', fk.table_name, fk.constraint_name, fk.definition);
    IF fk.description IS NOT NULL THEN  -- a DBA's comment on the key comes back with it
      EXECUTE format('COMMENT ON CONSTRAINT %I ON %s IS %L', fk.constraint_name, fk.table_name, fk.description);
    END IF;
    DELETE FROM staging.suspended_foreign_keys AS s
    WHERE s.table_name = fk.table_name AND s.constraint_name = fk.constraint_name;
    added := added + 1;
  END LOOP;
  RETURN added;
END
$$;

ALTER FUNCTION staging.restore_foreign_keys() OWNER TO propledger_owner;

--
-- Name: FUNCTION restore_foreign_keys(); Type: COMMENT; Schema: staging; Owner: propledger_owner
--

COMMENT ON FUNCTION staging.restore_foreign_keys() IS 'Inside a load: adds again every foreign key staging.suspend_foreign_keys dropped, each checking every row of its table (23503 as the key itself when one fails). Returns how many.';

--
-- Name: suspend_foreign_keys(text, bigint, bigint); Type: FUNCTION; Schema: staging; Owner: propledger_owner
--

CREATE FUNCTION staging.suspend_foreign_keys(p_table text, p_rows bigint, p_minimum bigint DEFAULT 100000) RETURNS integer
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
  target oid;
  known real;
  fk record;
  dropped integer := 0;
BEGIN
  PERFORM staging.require_load_lock('suspend_foreign_keys');
  SELECT t.table_oid, t.known_rows INTO target, known FROM staging.ledger_table(p_table, 'suspend_foreign_keys') AS t;
  -- reltuples is -1 for a table never analyzed or vacuumed, which holds no rows then as far as is known.
  IF coalesce(p_rows, 0) < greatest(coalesce(p_minimum, 0), 1) OR p_rows < greatest(known, 0) THEN
    RETURN 0;
  END IF;
  -- A table with deferred rules of its own (the committee rules) keeps its keys: the rows the load writes leave
  -- those rules' checks waiting until the end, and a table with checks waiting cannot be altered (55006).
  IF EXISTS (SELECT 1 FROM pg_catalog.pg_trigger AS t
             WHERE t.tgrelid = target AND t.tgdeferrable
               AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint AS k WHERE k.oid = t.tgconstraint AND k.contype = 'f')) THEN
    RETURN 0;
  END IF;
  FOR fk IN
    SELECT k.conname, pg_catalog.pg_get_constraintdef(k.oid) AS definition,
           pg_catalog.obj_description(k.oid, 'pg_constraint') AS description
    FROM pg_catalog.pg_constraint AS k
    WHERE k.conrelid = target AND k.contype = 'f'
    ORDER BY k.conname
  LOOP
    INSERT INTO staging.suspended_foreign_keys (table_name, constraint_name, definition, description)
    VALUES (format('ledger.%I', p_table), fk.conname, fk.definition, fk.description);
    EXECUTE format('ALTER TABLE ledger.%I DROP CONSTRAINT %I', p_table, fk.conname);
    dropped := dropped + 1;
  END LOOP;
  RETURN dropped;
END
$$;

ALTER FUNCTION staging.suspend_foreign_keys(p_table text, p_rows bigint, p_minimum bigint) OWNER TO propledger_owner;

--
-- Name: FUNCTION suspend_foreign_keys(p_table text, p_rows bigint, p_minimum bigint); Type: COMMENT; Schema: staging; Owner: propledger_owner
--

COMMENT ON FUNCTION staging.suspend_foreign_keys(p_table text, p_rows bigint, p_minimum bigint) IS 'Inside a load: drops the foreign keys of ledger table p_table when the load writes p_rows into it, at least p_minimum and at least the rows it holds (pg_class.reltuples), so they are checked once as a set by staging.restore_foreign_keys, which the load must call before it commits. Returns how many it dropped (0: the keys stay and check row by row). Locks the table and the tables it references ACCESS EXCLUSIVE until the load ends.';

--
-- Name: suspended_foreign_key_restored(); Type: FUNCTION; Schema: staging; Owner: propledger_owner
--

CREATE FUNCTION staging.suspended_foreign_key_restored() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM staging.suspended_foreign_keys AS s
             WHERE s.table_name = NEW.table_name AND s.constraint_name = NEW.constraint_name) THEN
    RAISE EXCEPTION 'foreign key % of % was dropped by this load and not added again', NEW.constraint_name, NEW.table_name
      USING ERRCODE = '55000',
            HINT = 'Call staging.restore_foreign_keys() before the commit; the transaction is rolled back.';
  END IF;
  RETURN NULL;
END
$$;

ALTER FUNCTION staging.suspended_foreign_key_restored() OWNER TO propledger_owner;

--
-- Name: changes; Type: TABLE; Schema: audit; Owner: propledger_owner
--

CREATE TABLE audit.changes (
    id bigint NOT NULL,
    table_name text NOT NULL,
    key jsonb NOT NULL,
    operation text NOT NULL,
    old_row jsonb,
    new_row jsonb,
    db_user text DEFAULT SESSION_USER NOT NULL,
    application_name text DEFAULT current_setting('application_name'::text, true),
    load_batch_id bigint,
    changed_at timestamp with time zone DEFAULT clock_timestamp() NOT NULL,
    CONSTRAINT changes_operation_known CHECK ((operation = ANY (ARRAY['INSERT'::text, 'UPDATE'::text, 'DELETE'::text])))
);

ALTER TABLE audit.changes OWNER TO propledger_owner;

--
-- Name: TABLE changes; Type: COMMENT; Schema: audit; Owner: propledger_owner
--

COMMENT ON TABLE audit.changes IS 'Every update/delete of a ledger row, and every insert made outside a load batch: table (= load kind), key, old and new row as jsonb, who (session_user), when, load batch. An insert in a batch is recorded by the row''s insert_batch_id.';

--
-- Name: changes_id_seq; Type: SEQUENCE; Schema: audit; Owner: propledger_owner
--

CREATE SEQUENCE audit.changes_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER TABLE audit.changes_id_seq OWNER TO propledger_owner;

--
-- Name: changes_id_seq; Type: SEQUENCE OWNED BY; Schema: audit; Owner: propledger_owner
--

ALTER SEQUENCE audit.changes_id_seq OWNED BY audit.changes.id;

--
-- Name: load_batches; Type: TABLE; Schema: audit; Owner: propledger_owner
--

CREATE TABLE audit.load_batches (
    id bigint NOT NULL,
    started_at timestamp with time zone DEFAULT clock_timestamp() NOT NULL,
    finished_at timestamp with time zone,
    db_user text DEFAULT SESSION_USER NOT NULL,
    application_name text DEFAULT current_setting('application_name'::text, true),
    xact_id xid8 DEFAULT pg_current_xact_id() NOT NULL,
    kind text NOT NULL,
    file_name text,
    sha256 text,
    rows bigint DEFAULT 0 NOT NULL,
    inserted bigint DEFAULT 0 NOT NULL,
    updated bigint DEFAULT 0 NOT NULL,
    unchanged bigint DEFAULT 0 NOT NULL,
    rejected bigint DEFAULT 0 NOT NULL,
    deleted bigint DEFAULT 0 NOT NULL,
    status text DEFAULT 'running'::text NOT NULL,
    reason text,
    CONSTRAINT load_batches_counts_not_negative CHECK (((rows >= 0) AND (inserted >= 0) AND (updated >= 0) AND (unchanged >= 0) AND (rejected >= 0) AND (deleted >= 0))),
    CONSTRAINT load_batches_finished_after_start CHECK ((finished_at >= started_at)),
    CONSTRAINT load_batches_sha256_hex CHECK ((sha256 ~ '^[0-9a-f]{64}$'::text)),
    CONSTRAINT load_batches_status_known CHECK ((status = ANY (ARRAY['running'::text, 'committed'::text, 'partial'::text, 'rejected'::text, 'dry_run'::text, 'failed'::text])))
);

ALTER TABLE audit.load_batches OWNER TO propledger_owner;

--
-- Name: TABLE load_batches; Type: COMMENT; Schema: audit; Owner: propledger_owner
--

COMMENT ON TABLE audit.load_batches IS 'One row per loaded file (propledger load), and one per failed or rejected attempt; written only through audit.begin_batch, audit.finish_batch and audit.record_attempt.';

--
-- Name: load_batches_id_seq; Type: SEQUENCE; Schema: audit; Owner: propledger_owner
--

CREATE SEQUENCE audit.load_batches_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER TABLE audit.load_batches_id_seq OWNER TO propledger_owner;

--
-- Name: load_batches_id_seq; Type: SEQUENCE OWNED BY; Schema: audit; Owner: propledger_owner
--

ALTER SEQUENCE audit.load_batches_id_seq OWNED BY audit.load_batches.id;

--
-- Name: staff_scope; Type: TABLE; Schema: ledger; Owner: propledger_owner
--

CREATE TABLE ledger.staff_scope (
    role_name name NOT NULL,
    district_code text,
    granted_at timestamp with time zone DEFAULT now() NOT NULL,
    granted_by name DEFAULT CURRENT_USER NOT NULL
);

ALTER TABLE ledger.staff_scope OWNER TO propledger_owner;

--
-- Name: TABLE staff_scope; Type: COMMENT; Schema: ledger; Owner: propledger_owner
--

COMMENT ON TABLE ledger.staff_scope IS 'Which districts a role (and its members) may see and load; district_code NULL = city-wide.';

--
-- Name: access_list; Type: VIEW; Schema: ledger; Owner: propledger_owner
--

CREATE VIEW ledger.access_list AS
 SELECT s.role_name,
    s.district_code,
    d.name AS district_name,
        CASE
            WHEN (s.district_code IS NULL) THEN 'city'::text
            ELSE 'district'::text
        END AS scope,
    s.granted_at,
    s.granted_by,
    (EXISTS ( SELECT 1
           FROM pg_roles r
          WHERE (r.rolname = s.role_name))) AS role_exists
   FROM (ledger.staff_scope s
     LEFT JOIN ledger.districts d ON ((d.district_code = s.district_code)));

ALTER TABLE ledger.access_list OWNER TO propledger_owner;

--
-- Name: VIEW access_list; Type: COMMENT; Schema: ledger; Owner: propledger_owner
--

COMMENT ON VIEW ledger.access_list IS 'Every granted scope (propledger access list); scope = city or district.';

--
-- Name: ballots; Type: TABLE; Schema: ledger; Owner: propledger_owner
--

CREATE TABLE ledger.ballots (
    project_code text NOT NULL,
    matter text NOT NULL,
    held_on date NOT NULL,
    owner_key text NOT NULL,
    district_code text NOT NULL,
    choice text NOT NULL,
    insert_batch_id bigint DEFAULT (NULLIF(current_setting('propledger.load_batch'::text, true), ''::text))::bigint,
    CONSTRAINT ballots_choice_known CHECK ((choice = ANY (ARRAY['agree'::text, 'disagree'::text, 'abstain'::text]))),
    CONSTRAINT ballots_owner_key_not_a_citizen_id CHECK ((NOT ledger.is_citizen_id(owner_key)))
);

ALTER TABLE ONLY ledger.ballots FORCE ROW LEVEL SECURITY;

ALTER TABLE ledger.ballots OWNER TO propledger_owner;

--
-- Name: TABLE ballots; Type: COMMENT; Schema: ledger; Owner: propledger_owner
--

COMMENT ON TABLE ledger.ballots IS 'One owner''s ballot on a vote (agree / disagree / abstain); owner_key as in ledger.owners. Load kind: ballots.';

--
-- Name: COLUMN ballots.insert_batch_id; Type: COMMENT; Schema: ledger; Owner: propledger_owner
--

COMMENT ON COLUMN ledger.ballots.insert_batch_id IS 'The load batch (audit.load_batches) that inserted this row; NULL for a row inserted outside a load, whose values audit.changes recorded. Set by default, never changed.';

--
-- Name: clearance; Type: TABLE; Schema: ledger; Owner: propledger_owner
--

CREATE TABLE ledger.clearance (
    compound_code text NOT NULL,
    identified_on date NOT NULL,
    district_code text NOT NULL,
    target_on date,
    resolution text,
    resolved_on date,
    note text,
    insert_batch_id bigint DEFAULT (NULLIF(current_setting('propledger.load_batch'::text, true), ''::text))::bigint,
    CONSTRAINT clearance_resolution_and_date_together CHECK (((resolution IS NULL) = (resolved_on IS NULL))),
    CONSTRAINT clearance_resolution_known CHECK ((resolution = ANY (ARRAY['company_takeover'::text, 'self_management'::text, 'community_fallback'::text]))),
    CONSTRAINT clearance_resolved_not_before_identified CHECK ((resolved_on >= identified_on)),
    CONSTRAINT clearance_target_not_before_identified CHECK ((target_on >= identified_on))
);

ALTER TABLE ONLY ledger.clearance FORCE ROW LEVEL SECURITY;

ALTER TABLE ledger.clearance OWNER TO propledger_owner;

--
-- Name: TABLE clearance; Type: COMMENT; Schema: ledger; Owner: propledger_owner
--

COMMENT ON TABLE ledger.clearance IS 'Clearance case: an unmanaged compound found on identified_on, its target date and resolution. Load kind: clearance.';

--
-- Name: COLUMN clearance.insert_batch_id; Type: COMMENT; Schema: ledger; Owner: propledger_owner
--

COMMENT ON COLUMN ledger.clearance.insert_batch_id IS 'The load batch (audit.load_batches) that inserted this row; NULL for a row inserted outside a load, whose values audit.changes recorded. Set by default, never changed.';

--
-- Name: co_building_units; Type: TABLE; Schema: ledger; Owner: propledger_owner
--

CREATE TABLE ledger.co_building_units (
    unit_code text NOT NULL,
    name text NOT NULL,
    kind text NOT NULL,
    community_code text NOT NULL,
    district_code text NOT NULL,
    agreed_on date,
    insert_batch_id bigint DEFAULT (NULLIF(current_setting('propledger.load_batch'::text, true), ''::text))::bigint,
    CONSTRAINT co_building_units_district_derived CHECK ((district_code = "left"(community_code, 6))),
    CONSTRAINT co_building_units_kind_known CHECK ((kind = ANY (ARRAY['school'::text, 'hospital'::text, 'enterprise'::text, 'government'::text, 'social_org'::text, 'other'::text]))),
    CONSTRAINT co_building_units_name_not_blank CHECK ((btrim(name) <> ''::text))
);

ALTER TABLE ONLY ledger.co_building_units FORCE ROW LEVEL SECURITY;

ALTER TABLE ledger.co_building_units OWNER TO propledger_owner;

--
-- Name: TABLE co_building_units; Type: COMMENT; Schema: ledger; Owner: propledger_owner
--

COMMENT ON TABLE ledger.co_building_units IS 'Co-building unit (共建单位) of a community; may fund projects. district_code = left(community_code, 6). Load kind: co_building_units.';

--
-- Name: COLUMN co_building_units.insert_batch_id; Type: COMMENT; Schema: ledger; Owner: propledger_owner
--

COMMENT ON COLUMN ledger.co_building_units.insert_batch_id IS 'The load batch (audit.load_batches) that inserted this row; NULL for a row inserted outside a load, whose values audit.changes recorded. Set by default, never changed.';

--
-- Name: committees; Type: TABLE; Schema: ledger; Owner: propledger_owner
--

CREATE TABLE ledger.committees (
    compound_code text NOT NULL,
    term_start date NOT NULL,
    district_code text NOT NULL,
    kind text NOT NULL,
    term_end date,
    members integer NOT NULL,
    party_members integer DEFAULT 0 NOT NULL,
    public_servant_members integer DEFAULT 0 NOT NULL,
    insert_batch_id bigint DEFAULT (NULLIF(current_setting('propledger.load_batch'::text, true), ''::text))::bigint,
    CONSTRAINT committees_kind_known CHECK ((kind = ANY (ARRAY['owners_committee'::text, 'management_committee'::text, 'self_management_group'::text]))),
    CONSTRAINT committees_members_positive CHECK ((members >= 1)),
    CONSTRAINT committees_party_members_within_members CHECK (((party_members >= 0) AND (party_members <= members))),
    CONSTRAINT committees_public_servants_within_members CHECK (((public_servant_members >= 0) AND (public_servant_members <= members))),
    CONSTRAINT committees_term_end_not_before_start CHECK ((term_end >= term_start))
);

ALTER TABLE ONLY ledger.committees FORCE ROW LEVEL SECURITY;

ALTER TABLE ledger.committees OWNER TO propledger_owner;

--
-- Name: TABLE committees; Type: COMMENT; Schema: ledger; Owner: propledger_owner
--

COMMENT ON TABLE ledger.committees IS 'Owners'' organisation of a compound for one term (term_start..term_end inclusive). Load kind: committees.';

--
-- Name: COLUMN committees.insert_batch_id; Type: COMMENT; Schema: ledger; Owner: propledger_owner
--

COMMENT ON COLUMN ledger.committees.insert_batch_id IS 'The load batch (audit.load_batches) that inserted this row; NULL for a row inserted outside a load, whose values audit.changes recorded. Set by default, never changed.';

--
-- Name: units; Type: TABLE; Schema: ledger; Owner: propledger_owner
--

CREATE TABLE ledger.units (
    compound_code text NOT NULL,
    building text NOT NULL,
    unit_no text NOT NULL,
    district_code text NOT NULL,
    floor_area_m2 numeric(12,2) NOT NULL,
    insert_batch_id bigint DEFAULT (NULLIF(current_setting('propledger.load_batch'::text, true), ''::text))::bigint,
    CONSTRAINT units_building_not_blank CHECK ((btrim(building) <> ''::text)),
    CONSTRAINT units_floor_area_positive CHECK ((floor_area_m2 > (0)::numeric)),
    CONSTRAINT units_unit_no_not_blank CHECK ((btrim(unit_no) <> ''::text))
);

ALTER TABLE ONLY ledger.units FORCE ROW LEVEL SECURITY;

ALTER TABLE ledger.units OWNER TO propledger_owner;

--
-- Name: TABLE units; Type: COMMENT; Schema: ledger; Owner: propledger_owner
--

COMMENT ON TABLE ledger.units IS 'One dwelling (专有部分/户): building + unit number + floor area; one owner per unit in votes. Load kind: units.';

--
-- Name: COLUMN units.insert_batch_id; Type: COMMENT; Schema: ledger; Owner: propledger_owner
--

COMMENT ON COLUMN ledger.units.insert_batch_id IS 'The load batch (audit.load_batches) that inserted this row; NULL for a row inserted outside a load, whose values audit.changes recorded. Set by default, never changed.';

--
-- Name: committee_checks; Type: VIEW; Schema: ledger; Owner: propledger_owner
--

CREATE VIEW ledger.committee_checks AS
 SELECT m.compound_code,
    m.district_code,
    m.term_start,
    m.kind,
    m.term_end,
    m.members,
    f.rule,
    f.column_name,
    f.refusal,
    f.message,
    f.hint,
    f.source_zh,
    f.source_en,
    f.arguments
   FROM (((ledger.committees m
     LEFT JOIN ledger.compounds k ON ((k.compound_code = m.compound_code)))
     LEFT JOIN LATERAL ( SELECT (count(*))::integer AS units,
            sum(x.floor_area_m2) AS area
           FROM ledger.units x
          WHERE (((k.households IS NULL) OR (k.floor_area_m2 IS NULL)) AND (x.compound_code = m.compound_code))) u ON (true))
     CROSS JOIN LATERAL ledger.committee_findings(m.district_code, m.kind, m.compound_code, m.term_start, m.term_end, m.members, COALESCE(k.households, NULLIF(u.units, 0)), COALESCE(k.floor_area_m2, u.area)) f(rule, column_name, refusal, message, hint, source_zh, source_en, arguments));

ALTER TABLE ledger.committee_checks OWNER TO propledger_owner;

--
-- Name: VIEW committee_checks; Type: COMMENT; Schema: ledger; Owner: propledger_owner
--

COMMENT ON VIEW ledger.committee_checks IS 'Each committee with the size and term rules of its jurisdiction it breaks (ledger.committee_findings), the compound''s size from the registry, else its units.';

--
-- Name: companies; Type: TABLE; Schema: ledger; Owner: propledger_owner
--

CREATE TABLE ledger.companies (
    uscc text NOT NULL,
    name text NOT NULL,
    ownership text NOT NULL,
    district_code text NOT NULL,
    insert_batch_id bigint DEFAULT (NULLIF(current_setting('propledger.load_batch'::text, true), ''::text))::bigint,
    CONSTRAINT companies_name_not_blank CHECK ((btrim(name) <> ''::text)),
    CONSTRAINT companies_ownership_known CHECK ((ownership = ANY (ARRAY['state_owned'::text, 'private'::text]))),
    CONSTRAINT companies_uscc_check_character CHECK (ledger.uscc_is_valid(uscc))
);

ALTER TABLE ONLY ledger.companies FORCE ROW LEVEL SECURITY;

ALTER TABLE ledger.companies OWNER TO propledger_owner;

--
-- Name: TABLE companies; Type: COMMENT; Schema: ledger; Owner: propledger_owner
--

COMMENT ON TABLE ledger.companies IS 'Property management company (物业服务企业) by USCC; district_code = district of registration. Load kind: companies.';

--
-- Name: COLUMN companies.insert_batch_id; Type: COMMENT; Schema: ledger; Owner: propledger_owner
--

COMMENT ON COLUMN ledger.companies.insert_batch_id IS 'The load batch (audit.load_batches) that inserted this row; NULL for a row inserted outside a load, whose values audit.changes recorded. Set by default, never changed.';

--
-- Name: complaints; Type: TABLE; Schema: ledger; Owner: propledger_owner
--

CREATE TABLE ledger.complaints (
    complaint_code text NOT NULL,
    compound_code text NOT NULL,
    district_code text NOT NULL,
    company_uscc text,
    received_on date NOT NULL,
    category text NOT NULL,
    resolved_on date,
    insert_batch_id bigint DEFAULT (NULLIF(current_setting('propledger.load_batch'::text, true), ''::text))::bigint,
    CONSTRAINT complaints_category_known CHECK ((category = ANY (ARRAY['service'::text, 'fees'::text, 'security'::text, 'cleaning'::text, 'greening'::text, 'parking'::text, 'repairs'::text, 'other'::text]))),
    CONSTRAINT complaints_resolved_not_before_received CHECK ((resolved_on >= received_on))
);

ALTER TABLE ONLY ledger.complaints FORCE ROW LEVEL SECURITY;

ALTER TABLE ledger.complaints OWNER TO propledger_owner;

--
-- Name: TABLE complaints; Type: COMMENT; Schema: ledger; Owner: propledger_owner
--

COMMENT ON TABLE ledger.complaints IS 'Complaint about a compound''s service. Load kind: complaints.';

--
-- Name: COLUMN complaints.insert_batch_id; Type: COMMENT; Schema: ledger; Owner: propledger_owner
--

COMMENT ON COLUMN ledger.complaints.insert_batch_id IS 'The load batch (audit.load_batches) that inserted this row; NULL for a row inserted outside a load, whose values audit.changes recorded. Set by default, never changed.';

--
-- Name: fund_deposits; Type: TABLE; Schema: ledger; Owner: propledger_owner
--

CREATE TABLE ledger.fund_deposits (
    voucher_no text NOT NULL,
    compound_code text NOT NULL,
    building text NOT NULL,
    unit_no text NOT NULL,
    district_code text NOT NULL,
    kind text NOT NULL,
    deposited_on date NOT NULL,
    amount_yuan numeric(14,2) NOT NULL,
    insert_batch_id bigint DEFAULT (NULLIF(current_setting('propledger.load_batch'::text, true), ''::text))::bigint,
    CONSTRAINT fund_deposits_amount_sign_matches_kind CHECK (
CASE
    WHEN (kind = 'refund'::text) THEN (amount_yuan < (0)::numeric)
    ELSE (amount_yuan > (0)::numeric)
END),
    CONSTRAINT fund_deposits_kind_known CHECK ((kind = ANY (ARRAY['first_deposit'::text, 'top_up'::text, 'interest'::text, 'refund'::text]))),
    CONSTRAINT fund_deposits_voucher_not_blank CHECK ((btrim(voucher_no) <> ''::text))
);

ALTER TABLE ONLY ledger.fund_deposits FORCE ROW LEVEL SECURITY;

ALTER TABLE ledger.fund_deposits OWNER TO propledger_owner;

--
-- Name: TABLE fund_deposits; Type: COMMENT; Schema: ledger; Owner: propledger_owner
--

COMMENT ON TABLE ledger.fund_deposits IS 'A posting to one unit''s fund account (分户账): first deposit, top-up, interest line of a bank statement, or refund of a demolished unit (negative). Load kind: fund_deposits.';

--
-- Name: COLUMN fund_deposits.insert_batch_id; Type: COMMENT; Schema: ledger; Owner: propledger_owner
--

COMMENT ON COLUMN ledger.fund_deposits.insert_batch_id IS 'The load batch (audit.load_batches) that inserted this row; NULL for a row inserted outside a load, whose values audit.changes recorded. Set by default, never changed.';

--
-- Name: fund_interest; Type: TABLE; Schema: ledger; Owner: propledger_owner
--

CREATE TABLE ledger.fund_interest (
    compound_code text NOT NULL,
    posted_on date NOT NULL,
    district_code text NOT NULL,
    amount_yuan numeric(14,2) NOT NULL,
    insert_batch_id bigint DEFAULT (NULLIF(current_setting('propledger.load_batch'::text, true), ''::text))::bigint,
    CONSTRAINT fund_interest_amount_positive CHECK ((amount_yuan > (0)::numeric))
);

ALTER TABLE ONLY ledger.fund_interest FORCE ROW LEVEL SECURITY;

ALTER TABLE ledger.fund_interest OWNER TO propledger_owner;

--
-- Name: TABLE fund_interest; Type: COMMENT; Schema: ledger; Owner: propledger_owner
--

COMMENT ON TABLE ledger.fund_interest IS 'Interest posted for a whole compound when the bank gives no per-unit lines; allocated to its units by their balances at the end of the day before (SPEC §6; a fallback, not a national rule). Load kind: fund_interest.';

--
-- Name: COLUMN fund_interest.insert_batch_id; Type: COMMENT; Schema: ledger; Owner: propledger_owner
--

COMMENT ON COLUMN ledger.fund_interest.insert_batch_id IS 'The load batch (audit.load_batches) that inserted this row; NULL for a row inserted outside a load, whose values audit.changes recorded. Set by default, never changed.';

--
-- Name: funding; Type: TABLE; Schema: ledger; Owner: propledger_owner
--

CREATE TABLE ledger.funding (
    project_code text NOT NULL,
    source text NOT NULL,
    payer text,
    district_code text NOT NULL,
    amount_yuan numeric(14,2),
    percent numeric(5,2),
    payer_company_uscc text GENERATED ALWAYS AS (
CASE
    WHEN (source = 'company'::text) THEN payer
    ELSE NULL::text
END) STORED,
    payer_co_building_unit text GENERATED ALWAYS AS (
CASE
    WHEN (source = 'co_building'::text) THEN payer
    ELSE NULL::text
END) STORED,
    insert_batch_id bigint DEFAULT (NULLIF(current_setting('propledger.load_batch'::text, true), ''::text))::bigint,
    CONSTRAINT funding_amount_not_negative CHECK ((amount_yuan >= (0)::numeric)),
    CONSTRAINT funding_amount_xor_percent CHECK (((amount_yuan IS NULL) <> (percent IS NULL))),
    CONSTRAINT funding_payer_matches_source CHECK (
CASE source
    WHEN 'company'::text THEN (payer IS NOT NULL)
    WHEN 'co_building'::text THEN (payer IS NOT NULL)
    WHEN 'government'::text THEN ((payer IS NULL) OR (payer = ANY (ARRAY['city'::text, 'district'::text, 'street'::text])))
    ELSE (payer IS NULL)
END),
    CONSTRAINT funding_percent_0_to_100 CHECK (((percent >= (0)::numeric) AND (percent <= (100)::numeric))),
    CONSTRAINT funding_source_known CHECK ((ledger.funding_source_rank(source) IS NOT NULL))
);

ALTER TABLE ONLY ledger.funding FORCE ROW LEVEL SECURITY;

ALTER TABLE ledger.funding OWNER TO propledger_owner;

--
-- Name: TABLE funding; Type: COMMENT; Schema: ledger; Owner: propledger_owner
--

COMMENT ON TABLE ledger.funding IS 'Funding share of a project by source and payer: an amount or a percent of the budget (one form per project). Load kind: funding.';

--
-- Name: COLUMN funding.insert_batch_id; Type: COMMENT; Schema: ledger; Owner: propledger_owner
--

COMMENT ON COLUMN ledger.funding.insert_batch_id IS 'The load batch (audit.load_batches) that inserted this row; NULL for a row inserted outside a load, whose values audit.changes recorded. Set by default, never changed.';

--
-- Name: projects; Type: TABLE; Schema: ledger; Owner: propledger_owner
--

CREATE TABLE ledger.projects (
    project_code text NOT NULL,
    compound_code text NOT NULL,
    district_code text NOT NULL,
    category text NOT NULL,
    title text NOT NULL,
    scope_buildings text,
    status text NOT NULL,
    budget_yuan numeric(14,2),
    final_cost_yuan numeric(14,2),
    proposed_on date NOT NULL,
    approved_on date,
    started_on date,
    completed_on date,
    accepted_on date,
    cancelled_on date,
    emergency boolean DEFAULT false NOT NULL,
    emergency_category text,
    emergency_reason text,
    emergency_applicant text,
    emergency_confirmed_by text,
    emergency_confirmed_on date,
    insert_batch_id bigint DEFAULT (NULLIF(current_setting('propledger.load_batch'::text, true), ''::text))::bigint,
    CONSTRAINT projects_accepted_needs_final_cost CHECK (((status <> 'accepted'::text) OR (final_cost_yuan IS NOT NULL))),
    CONSTRAINT projects_accepted_on_matches_status CHECK (((accepted_on IS NOT NULL) = (status = 'accepted'::text))),
    CONSTRAINT projects_approved_needs_budget CHECK (((approved_on IS NULL) OR (budget_yuan IS NOT NULL))),
    CONSTRAINT projects_approved_on_matches_status CHECK (((status = 'cancelled'::text) OR ((approved_on IS NOT NULL) = (status = ANY (ARRAY['approved'::text, 'in_progress'::text, 'completed'::text, 'accepted'::text]))))),
    CONSTRAINT projects_budget_not_negative CHECK ((budget_yuan >= (0)::numeric)),
    CONSTRAINT projects_cancelled_on_matches_status CHECK (((cancelled_on IS NOT NULL) = (status = 'cancelled'::text))),
    CONSTRAINT projects_category_known CHECK ((category = ANY (ARRAY['wiring'::text, 'ev_charging'::text, 'elevator'::text, 'fitness'::text, 'fire_safety'::text, 'water_supply'::text, 'roof'::text, 'drainage'::text, 'facade'::text, 'other'::text]))),
    CONSTRAINT projects_completed_on_matches_status CHECK (((status = 'cancelled'::text) OR ((completed_on IS NOT NULL) = (status = ANY (ARRAY['completed'::text, 'accepted'::text]))))),
    CONSTRAINT projects_dates_in_status_order CHECK (((proposed_on <= approved_on) AND (approved_on <= started_on) AND (started_on <= completed_on) AND (completed_on <= accepted_on) AND (proposed_on <= cancelled_on) AND (approved_on <= cancelled_on) AND (started_on <= cancelled_on) AND (completed_on <= cancelled_on))),
    CONSTRAINT projects_emergency_applicant_known CHECK ((emergency_applicant = ANY (ARRAY['committee'::text, 'owners_assembly'::text, 'authority'::text]))),
    CONSTRAINT projects_emergency_category_is_a_code CHECK ((emergency_category ~ '^[a-z][a-z0-9_]*$'::text)),
    CONSTRAINT projects_emergency_confirmed_by_not_blank CHECK ((btrim(emergency_confirmed_by) <> ''::text)),
    CONSTRAINT projects_emergency_fields_only_for_emergency CHECK ((emergency OR ((emergency_category IS NULL) AND (emergency_reason IS NULL) AND (emergency_applicant IS NULL) AND (emergency_confirmed_by IS NULL) AND (emergency_confirmed_on IS NULL)))),
    CONSTRAINT projects_emergency_needs_applicant_and_confirmation CHECK (((NOT emergency) OR ((emergency_applicant IS NOT NULL) AND (emergency_confirmed_by IS NOT NULL) AND (emergency_confirmed_on IS NOT NULL)))),
    CONSTRAINT projects_emergency_needs_category_and_reason CHECK (((NOT emergency) OR ((emergency_category IS NOT NULL) AND (emergency_reason IS NOT NULL)))),
    CONSTRAINT projects_emergency_reason_not_blank CHECK ((btrim(emergency_reason) <> ''::text)),
    CONSTRAINT projects_final_cost_not_negative CHECK ((final_cost_yuan >= (0)::numeric)),
    CONSTRAINT projects_scope_buildings_not_blank CHECK ((btrim(scope_buildings, ' ;'::text) <> ''::text)),
    CONSTRAINT projects_stage_dates_without_gaps CHECK ((((started_on IS NULL) OR (approved_on IS NOT NULL)) AND ((completed_on IS NULL) OR (started_on IS NOT NULL)))),
    CONSTRAINT projects_started_on_matches_status CHECK (((status = 'cancelled'::text) OR ((started_on IS NOT NULL) = (status = ANY (ARRAY['in_progress'::text, 'completed'::text, 'accepted'::text]))))),
    CONSTRAINT projects_status_known CHECK ((status = ANY (ARRAY['proposed'::text, 'approved'::text, 'in_progress'::text, 'completed'::text, 'accepted'::text, 'cancelled'::text]))),
    CONSTRAINT projects_title_not_blank CHECK ((btrim(title) <> ''::text))
);

ALTER TABLE ONLY ledger.projects FORCE ROW LEVEL SECURITY;

ALTER TABLE ledger.projects OWNER TO propledger_owner;

--
-- Name: TABLE projects; Type: COMMENT; Schema: ledger; Owner: propledger_owner
--

COMMENT ON TABLE ledger.projects IS 'Repair/renovation project of a compound (scope_buildings NULL = whole compound, else ;-separated buildings); emergency = may use the maintenance fund without a vote (SPEC §6). Load kind: projects.';

--
-- Name: COLUMN projects.insert_batch_id; Type: COMMENT; Schema: ledger; Owner: propledger_owner
--

COMMENT ON COLUMN ledger.projects.insert_batch_id IS 'The load batch (audit.load_batches) that inserted this row; NULL for a row inserted outside a load, whose values audit.changes recorded. Set by default, never changed.';

--
-- Name: funding_amounts; Type: VIEW; Schema: ledger; Owner: propledger_owner
--

CREATE VIEW ledger.funding_amounts AS
 WITH shares AS (
         SELECT f.project_code,
            f.district_code,
            f.source,
            f.payer,
            f.amount_yuan,
            f.percent,
            p.budget_yuan,
            count(f.amount_yuan) OVER whole AS amount_rows,
            sum(f.percent) OVER whole AS percent_sum,
            row_number() OVER whole AS "position"
           FROM (ledger.funding f
             JOIN ledger.projects p ON (((p.project_code = f.project_code) AND (p.district_code = f.district_code))))
          WINDOW whole AS (PARTITION BY f.project_code, f.district_code ORDER BY (ledger.funding_source_rank(f.source)), f.payer ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)
        ), parts AS (
         SELECT s.project_code,
            s.district_code,
            s.source,
            s.payer,
            s.amount_yuan,
            s.percent,
            s.budget_yuan,
            s.amount_rows,
            s.percent_sum,
            s."position",
            ((s.amount_rows = 0) AND (s.percent_sum = (100)::numeric) AND (s.budget_yuan IS NOT NULL)) AS split,
                CASE
                    WHEN ((s.amount_rows = 0) AND (s.percent_sum = (100)::numeric) AND (s.budget_yuan IS NOT NULL)) THEN div(((abs(s.budget_yuan) * (100)::numeric) * s.percent), s.percent_sum)
                    ELSE NULL::numeric
                END AS floor_fen,
                CASE
                    WHEN ((s.amount_rows = 0) AND (s.percent_sum = (100)::numeric) AND (s.budget_yuan IS NOT NULL)) THEN mod(((abs(s.budget_yuan) * (100)::numeric) * s.percent), s.percent_sum)
                    ELSE NULL::numeric
                END AS remainder
           FROM shares s
        ), ranked AS (
         SELECT p.project_code,
            p.district_code,
            p.source,
            p.payer,
            p.amount_yuan,
            p.percent,
            p.budget_yuan,
            p.amount_rows,
            p.percent_sum,
            p."position",
            p.split,
            p.floor_fen,
            p.remainder,
            ((abs(p.budget_yuan) * (100)::numeric) - sum(p.floor_fen) OVER (PARTITION BY p.project_code, p.district_code)) AS leftover_fen,
            row_number() OVER (PARTITION BY p.project_code, p.district_code ORDER BY p.remainder DESC, p."position") AS remainder_rank
           FROM parts p
        )
 SELECT r.project_code,
    r.district_code,
    r.source,
    r.payer,
    r.amount_yuan,
    r.percent,
        CASE
            WHEN (r.percent IS NULL) THEN r.amount_yuan
            WHEN r.split THEN (((sign(r.budget_yuan) * (r.floor_fen + (
            CASE
                WHEN ((r.remainder_rank)::numeric <= r.leftover_fen) THEN 1
                ELSE 0
            END)::numeric)) * 0.01))::numeric(14,2)
            ELSE NULL::numeric
        END AS committed_yuan
   FROM ranked r;

ALTER TABLE ledger.funding_amounts OWNER TO propledger_owner;

--
-- Name: VIEW funding_amounts; Type: COMMENT; Schema: ledger; Owner: propledger_owner
--

COMMENT ON VIEW ledger.funding_amounts IS 'Every funding share as an amount (committed_yuan); percent shares split from the budget by largest remainder (the arithmetic of ledger.largest_remainder, on the share rows).';

--
-- Name: inspections; Type: TABLE; Schema: ledger; Owner: propledger_owner
--

CREATE TABLE ledger.inspections (
    inspection_code text NOT NULL,
    compound_code text NOT NULL,
    district_code text NOT NULL,
    company_uscc text,
    inspected_on date NOT NULL,
    inspector text,
    score numeric(5,2) NOT NULL,
    insert_batch_id bigint DEFAULT (NULLIF(current_setting('propledger.load_batch'::text, true), ''::text))::bigint,
    CONSTRAINT inspections_score_0_to_100 CHECK (((score >= (0)::numeric) AND (score <= (100)::numeric)))
);

ALTER TABLE ONLY ledger.inspections FORCE ROW LEVEL SECURITY;

ALTER TABLE ledger.inspections OWNER TO propledger_owner;

--
-- Name: TABLE inspections; Type: COMMENT; Schema: ledger; Owner: propledger_owner
--

COMMENT ON TABLE ledger.inspections IS 'Bureau inspection of a compound (and its company), score 0-100. Load kind: inspections.';

--
-- Name: COLUMN inspections.insert_batch_id; Type: COMMENT; Schema: ledger; Owner: propledger_owner
--

COMMENT ON COLUMN ledger.inspections.insert_batch_id IS 'The load batch (audit.load_batches) that inserted this row; NULL for a row inserted outside a load, whose values audit.changes recorded. Set by default, never changed.';

--
-- Name: management; Type: TABLE; Schema: ledger; Owner: propledger_owner
--

CREATE TABLE ledger.management (
    compound_code text NOT NULL,
    start_on date NOT NULL,
    district_code text NOT NULL,
    mode text NOT NULL,
    company_uscc text,
    basis text,
    fee_yuan_per_m2_month numeric(14,2),
    end_on date,
    insert_batch_id bigint DEFAULT (NULLIF(current_setting('propledger.load_batch'::text, true), ''::text))::bigint,
    CONSTRAINT management_basis_known CHECK ((basis = ANY (ARRAY['tender'::text, 'owners_vote'::text, 'appointed'::text, 'state_takeover'::text]))),
    CONSTRAINT management_company_matches_mode CHECK (((mode = 'company'::text) = (company_uscc IS NOT NULL))),
    CONSTRAINT management_end_not_before_start CHECK ((end_on >= start_on)),
    CONSTRAINT management_fee_plausible CHECK (((fee_yuan_per_m2_month >= (0)::numeric) AND (fee_yuan_per_m2_month <= (30)::numeric))),
    CONSTRAINT management_mode_known CHECK ((mode = ANY (ARRAY['company'::text, 'self_managed'::text, 'fallback'::text])))
);

ALTER TABLE ONLY ledger.management FORCE ROW LEVEL SECURITY;

ALTER TABLE ledger.management OWNER TO propledger_owner;

--
-- Name: TABLE management; Type: COMMENT; Schema: ledger; Owner: propledger_owner
--

COMMENT ON TABLE ledger.management IS 'Management period of a compound, start_on..end_on inclusive: a company, the owners (self_managed) or the community (fallback). Load kind: management.';

--
-- Name: COLUMN management.insert_batch_id; Type: COMMENT; Schema: ledger; Owner: propledger_owner
--

COMMENT ON COLUMN ledger.management.insert_batch_id IS 'The load batch (audit.load_batches) that inserted this row; NULL for a row inserted outside a load, whose values audit.changes recorded. Set by default, never changed.';

--
-- Name: owners; Type: TABLE; Schema: ledger; Owner: propledger_owner
--

CREATE TABLE ledger.owners (
    compound_code text NOT NULL,
    building text NOT NULL,
    unit_no text NOT NULL,
    owner_key text NOT NULL,
    district_code text NOT NULL,
    owner_kind text NOT NULL,
    since_on date NOT NULL,
    until_on date,
    insert_batch_id bigint DEFAULT (NULLIF(current_setting('propledger.load_batch'::text, true), ''::text))::bigint,
    CONSTRAINT owners_owner_key_not_a_citizen_id CHECK ((NOT ledger.is_citizen_id(owner_key))),
    CONSTRAINT owners_owner_key_not_blank CHECK ((btrim(owner_key) <> ''::text)),
    CONSTRAINT owners_owner_kind_known CHECK ((owner_kind = ANY (ARRAY['person'::text, 'entity'::text, 'developer'::text]))),
    CONSTRAINT owners_until_not_before_since CHECK ((until_on >= since_on))
);

ALTER TABLE ONLY ledger.owners FORCE ROW LEVEL SECURITY;

ALTER TABLE ledger.owners OWNER TO propledger_owner;

--
-- Name: TABLE owners; Type: COMMENT; Schema: ledger; Owner: propledger_owner
--

COMMENT ON TABLE ledger.owners IS 'Who owns each unit over time (since_on..until_on inclusive; NULL = still); owner_kind developer = units the developer still holds. Pseudonymous keys are personal information: only the owner role and the district''s loaders see them. Load kind: owners.';

--
-- Name: COLUMN owners.insert_batch_id; Type: COMMENT; Schema: ledger; Owner: propledger_owner
--

COMMENT ON COLUMN ledger.owners.insert_batch_id IS 'The load batch (audit.load_batches) that inserted this row; NULL for a row inserted outside a load, whose values audit.changes recorded. Set by default, never changed.';

--
-- Name: CONSTRAINT owners_owner_key_not_a_citizen_id ON owners; Type: COMMENT; Schema: ledger; Owner: propledger_owner
--

COMMENT ON CONSTRAINT owners_owner_key_not_a_citizen_id ON ledger.owners IS 'an owner_key is never a citizen ID number: use a property-certificate number or a pseudonym (SPEC §7; PIPL Art. 6, 51)';

--
-- Name: party_orgs; Type: TABLE; Schema: ledger; Owner: propledger_owner
--

CREATE TABLE ledger.party_orgs (
    host_type text NOT NULL,
    host_key text NOT NULL,
    established_on date NOT NULL,
    district_code text NOT NULL,
    form text NOT NULL,
    formal_members integer NOT NULL,
    dissolved_on date,
    host_compound_code text GENERATED ALWAYS AS (
CASE
    WHEN (host_type = 'committee'::text) THEN host_key
    ELSE NULL::text
END) STORED,
    host_company_uscc text GENERATED ALWAYS AS (
CASE
    WHEN (host_type = 'company'::text) THEN host_key
    ELSE NULL::text
END) STORED,
    insert_batch_id bigint DEFAULT (NULLIF(current_setting('propledger.load_batch'::text, true), ''::text))::bigint,
    CONSTRAINT party_orgs_dissolved_not_before_established CHECK ((dissolved_on >= established_on)),
    CONSTRAINT party_orgs_form_known CHECK ((form = ANY (ARRAY['branch'::text, 'joint_branch'::text, 'working_group'::text]))),
    CONSTRAINT party_orgs_formal_members_enough_for_form CHECK ((formal_members >=
CASE
    WHEN (form = ANY (ARRAY['branch'::text, 'joint_branch'::text])) THEN 3
    ELSE 1
END)),
    CONSTRAINT party_orgs_host_type_known CHECK ((host_type = ANY (ARRAY['committee'::text, 'company'::text])))
);

ALTER TABLE ONLY ledger.party_orgs FORCE ROW LEVEL SECURITY;

ALTER TABLE ledger.party_orgs OWNER TO propledger_owner;

--
-- Name: TABLE party_orgs; Type: COMMENT; Schema: ledger; Owner: propledger_owner
--

COMMENT ON TABLE ledger.party_orgs IS 'Party organisation hosted by a compound''s committee (host_key = compound_code) or a company (host_key = USCC); district_code = the host''s district. Load kind: party_orgs.';

--
-- Name: COLUMN party_orgs.insert_batch_id; Type: COMMENT; Schema: ledger; Owner: propledger_owner
--

COMMENT ON COLUMN ledger.party_orgs.insert_batch_id IS 'The load batch (audit.load_batches) that inserted this row; NULL for a row inserted outside a load, whose values audit.changes recorded. Set by default, never changed.';

--
-- Name: payments; Type: TABLE; Schema: ledger; Owner: propledger_owner
--

CREATE TABLE ledger.payments (
    voucher_no text NOT NULL,
    project_code text NOT NULL,
    district_code text NOT NULL,
    source text NOT NULL,
    payer text,
    paid_on date NOT NULL,
    amount_yuan numeric(14,2) NOT NULL,
    payer_company_uscc text GENERATED ALWAYS AS (
CASE
    WHEN (source = 'company'::text) THEN payer
    ELSE NULL::text
END) STORED,
    payer_co_building_unit text GENERATED ALWAYS AS (
CASE
    WHEN (source = 'co_building'::text) THEN payer
    ELSE NULL::text
END) STORED,
    insert_batch_id bigint DEFAULT (NULLIF(current_setting('propledger.load_batch'::text, true), ''::text))::bigint,
    CONSTRAINT payments_amount_positive CHECK ((amount_yuan > (0)::numeric)),
    CONSTRAINT payments_payer_matches_source CHECK (
CASE source
    WHEN 'company'::text THEN (payer IS NOT NULL)
    WHEN 'co_building'::text THEN (payer IS NOT NULL)
    WHEN 'government'::text THEN ((payer IS NULL) OR (payer = ANY (ARRAY['city'::text, 'district'::text, 'street'::text])))
    ELSE (payer IS NULL)
END),
    CONSTRAINT payments_source_known CHECK ((ledger.funding_source_rank(source) IS NOT NULL)),
    CONSTRAINT payments_voucher_not_blank CHECK ((btrim(voucher_no) <> ''::text))
);

ALTER TABLE ONLY ledger.payments FORCE ROW LEVEL SECURITY;

ALTER TABLE ledger.payments OWNER TO propledger_owner;

--
-- Name: TABLE payments; Type: COMMENT; Schema: ledger; Owner: propledger_owner
--

COMMENT ON TABLE ledger.payments IS 'Payment against a project by source and payer; beyond the committed share it is recorded and shown as overrun. Load kind: payments.';

--
-- Name: COLUMN payments.insert_batch_id; Type: COMMENT; Schema: ledger; Owner: propledger_owner
--

COMMENT ON COLUMN ledger.payments.insert_batch_id IS 'The load batch (audit.load_batches) that inserted this row; NULL for a row inserted outside a load, whose values audit.changes recorded. Set by default, never changed.';

--
-- Name: project_units; Type: VIEW; Schema: ledger; Owner: propledger_owner
--

CREATE VIEW ledger.project_units AS
 SELECT p.project_code,
    p.district_code,
    u.compound_code,
    u.building,
    u.unit_no,
    u.floor_area_m2
   FROM ((ledger.projects p
     CROSS JOIN LATERAL ( SELECT ledger.scope_building_list(p.scope_buildings) AS buildings
         OFFSET 0) s)
     JOIN ledger.units u ON ((u.compound_code = p.compound_code)))
  WHERE ((p.scope_buildings IS NULL) OR (u.building = ANY (s.buildings)));

ALTER TABLE ledger.project_units OWNER TO propledger_owner;

--
-- Name: VIEW project_units; Type: COMMENT; Schema: ledger; Owner: propledger_owner
--

COMMENT ON VIEW ledger.project_units IS 'Units in a project''s scope (whole compound when scope_buildings is NULL).';

--
-- Name: project_weights; Type: TABLE; Schema: ledger; Owner: propledger_owner
--

CREATE TABLE ledger.project_weights (
    project_code text NOT NULL,
    building text NOT NULL,
    unit_no text NOT NULL,
    district_code text NOT NULL,
    weight numeric(12,4) NOT NULL,
    insert_batch_id bigint DEFAULT (NULLIF(current_setting('propledger.load_batch'::text, true), ''::text))::bigint,
    CONSTRAINT project_weights_weight_not_negative CHECK ((weight >= (0)::numeric))
);

ALTER TABLE ONLY ledger.project_weights FORCE ROW LEVEL SECURITY;

ALTER TABLE ledger.project_weights OWNER TO propledger_owner;

--
-- Name: TABLE project_weights; Type: COMMENT; Schema: ledger; Owner: propledger_owner
--

COMMENT ON TABLE ledger.project_weights IS 'Agreed weight of a unit in a project''s apportionment (Civil Code Art. 283: a floor coefficient, an agreed share; 0 pays nothing). A project with weights gives every unit of its scope one, at least one > 0. Load kind: project_weights.';

--
-- Name: COLUMN project_weights.insert_batch_id; Type: COMMENT; Schema: ledger; Owner: propledger_owner
--

COMMENT ON COLUMN ledger.project_weights.insert_batch_id IS 'The load batch (audit.load_batches) that inserted this row; NULL for a row inserted outside a load, whose values audit.changes recorded. Set by default, never changed.';

--
-- Name: project_unit_weights; Type: VIEW; Schema: ledger; Owner: propledger_owner
--

CREATE VIEW ledger.project_unit_weights AS
 SELECT u.project_code,
    u.district_code,
    u.compound_code,
    u.building,
    u.unit_no,
    u.floor_area_m2,
    w.weight AS agreed_weight,
        CASE
            WHEN h.has_weights THEN COALESCE(w.weight, (0)::numeric)
            ELSE u.floor_area_m2
        END AS weight
   FROM ((ledger.project_units u
     CROSS JOIN LATERAL ( SELECT (EXISTS ( SELECT 1
                   FROM ledger.project_weights x
                  WHERE (x.project_code = u.project_code))) AS has_weights
         OFFSET 0) h)
     LEFT JOIN ledger.project_weights w ON (((w.project_code = u.project_code) AND (w.building = u.building) AND (w.unit_no = u.unit_no))));

ALTER TABLE ledger.project_unit_weights OWNER TO propledger_owner;

--
-- Name: VIEW project_unit_weights; Type: COMMENT; Schema: ledger; Owner: propledger_owner
--

COMMENT ON VIEW ledger.project_unit_weights IS 'Units in a project''s scope with the weight its shares are apportioned by: the agreed weight (project_weights) where the project has any, else the floor area (SPEC §2.3, §6).';

--
-- Name: rectifications; Type: TABLE; Schema: ledger; Owner: propledger_owner
--

CREATE TABLE ledger.rectifications (
    inspection_code text NOT NULL,
    item_no integer NOT NULL,
    district_code text NOT NULL,
    issue text NOT NULL,
    deadline date NOT NULL,
    closed_on date,
    insert_batch_id bigint DEFAULT (NULLIF(current_setting('propledger.load_batch'::text, true), ''::text))::bigint,
    CONSTRAINT rectifications_issue_not_blank CHECK ((btrim(issue) <> ''::text)),
    CONSTRAINT rectifications_item_no_positive CHECK ((item_no >= 1))
);

ALTER TABLE ONLY ledger.rectifications FORCE ROW LEVEL SECURITY;

ALTER TABLE ledger.rectifications OWNER TO propledger_owner;

--
-- Name: TABLE rectifications; Type: COMMENT; Schema: ledger; Owner: propledger_owner
--

COMMENT ON TABLE ledger.rectifications IS 'Rectification item ordered by an inspection, with deadline and closing date. Load kind: rectifications.';

--
-- Name: COLUMN rectifications.insert_batch_id; Type: COMMENT; Schema: ledger; Owner: propledger_owner
--

COMMENT ON COLUMN ledger.rectifications.insert_batch_id IS 'The load batch (audit.load_batches) that inserted this row; NULL for a row inserted outside a load, whose values audit.changes recorded. Set by default, never changed.';

--
-- Name: rules; Type: TABLE; Schema: ledger; Owner: propledger_owner
--

CREATE TABLE ledger.rules (
    jurisdiction text NOT NULL,
    parameter text NOT NULL,
    effective_from date NOT NULL,
    value_type text NOT NULL,
    value text,
    general boolean DEFAULT false NOT NULL,
    source_zh text NOT NULL,
    source_en text NOT NULL,
    insert_batch_id bigint DEFAULT (NULLIF(current_setting('propledger.load_batch'::text, true), ''::text))::bigint,
    CONSTRAINT rules_source_given CHECK (((source_zh <> ''::text) AND (source_en <> ''::text))),
    CONSTRAINT rules_value_fits_type CHECK (ledger.rule_value_fits(value_type, value))
);

ALTER TABLE ledger.rules OWNER TO propledger_owner;

--
-- Name: TABLE rules; Type: COMMENT; Schema: ledger; Owner: propledger_owner
--

COMMENT ON TABLE ledger.rules IS 'Rule parameters by jurisdiction and effective date, each citing its article (SPEC §10). value NULL = no such limit here; general = the text says 一般 (generally): exceeding it is a warning, not a refusal.';

--
-- Name: COLUMN rules.value_type; Type: COMMENT; Schema: ledger; Owner: propledger_owner
--

COMMENT ON COLUMN ledger.rules.value_type IS 'The parameter''s value type (ledger.rule_parameters), repeated so the CHECK can read it.';

--
-- Name: COLUMN rules.insert_batch_id; Type: COMMENT; Schema: ledger; Owner: propledger_owner
--

COMMENT ON COLUMN ledger.rules.insert_batch_id IS 'The load batch (audit.load_batches) that inserted this row; NULL for a row inserted outside a load, whose values audit.changes recorded. Set by default, never changed.';

--
-- Name: settings; Type: TABLE; Schema: ledger; Owner: propledger_owner
--

CREATE TABLE ledger.settings (
    key text NOT NULL,
    value numeric NOT NULL,
    note text,
    insert_batch_id bigint DEFAULT (NULLIF(current_setting('propledger.load_batch'::text, true), ''::text))::bigint
);

ALTER TABLE ledger.settings OWNER TO propledger_owner;

--
-- Name: TABLE settings; Type: COMMENT; Schema: ledger; Owner: propledger_owner
--

COMMENT ON TABLE ledger.settings IS 'Tunable numbers of the reports, e.g. the company score weights (SPEC §4).';

--
-- Name: COLUMN settings.insert_batch_id; Type: COMMENT; Schema: ledger; Owner: propledger_owner
--

COMMENT ON COLUMN ledger.settings.insert_batch_id IS 'The load batch (audit.load_batches) that inserted this row; NULL for a row inserted outside a load, whose values audit.changes recorded. Set by default, never changed.';

--
-- Name: surveys; Type: TABLE; Schema: ledger; Owner: propledger_owner
--

CREATE TABLE ledger.surveys (
    compound_code text NOT NULL,
    period text NOT NULL,
    district_code text NOT NULL,
    company_uscc text,
    respondents integer NOT NULL,
    satisfied integer NOT NULL,
    insert_batch_id bigint DEFAULT (NULLIF(current_setting('propledger.load_batch'::text, true), ''::text))::bigint,
    CONSTRAINT surveys_period_year_or_quarter CHECK ((period ~ '^[0-9]{4}(-Q[1-4])?$'::text)),
    CONSTRAINT surveys_respondents_positive CHECK ((respondents >= 1)),
    CONSTRAINT surveys_satisfied_within_respondents CHECK (((satisfied >= 0) AND (satisfied <= respondents)))
);

ALTER TABLE ONLY ledger.surveys FORCE ROW LEVEL SECURITY;

ALTER TABLE ledger.surveys OWNER TO propledger_owner;

--
-- Name: TABLE surveys; Type: COMMENT; Schema: ledger; Owner: propledger_owner
--

COMMENT ON TABLE ledger.surveys IS 'Satisfaction survey of a compound for a year (YYYY) or quarter (YYYY-Qn). Load kind: surveys.';

--
-- Name: COLUMN surveys.insert_batch_id; Type: COMMENT; Schema: ledger; Owner: propledger_owner
--

COMMENT ON COLUMN ledger.surveys.insert_batch_id IS 'The load batch (audit.load_batches) that inserted this row; NULL for a row inserted outside a load, whose values audit.changes recorded. Set by default, never changed.';

--
-- Name: votes; Type: TABLE; Schema: ledger; Owner: propledger_owner
--

CREATE TABLE ledger.votes (
    project_code text NOT NULL,
    matter text NOT NULL,
    held_on date NOT NULL,
    district_code text NOT NULL,
    total_area_m2 numeric(12,2),
    total_owners integer,
    participating_area_m2 numeric(12,2),
    participating_owners integer,
    approving_area_m2 numeric(12,2),
    approving_owners integer,
    insert_batch_id bigint DEFAULT (NULLIF(current_setting('propledger.load_batch'::text, true), ''::text))::bigint,
    CONSTRAINT votes_approving_within_participating CHECK (((approving_area_m2 <= participating_area_m2) AND (approving_owners <= participating_owners))),
    CONSTRAINT votes_counts_not_negative CHECK (((total_area_m2 > (0)::numeric) AND (total_owners >= 1) AND (participating_area_m2 >= (0)::numeric) AND (participating_owners >= 0) AND (approving_area_m2 >= (0)::numeric) AND (approving_owners >= 0))),
    CONSTRAINT votes_matter_known CHECK ((matter = ANY (ARRAY['use_fund'::text, 'raise_fund'::text, 'renovate'::text, 'change_use'::text, 'select_company'::text, 'elect_committee'::text, 'other'::text]))),
    CONSTRAINT votes_participating_within_total CHECK (((participating_area_m2 <= total_area_m2) AND (participating_owners <= total_owners))),
    CONSTRAINT votes_tally_whole_or_blank CHECK ((num_nulls(participating_area_m2, participating_owners, approving_area_m2, approving_owners) = ANY (ARRAY[0, 4])))
);

ALTER TABLE ONLY ledger.votes FORCE ROW LEVEL SECURITY;

ALTER TABLE ledger.votes OWNER TO propledger_owner;

--
-- Name: TABLE votes; Type: COMMENT; Schema: ledger; Owner: propledger_owner
--

COMMENT ON TABLE ledger.votes IS 'Owners'' vote on a matter of a project: the counts only; totals left blank are computed from the units in scope (owners counted under Interpretation Art. 9 from ledger.owners), a tally left blank from the vote''s ballots; the result by the law of held_on (see ledger.votes_evaluated).';

--
-- Name: COLUMN votes.insert_batch_id; Type: COMMENT; Schema: ledger; Owner: propledger_owner
--

COMMENT ON COLUMN ledger.votes.insert_batch_id IS 'The load batch (audit.load_batches) that inserted this row; NULL for a row inserted outside a load, whose values audit.changes recorded. Set by default, never changed.';

--
-- Name: votes_evaluated; Type: VIEW; Schema: ledger; Owner: propledger_owner
--

CREATE VIEW ledger.votes_evaluated AS
 WITH v AS (
         SELECT v.project_code,
            v.matter,
            v.held_on,
            v.district_code,
            v.total_area_m2,
            v.total_owners,
            v.participating_area_m2,
            v.participating_owners,
            v.approving_area_m2,
            v.approving_owners,
            p.compound_code,
            s.area AS scope_area_m2,
            s.owners AS scope_owners,
            s.registered,
            bl.ballots,
            bl.participating_area AS ballot_participating_area,
            bl.participating_owners AS ballot_participating_owners,
            bl.approving_area AS ballot_approving_area,
            bl.approving_owners AS ballot_approving_owners,
            COALESCE(v.total_area_m2, s.area) AS eff_total_area_m2,
            COALESCE(v.total_owners, s.owners) AS eff_total_owners,
            COALESCE(v.participating_area_m2, bl.participating_area) AS eff_participating_area_m2,
            COALESCE(v.participating_owners, bl.participating_owners) AS eff_participating_owners,
            COALESCE(v.approving_area_m2, bl.approving_area) AS eff_approving_area_m2,
            COALESCE(v.approving_owners, bl.approving_owners) AS eff_approving_owners
           FROM ((((ledger.votes v
             LEFT JOIN ledger.projects p ON ((p.project_code = v.project_code)))
             LEFT JOIN LATERAL ( SELECT ledger.scope_building_list(p.scope_buildings) AS buildings
                 OFFSET 0) b ON (true))
             LEFT JOIN LATERAL ( SELECT (COALESCE(sum(u.floor_area_m2), (0)::numeric))::numeric(12,2) AS area,
                    (((count(DISTINCT o.owner_key) FILTER (WHERE (o.owner_kind <> 'developer'::text)) +
                        CASE
                            WHEN bool_or((o.owner_kind = 'developer'::text)) THEN 1
                            ELSE 0
                        END) + count(*) FILTER (WHERE (o.owner_key IS NULL))))::integer AS owners,
                    (count(o.owner_key) > 0) AS registered
                   FROM (ledger.units u
                     LEFT JOIN ( SELECT o_1.building,
                            o_1.unit_no,
                            o_1.owner_key,
                            o_1.owner_kind
                           FROM ledger.owners o_1
                          WHERE ((o_1.compound_code = p.compound_code) AND ((v.held_on >= o_1.since_on) AND (v.held_on <= COALESCE(o_1.until_on, 'infinity'::date))))
                         OFFSET 0) o ON (((o.building = u.building) AND (o.unit_no = u.unit_no))))
                  WHERE (((v.total_area_m2 IS NULL) OR (v.total_owners IS NULL)) AND (u.compound_code = p.compound_code) AND ((p.scope_buildings IS NULL) OR (u.building = ANY (b.buildings))))) s ON (true))
             LEFT JOIN LATERAL ( SELECT count(*) AS ballots,
                    (COALESCE(sum(a.area), (0)::numeric))::numeric(12,2) AS participating_area,
                    (count(*))::integer AS participating_owners,
                    (COALESCE(sum(a.area) FILTER (WHERE (x.choice = 'agree'::text)), (0)::numeric))::numeric(12,2) AS approving_area,
                    (count(*) FILTER (WHERE (x.choice = 'agree'::text)))::integer AS approving_owners
                   FROM (ledger.ballots x
                     LEFT JOIN ( SELECT o.owner_key,
                            sum(u.floor_area_m2) AS area
                           FROM (( SELECT o_1.building,
                                    o_1.unit_no,
                                    o_1.owner_key
                                   FROM ledger.owners o_1
                                  WHERE ((o_1.compound_code = p.compound_code) AND ((v.held_on >= o_1.since_on) AND (v.held_on <= COALESCE(o_1.until_on, 'infinity'::date))))
                                 OFFSET 0) o
                             JOIN ( SELECT u_1.building,
                                    u_1.unit_no,
                                    u_1.floor_area_m2
                                   FROM ledger.units u_1
                                  WHERE ((u_1.compound_code = p.compound_code) AND ((p.scope_buildings IS NULL) OR (u_1.building = ANY (b.buildings))))
                                 OFFSET 0) u ON (((u.building = o.building) AND (u.unit_no = o.unit_no))))
                          GROUP BY o.owner_key) a ON ((a.owner_key = x.owner_key)))
                  WHERE ((x.project_code = v.project_code) AND (x.matter = v.matter) AND (x.held_on = v.held_on))) bl ON (true))
        ), checked AS (
         SELECT v.project_code,
            v.matter,
            v.held_on,
            v.district_code,
            v.total_area_m2,
            v.total_owners,
            v.participating_area_m2,
            v.participating_owners,
            v.approving_area_m2,
            v.approving_owners,
            v.compound_code,
            v.scope_area_m2,
            v.scope_owners,
            v.registered,
            v.ballots,
            v.ballot_participating_area,
            v.ballot_participating_owners,
            v.ballot_approving_area,
            v.ballot_approving_owners,
            v.eff_total_area_m2,
            v.eff_total_owners,
            v.eff_participating_area_m2,
            v.eff_participating_owners,
            v.eff_approving_area_m2,
            v.eff_approving_owners,
            COALESCE(((v.eff_total_owners > 0) AND (v.eff_participating_area_m2 <= v.eff_total_area_m2) AND (v.eff_participating_owners <= v.eff_total_owners) AND (v.eff_approving_area_m2 <= v.eff_participating_area_m2) AND (v.eff_approving_owners <= v.eff_participating_owners)), false) AS counts_possible
           FROM v
        ), judged AS (
         SELECT c_1.project_code,
            c_1.matter,
            c_1.held_on,
            c_1.district_code,
            c_1.total_area_m2,
            c_1.total_owners,
            c_1.participating_area_m2,
            c_1.participating_owners,
            c_1.approving_area_m2,
            c_1.approving_owners,
            c_1.compound_code,
            c_1.scope_area_m2,
            c_1.scope_owners,
            c_1.registered,
            c_1.ballots,
            c_1.ballot_participating_area,
            c_1.ballot_participating_owners,
            c_1.ballot_approving_area,
            c_1.ballot_approving_owners,
            c_1.eff_total_area_m2,
            c_1.eff_total_owners,
            c_1.eff_participating_area_m2,
            c_1.eff_participating_owners,
            c_1.eff_approving_area_m2,
            c_1.eff_approving_owners,
            c_1.counts_possible,
            l.law,
            l.quorum,
            l.approval_base,
            l.special_matters,
            l.special_approval,
            l.ordinary_approval,
            (c_1.counts_possible AND (l.law IS NOT NULL)) AS evaluable
           FROM (checked c_1
             LEFT JOIN ledger.vote_laws l ON (((l.valid_from <= c_1.held_on) AND ((l.valid_until IS NULL) OR (c_1.held_on < l.valid_until)))))
        )
 SELECT c.project_code,
    c.matter,
    c.held_on,
    c.district_code,
    c.eff_total_area_m2 AS total_area_m2,
    c.eff_total_owners AS total_owners,
    (c.total_area_m2 IS NULL) AS total_area_computed,
    (c.total_owners IS NULL) AS total_owners_computed,
    c.eff_participating_area_m2 AS participating_area_m2,
    c.eff_participating_owners AS participating_owners,
    c.eff_approving_area_m2 AS approving_area_m2,
    c.eff_approving_owners AS approving_owners,
    c.counts_possible,
        CASE
            WHEN c.evaluable THEN e.quorum_area_met
            ELSE NULL::boolean
        END AS quorum_area_met,
        CASE
            WHEN c.evaluable THEN e.quorum_owners_met
            ELSE NULL::boolean
        END AS quorum_owners_met,
        CASE
            WHEN c.evaluable THEN e.approval_area_met
            ELSE NULL::boolean
        END AS approval_area_met,
        CASE
            WHEN c.evaluable THEN e.approval_owners_met
            ELSE NULL::boolean
        END AS approval_owners_met,
        CASE
            WHEN c.evaluable THEN e.passed
            ELSE NULL::boolean
        END AS passed,
    c.law,
        CASE
            WHEN (c.participating_owners IS NULL) THEN 'ballots'::text
            WHEN (c.total_owners IS NOT NULL) THEN 'typed'::text
            WHEN c.registered THEN 'owners'::text
            ELSE 'units'::text
        END AS counted_from,
    c.ballots,
    ((c.ballots > 0) AND (c.participating_owners IS NOT NULL) AND ((((c.participating_area_m2 IS DISTINCT FROM c.ballot_participating_area) OR (c.participating_owners IS DISTINCT FROM c.ballot_participating_owners)) OR (c.approving_area_m2 IS DISTINCT FROM c.ballot_approving_area)) OR (c.approving_owners IS DISTINCT FROM c.ballot_approving_owners))) AS ballots_disagree,
    c.ballot_participating_area,
    c.ballot_participating_owners,
    c.ballot_approving_area,
    c.ballot_approving_owners
   FROM (judged c
     CROSS JOIN LATERAL ledger.vote_evaluate_under(c.matter,
        CASE
            WHEN c.evaluable THEN c.quorum
            ELSE NULL::text
        END,
        CASE
            WHEN c.evaluable THEN c.approval_base
            ELSE 'participating'::text
        END,
        CASE
            WHEN c.evaluable THEN c.special_matters
            ELSE ''::text
        END,
        CASE
            WHEN c.evaluable THEN c.special_approval
            ELSE '>1/2'::text
        END,
        CASE
            WHEN c.evaluable THEN c.ordinary_approval
            ELSE '>1/2'::text
        END,
        CASE
            WHEN c.evaluable THEN c.eff_total_area_m2
            ELSE (1)::numeric
        END,
        CASE
            WHEN c.evaluable THEN c.eff_total_owners
            ELSE 1
        END,
        CASE
            WHEN c.evaluable THEN c.eff_participating_area_m2
            ELSE (1)::numeric
        END,
        CASE
            WHEN c.evaluable THEN c.eff_participating_owners
            ELSE 1
        END,
        CASE
            WHEN c.evaluable THEN c.eff_approving_area_m2
            ELSE (1)::numeric
        END,
        CASE
            WHEN c.evaluable THEN c.eff_approving_owners
            ELSE 1
        END) e(quorum_area_met, quorum_owners_met, approval_area_met, approval_owners_met, passed));

ALTER TABLE ledger.votes_evaluated OWNER TO propledger_owner;

--
-- Name: VIEW votes_evaluated; Type: COMMENT; Schema: ledger; Owner: propledger_owner
--

COMMENT ON VIEW ledger.votes_evaluated IS 'Votes with blank totals computed from the units in scope (area sum; owners under Interpretation Art. 9 from ledger.owners), blank tallies from ballots, and the result under the law in force on held_on (law: property_law_76 or civil_code_278, from ledger.vote_laws); counted_from = ballots / owners / units / typed.';

--
-- Name: apportionment; Type: VIEW; Schema: report; Owner: propledger_owner
--

CREATE VIEW report.apportionment AS
 WITH share AS (
         SELECT f.project_code,
            sum(f.committed_yuan) AS share_yuan
           FROM ledger.funding_amounts f
          WHERE (f.source = ANY (ARRAY['owners'::text, 'maintenance_fund'::text]))
          GROUP BY f.project_code
        ), scope AS (
         SELECT u.project_code,
            u.district_code,
            array_agg(u.building ORDER BY (ledger.natural_key(u.building)), (ledger.natural_key(u.unit_no))) AS buildings,
            array_agg(u.unit_no ORDER BY (ledger.natural_key(u.building)), (ledger.natural_key(u.unit_no))) AS unit_nos,
            array_agg(u.floor_area_m2 ORDER BY (ledger.natural_key(u.building)), (ledger.natural_key(u.unit_no))) AS areas,
            array_agg(u.agreed_weight ORDER BY (ledger.natural_key(u.building)), (ledger.natural_key(u.unit_no))) AS agreed,
            array_agg(u.weight ORDER BY (ledger.natural_key(u.building)), (ledger.natural_key(u.unit_no))) AS weights
           FROM ledger.project_unit_weights u
          GROUP BY u.project_code, u.district_code
        )
 SELECT s.project_code,
    s.district_code,
    x."position",
    x.building,
    x.unit_no,
    x.floor_area_m2,
    x.weight,
    (COALESCE(sh.share_yuan, (0)::numeric))::numeric(14,2) AS share_yuan,
    (x.amount_yuan)::numeric(14,2) AS amount_yuan
   FROM ((scope s
     LEFT JOIN share sh ON ((sh.project_code = s.project_code)))
     CROSS JOIN LATERAL UNNEST(s.buildings, s.unit_nos, s.areas, s.agreed, ledger.allocate_weights(COALESCE(sh.share_yuan, (0)::numeric), s.weights)) WITH ORDINALITY x(building, unit_no, floor_area_m2, weight, amount_yuan, "position"));

ALTER TABLE report.apportionment OWNER TO propledger_owner;

--
-- Name: VIEW apportionment; Type: COMMENT; Schema: report; Owner: propledger_owner
--

COMMENT ON VIEW report.apportionment IS 'Per project and unit in scope: the owners'' + maintenance-fund share apportioned by agreed weight (weight; NULL when the project has none) or else floor area, exact to the fen (SPEC §2.3, §6).';

--
-- Name: clearance_cases; Type: VIEW; Schema: report; Owner: propledger_owner
--

CREATE VIEW report.clearance_cases AS
 SELECT k.compound_code,
    k.identified_on,
    k.district_code,
    c.street_code,
    c.community_code,
    c.community_type,
    k.target_on,
    k.resolution,
    k.resolved_on,
    k.note,
    e.mode AS expected_mode,
        CASE
            WHEN (k.resolution IS NOT NULL) THEN (v.start_on IS NOT NULL)
            ELSE NULL::boolean
        END AS verified,
    v.start_on AS verifying_period_start_on
   FROM (((ledger.clearance k
     JOIN report.compounds c ON ((c.compound_code = k.compound_code)))
     CROSS JOIN LATERAL ( SELECT
                CASE k.resolution
                    WHEN 'company_takeover'::text THEN 'company'::text
                    WHEN 'self_management'::text THEN 'self_managed'::text
                    WHEN 'community_fallback'::text THEN 'fallback'::text
                    ELSE NULL::text
                END AS mode) e)
     LEFT JOIN LATERAL ( SELECT m.start_on
           FROM ledger.management m
          WHERE (((ROW(m.compound_code, m.start_on) >= ROW(k.compound_code, '-infinity'::date)) AND (ROW(m.compound_code, m.start_on) <= ROW(k.compound_code, (k.resolved_on + 30)))) AND (m.mode = e.mode) AND (COALESCE(m.end_on, 'infinity'::date) >= k.resolved_on))
          ORDER BY m.start_on
         LIMIT 1) v ON (true));

ALTER TABLE report.clearance_cases OWNER TO propledger_owner;

--
-- Name: VIEW clearance_cases; Type: COMMENT; Schema: report; Owner: propledger_owner
--

COMMENT ON VIEW report.clearance_cases IS 'Clearance cases with verified (true/false; NULL while open) per SPEC §2.9 and the verifying period.';

--
-- Name: committee_findings; Type: VIEW; Schema: report; Owner: propledger_owner
--

CREATE VIEW report.committee_findings AS
 SELECT c.compound_code,
    c.kind,
    c.term_start,
    c.term_end,
    c.members,
    c.rule,
    c.refusal,
    c.message,
    c.source_zh,
    c.source_en
   FROM ledger.committee_checks c;

ALTER TABLE report.committee_findings OWNER TO propledger_owner;

--
-- Name: VIEW committee_findings; Type: COMMENT; Schema: report; Owner: propledger_owner
--

COMMENT ON VIEW report.committee_findings IS 'Committees that break a size or term rule of their jurisdiction as of term_start (refusal) or exceed a 一般 limit (warning).';

--
-- Name: committees; Type: VIEW; Schema: report; Owner: propledger_owner
--

CREATE VIEW report.committees AS
 SELECT k.compound_code,
    k.district_code,
    k.term_start,
    k.term_end,
    k.kind,
    k.members,
    k.party_members,
    k.public_servant_members
   FROM ledger.committees k;

ALTER TABLE report.committees OWNER TO propledger_owner;

--
-- Name: VIEW committees; Type: COMMENT; Schema: report; Owner: propledger_owner
--

COMMENT ON VIEW report.committees IS 'Owners'' organisations, every term.';

--
-- Name: companies; Type: VIEW; Schema: report; Owner: propledger_owner
--

CREATE VIEW report.companies AS
 SELECT co.uscc,
    co.name,
    co.ownership,
    co.district_code
   FROM ledger.companies co;

ALTER TABLE report.companies OWNER TO propledger_owner;

--
-- Name: VIEW companies; Type: COMMENT; Schema: report; Owner: propledger_owner
--

COMMENT ON VIEW report.companies IS 'Companies (reference registry, readable city-wide).';

--
-- Name: complaints; Type: VIEW; Schema: report; Owner: propledger_owner
--

CREATE VIEW report.complaints AS
 SELECT k.complaint_code,
    k.compound_code,
    k.district_code,
    k.company_uscc,
    k.received_on,
    k.category,
    k.resolved_on
   FROM ledger.complaints k;

ALTER TABLE report.complaints OWNER TO propledger_owner;

--
-- Name: VIEW complaints; Type: COMMENT; Schema: report; Owner: propledger_owner
--

COMMENT ON VIEW report.complaints IS 'Complaints.';

--
-- Name: fund_compounds_kept; Type: TABLE; Schema: staging; Owner: propledger_owner
--

CREATE TABLE staging.fund_compounds_kept (
    compound_code text NOT NULL,
    district_code text NOT NULL,
    last_posted_on date NOT NULL,
    first_deposits numeric NOT NULL,
    top_ups numeric NOT NULL,
    refunds numeric NOT NULL,
    interest numeric NOT NULL,
    draws numeric NOT NULL,
    owed numeric NOT NULL,
    balance numeric NOT NULL,
    units_below_threshold bigint NOT NULL,
    units_owing bigint NOT NULL,
    emergency_draws numeric NOT NULL,
    topup_threshold text,
    topup_base text,
    topup_default_target text
);

ALTER TABLE ONLY staging.fund_compounds_kept FORCE ROW LEVEL SECURITY;

ALTER TABLE staging.fund_compounds_kept OWNER TO propledger_owner;

--
-- Name: TABLE fund_compounds_kept; Type: COMMENT; Schema: staging; Owner: propledger_owner
--

COMMENT ON TABLE staging.fund_compounds_kept IS 'Per compound with kept postings: the sums of its staging.fund_units_kept rows, the units below the threshold and owing, and the rule values they were judged by; current for every compound not in staging.fund_stale. Written only by ledger.refresh_kept.';

--
-- Name: fund_compounds_kept; Type: VIEW; Schema: report; Owner: propledger_owner
--

CREATE VIEW report.fund_compounds_kept AS
 SELECT k.compound_code,
    k.district_code,
    k.last_posted_on,
    k.first_deposits,
    k.top_ups,
    k.refunds,
    k.interest,
    k.draws,
    k.owed,
    k.balance,
    k.units_below_threshold,
    k.units_owing,
    k.emergency_draws,
    k.topup_threshold,
    k.topup_base,
    k.topup_default_target
   FROM staging.fund_compounds_kept k;

ALTER TABLE report.fund_compounds_kept OWNER TO propledger_owner;

--
-- Name: VIEW fund_compounds_kept; Type: COMMENT; Schema: report; Owner: propledger_owner
--

COMMENT ON VIEW report.fund_compounds_kept IS 'The kept compound totals (sums of report.fund_units_kept, units below the threshold and owing; migration 036).';

--
-- Name: fund_deposits; Type: VIEW; Schema: report; Owner: propledger_owner
--

CREATE VIEW report.fund_deposits AS
 SELECT d.voucher_no,
    d.compound_code,
    d.building,
    d.unit_no,
    d.district_code,
    d.kind,
    d.deposited_on,
    d.amount_yuan
   FROM ledger.fund_deposits d;

ALTER TABLE report.fund_deposits OWNER TO propledger_owner;

--
-- Name: VIEW fund_deposits; Type: COMMENT; Schema: report; Owner: propledger_owner
--

COMMENT ON VIEW report.fund_deposits IS 'Per-unit fund postings as loaded (fund_deposits).';

--
-- Name: fund_draws; Type: VIEW; Schema: report; Owner: propledger_owner
--

CREATE VIEW report.fund_draws AS
 SELECT y.voucher_no,
    y.project_code,
    y.district_code,
    p.compound_code,
    y.paid_on,
    y.amount_yuan,
    p.emergency,
    p.emergency_category,
    p.emergency_reason,
    p.emergency_applicant,
    p.emergency_confirmed_by,
    p.emergency_confirmed_on
   FROM (ledger.payments y
     JOIN ledger.projects p ON ((p.project_code = y.project_code)))
  WHERE (y.source = 'maintenance_fund'::text);

ALTER TABLE report.fund_draws OWNER TO propledger_owner;

--
-- Name: VIEW fund_draws; Type: COMMENT; Schema: report; Owner: propledger_owner
--

COMMENT ON VIEW report.fund_draws IS 'Maintenance-fund payments (draws on the fund) with their project''s compound and emergency record.';

--
-- Name: fund_interest; Type: VIEW; Schema: report; Owner: propledger_owner
--

CREATE VIEW report.fund_interest AS
 SELECT i.compound_code,
    i.posted_on,
    i.district_code,
    i.amount_yuan
   FROM ledger.fund_interest i;

ALTER TABLE report.fund_interest OWNER TO propledger_owner;

--
-- Name: VIEW fund_interest; Type: COMMENT; Schema: report; Owner: propledger_owner
--

COMMENT ON VIEW report.fund_interest IS 'Compound-level interest as loaded (fund_interest).';

--
-- Name: fund_units_kept; Type: TABLE; Schema: staging; Owner: propledger_owner
--

CREATE TABLE staging.fund_units_kept (
    compound_code text NOT NULL,
    building text NOT NULL,
    unit_no text NOT NULL,
    district_code text NOT NULL,
    pos integer NOT NULL,
    last_posted_on date NOT NULL,
    first_deposits numeric NOT NULL,
    top_ups numeric NOT NULL,
    refunds numeric NOT NULL,
    interest numeric NOT NULL,
    draws numeric NOT NULL,
    owed numeric NOT NULL,
    balance numeric NOT NULL,
    emergency_draws numeric NOT NULL,
    below_threshold boolean NOT NULL,
    below_since date,
    topped_up boolean,
    topup_threshold text,
    topup_base text,
    topup_default_target text
);

ALTER TABLE ONLY staging.fund_units_kept FORCE ROW LEVEL SECURITY;

ALTER TABLE staging.fund_units_kept OWNER TO propledger_owner;

--
-- Name: TABLE fund_units_kept; Type: COMMENT; Schema: staging; Owner: propledger_owner
--

COMMENT ON TABLE staging.fund_units_kept IS 'Per unit of every compound with kept postings: the totals of report.fund_units_compute (pos: natural order within the compound), the compound''s last posting day, the top-up judgement and the rule values it was judged by; current for every compound not in staging.fund_stale. Written only by ledger.refresh_kept.';

--
-- Name: fund_units_kept; Type: VIEW; Schema: report; Owner: propledger_owner
--

CREATE VIEW report.fund_units_kept AS
 SELECT k.compound_code,
    k.building,
    k.unit_no,
    k.district_code,
    k.pos,
    k.last_posted_on,
    k.first_deposits,
    k.top_ups,
    k.refunds,
    k.interest,
    k.draws,
    k.owed,
    k.balance,
    k.emergency_draws,
    k.below_threshold,
    k.below_since,
    k.topped_up,
    k.topup_threshold,
    k.topup_base,
    k.topup_default_target
   FROM staging.fund_units_kept k;

ALTER TABLE report.fund_units_kept OWNER TO propledger_owner;

--
-- Name: VIEW fund_units_kept; Type: COMMENT; Schema: report; Owner: propledger_owner
--

COMMENT ON VIEW report.fund_units_kept IS 'The kept unit totals and judgements (migration 036); current where report.fund_kept_current says so.';

--
-- Name: funding_committed; Type: VIEW; Schema: report; Owner: propledger_owner
--

CREATE VIEW report.funding_committed AS
 SELECT f.project_code,
    f.district_code,
    f.source,
    f.payer,
    f.amount_yuan,
    f.percent,
    f.committed_yuan
   FROM ledger.funding_amounts f;

ALTER TABLE report.funding_committed OWNER TO propledger_owner;

--
-- Name: VIEW funding_committed; Type: COMMENT; Schema: report; Owner: propledger_owner
--

COMMENT ON VIEW report.funding_committed IS 'Every funding share as an amount (committed_yuan), percent shares split by largest remainder.';

--
-- Name: inspections; Type: VIEW; Schema: report; Owner: propledger_owner
--

CREATE VIEW report.inspections AS
 SELECT i.inspection_code,
    i.compound_code,
    i.district_code,
    i.company_uscc,
    i.inspected_on,
    i.inspector,
    i.score
   FROM ledger.inspections i;

ALTER TABLE report.inspections OWNER TO propledger_owner;

--
-- Name: VIEW inspections; Type: COMMENT; Schema: report; Owner: propledger_owner
--

COMMENT ON VIEW report.inspections IS 'Inspections.';

--
-- Name: load_batches; Type: VIEW; Schema: report; Owner: propledger_owner
--

CREATE VIEW report.load_batches AS
 SELECT b.id,
    b.started_at,
    b.finished_at,
    b.db_user,
    b.application_name,
    b.kind,
    b.file_name,
    b.sha256,
    b.rows,
    b.inserted,
    b.updated,
    b.unchanged,
    b.rejected,
    b.deleted,
    b.status
   FROM audit.load_batches b;

ALTER TABLE report.load_batches OWNER TO propledger_owner;

--
-- Name: VIEW load_batches; Type: COMMENT; Schema: report; Owner: propledger_owner
--

COMMENT ON VIEW report.load_batches IS 'Load batches (propledger report loads).';

--
-- Name: management_periods; Type: VIEW; Schema: report; Owner: propledger_owner
--

CREATE VIEW report.management_periods AS
 SELECT m.compound_code,
    m.district_code,
    m.start_on,
    m.end_on,
    m.mode,
    m.company_uscc,
    co.name AS company_name,
    m.basis,
    m.fee_yuan_per_m2_month
   FROM (ledger.management m
     LEFT JOIN ledger.companies co ON ((co.uscc = m.company_uscc)));

ALTER TABLE report.management_periods OWNER TO propledger_owner;

--
-- Name: VIEW management_periods; Type: COMMENT; Schema: report; Owner: propledger_owner
--

COMMENT ON VIEW report.management_periods IS 'Management periods (start_on..end_on inclusive) with the company name.';

--
-- Name: party_orgs; Type: VIEW; Schema: report; Owner: propledger_owner
--

CREATE VIEW report.party_orgs AS
 SELECT o.host_type,
    o.host_key,
    o.district_code,
    o.established_on,
    o.dissolved_on,
    o.form,
    o.formal_members,
    COALESCE(c.name, co.name) AS host_name
   FROM ((ledger.party_orgs o
     LEFT JOIN ledger.compounds c ON ((c.compound_code = o.host_compound_code)))
     LEFT JOIN ledger.companies co ON ((co.uscc = o.host_company_uscc)));

ALTER TABLE report.party_orgs OWNER TO propledger_owner;

--
-- Name: VIEW party_orgs; Type: COMMENT; Schema: report; Owner: propledger_owner
--

COMMENT ON VIEW report.party_orgs IS 'Party organisations, every one, with the host''s name (compound or company).';

--
-- Name: payments; Type: VIEW; Schema: report; Owner: propledger_owner
--

CREATE VIEW report.payments AS
 SELECT p.voucher_no,
    p.project_code,
    p.district_code,
    p.source,
    p.payer,
    p.paid_on,
    p.amount_yuan
   FROM ledger.payments p;

ALTER TABLE report.payments OWNER TO propledger_owner;

--
-- Name: VIEW payments; Type: COMMENT; Schema: report; Owner: propledger_owner
--

COMMENT ON VIEW report.payments IS 'Payments against projects.';

--
-- Name: project_sources; Type: VIEW; Schema: report; Owner: propledger_owner
--

CREATE VIEW report.project_sources AS
 SELECT x.project_code,
    x.district_code,
    x.source,
    x.payer,
    (x.committed)::numeric(14,2) AS committed_yuan,
    (x.paid)::numeric(14,2) AS paid_yuan,
    (x.outstanding)::numeric(14,2) AS outstanding_yuan,
    (x.overrun)::numeric(14,2) AS overrun_yuan
   FROM report.project_shares_as_of('infinity'::date) x(project_code, district_code, source, payer, committed, paid, outstanding, overrun);

ALTER TABLE report.project_sources OWNER TO propledger_owner;

--
-- Name: VIEW project_sources; Type: COMMENT; Schema: report; Owner: propledger_owner
--

COMMENT ON VIEW report.project_sources IS 'Per project, source and payer: committed, paid, outstanding and overrun yuan.';

--
-- Name: project_totals_kept; Type: TABLE; Schema: staging; Owner: propledger_owner
--

CREATE TABLE staging.project_totals_kept (
    project_code text NOT NULL,
    district_code text NOT NULL,
    government numeric,
    company numeric,
    maintenance_fund numeric,
    owners numeric,
    co_building numeric,
    community_fund numeric,
    committed numeric,
    paid numeric,
    outstanding numeric,
    overrun numeric,
    last_paid_on date,
    votes bigint NOT NULL,
    passed bigint NOT NULL,
    last_held_on date
);

ALTER TABLE ONLY staging.project_totals_kept FORCE ROW LEVEL SECURITY;

ALTER TABLE staging.project_totals_kept OWNER TO propledger_owner;

--
-- Name: TABLE project_totals_kept; Type: COMMENT; Schema: staging; Owner: propledger_owner
--

COMMENT ON TABLE staging.project_totals_kept IS 'Per project: the sums of its kept shares (committed per source and in all, paid, outstanding, overrun; the shares a report shows once every payment is made) and its kept votes (how many, how many passed), with the days of its last payment and last vote; current for every project not in staging.projects_stale. Written only by ledger.keep_project_totals.';

--
-- Name: project_totals_kept; Type: VIEW; Schema: report; Owner: propledger_owner
--

CREATE VIEW report.project_totals_kept AS
 SELECT t.project_code,
    t.district_code,
    t.government,
    t.company,
    t.maintenance_fund,
    t.owners,
    t.co_building,
    t.community_fund,
    t.committed,
    t.paid,
    t.outstanding,
    t.overrun,
    t.last_paid_on,
    t.votes,
    t.passed,
    t.last_held_on
   FROM staging.project_totals_kept t;

ALTER TABLE report.project_totals_kept OWNER TO propledger_owner;

--
-- Name: VIEW project_totals_kept; Type: COMMENT; Schema: report; Owner: propledger_owner
--

COMMENT ON VIEW report.project_totals_kept IS 'The kept totals of each project (migration 037): its shares summed (committed per source and in all, paid, outstanding, overrun) and its votes counted, with its last payment''s and last vote''s days; the answer for an --as-of on or after both when the project is not in report.projects_stale.';

--
-- Name: project_unit_weights; Type: VIEW; Schema: report; Owner: propledger_owner
--

CREATE VIEW report.project_unit_weights AS
 SELECT w.project_code,
    w.district_code,
    w.compound_code,
    w.building,
    w.unit_no,
    w.floor_area_m2,
    w.agreed_weight,
    w.weight
   FROM ledger.project_unit_weights w;

ALTER TABLE report.project_unit_weights OWNER TO propledger_owner;

--
-- Name: VIEW project_unit_weights; Type: COMMENT; Schema: report; Owner: propledger_owner
--

COMMENT ON VIEW report.project_unit_weights IS 'Units in each project''s scope with the weight its shares are apportioned by (agreed weight, else floor area).';

--
-- Name: projects_stale; Type: TABLE; Schema: staging; Owner: propledger_owner
--

CREATE TABLE staging.projects_stale (
    project_code text NOT NULL,
    district_code text NOT NULL,
    marked_at timestamp with time zone DEFAULT now() NOT NULL
);

ALTER TABLE ONLY staging.projects_stale FORCE ROW LEVEL SECURITY;

ALTER TABLE staging.projects_stale OWNER TO propledger_owner;

--
-- Name: TABLE projects_stale; Type: COMMENT; Schema: staging; Owner: propledger_owner
--

COMMENT ON TABLE staging.projects_stale IS 'Projects whose kept votes and shares are out of date (marked by the triggers of the facts they are computed from); reports compute these live until ledger.refresh_kept.';

--
-- Name: votes; Type: VIEW; Schema: report; Owner: propledger_owner
--

CREATE VIEW report.votes AS
 SELECT k.project_code,
    k.matter,
    k.held_on,
    k.district_code,
    k.total_area_m2,
    k.total_owners,
    k.total_area_computed,
    k.total_owners_computed,
    k.participating_area_m2,
    k.participating_owners,
    k.approving_area_m2,
    k.approving_owners,
    k.counts_possible,
    k.quorum_area_met,
    k.quorum_owners_met,
    k.approval_area_met,
    k.approval_owners_met,
    k.passed,
    k.law,
    k.counted_from,
    k.ballots,
    k.ballots_disagree,
    k.ballot_participating_area,
    k.ballot_participating_owners,
    k.ballot_approving_area,
    k.ballot_approving_owners
   FROM staging.votes_kept k
  WHERE (NOT (EXISTS ( SELECT 1
           FROM staging.projects_stale s
          WHERE (s.project_code = k.project_code))))
UNION ALL
 SELECT e.project_code,
    e.matter,
    e.held_on,
    e.district_code,
    e.total_area_m2,
    e.total_owners,
    e.total_area_computed,
    e.total_owners_computed,
    e.participating_area_m2,
    e.participating_owners,
    e.approving_area_m2,
    e.approving_owners,
    e.counts_possible,
    e.quorum_area_met,
    e.quorum_owners_met,
    e.approval_area_met,
    e.approval_owners_met,
    e.passed,
    e.law,
    e.counted_from,
    e.ballots,
    e.ballots_disagree,
    e.ballot_participating_area,
    e.ballot_participating_owners,
    e.ballot_approving_area,
    e.ballot_approving_owners
   FROM ledger.votes_evaluated e
  WHERE ((EXISTS ( SELECT 1
           FROM staging.projects_stale s
          WHERE (s.project_code = e.project_code))) AND (EXISTS ( SELECT 1
           FROM staging.projects_stale)));

ALTER TABLE report.votes OWNER TO propledger_owner;

--
-- Name: VIEW votes; Type: COMMENT; Schema: report; Owner: propledger_owner
--

COMMENT ON VIEW report.votes IS 'Votes with computed totals and the result under the law in force on held_on (law): ledger.votes_evaluated, kept (migration 034).';

--
-- Name: projects; Type: VIEW; Schema: report; Owner: propledger_owner
--

CREATE VIEW report.projects AS
 SELECT p.project_code,
    p.compound_code,
    c.name AS compound_name,
    p.district_code,
    p.category,
    p.title,
    p.scope_buildings,
    p.status,
    p.budget_yuan,
    p.final_cost_yuan,
    p.proposed_on,
    p.approved_on,
    p.started_on,
    p.completed_on,
    p.accepted_on,
    p.cancelled_on,
    (COALESCE(s.committed_yuan, (0)::numeric))::numeric(14,2) AS committed_yuan,
    (COALESCE(s.paid_yuan, (0)::numeric))::numeric(14,2) AS paid_yuan,
    (COALESCE(s.outstanding_yuan, (0)::numeric))::numeric(14,2) AS outstanding_yuan,
    (COALESCE(s.overrun_yuan, (0)::numeric))::numeric(14,2) AS overrun_yuan,
    report.vote_status(v.votes, v.passed) AS vote_status
   FROM (((ledger.projects p
     JOIN ledger.compounds c ON ((c.compound_code = p.compound_code)))
     LEFT JOIN ( SELECT project_sources.project_code,
            sum(project_sources.committed_yuan) AS committed_yuan,
            sum(project_sources.paid_yuan) AS paid_yuan,
            sum(project_sources.outstanding_yuan) AS outstanding_yuan,
            sum(project_sources.overrun_yuan) AS overrun_yuan
           FROM report.project_sources
          GROUP BY project_sources.project_code) s ON ((s.project_code = p.project_code)))
     LEFT JOIN ( SELECT votes.project_code,
            count(*) AS votes,
            count(*) FILTER (WHERE votes.passed) AS passed
           FROM report.votes
          GROUP BY votes.project_code) v ON ((v.project_code = p.project_code)));

ALTER TABLE report.projects OWNER TO propledger_owner;

--
-- Name: VIEW projects; Type: COMMENT; Schema: report; Owner: propledger_owner
--

COMMENT ON VIEW report.projects IS 'Projects with committed, paid, outstanding and overrun totals and vote_status (none/passed/failed).';

--
-- Name: projects_stale; Type: VIEW; Schema: report; Owner: propledger_owner
--

CREATE VIEW report.projects_stale AS
 SELECT s.project_code,
    s.district_code,
    s.marked_at
   FROM staging.projects_stale s;

ALTER TABLE report.projects_stale OWNER TO propledger_owner;

--
-- Name: VIEW projects_stale; Type: COMMENT; Schema: report; Owner: propledger_owner
--

COMMENT ON VIEW report.projects_stale IS 'Projects whose kept votes and shares are out of date (computed live until ledger.refresh_kept).';

--
-- Name: rectifications; Type: VIEW; Schema: report; Owner: propledger_owner
--

CREATE VIEW report.rectifications AS
 SELECT r.inspection_code,
    r.item_no,
    r.district_code,
    i.compound_code,
    i.company_uscc,
    r.issue,
    r.deadline,
    r.closed_on
   FROM (ledger.rectifications r
     JOIN ledger.inspections i ON ((i.inspection_code = r.inspection_code)));

ALTER TABLE report.rectifications OWNER TO propledger_owner;

--
-- Name: VIEW rectifications; Type: COMMENT; Schema: report; Owner: propledger_owner
--

COMMENT ON VIEW report.rectifications IS 'Rectification items with their inspection''s compound and company.';

--
-- Name: rules; Type: VIEW; Schema: report; Owner: propledger_owner
--

CREATE VIEW report.rules AS
 SELECT r.jurisdiction,
    r.parameter,
    r.effective_from,
    r.value,
    r.general,
    r.source_zh,
    r.source_en,
    p.description_en,
    p.description_zh
   FROM (ledger.rules r
     JOIN ledger.rule_parameters p ON ((p.parameter = r.parameter)));

ALTER TABLE report.rules OWNER TO propledger_owner;

--
-- Name: VIEW rules; Type: COMMENT; Schema: report; Owner: propledger_owner
--

COMMENT ON VIEW report.rules IS 'Every rule row, by jurisdiction and effective date, with its source (SPEC §10; docs/rules.md).';

--
-- Name: settings; Type: VIEW; Schema: report; Owner: propledger_owner
--

CREATE VIEW report.settings AS
 SELECT s.key,
    s.value,
    s.note
   FROM ledger.settings s;

ALTER TABLE report.settings OWNER TO propledger_owner;

--
-- Name: VIEW settings; Type: COMMENT; Schema: report; Owner: propledger_owner
--

COMMENT ON VIEW report.settings IS 'Report settings (company score weights, …).';

--
-- Name: shares_kept; Type: TABLE; Schema: staging; Owner: propledger_owner
--

CREATE TABLE staging.shares_kept (
    project_code text NOT NULL,
    district_code text NOT NULL,
    source text NOT NULL,
    payer text,
    funded boolean NOT NULL,
    committed numeric,
    paid numeric NOT NULL,
    last_paid_on date
);

ALTER TABLE ONLY staging.shares_kept FORCE ROW LEVEL SECURITY;

ALTER TABLE staging.shares_kept OWNER TO propledger_owner;

--
-- Name: TABLE shares_kept; Type: COMMENT; Schema: staging; Owner: propledger_owner
--

COMMENT ON TABLE staging.shares_kept IS 'Per project, source and payer (report.share_totals): funded (a funding row exists), committed, paid in all and the day of the last payment; current for every project not in staging.projects_stale. Written only by ledger.refresh_kept.';

--
-- Name: shares_kept; Type: VIEW; Schema: report; Owner: propledger_owner
--

CREATE VIEW report.shares_kept AS
 SELECT k.project_code,
    k.district_code,
    k.source,
    k.payer,
    k.funded,
    k.committed,
    k.paid,
    k.last_paid_on
   FROM staging.shares_kept k;

ALTER TABLE report.shares_kept OWNER TO propledger_owner;

--
-- Name: VIEW shares_kept; Type: COMMENT; Schema: report; Owner: propledger_owner
--

COMMENT ON VIEW report.shares_kept IS 'The kept shares (migration 034): per project, source and payer, funded, committed, paid in all and the last payment''s day; current for every project not in report.projects_stale.';

--
-- Name: surveys; Type: VIEW; Schema: report; Owner: propledger_owner
--

CREATE VIEW report.surveys AS
 SELECT s.compound_code,
    s.period,
    s.district_code,
    s.company_uscc,
    s.respondents,
    s.satisfied,
    p.starts AS period_start,
    (((p.starts + p.span) - '1 day'::interval))::date AS period_end
   FROM (ledger.surveys s
     CROSS JOIN LATERAL ( SELECT make_date(("left"(s.period, 4))::integer, COALESCE(((((substr(s.period, 7, 1))::integer - 1) * 3) + 1), 1), 1) AS starts,
                CASE
                    WHEN (length(s.period) = 4) THEN '1 year'::interval
                    ELSE '3 mons'::interval
                END AS span) p);

ALTER TABLE report.surveys OWNER TO propledger_owner;

--
-- Name: VIEW surveys; Type: COMMENT; Schema: report; Owner: propledger_owner
--

COMMENT ON VIEW report.surveys IS 'Satisfaction surveys, with the first and last day of their period.';

--
-- Name: units; Type: VIEW; Schema: report; Owner: propledger_owner
--

CREATE VIEW report.units AS
 SELECT u.compound_code,
    u.building,
    u.unit_no,
    u.floor_area_m2,
    u.district_code
   FROM ledger.units u;

ALTER TABLE report.units OWNER TO propledger_owner;

--
-- Name: VIEW units; Type: COMMENT; Schema: report; Owner: propledger_owner
--

COMMENT ON VIEW report.units IS 'Units of the compounds in scope.';

--
-- Name: vote_laws; Type: VIEW; Schema: report; Owner: propledger_owner
--

CREATE VIEW report.vote_laws AS
 SELECT vote_laws.valid_from,
    vote_laws.valid_until,
    vote_laws.law,
    vote_laws.quorum,
    vote_laws.approval_base,
    vote_laws.special_matters,
    vote_laws.special_approval,
    vote_laws.ordinary_approval,
    vote_laws.source_zh,
    vote_laws.source_en
   FROM ledger.vote_laws;

ALTER TABLE report.vote_laws OWNER TO propledger_owner;

--
-- Name: VIEW vote_laws; Type: COMMENT; Schema: report; Owner: propledger_owner
--

COMMENT ON VIEW report.vote_laws IS 'The law of owners'' votes by date with its thresholds (SPEC §2.2, §10), as ledger.vote_laws.';

--
-- Name: committee_rules_checked; Type: TABLE; Schema: staging; Owner: propledger_owner
--

CREATE UNLOGGED TABLE staging.committee_rules_checked (
    compound_code text NOT NULL,
    xact_id xid8 NOT NULL
);

ALTER TABLE staging.committee_rules_checked OWNER TO propledger_owner;

--
-- Name: TABLE committee_rules_checked; Type: COMMENT; Schema: staging; Owner: propledger_owner
--

COMMENT ON TABLE staging.committee_rules_checked IS 'Compounds whose committees broke no refused rule (ledger.committee_rule_violations) in transaction xact_id, with no change since to what the rules read; owner-only, written by ledger.committee_rules_trigger and staging.committee_rule_violations, cleared by ledger.committee_rules_reset.';

--
-- Name: load_columns; Type: TABLE; Schema: staging; Owner: propledger_owner
--

CREATE TABLE staging.load_columns (
    kind text NOT NULL,
    column_name text NOT NULL,
    "position" smallint NOT NULL,
    label_zh text NOT NULL,
    CONSTRAINT load_columns_label_zh_trimmed CHECK (((label_zh <> ''::text) AND (label_zh = btrim(label_zh)))),
    CONSTRAINT load_columns_name_is_a_name CHECK ((column_name ~ '^[a-z][a-z0-9_]*$'::text)),
    CONSTRAINT load_columns_position_positive CHECK (("position" >= 1))
);

ALTER TABLE staging.load_columns OWNER TO propledger_owner;

--
-- Name: TABLE load_columns; Type: COMMENT; Schema: staging; Owner: propledger_owner
--

COMMENT ON TABLE staging.load_columns IS 'The columns of each kind of file, in SPEC §3 order (position 1, 2, …): the English name is the ledger column name; label_zh is the Chinese header a file may use instead. Which columns are the key or required is the ledger table''s (primary key, NOT NULL).';

--
-- Name: COLUMN load_columns.label_zh; Type: COMMENT; Schema: staging; Owner: propledger_owner
--

COMMENT ON COLUMN staging.load_columns.label_zh IS 'The Chinese header of the column (中文别名), unique within its kind.';

--
-- Name: project_rules_checked; Type: TABLE; Schema: staging; Owner: propledger_owner
--

CREATE UNLOGGED TABLE staging.project_rules_checked (
    project_code text NOT NULL,
    xact_id xid8 NOT NULL
);

ALTER TABLE staging.project_rules_checked OWNER TO propledger_owner;

--
-- Name: TABLE project_rules_checked; Type: COMMENT; Schema: staging; Owner: propledger_owner
--

COMMENT ON TABLE staging.project_rules_checked IS 'Projects whose rules (ledger.check_project_rules) passed in transaction xact_id with no change to their rows since; owner-only, written by ledger.project_rules_trigger and cleared by ledger.project_rules_reset.';

--
-- Name: project_rules_pending; Type: TABLE; Schema: staging; Owner: propledger_owner
--

CREATE UNLOGGED TABLE staging.project_rules_pending (
    project_code text NOT NULL,
    xact_id xid8 NOT NULL
);

ALTER TABLE staging.project_rules_pending OWNER TO propledger_owner;

--
-- Name: TABLE project_rules_pending; Type: COMMENT; Schema: staging; Owner: propledger_owner
--

COMMENT ON TABLE staging.project_rules_pending IS 'Projects queued for ledger.check_project_rules in transaction xact_id (one row per project): written by ledger.project_rules_queue after each statement on a project table, removed by ledger.project_rules_trigger when its deferred event checks the project; owner-only.';

--
-- Name: suspended_foreign_keys; Type: TABLE; Schema: staging; Owner: propledger_owner
--

CREATE TABLE staging.suspended_foreign_keys (
    table_name text NOT NULL,
    constraint_name text NOT NULL,
    definition text NOT NULL,
    description text
);

ALTER TABLE staging.suspended_foreign_keys OWNER TO propledger_owner;

--
-- Name: TABLE suspended_foreign_keys; Type: COMMENT; Schema: staging; Owner: propledger_owner
--

COMMENT ON TABLE staging.suspended_foreign_keys IS 'The foreign keys a load in progress dropped (staging.suspend_foreign_keys) and must add again before it commits (staging.restore_foreign_keys); empty outside a load''s transaction.';

--
-- Name: value_spellings; Type: VIEW; Schema: staging; Owner: propledger_owner
--

CREATE VIEW staging.value_spellings AS
 SELECT value_labels.kind,
    value_labels.column_name,
    value_labels.code AS spelling,
    value_labels.code
   FROM staging.value_labels
UNION ALL
 SELECT value_labels.kind,
    value_labels.column_name,
    value_labels.label_zh AS spelling,
    value_labels.code
   FROM staging.value_labels
UNION ALL
 SELECT value_synonyms.kind,
    value_synonyms.column_name,
    value_synonyms.synonym AS spelling,
    value_synonyms.code
   FROM staging.value_synonyms;

ALTER TABLE staging.value_spellings OWNER TO propledger_owner;

--
-- Name: VIEW value_spellings; Type: COMMENT; Schema: staging; Owner: propledger_owner
--

COMMENT ON VIEW staging.value_spellings IS 'Every spelling of a value a load accepts (code, Chinese label, synonym), with its code.';

--
-- Name: changes id; Type: DEFAULT; Schema: audit; Owner: propledger_owner
--

ALTER TABLE ONLY audit.changes ALTER COLUMN id SET DEFAULT nextval('audit.changes_id_seq'::regclass);

--
-- Name: load_batches id; Type: DEFAULT; Schema: audit; Owner: propledger_owner
--

ALTER TABLE ONLY audit.load_batches ALTER COLUMN id SET DEFAULT nextval('audit.load_batches_id_seq'::regclass);

--
-- Name: changes changes_pkey; Type: CONSTRAINT; Schema: audit; Owner: propledger_owner
--

ALTER TABLE ONLY audit.changes
    ADD CONSTRAINT changes_pkey PRIMARY KEY (id);

--
-- Name: load_batches load_batches_pkey; Type: CONSTRAINT; Schema: audit; Owner: propledger_owner
--

ALTER TABLE ONLY audit.load_batches
    ADD CONSTRAINT load_batches_pkey PRIMARY KEY (id);

--
-- Name: ballots ballots_pkey; Type: CONSTRAINT; Schema: ledger; Owner: propledger_owner
--

ALTER TABLE ONLY ledger.ballots
    ADD CONSTRAINT ballots_pkey PRIMARY KEY (project_code, matter, held_on, owner_key);

--
-- Name: clearance clearance_pkey; Type: CONSTRAINT; Schema: ledger; Owner: propledger_owner
--

ALTER TABLE ONLY ledger.clearance
    ADD CONSTRAINT clearance_pkey PRIMARY KEY (compound_code, identified_on);

--
-- Name: co_building_units co_building_units_pkey; Type: CONSTRAINT; Schema: ledger; Owner: propledger_owner
--

ALTER TABLE ONLY ledger.co_building_units
    ADD CONSTRAINT co_building_units_pkey PRIMARY KEY (unit_code);

--
-- Name: committees committees_pkey; Type: CONSTRAINT; Schema: ledger; Owner: propledger_owner
--

ALTER TABLE ONLY ledger.committees
    ADD CONSTRAINT committees_pkey PRIMARY KEY (compound_code, term_start);

--
-- Name: committees committees_terms_no_overlap; Type: CONSTRAINT; Schema: ledger; Owner: propledger_owner
--

ALTER TABLE ONLY ledger.committees
    ADD CONSTRAINT committees_terms_no_overlap EXCLUDE USING gist (compound_code WITH =, kind WITH =, daterange(term_start, term_end, '[]'::text) WITH &&);

--
-- Name: CONSTRAINT committees_terms_no_overlap ON committees; Type: COMMENT; Schema: ledger; Owner: propledger_owner
--

COMMENT ON CONSTRAINT committees_terms_no_overlap ON ledger.committees IS 'terms of one compound''s committees of one kind never overlap (SPEC §2.6)';

--
-- Name: communities communities_code_district_key; Type: CONSTRAINT; Schema: ledger; Owner: propledger_owner
--

ALTER TABLE ONLY ledger.communities
    ADD CONSTRAINT communities_code_district_key UNIQUE (community_code, district_code);

--
-- Name: communities communities_pkey; Type: CONSTRAINT; Schema: ledger; Owner: propledger_owner
--

ALTER TABLE ONLY ledger.communities
    ADD CONSTRAINT communities_pkey PRIMARY KEY (community_code);

--
-- Name: companies companies_pkey; Type: CONSTRAINT; Schema: ledger; Owner: propledger_owner
--

ALTER TABLE ONLY ledger.companies
    ADD CONSTRAINT companies_pkey PRIMARY KEY (uscc);

--
-- Name: companies companies_uscc_district_key; Type: CONSTRAINT; Schema: ledger; Owner: propledger_owner
--

ALTER TABLE ONLY ledger.companies
    ADD CONSTRAINT companies_uscc_district_key UNIQUE (uscc, district_code);

--
-- Name: complaints complaints_pkey; Type: CONSTRAINT; Schema: ledger; Owner: propledger_owner
--

ALTER TABLE ONLY ledger.complaints
    ADD CONSTRAINT complaints_pkey PRIMARY KEY (complaint_code);

--
-- Name: compounds compounds_code_district_key; Type: CONSTRAINT; Schema: ledger; Owner: propledger_owner
--

ALTER TABLE ONLY ledger.compounds
    ADD CONSTRAINT compounds_code_district_key UNIQUE (compound_code, district_code);

--
-- Name: compounds compounds_pkey; Type: CONSTRAINT; Schema: ledger; Owner: propledger_owner
--

ALTER TABLE ONLY ledger.compounds
    ADD CONSTRAINT compounds_pkey PRIMARY KEY (compound_code);

--
-- Name: districts districts_pkey; Type: CONSTRAINT; Schema: ledger; Owner: propledger_owner
--

ALTER TABLE ONLY ledger.districts
    ADD CONSTRAINT districts_pkey PRIMARY KEY (district_code);

--
-- Name: fund_deposits fund_deposits_pkey; Type: CONSTRAINT; Schema: ledger; Owner: propledger_owner
--

ALTER TABLE ONLY ledger.fund_deposits
    ADD CONSTRAINT fund_deposits_pkey PRIMARY KEY (voucher_no);

--
-- Name: fund_interest fund_interest_pkey; Type: CONSTRAINT; Schema: ledger; Owner: propledger_owner
--

ALTER TABLE ONLY ledger.fund_interest
    ADD CONSTRAINT fund_interest_pkey PRIMARY KEY (compound_code, posted_on);

--
-- Name: funding funding_project_source_payer_key; Type: CONSTRAINT; Schema: ledger; Owner: propledger_owner
--

ALTER TABLE ONLY ledger.funding
    ADD CONSTRAINT funding_project_source_payer_key UNIQUE NULLS NOT DISTINCT (project_code, source, payer);

--
-- Name: inspections inspections_code_district_key; Type: CONSTRAINT; Schema: ledger; Owner: propledger_owner
--

ALTER TABLE ONLY ledger.inspections
    ADD CONSTRAINT inspections_code_district_key UNIQUE (inspection_code, district_code);

--
-- Name: inspections inspections_pkey; Type: CONSTRAINT; Schema: ledger; Owner: propledger_owner
--

ALTER TABLE ONLY ledger.inspections
    ADD CONSTRAINT inspections_pkey PRIMARY KEY (inspection_code);

--
-- Name: jurisdictions jurisdictions_pkey; Type: CONSTRAINT; Schema: ledger; Owner: propledger_owner
--

ALTER TABLE ONLY ledger.jurisdictions
    ADD CONSTRAINT jurisdictions_pkey PRIMARY KEY (jurisdiction);

--
-- Name: management management_periods_no_overlap; Type: CONSTRAINT; Schema: ledger; Owner: propledger_owner
--

ALTER TABLE ONLY ledger.management
    ADD CONSTRAINT management_periods_no_overlap EXCLUDE USING gist (compound_code WITH =, daterange(start_on, end_on, '[]'::text) WITH &&);

--
-- Name: CONSTRAINT management_periods_no_overlap ON management; Type: COMMENT; Schema: ledger; Owner: propledger_owner
--

COMMENT ON CONSTRAINT management_periods_no_overlap ON ledger.management IS 'management periods of one compound never overlap (SPEC §2.8)';

--
-- Name: management management_pkey; Type: CONSTRAINT; Schema: ledger; Owner: propledger_owner
--

ALTER TABLE ONLY ledger.management
    ADD CONSTRAINT management_pkey PRIMARY KEY (compound_code, start_on);

--
-- Name: owners owners_one_owner_at_a_time; Type: CONSTRAINT; Schema: ledger; Owner: propledger_owner
--

ALTER TABLE ONLY ledger.owners
    ADD CONSTRAINT owners_one_owner_at_a_time EXCLUDE USING gist (ledger.unit_hash(compound_code, building, unit_no) WITH =, ledger.unit_key(compound_code, building, unit_no) WITH =, daterange(since_on, until_on, '[]'::text) WITH &&);

--
-- Name: CONSTRAINT owners_one_owner_at_a_time ON owners; Type: COMMENT; Schema: ledger; Owner: propledger_owner
--

COMMENT ON CONSTRAINT owners_one_owner_at_a_time ON ledger.owners IS 'a unit has one owner at a time: co-owners share one owner_key (SPEC §7)';

--
-- Name: owners owners_pkey; Type: CONSTRAINT; Schema: ledger; Owner: propledger_owner
--

ALTER TABLE ONLY ledger.owners
    ADD CONSTRAINT owners_pkey PRIMARY KEY (compound_code, building, unit_no, owner_key);

--
-- Name: party_orgs party_orgs_one_live_per_host; Type: CONSTRAINT; Schema: ledger; Owner: propledger_owner
--

ALTER TABLE ONLY ledger.party_orgs
    ADD CONSTRAINT party_orgs_one_live_per_host EXCLUDE USING gist (host_type WITH =, host_key WITH =, daterange(established_on, dissolved_on, '[]'::text) WITH &&);

--
-- Name: CONSTRAINT party_orgs_one_live_per_host ON party_orgs; Type: COMMENT; Schema: ledger; Owner: propledger_owner
--

COMMENT ON CONSTRAINT party_orgs_one_live_per_host ON ledger.party_orgs IS 'one live party organisation per host at a time (SPEC §2.7)';

--
-- Name: party_orgs party_orgs_pkey; Type: CONSTRAINT; Schema: ledger; Owner: propledger_owner
--

ALTER TABLE ONLY ledger.party_orgs
    ADD CONSTRAINT party_orgs_pkey PRIMARY KEY (host_type, host_key, established_on);

--
-- Name: payments payments_pkey; Type: CONSTRAINT; Schema: ledger; Owner: propledger_owner
--

ALTER TABLE ONLY ledger.payments
    ADD CONSTRAINT payments_pkey PRIMARY KEY (voucher_no);

--
-- Name: project_weights project_weights_pkey; Type: CONSTRAINT; Schema: ledger; Owner: propledger_owner
--

ALTER TABLE ONLY ledger.project_weights
    ADD CONSTRAINT project_weights_pkey PRIMARY KEY (project_code, building, unit_no);

--
-- Name: projects projects_code_district_key; Type: CONSTRAINT; Schema: ledger; Owner: propledger_owner
--

ALTER TABLE ONLY ledger.projects
    ADD CONSTRAINT projects_code_district_key UNIQUE (project_code, district_code);

--
-- Name: projects projects_pkey; Type: CONSTRAINT; Schema: ledger; Owner: propledger_owner
--

ALTER TABLE ONLY ledger.projects
    ADD CONSTRAINT projects_pkey PRIMARY KEY (project_code);

--
-- Name: rectifications rectifications_pkey; Type: CONSTRAINT; Schema: ledger; Owner: propledger_owner
--

ALTER TABLE ONLY ledger.rectifications
    ADD CONSTRAINT rectifications_pkey PRIMARY KEY (inspection_code, item_no);

--
-- Name: rule_parameters rule_parameters_pkey; Type: CONSTRAINT; Schema: ledger; Owner: propledger_owner
--

ALTER TABLE ONLY ledger.rule_parameters
    ADD CONSTRAINT rule_parameters_pkey PRIMARY KEY (parameter);

--
-- Name: rule_parameters rule_parameters_value_type_key; Type: CONSTRAINT; Schema: ledger; Owner: propledger_owner
--

ALTER TABLE ONLY ledger.rule_parameters
    ADD CONSTRAINT rule_parameters_value_type_key UNIQUE (parameter, value_type);

--
-- Name: rules rules_pkey; Type: CONSTRAINT; Schema: ledger; Owner: propledger_owner
--

ALTER TABLE ONLY ledger.rules
    ADD CONSTRAINT rules_pkey PRIMARY KEY (jurisdiction, parameter, effective_from);

--
-- Name: settings settings_pkey; Type: CONSTRAINT; Schema: ledger; Owner: propledger_owner
--

ALTER TABLE ONLY ledger.settings
    ADD CONSTRAINT settings_pkey PRIMARY KEY (key);

--
-- Name: staff_scope staff_scope_role_district_key; Type: CONSTRAINT; Schema: ledger; Owner: propledger_owner
--

ALTER TABLE ONLY ledger.staff_scope
    ADD CONSTRAINT staff_scope_role_district_key UNIQUE NULLS NOT DISTINCT (role_name, district_code);

--
-- Name: streets streets_code_district_key; Type: CONSTRAINT; Schema: ledger; Owner: propledger_owner
--

ALTER TABLE ONLY ledger.streets
    ADD CONSTRAINT streets_code_district_key UNIQUE (street_code, district_code);

--
-- Name: streets streets_pkey; Type: CONSTRAINT; Schema: ledger; Owner: propledger_owner
--

ALTER TABLE ONLY ledger.streets
    ADD CONSTRAINT streets_pkey PRIMARY KEY (street_code);

--
-- Name: surveys surveys_pkey; Type: CONSTRAINT; Schema: ledger; Owner: propledger_owner
--

ALTER TABLE ONLY ledger.surveys
    ADD CONSTRAINT surveys_pkey PRIMARY KEY (compound_code, period);

--
-- Name: units units_pkey; Type: CONSTRAINT; Schema: ledger; Owner: propledger_owner
--

ALTER TABLE ONLY ledger.units
    ADD CONSTRAINT units_pkey PRIMARY KEY (compound_code, building, unit_no);

--
-- Name: votes votes_pkey; Type: CONSTRAINT; Schema: ledger; Owner: propledger_owner
--

ALTER TABLE ONLY ledger.votes
    ADD CONSTRAINT votes_pkey PRIMARY KEY (project_code, matter, held_on);

--
-- Name: committee_rules_checked committee_rules_checked_pkey; Type: CONSTRAINT; Schema: staging; Owner: propledger_owner
--

ALTER TABLE ONLY staging.committee_rules_checked
    ADD CONSTRAINT committee_rules_checked_pkey PRIMARY KEY (compound_code);

--
-- Name: fund_compounds_kept fund_compounds_kept_pkey; Type: CONSTRAINT; Schema: staging; Owner: propledger_owner
--

ALTER TABLE ONLY staging.fund_compounds_kept
    ADD CONSTRAINT fund_compounds_kept_pkey PRIMARY KEY (compound_code);

--
-- Name: fund_postings_kept fund_postings_kept_pkey; Type: CONSTRAINT; Schema: staging; Owner: propledger_owner
--

ALTER TABLE ONLY staging.fund_postings_kept
    ADD CONSTRAINT fund_postings_kept_pkey PRIMARY KEY (compound_code);

--
-- Name: fund_stale fund_stale_pkey; Type: CONSTRAINT; Schema: staging; Owner: propledger_owner
--

ALTER TABLE ONLY staging.fund_stale
    ADD CONSTRAINT fund_stale_pkey PRIMARY KEY (compound_code);

--
-- Name: fund_units_kept fund_units_kept_pkey; Type: CONSTRAINT; Schema: staging; Owner: propledger_owner
--

ALTER TABLE ONLY staging.fund_units_kept
    ADD CONSTRAINT fund_units_kept_pkey PRIMARY KEY (compound_code, building, unit_no);

--
-- Name: load_columns load_columns_label_zh_key; Type: CONSTRAINT; Schema: staging; Owner: propledger_owner
--

ALTER TABLE ONLY staging.load_columns
    ADD CONSTRAINT load_columns_label_zh_key UNIQUE (kind, label_zh);

--
-- Name: load_columns load_columns_pkey; Type: CONSTRAINT; Schema: staging; Owner: propledger_owner
--

ALTER TABLE ONLY staging.load_columns
    ADD CONSTRAINT load_columns_pkey PRIMARY KEY (kind, column_name);

--
-- Name: load_columns load_columns_position_key; Type: CONSTRAINT; Schema: staging; Owner: propledger_owner
--

ALTER TABLE ONLY staging.load_columns
    ADD CONSTRAINT load_columns_position_key UNIQUE (kind, "position");

--
-- Name: load_kinds load_kinds_load_order_key; Type: CONSTRAINT; Schema: staging; Owner: propledger_owner
--

ALTER TABLE ONLY staging.load_kinds
    ADD CONSTRAINT load_kinds_load_order_key UNIQUE (load_order);

--
-- Name: load_kinds load_kinds_pkey; Type: CONSTRAINT; Schema: staging; Owner: propledger_owner
--

ALTER TABLE ONLY staging.load_kinds
    ADD CONSTRAINT load_kinds_pkey PRIMARY KEY (kind);

--
-- Name: output_labels output_labels_kind_column_name_label_zh_key; Type: CONSTRAINT; Schema: staging; Owner: propledger_owner
--

ALTER TABLE ONLY staging.output_labels
    ADD CONSTRAINT output_labels_kind_column_name_label_zh_key UNIQUE (kind, column_name, label_zh);

--
-- Name: output_labels output_labels_kind_column_name_position_key; Type: CONSTRAINT; Schema: staging; Owner: propledger_owner
--

ALTER TABLE ONLY staging.output_labels
    ADD CONSTRAINT output_labels_kind_column_name_position_key UNIQUE (kind, column_name, "position");

--
-- Name: output_labels output_labels_pkey; Type: CONSTRAINT; Schema: staging; Owner: propledger_owner
--

ALTER TABLE ONLY staging.output_labels
    ADD CONSTRAINT output_labels_pkey PRIMARY KEY (kind, column_name, code);

--
-- Name: project_rules_checked project_rules_checked_pkey; Type: CONSTRAINT; Schema: staging; Owner: propledger_owner
--

ALTER TABLE ONLY staging.project_rules_checked
    ADD CONSTRAINT project_rules_checked_pkey PRIMARY KEY (project_code);

--
-- Name: project_rules_pending project_rules_pending_pkey; Type: CONSTRAINT; Schema: staging; Owner: propledger_owner
--

ALTER TABLE ONLY staging.project_rules_pending
    ADD CONSTRAINT project_rules_pending_pkey PRIMARY KEY (project_code, xact_id);

--
-- Name: project_totals_kept project_totals_kept_pkey; Type: CONSTRAINT; Schema: staging; Owner: propledger_owner
--

ALTER TABLE ONLY staging.project_totals_kept
    ADD CONSTRAINT project_totals_kept_pkey PRIMARY KEY (project_code);

--
-- Name: projects_stale projects_stale_pkey; Type: CONSTRAINT; Schema: staging; Owner: propledger_owner
--

ALTER TABLE ONLY staging.projects_stale
    ADD CONSTRAINT projects_stale_pkey PRIMARY KEY (project_code);

--
-- Name: shares_kept shares_kept_key; Type: CONSTRAINT; Schema: staging; Owner: propledger_owner
--

ALTER TABLE ONLY staging.shares_kept
    ADD CONSTRAINT shares_kept_key UNIQUE NULLS NOT DISTINCT (project_code, source, payer);

--
-- Name: suspended_foreign_keys suspended_foreign_keys_pkey; Type: CONSTRAINT; Schema: staging; Owner: propledger_owner
--

ALTER TABLE ONLY staging.suspended_foreign_keys
    ADD CONSTRAINT suspended_foreign_keys_pkey PRIMARY KEY (table_name, constraint_name);

--
-- Name: value_labels value_labels_label_zh_key; Type: CONSTRAINT; Schema: staging; Owner: propledger_owner
--

ALTER TABLE ONLY staging.value_labels
    ADD CONSTRAINT value_labels_label_zh_key UNIQUE (kind, column_name, label_zh);

--
-- Name: value_labels value_labels_pkey; Type: CONSTRAINT; Schema: staging; Owner: propledger_owner
--

ALTER TABLE ONLY staging.value_labels
    ADD CONSTRAINT value_labels_pkey PRIMARY KEY (kind, column_name, code);

--
-- Name: value_labels value_labels_position_key; Type: CONSTRAINT; Schema: staging; Owner: propledger_owner
--

ALTER TABLE ONLY staging.value_labels
    ADD CONSTRAINT value_labels_position_key UNIQUE (kind, column_name, "position");

--
-- Name: value_synonyms value_synonyms_pkey; Type: CONSTRAINT; Schema: staging; Owner: propledger_owner
--

ALTER TABLE ONLY staging.value_synonyms
    ADD CONSTRAINT value_synonyms_pkey PRIMARY KEY (kind, column_name, synonym);

--
-- Name: vote_laws_kept vote_laws_kept_pkey; Type: CONSTRAINT; Schema: staging; Owner: propledger_owner
--

ALTER TABLE ONLY staging.vote_laws_kept
    ADD CONSTRAINT vote_laws_kept_pkey PRIMARY KEY (valid_from);

--
-- Name: votes_kept votes_kept_pkey; Type: CONSTRAINT; Schema: staging; Owner: propledger_owner
--

ALTER TABLE ONLY staging.votes_kept
    ADD CONSTRAINT votes_kept_pkey PRIMARY KEY (project_code, matter, held_on);

--
-- Name: changes_key_hash_idx; Type: INDEX; Schema: audit; Owner: propledger_owner
--

CREATE INDEX changes_key_hash_idx ON audit.changes USING hash (key);

--
-- Name: INDEX changes_key_hash_idx; Type: COMMENT; Schema: audit; Owner: propledger_owner
--

COMMENT ON INDEX audit.changes_key_hash_idx IS 'History of one record: WHERE key = $1 (and table_name = $2).';

--
-- Name: changes_load_batch_idx; Type: INDEX; Schema: audit; Owner: propledger_owner
--

CREATE INDEX changes_load_batch_idx ON audit.changes USING btree (load_batch_id);

--
-- Name: ballots_district_idx; Type: INDEX; Schema: ledger; Owner: propledger_owner
--

CREATE INDEX ballots_district_idx ON ledger.ballots USING btree (district_code);

--
-- Name: clearance_district_idx; Type: INDEX; Schema: ledger; Owner: propledger_owner
--

CREATE INDEX clearance_district_idx ON ledger.clearance USING btree (district_code);

--
-- Name: clearance_one_open_case_per_compound; Type: INDEX; Schema: ledger; Owner: propledger_owner
--

CREATE UNIQUE INDEX clearance_one_open_case_per_compound ON ledger.clearance USING btree (compound_code) WHERE (resolved_on IS NULL);

--
-- Name: co_building_units_community_idx; Type: INDEX; Schema: ledger; Owner: propledger_owner
--

CREATE INDEX co_building_units_community_idx ON ledger.co_building_units USING btree (community_code);

--
-- Name: committees_district_idx; Type: INDEX; Schema: ledger; Owner: propledger_owner
--

CREATE INDEX committees_district_idx ON ledger.committees USING btree (district_code);

--
-- Name: communities_street_idx; Type: INDEX; Schema: ledger; Owner: propledger_owner
--

CREATE INDEX communities_street_idx ON ledger.communities USING btree (street_code);

--
-- Name: companies_district_idx; Type: INDEX; Schema: ledger; Owner: propledger_owner
--

CREATE INDEX companies_district_idx ON ledger.companies USING btree (district_code);

--
-- Name: complaints_company_idx; Type: INDEX; Schema: ledger; Owner: propledger_owner
--

CREATE INDEX complaints_company_idx ON ledger.complaints USING btree (company_uscc, received_on);

--
-- Name: complaints_district_idx; Type: INDEX; Schema: ledger; Owner: propledger_owner
--

CREATE INDEX complaints_district_idx ON ledger.complaints USING btree (district_code);

--
-- Name: compounds_community_idx; Type: INDEX; Schema: ledger; Owner: propledger_owner
--

CREATE INDEX compounds_community_idx ON ledger.compounds USING btree (community_code);

--
-- Name: compounds_district_idx; Type: INDEX; Schema: ledger; Owner: propledger_owner
--

CREATE INDEX compounds_district_idx ON ledger.compounds USING btree (district_code);

--
-- Name: fund_deposits_district_idx; Type: INDEX; Schema: ledger; Owner: propledger_owner
--

CREATE INDEX fund_deposits_district_idx ON ledger.fund_deposits USING btree (district_code);

--
-- Name: fund_deposits_refunds_idx; Type: INDEX; Schema: ledger; Owner: propledger_owner
--

CREATE INDEX fund_deposits_refunds_idx ON ledger.fund_deposits USING btree (compound_code) WHERE (kind = 'refund'::text);

--
-- Name: fund_deposits_unit_idx; Type: INDEX; Schema: ledger; Owner: propledger_owner
--

CREATE INDEX fund_deposits_unit_idx ON ledger.fund_deposits USING btree (compound_code, building, unit_no);

--
-- Name: fund_interest_district_idx; Type: INDEX; Schema: ledger; Owner: propledger_owner
--

CREATE INDEX fund_interest_district_idx ON ledger.fund_interest USING btree (district_code);

--
-- Name: funding_district_idx; Type: INDEX; Schema: ledger; Owner: propledger_owner
--

CREATE INDEX funding_district_idx ON ledger.funding USING btree (district_code);

--
-- Name: inspections_company_idx; Type: INDEX; Schema: ledger; Owner: propledger_owner
--

CREATE INDEX inspections_company_idx ON ledger.inspections USING btree (company_uscc, inspected_on);

--
-- Name: inspections_compound_idx; Type: INDEX; Schema: ledger; Owner: propledger_owner
--

CREATE INDEX inspections_compound_idx ON ledger.inspections USING btree (compound_code);

--
-- Name: inspections_district_idx; Type: INDEX; Schema: ledger; Owner: propledger_owner
--

CREATE INDEX inspections_district_idx ON ledger.inspections USING btree (district_code);

--
-- Name: management_company_idx; Type: INDEX; Schema: ledger; Owner: propledger_owner
--

CREATE INDEX management_company_idx ON ledger.management USING btree (company_uscc);

--
-- Name: management_district_idx; Type: INDEX; Schema: ledger; Owner: propledger_owner
--

CREATE INDEX management_district_idx ON ledger.management USING btree (district_code);

--
-- Name: owners_district_idx; Type: INDEX; Schema: ledger; Owner: propledger_owner
--

CREATE INDEX owners_district_idx ON ledger.owners USING btree (district_code);

--
-- Name: payments_district_idx; Type: INDEX; Schema: ledger; Owner: propledger_owner
--

CREATE INDEX payments_district_idx ON ledger.payments USING btree (district_code);

--
-- Name: payments_project_idx; Type: INDEX; Schema: ledger; Owner: propledger_owner
--

CREATE INDEX payments_project_idx ON ledger.payments USING btree (project_code);

--
-- Name: project_weights_district_idx; Type: INDEX; Schema: ledger; Owner: propledger_owner
--

CREATE INDEX project_weights_district_idx ON ledger.project_weights USING btree (district_code);

--
-- Name: projects_compound_idx; Type: INDEX; Schema: ledger; Owner: propledger_owner
--

CREATE INDEX projects_compound_idx ON ledger.projects USING btree (compound_code);

--
-- Name: projects_district_idx; Type: INDEX; Schema: ledger; Owner: propledger_owner
--

CREATE INDEX projects_district_idx ON ledger.projects USING btree (district_code);

--
-- Name: surveys_company_idx; Type: INDEX; Schema: ledger; Owner: propledger_owner
--

CREATE INDEX surveys_company_idx ON ledger.surveys USING btree (company_uscc);

--
-- Name: votes_district_idx; Type: INDEX; Schema: ledger; Owner: propledger_owner
--

CREATE INDEX votes_district_idx ON ledger.votes USING btree (district_code);

--
-- Name: committee_rules_checked_xact_idx; Type: INDEX; Schema: staging; Owner: propledger_owner
--

CREATE INDEX committee_rules_checked_xact_idx ON staging.committee_rules_checked USING btree (xact_id);

--
-- Name: fund_compounds_kept_district_idx; Type: INDEX; Schema: staging; Owner: propledger_owner
--

CREATE INDEX fund_compounds_kept_district_idx ON staging.fund_compounds_kept USING btree (district_code);

--
-- Name: fund_postings_kept_district_idx; Type: INDEX; Schema: staging; Owner: propledger_owner
--

CREATE INDEX fund_postings_kept_district_idx ON staging.fund_postings_kept USING btree (district_code);

--
-- Name: fund_units_kept_district_idx; Type: INDEX; Schema: staging; Owner: propledger_owner
--

CREATE INDEX fund_units_kept_district_idx ON staging.fund_units_kept USING btree (district_code);

--
-- Name: fund_units_kept_flagged_idx; Type: INDEX; Schema: staging; Owner: propledger_owner
--

CREATE INDEX fund_units_kept_flagged_idx ON staging.fund_units_kept USING btree (compound_code) WHERE (below_threshold OR (owed > (0)::numeric));

--
-- Name: project_rules_checked_xact_idx; Type: INDEX; Schema: staging; Owner: propledger_owner
--

CREATE INDEX project_rules_checked_xact_idx ON staging.project_rules_checked USING btree (xact_id);

--
-- Name: project_totals_kept_district_idx; Type: INDEX; Schema: staging; Owner: propledger_owner
--

CREATE INDEX project_totals_kept_district_idx ON staging.project_totals_kept USING btree (district_code);

--
-- Name: shares_kept_district_idx; Type: INDEX; Schema: staging; Owner: propledger_owner
--

CREATE INDEX shares_kept_district_idx ON staging.shares_kept USING btree (district_code);

--
-- Name: votes_kept_district_idx; Type: INDEX; Schema: staging; Owner: propledger_owner
--

CREATE INDEX votes_kept_district_idx ON staging.votes_kept USING btree (district_code);

--
-- Name: changes changes_refuse_truncate; Type: TRIGGER; Schema: audit; Owner: propledger_owner
--

CREATE TRIGGER changes_refuse_truncate BEFORE TRUNCATE ON audit.changes FOR EACH STATEMENT EXECUTE FUNCTION audit.refuse_truncate();

--
-- Name: load_batches load_batches_refuse_truncate; Type: TRIGGER; Schema: audit; Owner: propledger_owner
--

CREATE TRIGGER load_batches_refuse_truncate BEFORE TRUNCATE ON audit.load_batches FOR EACH STATEMENT EXECUTE FUNCTION audit.refuse_truncate();

--
-- Name: ballots ballots_audit_delete; Type: TRIGGER; Schema: ledger; Owner: propledger_owner
--

CREATE TRIGGER ballots_audit_delete AFTER DELETE ON ledger.ballots REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.record_changes('project_code', 'matter', 'held_on', 'owner_key');

--
-- Name: ballots ballots_audit_insert; Type: TRIGGER; Schema: ledger; Owner: propledger_owner
--

CREATE TRIGGER ballots_audit_insert AFTER INSERT ON ledger.ballots REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.record_changes('project_code', 'matter', 'held_on', 'owner_key');

--
-- Name: ballots ballots_audit_update; Type: TRIGGER; Schema: ledger; Owner: propledger_owner
--

CREATE TRIGGER ballots_audit_update AFTER UPDATE ON ledger.ballots REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.record_changes('project_code', 'matter', 'held_on', 'owner_key');

--
-- Name: ballots ballots_project_rules_queue_delete; Type: TRIGGER; Schema: ledger; Owner: propledger_owner
--

CREATE TRIGGER ballots_project_rules_queue_delete AFTER DELETE ON ledger.ballots REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION ledger.project_rules_queue();

--
-- Name: ballots ballots_project_rules_queue_insert; Type: TRIGGER; Schema: ledger; Owner: propledger_owner
--

CREATE TRIGGER ballots_project_rules_queue_insert AFTER INSERT ON ledger.ballots REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ledger.project_rules_queue();

--
-- Name: ballots ballots_project_rules_queue_update; Type: TRIGGER; Schema: ledger; Owner: propledger_owner
--

CREATE TRIGGER ballots_project_rules_queue_update AFTER UPDATE ON ledger.ballots REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ledger.project_rules_queue();

--
-- Name: ballots ballots_project_rules_reset; Type: TRIGGER; Schema: ledger; Owner: propledger_owner
--

CREATE TRIGGER ballots_project_rules_reset BEFORE INSERT OR DELETE OR UPDATE ON ledger.ballots FOR EACH STATEMENT EXECUTE FUNCTION ledger.project_rules_reset();

--
-- Name: ballots ballots_projects_stale_delete; Type: TRIGGER; Schema: ledger; Owner: propledger_owner
--

CREATE TRIGGER ballots_projects_stale_delete AFTER DELETE ON ledger.ballots REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION ledger.mark_stale('projects', 'project');

--
-- Name: ballots ballots_projects_stale_insert; Type: TRIGGER; Schema: ledger; Owner: propledger_owner
--

CREATE TRIGGER ballots_projects_stale_insert AFTER INSERT ON ledger.ballots REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ledger.mark_stale('projects', 'project');

--
-- Name: ballots ballots_projects_stale_update; Type: TRIGGER; Schema: ledger; Owner: propledger_owner
--

CREATE TRIGGER ballots_projects_stale_update AFTER UPDATE ON ledger.ballots REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ledger.mark_stale('projects', 'project');

--
-- Name: ballots ballots_refuse_truncate; Type: TRIGGER; Schema: ledger; Owner: propledger_owner
--

CREATE TRIGGER ballots_refuse_truncate BEFORE TRUNCATE ON ledger.ballots FOR EACH STATEMENT EXECUTE FUNCTION audit.refuse_truncate();

--
-- Name: clearance clearance_audit_delete; Type: TRIGGER; Schema: ledger; Owner: propledger_owner
--

CREATE TRIGGER clearance_audit_delete AFTER DELETE ON ledger.clearance REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.record_changes('compound_code', 'identified_on');

--
-- Name: clearance clearance_audit_insert; Type: TRIGGER; Schema: ledger; Owner: propledger_owner
--

CREATE TRIGGER clearance_audit_insert AFTER INSERT ON ledger.clearance REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.record_changes('compound_code', 'identified_on');

--
-- Name: clearance clearance_audit_update; Type: TRIGGER; Schema: ledger; Owner: propledger_owner
--

CREATE TRIGGER clearance_audit_update AFTER UPDATE ON ledger.clearance REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.record_changes('compound_code', 'identified_on');

--
-- Name: clearance clearance_refuse_truncate; Type: TRIGGER; Schema: ledger; Owner: propledger_owner
--

CREATE TRIGGER clearance_refuse_truncate BEFORE TRUNCATE ON ledger.clearance FOR EACH STATEMENT EXECUTE FUNCTION audit.refuse_truncate();

--
-- Name: co_building_units co_building_units_audit_delete; Type: TRIGGER; Schema: ledger; Owner: propledger_owner
--

CREATE TRIGGER co_building_units_audit_delete AFTER DELETE ON ledger.co_building_units REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.record_changes('unit_code');

--
-- Name: co_building_units co_building_units_audit_insert; Type: TRIGGER; Schema: ledger; Owner: propledger_owner
--

CREATE TRIGGER co_building_units_audit_insert AFTER INSERT ON ledger.co_building_units REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.record_changes('unit_code');

--
-- Name: co_building_units co_building_units_audit_update; Type: TRIGGER; Schema: ledger; Owner: propledger_owner
--

CREATE TRIGGER co_building_units_audit_update AFTER UPDATE ON ledger.co_building_units REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.record_changes('unit_code');

--
-- Name: co_building_units co_building_units_refuse_truncate; Type: TRIGGER; Schema: ledger; Owner: propledger_owner
--

CREATE TRIGGER co_building_units_refuse_truncate BEFORE TRUNCATE ON ledger.co_building_units FOR EACH STATEMENT EXECUTE FUNCTION audit.refuse_truncate();

--
-- Name: committees committees_audit_delete; Type: TRIGGER; Schema: ledger; Owner: propledger_owner
--

CREATE TRIGGER committees_audit_delete AFTER DELETE ON ledger.committees REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.record_changes('compound_code', 'term_start');

--
-- Name: committees committees_audit_insert; Type: TRIGGER; Schema: ledger; Owner: propledger_owner
--

CREATE TRIGGER committees_audit_insert AFTER INSERT ON ledger.committees REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.record_changes('compound_code', 'term_start');

--
-- Name: committees committees_audit_update; Type: TRIGGER; Schema: ledger; Owner: propledger_owner
--

CREATE TRIGGER committees_audit_update AFTER UPDATE ON ledger.committees REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.record_changes('compound_code', 'term_start');

--
-- Name: committees committees_committee_rules_reset; Type: TRIGGER; Schema: ledger; Owner: propledger_owner
--

CREATE TRIGGER committees_committee_rules_reset BEFORE INSERT OR DELETE OR UPDATE ON ledger.committees FOR EACH STATEMENT EXECUTE FUNCTION ledger.committee_rules_reset();

--
-- Name: committees committees_refuse_truncate; Type: TRIGGER; Schema: ledger; Owner: propledger_owner
--

CREATE TRIGGER committees_refuse_truncate BEFORE TRUNCATE ON ledger.committees FOR EACH STATEMENT EXECUTE FUNCTION audit.refuse_truncate();

--
-- Name: committees committees_rules_deferred; Type: TRIGGER; Schema: ledger; Owner: propledger_owner
--

CREATE CONSTRAINT TRIGGER committees_rules_deferred AFTER INSERT OR UPDATE ON ledger.committees DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ledger.committee_rules_trigger();

--
-- Name: communities communities_audit_delete; Type: TRIGGER; Schema: ledger; Owner: propledger_owner
--

CREATE TRIGGER communities_audit_delete AFTER DELETE ON ledger.communities REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.record_changes('community_code');

--
-- Name: communities communities_audit_insert; Type: TRIGGER; Schema: ledger; Owner: propledger_owner
--

CREATE TRIGGER communities_audit_insert AFTER INSERT ON ledger.communities REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.record_changes('community_code');

--
-- Name: communities communities_audit_update; Type: TRIGGER; Schema: ledger; Owner: propledger_owner
--

CREATE TRIGGER communities_audit_update AFTER UPDATE ON ledger.communities REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.record_changes('community_code');

--
-- Name: communities communities_refuse_truncate; Type: TRIGGER; Schema: ledger; Owner: propledger_owner
--

CREATE TRIGGER communities_refuse_truncate BEFORE TRUNCATE ON ledger.communities FOR EACH STATEMENT EXECUTE FUNCTION audit.refuse_truncate();

--
-- Name: companies companies_audit_delete; Type: TRIGGER; Schema: ledger; Owner: propledger_owner
--

CREATE TRIGGER companies_audit_delete AFTER DELETE ON ledger.companies REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.record_changes('uscc');

--
-- Name: companies companies_audit_insert; Type: TRIGGER; Schema: ledger; Owner: propledger_owner
--

CREATE TRIGGER companies_audit_insert AFTER INSERT ON ledger.companies REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.record_changes('uscc');

--
-- Name: companies companies_audit_update; Type: TRIGGER; Schema: ledger; Owner: propledger_owner
--

CREATE TRIGGER companies_audit_update AFTER UPDATE ON ledger.companies REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.record_changes('uscc');

--
-- Name: companies companies_refuse_truncate; Type: TRIGGER; Schema: ledger; Owner: propledger_owner
--

CREATE TRIGGER companies_refuse_truncate BEFORE TRUNCATE ON ledger.companies FOR EACH STATEMENT EXECUTE FUNCTION audit.refuse_truncate();

--
-- Name: complaints complaints_audit_delete; Type: TRIGGER; Schema: ledger; Owner: propledger_owner
--

CREATE TRIGGER complaints_audit_delete AFTER DELETE ON ledger.complaints REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.record_changes('complaint_code');

--
-- Name: complaints complaints_audit_insert; Type: TRIGGER; Schema: ledger; Owner: propledger_owner
--

CREATE TRIGGER complaints_audit_insert AFTER INSERT ON ledger.complaints REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.record_changes('complaint_code');

--
-- Name: complaints complaints_audit_update; Type: TRIGGER; Schema: ledger; Owner: propledger_owner
--

CREATE TRIGGER complaints_audit_update AFTER UPDATE ON ledger.complaints REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.record_changes('complaint_code');

--
-- Name: complaints complaints_refuse_truncate; Type: TRIGGER; Schema: ledger; Owner: propledger_owner
--

CREATE TRIGGER complaints_refuse_truncate BEFORE TRUNCATE ON ledger.complaints FOR EACH STATEMENT EXECUTE FUNCTION audit.refuse_truncate();

--
-- Name: compounds compounds_audit_delete; Type: TRIGGER; Schema: ledger; Owner: propledger_owner
--

CREATE TRIGGER compounds_audit_delete AFTER DELETE ON ledger.compounds REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.record_changes('compound_code');

--
-- Name: compounds compounds_audit_insert; Type: TRIGGER; Schema: ledger; Owner: propledger_owner
--

CREATE TRIGGER compounds_audit_insert AFTER INSERT ON ledger.compounds REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.record_changes('compound_code');

--
-- Name: compounds compounds_audit_update; Type: TRIGGER; Schema: ledger; Owner: propledger_owner
--

CREATE TRIGGER compounds_audit_update AFTER UPDATE ON ledger.compounds REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.record_changes('compound_code');

--
-- Name: compounds compounds_committee_rules_reset; Type: TRIGGER; Schema: ledger; Owner: propledger_owner
--

CREATE TRIGGER compounds_committee_rules_reset BEFORE INSERT OR DELETE OR UPDATE ON ledger.compounds FOR EACH STATEMENT EXECUTE FUNCTION ledger.committee_rules_reset();

--
-- Name: compounds compounds_refuse_truncate; Type: TRIGGER; Schema: ledger; Owner: propledger_owner
--

CREATE TRIGGER compounds_refuse_truncate BEFORE TRUNCATE ON ledger.compounds FOR EACH STATEMENT EXECUTE FUNCTION audit.refuse_truncate();

--
-- Name: districts districts_audit_delete; Type: TRIGGER; Schema: ledger; Owner: propledger_owner
--

CREATE TRIGGER districts_audit_delete AFTER DELETE ON ledger.districts REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.record_changes('district_code');

--
-- Name: districts districts_audit_insert; Type: TRIGGER; Schema: ledger; Owner: propledger_owner
--

CREATE TRIGGER districts_audit_insert AFTER INSERT ON ledger.districts REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.record_changes('district_code');

--
-- Name: districts districts_audit_update; Type: TRIGGER; Schema: ledger; Owner: propledger_owner
--

CREATE TRIGGER districts_audit_update AFTER UPDATE ON ledger.districts REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.record_changes('district_code');

--
-- Name: districts districts_refuse_truncate; Type: TRIGGER; Schema: ledger; Owner: propledger_owner
--

CREATE TRIGGER districts_refuse_truncate BEFORE TRUNCATE ON ledger.districts FOR EACH STATEMENT EXECUTE FUNCTION audit.refuse_truncate();

--
-- Name: fund_deposits fund_deposits_audit_delete; Type: TRIGGER; Schema: ledger; Owner: propledger_owner
--

CREATE TRIGGER fund_deposits_audit_delete AFTER DELETE ON ledger.fund_deposits REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.record_changes('voucher_no');

--
-- Name: fund_deposits fund_deposits_audit_insert; Type: TRIGGER; Schema: ledger; Owner: propledger_owner
--

CREATE TRIGGER fund_deposits_audit_insert AFTER INSERT ON ledger.fund_deposits REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.record_changes('voucher_no');

--
-- Name: fund_deposits fund_deposits_audit_update; Type: TRIGGER; Schema: ledger; Owner: propledger_owner
--

CREATE TRIGGER fund_deposits_audit_update AFTER UPDATE ON ledger.fund_deposits REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.record_changes('voucher_no');

--
-- Name: fund_deposits fund_deposits_fund_stale_delete; Type: TRIGGER; Schema: ledger; Owner: propledger_owner
--

CREATE TRIGGER fund_deposits_fund_stale_delete AFTER DELETE ON ledger.fund_deposits REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION ledger.mark_stale('fund', 'compound');

--
-- Name: fund_deposits fund_deposits_fund_stale_insert; Type: TRIGGER; Schema: ledger; Owner: propledger_owner
--

CREATE TRIGGER fund_deposits_fund_stale_insert AFTER INSERT ON ledger.fund_deposits REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ledger.mark_stale('fund', 'compound');

--
-- Name: fund_deposits fund_deposits_fund_stale_update; Type: TRIGGER; Schema: ledger; Owner: propledger_owner
--

CREATE TRIGGER fund_deposits_fund_stale_update AFTER UPDATE ON ledger.fund_deposits REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ledger.mark_stale('fund', 'compound');

--
-- Name: fund_deposits fund_deposits_refuse_truncate; Type: TRIGGER; Schema: ledger; Owner: propledger_owner
--

CREATE TRIGGER fund_deposits_refuse_truncate BEFORE TRUNCATE ON ledger.fund_deposits FOR EACH STATEMENT EXECUTE FUNCTION audit.refuse_truncate();

--
-- Name: fund_interest fund_interest_audit_delete; Type: TRIGGER; Schema: ledger; Owner: propledger_owner
--

CREATE TRIGGER fund_interest_audit_delete AFTER DELETE ON ledger.fund_interest REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.record_changes('compound_code', 'posted_on');

--
-- Name: fund_interest fund_interest_audit_insert; Type: TRIGGER; Schema: ledger; Owner: propledger_owner
--

CREATE TRIGGER fund_interest_audit_insert AFTER INSERT ON ledger.fund_interest REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.record_changes('compound_code', 'posted_on');

--
-- Name: fund_interest fund_interest_audit_update; Type: TRIGGER; Schema: ledger; Owner: propledger_owner
--

CREATE TRIGGER fund_interest_audit_update AFTER UPDATE ON ledger.fund_interest REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.record_changes('compound_code', 'posted_on');

--
-- Name: fund_interest fund_interest_fund_stale_delete; Type: TRIGGER; Schema: ledger; Owner: propledger_owner
--

CREATE TRIGGER fund_interest_fund_stale_delete AFTER DELETE ON ledger.fund_interest REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION ledger.mark_stale('fund', 'compound');

--
-- Name: fund_interest fund_interest_fund_stale_insert; Type: TRIGGER; Schema: ledger; Owner: propledger_owner
--

CREATE TRIGGER fund_interest_fund_stale_insert AFTER INSERT ON ledger.fund_interest REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ledger.mark_stale('fund', 'compound');

--
-- Name: fund_interest fund_interest_fund_stale_update; Type: TRIGGER; Schema: ledger; Owner: propledger_owner
--

CREATE TRIGGER fund_interest_fund_stale_update AFTER UPDATE ON ledger.fund_interest REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ledger.mark_stale('fund', 'compound');

--
-- Name: fund_interest fund_interest_refuse_truncate; Type: TRIGGER; Schema: ledger; Owner: propledger_owner
--

CREATE TRIGGER fund_interest_refuse_truncate BEFORE TRUNCATE ON ledger.fund_interest FOR EACH STATEMENT EXECUTE FUNCTION audit.refuse_truncate();

--
-- Name: funding funding_audit_delete; Type: TRIGGER; Schema: ledger; Owner: propledger_owner
--

CREATE TRIGGER funding_audit_delete AFTER DELETE ON ledger.funding REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.record_changes('project_code', 'source', 'payer');

--
-- Name: funding funding_audit_insert; Type: TRIGGER; Schema: ledger; Owner: propledger_owner
--

CREATE TRIGGER funding_audit_insert AFTER INSERT ON ledger.funding REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.record_changes('project_code', 'source', 'payer');

--
-- Name: funding funding_audit_update; Type: TRIGGER; Schema: ledger; Owner: propledger_owner
--

CREATE TRIGGER funding_audit_update AFTER UPDATE ON ledger.funding REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.record_changes('project_code', 'source', 'payer');

--
-- Name: funding funding_project_rules_queue_delete; Type: TRIGGER; Schema: ledger; Owner: propledger_owner
--

CREATE TRIGGER funding_project_rules_queue_delete AFTER DELETE ON ledger.funding REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION ledger.project_rules_queue();

--
-- Name: funding funding_project_rules_queue_insert; Type: TRIGGER; Schema: ledger; Owner: propledger_owner
--

CREATE TRIGGER funding_project_rules_queue_insert AFTER INSERT ON ledger.funding REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ledger.project_rules_queue();

--
-- Name: funding funding_project_rules_queue_update; Type: TRIGGER; Schema: ledger; Owner: propledger_owner
--

CREATE TRIGGER funding_project_rules_queue_update AFTER UPDATE ON ledger.funding REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ledger.project_rules_queue();

--
-- Name: funding funding_project_rules_reset; Type: TRIGGER; Schema: ledger; Owner: propledger_owner
--

CREATE TRIGGER funding_project_rules_reset BEFORE INSERT OR DELETE OR UPDATE ON ledger.funding FOR EACH STATEMENT EXECUTE FUNCTION ledger.project_rules_reset();

--
-- Name: funding funding_projects_stale_delete; Type: TRIGGER; Schema: ledger; Owner: propledger_owner
--

CREATE TRIGGER funding_projects_stale_delete AFTER DELETE ON ledger.funding REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION ledger.mark_stale('projects', 'project');

--
-- Name: funding funding_projects_stale_insert; Type: TRIGGER; Schema: ledger; Owner: propledger_owner
--

CREATE TRIGGER funding_projects_stale_insert AFTER INSERT ON ledger.funding REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ledger.mark_stale('projects', 'project');

--
-- Name: funding funding_projects_stale_update; Type: TRIGGER; Schema: ledger; Owner: propledger_owner
--

CREATE TRIGGER funding_projects_stale_update AFTER UPDATE ON ledger.funding REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ledger.mark_stale('projects', 'project');

--
-- Name: funding funding_refuse_truncate; Type: TRIGGER; Schema: ledger; Owner: propledger_owner
--

CREATE TRIGGER funding_refuse_truncate BEFORE TRUNCATE ON ledger.funding FOR EACH STATEMENT EXECUTE FUNCTION audit.refuse_truncate();

--
-- Name: inspections inspections_audit_delete; Type: TRIGGER; Schema: ledger; Owner: propledger_owner
--

CREATE TRIGGER inspections_audit_delete AFTER DELETE ON ledger.inspections REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.record_changes('inspection_code');

--
-- Name: inspections inspections_audit_insert; Type: TRIGGER; Schema: ledger; Owner: propledger_owner
--

CREATE TRIGGER inspections_audit_insert AFTER INSERT ON ledger.inspections REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.record_changes('inspection_code');

--
-- Name: inspections inspections_audit_update; Type: TRIGGER; Schema: ledger; Owner: propledger_owner
--

CREATE TRIGGER inspections_audit_update AFTER UPDATE ON ledger.inspections REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.record_changes('inspection_code');

--
-- Name: inspections inspections_refuse_truncate; Type: TRIGGER; Schema: ledger; Owner: propledger_owner
--

CREATE TRIGGER inspections_refuse_truncate BEFORE TRUNCATE ON ledger.inspections FOR EACH STATEMENT EXECUTE FUNCTION audit.refuse_truncate();

--
-- Name: jurisdictions jurisdictions_audit_delete; Type: TRIGGER; Schema: ledger; Owner: propledger_owner
--

CREATE TRIGGER jurisdictions_audit_delete AFTER DELETE ON ledger.jurisdictions REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.record_changes('jurisdiction');

--
-- Name: jurisdictions jurisdictions_audit_insert; Type: TRIGGER; Schema: ledger; Owner: propledger_owner
--

CREATE TRIGGER jurisdictions_audit_insert AFTER INSERT ON ledger.jurisdictions REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.record_changes('jurisdiction');

--
-- Name: jurisdictions jurisdictions_audit_update; Type: TRIGGER; Schema: ledger; Owner: propledger_owner
--

CREATE TRIGGER jurisdictions_audit_update AFTER UPDATE ON ledger.jurisdictions REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.record_changes('jurisdiction');

--
-- Name: jurisdictions jurisdictions_refuse_truncate; Type: TRIGGER; Schema: ledger; Owner: propledger_owner
--

CREATE TRIGGER jurisdictions_refuse_truncate BEFORE TRUNCATE ON ledger.jurisdictions FOR EACH STATEMENT EXECUTE FUNCTION audit.refuse_truncate();

--
-- Name: management management_audit_delete; Type: TRIGGER; Schema: ledger; Owner: propledger_owner
--

CREATE TRIGGER management_audit_delete AFTER DELETE ON ledger.management REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.record_changes('compound_code', 'start_on');

--
-- Name: management management_audit_insert; Type: TRIGGER; Schema: ledger; Owner: propledger_owner
--

CREATE TRIGGER management_audit_insert AFTER INSERT ON ledger.management REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.record_changes('compound_code', 'start_on');

--
-- Name: management management_audit_update; Type: TRIGGER; Schema: ledger; Owner: propledger_owner
--

CREATE TRIGGER management_audit_update AFTER UPDATE ON ledger.management REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.record_changes('compound_code', 'start_on');

--
-- Name: management management_refuse_truncate; Type: TRIGGER; Schema: ledger; Owner: propledger_owner
--

CREATE TRIGGER management_refuse_truncate BEFORE TRUNCATE ON ledger.management FOR EACH STATEMENT EXECUTE FUNCTION audit.refuse_truncate();

--
-- Name: owners owners_audit_delete; Type: TRIGGER; Schema: ledger; Owner: propledger_owner
--

CREATE TRIGGER owners_audit_delete AFTER DELETE ON ledger.owners REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.record_changes('compound_code', 'building', 'unit_no', 'owner_key');

--
-- Name: owners owners_audit_insert; Type: TRIGGER; Schema: ledger; Owner: propledger_owner
--

CREATE TRIGGER owners_audit_insert AFTER INSERT ON ledger.owners REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.record_changes('compound_code', 'building', 'unit_no', 'owner_key');

--
-- Name: owners owners_audit_update; Type: TRIGGER; Schema: ledger; Owner: propledger_owner
--

CREATE TRIGGER owners_audit_update AFTER UPDATE ON ledger.owners REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.record_changes('compound_code', 'building', 'unit_no', 'owner_key');

--
-- Name: owners owners_project_rules_reset; Type: TRIGGER; Schema: ledger; Owner: propledger_owner
--

CREATE TRIGGER owners_project_rules_reset BEFORE INSERT OR DELETE OR UPDATE ON ledger.owners FOR EACH STATEMENT EXECUTE FUNCTION ledger.project_rules_reset();

--
-- Name: owners owners_projects_stale_delete; Type: TRIGGER; Schema: ledger; Owner: propledger_owner
--

CREATE TRIGGER owners_projects_stale_delete AFTER DELETE ON ledger.owners REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION ledger.mark_stale('projects', 'compound');

--
-- Name: owners owners_projects_stale_insert; Type: TRIGGER; Schema: ledger; Owner: propledger_owner
--

CREATE TRIGGER owners_projects_stale_insert AFTER INSERT ON ledger.owners REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ledger.mark_stale('projects', 'compound');

--
-- Name: owners owners_projects_stale_update; Type: TRIGGER; Schema: ledger; Owner: propledger_owner
--

CREATE TRIGGER owners_projects_stale_update AFTER UPDATE ON ledger.owners REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ledger.mark_stale('projects', 'compound');

--
-- Name: owners owners_refuse_truncate; Type: TRIGGER; Schema: ledger; Owner: propledger_owner
--

CREATE TRIGGER owners_refuse_truncate BEFORE TRUNCATE ON ledger.owners FOR EACH STATEMENT EXECUTE FUNCTION audit.refuse_truncate();

--
-- Name: party_orgs party_orgs_audit_delete; Type: TRIGGER; Schema: ledger; Owner: propledger_owner
--

CREATE TRIGGER party_orgs_audit_delete AFTER DELETE ON ledger.party_orgs REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.record_changes('host_type', 'host_key', 'established_on');

--
-- Name: party_orgs party_orgs_audit_insert; Type: TRIGGER; Schema: ledger; Owner: propledger_owner
--

CREATE TRIGGER party_orgs_audit_insert AFTER INSERT ON ledger.party_orgs REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.record_changes('host_type', 'host_key', 'established_on');

--
-- Name: party_orgs party_orgs_audit_update; Type: TRIGGER; Schema: ledger; Owner: propledger_owner
--

CREATE TRIGGER party_orgs_audit_update AFTER UPDATE ON ledger.party_orgs REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.record_changes('host_type', 'host_key', 'established_on');

--
-- Name: party_orgs party_orgs_refuse_truncate; Type: TRIGGER; Schema: ledger; Owner: propledger_owner
--

CREATE TRIGGER party_orgs_refuse_truncate BEFORE TRUNCATE ON ledger.party_orgs FOR EACH STATEMENT EXECUTE FUNCTION audit.refuse_truncate();

--
-- Name: payments payments_audit_delete; Type: TRIGGER; Schema: ledger; Owner: propledger_owner
--

CREATE TRIGGER payments_audit_delete AFTER DELETE ON ledger.payments REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.record_changes('voucher_no');

--
-- Name: payments payments_audit_insert; Type: TRIGGER; Schema: ledger; Owner: propledger_owner
--

CREATE TRIGGER payments_audit_insert AFTER INSERT ON ledger.payments REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.record_changes('voucher_no');

--
-- Name: payments payments_audit_update; Type: TRIGGER; Schema: ledger; Owner: propledger_owner
--

CREATE TRIGGER payments_audit_update AFTER UPDATE ON ledger.payments REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.record_changes('voucher_no');

--
-- Name: payments payments_fund_stale_delete; Type: TRIGGER; Schema: ledger; Owner: propledger_owner
--

CREATE TRIGGER payments_fund_stale_delete AFTER DELETE ON ledger.payments REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION ledger.mark_stale('fund', 'project');

--
-- Name: payments payments_fund_stale_insert; Type: TRIGGER; Schema: ledger; Owner: propledger_owner
--

CREATE TRIGGER payments_fund_stale_insert AFTER INSERT ON ledger.payments REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ledger.mark_stale('fund', 'project');

--
-- Name: payments payments_fund_stale_update; Type: TRIGGER; Schema: ledger; Owner: propledger_owner
--

CREATE TRIGGER payments_fund_stale_update AFTER UPDATE ON ledger.payments REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ledger.mark_stale('fund', 'project');

--
-- Name: payments payments_projects_stale_delete; Type: TRIGGER; Schema: ledger; Owner: propledger_owner
--

CREATE TRIGGER payments_projects_stale_delete AFTER DELETE ON ledger.payments REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION ledger.mark_stale('projects', 'project');

--
-- Name: payments payments_projects_stale_insert; Type: TRIGGER; Schema: ledger; Owner: propledger_owner
--

CREATE TRIGGER payments_projects_stale_insert AFTER INSERT ON ledger.payments REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ledger.mark_stale('projects', 'project');

--
-- Name: payments payments_projects_stale_update; Type: TRIGGER; Schema: ledger; Owner: propledger_owner
--

CREATE TRIGGER payments_projects_stale_update AFTER UPDATE ON ledger.payments REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ledger.mark_stale('projects', 'project');

--
-- Name: payments payments_refuse_truncate; Type: TRIGGER; Schema: ledger; Owner: propledger_owner
--

CREATE TRIGGER payments_refuse_truncate BEFORE TRUNCATE ON ledger.payments FOR EACH STATEMENT EXECUTE FUNCTION audit.refuse_truncate();

--
-- Name: project_weights project_weights_audit_delete; Type: TRIGGER; Schema: ledger; Owner: propledger_owner
--

CREATE TRIGGER project_weights_audit_delete AFTER DELETE ON ledger.project_weights REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.record_changes('project_code', 'building', 'unit_no');

--
-- Name: project_weights project_weights_audit_insert; Type: TRIGGER; Schema: ledger; Owner: propledger_owner
--

CREATE TRIGGER project_weights_audit_insert AFTER INSERT ON ledger.project_weights REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.record_changes('project_code', 'building', 'unit_no');

--
-- Name: project_weights project_weights_audit_update; Type: TRIGGER; Schema: ledger; Owner: propledger_owner
--

CREATE TRIGGER project_weights_audit_update AFTER UPDATE ON ledger.project_weights REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.record_changes('project_code', 'building', 'unit_no');

--
-- Name: project_weights project_weights_fund_stale_delete; Type: TRIGGER; Schema: ledger; Owner: propledger_owner
--

CREATE TRIGGER project_weights_fund_stale_delete AFTER DELETE ON ledger.project_weights REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION ledger.mark_stale('fund', 'project');

--
-- Name: project_weights project_weights_fund_stale_insert; Type: TRIGGER; Schema: ledger; Owner: propledger_owner
--

CREATE TRIGGER project_weights_fund_stale_insert AFTER INSERT ON ledger.project_weights REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ledger.mark_stale('fund', 'project');

--
-- Name: project_weights project_weights_fund_stale_update; Type: TRIGGER; Schema: ledger; Owner: propledger_owner
--

CREATE TRIGGER project_weights_fund_stale_update AFTER UPDATE ON ledger.project_weights REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ledger.mark_stale('fund', 'project');

--
-- Name: project_weights project_weights_project_rules_queue_delete; Type: TRIGGER; Schema: ledger; Owner: propledger_owner
--

CREATE TRIGGER project_weights_project_rules_queue_delete AFTER DELETE ON ledger.project_weights REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION ledger.project_rules_queue();

--
-- Name: project_weights project_weights_project_rules_queue_insert; Type: TRIGGER; Schema: ledger; Owner: propledger_owner
--

CREATE TRIGGER project_weights_project_rules_queue_insert AFTER INSERT ON ledger.project_weights REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ledger.project_rules_queue();

--
-- Name: project_weights project_weights_project_rules_queue_update; Type: TRIGGER; Schema: ledger; Owner: propledger_owner
--

CREATE TRIGGER project_weights_project_rules_queue_update AFTER UPDATE ON ledger.project_weights REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ledger.project_rules_queue();

--
-- Name: project_weights project_weights_project_rules_reset; Type: TRIGGER; Schema: ledger; Owner: propledger_owner
--

CREATE TRIGGER project_weights_project_rules_reset BEFORE INSERT OR DELETE OR UPDATE ON ledger.project_weights FOR EACH STATEMENT EXECUTE FUNCTION ledger.project_rules_reset();

--
-- Name: project_weights project_weights_refuse_truncate; Type: TRIGGER; Schema: ledger; Owner: propledger_owner
--

CREATE TRIGGER project_weights_refuse_truncate BEFORE TRUNCATE ON ledger.project_weights FOR EACH STATEMENT EXECUTE FUNCTION audit.refuse_truncate();

--
-- Name: projects projects_audit_delete; Type: TRIGGER; Schema: ledger; Owner: propledger_owner
--

CREATE TRIGGER projects_audit_delete AFTER DELETE ON ledger.projects REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.record_changes('project_code');

--
-- Name: projects projects_audit_insert; Type: TRIGGER; Schema: ledger; Owner: propledger_owner
--

CREATE TRIGGER projects_audit_insert AFTER INSERT ON ledger.projects REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.record_changes('project_code');

--
-- Name: projects projects_audit_update; Type: TRIGGER; Schema: ledger; Owner: propledger_owner
--

CREATE TRIGGER projects_audit_update AFTER UPDATE ON ledger.projects REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.record_changes('project_code');

--
-- Name: projects projects_fund_stale_delete; Type: TRIGGER; Schema: ledger; Owner: propledger_owner
--

CREATE TRIGGER projects_fund_stale_delete AFTER DELETE ON ledger.projects REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION ledger.mark_stale('fund', 'compound');

--
-- Name: projects projects_fund_stale_insert; Type: TRIGGER; Schema: ledger; Owner: propledger_owner
--

CREATE TRIGGER projects_fund_stale_insert AFTER INSERT ON ledger.projects REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ledger.mark_stale('fund', 'compound');

--
-- Name: projects projects_fund_stale_update; Type: TRIGGER; Schema: ledger; Owner: propledger_owner
--

CREATE TRIGGER projects_fund_stale_update AFTER UPDATE ON ledger.projects REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ledger.mark_stale('fund', 'compound');

--
-- Name: projects projects_project_rules_queue_delete; Type: TRIGGER; Schema: ledger; Owner: propledger_owner
--

CREATE TRIGGER projects_project_rules_queue_delete AFTER DELETE ON ledger.projects REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION ledger.project_rules_queue();

--
-- Name: projects projects_project_rules_queue_insert; Type: TRIGGER; Schema: ledger; Owner: propledger_owner
--

CREATE TRIGGER projects_project_rules_queue_insert AFTER INSERT ON ledger.projects REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ledger.project_rules_queue();

--
-- Name: projects projects_project_rules_queue_update; Type: TRIGGER; Schema: ledger; Owner: propledger_owner
--

CREATE TRIGGER projects_project_rules_queue_update AFTER UPDATE ON ledger.projects REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ledger.project_rules_queue();

--
-- Name: projects projects_project_rules_reset; Type: TRIGGER; Schema: ledger; Owner: propledger_owner
--

CREATE TRIGGER projects_project_rules_reset BEFORE INSERT OR DELETE OR UPDATE ON ledger.projects FOR EACH STATEMENT EXECUTE FUNCTION ledger.project_rules_reset();

--
-- Name: projects projects_projects_stale_delete; Type: TRIGGER; Schema: ledger; Owner: propledger_owner
--

CREATE TRIGGER projects_projects_stale_delete AFTER DELETE ON ledger.projects REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION ledger.mark_stale('projects', 'project');

--
-- Name: projects projects_projects_stale_insert; Type: TRIGGER; Schema: ledger; Owner: propledger_owner
--

CREATE TRIGGER projects_projects_stale_insert AFTER INSERT ON ledger.projects REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ledger.mark_stale('projects', 'project');

--
-- Name: projects projects_projects_stale_update; Type: TRIGGER; Schema: ledger; Owner: propledger_owner
--

CREATE TRIGGER projects_projects_stale_update AFTER UPDATE ON ledger.projects REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ledger.mark_stale('projects', 'project');

--
-- Name: projects projects_refuse_truncate; Type: TRIGGER; Schema: ledger; Owner: propledger_owner
--

CREATE TRIGGER projects_refuse_truncate BEFORE TRUNCATE ON ledger.projects FOR EACH STATEMENT EXECUTE FUNCTION audit.refuse_truncate();

--
-- Name: rectifications rectifications_audit_delete; Type: TRIGGER; Schema: ledger; Owner: propledger_owner
--

CREATE TRIGGER rectifications_audit_delete AFTER DELETE ON ledger.rectifications REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.record_changes('inspection_code', 'item_no');

--
-- Name: rectifications rectifications_audit_insert; Type: TRIGGER; Schema: ledger; Owner: propledger_owner
--

CREATE TRIGGER rectifications_audit_insert AFTER INSERT ON ledger.rectifications REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.record_changes('inspection_code', 'item_no');

--
-- Name: rectifications rectifications_audit_update; Type: TRIGGER; Schema: ledger; Owner: propledger_owner
--

CREATE TRIGGER rectifications_audit_update AFTER UPDATE ON ledger.rectifications REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.record_changes('inspection_code', 'item_no');

--
-- Name: rectifications rectifications_refuse_truncate; Type: TRIGGER; Schema: ledger; Owner: propledger_owner
--

CREATE TRIGGER rectifications_refuse_truncate BEFORE TRUNCATE ON ledger.rectifications FOR EACH STATEMENT EXECUTE FUNCTION audit.refuse_truncate();

--
-- Name: rule_parameters rule_parameters_audit_delete; Type: TRIGGER; Schema: ledger; Owner: propledger_owner
--

CREATE TRIGGER rule_parameters_audit_delete AFTER DELETE ON ledger.rule_parameters REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.record_changes('parameter');

--
-- Name: rule_parameters rule_parameters_audit_insert; Type: TRIGGER; Schema: ledger; Owner: propledger_owner
--

CREATE TRIGGER rule_parameters_audit_insert AFTER INSERT ON ledger.rule_parameters REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.record_changes('parameter');

--
-- Name: rule_parameters rule_parameters_audit_update; Type: TRIGGER; Schema: ledger; Owner: propledger_owner
--

CREATE TRIGGER rule_parameters_audit_update AFTER UPDATE ON ledger.rule_parameters REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.record_changes('parameter');

--
-- Name: rule_parameters rule_parameters_refuse_truncate; Type: TRIGGER; Schema: ledger; Owner: propledger_owner
--

CREATE TRIGGER rule_parameters_refuse_truncate BEFORE TRUNCATE ON ledger.rule_parameters FOR EACH STATEMENT EXECUTE FUNCTION audit.refuse_truncate();

--
-- Name: rules rules_audit_delete; Type: TRIGGER; Schema: ledger; Owner: propledger_owner
--

CREATE TRIGGER rules_audit_delete AFTER DELETE ON ledger.rules REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.record_changes('jurisdiction', 'parameter', 'effective_from');

--
-- Name: rules rules_audit_insert; Type: TRIGGER; Schema: ledger; Owner: propledger_owner
--

CREATE TRIGGER rules_audit_insert AFTER INSERT ON ledger.rules REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.record_changes('jurisdiction', 'parameter', 'effective_from');

--
-- Name: rules rules_audit_update; Type: TRIGGER; Schema: ledger; Owner: propledger_owner
--

CREATE TRIGGER rules_audit_update AFTER UPDATE ON ledger.rules REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.record_changes('jurisdiction', 'parameter', 'effective_from');

--
-- Name: rules rules_committee_rules_reset; Type: TRIGGER; Schema: ledger; Owner: propledger_owner
--

CREATE TRIGGER rules_committee_rules_reset BEFORE INSERT OR DELETE OR UPDATE ON ledger.rules FOR EACH STATEMENT EXECUTE FUNCTION ledger.committee_rules_reset();

--
-- Name: rules rules_keep_vote_laws; Type: TRIGGER; Schema: ledger; Owner: propledger_owner
--

CREATE TRIGGER rules_keep_vote_laws AFTER INSERT OR DELETE OR UPDATE OR TRUNCATE ON ledger.rules FOR EACH STATEMENT EXECUTE FUNCTION ledger.keep_vote_laws();

ALTER TABLE ledger.rules ENABLE ALWAYS TRIGGER rules_keep_vote_laws;

--
-- Name: rules rules_project_rules_reset; Type: TRIGGER; Schema: ledger; Owner: propledger_owner
--

CREATE TRIGGER rules_project_rules_reset BEFORE INSERT OR DELETE OR UPDATE ON ledger.rules FOR EACH STATEMENT EXECUTE FUNCTION ledger.project_rules_reset();

--
-- Name: rules rules_refuse_truncate; Type: TRIGGER; Schema: ledger; Owner: propledger_owner
--

CREATE TRIGGER rules_refuse_truncate BEFORE TRUNCATE ON ledger.rules FOR EACH STATEMENT EXECUTE FUNCTION audit.refuse_truncate();

--
-- Name: settings settings_audit_delete; Type: TRIGGER; Schema: ledger; Owner: propledger_owner
--

CREATE TRIGGER settings_audit_delete AFTER DELETE ON ledger.settings REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.record_changes('key');

--
-- Name: settings settings_audit_insert; Type: TRIGGER; Schema: ledger; Owner: propledger_owner
--

CREATE TRIGGER settings_audit_insert AFTER INSERT ON ledger.settings REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.record_changes('key');

--
-- Name: settings settings_audit_update; Type: TRIGGER; Schema: ledger; Owner: propledger_owner
--

CREATE TRIGGER settings_audit_update AFTER UPDATE ON ledger.settings REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.record_changes('key');

--
-- Name: settings settings_refuse_truncate; Type: TRIGGER; Schema: ledger; Owner: propledger_owner
--

CREATE TRIGGER settings_refuse_truncate BEFORE TRUNCATE ON ledger.settings FOR EACH STATEMENT EXECUTE FUNCTION audit.refuse_truncate();

--
-- Name: settings settings_score_weights_sum_to_one; Type: TRIGGER; Schema: ledger; Owner: propledger_owner
--

CREATE CONSTRAINT TRIGGER settings_score_weights_sum_to_one AFTER INSERT OR DELETE OR UPDATE ON ledger.settings DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ledger.settings_weights_trigger();

--
-- Name: staff_scope staff_scope_audit_delete; Type: TRIGGER; Schema: ledger; Owner: propledger_owner
--

CREATE TRIGGER staff_scope_audit_delete AFTER DELETE ON ledger.staff_scope REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.record_changes('role_name', 'district_code');

--
-- Name: staff_scope staff_scope_audit_insert; Type: TRIGGER; Schema: ledger; Owner: propledger_owner
--

CREATE TRIGGER staff_scope_audit_insert AFTER INSERT ON ledger.staff_scope REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.record_changes('role_name', 'district_code');

--
-- Name: staff_scope staff_scope_audit_update; Type: TRIGGER; Schema: ledger; Owner: propledger_owner
--

CREATE TRIGGER staff_scope_audit_update AFTER UPDATE ON ledger.staff_scope REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.record_changes('role_name', 'district_code');

--
-- Name: staff_scope staff_scope_refuse_truncate; Type: TRIGGER; Schema: ledger; Owner: propledger_owner
--

CREATE TRIGGER staff_scope_refuse_truncate BEFORE TRUNCATE ON ledger.staff_scope FOR EACH STATEMENT EXECUTE FUNCTION audit.refuse_truncate();

--
-- Name: streets streets_audit_delete; Type: TRIGGER; Schema: ledger; Owner: propledger_owner
--

CREATE TRIGGER streets_audit_delete AFTER DELETE ON ledger.streets REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.record_changes('street_code');

--
-- Name: streets streets_audit_insert; Type: TRIGGER; Schema: ledger; Owner: propledger_owner
--

CREATE TRIGGER streets_audit_insert AFTER INSERT ON ledger.streets REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.record_changes('street_code');

--
-- Name: streets streets_audit_update; Type: TRIGGER; Schema: ledger; Owner: propledger_owner
--

CREATE TRIGGER streets_audit_update AFTER UPDATE ON ledger.streets REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.record_changes('street_code');

--
-- Name: streets streets_refuse_truncate; Type: TRIGGER; Schema: ledger; Owner: propledger_owner
--

CREATE TRIGGER streets_refuse_truncate BEFORE TRUNCATE ON ledger.streets FOR EACH STATEMENT EXECUTE FUNCTION audit.refuse_truncate();

--
-- Name: surveys surveys_audit_delete; Type: TRIGGER; Schema: ledger; Owner: propledger_owner
--

CREATE TRIGGER surveys_audit_delete AFTER DELETE ON ledger.surveys REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.record_changes('compound_code', 'period');

--
-- Name: surveys surveys_audit_insert; Type: TRIGGER; Schema: ledger; Owner: propledger_owner
--

CREATE TRIGGER surveys_audit_insert AFTER INSERT ON ledger.surveys REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.record_changes('compound_code', 'period');

--
-- Name: surveys surveys_audit_update; Type: TRIGGER; Schema: ledger; Owner: propledger_owner
--

CREATE TRIGGER surveys_audit_update AFTER UPDATE ON ledger.surveys REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.record_changes('compound_code', 'period');

--
-- Name: surveys surveys_refuse_truncate; Type: TRIGGER; Schema: ledger; Owner: propledger_owner
--

CREATE TRIGGER surveys_refuse_truncate BEFORE TRUNCATE ON ledger.surveys FOR EACH STATEMENT EXECUTE FUNCTION audit.refuse_truncate();

--
-- Name: units units_audit_delete; Type: TRIGGER; Schema: ledger; Owner: propledger_owner
--

CREATE TRIGGER units_audit_delete AFTER DELETE ON ledger.units REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.record_changes('compound_code', 'building', 'unit_no');

--
-- Name: units units_audit_insert; Type: TRIGGER; Schema: ledger; Owner: propledger_owner
--

CREATE TRIGGER units_audit_insert AFTER INSERT ON ledger.units REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.record_changes('compound_code', 'building', 'unit_no');

--
-- Name: units units_audit_update; Type: TRIGGER; Schema: ledger; Owner: propledger_owner
--

CREATE TRIGGER units_audit_update AFTER UPDATE ON ledger.units REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.record_changes('compound_code', 'building', 'unit_no');

--
-- Name: units units_committee_rules_reset; Type: TRIGGER; Schema: ledger; Owner: propledger_owner
--

CREATE TRIGGER units_committee_rules_reset BEFORE INSERT OR DELETE OR UPDATE ON ledger.units FOR EACH STATEMENT EXECUTE FUNCTION ledger.committee_rules_reset();

--
-- Name: units units_fund_stale_delete; Type: TRIGGER; Schema: ledger; Owner: propledger_owner
--

CREATE TRIGGER units_fund_stale_delete AFTER DELETE ON ledger.units REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION ledger.mark_stale('fund', 'compound');

--
-- Name: units units_fund_stale_insert; Type: TRIGGER; Schema: ledger; Owner: propledger_owner
--

CREATE TRIGGER units_fund_stale_insert AFTER INSERT ON ledger.units REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ledger.mark_stale('fund', 'compound');

--
-- Name: units units_fund_stale_update; Type: TRIGGER; Schema: ledger; Owner: propledger_owner
--

CREATE TRIGGER units_fund_stale_update AFTER UPDATE ON ledger.units REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ledger.mark_stale('fund', 'compound');

--
-- Name: units units_project_rules_reset; Type: TRIGGER; Schema: ledger; Owner: propledger_owner
--

CREATE TRIGGER units_project_rules_reset BEFORE INSERT OR DELETE OR UPDATE ON ledger.units FOR EACH STATEMENT EXECUTE FUNCTION ledger.project_rules_reset();

--
-- Name: units units_projects_stale_delete; Type: TRIGGER; Schema: ledger; Owner: propledger_owner
--

CREATE TRIGGER units_projects_stale_delete AFTER DELETE ON ledger.units REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION ledger.mark_stale('projects', 'compound');

--
-- Name: units units_projects_stale_insert; Type: TRIGGER; Schema: ledger; Owner: propledger_owner
--

CREATE TRIGGER units_projects_stale_insert AFTER INSERT ON ledger.units REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ledger.mark_stale('projects', 'compound');

--
-- Name: units units_projects_stale_update; Type: TRIGGER; Schema: ledger; Owner: propledger_owner
--

CREATE TRIGGER units_projects_stale_update AFTER UPDATE ON ledger.units REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ledger.mark_stale('projects', 'compound');

--
-- Name: units units_refuse_truncate; Type: TRIGGER; Schema: ledger; Owner: propledger_owner
--

CREATE TRIGGER units_refuse_truncate BEFORE TRUNCATE ON ledger.units FOR EACH STATEMENT EXECUTE FUNCTION audit.refuse_truncate();

--
-- Name: votes votes_audit_delete; Type: TRIGGER; Schema: ledger; Owner: propledger_owner
--

CREATE TRIGGER votes_audit_delete AFTER DELETE ON ledger.votes REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.record_changes('project_code', 'matter', 'held_on');

--
-- Name: votes votes_audit_insert; Type: TRIGGER; Schema: ledger; Owner: propledger_owner
--

CREATE TRIGGER votes_audit_insert AFTER INSERT ON ledger.votes REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.record_changes('project_code', 'matter', 'held_on');

--
-- Name: votes votes_audit_update; Type: TRIGGER; Schema: ledger; Owner: propledger_owner
--

CREATE TRIGGER votes_audit_update AFTER UPDATE ON ledger.votes REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.record_changes('project_code', 'matter', 'held_on');

--
-- Name: votes votes_project_rules_queue_delete; Type: TRIGGER; Schema: ledger; Owner: propledger_owner
--

CREATE TRIGGER votes_project_rules_queue_delete AFTER DELETE ON ledger.votes REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION ledger.project_rules_queue();

--
-- Name: votes votes_project_rules_queue_insert; Type: TRIGGER; Schema: ledger; Owner: propledger_owner
--

CREATE TRIGGER votes_project_rules_queue_insert AFTER INSERT ON ledger.votes REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ledger.project_rules_queue();

--
-- Name: votes votes_project_rules_queue_update; Type: TRIGGER; Schema: ledger; Owner: propledger_owner
--

CREATE TRIGGER votes_project_rules_queue_update AFTER UPDATE ON ledger.votes REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ledger.project_rules_queue();

--
-- Name: votes votes_project_rules_reset; Type: TRIGGER; Schema: ledger; Owner: propledger_owner
--

CREATE TRIGGER votes_project_rules_reset BEFORE INSERT OR DELETE OR UPDATE ON ledger.votes FOR EACH STATEMENT EXECUTE FUNCTION ledger.project_rules_reset();

--
-- Name: votes votes_projects_stale_delete; Type: TRIGGER; Schema: ledger; Owner: propledger_owner
--

CREATE TRIGGER votes_projects_stale_delete AFTER DELETE ON ledger.votes REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION ledger.mark_stale('projects', 'project');

--
-- Name: votes votes_projects_stale_insert; Type: TRIGGER; Schema: ledger; Owner: propledger_owner
--

CREATE TRIGGER votes_projects_stale_insert AFTER INSERT ON ledger.votes REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ledger.mark_stale('projects', 'project');

--
-- Name: votes votes_projects_stale_update; Type: TRIGGER; Schema: ledger; Owner: propledger_owner
--

CREATE TRIGGER votes_projects_stale_update AFTER UPDATE ON ledger.votes REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ledger.mark_stale('projects', 'project');

--
-- Name: votes votes_refuse_truncate; Type: TRIGGER; Schema: ledger; Owner: propledger_owner
--

CREATE TRIGGER votes_refuse_truncate BEFORE TRUNCATE ON ledger.votes FOR EACH STATEMENT EXECUTE FUNCTION audit.refuse_truncate();

--
-- Name: project_rules_pending project_rules_deferred; Type: TRIGGER; Schema: staging; Owner: propledger_owner
--

CREATE CONSTRAINT TRIGGER project_rules_deferred AFTER INSERT ON staging.project_rules_pending DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ledger.project_rules_trigger();

--
-- Name: projects_stale projects_stale_totals; Type: TRIGGER; Schema: staging; Owner: propledger_owner
--

CREATE TRIGGER projects_stale_totals AFTER DELETE ON staging.projects_stale REFERENCING OLD TABLE AS cleared FOR EACH STATEMENT EXECUTE FUNCTION ledger.project_totals_follow();

--
-- Name: suspended_foreign_keys suspended_foreign_keys_restored; Type: TRIGGER; Schema: staging; Owner: propledger_owner
--

CREATE CONSTRAINT TRIGGER suspended_foreign_keys_restored AFTER INSERT ON staging.suspended_foreign_keys DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION staging.suspended_foreign_key_restored();

--
-- Name: ballots ballots_project_fkey; Type: FK CONSTRAINT; Schema: ledger; Owner: propledger_owner
--

ALTER TABLE ONLY ledger.ballots
    ADD CONSTRAINT ballots_project_fkey FOREIGN KEY (project_code, district_code) REFERENCES ledger.projects(project_code, district_code) DEFERRABLE INITIALLY DEFERRED;

--
-- Name: ballots ballots_vote_fkey; Type: FK CONSTRAINT; Schema: ledger; Owner: propledger_owner
--

ALTER TABLE ONLY ledger.ballots
    ADD CONSTRAINT ballots_vote_fkey FOREIGN KEY (project_code, matter, held_on) REFERENCES ledger.votes(project_code, matter, held_on) DEFERRABLE INITIALLY DEFERRED;

--
-- Name: clearance clearance_compound_fkey; Type: FK CONSTRAINT; Schema: ledger; Owner: propledger_owner
--

ALTER TABLE ONLY ledger.clearance
    ADD CONSTRAINT clearance_compound_fkey FOREIGN KEY (compound_code, district_code) REFERENCES ledger.compounds(compound_code, district_code) DEFERRABLE INITIALLY DEFERRED;

--
-- Name: co_building_units co_building_units_community_fkey; Type: FK CONSTRAINT; Schema: ledger; Owner: propledger_owner
--

ALTER TABLE ONLY ledger.co_building_units
    ADD CONSTRAINT co_building_units_community_fkey FOREIGN KEY (community_code, district_code) REFERENCES ledger.communities(community_code, district_code) DEFERRABLE INITIALLY DEFERRED;

--
-- Name: committees committees_compound_fkey; Type: FK CONSTRAINT; Schema: ledger; Owner: propledger_owner
--

ALTER TABLE ONLY ledger.committees
    ADD CONSTRAINT committees_compound_fkey FOREIGN KEY (compound_code, district_code) REFERENCES ledger.compounds(compound_code, district_code) DEFERRABLE INITIALLY DEFERRED;

--
-- Name: communities communities_street_fkey; Type: FK CONSTRAINT; Schema: ledger; Owner: propledger_owner
--

ALTER TABLE ONLY ledger.communities
    ADD CONSTRAINT communities_street_fkey FOREIGN KEY (street_code, district_code) REFERENCES ledger.streets(street_code, district_code) DEFERRABLE INITIALLY DEFERRED;

--
-- Name: companies companies_district_fkey; Type: FK CONSTRAINT; Schema: ledger; Owner: propledger_owner
--

ALTER TABLE ONLY ledger.companies
    ADD CONSTRAINT companies_district_fkey FOREIGN KEY (district_code) REFERENCES ledger.districts(district_code) DEFERRABLE INITIALLY DEFERRED;

--
-- Name: complaints complaints_company_fkey; Type: FK CONSTRAINT; Schema: ledger; Owner: propledger_owner
--

ALTER TABLE ONLY ledger.complaints
    ADD CONSTRAINT complaints_company_fkey FOREIGN KEY (company_uscc) REFERENCES ledger.companies(uscc) DEFERRABLE INITIALLY DEFERRED;

--
-- Name: complaints complaints_compound_fkey; Type: FK CONSTRAINT; Schema: ledger; Owner: propledger_owner
--

ALTER TABLE ONLY ledger.complaints
    ADD CONSTRAINT complaints_compound_fkey FOREIGN KEY (compound_code, district_code) REFERENCES ledger.compounds(compound_code, district_code) DEFERRABLE INITIALLY DEFERRED;

--
-- Name: compounds compounds_community_fkey; Type: FK CONSTRAINT; Schema: ledger; Owner: propledger_owner
--

ALTER TABLE ONLY ledger.compounds
    ADD CONSTRAINT compounds_community_fkey FOREIGN KEY (community_code, district_code) REFERENCES ledger.communities(community_code, district_code) DEFERRABLE INITIALLY DEFERRED;

--
-- Name: fund_deposits fund_deposits_compound_fkey; Type: FK CONSTRAINT; Schema: ledger; Owner: propledger_owner
--

ALTER TABLE ONLY ledger.fund_deposits
    ADD CONSTRAINT fund_deposits_compound_fkey FOREIGN KEY (compound_code, district_code) REFERENCES ledger.compounds(compound_code, district_code) DEFERRABLE INITIALLY DEFERRED;

--
-- Name: fund_deposits fund_deposits_unit_fkey; Type: FK CONSTRAINT; Schema: ledger; Owner: propledger_owner
--

ALTER TABLE ONLY ledger.fund_deposits
    ADD CONSTRAINT fund_deposits_unit_fkey FOREIGN KEY (compound_code, building, unit_no) REFERENCES ledger.units(compound_code, building, unit_no) DEFERRABLE INITIALLY DEFERRED;

--
-- Name: fund_interest fund_interest_compound_fkey; Type: FK CONSTRAINT; Schema: ledger; Owner: propledger_owner
--

ALTER TABLE ONLY ledger.fund_interest
    ADD CONSTRAINT fund_interest_compound_fkey FOREIGN KEY (compound_code, district_code) REFERENCES ledger.compounds(compound_code, district_code) DEFERRABLE INITIALLY DEFERRED;

--
-- Name: funding funding_payer_co_building_unit_fkey; Type: FK CONSTRAINT; Schema: ledger; Owner: propledger_owner
--

ALTER TABLE ONLY ledger.funding
    ADD CONSTRAINT funding_payer_co_building_unit_fkey FOREIGN KEY (payer_co_building_unit) REFERENCES ledger.co_building_units(unit_code) DEFERRABLE INITIALLY DEFERRED;

--
-- Name: funding funding_payer_company_fkey; Type: FK CONSTRAINT; Schema: ledger; Owner: propledger_owner
--

ALTER TABLE ONLY ledger.funding
    ADD CONSTRAINT funding_payer_company_fkey FOREIGN KEY (payer_company_uscc) REFERENCES ledger.companies(uscc) DEFERRABLE INITIALLY DEFERRED;

--
-- Name: funding funding_project_fkey; Type: FK CONSTRAINT; Schema: ledger; Owner: propledger_owner
--

ALTER TABLE ONLY ledger.funding
    ADD CONSTRAINT funding_project_fkey FOREIGN KEY (project_code, district_code) REFERENCES ledger.projects(project_code, district_code) DEFERRABLE INITIALLY DEFERRED;

--
-- Name: inspections inspections_company_fkey; Type: FK CONSTRAINT; Schema: ledger; Owner: propledger_owner
--

ALTER TABLE ONLY ledger.inspections
    ADD CONSTRAINT inspections_company_fkey FOREIGN KEY (company_uscc) REFERENCES ledger.companies(uscc) DEFERRABLE INITIALLY DEFERRED;

--
-- Name: inspections inspections_compound_fkey; Type: FK CONSTRAINT; Schema: ledger; Owner: propledger_owner
--

ALTER TABLE ONLY ledger.inspections
    ADD CONSTRAINT inspections_compound_fkey FOREIGN KEY (compound_code, district_code) REFERENCES ledger.compounds(compound_code, district_code) DEFERRABLE INITIALLY DEFERRED;

--
-- Name: management management_company_fkey; Type: FK CONSTRAINT; Schema: ledger; Owner: propledger_owner
--

ALTER TABLE ONLY ledger.management
    ADD CONSTRAINT management_company_fkey FOREIGN KEY (company_uscc) REFERENCES ledger.companies(uscc) DEFERRABLE INITIALLY DEFERRED;

--
-- Name: management management_compound_fkey; Type: FK CONSTRAINT; Schema: ledger; Owner: propledger_owner
--

ALTER TABLE ONLY ledger.management
    ADD CONSTRAINT management_compound_fkey FOREIGN KEY (compound_code, district_code) REFERENCES ledger.compounds(compound_code, district_code) DEFERRABLE INITIALLY DEFERRED;

--
-- Name: owners owners_compound_fkey; Type: FK CONSTRAINT; Schema: ledger; Owner: propledger_owner
--

ALTER TABLE ONLY ledger.owners
    ADD CONSTRAINT owners_compound_fkey FOREIGN KEY (compound_code, district_code) REFERENCES ledger.compounds(compound_code, district_code) DEFERRABLE INITIALLY DEFERRED;

--
-- Name: owners owners_unit_fkey; Type: FK CONSTRAINT; Schema: ledger; Owner: propledger_owner
--

ALTER TABLE ONLY ledger.owners
    ADD CONSTRAINT owners_unit_fkey FOREIGN KEY (compound_code, building, unit_no) REFERENCES ledger.units(compound_code, building, unit_no) DEFERRABLE INITIALLY DEFERRED;

--
-- Name: party_orgs party_orgs_host_company_fkey; Type: FK CONSTRAINT; Schema: ledger; Owner: propledger_owner
--

ALTER TABLE ONLY ledger.party_orgs
    ADD CONSTRAINT party_orgs_host_company_fkey FOREIGN KEY (host_company_uscc, district_code) REFERENCES ledger.companies(uscc, district_code) DEFERRABLE INITIALLY DEFERRED;

--
-- Name: party_orgs party_orgs_host_compound_fkey; Type: FK CONSTRAINT; Schema: ledger; Owner: propledger_owner
--

ALTER TABLE ONLY ledger.party_orgs
    ADD CONSTRAINT party_orgs_host_compound_fkey FOREIGN KEY (host_compound_code, district_code) REFERENCES ledger.compounds(compound_code, district_code) DEFERRABLE INITIALLY DEFERRED;

--
-- Name: payments payments_payer_co_building_unit_fkey; Type: FK CONSTRAINT; Schema: ledger; Owner: propledger_owner
--

ALTER TABLE ONLY ledger.payments
    ADD CONSTRAINT payments_payer_co_building_unit_fkey FOREIGN KEY (payer_co_building_unit) REFERENCES ledger.co_building_units(unit_code) DEFERRABLE INITIALLY DEFERRED;

--
-- Name: payments payments_payer_company_fkey; Type: FK CONSTRAINT; Schema: ledger; Owner: propledger_owner
--

ALTER TABLE ONLY ledger.payments
    ADD CONSTRAINT payments_payer_company_fkey FOREIGN KEY (payer_company_uscc) REFERENCES ledger.companies(uscc) DEFERRABLE INITIALLY DEFERRED;

--
-- Name: payments payments_project_fkey; Type: FK CONSTRAINT; Schema: ledger; Owner: propledger_owner
--

ALTER TABLE ONLY ledger.payments
    ADD CONSTRAINT payments_project_fkey FOREIGN KEY (project_code, district_code) REFERENCES ledger.projects(project_code, district_code) DEFERRABLE INITIALLY DEFERRED;

--
-- Name: project_weights project_weights_project_fkey; Type: FK CONSTRAINT; Schema: ledger; Owner: propledger_owner
--

ALTER TABLE ONLY ledger.project_weights
    ADD CONSTRAINT project_weights_project_fkey FOREIGN KEY (project_code, district_code) REFERENCES ledger.projects(project_code, district_code) DEFERRABLE INITIALLY DEFERRED;

--
-- Name: projects projects_compound_fkey; Type: FK CONSTRAINT; Schema: ledger; Owner: propledger_owner
--

ALTER TABLE ONLY ledger.projects
    ADD CONSTRAINT projects_compound_fkey FOREIGN KEY (compound_code, district_code) REFERENCES ledger.compounds(compound_code, district_code) DEFERRABLE INITIALLY DEFERRED;

--
-- Name: rectifications rectifications_inspection_fkey; Type: FK CONSTRAINT; Schema: ledger; Owner: propledger_owner
--

ALTER TABLE ONLY ledger.rectifications
    ADD CONSTRAINT rectifications_inspection_fkey FOREIGN KEY (inspection_code, district_code) REFERENCES ledger.inspections(inspection_code, district_code) DEFERRABLE INITIALLY DEFERRED;

--
-- Name: rules rules_jurisdiction_fkey; Type: FK CONSTRAINT; Schema: ledger; Owner: propledger_owner
--

ALTER TABLE ONLY ledger.rules
    ADD CONSTRAINT rules_jurisdiction_fkey FOREIGN KEY (jurisdiction) REFERENCES ledger.jurisdictions(jurisdiction);

--
-- Name: rules rules_parameter_fkey; Type: FK CONSTRAINT; Schema: ledger; Owner: propledger_owner
--

ALTER TABLE ONLY ledger.rules
    ADD CONSTRAINT rules_parameter_fkey FOREIGN KEY (parameter, value_type) REFERENCES ledger.rule_parameters(parameter, value_type);

--
-- Name: staff_scope staff_scope_district_fkey; Type: FK CONSTRAINT; Schema: ledger; Owner: propledger_owner
--

ALTER TABLE ONLY ledger.staff_scope
    ADD CONSTRAINT staff_scope_district_fkey FOREIGN KEY (district_code) REFERENCES ledger.districts(district_code) ON DELETE CASCADE;

--
-- Name: streets streets_district_fkey; Type: FK CONSTRAINT; Schema: ledger; Owner: propledger_owner
--

ALTER TABLE ONLY ledger.streets
    ADD CONSTRAINT streets_district_fkey FOREIGN KEY (district_code) REFERENCES ledger.districts(district_code) DEFERRABLE INITIALLY DEFERRED;

--
-- Name: surveys surveys_company_fkey; Type: FK CONSTRAINT; Schema: ledger; Owner: propledger_owner
--

ALTER TABLE ONLY ledger.surveys
    ADD CONSTRAINT surveys_company_fkey FOREIGN KEY (company_uscc) REFERENCES ledger.companies(uscc) DEFERRABLE INITIALLY DEFERRED;

--
-- Name: surveys surveys_compound_fkey; Type: FK CONSTRAINT; Schema: ledger; Owner: propledger_owner
--

ALTER TABLE ONLY ledger.surveys
    ADD CONSTRAINT surveys_compound_fkey FOREIGN KEY (compound_code, district_code) REFERENCES ledger.compounds(compound_code, district_code) DEFERRABLE INITIALLY DEFERRED;

--
-- Name: units units_compound_fkey; Type: FK CONSTRAINT; Schema: ledger; Owner: propledger_owner
--

ALTER TABLE ONLY ledger.units
    ADD CONSTRAINT units_compound_fkey FOREIGN KEY (compound_code, district_code) REFERENCES ledger.compounds(compound_code, district_code) DEFERRABLE INITIALLY DEFERRED;

--
-- Name: votes votes_project_fkey; Type: FK CONSTRAINT; Schema: ledger; Owner: propledger_owner
--

ALTER TABLE ONLY ledger.votes
    ADD CONSTRAINT votes_project_fkey FOREIGN KEY (project_code, district_code) REFERENCES ledger.projects(project_code, district_code) DEFERRABLE INITIALLY DEFERRED;

--
-- Name: load_columns load_columns_kind_fkey; Type: FK CONSTRAINT; Schema: staging; Owner: propledger_owner
--

ALTER TABLE ONLY staging.load_columns
    ADD CONSTRAINT load_columns_kind_fkey FOREIGN KEY (kind) REFERENCES staging.load_kinds(kind);

--
-- Name: load_kinds load_kinds_district_column_fkey; Type: FK CONSTRAINT; Schema: staging; Owner: propledger_owner
--

ALTER TABLE ONLY staging.load_kinds
    ADD CONSTRAINT load_kinds_district_column_fkey FOREIGN KEY (kind, district_column) REFERENCES staging.load_columns(kind, column_name) DEFERRABLE INITIALLY DEFERRED;

--
-- Name: load_kinds load_kinds_parent_fkey; Type: FK CONSTRAINT; Schema: staging; Owner: propledger_owner
--

ALTER TABLE ONLY staging.load_kinds
    ADD CONSTRAINT load_kinds_parent_fkey FOREIGN KEY (parent_kind) REFERENCES staging.load_kinds(kind);

--
-- Name: value_labels value_labels_column_fkey; Type: FK CONSTRAINT; Schema: staging; Owner: propledger_owner
--

ALTER TABLE ONLY staging.value_labels
    ADD CONSTRAINT value_labels_column_fkey FOREIGN KEY (kind, column_name) REFERENCES staging.load_columns(kind, column_name);

--
-- Name: value_synonyms value_synonyms_code_fkey; Type: FK CONSTRAINT; Schema: staging; Owner: propledger_owner
--

ALTER TABLE ONLY staging.value_synonyms
    ADD CONSTRAINT value_synonyms_code_fkey FOREIGN KEY (kind, column_name, code) REFERENCES staging.value_labels(kind, column_name, code);

--
-- Name: ballots; Type: ROW SECURITY; Schema: ledger; Owner: propledger_owner
--

ALTER TABLE ledger.ballots ENABLE ROW LEVEL SECURITY;

--
-- Name: ballots ballots_district_scope; Type: POLICY; Schema: ledger; Owner: propledger_owner
--

CREATE POLICY ballots_district_scope ON ledger.ballots USING ((( SELECT ledger.scope_is_city() AS scope_is_city) OR (district_code = ANY (( SELECT ledger.scope_districts() AS scope_districts)::text[])))) WITH CHECK ((( SELECT ledger.scope_is_city() AS scope_is_city) OR (district_code = ANY (( SELECT ledger.scope_districts() AS scope_districts)::text[]))));

--
-- Name: clearance; Type: ROW SECURITY; Schema: ledger; Owner: propledger_owner
--

ALTER TABLE ledger.clearance ENABLE ROW LEVEL SECURITY;

--
-- Name: clearance clearance_district_scope; Type: POLICY; Schema: ledger; Owner: propledger_owner
--

CREATE POLICY clearance_district_scope ON ledger.clearance USING ((( SELECT ledger.scope_is_city() AS scope_is_city) OR (district_code = ANY (( SELECT ledger.scope_districts() AS scope_districts)::text[])))) WITH CHECK ((( SELECT ledger.scope_is_city() AS scope_is_city) OR (district_code = ANY (( SELECT ledger.scope_districts() AS scope_districts)::text[]))));

--
-- Name: co_building_units; Type: ROW SECURITY; Schema: ledger; Owner: propledger_owner
--

ALTER TABLE ledger.co_building_units ENABLE ROW LEVEL SECURITY;

--
-- Name: co_building_units co_building_units_district_scope; Type: POLICY; Schema: ledger; Owner: propledger_owner
--

CREATE POLICY co_building_units_district_scope ON ledger.co_building_units USING ((( SELECT ledger.scope_is_city() AS scope_is_city) OR (district_code = ANY (( SELECT ledger.scope_districts() AS scope_districts)::text[])))) WITH CHECK ((( SELECT ledger.scope_is_city() AS scope_is_city) OR (district_code = ANY (( SELECT ledger.scope_districts() AS scope_districts)::text[]))));

--
-- Name: committees; Type: ROW SECURITY; Schema: ledger; Owner: propledger_owner
--

ALTER TABLE ledger.committees ENABLE ROW LEVEL SECURITY;

--
-- Name: committees committees_district_scope; Type: POLICY; Schema: ledger; Owner: propledger_owner
--

CREATE POLICY committees_district_scope ON ledger.committees USING ((( SELECT ledger.scope_is_city() AS scope_is_city) OR (district_code = ANY (( SELECT ledger.scope_districts() AS scope_districts)::text[])))) WITH CHECK ((( SELECT ledger.scope_is_city() AS scope_is_city) OR (district_code = ANY (( SELECT ledger.scope_districts() AS scope_districts)::text[]))));

--
-- Name: communities; Type: ROW SECURITY; Schema: ledger; Owner: propledger_owner
--

ALTER TABLE ledger.communities ENABLE ROW LEVEL SECURITY;

--
-- Name: communities communities_delete_in_scope; Type: POLICY; Schema: ledger; Owner: propledger_owner
--

CREATE POLICY communities_delete_in_scope ON ledger.communities FOR DELETE USING ((( SELECT ledger.scope_is_city() AS scope_is_city) OR (district_code = ANY (( SELECT ledger.scope_districts() AS scope_districts)::text[]))));

--
-- Name: communities communities_insert_in_scope; Type: POLICY; Schema: ledger; Owner: propledger_owner
--

CREATE POLICY communities_insert_in_scope ON ledger.communities FOR INSERT WITH CHECK ((( SELECT ledger.scope_is_city() AS scope_is_city) OR (district_code = ANY (( SELECT ledger.scope_districts() AS scope_districts)::text[]))));

--
-- Name: communities communities_read_city_wide; Type: POLICY; Schema: ledger; Owner: propledger_owner
--

CREATE POLICY communities_read_city_wide ON ledger.communities FOR SELECT USING (true);

--
-- Name: communities communities_update_in_scope; Type: POLICY; Schema: ledger; Owner: propledger_owner
--

CREATE POLICY communities_update_in_scope ON ledger.communities FOR UPDATE USING ((( SELECT ledger.scope_is_city() AS scope_is_city) OR (district_code = ANY (( SELECT ledger.scope_districts() AS scope_districts)::text[])))) WITH CHECK ((( SELECT ledger.scope_is_city() AS scope_is_city) OR (district_code = ANY (( SELECT ledger.scope_districts() AS scope_districts)::text[]))));

--
-- Name: companies; Type: ROW SECURITY; Schema: ledger; Owner: propledger_owner
--

ALTER TABLE ledger.companies ENABLE ROW LEVEL SECURITY;

--
-- Name: companies companies_delete_in_scope; Type: POLICY; Schema: ledger; Owner: propledger_owner
--

CREATE POLICY companies_delete_in_scope ON ledger.companies FOR DELETE USING ((( SELECT ledger.scope_is_city() AS scope_is_city) OR (district_code = ANY (( SELECT ledger.scope_districts() AS scope_districts)::text[]))));

--
-- Name: companies companies_insert_in_scope; Type: POLICY; Schema: ledger; Owner: propledger_owner
--

CREATE POLICY companies_insert_in_scope ON ledger.companies FOR INSERT WITH CHECK ((( SELECT ledger.scope_is_city() AS scope_is_city) OR (district_code = ANY (( SELECT ledger.scope_districts() AS scope_districts)::text[]))));

--
-- Name: companies companies_read_city_wide; Type: POLICY; Schema: ledger; Owner: propledger_owner
--

CREATE POLICY companies_read_city_wide ON ledger.companies FOR SELECT USING (true);

--
-- Name: companies companies_update_in_scope; Type: POLICY; Schema: ledger; Owner: propledger_owner
--

CREATE POLICY companies_update_in_scope ON ledger.companies FOR UPDATE USING ((( SELECT ledger.scope_is_city() AS scope_is_city) OR (district_code = ANY (( SELECT ledger.scope_districts() AS scope_districts)::text[])))) WITH CHECK ((( SELECT ledger.scope_is_city() AS scope_is_city) OR (district_code = ANY (( SELECT ledger.scope_districts() AS scope_districts)::text[]))));

--
-- Name: complaints; Type: ROW SECURITY; Schema: ledger; Owner: propledger_owner
--

ALTER TABLE ledger.complaints ENABLE ROW LEVEL SECURITY;

--
-- Name: complaints complaints_district_scope; Type: POLICY; Schema: ledger; Owner: propledger_owner
--

CREATE POLICY complaints_district_scope ON ledger.complaints USING ((( SELECT ledger.scope_is_city() AS scope_is_city) OR (district_code = ANY (( SELECT ledger.scope_districts() AS scope_districts)::text[])))) WITH CHECK ((( SELECT ledger.scope_is_city() AS scope_is_city) OR (district_code = ANY (( SELECT ledger.scope_districts() AS scope_districts)::text[]))));

--
-- Name: compounds; Type: ROW SECURITY; Schema: ledger; Owner: propledger_owner
--

ALTER TABLE ledger.compounds ENABLE ROW LEVEL SECURITY;

--
-- Name: compounds compounds_district_scope; Type: POLICY; Schema: ledger; Owner: propledger_owner
--

CREATE POLICY compounds_district_scope ON ledger.compounds USING ((( SELECT ledger.scope_is_city() AS scope_is_city) OR (district_code = ANY (( SELECT ledger.scope_districts() AS scope_districts)::text[])))) WITH CHECK ((( SELECT ledger.scope_is_city() AS scope_is_city) OR (district_code = ANY (( SELECT ledger.scope_districts() AS scope_districts)::text[]))));

--
-- Name: districts; Type: ROW SECURITY; Schema: ledger; Owner: propledger_owner
--

ALTER TABLE ledger.districts ENABLE ROW LEVEL SECURITY;

--
-- Name: districts districts_delete_in_scope; Type: POLICY; Schema: ledger; Owner: propledger_owner
--

CREATE POLICY districts_delete_in_scope ON ledger.districts FOR DELETE USING ((( SELECT ledger.scope_is_city() AS scope_is_city) OR (district_code = ANY (( SELECT ledger.scope_districts() AS scope_districts)::text[]))));

--
-- Name: districts districts_insert_in_scope; Type: POLICY; Schema: ledger; Owner: propledger_owner
--

CREATE POLICY districts_insert_in_scope ON ledger.districts FOR INSERT WITH CHECK ((( SELECT ledger.scope_is_city() AS scope_is_city) OR (district_code = ANY (( SELECT ledger.scope_districts() AS scope_districts)::text[]))));

--
-- Name: districts districts_read_city_wide; Type: POLICY; Schema: ledger; Owner: propledger_owner
--

CREATE POLICY districts_read_city_wide ON ledger.districts FOR SELECT USING (true);

--
-- Name: districts districts_update_in_scope; Type: POLICY; Schema: ledger; Owner: propledger_owner
--

CREATE POLICY districts_update_in_scope ON ledger.districts FOR UPDATE USING ((( SELECT ledger.scope_is_city() AS scope_is_city) OR (district_code = ANY (( SELECT ledger.scope_districts() AS scope_districts)::text[])))) WITH CHECK ((( SELECT ledger.scope_is_city() AS scope_is_city) OR (district_code = ANY (( SELECT ledger.scope_districts() AS scope_districts)::text[]))));

--
-- Name: fund_deposits; Type: ROW SECURITY; Schema: ledger; Owner: propledger_owner
--

ALTER TABLE ledger.fund_deposits ENABLE ROW LEVEL SECURITY;

--
-- Name: fund_deposits fund_deposits_district_scope; Type: POLICY; Schema: ledger; Owner: propledger_owner
--

CREATE POLICY fund_deposits_district_scope ON ledger.fund_deposits USING ((( SELECT ledger.scope_is_city() AS scope_is_city) OR (district_code = ANY (( SELECT ledger.scope_districts() AS scope_districts)::text[])))) WITH CHECK ((( SELECT ledger.scope_is_city() AS scope_is_city) OR (district_code = ANY (( SELECT ledger.scope_districts() AS scope_districts)::text[]))));

--
-- Name: fund_interest; Type: ROW SECURITY; Schema: ledger; Owner: propledger_owner
--

ALTER TABLE ledger.fund_interest ENABLE ROW LEVEL SECURITY;

--
-- Name: fund_interest fund_interest_district_scope; Type: POLICY; Schema: ledger; Owner: propledger_owner
--

CREATE POLICY fund_interest_district_scope ON ledger.fund_interest USING ((( SELECT ledger.scope_is_city() AS scope_is_city) OR (district_code = ANY (( SELECT ledger.scope_districts() AS scope_districts)::text[])))) WITH CHECK ((( SELECT ledger.scope_is_city() AS scope_is_city) OR (district_code = ANY (( SELECT ledger.scope_districts() AS scope_districts)::text[]))));

--
-- Name: funding; Type: ROW SECURITY; Schema: ledger; Owner: propledger_owner
--

ALTER TABLE ledger.funding ENABLE ROW LEVEL SECURITY;

--
-- Name: funding funding_district_scope; Type: POLICY; Schema: ledger; Owner: propledger_owner
--

CREATE POLICY funding_district_scope ON ledger.funding USING ((( SELECT ledger.scope_is_city() AS scope_is_city) OR (district_code = ANY (( SELECT ledger.scope_districts() AS scope_districts)::text[])))) WITH CHECK ((( SELECT ledger.scope_is_city() AS scope_is_city) OR (district_code = ANY (( SELECT ledger.scope_districts() AS scope_districts)::text[]))));

--
-- Name: inspections; Type: ROW SECURITY; Schema: ledger; Owner: propledger_owner
--

ALTER TABLE ledger.inspections ENABLE ROW LEVEL SECURITY;

--
-- Name: inspections inspections_district_scope; Type: POLICY; Schema: ledger; Owner: propledger_owner
--

CREATE POLICY inspections_district_scope ON ledger.inspections USING ((( SELECT ledger.scope_is_city() AS scope_is_city) OR (district_code = ANY (( SELECT ledger.scope_districts() AS scope_districts)::text[])))) WITH CHECK ((( SELECT ledger.scope_is_city() AS scope_is_city) OR (district_code = ANY (( SELECT ledger.scope_districts() AS scope_districts)::text[]))));

--
-- Name: management; Type: ROW SECURITY; Schema: ledger; Owner: propledger_owner
--

ALTER TABLE ledger.management ENABLE ROW LEVEL SECURITY;

--
-- Name: management management_district_scope; Type: POLICY; Schema: ledger; Owner: propledger_owner
--

CREATE POLICY management_district_scope ON ledger.management USING ((( SELECT ledger.scope_is_city() AS scope_is_city) OR (district_code = ANY (( SELECT ledger.scope_districts() AS scope_districts)::text[])))) WITH CHECK ((( SELECT ledger.scope_is_city() AS scope_is_city) OR (district_code = ANY (( SELECT ledger.scope_districts() AS scope_districts)::text[]))));

--
-- Name: owners; Type: ROW SECURITY; Schema: ledger; Owner: propledger_owner
--

ALTER TABLE ledger.owners ENABLE ROW LEVEL SECURITY;

--
-- Name: owners owners_district_scope; Type: POLICY; Schema: ledger; Owner: propledger_owner
--

CREATE POLICY owners_district_scope ON ledger.owners USING ((( SELECT ledger.scope_is_city() AS scope_is_city) OR (district_code = ANY (( SELECT ledger.scope_districts() AS scope_districts)::text[])))) WITH CHECK ((( SELECT ledger.scope_is_city() AS scope_is_city) OR (district_code = ANY (( SELECT ledger.scope_districts() AS scope_districts)::text[]))));

--
-- Name: party_orgs; Type: ROW SECURITY; Schema: ledger; Owner: propledger_owner
--

ALTER TABLE ledger.party_orgs ENABLE ROW LEVEL SECURITY;

--
-- Name: party_orgs party_orgs_district_scope; Type: POLICY; Schema: ledger; Owner: propledger_owner
--

CREATE POLICY party_orgs_district_scope ON ledger.party_orgs USING ((( SELECT ledger.scope_is_city() AS scope_is_city) OR (district_code = ANY (( SELECT ledger.scope_districts() AS scope_districts)::text[])))) WITH CHECK ((( SELECT ledger.scope_is_city() AS scope_is_city) OR (district_code = ANY (( SELECT ledger.scope_districts() AS scope_districts)::text[]))));

--
-- Name: payments; Type: ROW SECURITY; Schema: ledger; Owner: propledger_owner
--

ALTER TABLE ledger.payments ENABLE ROW LEVEL SECURITY;

--
-- Name: payments payments_district_scope; Type: POLICY; Schema: ledger; Owner: propledger_owner
--

CREATE POLICY payments_district_scope ON ledger.payments USING ((( SELECT ledger.scope_is_city() AS scope_is_city) OR (district_code = ANY (( SELECT ledger.scope_districts() AS scope_districts)::text[])))) WITH CHECK ((( SELECT ledger.scope_is_city() AS scope_is_city) OR (district_code = ANY (( SELECT ledger.scope_districts() AS scope_districts)::text[]))));

--
-- Name: project_weights; Type: ROW SECURITY; Schema: ledger; Owner: propledger_owner
--

ALTER TABLE ledger.project_weights ENABLE ROW LEVEL SECURITY;

--
-- Name: project_weights project_weights_district_scope; Type: POLICY; Schema: ledger; Owner: propledger_owner
--

CREATE POLICY project_weights_district_scope ON ledger.project_weights USING ((( SELECT ledger.scope_is_city() AS scope_is_city) OR (district_code = ANY (( SELECT ledger.scope_districts() AS scope_districts)::text[])))) WITH CHECK ((( SELECT ledger.scope_is_city() AS scope_is_city) OR (district_code = ANY (( SELECT ledger.scope_districts() AS scope_districts)::text[]))));

--
-- Name: projects; Type: ROW SECURITY; Schema: ledger; Owner: propledger_owner
--

ALTER TABLE ledger.projects ENABLE ROW LEVEL SECURITY;

--
-- Name: projects projects_district_scope; Type: POLICY; Schema: ledger; Owner: propledger_owner
--

CREATE POLICY projects_district_scope ON ledger.projects USING ((( SELECT ledger.scope_is_city() AS scope_is_city) OR (district_code = ANY (( SELECT ledger.scope_districts() AS scope_districts)::text[])))) WITH CHECK ((( SELECT ledger.scope_is_city() AS scope_is_city) OR (district_code = ANY (( SELECT ledger.scope_districts() AS scope_districts)::text[]))));

--
-- Name: rectifications; Type: ROW SECURITY; Schema: ledger; Owner: propledger_owner
--

ALTER TABLE ledger.rectifications ENABLE ROW LEVEL SECURITY;

--
-- Name: rectifications rectifications_district_scope; Type: POLICY; Schema: ledger; Owner: propledger_owner
--

CREATE POLICY rectifications_district_scope ON ledger.rectifications USING ((( SELECT ledger.scope_is_city() AS scope_is_city) OR (district_code = ANY (( SELECT ledger.scope_districts() AS scope_districts)::text[])))) WITH CHECK ((( SELECT ledger.scope_is_city() AS scope_is_city) OR (district_code = ANY (( SELECT ledger.scope_districts() AS scope_districts)::text[]))));

--
-- Name: streets; Type: ROW SECURITY; Schema: ledger; Owner: propledger_owner
--

ALTER TABLE ledger.streets ENABLE ROW LEVEL SECURITY;

--
-- Name: streets streets_delete_in_scope; Type: POLICY; Schema: ledger; Owner: propledger_owner
--

CREATE POLICY streets_delete_in_scope ON ledger.streets FOR DELETE USING ((( SELECT ledger.scope_is_city() AS scope_is_city) OR (district_code = ANY (( SELECT ledger.scope_districts() AS scope_districts)::text[]))));

--
-- Name: streets streets_insert_in_scope; Type: POLICY; Schema: ledger; Owner: propledger_owner
--

CREATE POLICY streets_insert_in_scope ON ledger.streets FOR INSERT WITH CHECK ((( SELECT ledger.scope_is_city() AS scope_is_city) OR (district_code = ANY (( SELECT ledger.scope_districts() AS scope_districts)::text[]))));

--
-- Name: streets streets_read_city_wide; Type: POLICY; Schema: ledger; Owner: propledger_owner
--

CREATE POLICY streets_read_city_wide ON ledger.streets FOR SELECT USING (true);

--
-- Name: streets streets_update_in_scope; Type: POLICY; Schema: ledger; Owner: propledger_owner
--

CREATE POLICY streets_update_in_scope ON ledger.streets FOR UPDATE USING ((( SELECT ledger.scope_is_city() AS scope_is_city) OR (district_code = ANY (( SELECT ledger.scope_districts() AS scope_districts)::text[])))) WITH CHECK ((( SELECT ledger.scope_is_city() AS scope_is_city) OR (district_code = ANY (( SELECT ledger.scope_districts() AS scope_districts)::text[]))));

--
-- Name: surveys; Type: ROW SECURITY; Schema: ledger; Owner: propledger_owner
--

ALTER TABLE ledger.surveys ENABLE ROW LEVEL SECURITY;

--
-- Name: surveys surveys_district_scope; Type: POLICY; Schema: ledger; Owner: propledger_owner
--

CREATE POLICY surveys_district_scope ON ledger.surveys USING ((( SELECT ledger.scope_is_city() AS scope_is_city) OR (district_code = ANY (( SELECT ledger.scope_districts() AS scope_districts)::text[])))) WITH CHECK ((( SELECT ledger.scope_is_city() AS scope_is_city) OR (district_code = ANY (( SELECT ledger.scope_districts() AS scope_districts)::text[]))));

--
-- Name: units; Type: ROW SECURITY; Schema: ledger; Owner: propledger_owner
--

ALTER TABLE ledger.units ENABLE ROW LEVEL SECURITY;

--
-- Name: units units_district_scope; Type: POLICY; Schema: ledger; Owner: propledger_owner
--

CREATE POLICY units_district_scope ON ledger.units USING ((( SELECT ledger.scope_is_city() AS scope_is_city) OR (district_code = ANY (( SELECT ledger.scope_districts() AS scope_districts)::text[])))) WITH CHECK ((( SELECT ledger.scope_is_city() AS scope_is_city) OR (district_code = ANY (( SELECT ledger.scope_districts() AS scope_districts)::text[]))));

--
-- Name: votes; Type: ROW SECURITY; Schema: ledger; Owner: propledger_owner
--

ALTER TABLE ledger.votes ENABLE ROW LEVEL SECURITY;

--
-- Name: votes votes_district_scope; Type: POLICY; Schema: ledger; Owner: propledger_owner
--

CREATE POLICY votes_district_scope ON ledger.votes USING ((( SELECT ledger.scope_is_city() AS scope_is_city) OR (district_code = ANY (( SELECT ledger.scope_districts() AS scope_districts)::text[])))) WITH CHECK ((( SELECT ledger.scope_is_city() AS scope_is_city) OR (district_code = ANY (( SELECT ledger.scope_districts() AS scope_districts)::text[]))));

--
-- Name: fund_compounds_kept; Type: ROW SECURITY; Schema: staging; Owner: propledger_owner
--

ALTER TABLE staging.fund_compounds_kept ENABLE ROW LEVEL SECURITY;

--
-- Name: fund_compounds_kept fund_compounds_kept_district_scope; Type: POLICY; Schema: staging; Owner: propledger_owner
--

CREATE POLICY fund_compounds_kept_district_scope ON staging.fund_compounds_kept USING ((( SELECT ledger.scope_is_city() AS scope_is_city) OR (district_code = ANY (( SELECT ledger.scope_districts() AS scope_districts)::text[])))) WITH CHECK ((( SELECT ledger.scope_is_city() AS scope_is_city) OR (district_code = ANY (( SELECT ledger.scope_districts() AS scope_districts)::text[]))));

--
-- Name: fund_postings_kept; Type: ROW SECURITY; Schema: staging; Owner: propledger_owner
--

ALTER TABLE staging.fund_postings_kept ENABLE ROW LEVEL SECURITY;

--
-- Name: fund_postings_kept fund_postings_kept_district_scope; Type: POLICY; Schema: staging; Owner: propledger_owner
--

CREATE POLICY fund_postings_kept_district_scope ON staging.fund_postings_kept USING ((( SELECT ledger.scope_is_city() AS scope_is_city) OR (district_code = ANY (( SELECT ledger.scope_districts() AS scope_districts)::text[])))) WITH CHECK ((( SELECT ledger.scope_is_city() AS scope_is_city) OR (district_code = ANY (( SELECT ledger.scope_districts() AS scope_districts)::text[]))));

--
-- Name: fund_stale; Type: ROW SECURITY; Schema: staging; Owner: propledger_owner
--

ALTER TABLE staging.fund_stale ENABLE ROW LEVEL SECURITY;

--
-- Name: fund_stale fund_stale_district_scope; Type: POLICY; Schema: staging; Owner: propledger_owner
--

CREATE POLICY fund_stale_district_scope ON staging.fund_stale USING ((( SELECT ledger.scope_is_city() AS scope_is_city) OR (district_code = ANY (( SELECT ledger.scope_districts() AS scope_districts)::text[])))) WITH CHECK ((( SELECT ledger.scope_is_city() AS scope_is_city) OR (district_code = ANY (( SELECT ledger.scope_districts() AS scope_districts)::text[]))));

--
-- Name: fund_units_kept; Type: ROW SECURITY; Schema: staging; Owner: propledger_owner
--

ALTER TABLE staging.fund_units_kept ENABLE ROW LEVEL SECURITY;

--
-- Name: fund_units_kept fund_units_kept_district_scope; Type: POLICY; Schema: staging; Owner: propledger_owner
--

CREATE POLICY fund_units_kept_district_scope ON staging.fund_units_kept USING ((( SELECT ledger.scope_is_city() AS scope_is_city) OR (district_code = ANY (( SELECT ledger.scope_districts() AS scope_districts)::text[])))) WITH CHECK ((( SELECT ledger.scope_is_city() AS scope_is_city) OR (district_code = ANY (( SELECT ledger.scope_districts() AS scope_districts)::text[]))));

--
-- Name: project_totals_kept; Type: ROW SECURITY; Schema: staging; Owner: propledger_owner
--

ALTER TABLE staging.project_totals_kept ENABLE ROW LEVEL SECURITY;

--
-- Name: project_totals_kept project_totals_kept_district_scope; Type: POLICY; Schema: staging; Owner: propledger_owner
--

CREATE POLICY project_totals_kept_district_scope ON staging.project_totals_kept USING ((( SELECT ledger.scope_is_city() AS scope_is_city) OR (district_code = ANY (( SELECT ledger.scope_districts() AS scope_districts)::text[])))) WITH CHECK ((( SELECT ledger.scope_is_city() AS scope_is_city) OR (district_code = ANY (( SELECT ledger.scope_districts() AS scope_districts)::text[]))));

--
-- Name: projects_stale; Type: ROW SECURITY; Schema: staging; Owner: propledger_owner
--

ALTER TABLE staging.projects_stale ENABLE ROW LEVEL SECURITY;

--
-- Name: projects_stale projects_stale_district_scope; Type: POLICY; Schema: staging; Owner: propledger_owner
--

CREATE POLICY projects_stale_district_scope ON staging.projects_stale USING ((( SELECT ledger.scope_is_city() AS scope_is_city) OR (district_code = ANY (( SELECT ledger.scope_districts() AS scope_districts)::text[])))) WITH CHECK ((( SELECT ledger.scope_is_city() AS scope_is_city) OR (district_code = ANY (( SELECT ledger.scope_districts() AS scope_districts)::text[]))));

--
-- Name: shares_kept; Type: ROW SECURITY; Schema: staging; Owner: propledger_owner
--

ALTER TABLE staging.shares_kept ENABLE ROW LEVEL SECURITY;

--
-- Name: shares_kept shares_kept_district_scope; Type: POLICY; Schema: staging; Owner: propledger_owner
--

CREATE POLICY shares_kept_district_scope ON staging.shares_kept USING ((( SELECT ledger.scope_is_city() AS scope_is_city) OR (district_code = ANY (( SELECT ledger.scope_districts() AS scope_districts)::text[])))) WITH CHECK ((( SELECT ledger.scope_is_city() AS scope_is_city) OR (district_code = ANY (( SELECT ledger.scope_districts() AS scope_districts)::text[]))));

--
-- Name: votes_kept; Type: ROW SECURITY; Schema: staging; Owner: propledger_owner
--

ALTER TABLE staging.votes_kept ENABLE ROW LEVEL SECURITY;

--
-- Name: votes_kept votes_kept_district_scope; Type: POLICY; Schema: staging; Owner: propledger_owner
--

CREATE POLICY votes_kept_district_scope ON staging.votes_kept USING ((( SELECT ledger.scope_is_city() AS scope_is_city) OR (district_code = ANY (( SELECT ledger.scope_districts() AS scope_districts)::text[])))) WITH CHECK ((( SELECT ledger.scope_is_city() AS scope_is_city) OR (district_code = ANY (( SELECT ledger.scope_districts() AS scope_districts)::text[]))));

--
-- Name: SCHEMA audit; Type: ACL; Schema: -; Owner: propledger_owner
--

GRANT USAGE ON SCHEMA audit TO propledger_loader;

--
-- Name: SCHEMA ledger; Type: ACL; Schema: -; Owner: propledger_owner
--

GRANT USAGE ON SCHEMA ledger TO propledger_loader;

--
-- Name: SCHEMA report; Type: ACL; Schema: -; Owner: propledger_owner
--

GRANT USAGE ON SCHEMA report TO propledger_reader;

--
-- Name: SCHEMA staging; Type: ACL; Schema: -; Owner: propledger_owner
--

GRANT USAGE ON SCHEMA staging TO propledger_loader;

--
-- Name: FUNCTION begin_batch(p_kind text, p_file_name text, p_sha256 text, p_rows bigint); Type: ACL; Schema: audit; Owner: propledger_owner
--

REVOKE ALL ON FUNCTION audit.begin_batch(p_kind text, p_file_name text, p_sha256 text, p_rows bigint) FROM PUBLIC;
GRANT ALL ON FUNCTION audit.begin_batch(p_kind text, p_file_name text, p_sha256 text, p_rows bigint) TO propledger_loader;

--
-- Name: FUNCTION finish_batch(p_id bigint, p_rows bigint, p_inserted bigint, p_updated bigint, p_unchanged bigint, p_rejected bigint, p_status text, p_deleted bigint); Type: ACL; Schema: audit; Owner: propledger_owner
--

REVOKE ALL ON FUNCTION audit.finish_batch(p_id bigint, p_rows bigint, p_inserted bigint, p_updated bigint, p_unchanged bigint, p_rejected bigint, p_status text, p_deleted bigint) FROM PUBLIC;
GRANT ALL ON FUNCTION audit.finish_batch(p_id bigint, p_rows bigint, p_inserted bigint, p_updated bigint, p_unchanged bigint, p_rejected bigint, p_status text, p_deleted bigint) TO propledger_loader;

--
-- Name: FUNCTION record_attempt(p_kind text, p_file_name text, p_sha256 text, p_rows bigint, p_rejected bigint, p_status text, p_reason text); Type: ACL; Schema: audit; Owner: propledger_owner
--

REVOKE ALL ON FUNCTION audit.record_attempt(p_kind text, p_file_name text, p_sha256 text, p_rows bigint, p_rejected bigint, p_status text, p_reason text) FROM PUBLIC;
GRANT ALL ON FUNCTION audit.record_attempt(p_kind text, p_file_name text, p_sha256 text, p_rows bigint, p_rejected bigint, p_status text, p_reason text) TO propledger_loader;

--
-- Name: FUNCTION access_grant(p_role name, p_district text); Type: ACL; Schema: ledger; Owner: propledger_owner
--

REVOKE ALL ON FUNCTION ledger.access_grant(p_role name, p_district text) FROM PUBLIC;

--
-- Name: FUNCTION access_revoke(p_role name, p_district text); Type: ACL; Schema: ledger; Owner: propledger_owner
--

REVOKE ALL ON FUNCTION ledger.access_revoke(p_role name, p_district text) FROM PUBLIC;

--
-- Name: FUNCTION access_revoke_all(p_role name); Type: ACL; Schema: ledger; Owner: propledger_owner
--

REVOKE ALL ON FUNCTION ledger.access_revoke_all(p_role name) FROM PUBLIC;

--
-- Name: FUNCTION create_change_triggers(p_table regclass, p_prefix text, p_function regproc, p_args text[]); Type: ACL; Schema: ledger; Owner: propledger_owner
--

REVOKE ALL ON FUNCTION ledger.create_change_triggers(p_table regclass, p_prefix text, p_function regproc, p_args text[]) FROM PUBLIC;

--
-- Name: FUNCTION keep_project_totals(p_projects text[]); Type: ACL; Schema: ledger; Owner: propledger_owner
--

REVOKE ALL ON FUNCTION ledger.keep_project_totals(p_projects text[]) FROM PUBLIC;

--
-- Name: FUNCTION keep_vote_laws(); Type: ACL; Schema: ledger; Owner: propledger_owner
--

REVOKE ALL ON FUNCTION ledger.keep_vote_laws() FROM PUBLIC;

--
-- Name: FUNCTION refresh_kept_share(p_share integer, p_shares integer); Type: ACL; Schema: ledger; Owner: propledger_owner
--

REVOKE ALL ON FUNCTION ledger.refresh_kept_share(p_share integer, p_shares integer) FROM PUBLIC;
GRANT ALL ON FUNCTION ledger.refresh_kept_share(p_share integer, p_shares integer) TO propledger_loader;

--
-- Name: FUNCTION refresh_kept(); Type: ACL; Schema: ledger; Owner: propledger_owner
--

REVOKE ALL ON FUNCTION ledger.refresh_kept() FROM PUBLIC;
GRANT ALL ON FUNCTION ledger.refresh_kept() TO propledger_loader;

--
-- Name: FUNCTION refresh_projects_kept(p_projects text[]); Type: ACL; Schema: ledger; Owner: propledger_owner
--

REVOKE ALL ON FUNCTION ledger.refresh_projects_kept(p_projects text[]) FROM PUBLIC;

--
-- Name: FUNCTION setting_set(p_key text, p_value numeric, OUT key text, OUT old_value numeric, OUT new_value numeric); Type: ACL; Schema: ledger; Owner: propledger_owner
--

REVOKE ALL ON FUNCTION ledger.setting_set(p_key text, p_value numeric, OUT key text, OUT old_value numeric, OUT new_value numeric) FROM PUBLIC;

--
-- Name: TABLE vote_laws; Type: ACL; Schema: ledger; Owner: propledger_owner
--

GRANT SELECT ON TABLE ledger.vote_laws TO propledger_loader;

--
-- Name: TABLE load_kinds; Type: ACL; Schema: staging; Owner: propledger_owner
--

GRANT SELECT ON TABLE staging.load_kinds TO propledger_loader;

--
-- Name: TABLE value_labels; Type: ACL; Schema: staging; Owner: propledger_owner
--

GRANT SELECT ON TABLE staging.value_labels TO propledger_loader;

--
-- Name: TABLE value_synonyms; Type: ACL; Schema: staging; Owner: propledger_owner
--

GRANT SELECT ON TABLE staging.value_synonyms TO propledger_loader;

--
-- Name: TABLE labels; Type: ACL; Schema: report; Owner: propledger_owner
--

GRANT SELECT ON TABLE report.labels TO propledger_reader;

--
-- Name: TABLE communities; Type: ACL; Schema: ledger; Owner: propledger_owner
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE ledger.communities TO propledger_loader;

--
-- Name: TABLE compounds; Type: ACL; Schema: ledger; Owner: propledger_owner
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE ledger.compounds TO propledger_loader;

--
-- Name: TABLE districts; Type: ACL; Schema: ledger; Owner: propledger_owner
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE ledger.districts TO propledger_loader;

--
-- Name: TABLE streets; Type: ACL; Schema: ledger; Owner: propledger_owner
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE ledger.streets TO propledger_loader;

--
-- Name: TABLE compounds; Type: ACL; Schema: report; Owner: propledger_owner
--

GRANT SELECT ON TABLE report.compounds TO propledger_reader;

--
-- Name: TABLE districts; Type: ACL; Schema: report; Owner: propledger_owner
--

GRANT SELECT ON TABLE report.districts TO propledger_reader;

--
-- Name: TABLE fund_postings_kept; Type: ACL; Schema: report; Owner: propledger_owner
--

GRANT SELECT ON TABLE report.fund_postings_kept TO propledger_reader;

--
-- Name: TABLE fund_stale; Type: ACL; Schema: report; Owner: propledger_owner
--

GRANT SELECT ON TABLE report.fund_stale TO propledger_reader;

--
-- Name: FUNCTION row_history(p_table text, p_key text[]); Type: ACL; Schema: report; Owner: propledger_owner
--

REVOKE ALL ON FUNCTION report.row_history(p_table text, p_key text[]) FROM PUBLIC;
GRANT ALL ON FUNCTION report.row_history(p_table text, p_key text[]) TO propledger_reader;
GRANT ALL ON FUNCTION report.row_history(p_table text, p_key text[]) TO propledger_loader;

--
-- Name: TABLE jurisdictions; Type: ACL; Schema: ledger; Owner: propledger_owner
--

GRANT SELECT ON TABLE ledger.jurisdictions TO propledger_loader;

--
-- Name: TABLE jurisdictions; Type: ACL; Schema: report; Owner: propledger_owner
--

GRANT SELECT ON TABLE report.jurisdictions TO propledger_reader;

--
-- Name: TABLE rule_parameters; Type: ACL; Schema: ledger; Owner: propledger_owner
--

GRANT SELECT ON TABLE ledger.rule_parameters TO propledger_loader;

--
-- Name: TABLE rule_parameters; Type: ACL; Schema: report; Owner: propledger_owner
--

GRANT SELECT ON TABLE report.rule_parameters TO propledger_reader;

--
-- Name: FUNCTION analyze_if_grown(p_table text, p_changed bigint); Type: ACL; Schema: staging; Owner: propledger_owner
--

REVOKE ALL ON FUNCTION staging.analyze_if_grown(p_table text, p_changed bigint) FROM PUBLIC;
GRANT ALL ON FUNCTION staging.analyze_if_grown(p_table text, p_changed bigint) TO propledger_loader;

--
-- Name: FUNCTION cell_excerpt(v text); Type: ACL; Schema: staging; Owner: propledger_owner
--

GRANT ALL ON FUNCTION staging.cell_excerpt(v text) TO propledger_loader;

--
-- Name: FUNCTION committee_rule_violations(p_compound_codes text[]); Type: ACL; Schema: staging; Owner: propledger_owner
--

GRANT ALL ON FUNCTION staging.committee_rule_violations(p_compound_codes text[]) TO propledger_loader;

--
-- Name: FUNCTION excel_date_forms(v text); Type: ACL; Schema: staging; Owner: propledger_owner
--

GRANT ALL ON FUNCTION staging.excel_date_forms(v text) TO propledger_loader;

--
-- Name: FUNCTION parse_date(v text); Type: ACL; Schema: staging; Owner: propledger_owner
--

GRANT ALL ON FUNCTION staging.parse_date(v text) TO propledger_loader;

--
-- Name: FUNCTION excel_date(v text); Type: ACL; Schema: staging; Owner: propledger_owner
--

GRANT ALL ON FUNCTION staging.excel_date(v text) TO propledger_loader;

--
-- Name: FUNCTION date_form(v text); Type: ACL; Schema: staging; Owner: propledger_owner
--

GRANT ALL ON FUNCTION staging.date_form(v text) TO propledger_loader;

--
-- Name: FUNCTION excel_number_forms(v text, units text[]); Type: ACL; Schema: staging; Owner: propledger_owner
--

GRANT ALL ON FUNCTION staging.excel_number_forms(v text, units text[]) TO propledger_loader;

--
-- Name: FUNCTION units_end_numbers(units text[]); Type: ACL; Schema: staging; Owner: propledger_owner
--

GRANT ALL ON FUNCTION staging.units_end_numbers(units text[]) TO propledger_loader;

--
-- Name: FUNCTION excel_number(v text, units text[]); Type: ACL; Schema: staging; Owner: propledger_owner
--

GRANT ALL ON FUNCTION staging.excel_number(v text, units text[]) TO propledger_loader;

--
-- Name: TABLE load_lock; Type: ACL; Schema: staging; Owner: propledger_owner
--

GRANT SELECT,UPDATE ON TABLE staging.load_lock TO propledger_loader;

--
-- Name: FUNCTION holds_load_lock(); Type: ACL; Schema: staging; Owner: propledger_owner
--

GRANT ALL ON FUNCTION staging.holds_load_lock() TO propledger_loader;

--
-- Name: FUNCTION ledger_table(p_table text, p_function text, OUT table_oid oid, OUT known_rows real); Type: ACL; Schema: staging; Owner: propledger_owner
--

REVOKE ALL ON FUNCTION staging.ledger_table(p_table text, p_function text, OUT table_oid oid, OUT known_rows real) FROM PUBLIC;

--
-- Name: FUNCTION number_form(v text); Type: ACL; Schema: staging; Owner: propledger_owner
--

GRANT ALL ON FUNCTION staging.number_form(v text) TO propledger_loader;

--
-- Name: FUNCTION parse_bool(v text); Type: ACL; Schema: staging; Owner: propledger_owner
--

GRANT ALL ON FUNCTION staging.parse_bool(v text) TO propledger_loader;

--
-- Name: FUNCTION project_rule_violations(p_codes text[]); Type: ACL; Schema: staging; Owner: propledger_owner
--

GRANT ALL ON FUNCTION staging.project_rule_violations(p_codes text[]) TO propledger_loader;

--
-- Name: FUNCTION require_load_lock(p_function text); Type: ACL; Schema: staging; Owner: propledger_owner
--

REVOKE ALL ON FUNCTION staging.require_load_lock(p_function text) FROM PUBLIC;

--
-- Name: FUNCTION restore_foreign_keys(); Type: ACL; Schema: staging; Owner: propledger_owner
--

REVOKE ALL ON FUNCTION staging.restore_foreign_keys() FROM PUBLIC;
GRANT ALL ON FUNCTION staging.restore_foreign_keys() TO propledger_loader;

--
-- Name: FUNCTION suspend_foreign_keys(p_table text, p_rows bigint, p_minimum bigint); Type: ACL; Schema: staging; Owner: propledger_owner
--

REVOKE ALL ON FUNCTION staging.suspend_foreign_keys(p_table text, p_rows bigint, p_minimum bigint) FROM PUBLIC;
GRANT ALL ON FUNCTION staging.suspend_foreign_keys(p_table text, p_rows bigint, p_minimum bigint) TO propledger_loader;

--
-- Name: FUNCTION suspended_foreign_key_restored(); Type: ACL; Schema: staging; Owner: propledger_owner
--

REVOKE ALL ON FUNCTION staging.suspended_foreign_key_restored() FROM PUBLIC;

--
-- Name: TABLE load_batches; Type: ACL; Schema: audit; Owner: propledger_owner
--

GRANT SELECT ON TABLE audit.load_batches TO propledger_loader;

--
-- Name: TABLE ballots; Type: ACL; Schema: ledger; Owner: propledger_owner
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE ledger.ballots TO propledger_loader;

--
-- Name: TABLE clearance; Type: ACL; Schema: ledger; Owner: propledger_owner
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE ledger.clearance TO propledger_loader;

--
-- Name: TABLE co_building_units; Type: ACL; Schema: ledger; Owner: propledger_owner
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE ledger.co_building_units TO propledger_loader;

--
-- Name: TABLE committees; Type: ACL; Schema: ledger; Owner: propledger_owner
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE ledger.committees TO propledger_loader;

--
-- Name: TABLE units; Type: ACL; Schema: ledger; Owner: propledger_owner
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE ledger.units TO propledger_loader;

--
-- Name: TABLE committee_checks; Type: ACL; Schema: ledger; Owner: propledger_owner
--

GRANT SELECT ON TABLE ledger.committee_checks TO propledger_loader;

--
-- Name: TABLE companies; Type: ACL; Schema: ledger; Owner: propledger_owner
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE ledger.companies TO propledger_loader;

--
-- Name: TABLE complaints; Type: ACL; Schema: ledger; Owner: propledger_owner
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE ledger.complaints TO propledger_loader;

--
-- Name: TABLE fund_deposits; Type: ACL; Schema: ledger; Owner: propledger_owner
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE ledger.fund_deposits TO propledger_loader;

--
-- Name: TABLE fund_interest; Type: ACL; Schema: ledger; Owner: propledger_owner
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE ledger.fund_interest TO propledger_loader;

--
-- Name: TABLE funding; Type: ACL; Schema: ledger; Owner: propledger_owner
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE ledger.funding TO propledger_loader;

--
-- Name: TABLE projects; Type: ACL; Schema: ledger; Owner: propledger_owner
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE ledger.projects TO propledger_loader;

--
-- Name: TABLE funding_amounts; Type: ACL; Schema: ledger; Owner: propledger_owner
--

GRANT SELECT ON TABLE ledger.funding_amounts TO propledger_loader;

--
-- Name: TABLE inspections; Type: ACL; Schema: ledger; Owner: propledger_owner
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE ledger.inspections TO propledger_loader;

--
-- Name: TABLE management; Type: ACL; Schema: ledger; Owner: propledger_owner
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE ledger.management TO propledger_loader;

--
-- Name: TABLE owners; Type: ACL; Schema: ledger; Owner: propledger_owner
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE ledger.owners TO propledger_loader;

--
-- Name: TABLE party_orgs; Type: ACL; Schema: ledger; Owner: propledger_owner
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE ledger.party_orgs TO propledger_loader;

--
-- Name: TABLE payments; Type: ACL; Schema: ledger; Owner: propledger_owner
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE ledger.payments TO propledger_loader;

--
-- Name: TABLE project_units; Type: ACL; Schema: ledger; Owner: propledger_owner
--

GRANT SELECT ON TABLE ledger.project_units TO propledger_loader;

--
-- Name: TABLE project_weights; Type: ACL; Schema: ledger; Owner: propledger_owner
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE ledger.project_weights TO propledger_loader;

--
-- Name: TABLE rectifications; Type: ACL; Schema: ledger; Owner: propledger_owner
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE ledger.rectifications TO propledger_loader;

--
-- Name: TABLE rules; Type: ACL; Schema: ledger; Owner: propledger_owner
--

GRANT SELECT ON TABLE ledger.rules TO propledger_loader;

--
-- Name: TABLE settings; Type: ACL; Schema: ledger; Owner: propledger_owner
--

GRANT SELECT ON TABLE ledger.settings TO propledger_loader;

--
-- Name: TABLE surveys; Type: ACL; Schema: ledger; Owner: propledger_owner
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE ledger.surveys TO propledger_loader;

--
-- Name: TABLE votes; Type: ACL; Schema: ledger; Owner: propledger_owner
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE ledger.votes TO propledger_loader;

--
-- Name: TABLE votes_evaluated; Type: ACL; Schema: ledger; Owner: propledger_owner
--

GRANT SELECT ON TABLE ledger.votes_evaluated TO propledger_loader;

--
-- Name: TABLE apportionment; Type: ACL; Schema: report; Owner: propledger_owner
--

GRANT SELECT ON TABLE report.apportionment TO propledger_reader;

--
-- Name: TABLE clearance_cases; Type: ACL; Schema: report; Owner: propledger_owner
--

GRANT SELECT ON TABLE report.clearance_cases TO propledger_reader;

--
-- Name: TABLE committee_findings; Type: ACL; Schema: report; Owner: propledger_owner
--

GRANT SELECT ON TABLE report.committee_findings TO propledger_reader;

--
-- Name: TABLE committees; Type: ACL; Schema: report; Owner: propledger_owner
--

GRANT SELECT ON TABLE report.committees TO propledger_reader;

--
-- Name: TABLE companies; Type: ACL; Schema: report; Owner: propledger_owner
--

GRANT SELECT ON TABLE report.companies TO propledger_reader;

--
-- Name: TABLE complaints; Type: ACL; Schema: report; Owner: propledger_owner
--

GRANT SELECT ON TABLE report.complaints TO propledger_reader;

--
-- Name: TABLE fund_compounds_kept; Type: ACL; Schema: report; Owner: propledger_owner
--

GRANT SELECT ON TABLE report.fund_compounds_kept TO propledger_reader;

--
-- Name: TABLE fund_deposits; Type: ACL; Schema: report; Owner: propledger_owner
--

GRANT SELECT ON TABLE report.fund_deposits TO propledger_reader;

--
-- Name: TABLE fund_draws; Type: ACL; Schema: report; Owner: propledger_owner
--

GRANT SELECT ON TABLE report.fund_draws TO propledger_reader;

--
-- Name: TABLE fund_interest; Type: ACL; Schema: report; Owner: propledger_owner
--

GRANT SELECT ON TABLE report.fund_interest TO propledger_reader;

--
-- Name: TABLE fund_units_kept; Type: ACL; Schema: report; Owner: propledger_owner
--

GRANT SELECT ON TABLE report.fund_units_kept TO propledger_reader;

--
-- Name: TABLE funding_committed; Type: ACL; Schema: report; Owner: propledger_owner
--

GRANT SELECT ON TABLE report.funding_committed TO propledger_reader;

--
-- Name: TABLE inspections; Type: ACL; Schema: report; Owner: propledger_owner
--

GRANT SELECT ON TABLE report.inspections TO propledger_reader;

--
-- Name: TABLE load_batches; Type: ACL; Schema: report; Owner: propledger_owner
--

GRANT SELECT ON TABLE report.load_batches TO propledger_reader;

--
-- Name: TABLE management_periods; Type: ACL; Schema: report; Owner: propledger_owner
--

GRANT SELECT ON TABLE report.management_periods TO propledger_reader;

--
-- Name: TABLE party_orgs; Type: ACL; Schema: report; Owner: propledger_owner
--

GRANT SELECT ON TABLE report.party_orgs TO propledger_reader;

--
-- Name: TABLE payments; Type: ACL; Schema: report; Owner: propledger_owner
--

GRANT SELECT ON TABLE report.payments TO propledger_reader;

--
-- Name: TABLE project_sources; Type: ACL; Schema: report; Owner: propledger_owner
--

GRANT SELECT ON TABLE report.project_sources TO propledger_reader;

--
-- Name: TABLE project_totals_kept; Type: ACL; Schema: report; Owner: propledger_owner
--

GRANT SELECT ON TABLE report.project_totals_kept TO propledger_reader;

--
-- Name: TABLE project_unit_weights; Type: ACL; Schema: report; Owner: propledger_owner
--

GRANT SELECT ON TABLE report.project_unit_weights TO propledger_reader;

--
-- Name: TABLE votes; Type: ACL; Schema: report; Owner: propledger_owner
--

GRANT SELECT ON TABLE report.votes TO propledger_reader;

--
-- Name: TABLE projects; Type: ACL; Schema: report; Owner: propledger_owner
--

GRANT SELECT ON TABLE report.projects TO propledger_reader;

--
-- Name: TABLE projects_stale; Type: ACL; Schema: report; Owner: propledger_owner
--

GRANT SELECT ON TABLE report.projects_stale TO propledger_reader;

--
-- Name: TABLE rectifications; Type: ACL; Schema: report; Owner: propledger_owner
--

GRANT SELECT ON TABLE report.rectifications TO propledger_reader;

--
-- Name: TABLE rules; Type: ACL; Schema: report; Owner: propledger_owner
--

GRANT SELECT ON TABLE report.rules TO propledger_reader;

--
-- Name: TABLE settings; Type: ACL; Schema: report; Owner: propledger_owner
--

GRANT SELECT ON TABLE report.settings TO propledger_reader;

--
-- Name: TABLE shares_kept; Type: ACL; Schema: report; Owner: propledger_owner
--

GRANT SELECT ON TABLE report.shares_kept TO propledger_reader;

--
-- Name: TABLE surveys; Type: ACL; Schema: report; Owner: propledger_owner
--

GRANT SELECT ON TABLE report.surveys TO propledger_reader;

--
-- Name: TABLE units; Type: ACL; Schema: report; Owner: propledger_owner
--

GRANT SELECT ON TABLE report.units TO propledger_reader;

--
-- Name: TABLE vote_laws; Type: ACL; Schema: report; Owner: propledger_owner
--

GRANT SELECT ON TABLE report.vote_laws TO propledger_reader;

--
-- Name: TABLE load_columns; Type: ACL; Schema: staging; Owner: propledger_owner
--

GRANT SELECT ON TABLE staging.load_columns TO propledger_loader;

--
-- Name: TABLE value_spellings; Type: ACL; Schema: staging; Owner: propledger_owner
--

GRANT SELECT ON TABLE staging.value_spellings TO propledger_loader;

--
-- Name: DEFAULT PRIVILEGES FOR TABLES; Type: DEFAULT ACL; Schema: report; Owner: propledger_owner
--

ALTER DEFAULT PRIVILEGES FOR ROLE propledger_owner IN SCHEMA report GRANT SELECT ON TABLES  TO propledger_reader;

--
-- PostgreSQL database dump complete
--

