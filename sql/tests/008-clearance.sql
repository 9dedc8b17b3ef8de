-- 008: clearance cases (SPEC §2.9).
SET client_encoding = 'UTF8';
BEGIN;
SELECT plan(6);

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

SELECT lives_ok($$INSERT INTO ledger.clearance (compound_code, identified_on, district_code, target_on)
  VALUES ('GS-PJ-001', '2023-03-15', '320508', '2023-12-31')$$, 'an open case is accepted');
SELECT throws_ok($$INSERT INTO ledger.clearance (compound_code, identified_on, district_code, resolution)
  VALUES ('LG-PH-001', '2023-03-15', '440307', 'company_takeover')$$, '23514', NULL,
  'clearance_resolution_and_date_together refuses a resolution without resolved_on');
SELECT throws_ok($$INSERT INTO ledger.clearance (compound_code, identified_on, district_code, resolved_on)
  VALUES ('LG-PH-001', '2023-03-15', '440307', '2023-09-01')$$, '23514', NULL,
  'clearance_resolution_and_date_together refuses resolved_on without a resolution');
SELECT throws_ok($$INSERT INTO ledger.clearance (compound_code, identified_on, district_code)
  VALUES ('GS-PJ-001', '2023-04-01', '320508')$$, '23505', NULL,
  'clearance_one_open_case_per_compound refuses a second open case');
SELECT lives_ok($$UPDATE ledger.clearance SET resolution = 'self_management', resolved_on = '2023-08-01'
  WHERE compound_code = 'GS-PJ-001';
  INSERT INTO ledger.clearance (compound_code, identified_on, district_code) VALUES ('GS-PJ-001', '2024-04-01', '320508')$$,
  'once the first case is resolved, a new open case is accepted');
SELECT throws_ok($$INSERT INTO ledger.clearance (compound_code, identified_on, district_code, resolution, resolved_on)
  VALUES ('LG-PH-001', '2023-03-15', '440307', 'community_fallback', '2023-03-01')$$, '23514', NULL,
  'clearance_resolved_not_before_identified refuses a case resolved before it was found');

SELECT * FROM finish();
ROLLBACK;
