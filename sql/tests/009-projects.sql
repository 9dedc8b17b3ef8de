-- 009: projects (status and dates, SPEC §2.5), funding shares (SPEC §2.4) and payments, and
-- the deferred cross-row rules fired with SET CONSTRAINTS ALL IMMEDIATE.
SET client_encoding = 'UTF8';
BEGIN;
SELECT plan(27);

-- Sample geography: 姑苏区 (Suzhou) and 龙岗区 (Shenzhen), one compound each.
\ir fixtures/two-districts.sql

INSERT INTO ledger.co_building_units (unit_code, name, kind, community_code, district_code)
  VALUES ('GJ-320508-001', '苏州市平江中学', 'school', '320508001001', '320508');

-- Status and dates ------------------------------------------------------------------
SELECT lives_ok($$INSERT INTO ledger.projects (project_code, compound_code, district_code, category, title, status, budget_yuan, proposed_on)
  VALUES ('GS-2024-001', 'GS-PJ-001', '320508', 'wiring', '平江新村电气线路改造', 'proposed', 100000.00, '2024-01-10')$$,
  'a proposed project with only proposed_on is accepted');
SELECT throws_ok($$INSERT INTO ledger.projects (project_code, compound_code, district_code, category, title, status, budget_yuan, proposed_on)
  VALUES ('GS-2024-090', 'GS-PJ-001', '320508', 'roof', '屋面修缮', 'approved', 1000, '2024-01-10')$$, '23514', NULL,
  'projects_approved_on_matches_status refuses an approved project without approved_on');
SELECT throws_ok($$INSERT INTO ledger.projects (project_code, compound_code, district_code, category, title, status, proposed_on, started_on)
  VALUES ('GS-2024-091', 'GS-PJ-001', '320508', 'roof', '屋面修缮', 'proposed', '2024-01-10', '2024-02-01')$$, '23514', NULL,
  'projects_started_on_matches_status refuses a proposed project with started_on');
SELECT throws_ok($$INSERT INTO ledger.projects (project_code, compound_code, district_code, category, title, status, budget_yuan, proposed_on, approved_on)
  VALUES ('GS-2024-092', 'GS-PJ-001', '320508', 'roof', '屋面修缮', 'approved', 0, '2024-01-10', '2024-01-09')$$, '23514', NULL,
  'projects_dates_in_status_order refuses approved_on before proposed_on');
SELECT throws_ok($$INSERT INTO ledger.projects (project_code, compound_code, district_code, category, title, status, budget_yuan,
    proposed_on, approved_on, started_on, completed_on, accepted_on)
  VALUES ('GS-2024-093', 'GS-PJ-001', '320508', 'roof', '屋面修缮', 'accepted', 0, '2024-01-10', '2024-01-11', '2024-01-12', '2024-01-13', '2024-01-14')$$,
  '23514', NULL, 'projects_accepted_needs_final_cost refuses an accepted project without final_cost_yuan');
SELECT lives_ok($$INSERT INTO ledger.projects (project_code, compound_code, district_code, category, title, status, budget_yuan,
    final_cost_yuan, proposed_on, approved_on, started_on, completed_on, accepted_on)
  VALUES ('GS-2024-094', 'GS-PJ-001', '320508', 'fitness', '健身器材', 'accepted', 0, 0, '2024-01-10', '2024-01-11', '2024-01-12', '2024-01-13', '2024-01-14');
  SET CONSTRAINTS ALL IMMEDIATE; SET CONSTRAINTS ALL DEFERRED$$,
  'an accepted project with final cost and dates in order is accepted');

-- Funding rows ------------------------------------------------------------------------
SELECT throws_ok($$INSERT INTO ledger.funding (project_code, source, payer, district_code, amount_yuan, percent)
  VALUES ('GS-2024-001', 'government', 'district', '320508', 100, 10)$$, '23514', NULL,
  'funding_amount_xor_percent refuses a row with both amount and percent');
