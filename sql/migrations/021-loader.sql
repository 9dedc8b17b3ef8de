-- 021: what `propledger load` needs in SQL: cell parsers used to validate staged CSV rows as
-- sets, and the cross-file project rules as a list of violations instead of a first error.

-- Usage: SELECT staging.parse_date('2024/3/7') → 2024-03-07; NULL for anything that is not
-- YYYY-MM-DD or YYYY/M/D naming a real calendar day (so validation can say which cell is wrong).
-- Plain SQL (ledger.calendar_day), inlined by the planner into the loader's statements.
CREATE FUNCTION staging.parse_date(v text) RETURNS date
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN CASE
  WHEN v ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'
    THEN ledger.calendar_day(substr(v, 1, 4)::integer, substr(v, 6, 2)::integer, substr(v, 9, 2)::integer)
  WHEN v ~ '^[0-9]{4}/[0-9]{1,2}/[0-9]{1,2}$'
    THEN ledger.calendar_day(split_part(v, '/', 1)::integer, split_part(v, '/', 2)::integer, split_part(v, '/', 3)::integer)
END;

-- Usage: SELECT staging.parse_bool('是') → true. Accepts true/false, yes/no, 1/0, 是/否 (any case);
-- NULL for anything else.
CREATE FUNCTION staging.parse_bool(v text) RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
RETURN CASE lower(v) WHEN 'true' THEN true WHEN 'yes' THEN true WHEN '1' THEN true WHEN '是' THEN true
                     WHEN 'false' THEN false WHEN 'no' THEN false WHEN '0' THEN false WHEN '否' THEN false END;

-- Usage: SELECT staging.cell_excerpt(cell) → the cell as a message quotes it: at most 60 characters,
-- then "…" (SPEC §3.1: a 10 MB cell is never echoed whole). Control and invisible characters are
-- escaped by the program when it prints the message.
CREATE FUNCTION staging.cell_excerpt(v text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
RETURN CASE WHEN pg_catalog.length(v) > 60 THEN pg_catalog.left(v, 60) || '…' ELSE v END;

-- Usage: SELECT * FROM staging.project_rule_violations(ARRAY['GS-2024-001']);
-- Runs ledger.check_project_rules (009, the one implementation of the §2.4/§2.5 cross-row rules)
-- for each project and lists every broken rule, so a load can report all of them with the rows
-- involved instead of failing at COMMIT on the first: the rule (its key in the message catalogue), the
-- English message and hint, and the message's arguments.
-- A project found sound is marked checked in this transaction (staging.project_rules_checked, 009), as the
-- deferred trigger marks it: the trigger then skips it at SET CONSTRAINTS / COMMIT unless a later change
-- clears the marks — so a load checks each project once, not twice. The marks are owner-only, hence SECURITY
-- DEFINER; it checks only the projects of the districts the logged-in role may load (its scope, as
-- session_user), so it says nothing of another district's projects, and a mark is written only after the
-- check passed, so none can be forged. The votes of the projects it checks are counted once and kept first
-- (ledger.refresh_projects_kept), so the checks read the kept counts and the refresh after the load has
-- nothing left to count for them.
CREATE FUNCTION staging.project_rule_violations(p_codes text[])
RETURNS TABLE (project_code text, rule text, message text, hint text, arguments jsonb)
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
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

-- Usage: SELECT * FROM staging.committee_rule_violations(ARRAY['GS015']);
-- The loader's committee pass: ledger.committee_rule_violations (007, the rules' one implementation) of the
-- compounds given that the logged-in role may load (its scope, as session_user), with each compound found
-- without a refusal marked checked in this transaction (staging.committee_rules_checked, 007), as the deferred
-- trigger marks it: the trigger then skips the compound's queued rows at SET CONSTRAINTS / COMMIT unless a later
-- change clears the marks — so a load checks each compound once, not twice. SECURITY DEFINER for the owner-only
-- marks; a mark is written only for a compound the same statement checked and found sound.
CREATE FUNCTION staging.committee_rule_violations(p_compound_codes text[])
RETURNS TABLE (compound_code text, term_start date, kind text, rule text, column_name text, refusal boolean,
               message text, hint text, source_zh text, source_en text, arguments jsonb)
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
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

