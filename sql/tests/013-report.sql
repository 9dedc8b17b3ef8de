-- 013: report building blocks: management status as of a date, clearance verification (SPEC §2.9),
-- committees and party organisations in force, commitments/payments by source, apportionment (SPEC §2.3).
SET client_encoding = 'UTF8';
BEGIN;
SELECT plan(10);

-- Sample geography: 姑苏区 (Suzhou) and 龙岗区 (Shenzhen), one compound each.
INSERT INTO ledger.districts (district_code, name) VALUES ('320508', '姑苏区'), ('440307', '龙岗区');
INSERT INTO ledger.streets (street_code, district_code, name) VALUES
  ('320508001', '320508', '平江街道'), ('440307001', '440307', '平湖街道');
INSERT INTO ledger.communities (community_code, street_code, district_code, name, community_type) VALUES
  ('320508001001', '320508001', '320508', '平江路社区', 'old_village'),
  ('440307001001', '440307001', '440307', '平湖社区', 'commodity');
INSERT INTO ledger.companies (uscc, name, ownership, district_code) VALUES
  ('91350100M000100Y43', '苏州平江物业管理有限公司', 'private', '320508'),
  ('91440300MA5F00001A', '深圳平湖物业服务有限公司', 'state_owned', '440307');
INSERT INTO ledger.compounds (compound_code, community_code, district_code, name, address, housing_type,
    built_year, buildings, households, floor_area_m2) VALUES
  ('GS-PJ-001', '320508001001', '320508', '平江新村', '平江路 88 号', 'old_village', 1988, 3, 6, 480.00),
  ('LG-PH-001', '440307001001', '440307', '平湖花园', '平湖大街 1 号', 'commodity', 2005, 1, 2, 180.00);
-- Six units in buildings 1, 2 and 10: 480 m² in all.
INSERT INTO ledger.units (compound_code, building, unit_no, district_code, floor_area_m2) VALUES
  ('GS-PJ-001', '1', '101', '320508', 60.00), ('GS-PJ-001', '1', '102', '320508', 80.00),
  ('GS-PJ-001', '2', '101', '320508', 60.00), ('GS-PJ-001', '2', '102', '320508', 80.00),
  ('GS-PJ-001', '10', '101', '320508', 100.00), ('GS-PJ-001', '10', '102', '320508', 100.00),
  ('LG-PH-001', 'A', '101', '440307', 90.00), ('LG-PH-001', 'A', '102', '440307', 90.00);
-- Rows for both districts in every district table.
INSERT INTO ledger.co_building_units (unit_code, name, kind, community_code, district_code) VALUES
  ('GJ-320508-001', '苏州市平江中学', 'school', '320508001001', '320508'),
  ('GJ-440307-001', '龙岗区平湖医院', 'hospital', '440307001001', '440307');
INSERT INTO ledger.management (compound_code, start_on, district_code, mode, company_uscc, basis, fee_yuan_per_m2_month, end_on) VALUES
  ('GS-PJ-001', '2023-09-01', '320508', 'company', '91350100M000100Y43', 'tender', 0.85, NULL),
  ('LG-PH-001', '2023-09-01', '440307', 'company', '91440300MA5F00001A', 'owners_vote', 2.50, NULL);
INSERT INTO ledger.committees (compound_code, term_start, district_code, kind, term_end, members, party_members) VALUES
  ('GS-PJ-001', '2022-01-01', '320508', 'owners_committee', '2026-12-31', 5, 3),
  ('LG-PH-001', '2022-01-01', '440307', 'owners_committee', '2026-12-31', 7, 2);
INSERT INTO ledger.party_orgs (host_type, host_key, established_on, district_code, form, formal_members) VALUES
  ('committee', 'GS-PJ-001', '2022-03-01', '320508', 'branch', 3),
  ('committee', 'LG-PH-001', '2022-03-01', '440307', 'working_group', 2);
