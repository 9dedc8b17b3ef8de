-- 050: the "checked" marks of the project rules (016) are cleared by a change to anything the rules read, not only
-- to the project's own rows: a project checked by the load's pass (staging.project_rule_violations), whose events
-- are still queued, is checked again at the deferred check after its scope's units, their owners or the rules
-- change.
SET client_encoding = 'UTF8';
BEGIN;
SELECT plan(4);

\ir fixtures/two-districts.sql
-- P4: an owners' share over building 10 (2 units), its raise_fund vote typed in full.
INSERT INTO ledger.projects (project_code, compound_code, district_code, category, title, scope_buildings, status, budget_yuan, proposed_on, approved_on) VALUES
  ('P4', 'GS-PJ-001', '320508', 'roof', '10 幢屋面', '10', 'approved', 100.00, '2024-01-01', '2024-03-01');
INSERT INTO ledger.funding (project_code, source, payer, district_code, amount_yuan, percent) VALUES
  ('P4', 'owners', NULL, '320508', 100.00, NULL);
INSERT INTO ledger.votes (project_code, matter, held_on, district_code, total_area_m2, total_owners,
                          participating_area_m2, participating_owners, approving_area_m2, approving_owners) VALUES
  ('P4', 'raise_fund', '2024-02-01', '320508', 200.00, 2, 200.00, 2, 200.00, 2);

SELECT is_empty($$SELECT * FROM staging.project_rule_violations(ARRAY['P4'])$$, 'P4 passes the load''s pass, which marks it checked');
SELECT ok(EXISTS (SELECT 1 FROM staging.project_rules_checked WHERE project_code = 'P4' AND xact_id = pg_current_xact_id()),
  'P4 is marked checked in this transaction');
-- Its scope loses its units: no project row changes, but the share can no longer be apportioned.
DELETE FROM ledger.units WHERE compound_code = 'GS-PJ-001' AND building = '10';
SELECT ok(NOT EXISTS (SELECT 1 FROM staging.project_rules_checked WHERE project_code = 'P4'),
  'a change to the units clears the marks');
SELECT throws_ok($$SET CONSTRAINTS ALL IMMEDIATE$$, '23514', NULL,
  'so P4''s queued events check it again: an owners'' share with no unit in scope is refused');

SELECT * FROM finish();
ROLLBACK;
