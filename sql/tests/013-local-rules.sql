-- 013: rules by jurisdiction and date (SPEC §10): the jurisdiction of a district, each shipped
-- jurisdiction's committee rules on both sides of its effective date, 一般 limits as warnings, the
-- 物管会 handover window, and owners' votes judged by the law of the day they were held (gates too).
SET client_encoding = 'UTF8';
BEGIN;
SELECT plan(38);

-- Geography: one compound each in 朝阳区 (北京), 徐汇区 (上海), 西湖区 (杭州), 江北区 (宁波, 浙江) and
-- 姑苏区 (苏州, national rules). Households and floor area decide the small-compound exception.
INSERT INTO ledger.districts (district_code, name) VALUES
  ('110105', '朝阳区'), ('310104', '徐汇区'), ('330106', '西湖区'), ('330205', '江北区'), ('320508', '姑苏区');
INSERT INTO ledger.streets (street_code, district_code, name) VALUES
  ('110105001', '110105', '建外街道'), ('310104001', '310104', '湖南路街道'), ('330106001', '330106', '北山街道'),
  ('330205001', '330205', '甬江街道'), ('320508001', '320508', '平江街道');
INSERT INTO ledger.communities (community_code, street_code, district_code, name, community_type) VALUES
  ('110105001001', '110105001', '110105', '建外社区', 'commodity'), ('310104001001', '310104001', '310104', '湖南社区', 'commodity'),
  ('330106001001', '330106001', '330106', '北山社区', 'commodity'), ('330205001001', '330205001', '330205', '甬江社区', 'commodity'),
  ('320508001001', '320508001', '320508', '平江路社区', 'old_village');
INSERT INTO ledger.compounds (compound_code, community_code, district_code, name, housing_type, households, floor_area_m2) VALUES
  ('BJ-BIG', '110105001001', '110105', '建外大院', 'commodity', 400, 36000.00),
  ('BJ-SMALL', '110105001001', '110105', '建外小院', 'commodity', 80, 7000.00),
  ('BJ-UNITS', '110105001001', '110105', '建外楼', 'commodity', NULL, NULL),
  ('SH-BIG', '310104001001', '310104', '湖南大楼', 'commodity', 300, 25000.00),
  ('SH-SMALL', '310104001001', '310104', '湖南小楼', 'commodity', 150, 9000.00),
  ('HZ-A', '330106001001', '330106', '北山花园', 'commodity', 500, 40000.00),
  ('NB-A', '330205001001', '330205', '甬江花园', 'commodity', 500, 40000.00),
  ('GS-A', '320508001001', '320508', '平江新村', 'old_village', 6, 480.00);
-- BJ-UNITS has no registry figures: its two units make it small.
INSERT INTO ledger.units (compound_code, building, unit_no, district_code, floor_area_m2) VALUES
  ('BJ-UNITS', '1', '101', '110105', 90.00), ('BJ-UNITS', '1', '102', '110105', 90.00),
  ('GS-A', '1', '101', '320508', 60.00), ('GS-A', '1', '102', '320508', 80.00),
  ('GS-A', '2', '101', '320508', 60.00), ('GS-A', '2', '102', '320508', 80.00),
  ('GS-A', '10', '101', '320508', 100.00), ('GS-A', '10', '102', '320508', 100.00);
SET CONSTRAINTS ALL IMMEDIATE;

-- Jurisdictions: the longest GB/T 2260 prefix, else national.
SELECT results_eq($$SELECT d, ledger.jurisdiction_of(d) FROM unnest(ARRAY['110105', '310104', '330106', '330205', '320508']) AS d$$,
  $$VALUES ('110105', '11'), ('310104', '31'), ('330106', '3301'), ('330205', '33'), ('320508', 'national')$$,
  'a district falls under its longest matching code prefix: 11 北京, 31 上海, 3301 杭州, 33 浙江, else national');
SELECT throws_ok($$SELECT ledger.rule_value('110105', 'owners_committee.member_min', '2024-01-01')$$, '22023', NULL,
  'a misspelt rule parameter is refused, not read as "no rule"');
