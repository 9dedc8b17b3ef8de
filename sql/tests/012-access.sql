-- 012: staff scopes and row-level security (SPEC §5): a role scoped to 姑苏区 (320508) sees
-- nothing of 龙岗区 (440307) through any report view and cannot write its rows.
SET client_encoding = 'UTF8';
BEGIN;
SELECT plan(58);

-- Sample geography: 姑苏区 (Suzhou) and 龙岗区 (Shenzhen), one compound each, with rows for both districts
-- in every district table.
\ir fixtures/every-district-table.sql
-- A draw on the fund per district (report.fund_draws).
INSERT INTO ledger.payments (voucher_no, project_code, district_code, source, paid_on, amount_yuan) VALUES
  ('PZ-GS-0002', 'GS-2024-001', '320508', 'maintenance_fund', '2024-03-01', 100.00),
  ('PZ-LG-0002', 'LG-2024-001', '440307', 'maintenance_fund', '2024-03-01', 100.00);
-- The kept fund postings (034) of both districts; then one more posting per district leaves its compound
-- stale (and a payment each its project), so the kept views and the stale views all hold rows of each.
SELECT ledger.refresh_kept();
INSERT INTO ledger.fund_interest (compound_code, posted_on, district_code, amount_yuan)
SELECT DISTINCT i.compound_code, DATE '2024-12-30', i.district_code, 0.50 FROM ledger.fund_interest AS i;
UPDATE ledger.payments SET amount_yuan = amount_yuan WHERE voucher_no LIKE 'PZ-%-0002';

-- Test roles (cluster-wide, so created here and dropped by the ROLLBACK).
CREATE ROLE pl_test_gusu_loader NOLOGIN IN ROLE propledger_loader;
CREATE ROLE pl_test_gusu_reader NOLOGIN IN ROLE propledger_reader;
CREATE ROLE pl_test_city_reader NOLOGIN IN ROLE propledger_reader;
CREATE ROLE pl_test_gusu_staff NOLOGIN;
GRANT pl_test_gusu_staff TO pl_test_gusu_loader, pl_test_gusu_reader;

SELECT is(ledger.access_grant('pl_test_gusu_staff', '320508'), true, 'access_grant scopes a role to 姑苏区');
SELECT is(ledger.access_grant('pl_test_gusu_staff', '320508'), false, 'granting the same scope again changes nothing');
SELECT is(ledger.access_grant('pl_test_city_reader'), true, 'access_grant without a district gives a city-wide scope');
SELECT is(ledger.access_grant('pl_test_city_reader', NULL), false, 'the city-wide scope is kept once (NULLS NOT DISTINCT key)');
SELECT throws_ok($$SELECT ledger.access_grant('pl_test_gusu_staff', '999999')$$, '23503', NULL,
  'access_grant refuses an unknown district');
SELECT results_eq($$SELECT role_name::text COLLATE "default", district_code, scope FROM ledger.access_list WHERE role_name::text LIKE 'pl\_test\_%' ORDER BY 1$$,
  $$VALUES ('pl_test_city_reader', NULL::text, 'city'), ('pl_test_gusu_staff', '320508', 'district')$$, 'access_list lists the scopes');

-- The report views over district data, and how many 龙岗区 rows each shows an unscoped superuser.
CREATE TEMP TABLE district_views ON COMMIT DROP AS
SELECT c.table_name::text AS view_name FROM information_schema.columns AS c
JOIN information_schema.views AS v ON v.table_schema = c.table_schema AND v.table_name = c.table_name
WHERE c.table_schema = 'report' AND c.column_name = 'district_code' AND c.table_name NOT IN ('districts', 'companies');
GRANT SELECT ON district_views TO PUBLIC;
CREATE FUNCTION pg_temp.longgang_rows(view_name text) RETURNS integer LANGUAGE plpgsql AS $$
DECLARE n integer;
BEGIN
  EXECUTE format('SELECT count(*) FROM report.%I WHERE district_code = %L', view_name, '440307') INTO n;
  RETURN n;
END $$;
SELECT is((SELECT count(*)::integer FROM district_views), 27, 'twenty-seven report views carry district data');
SELECT is((SELECT string_agg(view_name, ', ') FROM district_views WHERE pg_temp.longgang_rows(view_name) = 0), NULL,
  'without RLS (superuser) every one of them shows 龙岗区 rows');

SET LOCAL ROLE pl_test_gusu_reader;
SELECT is(pg_temp.longgang_rows(view_name), 0, format('a 姑苏区 reader sees no 龙岗区 row in report.%s', view_name))
FROM district_views ORDER BY view_name;
SELECT is((SELECT count(*)::integer FROM report.fund_units('2024-12-31') WHERE district_code = '440307'), 0,
  'report.fund_units (the fund accounts) shows no 龙岗区 unit');
