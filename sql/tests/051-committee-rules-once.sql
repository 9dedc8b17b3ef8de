-- 051: the deferred committee rules run once per compound per transaction (migration 007), as the project rules
-- do (016, 050): the loader's pass (staging.committee_rule_violations) marks the sound compounds it checked and
-- the deferred trigger skips them, and every way round the mark is still caught — a change after the check to
-- the committees, the compound's size in the registry, its units or the rules; a mark of another transaction; a
-- loader writing a mark; a compound outside the loader's scope; a compound with a refusal.
SET client_encoding = 'UTF8';
BEGIN;
SELECT plan(23);

\ir fixtures/two-districts.sql
SET LOCAL track_functions = 'pl';
-- 姑苏区 follows the national rules (指导规则 Art. 31–32: 5 to 11 members, an odd number, at most 5 years) and,
-- for this test, a provincial small-compound exception: at most 100 households, 3 members at least.
INSERT INTO ledger.jurisdictions (jurisdiction, name_zh, name_en) VALUES ('32', '江苏省', 'Jiangsu');
INSERT INTO ledger.rules (jurisdiction, parameter, effective_from, value_type, value, source_zh, source_en) VALUES
  ('32', 'owners_committee.small_households_max', '2010-01-01', 'integer', '100', '测试规则', 'test rule'),
  ('32', 'owners_committee.small_members_min', '2010-01-01', 'integer', '3', '测试规则', 'test rule');
-- GS-CM-001: 600 households in the registry; GS-CM-002: no registry size, 50 units (small by its units).
INSERT INTO ledger.compounds (compound_code, community_code, district_code, name, address, housing_type, households, floor_area_m2) VALUES
  ('GS-CM-001', '320508001001', '320508', '南园新村', '南园路 1 号', 'commodity', 600, 50000.00),
  ('GS-CM-002', '320508001001', '320508', '北园新村', '北园路 1 号', 'commodity', NULL, NULL);
INSERT INTO ledger.units (compound_code, building, unit_no, district_code, floor_area_m2)
SELECT 'GS-CM-002', '1', n::text, '320508', 100.00 FROM generate_series(101, 150) AS n;
INSERT INTO ledger.committees (compound_code, term_start, district_code, kind, term_end, members) VALUES
  ('GS-CM-001', '2021-03-01', '320508', 'owners_committee', '2026-02-28', 5),
  ('GS-CM-001', '2016-03-01', '320508', 'owners_committee', '2021-02-28', 7),
  ('GS-CM-002', '2021-03-01', '320508', 'owners_committee', '2026-02-28', 3),
  ('LG-PH-001', '2021-03-01', '440307', 'owners_committee', '2026-02-28', 5);

CREATE FUNCTION pg_temp.checks() RETURNS bigint LANGUAGE sql AS
  $$SELECT coalesce((SELECT calls FROM pg_stat_xact_user_functions WHERE schemaname = 'ledger' AND funcname = 'committee_rule_violations'), 0)$$;
CREATE FUNCTION pg_temp.marked(p_compound text) RETURNS boolean LANGUAGE sql AS
  $$SELECT EXISTS (SELECT 1 FROM staging.committee_rules_checked AS m WHERE m.compound_code = p_compound AND m.xact_id = pg_current_xact_id())$$;
CREATE TEMP TABLE calls (at text PRIMARY KEY, n bigint) ON COMMIT DROP;
CREATE ROLE pl_test_051_loader NOLOGIN IN ROLE propledger_loader;
SELECT ledger.access_grant('pl_test_051_loader', '320508');

-- Without a pass: a compound is checked once, however many of its rows are queued.
INSERT INTO calls VALUES ('start', pg_temp.checks());
SELECT lives_ok($$SET CONSTRAINTS ALL IMMEDIATE$$, 'four sound committees of three compounds pass their deferred rules');
SELECT is(pg_temp.checks() - (SELECT n FROM calls WHERE at = 'start'), 3::bigint,
  'their four queued rows are checked with three calls: the compound of the second row is marked by the first');
SET CONSTRAINTS ALL DEFERRED;

-- The loader's pass marks the sound compounds of its district; their queued rows are not checked again.
UPDATE ledger.committees SET members = 7 WHERE term_start = '2021-03-01' AND compound_code <> 'GS-CM-002';
SET LOCAL SESSION AUTHORIZATION pl_test_051_loader;
SELECT is_empty($$SELECT * FROM staging.committee_rule_violations(ARRAY['GS-CM-001', 'GS-CM-002', 'LG-PH-001'])$$,
  'the loader''s pass finds nothing to say of its district''s compounds, and nothing of another district''s');
SELECT throws_ok($$INSERT INTO staging.committee_rules_checked (compound_code, xact_id) VALUES ('LG-PH-001', pg_current_xact_id())$$,
  '42501', NULL, 'a loader cannot write a "checked" mark');
SELECT throws_ok($$DELETE FROM staging.committee_rules_checked$$, '42501', NULL, 'nor delete the marks');
SELECT throws_ok($$SELECT ledger.committee_rules_trigger()$$, '0A000', NULL, 'nor call the trigger function that writes them');
RESET SESSION AUTHORIZATION;
SELECT ok(pg_temp.marked('GS-CM-001') AND pg_temp.marked('GS-CM-002'), 'the pass marks the sound compounds it checked');
SELECT ok(NOT pg_temp.marked('LG-PH-001'), 'but not a compound of another district: the loader may not check it');
INSERT INTO calls VALUES ('pass', pg_temp.checks());
SELECT lives_ok($$SET CONSTRAINTS ALL IMMEDIATE$$, 'the queued rows pass');
SELECT is(pg_temp.checks() - (SELECT n FROM calls WHERE at = 'pass'), 1::bigint,
  'at SET CONSTRAINTS only the unmarked compound is checked');
