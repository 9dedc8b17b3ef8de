-- 033–035: the faster project views and report functions give the rows of 009/031, run without JIT,
-- and keep row-level security (SECURITY INVOKER).
SET client_encoding = 'UTF8';
BEGIN;
SELECT plan(17);

\ir fixtures/two-district-geography.sql
INSERT INTO ledger.compounds (compound_code, community_code, district_code, name, housing_type, households) VALUES
  ('A', '320508001001', '320508', '平江新村', 'old_village', 6),
  ('L', '440307001001', '440307', '平湖花园', 'commodity', 1);
-- A: buildings 1, 2, 10 (two units each, 50 + 60 m²); L: one unit.
INSERT INTO ledger.units (compound_code, building, unit_no, district_code, floor_area_m2) VALUES
  ('A', '1', '101', '320508', 50.00), ('A', '1', '201', '320508', 60.00),
  ('A', '2', '101', '320508', 50.00), ('A', '2', '201', '320508', 60.00),
  ('A', '10', '101', '320508', 50.00), ('A', '10', '201', '320508', 60.00),
  ('L', '1', '101', '440307', 80.00);
-- P1 whole compound; P2 buildings " 2 ; 10;" (spaces and an empty piece); P3 percent shares 33.33/33.33/33.34
-- of 100.00 (largest remainder); P4 in 龙岗.
INSERT INTO ledger.projects (project_code, compound_code, district_code, category, title, scope_buildings, status, budget_yuan, proposed_on) VALUES
  ('P1', 'A', '320508', 'wiring', '线路改造', NULL, 'proposed', 1000.00, '2025-01-01'),
  ('P2', 'A', '320508', 'roof', '屋面', ' 2 ; 10;', 'proposed', 100.01, '2025-01-02'),
  ('P3', 'A', '320508', 'facade', '外立面', '1', 'proposed', 100.00, '2025-01-03'),
  ('P4', 'L', '440307', 'elevator', '电梯', NULL, 'proposed', 500.00, '2025-01-04');
INSERT INTO ledger.funding (project_code, source, payer, district_code, amount_yuan, percent) VALUES
  ('P1', 'owners', NULL, '320508', 1000.00, NULL),
  ('P2', 'owners', NULL, '320508', 100.01, NULL),
  ('P3', 'government', 'city', '320508', NULL, 33.33),
  ('P3', 'government', 'district', '320508', NULL, 33.33),
  ('P3', 'owners', NULL, '320508', NULL, 33.34),
  ('P4', 'owners', NULL, '440307', 500.00, NULL);
-- Votes: P1 blank totals (from the 6 units, 330 m²); P2 blank owners only (4 units in scope); P3 both given.
INSERT INTO ledger.votes (project_code, matter, held_on, district_code, total_area_m2, total_owners,
                          participating_area_m2, participating_owners, approving_area_m2, approving_owners) VALUES
  ('P1', 'raise_fund', '2025-01-10', '320508', NULL, NULL, 330.00, 6, 330.00, 6),
  ('P2', 'raise_fund', '2025-01-10', '320508', 1000.00, NULL, 220.00, 4, 220.00, 4),
  ('P3', 'other', '2025-01-10', '320508', 110.00, 2, 110.00, 2, 0.00, 0);

SELECT results_eq($$SELECT project_code, building, unit_no FROM ledger.project_units ORDER BY 1, 2, 3$$,
  $$VALUES ('P1'::text, '1'::text, '101'::text), ('P1', '1', '201'), ('P1', '10', '101'), ('P1', '10', '201'),
           ('P1', '2', '101'), ('P1', '2', '201'),
           ('P2', '10', '101'), ('P2', '10', '201'), ('P2', '2', '101'), ('P2', '2', '201'),
           ('P3', '1', '101'), ('P3', '1', '201'),
           ('P4', '1', '101')$$,
  'project_units: the whole compound, or the trimmed buildings of scope_buildings (empty pieces ignored)');
SELECT results_eq($$SELECT project_code, total_area_m2, total_owners, total_area_computed, total_owners_computed, passed
                    FROM ledger.votes_evaluated ORDER BY 1$$,
  $$VALUES ('P1'::text, 330.00::numeric, 6, true, true, true), ('P2', 1000.00, 4, false, true, false),
           ('P3', 110.00, 2, false, false, false)$$,
  'votes_evaluated: blank totals from the units in scope, given totals kept (P2 misses the 2/3 area quorum)');
SELECT results_eq($$SELECT project_code, source, payer, committed_yuan FROM ledger.funding_amounts
                    ORDER BY project_code, ledger.funding_source_rank(source), payer$$,
  $$VALUES ('P1'::text, 'owners'::text, NULL::text, 1000.00::numeric),
           ('P2', 'owners', NULL, 100.01),
           ('P3', 'government', 'city', 33.33), ('P3', 'government', 'district', 33.33), ('P3', 'owners', NULL, 33.34),
           ('P4', 'owners', NULL, 500.00)$$,
  'funding_amounts: percentages split once per project, each share its own amount');
