-- 012: staff scopes, row-level security and grants (SPEC §5).
--
-- ledger.staff_scope maps roles to districts (district_code NULL = city-wide). A login role
-- inherits the scopes of every role it is a member of (pg_has_role … 'MEMBER').
-- Policies key on current_user, so they hold for a loader writing directly and for a reader
-- going through the report views (owned by propledger_owner, who is subject to the policies
-- because every district table has FORCE ROW LEVEL SECURITY).

CREATE TABLE ledger.staff_scope (
  role_name     name NOT NULL,
  district_code text,
  granted_at    timestamptz NOT NULL DEFAULT now(),
  granted_by    name NOT NULL DEFAULT current_user,
  CONSTRAINT staff_scope_role_district_key UNIQUE NULLS NOT DISTINCT (role_name, district_code),
  CONSTRAINT staff_scope_district_fkey FOREIGN KEY (district_code)
    REFERENCES ledger.districts (district_code) ON DELETE CASCADE
);
COMMENT ON TABLE ledger.staff_scope IS 'Which districts a role (and its members) may see and load; district_code NULL = city-wide.';

-- The owner (and so the migration runner and the admin who is its member) is city-wide.
INSERT INTO ledger.staff_scope (role_name, district_code) VALUES ('propledger_owner', NULL);

CREATE TRIGGER staff_scope_audit_insert AFTER INSERT ON ledger.staff_scope REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION audit.record_changes('role_name', 'district_code');
CREATE TRIGGER staff_scope_audit_update AFTER UPDATE ON ledger.staff_scope REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION audit.record_changes('role_name', 'district_code');
CREATE TRIGGER staff_scope_audit_delete AFTER DELETE ON ledger.staff_scope REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION audit.record_changes('role_name', 'district_code');
CREATE TRIGGER staff_scope_refuse_truncate BEFORE TRUNCATE ON ledger.staff_scope
  FOR EACH STATEMENT EXECUTE FUNCTION audit.refuse_truncate();

-- Usage: SELECT ledger.scope_is_city_for('alice'). SECURITY DEFINER so nobody needs to read
-- staff_scope itself; roles that no longer exist are ignored.
CREATE FUNCTION ledger.scope_is_city_for(p_role name) RETURNS boolean
LANGUAGE plpgsql STABLE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
  RETURN EXISTS (
    SELECT 1 FROM ledger.staff_scope AS s JOIN pg_catalog.pg_roles AS r ON r.rolname = s.role_name
    WHERE s.district_code IS NULL AND pg_catalog.pg_has_role(p_role, r.oid, 'MEMBER'));
END
$$;

-- Usage: SELECT ledger.scope_districts_for('alice') → {320508}.
CREATE FUNCTION ledger.scope_districts_for(p_role name) RETURNS text[]
LANGUAGE plpgsql STABLE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
  RETURN (
    SELECT coalesce(array_agg(DISTINCT s.district_code ORDER BY s.district_code), '{}')
    FROM ledger.staff_scope AS s JOIN pg_catalog.pg_roles AS r ON r.rolname = s.role_name
    WHERE s.district_code IS NOT NULL AND pg_catalog.pg_has_role(p_role, r.oid, 'MEMBER'));
END
$$;

-- Usage: SELECT ledger.scope_is_city(); true when the current user has a city-wide scope.
CREATE FUNCTION ledger.scope_is_city() RETURNS boolean
LANGUAGE sql STABLE
RETURN ledger.scope_is_city_for(current_user);

-- Usage: SELECT ledger.scope_districts(); the current user's districts.
CREATE FUNCTION ledger.scope_districts() RETURNS text[]
LANGUAGE sql STABLE
RETURN ledger.scope_districts_for(current_user);

-- Usage: SELECT ledger.scope_covers('440307'); the loader's pre-check, so a row outside the
-- scope is rejected with a message naming its district instead of an RLS error.
CREATE FUNCTION ledger.scope_covers(p_district text) RETURNS boolean
LANGUAGE sql STABLE
RETURN ledger.scope_is_city() OR p_district = ANY (ledger.scope_districts());

-- Row-level security. Reference registries (districts, streets, communities, companies) are
-- readable city-wide — a compound in one district may be run by a company of another — and
-- writable within scope; every other district table is read and written within scope only.
DO $$
DECLARE
  t text;
  in_scope constant text := '(SELECT ledger.scope_is_city()) OR district_code = ANY ((SELECT ledger.scope_districts())::text[])';
