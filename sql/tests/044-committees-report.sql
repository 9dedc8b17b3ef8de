-- 044: report committees (SPEC §8): formation, 超期未换届, terms ending within the jurisdiction's
-- re-election lead time, committees eligible for a Party branch without one; and the Party branch minimum
-- of the rules table is the CHECK of party_orgs.
SET client_encoding = 'UTF8';
BEGIN;
SELECT plan(10);

\ir fixtures/two-district-geography.sql
INSERT INTO ledger.districts (district_code, name) VALUES ('110105', '朝阳区');
INSERT INTO ledger.streets (street_code, district_code, name) VALUES ('110105001', '110105', '建外街道');
INSERT INTO ledger.communities (community_code, street_code, district_code, name, community_type) VALUES
  ('110105001001', '110105001', '110105', '建外社区', 'commodity');
INSERT INTO ledger.compounds (compound_code, community_code, district_code, name, housing_type, households) VALUES
  ('GS-A', '320508001001', '320508', '甲苑', 'commodity', 200),   -- term ends in 60 days
  ('GS-B', '320508001001', '320508', '乙苑', 'commodity', 200),   -- last term ended, none in force
  ('GS-C', '320508001001', '320508', '丙苑', 'commodity', 200),   -- 3 Party members, no Party organisation
  ('GS-D', '320508001001', '320508', '丁苑', 'commodity', 200),   -- never had a committee
  ('GS-E', '320508001001', '320508', '戊苑', 'commodity', 200),   -- term ends in 120 days: not soon at 90
  ('BJ-A', '110105001001', '110105', '建外甲', 'commodity', 200); -- term ends in 120 days: soon at 180
INSERT INTO ledger.committees (compound_code, term_start, district_code, kind, term_end, members, party_members) VALUES
  ('GS-A', '2022-01-30', '320508', 'owners_committee', '2026-12-30', 5, 0),
  ('GS-B', '2020-06-01', '320508', 'owners_committee', '2025-05-31', 5, 0),
  ('GS-C', '2024-01-01', '320508', 'owners_committee', '2028-12-31', 5, 3),
  ('GS-E', '2022-03-30', '320508', 'owners_committee', '2027-03-30', 5, 0),
  ('BJ-A', '2022-03-30', '110105', 'owners_committee', '2027-03-30', 5, 0);
SET CONSTRAINTS ALL IMMEDIATE;

SELECT results_eq($$SELECT group_code, compounds, with_committee, formation_pct, ending_soon, party_eligible_without_org
                    FROM report.committees_report('2026-10-31')$$,
  $$VALUES ('110105', 1::bigint, 1::bigint, 100.0, 1::bigint, 0::bigint),
           ('320508', 5::bigint, 3::bigint, 60.0, 1::bigint, 1::bigint)$$,
  'per district: formation (GS-B''s term is over), terms ending within the lead time (北京 180 days: BJ-A; national 90: GS-A, not GS-E), Party-eligible committees without an organisation (GS-C)');
SELECT results_eq($$SELECT group_code, expired_no_successor FROM report.committees_report('2026-10-31', NULL, 'compound') WHERE expired_no_successor > 0$$,
  $$VALUES ('GS-B', 1::bigint)$$, '超期未换届: GS-B, whose last term ended 2025-05-31 with none in force (GS-D never had one)');
SELECT results_eq($$SELECT group_code, ending_soon FROM report.committees_report('2026-10-31', 200, 'compound') WHERE ending_soon > 0 ORDER BY 1$$,
  $$VALUES ('BJ-A', 1::bigint), ('GS-A', 1::bigint), ('GS-E', 1::bigint)$$, '--days 200 sets one window for every jurisdiction');
SELECT results_eq($$SELECT group_code, ending_soon FROM report.committees_report('2026-10-31', NULL, 'street') ORDER BY 1$$,
  $$VALUES ('110105001', 1::bigint), ('320508001', 1::bigint)$$, '--by street');
SELECT throws_ok($$SELECT * FROM report.committees_report('2026-10-31', NULL, 'building')$$, '22023', NULL,
  'another grouping is refused');
-- A filtered report reads its own committees only, and gives the unfiltered report's rows for them.
SELECT results_eq($$SELECT * FROM report.committees_report('2026-10-31', NULL, 'compound', '320508')$$,
  $$SELECT r.* FROM report.committees_report('2026-10-31', NULL, 'compound') AS r WHERE r.group_code LIKE 'GS-%'$$,
  '--district 320508 --list: the rows of its compounds, as unfiltered');
SELECT results_eq($$SELECT * FROM report.committees_report('2026-10-31', 200, 'district', '110105')$$,
  $$SELECT r.* FROM report.committees_report('2026-10-31', 200, 'district') AS r WHERE r.group_code = '110105'$$,
  '--district 110105 --days 200: its row, as unfiltered');
SELECT results_eq($$SELECT * FROM report.committees_report('2026-10-31', NULL, 'compound', NULL, NULL, '110105001001')$$,
  $$SELECT r.* FROM report.committees_report('2026-10-31', NULL, 'compound') AS r WHERE r.group_code = 'BJ-A'$$,
  '--community: the rows of its compounds, as unfiltered');
INSERT INTO ledger.party_orgs (host_type, host_key, established_on, district_code, form, formal_members)
  VALUES ('committee', 'GS-C', '2026-01-01', '320508', 'working_group', 1);
SELECT results_eq($$SELECT party_eligible_without_org FROM report.committees_report('2026-10-31', NULL, 'compound') WHERE group_code = 'GS-C'$$,
  $$VALUES (0::bigint)$$, 'a live working group is a Party organisation: GS-C no longer counts');

CREATE FUNCTION pg_temp.try_branch(n integer) RETURNS boolean LANGUAGE plpgsql AS $f$
BEGIN
  INSERT INTO ledger.party_orgs (host_type, host_key, established_on, district_code, form, formal_members)
    VALUES ('committee', 'GS-A', '2026-02-01', '320508', 'branch', n);
  RAISE EXCEPTION 'accepted' USING ERRCODE = 'P0001';
EXCEPTION
  WHEN check_violation THEN RETURN false;
  WHEN raise_exception THEN RETURN true;
END $f$;
-- The branch minimum of the rules table (party_org.branch_min_formal_members) is the CHECK's constant.
SELECT is(
  (SELECT string_agg(format('%s members: %s', n, CASE WHEN ok THEN 'accepted' ELSE 'refused' END), ', ' ORDER BY n)
   FROM (SELECT n, pg_temp.try_branch(n) AS ok FROM generate_series(
           ledger.rule_value(NULL, 'party_org.branch_min_formal_members', '2026-01-01')::integer - 1,
           ledger.rule_value(NULL, 'party_org.branch_min_formal_members', '2026-01-01')::integer) AS n) AS t),
  format('%s members: refused, %s members: accepted',
         ledger.rule_value(NULL, 'party_org.branch_min_formal_members', '2026-01-01')::integer - 1,
         ledger.rule_value(NULL, 'party_org.branch_min_formal_members', '2026-01-01')::integer),
  'party_orgs_formal_members_enough_for_form refuses a branch one member short of the rules table''s minimum and accepts the minimum');

SELECT * FROM finish();
ROLLBACK;