INSERT INTO ledger.clearance (compound_code, identified_on, district_code, target_on, resolution, resolved_on) VALUES
  ('GS-PJ-001', '2023-03-01', '320508', '2023-12-31', 'company_takeover', '2023-08-15'),
  ('LG-PH-001', '2023-03-01', '440307', '2023-12-31', 'company_takeover', '2023-08-15');
INSERT INTO ledger.projects (project_code, compound_code, district_code, category, title, status, budget_yuan, proposed_on) VALUES
  ('GS-2024-001', 'GS-PJ-001', '320508', 'wiring', '平江新村电气线路改造', 'proposed', 10000.00, '2024-01-10'),
  ('LG-2024-001', 'LG-PH-001', '440307', 'ev_charging', '平湖花园充电桩', 'proposed', 10000.00, '2024-01-10');
INSERT INTO ledger.funding (project_code, source, payer, district_code, amount_yuan) VALUES
  ('GS-2024-001', 'owners', NULL, '320508', 10000.00), ('LG-2024-001', 'owners', NULL, '440307', 10000.00);
INSERT INTO ledger.votes (project_code, matter, held_on, district_code, participating_area_m2, participating_owners, approving_area_m2, approving_owners) VALUES
  ('GS-2024-001', 'raise_fund', '2024-02-01', '320508', 480.00, 6, 480.00, 6),
  ('LG-2024-001', 'raise_fund', '2024-02-01', '440307', 180.00, 2, 180.00, 2);
INSERT INTO ledger.payments (voucher_no, project_code, district_code, source, paid_on, amount_yuan) VALUES
  ('PZ-GS-0001', 'GS-2024-001', '320508', 'owners', '2024-03-01', 4000.00),
  ('PZ-LG-0001', 'LG-2024-001', '440307', 'owners', '2024-03-01', 12000.00);
INSERT INTO ledger.inspections (inspection_code, compound_code, district_code, company_uscc, inspected_on, inspector, score) VALUES
  ('JC-GS-0001', 'GS-PJ-001', '320508', '91350100M000100Y43', '2024-04-01', '姑苏区住建局', 86.5),
  ('JC-LG-0001', 'LG-PH-001', '440307', '91440300MA5F00001A', '2024-04-01', '龙岗区住建局', 78.0);
INSERT INTO ledger.rectifications (inspection_code, item_no, district_code, issue, deadline) VALUES
  ('JC-GS-0001', 1, '320508', '消防通道堆物', '2024-04-15'), ('JC-LG-0001', 1, '440307', '垃圾清运不及时', '2024-04-15');
INSERT INTO ledger.complaints (complaint_code, compound_code, district_code, company_uscc, received_on, category) VALUES
  ('TS-GS-0001', 'GS-PJ-001', '320508', '91350100M000100Y43', '2024-05-01', 'cleaning'),
  ('TS-LG-0001', 'LG-PH-001', '440307', '91440300MA5F00001A', '2024-05-01', 'parking');
INSERT INTO ledger.surveys (compound_code, period, district_code, company_uscc, respondents, satisfied) VALUES
  ('GS-PJ-001', '2024-Q1', '320508', '91350100M000100Y43', 6, 5), ('LG-PH-001', '2024-Q1', '440307', '91440300MA5F00001A', 2, 1);
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
SELECT results_eq($$SELECT building, unit_no, amount_yuan FROM report.apportion('GS-2024-001')$$,
  $$VALUES ('1', '101', 125.00::numeric), ('1', '102', 166.67::numeric), ('2', '101', 125.00::numeric),
           ('2', '102', 166.67::numeric), ('10', '101', 208.34::numeric), ('10', '102', 208.33::numeric)$$,
  'apportion: by floor area to the fen, remaining fen to the largest remainders, ties in (building, unit_no) natural order');
SELECT is((SELECT sum(amount_yuan) FROM report.apportion('GS-2024-001')), 1000.01, 'apportion: the parts sum to the share exactly');

SELECT * FROM finish();
ROLLBACK;
