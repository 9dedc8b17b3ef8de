-- Defects found while checking the rules (issue 12, point 6): a share that cannot be apportioned is
-- refused, full-width separators in scope_buildings are read, and a company whose compounds have no
-- known households gets no complaint points.
SET client_encoding = 'UTF8';
BEGIN;
SELECT plan(12);

\ir fixtures/two-districts.sql

-- scope_buildings: ';' and the full-width separators Chinese input methods type.
SELECT is(ledger.scope_building_list('1; 2;10'), ARRAY['1', '2', '10'], 'scope_buildings split on ;');
SELECT is(ledger.scope_building_list('1；2，10、 11'), ARRAY['1', '2', '10', '11'], 'and on ；，、 (full-width, as typed in Chinese)');
SELECT is(ledger.scope_building_list(NULL), NULL, 'no scope_buildings: the whole compound');

-- An approved project whose owners' share names buildings with no unit in GS-PJ-001 (buildings 1, 2, 10).
INSERT INTO ledger.projects (project_code, compound_code, district_code, category, title, status, budget_yuan,
                             proposed_on, approved_on, scope_buildings)
  VALUES ('GS-D-001', 'GS-PJ-001', '320508', 'elevator', '加装电梯', 'approved', 10000.00, '2026-01-05', '2026-03-01', '3；4');
INSERT INTO ledger.funding (project_code, source, payer, district_code, amount_yuan)
  VALUES ('GS-D-001', 'owners', NULL, '320508', 10000.00);
INSERT INTO ledger.votes (project_code, matter, held_on, district_code, total_area_m2, total_owners,
                          participating_area_m2, participating_owners, approving_area_m2, approving_owners)
  VALUES ('GS-D-001', 'raise_fund', '2026-02-15', '320508', 480.00, 6, 480.00, 6, 480.00, 6);
SELECT throws_ok($$SELECT ledger.check_project_rules('GS-D-001')$$, '23514', NULL,
  'an owners'' share whose scope has no unit cannot be apportioned: refused');
SELECT is((SELECT rule FROM staging.project_rule_violations(ARRAY['GS-D-001'])), 'project_share_scope_has_units',
  'and the loader names the rule');
UPDATE ledger.projects SET scope_buildings = '1；10' WHERE project_code = 'GS-D-001';
SELECT lives_ok($$SELECT ledger.check_project_rules('GS-D-001')$$, 'with buildings 1 and 10 (typed with ；) it is sound');
SELECT is((SELECT count(*)::int FROM report.apportion_report('GS-D-001')), 4,
  'and apportions to the four units of buildings 1 and 10');
SELECT is((SELECT sum(amount) FROM report.apportion_report('GS-D-001')), 10000.00::numeric, 'to the fen');

-- Complaint points: households from the registry, else from the units; neither known: no points.
INSERT INTO ledger.management (compound_code, start_on, district_code, mode, company_uscc, basis)
  VALUES ('GS-PJ-001', '2025-01-01', '320508', 'company', '91350100M000100Y43', 'tender');
INSERT INTO ledger.complaints (complaint_code, compound_code, district_code, company_uscc, received_on, category)
  SELECT 'TS-D-' || n, 'GS-PJ-001', '320508', '91350100M000100Y43', '2026-03-01', 'service' FROM generate_series(1, 3) AS n;
-- GS-PJ-001 has 6 households: 3 complaints = 500 per 1000, no complaint points.
SELECT is((SELECT households FROM report.company_scores('2026-06-30', ARRAY['91350100M000100Y43'])), 6::bigint,
  'the registry''s households');
UPDATE ledger.compounds SET households = NULL WHERE compound_code = 'GS-PJ-001';
SELECT is((SELECT households FROM report.company_scores('2026-06-30', ARRAY['91350100M000100Y43'])), 6::bigint,
  'blank households: the compound''s units are counted instead');
DELETE FROM ledger.complaints WHERE complaint_code LIKE 'TS-D-%';
-- A compound with neither households nor units, the only one the company manages.
INSERT INTO ledger.compounds (compound_code, community_code, district_code, name) VALUES ('GS-D-NONE', '320508001001', '320508', '无户数小区');
INSERT INTO ledger.management (compound_code, start_on, district_code, mode, company_uscc, basis)
  VALUES ('GS-D-NONE', '2025-01-01', '320508', 'company', '91350100M000100Y43', 'tender');
DELETE FROM ledger.management WHERE compound_code = 'GS-PJ-001';
SELECT results_eq($$SELECT households, households_unknown,
                           score = report.setting('score_weight_service') * service
                                   + report.setting('score_weight_satisfaction') * coalesce(satisfaction_pct, 0)
                                   + report.setting('score_weight_party') * party
                    FROM report.company_scores('2026-06-30', ARRAY['91350100M000100Y43'])$$,
  $$VALUES (0::bigint, true, true)$$,
  'no household known: the company is flagged and gets no complaint points (not the full 100)');
SELECT is((SELECT households_unknown FROM report.companies_report('2026-06-30') WHERE uscc = '91350100M000100Y43'), true,
  'report companies shows the flag (户数不详)');

SELECT * FROM finish();
ROLLBACK;
