-- 053: the project rules are queued once per project per statement, not once per changed row (issue 18, the
-- province load's 8.8M row events): each statement on a project table queues the projects it changed, old and
-- new codes, in the owner-only staging.project_rules_pending, and the deferred trigger on that queue checks each
-- one and removes it; a later change queues it again.
SET client_encoding = 'UTF8';
BEGIN;
SELECT plan(14);

\ir fixtures/two-districts.sql
SET LOCAL track_functions = 'pl';
CREATE TEMP TABLE calls_before ON COMMIT DROP AS
  SELECT coalesce((SELECT calls FROM pg_stat_xact_user_functions WHERE schemaname = 'ledger' AND funcname = 'project_rules_trigger'), 0) AS trigger_calls,
         coalesce((SELECT calls FROM pg_stat_xact_user_functions WHERE schemaname = 'ledger' AND funcname = 'check_project_rules'), 0) AS check_calls;

-- Two statements, 3 projects and 6 shares (each project 60 + 40 of a budget of 100).
INSERT INTO ledger.projects (project_code, compound_code, district_code, category, title, status, budget_yuan, proposed_on, approved_on) VALUES
  ('Q1', 'GS-PJ-001', '320508', 'roof', '屋面', 'approved', 100.00, '2024-01-01', '2024-03-01'),
  ('Q2', 'GS-PJ-001', '320508', 'roof', '屋面', 'approved', 100.00, '2024-01-01', '2024-03-01'),
  ('Q3', 'GS-PJ-001', '320508', 'roof', '屋面', 'approved', 100.00, '2024-01-01', '2024-03-01');
INSERT INTO ledger.funding (project_code, source, payer, district_code, amount_yuan, percent) VALUES
  ('Q1', 'government', 'district', '320508', 60.00, NULL), ('Q1', 'government', 'city', '320508', 40.00, NULL),
  ('Q2', 'government', 'district', '320508', 60.00, NULL), ('Q2', 'government', 'city', '320508', 40.00, NULL),
  ('Q3', 'government', 'district', '320508', 60.00, NULL), ('Q3', 'government', 'city', '320508', 40.00, NULL);

SELECT results_eq($$SELECT project_code FROM staging.project_rules_pending WHERE xact_id = pg_current_xact_id() ORDER BY 1$$,
  ARRAY['Q1', 'Q2', 'Q3'], 'nine changed rows queue each of the three projects once');
SELECT lives_ok($$SET CONSTRAINTS ALL IMMEDIATE$$, 'the three sound projects pass');
SELECT is((SELECT calls FROM pg_stat_xact_user_functions WHERE schemaname = 'ledger' AND funcname = 'project_rules_trigger')
          - (SELECT trigger_calls FROM calls_before), 3::bigint,
  'three deferred events for nine changed rows: one per project, not one per row');
SELECT is((SELECT calls FROM pg_stat_xact_user_functions WHERE schemaname = 'ledger' AND funcname = 'check_project_rules')
          - (SELECT check_calls FROM calls_before), 3::bigint, 'each project checked once');
SELECT is_empty($$SELECT 1 FROM staging.project_rules_pending WHERE xact_id = pg_current_xact_id()$$,
  'a checked project leaves the queue');
SET CONSTRAINTS ALL DEFERRED;

-- A statement that changes no row queues nothing.
UPDATE ledger.funding SET amount_yuan = amount_yuan WHERE false;
SELECT is_empty($$SELECT 1 FROM staging.project_rules_pending WHERE xact_id = pg_current_xact_id()$$,
  'a statement that changes no row queues no project');

-- A deletion queues the project of the deleted row: Q3 keeps 60 of its 100.
DELETE FROM ledger.funding WHERE project_code = 'Q3' AND payer = 'city';
SELECT results_eq($$SELECT project_code FROM staging.project_rules_pending WHERE xact_id = pg_current_xact_id()$$,
  ARRAY['Q3'], 'a deleted share queues its project');
SELECT throws_ok($$SET CONSTRAINTS ALL IMMEDIATE$$, '23514', NULL,
  'a project checked earlier in the transaction is checked again after a share is deleted');
SET CONSTRAINTS ALL DEFERRED;
INSERT INTO ledger.funding (project_code, source, payer, district_code, amount_yuan, percent) VALUES
  ('Q3', 'government', 'city', '320508', 40.00, NULL);
SELECT lives_ok($$SET CONSTRAINTS ALL IMMEDIATE$$, 'the share restored, Q3 passes');
SET CONSTRAINTS ALL DEFERRED;

-- An update that moves a share to another project queues both: Q1 falls to 60, Q2 rises to 140.
UPDATE ledger.funding SET project_code = 'Q2', payer = 'street' WHERE project_code = 'Q1' AND payer = 'city';
SELECT results_eq($$SELECT project_code FROM staging.project_rules_pending WHERE xact_id = pg_current_xact_id() ORDER BY 1$$,
  ARRAY['Q1', 'Q2'], 'a share moved to another project queues the old and the new project');
SELECT throws_ok($$SET CONSTRAINTS ALL IMMEDIATE$$, '23514', NULL, 'and the move is refused');
SET CONSTRAINTS ALL DEFERRED;
UPDATE ledger.funding SET project_code = 'Q1', payer = 'city' WHERE project_code = 'Q2' AND payer = 'street';
SELECT lives_ok($$SET CONSTRAINTS ALL IMMEDIATE$$, 'moved back, both pass');

-- The loader can neither queue nor unqueue a project, nor run the trigger function that queues.
CREATE ROLE pl_test_053_loader NOLOGIN IN ROLE propledger_loader;
SELECT ledger.access_grant('pl_test_053_loader', '320508');
SET LOCAL ROLE pl_test_053_loader;
SELECT throws_ok($$INSERT INTO staging.project_rules_pending (project_code, xact_id) VALUES ('Q1', pg_current_xact_id())$$,
  '42501', NULL, 'a loader cannot write the queue');
SELECT throws_ok($$SELECT ledger.project_rules_queue()$$, '0A000', NULL, 'nor call the trigger function that writes it');
RESET ROLE;

SELECT * FROM finish();
ROLLBACK;