SELECT throws_ok($$SELECT * FROM ledger.rules_in_force('110105', ARRAY['owners_committee.members_min', 'owners_committee.member_max'], '2024-01-01')$$,
  '22023', 'unknown rule parameter "owners_committee.member_max"', 'so is a misspelt one among several read at once');
SELECT throws_ok($$SELECT * FROM ledger.rules_in_force('110105', ARRAY['owners_committee.members_min', NULL], '2024-01-01')$$,
  '22023', NULL, 'and a missing one');
-- Every parameter read at once, for every district of a jurisdiction (and one under none) on days around the local
-- rules' effective dates, against SPEC §10 written out here: of the rows effective by the day, those of the
-- longest code prefix of the district (national last), the latest of them.
SELECT set_eq(
  $$SELECT d, o, r.* FROM unnest(ARRAY['110105', '310104', '330106', '330205', '320508']) AS d,
      unnest(ARRAY['2009-12-31', '2010-01-01', '2020-05-01', '2021-05-01', '2022-03-01', '2024-01-01']::date[]) AS o,
      LATERAL ledger.rules_in_force(d, ARRAY(SELECT p.parameter FROM ledger.rule_parameters AS p), o) AS r$$,
  $$SELECT DISTINCT ON (d, o, r.parameter) d, o, r.jurisdiction, r.parameter, r.effective_from, r.value, r.general, r.source_zh, r.source_en
    FROM unnest(ARRAY['110105', '310104', '330106', '330205', '320508']) AS d,
      unnest(ARRAY['2009-12-31', '2010-01-01', '2020-05-01', '2021-05-01', '2022-03-01', '2024-01-01']::date[]) AS o,
      ledger.rules AS r
    WHERE (r.jurisdiction = 'national' OR starts_with(d, r.jurisdiction)) AND r.effective_from <= o
    ORDER BY d, o, r.parameter, r.jurisdiction = 'national', length(r.jurisdiction) DESC, r.effective_from DESC$$,
  'ledger.rules_in_force reads every parameter in force as SPEC §10 says');
SELECT is(ledger.rule_value('330205', 'owners_committee.members_max', '2024-01-01'), '11',
  '浙江 (no rows of its own yet) follows the national rows');
SELECT throws_ok($$INSERT INTO ledger.rules (jurisdiction, parameter, effective_from, value_type, value, source_zh, source_en)
  VALUES ('11', 'owners_committee.members_min', '2030-01-01', 'integer', 'five', '北京', 'Beijing')$$, '23514', NULL,
  'rules_value_fits_type refuses a value not written as its type');
SELECT throws_ok($$INSERT INTO ledger.rules (jurisdiction, parameter, effective_from, value_type, value, source_zh, source_en)
  VALUES ('11', 'owners_committee.members_min', '2030-01-01', 'integer', '5', '', '')$$, '23514', NULL,
  'rules_source_given refuses a rule without its citation');

-- 北京 (from 2020-05-01): odd from 5, no upper limit; 3 where at most 100 households.
SELECT lives_ok($$INSERT INTO ledger.committees (compound_code, term_start, district_code, kind, term_end, members)
  VALUES ('BJ-BIG', '2021-01-01', '110105', 'owners_committee', '2025-12-31', 13)$$,
  '北京: an owners'' committee of 13 members is accepted (Art. 39: no upper limit)');
SELECT throws_ok($$INSERT INTO ledger.committees (compound_code, term_start, district_code, kind, term_end, members)
  VALUES ('BJ-SMALL', '2019-01-01', '110105', 'owners_committee', '2020-12-31', 13)$$, '23514',
  'owners_committee of BJ-SMALL from 2019-01-01 has 13 members; at most 11 are allowed',
  '北京 before 2020-05-01: the national maximum of 11 applied, so 13 is refused');
SELECT lives_ok($$INSERT INTO ledger.committees (compound_code, term_start, district_code, kind, term_end, members)
  VALUES ('BJ-SMALL', '2021-01-01', '110105', 'owners_committee', '2025-12-31', 3)$$,
  '北京: 3 members where the compound has at most 100 households (80)');
