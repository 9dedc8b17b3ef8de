-- 006: management periods (SPEC §2.8).
SET client_encoding = 'UTF8';
BEGIN;
SELECT plan(8);

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

SELECT lives_ok($$INSERT INTO ledger.management (compound_code, start_on, district_code, mode, company_uscc, basis,
    fee_yuan_per_m2_month, end_on)
  VALUES ('GS-PJ-001', '2021-01-01', '320508', 'company', '91350100M000100Y43', 'tender', 0.85, '2023-12-31')$$,
  'a company period naming a known company is accepted');
SELECT throws_ok($$INSERT INTO ledger.management (compound_code, start_on, district_code, mode, end_on)
  VALUES ('GS-PJ-001', '2023-06-01', '320508', 'fallback', '2024-05-31')$$, '23P01', NULL,
  'management_periods_no_overlap refuses a period overlapping another of the same compound');
SELECT lives_ok($$INSERT INTO ledger.management (compound_code, start_on, district_code, mode)
  VALUES ('GS-PJ-001', '2024-01-01', '320508', 'self_managed')$$,
  'a period starting the day after the previous one ends is accepted');
SELECT throws_ok($$INSERT INTO ledger.management (compound_code, start_on, district_code, mode)
  VALUES ('LG-PH-001', '2024-01-01', '440307', 'company')$$, '23514', NULL,
  'management_company_matches_mode refuses a company period without a company');
SELECT throws_ok($$INSERT INTO ledger.management (compound_code, start_on, district_code, mode, company_uscc)
  VALUES ('LG-PH-001', '2024-01-01', '440307', 'self_managed', '91440300MA5F00001A')$$, '23514', NULL,
  'management_company_matches_mode refuses a self_managed period naming a company');
SELECT throws_ok($$INSERT INTO ledger.management (compound_code, start_on, district_code, mode, company_uscc, fee_yuan_per_m2_month)
  VALUES ('LG-PH-001', '2024-01-01', '440307', 'company', '91440300MA5F00001A', 185)$$, '23514', NULL,
  'management_fee_plausible refuses 185 yuan per m² per month (fen typed as yuan)');
SELECT lives_ok($$INSERT INTO ledger.management (compound_code, start_on, district_code, mode, company_uscc, fee_yuan_per_m2_month)
  VALUES ('LG-PH-001', '2024-01-01', '440307', 'company', '91440300MA5F00001A', 3.20)$$,
  'a fee of 3.20 yuan per m² per month is accepted');
SELECT throws_ok(format($$INSERT INTO ledger.management (compound_code, start_on, district_code, mode, company_uscc, end_on)
  VALUES ('LG-PH-001', '2020-01-01', '440307', 'company', %L, '2020-12-31'); SET CONSTRAINTS ALL IMMEDIATE$$,
  '91440300MA5F00002' || ledger.uscc_check_char('91440300MA5F00002')),
  '23503', NULL, 'management_company_fkey refuses a company period naming a valid but unknown USCC (at commit)');

SELECT * FROM finish();
ROLLBACK;