-- The load lock (SPEC §5). Every load takes `LOCK TABLE staging.load_lock IN EXCLUSIVE MODE` for its
-- transaction, so two loads never interleave. A table lock rather than an advisory lock: taking it
-- needs UPDATE on this table, which only loaders (and the owner) have, so no reader or other login can
-- block the loads; ACCESS SHARE (a plain SELECT) does not conflict with it.
CREATE TABLE staging.load_lock (note text);
COMMENT ON TABLE staging.load_lock IS 'Always empty: loads lock it IN EXCLUSIVE MODE (only loaders and the owner may).';
REVOKE ALL ON staging.load_lock FROM PUBLIC;
GRANT SELECT, UPDATE ON staging.load_lock TO propledger_loader;

-- Usage: SELECT staging.holds_load_lock(); true inside a load, i.e. when this session holds the load lock.
CREATE FUNCTION staging.holds_load_lock() RETURNS boolean
LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp
RETURN EXISTS (
  SELECT 1 FROM pg_catalog.pg_locks AS l
  WHERE l.locktype = 'relation' AND l.relation = 'staging.load_lock'::regclass
    AND l.pid = pg_catalog.pg_backend_pid() AND l.mode = 'ExclusiveLock' AND l.granted);

GRANT EXECUTE ON FUNCTION staging.parse_date(text), staging.parse_bool(text), staging.cell_excerpt(text),
  staging.project_rule_violations(text[]), staging.committee_rule_violations(text[]), staging.holds_load_lock()
  TO propledger_loader;

-- Usage: PERFORM staging.require_load_lock('analyze_if_grown'); raises 42501 outside a load.
-- What the owner's functions that only a load may call (they run as the owner) check first.
CREATE FUNCTION staging.require_load_lock(p_function text) RETURNS void
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
  IF NOT staging.holds_load_lock() THEN
    RAISE EXCEPTION '% runs only inside a load (the session must hold the load lock)', p_function
      USING ERRCODE = '42501', HINT = 'LOCK TABLE staging.load_lock IN EXCLUSIVE MODE first, as propledger load does.';
  END IF;
END
$$;
REVOKE ALL ON FUNCTION staging.require_load_lock(text) FROM PUBLIC;

-- Usage: SELECT * FROM staging.ledger_table('units', 'analyze_if_grown'); → its oid and the rows the statistics know.
-- The ledger table an owner's function of a load is given by name; raises 42P01 for any other name.
CREATE FUNCTION staging.ledger_table(p_table text, p_function text, OUT table_oid oid, OUT known_rows real)
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
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
REVOKE ALL ON FUNCTION staging.ledger_table(text, text) FROM PUBLIC;

-- Fresh planner statistics for the tables a load has just filled.
--
-- A load runs in one transaction, so autovacuum cannot analyze what it inserts until it commits.
-- The rules checked later in the same load (the next file's references, the cross-file project
-- rules, the deferred constraints at SET CONSTRAINTS ALL IMMEDIATE) were planned with the
-- statistics of the tables *before* the load: after 10M units were inserted into an empty
-- ledger.units, the vote-scope sums of ledger.votes_evaluated did not use units_pkey, and the
-- province-scale `load --dir` spent more than 25 minutes in the project rules (docs/benchmarks.md).
--
-- The loader role may not ANALYZE the owner's tables, so this function does it as their owner,
-- for ledger tables only, only inside a load (the caller holds the load lock), and only when the
-- load changed more rows than autovacuum's own default threshold would wait for (50 rows + 10% of the rows the statistics knew of). ANALYZE inside the
-- load's transaction is rolled back with it, like everything else the load did.

-- Usage: SELECT staging.analyze_if_grown('units', 1000000); → true when it analyzed ledger.units.
CREATE FUNCTION staging.analyze_if_grown(p_table text, p_changed bigint) RETURNS boolean
LANGUAGE plpgsql VOLATILE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
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
COMMENT ON FUNCTION staging.analyze_if_grown(text, bigint) IS
  'ANALYZE one ledger table when a load changed more than 50 rows + 10% of it (autovacuum''s default threshold), inside the load''s transaction.';