SELECT throws_ok($$INSERT INTO ledger.committees (compound_code, term_start, district_code, kind, term_end, members)
  VALUES ('BJ-BIG', '2026-01-01', '110105', 'owners_committee', '2030-12-31', 3)$$, '23514',
  'owners_committee of BJ-BIG from 2026-01-01 has 3 members; at least 5 are required (the compound has 400 households, 36000.00 m²)',
  '北京: 3 members are refused in a compound of 400 households, saying why');
SELECT lives_ok($$INSERT INTO ledger.committees (compound_code, term_start, district_code, kind, term_end, members)
  VALUES ('BJ-UNITS', '2021-01-01', '110105', 'owners_committee', '2025-12-31', 3)$$,
  '北京: with blank households, the compound''s units (2) decide that it is small');

-- 上海 (from 2021-05-01): 3 to 5 years; 3 members under 10,000 m².
SELECT throws_ok($$INSERT INTO ledger.committees (compound_code, term_start, district_code, kind, term_end, members)
  VALUES ('SH-BIG', '2022-01-01', '310104', 'owners_committee', '2023-12-31', 5)$$, '23514',
  'owners_committee of SH-BIG from 2022-01-01: the term ends on 2023-12-31; at least 3 years are required',
  '上海: a 2-year term is refused (Art. 20: 3 to 5 years)');
SELECT lives_ok($$INSERT INTO ledger.committees (compound_code, term_start, district_code, kind, term_end, members)
  VALUES ('SH-BIG', '2022-01-01', '310104', 'owners_committee', '2024-12-31', 5)$$,
  '上海: a term of 3 whole years (to the day before the third anniversary) is accepted');
SELECT lives_ok($$INSERT INTO ledger.committees (compound_code, term_start, district_code, kind, term_end, members)
  VALUES ('SH-BIG', '2019-01-01', '310104', 'owners_committee', '2020-12-31', 5)$$,
  '上海 before 2021-05-01: a 2-year term was lawful under the national rows');
SELECT lives_ok($$INSERT INTO ledger.committees (compound_code, term_start, district_code, kind, term_end, members)
  VALUES ('SH-SMALL', '2022-01-01', '310104', 'owners_committee', '2025-12-31', 3)$$,
  '上海: 3 members where the floor area is at most 10,000 m² (9,000), though it has 150 households');

-- 杭州 (from 2022-03-01): 物管会 odd 7–11, "一般" at most 2 years: a warning, not a refusal.
SELECT lives_ok($$INSERT INTO ledger.committees (compound_code, term_start, district_code, kind, term_end, members)
  VALUES ('HZ-A', '2023-01-01', '330106', 'management_committee', '2025-12-31', 7)$$,
  '杭州: a 物管会 of 3 years is accepted (its 2-year limit is "一般")');
SELECT results_eq($$SELECT rule, refusal FROM report.committee_findings WHERE compound_code = 'HZ-A'$$,
  $$VALUES ('committees_term_at_most', false)$$,
  '杭州: ... and report.committee_findings shows it as a warning');
SELECT results_eq($$SELECT kind, key FROM report.anomalies_report('2026-01-01') WHERE kind LIKE 'committee%'$$,
  $$VALUES ('committee_over_general_limit', 'HZ-A 2023-01-01')$$,
  '杭州: ... which report anomalies lists as committee_over_general_limit');
SELECT throws_ok($$INSERT INTO ledger.committees (compound_code, term_start, district_code, kind, term_end, members)
  VALUES ('HZ-A', '2026-01-01', '330106', 'management_committee', '2027-12-31', 5)$$, '23514', NULL,
  '杭州: a 物管会 of 5 members is refused (Art. 39: 7 to 11)');
SELECT lives_ok($$INSERT INTO ledger.committees (compound_code, term_start, district_code, kind, term_end, members)
  VALUES ('HZ-A', '2019-01-01', '330106', 'management_committee', '2022-06-30', 5)$$,
  '杭州 before 2022-03-01: no rule on 物管会 applied (national has none), so 5 members for 3½ years were lawful');
