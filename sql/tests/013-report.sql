-- 013: report building blocks: management status as of a date, clearance verification (SPEC §2.9),
-- committees and party organisations in force, commitments/payments by source, apportionment (SPEC §2.3).
SET client_encoding = 'UTF8';
BEGIN;
SELECT plan(10);

-- Sample geography: 姑苏区 (Suzhou) and 龙岗区 (Shenzhen), one compound each, with rows for both districts
-- in every district table.
\ir fixtures/every-district-table.sql
-- A second 姑苏区 case resolved by self-management with no self_managed period: unverified.
INSERT INTO ledger.compounds (compound_code, community_code, district_code, name) VALUES ('GS-PJ-002', '320508001001', '320508', '大儒巷小区');
INSERT INTO ledger.clearance (compound_code, identified_on, district_code, target_on, resolution, resolved_on)
  VALUES ('GS-PJ-002', '2023-03-01', '320508', '2023-12-31', 'self_management', '2023-06-01');
-- LG-PH-001 resolved 2023-08-15 but its company period starts 2023-09-01 (17 days later): verified.
-- GS-PJ-001 resolved 2023-08-15, its company period starts 2023-09-01 too; move it to day 31: unverified.
UPDATE ledger.management SET start_on = '2023-09-15' WHERE compound_code = 'GS-PJ-001';

SELECT results_eq($$SELECT compound_code, managed, mode FROM report.management_status('2024-06-30') ORDER BY compound_code$$,
  $$VALUES ('GS-PJ-001', true, 'company'), ('GS-PJ-002', false, NULL), ('LG-PH-001', true, 'company')$$,
  'management_status: who manages each compound on 2024-06-30');
SELECT is((SELECT managed FROM report.management_status('2023-09-10') WHERE compound_code = 'GS-PJ-001'), false,
  'management_status: before its period starts a compound is unmanaged');
SELECT is((SELECT verified FROM report.clearance_cases WHERE compound_code = 'LG-PH-001'), true,
  'a company_takeover with a company period starting 17 days after resolved_on is verified');
SELECT is((SELECT verified FROM report.clearance_cases WHERE compound_code = 'GS-PJ-001'), false,
  'a company_takeover whose company period starts 31 days after resolved_on is unverified');
SELECT is((SELECT verified FROM report.clearance_cases WHERE compound_code = 'GS-PJ-002'), false,
  'a self_management resolution with no self_managed period is unverified');
SELECT results_eq($$SELECT compound_code, state, overdue FROM report.clearance_as_of('2023-07-01') ORDER BY compound_code$$,
  $$VALUES ('GS-PJ-001', 'open', false), ('GS-PJ-002', 'resolved_unverified', false), ('LG-PH-001', 'open', false)$$,
  'clearance_as_of: a case resolved after as_of is still open on as_of');
SELECT results_eq($$SELECT compound_code, kind, party_org_form FROM report.committees_in_force('2024-06-30') ORDER BY compound_code$$,
  $$VALUES ('GS-PJ-001', 'owners_committee', 'branch'), ('LG-PH-001', 'owners_committee', 'working_group')$$,
  'committees_in_force with their live party organisation');
SELECT results_eq($$SELECT project_code, committed_yuan, paid_yuan, outstanding_yuan, overrun_yuan FROM report.project_sources ORDER BY project_code$$,
  $$VALUES ('GS-2024-001', 10000.00::numeric(14,2), 4000.00::numeric(14,2), 6000.00::numeric(14,2), 0.00::numeric(14,2)),
           ('LG-2024-001', 10000.00::numeric(14,2), 12000.00::numeric(14,2), 0.00::numeric(14,2), 2000.00::numeric(14,2))$$,
  'project_sources: committed, paid, outstanding, and a payment beyond the share shown as overrun');
UPDATE ledger.funding SET amount_yuan = 1000.01 WHERE project_code = 'GS-2024-001';
SELECT results_eq($$SELECT building, unit_no, amount FROM report.apportion_report('GS-2024-001')$$,
  $$VALUES ('1', '101', 125.00::numeric), ('1', '102', 166.67::numeric), ('2', '101', 125.00::numeric),
           ('2', '102', 166.67::numeric), ('10', '101', 208.34::numeric), ('10', '102', 208.33::numeric)$$,
  'apportion: by floor area to the fen, remaining fen to the largest remainders, ties in (building, unit_no) natural order');
SELECT is((SELECT sum(amount) FROM report.apportion_report('GS-2024-001')), 1000.01, 'apportion: the parts sum to the share exactly');

SELECT * FROM finish();
ROLLBACK;
