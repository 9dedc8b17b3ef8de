-- 038: ledger.check_project_rules reads the votes once; every rule is still found, named, and
-- reported in 009's order (the first broken rule of a project is the one raised).
SET client_encoding = 'UTF8';
BEGIN;
SELECT plan(3);

\ir fixtures/two-districts.sql
-- GS-PJ-001 has 6 units, 480 m². Votes with blank totals are counted against them.
INSERT INTO ledger.projects (project_code, compound_code, district_code, category, title, status, budget_yuan, proposed_on, approved_on) VALUES
  ('R1', 'GS-PJ-001', '320508', 'roof', '屋面', 'approved', 100.00, '2024-01-01', '2024-03-01'),
  ('R2', 'GS-PJ-001', '320508', 'roof', '屋面', 'proposed', 100.00, '2024-01-01', NULL),
  ('R3', 'GS-PJ-001', '320508', 'roof', '屋面', 'proposed', 100.00, '2024-01-01', NULL),
  ('R4', 'GS-PJ-001', '320508', 'roof', '屋面', 'approved', 100.00, '2024-01-01', '2024-03-01'),
  ('R5', 'GS-PJ-001', '320508', 'roof', '屋面', 'approved', 100.00, '2024-01-01', '2024-03-01'),
  ('R6', 'GS-PJ-001', '320508', 'roof', '屋面', 'proposed', 100.00, '2024-01-01', NULL),
  ('R7', 'GS-PJ-001', '320508', 'roof', '屋面', 'approved', 100.00, '2024-01-01', '2024-03-01'),
  ('R8', 'GS-PJ-001', '320508', 'roof', '屋面', 'approved', 100.00, '2024-01-01', '2024-03-01'),
  ('R9', 'GS-PJ-001', '320508', 'roof', '屋面', 'approved', 100.00, '2024-01-01', '2024-03-01');
INSERT INTO ledger.funding (project_code, source, payer, district_code, amount_yuan, percent) VALUES
  ('R1', 'government', 'district', '320508', 50.00, NULL),                        -- short of the budget
  ('R2', 'government', 'district', '320508', 50.00, NULL), ('R2', 'owners', NULL, '320508', NULL, 50.00),
  ('R3', 'government', 'district', '320508', NULL, 60.00), ('R3', 'owners', NULL, '320508', NULL, 30.00),
  ('R4', 'maintenance_fund', NULL, '320508', 100.00, NULL),                      -- use_fund vote held too late
  ('R5', 'owners', NULL, '320508', 100.00, NULL),                                -- no raise_fund vote
  ('R6', 'government', 'district', '320508', 100.00, NULL),
  ('R7', 'government', 'district', '320508', 50.00, NULL),                        -- short, and an impossible vote
  ('R8', 'owners', NULL, '320508', 60.00, NULL), ('R8', 'maintenance_fund', NULL, '320508', 40.00, NULL),
  ('R9', 'maintenance_fund', NULL, '320508', 100.00, NULL);
INSERT INTO ledger.votes (project_code, matter, held_on, district_code, total_area_m2, total_owners,
                          participating_area_m2, participating_owners, approving_area_m2, approving_owners) VALUES
  ('R4', 'use_fund', '2024-03-02', '320508', NULL, NULL, 480.00, 6, 480.00, 6),
  ('R6', 'other', '2024-02-01', '320508', NULL, NULL, 480.00, 7, 480.00, 7),       -- 7 owners of 6
  ('R7', 'other', '2024-02-01', '320508', NULL, NULL, 480.00, 7, 480.00, 7),
  -- R8: both votes pass (blank totals: 480 m², 6 owners), use_fund on approved_on itself.
  ('R8', 'raise_fund', '2024-02-01', '320508', NULL, NULL, 480.00, 6, 480.00, 6),
  ('R8', 'use_fund', '2024-03-01', '320508', NULL, NULL, 480.00, 6, 480.00, 6),
  -- R9: a failing use_fund vote (half the participants approve) and a passing one on another matter.
  ('R9', 'use_fund', '2024-02-01', '320508', NULL, NULL, 480.00, 6, 240.00, 3),
  ('R9', 'renovate', '2024-02-01', '320508', NULL, NULL, 480.00, 6, 480.00, 6);

SELECT results_eq(
  $$SELECT project_code, rule FROM staging.project_rule_violations(
      ARRAY['R1', 'R2', 'R3', 'R4', 'R5', 'R6', 'R7', 'R8', 'R9']) ORDER BY 1$$,
  $$VALUES ('R1'::text, 'project_shares_sum_to_budget'::text), ('R2', 'funding_one_form_per_project'),
           ('R3', 'funding_percents_sum_to_100'), ('R4', 'project_fund_share_needs_use_fund_vote'),
           ('R5', 'project_owners_share_needs_raise_fund_vote'), ('R6', 'votes_counts_possible'),
           ('R7', 'votes_counts_possible'), ('R9', 'project_fund_share_needs_use_fund_vote')$$,
  'each broken project names its first broken rule, in 009''s order; R8 (both votes passing) is sound');
SELECT throws_ok($$SELECT ledger.check_project_rules('R4')$$, '23514',
  'project R4: a maintenance-fund share needs a passing use_fund vote held on or before 2024-03-01 (approved_on)',
  'the message names the approval date');
SELECT lives_ok($$SELECT ledger.check_project_rules('NO-SUCH-PROJECT')$$,
  'a missing project is left to the foreign keys');

SELECT * FROM finish();
ROLLBACK;