SELECT results_eq($$SELECT count(*)::integer FROM report.committee_findings WHERE compound_code = 'HZ-A' AND term_start = '2019-01-01'$$,
  $$VALUES (0)$$, '杭州 before 2022-03-01: ... and no warning either');
SELECT throws_ok($$INSERT INTO ledger.committees (compound_code, term_start, district_code, kind, term_end, members)
  VALUES ('NB-A', '2023-01-01', '330205', 'owners_committee', '2027-12-31', 13)$$, '23514', NULL,
  '宁波 (浙江, no local rows): 13 members refused by the national maximum');

-- 北京: a 物管会 may overlap the owners' committee that succeeds it by up to 60 days.
INSERT INTO ledger.committees (compound_code, term_start, district_code, kind, term_end, members)
  VALUES ('BJ-BIG', '2026-01-01', '110105', 'management_committee', '2027-12-31', 7);
SELECT throws_ok($$INSERT INTO ledger.committees (compound_code, term_start, district_code, kind, term_end, members)
  VALUES ('BJ-BIG', '2027-11-01', '110105', 'owners_committee', '2031-10-31', 5)$$, '23514', NULL,
  '北京: an overlap of 61 days between a 物管会 and its successor is refused');
SELECT lives_ok($$INSERT INTO ledger.committees (compound_code, term_start, district_code, kind, term_end, members)
  VALUES ('BJ-BIG', '2027-11-02', '110105', 'owners_committee', '2031-10-31', 5)$$,
  '北京: an overlap of 60 days (the handover window) is accepted');

-- Votes by the law of the day (SPEC §2.2): a raise_fund vote of 2019 valid under Property Law Art. 76
-- (2/3 of the total approve) fails under Civil Code Art. 278 (3/4 of the participants).
-- A project, its share and its vote are one change: check them together.
SET CONSTRAINTS ALL DEFERRED;
SELECT lives_ok($$
  INSERT INTO ledger.projects (project_code, compound_code, district_code, category, title, status, budget_yuan, proposed_on, approved_on)
    VALUES ('GS-2019-01', 'GS-A', '320508', 'wiring', '电气线路改造', 'approved', 1000.00, '2019-03-01', '2019-06-01');
  INSERT INTO ledger.funding (project_code, source, payer, district_code, amount_yuan) VALUES ('GS-2019-01', 'owners', NULL, '320508', 1000.00);
  INSERT INTO ledger.votes (project_code, matter, held_on, district_code, total_area_m2, total_owners,
      participating_area_m2, participating_owners, approving_area_m2, approving_owners)
    VALUES ('GS-2019-01', 'raise_fund', '2019-05-01', '320508', 1000.00, 12, 1000.00, 12, 700.00, 8);
  SET CONSTRAINTS ALL IMMEDIATE$$,
  '2019: a raise_fund vote of 700 of 1000 m² and 8 of 12 owners passes (Property Law Art. 76: 2/3 of the totals), so the approved project''s owners'' share stands');
SELECT is((SELECT law || ' ' || passed FROM report.votes WHERE project_code = 'GS-2019-01'), 'property_law_76 true',
  '2019: report.votes names the Property Law and passes it');
SET CONSTRAINTS ALL DEFERRED;
SELECT throws_ok($$
  INSERT INTO ledger.projects (project_code, compound_code, district_code, category, title, status, budget_yuan, proposed_on, approved_on)
    VALUES ('GS-2021-01', 'GS-A', '320508', 'wiring', '电气线路改造', 'approved', 1000.00, '2021-03-01', '2021-06-01');
  INSERT INTO ledger.funding (project_code, source, payer, district_code, amount_yuan) VALUES ('GS-2021-01', 'owners', NULL, '320508', 1000.00);
  INSERT INTO ledger.votes (project_code, matter, held_on, district_code, total_area_m2, total_owners,
      participating_area_m2, participating_owners, approving_area_m2, approving_owners)
    VALUES ('GS-2021-01', 'raise_fund', '2021-05-01', '320508', 1000.00, 12, 1000.00, 12, 700.00, 8);
  SET CONSTRAINTS ALL IMMEDIATE$$, '23514', NULL,
  '2021: the same figures fail Civil Code Art. 278 (3/4), so the approved project''s owners'' share is refused');
