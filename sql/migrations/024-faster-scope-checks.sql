-- 024: the row-level security scope functions as PL/pgSQL.
--
-- Every query on a district table evaluates (SELECT ledger.scope_is_city()) and
-- (SELECT ledger.scope_districts()) once. As SQL functions with SECURITY DEFINER they cannot be
-- inlined, so each call parsed and planned its query again: 0.24 ms a call, and the deferred project
-- rules of a city-scale load (85,000 checks, each several queries) spent 110 s there
-- (docs/benchmarks.md). PL/pgSQL keeps the plan for the session. Same results: a role counts when the
-- current user is a member of it; scope rows naming roles that no longer exist are ignored.

CREATE OR REPLACE FUNCTION ledger.scope_is_city_for(p_role name) RETURNS boolean
LANGUAGE plpgsql STABLE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
  RETURN EXISTS (
    SELECT 1 FROM ledger.staff_scope AS s JOIN pg_catalog.pg_roles AS r ON r.rolname = s.role_name
    WHERE s.district_code IS NULL AND pg_catalog.pg_has_role(p_role, r.oid, 'MEMBER'));
END
$$;

CREATE OR REPLACE FUNCTION ledger.scope_districts_for(p_role name) RETURNS text[]
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
