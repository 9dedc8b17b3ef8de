-- 031: the report functions of SPEC §4 on a small hand-made ledger, as the owner and as a
-- district-scoped reader (row-level security), plus the settings setter.
SET client_encoding = 'UTF8';
BEGIN;
SELECT plan(24);

-- Two districts. 姑苏: A (managed by company P since 2024-01-01, two units), B (case resolved by a
-- claimed company takeover with no company period: unverified), C (case resolved 2025-03-01 by
-- self-management, period from 2025-03-10: verified from then on). 龙岗: L (unmanaged, no case).
\ir fixtures/two-district-geography.sql
INSERT INTO ledger.companies (uscc, name, ownership, district_code) VALUES
  ('91350100M000100Y43', '苏州平江物业管理有限公司', 'private', '320508');
INSERT INTO ledger.compounds (compound_code, community_code, district_code, name, housing_type, households) VALUES
  ('A', '320508001001', '320508', '平江新村', 'old_village', 100),
  ('B', '320508001001', '320508', '南园', 'old_village', 10),
  ('C', '320508001001', '320508', '北园', 'old_village', 10),
  ('L', '440307001001', '440307', '平湖花园', 'commodity', 50);
INSERT INTO ledger.units (compound_code, building, unit_no, district_code, floor_area_m2) VALUES
  ('A', '10', '101', '320508', 50.00), ('A', '2', '101', '320508', 50.00);
INSERT INTO ledger.management (compound_code, start_on, district_code, mode, company_uscc, basis) VALUES
  ('A', '2024-01-01', '320508', 'company', '91350100M000100Y43', 'tender'),
  ('B', '2024-01-01', '320508', 'fallback', NULL, 'appointed'),
  ('C', '2025-03-10', '320508', 'self_managed', NULL, 'owners_vote');
INSERT INTO ledger.clearance (compound_code, identified_on, district_code, target_on, resolution, resolved_on) VALUES
  ('B', '2024-06-01', '320508', '2024-12-31', 'company_takeover', '2025-01-15'),
  ('C', '2024-06-01', '320508', '2025-06-30', 'self_management', '2025-03-01');
-- Project: owners' share 0.03 over two equal units: the odd fen goes to building 2 (natural order 2 < 10).
INSERT INTO ledger.projects (project_code, compound_code, district_code, category, title, status, budget_yuan, proposed_on) VALUES
  ('P1', 'A', '320508', 'wiring', '线路改造', 'proposed', 0.03, '2025-01-01');
INSERT INTO ledger.funding (project_code, source, payer, district_code, amount_yuan) VALUES
  ('P1', 'owners', NULL, '320508', 0.03);
INSERT INTO ledger.inspections (inspection_code, compound_code, district_code, company_uscc, inspected_on, score) VALUES
  ('I1', 'A', '320508', '91350100M000100Y43', '2025-02-01', 90);
INSERT INTO ledger.rectifications (inspection_code, item_no, district_code, issue, deadline) VALUES
  ('I1', 1, '320508', '楼道堆物', '2025-02-28');

SELECT has_function('report', 'clearance_report', ARRAY['date', 'text', 'text', 'text', 'text'], 'report.clearance_report exists');
SELECT is((SELECT p.prosecdef FROM pg_proc AS p WHERE p.oid = 'report.clearance_report(date, text, text, text, text)'::regprocedure),
  false, 'report functions are SECURITY INVOKER, so row-level security applies to the caller');

-- clearance and --as-of
SELECT results_eq($$SELECT group_code, identified, resolved_verified, resolved_unverified, open, cleared_pct, unmanaged_now, unmanaged_without_case
                    FROM report.clearance_report('2025-03-05')$$,
  $$VALUES ('320508'::text, 2::bigint, 0::bigint, 2::bigint, 0::bigint, 0.0::numeric, 1::bigint, 1::bigint),
           ('440307', 0, 0, 0, 0, NULL, 1, 1)$$,
  'clearance on 2025-03-05: C claimed but its period starts 2025-03-10, so both resolutions are unverified');
SELECT results_eq($$SELECT resolved_verified, resolved_unverified, self_management, cleared_pct FROM report.clearance_report('2025-03-20', 'district', '320508')$$,
  $$VALUES (1::bigint, 1::bigint, 1::bigint, 50.0::numeric)$$,
  'clearance on 2025-03-20: C is verified by its self_managed period, cleared 1/2 = 50.0');