SELECT is((SELECT (ledger.vote_evaluate('raise_fund', '2021-05-01', 1000, 12, 1000, 12, 700, 8)).law), 'civil_code_278',
  '2021: the law applied is the Civil Code');
-- use_fund on either side of 2021-01-01: 500 of 800 participating approve (of 1000 m², 10 owners).
SELECT is(ledger.vote_passes('use_fund', '2020-12-31', 1000, 10, 800, 8, 500, 5), false,
  '2020-12-31: use_fund with 5 of 10 owners approving fails (Art. 76: 2/3 of the totals)');
SELECT is(ledger.vote_passes('use_fund', '2021-01-01', 1000, 10, 800, 8, 500, 5), true,
  '2021-01-01: the same figures pass (Art. 278: quorum met, more than half of the participants)');
SELECT throws_ok($$SELECT ledger.vote_passes('use_fund', '2007-09-30', 1000, 10, 800, 8, 500, 5)$$, '22023', NULL,
  'a vote no law of the rules covers (before 2007-10-01) is refused, not judged');
SET CONSTRAINTS ALL IMMEDIATE;
SELECT throws_ok($$INSERT INTO ledger.votes (project_code, matter, held_on, district_code, total_area_m2, total_owners,
    participating_area_m2, participating_owners, approving_area_m2, approving_owners)
  VALUES ('GS-2019-01', 'other', '2006-05-01', '320508', 1000.00, 12, 1000.00, 12, 700.00, 8)$$, '23514', NULL,
  'votes_law_known refuses a vote held before the rules begin');

-- Lead times: committees --days / expiring default to the jurisdiction's re-election lead time.
SELECT results_eq($$SELECT district_code, value FROM report.district_rule_integer('committee.reelection_lead_days', '2026-01-01') ORDER BY 1$$,
  $$VALUES ('110105', 180), ('310104', 150), ('320508', 90), ('330106', 90), ('330205', 90)$$,
  'the re-election lead time of each district: 北京 180, 上海 150, 杭州 90, else national 90');

-- No rule parameter is read that the table does not hold (the rule constants live in ledger.rules; the
-- Swift copy of the vote laws is checked against ledger.vote_laws by VoteSQLTests).
CREATE TEMP TABLE code_text AS
  SELECT p.prosrc AS body FROM pg_catalog.pg_proc AS p
  WHERE p.pronamespace IN ('ledger'::regnamespace, 'report'::regnamespace, 'staging'::regnamespace)
  UNION ALL
  SELECT pg_catalog.pg_get_viewdef(c.oid) FROM pg_catalog.pg_class AS c
  WHERE c.relkind = 'v' AND c.relnamespace IN ('ledger'::regnamespace, 'report'::regnamespace);
SELECT ok((SELECT count(*) FROM code_text, regexp_matches(body, '''((?:owners_committee|management_committee|committee|vote|fund|notice)\.[a-z0-9_]+)''', 'g')) >= 10,
  'the code names rule parameters (the scan below sees them)');
SELECT is((SELECT array_agg(DISTINCT m[1] ORDER BY m[1]) FROM code_text,
             regexp_matches(body, '''((?:owners_committee|management_committee|committee|vote|fund|notice)\.[a-z0-9_]+)''', 'g') AS m
           WHERE m[1] NOT IN (SELECT r.parameter FROM ledger.rule_parameters AS r)),
  NULL, 'every rule parameter a function or view names is a row of ledger.rule_parameters');
SELECT is((SELECT array_agg(DISTINCT k || m[1] ORDER BY k || m[1]) FROM code_text,
             regexp_matches(body, 'p_kind \|\| ''(\.[a-z0-9_]+)''', 'g') AS m,
             unnest(ARRAY['owners_committee', 'management_committee']) AS k
           WHERE k || m[1] NOT IN (SELECT r.parameter FROM ledger.rule_parameters AS r)),
  NULL, 'every parameter read per committee kind exists for both kinds');

SELECT * FROM finish();
ROLLBACK;
