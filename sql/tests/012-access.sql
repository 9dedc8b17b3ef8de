-- 012: staff scopes and row-level security (SPEC §5): a role scoped to 姑苏区 (320508) sees
-- nothing of 龙岗区 (440307) through any report view and cannot write its rows.
SET client_encoding = 'UTF8';
BEGIN;
SELECT plan(42);

-- Sample geography: 姑苏区 (Suzhou) and 龙岗区 (Shenzhen), one compound each.
INSERT INTO ledger.districts (district_code, name) VALUES ('320508', '姑苏区'), ('440307', '龙岗区');
INSERT INTO ledger.streets (street_code, district_code, name) VALUES
  ('320508001', '320508', '平江街道'), ('440307001', '440307', '平湖街道');
INSERT INTO ledger.communities (community_code, street_code, district_code, name, community_type) VALUES
  ('320508001001', '320508001', '320508', '平江路社区', 'old_village'),
  ('440307001001', '440307001', '440307', '平湖社区', 'commodity');
INSERT INTO ledger.companies (uscc, name, ownership, district_code) VALUES
  ('91350100M000100Y43', '苏州平江物业管理有限公司', 'private', '320508'),
  ('91440300MA5F00001A', '深圳平湖物业服务有限公司', 'state_owned', '440307');
INSERT INTO ledger.compounds (compound_code, community_code, district_code, name, address, housing_type,
    built_year, buildings, households, floor_area_m2) VALUES
  ('GS-PJ-001', '320508001001', '320508', '平江新村', '平江路 88 号', 'old_village', 1988, 3, 6, 480.00),
  ('LG-PH-001', '440307001001', '440307', '平湖花园', '平湖大街 1 号', 'commodity', 2005, 1, 2, 180.00);
-- Six units in buildings 1, 2 and 10: 480 m² in all.
INSERT INTO ledger.units (compound_code, building, unit_no, district_code, floor_area_m2) VALUES
  ('GS-PJ-001', '1', '101', '320508', 60.00), ('GS-PJ-001', '1', '102', '320508', 80.00),
  ('GS-PJ-001', '2', '101', '320508', 60.00), ('GS-PJ-001', '2', '102', '320508', 80.00),
  ('GS-PJ-001', '10', '101', '320508', 100.00), ('GS-PJ-001', '10', '102', '320508', 100.00),
  ('LG-PH-001', 'A', '101', '440307', 90.00), ('LG-PH-001', 'A', '102', '440307', 90.00);
-- Rows for both districts in every district table.
INSERT INTO ledger.co_building_units (unit_code, name, kind, community_code, district_code) VALUES
  ('GJ-320508-001', '苏州市平江中学', 'school', '320508001001', '320508'),
  ('GJ-440307-001', '龙岗区平湖医院', 'hospital', '440307001001', '440307');
INSERT INTO ledger.management (compound_code, start_on, district_code, mode, company_uscc, basis, fee_yuan_per_m2_month, end_on) VALUES
  ('GS-PJ-001', '2023-09-01', '320508', 'company', '91350100M000100Y43', 'tender', 0.85, NULL),
  ('LG-PH-001', '2023-09-01', '440307', 'company', '91440300MA5F00001A', 'owners_vote', 2.50, NULL);
INSERT INTO ledger.committees (compound_code, term_start, district_code, kind, term_end, members, party_members) VALUES
  ('GS-PJ-001', '2022-01-01', '320508', 'owners_committee', '2026-12-31', 5, 3),
  ('LG-PH-001', '2022-01-01', '440307', 'owners_committee', '2026-12-31', 7, 2);
INSERT INTO ledger.party_orgs (host_type, host_key, established_on, district_code, form, formal_members) VALUES
  ('committee', 'GS-PJ-001', '2022-03-01', '320508', 'branch', 3),
  ('committee', 'LG-PH-001', '2022-03-01', '440307', 'working_group', 2);
INSERT INTO ledger.clearance (compound_code, identified_on, district_code, target_on, resolution, resolved_on) VALUES
  ('GS-PJ-001', '2023-03-01', '320508', '2023-12-31', 'company_takeover', '2023-08-15'),
  ('LG-PH-001', '2023-03-01', '440307', '2023-12-31', 'company_takeover', '2023-08-15');