SELECT results_eq($$SELECT identified, open, overdue FROM report.clearance_report('2024-07-01', 'district', '320508')$$,
  $$VALUES (2::bigint, 2::bigint, 0::bigint)$$, 'clearance on 2024-07-01: both cases open, none overdue');
SELECT results_eq($$SELECT group_code, identified FROM report.clearance_report('2025-03-20', 'community_type')$$,
  $$VALUES ('commodity'::text, 0::bigint), ('old_village', 2)$$, 'clearance --by community_type');
SELECT throws_ok($$SELECT * FROM report.clearance_report('2025-03-20', 'city')$$, '22023', NULL,
  'clearance refuses an unknown grouping');

-- apportion
SELECT results_eq($$SELECT building, unit_no, amount FROM report.apportion_report('P1')$$,
  $$VALUES ('2'::text, '101'::text, 0.02::numeric), ('10', '101', 0.01)$$,
  'apportion: natural order (2 before 10) and the odd fen to the first of the tied units');
SELECT throws_ok($$SELECT * FROM report.apportion_report('NOPE')$$, 'P0002', NULL, 'apportion of an unknown project raises P0002');

-- companies, recommend, rectifications
SELECT results_eq($$SELECT compounds, households, service, party, overdue_rectifications, no_inspections FROM report.companies_report('2025-03-20')$$,
  $$VALUES (1::bigint, 100::bigint, 90.00::numeric, 0, 1::bigint, false)$$, 'companies: one compound, service 90, one overdue item');
SELECT is((SELECT score FROM report.companies_report('2025-03-20')), 0.4 * 90 + 0.1 * 100.00,
  'score = 0.4 * service + 0.3 * 0 + 0.2 * 0 + 0.1 * max(0, 100 - 0)');
SELECT is((SELECT count(*)::int FROM report.recommend_report('A', '2025-03-20')), 0,
  'recommend leaves out a company with an overdue rectification');
SELECT results_eq($$SELECT inspection, days_overdue FROM report.rectifications_report('2025-03-20')$$,
  $$VALUES ('I1'::text, 20)$$, 'rectifications: deadline 2025-02-28, 20 days overdue on 2025-03-20');
SELECT throws_ok($$SELECT * FROM report.recommend_report('NOPE')$$, 'P0002', NULL, 'recommend for an unknown compound raises P0002');

-- settings
SELECT lives_ok($$SELECT ledger.setting_set('score_weight_service', 0.5)$$, 'a weight can be changed');
SELECT is((SELECT score FROM report.companies_report('2025-03-20')), 0.5 * 90 + 0.1 * 100.00, 'the score follows the new weight');
SELECT throws_ok($$SELECT ledger.setting_set('score_weight_servce', 0.5)$$, '22023', NULL, 'an unknown key is refused');
SELECT throws_ok($$SELECT ledger.setting_set('score_weight_party', 1.5)$$, '22023', NULL, 'a weight above 1 is refused');
SELECT is((SELECT count(*)::int FROM audit.changes WHERE table_name = 'settings' AND key = '{"key": "score_weight_service"}'),
  1, 'the change is in the audit trail');

-- a district-scoped reader
CREATE ROLE pl_test_031_gusu NOLOGIN IN ROLE propledger_reader;
SELECT ledger.access_grant('pl_test_031_gusu', '320508');
SET LOCAL ROLE pl_test_031_gusu;
SELECT set_eq($$SELECT group_code FROM report.clearance_report('2025-03-20')$$, ARRAY['320508'],
  'a 姑苏 reader''s clearance omits 龙岗');
SELECT is((SELECT sum(unmanaged_now)::int FROM report.clearance_report('2025-03-20')), 0,
  'and its totals count only 姑苏 (L of 龙岗 is unmanaged)');
SELECT is((SELECT count(*)::int FROM report.anomalies_report('2025-03-20') WHERE district_code = '440307'), 0,
  'anomalies omit 龙岗 for a 姑苏 reader');
SELECT lives_ok($$SELECT * FROM report.funding_report('2025-03-20')$$, 'a reader may run the funding report');
SELECT throws_ok($$SELECT ledger.setting_set('score_weight_service', 0.3)$$, '42501', NULL, 'a reader cannot change settings');
RESET ROLE;

SELECT * FROM finish();
ROLLBACK;