REVOKE ALL ON FUNCTION staging.analyze_if_grown(text, bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION staging.analyze_if_grown(text, bigint) TO propledger_loader;

-- A table's foreign keys checked once, as a set, by a load that more than doubles it (issue 18).
--
-- A foreign key checks each inserted row on its own at SET CONSTRAINTS ALL IMMEDIATE: one look-up of the
-- referenced row, which it also locks (FOR KEY SHARE), per row and per key. A province's first load wrote 45M
-- rows through 30 such keys and spent 482 s there, where adding the same keys to the filled tables checks them
-- with one anti-join each (owners → units, 10M rows each: 29 s). So a load that writes at least p_minimum rows
-- into a table, and at least as many as the table holds, drops the table's foreign keys before it writes
-- (staging.suspend_foreign_keys) and adds them again, every row checked, before its deferred constraints
-- (staging.restore_foreign_keys). Both run as the tables' owner, only inside a load.
--
-- What it costs the others: dropping a foreign key locks its table and the table it references ACCESS
-- EXCLUSIVE until the load ends, so a report reading them waits for the load. Hence the threshold: a load that
-- more than doubles a table (a district's first load) takes it whole; the routine loads never do.
--
-- Nothing is kept without its keys: each suspended key is written down in staging.suspended_foreign_keys, and
-- the deferred trigger of that table refuses the commit of a transaction that did not add it again (a
-- session cannot skip a deferred trigger; ROLLBACK, also to a savepoint, restores the key with the row).
CREATE TABLE staging.suspended_foreign_keys (
  table_name text NOT NULL,
  constraint_name text NOT NULL,
  definition text NOT NULL,
  description text,
  PRIMARY KEY (table_name, constraint_name)
);
COMMENT ON TABLE staging.suspended_foreign_keys IS
  'The foreign keys a load in progress dropped (staging.suspend_foreign_keys) and must add again before it commits (staging.restore_foreign_keys); empty outside a load''s transaction.';
REVOKE ALL ON staging.suspended_foreign_keys FROM PUBLIC;

CREATE FUNCTION staging.suspended_foreign_key_restored() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
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
REVOKE ALL ON FUNCTION staging.suspended_foreign_key_restored() FROM PUBLIC;

CREATE CONSTRAINT TRIGGER suspended_foreign_keys_restored AFTER INSERT ON staging.suspended_foreign_keys
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION staging.suspended_foreign_key_restored();

-- Usage: SELECT staging.suspend_foreign_keys('owners', 10000000); → 2 (its keys dropped, to be added again).
CREATE FUNCTION staging.suspend_foreign_keys(p_table text, p_rows bigint, p_minimum bigint DEFAULT 100000)
RETURNS integer
LANGUAGE plpgsql VOLATILE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
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
COMMENT ON FUNCTION staging.suspend_foreign_keys(text, bigint, bigint) IS
  'Inside a load: drops the foreign keys of ledger table p_table when the load writes p_rows into it, at least p_minimum and at least the rows it holds (pg_class.reltuples), so they are checked once as a set by staging.restore_foreign_keys, which the load must call before it commits. Returns how many it dropped (0: the keys stay and check row by row). Locks the table and the tables it references ACCESS EXCLUSIVE until the load ends.';

-- Usage: SELECT staging.restore_foreign_keys(); → how many keys it added again, every row checked.
CREATE FUNCTION staging.restore_foreign_keys() RETURNS integer
LANGUAGE plpgsql VOLATILE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
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
COMMENT ON FUNCTION staging.restore_foreign_keys() IS
  'Inside a load: adds again every foreign key staging.suspend_foreign_keys dropped, each checking every row of its table (23503 as the key itself when one fails). Returns how many.';

REVOKE ALL ON FUNCTION staging.suspend_foreign_keys(text, bigint, bigint), staging.restore_foreign_keys() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION staging.suspend_foreign_keys(text, bigint, bigint), staging.restore_foreign_keys()
  TO propledger_loader;