BEGIN
  FOREACH t IN ARRAY ARRAY['districts', 'streets', 'communities', 'companies'] LOOP
    EXECUTE format('ALTER TABLE ledger.%I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE ledger.%I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY %I ON ledger.%I FOR SELECT USING (true)', t || '_read_city_wide', t);
    EXECUTE format('CREATE POLICY %I ON ledger.%I FOR INSERT WITH CHECK (%s)', t || '_insert_in_scope', t, in_scope);
    EXECUTE format('CREATE POLICY %I ON ledger.%I FOR UPDATE USING (%s) WITH CHECK (%s)', t || '_update_in_scope', t, in_scope, in_scope);
    EXECUTE format('CREATE POLICY %I ON ledger.%I FOR DELETE USING (%s)', t || '_delete_in_scope', t, in_scope);
  END LOOP;
  -- Every other table of a load kind: those with a district_code column (read from the catalogue, so a
  -- new kind's table is scoped without being listed here); staff_scope's district is a grant, not a row's.
  FOR t IN SELECT c.relname::text FROM pg_catalog.pg_class AS c
           WHERE c.relnamespace = 'ledger'::regnamespace AND c.relkind = 'r'
             AND c.relname NOT IN ('districts', 'streets', 'communities', 'companies', 'staff_scope')
             AND EXISTS (SELECT 1 FROM pg_catalog.pg_attribute AS a
                         WHERE a.attrelid = c.oid AND a.attname = 'district_code' AND NOT a.attisdropped)
           ORDER BY c.relname LOOP
    EXECUTE format('ALTER TABLE ledger.%I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE ledger.%I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY %I ON ledger.%I FOR ALL USING (%s) WITH CHECK (%s)', t || '_district_scope', t, in_scope, in_scope);
  END LOOP;
END
$$;

-- `propledger access grant ROLE [DISTRICT]`. Usage: SELECT ledger.access_grant('gusu_staff', '320508');
-- district NULL = city-wide. Returns false when the scope was already granted.
CREATE FUNCTION ledger.access_grant(p_role name, p_district text DEFAULT NULL) RETURNS boolean
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
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

-- `propledger access revoke ROLE [DISTRICT]`. Usage: SELECT ledger.access_revoke('gusu_staff', '320508');
-- removes exactly that scope (NULL = the city-wide scope); returns the number of scopes removed.
CREATE FUNCTION ledger.access_revoke(p_role name, p_district text DEFAULT NULL) RETURNS integer
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
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

-- Usage: SELECT ledger.access_revoke_all('gusu_staff'); removes every scope of the role.
CREATE FUNCTION ledger.access_revoke_all(p_role name) RETURNS integer
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
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

-- `propledger access list`.
CREATE VIEW ledger.access_list AS
SELECT s.role_name, s.district_code, d.name AS district_name,
       CASE WHEN s.district_code IS NULL THEN 'city' ELSE 'district' END AS scope,
       s.granted_at, s.granted_by,
       EXISTS (SELECT 1 FROM pg_catalog.pg_roles AS r WHERE r.rolname = s.role_name) AS role_exists
FROM ledger.staff_scope AS s
LEFT JOIN ledger.districts AS d ON d.district_code = s.district_code;
COMMENT ON VIEW ledger.access_list IS 'Every granted scope (propledger access list); scope = city or district.';

REVOKE ALL ON FUNCTION ledger.access_grant(name, text), ledger.access_revoke(name, text),
  ledger.access_revoke_all(name) FROM PUBLIC;

-- Loader: read and write the ledger (never staff_scope or settings), record audit rows.
GRANT SELECT ON ALL TABLES IN SCHEMA ledger TO propledger_loader;
-- INSERT, UPDATE and DELETE (corrections, `load --delete`, SPEC §8) on every table a load writes: the
-- ledger's tables with a district_code column (the load kinds; staff_scope's district is a grant, not a
-- row's district), read from the catalogue. Row-level security keeps each to the loader's districts.
DO $$
DECLARE
  t text;
BEGIN
  FOR t IN SELECT c.relname::text FROM pg_catalog.pg_class AS c
           WHERE c.relnamespace = 'ledger'::regnamespace AND c.relkind = 'r' AND c.relname <> 'staff_scope'
             AND EXISTS (SELECT 1 FROM pg_catalog.pg_attribute AS a
                         WHERE a.attrelid = c.oid AND a.attname = 'district_code' AND NOT a.attisdropped)
  LOOP
    EXECUTE format('GRANT INSERT, UPDATE, DELETE ON ledger.%I TO propledger_loader', t);
  END LOOP;
END
$$;
REVOKE ALL ON ledger.staff_scope, ledger.access_list FROM propledger_loader;
GRANT USAGE ON ALL SEQUENCES IN SCHEMA ledger TO propledger_loader;
-- The load history and the audit trail are append-only for everyone but the owner (011): a loader
-- reads the history and writes it only through these functions.
GRANT SELECT ON audit.load_batches TO propledger_loader;
REVOKE ALL ON FUNCTION audit.begin_batch(text, text, text, bigint),
  audit.finish_batch(bigint, bigint, bigint, bigint, bigint, bigint, text, bigint),
  audit.record_attempt(text, text, text, bigint, bigint, text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION audit.begin_batch(text, text, text, bigint),
  audit.finish_batch(bigint, bigint, bigint, bigint, bigint, bigint, text, bigint),
  audit.record_attempt(text, text, text, bigint, bigint, text, text) TO propledger_loader;
-- Staging holds functions the loader calls, never objects it creates (SPEC §5): USAGE only.
GRANT USAGE ON SCHEMA staging TO propledger_loader;

-- Reader: the report schema only (sql/schema/010-report-schema.sql grants it).
