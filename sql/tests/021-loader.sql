-- 020/021: what the loader needs in SQL: cell parsers, the project rules as a list, and the
-- directory look-ups that name the district of a row the loader may not see.
SET client_encoding = 'UTF8';
BEGIN;
SELECT plan(25);

SELECT is(staging.parse_date('2024-03-07'), date '2024-03-07', 'parse_date reads YYYY-MM-DD');
SELECT is(staging.parse_date('2024/3/7'), date '2024-03-07', 'parse_date reads YYYY/M/D');
SELECT is(staging.parse_date('2024-02-30'), NULL, 'parse_date refuses a day that does not exist');
SELECT is(staging.parse_date('2024-2-3'), NULL, 'parse_date refuses YYYY-M-D (dashes need two digits)');
SELECT is(staging.parse_date('07/03/2024'), NULL, 'parse_date refuses day-first dates');
SELECT is(staging.parse_date('2023/2/29'), NULL, 'parse_date knows 2023 is no leap year');
SELECT is(staging.parse_bool('是'), true, 'parse_bool reads 是');
SELECT is(staging.parse_bool('NO'), false, 'parse_bool reads NO in any case');
SELECT is(staging.parse_bool('maybe'), NULL, 'parse_bool refuses anything else');

-- A compound in 440309 and a project with a share that does not meet its budget.
INSERT INTO ledger.districts VALUES ('440309', '龙华区');
INSERT INTO ledger.districts VALUES ('320508', '姑苏区') ON CONFLICT DO NOTHING;
INSERT INTO ledger.streets (street_code, district_code, name) VALUES ('440309001', '440309', '观湖街道');
INSERT INTO ledger.communities (community_code, street_code, district_code, name, community_type)
  VALUES ('440309001001', '440309001', '440309', '松元厦社区', 'commodity');
INSERT INTO ledger.compounds (compound_code, community_code, district_code, name)
  VALUES ('LH001', '440309001001', '440309', '观澜松元厦花园');
INSERT INTO ledger.projects (project_code, compound_code, district_code, category, title, status, budget_yuan, proposed_on, approved_on)
  VALUES ('LH2026001', 'LH001', '440309', 'wiring', '观澜松元厦花园电气线路改造', 'approved', 320000.00, '2026-01-05', '2026-03-01'),
         ('LH2026002', 'LH001', '440309', 'fitness', '健身器材', 'proposed', 10000.00, '2026-01-05', NULL);
INSERT INTO ledger.funding (project_code, source, payer, district_code, amount_yuan)
  VALUES ('LH2026001', 'government', 'district', '440309', 200000.00);

SELECT results_eq($$SELECT project_code, rule FROM staging.project_rule_violations(ARRAY['LH2026001', 'LH2026002'])$$,
  $$VALUES ('LH2026001'::text, 'project_shares_sum_to_budget'::text)$$,
  'project_rule_violations lists the broken rule of each project and skips the sound one');
SELECT is((SELECT count(*)::int FROM staging.project_rule_violations(ARRAY[]::text[])), 0,
  'project_rule_violations of no project is empty');
SELECT results_eq($$SELECT project_code FROM staging.project_rules_checked WHERE xact_id = pg_current_xact_id()$$,
  $$VALUES ('LH2026002'::text)$$,
  'the sound project is marked checked for this transaction (its deferred trigger skips it), the broken one is not');
CREATE ROLE pl_test_other_loader NOLOGIN IN ROLE propledger_loader;
SELECT ledger.access_grant('pl_test_other_loader', '320508');
DELETE FROM staging.project_rules_checked;
SET LOCAL SESSION AUTHORIZATION pl_test_other_loader;
SELECT is((SELECT count(*)::int FROM staging.project_rule_violations(ARRAY['LH2026001', 'LH2026002'])), 0,
  'a loader of another district learns nothing of these projects: they are not checked for it');
RESET SESSION AUTHORIZATION;
SELECT is((SELECT count(*)::int FROM staging.project_rules_checked), 0, 'and marks none of them');
SELECT throws_ok($$SET CONSTRAINTS ALL IMMEDIATE$$, '23514', NULL,
  'the same rule still refuses the transaction (the list does not replace the constraint)');

-- A scoped loader learns nothing of another district's keys (SPEC §5): no directory sees past
-- row-level security for it.
CREATE ROLE pl_test_gusu_loader LOGIN IN ROLE propledger_loader;
CREATE ROLE pl_test_plain_reader LOGIN IN ROLE propledger_reader;
SELECT ledger.access_grant('pl_test_gusu_loader', '320508');
SET LOCAL ROLE pl_test_gusu_loader;
SELECT is((SELECT count(*)::int FROM ledger.compounds WHERE compound_code = 'LH001'), 0, 'a 320508 loader cannot see the 440309 compound');
SELECT is((SELECT count(*)::int FROM ledger.projects WHERE project_code = 'LH2026001'), 0, 'nor its project');
SELECT is((SELECT count(*)::int FROM pg_catalog.pg_proc WHERE pronamespace = 'staging'::regnamespace AND proname LIKE '%directory%'), 0,
  'and no staging directory function lists every district''s codes');
RESET ROLE;
SET LOCAL ROLE pl_test_plain_reader;
SELECT throws_ok($$LOCK TABLE staging.load_lock IN EXCLUSIVE MODE$$, '42501', NULL,
  'a reader may not take the load lock');
RESET ROLE;

-- 025: the loader refreshes the statistics of a table it has filled, inside its transaction.
INSERT INTO ledger.units (compound_code, district_code, building, unit_no, floor_area_m2)
  SELECT 'LH001', '440309', '1', n::text, 88.50 FROM generate_series(1, 120) AS n;
SET LOCAL ROLE pl_test_gusu_loader;
SELECT throws_ok($$SELECT staging.analyze_if_grown('units', 120)$$, '42501', NULL,
  'analyze_if_grown refuses a session that does not hold the load lock (it is not inside a load)');
LOCK TABLE staging.load_lock IN EXCLUSIVE MODE;
SELECT is(staging.holds_load_lock(), true, 'a loader takes the load lock');
SELECT is(staging.analyze_if_grown('units', 50), false,
  'analyze_if_grown leaves a table alone below autovacuum''s threshold (50 rows + 10%)');
SELECT is(staging.analyze_if_grown('units', 120), true, 'and analyzes it above, for the loader role');
SELECT throws_ok($$SELECT staging.analyze_if_grown('pg_authid', 1000)$$, '42P01', NULL,
  'analyze_if_grown refuses anything but a ledger table');
RESET ROLE;
SELECT is((SELECT reltuples::int FROM pg_class WHERE oid = 'ledger.units'::regclass), 120,
  'the statistics now count the 120 units inserted in this transaction');

SELECT * FROM finish();
ROLLBACK;