-- The report functions written in PL/pgSQL resolve names as the reader runs them: none may name ledger.
SELECT lives_ok($$SELECT * FROM report.party_coverage_report('2024-06-30')$$, 'a reader runs party-coverage (its rule through report.rule_value)');
SELECT lives_ok($$SELECT * FROM report.committees_report('2024-06-30')$$, 'a reader runs committees');
SELECT is(report.fund_topup_due(1000.00, 5000.00, '>=1/2'), 1500.00, 'a reader computes a default top-up (ledger.meets inside)');
SELECT is((SELECT count(*)::integer FROM pg_catalog.pg_proc AS p
           WHERE p.pronamespace = 'report'::regnamespace AND p.prolang = (SELECT oid FROM pg_catalog.pg_language WHERE lanname = 'plpgsql')
             AND NOT p.prosecdef AND p.prosrc ~ 'ledger\.[a-z_]+\('), 0,
  'no report function in PL/pgSQL calls a ledger function by name unless it runs with the owner''s rights');
SELECT is((SELECT count(*)::integer FROM report.management_status('2024-06-30') WHERE district_code = '440307'), 0,
  'report.management_status shows no 龙岗区 compound');
SELECT is((SELECT count(*)::integer FROM report.clearance_as_of('2024-06-30') WHERE district_code = '440307'), 0,
  'report.clearance_as_of shows no 龙岗区 case');
SELECT is((SELECT count(*)::integer FROM report.committees_in_force('2024-06-30') WHERE district_code = '440307'), 0,
  'report.committees_in_force shows no 龙岗区 committee');
SELECT is((SELECT count(*)::integer FROM report.party_orgs_in_force('2024-06-30') WHERE district_code = '440307'), 0,
  'report.party_orgs_in_force shows no 龙岗区 organisation');
SELECT is((SELECT count(*)::integer FROM report.apportionment WHERE project_code = 'LG-2024-001'), 0, 'report.apportionment shows no 龙岗区 project');
SELECT is((SELECT count(*)::integer FROM report.compounds WHERE district_code = '320508'), 1, 'the 姑苏区 reader sees its own compound');
SELECT throws_ok($$SELECT count(*) FROM ledger.compounds$$, '42501', NULL, 'a reader cannot read the ledger schema directly');

SET LOCAL ROLE pl_test_gusu_loader;
SELECT is(ledger.scope_covers('320508'), true, 'scope_covers: the loader covers 姑苏区');
SELECT is(ledger.scope_covers('440307'), false, 'scope_covers: the loader does not cover 龙岗区');
SELECT lives_ok($$INSERT INTO ledger.units (compound_code, building, unit_no, district_code, floor_area_m2)
  VALUES ('GS-PJ-001', '2', '201', '320508', 70.00)$$, 'the 姑苏区 loader inserts a 姑苏区 unit');
SELECT throws_ok($$INSERT INTO ledger.units (compound_code, building, unit_no, district_code, floor_area_m2)
  VALUES ('LG-PH-001', 'A', '201', '440307', 90.00)$$, '42501', NULL, 'the 姑苏区 loader cannot insert a 龙岗区 unit');
WITH changed AS (UPDATE ledger.units SET floor_area_m2 = 1 WHERE district_code = '440307' RETURNING 1)
SELECT is(count(*)::integer, 0, 'the 姑苏区 loader''s UPDATE reaches no 龙岗区 row') FROM changed;
SELECT throws_ok($$INSERT INTO ledger.companies (uscc, name, ownership, district_code)
  VALUES ('91440300MA5F00001A', '改名', 'private', '440307') ON CONFLICT (uscc) DO UPDATE SET name = EXCLUDED.name$$,
  '42501', NULL, 'an upsert onto a 龙岗区 company is refused, not skipped');
SELECT throws_ok($$UPDATE ledger.management SET district_code = '440307', compound_code = 'LG-PH-001' WHERE compound_code = 'GS-PJ-001'$$,
  '42501', NULL, 'the 姑苏区 loader cannot move a row into 龙岗区');
SELECT is((SELECT count(*)::integer FROM ledger.companies), 2, 'companies (a reference registry) stay readable city-wide');

SET LOCAL ROLE pl_test_city_reader;
SELECT is((SELECT count(DISTINCT district_code)::integer FROM report.compounds), 2, 'a city-wide reader sees both districts');
RESET ROLE;
SELECT is(ledger.access_revoke('pl_test_gusu_staff', '320508'), 1, 'access_revoke removes the scope');
SET LOCAL ROLE pl_test_gusu_reader;
SELECT is((SELECT count(*)::integer FROM report.compounds), 0, 'with its scope revoked the reader sees nothing');
RESET ROLE;

SELECT * FROM finish();
ROLLBACK;