SELECT results_eq($$SELECT committed_yuan FROM ledger.funding_amounts WHERE project_code = 'P3'
                    ORDER BY ledger.funding_source_rank(source), payer$$,
  $$VALUES (33.33::numeric), (33.33), (33.34)$$, 'funding_amounts filtered by project gives the same split');
SELECT results_eq($$SELECT project_code, committed_government, committed_owners, committed, vote_status
                    FROM report.projects_report('2025-06-30')$$,
  $$VALUES ('P1'::text, 0.00::numeric, 1000.00::numeric, 1000.00::numeric, 'passed'::text),
           ('P2', 0.00, 100.01, 100.01, 'failed'), ('P3', 66.66, 33.34, 100.00, 'failed'),
           ('P4', 0.00, 500.00, 500.00, 'none')$$,
  'projects_report: committed by source and vote_status');
SELECT results_eq($$SELECT project_code FROM report.projects_report('2025-06-30', '440307')$$,
  $$VALUES ('P4'::text)$$, 'projects_report with a district filter');
SELECT results_eq($$SELECT project_code FROM report.projects_report('2025-01-02', NULL, '320508001')$$,
  $$VALUES ('P1'::text), ('P2')$$, 'projects_report with a street filter and as-of');
SELECT is((SELECT count(*)::int FROM report.funding_report('2025-06-30')), 0, 'funding_report: no approved project, no row');
SELECT results_eq($$SELECT item->>'value', detail FROM report.compound_report('A', '2025-06-30') WHERE section = 'project'$$,
  $$SELECT p, jsonb_build_array(jsonb_build_object('message', 'dossierValue', 'value', t),
                                jsonb_build_object('message', 'dossierValue', 'value', jsonb_build_object('en', c, 'zh', z)),
                                jsonb_build_object('message', 'dossierValue', 'value', '{"en": "proposed", "zh": "已立项"}'::jsonb),
                                jsonb_build_object('message', 'dossierBudget', 'amount', b),
                                jsonb_build_object('message', 'dossierCommitted', 'amount', b),
                                jsonb_build_object('message', 'dossierPaid', 'amount', '0.00'),
                                jsonb_build_object('message', 'dossierVote', 'status', jsonb_build_object('en', v, 'zh', vz)))
    FROM (VALUES ('P1'::text, '线路改造'::text, 'wiring'::text, '电气线路改造'::text, '1000.00'::text, 'passed'::text, '已通过'::text),
                 ('P2', '屋面', 'roof', '屋面', '100.01', 'failed', '未通过'),
                 ('P3', '外立面', 'facade', '外立面', '100.00', 'failed', '未通过')) AS x(p, t, c, z, b, v, vz)$$,
  'compound dossier: its projects with committed, paid and vote status, in project order');
SELECT throws_ok($$SELECT * FROM report.compound_report('NOPE', '2025-06-30')$$, 'P0002', NULL,
  'compound dossier of an unknown compound still raises P0002');
SELECT throws_ok($$SELECT * FROM report.clearance_report('2025-06-30', 'city')$$, '22023', NULL,
  'clearance still refuses an unknown grouping');

-- Every report function runs without JIT and stays SECURITY INVOKER.
SELECT is((SELECT array_agg(p.proname::text ORDER BY p.proname) FROM pg_proc AS p
           WHERE p.pronamespace = 'report'::regnamespace AND p.proname LIKE '%\_report'
             AND NOT ('jit=off' = ANY (coalesce(p.proconfig, '{}')))),
  NULL, 'every report.*_report function has SET jit = off');
SELECT is((SELECT count(*)::int FROM pg_proc AS p
           WHERE p.pronamespace = 'report'::regnamespace AND p.proname LIKE '%\_report' AND p.prosecdef),
  0, 'report functions are still SECURITY INVOKER');
SELECT is((SELECT count(*)::int FROM pg_proc AS p
           WHERE p.pronamespace = 'report'::regnamespace AND p.proname LIKE '%\_report'), 17,
  'the seventeen reports of the catalogue');

-- A district-scoped reader sees only its district through the rewritten functions.
CREATE ROLE pl_test_033_gusu NOLOGIN IN ROLE propledger_reader;
SELECT ledger.access_grant('pl_test_033_gusu', '320508');
SET LOCAL ROLE pl_test_033_gusu;
SELECT results_eq($$SELECT project_code FROM report.projects_report('2025-06-30')$$,
  $$VALUES ('P1'::text), ('P2'), ('P3')$$, 'a 姑苏 reader''s projects omit 龙岗');
SELECT results_eq($$SELECT item->>'value' FROM report.compound_report('A', '2025-06-30') WHERE section = 'project'$$,
  $$VALUES ('P1'::text), ('P2'), ('P3')$$, 'and its dossier of A lists A''s projects');
SELECT throws_ok($$SELECT * FROM report.compound_report('L', '2025-06-30')$$, 'P0002', NULL,
  'a compound of another district is not found');
RESET ROLE;

SELECT * FROM finish();
ROLLBACK;