SELECT throws_ok($$INSERT INTO ledger.funding (project_code, source, district_code) VALUES ('GS-2024-001', 'government', '320508')$$,
  '23514', NULL, 'funding_amount_xor_percent refuses a row with neither');
SELECT throws_ok($$INSERT INTO ledger.funding (project_code, source, district_code, amount_yuan) VALUES ('GS-2024-001', 'company', '320508', 100)$$,
  '23514', NULL, 'funding_payer_matches_source refuses a company share without the company''s USCC');
SELECT lives_ok($$INSERT INTO ledger.funding (project_code, source, payer, district_code, amount_yuan)
  VALUES ('GS-2024-001', 'maintenance_fund', NULL, '320508', 30000.00), ('GS-2024-001', 'government', 'district', '320508', 70000.00)
  ON CONFLICT (project_code, source, payer) DO UPDATE SET amount_yuan = EXCLUDED.amount_yuan;
  INSERT INTO ledger.funding (project_code, source, payer, district_code, amount_yuan)
  VALUES ('GS-2024-001', 'maintenance_fund', NULL, '320508', 40000.00), ('GS-2024-001', 'government', 'district', '320508', 60000.00)
  ON CONFLICT (project_code, source, payer) DO UPDATE SET amount_yuan = EXCLUDED.amount_yuan$$,
  'ON CONFLICT (project_code, source, payer) upserts a share whose payer is NULL');
SELECT results_eq($$SELECT source, amount_yuan FROM ledger.funding WHERE project_code = 'GS-2024-001' ORDER BY source$$,
  $$VALUES ('government', 60000.00::numeric(14,2)), ('maintenance_fund', 40000.00::numeric(14,2))$$,
  'the second upsert updated the two shares instead of adding rows (NULLS NOT DISTINCT key)');
SELECT throws_ok($$INSERT INTO ledger.funding (project_code, source, district_code, amount_yuan) VALUES ('GS-2024-001', 'maintenance_fund', '320508', 1)$$,
  '23505', NULL, 'funding_project_source_payer_key refuses a second maintenance_fund share with no payer');

-- Deferred rules (§2.4, §2.5) --------------------------------------------------------------
SELECT lives_ok($$
  INSERT INTO ledger.funding (project_code, source, payer, district_code, amount_yuan) VALUES
    ('GS-2024-002', 'government', 'street', '320508', 60000.00), ('GS-2024-002', 'maintenance_fund', NULL, '320508', 40000.00);
  INSERT INTO ledger.votes (project_code, matter, held_on, district_code, participating_area_m2, participating_owners,
      approving_area_m2, approving_owners)
    VALUES ('GS-2024-002', 'use_fund', '2024-02-20', '320508', 400.00, 5, 340.00, 4);
  INSERT INTO ledger.projects (project_code, compound_code, district_code, category, title, status, budget_yuan, proposed_on, approved_on)
    VALUES ('GS-2024-002', 'GS-PJ-001', '320508', 'ev_charging', '电动车充电桩', 'approved', 100000.00, '2024-01-15', '2024-03-01');
  SET CONSTRAINTS ALL IMMEDIATE; SET CONSTRAINTS ALL DEFERRED$$,
  'shares and a vote inserted before their approved project pass the deferred rules at commit');
SELECT throws_ok($$
  INSERT INTO ledger.funding (project_code, source, payer, district_code, amount_yuan) VALUES
    ('GS-2024-003', 'government', 'street', '320508', 60000.00), ('GS-2024-003', 'maintenance_fund', NULL, '320508', 39999.99);
  INSERT INTO ledger.votes (project_code, matter, held_on, district_code, participating_area_m2, participating_owners,
      approving_area_m2, approving_owners)
    VALUES ('GS-2024-003', 'use_fund', '2024-02-20', '320508', 400.00, 5, 340.00, 4);
  INSERT INTO ledger.projects (project_code, compound_code, district_code, category, title, status, budget_yuan, proposed_on, approved_on)
    VALUES ('GS-2024-003', 'GS-PJ-001', '320508', 'ev_charging', '电动车充电桩', 'approved', 100000.00, '2024-01-15', '2024-03-01');
  SET CONSTRAINTS ALL IMMEDIATE$$, '23514', NULL,
  'project_shares_sum_to_budget: the same load with a share short by 0.01 fails at commit');
