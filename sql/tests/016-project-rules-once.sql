-- 016: the deferred project rules run once per project per transaction (issue 16), and every way round the
-- "already checked" mark is still caught: a change after the check (deferred or immediate), a second
-- statement, a mark of another transaction, a direct write to the marks by a loader.
SET client_encoding = 'UTF8';
BEGIN;
SELECT plan(12);

\ir fixtures/two-districts.sql
SET LOCAL track_functions = 'pl';
INSERT INTO ledger.projects (project_code, compound_code, district_code, category, title, status, budget_yuan, proposed_on, approved_on) VALUES
  ('P1', 'GS-PJ-001', '320508', 'roof', '屋面', 'approved', 100.00, '2024-01-01', '2024-03-01'),
  ('P2', 'GS-PJ-001', '320508', 'roof', '屋面', 'approved', 100.00, '2024-01-01', '2024-03-01'),
  ('P3', 'GS-PJ-001', '320508', 'roof', '屋面', 'approved', 100.00, '2024-01-01', '2024-03-01');
INSERT INTO ledger.funding (project_code, source, payer, district_code, amount_yuan, percent) VALUES
  ('P1', 'government', 'district', '320508', 100.00, NULL), ('P2', 'government', 'district', '320508', 100.00, NULL),
  ('P3', 'government', 'district', '320508', 100.00, NULL);
UPDATE ledger.funding SET amount_yuan = 100.00 WHERE project_code = 'P1';

CREATE TEMP TABLE calls_before ON COMMIT DROP AS
  SELECT coalesce((SELECT calls FROM pg_stat_xact_user_functions WHERE schemaname = 'ledger' AND funcname = 'check_project_rules'), 0) AS calls;
SELECT lives_ok($$SET CONSTRAINTS ALL IMMEDIATE$$, 'three sound projects pass their deferred rules');
SELECT is((SELECT calls FROM pg_stat_xact_user_functions WHERE schemaname = 'ledger' AND funcname = 'check_project_rules')
          - (SELECT calls FROM calls_before), 3::bigint,
  'seven queued row events (3 projects, 3 shares, 1 update) check each of the 3 projects once');

-- Immediate mode from here: a second statement that breaks a checked project is checked again.
SELECT lives_ok($$UPDATE ledger.funding SET amount_yuan = 100.00 WHERE project_code = 'P2'$$,
  'immediate mode: a sound change to a checked project passes');
SELECT throws_ok($$UPDATE ledger.funding SET amount_yuan = 50.00 WHERE project_code = 'P2'$$, '23514', NULL,
  'a second statement breaking a project already checked in this transaction is caught');
SELECT throws_ok($$INSERT INTO ledger.funding (project_code, source, payer, district_code, amount_yuan, percent)
                   VALUES ('P3', 'government', 'city', '320508', 10.00, NULL)$$, '23514', NULL,
  'so is an insert of a share into a checked project');
SELECT throws_ok($$UPDATE ledger.projects SET budget_yuan = 90.00 WHERE project_code = 'P1'$$, '23514', NULL,
  'and a change to the project row itself');

-- Deferred again: a change after a check resets the mark, so the next check sees it.
SET CONSTRAINTS ALL DEFERRED;
UPDATE ledger.funding SET amount_yuan = 60.00 WHERE project_code = 'P1';
SELECT throws_ok($$SET CONSTRAINTS ALL IMMEDIATE$$, '23514', NULL,
  'a change made after the project was checked (deferred) is caught by the next check');
SET CONSTRAINTS ALL DEFERRED;

-- A mark of another transaction is no mark.
INSERT INTO staging.project_rules_checked (project_code, xact_id) VALUES ('P1', '3'::xid8)
  ON CONFLICT (project_code) DO UPDATE SET xact_id = EXCLUDED.xact_id;
SELECT throws_ok($$SET CONSTRAINTS ALL IMMEDIATE$$, '23514', NULL,
  'a mark written by another transaction does not count');
SET CONSTRAINTS ALL DEFERRED;

-- The loader can neither write nor read the marks, nor run the trigger functions that write them.
CREATE ROLE pl_test_016_loader NOLOGIN IN ROLE propledger_loader;
SELECT ledger.access_grant('pl_test_016_loader', '320508');
SET LOCAL ROLE pl_test_016_loader;
SELECT throws_ok($$INSERT INTO staging.project_rules_checked (project_code, xact_id) VALUES ('P1', pg_current_xact_id())$$,
  '42501', NULL, 'a loader cannot write a "checked" mark');
SELECT throws_ok($$DELETE FROM staging.project_rules_checked$$, '42501', NULL, 'nor delete the marks');
SELECT throws_ok($$SELECT ledger.project_rules_trigger()$$, '0A000', NULL, 'nor call the trigger function that writes them');
SELECT throws_ok($$SET CONSTRAINTS ALL IMMEDIATE$$, '23514', NULL,
  'the loader''s own check still finds the broken project');
RESET ROLE;

SELECT * FROM finish();
ROLLBACK;
