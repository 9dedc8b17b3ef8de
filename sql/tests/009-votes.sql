-- 009: owners' votes (SPEC §2.2) through ledger.votes and report.votes: totals computed from the
-- units in scope, the result from ledger.vote_evaluate, never stored.
SET client_encoding = 'UTF8';
BEGIN;
SELECT plan(15);

-- Sample geography: 姑苏区 (Suzhou) and 龙岗区 (Shenzhen), one compound each.
\ir fixtures/two-districts.sql

INSERT INTO ledger.projects (project_code, compound_code, district_code, category, title, status, proposed_on)
  VALUES ('GS-2024-010', 'GS-PJ-001', '320508', 'wiring', '电气线路改造', 'proposed', '2024-01-10');
INSERT INTO ledger.projects (project_code, compound_code, district_code, category, title, scope_buildings, status, proposed_on)
  VALUES ('GS-2024-011', 'GS-PJ-001', '320508', 'elevator', '1、10 号楼加装电梯', '1; 10', 'proposed', '2024-01-10');
-- Explicit totals: 9000 m², 90 owners.
INSERT INTO ledger.votes (project_code, matter, held_on, district_code, total_area_m2, total_owners,
    participating_area_m2, participating_owners, approving_area_m2, approving_owners) VALUES
  ('GS-2024-010', 'select_company', '2024-01-01', '320508', 9000.00, 90, 6000.00, 60, 3000.00, 30),
  ('GS-2024-010', 'select_company', '2024-01-02', '320508', 9000.00, 90, 5999.99, 60, 3000.00, 31),
  ('GS-2024-010', 'select_company', '2024-01-03', '320508', 9000.00, 90, 6000.00, 60, 3000.01, 31),
  ('GS-2024-010', 'raise_fund', '2024-01-04', '320508', 9000.00, 90, 6000.00, 60, 4500.00, 45),
  ('GS-2024-010', 'raise_fund', '2024-01-05', '320508', 9000.00, 90, 6000.00, 60, 4499.99, 45);
-- Blank totals: computed from the units in scope.
INSERT INTO ledger.votes (project_code, matter, held_on, district_code,
    participating_area_m2, participating_owners, approving_area_m2, approving_owners) VALUES
  ('GS-2024-010', 'use_fund', '2024-01-06', '320508', 320.00, 4, 200.00, 3),
  ('GS-2024-011', 'renovate', '2024-01-07', '320508', 340.00, 4, 255.00, 3);

SELECT hasnt_column('ledger', 'votes', 'passed', 'the vote result is not a stored column');
SELECT results_eq($$SELECT quorum_area_met, quorum_owners_met FROM report.votes WHERE held_on = '2024-01-01'$$,
  $$VALUES (true, true)$$, 'exactly 2/3 of the area and of the owners taking part meets the quorum');
SELECT results_eq($$SELECT quorum_area_met, passed FROM report.votes WHERE held_on = '2024-01-02'$$,
  $$VALUES (false, false)$$, '0.01 m² short of 2/3 misses the quorum and the vote fails');
SELECT results_eq($$SELECT approval_area_met, approval_owners_met, passed FROM report.votes WHERE held_on = '2024-01-01'$$,
  $$VALUES (false, false, false)$$, 'exactly 1/2 approval fails a majority matter (select_company)');
SELECT is((SELECT passed FROM report.votes WHERE held_on = '2024-01-03'), true,
  'more than half of the participating area and owners passes a majority matter');
SELECT is((SELECT passed FROM report.votes WHERE held_on = '2024-01-04'), true, 'exactly 3/4 approval passes raise_fund');
SELECT is((SELECT passed FROM report.votes WHERE held_on = '2024-01-05'), false, '0.01 m² short of 3/4 fails raise_fund');
SELECT results_eq($$SELECT total_area_m2, total_owners, total_area_computed, total_owners_computed FROM report.votes WHERE held_on = '2024-01-06'$$,
  $$VALUES (480.00::numeric(12,2), 6, true, true)$$, 'blank totals are the compound''s unit areas and one owner per unit');
SELECT is((SELECT passed FROM report.votes WHERE held_on = '2024-01-06'), true, 'a use_fund vote with 2/3 of computed totals and a majority passes');
SELECT results_eq($$SELECT total_area_m2, total_owners FROM report.votes WHERE held_on = '2024-01-07'$$,
  $$VALUES (340.00::numeric(12,2), 4)$$, 'scope_buildings "1; 10" limits the computed totals to those buildings');
SELECT is((SELECT passed FROM report.votes WHERE held_on = '2024-01-07'), true, 'exactly 3/4 of the scoped owners passes renovate');
SELECT throws_ok($$INSERT INTO ledger.votes (project_code, matter, held_on, district_code,
    participating_area_m2, participating_owners, approving_area_m2, approving_owners)
  VALUES ('GS-2024-010', 'other', '2024-01-08', '320508', 300.00, 3, 300.00, 4)$$, '23514', NULL,
  'votes_approving_within_participating refuses more approving owners than participants');
SELECT throws_ok($$INSERT INTO ledger.votes (project_code, matter, held_on, district_code,
    participating_area_m2, participating_owners, approving_area_m2, approving_owners)
  VALUES ('GS-2024-011', 'other', '2024-01-09', '320508', 300.00, 5, 200.00, 3); SET CONSTRAINTS ALL IMMEDIATE$$, '23514', NULL,
  'votes_counts_possible refuses 5 participants where the scope has 4 units (at commit)');
SELECT throws_ok($$INSERT INTO ledger.votes (project_code, matter, held_on, district_code, total_area_m2, total_owners,
    participating_area_m2, participating_owners, approving_area_m2, approving_owners)
  VALUES ('GS-2024-010', 'other', '2024-01-10', '320508', 100.00, 2, 100.00, 3, 0, 0)$$, '23514', NULL,
  'votes_participating_within_total refuses more participants than the given total');
SELECT throws_ok($$INSERT INTO ledger.votes (project_code, matter, held_on, district_code, total_area_m2, total_owners,
    participating_area_m2, participating_owners, approving_area_m2, approving_owners)
  VALUES ('GS-2024-010', 'other', '2024-01-11', '320508', 0, 2, 0, 1, 0, 0)$$, '23514', NULL,
  'votes_counts_not_negative refuses a given total area of 0 (a vote over no area cannot be evaluated)');

SELECT * FROM finish();
ROLLBACK;