INSERT INTO ledger.projects (project_code, compound_code, district_code, category, title, status, budget_yuan, proposed_on) VALUES
  ('GS-2024-001', 'GS-PJ-001', '320508', 'wiring', '平江新村电气线路改造', 'proposed', 10000.00, '2024-01-10'),
  ('LG-2024-001', 'LG-PH-001', '440307', 'ev_charging', '平湖花园充电桩', 'proposed', 10000.00, '2024-01-10');
INSERT INTO ledger.funding (project_code, source, payer, district_code, amount_yuan) VALUES
  ('GS-2024-001', 'owners', NULL, '320508', 10000.00), ('LG-2024-001', 'owners', NULL, '440307', 10000.00);
INSERT INTO ledger.votes (project_code, matter, held_on, district_code, participating_area_m2, participating_owners, approving_area_m2, approving_owners) VALUES
  ('GS-2024-001', 'raise_fund', '2024-02-01', '320508', 480.00, 6, 480.00, 6),
  ('LG-2024-001', 'raise_fund', '2024-02-01', '440307', 180.00, 2, 180.00, 2);
INSERT INTO ledger.payments (voucher_no, project_code, district_code, source, paid_on, amount_yuan) VALUES
  ('PZ-GS-0001', 'GS-2024-001', '320508', 'owners', '2024-03-01', 4000.00),
  ('PZ-LG-0001', 'LG-2024-001', '440307', 'owners', '2024-03-01', 12000.00);
INSERT INTO ledger.inspections (inspection_code, compound_code, district_code, company_uscc, inspected_on, inspector, score) VALUES
  ('JC-GS-0001', 'GS-PJ-001', '320508', '91350100M000100Y43', '2024-04-01', '姑苏区住建局', 86.5),
  ('JC-LG-0001', 'LG-PH-001', '440307', '91440300MA5F00001A', '2024-04-01', '龙岗区住建局', 78.0);
INSERT INTO ledger.rectifications (inspection_code, item_no, district_code, issue, deadline) VALUES
  ('JC-GS-0001', 1, '320508', '消防通道堆物', '2024-04-15'), ('JC-LG-0001', 1, '440307', '垃圾清运不及时', '2024-04-15');
INSERT INTO ledger.complaints (complaint_code, compound_code, district_code, company_uscc, received_on, category) VALUES
  ('TS-GS-0001', 'GS-PJ-001', '320508', '91350100M000100Y43', '2024-05-01', 'cleaning'),
  ('TS-LG-0001', 'LG-PH-001', '440307', '91440300MA5F00001A', '2024-05-01', 'parking');
INSERT INTO ledger.surveys (compound_code, period, district_code, company_uscc, respondents, satisfied) VALUES
  ('GS-PJ-001', '2024-Q1', '320508', '91350100M000100Y43', 6, 5), ('LG-PH-001', '2024-Q1', '440307', '91440300MA5F00001A', 2, 1);

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
SELECT is((SELECT count(*)::integer FROM district_views), 16, 'sixteen report views carry district data');
SELECT is((SELECT string_agg(view_name, ', ') FROM district_views WHERE pg_temp.longgang_rows(view_name) = 0), NULL,
  'without RLS (superuser) every one of them shows 龙岗区 rows');

SET LOCAL ROLE pl_test_gusu_reader;
SELECT is(pg_temp.longgang_rows(view_name), 0, format('a 姑苏区 reader sees no 龙岗区 row in report.%s', view_name))
FROM district_views ORDER BY view_name;
SELECT is((SELECT count(*)::integer FROM report.management_status('2024-06-30') WHERE district_code = '440307'), 0,
  'report.management_status shows no 龙岗区 compound');
SELECT is((SELECT count(*)::integer FROM report.clearance_as_of('2024-06-30') WHERE district_code = '440307'), 0,
  'report.clearance_as_of shows no 龙岗区 case');
SELECT is((SELECT count(*)::integer FROM report.committees_in_force('2024-06-30') WHERE district_code = '440307'), 0,
  'report.committees_in_force shows no 龙岗区 committee');
SELECT is((SELECT count(*)::integer FROM report.party_orgs_in_force('2024-06-30') WHERE district_code = '440307'), 0,
  'report.party_orgs_in_force shows no 龙岗区 organisation');
SELECT is((SELECT count(*)::integer FROM report.apportion('LG-2024-001')), 0, 'report.apportion of a 龙岗区 project is empty');
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