SET CONSTRAINTS ALL DEFERRED;

-- A compound with a refusal is not marked, and its broken row is refused at the deferred check.
UPDATE ledger.committees SET members = 6 WHERE compound_code = 'GS-CM-001' AND term_start = '2021-03-01';
SELECT ok(EXISTS (SELECT 1 FROM staging.committee_rule_violations(ARRAY['GS-CM-001', 'GS-CM-002']) AS v
                  WHERE v.refusal AND v.compound_code = 'GS-CM-001' AND v.rule = 'committees_members_odd'),
  'the pass finds the even number of members');
SELECT ok(NOT pg_temp.marked('GS-CM-001') AND pg_temp.marked('GS-CM-002'), 'and marks only the sound compound');
SELECT throws_ok($$SET CONSTRAINTS ALL IMMEDIATE$$, '23514', NULL, 'the broken committee is refused at the deferred check');
SET CONSTRAINTS ALL DEFERRED;
UPDATE ledger.committees SET members = 7 WHERE compound_code = 'GS-CM-001' AND term_start = '2021-03-01';
SELECT lives_ok($$SET CONSTRAINTS ALL IMMEDIATE$$, 'mended, it passes');
SET CONSTRAINTS ALL DEFERRED;

-- After a pass, a change to anything the rules read clears the marks, and the queued rows are checked again.
-- The committee row itself: its update is queued, and its compound was marked a moment before.
SELECT is_empty($$SELECT * FROM staging.committee_rule_violations(ARRAY['GS-CM-001']) WHERE refusal$$, 'GS-CM-001 passes the pass');
UPDATE ledger.committees SET members = 6 WHERE compound_code = 'GS-CM-001' AND term_start = '2021-03-01';
SELECT throws_ok($$SET CONSTRAINTS ALL IMMEDIATE$$, '23514', NULL,
  'a committee broken after its compound was marked is refused: the update cleared the marks');
SET CONSTRAINTS ALL DEFERRED;
UPDATE ledger.committees SET members = 7 WHERE compound_code = 'GS-CM-001' AND term_start = '2021-03-01';

-- The registry's size: GS-CM-001 with 40 households is small, so 3 members will do; then it is not small.
UPDATE ledger.compounds SET households = 40 WHERE compound_code = 'GS-CM-001';
UPDATE ledger.committees SET members = 3 WHERE compound_code = 'GS-CM-001' AND term_start = '2021-03-01';
SELECT is_empty($$SELECT * FROM staging.committee_rule_violations(ARRAY['GS-CM-001']) WHERE refusal$$, 'a small compound''s 3 members pass');
UPDATE ledger.compounds SET households = 600 WHERE compound_code = 'GS-CM-001';
SELECT throws_ok($$SET CONSTRAINTS ALL IMMEDIATE$$, '23514', NULL,
  'after the registry gives it 600 households the queued row is checked again and refused (fewer than 5 members)');
SET CONSTRAINTS ALL DEFERRED;
UPDATE ledger.committees SET members = 7 WHERE compound_code = 'GS-CM-001' AND term_start = '2021-03-01';

-- Its units: GS-CM-002 (no registry size) is small by its 50 units; 100 more and it is not.
UPDATE ledger.committees SET members = 3 WHERE compound_code = 'GS-CM-002';
SELECT is_empty($$SELECT * FROM staging.committee_rule_violations(ARRAY['GS-CM-002']) WHERE refusal$$, 'GS-CM-002''s 3 members pass');
INSERT INTO ledger.units (compound_code, building, unit_no, district_code, floor_area_m2)
SELECT 'GS-CM-002', '2', n::text, '320508', 100.00 FROM generate_series(101, 200) AS n;
SELECT throws_ok($$SET CONSTRAINTS ALL IMMEDIATE$$, '23514', NULL,
  'after 100 more units the queued row is checked again and refused');
SET CONSTRAINTS ALL DEFERRED;
DELETE FROM ledger.units WHERE compound_code = 'GS-CM-002' AND building = '2';

-- A mark of another transaction is no mark.
UPDATE ledger.committees SET members = 6 WHERE compound_code = 'GS-CM-002';
INSERT INTO staging.committee_rules_checked (compound_code, xact_id) VALUES ('GS-CM-002', '3'::xid8)
  ON CONFLICT (compound_code) DO UPDATE SET xact_id = EXCLUDED.xact_id;
SELECT throws_ok($$SET CONSTRAINTS ALL IMMEDIATE$$, '23514', NULL, 'a mark written by another transaction does not count');
SET CONSTRAINTS ALL DEFERRED;

-- The rules: the provincial exception withdrawn (here: a later threshold of 10 households).
UPDATE ledger.committees SET members = 3 WHERE compound_code = 'GS-CM-002';
SELECT is_empty($$SELECT * FROM staging.committee_rule_violations(ARRAY['GS-CM-002']) WHERE refusal$$, 'GS-CM-002 passes again');
UPDATE ledger.rules SET value = '10' WHERE jurisdiction = '32' AND parameter = 'owners_committee.small_households_max';
SELECT throws_ok($$SET CONSTRAINTS ALL IMMEDIATE$$, '23514', NULL,
  'after the rules change the queued row is checked again and refused');

SELECT * FROM finish();
ROLLBACK;