SELECT throws_ok($$UPDATE ledger.projects SET status = 'approved', approved_on = '2024-03-01' WHERE project_code = 'GS-2024-001';
  SET CONSTRAINTS ALL IMMEDIATE$$, '23514', NULL,
  'project_fund_share_needs_use_fund_vote refuses approval of a maintenance-fund share without a use_fund vote');
SELECT throws_ok($$INSERT INTO ledger.votes (project_code, matter, held_on, district_code, participating_area_m2, participating_owners,
      approving_area_m2, approving_owners) VALUES ('GS-2024-001', 'use_fund', '2024-03-02', '320508', 400.00, 5, 340.00, 4);
  UPDATE ledger.projects SET status = 'approved', approved_on = '2024-03-01' WHERE project_code = 'GS-2024-001';
  SET CONSTRAINTS ALL IMMEDIATE$$, '23514', NULL,
  'project_fund_share_needs_use_fund_vote refuses a use_fund vote held after approved_on');
SELECT throws_ok($$INSERT INTO ledger.votes (project_code, matter, held_on, district_code, participating_area_m2, participating_owners,
      approving_area_m2, approving_owners) VALUES ('GS-2024-001', 'use_fund', '2024-02-01', '320508', 400.00, 6, 200.00, 3);
  UPDATE ledger.projects SET status = 'approved', approved_on = '2024-03-01' WHERE project_code = 'GS-2024-001';
  SET CONSTRAINTS ALL IMMEDIATE$$, '23514', NULL,
  'project_fund_share_needs_use_fund_vote refuses a use_fund vote that failed (exactly half approved)');
SELECT lives_ok($$INSERT INTO ledger.votes (project_code, matter, held_on, district_code, participating_area_m2, participating_owners,
      approving_area_m2, approving_owners) VALUES ('GS-2024-001', 'use_fund', '2024-03-01', '320508', 400.00, 6, 200.01, 4);
  UPDATE ledger.projects SET status = 'approved', approved_on = '2024-03-01' WHERE project_code = 'GS-2024-001';
  SET CONSTRAINTS ALL IMMEDIATE; SET CONSTRAINTS ALL DEFERRED$$,
  'a passing use_fund vote held on approved_on lets the project be approved');
SELECT throws_ok($$INSERT INTO ledger.projects (project_code, compound_code, district_code, category, title, status, budget_yuan, proposed_on, approved_on)
    VALUES ('GS-2024-004', 'GS-PJ-001', '320508', 'elevator', '加装电梯', 'approved', 50000.00, '2024-01-15', '2024-03-01');
  INSERT INTO ledger.funding (project_code, source, district_code, amount_yuan) VALUES ('GS-2024-004', 'owners', '320508', 50000.00);
  SET CONSTRAINTS ALL IMMEDIATE$$, '23514', NULL,
  'project_owners_share_needs_raise_fund_vote refuses an owners share without a raise_fund vote');
SELECT lives_ok($$INSERT INTO ledger.projects (project_code, compound_code, district_code, category, title, status, budget_yuan, proposed_on, approved_on)
    VALUES ('GS-2024-004', 'GS-PJ-001', '320508', 'elevator', '加装电梯', 'approved', 50000.00, '2024-01-15', '2024-03-01');
  INSERT INTO ledger.funding (project_code, source, district_code, amount_yuan) VALUES ('GS-2024-004', 'owners', '320508', 50000.00);
  INSERT INTO ledger.votes (project_code, matter, held_on, district_code, participating_area_m2, participating_owners,
      approving_area_m2, approving_owners) VALUES ('GS-2024-004', 'raise_fund', '2024-02-01', '320508', 400.00, 4, 300.00, 3);
  SET CONSTRAINTS ALL IMMEDIATE; SET CONSTRAINTS ALL DEFERRED$$,
  'an owners share with a passing raise_fund vote (exactly 3/4) is accepted');
SELECT throws_ok($$INSERT INTO ledger.funding (project_code, source, district_code, percent) VALUES ('GS-2024-001', 'community_fund', '320508', 10);
  SET CONSTRAINTS ALL IMMEDIATE$$, '23514', NULL, 'funding_one_form_per_project refuses percent and amount rows in one project');
SELECT throws_ok($$INSERT INTO ledger.projects (project_code, compound_code, district_code, category, title, status, proposed_on)
    VALUES ('GS-2024-005', 'GS-PJ-001', '320508', 'drainage', '雨污分流', 'proposed', '2024-01-15');
  INSERT INTO ledger.funding (project_code, source, payer, district_code, percent) VALUES
    ('GS-2024-005', 'government', 'city', '320508', 50.00), ('GS-2024-005', 'community_fund', NULL, '320508', 49.99);
  SET CONSTRAINTS ALL IMMEDIATE$$, '23514', NULL, 'funding_percents_sum_to_100 refuses percentages summing to 99.99');
SELECT lives_ok($$INSERT INTO ledger.projects (project_code, compound_code, district_code, category, title, status, budget_yuan, proposed_on, approved_on)
    VALUES ('GS-2024-006', 'GS-PJ-001', '320508', 'facade', '外立面整治', 'approved', 1000.01, '2024-01-15', '2024-03-01');
  INSERT INTO ledger.funding (project_code, source, payer, district_code, percent) VALUES
    ('GS-2024-006', 'community_fund', NULL, '320508', 33.34), ('GS-2024-006', 'government', 'city', '320508', 33.33),
    ('GS-2024-006', 'co_building', 'GJ-320508-001', '320508', 33.33);
  SET CONSTRAINTS ALL IMMEDIATE; SET CONSTRAINTS ALL DEFERRED$$,
  'percent shares summing to 100 satisfy the budget of an approved project');
SELECT results_eq($$SELECT source, committed_yuan FROM ledger.funding_amounts WHERE project_code = 'GS-2024-006'
    ORDER BY ledger.funding_source_rank(source)$$,
  $$VALUES ('government', 333.30::numeric), ('co_building', 333.30::numeric), ('community_fund', 333.41::numeric)$$,
  'percent shares become amounts by largest remainder, summing to the budget');

-- Payments ----------------------------------------------------------------------------------
SELECT lives_ok($$INSERT INTO ledger.payments (voucher_no, project_code, district_code, source, payer, paid_on, amount_yuan)
  VALUES ('PZ-2024-0001', 'GS-2024-002', '320508', 'government', 'street', '2024-04-01', 30000.00)$$, 'a payment is accepted');
SELECT throws_ok($$INSERT INTO ledger.payments (voucher_no, project_code, district_code, source, payer, paid_on, amount_yuan)
  VALUES ('PZ-2024-0001', 'GS-2024-002', '320508', 'government', 'street', '2024-04-02', 100.00)$$, '23505', NULL,
  'payments_pkey refuses a second payment with the same voucher number');
SELECT throws_ok($$INSERT INTO ledger.payments (voucher_no, project_code, district_code, source, paid_on, amount_yuan)
  VALUES ('PZ-2024-0002', 'GS-2024-002', '320508', 'maintenance_fund', '2024-04-02', 0)$$, '23514', NULL,
  'payments_amount_positive refuses a payment of 0');

SELECT * FROM finish();
ROLLBACK;
